-- Rules stored with the schema: SECURITY LABEL FOR synthdata on columns
-- and tables.  Every bad label's SQLSTATE, every role of the vocabulary
-- and both label forms, the precedence (options and rules of a call >
-- labels > inference), fill rules taken from labels, reproducibility
-- (a label gives exactly what the same option or rule in the call gives),
-- quoted identifiers in a schema other than public, columns renamed and
-- dropped after labelling, and synth_labels.
BEGIN;
SELECT plan(95);
SET LOCAL client_min_messages = warning;
-- the provider is registered when the library loads
LOAD 'synthdata';

CREATE TABLE lb_parent (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO lb_parent SELECT g, 'P' || g FROM generate_series(1, 30) g;
CREATE TABLE lb_people (
  id int PRIMARY KEY,
  contact text,
  email text,
  code text,
  notes text,
  score int,
  amount numeric(8,2),
  seen date,
  parent_id int REFERENCES lb_parent,
  plain_ref int,
  total int GENERATED ALWAYS AS (score * 2) STORED,
  must int NOT NULL DEFAULT 0
);
-- contact holds emails under a name that says nothing; email holds
-- yes/no (a name that suggests PII on values that are not)
INSERT INTO lb_people (id, contact, email, code, notes, score, amount, seen, parent_id, plain_ref)
SELECT g, 'user' || g || '@corp.test', CASE WHEN g % 2 = 0 THEN 'yes' ELSE 'no' END,
       'C-' || lpad(g::text, 5, '0'), (ARRAY['red','green','blue'])[1 + g % 3],
       (g * 37) % 100, (g % 500) / 3.0, date '2024-01-01' + g % 300,
       1 + g % 30, g % 30
FROM generate_series(1, 2000) g;
CREATE VIEW lb_view AS SELECT id, contact FROM lb_people;

-- ---- bad labels: every SQLSTATE ------------------------------------------
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.contact IS 'boss'$$,
  '22023', NULL, 'an unknown role is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.contact IS 'personal:emial'$$,
  '22023', NULL, 'an unknown kind is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.contact IS 'identifier:email'$$,
  '22023', 'option "pii_kind" requires role "pii"', 'a kind with a role other than personal is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.score IS 'personal:email'$$,
  '22023', 'option "pii_kind" does not apply to column "score" of type integer',
  'a kind on an integer column is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.contact IS '{"rol": "key"}'$$,
  '22023', NULL, 'an unknown key of a JSON label is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.contact IS '{"role": 3}'$$,
  '22023', NULL, 'a role that is not a string is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.contact IS '{"role": '$$,
  '22P02', NULL, 'a label that is not JSON is 22P02');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.contact IS '{}'$$,
  '22023', NULL, 'an empty JSON label is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.contact IS '  '$$,
  '22023', NULL, 'a blank label is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.contact IS 'personal:'$$,
  '22023', NULL, 'an empty kind is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.contact IS 'rule:'$$,
  '22023', NULL, 'an empty rule is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.score IS 'rule:int(1,'$$,
  '22023', 'invalid rule for column "score"', 'a rule the rule parser refuses is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.score IS 'rule:nosuch + 1'$$,
  '22023', 'invalid rule for column "score"', 'a rule naming an unknown column is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.score IS '{"rule": {"value": "int(1, 5)", "nul": 0.1}}'$$,
  '22023', NULL, 'an unknown key of a rule object is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.must IS '{"rule": {"null": 0.5}}'$$,
  '22023', NULL, 'NULLs in a NOT NULL column are 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.total IS 'rule:1'$$,
  '428C9', NULL, 'a rule for a generated column is 428C9');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_view.contact IS 'rule:email()'$$,
  '42809', NULL, 'a fill rule on a view column is 42809');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON TABLE lb_people IS 'k=20'$$,
  '22023', NULL, 'a table label that is not a JSON object is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON TABLE lb_people IS '{"k": "20"}'$$,
  '22023', NULL, 'a fit option of the wrong type is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON TABLE lb_people IS '{"kk": 20}'$$,
  '22023', NULL, 'an unknown fit option is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON TABLE lb_people IS '{"columns": {"contact": {"role": "pii"}}}'$$,
  '22023', 'option "columns" cannot be given in a table''s security label', 'option columns on a table is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON TABLE lb_people IS '{"exact_copy_guard": false}'$$,
  '22023', NULL, 'exact_copy_guard on a table is 22023');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON SCHEMA public IS 'x'$$,
  '0A000', NULL, 'a schema label is 0A000');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON FUNCTION synth_labels(regclass, name) IS 'x'$$,
  '0A000', NULL, 'a function label is 0A000');
