-- test/bench/clone_schema.sql: synth_clone_schema of a 5-table schema of
-- 1,000,000 rows in all, against CREATE TABLE AS copies of the same tables
-- in the same run (target: at most 3x).
--
-- customers 100,000 (names, unique emails, a region) <- orders 300,000
-- (ship_name copies the customer's name, total = sum of the lines, after the
-- customer's creation) <- order_lines 498,000 (unit_price copies the
-- product's price) -> products 2,000; payments 100,000 after their order.
-- Two rounds of each; the ratio of the best times is reported, with the
-- links' hold rates in the clone.
--   psql -X -f test/bench/clone_schema.sql
\set ON_ERROR_STOP on
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

CREATE TEMP TABLE timings (what text PRIMARY KEY, seconds float8);
CREATE FUNCTION pg_temp.timeit(what text, sql text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
    s float8;
BEGIN
    EXECUTE sql;
    s := extract(epoch FROM clock_timestamp() - t0);
    INSERT INTO timings VALUES (what, s);
    RETURN s;
END $$;

SET client_min_messages = warning;
DO $$
BEGIN
    FOR r IN 1 .. 2 LOOP
        DROP SCHEMA IF EXISTS bsc_ctas CASCADE;
        DROP SCHEMA IF EXISTS bsc_clone CASCADE;
        PERFORM pg_temp.timeit('ctas ' || r, $q$CREATE SCHEMA bsc_ctas;
            CREATE TABLE bsc_ctas.customers AS SELECT * FROM bsc.customers;
            CREATE TABLE bsc_ctas.products AS SELECT * FROM bsc.products;
            CREATE TABLE bsc_ctas.orders AS SELECT * FROM bsc.orders;
            CREATE TABLE bsc_ctas.order_lines AS SELECT * FROM bsc.order_lines;
            CREATE TABLE bsc_ctas.payments AS SELECT * FROM bsc.payments$q$);
        PERFORM pg_temp.timeit('clone ' || r, $q$SELECT count(*) FROM synth_clone_schema('bsc', 'bsc_clone', seed => 1)$q$);
    END LOOP;
END $$;
RESET client_min_messages;

SELECT what, round(seconds::numeric, 2) AS seconds FROM timings ORDER BY what;
SELECT round((SELECT min(seconds) FROM timings WHERE what LIKE 'ctas%')::numeric, 2) AS best_ctas,
       round((SELECT min(seconds) FROM timings WHERE what LIKE 'clone%')::numeric, 2) AS best_clone,
       round(((SELECT min(seconds) FROM timings WHERE what LIKE 'clone%')
            / (SELECT min(seconds) FROM timings WHERE what LIKE 'ctas%'))::numeric, 2) AS ratio_clone_to_ctas;
SELECT (SELECT sum(n) FROM (SELECT count(*) n FROM bsc_clone.customers UNION ALL SELECT count(*) FROM bsc_clone.orders
        UNION ALL SELECT count(*) FROM bsc_clone.order_lines UNION ALL SELECT count(*) FROM bsc_clone.products
        UNION ALL SELECT count(*) FROM bsc_clone.payments) s) AS clone_rows,
       (SELECT count(*) FROM bsc_clone.orders o JOIN bsc_clone.customers c USING (customer_id) WHERE o.ship_name <> c.last_name) AS ship_name_broken,
       (SELECT count(*) FROM bsc_clone.orders o LEFT JOIN (SELECT order_id, sum(qty * unit_price) t FROM bsc_clone.order_lines GROUP BY order_id) l
        USING (order_id) WHERE o.total <> coalesce(l.t, 0)) AS totals_broken,
       (SELECT count(*) FROM bsc_clone.payments p JOIN bsc_clone.orders o USING (order_id) WHERE p.paid_at < o.ordered_at) AS payments_before_order;
DROP SCHEMA bsc, bsc_clone, bsc_ctas CASCADE;
