-- synth_timeseries, synth_timeseries_multi, synth_events and the series()
-- rule: shapes of the output, reproducibility, and every bad input.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;
SET extra_float_digits = 0;
SET timezone = 'UTC';

-- the four kinds of time axis
SELECT t, round(value::numeric, 6) FROM synth_timeseries(3, '2024-01-01 00:00+00'::timestamptz, '1 hour', '{"ar": [0.5]}', 1);
SELECT t, round(value::numeric, 6) FROM synth_timeseries(3, '2024-01-01'::timestamp, '15 minutes', NULL, 1);
SELECT t, round(value::numeric, 6) FROM synth_timeseries(4, '2024-01-31'::date, '1 month', '{}', 1);
SELECT t, round(value::numeric, 6) FROM synth_timeseries(3, 100::bigint, 10, '{"level": 5, "sd": 0}', 1);
-- t of step i is start + i * step, also from start_index
SELECT t FROM synth_timeseries(2, '2024-01-01'::date, '1 day', NULL, 1, start_index => 365);
-- n = 0: no rows (the components are checked all the same)
SELECT count(*) FROM synth_timeseries(0, 0::bigint, 1, '{"ar": [0.5]}', 1);
-- a deterministic series: trend and seasonality only
SELECT t, round(value::numeric, 6) FROM synth_timeseries(5, 0::bigint, 1,
  '{"sd": 0, "level": 1, "trend": {"slope": 2}, "seasonality": [{"period": 4, "amplitude": 1}]}', 1);
-- piecewise trend: continuous, the slope changes at each change point
SELECT t, value FROM synth_timeseries(7, 0::bigint, 1,
  '{"sd": 0, "trend": {"type": "piecewise", "slope": 1, "changepoints": [{"at": 3, "slope": -1}, {"at": 5, "slope": 0}]}}', 1);
-- logistic trend: floor + capacity at the far right, half way at the midpoint
SELECT round(value::numeric, 4) FROM synth_timeseries(1, 0::bigint, 1,
  '{"sd": 0, "level": 2, "trend": {"type": "logistic", "capacity": 10, "growth": 0.5, "midpoint": 20}}', 1, start_index => 20);
-- missing steps: skipped, or NULL values
SELECT count(*) FROM synth_timeseries(1000, 0::bigint, 1, '{"missing": {"rate": 0.3}}', 1);
SELECT count(*), count(value) FROM synth_timeseries(1000, 0::bigint, 1, '{"missing": {"rate": 0.3}, "missing_as": "null"}', 1);
-- long form of several series
SELECT series, t, round(value::numeric, 6) FROM synth_timeseries_multi(2, 0::bigint, 1,
  '{"series": [{"ar": [0.5]}, {"level": 10}], "correlation": [[1, 0.9], [0.9, 1]]}', 1);
-- the first series of a multi run is the single series of the same seed
SELECT count(*) FROM (SELECT t, value FROM synth_timeseries_multi(50, 0::bigint, 1, '{"series": [{"ar": [0.5]}, {}]}', 9) WHERE series = 1
  EXCEPT SELECT t, value FROM synth_timeseries(50, 0::bigint, 1, '{"ar": [0.5]}', 9)) d;
-- in a SELECT list the rows stream (LIMIT stops early even for a huge n)
SELECT (synth_timeseries(9223372036854775806, 0::bigint, 1, NULL, 1)).t LIMIT 3;

