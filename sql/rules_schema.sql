-- rule-constrained rows: a realistic schema filled in foreign-key order
SET synthdata.progress = off;
SET client_min_messages = warning;
\i test/schema.sql
RESET client_min_messages;

SHOW synthdata.progress;

-- parents before children, whatever the order of the counts
SELECT table_name, rows
FROM synth_fill_schema('{"shop.order_items": 900, "shop.orders": 300, "shop.customers": 100,
                         "shop.products": 50, "shop.employees": 40, "shop.events": 200}',
                       seed => 7);

-- every constraint holds (the executor checked them too) and the shapes are sensible
SELECT count(*) AS customers,
       count(DISTINCT email) = count(*) AS emails_unique,
       count(DISTINCT customer_id) = count(*) AND min(customer_id) = 1 AS identity_used,
       bool_and(updated_at >= created_at) AS updated_after_created,
       bool_and(birth_date BETWEEN '1920-01-01' AND '2008-12-31') AS birth_in_range,
       bool_and(country ~ '^[A-Z]{2}$') AS country_domain,
       count(deleted_at) BETWEEN 1 AND 30 AS few_deleted
FROM shop.customers;
SELECT count(*) AS products,
       count(DISTINCT sku) = count(*) AS sku_unique,
       bool_and(length(sku) <= 12) AS sku_fits,
       bool_and(cost < price AND price > 0 AND cost >= 0) AS cost_below_price,
       mode() WITHIN GROUP (ORDER BY stock) = 0 AND count(DISTINCT stock) > 1 AS stock_default_mode,
       bool_and(weight_kg > 0 AND weight_kg < 50) AS weight_range
FROM shop.products;
SELECT count(*) AS orders,
       count(DISTINCT customer_id) > 50 AS many_customers,
       bool_and(customer_id IN (SELECT customer_id FROM shop.customers)) AS fk_ok,
       bool_and(shipped_at > ordered_at) AS shipped_after,
       bool_and(channel IN ('web', 'store', 'phone')) AS channel_in_list,
       count(DISTINCT status) = 5 AS all_statuses,
       bool_and(ordered_at = date_trunc('second', ordered_at)) AS timestamp0
FROM shop.orders;
SELECT count(*) AS items,
       count(DISTINCT (order_id, line_no)) = count(*) AS composite_key_unique,
       bool_and(line_no BETWEEN 1 AND 50 AND quantity BETWEEN 1 AND 20) AS checks_ok,
       bool_and(line_total = quantity * unit_price) AS generated_column
FROM shop.order_items;
SELECT count(*) AS employees,
       count(*) FILTER (WHERE manager_id IS NULL) AS roots,
       bool_and(manager_id IS NULL OR manager_id IN (SELECT employee_id FROM shop.employees)) AS managers_exist,
       bool_and(left_on IS NULL OR left_on > hired_on) AS left_after_hired,
       count(DISTINCT uid) = count(*) AS uuids_unique,
       bool_and(salary BETWEEN 20000 AND 250000) AS salary_range
FROM shop.employees;
SELECT tableoid::regclass AS partition, count(*) > 50 AS filled
FROM shop.events GROUP BY 1 ORDER BY 1;

-- more rows into tables that have rows: no collision with what is there
SELECT synth_fill('shop.products', 200, seed => 7) AS products_again;
SELECT synth_fill('shop.customers', 100, seed => 7) AS customers_again;
SELECT synth_fill('shop.employees', 60, seed => 8) AS employees_again;
SELECT count(*) AS products, count(DISTINCT product_id) = count(*) AS ids_unique,
       count(DISTINCT sku) = count(*) AS skus_unique
FROM shop.products;
SELECT count(*) AS customers, count(DISTINCT email) = count(*) AS emails_unique,
       count(DISTINCT phone) = count(phone) AS phones_unique
FROM shop.customers;
SELECT count(*) AS employees, count(*) FILTER (WHERE manager_id IS NULL) AS roots
FROM shop.employees;
-- composite keys too: the partitioned events, order lines, a key with a rule column
SELECT synth_fill('shop.events', 300, seed => 7) AS events_again;
SELECT synth_fill('shop.order_items', 500, seed => 7) AS items_again;
SELECT count(*) AS events, count(DISTINCT (event_id, happened_at)) = count(*) AS key_unique,
       count(DISTINCT happened_at) > 400 AS times_vary
