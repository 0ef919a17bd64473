-- pgTAP: synth_knn, the nearest-neighbour search shared by evaluation and imputation.
BEGIN;
SELECT plan(7);

SELECT results_eq(
    $$SELECT reference, round(distance::numeric, 6) FROM synth_knn('{{0,1},{10,2},{5,NULL}}', '{{4,1}}', 3, '{f,t}') ORDER BY rank$$,
    $$VALUES (1, 0.200000), (3, 0.550000), (2, 0.800000)$$,
    'hand-computed distances: numeric scaled by the range, categorical 0/1, one NULL 1');

-- random mixed matrix: tree and exhaustive search give the same k-th distances
CREATE TEMP TABLE m AS
SELECT (SELECT array_agg(ARRAY[a, b * 10, floor(c * 4)] ORDER BY i)
          FROM synth_uniform(2000, seed => 1) WITH ORDINALITY x(a, i)
          JOIN synth_uniform(2000, seed => 2) WITH ORDINALITY y(b, i) USING (i)
          JOIN synth_uniform(2000, seed => 3) WITH ORDINALITY z(c, i) USING (i)) AS ref,
       (SELECT array_agg(ARRAY[a, b * 10, floor(c * 4)] ORDER BY i)
          FROM synth_uniform(200, seed => 4) WITH ORDINALITY x(a, i)
          JOIN synth_uniform(200, seed => 5) WITH ORDINALITY y(b, i) USING (i)
          JOIN synth_uniform(200, seed => 6) WITH ORDINALITY z(c, i) USING (i)) AS qry;
SELECT results_eq(
    $$SELECT query, rank, round(distance::numeric, 12) FROM m, synth_knn(ref, qry, 5, '{f,f,t}') ORDER BY 1, 2$$,
    $$SELECT query, rank, round(distance::numeric, 12) FROM m, synth_knn(ref, qry, 5, '{f,f,t}', exhaustive => true) ORDER BY 1, 2$$,
    'vantage-point tree distances equal exhaustive search');
SELECT is((SELECT count(*) FROM m, synth_knn(ref, ref, 1, '{f,f,t}') WHERE distance = 0),
          2000::bigint, 'every reference row is its own nearest neighbour at distance 0');

SELECT throws_ok($$SELECT * FROM synth_knn('{{1,2}}', '{{1}}')$$, '2202E', NULL,
                 'different column counts');
SELECT throws_ok($$SELECT * FROM synth_knn('{{1,2}}', '{{1,2}}', 0)$$, '22023', NULL, 'k < 1');
SELECT throws_ok($$SELECT * FROM synth_knn(NULL, '{{1,2}}')$$, '22004', NULL, 'NULL reference');
SELECT throws_ok($$SELECT * FROM synth_knn('{{1,2}}', '{{NaN,2}}')$$, '22023', NULL, 'NaN element');

SELECT * FROM finish();
ROLLBACK;
