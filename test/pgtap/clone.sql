-- Fitted cloning on real tables: fidelity against a held-out part of each
-- table (SDMetrics Column Shapes and Column Pair Trends, scored by
-- test/lib/clone_score.sql), the train-vs-holdout ceiling, distance to
-- the closest record, the NULL pattern, plan independence, and SQLSTATEs.
BEGIN;
SELECT plan(55);
SET LOCAL client_min_messages = warning;
\ir ../lib/clone_score.sql

-- deterministic 60/40 splits; fit on train, score against holdout
SELECT clone_score.split('survival_pbc', 'pbc_train', 'pbc_hold');
SELECT clone_score.split('weka_credit_g', 'cg_train', 'cg_hold');
SELECT clone_score.split('ggplot2_diamonds', 'dm_train', 'dm_hold');
CREATE TEMP TABLE pbc_syn AS SELECT * FROM synth_clone(NULL::pbc_train, seed => 1);
CREATE TEMP TABLE cg_syn AS SELECT * FROM synth_clone(NULL::cg_train, seed => 1);
CREATE TEMP TABLE dm_syn AS SELECT * FROM synth_clone(NULL::dm_train, seed => 1);

-- survival_pbc without its identifier column "id"
CREATE TEMP TABLE scores AS
SELECT 'pbc' AS t, 'synthetic' AS what, * FROM clone_score.quality('pbc_hold', 'pbc_syn',
    (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
      WHERE attrelid = 'survival_pbc'::regclass AND attnum > 1))
UNION ALL
SELECT 'pbc', 'ceiling', * FROM clone_score.quality('pbc_hold', 'pbc_train',
    (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
      WHERE attrelid = 'survival_pbc'::regclass AND attnum > 1))
UNION ALL
SELECT 'cg', 'synthetic', * FROM clone_score.quality('cg_hold', 'cg_syn')
UNION ALL
SELECT 'cg', 'ceiling', * FROM clone_score.quality('cg_hold', 'cg_train')
UNION ALL
SELECT 'dm', 'synthetic', * FROM clone_score.quality('dm_hold', 'dm_syn')
UNION ALL
SELECT 'dm', 'ceiling', * FROM clone_score.quality('dm_hold', 'dm_train');

SELECT diag(format('%s %s: shapes %s, trends %s', t, what, round(shapes::numeric, 3), round(trends::numeric, 3)))
FROM scores ORDER BY t, what;

-- the targets, where the table is large enough for sampling noise to allow them
SELECT cmp_ok((SELECT shapes FROM scores WHERE t = 'dm' AND what = 'synthetic'), '>=', 0.95::float8,
              'ggplot2_diamonds: Column Shapes >= 0.95 against the holdout');
SELECT cmp_ok((SELECT trends FROM scores WHERE t = 'dm' AND what = 'synthetic'), '>=', 0.90::float8,
              'ggplot2_diamonds: Column Pair Trends >= 0.90 against the holdout');
SELECT cmp_ok((SELECT shapes FROM scores WHERE t = 'cg' AND what = 'synthetic'), '>=', 0.95::float8,
              'weka_credit_g: Column Shapes >= 0.95 against the holdout');
SELECT cmp_ok((SELECT trends FROM scores WHERE t = 'cg' AND what = 'synthetic'), '>=', 0.90::float8,
              'weka_credit_g: Column Pair Trends >= 0.90 against the holdout');
-- survival_pbc has 265 training rows: even real rows score below the targets
-- (the ceiling), so the synthetic rows are held to within 0.03 / 0.04 of it
SELECT cmp_ok((SELECT shapes FROM scores WHERE t = 'pbc' AND what = 'synthetic'), '>=',
              (SELECT shapes - 0.03 FROM scores WHERE t = 'pbc' AND what = 'ceiling'),
              'survival_pbc: Column Shapes within 0.03 of the train-vs-holdout ceiling');
