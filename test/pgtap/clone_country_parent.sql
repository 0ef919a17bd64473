-- Places whose country is a parent's: a table of cities without a country
-- column of its own, whose country_id leads to a table of countries (pagila's
-- city), and a table of addresses two steps away (its city_id, the city's
-- country_id).  The clone's city, region, postal code and phone are of the
-- country of the row's parent (in a schema clone, of the cloned parent);
-- they were American places in every country ("Las Vegas, Portugal").
BEGIN;
SELECT plan(21);
SET LOCAL client_min_messages = warning;

CREATE SCHEMA "Geo Data";
CREATE TABLE "Geo Data"."Country" (
  country_id int PRIMARY KEY,
  country text NOT NULL
);
CREATE TABLE "Geo Data"."City" (
  city_id int PRIMARY KEY,
  city text NOT NULL,
  country_id int NOT NULL REFERENCES "Geo Data"."Country"
);
CREATE TABLE "Geo Data"."Address" (
  address_id int PRIMARY KEY,
  district text,
  postal_code text,
  phone text,
  city_id int NOT NULL REFERENCES "Geo Data"."City"
);
-- six countries: two of them without a dictionary of places (Canada,
-- Portugal: a few of their largest cities), Germany and France (their
-- own dictionaries), the United States, and one the country table does
-- not know (Atlantis)
INSERT INTO "Geo Data"."Country" VALUES
  (1, 'Canada'), (2, 'Portugal'), (3, 'Germany'), (4, 'France'), (5, 'United States'), (6, 'Atlantis');
-- 300 cities with real-looking names of their country, and 1,200 addresses
INSERT INTO "Geo Data"."City"
SELECT i, (ARRAY['Calgary', 'Braga', 'Dresden', 'Lyon', 'Denver', 'Poseidonia'])[c] || ' ' || i, c
FROM (SELECT i, 1 + abs(hashint4(i)) % 6 AS c FROM generate_series(1, 300) i) s;
-- the address's region is one of its city's country, a name few rows share
-- (as pagila's: 378 districts in 603 addresses), so it is a personal place
INSERT INTO "Geo Data"."Address"
SELECT a.i, (CASE c.country_id
               WHEN 1 THEN ARRAY['Alberta', 'Ontario', 'Quebec', 'Manitoba']
               WHEN 2 THEN ARRAY['Braga', 'Lisboa', 'Faro', 'Porto']
               WHEN 3 THEN ARRAY['Bayern', 'Sachsen', 'Hessen', 'Berlin']
               WHEN 4 THEN ARRAY['Rhone', 'Bretagne', 'Normandie', 'Alsace']
               WHEN 5 THEN ARRAY['Colorado', 'Texas', 'Ohio', 'Oregon']
               ELSE ARRAY['Nereid', 'Triton', 'Okeanos', 'Thalassa'] END)[1 + a.i % 4] || ' ' || (a.i / 4),
       lpad((abs(hashint4(a.i * 3)) % 100000)::text, 5, '0'),
       '+1 555 ' || lpad((abs(hashint4(a.i * 5)) % 10000)::text, 4, '0'), a.city_id
FROM (SELECT i, 1 + abs(hashint4(i * 7)) % 300 AS city_id FROM generate_series(1, 1200) i) a
JOIN "Geo Data"."City" c USING (city_id);
ANALYZE "Geo Data"."Country", "Geo Data"."City", "Geo Data"."Address";

-- 1-2: the fit finds the country one and two steps away
SELECT is(synth_fit('"Geo Data"."City"')->'person'->'country_parent',
          '{"column": "country_id", "parent_column": "country"}'::jsonb,
          'a city''s country is its parent''s column "country"');
SELECT is(synth_fit('"Geo Data"."Address"')->'person'->'country_parent',
          '{"column": "city_id", "through": "country_id", "parent_column": "country", "city_column": "city",
            "table": {"schema": "Geo Data", "table": "Country", "column": "country_id"}}'::jsonb,
          'an address''s country is two steps away, through its city''s country_id');

-- 3-7: a single table's clone: its cities are of the country of the
-- (existing) parent each row draws
CREATE TEMP TABLE cc AS
SELECT c.*, k.country FROM synth_clone(NULL::"Geo Data"."City", 3000, seed => 7) c
JOIN "Geo Data"."Country" k USING (country_id);
SELECT is((SELECT count(*) FROM cc WHERE country = 'Canada' AND city NOT IN ('Toronto', 'Montreal', 'Vancouver')),
          0::bigint, 'Canada''s cities are Canadian');
