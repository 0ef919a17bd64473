-- fitted cloning: synth_fit, synth_sample, synth_clone, synth_clone_table
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;
SET extra_float_digits = 0;

-- the engine's math
SELECT round(synth_bvn_cdf(0, 0, 0.5)::numeric, 12) = round((0.25 + asin(0.5) / (2 * pi()))::numeric, 12) AS bvn_closed_form;
SELECT round(synth_bvn_cdf(0.3, -0.2, 0.95)::numeric, 9) AS bvn_high_r,
       round(synth_bvn_cdf(0.3, -0.2, -0.95)::numeric, 9) AS bvn_low_r,
       round(synth_bvn_cdf(-1.5, 0.7, 0.93)::numeric, 9) AS bvn_mid;
-- the limits r = 1 and r = -1, and the errors
SELECT synth_bvn_cdf(0, 0, 1) AS r_one, synth_bvn_cdf(0.5, 0.2, 1) AS r_one_min, synth_bvn_cdf(0, 0, -1) AS r_minus_one;
SELECT synth_bvn_cdf(0, 0, 1.5);
SELECT synth_bvn_cdf('NaN', 0, 0.5);
-- a table cut from a bivariate normal with rho = 0.6 at 0 x (-0.5, 0.5)
SELECT round(synth_polychoric(ARRAY[[round(10000 * synth_bvn_cdf(0, -0.5, 0.6))::bigint,
                                     round(10000 * (synth_bvn_cdf(0, 0.5, 0.6) - synth_bvn_cdf(0, -0.5, 0.6)))::bigint,
                                     round(10000 * (0.5 - synth_bvn_cdf(0, 0.5, 0.6)))::bigint],
                                    [round(10000 * (synth_bvn_cdf(9, -0.5, 0.6) - synth_bvn_cdf(0, -0.5, 0.6)))::bigint,
                                     round(10000 * (synth_bvn_cdf(9, 0.5, 0.6) - synth_bvn_cdf(9, -0.5, 0.6) - synth_bvn_cdf(0, 0.5, 0.6) + synth_bvn_cdf(0, -0.5, 0.6)))::bigint,
                                     round(10000 * (0.5 - synth_bvn_cdf(9, 0.5, 0.6) + synth_bvn_cdf(0, 0.5, 0.6)))::bigint]])::numeric, 2) AS polychoric;
-- Higham's example: the nearest correlation matrix to [[1,1,0],[1,1,1],[0,1,1]]
SELECT array(SELECT round(x::numeric, 4) FROM unnest(synth_nearest_correlation('{{1,1,0},{1,1,1},{0,1,1}}')) x) AS nearest;
SELECT synth_polychoric('{1,2}');
SELECT synth_nearest_correlation('{{1,2},{3,1}}');

-- a table with every common type, in a non-public schema, with quoted names
CREATE SCHEMA "Clone Test";
CREATE TYPE "Clone Test".mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE "Clone Test"."Patients" (
    id          serial PRIMARY KEY,
    "Full Name" text,
    email       text,
    mrn         text,
    ward        text NOT NULL,
    mood        "Clone Test".mood,
    age         integer NOT NULL CHECK (age BETWEEN 0 AND 120),
    weight      numeric(5,1),
    score       float8,
    admitted    date,
    seen_at     timestamptz,
    wake        time,
    stay        interval,
    smoker      boolean,
    code        varchar(6),
    token       uuid,
    extra       jsonb,
    nothing     text,
    CHECK (weight IS NULL OR weight > 0)
);
INSERT INTO "Clone Test"."Patients"
    ("Full Name", email, mrn, ward, mood, age, weight, score, admitted, seen_at, wake, stay,
     smoker, code, token, extra, nothing)
SELECT 'Person ' || i, 'user' || i || '@example.org', 'MRN-' || lpad(i::text, 6, '0'),
       (ARRAY['north', 'south', 'east', 'west'])[1 + i % 4] || CASE WHEN i = 7 THEN '-rare' ELSE '' END,
       (ARRAY['sad', 'ok', 'happy'])[1 + (i / 3) % 3]::"Clone Test".mood,
       20 + (i * 37) % 60,
       CASE WHEN i % 10 = 0 THEN NULL ELSE round((50 + (i * 13) % 40 + (i % 7) / 10.0)::numeric, 1) END,
       CASE WHEN i = 500 THEN 1e6 ELSE ((i * 7919) % 1000) / 10.0 END,
       date '2020-01-01' + (i * 11) % 700,
       timestamptz '2021-06-01 00:00+00' + ((i * 7) % 1000) * interval '1 hour',
       time '06:00' + ((i * 3) % 120) * interval '1 minute',
       ((i * 5) % 30) * interval '1 day',
       CASE WHEN i % 10 = 0 THEN NULL ELSE i % 3 = 0 END,
       'C' || (i % 5),
       md5(i::text)::uuid,
       jsonb_build_object('i', i),
       NULL
