-- pgTAP: differentially private clones of production-shaped tables (pagila's
-- film and payment, the pagila and chinook schemas): a search vector kept by
-- a trigger is computed from the drawn row (post-processing: no budget); a
-- key of dates or timestamps, whose start and step a private model does not
-- release, counts from 2000-01-01 instead of failing with the row number as
-- a time, and a key of a time and a number gets fresh numbers and private
-- times (partitions by the time keep their rows); an MST model reads back
-- from its JSON; noisy counts are never negative (null shares within 0..1);
-- a range stays within its numeric(p,s); a schema clone gives a parent whose
-- private row count came out 0 a row for its children to point at.
BEGIN;
SELECT plan(13);
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

-- an MST model through its JSON: a child attribute's shares are not sorted
CREATE TABLE kv (id int PRIMARY KEY, grp text NOT NULL, amount numeric(4,2), qty int);
INSERT INTO kv SELECT g, (ARRAY['north', 'south', 'east'])[1 + g % 3],
                      CASE WHEN g % 300 = 0 THEN NULL ELSE 90 + (g % 999) / 100.0 END, g % 7
FROM generate_series(1, 3000) g;
SELECT is((SELECT count(*) FROM synth_sample(NULL::kv, synth_fit('kv', '{"epsilon": 1, "delta": 1e-6, "noise_seed": 3}'), 50, seed => 1)),
  50::bigint, 'synth_sample reads an MST model back from its JSON');
SELECT ok(bool_and((c->>'null_fraction')::float8 BETWEEN 0 AND 1), 'null shares within 0..1 over noise seeds 1-30 (a noisy count drew twice and came out negative)')
FROM generate_series(1, 30) s,
     jsonb_array_elements(synth_fit('kv', jsonb_build_object('epsilon', 1, 'delta', 1e-6, 'noise_seed', s))->'columns') c;
SELECT ok(bool_and(mx <= 99.99), 'a numeric(4,2) range within what the type holds, noise seeds 1-10')
FROM (SELECT s, (SELECT max(amount) FROM synth_clone(NULL::kv, 500, options => jsonb_build_object('epsilon', 1, 'delta', 1e-6, 'noise_seed', s), seed => 1)) mx
      FROM generate_series(1, 10) s) x;

-- a key of a time and a number, partitioned by the time
CREATE TABLE pays (pay_id int NOT NULL, paid_at timestamptz NOT NULL, amount numeric(6,2) NOT NULL,
                   PRIMARY KEY (paid_at, pay_id)) PARTITION BY RANGE (paid_at);
CREATE TABLE pays_h1 PARTITION OF pays FOR VALUES FROM ('2022-01-01') TO ('2022-07-01');
CREATE TABLE pays_h2 PARTITION OF pays FOR VALUES FROM ('2022-07-01') TO ('2023-01-01');
INSERT INTO pays SELECT g, timestamptz '2022-01-01 00:00+00' + (g * 7919 % 525000) * interval '1 minute',
                        1 + (g * 37 % 9000) / 100.0 FROM generate_series(1, 4000) g;
SELECT is((SELECT count(DISTINCT pay_id) FROM synth_clone(NULL::pays, 400, options => '{"epsilon": 1, "delta": 1e-6, "noise_seed": 3}', seed => 1)),
  400::bigint, 'a private clone of a key of a time and a number: fresh numbers');
SELECT ok((SELECT min(paid_at) >= '2022-01-01' AND max(paid_at) < '2023-01-01'
           FROM synth_clone(NULL::pays, 400, options => '{"epsilon": 1, "delta": 1e-6, "noise_seed": 3}', seed => 1)),
  'and private times within the partitions');

-- a schema clone whose tiny parent's private row count comes out 0
CREATE SCHEMA dps;
CREATE TABLE dps.kind (kind_id int PRIMARY KEY, name text NOT NULL);
INSERT INTO dps.kind VALUES (1, 'audio'), (2, 'video'), (3, 'text');
CREATE TABLE dps.item (item_id int PRIMARY KEY, kind_id int NOT NULL REFERENCES dps.kind, size int NOT NULL);
INSERT INTO dps.item SELECT g, 1 + g % 3, 100 + g % 900 FROM generate_series(1, 2000) g;
SELECT ok(bool_and(n > 0), 'a private schema clone fills every parent its children point at, noise seeds 1-8')
FROM (SELECT s, (SELECT count(*) FROM synth_clone_schema('dps', 'dps_' || s, options => jsonb_build_object('epsilon', 1, 'delta', 1e-6, 'noise_seed', s), seed => 1)) n
      FROM generate_series(1, 8) s) x;

SELECT * FROM finish();
ROLLBACK;
