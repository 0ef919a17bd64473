-- Child rows that follow their parent's columns (model field
-- "parents_follow", src/roles_condition.c), on a schema of the test's own:
-- customers of three segments whose orders' amounts differ by segment
-- (means 40, 120, 400) and whose order dates follow the customer's credit.
-- Checked in a schema clone (the parents are the clone's own customers) and
-- in a single-table clone (the parents are the real customers): the
-- segment means come back within 20%, the credit trend keeps its sign and
-- size; the model's parent columns, reproducibility, row i independent of
-- the rows drawn, no parent value emitted, and bad models refused.
BEGIN;
SELECT plan(20);
SET LOCAL client_min_messages = warning;

CREATE SCHEMA pf;
CREATE TABLE pf.customers (customer_id int PRIMARY KEY, segment text NOT NULL,
                           credit numeric(8,2) NOT NULL);
INSERT INTO pf.customers
SELECT g, (ARRAY['retail','retail','retail','business','business','wholesale'])[1 + g % 6],
       round((100 + (g * 7919 % 9973) / 10.0)::numeric, 2)
FROM generate_series(1, 1200) g;
-- a segment of three customers: rarer than k, never in the model
UPDATE pf.customers SET segment = 'founder' WHERE customer_id IN (7, 13, 19);
CREATE TABLE pf.orders (order_id int PRIMARY KEY, customer_id int NOT NULL REFERENCES pf.customers,
                        amount numeric(10,2) NOT NULL, placed date NOT NULL);
INSERT INTO pf.orders
SELECT g, c.customer_id,
       round((CASE c.segment WHEN 'retail' THEN 40 WHEN 'business' THEN 120 ELSE 400 END
              * (0.6 + ((g * 7919) % 1000) / 1250.0))::numeric, 2),
       date '2024-01-01' + ((g * 31) % 365 + (c.credit::int / 10))
FROM generate_series(1, 6000) g JOIN pf.customers c ON c.customer_id = 1 + (g * 104729) % 1200;
ANALYZE pf.customers, pf.orders;

-- per segment: the copy's mean amount over the source's
CREATE FUNCTION pg_temp.segment_ratio(copy_orders regclass, copy_customers regclass, seg text)
RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE r float8;
BEGIN
  EXECUTE format('SELECT avg(o.amount)::float8 FROM %s o JOIN %s c USING (customer_id) WHERE c.segment = $1',
                 copy_orders, copy_customers) INTO r USING seg;
  RETURN r / (SELECT avg(o.amount)::float8 FROM pf.orders o JOIN pf.customers c USING (customer_id)
              WHERE c.segment = seg);
END $$;

-- the model: the segment drives the amount, the credit the date
SELECT is((SELECT array_agg(c->>'column' ORDER BY c->>'column')
           FROM jsonb_array_elements(synth_fit('pf.orders')->'parents_follow'->'columns') c),
          ARRAY['credit', 'segment'], 'the fit keeps the parent columns the rows follow');
SELECT cmp_ok((SELECT (m->'parents_follow'->'cross'->
                       (SELECT i - 1 FROM jsonb_array_elements(m->'parents_follow'->'columns') WITH ORDINALITY e(c, i)
                        WHERE c->>'column' = 'segment')::int->
                       ((SELECT x->>'value_dimension' FROM jsonb_array_elements(m->'columns') x
                         WHERE x->>'name' = 'amount')::int))::float8
               FROM synth_fit('pf.orders') m), '>', 0.8::float8,
              'segment x amount: a strong latent correlation');
SELECT is((SELECT jsonb_path_query_array(c->'labels', '$[*] ? (@ != null)')
           FROM jsonb_array_elements(synth_fit('pf.orders')->'parents_follow'->'columns') c
           WHERE c->>'column' = 'segment'),
          '["retail", "business", "wholesale"]'::jsonb,
          'the segments in the order of the amounts they give');
SELECT ok((SELECT NOT (c->'labels' @> '["founder"]') AND c->'labels' @> '[null]'
           FROM jsonb_array_elements(synth_fit('pf.orders')->'parents_follow'->'columns') c
           WHERE c->>'column' = 'segment'),
          'a segment of fewer than k customers is not in the model: it joins the other values');

-- a schema clone: the parents are the clone's own customers
SELECT lives_ok($$SELECT * FROM synth_clone_schema('pf', 'pf_copy', seed => 3)$$, 'schema clone');
SELECT cmp_ok(abs(pg_temp.segment_ratio('pf_copy.orders', 'pf_copy.customers', s) - 1), '<', 0.2::float8,
              format('schema clone: mean amount of %s orders within 20%%', s))
FROM unnest(ARRAY['retail', 'business', 'wholesale']) s;
SELECT cmp_ok((SELECT corr(c.credit, o.placed - date '2024-01-01')
               FROM pf_copy.orders o JOIN pf_copy.customers c USING (customer_id)), '>', 0.15::float8,
              'schema clone: order dates follow the customer''s credit (source 0.27)');

-- a single-table clone: the parents are the real customers it points at
CREATE TABLE pg_temp.one AS SELECT * FROM synth_clone(NULL::pf.orders, 6000, seed => 5);
SELECT cmp_ok(abs(pg_temp.segment_ratio('pg_temp.one', 'pf.customers', s) - 1), '<', 0.2::float8,
              format('single-table clone: mean amount of %s orders within 20%%', s))
FROM unnest(ARRAY['retail', 'business', 'wholesale']) s;

-- the model read back from its jsonb: synth_sample follows the parents too
CREATE TABLE pg_temp.sampled AS
SELECT * FROM synth_sample(NULL::pf.orders, synth_fit('pf.orders'), 6000, seed => 9);
SELECT cmp_ok(abs(pg_temp.segment_ratio('pg_temp.sampled', 'pf.customers', 'wholesale') - 1), '<', 0.2::float8,
              'synth_sample of the model: mean amount of wholesale orders within 20%');

-- reproducible, and row i independent of how many rows are drawn
SELECT results_eq($$SELECT * FROM pg_temp.one ORDER BY order_id LIMIT 300$$,
                  $$SELECT * FROM synth_clone(NULL::pf.orders, 300, seed => 5) ORDER BY order_id$$,
                  'same seed, same rows; the first 300 rows of 6000 are the 300 rows');

-- no parent value in the child: the child's columns are its own, and no
-- row of the copy is a source row
SELECT is((SELECT count(*) FROM pg_temp.one o JOIN pf.orders r
           ON (r.customer_id, r.amount, r.placed) = (o.customer_id, o.amount, o.placed)), 0::bigint,
          'no source order copied');
SELECT is((SELECT count(*) FROM information_schema.columns
           WHERE table_schema = 'pf_copy' AND table_name = 'orders'), 4::bigint,
          'the parent columns are never output');

-- bad models are refused
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::pf.orders,
                   jsonb_set(synth_fit('pf.orders'), '{parents_follow,cross,0,0}', '2'), 5)$$,
                 '22023', NULL, 'a correlation beyond 1');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::pf.orders,
                   jsonb_set(synth_fit('pf.orders'), '{parents_follow,columns,0,foreign_key}', '"amount"'), 5)$$,
                 '22023', NULL, 'a parent column reached through no foreign key');

