-- test/demo.sql — what test/demo.sh shows.
\pset footer off

-- Seeded, reproducible sampling: the same seed gives the same rows.
SELECT round(x::numeric, 3) AS x FROM synth_normal(5, mean => 50, stddev => 10, seed => 42) AS x;

-- Row i depends only on (seed, i): rows 3-5 of the same stream.
SELECT round(x::numeric, 3) AS x FROM synth_normal(3, mean => 50, stddev => 10, seed => 42, start => 2) AS x;

-- Ten million draws, summarised.
SELECT count(*), round(avg(x)::numeric, 3) AS mean, round(stddev(x)::numeric, 3) AS sd
FROM synth_normal(10000000, seed => 1) AS x;
