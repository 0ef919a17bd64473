-- Categorical sampling: synth_choice, any element type, weights, NULLs, errors.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;

SELECT x, round(count(*) / 1000.0) AS thousands
FROM synth_choice(40000, ARRAY['a', 'b', NULL, 'd'], '{1, 2, 3, 4}', seed => 8) x
GROUP BY x ORDER BY x;
SELECT x, round(count(*) / 1000.0) AS thousands
FROM synth_choice(30000, '{10, 20, 30}'::int[], seed => 8) x
GROUP BY x ORDER BY x;
-- zero weights are never drawn
SELECT DISTINCT x FROM synth_choice(10000, '{1, 2, 3}'::int[], '{0, 1, 0}', seed => 8) x;
CREATE TYPE pg_temp.mood AS ENUM ('sad', 'ok', 'happy');
SELECT pg_typeof(x), x, count(*) > 0 AS seen
FROM synth_choice(1000, enum_range(NULL::pg_temp.mood), seed => 8) x
GROUP BY x ORDER BY x;
SELECT pg_typeof(x) FROM synth_choice(1, '{2026-01-01}'::date[], seed => 1) x;
SELECT x FROM synth_choice(3, '{{1,2}}'::int[][] , seed => 1) x;
SELECT count(*) FROM synth_choice(0, '{a}'::text[], seed => 1);
-- scalar twin
SELECT synth_setseed(3);
SELECT synth_random_choice('{x, y, z}'::text[], '{1, 0, 1}') FROM generate_series(1, 4);
SELECT synth_setseed(3);
SELECT synth_random_choice('{x, y, z}'::text[], '{1, 0, 1}') FROM generate_series(1, 4);

-- errors
SELECT * FROM synth_choice(10, '{}'::text[]);
SELECT * FROM synth_choice(10, NULL::text[]);
SELECT * FROM synth_choice(10, '{a, b}'::text[], '{1}');
SELECT * FROM synth_choice(10, '{a, b}'::text[], '{1, -1}');
SELECT * FROM synth_choice(10, '{a, b}'::text[], '{0, 0}');
SELECT * FROM synth_choice(10, '{a, b}'::text[], '{1, NULL}');
SELECT * FROM synth_choice(10, '{a, b}'::text[], '{1, NaN}');
SELECT * FROM synth_choice(10, '{a, b}'::text[], '{1e308, 1e308}');
SELECT * FROM synth_choice(-5, '{a}'::text[]);
SELECT synth_random_choice('{a, b}'::text[], '{0, 0}');
