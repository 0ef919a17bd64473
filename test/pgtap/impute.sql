-- pgTAP: imputation properties on a real table with holes, and errors.
\ir ../impute_holdout.psql
BEGIN;
SELECT plan(51);

-- survival_pbc with 10% of its known values hidden (and its own NULLs)
SELECT pg_temp.holdout('survival_pbc', 'pbc_h', 'id', 42);

-- cells of t that are not NULL, as (id, column, value)
CREATE FUNCTION pg_temp.cells(q text) RETURNS TABLE (id int, col text, val jsonb)
LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXECUTE format(
        'SELECT (to_jsonb(s)->>''id'')::int, e.key, e.value
         FROM (%s) s, jsonb_each(to_jsonb(s)) e WHERE e.value <> ''null''', q);
END $$;

-- for every method: non-NULL values never change, every NULL is filled
CREATE TEMP TABLE imp (method text, id int, col text, val jsonb);
INSERT INTO imp SELECT m, c.* FROM unnest(ARRAY['mean', 'median', 'mode', 'regression', 'knn', 'model']) m,
    LATERAL pg_temp.cells(format('SELECT * FROM synth_impute(NULL::pbc_h, %L, seed => 7)', m)) c;

SELECT is((SELECT count(*) FROM pg_temp.cells('SELECT * FROM pbc_h') o
           JOIN imp i ON i.method = m AND i.id = o.id AND i.col = o.col AND i.val = o.val),
          (SELECT count(*) FROM pg_temp.cells('SELECT * FROM pbc_h')),
          format('%s: every non-NULL value is unchanged', m))
FROM unnest(ARRAY['mean', 'median', 'mode', 'regression', 'knn', 'model']) m;
SELECT is((SELECT count(*) FROM imp WHERE method = m), 418::bigint * 20,
          format('%s: every NULL is filled', m))
FROM unnest(ARRAY['mean', 'median', 'mode', 'regression', 'knn', 'model']) m;

-- mean: the column mean, rounded for integer columns
SELECT is((SELECT array_agg(DISTINCT val::text::int) FROM imp i
           WHERE method = 'mean' AND col = 'chol'
             AND id IN (SELECT id FROM pbc_h WHERE chol IS NULL)),
          ARRAY[(SELECT round(avg(chol))::int FROM pbc_h)],
          'mean: an integer column gets its rounded mean');
-- a float column's values have at most 1 (bili) or 2 (albumin) decimals: an
-- imputed value has no more (a mean's 3.2208373205741627 stood out)
SELECT cmp_ok((SELECT max(abs(val::text::float8 - (SELECT avg(bili) FROM pbc_h))) FROM imp i
               WHERE method = 'mean' AND col = 'bili'
                 AND id IN (SELECT id FROM pbc_h WHERE bili IS NULL)),
              '<=', 0.05 + 1e-9::float8, 'mean: a float column gets its mean at its decimals');
SELECT is((SELECT count(*) FROM imp i
           WHERE (col = 'bili' AND val::text::numeric * 10 <> round(val::text::numeric * 10))
              OR (col = 'albumin' AND val::text::numeric * 100 <> round(val::text::numeric * 100))),
          0::bigint, 'every method: imputed floats have no more decimals than the column''s values');
-- age has more than 6 decimals (computed from dates): kept as drawn
SELECT cmp_ok((SELECT max(abs(val::text::float8 - (SELECT avg(age) FROM pbc_h))) FROM imp i
               WHERE method = 'mean' AND col = 'age'
                 AND id IN (SELECT id FROM pbc_h WHERE age IS NULL)),
              '<', 1e-9::float8, 'mean: a float column of many decimals gets its exact mean');
SELECT is((SELECT array_agg(DISTINCT val::text::float8) FROM imp i
           WHERE method = 'median' AND col = 'albumin'
             AND id IN (SELECT id FROM pbc_h WHERE albumin IS NULL)),
          ARRAY[(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY albumin) FROM pbc_h)],
          'median: the column median');
SELECT is((SELECT array_agg(DISTINCT val #>> '{}') FROM imp i
           WHERE method = 'knn' AND col = 'sex' AND id IN (SELECT id FROM pbc_h WHERE sex IS NULL))
          <@ ARRAY['f', 'm'], true, 'knn: categorical values are observed ones');
-- observed range: no method leaves [min, max] of the column
SELECT is((SELECT count(*) FROM imp i JOIN (
              SELECT col, min(val::text::float8) lo, max(val::text::float8) hi
              FROM pg_temp.cells('SELECT * FROM pbc_h') WHERE col <> 'sex' GROUP BY col) r USING (col)
           WHERE i.val::text::float8 NOT BETWEEN r.lo AND r.hi), 0::bigint,
          'every imputed number lies within the observed range of its column');

-- reproducible: the same seed gives the same rows (knn with sampled donors)
SELECT results_eq(
    $$SELECT * FROM synth_impute(NULL::pbc_h, 'knn', '{"donors": 100}', 3) ORDER BY id$$,
    $$SELECT * FROM synth_impute(NULL::pbc_h, 'knn', '{"donors": 100}', 3) ORDER BY id$$,
    'knn with a donor sample: the same seed gives the same rows');
SELECT isnt((SELECT array_agg(s ORDER BY id) FROM synth_impute(NULL::pbc_h, 'knn', '{"donors": 100}', 3) s),
            (SELECT array_agg(s ORDER BY id) FROM synth_impute(NULL::pbc_h, 'knn', '{"donors": 100}', 4) s),
            'knn with a donor sample: another seed draws other donors');

-- model: multiple imputation - another seed draws other values, the same
-- seed the same ones
SELECT results_eq(
    $$SELECT * FROM synth_impute(NULL::pbc_h, 'model', '{}', 3) ORDER BY id$$,
    $$SELECT * FROM synth_impute(NULL::pbc_h, 'model', '{}', 3) ORDER BY id$$,
    'model: the same seed gives the same rows');
SELECT isnt((SELECT array_agg(s ORDER BY id) FROM synth_impute(NULL::pbc_h, 'model', '{}', 3) s),
            (SELECT array_agg(s ORDER BY id) FROM synth_impute(NULL::pbc_h, 'model', '{}', 4) s),
            'model: another seed gives another imputation');

-- in place: only NULL cells change, all of them are filled, the count is right
CREATE TEMP TABLE before (LIKE pbc_h INCLUDING ALL);
INSERT INTO before SELECT * FROM pbc_h;
SELECT is(synth_impute_update('pbc_h', method => 'regression', seed => 1),
          (SELECT 418::bigint * 20 - count(*) FROM pg_temp.cells('SELECT * FROM before')),
          'synth_impute_update returns the number of cells filled');
SELECT is((SELECT count(*) FROM pg_temp.cells('SELECT * FROM before') b
           JOIN pg_temp.cells('SELECT * FROM pbc_h') a USING (id, col, val)),
          (SELECT count(*) FROM pg_temp.cells('SELECT * FROM before')),
          'synth_impute_update: non-NULL values are unchanged');
SELECT results_eq('SELECT * FROM pbc_h ORDER BY id',
    $$SELECT * FROM synth_impute(NULL::before, 'regression', seed => 1) ORDER BY id$$,
    'synth_impute_update writes what synth_impute returns');

-- the output fits a table with the same definition
CREATE TEMP TABLE strict_copy (LIKE survival_pbc);
ALTER TABLE strict_copy ADD PRIMARY KEY (id), ALTER COLUMN chol SET NOT NULL,
    ADD CHECK (albumin > 0), ADD CHECK (stage BETWEEN 1 AND 4);
SELECT lives_ok($$INSERT INTO strict_copy SELECT * FROM synth_impute(NULL::before, 'knn', seed => 1)$$,
                'imputed rows satisfy NOT NULL and CHECK constraints of the same definition');

-- errors
SELECT throws_ok($$SELECT * FROM synth_impute(NULL::before, 'hotdeck')$$, '22023',
                 'unrecognized imputation method "hotdeck"', 'bad method');
SELECT throws_ok($$SELECT * FROM synth_impute(NULL::before, 'knn', '{"k": -2}')$$, '22023',
                 'option "k" must be an integer between 1 and 1000', 'bad option value');
SELECT throws_ok($$SELECT * FROM synth_impute(NULL::before, 'mean', '{"k": 2}')$$, '22023',
                 'unrecognized option "k" for method "mean"', 'option of another method');
SELECT throws_ok($$SELECT * FROM synth_impute(NULL::int, 'mean')$$, '42809', NULL, 'not a row type');
SELECT throws_ok($$SELECT synth_impute_update('before', '{nope}', 'mean')$$, '42703',
                 'column "nope" of relation "before" does not exist', 'unknown column');
CREATE TEMP TABLE allnull (a int, b int);
INSERT INTO allnull VALUES (1, NULL), (2, NULL);
SELECT throws_ok($$SELECT synth_impute_update('allnull', '{b}', 'mean')$$, '22000', NULL,
                 'a column without values cannot be imputed on request');
CREATE TEMP TABLE keyed (a int PRIMARY KEY, u int UNIQUE, b int);
SELECT throws_ok($$SELECT synth_impute_update('keyed', '{u}', 'mean')$$, '0A000', NULL,
                 'a unique column is not imputed');
CREATE TEMP VIEW v AS SELECT * FROM before;
SELECT throws_ok($$SELECT synth_impute_update('v', method => 'mean')$$, '42809', NULL,
                 'synth_impute_update needs a table');
CREATE TEMP TABLE never (a int, b int);
INSERT INTO never VALUES (1, 1), (NULL, 2);
ALTER TABLE never ADD CHECK (a < 0) NOT VALID;
SELECT throws_ok($$SELECT * FROM synth_impute(NULL::never, 'mean')$$, '23514', NULL,
                 'an unsatisfiable CHECK constraint is reported');

-- the caller's privileges and row-level security apply
CREATE TABLE rls_t (owner text, v int);
INSERT INTO rls_t VALUES ('imp_alice', 1), ('imp_alice', NULL), ('imp_bob', 100), ('imp_bob', NULL);
ALTER TABLE rls_t ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON rls_t USING (owner = current_user);
CREATE ROLE imp_alice;
CREATE ROLE imp_carol;
GRANT SELECT, UPDATE ON rls_t TO imp_alice;
SET LOCAL ROLE imp_alice;
SELECT results_eq($$SELECT owner, v FROM synth_impute(NULL::rls_t, 'mean')$$,
                  $$VALUES ('imp_alice', 1), ('imp_alice', 1)$$,
                  'row-level security: only the visible rows are read and imputed from');
SELECT is(synth_impute_update('rls_t', method => 'mean'), 1::bigint,
          'row-level security: only the visible rows are updated');
RESET ROLE;
SELECT results_eq($$SELECT owner, v FROM rls_t ORDER BY owner, v$$,
                  $$VALUES ('imp_alice', 1), ('imp_alice', 1), ('imp_bob', 100), ('imp_bob', NULL)$$,
                  'row-level security: the other rows are untouched');
SET LOCAL ROLE imp_carol;
SELECT throws_ok($$SELECT * FROM synth_impute(NULL::rls_t, 'mean')$$, '42501', NULL,
                 'no SELECT privilege: permission denied');
RESET ROLE;

-- a numeric column without a typmod: imputed values at the largest display
-- scale of its values (prices of cents: 54.36 and 24.00, not the double's
-- 54.35680625 and 24), whatever the method
CREATE TEMP TABLE imp_scale (id int PRIMARY KEY, price numeric, ratio numeric, qty int);
INSERT INTO imp_scale
SELECT g, CASE WHEN g % 5 = 0 THEN NULL ELSE round((10 + (g * 7919 % 9000) / 100.0), 2) END,
       CASE WHEN g % 6 = 0 THEN NULL ELSE round((g * 104729 % 1000) / 1000.0, g % 4) END, 1 + g % 7
FROM generate_series(1, 1200) g;
SELECT is((SELECT count(*) FROM synth_impute(NULL::imp_scale, 'mean', seed => 1) i
           JOIN imp_scale s USING (id) WHERE s.price IS NULL AND scale(i.price) <> 2), 0::bigint,
    'mean: imputed prices have two decimals, as the column''s values');
SELECT is((SELECT count(*) FROM synth_impute(NULL::imp_scale, 'knn', seed => 1) i
           JOIN imp_scale s USING (id) WHERE s.price IS NULL AND scale(i.price) <> 2), 0::bigint,
    'knn: imputed prices have two decimals');
SELECT is((SELECT count(*) FROM synth_impute(NULL::imp_scale, 'model', seed => 1) i
           JOIN imp_scale s USING (id) WHERE s.price IS NULL AND scale(i.price) <> 2), 0::bigint,
    'model: imputed prices have two decimals');
SELECT is((SELECT count(*) FROM synth_impute(NULL::imp_scale, 'knn', seed => 1) i
           JOIN imp_scale s USING (id) WHERE s.ratio IS NULL AND scale(i.ratio) <> 3), 0::bigint,
    'values of 0 to 3 decimals: imputed at 3');

-- money: imputed as its amount (money::numeric), written back at
-- lc_monetary's decimals; it was a category (mean and knn gave the mode)
SET LOCAL lc_monetary = 'C';
CREATE TEMP TABLE imp_fees (id int PRIMARY KEY, plan text NOT NULL, months int NOT NULL, fee money);
INSERT INTO imp_fees
SELECT g, (ARRAY['basic','plus','pro'])[1 + g % 3], 1 + g % 24,
       CASE WHEN g % 7 = 0 THEN NULL
            ELSE ((ARRAY[9.99, 19.99, 49.00])[1 + g % 3] * (1 + g % 24) + (g % 5) * 0.25)::numeric::money END
FROM generate_series(1, 2000) g;
CREATE TEMP VIEW imp_fees_true AS
SELECT id, (ARRAY[9.99, 19.99, 49.00])[1 + id % 3] * (1 + id % 24) + (id % 5) * 0.25 AS fee FROM imp_fees;
SELECT is((SELECT DISTINCT i.fee FROM synth_impute(NULL::imp_fees, 'mean') i JOIN imp_fees s USING (id) WHERE s.fee IS NULL),
          (SELECT round(avg(fee::numeric), 2)::money FROM imp_fees),
    'money, mean: every NULL fee gets the fees'' mean, to the cent');
SELECT is((SELECT DISTINCT i.fee FROM synth_impute(NULL::imp_fees, 'median') i JOIN imp_fees s USING (id) WHERE s.fee IS NULL),
          (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY fee::numeric)::numeric, 2)::money FROM imp_fees),
    'money, median: the fees'' median');
SELECT cmp_ok((SELECT corr(i.fee::numeric, t.fee) FROM synth_impute(NULL::imp_fees, 'knn') i
               JOIN imp_fees s USING (id) JOIN imp_fees_true t USING (id) WHERE s.fee IS NULL), '>', 0.99::float8,
    'money, knn: the mean of the nearest rows, close to the fee the plan and months make (correlation > 0.99)');
SELECT cmp_ok((SELECT corr(i.fee::numeric, t.fee) FROM synth_impute(NULL::imp_fees, 'regression') i
               JOIN imp_fees s USING (id) JOIN imp_fees_true t USING (id) WHERE s.fee IS NULL), '>', 0.8::float8,
    'money, regression: a prediction from the plan and months (correlation > 0.8)');
SELECT is((SELECT count(*) FROM synth_impute(NULL::imp_fees, 'model', seed => 1) i JOIN imp_fees s USING (id)
           WHERE s.fee IS NULL AND (i.fee IS NULL OR i.fee < (SELECT min(fee) FROM imp_fees)
                                    OR i.fee > (SELECT max(fee) FROM imp_fees))), 0::bigint,
    'money, model: every NULL fee drawn, within the fees'' range');
SELECT is(synth_impute_update('imp_fees', '{fee}', 'knn'), 285::bigint,
    'money, synth_impute_update: its 285 NULL cells filled');
SELECT is((SELECT count(*) FROM imp_fees WHERE fee IS NULL), 0::bigint, 'and none left');

SELECT * FROM finish();
ROLLBACK;
