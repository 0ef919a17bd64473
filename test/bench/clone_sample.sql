-- test/bench/clone_sample.sql: the clone sampler alone, against plain copies.
--
-- Draws 1,000,000 rows from a model of the 10-column bench table (the one of
-- test/bench/clone.sql) without the exact-copy guard, (1) counted only and
-- (2) inserted into an unindexed table, against count(*) of generate_series
-- and CREATE TABLE ... AS of the source, in the same session.  Each figure
-- is the best of two runs, each after a CHECKPOINT (as a superuser).
--   psql -X -f test/bench/clone_sample.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_src, bench_ctas, bench_into;
\ir bench_src.sql
CREATE TABLE bench_into (LIKE bench_src);
RESET client_min_messages;

CREATE TEMP TABLE model AS SELECT synth_fit('bench_src') AS m;
\ir ../lib/timeit.sql

SET max_parallel_workers_per_gather = 0;
SELECT pg_temp.timeit('generate_series count(*)',
    'SELECT count(*) FROM generate_series(1, 1000000)');
SELECT pg_temp.timeit('create table as',
    'CREATE TABLE bench_ctas AS SELECT * FROM bench_src', 'DROP TABLE IF EXISTS bench_ctas');
-- guard 0: no exact-copy guard (the internal form synth_clone_table calls)
SELECT pg_temp.timeit('sample count(*)',
    $$SELECT count(*) FROM _synth_sample(NULL::bench_src, (SELECT m FROM model), 1000000, 1, 0, 0)$$);
SELECT pg_temp.timeit('sample insert',
    $$INSERT INTO bench_into SELECT * FROM _synth_sample(NULL::bench_into, (SELECT m FROM model), 1000000, 1, 0, 0)$$,
    'TRUNCATE bench_into');
RESET max_parallel_workers_per_gather;

SELECT what,
       round(min(seconds)::numeric, 3) AS seconds,	-- = microseconds per row
       round((min(seconds) / (SELECT min(seconds) FROM timings WHERE what = 'create table as'))::numeric, 2) AS over_ctas
FROM timings GROUP BY what ORDER BY min(seconds);
DROP TABLE bench_ctas, bench_into;
