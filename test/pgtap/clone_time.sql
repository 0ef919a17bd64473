-- Time with its grain in fitted cloning: timestamps at midnight stay at
-- midnight (also at a zone's midnight), whole seconds stay whole,
-- milliseconds stay milliseconds, and the shares of the weekdays and of
-- the hours of the day are kept (chi-square tests at p = 0.001); the model
-- reports grain and shares; {"time_grain": false} restores the old draws;
-- bad option values and bad time models are refused (22023).  Hours that
-- depend on the weekday keep their joint (hour_by_weekday).
BEGIN;
SELECT plan(37);
SET LOCAL client_min_messages = warning;
SET LOCAL TimeZone = 'UTC';

-- 10,000 invoices over two years: invoice_date at midnight on weekdays only
-- (Mondays 1/3, the other weekdays 1/6 each); issued_at on any day, at whole
-- seconds, 80% within business hours 9:00-17:00; logged_at in milliseconds;
-- due, a date, always a Friday
CREATE TABLE ct_invoices (id int PRIMARY KEY, invoice_date timestamp, issued_at timestamp,
                          logged_at timestamp, due date);
INSERT INTO ct_invoices
SELECT i,
       timestamp '2022-01-03' + (floor(u1 * 104) * 7
         + CASE WHEN u2 < 1.0 / 3 THEN 0 ELSE 1 + floor((u2 - 1.0 / 3) * 6) END) * interval '1 day',
       timestamp '2022-01-01' + floor(u3 * 730) * interval '1 day'
         + CASE WHEN u4 < 0.8 THEN 9 + floor(u4 / 0.8 * 8) ELSE floor((u4 - 0.8) / 0.2 * 24) END * interval '1 hour'
         + floor(u5 * 3600) * interval '1 second',
       timestamp '2022-01-01' + round(u6 * 730 * 86400000) * interval '1 millisecond',
       date '2022-01-07' + 7 * floor(u7 * 104)::int
FROM (SELECT i, a.x AS u1, b.x AS u2, c.x AS u3, d.x AS u4, e.x AS u5, f.x AS u6, g.x AS u7
      FROM synth_uniform(10000, 0, 1, 1) WITH ORDINALITY AS a(x, i)
      JOIN synth_uniform(10000, 0, 1, 2) WITH ORDINALITY AS b(x, i) USING (i)
      JOIN synth_uniform(10000, 0, 1, 3) WITH ORDINALITY AS c(x, i) USING (i)
      JOIN synth_uniform(10000, 0, 1, 4) WITH ORDINALITY AS d(x, i) USING (i)
      JOIN synth_uniform(10000, 0, 1, 5) WITH ORDINALITY AS e(x, i) USING (i)
      JOIN synth_uniform(10000, 0, 1, 6) WITH ORDINALITY AS f(x, i) USING (i)
      JOIN synth_uniform(10000, 0, 1, 7) WITH ORDINALITY AS g(x, i) USING (i)) s;
CREATE TEMP TABLE ct_model AS SELECT synth_fit('ct_invoices') AS m;

SELECT is((SELECT jsonb_object_agg(c->>'name', c->'time'->>'grain') FROM ct_model, jsonb_array_elements(m->'columns') c
           WHERE c ? 'time'),
          '{"invoice_date": "day", "issued_at": "second", "logged_at": "millisecond", "due": "day"}'::jsonb,
          'the model reports each column''s grain');
SELECT is((SELECT jsonb_array_length(c->'time'->'hour_shares') FROM ct_model, jsonb_array_elements(m->'columns') c
           WHERE c->>'name' = 'issued_at'), 24, 'issued_at keeps 24 hour shares');
SELECT is((SELECT c->'time'->'weekday_shares'->>0 FROM ct_model, jsonb_array_elements(m->'columns') c
           WHERE c->>'name' = 'invoice_date'), '0', 'no Sunday share where no invoice falls on a Sunday');

CREATE TEMP TABLE ct_clone AS SELECT * FROM synth_clone(NULL::ct_invoices, 10000, seed => 1);
SELECT is((SELECT avg((invoice_date = date_trunc('day', invoice_date))::int) FROM ct_clone), 1.0,
          'midnight share 1.0: every invoice_date stays at midnight');
SELECT is((SELECT count(*) FROM ct_clone WHERE extract(dow FROM invoice_date) IN (0, 6)), 0::bigint,
          'no invoice on a weekend');
-- chi-square of the weekday counts against the real shares: 4 degrees of
-- freedom, 18.47 at p = 0.001
SELECT cmp_ok((SELECT sum((coalesce(c.n, 0) - r.p * 10000) ^ 2 / (r.p * 10000))
               FROM (SELECT extract(dow FROM invoice_date) AS w, count(*)::float8 / 10000 AS p
                     FROM ct_invoices GROUP BY 1) r
               LEFT JOIN (SELECT extract(dow FROM invoice_date) AS w, count(*) AS n FROM ct_clone GROUP BY 1) c
               USING (w))::numeric, '<', 18.47, 'weekday shares: chi-square below 18.47 (df 4, p = 0.001)');
SELECT is((SELECT avg((issued_at = date_trunc('second', issued_at))::int) FROM ct_clone), 1.0,
          'whole seconds stay whole');
-- chi-square of the hour counts against the real shares: 23 degrees of
-- freedom, 49.73 at p = 0.001
SELECT cmp_ok((SELECT sum((coalesce(c.n, 0) - r.p * 10000) ^ 2 / (r.p * 10000))
               FROM (SELECT extract(hour FROM issued_at) AS h, count(*)::float8 / 10000 AS p
                     FROM ct_invoices GROUP BY 1) r
               LEFT JOIN (SELECT extract(hour FROM issued_at) AS h, count(*) AS n FROM ct_clone GROUP BY 1) c
               USING (h))::numeric, '<', 49.73, 'hour shares: chi-square below 49.73 (df 23, p = 0.001)');
SELECT cmp_ok((SELECT abs(avg((extract(hour FROM issued_at) BETWEEN 9 AND 16)::int)
                         - (SELECT avg((extract(hour FROM issued_at) BETWEEN 9 AND 16)::int) FROM ct_invoices))
               FROM ct_clone)::numeric,
              '<', 0.02, 'business hours keep their share (within 0.02)');
SELECT is((SELECT count(*) FROM ct_clone WHERE logged_at <> date_trunc('milliseconds', logged_at)), 0::bigint,
          'millisecond timestamps stay at milliseconds');
SELECT cmp_ok((SELECT avg((logged_at <> date_trunc('second', logged_at))::int) FROM ct_clone)::numeric, '>', 0.9,
              '... and are not rounded to seconds');
SELECT is((SELECT count(*) FROM ct_clone WHERE extract(dow FROM due) <> 5), 0::bigint,
          'a date column of Fridays stays on Fridays');
-- the spread of the dates is kept: yearly shares within 0.03
SELECT cmp_ok((SELECT abs(avg((invoice_date < '2023-01-01')::int)
                         - (SELECT avg((invoice_date < '2023-01-01')::int) FROM ct_invoices)) FROM ct_clone)::numeric,
              '<', 0.03, 'weekday moves keep the dates'' marginal (share of 2022 within 0.03)');

-- the option off: the old draws, midnight lost
SELECT ok((SELECT NOT bool_or(c ? 'time') FROM jsonb_array_elements(synth_fit('ct_invoices', '{"time_grain": false}')->'columns') c),
          '{"time_grain": false} leaves the model without time');
SELECT cmp_ok((SELECT avg((invoice_date = date_trunc('day', invoice_date))::int)
               FROM synth_clone(NULL::ct_invoices, 2000, '{"time_grain": false}', seed => 1))::numeric,
              '<', 0.5, 'without time_grain midnight is lost (what the grain keeps)');

-- a zone's midnight: timestamptz values at midnight in Asia/Kolkata (+05:30)
SET LOCAL TimeZone = 'Asia/Kolkata';
CREATE TABLE ct_local (id int PRIMARY KEY, booked timestamptz, amount float8);
INSERT INTO ct_local SELECT i, timestamptz '2023-01-01 00:00+05:30' + floor(x) * interval '1 day', x * 3 + i % 7
FROM synth_uniform(3000, 0, 365, 9) WITH ORDINALITY AS u(x, i);
SELECT is((SELECT count(*) FROM synth_clone(NULL::ct_local, 3000, seed => 2)
           WHERE booked <> date_trunc('day', booked)), 0::bigint,
          'timestamptz at a zone''s midnight stays at that midnight');
RESET TimeZone;

-- bad values
SELECT throws_ok($$SELECT synth_fit('ct_invoices', '{"time_grain": "no"}')$$, '22023', NULL,
                 'time_grain must be a boolean');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::ct_invoices,
      jsonb_set((SELECT m FROM ct_model), '{columns,1,time,grain}', '"fortnight"'), 1)$$,
      '22023', NULL, 'an unknown grain is refused');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::ct_invoices,
      jsonb_set((SELECT m FROM ct_model), '{columns,2,time,hour_shares}', '[1, 2]'), 1)$$,
      '22023', NULL, 'hour shares of the wrong length are refused');

