-- pgTAP: what internal functions, relation arguments and models accept.
-- A forged configuration of the fit aggregate, a relation that does not
-- exist or belongs to the system, and a forged model each get a clean
-- SQLSTATE, never a crash, an internal error or a huge allocation.
BEGIN;
SELECT plan(89);

CREATE SCHEMA hardening;
CREATE ROLE synthdata_hardening;
GRANT USAGE, CREATE ON SCHEMA hardening TO synthdata_hardening;

-- a one-column configuration of the fit, in its wire format (src/clone.c,
-- config_write): pass, columns, category cap, guard bits, sample rows,
-- bytes and cut, whole row, dimensions; then the column: position, type, value kind,
-- output function, six flags, NULL and value dimensions, mode
CREATE FUNCTION hardening.cfg(typid oid, vk int, typoutput oid,
    pass int DEFAULT 1, ndims int DEFAULT 0, null_dim int DEFAULT -1,
    freq_cap int DEFAULT 256, bloom bigint DEFAULT 0, whole_row int DEFAULT 0)
RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
SELECT int4send(pass) || int4send(1) || int4send(freq_cap) || int8send(bloom)
    || int4send(0) || int8send(0) || int8send(0) || set_byte('\x00'::bytea, 0, whole_row)
    || int4send(ndims) || int4send(0) || int4send(typid::int) || int4send(vk)
    || int4send(typoutput::int) || '\x010000000000'::bytea || int4send(null_dim)
    || int4send(-1) || int4send(0)
$$;

-- a function the role may not execute, which runs as its owner and counts
-- its calls in a sequence (nextval is not undone by a rollback)
CREATE SEQUENCE hardening.definer_calls;
CREATE FUNCTION hardening.definer(int) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    PERFORM nextval('hardening.definer_calls');
    RETURN 'ran';
END $$;
REVOKE EXECUTE ON FUNCTION hardening.definer(int) FROM PUBLIC;
SELECT hardening.definer(0);	-- the sequence starts: last_value 1

CREATE TABLE hardening.t (id int, code text, b bytea, arr int[], doc jsonb, cat text);
INSERT INTO hardening.t
SELECT i, md5(i::text), decode(md5(i::text), 'hex'),
       ARRAY[i % 5, (i / 5) % 5, (i / 25) % 5, (i / 125) % 5],
       jsonb_build_object('k', i % 3, 'w', 'word ' || md5(i::text)),
       CASE WHEN i % 10 > 0 THEN (ARRAY['red', 'green', 'blue'])[1 + i % 3] END
FROM generate_series(1, 1000) i;
GRANT SELECT ON hardening.t TO synthdata_hardening;
CREATE TABLE hardening.model AS SELECT synth_fit('hardening.t') AS m;
GRANT SELECT ON hardening.model TO synthdata_hardening;
GRANT SELECT ON ggplot2_diamonds TO synthdata_hardening;

SELECT is((SELECT string_agg(c->>'kind', ',' ORDER BY o) FROM hardening.model,
                  jsonb_array_elements(m->'columns') WITH ORDINALITY AS e(c, o)),
          'sequence,format,format,array,document,categorical',
          'the forged models start from a model of every kind they change');

-- ---- the fit aggregate, called by a role of its own --------------------
SET ROLE synthdata_hardening;

SELECT cmp_ok((SELECT length(_synth_fit_state(hardening.cfg('int4'::regtype, 1, 'int4out'::regproc), i))
               FROM generate_series(1, 10) i), '>', 0,
              'a valid configuration: the aggregate runs for a role without privileges of its own');
-- byte 65 is the column's fifth flag: count each value's rows (children)
SELECT cmp_ok((SELECT length(_synth_fit_state(set_byte(hardening.cfg('int4'::regtype, 1, 'int4out'::regproc), 66, 1), i % 3))
               FROM generate_series(1, 10) i), '>', 0,
              'a configuration that counts children: the aggregate runs for the role');
