-- Unique personal columns: a personal column that a unique index covers
-- gets fakes of its kind that are distinct by construction (a keyed
-- permutation of the row index into the kind's fiction-safe values) and
-- valid of their kind, with the source's NULL share, so that
-- synth_clone_table of a production table with UNIQUE phones, national
-- ids, cards, IBANs, addresses... succeeds.
BEGIN;
SELECT plan(40);
SET LOCAL client_min_messages = warning;

CREATE TABLE ppl (
  id int PRIMARY KEY,
  full_name text UNIQUE,
  first_name text,
  email text UNIQUE,
  username text UNIQUE,
  phone text UNIQUE,
  ssn text UNIQUE,
  credit_card text UNIQUE,
  iban text UNIQUE,
  ip_address text UNIQUE,
  ipv6_address text UNIQUE,
  mac_address text UNIQUE,
  website text UNIQUE,
  street_address text UNIQUE,
  license_plate text UNIQUE,
  host inet UNIQUE,
  nic macaddr UNIQUE
);
INSERT INTO ppl SELECT i,
  fn || ' ' || i, split_part(fn, ' ', 1),
  'p' || i || '@mail.test', 'user' || i,
  CASE WHEN i % 10 = 0 THEN NULL ELSE '+1 555 ' || lpad(i::text, 7, '0') END,
  lpad((i % 1000)::text, 3, '0') || '-' || lpad((i / 1000 + 1)::text, 2, '0') || '-' || lpad((i * 7 % 10000)::text, 4, '0'),
  cc || i, ib || i,
  '10.' || (i / 65536) || '.' || (i / 256 % 256) || '.' || (i % 256),
  '2001:db8::' || to_hex(i),
  'aa:bb:cc:' || lpad(to_hex(i / 65536), 2, '0') || ':' || lpad(to_hex(i / 256 % 256), 2, '0') || ':' || lpad(to_hex(i % 256), 2, '0'),
  'https://www.site' || i || '.test/',
  i || ' Main Street',
  'AB-' || i,
  ('10.1.' || (i / 256 % 256) || '.' || (i % 256))::inet,
  ('08:00:2b:' || lpad(to_hex(i / 65536), 2, '0') || ':' || lpad(to_hex(i / 256 % 256), 2, '0') || ':' || lpad(to_hex(i % 256), 2, '0'))::macaddr
FROM synth_fake(20000, 'full_name', seed => 1) WITH ORDINALITY a(fn, i)
JOIN synth_fake(20000, 'credit_card', seed => 1) WITH ORDINALITY b(cc, i) USING (i)
JOIN synth_fake(20000, 'iban', seed => 1) WITH ORDINALITY c(ib, i) USING (i);
ANALYZE ppl;

-- 1-2: the roles
SELECT is((SELECT count(*) FROM synth_columns('ppl') WHERE role = 'personal' AND "unique"), 15::bigint,
          'every unique personal column is personal and unique');
SELECT results_eq($$SELECT "column", kind FROM synth_columns('ppl') WHERE "column" IN ('host', 'nic') ORDER BY 1$$,
                  $$VALUES ('host', 'ipv4'), ('nic', 'mac')$$,
                  'unique network address columns are addresses of their kind, not keys');

-- 3: 20,000 rows with every unique index in place
SELECT lives_ok($$SELECT synth_clone_table('ppl', 'ppl_clone', 20000, seed => 7)$$,
                'synth_clone_table succeeds at 20,000 rows with every unique index');

-- 4-18: every value distinct
SELECT is((SELECT count(DISTINCT full_name) FROM ppl_clone), 20000::bigint, 'full names are distinct');
SELECT is((SELECT count(DISTINCT email) FROM ppl_clone), 20000::bigint, 'emails are distinct');
SELECT is((SELECT count(DISTINCT username) FROM ppl_clone), 20000::bigint, 'usernames are distinct');
SELECT is((SELECT count(DISTINCT regexp_replace(phone, '[^0-9]', '', 'g')) = count(phone) FROM ppl_clone), true,
          'phone numbers are distinct as numbers, not only as strings');
SELECT is((SELECT count(DISTINCT ssn) FROM ppl_clone), 20000::bigint, 'national ids are distinct');
SELECT is((SELECT count(DISTINCT credit_card) FROM ppl_clone), 20000::bigint, 'card numbers are distinct');
SELECT is((SELECT count(DISTINCT iban) FROM ppl_clone), 20000::bigint, 'IBANs are distinct');
SELECT is((SELECT count(DISTINCT ip_address::inet) FROM ppl_clone), 20000::bigint, 'IPv4 addresses are distinct');
SELECT is((SELECT count(DISTINCT ipv6_address::inet) FROM ppl_clone), 20000::bigint, 'IPv6 addresses are distinct');
SELECT is((SELECT count(DISTINCT mac_address::macaddr) FROM ppl_clone), 20000::bigint, 'MAC addresses are distinct');
SELECT is((SELECT count(DISTINCT website) FROM ppl_clone), 20000::bigint, 'urls are distinct');
SELECT is((SELECT count(DISTINCT street_address) FROM ppl_clone), 20000::bigint, 'street addresses are distinct');
SELECT is((SELECT count(DISTINCT license_plate) FROM ppl_clone), 20000::bigint, 'license plates are distinct');
SELECT is((SELECT count(DISTINCT host) FROM ppl_clone), 20000::bigint, 'inet values are distinct');
SELECT is((SELECT count(DISTINCT nic) FROM ppl_clone), 20000::bigint, 'macaddr values are distinct');

-- 19-31: every value valid of its kind
SELECT is((SELECT count(*) FROM ppl_clone WHERE synth_fake_kind_of_value(full_name) IS DISTINCT FROM 'full_name'
             OR full_name !~ '^[[:upper:]][^ ]+ ([A-Z]\. ){0,2}[[:upper:]][^ ]+$'), 0::bigint,
          'full names are names: first, last, no number');
-- US fiction numbers: 555-0100 to 0199 (69,200 of them: enough for 20,000 rows)
SELECT is((SELECT count(*) FROM ppl_clone WHERE phone !~ '^(\([2-9][0-8][0-9]\) 555-01[0-9]{2}|[2-9][0-8][0-9]-555-01[0-9]{2}|\+1 [2-9][0-8][0-9] 555 01[0-9]{2})$'),
          0::bigint, 'phone numbers are NANP fiction numbers 555-01xx');
SELECT cmp_ok((SELECT abs(avg((phone IS NULL)::int) - 0.1) FROM ppl_clone)::float8, '<', 0.01::float8,
              'unique phones keep the source''s NULL share within 0.01');
SELECT is((SELECT count(*) FROM ppl_clone WHERE ssn !~ '^9[0-9]{2}-(0[1-9]|[1-4][0-9])-([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})$'),
          0::bigint, 'national ids are 9xx-01..49-xxxx, never an SSN nor an ITIN');
SELECT is((SELECT count(*) FROM ppl_clone WHERE synth_fake_kind_of_value(credit_card) IS DISTINCT FROM 'credit_card'
             OR left(credit_card, 6) NOT IN ('411111', '401288', '424242', '400005', '555555', '510510',
                                             '520082', '601111', '601100', '378282', '371449', '378734')
             OR length(credit_card) <> CASE WHEN credit_card LIKE '3%' THEN 15 ELSE 16 END),
          0::bigint, 'card numbers are Luhn-valid, of the test cards'' issuers and lengths');
SELECT is((SELECT count(*) FROM ppl_clone WHERE synth_fake_kind_of_value(iban) IS DISTINCT FROM 'iban'), 0::bigint,
          'IBANs have valid check digits');
SELECT is((SELECT count(*) FROM ppl_clone WHERE NOT (ip_address::inet <<= ANY (ARRAY['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '198.18.0.0/15']::inet[]))
             OR ip_address ~ '\.(0|255)$'), 0::bigint,
          'IPv4 addresses are documentation or benchmarking addresses, no network or broadcast address');
SELECT is((SELECT count(*) FROM ppl_clone WHERE ip_address::inet <<= ANY (ARRAY['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24']::inet[])),
          762::bigint, 'the documentation addresses (RFC 5737) are used first, each once');
SELECT is((SELECT count(*) FROM ppl_clone WHERE NOT ipv6_address::inet <<= '2001:db8::/32'), 0::bigint,
          'IPv6 addresses are documentation addresses');
SELECT is((SELECT count(*) FROM ppl_clone WHERE mac_address !~ '^[0-9a-f][26ae](:[0-9a-f]{2}){5}$'), 0::bigint,
          'MAC addresses are locally administered unicast');
SELECT is((SELECT count(*) FROM ppl_clone WHERE website !~ '^https://www\.[a-z0-9]+-[a-z0-9]+(-[0-9]+)?\.example\.(com|net|org)/$'),
          0::bigint, 'urls are at reserved example domains');
SELECT is((SELECT count(*) FROM ppl_clone WHERE synth_fake_kind_of_value(street_address) IS DISTINCT FROM 'street_address'),
          0::bigint, 'street addresses are street addresses');
SELECT is((SELECT count(*) FROM ppl_clone WHERE license_plate !~ '^[A-Z]{3}-[0-9]{4}$'), 0::bigint,
          'license plates have the US shape');

-- 32: no personal value of the source
SELECT is((SELECT count(*) FROM ppl_clone c JOIN ppl p ON c.phone = p.phone OR c.ssn = p.ssn OR c.credit_card = p.credit_card
             OR c.iban = p.iban OR c.full_name = p.full_name OR c.street_address = p.street_address), 0::bigint,
          'no source value in the clone');

-- 33-34: reproducible
SELECT is((SELECT md5(string_agg(c::text, ',' ORDER BY id)) FROM synth_clone(NULL::ppl, 3000, seed => 11) c),
          (SELECT md5(string_agg(c::text, ',' ORDER BY id)) FROM synth_clone(NULL::ppl, 3000, seed => 11) c),
          'the same seed gives the same unique values');
SELECT isnt((SELECT md5(string_agg(phone || ssn, ',' ORDER BY id)) FROM synth_clone(NULL::ppl, 3000, seed => 11) c),
            (SELECT md5(string_agg(phone || ssn, ',' ORDER BY id)) FROM synth_clone(NULL::ppl, 3000, seed => 12) c),
            'another seed gives other values');

-- 35-37: phones follow the row's country; Germany's 5,000 film numbers run
-- out and the rest are NANP numbers of area codes kept for expansion (N9X)
CREATE TABLE contacts (id int PRIMARY KEY, country text NOT NULL, phone text UNIQUE);
INSERT INTO contacts SELECT i, (ARRAY['United Kingdom', 'France', 'Germany', 'United States'])[1 + i % 4],
  '+' || (1000000000 + i)::text FROM generate_series(1, 20000) i;
ANALYZE contacts;
CREATE TEMP TABLE made AS SELECT synth_clone_table('contacts', 'contacts_clone', 20000, seed => 3);
SELECT is((SELECT count(DISTINCT regexp_replace(phone, '[^0-9]', '', 'g')) FROM contacts_clone), 20000::bigint,
          'phones of four countries are distinct');
SELECT is((SELECT count(*) FROM contacts_clone WHERE
             (country = 'United Kingdom' AND phone !~ '^\+44 (20 7946 0|1[1-9][0-9] 49[68] 0|28 9649 6|29 2018 0|1632 960|7700 900|808 157 0|909 879 0|306 999 0)[0-9]{3}$')
          OR (country = 'France' AND phone !~ '^\+33 (1 99 00|2 61 91|3 53 01|4 65 71|5 36 49|6 39 98) [0-9]{2} [0-9]{2}$')
          OR (country = 'United States' AND phone !~ '555[- ]01[0-9]{2}$')), 0::bigint,
          'British, French and US rows get their countries'' fiction numbers');
SELECT is((SELECT count(*) FILTER (WHERE phone ~ '^(\+49 |0)') > 0 AND count(*) FILTER (WHERE phone ~ '[2-9]9[0-9]\)? ?[- ]?[2-9][0-9]{2}') > 0
                  AND count(*) FILTER (WHERE phone !~ '^(\+49 |0)(30 23125|69 90009|40 66969|221 4710|89 99998)[0-9]{3}$'
                                         AND phone !~ '^(\(|\+1 )?[2-9]9[0-9]') = 0
           FROM contacts_clone WHERE country = 'Germany'), true,
          'German rows: film numbers, then NANP expansion area codes');

-- 38-39: a personal primary key, and a German table
CREATE TABLE accounts (email text PRIMARY KEY, plan text);
INSERT INTO accounts SELECT 'a' || i || '@mail.test', (ARRAY['free', 'pro'])[1 + i % 2] FROM generate_series(1, 500) i;
SELECT is((SELECT role || ' ' || "unique" FROM synth_columns('accounts') WHERE "column" = 'email'), 'personal true',
          'a primary key of emails is personal data kept unique, not row numbers');
CREATE TABLE kunden (id int PRIMARY KEY, country text, ssn text UNIQUE, iban text UNIQUE, street_address text UNIQUE, license_plate text UNIQUE);
INSERT INTO kunden SELECT i, 'Germany', '1' || lpad(i::text, 10, '0'), 'DE00' || lpad(i::text, 18, '0'), 'Hauptstraße ' || i, 'B-X ' || i
FROM generate_series(1, 3000) i;
ANALYZE kunden;
CREATE FUNCTION pg_temp.taxid_ok(t text) RETURNS bool LANGUAGE plpgsql AS $$
DECLARE p int := 10; s int;
BEGIN
  IF t !~ '^[1-9][0-9]{10}$' THEN RETURN false; END IF;
  FOR i IN 1..10 LOOP
    s := (substr(t, i, 1)::int + p) % 10;
    IF s = 0 THEN s := 10; END IF;
    p := (s * 2) % 11;
  END LOOP;
  RETURN substr(t, 11, 1)::int = (11 - p) % 10;
END $$;
SELECT is((SELECT count(DISTINCT ssn) FILTER (WHERE pg_temp.taxid_ok(ssn))
                + count(DISTINCT iban) FILTER (WHERE synth_fake_kind_of_value(iban) = 'iban' AND iban LIKE 'DE%')
                + count(DISTINCT street_address) FILTER (WHERE street_address ~ '^[[:alpha:]äöüß]+ [0-9]+[a-z]?$')
                + count(DISTINCT license_plate) FILTER (WHERE license_plate ~ '^[[:upper:]ÄÖÜ]{1,3}-[A-Z]{1,2} [0-9]{1,4}$')
           FROM synth_clone(NULL::kunden, 3000, seed => 5)), 12000::bigint,
          'German rows: distinct tax ids with their check digit, German IBANs, streets and plates');

-- 40: past the last of its kind's values (48,995,100 national ids) a row fails with a clear error, not a duplicate
SELECT throws_ok(format($$SELECT count(*) FROM synth_sample(NULL::ppl, %L::jsonb, 10, 1, 48995100 - 5)$$, synth_fit('ppl')),
                 '54000', NULL, 'a unique kind that runs out of values says so');

SELECT * FROM finish();
ROLLBACK;
