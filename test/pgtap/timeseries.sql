-- pgTAP: statistical properties of synth_timeseries (ACF of AR/ARMA noise
-- against the theoretical ACF, seasonal amplitude and phase, trend slope,
-- GARCH volatility clustering, correlated innovations, outlier, missing and
-- level-shift rates), exact reproducibility and start_index equivalence;
-- synth_events (chi-square of the hour and weekday counts against the
-- profile, KS of the homogeneous inter-arrival times against the
-- exponential); the series() rule; the SQLSTATE of every bad input.
-- Fixed seeds: each statistic is a fixed number, the tolerances are about
-- four standard errors.
BEGIN;
SELECT plan(141);

-- sample ACF at lags 1..5 of a series (t, value) held in a temp table
CREATE FUNCTION pg_temp.acf(tab text) RETURNS TABLE(k int, r float8)
LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXECUTE format(
        'SELECT k, corr(value, l) FROM (SELECT k, value, lag(value, k) OVER (PARTITION BY k ORDER BY t) l
           FROM %I, generate_series(1, 5) k) x GROUP BY k ORDER BY k', tab);
END $$;

-- theoretical ACF of ARMA(1,1)/AR(2) at lags 1..5
CREATE TEMP TABLE theory (model text, k int, r float8);
INSERT INTO theory SELECT 'ar1', k, 0.7 ^ k FROM generate_series(1, 5) k;
INSERT INTO theory VALUES ('ar2', 1, 0.5 / 0.7), ('ar2', 2, 0.5 * 0.5 / 0.7 + 0.3);
INSERT INTO theory VALUES ('ar2', 3, 0.5 * (0.5 * 0.5 / 0.7 + 0.3) + 0.3 * 0.5 / 0.7);
INSERT INTO theory VALUES ('ar2', 4, 0.5 * (0.5 * (0.5 * 0.5 / 0.7 + 0.3) + 0.3 * 0.5 / 0.7) + 0.3 * (0.5 * 0.5 / 0.7 + 0.3));
INSERT INTO theory VALUES ('ar2', 5, 0.5 * (0.5 * (0.5 * (0.5 * 0.5 / 0.7 + 0.3) + 0.3 * 0.5 / 0.7) + 0.3 * (0.5 * 0.5 / 0.7 + 0.3))
                                    + 0.3 * (0.5 * (0.5 * 0.5 / 0.7 + 0.3) + 0.3 * 0.5 / 0.7));
-- ARMA(1,1), phi 0.6, theta 0.4: rho1 = (1 + phi theta)(phi + theta) / (1 + 2 phi theta + theta^2), rho_k = phi rho_{k-1}
INSERT INTO theory SELECT 'arma11', k, (1.24 * 1.0 / 1.64) * 0.6 ^ (k - 1) FROM generate_series(1, 5) k;

CREATE TEMP TABLE s_ar1 AS SELECT * FROM synth_timeseries(100000, 0::bigint, 1, '{"ar": [0.7], "sd": 2}', 11);
CREATE TEMP TABLE s_ar2 AS SELECT * FROM synth_timeseries(100000, 0::bigint, 1, '{"ar": [0.5, 0.3]}', 12);
CREATE TEMP TABLE s_arma AS SELECT * FROM synth_timeseries(100000, 0::bigint, 1, '{"ar": [0.6], "ma": [0.4]}', 13);

SELECT cmp_ok(abs(a.r - th.r), '<', 0.03::float8, format('AR(1) 0.7: sample ACF at lag %s (%s) near %s', a.k, round(a.r::numeric, 3), round(th.r::numeric, 3)))
FROM pg_temp.acf('s_ar1') a JOIN theory th ON th.model = 'ar1' AND th.k = a.k ORDER BY a.k;
SELECT cmp_ok(abs(a.r - th.r), '<', 0.03::float8, format('AR(2) 0.5, 0.3: sample ACF at lag %s (%s) near %s', a.k, round(a.r::numeric, 3), round(th.r::numeric, 3)))
FROM pg_temp.acf('s_ar2') a JOIN theory th ON th.model = 'ar2' AND th.k = a.k ORDER BY a.k;
SELECT cmp_ok(abs(a.r - th.r), '<', 0.03::float8, format('ARMA(1,1) 0.6, 0.4: sample ACF at lag %s (%s) near %s', a.k, round(a.r::numeric, 3), round(th.r::numeric, 3)))
FROM pg_temp.acf('s_arma') a JOIN theory th ON th.model = 'arma11' AND th.k = a.k ORDER BY a.k;
-- variances: AR(1) sd^2 / (1 - phi^2); AR(2) (1 - phi2) / ((1 + phi2)((1 - phi2)^2 - phi1^2))
SELECT cmp_ok(abs(variance(value) / (4 / (1 - 0.49)) - 1), '<', 0.05::float8, 'AR(1) variance is sd^2 / (1 - phi^2)') FROM s_ar1;
SELECT cmp_ok(abs(variance(value) / (0.7 / (1.3 * (0.49 - 0.25))) - 1), '<', 0.05::float8, 'AR(2) variance is the theoretical one') FROM s_ar2;
SELECT cmp_ok(abs(avg(value)), '<', 0.05::float8, 'ARMA noise has mean zero') FROM s_arma;