SELECT throws_ok($$SELECT _synth_fit_state(set_byte(hardening.cfg('int4'::regtype, 1, 'int4out'::regproc), 66, 2), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'a children flag of 2: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(set_byte(hardening.cfg('int4'::regtype, 1, 'int4out'::regproc), 62, 2), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'a guard restriction flag of 2: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(set_byte(hardening.cfg('int4'::regtype, 1, 'int4out'::regproc), 62, 1), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'the guard restricted by a number column: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(hardening.cfg('int4'::regtype, 12, 'int4out'::regproc), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'value kind "string" on an int4 argument: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(hardening.cfg('int4'::regtype, 14, 'textout'::regproc), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'textout as the output function of an int4: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(hardening.cfg('int4'::regtype, 14, 'hardening.definer'::regproc), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration',
                 'a revoked SECURITY DEFINER function as the output function: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(hardening.cfg('int4'::regtype, 1, 'int4out'::regproc,
                                                         pass => 2, ndims => 1, null_dim => 100000), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'a NULL dimension out of range: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(hardening.cfg('int4'::regtype, 1, 'int4out'::regproc,
                                                         pass => 2, ndims => 1, null_dim => 0), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'a pass that does not scan rows: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(hardening.cfg('int4'::regtype, 1, 'int4out'::regproc,
                                                         whole_row => 1), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'a whole-row configuration on an int4 argument: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(hardening.cfg('text'::regtype, 12, 'textout'::regproc), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'a text column configured for an int4 argument: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(hardening.cfg('int4'::regtype, 1, 'int4out'::regproc,
                                                         freq_cap => 1000000000), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'a category cap out of range: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(hardening.cfg('int4'::regtype, 1, 'int4out'::regproc,
                                                         bloom => 12345), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'a guard size that is not a power of 2: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(substr(hardening.cfg('int4'::regtype, 1, 'int4out'::regproc), 1, 30), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'a truncated configuration: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(hardening.cfg('int4'::regtype, 1, 'int4out'::regproc) || '\x00'::bytea, i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'trailing bytes: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(NULL, i) FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'a NULL configuration: 22023');
SELECT throws_ok($$SELECT _synth_fit_state(hardening.cfg('int4'::regtype, 1, 'int4out'::regproc, pass => 7), i)
                   FROM generate_series(1, 10) i$$,
                 '22023', 'invalid fit configuration', 'an unknown pass: 22023');

-- parallel workers run the aggregate for the role too
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
-- fits of small tables run serially unless told otherwise
SET LOCAL synthdata.fit_parallel_min_rows = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE models AS SELECT 'parallel' AS plan, synth_fit('ggplot2_diamonds') AS m;
SET LOCAL max_parallel_workers_per_gather = 0;
INSERT INTO models SELECT 'serial', synth_fit('ggplot2_diamonds');
SELECT is((SELECT m FROM models WHERE plan = 'parallel'), (SELECT m FROM models WHERE plan = 'serial'),
          'a role fits in parallel as serially: the same model');
RESET max_parallel_workers_per_gather;
RESET ROLE;

SELECT is((SELECT last_value FROM hardening.definer_calls), 1::bigint,
          'the revoked SECURITY DEFINER function never ran');
SELECT is(has_function_privilege('synthdata_hardening', p.oid, 'EXECUTE'), false,
          format('%s is not executable by PUBLIC', p.oid::regprocedure))
FROM pg_proc p
WHERE p.proname IN ('_synth_fit_trans', '_synth_fit_combine', '_synth_fit_serialize',
                    '_synth_fit_deserialize', '_synth_fit_final')
ORDER BY p.proname;

-- ---- relations that do not exist ---------------------------------------
SELECT throws_ok($$SELECT synth_fit(0::regclass)$$, '42P01',
                 'relation with OID 0 does not exist', 'synth_fit of OID 0: 42P01');
SELECT throws_ok($$SELECT synth_clone_table(0::regclass, 'hardening.copy')$$, '42P01',
                 'relation with OID 0 does not exist', 'synth_clone_table of OID 0: 42P01');
SELECT throws_ok($$SELECT synth_fill(0::regclass, 1)$$, '42P01',
                 'relation with OID 0 does not exist', 'synth_fill of OID 0: 42P01');
SELECT throws_ok($$SELECT synth_fill(0::regclass, 0)$$, '42P01',
                 'relation with OID 0 does not exist', 'synth_fill of OID 0 and no rows: 42P01');
SELECT throws_ok($$SELECT synth_impute_update(0::regclass)$$, '42P01',
                 'relation with OID 0 does not exist', 'synth_impute_update of OID 0: 42P01');
SELECT throws_ok($$SELECT * FROM synth_evaluate(0::regclass, 'hardening.t')$$, '42P01',
                 'relation with OID 0 does not exist', 'synth_evaluate of a real OID 0: 42P01');
SELECT throws_ok($$SELECT * FROM synth_evaluate('hardening.t', 4000000000::oid::regclass)$$, '42P01',
                 'relation with OID 4000000000 does not exist', 'synth_evaluate of a synthetic OID that is none: 42P01');
SELECT throws_ok($$SELECT * FROM synth_evaluate('hardening.t', 'hardening.t', '{"holdout": "4000000000"}')$$,
                 '42P01', 'relation with OID 4000000000 does not exist', 'synth_evaluate of a holdout OID that is none: 42P01');
SELECT throws_ok($$SELECT synth_report(0::regclass, 'hardening.t')$$, '42P01',
                 'relation with OID 0 does not exist', 'synth_report of OID 0: 42P01');
SELECT throws_ok($$SELECT * FROM synth_compare('hardening.t', 0::regclass, 'id')$$, '42P01',
                 'relation with OID 0 does not exist', 'synth_compare of OID 0: 42P01');
SELECT throws_ok($$SELECT * FROM synth_fill_schema('{"hardening.no_such_table": 1}')$$, '42P01',
                 NULL, 'synth_fill_schema of a table that does not exist: 42P01');
SELECT throws_ok($$SELECT * FROM synth_clone('hardening.no_such_table', 1)$$, '42P01',
                 NULL, 'synth_clone of a table that does not exist: 42P01');

-- ---- system catalogs and TOAST tables ----------------------------------
SELECT throws_ok($$SELECT synth_fit('pg_class')$$, '42809',
                 'cannot fit system catalog "pg_class"', 'synth_fit of pg_class: 42809');
SELECT throws_ok($$SELECT synth_fit('pg_tables')$$, '42809',
                 'cannot fit system catalog "pg_tables"', 'synth_fit of a system view: 42809');
SELECT throws_ok($$SELECT synth_fit((SELECT reltoastrelid::regclass FROM pg_class WHERE oid = 'hardening.t'::regclass))$$,
                 '42809', NULL, 'synth_fit of a TOAST table: 42809');
SELECT throws_ok($$SELECT * FROM synth_clone(NULL::pg_class, 1)$$, '42809',
                 'cannot clone system catalog "pg_class"', 'synth_clone of pg_class: 42809');
SELECT throws_ok($$SELECT * FROM synth_clone('pg_class', 1)$$, '42809',
                 'cannot clone system catalog "pg_class"', 'synth_clone by name of pg_class: 42809');
SELECT throws_ok($$SELECT synth_clone_table('pg_class', 'hardening.copy')$$, '42809',
                 'cannot clone system catalog "pg_class"', 'synth_clone_table of pg_class: 42809');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::pg_class, (SELECT m FROM hardening.model), 1)$$, '42809',
                 'cannot generate rows for system catalog "pg_class"', 'synth_sample into pg_class: 42809');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::pg_class, 1)$$, '42809',
                 'cannot generate rows for system catalog "pg_class"', 'synth_rows of pg_class: 42809');
