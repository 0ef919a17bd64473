-- The exact-copy guard spares the rows whose fake email is at an example
-- domain (RFC 2606) when no source email is at one: such a row equals no
-- source row, so it is neither hashed nor tested, and it is never redrawn
-- by a false positive of the filter.  The guard's scan counts the source's
-- values at example domains; where some are, every row is tested as
-- before, and a drawn row equal to a source row is still redrawn.  Each
-- way to the rows counts alike: synth_clone's fit, the guard pass of
-- synth_sample and synth_clone_table give the same rows.
BEGIN;
SELECT plan(13);
SET LOCAL client_min_messages = warning;
SET LOCAL max_parallel_workers_per_gather = 0;

-- 40,000 buyers in a schema of their own, with quoted names: a key, a
-- unique email with 10% NULLs (none at an example domain), a first name,
-- a city, an amount and a time
CREATE SCHEMA "Gx Shop";
SELECT setseed(0.25);
CREATE TABLE "Gx Shop"."Buyers" (
    id bigint PRIMARY KEY,
    email text UNIQUE,
    first_name text NOT NULL,
    city text NOT NULL,
    spent numeric(9, 2) NOT NULL,
    joined timestamptz NOT NULL
);
INSERT INTO "Gx Shop"."Buyers"
SELECT i, CASE WHEN random() < 0.1 THEN NULL ELSE 'b' || i || '@shop.test' END,
       (ARRAY['Mary', 'Anna', 'John', 'Peter', 'Laura', 'Mark'])[1 + i % 6],
       (ARRAY['Leeds', 'York', 'Bath', 'Hull'])[1 + floor(random() * 4)::integer],
       round((20 + 400 * random())::numeric, 2),
       timestamptz '2024-01-01 00:00+00' + random() * interval '500 days'
FROM generate_series(1, 40000) i;
ANALYZE "Gx Shop"."Buyers";

-- each call's rows by their place in it
CREATE FUNCTION pg_temp.clone_rows(options jsonb)
RETURNS TABLE (o bigint, email text, r text) LANGUAGE sql AS $$
    SELECT o, email, ROW(id, email, first_name, city, spent, joined)::text
    FROM synth_clone(NULL::"Gx Shop"."Buyers", 40000, options, seed => 3)
         WITH ORDINALITY AS t(id, email, first_name, city, spent, joined, o)
$$;
CREATE FUNCTION pg_temp.sample_md5(model jsonb) RETURNS text LANGUAGE sql AS $$
    SELECT md5(string_agg(ROW(id, email, first_name, city, spent, joined)::text, E'\n' ORDER BY o))
    FROM synth_sample(NULL::"Gx Shop"."Buyers", model, 40000, seed => 3)
         WITH ORDINALITY AS t(id, email, first_name, city, spent, joined, o)
$$;

-- with and without the guard, the rows of the same call
CREATE TEMP TABLE gx_on AS SELECT * FROM pg_temp.clone_rows('{}');
CREATE TEMP TABLE gx_off AS SELECT * FROM pg_temp.clone_rows('{"exact_copy_guard": false}');
SELECT is((SELECT count(*) FROM gx_off WHERE email IS NOT NULL AND email !~ '[@.]example\.(com|net|org)$'),
          0::bigint, 'every drawn email is at an example domain');
SELECT is((SELECT count(*) FROM gx_on JOIN gx_off USING (o)
           WHERE gx_on.r IS DISTINCT FROM gx_off.r AND gx_off.email IS NOT NULL),
          0::bigint, 'no source email at an example domain: no row with an email is redrawn by the guard');
SELECT is((SELECT md5(string_agg(r, E'\n' ORDER BY o)) FROM gx_on),
          pg_temp.sample_md5(synth_fit('"Gx Shop"."Buyers"')),
          'synth_sample of the stored model (its own guard pass) draws the same rows');

-- a third of the emails at example domains: rows with an email are tested
-- again, and the three ways to the rows agree
UPDATE "Gx Shop"."Buyers" SET email = 'b' || id || (ARRAY['@example.com', '@mail.example.net', '@example.org'])[1 + id % 3]
WHERE email IS NOT NULL AND id % 3 = 0;
ANALYZE "Gx Shop"."Buyers";
CREATE TEMP TABLE gx_on2 AS SELECT * FROM pg_temp.clone_rows('{}');
SELECT is((SELECT md5(string_agg(r, E'\n' ORDER BY o)) FROM gx_on2),
          pg_temp.sample_md5(synth_fit('"Gx Shop"."Buyers"')),
          'synth_sample of the stored model draws the same rows as synth_clone');
SELECT synth_clone_table('"Gx Shop"."Buyers"', '"Gx Shop"."Buyers copy"', seed => 3);
SELECT is((SELECT md5(string_agg(t::text, E'\n' ORDER BY ctid)) FROM "Gx Shop"."Buyers copy" t),
          (SELECT md5(string_agg(r, E'\n' ORDER BY o)) FROM gx_on2),
          'synth_clone_table fills the same rows');

