-- test/lib/prod_patients.sql: the production-shaped table of the clone
-- benchmarks (psql variable rows: its row count), built from hashes of the
-- row number, so every run has the same rows.  10 columns: an identity
-- key, three personal columns (first name, unique email with 8% NULLs,
-- phone), a sex category, a free-text note, two timestamps (admitted <=
-- discharged), and a foreign key to a 200-row parent, and an age.
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
