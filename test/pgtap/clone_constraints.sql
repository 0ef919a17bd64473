-- Relations between columns learned by synth_fit and kept by the sampler
-- rather than by rejecting rows: orderings (a <= b on every row) modelled as
-- the later column's gap, chains of them, nullable later columns;
-- functional dependencies among categories (city -> region -> country);
-- CHECK bounds that truncate a marginal; the options that turn them off,
-- and bad option values.  Fixed seeds; tolerances stated per test.
BEGIN;
SELECT plan(35);
SET LOCAL client_min_messages = warning;
SET LOCAL TimeZone = 'UTC';

-- patients: 25,000 admissions over three years at whole seconds, a
-- lognormal length of stay (median 2.9 days, sdlog 0.8), no CHECK at all
CREATE TABLE cc_patients (id int PRIMARY KEY, age int, ward text,
                          admitted_at timestamp NOT NULL, discharged_at timestamp);
INSERT INTO cc_patients
SELECT u.i, 20 + (u.i * 7919 % 70), (ARRAY['a', 'b', 'c', 'd'])[1 + u.i % 4],
       timestamp '2020-01-01' + make_interval(secs => floor(u.x)::int),
       timestamp '2020-01-01' + make_interval(secs => floor(u.x)::int)
         + make_interval(secs => round(l.y * 86400)::int)
FROM synth_uniform(25000, 0, 86400 * 365 * 3, 1) WITH ORDINALITY AS u(x, i)
JOIN synth_lognormal(25000, ln(2.9), 0.8, 2) WITH ORDINALITY AS l(y, i) USING (i);
CREATE TEMP TABLE cc_model AS SELECT synth_fit('cc_patients') AS m;

SELECT is((SELECT (m->'constraints'->'orderings'->0) - 'rows'::text FROM cc_model),
          '{"before": "admitted_at", "after": "discharged_at", "strict": true, "gap_scale": "log"}'::jsonb,
          'the model reports discharged_at > admitted_at, modelled as a log gap');

CREATE TEMP TABLE cc_clone AS SELECT * FROM synth_clone(NULL::cc_patients, 25000, seed => 1);
CREATE TEMP VIEW cc_stay AS
SELECT 'real' AS src, extract(epoch FROM discharged_at - admitted_at) / 86400 AS d FROM cc_patients
UNION ALL
SELECT 'clone', extract(epoch FROM discharged_at - admitted_at) / 86400 FROM cc_clone;
SELECT is((SELECT count(*) FROM cc_clone WHERE discharged_at < admitted_at), 0::bigint,
          'no clone row is discharged before it is admitted (no CHECK)');
SELECT is((SELECT count(*) FROM cc_clone WHERE discharged_at = admitted_at), 0::bigint,
          'a strict ordering stays strict');
-- length of stay: median and 90th percentile within 10% of the real ones
SELECT cmp_ok((SELECT abs(c / r - 1) FROM
                 (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FILTER (WHERE src = 'real') AS r,
                         percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FILTER (WHERE src = 'clone') AS c
                  FROM cc_stay) s)::numeric, '<', 0.10, 'median length of stay within 10%');
SELECT cmp_ok((SELECT abs(c / r - 1) FROM
                 (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY d) FILTER (WHERE src = 'real') AS r,
                         percentile_cont(0.9) WITHIN GROUP (ORDER BY d) FILTER (WHERE src = 'clone') AS c
                  FROM cc_stay) s)::numeric, '<', 0.10, '90th percentile of length of stay within 10%');
-- the admissions themselves keep their marginal: median within 2% of the span
SELECT cmp_ok((SELECT abs(extract(epoch FROM
                 (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY admitted_at) FROM cc_clone)
               - (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY admitted_at) FROM cc_patients)))
               / (86400 * 365 * 3))::numeric, '<', 0.02, 'admissions keep their median');
-- the model read back from its JSON keeps the order too
SELECT is((SELECT count(*) FROM synth_sample(NULL::cc_patients, (SELECT m FROM cc_model), 5000, seed => 3)
           WHERE discharged_at <= admitted_at), 0::bigint,
          'synth_sample of the model keeps the order');
-- ... and with the same seed, the same rows
SELECT is((SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM synth_clone(NULL::cc_patients, 300, seed => 5) t),
          (SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM synth_clone(NULL::cc_patients, 300, seed => 5) t),
          'the same seed gives the same rows');

