-- Augmentation: noise and SMOTE on small tables, keys, constraints, errors.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;

CREATE SCHEMA "Aug Schema";
CREATE TABLE "Aug Schema"."Pts" (
    id serial PRIMARY KEY,
    u uuid UNIQUE,
    "X" float8 CHECK ("X" >= 0),
    n numeric(5,1),
    k int,
    d date,
    lab text NOT NULL,
    g float8 GENERATED ALWAYS AS ("X" * 2) STORED
);
INSERT INTO "Aug Schema"."Pts" (u, "X", n, k, d, lab)
SELECT md5(i::text)::uuid, i, i / 4.0, i % 5, date '2024-01-01' + i,
       CASE WHEN i <= 16 THEN 'major' ELSE 'minor' END
FROM generate_series(1, 20) i;
UPDATE "Aug Schema"."Pts" SET k = NULL WHERE id = 3;

-- noise: the same seed gives the same rows; keys count on after the
-- largest id, uuids are fresh, generated columns are NULL, numeric(5,1)
-- keeps one decimal, X stays within its observed range [1, 20]
SELECT id, u IS NOT NULL AS has_u, round("X"::numeric, 3) AS x, n, k, d, lab, g
FROM synth_augment(NULL::"Aug Schema"."Pts", 6, 'noise', seed => 5);
SELECT count(*) FROM (
    SELECT * FROM synth_augment(NULL::"Aug Schema"."Pts", 50, 'noise', seed => 5)
    EXCEPT ALL
    SELECT * FROM synth_augment(NULL::"Aug Schema"."Pts", 50, 'noise', seed => 5)) s;
