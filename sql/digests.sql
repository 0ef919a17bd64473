-- Digests of seeded outputs: every sampling family, fake kinds, synth_rows
-- and synth_fill_schema of the shop schema, synth_fit models and
-- synth_clone_table rows of real tables, evaluate/impute/augment results.
-- A change that must not change behaviour (a restructuring) keeps every
-- digest; a change that means to change output updates this file's expected
-- output in the same commit and says so.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET extra_float_digits = 1;
SET synthdata.progress = off;

-- md5 of a query's rows, in the order the query gives them
CREATE FUNCTION pg_temp.dg(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
    EXECUTE 'SELECT pg_catalog.md5(pg_catalog.string_agg(s.x::text, E''\n'' ORDER BY s.n))'
         || ' FROM (SELECT q AS x, pg_catalog.row_number() OVER () AS n FROM (' || q || ') AS q) AS s'
       INTO r;
    RETURN r;
END $$;

-- 1. every sampling family (1000 rows, seed 7, from row 3) and its scalar twin
CREATE TEMP TABLE digest_calls (name text PRIMARY KEY, q text NOT NULL);
INSERT INTO digest_calls VALUES
 ('uniform', 'SELECT * FROM synth_uniform(1000, -2, 5, seed => 7, start => 3)'),
 ('normal', 'SELECT * FROM synth_normal(1000, 3, 2, seed => 7, start => 3)'),
 ('lognormal', 'SELECT * FROM synth_lognormal(1000, 0.5, 0.8, seed => 7, start => 3)'),
 ('exponential', 'SELECT * FROM synth_exponential(1000, 2, seed => 7, start => 3)'),
 ('gamma', 'SELECT * FROM synth_gamma(1000, 0.7, 2, seed => 7, start => 3)'),
 ('gamma_big', 'SELECT * FROM synth_gamma(1000, 9, 2, seed => 7, start => 3)'),
 ('beta', 'SELECT * FROM synth_beta(1000, 0.5, 3, seed => 7, start => 3)'),
 ('chisq', 'SELECT * FROM synth_chisq(1000, 4, seed => 7, start => 3)'),
 ('student_t', 'SELECT * FROM synth_student_t(1000, 3, seed => 7, start => 3)'),
 ('weibull', 'SELECT * FROM synth_weibull(1000, 1.5, 2, seed => 7, start => 3)'),
 ('pareto', 'SELECT * FROM synth_pareto(1000, 2.5, 1, seed => 7, start => 3)'),
 ('cauchy', 'SELECT * FROM synth_cauchy(1000, 1, 2, seed => 7, start => 3)'),
 ('logistic', 'SELECT * FROM synth_logistic(1000, 1, 2, seed => 7, start => 3)'),
 ('laplace', 'SELECT * FROM synth_laplace(1000, 1, 2, seed => 7, start => 3)'),
 ('triangular', 'SELECT * FROM synth_triangular(1000, 0, 0.3, 2, seed => 7, start => 3)'),
 ('truncnormal', 'SELECT * FROM synth_truncnormal(1000, 0, 1, -0.5, 2, seed => 7, start => 3)'),
 ('von_mises', 'SELECT * FROM synth_von_mises(1000, 0.5, 4, seed => 7, start => 3)'),
 ('int', 'SELECT * FROM synth_int(1000, -50, 1000000, seed => 7, start => 3)'),
 ('bernoulli', 'SELECT * FROM synth_bernoulli(1000, 0.3, seed => 7, start => 3)'),
 ('binomial', 'SELECT * FROM synth_binomial(1000, 40, 0.3, seed => 7, start => 3)'),
 ('poisson', 'SELECT * FROM synth_poisson(1000, 3.5, seed => 7, start => 3)'),
 ('poisson_big', 'SELECT * FROM synth_poisson(1000, 350, seed => 7, start => 3)'),
 ('geometric', 'SELECT * FROM synth_geometric(1000, 0.2, seed => 7, start => 3)'),
 ('negbinomial', 'SELECT * FROM synth_negbinomial(1000, 2.5, 0.4, seed => 7, start => 3)'),
 ('hypergeometric', 'SELECT * FROM synth_hypergeometric(1000, 100, 30, 20, seed => 7, start => 3)'),
 ('zipf', 'SELECT * FROM synth_zipf(1000, 500, 1.2, seed => 7, start => 3)'),
 ('date', 'SELECT * FROM synth_date(1000, ''2000-01-01'', ''2030-12-31'', seed => 7, start => 3)'),
 ('timestamp', 'SELECT * FROM synth_timestamp(1000, ''2000-01-01'', ''2030-12-31'', seed => 7, start => 3)'),
 ('choice', 'SELECT * FROM synth_choice(1000, ARRAY[''a'',''b'',''c''], ARRAY[5,3,1]::float8[], seed => 7, start => 3)'),
 ('mvnormal', 'SELECT * FROM synth_mvnormal(300, ARRAY[0,1,2]::float8[], ARRAY[[1,0.5,0.2],[0.5,2,0.1],[0.2,0.1,1]]::float8[], seed => 7, start => 3)'),
 ('dirichlet', 'SELECT * FROM synth_dirichlet(300, ARRAY[0.5,1,2]::float8[], seed => 7, start => 3)'),
 ('multinomial', 'SELECT * FROM synth_multinomial(300, 20, ARRAY[0.2,0.3,0.5]::float8[], seed => 7, start => 3)'),
 ('philox', 'SELECT synth_philox(7, s, c) FROM generate_series(0, 9) AS s, generate_series(0, 99) AS c'),
 ('cdf_pmf', 'SELECT synth_cdf(''gamma'', x, ARRAY[2, 1]::float8[]), synth_pmf(''poisson'', x, ARRAY[3]::float8[]) FROM generate_series(0, 20) AS x'),
 ('scalar_twins', 'SELECT synth_random_normal(), synth_random_uniform(), synth_random_gamma(2, 1), synth_random_poisson(4), synth_random_int(1, 100), synth_random_choice(ARRAY[1,2,3]), synth_random_date(''2000-01-01'', ''2001-01-01'') FROM (SELECT synth_setseed(5)) AS s, generate_series(1, 200)');

-- 2. fake values: every kind in every locale
INSERT INTO digest_calls
SELECT 'fake ' || k.kind || ' ' || l.locale,
       pg_catalog.format('SELECT * FROM synth_fake(200, %L, %L, seed => 7, start => 3)', k.kind, l.locale)
FROM synth_fake_kinds() AS k, (VALUES ('en'), ('de'), ('fr'), ('es'), ('it'), ('nl'), ('pt_BR'), ('ja')) AS l(locale);
INSERT INTO digest_calls VALUES
 ('fake_text', 'SELECT * FROM synth_fake_text(200, 20, 120, seed => 7)'),
 ('fake_pattern', 'SELECT * FROM synth_fake_pattern(200, ''AA-9999-aa'', seed => 7)');

SELECT name, pg_temp.dg(q) AS digest FROM digest_calls ORDER BY name;

-- 3. rule-constrained rows: synth_rows and synth_fill_schema of the shop schema
SET client_min_messages = warning;
\set ECHO none
\i test/schema.sql
\set ECHO all
RESET client_min_messages;
SELECT pg_temp.dg('SELECT * FROM synth_rows(NULL::shop.customers, 300, seed => 7)') AS rows_customers;
SELECT pg_temp.dg('SELECT * FROM synth_rows(NULL::shop.products, 300, ''{"price": "uniform(5, 50)"}'', seed => 7)') AS rows_products;
SELECT table_name, rows FROM synth_fill_schema(
    '{"shop.customers": 200, "shop.products": 50, "shop.orders": 600, "shop.order_items": 1500, "shop.employees": 40, "shop.events": 300}',
    seed => 42) ORDER BY 1;
SELECT 'customers' AS t, pg_temp.dg('SELECT * FROM shop.customers ORDER BY customer_id') AS digest
UNION ALL SELECT 'products', pg_temp.dg('SELECT * FROM shop.products ORDER BY product_id')
UNION ALL SELECT 'orders', pg_temp.dg('SELECT * FROM shop.orders ORDER BY order_id')
UNION ALL SELECT 'order_items', pg_temp.dg('SELECT * FROM shop.order_items ORDER BY order_id, line_no')
UNION ALL SELECT 'employees', pg_temp.dg('SELECT * FROM shop.employees ORDER BY employee_id')
UNION ALL SELECT 'events', pg_temp.dg('SELECT * FROM shop.events ORDER BY event_id, happened_at');

-- 4. fitted cloning of real tables (test/data): models, samples, clone tables
CREATE TABLE survival_pbc (
    id integer, time integer, status integer, trt integer, age double precision, sex text,
    ascites integer, hepato integer, spiders integer, edema double precision, bili double precision,
    chol integer, albumin double precision, copper integer, alk_phos double precision,
    ast double precision, trig integer, platelet integer, protime double precision, stage integer);
\copy survival_pbc FROM 'test/data/survival_pbc.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE titanic (name text, survived text, sex text, age double precision, passenger_class text);
\copy titanic FROM 'test/data/cardata_titanicsurvival.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE weather (date date, precipitation double precision, temp_max double precision,
    temp_min double precision, wind double precision, weather text);
