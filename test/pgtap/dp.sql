-- pgTAP: differential privacy (dp.c, dp_fit.c).
--
--  * each mechanism's noise against its law (KS, fixed seeds, alpha = 0.001);
--  * the accounting against values computed by hand (an independent
--    brute-force minimisation over 200,001 values of alpha of the bound of
--    Canonne, Kamath and Steinke 2020, and bisection for rho), and the
--    budget split of several option sets against its formula;
--  * the ledger, the budget, the cap, row-level security;
--  * every bad option's SQLSTATE;
--  * no real value in a DP model that did not clear the threshold, and the
--    bound on a person's rows.
BEGIN;
SELECT plan(60);

-- ---- mechanisms -------------------------------------------------------------

-- Gaussian mechanism: 50,000 draws of N(0, 3.5^2)
SELECT ok(max(greatest(i::float8 / cnt - f, f - (i - 1)::float8 / cnt)) < 1.949 / sqrt(50000),
          'Gaussian noise (seeded): KS D below the alpha = 0.001 critical value')
FROM (SELECT synth_cdf('normal', x, '{0,3.5}') AS f, row_number() OVER (ORDER BY x) AS i,
             count(*) OVER () AS cnt
      FROM unnest(synth_dp_gaussian(3.5, 50000, 42)) x) s;

-- the strong source: alpha = 1e-6, so that the unseeded test fails once in a million runs
SELECT ok(max(greatest(i::float8 / cnt - f, f - (i - 1)::float8 / cnt)) < 2.693 / sqrt(20000),
          'Gaussian noise (strong source): KS D below the alpha = 1e-6 critical value')
FROM (SELECT synth_cdf('normal', x, '{0,1}') AS f, row_number() OVER (ORDER BY x) AS i,
             count(*) OVER () AS cnt
      FROM unnest(synth_dp_gaussian(1, 20000)) x) s;

SELECT is(synth_dp_gaussian(2, 10, 7), synth_dp_gaussian(2, 10, 7), 'seeded noise is reproducible');
SELECT isnt(synth_dp_gaussian(2, 10), synth_dp_gaussian(2, 10), 'unseeded noise differs between calls');

-- exponential mechanism: utilities 0..4, epsilon 1, sensitivity 1: P(i) ~ exp(u_i / 2)
WITH draws AS (SELECT x FROM unnest(synth_dp_exponential('{0,1,2,3,4}', 1, 1, 50000, 3)) x),
     emp AS (SELECT k, (SELECT count(*) FROM draws WHERE x <= k)::float8 / 50000 AS fe
             FROM generate_series(1, 5) k),
     law AS (SELECT k, (SELECT sum(exp((j - 1) / 2.0)) FROM generate_series(1, k) j)
                       / (SELECT sum(exp((j - 1) / 2.0)) FROM generate_series(1, 5) j) AS fl
             FROM generate_series(1, 5) k)
SELECT ok(max(abs(fe - fl)) < 1.949 / sqrt(50000),
          'exponential mechanism: KS D of the choices below the alpha = 0.001 critical value')
FROM emp JOIN law USING (k);

-- sensitivity scales the utilities: (u = 0, 2; eps 1, s 2) is (u = 0, 1; eps 1, s 1)
WITH d AS (SELECT x FROM unnest(synth_dp_exponential('{0,2}', 1, 2, 40000, 5)) x)
SELECT ok(abs(avg((x = 2)::int) - exp(0.5) / (1 + exp(0.5))) < 4 * sqrt(0.25 / 40000),
          'exponential mechanism: sensitivity divides the utility')
FROM d;

-- ---- accounting ---------------------------------------------------------------

SELECT ok(abs(synth_dp_epsilon(0.5, 1e-6) - 5.221534455) < 1e-6, 'epsilon of rho 0.5, delta 1e-6 (CKS20) = 5.2215345');
SELECT ok(abs(synth_dp_epsilon(0.01, 1e-5) - 0.545725548) < 1e-6, 'epsilon of rho 0.01, delta 1e-5 = 0.5457255');
SELECT ok(abs(synth_dp_epsilon(2, 1e-9) - 14.150147570) < 1e-6, 'epsilon of rho 2, delta 1e-9 = 14.1501476');
SELECT ok(synth_dp_epsilon(0.5, 1e-6) < 0.5 + 2 * sqrt(0.5 * ln(1e6)), 'CKS20 is tighter than rho + 2 sqrt(rho log(1/delta))');
SELECT ok(abs(synth_dp_rho(1, 5e-7) - 0.0229374467) < 1e-8, 'rho of (1, 5e-7) = 0.0229374467');
SELECT ok(abs(synth_dp_rho(1, 1e-6) - 0.0243559704) < 1e-8, 'rho of (1, 1e-6) = 0.0243559704');
SELECT ok(abs(synth_dp_epsilon(synth_dp_rho(0.5, 5e-7), 5e-7) - 0.5) < 1e-9, 'synth_dp_rho inverts synth_dp_epsilon');
SELECT is(synth_dp_epsilon(0, 1e-6), 0::float8, 'rho 0 costs nothing');

