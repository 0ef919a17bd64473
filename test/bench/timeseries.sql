-- test/bench/timeseries.sql: synth_timeseries and synth_events throughput
-- against synth_normal and synth_exponential of the same size, in the same run.
--
-- Run against the private cluster:
--   source test/cluster.sh && sd_setup && psql -X -f test/bench/timeseries.sql
--   (options: -v n=10000000 -v reps=3 -v work_mem=2GB)
-- Each query runs :reps times in interleaved rounds; the best time counts.
-- Two clocks: wall time and the CPU time of this backend (from
-- /proc/self/stat, so superuser on Linux), which a busy machine disturbs
-- least.  Target: a series of n hourly points with a linear trend, two
-- seasonalities (daily, weekly) and AR(2) noise within 2x synth_normal(n).
\set QUIET on
\pset pager off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
\if :{?work_mem}
\else
\set work_mem 2GB
\endif
SET work_mem = :'work_mem';
\if :{?n}
\else
\set n 10000000
\endif
\if :{?reps}
\else
\set reps 3
\endif

CREATE TEMP TABLE bench (name text, ms float8, cpu_ms float8);

CREATE FUNCTION pg_temp.cpu_ms() RETURNS float8
LANGUAGE sql AS $$
    SELECT (split_part(s, ' ', 14)::float8 + split_part(s, ' ', 15)::float8) * 10
    FROM pg_read_file('/proc/self/stat') s
$$;

CREATE FUNCTION pg_temp.bench(n bigint, reps int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    c0 float8;
    q record;
    spec text := '{"level": 10, "trend": {"slope": 0.0001}, "seasonality": [{"period": 24, "amplitude": 3}, {"period": 168, "amplitude": 1}], "ar": [0.5, 0.3]}';
BEGIN
    FOR r IN 1..reps LOOP
        FOR q IN SELECT * FROM (VALUES
            ('synth_normal', format('SELECT count(*) FROM synth_normal(%s, seed => 1)', n)),
            ('synth_timeseries hourly timestamptz', format($f$SELECT count(*) FROM synth_timeseries(%s, '2024-01-01'::timestamptz, '1 hour', %L, 1)$f$, n, spec)),
            ('synth_timeseries bigint index', format($f$SELECT count(*) FROM synth_timeseries(%s, 0::bigint, 1, %L, 1)$f$, n, spec)),
            ('synth_timeseries_multi 2 correlated', format($f$SELECT count(*) FROM synth_timeseries_multi(%s, 0::bigint, 1, '{"series": [{"ar": [0.5, 0.3]}, {"ar": [0.5, 0.3]}], "correlation": [[1, 0.8], [0.8, 1]]}', 1)$f$, n / 2)),
            ('synth_exponential', format('SELECT count(*) FROM synth_exponential(%s, seed => 1)', n)),
            ('synth_events homogeneous', format($f$SELECT count(*) FROM synth_events(%s, '2024-01-01', 1000, seed => 1)$f$, n)),
            ('synth_events profiled', format($f$SELECT count(*) FROM synth_events(%s, '2024-01-01', 1000, '1 hour',
                array[1,1,1,1,1,2,4,8,10,10,9,8,9,10,10,9,8,7,6,5,4,3,2,1]::float8[], array[5,6,6,6,7,3,2]::float8[], seed => 1)$f$, n))
        ) v(name, sql)
        LOOP
            c0 := pg_temp.cpu_ms();
            t0 := clock_timestamp();
            EXECUTE q.sql;
            INSERT INTO bench VALUES (q.name, extract(epoch FROM clock_timestamp() - t0) * 1000,
                                      pg_temp.cpu_ms() - c0);
        END LOOP;
    END LOOP;
END $$;

SELECT pg_temp.bench(:n, :reps);
CREATE TEMP VIEW best AS SELECT name, min(ms) AS ms, min(cpu_ms) AS cpu_ms FROM bench GROUP BY name;

\pset format aligned
\echo
\echo 'synthdata time series benchmark (n = ' :n ', work_mem = ' :work_mem ', best of ' :reps ' interleaved rounds)'
SELECT c.label AS comparison,
       round(x.ms::numeric) AS ms, round(y.ms::numeric) AS base_ms, round((x.ms / y.ms)::numeric, 2) AS wall_ratio,
       round(x.cpu_ms::numeric) AS cpu_ms, round(y.cpu_ms::numeric) AS base_cpu_ms,
       round((x.cpu_ms / nullif(y.cpu_ms, 0))::numeric, 2) AS cpu_ratio, c.target
FROM (VALUES (1, 'synth_timeseries (trend + 2 seasons + AR(2), hourly) / synth_normal', 'synth_timeseries hourly timestamptz', 'synth_normal', '<= 2'),
             (2, 'synth_timeseries (same, bigint index) / synth_normal', 'synth_timeseries bigint index', 'synth_normal', '<= 2'),
             (3, 'synth_timeseries_multi (n/2 steps x 2 series) / synth_normal', 'synth_timeseries_multi 2 correlated', 'synth_normal', ''),
             (4, 'synth_events homogeneous / synth_exponential', 'synth_events homogeneous', 'synth_exponential', '<= 2'),
             (5, 'synth_events hour and weekday profile / synth_exponential', 'synth_events profiled', 'synth_exponential', '<= 2'))
     AS c(ord, label, a, b, target)
JOIN best x ON x.name = c.a
JOIN best y ON y.name = c.b
ORDER BY c.ord;
