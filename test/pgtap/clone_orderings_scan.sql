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
-- a copy of os_base with changes, each 'id: assignment'
CREATE FUNCTION pg_temp.variant(name text, VARIADIC changes text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    c text;
BEGIN
    EXECUTE format('CREATE TABLE %I (LIKE os_base)', name);
    EXECUTE format('INSERT INTO %I SELECT * FROM os_base', name);
    FOREACH c IN ARRAY changes LOOP
        EXECUTE format('UPDATE %I SET %s WHERE id = %s', name,
                       split_part(c, ': ', 2), split_part(c, ': ', 1)::int);
    END LOOP;
END $$;
-- one row per ordering breaks it: by one unit (past float8's precision for
-- the numerics), a NaN before a number, a date and times a step early.
-- Each row is one the sample does not hold (with the scan's check turned
-- off, each of these orderings is kept)
SELECT pg_temp.variant('os_broken', '41010: ib = ia - 1', '41002: nb = na - 1', $c$41001: fa = 'NaN'$c$,
                       '41000: db = da - 1', $c$41011: tb = ta - interval '1 minute'$c$,
                       $c$41003: zb = za - interval '1 minute'$c$);
SELECT pg_temp.variant('os_loose', '41000: ib = ia', '41001: nb = na', '41002: fb = fa',
                       '41003: db = da', '41004: tb = ta', '41005: zb = za');
-- a NULL earlier value with a later one set breaks it; a NULL later one does not
SELECT pg_temp.variant('os_null', '41004: ia = NULL', '41006: na = NULL', '41005: fa = NULL',
                       '41008: da = NULL', '41012: ta = NULL', '41001: zb = NULL');
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
SELECT pg_temp.variant('os_nan', $c$41001: fb = 'NaN'$c$);
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
