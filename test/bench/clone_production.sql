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
-- TABLE ... AS of the source (over_bare_ctas).  Each figure is the best of
-- two runs, each after a CHECKPOINT (when run as a superuser).  Rows: psql -v rows=1000000 (default 1,000,000).
--   psql -X -v rows=200000 -f test/bench/clone_production.sql
\set ON_ERROR_STOP on
\if :{?rows}
\else
\set rows 1000000
\endif
SET client_min_messages = warning;
DROP TABLE IF EXISTS prod_patients, prod_wards, prod_ctas, prod_copy CASCADE;
CREATE TABLE prod_wards (ward_id int PRIMARY KEY, name text NOT NULL);
INSERT INTO prod_wards SELECT g, 'Ward ' || g FROM generate_series(1, 200) g;
CREATE TABLE prod_patients (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  first_name text NOT NULL,
  sex text NOT NULL,
  email text UNIQUE,
  phone text,
  note text,
  admitted_at timestamptz NOT NULL,
  discharged_at timestamptz,
  ward_id int REFERENCES prod_wards,
  age int
);
INSERT INTO prod_patients (first_name, sex, email, phone, note, admitted_at, discharged_at, ward_id, age)
SELECT CASE WHEN f THEN (ARRAY['Mary','Anna','Emma','Laura','Julia'])[1 + h % 5]
            ELSE (ARRAY['John','James','Peter','Paul','Mark'])[1 + h % 5] END,
       CASE WHEN f THEN 'F' ELSE 'M' END,
       CASE WHEN h % 100 < 8 THEN NULL ELSE 'p' || i || '@mail.test' END,
       '+1 555 ' || lpad((h % 10000000)::text, 7, '0'),
       (ARRAY['stable, discharged home', 'observed overnight', 'referred to clinic',
              'follow-up in two weeks', 'no complications'])[1 + h % 5] || ' ' || (h % 97),
       a, a + (1 + h % 300) * interval '1 hour',
       1 + ((h % 200) * (h % 200)) / 200,
       18 + h % 70
FROM (SELECT i, (hashint4(i) & 1) = 0 AS f, (hashint4(i * 7) & 2147483647) AS h,
             timestamptz '2024-01-01' + ((hashint4(i * 13) & 2147483647) % 31536000) * interval '1 second' AS a
      FROM generate_series(1, :rows) i) s;
VACUUM ANALYZE prod_patients;
RESET client_min_messages;

CREATE TEMP TABLE timings (what text, seconds float8);
CREATE FUNCTION pg_temp.timeit(what text, sql text, before text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
BEGIN
    FOR i IN 1 .. 2 LOOP
        EXECUTE before;
        -- each run starts after a checkpoint, so that none of them pays for
        -- the one the runs before it made due (a million rows of WAL each)
        IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            CHECKPOINT;
        END IF;
        t0 := clock_timestamp();
        EXECUTE sql;
        INSERT INTO timings VALUES (what, extract(epoch FROM clock_timestamp() - t0));
    END LOOP;
END $$;

SELECT pg_temp.timeit('create table as',
    'CREATE TABLE prod_ctas AS SELECT * FROM prod_patients',
    'DROP TABLE IF EXISTS prod_ctas');
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
