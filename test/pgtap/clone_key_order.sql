-- Keys issued in time order: a table whose own integer key numbers its
-- rows as they were written (an order's id rises with its creation time)
-- is cloned with times that rise with the clone's fresh keys, the times'
-- distribution kept, and the columns that move with the time (a price
-- trend, a later shipping time) moving with it.
BEGIN;
SELECT plan(30);
SET LOCAL client_min_messages = warning;

CREATE SCHEMA "Shop";
-- 3,000 orders, numbered as written over two years (denser in the second),
-- each created a few hours after the one before it in id order; prices
-- rise with time, a status category, and shipped_at after created_at
CREATE TABLE "Shop"."Orders" (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at timestamptz NOT NULL,
  amount numeric(8,2) NOT NULL,
  status text NOT NULL,
  shipped_at timestamptz
);
INSERT INTO "Shop"."Orders" (created_at, amount, status, shipped_at)
SELECT c, round((20 + 30 * f + (abs(hashint4(i * 7)) % 1000) / 50.0)::numeric, 2),
       (ARRAY['paid', 'paid', 'paid', 'shipped', 'refunded'])[1 + abs(hashint4(i * 11)) % 5],
       CASE WHEN abs(hashint4(i * 13)) % 10 = 0 THEN NULL
            ELSE c + (1 + abs(hashint4(i * 17)) % 96) * interval '1 hour' END
FROM (SELECT i, i / 3000.0 AS f,
             timestamptz '2023-01-01 00:00+00' + sqrt(i / 3000.0) * 730 * interval '1 day'
               + (abs(hashint4(i)) % 600) * interval '1 second' AS c
      FROM generate_series(1, 3000) i) s;
ANALYZE "Shop"."Orders";

-- Spearman's rank correlation and a two-sample KS statistic, in SQL
CREATE FUNCTION pg_temp.spearman(t regclass) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE r float8;
BEGIN
  EXECUTE format('SELECT corr(a, b) FROM (SELECT rank() OVER (ORDER BY id) AS a,
                  rank() OVER (ORDER BY created_at) AS b FROM %s) x', t) INTO r;
  RETURN r;
END $$;
CREATE FUNCTION pg_temp.ks_created(a regclass, b regclass) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE d float8;
BEGIN
  EXECUTE format('WITH x AS (SELECT created_at AS v, 1 AS s FROM %s UNION ALL SELECT created_at, 2 FROM %s),
                  n AS (SELECT count(*) FILTER (WHERE s = 1)::float8 AS n1, count(*) FILTER (WHERE s = 2)::float8 AS n2 FROM x),
                  c AS (SELECT v, sum((s = 1)::int) OVER w / n1 AS f1, sum((s = 2)::int) OVER w / n2 AS f2
                        FROM x, n WINDOW w AS (ORDER BY v RANGE UNBOUNDED PRECEDING))
                  SELECT max(abs(f1 - f2)) FROM c', a, b) INTO d;
  RETURN d;
END $$;

-- 1-4: the fit finds the pair and says so
CREATE TEMP TABLE m AS SELECT synth_fit('"Shop"."Orders"') AS model;
SELECT is((SELECT model->'key_order'->>'key' FROM m), 'id', 'the model''s key order names the key');
SELECT is((SELECT model->'key_order'->>'column' FROM m), 'created_at', '... and the time that rises with it');
SELECT cmp_ok((SELECT (model->'key_order'->>'rank_correlation')::float8 FROM m), '>=', 0.98::float8,
              '... with their rank correlation in the source');
SELECT matches((SELECT reason FROM synth_columns('"Shop"."Orders"') WHERE "column" = 'created_at'),
               '^rises with the key "id"', 'synth_columns says why');

-- 5-11: the clone's times rise with its keys and keep their distribution
CREATE TEMP TABLE c1 AS SELECT * FROM synth_clone(NULL::"Shop"."Orders", 3000, seed => 5);
SELECT cmp_ok(pg_temp.spearman('c1'), '>=', 0.99::float8,
              'the clone''s times rise with its keys (source 0.9999; 0 before)');
-- row by row too: the weekday and hour of each time keep its order (drawn
-- ones scattered neighbours over their week: 48% of the steps went back)
SELECT cmp_ok((SELECT avg((created_at < p)::int) FROM (SELECT created_at, lag(created_at) OVER (ORDER BY id) AS p FROM c1) x),
              '<', 0.01::numeric, 'hardly an order earlier than the one before it');
-- KS critical value at alpha 0.001 for 3,000 against 3,000: 1.95 * sqrt(2/3000) = 0.050
SELECT cmp_ok(pg_temp.ks_created('"Shop"."Orders"', 'c1'), '<', 0.05::float8,
              'the times keep their distribution (two-sample KS against the source)');
SELECT cmp_ok((SELECT abs((SELECT corr(amount, extract(epoch FROM created_at)) FROM c1)
                        - (SELECT corr(amount, extract(epoch FROM created_at)) FROM "Shop"."Orders"))),
              '<', 0.1::float8, 'prices keep their trend over time (correlation within 0.1 of the source''s)');
SELECT is((SELECT count(*) FROM c1 WHERE shipped_at < created_at), 0::bigint,
          'every order ships after it is created');
SELECT cmp_ok((SELECT abs(avg((shipped_at IS NULL)::int) - 0.1) FROM c1), '<', 0.03::numeric,
              'the shipping time keeps its NULL share');
SELECT cmp_ok((SELECT abs(avg((created_at >= '2024-01-01')::int) - 0.75) FROM c1), '<', 0.03::numeric,
              'the second year keeps its share of the orders (0.75)');

-- 12-13: reproducible, and drawn the same on a stored model and into a table
CREATE TEMP TABLE c2 AS SELECT * FROM synth_clone(NULL::"Shop"."Orders", 3000, seed => 5);
SELECT is((SELECT md5(string_agg(c1::text, ',' ORDER BY id)) FROM c1),
          (SELECT md5(string_agg(c2::text, ',' ORDER BY id)) FROM c2), 'the same seed, the same rows');
SELECT synth_clone_table('"Shop"."Orders"', 'orders_copy', seed => 5);
SELECT is((SELECT md5(string_agg(o::text, ',' ORDER BY id)) FROM orders_copy o),
          (SELECT md5(string_agg(c1::text, ',' ORDER BY id)) FROM c1),
          'synth_clone_table fills the rows synth_clone draws');

-- 14: the rows from start (synth_sample's) are the tail of the larger
-- sample that ends with them
CREATE TEMP TABLE tail AS SELECT * FROM synth_sample(NULL::"Shop"."Orders", (SELECT model FROM m), 1000, 5, 2000);
SELECT is((SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM tail t),
          (SELECT md5(string_agg(c1::text, ',' ORDER BY id)) FROM c1 WHERE id > 2000),
          'rows start .. start + n - 1 are those of the sample of start + n rows');

-- 15-17: a larger clone and a smaller one rank over their own rows
CREATE TEMP TABLE c3 AS SELECT * FROM synth_clone(NULL::"Shop"."Orders", 9000, seed => 6);
CREATE TEMP TABLE c4 AS SELECT * FROM synth_clone(NULL::"Shop"."Orders", 300, seed => 6);
SELECT cmp_ok(pg_temp.spearman('c3'), '>=', 0.99::float8, 'a clone of three times the rows rises with its keys');
SELECT cmp_ok(pg_temp.ks_created('"Shop"."Orders"', 'c3'), '<', 0.05::float8,
              '... over the source''s span of time');
SELECT cmp_ok(pg_temp.spearman('c4'), '>=', 0.99::float8, 'a clone of a tenth of the rows too');

-- 18-20: option "key_order": false, and a table whose times do not follow its keys
SELECT is((SELECT synth_fit('"Shop"."Orders"', '{"key_order": false}') ? 'key_order'), false,
          'option "key_order": false leaves the model without one');
CREATE TEMP TABLE c5 AS SELECT * FROM synth_clone(NULL::"Shop"."Orders", 3000, '{"key_order": false}', seed => 5);
SELECT cmp_ok(abs(pg_temp.spearman('c5')), '<', 0.1::float8, '... and the clone''s times do not follow its keys');
CREATE TABLE "Shop".visits (id int PRIMARY KEY, created_at timestamptz NOT NULL, pages int NOT NULL);
INSERT INTO "Shop".visits SELECT i, timestamptz '2024-01-01 00:00+00' + (abs(hashint4(i)) % 8640000) * interval '1 second',
  1 + abs(hashint4(i * 3)) % 30 FROM generate_series(1, 2000) i;
SELECT is((SELECT synth_fit('"Shop".visits') ? 'key_order'), false,
          'times that do not follow the key make no key order');

-- 21-23: a model's key order is checked when read back
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::"Shop"."Orders",
                   (SELECT jsonb_set(model, '{key_order,key}', '"status"') FROM m), 5)$$,
                 '22023', 'invalid synthdata model', 'a key order whose key is no key is refused');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::"Shop"."Orders",
                   (SELECT jsonb_set(model, '{key_order,column}', '"amount"') FROM m), 5)$$,
                 '22023', 'invalid synthdata model', '... nor one whose column is no time');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::"Shop"."Orders",
                   (SELECT jsonb_set(model, '{key_order,rank_correlation}', '7') FROM m), 5)$$,
                 '22023', 'invalid synthdata model', '... nor a rank correlation out of [-1, 1]');

