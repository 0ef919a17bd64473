-- test/bench/clone_schema.sql: synth_clone_schema of a 5-table schema of
-- 1,000,000 rows in all, against CREATE TABLE AS copies of the same tables
-- in the same run (target: at most 3x).
--
-- customers 100,000 (names, unique emails, a region) <- orders 300,000
-- (ship_name copies the customer's name, total = sum of the lines, after the
-- customer's creation) <- order_lines 498,000 (unit_price copies the
-- product's price) -> products 2,000; payments 100,000 after their order.
-- Two rounds of each; the ratio of the best times is reported, with the
-- links' hold rates in the clone.  A second baseline adds the source's
-- keys, unique constraint and foreign keys to the copies: the structure
-- the clone builds too.
--   psql -X -f test/bench/clone_schema.sql
\set ON_ERROR_STOP on
\ir clone_schema_setup.sql

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
DECLARE
    -- CREATE TABLE AS copies of the five tables in a schema of their own
    copies constant text := $q$CREATE SCHEMA %1$I;
        CREATE TABLE %1$I.customers AS SELECT * FROM bsc.customers;
        CREATE TABLE %1$I.products AS SELECT * FROM bsc.products;
        CREATE TABLE %1$I.orders AS SELECT * FROM bsc.orders;
        CREATE TABLE %1$I.order_lines AS SELECT * FROM bsc.order_lines;
        CREATE TABLE %1$I.payments AS SELECT * FROM bsc.payments$q$;
BEGIN
    FOR r IN 1 .. 2 LOOP
        DROP SCHEMA IF EXISTS bsc_ctas CASCADE;
        DROP SCHEMA IF EXISTS bsc_struct CASCADE;
        DROP SCHEMA IF EXISTS bsc_clone CASCADE;
        PERFORM pg_temp.timeit('ctas ' || r, format(copies, 'bsc_ctas'));
        -- the same copies with the source's keys, unique constraint and
        -- foreign keys: the structure the clone builds too
        PERFORM pg_temp.timeit('ctas + structure ' || r, format(copies, 'bsc_struct') || $q$;
            ALTER TABLE bsc_struct.customers ADD PRIMARY KEY (customer_id), ADD UNIQUE (email);
            ALTER TABLE bsc_struct.products ADD PRIMARY KEY (product_id);
            ALTER TABLE bsc_struct.orders ADD PRIMARY KEY (order_id),
                ADD FOREIGN KEY (customer_id) REFERENCES bsc_struct.customers;
            ALTER TABLE bsc_struct.order_lines ADD PRIMARY KEY (line_id),
                ADD FOREIGN KEY (order_id) REFERENCES bsc_struct.orders,
                ADD FOREIGN KEY (product_id) REFERENCES bsc_struct.products;
            ALTER TABLE bsc_struct.payments ADD PRIMARY KEY (payment_id),
                ADD FOREIGN KEY (order_id) REFERENCES bsc_struct.orders$q$);
        PERFORM pg_temp.timeit('clone ' || r, $q$SELECT count(*) FROM synth_clone_schema('bsc', 'bsc_clone', seed => 1)$q$);
    END LOOP;
END $$;
RESET client_min_messages;

SELECT what, round(seconds::numeric, 2) AS seconds FROM timings ORDER BY what;
SELECT round((SELECT min(seconds) FROM timings WHERE what LIKE 'ctas _')::numeric, 2) AS best_ctas,
       round((SELECT min(seconds) FROM timings WHERE what LIKE 'ctas + structure%')::numeric, 2) AS best_ctas_structure,
       round((SELECT min(seconds) FROM timings WHERE what LIKE 'clone%')::numeric, 2) AS best_clone,
       round(((SELECT min(seconds) FROM timings WHERE what LIKE 'clone%')
            / (SELECT min(seconds) FROM timings WHERE what LIKE 'ctas _'))::numeric, 2) AS ratio_clone_to_ctas,
       round(((SELECT min(seconds) FROM timings WHERE what LIKE 'clone%')
            / (SELECT min(seconds) FROM timings WHERE what LIKE 'ctas + structure%'))::numeric, 2)
         AS ratio_clone_to_same_structure;
SELECT (SELECT sum(n) FROM (SELECT count(*) n FROM bsc_clone.customers UNION ALL SELECT count(*) FROM bsc_clone.orders
        UNION ALL SELECT count(*) FROM bsc_clone.order_lines UNION ALL SELECT count(*) FROM bsc_clone.products
        UNION ALL SELECT count(*) FROM bsc_clone.payments) s) AS clone_rows,
       (SELECT count(*) FROM bsc_clone.orders o JOIN bsc_clone.customers c USING (customer_id) WHERE o.ship_name <> c.last_name) AS ship_name_broken,
       (SELECT count(*) FROM bsc_clone.orders o LEFT JOIN (SELECT order_id, sum(qty * unit_price) t FROM bsc_clone.order_lines GROUP BY order_id) l
        USING (order_id) WHERE o.total <> coalesce(l.t, 0)) AS totals_broken,
       (SELECT count(*) FROM bsc_clone.payments p JOIN bsc_clone.orders o USING (order_id) WHERE p.paid_at < o.ordered_at) AS payments_before_order;
DROP SCHEMA bsc, bsc_clone, bsc_ctas, bsc_struct CASCADE;
