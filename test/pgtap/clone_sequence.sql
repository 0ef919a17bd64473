-- pgTAP: fitted sequences (synth_fit / synth_clone of a table whose rows are
-- histories) and synth_evaluate's option "sequence".
-- Real series from test/data: ts_nottem and ts_airpassengers (monthly, one
-- series), vega_seattle_weather (daily, one series), ggplot2_txhousing (a
-- panel: 12 cities by month).  Fixed seeds: every statistic below is a fixed
-- number; the tolerances are the targets of the feature (autocorrelation
-- within 0.1 at lags 1..12, seasonal profile correlation >= 0.9, lengths,
-- starts and gaps KS complement >= 0.9, the grid kept exactly) except where
-- a comment says the target is not met yet and which bound is tested.
BEGIN;
SELECT plan(80);

-- one metric row of synth_evaluate(real, synth, {"sequence": spec})
CREATE FUNCTION pg_temp.ev(r regclass, s regclass, spec jsonb, m text, col text)
RETURNS TABLE(score float8, detail jsonb) LANGUAGE sql AS $$
    SELECT score, detail FROM synth_evaluate(r, s, jsonb_build_object('sequence', spec))
    WHERE metric = m AND column_name IS NOT DISTINCT FROM col
$$;

-- 1-6: detection defers to the roles and asks for a regular grid
SELECT is(synth_fit('ts_nottem')->'sequence'->>'order', 'month', 'nottem: one monthly series is detected');
SELECT is(synth_fit('ts_nottem')->'sequence'->'grid'->>'kind', 'months', 'nottem: its grid is calendar months');
SELECT is(synth_fit('vega_seattle_weather')->'sequence'->'grid'->>'step', '1', 'weather: a grid of one day');
SELECT is(synth_fit('ggplot2_txhousing')->'sequence'->>'key', 'city', 'housing: a panel keyed by city is detected');

CREATE TEMP TABLE wards (ward_id int PRIMARY KEY, name text);
INSERT INTO wards SELECT g, 'ward ' || g FROM generate_series(1, 20) g;
CREATE TEMP TABLE stays (ward_id int REFERENCES wards, admitted_on date, los float8);
INSERT INTO stays SELECT w, date '2020-01-01' + d, (w * 7 + d) % 13
FROM generate_series(1, 20) w, generate_series(0, 59) d;
ANALYZE wards, stays;
SELECT is(synth_fit('stays')->'sequence', NULL, 'a foreign key is no entity key unless the option names it');
CREATE TEMP TABLE visits (patient text, seen_at timestamptz, score float8);
INSERT INTO visits SELECT 'p' || (g % 40), timestamptz '2024-01-01 00:00+00' + (g * 7919 % 100003) * interval '1 minute', g % 17
FROM generate_series(1, 2000) g;
ANALYZE visits;
SELECT is(synth_fit('visits')->'sequence', NULL, 'irregular visits are not detected as a sequence');

-- 7-10: the option forces, or turns off, the sequence
SELECT is(synth_fit('ts_nottem', '{"sequence": false}')->'sequence', NULL, '"sequence": false turns it off');
CREATE TEMP TABLE sm AS SELECT synth_fit('stays', '{"sequence": {"key": "ward_id", "order": "admitted_on"}}') AS m;
SELECT is((SELECT m->'sequence'->>'key' FROM sm), 'ward_id', 'the option makes a foreign key the entity key');
CREATE TEMP TABLE sc AS SELECT * FROM synth_sample(NULL::stays, (SELECT m FROM sm), 600, seed => 3);
SELECT is((SELECT count(*) FROM sc WHERE ward_id NOT IN (SELECT ward_id FROM wards)), 0::bigint,
          'forced foreign key: every entity is a parent''s key');
SELECT is((SELECT count(*) FROM (SELECT ward_id, admitted_on FROM sc GROUP BY 1, 2 HAVING count(*) > 1) x), 0::bigint,
          'forced foreign key: one history per parent, no repeated (key, day)');

