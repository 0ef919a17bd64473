-- test/bench/clone.sql: fitted cloning against plain copies, in one run.
--
--   1. synth_clone_table (fit + sample + insert) of a 1,000,000-row, 10-column
--      mixed table against CREATE TABLE ... AS SELECT * of the same table,
--      three rounds alternating the two with parallel query off, then three
--      with the server's settings (max_parallel_workers_per_gather = 2: the
--      fill may use workers, and the fit's scan on tables of 500,000
--      estimated rows or more, synthdata.fit_parallel_min_rows; CREATE
--      TABLE AS plans what it plans);
--   2. synth_fit with 2 parallel workers against none, three rounds each,
--      alternating.
-- Run by test/bench/clone.sh (which adds the memory and fidelity figures).
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_src, bench_ctas, bench_clone;
\ir bench_src.sql
RESET client_min_messages;

CREATE TEMP TABLE timings (what text PRIMARY KEY, seconds float8);
CREATE FUNCTION pg_temp.timeit(what text, sql text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
    s float8;
BEGIN
    EXECUTE sql;
    s := extract(epoch FROM clock_timestamp() - t0);
    INSERT INTO timings VALUES (what, s);
    RETURN s;
END $$;

-- three rounds of CREATE TABLE AS and synth_clone_table, alternating, so that
-- both see the same machine; the ratio of the best times and each round's own
CREATE FUNCTION pg_temp.rounds(mode text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    FOR r IN 1 .. 3 LOOP
        DROP TABLE IF EXISTS bench_ctas, bench_clone;
        PERFORM pg_temp.timeit(mode || 'ctas ' || r, 'CREATE TABLE bench_ctas AS SELECT * FROM bench_src');
        PERFORM pg_temp.timeit(mode || 'clone_table ' || r, $q$SELECT synth_clone_table('bench_src', 'bench_clone', seed => 1)$q$);
    END LOOP;
END $$;
SET max_parallel_workers_per_gather = 0;
SELECT FROM pg_temp.rounds('');
RESET max_parallel_workers_per_gather;
SELECT FROM pg_temp.rounds('default ');
-- three rounds of the fit alone, serial then on 2 workers, alternating (a
-- table of fewer than synthdata.fit_parallel_min_rows is fitted serially
-- unless the setting is 0)
SET synthdata.fit_parallel_min_rows = 0;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
CREATE FUNCTION pg_temp.fit_rounds() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    FOR r IN 1 .. 3 LOOP
        PERFORM set_config('max_parallel_workers_per_gather', '0', true);
        PERFORM pg_temp.timeit('fit_serial ' || r, $q$SELECT synth_fit('bench_src')$q$);
        PERFORM set_config('max_parallel_workers_per_gather', '2', true);
        PERFORM pg_temp.timeit('fit_parallel ' || r, $q$SELECT synth_fit('bench_src')$q$);
    END LOOP;
END $$;
SELECT FROM pg_temp.fit_rounds();
RESET max_parallel_workers_per_gather;
SELECT pg_temp.timeit('fit_parallel_same_model',
    $$DO 'BEGIN IF (SELECT synth_fit(''bench_src'')) IS DISTINCT FROM (SELECT synth_fit(''bench_src'')) THEN RAISE ''differ''; END IF; END'$$);

SELECT m.mode AS settings, r AS round, round(c.seconds::numeric, 2) AS ctas_s, round(t.seconds::numeric, 2) AS clone_table_s,
       round((t.seconds / c.seconds)::numeric, 2) AS ratio
FROM (VALUES (1, ''), (2, 'default ')) m(o, mode) CROSS JOIN generate_series(1, 3) r
JOIN timings c ON c.what = m.mode || 'ctas ' || r JOIN timings t ON t.what = m.mode || 'clone_table ' || r
ORDER BY m.o, r;
SELECT round(((SELECT min(seconds) FROM timings WHERE what LIKE 'default clone_table %') /
              (SELECT min(seconds) FROM timings WHERE what LIKE 'default ctas %'))::numeric, 2)
       AS clone_over_ctas_default_settings;
SELECT (SELECT count(*) FROM bench_clone) AS clone_rows,
       round((SELECT min(seconds) FROM timings WHERE what LIKE 'ctas %')::numeric, 2) AS best_ctas_s,
       round((SELECT min(seconds) FROM timings WHERE what LIKE 'clone_table %')::numeric, 2) AS best_clone_table_s,
       round(((SELECT min(seconds) FROM timings WHERE what LIKE 'clone_table %') /
              (SELECT min(seconds) FROM timings WHERE what LIKE 'ctas %'))::numeric, 2) AS clone_over_ctas,
       round((SELECT min(seconds) FROM timings WHERE what LIKE 'fit_serial %')::numeric, 2) AS best_fit_serial_s,
       round((SELECT min(seconds) FROM timings WHERE what LIKE 'fit_parallel %')::numeric, 2) AS best_fit_2_workers_s,
       round(((SELECT min(seconds) FROM timings WHERE what LIKE 'fit_serial %') /
              (SELECT min(seconds) FROM timings WHERE what LIKE 'fit_parallel %'))::numeric, 2) AS parallel_speedup;
DROP TABLE bench_ctas, bench_clone;