SELECT throws_ok($$SELECT synth_fill('pg_class', 1)$$, '42809',
                 'cannot fill system catalog "pg_class"', 'synth_fill of pg_class: 42809');
SELECT throws_ok($$SELECT synth_fill((SELECT reltoastrelid::regclass FROM pg_class WHERE oid = 'hardening.t'::regclass), 1)$$,
                 '42809', NULL, 'synth_fill of a TOAST table: 42809');
SELECT throws_ok($$SELECT * FROM synth_fill_schema('{"pg_catalog.pg_description": 1}')$$, '42809',
                 'cannot fill system catalog "pg_description"', 'synth_fill_schema of a catalog: 42809');
SELECT throws_ok($$SELECT * FROM synth_impute(NULL::pg_class, 'mode')$$, '42809',
                 'cannot impute system catalog "pg_class"', 'synth_impute of pg_class: 42809');
SELECT throws_ok($$SELECT synth_impute_update('pg_class', '{reloptions}', 'mode')$$, '42809',
                 'cannot impute system catalog "pg_class"', 'synth_impute_update of pg_class: 42809');
SELECT is((SELECT count(*) FROM pg_class WHERE reloptions IS NULL) > 0, true,
          'pg_class keeps its NULL reloptions');
SELECT throws_ok($$SELECT synth_impute_update((SELECT reltoastrelid::regclass FROM pg_class WHERE oid = 'hardening.t'::regclass))$$,
                 '42809', NULL, 'synth_impute_update of a TOAST table: 42809');
