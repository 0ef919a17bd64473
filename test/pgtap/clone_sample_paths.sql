-- Sampling from a model in FROM (all rows filled into the executor's
-- tuplestore in one call) and in a select list (row by row): the same rows
-- in the same order, rescans, offsets, LIMIT on a huge n, dropped columns.
BEGIN;
SELECT plan(8);
SET LOCAL client_min_messages = warning;

CREATE TEMP TABLE sp_models AS
SELECT 'aids'::text AS t, synth_fit('mass_aids2') AS m
UNION ALL
SELECT 'titanic', synth_fit('cardata_titanicsurvival');

-- 1-2: FROM and select list agree (conditional marginals; fake names)
CREATE FUNCTION pg_temp.from_equals_select(tab text, model text, n int, seed int)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    in_from text[];
    in_list text[];
BEGIN
    EXECUTE format('SELECT array_agg(s::text) FROM synth_sample(NULL::%I, (SELECT m FROM sp_models WHERE t = %L), %s, %s) s',
                   tab, model, n, seed) INTO in_from;
    EXECUTE format('SELECT array_agg(x::text) FROM (SELECT synth_sample(NULL::%I, m, %s, %s) AS x FROM sp_models WHERE t = %L) q',
                   tab, n, seed, model) INTO in_list;
    RETURN in_from = in_list AND cardinality(in_from) = n;
END $$;
SELECT ok(pg_temp.from_equals_select('mass_aids2', 'aids', 3000, 5),
          'mass_aids2: rows in FROM equal rows in a select list');
SELECT ok(pg_temp.from_equals_select('cardata_titanicsurvival', 'titanic', 1000, 9),
          'cardata_titanicsurvival: rows in FROM equal rows in a select list');

-- 3: rows start .. start + n - 1 are the same rows of a longer draw
SELECT is(
    (SELECT array_agg(s::text) FROM synth_sample(NULL::mass_aids2,
        (SELECT m FROM sp_models WHERE t = 'aids'), 1000, 5, 2000) s),
    (SELECT (array_agg(s::text))[2001:3000] FROM synth_sample(NULL::mass_aids2,
        (SELECT m FROM sp_models WHERE t = 'aids'), 3000, 5) s),
    'an offset draw in FROM is the tail of a longer draw');

-- 4: each rescan of a lateral call fills its own tuplestore from row 0
SELECT is(
    (SELECT array_agg(s::text ORDER BY g.g) FROM generate_series(1, 3) g(g),
            LATERAL synth_sample(NULL::mass_aids2, (SELECT m FROM sp_models WHERE t = 'aids'), g.g, 5) s),
    (SELECT ARRAY[a[1], a[1], a[2], a[1], a[2], a[3]]
       FROM (SELECT array_agg(s::text) AS a FROM synth_sample(NULL::mass_aids2,
                (SELECT m FROM sp_models WHERE t = 'aids'), 3, 5) s) q),
    'a lateral call draws rows 0 .. n - 1 on every rescan');

-- 5: zero rows
SELECT is(
    (SELECT count(*) FROM synth_sample(NULL::mass_aids2,
        (SELECT m FROM sp_models WHERE t = 'aids'), 0, 5)),
    0::bigint,
    'n = 0 in FROM gives no rows');

-- 6: a select list still streams: LIMIT stops a practically endless draw
SET LOCAL statement_timeout = '60s';
SELECT is(
    (SELECT count(*) FROM (SELECT synth_sample(NULL::mass_aids2, m, 1000000000000, 5)
                             FROM sp_models WHERE t = 'aids' LIMIT 3) q),
    3::bigint,
    'LIMIT over a select-list call of 10^12 rows returns at once');
RESET statement_timeout;

-- 7-8: a target with a dropped column, both ways
CREATE TEMP TABLE sp_dropped (a int, b text, c float8, d text);
INSERT INTO sp_dropped
SELECT i, 'x' || (i % 7), i * 0.25, (ARRAY['p', 'q', 'r'])[1 + i % 3]
FROM generate_series(1, 2000) i;
ALTER TABLE sp_dropped DROP COLUMN b;
CREATE TEMP TABLE sp_dropped_model AS SELECT synth_fit('sp_dropped') AS m;
SELECT is(
    (SELECT array_agg(s::text) FROM synth_sample(NULL::sp_dropped,
        (SELECT m FROM sp_dropped_model), 500, 3) s),
    (SELECT array_agg(x::text) FROM (SELECT synth_sample(NULL::sp_dropped, m, 500, 3) AS x
                                       FROM sp_dropped_model) q),
    'a table with a dropped column: rows in FROM equal rows in a select list');
SELECT is(
    (SELECT count(DISTINCT d) FROM synth_sample(NULL::sp_dropped,
        (SELECT m FROM sp_dropped_model), 500, 3)),
    3::bigint,
    'a table with a dropped column: the columns after it are filled');

SELECT * FROM finish();
ROLLBACK;
