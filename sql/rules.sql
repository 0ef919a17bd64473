-- rule-constrained rows: types, typmods, the rule language and its errors
SET synthdata.progress = off;
-- every column gets a value here: no NULLs by default (synthdata.null_share)
SET synthdata.null_share = 0;

-- every supported type, with typmods
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN percent AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100);
CREATE TABLE all_types (
    i2 int2, i4 int4, i8 int8, n numeric(6,2), n0 numeric(4), f4 float4, f8 float8,
    b bool, t text, vc varchar(5), c char(3), d date, tm time(0), ts timestamp(0),
    tstz timestamptz(3), iv interval, u uuid, j json, jb jsonb, by bytea, ip inet,
    net cidr, mac macaddr, mac8 macaddr8, ai int[], at text[], m mood, p percent,
    r4 int4range, rd daterange, rts tstzrange, bits bit(4), vb varbit(6), money money
);
SELECT count(*) AS n,
       bool_and(length(vc) <= 5) AS vc_fits,
       bool_and(length(c) = 3) AS char_padded,
       bool_and(n = round(n, 2) AND abs(n) < 10000) AS numeric_fits,
       bool_and(n0 = round(n0) AND abs(n0) < 10000) AS numeric0_fits,
       bool_and(ts = date_trunc('second', ts)) AS ts_precision,
       bool_and(tstz = date_trunc('milliseconds', tstz)) AS tstz_precision,
       bool_and(p BETWEEN 0 AND 100) AS domain_check,
       bool_and(length(bits::text) = 4 AND length(vb::text) <= 6) AS bits_fit,
       bool_and(jb ? 'id' AND (j::jsonb) ? 'tag') AS json_objects,
       count(DISTINCT m) AS moods,
       bool_and(lower(r4) < upper(r4) AND lower(rd) < upper(rd)) AS ranges,
       bool_and(u::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-4') AS uuid_v4,
       count(*) FILTER (WHERE i2 IS NULL OR t IS NULL OR by IS NULL OR ip IS NULL
                              OR net IS NULL OR mac IS NULL OR mac8 IS NULL OR iv IS NULL
                              OR tm IS NULL OR money IS NULL OR ai IS NULL OR at IS NULL) AS nulls
FROM synth_rows(NULL::all_types, 200, seed => 1);

-- a type we cannot generate: error naming column and type, with a hint
CREATE TYPE odd_pair AS (x int, y int);
CREATE TABLE odd (id int, spot odd_pair);
SELECT * FROM synth_rows(NULL::odd, 1, seed => 1);
-- ... and a rule fixes it
SELECT id > 0 AS ok, spot FROM synth_rows(NULL::odd, 2, '{"spot": "''(1,2)''"}', seed => 1);

-- the rule language
CREATE TABLE visits (
    id int, admitted date, discharged date, ward text, age int, cost numeric(8,2),
    code varchar(8), risk text, seen_at timestamp, note text
);
SELECT id, admitted, discharged, ward, code, risk
FROM synth_rows(NULL::visits, 6, '{
    "id": "seq(1000, 10)",
    "admitted": "date ''2024-01-01'' + uniform(0, 60) days",
    "discharged": "admitted + round(uniform(1, 30)) days",
    "ward": "choice(''A'': 3, ''B'': 1, ''C'': 0)",
    "age": "round(normal(60, 5))",
    "cost": "100 + age * 2.5",
    "code": "pattern(''AA-9999'')",
    "risk": "case when age >= 65 then ''high'' when age >= 55 then ''medium'' else ''low'' end",
    "seen_at": {"value": "timestamp ''2024-03-01 08:00'' + uniform(0, 12) hours", "null": 0.5},
    "note": null
}', seed => 42);

-- properties over many rows: dependencies, weights, NULL fraction, constants
SELECT count(*) AS n,
       bool_and(discharged - admitted BETWEEN 1 AND 30) AS discharged_after,
       bool_and(cost = 100 + age * 2.5) AS arithmetic,
       count(*) FILTER (WHERE ward = 'C') AS ward_c_never,
       round(avg((ward = 'A')::int), 1) AS share_a,
       round(avg((seen_at IS NULL)::int), 1) AS null_share,
       bool_and(code ~ '^[A-Z]{2}-[0-9]{4}$') AS pattern_ok,
       bool_and(risk = CASE WHEN age >= 65 THEN 'high' WHEN age >= 55 THEN 'medium' ELSE 'low' END) AS case_ok,
       count(note) AS notes
FROM synth_rows(NULL::visits, 4000, '{
    "admitted": "date ''2024-01-01'' + uniform(0, 60) days",
    "discharged": "admitted + round(uniform(1, 30)) days",
    "ward": "choice(''A'': 3, ''B'': 1, ''C'': 0)",
    "age": "round(normal(60, 5))",
    "cost": "100 + age * 2.5",
    "code": "pattern(''AA-9999'')",
    "risk": "case when age >= 65 then ''high'' when age >= 55 then ''medium'' else ''low'' end",
    "seen_at": {"value": "timestamp ''2024-03-01'' + uniform(0, 12) hours", "null": 0.5},
    "note": null
}', seed => 7);

-- any sampling family; constants and lists of choices
SELECT round(avg(age)) AS poisson_mean, min(ward) AS lo, max(ward) AS hi, count(DISTINCT cost) AS costs
FROM synth_rows(NULL::visits, 2000, '{"age": "poisson(20)", "ward": ["x", "y"], "cost": 12.5}', seed => 3);

-- unique by construction: a pattern's space, plain codes, integers
SELECT count(*) = count(DISTINCT code) AS codes_unique, count(*) = count(DISTINCT id) AS ids_unique,
       min(id) AS min_id, max(id) AS max_id
FROM synth_rows(NULL::visits, 676, '{"code": {"value": "pattern(''AA'')", "unique": true}, "id": {"unique": true}}', seed => 5);

-- reproducible: same seed, same rows; another seed, other rows; start continues
SELECT (SELECT array_agg(v::text) FROM synth_rows(NULL::visits, 50, seed => 11) v)
     = (SELECT array_agg(v::text) FROM synth_rows(NULL::visits, 50, seed => 11) v) AS same_seed,
       (SELECT array_agg(v::text) FROM synth_rows(NULL::visits, 50, seed => 11) v)
     <> (SELECT array_agg(v::text) FROM synth_rows(NULL::visits, 50, seed => 12) v) AS other_seed,
       (SELECT array_agg(v::text) FROM synth_rows(NULL::visits, 20, seed => 11, start => 30) v)
     = (SELECT (array_agg(v::text))[31:50] FROM synth_rows(NULL::visits, 50, seed => 11) v) AS start_continues;

-- adding a rule for one column leaves the others as they were
SELECT bool_and(a.admitted = b.admitted AND a.code = b.code) AS others_unchanged
FROM (SELECT row_number() OVER () AS k, * FROM synth_rows(NULL::visits, 30, seed => 9)) a
JOIN (SELECT row_number() OVER () AS k, * FROM synth_rows(NULL::visits, 30, '{"ward": "''W''"}', seed => 9)) b USING (k);

-- rows stream: in the select list, LIMIT stops a huge n early; n = 0 gives nothing
SELECT count(*) FROM (SELECT synth_rows(NULL::visits, 1000000000, seed => 1) LIMIT 3) s;
SELECT count(*) FROM synth_rows(NULL::visits, 0, seed => 1);

-- bad rules: column, rule, position, what was expected
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "normal(50, 10"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "normal(50, -1)"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "int(1)"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "uniform(1, 2, 3, 4, 5)"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "wobble(1)"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "agee + 1"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "1 +"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "1 2"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": ""}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "''open"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "\"open"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "case when age > 1 then ''a''"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "case age end"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "choice()"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "choice(''a'': -1)"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "choice(''a'': x)"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "fake(''nonsense'')"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "fake(''email'', ''xx'')"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "fake(1)"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "pattern()"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "seq(1, 2, 3)"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "round()"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "a $ b"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"ward": "then"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"admitted": "date ''2024-02-30''"}');
-- rules that cannot work: evaluation errors name the column and quote the rule
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "ward + 1"}', seed => 1);
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "1 / 0"}', seed => 1);
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "case when 1 then 2 end"}', seed => 1);
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "normal(0, ward)"}', seed => 1);
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "40000000000"}', seed => 1);
-- cycles between rules, and a rule on itself
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "cost + 1", "cost": "risk || ''x''", "risk": "age"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": "age + 1"}');
-- malformed rule objects
SELECT * FROM synth_rows(NULL::visits, 1, '{"nope": "1"}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": {"valu": "1"}}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": {"null": 2}}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": {"null": "half"}}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": {"unique": "yes"}}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": {"value": "normal(1, 2)", "unique": true}}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": {"fanout": "zipf(2)"}}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": [{"a": 1}]}');
SELECT * FROM synth_rows(NULL::visits, 1, '{"age": []}');
SELECT * FROM synth_rows(NULL::visits, 1, '[1, 2]');
SELECT * FROM synth_rows(NULL::visits, 1, '"x"');
SELECT * FROM synth_rows(NULL::visits, 30, '{"code": {"value": "pattern(''9'')", "unique": true}}');
-- bad arguments
SELECT * FROM synth_rows(NULL::visits, -1);
SELECT * FROM synth_rows(NULL::visits, NULL);
SELECT * FROM synth_rows(42, 1);
CREATE TYPE pair AS (a int, b int);
SELECT * FROM synth_rows(NULL::pair, 1);