-- errors: arguments
SELECT * FROM synth_timeseries(-1, 0::bigint, 1);
SELECT * FROM synth_timeseries(NULL, 0::bigint, 1);
SELECT * FROM synth_timeseries(1, NULL::bigint, 1);
SELECT * FROM synth_timeseries(1, 0::bigint, NULL);
SELECT * FROM synth_timeseries(1, 0::bigint, 0);
SELECT * FROM synth_timeseries(1, 0::bigint, 1, NULL, 1, -1);
SELECT * FROM synth_timeseries(1, 0::bigint, 1, NULL, 1, NULL);
SELECT * FROM synth_timeseries(2, 0::bigint, 1, NULL, 1, 9223372036854775807);
SELECT * FROM synth_timeseries(3, 9223372036854775806::bigint, 1, NULL, 1);
SELECT * FROM synth_timeseries(1, '2024-01-01'::timestamptz, '-1 hour');
SELECT * FROM synth_timeseries(1, '2024-01-01'::timestamptz, '0 hours');
SELECT * FROM synth_timeseries(1, 'infinity'::timestamptz, '1 hour');
SELECT * FROM synth_timeseries(1, '2024-01-01'::date, '1 hour');
SELECT * FROM synth_timeseries(2, '294276-12-31'::timestamp, '1 day', NULL, 1);
-- errors: components
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '[1]');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"arr": [0.5]}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ar": 0.5}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ar": ["x"]}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ar": [1.0]}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ar": [0.5, 0.6]}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ar": [0.99999]}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ma": [1.5]}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"ar": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0.1]}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"sd": -1}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"garch": {"alpha": 0.5, "beta": 0.6}}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"garch": {"omega": 0}}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"garch": {"gamma": 1}}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"trend": {"type": "cubic"}}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"trend": {"type": "piecewise"}}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"trend": {"type": "piecewise", "changepoints": [{"at": 5, "slope": 1}, {"at": 3, "slope": 1}]}}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"trend": {"type": "piecewise", "changepoints": [{"at": 5}]}}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"trend": {"slope": 1, "changepoints": [{"at": 5, "slope": 1}], "type": "linear"}}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"seasonality": [{"period": 1}]}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"seasonality": [24]}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"seasonality": {"period": 24}}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"outliers": {"rate": 1.5}}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"missing": {"rate": -0.1}}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"level_shifts": {"rate": 0.1, "sd": -1}}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"missing_as": "zero"}');
SELECT * FROM synth_timeseries(1, 0::bigint, 1, '{"level": "high"}');
-- errors: several series
SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, NULL);
SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, '{"series": []}');
SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {}], "correlation": [[1, 0.5]]}');
SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {}], "correlation": [[1, 0.5], [0.4, 1]]}');
SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {}], "correlation": [[2, 0.5], [0.5, 1]]}');
SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {}, {}], "correlation": [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]}');
SELECT * FROM synth_timeseries_multi(1, 0::bigint, 1, '{"series": [{}, {"missing_as": "null"}]}');
-- a positive semi-definite (singular) matrix is accepted: perfectly correlated innovations
SELECT round(corr(a, b)::numeric, 6) FROM (
  SELECT t, max(value) FILTER (WHERE series = 1) a, max(value) FILTER (WHERE series = 2) b
  FROM synth_timeseries_multi(200, 0::bigint, 1, '{"series": [{}, {}], "correlation": [[1, 1], [1, 1]]}', 3) GROUP BY t) x;

-- synth_events
SELECT * FROM synth_events(3, '2024-01-01', 10, seed => 1);
-- the events of an hour depend only on (seed, hour): a later start gives the same events
SELECT count(*) FROM (SELECT * FROM synth_events(NULL, '2024-01-01 05:00', 10, until => '2024-01-02', seed => 1)
  EXCEPT SELECT * FROM synth_events(NULL, '2024-01-01', 10, until => '2024-01-02', seed => 1)) d;
SELECT count(*) FROM synth_events(NULL, '2024-01-01 05:00', 10, until => '2024-01-02', seed => 1);
-- n and until: whichever comes first
SELECT count(*) FROM synth_events(5, '2024-01-01', 10, until => '2024-01-02', seed => 1);
SELECT count(*) FROM synth_events(0, '2024-01-01', 10, seed => 1);
SELECT count(*) FROM synth_events(100, '2024-01-01', 10, until => '2023-01-01', seed => 1);
-- a zero weight means no event in that hour or weekday
SELECT count(*) FROM synth_events(2000, '2024-01-01', 10, '1 hour',
  array[0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0], array[1,1,1,1,1,0,0], seed => 2) e
  WHERE extract(hour FROM e) NOT BETWEEN 8 AND 17 OR extract(isodow FROM e) > 5;
