-- Imputation: every method on a small table, typmods, keys, and errors.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;

CREATE SCHEMA "Imp Schema";
CREATE TABLE "Imp Schema"."My Table" (
    id int PRIMARY KEY,
    "A" int,
    b numeric(6,2),
    c varchar(3),
    d date,
    e float8,
    ts timestamp(0),
    g int GENERATED ALWAYS AS ("A" * 2) STORED
);
INSERT INTO "Imp Schema"."My Table" (id, "A", b, c, d, e, ts) VALUES
    (1, 1, 1.5, 'x', '2020-01-01', 1, '2020-01-01 00:00:00'),
    (2, NULL, 2.25, 'yy', NULL, 2, NULL),
    (3, 3, NULL, 'x', '2020-01-03', NULL, '2020-01-01 00:00:01'),
    (4, 4, 4.75, NULL, '2020-01-10', 4, '2020-01-01 00:00:04'),
    (5, NULL, NULL, NULL, NULL, NULL, NULL);

-- mean: integer and numeric(6,2) rounded, dates and timestamps averaged,
-- the categorical column gets its mode; the generated column is untouched
SELECT * FROM synth_impute(NULL::"Imp Schema"."My Table", 'mean', seed => 1) ORDER BY id;
SELECT * FROM synth_impute(NULL::"Imp Schema"."My Table", 'median', seed => 1) ORDER BY id;
SELECT * FROM synth_impute(NULL::"Imp Schema"."My Table", 'mode', seed => 1) ORDER BY id;
SELECT * FROM synth_impute(NULL::"Imp Schema"."My Table", 'regression', seed => 1) ORDER BY id;

-- regression: y = 2x + 1 exactly, so the missing cells are recovered
-- to within 0.5 (the 0.001 ridge shrinks a little, and shares weight with g3);
-- the categorical column g3 is
-- predicted from x: its classes are x <= 10 and x > 10
CREATE TABLE imp_lin (x float8, y float8, g3 text);
INSERT INTO imp_lin SELECT i, 2 * i + 1, CASE WHEN i <= 10 THEN 'low' ELSE 'high' END
FROM generate_series(1, 20) i;
UPDATE imp_lin SET y = NULL WHERE x IN (5, 15);
UPDATE imp_lin SET x = NULL, g3 = NULL WHERE x = 8;
UPDATE imp_lin SET g3 = NULL WHERE x IN (2, 19);
SELECT round(x::numeric, 1) AS x, round(y::numeric, 1) AS y, g3
FROM synth_impute(NULL::imp_lin, 'regression') WHERE y IN (5, 17, 39) OR x IN (5, 15) ORDER BY y;
SELECT round(x::numeric, 1) AS x, round(y::numeric, 1) AS y, g3
FROM synth_impute(NULL::imp_lin, 'regression', '{"ridge": 0.5}') WHERE x IN (5, 15) ORDER BY y;

-- knn: two well separated clusters; each hole is filled from its own
CREATE TABLE imp_clu (grp text, a float8, v int);
INSERT INTO imp_clu
SELECT CASE WHEN i <= 10 THEN 'A' ELSE 'B' END, CASE WHEN i <= 10 THEN i ELSE 100 + i END,
       CASE WHEN i <= 10 THEN 1 ELSE 50 END
FROM generate_series(1, 20) i;
UPDATE imp_clu SET v = NULL WHERE a IN (3, 115);
UPDATE imp_clu SET grp = NULL WHERE a IN (4, 116);
SELECT * FROM synth_impute(NULL::imp_clu, 'knn', '{"k": 3}', 1) WHERE a IN (3, 4, 115, 116) ORDER BY a;
-- fewer donors than rows: a seeded sample, still from the right cluster
SELECT * FROM synth_impute(NULL::imp_clu, 'knn', '{"k": 1, "donors": 12}', 1) WHERE a IN (3, 4, 115, 116) ORDER BY a;

-- model: draws of the fitted copula conditioned on the row's observed
-- columns (y = 2x + 1 + 0.1 (i mod 3)); the same seed gives the same rows;
-- draw: false gives the conditional mean
CREATE TABLE imp_model (id int PRIMARY KEY, x float8, y float8);
INSERT INTO imp_model SELECT i, i % 10, 2 * (i % 10) + 1 + (i % 3) * 0.1 FROM generate_series(1, 200) i;
UPDATE imp_model SET y = NULL WHERE id IN (2, 7, 12, 17, 22, 27);
-- (the exact draws depend on the fitted model: the checks are properties)
SELECT count(*) AS rows, count(y) AS filled, min(y) >= 1 AND max(y) <= 19.2 AS in_range
FROM synth_impute(NULL::imp_model, 'model', seed => 1);
SELECT count(*) FROM (
    SELECT * FROM synth_impute(NULL::imp_model, 'model', seed => 1)
    EXCEPT ALL SELECT * FROM synth_impute(NULL::imp_model, 'model', seed => 1)) s;
-- the holes get conditional means near y = 2x + 1.1
SELECT x, count(*) AS holes, bool_and(abs(y - (2 * x + 1.1)) < 0.5) AS near_line
FROM synth_impute(NULL::imp_model, 'model', '{"draw": false}', seed => 1)
WHERE id IN (2, 7, 12, 17, 22, 27) GROUP BY x ORDER BY x;

-- in place: only the named column, then all of them
SELECT synth_impute_update('"Imp Schema"."My Table"', '{c}', 'mode');
SELECT id, c FROM "Imp Schema"."My Table" ORDER BY id;
SELECT synth_impute_update('"Imp Schema"."My Table"', method => 'median');
SELECT * FROM "Imp Schema"."My Table" ORDER BY id;
SELECT synth_impute_update('"Imp Schema"."My Table"', method => 'median');

