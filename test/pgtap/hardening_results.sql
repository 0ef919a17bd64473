-- Wrong results and silent acceptance: synth_clone('t') rows rendered as
-- to_jsonb renders the table's rows; every option of every function that
-- takes options checked, at every depth, with a hint that lists what is
-- valid; values longer than the summaries' keys never cut into categories
-- (text, json(b), arrays); multiranges modelled.
BEGIN;
SELECT plan(64);
SET LOCAL client_min_messages = warning;

-- the hint of the error a statement raises, or NULL
CREATE FUNCTION pg_temp.error_hint(q text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    h text;
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
    RETURN h;
END $$;

-- ---------------------------------------------------------------------------
-- 1. synth_clone('t', n): each row as to_jsonb renders the table's row type
-- ---------------------------------------------------------------------------
CREATE TYPE hr_pair AS (a int, b text);
CREATE TABLE hr_docs (
    id int PRIMARY KEY,
    doc jsonb,
    js json,
    nums int[],
    words text[],
    pair hr_pair,
    ts timestamp,
    flag boolean,
    x float8
);
INSERT INTO hr_docs
SELECT g, jsonb_build_object('a', g % 3, 'b', 'x'), json_build_object('a', g % 3),
       ARRAY[g % 3, 1], ARRAY['a', 'b'], ROW(g % 3, 'q')::hr_pair,
       '2020-01-01'::timestamp + g * interval '1 hour', g % 2 = 0, g / 3.0
FROM generate_series(1, 300) g;

SELECT results_eq(
    $$SELECT r FROM synth_clone('hr_docs', 40, seed => 3) r$$,
    $$SELECT to_jsonb(t) FROM synth_clone(NULL::hr_docs, 40, seed => 3) t$$,
    'synth_clone(text): every row is to_jsonb of the typed row');
SELECT is((SELECT count(*) FROM synth_clone('hr_docs', 40, seed => 3) r
            WHERE jsonb_typeof(r->'doc') = 'object' AND jsonb_typeof(r->'js') = 'object'),
          40::bigint, 'synth_clone(text): jsonb and json columns are the documents, not strings');
SELECT is((SELECT count(*) FROM synth_clone('hr_docs', 40, seed => 3) r
            WHERE jsonb_typeof(r->'nums') = 'array' AND jsonb_typeof(r->'nums'->0) = 'number'
              AND jsonb_typeof(r->'words') = 'array' AND jsonb_typeof(r->'pair') = 'object'),
          40::bigint, 'synth_clone(text): arrays are JSON arrays, composites JSON objects');
SELECT is((SELECT count(*) FROM synth_clone('hr_docs', 40, seed => 3) r
            WHERE jsonb_typeof(r->'flag') = 'boolean' AND jsonb_typeof(r->'x') = 'number'
              AND jsonb_typeof(r->'id') = 'number'),
          40::bigint, 'synth_clone(text): numbers and booleans stay JSON numbers and booleans');

-- ---------------------------------------------------------------------------
-- 2. options: unknown keys and bad values at every depth
-- ---------------------------------------------------------------------------
CREATE TABLE hr_people (id int PRIMARY KEY, email text, age int, note text);
INSERT INTO hr_people
SELECT g, 'user' || g || '@mail.example', CASE WHEN g % 10 <> 0 THEN 20 + g % 50 END, md5(g::text)
FROM generate_series(1, 200) g;

-- synth_fit: the options of a column
SELECT throws_ok($$SELECT synth_fit('hr_people', '{"columns": {"email": {"rol": "pii"}}}')$$,
                 '22023', 'unrecognized option "rol" for column "email"', 'synth_fit: misspelt "role" in a column''s options');
SELECT throws_ok($$SELECT synth_fit('hr_people', '{"columns": {"email": {"pii_knd": "email"}}}')$$,
                 '22023', 'unrecognized option "pii_knd" for column "email"', 'synth_fit: misspelt "pii_kind"');
SELECT throws_ok($$SELECT synth_fit('hr_people', '{"columns": {"email": {"pii_kind": "emial"}}}')$$,
                 '22023', 'invalid value "emial" for option "pii_kind"', 'synth_fit: unknown kind of PII');
SELECT throws_ok($$SELECT synth_fit('hr_people', '{"columns": {"email": {"pii_kind": "age"}}}')$$,
                 '22023', 'invalid value "age" for option "pii_kind"', 'synth_fit: a kind of fake value that is no text');
SELECT throws_ok($$SELECT synth_fit('hr_people', '{"columns": {"email": {"pii_kind": 1}}}')$$,
                 '22023', 'option "pii_kind" must be a string', 'synth_fit: pii_kind of the wrong JSON type');
SELECT throws_ok($$SELECT synth_fit('hr_people', '{"columns": {"email": {"role": ["pii"]}}}')$$,
                 '22023', 'option "role" must be a string', 'synth_fit: role of the wrong JSON type');
SELECT throws_ok($$SELECT synth_fit('hr_people', '{"columns": {"email": {"role": "PII"}}}')$$,
                 '22023', 'invalid value "PII" for option "role"', 'synth_fit: unknown role');
SELECT throws_ok($$SELECT synth_fit('hr_people', '{"columns": {"email": {"role": "attribute", "pii_kind": "email"}}}')$$,
                 '22023', 'option "pii_kind" requires role "pii"', 'synth_fit: a kind of PII for a column that is not PII');
SELECT throws_ok($$SELECT synth_fit('hr_people', '{"columns": {"age": {"pii_kind": "email"}}}')$$,
                 '22023', 'option "pii_kind" does not apply to column "age" of type integer',
                 'synth_fit: a kind of fake text for an integer column');
SELECT throws_ok($$SELECT synth_fit('hr_people', '{"columns": {"email": "pii"}}')$$,
                 '22023', 'option for column "email" must be a JSON object', 'synth_fit: a column''s options must be an object');
SELECT throws_ok($$SELECT synth_fit('hr_people', '{"k": "10"}')$$,
                 '22023', 'option "k" must be a number', 'synth_fit: k of the wrong JSON type');
SELECT throws_ok($$SELECT synth_fit('hr_people', '{"copula": "yes"}')$$,
                 '22023', 'option "copula" must be true or false', 'synth_fit: copula of the wrong JSON type');
SELECT throws_ok($$SELECT synth_fit('hr_people', '{"columns": ["email"]}')$$,
                 '22023', 'option "columns" must be a JSON object', 'synth_fit: columns must be an object');
-- the hints list what is valid
SELECT is(pg_temp.error_hint($$SELECT synth_fit('hr_people', '{"columns": {"email": {"rol": "pii"}}}')$$),
          'Valid options are: role, pii_kind, kind.', 'hint: the options of a column');
SELECT is(pg_temp.error_hint($$SELECT synth_fit('hr_people', '{"columns": {"email": {"role": "boss"}}}')$$),
          'Valid values are: attribute, key, identifier, pii, personal, foreign_key, own_key, categorical, numeric, temporal, free_text.', 'hint: the roles');
SELECT ok(pg_temp.error_hint($$SELECT synth_fit('hr_people', '{"columns": {"email": {"pii_kind": "emial"}}}')$$)
          LIKE 'Valid values are: first_name, last_name, %, email, %.', 'hint: the kinds of PII');
SELECT is(pg_temp.error_hint($$SELECT synth_fit('hr_people', '{"cols": {}}')$$),
          'Valid options are: k, category_cap, sample_percent, exact_copy_guard, copula, orderings, dependencies, time_grain, key_order, columns, epsilon, delta, epsilon_budget, person_key, max_rows_per_person, noise_seed, bounds, dependence, dp_method, sequence.',
          'hint: the options of synth_fit');
-- the same checks, before any row is read, in every function that fits
SELECT throws_ok($$SELECT * FROM synth_clone(NULL::hr_people, 5, '{"columns": {"email": {"rol": "pii"}}}')$$,
                 '22023', NULL, 'synth_clone(NULL::t): column options checked');
SELECT throws_ok($$SELECT * FROM synth_clone('hr_people', 5, '{"columns": {"email": {"pii_kind": "emial"}}}')$$,
                 '22023', NULL, 'synth_clone(text): column options checked');
SELECT throws_ok($$SELECT synth_clone_table('hr_people', 'hr_people_copy', 5, '{"columns": {"email": {"pii_knd": "email"}}}')$$,
                 '22023', NULL, 'synth_clone_table: column options checked');
SELECT throws_ok($$SELECT * FROM synth_impute(NULL::hr_people, 'model', '{"fit": {"columns": {"email": {"rol": "pii"}}}}')$$,
                 '22023', NULL, 'synth_impute: the options of its fit checked');
SELECT throws_ok($$SELECT synth_impute_update('hr_people', NULL, 'model', '{"fit": {"columns": {"email": {"pii_kind": "emial"}}}}')$$,
                 '22023', NULL, 'synth_impute_update: the options of its fit checked');
SELECT throws_ok($$SELECT * FROM synth_augment(NULL::hr_people, 5, 'model', '{"fit": {"colums": {}}}')$$,
                 '22023', NULL, 'synth_augment: the options of its fit checked');
SELECT throws_ok($$SELECT * FROM synth_impute(NULL::hr_people, 'knn', '{"k": "3"}')$$,
                 '22023', 'option "k" must be a number', 'synth_impute: a value of the wrong JSON type');
SELECT throws_ok($$SELECT * FROM synth_augment(NULL::hr_people, 5, 'noise', '{"scale": true}')$$,
                 '22023', 'option "scale" must be a number', 'synth_augment: a value of the wrong JSON type');
-- synth_evaluate and synth_report
CREATE TEMP TABLE hr_people_s AS SELECT * FROM hr_people;
SELECT throws_ok($$SELECT * FROM synth_evaluate('hr_people', 'hr_people_s', '{"max_pairs": "10"}')$$,
                 '22023', 'option "max_pairs" must be a number', 'synth_evaluate: max_pairs of the wrong JSON type');
SELECT throws_ok($$SELECT * FROM synth_evaluate('hr_people', 'hr_people_s', '{"max_pairs": -1}')$$,
                 '22023', NULL, 'synth_evaluate: negative max_pairs');
SELECT throws_ok($$SELECT synth_report('hr_people', 'hr_people_s', '{"max_heatmap_columns": 100000}')$$,
                 '22023', NULL, 'synth_report: max_heatmap_columns beyond its bound');
SELECT throws_ok($$SELECT synth_report('hr_people', 'hr_people_s', '{"max_pair": 10}')$$,
                 '22023', 'unrecognized option "max_pair"', 'synth_report: misspelt option');
SELECT throws_ok($$SELECT * FROM synth_evaluate('hr_people', 'hr_people_s', '{"dcr_rows": "many"}')$$,
                 '22023', 'option "dcr_rows" must be a number', 'synth_evaluate: a count of the wrong JSON type');
SELECT ok(pg_temp.error_hint($$SELECT * FROM synth_evaluate('hr_people', 'hr_people_s', '{"colour": 1}')$$)
          LIKE 'Valid options are: ignore, holdout, seed, %, max_pairs, max_heatmap_columns, show_values, k, sequence.', 'hint: the options of synth_evaluate');
-- valid options keep working
SELECT is((SELECT c->>'pii_kind' FROM jsonb_array_elements(
              synth_fit('hr_people', '{"columns": {"note": {"role": "pii", "pii_kind": "email"}}}')->'columns') c
           WHERE c->>'name' = 'note'), 'email', 'synth_fit: role and pii_kind together');
SELECT is((SELECT c->>'role' FROM jsonb_array_elements(
              synth_fit('hr_people', '{"k": null, "columns": {"age": {"role": "identifier"}}}')->'columns') c
           WHERE c->>'name' = 'age'), 'identifier', 'synth_fit: JSON null is the default; a role alone');

-- ---------------------------------------------------------------------------
-- 3. long values: never cut into categories
-- ---------------------------------------------------------------------------
-- two texts of 250 bytes share their first 249; json(b) documents, arrays
-- and json fields longer than 200 bytes; each value repeated in 100 rows
CREATE TABLE hr_long (
    id int PRIMARY KEY,
    t text,
    doc jsonb,
    js json,
    arr text[],
    docs jsonb[],
    big jsonb
);
INSERT INTO hr_long
SELECT g, repeat('x', 249) || (g % 2)::text,
       jsonb_build_object('a', repeat('y', 250) || (g % 2)::text, 'n', g % 4),
       json_build_object('k', repeat('q', 240) || (g % 2)),
       ARRAY[repeat('z', 250) || (g % 2)::text, 'b'],
       ARRAY[jsonb_build_object('e', repeat('e', 240) || (g % 2))],
       (SELECT jsonb_agg(repeat('w', 30) || i) FROM generate_series(1, 10) i)
FROM generate_series(1, 200) g;
CREATE TEMP TABLE hr_long_model AS SELECT synth_fit('hr_long') AS m;

SELECT is((SELECT count(*) FROM hr_long_model, jsonb_array_elements(m->'columns') c,
                  jsonb_array_elements(c->'categories') cat
            WHERE length(cat->>'value') >= 200), 0::bigint,
          'no category holds a value of 200 bytes or more (a cut value)');
SELECT isnt((SELECT c->>'kind' FROM hr_long_model, jsonb_array_elements(m->'columns') c WHERE c->>'name' = 't'),
            'categorical', 'long texts are modelled as text, not as categories');
SELECT lives_ok($$CREATE TEMP TABLE hr_long_copy AS SELECT * FROM synth_clone(NULL::hr_long, 200, seed => 1)$$,
                'a clone of long json(b) values and arrays of them makes valid values');
SELECT is((SELECT count(*) FROM hr_long_copy c
            WHERE EXISTS (SELECT 1 FROM hr_long r WHERE r.t <> c.t AND starts_with(r.t, c.t))), 0::bigint,
          'no synthetic text is a cut real text');
SELECT is((SELECT count(*) FROM hr_long_copy c WHERE length(c.t) = 200 OR c.t = left(repeat('x', 249), 200)),
          0::bigint, 'no synthetic text is the first 200 bytes of a real one');
SELECT is((SELECT count(*) FROM hr_long_copy c
            WHERE (c.doc IS NOT NULL AND jsonb_typeof(c.doc) IS NULL)), 0::bigint, 'jsonb documents are valid');
SELECT is((SELECT count(*) FROM hr_long_copy c, unnest(c.arr) e
            WHERE e <> 'b' AND NOT EXISTS (SELECT 1 FROM hr_long r WHERE e = ANY (r.arr))), 0::bigint,
          'array elements are values seen, never cut ones');
SELECT is((SELECT count(*) FROM hr_long_copy c, jsonb_each(c.doc) f
            WHERE f.key = 'a' AND length(f.value #>> '{}') = 200), 0::bigint,
          'document fields are never cut');
SELECT lives_ok($$SELECT * FROM synth_clone('hr_long', 50, seed => 2)$$, 'synth_clone(text) of long documents');
SELECT lives_ok($$SELECT synth_clone_table('hr_long', 'hr_long_table', 100, seed => 3)$$,
                'synth_clone_table of long documents');
SELECT is((SELECT count(*) FROM hr_long_table), 100::bigint, 'synth_clone_table wrote the rows');

-- many distinct long texts with a common 200-byte prefix: not one merged category
CREATE TABLE hr_prefix (id int PRIMARY KEY, t text);
INSERT INTO hr_prefix SELECT g, repeat('p', 200) || (g % 40)::text FROM generate_series(1, 400) g;
SELECT is((SELECT count(*) FROM jsonb_array_elements(synth_fit('hr_prefix')->'columns') c,
                  jsonb_array_elements(c->'categories') cat), 0::bigint,
          'forty long values sharing a prefix: no category (no merged, cut value)');
SELECT is((SELECT count(*) FROM synth_clone(NULL::hr_prefix, 100, seed => 1) c WHERE c.t = repeat('p', 200)),
          0::bigint, 'the shared prefix is never emitted');

-- a short-category column with some long values: the categories are the short ones
CREATE TABLE hr_mixed (id int PRIMARY KEY, t text);
INSERT INTO hr_mixed SELECT g, CASE WHEN g % 10 < 7 THEN 'c' || (g % 3) ELSE repeat('m', 300) || (g % 10) END
FROM generate_series(1, 600) g;
SELECT set_eq($$SELECT cat->>'value' FROM jsonb_array_elements(synth_fit('hr_mixed')->'columns') c,
                       jsonb_array_elements(c->'categories') cat WHERE c->>'name' = 't'$$,
              ARRAY['c0', 'c1', 'c2'], 'short values are categories, long ones are not');

-- ---------------------------------------------------------------------------
-- multiranges: a number of ranges, each drawn from the model of a range
-- ---------------------------------------------------------------------------
CREATE TABLE hr_multi (
    id int PRIMARY KEY,
    mr int4multirange,
    dmr datemultirange,
    nmr nummultirange
);
INSERT INTO hr_multi
SELECT g,
       CASE WHEN g % 3 = 0 THEN int4multirange(int4range(g, g + 3))
            ELSE int4multirange(int4range(g, g + 3), int4range(g + 10, g + 12)) END,
       datemultirange(daterange('2020-01-01'::date + g, '2020-01-05'::date + g)),
       CASE WHEN g % 5 = 0 THEN '{}'::nummultirange
            ELSE nummultirange(numrange(g / 10.0, g / 10.0 + 1.5)) END
FROM generate_series(1, 300) g;
SELECT is((SELECT string_agg(c->>'kind', ',' ORDER BY c->>'name')
             FROM jsonb_array_elements(synth_fit('hr_multi')->'columns') c WHERE c->>'name' <> 'id'),
          'range,range,range', 'multirange columns are modelled');
SELECT lives_ok($$CREATE TEMP TABLE hr_multi_copy AS SELECT * FROM synth_clone(NULL::hr_multi, 300, seed => 1)$$,
                'a clone of multirange columns');
SELECT is((SELECT count(*) FROM hr_multi_copy WHERE mr IS NULL OR dmr IS NULL OR nmr IS NULL), 0::bigint,
          'every multirange is drawn');
SELECT cmp_ok((SELECT avg(cardinality(array(SELECT unnest(mr))))::numeric FROM hr_multi_copy), '>', 1.4::numeric,
              'int4multirange: about 1.67 ranges per value, as in the source (more than 1.4)');
SELECT cmp_ok((SELECT avg(cardinality(array(SELECT unnest(mr))))::numeric FROM hr_multi_copy), '<', 1.95::numeric,
              'int4multirange: and fewer than 1.95');
SELECT cmp_ok((SELECT count(*) FROM hr_multi_copy WHERE isempty(nmr)), '>', 20::bigint,
              'nummultirange: empty multiranges in about a fifth of the rows');
SELECT is((SELECT count(*) FROM hr_multi_copy
            WHERE lower(dmr) < '2020-01-01' OR upper(dmr) > '2021-01-01'), 0::bigint,
          'datemultirange: within the source''s span');
SELECT cmp_ok((SELECT avg((upper(r) - lower(r) BETWEEN 2 AND 3)::int)::numeric
                 FROM hr_multi_copy, unnest(mr) r), '>', 0.9::numeric,
              'int4multirange: ranges of the source''s widths (2 or 3, unless two overlap)');
SELECT lives_ok($$SELECT * FROM synth_clone('hr_multi', 20, seed => 2)$$, 'synth_clone(text) of multiranges');
-- a multirange model does not go into a range column, nor the reverse
CREATE TEMP TABLE hr_range_target (mr int4range);
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::hr_range_target, synth_fit('hr_multi'), 1)$$,
                 '42804', NULL, 'a multirange model into a range column: 42804');
-- a multirange column the model leaves out gets a valid empty value
CREATE TABLE hr_multi_few (id int PRIMARY KEY, mr int4multirange);
INSERT INTO hr_multi_few SELECT g, int4multirange(int4range(g, g + 1)) FROM generate_series(1, 5) g;
SELECT lives_ok($$SELECT * FROM synth_clone(NULL::hr_multi_few, 5, seed => 1)$$,
                'too few multiranges to model: still valid values');
SELECT is((SELECT count(*) FROM synth_clone('hr_multi', 30, seed => 4) r
            WHERE jsonb_typeof(r->'mr') = 'string'), 30::bigint, 'multiranges in synth_clone(text) rows');

-- numbers of more than 60 digits with a scale: their text no longer overflows a buffer
CREATE TABLE hr_bignum (id int, x numeric(90,3));
INSERT INTO hr_bignum SELECT g, (1e70 + g * 1e67)::numeric(90,3) FROM generate_series(1, 200) AS g;
SELECT ok((SELECT min(x) >= 1e70 AND max(x) <= 1.2e70
           FROM synth_clone(NULL::hr_bignum, 200, seed => 1)),
          'numeric(90,3) near 1e70: clone values within the real range');

SELECT * FROM finish();
ROLLBACK;
