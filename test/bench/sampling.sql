-- test/bench/sampling.sql: synthdata sampling throughput against baselines.
--
-- Run against the private cluster:
--   source test/cluster.sh && sd_setup && psql -X -f test/bench/sampling.sql
--   (options: -v n=10000000 -v reps=3 -v work_mem=2GB)
-- Each query runs :reps times; the best time counts (least disturbed by other
-- load).  Two clocks: wall time, and the CPU time of this backend (user +
-- system, from /proc/self/stat, so superuser on Linux), which is what a
-- shared, busy machine disturbs least.  Ratios compare each synthdata
-- function with its baseline in the same run.  Needs tablefunc
-- (postgresql-contrib) for normal_rand().
\set QUIET on
\pset pager off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
CREATE EXTENSION IF NOT EXISTS tablefunc;
RESET client_min_messages;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
-- Every FunctionScan stores its rows in a tuplestore; with the default
-- work_mem it spills to disk and the figures measure the disk.  Keep it in
-- memory (about 0.6 GB at n = 1e7) unless told otherwise: -v work_mem=4MB.
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

-- CPU time of this backend in milliseconds (clock ticks of 10 ms)
CREATE FUNCTION pg_temp.cpu_ms() RETURNS float8
LANGUAGE sql AS $$
    SELECT (split_part(s, ' ', 14)::float8 + split_part(s, ' ', 15)::float8) * 10
    FROM pg_read_file('/proc/self/stat') s
$$;

-- Rounds interleave the contenders, so that a change in the machine's load
-- hits all of them alike; each contender's best round counts.
CREATE FUNCTION pg_temp.bench(n bigint, reps int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    c0 float8;
    q record;
BEGIN
    FOR r IN 1..reps LOOP
        FOR q IN SELECT * FROM (VALUES
            ('generate_series', format('SELECT count(*) FROM generate_series(1, %s)', n)),
            ('random() over generate_series', format('SELECT count(r) FROM (SELECT random() AS r FROM generate_series(1, %s)) s', n)),
            ('tablefunc normal_rand', format('SELECT count(*) FROM normal_rand(%s, 0, 1)', n)),
            ('synth_normal', format('SELECT count(*) FROM synth_normal(%s, seed => 1)', n)),
            ('synth_uniform', format('SELECT count(*) FROM synth_uniform(%s, seed => 1)', n)),
            ('synth_poisson(4)', format('SELECT count(*) FROM synth_poisson(%s, 4, seed => 1)', n)),
            ('synth_poisson(100)', format('SELECT count(*) FROM synth_poisson(%s, 100, seed => 1)', n)),
            ('synth_choice(text, 5 weights)', format($f$SELECT count(*) FROM synth_choice(%s, '{a,b,c,d,e}'::text[], '{5,4,3,2,1}', seed => 1)$f$, n))
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
\echo 'synthdata sampling benchmark (n = ' :n ', work_mem = ' :work_mem ', best of ' :reps ' interleaved rounds)'
SELECT c.label AS comparison,
       round(x.ms::numeric) AS ms, round(y.ms::numeric) AS base_ms, round((x.ms / y.ms)::numeric, 2) AS wall_ratio,
       round(x.cpu_ms::numeric) AS cpu_ms, round(y.cpu_ms::numeric) AS base_cpu_ms,
       round((x.cpu_ms / nullif(y.cpu_ms, 0))::numeric, 2) AS cpu_ratio, c.target
FROM (VALUES (1, 'synth_normal / generate_series', 'synth_normal', 'generate_series', '<= 1.2'),
             (2, 'synth_normal / tablefunc normal_rand', 'synth_normal', 'tablefunc normal_rand', '<= 0.5'),
             (3, 'synth_uniform / random() over generate_series', 'synth_uniform', 'random() over generate_series', ''),
             (4, 'synth_poisson(4) / generate_series', 'synth_poisson(4)', 'generate_series', ''),
             (5, 'synth_poisson(100) / generate_series', 'synth_poisson(100)', 'generate_series', ''),
             (6, 'synth_choice / generate_series', 'synth_choice(text, 5 weights)', 'generate_series', ''))
     AS c(ord, label, a, b, target)
JOIN best x ON x.name = c.a
JOIN best y ON y.name = c.b
ORDER BY c.ord;
