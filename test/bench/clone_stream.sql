-- test/bench/clone_stream.sql: synth_clone in FROM as the streaming scan
-- (SynthdataSample, the default) against the FunctionScan it replaces
-- (synthdata.enable_stream_scan = off), in the same session, on the
-- production-shaped table of clone_production.sql:
--   * the first rows of a clone (LIMIT 10 of 1,000,000): the scan stops the
--     workers after the first batches; the FunctionScan draws every row
--     into its tuplestore first;
--   * CREATE TABLE ... AS SELECT * FROM synth_clone(...), and the bytes of
--     temporary files each way writes (pg_stat_database.temp_bytes, so
--     alone on the database);
-- and the bare CREATE TABLE ... AS of the source as the baseline.  Each
-- time is the best of three runs, each after a CHECKPOINT (as a superuser).
--   psql -X -v rows=1000000 -f test/bench/clone_stream.sql
\set ON_ERROR_STOP on
\if :{?rows}
\else
\set rows 1000000
\endif
\ir ../lib/prod_patients.sql
DROP TABLE IF EXISTS stream_copy;

\ir ../lib/timeit.sql

SELECT pg_temp.timeit('create table as (baseline)',
    'CREATE TABLE stream_copy AS SELECT * FROM prod_patients',
    'DROP TABLE IF EXISTS stream_copy; SET synthdata.enable_stream_scan = on', 3);
SELECT pg_temp.timeit('first 10 rows, streaming scan',
    format('SELECT count(*) FROM (SELECT * FROM synth_clone(NULL::prod_patients, %s, seed => 1) LIMIT 10) s', :rows),
    'DROP TABLE IF EXISTS stream_copy; SET synthdata.enable_stream_scan = on', 3);
SELECT pg_temp.timeit('first 10 rows, function scan',
    format('SELECT count(*) FROM (SELECT * FROM synth_clone(NULL::prod_patients, %s, seed => 1) LIMIT 10) s', :rows),
    'DROP TABLE IF EXISTS stream_copy; SET synthdata.enable_stream_scan = off', 3);
SELECT pg_temp.timeit('create table as synth_clone, streaming scan',
    format('CREATE TABLE stream_copy AS SELECT * FROM synth_clone(NULL::prod_patients, %s, seed => 1)', :rows),
    'DROP TABLE IF EXISTS stream_copy; SET synthdata.enable_stream_scan = on', 3);
SELECT pg_temp.timeit('create table as synth_clone, function scan',
    format('CREATE TABLE stream_copy AS SELECT * FROM synth_clone(NULL::prod_patients, %s, seed => 1)', :rows),
    'DROP TABLE IF EXISTS stream_copy; SET synthdata.enable_stream_scan = off', 3);

SELECT :rows AS rows, what, round(min(seconds)::numeric, 3) AS seconds,
       round((min(seconds) / (SELECT min(seconds) FROM timings WHERE what LIKE '%baseline%'))::numeric, 2)
         AS over_bare_ctas
FROM timings GROUP BY what ORDER BY what;

RESET synthdata.enable_stream_scan;

-- temporary files written by one CREATE TABLE ... AS each way (the
-- statistics are flushed when the session is idle, between statements)
SELECT pg_stat_force_next_flush();
SELECT temp_bytes AS b0 FROM pg_stat_database WHERE datname = current_database() \gset
DROP TABLE IF EXISTS stream_copy;
SET synthdata.enable_stream_scan = off;
CREATE TABLE stream_copy AS SELECT * FROM synth_clone(NULL::prod_patients, :rows, seed => 1);
SELECT pg_stat_force_next_flush();
SELECT temp_bytes AS b1 FROM pg_stat_database WHERE datname = current_database() \gset
DROP TABLE stream_copy;
RESET synthdata.enable_stream_scan;
CREATE TABLE stream_copy AS SELECT * FROM synth_clone(NULL::prod_patients, :rows, seed => 1);
SELECT pg_stat_force_next_flush();
SELECT temp_bytes AS b2 FROM pg_stat_database WHERE datname = current_database() \gset
SELECT pg_size_pretty(:b1::bigint - :b0) AS function_scan_temp_files,
       pg_size_pretty(:b2::bigint - :b1) AS streaming_scan_temp_files;
DROP TABLE IF EXISTS stream_copy;
DROP TABLE prod_patients, prod_wards;
