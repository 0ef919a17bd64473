-- Places beyond the dictionaries' countries: a country column is a category
-- (countries held by k rows keep their shares, the rarer ones' share goes to
-- other countries of the country table), and the row's city, state, postal
-- code, phone and street are of the row's country: a dictionary of its own
-- (United States, Germany, France, Spain, Italy, Netherlands, Brazil,
-- Japan), a few of its largest cities (Canada, Portugal, ...), or, for a
-- country the table does not know, a made-up town and no real city.
BEGIN;
SELECT plan(23);
SET LOCAL client_min_messages = warning;

CREATE TABLE shop_customer (
  id int PRIMARY KEY,
  address text,
  city text,
  state text,
  country text NOT NULL,
  postal_code text,
  phone text,
  spent numeric(10, 2)
);
-- 3,000 rows: seven countries held by k rows and more, one country the
-- table does not know (Atlantis, 100 rows), ten countries of 3 rows each
INSERT INTO shop_customer
SELECT i, i || ' Some Street', 'Town ' || i, NULL,
       CASE WHEN i <= 900 THEN 'USA' WHEN i <= 1350 THEN 'Canada' WHEN i <= 1650 THEN 'France'
            WHEN i <= 1950 THEN 'Brazil' WHEN i <= 2250 THEN 'Germany' WHEN i <= 2420 THEN 'Portugal'
            WHEN i <= 2870 THEN 'United Kingdom' WHEN i <= 2970 THEN 'Atlantis'
            ELSE (ARRAY['Hungary','Chile','Norway','Finland','Denmark','Czech Republic','Greece',
                        'New Zealand','Singapore','Israel'])[1 + (i - 2971) % 10] END,
       lpad((i * 7919 % 100000)::text, 5, '0'), '+1 555 ' || i, (i % 97) * 3.5
FROM generate_series(1, 3000) i;
ANALYZE shop_customer;
CREATE TEMP TABLE sc AS SELECT * FROM synth_clone(NULL::shop_customer, 3000, seed => 7);

-- 1: the role
SELECT is((SELECT role || '/' || kind FROM synth_columns('shop_customer') WHERE "column" = 'country'),
          'categorical/categorical', 'a country column is a category, not a faked place');

-- 2-4: the distribution of countries
SELECT cmp_ok((SELECT 0.5 * sum(abs(coalesce(s.p, 0) - coalesce(c.p, 0)))
                 FROM (SELECT country, count(*)::float8 / 3000 AS p FROM shop_customer GROUP BY 1) s
                 FULL JOIN (SELECT country, count(*)::float8 / 3000 AS p FROM sc GROUP BY 1) c USING (country)),
              '<=', 0.04::float8, 'total variation of the countries against the source <= 0.04 (1% of it the rare countries'' share)');
SELECT cmp_ok((SELECT count(DISTINCT country) FROM sc), '>=', 14::bigint,
              'the rare countries'' share is spread over other countries (8 held by k rows, 10 rare)');
SELECT is((SELECT count(*) FROM sc WHERE country IN ('Hungary','Chile','Norway','Finland','Denmark','Czech Republic',
                                                       'Greece','New Zealand','Singapore','Israel')),
          0::bigint, 'a country fewer than k rows hold never comes out (its share goes to the first countries of the table it does not hold)');

-- 5-11: the row's place is of its country
-- (Manchester, New Hampshire and Vancouver, Washington are American cities too)
SELECT is((SELECT count(*) FROM (SELECT city FROM sc WHERE city NOT IN ('Manchester', 'Vancouver')
                                  GROUP BY city HAVING count(DISTINCT country) > 1) x),
          0::bigint, 'no city under two countries');
SELECT is((SELECT count(*) FROM sc WHERE country = 'Canada' AND NOT (
             city IN ('Toronto', 'Montreal', 'Vancouver')
             AND postal_code ~ '^[A-Z][0-9][A-Z] [0-9][A-Z][0-9]$'
             AND phone ~ '^\+1 [0-9]{3} 555 01[0-9]{2}$')), 0::bigint,
          'Canada (no dictionary): its cities, its postal layout, NANP fiction phones');