-- the block restarts are exact: with the same seed, white noise gives the
-- innovations, and x(i) - phi x(i-1) - e(i) - theta e(i-1) vanishes at every
-- step, block boundaries (every 4096 steps) included
SELECT cmp_ok(max(abs(x.value - 0.9 * x.l - e.value - 0.4 * e.l)), '<', 1e-9::float8,
  'ARMA(1,1): the recursion holds at every step, across block restarts')
FROM (SELECT t, value, lag(value) OVER (ORDER BY t) l FROM synth_timeseries(20000, 0::bigint, 1, '{"ar": [0.9], "ma": [0.4]}', 31)) x
JOIN (SELECT t, value, lag(value) OVER (ORDER BY t) l FROM synth_timeseries(20000, 0::bigint, 1, '{}', 31)) e USING (t)
WHERE t > 0;
SELECT cmp_ok(max(abs(x.value - 0.5 * x.l1 - 0.3 * x.l2 - e.value)), '<', 1e-9::float8,
  'AR(2): the recursion holds at every step, across block restarts')
FROM (SELECT t, value, lag(value) OVER (ORDER BY t) l1, lag(value, 2) OVER (ORDER BY t) l2 FROM synth_timeseries(20000, 0::bigint, 1, '{"ar": [0.5, 0.3]}', 32)) x
JOIN synth_timeseries(20000, 0::bigint, 1, '{}', 32) e USING (t)
WHERE t > 1;

-- GARCH(1,1) likewise: sigma^2(i) = (v(i) / z(i))^2 obeys
-- sigma^2(i+1) = omega + alpha v(i)^2 + beta sigma^2(i) at every step
SELECT cmp_ok(max(abs(s2_next - (0.1 + 0.15 * v ^ 2 + 0.8 * s2)) / s2_next), '<', 1e-9::float8,
  'GARCH(1,1): the variance recursion holds at every step, across block restarts')
FROM (SELECT g.t, g.value v, (g.value / z.value) ^ 2 s2,
             lead((g.value / z.value) ^ 2) OVER (ORDER BY g.t) s2_next, abs(z.value) az,
             lead(abs(z.value)) OVER (ORDER BY g.t) az_next
      FROM synth_timeseries(20000, 0::bigint, 1, '{"garch": {"omega": 0.1, "alpha": 0.15, "beta": 0.8}}', 33) g
      JOIN synth_timeseries(20000, 0::bigint, 1, '{}', 33) z USING (t)) x
WHERE az > 0.01 AND az_next > 0.01;

-- seasonality: amplitude and phase recovered by projection on sin and cos over whole periods
CREATE TEMP TABLE s_season AS SELECT * FROM synth_timeseries(168 * 300, '2024-01-01'::timestamptz, '1 hour',
  '{"seasonality": [{"period": 24, "amplitude": 3, "phase": 0.5}, {"period": 168, "amplitude": 1.5}], "ar": [0.5]}', 14)
  WITH ORDINALITY AS x(t, value, i);
SELECT cmp_ok(abs(sqrt((2 * avg(value * sin(2 * pi() * (i - 1) / 24))) ^ 2 + (2 * avg(value * cos(2 * pi() * (i - 1) / 24))) ^ 2) - 3), '<', 0.05::float8,
  'daily seasonal amplitude 3 recovered') FROM s_season;
SELECT cmp_ok(abs(atan2(2 * avg(value * cos(2 * pi() * (i - 1) / 24)), 2 * avg(value * sin(2 * pi() * (i - 1) / 24))) - 0.5), '<', 0.02::float8,
  'daily seasonal phase 0.5 recovered') FROM s_season;