-- 24-25: a fill on parallel workers draws the rows a serial one does (each
-- worker ranks its rows over the whole fill)
SELECT synth_clone_table('"Shop"."Orders"', 'orders_par', 120000, seed => 8);
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT synth_clone_table('"Shop"."Orders"', 'orders_ser', 120000, seed => 8);
RESET max_parallel_workers_per_gather;
SELECT is((SELECT md5(string_agg(o::text, ',' ORDER BY id)) FROM orders_par o),
          (SELECT md5(string_agg(o::text, ',' ORDER BY id)) FROM orders_ser o),
          'a parallel fill draws the serial fill''s rows');
SELECT cmp_ok((SELECT corr(a, b) FROM (SELECT rank() OVER (ORDER BY id) AS a,
               rank() OVER (ORDER BY created_at) AS b FROM orders_par) x), '>=', 0.99::float8,
              '... whose times rise with their keys');

-- a view whose key is named by option: its pair is read off the whole view
-- (TABLESAMPLE reads no view), 15,000 orders issued in time order
CREATE TEMP TABLE ko_orders AS
SELECT i AS order_id, timestamptz '2020-01-01 00:00+00' + i * interval '17 minutes'
         + (abs(hashint4(i)) % 600) * interval '1 second' AS created_at,
       (abs(hashint4(i * 3)) % 1000) / 10.0 AS amount