SELECT is((SELECT count(*) FROM cc WHERE country = 'Portugal' AND city NOT IN ('Lisbon', 'Porto', 'Coimbra')),
          0::bigint, 'Portugal''s cities are Portuguese');
-- (Manchester, New Hampshire and Vancouver, Washington are American cities too)
SELECT is((SELECT count(*) FROM (SELECT city FROM cc WHERE city NOT IN ('Manchester', 'Vancouver')
                                  GROUP BY city HAVING count(DISTINCT country) > 1) x),
          0::bigint, 'no city under two countries');
SELECT is((SELECT count(*) FROM cc WHERE country = 'Atlantis' AND (city !~ '^[A-Z][a-z]+$' OR city IN
             (SELECT city FROM cc WHERE country <> 'Atlantis'))), 0::bigint,
          'a country the table does not know: a made-up town, never a city of another country');
SELECT cmp_ok((SELECT count(DISTINCT country) FROM cc), '=', 6::bigint, 'every country has cities');

-- 8: reproducible
SELECT is((SELECT md5(string_agg(city || '|' || country_id, ',' ORDER BY city_id))
             FROM synth_clone(NULL::"Geo Data"."City", 500, seed => 3)),
          (SELECT md5(string_agg(city || '|' || country_id, ',' ORDER BY city_id))
             FROM synth_clone(NULL::"Geo Data"."City", 500, seed => 3)),
          'the same seed gives the same cities');

-- 9-12: a schema clone: each address's region, postal code and phone are of
-- its cloned city's cloned country (the six source countries are each held
-- by fewer than k rows: the copy's are others, by the country table's order)
SELECT lives_ok($$SELECT synth_clone_schema('Geo Data', 'Geo Copy', seed => 11)$$, 'the schema is cloned');
CREATE TEMP TABLE ca AS
SELECT a.*, c.city, k.country FROM "Geo Copy"."Address" a JOIN "Geo Copy"."City" c USING (city_id)
JOIN "Geo Copy"."Country" k USING (country_id);
CREATE TEMP TABLE layouts (country text, district text, postal text, phone text);
INSERT INTO layouts VALUES
  ('United States', '^[A-Z][a-z]+( [A-Za-z]+)*$', '^[0-9]{5}$', '555[- ]01[0-9]{2}$'),
  ('China', '^(Beijing|Shanghai|Guangdong)$', '^(100|200|510)[0-9]{3}$', '^\+86 1[0-9]{2} [0-9]{4} [0-9]{4}$'),
  ('United Kingdom', '^(England|Scotland)$', '^(SW|M|EH)[0-9] [0-9][A-Z]{2}$', '^\+44 20 7946 0[0-9]{3}$'),
  ('India', '^(Delhi|Maharashtra|Karnataka)$', '^(110|400|560)[0-9]{3}$', '^\+91 9[0-9]{4} [0-9]{5}$');
SELECT is((SELECT count(*) FROM ca JOIN layouts l USING (country)
            WHERE ca.district !~ l.district OR ca.postal_code !~ l.postal OR ca.phone !~ l.phone), 0::bigint,
          'every address''s region, postal code and phone are of its city''s country');
SELECT cmp_ok((SELECT count(*) FROM ca WHERE country IN ('China', 'United Kingdom', 'India')), '>=', 200::bigint,
              'a share of the addresses are in countries of few cities');
SELECT is((SELECT count(*) FROM ca WHERE country IN ('China', 'United Kingdom', 'India')
             AND district ~ '^(Colorado|Texas|Ohio|Oregon|California|New York)$'), 0::bigint,
          'no American state outside the United States');

-- 13-14: an address has no city of its own: its place is its city's, where its
-- country's places name the city (it was a place drawn in the country)
SELECT is((SELECT count(*) FROM ca JOIN (VALUES
             ('Beijing', 'Beijing', '^100'), ('Shanghai', 'Shanghai', '^200'), ('Guangzhou', 'Guangdong', '^510'),
             ('London', 'England', '^SW'), ('Manchester', 'England', '^M[0-9]'), ('Edinburgh', 'Scotland', '^EH'),
             ('New Delhi', 'Delhi', '^110'), ('Mumbai', 'Maharashtra', '^400'), ('Bengaluru', 'Karnataka', '^560'))
             AS v (city, region, postal) USING (city)
           WHERE ca.country IN ('China', 'United Kingdom', 'India') AND (district <> v.region OR postal_code !~ v.postal)),
          0::bigint, 'an address in a city of few places: that city''s region and postal layout');
