-- Fits of tables larger than the dependence sample (32,768 rows): the copula
-- comes from a bottom-k sample that must not depend on row order, on the
-- plan (parallel workers), or on anything but the rows (with or without a
-- key); equal rows counted exactly; the byte budget; tables too wide for one argument per column; the exact-copy
-- guard when the planner's row estimate is far too low; text columns with
-- more distinct values or shapes than the counts keep (categories from the
-- sample, whatever the row order); and synth_clone_table's direct fill
-- against synth_sample.
BEGIN;
SELECT plan(47);
SET LOCAL client_min_messages = warning;

-- 200,000 rows: y = 0.6 x + 0.8 e (correlation 0.6); y NULL in 10% of rows,
-- when a latent 0.5 x + 0.87 u passes its 90th percentile (what the copula's
-- NULL dimension represents exactly); a category loosely tied to x
SELECT setseed(0.25);
CREATE TABLE scale_big AS
SELECT i AS id, x,
       CASE WHEN 0.5 * x + sqrt(0.75) * u > 1.2816 THEN NULL ELSE 0.6 * x + 0.8 * e END AS y,
       CASE WHEN 0.3 * x + w < -0.5 THEN 'low' WHEN 0.3 * x + w < 0.5 THEN 'mid' ELSE 'high' END AS band
FROM (SELECT i, sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS x,
             sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS e,
             sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS u,
             sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS w
      FROM generate_series(1, 200000) i) s;
ALTER TABLE scale_big ADD PRIMARY KEY (id);
ANALYZE scale_big;
-- the same rows in another physical order, and the same rows without a key
CREATE TABLE scale_shuffled AS SELECT * FROM scale_big ORDER BY md5(id::text);
ALTER TABLE scale_shuffled ADD PRIMARY KEY (id);
CREATE TABLE scale_nokey AS SELECT x, y, band FROM scale_big;
-- the same rows without a key, in another order and after deletions and a
-- rewrite (CLUSTER): other row addresses, the same contents
CREATE TABLE scale_nokey_moved AS SELECT x, y, band FROM scale_big ORDER BY md5(id::text);
INSERT INTO scale_nokey_moved SELECT x, y, band FROM scale_big WHERE id % 7 = 0;
DELETE FROM scale_nokey_moved WHERE ctid IN
    (SELECT ctid FROM (SELECT ctid, row_number() OVER (PARTITION BY x, y, band) AS k
                       FROM scale_nokey_moved) d WHERE k > 1);
CREATE INDEX ON scale_nokey_moved (band);
CLUSTER scale_nokey_moved USING scale_nokey_moved_band_idx;
-- and as a view, which has no row addresses at all
CREATE VIEW scale_nokey_view AS SELECT x, y, band FROM scale_big;

SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE m AS
SELECT 'serial' AS what, synth_fit('scale_big') AS model
UNION ALL SELECT 'again', synth_fit('scale_big')
UNION ALL SELECT 'shuffled', synth_fit('scale_shuffled')
UNION ALL SELECT 'nokey', synth_fit('scale_nokey')
UNION ALL SELECT 'nokey again', synth_fit('scale_nokey')
UNION ALL SELECT 'nokey moved', synth_fit('scale_nokey_moved')
UNION ALL SELECT 'nokey view', synth_fit('scale_nokey_view');
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
-- by default a fit of fewer rows than synthdata.fit_parallel_min_rows
-- (2,000,000) starts no worker, however cheap the planner thinks they are
SELECT pg_stat_clear_snapshot();
CREATE TEMP TABLE serial_scans AS SELECT seq_scan FROM pg_stat_user_tables WHERE relid = 'scale_big'::regclass;
INSERT INTO m SELECT 'small serial', synth_fit('scale_big');
SELECT pg_sleep(1);
SELECT pg_stat_clear_snapshot();
SELECT is((SELECT seq_scan FROM pg_stat_user_tables WHERE relid = 'scale_big'::regclass)
          - (SELECT seq_scan FROM serial_scans), 0::bigint,
          'a fit of 200,000 rows runs on no parallel worker under the default synthdata.fit_parallel_min_rows');
