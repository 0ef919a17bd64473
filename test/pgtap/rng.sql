-- pgTAP: the generator's known answers and the row-index properties.
BEGIN;
SELECT plan(8);

SELECT is(synth_philox4x32_10('{0,0,0,0}', '{0,0}'),
          ARRAY[x'6627e8d5'::bigint, x'e169c58d'::bigint, x'bc57ac4c'::bigint, x'9b00dbd8'::bigint],
          'Philox4x32-10 known answer: zero counter, zero key');
SELECT is(synth_philox4x32_10(ARRAY[4294967295,4294967295,4294967295,4294967295], ARRAY[4294967295,4294967295]),
          ARRAY[x'408f276d'::bigint, x'41c83b0e'::bigint, x'a20bc7c6'::bigint, x'6d5451fd'::bigint],
          'Philox4x32-10 known answer: all-ones counter and key');
SELECT is(synth_philox4x32_10(ARRAY[x'243f6a88'::bigint, x'85a308d3'::bigint, x'13198a2e'::bigint, x'03707344'::bigint],
                              ARRAY[x'a4093822'::bigint, x'299f31d0'::bigint]),
          ARRAY[x'd16cfe09'::bigint, x'94fdcceb'::bigint, x'5001e420'::bigint, x'24126ea1'::bigint],
          'Philox4x32-10 known answer: digits of pi');

SELECT results_eq(
    'SELECT x FROM synth_normal(10, seed => 7) x',
    'SELECT x FROM synth_normal(1000000, seed => 7) x LIMIT 10',
    'the first 10 rows do not depend on n');
SELECT results_eq(
    'SELECT x FROM synth_normal(500, seed => 7, start => 500) x',
    'SELECT x FROM synth_normal(1000, seed => 7) WITH ORDINALITY t(x, i) WHERE i > 500',
    'start => 500 gives rows 501-1000');
SELECT results_eq(
    'SELECT x FROM synth_uniform(300, seed => 11) x',
    'SELECT x FROM (SELECT x FROM synth_uniform(100, seed => 11) x
                    UNION ALL SELECT x FROM synth_uniform(100, seed => 11, start => 100) x
                    UNION ALL SELECT x FROM synth_uniform(100, seed => 11, start => 200) x) s',
    'three batches of 100 are the same rows as one call of 300');

-- Uniformity of the raw uniform: chi-square over 100 cells, 100000 draws,
-- 99 degrees of freedom; critical value at alpha = 0.001 is 148.23.
SELECT cmp_ok(
    (SELECT sum((c - 1000.0)^2 / 1000.0)::float8
     FROM (SELECT count(*) AS c FROM synth_uniform(100000, seed => 2024) u
           GROUP BY floor(u * 100)) s),
    '<', 148.23::float8,
    'uniform: chi-square over 100 cells below the alpha = 0.001 critical value');

SELECT throws_ok('SELECT synth_philox4x32_10(''{0,0,0}'', ''{0,0}'')', '22023',
                 'argument "counter" must have 4 elements', 'wrong counter length is rejected');

SELECT * FROM finish();
ROLLBACK;
