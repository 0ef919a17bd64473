-- pgTAP: synth_evaluate knows what each column is.  Roles inferred from the
-- catalog, names and values; by default only modelled columns (categorical,
-- numeric, temporal) are scored, the row metrics included; keys, identifiers,
-- personal data and free text are reported under privacy (VerbatimShare
-- against the chance the fake dictionaries or a fresh numbering explain);
-- options score_all, score_columns, roles; bad options.
BEGIN;
SELECT plan(44);

-- ---------------------------------------------------------------------------
-- a production-shaped real table of 2,000 rows and a "synthetic" one whose
-- modelled columns are the real rows' (so the row metrics see copies), whose
-- keys are fresh 1..n, whose first names and cities are fakes of another
-- seed, whose notes are fresh fake text, and whose record codes and emails
-- are copied verbatim (two leaks)
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE er_parent (pid int PRIMARY KEY);
INSERT INTO er_parent SELECT g FROM generate_series(1, 50) g;
CREATE TEMP TABLE er_real (
    id serial PRIMARY KEY,
    record_code text,
    first_name text,
    email text,
    city text,
    ward text,
    age int,
    admitted timestamptz,
    notes text,
    parent_id int REFERENCES er_parent
);
INSERT INTO er_real (record_code, first_name, email, city, ward, age, admitted, notes, parent_id)
SELECT 'RC-' || lpad(((i * 7919) % 1000003)::text, 7, '0'), fn.v,
       lower(fn.v) || '.' || i || '@corp' || (i % 3) || '.org', ci.v,
       (ARRAY['cardiology', 'oncology', 'neurology', 'icu'])[1 + i % 4],
       20 + (i * 37) % 60,
       timestamptz '2024-01-01 00:00+00' + ((i * 104729) % 31536000) * interval '1 second',
       tx.v, 1 + i % 50
FROM generate_series(1, 2000) i
JOIN synth_fake(2000, 'first_name', seed => 1) WITH ORDINALITY fn(v, i) USING (i)
JOIN synth_fake(2000, 'city', seed => 1) WITH ORDINALITY ci(v, i) USING (i)
JOIN synth_fake_text(2000, 40, 160, seed => 1) WITH ORDINALITY tx(v, i) USING (i);
CREATE TEMP TABLE er_synth AS
SELECT i AS id, r.record_code, fn.v AS first_name, r.email, ci.v AS city, r.ward, r.age, r.admitted,
       tx.v AS notes, r.parent_id
FROM (SELECT row_number() OVER (ORDER BY id) AS i, * FROM er_real) r
JOIN synth_fake(2000, 'first_name', seed => 2) WITH ORDINALITY fn(v, i) USING (i)
JOIN synth_fake(2000, 'city', seed => 2) WITH ORDINALITY ci(v, i) USING (i)
JOIN synth_fake_text(2000, 40, 160, seed => 2) WITH ORDINALITY tx(v, i) USING (i);

CREATE TEMP TABLE er_eval AS SELECT * FROM synth_evaluate('er_real', 'er_synth', '{"seed": 5}');

-- ---------------------------------------------------------------------------
-- roles
-- ---------------------------------------------------------------------------
SELECT results_eq($$SELECT column_name, detail->>'role', (detail->>'scored')::bool FROM er_eval WHERE metric = 'ColumnRole' ORDER BY column_name$$,
                  $$VALUES ('admitted', 'temporal', true), ('age', 'numeric', true), ('city', 'personal', false),
                           ('email', 'personal', false), ('first_name', 'personal', false), ('id', 'key', false),
                           ('notes', 'free_text', false), ('parent_id', 'foreign_key', false),
                           ('record_code', 'identifier', false), ('ward', 'categorical', true)$$,
                  'roles: key, foreign key, identifier, personal, free text and the modelled columns');
