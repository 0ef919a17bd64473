-- test/demo.sql: what test/demo.sh shows.  Each part is safe to run again.
\pset footer off
\set ON_ERROR_STOP on

-- 1. Seeded, reproducible sampling: the same seed gives the same rows.
SELECT round(x::numeric, 3) AS x FROM synth_normal(5, mean => 50, stddev => 10, seed => 42) AS x;

-- Row i depends only on (seed, i): rows 3-5 of the same stream.
SELECT round(x::numeric, 3) AS x FROM synth_normal(3, mean => 50, stddev => 10, seed => 42, start => 2) AS x;

-- Ten million draws, summarised; and a few other families.
SELECT count(*), round(avg(x)::numeric, 3) AS mean, round(stddev(x)::numeric, 3) AS sd
FROM synth_normal(10000000, seed => 1) AS x;
SELECT synth_poisson(5, 3.5, seed => 1) AS poisson, synth_choice(5, ARRAY['red','green','blue'], ARRAY[5,3,1]::float8[], seed => 1) AS colour;

-- 2. Fake values: one consistent person per row.
SELECT n, f.full_name, e.email
FROM synth_fake(5, 'full_name', seed => 3) WITH ORDINALITY AS f(full_name, n)
JOIN synth_fake(5, 'email', seed => 3) WITH ORDINALITY AS e(email, n) USING (n);

-- 3. Rule-constrained rows: a shop schema filled in foreign-key order, every constraint honoured.
\echo '-- creating the shop schema of test/schema.sql (customers, products, orders, order_items, ...)'
\set ECHO none
SET client_min_messages = warning;
\o /dev/null
\ir schema.sql
\o
RESET client_min_messages;
\set ECHO queries
SELECT * FROM synth_fill_schema(
    '{"shop.customers": 1000, "shop.products": 200, "shop.orders": 5000, "shop.order_items": 15000}',
    seed => 42);
SELECT customer_id, first_name, last_name, email, country, birth_date FROM shop.customers ORDER BY customer_id LIMIT 5;


-- 4. Anonymizing fitted cloning: a faithful copy of a real clinical table (Mayo Clinic PBC
--    trial, test/data/survival_pbc.csv) with no real row, no identifier and no rare value.
--    The model is a JSON document of aggregates a reviewer can read before it leaves.
SELECT jsonb_path_query_array(synth_fit('survival_pbc'), '$.columns[*] ? (@.role != "attribute").name') AS non_attribute_columns;
SET client_min_messages = warning;
DROP TABLE IF EXISTS pbc_copy;
RESET client_min_messages;
SELECT synth_clone_table('survival_pbc', 'pbc_copy', seed => 42) AS rows_cloned;
SELECT id, round(age::numeric, 1) AS age, sex, bili, albumin, stage, status FROM pbc_copy ORDER BY id LIMIT 5;

-- 5. How faithful, how private?  SDMetrics scores of the copy against the real table, each
--    explained in its row.  Seeded like every call of this demo, so the scores printed are the
--    same on every run.
SELECT metric, round(score::numeric, 3) AS score,
       CASE metric
         WHEN 'Column Shapes' THEN 'each column''s distribution vs the real one (1 - KS or TV distance), averaged'
         WHEN 'Column Pair Trends' THEN 'correlations and contingency tables of column pairs vs the real ones, averaged'
         WHEN 'Quality' THEN 'the mean of Column Shapes and Column Pair Trends'
         WHEN 'Data Validity' THEN 'share of synthetic values inside the real ranges and categories'
         WHEN 'ExactCopies' THEN '1 - share of synthetic rows that are a real row verbatim (1 = none)'
         WHEN 'NewRowSynthesis' THEN 'share of synthetic rows near no real row (1 = all new)'
         WHEN 'DCRBaselineProtection' THEN 'median distance to the closest real row vs that of uniform random rows (1 = as far as noise)'
         WHEN 'DCROverfittingProtection' THEN 'synthetic rows no closer to the training rows than to held-out real rows (1 = none closer)'
         ELSE 'see synth_evaluate in README.md'
       END AS meaning
FROM synth_evaluate('survival_pbc', 'pbc_copy', '{"seed": 42}')
WHERE column_name IS NULL ORDER BY metric;
SELECT * FROM synth_compare('survival_pbc', 'pbc_copy', 'stage');
