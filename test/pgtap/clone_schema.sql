-- synth_clone_schema on a shop schema of the test's own: regions, customers
-- (personal data), orders whose total is the sum of their lines and whose
-- ship_name copies the customer's last name, lines that copy their product's
-- price, payments after their order, a partitioned event log, a table with
-- a quoted name, a department/staff cycle and a self-reference.  Every
-- property the clone keeps is checked on the copy: definitions, referential
-- integrity, children per parent, exact aggregates, copies, orderings, no
-- real personal value, reproducibility, all or nothing, and bad input.
BEGIN;
SELECT plan(62);
SET LOCAL client_min_messages = warning;
SELECT setseed(0.42);

-- the Kolmogorov-Smirnov statistic of two samples of counts
CREATE FUNCTION pg_temp.ks(r bigint[], s bigint[]) RETURNS float8 LANGUAGE sql AS $$
  SELECT max(abs((SELECT count(*) FROM unnest(r) x WHERE x <= v)::float8 / cardinality(r)
               - (SELECT count(*) FROM unnest(s) x WHERE x <= v)::float8 / cardinality(s)))
  FROM (SELECT DISTINCT v FROM unnest(r || s) v) d
$$;

CREATE SCHEMA shop;
CREATE TABLE shop.regions (region_id int PRIMARY KEY, name text NOT NULL);
INSERT INTO shop.regions SELECT g, (ARRAY['North','South','East','West','Centre','Coast','Hills','Islands'])[g]
FROM generate_series(1, 8) g;

CREATE TABLE shop.customers (
  customer_id serial PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text UNIQUE,
  region_id int NOT NULL REFERENCES shop.regions,
  vip boolean NOT NULL,
  created_at timestamptz NOT NULL
);
INSERT INTO shop.customers (first_name, last_name, email, region_id, vip, created_at)
SELECT f, l, lower(f) || '.' || lower(l) || g || '@shop-real.test', 1 + (g % 8), g % 7 = 0,
       timestamptz '2020-01-01' + (g * 37 % 1000) * interval '1 day' + (g % 86400) * interval '1 second'
FROM generate_series(1, 2000) g,
     LATERAL (SELECT (ARRAY['Avrel','Bentro','Cleoma','Danvik','Evadne','Finnick','Giantha','Hulbert','Irvena','Jonder'])[1 + g % 10] AS f,
                     (ARRAY['Abbquist','Brenzel','Corvath','Dunwaller','Elsmire','Fornby','Gastrell','Hoxley','Ivenbrook','Jastow',
                            'Kelvaine','Lorbeck','Maddrey','Norquell','Ostwyn','Pellacott','Quorrin','Ravensholt','Suddaby','Tregowan'])[1 + (g * 7) % 20] AS l) n;

CREATE TABLE shop.products (product_id int PRIMARY KEY, name text NOT NULL,
                            price numeric(8,2) NOT NULL CHECK (price > 0));
INSERT INTO shop.products SELECT g, 'Product ' || g, round((2 + (g * 7919 % 9700) / 100.0)::numeric, 2)
FROM generate_series(1, 300) g;

CREATE TABLE shop.orders (
  order_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id int NOT NULL REFERENCES shop.customers,
  ordered_at timestamptz NOT NULL,
  ship_name text NOT NULL,
  total numeric(12,2) NOT NULL DEFAULT 0,
  n_lines int NOT NULL DEFAULT 0
);
-- children per customer skewed: 0 to 12 orders, VIPs more
INSERT INTO shop.orders (customer_id, ordered_at, ship_name)
SELECT c.customer_id, c.created_at + (k * 11 + c.customer_id % 17) * interval '1 day' + (k * 3607) * interval '1 second',
       c.last_name
FROM shop.customers c,
     LATERAL generate_series(1, (floor(9 * power((abs(hashint4(c.customer_id * 7919)) % 10007) / 10007.0, 2)))::int + CASE WHEN c.vip THEN 3 ELSE 0 END) k;

