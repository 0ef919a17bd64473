-- Bounded cost: synth_evaluate and synth_report on a table of 1,000
-- columns compare the pairs of a seeded sample of columns (option
-- max_pairs), draw heat maps of at most max_heatmap_columns columns, and
-- stop at statement_timeout; a fit of many text columns of many categories
-- (latent correlations of 780 tables of 64 x 64) finishes in a few seconds.
BEGIN;
SELECT plan(15);
SET LOCAL client_min_messages = warning;

-- seconds until a statement was cancelled, -1 if it finished, -2 on another error
CREATE FUNCTION pg_temp.cancel_seconds(q text) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    EXECUTE q;
    RETURN -1;
EXCEPTION
    WHEN query_canceled THEN
        RETURN extract(epoch FROM clock_timestamp() - t0);
    WHEN OTHERS THEN
        RETURN -2;
END $$;

-- two tables of 1,000 small-integer columns, 40 rows each
DO $$
DECLARE
    cols text;
    vals text;
BEGIN
    PERFORM setseed(0.5);
    SELECT string_agg(format('c%s int', g), ', ') INTO cols FROM generate_series(1, 1000) g;
    EXECUTE format('CREATE TABLE hb_wide_r (%s)', cols);
    EXECUTE format('CREATE TABLE hb_wide_s (%s)', cols);
    SELECT string_agg('(random() * 5)::int', ', ') INTO vals FROM generate_series(1, 1000) g;
    EXECUTE format('INSERT INTO hb_wide_r SELECT %s FROM generate_series(1, 40)', vals);
    EXECUTE format('INSERT INTO hb_wide_s SELECT %s FROM generate_series(1, 40)', vals);
END $$;

-- the default bound: the pairs of 141 columns (9,870 pairs, at most 10,000)
CREATE TEMP TABLE hb_eval AS SELECT * FROM synth_evaluate('hb_wide_r', 'hb_wide_s', '{"seed": 1}');
SELECT is((SELECT count(*) FROM hb_eval WHERE other_column IS NOT NULL), 9870::bigint,
          'synth_evaluate: the pairs of 141 of 1,000 columns by default');
SELECT is((SELECT (detail->>'pair_columns')::int || '/' || (detail->>'columns') || '/' || (detail->>'max_pairs')
             FROM hb_eval WHERE metric = 'Column Pair Trends'), '141/1000/10000',
          'synth_evaluate: Column Pair Trends says how many columns its pairs come from');
SELECT is((SELECT count(DISTINCT column_name) FROM hb_eval WHERE metric = 'KSComplement'), 1000::bigint,
          'synth_evaluate: every column still gets its shape score');
SELECT is((SELECT count(*) FROM synth_evaluate('hb_wide_r', 'hb_wide_s', '{"seed": 1, "max_pairs": 45}')
            WHERE other_column IS NOT NULL), 45::bigint, 'max_pairs 45: the pairs of 10 columns');
SELECT is((SELECT count(*) FROM synth_evaluate('hb_wide_r', 'hb_wide_s', '{"seed": 1, "max_pairs": 0}')
            WHERE other_column IS NOT NULL), 0::bigint, 'max_pairs 0: no pair');
SELECT results_eq($$SELECT column_name, other_column, score FROM synth_evaluate('hb_wide_r', 'hb_wide_s', '{"seed": 7, "max_pairs": 300}')
                     WHERE other_column IS NOT NULL ORDER BY 1, 2$$,
                  $$SELECT column_name, other_column, score FROM synth_evaluate('hb_wide_r', 'hb_wide_s', '{"seed": 7, "max_pairs": 300}')
                     WHERE other_column IS NOT NULL ORDER BY 1, 2$$,
                  'the sample of columns is a function of the seed');
-- a small table keeps every pair
SELECT is((SELECT (detail->>'pairs')::int FROM synth_evaluate('hb_wide_r', 'hb_wide_s',
                    ('{"seed": 1, "ignore": ' || (SELECT jsonb_agg('c' || g) FROM generate_series(11, 1000) g)::text || '}')::jsonb)
            WHERE metric = 'Column Pair Trends'), 45, 'ten columns: all 45 pairs, no note');

-- the report: bounded, and it says what it leaves out
CREATE TEMP TABLE hb_report AS SELECT synth_report('hb_wide_r', 'hb_wide_s', '{"seed": 1}') AS html;
SELECT cmp_ok((SELECT length(html) FROM hb_report), '<', 20000000,
              'synth_report of 1,000 columns: under 20 MB');
