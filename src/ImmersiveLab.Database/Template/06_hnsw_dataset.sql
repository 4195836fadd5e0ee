-- Lab 6's generated vectors, kept here so that a step opened directly can copy them (its setup cells) instead of
-- generating them again. The statements are those of lab 6's `generate` cell, in the same order from the same seed,
-- so these are the very rows a learner's cell makes (a test compares them): 100 clusters of 300 points in 32
-- dimensions, a category 0-99 independent of the cluster, and 50 query vectors near some of the centres.
SELECT setseed(0.42);

CREATE TABLE lab.centres AS
SELECT c AS cluster, array_agg(random() * 2 - 1 ORDER BY d)::vector(32) AS v
FROM generate_series(1, 100) AS c, generate_series(1, 32) AS d
GROUP BY c;

CREATE TABLE lab.items (id int PRIMARY KEY, cluster int, category int, v vector(32));
INSERT INTO lab.items
SELECT i, c.cluster, floor(random() * 100)::int, c.v + n.noise
FROM generate_series(1, 30000) AS i
JOIN lab.centres AS c ON c.cluster = 1 + i % 100
CROSS JOIN LATERAL (SELECT array_agg((random() - 0.5) * 0.6)::vector(32) AS noise
                    FROM generate_series(1, 32) WHERE i > 0) AS n;

CREATE TABLE lab.queries AS
SELECT q AS qid, c.v + n.noise AS v
FROM generate_series(1, 50) AS q
JOIN lab.centres AS c ON c.cluster = 1 + (q * 37) % 100
CROSS JOIN LATERAL (SELECT array_agg((random() - 0.5) * 0.6)::vector(32) AS noise
                    FROM generate_series(1, 32) WHERE q > 0) AS n;

ANALYZE lab.centres, lab.items, lab.queries;
COMMENT ON TABLE lab.items IS 'Lab 6: the rows its generate cell makes (30 000 clustered vectors in 32 dimensions)';
COMMENT ON TABLE lab.queries IS 'Lab 6: the 50 query vectors its generate cell makes';
GRANT SELECT ON lab.centres, lab.items, lab.queries TO PUBLIC;
