/* synthdata--0.1.0.sql: assembled by the Makefile from the src/ fragments */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION synthdata" to load this file. \quit

/* ---- src/synthdata.sql: session seed control -------------------------- */

CREATE FUNCTION synth_setseed(seed bigint)
RETURNS void
AS 'MODULE_PATHNAME', 'synth_setseed'
LANGUAGE C STRICT VOLATILE PARALLEL RESTRICTED;
-- RESTRICTED: it changes this backend's session stream, which parallel
-- workers do not share.
COMMENT ON FUNCTION synth_setseed(bigint) IS
'resets the session stream used by the synth_random_* functions to the given seed (like setseed(), but reproducible across versions and platforms)';

CREATE FUNCTION synth_last_seed()
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_last_seed'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_last_seed() IS
'returns the seed used by the most recent synthdata call in this session that was given no seed (NULL if none yet), so that the run can be repeated';

CREATE FUNCTION synth_philox(seed bigint, stream bigint, counter bigint, block bigint DEFAULT 0)
RETURNS bigint[]
AS 'MODULE_PATHNAME', 'synth_philox'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_philox(bigint, bigint, bigint, bigint) IS
'raw output of the Philox4x32-10 generator for (seed, stream, counter, block): four 32-bit words';

CREATE FUNCTION synth_philox4x32_10(counter bigint[], key bigint[])
RETURNS bigint[]
AS 'MODULE_PATHNAME', 'synth_philox4x32_10'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_philox4x32_10(bigint[], bigint[]) IS
'the bare Philox4x32-10 block function (four 32-bit counter words, two 32-bit key words), for checking against the published known-answer vectors';
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

/* ---- src/fake.sql: fake values ----------------------------------------
 *
 * Labels.  synth_fake(), synth_fake_text() and synth_fake_pattern() are VOLATILE PARALLEL
 * RESTRICTED for the same reason as the sampling SRFs: a NULL seed draws a
 * fresh one and records it in this backend (synth_last_seed()).
 * synth_random_fake() advances the session stream, like random().
 * None of these is STRICT: NULL kind, locale or pattern gets an error, a
 * NULL seed means "choose one".  The catalogue and the inference helpers
 * depend on nothing but their arguments and the extension's own
 * dictionaries: IMMUTABLE PARALLEL SAFE (and STRICT, NULL in, NULL out).
 */

CREATE FUNCTION synth_fake(n bigint, kind text, locale text DEFAULT 'en',
                           seed bigint DEFAULT NULL, start bigint DEFAULT 0,
                           max_length integer DEFAULT NULL)
RETURNS SETOF text
AS 'MODULE_PATHNAME', 'synth_fake'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_fake(bigint, text, text, bigint, bigint, integer) IS
'n realistic fake values of a kind (see synth_fake_kinds()), each at most max_length characters; row i depends only on (seed, start + i), and the person and place kinds of the same seed and row describe the same person and place';

