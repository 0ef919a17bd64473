-- pgTAP: defects found by the fuzzer (test/fuzz), each kept as a test.
--
-- 1. synth_random_truncnormal with a lower bound beyond DBL_MAX / 2
--    standard deviations: the tail sampler's rate overflowed to infinity,
--    every proposal was rejected, and the loop never ended (nor could it be
--    cancelled).  The statement timeout only bounds this test should the
--    defect come back in an interruptible form.
-- 2. A model whose matrix rows are JSON objects instead of arrays (copula
--    correlation, conditional categories, conditional marginals): an
--    internal error ("not a jsonb array", XX000) instead of 22023.
-- 3. A model whose category, shape, field or key set is a JSON array
--    instead of an object: its entries were read as an object's keys and
--    values, past the end of the array; now 22023 saying what is wrong.
-- 4. Model imputation of a row whose observed category has share 0 in the
--    model (or a share so small next to another's that its latent interval
--    is empty): the row's latent value became infinite, the conditional
--    Gaussian NaN, and a NaN rank indexed the quantile grid (a crash).  Such
--    a category now locates nothing, like one the model does not know.
--    Shares above 1 (whose sum could overflow) are refused.
BEGIN;
SELECT plan(19);

SET LOCAL statement_timeout = '20s';
SET LOCAL client_min_messages = warning;

-- 1. the far tail of the truncated normal
SELECT is(synth_random_truncnormal(36.9673, 1, 1.7976931348623157e308, 'Infinity'),
          1.7976931348623157e308::float8,
          'truncnormal: a lower bound near DBL_MAX gives the bound');
SELECT is(synth_random_truncnormal(0, 1, '-Infinity', -1.7976931348623157e308),
          -1.7976931348623157e308::float8,
          'truncnormal: an upper bound near -DBL_MAX gives the bound');
SELECT is((SELECT count(*) FROM synth_truncnormal(100, 0, 1, 1e308, 'Infinity', seed => 1) x
           WHERE x >= 1e308),
          100::bigint,
          'truncnormal: 100 draws beyond 1e308 standard deviations, all within the bounds');

-- 2 and 3: a model of a small table, then mutations of it
CREATE TABLE hff_t (id int, g text, h text, x float8, note text);
INSERT INTO hff_t
SELECT i, (ARRAY['a', 'b', 'c'])[1 + i % 3], (ARRAY['p', 'q'])[1 + (i / 3) % 2],
       (i % 3) * 10 + (i * 7919 % 100) / 10.0,
       'Note ' || i || ' of ' || (i * 31 % 97)
FROM generate_series(1, 400) i;
-- (note is held as an identifier: its format model is what the shape mutations need;
-- left to itself it would be free text, kind text)
CREATE TABLE hff_m AS SELECT synth_fit('hff_t', '{"k": 5, "columns": {"note": {"role": "identifier"}}}') AS m;

