-- pgTAP: an ordering found on the fit's sample must hold on every row of
-- the table, checked by the fit's own scan (src/fit_orders.c).  Each table
-- has 60,000 rows, more than the 32,768 the sample keeps, and per ordering
-- one row that breaks it (or makes it loose, or has a NULL) among rows
-- where it holds.  The rows are ones the sample does not hold: with the
-- scan's check turned off, each of these orderings is kept (checked when
-- the file was written).  The control table, without those rows, has them.
BEGIN;
SELECT plan(15);
SET LOCAL client_min_messages = warning;
SET LOCAL TimeZone = 'UTC';

-- the orderings of a model, as "before<after" (+ "~" when loose)
CREATE FUNCTION pg_temp.orders(m jsonb) RETURNS text[] LANGUAGE sql AS $$
    SELECT coalesce(array_agg((o->>'before') || '<' || (o->>'after')
                              || CASE WHEN (o->>'strict')::bool THEN '' ELSE '~' END
                              ORDER BY o->>'after'), '{}')
    FROM jsonb_array_elements(m->'constraints'->'orderings') o
$$;

-- integers of two widths, numerics past a float8's precision, floats, dates
-- and timestamps; b after a by a positive gap on every row
CREATE TABLE os_base (id int PRIMARY KEY, ia int4, ib int8, na numeric(30, 0), nb numeric(30, 0),
                      fa float8, fb float8, da date, db date,
                      ta timestamp, tb timestamp, za timestamptz, zb timestamptz);
INSERT INTO os_base
SELECT i, h % 1000, h % 1000 + 1 + i % 7,
       1e17 + (h >> 5) % 100000, 1e17 + (h >> 5) % 100000 + 1 + i % 7,
       ((h >> 10) % 1000) / 7.0, ((h >> 10) % 1000) / 7.0 + 0.5 + i % 3,
       date '2020-01-01' + h % 700, date '2020-01-01' + h % 700 + 1 + i % 9,
       timestamp '2020-01-01' + (h % 100000) * interval '1 minute',
       timestamp '2020-01-01' + (h % 100000 + 5 + i % 50) * interval '1 minute',
       timestamptz '2020-01-01 00:00+00' + (h % 100000) * interval '1 minute',
       timestamptz '2020-01-01 00:00+00' + (h % 100000 + 5 + i % 50) * interval '1 minute'
FROM (SELECT i, hashint4(i) & 2147483647 AS h FROM generate_series(1, 60000) i) s;
CREATE TABLE os_broken (LIKE os_base);
INSERT INTO os_broken SELECT * FROM os_base;
-- one row per ordering breaks it: by one unit (past float8's precision for
-- the numerics), a NaN before a number, a date and times a step early.
-- Each row is one the sample does not hold (with the scan's check turned
-- off, each of these orderings is kept)
UPDATE os_broken SET ib = ia - 1 WHERE id = 41010;
UPDATE os_broken SET nb = na - 1 WHERE id = 41002;
UPDATE os_broken SET fa = 'NaN' WHERE id = 41001;
UPDATE os_broken SET db = da - 1 WHERE id = 41000;
UPDATE os_broken SET tb = ta - interval '1 minute' WHERE id = 41011;
UPDATE os_broken SET zb = za - interval '1 minute' WHERE id = 41003;
CREATE TABLE os_loose (LIKE os_base);
INSERT INTO os_loose SELECT * FROM os_base;
UPDATE os_loose SET ib = ia WHERE id = 41000;
UPDATE os_loose SET nb = na WHERE id = 41001;
UPDATE os_loose SET fb = fa WHERE id = 41002;
UPDATE os_loose SET db = da WHERE id = 41003;
UPDATE os_loose SET tb = ta WHERE id = 41004;
UPDATE os_loose SET zb = za WHERE id = 41005;
CREATE TABLE os_null (LIKE os_base);
INSERT INTO os_null SELECT * FROM os_base;
-- a NULL earlier value with a later one set breaks it; a NULL later one does not
UPDATE os_null SET ia = NULL WHERE id = 41004;
UPDATE os_null SET na = NULL WHERE id = 41006;
UPDATE os_null SET fa = NULL WHERE id = 41005;
UPDATE os_null SET da = NULL WHERE id = 41008;
UPDATE os_null SET ta = NULL WHERE id = 41012;
UPDATE os_null SET zb = NULL WHERE id = 41001;
ANALYZE os_base, os_broken, os_loose, os_null;

CREATE TEMP TABLE os_m AS
SELECT 'base' AS t, pg_temp.orders(synth_fit('os_base')) AS o
UNION ALL SELECT 'broken', pg_temp.orders(synth_fit('os_broken'))
UNION ALL SELECT 'loose', pg_temp.orders(synth_fit('os_loose'))
UNION ALL SELECT 'null', pg_temp.orders(synth_fit('os_null'));

