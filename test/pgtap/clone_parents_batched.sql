-- Parents read in batches: a foreign key's parents (30,000 customers, three
-- batches of the sampler's cursor) with a numeric column the children per
-- parent follow (numeric is a varlena: each value is copied out of its
-- batch) and a column the children's amounts follow (parents_follow scores,
-- read through a cursor too).  The single-table clone reads the real
-- parents, the schema clone the cloned ones; both keep what they follow.
BEGIN;
SELECT plan(8);
SET LOCAL client_min_messages = warning;

CREATE SCHEMA pb;
CREATE TABLE pb.cust (id int PRIMARY KEY, credit numeric(10,2) NOT NULL, joined date NOT NULL);
-- the credit is a hash of the key: a parent misread by a batch's offset would not follow it
INSERT INTO pb.cust SELECT g, (hashint4(g) & 1023)::numeric / 3, date '2020-01-01' + (g % 700)
FROM generate_series(1, 30000) g;
-- 1 to 10 orders per customer, more for a larger credit; amounts follow the credit
CREATE TABLE pb.ord (id bigint PRIMARY KEY, cust_id int NOT NULL REFERENCES pb.cust, amt numeric(10,2) NOT NULL);
INSERT INTO pb.ord
SELECT row_number() OVER (), c.id,
       (c.credit / 4 + ((hashint4(c.id * 11 + k) & 1023) / 1023.0) * 40)::numeric(10,2)
FROM pb.cust c, generate_series(1, 1 + (hashint4(c.id) & 1023) / 103) k;
ANALYZE pb.cust, pb.ord;

CREATE FUNCTION pg_temp.follow(o regclass, c regclass) RETURNS TABLE (count_corr float8, amount_corr float8)
LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXECUTE format(
        'SELECT corr(p.credit, s.n), (SELECT corr(p2.credit, x.amt) FROM %s x JOIN %s p2 ON p2.id = x.cust_id)
         FROM %s p JOIN (SELECT cust_id, count(*) n FROM %s GROUP BY cust_id) s ON s.cust_id = p.id', o, c, c, o);
END $$;
-- how far a clone's two correlations are from the source's
CREATE FUNCTION pg_temp.gaps(o regclass, c regclass) RETURNS TABLE (count_gap float8, amount_gap float8)
LANGUAGE sql AS $$
    SELECT abs(s.count_corr - r.count_corr), abs(s.amount_corr - r.amount_corr)
    FROM pg_temp.follow('pb.ord', 'pb.cust') r, pg_temp.follow(o, c) s
$$;

SELECT is((SELECT c->'semantics'->'references'->'children_follow'->>'column'
           FROM jsonb_array_elements(synth_fit('pb.ord')->'columns') c WHERE c->>'name' = 'cust_id'),
  'credit', 'the orders per customer follow the numeric credit');

SELECT is(synth_clone_table('pb.ord', 'pb.ord_copy', seed => 1), (SELECT count(*) FROM pb.ord),
  'a single-table clone of the orders of 30,000 customers');
SELECT is((SELECT count(*) FROM pb.ord_copy o WHERE NOT EXISTS (SELECT FROM pb.cust c WHERE c.id = o.cust_id)),
  0::bigint, 'every cloned order points at a customer that exists');
SELECT cmp_ok((SELECT count_gap FROM pg_temp.gaps('pb.ord_copy', 'pb.cust')), '<=', 0.05::float8,
  'single-table clone: credit x orders per customer within 0.05 of the source''s correlation');
SELECT cmp_ok((SELECT amount_gap FROM pg_temp.gaps('pb.ord_copy', 'pb.cust')), '<=', 0.10::float8,
  'single-table clone: credit x order amount within 0.10 of the source''s correlation');

SELECT is((SELECT sum(rows) FROM synth_clone_schema('pb', 'pb_copy', seed => 1)),
  (SELECT (SELECT count(*) FROM pb.cust) + (SELECT count(*) FROM pb.ord) + (SELECT count(*) FROM pb.ord_copy))::numeric,
  'the schema is cloned');
SELECT cmp_ok((SELECT count_gap FROM pg_temp.gaps('pb_copy.ord', 'pb_copy.cust')), '<=', 0.05::float8,
  'schema clone: credit x orders per customer within 0.05 of the source''s correlation');
SELECT cmp_ok((SELECT amount_gap FROM pg_temp.gaps('pb_copy.ord', 'pb_copy.cust')), '<=', 0.10::float8,
  'schema clone: credit x order amount within 0.10 of the source''s correlation');

SELECT * FROM finish();
ROLLBACK;
