-- Partial fits: synth_fit_merge of the synth_fit_partial states of any
-- split of a table, in any order, is synth_fit of the whole table, byte for
-- byte (a keyed table; a table without a key, with duplicate rows, NULLs,
-- long and high-cardinality texts, arrays, jsonb, an enum, ranges; more
-- rows than the dependence sample keeps; an empty shard).  A state is
-- untrusted: corrupt, truncated and forged states (with a recomputed
-- checksum) are refused with 22023, never an internal error.
BEGIN;
SELECT plan(23);
SET LOCAL client_min_messages = warning;

-- CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit
CREATE FUNCTION fp_crc32c(b bytea) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    crc bigint := 4294967295;
BEGIN
    FOR i IN 0 .. length(b) - 1 LOOP
        crc := crc # get_byte(b, i);
        FOR k IN 1 .. 8 LOOP
            IF crc & 1 = 1 THEN
                crc := (crc >> 1) # 2197175160;
            ELSE
                crc := crc >> 1;
            END IF;
        END LOOP;
    END LOOP;
    RETURN crc # 4294967295;
END $$;
-- a state whose byte at offset (0-based) is replaced, its checksum made valid again
CREATE FUNCTION fp_forge(s bytea, off int, v int) RETURNS bytea LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    b bytea := set_byte(s, off, v);
    c bigint;
BEGIN
    c := fp_crc32c(substring(b FROM 13));
    b := set_byte(b, 8, ((c >> 24) & 255)::int);
    b := set_byte(b, 9, ((c >> 16) & 255)::int);
    b := set_byte(b, 10, ((c >> 8) & 255)::int);
    RETURN set_byte(b, 11, (c & 255)::int);