\copy weather FROM 'test/data/vega_seattle_weather.csv' WITH (FORMAT csv, HEADER true)
SELECT pg_temp.dg('SELECT synth_fit(''survival_pbc'')') AS model_pbc,
       pg_temp.dg('SELECT synth_fit(''titanic'')') AS model_titanic,
       pg_temp.dg('SELECT synth_fit(''weather'')') AS model_weather;
SELECT pg_temp.dg('SELECT * FROM synth_clone(NULL::survival_pbc, 500, seed => 7)') AS clone_pbc,
       pg_temp.dg('SELECT * FROM synth_clone(NULL::titanic, 500, seed => 7)') AS clone_titanic,
       pg_temp.dg('SELECT * FROM synth_sample(NULL::weather, synth_fit(''weather''), 500, seed => 7)') AS sample_weather;
SELECT synth_clone_table('survival_pbc', 'pbc_copy', seed => 7);
SELECT synth_clone_table('weather', 'weather_copy', 800, seed => 7);
SELECT pg_temp.dg('SELECT * FROM pbc_copy ORDER BY id') AS table_pbc,
       pg_temp.dg('SELECT * FROM weather_copy ORDER BY 1, 2, 3, 4, 5, 6') AS table_weather;

-- 5. evaluation, imputation and augmentation
SELECT pg_temp.dg('SELECT metric, column_name, round(score::numeric, 6) FROM synth_evaluate(''survival_pbc'', ''pbc_copy'', ''{"seed": 3}'') ORDER BY 1, 2') AS evaluate_pbc;
SELECT pg_temp.dg('SELECT * FROM synth_impute(NULL::survival_pbc, ''model'', seed => 7) ORDER BY id') AS impute_model,
       pg_temp.dg('SELECT * FROM synth_impute(NULL::survival_pbc, ''knn'', seed => 7) ORDER BY id') AS impute_knn,
       pg_temp.dg('SELECT * FROM synth_impute(NULL::survival_pbc, ''mean'', seed => 7) ORDER BY id') AS impute_mean;