SELECT is((SELECT count(*) FROM sc WHERE country = 'Portugal' AND NOT (
             city IN ('Lisbon', 'Porto', 'Coimbra') AND postal_code ~ '^[0-9]{4}-[0-9]{3}$'
             AND phone ~ '^\+351 9[0-9]{2} [0-9]{3} [0-9]{3}$')), 0::bigint,
          'Portugal: its cities, its postal layout, its phone layout');
SELECT is((SELECT count(*) FROM sc WHERE country = 'United Kingdom' AND NOT (
             city IN ('London', 'Manchester', 'Edinburgh') AND phone ~ '^\+44 20 7946 0[0-9]{3}$')), 0::bigint,
          'United Kingdom: its cities, Ofcom''s drama numbers');
SELECT is((SELECT count(*) FROM sc WHERE country = 'USA' AND NOT (postal_code ~ '^[0-9]{5}$' AND phone ~ '555[- ]01[0-9]{2}$')),
          0::bigint, 'USA: American places (five-digit postal codes), 555-01xx phones');
SELECT is((SELECT count(*) FROM sc WHERE country = 'France' AND NOT (postal_code ~ '^[0-9]{5}$' AND
             phone ~ '^(\+33 |0)[1-6] ?(99 ?00|61 ?91|53 ?01|65 ?71|36 ?49|39 ?98)')), 0::bigint,
          'France: French places, ARCEP''s fiction numbers');
SELECT is((SELECT count(*) FROM sc WHERE country = 'Atlantis' AND (city !~ '^[A-Z][a-z]+$' OR city IN
             (SELECT city FROM sc WHERE country <> 'Atlantis'))), 0::bigint,
          'a country the table does not know: a made-up town, never a real city of another country');

-- 12: reproducible
SELECT is((SELECT md5(string_agg(format('%s|%s|%s|%s|%s', country, city, state, postal_code, phone), ',' ORDER BY id))
             FROM synth_clone(NULL::shop_customer, 500, seed => 3)),
          (SELECT md5(string_agg(format('%s|%s|%s|%s|%s', country, city, state, postal_code, phone), ',' ORDER BY id))
             FROM synth_clone(NULL::shop_customer, 500, seed => 3)),
          'the same seed gives the same places');

-- 13-14: countries spelt as ISO codes; every country rare
CREATE TABLE shop_codes (id int PRIMARY KEY, country_code text, city text);
INSERT INTO shop_codes SELECT i, CASE WHEN i <= 600 THEN 'US' WHEN i <= 800 THEN 'DE'
                                      ELSE (ARRAY['FR','CA','PT','AT','BE'])[1 + i % 5] END, 'Town ' || i
FROM generate_series(1, 820) i;
SELECT is((SELECT count(*) FROM synth_clone(NULL::shop_codes, 2000, seed => 5) WHERE country_code !~ '^[A-Z]{2}$'),
          0::bigint, 'countries spelt as ISO codes: the other countries are ISO codes too');
CREATE TABLE shop_rare (id int PRIMARY KEY, city text, country text);
INSERT INTO shop_rare SELECT i, 'Town ' || i, (ARRAY['Canada','Portugal','Austria','Belgium','Chile','Norway'])[1 + i % 6]
FROM generate_series(1, 30) i;
SELECT is((SELECT count(DISTINCT country) FROM synth_clone(NULL::shop_rare, 600, seed => 5)),
          6::bigint, 'every country rare: as many other countries as the source has');

-- a state column of abbreviations ("CA", "QC", "NSW"), each held by a few
-- rows, gets abbreviations of the row's country; it got full names
-- ("California", "Île-de-France")
CREATE TABLE shop_states (id int PRIMARY KEY, city text, state text, country text);
INSERT INTO shop_states
SELECT i, 'Town ' || i,
       CASE WHEN i % 3 = 0 THEN (ARRAY['AL','AK','AZ','AR','CA','CO','CT','DE','FL','GA','HI','ID','IL','IN','IA',
                                      'KS','KY','LA','ME','MD','MA','MI','MN','MS','MO','MT','NE','NV','NH','NJ'])[1 + i % 30]
            WHEN i % 3 = 1 THEN (ARRAY['QC','ON','BC','AB','MB','SK','NS','NB','NL','PE','NT','YT','NU'])[1 + i % 13]
            ELSE (ARRAY['NSW','VIC','QLD','WA','SA','TAS','ACT','NT'])[1 + i % 8] END,
       CASE i % 3 WHEN 0 THEN 'USA' WHEN 1 THEN 'Canada' ELSE 'Australia' END
