-- Benchmark: imputation and augmentation of 100,000 rows.
--
-- Run from the repository root in a database with synthdata and the
-- test tables (test/data/load.sql):
--     psql -X -q -f test/bench/impute.sql
-- The table: ggplot2_diamonds (53,940 rows) plus 46,060 noise-augmented
-- rows, 100,000 in all, with 10% of the known values of each of its 10
-- columns hidden at random (seed 42).  Every timing is compared with a
-- baseline measured in the same run: reading the table into a new table
-- (CREATE TABLE AS SELECT *, the fastest of three runs) for synth_impute
-- and synth_augment, and a plain UPDATE ... SET c = coalesce(c, <column
-- mean>) for synth_impute_update.
\set ON_ERROR_STOP on
\ir ../impute_holdout.psql
SET client_min_messages = warning;

CREATE TEMP TABLE dia_src AS SELECT * FROM ggplot2_diamonds;
CREATE TEMP TABLE dia_100k AS
SELECT row_number() OVER () AS rid, s.* FROM (
    SELECT * FROM dia_src
    UNION ALL SELECT * FROM synth_augment(NULL::dia_src, 46060, 'noise', seed => 1)) s;
SELECT pg_temp.holdout('dia_100k', 'bench', 'rid', 42);
ANALYZE bench;

