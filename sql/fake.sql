-- Fake values: kinds, locales, patterns, inference, errors.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;

-- The catalogue: every kind with its value type and the first value of
-- synth_fake(1, kind, seed => 1).
SELECT kind, value_type, example FROM synth_fake_kinds();

-- One person per (seed, row): names, email, username, birth date and age
-- agree.
SELECT f.n, e.e, u.u, g.g, b.b, a.a
FROM synth_fake(8, 'full_name', seed => 42) WITH ORDINALITY f(n, i)
JOIN synth_fake(8, 'email', seed => 42) WITH ORDINALITY e(e, i) USING (i)
JOIN synth_fake(8, 'username', seed => 42) WITH ORDINALITY u(u, i) USING (i)
JOIN synth_fake(8, 'gender', seed => 42) WITH ORDINALITY g(g, i) USING (i)
JOIN synth_fake(8, 'birth_date', seed => 42) WITH ORDINALITY b(b, i) USING (i)
JOIN synth_fake(8, 'age', seed => 42) WITH ORDINALITY a(a, i) USING (i)
ORDER BY i;

-- One place per (seed, row): city, state, postal code, coordinates.
SELECT c.c, s.s, z.z, la.la, lo.lo
FROM synth_fake(6, 'city', seed => 42) WITH ORDINALITY c(c, i)
JOIN synth_fake(6, 'state', seed => 42) WITH ORDINALITY s(s, i) USING (i)
JOIN synth_fake(6, 'postal_code', seed => 42) WITH ORDINALITY z(z, i) USING (i)
JOIN synth_fake(6, 'latitude', seed => 42) WITH ORDINALITY la(la, i) USING (i)
JOIN synth_fake(6, 'longitude', seed => 42) WITH ORDINALITY lo(lo, i) USING (i)
ORDER BY i;

-- Contact and business kinds, English.
SELECT synth_fake(5, 'phone', seed => 7) AS phone,
       synth_fake(5, 'street_address', seed => 7) AS street,
       synth_fake(5, 'company', seed => 7) AS company,
       synth_fake(5, 'job_title', seed => 7) AS job;

-- The German locale: its own names, places, streets, phones, plates, IBANs.
SELECT synth_fake(6, 'full_name', 'de', seed => 3) AS name,
       synth_fake(6, 'email', 'de', seed => 3) AS email,
       synth_fake(6, 'street_address', 'de', seed => 3) AS street,
       synth_fake(6, 'postal_code', 'de', seed => 3) AS plz,
       synth_fake(6, 'city', 'de', seed => 3) AS city;
SELECT synth_fake(4, 'phone', 'de', seed => 3) AS phone,
       synth_fake(4, 'license_plate', 'de', seed => 3) AS plate,
       synth_fake(4, 'iban', 'de', seed => 3) AS iban,
       synth_fake(4, 'company', 'DE_de', seed => 3) AS company;

-- Identifiers.
SELECT synth_fake(4, 'ssn', seed => 5) AS ssn,
       synth_fake(4, 'iban', seed => 5) AS iban,
       synth_fake(4, 'credit_card', seed => 5) AS card,
       synth_fake(4, 'license_plate', seed => 5) AS plate;
SELECT synth_fake(4, 'ipv4', seed => 5) AS ipv4,
       synth_fake(4, 'ipv6', seed => 5) AS ipv6,
       synth_fake(4, 'mac', seed => 5) AS mac,
       synth_fake(4, 'uuid', seed => 5) AS uuid;

-- Text.
SELECT synth_fake(3, 'sentence', seed => 9);
SELECT synth_fake(2, 'sentence', 'de', seed => 9);
SELECT length(p) > 60 AS long_enough, p ~ '^[A-Z].*\.$' AS shape
FROM synth_fake(3, 'paragraph', seed => 9) p;

-- Kind names are case-insensitive and have aliases.
SELECT synth_fake(1, 'Name', seed => 1) = synth_fake(1, 'full_name', seed => 1) AS alias,
       synth_fake(1, 'EMAIL', seed => 1) = synth_fake(1, 'email', seed => 1) AS upper;

-- start: rows 3-4 of a call of 5 rows.
SELECT synth_fake(2, 'email', seed => 11, start => 2)
EXCEPT ALL
SELECT e FROM synth_fake(5, 'email', seed => 11) WITH ORDINALITY t(e, i) WHERE i IN (3, 4);

-- Patterns.
SELECT synth_fake_pattern(5, 'AA-9999', seed => 1) AS plate,
       synth_fake_pattern(5, 'ORD-#99999', seed => 1) AS orderno,
       synth_fake_pattern(5, 'XXXX-xxxx-hhhh', seed => 1) AS mixed,
       synth_fake_pattern(5, '\A\9-a?*H', seed => 1) AS escaped;
SELECT synth_fake_pattern(2, '', seed => 1) = '' AS empty_ok;
SELECT synth_fake_pattern(1, 'Größe 99 \ä\A', seed => 1) AS multibyte;

-- Session stream: reproducible after synth_setseed.
SELECT synth_setseed(123);
SELECT synth_random_fake('full_name') AS a, synth_random_fake('email') AS b;
SELECT synth_setseed(123);
SELECT synth_random_fake('full_name') AS a, synth_random_fake('email') AS b;

-- Inference from column names.
SELECT c, synth_fake_kind_of_column(c)
FROM unnest(ARRAY['email', 'customer_email', 'billingCity', 'first_name', 'LastName',
                  'product_name', 'statement', 'citycode', 'city_id', 'zip_code',
                  'IPAddress', 'date_of_birth', 'email_verified', 'notes']) c;

-- Inference from values.
SELECT v, synth_fake_kind_of_value(v)
FROM unnest(ARRAY['maria.lopez@example.net', '192.0.2.17', '2001:db8::1',
                  '(212) 555-0147', 'GB82WEST12345698765432', '4111 1111 1111 1111',
                  '4111 1111 1111 1112', 'Maria Lopez', 'Chicago', 'hello world',
                  '2024-01-15', '3.14159']) v;
SELECT synth_fake_kind_of_value(NULL) IS NULL AS strict_null;

-- Errors.
SELECT synth_fake(1, 'nonsense');
SELECT synth_fake(1, 'none');
SELECT synth_fake(1, 'email', 'xx');
SELECT synth_fake(1, NULL);
SELECT synth_fake(1, 'email', NULL);
SELECT synth_fake(-1, 'email');
SELECT synth_fake(1, 'email', start => -1);
SELECT synth_random_fake('nonsense');
SELECT synth_fake_pattern(1, 'AB\');
SELECT synth_fake_pattern(1, NULL);
SELECT synth_fake(1, 'sentence', max_length => 0);
SELECT synth_fake_text(1, 10, 5);
SELECT synth_fake_text(1, -1, 5);
SELECT synth_fake_text(1, 0, 5, 'zz');

-- Lengths: generated to fit, or cut at a character boundary.
SELECT t, char_length(t) FROM synth_fake(3, 'sentence', seed => 2, max_length => 30) t;
SELECT t, char_length(t) FROM synth_fake(3, 'city', 'de', seed => 2, max_length => 5) t;
SELECT t, char_length(t) FROM synth_fake_text(4, 10, 40, 'de', seed => 2) t;

-- The pattern of a value, and values of the same format.
SELECT v, synth_fake_pattern_of(v) AS pattern
FROM unnest(ARRAY['AB-1234', 'Order #42?', 'MRN 0012-x7', 'c:\tmp*', 'Größe 9', '']) v;
SELECT synth_fake_pattern(3, synth_fake_pattern_of('Order #42?'), seed => 1);