SELECT cmp_ok((SELECT trends FROM scores WHERE t = 'pbc' AND what = 'synthetic'), '>=',
              (SELECT trends - 0.04 FROM scores WHERE t = 'pbc' AND what = 'ceiling'),
              'survival_pbc: Column Pair Trends within 0.04 of the train-vs-holdout ceiling');

-- distance to the closest training record: synthetic rows are no closer to
-- the training rows than fresh real rows (the holdout) are
CREATE TEMP TABLE pbc_syn_small AS SELECT * FROM synth_clone(NULL::pbc_train, (SELECT count(*) FROM pbc_hold), seed => 2);
CREATE TEMP TABLE dcr AS
WITH r AS (SELECT min(time) t0, max(time) - min(time) tr, min(age) a0, max(age) - min(age) ar,
                  min(bili) b0, max(bili) - min(bili) br, min(albumin) l0, max(albumin) - min(albumin) lr,
                  min(protime) p0, max(protime) - min(protime) pr FROM pbc_train),
     d AS (
        SELECT 'synthetic' AS what, s.ctid AS row,
               min(abs(s.time - t.time) / r.tr + abs(s.age - t.age) / r.ar + abs(s.bili - t.bili) / r.br
                   + abs(s.albumin - t.albumin) / r.lr + coalesce(abs(s.protime - t.protime) / r.pr, 1)
                   + (s.status <> t.status)::int + (s.sex <> t.sex)::int + (s.stage IS DISTINCT FROM t.stage)::int
                   + (s.edema <> t.edema)::int + (s.trt IS DISTINCT FROM t.trt)::int) AS dist
          FROM pbc_syn_small s, pbc_train t, r GROUP BY 1, 2
        UNION ALL
        SELECT 'holdout', s.ctid,
               min(abs(s.time - t.time) / r.tr + abs(s.age - t.age) / r.ar + abs(s.bili - t.bili) / r.br
                   + abs(s.albumin - t.albumin) / r.lr + coalesce(abs(s.protime - t.protime) / r.pr, 1)
                   + (s.status <> t.status)::int + (s.sex <> t.sex)::int + (s.stage IS DISTINCT FROM t.stage)::int
                   + (s.edema <> t.edema)::int + (s.trt IS DISTINCT FROM t.trt)::int)
          FROM pbc_hold s, pbc_train t, r GROUP BY 1, 2)
SELECT what, percentile_cont(0.5) WITHIN GROUP (ORDER BY dist) AS median,
       percentile_cont(0.05) WITHIN GROUP (ORDER BY dist) AS p05, count(*) FILTER (WHERE dist = 0) AS zero
