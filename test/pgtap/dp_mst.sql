-- pgTAP: the MST dependence of a differentially private fit (dp_mst.c), and
-- NOT NULL columns under DP.
--
--  * the 2-way measurement's noise against N(0, sigma^2) (KS, 100 seeded
--    fits of a table whose true 2x2 table is known, alpha = 0.001);
--  * the budget split of MST against its formula, by hand;
--  * a strong 2-way association kept by the tree at epsilon 10 (and lost
--    without dependence, so that the check can fail);
--  * NOT NULL columns never NULL at epsilon 0.1, by both methods;
--  * an empirical audit of the 2-way release (neighbouring tables, one
--    extra row in a cell that is empty otherwise), with its power shown on
--    the same releases with a twentieth of their noise;
--  * reproducibility with noise_seed; bad options and bad models.
BEGIN;
SELECT plan(27);

-- ---- the 2-way measurement's noise ------------------------------------------------

-- two categorical columns whose cells are fixed: a ('p' 200 rows, 'q' 100:
-- released in that order) and flag (false, true): true table
-- [[p,false] 50, [p,true] 150, [q,false] 100, [q,true] 0]
CREATE TEMP TABLE m2 (a text NOT NULL, flag boolean NOT NULL);
INSERT INTO m2 SELECT 'p', true FROM generate_series(1, 150);
INSERT INTO m2 SELECT 'p', false FROM generate_series(1, 50);
INSERT INTO m2 SELECT 'q', false FROM generate_series(1, 100);

CREATE FUNCTION pg_temp.measured(t regclass, s int, eps float8 DEFAULT 1)
RETURNS TABLE (cell int, noisy float8, sigma float8, cats text) LANGUAGE sql AS $$
    WITH m AS (SELECT synth_fit(t, jsonb_build_object('epsilon', eps, 'noise_seed', s,
                                                      'dp_method', 'mst')) AS m),
         b AS (SELECT e FROM m, jsonb_array_elements(m->'privacy'->'budget') e
               WHERE e->>'statistic' = '2-way marginals')
    SELECT (x.ord - 1)::int, x.v::float8, (b.e->>'sigma')::float8,
           (SELECT string_agg(c->>'value', ',' ORDER BY o)
            FROM m, jsonb_array_elements(m->'columns') cc,
                 jsonb_array_elements(cc->'categories') WITH ORDINALITY AS q(c, o)
            WHERE cc->>'name' = 'a')
    FROM b, jsonb_array_elements_text(b.e->'noisy'->0) WITH ORDINALITY AS x(v, ord)
$$;
CREATE TEMP TABLE meas AS
SELECT s, m.* FROM generate_series(1, 100) s, pg_temp.measured('m2', s) m;

SELECT is((SELECT count(DISTINCT s) FROM meas WHERE cats = 'p,q'), 100::bigint,
          'the 2x2 table is measured in every fit, with the cells in a known order');
SELECT ok(max(greatest(i::float8 / cnt - f, f - (i - 1)::float8 / cnt)) < 1.949 / sqrt(400),
          'MST 2-way noise: KS D against N(0, sigma^2) below the alpha = 0.001 critical value')
FROM (SELECT synth_cdf('normal', r, '{0,1}') AS f, row_number() OVER (ORDER BY r) AS i,
             count(*) OVER () AS cnt
      FROM (SELECT (noisy - (ARRAY[50, 150, 100, 0])[cell + 1]) / sigma AS r FROM meas) q) s;
SELECT ok(abs(avg(sigma) - 1 / sqrt(2 * synth_dp_rho(1, 5e-7) / 4)) < 1e-3,
          'MST 2-way noise: sigma = 1 / sqrt(2 rho / 4) for one table')
FROM meas;

-- ---- accounting ---------------------------------------------------------------------

-- x (number), g (text), b (boolean): rho = rho(1, 5e-7) = 0.0229374467;
-- 5/8 to the row count and marginals (13 units), 1/8 to the selection (2
-- rounds of eps sqrt(8 (rho/8) / 2)), 1/4 to 2 tables (sigma =
-- 1 / sqrt(2 (rho/4) / 2)); MST is the default method
CREATE TEMP TABLE dpt (x float8, g text, b boolean NOT NULL);
INSERT INTO dpt SELECT i % 97, 'g' || (i % 3), i % 2 = 0 FROM generate_series(1, 600) i;
CREATE FUNCTION pg_temp.item(p jsonb, col text, stat text, field text DEFAULT 'rho') RETURNS float8
LANGUAGE sql AS $$
    SELECT (e->>field)::float8 FROM jsonb_array_elements(p->'budget') e
    WHERE e->>'statistic' = stat AND (e->>'column') IS NOT DISTINCT FROM col
