-- pgTAP: rule-constrained rows -- error codes, reproducibility, properties.
BEGIN;
SELECT plan(53);
SET LOCAL synthdata.progress = off;

CREATE TYPE tap_mood AS ENUM ('low', 'mid', 'high');
CREATE TABLE tap_parent (pid int PRIMARY KEY, label text NOT NULL);
CREATE TABLE tap_child (
    cid     int PRIMARY KEY,
    pid     int NOT NULL REFERENCES tap_parent,
    email   text NOT NULL UNIQUE,
    mood    tap_mood NOT NULL,
    score   numeric(5,1) NOT NULL CHECK (score BETWEEN 0 AND 100),
    started date NOT NULL,
    ended   date,
    size    text NOT NULL CHECK (size IN ('S', 'M', 'L')),
    CHECK (ended > started)
);
CREATE TABLE tap_pair (a int, b int, c text, PRIMARY KEY (a, b));

-- filling
SELECT is(synth_fill('tap_parent', 20, seed => 1), 20::bigint, 'synth_fill returns the row count');
SELECT is(synth_fill('tap_child', 500, seed => 1), 500::bigint, 'a child table fills from existing parents');
SELECT is((SELECT count(DISTINCT email) FROM tap_child), 500::bigint, 'UNIQUE text column unique by construction');
SELECT ok((SELECT bool_and(score BETWEEN 0 AND 100 AND size IN ('S','M','L')) FROM tap_child),
          'range and IN-list CHECKs hold');
SELECT ok((SELECT bool_and(ended IS NULL OR ended > started) FROM tap_child), 'multi-column CHECK holds');
SELECT is((SELECT count(DISTINCT mood) FROM tap_child), 3::bigint, 'every enum label is used');
SELECT is((SELECT count(*) FROM tap_child c LEFT JOIN tap_parent p USING (pid) WHERE p.pid IS NULL),
          0::bigint, 'every foreign key points at an existing parent');
SELECT cmp_ok((SELECT count(DISTINCT pid) FROM tap_child), '>=', 18::bigint,
              'uniform fan-out reaches almost every parent');
SELECT is(synth_fill('tap_child', 500, seed => 1), 500::bigint, 'the same seed again on a non-empty table');
SELECT is((SELECT count(DISTINCT cid) + count(DISTINCT email) FROM tap_child), 2000::bigint,
          'no collision with the rows already there');
SELECT is(synth_fill('tap_pair', 300, '{"a": "int(1, 3)"}', seed => 1), 300::bigint,
          'composite key: a rule on one column, the other made unique');
SELECT is((SELECT count(DISTINCT (a, b)) FROM tap_pair), 300::bigint, 'composite key unique');

-- fresh keys in keygen.c's shapes: a uuid, a code, fakes made unique, within varchar(n)
CREATE TABLE tap_keys (
    id       uuid PRIMARY KEY,
    code     varchar(8) NOT NULL UNIQUE,
    email    varchar(24) NOT NULL UNIQUE,
    username varchar(10) NOT NULL UNIQUE,
    phone    varchar(14) NOT NULL UNIQUE
);
SELECT results_eq(
    $$SELECT r::text FROM synth_rows(NULL::tap_keys, 20, seed => 5, start => 30) r$$,
    $$SELECT r FROM unnest((SELECT (array_agg(r::text))[31:50] FROM synth_rows(NULL::tap_keys, 50, seed => 5) r)) r$$,
    'keys: start => 30 gives the keys of rows 31..50');
SELECT results_eq(
    $$SELECT id FROM synth_rows(NULL::tap_keys, 10, seed => 5)$$,
    $$SELECT id FROM synth_rows(NULL::tap_keys, 500, seed => 5) LIMIT 10$$,
    'a uuid key of row i does not depend on the number of rows');
