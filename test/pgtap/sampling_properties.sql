-- pgTAP: the row-index properties of every sampling function, the scalar
-- twins' reproducibility, and the SQLSTATE of every kind of bad input.
BEGIN;
SELECT plan(291);

-- every SRF with arguments that exercise it (n, seed and start are added)
CREATE TEMP TABLE srf (fn text, args text);
INSERT INTO srf VALUES
 ('uniform', '2, 5'), ('normal', '50, 10'), ('lognormal', '0, 0.5'), ('exponential', '2'),
 ('gamma', '0.5, 2'), ('beta', '0.5, 3'), ('chisq', '3'), ('student_t', '4'),
 ('weibull', '2, 3'), ('pareto', '3, 1'), ('cauchy', '0, 1'), ('logistic', '0, 1'),
 ('laplace', '0, 1'), ('triangular', '0, 1, 4'), ('truncnormal', '0, 1, -1, 2'), ('von_mises', '0, 3'),
 ('int', '-5, 5'), ('bernoulli', '0.4'), ('binomial', '200, 0.3'), ('poisson', '25'),
 ('geometric', '0.3'), ('negbinomial', '2.5, 0.3'), ('hypergeometric', '60, 20, 10'), ('zipf', '100, 1.2'),
 ('choice', $$'{a,b,NULL,d}'::text[], '{1,2,3,4}'$$),
 ('mvnormal', $$'{0,1}', '{{2,1},{1,3}}'$$), ('dirichlet', $$'{0.5,1,2}'$$),
 ('multinomial', $$12, '{1,2,3}'$$),
 ('date', $$'2020-01-01', '2020-12-31'$$), ('timestamp', $$'2020-01-01', '2021-01-01'$$);

CREATE FUNCTION pg_temp.q(fn text, args text, n int, seed int, start int DEFAULT 0) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT format('SELECT x::text FROM synth_%s(%s, %s, seed => %s, start => %s) WITH ORDINALITY t(x, i) ORDER BY i',
                  fn, n, args, seed, start)
$$;

SELECT is(count(*), 30::bigint, 'every sampling function is listed') FROM srf;

SELECT results_eq(pg_temp.q(fn, args, 300, 7), pg_temp.q(fn, args, 300, 7),
                  format('synth_%s: the same seed gives the same rows', fn))
FROM srf ORDER BY fn;

SELECT results_ne(pg_temp.q(fn, args, 300, 7), pg_temp.q(fn, args, 300, 8),
                  format('synth_%s: another seed gives other rows', fn))
FROM srf ORDER BY fn;

SELECT results_eq(pg_temp.q(fn, args, 20, 7),
                  format('SELECT x FROM (%s LIMIT 20) s', pg_temp.q(fn, args, 5000, 7)),
                  format('synth_%s: the first 20 rows do not depend on n', fn))
FROM srf ORDER BY fn;

SELECT results_eq(pg_temp.q(fn, args, 150, 7, 150),
                  format('SELECT x FROM (%s OFFSET 150) s', pg_temp.q(fn, args, 300, 7)),
                  format('synth_%s: start => 150 gives rows 151-300', fn))
FROM srf ORDER BY fn;

-- a call in FROM fills a tuplestore at once, a call in the SELECT list
-- streams one row per call: the rows are the same
SELECT results_eq(format('SELECT synth_%s(300, %s, seed => 7, start => 5)::text', fn, args),
                  pg_temp.q(fn, args, 300, 7, 5),
                  format('synth_%s: the same rows in the SELECT list as in FROM', fn))
FROM srf ORDER BY fn;

SELECT is((SELECT count(*) FROM synth_normal(0, seed => 1)), 0::bigint, 'n = 0 gives no rows');
SELECT is((SELECT count(*) FROM (SELECT synth_normal(0, seed => 1)) s), 0::bigint, 'n = 0 gives no rows in the SELECT list');

