-- test/bench/clone_text.sql: the cost of free text in fitted cloning.
--
-- A 20,000-row table of clinical notes (id, age, ward, weight, body: about 30 words
-- of sentences with names, emails, phone numbers, record numbers and dates)
-- against the same table without its body, in the same session: the fit,
-- and synth_sample of 20,000 rows from the model (counted), each the best
-- of two runs; the
-- ratios text / plain, and the cost of one generated text in microseconds.
-- psql -X -f test/bench/clone_text.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_notes, bench_plain;
CREATE TABLE bench_notes (id int PRIMARY KEY, age int, ward text, weight float8, body text);
INSERT INTO bench_notes
SELECT i, 20 + (i * 7) % 60, (ARRAY['A', 'B', 'C', 'D'])[1 + i % 4], 50 + (i * 7919 % 5000) / 100.0, concat_ws(' ',
  (ARRAY['Patient seen in clinic today for follow-up.','Patient presents with a cough for three days.','Patient returns for a routine check.','Patient called about new symptoms.'])[1 + i % 4],
  CASE WHEN i % 3 = 0 THEN 'Seen by Dr. ' || (ARRAY['Quimbley','Vantreight','Thistlewood','Zellwegerova','Okonkwo-Bassey','Marchettiruiz'])[1 + (i * 7) % 6] || '.' END,
  (ARRAY['Reports mild chest pain after exercise.','Denies fever, chills or shortness of breath.','Blood pressure stable on current medication.','Labs ordered and results pending.','Wound is healing well with no sign of infection.'])[1 + (i * 3) % 5],
  CASE WHEN i % 5 = 1 THEN 'Contact ' || (ARRAY['john','mary','li','anna','omar','sofia'])[1 + i % 6] || '.' || (ARRAY['lee','kim','ross','berg'])[1 + i % 4] || i || '@mailbox.org or ' || (200 + i % 700) || '-555-' || lpad(((i * 7919) % 10000)::text, 4, '0') || '.' END,
  (ARRAY['Advised to continue lisinopril and return in two weeks.','Discussed diet and exercise with the patient.','Referred to cardiology for further evaluation.','No acute distress noted on examination.','Plan to repeat imaging next month.'])[1 + (i * 7) % 5],
  CASE WHEN i % 4 = 2 THEN 'Record MRN-' || lpad(((i * 104729) % 1000000)::text, 6, '0') || ' updated on ' || (date '2020-01-01' + (i * 37) % 1500)::text || '.' END,
  CASE WHEN i % 7 = 3 THEN (ARRAY['Follow up with James Fennimore next week.','Spoke with daughter Maria Oyelaran about care.','Message left for Robert Kinsellagh.'])[1 + i % 3] END,
  CASE WHEN i % 2 = 0 THEN 'BP ' || (100 + (i * 13) % 60) || '/' || (60 + (i * 17) % 30) || ', pulse ' || (55 + (i * 19) % 50) || '.' END,
  (ARRAY['Will reassess at next visit.','Return if symptoms worsen.','Continue current plan.'])[1 + (i * 11) % 3])
FROM generate_series(1, 20000) i;
CREATE TABLE bench_plain AS SELECT id, age, ward, weight FROM bench_notes;
ALTER TABLE bench_plain ADD PRIMARY KEY (id);
VACUUM ANALYZE bench_notes;
VACUUM ANALYZE bench_plain;
RESET client_min_messages;

CREATE TEMP TABLE timings (what text, seconds float8);
CREATE FUNCTION pg_temp.timeit(what text, sql text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
BEGIN
    FOR i IN 1 .. 2 LOOP
        t0 := clock_timestamp();
        EXECUTE sql;
        INSERT INTO timings VALUES (what, extract(epoch FROM clock_timestamp() - t0));
    END LOOP;
END $$;

SELECT pg_temp.timeit('fit plain', $$SELECT synth_fit('bench_plain')$$);
SELECT pg_temp.timeit('fit text', $$SELECT synth_fit('bench_notes')$$);
CREATE TEMP TABLE models AS SELECT synth_fit('bench_plain') AS plain, synth_fit('bench_notes') AS notes;
SELECT pg_temp.timeit('sample plain', $$SELECT count(*) FROM synth_sample(NULL::bench_plain, (SELECT plain FROM models), 20000, seed => 1)$$);
SELECT pg_temp.timeit('sample text', $$SELECT count(*) FROM synth_sample(NULL::bench_notes, (SELECT notes FROM models), 20000, seed => 1)$$);

WITH best AS (SELECT what, min(seconds) AS s FROM timings GROUP BY what)
SELECT what, round(s::numeric, 3) AS seconds FROM best ORDER BY what;
WITH best AS (SELECT what, min(seconds) AS s FROM timings GROUP BY what)
SELECT round(((SELECT s FROM best WHERE what = 'fit text') / (SELECT s FROM best WHERE what = 'fit plain'))::numeric, 2) AS fit_ratio,
       round(((SELECT s FROM best WHERE what = 'sample text') / (SELECT s FROM best WHERE what = 'sample plain'))::numeric, 2) AS sample_ratio,
       round((((SELECT s FROM best WHERE what = 'sample text') - (SELECT s FROM best WHERE what = 'sample plain')) / 20000 * 1e6)::numeric, 1)
         AS us_per_text;
DROP TABLE bench_notes, bench_plain;