SELECT is(current_setting('max_parallel_workers_per_gather'), '2',
          'the fit leaves max_parallel_workers_per_gather as it was');
SELECT throws_ok($$SET LOCAL synthdata.fit_parallel_min_rows = -1$$, '22023', NULL,
                 'synthdata.fit_parallel_min_rows below 0: 22023');
SET LOCAL synthdata.fit_parallel_min_rows = 0;
-- the workers' scans reach the shared statistics when they exit (the
-- leader's own only at commit): their count shows that workers did scan
-- (waiting up to 5 s for servers whose statistics arrive asynchronously)
SELECT pg_stat_clear_snapshot();
CREATE TEMP TABLE worker_scans AS SELECT seq_scan FROM pg_stat_user_tables WHERE relid = 'scale_big'::regclass;
INSERT INTO m SELECT 'parallel', synth_fit('scale_big');
DO $$
DECLARE
    before bigint := (SELECT seq_scan FROM worker_scans);
    n bigint;
BEGIN
    FOR i IN 1 .. 50 LOOP
        PERFORM pg_stat_clear_snapshot();
        n := (SELECT seq_scan FROM pg_stat_user_tables WHERE relid = 'scale_big'::regclass) - before;
        EXIT WHEN n > 0;
        PERFORM pg_sleep(0.1);
    END LOOP;
    UPDATE worker_scans SET seq_scan = n;
END $$;
INSERT INTO m SELECT 'nokey parallel', synth_fit('scale_nokey');
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT cmp_ok((SELECT seq_scan FROM worker_scans), '>=', 1::bigint,
              'the fit''s aggregate runs on parallel workers when the settings allow');

SELECT is((SELECT (model->'copula'->>'rows')::int FROM m WHERE what = 'serial'), 32768,
          'a 200,000-row table: the copula is estimated from a sample of 32,768 rows');
SELECT is((SELECT (model->>'rows')::int FROM m WHERE what = 'serial'), 200000,
          'the marginals count every row');
SELECT is((SELECT model FROM m WHERE what = 'again'), (SELECT model FROM m WHERE what = 'serial'),
          'two fits of the same table give the same model');
SELECT is((SELECT model FROM m WHERE what = 'parallel'), (SELECT model FROM m WHERE what = 'serial'),
          'a fit on 2 parallel workers gives the serial model (the sample merges exactly)');
SELECT is((SELECT model - 'source' FROM m WHERE what = 'shuffled'),
          (SELECT model - 'source' FROM m WHERE what = 'serial'),
          'a table with a key: the same rows in another physical order give the same model');
SELECT is((SELECT model FROM m WHERE what = 'nokey parallel'), (SELECT model FROM m WHERE what = 'nokey'),
          'a table without a key: the parallel fit gives the serial model');
SELECT is((SELECT model FROM m WHERE what = 'nokey again'), (SELECT model FROM m WHERE what = 'nokey'),
          'a table without a key: two fits give the same model');
SELECT is((SELECT model - 'source' FROM m WHERE what = 'nokey moved'),
          (SELECT model - 'source' FROM m WHERE what = 'nokey'),
          'a table without a key: the same rows elsewhere (another order, deletions, CLUSTER) give the same model');
SELECT is((SELECT model - 'source' FROM m WHERE what = 'nokey view'),
          (SELECT model - 'source' FROM m WHERE what = 'nokey'),
          'a view is sampled in its one scan as a table without a key is: the same model');
-- a view is read once by a fit, and by a clone too: its guard is sized from
-- the planner's estimate of the view (a view has no pages of its own)
CREATE TEMP TABLE scans AS SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = 'scale_big'::regclass;
SELECT count(*) FROM synth_fit('scale_nokey_view');
UPDATE scans SET seq_scan = (SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = 'scale_big'::regclass) - seq_scan;
SELECT is((SELECT seq_scan FROM scans), 1::bigint, 'synth_fit of a 200,000-row view reads it once');
UPDATE scans SET seq_scan = (SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = 'scale_big'::regclass);
SELECT count(*) FROM synth_clone(NULL::scale_nokey_view, 10, seed => 1);
SELECT is((SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = 'scale_big'::regclass) - (SELECT seq_scan FROM scans),
          1::bigint, 'synth_clone of a 200,000-row view, with its exact-copy guard, reads it once');