CREATE FUNCTION pg_temp.secs(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    EXECUTE q;
    RETURN extract(epoch FROM clock_timestamp() - t0);
END $$;

CREATE TEMP TABLE timings (what text, seconds float8, baseline text, base_seconds float8);

-- a baseline: the fastest of three runs (the first one warms the cache)
CREATE FUNCTION pg_temp.base(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    best float8 := 'Infinity';
    i int;
BEGIN
    FOR i IN 1..3 LOOP
        EXECUTE 'DROP TABLE IF EXISTS base_copy';
        best := least(best, pg_temp.secs(replace(q, '$t', 'base_copy')));
    END LOOP;
    EXECUTE 'DROP TABLE IF EXISTS base_copy';
    RETURN best;
END $$;

-- synth_impute against copying the table
DO $$
DECLARE
    base float8;
    m text;
    s float8;
BEGIN
    base := pg_temp.base('CREATE TEMP TABLE $t AS SELECT * FROM bench');
    INSERT INTO timings VALUES ('SELECT count(*) FROM bench', pg_temp.secs('SELECT count(*) FROM bench'),
                                'copy', base);
    FOREACH m IN ARRAY ARRAY['mean', 'median', 'mode', 'regression', 'knn', 'model'] LOOP
        s := pg_temp.secs(format('CREATE TEMP TABLE imp_%s AS SELECT * FROM synth_impute(NULL::bench, %L, seed => 1)', m, m));
        INSERT INTO timings VALUES (format('synth_impute %s', m), s, 'copy', base);
    END LOOP;
    s := pg_temp.secs($q$CREATE TEMP TABLE imp_model_point AS SELECT * FROM synth_impute(NULL::bench, 'model', '{"draw": false}', seed => 1)$q$);
    INSERT INTO timings VALUES ('synth_impute model, draw: false', s, 'copy', base);
END $$;

-- synth_impute_update against UPDATE ... coalesce(c, avg)
DO $$
DECLARE
    base float8;
    s float8;
    q text;
BEGIN
    CREATE TEMP TABLE upd0 (LIKE bench INCLUDING ALL);
    INSERT INTO upd0 SELECT * FROM bench;
    SELECT format('UPDATE upd0 SET carat = coalesce(carat, %s), depth = coalesce(depth, %s), "table" = coalesce("table", %s), price = coalesce(price, %s), x = coalesce(x, %s), y = coalesce(y, %s), z = coalesce(z, %s), cut = coalesce(cut, %L), color = coalesce(color, %L), clarity = coalesce(clarity, %L) WHERE carat IS NULL OR depth IS NULL OR "table" IS NULL OR price IS NULL OR x IS NULL OR y IS NULL OR z IS NULL OR cut IS NULL OR color IS NULL OR clarity IS NULL',
                  avg(carat), avg(depth), avg("table"), round(avg(price)), avg(x), avg(y), avg(z),
                  mode() WITHIN GROUP (ORDER BY cut), mode() WITHIN GROUP (ORDER BY color),
                  mode() WITHIN GROUP (ORDER BY clarity))
    INTO q FROM bench;
    base := pg_temp.secs(q);
    CREATE TEMP TABLE upd1 (LIKE bench INCLUDING ALL);
    INSERT INTO upd1 SELECT * FROM bench;
    s := pg_temp.secs($q$SELECT synth_impute_update('upd1', method => 'mean')$q$);
    INSERT INTO timings VALUES ('synth_impute_update mean', s, 'UPDATE coalesce', base);
    CREATE TEMP TABLE upd2 (LIKE bench INCLUDING ALL);
    INSERT INTO upd2 SELECT * FROM bench;
    s := pg_temp.secs($q$SELECT synth_impute_update('upd2', method => 'knn', seed => 1)$q$);
    INSERT INTO timings VALUES ('synth_impute_update knn', s, 'UPDATE coalesce', base);
END $$;

-- synth_augment: 100,000 new rows, against copying the table
DO $$
DECLARE
    base float8;
BEGIN
    base := pg_temp.base('CREATE TEMP TABLE $t AS SELECT * FROM dia_100k');
    INSERT INTO timings VALUES ('synth_augment noise 100000',
        pg_temp.secs($q$CREATE TEMP TABLE aug1 AS SELECT * FROM synth_augment(NULL::dia_100k, 100000, 'noise', seed => 1)$q$),
        'copy', base);
    INSERT INTO timings VALUES ('synth_augment smote 100000 (cut = Fair)',
        pg_temp.secs($q$CREATE TEMP TABLE aug2 AS SELECT * FROM synth_augment(NULL::dia_100k, 100000, 'smote', '{"label": "cut"}', seed => 1)$q$),
        'copy', base);
    INSERT INTO timings VALUES ('synth_augment model 100000 (fit included)',
        pg_temp.secs($q$CREATE TEMP TABLE aug4 AS SELECT * FROM synth_augment(NULL::dia_100k, 100000, 'model', seed => 1)$q$),
        'copy', base);
    INSERT INTO timings VALUES ('synth_augment model 100000, cut = Fair (3%)',
        pg_temp.secs($q$CREATE TEMP TABLE aug5 AS SELECT * FROM synth_augment(NULL::dia_100k, 100000, 'model', '{"condition": {"cut": "Fair"}}', seed => 1)$q$),
        'copy', base);
    INSERT INTO timings VALUES ('synth_augment smote balance (' || (SELECT 5 * max(c) - 100000 FROM (SELECT count(*) c FROM dia_100k GROUP BY cut) s) || ' rows)',
        pg_temp.secs($q$CREATE TEMP TABLE aug3 AS SELECT * FROM synth_augment(NULL::dia_100k, NULL, 'smote', '{"label": "cut", "balance": true}', seed => 1)$q$),
        'copy', base);
END $$;

RESET client_min_messages;
\echo
\echo Timings (100,000 rows; ratio = seconds / baseline seconds)
SELECT what, round(seconds::numeric, 3) AS seconds, baseline, round(base_seconds::numeric, 3) AS baseline_seconds,
       round((seconds / base_seconds)::numeric, 1) AS ratio
FROM timings;

\echo Accuracy on the 100,000 rows (10% of known values hidden; normalised RMSE: lower is better, accuracy: higher is better)
SELECT m AS method, round(avg(score) FILTER (WHERE numeric_col)::numeric, 3) AS nrmse,
       round(avg(score) FILTER (WHERE NOT numeric_col)::numeric, 3) AS accuracy
FROM unnest(ARRAY['mean', 'median', 'mode', 'regression', 'knn', 'model', 'model_point']) WITH ORDINALITY u(m, o),
     LATERAL pg_temp.impute_score('dia_100k', ('imp_' || m)::regclass, 'rid', 'bench_hidden')
GROUP BY m, o ORDER BY o;
