-- Temporal sampling: dates and timestamps; errors.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;
SET TimeZone = 'UTC';

SELECT min(x), max(x), count(DISTINCT x), round(count(*) / 31000.0, 1) AS per_day_share
FROM synth_date(31000, '2024-01-01', '2024-01-31', seed => 10) x;
SELECT bool_and(n BETWEEN 850 AND 1150) AS days_balanced
FROM (SELECT count(*) AS n FROM synth_date(31000, '2024-01-01', '2024-01-31', seed => 10) x GROUP BY x) s;
SELECT DISTINCT x FROM synth_date(5, '2024-02-29', '2024-02-29', seed => 10) x;
SELECT min(x) >= '2024-01-01' AND max(x) <= '2024-01-02' AS in_range,
       round(avg(extract(epoch FROM x - '2024-01-01'::timestamptz)) / 3600) AS mean_hour
FROM synth_timestamp(20000, '2024-01-01', '2024-01-02', seed => 10) x;
SELECT pg_typeof(x) FROM synth_timestamp(1, '2024-01-01', '2024-01-02', seed => 10) x;
SELECT min(x) >= '4713-01-01 BC' AND max(x) <= '294276-12-31' AS whole_range_ok
FROM synth_timestamp(1000, '4713-01-01 00:00:00+00 BC', '294276-12-31 23:59:59+00', seed => 10) x;
-- scalar twins
SELECT synth_setseed(1);
SELECT synth_random_date('2024-01-01', '2024-12-31'), synth_random_timestamp('2024-01-01', '2024-12-31');
SELECT synth_setseed(1);
SELECT synth_random_date('2024-01-01', '2024-12-31'), synth_random_timestamp('2024-01-01', '2024-12-31');

-- errors
SELECT * FROM synth_date(10, '2024-02-01', '2024-01-01');
SELECT * FROM synth_date(10, '-infinity', '2024-01-01');
SELECT * FROM synth_date(10, NULL, '2024-01-01');
SELECT * FROM synth_timestamp(10, '2024-02-01', '2024-01-01');
SELECT * FROM synth_timestamp(10, '2024-01-01', 'infinity');
SELECT * FROM synth_timestamp(10, '2024-01-01', NULL);
SELECT synth_random_date('2024-02-01', '2024-01-01');