SELECT count(*) FROM synth_events(100, '2024-01-01', 3, '1 day', smooth => true, seed => 2);
-- errors
SELECT * FROM synth_events(NULL, '2024-01-01', 10);
SELECT * FROM synth_events(-1, '2024-01-01', 10);
SELECT * FROM synth_events(1, NULL, 10);
SELECT * FROM synth_events(1, 'infinity', 10);
SELECT * FROM synth_events(1, '2024-01-01', 0);
SELECT * FROM synth_events(1, '2024-01-01', 'NaN');
SELECT * FROM synth_events(1, '2024-01-01', NULL);
SELECT * FROM synth_events(1, '2024-01-01', 1, NULL);
SELECT * FROM synth_events(1, '2024-01-01', 1, '1 month');
SELECT * FROM synth_events(1, '2024-01-01', 1, '-1 hour');
SELECT * FROM synth_events(1, '2024-01-01', 1, '1 hour', array[1,2,3]);
SELECT * FROM synth_events(1, '2024-01-01', 1, '1 hour', NULL, array[1,1,1,1,1,1,-1]);
SELECT * FROM synth_events(1, '2024-01-01', 1, '1 hour', NULL, array[1,1,1,1,1,1,NULL]);
SELECT * FROM synth_events(1, '2024-01-01', 1, '1 hour', NULL, array[0,0,0,0,0,0,0]);
SELECT * FROM synth_events(1, '2024-01-01', 1, '1 hour', NULL, array[[1,1,1,1,1,1,1]]);
SELECT * FROM synth_events(1, '2024-01-01', 1, smooth => NULL);
SELECT * FROM synth_events(1, '2024-01-01', 4e9);
SELECT * FROM synth_events(1, '2024-01-01', 1e308, '1 microsecond');

-- the series() rule of synth_rows / synth_fill
CREATE TABLE ts_readings (sensor int, step int, v float8);
SELECT synth_fill('ts_readings', 60, '{"sensor": "floor(seq(0) / 20)", "step": "seq(0) % 20",
  "v": "series(''{\"sd\": 0, \"level\": 1, \"trend\": {\"slope\": 1}}'', step, sensor)"}', 1);
SELECT sensor, min(v), max(v), count(*) FROM ts_readings GROUP BY 1 ORDER BY 1;
-- one key's series is the same whatever the order of its rows
TRUNCATE ts_readings;
SELECT synth_fill('ts_readings', 40, '{"sensor": "seq(0) % 2", "step": "floor(seq(0) / 2)",
  "v": "series(''{\"ar\": [0.9]}'', step, sensor)"}', 5);
CREATE TEMP TABLE ts_first AS SELECT * FROM ts_readings;
TRUNCATE ts_readings;
SELECT synth_fill('ts_readings', 40, '{"sensor": "floor(seq(0) / 20)", "step": "seq(0) % 20",
  "v": "series(''{\"ar\": [0.9]}'', step, sensor)"}', 5);
SELECT count(*) FROM (SELECT * FROM ts_readings EXCEPT SELECT * FROM ts_first) d;
-- without index and key: the row index, one series
SELECT count(*), count(DISTINCT v) FROM synth_rows(NULL::ts_readings, 10, '{"v": "series(''{\"missing\": {\"rate\": 0.5}}'')"}', 1);
-- errors
SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series()"}', 1);
SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(1)"}', 1);
SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(''{\"ar\": [2]}'')"}', 1);
SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(''{not json'')"}', 1);
SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(''{}'', -1)"}', 1);
SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(''{}'', 1.5)"}', 1);
SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(''{}'', ''a'')"}', 1);
SELECT * FROM synth_rows(NULL::ts_readings, 1, '{"v": "series(''{}'', 1, 2, 3)"}', 1);
DROP TABLE ts_readings;
-- several series on timestamp and date axes
SELECT series, t, round(value::numeric, 6) FROM synth_timeseries_multi(2, '2024-01-01'::timestamp, '1 day', '{"series": [{}, {"sd": 0}]}', 1);
SELECT series, t FROM synth_timeseries_multi(2, '2024-01-31'::date, '1 month', '{"series": [{}, {}]}', 1, 1);