SELECT throws_ok($$SELECT * FROM synth_augment(NULL::pg_class, 1, 'noise')$$, '42809',
                 'cannot augment system catalog "pg_class"', 'synth_augment of pg_class: 42809');
SELECT throws_ok($$SELECT * FROM synth_evaluate('pg_class', 'hardening.t')$$, '42809',
                 'cannot evaluate system catalog "pg_class"', 'synth_evaluate of a real pg_class: 42809');
SELECT throws_ok($$SELECT * FROM synth_evaluate('hardening.t', 'pg_class')$$, '42809',
                 'cannot evaluate system catalog "pg_class"', 'synth_evaluate of a synthetic pg_class: 42809');
SELECT throws_ok($$SELECT * FROM synth_evaluate('hardening.t', 'hardening.t', '{"holdout": "pg_class"}')$$,
                 '42809', 'cannot evaluate system catalog "pg_class"', 'synth_evaluate of a holdout pg_class: 42809');
SELECT throws_ok($$SELECT synth_report('hardening.t', 'pg_class')$$, '42809',
                 'cannot evaluate system catalog "pg_class"', 'synth_report of pg_class: 42809');
SELECT throws_ok($$SELECT * FROM synth_compare('pg_class', 'hardening.t', 'relname')$$, '42809',
                 'cannot evaluate system catalog "pg_class"', 'synth_compare of pg_class: 42809');