SELECT is((SELECT count(*) FROM (SELECT city FROM ca WHERE country IN ('United States', 'Japan')
                                  GROUP BY city HAVING count(DISTINCT district) > 1) x),
          0::bigint, 'an address in a city of a dictionary: one region per city');

-- 15: "name" of a table of countries is the country (a common naming)
CREATE TABLE "Geo Data".countries (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO "Geo Data".countries VALUES (1, 'Canada'), (2, 'Portugal');
CREATE TABLE "Geo Data".towns (id int PRIMARY KEY, name text NOT NULL,
                               country_id int NOT NULL REFERENCES "Geo Data".countries);
INSERT INTO "Geo Data".towns SELECT i, 'Town ' || i, 1 + i % 2 FROM generate_series(1, 200) i;
ANALYZE "Geo Data".countries, "Geo Data".towns;
SELECT is((SELECT count(*) FROM synth_clone(NULL::"Geo Data".towns, 400, seed => 5) t
           JOIN "Geo Data".countries k ON k.id = t.country_id
           WHERE NOT ((k.name = 'Canada' AND t.name IN ('Toronto', 'Montreal', 'Vancouver'))
                   OR (k.name = 'Portugal' AND t.name IN ('Lisbon', 'Porto', 'Coimbra')))),
          0::bigint, 'a town''s country is its parent''s "name" in a table of countries');

-- 16: a model whose country's table is gone draws places as before
SELECT lives_ok($$SELECT count(*) FROM synth_sample(NULL::"Geo Data"."Address",
                    jsonb_set(synth_fit('"Geo Data"."Address"'), '{person,country_parent,table,table}', '"Nowhere"'),
                    10, seed => 1)$$,
                'a country''s table that does not exist: places without a country');

-- 17-18: a caller who may read the parents' keys but not their countries: no
-- error, places without a country (as before there was one)
CREATE ROLE country_parent_tap_reader;
GRANT USAGE ON SCHEMA "Geo Data" TO country_parent_tap_reader;
GRANT SELECT ON "Geo Data"."Address" TO country_parent_tap_reader;
GRANT SELECT (city_id, country_id) ON "Geo Data"."City" TO country_parent_tap_reader;
GRANT SELECT (country_id) ON "Geo Data"."Country" TO country_parent_tap_reader;
CREATE TABLE pg_temp.models AS
SELECT synth_fit('"Geo Data"."City"') AS city, synth_fit('"Geo Data"."Address"') AS address;
GRANT SELECT ON pg_temp.models TO country_parent_tap_reader;
SET LOCAL ROLE country_parent_tap_reader;
SELECT is((SELECT count(*) FROM synth_sample(NULL::"Geo Data"."City", (SELECT city FROM pg_temp.models), 50, seed => 1)),
          50::bigint, 'a parent''s country column the caller cannot read: cities without a country');
SELECT is((SELECT count(*) FROM synth_sample(NULL::"Geo Data"."Address", (SELECT address FROM pg_temp.models), 50, seed => 1)),
          50::bigint, 'a country two steps away the caller cannot read: addresses without a country');
RESET ROLE;

-- 19-21: bad models are refused
SELECT throws_ok($$SELECT synth_sample(NULL::"Geo Data"."City", jsonb_set(synth_fit('"Geo Data"."City"'),
                    '{person,country_parent,column}', '"city"'), 1)$$, '22023', NULL,
                 'a country parent that is not a foreign key is refused');
SELECT throws_ok($$SELECT synth_sample(NULL::"Geo Data"."City", jsonb_set(synth_fit('"Geo Data"."City"'),
                    '{person,country_parent,parent_column}', '""'), 1)$$, '22023', NULL,
                 'an empty parent column is refused');
SELECT throws_ok($$SELECT synth_sample(NULL::"Geo Data"."Address", jsonb_set(synth_fit('"Geo Data"."Address"'),
                    '{person,country_parent,table,schema}', to_jsonb(repeat('x', 64))), 1)$$, '22023', NULL,
                 'a schema name longer than a name is refused');

SELECT * FROM finish();
ROLLBACK;