-- 11-16: nottem, monthly temperatures (one series)
CREATE TEMP TABLE nc AS SELECT * FROM synth_clone(NULL::ts_nottem, 240, seed => 1);
SELECT cmp_ok((SELECT (detail->>'max_difference')::float8 FROM pg_temp.ev('ts_nottem', 'nc', '{"order": "month"}', 'AutocorrelationSimilarity', 'temp_f')),
              '<=', 0.1::float8, 'nottem: autocorrelation within 0.1 at lags 1..12');
SELECT cmp_ok((SELECT score FROM pg_temp.ev('ts_nottem', 'nc', '{"order": "month"}', 'SeasonalProfileSimilarity', 'temp_f')),
              '>=', 0.9::float8, 'nottem: seasonal profile correlation >= 0.9');
SELECT is((SELECT count(*) FROM nc WHERE extract(day FROM month) <> 1), 0::bigint, 'nottem: every month is a first of the month');
SELECT is((SELECT count(*) FROM (SELECT month - lag(month) OVER (ORDER BY month) AS g FROM nc) x
           WHERE g IS NOT NULL AND g NOT BETWEEN 28 AND 31), 0::bigint, 'nottem: consecutive months, the grid kept exactly');
SELECT is((SELECT count(DISTINCT month) FROM nc), 240::bigint, 'nottem: one row per month');
SELECT cmp_ok((SELECT score FROM pg_temp.ev('ts_nottem', 'nc', '{"order": "month"}', 'SequenceGapSimilarity', 'month')),
              '>=', 0.9::float8, 'nottem: gap KS complement >= 0.9');

-- 17-19: air passengers (trend and growing seasonality)
CREATE TEMP TABLE ac AS SELECT * FROM synth_clone(NULL::ts_airpassengers, 144, seed => 1);
SELECT cmp_ok((SELECT (detail->>'max_difference')::float8 FROM pg_temp.ev('ts_airpassengers', 'ac', '{"order": "month"}', 'AutocorrelationSimilarity', 'passengers')),
              '<=', 0.1::float8, 'air passengers: autocorrelation within 0.1 at lags 1..12');
SELECT cmp_ok((SELECT score FROM pg_temp.ev('ts_airpassengers', 'ac', '{"order": "month"}', 'SeasonalProfileSimilarity', 'passengers')),
              '>=', 0.9::float8, 'air passengers: seasonal profile correlation >= 0.9');
SELECT cmp_ok((SELECT regr_slope(passengers, extract(epoch FROM month)) FROM ac)
              / (SELECT regr_slope(passengers, extract(epoch FROM month)) FROM ts_airpassengers),
              '>', 0.7::float8, 'air passengers: the trend is kept (slope within 30%)');

-- 20-26: Seattle weather (daily, four numeric columns and a category)
CREATE TEMP TABLE wc AS SELECT * FROM synth_clone(NULL::vega_seattle_weather, 1461, seed => 1);
SELECT cmp_ok((SELECT (detail->>'max_difference')::float8 FROM pg_temp.ev('vega_seattle_weather', 'wc', '{"order": "date"}', 'AutocorrelationSimilarity', c)),
              '<=', 0.1::float8, 'weather: autocorrelation of ' || c || ' within 0.1 at lags 1..12')
