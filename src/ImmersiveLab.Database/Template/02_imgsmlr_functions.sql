-- imgsmlr-like helpers for the labs (lab 4 "From picture to numbers", lab 5 "Similar-image search").
-- The imgsmlr extension itself is not installed; a pattern is stored as vector(4096) in the extension's
-- i-major order (index k = 64*x + y, x the image column) and a signature as vector(16).
-- See the project's imgsmlr algorithm notes, sections 3, 4, 6 and 8.
-- Runs as the cluster owner after 01_schema.sql. The vector extension lives in schema public, so its types,
-- operators and functions are schema-qualified below: every function pins search_path to pg_catalog, lab,
-- which keeps objects a learner creates in their own public schema from changing what these functions do.

-- One row per cell of a 64×64 Haar pattern: where it is, which region and level it belongs to, the weight
-- the pattern distance gives it, and its value. Level n (32 finest … 1 coarsest) holds the cells with
-- n <= max(x, y) < 2n; region H (x >= n, y < n), V (x < n, y >= n) or D (both >= n). Cell (0,0) is the mean.
CREATE FUNCTION lab.pattern_cells(p public.vector)
RETURNS TABLE (k int, x int, y int, region text, level_n int, weight int, value real)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, lab
AS $$
    SELECT c.k, c.x, c.y,
           CASE WHEN c.n = 0 THEN 'mean'
                WHEN c.x >= c.n AND c.y < c.n THEN 'H'
                WHEN c.x < c.n AND c.y >= c.n THEN 'V'
                ELSE 'D' END,
           c.n,
           CASE WHEN c.n = 0 THEN 64 ELSE 32 / c.n END,
           c.v
    FROM (
        SELECT (u.ord - 1)::int AS k, ((u.ord - 1) / 64)::int AS x, ((u.ord - 1) % 64)::int AS y, u.v,
               CASE WHEN greatest((u.ord - 1) / 64, (u.ord - 1) % 64) >= 32 THEN 32
                    WHEN greatest((u.ord - 1) / 64, (u.ord - 1) % 64) >= 16 THEN 16
                    WHEN greatest((u.ord - 1) / 64, (u.ord - 1) % 64) >= 8 THEN 8
                    WHEN greatest((u.ord - 1) / 64, (u.ord - 1) % 64) >= 4 THEN 4
                    WHEN greatest((u.ord - 1) / 64, (u.ord - 1) % 64) >= 2 THEN 2
                    WHEN greatest((u.ord - 1) / 64, (u.ord - 1) % 64) >= 1 THEN 1
                    ELSE 0 END AS n
        FROM unnest(p::real[]) WITH ORDINALITY AS u(v, ord)
    ) AS c
    WHERE public.vector_dims(p) = 4096
$$;
COMMENT ON FUNCTION lab.pattern_cells(public.vector) IS
    'The 4096 cells of an imgsmlr pattern (index k = 64*x + y) with region (H, V, D, mean), level n and distance weight';

-- The weight of each cell in the pattern distance: 1, 2, 4, 8, 16, 32 for levels n = 32 … 1 and 64 for the mean.
CREATE FUNCTION lab.pattern_weights()
RETURNS public.vector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, lab
AS $$
    SELECT array_agg(c.weight::real ORDER BY c.k)::public.vector(4096)
    FROM lab.pattern_cells(array_fill(0::real, ARRAY[4096])::public.vector) AS c
$$;
COMMENT ON FUNCTION lab.pattern_weights() IS
    'vector(4096) of the imgsmlr pattern-distance weights per cell (1 … 32 by level, 64 for the mean)';

-- imgsmlr's pattern <-> pattern: sqrt of the weighted sum of squared differences, cell by cell.
CREATE FUNCTION lab.pattern_distance(a public.vector, b public.vector)
RETURNS real
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, lab
AS $$
    SELECT sqrt(public.inner_product((a OPERATOR(public.-) b) OPERATOR(public.*) (a OPERATOR(public.-) b),
                                     lab.pattern_weights()))::real
$$;
COMMENT ON FUNCTION lab.pattern_distance(public.vector, public.vector) IS
    'imgsmlr pattern distance: level weights 1,2,4,8,16,32 on squared region differences, 64 on the mean';

-- imgsmlr's pattern2signature: for levels n = 16, 8, 4, 2, 1 the norms of the H, V and D regions times
-- m = 1, 2, 4, 8, 16 (the finest level, n = 32, is left out), then the mean P[0][0].
-- A region [x0, x0+n) × [y0, y0+n) is n runs of n consecutive values (k = 64*x + y), one per column x,
-- so its norm is sqrt(Σ over x of vector_norm(subvector(p, 64*x + y0 + 1, n))²).
CREATE FUNCTION lab.pattern2signature(p public.vector)
RETURNS public.vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, lab
AS $$
    SELECT array_agg(s.v ORDER BY s.pos)::public.vector(16)
    FROM (
        SELECT 3 * lv.l + r.r AS pos,
               ((1 << lv.l) * sqrt(sum(public.vector_norm(public.subvector(p, 64 * x.x + r.y0 + 1, lv.n)) ^ 2)))::real AS v
        FROM (SELECT l, 16 >> l AS n FROM generate_series(0, 4) AS l) AS lv
             CROSS JOIN LATERAL (VALUES (0, lv.n, 0), (1, 0, lv.n), (2, lv.n, lv.n)) AS r(r, x0, y0)
             CROSS JOIN LATERAL generate_series(r.x0, r.x0 + lv.n - 1) AS x(x)
        WHERE public.vector_dims(p) = 4096
        GROUP BY lv.l, r.r
        UNION ALL
        SELECT 15, (public.subvector(p, 1, 1)::real[])[1]
    ) AS s
$$;
COMMENT ON FUNCTION lab.pattern2signature(public.vector) IS
    'imgsmlr pattern2signature: 16 numbers, m*norm(H_n), m*norm(V_n), m*norm(D_n) for n = 16..1, m = 16/n, then the mean';

-- The text the extension prints for a signature (or any vector): (v1, v2, …) with six decimals.
CREATE FUNCTION lab.signature_text(s public.vector)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, lab
AS $$
    SELECT '(' || string_agg(CASE WHEN u.v = 'NaN'::real THEN 'NaN'
                                  WHEN u.v = 'Infinity'::real THEN 'Infinity'
                                  WHEN u.v = '-Infinity'::real THEN '-Infinity'
                                  ELSE to_char(round(u.v::float8::numeric, 6), 'FM999999999999990.000000') END,
                             ', ' ORDER BY u.ord) || ')'
    FROM unnest(s::real[]) WITH ORDINALITY AS u(v, ord)
$$;
COMMENT ON FUNCTION lab.signature_text(public.vector) IS
    'A signature in the imgsmlr extension''s text format, e.g. (0.253968, 0.000000, …)';

GRANT EXECUTE ON FUNCTION lab.pattern_cells(public.vector),
                          lab.pattern_weights(),
                          lab.pattern_distance(public.vector, public.vector),
                          lab.pattern2signature(public.vector),
                          lab.signature_text(public.vector)
      TO PUBLIC;
