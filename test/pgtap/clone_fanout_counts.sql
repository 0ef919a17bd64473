-- Children per parent counted by the fit's own scan: a one-column foreign
-- key's rows per value are counted exactly while the values referenced are
-- at most 16,384 (integers below 2^53, or texts); past that, or for a key
-- the scan cannot count exactly, the fit groups the children in a query as
-- before.
-- Either way the model's children_per_parent is the quantile grid of the
-- real counts over all parents (zeros first, clipped at the k-th largest),
-- and the parent column the counts follow is found.
BEGIN;
SELECT plan(15);
SET LOCAL client_min_messages = warning;

-- 20,000 parents and 500; a gold one (every fourth) has more children than
-- a basic one
CREATE TABLE fc_parent (id int PRIMARY KEY, code text UNIQUE NOT NULL, tier text NOT NULL);
INSERT INTO fc_parent SELECT g, 'P-' || lpad(g::text, 6, '0'), CASE WHEN g % 4 = 0 THEN 'gold' ELSE 'basic' END
FROM generate_series(1, 20000) g;
CREATE TABLE fc_small (id int PRIMARY KEY, code text UNIQUE NOT NULL, tier text NOT NULL);
INSERT INTO fc_small SELECT * FROM fc_parent WHERE id <= 500;
-- children of parents 1..400 of the 500 (counted by the scan), 5% with a NULL key
CREATE TABLE fc_few (id int PRIMARY KEY, parent_id int REFERENCES fc_small, v int);
INSERT INTO fc_few
SELECT row_number() OVER (), CASE WHEN hashint4(p * 31 + k) % 20 = 0 THEN NULL ELSE p END, k
FROM generate_series(1, 400) p,
     generate_series(1, CASE WHEN p % 4 = 0 THEN 6 + p % 5 ELSE 1 + p % 3 END) k;
-- children of parents 1..n: a gold parent (every fourth) 4 to 6, a basic one 1 or 2
CREATE FUNCTION pg_temp.tiered_children(n int) RETURNS TABLE (id bigint, parent_id int, v int)
LANGUAGE sql AS $$
SELECT row_number() OVER (), p, k
FROM generate_series(1, n) p,
     generate_series(1, CASE WHEN p % 4 = 0 THEN 4 + p % 3 ELSE 1 + p % 2 END) k
$$;
-- children of parents 1..18,000 (more values than the scan counts exactly)
CREATE TABLE fc_many (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES fc_parent, v int);
INSERT INTO fc_many SELECT * FROM pg_temp.tiered_children(18000);
-- keys beyond 2^53 (not exact as float8): counted by a query
CREATE TABLE fc_snow (id bigint PRIMARY KEY, tier text NOT NULL);
INSERT INTO fc_snow SELECT (2::bigint ^ 60)::bigint + id * 1024, tier FROM fc_parent;
CREATE TABLE fc_snow_child (id int PRIMARY KEY, snow_id bigint NOT NULL REFERENCES fc_snow, v int);
INSERT INTO fc_snow_child SELECT id, (2::bigint ^ 60)::bigint + parent_id * 1024, v FROM fc_many;
-- 17,000 text keys (more than the scan counts): counted by a query
CREATE TABLE fc_many_text (id int PRIMARY KEY, parent_code text NOT NULL REFERENCES fc_parent (code), v int);
INSERT INTO fc_many_text SELECT id, 'P-' || lpad(parent_id::text, 6, '0'), v FROM fc_many WHERE parent_id <= 17000;
-- a text key: children of parents 1..400 by their code
CREATE TABLE fc_text (id int PRIMARY KEY, parent_code text NOT NULL REFERENCES fc_small (code), v int);
INSERT INTO fc_text SELECT id, 'P-' || lpad(parent_id::text, 6, '0'), v FROM fc_few WHERE parent_id IS NOT NULL;
ANALYZE fc_parent, fc_small, fc_few, fc_many, fc_text, fc_snow, fc_snow_child, fc_many_text;

