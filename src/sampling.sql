/* ---- src/sampling.sql: distribution sampling ---------------------------
 *
 * Labels.  The synth_<family>() SRFs are VOLATILE: with an explicit seed
 * their rows are a pure function of the arguments, but with seed NULL each
 * call draws a fresh seed, so the planner must neither fold nor cache a
 * call.  They are PARALLEL RESTRICTED because a seedless call records its
 * seed in this backend (synth_last_seed()); a worker would record its own.
 * The scalar synth_random_<family>() twins advance the backend's session
 * stream, exactly like random(): VOLATILE PARALLEL RESTRICTED.
 * None is STRICT: a NULL seed means "choose one", and a NULL parameter gets
 * an error rather than silently no rows.
 * synth_cdf() and synth_pmf() are pure functions of their arguments:
 * IMMUTABLE STRICT PARALLEL SAFE.
 */

CREATE FUNCTION synth_uniform(n bigint, low float8 DEFAULT 0, high float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_uniform'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_uniform(bigint, float8, float8, bigint, bigint) IS
'n draws from the continuous uniform distribution on (low, high); row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_uniform(low float8 DEFAULT 0, high float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_uniform'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_uniform(float8, float8) IS
'one draw from the continuous uniform distribution on (low, high), from the session stream (see synth_setseed)';

CREATE FUNCTION synth_normal(n bigint, mean float8 DEFAULT 0, stddev float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_normal'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_normal(bigint, float8, float8, bigint, bigint) IS
'n draws from the normal distribution N(mean, stddev^2); row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_normal(mean float8 DEFAULT 0, stddev float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_normal'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_normal(float8, float8) IS
'one draw from the normal distribution N(mean, stddev^2), from the session stream (see synth_setseed)';

CREATE FUNCTION synth_lognormal(n bigint, meanlog float8 DEFAULT 0, sdlog float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_lognormal'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_lognormal(bigint, float8, float8, bigint, bigint) IS
'n draws from the log-normal distribution: exp(N(meanlog, sdlog^2)); row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_lognormal(meanlog float8 DEFAULT 0, sdlog float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_lognormal'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_lognormal(float8, float8) IS
'one draw from the log-normal distribution: exp(N(meanlog, sdlog^2)), from the session stream (see synth_setseed)';

CREATE FUNCTION synth_exponential(n bigint, rate float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_exponential'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_exponential(bigint, float8, bigint, bigint) IS
'n draws from the exponential distribution with the given rate (mean 1/rate); row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_exponential(rate float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_exponential'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_exponential(float8) IS
'one draw from the exponential distribution with the given rate (mean 1/rate), from the session stream (see synth_setseed)';

CREATE FUNCTION synth_gamma(n bigint, shape float8 DEFAULT 1, scale float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_gamma'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_gamma(bigint, float8, float8, bigint, bigint) IS
'n draws from the gamma distribution (mean shape*scale; Marsaglia-Tsang); row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_gamma(shape float8 DEFAULT 1, scale float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_gamma'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_gamma(float8, float8) IS
'one draw from the gamma distribution (mean shape*scale; Marsaglia-Tsang), from the session stream (see synth_setseed)';

CREATE FUNCTION synth_beta(n bigint, alpha float8 DEFAULT 1, beta float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_beta'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_beta(bigint, float8, float8, bigint, bigint) IS
'n draws from the beta distribution Beta(alpha, beta) on (0, 1); row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_beta(alpha float8 DEFAULT 1, beta float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_beta'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_beta(float8, float8) IS
'one draw from the beta distribution Beta(alpha, beta) on (0, 1), from the session stream (see synth_setseed)';

CREATE FUNCTION synth_chisq(n bigint, df float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_chisq'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_chisq(bigint, float8, bigint, bigint) IS
'n draws from the chi-square distribution with df degrees of freedom; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_chisq(df float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_chisq'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_chisq(float8) IS
'one draw from the chi-square distribution with df degrees of freedom, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_student_t(n bigint, df float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_student_t'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_student_t(bigint, float8, bigint, bigint) IS
'n draws from Student''s t distribution with df degrees of freedom; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_student_t(df float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_student_t'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_student_t(float8) IS
'one draw from Student''s t distribution with df degrees of freedom, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_weibull(n bigint, shape float8 DEFAULT 1, scale float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_weibull'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_weibull(bigint, float8, float8, bigint, bigint) IS
'n draws from the Weibull distribution; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_weibull(shape float8 DEFAULT 1, scale float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_weibull'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_weibull(float8, float8) IS
'one draw from the Weibull distribution, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_pareto(n bigint, shape float8 DEFAULT 1, scale float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_pareto'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_pareto(bigint, float8, float8, bigint, bigint) IS
'n draws from the Pareto (type I) distribution on [scale, infinity); row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_pareto(shape float8 DEFAULT 1, scale float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_pareto'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_pareto(float8, float8) IS
'one draw from the Pareto (type I) distribution on [scale, infinity), from the session stream (see synth_setseed)';

CREATE FUNCTION synth_cauchy(n bigint, location float8 DEFAULT 0, scale float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_cauchy'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_cauchy(bigint, float8, float8, bigint, bigint) IS
'n draws from the Cauchy distribution; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_cauchy(location float8 DEFAULT 0, scale float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_cauchy'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_cauchy(float8, float8) IS
'one draw from the Cauchy distribution, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_logistic(n bigint, location float8 DEFAULT 0, scale float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_logistic'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_logistic(bigint, float8, float8, bigint, bigint) IS
'n draws from the logistic distribution; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_logistic(location float8 DEFAULT 0, scale float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_logistic'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_logistic(float8, float8) IS
'one draw from the logistic distribution, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_laplace(n bigint, location float8 DEFAULT 0, scale float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_laplace'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_laplace(bigint, float8, float8, bigint, bigint) IS
'n draws from the Laplace (double exponential) distribution; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_laplace(location float8 DEFAULT 0, scale float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_laplace'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_laplace(float8, float8) IS
'one draw from the Laplace (double exponential) distribution, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_triangular(n bigint, low float8 DEFAULT 0, mode float8 DEFAULT 0.5, high float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_triangular'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_triangular(bigint, float8, float8, float8, bigint, bigint) IS
'n draws from the triangular distribution on [low, high] with the given mode; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_triangular(low float8 DEFAULT 0, mode float8 DEFAULT 0.5, high float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_triangular'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_triangular(float8, float8, float8) IS
'one draw from the triangular distribution on [low, high] with the given mode, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_truncnormal(n bigint, mean float8 DEFAULT 0, stddev float8 DEFAULT 1, low float8 DEFAULT '-Infinity', high float8 DEFAULT 'Infinity', seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_truncnormal'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_truncnormal(bigint, float8, float8, float8, float8, bigint, bigint) IS
'n draws from the normal distribution N(mean, stddev^2) truncated to [low, high] (bounds may be infinite); row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_truncnormal(mean float8 DEFAULT 0, stddev float8 DEFAULT 1, low float8 DEFAULT '-Infinity', high float8 DEFAULT 'Infinity')
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_truncnormal'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_truncnormal(float8, float8, float8, float8) IS
'one draw from the normal distribution N(mean, stddev^2) truncated to [low, high] (bounds may be infinite), from the session stream (see synth_setseed)';

CREATE FUNCTION synth_von_mises(n bigint, mu float8 DEFAULT 0, kappa float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8
AS 'MODULE_PATHNAME', 'synth_von_mises'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_von_mises(bigint, float8, float8, bigint, bigint) IS
'n draws from the von Mises (circular normal) distribution, values in [mu - pi, mu + pi]; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_von_mises(mu float8 DEFAULT 0, kappa float8 DEFAULT 1)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_random_von_mises'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_von_mises(float8, float8) IS
'one draw from the von Mises (circular normal) distribution, values in [mu - pi, mu + pi], from the session stream (see synth_setseed)';

CREATE FUNCTION synth_int(n bigint, low bigint, high bigint, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF bigint
AS 'MODULE_PATHNAME', 'synth_int'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_int(bigint, bigint, bigint, bigint, bigint) IS
'n draws from uniform integers in [low, high], both included; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_int(low bigint, high bigint)
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_random_int'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_int(bigint, bigint) IS
'one draw from uniform integers in [low, high], both included, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_bernoulli(n bigint, p float8 DEFAULT 0.5, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF boolean
AS 'MODULE_PATHNAME', 'synth_bernoulli'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_bernoulli(bigint, float8, bigint, bigint) IS
'n draws from Bernoulli trials: true with probability p; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_bernoulli(p float8 DEFAULT 0.5)
RETURNS boolean
AS 'MODULE_PATHNAME', 'synth_random_bernoulli'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_bernoulli(float8) IS
'one draw from Bernoulli trials: true with probability p, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_binomial(n bigint, size bigint DEFAULT 1, p float8 DEFAULT 0.5, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF bigint
AS 'MODULE_PATHNAME', 'synth_binomial'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_binomial(bigint, bigint, float8, bigint, bigint) IS
'n draws from the binomial distribution: successes in size trials of probability p; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_binomial(size bigint DEFAULT 1, p float8 DEFAULT 0.5)
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_random_binomial'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_binomial(bigint, float8) IS
'one draw from the binomial distribution: successes in size trials of probability p, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_poisson(n bigint, lambda float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF bigint
AS 'MODULE_PATHNAME', 'synth_poisson'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_poisson(bigint, float8, bigint, bigint) IS
'n draws from the Poisson distribution with mean lambda; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_poisson(lambda float8 DEFAULT 1)
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_random_poisson'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_poisson(float8) IS
'one draw from the Poisson distribution with mean lambda, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_geometric(n bigint, p float8 DEFAULT 0.5, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF bigint
AS 'MODULE_PATHNAME', 'synth_geometric'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_geometric(bigint, float8, bigint, bigint) IS
'n draws from the geometric distribution: failures before the first success, success probability p; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_geometric(p float8 DEFAULT 0.5)
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_random_geometric'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_geometric(float8) IS
'one draw from the geometric distribution: failures before the first success, success probability p, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_negbinomial(n bigint, size float8 DEFAULT 1, p float8 DEFAULT 0.5, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF bigint
AS 'MODULE_PATHNAME', 'synth_negbinomial'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_negbinomial(bigint, float8, float8, bigint, bigint) IS
'n draws from the negative binomial distribution: failures before the size-th success (size may be fractional); row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_negbinomial(size float8 DEFAULT 1, p float8 DEFAULT 0.5)
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_random_negbinomial'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_negbinomial(float8, float8) IS
'one draw from the negative binomial distribution: failures before the size-th success (size may be fractional), from the session stream (see synth_setseed)';

CREATE FUNCTION synth_hypergeometric(n bigint, population bigint, successes bigint, sample bigint, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF bigint
AS 'MODULE_PATHNAME', 'synth_hypergeometric'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_hypergeometric(bigint, bigint, bigint, bigint, bigint, bigint) IS
'n draws from the hypergeometric distribution: successes in a sample drawn without replacement; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_hypergeometric(population bigint, successes bigint, sample bigint)
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_random_hypergeometric'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_hypergeometric(bigint, bigint, bigint) IS
'one draw from the hypergeometric distribution: successes in a sample drawn without replacement, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_zipf(n bigint, size bigint, exponent float8 DEFAULT 1, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF bigint
AS 'MODULE_PATHNAME', 'synth_zipf'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_zipf(bigint, bigint, float8, bigint, bigint) IS
'n draws from the bounded Zipf distribution on 1..size, P(k) proportional to k^-exponent; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_zipf(size bigint, exponent float8 DEFAULT 1)
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_random_zipf'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_zipf(bigint, float8) IS
'one draw from the bounded Zipf distribution on 1..size, P(k) proportional to k^-exponent, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_date(n bigint, low date, high date, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF date
AS 'MODULE_PATHNAME', 'synth_date'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_date(bigint, date, date, bigint, bigint) IS
'n draws from uniform dates in [low, high], both included; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_date(low date, high date)
RETURNS date
AS 'MODULE_PATHNAME', 'synth_random_date'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_date(date, date) IS
'one draw from uniform dates in [low, high], both included, from the session stream (see synth_setseed)';

CREATE FUNCTION synth_timestamp(n bigint, low timestamptz, high timestamptz, seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF timestamptz
AS 'MODULE_PATHNAME', 'synth_timestamp'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_timestamp(bigint, timestamptz, timestamptz, bigint, bigint) IS
'n draws from uniform instants in [low, high] at microsecond resolution; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_timestamp(low timestamptz, high timestamptz)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'synth_random_timestamp'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_timestamp(timestamptz, timestamptz) IS
'one draw from uniform instants in [low, high] at microsecond resolution, from the session stream (see synth_setseed)';

/* ---- categorical ---- */

CREATE FUNCTION synth_choice(n bigint, "values" anyarray, weights float8[] DEFAULT NULL,
                             seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'synth_choice'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_choice(bigint, anyarray, float8[], bigint, bigint) IS
'n draws from the elements of values (NULL elements included) with probabilities proportional to weights (equal if NULL), O(1) per row by the alias method; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_choice("values" anyarray, weights float8[] DEFAULT NULL)
RETURNS anyelement
AS 'MODULE_PATHNAME', 'synth_random_choice'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_choice(anyarray, float8[]) IS
'one element of values, with probabilities proportional to weights (equal if NULL), from the session stream (see synth_setseed)';

/* ---- multivariate ---- */

CREATE FUNCTION synth_mvnormal(n bigint, mean float8[], cov float8[],
                               seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8[]
AS 'MODULE_PATHNAME', 'synth_mvnormal'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_mvnormal(bigint, float8[], float8[], bigint, bigint) IS
'n vectors from the multivariate normal distribution with the given mean vector and covariance matrix (a 2-D array; symmetric positive semi-definite); row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_mvnormal(mean float8[], cov float8[])
RETURNS float8[]
AS 'MODULE_PATHNAME', 'synth_random_mvnormal'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_mvnormal(float8[], float8[]) IS
'one multivariate normal vector from the session stream (see synth_setseed)';

CREATE FUNCTION synth_dirichlet(n bigint, alpha float8[],
                                seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF float8[]
AS 'MODULE_PATHNAME', 'synth_dirichlet'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_dirichlet(bigint, float8[], bigint, bigint) IS
'n probability vectors from the Dirichlet distribution with concentration alpha; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_dirichlet(alpha float8[])
RETURNS float8[]
AS 'MODULE_PATHNAME', 'synth_random_dirichlet'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_dirichlet(float8[]) IS
'one Dirichlet probability vector from the session stream (see synth_setseed)';

CREATE FUNCTION synth_multinomial(n bigint, trials int, probs float8[],
                                  seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF int[]
AS 'MODULE_PATHNAME', 'synth_multinomial'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_multinomial(bigint, int, float8[], bigint, bigint) IS
'n count vectors from the multinomial distribution: trials draws over cells with probabilities proportional to probs; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_multinomial(trials int, probs float8[])
RETURNS int[]
AS 'MODULE_PATHNAME', 'synth_random_multinomial'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_multinomial(int, float8[]) IS
'one multinomial count vector from the session stream (see synth_setseed)';

/* ---- distribution functions ---- */

CREATE FUNCTION synth_cdf(family text, x float8, params float8[] DEFAULT '{}')
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_cdf'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_cdf(text, float8, float8[]) IS
'P(X <= x) for a continuous family by name, parameters in the order of its synth_<family>() function (missing trailing ones take their defaults)';

CREATE FUNCTION synth_pmf(family text, k float8, params float8[] DEFAULT '{}')
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_pmf'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_pmf(text, float8, float8[]) IS
'P(X = k) for a discrete family by name, parameters in the order of its synth_<family>() function (missing trailing ones take their defaults)';