SELECT cmp_ok(abs(sqrt((2 * avg(value * sin(2 * pi() * (i - 1) / 168))) ^ 2 + (2 * avg(value * cos(2 * pi() * (i - 1) / 168))) ^ 2) - 1.5), '<', 0.05::float8,
  'weekly seasonal amplitude 1.5 recovered') FROM s_season;
SELECT cmp_ok(corr(avgv, sin(2 * pi() * h / 24 + 0.5)), '>', 0.99::float8, 'mean by hour of day follows the daily sine with its phase') FROM (
  SELECT extract(hour FROM t AT TIME ZONE 'UTC')::int h, avg(value) avgv FROM s_season GROUP BY 1) x;

-- trend slope recovered by regr_slope
SELECT cmp_ok(abs(regr_slope(value, t) - 0.01), '<', 0.0005::float8, 'linear trend slope 0.01 recovered')
FROM synth_timeseries(20000, 0::bigint, 1, '{"level": 5, "trend": {"slope": 0.01}, "ar": [0.5, 0.3]}', 15);
SELECT cmp_ok(abs(regr_slope(value, t) - s), '<', 0.002::float8, format('piecewise trend: slope %s on its piece', s))
FROM synth_timeseries(30000, 0::bigint, 1,
  '{"trend": {"type": "piecewise", "slope": 0.02, "changepoints": [{"at": 10000, "slope": -0.01}, {"at": 20000, "slope": 0.005}]}}', 16) x
JOIN (VALUES (0, 0.02), (1, -0.01), (2, 0.005)) p(piece, s) ON p.piece = x.t / 10000
GROUP BY p.piece, s ORDER BY p.piece;
SELECT cmp_ok(abs(avg(value) FILTER (WHERE t >= 19000) - 60), '<', 0.1::float8, 'logistic trend reaches floor + capacity')
FROM synth_timeseries(20000, 0::bigint, 1, '{"level": 10, "trend": {"type": "logistic", "capacity": 50, "growth": 0.01, "midpoint": 5000}}', 17);

-- GARCH(1,1): no autocorrelation of values, positive autocorrelation of squares, variance omega / (1 - alpha - beta)
CREATE TEMP TABLE s_garch AS SELECT t, value, lag(value) OVER (ORDER BY t) l
FROM synth_timeseries(100000, 0::bigint, 1, '{"garch": {"omega": 0.1, "alpha": 0.15, "beta": 0.8}}', 18);
SELECT cmp_ok(abs(corr(value, l)), '<', 0.02::float8, 'GARCH values are uncorrelated') FROM s_garch;
SELECT cmp_ok(corr(value ^ 2, l ^ 2), '>', 0.15::float8, 'GARCH squared values are autocorrelated (volatility clustering)') FROM s_garch;
SELECT cmp_ok(abs(variance(value) / 2 - 1), '<', 0.15::float8, 'GARCH variance is omega / (1 - alpha - beta)') FROM s_garch;
SELECT cmp_ok(corr(value ^ 2, l ^ 2), '<', 0.02::float8, 'Gaussian innovations: squares are not autocorrelated')
FROM (SELECT value, lag(value) OVER (ORDER BY t) l FROM synth_timeseries(100000, 0::bigint, 1, '{}', 18)) x;

-- correlated series: the correlation of the innovations; the same AR filter keeps it
CREATE TEMP TABLE s_multi AS SELECT t, max(value) FILTER (WHERE series = 1) a, max(value) FILTER (WHERE series = 2) b,
  max(value) FILTER (WHERE series = 3) c
FROM synth_timeseries_multi(50000, 0::bigint, 1,
  '{"series": [{"ar": [0.5]}, {"ar": [0.5], "sd": 3}, {"level": 7}], "correlation": [[1, 0.8, -0.3], [0.8, 1, 0], [-0.3, 0, 1]]}', 19) GROUP BY t;
SELECT cmp_ok(abs(corr(a, b) - 0.8), '<', 0.02::float8, 'series 1 and 2: correlation 0.8') FROM s_multi;
SELECT cmp_ok(abs(corr(b, c) - 0), '<', 0.03::float8, 'series 2 and 3: correlation 0') FROM s_multi;
SELECT cmp_ok(abs(corr(innov, c) + 0.3), '<', 0.03::float8, 'series 1 innovations and series 3: correlation -0.3')
FROM (SELECT a - 0.5 * lag(a) OVER (ORDER BY t) innov, c FROM s_multi) x;