-- many equal rows: 120 distinct rows, 1,000 copies each, are 120 items of
-- the sample with their counts, so the model is the one of 120 rows with
-- 10 copies each (a table kept whole); copula.rows counts every row
SELECT setseed(0.3);
CREATE TABLE scale_dup_rows AS
SELECT g AS grp, round((g / 10.0 + random())::numeric, 2)::float8 AS a,
       (random() * 5)::int AS b, (ARRAY['p', 'q', 'r'])[1 + g % 3] AS c
FROM generate_series(1, 120) g;
CREATE TABLE scale_dup_many AS SELECT d.* FROM scale_dup_rows d, generate_series(1, 1000) k ORDER BY random();
CREATE TABLE scale_dup_few AS SELECT d.* FROM scale_dup_rows d, generate_series(1, 10) k;
CREATE TEMP TABLE md AS SELECT 'many' AS what, synth_fit('scale_dup_many') AS model
UNION ALL SELECT 'few', synth_fit('scale_dup_few');
SELECT is((SELECT (model->'copula'->>'rows')::int FROM md WHERE what = 'many'), 120000,
          '120,000 rows of 120 distinct ones: the copula counts all of them');
SELECT is((SELECT model->'copula'->'correlation' FROM md WHERE what = 'many'),
          (SELECT model->'copula'->'correlation' FROM md WHERE what = 'few'),
          'equal rows weigh by their count: the correlations of 1,000 copies are those of 10 copies');

-- the sampled correlation of x and y against the whole table's
-- (normal scores of normal data: Pearson is the latent correlation);
-- 0.02 is 5.7 standard errors of a correlation near 0.6 on 32,768 rows
CREATE TEMP TABLE truth AS SELECT corr(x, y) AS r FROM scale_big;
CREATE FUNCTION pg_temp.latent(model jsonb, a text, b text) RETURNS float8 LANGUAGE sql AS $$
    SELECT (model->'copula'->'correlation'->
            (SELECT (c->>'value_dimension')::int FROM jsonb_array_elements(model->'columns') c WHERE c->>'name' = a)->>
            (SELECT (c->>'value_dimension')::int FROM jsonb_array_elements(model->'columns') c WHERE c->>'name' = b))::float8
$$;
SELECT ok(abs(pg_temp.latent(model, 'x', 'y') - (SELECT r FROM truth)) < 0.02,
          format('sampled latent correlation of x and y %s, whole table %s (within 0.02)',
                 round(pg_temp.latent(model, 'x', 'y')::numeric, 4), round((SELECT r FROM truth)::numeric, 4)))
FROM m WHERE what = 'serial';
SELECT ok(abs(pg_temp.latent(model, 'x', 'y') - (SELECT r FROM truth)) < 0.02,
          format('without a key (rows sampled by their values): %s', round(pg_temp.latent(model, 'x', 'y')::numeric, 4)))
FROM m WHERE what = 'nokey';
-- the NULL pattern's dependence on x survives the sample: P(y NULL | x > 0)
-- in 100,000 synthetic rows within 0.01 of the table's (about 6 standard errors)
CREATE TEMP TABLE syn AS SELECT * FROM synth_sample(NULL::scale_big, (SELECT model FROM m WHERE what = 'serial'), 100000, 7);
SELECT ok(abs((SELECT avg((y IS NULL)::int) FROM syn WHERE x > 0) -
              (SELECT avg((y IS NULL)::int) FROM scale_big WHERE x > 0)) < 0.01,
          format('P(y NULL | x > 0): synthetic %s, source %s',
                 round((SELECT avg((y IS NULL)::int) FROM syn WHERE x > 0), 4),
                 round((SELECT avg((y IS NULL)::int) FROM scale_big WHERE x > 0), 4)));
