-- Numeric columns without a declared scale: each value prints with its own
-- display scale (2.50, 0.3, 1), and the clone's values print as the
-- source's do (display_scales: the shares of display scales given the
-- decimals a value needs), while the values themselves keep the marginal.
-- A declared scale, a column whose values all print alike, and a
-- differentially private fit have no such shares.  Bad shares in a model:
-- 22023.
BEGIN;
SELECT plan(23);
SET LOCAL client_min_messages = warning;

-- ratio: a uniform value rounded to 0, 1, 2 or 3 decimals in turn (so 0 and
-- 1 are point masses, mostly printed whole); price: tenths stored as 2.50;
-- fixed: numeric(8,2); amount: always 3 decimals; a NaN and NULLs
SELECT setseed(0.5);
CREATE TABLE ns (id int PRIMARY KEY, ratio numeric, price numeric, fixed numeric(8, 2),
                 amount numeric);
INSERT INTO ns
SELECT g, round(random()::numeric, g % 4),
       round((random() * 50)::numeric, 1)::numeric(10, 2)::numeric,
       round((random() * 9)::numeric, 2),
       CASE WHEN g % 50 = 0 THEN NULL ELSE round((100 + random() * 900)::numeric, 3) END
FROM generate_series(1, 8000) g;
UPDATE ns SET ratio = 'NaN' WHERE id = 7;
-- the exact-copy guard's filter is sized from the table's statistics
ANALYZE ns;

CREATE TEMP TABLE ns_m AS SELECT synth_fit('ns') AS m;
CREATE TEMP TABLE ns_c AS SELECT * FROM synth_clone(NULL::ns, 20000, seed => 11);

SELECT ok((SELECT jsonb_typeof(m -> 'columns' -> 1 -> 'display_scales') = 'array' FROM ns_m),
    'a numeric of mixed display scales keeps their shares');
SELECT is((SELECT jsonb_array_length(m -> 'columns' -> 1 -> 'display_scales') FROM ns_m), 4,
    'one row of shares per number of decimals the values need (0 to 3)');
SELECT ok((SELECT abs(sum(x::float8) - 1) < 1e-9
           FROM ns_m, jsonb_array_elements(m -> 'columns' -> 1 -> 'display_scales') r,
                jsonb_array_elements(r) x),
    'the shares add up to 1');

-- whole numbers print whole about as often as in the source (90%: the
-- values rounded to no decimals, against the tenths, hundredths and
-- thousandths that happen to be whole)
SELECT ok(abs((SELECT avg((scale(ratio) = 0)::int) FROM ns_c WHERE ratio = round(ratio))
            - (SELECT avg((scale(ratio) = 0)::int) FROM ns WHERE ratio = round(ratio))) < 0.03,
    'whole numbers print without decimals as often as in the source (within 0.03)');
SELECT ok((SELECT avg((scale(ratio) = 0)::int) FROM ns_c WHERE ratio = round(ratio)) > 0.8,
    'most whole numbers print whole (a single scale of 3 printed every one as 1.000)');
SELECT ok((SELECT bool_and(scale(ratio) BETWEEN 0 AND 3) FROM ns_c),
    'no value prints more decimals than the source''s values');
SELECT ok((SELECT count(DISTINCT scale(ratio)) FROM ns_c) = 4,
    'every display scale of the source comes back');
-- the display does not move the values: the point masses of 0 and 1 keep
-- their shares (rounding the values to a drawn scale as well doubled them)
SELECT ok(abs((SELECT avg((ratio = 0)::int) FROM ns_c WHERE ratio <> 'NaN')
            - (SELECT avg((ratio = 0)::int) FROM ns WHERE ratio <> 'NaN')) < 0.02,
    'the share of zeros is the source''s (within 0.02)');
SELECT ok(abs((SELECT avg((ratio = 1)::int) FROM ns_c WHERE ratio <> 'NaN')
            - (SELECT avg((ratio = 1)::int) FROM ns WHERE ratio <> 'NaN')) < 0.02,
    'the share of ones is the source''s (within 0.02)');
SELECT ok(abs((SELECT avg(ratio::float8) FROM ns_c WHERE ratio <> 'NaN')
            - (SELECT avg(ratio::float8) FROM ns WHERE ratio <> 'NaN')) < 0.02,
    'the mean is the source''s (within 0.02)');

