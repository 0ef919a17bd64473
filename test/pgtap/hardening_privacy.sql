-- Real values that must not leak: imputation of personal, identifier and
-- free-text columns; personal data repeated across rows in a clone; the
-- evaluation report; fake values of a role without a kind; continuous
-- values (timestamps) of a clone.  Production-shaped tables, generated
-- deterministically: patients with names, emails, phones, addresses, record
-- numbers and notes that name the patient; orders that repeat a customer's
-- name, address and email on each order; events with near-unique
-- timestamps.
BEGIN;
SELECT plan(48);
SET LOCAL client_min_messages = warning;

-- ---------------------------------------------------------------------------
-- the tables
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE hp_patients (
    id integer PRIMARY KEY,
    mrn text,
    full_name text NOT NULL,
    email text,
    phone text,
    street_address text,
    birth_date date,
    admitted_at timestamptz NOT NULL,
    ward text NOT NULL,
    insurer text,
    systolic integer,
    notes text
);
INSERT INTO hp_patients
SELECT i,
       CASE WHEN i % 50 = 0 THEN NULL ELSE 'MRN-' || lpad(((i * 7919) % 1000003)::text, 7, '0') END,
       f || ' ' || l,
       CASE WHEN i % 9 = 0 THEN NULL
            ELSE lower(f) || '.' || lower(l) || i || '@mailhost' || (i % 7) || '.com' END,
       CASE WHEN i % 13 = 0 THEN NULL
            ELSE '(' || (200 + i % 700) || ') ' || lpad(((i * 3137) % 10000000)::text, 7, '0') END,
       CASE WHEN i % 17 = 0 THEN NULL ELSE (100 + (i * 37) % 9000) || ' ' || s || ' St' END,
       date '1940-01-01' + (i * 7919) % 25000,
       timestamptz '2023-01-01 00:00:00+00' + ((i * 104729) % 31536000) * interval '1 second'
           + ((i * 7) % 1000000) * interval '1 microsecond',
       (ARRAY['cardiology', 'oncology', 'neurology', 'orthopedics', 'pediatrics'])[1 + i % 5],
       CASE WHEN i % 667 = 5 THEN 'Zenith Mutual Co-op'
            WHEN i % 3 = 0 THEN 'Blue Shield' ELSE 'Acme Health' END,
       CASE WHEN i % 11 = 0 THEN NULL ELSE 100 + (i * 13) % 60 END,
       CASE WHEN i % 4 = 0 THEN NULL
            WHEN i % 401 = 1 THEN 'Patient Margaret Okafor (MRN-0004711) called about refill; callback 555-0199.'
            ELSE 'Seen ' || f || ' ' || l || ' (MRN-' || lpad(((i * 7919) % 1000003)::text, 7, '0')
                 || ') for follow-up; plan reviewed.' END
FROM generate_series(1, 2000) i,
     LATERAL (SELECT (ARRAY['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda',
                            'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph'])[1 + (i * 31) % 15] AS f,
                     (ARRAY['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis',
                            'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson',
                            'Thomas', 'Taylor'])[1 + (i * 5) % 17] AS l,
                     (ARRAY['Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Birch', 'Walnut', 'Chestnut'])[1 + i % 8] AS s) n;

-- 60 customers with about 267 orders each: every name, address and email is
-- held by far more than k rows
CREATE TEMP TABLE hp_orders (
    order_id integer PRIMARY KEY,
    customer_id integer NOT NULL,
    shipping_name text NOT NULL,
    shipping_address text NOT NULL,
    contact_email text,
    recipient text,
    deliver_to text,
    home_phone text,
    city text,
    status text NOT NULL,
    amount numeric(10,2) NOT NULL,
    ordered_at timestamp NOT NULL
);
INSERT INTO hp_orders
SELECT i, c,
       f || ' ' || l,
       (10 + (c * 37) % 9000) || ' ' || s || ' Ave, Springfield',
       lower(f) || '.' || lower(l) || c || '@shopmail.com',
       f || ' ' || l,
       (10 + (c * 37) % 9000) || ' ' || s || ' Ave',
       (ARRAY['yes', 'no'])[1 + c % 2],
       (ARRAY['Springfield', 'Shelbyville', 'Ogdenville'])[1 + c % 3],
       (ARRAY['shipped', 'delivered', 'returned', 'pending'])[1 + (i * 7) % 4],
       round((5 + ((i * 7919) % 50000) / 100.0)::numeric, 2),
       timestamp '2024-01-01' + ((i::bigint * 2654435761) % 31536000000000) * interval '1 microsecond'