SELECT ok(abs((SELECT corr(x, y) FROM syn) - (SELECT r FROM truth)) < 0.02,
          format('synthetic corr(x, y) %s', round((SELECT corr(x, y) FROM syn)::numeric, 4)));

-- wide rows (eight texts of 128 bytes): the sample keeps at most 16 MB,
-- and stays order- and plan-free
SELECT setseed(0.5);
CREATE TABLE scale_wide_rows AS
SELECT i AS id, random() AS x,
       repeat(md5(i || ':1'), 4) AS n1, repeat(md5(i || ':2'), 4) AS n2,
       repeat(md5(i || ':3'), 4) AS n3, repeat(md5(i || ':4'), 4) AS n4,
       repeat(md5(i || ':5'), 4) AS n5, repeat(md5(i || ':6'), 4) AS n6,
       repeat(md5(i || ':7'), 4) AS n7, repeat(md5(i || ':8'), 4) AS n8
FROM generate_series(1, 40000) i;
ALTER TABLE scale_wide_rows ADD PRIMARY KEY (id);
CREATE TEMP TABLE mw AS SELECT 'serial' AS what, synth_fit('scale_wide_rows') AS model;
SET LOCAL max_parallel_workers_per_gather = 2;
INSERT INTO mw SELECT 'parallel', synth_fit('scale_wide_rows');
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT ok((SELECT (model->'copula'->>'rows')::int FROM mw WHERE what = 'serial') BETWEEN 10000 AND 16000,
          format('rows of about 1 kB: the sample holds %s of 40,000 (16 MB)',
                 (SELECT model->'copula'->>'rows' FROM mw WHERE what = 'serial')));
SELECT is((SELECT model FROM mw WHERE what = 'parallel'), (SELECT model FROM mw WHERE what = 'serial'),
          'a byte-limited sample: the parallel fit gives the serial model');
-- one long text (1.2 kB): the sample keeps its first 200 bytes, all that
-- category counts and shapes read, so the rows still fit 32,768 of them
SELECT setseed(0.5);
CREATE TABLE scale_long_text AS
SELECT i AS id, x, 0.8 * x + 0.6 * e AS y, repeat(md5(i::text), 36) AS description
FROM (SELECT i, sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS x,
             sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS e
      FROM generate_series(1, 36000) i) s;
CREATE TEMP TABLE ml AS SELECT synth_fit('scale_long_text') AS model;
SELECT is((SELECT (model->'copula'->>'rows')::int FROM ml), 32768,
          'rows with a 1.2 kB text: the sample still holds 32,768 rows');
SELECT ok(abs((SELECT (model->'copula'->'correlation'->0->>1)::float8 FROM ml) -
              (SELECT corr(x, y) FROM scale_long_text)) < 0.01,
          'rows with a long text: the correlation of x and y within 0.01 of the table''s');

-- more columns than a function has arguments: the scan passes whole rows
SELECT setseed(0.75);
DO $$
BEGIN
    EXECUTE 'CREATE TABLE scale_many_cols AS SELECT ' ||
            (SELECT string_agg(format('round((b + %s * random())::numeric, 3)::float8 AS c%s', g % 3, g), ', ')
               FROM generate_series(1, 120) g) ||
            ' FROM (SELECT random() AS b FROM generate_series(1, 2000)) s';
END $$;
CREATE TEMP TABLE mc AS SELECT synth_fit('scale_many_cols') AS model;
SELECT is(jsonb_array_length((SELECT model->'columns' FROM mc)), 120, 'a 120-column table is fitted');
SELECT ok(pg_temp.latent((SELECT model FROM mc), 'c3', 'c6') > 0.9,
          format('its columns keep their dependence (c3, c6: %s)',
                 round(pg_temp.latent((SELECT model FROM mc), 'c3', 'c6')::numeric, 3)));
SELECT is((SELECT count(*) FROM synth_clone(NULL::scale_many_cols, 50, seed => 1) WHERE c120 IS NOT NULL), 50::bigint,
          'and cloned');