-- tenths stored with two decimals print with two decimals
SELECT ok((SELECT bool_and(scale(price) = 2) FROM ns_c WHERE price IS NOT NULL),
    'values stored as 2.50 print as 2.50, not 2.5');
SELECT ok((SELECT bool_and(price = round(price, 1)) FROM ns_c WHERE price IS NOT NULL),
    '... and keep their one significant decimal');
-- a declared scale, and one display scale that rounding gives anyway
SELECT ok((SELECT m -> 'columns' -> 3 -> 'display_scales' IS NULL
               AND m -> 'columns' -> 4 -> 'display_scales' IS NULL FROM ns_m),
    'numeric(8,2) and a column of 3 decimals throughout keep no shares');
SELECT ok((SELECT bool_and(scale(fixed) = 2) AND bool_and(scale(amount) = 3) FROM ns_c),
    '... and print with their one scale');

-- numbers of few values are categories: each prints with the display
-- scale the source gives values of its decimals (5.0, 10.00, not 5, 10)
CREATE TABLE nc (id int PRIMARY KEY, rating numeric, fee numeric, x float8);
INSERT INTO nc SELECT g, (1 + (g % 9) * 0.5)::numeric(3, 1)::numeric,
    (ARRAY[0.99, 2.99, 4.99, 10.00, 5.50])[1 + g % 5], g * 0.001
FROM generate_series(1, 3000) g;
ANALYZE nc;
CREATE TEMP TABLE nc_c AS SELECT * FROM synth_clone(NULL::nc, 2000, seed => 3);
SELECT ok((SELECT bool_and(scale(rating) = 1) AND bool_and(scale(fee) = 2) FROM nc_c),
    'numeric categories print with the source''s display scales');
SELECT is((SELECT string_agg(DISTINCT fee::text, ',' ORDER BY fee::text) FROM nc_c),
          '0.99,10.00,2.99,4.99,5.50', 'every fee prints as in the source (10.00, 5.50)');
SELECT is((SELECT string_agg(DISTINCT rating::text, ',' ORDER BY rating::text) FROM nc_c),
          (SELECT string_agg(DISTINCT rating::text, ',' ORDER BY rating::text) FROM nc),
    'every rating prints as in the source (5.0)');

-- reproducible, and the same from a stored model as from the clone's own fit
SELECT is((SELECT md5(string_agg(ratio::text || '/' || price::text, ',' ORDER BY id))
           FROM synth_clone(NULL::ns, 3000, seed => 5)),
          (SELECT md5(string_agg(ratio::text || '/' || price::text, ',' ORDER BY id))
           FROM ns_m, synth_sample(NULL::ns, m, 3000, seed => 5)),
    'a stored model draws the clone''s very values and display scales');
-- partial fits merge the counts
SELECT is((SELECT synth_fit_merge(ARRAY[synth_fit_partial('ns')], '{"table": "public.ns"}')
                  -> 'columns' -> 1 -> 'display_scales'),
          (SELECT m -> 'columns' -> 1 -> 'display_scales' FROM ns_m),
    'a partial fit keeps the shares');
-- a differentially private fit releases no such shares
SELECT ok((SELECT synth_fit('ns', '{"epsilon": 1, "delta": 1e-6, "noise_seed": 1}')
                  -> 'columns' -> 1 -> 'display_scales' IS NULL),
    'a differentially private model has no display scales');

-- bad shares in a model
CREATE FUNCTION pg_temp.with_scales(s jsonb) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_set(m, '{columns,1,display_scales}', s) FROM ns_m
$$;
SELECT throws_ok(format('SELECT * FROM synth_sample(NULL::ns, %L::jsonb, 1)',
                        pg_temp.with_scales('[[0.5], [0, 0.5], [], [], [], [], [], [], [1]]')),
    '22023', NULL, 'more rows of display scales than decimals: 22023');
SELECT throws_ok(format('SELECT * FROM synth_sample(NULL::ns, %L::jsonb, 1)',
                        pg_temp.with_scales('[[1.5]]')),
    '22023', NULL, 'a share above 1: 22023');
SELECT throws_ok(format('SELECT * FROM synth_sample(NULL::ns, %L::jsonb, 1)',
                        pg_temp.with_scales('[[0, 0], []]')),
    '22023', NULL, 'no positive share: 22023');

SELECT * FROM finish();
ROLLBACK;