-- outliers, missing steps and level shifts at their rates
SELECT cmp_ok(abs(avg((abs(value) > 50)::int) - 0.02)::float8, '<', 0.003::float8, 'outliers at rate 0.02')
FROM synth_timeseries(100000, 0::bigint, 1, '{"outliers": {"rate": 0.02, "size": 100}}', 20);
SELECT cmp_ok(abs(1 - count(*) / 100000.0 - 0.1)::float8, '<', 0.005::float8, 'missing steps at rate 0.1')
FROM synth_timeseries(100000, 0::bigint, 1, '{"missing": {"rate": 0.1}}', 21);
SELECT cmp_ok(count(*), '>', 70::bigint, 'level shifts at rate 0.001 (at least 70 of about 100)')
FROM (SELECT value - lag(value) OVER (ORDER BY t) d FROM synth_timeseries(100000, 0::bigint, 1, '{"sd": 0, "level_shifts": {"rate": 0.001, "sd": 10}}', 22)) x
WHERE d <> 0;
SELECT cmp_ok(count(*), '<', 130::bigint, 'level shifts at rate 0.001 (at most 130 of about 100)')
FROM (SELECT value - lag(value) OVER (ORDER BY t) d FROM synth_timeseries(100000, 0::bigint, 1, '{"sd": 0, "level_shifts": {"rate": 0.001, "sd": 10}}', 22)) x
WHERE d <> 0;

-- exact reproducibility, and start_index: a range alone equals the same rows of a whole run
CREATE TEMP TABLE specs (name text, spec text);
INSERT INTO specs VALUES
 ('everything', '{"level": 3, "trend": {"slope": 0.001}, "seasonality": [{"period": 24, "amplitude": 2}, {"period": 168}], "ar": [0.5, 0.3], "ma": [0.2], "garch": {"omega": 0.2, "alpha": 0.1, "beta": 0.85}, "level_shifts": {"rate": 0.001, "sd": 3}, "outliers": {"rate": 0.01, "size": 8}, "missing": {"rate": 0.05}}'),
 ('near unit root', '{"ar": [0.995]}'),
 ('pure MA', '{"ma": [0.5, -0.3, 0.1]}');
SELECT results_eq(
  format($$SELECT t, value FROM synth_timeseries(15000, 0::bigint, 1, %L, 5) ORDER BY t$$, spec),
  format($$SELECT t, value FROM synth_timeseries(15000, 0::bigint, 1, %L, 5) ORDER BY t$$, spec),
  format('%s: the same seed gives the same rows', name)) FROM specs ORDER BY name;
SELECT results_eq(
  format($$SELECT t, value FROM (
      SELECT * FROM synth_timeseries(4000, 0::bigint, 1, %1$L, 5)
      UNION ALL SELECT * FROM synth_timeseries(4500, 0::bigint, 1, %1$L, 5, start_index => 4000)
      UNION ALL SELECT * FROM synth_timeseries(6500, 0::bigint, 1, %1$L, 5, start_index => 8500)) x ORDER BY t$$, spec),
  format($$SELECT t, value FROM synth_timeseries(15000, 0::bigint, 1, %L, 5) ORDER BY t$$, spec),
  format('%s: three ranges by start_index equal the whole run, across block boundaries', name)) FROM specs ORDER BY name;
SELECT results_eq(
  format($$SELECT t, value FROM synth_timeseries(1, 0::bigint, 1, %L, 5, start_index => 12289)$$, spec),
  format($$SELECT t, value FROM synth_timeseries(15000, 0::bigint, 1, %L, 5) WHERE t = 12289$$, spec),
  format('%s: one row alone equals the same row of the whole run', name)) FROM specs ORDER BY name;
SELECT isnt((SELECT sum(value) FROM synth_timeseries(100, 0::bigint, 1, '{"ar": [0.5]}', 5)),
            (SELECT sum(value) FROM synth_timeseries(100, 0::bigint, 1, '{"ar": [0.5]}', 6)),
            'another seed gives another series');
