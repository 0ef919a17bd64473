-- test/lib/clone_score.sql: the SDMetrics quality scores, in plain SQL.
--
-- Column Shapes: mean over columns of the KS complement (numerical columns,
-- NULLs left out) or the TV complement (categorical columns, NULL a category
-- of its own).  Column Pair Trends: mean over column pairs of the
-- correlation similarity 1 - |rho_real - rho_synth| / 2 (two numerical
-- columns, Pearson on complete pairs) or the contingency similarity
-- 1 - TV distance of the joint distribution (any other pair; numerical
-- columns cut into 10 equal-width bins over the real column's range).
-- Used by the clone tests and benchmark; creates schema clone_score.

CREATE SCHEMA IF NOT EXISTS clone_score;

-- categorical: text and boolean columns, and numbers with at most 10 distinct values
CREATE OR REPLACE FUNCTION clone_score.is_categorical(real_t regclass, col text)
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
    typ text;
    nd bigint;
BEGIN
    SELECT format_type(atttypid, NULL) INTO typ FROM pg_attribute
     WHERE attrelid = real_t AND attname = col;
    IF typ NOT IN ('smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision') THEN
        RETURN true;
    END IF;
    EXECUTE format('SELECT count(DISTINCT %I) FROM %s', col, real_t) INTO nd;
    RETURN nd <= 10;
END $$;

CREATE OR REPLACE FUNCTION clone_score.shape(real_t regclass, synth_t regclass, col text)
RETURNS float8 LANGUAGE plpgsql STABLE AS $$
DECLARE
    s float8;
BEGIN
    IF clone_score.is_categorical(real_t, col) THEN
        EXECUTE format($q$
            WITH r AS (SELECT coalesce(%1$I::text, '<NULL>') AS v, count(*)::float8 / sum(count(*)) OVER () AS p
                         FROM %2$s GROUP BY 1),
                 s AS (SELECT coalesce(%1$I::text, '<NULL>') AS v, count(*)::float8 / sum(count(*)) OVER () AS p
                         FROM %3$s GROUP BY 1)
            SELECT 1 - 0.5 * sum(abs(coalesce(r.p, 0) - coalesce(s.p, 0)))
              FROM r FULL JOIN s ON r.v = s.v$q$, col, real_t, synth_t)
        INTO s;
    ELSE
        EXECUTE format($q$
            WITH u AS (SELECT %1$I::float8 AS v, 1 AS r, 0 AS s FROM %2$s WHERE %1$I IS NOT NULL
                       UNION ALL
                       SELECT %1$I::float8, 0, 1 FROM %3$s WHERE %1$I IS NOT NULL),
                 g AS (SELECT v, sum(r) AS r, sum(s) AS s FROM u GROUP BY v),
                 c AS (SELECT sum(r) OVER (ORDER BY v)::float8 / sum(r) OVER () AS fr,
                              sum(s) OVER (ORDER BY v)::float8 / nullif(sum(s) OVER (), 0) AS fs FROM g)
            SELECT 1 - max(abs(fr - coalesce(fs, 0))) FROM c$q$, col, real_t, synth_t)
        INTO s;
    END IF;
    RETURN s;
END $$;

-- numerical columns as 10 equal-width bins over the real range, as text
CREATE OR REPLACE FUNCTION clone_score.binned(real_t regclass, col text)
RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
    lo float8;
    hi float8;
BEGIN
    IF clone_score.is_categorical(real_t, col) THEN
        RETURN format('%I::text', col);
    END IF;
    EXECUTE format('SELECT min(%1$I)::float8, max(%1$I)::float8 FROM %2$s', col, real_t) INTO lo, hi;
    IF hi IS NULL OR hi = lo THEN
        RETURN format('(%I IS NULL)::text', col);
    END IF;
    RETURN format('least(greatest(width_bucket(%I::float8, %s, %s, 10), 1), 10)::text',
                  col, lo, hi);
END $$;

CREATE OR REPLACE FUNCTION clone_score.pair(real_t regclass, synth_t regclass, a text, b text)
RETURNS float8 LANGUAGE plpgsql STABLE AS $$
DECLARE
    rr float8;
    rs float8;
    s float8;
    ea text;
    eb text;
BEGIN
    IF NOT clone_score.is_categorical(real_t, a) AND NOT clone_score.is_categorical(real_t, b) THEN
        EXECUTE format('SELECT corr(%I, %I) FROM %s', a, b, real_t) INTO rr;
        EXECUTE format('SELECT corr(%I, %I) FROM %s', a, b, synth_t) INTO rs;
        RETURN 1 - abs(coalesce(rr, 0) - coalesce(rs, 0)) / 2;
    END IF;
    ea := clone_score.binned(real_t, a);
    eb := clone_score.binned(real_t, b);
    EXECUTE format($q$
        WITH r AS (SELECT %1$s AS x, %2$s AS y, count(*)::float8 / sum(count(*)) OVER () AS p
                     FROM %3$s WHERE %5$I IS NOT NULL AND %6$I IS NOT NULL GROUP BY 1, 2),
             s AS (SELECT %1$s AS x, %2$s AS y, count(*)::float8 / sum(count(*)) OVER () AS p
                     FROM %4$s WHERE %5$I IS NOT NULL AND %6$I IS NOT NULL GROUP BY 1, 2)
        SELECT 1 - 0.5 * sum(abs(coalesce(r.p, 0) - coalesce(s.p, 0)))
          FROM r FULL JOIN s ON r.x = s.x AND r.y = s.y$q$,
        ea, eb, real_t, synth_t, a, b)
    INTO s;
    RETURN s;
END $$;

-- scores of synth_t against real_t over the given columns (default: all of real_t's)
CREATE OR REPLACE FUNCTION clone_score.quality(real_t regclass, synth_t regclass,
                                               cols text[] DEFAULT NULL,
                                               OUT shapes float8, OUT trends float8)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    c text[];
    i int;
    j int;
    sum_s float8 := 0;
    sum_t float8 := 0;
    np int := 0;
BEGIN
    c := coalesce(cols, ARRAY(SELECT attname::text FROM pg_attribute
                               WHERE attrelid = real_t AND attnum > 0 AND NOT attisdropped
                               ORDER BY attnum));
    FOR i IN 1 .. array_length(c, 1) LOOP
        sum_s := sum_s + clone_score.shape(real_t, synth_t, c[i]);
        FOR j IN i + 1 .. array_length(c, 1) LOOP
            sum_t := sum_t + coalesce(clone_score.pair(real_t, synth_t, c[i], c[j]), 1);
            np := np + 1;
        END LOOP;
    END LOOP;
    shapes := sum_s / array_length(c, 1);
    trends := CASE WHEN np > 0 THEN sum_t / np END;
END $$;

-- a deterministic split of a table into train (about 60%) and holdout
CREATE OR REPLACE FUNCTION clone_score.split(src regclass, train text, holdout text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP TABLE IF EXISTS %I, %I', train, holdout);
    EXECUTE format('CREATE TABLE %I (LIKE %s)', train, src);
    EXECUTE format('CREATE TABLE %I (LIKE %s)', holdout, src);
    EXECUTE format('INSERT INTO %I SELECT * FROM %s t WHERE abs(hashtext(t::text)) %% 10 < 6', train, src);
    EXECUTE format('INSERT INTO %I SELECT * FROM %s t WHERE abs(hashtext(t::text)) %% 10 >= 6', holdout, src);
END $$;
