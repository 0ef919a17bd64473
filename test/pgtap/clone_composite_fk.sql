-- Composite foreign keys in single-table cloning: the columns of a
-- multi-column foreign key are drawn as one tuple of the parent's rows,
-- with the fitted children per parent, and synth_clone_table keeps the key.
BEGIN;
SELECT plan(9);
SET LOCAL client_min_messages = warning;

CREATE TABLE orders (region text, order_no int, placed date, PRIMARY KEY (region, order_no));
INSERT INTO orders SELECT (ARRAY['north', 'south', 'east'])[1 + i % 3], i / 3, date '2024-01-01' + i % 300
FROM generate_series(0, 44) i;
CREATE TABLE lines (id int PRIMARY KEY, region text, order_no int, amount numeric(8,2),
                    FOREIGN KEY (region, order_no) REFERENCES orders);
-- skewed over 45 orders (fewer than 10k: counts not clipped); 2% of lines without an order
INSERT INTO lines SELECT i, CASE WHEN i % 50 = 0 THEN NULL ELSE o.region END, o.order_no,
       round((abs(hashint4(i * 7)) % 100000 / 100.0)::numeric, 2)
FROM generate_series(1, 6000) i
JOIN LATERAL (SELECT region, order_no FROM orders ORDER BY region, order_no
              OFFSET (floor(45 * power((abs(hashint4(i)) % 1000) / 1000.0, 2)))::int LIMIT 1) o ON true;
ANALYZE orders, lines;

-- 1-2: the roles and the model
SELECT results_eq($$SELECT "column", role, "references" FROM synth_columns('lines') WHERE "column" IN ('region', 'order_no') ORDER BY 1$$,
                  $$VALUES ('order_no', 'foreign_key', 'public.orders(order_no)'), ('region', 'foreign_key', 'public.orders(region)')$$,
                  'both columns of the composite key are foreign-key columns');
SELECT is((SELECT c->'semantics'->'references'->>'constraint' || ' ' || (c->'semantics'->'references'->>'position')
           FROM jsonb_array_elements(synth_fit('lines')->'columns') c WHERE c->>'name' = 'order_no'),
          'lines_region_order_no_fkey 1', 'the model names the constraint and the column''s place in it');

-- 3-6: the clone table
SELECT lives_ok($$SELECT synth_clone_table('lines', 'lines_clone', seed => 4)$$, 'synth_clone_table succeeds');
SELECT is((SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'lines_clone'::regclass AND contype = 'f'),
          'FOREIGN KEY (region, order_no) REFERENCES orders(region, order_no)',
          'the composite foreign key is added to the copy (validated)');
SELECT cmp_ok((SELECT abs((SELECT stddev(c) FROM (SELECT count(*) c FROM lines_clone WHERE region IS NOT NULL GROUP BY region, order_no) s)
                        / (SELECT stddev(c) FROM (SELECT count(*) c FROM lines WHERE region IS NOT NULL GROUP BY region, order_no) s) - 1))::float8,
              '<', 0.25::float8, 'the children per parent keep their spread within 25%');
SELECT cmp_ok((SELECT abs(avg((region IS NULL)::int) - 0.02) FROM lines_clone)::float8, '<', 0.01::float8,
              'the NULL share of the key is kept within 0.01');

-- 7: reproducible
SELECT is((SELECT md5(string_agg(l::text, ',' ORDER BY id)) FROM synth_clone(NULL::lines, 1000, seed => 2) l),
          (SELECT md5(string_agg(l::text, ',' ORDER BY id)) FROM synth_clone(NULL::lines, 1000, seed => 2) l),
          'the same seed gives the same rows');

-- 8: drawn whole or not at all
SELECT is((SELECT count(*) FROM synth_columns('lines', '{"columns": {"order_no": {"role": "attribute"}}}')
           WHERE "column" IN ('region', 'order_no') AND (role = 'foreign_key' OR "references" IS NOT NULL)), 0::bigint,
          'a column taken off by option leaves the whole key modelled');

-- 9: a forged model
SELECT throws_ok(format($$SELECT * FROM synth_sample(NULL::lines, %L::jsonb, 5, 1)$$,
                        jsonb_set(synth_fit('lines'), '{columns,2,semantics,references,position}', '7')),
                 '22023', NULL, 'a position outside the key is refused');

SELECT * FROM finish();
ROLLBACK;