FROM generate_series(1, 600) i;
ANALYZE "Clone Test"."Patients";

-- roles and kinds, decided from the catalog, the names and the values
SELECT c->>'name' AS name, c->>'type' AS type, c->>'role' AS role, c->>'pii_kind' AS pii_kind,
       c->>'kind' AS kind, c->>'reason' AS reason, (c->>'null_fraction')::float8 AS null_fraction
FROM jsonb_array_elements(synth_fit('"Clone Test"."Patients"')->'columns') c;

SELECT m->'format' AS format, m->'version' AS version, m->'source' AS source, m->'rows' AS rows,
       m->'options' AS options, m->'copula'->'dimensions' AS dimensions
FROM synth_fit('"Clone Test"."Patients"') m;

-- the model holds aggregates only: no name, email, MRN, uuid or rare category
WITH m AS (SELECT synth_fit('"Clone Test"."Patients"')::text AS t)
SELECT count(*) FILTER (WHERE position(p."Full Name" IN m.t) > 0) AS names,
       count(*) FILTER (WHERE position(p.email IN m.t) > 0) AS emails,
       count(*) FILTER (WHERE position(p.mrn IN m.t) > 0) AS mrns,
       count(*) FILTER (WHERE position(p.token::text IN m.t) > 0) AS uuids,
       count(*) FILTER (WHERE p.ward LIKE '%rare' AND position(p.ward IN m.t) > 0) AS rare
FROM "Clone Test"."Patients" p, m;

-- deterministic: the same contents give the same model, whatever the row order
CREATE TABLE "Clone Test".shuffled AS SELECT * FROM "Clone Test"."Patients" ORDER BY md5(id::text);
ALTER TABLE "Clone Test".shuffled ADD PRIMARY KEY (id);
SELECT (synth_fit('"Clone Test"."Patients"') - 'source') = (synth_fit('"Clone Test".shuffled') - 'source') AS same_model,
       synth_fit('"Clone Test"."Patients"') = synth_fit('"Clone Test"."Patients"') AS repeatable;

-- sampling: reproducible, and row i depends only on (seed, i)
CREATE TEMP TABLE model AS SELECT synth_fit('"Clone Test"."Patients"') AS m;
SELECT count(*) AS differing FROM (
    (SELECT * FROM synth_sample(NULL::"Clone Test"."Patients", (SELECT m FROM model), 50, seed => 7)
     EXCEPT ALL
     SELECT * FROM synth_sample(NULL::"Clone Test"."Patients", (SELECT m FROM model), 50, seed => 7))
) d;
SELECT count(*) AS differing FROM (
    (SELECT * FROM synth_sample(NULL::"Clone Test"."Patients", (SELECT m FROM model), 20, seed => 7, start => 30)
     EXCEPT ALL
     SELECT * FROM synth_sample(NULL::"Clone Test"."Patients", (SELECT m FROM model), 50, seed => 7) OFFSET 30)
) d;
SELECT count(*) AS same_rows FROM (
    SELECT * FROM synth_sample(NULL::"Clone Test"."Patients", (SELECT m FROM model), 50, seed => 7)
    INTERSECT
    SELECT * FROM synth_sample(NULL::"Clone Test"."Patients", (SELECT m FROM model), 50, seed => 8)
) d;