-- edge cases: arrays of a domain (element CHECKs hold), unique numbers finer than 1,
-- unique timestamps spread out, "col = 'x'" CHECKs, a table without columns
CREATE DOMAIN odd_int AS int CHECK (VALUE % 2 = 1);
CREATE TABLE edge (
    odds odd_int[], ratio numeric(3,2) UNIQUE, at timestamptz UNIQUE,
    kind text CHECK (kind = 'only'), m mood CHECK (m IN ('ok'))
);
SELECT count(*) AS n,
       bool_and(NOT EXISTS (SELECT 1 FROM unnest(odds) v WHERE v % 2 = 0)) AS elements_ok,
       count(*) FILTER (WHERE cardinality(odds) > 0) > 1000 AS some_elements,
       count(DISTINCT ratio) AS ratios, min(ratio) >= -9.99 AND max(ratio) <= 9.99 AS ratio_fits,
       count(DISTINCT at) AS times, max(at) - min(at) > interval '4 years' AS times_spread,
       bool_and(kind = 'only' AND m = 'ok') AS equal_checks
FROM synth_rows(NULL::edge, 1500, seed => 1);
CREATE TABLE nothing ();
SELECT synth_fill('nothing', 3, seed => 1);
SELECT count(*) FROM nothing;
-- a unique key of a type without a unique generator
CREATE TABLE spans (span interval UNIQUE);
SELECT * FROM synth_rows(NULL::spans, 2, seed => 1);
SELECT count(DISTINCT span) FROM synth_rows(NULL::spans, 2, '{"span": "seq() days"}', seed => 1);
-- hostile rules: deep nesting fails cleanly (SQLSTATE 54001), never overflows the stack
\set VERBOSITY terse
SELECT count(*) FROM synth_rows(NULL::spans, 1,
    jsonb_build_object('span', repeat('(', 100000) || '1' || repeat(')', 100000) || ' days'), seed => 1);
SELECT count(*) FROM synth_rows(NULL::spans, 1,
    jsonb_build_object('span', repeat('-', 200000) || '1 days'), seed => 1);
SELECT count(*) FROM synth_rows(NULL::spans, 1,
    jsonb_build_object('span', '(' || repeat('1 + ', 200000) || '1) days'), seed => 1);
SELECT count(*) FROM synth_rows(NULL::spans, 1,
    jsonb_build_object('span', '(' || repeat('not ', 200000) || 'true) days'), seed => 1);
\set VERBOSITY default
-- only relations that take an INSERT can be filled
CREATE SEQUENCE not_a_table;
SELECT synth_fill('not_a_table', 3, seed => 1);
SELECT * FROM synth_fill_schema('{"not_a_table": 3}', seed => 1);
CREATE INDEX spans_idx ON spans (span);
SELECT synth_fill('spans_idx', 3, seed => 1);
