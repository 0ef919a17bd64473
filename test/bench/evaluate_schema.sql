-- Benchmark: synth_evaluate_schema of a 5-table schema of about 100,000 rows
-- (1,000 products, 10,000 customers, 30,000 orders, 50,000 order lines,
-- 10,000 payments; 5 foreign keys, an exact total, orderings in time)
-- against its copy, compared with the sum of the per-table synth_evaluate
-- calls on the same tables in the same run (what a user would run without
-- it).  The copy moves 5% of the orders to another customer, shuffles the
-- order statuses and puts 2% of the payments before their order.
-- Run from the repository root:   psql -X -f test/bench/evaluate_schema.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench_es_real, bench_es_copy CASCADE;
RESET client_min_messages;

CREATE SCHEMA bench_es_real;
CREATE TABLE bench_es_real.products (id int PRIMARY KEY, category text NOT NULL, list_price numeric NOT NULL);
CREATE TABLE bench_es_real.customers (id int PRIMARY KEY, region text NOT NULL, age int NOT NULL,
                                      created date NOT NULL);
CREATE TABLE bench_es_real.orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES bench_es_real.customers,
                                   placed date NOT NULL, status text NOT NULL, total numeric);
CREATE TABLE bench_es_real.order_lines (id int PRIMARY KEY, order_id int NOT NULL REFERENCES bench_es_real.orders,
                                        product_id int NOT NULL REFERENCES bench_es_real.products,
                                        qty int NOT NULL, price numeric NOT NULL);
CREATE TABLE bench_es_real.payments (id int PRIMARY KEY, order_id int NOT NULL REFERENCES bench_es_real.orders,
                                     paid date NOT NULL, amount numeric NOT NULL);

INSERT INTO bench_es_real.products
SELECT i, (ARRAY['books', 'garden', 'toys', 'tools', 'food'])[1 + i % 5], 1 + (i * 37) % 200
FROM generate_series(1, 1000) i;
INSERT INTO bench_es_real.customers
SELECT i, (ARRAY['north', 'south', 'east', 'west'])[1 + i % 4], 18 + (i * 31) % 60,
       date '2018-01-01' + (i * 13) % 1500
FROM generate_series(1, 10000) i;
INSERT INTO bench_es_real.orders (id, customer_id, placed, status)
SELECT i, c.id, c.created + 1 + (i * 7) % 400,
       CASE WHEN (c.age + i) % 5 = 0 THEN 'open' WHEN c.id % 4 = 0 THEN 'returned' ELSE 'paid' END
FROM generate_series(1, 30000) i
JOIN bench_es_real.customers c ON c.id = 1 + ((i * 7919) % 10000) * ((i % 3) + 1) % 10000;
INSERT INTO bench_es_real.order_lines
SELECT i, 1 + (i::bigint * 104729) % 30000, 1 + (i * 31) % 1000, 1 + i % 4, 1 + (i * 37) % 200
FROM generate_series(1, 50000) i;
UPDATE bench_es_real.orders o SET total = coalesce(s.t, 0)
FROM (SELECT order_id, sum(qty * price) t FROM bench_es_real.order_lines GROUP BY 1) s
WHERE s.order_id = o.id;
UPDATE bench_es_real.orders SET total = 0 WHERE total IS NULL;
INSERT INTO bench_es_real.payments
SELECT i, o.id, o.placed + o.id % 20, o.total
FROM generate_series(1, 10000) i JOIN bench_es_real.orders o ON o.id = 3 * i;

CREATE SCHEMA bench_es_copy;
CREATE TABLE bench_es_copy.products AS TABLE bench_es_real.products;
CREATE TABLE bench_es_copy.customers AS TABLE bench_es_real.customers;
CREATE TABLE bench_es_copy.orders AS
SELECT id, CASE WHEN id % 20 = 0 THEN 1 + (customer_id * 17) % 10000 ELSE customer_id END AS customer_id,
       placed, (ARRAY['open', 'paid', 'paid', 'returned'])[1 + (id * 13) % 4] AS status, total
FROM bench_es_real.orders;
CREATE TABLE bench_es_copy.order_lines AS TABLE bench_es_real.order_lines;
CREATE TABLE bench_es_copy.payments AS
SELECT id, order_id, CASE WHEN id % 50 = 0 THEN paid - 30 ELSE paid END AS paid, amount
FROM bench_es_real.payments;
ANALYZE;

SELECT (SELECT count(*) FROM bench_es_real.products) + (SELECT count(*) FROM bench_es_real.customers)
     + (SELECT count(*) FROM bench_es_real.orders) + (SELECT count(*) FROM bench_es_real.order_lines)
     + (SELECT count(*) FROM bench_es_real.payments) AS real_rows;

CREATE TEMP TABLE bench_times (round int, step text, seconds float8);
DO $$
DECLARE
    t0 timestamptz;
    r int;
    t text;
BEGIN
    FOR r IN 1..2 LOOP
        t0 := clock_timestamp();
        FOREACH t IN ARRAY ARRAY['products', 'customers', 'orders', 'order_lines', 'payments'] LOOP
            PERFORM count(*) FROM synth_evaluate(format('bench_es_real.%I', t)::regclass,
                                                 format('bench_es_copy.%I', t)::regclass, '{"seed": 1}');
        END LOOP;
        INSERT INTO bench_times VALUES (r, 'sum of synth_evaluate per table',
                                        extract(epoch FROM clock_timestamp() - t0));
        t0 := clock_timestamp();
        PERFORM count(*) FROM synth_evaluate_schema('bench_es_real', 'bench_es_copy', '{"seed": 1}');
        INSERT INTO bench_times VALUES (r, 'synth_evaluate_schema',
                                        extract(epoch FROM clock_timestamp() - t0));
        t0 := clock_timestamp();
        PERFORM count(*) FROM synth_evaluate_schema('bench_es_real', 'bench_es_copy', '{"seed": 1, "links": false}');
        INSERT INTO bench_times VALUES (r, 'synth_evaluate_schema, links => false',
                                        extract(epoch FROM clock_timestamp() - t0));
    END LOOP;
END $$;

SELECT step, round(min(seconds)::numeric, 2) AS best_seconds FROM bench_times GROUP BY step ORDER BY step;
SELECT round((min(seconds) FILTER (WHERE step = 'synth_evaluate_schema')
            / min(seconds) FILTER (WHERE step LIKE 'sum%'))::numeric, 2) AS ratio,
       round((min(seconds) FILTER (WHERE step LIKE '%links => false')
            / min(seconds) FILTER (WHERE step LIKE 'sum%'))::numeric, 2) AS ratio_without_links
FROM bench_times;

-- what the copy's breaks look like in the report
SELECT table_name, metric, column_names, round(score::numeric, 3) AS score
FROM synth_evaluate_schema('bench_es_real', 'bench_es_copy', '{"seed": 1}')
WHERE metric IN ('ReferentialIntegrity', 'CardinalityShapeSimilarity', 'IntertableTrends',
                 'ExactAggregate', 'DenormalisedCopy', 'Ordering', 'Schema Quality');

DROP SCHEMA bench_es_real, bench_es_copy CASCADE;