-- hours that depend on the weekday: shifts at 8-17 on working days, 10-15
-- on Saturdays, 18-23 on Sundays, over a year (the issued_at above, whose
-- hours do not depend on the day, keeps hours and weekdays apart)
SET LOCAL TimeZone = 'UTC';
CREATE TABLE ct_shifts (id int PRIMARY KEY, started timestamptz, crew int);
INSERT INTO ct_shifts
SELECT i, d + CASE extract(dow FROM d) WHEN 0 THEN 18 + floor(u2 * 6) WHEN 6 THEN 10 + floor(u2 * 6)
                                       ELSE 8 + floor(u2 * 10) END * interval '1 hour'
          + floor(u3 * 3600) * interval '1 second', i % 5
FROM (SELECT i, timestamptz '2023-01-01' + floor(a.x * 365) * interval '1 day' AS d, b.x AS u2, c.x AS u3
      FROM synth_uniform(20000, 0, 1, 11) WITH ORDINALITY AS a(x, i)
      JOIN synth_uniform(20000, 0, 1, 12) WITH ORDINALITY AS b(x, i) USING (i)
      JOIN synth_uniform(20000, 0, 1, 13) WITH ORDINALITY AS c(x, i) USING (i)) s;
CREATE TEMP TABLE ct_shift_model AS SELECT synth_fit('ct_shifts') AS m;
SELECT is((SELECT jsonb_array_length(c->'time'->'hour_by_weekday') FROM ct_shift_model, jsonb_array_elements(m->'columns') c
           WHERE c->>'name' = 'started'), 7, 'hours that depend on the weekday: the model keeps 7 rows of hour shares');
