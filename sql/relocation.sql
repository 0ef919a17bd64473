-- The extension in a schema that is not on the search_path: every function
-- that runs SQL of its own (fill, fit, sample, impute, augment, evaluate)
-- must find the extension's functions by their schema.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS synthdata CASCADE;
DROP SCHEMA IF EXISTS sdx CASCADE;
CREATE SCHEMA sdx;
CREATE EXTENSION synthdata SCHEMA sdx;
RESET client_min_messages;
SET search_path = public;

CREATE TABLE reloc (id int PRIMARY KEY, x float8 NOT NULL, y float8, grp text NOT NULL);
SELECT sdx.synth_fill('reloc', 300, '{"x": "normal(10, 2)", "y": {"value": "x * 2 + normal(0, 1)", "null": 0.1}, "grp": "choice(''a'': 2, ''b'': 1)"}', seed => 1);
SELECT count(*), count(y) > 230 AS most_y, count(DISTINCT grp) FROM reloc;
SELECT count(*) AS rows, count(y) AS filled FROM sdx.synth_impute(NULL::reloc, 'model', seed => 1);
SELECT count(*) FROM sdx.synth_augment(NULL::reloc, 10, 'model', seed => 1);
SELECT count(*) FROM sdx.synth_clone(NULL::reloc, 20, seed => 1);
SELECT sdx.synth_clone_table('reloc', 'reloc_copy', 50, seed => 1);
SELECT count(*) > 0 AS has_metrics FROM sdx.synth_evaluate('reloc', 'reloc_copy');

-- back to the usual set-up for the tests that follow
SET client_min_messages = warning;
DROP TABLE reloc, reloc_copy;
DROP EXTENSION synthdata CASCADE;
DROP SCHEMA sdx;
CREATE EXTENSION synthdata;
RESET client_min_messages;