-- the grid the fit must give: the ascending counts over all parents, the
-- point j at position floor(j / 64 * (parents - 1)), clipped at the 10th
-- largest count when the parents are at least 10 k (k = 10)
CREATE FUNCTION pg_temp.expected_grid(counts bigint[]) RETURNS float8[] LANGUAGE sql AS $$
WITH s AS (SELECT n, row_number() OVER (ORDER BY n) - 1 AS pos FROM unnest(counts) n),
     cap AS (SELECT n FROM s WHERE cardinality(counts) >= 100 ORDER BY n DESC OFFSET 9 LIMIT 1)
SELECT array_agg(LEAST(s.n, COALESCE((SELECT n FROM cap), s.n))::float8 ORDER BY j)
FROM generate_series(0, 64) j
JOIN s ON s.pos = floor(j::float8 / 64 * (cardinality(counts) - 1))
$$;
-- the real counts of every parent (zeros included) against the model's
-- references of the foreign key
CREATE FUNCTION pg_temp.real_grid(child regclass, fk text, parent regclass, pk text)
RETURNS float8[] LANGUAGE plpgsql AS $$
DECLARE
    counts bigint[];
BEGIN
    EXECUTE format('SELECT array_agg(COALESCE(g.n, 0)) FROM %s p LEFT JOIN '
                   '(SELECT c.%I AS k, count(*) AS n FROM %s c GROUP BY 1) g ON g.k = p.%I',
                   parent, fk, child, pk) INTO counts;
    RETURN pg_temp.expected_grid(counts);
END $$;
CREATE TEMP TABLE refs AS
SELECT t, pg_temp.real_grid(child, fk, parent, pk) AS want,
       (SELECT c->'semantics'->'references' FROM jsonb_array_elements(synth_fit(child)->'columns') c
        WHERE c->>'name' = fk) AS r
FROM (VALUES ('few', 'fc_few'::regclass, 'parent_id', 'fc_small'::regclass, 'id'),
             ('many', 'fc_many', 'parent_id', 'fc_parent', 'id'),
             ('snow', 'fc_snow_child', 'snow_id', 'fc_snow', 'id'),
             ('many text', 'fc_many_text', 'parent_code', 'fc_parent', 'code'),
             ('text', 'fc_text', 'parent_code', 'fc_small', 'code')) v(t, child, fk, parent, pk);
CREATE TEMP VIEW grids AS
SELECT t, want, (SELECT array_agg(x::float8) FROM jsonb_array_elements_text(r->'children_per_parent') x) AS got
FROM refs;

SELECT is((SELECT got FROM grids WHERE t = 'few'), (SELECT want FROM grids WHERE t = 'few'),
  'an integer key of 400 of 500 parents referenced: the grid of the real counts, zeros and NULL keys as they are');
SELECT is((SELECT got FROM grids WHERE t = 'many'), (SELECT want FROM grids WHERE t = 'many'),
  'an integer key of 18,000 parents referenced (past the exact counts): the same grid by query');
SELECT is((SELECT got FROM grids WHERE t = 'snow'), (SELECT want FROM grids WHERE t = 'snow'),
  'bigint keys beyond 2^53 (not counted by the scan): the same grid by query');
SELECT is((SELECT got FROM grids WHERE t = 'many text'), (SELECT want FROM grids WHERE t = 'many text'),
  'a text key of 17,000 parents referenced (past the exact counts): the same grid by query');
SELECT is((SELECT got FROM grids WHERE t = 'text'), (SELECT want FROM grids WHERE t = 'text'),
  'a text key: the grid of the real counts');

SELECT is((SELECT (r->>'children')::bigint FROM refs WHERE t = 'few'),
          (SELECT count(parent_id) FROM fc_few), 'the children counted are the rows with a key');
