-- Discrete distributions: rounded statistics with fixed seeds, and errors.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;

-- every discrete family: 20000 draws, rounded mean and variance
SELECT f, round(avg(x)::numeric, 2) AS mean, round(var_samp(x)::numeric, 2) AS var, min(x), max(x)
FROM (SELECT 'int(1, 6)' AS f, x FROM synth_int(20000, 1, 6, seed => 5) x  -- 3.5, 2.92
      UNION ALL SELECT 'binomial(10, 0.3)', x FROM synth_binomial(20000, 10, 0.3, seed => 5) x  -- 3, 2.1
      UNION ALL SELECT 'binomial(1000, 0.7)', x FROM synth_binomial(20000, 1000, 0.7, seed => 5) x  -- 700, 210
      UNION ALL SELECT 'poisson(3)', x FROM synth_poisson(20000, 3, seed => 5) x  -- 3, 3
      UNION ALL SELECT 'poisson(250)', x FROM synth_poisson(20000, 250, seed => 5) x  -- 250, 250
      UNION ALL SELECT 'geometric(0.2)', x FROM synth_geometric(20000, 0.2, seed => 5) x  -- 4, 20
      UNION ALL SELECT 'negbinomial(3, 0.4)', x FROM synth_negbinomial(20000, 3, 0.4, seed => 5) x  -- 4.5, 11.25
      UNION ALL SELECT 'hypergeometric(100, 30, 20)', x FROM synth_hypergeometric(20000, 100, 30, 20, seed => 5) x  -- 6, 3.39
      UNION ALL SELECT 'zipf(10, 1)', x FROM synth_zipf(20000, 10, seed => 5) x  -- 3.41, 7.4
     ) s
GROUP BY f ORDER BY f;
SELECT x, count(*) FROM synth_bernoulli(20000, p => 0.25, seed => 5) x GROUP BY x ORDER BY x;
-- edge parameters
SELECT DISTINCT x FROM synth_binomial(5, 7, 1, seed => 1) x;
SELECT DISTINCT x FROM synth_binomial(5, 0, 0.5, seed => 1) x;
SELECT DISTINCT x FROM synth_poisson(5, 0, seed => 1) x;
SELECT DISTINCT x FROM synth_geometric(5, 1, seed => 1) x;
SELECT DISTINCT x FROM synth_bernoulli(5, 0, seed => 1) x;
SELECT DISTINCT x FROM synth_hypergeometric(5, 10, 10, 4, seed => 1) x;
SELECT DISTINCT x FROM synth_zipf(5, 1, seed => 1) x;
SELECT round(avg(x) / 1e12, 3) FROM synth_poisson(1000, 1e12, seed => 1) x;
SELECT round(avg(x) / 1e16, 3) FROM synth_poisson(1000, 1e16, seed => 1) x;
SELECT min(x) >= 1 AND max(x) <= 1000000000 AS zipf_in_range FROM synth_zipf(10000, 1000000000, 0.5, seed => 1) x;
-- synth_int is exact over the whole bigint range
SELECT count(DISTINCT x), bool_and(x BETWEEN -9223372036854775808 AND 9223372036854775807)
FROM synth_int(1000, -9223372036854775808, 9223372036854775807, seed => 1) x;
SELECT min(x), max(x) FROM synth_int(10000, 9223372036854775806, 9223372036854775807, seed => 1) x;
SELECT round(synth_pmf('poisson', 2, '{3}')::numeric, 4), round(synth_pmf('binomial', 3, '{10,0.3}')::numeric, 4),
       round(synth_pmf('zipf', 1, '{10}')::numeric, 4), round(synth_pmf('hypergeometric', 6, '{100,30,20}')::numeric, 4);
-- scalar twins
SELECT synth_setseed(7);
SELECT synth_random_int(1, 6), synth_random_bernoulli(0.5), synth_random_binomial(20, 0.5), synth_random_poisson(4),
       synth_random_geometric(0.3), synth_random_negbinomial(2, 0.5), synth_random_hypergeometric(50, 10, 5), synth_random_zipf(100);
SELECT synth_setseed(7);
SELECT synth_random_int(1, 6), synth_random_bernoulli(0.5), synth_random_binomial(20, 0.5), synth_random_poisson(4),
       synth_random_geometric(0.3), synth_random_negbinomial(2, 0.5), synth_random_hypergeometric(50, 10, 5), synth_random_zipf(100);

-- errors
SELECT * FROM synth_int(10, 5, 1);
SELECT * FROM synth_int(10, NULL, 1);
SELECT * FROM synth_int(-1, 1, 2);
SELECT * FROM synth_bernoulli(10, 1.5);
SELECT * FROM synth_bernoulli(10, -0.1);
SELECT * FROM synth_binomial(10, -1, 0.5);
SELECT * FROM synth_binomial(10, 10, 2);
SELECT * FROM synth_binomial(10, 10000000000000000, 0.5);
SELECT * FROM synth_poisson(10, -1);
SELECT * FROM synth_poisson(10, 'NaN');
SELECT * FROM synth_geometric(10, 0);
SELECT * FROM synth_negbinomial(10, 0, 0.5);
SELECT * FROM synth_negbinomial(10, 1, 0);
SELECT * FROM synth_hypergeometric(10, 10, 11, 5);
SELECT * FROM synth_hypergeometric(10, 10, 5, 11);
SELECT * FROM synth_hypergeometric(10, -1, 0, 0);
SELECT * FROM synth_zipf(10, 0);
SELECT * FROM synth_zipf(10, 10, exponent => 0);
SELECT * FROM synth_zipf(10, NULL);
SELECT synth_random_poisson(-2);
SELECT synth_pmf('normal', 1);
SELECT synth_pmf('hypergeometric', 1, '{10,5}');