-- the detail of the error a statement raises (NULL if it raises none)
CREATE FUNCTION pg_temp.hff_detail(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    d text;
    s text;
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL, s = RETURNED_SQLSTATE;
    RETURN s || ': ' || d;
END
$$;

-- positions of the columns in the model
CREATE TABLE hff_pos AS
SELECT (SELECT (i - 1)::int FROM jsonb_array_elements(m->'columns') WITH ORDINALITY c(v, i) WHERE v->>'name' = 'g') AS g,
       (SELECT (i - 1)::int FROM jsonb_array_elements(m->'columns') WITH ORDINALITY c(v, i) WHERE v->>'name' = 'h') AS h,
       (SELECT (i - 1)::int FROM jsonb_array_elements(m->'columns') WITH ORDINALITY c(v, i) WHERE v->>'name' = 'x') AS x,
       (SELECT (i - 1)::int FROM jsonb_array_elements(m->'columns') WITH ORDINALITY c(v, i) WHERE v->>'name' = 'note') AS note
FROM hff_m;

SELECT is((SELECT m->'columns'->g->>'kind' || ' ' || (m->'columns'->h->>'kind') || ' ' ||
                  (m->'columns'->x->>'kind') || ' ' || (m->'columns'->note->>'kind')
           FROM hff_m, hff_pos),
          'categorical categorical continuous format',
          'the model has the kinds the mutations need');
SELECT lives_ok('SELECT count(*) FROM synth_sample(NULL::hff_t, (SELECT m FROM hff_m), 5, 1)',
                'the unmutated model samples');

-- an object of n keys with numeric values, in place of an array of n numbers
CREATE FUNCTION pg_temp.hff_obj(n int) RETURNS jsonb LANGUAGE sql AS
$$ SELECT jsonb_object_agg('k' || i, 0.5) FROM generate_series(1, n) i $$;

SELECT is(pg_temp.hff_detail($$SELECT count(*) FROM synth_sample(NULL::hff_t,
              (SELECT jsonb_set(m, '{copula,correlation,0}',
                                pg_temp.hff_obj((m->'copula'->>'dimensions')::int)) FROM hff_m), 5, 1)$$),
          '22023: The correlation matrix must be square.',
          'a correlation row that is an object: 22023');

SELECT is(pg_temp.hff_detail(format($$SELECT count(*) FROM synth_sample(NULL::hff_t,
              (SELECT jsonb_set(m, '{columns,%s,category_conditional}',
                                jsonb_build_object('parent', 'g', 'uncertainty_coefficient', 0.1,
                                                   'probabilities', jsonb_build_array(
                                                       pg_temp.hff_obj(2), pg_temp.hff_obj(2), pg_temp.hff_obj(2))))
               FROM hff_m), 5, 1)$$, (SELECT h FROM hff_pos))),
          '22023: Each row of conditional categories needs one number per category.',
          'a row of conditional categories that is an object: 22023');

SELECT is(pg_temp.hff_detail(format($$SELECT count(*) FROM synth_sample(NULL::hff_t,
              (SELECT jsonb_set(m, '{columns,%s,conditional}',
                                jsonb_build_object('parent', 'g', 'eta2', 0.5, 'slice_v', 0, 'bins', 32,
                                                   'shares', jsonb_build_array(
                                                       pg_temp.hff_obj(32), pg_temp.hff_obj(32), pg_temp.hff_obj(32)),
                                                   'means', '[]'::jsonb, 'sds', '[]'::jsonb))
               FROM hff_m), 5, 1)$$, (SELECT x FROM hff_pos))),
          '22023: Each row of a conditional marginal needs one number per bin.',
          'a row of a conditional marginal that is an object: 22023');

-- an array in place of an object: ["p", "value"] has entries named like the keys read
SELECT is(pg_temp.hff_detail(format($$SELECT count(*) FROM synth_sample(NULL::hff_t,
              (SELECT jsonb_set(m, '{columns,%s,categories,0}', '["p", "value"]') FROM hff_m), 5, 1)$$,
              (SELECT g FROM hff_pos))),
          '22023: Each category must be a JSON object.',
          'a category that is an array: 22023, not its entries read as keys');

SELECT is(pg_temp.hff_detail(format($$SELECT count(*) FROM synth_sample(NULL::hff_t,
              (SELECT jsonb_set(m, '{columns,%s,shapes,0}', '["p", "shape"]') FROM hff_m), 5, 1)$$,
              (SELECT note FROM hff_pos))),
          '22023: Each shape must be a JSON object.',
          'a shape that is an array: 22023');

SELECT is(pg_temp.hff_detail(format($$SELECT count(*) FROM synth_sample(NULL::hff_t,
              (SELECT jsonb_set(m, '{columns,%s}', '["kind", "name"]') FROM hff_m), 5, 1)$$,
              (SELECT g FROM hff_pos))),
          '22023: Each column must be a JSON object.',
          'a column that is an array: 22023');

-- a document column: a field and a key set that are arrays
CREATE TABLE hff_d (doc jsonb);
INSERT INTO hff_d
SELECT CASE i % 2 WHEN 0 THEN jsonb_build_object('a', i, 'b', 'w' || (i % 5))
                  ELSE jsonb_build_object('a', i * 2.5) END
FROM generate_series(1, 300) i;
CREATE TABLE hff_dm AS SELECT synth_fit('hff_d', '{"k": 3}') AS m;
SELECT is((SELECT m->'columns'->0->>'kind' FROM hff_dm), 'document',
          'the document column is modelled as a document');
SELECT is(pg_temp.hff_detail($$SELECT count(*) FROM synth_sample(NULL::hff_d,
              (SELECT jsonb_set(m, '{columns,0,fields,0}', '["key", "values"]') FROM hff_dm), 5, 1)$$),
          '22023: Each field must be a JSON object.',
          'a document field that is an array: 22023');
SELECT is(pg_temp.hff_detail($$SELECT count(*) FROM synth_sample(NULL::hff_d,
              (SELECT jsonb_set(m, '{columns,0,key_sets,0}', '["keys", "p"]') FROM hff_dm), 5, 1)$$),
          '22023: Each key set must be a JSON object.',
          'a key set that is an array: 22023');

-- 4. observed categories of share 0
CREATE TABLE hff_i (id int PRIMARY KEY, g text, h text, x float8);
INSERT INTO hff_i
SELECT i, (ARRAY['a', 'b', 'c'])[1 + i % 3], (ARRAY['p', 'q', 'r'])[1 + (i * 7 / 2) % 3],
       CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 7919 % 100) / 10.0 END
