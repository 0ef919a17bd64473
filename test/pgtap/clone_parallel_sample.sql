-- synth_clone and synth_sample in FROM: many rows are drawn by parallel
-- workers, as synth_clone_table's fill draws them, and the call returns the
-- very rows, in the very order, of a serial draw (and of synth_clone_table
-- and of synth_sample of the stored model), whatever the number of workers
-- that start; the workers must really draw; a worker's error and a
-- statement timeout reach the caller; a table only the caller's process
-- can read (a temporary source, a temporary parent of a foreign key) keeps
-- the draw there.
BEGIN;
SELECT plan(18);
SET LOCAL client_min_messages = warning;

-- in_leader(x), in_leader_unsafe(x): where a CHECK is evaluated
\ir ../lib/in_leader.sql

-- 150,000 patients in a schema of their own, with a quoted name: a key,
-- personal columns (a unique email with NULLs), free text, two ordered
-- timestamps, a foreign key to wards, a CHECK the draws break now and then
CREATE SCHEMA "Ps Clinic";
SET LOCAL search_path = "Ps Clinic", public;
SELECT setseed(0.375);
CREATE TABLE "Ps Clinic".wards (ward_id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO "Ps Clinic".wards SELECT g, 'Ward ' || g FROM generate_series(1, 40) g;
CREATE TABLE "Ps Clinic"."Patients" (
    id bigint PRIMARY KEY,
    first_name text NOT NULL,
    email text UNIQUE,
    note text,
    admitted_at timestamptz NOT NULL,
    discharged_at timestamptz,
    ward_id integer REFERENCES "Ps Clinic".wards,
    age integer CHECK (age BETWEEN 0 AND 110),
    lo numeric(8, 2),
    hi numeric(8, 2),
    CHECK (hi >= lo)
);
INSERT INTO "Ps Clinic"."Patients"
SELECT i, (ARRAY['Mary', 'Anna', 'John', 'Peter', 'Laura', 'Mark'])[1 + i % 6],
       CASE WHEN random() < 0.08 THEN NULL ELSE 'p' || i || '@mail.test' END,
       (ARRAY['stable, discharged home', 'observed overnight', 'referred to the clinic',
              'follow-up in two weeks'])[1 + floor(random() * 4)::integer] || ' ' || (i % 37),
       a, a + (1 + random() * 300) * interval '1 hour', 1 + floor(random() * 40)::integer,
       18 + floor(random() * 70)::integer, round(lo::numeric, 2), round((lo + 0.5 + abs(e))::numeric, 2)
FROM (SELECT i, timestamptz '2024-01-01 00:00+00' + random() * interval '300 days' AS a,
             50 + 10 * sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS lo,
             sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS e
      FROM generate_series(1, 150000) i) s;
ANALYZE "Ps Clinic"."Patients";

-- each call's rows in the order it returns them, as one digest
CREATE FUNCTION pg_temp.clone_md5(n bigint, seed bigint) RETURNS text LANGUAGE sql AS $$
    SELECT md5(string_agg(ROW(id, first_name, email, note, admitted_at, discharged_at, ward_id, age, lo, hi)::text, E'\n' ORDER BY o))
    FROM synth_clone(NULL::"Ps Clinic"."Patients", n, seed => seed) WITH ORDINALITY AS t(id, first_name, email, note, admitted_at, discharged_at, ward_id, age, lo, hi, o)
$$;

SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ps_serial AS SELECT pg_temp.clone_md5(150000, 7) AS d;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT is(pg_temp.clone_md5(150000, 7), (SELECT d FROM ps_serial),
          'synth_clone on 2 workers returns the serial draw''s rows, in its order');
SET LOCAL max_parallel_workers_per_gather = 1;
SELECT is(pg_temp.clone_md5(150000, 7), (SELECT d FROM ps_serial), 'one worker: the same rows');
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL max_parallel_workers = 0;
SELECT is(pg_temp.clone_md5(150000, 7), (SELECT d FROM ps_serial),
          'no worker able to start: the caller draws every batch, the same rows');
RESET max_parallel_workers;

-- the three ways to a clone give one table: synth_clone, synth_clone_table,
-- synth_sample of the stored model (the time model's shares as stored)
SELECT synth_clone_table('"Ps Clinic"."Patients"', '"Ps Clinic".ps_table', seed => 7);
SELECT is((SELECT md5(string_agg(t::text, E'\n' ORDER BY ctid)) FROM "Ps Clinic".ps_table t),
          (SELECT d FROM ps_serial), 'synth_clone returns the rows synth_clone_table writes');
CREATE TEMP TABLE ps_model AS SELECT synth_fit('"Ps Clinic"."Patients"') AS m;
SELECT is((SELECT md5(string_agg(ROW(id, first_name, email, note, admitted_at, discharged_at, ward_id, age, lo, hi)::text, E'\n' ORDER BY o))
           FROM synth_sample(NULL::"Ps Clinic"."Patients", (SELECT m FROM ps_model), 150000, 7)
                WITH ORDINALITY AS t(id, first_name, email, note, admitted_at, discharged_at, ward_id, age, lo, hi, o)),
          (SELECT d FROM ps_serial), '... and synth_sample of the stored model returns them too');

-- synth_sample from row 30,000 on: rows 30,000 .. 149,999 of the whole draw
SELECT is((SELECT md5(string_agg(ROW(first_name, email, note, admitted_at, discharged_at, ward_id, age, lo, hi)::text, E'\n' ORDER BY o))
           FROM synth_sample(NULL::"Ps Clinic"."Patients", (SELECT m FROM ps_model), 120000, 7, 30000)
                WITH ORDINALITY AS t(id, first_name, email, note, admitted_at, discharged_at, ward_id, age, lo, hi, o)),
          (SELECT md5(string_agg(ROW(first_name, email, note, admitted_at, discharged_at, ward_id, age, lo, hi)::text, E'\n' ORDER BY c))
           FROM (SELECT t.*, t.ctid AS c FROM "Ps Clinic".ps_table t ORDER BY t.ctid OFFSET 30000) t),
          'synth_sample with start => 30000 on workers: the whole draw''s rows from 30,000 on');

SELECT is((SELECT count(*) FROM synth_clone(NULL::"Ps Clinic"."Patients", 150000, seed => 7) t
           WHERE t.hi < t.lo OR t.age NOT BETWEEN 0 AND 110 OR t.discharged_at < t.admitted_at
              OR t.ward_id NOT IN (SELECT ward_id FROM "Ps Clinic".wards)), 0::bigint,
          'every row drawn on workers honours the CHECKs, the ordering and the foreign key');
SELECT ok((SELECT count(DISTINCT email) = count(email) AND count(email) > 0
           FROM synth_clone(NULL::"Ps Clinic"."Patients", 150000, seed => 7)),
          'emails drawn across the workers'' batches stay unique');

-- the workers really draw: a PARALLEL SAFE check that fails outside the
-- caller's process stops the call with the worker's error
ALTER TABLE "Ps Clinic"."Patients" ADD CONSTRAINT ps_probe CHECK (in_leader(age));
SELECT throws_ok($$SELECT count(*) FROM synth_clone(NULL::"Ps Clinic"."Patients", 150000, seed => 7)$$,
                 'P0001', 'evaluated in a parallel worker',
                 'synth_clone''s rows are drawn in parallel workers; a worker''s error reaches the caller');
SELECT throws_ok($$SELECT count(*) FROM synth_sample(NULL::"Ps Clinic"."Patients", (SELECT m FROM ps_model), 150000, 7)$$,
                 'P0001', 'evaluated in a parallel worker',
                 'so are synth_sample''s');
-- not PARALLEL SAFE: the caller draws alone, the same rows
ALTER TABLE "Ps Clinic"."Patients" DROP CONSTRAINT ps_probe;
ALTER TABLE "Ps Clinic"."Patients" ADD CONSTRAINT ps_probe CHECK (in_leader_unsafe(age));
SELECT is(pg_temp.clone_md5(150000, 7), (SELECT d FROM ps_serial),
          'a CHECK calling a function not marked PARALLEL SAFE: the caller draws alone, the same rows');
ALTER TABLE "Ps Clinic"."Patients" DROP CONSTRAINT ps_probe;

-- a row the exact-copy guard rejects when it is tested, GUARD_LAG rows
-- after it was drawn (the last rows of a worker's batch are tested right
-- after their own draw): its draws from the first on are a serial draw's,
-- its parent included.  110,000 orders of 20 shops whose codes make about
-- one draw in ten meet a source row
SELECT setseed(0.25);
CREATE TABLE "Ps Clinic".gk_shops (shop_id integer PRIMARY KEY);
INSERT INTO "Ps Clinic".gk_shops SELECT generate_series(1, 20);
CREATE TABLE "Ps Clinic".gk_orders (id bigint PRIMARY KEY, shop_id integer REFERENCES "Ps Clinic".gk_shops,
                                    code integer, kind text);
INSERT INTO "Ps Clinic".gk_orders
SELECT i, 1 + floor(random() * 20)::integer, floor(random() * 30000)::integer,
       (ARRAY['a', 'b'])[1 + floor(random() * 2)::integer]
FROM generate_series(1, 110000) i;
ANALYZE "Ps Clinic".gk_orders;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE gk_serial AS SELECT * FROM synth_clone(NULL::"Ps Clinic".gk_orders, 110000, seed => 7);
SET LOCAL max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE gk_parallel AS SELECT * FROM synth_clone(NULL::"Ps Clinic".gk_orders, 110000, seed => 7);
SET LOCAL max_parallel_workers = 0;
CREATE TEMP TABLE gk_batches AS SELECT * FROM synth_clone(NULL::"Ps Clinic".gk_orders, 110000, seed => 7);
RESET max_parallel_workers;
SELECT is((SELECT count(*) FROM gk_serial s JOIN gk_parallel p USING (id) WHERE s::text IS DISTINCT FROM p::text), 0::bigint,
          'rows the guard rejects at the end of a worker''s batch are redrawn as in a serial draw, parents too');
SELECT is((SELECT count(*) FROM gk_serial s JOIN gk_batches b USING (id) WHERE s::text IS DISTINCT FROM b::text), 0::bigint,
          '... and so they are when the caller draws the batches');

-- a statement timeout while workers draw 5,000,000 rows stops the call
CREATE TABLE "Ps Clinic".ps_small AS SELECT * FROM "Ps Clinic"."Patients" WHERE id <= 5000;
-- (throws_ok cannot catch a cancel: WHEN OTHERS leaves query_canceled alone)
CREATE FUNCTION pg_temp.sample_under_timeout() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM count(*) FROM synth_clone(NULL::"Ps Clinic".ps_small, 5000000, seed => 7);
    RETURN 'finished';
EXCEPTION WHEN query_canceled THEN
    RETURN 'cancelled: ' || SQLSTATE;
END $$;
SET LOCAL statement_timeout = '1s';
SELECT is(pg_temp.sample_under_timeout(), 'cancelled: 57014', 'a statement timeout stops a parallel draw');
RESET statement_timeout;

-- a temporary source, and a temporary parent of its foreign key: workers
-- cannot read them, the caller draws (and synth_clone_table fills) alone
CREATE TEMP TABLE ps_twards AS SELECT * FROM "Ps Clinic".wards;
ALTER TABLE ps_twards ADD PRIMARY KEY (ward_id);
CREATE TEMP TABLE ps_tpatients (LIKE "Ps Clinic"."Patients" INCLUDING ALL);
INSERT INTO ps_tpatients SELECT * FROM "Ps Clinic"."Patients";
ALTER TABLE ps_tpatients ADD FOREIGN KEY (ward_id) REFERENCES ps_twards;
ANALYZE ps_tpatients;
CREATE FUNCTION pg_temp.temp_md5() RETURNS text LANGUAGE sql AS $$
    SELECT md5(string_agg(ROW(id, first_name, email, note, admitted_at, discharged_at, ward_id, age, lo, hi)::text, E'\n' ORDER BY o))
    FROM synth_clone(NULL::pg_temp.ps_tpatients, 150000, seed => 7) WITH ORDINALITY AS t(id, first_name, email, note, admitted_at, discharged_at, ward_id, age, lo, hi, o)
$$;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ps_temp_serial AS SELECT pg_temp.temp_md5() AS d;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT is(pg_temp.temp_md5(), (SELECT d FROM ps_temp_serial),
          'a temporary source with a temporary parent: drawn by the caller, the same rows');
SELECT lives_ok($$SELECT synth_clone_table('pg_temp.ps_tpatients', 'pg_temp.ps_tcopy', seed => 7)$$,
                'synth_clone_table of it fills in the caller''s process');
SELECT is((SELECT count(*) FROM pg_temp.ps_tcopy c JOIN ps_twards w USING (ward_id)), 150000::bigint,
          '... 150,000 rows, each with its temporary parent');

-- in the select list (no tuplestore of the call's): the same rows
SELECT is((SELECT md5(string_agg(r::text, E'\n' ORDER BY o))
           FROM (SELECT r, row_number() OVER () AS o
                 FROM (SELECT synth_clone(NULL::"Ps Clinic"."Patients", 150000, seed => 7) AS r) l) s),
          (SELECT d FROM ps_serial), 'synth_clone in the select list returns the same rows');

SELECT * FROM finish();
ROLLBACK;