FROM generate_series(1, 150) i;
SELECT is((SELECT kind FROM synth_columns('shop_states') WHERE "column" = 'state'), 'state_abbr',
          'a state column of two or three capitals holds abbreviations');
SELECT is((SELECT count(*) FROM synth_clone(NULL::shop_states, 600, seed => 5) WHERE state !~ '^[A-Z]{2,3}$'),
          0::bigint, 'its clone''s states are abbreviations too');

-- a state that only some countries' addresses hold: its NULL share follows
-- the row's country (it was the same in every country: American rows lost
-- their states, French ones got regions); the rare countries share theirs
CREATE TABLE shop_addr (id int PRIMARY KEY, city text, state text, country text NOT NULL);
INSERT INTO shop_addr
SELECT i, 'Town ' || i,
       CASE WHEN c IN ('USA', 'Canada') THEN 'S' || i
            WHEN c IN ('France', 'Germany') THEN NULL
            WHEN (i / 10) % 2 = 0 THEN 'R' || i END, c
FROM (SELECT i, CASE WHEN i % 10 < 4 THEN 'USA' WHEN i % 10 < 6 THEN 'Canada' WHEN i % 10 < 8 THEN 'France'
                     WHEN i % 10 < 9 THEN 'Germany'
                     ELSE (ARRAY['Chile', 'Norway', 'Greece', 'Israel', 'Hungary'])[1 + (i / 10) % 5] END AS c
      FROM generate_series(1, 400) i) s;
CREATE TEMP TABLE sa AS SELECT * FROM synth_clone(NULL::shop_addr, 4000, seed => 3);
SELECT is((SELECT role || '/' || kind FROM synth_columns('shop_addr') WHERE "column" = 'state'), 'personal/state',
          'the state is a personal place');
SELECT is((SELECT count(*) FROM sa WHERE country IN ('USA', 'Canada') AND state IS NULL), 0::bigint,
          'American and Canadian rows keep their states (every source one has one)');
SELECT is((SELECT count(*) FROM sa WHERE country IN ('France', 'Germany') AND state IS NOT NULL), 0::bigint,
          'French and German rows get none (no source one has one)');
SELECT cmp_ok((SELECT abs(avg((state IS NULL)::int) - (SELECT avg((state IS NULL)::int) FROM shop_addr)) FROM sa),
              '<', 0.03::numeric, 'the state''s NULL share stays the source''s within 3 points');
SELECT cmp_ok((SELECT abs(avg((state IS NULL)::int) - 0.5) FROM sa WHERE country NOT IN ('USA', 'Canada', 'France', 'Germany')),
              '<', 0.1::numeric, 'the other countries share the rare ones'' NULL share (half)');
-- one country held by k rows, all the others rare (chinook's customers):
-- the country is outside the copula, and the American rows lost half their
-- states (the overall share, 49%, in every country)
CREATE TABLE shop_few (id int PRIMARY KEY, city text, state text, country text NOT NULL);
INSERT INTO shop_few
SELECT i, 'Town ' || i, CASE WHEN i <= 15 OR i % 3 = 0 THEN 'S' || i END,
       CASE WHEN i <= 15 THEN 'USA'
            ELSE (ARRAY['Canada', 'France', 'Germany', 'Brazil', 'Portugal', 'India', 'Chile', 'Norway', 'Spain',
                        'Italy', 'Austria', 'Poland', 'Sweden', 'Finland', 'Hungary'])[1 + i % 15] END
FROM generate_series(1, 60) i;
SELECT is((SELECT count(*) FROM synth_clone(NULL::shop_few, 3000, seed => 3) WHERE country = 'USA' AND state IS NULL),
          0::bigint, 'one country held by k rows among rare ones: its rows keep their states');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::shop_addr,
                   (SELECT jsonb_set(m, '{columns,2,semantics,null_by_country}', '[0.5]') FROM (SELECT synth_fit('shop_addr') AS m) x), 1)$$,
                 '22023', NULL, 'a NULL share per country of the wrong length is refused');

SELECT * FROM finish();
ROLLBACK;
