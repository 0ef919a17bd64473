-- pgTAP: the SQL synthdata generates cannot be redirected by the search_path.
--
-- A schema "evil" placed first on the search_path holds operators, an
-- aggregate and types named like the built-ins the generated SQL uses:
-- "=" for varchar (which beats pg_catalog's text = text even behind
-- pg_catalog), for an enum, a domain, oid/regclass, oid, "char" and tid;
-- "||" for jsonb; count(*); and types named float8 and text.  Each records
-- its use in evil.calls (with the step that was running).  Every function
-- that runs SQL of its own is called with that search_path; none may use
-- a planted object, and each must return what it returns with a clean
-- search_path.
BEGIN;
SELECT plan(22);
SET LOCAL synthdata.progress = off;

CREATE SCHEMA evil;
CREATE TABLE evil.calls (step pg_catalog.text, what pg_catalog.text);
CREATE FUNCTION evil.called(what pg_catalog.text) RETURNS pg_catalog.bool
    LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    INSERT INTO evil.calls VALUES (current_setting('sp.step', true), what);
    RETURN true;
END $$;

CREATE TYPE public.sp_mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN public.sp_code AS varchar(8);

CREATE FUNCTION evil.eq_varchar(varchar, varchar) RETURNS boolean
    LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$ BEGIN PERFORM evil.called('varchar ='); RETURN $1::text = $2::text; END $$;
CREATE OPERATOR evil.= (leftarg = varchar, rightarg = varchar, function = evil.eq_varchar);
CREATE FUNCTION evil.eq_mood(public.sp_mood, public.sp_mood) RETURNS boolean
    LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$ BEGIN PERFORM evil.called('enum ='); RETURN $1::text = $2::text; END $$;
CREATE OPERATOR evil.= (leftarg = public.sp_mood, rightarg = public.sp_mood, function = evil.eq_mood);
CREATE FUNCTION evil.eq_code(public.sp_code, public.sp_code) RETURNS boolean
    LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$ BEGIN PERFORM evil.called('domain ='); RETURN $1::text = $2::text; END $$;
CREATE OPERATOR evil.= (leftarg = public.sp_code, rightarg = public.sp_code, function = evil.eq_code);
CREATE FUNCTION evil.eq_oid_regclass(oid, regclass) RETURNS boolean
    LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$ BEGIN PERFORM evil.called('oid = regclass'); RETURN $1 = $2::oid; END $$;
CREATE OPERATOR evil.= (leftarg = oid, rightarg = regclass, function = evil.eq_oid_regclass);
CREATE FUNCTION evil.eq_oid(oid, oid) RETURNS boolean
    LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$ BEGIN PERFORM evil.called('oid = oid'); RETURN $1 = $2; END $$;
CREATE OPERATOR evil.= (leftarg = oid, rightarg = oid, function = evil.eq_oid);
CREATE FUNCTION evil.eq_char("char", "char") RETURNS boolean
    LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$ BEGIN PERFORM evil.called('"char" ='); RETURN $1 = $2; END $$;
CREATE OPERATOR evil.= (leftarg = "char", rightarg = "char", function = evil.eq_char);
CREATE FUNCTION evil.eq_tid(tid, tid) RETURNS boolean
    LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$ BEGIN PERFORM evil.called('tid ='); RETURN $1 = $2; END $$;
CREATE OPERATOR evil.= (leftarg = tid, rightarg = tid, function = evil.eq_tid);
CREATE FUNCTION evil.cat(jsonb, jsonb) RETURNS jsonb
    LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$ BEGIN PERFORM evil.called('jsonb ||'); RETURN '{}'; END $$;
CREATE OPERATOR evil.|| (leftarg = jsonb, rightarg = jsonb, function = evil.cat);
CREATE FUNCTION evil.count_step(int8) RETURNS int8
    LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$ BEGIN PERFORM evil.called('count(*)'); RETURN 0; END $$;
CREATE AGGREGATE evil.count(*) (sfunc = evil.count_step, stype = int8, initcond = '0');
CREATE DOMAIN evil.float8 AS pg_catalog.int4 CHECK (evil.called('type float8'));
CREATE DOMAIN evil.text AS pg_catalog.varchar CHECK (evil.called('type text'));

CREATE TABLE public.sp_people (
    id int PRIMARY KEY,
    name varchar(20) NOT NULL,
    m sp_mood,
    c sp_code,
    score float8,
    x float8,
    seen date);
