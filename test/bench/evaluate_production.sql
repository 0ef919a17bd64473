-- Benchmark: synth_evaluate and synth_report on a production-shaped table:
-- 25,000 patients with a serial key, a unique record number, first and last
-- names, sex, a unique email (7.8% NULL), phone, street address, city, postal
-- code, country, birth date, admission and discharge times, ward, diagnosis,
-- blood pressure, weight and free-text notes; the synthetic table is
-- synth_clone() of it.  Timed against a count(*) join of the two tables on
-- every column, in the same run.
--
--   before: the evaluation as it was -- every non-key column scored,
--           NewRowSynthesis/DCR on 10,000 sampled synthetic rows over every
--           non-key column (options score_all and dcr_rows reproduce it);
--   after:  the default -- the modelled columns scored (roles), row metrics
--           on them, 5,000 sampled rows; personal, key and free-text columns
--           under privacy (VerbatimShare).
-- Run from the repository root:  psql -X -f test/bench/evaluate_production.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_patients, bench_patients_synth;
RESET client_min_messages;
CREATE TABLE bench_patients (
    id serial PRIMARY KEY,
    mrn text UNIQUE,
    first_name text NOT NULL,
    last_name text NOT NULL,
    sex text,
    email text UNIQUE,
    phone text,
    street_address text,
    city text,
    postal_code text,
    country text,
    birth_date date,
    admitted_at timestamptz NOT NULL,
    discharged_at timestamptz,
    ward text NOT NULL,
    diagnosis text,
    systolic integer,
    weight_kg numeric(5,1),
    notes text
);
INSERT INTO bench_patients (mrn, first_name, last_name, sex, email, phone, street_address, city,
                            postal_code, country, birth_date, admitted_at, discharged_at, ward,
                            diagnosis, systolic, weight_kg, notes)
SELECT 'MRN-' || lpad(((i * 7919) % 1000003)::text, 7, '0'),
       fn.v, ln.v, CASE WHEN g.v = 'female' THEN 'F' ELSE 'M' END,
       CASE WHEN u1.x < 0.078 THEN NULL ELSE lower(fn.v) || '.' || lower(ln.v) || i || '@mail' || (i % 5) || '.org' END,
       ph.v, sa.v, ci.v, pc.v, 'United States',
       date '1935-01-01' + floor(u2.x * 29000)::int,
       ad.t, ad.t + exp(1 + 0.8 * z1.x) * interval '1 hour' * 24 / 10,
       (ARRAY['cardiology', 'oncology', 'neurology', 'orthopedics', 'pediatrics', 'icu'])[1 + floor(u3.x * u3.x * 6)::int],
       (ARRAY['I10', 'E11.9', 'J18.9', 'I50.9', 'N39.0', 'K35.80', 'S72.001A', 'C34.90'])[1 + floor(u4.x * 8)::int],
       round(120 + 15 * z2.x)::int,
       round((75 + 14 * z1.x * 0.3 + 12 * z2.x * 0.5)::numeric, 1),
       CASE WHEN u1.x > 0.7 THEN NULL ELSE tx.v END