FROM generate_series(1, 16000) i,
     LATERAL (SELECT 1 + (i * 7) % 60 AS c) cc,
     LATERAL (SELECT (ARRAY['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda',
                            'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph'])[1 + (c * 31) % 15] AS f,
                     (ARRAY['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis',
                            'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson',
                            'Thomas', 'Taylor'])[1 + (c * 5) % 17] AS l,
                     (ARRAY['Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Birch', 'Walnut', 'Chestnut'])[1 + c % 8] AS s) n;

-- 16,000 events: near-unique microsecond timestamps, which depend strongly on
-- the site (a conditional marginal); one with a few outliers, one with a
-- long tail, near-unique numbers; and (hp_imports) a timestamp that 400 rows
-- share (a genuine point mass)
CREATE TEMP TABLE hp_events AS
SELECT i AS ordinal,
       (ARRAY['a', 'b', 'c', 'd'])[1 + i % 4] AS site,
       timestamp '2020-01-01' + (i % 4) * interval '300 days'
           + ((i::bigint * 2654435761) % 8640000000000) * interval '1 microsecond' AS happened_at,
       CASE WHEN i % 1000 = 0 THEN timestamp '1970-01-01'
            ELSE timestamp '2024-03-01' + ((i::bigint * 2654435761) % 31536000000000) * interval '1 microsecond' END
           AS logged_at,
       timestamp '2024-03-01' + (-ln(((i::bigint * 2654435761) % 1000003 + 1) / 1000004.0) * 3600e6)::bigint
           * interval '1 microsecond' AS waited_until,
       ((i::bigint * 2654435761) % 1000003) * 1.000001 AS amount,
       ((i::bigint * 2654435761) % 1000003) / 7.0 AS reading
FROM generate_series(1, 16000) i;
CREATE TEMP TABLE hp_imports AS
SELECT i AS import_id,
       CASE WHEN i % 40 = 0 THEN timestamp '2024-06-30 23:59:59.123456'
            ELSE timestamp '2024-01-01' + ((i::bigint * 69069 * 65537) % 15552000000000) * interval '1 microsecond' END
           AS imported_at
FROM generate_series(1, 16000) i;

-- a small table: 1,000 rows, where the clipped tails hold more than one
-- knot of the quantile grid
CREATE TEMP TABLE hp_visits AS
SELECT i AS visit_id,
       timestamptz '2024-03-01 00:00+00' + ((i::bigint * 2654435761) % 31536000000000) * interval '1 microsecond' AS seen_at,
       ((i::bigint * 2654435761) % 1000003) / 7.0 AS score
FROM generate_series(1, 1000) i;

ANALYZE hp_patients;
ANALYZE hp_orders;
ANALYZE hp_events;
ANALYZE hp_imports;
ANALYZE hp_visits;

-- ---------------------------------------------------------------------------
-- 1. imputation never copies a personal, identifier or free-text value
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE imp AS
SELECT m AS method, r.*
FROM unnest('{mean,median,mode,regression,knn,model}'::text[]) m,
     LATERAL synth_impute(NULL::hp_patients, m, seed => 1) r;
CREATE TEMP TABLE imp_cells AS
SELECT i.method, i.id, p.notes IS NULL AS notes_was_null, i.notes,
       p.mrn IS NULL AS mrn_was_null, i.mrn,
       p.email IS NULL AS email_was_null, i.email,
       p.phone IS NULL AS phone_was_null, i.phone,
       p.street_address IS NULL AS addr_was_null, i.street_address,
       p.systolic IS NULL AS sys_was_null, i.systolic
FROM imp i JOIN hp_patients p USING (id);

SELECT is((SELECT count(*) FROM imp_cells c
           WHERE c.notes_was_null
             AND c.notes IN (SELECT notes FROM hp_patients WHERE notes IS NOT NULL
                             GROUP BY notes HAVING count(*) < 10)),
          0::bigint, 'impute (every method): no NULL note gets a real note held by fewer than k rows');
SELECT is((SELECT count(*) FROM imp_cells c
           WHERE c.mrn_was_null AND c.mrn IN (SELECT mrn FROM hp_patients)),
          0::bigint, 'impute (every method): no NULL record number gets a real one');
