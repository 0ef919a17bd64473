-- test/fuzz/setup.sql: the tables the fuzzer works on.
--
-- Run by test/fuzz/fuzz.pl as the unprivileged role that the fuzz cases run
-- as, in a database of their own, in schema fz (owned by that role).  The
-- contents are deterministic (no random(): fixed arithmetic on the row
-- number), so that the models fitted from them, and so every case, are the
-- same on every run.

SET client_min_messages = warning;
SET search_path = fz, public;

CREATE TYPE fz_mood AS ENUM ('sad', 'ok', 'happy', 'elated');
CREATE DOMAIN fz_percent AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100);

-- every common type, NULLs, special values (NaN, infinities, empty arrays
-- and ranges, nested documents)
CREATE TABLE fz_all (
    id      int PRIMARY KEY,
    i2      int2,
    i4      int4,
    i8      int8,
    n       numeric(10,2),
    f4      float4,
    f8      float8,
    b       bool,
    t       text,
    note    text,
    vc      varchar(10),
    c       char(3),
    d       date,
    tm      time,
    ttz     timetz,
    ts      timestamp,
    tstz    timestamptz,
    iv      interval,
    u       uuid,
    j       json,
    jb      jsonb,
    by      bytea,
    ip      inet,
    cid     cidr,
    mac     macaddr,
    ai      int[],
    at      text[],
    m       fz_mood,
    r4      int4range,
    rn      numrange,
    rd      daterange,
    rts     tstzrange,
    email   text,
    bits    bit(4),
    money   money,
    pt      point,
    pct     fz_percent
);
INSERT INTO fz_all
SELECT i,
       (i % 50 - 25)::int2,
       CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7919) % 1000 END,
       (i::int8 * 1000003) % 100000007,
       round(((i * 37) % 1000 / 7.0)::numeric, 2),
       ((i * 17) % 100 / 3.0)::float4,
       CASE WHEN i = 5 THEN 'NaN'::float8 WHEN i = 6 THEN 'Infinity' WHEN i = 7 THEN '-Infinity'
            ELSE sin(i) * 100 END,
       CASE WHEN i % 11 = 0 THEN NULL ELSE i % 3 = 0 END,
       (ARRAY['red', 'green', 'blue', 'cyan'])[1 + i % 4],
       'note number ' || i || ' says ' || repeat('ab', i % 7),
       'V' || (i % 9),
       (ARRAY['abc', 'de', 'f'])[1 + i % 3],
       CASE WHEN i = 9 THEN 'infinity'::date ELSE date '2020-01-01' + (i * 11) % 900 END,
       time '06:00' + ((i * 3) % 600) * interval '1 minute',
       (time '08:00' + (i % 100) * interval '1 minute')::timetz,
       timestamp '2021-06-01' + ((i * 7) % 1000) * interval '1 hour',
       CASE WHEN i = 10 THEN '-infinity'::timestamptz
            ELSE timestamptz '2021-06-01 00:00+00' + ((i * 13) % 2000) * interval '1 hour' END,
       ((i * 5) % 30) * interval '1 day' + (i % 60) * interval '1 second',
       md5(i::text)::uuid,
       json_build_object('k', i % 5, 'tag', 'x' || (i % 3)),
       CASE i % 4 WHEN 0 THEN jsonb_build_object('a', i % 7, 'b', jsonb_build_object('c', i % 2))
                  WHEN 1 THEN jsonb_build_object('a', i, 'l', jsonb_build_array(1, 2, i % 3))
                  WHEN 2 THEN '{}'::jsonb
                  ELSE jsonb_build_object('s', 'word' || (i % 4)) END,
       CASE WHEN i % 17 = 0 THEN NULL ELSE decode(repeat(lpad(to_hex(i % 256), 2, '0'), 1 + i % 9), 'hex') END,
       ('10.' || (i % 4) || '.' || (i % 250) || '.' || (i % 200 + 1))::inet,
       ('10.' || (i % 8) || '.0.0/16')::cidr,
       ('08:00:2b:01:02:' || lpad(to_hex(i % 256), 2, '0'))::macaddr,
       CASE WHEN i % 10 = 0 THEN '{}'::int[] ELSE ARRAY[i % 3, i % 5, i % 2] END,
       ARRAY[(ARRAY['sale', 'red', 'new'])[1 + i % 3], (ARRAY['a', 'b'])[1 + i % 2]],
       (ARRAY['sad', 'ok', 'happy', 'elated'])[1 + (i / 3) % 4]::fz_mood,
       CASE WHEN i % 20 = 0 THEN 'empty'::int4range ELSE int4range(i % 50, i % 50 + 1 + i % 9) END,
       CASE WHEN i % 15 = 0 THEN numrange(NULL, i) ELSE numrange(i / 3.0, i / 2.0 + 1) END,
       daterange(date '2022-01-01' + i % 300, date '2022-01-01' + i % 300 + 1 + i % 20),
       tstzrange(timestamptz '2022-01-01 00:00+00' + i * interval '1 hour',
                 timestamptz '2022-01-01 00:00+00' + (i + 1 + i % 30) * interval '1 hour'),
       'user' || i || '@example.org',
       ((i % 16)::bit(4)),
       ((i * 31) % 10000 / 100.0)::numeric::money,
       point(i % 10, i % 7),
       ((i * 3) % 10000 / 100.0)::numeric(5,2)