-- (a, b: 31 values each; c: 101)
-- the guard when the planner thinks the table is tiny: a guard of the right
-- size is built by one more scan, so the rows are those of a correct estimate
SELECT setseed(0.125);
CREATE TABLE scale_stale AS
SELECT (random() * 30)::int AS a, (random() * 30)::int AS b, round(random()::numeric, 2) AS c
FROM generate_series(1, 30000);
ANALYZE scale_stale;
SELECT is(synth_clone_table('scale_stale', 'scale_stale_right', 30000, seed => 3), 30000::bigint,
          'a table of 961 x 101 value combinations: 30,000 new rows');
UPDATE pg_class SET reltuples = 1 WHERE oid = 'scale_stale'::regclass;
SELECT is(synth_clone_table('scale_stale', 'scale_stale_stale', 30000, seed => 3), 30000::bigint,
          'the same with statistics saying the table has 1 row');
SELECT is((SELECT count(*) FROM (SELECT * FROM scale_stale_right EXCEPT ALL SELECT * FROM scale_stale_stale) d),
          0::bigint, 'an estimate of 1 row for 30,000: the same rows as with a true estimate');
SELECT is((SELECT count(*) FROM scale_stale_stale s WHERE (a, b, c) IN (SELECT a, b, c FROM scale_stale)),
          0::bigint, 'and none of them equals a source row');

-- a conditional marginal keeps the column's links to third columns: x is
-- coarsened into bands that become its parent (eta^2 about 0.8), and y,
-- correlated 0.6 with x, must stay so, overall and within each band
SELECT setseed(0.625);
CREATE TABLE scale_cond AS
SELECT i AS id, x, 0.6 * x + 0.8 * e AS y,
       CASE WHEN x < -0.5 THEN 'low' WHEN x < 0.5 THEN 'mid' ELSE 'high' END AS band
FROM (SELECT i, sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS x,
             sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS e
      FROM generate_series(1, 30000) i) s;
CREATE TEMP TABLE cond_model AS SELECT synth_fit('scale_cond') AS m;
SELECT is((SELECT c->'conditional'->>'parent' FROM cond_model, jsonb_array_elements(m->'columns') c
           WHERE c->>'name' = 'x'), 'band', 'x has a conditional marginal given band');
CREATE TEMP TABLE cond_syn AS SELECT * FROM synth_sample(NULL::scale_cond, (SELECT m FROM cond_model), 60000, 3);
SELECT ok(abs((SELECT corr(x, y) FROM cond_syn) - (SELECT corr(x, y) FROM scale_cond)) < 0.02,
          format('corr(x, y) through the conditional marginal: synthetic %s, source %s',
                 round((SELECT corr(x, y) FROM cond_syn)::numeric, 3),
                 round((SELECT corr(x, y) FROM scale_cond)::numeric, 3)));
SELECT ok(bool_and(abs(s.r - t.r) < 0.04),
          'corr(x, y) within each band within 0.04 of the source''s: ' ||
          string_agg(format('%s %s/%s', s.band, round(s.r::numeric, 3), round(t.r::numeric, 3)), ', ' ORDER BY s.band))
FROM (SELECT band, corr(x, y) AS r FROM cond_syn GROUP BY band) s
JOIN (SELECT band, corr(x, y) AS r FROM scale_cond GROUP BY band) t USING (band);

-- a category that changes a column's spread but not its mean (eta^2 near
-- 0) still makes a conditional marginal, through the slices' Cramer's V
SELECT setseed(0.875);
CREATE TABLE scale_spread AS
SELECT i AS id, g, (CASE WHEN g = 'narrow' THEN 1 ELSE 3 END) * sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS y
FROM (SELECT i, CASE WHEN random() < 0.5 THEN 'narrow' ELSE 'wide' END AS g FROM generate_series(1, 20000) i) s;
CREATE TEMP TABLE spread_model AS SELECT synth_fit('scale_spread') AS m;
SELECT is((SELECT c->'conditional'->>'parent' FROM spread_model, jsonb_array_elements(m->'columns') c
           WHERE c->>'name' = 'y'), 'g', 'y has a conditional marginal given g (its spread depends on g)');