SELECT ok((SELECT NOT (c->'time' ? 'hour_by_weekday') FROM ct_model, jsonb_array_elements(m->'columns') c
           WHERE c->>'name' = 'issued_at'), 'hours independent of the weekday: no joint');
CREATE TEMP TABLE ct_shift_clone AS SELECT * FROM synth_sample(NULL::ct_shifts, (SELECT m FROM ct_shift_model), 20000, seed => 4);
-- chi-square of the clone's weekday x hour counts against the source's cell
-- shares, over the 62 cells the source holds: df 61, 100.96 at p = 0.001
SELECT cmp_ok((SELECT sum((coalesce(c.n, 0) - r.p * t.n) ^ 2 / (r.p * t.n))
               FROM (SELECT extract(dow FROM started) AS w, extract(hour FROM started) AS h, count(*)::float8 / 20000 AS p
                     FROM ct_shifts GROUP BY 1, 2) r
               LEFT JOIN (SELECT extract(dow FROM started) AS w, extract(hour FROM started) AS h, count(*) AS n
                          FROM ct_shift_clone GROUP BY 1, 2) c USING (w, h),
               (SELECT count(*) AS n FROM ct_shift_clone) t)::numeric, '<', 100.96,
              'weekday x hour: chi-square below 100.96 (df 61, p = 0.001)');