-- the scalar twins repeat after synth_setseed, and vary from call to call
CREATE TEMP TABLE twin (expr text);
INSERT INTO twin VALUES
 ('synth_random_uniform(2, 5)'), ('synth_random_normal(50, 10)'), ('synth_random_lognormal(0, 0.5)'),
 ('synth_random_exponential(2)'), ('synth_random_gamma(0.5, 2)'), ('synth_random_beta(0.5, 3)'),
 ('synth_random_chisq(3)'), ('synth_random_student_t(4)'), ('synth_random_weibull(2, 3)'),
 ('synth_random_pareto(3, 1)'), ('synth_random_cauchy(0, 1)'), ('synth_random_logistic(0, 1)'),
 ('synth_random_laplace(0, 1)'), ('synth_random_triangular(0, 1, 4)'), ('synth_random_truncnormal(0, 1, -1, 2)'),
 ('synth_random_von_mises(0, 3)'), ('synth_random_int(-1000, 1000)'), ('synth_random_bernoulli(0.5)'),
 ('synth_random_binomial(200, 0.3)'), ('synth_random_poisson(25)'), ('synth_random_geometric(0.1)'),
 ('synth_random_negbinomial(2.5, 0.3)'), ('synth_random_hypergeometric(60, 20, 10)'), ('synth_random_zipf(100, 0.5)'),
 ($$synth_random_choice('{a,b,c,d}'::text[])$$), ($$synth_random_mvnormal('{0,1}', '{{2,1},{1,3}}')$$),
 ($$synth_random_dirichlet('{0.5,1,2}')$$), ($$synth_random_multinomial(12, '{1,2,3}')$$),
 ($$synth_random_date('2020-01-01', '2020-12-31')$$), ($$synth_random_timestamp('2020-01-01', '2021-01-01')$$);

CREATE FUNCTION pg_temp.twin_draws(expr text, seed bigint) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
    r text[];
BEGIN
    PERFORM synth_setseed(seed);
    EXECUTE format('SELECT array_agg((%s)::text ORDER BY g) FROM generate_series(1, 20) g', expr) INTO r;
    RETURN r;
END $$;

SELECT is(count(*), 30::bigint, 'every scalar twin is listed') FROM twin;

SELECT is(pg_temp.twin_draws(expr, 2024), pg_temp.twin_draws(expr, 2024),
          format('%s repeats after synth_setseed', expr))
FROM twin ORDER BY expr;

SELECT ok((SELECT count(DISTINCT d) FROM unnest(pg_temp.twin_draws(expr, 2024)) d) > 1,
          format('%s varies from call to call', expr))
FROM twin ORDER BY expr;

SELECT isnt(pg_temp.twin_draws('synth_random_normal()', 1), pg_temp.twin_draws('synth_random_normal()', 2),
            'another session seed gives other values');

