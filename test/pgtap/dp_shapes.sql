-- pgTAP: differentially private clones of production-shaped tables (pagila's
-- film and payment): a search vector kept by a trigger is computed from the
-- drawn row (post-processing: no budget), and a key of dates or timestamps,
-- whose start and step a private model does not release, counts from
-- 2000-01-01 instead of failing with the row number as a time.
BEGIN;
SELECT plan(7);
SET LOCAL client_min_messages = warning;

CREATE TABLE docs (
  doc_id int PRIMARY KEY,
  title text NOT NULL,
  body text,
  fulltext tsvector NOT NULL
);
CREATE TRIGGER docs_fulltext BEFORE INSERT OR UPDATE ON docs
  FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(fulltext, 'pg_catalog.english', title, body);
INSERT INTO docs (doc_id, title, body)
SELECT g, (ARRAY['Annual report', 'Board minutes', 'Sales forecast', 'Travel policy'])[1 + g % 4],
       (ARRAY['draft for review', 'final version', 'approved by the board'])[1 + g % 3]
FROM generate_series(1, 3000) g;

SELECT is((SELECT m->>'kind' FROM jsonb_array_elements(synth_fit('docs', '{"epsilon": 1, "delta": 1e-6, "noise_seed": 3}')->'columns') m
           WHERE m->>'name' = 'fulltext'), 'derived',
  'a trigger-kept search vector is derived under differential privacy too');
SELECT is((SELECT count(*) FROM synth_clone(NULL::docs, 200, options => '{"epsilon": 1, "delta": 1e-6, "noise_seed": 3}', seed => 1)
           WHERE fulltext IS NOT NULL), 200::bigint,
  'a private clone fills the NOT NULL search vector');
SELECT is((SELECT count(*) FROM synth_clone(NULL::docs, 200, options => '{"epsilon": 1, "delta": 1e-6, "noise_seed": 3}', seed => 1)
           WHERE fulltext = to_tsvector('pg_catalog.english', coalesce(title, '') || ' ' || coalesce(body, ''))), 200::bigint,
  'computed from the drawn row as the trigger would');

CREATE TABLE readings (
  read_at timestamptz PRIMARY KEY,
  day date NOT NULL UNIQUE,
  value float8 NOT NULL
);
INSERT INTO readings SELECT timestamptz '2023-05-01 00:00+00' + g * interval '1 hour',
                            date '2023-05-01' + g, 10 + (g % 17)
FROM generate_series(1, 2000) g;

SELECT is((SELECT count(DISTINCT read_at) FROM synth_clone(NULL::readings, 500, options => '{"epsilon": 1, "delta": 1e-6, "noise_seed": 3}', seed => 1)),
  500::bigint, 'a private clone of a table keyed by a timestamp: distinct keys');
SELECT is((SELECT min(read_at) FROM synth_clone(NULL::readings, 500, options => '{"epsilon": 1, "delta": 1e-6, "noise_seed": 3}', seed => 1)),
  timestamptz '2000-01-01 00:00:00+00', 'they count from 2000-01-01, no time of the source');
SELECT is((SELECT max(read_at) - min(read_at) FROM synth_clone(NULL::readings, 500, options => '{"epsilon": 1, "delta": 1e-6, "noise_seed": 3}', seed => 1)),
  interval '499 seconds', 'one second apart');
SELECT is((SELECT max(day) - min(day) FROM synth_clone(NULL::readings, 500, options => '{"epsilon": 1, "delta": 1e-6, "noise_seed": 3}', seed => 1)),
  499, 'a unique date column: one day apart');

SELECT * FROM finish();
ROLLBACK;