CREATE SEQUENCE lb_seq;
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON SEQUENCE lb_seq IS 'x'$$,
  '0A000', NULL, 'a sequence label is 0A000');
SELECT throws_ok($$SECURITY LABEL FOR synthdata ON COLUMN lb_people.nosuch IS 'attribute'$$,
  '42703', NULL, 'a label of a missing column is 42703');
SELECT throws_ok($$SECURITY LABEL FOR nosuch ON COLUMN lb_people.contact IS 'attribute'$$,
  '22023', 'security label provider "nosuch" is not loaded', 'another provider is not ours');
SELECT is((SELECT count(*) FROM pg_seclabel WHERE provider = 'synthdata'), 0::bigint,
  'no refused label was stored');

-- ---- every role of the vocabulary, both forms ----------------------------
CREATE FUNCTION pg_temp.lb_role(col text, label text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE r text;
BEGIN
  EXECUTE format('SECURITY LABEL FOR synthdata ON COLUMN lb_people.%I IS %L', col, label);
  SELECT role || '/' || reason INTO r FROM synth_columns('lb_people') WHERE "column" = col;
  EXECUTE format('SECURITY LABEL FOR synthdata ON COLUMN lb_people.%I IS NULL', col);
  RETURN r;
END $f$;
SELECT is(pg_temp.lb_role('notes', 'attribute'), 'categorical/security label', 'attribute');
SELECT is(pg_temp.lb_role('notes', 'key'), 'key/security label', 'key');
SELECT is(pg_temp.lb_role('notes', 'own_key'), 'key/security label', 'own_key');
SELECT is(pg_temp.lb_role('notes', 'identifier'), 'identifier/security label', 'identifier');
SELECT is(pg_temp.lb_role('notes', 'pii'), 'personal/security label', 'pii');
SELECT is(pg_temp.lb_role('notes', 'personal'), 'personal/security label', 'personal');
SELECT is(pg_temp.lb_role('notes', 'categorical'), 'categorical/security label', 'categorical');
SELECT is(pg_temp.lb_role('score', 'numeric'), 'numeric/security label', 'numeric');
SELECT is(pg_temp.lb_role('seen', 'temporal'), 'temporal/security label', 'temporal');
SELECT is(pg_temp.lb_role('notes', 'free_text'), 'categorical/security label', 'free_text');
SELECT is(pg_temp.lb_role('parent_id', 'foreign_key'), 'foreign_key/security label', 'foreign_key');
SELECT is(pg_temp.lb_role('parent_id', 'attribute'), 'numeric/security label',
  'attribute on a foreign key models its values');
SELECT is(pg_temp.lb_role('contact', 'personal: email'), 'personal/security label', 'role:kind (blanks allowed)');
SELECT is(pg_temp.lb_role('contact', '{"role": "personal", "kind": "email"}'), 'personal/security label',
  'the JSON object of option "columns"');
SELECT is(pg_temp.lb_role('contact', '{"pii_kind": "email"}'), 'personal/security label', 'pii_kind alone');

SECURITY LABEL FOR synthdata ON COLUMN lb_people.contact IS '{"kind": "email"}';
SECURITY LABEL FOR synthdata ON COLUMN lb_people.plain_ref IS 'foreign_key';
SELECT throws_ok($$SELECT synth_fit('lb_people')$$, '22023', 'column "plain_ref" has no foreign key',
  'role foreign_key on a column without one: accepted as a label, refused by the fit');
SECURITY LABEL FOR synthdata ON COLUMN lb_people.plain_ref IS NULL;

-- ---- precedence ------------------------------------------------------------
SELECT is((SELECT kind || '/' || reason FROM synth_columns('lb_people') WHERE "column" = 'contact'),
  'email/security label', 'a label gives a column its kind');
SELECT is((SELECT reason FROM synth_columns('lb_people', '{"columns": {"contact": {"role": "identifier"}}}')
           WHERE "column" = 'contact'), 'set by option', 'the call''s option overrides the label');
SECURITY LABEL FOR synthdata ON COLUMN lb_people.email IS 'categorical';
SELECT is((SELECT role || '/' || reason FROM synth_columns('lb_people') WHERE "column" = 'email'),
  'categorical/security label', 'a label overrides what the name suggests');
SECURITY LABEL FOR synthdata ON TABLE lb_people IS '{"k": 25, "category_cap": 64}';
SELECT is((SELECT synth_fit('lb_people')->'options'->>'k'), '25', 'a table label sets fit options');
SELECT is((SELECT synth_fit('lb_people', '{"k": 12}')->'options'->>'k'), '12',
  'the call''s options override the table label''s, option by option');
SELECT is((SELECT synth_fit('lb_people', '{"k": 12}')->'options'->>'category_cap'), '64',
  'the table label''s other options stay');

-- a label gives exactly what the same option gives: same model, same rows
SELECT is((SELECT replace(synth_fit('lb_people')::text, '"security label"', '"set by option"')),
          (SELECT synth_fit('lb_people', '{"k": 25, "category_cap": 64, "columns": {"contact": {"kind": "email"}, "email": {"role": "categorical"}}}')::text),
  'the labels'' model equals the model of the same options in the call (but for the reasons)');
SELECT is((SELECT md5(string_agg(c::text, ',' ORDER BY c.id)) FROM synth_clone(NULL::lb_people, 300, seed => 7) c),
          (SELECT md5(string_agg(c::text, ',' ORDER BY c.id)) FROM synth_clone(NULL::lb_people, 300,
             '{"k": 25, "category_cap": 64, "columns": {"contact": {"kind": "email"}, "email": {"role": "categorical"}}}', seed => 7) c),
  'a clone with labels equals the clone with the same options');
SELECT is((SELECT count(*) FROM synth_clone(NULL::lb_people, 500, seed => 7) c
           WHERE c.contact IN (SELECT contact FROM lb_people)), 0::bigint,
  'a labelled personal column is never a source value in the clone');
SELECT cmp_ok((SELECT avg((c.contact ~ '^[^@ ]+@[^@ ]+\.[a-z]+$')::int) FROM synth_clone(NULL::lb_people, 500, seed => 7) c
               WHERE c.contact IS NOT NULL), '=', 1::numeric, 'and its values are fake emails');
SELECT is(synth_clone_table('lb_people', 'lb_people_copy', 200, seed => 3), 200::bigint,
  'synth_clone_table reads the labels too');
SELECT is((SELECT count(*) FROM lb_people_copy WHERE contact IN (SELECT contact FROM lb_people)), 0::bigint,
  'the copy holds no source contact');

-- evaluation takes a labelled personal column's role through synth_columns
CREATE TABLE lb_ev (id int PRIMARY KEY, marker text, grp text);
INSERT INTO lb_ev SELECT g, 'h' || md5(g::text), (ARRAY['a', 'b', 'c'])[1 + g % 3] FROM generate_series(1, 600) g;
SECURITY LABEL FOR synthdata ON COLUMN lb_ev.marker IS 'personal:username';
SELECT is(synth_clone_table('lb_ev', 'lb_ev_copy', seed => 1), 600::bigint, 'a labelled table cloned for evaluation');
SELECT is((SELECT (detail->>'role') || '/' || (detail->>'kind') FROM synth_evaluate('lb_ev', 'lb_ev_copy')
           WHERE metric = 'ColumnRole' AND column_name = 'marker'),
  'personal/username', 'synth_evaluate scores a labelled column as the personal datum its label says');

-- synth_clone_schema fits each table with its labels
CREATE SCHEMA lb_cs;
CREATE TABLE lb_cs.cust (id int PRIMARY KEY, marker text, grp text);
INSERT INTO lb_cs.cust SELECT g, 'h' || md5(g::text), (ARRAY['a', 'b', 'c'])[1 + g % 3] FROM generate_series(1, 300) g;
CREATE TABLE lb_cs.ord (id int PRIMARY KEY, cust_id int REFERENCES lb_cs.cust, amount int);
INSERT INTO lb_cs.ord SELECT g, 1 + g % 300, g % 77 FROM generate_series(1, 1500) g;
SECURITY LABEL FOR synthdata ON COLUMN lb_cs.cust.marker IS 'personal:username';
SELECT is((SELECT sum("rows") FROM synth_clone_schema('lb_cs', 'lb_cs_copy', seed => 1)), 1800::numeric,
  'synth_clone_schema of a labelled schema');
-- without the label the markers are identifiers: 33 characters of the source's shape (300 of them)
SELECT is((SELECT count(*) FROM lb_cs_copy.cust WHERE length(marker) = 33 OR marker IN (SELECT marker FROM lb_cs.cust)),
  0::bigint, 'its copy holds usernames where the label says so, never a source value');

-- ---- fill rules from labels ---------------------------------------------
CREATE TABLE lb_fill (
  id serial PRIMARY KEY,
  contact text,
  score int,
  size text,
  half int,
  doubled int
);
SECURITY LABEL FOR synthdata ON COLUMN lb_fill.contact IS 'personal:email';
SECURITY LABEL FOR synthdata ON COLUMN lb_fill.score IS 'rule:int(1, 5)';
SECURITY LABEL FOR synthdata ON COLUMN lb_fill.size IS '{"rule": ["S", "M", "L"]}';
SECURITY LABEL FOR synthdata ON COLUMN lb_fill.half IS '{"rule": {"value": "int(10, 20)", "null": 0.3}}';
SECURITY LABEL FOR synthdata ON COLUMN lb_fill.doubled IS 'rule:score * 2';
SELECT is(synth_fill('lb_fill', 2000, seed => 5), 2000::bigint, 'synth_fill with labelled rules');
SELECT is((SELECT count(*) FROM lb_fill WHERE score BETWEEN 1 AND 5), 2000::bigint,
  'a rule label is honoured (int(1, 5))');
SELECT is((SELECT array_agg(DISTINCT size ORDER BY size) FROM lb_fill), ARRAY['L', 'M', 'S'],
  'a list of choices in a label is honoured');
SELECT is((SELECT count(*) FROM lb_fill WHERE doubled = score * 2), 2000::bigint,
  'a label''s rule may read another column');
-- 2000 rows, NULL share 0.3: sd 0.0102, so +-0.035 is beyond 3 sd
SELECT cmp_ok((SELECT abs(avg((half IS NULL)::int) - 0.3) FROM lb_fill), '<', 0.035::numeric,
  'a rule object''s NULL share is honoured (0.3 +- 0.035)');
SELECT is((SELECT count(*) FROM lb_fill WHERE half IS NOT NULL AND half NOT BETWEEN 10 AND 20), 0::bigint,
  'and its value rule');
SELECT is((SELECT count(*) FROM lb_fill WHERE contact !~ '^[^@ ]+@[^@ ]+\.[a-z]+$'), 0::bigint,
  'a kind in a label makes the fill draw fakes of that kind');
SELECT is((SELECT md5(string_agg(r::text, ',' ORDER BY r.contact)) FROM synth_rows(NULL::lb_fill, 200, seed => 9) r),
          (SELECT md5(string_agg(r::text, ',' ORDER BY r.contact)) FROM synth_rows(NULL::lb_fill, 200,
             '{"contact": "fake(''email'')", "score": "int(1, 5)", "size": ["S", "M", "L"],
               "half": {"value": "int(10, 20)", "null": 0.3}, "doubled": "score * 2"}', seed => 9) r),
  'labelled rules give exactly the rows of the same rules in the call');
SELECT is((SELECT md5(string_agg(r::text, ',' ORDER BY r.contact)) FROM synth_rows(NULL::lb_fill, 200, seed => 9) r),
          (SELECT md5(string_agg(r::text, ',' ORDER BY r.contact)) FROM synth_rows(NULL::lb_fill, 200, seed => 9) r),
  'reproducible: the same seed gives the same rows');
SELECT is((SELECT count(*) FROM synth_rows(NULL::lb_fill, 300, '{"score": 42}', seed => 9) r WHERE r.score = 42),
  300::bigint, 'the call''s rule overrides the label''s');
SELECT is((SELECT count(*) FROM synth_rows(NULL::lb_fill, 300, '{"score": 42}', seed => 9) r WHERE r.doubled = 84),
  300::bigint, 'and the other labelled rules still apply');

-- ---- quoted identifiers, another schema ----------------------------------
CREATE SCHEMA "Sales Data";
CREATE TABLE "Sales Data"."Order Lines" (
  "Line ID" int PRIMARY KEY,
  "E-Mail" text,
  "Unit Price" numeric(8,2),
  "Total ""Gross""" numeric(10,2)
);
INSERT INTO "Sales Data"."Order Lines"
SELECT g, 'buyer' || g || '@shop.test', 1 + g % 50, (1 + g % 50) * 2 FROM generate_series(1, 1000) g;
SECURITY LABEL FOR synthdata ON COLUMN "Sales Data"."Order Lines"."E-Mail" IS 'personal:email';
SECURITY LABEL FOR synthdata ON COLUMN "Sales Data"."Order Lines"."Unit Price" IS 'rule:round(uniform(1, 50), 2)';
SECURITY LABEL FOR synthdata ON COLUMN "Sales Data"."Order Lines"."Total ""Gross""" IS 'rule:"Unit Price" * 2';
SELECT is((SELECT reason FROM synth_columns('"Sales Data"."Order Lines"') WHERE "column" = 'E-Mail'),
  'security label', 'a quoted column of a quoted table in another schema');
SELECT is((SELECT count(*) FROM synth_rows(NULL::"Sales Data"."Order Lines", 100, seed => 1) r
           WHERE r."Total ""Gross""" = r."Unit Price" * 2 AND r."E-Mail" LIKE '%@%'), 100::bigint,
  'its labelled rules (one reading a quoted column) are honoured');
SELECT is((SELECT array_agg("column"::text ORDER BY "column") FROM synth_labels(schema => 'Sales Data')),
  ARRAY['E-Mail', 'Total "Gross"', 'Unit Price'], 'synth_labels of a schema');
SELECT is((SELECT count(*) FROM synth_labels('"Sales Data"."Order Lines"')), 3::bigint,
  'synth_labels of a table');
SELECT is((SELECT "table"::text FROM synth_labels(schema => 'Sales Data') LIMIT 1),
  '"Sales Data"."Order Lines"', 'the table as a regclass');
SELECT throws_ok($$SELECT * FROM synth_labels(schema => 'no such schema')$$, '3F000', NULL,
  'an unknown schema is 3F000');
SELECT ok((SELECT count(*) FROM synth_labels()) >= 3 + (SELECT count(*) FROM synth_labels('lb_fill')),
  'synth_labels() lists every table''s labels');
SELECT is((SELECT row(label, role, kind, rule, options)::text FROM synth_labels('lb_fill') WHERE "column" = 'contact'),
  row('personal:email', 'personal', 'email', '"fake(''email'')"'::jsonb, NULL::jsonb)::text,
  'a kind''s fill rule is shown');
SELECT is((SELECT options FROM synth_labels('lb_people') WHERE "column" IS NULL),
  '{"k": 25, "category_cap": 64}'::jsonb, 'a table''s label is shown with its options');

-- ---- columns renamed and dropped after labelling --------------------------
ALTER TABLE lb_fill RENAME COLUMN score TO points;
SELECT is((SELECT label FROM synth_labels('lb_fill') WHERE "column" = 'points'), 'rule:int(1, 5)',
  'a renamed column keeps its label');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::lb_fill, 1, seed => 2)$$, '22023',
  'invalid rule for column "doubled"', 'a rule that names a renamed column fails when it is read');