$$;
CREATE TEMP TABLE msplit AS
SELECT synth_fit('dpt', '{"epsilon": 1, "noise_seed": 1}')->'privacy' AS p;
SELECT ok(abs(pg_temp.item(p, NULL, 'rows') - 0.0229374467 * 5 / 8 / 13) < 1e-10
          AND abs(pg_temp.item(p, 'x', 'range') - 0.0229374467 * 5 / 8 / 13) < 1e-10
          AND abs(pg_temp.item(p, 'x', 'range refinement') - 0.5 * 0.0229374467 * 5 / 8 / 13) < 1e-10
          AND abs(pg_temp.item(p, 'x', 'range refinement', 'sigma') - 52.1579) < 1e-3
          AND abs(pg_temp.item(p, 'x', 'histogram') - 2.5 * 0.0229374467 * 5 / 8 / 13) < 1e-10
          AND abs(pg_temp.item(p, 'g', 'categories') - 4 * 0.0229374467 * 5 / 8 / 13) < 1e-10
          AND abs(pg_temp.item(p, 'b', 'categories') - 4 * 0.0229374467 * 5 / 8 / 13) < 1e-10,
          'MST split (the default): 5/8 of rho over the row count and the marginals')
FROM msplit;
SELECT ok(abs(pg_temp.item(p, NULL, 'tree selection') - 0.0229374467 / 8) < 1e-10
          AND pg_temp.item(p, NULL, 'tree selection', 'rounds') = 2
          AND abs(pg_temp.item(p, NULL, 'tree selection', 'epsilon_round') - sqrt(8 * 0.0229374467 / 8 / 2)) < 1e-6,
          'MST split: 1/8 to the selection, 2 rounds of epsilon sqrt(8 rho / 8 / 2) = 0.1071')
FROM msplit;
SELECT ok(abs(pg_temp.item(p, NULL, '2-way marginals') - 0.0229374467 / 4) < 1e-10
          AND abs(pg_temp.item(p, NULL, '2-way marginals', 'sigma') - 1 / sqrt(2 * 0.0229374467 / 4 / 2)) < 1e-4,
          'MST split: 1/4 to 2 tables of sigma 1 / sqrt(rho / 4) = 13.21')
FROM msplit;
SELECT ok(abs((SELECT sum((e->>'rho')::float8) FROM jsonb_array_elements(p->'budget') e) - (p->>'rho')::float8) < 1e-12
          AND p->>'dependence' = 'mst' AND pg_temp.item(p, NULL, 'rank correlations') IS NULL,
          'the MST split adds up to rho, and no copula is released')
FROM msplit;
SELECT is(jsonb_array_length((SELECT e->'edges' FROM msplit, jsonb_array_elements(p->'budget') e
                              WHERE e->>'statistic' = 'tree selection')), 2,
          'the tree of 3 attributes has 2 edges');
-- with person_key (3 rows per person kept) the sensitivities are 3; x and b
-- (no text: the whole delta converts, rho(1, 1e-6) = 0.0243559704), one table
CREATE TEMP TABLE mpk (pid int, x float8, b boolean NOT NULL);
INSERT INTO mpk SELECT i % 300, i % 50, i % 2 = 0 FROM generate_series(1, 1800) i;
SELECT ok(abs(pg_temp.item(p, NULL, '2-way marginals', 'sigma') - 3 / sqrt(2 * 0.0243559704 / 4)) < 1e-3
          AND pg_temp.item(p, NULL, 'tree selection', 'sensitivity') = 3
          AND pg_temp.item(p, NULL, 'tree selection', 'rounds') = 1,
          'MST sensitivity scales with max_rows_per_person')