FROM generate_series(1, 400) i;

-- documents and arrays of many distinct values (kinds document and array),
-- a document column that is mostly not objects (kind constant)
CREATE TABLE fz_docs (
    id      int,
    doc     jsonb,
    jdoc    json,
    tags    text[],
    codes   int[],
    odd     jsonb,
    ranges  int8range
);
INSERT INTO fz_docs
SELECT i,
       CASE i % 3 WHEN 0 THEN jsonb_build_object('a', i, 'b', 'w' || (i % 5), 'n', jsonb_build_object('x', i % 4))
                  WHEN 1 THEN jsonb_build_object('a', i * 2.5, 'c', i % 2 = 0)
                  ELSE jsonb_build_object('a', i, 'b', 'word ' || i, 'l', jsonb_build_array(i % 3)) END,
       json_build_object('k', i, 'v', i % 6),
       (ARRAY['red', 'green', 'blue', 'sale', 'new', 'old'])[1:(1 + i % 5)]
           || (ARRAY['x', 'y', 'z'])[1 + i % 3],
       (ARRAY[i % 7, i % 11, i % 13])[1:(1 + i % 3)],
       CASE WHEN i % 4 = 0 THEN jsonb_build_object('q', i) ELSE to_jsonb(i) END,
       int8range(i * 1000, i * 1000 + (i * 37) % 500 + 1)
FROM generate_series(1, 300) i;

-- people: PII, a CHECK, NULLs that come in blocks
CREATE TABLE fz_people (
    id      serial PRIMARY KEY,
    name    text,
    email   text,
    phone   text,
    city    text,
    grp     text NOT NULL,
    age     int NOT NULL CHECK (age BETWEEN 0 AND 120),
    income  numeric(10,2),
    score   float8,
    joined  date,
    active  bool,
    mood    fz_mood
);
INSERT INTO fz_people (name, email, phone, city, grp, age, income, score, joined, active, mood)
SELECT 'Person ' || i, 'person' || i || '@example.com', '+1 555 01' || lpad(i::text, 3, '0'),
       (ARRAY['Oslo', 'Lima', 'Pune', 'Graz', 'Kyiv'])[1 + i % 5],
       (ARRAY['a', 'b', 'c'])[1 + (i * 7) % 3],
       18 + (i * 37) % 70,
       CASE WHEN i % 7 = 0 THEN NULL ELSE round((20000 + (i * 7919) % 80000)::numeric, 2) END,
       CASE WHEN i % 7 = 0 THEN NULL ELSE ((i * 31) % 1000) / 10.0 END,
       CASE WHEN i % 9 = 0 THEN NULL ELSE date '2015-01-01' + (i * 13) % 3000 END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE i % 2 = 0 END,
       (ARRAY['sad', 'ok', 'happy'])[1 + i % 3]::fz_mood
FROM generate_series(1, 300) i;

-- a few rows: continuous columns with too few values to be modelled
CREATE TABLE fz_small (x int, y float8, z text);
INSERT INTO fz_small SELECT i, i / 3.0, 'z' || (i % 2) FROM generate_series(1, 15) i;

CREATE TABLE fz_empty (a int, b text);

-- for rules: keys, a foreign key, CHECKs, a unique code, an enum
CREATE TABLE fz_customers (
    id      int PRIMARY KEY,
    name    text NOT NULL,
    email   text UNIQUE,
    born    date CHECK (born > date '1900-01-01')
);
INSERT INTO fz_customers
SELECT i, 'Customer ' || i, 'c' || i || '@example.net', date '1950-01-01' + i * 40
FROM generate_series(1, 50) i;

CREATE TABLE fz_orders (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    customer_id int NOT NULL REFERENCES fz_customers (id),
    code        varchar(12) UNIQUE,
    status      text CHECK (status IN ('new', 'paid', 'cancelled')),
    mood        fz_mood,
    amount      numeric(8,2) CHECK (amount >= 0),
    qty         int CHECK (qty BETWEEN 1 AND 100),
    placed      timestamptz,
    shipped     timestamptz,
    note        text,
    tags        text[],
    meta        jsonb,
    CHECK (shipped IS NULL OR shipped >= placed)
);

-- evaluation: a synthetic copy, a holdout, a view
CREATE TABLE fz_people_copy AS SELECT * FROM fz_people WHERE id % 2 = 0;
CREATE TABLE fz_holdout AS SELECT * FROM fz_people WHERE id % 3 = 0;
CREATE VIEW fz_people_view AS SELECT id, grp, age, income, score, city FROM fz_people;
CREATE SEQUENCE fz_seq;

ANALYZE fz_all;
ANALYZE fz_docs;
ANALYZE fz_people;
ANALYZE fz_small;
ANALYZE fz_customers;
ANALYZE fz_people_copy;
ANALYZE fz_holdout;