SECURITY LABEL FOR synthdata ON COLUMN lb_fill.doubled IS 'rule:points * 2';
SELECT is((SELECT count(*) FROM synth_rows(NULL::lb_fill, 100, seed => 2) r
           WHERE r.points BETWEEN 1 AND 5 AND r.doubled = r.points * 2),
  100::bigint, 'the renamed column keeps its rule, and a relabelled rule reads it');
ALTER TABLE lb_people RENAME COLUMN contact TO reach;
SELECT is((SELECT kind || '/' || reason FROM synth_columns('lb_people') WHERE "column" = 'reach'),
  'email/security label', 'the fit reads a renamed column''s label');
ALTER TABLE lb_fill DROP COLUMN size;
SELECT is((SELECT count(*) FROM synth_labels('lb_fill') WHERE label LIKE '%"S"%'), 0::bigint,
  'a dropped column''s label is gone');
SELECT is((SELECT count(*) FROM pg_seclabel WHERE objoid = 'lb_fill'::regclass AND provider = 'synthdata'),
  4::bigint, 'and so is its pg_seclabel row');
SELECT lives_ok($$SELECT * FROM synth_rows(NULL::lb_fill, 10, seed => 2)$$, 'the fill goes on without it');
SECURITY LABEL FOR synthdata ON COLUMN lb_fill.points IS NULL;
SELECT is((SELECT count(*) FROM synth_labels('lb_fill') WHERE "column" = 'points'), 0::bigint,
  'IS NULL removes a label');