SELECT ok((SELECT bool_and(id::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')
           FROM synth_rows(NULL::tap_keys, 500, seed => 5)),
          'uuid keys are version 4, variant 10');
SELECT ok((SELECT bool_and(email ~ '[^0-9][1-9][0-9]*@' AND username ~ '[^0-9][1-9][0-9]*$')
           FROM synth_rows(NULL::tap_keys, 500, seed => 5)),
          'an email or username key ends its local part in the position + 1');
SELECT is(synth_fill('tap_keys', 2000, seed => 5), 2000::bigint, 'keys: 2,000 rows fill');
SELECT is(synth_fill('tap_keys', 2000, seed => 5), 2000::bigint,
          'keys: the same seed again on the filled table');
SELECT is(synth_fill('tap_keys', 500, seed => 6), 500::bigint, 'keys: another seed on the filled table');
SELECT is((SELECT ARRAY[count(DISTINCT id), count(DISTINCT code), count(DISTINCT email),
                        count(DISTINCT username), count(DISTINCT phone),
                        count(*) FILTER (WHERE length(code) <= 8 AND length(email) <= 24 AND
                                               length(username) <= 10 AND length(phone) <= 14)]
           FROM tap_keys),
          ARRAY[4500, 4500, 4500, 4500, 4500, 4500]::bigint[],
          'uuid and text keys: all 4,500 distinct beside the rows already there, within varchar(n)');

-- reproducibility
SELECT results_eq(
    $$SELECT r::text FROM synth_rows(NULL::tap_child, 100, seed => 42) r$$,
    $$SELECT r::text FROM synth_rows(NULL::tap_child, 100, seed => 42) r$$,
    'same seed and same parents, same rows');
SELECT isnt((SELECT string_agg(r::text, '') FROM synth_rows(NULL::tap_child, 20, seed => 42) r),
            (SELECT string_agg(r::text, '') FROM synth_rows(NULL::tap_child, 20, seed => 43) r),
            'another seed, other rows');
SELECT results_eq(
    $$SELECT r.score, r.size FROM synth_rows(NULL::tap_child, 50, seed => 5) r$$,
    $$SELECT r.score, r.size FROM synth_rows(NULL::tap_child, 50, '{"mood": "''low''"}', seed => 5) r$$,
    'a rule on one column leaves the other columns unchanged');
SELECT set_eq(
    $$SELECT synth_last_seed() IS NOT NULL FROM (SELECT count(*) FROM synth_rows(NULL::tap_parent, 1)) s$$,
    $$VALUES (true)$$,
    'a call without a seed records the seed it drew');

-- statistics of rules
SELECT ok((SELECT abs(avg(v) - 50) < 1.5 AND abs(stddev(v) - 10) < 1.5
           FROM (SELECT score::float8 AS v FROM synth_rows(NULL::tap_child, 2000, '{"score": "normal(50, 10)"}', seed => 9)) s),
          'normal(50, 10) rule: mean and sd within tolerance');
SELECT ok((SELECT abs(avg((size = 'L')::int) - 0.75) < 0.04
           FROM synth_rows(NULL::tap_child, 2000, '{"size": "choice(''L'': 3, ''S'': 1)"}', seed => 9)),
          'weighted choice: share within 0.04 of 0.75');
SELECT ok((SELECT abs(avg((ended IS NULL)::int) - 0.3) < 0.04
           FROM synth_rows(NULL::tap_child, 2000, '{"ended": {"null": 0.3}}', seed => 9)),
          'NULL fraction within 0.04 of 0.3');
SELECT ok((SELECT max(c) > 5 * min(c)
           FROM (SELECT pid, count(*) AS c FROM synth_rows(NULL::tap_child, 4000, '{"pid": {"fanout": "zipf(1.5)"}}', seed => 9) GROUP BY 1) s),
          'Zipf fan-out is skewed');

-- errors: SQLSTATE and message
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '{"score": "normal(1"}')$$,
                 '22023', 'invalid rule for column "score"', 'syntax error in a rule');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '{"score": "nosuch(1)"}')$$,
                 '22023', 'invalid rule for column "score"', 'unknown function');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '{"score": "other + 1"}')$$,
                 '22023', 'invalid rule for column "score"', 'unknown column in a rule');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '{"score": "size", "size": "score"}')$$,
                 '22023', 'rules of table "tap_child" reference each other in a cycle', 'cycle between rules');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '{"nosuch": "1"}')$$,
                 '42703', 'column "nosuch" of relation "tap_child" does not exist', 'rule for an unknown column');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '[]')$$,
                 '22023', 'rules must be a JSON object', 'rules not an object');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '{"score": {"null": 0.5}}')$$,
                 '22023', 'invalid rule for column "score"', 'NULL fraction on a NOT NULL column');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '{"score": "size + 1"}', seed => 1)$$,
                 '42804', 'operator + cannot be applied to text and number', 'type error while evaluating');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '{"score": "1 / 0"}', seed => 1)$$,
                 '22012', 'division by zero', 'division by zero in a rule');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '{"score": "1000"}', seed => 1)$$,
                 '23514', NULL, 'a rule that breaks a CHECK is reported with the constraint');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '{"size": "null"}', seed => 1)$$,
                 '23502', 'rule for column "size" produced NULL, but the column is NOT NULL', 'NULL into NOT NULL');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '{"score": {"fanout": "zipf(1)"}}')$$,
                 '22023', 'invalid rule for column "score"', 'fan-out on a column that is not a foreign key');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '{"pid": {"fanout": "lots"}}')$$,
                 '22023', 'invalid rule for column "pid"', 'unknown fan-out');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, 1, '{"email": {"value": "uniform(1, 2)", "unique": true}}')$$,
                 '22023', 'invalid rule for column "email"', 'unique on an arbitrary expression');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_pair, 20, '{"a": "1", "b": {"value": "pattern(''9'')", "unique": true}}')$$,
                 '54000', NULL, 'unique domain too small');
