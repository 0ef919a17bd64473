-- test/bench/bench_src.sql: the 1,000,000-row, 10-column mixed table of the
-- clone benchmarks (numeric, integer, float with NULLs, two text categories,
-- date, timestamp, boolean, integer with NULLs; primary key), the same rows
-- on every run.  Included by clone.sql and clone_sample.sql.
SELECT setseed(0.42);
CREATE TABLE bench_src AS
SELECT i AS id,
       round((100 + 50 * sqrt(-2 * ln(random())) * cos(2 * pi() * random()))::numeric, 2)::numeric(10,2) AS amount,
       (random() * 90)::int AS age,
       CASE WHEN random() < 0.1 THEN NULL ELSE exp(random() * 5) END AS score,
       (ARRAY['red', 'green', 'blue', 'black', 'white'])[1 + (random() * 4.999)::int] AS colour,
       'city ' || (random() * 49)::int AS city,
       date '2015-01-01' + (random() * 3000)::int AS day,
       timestamp '2020-01-01' + random() * interval '900 days' AS at,
       random() < 0.3 AS flag,
       CASE WHEN random() < 0.2 THEN NULL ELSE (random() * 1000)::int END AS qty
FROM generate_series(1, 1000000) i;
ALTER TABLE bench_src ADD PRIMARY KEY (id);
VACUUM ANALYZE bench_src;
