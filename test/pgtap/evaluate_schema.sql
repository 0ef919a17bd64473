-- pgTAP: synth_evaluate_schema measures a copy of a whole schema.  A small
-- shop of the test's own (customers, their orders, the orders' lines, one
-- payment per order) in a quoted schema, with an exact total = sum(qty *
-- price), payments after orders and orders after the customer's creation;
-- "synthetic" copies made by SQL that break one property at a time (a
-- dangling key, a flattened fan-out, totals off by one, payments before
-- their order, a parent-child association shuffled away) move exactly the
-- score that should move; an identical copy scores 1.0 everywhere; no real
-- category appears in the report; bad input gets its SQLSTATE.
BEGIN;
SELECT plan(45);

CREATE SCHEMA "Shop Real";
CREATE TABLE "Shop Real".customers (
    id int PRIMARY KEY,
    region text NOT NULL,
    age int NOT NULL,
    created date NOT NULL
);
CREATE TABLE "Shop Real".orders (
    id int PRIMARY KEY,
    customer_id int REFERENCES "Shop Real".customers,
    placed date NOT NULL,
    status text NOT NULL,
    discount float8 NOT NULL,
    total numeric
);
CREATE TABLE "Shop Real"."Order Lines" (
    id int PRIMARY KEY,
    order_id int NOT NULL REFERENCES "Shop Real".orders,
    "Qty" int NOT NULL,
    price numeric NOT NULL
);
CREATE TABLE "Shop Real".payments (
    id int PRIMARY KEY,
    order_id int NOT NULL REFERENCES "Shop Real".orders,
    paid date NOT NULL,
    amount numeric NOT NULL
);

-- 300 customers of four regions; customer c places 1 + c % 7 orders whose
-- status depends on the region and whose discount follows the age
INSERT INTO "Shop Real".customers
SELECT c, (ARRAY['Nordmark', 'Suedland', 'Ostwald', 'Westfeld'])[1 + c % 4],
       20 + (c * 37) % 50, date '2020-01-01' + (c * 13) % 365
FROM generate_series(1, 300) c;
INSERT INTO "Shop Real".orders (id, customer_id, placed, status, discount)
SELECT row_number() OVER (ORDER BY c.id, k), c.id, c.created + 10 + (c.id * k * 7) % 200,
       CASE WHEN c.id % 4 < 2 THEN CASE WHEN k % 5 = 0 THEN 'zaehlt-offen' ELSE 'zaehlt-bezahlt' END
            ELSE CASE WHEN k % 5 = 0 THEN 'zaehlt-bezahlt' ELSE 'zaehlt-offen' END END,
       c.age / 10.0 + k % 3
FROM "Shop Real".customers c, generate_series(1, 1 + c.id % 7) k;
INSERT INTO "Shop Real"."Order Lines"
SELECT row_number() OVER (ORDER BY o.id, j), o.id, 1 + (o.id + j) % 5, 2.5 + (o.id * j) % 17
FROM "Shop Real".orders o, generate_series(1, 1 + o.id % 4) j;
UPDATE "Shop Real".orders o SET total =
    (SELECT sum(l."Qty" * l.price) FROM "Shop Real"."Order Lines" l WHERE l.order_id = o.id);
INSERT INTO "Shop Real".payments
SELECT o.id, o.id, o.placed + o.id % 9, o.total FROM "Shop Real".orders o;

