-- test/bench/clone_sample.sql: the clone sampler alone, against plain copies.
--
-- Draws 1,000,000 rows from a model of the 10-column bench table (the one of
-- test/bench/clone.sql) without the exact-copy guard, (1) counted only and
-- (2) inserted into an unindexed table, against count(*) of generate_series
-- and CREATE TABLE ... AS of the source, in the same session.  Each figure
-- is the best of two runs.  psql -X -f test/bench/clone_sample.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_src, bench_ctas, bench_into;
SELECT setseed(0.42);
CREATE TABLE bench_src AS
SELECT i AS id,
       round((100 + 50 * sqrt(-2 * ln(random())) * cos(2 * pi() * random()))::numeric, 2)::numeric(10,2) AS amount,
       (random() * 90)::int AS age,
       CASE WHEN random() < 0.1 THEN NULL ELSE exp(random() * 5) END AS score,
       (ARRAY['red', 'green', 'blue', 'black', 'white'])[1 + (random() * 4.999)::int] AS colour,
       'city ' || (random() * 49)::int AS city,
       date '2015-01-01' + (random() * 3000)::int AS day,
       timestamp '2020-01-01' + random() * interval '900 days' AS at,
       random() < 0.3 AS flag,
       CASE WHEN random() < 0.2 THEN NULL ELSE (random() * 1000)::int END AS qty
FROM generate_series(1, 1000000) i;
ALTER TABLE bench_src ADD PRIMARY KEY (id);
VACUUM ANALYZE bench_src;
CREATE TABLE bench_into (LIKE bench_src);
RESET client_min_messages;

CREATE TEMP TABLE model AS SELECT synth_fit('bench_src') AS m;
CREATE TEMP TABLE timings (what text, seconds float8);
CREATE FUNCTION pg_temp.timeit(what text, sql text, before text DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
BEGIN
    FOR i IN 1 .. 2 LOOP
        IF before IS NOT NULL THEN
            EXECUTE before;
        END IF;
        t0 := clock_timestamp();
        EXECUTE sql;
        INSERT INTO timings VALUES (what, extract(epoch FROM clock_timestamp() - t0));
    END LOOP;
END $$;

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