SELECT is((SELECT r->'children_follow'->>'column' FROM refs WHERE t = 'few'), 'tier',
  'counted by the scan: the children follow the parent''s tier');
SELECT is((SELECT r->'children_follow'->>'column' FROM refs WHERE t = 'many'), 'tier',
  '18,000 parents counted by query: the children follow the parent''s tier');
SELECT is((SELECT r->'children_follow' FROM refs WHERE t = 'snow'),
          (SELECT r->'children_follow' FROM refs WHERE t = 'many'),
  'the same children with keys beyond 2^53: the same correlation and scores');
SELECT is((SELECT r->'children_follow'->>'column' FROM refs WHERE t = 'text'), 'tier',
  'a text key counted by the scan: the children follow the tier');
SELECT is((SELECT r->'children_follow' FROM refs WHERE t = 'text'),
          (SELECT r->'children_follow' FROM refs WHERE t = 'few'),
  'the same children by an integer or a text key: the same correlation and scores');
SELECT cmp_ok((SELECT (r->'children_follow'->'scores'->>'gold')::float8 FROM refs WHERE t = 'few'), '>',
              (SELECT (r->'children_follow'->'scores'->>'basic')::float8 FROM refs WHERE t = 'few'),
  'gold parents score above basic ones');

-- a clone draws the counts: gold parents get more children
SELECT synth_clone_table('fc_few', 'fc_few_copy', seed => 4);
SELECT cmp_ok((SELECT avg(n) FILTER (WHERE tier = 'gold') / avg(n) FILTER (WHERE tier = 'basic')
               FROM (SELECT p.tier, count(c.id) AS n FROM fc_small p JOIN fc_few_copy c ON c.parent_id = p.id
                     GROUP BY p.id, p.tier) s), '>', 1.5::numeric,
  'the copy''s gold parents have over 1.5 times the children of basic ones (real: 4)');

-- 40,000 parents: the measure of what the counts follow reads a sample of
-- about 20,000 parents (by a hash of the key) and, for an integer key, only
-- those parents' children (by the same hash of the foreign key); numeric
-- keys (whose equal values may differ in text) count every child: the same
-- correlation and scores either way
CREATE TABLE fc_big (id int PRIMARY KEY, tier text NOT NULL);
INSERT INTO fc_big SELECT g, CASE WHEN g % 4 = 0 THEN 'gold' ELSE 'basic' END FROM generate_series(1, 40000) g;
CREATE TABLE fc_big_child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES fc_big, v int);
INSERT INTO fc_big_child SELECT * FROM pg_temp.tiered_children(36000);
CREATE TABLE fc_bign (id numeric PRIMARY KEY, tier text NOT NULL);
INSERT INTO fc_bign SELECT id, tier FROM fc_big;
CREATE TABLE fc_bign_child (id int PRIMARY KEY, parent_id numeric NOT NULL REFERENCES fc_bign, v int);
INSERT INTO fc_bign_child SELECT * FROM fc_big_child;
ANALYZE fc_big, fc_big_child, fc_bign, fc_bign_child;
CREATE TEMP TABLE big_refs AS
SELECT t, (SELECT c->'semantics'->'references' FROM jsonb_array_elements(synth_fit(child)->'columns') c
           WHERE c->>'name' = 'parent_id') AS r
FROM (VALUES ('int', 'fc_big_child'::regclass), ('numeric', 'fc_bign_child')) v(t, child);
SELECT is((SELECT r->'children_follow'->>'column' FROM big_refs WHERE t = 'int'), 'tier',
  '40,000 parents, sampled: the children follow the parent''s tier');
SELECT is((SELECT r->'children_follow' FROM big_refs WHERE t = 'int'),
          (SELECT r->'children_follow' FROM big_refs WHERE t = 'numeric'),
  'the sampled parents'' children picked by the key''s hash: the same correlation and scores as counting every child');

SELECT * FROM finish();
ROLLBACK;
