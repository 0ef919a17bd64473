-- Stored generated columns in synth_clone and synth_sample: the column is
-- computed from the drawn row by the executor with the table's own
-- generation expression (as an INSERT of the row would store it), not
-- drawn from the model, so total = price * qty holds in every row.
BEGIN;
SELECT plan(9);
SET LOCAL client_min_messages = warning;

CREATE TABLE orders (
  id int PRIMARY KEY,
  price numeric(10,2) NOT NULL,
  qty int NOT NULL,
  status text,
  total numeric GENERATED ALWAYS AS (price * qty) STORED,
  label text GENERATED ALWAYS AS (upper(coalesce(status, 'none')) || ':' || qty) STORED,
  big boolean GENERATED ALWAYS AS (price * qty > 500) STORED
);
INSERT INTO orders (id, price, qty, status)
SELECT i, round((5 + abs(hashint4(i)) % 20000 / 100.0)::numeric, 2), 1 + abs(hashint4(i * 3)) % 9,
       CASE WHEN i % 7 = 0 THEN NULL ELSE (ARRAY['open', 'paid', 'sent'])[1 + i % 3] END
FROM generate_series(1, 5000) i;
ANALYZE orders;

-- 1-3: synth_clone
CREATE TEMP TABLE c1 AS SELECT * FROM synth_clone(NULL::orders, 5000, seed => 1);
SELECT is((SELECT count(*) FROM c1 WHERE total IS DISTINCT FROM price * qty), 0::bigint,
          'synth_clone: total = price * qty in every row');
SELECT is((SELECT count(*) FROM c1 WHERE label IS DISTINCT FROM upper(coalesce(status, 'none')) || ':' || qty
                                      OR big IS DISTINCT FROM (price * qty > 500)), 0::bigint,
          'synth_clone: text and boolean generated columns are computed too, NULLs included');
SELECT cmp_ok((SELECT count(*) FROM c1 WHERE status IS NULL), '>', 0::bigint,
              'the clone has NULL statuses that the expression reads');

-- 4-5: synth_sample with a model
CREATE TEMP TABLE m AS SELECT synth_fit('orders') AS model;
CREATE TEMP TABLE s1 AS SELECT * FROM synth_sample(NULL::orders, (SELECT model FROM m), 5000, 2);
SELECT is((SELECT count(*) FROM s1 WHERE total IS DISTINCT FROM price * qty OR big IS DISTINCT FROM (price * qty > 500)),
          0::bigint, 'synth_sample: the generated columns hold in every row');
SELECT is((SELECT count(*) FROM synth_sample(NULL::orders, (SELECT model FROM m), 1000, 2, 4000) s
            WHERE total IS DISTINCT FROM price * qty), 0::bigint, 'synth_sample from a start row: they hold too');

-- 6-7: reproducible, and the drawn columns are the same draws as before
SELECT is((SELECT md5(string_agg(c::text, ',' ORDER BY id)) FROM synth_clone(NULL::orders, 2000, seed => 5) c),
          (SELECT md5(string_agg(c::text, ',' ORDER BY id)) FROM synth_clone(NULL::orders, 2000, seed => 5) c),
          'the same seed gives the same rows');
SELECT is((SELECT md5(string_agg(s::text, ',' ORDER BY id)) FROM synth_sample(NULL::orders, (SELECT model FROM m), 2000, 9) s),
          (SELECT md5(string_agg(s::text, ',' ORDER BY id)) FROM synth_sample(NULL::orders, (SELECT model FROM m), 2000, 9) s),
          'synth_sample: the same seed gives the same rows');

-- 8: the by-name form (jsonb rows) computes them too
SELECT is((SELECT count(*) FROM synth_clone('orders', 2000, seed => 3) r
            WHERE (r->>'total')::numeric IS DISTINCT FROM (r->>'price')::numeric * (r->>'qty')::int), 0::bigint,
          'synth_clone by name: total = price * qty');

-- 9: the target's own expression is evaluated, and its error on a drawn row
-- is PostgreSQL's own (b is 1 or 2 in the source: the twin divides by b - 1)
CREATE TABLE ratios (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL,
                     r int GENERATED ALWAYS AS (a / b) STORED);
INSERT INTO ratios (id, a, b) SELECT i, i, 1 + i % 2 FROM generate_series(1, 400) i;
CREATE TABLE ratios_twin (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL,
                          r int GENERATED ALWAYS AS (a / (b - 1)) STORED);
SELECT throws_ok($$SELECT count(*) FROM synth_sample(NULL::ratios_twin, synth_fit('ratios'), 50, 1)$$,
                 '22012', NULL, 'a division by zero in the target''s expression is 22012, as an INSERT would raise');

SELECT * FROM finish();
ROLLBACK;