FROM d GROUP BY what;
SELECT diag(format('DCR %s: median %s, 5th percentile %s, zero %s', what, round(median::numeric, 3), round(p05::numeric, 3), zero))
FROM dcr ORDER BY what;
-- (the clipped tails and suppressed rare categories make synthetic rows a
-- little more typical, so the median is held to 90% of the holdout's)
SELECT cmp_ok((SELECT median FROM dcr WHERE what = 'synthetic'), '>=',
              (SELECT 0.9 * median FROM dcr WHERE what = 'holdout'),
              'survival_pbc: median distance to the closest training row at least 90% of the holdout''s');
SELECT cmp_ok((SELECT p05 FROM dcr WHERE what = 'synthetic'), '>=',
              (SELECT p05 FROM dcr WHERE what = 'holdout'),
              'survival_pbc: 5th percentile of that distance is no smaller than the holdout''s');
SELECT is((SELECT zero FROM dcr WHERE what = 'synthetic'), 0::bigint,
          'survival_pbc: no synthetic row coincides with a training row');

-- NULLs modelled jointly: the 106 patients outside the trial miss trt and
-- the lab values together
SELECT cmp_ok((SELECT count(*) FILTER (WHERE trt IS NULL AND (ascites IS NOT NULL OR chol IS NOT NULL OR copper IS NOT NULL))::float8
                      / nullif(count(*) FILTER (WHERE trt IS NULL), 0) FROM synth_clone(NULL::survival_pbc, 2000, seed => 3)),
              '<', 0.1::float8, 'survival_pbc: trt, ascites, chol and copper are NULL together (under 10% apart)');
SELECT cmp_ok((SELECT abs(count(*) FILTER (WHERE trt IS NULL) / 2000.0 - 106 / 418.0)::float8
                 FROM synth_clone(NULL::survival_pbc, 2000, seed => 3)),
              '<', 0.03::float8, 'survival_pbc: NULL fraction of trt within 0.03 of the real 0.254');
SELECT cmp_ok((SELECT corr(chol, bili) FROM synth_clone(NULL::survival_pbc, 2000, seed => 3)), '>', 0.2::float8,
              'survival_pbc: chol and bili stay positively correlated');

-- the model does not depend on the plan: parallel workers give the same model
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
-- fits of small tables run serially unless told otherwise
SET LOCAL synthdata.fit_parallel_min_rows = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE models AS SELECT 'parallel' AS plan, synth_fit('ggplot2_diamonds') AS m;
SET LOCAL max_parallel_workers_per_gather = 0;
INSERT INTO models SELECT 'serial', synth_fit('ggplot2_diamonds');
SELECT is((SELECT m FROM models WHERE plan = 'parallel'), (SELECT m FROM models WHERE plan = 'serial'),
          'ggplot2_diamonds: the parallel fit gives the same model as the serial one');
SELECT is(synth_fit('weka_credit_g'), synth_fit('weka_credit_g'), 'weka_credit_g: synth_fit is deterministic');
SELECT results_eq('SELECT * FROM synth_sample(NULL::weka_credit_g, synth_fit(''weka_credit_g''), 30, seed => 5, start => 10)',
                  'SELECT * FROM synth_sample(NULL::weka_credit_g, synth_fit(''weka_credit_g''), 40, seed => 5) OFFSET 10',
                  'weka_credit_g: rows start .. start + n - 1 are the tail of a longer draw');
SELECT is((SELECT count(*) FROM (SELECT * FROM synth_clone(NULL::weka_credit_g, 1000, seed => 1)
                                 INTERSECT SELECT * FROM weka_credit_g) c), 0::bigint,
          'weka_credit_g: no synthetic row equals a source row');
SELECT is((SELECT count(*) FROM synth_clone('ggplot2_diamonds', 100, seed => 1) r
            WHERE r ?& ARRAY['carat', 'cut', 'price']), 100::bigint,
          'synth_clone(text): 100 jsonb rows with the table''s columns');

-- SQLSTATEs
SELECT throws_ok($$SELECT synth_fit('survival_pbc', '{"k": -1}')$$, '22023', NULL, 'bad option value: 22023');
SELECT throws_ok($$SELECT synth_fit('survival_pbc', '{"speed": 1}')$$, '22023', NULL, 'unknown option: 22023');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::survival_pbc, '{"format": "synthdata model", "version": 9}', 1)$$,
                 '22023', NULL, 'model of another version: 22023');
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::int, '{}', 1)$$, '42809', NULL, 'NULL::int is not a table row type: 42809');
SELECT throws_ok($$SELECT * FROM synth_clone('no_such_table', 1)$$, '42P01', NULL, 'unknown table: 42P01');
CREATE TEMP TABLE pbc_dates (age date);
SELECT throws_ok($$SELECT * FROM synth_sample(NULL::pbc_dates, synth_fit('survival_pbc'), 1)$$, '42804', NULL,
                 'incompatible column type: 42804');
-- NULL-ness and categories determined by a categorical parent
CREATE TEMP TABLE t200 AS
SELECT (i % 10) AS x, CASE WHEN i % 10 IN (2, 7) THEN NULL ELSE i * 1.5 END AS y,
       (i * 7919 % 1000)::float8 AS z
FROM generate_series(1, 200) i;
SELECT cmp_ok((SELECT count(*) FILTER (WHERE (y IS NULL) = (x IN (2, 7)))::float8 / count(*)
               FROM synth_clone(NULL::t200, 2000, seed => 3)), '>=', 0.99::float8,
              'y is NULL iff x in (2, 7) in at least 99% of synthetic rows');