SELECT results_eq($$SELECT column_name, detail->>'kind' FROM er_eval WHERE metric = 'ColumnRole' AND detail ? 'kind' ORDER BY 1$$,
                  $$VALUES ('city', 'city'), ('email', 'email'), ('first_name', 'first_name'), ('notes', 'paragraph')$$,
                  'roles: the fake kind of personal and free-text columns');
SELECT is((SELECT detail->>'source' FROM er_eval WHERE metric = 'ColumnRole' AND column_name = 'id'), 'catalog',
          'roles: the key comes from the catalog');
SELECT ok((SELECT bool_and(score IS NULL) FROM er_eval WHERE metric = 'ColumnRole'), 'ColumnRole rows have no score');

-- ---------------------------------------------------------------------------
-- default scoring: modelled columns only
-- ---------------------------------------------------------------------------
SELECT set_eq($$SELECT column_name FROM er_eval WHERE metric IN ('KSComplement', 'TVComplement')$$,
              ARRAY['admitted', 'age', 'ward'], 'Column Shapes: the modelled columns only');
SELECT is((SELECT (detail->>'columns')::int FROM er_eval WHERE metric = 'Column Shapes'), 3, 'Column Shapes counts 3 columns');
SELECT is((SELECT count(*) FROM er_eval WHERE other_column IS NOT NULL
           AND (column_name NOT IN ('admitted', 'age', 'ward') OR other_column NOT IN ('admitted', 'age', 'ward'))),
          0::bigint, 'Column Pair Trends: no pair with a personal, key or free-text column');
SELECT is((SELECT (detail->>'pairs')::int FROM er_eval WHERE metric = 'Column Pair Trends'), 3, 'three pairs');
SELECT is((SELECT score FROM er_eval WHERE metric = 'Quality'), 1::float8,
          'the modelled columns are the real ones: Quality 1');
SELECT is((SELECT count(*) FROM er_eval WHERE metric IN ('BoundaryAdherence', 'CategoryAdherence')
           AND column_name NOT IN ('admitted', 'age', 'ward')), 0::bigint, 'Data Validity: modelled columns only');
SELECT is((SELECT count(*) FROM er_eval WHERE metric = 'MissingValueSimilarity'), 10::bigint,
          'MissingValueSimilarity still for every column');
SELECT is((SELECT (detail->>'copies')::int FROM er_eval WHERE metric = 'ExactCopies'), 2000,
          'row metrics compare the modelled columns: every row is a copy there');

-- ---------------------------------------------------------------------------
-- privacy: VerbatimShare against chance
-- ---------------------------------------------------------------------------
SELECT is((SELECT score FROM er_eval WHERE metric = 'VerbatimShare' AND column_name = 'email'), 1::float8,
          'copied email: VerbatimShare 1');
SELECT ok((SELECT (detail->>'leak')::bool AND (detail->>'chance_share')::float8 < 0.01
           FROM er_eval WHERE metric = 'VerbatimShare' AND column_name = 'email'),
          'copied email: a leak (fake emails never match corp.org addresses)');
SELECT ok((SELECT (detail->>'leak')::bool AND score = 1 FROM er_eval WHERE metric = 'VerbatimShare' AND column_name = 'record_code'),
          'copied record codes: a leak');
SELECT cmp_ok((SELECT score FROM er_eval WHERE metric = 'VerbatimShare' AND column_name = 'first_name'), '>', 0.5::float8,
              'faked first names: most are also real first names');
SELECT cmp_ok((SELECT abs(score - (detail->>'chance_share')::float8) FROM er_eval WHERE metric = 'VerbatimShare' AND column_name = 'first_name'),
              '<=', 0.05::float8, 'faked first names: VerbatimShare within 0.05 of chance');
SELECT ok((SELECT NOT (detail->>'leak')::bool FROM er_eval WHERE metric = 'VerbatimShare' AND column_name = 'first_name'),
          'faked first names: no leak');
SELECT ok((SELECT NOT (detail->>'leak')::bool FROM er_eval WHERE metric = 'VerbatimShare' AND column_name = 'city'),
          'faked cities: no leak');