-- the fit's own guard: a clone's draws (the guard off) put into the source
-- are drawn again by the next clone of the same seed (its fake emails
-- depend on the row and the seed alone), and its guard, whose scan now
-- finds emails at example domains, redraws every one
CREATE TABLE "Gx Shop".pairs (id bigint PRIMARY KEY, email text, grp text NOT NULL);
INSERT INTO "Gx Shop".pairs SELECT i, 'u' || i || '@shop.test', 'a' FROM generate_series(1, 3000) i;
CREATE TEMP TABLE gx_d0 AS
SELECT * FROM synth_clone(NULL::"Gx Shop".pairs, 3000, '{"exact_copy_guard": false}', seed => 5);
INSERT INTO "Gx Shop".pairs SELECT id + 100000, email, grp FROM gx_d0;
SELECT is((SELECT count(*) FROM synth_clone(NULL::"Gx Shop".pairs, 3000, '{"exact_copy_guard": false}', seed => 5) d
           JOIN gx_d0 USING (id) WHERE d.email = gx_d0.email),
          3000::bigint, 'the next clone draws the same emails first');
SELECT is((SELECT count(*) FROM synth_clone(NULL::"Gx Shop".pairs, 3000, seed => 5) d
           WHERE (d.email, d.grp) IN (SELECT email, grp FROM "Gx Shop".pairs)),
          0::bigint, '... and its guard redraws every one');

-- a column named as an email that holds no emails is no fake email: the
-- fit's guard, restricted by it during the scan, is made again whole, and
-- every copy its draws would be is redrawn (a third of them are)
CREATE TABLE "Gx Shop".flags (id bigint PRIMARY KEY, email text, x int NOT NULL, y int NOT NULL);
INSERT INTO "Gx Shop".flags SELECT i, (ARRAY['yes', 'no', 'unknown'])[1 + i % 3], (i * 7) % 100, (i * 13) % 97
FROM generate_series(1, 5000) i;
SELECT is((SELECT count(*) FROM synth_clone(NULL::"Gx Shop".flags, 5000, seed => 1) c
           WHERE (c.email, c.x, c.y) IN (SELECT email, x, y FROM "Gx Shop".flags)),
          0::bigint, 'an email column of flags: no clone row is a source row');
SELECT is((SELECT md5(string_agg(t::text, E'\n' ORDER BY o))
           FROM synth_sample(NULL::"Gx Shop".flags, synth_fit('"Gx Shop".flags'), 5000, seed => 1)
                WITH ORDINALITY AS t(id, email, x, y, o)),
          (SELECT md5(string_agg(t::text, E'\n' ORDER BY o))
           FROM synth_clone(NULL::"Gx Shop".flags, 5000, seed => 1) WITH ORDINALITY AS t(id, email, x, y, o)),
          '... and synth_sample of the stored model draws the same rows');

-- a stored model's draws put into its source: drawn again, each equals a
-- source row, and the guard (its scan now finds emails at example domains)
-- redraws every one
CREATE TABLE "Gx Shop".few (id bigint PRIMARY KEY, email text, first_name text NOT NULL, city text NOT NULL);
INSERT INTO "Gx Shop".few
SELECT i, CASE WHEN i % 10 = 0 THEN NULL ELSE 'f' || i || '@shop.test' END,
       (ARRAY['Mary', 'Anna', 'John', 'Peter'])[1 + i % 4], (ARRAY['Leeds', 'York'])[1 + i % 2]
FROM generate_series(1, 3000) i;
CREATE TEMP TABLE gx_model AS SELECT synth_fit('"Gx Shop".few') AS m;
CREATE FUNCTION pg_temp.few_rows() RETURNS TABLE (o bigint, id bigint, email text, first_name text, city text)
LANGUAGE sql AS $$
    SELECT o, id, email, first_name, city
    FROM synth_sample(NULL::"Gx Shop".few, (SELECT m FROM gx_model), 2000, seed => 11)
         WITH ORDINALITY AS t(id, email, first_name, city, o)
$$;
CREATE TEMP TABLE gx_first AS SELECT * FROM pg_temp.few_rows();
SELECT is((SELECT count(*) FROM gx_first f JOIN "Gx Shop".few s
           ON (f.email, f.first_name, f.city) IS NOT DISTINCT FROM (s.email, s.first_name, s.city)),
          0::bigint, 'a first draw equals no source row');
SELECT is((SELECT count(*) FROM pg_temp.few_rows() a JOIN gx_first f USING (o)
           WHERE (a.email, a.first_name, a.city) IS NOT DISTINCT FROM (f.email, f.first_name, f.city)),
          2000::bigint, 'the same call, the source unchanged: the same rows');
INSERT INTO "Gx Shop".few SELECT id + 1000000, email, first_name, city FROM gx_first;
CREATE TEMP TABLE gx_again AS SELECT * FROM pg_temp.few_rows();
SELECT is((SELECT count(*) FROM gx_again f JOIN "Gx Shop".few s
           ON (f.email, f.first_name, f.city) IS NOT DISTINCT FROM (s.email, s.first_name, s.city)),
          0::bigint, 'the same call once those rows are in the source: none equals a source row');
SELECT is((SELECT count(*) FROM gx_again a JOIN gx_first f USING (o)
           WHERE (a.email, a.first_name, a.city) IS NOT DISTINCT FROM (f.email, f.first_name, f.city)),
          0::bigint, '... every one of the 2,000 was redrawn');

SELECT * FROM finish();
ROLLBACK;
