-- test/bench/clone_schema_setup.sql: the 5-table source schema "bsc" of the
-- schema clone benchmarks (test/bench/clone_schema.sql, clone_schema_memory.sh),
-- 1,000,000 rows in all; drops the schemas the benchmarks make.
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bsc CASCADE;
DROP SCHEMA IF EXISTS bsc_clone CASCADE;
DROP SCHEMA IF EXISTS bsc_ctas CASCADE;
CREATE SCHEMA bsc;
CREATE TABLE bsc.customers (customer_id int PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL,
                            email text UNIQUE, region int NOT NULL, created_at timestamptz NOT NULL);
INSERT INTO bsc.customers
SELECT g, (ARRAY['Avrel','Bentro','Cleoma','Danvik','Evadne','Finnick'])[1 + g % 6],
       (ARRAY['Abbquist','Brenzel','Corvath','Dunwaller','Elsmire','Fornby','Gastrell'])[1 + (g / 6) % 7],
       'c' || g || '@real.test', 1 + g % 12,
       timestamptz '2020-01-01' + (g * 37 % 1000) * interval '1 day' + (g % 86400) * interval '1 second'
FROM generate_series(1, 100000) g;
CREATE TABLE bsc.products (product_id int PRIMARY KEY, name text NOT NULL, price numeric(8,2) NOT NULL);
INSERT INTO bsc.products SELECT g, 'Product ' || g, round((2 + (g * 7919 % 9700) / 100.0)::numeric, 2)
FROM generate_series(1, 2000) g;
CREATE TABLE bsc.orders (order_id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES bsc.customers,
                         ordered_at timestamptz NOT NULL, ship_name text NOT NULL, total numeric(12,2) NOT NULL);
INSERT INTO bsc.orders
SELECT g, c.customer_id, c.created_at + (g % 400) * interval '1 day', c.last_name, 0
FROM generate_series(1, 300000) g
JOIN bsc.customers c ON c.customer_id = 1 + (floor(100000 * power((g * 0.6180339887) % 1, 1.5)))::int;
CREATE TABLE bsc.order_lines (line_id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES bsc.orders,
                              product_id int NOT NULL REFERENCES bsc.products, qty int NOT NULL,
                              unit_price numeric(8,2) NOT NULL);
INSERT INTO bsc.order_lines
SELECT g, 1 + (g * 7) % 300000, p.product_id, 1 + g % 3, p.price
FROM generate_series(1, 498000) g JOIN bsc.products p ON p.product_id = 1 + (g * 13) % 2000;
UPDATE bsc.orders o SET total = s.t FROM (SELECT order_id, sum(qty * unit_price) t FROM bsc.order_lines GROUP BY order_id) s
WHERE s.order_id = o.order_id;
CREATE TABLE bsc.payments (payment_id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES bsc.orders,
                           paid_at timestamptz NOT NULL, amount numeric(12,2) NOT NULL);
INSERT INTO bsc.payments SELECT o.order_id, o.order_id, o.ordered_at + (1 + o.order_id % 48) * interval '1 hour', o.total
FROM bsc.orders o WHERE o.order_id % 3 = 0;
VACUUM ANALYZE;
RESET client_min_messages;