SELECT ok((SELECT score = 0 AND NOT (detail->>'leak')::bool FROM er_eval WHERE metric = 'VerbatimShare' AND column_name = 'notes'),
          'fresh free text: nothing verbatim');
SELECT ok((SELECT score = 1 AND (detail->>'fresh_keys')::bool AND NOT (detail->>'leak')::bool
           FROM er_eval WHERE metric = 'VerbatimShare' AND column_name = 'id'),
          'fresh keys 1..n: all also real keys, and no leak');
SELECT is((SELECT score FROM er_eval WHERE metric = 'IdentifierLeak' AND column_name = 'id'), 1::float8,
          'fresh keys 1..n: no identifier leak');
SELECT is((SELECT count(*) FROM er_eval WHERE metric = 'VerbatimShare' AND column_name = 'parent_id'), 0::bigint,
          'foreign keys share parent keys by design: no VerbatimShare');
SELECT results_eq($$SELECT round(score::numeric, 6), (detail->>'leaking_columns')::int FROM er_eval WHERE metric = 'VerbatimProtection'$$,
                  $$VALUES (0.0::numeric, 2)$$, 'VerbatimProtection: two leaking columns, the worst fully copied');
SELECT results_eq($$SELECT column_name, score, detail FROM synth_evaluate('er_real', 'er_synth', '{"seed": 5}') WHERE metric = 'VerbatimShare' ORDER BY 1$$,
                  $$SELECT column_name, score, detail FROM er_eval WHERE metric = 'VerbatimShare' ORDER BY 1$$,
                  'VerbatimShare is reproducible with the seed');
-- a key numbered afresh but not 1..n is judged by the values it shares
CREATE TEMP TABLE er_shifted AS SELECT * FROM er_synth;
UPDATE er_shifted SET id = id + 1000;
SELECT ok((SELECT NOT detail ? 'fresh_keys' AND score = 0.5 FROM synth_evaluate('er_real', 'er_shifted', '{"seed": 5}')
           WHERE metric = 'VerbatimShare' AND column_name = 'id'), 'keys 1001..3000: half of them are real keys');

-- ---------------------------------------------------------------------------
-- options
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM synth_evaluate('er_real', 'er_synth', '{"seed": 5, "score_all": true}')
           WHERE metric IN ('KSComplement', 'TVComplement')), 9::bigint,
          'score_all: every column but the key is scored');
SELECT is((SELECT (detail->>'copies')::int FROM synth_evaluate('er_real', 'er_synth', '{"seed": 5, "score_all": true}')
           WHERE metric = 'ExactCopies'), 0, 'score_all: the row metrics see the fake names again');
SELECT set_eq($$SELECT column_name FROM synth_evaluate('er_real', 'er_synth', '{"seed": 5, "score_columns": ["age", "first_name"]}')
               WHERE metric IN ('KSComplement', 'TVComplement')$$,
              ARRAY['age', 'first_name'], 'score_columns: exactly those');
SELECT results_eq($$SELECT detail->>'role', detail->>'source', (detail->>'scored')::bool FROM synth_evaluate('er_real', 'er_synth',
                    '{"seed": 5, "roles": {"record_code": "categorical"}}') WHERE metric = 'ColumnRole' AND column_name = 'record_code'$$,
                  $$VALUES ('categorical', 'option', true)$$, 'roles: an identifier made categorical is scored');
SELECT is((SELECT count(*) FROM synth_evaluate('er_real', 'er_synth', '{"seed": 5, "roles": {"ward": "personal"}}')
           WHERE column_name = 'ward' AND metric IN ('TVComplement', 'CategoryAdherence')), 0::bigint,
          'roles: a category made personal is not scored');
SELECT results_eq($$SELECT detail->>'role', detail->>'kind' FROM synth_evaluate('er_real', 'er_synth',
                    '{"seed": 5, "roles": {"notes": "email"}}') WHERE metric = 'ColumnRole' AND column_name = 'notes'$$,
                  $$VALUES ('personal', 'email')$$, 'roles: a fake kind names personal data of that kind');