SELECT results_eq(
  $$SELECT series, t, value FROM synth_timeseries_multi(300, 0::bigint, 1, '{"series": [{"ar": [0.9]}, {"garch": {}}], "correlation": [[1, 0.5], [0.5, 1]]}', 8, start_index => 4000) ORDER BY t, series$$,
  $$SELECT series, t, value FROM synth_timeseries_multi(4300, 0::bigint, 1, '{"series": [{"ar": [0.9]}, {"garch": {}}], "correlation": [[1, 0.5], [0.5, 1]]}', 8) WHERE t >= 4000 ORDER BY t, series$$,
  'several series: start_index equals the same rows of the whole run');
SELECT results_eq(
  $$SELECT value FROM synth_timeseries(500, '2024-01-01'::timestamptz, '1 hour', '{"ar": [0.8]}', 9)$$,
  $$SELECT value FROM synth_timeseries(500, 0::bigint, 1, '{"ar": [0.8]}', 9)$$,
  'the values do not depend on the kind of time axis');
-- a seedless call records its seed, and that seed repeats the run
SELECT lives_ok($$CREATE TEMP TABLE s_noseed AS SELECT * FROM synth_timeseries(50, 0::bigint, 1, '{"ar": [0.5]}')$$, 'a seedless call runs');
SELECT results_eq($$SELECT t, value FROM s_noseed ORDER BY t$$,
  format($$SELECT t, value FROM synth_timeseries(50, 0::bigint, 1, '{"ar": [0.5]}', %s) ORDER BY t$$, synth_last_seed()),
  'synth_last_seed() repeats a seedless call');

-- synth_events: chi-square of hour-of-day and weekday counts over four whole weeks
CREATE TEMP TABLE ev_profile AS SELECT
  array[1,1,1,1,1,2,4,8,10,10,9,8,9,10,10,9,8,7,6,5,4,3,2,1]::float8[] hp,
  array[5,6,6,6,7,3,2]::float8[] wp;
CREATE TEMP TABLE ev AS SELECT e FROM ev_profile, synth_events(NULL, '2024-01-01', 75, '1 hour', hp, wp,
  until => '2024-01-29', seed => 23) e;
SELECT cmp_ok(abs(count(*) - 75 * 672.0), '<', 4 * sqrt(75 * 672.0), 'events: the count is the mean rate times the duration') FROM ev;
SELECT cmp_ok(sum((c - ex) ^ 2 / ex)::float8, '<', 49.7::float8, 'events by hour of day follow the profile (chi-square, 23 df, p = 0.001)')
FROM (SELECT h, count(e) c, (SELECT count(*) FROM ev) * hp[h + 1] / (SELECT sum(x) FROM unnest(hp) x) ex
      FROM ev_profile, generate_series(0, 23) h LEFT JOIN ev ON extract(hour FROM e) = h GROUP BY h, hp) x;
SELECT cmp_ok(sum((c - ex) ^ 2 / ex)::float8, '<', 22.46::float8, 'events by weekday follow the profile (chi-square, 6 df, p = 0.001)')
FROM (SELECT d, count(e) c, (SELECT count(*) FROM ev) * wp[d] / (SELECT sum(x) FROM unnest(wp) x) ex
      FROM ev_profile, generate_series(1, 7) d LEFT JOIN ev ON extract(isodow FROM e) = d GROUP BY d, wp) x;
SELECT cmp_ok(sum((c - ex) ^ 2 / ex)::float8, '>', 100::float8, 'the chi-square test has power: a flat profile is rejected')
FROM (SELECT h, count(e) c, (SELECT count(*) FROM ev) / 24.0 ex
      FROM generate_series(0, 23) h LEFT JOIN ev ON extract(hour FROM e) = h GROUP BY h) x;
-- homogeneous case: inter-arrival times are exponential (KS, p = 0.01)
CREATE TEMP TABLE gaps AS SELECT (extract(epoch FROM e - lag(e) OVER (ORDER BY e)) / 60)::float8 g
FROM synth_events(20001, '2024-03-01', 60, seed => 24) e;
SELECT cmp_ok(max(greatest(i::float8 / n - (1 - exp(-g)), (1 - exp(-g)) - (i - 1)::float8 / n)), '<', 1.63 / sqrt(20000),
  'homogeneous events: inter-arrival times pass KS against the exponential')