FROM generate_series(1, 15000) i;
CREATE TEMP VIEW ko_orders_v AS SELECT * FROM ko_orders;
SELECT is((SELECT synth_fit('ko_orders_v', '{"columns": {"order_id": {"role": "key"}}}') #>> '{key_order,key}'),
          'order_id', 'a view with a key by option: its key order is fitted');
SELECT is((SELECT count(*) FROM (SELECT order_id, created_at, lag(created_at) OVER (ORDER BY order_id) AS prev
                                 FROM synth_clone(NULL::ko_orders_v, 2000, '{"columns": {"order_id": {"role": "key"}}}', seed => 1)) c
            WHERE created_at < prev), 0::bigint, '... and its clone''s times follow its keys');

-- 28-30: times that follow the key loosely (a tenth of the rows written
-- later, dated anywhere: pagila's rentals at 0.949): the clone's times
-- follow its keys as closely as the source's (they did not follow at all)
CREATE TABLE "Shop".late (id int PRIMARY KEY, created_at timestamptz NOT NULL, amount numeric(8,2) NOT NULL);
INSERT INTO "Shop".late
SELECT i, CASE WHEN i % 10 = 0
               THEN timestamptz '2024-01-01 00:00+00' + (abs(hashint4(i)) % 3000) * interval '1 hour'
               ELSE timestamptz '2024-01-01 00:00+00' + i * interval '1 hour' END,
       (abs(hashint4(i * 7)) % 10000) / 100.0
FROM generate_series(1, 3000) i;
SELECT cmp_ok((SELECT (synth_fit('"Shop".late') #>> '{key_order,rank_correlation}')::float8), '<', 0.98::float8,
              'a loose order is fitted, with its rank correlation');
CREATE TEMP TABLE c_late AS SELECT * FROM synth_clone(NULL::"Shop".late, 3000, seed => 1);
SELECT cmp_ok(abs(pg_temp.spearman('c_late') - pg_temp.spearman('"Shop".late')), '<', 0.03::float8,
              'the clone''s rank correlation within 0.03 of the source''s');
SELECT cmp_ok(pg_temp.ks_created('"Shop".late', 'c_late'), '<', 0.05::float8,
              '... and its times keep their marginal');

SELECT * FROM finish();
ROLLBACK;