SELECT ok((SELECT html LIKE '%pairs of 141 of the 1000 non-key columns%' FROM hb_report),
          'synth_report: says the pairs come from a sample of the columns');
SELECT ok((SELECT html LIKE '%heat maps show 40 of these 141 columns%' FROM hb_report),
          'synth_report: says the heat maps show 40 columns');
SELECT cmp_ok((SELECT length(synth_report('hb_wide_r', 'hb_wide_s', '{"seed": 1, "max_pairs": 0, "max_heatmap_columns": 0}'))),
              '<', 12000000, 'synth_report without pairs: the column charts only');

-- every pair (499,500 of them) of 1,000 columns of 400 rows, a minute or
-- more of work: statement_timeout stops it within seconds (the bound leaves
-- room for a busy machine)
DO $$
DECLARE
    cols text;
    vals text;
BEGIN
    SELECT string_agg(format('c%s int', g), ', ') INTO cols FROM generate_series(1, 1000) g;
    EXECUTE format('CREATE TABLE hb_tall_r (%s)', cols);
    EXECUTE format('CREATE TABLE hb_tall_s (%s)', cols);
    SELECT string_agg('(random() * 5)::int', ', ') INTO vals FROM generate_series(1, 1000) g;
    EXECUTE format('INSERT INTO hb_tall_r SELECT %s FROM generate_series(1, 400)', vals);
    EXECUTE format('INSERT INTO hb_tall_s SELECT %s FROM generate_series(1, 400)', vals);
END $$;
SET LOCAL statement_timeout = '1s';
CREATE TEMP TABLE hb_cancel AS
SELECT pg_temp.cancel_seconds($$SELECT count(*) FROM synth_evaluate('hb_tall_r', 'hb_tall_s', '{"seed": 1, "max_pairs": 1000000}')$$) AS s;
RESET statement_timeout;
SELECT ok((SELECT s BETWEEN 0.5 AND 30 FROM hb_cancel), 'synth_evaluate of every pair of 1,000 columns: cancelled at statement_timeout');
SET LOCAL statement_timeout = '1s';
CREATE TEMP TABLE hb_cancel2 AS
SELECT pg_temp.cancel_seconds($$SELECT length(synth_report('hb_tall_r', 'hb_tall_s', '{"seed": 1, "max_pairs": 1000000, "max_heatmap_columns": 200}'))$$) AS s;
RESET statement_timeout;
SELECT ok((SELECT s BETWEEN 0.5 AND 30 FROM hb_cancel2), 'synth_report of every pair of 1,000 columns: cancelled at statement_timeout');

-- ---------------------------------------------------------------------------
-- latent correlations of many categories: 40 text columns of 64 categories,
-- 4,000 rows, each column 0.7 z + 0.71 e cut into 62 bins labelled by a hash
-- (so that their order must be found), all pairs correlated about 0.49
-- ---------------------------------------------------------------------------
SELECT setseed(0.125);
CREATE TABLE hb_cats AS
SELECT g AS id, sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS z FROM generate_series(1, 4000) g;
DO $$
DECLARE
    i int;
BEGIN
    FOR i IN 1 .. 40 LOOP
        EXECUTE format('ALTER TABLE hb_cats ADD COLUMN t%s text', i);
        EXECUTE format($q$UPDATE hb_cats SET t%s = 'v' || md5(%s || '-' || width_bucket(0.7 * z + 0.71 * sqrt(-2 * ln(random())) * cos(2 * pi() * random()), -2.5, 2.5, 62))$q$, i, i);
    END LOOP;
END $$;
ALTER TABLE hb_cats DROP COLUMN z;
ALTER TABLE hb_cats ADD PRIMARY KEY (id);
ANALYZE hb_cats;

SET LOCAL statement_timeout = '10s';
CREATE TEMP TABLE hb_cats_model AS SELECT synth_fit('hb_cats') AS m;
RESET statement_timeout;
SELECT is((SELECT count(*) FROM hb_cats_model, jsonb_array_elements(m->'columns') c
            WHERE c->>'kind' = 'categorical' AND jsonb_array_length(c->'categories') >= 50), 40::bigint,
          '40 text columns of 50 to 64 categories, fitted within 10 s');
SELECT cmp_ok((SELECT avg((e.r->>j)::float8)
                 FROM hb_cats_model, jsonb_array_elements(m->'copula'->'correlation') WITH ORDINALITY e(r, i),
                      generate_series(0, jsonb_array_length(m->'copula'->'correlation') - 1) j
                WHERE i - 1 <> j), '>', 0.1::float8,
              'their latent correlations are found (positive on average)');

SELECT * FROM finish();
ROLLBACK;
