-- Benchmark: fake values against a baseline of the same row count.
--
--   psql -X -f test/bench/fake.sql
--
-- Baseline: count(*) over generate_series(1, n), a set-returning function
-- producing n rows and nothing else; a ratio is then the cost of making
-- the values.  Every query runs in each of five rounds, one after the
-- other, and its best time counts: on a shared machine the best run is the
-- least disturbed one, and interleaving spreads disturbances over all
-- queries alike.  "FROM" queries go through the executor's tuplestore (a
-- set-returning function in FROM is materialized); "select-list" queries
-- stream (ProjectSet), as row generation inside synthdata does.
\set n 1000000
SET client_min_messages = warning;

CREATE TEMP TABLE bench_q(ord int, label text, q text, best float8 DEFAULT 'Infinity');
INSERT INTO bench_q(ord, label, q) VALUES
 (0, 'baseline: generate_series, FROM',   'SELECT count(*) FROM generate_series(1, :n)'),
 (1, 'full_name, FROM',                   'SELECT count(*) FROM synth_fake(:n, ''full_name'', seed => 1)'),
 (2, 'email, FROM',                       'SELECT count(*) FROM synth_fake(:n, ''email'', seed => 1)'),
 (3, 'sentence, FROM',                    'SELECT count(*) FROM synth_fake(:n, ''sentence'', seed => 1)'),
 (4, 'baseline: generate_series, select-list', 'SELECT count(x) FROM (SELECT generate_series(1, :n) x) s'),
 (5, 'full_name, select-list',            'SELECT count(x) FROM (SELECT synth_fake(:n, ''full_name'', seed => 1) x) s'),
 (6, 'email, select-list',                'SELECT count(x) FROM (SELECT synth_fake(:n, ''email'', seed => 1) x) s'),
 (7, 'sentence, select-list',             'SELECT count(x) FROM (SELECT synth_fake(:n, ''sentence'', seed => 1) x) s'),
 (8, 'street_address, select-list',       'SELECT count(x) FROM (SELECT synth_fake(:n, ''street_address'', seed => 1) x) s'),
 (9, 'full_name de, select-list',         'SELECT count(x) FROM (SELECT synth_fake(:n, ''full_name'', ''de'', seed => 1) x) s'),
 (10, 'pattern AA-9999, select-list',     'SELECT count(x) FROM (SELECT synth_fake_pattern(:n, ''AA-9999'', seed => 1) x) s'),
 (11, 'md5(i::text), select-list',        'SELECT count(x) FROM (SELECT md5(generate_series(1, :n)::text) x) s');
UPDATE bench_q SET q = replace(q, ':n', :'n');

DO $$
DECLARE
    r record;
    t0 timestamptz;
    ms float8;
    round int;
BEGIN
    FOR round IN 1 .. 5 LOOP
        FOR r IN SELECT * FROM bench_q ORDER BY ord LOOP
            t0 := clock_timestamp();
            EXECUTE r.q;
            ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
            UPDATE bench_q SET best = least(best, ms) WHERE ord = r.ord;
        END LOOP;
    END LOOP;
END $$;

SELECT label,
       round(best::numeric, 1) AS best_ms,
       round((best / CASE WHEN ord < 4 THEN (SELECT best FROM bench_q WHERE ord = 0)
                          ELSE (SELECT best FROM bench_q WHERE ord = 4) END)::numeric, 2) AS ratio,
       round((:n / best / 1000.0)::numeric, 2) AS million_rows_per_s
FROM bench_q ORDER BY ord;
