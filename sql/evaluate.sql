-- synth_evaluate, synth_compare, synth_report: hand-computed cases, options, errors.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;
SET extra_float_digits = 0;

-- Quoted identifiers in a non-public schema.
CREATE SCHEMA "Eval Test";
CREATE TABLE "Eval Test"."Real T" (x int, "Y col" float8, c text);
CREATE TABLE "Eval Test"."Synth T" (c text, x int, "Y col" float8);  -- column order differs
INSERT INTO "Eval Test"."Real T" VALUES (1, 2, 'a'), (2, 4, 'a'), (3, 6, 'b'), (4, 8, 'b');
INSERT INTO "Eval Test"."Synth T" VALUES ('a', 2, 8), ('b', 3, 6), ('b', 4, 4), ('b', 5, 2);

-- Hand-computed (SDMetrics definitions):
--  KSComplement(x): real CDF at 1..5 = .25 .5 .75 1 1, synthetic 0 .25 .5 .75 1
--                   -> D = 0.25 -> 0.75
--  KSComplement(Y): the same multiset {2,4,6,8} -> D = 0 -> 1
--  TVComplement(c): real a .5 b .5, synthetic a .25 b .75 -> TV = .25 -> 0.75
--  CorrelationSimilarity(x, Y): rho_R = 1, rho_S = -1 -> 1 - |1 - (-1)|/2 = 0
--  ContingencySimilarity(x, c): x in width_bucket(x, 1, 4, 10) over the real range:
--    real cells (1,a) (4,a) (7,b) (11,b), .25 each; synthetic x 2 3 4 5 -> 4 7 11 11:
--    (4,a) .25 (7,b) .25 (11,b) .5; sum |diff| = .25 + .25 = .5 -> 1 - .25 = 0.75
--  ContingencySimilarity(Y, c): real Y buckets over [2, 8]: (1,a) (4,a) (7,b) (11,b);
--    synthetic Y 8 6 4 2 -> (11,a) (7,b) (4,b) (1,b); sum |diff| = 6 x .25 = 1.5 -> 0.25
--  Column Shapes = (0.75 + 1 + 0.75)/3 = 0.8333; Column Pair Trends = (0 + 0.75 + 0.25)/3
--    = 0.3333; Quality = 0.5833
--  ExactCopies: ('b', 3, 6) is a real row -> 1 copy -> score 1 - 1/4 = 0.75
--  NewRowSynthesis: (3,6,b) matches; (2,8,a) has x but not Y within 1%; (4,4,b) likewise;
--    (5,2,b) matches nothing -> 3 new rows of 4 = 0.75
SELECT metric, column_name, other_column, round(score::numeric, 4) AS score
FROM synth_evaluate('"Eval Test"."Real T"', '"Eval Test"."Synth T"', '{"seed": 1}')
WHERE metric NOT IN ('DCRBaselineProtection')
ORDER BY metric, column_name, other_column;

SELECT detail FROM synth_evaluate('"Eval Test"."Real T"', '"Eval Test"."Synth T"', '{"seed": 1}')
WHERE metric IN ('KSComplement', 'ContingencySimilarity', 'ExactCopies') ORDER BY metric, column_name, other_column;

-- NULLs: dropped by the shape metrics, a cell of their own in contingencies,
-- compared by MissingValueSimilarity; CategoryAdherence accepts NULL only if real has it.
CREATE TABLE ev_r (n float8, k text);
CREATE TABLE ev_s (n float8, k text);
INSERT INTO ev_r VALUES (1, 'u'), (NULL, 'u'), (3, NULL), (4, 'v');
INSERT INTO ev_s VALUES (1, 'u'), (2, 'w'), (NULL, NULL), (NULL, 'v');
-- MissingValueSimilarity(n) = 1 - |1/4 - 2/4| = 0.75; (k) = 1 - |1/4 - 1/4| = 1
-- CategoryAdherence(k): u yes, w no, NULL yes (real has NULLs), v yes -> 0.75
-- BoundaryAdherence(n): 1 and 2 within [1, 4] -> 1
-- KSComplement(n): real {1,3,4}, synthetic {1,2}: CDFs at 1: 1/3 vs 1/2; at 2: 1/3 vs 1;
--   -> D = 2/3 -> 0.3333
-- TVComplement(k): real u 2/3 v 1/3, synthetic u 1/3 w 1/3 v 1/3 -> TV = (1/3 + 1/3 + 0)/2 -> 0.6667
-- ContingencySimilarity(n, k): real cells (1,u) (NULL,u) (7,NULL) (11,v); synthetic
--   (1,u) (4,w) (NULL,NULL) (NULL,v): 6 cells differ by .25 -> 1 - .75 = 0.25
SELECT metric, column_name, other_column, round(score::numeric, 4) AS score
FROM synth_evaluate('ev_r', 'ev_s', '{"seed": 1}')
WHERE column_name IS NOT NULL
ORDER BY metric, column_name, other_column;