SELECT cmp_ok((SELECT avg((NOT EXISTS (SELECT FROM ct_shifts s WHERE extract(dow FROM s.started) = extract(dow FROM c.started)
                                       AND extract(hour FROM s.started) = extract(hour FROM c.started)))::int)
               FROM ct_shift_clone c)::numeric, '<', 0.01, 'fewer than 1% of clone rows in a weekday-hour the source never holds');
SELECT cmp_ok((SELECT avg((extract(hour FROM started) >= 18)::int) FROM synth_sample(NULL::ct_shifts,
                 (SELECT jsonb_set(m, '{columns}', (SELECT jsonb_agg(c #- '{time,hour_by_weekday}' ORDER BY o)
                                                      FROM jsonb_array_elements(m->'columns') WITH ORDINALITY AS e(c, o)))
                  FROM ct_shift_model), 20000, seed => 4) WHERE extract(dow FROM started) = 0)::numeric,
              '<', 0.5, 'without the joint, Sundays lose their evening hours (what the joint keeps)');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::ct_shifts,
      (SELECT jsonb_set(m, '{columns}', (SELECT jsonb_agg(CASE WHEN c->>'name' = 'started'
         THEN jsonb_set(c, '{time,hour_by_weekday}', (c->'time'->'hour_by_weekday') - 0) ELSE c END ORDER BY o)
         FROM jsonb_array_elements(m->'columns') WITH ORDINALITY AS e(c, o))) FROM ct_shift_model), 1)$$,
      '22023', NULL, 'hour_by_weekday of six rows is refused');

-- 26-29: durations keep their grain: calls of whole seconds, slots of whole
-- quarter hours (an interval had none: the clone's calls gained microseconds)
CREATE TEMP TABLE ct_calls (id int PRIMARY KEY, talk interval NOT NULL, slot interval);
INSERT INTO ct_calls
SELECT i, (30 + abs(hashint4(i)) % 3600) * interval '1 second',
       CASE WHEN i % 5 = 0 THEN NULL ELSE (1 + abs(hashint4(i * 3)) % 200) * interval '15 minutes' END
FROM generate_series(1, 3000) i;
CREATE TEMP TABLE ct_calls_model AS SELECT synth_fit('ct_calls') AS m;
SELECT is((SELECT jsonb_object_agg(c->>'name', c->'time'->>'grain') FROM ct_calls_model, jsonb_array_elements(m->'columns') c
            WHERE c->>'name' IN ('talk', 'slot')),
          '{"talk": "second", "slot": "minute"}'::jsonb, 'an interval''s grain is found (and no hour or weekday shares)');
CREATE TEMP TABLE ct_calls_clone AS SELECT * FROM synth_sample(NULL::ct_calls, (SELECT m FROM ct_calls_model), 3000, seed => 1);
SELECT is((SELECT count(*) FROM ct_calls_clone WHERE extract(microseconds FROM talk)::bigint % 1000000 <> 0), 0::bigint,
          'calls of whole seconds stay whole');
SELECT is((SELECT count(*) FROM ct_calls_clone WHERE slot IS NOT NULL AND extract(epoch FROM slot)::bigint % 60 <> 0), 0::bigint,
          'slots of whole minutes stay whole');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::ct_calls,
      (SELECT jsonb_set(m, '{columns}', (SELECT jsonb_agg(CASE WHEN c->>'name' = 'talk'
         THEN jsonb_set(c, '{time,weekday_shares}', '[1, 0, 0, 0, 0, 0, 0]') ELSE c END ORDER BY o)
         FROM jsonb_array_elements(m->'columns') WITH ORDINALITY AS e(c, o))) FROM ct_calls_model), 1)$$,
      '22023', NULL, 'weekday shares of an interval are refused');