-- bad input: SQLSTATE and message
SELECT throws_ok(sql, code, msg, format('rejects %s', sql))
FROM (VALUES
 ('SELECT * FROM synth_normal(-1)', '22023', 'number of rows cannot be negative'),
 ('SELECT * FROM synth_normal(NULL)', '22004', 'argument "n" must not be null'),
 ('SELECT * FROM synth_normal(10, start => -1)', '22023', 'first row index cannot be negative'),
 ('SELECT * FROM synth_normal(10, start => 9223372036854775807)', '54000', 'row index out of range'),
 ('SELECT * FROM synth_normal(10, stddev => -1)', '22023', 'argument "stddev" cannot be negative'),
 ('SELECT * FROM synth_normal(10, mean => NULL)', '22004', 'argument "mean" must not be null'),
 ($$SELECT * FROM synth_normal(10, mean => 'NaN')$$, '22023', 'argument "mean" must be a finite number'),
 ($$SELECT * FROM synth_normal(10, mean => 'Infinity')$$, '22023', 'argument "mean" must be a finite number'),
 ('SELECT * FROM synth_uniform(10, 5, 1)', '22023', 'argument "low" must be less than or equal to "high"'),
 ('SELECT * FROM synth_uniform(10, -1e308, 1e308)', '22023', 'range from "low" to "high" is too wide'),
 ('SELECT * FROM synth_lognormal(10, sdlog => -1)', '22023', 'argument "sdlog" cannot be negative'),
 ('SELECT * FROM synth_exponential(10, 0)', '22023', 'argument "rate" must be greater than zero'),
 ('SELECT * FROM synth_gamma(10, 0)', '22023', 'argument "shape" must be greater than zero'),
 ('SELECT * FROM synth_gamma(10, 1, -1)', '22023', 'argument "scale" must be greater than zero'),
 ('SELECT * FROM synth_beta(10, 1, 0)', '22023', 'argument "beta" must be greater than zero'),
 ('SELECT * FROM synth_chisq(10, -1)', '22023', 'argument "df" must be greater than zero'),
 ('SELECT * FROM synth_student_t(10, 0)', '22023', 'argument "df" must be greater than zero'),
 ('SELECT * FROM synth_weibull(10, -2)', '22023', 'argument "shape" must be greater than zero'),
 ('SELECT * FROM synth_pareto(10, 1, 0)', '22023', 'argument "scale" must be greater than zero'),
 ('SELECT * FROM synth_cauchy(10, 0, -1)', '22023', 'argument "scale" must be greater than zero'),
 ('SELECT * FROM synth_logistic(10, 0, 0)', '22023', 'argument "scale" must be greater than zero'),
 ('SELECT * FROM synth_laplace(10, 0, 0)', '22023', 'argument "scale" must be greater than zero'),
 ('SELECT * FROM synth_triangular(10, 1, 0, 2)', '22023', 'argument "low" must be less than or equal to "mode"'),
 ('SELECT * FROM synth_triangular(10, 0, 3, 2)', '22023', 'argument "mode" must be less than or equal to "high"'),
 ('SELECT * FROM synth_truncnormal(10, 0, 1, 2, 1)', '22023', 'argument "low" must be less than "high"'),
 ('SELECT * FROM synth_truncnormal(10, 0, 0)', '22023', 'argument "stddev" must be greater than zero'),
 ($$SELECT * FROM synth_truncnormal(10, 0, 1, 'NaN')$$, '22023', 'argument "low" must not be NaN'),
 ('SELECT * FROM synth_von_mises(10, 0, -1)', '22023', 'argument "kappa" cannot be negative'),
 ('SELECT * FROM synth_int(10, 2, 1)', '22023', 'argument "low" must be less than or equal to "high"'),
 ('SELECT * FROM synth_int(10, NULL, 1)', '22004', 'argument "low" must not be null'),
 ('SELECT * FROM synth_bernoulli(10, 1.01)', '22023', 'argument "p" must be between 0 and 1'),
 ('SELECT * FROM synth_binomial(10, -1, 0.5)', '22023', 'argument "size" cannot be negative'),
 ('SELECT * FROM synth_binomial(10, 5, -0.5)', '22023', 'argument "p" must be between 0 and 1'),
 ('SELECT * FROM synth_binomial(10, 10000000000000000, 0.5)', '22023', 'argument "size" is out of range'),
 ('SELECT * FROM synth_poisson(10, -1)', '22023', 'argument "lambda" cannot be negative'),
 ('SELECT * FROM synth_geometric(10, 0)', '22023', 'argument "p" must be greater than zero'),
 ('SELECT * FROM synth_geometric(10, 2)', '22023', 'argument "p" must be between 0 and 1'),
 ('SELECT * FROM synth_negbinomial(10, 0, 0.5)', '22023', 'argument "size" must be greater than zero'),
 ('SELECT * FROM synth_negbinomial(10, 1, 0)', '22023', 'argument "p" must be greater than zero'),
 ('SELECT * FROM synth_hypergeometric(10, 10, 11, 5)', '22023', 'argument "successes" must be less than or equal to "population"'),
 ('SELECT * FROM synth_hypergeometric(10, 10, 5, 11)', '22023', 'argument "sample" must be less than or equal to "population"'),
 ('SELECT * FROM synth_hypergeometric(10, -1, 0, 0)', '22023', 'argument "population" cannot be negative'),
 ('SELECT * FROM synth_zipf(10, 0)', '22023', 'argument "size" must be greater than zero'),
 ('SELECT * FROM synth_zipf(10, 10, -1)', '22023', 'argument "exponent" must be greater than zero'),
 ($$SELECT * FROM synth_choice(10, '{}'::text[])$$, '22023', 'argument "values" must not be empty'),
 ($$SELECT * FROM synth_choice(10, NULL::text[])$$, '22004', 'argument "values" must not be null'),
 ($$SELECT * FROM synth_choice(10, '{{a,b}}'::text[])$$, '22023', 'argument "values" must be a one-dimensional array'),
 ($$SELECT * FROM synth_choice(10, '{a,b}'::text[], '{1}')$$, '22023', 'arguments "values" and "weights" must have the same length'),
 ($$SELECT * FROM synth_choice(10, '{a,b}'::text[], '{1,-1}')$$, '22023', 'argument "weights" must not contain negative values'),
 ($$SELECT * FROM synth_choice(10, '{a,b}'::text[], '{0,0}')$$, '22023', 'argument "weights" must have a positive sum'),
 ($$SELECT * FROM synth_choice(10, '{a,b}'::text[], '{1,NULL}')$$, '22004', 'argument "weights" must not contain nulls'),
 ($$SELECT * FROM synth_choice(10, '{a,b}'::text[], '{1,Infinity}')$$, '22023', 'argument "weights" must contain only finite numbers'),
 ($$SELECT * FROM synth_mvnormal(10, '{0,0}', '{{1,2},{0,1}}')$$, '22023', 'covariance matrix must be symmetric'),
 ($$SELECT * FROM synth_mvnormal(10, '{0,0}', '{{1,2},{2,1}}')$$, '22023', 'covariance matrix must be positive semi-definite'),
 ($$SELECT * FROM synth_mvnormal(10, '{0,0}', '{{0,1},{1,0}}')$$, '22023', 'covariance matrix must be positive semi-definite'),
 ($$SELECT * FROM synth_mvnormal(10, '{0,0}', '{1,0,0,1}')$$, '22023', 'argument "cov" must be a 2 x 2 matrix'),
 ($$SELECT * FROM synth_mvnormal(10, '{0}', '{{1,0},{0,1}}')$$, '22023', 'argument "cov" must be a 1 x 1 matrix'),
 ($$SELECT * FROM synth_mvnormal(10, '{}', '{{1}}')$$, '22023', 'argument "mean" must not be empty'),
 ($$SELECT * FROM synth_mvnormal(10, '{0,NaN}', '{{1,0},{0,1}}')$$, '22023', 'argument "mean" must contain only finite numbers'),
 ($$SELECT * FROM synth_mvnormal(10, '{0,0}', '{{1,NULL},{0,1}}')$$, '22004', 'argument "cov" must not contain nulls'),
 ($$SELECT * FROM synth_dirichlet(10, '{1,0}')$$, '22023', 'argument "alpha" must contain only positive values'),
 ($$SELECT * FROM synth_dirichlet(10, NULL)$$, '22004', 'argument "alpha" must not be null'),
 ($$SELECT * FROM synth_multinomial(10, -1, '{1}')$$, '22023', 'argument "trials" cannot be negative'),
 ($$SELECT * FROM synth_multinomial(10, 3, '{0,0}')$$, '22023', 'argument "probs" must have a positive sum'),
 ($$SELECT * FROM synth_multinomial(10, 3, '{1,-2}')$$, '22023', 'argument "probs" must not contain negative values'),
 ($$SELECT * FROM synth_date(10, '2020-02-01', '2020-01-01')$$, '22023', 'argument "low" must be less than or equal to "high"'),
 ($$SELECT * FROM synth_date(10, '2020-01-01', 'infinity')$$, '22023', 'date bounds must be finite'),
 ($$SELECT * FROM synth_timestamp(10, '2020-02-01', '2020-01-01')$$, '22023', 'argument "low" must be less than or equal to "high"'),
 ($$SELECT * FROM synth_timestamp(10, '-infinity', '2020-01-01')$$, '22023', 'timestamp bounds must be finite'),
 ('SELECT synth_random_normal(0, -1)', '22023', 'argument "stddev" cannot be negative'),
 ('SELECT synth_random_poisson(NULL)', '22004', 'argument "lambda" must not be null'),
 ($$SELECT synth_random_choice('{a}'::text[], '{-1}')$$, '22023', 'argument "weights" must not contain negative values'),
 ($$SELECT synth_cdf('nosuch', 1)$$, '22023', 'unknown distribution family "nosuch"'),
 ($$SELECT synth_cdf('poisson', 1, '{1}')$$, '0A000', 'the poisson distribution has no CDF function'),
 ($$SELECT synth_pmf('normal', 1)$$, '0A000', 'the normal distribution has no probability mass function'),
 ($$SELECT synth_cdf('gamma', 1, '{-1}')$$, '22023', 'argument "shape" must be greater than zero')
) AS e(sql, code, msg);

SELECT * FROM finish();
ROLLBACK;
