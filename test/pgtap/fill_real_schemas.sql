-- pgTAP: shapes met in real schemas that a plain synth_fill_schema call must fill,
-- every constraint re-checked afterwards (self-made tables, no real data).
BEGIN;
SELECT plan(50);
SET LOCAL synthdata.progress = off;

-- 1. foreign keys declared on the partitions only (as pagila's payment)
CREATE TABLE rs_cust (cust_id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE rs_pay (
    pay_id  int NOT NULL,
    cust_id int NOT NULL,
    paid_at date NOT NULL,
    amount  numeric(6,2) NOT NULL,
    PRIMARY KEY (paid_at, pay_id)
) PARTITION BY RANGE (paid_at);
CREATE TABLE rs_pay_2023 PARTITION OF rs_pay FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE rs_pay_2024 PARTITION OF rs_pay FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE rs_pay_2025 PARTITION OF rs_pay FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE rs_pay_2023 ADD FOREIGN KEY (cust_id) REFERENCES rs_cust;
ALTER TABLE rs_pay_2024 ADD FOREIGN KEY (cust_id) REFERENCES rs_cust;
ALTER TABLE rs_pay_2025 ADD FOREIGN KEY (cust_id) REFERENCES rs_cust;

-- the child is listed first: the partitions' foreign keys order the parent first
SELECT is((SELECT array_agg(table_name::text ORDER BY ord)
             FROM synth_fill_schema('{"rs_pay": 3000, "rs_cust": 200}', seed => 1)
                  WITH ORDINALITY AS f(table_name, rows, ord)),
          ARRAY['rs_cust', 'rs_pay'],
          'foreign keys declared on partitions only order the referenced table first');
SELECT is((SELECT count(*) FROM rs_pay p LEFT JOIN rs_cust c USING (cust_id) WHERE c.cust_id IS NULL),
          0::bigint, 'partition foreign keys: every value points at a parent');
SELECT cmp_ok((SELECT count(DISTINCT cust_id) FROM rs_pay), '>', 150::bigint,
              'partition foreign keys: values spread over the parents');
SELECT is((SELECT count(DISTINCT tableoid) FROM rs_pay), 3::bigint,
          'range partitions: every partition receives rows');
SELECT cmp_ok((SELECT min(c) FROM (SELECT count(*) c FROM rs_pay GROUP BY tableoid) s), '>', 600::bigint,
              'range partitions: rows spread over the partitions (each > 20%)');

-- range partitions over a timestamptz key that leads the primary key
CREATE TABLE rs_evt (ev_at timestamptz NOT NULL, ev_id int NOT NULL, PRIMARY KEY (ev_at, ev_id))
    PARTITION BY RANGE (ev_at);
CREATE TABLE rs_evt_a PARTITION OF rs_evt FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
CREATE TABLE rs_evt_b PARTITION OF rs_evt FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
CREATE TABLE rs_evt_c PARTITION OF rs_evt FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
SELECT is(synth_fill('rs_evt', 20000, seed => 2), 20000::bigint, 'a timestamptz-partitioned table fills');
SELECT cmp_ok((SELECT min(c) FROM (SELECT count(*) c FROM rs_evt GROUP BY tableoid) s
                HAVING count(*) = 3), '>', 5000::bigint,
              'range partitions on a key column: every partition receives over a quarter of the rows');

-- 2. a tsvector kept by a BEFORE INSERT trigger; tsvector, xml and other built-in types
CREATE TABLE rs_film (
    film_id  int PRIMARY KEY,
    title    text NOT NULL,
    descr    text,
    fulltext tsvector NOT NULL
);
CREATE TRIGGER rs_film_fulltext BEFORE INSERT OR UPDATE ON rs_film
    FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(fulltext, 'pg_catalog.english', title, descr);
SELECT is(synth_fill('rs_film', 300, seed => 3), 300::bigint,
          'a NOT NULL tsvector column filled by a trigger is left to it');
SELECT ok((SELECT bool_and(fulltext = to_tsvector('english', coalesce(title, '') || ' ' || coalesce(descr, '')))
             FROM rs_film), 'the trigger computed every tsvector');
CREATE TABLE rs_types (
    id    int PRIMARY KEY,
    doc   tsvector NOT NULL,
    q     tsquery,
    x     xml NOT NULL,
    xn    xml,
    pt    point NOT NULL,
    bx    box NOT NULL,
    ci    circle NOT NULL,
    po    polygon NOT NULL,
    pa    path NOT NULL,
    li    line NOT NULL,
    ls    lseg NOT NULL,
    lsn   pg_lsn NOT NULL,
    snap  txid_snapshot NOT NULL,
    ch    "char" NOT NULL,
    mr    int4multirange NOT NULL,
    dmr   datemultirange NOT NULL
);
SELECT is(synth_fill('rs_types', 500, seed => 4), 500::bigint,
          'tsvector, tsquery, xml, geometric types, pg_lsn, txid_snapshot, "char" and multiranges get values');
SELECT ok((SELECT bool_and(length(doc) >= 3 AND x IS DOCUMENT AND NOT isempty(mr) AND NOT isempty(dmr)
                           AND area(bx) > 0 AND radius(ci) > 0 AND npoints(po) >= 3 AND npoints(pa) >= 3)
             FROM rs_types), 'built-in type values are well-formed (non-empty, positive areas, >= 3 vertices)');
SELECT cmp_ok((SELECT count(DISTINCT pt::text) FROM rs_types), '>', 450::bigint, 'points are varied');
SELECT cmp_ok((SELECT count(*) FROM rs_types WHERE xn IS NOT NULL), '>', 0::bigint,
              'a nullable xml column gets values');
SELECT throws_ok($$CREATE TABLE rs_bad (h int4range, c aclitem NOT NULL); SELECT synth_rows(NULL::rs_bad, 1)$$,
                 '0A000', NULL, 'a type with no generator is a clear 0A000 error');

-- 3. CHECK shapes: upper(k) IN, IN ... OR IS NULL, regular expressions, LIKE,
--    x > a column whose DEFAULT is now(), OR IS NULL
CREATE TABLE rs_shapes (
    id        int PRIMARY KEY,
    kind      varchar(2) NOT NULL CHECK (upper(kind) IN ('SC', 'VC', 'IN')),
    level     char(1) CHECK (level IN ('L', 'M', 'H') OR level IS NULL),
    code      text NOT NULL CHECK (code ~ '^[A-Z]{2}[0-9]{6}$'),
    ref       text NOT NULL UNIQUE CHECK (ref ~ '^REF-[0-9]{4}-[a-z]{3}$'),
    phone     text CHECK (phone ~ '^\+?(49|33) ?[1-9][0-9]{2,3}[-/ ]?[0-9]{4,6}$'),
    hexcolor  text NOT NULL CHECK (hexcolor ~* '^#[[:xdigit:]]{6}$'),
    tag       text NOT NULL CHECK (tag ~ '^(red|green|blue)(-(dark|light))?$'),
    word      text NOT NULL CHECK (word ~ '^\w+( \w+)*$' AND length(word) <= 60),
    sku       text NOT NULL CHECK (sku LIKE 'SKU-____-%'),
    startdate timestamptz NOT NULL DEFAULT now(),
    enddate   timestamptz CHECK (enddate > startdate OR enddate IS NULL)
);
SELECT is(synth_fill('rs_shapes', 2000, seed => 5), 2000::bigint,
          'upper() IN, IN OR IS NULL, regex, LIKE and after-a-default CHECKs fill');
SELECT is((SELECT count(DISTINCT kind) FROM rs_shapes), 3::bigint, 'upper(kind) IN (...): every listed value is used');
SELECT is((SELECT count(DISTINCT level) FROM rs_shapes), 3::bigint, 'level IN (...) OR level IS NULL: every listed value is used');
SELECT cmp_ok((SELECT count(DISTINCT code) FROM rs_shapes), '>', 1990::bigint, 'regex codes are varied');
SELECT is((SELECT count(DISTINCT ref) FROM rs_shapes), 2000::bigint, 'a UNIQUE column with a regex CHECK takes codes of the regex');
SELECT is((SELECT count(DISTINCT tag) FROM rs_shapes), 9::bigint, 'alternation and optional groups: all 9 tags appear');
SELECT ok((SELECT bool_and(enddate > startdate) FROM rs_shapes WHERE enddate IS NOT NULL)
          AND (SELECT count(enddate) FROM rs_shapes) > 1000, 'x > startdate (DEFAULT now()) holds');
SELECT lives_ok($$UPDATE rs_shapes SET id = id$$, 'every CHECK holds when re-checked');

-- 4. defaults that a fill must not rely on
CREATE TABLE rs_defaults (
    path     text PRIMARY KEY DEFAULT '/',
    cust_id  int NOT NULL DEFAULT 0 REFERENCES rs_cust,
    price    numeric(6,2) NOT NULL DEFAULT 0.00 CHECK (price > 0),
    note     text DEFAULT 'n/a',
    created  date NOT NULL DEFAULT '2024-06-01'
);
SELECT is(synth_fill('rs_defaults', 500, seed => 6), 500::bigint,
          'constant defaults on key columns and a default that violates its CHECK do not fail the fill');
SELECT is((SELECT count(DISTINCT path) FROM rs_defaults), 500::bigint, 'a constant DEFAULT on a primary key is replaced by unique values');
SELECT cmp_ok((SELECT count(DISTINCT cust_id) FROM rs_defaults), '>', 100::bigint,
              'a constant DEFAULT on a foreign key is replaced by parents');
SELECT ok((SELECT bool_and(price > 0) FROM rs_defaults), 'a DEFAULT that violates its CHECK is replaced by valid values');

-- 5. composite-key link tables spread over both parents
CREATE TABLE rs_emp (emp_id int PRIMARY KEY, name text);
CREATE TABLE rs_terr (terr_id int PRIMARY KEY, name text);
CREATE TABLE rs_emp_terr (
    emp_id  int NOT NULL REFERENCES rs_emp,
    terr_id int NOT NULL REFERENCES rs_terr,
    PRIMARY KEY (emp_id, terr_id)
);
CREATE TABLE rs_reason (reason_id int PRIMARY KEY, name text);
CREATE TABLE rs_order_reason (
    order_id  int NOT NULL REFERENCES rs_terr,
    reason_id int NOT NULL REFERENCES rs_reason,
    PRIMARY KEY (order_id, reason_id)
);
SELECT is((SELECT sum(rows) FROM synth_fill_schema(
              '{"rs_emp": 50, "rs_terr": 3000, "rs_emp_terr": 2000, "rs_reason": 10, "rs_order_reason": 2000}',
              seed => 7))::bigint, 7060::bigint, 'link tables fill');
-- 2000 of the 150,000 pairs drawn uniformly touch about 1,460 of the 3,000 territories
SELECT cmp_ok((SELECT count(DISTINCT terr_id) FROM rs_emp_terr), '>', 1300::bigint,
              'a link table spreads over the larger parent (not a few of its keys)');
SELECT is((SELECT count(DISTINCT emp_id) FROM rs_emp_terr), 50::bigint, 'a link table uses every key of the smaller parent');
SELECT cmp_ok((SELECT count(DISTINCT order_id) FROM rs_order_reason), '>', 1300::bigint,
              'order x reason: the orders spread (not 9% of them)');
SELECT cmp_ok((SELECT max(c) FROM (SELECT count(*) c FROM rs_order_reason GROUP BY order_id) s), '<', 8::bigint,
              'order x reason: an order has a few reasons, not all ten');
-- when n allows, over 90% of both parents' keys
TRUNCATE rs_emp_terr;
SELECT is(synth_fill('rs_emp_terr', 9000, seed => 8), 9000::bigint, 'a denser link table fills');
SELECT cmp_ok((SELECT count(DISTINCT terr_id) FROM rs_emp_terr), '>', 2700::bigint,
              'a dense link table uses over 90% of the larger parent''s keys');

-- 6. smallint keys: 1..n, and a clear error beyond the type
CREATE TABLE rs_small (id smallint PRIMARY KEY, label text);
SELECT is(synth_fill('rs_small', 32767, seed => 9), 32767::bigint, 'a smallint key takes 32,767 rows');
SELECT ok((SELECT min(id) = 1 AND max(id) = 32767 FROM rs_small), 'smallint keys are 1..n, never negative');
TRUNCATE rs_small;
SELECT throws_ok($$SELECT synth_fill('rs_small', 32768, seed => 9)$$, '54000', NULL,
                 'more rows than a smallint key holds: 54000 before any row');

-- 7. birth dates as timestamp or date are varied
CREATE TABLE rs_person (
    id            int PRIMARY KEY,
    birth_date    timestamp,
    dob           date NOT NULL,
    date_of_birth timestamptz CHECK (date_of_birth >= '1990-01-01')
);
SELECT is(synth_fill('rs_person', 1000, seed => 10), 1000::bigint, 'birth dates fill');
-- (a nullable column gets the default NULL share: variety is among its values)
SELECT cmp_ok((SELECT count(DISTINCT birth_date)::float8 / count(birth_date) FROM rs_person),
              '>', 0.9::float8, 'birth_date timestamp is varied');
SELECT ok((SELECT min(birth_date) < '1980-01-01' AND max(birth_date) < '2008-01-01' FROM rs_person),
          'birth_date timestamp: adults, not dates of the last five years');
SELECT cmp_ok((SELECT count(DISTINCT dob) FROM rs_person), '>', 900::bigint, 'dob date is varied');
SELECT cmp_ok((SELECT max(c) FROM (SELECT count(*) c FROM rs_person GROUP BY date_of_birth) s), '<', 5::bigint,
              'a birth date CHECK bound does not pile the values on the bound');

-- 8. unique indexes on expressions and partial unique indexes on other columns
CREATE TABLE rs_user (
    id    int PRIMARY KEY,
    email text NOT NULL,
    code  varchar(3) NOT NULL,
    tenant int NOT NULL CHECK (tenant BETWEEN 1 AND 5)
);
CREATE UNIQUE INDEX rs_user_email ON rs_user (lower(email));
CREATE UNIQUE INDEX rs_user_code ON rs_user (tenant, upper(code));
INSERT INTO rs_user VALUES (-1, 'Taken@Example.com', 'AAA', 1);
SELECT is(synth_fill('rs_user', 3000, seed => 11), 3000::bigint,
          'unique indexes on expressions never fail the fill');
SELECT is((SELECT count(DISTINCT lower(email)) FROM rs_user), 3001::bigint, 'lower(email) is unique');
SELECT is((SELECT count(DISTINCT (tenant, upper(code))) FROM rs_user), 3001::bigint, '(tenant, upper(code)) is unique');
CREATE TABLE rs_patient (patient_id int PRIMARY KEY, name text);
CREATE TABLE rs_admission (
    adm_id     int PRIMARY KEY,
    patient_id int NOT NULL REFERENCES rs_patient,
    admitted   date NOT NULL,
    discharged date CHECK (discharged >= admitted)
);
CREATE UNIQUE INDEX rs_admission_open ON rs_admission (patient_id) WHERE discharged IS NULL;
SELECT is((SELECT sum(rows) FROM synth_fill_schema('{"rs_patient": 100, "rs_admission": 2000}',
                                                  rules => '{"rs_admission": {"discharged": {"null": 0.03}}}',
                                                  seed => 12))::bigint, 2100::bigint,
          'a partial unique index whose predicate reads another column: more rows than parents');
SELECT is((SELECT count(*) FROM rs_admission WHERE discharged IS NULL),
          (SELECT count(DISTINCT patient_id) FROM rs_admission WHERE discharged IS NULL),
          'at most one open admission per patient');
SELECT cmp_ok((SELECT count(*) FROM rs_admission WHERE discharged IS NULL), '>', 20::bigint,
              'rows inside the predicate are still produced');
SELECT cmp_ok((SELECT count(DISTINCT patient_id) FROM rs_admission), '>', 95::bigint,
              'rows outside the predicate are unconstrained (patients repeat)');

-- a partial unique index on a column of a composite primary key that fills its domain exactly
CREATE TABLE rs_slot (id int NOT NULL, k int NOT NULL CHECK (k BETWEEN 1 AND 50), closed date,
                      PRIMARY KEY (k, id)) PARTITION BY RANGE (k);
CREATE TABLE rs_slot_a PARTITION OF rs_slot FOR VALUES FROM (1) TO (25);
CREATE TABLE rs_slot_b PARTITION OF rs_slot FOR VALUES FROM (25) TO (51);
CREATE UNIQUE INDEX rs_slot_open ON rs_slot (k) WHERE closed IS NULL;
SELECT is(synth_fill('rs_slot', 3000, '{"closed": {"null": 0.01}}', seed => 13), 3000::bigint,
          'a collision on a partial index is redrawn before a key position is spent');
SELECT is((SELECT count(*) FROM rs_slot WHERE closed IS NULL),
          (SELECT count(DISTINCT k) FROM rs_slot WHERE closed IS NULL), 'one open row per k');

SELECT * FROM finish();
ROLLBACK;