-- a column's type changed after labelling: the fit says which label
DROP VIEW lb_view;
ALTER TABLE lb_people ALTER COLUMN reach TYPE int USING 0;
SELECT throws_ok($$SELECT synth_fit('lb_people')$$, '22023',
  'option "pii_kind" does not apply to column "reach" of type integer',
  'a label the column''s new type cannot take is refused by the fit');
DROP TABLE lb_people CASCADE;
SELECT is((SELECT count(*) FROM pg_seclabel WHERE provider = 'synthdata' AND objoid NOT IN
           ('lb_fill'::regclass, 'lb_ev'::regclass, 'lb_cs.cust'::regclass, '"Sales Data"."Order Lines"'::regclass)), 0::bigint,
  'a dropped table''s labels are gone');

-- labels written into pg_seclabel behind the hook's back are checked when read
CREATE TABLE lb_raw (id int PRIMARY KEY, t text, n int);
INSERT INTO lb_raw SELECT g, 'v' || g % 5, g % 9 FROM generate_series(1, 300) g;
SET LOCAL allow_system_table_mods = on;
INSERT INTO pg_seclabel VALUES ('lb_raw'::regclass, 'pg_class'::regclass, 0, 'synthdata', '{"exact_copy_guard": false}');
SELECT throws_ok($$SELECT synth_fit('lb_raw')$$, '22023',
  'option "exact_copy_guard" cannot be given in a table''s security label', 'a forged table label is refused when read');