-- the split with the copula ("dp_method": "copula"; MST's is in dp_mst.sql):
-- rows 1 unit, each modelled column 4 (for a number without bounds 1 for
-- the range's octaves, 1/2 for its refinement in 3 rounds, 5/2 for the
-- histogram), the copula a quarter of rho when there are two
-- dimensions or more; delta halved between conversion and thresholds when a
-- text column is released by threshold
CREATE TEMP TABLE dpt (x float8, g text, b boolean NOT NULL);
INSERT INTO dpt SELECT i % 97, 'g' || (i % 3), i % 2 = 0 FROM generate_series(1, 600) i;
CREATE TEMP TABLE dpn (x float8 NOT NULL, y int NOT NULL);
INSERT INTO dpn SELECT i % 50, i % 7 FROM generate_series(1, 600) i;

CREATE FUNCTION pg_temp.split(t regclass, opts jsonb) RETURNS jsonb LANGUAGE sql AS $$
    SELECT synth_fit(t, opts)->'privacy'
$$;
CREATE FUNCTION pg_temp.item(p jsonb, col text, stat text) RETURNS float8 LANGUAGE sql AS $$
    SELECT (e->>'rho')::float8 FROM jsonb_array_elements(p->'budget') e
    WHERE e->>'statistic' = stat AND (e->>'column') IS NOT DISTINCT FROM col
$$;

CREATE TEMP TABLE splits AS
SELECT 1 AS k, pg_temp.split('dpt', '{"epsilon": 1, "delta": 1e-6, "noise_seed": 1, "dp_method": "copula"}') AS p
UNION ALL SELECT 2, pg_temp.split('dpt', '{"epsilon": 1, "delta": 1e-6, "noise_seed": 1, "dp_method": "copula", "bounds": {"x": [0, 100]}}')
UNION ALL SELECT 3, pg_temp.split('dpt', '{"epsilon": 0.5, "delta": 1e-6, "noise_seed": 1, "dependence": "none"}')
UNION ALL SELECT 4, pg_temp.split('dpn', '{"epsilon": 1, "delta": 1e-6, "noise_seed": 1, "dp_method": "copula"}');

-- option set 1: rho = rho(1, 5e-7) = 0.0229374467, unit = 0.75 rho / 13
SELECT ok(abs((p->>'rho')::float8 - 0.0229374467) < 1e-8 AND (p->>'delta_threshold')::float8 = 5e-7
          AND abs(pg_temp.item(p, NULL, 'rows') - 0.75 * 0.0229374467 / 13) < 1e-9
          AND abs(pg_temp.item(p, 'x', 'range') - 0.75 * 0.0229374467 / 13) < 1e-9
          AND abs(pg_temp.item(p, 'x', 'range refinement') - 0.5 * 0.75 * 0.0229374467 / 13) < 1e-9
          AND abs(pg_temp.item(p, 'x', 'histogram') - 2.5 * 0.75 * 0.0229374467 / 13) < 1e-9
          AND abs(pg_temp.item(p, 'g', 'categories') - 4 * 0.75 * 0.0229374467 / 13) < 1e-9
          AND abs(pg_temp.item(p, 'b', 'categories') - 4 * 0.75 * 0.0229374467 / 13) < 1e-9
          AND abs(pg_temp.item(p, NULL, 'rank correlations') - 0.25 * 0.0229374467) < 1e-9,
          'budget split, epsilon 1, delta 1e-6, a number, a text and a boolean')
FROM splits WHERE k = 1;
-- the refinement's 3 rounds: sigma = 1 / sqrt(2 (0.5 unit) / 3), unit = 0.00132331423
SELECT ok(abs((SELECT (e->>'sigma')::float8 FROM jsonb_array_elements(p->'budget') e
               WHERE e->>'statistic' = 'range refinement') - 47.6134) < 1e-3,
          'range refinement: sigma 47.613 per round')
FROM splits WHERE k = 1;
SELECT ok(abs((SELECT sum((e->>'rho')::float8) FROM jsonb_array_elements(p->'budget') e) - (p->>'rho')::float8) < 1e-12,
          'the split adds up to rho')
FROM splits WHERE k = 1;
-- option set 2: bounds given, the range costs nothing: x's histogram has its 4 units
SELECT ok(pg_temp.item(p, 'x', 'range') IS NULL AND pg_temp.item(p, 'x', 'range refinement') IS NULL
          AND abs(pg_temp.item(p, 'x', 'histogram') - 4 * 0.75 * 0.0229374467 / 13) < 1e-9,
          'budget split with bounds')
FROM splits WHERE k = 2;
-- option set 3: epsilon 0.5, no dependence: rho(0.5, 5e-7) = 0.0062248171 over 13 units
SELECT ok(abs((p->>'rho')::float8 - 0.0062248171) < 1e-8
          AND abs(pg_temp.item(p, NULL, 'rows') - 0.0062248171 / 13) < 1e-9
          AND pg_temp.item(p, NULL, 'rank correlations') IS NULL,
          'budget split, epsilon 0.5, dependence none')
FROM splits WHERE k = 3;
-- option set 4: no text column: the whole delta converts, rho(1, 1e-6) = 0.0243559704;
-- 2 columns: 9 units
SELECT ok(abs((p->>'rho')::float8 - 0.0243559704) < 1e-8 AND (p->>'delta_threshold')::float8 = 0
          AND abs(pg_temp.item(p, 'y', 'histogram') - 2.5 * 0.75 * 0.0243559704 / 9) < 1e-9,
          'budget split, no text column')
FROM splits WHERE k = 4;
SELECT ok((SELECT bool_and((p->>'epsilon_spent')::float8 <= (p->>'epsilon')::float8 + 1e-9) FROM splits),
          'no fit spends more than its epsilon');

-- ---- ledger, budget, cap --------------------------------------------------------

SELECT is((SELECT count(*) FROM synth_privacy_ledger WHERE source = 'dpt'::regclass), 3::bigint,
          'the ledger has a row per DP fit');
SELECT is((SELECT count(*) FROM synth_privacy_ledger WHERE source = 'dpn'::regclass), 1::bigint,
          'and per source');
SELECT ok(abs(b.rho - (0.0229374467 * 2 + 0.0062248171)) < 1e-8 AND b.fits = 3 AND abs(b.delta - 3e-6) < 1e-15
          AND abs(b.epsilon - synth_dp_epsilon(0.0229374467 * 2 + 0.0062248171, 1.5e-6)) < 1e-6,
          'synth_privacy_budget composes in rho and converts once')
FROM synth_privacy_budget('dpt') b;
SELECT ok(b.epsilon < 2.5, 'composition in rho is tighter than adding the epsilons (2.5)')
FROM synth_privacy_budget('dpt') b;
SELECT throws_ok($$SELECT synth_fit('dpt', '{"epsilon": 1, "epsilon_budget": 1.5}')$$, '53400', NULL,
                 'a fit beyond option "epsilon_budget" is refused (53400)');
SELECT is((SELECT count(*) FROM synth_privacy_ledger WHERE source = 'dpt'::regclass), 3::bigint,
          'a refused fit records nothing');
SELECT lives_ok($$SELECT synth_fit('dpt', '{"epsilon": 0.1, "epsilon_budget": 10}')$$,
                'a fit within the cap runs');
SELECT throws_ok($$SELECT synth_clone_table('dpt', 'dpt_copy', 10, '{"epsilon": 5, "epsilon_budget": 3}')$$, '53400', NULL,
                 'the cap holds for synth_clone_table');
SELECT is((SELECT count(*) FROM synth_privacy_ledger WHERE source = 'dpt'::regclass), 4::bigint,
          'synth_clone_table refused: nothing recorded');

-- row-level security: another role sees and counts only its own fits
CREATE ROLE dp_tap_other;
GRANT SELECT ON dpt TO dp_tap_other;
GRANT USAGE ON SCHEMA public TO dp_tap_other;
SET ROLE dp_tap_other;
SELECT is((SELECT count(*) FROM synth_privacy_ledger), 0::bigint, 'another role sees none of these rows');
SELECT lives_ok($$SELECT synth_fit('dpt', '{"epsilon": 0.2}')$$, 'another role fits');
SELECT is((SELECT fits FROM synth_privacy_budget('dpt')), 1::bigint, 'and counts its own fit only');
SELECT throws_ok($$DELETE FROM synth_privacy_ledger$$, '42501', NULL, 'a role cannot delete ledger rows');
SELECT throws_ok($$INSERT INTO synth_privacy_ledger (source, source_name, role, epsilon, delta, rho, delta_threshold, privacy)
                   VALUES (1, 'x', 'postgres', 0, 0.1, 0, 0, '{}')$$, '42501', NULL,
                 'a role cannot record a fit in another role''s name');
RESET ROLE;
SELECT is((SELECT count(*) FROM synth_privacy_ledger WHERE source = 'dpt'::regclass), 5::bigint,
          'the owner sees every row');

-- ---- bad options ------------------------------------------------------------------

SELECT throws_ok($$SELECT synth_fit('dpt', '{"epsilon": 0}')$$, '22023', NULL, 'epsilon 0');
SELECT throws_ok($$SELECT synth_fit('dpt', '{"epsilon": "one"}')$$, '22023', NULL, 'epsilon not a number');
SELECT throws_ok($$SELECT synth_fit('dpt', '{"epsilon": 1, "delta": 1}')$$, '22023', NULL, 'delta 1');
SELECT throws_ok($$SELECT synth_fit('dpt', '{"delta": 1e-6}')$$, '22023', NULL, 'delta without epsilon');
SELECT throws_ok($$SELECT synth_fit('dpt', '{"epsilon": 1, "max_rows_per_person": 3}')$$, '22023', NULL,
                 'max_rows_per_person without person_key');
SELECT throws_ok($$SELECT synth_fit('dpt', '{"epsilon": 1, "person_key": "nope"}')$$, '42703', NULL, 'unknown person_key');
SELECT throws_ok($$SELECT synth_fit('dpt', '{"epsilon": 1, "sample_percent": 10}')$$, '22023', NULL,
                 'sample_percent with epsilon');
SELECT throws_ok($$SELECT synth_fit('dpt', '{"epsilon": 1, "exact_copy_guard": true}')$$, '22023', NULL,
                 'exact_copy_guard with epsilon');
SELECT throws_ok($$SELECT synth_fit('dpt', '{"epsilon": 1, "bounds": {"x": [5, 1]}}')$$, '22023', NULL, 'bounds reversed');
SELECT throws_ok($$SELECT synth_fit('dpt', '{"epsilon": 1, "bounds": {"g": [0, 1]}}')$$, '22023', NULL, 'bounds of a text column');
SELECT throws_ok($$SELECT synth_fit('dpt', '{"epsilon": 1, "dependence": "mst"}')$$, '22023', NULL, 'unknown dependence');
SELECT throws_ok($$SELECT synth_fit('dpt', '{"epsilon": 1, "epsilon_budget": -1}')$$, '22023', NULL, 'negative budget');

-- ---- what a DP model holds ------------------------------------------------------

-- 3000 rows: two common categories, rare ones held by 1 to 5 rows, and one outlier number
CREATE TEMP TABLE dpr (v float8, c text);
INSERT INTO dpr SELECT (i % 100) + 0.5, CASE WHEN i % 2 = 0 THEN 'common_a' ELSE 'common_b' END
FROM generate_series(1, 3000) i;
INSERT INTO dpr SELECT 10, 'rare_' || k FROM generate_series(1, 5) k, generate_series(1, k) j;
INSERT INTO dpr VALUES (987654.321, 'outlier_row');
CREATE TEMP TABLE dpr_models AS
SELECT s, synth_fit('dpr', jsonb_build_object('epsilon', 1, 'noise_seed', s)) AS m FROM generate_series(1, 40) s;
SELECT ok(bool_and(m::text NOT LIKE '%rare\_%' AND m::text NOT LIKE '%outlier_row%'),
          'no category below the threshold appears in 40 DP models')
FROM dpr_models;
SELECT ok(bool_and(m::text LIKE '%common_a%' AND m::text LIKE '%common_b%'), 'common categories are released')
FROM dpr_models;
-- the outlier's value is nowhere in the model, and no value of v comes near
-- it (the digits 987654 alone also turn up inside unrelated quantiles,
-- 55.98765448 with noise seed 24)
SELECT ok(bool_and(m::text NOT LIKE '%987654.3%'
                   AND (SELECT (c->>'max')::float8 < 1000 FROM jsonb_array_elements(m->'columns') c
                        WHERE c->>'name' = 'v')),
          'the outlier''s value appears in no DP model')
FROM dpr_models;
SELECT ok(bool_and((m->'privacy'->>'exact_copy_guard')::boolean = false
                   AND m->'privacy' ? 'budget' AND m->'privacy'->>'noise' LIKE 'seeded%'),
          'the model records the guard off, the split and the noise source')
FROM dpr_models;

-- past DP_TEXT_CAP distinct values the counts come from a grouping-sets query: same rule
CREATE TEMP TABLE dpw (c text);
INSERT INTO dpw SELECT 'unique_' || i FROM generate_series(1, 40000) i;
INSERT INTO dpw SELECT 'shared' FROM generate_series(1, 3000);
SELECT ok(m::text LIKE '%shared%' AND m::text NOT LIKE '%unique\_%',
          'many distinct values: the shared one is released, none of the unique ones')
FROM synth_fit('dpw', '{"epsilon": 1, "noise_seed": 2}') m;

-- bounded contribution: one person with 400 rows of their own category
CREATE TEMP TABLE dpp (person int, c text);
INSERT INTO dpp SELECT i, CASE WHEN i % 2 = 0 THEN 'x' ELSE 'y' END FROM generate_series(1, 2000) i;
INSERT INTO dpp SELECT 0, 'whale' FROM generate_series(1, 400);
SELECT ok(synth_fit('dpp', '{"epsilon": 1, "noise_seed": 1}')::text LIKE '%whale%',
          'one row = one person: 400 rows of one value are released');
SELECT ok(synth_fit('dpp', '{"epsilon": 1, "noise_seed": 1, "person_key": "person"}')::text NOT LIKE '%whale%',
          'with person_key, a person''s 400 rows count once');
SELECT ok((synth_fit('dpp', '{"epsilon": 1, "noise_seed": 1, "person_key": "person", "max_rows_per_person": 3}')
           ->'privacy'->>'max_rows_per_person')::int = 3, 'max_rows_per_person is recorded');

-- a tight range stays tight: 4,000 rows of dates in 2020-2021, timestamps
-- of 69 days, numbers 1000-1010; at epsilon 1 the range's octaves alone
-- gave 2011-2022 for the dates, [511, 1023) for the numbers.  Ten noise
-- seeds: every clone's ends within 90 days of the dates' (an eighth of the
-- span; measured at most 85 over noise seeds 1-40: an edge lands on a
-- sub-bin of up to 128 days), 15 days of the timestamps' (12.2), 3 of the
-- numbers' (1.97).  An empty sub-bin clearing the level at the far side of
-- an octave put an end years out (the timestamps' 4,150 days at noise
-- seed 3, the numbers' 440 in 40 seeds) before the refinement's own level.
CREATE TEMP TABLE dpd (d date NOT NULL, ts timestamptz, x numeric NOT NULL, g text);
INSERT INTO dpd SELECT date '2020-01-01' + (i * 7919) % 731,
       timestamptz '2021-03-01 00:00+00' + ((i * 104729) % 100000) * interval '1 minute',
       1000 + (i % 11), 'g' || (i % 3)
FROM generate_series(1, 4000) i;
CREATE TEMP TABLE dpd_ends AS
SELECT s, min(d) - date '2020-01-01' AS d_lo, max(d) - date '2021-12-31' AS d_hi,
       extract(epoch FROM min(ts) - timestamptz '2021-03-01 00:00+00') / 86400 AS ts_lo,
       extract(epoch FROM max(ts) - timestamptz '2021-05-09 10:18+00') / 86400 AS ts_hi,
       min(x) - 1000 AS x_lo, max(x) - 1010 AS x_hi
FROM generate_series(1, 10) s,
     LATERAL (SELECT * FROM synth_clone(NULL::dpd, NULL, jsonb_build_object('epsilon', 1, 'noise_seed', s), 1)) c
GROUP BY s;
SELECT ok((SELECT max(ts) FROM dpd) = timestamptz '2021-05-09 10:18+00', 'the timestamps end where the test says');
SELECT ok(bool_and(abs(d_lo) <= 90 AND abs(d_hi) <= 90), 'DP clone of dates of 2020-2021 spans them within 90 days, 10 seeds')
FROM dpd_ends;
SELECT ok(bool_and(abs(ts_lo) <= 15 AND abs(ts_hi) <= 15), 'DP clone of 69 days of timestamps within 15 days, 10 seeds')
FROM dpd_ends;
SELECT ok(bool_and(abs(x_lo) <= 3 AND abs(x_hi) <= 3), 'DP clone of numbers 1000-1010 within 3 of them, 10 seeds')
FROM dpd_ends;

SELECT * FROM finish();
ROLLBACK;
