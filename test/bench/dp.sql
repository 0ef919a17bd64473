-- test/bench/dp.sql: differentially private cloning, in one run.
--
--   1. Fidelity (SDMetrics definitions, test/lib/clone_score.sql) against a
--      held-out 40% of three tables of test/data, the model fitted on the
--      other 60%: DP clones by each dependence mechanism ("dp_method"
--      "copula" and "mst") at epsilon 0.1, 1 and 10 (delta 1e-6; noise
--      seeds 1-3, sampling seed 1) beside the non-private clone (seeds 1-3)
--      and the ceiling (the training rows themselves).
--   2. The DP fit against the plain fit of the same table: ggplot2_diamonds
--      (53,940 rows) serial and with the server's parallel settings, and the
--      1,000,000-row bench_src; three interleaved rounds each, best times.
-- Run from the repository root after loading test/data:
--   psql -X -q -f test/bench/dp.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;
\ir ../lib/clone_score.sql
SELECT clone_score.split('weka_credit_g', 'cg_train', 'cg_hold'),
       clone_score.split('mass_aids2', 'ai_train', 'ai_hold'),
       clone_score.split('ggplot2_diamonds', 'dm_train', 'dm_hold');

CREATE TEMP TABLE res (tab text, method text, eps float8, seed int, shapes float8, trends float8);
DO $$
DECLARE
    t text;
    s int;
    e float8;
    meth text;
BEGIN
    FOREACH t IN ARRAY ARRAY['cg', 'ai', 'dm'] LOOP
        INSERT INTO res SELECT t, '', -1, 0, * FROM clone_score.quality(t || '_hold', t || '_train');
        FOR s IN 1 .. 3 LOOP
            EXECUTE format('DROP TABLE IF EXISTS %I', t || '_syn');
            EXECUTE format('CREATE TABLE %I AS SELECT * FROM synth_clone(NULL::%I, seed => %s)',
                           t || '_syn', t || '_train', s);
            INSERT INTO res SELECT t, '', 0, s, * FROM clone_score.quality(t || '_hold', t || '_syn');
            FOREACH meth IN ARRAY ARRAY['copula', 'mst'] LOOP
            FOREACH e IN ARRAY ARRAY[0.1, 1, 10] LOOP
                EXECUTE format('DROP TABLE %I', t || '_syn');
                EXECUTE format('CREATE TABLE %I AS SELECT * FROM synth_clone(NULL::%I, NULL, %L, 1)',
                               t || '_syn', t || '_train',
                               jsonb_build_object('epsilon', e, 'delta', 1e-6, 'noise_seed', s,
                                                  'dp_method', meth));
                INSERT INTO res SELECT t, meth, e, s, * FROM clone_score.quality(t || '_hold', t || '_syn');
            END LOOP;
            END LOOP;
        END LOOP;
        EXECUTE format('DROP TABLE %I, %I, %I', t || '_syn', t || '_train', t || '_hold');
    END LOOP;
END $$;
SELECT CASE tab WHEN 'cg' THEN 'weka_credit_g (train 599)' WHEN 'ai' THEN 'mass_aids2 (train ~1700)'
                ELSE 'ggplot2_diamonds (train 32,280)' END AS "table",
       CASE eps WHEN -1 THEN 'ceiling' WHEN 0 THEN 'non-private' ELSE method || ', epsilon ' || eps END AS model,
       round(avg(shapes)::numeric, 3) AS shapes, round(avg(trends)::numeric, 3) AS trends,
       round(avg((shapes + trends) / 2)::numeric, 3) AS quality,
       round(min((shapes + trends) / 2)::numeric, 3) || '-' || round(max((shapes + trends) / 2)::numeric, 3) AS quality_range
FROM res GROUP BY tab, method, eps ORDER BY tab, method, eps;

-- 2. fit times
\ir bench_src.sql
CREATE TEMP TABLE timings (what text, r int, seconds float8);
CREATE FUNCTION pg_temp.timeit(what text, r int, sql text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    EXECUTE sql;
    INSERT INTO timings VALUES (what, r, extract(epoch FROM clock_timestamp() - t0));
END $$;
DO $$
BEGIN
    FOR r IN 1 .. 3 LOOP
        PERFORM set_config('max_parallel_workers_per_gather', '0', true);
        PERFORM pg_temp.timeit('diamonds plain, serial', r, $q$SELECT synth_fit('ggplot2_diamonds')$q$);
        PERFORM pg_temp.timeit('diamonds DP, serial', r, $q$SELECT synth_fit('ggplot2_diamonds', '{"epsilon": 1}')$q$);
        PERFORM set_config('max_parallel_workers_per_gather', '2', true);
        PERFORM pg_temp.timeit('diamonds plain, 2 workers', r, $q$SELECT synth_fit('ggplot2_diamonds')$q$);
        PERFORM pg_temp.timeit('diamonds DP, 2 workers', r, $q$SELECT synth_fit('ggplot2_diamonds', '{"epsilon": 1}')$q$);
        PERFORM pg_temp.timeit('bench_src plain, 2 workers', r, $q$SELECT synth_fit('bench_src')$q$);
        PERFORM pg_temp.timeit('bench_src DP, 2 workers', r, $q$SELECT synth_fit('bench_src', '{"epsilon": 1}')$q$);
    END LOOP;
END $$;
SELECT what, round(min(seconds)::numeric, 3) AS best_s, round(max(seconds)::numeric, 3) AS worst_s
FROM timings GROUP BY what ORDER BY what;
SELECT split_part(what, ' ', 1) || ',' || split_part(what, ',', 2) AS "table, setting",
       round((min(seconds) FILTER (WHERE what LIKE '%DP%') / min(seconds) FILTER (WHERE what LIKE '%plain%'))::numeric, 2)
           AS "DP fit / plain fit"
FROM timings GROUP BY 1 ORDER BY 1;
DROP TABLE bench_src;