FROM generate_series(1, 300) i;
CREATE TABLE hff_im AS SELECT synth_fit('hff_i') AS m;
CREATE TABLE hff_ipos AS
SELECT (SELECT (i - 1)::int FROM jsonb_array_elements(m->'columns') WITH ORDINALITY c(v, i)
        WHERE v->>'name' = 'g') AS g FROM hff_im;
-- the model with the shares of g set to (p0, p1, p2)
CREATE FUNCTION pg_temp.hff_shares(p0 float8, p1 float8, p2 float8) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_set(jsonb_set(jsonb_set(m,
               ARRAY['columns', g::text, 'categories', '0', 'p'], to_jsonb(p0)),
               ARRAY['columns', g::text, 'categories', '1', 'p'], to_jsonb(p1)),
               ARRAY['columns', g::text, 'categories', '2', 'p'], to_jsonb(p2))
    FROM hff_im, hff_ipos
$$;
SELECT is((SELECT m->'columns'->g->>'kind' FROM hff_im, hff_ipos), 'categorical',
          'g is modelled as categorical');
SELECT is((SELECT count(*) FILTER (WHERE x IS NULL)
           FROM synth_impute(NULL::hff_i, 'model',
                             jsonb_build_object('model', pg_temp.hff_shares(0.5, 0.5, 0)), 1)),
          0::bigint,
          'model imputation with an observed category of share 0: every NULL filled');
SELECT is((SELECT count(*) FILTER (WHERE x IS NULL)
           FROM synth_impute(NULL::hff_i, 'model',
                             jsonb_build_object('model', pg_temp.hff_shares(1, 1e-300, 1e-300)), 1)),
          0::bigint,
          'model imputation with categories of empty latent intervals: every NULL filled');
SELECT is(synth_impute_update('hff_i', '{x}', 'model',
                              jsonb_build_object('model', pg_temp.hff_shares(0, 1, 0)), 1),
          60::bigint,
          'synth_impute_update with categories of share 0 fills the 60 NULLs');
SELECT is(pg_temp.hff_detail($$SELECT count(*) FROM synth_sample(NULL::hff_i,
              pg_temp.hff_shares(1e300, 1e300, 1), 5, 1)$$),
          '22023: Field "p" must lie between 0 and 1.',
          'category shares above 1: 22023');

SELECT * FROM finish();
ROLLBACK;