SELECT results_eq($$SELECT detail->>'role', (detail->>'scored')::bool FROM synth_evaluate('er_real', 'er_synth',
                    '{"seed": 5, "roles": {"id": "numeric"}}') WHERE metric = 'ColumnRole' AND column_name = 'id'$$,
                  $$VALUES ('numeric', true)$$, 'roles: a key made numeric is scored');

-- ---------------------------------------------------------------------------
-- bad options
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT * FROM synth_evaluate('er_real', 'er_synth', '{"score_all": "yes"}')$$, '22023', NULL, 'score_all must be a boolean');
SELECT throws_ok($$SELECT * FROM synth_evaluate('er_real', 'er_synth', '{"score_columns": "age"}')$$, '22023', NULL, 'score_columns must be an array');
SELECT throws_ok($$SELECT * FROM synth_evaluate('er_real', 'er_synth', '{"score_columns": [1]}')$$, '22023', NULL, 'score_columns of names');
SELECT throws_ok($$SELECT * FROM synth_evaluate('er_real', 'er_synth', '{"score_columns": ["age"], "score_all": true}')$$, '22023', NULL,
                 'score_all and score_columns exclude each other');
SELECT throws_ok($$SELECT * FROM synth_evaluate('er_real', 'er_synth', '{"score_columns": ["nope"]}')$$, '42703', NULL, 'score_columns: unknown column');
SELECT throws_ok($$SELECT * FROM synth_evaluate('er_real', 'er_synth', '{"roles": ["age"]}')$$, '22023', NULL, 'roles must be an object');
SELECT throws_ok($$SELECT * FROM synth_evaluate('er_real', 'er_synth', '{"roles": {"age": "colour"}}')$$, '22023', NULL, 'roles: unknown role');
SELECT throws_ok($$SELECT * FROM synth_evaluate('er_real', 'er_synth', '{"roles": {"notes": "numeric"}}')$$, '22023',
                 'role "numeric" does not fit column "notes" of type text', 'roles: numeric for a text column');

-- ---------------------------------------------------------------------------
-- the report follows the roles
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE er_rep AS SELECT synth_report('er_real', 'er_synth', '{"seed": 5}') AS r;
SELECT ok((SELECT xml_is_well_formed_document(r) AND position('Keys, identifiers, personal data and free text' in r) > 0
           AND position('grid-template-columns' in r) > 0 FROM er_rep),
          'report: a well-formed page, the unmodelled columns in their own section, a full-width grid');
SELECT is((SELECT count(*) FROM er_real, er_rep WHERE position(email in r) > 0 OR position(record_code in r) > 0), 0::bigint,
          'report: no real email or record code');

-- ---------------------------------------------------------------------------
-- the roles synth_columns() gives, when this installation has it (a stand-in
-- member of the extension when it has not); option "roles" still wins
-- ---------------------------------------------------------------------------
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'synth_columns') THEN
        CREATE FUNCTION public.synth_columns(source regclass, options jsonb DEFAULT '{}')
        RETURNS TABLE(column_name text, role text, kind text) LANGUAGE sql STABLE
        AS $f$ SELECT 'ward'::text, 'personal'::text, 'city'::text $f$;
        ALTER EXTENSION synthdata ADD FUNCTION public.synth_columns(regclass, jsonb);
    END IF;
END $$;
SELECT ok((SELECT count(*) > 0 FROM synth_evaluate('er_real', 'er_synth', '{"seed": 5, "roles": {"id": "key"}}')
           WHERE metric = 'ColumnRole' AND detail->>'source' = 'synth_columns')
          AND (SELECT detail->>'source' = 'option' FROM synth_evaluate('er_real', 'er_synth', '{"seed": 5, "roles": {"id": "key"}}')
               WHERE metric = 'ColumnRole' AND column_name = 'id'),
          'roles come from synth_columns() when it exists; option roles first');
SELECT * FROM finish();
ROLLBACK;