CREATE FUNCTION synth_fake_text(n bigint, min_length integer, max_length integer,
                                locale text DEFAULT 'en',
                                seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF text
AS 'MODULE_PATHNAME', 'synth_fake_text'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_fake_text(bigint, integer, integer, text, bigint, bigint) IS
'n texts of sentences in the locale''s words, each between min_length and max_length characters long; row i depends only on (seed, start + i)';

CREATE FUNCTION synth_random_fake(kind text, locale text DEFAULT 'en')
RETURNS text
AS 'MODULE_PATHNAME', 'synth_random_fake'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_random_fake(text, text) IS
'one fake value of a kind from the session stream (see synth_setseed)';

CREATE FUNCTION synth_fake_pattern(n bigint, pattern text,
                                   seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF text
AS 'MODULE_PATHNAME', 'synth_fake_pattern'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_fake_pattern(bigint, text, bigint, bigint) IS
'n strings following a pattern: A upper-case letter, a lower-case letter, 9 digit, # digit 1-9, ? letter, X upper-case letter or digit, x lower-case letter or digit, * letter or digit, H/h hex digit, \c the character c; anything else literal';

CREATE FUNCTION synth_fake_pattern_of(value text)
RETURNS text
AS 'MODULE_PATHNAME', 'synth_fake_pattern_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_fake_pattern_of(text) IS
'the pattern of a value''s shape for synth_fake_pattern(): A-Z -> A, a-z -> a, 0-9 -> 9, # ? * \ escaped, anything else kept (e.g. ''AB-12'' -> ''AA-99'')';

CREATE FUNCTION synth_fake_kinds(OUT kind text, OUT value_type text,
                                 OUT description text, OUT example text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'synth_fake_kinds'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 40;
COMMENT ON FUNCTION synth_fake_kinds() IS
'the fake kinds: name, value type (text, number or date), description and the first value of synth_fake(1, kind, seed => 1)';

CREATE FUNCTION synth_fake_kind_of_column(name text)
RETURNS text
AS 'MODULE_PATHNAME', 'synth_fake_kind_of_column'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_fake_kind_of_column(text) IS
'the fake kind a column of this name gets by default (e.g. billing_city -> city), or NULL';

CREATE FUNCTION synth_fake_kind_of_value(value text)
RETURNS text
AS 'MODULE_PATHNAME', 'synth_fake_kind_of_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_fake_kind_of_value(text) IS
'the kind of personal or identifying value this value looks like (email, phone, ipv4, iban, credit_card, full_name, ...), or NULL';

/* ---- src/generate.sql: rule-constrained rows ---------------------------
 *
 * Labels.  All three are VOLATILE: with seed NULL each call draws a fresh
 * seed, foreign keys and unique keys depend on the rows already in the
 * tables, and synth_fill / synth_fill_schema write.  synth_rows is
 * PARALLEL RESTRICTED (a seedless call records its seed in this backend and
 * it reads the catalog and parent tables through SPI); the fills are
 * PARALLEL UNSAFE because they insert.  None is STRICT: NULL rules mean
 * "no rules" and a NULL seed "choose one", and NULL where a value is
 * required gets an error rather than silently nothing.
 */

CREATE FUNCTION synth_rows(t anyelement, n bigint, rules jsonb DEFAULT '{}',
                           seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'synth_rows'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 1000;
COMMENT ON FUNCTION synth_rows(anyelement, bigint, jsonb, bigint, bigint) IS
'n generated rows typed like table t (pass NULL::t), honouring its types, NOT NULL, CHECK, UNIQUE and FOREIGN KEY constraints and the rules (column -> rule); nothing is inserted';

CREATE FUNCTION synth_fill(t regclass, n bigint, rules jsonb DEFAULT '{}',
                           seed bigint DEFAULT NULL)
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_fill'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION synth_fill(regclass, bigint, jsonb, bigint) IS
'inserts n generated rows into table t through the executor (triggers, indexes, partitions, row-level security apply) and returns the count; all or nothing; concurrent fills of one table are serialized by a SHARE ROW EXCLUSIVE lock';

CREATE FUNCTION synth_fill_schema(counts jsonb, rules jsonb DEFAULT '{}',
                                  seed bigint DEFAULT NULL)
RETURNS TABLE (table_name regclass, rows bigint)
AS 'MODULE_PATHNAME', 'synth_fill_schema'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION synth_fill_schema(jsonb, jsonb, bigint) IS
'fills several tables (counts: table name -> rows) in foreign-key order, with per-table rules (table name -> column -> rule); returns the rows inserted per table';

/* ---- src/clone.sql: fitted cloning ---------------------------------------
 *
 * The fit is an aggregate over whole rows: PARALLEL SAFE with combine,
 * serialize and deserialize functions, so that PostgreSQL's parallel
 * aggregation runs it.  Its support functions are internal (leading
 * underscore) and only make sense inside synth_fit.
 *
 * Labels.  synth_fit, synth_sample and synth_clone* run SQL of their own
 * (the fit's aggregate queries, the exact-copy guard's scan) through SPI:
 * VOLATILE, and PARALLEL UNSAFE so that they run in the leader, where their
 * queries may start parallel workers of their own.  None is STRICT: a NULL
 * n means "as many rows as the source", a NULL seed "choose one", and a
 * NULL source or model gets an error rather than silently nothing.
 */

CREATE FUNCTION _synth_fit_trans(internal, bytea, VARIADIC "any")
RETURNS internal
AS 'MODULE_PATHNAME', '_synth_fit_trans'
LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION _synth_fit_trans(internal, bytea, VARIADIC "any") IS
'transition function of the fit aggregate (internal)';

CREATE FUNCTION _synth_fit_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', '_synth_fit_combine'
LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION _synth_fit_combine(internal, internal) IS
'combine function of the fit aggregate: merges partial fits (internal)';

CREATE FUNCTION _synth_fit_serialize(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', '_synth_fit_serialize'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION _synth_fit_serialize(internal) IS
'serialize function of the fit aggregate (internal)';

CREATE FUNCTION _synth_fit_deserialize(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', '_synth_fit_deserialize'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION _synth_fit_deserialize(bytea, internal) IS
'deserialize function of the fit aggregate (internal)';

CREATE FUNCTION _synth_fit_final(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', '_synth_fit_final'
LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION _synth_fit_final(internal) IS
'final function of the fit aggregate: the serialised summaries (internal)';

-- the summaries are a function of the rows only: IMMUTABLE support
-- functions, and an aggregate PostgreSQL may run on parallel workers
CREATE AGGREGATE _synth_fit_state(bytea, VARIADIC "any") (
    SFUNC = _synth_fit_trans,
    STYPE = internal,
    COMBINEFUNC = _synth_fit_combine,
    SERIALFUNC = _synth_fit_serialize,
    DESERIALFUNC = _synth_fit_deserialize,
    FINALFUNC = _synth_fit_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE _synth_fit_state(bytea, VARIADIC "any") IS
'one pass of a fit over the rows, configured by the bytea argument: the row''s '
'columns, or the whole row as one record (internal; used by synth_fit)';

CREATE FUNCTION synth_fit(source regclass, options jsonb DEFAULT '{}')
RETURNS jsonb
AS 'MODULE_PATHNAME', 'synth_fit'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION synth_fit(regclass, jsonb) IS
'fits an anonymizing model of a table (marginals, NULL pattern, Gaussian copula): a versioned jsonb document of aggregates only';

CREATE FUNCTION synth_sample(target anyelement, model jsonb, n bigint,
                             seed bigint DEFAULT NULL, start bigint DEFAULT 0)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'synth_sample'
LANGUAGE C VOLATILE PARALLEL UNSAFE
ROWS 1000;
COMMENT ON FUNCTION synth_sample(anyelement, jsonb, bigint, bigint, bigint) IS
'rows start .. start + n - 1 drawn from a synth_fit model, typed like NULL::table (columns matched by name)';

CREATE FUNCTION _synth_sample(target anyelement, model jsonb, n bigint,
                              seed bigint, start bigint, guard bigint)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'synth_sample'
LANGUAGE C VOLATILE PARALLEL UNSAFE
ROWS 1000;
COMMENT ON FUNCTION _synth_sample(anyelement, jsonb, bigint, bigint, bigint, bigint) IS
'synth_sample with the exact-copy guard chosen by the caller: 0 none, -1 built from the source, else handed over (internal; used by synth_clone_table)';

CREATE FUNCTION synth_clone(target anyelement, n bigint DEFAULT NULL,
                            options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'synth_clone'
LANGUAGE C VOLATILE PARALLEL UNSAFE
ROWS 1000;
COMMENT ON FUNCTION synth_clone(anyelement, bigint, jsonb, bigint) IS
'an anonymized, statistically similar copy of the table behind NULL::table (fit + sample); n NULL = as many rows as the source';

CREATE FUNCTION synth_clone(source text, n bigint DEFAULT NULL,
                            options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS SETOF jsonb
AS 'MODULE_PATHNAME', 'synth_clone_jsonb'
LANGUAGE C VOLATILE PARALLEL UNSAFE
ROWS 1000;
COMMENT ON FUNCTION synth_clone(text, bigint, jsonb, bigint) IS
'synth_clone by table name: each row as a jsonb object (use synth_clone(NULL::table, ...) for typed rows)';

CREATE FUNCTION synth_clone_table(source regclass, target text, n bigint DEFAULT NULL,
                                  options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_clone_table'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION synth_clone_table(regclass, text, bigint, jsonb, bigint) IS
'creates target like source (columns, types, NOT NULL, CHECK, keys) and fills it with an anonymized copy; returns the row count';

-- pure math: IMMUTABLE STRICT PARALLEL SAFE
CREATE FUNCTION synth_bvn_cdf(h float8, k float8, r float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_bvn_cdf'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_bvn_cdf(float8, float8, float8) IS
'P(X < h, Y < k) for the standard bivariate normal distribution with correlation r (Drezner-Wesolowsky, Genz)';

CREATE FUNCTION synth_polychoric(counts bigint[])
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_polychoric'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_polychoric(bigint[]) IS
'two-step maximum-likelihood polychoric correlation of a contingency table of ordered categories (Olsson 1979)';

CREATE FUNCTION synth_nearest_correlation(m float8[])
RETURNS float8[]
AS 'MODULE_PATHNAME', 'synth_nearest_correlation'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_nearest_correlation(float8[]) IS
'the nearest correlation matrix to a symmetric matrix in the Frobenius norm (Higham 2002)';

/* ---- src/knn.sql: nearest neighbours ----------------------------------- */

-- IMMUTABLE: the answer is a pure function of the arguments (the tree is
-- built deterministically).  PARALLEL SAFE: no state outside the call.
-- Not STRICT: categorical may be NULL (all numeric); NULL matrices get an
-- error instead of silently no rows.
CREATE FUNCTION synth_knn(reference float8[], queries float8[], k integer DEFAULT 1,
                          categorical boolean[] DEFAULT NULL,
                          exhaustive boolean DEFAULT false,
                          eligible boolean[] DEFAULT NULL)
RETURNS TABLE(query integer, rank integer, reference integer, distance float8)
AS 'MODULE_PATHNAME', 'synth_knn'
LANGUAGE C IMMUTABLE PARALLEL SAFE
ROWS 1000;
COMMENT ON FUNCTION synth_knn(float8[], float8[], integer, boolean[], boolean, boolean[]) IS
'for each row of queries (a rows x columns array), its k nearest rows of reference under the SDMetrics distance to closest record (numeric |a-b| / reference range capped at 1, categorical 0/1, one NULL 1, both NULL 0; mean over columns), found exactly with a vantage-point tree; eligible (one flag per reference row) limits which rows may be returned';

/* ---- src/evaluate.sql: evaluation ------------------------------------- */

-- Labels.  VOLATILE: the result depends on the contents of the tables (and,
-- with no "seed" option, on a freshly drawn seed).  PARALLEL RESTRICTED:
-- they read tables through SPI and may record the drawn seed in this
-- backend.  Not STRICT: NULL options mean the defaults, NULL tables get an
-- error.  They run with the caller's privileges (no SECURITY DEFINER), so
-- GRANTs and row-level security apply to both tables.

CREATE FUNCTION synth_evaluate("real" regclass, synthetic regclass, options jsonb DEFAULT '{}')
RETURNS TABLE(metric text, column_name text, other_column text, score float8, detail jsonb)
AS 'MODULE_PATHNAME', 'synth_evaluate'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 100;
COMMENT ON FUNCTION synth_evaluate(regclass, regclass, jsonb) IS
'quality and privacy of a synthetic table against the real one, with the SDMetrics definitions: one row per metric and column or column pair (KSComplement, TVComplement, MissingValueSimilarity, BoundaryAdherence, CategoryAdherence, CorrelationSimilarity, ContingencySimilarity, IdentifierLeak), then the summary rows (Column Shapes, Column Pair Trends, Quality, Data Validity, ExactCopies, NewRowSynthesis, DCRBaselineProtection, DCROverfittingProtection); options: ignore, holdout, seed, dcr_rows, reference_rows, max_rows, pair_threshold, correlation_threshold, association_threshold';

CREATE FUNCTION synth_report("real" regclass, synthetic regclass, options jsonb DEFAULT '{}')
RETURNS text
AS 'MODULE_PATHNAME', 'synth_report'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_report(regclass, regclass, jsonb) IS
'the evaluation of synth_evaluate() as one self-contained HTML page (inline CSS and SVG, no external assets): score cards, real and synthetic distributions of every column, real and synthetic association matrices as heat maps, and every metric row; psql -Atc "SELECT synth_report(''t'', ''t_copy'')" > report.html';

CREATE FUNCTION synth_compare("real" regclass, synthetic regclass, column_name text)
RETURNS TABLE(bucket text, real_share float8, synthetic_share float8, bars text)
AS 'MODULE_PATHNAME', 'synth_compare'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
ROWS 20;
COMMENT ON FUNCTION synth_compare(regclass, regclass, text) IS
'the distribution of one column in the real and the synthetic table, bucket by bucket (10 equal-width bins for numbers and dates, the 20 most frequent values otherwise, NULL its own bucket), with Unicode bars for psql: real share left of the rule, synthetic share right, on the same scale';

/* ---- src/impute.sql: imputation and augmentation ----------------------
 *
 * Labels.  All of these read a whole table through SPI as the caller, so
 * they are VOLATILE (the result depends on the table's contents and, with
 * seed NULL, on a freshly drawn seed).  None is STRICT: the first argument
 * of synth_impute/synth_augment is a NULL of the table's row type, and a
 * NULL seed means "choose one".  The SRFs are PARALLEL RESTRICTED because
 * a seedless call records its seed in this backend (synth_last_seed());
 * synth_impute_update writes, so it is PARALLEL UNSAFE.  synth_augment
 * with method "model" calls synth_fit and synth_sample (PARALLEL UNSAFE)
 * through SPI; a RESTRICTED function runs only in the leader, where that
 * is allowed.
 * Method "model" of synth_impute and synth_impute_update does the same.
 * SET synchronize_seqscans = off: row i of the scan is the row index of
 * every random choice, so the scan must start at the table's first block
 * rather than join another session's scan midway.
 */

CREATE FUNCTION synth_impute(rel anyelement, method text DEFAULT 'model',
                             options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'synth_impute'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
SET synchronize_seqscans = off;
COMMENT ON FUNCTION synth_impute(anyelement, text, jsonb, bigint) IS
'every row of the table whose row type rel is (pass NULL::table), with its NULLs filled by the method: model (draws from the conditional Gaussian of a synth_fit copula given the row''s observed values), mean, median, mode, regression or knn; non-NULL values never change';

CREATE FUNCTION synth_impute_update(rel regclass, columns text[] DEFAULT NULL,
                                    method text DEFAULT 'model',
                                    options jsonb DEFAULT '{}', seed bigint DEFAULT NULL)
RETURNS bigint
AS 'MODULE_PATHNAME', 'synth_impute_update'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET synchronize_seqscans = off;
COMMENT ON FUNCTION synth_impute_update(regclass, text[], text, jsonb, bigint) IS
'fills the NULLs of the table''s columns (all, or those named) in place with the method and returns the number of cells filled; only NULL cells change';

CREATE FUNCTION synth_augment(rel anyelement, n bigint, method text DEFAULT 'model',
                              options jsonb DEFAULT '{}', seed bigint DEFAULT NULL,
                              start bigint DEFAULT 0)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'synth_augment'
LANGUAGE C VOLATILE PARALLEL RESTRICTED
SET synchronize_seqscans = off;
COMMENT ON FUNCTION synth_augment(anyelement, bigint, text, jsonb, bigint, bigint) IS
'n new rows for the table whose row type rel is (pass NULL::table): model (drawn from a synth_fit model, optionally only rows meeting a condition), noise (real rows jittered) or smote (minority classes interpolated between same-class neighbours; balance: true equalises the classes); keys regenerated, generated columns NULL';
