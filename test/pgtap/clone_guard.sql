-- The exact-copy guard (no cloned row equals a source row on its guarded
-- columns) where it can tell something, and not where every draw is some
-- source rows' values: a row of one category column beside its key (each
-- emitted category is held by at least k source rows), or of categories and
-- small numeric domains with so few combinations that k source rows hold
-- each on average.  Where it is applied, it still redraws every copy.
BEGIN;
SELECT plan(10);
SET LOCAL client_min_messages = warning;

-- a key and a city: 3 cities over 40 rows
CREATE TABLE g_shops (shop_id int PRIMARY KEY, city text NOT NULL);
INSERT INTO g_shops SELECT g, (ARRAY['Arlen','Brisk','Cove'])[1 + g % 3] FROM generate_series(1, 40) g;
SELECT is((SELECT count(*) FROM synth_clone(NULL::g_shops, 40, seed => 1)), 40::bigint,
  'a key and one category: cloned, where every draw would have been refused');
SELECT is((SELECT count(*) FROM synth_clone(NULL::g_shops, 40, seed => 1) WHERE city NOT IN ('Arlen','Brisk','Cove')), 0::bigint,
  'its cities are the source''s');

-- a key, a size and a quantity of 0..9: 30 combinations over 2,000 rows
CREATE TABLE g_items (item_id int PRIMARY KEY, size text NOT NULL, qty int NOT NULL);
INSERT INTO g_items SELECT g, (ARRAY['S','M','L'])[1 + g % 3], (g * 7) % 10 FROM generate_series(1, 2000) g;
SELECT is((SELECT count(*) FROM synth_clone(NULL::g_items, 2000, seed => 1)), 2000::bigint,
  'a category and a small integer domain, 30 combinations x k <= 2,000 rows: cloned');

-- two categories of 30 values each over 1,000 rows: most combinations are
-- one or two rows' own, and the guard must refuse every one of them
CREATE TABLE g_pairs (pair_id int PRIMARY KEY, x text NOT NULL, y text NOT NULL);
INSERT INTO g_pairs SELECT g, 'x' || (abs(hashint4(g)) % 30), 'y' || (abs(hashint4(g * 31 + 7)) % 30)
FROM generate_series(1, 1000) g;
CREATE TEMP TABLE g_pairs_clone AS SELECT * FROM synth_clone(NULL::g_pairs, 1000, seed => 1);
SELECT is((SELECT count(*) FROM g_pairs_clone), 1000::bigint, 'two categories of 30 values: cloned');
SELECT is((SELECT count(*) FROM g_pairs_clone WHERE (x, y) IN (SELECT x, y FROM g_pairs)), 0::bigint,
  'with 900 combinations x k > 1,000 rows the guard applies: no cloned pair is a source row''s');
SELECT cmp_ok((SELECT count(*) FROM synth_clone(NULL::g_pairs, 1000, '{"exact_copy_guard": false}', seed => 1)
               WHERE (x, y) IN (SELECT x, y FROM g_pairs)), '>', 100::bigint,
  'without the guard many would be (the guard is what keeps them out)');

-- the stored model keeps the fit's k, which decides where the guard applies:
-- synth_clone_table and synth_sample of a stored model refuse the copies too
SELECT synth_clone_table('g_pairs', 'g_pairs_table', seed => 1);
SELECT is((SELECT count(*) FROM g_pairs_table WHERE (x, y) IN (SELECT x, y FROM g_pairs)), 0::bigint,
  'synth_clone_table applies the guard of a stored model: no cloned pair is a source row''s');
CREATE TEMP TABLE g_pairs_model AS SELECT synth_fit('g_pairs') AS m;
SELECT is((SELECT count(*) FROM synth_sample(NULL::g_pairs, (SELECT m FROM g_pairs_model), 1000, 1)
           WHERE (x, y) IN (SELECT x, y FROM g_pairs)), 0::bigint,
  'so does synth_sample of the model synth_fit returned');
SELECT throws_ok($$SELECT count(*) FROM synth_sample(NULL::g_pairs,
                     jsonb_set((SELECT m FROM g_pairs_model), '{options,k}', '0'), 10, 1)$$,
                 '22023', 'invalid synthdata model', 'a stored k below 1 is refused');
SELECT throws_ok($$SELECT count(*) FROM synth_sample(NULL::g_pairs,
                     jsonb_set((SELECT m FROM g_pairs_model), '{options,category_cap}', '2.5'), 10, 1)$$,
                 '22023', 'invalid synthdata model', 'a stored category_cap that is no integer is refused');

SELECT * FROM finish();
ROLLBACK;
