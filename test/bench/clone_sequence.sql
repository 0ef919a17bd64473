-- test/bench/clone_sequence.sql: fit + sample of a panel (entities by day)
-- against CREATE TABLE ... AS of the same rows, in the same session.
--
-- The panel has 1,000 entities (a text key, detected as the entity key) of
-- rows/1000 consecutive days each, with three numeric columns: a level per
-- entity plus a weekly season plus an AR(1) path (a random walk damped by a
-- window sum of keyed noise), a count and a price.  synth_clone_table fits
-- the ordinary model and the sequence model (lengths, starts, grid, seasonal
-- means, AR by Yule-Walker on a sample of whole entities) and fills a copy,
-- drawn as histories.  The baseline is CREATE TABLE ... AS of the panel;
-- the same clone with "sequence": false (independent rows) shows what the
-- sequence model adds.
-- Each figure is the best of two runs, each after a CHECKPOINT (as a superuser).
-- Rows: psql -v rows=1000000 (default).
--   psql -X -v rows=200000 -f test/bench/clone_sequence.sql
\set ON_ERROR_STOP on
\if :{?rows}
\else
\set rows 1000000
\endif
SET client_min_messages = warning;
DROP TABLE IF EXISTS seq_panel, seq_ctas, seq_copy CASCADE;
CREATE TABLE seq_panel (store text, day date, sales float8, visits int, price numeric(8,2));
INSERT INTO seq_panel
SELECT 'store ' || s, date '2020-01-01' + d,
       100 + (hashint4(s) & 255) + 15 * sin(2 * pi() * d / 7)
         + sum(((hashint4(s * 100003 + d) & 1023) - 511.5) / 64.0) OVER w,
       ((hashint4(s * 7 + d) & 2147483647) % 50),
       (10 + (hashint4(s) & 63) + ((hashint4(s + d * 3) & 1023) / 1024.0))::numeric(8,2)
FROM generate_series(1, 1000) s, generate_series(0, :rows / 1000 - 1) d
WINDOW w AS (PARTITION BY s ORDER BY d ROWS BETWEEN 20 PRECEDING AND CURRENT ROW);
VACUUM ANALYZE seq_panel;
RESET client_min_messages;

SELECT synth_fit('seq_panel')->'sequence'->>'reason' AS detected;

\ir ../lib/timeit.sql

SELECT pg_temp.timeit('create table as',
    'CREATE TABLE seq_ctas AS SELECT * FROM seq_panel',
    'DROP TABLE IF EXISTS seq_ctas');
SELECT pg_temp.timeit('synth_clone_table, "sequence": false (rows independent)',
    $$SELECT synth_clone_table('seq_panel', 'seq_copy', options => '{"sequence": false}', seed => 1)$$,
    'DROP TABLE IF EXISTS seq_copy');
SELECT pg_temp.timeit('synth_clone_table (fit + sample as sequences)',
    $$SELECT synth_clone_table('seq_panel', 'seq_copy', seed => 1)$$,
    'DROP TABLE IF EXISTS seq_copy');

SELECT :rows AS rows, what,
       round(min(seconds)::numeric, 3) AS seconds,
       round((min(seconds) / (SELECT min(seconds) FROM timings WHERE what LIKE 'create%'))::numeric, 2) AS over_ctas
FROM timings GROUP BY what ORDER BY min(seconds);

-- what the copy holds: histories on the daily grid, their dynamics
SELECT count(*) AS rows, count(DISTINCT store) AS entities,
       count(*) FILTER (WHERE g IS NOT NULL AND g <> 1) AS off_grid
FROM (SELECT store, day - lag(day) OVER (PARTITION BY store ORDER BY day) AS g FROM seq_copy) x;
SELECT metric, column_name, round(score::numeric, 3) AS score, detail->>'max_difference' AS max_difference
FROM synth_evaluate('seq_panel', 'seq_copy', '{"sequence": {"key": "store", "order": "day"}, "max_rows": 20000}')
WHERE metric ~ '^(Autocorrelation|Sequence|Seasonal)';
DROP TABLE seq_ctas, seq_copy, seq_panel;
