-- money columns are numbers: their amounts (money::numeric, at lc_monetary's
-- decimals) are modelled like any number, and drawn back as money: the
-- marginal, a CHECK, an ordering between two amounts, few amounts as
-- categories.  They came out NULL, with a NOTICE.
BEGIN;
SELECT plan(9);
SET LOCAL client_min_messages = warning;
SET LOCAL lc_monetary = 'C';

CREATE TABLE mon (id int PRIMARY KEY, fee money NOT NULL CHECK (fee > 0::money), tier money,
                  paid money, due money);
INSERT INTO mon
SELECT g, (1 + (g * 7919 % 5000) / 100.0)::numeric::money,
       (ARRAY[9.99, 19.99, 49.00])[1 + g % 3]::numeric::money,
       ((g * 31 % 1000) / 10.0)::numeric::money, NULL
FROM generate_series(1, 2000) g;
UPDATE mon SET due = paid + (id % 50)::numeric::money;
ANALYZE mon;

CREATE TEMP TABLE mon_m AS SELECT synth_fit('mon') AS m;
CREATE TEMP TABLE mon_c AS SELECT * FROM synth_clone(NULL::mon, 4000, seed => 2);

SELECT is((SELECT string_agg((c->>'class') || '/' || (c->>'kind'), ',' ORDER BY i)
           FROM mon_m, jsonb_array_elements(m->'columns') WITH ORDINALITY e(c, i) WHERE i > 1),
          'number/continuous,number/categorical,number/continuous,number/continuous',
    'money columns are numbers: continuous, or categories when few');
SELECT is((SELECT count(*) FROM mon_c WHERE fee IS NULL OR paid IS NULL OR due IS NULL), 0::bigint,
    'no money column comes out NULL');
SELECT ok(abs((SELECT avg(fee::numeric) FROM mon_c) / (SELECT avg(fee::numeric) FROM mon) - 1) < 0.05,
    'the mean fee is the source''s (within 5%)');
SELECT is((SELECT count(*) FROM mon_c WHERE fee <= 0::money), 0::bigint, 'the CHECK holds');
SELECT is((SELECT m->'constraints'->'orderings'->0->>'before' || ' <= ' ||
                  (m->'constraints'->'orderings'->0->>'after') FROM mon_m), 'paid <= due',
    'an ordering between two amounts is learned');
SELECT is((SELECT count(*) FROM mon_c WHERE due < paid), 0::bigint, '... and kept');
SELECT is((SELECT string_agg(DISTINCT tier::text, ',' ORDER BY tier::text) FROM mon_c),
          '$19.99,$49.00,$9.99', 'few amounts are categories, drawn as the source''s amounts');
SELECT ok((SELECT bool_and(fee::numeric = round(fee::numeric, 2)) FROM mon_c),
    'amounts in cents, as lc_monetary''s decimals');
SELECT is((SELECT md5(string_agg(c::text, ',' ORDER BY id)) FROM synth_clone(NULL::mon, 300, seed => 5) c),
          (SELECT md5(string_agg(c::text, ',' ORDER BY id)) FROM mon_m, synth_sample(NULL::mon, m, 300, seed => 5) c),
    'a stored model draws the clone''s amounts');

SELECT * FROM finish();
ROLLBACK;