FROM shop.events;
SELECT count(*) AS items, count(DISTINCT (order_id, line_no)) = count(*) AS key_unique FROM shop.order_items;
CREATE TABLE shop.pairs (a int, b int, PRIMARY KEY (a, b));
SELECT synth_fill('shop.pairs', 50, '{"a": "int(1, 3)"}', seed => 1) AS first,
       synth_fill('shop.pairs', 50, '{"a": "int(1, 3)"}', seed => 1) AS second;
SELECT count(*) AS pairs, count(DISTINCT (a, b)) = count(*) AS key_unique FROM shop.pairs;
-- a composite foreign key draws whole parent keys
CREATE TABLE shop.pair_refs (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL,
                             FOREIGN KEY (a, b) REFERENCES shop.pairs);
SELECT synth_fill('shop.pair_refs', 300, seed => 1);
SELECT count(*) AS refs, count(DISTINCT (a, b)) > 50 AS many_parents,
       bool_and((a, b) IN (SELECT a, b FROM shop.pairs)) AS parents_exist
FROM shop.pair_refs;

-- reproducible: the same seed and the same parent rows give the same rows
SELECT (SELECT md5(string_agg(r::text, '|')) FROM synth_rows(NULL::shop.orders, 200, seed => 3) r)
     = (SELECT md5(string_agg(r::text, '|')) FROM synth_rows(NULL::shop.orders, 200, seed => 3) r)
       AS same_rows;

-- fan-out: uniform by default, Zipf on request, or every parent in turn
SELECT max(c) > 3 * avg(c) AS zipf_skewed
FROM (SELECT customer_id, count(*) AS c
      FROM synth_rows(NULL::shop.orders, 5000, '{"customer_id": {"fanout": "zipf(1.2)"}}', seed => 1)
      GROUP BY 1) s;
SELECT min(c) = max(c) AS each_parent_equally, count(*) = (SELECT count(*) FROM shop.customers) AS all_parents
FROM (SELECT customer_id, count(*) AS c
      FROM synth_rows(NULL::shop.orders, 4000, '{"customer_id": {"fanout": "each"}}', seed => 1)
      GROUP BY 1) s;

-- rules per table in a schema fill; a rule on an FK column replaces the draw
TRUNCATE shop.order_items;
SELECT table_name, rows FROM synth_fill_schema('{"shop.order_items": 100}',
    '{"shop.order_items": {"quantity": "1", "unit_price": "9.99"}}', seed => 2);
SELECT count(*) AS items, bool_and(quantity = 1 AND unit_price = 9.99) AS rules_applied
FROM shop.order_items;

-- a referenced table that is neither listed nor filled
CREATE TABLE shop.lonely_parent (id int PRIMARY KEY);
CREATE TABLE shop.lonely_child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES shop.lonely_parent);
SELECT * FROM synth_fill_schema('{"shop.lonely_child": 10}', seed => 1);
-- a nullable FK to an empty table is left NULL
CREATE TABLE shop.maybe_child (id int PRIMARY KEY, parent_id int REFERENCES shop.lonely_parent);
SELECT count(*), count(parent_id) FROM synth_rows(NULL::shop.maybe_child, 5, seed => 1);

-- cycles: broken at a nullable foreign key, an error when every key is NOT NULL
CREATE TABLE shop.teams (team_id int PRIMARY KEY, lead_id int);
CREATE TABLE shop.members (member_id int PRIMARY KEY, team_id int NOT NULL REFERENCES shop.teams);
ALTER TABLE shop.teams ADD FOREIGN KEY (lead_id) REFERENCES shop.members;
SELECT table_name, rows FROM synth_fill_schema('{"shop.members": 30, "shop.teams": 5}', seed => 1);
SELECT count(*) AS teams, count(lead_id) AS leads FROM shop.teams;
CREATE TABLE shop.chicken (id int PRIMARY KEY, egg_id int NOT NULL);
CREATE TABLE shop.egg (id int PRIMARY KEY, chicken_id int NOT NULL REFERENCES shop.chicken);
ALTER TABLE shop.chicken ADD FOREIGN KEY (egg_id) REFERENCES shop.egg;
SELECT * FROM synth_fill_schema('{"shop.chicken": 1, "shop.egg": 1}', seed => 1);
-- bad counts
SELECT * FROM synth_fill_schema('[1]');
SELECT * FROM synth_fill_schema('{"shop.nonexistent": 1}');
SELECT * FROM synth_fill_schema('{"shop.teams": -1}');
SELECT * FROM synth_fill_schema('{"shop.teams": "many"}');
SELECT * FROM synth_fill_schema('{"shop.teams": 1}', '{"shop.members": {}}');
SELECT * FROM synth_fill_schema('{"shop.teams": 1}', '{"shop.teams": [1]}');