FROM generate_series(1, 25000) i
JOIN synth_fake(25000, 'first_name', seed => 11) WITH ORDINALITY fn(v, i) USING (i)
JOIN synth_fake(25000, 'last_name', seed => 11) WITH ORDINALITY ln(v, i) USING (i)
JOIN synth_fake(25000, 'gender', seed => 11) WITH ORDINALITY g(v, i) USING (i)
JOIN synth_fake(25000, 'phone', seed => 11) WITH ORDINALITY ph(v, i) USING (i)
JOIN synth_fake(25000, 'street_address', seed => 11) WITH ORDINALITY sa(v, i) USING (i)
JOIN synth_fake(25000, 'city', seed => 11) WITH ORDINALITY ci(v, i) USING (i)
JOIN synth_fake(25000, 'postal_code', seed => 11) WITH ORDINALITY pc(v, i) USING (i)
JOIN synth_fake_text(25000, 20, 200, seed => 11) WITH ORDINALITY tx(v, i) USING (i)
JOIN synth_uniform(25000, seed => 12) WITH ORDINALITY u1(x, i) USING (i)
JOIN synth_uniform(25000, seed => 13) WITH ORDINALITY u2(x, i) USING (i)
JOIN synth_uniform(25000, seed => 14) WITH ORDINALITY u3(x, i) USING (i)
JOIN synth_uniform(25000, seed => 15) WITH ORDINALITY u4(x, i) USING (i)
JOIN synth_normal(25000, seed => 16) WITH ORDINALITY z1(x, i) USING (i)
JOIN synth_normal(25000, seed => 17) WITH ORDINALITY z2(x, i) USING (i)
JOIN (SELECT i, timestamptz '2023-01-01 00:00+00' + floor(x * 730 * 86400) * interval '1 second' AS t
      FROM synth_uniform(25000, seed => 18) WITH ORDINALITY a(x, i)) ad USING (i);
ANALYZE bench_patients;
CREATE TABLE bench_patients_synth AS SELECT * FROM synth_clone(NULL::bench_patients, 25000, seed => 2);
ANALYZE bench_patients_synth;

CREATE TEMP TABLE bench_times (step text, seconds float8, result text);
DO $$
DECLARE
    t0 timestamptz;
    n bigint;
    q float8;
    len int;
BEGIN
    PERFORM count(*) FROM bench_patients;
    PERFORM count(*) FROM bench_patients_synth;

    t0 := clock_timestamp();
    SELECT count(*) INTO n FROM bench_patients r JOIN bench_patients_synth s
      ON (r.first_name, r.last_name, r.sex, r.email, r.city, r.ward, r.diagnosis, r.systolic)
       = (s.first_name, s.last_name, s.sex, s.email, s.city, s.ward, s.diagnosis, s.systolic);
    INSERT INTO bench_times VALUES ('count(*) join of the two tables (baseline)',
        extract(epoch FROM clock_timestamp() - t0), n || ' matching pairs');

    t0 := clock_timestamp();
    SELECT score INTO q FROM synth_evaluate('bench_patients', 'bench_patients_synth',
        '{"seed": 1, "score_all": true, "dcr_rows": 10000}') WHERE metric = 'Quality';
    INSERT INTO bench_times VALUES ('synth_evaluate before (every column scored)',
        extract(epoch FROM clock_timestamp() - t0), 'Quality ' || round(q::numeric, 4));

    t0 := clock_timestamp();
    SELECT score INTO q FROM synth_evaluate('bench_patients', 'bench_patients_synth', '{"seed": 1}')
    WHERE metric = 'Quality';
    INSERT INTO bench_times VALUES ('synth_evaluate after (roles, default)',
        extract(epoch FROM clock_timestamp() - t0), 'Quality ' || round(q::numeric, 4));

    t0 := clock_timestamp();
    SELECT length(synth_report('bench_patients', 'bench_patients_synth', '{"seed": 1}')) INTO len;
    INSERT INTO bench_times VALUES ('synth_report after (full HTML report)',
        extract(epoch FROM clock_timestamp() - t0), len || ' bytes of HTML');
END $$;

SELECT step, round(seconds::numeric, 2) AS seconds,
       round((seconds / (SELECT seconds FROM bench_times WHERE step LIKE 'count%'))::numeric, 1) AS ratio,
       result
FROM bench_times;

-- the roles, and what privacy says about the clone
SELECT metric, column_name, round(score::numeric, 4) AS score,
       coalesce(detail->>'role', '') || coalesce(' ' || (detail->>'kind'), '') AS role,
       detail->>'chance_share' AS chance, detail->>'leak' AS leak
FROM synth_evaluate('bench_patients', 'bench_patients_synth', '{"seed": 1}')
WHERE metric IN ('ColumnRole', 'VerbatimShare') OR column_name IS NULL
ORDER BY metric, column_name;

DROP TABLE bench_patients, bench_patients_synth;
