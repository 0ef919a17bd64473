-- Continuous distributions: rounded statistics with fixed seeds, and errors.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS synthdata;
RESET client_min_messages;

SELECT count(*), round(avg(x)::numeric, 1) AS mean, round(stddev(x)::numeric, 1) AS sd
FROM synth_normal(100000, mean => 50, stddev => 10, seed => 42) x;
SELECT count(*), round(avg(x)::numeric, 2) AS mean, min(x) >= 2 AND max(x) <= 4 AS in_range
FROM synth_uniform(100000, 2, 4, seed => 42) x;
SELECT count(*) FROM synth_normal(0, seed => 1);
SELECT synth_normal(3, stddev => 0, mean => 5, seed => 1);
-- in a SELECT list the rows stream, so LIMIT stops a huge n at once
SET statement_timeout = '20s';
SELECT round(x::numeric, 6) FROM (SELECT synth_normal(1000000000000, seed => 1) AS x LIMIT 3) s;
SELECT array_length(x, 1) FROM (SELECT synth_mvnormal(1000000000000, '{0,0}', '{{1,0},{0,1}}', seed => 1) AS x LIMIT 2) s;
-- in FROM a huge n runs in constant memory and can be cancelled
SET statement_timeout = '300ms';
SELECT count(*) FROM synth_normal(1000000000000, seed => 1);
SELECT count(*) FROM synth_choice(1000000000000, '{a,b}'::text[], '{1,2}', seed => 1);
RESET statement_timeout;

-- errors
SELECT * FROM synth_normal(-1);
SELECT * FROM synth_normal(NULL);
SELECT * FROM synth_normal(10, stddev => -1);
SELECT * FROM synth_normal(10, mean => 'NaN');
SELECT * FROM synth_normal(10, mean => 'Infinity');
SELECT * FROM synth_normal(10, mean => NULL);
SELECT * FROM synth_uniform(10, 5, 1);
SELECT * FROM synth_normal(10, start => -1);
SELECT * FROM synth_normal(10, start => 9223372036854775807);
SELECT synth_random_normal(0, -1);

-- every continuous family: 20000 draws, rounded mean and standard deviation
-- (theory in the comment of each row)
SELECT f, round(avg(x)::numeric, 2) AS mean, round(stddev(x)::numeric, 2) AS sd
FROM (SELECT 'lognormal(0, 0.5)' AS f, x FROM synth_lognormal(20000, 0, 0.5, seed => 3) x  -- 1.13, 0.60
      UNION ALL SELECT 'exponential(2)', x FROM synth_exponential(20000, rate => 2, seed => 3) x  -- 0.5, 0.5
      UNION ALL SELECT 'gamma(5, 2)', x FROM synth_gamma(20000, shape => 5, scale => 2, seed => 3) x  -- 10, 4.47
      UNION ALL SELECT 'gamma(0.5, 2)', x FROM synth_gamma(20000, 0.5, 2, seed => 3) x  -- 1, 1.41
      UNION ALL SELECT 'beta(2, 5)', x FROM synth_beta(20000, 2, 5, seed => 3) x  -- 0.29, 0.16
      UNION ALL SELECT 'chisq(4)', x FROM synth_chisq(20000, 4, seed => 3) x  -- 4, 2.83
      UNION ALL SELECT 'student_t(10)', x FROM synth_student_t(20000, 10, seed => 3) x  -- 0, 1.12
      UNION ALL SELECT 'weibull(2, 3)', x FROM synth_weibull(20000, 2, 3, seed => 3) x  -- 2.66, 1.39
      UNION ALL SELECT 'pareto(5, 2)', x FROM synth_pareto(20000, 5, 2, seed => 3) x  -- 2.5, 0.65
      UNION ALL SELECT 'logistic(1, 2)', x FROM synth_logistic(20000, 1, 2, seed => 3) x  -- 1, 3.63
      UNION ALL SELECT 'laplace(1, 2)', x FROM synth_laplace(20000, 1, 2, seed => 3) x  -- 1, 2.83
      UNION ALL SELECT 'triangular(0, 1, 4)', x FROM synth_triangular(20000, 0, 1, 4, seed => 3) x  -- 1.67, 0.85
      UNION ALL SELECT 'truncnormal(0, 1, 1, 3)', x FROM synth_truncnormal(20000, 0, 1, 1, 3, seed => 3) x  -- 1.51, 0.41
      UNION ALL SELECT 'von_mises(1, 2)', x FROM synth_von_mises(20000, 1, 2, seed => 3) x  -- 1, 0.88
     ) s
GROUP BY f ORDER BY f;
-- Cauchy has no moments: its median and quartiles are location and location +- scale
SELECT round(percentile_cont(0.25) WITHIN GROUP (ORDER BY x)::numeric, 1) AS q1,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY x)::numeric, 1) AS median,
       round(percentile_cont(0.75) WITHIN GROUP (ORDER BY x)::numeric, 1) AS q3