SELECT is((SELECT count(*) FROM imp_cells c
           WHERE (c.email_was_null AND c.email IN (SELECT email FROM hp_patients))
              OR (c.phone_was_null AND c.phone IN (SELECT phone FROM hp_patients))
              OR (c.addr_was_null AND c.street_address IN (SELECT street_address FROM hp_patients))),
          0::bigint, 'impute (every method): no NULL email, phone or address gets a real one');
SELECT is((SELECT count(*) FROM imp_cells c
           WHERE (c.email_was_null AND c.email IS NULL) OR (c.phone_was_null AND c.phone IS NULL)
              OR (c.addr_was_null AND c.street_address IS NULL)),
          0::bigint, 'impute: personal columns are filled, with fakes of their kind');
SELECT is((SELECT count(*) FROM imp_cells c
           WHERE (c.email_was_null AND c.email !~ '@([a-z0-9-]+\.)*example\.(com|net|org)$')
              OR (c.phone_was_null AND c.phone !~ '555[- ]01\d\d$')),
          0::bigint, 'impute: fake emails and phones use only reserved domains and numbers');
SELECT is((SELECT count(*) FROM imp_cells c WHERE c.sys_was_null AND c.systolic IS NULL),
          0::bigint, 'impute: measurements are still imputed');

-- a free-text value held by at least k rows may fill a NULL (the mode)
CREATE TEMP TABLE hp_notes AS
SELECT i AS id, (ARRAY['ER', 'ICU', 'Ward'])[1 + i % 3] AS unit,
       CASE WHEN i % 5 = 0 THEN NULL
            WHEN i % 10 = 1 THEN 'No change since last visit.'
            ELSE 'Discussed results with Jane Roe' || i || ' (MRN-' || (9000 + i) || ').' END AS notes
FROM generate_series(1, 400) i;
SELECT is((SELECT count(*) FROM synth_impute(NULL::hp_notes, 'mode', seed => 1) r
           JOIN hp_notes p USING (id) WHERE p.notes IS NULL AND r.notes = 'No change since last visit.'),
          80::bigint, 'impute: a free-text value held by at least k rows is used');

-- synth_impute_update: the same rules; the cells left NULL are not counted
CREATE TEMP TABLE hp_upd AS SELECT * FROM hp_patients;
SELECT is(synth_impute_update('hp_upd', '{notes,email}', 'mode', seed => 1),
          (SELECT count(*) FROM hp_patients WHERE email IS NULL),
          'impute_update: fills the emails and leaves the notes');
SELECT is((SELECT count(*) FROM hp_upd u JOIN hp_patients p USING (id)
           WHERE p.email IS NULL AND (u.email IS NULL OR u.email IN (SELECT email FROM hp_patients))),
          0::bigint, 'impute_update: emails are fakes, not real ones');

-- a CHECK that a fake may fail is met by another fake, not by a real value
CREATE TEMP TABLE hp_checked (id int PRIMARY KEY, email text CHECK (email NOT LIKE '%example.net'),
                              score int);
INSERT INTO hp_checked
SELECT i, CASE WHEN i % 4 = 0 THEN NULL ELSE 'user' || (i % 50) || '@corp' || (i % 3) || '.com' END, i % 7
FROM generate_series(1, 400) i;
SELECT is((SELECT count(*) FROM synth_impute(NULL::hp_checked, 'mode', seed => 3) r JOIN hp_checked p USING (id)
           WHERE p.email IS NULL AND (r.email IS NULL OR r.email LIKE '%example.net'
                                      OR r.email IN (SELECT email FROM hp_checked))),
          0::bigint, 'impute: a CHECK constraint is met by other fakes, never by a real value');

-- ---------------------------------------------------------------------------
-- 2. personal data repeated across rows is never a category of real values
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE om AS SELECT synth_fit('hp_orders') AS m;
CREATE TEMP TABLE om_cols AS
SELECT c->>'name' AS name, c->>'role' AS role, c->>'kind' AS kind, c->>'pii_kind' AS pii_kind
FROM om, jsonb_array_elements(m->'columns') c;
SELECT results_eq($$SELECT name, role, pii_kind FROM om_cols
                    WHERE name IN ('shipping_name', 'shipping_address', 'contact_email', 'recipient', 'deliver_to')
                    ORDER BY name$$,
                  $$VALUES ('contact_email', 'pii', 'email'), ('deliver_to', 'pii', 'street_address'),
                           ('recipient', 'pii', 'full_name'), ('shipping_address', 'pii', 'street_address'),
                           ('shipping_name', 'pii', 'full_name')$$,
                  'clone: repeated names, addresses and emails are PII, by name or by content');