CREATE TEMP TABLE service AS
SELECT CASE WHEN i % 3 = 0 THEN 'No' ELSE (ARRAY['DSL', 'Fiber'])[1 + i % 2] END AS internet,
       CASE WHEN i % 3 = 0 THEN 'none' ELSE (ARRAY['yes', 'no'])[1 + (i * 7) % 5 / 3] END AS backup,
       CASE WHEN i % 3 = 0 THEN 'none' ELSE (ARRAY['yes', 'no', 'maybe'])[1 + (i * 13) % 3] END AS security,
       (i * 7919 % 10007) / 100.0 AS charge
FROM generate_series(1, 600) i;
SELECT is((SELECT count(*) FILTER (WHERE (internet = 'No') = (backup = 'none')
                                     AND (internet = 'No') = (security = 'none'))
           FROM synth_clone(NULL::service, 3000, seed => 3)), 3000::bigint,
          'structural category: backup and security are none exactly when internet is No');
SELECT cmp_ok((SELECT abs(avg((internet = 'No')::int) - 1.0 / 3)::float8
               FROM synth_clone(NULL::service, 3000, seed => 3)), '<', 0.03::float8,
              'structural category: its share within 0.03 of the source''s 1/3');
-- a uuid column is generated fresh: unique, and random-looking in all its
-- bits (not one shared first half), in the version-4 layout
CREATE TEMP TABLE tokens AS SELECT gen_random_uuid() AS token, i % 4 AS g FROM generate_series(1, 500) i;
CREATE TEMP TABLE tokens_syn AS SELECT * FROM synth_sample(NULL::tokens, (SELECT synth_fit('tokens')), 5000, 3);
SELECT is((SELECT count(DISTINCT token) FROM tokens_syn), 5000::bigint, 'generated uuids are unique');
SELECT ok((SELECT count(DISTINCT left(token::text, 8)) > 4900 AND count(DISTINCT right(token::text, 8)) > 4900
                  AND bool_and(token::text ~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')
           FROM tokens_syn),
          'generated uuids vary in their first and last digits and have the version-4 layout');
-- network addresses of many values: fake ones of the type's kind (MAC,
-- IPv4 for dotted networks, IPv6), never a source value, none in the model
CREATE TEMP TABLE net AS
SELECT ('08:00:2b:' || lpad(to_hex(i / 256 % 256), 2, '0') || ':' || lpad(to_hex(i % 256), 2, '0') || ':01')::macaddr AS mac,
       ('08:00:2b:01:02:03:' || lpad(to_hex(i / 256 % 256), 2, '0') || ':' || lpad(to_hex(i % 256), 2, '0'))::macaddr8 AS mac8,
       ('fe80::' || to_hex(i))::inet AS ip6,
       ('10.' || (i / 256) || '.' || (i % 256) || '.0/24')::cidr AS net4
FROM generate_series(1, 600) i;
SELECT is((SELECT string_agg(c->>'name' || ':' || (c->>'kind') || '/' || (c->>'pii_kind'), ' ' ORDER BY c->>'name')
           FROM jsonb_array_elements(synth_fit('net')->'columns') c),
          'ip6:format/ipv6 mac:format/mac mac8:format/mac net4:format/ipv4',
          'macaddr, macaddr8, inet and cidr of many values: fake addresses of their kind');
CREATE TEMP TABLE net_syn AS SELECT * FROM synth_sample(NULL::net, (SELECT synth_fit('net')), 1000, 3);
SELECT is((SELECT count(*) FROM net_syn s WHERE s.mac IS NULL OR s.mac8 IS NULL OR s.ip6 IS NULL OR s.net4 IS NULL
              OR family(s.ip6) <> 6 OR family(s.net4) <> 4
              OR s.mac IN (SELECT mac FROM net) OR s.mac8 IN (SELECT mac8 FROM net)
              OR s.ip6 IN (SELECT ip6 FROM net) OR s.net4 IN (SELECT net4 FROM net)), 0::bigint,
          'every generated address is present, of the right family, and no source value');