FROM (SELECT synth_fit('mpk', '{"epsilon": 1, "noise_seed": 1, "dp_method": "mst", "person_key": "pid",
                                "max_rows_per_person": 3}')->'privacy' AS p) q;

-- ---- the tree keeps a strong association --------------------------------------------

-- y follows x closely, g is x's half, z is independent of all
CREATE TEMP TABLE mt (x float8 NOT NULL, y float8 NOT NULL, g text NOT NULL, z float8 NOT NULL);
INSERT INTO mt SELECT (i % 1000) / 10.0, (i % 1000) / 10.0 + ((i * 7919) % 100) / 20.0,
                      CASE WHEN i % 1000 < 500 THEN 'lo' ELSE 'hi' END, ((i * 104729) % 997) / 10.0
FROM generate_series(1, 6000) i;
CREATE TEMP TABLE mt_mst AS
SELECT * FROM synth_clone(NULL::mt, 6000, '{"epsilon": 10, "noise_seed": 3, "dp_method": "mst"}', 1);
CREATE TEMP TABLE mt_none AS
SELECT * FROM synth_clone(NULL::mt, 6000, '{"epsilon": 10, "noise_seed": 3, "dependence": "none"}', 1);
SELECT ok(corr(x, y) > 0.95, format('MST at epsilon 10: corr(x, y) = %s > 0.95 (source 0.998)',
                                    round(corr(x, y)::numeric, 3)))
FROM mt_mst;
SELECT ok(avg(((x < 50) = (g = 'lo'))::int) > 0.9,
          format('MST at epsilon 10: g agrees with x''s half in %s > 90%% of rows',
                 round(avg(((x < 50) = (g = 'lo'))::int)::numeric, 3)))
FROM mt_mst;
SELECT ok(abs(corr(x, y)) < 0.1 AND avg(((x < 50) = (g = 'lo'))::int) < 0.6,
          'without dependence the same checks fail (the checks can fail)')
FROM mt_none;
SELECT ok(abs(corr(x, z)) < 0.1, 'MST does not invent an association of x with z')
FROM mt_mst;

-- ---- NOT NULL at small epsilon ----------------------------------------------------------

-- 40 rows: at epsilon 0.1 no range bin clears the noise, no category the threshold
CREATE TEMP TABLE nn (v float8 NOT NULL, k int NOT NULL, t text NOT NULL, b boolean NOT NULL, w float8);
INSERT INTO nn SELECT i * 1.5, i % 4, 'v' || (i % 5), i % 2 = 0, i FROM generate_series(1, 40) i;
CREATE TEMP TABLE nn_rows AS
SELECT s, meth, r.* FROM generate_series(1, 10) s, unnest(ARRAY['copula', 'mst']) meth,
     LATERAL synth_clone(NULL::nn, 50, jsonb_build_object('epsilon', 0.1, 'noise_seed', s, 'dp_method', meth), s) r;
SELECT is((SELECT count(*) FROM nn_rows WHERE v IS NULL OR k IS NULL OR t IS NULL OR b IS NULL), 0::bigint,
          'NOT NULL columns are never NULL at epsilon 0.1 (10 seeds, both methods)');
SELECT is((SELECT count(*) FROM nn_rows), 1000::bigint, 'and every row is drawn');
SELECT ok((SELECT count(*) FROM (SELECT synth_fit('nn', jsonb_build_object('epsilon', 0.1, 'noise_seed', s)) AS m
                                 FROM generate_series(1, 10) s) q,
                 jsonb_array_elements(m->'columns') c
           WHERE c->>'name' = 'w' AND c->>'kind' = 'null') > 0,
          'a nullable column may still be left out at epsilon 0.1 (the case NOT NULL avoids)');

-- ---- the empirical audit of the 2-way release ----------------------------------------------

-- d1 = m2 plus the row ('q', true): the cell (q, true) holds 0 rows in m2, 1 in
-- d1.  The statistic is that cell's noisy count; its threshold the 90th
-- percentile over 100 calibration fits of m2 (seeds 1-100, above); then 300
-- fresh fits of each table.  p1 <= e^eps p0 + delta must hold, so the lower
-- bound log((p1_low - delta) / p0_high), 99% Wilson bounds, stays below 1.
CREATE TEMP TABLE md1 AS SELECT * FROM m2;
ALTER TABLE md1 ALTER a SET NOT NULL, ALTER flag SET NOT NULL;
INSERT INTO md1 VALUES ('q', true);
CREATE FUNCTION pg_temp.wilson(k float8, n float8, hi boolean) RETURNS float8 LANGUAGE sql AS $$
    SELECT ((k / n + 2.576 ^ 2 / (2 * n)) + (CASE WHEN hi THEN 1 ELSE -1 END)
            * 2.576 * sqrt(k / n * (1 - k / n) / n + 2.576 ^ 2 / (4 * n * n))) / (1 + 2.576 ^ 2 / n)
$$;
CREATE FUNCTION pg_temp.eps_low(k0 float8, k1 float8, n float8, delta float8) RETURNS float8 LANGUAGE sql AS $$
    SELECT ln(greatest(pg_temp.wilson(k1, n, false) - delta, 1e-12) / pg_temp.wilson(k0, n, true))
$$;
CREATE TEMP TABLE mcal AS SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY noisy) AS t
FROM meas WHERE cell = 3;
CREATE TEMP TABLE mruns AS
SELECT 0 AS d, s, m.noisy, m.cats FROM generate_series(101, 400) s, pg_temp.measured('m2', s) m WHERE m.cell = 3
UNION ALL
SELECT 1, s, m.noisy, m.cats FROM generate_series(101, 400) s, pg_temp.measured('md1', s) m WHERE m.cell = 3;
SELECT is((SELECT count(*) FROM mruns WHERE cats = 'p,q'), 600::bigint, 'every audited fit measures the cell');
CREATE TEMP TABLE maudit AS
SELECT count(*) FILTER (WHERE d = 0 AND noisy > t)::float8 AS k0,
       count(*) FILTER (WHERE d = 1 AND noisy > t)::float8 AS k1,
       count(*) FILTER (WHERE d = 0)::float8 AS n,
       -- the same releases with a twentieth of their noise (true counts 0 and 1)
       count(*) FILTER (WHERE d = 0 AND noisy / 20 > tt)::float8 AS q0,
       count(*) FILTER (WHERE d = 1 AND 1 + (noisy - 1) / 20 > tt)::float8 AS q1