END $$;
-- the SQLSTATE of a statement ('ok' if it succeeds)
CREATE FUNCTION fp_state(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;

-- a keyed table, split in two
CREATE TABLE fp_w (id int PRIMARY KEY, x float8, c text, d date, n numeric(10, 2), flag bool);
INSERT INTO fp_w SELECT i, sin(i) * 100, 'cat' || (i % 7), date '2020-01-01' + (i % 400),
    (i % 1000) / 7.0, i % 3 = 0 FROM generate_series(1, 20000) i;
CREATE TABLE fp_w_a (LIKE fp_w INCLUDING ALL);
CREATE TABLE fp_w_b (LIKE fp_w INCLUDING ALL);
INSERT INTO fp_w_a SELECT * FROM fp_w WHERE id % 3 = 0;
INSERT INTO fp_w_b SELECT * FROM fp_w WHERE id % 3 <> 0;
CREATE TEMP TABLE fp_s AS SELECT synth_fit_partial('fp_w_a') AS a, synth_fit_partial('fp_w_b') AS b,
    synth_fit('fp_w') AS whole;

SELECT is(synth_fit_merge(ARRAY[a, b], '{"table": "public.fp_w"}'), whole,
    'keyed table in two shards: the merged model is the model of the whole table')
FROM fp_s;
SELECT is(synth_fit_merge(ARRAY[b, a], '{"table": "public.fp_w"}')::text, whole::text,
    'the same bytes in the other order')
FROM fp_s;
SELECT is((SELECT synth_fit_merge(p, '{"table": "fp_w"}') FROM
    (SELECT a AS p FROM fp_s UNION ALL SELECT b FROM fp_s) s), (SELECT whole FROM fp_s),
    'the aggregate form gives the same model');
SELECT is((synth_fit_merge(ARRAY[a, b]) -> 'source' ->> 'table'), 'fp_w_a',
    'without option "table" the model is named after the smallest of the shards'' names')
FROM fp_s;

-- no key, duplicates, many types, more rows than the sample keeps, an empty shard
CREATE TYPE fp_mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE fp_v (g int, t text, big text, ts timestamptz, u uuid, arr int[], j jsonb,
    m fp_mood, r int4range, iv interval, f4 real);
INSERT INTO fp_v SELECT i % 50, CASE WHEN i % 11 = 0 THEN NULL ELSE 'name' || (i * 7919 % 90001) END,
    repeat('x', 150) || (i % 13) || repeat('y', 100 + i % 5),
    timestamptz '2021-01-01 00:00+00' + (i * 37 % 10000) * interval '1 hour', md5((i % 3000)::text)::uuid,
    ARRAY[i % 5, i % 7], jsonb_build_object('a', i % 4, 'b', 'k' || (i % 3)),
    (ARRAY['sad', 'ok', 'happy'])[1 + i % 3]::fp_mood, int4range(i % 10, i % 10 + 5),
    (i % 100) * interval '1 minute', (i % 1000) / 3.0
FROM generate_series(1, 40000) i;
INSERT INTO fp_v SELECT * FROM fp_v WHERE g < 5;
CREATE TABLE fp_v1 (LIKE fp_v); CREATE TABLE fp_v2 (LIKE fp_v); CREATE TABLE fp_v3 (LIKE fp_v);
CREATE TABLE fp_v4 (LIKE fp_v);
INSERT INTO fp_v1 SELECT * FROM fp_v WHERE g % 3 = 0;
INSERT INTO fp_v2 SELECT * FROM fp_v WHERE g % 3 = 1;
INSERT INTO fp_v3 SELECT * FROM fp_v WHERE g % 3 = 2;
CREATE TEMP TABLE fp_vs AS SELECT synth_fit('fp_v', '{"category_cap": 64}') AS whole,
    synth_fit_partial('fp_v1', '{"category_cap": 64}') AS p1, synth_fit_partial('fp_v2', '{"category_cap": 64}') AS p2,
    synth_fit_partial('fp_v3', '{"category_cap": 64}') AS p3, synth_fit_partial('fp_v4', '{"category_cap": 64}') AS p4;
SELECT is(synth_fit_merge(ARRAY[p3, p4, p1, p2], '{"table": "fp_v", "category_cap": 64}'), whole,
    'a table without a key, 44000 rows of eleven types in three shards and an empty one: the model of the whole')
FROM fp_vs;
SELECT is(synth_fit_merge(ARRAY[p2, p1, p3], '{"table": "fp_v", "category_cap": 64}')::text, whole::text,
    '... in another order, without the empty shard')
FROM fp_vs;
SELECT cmp_ok((synth_fit_merge(ARRAY[p1, p2, p3], '{"table": "fp_v", "category_cap": 64}') ->> 'rows')::bigint,
    '=', 44000::bigint, 'the merged model counts every row') FROM fp_vs;

-- bad calls
SELECT throws_ok($$SELECT synth_fit_merge(ARRAY[a, b], '{"table": "fp_w", "category_cap": 32}') FROM fp_s$$,
    '22023', 'partial fit states do not match the merge''s options',
    'states made with other options are refused');
SELECT throws_ok($$SELECT synth_fit_merge(ARRAY[a, p1]) FROM fp_s, fp_vs$$,
    '22023', NULL, 'states of different tables are refused');
SELECT throws_ok($$SELECT synth_fit_merge(ARRAY[a, NULL]) FROM fp_s$$,
    '22004', 'partial fit state 2 is NULL', 'a NULL state is refused');
SELECT throws_ok($$SELECT synth_fit_merge('{}'::bytea[])$$,
    '22023', 'no partial fit state to merge', 'no state at all is refused');
SELECT throws_ok($$SELECT synth_fit_partial('fp_w', '{"sample_percent": 10}')$$,
    '0A000', NULL, 'a table sample cannot be taken in parts');
SELECT throws_ok($$SELECT synth_fit_partial('fp_w', '{"guard_bits": 1000}')$$,
    '22023', NULL, 'guard_bits must be a power of 2 in range');
SELECT throws_ok($$SELECT synth_fit_merge(ARRAY[synth_fit_partial('fp_w', '{"pass": "guard", "guard_bits": 65536}')])$$,
    '22023', NULL, 'a guard pass''s state makes no model');
SELECT throws_ok($$SELECT synth_fit_merge(ARRAY[a], '{"pass": "guard"}') FROM fp_s$$,
    '22023', NULL, 'options pass and guard_bits belong to synth_fit_partial');

-- corrupt and forged states
SELECT throws_ok($$SELECT synth_fit_merge(ARRAY['\x0102'::bytea])$$,
    '22023', 'invalid partial fit state', 'bytes that are not a state');
SELECT throws_ok($$SELECT synth_fit_merge(ARRAY[set_byte(a, length(a) / 2, get_byte(a, length(a) / 2) # 1)]) FROM fp_s$$,
    '22023', 'invalid partial fit state', 'a flipped bit fails the checksum');
SELECT throws_ok($$SELECT synth_fit_merge(ARRAY[substring(a FROM 1 FOR length(a) - 7)]) FROM fp_s$$,
    '22023', 'invalid partial fit state', 'a truncated state fails the checksum');
SELECT throws_ok($$SELECT synth_fit_merge(ARRAY[set_byte(a, 4, 9)]) FROM fp_s$$,
    '22023', 'invalid partial fit state', 'another format version');
SELECT is(fp_crc32c('123456789'::bytea), 3808858755::bigint, 'the test''s CRC-32C is the standard one');
SELECT is(fp_state(format('SELECT synth_fit_merge(ARRAY[%L::bytea])', fp_forge(a, 20, get_byte(a, 20)))), 'ok',
    'a state rewritten to itself is accepted (the forging is sound)') FROM fp_s;

-- forged bytes everywhere in a small state, with a valid checksum: refused or
-- accepted, never an internal error or a crash
CREATE TABLE fp_small (k int PRIMARY KEY, v text, x float8);
INSERT INTO fp_small SELECT i, 'v' || (i % 4), i / 3.0 FROM generate_series(1, 30) i;
CREATE TEMP TABLE fp_forged AS
SELECT off, fp_state(format('SELECT synth_fit_merge(ARRAY[%L::bytea])',
    fp_forge(s, off, CASE off % 3 WHEN 0 THEN 255 WHEN 1 THEN 0 ELSE get_byte(s, off) # 128 END))) AS st
FROM (SELECT synth_fit_partial('fp_small') AS s) x,
     generate_series(12, length(s) - 1, greatest(1, length(s) / 300)) off;
SELECT is((SELECT count(*) FROM fp_forged WHERE st NOT IN ('ok', '22023')), 0::bigint,
    'forged states: every outcome is success or 22023');
SELECT cmp_ok((SELECT count(*) FROM fp_forged WHERE st = '22023'), '>', 100::bigint,
    'forged states: most are refused');

SELECT * FROM finish();
ROLLBACK;