-- option off: the old model (no constraints), where the order breaks often
SELECT ok((SELECT NOT (synth_fit('cc_patients', '{"orderings": false}') ? 'constraints')),
          '{"orderings": false} leaves the model without constraints');
SELECT cmp_ok((SELECT count(*) FROM synth_clone(NULL::cc_patients, 5000,
                                                '{"orderings": false}', seed => 1)
               WHERE discharged_at < admitted_at), '>', 500::bigint,
              'without orderings the copula breaks the order (what the transform fixes)');

-- a chain created <= updated <= closed, closed NULL in a third of the rows
CREATE TABLE cc_tickets (id int PRIMARY KEY, created timestamp NOT NULL,
                         updated timestamp NOT NULL, closed timestamp);
INSERT INTO cc_tickets
SELECT i, c, c + make_interval(secs => (g1 * 3600)::int),
       CASE WHEN i % 3 = 0 THEN NULL
            ELSE c + make_interval(secs => (g1 * 3600)::int) + make_interval(secs => (g2 * 86400)::int) END
FROM (SELECT u.i, timestamp '2023-01-01' + make_interval(secs => floor(u.x)::int) AS c, e1.y AS g1, e2.y AS g2
      FROM synth_uniform(6000, 0, 86400 * 200, 11) WITH ORDINALITY AS u(x, i)
      JOIN synth_exponential(6000, 0.2, 12) WITH ORDINALITY AS e1(y, i) USING (i)
      JOIN synth_exponential(6000, 0.5, 13) WITH ORDINALITY AS e2(y, i) USING (i)) s;
SELECT is((SELECT jsonb_agg(o->>'before' || ' -> ' || (o->>'after') ORDER BY o->>'after')
           FROM jsonb_array_elements(synth_fit('cc_tickets')->'constraints'->'orderings') o),
          '["updated -> closed", "created -> updated"]'::jsonb,
          'a chain: each column after its closest earlier one');
CREATE TEMP TABLE cc_tclone AS SELECT * FROM synth_clone(NULL::cc_tickets, 6000, seed => 2);
SELECT is((SELECT count(*) FROM cc_tclone WHERE updated < created OR closed < updated OR closed < created),
          0::bigint, 'no clone row breaks the chain');
SELECT cmp_ok((SELECT abs(avg((closed IS NULL)::int) - 1.0 / 3) FROM cc_tclone)::numeric, '<', 0.03,
              'the later column keeps its NULL share (1/3, within 0.03)');

-- pagila-like rentals: return_date NULL in 1% of rows, otherwise after rental_date
CREATE TABLE cc_rental (rental_id int PRIMARY KEY, rental_date timestamp NOT NULL,
                        return_date timestamp, staff_id int NOT NULL);
INSERT INTO cc_rental
SELECT u.i, timestamp '2005-05-24' + make_interval(secs => floor(u.x)::int),
       CASE WHEN u.i % 100 = 0 THEN NULL
            ELSE timestamp '2005-05-24' + make_interval(secs => floor(u.x)::int)
                 + make_interval(secs => floor(v.y)::int) END,
       1 + u.i % 2
FROM synth_uniform(16000, 0, 86400 * 90, 21) WITH ORDINALITY AS u(x, i)
JOIN synth_uniform(16000, 86400 * 0.2, 86400 * 9.5, 22) WITH ORDINALITY AS v(y, i) USING (i);
CREATE TEMP TABLE cc_rclone AS SELECT * FROM synth_clone(NULL::cc_rental, 16000, seed => 4);
SELECT is((SELECT count(*) FROM cc_rclone WHERE return_date < rental_date), 0::bigint,
          'rental_date <= return_date (nullable) holds in every clone row');
SELECT cmp_ok((SELECT abs(avg((return_date IS NULL)::int) - 0.01) FROM cc_rclone)::numeric, '<', 0.005,
              'return_date keeps its NULL share (1%, within 0.005)');