CREATE TABLE shop.order_lines (
  line_id bigserial PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES shop.orders,
  product_id int NOT NULL REFERENCES shop.products,
  qty int NOT NULL CHECK (qty > 0),
  unit_price numeric(8,2) NOT NULL
);
INSERT INTO shop.order_lines (order_id, product_id, qty, unit_price)
SELECT o.order_id, p.product_id, 1 + (o.order_id * 31 + k) % 4, p.price
FROM shop.orders o, LATERAL generate_series(1, 1 + (o.order_id % 5)::int) k,
     LATERAL (SELECT product_id, price FROM shop.products WHERE product_id = 1 + (o.order_id * 13 + k * 101) % 300) p;
UPDATE shop.orders o SET total = s.t, n_lines = s.n
FROM (SELECT order_id, sum(qty * unit_price) t, count(*) n FROM shop.order_lines GROUP BY order_id) s
WHERE s.order_id = o.order_id;

CREATE TABLE shop.payments (
  payment_id serial PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES shop.orders,
  paid_at timestamptz NOT NULL,
  amount numeric(12,2) NOT NULL
);
INSERT INTO shop.payments (order_id, paid_at, amount)
SELECT order_id, ordered_at + (1 + order_id % 72) * interval '1 hour', total FROM shop.orders WHERE order_id % 10 <> 0;

-- a partitioned log with its foreign key declared on the partitioned table
CREATE TABLE shop.events (
  event_id bigint NOT NULL,
  customer_id int REFERENCES shop.customers,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  PRIMARY KEY (event_id, at)
) PARTITION BY RANGE (at);
CREATE TABLE shop.events_old PARTITION OF shop.events FOR VALUES FROM (MINVALUE) TO ('2021-06-01');
CREATE TABLE shop.events_new PARTITION OF shop.events FOR VALUES FROM ('2021-06-01') TO (MAXVALUE);
INSERT INTO shop.events SELECT g, 1 + g % 2000, timestamptz '2020-03-01' + (g * 613 % 1200) * interval '1 day',
  (ARRAY['login','view','cart','logout'])[1 + g % 4] FROM generate_series(1, 6000) g;

-- a link table: tags per product, products per tag (its key is a pair of parent keys)
CREATE TABLE shop.tags (tag_id int PRIMARY KEY, label text NOT NULL);
INSERT INTO shop.tags SELECT g, 'tag ' || g FROM generate_series(1, 40) g;
CREATE TABLE shop.product_tags (product_id int REFERENCES shop.products, tag_id int REFERENCES shop.tags,
                                PRIMARY KEY (product_id, tag_id));
INSERT INTO shop.product_tags SELECT DISTINCT p, 1 + (p * 7 + k * k * 3) % 40
FROM generate_series(1, 300) p, generate_series(1, 1 + p % 6) k;

-- a composite foreign key: stock in bins (aisle, slot), skewed towards low aisles
CREATE TABLE shop.bins (aisle int, slot int, PRIMARY KEY (aisle, slot));
INSERT INTO shop.bins SELECT a, b FROM generate_series(1, 20) a, generate_series(1, 10) b;
CREATE TABLE shop.stock (stock_id int PRIMARY KEY, aisle int, slot int, qty int NOT NULL,
                         FOREIGN KEY (aisle, slot) REFERENCES shop.bins);
INSERT INTO shop.stock SELECT g, 1 + floor(20 * power((abs(hashint4(g)) % 10007) / 10007.0, 2))::int,
  1 + abs(hashint4(g * 31)) % 10, g % 50 FROM generate_series(1, 3000) g;

-- a quoted name
CREATE TABLE shop."Gift Cards" ("Card Id" int PRIMARY KEY, "Customer Id" int REFERENCES shop.customers,
                                balance numeric(8,2) NOT NULL);
INSERT INTO shop."Gift Cards" SELECT g, 1 + (g * 7) % 2000, (g % 50) * 5 FROM generate_series(1, 400) g;

-- a cycle (each department's manager is staff, each staff member has a
-- department) and a self-reference (boss)
CREATE TABLE shop.departments (dept_id int PRIMARY KEY, name text NOT NULL, manager_id int NOT NULL);
CREATE TABLE shop.staff (staff_id int PRIMARY KEY, dept_id int NOT NULL REFERENCES shop.departments,
                         boss_id int REFERENCES shop.staff, salary int NOT NULL);