-- the privacy guarantees on 2000 synthetic rows
CREATE TEMP TABLE syn AS
SELECT * FROM synth_clone(NULL::"Clone Test"."Patients", 2000, seed => 42);
SELECT count(*) AS n,
       count(DISTINCT id) AS distinct_keys,                                  -- 2: keys unique
       count(*) FILTER (WHERE ward LIKE '%rare') AS rare_categories,         -- 3: k = 10
       count(*) FILTER (WHERE score >= 1e6) AS outliers,                     -- 4: tails clipped
       max(score) <= (SELECT score FROM "Clone Test"."Patients" ORDER BY score DESC OFFSET 9 LIMIT 1) AS clipped,
       count(*) FILTER (WHERE email IN (SELECT email FROM "Clone Test"."Patients")) AS real_emails,
       count(*) FILTER (WHERE mrn IN (SELECT mrn FROM "Clone Test"."Patients")) AS real_mrns,
       count(*) FILTER (WHERE "Full Name" IN (SELECT "Full Name" FROM "Clone Test"."Patients")) AS real_names,
       count(*) FILTER (WHERE token IN (SELECT token FROM "Clone Test"."Patients")) AS real_uuids,
       count(*) FILTER (WHERE weight IS NULL AND smoker IS NOT NULL) AS null_apart,
       count(*) FILTER (WHERE weight IS NULL AND smoker IS NULL) > 100 AS null_together,
       count(*) FILTER (WHERE age NOT BETWEEN 0 AND 120 OR weight <= 0) AS check_violations,
       count(DISTINCT mood) AS moods, count(DISTINCT ward) AS wards,
       bool_and(jsonb_typeof(extra) = 'object' AND (extra->>'i')::numeric = round((extra->>'i')::numeric))
           AS extra_documents, count(nothing) AS nothing_set,
       count(*) FILTER (WHERE email NOT LIKE '%@%.%') AS bad_emails,
       count(*) FILTER (WHERE length(code) > 6) AS long_codes
FROM syn;
-- 1: no synthetic row equals a source row on all non-key columns
SELECT count(*) AS copies FROM (
    SELECT "Full Name", email, mrn, ward, mood, age, weight, score, admitted, seen_at, wake, stay,
           smoker, code, token, extra, nothing FROM syn
    INTERSECT
    SELECT "Full Name", email, mrn, ward, mood, age, weight, score, admitted, seen_at, wake, stay,
           smoker, code, token, extra, nothing FROM "Clone Test"."Patients") c;

-- the exact-copy guard at work: a table of few value combinations
CREATE TABLE "Clone Test".small AS
SELECT (i % 3) * 10 AS a, (ARRAY['x', 'y'])[1 + i % 2] AS b, i % 4 AS c FROM generate_series(1, 200) i
WHERE i % 12 NOT IN (5, 6, 7);
SELECT count(*) AS combinations FROM (SELECT DISTINCT * FROM "Clone Test".small) s;
SELECT count(*) AS copies_guarded FROM synth_clone(NULL::"Clone Test".small, 500, seed => 1) s
WHERE (a, b, c) IN (SELECT * FROM "Clone Test".small);
SELECT count(*) > 0 AS copies_unguarded FROM synth_clone(NULL::"Clone Test".small, 500, '{"exact_copy_guard": false}', seed => 1) s
WHERE (a, b, c) IN (SELECT * FROM "Clone Test".small);
SELECT count(*) FROM synth_clone(NULL::"Clone Test".small, 10, seed => 1) s
WHERE false;

-- synth_clone_table: same columns, NOT NULL, CHECK and keys; filled
SELECT synth_clone_table('"Clone Test"."Patients"', '"Clone Test"."Patients Copy"', 300, seed => 3);
SELECT count(*), count(DISTINCT id) FROM "Clone Test"."Patients Copy";
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
WHERE conrelid = '"Clone Test"."Patients Copy"'::regclass ORDER BY conname;
SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute
WHERE attrelid = '"Clone Test"."Patients Copy"'::regclass AND attnum > 0 ORDER BY attnum;
-- indexes are built after the fill, with the names and definitions LIKE gives them
CREATE INDEX ON "Clone Test"."Patients" (ward, age) WHERE smoker;
CREATE UNIQUE INDEX ON "Clone Test"."Patients" ((id * 2));
SELECT synth_clone_table('"Clone Test"."Patients"', '"Clone Test"."Indexed Copy"', 300, seed => 3);
SELECT indexrelid::regclass AS index, pg_get_indexdef(indexrelid) FROM pg_index
WHERE indrelid = '"Clone Test"."Indexed Copy"'::regclass ORDER BY 1;
SELECT conname, contype FROM pg_constraint
WHERE conrelid = '"Clone Test"."Indexed Copy"'::regclass AND contype <> 'c' ORDER BY 1;
SELECT bool_and(indisvalid AND indisready) AS usable FROM pg_index
WHERE indrelid = '"Clone Test"."Indexed Copy"'::regclass;
-- and each holds exactly the copy's rows (amcheck: every heap row is indexed)
CREATE EXTENSION IF NOT EXISTS amcheck;
SELECT count(*) AS indexes_checked FROM (
    SELECT bt_index_check(indexrelid, true) FROM pg_index
    WHERE indrelid = '"Clone Test"."Indexed Copy"'::regclass) c;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT count(*) AS by_index FROM "Clone Test"."Indexed Copy" WHERE id > 0;