-- a copy of every table of the real schema (CREATE TABLE AS: no keys declared)
CREATE FUNCTION pg_temp.copy_shop(target text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
    EXECUTE format('CREATE SCHEMA %I', target);
    FOREACH t IN ARRAY ARRAY['customers', 'orders', 'Order Lines', 'payments'] LOOP
        EXECUTE format('CREATE TABLE %I.%I AS TABLE "Shop Real".%I', target, t, t);
    END LOOP;
END $$;

CREATE TEMP TABLE res (v text, table_name text, metric text, column_names text,
                       score float8, detail jsonb);
CREATE FUNCTION pg_temp.evaluate(v text, target text, opts jsonb DEFAULT '{"seed": 7}')
RETURNS void LANGUAGE sql AS $$
    INSERT INTO res SELECT v, e.* FROM synth_evaluate_schema('Shop Real', target, opts) e
$$;
CREATE FUNCTION pg_temp.s(v_ text, tab text, met text, cols text DEFAULT NULL) RETURNS float8
LANGUAGE sql AS $$
    SELECT score FROM res WHERE v = v_ AND table_name IS NOT DISTINCT FROM tab AND metric = met
      AND (cols IS NULL OR column_names = cols)
$$;

-- ---------------------------------------------------------------------------
-- A: an identical copy
-- ---------------------------------------------------------------------------
SELECT pg_temp.copy_shop('shop a');
SELECT pg_temp.evaluate('A', 'shop a');

SELECT set_eq(
    $$SELECT metric || ' ' || column_names FROM res WHERE v = 'A' AND table_name IS NOT NULL
        AND metric IN ('ExactAggregate', 'DenormalisedCopy', 'Ordering')$$,
    ARRAY['ExactAggregate orders.total = sum(Order Lines.Qty * price)',
          'ExactAggregate orders.total = sum(payments.amount)',
          'DenormalisedCopy payments.amount = orders.total',
          'Ordering orders.placed >= customers.created',
          'Ordering payments.paid >= orders.placed'],
    'the links of the real schema are found: the exact totals, the copied amount, both orderings');
SELECT is((SELECT count(*) FROM res WHERE v = 'A' AND metric = 'ReferentialIntegrity'
             AND table_name IS NOT NULL), 3::bigint,
          'one ReferentialIntegrity row per foreign key');
SELECT is((SELECT array_agg(DISTINCT round(score::numeric, 12)) FROM res WHERE v = 'A' AND metric IN
             ('ReferentialIntegrity', 'CardinalityShapeSimilarity', 'IntertableTrends',
              'ExactAggregate', 'DenormalisedCopy', 'Ordering', 'Column Shapes',
              'Column Pair Trends', 'Quality', 'Schema Quality')),
          ARRAY[1.0::numeric], 'an identical copy scores 1.0 in every fidelity row');
SELECT is(pg_temp.s('A', NULL, 'Schema Quality'), 1.0::float8, 'Schema Quality of an identical copy is 1');
SELECT is((SELECT detail->>'real_rows' || '/' || (detail->>'synthetic_rows') FROM res
            WHERE v = 'A' AND table_name = 'Order Lines' AND metric = 'RowCount'),
          (SELECT count(*) || '/' || count(*) FROM "Shop Real"."Order Lines"),
          'RowCount gives both row counts');
SELECT is((SELECT (detail->>'pairs')::int FROM res WHERE v = 'A' AND metric = 'IntertableTrends'
             AND table_name = 'orders'),
          12, 'IntertableTrends of orders -> customers: every modelled parent column x child column (3 x 4)');
SELECT is((SELECT jsonb_array_length(detail->'pair_scores') FROM res WHERE v = 'A'
             AND metric = 'IntertableTrends' AND table_name = 'orders'),
          12, 'the pairs are listed in the detail');

-- no real category anywhere in the report (names and scores only)
SELECT is((SELECT count(*) FROM res r, (SELECT region AS val FROM "Shop Real".customers
             UNION SELECT status FROM "Shop Real".orders) x
           WHERE v = 'A' AND (r.detail::text LIKE '%' || x.val || '%'
                              OR r.column_names LIKE '%' || x.val || '%')),
          0::bigint, 'no real category appears in the report');

-- the same seed, the same report
SELECT pg_temp.evaluate('A2', 'shop a');
SELECT set_eq($$SELECT table_name, metric, column_names, score, detail FROM res WHERE v = 'A'$$,
              $$SELECT table_name, metric, column_names, score, detail FROM res WHERE v = 'A2'$$,
              'two calls with the same seed give the same report');

-- ---------------------------------------------------------------------------
-- B: every tenth order points at no customer
-- ---------------------------------------------------------------------------
SELECT pg_temp.copy_shop('shop b');
UPDATE "shop b".orders SET customer_id = customer_id + 100000 WHERE id % 10 = 0;
SELECT pg_temp.evaluate('B', 'shop b');
SELECT is(pg_temp.s('B', 'orders', 'ReferentialIntegrity'),
          (SELECT count(*) FILTER (WHERE id % 10 <> 0)::float8 / count(*) FROM "shop b".orders),
          'ReferentialIntegrity is the share of orders whose customer exists');
SELECT is((SELECT (detail->>'dangling_rows')::bigint FROM res WHERE v = 'B'
             AND metric = 'ReferentialIntegrity' AND table_name = 'orders'),
          (SELECT count(*) FROM "shop b".orders WHERE id % 10 = 0), 'the dangling rows are counted');
SELECT is(pg_temp.s('B', 'Order Lines', 'ReferentialIntegrity'), 1.0::float8,
          'the other foreign keys keep their integrity');
SELECT cmp_ok(pg_temp.s('B', NULL, 'ReferentialIntegrity'), '<', 1.0::float8,
              'the overall ReferentialIntegrity row drops');

-- ---------------------------------------------------------------------------
-- C: the same number of orders spread evenly over the customers
-- ---------------------------------------------------------------------------
SELECT pg_temp.copy_shop('shop c');
UPDATE "shop c".orders SET customer_id = 1 + id % 300;
SELECT pg_temp.evaluate('C', 'shop c');
SELECT cmp_ok(pg_temp.s('C', 'orders', 'CardinalityShapeSimilarity'), '<', 0.75::float8,
              'a flattened fan-out lowers CardinalityShapeSimilarity (children per customer 1..7 against about 4)');
SELECT is(pg_temp.s('C', 'orders', 'ReferentialIntegrity'), 1.0::float8,
          '... while every order still has its customer');
SELECT is(pg_temp.s('C', 'Order Lines', 'CardinalityShapeSimilarity'), 1.0::float8,
          '... and the lines per order keep their shape');
SELECT is(round(pg_temp.s('C', 'orders', 'CardinalityShapeSimilarity')::numeric, 10),
          round((1 - (SELECT (detail->>'ks_statistic')::float8 FROM res WHERE v = 'C'
             AND metric = 'CardinalityShapeSimilarity' AND table_name = 'orders'))::numeric, 10),
          'the score is the KS complement');

-- ---------------------------------------------------------------------------
-- D: every twentieth total off by one
-- ---------------------------------------------------------------------------
SELECT pg_temp.copy_shop('shop d');
UPDATE "shop d".orders SET total = total + 1 WHERE id % 20 = 0;
SELECT pg_temp.evaluate('D', 'shop d');
SELECT is(pg_temp.s('D', 'orders', 'ExactAggregate', 'orders.total = sum(Order Lines.Qty * price)'),
          (SELECT count(*) FILTER (WHERE id % 20 <> 0)::float8 / count(*) FROM "shop d".orders),
          'ExactAggregate is the share of orders whose total is the sum of their lines');
SELECT is(pg_temp.s('D', 'payments', 'DenormalisedCopy'),
          (SELECT count(*) FILTER (WHERE id % 20 <> 0)::float8 / count(*) FROM "shop d".orders),
          'the payments copying those totals no longer match them');
SELECT is(pg_temp.s('D', NULL, 'Ordering'), 1.0::float8, 'the orderings still hold');

-- ---------------------------------------------------------------------------
-- E: every eighth payment the day before its order
-- ---------------------------------------------------------------------------
SELECT pg_temp.copy_shop('shop e');
UPDATE "shop e".payments p SET paid = o.placed - 1 FROM "shop e".orders o
 WHERE o.id = p.order_id AND p.id % 8 = 0;
SELECT pg_temp.evaluate('E', 'shop e');
SELECT is(pg_temp.s('E', 'payments', 'Ordering', 'payments.paid >= orders.placed'),
          (SELECT count(*) FILTER (WHERE id % 8 <> 0)::float8 / count(*) FROM "shop e".payments),
          'Ordering is the share of payments on or after their order');
SELECT is(pg_temp.s('E', 'orders', 'Ordering', 'orders.placed >= customers.created'), 1.0::float8,
          'the other ordering holds');
SELECT is(pg_temp.s('E', NULL, 'ExactAggregate'), 1.0::float8, 'the totals hold');

-- ---------------------------------------------------------------------------
-- F: status and discount shuffled among the orders: each column keeps its
-- shape, the link to the customer's region and age is gone
-- ---------------------------------------------------------------------------
SELECT pg_temp.copy_shop('shop f');
WITH p AS (SELECT id, row_number() OVER (ORDER BY id) rn FROM "shop f".orders),
     q AS (SELECT status, discount, row_number() OVER (ORDER BY md5(id::text)) rn FROM "Shop Real".orders)
UPDATE "shop f".orders o SET status = q.status, discount = q.discount
  FROM p JOIN q USING (rn) WHERE o.id = p.id;
SELECT pg_temp.evaluate('F', 'shop f');
SELECT is(pg_temp.s('F', 'orders', 'Column Shapes'), 1.0::float8,
          'the single-table report sees the same column shapes');
SELECT cmp_ok(pg_temp.s('F', 'orders', 'IntertableTrends'), '<', 0.95::float8,
              'IntertableTrends of orders -> customers drops');
SELECT cmp_ok((SELECT min((p->>'score')::float8) FROM res, jsonb_array_elements(detail->'pair_scores') p
                WHERE v = 'F' AND metric = 'IntertableTrends' AND table_name = 'orders'
                  AND p->>'parent_column' = 'region' AND p->>'child_column' = 'status'),
              '<', 0.8::float8, 'the region x status pair shows it');
SELECT is(pg_temp.s('F', 'orders', 'CardinalityShapeSimilarity'), 1.0::float8,
          'the fan-out is untouched');

-- ---------------------------------------------------------------------------
-- options, missing and empty tables
-- ---------------------------------------------------------------------------
SELECT pg_temp.evaluate('P', 'shop a', '{"seed": 7, "max_pairs": 2, "links": false}');
SELECT is((SELECT (detail->>'pairs')::int || '/' || (detail->>'candidate_pairs') FROM res
            WHERE v = 'P' AND metric = 'IntertableTrends' AND table_name = 'orders'),
          '2/12', 'max_pairs caps the pairs per foreign key');
SELECT is((SELECT count(*) FROM res WHERE v = 'P' AND metric IN ('ExactAggregate', 'Ordering')),
          0::bigint, 'links => false measures no link');

SELECT pg_temp.copy_shop('shop g');
DROP TABLE "shop g".payments;
TRUNCATE "shop g"."Order Lines";
SELECT pg_temp.evaluate('G', 'shop g');
SELECT is((SELECT count(*) FROM res WHERE v = 'G' AND table_name = 'payments'), 0::bigint,
          'a table missing in the copy is skipped');
SELECT is((SELECT count(*) FROM res WHERE v = 'G' AND table_name = 'Order Lines'
             AND metric <> 'RowCount' AND metric <> 'ReferentialIntegrity'
             AND metric <> 'CardinalityShapeSimilarity' AND metric <> 'IntertableTrends'), 0::bigint,
          'an empty table gets no single-table rows');
SELECT ok(pg_temp.s('G', 'Order Lines', 'ReferentialIntegrity') IS NULL
          AND pg_temp.s('G', 'Order Lines', 'CardinalityShapeSimilarity') = 0,
          'an empty child: no integrity to measure, every order with 0 lines');

-- per-table options reach synth_evaluate, and the pair trends follow them
SELECT pg_temp.evaluate('T', 'shop a', '{"seed": 7, "tables": {"orders": {"score_columns": ["status"]}}}');
SELECT is((SELECT (detail->>'columns')::int FROM res WHERE v = 'T' AND table_name = 'orders'
             AND metric = 'Column Shapes'), 1, 'option tables: orders scored on status alone');
SELECT is((SELECT (detail->>'pairs')::int FROM res WHERE v = 'T' AND metric = 'IntertableTrends'
             AND table_name = 'orders'), 3, '... and its pair trends are the customer''s 3 columns x status');

-- a foreign key only the copy declares gets its integrity measured
SELECT pg_temp.copy_shop('shop h');
ALTER TABLE "shop h".orders ADD PRIMARY KEY (id);
ALTER TABLE "shop h".payments ADD FOREIGN KEY (id) REFERENCES "shop h".orders;
SELECT pg_temp.evaluate('H', 'shop h', '{"seed": 7, "links": false}');
SELECT is((SELECT string_agg(column_names || '=' || score, ', ' ORDER BY column_names) FROM res
            WHERE v = 'H' AND table_name = 'payments' AND metric = 'ReferentialIntegrity'),
          'id=1, order_id=1', 'a key of the copy alone: one more ReferentialIntegrity row');

-- ---------------------------------------------------------------------------
-- bad input
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT * FROM synth_evaluate_schema('no such schema', 'shop a')$$, '3F000',
                 NULL, 'a missing real schema: 3F000');