SELECT results_eq($$SELECT name, role, kind FROM om_cols WHERE name IN ('home_phone', 'city', 'status') ORDER BY name$$,
                  $$VALUES ('city', 'attribute', 'categorical'), ('home_phone', 'attribute', 'categorical'),
                           ('status', 'attribute', 'categorical')$$,
                  'clone: yes/no under a phone name, shared cities and statuses stay categories');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT shipping_name FROM hp_orders UNION SELECT DISTINCT shipping_address FROM hp_orders
                                 UNION SELECT DISTINCT contact_email FROM hp_orders) v(x), om
           WHERE position(x in m::text) > 0),
          0::bigint, 'clone: the model holds no real name, address or email');
CREATE TEMP TABLE oc AS SELECT * FROM synth_clone(NULL::hp_orders, 4000, seed => 2);
SELECT is((SELECT count(*) FROM oc
           WHERE shipping_address IN (SELECT shipping_address FROM hp_orders)
              OR deliver_to IN (SELECT deliver_to FROM hp_orders)
              OR contact_email IN (SELECT contact_email FROM hp_orders)),
          0::bigint, 'clone: no real address or email in 4,000 synthetic orders');
SELECT is((SELECT count(*) FROM oc WHERE contact_email !~ '@([a-z0-9-]+\.)*example\.(com|net|org)$'),
          0::bigint, 'clone: emails of the orders are on reserved domains');

-- ---------------------------------------------------------------------------
-- 3. synth_report and synth_evaluate show no personal, identifier or
--    free-text value, and categories only when k rows hold them
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE hp_patients_copy AS SELECT * FROM synth_clone(NULL::hp_patients, 2000, seed => 1);
CREATE TEMP TABLE rep AS SELECT synth_report('hp_patients', 'hp_patients_copy', '{"seed": 1}') AS r;
SELECT ok((SELECT xml_is_well_formed_document(r) FROM rep), 'report: still a well-formed page');
SELECT is((SELECT count(*) FROM hp_patients, rep
           WHERE position(full_name in r) > 0 OR position(email in r) > 0 OR position(phone in r) > 0
              OR position(street_address in r) > 0 OR position(mrn in r) > 0 OR position(notes in r) > 0),
          0::bigint, 'report: no real name, email, phone, address, record number or note');
SELECT is((SELECT count(*) FROM hp_patients, rep
           WHERE position(to_char(birth_date, 'YYYY-MM-DD') in r) > 0
             AND birth_date IN (SELECT birth_date FROM hp_patients GROUP BY 1 HAVING count(*) < 10)),
          0::bigint, 'report: no real birth date');
SELECT ok((SELECT position('Zenith Mutual' in r) = 0 AND position('Acme Health' in r) > 0
                  AND position('values hidden: personal data (email)' in r) > 0 FROM rep),
          'report: a category held by fewer than k rows is not named; frequent ones are');
SELECT is((SELECT count(*) FROM synth_evaluate('hp_patients', 'hp_patients_copy', '{"seed": 1}') e, hp_patients p
           WHERE position(p.email in e.detail::text) > 0 OR position(p.full_name in e.detail::text) > 0
              OR position(p.mrn in e.detail::text) > 0),
          0::bigint, 'evaluate: no row carries a real name, email or record number');
SELECT results_eq($$SELECT detail->>'real_min', detail->>'values_hidden'
                    FROM synth_evaluate('hp_patients', 'hp_patients_copy', '{"seed": 1}')
                    WHERE metric = 'BoundaryAdherence' AND column_name = 'birth_date'$$,
                  $$VALUES (NULL::text, 'personal data (birth_date)'::text)$$,
                  'evaluate: the range of a personal column is not shown');
SET LOCAL client_min_messages = error;   -- the WARNING that show_values gives
SELECT ok((SELECT position('Zenith Mutual' in r) > 0 AND position('values hidden' in r) = 0
                  AND EXISTS (SELECT 1 FROM hp_patients WHERE position(email in r) > 0)
           FROM synth_report('hp_patients', 'hp_patients_copy', '{"seed": 1, "show_values": true}') r),
          'report: "show_values": true shows them');