INSERT INTO shop.departments SELECT g, 'Dept ' || g, g * 10 FROM generate_series(1, 30) g;
INSERT INTO shop.staff SELECT g, 1 + (g - 1) / 10, CASE WHEN g % 10 = 0 THEN NULL ELSE (g / 10) * 10 + 10 END,
  30000 + (g * 7919) % 40000 FROM generate_series(1, 300) g;
ALTER TABLE shop.departments ADD FOREIGN KEY (manager_id) REFERENCES shop.staff;
ANALYZE;

-- the clone
SELECT is((SELECT count(*) FROM synth_clone_schema('shop', 'shop_copy', seed => 7)), 14::bigint,
  'one row per table of the schema (partitions belong to their table)');
SELECT is((SELECT rows FROM synth_clone_schema('shop', 'shop_copy2', seed => 7) WHERE source_table = 'shop.customers'::regclass),
  2000::bigint, 'a root table gets as many rows as its source at scale 1');

-- definitions
SELECT is((SELECT array_agg(table_name::text || '.' || column_name || ':' || data_type || ':' || is_nullable ORDER BY table_name, ordinal_position)
           FROM information_schema.columns WHERE table_schema = 'shop_copy'),
          (SELECT array_agg(table_name::text || '.' || column_name || ':' || data_type || ':' || is_nullable ORDER BY table_name, ordinal_position)
           FROM information_schema.columns WHERE table_schema = 'shop'),
  'every table and partition with the source''s columns, types and NOT NULLs');
SELECT is((SELECT array_agg(c.relname || ':' || contype::text ORDER BY c.relname, contype, conname) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
           WHERE c.relnamespace = 'shop_copy'::regnamespace AND NOT c.relispartition),
          (SELECT array_agg(c.relname || ':' || contype::text ORDER BY c.relname, contype, conname) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
           WHERE c.relnamespace = 'shop'::regnamespace AND NOT c.relispartition),
  'the same CHECK, PRIMARY KEY, UNIQUE and FOREIGN KEY constraints');
SELECT is((SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'shop_copy'::regnamespace
           AND confrelid::regclass::text NOT LIKE 'shop_copy.%'), 0::bigint,
  'every foreign key of the copy references the copy');
SELECT is((SELECT array_agg(relname ORDER BY relname) FROM pg_inherits JOIN pg_class ON oid = inhrelid
           WHERE inhparent = 'shop_copy.events'::regclass), ARRAY['events_new','events_old']::name[],
  'the partitioned table keeps its partitions');
SELECT ok((SELECT count(*) FROM shop_copy.events_old) > 0 AND (SELECT count(*) FROM shop_copy.events_new) > 0,
  'rows are routed to both partitions');
SELECT is((SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated AND connamespace = 'shop_copy'::regnamespace
           AND conparentid = 0),
          (SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'shop'::regnamespace AND conparentid = 0),
  'every foreign key added and validated: referential integrity 100%');
SELECT is((SELECT count(*) FROM shop_copy."Gift Cards" g LEFT JOIN shop_copy.customers c ON c.customer_id = g."Customer Id"
           WHERE g."Customer Id" IS NOT NULL AND c.customer_id IS NULL), 0::bigint,
  'a table with a quoted name points at cloned customers');

-- fresh keys, serial and identity continuing
SELECT is((SELECT count(*) FROM shop_copy.customers c JOIN shop.customers r USING (email)), 0::bigint,
  'no real email in the copy');
SELECT is((SELECT count(*) FROM shop_copy.customers WHERE last_name IN (SELECT last_name FROM shop.customers)), 0::bigint,
  'no real last name in the copy (names are fakes)');
SELECT is((SELECT count(DISTINCT email) FROM shop_copy.customers), (SELECT count(email) FROM shop_copy.customers),
  'unique emails stay unique');
SELECT ok(nextval(pg_get_serial_sequence('shop_copy.customers', 'customer_id')) > (SELECT max(customer_id) FROM shop_copy.customers),
  'the serial column''s own sequence continues after the drawn keys');
SELECT is(pg_get_serial_sequence('shop_copy.customers', 'customer_id'), 'shop_copy.customers_customer_id_seq',
  'the copy has a sequence of its own');

