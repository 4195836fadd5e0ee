-- pg_locks shows every session's locks, so the lock-down (09) closes it to learners. Lab 6 shows which lock a
-- CREATE INDEX takes: lab.my_locks() is pg_locks for the caller's own backend only. SECURITY DEFINER (its owner may
-- read pg_locks) with a fixed search_path; it filters on pg_backend_pid(), which is the caller's backend, so it can
-- never show another session's locks.
CREATE FUNCTION lab.my_locks()
RETURNS TABLE (locktype text, relation regclass, mode text, granted boolean)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT l.locktype, l.relation::regclass, l.mode, l.granted
    FROM pg_catalog.pg_locks AS l
    WHERE l.pid = pg_catalog.pg_backend_pid()
$$;
REVOKE ALL ON FUNCTION lab.my_locks() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lab.my_locks() TO PUBLIC;
COMMENT ON FUNCTION lab.my_locks() IS 'The rows of pg_locks for your own session';