SELECT ok((SELECT detail->>'real_min' IS NOT NULL
           FROM synth_evaluate('hp_patients', 'hp_patients_copy', '{"seed": 1, "show_values": true}')
           WHERE metric = 'BoundaryAdherence' AND column_name = 'birth_date'),
          'evaluate: "show_values": true shows the range');
SET LOCAL client_min_messages = warning;
SELECT ok((SELECT position('Zenith Mutual' in r) > 0
           FROM synth_report('hp_patients', 'hp_patients_copy', '{"seed": 1, "k": 3}') r),
          'report: option k sets the threshold');
SELECT throws_ok($$SELECT synth_report('hp_patients', 'hp_patients_copy', '{"show_values": 1}')$$,
                 '22023', NULL, 'report: show_values must be a boolean');
SELECT throws_ok($$SELECT synth_report('hp_patients', 'hp_patients_copy', '{"k": 0}')$$,
                 '22023', NULL, 'report: k must be a positive integer');

-- ---------------------------------------------------------------------------
-- 4. fake values use reserved names and numbers, with or without a kind
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE hp_contacts AS
SELECT i AS id,
       'client' || i || '@' || (ARRAY['gmail.com', 'corp-mail.com', 'web.de'])[1 + i % 3] AS contact,
       CASE WHEN i % 10 < 3 THEN 'owner' || i || '@bigbank.com' ELSE 'REF-' || lpad(i::text, 6, '0') END AS ref,
       (ARRAY['a', 'b', 'c'])[1 + i % 3] AS grp
FROM generate_series(1, 600) i;
SELECT is((SELECT c->>'pii_kind' FROM jsonb_array_elements(
               synth_fit('hp_contacts', '{"columns": {"contact": {"role": "pii"}}}')->'columns') c
           WHERE c->>'name' = 'contact'),
          'email', 'role pii without pii_kind: the kind is inferred from the values');
CREATE TEMP TABLE cc AS
SELECT * FROM synth_clone(NULL::hp_contacts, 600,
                          '{"columns": {"contact": {"role": "pii"}, "ref": {"role": "pii"}}}', seed => 4);
SELECT is((SELECT count(*) FROM cc WHERE contact !~ '@([a-z0-9-]+\.)*example\.(com|net|org)$'),
          0::bigint, 'role pii without pii_kind: emails on reserved domains only');
SELECT is((SELECT count(*) FROM cc WHERE ref LIKE '%@%' AND ref !~ '@example\.(com|net|org)$'),
          0::bigint, 'text drawn from shapes: every host after an @ is a reserved one');
SELECT ok((SELECT count(*) FROM cc WHERE ref ~ '^[A-Z]{3}-\d{6}$') > 300, 'text drawn from shapes keeps its shapes');
SELECT is((SELECT count(*) FROM synth_fake(2000, 'credit_card', seed => 1) c
           WHERE c NOT IN ('4111111111111111', '4012888888881881', '4242424242424242', '4000056655665556',
                           '5555555555554444', '5105105105105100', '5200828282828210', '378282246310005',
                           '371449635398431', '378734493671000', '6011111111111117', '6011000990139424')),
          0::bigint, 'credit card numbers are published test numbers, never issued');
SELECT is((SELECT count(*) FROM synth_fake(2000, 'iban', 'de', seed => 1) c WHERE substr(c, 5, 1) <> '9'),
          0::bigint, 'German IBANs: bank codes in clearing area 9, which does not exist');
SELECT is((SELECT count(*) FROM synth_fake(2000, 'ssn', 'de', seed => 1) s
           WHERE (SELECT count(*) FROM (SELECT d FROM unnest(string_to_array(left(s, 10), NULL)) d
                                        GROUP BY d HAVING count(*) > 1) r) < 2),
          0::bigint, 'German tax ids repeat two different digits: never issued');
SELECT is((SELECT count(*) FROM synth_fake(2000, 'email', seed => 2) e WHERE e !~ '@([a-z0-9-]+\.)*example\.(com|net|org)$')
        + (SELECT count(*) FROM synth_fake(2000, 'url', seed => 2) u WHERE u !~ '^https://www\.[a-z0-9-]+\.example\.(com|net|org)/')
        + (SELECT count(*) FROM synth_fake(2000, 'domain', seed => 2) d WHERE d !~ '\.example\.(com|net|org)$')
        + (SELECT count(*) FROM synth_fake(2000, 'phone', seed => 2) p WHERE p !~ '555[- ]01\d\d$'),
          0::bigint, 'emails, urls, domains and US phones: reserved names and numbers only');