SELECT is((SELECT count(DISTINCT mac) FROM net_syn), 1000::bigint, 'generated MAC addresses differ from row to row');
-- bytea: many distinct values become fresh random bytes with the column's
-- length distribution (in bytes); few become categories; the model is the
-- same whatever bytea_output says
SELECT setseed(0.2);
CREATE TEMP TABLE bin AS
SELECT i AS id, decode(string_agg(lpad(to_hex((random() * 255)::integer), 2, '0'), ''), 'hex') AS blob,
       decode(md5((i % 4)::text), 'hex') AS cat
FROM generate_series(1, 2000) i, LATERAL generate_series(1, 10 + i % 50) g GROUP BY i;
CREATE TEMP TABLE bin_syn AS SELECT * FROM synth_clone(NULL::bin, 5000, seed => 2);
SELECT is((SELECT string_agg(c->>'name' || ':' || (c->>'kind'), ' ' ORDER BY c->>'name')
           FROM jsonb_array_elements(synth_fit('bin')->'columns') c WHERE c->>'name' <> 'id'),
          'blob:format cat:categorical', 'bytea of many values: a format; of four values: categories');
SELECT ok((SELECT count(DISTINCT blob) = 5000 AND min(length(blob)) >= 10 AND max(length(blob)) <= 59
                  AND abs(avg(length(blob)) - 34.5) < 1.5
                  AND count(*) FILTER (WHERE blob IN (SELECT blob FROM bin)) = 0
                  AND count(*) FILTER (WHERE cat NOT IN (SELECT cat FROM bin)) = 0
           FROM bin_syn),
          format('bytea: fresh distinct values of the source''s lengths (mean %s bytes, source 34.5), categories from the source',
                 (SELECT round(avg(length(blob)), 1) FROM bin_syn)));
SELECT ok((SELECT count(DISTINCT blob) = 3000 AND abs(avg(length(blob)) - 34.5) < 1.5
           FROM synth_sample(NULL::bin, (SELECT synth_fit('bin')), 3000, 4)),
          'bytea: a model stored as jsonb and read back draws random bytes too');
SELECT is((SELECT m FROM (SELECT set_config('bytea_output', 'escape', true), synth_fit('bin') AS m) x),
          (SELECT m FROM (SELECT set_config('bytea_output', 'hex', true), synth_fit('bin') AS m) x),
          'the model of a bytea column does not depend on bytea_output');
RESET bytea_output;
-- arrays of many distinct combinations: elements held by at least k rows,
-- drawn with their shares, and the arrays' lengths; a tag held by fewer
-- than k rows never appears
SELECT setseed(0.1);
CREATE TEMP TABLE tagged AS
SELECT i AS id,
       ARRAY(SELECT 'tag' || floor(30 * random() ^ 2)::integer FROM generate_series(1, i % 7)) ||
       CASE WHEN i <= 5 THEN ARRAY['rare'] ELSE ARRAY[]::text[] END AS tags
FROM generate_series(1, 3000) i;
CREATE TEMP TABLE tagged_model AS SELECT synth_fit('tagged') AS m;
CREATE TEMP TABLE tagged_syn AS SELECT * FROM synth_sample(NULL::tagged, (SELECT m FROM tagged_model), 6000, 5);
SELECT is((SELECT c->>'kind' FROM tagged_model, jsonb_array_elements(m->'columns') c WHERE c->>'name' = 'tags'),
          'array', 'a text[] of many distinct combinations: an array model');
SELECT is((SELECT count(*) FROM tagged_syn, unnest(tags) t
           WHERE t NOT IN (SELECT t2 FROM tagged, unnest(tags) t2 GROUP BY t2 HAVING count(DISTINCT id) >= 10)),
          0::bigint, 'every generated element is held by at least 10 source rows ("rare" is held by 5)');