INSERT INTO sp_people
SELECT g, 'n' || (g % 5), (ARRAY['sad', 'ok', 'happy'])[1 + g % 3]::sp_mood, 'C' || (g % 4),
       (g * 7919) % 1000 / 10.0, sqrt(g), date '2024-01-01' + (g * 37) % 365
FROM generate_series(1, 300) g;
CREATE TABLE public.sp_visits (id int PRIMARY KEY, person int NOT NULL REFERENCES sp_people,
                               at date);
INSERT INTO sp_visits SELECT g, 1 + g % 300, date '2024-01-01' + g % 90 FROM generate_series(1, 100) g;
-- the same people with holes to impute
CREATE TABLE public.sp_holes AS SELECT * FROM sp_people;
UPDATE sp_holes SET score = NULL WHERE id % 7 = 0;
UPDATE sp_holes SET m = NULL WHERE id % 11 = 0;
CREATE TABLE public.sp_holes2 AS SELECT * FROM sp_people;
UPDATE sp_holes2 SET score = NULL WHERE id % 7 = 0;
UPDATE sp_holes2 SET m = NULL WHERE id % 11 = 0;
CREATE TABLE public.sp_other AS SELECT * FROM sp_people WHERE id % 2 = 0;

-- reference results with a clean search_path
CREATE TEMP TABLE ref_fit AS SELECT synth_fit('sp_people') AS model;
CREATE TEMP TABLE ref_impute AS SELECT * FROM synth_impute(NULL::sp_holes, seed => 1);
CREATE TEMP TABLE ref_eval AS SELECT * FROM synth_evaluate('sp_people', 'sp_other', '{"seed": 1}');
SELECT synth_impute_update('sp_holes2', seed => 1) AS ref_update \gset

CREATE TEMP TABLE out_n (step pg_catalog.text, n pg_catalog.int8);

SET LOCAL search_path = evil, public, pg_catalog;

SET LOCAL sp.step = 'augment varchar';
CREATE TEMP TABLE out_aug_name AS
SELECT * FROM synth_augment(NULL::sp_people, 30, 'model', '{"condition": {"name": "n1"}}', 1);
SET LOCAL sp.step = 'augment enum';
CREATE TEMP TABLE out_aug_mood AS
SELECT * FROM synth_augment(NULL::sp_people, 30, 'model', '{"condition": {"m": "ok"}}', 1);
SET LOCAL sp.step = 'augment domain';
CREATE TEMP TABLE out_aug_code AS
SELECT * FROM synth_augment(NULL::sp_people, 30, 'model', '{"condition": {"c": "C1"}}', 1);
SET LOCAL sp.step = 'fit';
CREATE TEMP TABLE out_fit AS SELECT synth_fit('sp_people') AS model;
SET LOCAL sp.step = 'impute';
CREATE TEMP TABLE out_impute AS SELECT * FROM synth_impute(NULL::sp_holes, seed => 1);
SET LOCAL sp.step = 'impute_update';
INSERT INTO out_n SELECT 'impute_update', synth_impute_update('sp_holes', seed => 1);
SET LOCAL sp.step = 'evaluate';
CREATE TEMP TABLE out_eval AS SELECT * FROM synth_evaluate('sp_people', 'sp_other', '{"seed": 1}');
SET LOCAL sp.step = 'rows';
CREATE TEMP TABLE out_rows AS SELECT * FROM synth_rows(NULL::sp_visits, 40, seed => 1);
SET LOCAL sp.step = 'fill';
INSERT INTO out_n SELECT 'fill people', synth_fill('sp_people', 25, seed => 1);
INSERT INTO out_n SELECT 'fill visits', synth_fill('sp_visits', 40, seed => 1);
SET LOCAL sp.step = 'clone_table';
INSERT INTO out_n SELECT 'clone_table', synth_clone_table('sp_people', 'public.sp_copy', 60, seed => 1);
-- an unqualified target is made in the first schema of the search_path
INSERT INTO out_n SELECT 'clone_table unqualified', synth_clone_table('sp_people', 'sp_copy2', 20, seed => 1);
SET LOCAL sp.step = '';

SET LOCAL search_path = public, pg_catalog;

SELECT is((SELECT string_agg(DISTINCT what, ', ') FROM evil.calls WHERE step = 'augment varchar'),
          NULL, 'synth_augment condition on varchar: no planted object used');
SELECT results_eq($$SELECT count(*), count(*) FILTER (WHERE name = 'n1') FROM out_aug_name$$,
                  $$VALUES (30::bigint, 30::bigint)$$, 'synth_augment condition on varchar: 30 rows, all matching');