FROM (SELECT g, row_number() OVER (ORDER BY g) i, count(*) OVER () n FROM gaps WHERE g IS NOT NULL) x;
SELECT cmp_ok(abs(avg(g) - 1)::float8, '<', 0.03::float8, 'homogeneous events: mean gap is 1 / rate') FROM gaps;
-- smooth profile: thinning against a linear intensity keeps the mean rate
SELECT cmp_ok(abs(count(*) - 75 * 672.0), '<', 4 * sqrt(75 * 672.0), 'smooth profile: the count is the mean rate times the duration')
FROM ev_profile, synth_events(NULL, '2024-01-01', 75, '1 hour', hp, wp, until => '2024-01-29', seed => 25, smooth => true);
SELECT results_eq(
  $$SELECT * FROM synth_events(500, '2024-01-01', 10, seed => 3)$$,
  $$SELECT * FROM synth_events(500, '2024-01-01', 10, seed => 3)$$, 'events: the same seed gives the same events');
SELECT results_eq(
  $$SELECT * FROM synth_events(200, '2024-01-01', 10, seed => 3)$$,
  $$SELECT * FROM synth_events(500, '2024-01-01', 10, seed => 3) LIMIT 200$$, 'events: the first n events are a prefix of a longer run');

-- series() rule: one series per key, a pure function of (seed, key, index)
CREATE TABLE ts_sensor (sensor int, step int, v float8);
SELECT lives_ok($$SELECT synth_fill('ts_sensor', 20000, '{"sensor": "floor(seq(0) / 1000)", "step": "seq(0) % 1000",
  "v": "series(''{\"ar\": [0.7], \"sd\": 2}'', step, sensor)"}', 3)$$, 'series() rule fills a table of 20 sensors');
SELECT cmp_ok(abs(avg(r) - 0.7), '<', 0.03::float8, 'series() rule: lag-1 autocorrelation within each sensor is the AR coefficient')
FROM (SELECT sensor, corr(v, l) r FROM (SELECT sensor, v, lag(v) OVER (PARTITION BY sensor ORDER BY step) l FROM ts_sensor) x GROUP BY sensor) y;
SELECT cmp_ok(abs(avg(r)), '<', 0.03::float8, 'series() rule: neighbouring sensors get independent innovations')
FROM (SELECT a.sensor, corr(a.e, b.e) r FROM
        (SELECT sensor, step, v - 0.7 * lag(v) OVER (PARTITION BY sensor ORDER BY step) e FROM ts_sensor) a
   JOIN (SELECT sensor, step, v - 0.7 * lag(v) OVER (PARTITION BY sensor ORDER BY step) e FROM ts_sensor) b
     ON b.sensor = a.sensor + 1 AND b.step = a.step
   GROUP BY a.sensor) x;
SELECT is((SELECT count(*) FROM synth_rows(NULL::ts_sensor, 300, '{"sensor": "7", "step": "299 - seq(0)",
  "v": "series(''{\"ar\": [0.7], \"sd\": 2}'', step, sensor)"}', 3) r
  JOIN synth_rows(NULL::ts_sensor, 300, '{"sensor": "7", "step": "seq(0)",
  "v": "series(''{\"ar\": [0.7], \"sd\": 2}'', step, sensor)"}', 3) s USING (sensor, step, v)), 300::bigint,
  'series() rule: rows in reverse order get the same values');

-- the SQLSTATE of every bad input
CREATE TABLE ts_readings (sensor int, step int, v float8);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(-1, 0::bigint, 1)$q$, '22023', NULL, $d$synth_timeseries(-1, 0::bigint, 1)$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(NULL, 0::bigint, 1)$q$, '22004', NULL, $d$synth_timeseries(NULL, 0::bigint, 1)$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, NULL::bigint, 1)$q$, '22004', NULL, $d$synth_timeseries(1, NULL::bigint, 1)$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, NULL)$q$, '22004', NULL, $d$synth_timeseries(1, 0::bigint, NULL)$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 0)$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 0)$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, NULL, 1, -1)$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, NULL, 1, -1)$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, NULL, 1, NULL)$q$, '22004', NULL, $d$synth_timeseries(1, 0::bigint, 1, NULL, 1, NULL)$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(2, 0::bigint, 1, NULL, 1, 9223372036854775807)$q$, '54000', NULL, $d$synth_timeseries(2, 0::bigint, 1, NULL, 1, 9223372036854775807)$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(3, 9223372036854775806::bigint, 1, NULL, 1)$q$, '22003', NULL, $d$synth_timeseries(3, 9223372036854775806::bigint, 1, NULL, 1)$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, '2024-01-01'::timestamptz, '-1 hour')$q$, '22023', NULL, $d$synth_timeseries(1, '2024-01-01'::timestamptz, '-1 hour')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, '2024-01-01'::timestamptz, '0 hours')$q$, '22023', NULL, $d$synth_timeseries(1, '2024-01-01'::timestamptz, '0 hours')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 'infinity'::timestamptz, '1 hour')$q$, '22023', NULL, $d$synth_timeseries(1, 'infinity'::timestamptz, '1 hour')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, '2024-01-01'::date, '1 hour')$q$, '22023', NULL, $d$synth_timeseries(1, '2024-01-01'::date, '1 hour')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(2, '294276-12-31'::timestamp, '1 day', NULL, 1)$q$, '22008', NULL, $d$synth_timeseries(2, '294276-12-31'::timestamp, '1 day', NULL, 1)$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '[1]')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '[1]')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"arr": [0.5]}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"arr": [0.5]}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ar": 0.5}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"ar": 0.5}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ar": ["x"]}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"ar": ["x"]}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ar": [1.0]}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"ar": [1.0]}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ar": [0.5, 0.6]}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"ar": [0.5, 0.6]}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ar": [0.99999]}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"ar": [0.99999]}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ma": [1.5]}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"ma": [1.5]}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ar": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0.1]}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"ar": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0.1]}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"sd": -1}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"sd": -1}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"garch": {"alpha": 0.5, "beta": 0.6}}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"garch": {"alpha": 0.5, "beta": 0.6}}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"garch": {"omega": 0}}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"garch": {"omega": 0}}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"garch": {"gamma": 1}}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"garch": {"gamma": 1}}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"trend": {"type": "cubic"}}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"trend": {"type": "cubic"}}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"trend": {"type": "piecewise"}}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"trend": {"type": "piecewise"}}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"trend": {"type": "piecewise", "changepoints": [{"at": 5, "slope": 1}, {"at": 3, "slope": 1}]}}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"trend": {"type": "piecewise", "changepoints": [{"a...$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"trend": {"type": "piecewise", "changepoints": [{"at": 5}]}}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"trend": {"type": "piecewise", "changepoints": [{"a...$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"trend": {"slope": 1, "changepoints": [{"at": 5, "slope": 1}], "type": "linear"}}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"trend": {"slope": 1, "changepoints": [{"at": 5, "s...$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"seasonality": [{"period": 1}]}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"seasonality": [{"period": 1}]}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"seasonality": [24]}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"seasonality": [24]}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"seasonality": {"period": 24}}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"seasonality": {"period": 24}}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"outliers": {"rate": 1.5}}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"outliers": {"rate": 1.5}}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"missing": {"rate": -0.1}}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"missing": {"rate": -0.1}}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"level_shifts": {"rate": 0.1, "sd": -1}}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"level_shifts": {"rate": 0.1, "sd": -1}}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"missing_as": "zero"}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"missing_as": "zero"}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"level": "high"}')$q$, '22023', NULL, $d$synth_timeseries(1, 0::bigint, 1, '{"level": "high"}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, NULL)$q$, '22004', NULL, $d$synth_timeseries_multi(1, 0::bigint, 1, NULL)$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, '{"series": []}')$q$, '22023', NULL, $d$synth_timeseries_multi(1, 0::bigint, 1, '{"series": []}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {}], "correlation": [[1, 0.5]]}')$q$, '22023', NULL, $d$synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {}], "correlation": [[1, 0.5]]}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {}], "correlation": [[1, 0.5], [0.4, 1]]}')$q$, '22023', NULL, $d$synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {}], "correlation": [[1, 0.5],...$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {}], "correlation": [[2, 0.5], [0.5, 1]]}')$q$, '22023', NULL, $d$synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {}], "correlation": [[2, 0.5],...$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {}, {}], "correlation": [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]}')$q$, '22023', NULL, $d$synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {}, {}], "correlation": [[1, 0...$d$);
SELECT throws_ok($q$SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {"missing_as": "null"}]}')$q$, '22023', NULL, $d$synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {"missing_as": "null"}]}')$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(NULL, '2024-01-01', 10)$q$, '22004', NULL, $d$synth_events(NULL, '2024-01-01', 10)$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(-1, '2024-01-01', 10)$q$, '22023', NULL, $d$synth_events(-1, '2024-01-01', 10)$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, NULL, 10)$q$, '22004', NULL, $d$synth_events(1, NULL, 10)$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, 'infinity', 10)$q$, '22023', NULL, $d$synth_events(1, 'infinity', 10)$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', 0)$q$, '22023', NULL, $d$synth_events(1, '2024-01-01', 0)$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', 'NaN')$q$, '22023', NULL, $d$synth_events(1, '2024-01-01', 'NaN')$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', NULL)$q$, '22004', NULL, $d$synth_events(1, '2024-01-01', NULL)$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', 1, NULL)$q$, '22004', NULL, $d$synth_events(1, '2024-01-01', 1, NULL)$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', 1, '1 month')$q$, '22023', NULL, $d$synth_events(1, '2024-01-01', 1, '1 month')$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', 1, '-1 hour')$q$, '22023', NULL, $d$synth_events(1, '2024-01-01', 1, '-1 hour')$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', 1, '1 hour', array[1,2,3])$q$, '22023', NULL, $d$synth_events(1, '2024-01-01', 1, '1 hour', array[1,2,3])$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', 1, '1 hour', NULL, array[1,1,1,1,1,1,-1])$q$, '22023', NULL, $d$synth_events(1, '2024-01-01', 1, '1 hour', NULL, array[1,1,1,1,1,1,-1])$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', 1, '1 hour', NULL, array[1,1,1,1,1,1,NULL])$q$, '22023', NULL, $d$synth_events(1, '2024-01-01', 1, '1 hour', NULL, array[1,1,1,1,1,1,NULL])$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', 1, '1 hour', NULL, array[0,0,0,0,0,0,0])$q$, '22023', NULL, $d$synth_events(1, '2024-01-01', 1, '1 hour', NULL, array[0,0,0,0,0,0,0])$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', 1, '1 hour', NULL, array[[1,1,1,1,1,1,1]])$q$, '22023', NULL, $d$synth_events(1, '2024-01-01', 1, '1 hour', NULL, array[[1,1,1,1,1,1,1]])$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', 1, smooth => NULL)$q$, '22004', NULL, $d$synth_events(1, '2024-01-01', 1, smooth => NULL)$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', 4e9)$q$, '22023', NULL, $d$synth_events: more than one event per microsecond$d$);
SELECT throws_ok($q$SELECT * FROM synth_events(1, '2024-01-01', 1e308, '1 microsecond')$q$, '22023', NULL, $d$synth_events: an infinite intensity$d$);
SELECT throws_ok($q$SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series()"}', 1)$q$, '22023', NULL, $d$synth_rows(NULL::ts_readings, 1, '{"v": "series()"}', 1)$d$);
SELECT throws_ok($q$SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(1)"}', 1)$q$, '22023', NULL, $d$synth_rows(NULL::ts_readings, 1, '{"v": "series(1)"}', 1)$d$);
SELECT throws_ok($q$SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(''{\"ar\": [2]}'')"}', 1)$q$, '22023', NULL, $d$synth_rows(NULL::ts_readings, 1, '{"v": "series(''{\"ar\": [2]}'')"}', 1)$d$);
SELECT throws_ok($q$SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(''{not json'')"}', 1)$q$, '22P02', NULL, $d$synth_rows(NULL::ts_readings, 1, '{"v": "series(''{not json'')"}', 1)$d$);
SELECT throws_ok($q$SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(''{}'', -1)"}', 1)$q$, '22023', NULL, $d$synth_rows(NULL::ts_readings, 1, '{"v": "series(''{}'', -1)"}', 1)$d$);
SELECT throws_ok($q$SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(''{}'', 1.5)"}', 1)$q$, '22023', NULL, $d$synth_rows(NULL::ts_readings, 1, '{"v": "series(''{}'', 1.5)"}', 1)$d$);
SELECT throws_ok($q$SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(''{}'', ''a'')"}', 1)$q$, '42804', NULL, $d$synth_rows(NULL::ts_readings, 1, '{"v": "series(''{}'', ''a'')"}', 1)$d$);
SELECT throws_ok($q$SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(''{}'', 1, 2, 3)"}', 1)$q$, '22023', NULL, $d$synth_rows(NULL::ts_readings, 1, '{"v": "series(''{}'', 1, 2, 3)"}', 1)$d$);

SELECT * FROM finish();
ROLLBACK;