SELECT ok(abs((SELECT avg(cardinality(tags)) FROM tagged_syn) - (SELECT avg(cardinality(tags)) FROM tagged)) < 0.15,
          format('array lengths: mean %s, source %s', round((SELECT avg(cardinality(tags)) FROM tagged_syn), 2),
                 round((SELECT avg(cardinality(tags)) FROM tagged), 2)));
SELECT ok((SELECT max(abs(s.share - r.share)) FROM
             (SELECT t, count(*)::float8 / sum(count(*)) OVER () AS share FROM tagged_syn, unnest(tags) t GROUP BY t) s
             JOIN (SELECT t, count(*)::float8 / sum(count(*)) OVER () AS share FROM tagged, unnest(tags) t
                   WHERE t <> 'rare' GROUP BY t) r USING (t)) < 0.01,
          'each element keeps its share of the elements within 0.01');
-- json and jsonb objects of many distinct values: key sets and per-key values
-- seen in at least k rows; numbers of a key from its quantiles (clipped, at
-- its decimal places), strings of many values as words; a key in fewer
-- than k rows never appears; the same rows in another order, the same model
SELECT setseed(0.3);
CREATE TABLE clone_docs AS
SELECT i AS id,
       jsonb_strip_nulls(jsonb_build_object(
           'type', (ARRAY['click', 'view', 'buy'])[1 + floor(random() * 3)::integer],
           'amount', CASE WHEN random() < 0.7 THEN round((random() * 500)::numeric, 2) END,
           'agent', CASE WHEN random() < 0.5 THEN 'Mozilla/5.0 ' || md5(i::text) END,
           'count', (random() * 10)::integer,
           'meta', CASE WHEN random() < 0.2 THEN jsonb_build_object('v', 1) END,
           'secret', CASE WHEN i <= 5 THEN 'x' || i END)) AS payload,
       ('{"a": ' || i || '}')::json AS j
FROM generate_series(1, 3000) i;
ALTER TABLE clone_docs ADD PRIMARY KEY (id);
CREATE TABLE clone_docs_shuffled AS SELECT * FROM clone_docs ORDER BY md5(id::text || 'x');
ALTER TABLE clone_docs_shuffled ADD PRIMARY KEY (id);
CREATE TEMP TABLE docs_model AS SELECT synth_fit('clone_docs') AS m;
SELECT is((SELECT string_agg(c->>'name' || ':' || (c->>'kind'), ' ' ORDER BY c->>'name')
           FROM docs_model, jsonb_array_elements(m->'columns') c WHERE c->>'name' <> 'id'),
          'j:document payload:document', 'jsonb and json objects of many values: document models');
SELECT is((SELECT string_agg((f->>'key') || ':' || (f->>'values'), ' ' ORDER BY f->>'key')
           FROM docs_model, jsonb_array_elements(m->'columns') c, jsonb_array_elements(c->'fields') f
           WHERE c->>'name' = 'payload'),
          'agent:words amount:numbers count:json meta:json type:json',
          'each key drawn as its values are: categories, numbers or words; the rare key is left out');
SELECT is((SELECT synth_fit('clone_docs_shuffled') - 'source'), (SELECT m - 'source' FROM docs_model),
          'documents: the same rows in another order give the same model');
SELECT synth_clone_table('clone_docs', 'clone_docs_copy', 6000, seed => 3);
SELECT is((SELECT count(*) FROM clone_docs_copy
           WHERE jsonb_typeof(payload) <> 'object' OR payload ? 'secret'
              OR NOT (payload->>'type' IN ('click', 'view', 'buy'))
              OR (payload->>'amount')::numeric NOT BETWEEN 0 AND 500
              OR scale((payload->>'amount')::numeric) > 2
              OR (payload ? 'agent' AND payload->>'agent' LIKE 'Mozilla%')
              OR json_typeof(j) <> 'object'),
          0::bigint, 'every document is an object of the source''s keys and kinds of values, none of its rare key or its strings');
