-- test/bench/sequence_noise.sql: how far two parts of the same real series
-- are from each other, on the sequence metrics of synth_evaluate: the
-- bound sampling noise puts on a clone's scores (README, "Fitted sequences").
-- Needs the sample tables (test/data/load.sql).
--   1. vega_seattle_weather: the monthly profiles of 2012-13 against
--      2014-15 (SeasonalProfileSimilarity is their Pearson correlation);
--   2. ggplot2_txhousing: ten random splits of the 12 cities into two
--      halves, the largest ACF difference at lags 1..12 between them.
--   psql -X -f test/bench/sequence_noise.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;

WITH m AS (
    SELECT extract(month FROM date) AS mo, extract(year FROM date) <= 2013 AS first_half,
           avg(precipitation) AS p, avg(wind) AS w, avg(temp_max) AS tx, avg(temp_min) AS tn
    FROM vega_seattle_weather GROUP BY 1, 2)
SELECT round(corr(a.p, b.p)::numeric, 3) AS precipitation, round(corr(a.w, b.w)::numeric, 3) AS wind,
       round(corr(a.tx, b.tx)::numeric, 3) AS temp_max, round(corr(a.tn, b.tn)::numeric, 3) AS temp_min
FROM m a JOIN m b ON a.mo = b.mo AND a.first_half AND NOT b.first_half;

CREATE TEMP TABLE split_acf (split int, col text, max_difference float8);
DO $$
BEGIN
    FOR s IN 1 .. 10 LOOP
        DROP TABLE IF EXISTS pg_temp.half_a, pg_temp.half_b;
        CREATE TEMP TABLE half_a AS SELECT h.* FROM ggplot2_txhousing h
        WHERE city IN (SELECT c.city FROM (SELECT DISTINCT city FROM ggplot2_txhousing) c
                       ORDER BY hashtext(c.city || s::text) LIMIT 6);
        CREATE TEMP TABLE half_b AS SELECT h.* FROM ggplot2_txhousing h
        WHERE city NOT IN (SELECT city FROM half_a);
        INSERT INTO split_acf
        SELECT s, column_name, (detail->>'max_difference')::float8
        FROM synth_evaluate('half_a', 'half_b', '{"sequence": {"key": "city", "order": "month"}}')
        WHERE metric = 'AutocorrelationSimilarity';
    END LOOP;
END $$;
SELECT col, round(avg(max_difference)::numeric, 3) AS mean, round(min(max_difference)::numeric, 3) AS min,
       round(max(max_difference)::numeric, 3) AS max,
       count(*) FILTER (WHERE max_difference > 0.1) AS splits_over_0_1
FROM split_acf GROUP BY col ORDER BY col;
