-- pgTAP: synth_evaluate on real tables (test/data) — identical, column-shuffled,
-- uniform random and perturbed copies; pure-SQL reference computations of the
-- SDMetrics scores; holdout split; errors with their SQLSTATEs.
BEGIN;
SELECT plan(47);

-- ---------------------------------------------------------------------------
-- helpers: a column-shuffled copy (each column permuted independently by a
-- seeded synth_uniform order) and a uniform random table over the real ranges
-- ---------------------------------------------------------------------------
CREATE FUNCTION pg_temp.shuffled_copy(src regclass, dst text, seed bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    cols text[];
    n bigint;
    arrs text := '';
    sel text := '';
    i int;
BEGIN
    SELECT array_agg(quote_ident(attname) ORDER BY attnum) INTO cols
    FROM pg_attribute WHERE attrelid = src AND attnum > 0 AND NOT attisdropped;
    EXECUTE format('SELECT count(*) FROM %s', src) INTO n;
    FOR i IN 1 .. array_length(cols, 1) LOOP
        -- column i in the order of a seeded uniform key: an independent permutation
        arrs := arrs || format('%s(SELECT array_agg(s.%s ORDER BY u.x, s.rn) FROM src s
                                   JOIN synth_uniform(%s, seed => %s) WITH ORDINALITY u(x, i) ON u.i = s.rn) AS a%s',
                               CASE WHEN i > 1 THEN ', ' ELSE '' END, cols[i], n, seed + i, i);
        sel := sel || format('%sa%s[g] AS %s', CASE WHEN i > 1 THEN ', ' ELSE '' END, i, cols[i]);
    END LOOP;
    EXECUTE format('CREATE TEMP TABLE %I AS WITH src AS (SELECT row_number() OVER (ORDER BY ctid) AS rn, * FROM %s)
                    SELECT %s FROM (SELECT %s) a, generate_series(1, %s) g', dst, src, sel, arrs, n);
END $$;

CREATE FUNCTION pg_temp.uniform_copy(src regclass, dst text, seed bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    r record;
    n bigint;
    stats text := '';
    sel text := '';
    i int := 0;
BEGIN
    EXECUTE format('SELECT count(*) FROM %s', src) INTO n;
    FOR r IN SELECT quote_ident(attname) AS col, format_type(atttypid, atttypmod) AS typ,
                    atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype,
                                 'float4'::regtype, 'float8'::regtype, 'numeric'::regtype) AS num
             FROM pg_attribute WHERE attrelid = src AND attnum > 0 AND NOT attisdropped ORDER BY attnum
    LOOP
        i := i + 1;
        stats := stats || format('%s(SELECT array_agg(x ORDER BY i) FROM synth_uniform(%s, seed => %s) WITH ORDINALITY u(x, i)) AS u%s',
                                 CASE WHEN i > 1 THEN ', ' ELSE '' END, n, seed + i, i);
        IF r.num THEN
            -- uniform over [min, max]
            stats := stats || format(', min(%s)::float8 AS lo%s, max(%s)::float8 AS hi%s', r.col, i, r.col, i);
            sel := sel || format('%s(lo%s + (hi%s - lo%s) * u%s[g])::%s AS %s',
                                 CASE WHEN i > 1 THEN ', ' ELSE '' END, i, i, i, i, r.typ, r.col);
        ELSE
            -- uniform over the distinct real values
            stats := stats || format(', array_agg(DISTINCT %s) FILTER (WHERE %s IS NOT NULL) AS v%s', r.col, r.col, i);
            sel := sel || format('%sv%s[1 + floor(u%s[g] * cardinality(v%s))::int] AS %s',
                                 CASE WHEN i > 1 THEN ', ' ELSE '' END, i, i, i, r.col);
        END IF;
    END LOOP;
    EXECUTE format('CREATE TEMP TABLE %I AS SELECT %s FROM (SELECT %s FROM %s) st, generate_series(1, %s) g',
                   dst, sel, stats, src, n);
END $$;

-- score of one summary row
CREATE FUNCTION pg_temp.score(r regclass, s regclass, m text, opts jsonb DEFAULT '{"seed": 7}')
RETURNS float8 LANGUAGE sql AS $$
    SELECT score FROM synth_evaluate(r, s, opts) WHERE metric = m AND column_name IS NULL $$;

-- ---------------------------------------------------------------------------
-- identical tables
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE credit_eval AS
SELECT * FROM synth_evaluate('weka_credit_g', 'weka_credit_g', '{"seed": 7}');
SELECT is((SELECT score FROM credit_eval WHERE metric = 'Column Shapes'), 1::float8,
          'identical tables: Column Shapes = 1');
SELECT is((SELECT score FROM credit_eval WHERE metric = 'Column Pair Trends'), 1::float8,
          'identical tables: Column Pair Trends = 1');
SELECT is((SELECT (detail->>'copies')::int FROM credit_eval WHERE metric = 'ExactCopies'), 1000,
          'identical tables: every synthetic row is an exact copy');
SELECT is((SELECT score FROM credit_eval WHERE metric = 'NewRowSynthesis'), 0::float8,
          'identical tables: no new rows');
SELECT is((SELECT score FROM credit_eval WHERE metric = 'DCRBaselineProtection'), 0::float8,
          'identical tables: DCR baseline protection 0');
SELECT is((SELECT count(*) FROM credit_eval WHERE metric IN ('KSComplement', 'TVComplement')), 21::bigint,
          'one shape row per column (7 numeric, 14 categorical)');
SELECT is((SELECT count(*) FROM credit_eval WHERE metric IN ('CorrelationSimilarity', 'ContingencySimilarity')), 210::bigint,
          'one trend row per pair (21 choose 2)');

CREATE TEMP TABLE pbc_eval AS
SELECT * FROM synth_evaluate('survival_pbc', 'survival_pbc', '{"seed": 7}');
SELECT ok((SELECT score FROM pbc_eval WHERE metric = 'Column Shapes') = 1
          AND (SELECT score FROM pbc_eval WHERE metric = 'Column Pair Trends') = 1,
          'identical tables with NULLs: shapes and trends = 1');
SELECT is((SELECT (detail->>'copies')::int FROM pbc_eval WHERE metric = 'ExactCopies'), 418,
          'identical tables with NULLs: every row is an exact copy (NULL equals NULL)');

-- ---------------------------------------------------------------------------
-- column-shuffled copies keep the shapes and lose the trends
-- ---------------------------------------------------------------------------
SELECT pg_temp.shuffled_copy('weka_credit_g', 'credit_shuffled', 100);
SELECT pg_temp.shuffled_copy('survival_pbc', 'pbc_shuffled', 200);
SELECT is((SELECT count(*) FROM credit_shuffled), 1000::bigint, 'shuffled copy has every row');
CREATE TEMP TABLE credit_shuf_eval AS
SELECT * FROM synth_evaluate('weka_credit_g', 'credit_shuffled', '{"seed": 7}');
CREATE TEMP TABLE pbc_shuf_eval AS
SELECT * FROM synth_evaluate('survival_pbc', 'pbc_shuffled', '{"seed": 7}');
SELECT cmp_ok((SELECT score FROM credit_shuf_eval WHERE metric = 'Column Shapes'), '>', 1 - 1e-12::float8,
              'shuffled credit: Column Shapes stays 1');
SELECT cmp_ok((SELECT score FROM pbc_shuf_eval WHERE metric = 'Column Shapes'), '>', 1 - 1e-12::float8,
              'shuffled pbc: Column Shapes stays 1');
SELECT cmp_ok((SELECT score FROM credit_shuf_eval WHERE metric = 'Column Pair Trends'), '<', 0.97::float8,
              'shuffled credit: Column Pair Trends drops');
SELECT cmp_ok((SELECT score FROM pbc_shuf_eval WHERE metric = 'Column Pair Trends'), '<', 0.93::float8,
              'shuffled pbc: Column Pair Trends drops');
-- the strongest real pair (ascites-edema, rho 0.59) loses its correlation
SELECT cmp_ok((SELECT score FROM pbc_shuf_eval WHERE metric = 'CorrelationSimilarity' AND column_name = 'ascites' AND other_column = 'edema'),
              '<', 0.8::float8, 'shuffled pbc: the strongest real correlation is lost');
SELECT cmp_ok((SELECT abs((detail->>'synthetic_correlation')::float8) FROM pbc_shuf_eval
               WHERE metric = 'CorrelationSimilarity' AND column_name = 'bili' AND other_column = 'copper'), '<', 0.15::float8,
              'shuffled pbc: bili-copper correlation near 0');

-- ---------------------------------------------------------------------------
-- a uniform random table scores low on shapes, high on privacy
-- ---------------------------------------------------------------------------
SELECT pg_temp.uniform_copy('weka_credit_g', 'credit_uniform', 300);
CREATE TEMP TABLE credit_unif_eval AS
SELECT * FROM synth_evaluate('weka_credit_g', 'credit_uniform', '{"seed": 7}');
SELECT cmp_ok((SELECT score FROM credit_unif_eval WHERE metric = 'Column Shapes'), '<', 0.75::float8,
              'uniform random: Column Shapes low');
SELECT cmp_ok((SELECT score FROM credit_unif_eval WHERE metric = 'Quality'), '<', 0.8::float8,
              'uniform random: Quality low');
SELECT cmp_ok((SELECT score FROM credit_unif_eval WHERE metric = 'DCRBaselineProtection'), '>', 0.9::float8,
              'uniform random: DCR baseline protection near 1');
SELECT is((SELECT score FROM credit_unif_eval WHERE metric = 'NewRowSynthesis'), 1::float8,
          'uniform random: every row is new');

-- ---------------------------------------------------------------------------
-- pure-SQL reference computations on a perturbed copy, within 0.005
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE credit_pert AS
SELECT checking_status, duration + floor(u1.x * 6)::int - 3 AS duration, credit_history,
       CASE WHEN u2.x < 0.2 THEN 'education' ELSE purpose END AS purpose,
       credit_amount * (0.8 + 0.4 * u3.x) AS credit_amount, savings_status, employment,
       installment_commitment, personal_status, other_parties, residence_since,
       property_magnitude, age + floor(u4.x * 10)::int AS age, other_payment_plans, housing,
       existing_credits, job, num_dependents, own_telephone, foreign_worker, class
FROM (SELECT row_number() OVER (ORDER BY ctid) AS i, * FROM weka_credit_g) w
JOIN synth_uniform(1000, seed => 1) WITH ORDINALITY u1(x, i) USING (i)
JOIN synth_uniform(1000, seed => 2) WITH ORDINALITY u2(x, i) USING (i)
JOIN synth_uniform(1000, seed => 3) WITH ORDINALITY u3(x, i) USING (i)
JOIN synth_uniform(1000, seed => 4) WITH ORDINALITY u4(x, i) USING (i);
CREATE TEMP TABLE pbc_pert AS
SELECT id, time, status, CASE WHEN u1.x < 0.3 THEN NULL ELSE trt END AS trt, age, sex, ascites,
       hepato, spiders, edema, bili * (0.7 + 0.6 * u2.x) AS bili, chol, albumin,
       CASE WHEN u3.x < 0.1 THEN NULL ELSE copper END AS copper, alk_phos, ast, trig,
       platelet, protime, CASE WHEN u4.x < 0.2 THEN 4 ELSE stage END AS stage
FROM (SELECT row_number() OVER (ORDER BY ctid) AS i, * FROM survival_pbc) p
JOIN synth_uniform(418, seed => 5) WITH ORDINALITY u1(x, i) USING (i)
JOIN synth_uniform(418, seed => 6) WITH ORDINALITY u2(x, i) USING (i)
JOIN synth_uniform(418, seed => 7) WITH ORDINALITY u3(x, i) USING (i)
JOIN synth_uniform(418, seed => 8) WITH ORDINALITY u4(x, i) USING (i);

-- KS complement: 1 - max |F_R - F_S| over the pooled values (NULLs dropped)
CREATE FUNCTION pg_temp.ref_ks(r regclass, s regclass, col text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE v float8;
BEGIN
    EXECUTE format($q$
        WITH u AS (SELECT %1$I::float8 AS x, 1 AS a, 0 AS b FROM %2$s UNION ALL SELECT %1$I::float8, 0, 1 FROM %3$s),
             g AS (SELECT x, sum(a) AS a, sum(b) AS b FROM u WHERE x IS NOT NULL GROUP BY x),
             c AS (SELECT sum(a) OVER w / sum(a) OVER () AS fa, sum(b) OVER w / sum(b) OVER () AS fb
                   FROM g WINDOW w AS (ORDER BY x))
        SELECT 1 - max(abs(fa - fb)) FROM c $q$, col, r, s) INTO v;
    RETURN v;
END $$;
-- TV complement: 1 - 1/2 sum |p_R - p_S| over categories (NULLs dropped)
CREATE FUNCTION pg_temp.ref_tv(r regclass, s regclass, col text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE v float8;
BEGIN
    EXECUTE format($q$
        WITH a AS (SELECT %1$I::text AS c, count(*)::float8 / sum(count(*)) OVER () AS p FROM %2$s WHERE %1$I IS NOT NULL GROUP BY 1),
             b AS (SELECT %1$I::text AS c, count(*)::float8 / sum(count(*)) OVER () AS p FROM %3$s WHERE %1$I IS NOT NULL GROUP BY 1)
        SELECT 1 - 0.5 * sum(abs(coalesce(a.p, 0) - coalesce(b.p, 0))) FROM a FULL JOIN b USING (c) $q$, col, r, s) INTO v;
    RETURN v;
END $$;
-- correlation similarity: 1 - |corr_R - corr_S| / 2 (corr() skips rows with a NULL)
CREATE FUNCTION pg_temp.ref_corr(r regclass, s regclass, c1 text, c2 text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE v float8;
BEGIN
    EXECUTE format($q$ SELECT 1 - abs((SELECT corr(%1$I, %2$I) FROM %3$s) - (SELECT corr(%1$I, %2$I) FROM %4$s)) / 2 $q$,
                   c1, c2, r, s) INTO v;
    RETURN v;
END $$;
-- contingency similarity of a numeric and a categorical column: the numeric one
-- in width_bucket(x, real min, real max, 10), NULL its own cell
CREATE FUNCTION pg_temp.ref_cont(r regclass, s regclass, num text, cat text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE v float8;
BEGIN
    EXECUTE format($q$
        WITH lim AS (SELECT min(%1$I)::float8 AS lo, max(%1$I)::float8 AS hi FROM %3$s),
             a AS (SELECT CASE WHEN %1$I IS NULL THEN -1 ELSE width_bucket(%1$I::float8, lo, hi, 10) END AS x, %2$I::text AS c,
                          count(*)::float8 / sum(count(*)) OVER () AS p FROM %3$s, lim GROUP BY 1, 2),
             b AS (SELECT CASE WHEN %1$I IS NULL THEN -1 ELSE width_bucket(%1$I::float8, lo, hi, 10) END AS x, %2$I::text AS c,
                          count(*)::float8 / sum(count(*)) OVER () AS p FROM %4$s, lim GROUP BY 1, 2)
        SELECT 1 - 0.5 * sum(abs(coalesce(a.p, 0) - coalesce(b.p, 0)))
        FROM a FULL JOIN b ON a.x = b.x AND a.c IS NOT DISTINCT FROM b.c $q$, num, cat, r, s) INTO v;
    RETURN v;
END $$;

CREATE TEMP TABLE credit_pert_eval AS SELECT * FROM synth_evaluate('weka_credit_g', 'credit_pert', '{"seed": 7}');
CREATE TEMP TABLE pbc_pert_eval AS SELECT * FROM synth_evaluate('survival_pbc', 'pbc_pert', '{"seed": 7}');

SELECT cmp_ok((SELECT max(abs(score - pg_temp.ref_ks('weka_credit_g', 'credit_pert', column_name)))
               FROM credit_pert_eval WHERE metric = 'KSComplement'), '<=', 0.005::float8,
              'KSComplement equals the SQL reference on every numeric credit column');
SELECT cmp_ok((SELECT min(score) FROM credit_pert_eval WHERE metric = 'KSComplement'), '<', 0.95::float8,
              'the perturbation moved some numeric credit column');
SELECT cmp_ok((SELECT max(abs(score - pg_temp.ref_tv('weka_credit_g', 'credit_pert', column_name)))
               FROM credit_pert_eval WHERE metric = 'TVComplement'), '<=', 0.005::float8,
              'TVComplement equals the SQL reference on every categorical credit column');
SELECT cmp_ok((SELECT max(abs(score - pg_temp.ref_corr('weka_credit_g', 'credit_pert', column_name, other_column)))
               FROM credit_pert_eval WHERE metric = 'CorrelationSimilarity'), '<=', 0.005::float8,
              'CorrelationSimilarity equals the SQL reference on every numeric credit pair');
SELECT cmp_ok((SELECT max(abs(score - pg_temp.ref_cont('weka_credit_g', 'credit_pert', column_name, other_column)))
               FROM credit_pert_eval WHERE metric = 'ContingencySimilarity'
                 AND column_name IN ('duration', 'credit_amount', 'age')), '<=', 0.005::float8,
              'ContingencySimilarity (numeric x categorical, 10 bins) equals the SQL reference');
SELECT cmp_ok((SELECT max(abs(score - pg_temp.ref_ks('survival_pbc', 'pbc_pert', column_name)))
               FROM pbc_pert_eval WHERE metric = 'KSComplement'), '<=', 0.005::float8,
              'KSComplement equals the SQL reference on every pbc column (with NULLs)');
SELECT cmp_ok((SELECT max(abs(score - pg_temp.ref_corr('survival_pbc', 'pbc_pert', column_name, other_column)))
               FROM pbc_pert_eval WHERE metric = 'CorrelationSimilarity'), '<=', 0.005::float8,
              'CorrelationSimilarity equals the SQL reference on every pbc pair (with NULLs)');
SELECT cmp_ok((SELECT abs(score - pg_temp.ref_cont('survival_pbc', 'pbc_pert', 'age', 'sex'))
               FROM pbc_pert_eval WHERE metric = 'ContingencySimilarity' AND column_name = 'age' AND other_column = 'sex'),
              '<=', 0.005::float8, 'ContingencySimilarity age x sex equals the SQL reference');
SELECT cmp_ok((SELECT abs(score - (1 - abs((SELECT avg((copper IS NULL)::int) FROM survival_pbc)
                                           - (SELECT avg((copper IS NULL)::int) FROM pbc_pert))))
               FROM pbc_pert_eval WHERE metric = 'MissingValueSimilarity' AND column_name = 'copper'),
              '<=', 0.005::float8, 'MissingValueSimilarity equals the SQL reference');

-- ---------------------------------------------------------------------------
-- holdout: DCROverfittingProtection on a deterministic three-way split
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE pbc_train AS SELECT * FROM survival_pbc WHERE id % 3 = 0;
CREATE TEMP TABLE pbc_hold AS SELECT * FROM survival_pbc WHERE id % 3 = 1;
CREATE TEMP TABLE pbc_fresh AS SELECT * FROM survival_pbc WHERE id % 3 = 2;
SELECT is(pg_temp.score('pbc_train', 'pbc_train', 'DCROverfittingProtection', '{"seed": 7, "holdout": "pbc_hold", "ignore": ["id"]}'),
          0::float8, 'a copy of the training rows: overfitting protection 0');
SELECT cmp_ok(pg_temp.score('pbc_train', 'pbc_fresh', 'DCROverfittingProtection', '{"seed": 7, "holdout": "pbc_hold", "ignore": ["id"]}'),
              '>=', 0.8::float8, 'fresh real rows are no closer to training than to holdout');
SELECT is((SELECT count(*) FROM synth_evaluate('pbc_train', 'pbc_fresh', '{"seed": 7}') WHERE metric = 'DCROverfittingProtection'),
          0::bigint, 'no holdout, no overfitting row');

-- ---------------------------------------------------------------------------
-- reproducibility, subsampling and the nearest-neighbour pruning
-- ---------------------------------------------------------------------------
SELECT results_eq($$SELECT metric, column_name, other_column, score, detail FROM synth_evaluate('survival_pbc', 'pbc_pert', '{"seed": 9}')$$,
                  $$SELECT metric, column_name, other_column, score, detail FROM synth_evaluate('survival_pbc', 'pbc_pert', '{"seed": 9}')$$,
                  'the same seed gives the same report');
SELECT cmp_ok((SELECT greatest((detail->>'distances_per_synthetic_query')::float8, (detail->>'distances_per_random_query')::float8)
               FROM synth_evaluate('ggplot2_diamonds', 'ggplot2_diamonds', '{"seed": 7, "dcr_rows": 500, "reference_rows": 20000}')
               WHERE metric = 'DCRBaselineProtection'), '<', 2000::float8,
              'the vantage-point tree prunes: far fewer than 20000 distances per query');
-- without a seed one is drawn, reported in the detail and by synth_last_seed()
CREATE TEMP TABLE unseeded AS
SELECT (detail->>'seed')::bigint AS seed FROM synth_evaluate('mass_birthwt', 'mass_birthwt') WHERE metric = 'DCRBaselineProtection';
SELECT is((SELECT seed FROM unseeded), synth_last_seed(), 'an unseeded evaluation reports the seed it drew');
-- tables above max_rows are read through TABLESAMPLE BERNOULLI REPEATABLE (seed)
ANALYZE ggplot2_diamonds;
CREATE TEMP TABLE diamonds_sampled AS
SELECT * FROM synth_evaluate('ggplot2_diamonds', 'ggplot2_diamonds', '{"seed": 3, "max_rows": 5000}') WHERE column_name IS NULL;
SELECT cmp_ok((SELECT abs((detail->>'real_rows')::int - 5000) FROM diamonds_sampled WHERE metric = 'Quality'), '<', 400,
              'max_rows: about 5000 of 53940 rows are read');
SELECT is((SELECT score FROM diamonds_sampled WHERE metric = 'Column Shapes'), 1::float8,
          'max_rows: the same seed samples the same rows of the same table');
CREATE TEMP TABLE parted (a int, b text) PARTITION BY RANGE (a);
CREATE TEMP TABLE parted1 PARTITION OF parted FOR VALUES FROM (0) TO (50000);
CREATE TEMP TABLE parted2 PARTITION OF parted FOR VALUES FROM (50000) TO (100000);
INSERT INTO parted SELECT i, (i % 7)::text FROM generate_series(0, 99999) i;
ANALYZE parted;
SELECT cmp_ok((SELECT abs((detail->>'real_rows')::int - 2000) FROM synth_evaluate('parted', 'parted', '{"seed": 3, "max_rows": 2000}')
               WHERE metric = 'Quality'), '<', 250, 'max_rows: a partitioned table is sampled too');
SELECT is((SELECT (detail->>'sampled_synthetic_rows')::int FROM credit_pert_eval WHERE metric = 'NewRowSynthesis'),
          1000, 'NewRowSynthesis uses every row when dcr_rows exceeds the table');

-- ---------------------------------------------------------------------------
-- report and compare
-- ---------------------------------------------------------------------------
SELECT ok((SELECT xml_is_well_formed_document(r) AND position('http' in r) = 0 AND r LIKE '<!DOCTYPE html>%'
           FROM synth_report('weka_credit_g', 'credit_pert', '{"seed": 7}') r),
          'synth_report: a well-formed, self-contained page');
SELECT cmp_ok((SELECT abs(sum(real_share) - 1) + abs(sum(synthetic_share) - 1) FROM synth_compare('survival_pbc', 'pbc_pert', 'copper')),
              '<', 1e-9::float8, 'synth_compare: shares (NULL bucket included) sum to 1');

-- ---------------------------------------------------------------------------
-- errors
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE credit_less AS SELECT duration, age FROM weka_credit_g;
CREATE TEMP TABLE credit_text AS SELECT duration::text AS duration, age FROM weka_credit_g;
CREATE TEMP TABLE credit_none AS SELECT duration, age FROM weka_credit_g WHERE false;
SELECT throws_ok($$SELECT * FROM synth_evaluate('weka_credit_g', 'credit_less')$$, '42703', NULL, 'different column sets');
SELECT throws_ok($$SELECT * FROM synth_evaluate('credit_less', 'credit_text')$$, '42804', NULL, 'incompatible types');
SELECT throws_ok($$SELECT * FROM synth_evaluate('credit_less', 'credit_none')$$, '22000', NULL, 'empty synthetic table');
SELECT throws_ok($$SELECT * FROM synth_evaluate('credit_less', 'no_such_table')$$, '42P01', NULL, 'missing table');
SELECT throws_ok($$SELECT * FROM synth_evaluate('credit_less', 'credit_less', '{"sead": 1}')$$, '22023', NULL, 'unknown option');
CREATE ROLE synth_eval_tap_nobody;
SET LOCAL ROLE synth_eval_tap_nobody;
SELECT throws_ok($$SELECT * FROM synth_evaluate('weka_credit_g', 'weka_credit_g')$$, '42501', NULL, 'no SELECT privilege');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