-- city -> region -> country: 60 cities in 20 regions in 4 countries (more
-- categories than a conditional category's parent may have), with a number
-- loosely tied to the country
CREATE TABLE cc_places (id int PRIMARY KEY, city text, region text, country text, amount float8);
INSERT INTO cc_places
SELECT i, 'city' || (i % 60), 'region' || (i % 60 / 3), 'country' || (i % 60 / 15),
       (i % 60 / 15) * 10 + n
FROM synth_normal(12000, 0, 3, 31) WITH ORDINALITY AS s(n, i);
SELECT is((SELECT jsonb_agg((d->>'determinant') || ' -> ' || (d->>'dependent') ORDER BY d->>'dependent')
           FROM jsonb_array_elements(synth_fit('cc_places')->'constraints'->'dependencies') d),
          '["region -> country", "city -> region"]'::jsonb,
          'the model reports city -> region -> country');
CREATE TEMP TABLE cc_pclone AS SELECT * FROM synth_clone(NULL::cc_places, 12000, seed => 6);
SELECT is((SELECT count(*) FROM cc_pclone c
           WHERE NOT EXISTS (SELECT FROM cc_places p WHERE (p.city, p.region, p.country) = (c.city, c.region, c.country))),
          0::bigint, 'every clone row is a real city in its region in its country');
SELECT cmp_ok((SELECT max(abs(c.share - r.share)) FROM
                 (SELECT city, count(*)::float8 / 12000 AS share FROM cc_pclone GROUP BY city) c
                 JOIN (SELECT city, count(*)::float8 / 12000 AS share FROM cc_places GROUP BY city) r USING (city))::numeric,
              '<', 0.005, 'the cities keep their shares (1/60 each, within 0.005)');
SELECT cmp_ok((SELECT count(*) FROM synth_clone(NULL::cc_places, 12000, '{"dependencies": false}', seed => 6) c
               WHERE NOT EXISTS (SELECT FROM cc_places p WHERE (p.city, p.region) = (c.city, c.region))),
              '>', 100::bigint, 'without dependencies, cities fall in foreign regions');
-- a model whose map names a category out of range is refused
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::cc_places,
      jsonb_set(synth_fit('cc_places'), '{constraints,dependencies,0,map,0}', '99'), 1)$$,
      '22023', NULL, 'a dependency map beyond the dependent''s categories is refused');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::cc_patients,
      jsonb_set((SELECT m FROM cc_model), '{constraints,orderings,0,after}', '"admitted_at"'), 1)$$,
      '22023', NULL, 'an ordering of a column after itself is refused');