-- constraints: a mean that breaks CHECK (a < b) or the domain's CHECK
-- (even numbers) is redrawn from the column's observed values; the output
-- goes into a table with the same definition
CREATE DOMAIN imp_even AS int CHECK (VALUE % 2 = 0);
CREATE TABLE imp_ck (id serial PRIMARY KEY, a int, b int, e imp_even,
                     s text CHECK (s <> 'bad'), CHECK (a < b));
INSERT INTO imp_ck (a, b, e, s)
SELECT i, i + 1 + i % 3, 2 * i, CASE WHEN i % 2 = 0 THEN 'ok' ELSE 'fine' END
FROM generate_series(1, 50) i;
UPDATE imp_ck SET a = NULL WHERE id % 7 = 0;
UPDATE imp_ck SET b = NULL WHERE id % 5 = 0;
UPDATE imp_ck SET e = NULL WHERE id % 3 = 0;
SELECT round(avg(a)) AS mean_a, round(avg(e)) AS mean_e FROM imp_ck;
SELECT * FROM synth_impute(NULL::imp_ck, 'mean', seed => 1) WHERE id IN (3, 5, 7, 35) ORDER BY id;
CREATE TABLE imp_ck2 (LIKE imp_ck INCLUDING ALL);
INSERT INTO imp_ck2 SELECT * FROM synth_impute(NULL::imp_ck, 'mean', seed => 1);
INSERT INTO imp_ck2 SELECT * FROM synth_impute(NULL::imp_ck, 'regression', seed => 1)
ON CONFLICT (id) DO UPDATE SET a = excluded.a, b = excluded.b, e = excluded.e;
INSERT INTO imp_ck2 SELECT * FROM synth_impute(NULL::imp_ck, 'knn', seed => 1)
ON CONFLICT (id) DO UPDATE SET a = excluded.a, b = excluded.b, e = excluded.e;
SELECT count(*) FROM imp_ck2 WHERE a IS NULL OR b IS NULL OR e IS NULL;
SELECT synth_impute_update('imp_ck', method => 'mean', seed => 1);
SELECT count(*) FROM imp_ck WHERE a IS NULL OR b IS NULL OR e IS NULL OR NOT a < b OR e % 2 <> 0;
-- a constraint no value can satisfy
CREATE TABLE imp_never (a int, b int CHECK (b > 100));
INSERT INTO imp_never VALUES (1, NULL), (2, NULL), (NULL, NULL);
ALTER TABLE imp_never ADD CONSTRAINT a_small CHECK (a < 0) NOT VALID;
SELECT * FROM synth_impute(NULL::imp_never, 'mean');

-- a column without values, a NULL in a unique column: notices
CREATE TABLE imp_sparse (u int UNIQUE, x int, y float8);
INSERT INTO imp_sparse VALUES (1, NULL, 1), (NULL, NULL, NULL), (3, NULL, 3);
SELECT * FROM synth_impute(NULL::imp_sparse, 'mean') ORDER BY u;
-- an empty table
CREATE TABLE imp_empty (x int, y text);
SELECT * FROM synth_impute(NULL::imp_empty, 'mean');
SELECT synth_impute_update('imp_empty', method => 'mean');

-- errors
SELECT * FROM synth_impute(NULL::imp_sparse, 'average');
SELECT * FROM synth_impute(NULL::imp_sparse, NULL);
SELECT * FROM synth_impute(NULL::imp_sparse, 'mean', '{"k": 3}');
SELECT * FROM synth_impute(NULL::imp_sparse, 'regression', '{"ridge": -1}');
SELECT * FROM synth_impute(NULL::imp_sparse, 'regression', '{"ridge": "a"}');
SELECT * FROM synth_impute(NULL::imp_sparse, 'regression', '[1]');
SELECT * FROM synth_impute(NULL::imp_sparse, 'knn', '{"k": 0}');
SELECT * FROM synth_impute(NULL::imp_sparse, 'knn', '{"k": 2.5}');
SELECT * FROM synth_impute(NULL::imp_sparse, 'knn', '{"k": 5, "donors": 4}');
SELECT * FROM synth_impute(NULL::imp_sparse, 'knn', '{"ridge": 1}');
SELECT * FROM synth_impute(NULL::imp_sparse, 'model', '{"draws": 10}');
SELECT * FROM synth_impute(NULL::imp_sparse, 'model', '{"condition_on_nulls": "yes"}');
SELECT * FROM synth_impute(NULL::imp_sparse, 'model', '{"draw": 1}');
SELECT * FROM synth_impute(NULL::imp_sparse, 'model', '{"fit": {}, "model": {}}');
SELECT * FROM synth_impute(NULL::imp_sparse, 'model', '{"model": []}');
SELECT * FROM synth_impute(NULL::int, 'mean');
CREATE TYPE imp_pair AS (a int, b int);
SELECT * FROM synth_impute(NULL::imp_pair, 'mean');
DROP TYPE imp_pair;
SELECT synth_impute_update('imp_sparse', '{nope}', 'mean');
SELECT synth_impute_update('imp_sparse', '{x}', 'mean');
SELECT synth_impute_update('imp_sparse', '{u}', 'mean');
SELECT synth_impute_update('imp_sparse', '{NULL}', 'mean');
SELECT synth_impute_update('"Imp Schema"."My Table"', '{g}', 'mean');
CREATE VIEW imp_view AS SELECT * FROM imp_sparse;
SELECT synth_impute_update('imp_view', method => 'mean');

DROP VIEW imp_view;
DROP TABLE imp_sparse, imp_empty, imp_lin, imp_clu, imp_ck, imp_ck2, imp_never, imp_model;
DROP DOMAIN imp_even;
DROP SCHEMA "Imp Schema" CASCADE;
