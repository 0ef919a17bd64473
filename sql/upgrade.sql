-- Updating a 0.1.0 install: ALTER EXTENSION synthdata UPDATE brings it to
-- exactly what a fresh install of the current version creates, tables made
-- with 0.1.0 keep working, and a model written by 0.1.0 still samples.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS synthdata CASCADE;
CREATE EXTENSION synthdata VERSION '0.1.0';
RESET client_min_messages;
SELECT extversion FROM pg_extension WHERE extname = 'synthdata';

-- a table and a stored model of 0.1.0 (test/data/model-0.1.0.json was
-- written by synth_fit of version 0.1.0 from this very table definition)
CREATE TYPE upg_tier AS ENUM ('bronze', 'silver', 'gold');
CREATE TABLE upg_visits (
    id int PRIMARY KEY,
    age float8 NOT NULL,
    sex text NOT NULL,
    tier upg_tier,
    bili numeric(6,2),
    stage int,
    admitted date,
    seen_at timestamptz,
    smoker bool,
    attrs jsonb
);
SELECT synth_fill('upg_visits', 300, '{"age": "normal(50, 10)"}', seed => 5);
\set model `cat test/data/model-0.1.0.json`
CREATE TABLE upg_models (name text PRIMARY KEY, model jsonb NOT NULL);
INSERT INTO upg_models VALUES ('visits', :'model');

SET client_min_messages = warning;
ALTER EXTENSION synthdata UPDATE;
RESET client_min_messages;
SELECT extversion FROM pg_extension WHERE extname = 'synthdata';

-- what 0.1.0 made keeps working
SELECT count(*) FROM upg_visits;
SELECT synth_fill('upg_visits', 100, seed => 6);
SELECT count(*), count(DISTINCT id) FROM upg_visits;

-- the 0.1.0 model samples, reproducibly, with its shapes
CREATE TEMP TABLE upg_s AS
SELECT * FROM synth_sample(NULL::upg_visits, (SELECT model FROM upg_models), 2000, seed => 11);
SELECT count(*) AS rows, count(DISTINCT id) AS ids,
       count(DISTINCT sex) AS sexes, count(DISTINCT tier) AS tiers,
       round(avg(age)) AS mean_age, min(stage) AS min_stage, max(stage) AS max_stage,
       round(avg((bili IS NULL)::int), 2) AS null_bili,
       min(admitted) >= date '2020-01-01' AS admitted_lo, max(admitted) <= date '2022-06-19' AS admitted_hi,
       bool_and(attrs ? 'ward') AS docs
FROM upg_s;
SELECT (SELECT pg_catalog.md5(pg_catalog.string_agg(s::text, ',' ORDER BY id)) FROM upg_s AS s)
     = (SELECT pg_catalog.md5(pg_catalog.string_agg(s::text, ',' ORDER BY id))
        FROM synth_sample(NULL::upg_visits, (SELECT model FROM upg_models), 2000, seed => 11) AS s)
       AS same_rows_again;

-- a model fitted now samples as well
SELECT count(*) FROM synth_sample(NULL::upg_visits, synth_fit('upg_visits'), 50, seed => 1);

-- the updated extension is exactly a fresh install: same functions with the
-- same labels, privileges and comments, and the same member objects
CREATE TEMP TABLE upg_members AS
SELECT pg_catalog.pg_describe_object(d.classid, d.objid, 0) AS object,
       p.provolatile, p.proparallel, p.proisstrict, p.prosecdef, p.proretset,
       pg_catalog.pg_get_function_arguments(p.oid) AS args,
       p.prorettype::regtype::text AS returns, p.proacl::text AS acl,
       pg_catalog.obj_description(d.objid, d.classid::regclass::name) AS comment
FROM pg_catalog.pg_depend AS d
JOIN pg_catalog.pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'synthdata'
LEFT JOIN pg_catalog.pg_proc AS p ON d.classid = 'pg_catalog.pg_proc'::regclass AND p.oid = d.objid
WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e';

SET client_min_messages = warning;
DROP TABLE upg_s;
DROP TABLE upg_visits, upg_models;
DROP TYPE upg_tier;
DROP EXTENSION synthdata CASCADE;
CREATE EXTENSION synthdata;
RESET client_min_messages;

CREATE TEMP TABLE fresh_members AS
SELECT pg_catalog.pg_describe_object(d.classid, d.objid, 0) AS object,
       p.provolatile, p.proparallel, p.proisstrict, p.prosecdef, p.proretset,
       pg_catalog.pg_get_function_arguments(p.oid) AS args,
       p.prorettype::regtype::text AS returns, p.proacl::text AS acl,
       pg_catalog.obj_description(d.objid, d.classid::regclass::name) AS comment
FROM pg_catalog.pg_depend AS d
JOIN pg_catalog.pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'synthdata'
LEFT JOIN pg_catalog.pg_proc AS p ON d.classid = 'pg_catalog.pg_proc'::regclass AND p.oid = d.objid
WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e';

SELECT count(*) > 90 AS many_members FROM fresh_members;
-- only in the updated install
(SELECT * FROM upg_members EXCEPT SELECT * FROM fresh_members) ORDER BY 1;
-- only in the fresh install
(SELECT * FROM fresh_members EXCEPT SELECT * FROM upg_members) ORDER BY 1;
DROP TABLE upg_members, fresh_members;
