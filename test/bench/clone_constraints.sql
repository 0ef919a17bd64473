-- test/bench/clone_constraints.sql: what orderings, dependencies and the
-- grain of time cost, in one run.
--
-- A 1,000,000-row table with two timestamps in order (created, then
-- closed after a lognormal delay, NULL in 5% of rows), a category and two
-- numbers.  Three rounds alternate synth_clone_table (fit + sample +
-- insert) with the new transforms on (the defaults) and off
-- ({"orderings": false, "dependencies": false, "time_grain": false}),
-- parallel query off; the ratio of the best times is reported, with the
-- ordering violations of each clone.
--   psql -X -f test/bench/clone_constraints.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP TABLE IF EXISTS bcc_src, bcc_on, bcc_off;
CREATE TABLE bcc_src (id bigint PRIMARY KEY, created timestamp NOT NULL, closed timestamp,
                      kind text, amount float8, items int);
INSERT INTO bcc_src
SELECT i, c, CASE WHEN i % 20 = 0 THEN NULL ELSE c + make_interval(secs => round(l.y * 3600)::int) END,
       (ARRAY['a', 'b', 'c', 'd', 'e'])[1 + i % 5], l.y * 10 + i % 7, (i * 7919) % 50
FROM (SELECT u.i, timestamp '2022-01-01' + make_interval(secs => floor(u.x)::int) AS c
      FROM synth_uniform(1000000, 0, 86400 * 730, 1) WITH ORDINALITY AS u(x, i)) s
JOIN synth_lognormal(1000000, 1, 1, 2) WITH ORDINALITY AS l(y, i) USING (i);
ANALYZE bcc_src;
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

SET max_parallel_workers_per_gather = 0;
DO $$
BEGIN
    FOR r IN 1 .. 3 LOOP
        DROP TABLE IF EXISTS bcc_on, bcc_off;
        PERFORM pg_temp.timeit('off ' || r, $q$SELECT synth_clone_table('bcc_src', 'bcc_off',
            options => '{"orderings": false, "dependencies": false, "time_grain": false}', seed => 1)$q$);
        PERFORM pg_temp.timeit('on ' || r, $q$SELECT synth_clone_table('bcc_src', 'bcc_on', seed => 1)$q$);
    END LOOP;
END $$;
RESET max_parallel_workers_per_gather;

SELECT what, round(seconds::numeric, 2) AS seconds FROM timings ORDER BY what;
SELECT round((SELECT min(seconds) FROM timings WHERE what LIKE 'off%')::numeric, 2) AS best_off,
       round((SELECT min(seconds) FROM timings WHERE what LIKE 'on%')::numeric, 2) AS best_on,
       round(((SELECT min(seconds) FROM timings WHERE what LIKE 'on%')
            / (SELECT min(seconds) FROM timings WHERE what LIKE 'off%'))::numeric, 2) AS ratio_on_to_off;
SELECT (SELECT count(*) FROM bcc_on WHERE closed < created) AS violations_on,
       (SELECT count(*) FROM bcc_off WHERE closed < created) AS violations_off,
       (SELECT count(*) FROM bcc_on WHERE created <> date_trunc('second', created)) AS fractional_seconds_on,
       (SELECT count(*) FROM bcc_off WHERE created <> date_trunc('second', created)) AS fractional_seconds_off;
DROP TABLE bcc_src, bcc_on, bcc_off;