SELECT count(*) AS by_partial_index FROM "Clone Test"."Indexed Copy" WHERE smoker AND ward IS NOT NULL;
RESET enable_seqscan;
RESET enable_bitmapscan;
SELECT count(*) AS smokers FROM "Clone Test"."Indexed Copy" WHERE smoker AND ward IS NOT NULL;
DROP EXTENSION amcheck;
DROP INDEX "Clone Test"."Patients_ward_age_idx", "Clone Test"."Patients_expr_idx";
-- a new table that gets a trigger (here from an event trigger) is filled by
-- INSERT ... SELECT, so the trigger fires for every row; the rows are the
-- ones the direct fill gives
CREATE TABLE "Clone Test".fill_log (n int);
CREATE FUNCTION "Clone Test".log_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "Clone Test".fill_log VALUES (1);
    RETURN NEW;
END $$;
CREATE FUNCTION "Clone Test".add_trigger() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT objid::regclass AS t FROM pg_event_trigger_ddl_commands()
             WHERE command_tag = 'CREATE TABLE' AND object_identity LIKE '%audited%' LOOP
        EXECUTE format('CREATE TRIGGER log_row BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION "Clone Test".log_row()', r.t);
    END LOOP;
END $$;
CREATE EVENT TRIGGER clone_test_audit ON ddl_command_end EXECUTE FUNCTION "Clone Test".add_trigger();
SELECT synth_clone_table('"Clone Test"."Patients"', '"Clone Test".audited', 50, seed => 3);
DROP EVENT TRIGGER clone_test_audit;
SELECT count(*) AS trigger_calls FROM "Clone Test".fill_log;
SELECT count(*) AS differing FROM (
    SELECT * FROM "Clone Test".audited
    EXCEPT ALL SELECT * FROM "Clone Test"."Patients Copy" WHERE id <= 50) d;
DROP TABLE "Clone Test".audited, "Clone Test".fill_log;
-- the copy's rows insert into a table of the same definition
INSERT INTO "Clone Test"."Patients" SELECT * FROM "Clone Test"."Patients Copy" WHERE id > 0 AND false;
CREATE TABLE "Clone Test".again (LIKE "Clone Test"."Patients" INCLUDING CONSTRAINTS);
INSERT INTO "Clone Test".again SELECT * FROM synth_clone(NULL::"Clone Test"."Patients", 500, seed => 9);
SELECT count(*) FROM "Clone Test".again;

-- multi-column CHECK constraints hold: offending draws are redrawn
CREATE TABLE "Clone Test".stay (arrive int, leave int, CHECK (arrive < leave));
INSERT INTO "Clone Test".stay SELECT i % 50, i % 50 + 1 + i % 7 FROM generate_series(1, 1000) i;
SELECT count(*) AS n, count(*) FILTER (WHERE arrive >= leave) AS violations
FROM synth_clone(NULL::"Clone Test".stay, 2000, seed => 1);
CREATE TABLE "Clone Test".impossible (arrive int, leave int, CHECK (arrive > 1000));
SELECT count(*) FROM synth_sample(NULL::"Clone Test".impossible, synth_fit('"Clone Test".stay'), 10, seed => 1);

-- by name: rows as jsonb (the row type is not known at parse time)
SET search_path = "Clone Test", public;
SELECT count(*), count(DISTINCT r->>'id'), bool_and(r ? 'Full Name') FROM synth_clone('"Patients"', 25, seed => 1) r;
SELECT jsonb_object_keys(r) FROM synth_clone('small', 1, seed => 1) r ORDER BY 1;
RESET search_path;