-- children per parent: KS distance of orders per customer within 0.10
SELECT cmp_ok(pg_temp.ks(ARRAY(SELECT count(o.order_id) n FROM shop.customers c LEFT JOIN shop.orders o USING (customer_id) GROUP BY c.customer_id),
                          ARRAY(SELECT count(o.order_id) n FROM shop_copy.customers c LEFT JOIN shop_copy.orders o USING (customer_id) GROUP BY c.customer_id)),
              '<=', 0.10::float8, 'orders per customer: KS statistic at most 0.10 (cardinality shape >= 0.90)');
SELECT cmp_ok(abs((SELECT count(*) FROM shop_copy.orders)::float8 / (SELECT count(*) FROM shop.orders) - 1), '<=', 0.02::float8,
  'a child table follows its parents: orders within 2% of the source''s');
SELECT cmp_ok(pg_temp.ks(ARRAY(SELECT count(l.line_id) n FROM shop.orders o LEFT JOIN shop.order_lines l USING (order_id) GROUP BY o.order_id),
                          ARRAY(SELECT count(l.line_id) n FROM shop_copy.orders o LEFT JOIN shop_copy.order_lines l USING (order_id) GROUP BY o.order_id)),
              '<=', 0.10::float8, 'lines per order: KS statistic at most 0.10');

-- the link table: both sides keep their counts, and the pairs are distinct
-- by construction (drawn independently, about 4% of the 1,050 pairs would
-- repeat: 1,050^2 / (2 * 300 * 40) = 46)
SELECT cmp_ok((SELECT count(*) FROM shop.product_tags) - (SELECT count(*) FROM shop_copy.product_tags), '<=', 5::bigint,
  'a link table keeps its rows: at most 5 of 1,050 drawn pairs repeat');
SELECT cmp_ok(pg_temp.ks(ARRAY(SELECT count(t.tag_id) n FROM shop.products p LEFT JOIN shop.product_tags t USING (product_id) GROUP BY p.product_id),
                          ARRAY(SELECT count(t.tag_id) n FROM shop_copy.products p LEFT JOIN shop_copy.product_tags t USING (product_id) GROUP BY p.product_id)),
              '<=', 0.02::float8, 'tags per product: KS statistic at most 0.02');
SELECT cmp_ok(pg_temp.ks(ARRAY(SELECT count(t.product_id) n FROM shop.tags g LEFT JOIN shop.product_tags t USING (tag_id) GROUP BY g.tag_id),
                          ARRAY(SELECT count(t.product_id) n FROM shop_copy.tags g LEFT JOIN shop_copy.product_tags t USING (tag_id) GROUP BY g.tag_id)),
              '<=', 0.10::float8, 'products per tag: KS statistic at most 0.10 (40 tags)');
SELECT is((SELECT role FROM synth_columns('shop.product_tags') WHERE "column" = 'product_id'), 'foreign_key',
  'a key column that references a parent is a foreign key, not renumbered');

-- a single-table clone draws its foreign keys by child slots too: with the
-- source's row count every customer gets exactly a drawn count of orders
SELECT is(synth_clone_table('shop.orders', 'shop_copy.orders_alone', seed => 3), (SELECT count(*) FROM shop.orders),
  'a single-table clone of orders');
SELECT cmp_ok(pg_temp.ks(ARRAY(SELECT count(o.order_id) n FROM shop.customers c LEFT JOIN shop.orders o USING (customer_id) GROUP BY c.customer_id),
                          ARRAY(SELECT count(o.order_id) n FROM shop.customers c LEFT JOIN shop_copy.orders_alone o USING (customer_id) GROUP BY c.customer_id)),
              '<=', 0.03::float8, 'its orders per customer: KS statistic at most 0.03');

-- the composite foreign key is drawn with its fitted children per parent (a round robin would flatten them)
SELECT cmp_ok(pg_temp.ks(ARRAY(SELECT count(t.stock_id) n FROM shop.bins b LEFT JOIN shop.stock t USING (aisle, slot) GROUP BY b.aisle, b.slot),
                          ARRAY(SELECT count(t.stock_id) n FROM shop_copy.bins b LEFT JOIN shop_copy.stock t USING (aisle, slot) GROUP BY b.aisle, b.slot)),
              '<=', 0.10::float8, 'stock per bin through a composite foreign key: KS statistic at most 0.10');