-- all or nothing: an error on the 50th row leaves the table as it was
CREATE TABLE shop.fragile (id int PRIMARY KEY, v int);
CREATE FUNCTION shop.fragile_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT count(*) FROM shop.fragile) >= 49 THEN
        RAISE EXCEPTION 'fragile table is full';
    END IF;
    NEW.v := 7;   -- triggers run as for any INSERT
    RETURN NEW;
END $$;
CREATE TRIGGER fragile_guard BEFORE INSERT ON shop.fragile FOR EACH ROW EXECUTE FUNCTION shop.fragile_guard();
SELECT synth_fill('shop.fragile', 100, seed => 1);
SELECT count(*) AS rows_after_error FROM shop.fragile;
SELECT synth_fill('shop.fragile', 10, seed => 1);
SELECT count(*), bool_and(v = 7) AS trigger_ran FROM shop.fragile;

-- CHECK constraints that cannot be met, or that no generator shape satisfies
CREATE TABLE shop.impossible (x int CHECK (x > 10 AND x < 5));
SELECT * FROM synth_rows(NULL::shop.impossible, 1, seed => 1);
CREATE TABLE shop.picky (x int, CONSTRAINT picky_hash CHECK (md5(x::text) = 'nope'));
SELECT * FROM synth_rows(NULL::shop.picky, 1, seed => 1);
SELECT x FROM synth_rows(NULL::shop.picky, 1, '{"x": "null"}', seed => 1);
CREATE TABLE shop.tiny (flag boolean PRIMARY KEY);
SELECT synth_fill('shop.tiny', 3, seed => 1);
CREATE TABLE shop.gen (a int, b int GENERATED ALWAYS AS (a * 2) STORED, c int GENERATED ALWAYS AS IDENTITY);
SELECT * FROM synth_rows(NULL::shop.gen, 1, '{"b": "1"}');
SELECT * FROM synth_rows(NULL::shop.gen, 1, '{"c": "1"}');
SELECT synth_fill('shop.gen', 3, '{"a": "seq()"}', seed => 1);
SELECT a, b, c FROM shop.gen ORDER BY a;

-- quoted identifiers and a schema that is not on the search path
CREATE SCHEMA "Odd Schema";
CREATE TABLE "Odd Schema"."My Table" ("Mixed Case" int PRIMARY KEY, "select" text NOT NULL CHECK ("select" <> ''));
SELECT synth_fill('"Odd Schema"."My Table"', 20, '{"select": "''v'' || \"Mixed Case\""}', seed => 1);
SELECT count(*), bool_and("select" = 'v' || "Mixed Case") AS rule_on_quoted FROM "Odd Schema"."My Table";

-- the caller's privileges and row-level security
CREATE ROLE synth_rls_user LOGIN;
CREATE TABLE shop.notes (id int PRIMARY KEY, owner text NOT NULL, body text);
ALTER TABLE shop.notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_notes ON shop.notes USING (owner = current_user) WITH CHECK (owner = current_user);
GRANT USAGE ON SCHEMA shop TO synth_rls_user;
GRANT SELECT ON shop.notes TO synth_rls_user;
SET ROLE synth_rls_user;
SELECT synth_fill('shop.notes', 5, seed => 1);
RESET ROLE;
GRANT INSERT ON shop.notes TO synth_rls_user;
SET ROLE synth_rls_user;
SELECT synth_fill('shop.notes', 5, seed => 1);
SELECT synth_fill('shop.notes', 5, '{"owner": "''synth_rls_user''"}', seed => 1);
RESET ROLE;
SELECT count(*), bool_and(owner = 'synth_rls_user') AS policy_obeyed FROM shop.notes;
DROP OWNED BY synth_rls_user;
DROP ROLE synth_rls_user;

-- bad arguments
SELECT synth_fill(NULL, 1);
SELECT synth_fill('shop.notes', -1);
SELECT synth_fill('shop.notes', 0);
SELECT synth_fill('shop.no_such_table', 1);

DROP SCHEMA "Odd Schema" CASCADE;
SET client_min_messages = warning;
DROP SCHEMA shop CASCADE;
