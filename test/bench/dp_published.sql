-- test/bench/dp_published.sql: the DP fit measured the way the MST/AIM
-- papers measure theirs, on tables of test/data.
--
-- Metric: workload error, the mean over a workload of marginals of the total
-- variation distance between the real and the synthetic marginal,
-- 0.5 * || M(D) / |D| - M(D^) / |D^| ||_1 -- as computed by the authors'
-- reference code for McKenna, Mullins, Sheldon & Miklau, "AIM: An Adaptive
-- and Iterative Mechanism for Differentially Private Synthetic Data" (VLDB
-- 2022; github.com/ryan112358/private-pgm, mechanisms/aim.py), measured on
-- the table the model was fitted on (no hold-out), over all 3-way marginals
-- (AIM's "all-3way" workload), and over all 2-way marginals.
--
-- Discretisation (the papers use pre-discretised copies of their tables):
-- a text column as is (one with more than 100 distinct values, such as
-- titanic's names, is left out); a number in 10 equal-width bins over the
-- real column's range (synthetic values beyond it in the edge bins); NULL a
-- value of its own.
--
-- Models: the non-private clone, the DP clone (default MST) at epsilon 0.1,
-- 1 and 10 with delta 1e-9 (the reference code's default), and at epsilon 1
-- with independent columns ("dependence": "none"); noise seeds 1-5 (the
-- clone's seeds 1-5), sampling seed 1, as many rows as the model's count.
-- Run from the repository root after loading test/data:
--   psql -X -q -f test/bench/dp_published.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;

-- the discretised copy of t: a text column per attribute
CREATE FUNCTION pg_temp.discrete(src regclass, ref regclass, dst text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
    a record;
    cols text[] := '{}';
    exprs text[] := '{}';
    lo float8;
    hi float8;
    nd bigint;
BEGIN
    FOR a IN SELECT attname, format_type(atttypid, atttypmod) AS typ FROM pg_attribute
             WHERE attrelid = ref AND attnum > 0 AND NOT attisdropped ORDER BY attnum LOOP
        IF a.typ IN ('text', 'character varying', 'boolean') THEN
            EXECUTE format('SELECT count(DISTINCT %I) FROM %s', a.attname, ref) INTO nd;
            CONTINUE WHEN nd > 100;
            exprs := exprs || format('coalesce(%I::text, ''null'')', a.attname);
        ELSE
            EXECUTE format('SELECT min(%1$I)::float8, max(%1$I)::float8 FROM %2$s', a.attname, ref) INTO lo, hi;
            exprs := exprs || format('coalesce(least(9, greatest(0, floor((%I::float8 - %s) / %s)))::int::text, ''null'')',
                                     a.attname, lo, greatest((hi - lo) / 10, 1e-300));
        END IF;
        cols := cols || a.attname::text;
    END LOOP;
    EXECUTE format('DROP TABLE IF EXISTS %I', dst);
    EXECUTE format('CREATE TEMP TABLE %I AS SELECT %s FROM %s', dst,
                   (SELECT string_agg(e || ' AS ' || quote_ident(c), ', ')
                    FROM unnest(exprs, cols) AS u(e, c)), src);
    RETURN cols;
END $$;

-- the mean total variation distance over all k-way marginals of cols
CREATE FUNCTION pg_temp.workload_error(r text, s text, cols text[], k int) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
    m text[];
    e float8;
    total float8 := 0;
    n int := 0;
BEGIN
    FOR m IN
        WITH RECURSIVE sub(items, last) AS (
            SELECT ARRAY[c], i FROM unnest(cols) WITH ORDINALITY AS u(c, i)
            UNION ALL
            SELECT sub.items || u.c, u.i FROM sub, unnest(cols) WITH ORDINALITY AS u(c, i)
            WHERE u.i > sub.last AND cardinality(sub.items) < k)
        SELECT items FROM sub WHERE cardinality(items) = k
    LOOP
        EXECUTE format($q$
            WITH a AS (SELECT %1$s, count(*)::float8 / sum(count(*)) OVER () AS p FROM %2$I GROUP BY %1$s),
                 b AS (SELECT %1$s, count(*)::float8 / sum(count(*)) OVER () AS p FROM %3$I GROUP BY %1$s)
            SELECT 0.5 * sum(abs(coalesce(a.p, 0) - coalesce(b.p, 0))) FROM a FULL JOIN b USING (%1$s)$q$,
            (SELECT string_agg(quote_ident(x), ', ') FROM unnest(m) x), r, s) INTO e;
        total := total + e;
        n := n + 1;
    END LOOP;
    RETURN total / n;
END $$;

CREATE TEMP TABLE res (tab text, model text, seed int, rows bigint, err2 float8, err3 float8);
DO $$
DECLARE
    t text;
    cols text[];
    s int;
    e float8;
    opts jsonb;
    model text;
BEGIN
    FOREACH t IN ARRAY ARRAY['cardata_titanicsurvival', 'mass_aids2', 'weka_credit_g', 'ggplot2_diamonds'] LOOP
        cols := pg_temp.discrete(t::regclass, t::regclass, 'd_real');
        FOR s IN 1 .. 5 LOOP
            FOREACH e IN ARRAY ARRAY[0, 0.1, 1, 10, -1] LOOP
                IF e = 0 THEN
                    opts := NULL;
                    model := 'non-private';
                ELSIF e < 0 THEN
                    opts := jsonb_build_object('epsilon', 1, 'delta', 1e-9, 'noise_seed', s, 'dependence', 'none');
                    model := 'independent, epsilon 1';
                ELSE
                    opts := jsonb_build_object('epsilon', e, 'delta', 1e-9, 'noise_seed', s);
                    model := 'MST, epsilon ' || e;
                END IF;
                DROP TABLE IF EXISTS syn;
                IF opts IS NULL THEN
                    EXECUTE format('CREATE TEMP TABLE syn AS SELECT * FROM synth_clone(NULL::%I, seed => %s)', t, s);
                ELSE
                    EXECUTE format('CREATE TEMP TABLE syn AS SELECT * FROM synth_clone(NULL::%I, NULL, %L, 1)', t, opts);
                END IF;
                PERFORM pg_temp.discrete('syn'::regclass, t::regclass, 'd_syn');
                INSERT INTO res SELECT t, model, s, (SELECT count(*) FROM syn),
                                       pg_temp.workload_error('d_real', 'd_syn', cols, 2),
                                       pg_temp.workload_error('d_real', 'd_syn', cols, 3);
            END LOOP;
        END LOOP;
    END LOOP;
END $$;

SELECT tab AS "table", model, round(avg(rows)) AS rows,
       round(avg(err3)::numeric, 4) AS "all 3-way error",
       round(min(err3)::numeric, 4) || '-' || round(max(err3)::numeric, 4) AS "3-way range",
       round(avg(err2)::numeric, 4) AS "all 2-way error",
       round(min(err2)::numeric, 4) || '-' || round(max(err2)::numeric, 4) AS "2-way range"
FROM res GROUP BY tab, model
ORDER BY tab, CASE model WHEN 'non-private' THEN 0 WHEN 'independent, epsilon 1' THEN 9 ELSE 1 END, model;
