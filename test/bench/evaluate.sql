-- Benchmark: synth_evaluate and synth_report on 100,000 x 10 real-vs-synthetic
-- tables, against a plain count(*) join of the same two tables in the same run.
--
-- Real: the 53,940 diamonds of test/data (ggplot2_diamonds: 7 numeric and 3
-- categorical columns) plus 46,060 of them again with seeded 2% noise on the
-- numbers.  Synthetic: 100,000 rows drawn from the real rows with seeded 5% noise
-- on the numbers and 10% of the categories replaced: a stand-in for a good
-- generator.  Run from the repository root after loading test/data:
--   psql -X -f test/bench/evaluate.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_real, bench_synth;
RESET client_min_messages;

CREATE TABLE bench_real AS
SELECT carat, cut, color, clarity, depth, "table", price, x, y, z FROM ggplot2_diamonds
UNION ALL
SELECT carat * (1 + 0.02 * e), cut, color, clarity, depth * (1 + 0.02 * e), "table",
       (price * (1 + 0.02 * e))::int, x * (1 + 0.02 * e), y, z
FROM (SELECT row_number() OVER (ORDER BY ctid) AS i, * FROM ggplot2_diamonds) d
JOIN synth_normal(46060, seed => 1) WITH ORDINALITY n(e, i) USING (i);

CREATE TABLE bench_synth AS
WITH src AS (SELECT row_number() OVER (ORDER BY ctid) AS i, * FROM bench_real)
SELECT carat * (1 + 0.05 * e1) AS carat,
       CASE WHEN u < 0.1 THEN 'Good' ELSE cut END AS cut, color, clarity,
       depth * (1 + 0.05 * e2) AS depth, "table", (price * (1 + 0.05 * e1))::int AS price,
       x * (1 + 0.05 * e1) AS x, y * (1 + 0.05 * e2) AS y, z
FROM synth_uniform(100000, seed => 2) WITH ORDINALITY p(pick, i)
JOIN synth_normal(100000, seed => 3) WITH ORDINALITY a(e1, i) USING (i)
JOIN synth_normal(100000, seed => 4) WITH ORDINALITY b(e2, i) USING (i)
JOIN synth_uniform(100000, seed => 5) WITH ORDINALITY c(u, i) USING (i)
JOIN src s ON s.i = 1 + floor(p.pick * 100000)::int;
ANALYZE bench_real;
ANALYZE bench_synth;
SELECT (SELECT count(*) FROM bench_real) AS real_rows, (SELECT count(*) FROM bench_synth) AS synthetic_rows;

CREATE TEMP TABLE bench_times (step text, seconds float8, result text);
DO $$
DECLARE
    t0 timestamptz;
    n bigint;
    q float8;
    len int;
BEGIN
    -- warm the cache: one scan of each table
    PERFORM count(*) FROM bench_real;
    PERFORM count(*) FROM bench_synth;

    t0 := clock_timestamp();
    SELECT count(*) INTO n FROM bench_real r JOIN bench_synth s
      ON (r.carat, r.cut, r.color, r.clarity, r.depth, r."table", r.price, r.x, r.y, r.z)
       = (s.carat, s.cut, s.color, s.clarity, s.depth, s."table", s.price, s.x, s.y, s.z);
    INSERT INTO bench_times VALUES ('count(*) join of the two tables (baseline)',
        extract(epoch FROM clock_timestamp() - t0), n || ' matching pairs');

    t0 := clock_timestamp();
    SELECT score INTO q FROM synth_evaluate('bench_real', 'bench_synth', '{"seed": 1}') WHERE metric = 'Quality';
    INSERT INTO bench_times VALUES ('synth_evaluate (all metrics)',
        extract(epoch FROM clock_timestamp() - t0), 'Quality ' || round(q::numeric, 4));

    t0 := clock_timestamp();
    SELECT length(synth_report('bench_real', 'bench_synth', '{"seed": 1}')) INTO len;
    INSERT INTO bench_times VALUES ('synth_report (full HTML report)',
        extract(epoch FROM clock_timestamp() - t0), len || ' bytes of HTML');
END $$;

SELECT step, round(seconds::numeric, 2) AS seconds,
       round((seconds / (SELECT seconds FROM bench_times WHERE step LIKE 'count%'))::numeric, 1) AS ratio,
       result
FROM bench_times;

-- where the time goes, and how much the vantage-point tree prunes
SELECT metric, round(score::numeric, 4) AS score, detail
FROM synth_evaluate('bench_real', 'bench_synth', '{"seed": 1}')
WHERE column_name IS NULL;

DROP TABLE bench_real, bench_synth;
