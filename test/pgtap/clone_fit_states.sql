-- A fit on parallel workers merges their partial states: each keeps its
-- share of the exact-copy guard as a list of the rows' hash pairs while
-- that is short (a restricted guard holds few rows) and as the filter
-- once the list would take a quarter of the filter's bytes; the list
-- becomes the filter when merged states outgrow it.  The first state is
-- taken as it is, the others merged into it.  None of that may show: the
-- model and the clone are those of a serial fit, and the guard still
-- redraws every drawn row equal to a source row.
BEGIN;
SELECT plan(9);
SET LOCAL client_min_messages = warning;

-- 50,000 stays in a schema of their own, quoted names: a unique email
-- (6% NULL, the rest at a real-looking domain, so the guard holds only
-- the rows without one: about 3,000, more than one list's 2,048 keys,
-- fewer than a list per state), a sex, a ward, an age band and a day (a
-- time: a row without an email is no row of small domains only, which
-- the guard would let through)
CREATE SCHEMA "Fs Ward";
SELECT setseed(0.5);
CREATE TABLE "Fs Ward"."Stays" (
    id bigint PRIMARY KEY,
    email text UNIQUE,
    sex text NOT NULL,
    ward text NOT NULL,
    band text NOT NULL,
    day date NOT NULL
);
INSERT INTO "Fs Ward"."Stays"
SELECT i, CASE WHEN random() < 0.06 THEN NULL ELSE 'p' || i || '@mail.test' END,
       (ARRAY['F', 'M'])[1 + floor(random() * 2)::integer],
       (ARRAY['north', 'south', 'east', 'west'])[1 + floor(random() * 4)::integer],
       (ARRAY['0-17', '18-39', '40-64', '65-79', '80+'])[1 + floor(random() * 5)::integer],
       date '2024-03-01' + floor(random() * 60)::integer
FROM generate_series(1, 50000) i;
-- the same without the email: the guard holds all 50,000 rows, and each
-- state's list gives way to the filter during the scan
CREATE TABLE "Fs Ward"."Visits" (
    id bigint PRIMARY KEY,
    sex text NOT NULL,
    ward text NOT NULL,
    n integer NOT NULL
);
INSERT INTO "Fs Ward"."Visits"
SELECT i, (ARRAY['F', 'M'])[1 + floor(random() * 2)::integer],
       (ARRAY['north', 'south', 'east', 'west'])[1 + floor(random() * 4)::integer],
       floor(random() * 100000)::integer
FROM generate_series(1, 50000) i;
ANALYZE "Fs Ward"."Stays", "Fs Ward"."Visits";

CREATE FUNCTION pg_temp.stays(options jsonb)
RETURNS TABLE (o bigint, email text, sex text, ward text, band text, day date) LANGUAGE sql AS $$
    SELECT o, email, sex, ward, band, day
    FROM synth_clone(NULL::"Fs Ward"."Stays", 5000, options, seed => 3)
         WITH ORDINALITY AS t(id, email, sex, ward, band, day, o)
$$;
CREATE FUNCTION pg_temp.visits(options jsonb)
RETURNS TABLE (o bigint, sex text, ward text, n integer) LANGUAGE sql AS $$
    SELECT o, sex, ward, n
    FROM synth_clone(NULL::"Fs Ward"."Visits", 5000, options, seed => 3)
         WITH ORDINALITY AS t(id, sex, ward, n, o)
$$;

-- the fits on workers (every table read in parallel, small or not) ...
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL synthdata.fit_parallel_min_rows = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE par_model AS SELECT synth_fit('"Fs Ward"."Stays"') AS m;
CREATE TEMP TABLE par_stays AS SELECT * FROM pg_temp.stays('{}');
CREATE TEMP TABLE par_visits AS SELECT * FROM pg_temp.visits('{}');
-- ... and serially
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ser_stays AS SELECT * FROM pg_temp.stays('{}');
CREATE TEMP TABLE ser_visits AS SELECT * FROM pg_temp.visits('{}');
CREATE TEMP TABLE off_stays AS SELECT * FROM pg_temp.stays('{"exact_copy_guard": false}');
CREATE TEMP TABLE off_visits AS SELECT * FROM pg_temp.visits('{"exact_copy_guard": false}');

SELECT is((SELECT m FROM par_model), synth_fit('"Fs Ward"."Stays"'),
          'the fit on workers is the serial fit');
SELECT is((SELECT md5(string_agg(ROW(email, sex, ward, band, day)::text, E'\n' ORDER BY o)) FROM par_stays),
          (SELECT md5(string_agg(ROW(email, sex, ward, band, day)::text, E'\n' ORDER BY o)) FROM ser_stays),
          'a restricted guard (lists of keys, merged into the filter): the same clone as a serial fit''s');
SELECT is((SELECT md5(string_agg(ROW(sex, ward, n)::text, E'\n' ORDER BY o)) FROM par_visits),
          (SELECT md5(string_agg(ROW(sex, ward, n)::text, E'\n' ORDER BY o)) FROM ser_visits),
          'a whole guard (lists giving way to filters in the scan): the same clone as a serial fit''s');

-- the guard at work: no drawn row equals a source row; without it, some do
SELECT is((SELECT count(*) FROM par_stays c
           WHERE EXISTS (SELECT 1 FROM "Fs Ward"."Stays" s
                         WHERE s.email IS NOT DISTINCT FROM c.email AND s.sex = c.sex
                           AND s.ward = c.ward AND s.band = c.band AND s.day = c.day)),
          0::bigint, 'the parallel fit''s restricted guard: no drawn row is a source row');
SELECT cmp_ok((SELECT count(*) FROM off_stays c
               WHERE EXISTS (SELECT 1 FROM "Fs Ward"."Stays" s
                             WHERE s.email IS NOT DISTINCT FROM c.email AND s.sex = c.sex
                               AND s.ward = c.ward AND s.band = c.band AND s.day = c.day)),
              '>', 100::bigint, 'without the guard, rows without an email are copies');
SELECT is((SELECT count(*) FROM par_visits c
           WHERE EXISTS (SELECT 1 FROM "Fs Ward"."Visits" s
                         WHERE s.sex = c.sex AND s.ward = c.ward AND s.n = c.n)),
          0::bigint, 'the parallel fit''s whole guard: no drawn row is a source row');
SELECT cmp_ok((SELECT count(*) FROM off_visits c
               WHERE EXISTS (SELECT 1 FROM "Fs Ward"."Visits" s
                             WHERE s.sex = c.sex AND s.ward = c.ward AND s.n = c.n)),
              '>', 50::bigint, 'without the guard, some drawn visits are copies');

-- the clone's rows with an email are not redrawn: theirs are fake, at an
-- example domain, and no source email is at one
SELECT is((SELECT count(*) FROM par_stays p JOIN off_stays f USING (o)
           WHERE f.email IS NOT NULL AND ROW(p.*) IS DISTINCT FROM ROW(f.*)),
          0::bigint, 'rows with an email are the same with and without the guard');
SELECT cmp_ok((SELECT count(*) FROM par_stays p JOIN off_stays f USING (o)
               WHERE f.email IS NULL AND ROW(p.*) IS DISTINCT FROM ROW(f.*)),
              '>', 0::bigint, 'rows without an email were redrawn where they were copies');

SELECT * FROM finish();
ROLLBACK;
