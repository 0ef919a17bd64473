-- synth_clone and synth_sample in FROM are planned as the SynthdataSample
-- scan, which hands rows on as parallel workers draw them (no tuplestore
-- first): where a Gather node could run, that is a SELECT (or CREATE TABLE
-- AS of one) whose other functions are parallel safe, with one sampling
-- call.  Elsewhere the FunctionScan stays.  The rows are the serial draw's
-- whichever way they come: streamed, through LIMIT, through a cursor
-- fetched in pieces (with writes between the fetches), rescanned.
BEGIN;
SELECT plan(28);
SET LOCAL client_min_messages = warning;

CREATE SCHEMA "Stream Clinic";
SET LOCAL search_path = "Stream Clinic", public;
SELECT setseed(0.5);
CREATE TABLE "Stream Clinic".wards (ward_id integer PRIMARY KEY);
INSERT INTO "Stream Clinic".wards SELECT generate_series(1, 30);
CREATE TABLE "Stream Clinic"."Stays" (
    id bigint PRIMARY KEY,
    first_name text NOT NULL,
    note text,
    admitted_at timestamptz NOT NULL,
    ward_id integer REFERENCES "Stream Clinic".wards,
    age integer
);
INSERT INTO "Stream Clinic"."Stays"
SELECT i, (ARRAY['Mary', 'Anna', 'John', 'Peter'])[1 + i % 4],
       (ARRAY['stable', 'observed overnight', 'referred to the clinic'])[1 + floor(random() * 3)::integer],
       timestamptz '2024-01-01 00:00+00' + random() * interval '200 days',
       1 + floor(random() * 30)::integer, 18 + floor(random() * 70)::integer
FROM generate_series(1, 120000) i;
ANALYZE "Stream Clinic"."Stays";

-- the plan of a statement, as text and as EXPLAIN's JSON
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    result text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        result := result || line || E'\n';
    END LOOP;
    RETURN result;
END $$;
CREATE FUNCTION pg_temp.plan_json(q text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    j jsonb;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO j;
    RETURN j;
END $$;
CREATE FUNCTION pg_temp.streams(q text) RETURNS boolean LANGUAGE sql AS $$
    SELECT pg_temp.plan_of(q) LIKE '%Custom Scan (SynthdataSample)%'
$$;

-- where the scan is planned, and where not
SELECT ok(pg_temp.streams($$SELECT * FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3)$$),
          'a SELECT of synth_clone is the streaming scan');
SELECT ok(pg_temp.streams($$CREATE TABLE "Stream Clinic".c1 AS SELECT * FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3)$$),
          '... and so is CREATE TABLE AS of one');
SELECT ok(pg_temp.streams($$SELECT count(*) FROM synth_sample(NULL::"Stream Clinic"."Stays", (SELECT synth_fit('"Stream Clinic"."Stays"')), 120000, 3)$$),
          'synth_sample too, its model from synth_fit (parallel unsafe) in its argument');
SELECT is(pg_temp.plan_json($$SELECT * FROM synth_clone(NULL::"Stream Clinic"."Stays", 4321)$$)->0->'Plan'->>'Plan Rows',
          '4321', 'the planner is told n rows (the support function)');
SELECT ok(NOT pg_temp.streams($$INSERT INTO "Stream Clinic"."Stays" SELECT * FROM synth_clone(NULL::"Stream Clinic"."Stays", 10, seed => 3)$$),
          'an INSERT ... SELECT keeps the FunctionScan (its inserts must not run in parallel mode)');
CREATE SEQUENCE "Stream Clinic".tickets;
SELECT ok(NOT pg_temp.streams($$SELECT nextval('"Stream Clinic".tickets'), id FROM synth_clone(NULL::"Stream Clinic"."Stays", 10, seed => 3)$$),
          'a statement calling a parallel-unsafe function (nextval) keeps it');
SELECT ok(NOT pg_temp.streams($$SELECT id FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3) t
                                WHERE t.age > (SELECT nextval('"Stream Clinic".tickets') - 1000)$$),
          '... also in a sublink the planner made a subplan of');
SELECT is((SELECT count(*) FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3) t
           WHERE t.age > (SELECT nextval('"Stream Clinic".tickets') - 1000)), 120000::bigint,
          '... which runs (nextval, refused in parallel mode, runs at the first row)');
SELECT ok(NOT pg_temp.streams($$SELECT count(*) FROM synth_clone(NULL::"Stream Clinic"."Stays", 10, seed => 3) a
                                JOIN synth_clone(NULL::"Stream Clinic"."Stays", 10, seed => 4) b USING (id)$$),
          'two sampling calls in one statement keep it');
