-- synth_knn: exact k-nearest-neighbour search under the SDMetrics DCR distance
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;
SET extra_float_digits = 0;

-- Hand-computed.  Reference rows (x numeric, c categorical code):
--   r1 = (0, 1), r2 = (10, 2), r3 = (5, NULL); range of x = 10 - 0 = 10.
-- Query (4, 1):    r1 (0.4 + 0)/2 = 0.2,  r2 (0.6 + 1)/2 = 0.8,  r3 (0.1 + 1)/2 = 0.55
-- Query (NULL, NULL): r1 (1 + 1)/2 = 1,  r2 1,  r3 (1 + 0)/2 = 0.5   (both NULL -> 0)
-- Query (30, 2):   r1 (min(3, 1) + 1)/2 = 1,  r2 (min(2, 1) + 0)/2 = 0.5,  r3 (1 + 1)/2 = 1
SELECT query, rank, reference, round(distance::numeric, 6) AS distance
FROM synth_knn('{{0,1},{10,2},{5,NULL}}', '{{4,1},{NULL,NULL},{30,2}}', 3, '{f,t}')
ORDER BY query, rank;

-- k larger than the reference: every row, nearest first
SELECT count(*) FROM synth_knn('{{0},{1}}', '{{0.2}}', 5);

-- one-dimensional arrays are a single numeric column
SELECT reference, distance FROM synth_knn('{1,2,3,10}', '{2.9}', 2);

-- a constant numeric column (range 0): 0 when equal, else 1
SELECT reference, distance FROM synth_knn('{{7,0},{7,1}}', '{{8,1}}', 2);

-- the tree gives the distances of an exhaustive search: 3,000 reference rows
-- (two numeric columns with 10% NULLs, two categorical codes), 300 queries
CREATE TEMP TABLE knn_ref AS
SELECT i,
       CASE WHEN n1 < 0.1 THEN NULL ELSE u1 END AS x1,
       u2 * 100 AS x2,
       floor(u3 * 3) AS c1,
       floor(u4 * 5) AS c2
FROM synth_uniform(3000, seed => 11) WITH ORDINALITY a(u1, i)
JOIN synth_uniform(3000, seed => 12) WITH ORDINALITY b(u2, i) USING (i)
JOIN synth_uniform(3000, seed => 13) WITH ORDINALITY c(u3, i) USING (i)
JOIN synth_uniform(3000, seed => 14) WITH ORDINALITY d(u4, i) USING (i)
JOIN synth_uniform(3000, seed => 15) WITH ORDINALITY e(n1, i) USING (i);
CREATE TEMP TABLE knn_arr AS
SELECT (SELECT array_agg(ARRAY[x1, x2, c1, c2] ORDER BY i) FROM knn_ref) AS ref,
       (SELECT array_agg(ARRAY[x1 + 0.01, x2 * 1.1, (c2::int % 3)::float8, c1] ORDER BY i)
          FROM knn_ref WHERE i % 10 = 0) AS qry;
WITH t AS (SELECT s.* FROM knn_arr, synth_knn(ref, qry, 4, '{f,f,t,t}') s),
     e AS (SELECT s.* FROM knn_arr, synth_knn(ref, qry, 4, '{f,f,t,t}', exhaustive => true) s)
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE abs(t.distance - e.distance) > 1e-12) AS mismatches
FROM t JOIN e USING (query, rank);

-- the distance of a reported neighbour is the distance of that row
WITH t AS (SELECT s.* FROM knn_arr, synth_knn(ref, qry, 1, '{f,f,t,t}') s)
SELECT count(*) AS checked,
       count(*) FILTER (WHERE abs(t.distance - e.distance) > 1e-12) AS wrong
FROM t JOIN (SELECT s.* FROM knn_arr, synth_knn(ref, qry, 3000, '{f,f,t,t}', exhaustive => true) s) e
  ON e.query = t.query AND e.reference = t.reference;

-- deterministic: the same call twice gives the same neighbours
SELECT (SELECT array_agg(reference ORDER BY query, rank) FROM knn_arr, synth_knn(ref, qry, 2, '{f,f,t,t}'))
     = (SELECT array_agg(reference ORDER BY query, rank) FROM knn_arr, synth_knn(ref, qry, 2, '{f,f,t,t}'))
  AS same;

-- eligible: only the flagged reference rows may be returned (the others still
-- guide the search); the tree agrees with the exhaustive search
WITH f AS (SELECT array_agg(i % 3 = 0 ORDER BY i) AS e FROM generate_series(1, 3000) i),
     t AS (SELECT s.* FROM knn_arr, f, synth_knn(ref, qry, 3, '{f,f,t,t}', eligible => e) s),
     x AS (SELECT s.* FROM knn_arr, f, synth_knn(ref, qry, 3, '{f,f,t,t}', exhaustive => true, eligible => e) s)
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE t.reference % 3 <> 0) AS ineligible,
       count(*) FILTER (WHERE abs(t.distance - x.distance) > 1e-12) AS mismatches
FROM t JOIN x USING (query, rank);
SELECT * FROM synth_knn('{{1},{2}}', '{{1}}', 2, eligible => '{f,t}');
SELECT * FROM synth_knn('{{1},{2}}', '{{1}}', 2, eligible => '{t}');

-- empty inputs give no rows
SELECT count(*) FROM synth_knn('{}', '{{1}}');

-- errors
SELECT * FROM synth_knn('{{1,2}}', '{{1}}');
SELECT * FROM synth_knn('{{1,2}}', '{{1,2}}', 0);
SELECT * FROM synth_knn('{{1,2}}', '{{1,2}}', 1, '{t}');
SELECT * FROM synth_knn(NULL, '{{1,2}}');
SELECT * FROM synth_knn('{{1,2}}', '{{1,NaN}}');
SELECT * FROM synth_knn('{{{1}}}', '{{1}}');
