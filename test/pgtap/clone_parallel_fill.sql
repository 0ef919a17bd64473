-- synth_clone_table's parallel fill: workers draw the rows, the leader
-- inserts them.  The table must hold the very rows, in the very order, of a
-- serial fill (and of synth_sample with the same model and seed), whatever
-- the number of workers that start; the workers must really draw; an error
-- in a worker, or a statement timeout, must reach the caller and leave
-- nothing behind; and a CHECK
-- constraint calling a function not marked PARALLEL SAFE keeps the fill in
-- the caller's own process.
BEGIN;
SELECT plan(21);
SET LOCAL client_min_messages = warning;

CREATE TYPE pf_tier AS ENUM ('bronze', 'silver', 'gold');
CREATE DOMAIN pf_percent AS numeric(5, 2) CHECK (VALUE BETWEEN 0 AND 100);
-- in_leader(x), in_leader_unsafe(x): where a CHECK is evaluated
\ir ../lib/in_leader.sql

-- 150,000 rows of every kind the fill forms: keys, numerics, integers with
-- NULLs, floats, text categories, an enum, a domain, dates, timestamps,
-- booleans; NOT NULL, and a CHECK across two columns that the model's
-- draws break now and then (so rows are redrawn, in the workers too)
SELECT setseed(0.8125);
CREATE TABLE pf_src (
    id bigint PRIMARY KEY,
    lo numeric(10, 2) NOT NULL,
    hi numeric(10, 2) NOT NULL,
    n integer,
    f double precision,
    colour text NOT NULL,
    tier pf_tier,
    pct pf_percent,
    day date,
    at timestamptz,
    flag boolean,
    CHECK (hi >= lo)
);
INSERT INTO pf_src
SELECT i, round(lo::numeric, 2), round((lo + 0.2 + abs(e))::numeric, 2),
       CASE WHEN random() < 0.15 THEN NULL ELSE (random() * 500)::integer END,
       exp(lo / 40), (ARRAY['red', 'green', 'blue', 'black'])[1 + floor(random() * 4)::integer],
       (ARRAY['bronze', 'silver', 'gold'])[1 + floor(random() * 3)::integer]::pf_tier,
       round((random() * 100)::numeric, 2), date '2020-01-01' + (random() * 1500)::integer,
       timestamptz '2021-01-01 00:00+00' + random() * interval '700 days', random() < 0.4
FROM (SELECT i, 100 + 30 * sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS lo,
             sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS e
      FROM generate_series(1, 150000) i) s;
ANALYZE pf_src;
CREATE TEMP TABLE pf_model AS SELECT synth_fit('pf_src') AS m;

-- the serial fill, then 2 workers, then workers that cannot start
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT synth_clone_table('pf_src', 'pf_serial', seed => 7);
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT synth_clone_table('pf_src', 'pf_parallel', seed => 7);
SET LOCAL max_parallel_workers = 0;
SELECT synth_clone_table('pf_src', 'pf_no_workers', seed => 7);
RESET max_parallel_workers;
SET LOCAL max_parallel_workers_per_gather = 1;
SELECT synth_clone_table('pf_src', 'pf_one_worker', seed => 7);
SET LOCAL max_parallel_workers_per_gather = 2;
-- a temporary target: the workers only read its definition, never its pages
SELECT synth_clone_table('pf_src', 'pg_temp.pf_temp', seed => 7);

-- each table's rows in physical (insertion) order, as one digest
CREATE FUNCTION pg_temp.rows_md5(t regclass) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
    EXECUTE format('SELECT md5(string_agg(t::text, %L ORDER BY ctid)) FROM %s t', E'\n', t) INTO r;
    RETURN r;
END $$;
CREATE TEMP TABLE pf_serial_md5 AS SELECT pg_temp.rows_md5('pf_serial') AS d;

SELECT is((SELECT count(*) FROM pf_parallel), 150000::bigint, 'the parallel fill writes 150,000 rows');
SELECT is(pg_temp.rows_md5('pf_parallel'), (SELECT d FROM pf_serial_md5),
          'the parallel fill writes the serial fill''s rows, in its order');
SELECT is(pg_temp.rows_md5('pf_no_workers'), (SELECT d FROM pf_serial_md5),
          'with no worker able to start, the caller draws every batch: the same rows');
SELECT is(pg_temp.rows_md5('pf_one_worker'), (SELECT d FROM pf_serial_md5),
          'one worker: the same rows');
SELECT is(pg_temp.rows_md5('pg_temp.pf_temp'), (SELECT d FROM pf_serial_md5),
          'a temporary target: the same rows');
SELECT is((SELECT md5(string_agg(ROW(id, lo, hi, n, f, colour, tier, pct, day, at, flag)::text, E'\n' ORDER BY ord))
           FROM synth_sample(NULL::pf_src, (SELECT m FROM pf_model), 150000, 7) WITH ORDINALITY t(id, lo, hi, n, f, colour, tier, pct, day, at, flag, ord)),
          pg_temp.rows_md5('pf_parallel'),
          'the parallel fill = synth_sample of the same model and seed, row by row');
SELECT is((SELECT count(*) FROM pf_parallel WHERE hi < lo OR lo IS NULL OR colour IS NULL
           OR pct NOT BETWEEN 0 AND 100), 0::bigint,
          'every row honours the CHECK, the domain and NOT NULL');
SELECT is((SELECT count(DISTINCT id) FROM pf_parallel), 150000::bigint,
          'the key is unique across the workers'' batches');