SELECT ok(abs((SELECT avg((payload ? 'amount')::integer) FROM clone_docs_copy) -
              (SELECT avg((payload ? 'amount')::integer) FROM clone_docs)) < 0.03
          AND abs((SELECT avg((payload->>'amount')::numeric) FROM clone_docs_copy) -
                  (SELECT avg((payload->>'amount')::numeric) FROM clone_docs)) < 10,
          format('key shares and number means kept: amount in %s of documents (source %s), mean %s (source %s)',
                 round((SELECT avg((payload ? 'amount')::integer) FROM clone_docs_copy), 3),
                 round((SELECT avg((payload ? 'amount')::integer) FROM clone_docs), 3),
                 round((SELECT avg((payload->>'amount')::numeric) FROM clone_docs_copy), 1),
                 round((SELECT avg((payload->>'amount')::numeric) FROM clone_docs), 1)));
SELECT ok((SELECT count(*) FROM synth_sample(NULL::clone_docs, (SELECT m FROM docs_model), 500, 9)
           WHERE payload ? 'type') = 500,
          'a stored document model draws documents too');
-- ranges over integers, numerics, dates and timestamps: empty and unbounded
-- shares, inclusive ends, lower bounds and widths (clipped at the k-th
-- extremes), through a stored model and synth_clone_table
SELECT setseed(0.4);
CREATE TABLE clone_ranges AS
SELECT i AS id, int4range(s, s + w) AS ir,
       CASE WHEN i % 10 = 0 THEN 'empty'::numrange
            WHEN i % 13 = 0 THEN numrange(NULL, round((random() * 100)::numeric, 2))
            ELSE numrange(round((random() * 100)::numeric, 2), round((100 + random() * 50)::numeric, 2), '[]') END AS nr,
       daterange(date '2024-01-01' + s, date '2024-01-01' + s + w) AS dr,
       tstzrange(timestamptz '2024-01-01 00:00+00' + s * interval '1 hour',
                 timestamptz '2024-01-01 00:00+00' + (s + w) * interval '1 hour') AS tr
FROM (SELECT i, (random() * 1000)::integer AS s, 1 + (random() * 14)::integer AS w
      FROM generate_series(1, 3000) i) x;
CREATE TEMP TABLE ranges_model AS SELECT synth_fit('clone_ranges') AS m;
SELECT is((SELECT string_agg(c->>'name' || ':' || (c->>'kind'), ' ' ORDER BY c->>'name')
           FROM ranges_model, jsonb_array_elements(m->'columns') c WHERE c->>'name' <> 'id'),
          'dr:range ir:range nr:range tr:range', 'ranges of many values: range models');
SELECT synth_clone_table('clone_ranges', 'clone_ranges_copy', 6000, seed => 3);
SELECT ok((SELECT abs(avg(upper(ir) - lower(ir)) - (SELECT avg(upper(ir) - lower(ir)) FROM clone_ranges)) < 0.3
                  AND abs(avg(upper(dr) - lower(dr)) - (SELECT avg(upper(dr) - lower(dr)) FROM clone_ranges)) < 0.3
                  AND abs(avg(isempty(nr)::integer) - 0.1) < 0.02
                  AND abs(avg(lower_inf(nr)::integer) FILTER (WHERE NOT isempty(nr)) -
                          (SELECT avg(lower_inf(nr)::integer) FILTER (WHERE NOT isempty(nr)) FROM clone_ranges)) < 0.02
           FROM clone_ranges_copy),
          format('widths and shares kept: int4range width %s (source %s), empty numranges %s (source 0.1)',
                 (SELECT round(avg(upper(ir) - lower(ir)), 2) FROM clone_ranges_copy),
                 (SELECT round(avg(upper(ir) - lower(ir)), 2) FROM clone_ranges),
                 (SELECT round(avg(isempty(nr)::integer), 3) FROM clone_ranges_copy)));
