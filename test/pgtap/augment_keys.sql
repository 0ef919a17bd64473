-- synth_augment and keys of several columns: one fresh column makes every
-- new row's tuple new, so a key such as pagila's payment (payment_date,
-- payment_id) regenerates payment_id alone and draws payment_date like any
-- other column (augmentation failed on the timestamp before).  A key with
-- no column keygen.c can make outside its foreign keys (a time and a parent,
-- a link table's pair) is drawn whole, a row repeating a held tuple drawn
-- again (the timestamp failed with 0A000, the pair got parents that did not
-- exist).
BEGIN;
SELECT plan(12);
SET LOCAL client_min_messages = warning;

CREATE TABLE cust (cust_id int PRIMARY KEY, name text NOT NULL);
INSERT INTO cust SELECT g, 'Customer ' || g FROM generate_series(1, 50) g;
CREATE TABLE pay (
  payment_id int NOT NULL,
  paid_at timestamptz NOT NULL,
  cust_id int NOT NULL REFERENCES cust,
  amount numeric(6,2) NOT NULL CHECK (amount > 0),
  PRIMARY KEY (paid_at, payment_id)
);
INSERT INTO pay SELECT g, timestamptz '2022-01-01 00:00+00' + (g * 7919 % 43200) * interval '1 minute',
                       1 + g % 50, 1 + (g * 37 % 900) / 100.0
FROM generate_series(1, 600) g;

CREATE TEMP TABLE m AS SELECT * FROM synth_augment(NULL::pay, 300, 'model', seed => 1);

SELECT is((SELECT count(*) FROM m WHERE payment_id > 600), 300::bigint,
  'model: the key''s integer column gets fresh values after the table''s');
SELECT cmp_ok((SELECT count(DISTINCT paid_at) FROM m), '>', 250::bigint,
  'model: the timestamp of the key is drawn, not one value');
SELECT ok((SELECT min(paid_at) >= timestamptz '2021-12-01' AND max(paid_at) <= timestamptz '2022-02-15' FROM m),
  'model: within the source''s range of times');
SELECT lives_ok($$INSERT INTO pay SELECT * FROM m$$, 'model: the new rows insert beside the table''s (primary key and foreign key)');
CREATE TEMP TABLE nz AS SELECT * FROM synth_augment(NULL::pay, 300, 'noise', seed => 1);
SELECT is((SELECT count(*) FROM nz WHERE payment_id > 900), 300::bigint,
  'noise: fresh integers after the table''s, the model''s rows included');
SELECT cmp_ok((SELECT count(*) FROM nz n WHERE NOT EXISTS (SELECT FROM pay p WHERE p.paid_at = n.paid_at)), '>', 200::bigint,
  'noise: the timestamp is jittered like any other column');
SELECT lives_ok($$INSERT INTO pay SELECT * FROM nz$$, 'noise: the new rows insert too');

-- no column to regenerate outside the foreign keys: the key is drawn whole,
-- and a row whose tuple the table or an earlier new row holds is drawn again
CREATE TABLE rent (
  rent_id int PRIMARY KEY,
  rented_at timestamptz NOT NULL,
  cust_id int NOT NULL REFERENCES cust,
  fee numeric(6,2) NOT NULL,
  UNIQUE (rented_at, cust_id)
);
INSERT INTO rent SELECT g, timestamptz '2022-01-01' + (g * 7919 % 40000) * interval '1 minute', 1 + g % 50,
                        1 + (g * 53 % 997) / 100.0 FROM generate_series(1, 200) g;
SELECT lives_ok($$INSERT INTO rent SELECT * FROM synth_augment(NULL::rent, 300, 'noise', seed => 1)$$,
  'a key of a time and a parent: the new rows insert beside the table''s (noise)');
SELECT lives_ok($$INSERT INTO rent SELECT * FROM synth_augment(NULL::rent, 300, 'model', seed => 2)$$,
  'and beside them (model)');
CREATE TABLE tag (tag_id int PRIMARY KEY);
INSERT INTO tag SELECT generate_series(1, 30);
CREATE TABLE cust_tag (cust_id int REFERENCES cust, tag_id int REFERENCES tag, PRIMARY KEY (cust_id, tag_id));
INSERT INTO cust_tag SELECT c, t FROM generate_series(1, 50) c, generate_series(1, 30) t WHERE (c * 7 + t * 3) % 5 = 0;
SELECT lives_ok($$INSERT INTO cust_tag SELECT * FROM synth_augment(NULL::cust_tag, 100, 'model', seed => 1)$$,
  'a link table: pairs of existing parents, none the table holds (its foreign keys drawn, not renumbered)');
-- every pair held: no new row can exist
CREATE TABLE full_pairs (cust_id int REFERENCES cust, tag_id int REFERENCES tag, PRIMARY KEY (cust_id, tag_id));
INSERT INTO full_pairs SELECT c, t FROM generate_series(1, 4) c, generate_series(1, 3) t;
SELECT throws_ok($$SELECT * FROM synth_augment(NULL::full_pairs, 5, 'noise', seed => 1)$$, '23505',
  NULL, 'a key whose every value the table holds: 23505 after the redraws');
SELECT is((SELECT count(*) FROM rent), 800::bigint, 'the rows are all there');

SELECT * FROM finish();
ROLLBACK;
