-- pgTAP: continuous families against theory.
--
-- For every family, 100,000 draws with a fixed seed:
--  * the sample mean within 4 standard errors of the theoretical mean
--    (SE = sqrt(var / n));
--  * the sample variance within 4 standard errors of the theoretical
--    variance, SE = sqrt((mu4 - var^2) / n) with mu4 the theoretical fourth
--    central moment, mu4 = (excess kurtosis + 3) var^2.  Where mu4 is
--    awkward (truncated normal, cos of a von Mises angle) we use the bound
--    mu4 <= w^2 var for a variable confined to an interval of width w
--    (|X - mean| <= w), which only widens the tolerance; it is stated per row;
--  * the Kolmogorov-Smirnov statistic D against the family's CDF below the
--    alpha = 0.001 critical value 1.949 / sqrt(n).
-- Cauchy has no moments: its quartiles are tested instead.  A concentrated
-- von Mises gets the KS test only.
BEGIN;
SELECT plan(60);

CREATE TEMP TABLE cont (
    label text,     -- what is tested
    family text,    -- for synth_cdf
    params float8[],
    call text,      -- the SRF call producing x
    mexpr text,     -- the expression whose moments are tested
    mu float8,      -- its theoretical mean,
    var float8,     -- variance
    mu4 float8      -- and fourth central moment (or a bound on it)
);

CREATE FUNCTION pg_temp.i_bessel(j int, k float8) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$
    SELECT sum(power(k / 2, 2 * m + j) / (factorial(m) * factorial(m + j))::float8)
    FROM generate_series(0, 60) m
$$;

-- helpers for the truncated normal on [1, 3] (mean 0, sd 1)
CREATE FUNCTION pg_temp.phi(x float8) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$ SELECT exp(-x * x / 2) / sqrt(2 * pi()) $$;