SELECT is((SELECT count(*) FROM clone_ranges_copy
           WHERE NOT (lower(ir) BETWEEN (SELECT min(lower(ir)) FROM clone_ranges) AND (SELECT max(lower(ir)) FROM clone_ranges))
              OR (NOT isempty(nr) AND NOT lower_inf(nr) AND NOT (lower_inc(nr) AND upper_inc(nr)))
              OR upper(tr) < lower(tr) OR scale(lower(nr)) > 2),
          0::bigint, 'bounds within the source''s, inclusive ends kept, decimal places kept');
SELECT ok((SELECT count(*) FROM synth_sample(NULL::clone_ranges, (SELECT m FROM ranges_model), 500, 9)
           WHERE NOT isempty(dr)) = 500,
          'a stored range model draws ranges too');
-- timetz: the local time modelled like time (continuous or categories),
-- drawn in the commonest zone of the column
SELECT setseed(0.6);
CREATE TEMP TABLE clone_timetz AS
SELECT i AS id, ((time '08:00' + random() * interval '9 hours')::time(0) || '+05:30')::timetz(0) AS t0,
       timetz '10:00+02' + (i % 7) * interval '1 hour' AS t1
FROM generate_series(1, 2000) i;
CREATE TEMP TABLE timetz_model AS SELECT synth_fit('clone_timetz') AS m;
SELECT is((SELECT string_agg(c->>'name' || ':' || (c->>'kind') || '/' || (c->>'class') || '/' || (c->>'zone'), ' ' ORDER BY c->>'name')
           FROM timetz_model, jsonb_array_elements(m->'columns') c WHERE c->>'name' <> 'id'),
          't0:continuous/timetz/-19800 t1:categorical/timetz/-7200',
          'timetz: its local time modelled like time, with the commonest zone (seconds west, as stored)');
CREATE TEMP TABLE timetz_syn AS SELECT * FROM synth_sample(NULL::clone_timetz, (SELECT m FROM timetz_model), 3000, 4);
SELECT is((SELECT count(*) FROM timetz_syn
           WHERE t0::text NOT LIKE '%+05:30' OR t1::text NOT LIKE '%+02'
              OR t0::time NOT BETWEEN time '08:00' AND time '17:00'
              OR t1 NOT IN (SELECT t1 FROM clone_timetz) OR t0::text LIKE '%.%'),
          0::bigint, 'timetz values in the column''s zone, within its range, at its precision');
SELECT ok(abs((SELECT avg(extract(epoch FROM t0::time)) FROM timetz_syn) -
              (SELECT avg(extract(epoch FROM t0::time)) FROM clone_timetz)) < 600,
          'timetz: the mean local time within 10 minutes of the source''s');
-- a real of one decimal keeps it: 76.8 is 76.80000305 as a double, which the
-- double's precision read as more than 6 digits (the clone's reals had 7);
-- a double of two decimals keeps its two
CREATE TEMP TABLE real_scores (id int PRIMARY KEY, score real NOT NULL, ratio float8 NOT NULL);
INSERT INTO real_scores SELECT i, (abs(hashint4(i)) % 1000) / 10.0, (abs(hashint4(i * 3)) % 10000) / 100.0
FROM generate_series(1, 2000) i;
CREATE TEMP TABLE scores_clone AS SELECT * FROM synth_clone(NULL::real_scores, 2000, seed => 1);
SELECT is((SELECT count(*) FROM scores_clone WHERE score::text !~ '^[0-9]+(\.[0-9])?$'), 0::bigint,
          'a real column of one decimal is cloned with one decimal');
SELECT is((SELECT count(*) FROM scores_clone WHERE ratio::text !~ '^[0-9]+(\.[0-9]{1,2})?$'), 0::bigint,
          'a double column of two decimals is cloned with at most two');
CREATE ROLE clone_tap_nobody;
SET LOCAL ROLE clone_tap_nobody;
SELECT throws_ok($$SELECT synth_fit('survival_pbc')$$, '42501', NULL, 'table the caller cannot read: 42501');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