SELECT throws_ok($$SELECT * FROM synth_rows(42, 1)$$, '42809', 'type integer is not a table''s row type',
                 'not a row type');
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_child, -1)$$, '22023', 'number of rows cannot be negative',
                 'negative n');
SELECT throws_ok($$SELECT synth_fill('tap_child', NULL)$$, '22004', 'argument "n" must not be null', 'NULL n');
SELECT throws_ok($$SELECT * FROM synth_fill_schema('{"tap_child": 1, "tap_nosuch": 1}')$$, '42P01', NULL,
                 'unknown table in counts');
CREATE TABLE tap_empty (id int PRIMARY KEY);
CREATE TABLE tap_orphan (id int PRIMARY KEY, eid int NOT NULL REFERENCES tap_empty);
SELECT throws_ok($$SELECT synth_fill('tap_orphan', 1)$$, '55000', 'referenced table public.tap_empty has no rows',
                 'NOT NULL foreign key to an empty table');
CREATE TYPE tap_odd_pair AS (x int, y int);
CREATE TABLE tap_odd (p tap_odd_pair);
SELECT throws_ok($$SELECT * FROM synth_rows(NULL::tap_odd, 1)$$, '0A000',
                 'cannot generate values of type tap_odd_pair for column "p"', 'ungeneratable type');
-- hostile input: nesting too deep for the stack, relations that take no INSERT
SELECT throws_ok(format('SELECT * FROM synth_rows(NULL::tap_child, 1, %L)',
                        jsonb_build_object('score', repeat('(', 100000) || '1' || repeat(')', 100000))),
                 '54001', NULL, 'deeply nested rule: stack depth error, no crash');
CREATE SEQUENCE tap_seq;
SELECT throws_ok($$SELECT synth_fill('tap_seq', 1)$$, '42809', 'cannot fill relation "tap_seq"',
                 'synth_fill refuses a sequence');
SELECT throws_ok($$SELECT * FROM synth_fill_schema('{"tap_seq": 1}')$$, '42809',
                 'cannot fill relation "tap_seq"', 'synth_fill_schema refuses a sequence');
CREATE ROLE tap_nobody;
SET LOCAL ROLE tap_nobody;
SELECT throws_ok($$SELECT synth_fill('tap_parent', 1)$$, '42501', 'permission denied for table tap_parent',
                 'synth_fill needs INSERT');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