-- children per parent follow a parent's attribute: VIP customers have 3 more orders
SELECT is((SELECT c->'semantics'->'references'->'children_follow'->>'column'
           FROM jsonb_array_elements(synth_fit('shop.orders')->'columns') c WHERE c->>'name' = 'customer_id'),
  'vip', 'the fit finds the parent column the orders per customer follow');
WITH r AS (SELECT avg(n) FILTER (WHERE vip) - avg(n) FILTER (WHERE NOT vip) d FROM
             (SELECT c.vip, count(o.order_id) n FROM shop.customers c LEFT JOIN shop.orders o USING (customer_id) GROUP BY c.customer_id, c.vip) s),
     k AS (SELECT avg(n) FILTER (WHERE vip) - avg(n) FILTER (WHERE NOT vip) d FROM
             (SELECT c.vip, count(o.order_id) n FROM shop_copy.customers c LEFT JOIN shop_copy.orders o USING (customer_id) GROUP BY c.customer_id, c.vip) s)
SELECT cmp_ok((SELECT abs(k.d / r.d - 1) FROM r, k)::float8, '<=', 0.25::float8,
  'VIP customers'' extra orders in the copy within 25% of the source''s (independent counts: none)');

-- links learned from the data hold in every row
SELECT is((SELECT count(*) FROM shop_copy.orders o
           WHERE total <> coalesce((SELECT sum(qty * unit_price) FROM shop_copy.order_lines l WHERE l.order_id = o.order_id), 0)),
  0::bigint, 'orders.total = sum(order_lines.qty * unit_price) in every cloned order');
SELECT is((SELECT count(*) FROM shop_copy.orders o
           WHERE n_lines <> (SELECT count(*) FROM shop_copy.order_lines l WHERE l.order_id = o.order_id)),
  0::bigint, 'orders.n_lines = count(order_lines) in every cloned order');
SELECT is((SELECT count(*) FROM shop_copy.orders o JOIN shop_copy.customers c USING (customer_id) WHERE o.ship_name <> c.last_name),
  0::bigint, 'orders.ship_name copies its customer''s fake last name: the same pseudonym in both tables');
SELECT is((SELECT count(*) FROM shop_copy.order_lines l JOIN shop_copy.products p USING (product_id) WHERE l.unit_price <> p.price),
  0::bigint, 'order_lines.unit_price copies its product''s price');
SELECT is((SELECT count(*) FROM shop_copy.orders o JOIN shop_copy.customers c USING (customer_id) WHERE o.ordered_at < c.created_at),
  0::bigint, 'every order comes after its customer was created');
SELECT is((SELECT count(*) FROM shop_copy.payments p JOIN shop_copy.orders o USING (order_id) WHERE p.paid_at < o.ordered_at),
  0::bigint, 'every payment comes after its order');
SELECT is((SELECT count(*) FROM shop_copy.payments p JOIN shop_copy.orders o USING (order_id) WHERE p.amount <> o.total),
  0::bigint, 'payments.amount copies its order''s total, after the total is summed from the lines');
-- the tables a link rewrites are filled with room for the new versions
-- (fillfactor 50, reset afterwards): the rewrite is made of heap-only updates
SELECT cmp_ok((SELECT n_tup_hot_upd::float8 / nullif(n_tup_upd, 0) FROM pg_stat_xact_user_tables
               WHERE relid = 'shop_copy.orders'::regclass), '>=', 0.9::float8,
  'the sums rewrite orders by heap-only updates (at least 90% of them)');
SELECT is((SELECT count(*) FROM pg_class WHERE relnamespace = 'shop_copy'::regnamespace AND reloptions IS NOT NULL),
  0::bigint, 'no cloned table keeps the fillfactor the rewrites used');
SELECT is((SELECT array_agg(link ORDER BY link) FROM synth_schema_links('shop')),
  ARRAY['order_lines.unit_price = products.price', 'orders.n_lines = count(order_lines)',
        'orders.ordered_at >= customers.created_at', 'orders.ship_name = customers.last_name',
        'orders.total = sum(order_lines.qty * unit_price)', 'payments.amount = orders.total',
        'payments.paid_at >= orders.ordered_at'],
  'synth_schema_links lists exactly the links that hold in every row of the source');
SELECT cmp_ok((SELECT count(DISTINCT ship_name) FROM shop_copy.orders), '>', 20::bigint,
  'the copied names are the customers'' fakes, many of them');