CREATE TEMP TABLE spread_syn AS SELECT * FROM synth_sample(NULL::scale_spread, (SELECT m FROM spread_model), 20000, 2);
SELECT ok(abs((SELECT stddev(y) FILTER (WHERE g = 'wide') / stddev(y) FILTER (WHERE g = 'narrow') FROM spread_syn) /
              (SELECT stddev(y) FILTER (WHERE g = 'wide') / stddev(y) FILTER (WHERE g = 'narrow') FROM scale_spread) - 1) < 0.1,
          format('the spread ratio of the two groups: synthetic %s, source %s',
                 round((SELECT stddev(y) FILTER (WHERE g = 'wide') / stddev(y) FILTER (WHERE g = 'narrow') FROM spread_syn)::numeric, 2),
                 round((SELECT stddev(y) FILTER (WHERE g = 'wide') / stddev(y) FILTER (WHERE g = 'narrow') FROM scale_spread)::numeric, 2)));

-- columns NULL together (a block sharing one NULL dimension): their values
-- among the non-NULL rows keep their frequencies (a value dimension and its
-- own NULL dimension are never observed together, so they are independent)
SELECT setseed(0.375);
CREATE TABLE scale_block AS
SELECT i AS id, a,
       CASE WHEN trial THEN 1 + (random() < 0.52)::int END AS trt,
       CASE WHEN trial THEN (random() < 0.3 + 0.2 * (a > 0)::int)::int END AS spiders,
       CASE WHEN trial THEN round((200 + 50 * a + 30 * random())::numeric, 1) END AS chol
FROM (SELECT i, sqrt(-2 * ln(random())) * cos(2 * pi() * random()) AS a, random() < 0.75 AS trial
      FROM generate_series(1, 4000) i) s;
CREATE TEMP TABLE block_syn AS SELECT * FROM synth_clone(NULL::scale_block, 40000, seed => 5);
SELECT ok(abs((SELECT avg((trt = 1)::int) FROM block_syn WHERE trt IS NOT NULL) -
              (SELECT avg((trt = 1)::int) FROM scale_block WHERE trt IS NOT NULL)) < 0.025
          AND abs((SELECT avg(spiders) FROM block_syn WHERE spiders IS NOT NULL) -
                  (SELECT avg(spiders) FROM scale_block WHERE spiders IS NOT NULL)) < 0.025,
          format('a NULL block''s categories keep their shares: trt = 1 %s (source %s), spiders = 1 %s (source %s)',
                 round((SELECT avg((trt = 1)::int) FROM block_syn WHERE trt IS NOT NULL), 3),
                 round((SELECT avg((trt = 1)::int) FROM scale_block WHERE trt IS NOT NULL), 3),
                 round((SELECT avg(spiders) FROM block_syn WHERE spiders IS NOT NULL), 3),
                 round((SELECT avg(spiders) FROM scale_block WHERE spiders IS NOT NULL), 3)));

-- a text column with about 2,000 distinct values (more than 2 * category_cap:
-- its counts overflow), most rows on a few dozen of them; and a free-text
-- column with hundreds of shapes (its shape counts overflow too): the model
-- must not depend on the order the rows arrive in, or on the workers
SELECT setseed(0.3125);
CREATE TABLE scale_words AS
SELECT i AS id, 'w' || floor(exp(random() ^ 2 * ln(3000)))::integer AS word,
       CASE WHEN random() < 0.5 THEN 'note ' || (random() * 1e6)::integer
            ELSE substr(md5(i::text), 1, 5 + (random() * 40)::integer) END AS note