-- ---- forged models -------------------------------------------------------
-- the model of hardening.t with one field replaced
CREATE FUNCTION hardening.forged(path text[], v jsonb) RETURNS jsonb
LANGUAGE sql STABLE AS $$ SELECT jsonb_set(m, path, v) FROM hardening.model $$;
CREATE FUNCTION hardening.grid(v jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$ SELECT jsonb_agg(v) FROM generate_series(1, 17) $$;

SELECT is((SELECT count(*) FROM synth_sample(NULL::hardening.t, (SELECT m FROM hardening.model), 5, seed => 1)),
          5::bigint, 'the unforged model samples');
SELECT throws_ok(format($$SELECT * FROM synth_sample(NULL::hardening.t, %L, 2, seed => 1)$$, f), '22023',
                 'invalid synthdata model', d)
FROM (VALUES
    (hardening.forged('{columns,1,length_quantiles}', hardening.grid('3e9')),
     'text lengths of 3e9: 22023'),
    (hardening.forged('{columns,1,suppressed_fraction}', '2'),
     'a suppressed fraction of 2: 22023'),
    (hardening.forged('{options,k}', '1e7'),
     'a k of 10,000,000 in the options: 22023'),
    (hardening.forged('{columns,2,length_quantiles}', hardening.grid('2e9')),
     'bytea lengths of 2e9: 22023'),
    (hardening.forged('{columns,2,length_quantiles}', hardening.grid('1e400')),
     'bytea lengths beyond a double: 22023'),
    (hardening.forged('{columns,1,length_quantiles}', hardening.grid('-5')),
     'negative text lengths: 22023'),
    (hardening.forged('{columns,1,length_quantiles}', hardening.grid('"NaN"')),
     'text lengths of "NaN": 22023'),
    (hardening.forged('{columns,1,length_quantiles}', hardening.grid('[1]')),
     'text lengths of the wrong type: 22023'),
    (hardening.forged('{columns,1,length_quantiles}', '[1, 2, 3]'),
     'too few text lengths: 22023'),
    (hardening.forged('{columns,3,length_quantiles}', hardening.grid('1e12')),
     'array lengths of 1e12: 22023'),
    (hardening.forged('{columns,3,length_quantiles}', hardening.grid('2000000')),
     'array lengths of two million: 22023'),
    (hardening.forged('{columns,3,length_quantiles}', hardening.grid('-1')),
     'negative array lengths: 22023'),
    (hardening.forged('{columns,4,fields,1,length_quantiles}', hardening.grid('3e9')),
     'document word lengths of 3e9: 22023'),
    (hardening.forged('{rows}', '1e400'), 'rows beyond a double: 22023'),
    (hardening.forged('{rows}', '-1'), 'negative rows: 22023'),
    (hardening.forged('{rows}', '"many"'), 'rows of the wrong type: 22023'),
    (hardening.forged('{copula,dimensions}', '1e9'), 'a billion dimensions: 22023'),
    (hardening.forged('{columns,5,categories,0,p}', '1.5'), 'a probability above 1: 22023'),
    (hardening.forged('{columns,5,categories,0,p}', '"half"'), 'a probability of the wrong type: 22023'),
    (hardening.forged('{columns,5,categories,0,value}', '7'), 'numbers among text categories: 22023'),
    (hardening.forged('{columns,5,null_fraction}', '2'), 'a NULL fraction above 1: 22023'),
    (hardening.forged('{columns,3,elements,0,p}', '-0.5'), 'a negative element share: 22023'),
    (hardening.forged('{columns,4,key_sets,0,p}', '7'), 'a key set share above 1: 22023'),
    (hardening.forged('{columns,1,shapes}', '[{"shape": "Aa9", "p": -1}]'), 'a negative shape share: 22023'),
    (hardening.forged('{columns,1,shapes}', jsonb_build_array(jsonb_build_object('shape', repeat('a', 65), 'p', 1))),
     'a shape longer than any the fit makes: 22023')
) AS v(f, d);

-- one row of 60 MB values in three columns and a document field: each
-- length is allowed, the row is not
SELECT throws_ok(format($$SELECT * FROM synth_sample(NULL::hardening.t, %L, 1, seed => 1)$$,
                        (SELECT jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(m,
                             '{columns,0,kind}', '"format"'), '{columns,0,shapes}', '[]'),
                             '{columns,0,length_quantiles}', hardening.grid('60000000')),
                             '{columns,1,length_quantiles}', hardening.grid('60000000')),
                             '{columns,2,length_quantiles}', hardening.grid('60000000')),
                             '{columns,4,fields,1,length_quantiles}', hardening.grid('60000000'))
                         FROM hardening.model)),
                 '22023', 'invalid synthdata model', 'a row of several long values: 22023');

-- every reader of models checks them alike
SELECT throws_ok(format($$SELECT * FROM _synth_sample(NULL::hardening.t, %L, 2, 1, 0, 0)$$,
                        hardening.forged('{columns,2,length_quantiles}', hardening.grid('2e9'))),
                 '22023', 'invalid synthdata model', '_synth_sample of a forged model: 22023');
SELECT throws_ok(format($$SELECT * FROM synth_impute(NULL::hardening.t, 'model', %L)$$,
                        jsonb_build_object('model', hardening.forged('{rows}', '1e400'))),
                 '22023', 'invalid synthdata model', 'synth_impute of a forged model: 22023');
SELECT throws_ok(format($$SELECT * FROM synth_augment(NULL::hardening.t, 2, 'model', %L)$$,
                        jsonb_build_object('model', hardening.forged('{columns,3,length_quantiles}', hardening.grid('1e12')))),
                 '22023', 'invalid synthdata model', 'synth_augment of a forged model: 22023');

SELECT * FROM finish();
ROLLBACK;
