-- Continuous distributions: rounded statistics with fixed seeds, and errors.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;

SELECT count(*), round(avg(x)::numeric, 1) AS mean, round(stddev(x)::numeric, 1) AS sd
FROM synth_normal(100000, mean => 50, stddev => 10, seed => 42) x;
SELECT count(*), round(avg(x)::numeric, 2) AS mean, min(x) >= 2 AND max(x) <= 4 AS in_range
FROM synth_uniform(100000, 2, 4, seed => 42) x;
SELECT count(*) FROM synth_normal(0, seed => 1);
SELECT synth_normal(3, stddev => 0, mean => 5, seed => 1);

-- errors
SELECT * FROM synth_normal(-1);
SELECT * FROM synth_normal(NULL);
SELECT * FROM synth_normal(10, stddev => -1);
SELECT * FROM synth_normal(10, mean => 'NaN');
SELECT * FROM synth_normal(10, mean => 'Infinity');
SELECT * FROM synth_normal(10, mean => NULL);
SELECT * FROM synth_uniform(10, 5, 1);
SELECT * FROM synth_normal(10, start => -1);
SELECT * FROM synth_normal(10, start => 9223372036854775807);
SELECT synth_random_normal(0, -1);
