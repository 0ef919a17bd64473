-- pgTAP: an empirical audit of the DP fit (Jagielski, Ullman and Oprea,
-- "Auditing Differentially Private Machine Learning", NeurIPS 2020; Nasr
-- et al., "Adversary Instantiation", IEEE S&P 2021).
--
-- Two neighbouring tables: d0 (300 rows) and d1 = d0 plus one outlier row
-- (x = 1e6, flag = true, where every other flag is false).  Each is fitted
-- with epsilon 1, delta 1e-6, the copula's split ("dp_method": "copula";
-- the 2-way release of MST is audited in dp_mst.sql) and a different noise
-- seed per fit.  The
-- distinguisher reads what the outlier moves: the released row count and
-- the share of "true", weighted by the inverse of their noise variance
-- (sigma 15.7 and 7.85 per the split recorded in the model).  Its threshold
-- is the 90th percentile of the statistic over 100 calibration fits of d0;
-- then 300 fresh fits of each table give p0 = P(T | d0), p1 = P(T | d1).
-- For (epsilon, delta)-DP, p1 <= e^epsilon p0 + delta, so
-- log((p1_low - delta) / p0_high), with 99% Wilson score bounds, must stay
-- below epsilon.  The audit's power is shown on a simulated mechanism with
-- a tenth of the noise, whose lower bound must exceed epsilon.
BEGIN;
SELECT plan(4);

CREATE TEMP TABLE d0 (x float8 NOT NULL, flag boolean NOT NULL);
INSERT INTO d0 SELECT (i % 11), false FROM generate_series(1, 300) i;
CREATE TEMP TABLE d1 AS SELECT * FROM d0;
ALTER TABLE d1 ALTER x SET NOT NULL, ALTER flag SET NOT NULL;
INSERT INTO d1 VALUES (1e6, true);

CREATE FUNCTION pg_temp.stat(m jsonb) RETURNS float8 LANGUAGE sql AS $$
    SELECT coalesce((SELECT (e->>'p')::float8 FROM jsonb_array_elements(c->'categories') e
                     WHERE (e->>'value')::float8 = 1), 0) * 300 / (7.85 * 7.85)
           + ((m->>'rows')::float8 - 300) / (15.7 * 15.7)
    FROM jsonb_array_elements(m->'columns') c WHERE c->>'name' = 'flag'
$$;
CREATE FUNCTION pg_temp.fits(t regclass, s0 int, s1 int) RETURNS SETOF float8 LANGUAGE sql AS $$
    SELECT pg_temp.stat(synth_fit(t, jsonb_build_object('epsilon', 1, 'delta', 1e-6, 'noise_seed', s,
                                                        'dp_method', 'copula')))
    FROM generate_series(s0, s1) s
$$;
-- Wilson score interval, z = 2.576 (99%)
CREATE FUNCTION pg_temp.wilson(k float8, n float8, hi boolean) RETURNS float8 LANGUAGE sql AS $$
    SELECT ((k / n + 2.576 ^ 2 / (2 * n)) + (CASE WHEN hi THEN 1 ELSE -1 END)
            * 2.576 * sqrt(k / n * (1 - k / n) / n + 2.576 ^ 2 / (4 * n * n))) / (1 + 2.576 ^ 2 / n)
$$;
CREATE FUNCTION pg_temp.eps_low(k0 float8, k1 float8, n float8, delta float8) RETURNS float8 LANGUAGE sql AS $$
    SELECT ln(greatest(pg_temp.wilson(k1, n, false) - delta, 1e-12) / pg_temp.wilson(k0, n, true))
$$;

SELECT ok((SELECT (synth_fit('d0', '{"epsilon": 1, "delta": 1e-6, "noise_seed": 1, "dp_method": "copula"}')->'privacy'->'budget') @>
           '[{"statistic": "rows"}, {"column": "flag", "statistic": "categories"}]'::jsonb),
          'the audited statistics are released');

CREATE TEMP TABLE cal AS SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY s) AS t
FROM pg_temp.fits('d0', 1, 100) s;
CREATE TEMP TABLE runs AS
SELECT 0 AS d, s FROM pg_temp.fits('d0', 101, 400) s
UNION ALL SELECT 1, s FROM pg_temp.fits('d1', 101, 400) s;
CREATE TEMP TABLE audit AS
SELECT count(*) FILTER (WHERE d = 0 AND s > t)::float8 AS k0,
       count(*) FILTER (WHERE d = 1 AND s > t)::float8 AS k1,
       count(*) FILTER (WHERE d = 0)::float8 AS n
FROM runs, cal;

SELECT ok(pg_temp.eps_low(k0, k1, n, 1e-6) <= 1,
          format('audit at epsilon 1: P(T | d0) = %s, P(T | d1) = %s, lower bound on epsilon %s <= 1',
                 k0 / n, k1 / n, round(pg_temp.eps_low(k0, k1, n, 1e-6)::numeric, 3)))
FROM audit;
-- the distinguisher does see the outlier: d1's statistic is higher on average
SELECT ok((SELECT avg(s) FROM runs WHERE d = 1) > (SELECT avg(s) FROM runs WHERE d = 0),
          'the distinguisher leans towards d1 on d1');

-- power: the same audit of a mechanism with a tenth of the noise catches it
WITH sim AS (
    SELECT 0 AS d, x FROM unnest(synth_dp_gaussian(1, 2000, 11)) x
    UNION ALL SELECT 1, x + 1.42 FROM unnest(synth_dp_gaussian(1, 2000, 12)) x),
     k AS (SELECT count(*) FILTER (WHERE d = 0 AND x > 1.2816)::float8 AS k0,
                  count(*) FILTER (WHERE d = 1 AND x > 1.2816)::float8 AS k1 FROM sim)
SELECT ok(pg_temp.eps_low(k0, k1, 2000, 1e-6) > 1,
          format('a tenth of the noise is caught: lower bound on epsilon %s > 1',
                 round(pg_temp.eps_low(k0, k1, 2000, 1e-6)::numeric, 3)))
FROM k;

SELECT * FROM finish();
ROLLBACK;
