-- Column semantics of fitted cloning on a production-shaped table: the
-- roles synth_columns reports and their overrides, personal columns as
-- coherent fakes (unique emails with the source's NULL share, first names
-- that follow the row's sex), foreign keys drawn from their parent with
-- the fitted children per parent, temporal keys, and what
-- synth_clone_table keeps of the source's definition.
BEGIN;
SELECT plan(44);
SET LOCAL client_min_messages = warning;

CREATE TABLE wards (ward_id int PRIMARY KEY, name text NOT NULL);
INSERT INTO wards SELECT g, 'Ward ' || g FROM generate_series(1, 40) g;
CREATE TABLE patients (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  sex text NOT NULL,
  email text UNIQUE,
  phone text,
  city text,
  country text,
  ward_id int REFERENCES wards,
  age int,
  admitted_at timestamptz NOT NULL DEFAULT now(),
  age_group text GENERATED ALWAYS AS (CASE WHEN age < 40 THEN 'young' ELSE 'old' END) STORED
);
-- 25,000 rows: first names by sex, unique emails with about 8% NULL,
-- UK phones, cities of three countries, a skewed ward per patient
WITH f(n) AS (SELECT ARRAY['Mary','Anna','Emma','Olivia','Sophia','Laura','Julia','Clara','Alice','Grace','Helen','Irene','Nora','Ruth','Sarah']),
     m(n) AS (SELECT ARRAY['John','James','Peter','Paul','Mark','Luke','David','Robert','Thomas','Henry','Oscar','Victor','Simon','Adam','Carl']),
     l(n) AS (SELECT ARRAY['Smith','Jones','Brown','Taylor','Wilson','Davies','Evans','Thomas','Johnson','Roberts','Walker','Wright','Green','Hall','Wood','Clarke','Jackson','White','Harris','Martin']),
     g AS (SELECT i, (hashint4(i) & 1) = 0 AS fem, abs(hashint4(i * 7)) AS h1, abs(hashint4(i * 13)) AS h2, abs(hashint4(i * 17)) AS h3 FROM generate_series(1, 25000) i)
INSERT INTO patients (first_name, last_name, sex, email, phone, city, country, ward_id, age, admitted_at)
SELECT fn, ln, CASE WHEN fem THEN 'F' ELSE 'M' END,
       CASE WHEN h3 % 100 < 8 THEN NULL ELSE lower(fn) || '.' || lower(ln) || i || '@mail.test' END,
       CASE WHEN h2 % 10 = 0 THEN NULL ELSE '+44 20 7' || lpad((h1 % 1000000)::text, 6, '0') END,
       (ARRAY['London','Leeds','York','Bristol','Paris','Lyon','Berlin','Hamburg'])[1 + h2 % 8],
       (ARRAY['United Kingdom','United Kingdom','United Kingdom','United Kingdom','France','France','Germany','Germany'])[1 + h2 % 8],
       CASE WHEN h1 % 50 = 0 THEN NULL ELSE 1 + floor(30 * power((h1 % 1000) / 1000.0, 2))::int END,
       18 + h2 % 70,
       timestamptz '2024-01-01' + (h1 % 31536000) * interval '1 second'
FROM g, f, m, l, LATERAL (SELECT CASE WHEN fem THEN f.n[1 + h1 % 15] ELSE m.n[1 + h1 % 15] END AS fn, l.n[1 + h2 % 20] AS ln) x;
CREATE TABLE readings (taken_at timestamptz PRIMARY KEY, station int, value float8);
INSERT INTO readings SELECT timestamptz '2024-01-01' + g * interval '1 minute', g % 7, sin(g) * 100 FROM generate_series(1, 3000) g;
ANALYZE patients, wards, readings;

-- 1-3: roles
SELECT results_eq(
  $$SELECT "column", role, kind FROM synth_columns('patients') ORDER BY "column"$$,
  $$VALUES ('admitted_at', 'temporal', 'continuous'), ('age', 'numeric', 'continuous'),
           ('age_group', 'derived', 'categorical'), ('city', 'categorical', 'categorical'),
           ('country', 'categorical', 'categorical'), ('email', 'personal', 'email'),
           ('first_name', 'personal', 'first_name'), ('id', 'key', 'sequence'),
           ('last_name', 'personal', 'last_name'), ('phone', 'personal', 'phone'),
           ('sex', 'categorical', 'categorical'), ('ward_id', 'foreign_key', 'continuous')$$,
  'synth_columns: the role and kind of every column');
SELECT is((SELECT "references" || ' ' || "unique"::text FROM synth_columns('patients') WHERE "column" = 'ward_id'),
          'public.wards(ward_id) false', 'the foreign key names its parent');
SELECT is((SELECT "unique" FROM synth_columns('patients') WHERE "column" = 'email'), true,
          'the unique email is personal data kept unique, not a key');

-- 4-6: overrides
SELECT results_eq(
  $$SELECT "column", role, kind, reason FROM synth_columns('patients',
      '{"columns": {"city": {"role": "personal", "kind": "city"}, "ward_id": {"role": "attribute"}}}')
    WHERE "column" IN ('city', 'ward_id') ORDER BY 1$$,
  $$VALUES ('city', 'personal', 'city', 'set by option'), ('ward_id', 'numeric', 'continuous', 'set by option')$$,
  'option "columns" overrides the roles');
SELECT is((SELECT role FROM synth_columns('patients', '{"columns": {"ward_id": {"role": "foreign_key"}}}')
           WHERE "column" = 'ward_id'), 'foreign_key', 'role "foreign_key" keeps a declared foreign key');
SELECT is((synth_fit('patients')->'person'->>'sex_column'), 'sex', 'the model records the sex column the first names follow');

-- 7-9: bad options
SELECT throws_ok($$SELECT * FROM synth_columns('patients', '{"columns": {"email": {"role": "boss"}}}')$$,
                 '22023', NULL, 'an unknown role is refused');
SELECT throws_ok($$SELECT * FROM synth_columns('patients', '{"columns": {"city": {"role": "foreign_key"}}}')$$,
                 '22023', NULL, 'role "foreign_key" without a foreign key is refused');
SELECT throws_ok($$SELECT * FROM synth_columns('patients', '{"columns": {"email": {"kind": "emial"}}}')$$,
                 '22023', NULL, 'an unknown kind is refused');

-- the clone table
SELECT synth_clone_table('patients', 'pc', seed => 7);

-- 10-12: emails
SELECT is((SELECT count(DISTINCT email) = count(email) FROM pc), true, 'clone emails are unique');
SELECT is((SELECT count(*) FROM pc WHERE email !~ '^[a-z][a-z0-9._]*[0-9]+@example\.(com|net|org)$'), 0::bigint,
          'clone emails are well-formed, at reserved domains');
SELECT cmp_ok((SELECT abs(avg((email IS NULL)::int) - (SELECT avg((email IS NULL)::int) FROM patients)) FROM pc)::float8,
              '<', 0.01::float8, 'the NULL share of emails is kept within 0.01');

-- 13-14: names follow sex: per first name, its commoner sex holds >= 98% of its rows
SELECT cmp_ok((SELECT sum(mx)::float8 / sum(n) FROM (SELECT max(c) AS mx, sum(c) AS n FROM
                 (SELECT first_name, sex, count(*) AS c FROM pc GROUP BY 1, 2) s GROUP BY first_name) t),
              '>=', 0.98::float8, 'first names follow the row''s sex');
SELECT cmp_ok((SELECT count(*) FROM pc WHERE email NOT LIKE '%' || regexp_replace(translate(replace(replace(replace(replace(lower(last_name), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'éè', 'ee'), '[^a-z]', '', 'g') || '%')::float8 / 25000,
              '<', 0.01::float8, 'emails are built from the row''s name');

-- 15-16: no personal value of the source
SELECT is((SELECT count(*) FROM pc JOIN patients p USING (email)), 0::bigint, 'no source email in the clone');
SELECT is((SELECT count(*) FROM pc JOIN patients p USING (phone)), 0::bigint, 'no source phone number in the clone');

-- 17-19: the foreign key
SELECT is((SELECT count(*) FROM pc WHERE ward_id IS NOT NULL AND ward_id NOT IN (SELECT ward_id FROM wards)),
          0::bigint, 'every ward of the clone exists in the parent');
SELECT cmp_ok((SELECT abs(avg((ward_id IS NULL)::int) - 0.02) FROM pc)::float8, '<', 0.005::float8,
              'the foreign key keeps its NULL share');
-- children per parent: the spread of the counts is kept within 25%
SELECT cmp_ok((SELECT abs((SELECT stddev(c) FROM (SELECT count(*) c FROM pc WHERE ward_id IS NOT NULL GROUP BY ward_id) s)
                       / (SELECT stddev(c) FROM (SELECT count(*) c FROM patients WHERE ward_id IS NOT NULL GROUP BY ward_id) s) - 1))::float8,
              '<', 0.25::float8, 'the children per parent keep their spread');

-- 20-24: the definition of the copy
SELECT is((SELECT attidentity FROM pg_attribute WHERE attrelid = 'pc'::regclass AND attname = 'id'), 'a'::"char",
          'the identity column stays an identity column');
SELECT is((SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef JOIN pg_attribute ON attrelid = adrelid AND attnum = adnum
            WHERE adrelid = 'pc'::regclass AND attname = 'admitted_at'), 'now()', 'the column default is kept');
SELECT is((SELECT count(*) FROM pc WHERE age_group IS DISTINCT FROM CASE WHEN age < 40 THEN 'young' ELSE 'old' END),
          0::bigint, 'the generated column is computed, not drawn');
SELECT is((SELECT count(*) FROM pg_constraint WHERE conrelid = 'pc'::regclass AND contype = 'f'), 1::bigint,
          'the foreign key to the same parent is kept');
INSERT INTO pc (first_name, last_name, sex) VALUES ('A', 'B', 'F');
SELECT is((SELECT max(id) FROM pc), 25001::bigint, 'the identity continues after the drawn keys');

-- 25-26: a key that starts with a timestamp
SELECT is((SELECT count(DISTINCT taken_at) FROM synth_clone(NULL::readings, 3000, seed => 1)), 3000::bigint,
          'a timestamptz key is generated, distinct');
SELECT is((SELECT min(taken_at) FROM synth_clone(NULL::readings, 10, seed => 1)), timestamptz '2024-01-01 00:00:00+00',
          'it starts at the source''s first hour');

-- 27: a date key
CREATE TABLE daily (day date PRIMARY KEY, sales int);
INSERT INTO daily SELECT date '2023-03-01' + g, (g * 37) % 101 FROM generate_series(0, 699) g;
SELECT is((SELECT count(DISTINCT day) || ' ' || min(day) FROM synth_clone(NULL::daily, 700, '{"exact_copy_guard": false}', seed => 1)),
          '700 2023-03-01', 'a date key is a fresh sequence of distinct days from the first');

-- 28: reproducible, parents included
SELECT is((SELECT md5(string_agg(p::text, ',' ORDER BY id)) FROM synth_clone(NULL::patients, 500, seed => 3) p),
          (SELECT md5(string_agg(p::text, ',' ORDER BY id)) FROM synth_clone(NULL::patients, 500, seed => 3) p),
          'the same seed gives the same rows, foreign keys and fakes included');

-- 29: a foreign key declared on the partitions only
CREATE TABLE visits (id bigint, ward_id int, at date) PARTITION BY RANGE (at);
CREATE TABLE visits_2024 PARTITION OF visits FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE visits_2025 PARTITION OF visits FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE visits_2024 ADD FOREIGN KEY (ward_id) REFERENCES wards;
ALTER TABLE visits_2025 ADD FOREIGN KEY (ward_id) REFERENCES wards;
INSERT INTO visits SELECT g, 1 + g % 40, date '2024-01-01' + g % 700 FROM generate_series(1, 2000) g;
SELECT is((SELECT role FROM synth_columns('visits') WHERE "column" = 'ward_id'), 'foreign_key',
          'a foreign key declared on the partitions makes a foreign-key column');

-- 30-31: a forged model
SELECT throws_ok(format($$SELECT * FROM synth_sample(NULL::patients, %L::jsonb, 5, 1)$$,
                        jsonb_set(synth_fit('patients'), '{columns,8,semantics,references,children_per_parent,0}', '-5')),
                 '22023', NULL, 'a forged children_per_parent is refused');
SELECT throws_ok(format($$SELECT * FROM synth_sample(NULL::patients, %L::jsonb, 5, 1)$$,
                        jsonb_set(synth_fit('patients'), '{columns,8,semantics,references,table}', '"no_such_parent"')),
                 '42P01', NULL, 'a parent that does not exist is 42P01');

-- 32-34: synth_augment gives unique emails fakes
CREATE TEMP TABLE aug AS SELECT * FROM synth_augment(NULL::patients, 300, 'model', seed => 5);
SELECT is((SELECT count(*) FROM aug WHERE email IS NULL OR email !~ '^[a-z][a-z0-9._]*[0-9]+@([a-z]+\.)?example\.(com|net|org)$'), 0::bigint,
          'synth_augment: new emails are fakes, not hex strings');
SELECT is((SELECT count(DISTINCT email) FROM aug), 300::bigint, 'synth_augment: new emails are unique');
SELECT is((SELECT count(*) FROM aug JOIN patients USING (email)), 0::bigint, 'synth_augment: no new email is in the table');

-- 35-36: a country column each of whose countries fewer than k rows hold:
-- its share goes to other countries, and the row's place is of its country
CREATE TABLE cust (id int PRIMARY KEY, city text, country text, postal_code text);
INSERT INTO cust SELECT i, 'Town ' || i,
  (ARRAY['USA','Canada','Brazil','France','Germany','Norway','Chile','India','Italy','Spain',
         'Poland','Sweden','Denmark','Portugal','Ireland','Austria','Belgium','Finland','Hungary','Czech Republic'])[1 + i % 20],
  lpad((i * 7919 % 100000)::text, 5, '0')
FROM generate_series(1, 160) i;
CREATE TEMP TABLE cust_clone AS SELECT * FROM synth_clone(NULL::cust, 200, seed => 2);
SELECT cmp_ok((SELECT count(DISTINCT country) FROM cust_clone), '>=', 15::bigint,
              'rare countries (20, each held by 8 rows) become as many other countries, not one');
SELECT is((SELECT count(*) FROM (SELECT city FROM cust_clone GROUP BY city HAVING count(DISTINCT country) > 1) x),
          0::bigint, 'the row''s city is of the row''s country: no city under two countries');

-- a member of a composite unique key (beside the primary key) is modelled
-- like an attribute, and the model says so, so that a model read back from
-- its jsonb keeps it (it used to come back as the table's own key)
CREATE TABLE room_visits (visit_id int PRIMARY KEY, seen_at timestamptz NOT NULL, room int NOT NULL,
                     UNIQUE (seen_at, room));
INSERT INTO room_visits SELECT i, timestamptz '2024-03-01 00:00+00' + i * interval '17 minutes', i % 9
FROM generate_series(1, 2000) i;
SELECT is((SELECT c->'key_member' FROM jsonb_array_elements(synth_fit('room_visits')->'columns') c
           WHERE c->>'name' = 'seen_at'), 'true'::jsonb,
          'the model marks a member of a composite key ("key_member")');
SELECT is((SELECT role FROM synth_columns('room_visits') WHERE "column" = 'seen_at'), 'temporal',
          '... which synth_columns reports as temporal, not as a key');

-- 39-42: a partitioned table's primary key must hold the partition key:
-- (paid_at, payment_id) with payment_id a bigserial.  The serial column is
-- the key generated unique; paid_at is a member, drawn from its
-- distribution.  It used to be the generated key: every payment one fixed
-- step after the one before, the time rising with the key (correlation 1).
CREATE SCHEMA "Billing";
CREATE TABLE "Billing".payments (payment_id bigserial, paid_at timestamptz NOT NULL,
                                 amount numeric(6,2) NOT NULL, PRIMARY KEY (paid_at, payment_id))
  PARTITION BY RANGE (paid_at);
CREATE TABLE "Billing".payments_h1 PARTITION OF "Billing".payments
  FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');
CREATE TABLE "Billing".payments_h2 PARTITION OF "Billing".payments
  FOR VALUES FROM ('2024-07-01') TO ('2025-01-01');
-- payments in random order of time, denser in the second half-year
INSERT INTO "Billing".payments (paid_at, amount)
SELECT timestamptz '2024-01-01 00:00+00' + (sqrt((abs(hashint4(i)) % 1000000) / 1e6) * 365 * 86400) * interval '1 second',
       1 + abs(hashint4(i * 3)) % 20000 / 100.0
FROM generate_series(1, 3000) i;
SELECT is((SELECT array_agg(c->>'name' || ':' || coalesce(c->>'key_member', 'false') ORDER BY c->>'name')
           FROM jsonb_array_elements(synth_fit('"Billing".payments')->'columns') c WHERE c->>'role' = 'key'),
          ARRAY['paid_at:true', 'payment_id:false'],
          'a composite primary key''s serial column is the generated key, the partition key a member');
CREATE TEMP TABLE pay_clone AS SELECT * FROM synth_clone(NULL::"Billing".payments, 3000, seed => 4);
SELECT cmp_ok((SELECT abs(corr(payment_id, extract(epoch FROM paid_at))) FROM pay_clone), '<', 0.1::float8,
              'the clone''s payment times do not rise with its keys (source: correlation near 0)');
SELECT cmp_ok((SELECT count(DISTINCT g) FROM (SELECT paid_at - lag(paid_at) OVER (ORDER BY payment_id) AS g FROM pay_clone) x),
              '>', 2900::bigint, 'nor follow one another at a fixed step');
-- the share of the second half-year, 1 - 0.5^2 = 0.75 of a sqrt-shaped time
SELECT cmp_ok((SELECT abs(avg((paid_at >= '2024-07-01')::int) - 0.75) FROM pay_clone), '<', 0.03::numeric,
              'the times keep their distribution (the second half-year''s share)');

-- 43-44: a multi-tenant key (tenant_id, id bigserial): the serial id is the
-- key, the tenant a category drawn from its shares (it was the generated
-- key: tenants 1..n, one row each)
CREATE TABLE "Billing".items (tenant_id int NOT NULL, id bigserial, amount numeric(8,2),
                              PRIMARY KEY (tenant_id, id));
INSERT INTO "Billing".items (tenant_id, amount)
SELECT (ARRAY[1, 1, 1, 2, 2, 3, 4, 5])[1 + abs(hashint4(i)) % 8], (abs(hashint4(i * 3)) % 10000) / 100.0
FROM generate_series(1, 4000) i;
SELECT is((SELECT role || ' ' || reason FROM synth_columns('"Billing".items') WHERE "column" = 'tenant_id'),
          'categorical member of a composite key: modelled, and unique with its lead column',
          'a tenant before a serial id in the key is a modelled category');
SELECT cmp_ok((SELECT max(abs(c.share - s.share)) FROM
                 (SELECT tenant_id, count(*) / 4000.0 AS share FROM synth_clone(NULL::"Billing".items, 4000, seed => 1) GROUP BY 1) c
                 JOIN (SELECT tenant_id, count(*) / 4000.0 AS share FROM "Billing".items GROUP BY 1) s USING (tenant_id)),
              '<', 0.03::numeric, 'the tenants keep their shares of the rows');

SELECT * FROM finish();
ROLLBACK;