-- sample into a compatible table elsewhere: columns matched by name
CREATE TABLE "Clone Test".staging (smoker boolean, age bigint, note text, ward text);
SELECT count(*), min(age) >= 20, max(age) <= 79, count(note) FROM synth_sample(NULL::"Clone Test".staging, (SELECT m FROM model), 100, seed => 1);

-- options: roles per column, independent columns, a sample of the table, k
SELECT c->>'name' AS name, c->>'role' AS role, c->>'kind' AS kind
FROM jsonb_array_elements(synth_fit('"Clone Test"."Patients"',
       '{"columns": {"code": {"role": "identifier"}, "ward": {"pii_kind": "address"}}}')->'columns') c
WHERE c->>'name' IN ('code', 'ward');
SELECT (SELECT count(*) FROM jsonb_array_elements(m->'copula'->'correlation') r, jsonb_array_elements_text(r) x
         WHERE x::float8 NOT IN (0, 1)) AS nonzero_off_diagonal
FROM synth_fit('"Clone Test"."Patients"', '{"copula": false}') m;
SELECT (m->>'rows')::int BETWEEN 200 AND 400 AS about_half, m->'options'->'sample_percent' AS sample_percent
FROM synth_fit('"Clone Test"."Patients"', '{"sample_percent": 50}') m;
SELECT jsonb_array_length(c->'categories') AS wards_k10,
       jsonb_array_length(d->'categories') AS wards_k1
FROM jsonb_array_elements(synth_fit('"Clone Test"."Patients"')->'columns') c,
     jsonb_array_elements(synth_fit('"Clone Test"."Patients"', '{"k": 1}')->'columns') d
WHERE c->>'name' = 'ward' AND d->>'name' = 'ward';

-- a conditional marginal: the spread of v depends on its group (eta^2 >= 0.3)
CREATE TABLE "Clone Test".groups AS
SELECT g, CASE g WHEN 'a' THEN 10 + (i % 7) * 0.1 WHEN 'b' THEN 50 + (i % 5) * 0.1
                 ELSE 20 + (i % 41) END AS v