SELECT throws_ok($$SELECT * FROM synth_evaluate_schema('Shop Real', 'no such schema')$$, '3F000',
                 NULL, 'a missing synthetic schema: 3F000');
SELECT throws_ok($$SELECT * FROM synth_evaluate_schema(NULL, 'shop a')$$, '22004',
                 NULL, 'a NULL schema: 22004');
SELECT throws_ok($$SELECT * FROM synth_evaluate_schema('Shop Real', 'shop a', '{"max_pair": 3}')$$,
                 '22023', NULL, 'an unknown option: 22023');
SELECT throws_ok($$SELECT * FROM synth_evaluate_schema('Shop Real', 'shop a', '{"tables": {"nope": {}}}')$$,
                 '22023', NULL, 'option tables naming no table of the real schema: 22023');

-- ---------------------------------------------------------------------------
-- synth_report_schema: the same rows as one HTML page
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE page AS SELECT synth_report_schema('Shop Real', 'shop b', '{"seed": 7}') AS html;
SELECT ok((SELECT html LIKE '<!DOCTYPE html>%' AND html LIKE '%</html>' || chr(10) FROM page),
          'synth_report_schema returns one HTML page');
SELECT ok((SELECT html LIKE '%<h2>Foreign keys</h2>%' AND html LIKE '%orders.total = sum(Order Lines.Qty * price)%'
                  AND html LIKE '%Shop Real%' FROM page),
          'it lists the foreign keys and the links');
SELECT ok((SELECT html LIKE '%>' || to_char(pg_temp.s('B', 'orders', 'ReferentialIntegrity'), 'FM0.000') || '<%' FROM page),
          'it shows the dangling copy''s ReferentialIntegrity of orders');
SELECT is((SELECT count(*) FROM page, (SELECT region AS val FROM "Shop Real".customers
             UNION SELECT status FROM "Shop Real".orders) x WHERE page.html LIKE '%' || x.val || '%'),
          0::bigint, 'no real category appears in the page');
SELECT throws_ok($$SELECT synth_report_schema('Shop Real', 'no such schema')$$, '3F000',
                 NULL, 'synth_report_schema: a missing schema: 3F000');

SELECT * FROM finish();
ROLLBACK;