-- the cycle and the self-reference
SELECT is((SELECT count(*) FROM shop_copy.departments WHERE manager_id IS NULL), 0::bigint,
  'a NOT NULL foreign key in a cycle is filled once its parent is');
SELECT is((SELECT count(DISTINCT manager_id) FROM shop_copy.departments), (SELECT count(*) FROM shop_copy.departments),
  'the cycle''s keys spread over the parents (each department its own manager)');
SELECT is((SELECT count(*) FROM shop_copy.staff WHERE boss_id = staff_id), 0::bigint,
  'a self-reference never points a row at itself');
-- the self-reference is a forest, as the source is: every row is reached from
-- a root, the roots keep their share, and the children per boss (30 bosses of
-- 9, 270 staff of none) keep their distribution (round robin gave every row one)
SELECT is((WITH RECURSIVE t AS (SELECT staff_id FROM shop_copy.staff WHERE boss_id IS NULL
                                UNION ALL
                                SELECT s.staff_id FROM shop_copy.staff s JOIN t ON s.boss_id = t.staff_id)
           SELECT count(*) FROM t), (SELECT count(*) FROM shop_copy.staff),
  'a self-reference makes no cycle: every row descends from a root');
SELECT ok((SELECT count(*) FILTER (WHERE boss_id IS NULL)::float8 / count(*) BETWEEN 0.06 AND 0.14 FROM shop_copy.staff),
  'the roots of the self-reference keep the source''s share (10%)');
SELECT cmp_ok((WITH c AS (SELECT 'r' AS w, (SELECT count(*) FROM shop.staff c WHERE c.boss_id = p.staff_id) AS k FROM shop.staff p
                          UNION ALL
                          SELECT 's', (SELECT count(*) FROM shop_copy.staff c WHERE c.boss_id = p.staff_id) FROM shop_copy.staff p),
                   k AS (SELECT DISTINCT k FROM c)
               SELECT max(abs((SELECT avg((c.k <= k.k)::int) FROM c WHERE w = 'r')
                              - (SELECT avg((c.k <= k.k)::int) FROM c WHERE w = 's'))) FROM k),
  '<=', 0.05::numeric, 'the children per row of a self-reference: KS statistic against the source at most 0.05');

-- reproducible: the same seed gives the same copy
SELECT is((SELECT count(*) FROM (SELECT * FROM shop_copy.orders EXCEPT SELECT * FROM shop_copy2.orders) d), 0::bigint,
  'the same seed, the same orders');
SELECT is((SELECT count(*) FROM (SELECT * FROM shop_copy.customers EXCEPT SELECT * FROM shop_copy2.customers) d), 0::bigint,
  'the same seed, the same customers');

-- scale and the array form
SELECT is((SELECT rows FROM synth_clone_schema('shop', 'shop_double', 2.0, seed => 3) WHERE source_table = 'shop.customers'::regclass),
  4000::bigint, 'scale multiplies a root table''s rows');
SELECT cmp_ok(abs((SELECT count(*) FROM shop_double.orders)::float8 / (SELECT count(*) FROM shop.orders) - 2), '<=', 0.05::float8,
  'children follow their doubled parents');
SELECT is((SELECT array_agg(source_table::text ORDER BY source_table::text)
           FROM synth_clone_schema(ARRAY['shop.payments'::regclass], 'shop_pay', seed => 5)),
  ARRAY['shop.customers','shop.orders','shop.payments','shop.regions'],
  'given tables bring the tables they reference');
SELECT is((SELECT count(*) FROM synth_clone_schema('shop', 'shop_opt', options => '{"tables": {"customers": {"exact_copy_guard": false}}}', seed => 5)),
  14::bigint, 'per-table options');

-- all or nothing
CREATE SCHEMA shop_taken;
CREATE TABLE shop_taken.orders (x int);
SELECT throws_ok($$SELECT * FROM synth_clone_schema('shop', 'shop_taken', seed => 1)$$, '42P07', NULL,
  'a table name already taken in the target fails');
SELECT is((SELECT count(*) FROM pg_class WHERE relnamespace = 'shop_taken'::regnamespace AND relkind IN ('r', 'p')), 1::bigint,
  'and leaves nothing behind');

