-- The imgsmlr extension itself, when the server has it (some cloud PostgreSQL services do): the template builder
-- creates it in schema public before this script runs, and only then. These helpers let lab cells show the
-- extension's own values beside the workbook's without failing where it is missing.
-- Only the absent path can be exercised on the lab's own server (imgsmlr is not packaged for it).

CREATE FUNCTION lab.imgsmlr_available()
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, lab
AS $$
    SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'imgsmlr')
$$;
COMMENT ON FUNCTION lab.imgsmlr_available() IS
    'true when this database has the imgsmlr extension (then lab.imgsmlr_signature shows its values)';

-- The extension's signature of an image as the extension prints it, or NULL when the extension is missing or the
-- bytes are not JPEG, PNG or GIF. Its functions are called through EXECUTE, so this body compiles without them.
CREATE FUNCTION lab.imgsmlr_signature(image bytea)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, lab
AS $$
DECLARE
    decoder text := CASE
        WHEN substring(image FROM 1 FOR 3) = '\xffd8ff'::bytea THEN 'jpeg2pattern'
        WHEN substring(image FROM 1 FOR 8) = '\x89504e470d0a1a0a'::bytea THEN 'png2pattern'
        WHEN substring(image FROM 1 FOR 4) = '\x47494638'::bytea THEN 'gif2pattern'
    END;
    home text;
    result text;
BEGIN
    SELECT n.nspname INTO home
    FROM pg_catalog.pg_extension AS e JOIN pg_catalog.pg_namespace AS n ON n.oid = e.extnamespace
    WHERE e.extname = 'imgsmlr';
    IF home IS NULL OR decoder IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT %1$I.pattern2signature(%1$I.%2$I($1))::text', home, decoder) INTO result USING image;
    RETURN result;
END
$$;
COMMENT ON FUNCTION lab.imgsmlr_signature(bytea) IS
    'The imgsmlr extension''s own signature of a JPEG, PNG or GIF (its text), or NULL without the extension';