INSERT INTO cont VALUES
 ('uniform(2, 5)', 'uniform', '{2,5}', 'synth_uniform(100000, 2, 5, seed => 101)', 'x',
  3.5, 0.75, (3 - 1.2) * 0.75 ^ 2),
 ('normal(50, 10)', 'normal', '{50,10}', 'synth_normal(100000, 50, 10, seed => 102)', 'x',
  50, 100, 3 * 100 ^ 2),
 ('lognormal(0, 0.5)', 'lognormal', '{0,0.5}', 'synth_lognormal(100000, 0, 0.5, seed => 103)', 'x',
  exp(0.125), (exp(0.25) - 1) * exp(0.25),
  (exp(1.0) + 2 * exp(0.75) + 3 * exp(0.5) - 6 + 3) * ((exp(0.25) - 1) * exp(0.25)) ^ 2),
 ('exponential(2)', 'exponential', '{2}', 'synth_exponential(100000, 2, seed => 104)', 'x',
  0.5, 0.25, 9 * 0.25 ^ 2),
 ('gamma(5, 2)', 'gamma', '{5,2}', 'synth_gamma(100000, 5, 2, seed => 105)', 'x',
  10, 20, (6.0 / 5 + 3) * 20 ^ 2),
 ('gamma(0.3, 1) (shape < 1)', 'gamma', '{0.3,1}', 'synth_gamma(100000, 0.3, 1, seed => 106)', 'x',
  0.3, 0.3, (6 / 0.3 + 3) * 0.3 ^ 2),
 ('beta(2, 5)', 'beta', '{2,5}', 'synth_beta(100000, 2, 5, seed => 107)', 'x',
  2.0 / 7, 10.0 / (49 * 8), (-0.12 + 3) * (10.0 / (49 * 8)) ^ 2),
 ('beta(0.5, 0.5)', 'beta', '{0.5,0.5}', 'synth_beta(100000, 0.5, 0.5, seed => 108)', 'x',
  0.5, 0.125, (-1.5 + 3) * 0.125 ^ 2),
 ('chisq(3)', 'chisq', '{3}', 'synth_chisq(100000, 3, seed => 109)', 'x',
  3, 6, (12.0 / 3 + 3) * 36),
 ('student_t(10)', 'student_t', '{10}', 'synth_student_t(100000, 10, seed => 110)', 'x',
  0, 1.25, (6.0 / 6 + 3) * 1.25 ^ 2),
 -- Rayleigh case of the Weibull: excess kurtosis -(6 pi^2 - 24 pi + 16) / (4 - pi)^2
 ('weibull(2, 3)', 'weibull', '{2,3}', 'synth_weibull(100000, 2, 3, seed => 111)', 'x',
  3 * sqrt(pi()) / 2, 9 * (1 - pi() / 4),
  (3 - (6 * pi() ^ 2 - 24 * pi() + 16) / (4 - pi()) ^ 2) * (9 * (1 - pi() / 4)) ^ 2),
 -- Pareto(6, 2): excess kurtosis 6 (a^3 + a^2 - 6a - 2) / (a (a - 3)(a - 4))
 ('pareto(6, 2)', 'pareto', '{6,2}', 'synth_pareto(100000, 6, 2, seed => 112)', 'x',
  2.4, 0.24, (6.0 * 214 / 36 + 3) * 0.24 ^ 2),
 ('logistic(1, 2)', 'logistic', '{1,2}', 'synth_logistic(100000, 1, 2, seed => 113)', 'x',
  1, 4 * pi() ^ 2 / 3, (1.2 + 3) * (4 * pi() ^ 2 / 3) ^ 2),
 ('laplace(1, 2)', 'laplace', '{1,2}', 'synth_laplace(100000, 1, 2, seed => 114)', 'x',
  1, 8, (3 + 3) * 64),
 ('triangular(0, 1, 4)', 'triangular', '{0,1,4}', 'synth_triangular(100000, 0, 1, 4, seed => 115)', 'x',
  5.0 / 3, 13.0 / 18, (-0.6 + 3) * (13.0 / 18) ^ 2),
 ('von_mises(1, 2): angle', 'von_mises', '{1,2}', 'synth_von_mises(100000, 1, 2, seed => 117)', 'sin(x - 1)',
  0, 0, 0),  -- moments filled in below
 ('cauchy(3, 2)', 'cauchy', '{3,2}', 'synth_cauchy(100000, 3, 2, seed => 118)', NULL, NULL, NULL, NULL),
 -- a concentrated von Mises: its CDF uses the backward Bessel recurrence (KS only)
 ('von_mises(-2, 150)', 'von_mises', '{-2,150}', 'synth_von_mises(100000, -2, 150, seed => 119)', NULL, NULL, NULL, NULL);

-- truncnormal(0, 1) on [1, 3]: Z = Phi(3) - Phi(1), mean (phi(1) - phi(3)) / Z,
-- variance 1 + (1 phi(1) - 3 phi(3)) / Z - mean^2; width 2 bounds mu4 by 4 var.
INSERT INTO cont
SELECT 'truncnormal(0, 1, 1, 3)', 'truncnormal', '{0,1,1,3}', 'synth_truncnormal(100000, 0, 1, 1, 3, seed => 116)', 'x',
       m, v, 4 * v
FROM (SELECT m, 1 + (pg_temp.phi(1) - 3 * pg_temp.phi(3)) / z - m * m AS v
      FROM (SELECT (pg_temp.phi(1) - pg_temp.phi(3)) / z AS m, z
            FROM (SELECT synth_cdf('normal', 3) - synth_cdf('normal', 1) AS z) a) b) c;

-- von Mises(1, 2): cos(x - mu) has mean A = I1/I0 and variance
-- (1 + I2/I0) / 2 - A^2; it lies in [-1, 1], so mu4 <= 4 var.
UPDATE cont SET label = 'von_mises(1, 2): cos(x - mu)', mexpr = 'cos(x - 1)', mu = a, var = v, mu4 = 4 * v
FROM (SELECT a, (1 + i2 / i0) / 2 - a * a AS v
      FROM (SELECT pg_temp.i_bessel(1, 2) / pg_temp.i_bessel(0, 2) AS a,
                   pg_temp.i_bessel(2, 2) AS i2, pg_temp.i_bessel(0, 2) AS i0) s) t