SELECT pg_temp.dg('SELECT * FROM synth_augment(NULL::survival_pbc, 300, ''model'', seed => 7)') AS augment_model,
       pg_temp.dg('SELECT * FROM synth_augment(NULL::survival_pbc, 300, ''noise'', seed => 7)') AS augment_noise,
       pg_temp.dg('SELECT * FROM synth_augment(NULL::survival_pbc, NULL, ''smote'', ''{"label": "stage", "balance": true}'', seed => 7)') AS augment_smote;
-- augmentation's fresh keys of every shape: integer, uuid, text, email, username
CREATE TABLE aug_keys (id int PRIMARY KEY, u uuid UNIQUE, code text UNIQUE,
    email varchar(60) UNIQUE, username text UNIQUE, x float8);
INSERT INTO aug_keys
SELECT i, pg_catalog.md5(i::text)::uuid, 'code-' || i, 'user' || i || '@example.com', 'user' || i, i / 7.0
FROM pg_catalog.generate_series(1, 40) AS i;
SELECT pg_temp.dg('SELECT * FROM synth_augment(NULL::aug_keys, 200, ''noise'', seed => 7)') AS augment_keys;
SELECT pg_temp.dg('SELECT * FROM synth_clone(NULL::aug_keys, 200, seed => 7)') AS clone_keys;

SET client_min_messages = warning;
DROP SCHEMA shop CASCADE;
DROP TABLE survival_pbc, titanic, weather, pbc_copy, weather_copy, aug_keys;
RESET client_min_messages;
