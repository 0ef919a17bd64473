-- NOT NULL columns the model cannot describe privately: a lookup table of a
-- few rows (pagila's 6-row language table) holds too few values to model
-- its NOT NULL last_update, so the clone writes what an INSERT without the
-- column would: the column's default, evaluated once per call when it is
-- not volatile (now(), a constant, a domain's default).  A volatile default
-- (random(), a sequence) or none at all is still an error naming the column.
BEGIN;
SELECT plan(18);
SET LOCAL client_min_messages = warning;

CREATE DOMAIN "Level" AS int DEFAULT 5 CHECK (VALUE > 0);
CREATE SCHEMA "Look Ups";
CREATE TABLE "Look Ups".lang (
  lang_id int PRIMARY KEY,
  name text NOT NULL,
  last_update timestamptz NOT NULL DEFAULT now(),
  rank int NOT NULL DEFAULT 7,
  level "Level" NOT NULL,
  note text
);
INSERT INTO "Look Ups".lang (lang_id, name, last_update, rank, level, note)
SELECT g, 'Language ' || g, timestamptz '2020-02-15 09:00' + g * interval '1 day', g * 3, g * 11, NULL
FROM generate_series(1, 6) g;

SELECT is((SELECT m->>'kind' FROM jsonb_array_elements(synth_fit('"Look Ups".lang')->'columns') m
           WHERE m->>'name' = 'last_update'), 'null',
  'six rows are too few to model last_update: the model holds no value of it');

-- synth_clone_table: the defaults of the copy
SELECT is(synth_clone_table('"Look Ups".lang', '"Look Ups".lang_copy', seed => 1), 6::bigint,
  'synth_clone_table of a table whose NOT NULL columns the model leaves NULL succeeds');
SELECT is((SELECT count(*) FROM "Look Ups".lang_copy WHERE last_update = now()), 6::bigint,
  'a NOT NULL column with a stable default (now()) takes the default''s value');
SELECT is((SELECT count(*) FROM "Look Ups".lang_copy WHERE rank = 7), 6::bigint,
  'a constant default');
SELECT is((SELECT count(*) FROM "Look Ups".lang_copy WHERE level = 5), 6::bigint,
  'a domain''s default');
SELECT is((SELECT count(*) FROM "Look Ups".lang_copy WHERE note IS NULL), 6::bigint,
  'a nullable column the model leaves NULL stays NULL');
SELECT is((SELECT count(*) FROM "Look Ups".lang_copy l JOIN "Look Ups".lang s USING (last_update)), 0::bigint,
  'no real last_update comes out');

-- synth_clone: the same rows as a set-returning function
SELECT is((SELECT count(*) FROM synth_clone(NULL::"Look Ups".lang, 20, seed => 1)
           WHERE last_update = now() AND rank = 7 AND level = 5), 20::bigint,
  'synth_clone writes the defaults too');
SELECT is((SELECT array_agg(x ORDER BY x) FROM synth_clone(NULL::"Look Ups".lang, 20, seed => 1) x),
          (SELECT array_agg(x ORDER BY x) FROM synth_clone(NULL::"Look Ups".lang, 20, seed => 1) x),
  'reproducible with a seed');

-- a volatile default, or none: the error names the column
CREATE TABLE "Look Ups".tok (id int PRIMARY KEY, weight float8 NOT NULL DEFAULT random(),
                             code int NOT NULL);
INSERT INTO "Look Ups".tok SELECT g, g / 10.0, g FROM generate_series(1, 6) g;
SELECT throws_ok($$SELECT * FROM synth_clone(NULL::"Look Ups".tok, 5, seed => 1)$$, '23502',
  'cannot generate values for NOT NULL column "weight" of relation "tok"',
  'a volatile default is not evaluated: 23502 names the column');
ALTER TABLE "Look Ups".tok ALTER COLUMN weight DROP NOT NULL;
SELECT throws_ok($$SELECT * FROM synth_clone(NULL::"Look Ups".tok, 5, seed => 1)$$, '23502',
  'cannot generate values for NOT NULL column "code" of relation "tok"',
  'a NOT NULL column without a default: 23502 names the column');
SELECT throws_ok($$SELECT synth_clone_table('"Look Ups".tok', '"Look Ups".tok_copy', seed => 1)$$, '23502',
  NULL, 'and synth_clone_table fails whole');
SELECT hasnt_table('Look Ups', 'tok_copy', 'leaving no table behind');

-- a partitioned source: the copy is partitioned by the same key, with a
-- partition of each source partition's bounds (down the tree, a default
-- partition too) named after the copy, and its rows routed to them; it was
-- a plain table
CREATE TABLE "Look Ups".events (id bigint GENERATED ALWAYS AS IDENTITY, at timestamptz NOT NULL,
  kind text NOT NULL, amount numeric(10, 2), PRIMARY KEY (id, at, kind)) PARTITION BY RANGE (at);
CREATE TABLE "Look Ups".events_2024 PARTITION OF "Look Ups".events
  FOR VALUES FROM ('2024-01-01 00:00+00') TO ('2025-01-01 00:00+00') PARTITION BY LIST (kind);
CREATE TABLE "Look Ups".events_2024_buy PARTITION OF "Look Ups".events_2024 FOR VALUES IN ('buy');
CREATE TABLE "Look Ups".events_2024_rest PARTITION OF "Look Ups".events_2024 DEFAULT;
CREATE TABLE "Look Ups"."Later Events" PARTITION OF "Look Ups".events
  FOR VALUES FROM ('2025-01-01 00:00+00') TO ('2026-01-01 00:00+00');
CREATE TABLE "Look Ups".events_other PARTITION OF "Look Ups".events DEFAULT;
INSERT INTO "Look Ups".events (at, kind, amount)
SELECT timestamptz '2024-01-01 00:00+00' + (abs(hashint4(i)) % 63072000) * interval '1 second',
       (ARRAY['click', 'view', 'buy'])[1 + i % 3], CASE WHEN i % 3 = 2 THEN (i % 1000) / 10.0 END
FROM generate_series(1, 6000) i;
SELECT is(synth_clone_table('"Look Ups".events', '"Look Ups"."Events Copy"', seed => 3), 6000::bigint,
          'a partitioned table: cloned');
SELECT is((SELECT pg_get_partkeydef('"Look Ups"."Events Copy"'::regclass)), 'RANGE (at)',
          'the copy is partitioned by the source''s key');
SELECT is((SELECT array_agg(c.relname || ' ' || pg_get_expr(c.relpartbound, c.oid) ORDER BY c.relname)
             FROM pg_partition_tree('"Look Ups"."Events Copy"') t JOIN pg_class c ON c.oid = t.relid WHERE t.level > 0),
          ARRAY['Events Copy_2024 FOR VALUES FROM (''2024-01-01 00:00:00+00'') TO (''2025-01-01 00:00:00+00'')',
                'Events Copy_2024_buy FOR VALUES IN (''buy'')',
                'Events Copy_2024_rest DEFAULT',
                'Events Copy_Later Events FOR VALUES FROM (''2025-01-01 00:00:00+00'') TO (''2026-01-01 00:00:00+00'')',
                'Events Copy_other DEFAULT']::text[],
          'its partitions: the source''s bounds, down the tree, named after the copy');
SELECT is((SELECT count(DISTINCT tableoid) FROM "Look Ups"."Events Copy"), 3::bigint,
          'its rows are routed to the leaf partitions of their times and kinds');
SELECT is((SELECT count(*) FROM "Look Ups"."Events Copy_2024_buy" WHERE kind <> 'buy'), 0::bigint,
          '... by the list partition''s values too');

SELECT * FROM finish();
ROLLBACK;