WHERE family = 'von_mises' AND params = '{1,2}';

-- one pass per family: n, moments of mexpr, and the KS statistic of x
CREATE FUNCTION pg_temp.stats(call text, mexpr text, family text, params float8[],
                              OUT n bigint, OUT m float8, OUT v float8, OUT d float8)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format(
        'SELECT count(*), avg(%s), var_samp(%s),
                max(greatest(i::float8 / cnt - f, f - (i - 1)::float8 / cnt))
         FROM (SELECT x, synth_cdf(%L, x, %L) AS f,
                      row_number() OVER (ORDER BY x) AS i, count(*) OVER () AS cnt
               FROM %s x) s',
        coalesce(mexpr, 'x'), coalesce(mexpr, 'x'), family, params, call)
    INTO n, m, v, d;
END $$;

CREATE TEMP TABLE res AS
SELECT c.*, s.n, s.m, s.v, s.d FROM cont c, LATERAL pg_temp.stats(c.call, c.mexpr, c.family, c.params) s;

SELECT is(count(DISTINCT family), 16::bigint, 'every continuous family is covered') FROM res;

SELECT ok(abs(m - mu) < 4 * sqrt(var / n),
          format('%s: mean %s within 4 SE of %s', label, round(m::numeric, 5), round(mu::numeric, 5)))
FROM res WHERE mu IS NOT NULL ORDER BY label;

SELECT ok(abs(v - var) < 4 * sqrt((mu4 - var * var) / n),
          format('%s: variance %s within 4 SE of %s', label, round(v::numeric, 5), round(var::numeric, 5)))
FROM res WHERE mu IS NOT NULL ORDER BY label;

SELECT ok(d < 1.949 / sqrt(n),
          format('%s: KS D = %s below the alpha = 0.001 critical value %s', label,
                 round(d::numeric, 5), round((1.949 / sqrt(n))::numeric, 5)))
FROM res ORDER BY label;

-- Cauchy(3, 2): quartiles 1, 3, 5; SE of the p-quantile is
-- sqrt(p (1 - p) / n) / f(q_p), f(q1) = f(q3) = 1 / (4 pi), f(median) = 1 / (2 pi).
SELECT ok(abs(q[1] - 1) < 4 * sqrt(0.1875 / 100000) * 4 * pi() AND
          abs(q[2] - 3) < 4 * sqrt(0.25 / 100000) * 2 * pi() AND
          abs(q[3] - 5) < 4 * sqrt(0.1875 / 100000) * 4 * pi(),
          format('cauchy(3, 2): quartiles %s within 4 SE of {1,3,5}', q::numeric(8,3)[]::text))
FROM (SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY x) AS q
      FROM synth_cauchy(100000, 3, 2, seed => 118) x) s;

-- the CDFs themselves, at points with known values
SELECT ok(abs(synth_cdf('normal', 1.959963984540054) - 0.975) < 1e-12, 'normal CDF at the 97.5% point');
SELECT ok(abs(synth_cdf('chisq', 16.26624, '{3}') - 0.999) < 1e-6, 'chi-square CDF at its 0.999 quantile (df 3)');
SELECT ok(abs(synth_cdf('student_t', 2.228139, '{10}') - 0.975) < 1e-6, 't CDF at its 0.975 quantile (df 10)');
SELECT ok(abs(synth_cdf('beta', 0.5, '{0.5,0.5}') - 0.5) < 1e-12, 'beta(0.5, 0.5) CDF at its median');
SELECT ok(abs(synth_cdf('von_mises', 1, '{1,2}') - 0.5) < 1e-12, 'von Mises CDF at its mean');

SELECT * FROM finish();
ROLLBACK;