-- options: ignore, pair threshold
SELECT metric, column_name, other_column, round(score::numeric, 4) AS score, detail ? 'skipped' AS skipped
FROM synth_evaluate('"Eval Test"."Real T"', '"Eval Test"."Synth T"',
                    '{"seed": 1, "ignore": ["c"], "pair_threshold": true}')
WHERE metric IN ('CorrelationSimilarity', 'Column Pair Trends', 'Column Shapes');

-- dates and timestamps are compared as numbers (epoch seconds)
CREATE TABLE ev_d (d date, t timestamptz, b boolean);
INSERT INTO ev_d SELECT date '2020-01-01' + i, timestamptz '2020-01-01 00:00+00' + i * interval '1 hour', i % 3 = 0
FROM generate_series(1, 100) i;
CREATE TABLE ev_d2 AS SELECT d + 50 AS d, t, b FROM ev_d;
SELECT metric, column_name, round(score::numeric, 4) AS score
FROM synth_evaluate('ev_d', 'ev_d2', '{"seed": 1}')
WHERE metric IN ('KSComplement', 'TVComplement', 'BoundaryAdherence') ORDER BY 1, 2;
-- pair threshold: d and t correlate perfectly (kept); b hardly depends on either (skipped)
SELECT metric, column_name, other_column, score IS NULL AS skipped, detail->>'skipped' AS why
FROM synth_evaluate('ev_d', 'ev_d2', '{"seed": 1, "pair_threshold": true}')
WHERE other_column IS NOT NULL ORDER BY 1, 2, 3;

-- money is a number; a holdout must have the same columns
CREATE TABLE ev_m (m money, k text);
INSERT INTO ev_m VALUES ('$1.50', 'a'), ('$2.50', 'b'), ('$3.00', 'a');
CREATE TABLE ev_m2 (m numeric, k text);
INSERT INTO ev_m2 VALUES (1.5, 'a'), (2.75, 'b'), (9, 'a');
SELECT metric, column_name, round(score::numeric, 4) AS score
FROM synth_evaluate('ev_m', 'ev_m2', '{"seed": 1}') WHERE metric IN ('KSComplement', 'BoundaryAdherence');
SELECT * FROM synth_evaluate('ev_m', 'ev_m2', '{"seed": 1, "holdout": "ev_r"}');

-- keys (unique index) and high-cardinality text are checked for identifier leaks
CREATE TABLE ev_people (id int PRIMARY KEY, name text, age int);
INSERT INTO ev_people SELECT i, 'person ' || i, 20 + i % 50 FROM generate_series(1, 200) i;
CREATE TABLE ev_people_copy AS SELECT id + 150 AS id, 'person ' || (id + 180) AS name, age FROM ev_people;
SELECT metric, column_name, round(score::numeric, 4) AS score, detail
FROM synth_evaluate('ev_people', 'ev_people_copy', '{"seed": 1}')
WHERE metric = 'IdentifierLeak' ORDER BY column_name;
-- the key column is not part of the quality scores
SELECT count(*) FROM synth_evaluate('ev_people', 'ev_people_copy', '{"seed": 1}')
WHERE column_name = 'id' AND metric <> 'IdentifierLeak' AND metric <> 'MissingValueSimilarity'
  AND metric <> 'ColumnRole' AND metric <> 'VerbatimShare';

-- a contingency with many more cells than rows is counted from sorted cell
-- keys instead of a dense array: the same number as a SQL reference
CREATE TABLE ev_hc AS SELECT (i % 400)::text AS a, (i % 397)::text AS b FROM generate_series(1, 2000) i;
CREATE TABLE ev_hc2 AS SELECT (i % 400)::text AS a, ((i * 7) % 397)::text AS b FROM generate_series(1, 2000) i;
WITH r AS (SELECT a, b, count(*) / 2000.0 AS p FROM ev_hc GROUP BY 1, 2),
     s AS (SELECT a, b, count(*) / 2000.0 AS p FROM ev_hc2 GROUP BY 1, 2),
     ref AS (SELECT 1 - 0.5 * sum(abs(coalesce(r.p, 0) - coalesce(s.p, 0))) AS v FROM r FULL JOIN s USING (a, b))