SELECT is((SELECT o FROM os_m WHERE t = 'base'),
          '{da<db,fa<fb,ia<ib,na<nb,ta<tb,za<zb}'::text[],
          'control: the six orderings are found, strict');
SELECT is((SELECT o FROM os_m WHERE t = 'broken'), '{}'::text[],
          'one row breaking each ordering outside the sample drops all six');
SELECT is((SELECT o FROM os_m WHERE t = 'loose'),
          '{da<db~,fa<fb~,ia<ib~,na<nb~,ta<tb~,za<zb~}'::text[],
          'one row with equal values makes each ordering loose');
SELECT is((SELECT o FROM os_m WHERE t = 'null'), '{za<zb}'::text[],
          'a NULL earlier value breaks an ordering; a NULL later value keeps it');

-- a NaN later value is above every number (float8's order): the ordering holds
CREATE TABLE os_nan (LIKE os_base);
INSERT INTO os_nan SELECT * FROM os_base;
UPDATE os_nan SET fb = 'NaN' WHERE id = 41001;
SELECT ok('fa<fb' = ANY (pg_temp.orders(synth_fit('os_nan'))), 'a NaN later value keeps fa <= fb');

-- the same on parallel workers, whose states are merged
SET LOCAL synthdata.fit_parallel_min_rows = 0;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT is(pg_temp.orders(synth_fit('os_broken')), (SELECT o FROM os_m WHERE t = 'broken'),
          'parallel fit: the broken orderings are dropped as by one scan');
SELECT is(pg_temp.orders(synth_fit('os_loose')), (SELECT o FROM os_m WHERE t = 'loose'),
          'parallel fit: the loose orderings are loose as by one scan');
SELECT is(synth_fit('os_loose'), (SELECT synth_fit('os_loose')),
          'parallel fit: the same model twice');
RESET max_parallel_workers_per_gather;
RESET synthdata.fit_parallel_min_rows;

-- partial fits: the breaking row on one part only
CREATE TABLE os_part_a (LIKE os_base);
CREATE TABLE os_part_b (LIKE os_base);
INSERT INTO os_part_a SELECT * FROM os_broken WHERE id % 2 = 0;
INSERT INTO os_part_b SELECT * FROM os_broken WHERE id % 2 = 1;
CREATE TEMP TABLE os_p AS SELECT synth_fit_partial('os_part_a') AS a, synth_fit_partial('os_part_b') AS b;
SELECT is(pg_temp.orders(synth_fit_merge(ARRAY[a, b])), '{}'::text[],
          'merged partial fits: a row of one part breaks the orderings')
FROM os_p;
SELECT is((SELECT count(*) FROM os_part_a WHERE ib < ia OR db < da OR nb < na), 3::bigint,
          'three of the breaking rows are in the part of even ids');

-- pairs the scan does not compare (an integer against a numeric, a timestamp
-- against a timestamp with time zone) are checked by a query, as before
CREATE TABLE os_mixed (id int PRIMARY KEY, ia int4, nb numeric(12, 2), ta timestamp, zb timestamptz);
INSERT INTO os_mixed
SELECT i, h % 1000, h % 1000 + 1.5 + i % 7,
       timestamp '2020-01-01' + (h % 100000) * interval '1 minute',
       timestamptz '2020-01-01 00:00+00' + (h % 100000 + 5 + i % 50) * interval '1 minute'
FROM (SELECT i, hashint4(i) & 2147483647 AS h FROM generate_series(1, 60000) i) s;
SELECT is(pg_temp.orders(synth_fit('os_mixed')), '{ia<nb}'::text[],
          'control: int4 <= numeric is found (timestamp and timestamptz are of two classes)');
UPDATE os_mixed SET nb = ia - 0.5 WHERE id = 41010;
SELECT is(pg_temp.orders(synth_fit('os_mixed')), '{}'::text[],
          'an int4 <= numeric ordering broken outside the sample is dropped (by the query)');

-- clones keep the orderings the scan confirmed, and none it dropped (the
-- numerics are left out: a gap of 1 at 1e17 is below a float8's step)
CREATE TEMP TABLE os_c AS SELECT * FROM synth_clone(NULL::os_base, 20000, seed => 1);
SELECT is((SELECT count(*) FROM os_c WHERE ib <= ia OR fb <= fa OR db <= da
                                      OR tb <= ta OR zb <= za), 0::bigint,
          'a clone of the ordered table keeps the strict orderings');
CREATE TEMP TABLE os_cb AS SELECT * FROM synth_clone(NULL::os_broken, 20000, seed => 1);
SELECT cmp_ok((SELECT count(*) FROM os_cb WHERE ib < ia), '>', 0::bigint,
              'a clone of the broken table is not held to ia <= ib');
SELECT is(synth_fit('os_broken'), synth_fit('os_broken'), 'the same model twice');

SELECT * FROM finish();
ROLLBACK;
