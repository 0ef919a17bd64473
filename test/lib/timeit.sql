-- test/lib/timeit.sql: the timing helper of the clone benchmarks that
-- compare against CREATE TABLE ... AS (clone_production.sql,
-- clone_stream.sql, clone_sample.sql, clone_sequence.sql).
-- pg_temp.timeit(what, sql, before, runs) runs before (if any), then a
-- CHECKPOINT (as a superuser: no run pays for the WAL of the one before
-- it, a million rows each), then times sql, runs times; each time goes to
-- the temporary table timings (what, seconds).
CREATE TEMP TABLE timings (what text, seconds float8);
CREATE FUNCTION pg_temp.timeit(what text, sql text, before text DEFAULT NULL, runs int DEFAULT 2)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
BEGIN
    FOR i IN 1 .. runs LOOP
        IF before IS NOT NULL THEN
            EXECUTE before;
        END IF;
        IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            CHECKPOINT;
        END IF;
        t0 := clock_timestamp();
        EXECUTE sql;
        INSERT INTO timings VALUES (what, extract(epoch FROM clock_timestamp() - t0));
    END LOOP;
END $$;