FROM unnest(ARRAY['temp_min', 'precipitation', 'wind', 'temp_max']) c;
-- temp_max follows temp_min (an ordering: its marginal is the gap's); the
-- fit reads its gap, not its temperature (read as a temperature it sat at
-- the top of the gap's marginal: the clone came out 9 degrees too warm)
SELECT cmp_ok((SELECT abs(avg(temp_max) - (SELECT avg(temp_max) FROM vega_seattle_weather)) FROM wc),
              '<', 1::float8, 'weather: the mean temp_max within 1 degree of the real one');
SELECT cmp_ok((SELECT min(score) FROM synth_evaluate('vega_seattle_weather', 'wc', '{"sequence": {"order": "date"}}')
               WHERE metric = 'SeasonalProfileSimilarity' AND column_name IN ('temp_max', 'temp_min')),
              '>=', 0.9::float8, 'weather: seasonal profile of the temperatures >= 0.9');
SELECT cmp_ok((SELECT min(score) FROM synth_evaluate('vega_seattle_weather', 'wc', '{"sequence": {"order": "date"}}')
               WHERE metric = 'CrossCorrelationSimilarity'),
              '>=', 0.9::float8, 'weather: cross-correlations at lags 0 and 1 kept (score >= 0.9)');

-- 27-45: the housing panel (12 cities by month)
CREATE TEMP TABLE hc AS SELECT * FROM synth_clone(NULL::ggplot2_txhousing, 2244, seed => 1);
SELECT cmp_ok((SELECT score FROM pg_temp.ev('ggplot2_txhousing', 'hc', '{"key": "city", "order": "month"}', 'SequenceLengthSimilarity', 'city')),
              '>=', 0.9::float8, 'housing: lengths KS complement >= 0.9');
SELECT cmp_ok((SELECT score FROM pg_temp.ev('ggplot2_txhousing', 'hc', '{"key": "city", "order": "month"}', 'SequenceStartSimilarity', 'month')),
              '>=', 0.9::float8, 'housing: starts KS complement >= 0.9');
SELECT cmp_ok((SELECT score FROM pg_temp.ev('ggplot2_txhousing', 'hc', '{"key": "city", "order": "month"}', 'SequenceGapSimilarity', 'month')),
              '>=', 0.9::float8, 'housing: gaps KS complement >= 0.9');
SELECT is((SELECT count(*) FROM (SELECT month - lag(month) OVER (PARTITION BY city ORDER BY month) AS g FROM hc) x
           WHERE g IS NOT NULL AND g NOT BETWEEN 28 AND 31), 0::bigint, 'housing: monthly grid kept exactly within every city');
SELECT cmp_ok((SELECT min(score) FROM synth_evaluate('ggplot2_txhousing', 'hc', '{"sequence": {"key": "city", "order": "month"}}')
               WHERE metric = 'SeasonalProfileSimilarity'),
              '>=', 0.9::float8, 'housing: seasonal profile correlation >= 0.9 for every column');
SELECT cmp_ok((SELECT (detail->>'max_difference')::float8 FROM pg_temp.ev('ggplot2_txhousing', 'hc', '{"key": "city", "order": "month"}', 'AutocorrelationSimilarity', 'median')),
              '<=', 0.1::float8, 'housing: autocorrelation of the median price within 0.1 at lags 1..12');
-- sales, volume, median and listings have conditional marginals on the
-- city: modelled on their value scale at the level of the drawn city's
-- category, with a noise that shrinks with that level (on the latent scale
-- with one noise for all cities they came out at 0.17, 0.115, 0.099, 0.15)
SELECT cmp_ok((SELECT (detail->>'max_difference')::float8 FROM pg_temp.ev('ggplot2_txhousing', 'hc', '{"key": "city", "order": "month"}', 'AutocorrelationSimilarity', c)),
              '<=', 0.1::float8, 'housing: autocorrelation of ' || c || ' within 0.1 at lags 1..12')
FROM unnest(ARRAY['sales', 'volume', 'listings']) c;
SELECT cmp_ok((SELECT min(score) FROM synth_evaluate('ggplot2_txhousing', 'hc', '{"sequence": {"key": "city", "order": "month"}}')
               WHERE metric = 'AutocorrelationSimilarity'),
              '>=', 0.97::float8, 'housing: autocorrelation similarity >= 0.97 for every column');
-- the level comes from the city's category, the noise's slope is one number
-- over all cities (k = 10 or more): no city's own spread is in the model
SELECT is((SELECT count(*) FROM jsonb_array_elements(synth_fit('ggplot2_txhousing')->'sequence'->'dimensions') d
           WHERE (d->'value_scale'->>'parent_level')::boolean), 4::bigint,
          'housing: the four conditional columns take their level from the city''s category');
SELECT is((SELECT count(*) FROM jsonb_array_elements(synth_fit('ts_nottem')->'sequence'->'dimensions') d
           WHERE d->'value_scale' ? 'parent_level'), 0::bigint, 'one series: no parent level');
SELECT is((SELECT count(*) FROM hc WHERE city IN (SELECT city FROM ggplot2_txhousing)), 0::bigint,
          'housing: entity keys are fresh (no real city name)');
SELECT is((SELECT count(*) FROM (SELECT array_agg(sales ORDER BY month) s FROM hc GROUP BY city) c
           JOIN (SELECT array_agg(sales ORDER BY month) s FROM ggplot2_txhousing GROUP BY city) r USING (s)), 0::bigint,
          'housing: no real series is replayed');
SELECT is((SELECT count(*) FROM hc h JOIN ggplot2_txhousing r ON (r.sales, r.volume, r.median, r.month) = (h.sales, h.volume, h.median, h.month)),
          0::bigint, 'housing: no real row is copied');
SELECT is((SELECT count(DISTINCT city) FROM hc), 12::bigint, 'housing: 12 histories of 187 months');

-- the common path: a point per month of the panel, each a mean over k
-- cities or more; none for one series (it would be the series itself)
SELECT is(synth_fit('ggplot2_txhousing')->'sequence'->'common_path'->>'points', '187',
          'housing: a common path of 187 monthly points');
SELECT is(synth_fit('ts_nottem')->'sequence' ? 'common_path', false, 'one series has no common path');
SELECT throws_ok($q$SELECT * FROM synth_sample(NULL::ggplot2_txhousing,
                   jsonb_set(synth_fit('ggplot2_txhousing'), '{sequence,dimensions,3,path}', '[0.1, 0.2]'), 10, seed => 1)$q$,
                 '22023', NULL, 'a common path of the wrong length is an invalid model');

-- 46-48: reproducibility
SELECT is((SELECT md5(string_agg(t::text, '|')) FROM synth_clone(NULL::ggplot2_txhousing, 500, seed => 9) t),
          (SELECT md5(string_agg(t::text, '|')) FROM synth_clone(NULL::ggplot2_txhousing, 500, seed => 9) t),
          'the same seed gives the same rows');
SELECT is((SELECT md5(string_agg(t::text, '|')) FROM (SELECT * FROM synth_clone(NULL::ggplot2_txhousing, 500, seed => 9) LIMIT 200) t),
          (SELECT md5(string_agg(t::text, '|')) FROM synth_clone(NULL::ggplot2_txhousing, 200, seed => 9) t),
          'row i does not depend on how many rows are drawn');
SELECT isnt((SELECT md5(string_agg(t::text, '|')) FROM synth_clone(NULL::ggplot2_txhousing, 200, seed => 9) t),
            (SELECT md5(string_agg(t::text, '|')) FROM synth_clone(NULL::ggplot2_txhousing, 200, seed => 10) t),
            'another seed gives other rows');

-- 49-55: bad options, with their SQLSTATEs
SELECT throws_ok($q$SELECT synth_fit('ts_nottem', '{"sequence": "month"}')$q$, '22023', NULL, 'sequence: a string');
SELECT throws_ok($q$SELECT synth_fit('ts_nottem', '{"sequence": {"key": null}}')$q$, '22023', NULL, 'sequence: no order column');
SELECT throws_ok($q$SELECT synth_fit('ts_nottem', '{"sequence": {"order": "nope"}}')$q$, '42703', NULL, 'sequence: an unknown column');
SELECT throws_ok($q$SELECT synth_fit('ts_nottem', '{"sequence": {"order": "temp_f"}}')$q$, '42804', NULL, 'sequence: an order column that is no date, timestamp or integer');
SELECT throws_ok($q$SELECT synth_fit('ts_nottem', '{"sequence": {"order": "month", "lag": 2}}')$q$, '22023', NULL, 'sequence: an unknown field');
SELECT throws_ok($q$SELECT * FROM synth_evaluate('ts_nottem', 'nc', '{"sequence": {"order": "nope"}}')$q$, '42703', NULL, 'evaluate: an unknown order column');
SELECT throws_ok($q$SELECT * FROM synth_evaluate('ts_nottem', 'nc', '{"sequence": {"order": "month", "lags": 0}}')$q$, '22023', NULL, 'evaluate: lags out of range');

-- 56: an empty table cannot be fitted as a sequence
CREATE TEMP TABLE empty_series (d date, v float8);
SELECT throws_ok($q$SELECT synth_fit('empty_series', '{"sequence": {"order": "d"}}')$q$, '22023', NULL, 'an empty table: too few rows');

-- 57-58: NULLs in the key and order columns are skipped by the fit, never drawn
-- (their holes make the grid free: gaps drawn from their quantiles)
CREATE TEMP TABLE holes AS SELECT CASE WHEN g % 50 = 0 THEN NULL ELSE 's' || (g % 10) END AS site,
       CASE WHEN g % 70 = 0 THEN NULL ELSE date '2021-01-01' + (g / 10) END AS day, (g % 23)::float8 AS v
FROM generate_series(1, 1500) g;
CREATE TEMP TABLE hm AS SELECT synth_fit('holes', '{"sequence": {"key": "site", "order": "day"}}') AS m;
SELECT is((SELECT (m->'sequence'->>'rows')::bigint FROM hm), (SELECT count(*) FROM holes WHERE site IS NOT NULL AND day IS NOT NULL),
          'NULL keys and days: the rows holding both are the histories');
SELECT is((SELECT count(*) FROM synth_sample(NULL::holes, (SELECT m FROM hm), 300, seed => 1) WHERE site IS NULL OR day IS NULL),
          0::bigint, 'NULL keys and days: every drawn row has a key and a day');

-- 59-62: quoted identifiers in a schema other than public
CREATE SCHEMA "Seq Schema";
CREATE TABLE "Seq Schema"."Sales Panel" ("Store Key" int, "Sold On" date, "Amount €" float8);
INSERT INTO "Seq Schema"."Sales Panel"
SELECT s, date '2022-01-01' + d, 100 + s * 10 + 20 * sin(d / 7.0) + (s * 31 + d * 17) % 11
FROM generate_series(1, 8) s, generate_series(0, 89) d;
ANALYZE "Seq Schema"."Sales Panel";
CREATE TEMP TABLE qm AS SELECT synth_fit('"Seq Schema"."Sales Panel"', '{"sequence": {"key": "Store Key", "order": "Sold On"}}') AS m;
SELECT is((SELECT m->'sequence'->>'key' FROM qm), 'Store Key', 'quoted identifiers: the key is named');
SELECT is((SELECT m->'sequence' ? 'common_path' FROM qm), false, 'eight stores, fewer than k = 10: no common path');
CREATE TEMP TABLE qc AS SELECT * FROM synth_sample(NULL::"Seq Schema"."Sales Panel", (SELECT m FROM qm), 720, seed => 2);
SELECT is((SELECT count(*) FROM (SELECT "Sold On" - lag("Sold On") OVER (PARTITION BY "Store Key" ORDER BY "Sold On") g FROM qc) x
           WHERE g IS NOT NULL AND g <> 1), 0::bigint, 'quoted identifiers: the daily grid is kept');
SELECT is((SELECT count(score) FROM synth_evaluate('"Seq Schema"."Sales Panel"', 'qc',
                 '{"sequence": {"key": "Store Key", "order": "Sold On"}}') WHERE metric ~ '^(Autocorrelation|Sequence)'),
          5::bigint, 'quoted identifiers: the evaluation reads them (autocorrelation, lengths, starts, gaps, summary)');

-- 63-64: a dropped column before the key and order (the rows are read by attribute number)
CREATE TEMP TABLE dropped (junk int, store text, day date, sales float8);
INSERT INTO dropped SELECT 1, 'st ' || s, date '2020-01-01' + d, s * 10 + d % 7 + (s * 13 + d * 7) % 5
FROM generate_series(1, 20) s, generate_series(0, 99) d;
ALTER TABLE dropped DROP COLUMN junk;
CREATE TEMP TABLE dm AS SELECT synth_fit('dropped') AS m;
SELECT is((SELECT (m->'sequence'->>'entities')::int FROM dm), 20, 'a dropped column: the histories are read by the key');
SELECT is((SELECT count(*) FROM (SELECT day - lag(day) OVER (PARTITION BY store ORDER BY day) g
                                 FROM synth_sample(NULL::dropped, (SELECT m FROM dm), 500, seed => 1)) x
           WHERE g IS NOT NULL AND g <> 1), 0::bigint, 'a dropped column: the daily grid is kept');

-- 65-68: detection counts the sample's keys in memory, with the equality
-- GROUP BY would use: blank padding is no part of a character value, and a
-- nondeterministic collation's equal strings are one key (grouped by query).
-- Either table below is a panel if its keys are compared byte by byte.
CREATE TEMP TABLE pad_ok (site char(4), day date, v float8);
INSERT INTO pad_ok SELECT s, date '2024-01-01' + d, (d * 7 + length(s)) % 11
FROM unnest(ARRAY['a', 'bb', 'ccc']) s, generate_series(0, 39) d;
SELECT is(synth_fit('pad_ok')->'sequence'->>'key', 'site', 'a character(4) key: a panel is detected');
CREATE TEMP TABLE pad_dup (site bpchar, day date, v float8);
INSERT INTO pad_dup SELECT s || sp, date '2024-01-01' + d, (d * 7 + length(s)) % 11
FROM unnest(ARRAY['a', 'bb', 'ccc']) s, unnest(ARRAY['', ' ']) sp, generate_series(0, 39) d;
SELECT is(synth_fit('pad_dup')->'sequence', NULL, 'bpchar keys equal but for trailing blanks repeat (key, day): no panel');
CREATE COLLATION pg_temp.seq_ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TEMP TABLE ci_dup (site text COLLATE pg_temp.seq_ci, day date, v float8);
INSERT INTO ci_dup SELECT s, date '2024-01-01' + d, (d * 7 + length(s)) % 11
FROM unnest(ARRAY['a', 'A', 'bb', 'BB']) s, generate_series(0, 39) d;
SELECT is(synth_fit('ci_dup')->'sequence', NULL, 'keys equal under a case-insensitive collation repeat (key, day): no panel');
CREATE TEMP TABLE big_ok (site bigint, day date, v float8);
INSERT INTO big_ok SELECT s, date '2024-01-01' + d, (d * 7 + s % 5) % 11
FROM unnest(ARRAY[5000000000, 5000000001, -7000000000]) s, generate_series(0, 39) d;
SELECT is(synth_fit('big_ok')->'sequence'->>'key', 'site', 'bigint keys beyond 2^32: a panel is detected');

-- 69-73: a sequence's order column read by an ordering: events logged every
-- 17 minutes (one series), each updated a while after it was logged (a
-- third at once).  The later column is the row's order value plus its gap;
-- it was the gap after a time drawn from the marginal and then replaced by
-- the series' own, so half of the updates came before their events.  The
-- updates at once came back as 14%, not 33%: the sequence drew the gap on
-- its value scale, where the season's mean moved the point mass at 0 off
-- it; the mass is now drawn by the draw's rank.  (A few rows at once are
-- exact copies of a source row, its time and level: the guard redraws them.)
CREATE TEMP TABLE logged (id bigint PRIMARY KEY, logged_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
                          level text NOT NULL);
INSERT INTO logged
SELECT i, c, CASE WHEN i % 3 = 0 THEN c ELSE c + (abs(hashint4(i * 7)) % 500000) * interval '1 second' END,
       (ARRAY['info', 'info', 'warn', 'error'])[1 + abs(hashint4(i)) % 4]
FROM (SELECT i, timestamptz '2022-01-01 00:00+00' + i * interval '17 minutes' AS c FROM generate_series(1, 4000) i) s;
CREATE TEMP TABLE lm AS SELECT synth_fit('logged') AS m;
SELECT is((SELECT m->'sequence'->>'order' FROM lm), 'logged_at', 'events every 17 minutes are one series');
CREATE TEMP TABLE lc AS SELECT * FROM synth_sample(NULL::logged, (SELECT m FROM lm), 4000, seed => 2);
SELECT is((SELECT count(*) FROM lc WHERE updated_at < logged_at), 0::bigint,
          'no update before its event (half of them before the fix)');
SELECT cmp_ok((SELECT max(updated_at - logged_at) FROM lc), '<=', interval '6 days',
              'no gap longer than the source''s longest (5.8 days)');
SELECT cmp_ok((SELECT abs(extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY updated_at - logged_at)) /
                         (SELECT extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY updated_at - logged_at)) FROM logged) - 1)
               FROM lc)::float8, '<', 0.1::float8, 'the median time to update within 10% of the source''s (1.49 days)');
