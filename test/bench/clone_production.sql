-- test/bench/clone_production.sql: fit + sample of a production-shaped table
-- against CREATE TABLE ... AS of the same table, in the same session.
--
-- The table has 10 columns: an identity key, three personal columns
-- (first name, unique email with NULLs, phone), a sex category, a free-text
-- note, two timestamps (admitted <= discharged), and a foreign key to a
-- 200-row parent.  synth_clone_table fits it (one scan, plus the foreign
-- key's children per parent) and fills a copy with fresh keys, fakes and
-- parent keys, indexes and the foreign key included.  The baselines are
-- CREATE TABLE ... AS plus the same primary key (over_ctas), and plus all
-- the source's indexes and its foreign key, the structure the clone builds
-- too (over_same_structure).  Fit + sample alone, as CREATE TABLE ... AS
-- SELECT * FROM synth_clone(...), is measured against the bare CREATE
-- TABLE ... AS of the source (over_bare_ctas), and so is the same call
-- with its rows only counted (no table written).  Each figure is the best of
-- two runs, each after a CHECKPOINT (when run as a superuser).  Rows: psql -v rows=1000000 (default 1,000,000).
--   psql -X -v rows=200000 -f test/bench/clone_production.sql
\set ON_ERROR_STOP on
\if :{?rows}
\else
\set rows 1000000
\endif
\ir ../lib/prod_patients.sql

\ir ../lib/timeit.sql

SELECT pg_temp.timeit('create table as',
    'CREATE TABLE prod_ctas AS SELECT * FROM prod_patients',
    'DROP TABLE IF EXISTS prod_ctas');
-- the draw alone, fit included, its rows counted rather than written: what
-- the clone costs beside the writing that CREATE TABLE ... AS also pays
SELECT pg_temp.timeit('select count(*) from synth_clone (fit + sample, no table written)',
    format('SELECT count(*) FROM synth_clone(NULL::prod_patients, %s, seed => 1)', :rows));
SELECT pg_temp.timeit('create table as select * from synth_clone (fit + sample)',
    format('CREATE TABLE prod_ctas AS SELECT * FROM synth_clone(NULL::prod_patients, %s, seed => 1)', :rows),
    'DROP TABLE IF EXISTS prod_ctas');
SELECT pg_temp.timeit('create table as + primary key',
    'CREATE TABLE prod_ctas AS SELECT * FROM prod_patients; ALTER TABLE prod_ctas ADD PRIMARY KEY (id)',
    'DROP TABLE IF EXISTS prod_ctas');
-- the same structure on a plain copy: what the clone also builds (the
-- UNIQUE email index sorts a million texts under the database's collation)
SELECT pg_temp.timeit('create table as + the source''s indexes and foreign key',
    'CREATE TABLE prod_ctas AS SELECT * FROM prod_patients; ALTER TABLE prod_ctas ADD PRIMARY KEY (id),
     ADD UNIQUE (email), ADD FOREIGN KEY (ward_id) REFERENCES prod_wards',
    'DROP TABLE IF EXISTS prod_ctas');
SELECT pg_temp.timeit('synth_clone_table (fit + sample + keys + foreign key)',
    $$SELECT synth_clone_table('prod_patients', 'prod_copy', seed => 1)$$,
    'DROP TABLE IF EXISTS prod_copy');

SELECT :rows AS rows, what,
       round(min(seconds)::numeric, 3) AS seconds,
       round((min(seconds) / (SELECT min(seconds) FROM timings WHERE what = 'create table as + primary key'))::numeric, 2) AS over_ctas,
       round((min(seconds) / (SELECT min(seconds) FROM timings WHERE what LIKE 'create%indexes%'))::numeric, 2)
         AS over_same_structure,
       round((min(seconds) / (SELECT min(seconds) FROM timings WHERE what = 'create table as'))::numeric, 2)
         AS over_bare_ctas
FROM timings GROUP BY what ORDER BY min(seconds);

-- what the copy holds
SELECT count(*) AS rows, count(DISTINCT email) = count(email) AS emails_unique,
       round(avg((email IS NULL)::int), 3) AS email_nulls,
       count(*) FILTER (WHERE ward_id NOT IN (SELECT ward_id FROM prod_wards)) AS orphans
FROM prod_copy;
DROP TABLE prod_ctas, prod_copy, prod_patients, prod_wards;