-- a caller who may read the parents' keys but not the columns the rows follow:
-- no error, the rows follow nothing
CREATE ROLE parents_follow_tap_reader;
GRANT USAGE ON SCHEMA pf TO parents_follow_tap_reader;
GRANT SELECT ON pf.orders TO parents_follow_tap_reader;
GRANT SELECT (customer_id) ON pf.customers TO parents_follow_tap_reader;
CREATE TABLE pg_temp.model AS SELECT synth_fit('pf.orders') AS m;
GRANT SELECT ON pg_temp.model TO parents_follow_tap_reader;
SET LOCAL ROLE parents_follow_tap_reader;
SELECT is((SELECT count(*) FROM synth_sample(NULL::pf.orders, (SELECT m FROM pg_temp.model), 100, seed => 9)),
          100::bigint, 'parent columns the caller cannot read: the copula as fitted');
RESET ROLE;

-- a parent that lost a column the model follows: the rows follow nothing, and are drawn
ALTER TABLE pf.customers DROP COLUMN credit;
SELECT is((SELECT count(*) FROM synth_sample(NULL::pf.orders, (SELECT m FROM pg_temp.model), 100, seed => 9)),
          100::bigint, 'a parent column gone: the copula as fitted');

SELECT * FROM finish();
ROLLBACK;