SELECT is((SELECT count(*) FROM (SELECT lo, hi, n, f, colour, tier, pct, day, at, flag FROM pf_parallel
                                  INTERSECT SELECT lo, hi, n, f, colour, tier, pct, day, at, flag FROM pf_src) c),
          0::bigint, 'no row of the parallel fill copies a source row (NULLs compared as equal)');

-- the workers really draw: a PARALLEL SAFE check that fails outside the
-- caller's process stops the fill with the worker's error, and the failed
-- call leaves no table
ALTER TABLE pf_src ADD CONSTRAINT pf_probe CHECK (in_leader(n));
SELECT throws_ok($$SELECT synth_clone_table('pf_src', 'pf_probed', seed => 7)$$,
                 'P0001', 'evaluated in a parallel worker',
                 'the rows are drawn in parallel workers; a worker''s error reaches the caller');
SELECT is(to_regclass('pf_probed'), NULL, 'the failed clone leaves no table');
ALTER TABLE pf_src DROP CONSTRAINT pf_probe;

-- the leader takes batches no worker has taken yet, but not where a CHECK
-- calls a volatile PL/pgSQL function (PARALLEL SAFE all the same): having
-- written rows, the leader fails in its queries with "cannot start commands
-- during a parallel operation".  The workers that start draw every batch;
-- none started (max_parallel_workers 0), the leader draws out of parallel
-- mode.  Both failed before with that error.
CREATE FUNCTION pf_always(x integer) RETURNS boolean LANGUAGE plpgsql VOLATILE PARALLEL SAFE AS $$
BEGIN
    IF (SELECT x IS NULL) THEN
        RETURN true;
    END IF;
    RETURN true;
END $$;
ALTER TABLE pf_src ADD CONSTRAINT pf_vol CHECK (pf_always(n));
SELECT lives_ok($$SELECT synth_clone_table('pf_src', 'pf_vol_copy', seed => 7)$$,
                'a CHECK calling a volatile PL/pgSQL function: the parallel fill succeeds');
SET LOCAL max_parallel_workers = 0;
SELECT lives_ok($$SELECT synth_clone_table('pf_src', 'pf_vol_alone', seed => 7)$$,
                '... and so does a fill no worker starts for');
SET LOCAL max_parallel_workers = 8;
SELECT is((SELECT count(*) FROM pf_vol_copy) + (SELECT count(*) FROM pf_vol_alone), 300000::bigint,
          '... with every row');
ALTER TABLE pf_src DROP CONSTRAINT pf_vol;

-- a statement timeout while the workers fill (5,000 source rows fit in a
-- moment; 5,000,000 rows take seconds to draw) stops the call and its workers
CREATE TABLE pf_small AS SELECT * FROM pf_src WHERE id <= 5000;
-- (throws_ok cannot catch a cancel: WHEN OTHERS leaves query_canceled alone)
CREATE FUNCTION pg_temp.clone_under_timeout() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM synth_clone_table('pf_small', 'pf_cancelled', 5000000, seed => 7);
    RETURN 'finished';
EXCEPTION WHEN query_canceled THEN
    RETURN 'cancelled: ' || SQLSTATE;
END $$;
SET LOCAL statement_timeout = '1s';
SELECT is(pg_temp.clone_under_timeout(), 'cancelled: 57014', 'a statement timeout stops a parallel fill');
RESET statement_timeout;
SELECT is(to_regclass('pf_cancelled'), NULL, 'the cancelled clone leaves no table');

-- wide rows (texts of about 19 kB): batches of fewer rows (about 4 MB
-- each), and workers from 64 MB on rather than from 100,000 rows
SELECT setseed(0.625);
CREATE TABLE pf_wide AS
SELECT i AS id, (random() * 100)::integer AS n,
       (SELECT string_agg(md5((i * 1000 + g)::text), ' ') FROM generate_series(1, 566) g) AS body
FROM generate_series(1, 500) i;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT synth_clone_table('pf_wide', 'pf_wide_serial', 4000, seed => 5);
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT synth_clone_table('pf_wide', 'pf_wide_parallel', 4000, seed => 5);
SELECT is(pg_temp.rows_md5('pf_wide_parallel'), pg_temp.rows_md5('pf_wide_serial'),
          'wide rows: the parallel fill writes the serial fill''s rows, in its order');
SELECT ok((SELECT count(*) = 4000 AND min(length(body)) > 1000 FROM pf_wide_parallel),
          'wide rows: 4,000 rows of long texts');
ALTER TABLE pf_wide ADD CONSTRAINT pf_wide_probe CHECK (in_leader(n));
SELECT throws_ok($$SELECT synth_clone_table('pf_wide', 'pf_wide_probed', 4000, seed => 5)$$,
                 'P0001', 'evaluated in a parallel worker',
                 'wide rows: 4,000 of them are drawn in parallel workers');

-- not PARALLEL SAFE: the fill stays in the caller's process, same rows
ALTER TABLE pf_src ADD CONSTRAINT pf_probe CHECK (in_leader_unsafe(n));
SELECT lives_ok($$SELECT synth_clone_table('pf_src', 'pf_unsafe', seed => 7)$$,
                'a CHECK calling a function not marked PARALLEL SAFE: the caller fills alone');
SELECT is(pg_temp.rows_md5('pf_unsafe'), (SELECT d FROM pf_serial_md5),
          '... and writes the same rows');

SELECT * FROM finish();
ROLLBACK;
