-- pgTAP: model imputation is the conditional Gaussian of the fitted copula.
--
-- y = 2x + e with x ~ N(0, 1) and e ~ N(0, 0.5^2), 2,000 rows, y hidden in
-- every fifth row.  The point imputation (draw: false) must lie on the
-- conditional line E[y | x] = 2x: the residuals y - 2x average near 0, the
-- imputed y regress on x with slope near 2 and the error against the
-- hidden truth is near the noise's standard deviation 0.5 (a constant at
-- the mean errs by about 2.06).  Single draws must keep the conditional
-- spread: the residuals of the draws have a standard deviation near 0.5.
-- Multiple imputation: 30 seeds give different values for each hidden cell
-- (at least 25 of 30: values near the ends of the marginal's grid may tie),
-- spread around the conditional mean with a standard deviation near 0.5.
-- A category g cut from x + noise (lo / mid / hi, 32% / 51% / 17%) is the
-- parent of conditional marginals F(x | g), F(y | g): hidden g is drawn
-- from its posterior given the row's x and y, and hidden y is scored
-- within the row's category (measured: accuracy 0.83 against the mode's
-- share of about 0.5; RMSE below 0.6 against the noise's 0.5).
-- The copula's marginals are 257-point quantile grids fitted on 2,000 (x)
-- and 1,600 (y) values, so tolerances allow about 20% on spreads.
BEGIN;
SELECT plan(13);

CREATE TEMP TABLE cl_truth AS
SELECT a.i AS id, a.x, 2 * a.x + 0.5 * b.e AS y
FROM (SELECT row_number() OVER () AS i, x FROM synth_normal(2000, seed => 11) x) a
JOIN (SELECT row_number() OVER () AS i, e FROM synth_normal(2000, seed => 12) e) b USING (i);
CREATE TEMP TABLE cl (id bigint PRIMARY KEY, x float8, y float8);
INSERT INTO cl SELECT id, x, CASE WHEN id % 5 = 0 THEN NULL ELSE y END FROM cl_truth;
SET client_min_messages = warning;
CREATE TEMP TABLE cl_point AS
SELECT i.* FROM synth_impute(NULL::cl, 'model', '{"draw": false}', seed => 1) i WHERE id % 5 = 0;
CREATE TEMP TABLE cl_draw AS
SELECT i.* FROM synth_impute(NULL::cl, 'model', seed => 1) i WHERE id % 5 = 0;
CREATE TEMP TABLE cl_multi AS
SELECT s AS seed, i.* FROM generate_series(1, 30) s,
       LATERAL synth_impute(NULL::cl, 'model', seed => s) i WHERE id % 5 = 0 AND id <= 200;
RESET client_min_messages;
SELECT diag(format('point RMSE %s, draw residual sd %s, spread across seeds %s',
    (SELECT round(sqrt(avg((p.y - t.y) ^ 2))::numeric, 3) FROM cl_point p JOIN cl_truth t USING (id)),
    (SELECT round(stddev(y - 2 * x)::numeric, 3) FROM cl_draw),
    (SELECT round(sqrt(avg(v))::numeric, 3) FROM (SELECT id, var_samp(y) AS v FROM cl_multi GROUP BY id) s)));

SELECT cmp_ok((SELECT abs(avg(y - 2 * x)) FROM cl_point), '<', 0.1::float8,
              'point imputation: residuals from the line y = 2x average within 0.1 of 0');
SELECT cmp_ok((SELECT abs(regr_slope(y, x) - 2) FROM cl_point), '<', 0.15::float8,
              'point imputation: the imputed y regress on x with slope 2 +- 0.15');
SELECT cmp_ok((SELECT sqrt(avg((p.y - t.y) ^ 2)) FROM cl_point p JOIN cl_truth t USING (id)), '<', 0.6::float8,
              'point imputation: RMSE against the hidden values below 0.6 (noise 0.5, mean 2.06)');
SELECT ok((SELECT stddev(y - 2 * x) BETWEEN 0.4 AND 0.65 FROM cl_draw),
          'single draws: residual standard deviation within 0.4 .. 0.65 (conditional 0.5)');
SELECT cmp_ok((SELECT abs(avg(y - 2 * x)) FROM cl_draw), '<', 0.1::float8,
              'single draws: residuals average within 0.1 of 0');
SELECT cmp_ok((SELECT min(n) FROM (SELECT id, count(DISTINCT y) AS n FROM cl_multi GROUP BY id) s), '>=', 25::bigint,
              'multiple imputation: 30 seeds give at least 25 different values for every hidden cell');
SELECT ok((SELECT sqrt(avg(v)) BETWEEN 0.4 AND 0.65
           FROM (SELECT id, var_samp(y) AS v FROM cl_multi GROUP BY id) s),
          'multiple imputation: spread across seeds within 0.4 .. 0.65 (conditional sd 0.5)');
SELECT cmp_ok((SELECT max(abs(m - 2 * x)) FROM (SELECT id, x, avg(y) AS m FROM cl_multi GROUP BY id, x) s), '<', 0.4::float8,
              'multiple imputation: each cell''s mean over 30 seeds within 0.4 of 2x (4 standard errors)');

-- a categorical parent: g hidden in every fifth row, y in the next
CREATE TEMP TABLE cg_truth AS
SELECT id, x, CASE WHEN x + 0.3 * e > 1.0 THEN 'hi' WHEN x + 0.3 * e > -0.5 THEN 'mid' ELSE 'lo' END AS g, y
FROM cl_truth JOIN (SELECT row_number() OVER () AS id, e FROM synth_normal(2000, seed => 13) e) n USING (id);
CREATE TEMP TABLE cg (id bigint PRIMARY KEY, x float8, g text, y float8);
INSERT INTO cg SELECT id, x, CASE WHEN id % 5 = 0 THEN NULL ELSE g END,
                      CASE WHEN id % 5 = 1 THEN NULL ELSE y END FROM cg_truth;
SET client_min_messages = warning;
CREATE TEMP TABLE cg_point AS SELECT * FROM synth_impute(NULL::cg, 'model', '{"draw": false}', seed => 1);
RESET client_min_messages;
SELECT is((SELECT count(*) FROM synth_fit('cg') m, jsonb_array_elements(m->'columns') c
           WHERE c->>'name' IN ('x', 'y') AND c ? 'conditional'), 2::bigint,
          'the fitted model has conditional marginals F(x | g) and F(y | g)');
SELECT cmp_ok((SELECT avg((p.g = t.g)::int)::float8 FROM cg_point p JOIN cg_truth t USING (id) WHERE id % 5 = 0), '>',
              (SELECT max(n)::float8 / sum(n) FROM (SELECT g, count(*) AS n FROM cg_truth GROUP BY g) s) + 0.2,
              'categorical parent: hidden g imputed 0.2 more accurately than the mode');
SELECT cmp_ok((SELECT sqrt(avg((p.y - t.y) ^ 2)) FROM cg_point p JOIN cg_truth t USING (id) WHERE id % 5 = 1), '<', 0.6::float8,
              'conditional marginal: hidden y within its category errs below 0.6');
-- condition_on_nulls: NULL indicators conditioned on too; every cell filled, reproducible
SELECT is((SELECT count(*) FROM synth_impute(NULL::cg, 'model', '{"condition_on_nulls": true}', seed => 2)
           WHERE g IS NULL OR y IS NULL), 0::bigint, 'condition_on_nulls: every cell filled');
SELECT results_eq($$SELECT * FROM synth_impute(NULL::cg, 'model', '{"condition_on_nulls": true}', seed => 2) ORDER BY id$$,
                  $$SELECT * FROM synth_impute(NULL::cg, 'model', '{"condition_on_nulls": true}', seed => 2) ORDER BY id$$,
                  'condition_on_nulls: the same seed gives the same rows');

SELECT * FROM finish();
ROLLBACK;