SELECT ok(NOT pg_temp.streams($$WITH w AS (INSERT INTO "Stream Clinic".wards VALUES (99) RETURNING 1)
                                SELECT * FROM synth_clone(NULL::"Stream Clinic"."Stays", 10, seed => 3), w$$),
          'a data-modifying WITH keeps it');
SELECT ok(NOT pg_temp.streams($$SELECT t::text FROM synth_clone(NULL::"Stream Clinic"."Stays", 10, seed => 3) t$$),
          'a whole-row reference keeps it');
SELECT is((SELECT count(*) FROM synth_clone(NULL::"Stream Clinic"."Stays", 10, seed => 3) t WHERE t::text <> ''), 10::bigint,
          '... also one in a filter');

-- the rows: the serial draw's
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE st_serial AS
    SELECT * FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3) WITH ORDINALITY AS t(id, first_name, note, admitted_at, ward_id, age, o);
RESET max_parallel_workers_per_gather;
CREATE TEMP TABLE st_stream AS SELECT * FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3);
SELECT is((SELECT count(*) FROM st_stream s FULL JOIN st_serial r USING (id)
           WHERE ROW(s.first_name, s.note, s.admitted_at, s.ward_id, s.age)
                 IS DISTINCT FROM ROW(r.first_name, r.note, r.admitted_at, r.ward_id, r.age)), 0::bigint,
          'CREATE TABLE AS of the streamed rows holds the serial draw''s 120,000 rows');
-- with no filter and no projection the scan hands on the rows as heap
-- tuples: a parent that reads every column (an aggregate's expressions,
-- interpreted or compiled by JIT) reads them from such a slot.  A top-level
-- statement: is() is a parallel-unsafe function, which keeps the FunctionScan
CREATE TEMP TABLE st_agg AS
    SELECT ROW(count(id), max(first_name), max(note), max(admitted_at), sum(ward_id), sum(age))::text AS r
    FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3);
SET LOCAL jit = on;
SET LOCAL jit_above_cost = 0;
SET LOCAL jit_optimize_above_cost = 0;
CREATE TEMP TABLE st_agg_jit AS
    SELECT ROW(count(id), max(first_name), max(note), max(admitted_at), sum(ward_id), sum(age))::text AS r
    FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3);
RESET jit;
RESET jit_above_cost;
RESET jit_optimize_above_cost;
SELECT ok(pg_temp.streams($$SELECT count(id), max(first_name), max(note), max(admitted_at), sum(ward_id), sum(age)
                            FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3)$$),
          'an aggregate of every column directly over the call streams');
SELECT is((SELECT array_agg(r) FROM (TABLE st_agg UNION ALL TABLE st_agg_jit) a),
          (SELECT array_fill(ROW(count(id), max(first_name), max(note), max(admitted_at), sum(ward_id), sum(age))::text, ARRAY[2])
           FROM st_serial),
          '... and reads the serial draw''s rows from the scan''s heap tuples, interpreted and compiled');
SELECT is((SELECT array_agg(id ORDER BY id) FROM (SELECT id FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3) LIMIT 5) s),
          (SELECT array_agg(id ORDER BY o) FROM (SELECT id, o FROM st_serial ORDER BY o LIMIT 5) s),
          'LIMIT 5 gets the draw''s first rows (and ends the workers)');
SELECT is((SELECT count(*) FROM (SELECT id FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3) LIMIT 30000) s), 30000::bigint,
          'LIMIT past the first batches, the workers stopped mid-draw');
SELECT is((SELECT count(*) FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3) t WHERE t.age > 60),
          (SELECT count(*) FROM st_serial WHERE age > 60), 'a filter on the streamed rows');

-- rescanned (the inner side of a nested loop): the call starts over
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_material = off;
SELECT ok(pg_temp.plan_of($$SELECT count(*) FROM (VALUES (1), (2)) v(a)
                            JOIN synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3) s ON s.age > v.a$$)
          ~ 'Nested Loop.*Custom Scan \(SynthdataSample\)', 'a nested loop''s inner side');
SELECT is((SELECT count(*) FROM (VALUES (18), (60)) v(a)
           JOIN synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3) s ON s.age > v.a),
          (SELECT count(*) FROM st_serial WHERE age > 18) + (SELECT count(*) FROM st_serial WHERE age > 60),
          '... rescanned, it draws the same rows again');
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET enable_material;

