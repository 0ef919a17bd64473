-- The fit's dependence sample of a large keyed table: the scan considers
-- only rows whose priority is below twice the share the sample takes of
-- the rows ANALYZE counted.  That must change nothing: the model is the
-- one a scan considering every row makes, a table with fewer rows than
-- counted but more than half of them gives it with the cut, and one with
-- fewer than half (deleted since ANALYZE) is scanned again without it.
BEGIN;
SELECT plan(11);
SET LOCAL client_min_messages = warning;

-- 150,000 rows: more than four times the sample's 32,768, so the cut applies
CREATE TABLE cut_visits (
  visit_id int PRIMARY KEY,
  ward text NOT NULL,
  age int,
  cost numeric(10,2),
  seen_at timestamptz NOT NULL
);
INSERT INTO cut_visits
SELECT g, (ARRAY['north','south','east','west'])[1 + abs(hashint4(g)) % 4],
       CASE WHEN g % 17 = 0 THEN NULL ELSE 18 + abs(hashint4(g * 3)) % 70 END,
       round((abs(hashint4(g * 5)) % 100000) / 100.0 + (abs(hashint4(g)) % 4) * 50, 2),
       timestamptz '2024-01-01' + (abs(hashint4(g * 7)) % 31536000) * interval '1 second'
FROM generate_series(1, 150000) g;
ANALYZE cut_visits;
SELECT cmp_ok((SELECT reltuples FROM pg_class WHERE oid = 'cut_visits'::regclass), '>', 131072::real,
  'ANALYZE counted more than four times the sample''s rows: the fit cuts its sample''s candidates');

-- the model as fitted now (the cut, if the count allows one), and the model
-- once no partition of the table looks analyzed (every row a candidate)
CREATE TEMP TABLE cut_models (what text PRIMARY KEY, model jsonb NOT NULL, every_row jsonb NOT NULL);
CREATE FUNCTION pg_temp.fit_both(what text, t regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    m jsonb := synth_fit(t);
BEGIN
    UPDATE pg_class SET reltuples = -1
    WHERE oid = t OR oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = t);
    INSERT INTO cut_models VALUES (what, m, synth_fit(t));
END $$;

SELECT pg_temp.fit_both('cut', 'cut_visits');
SELECT ok((SELECT model = every_row FROM cut_models WHERE what = 'cut'),
  'the model with the cut is the model of a scan that considers every row');
SELECT is((SELECT (model->'copula'->>'rows')::int FROM cut_models WHERE what = 'cut'), 32768,
  'its dependence sample holds the sample''s 32,768 rows');

-- counted 150,000, holding 96,000: about 42,000 rows below the cut, more
-- than the sample's 32,768, so the cut's sample is the sample
ANALYZE cut_visits;
DELETE FROM cut_visits WHERE visit_id > 96000;
SELECT pg_temp.fit_both('fewer', 'cut_visits');
SELECT ok((SELECT model = every_row FROM cut_models WHERE what = 'fewer'),
  'a table of 64% of the rows counted: the model with the cut is that of a scan of every row');
SELECT is((SELECT (model->'copula'->>'rows')::int FROM cut_models WHERE what = 'fewer'), 32768,
  'its dependence sample holds the sample''s 32,768 rows');

-- counted 150,000, holding 20,000: the cut would keep the rows below it only
-- (about 8,700), fewer than the sample holds without it, so the scan runs again
UPDATE pg_class SET reltuples = 150000 WHERE oid = 'cut_visits'::regclass;
DELETE FROM cut_visits WHERE visit_id > 20000;
SELECT cmp_ok((SELECT reltuples FROM pg_class WHERE oid = 'cut_visits'::regclass), '>', 131072::real,
  'the count is stale: 150,000 rows counted, 20,000 left');
SELECT pg_temp.fit_both('stale', 'cut_visits');
SELECT ok((SELECT model = every_row FROM cut_models WHERE what = 'stale'),
  'a table of fewer rows than counted: the model is that of a scan of every row');
SELECT is((SELECT (model->'copula'->>'rows')::int FROM cut_models WHERE what = 'stale'), 20000,
  'its dependence sample holds all 20,000 rows, not only those below the cut');

-- a partial fit (synth_fit_partial, whose states merge with other servers'):
-- no cut, so a stale count cannot leave its state short of rows
UPDATE pg_class SET reltuples = 150000 WHERE oid = 'cut_visits'::regclass;
SELECT ok(synth_fit_merge(ARRAY[synth_fit_partial('cut_visits')], '{"table": "cut_visits"}')
          = synth_fit('cut_visits'),
  'a partial fit of a table of fewer rows than counted: its merge is the table''s fit');

-- a partitioned table: the rows counted are its partitions'
CREATE TABLE cut_events (event_id int, region text NOT NULL, v float8, at timestamptz NOT NULL,
                         PRIMARY KEY (event_id, region)) PARTITION BY LIST (region);
CREATE TABLE cut_events_n PARTITION OF cut_events FOR VALUES IN ('north');
CREATE TABLE cut_events_s PARTITION OF cut_events FOR VALUES IN ('south');
INSERT INTO cut_events
SELECT g, CASE WHEN g % 3 = 0 THEN 'north' ELSE 'south' END, sqrt(g),
       timestamptz '2024-01-01' + g * interval '1 minute'
FROM generate_series(1, 150000) g;
ANALYZE cut_events;
SELECT pg_temp.fit_both('partitioned', 'cut_events');
SELECT ok((SELECT model = every_row FROM cut_models WHERE what = 'partitioned'),
  'a partitioned table: the model with the cut is that of a scan of every row');
SELECT is((SELECT (model->'copula'->>'rows')::int FROM cut_models WHERE what = 'partitioned'), 32768,
  'its sample holds 32,768 rows of its partitions');

SELECT * FROM finish();
ROLLBACK;