SELECT cmp_ok((SELECT abs(avg((updated_at = logged_at)::int) - 1 / 3.0) FROM lc)::float8, '<', 0.05::float8,
              'updated at once: within 0.05 of the source''s third (14% before)');

-- a view is read whole where a table is sampled (TABLESAMPLE reads no
-- view): 120,000 daily readings of 4 meters behind a view fit, and a
-- sample_percent fit of the view is refused with its reason
CREATE TABLE seq_meter (meter int NOT NULL, read_on timestamptz NOT NULL, kwh float8 NOT NULL);
INSERT INTO seq_meter
SELECT m, timestamptz '1940-01-01 00:00+00' + d * interval '1 day', 10 + m + sin(d / 7.0) + (abs(hashint4(d * 4 + m)) % 100) / 100.0
FROM generate_series(1, 4) m, generate_series(1, 30000) d;
CREATE VIEW seq_meter_v AS SELECT read_on, kwh FROM seq_meter;
SELECT lives_ok($$SELECT synth_fit('seq_meter_v')$$, 'a view of 120,000 rows with a timestamp fits (no TABLESAMPLE on a view)');
SELECT is((SELECT count(*) FROM synth_clone(NULL::seq_meter_v, 500, seed => 1)), 500::bigint, '... and clones');
SELECT throws_ok($$SELECT synth_fit('seq_meter_v', '{"sample_percent": 10}')$$, '0A000',
                 'option "sample_percent" cannot be used with "seq_meter_v"',
                 'option sample_percent on a view: 0A000');