SELECT round(e.score::numeric, 10) = round(ref.v, 10) AS same, round(e.score::numeric, 4) AS score
FROM synth_evaluate('ev_hc', 'ev_hc2', '{"seed": 1}') e, ref
WHERE e.metric = 'ContingencySimilarity';

-- synth_compare: buckets and bars
SELECT * FROM synth_compare('"Eval Test"."Real T"', '"Eval Test"."Synth T"', 'c');
SELECT * FROM synth_compare('ev_r', 'ev_s', 'n');
SELECT bucket, round(real_share::numeric, 3) AS r, round(synthetic_share::numeric, 3) AS s
FROM synth_compare('ev_d', 'ev_d2', 'd');

-- synth_report: one self-contained, well-formed page
SELECT left(r, 15) AS head, right(r, 8) AS tail, xml_is_well_formed_document(r) AS well_formed,
       position('http' in r) = 0 AND position('<script' in r) = 0 AND position('src=' in r) = 0 AS self_contained,
       (length(r) - length(replace(r, '<svg', ''))) / 4 AS charts
FROM synth_report('"Eval Test"."Real T"', '"Eval Test"."Synth T"', '{"seed": 1}') r;
-- labels are escaped (values held by fewer than k rows are shown only with show_values)
CREATE TABLE ev_x (v text);
INSERT INTO ev_x VALUES ('<b>&"x"</b>'), ('ok');
SELECT position('<b>&"x"' in r) = 0 AS escaped, position('&lt;b&gt;&amp;&quot;x&quot;' in r) > 0 AS present
FROM synth_report('ev_x', 'ev_x', '{"seed": 1, "show_values": true}') r;
SELECT position('&lt;b&gt;&amp;&quot;x&quot;' in r) = 0 AS hidden_by_default
FROM synth_report('ev_x', 'ev_x', '{"seed": 1}') r;

-- errors
SELECT * FROM synth_evaluate('ev_r', 'ev_d');
CREATE TABLE ev_s2 (n float8, k text, extra int);
INSERT INTO ev_s2 SELECT n, k, 1 FROM ev_s;
SELECT * FROM synth_evaluate('ev_r', 'ev_s2');
SELECT count(*) > 0 AS ok FROM synth_evaluate('ev_r', 'ev_s2', '{"ignore": ["extra"], "seed": 1}');
CREATE TABLE ev_s3 (n text, k text);
INSERT INTO ev_s3 VALUES ('1', 'u');
SELECT * FROM synth_evaluate('ev_r', 'ev_s3');
CREATE TABLE ev_empty (n float8, k text);
SELECT * FROM synth_evaluate('ev_r', 'ev_empty');
SELECT * FROM synth_evaluate('ev_empty', 'ev_r');
SELECT * FROM synth_evaluate('ev_r', 'no_such_table');
CREATE SEQUENCE ev_seq;
SELECT * FROM synth_evaluate('ev_r', 'ev_seq');
SELECT * FROM synth_evaluate('ev_r', 'ev_s', '{"seed": 1, "colour": 1}');
SELECT * FROM synth_evaluate('ev_r', 'ev_s', '{"dcr_rows": 0}');
SELECT * FROM synth_evaluate('ev_r', 'ev_s', '{"ignore": "nope"}');
SELECT * FROM synth_evaluate('ev_r', 'ev_s', '{"ignore": [1]}');
SELECT * FROM synth_evaluate('ev_r', 'ev_s', '{"holdout": "no_such_table"}');
SELECT * FROM synth_evaluate('ev_r', 'ev_s', '{"pair_threshold": "yes"}');
SELECT * FROM synth_evaluate('ev_r', 'ev_s', '[1, 2]');
SELECT * FROM synth_evaluate('ev_r', 'ev_s', '{"ignore": ["n", "k"]}');
SELECT * FROM synth_evaluate(NULL, 'ev_s');
SELECT * FROM synth_compare('ev_r', 'ev_s', 'nope');
SELECT * FROM synth_compare('ev_r', 'ev_s', NULL);
-- the caller's privileges apply
CREATE ROLE synth_eval_nobody;
SET ROLE synth_eval_nobody;
SELECT * FROM synth_evaluate('ev_r', 'ev_s');
RESET ROLE;
DROP ROLE synth_eval_nobody;
-- a table without columns
CREATE TABLE ev_nocols ();
SELECT * FROM synth_evaluate('ev_nocols', 'ev_nocols');
DROP TABLE ev_nocols;