-- a cursor fetched in pieces, with writes between the fetches: the call
-- fills a tuplestore first (parallel mode would refuse the writes)
DECLARE st_cursor CURSOR FOR SELECT id, age FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3);
CREATE TEMP TABLE st_fetched (id bigint, age integer);
CREATE FUNCTION pg_temp.fetch_some() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    c refcursor := 'st_cursor';
    r record;
BEGIN
    FOR i IN 1 .. 3 LOOP
        FETCH c INTO r;
        INSERT INTO st_fetched VALUES (r.id, r.age);
    END LOOP;
END $$;
SELECT pg_temp.fetch_some();
INSERT INTO "Stream Clinic".wards VALUES (100);
SELECT pg_temp.fetch_some();
CLOSE st_cursor;
SELECT is((SELECT array_agg(ROW(id, age)::text ORDER BY id) FROM st_fetched),
          (SELECT array_agg(ROW(id, age)::text ORDER BY o) FROM (SELECT * FROM st_serial ORDER BY o LIMIT 6) s),
          'a cursor''s fetches, writes between them, get the draw''s rows');
-- a cursor run whole (MOVE ALL) whose LIMIT stops the workers: no parallel
-- mode is left behind for the statements that follow, and the cursor goes
-- on from where it stopped
DECLARE st_limited CURSOR FOR
    SELECT id FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3) LIMIT 5;
MOVE ALL IN st_limited;
SELECT lives_ok($$INSERT INTO "Stream Clinic".wards VALUES (200)$$,
                'a write after a cursor''s LIMIT ended its streamed run');
CLOSE st_limited;
DECLARE st_rest CURSOR FOR
    SELECT id FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3) WHERE id > 0;
CREATE TEMP TABLE st_rest_rows (pos serial, id bigint);
CREATE FUNCTION pg_temp.fetch_rest(k integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    c refcursor := 'st_rest';
    r record;
BEGIN
    FOR i IN 1 .. k LOOP
        FETCH c INTO r;
        INSERT INTO st_rest_rows (id) VALUES (r.id);
    END LOOP;
END $$;
SELECT pg_temp.fetch_rest(2);
INSERT INTO "Stream Clinic".wards VALUES (201);
SELECT pg_temp.fetch_rest(2);
CLOSE st_rest;
SELECT is((SELECT array_agg(id ORDER BY pos) FROM st_rest_rows), ARRAY[1, 2, 3, 4]::bigint[],
          'a cursor fetched row by row, writes between: the draw''s rows in order');
DECLARE st_scroll SCROLL CURSOR FOR
    SELECT id FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3);
MOVE ALL IN st_scroll;
SELECT lives_ok($$INSERT INTO "Stream Clinic".wards VALUES (202)$$,
                'a scrollable cursor''s run leaves no parallel mode behind');
CREATE FUNCTION pg_temp.fetch_absolute(k integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    c refcursor := 'st_scroll';
    r record;
BEGIN
    FETCH ABSOLUTE k FROM c INTO r;
    RETURN r.id;
END $$;
SELECT is(pg_temp.fetch_absolute(3), 3::bigint, '... and it scrolls back to the draw''s third row');
CLOSE st_scroll;
SELECT lives_ok($$SELECT count(*) FROM (SELECT id FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3) LIMIT 5) s$$,
                'a LIMIT inside a statement ends the workers with the statement');

CREATE FUNCTION pg_temp.loop_with_writes() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    r record;
    n bigint := 0;
BEGIN
    FOR r IN SELECT id FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3) LOOP
        n := n + 1;
        IF n % 40000 = 0 THEN
            INSERT INTO "Stream Clinic".wards VALUES (1000 + n / 40000);
        END IF;
    END LOOP;
    RETURN n;
END $$;
SELECT is(pg_temp.loop_with_writes(), 120000::bigint, 'a PL/pgSQL loop over the rows may write as it goes');

-- a worker's error reaches the caller through the stream
\ir ../lib/in_leader.sql
ALTER TABLE "Stream Clinic"."Stays" ADD CONSTRAINT st_probe CHECK (in_leader(age));
SELECT throws_ok($$SELECT id FROM synth_clone(NULL::"Stream Clinic"."Stays", 120000, seed => 3)$$,
                 'P0001', 'evaluated in a parallel worker',
                 'the streamed rows are drawn by workers; a worker''s error reaches the caller');
ALTER TABLE "Stream Clinic"."Stays" DROP CONSTRAINT st_probe;

SELECT * FROM finish();
ROLLBACK;
