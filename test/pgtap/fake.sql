-- pgTAP: fake values -- reproducibility, row-index properties, person
-- consistency, validity of every identifier kind, inference, locales.
BEGIN;
SELECT plan(50);

-- helpers for the checks (dropped with the transaction)
CREATE FUNCTION pg_temp.slug(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT regexp_replace(
             translate(replace(replace(replace(replace(lower(s), 'ä', 'ae'), 'ö', 'oe'),
                                       'ü', 'ue'), 'ß', 'ss'),
                       'ışğéèáàíóúñç', 'isgeeaaiounc'),
             '[^a-z0-9]', '', 'g')
$$;
CREATE FUNCTION pg_temp.luhn_ok(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT sum(CASE WHEN i % 2 = 1
                    THEN (d * 2) / 10 + (d * 2) % 10
                    ELSE d END) % 10 = 0
    FROM (SELECT substr(reverse(s), i, 1)::int AS d, i - 1 AS i
          FROM generate_series(1, length(s)) i) t
$$;
CREATE FUNCTION pg_temp.iban_ok(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT string_agg(CASE WHEN c ~ '[A-Z]' THEN (ascii(c) - 55)::text ELSE c END, '' ORDER BY i)::numeric % 97 = 1
    FROM regexp_split_to_table(substr(s, 5) || substr(s, 1, 4), '') WITH ORDINALITY t(c, i)
$$;

-- ---- reproducibility and row indices ----
SELECT results_eq(
    $$SELECT x FROM synth_fake(200, 'email', seed => 7) x$$,
    $$SELECT x FROM synth_fake(200, 'email', seed => 7) x$$,
    'same seed, same emails');
SELECT isnt(
    (SELECT string_agg(x, ',') FROM synth_fake(50, 'full_name', seed => 7) x),
    (SELECT string_agg(x, ',') FROM synth_fake(50, 'full_name', seed => 8) x),
    'another seed, other names');
SELECT results_eq(
    $$SELECT x FROM synth_fake(10, 'street_address', seed => 7) x$$,
    $$SELECT x FROM synth_fake(100000, 'street_address', seed => 7) x LIMIT 10$$,
    'the first 10 rows do not depend on n');
SELECT results_eq(
    $$SELECT x FROM synth_fake(50, 'paragraph', 'de', seed => 7, start => 50) x$$,
    $$SELECT x FROM synth_fake(100, 'paragraph', 'de', seed => 7) WITH ORDINALITY t(x, i) WHERE i > 50$$,
    'start => 50 gives rows 51-100');
SELECT results_eq(
    $$SELECT x FROM synth_fake(300, 'email', seed => 3) x$$,
    $$SELECT x FROM (SELECT x FROM synth_fake(100, 'email', seed => 3) x
                     UNION ALL SELECT x FROM synth_fake(100, 'email', seed => 3, start => 100) x
                     UNION ALL SELECT x FROM synth_fake(100, 'email', seed => 3, start => 200) x) s$$,
    'three batches of 100 emails are one call of 300');
SELECT results_eq(
    $$SELECT x FROM synth_fake_pattern(100, 'AA-9999', seed => 3, start => 40) x$$,
    $$SELECT x FROM synth_fake_pattern(140, 'AA-9999', seed => 3) WITH ORDINALITY t(x, i) WHERE i > 40$$,
    'patterns honour start');
SELECT results_eq(
    $$SELECT x FROM synth_fake_text(30, 10, 90, seed => 3, start => 5) x$$,
    $$SELECT x FROM synth_fake_text(35, 10, 90, seed => 3) WITH ORDINALITY t(x, i) WHERE i > 5$$,
    'free text honours start');
SELECT is(
    (SELECT count(*) FROM synth_fake(100, 'city', seed => NULL)),
    100::bigint, 'seed NULL draws a seed');

-- ---- one person per (seed, row) ----
CREATE TEMP TABLE people AS
SELECT i, loc, f.first, l.last, n.fullname, e.email, u.username, b.birth::date AS birth, a.age::int AS age, g.gender
FROM (VALUES ('en'), ('de')) v(loc),
LATERAL (SELECT * FROM synth_fake(2000, 'first_name', loc, seed => 99) WITH ORDINALITY f(first, i)) f
JOIN LATERAL synth_fake(2000, 'last_name', loc, seed => 99) WITH ORDINALITY l(last, i) USING (i)
JOIN LATERAL synth_fake(2000, 'full_name', loc, seed => 99) WITH ORDINALITY n(fullname, i) USING (i)
JOIN LATERAL synth_fake(2000, 'email', loc, seed => 99) WITH ORDINALITY e(email, i) USING (i)
JOIN LATERAL synth_fake(2000, 'username', loc, seed => 99) WITH ORDINALITY u(username, i) USING (i)
JOIN LATERAL synth_fake(2000, 'birth_date', loc, seed => 99) WITH ORDINALITY b(birth, i) USING (i)
JOIN LATERAL synth_fake(2000, 'age', loc, seed => 99) WITH ORDINALITY a(age, i) USING (i)
JOIN LATERAL synth_fake(2000, 'gender', loc, seed => 99) WITH ORDINALITY g(gender, i) USING (i);

SELECT is((SELECT count(*) FROM people), 4000::bigint, 'people: 2000 rows per locale');
SELECT is_empty($$SELECT * FROM people WHERE fullname <> first || ' ' || last$$,
    'full_name of row i is first_name and last_name of row i');
SELECT is_empty($$SELECT * FROM people WHERE position(pg_temp.slug(last) IN email) = 0$$,
    'email of row i contains the transliterated last name of row i');
SELECT is_empty($$SELECT * FROM people
                  WHERE position(pg_temp.slug(last) IN username) = 0
                    AND position(pg_temp.slug(first) IN username) = 0$$,
    'username of row i is built from the name of row i');
SELECT is_empty($$SELECT * FROM people
                  WHERE extract(year FROM age(date '2025-01-01', birth))::int <> age$$,
    'age is the age on 2025-01-01 of the birth date of the same row');
SELECT ok((SELECT min(age) >= 18 AND max(age) <= 95 FROM people),
    'ages are adult ages, 18 to 95');
SELECT ok((SELECT count(*) FILTER (WHERE gender = 'female') BETWEEN 1800 AND 2200 FROM people),
    'about half of the people are female');

-- ---- one place per (seed, row) ----
SELECT is_empty($$
    SELECT * FROM synth_fake(1000, 'city', seed => 5) WITH ORDINALITY c(c, i)
    JOIN synth_fake(1000, 'latitude', seed => 5) WITH ORDINALITY la(la, i) USING (i)
    JOIN synth_fake(1000, 'state_abbr', seed => 5) WITH ORDINALITY s(s, i) USING (i)
    WHERE (c = 'Anchorage' AND (s <> 'AK' OR la::float8 NOT BETWEEN 61 AND 61.5))
       OR (c = 'Miami' AND (s <> 'FL' OR la::float8 NOT BETWEEN 25.5 AND 26))
       OR la::float8 NOT BETWEEN 19 AND 65$$,
    'city, state and latitude of a row belong to the same place');
SELECT ok((SELECT count(DISTINCT c) >= 150 FROM synth_fake(5000, 'city', seed => 5) c),
    'at least 150 distinct cities in 5000 rows');

-- ---- validity of generated identifiers ----
SELECT is_empty($$SELECT e FROM (SELECT synth_fake(5000, 'email', seed => 1) e
                                  UNION ALL SELECT synth_fake(5000, 'email', 'de', seed => 1)) t
                  WHERE e !~ '^[a-z0-9][a-z0-9._%+-]*@([a-z0-9-]+\.)*example\.(com|net|org)$'$$,
    'emails are well-formed and use only the reserved example domains');
SELECT is_empty($$SELECT u FROM synth_fake(5000, 'url', seed => 1) u
                  WHERE u !~ '^https://www\.[a-z0-9-]+\.example\.(com|net|org)/[a-z]*$'$$,
    'urls live under the reserved example domains');
SELECT is_empty($$SELECT c FROM synth_fake(10000, 'credit_card', seed => 1) c
                  WHERE NOT pg_temp.luhn_ok(c) OR c !~ '^(4\d{15}|5[1-5]\d{14}|3[47]\d{13}|6011\d{12})$'$$,
    'credit card numbers pass the Luhn check and have a card network prefix');
SELECT is_empty($$SELECT c FROM synth_fake(2000, 'iban', seed => 1) c
                  WHERE NOT pg_temp.iban_ok(c) OR c !~ '^GB\d{2}[A-Z]{4}\d{14}$'$$,
    'English-locale IBANs: GB format, valid check digits');
SELECT is_empty($$SELECT c FROM synth_fake(2000, 'iban', 'de', seed => 1) c
                  WHERE NOT pg_temp.iban_ok(c) OR c !~ '^DE\d{20}$'$$,
    'German-locale IBANs: DE format, valid check digits');
SELECT is_empty($$SELECT ip FROM synth_fake(5000, 'ipv4', seed => 1) ip
                  WHERE NOT ip::inet <<= ANY ('{192.0.2.0/24,198.51.100.0/24,203.0.113.0/24}'::inet[])$$,
    'IPv4 addresses are in the documentation ranges');
SELECT is_empty($$SELECT ip FROM synth_fake(5000, 'ipv6', seed => 1) ip
                  WHERE NOT ip::inet << '2001:db8::/32' OR host(ip::inet) <> ip$$,
    'IPv6 addresses are in 2001:db8::/32 and printed canonically');
SELECT is_empty($$SELECT m FROM synth_fake(5000, 'mac', seed => 1) m
                  WHERE (('x' || substr(m, 1, 2))::bit(8)::int & 3) <> 2 OR m::macaddr::text <> m$$,
    'MAC addresses are locally administered unicast');
SELECT is_empty($$SELECT u FROM synth_fake(5000, 'uuid', seed => 1) u
                  WHERE u::uuid::text <> u OR substr(u, 15, 1) <> '4' OR substr(u, 20, 1) NOT IN ('8', '9', 'a', 'b')$$,
    'UUIDs are version 4, variant 1');
SELECT is_empty($$SELECT p FROM synth_fake(5000, 'phone', seed => 1) p
                  WHERE p !~ '^(\(\d{3}\) 555-01\d\d|\d{3}-555-01\d\d|\+1 \d{3} 555 01\d\d)$'$$,
    'US phone numbers are in the fictional 555-0100..0199 range');
SELECT is_empty($$SELECT p FROM synth_fake(5000, 'phone', 'de', seed => 1) p
                  WHERE regexp_replace(p, '^(\+49 |0)', '') !~ '^(30 23125|69 90009|40 66969|221 4710|89 99998)\d{3}$'$$,
    'German phone numbers are in the ranges set aside for fiction');
SELECT is_empty($$SELECT s FROM synth_fake(5000, 'ssn', seed => 1) s
                  WHERE s !~ '^9\d\d-(0[1-9]|[1-4]\d)-\d{4}$' OR right(s, 4) = '0000'$$,
    'SSNs have area 900-999 and group 01-49: never issued');
SELECT is_empty($$SELECT z FROM synth_fake(5000, 'postal_code', seed => 1) z WHERE z !~ '^\d{5}$'$$,
    'US postal codes have five digits');
SELECT is_empty($$SELECT b FROM synth_fake(3000, 'birth_date', seed => 1) b
                  WHERE b::date NOT BETWEEN date '1929-01-01' AND date '2007-01-01'$$,
    'birth dates are of people aged 18 to 95 on 2025-01-01');

-- ---- lengths ----
SELECT is_empty($$SELECT t FROM synth_fake(2000, 'paragraph', 'de', seed => 2, max_length => 40) t
                  WHERE char_length(t) > 40 OR char_length(t) < 20 OR t !~ '\.$'$$,
    'max_length: paragraphs are generated to fit, ending with a period');
SELECT is_empty($$SELECT t FROM synth_fake(2000, 'city', 'de', seed => 2, max_length => 3) t
                  WHERE char_length(t) > 3$$,
    'max_length cuts other kinds at a character boundary');
SELECT is_empty($$SELECT t FROM synth_fake_text(5000, 30, 60, 'de', seed => 2) t
                  WHERE char_length(t) NOT BETWEEN 30 AND 60$$,
    'synth_fake_text lengths stay within [min_length, max_length]');

SELECT is_empty($$SELECT t FROM (SELECT synth_fake(2000, 'sentence', seed => 2) t
                                  UNION ALL SELECT synth_fake(2000, 'sentence', 'de', seed => 2)) s
                  WHERE t !~ '^[A-ZÄÖÜ][^.]* [^.]* [^.]*[a-zäöüß]\.$'$$,
    'sentences: capital first letter, at least three words, one final period');

-- ---- variety ----
SELECT cmp_ok((SELECT count(DISTINCT x) FROM synth_fake(10000, 'full_name', seed => 4) x), '>', 5000::bigint,
    '10,000 full names have more than 5,000 distinct values');
SELECT cmp_ok((SELECT count(DISTINCT x) FROM synth_fake(10000, 'email', seed => 4) x), '>', 9000::bigint,
    '10,000 emails have more than 9,000 distinct values');
SELECT cmp_ok((SELECT count(DISTINCT x) FROM synth_fake(1000, 'sentence', seed => 4) x), '=', 1000::bigint,
    '1,000 sentences are all distinct');

-- ---- locales ----
-- about 17 of the 152 German surnames (Schmidt, Weber, Martin...) are
-- English-locale ones too: expect about 110 of 1000, allow 200
SELECT cmp_ok((SELECT count(*) FROM synth_fake(1000, 'last_name', 'de', seed => 4) d
               WHERE d IN (SELECT synth_fake(20000, 'last_name', 'en', seed => 5))), '<', 200::bigint,
    'German last names are mostly not English ones');
SELECT ok((SELECT bool_and(c ~ '^[0-9]{5}$') AND count(*) FILTER (WHERE c ~ '^0') > 0
           FROM synth_fake(2000, 'postal_code', 'de', seed => 4) c),
    'German postal codes have five digits, leading zeros included');
SELECT ok((SELECT count(*) FILTER (WHERE s ~ '(straße|weg|allee|ring|gasse|platz|steig|damm) \d+[a-d]?$') = 1000
           FROM synth_fake(1000, 'street_address', 'de', seed => 4) s),
    'German street addresses put the number after the street');

-- ---- inference from column names (97 that name a kind, 35 that do not) ----
SELECT is_empty($$
    SELECT c, expected, synth_fake_kind_of_column(c) AS got
    FROM (VALUES
        ('email', 'email'), ('customer_email', 'email'), ('e_mail', 'email'), ('EmailAddress', 'email'),
        ('mail', 'email'), ('first_name', 'first_name'), ('firstName', 'first_name'), ('given_name', 'first_name'),
        ('fname', 'first_name'), ('last_name', 'last_name'), ('surname', 'last_name'), ('family_name', 'last_name'),
        ('name', 'full_name'), ('full_name', 'full_name'), ('customer_name', 'full_name'), ('contact_name', 'full_name'),
        ('username', 'username'), ('login', 'username'), ('handle', 'username'), ('user_name', 'username'),
        ('phone', 'phone'), ('mobile', 'phone'), ('tel', 'phone'), ('fax', 'phone'), ('phone_number', 'phone'),
        ('address', 'street_address'), ('street', 'street_address'), ('address_line1', 'street_address'),
        ('billing_address', 'street_address'), ('address_line2', 'address_line2'),
        ('city', 'city'), ('billing_city', 'city'), ('town', 'city'), ('state', 'state'), ('region', 'state'),
        ('province', 'state'), ('country', 'country'), ('country_code', 'country_code'), ('zip', 'postal_code'),
        ('postcode', 'postal_code'), ('postal_code', 'postal_code'), ('ZIPCode', 'postal_code'),
        ('company', 'company'), ('organisation', 'company'), ('employer', 'company'), ('company_name', 'company'),
        ('job_title', 'job_title'), ('title', 'job_title'), ('position', 'job_title'), ('occupation', 'job_title'),
        ('url', 'url'), ('website', 'url'), ('homepage', 'url'), ('ip', 'ipv4'), ('ip_address', 'ipv4'),
        ('IPAddress', 'ipv4'), ('ipv6_address', 'ipv6'), ('mac', 'mac'), ('mac_address', 'mac'),
        ('ssn', 'ssn'), ('national_id', 'ssn'), ('iban', 'iban'), ('credit_card', 'credit_card'),
        ('card_number', 'credit_card'), ('lat', 'latitude'), ('latitude', 'latitude'), ('lon', 'longitude'),
        ('lng', 'longitude'), ('long', 'longitude'), ('longitude', 'longitude'), ('description', 'paragraph'),
        ('bio', 'paragraph'), ('comment', 'sentence'), ('notes', 'sentence'), ('remarks', 'sentence'),
        ('date_of_birth', 'birth_date'), ('birth_date', 'birth_date'), ('dob', 'birth_date'), ('age', 'age'),
        ('gender', 'gender'), ('license_plate', 'license_plate'),
        ('customer_first_name', 'first_name'), ('ship_to_city', 'city'), ('contactPhone', 'phone'),
        ('workPhoneNumber', 'phone'), ('AddressLine2', 'address_line2'), ('user_email_address', 'email'),
        ('zip_plus4', 'postal_code'), ('state_province', 'state'), ('country_of_origin', 'country'),
        ('employer_name', 'company'), ('StateCode', 'state_abbr'), ('countryIso2', 'country_code'),
        ('client_ip', 'ipv4'), ('mac_addr', 'mac'), ('DisplayName', 'full_name'), ('jobTitle', 'job_title')
    ) v(c, expected)
    WHERE synth_fake_kind_of_column(c) IS DISTINCT FROM expected$$,
    'column names map to the kinds an expert expects');
SELECT is_empty($$
    SELECT c, synth_fake_kind_of_column(c) AS got
    FROM unnest(ARRAY['statement', 'citycode', 'city_id', 'email_verified', 'is_email_confirmed',
                      'product_name', 'file_name', 'order_state', 'status', 'created_at', 'phone_count',
                      'num_phones', 'birth_weight', 'book_title', 'last_login', 'longitude_precision',
                      'description_length', 'name_id', 'id', 'price', 'quantity', 'stateful', 'zipper',
                      'county', 'mailbox', 'page_url_hash', 'ip_count', 'phone_ext', 'street_number',
                      'house_number', 'sales_region', 'password', 'user_agent', 'sku', 'company_id']) c
    WHERE synth_fake_kind_of_column(c) IS NOT NULL$$,
    'names that only look like a kind get none');

-- ---- inference from values ----
SELECT is_empty($$
    SELECT v, expected, synth_fake_kind_of_value(v) AS got
    FROM (VALUES
        ('maria.lopez@example.net', 'email'), ('a.b+c@mail.example.co.uk', 'email'),
        ('https://www.example.com/x?y=1', 'url'), ('www.example.org', 'url'),
        ('192.0.2.17', 'ipv4'), ('2001:db8::1', 'ipv6'), ('fe80::1ff:fe23:4567:890a', 'ipv6'),
        ('02:1a:2b:3c:4d:5e', 'mac'), ('02-1A-2B-3C-4D-5E', 'mac'),
        ('123e4567-e89b-42d3-a456-426614174000', 'uuid'),
        ('(212) 555-0147', 'phone'), ('+49 30 23125123', 'phone'), ('212-555-0147', 'phone'),
        ('078-05-1120', 'ssn'), ('GB82 WEST 1234 5698 7654 32', 'iban'), ('DE89370400440532013000', 'iban'),
        ('4111111111111111', 'credit_card'), ('3782 822463 10005', 'credit_card'),
        ('12345-6789', 'postal_code'), ('Maria Lopez', 'full_name'), ('Jürgen Müller', 'full_name'),
        ('Jennifer', 'first_name'), ('Okonkwo', 'last_name'), ('Chicago', 'city'), ('Köln', 'city')
    ) v(v, expected)
    WHERE synth_fake_kind_of_value(v) IS DISTINCT FROM expected$$,
    'values are recognised by pattern and check digits');
SELECT is_empty($$
    SELECT v, synth_fake_kind_of_value(v) AS got
    FROM unnest(ARRAY['hello world', '2024-01-15', '3.14159', '42', '4111111111111112',
                      'GB83WEST12345698765432', 'not@an', '999.1.1.1', 'Blue Widget', '',
                      '12345', 'true', '1.2.3', 'a:b']) v
    WHERE synth_fake_kind_of_value(v) IS NOT NULL$$,
    'ordinary values and broken check digits are not PII');
SELECT is_empty($$
    SELECT x, synth_fake_kind_of_value(x)
    FROM (SELECT k.kind, synth_fake(200, k.kind, seed => 6) x
          FROM (VALUES ('email'), ('ipv4'), ('ipv6'), ('mac'), ('uuid'), ('phone'), ('ssn'),
                       ('iban'), ('credit_card'), ('url')) k(kind)) t
    WHERE synth_fake_kind_of_value(x) IS DISTINCT FROM kind$$,
    'every generated identifier is recognised as its own kind');

-- ---- formats ----
SELECT is_empty($$
    SELECT v, p, x
    FROM (VALUES ('AB-1234'), ('MRN 0012-x7'), ('Order #42?'), ('a.b@c 99 ZZ*'), ('Größe\9')) t(v),
         LATERAL synth_fake_pattern_of(v) p,
         LATERAL synth_fake_pattern(500, p, seed => 8) x
    WHERE synth_fake_pattern_of(x) <> p OR synth_fake_pattern_of(v) <> p$$,
    'values made from the pattern of a value have that same pattern');

-- ---- errors ----
SELECT throws_ok($$SELECT synth_fake(1, 'nonsense')$$, '22023', 'unknown fake kind "nonsense"', 'unknown kind');
SELECT throws_ok($$SELECT synth_fake(1, 'email', 'xx')$$, '22023', 'unknown fake locale "xx"', 'unknown locale');
SELECT throws_ok($$SELECT synth_fake_pattern(1, 'A\')$$, '22023', 'invalid fake pattern "A\"', 'bad pattern');

SELECT * FROM finish();
ROLLBACK;
