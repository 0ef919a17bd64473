-- test/bench/sampling.sql: synthdata sampling throughput against baselines.
--
-- Run against the private cluster (see test/bench/sampling.sh):
--   psql -X -f test/bench/sampling.sql
-- Each query runs :reps times; the best time counts (least disturbed by other
-- load).  Ratios compare each synthdata function with its baseline in the
-- same run.  Needs tablefunc (postgresql-contrib) for normal_rand().
\set QUIET on
\pset pager off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
CREATE EXTENSION IF NOT EXISTS tablefunc;
RESET client_min_messages;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
-- keep the SRF's tuplestore in memory for every contender alike
SET work_mem = '1GB';

\if :{?n}
\else
\set n 10000000
\endif
\if :{?reps}
\else
\set reps 3
\endif

CREATE TEMP TABLE bench (name text, ms float8);

CREATE FUNCTION pg_temp.bench(label text, q text, reps int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    best float8 := 'Infinity';
BEGIN
    FOR i IN 1..reps LOOP
        t0 := clock_timestamp();
        EXECUTE q;
        best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
    END LOOP;
    INSERT INTO bench VALUES (label, best);
END $$;

SELECT pg_temp.bench('generate_series', format('SELECT count(*) FROM generate_series(1, %s)', :n), :reps);
SELECT pg_temp.bench('random() over generate_series', format('SELECT count(r) FROM (SELECT random() AS r FROM generate_series(1, %s)) s', :n), :reps);
SELECT pg_temp.bench('tablefunc normal_rand', format('SELECT count(*) FROM normal_rand(%s, 0, 1)', :n), :reps);
SELECT pg_temp.bench('synth_normal', format('SELECT count(*) FROM synth_normal(%s, seed => 1)', :n), :reps);
SELECT pg_temp.bench('synth_uniform', format('SELECT count(*) FROM synth_uniform(%s, seed => 1)', :n), :reps);
SELECT pg_temp.bench('synth_poisson(4)', format('SELECT count(*) FROM synth_poisson(%s, 4, seed => 1)', :n), :reps);
SELECT pg_temp.bench('synth_poisson(100)', format('SELECT count(*) FROM synth_poisson(%s, 100, seed => 1)', :n), :reps);
SELECT pg_temp.bench('synth_choice(text, 5 weights)', format($q$SELECT count(*) FROM synth_choice(%s, '{a,b,c,d,e}'::text[], '{5,4,3,2,1}', seed => 1)$q$, :n), :reps);

\pset format aligned
\echo
\echo 'synthdata sampling benchmark (n = ' :n ', best of ' :reps ')'
WITH b AS (SELECT name, ms FROM bench),
     base AS (SELECT (SELECT ms FROM b WHERE name = 'generate_series') AS gs,
                     (SELECT ms FROM b WHERE name = 'random() over generate_series') AS rnd,
                     (SELECT ms FROM b WHERE name = 'tablefunc normal_rand') AS nr)
SELECT c.label AS comparison, round(x.ms::numeric, 0) AS ms, round(y.ms::numeric, 0) AS baseline_ms,
       round((x.ms / y.ms)::numeric, 2) AS ratio, c.target
FROM (VALUES (1, 'synth_normal / generate_series', 'synth_normal', 'generate_series', '<= 1.2'),
             (2, 'synth_normal / tablefunc normal_rand', 'synth_normal', 'tablefunc normal_rand', '<= 0.5'),
             (3, 'synth_uniform / random() over generate_series', 'synth_uniform', 'random() over generate_series', ''),
             (4, 'synth_poisson(4) / generate_series', 'synth_poisson(4)', 'generate_series', ''),
             (5, 'synth_poisson(100) / generate_series', 'synth_poisson(100)', 'generate_series', ''),
             (6, 'synth_choice / generate_series', 'synth_choice(text, 5 weights)', 'generate_series', ''))
     AS c(ord, label, a, b, target)
JOIN bench x ON x.name = c.a
JOIN bench y ON y.name = c.b
ORDER BY c.ord;
