-- imgsmlr's shuffle_pattern in SQL (algorithm notes, section 5), bit for bit the extension's values.
-- For n = 32, 16, 8, 4 every cell of the regions H_n, V_n and D_n becomes a weighted RMS of the cells around it
-- within its own region, radius w = n / 4, weight r = 1 - distance / w (computed in double, rounded to float),
-- neighbours with r <= 0 skipped. Levels 2 and 1 and the mean are copied. The C code adds in float32 with the
-- neighbour's x (ii) outer and y (jj) inner; real_sum_in_order adds reals in float32 in the order it is given.

CREATE AGGREGATE lab.real_sum_in_order(real) (
    SFUNC = pg_catalog.float4pl,
    STYPE = real,
    INITCOND = '0'
);
COMMENT ON AGGREGATE lab.real_sum_in_order(real) IS
    'Sum of reals in float32 (sum() adds in double): with ORDER BY, the same rounding as a C loop over floats';

CREATE FUNCTION lab.shuffle_pattern(p public.vector)
RETURNS public.vector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, lab
AS $$
    WITH a AS MATERIALIZED (SELECT p::real[] AS v),
         offsets AS MATERIALIZED (
           SELECT o.w, o.di, o.dj, o.r
           FROM (SELECT ws.w, di, dj, (1.0::float8 - sqrt((di * di + dj * dj)::float8) / ws.w::float8)::real AS r
                 FROM (VALUES (8), (4), (2), (1)) AS ws(w),
                      generate_series(-ws.w, ws.w) AS di,
                      generate_series(-ws.w, ws.w) AS dj) AS o
           WHERE o.r > 0),
         targets AS (
           SELECT l.n / 4 AS w, r.x0, r.y0, l.n, i, j
           FROM (VALUES (32), (16), (8), (4)) AS l(n)
           CROSS JOIN LATERAL (VALUES (l.n, 0), (0, l.n), (l.n, l.n)) AS r(x0, y0)
           CROSS JOIN LATERAL generate_series(r.x0, r.x0 + l.n - 1) AS i
           CROSS JOIN LATERAL generate_series(r.y0, r.y0 + l.n - 1) AS j),
         blurred AS (
           SELECT 64 * t.i + t.j AS k, b.v
           FROM targets AS t
           CROSS JOIN LATERAL (
             SELECT sqrt(lab.real_sum_in_order((nb.x * nb.x) * o.r ORDER BY o.di, o.dj)
                         / lab.real_sum_in_order(o.r ORDER BY o.di, o.dj))::real AS v
             FROM offsets AS o
             CROSS JOIN LATERAL (SELECT (SELECT a.v FROM a)[64 * (t.i + o.di) + t.j + o.dj + 1] AS x) AS nb
             WHERE o.w = t.w
               AND t.i + o.di >= t.x0 AND t.i + o.di < t.x0 + t.n
               AND t.j + o.dj >= t.y0 AND t.j + o.dj < t.y0 + t.n) AS b)
    SELECT array_agg(coalesce(b.v, (SELECT a.v FROM a)[k.k + 1]) ORDER BY k.k)::public.vector(4096)
    FROM generate_series(0, 4095) AS k(k)
    LEFT JOIN blurred AS b ON b.k = k.k
    WHERE public.vector_dims(p) = 4096
$$;
COMMENT ON FUNCTION lab.shuffle_pattern(public.vector) IS
    'imgsmlr shuffle_pattern: detail regions of levels 32-4 blurred (weighted RMS, radius n/4); slow (about a second), lab.*.shuffled_pattern has it precomputed';