-- CHECK bounds shape the marginal: x uniform on [0, 100), sampled into a
-- table that allows 0 <= x <= 10 only (a tenth of the model's mass)
CREATE TABLE cc_src (id int PRIMARY KEY, x float8, y float8);
INSERT INTO cc_src SELECT i, x, x + n FROM synth_uniform(5000, 0, 100, 41) WITH ORDINALITY AS u(x, i)
  JOIN synth_normal(5000, 0, 5, 42) WITH ORDINALITY AS v(n, i) USING (i);
CREATE TABLE cc_dst (id int PRIMARY KEY, x float8 CHECK (x <= 10 AND x >= 0), y float8);
CREATE TEMP TABLE cc_dclone AS SELECT * FROM synth_sample(NULL::cc_dst, synth_fit('cc_src'), 2000, seed => 1);
SELECT is((SELECT count(*) FROM cc_dclone WHERE x > 10 OR x < 0), 0::bigint,
          'every drawn x lies within the target''s CHECK bounds');
SELECT cmp_ok((SELECT abs(avg(x) - 5) FROM cc_dclone)::numeric, '<', 0.5,
              'within the bounds the marginal is truncated: uniform, mean 5 (within 0.5)');
SELECT cmp_ok((SELECT count(*) FROM cc_dclone WHERE x >= 9.99), '<', 20::bigint,
              'no mass piled onto the bound (under 1% of rows at 10)');
-- imputation reads values through marginals: its own fit leaves orderings
-- out, and a given model with orderings is refused
CREATE TABLE cc_gaps (id int PRIMARY KEY, a timestamp NOT NULL, b timestamp, w float8);
INSERT INTO cc_gaps SELECT id, admitted_at, discharged_at, CASE WHEN id % 10 = 0 THEN NULL ELSE age * 1.5 END
FROM cc_patients WHERE id <= 3000;
SELECT is((SELECT count(*) FROM synth_impute(NULL::cc_gaps, 'model', seed => 1) WHERE w IS NULL), 0::bigint,
          'synth_impute fills a table with ordered columns (fitted without orderings)');
SELECT throws_ok($$SELECT count(*) FROM synth_impute(NULL::cc_gaps, 'model',
                     jsonb_build_object('model', synth_fit('cc_gaps')), seed => 1)$$,
                 '22023', NULL, 'a given model with orderings is refused for imputation');

-- bad option values
SELECT throws_ok($$SELECT synth_fit('cc_patients', '{"orderings": 1}')$$, '22023', NULL,
                 'orderings must be a boolean');
SELECT throws_ok($$SELECT synth_fit('cc_patients', '{"dependencies": "yes"}')$$, '22023', NULL,
                 'dependencies must be a boolean');
SELECT throws_ok($$SELECT synth_fit('cc_patients', '{"ordering": true}')$$, '22023', NULL,
                 'an unknown option is refused (its hint lists orderings)');

-- records never updated: updated_at = created_at in a third of the rows.
-- The gap keeps its point mass at 0 (it came back as gaps of seconds to
-- minutes, no row equal), and the other gaps their distribution.
CREATE TEMP TABLE cc_records (id int PRIMARY KEY, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
                              kind text NOT NULL);
INSERT INTO cc_records
SELECT i, c, CASE WHEN i % 3 = 0 THEN c ELSE c + (abs(hashint4(i * 7)) % 500000) * interval '1 second' END,
       (ARRAY['a', 'b', 'c'])[1 + abs(hashint4(i)) % 3]
FROM (SELECT i, timestamptz '2022-01-01 00:00+00' + (abs(hashint4(i * 11)) % 63072000) * interval '1 second' AS c
      FROM generate_series(1, 6000) i) s;
CREATE TEMP TABLE cc_rec_clone AS SELECT * FROM synth_clone(NULL::cc_records, 6000, seed => 3);
SELECT cmp_ok((SELECT abs(avg((updated_at = created_at)::int) - 1 / 3.0) FROM cc_rec_clone), '<', 0.03::numeric,
              'a third of the records are never updated, as in the source');
SELECT is((SELECT count(*) FROM cc_rec_clone WHERE updated_at < created_at), 0::bigint, 'none updated before it was created');
SELECT cmp_ok((SELECT abs(percentile_cont(0.75) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - created_at)) /
                         (SELECT percentile_cont(0.75) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - created_at)) FROM cc_records) - 1)
               FROM cc_rec_clone)::float8, '<', 0.1::float8, 'the time to update keeps its third quartile within 10%');

-- a NULL-ness a category decides (b NULL exactly when a is x or z), while a
-- has NULLs of its own, independent of b's: the rank of b's NULL-ness
-- within a's category is noise, and was read as tied (0.995) to a's own
-- NULL-ness, so that every clone row with a NULL had b NULL too (c, a
-- measurement in every row, makes each row its own)
CREATE TEMP TABLE cc_nulls AS
SELECT i AS id, CASE WHEN i % 3 = 0 THEN NULL ELSE (ARRAY['w', 'x', 'y', 'z'])[1 + i % 4] END AS a,
       CASE WHEN i % 2 = 0 THEN (abs(hashint4(i)) % 1000) / 10.0 END AS b,
       (abs(hashint4(i * 5)) % 100000) / 100.0 AS c
FROM generate_series(1, 3000) i;
ALTER TABLE cc_nulls ADD PRIMARY KEY (id);
CREATE TEMP TABLE cc_nulls_clone AS SELECT * FROM synth_clone(NULL::cc_nulls, 20000, seed => 1);
SELECT cmp_ok((SELECT abs(avg((b IS NULL)::int) - 0.5) FROM cc_nulls_clone WHERE a IS NULL), '<', 0.05::numeric,
              'where a is NULL, b is NULL in half the rows, as in the source (all of them before)');
SELECT cmp_ok((SELECT abs(avg((b IS NULL)::int) - 0.5) FROM cc_nulls_clone), '<', 0.03::numeric,
              'b keeps its NULL share');
SELECT cmp_ok((SELECT avg(((b IS NULL) = (a IN ('x', 'z')))::int) FROM cc_nulls_clone WHERE a IS NOT NULL), '>=', 0.99::numeric,
              'b is NULL exactly when a is x or z');

SELECT * FROM finish();
ROLLBACK;