-- row i depends only on (seed, i): start => 3 gives rows 4..6
SELECT id, round("X"::numeric, 3) AS x FROM synth_augment(NULL::"Aug Schema"."Pts", 3, 'noise', seed => 5, start => 3);
-- each pass over the table uses every row once: 5 passes keep the means
-- (the noise has mean zero; X's clamping at 1 and 20 is the only bias)
SELECT round(avg("X")::numeric, 1) AS x, round(avg(n), 1) AS n, count(*) FILTER (WHERE lab = 'minor') AS minor,
       min("X") >= 1 AND max("X") <= 20 AS in_range, count(*) FILTER (WHERE k IS NULL) AS k_nulls
FROM synth_augment(NULL::"Aug Schema"."Pts", 100, 'noise', '{"scale": 0.2, "flip": 0}', seed => 5);
SELECT round(avg("X")::numeric, 1) AS x, round(avg(n), 1) AS n FROM "Aug Schema"."Pts";
-- scale 0 and flip 0: the rows themselves, with new keys
SELECT count(*) FROM (
    SELECT "X", n, k, d, lab FROM synth_augment(NULL::"Aug Schema"."Pts", 20, 'noise', '{"scale": 0, "flip": 0}', seed => 5)
    EXCEPT ALL SELECT "X", n, k, d, lab FROM "Aug Schema"."Pts") s;
-- the rows can be inserted: constraints hold, keys are unique
INSERT INTO "Aug Schema"."Pts" (id, u, "X", n, k, d, lab)
SELECT id, u, "X", n, k, d, lab FROM synth_augment(NULL::"Aug Schema"."Pts", 200, 'noise', '{"scale": 1, "flip": 0.5}', seed => 6);
DELETE FROM "Aug Schema"."Pts" WHERE id > 20;

-- SMOTE: balance makes the classes exactly equal (16 + 16)
SELECT lab, count(*) FROM (
    SELECT lab FROM "Aug Schema"."Pts"
    UNION ALL
    SELECT lab FROM synth_augment(NULL::"Aug Schema"."Pts", NULL, 'smote', '{"label": "lab", "balance": true}', seed => 1)) s
GROUP BY lab ORDER BY lab;
-- with n larger than the deficit, the rest is shared out evenly
SELECT lab, count(*) FROM (
    SELECT lab FROM "Aug Schema"."Pts"
    UNION ALL
    SELECT lab FROM synth_augment(NULL::"Aug Schema"."Pts", 21, 'smote', '{"label": "lab", "balance": true}', seed => 1)) s
GROUP BY lab ORDER BY lab;
-- without balance, all rows go to the smallest class; new minor rows lie
-- between minor rows (X in [17, 20])
SELECT lab, count(*), min("X") >= 17 AND max("X") <= 20 AS between_neighbours
FROM synth_augment(NULL::"Aug Schema"."Pts", 10, 'smote', '{"label": "lab", "k": 2}', seed => 1) GROUP BY lab;
SELECT lab, count(*) FROM synth_augment(NULL::"Aug Schema"."Pts", 3, 'smote', '{"label": "lab", "class": "major"}', seed => 1) GROUP BY lab;
-- a numeric label
SELECT k, count(*) FROM synth_augment(NULL::"Aug Schema"."Pts", NULL, 'smote', '{"label": "k", "balance": true}', seed => 1) GROUP BY k ORDER BY k;

-- constraints: noise that would break CHECK (lo < hi) is redrawn
CREATE TABLE aug_ck (lo int, hi int, CHECK (lo < hi));
INSERT INTO aug_ck SELECT i, i + 1 FROM generate_series(1, 30) i;
SELECT count(*), count(*) FILTER (WHERE lo < hi) FROM synth_augment(NULL::aug_ck, 300, 'noise', '{"scale": 0.5}', seed => 3);

-- model: rows drawn from a synth_fit model; with a condition, only rows
-- that meet it (rejection sampling); keys regenerated after the largest id
SELECT lab, count(*), min(id) > 20 AS new_keys, count(DISTINCT id) AS distinct_ids
FROM synth_augment(NULL::"Aug Schema"."Pts", 40, 'model', '{"condition": {"lab": "major"}}', seed => 1)
GROUP BY lab;
-- "minor" occurs 4 times: too rarely for the model to reveal it
SELECT count(*) FROM synth_augment(NULL::"Aug Schema"."Pts", 5, 'model', '{"condition": {"lab": "minor"}}', seed => 1);
SELECT count(*) FROM synth_augment(NULL::"Aug Schema"."Pts", 30, 'model', seed => 1);
SELECT count(*) FROM (
    SELECT * FROM synth_augment(NULL::"Aug Schema"."Pts", 30, 'model', '{"condition": {"lab": "major"}}', seed => 1)
    EXCEPT ALL
    SELECT * FROM synth_augment(NULL::"Aug Schema"."Pts", 30, 'model', '{"condition": {"lab": "major"}}', seed => 1)) s;
-- a continuous column (X: float8) is modelled as such: a draw almost
-- never equals 5 exactly, so conditions belong on categorical columns
SELECT count(*) FROM synth_augment(NULL::"Aug Schema"."Pts", 3, 'model', '{"condition": {"lab": "major", "X": 5}}', seed => 1);

-- n = 0 and empty tables
SELECT count(*) FROM synth_augment(NULL::aug_ck, 0, 'noise');
CREATE TABLE aug_empty (x int);
SELECT * FROM synth_augment(NULL::aug_empty, 5, 'noise');

-- errors
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'jitter');
SELECT * FROM synth_augment(NULL::aug_ck, -1, 'noise');
SELECT * FROM synth_augment(NULL::aug_ck, NULL, 'noise');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'noise', '{"scale": -1}');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'noise', '{"flip": 2}');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'noise', '{"label": "lo"}');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'smote');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'smote', '{"label": "nope"}');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'smote', '{"label": "lo", "class": "7", "balance": true}');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'smote', '{"label": "lo", "class": "99"}');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'smote', '{"label": "lo"}');
SELECT * FROM synth_augment(NULL::"Aug Schema"."Pts", 5, 'smote', '{"label": "id"}');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'noise', start => -1);
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'model', '{"condition": {"nope": 1}}');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'model', '{"condition": {"lo": 1000}}');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'model', '{"condition": {"lo": [1]}}');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'model', '{"condition": 1}');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'model', '{"fit": {}, "model": {}}');
SELECT * FROM synth_augment(NULL::aug_ck, 5, 'model', '{"k": 3}');
SELECT * FROM synth_augment(NULL::"Aug Schema"."Pts", 5, 'model', '{"condition": {"id": 3}}');
CREATE TABLE aug_key (c char(4) PRIMARY KEY, v int);
INSERT INTO aug_key VALUES ('a', 1), ('b', 2);
SELECT * FROM synth_augment(NULL::aug_key, 5, 'noise');
CREATE TABLE aug_key2 (c inet PRIMARY KEY, v int);
INSERT INTO aug_key2 VALUES ('10.0.0.1', 1);
SELECT * FROM synth_augment(NULL::aug_key2, 5, 'noise');
CREATE TABLE aug_small (v smallint PRIMARY KEY, w int);
INSERT INTO aug_small VALUES (32766, 1);
SELECT * FROM synth_augment(NULL::aug_small, 5, 'noise');

DROP TABLE aug_ck, aug_empty, aug_key, aug_key2, aug_small;
DROP SCHEMA "Aug Schema" CASCADE;