-- the fit rules a grid out from its own sample before reading the table's
-- (seq_sample_may_be_grid): it must not rule out calendar months (one day
-- of the month, one time of day, as the session's time zone tells them) nor
-- a daily series of 40,000 rows, where the sample is a part of each
-- history; and a table of times at any second is no sequence
SET LOCAL TimeZone = 'UTC';
CREATE TABLE seq_berlin (branch int NOT NULL, closed_at timestamptz NOT NULL, total numeric(10, 2) NOT NULL);
INSERT INTO seq_berlin
SELECT b, timestamp '2020-01-05 09:00' + mo * interval '1 month', 1000 + b * 10 + mo + (abs(hashint4(b * 100 + mo)) % 50)
FROM generate_series(1, 3) b, generate_series(0, 47) mo;
SELECT is(synth_fit('seq_berlin')->'sequence'->'grid'->>'kind', 'months',
          'monthly closings at 09:00: calendar months');
CREATE TABLE seq_daily (site int NOT NULL, day date NOT NULL, visits int NOT NULL);
INSERT INTO seq_daily SELECT s, date '1950-01-01' + d, 100 + (abs(hashint4(s * 100000 + d)) % 40)
FROM generate_series(1, 4) s, generate_series(0, 9999) d;
SELECT is(synth_fit('seq_daily')->'sequence'->>'key', 'site', '40,000 daily visits of 4 sites: histories by site');
-- a timestamp's microseconds differ in their high bytes too: the sample's
-- times are sorted by all eight (a radix sort, sd_sort_keys)
CREATE TABLE seq_hourly (read_at timestamptz NOT NULL, kwh float8 NOT NULL);
INSERT INTO seq_hourly
SELECT timestamptz '2021-01-01 00:00+00' + h * interval '1 hour',
       20 + 5 * sin(h * pi() / 12) + (abs(hashint4(h)) % 100) / 25.0
FROM generate_series(0, 39999) h;
SELECT is(synth_fit('seq_hourly')->'sequence'->'grid'->>'step', '3600000000',
          '40,000 hourly readings over four and a half years: a grid of one hour');
CREATE TABLE seq_none (shop int NOT NULL, sold_at timestamptz NOT NULL, amount int NOT NULL);
INSERT INTO seq_none SELECT 1 + i % 5, timestamptz '2024-01-01 00:00+00' + (abs(hashint4(i)) % 31536000) * interval '1 second', i % 90
FROM generate_series(1, 60000) i;
SELECT ok(synth_fit('seq_none')->'sequence' IS NULL OR synth_fit('seq_none')->>'sequence' = 'null',
          'sales at any second of a year: no sequence');
RESET TimeZone;

SELECT * FROM finish();
ROLLBACK;