FROM mruns, mcal, (SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY noisy / 20) AS tt FROM meas WHERE cell = 3) c;
SELECT ok(pg_temp.eps_low(k0, k1, n, 1e-6) <= 1,
          format('MST audit at epsilon 1: P(T | d0) = %s, P(T | d1) = %s, lower bound on epsilon %s <= 1',
                 k0 / n, k1 / n, round(pg_temp.eps_low(k0, k1, n, 1e-6)::numeric, 3)))
FROM maudit;
SELECT ok(pg_temp.eps_low(q0, q1, n, 1e-6) > 1,
          format('the same audit of the releases with a twentieth of their noise fails: lower bound %s > 1',
                 round(pg_temp.eps_low(q0, q1, n, 1e-6)::numeric, 3)))
FROM maudit;

-- ---- reproducibility -----------------------------------------------------------------------

SELECT is(synth_fit('mt', '{"epsilon": 1, "noise_seed": 9, "dp_method": "mst"}'),
          synth_fit('mt', '{"epsilon": 1, "noise_seed": 9, "dp_method": "mst"}'),
          'the same noise_seed gives the same MST model');
SELECT isnt(synth_fit('mt', '{"epsilon": 1, "noise_seed": 9, "dp_method": "mst"}')->'mst',
            synth_fit('mt', '{"epsilon": 1, "noise_seed": 10, "dp_method": "mst"}')->'mst',
            'another noise_seed gives another tree');
SELECT is((SELECT array_agg(r ORDER BY r::text) FROM synth_clone(NULL::mt, 50, '{"epsilon": 1, "noise_seed": 9, "dp_method": "mst"}', 4) r),
          (SELECT array_agg(r ORDER BY r::text) FROM synth_clone(NULL::mt, 50, '{"epsilon": 1, "noise_seed": 9, "dp_method": "mst"}', 4) r),
          'and the same rows for the same sampling seed');

-- ---- bad options and bad models ----------------------------------------------------------------

SELECT throws_ok($$SELECT synth_fit('mt', '{"epsilon": 1, "dp_method": "pgm"}')$$, '22023', NULL, 'unknown dp_method');
SELECT throws_ok($$SELECT synth_fit('mt', '{"dp_method": "mst"}')$$, '22023', NULL, 'dp_method without epsilon');
SELECT throws_ok($$SELECT synth_fit('mt', '{"epsilon": 1, "dp_method": "mst", "dependence": "none"}')$$, '22023', NULL,
                 'dp_method with independent columns');
CREATE TEMP TABLE mmodel AS SELECT synth_fit('mt', '{"epsilon": 1, "noise_seed": 9, "dp_method": "mst"}') AS m;
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::mt, (SELECT jsonb_set(m, '{mst,attributes,1,parent}', '5') FROM mmodel), 5)$$,
                 '22023', NULL, 'a model whose MST parent comes later is refused');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::mt, (SELECT jsonb_set(m, '{mst,attributes,0,p,0}', '-1') FROM mmodel), 5)$$,
                 '22023', NULL, 'a model with a negative MST share is refused');

SELECT * FROM finish();
ROLLBACK;