DELETE FROM pg_seclabel WHERE objoid = 'lb_raw'::regclass;
INSERT INTO pg_seclabel VALUES ('lb_raw'::regclass, 'pg_class'::regclass, 2, 'synthdata', 'boss');
SELECT throws_ok($$SELECT synth_fit('lb_raw')$$, '22023', 'invalid value "boss" for option "role"',
  'a forged column label is refused by the fit');
DELETE FROM pg_seclabel WHERE objoid = 'lb_raw'::regclass;
INSERT INTO pg_seclabel VALUES ('lb_raw'::regclass, 'pg_class'::regclass, 3, 'synthdata', 'rule:n +');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::lb_raw, 1, seed => 1)$$, '22023', 'invalid rule for column "n"',
  'a forged rule is refused by the fill');
DELETE FROM pg_seclabel WHERE objoid = 'lb_raw'::regclass;
RESET allow_system_table_mods;

-- ---- mutated labels: refused cleanly, or accepted and usable ---------------
-- 600 labels assembled from pieces of valid and broken ones (a fixed
-- sequence); each is set on a column and, when accepted, read by the
-- listing, the fit and the fill.  Errors are fine; an internal error (class
-- XX) or a crash is not.
CREATE TABLE lb_fz (id int PRIMARY KEY, t text, n int NOT NULL, d date, g int GENERATED ALWAYS AS (n + 1) STORED);
INSERT INTO lb_fz SELECT g, 'v' || g % 7, g % 11, date '2024-01-01' + g FROM generate_series(1, 200) g;
CREATE FUNCTION pg_temp.lb_fuzz(cases int) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
  parts text[] := ARRAY['{', '}', '"role"', '"kind"', '"rule"', '"pii_kind"', ': ', ', ', '"personal"',
    '"email"', '"attribute"', '"foreign_key"', 'personal', 'email', 'key', ':', 'rule:', 'int(1, ', '5)',
    '[', ']', '"x"', 'null', '1e400', '-0', '"\u0000"', '{"value": ', '"null": 2', '"unique": true',
    '"fanout": "zipf(0)"', 'n * ', 't || ', '"ñ"', E'\t', '((((((((', 'round(', 'seq(', 'CASE WHEN n > 1 THEN 1 END',
    '"rule": "n + 1"', 'fake(''nope'')', repeat('a', 300), '"k": 0', '"epsilon": -1'];
  bases text[] := ARRAY['personal:email', 'attribute', 'identifier', 'categorical', 'rule:int(1, 5)',
    '{"role": "personal", "kind": "email"}', '{"rule": {"value": "n * 2", "null": 0.1}}',
    '{"rule": ["a", "b"]}', 'rule:t || ''x''', '{"k": 5}', '{"sample_percent": 50, "copula": false}',
    'rule:d + 3 days', '{"kind": "city", "rule": {"unique": true}}', 'numeric', 'temporal'];
  cols text[] := ARRAY['t', 'n', 'd', 'g', 'id'];
  pos int;
  bad text := '';
  lab text;
  st text;