-- a link table whose drawn pairs must repeat (two parents hold nearly every
-- row, as a music store's playlists do): the repeats are dropped before the
-- key is built, so the clone succeeds and the key holds
CREATE SCHEMA lk;
CREATE TABLE lk.playlist (playlist_id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE lk.track (track_id int PRIMARY KEY, title text NOT NULL);
INSERT INTO lk.playlist SELECT g, 'list ' || g FROM generate_series(1, 12) g;
INSERT INTO lk.track SELECT g, 'track ' || g FROM generate_series(1, 400) g;
CREATE TABLE lk.playlist_track (playlist_id int REFERENCES lk.playlist, track_id int REFERENCES lk.track,
                                PRIMARY KEY (playlist_id, track_id));
INSERT INTO lk.playlist_track SELECT 1, g FROM generate_series(1, 400) g;
INSERT INTO lk.playlist_track SELECT 2, g FROM generate_series(1, 390) g;
INSERT INTO lk.playlist_track SELECT p, p * 7 FROM generate_series(3, 12) p;
SELECT lives_ok($$SELECT * FROM synth_clone_schema('lk', 'lk_copy', seed => 1)$$,
  'a link table whose drawn pairs repeat clones: the repeated pairs are dropped before its key is built');
SELECT cmp_ok((SELECT count(*) FROM lk_copy.playlist_track), '>=', 700::bigint,
  'and keeps most of its 800 rows (only repeats are dropped)');

-- bad input
SELECT throws_ok($$SELECT * FROM synth_clone_schema('no_such_schema', 'x')$$, '3F000', NULL, 'an unknown schema');
SELECT throws_ok($$SELECT * FROM synth_clone_schema(NULL::text, 'x')$$, '22004', NULL, 'a NULL source');
SELECT throws_ok($$SELECT * FROM synth_clone_schema('shop', NULL)$$, '22004', NULL, 'a NULL target');
SELECT throws_ok($$SELECT * FROM synth_clone_schema('shop', 'x', -1)$$, '22023', NULL, 'a negative scale');
SELECT throws_ok($$SELECT * FROM synth_clone_schema('shop', 'x', options => '{"tables": {"nope": {}}}')$$, '22023', NULL,
  'options for a table that is not cloned');
SELECT throws_ok($$SELECT * FROM synth_clone_schema('shop', 'x', options => '[1]')$$, '22023', NULL, 'options not an object');
SELECT throws_ok($$SELECT * FROM synth_clone_schema('shop', 'shop')$$, '22023', NULL, 'the target is the source''s schema');
SELECT throws_ok($$SELECT * FROM synth_clone_schema(ARRAY[NULL::regclass], 'x')$$, '22004', NULL, 'a NULL table');

-- many children per parent: the first look reads fewer parents (about
-- 20,000 children's worth, 200 at least), here only the first 200 bins,
-- all empty (a total of 0 each); the sum still holds on the whole tables
-- and its two values are counted there; a sum broken only past the first
-- look is not kept
CREATE SCHEMA fan;
CREATE TABLE fan.bins (bin_id int PRIMARY KEY, total numeric NOT NULL, broken numeric NOT NULL);
CREATE TABLE fan.items (item_id int PRIMARY KEY, bin_id int NOT NULL REFERENCES fan.bins, w numeric NOT NULL);
CREATE TEMP TABLE fan_items AS
SELECT i AS item_id, 200 + 1 + (i - 1) / 150 AS bin_id, (1 + (i * 7919) % 13)::numeric AS w
FROM generate_series(1, 60000) i;
INSERT INTO fan.bins SELECT b, coalesce(s.t, 0), coalesce(s.t, 0) + CASE WHEN b = 577 THEN 1 ELSE 0 END
FROM generate_series(1, 600) b LEFT JOIN (SELECT bin_id, sum(w) t FROM fan_items GROUP BY bin_id) s ON s.bin_id = b;
INSERT INTO fan.items SELECT * FROM fan_items;
ANALYZE fan.bins, fan.items;
SELECT is((SELECT array_agg(link ORDER BY link) FROM synth_schema_links('fan')),
          ARRAY['bins.total = sum(items.w)'],
          'high fan-out: the sum is found though the first look sees one total, and the sum broken past it is not');

SELECT * FROM finish();
ROLLBACK;