SELECT is((SELECT count(*) FROM synth_fake(2000, 'ssn', seed => 2) s WHERE s !~ '^9\d\d-(0[1-9]|[1-4]\d)-\d{4}$')
        + (SELECT count(*) FROM synth_fake(2000, 'ipv4', seed => 2) ip
           WHERE NOT ip::inet <<= ANY ('{192.0.2.0/24,198.51.100.0/24,203.0.113.0/24}'::inet[]))
        + (SELECT count(*) FROM synth_fake(2000, 'ipv6', seed => 2) ip WHERE NOT ip::inet << '2001:db8::/32'),
          0::bigint, 'SSNs and IP addresses: unissued and documentation ranges only');
SELECT is(synth_fake_kind_of_value('742 W Maple Ave'), 'street_address', 'a street address is recognised');
SELECT is(synth_fake_kind_of_value('Lindenweg 12a'), 'street_address', 'a German street address is recognised');
SELECT is(synth_fake_kind_of_value('Route 66'), NULL, 'a road name alone is not an address');

-- ---------------------------------------------------------------------------
-- 5. no continuous value of a clone is a real value held by fewer than k rows
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE em AS SELECT synth_fit('hp_events') AS m;
SELECT is((SELECT c->'conditional'->>'parent' FROM em, jsonb_array_elements(m->'columns') c
           WHERE c->>'name' = 'happened_at'), 'site', 'events: happened_at has a conditional marginal');
CREATE TEMP TABLE ec AS SELECT * FROM synth_clone(NULL::hp_events, 16000, seed => 1);
-- chance: 16,000 draws against 16,000 real microsecond values spread over
-- at least 100 days expect fewer than 3e-5 collisions
SELECT is((SELECT count(*) FROM ec WHERE happened_at IN (SELECT happened_at FROM hp_events)),
          0::bigint, 'clone: no timestamp of 16,000 equals a real one (conditional marginal)');
SELECT is((SELECT count(*) - count(DISTINCT happened_at) FROM ec),
          0::bigint, 'clone: no timestamp of a conditional marginal is repeated');
SELECT is((SELECT count(*) FROM ec WHERE logged_at IN (SELECT logged_at FROM hp_events)
                                      OR waited_until IN (SELECT waited_until FROM hp_events)),
          0::bigint, 'clone: no timestamp with outliers or a long tail equals a real one');
SELECT is((SELECT count(*) FROM ec WHERE amount IN (SELECT amount FROM hp_events)
                                      OR reading IN (SELECT reading FROM hp_events)),
          0::bigint, 'clone: no near-unique number equals a real one');
CREATE TEMP TABLE ic AS SELECT * FROM synth_clone(NULL::hp_imports, 16000, seed => 1);
SELECT is((SELECT count(*) FROM ic WHERE imported_at IN (SELECT imported_at FROM hp_imports
                                                         GROUP BY 1 HAVING count(*) < 10)),
          0::bigint, 'clone: no timestamp equals a real one held by fewer than k rows');
SELECT cmp_ok((SELECT count(*) FROM ic WHERE imported_at = timestamp '2024-06-30 23:59:59.123456'),
              '>', 200::bigint, 'clone: a timestamp 400 rows share is kept as a point mass');
SELECT is((SELECT count(*) FROM em, jsonb_array_elements(m->'columns') c, jsonb_array_elements_text(c->'quantiles') q
           WHERE c->>'name' = 'happened_at'
             AND timestamp '2000-01-01' + q::float8 * interval '1 microsecond'
                 IN (SELECT happened_at FROM hp_events)),
          0::bigint, 'model: no quantile of the timestamps is a real timestamp');
CREATE TEMP TABLE vc AS SELECT * FROM synth_clone(NULL::hp_visits, 5000, seed => 3);
SELECT is((SELECT count(*) FROM vc WHERE seen_at IN (SELECT seen_at FROM hp_visits)
                                      OR score IN (SELECT score FROM hp_visits)),
          0::bigint, 'clone of 1,000 rows: clipped tails are not real values');
SELECT cmp_ok((SELECT max(seen_at) FROM vc), '<',
              (SELECT max(seen_at) FROM hp_visits), 'clone of 1,000 rows: the largest value is not disclosed');

SELECT * FROM finish();
ROLLBACK;
