-- The counter-based generator: known answers, determinism, seeds.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;

-- Philox4x32-10 known-answer vectors (Salmon et al. 2011, Random123
-- kat_vectors), printed in hex.
SELECT array_agg(lpad(to_hex(w), 8, '0') ORDER BY i) AS out
FROM unnest(synth_philox4x32_10('{0,0,0,0}', '{0,0}')) WITH ORDINALITY AS t(w, i);
SELECT array_agg(lpad(to_hex(w), 8, '0') ORDER BY i) AS out
FROM unnest(synth_philox4x32_10(ARRAY[4294967295,4294967295,4294967295,4294967295],
                                ARRAY[4294967295,4294967295])) WITH ORDINALITY AS t(w, i);
SELECT array_agg(lpad(to_hex(w), 8, '0') ORDER BY i) AS out
FROM unnest(synth_philox4x32_10(ARRAY[x'243f6a88'::bigint, x'85a308d3'::bigint,
                                      x'13198a2e'::bigint, x'03707344'::bigint],
                                ARRAY[x'a4093822'::bigint, x'299f31d0'::bigint]))
     WITH ORDINALITY AS t(w, i);

-- bad vectors
SELECT synth_philox4x32_10('{0,0,0}', '{0,0}');
SELECT synth_philox4x32_10('{0,0,0,-1}', '{0,0}');
SELECT synth_philox4x32_10('{0,0,0,0}', '{0,NULL}');

-- a block is a pure function of (seed, stream, counter, block)
SELECT synth_philox(1, 2, 3, 4) = synth_philox(1, 2, 3, 4) AS same,
       synth_philox(1, 2, 3, 4) <> synth_philox(1, 2, 3, 5) AS block_differs,
       synth_philox(1, 2, 3, 4) <> synth_philox(1, 3, 3, 4) AS stream_differs,
       synth_philox(1, 2, 3, 4) <> synth_philox(2, 2, 3, 4) AS seed_differs;

-- Same seed, same rows; prefix and start properties.
SELECT (SELECT array_agg(x) FROM synth_normal(100, seed => 7) x)
     = (SELECT array_agg(x) FROM synth_normal(100, seed => 7) x) AS reproducible;
SELECT (SELECT array_agg(x) FROM synth_normal(10, seed => 7) x)
     = (SELECT array_agg(x) FROM (SELECT x FROM synth_normal(1000000, seed => 7) x LIMIT 10) s) AS prefix;
SELECT (SELECT array_agg(x) FROM synth_normal(500, seed => 7, start => 500) x)
     = (SELECT array_agg(x) FROM (SELECT x FROM synth_normal(1000, seed => 7) WITH ORDINALITY t(x, i) WHERE i > 500) s) AS start_ok;
SELECT (SELECT array_agg(x) FROM synth_normal(10, seed => 7) x)
    <> (SELECT array_agg(x) FROM synth_normal(10, seed => 8) x) AS seeds_differ;

-- uniform doubles lie in the open interval (0,1)
SELECT min(u) > 0 AND max(u) < 1 AS open_interval, count(DISTINCT u) AS distinct_values
FROM synth_uniform(100000, seed => 3) u;

-- no seed: a fresh one, reported by synth_last_seed(), repeats the run
SELECT count(*) FROM synth_normal(3);
SELECT synth_last_seed() IS NOT NULL AS seed_reported;
CREATE TEMP TABLE first_run AS SELECT x FROM synth_normal(5) x;
SELECT (SELECT array_agg(x) FROM first_run)
     = (SELECT array_agg(x) FROM synth_normal(5, seed => synth_last_seed()) x) AS repeatable;

-- synthdata.seed is the default seed
SET synthdata.seed = 99;
SELECT (SELECT array_agg(x) FROM synth_normal(5) x)
     = (SELECT array_agg(x) FROM synth_normal(5, seed => 99) x) AS guc_seed;
SET synthdata.seed = 'abc';
RESET synthdata.seed;
SET synthdata.nonexistent = 1;

-- the session stream: synth_setseed makes synth_random_* reproducible
SELECT synth_setseed(5);
CREATE TEMP TABLE s1 AS SELECT synth_random_normal(0, 1) AS x FROM generate_series(1, 5);
SELECT synth_setseed(5);
SELECT (SELECT array_agg(x) FROM s1)
     = (SELECT array_agg(synth_random_normal(0, 1)) FROM generate_series(1, 5)) AS session_reproducible;