FROM generate_series(1, 3000) i, LATERAL (SELECT (ARRAY['a', 'b', 'c'])[1 + i % 3] AS g) x;
SELECT c->>'name' AS name, c->'conditional'->>'parent' AS parent, (c->'conditional'->>'eta2')::float8 > 0.3 AS strong
FROM jsonb_array_elements(synth_fit('"Clone Test".groups')->'columns') c WHERE c->>'name' = 'v';
-- (a category's range is kept to the resolution of 32 slices of F(x))
SELECT g, round(avg(v)) AS mean, round(stddev(v)) AS sd,
       avg((v < (SELECT min(v) FROM "Clone Test".groups r WHERE r.g = s.g))::int) < 0.05 AS few_below,
       avg((v > (SELECT max(v) FROM "Clone Test".groups r WHERE r.g = s.g))::int) < 0.05 AS few_above
FROM synth_clone(NULL::"Clone Test".groups, 3000, '{"exact_copy_guard": false}', seed => 1) s GROUP BY g ORDER BY g;
SELECT g, round(avg(v)) AS mean, round(stddev(v)) AS sd FROM "Clone Test".groups GROUP BY g ORDER BY g;

-- composite keys: the first column is generated, the others modelled
CREATE TABLE "Clone Test".pairs (a int, b int, PRIMARY KEY (a, b));
INSERT INTO "Clone Test".pairs SELECT i % 10, i FROM generate_series(1, 200) i;
SELECT c->>'name' AS name, c->>'role' AS role, c->>'kind' AS kind
FROM jsonb_array_elements(synth_fit('"Clone Test".pairs')->'columns') c;
SELECT synth_clone_table('"Clone Test".pairs', '"Clone Test".pairs_copy', 300, seed => 1);
-- a table of keys only, and one of a single row (its value is not disclosed)
CREATE TABLE "Clone Test".keys (id int PRIMARY KEY);
INSERT INTO "Clone Test".keys SELECT generate_series(1, 100);
SELECT count(*), count(DISTINCT id) FROM synth_clone(NULL::"Clone Test".keys, 50, seed => 1);
CREATE TABLE "Clone Test".one (x int);
INSERT INTO "Clone Test".one VALUES (5);
SELECT c->>'kind' AS kind, c->>'reason' AS reason, position('5' IN c::text) AS shows_value
FROM jsonb_array_elements(synth_fit('"Clone Test".one')->'columns') c;
-- addresses found by their values, faked in their own type
CREATE TABLE "Clone Test".hosts (addr inet);
INSERT INTO "Clone Test".hosts SELECT ('10.0.' || (i % 200) || '.' || (i % 250))::inet FROM generate_series(1, 1000) i;
SELECT c->>'role' AS role, c->>'pii_kind' AS pii_kind FROM jsonb_array_elements(synth_fit('"Clone Test".hosts')->'columns') c;
SELECT count(*) FILTER (WHERE addr << '10.0.0.0/16') AS real_network, count(*) FILTER (WHERE family(addr) = 4) AS ipv4
FROM synth_clone(NULL::"Clone Test".hosts, 100, seed => 1);

-- free text: shapes of the first 64 characters, then words up to the modelled length
CREATE TABLE "Clone Test".notes (body text);
INSERT INTO "Clone Test".notes
SELECT 'Patient ' || i || ' reported ' || repeat('mild pain ', 1 + i % 20) || 'after visit.' FROM generate_series(1, 500) i;
SELECT c->>'kind' AS kind, c->>'role' AS role FROM jsonb_array_elements(synth_fit('"Clone Test".notes')->'columns') c;
SELECT abs(avg(length(body)) - (SELECT avg(length(body)) FROM "Clone Test".notes)) < 20 AS similar_length,
       max(length(body)) <= (SELECT max(length(body)) FROM "Clone Test".notes) AS not_longer,
       count(*) FILTER (WHERE body IN (SELECT body FROM "Clone Test".notes)) AS copied
FROM synth_clone(NULL::"Clone Test".notes, 300, seed => 1);

-- empty tables and all-NULL columns
CREATE TABLE "Clone Test".empty (a int, b text);
SELECT m->'rows', m->'columns'->0->>'kind', m->'columns'->1->>'kind' FROM synth_fit('"Clone Test".empty') m;
SELECT count(*) FROM synth_clone(NULL::"Clone Test".empty);
SELECT count(*) FROM synth_clone(NULL::"Clone Test".empty, 5);

-- errors
SELECT synth_fit('"Clone Test"."Patients"', '{"bogus": 1}');
SELECT synth_fit('"Clone Test"."Patients"', '{"k": 0}');
SELECT synth_fit('"Clone Test"."Patients"', '{"sample_percent": 0}');
SELECT synth_fit('"Clone Test"."Patients"', '{"columns": {"nope": {"role": "pii"}}}');
SELECT synth_fit('"Clone Test"."Patients"', '{"columns": {"ward": {"role": "boss"}}}');
SELECT synth_fit('"Clone Test"."Patients"', '[]');
SELECT synth_fit(NULL);
SELECT * FROM synth_sample(NULL::"Clone Test".staging, '{}', 1);
SELECT * FROM synth_sample(NULL::"Clone Test".staging, (SELECT m FROM model), -1);
SELECT * FROM synth_sample(NULL::"Clone Test".staging, NULL, 1);
CREATE TABLE "Clone Test".wrong (age date);
SELECT * FROM synth_sample(NULL::"Clone Test".wrong, (SELECT m FROM model), 1);
CREATE TABLE "Clone Test".strict (ward text, missing int NOT NULL);
SELECT * FROM synth_sample(NULL::"Clone Test".strict, (SELECT m FROM model), 1);
SELECT * FROM synth_sample(NULL::int, (SELECT m FROM model), 1);
SELECT * FROM synth_clone('no_such_table', 1);
SELECT synth_clone_table('"Clone Test".small', '"Clone Test".small', 1);

-- NULL-ness determined by a categorical parent, through a non-monotone link:
-- y is NULL exactly when x is 2 or 7
CREATE TABLE "Clone Test".t200 AS
SELECT (i % 10) AS x, CASE WHEN i % 10 IN (2, 7) THEN NULL ELSE i * 1.5 END AS y,
       (i * 7919 % 1000)::float8 AS z
FROM generate_series(1, 200) i;
SELECT c->'null_conditional' FROM jsonb_array_elements(synth_fit('"Clone Test".t200')->'columns') c
WHERE c->>'name' = 'y';
SELECT count(*) AS n,
       count(*) FILTER (WHERE (y IS NULL) = (x IN (2, 7))) >= 0.99 * count(*) AS null_iff_x_2_or_7,
       count(DISTINCT x) AS xs
FROM synth_clone(NULL::"Clone Test".t200, 2000, seed => 1);
-- the same through a model read back from its JSON
SELECT count(*) FILTER (WHERE (y IS NULL) = (x IN (2, 7))) >= 0.99 * count(*) AS null_iff_x_2_or_7
FROM synth_sample(NULL::"Clone Test".t200, synth_fit('"Clone Test".t200'), 2000, seed => 2);
-- a weak association keeps the copula alone
CREATE TABLE "Clone Test".weak AS
SELECT (i % 4) AS x, CASE WHEN (i * 7) % 10 = 0 OR (i % 4 = 0 AND i % 20 = 0) THEN NULL ELSE i END AS y
FROM generate_series(1, 400) i;
SELECT c->'null_conditional' IS NULL AS no_conditional
FROM jsonb_array_elements(synth_fit('"Clone Test".weak')->'columns') c WHERE c->>'name' = 'y';

-- structural categories shared across columns: backup and security are
-- 'none' exactly when internet is 'No'
CREATE TABLE "Clone Test".service AS
SELECT CASE WHEN i % 3 = 0 THEN 'No' ELSE (ARRAY['DSL', 'Fiber'])[1 + i % 2] END AS internet,
       CASE WHEN i % 3 = 0 THEN 'none' ELSE (ARRAY['yes', 'no'])[1 + (i * 7) % 5 / 3] END AS backup,
       CASE WHEN i % 3 = 0 THEN 'none' ELSE (ARRAY['yes', 'no', 'maybe'])[1 + (i * 13) % 3] END AS security,
       (i * 7919 % 10007) / 100.0 AS charge
FROM generate_series(1, 600) i;
SELECT c->>'name' AS name, c->'category_conditional' AS conditional
FROM jsonb_array_elements(synth_fit('"Clone Test".service')->'columns') c;
SELECT count(*) AS n,
       count(*) FILTER (WHERE (internet = 'No') = (backup = 'none')
                          AND (internet = 'No') = (security = 'none')) AS structural,
       round(avg((internet = 'No')::int), 1) AS no_internet,
       count(DISTINCT (internet, backup, security)) AS combinations
FROM synth_clone(NULL::"Clone Test".service, 3000, seed => 1);
-- a rare (parent, child) cell is never emitted
CREATE TABLE "Clone Test".rare AS
SELECT (ARRAY['a', 'b', 'c'])[1 + i % 3] AS p,
       CASE WHEN i % 3 = 0 THEN 'u' WHEN i % 3 = 1 THEN 'v' WHEN i = 5 THEN 'u' ELSE 'w' END AS q
FROM generate_series(1, 600) i;
SELECT p, q, count(*) > 0 AS seen FROM synth_clone(NULL::"Clone Test".rare, 3000,
    '{"exact_copy_guard": false}', seed => 1) GROUP BY p, q ORDER BY p, q;
-- a model whose conditional parent is conditional itself is refused
SELECT synth_sample(NULL::"Clone Test".service,
    jsonb_set(m, '{columns,1,category_conditional}',
              jsonb_build_object('parent', 'security', 'uncertainty_coefficient', 1,
                                 'probabilities', '[[1,0,0],[0,1,0],[0,0,1]]'::jsonb)), 1)
FROM synth_fit('"Clone Test".service') m;

-- permissions and row-level security: the fit runs as the caller
CREATE ROLE clone_reader;
GRANT USAGE ON SCHEMA "Clone Test" TO clone_reader;
CREATE TABLE "Clone Test".secret (owner text, v int);
INSERT INTO "Clone Test".secret SELECT (ARRAY['alice', 'bob'])[1 + i % 2], i FROM generate_series(1, 100) i;
SET ROLE clone_reader;
SELECT synth_fit('"Clone Test".secret');
RESET ROLE;
GRANT SELECT ON "Clone Test".secret TO clone_reader;
ALTER TABLE "Clone Test".secret ENABLE ROW LEVEL SECURITY;
CREATE POLICY only_alice ON "Clone Test".secret USING (owner = 'alice');
SET ROLE clone_reader;
SELECT m->'rows' AS rows_fitted, m->'columns'->0->'categories' AS owners FROM synth_fit('"Clone Test".secret') m;
RESET ROLE;

DROP SCHEMA "Clone Test" CASCADE;
DROP ROLE clone_reader;