FROM synth_cauchy(20000, location => 3, scale => 2, seed => 3) x;
-- supports
SELECT min(x) >= 1 AND max(x) <= 3 AS truncnormal_in_bounds FROM synth_truncnormal(10000, 0, 1, 1, 3, seed => 4) x;
SELECT min(x) >= 40 AS far_tail_ok, round(avg(x)::numeric, 1) FROM synth_truncnormal(1000, 0, 1, low => 40, seed => 4) x;
-- (with tiny shapes much of the mass lies within 1e-16 of 0 or 1: doubles round it there)
SELECT min(x) >= 0 AND max(x) <= 1 AS beta_in_unit FROM synth_beta(10000, 0.05, 0.05, seed => 4) x;
SELECT min(x) >= 1 - pi() AND max(x) <= 1 + pi() AS von_mises_in_range FROM synth_von_mises(10000, 1, 0.1, seed => 4) x;
SELECT min(x) >= 2 AS pareto_above_scale FROM synth_pareto(10000, 1, 2, seed => 4) x;
-- degenerate parameters
SELECT DISTINCT x FROM synth_triangular(5, 2, 2, 2, seed => 1) x;
SELECT DISTINCT x FROM synth_uniform(5, 7, 7, seed => 1) x;
-- scalar twins: reproducible after synth_setseed
SELECT synth_setseed(99);
CREATE TEMP TABLE twin1 AS SELECT synth_random_gamma(2, 3) AS g, synth_random_beta(2, 2) AS b, synth_random_von_mises(0, 4) AS v FROM generate_series(1, 5);
SELECT synth_setseed(99);
CREATE TEMP TABLE twin2 AS SELECT synth_random_gamma(2, 3) AS g, synth_random_beta(2, 2) AS b, synth_random_von_mises(0, 4) AS v FROM generate_series(1, 5);
SELECT (SELECT array_agg(t ORDER BY g) FROM twin1 t)::text = (SELECT array_agg(t ORDER BY g) FROM twin2 t)::text AS twins_repeat;
-- distribution functions
SELECT round(synth_cdf('normal', 1.96)::numeric, 4), round(synth_cdf('gamma', 2, '{2,1}')::numeric, 4),
       round(synth_cdf('student_t', 1, '{3}')::numeric, 4), round(synth_cdf('beta', 0.3, '{2,3}')::numeric, 4),
       round(synth_cdf('von_mises', 1, '{0,2}')::numeric, 4);

-- errors, one per kind of bad parameter
SELECT * FROM synth_lognormal(10, sdlog => -1);
SELECT * FROM synth_exponential(10, rate => 0);
SELECT * FROM synth_gamma(10, shape => 0);
SELECT * FROM synth_gamma(10, scale => -2);
SELECT * FROM synth_beta(10, alpha => -1);
SELECT * FROM synth_beta(10, beta => 'NaN');
SELECT * FROM synth_chisq(10, df => 0);
SELECT * FROM synth_student_t(10, df => -3);
SELECT * FROM synth_weibull(10, shape => 0);
SELECT * FROM synth_pareto(10, scale => 0);
SELECT * FROM synth_cauchy(10, scale => 0);
SELECT * FROM synth_logistic(10, location => 'Infinity');
SELECT * FROM synth_laplace(10, scale => NULL);
SELECT * FROM synth_triangular(10, 0, 2, 1);
SELECT * FROM synth_triangular(10, 1, 0, 2);
SELECT * FROM synth_truncnormal(10, low => 2, high => 1);
SELECT * FROM synth_truncnormal(10, stddev => 0);
SELECT * FROM synth_truncnormal(10, low => 'NaN');
SELECT * FROM synth_von_mises(10, kappa => -1);
SELECT * FROM synth_uniform(10, -1e308, 1e308);
SELECT synth_random_weibull(1, 0);
SELECT synth_cdf('poisson', 1, '{1}');
SELECT synth_cdf('nosuch', 1);
SELECT synth_cdf('normal', 1, '{0,1,2}');
-- far-tail truncated normal: finite for huge bounds and narrow intervals (used to loop forever)
SELECT bool_and(x >= 1e300 AND x <= 1e308) AS huge_tail,
       count(*) AS n
FROM synth_truncnormal(100, 0, 1, 1e300, 1e308, seed => 1) AS x;
SELECT (SELECT bool_and(x >= 100 AND x <= 100.000001) AND count(*) = 100
        FROM synth_truncnormal(100, 0, 1, 100, 100.000001, seed => 2) AS x) AS narrow_tail,
       (SELECT bool_and(x <= -100 AND x >= -100.000001) AND count(*) = 100
        FROM synth_truncnormal(100, 0, 1, -100.000001, -100, seed => 3) AS x) AS narrow_lower_tail;