-- 30-32: invoices numbered in date order, at midnight (chinook's invoice):
-- the first and last ten rows take the clip points of the marginal, which
-- are quantiles between two dates; they came out at noon
CREATE TEMP TABLE ct_numbered (invoice_id int PRIMARY KEY, invoice_date timestamp NOT NULL, total numeric(10,2));
INSERT INTO ct_numbered
SELECT i, timestamp '2021-01-01' + (i * 4 + abs(hashint4(i)) % 3) * interval '1 day',
       round((1 + abs(hashint4(i * 7)) % 2000) / 100.0, 2)
FROM generate_series(1, 412) i;
CREATE TEMP TABLE ct_numbered_model AS SELECT synth_fit('ct_numbered') AS m;
SELECT is((SELECT m->'key_order'->>'column' FROM ct_numbered_model), 'invoice_date',
          'the dates rise with the key');
CREATE TEMP TABLE ct_numbered_clone AS
SELECT * FROM synth_sample(NULL::ct_numbered, (SELECT m FROM ct_numbered_model), 412, seed => 1);
SELECT is((SELECT count(*) FROM ct_numbered_clone WHERE invoice_date <> date_trunc('day', invoice_date)), 0::bigint,
          'every invoice at midnight, the first and last ten too');
SELECT is((SELECT count(*) FROM ct_numbered_clone
           WHERE invoice_date NOT BETWEEN (SELECT min(invoice_date) FROM ct_numbered)
                                      AND (SELECT max(invoice_date) FROM ct_numbered)), 0::bigint,
          'within the source''s dates');

-- 33-37: stays of whole hours after admissions at any second: the gaps'
-- unit is kept (the clone's stays had minutes and seconds of their own)
CREATE TEMP TABLE ct_stays (id int PRIMARY KEY, admitted_at timestamptz NOT NULL, discharged_at timestamptz,
                            checked_at timestamptz);
INSERT INTO ct_stays
SELECT i, a, a + (1 + abs(hashint4(i * 3)) % 300) * interval '1 hour',
       a + (abs(hashint4(i * 5)) % 86400) * interval '1 second'
FROM (SELECT i, timestamptz '2024-01-01 00:00+00' + (abs(hashint4(i)) % 31536000) * interval '1 second' AS a
      FROM generate_series(1, 3000) i) s;
CREATE TEMP TABLE ct_stays_model AS SELECT synth_fit('ct_stays') AS m;
SELECT is((SELECT jsonb_object_agg(o->>'after', coalesce(o->'gap_unit', 'null'))
           FROM ct_stays_model, jsonb_array_elements(m->'constraints'->'orderings') o),
          '{"discharged_at": 3600000000, "checked_at": null}'::jsonb,
          'gaps of whole hours have their unit (microseconds); gaps of whole seconds, like the times, none');
CREATE TEMP TABLE ct_stays_clone AS SELECT * FROM synth_sample(NULL::ct_stays, (SELECT m FROM ct_stays_model), 3000, seed => 1);
SELECT is((SELECT count(*) FROM ct_stays_clone
           WHERE extract(epoch FROM discharged_at - admitted_at)::bigint % 3600 <> 0 OR discharged_at <= admitted_at), 0::bigint,
          'every stay whole hours, none before its admission');
SELECT cmp_ok((SELECT abs(extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY discharged_at - admitted_at))
                          / (SELECT extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY discharged_at - admitted_at)) FROM ct_stays) - 1)
               FROM ct_stays_clone)::float8, '<', 0.1::float8, 'the median stay within 10% of the source''s');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::ct_stays,
      (SELECT jsonb_set(m, '{constraints,orderings,0,gap_unit}', '0.5') FROM ct_stays_model), 1)$$,
      '22023', NULL, 'a gap unit below a microsecond is refused');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::ct_stays,
      (SELECT jsonb_set(m, '{constraints,orderings,0,gap_unit}', '"an hour"') FROM ct_stays_model), 1)$$,
      '22023', NULL, 'a gap unit that is no number is refused');

SELECT * FROM finish();
ROLLBACK;
