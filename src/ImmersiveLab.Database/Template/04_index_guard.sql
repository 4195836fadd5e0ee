-- A guard for measurements that only mean something through an index (lab 6's recall cells and checks): raises a
-- clear error when the plan of `query` does not use the index `index_name`, instead of letting a recall be measured
-- on an exact scan (which always gives 1.0, e.g. after an index build timed out). Returns the index name.
-- Runs as the learner (SECURITY INVOKER) and with the learner's search_path, so the query sees their tables.
CREATE FUNCTION lab.require_index(query text, index_name text)
RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
    IF pg_catalog.strpos(plan::text, '"Index Name": "' || index_name || '"') = 0 THEN
        RAISE EXCEPTION 'nothing measured: the plan does not use the index %, so this would measure an exact scan', index_name
            USING HINT = 'An exact scan always finds the true neighbours (recall 1.0). Build the index (its cell in an '
                         'earlier step, or the step''s setup), then run this again.',
                  ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN index_name;
END $$;
COMMENT ON FUNCTION lab.require_index(text, text) IS 'Fails unless the plan of the query uses the named index';
