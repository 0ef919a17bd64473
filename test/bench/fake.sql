-- Benchmark: fake values against a baseline of the same row count.
--
--   psql -X -f test/bench/fake.sql
--
-- Each query is run three times; the best time counts.  The baseline is
-- count(*) over generate_series(1, n) (a set-returning function producing
-- n rows and nothing else), so a ratio is the cost of making the value.
\set n 1000000
SET client_min_messages = notice;
SET synthdata.seed = '1';

CREATE OR REPLACE FUNCTION pg_temp.best_ms(q text, runs int DEFAULT 3)
RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    best float8 := 'Infinity';
    i int;
BEGIN
    FOR i IN 1 .. runs LOOP
        t0 := clock_timestamp();
        EXECUTE q;
        best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
    END LOOP;
    RETURN best;
END $$;

SELECT format('%-60s', q) AS query,
       round(ms::numeric, 1) AS best_ms,
       round((ms / first_value(ms) OVER (ORDER BY ord))::numeric, 2) AS ratio_to_baseline,
       round((:n / (ms / 1000.0))::numeric / 1e6, 2) AS million_rows_per_s
FROM (SELECT ord, q, pg_temp.best_ms(q) AS ms
      FROM (VALUES
        (0, 'SELECT count(*) FROM generate_series(1, ' || :n || ')'),
        (1, 'SELECT count(*) FROM synth_fake(' || :n || ', ''full_name'', seed => 1)'),
        (2, 'SELECT count(*) FROM synth_fake(' || :n || ', ''email'', seed => 1)'),
        (3, 'SELECT count(*) FROM synth_fake(' || :n || ', ''sentence'', seed => 1)'),
        (4, 'SELECT count(*) FROM synth_fake(' || :n || ', ''street_address'', seed => 1)'),
        (5, 'SELECT count(*) FROM synth_fake(' || :n || ', ''full_name'', ''de'', seed => 1)'),
        (6, 'SELECT count(*) FROM synth_fake_pattern(' || :n || ', ''AA-9999'', seed => 1)'),
        (7, 'SELECT count(*) FROM (SELECT md5(i::text) FROM generate_series(1, ' || :n || ') i) s')
      ) v(ord, q)) t
ORDER BY ord;