SELECT is((SELECT string_agg(DISTINCT what, ', ') FROM evil.calls WHERE step = 'augment enum'),
          NULL, 'synth_augment condition on an enum: no planted object used');
SELECT results_eq($$SELECT count(*), count(*) FILTER (WHERE m = 'ok') FROM out_aug_mood$$,
                  $$VALUES (30::bigint, 30::bigint)$$, 'synth_augment condition on an enum: 30 rows, all matching');
SELECT is((SELECT string_agg(DISTINCT what, ', ') FROM evil.calls WHERE step = 'augment domain'),
          NULL, 'synth_augment condition on a domain: no planted object used');
SELECT results_eq($$SELECT count(*), count(*) FILTER (WHERE c = 'C1') FROM out_aug_code$$,
                  $$VALUES (30::bigint, 30::bigint)$$, 'synth_augment condition on a domain: 30 rows, all matching');
SELECT is((SELECT string_agg(DISTINCT what, ', ') FROM evil.calls WHERE step = 'fit'),
          NULL, 'synth_fit: no planted object used');
SELECT ok((SELECT model FROM out_fit) = (SELECT model FROM ref_fit),
          'synth_fit: the model of a clean search_path');
SELECT is((SELECT string_agg(DISTINCT what, ', ') FROM evil.calls WHERE step = 'impute'),
          NULL, 'synth_impute: no planted object used');
SELECT bag_eq('SELECT * FROM out_impute', 'SELECT * FROM ref_impute',
              'synth_impute: the rows of a clean search_path');
SELECT is((SELECT string_agg(DISTINCT what, ', ') FROM evil.calls WHERE step = 'impute_update'),
          NULL, 'synth_impute_update: no planted object used');
SELECT is((SELECT n FROM out_n WHERE step = 'impute_update'), :ref_update::bigint,
          'synth_impute_update: the count of a clean search_path');
SELECT bag_eq('SELECT * FROM sp_holes', 'SELECT * FROM sp_holes2',
              'synth_impute_update: the table of a clean search_path');
SELECT is((SELECT string_agg(DISTINCT what, ', ') FROM evil.calls WHERE step = 'evaluate'),
          NULL, 'synth_evaluate: no planted object used');
SELECT bag_eq('SELECT * FROM out_eval', 'SELECT * FROM ref_eval',
              'synth_evaluate: the report of a clean search_path');
SELECT is((SELECT string_agg(DISTINCT what, ', ') FROM evil.calls WHERE step = 'rows'),
          NULL, 'synth_rows with unique and foreign keys: no planted object used');
SELECT results_eq($$SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE person IN (SELECT id FROM sp_people)),
                           count(*) FILTER (WHERE id <= 100) FROM out_rows$$,
                  $$VALUES (40::bigint, 40::bigint, 40::bigint, 0::bigint)$$,
                  'synth_rows: new keys, existing parents');
SELECT is((SELECT string_agg(DISTINCT what, ', ') FROM evil.calls WHERE step = 'fill'),
          NULL, 'synth_fill: no planted object used');
SELECT results_eq($$SELECT (SELECT n FROM out_n WHERE step = 'fill people'), (SELECT n FROM out_n WHERE step = 'fill visits'),
                           (SELECT count(*) FROM sp_people), (SELECT count(*) FROM sp_visits)$$,
                  $$VALUES (25::bigint, 40::bigint, 325::bigint, 140::bigint)$$,
                  'synth_fill: the rows asked for');
SELECT is((SELECT string_agg(DISTINCT what, ', ') FROM evil.calls WHERE step = 'clone_table'),
          NULL, 'synth_clone_table: no planted object used');
SELECT results_eq($$SELECT (SELECT n FROM out_n WHERE step = 'clone_table'), (SELECT count(*) FROM public.sp_copy),
                           (SELECT count(*) FROM pg_index WHERE indrelid = 'public.sp_copy'::regclass AND indisprimary),
                           (SELECT count(*) FROM evil.sp_copy2)$$,
                  $$VALUES (60::bigint, 60::bigint, 1::bigint, 20::bigint)$$,
                  'synth_clone_table: the rows and the primary key, an unqualified target in the first schema');
SELECT is((SELECT string_agg(DISTINCT what, ', ') FROM evil.calls), NULL,
          'no planted object was used at all');

SELECT * FROM finish();
ROLLBACK;