BEGIN
  FOR i IN 1..cases LOOP
    -- a valid label as it is, cut, with a piece inserted, or pieces alone
    lab := bases[1 + abs(hashint4(i * 7)) % array_length(bases, 1)];
    pos := abs(hashint4(i * 13)) % (length(lab) + 1);
    IF i % 4 = 1 THEN
      lab := left(lab, pos);
    ELSIF i % 4 = 2 THEN
      lab := left(lab, pos) || parts[1 + abs(hashint4(i * 17)) % array_length(parts, 1)] || substr(lab, pos + 1);
    ELSIF i % 4 = 3 THEN
      lab := '';
      FOR j IN 1..(1 + abs(hashint4(i)) % 10) LOOP
        lab := lab || parts[1 + abs(hashint4(i * 31 + j)) % array_length(parts, 1)];
      END LOOP;
    END IF;
    BEGIN
      IF i % 9 = 0 THEN
        EXECUTE format('SECURITY LABEL FOR synthdata ON TABLE lb_fz IS %L', lab);
      ELSE
        EXECUTE format('SECURITY LABEL FOR synthdata ON COLUMN lb_fz.%I IS %L', cols[1 + i % 5], lab);
      END IF;
      PERFORM * FROM synth_labels('lb_fz');
      PERFORM * FROM synth_columns('lb_fz');
      PERFORM * FROM synth_rows(NULL::lb_fz, 2, seed => 1);
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE;
      IF st LIKE 'XX%' THEN
        bad := bad || lab || ' -> ' || st || E'\n';
      END IF;
    END;
  END LOOP;
  RETURN bad;
END $f$;
SELECT is(pg_temp.lb_fuzz(600), '', 'no mutated label reaches an internal error');
SELECT cmp_ok((SELECT count(*) FROM pg_seclabel WHERE objoid = 'lb_fz'::regclass), '>', 0::bigint,
  'some mutated labels were accepted (the fuzzing reaches the readers)');

SELECT * FROM finish();
ROLLBACK;