FROM generate_series(1, 60000) i;
ALTER TABLE scale_words ADD PRIMARY KEY (id);
CREATE TABLE scale_words_shuffled AS SELECT * FROM scale_words ORDER BY md5(word || id);
ALTER TABLE scale_words_shuffled ADD PRIMARY KEY (id);
ANALYZE scale_words, scale_words_shuffled;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE mwords AS
SELECT 'serial' AS what, synth_fit('scale_words') AS model
UNION ALL SELECT 'shuffled', synth_fit('scale_words_shuffled');
SET LOCAL max_parallel_workers_per_gather = 2;
INSERT INTO mwords SELECT 'parallel', synth_fit('scale_words');
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT ok((SELECT count(DISTINCT word) FROM scale_words) > 1024 AND
          (SELECT c->>'kind' FROM mwords, jsonb_array_elements(model->'columns') c
           WHERE what = 'serial' AND c->>'name' = 'word') = 'categorical',
          'word: more than 2 * category_cap distinct values, modelled as categories');
SELECT is((SELECT model - 'source' FROM mwords WHERE what = 'shuffled'), (SELECT model - 'source' FROM mwords WHERE what = 'serial'),
          'overflowing text counts: the same rows in another order give the same model');
SELECT is((SELECT model FROM mwords WHERE what = 'parallel'), (SELECT model FROM mwords WHERE what = 'serial'),
          'overflowing text counts: a parallel fit gives the serial model');
-- each category kept was seen at least k = 10 times, and the shares of the
-- five most frequent are those of the table within 0.01 (the sample holds
-- 32,768 of the 60,000 rows)
CREATE TEMP TABLE word_cats AS
SELECT cat->>'value' AS word, (cat->>'p')::float8 AS p
FROM mwords, jsonb_array_elements(model->'columns') c, jsonb_array_elements(c->'categories') cat
WHERE what = 'serial' AND c->>'name' = 'word';
SELECT ok((SELECT count(*) FROM word_cats) >= 20 AND
          (SELECT min(n) FROM word_cats JOIN (SELECT word, count(*) AS n FROM scale_words GROUP BY word) t USING (word)) >= 10,
          format('%s categories kept, each seen at least 10 times in the table', (SELECT count(*) FROM word_cats)));
SELECT ok((SELECT max(abs(w.p - t.share)) FROM word_cats w
           JOIN (SELECT word, count(*)::float8 / sum(count(*)) OVER () AS share
                 FROM scale_words WHERE word IN (SELECT word FROM word_cats) GROUP BY word) t USING (word)
           WHERE w.word IN (SELECT word FROM scale_words GROUP BY word ORDER BY count(*) DESC LIMIT 5)) < 0.01,
          'the five most frequent words keep their shares within 0.01');

-- synth_clone_table fills its table with the rows synth_sample draws from
-- the same model and seed
SELECT is(synth_clone_table('scale_big', 'scale_big_copy', 20000, seed => 11), 20000::bigint,
          'synth_clone_table of 20,000 rows');
-- its key index, built after the fill, holds every row (amcheck's
-- heapallindexed check), and an index scan finds them all
CREATE EXTENSION IF NOT EXISTS amcheck;
SELECT lives_ok($$SELECT bt_index_check('scale_big_copy_pkey', true)$$,
                'the copy''s primary key index holds every row of the copy');
SET LOCAL enable_seqscan = off;
SET LOCAL enable_bitmapscan = off;
SELECT is((SELECT count(*) FROM scale_big_copy WHERE id > 0), 20000::bigint,
          'an index scan of the copy finds its 20,000 rows');
RESET enable_seqscan;
RESET enable_bitmapscan;
SELECT is((SELECT count(*) FROM (
             (SELECT * FROM scale_big_copy
              EXCEPT ALL SELECT * FROM synth_sample(NULL::scale_big, (SELECT model FROM m WHERE what = 'serial'), 20000, 11))
             UNION ALL
             (SELECT * FROM synth_sample(NULL::scale_big, (SELECT model FROM m WHERE what = 'serial'), 20000, 11)
              EXCEPT ALL SELECT * FROM scale_big_copy)) d),
          0::bigint, 'synth_clone_table''s direct fill = synth_sample of the same model and seed');

SELECT * FROM finish();
ROLLBACK;
