/*-------------------------------------------------------------------------
 *
 * dp.c
 *		Differential privacy: noise, mechanisms, accounting, and their
 *		SQL functions.
 *
 * Every statistic a DP fit releases goes through one of two mechanisms,
 * accounted in zero-concentrated DP (zCDP; Bun and Steinke, "Concentrated
 * Differential Privacy: Simplifications, Extensions, and Lower Bounds",
 * TCC 2016), where the budgets of the statistics of a fit, and of the fits
 * of a table, simply add up in rho:
 *
 *	Gaussian mechanism	a statistic of L2 sensitivity s plus N(0, sigma^2)
 *						is s^2 / (2 sigma^2)-zCDP (BS16, Prop. 1.6);
 *	exponential			a choice among candidates with utilities of
 *	mechanism			sensitivity s, P(i) ~ exp(eps u_i / (2 s)), is eps-DP
 *						and eps^2 / 8-zCDP (Cesar and Rogers, "Bounding,
 *						Concentrating, and Truncating: Unifying Privacy Loss
 *						Composition for Data Analytics", ALT 2021); drawn by
 *						the Gumbel-max trick.
 *
 * A total rho converts to (epsilon, delta)-DP by the tight conversion of
 * Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential
 * Privacy", NeurIPS 2020 (Prop. 12 and Cor. 13): rho-zCDP is (eps, delta)-DP
 * for every alpha > 1 with
 *
 *	eps = alpha rho + (log(1/delta) + (alpha-1) log(1 - 1/alpha) - log alpha)
 *					/ (alpha - 1),
 *
 * minimised over alpha here; it is never worse than BS16's
 * rho + 2 sqrt(rho log(1/delta)), which is kept as a bound.
 *
 * Noise.  With a seed (tests only), noise comes from the counter-based
 * generator, so that a test is reproducible.  Without one it comes from
 * pg_strong_random(), the operating system's cryptographic source: the
 * guarantee holds only if nobody can predict the noise, and a seed is
 * routinely written down (in a script, a log, a model's provenance) -- who
 * knows the seed of seeded noise can subtract it.  The session's default
 * seed (synthdata.seed) is never used for noise, for the same reason.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/dp.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "port.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "dp.h"
#include "rng.h"
#include "synthdata.h"

#define DP_DRAWS_MAX 10000000	/* values one call of the SQL functions draws */

/* ---- noise --------------------------------------------------------------- */

void
sd_dp_noise_init(SdDpNoise *ns, bool seeded, uint64 seed)
{
	memset(ns, 0, sizeof(*ns));
	ns->seeded = seeded;
	if (seeded)
	{
		sd_rng_init(&ns->rng, seed, sd_stream_id("differential privacy noise"));
		sd_rng_seek(&ns->rng, 0);
	}
}

/* uniform on (0, 1), never 0 or 1 */
static double
sd_dp_uniform(SdDpNoise *ns)
{
	uint64		x;

	if (ns->seeded)
		return sd_rng_uniform(&ns->rng);
	if (!pg_strong_random(&x, sizeof(x)))
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not generate random noise"),
				 errdetail("The strong random source of the operating system failed.")));
	return sd_u64_to_uniform(x);
}

/* N(0, sigma^2) by the Box-Muller transform (one of the pair) */
double
sd_dp_gaussian(SdDpNoise *ns, double sigma)
{
	double		u1 = sd_dp_uniform(ns);
	double		u2 = sd_dp_uniform(ns);

	return sigma * sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

double
sd_dp_sigma(double rho, double sens)
{
	Assert(rho > 0);
	return sens / sqrt(2.0 * rho);
}

/* ---- exponential mechanism ----------------------------------------------- */

int
sd_dp_exponential(SdDpNoise *ns, const double *utility, int n, double eps,
				  double sens)
{
	int			best = 0;
	double		best_key = -DBL_MAX;
	int			i;

	/* Gumbel-max: argmax of the scaled utility plus standard Gumbel noise */
	for (i = 0; i < n; i++)
	{
		double		key = eps * utility[i] / (2.0 * sens) -
			log(-log(sd_dp_uniform(ns)));

		if (key > best_key)
		{
			best_key = key;
			best = i;
		}
	}
	return best;
}

double
sd_dp_em_epsilon(double rho)
{
	return sqrt(8.0 * rho);
}

/* ---- accounting ----------------------------------------------------------- */

/* CKS20's epsilon at one alpha > 1 */
static double
cks_epsilon_at(double rho, double log_inv_delta, double alpha)
{
	return alpha * rho + (log_inv_delta + (alpha - 1.0) * log1p(-1.0 / alpha) -
						  log(alpha)) / (alpha - 1.0);
}

double
sd_dp_epsilon(double rho, double delta)
{
	double		L = -log(delta);
	double		best,
				lo,
				hi;
	int			i;

	if (rho <= 0)
		return 0;
	best = rho + 2.0 * sqrt(rho * L);	/* BS16, Prop. 1.3 */

	/*
	 * The bound is convex in alpha: a coarse scan of log(alpha - 1) finds
	 * the bracket of the minimum, golden-section search refines it.
	 */
	{
		double		bt = -20,
					bv = DBL_MAX;

		for (i = 0; i <= 400; i++)
		{
			double		t = -20.0 + 40.0 * i / 400.0;
			double		v = cks_epsilon_at(rho, L, 1.0 + exp(t));

			if (v < bv)
			{
				bv = v;
				bt = t;
			}
		}
		lo = bt - 0.1;
		hi = bt + 0.1;
	}
	for (i = 0; i < 100; i++)
	{
		double		g = (sqrt(5.0) - 1.0) / 2.0;
		double		a = hi - g * (hi - lo),
					b = lo + g * (hi - lo);

		if (cks_epsilon_at(rho, L, 1.0 + exp(a)) < cks_epsilon_at(rho, L, 1.0 + exp(b)))
			hi = b;
		else
			lo = a;
	}
	return Min(best, cks_epsilon_at(rho, L, 1.0 + exp((lo + hi) / 2.0)));
}

double
sd_dp_rho(double epsilon, double delta)
{
	double		lo = 0,
				hi = epsilon;	/* eps >= rho always */
	int			i;

	/* sd_dp_epsilon grows with rho: bisect for the largest rho that fits */
	for (i = 0; i < 200; i++)
	{
		double		mid = (lo + hi) / 2.0;

		if (sd_dp_epsilon(mid, delta) <= epsilon)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* ---- SQL functions --------------------------------------------------------- */

static void
check_delta(double delta)
{
	if (!(delta > 0 && delta < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("delta must be greater than 0 and less than 1"),
				 errdetail("delta is %g.", delta)));
}

/*
 * synth_dp_epsilon(rho float8, delta float8) returns float8
 *		The epsilon of (epsilon, delta)-DP that rho-zCDP implies (CKS20).
 */
PG_FUNCTION_INFO_V1(synth_dp_epsilon);
Datum
synth_dp_epsilon(PG_FUNCTION_ARGS)
{
	double		rho = PG_GETARG_FLOAT8(0);
	double		delta = PG_GETARG_FLOAT8(1);

	if (!(rho >= 0 && rho < 1e6))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rho must be at least 0 and less than 1e6"),
				 errdetail("rho is %g.", rho)));
	check_delta(delta);
	PG_RETURN_FLOAT8(sd_dp_epsilon(rho, delta));
}

/*
 * synth_dp_rho(epsilon float8, delta float8) returns float8
 *		The largest rho whose zCDP implies (epsilon, delta)-DP.
 */
PG_FUNCTION_INFO_V1(synth_dp_rho);
Datum
synth_dp_rho(PG_FUNCTION_ARGS)
{
	double		epsilon = PG_GETARG_FLOAT8(0);
	double		delta = PG_GETARG_FLOAT8(1);

	if (!(epsilon > 0 && epsilon <= 1000))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("epsilon must be greater than 0 and at most 1000"),
				 errdetail("epsilon is %g.", epsilon)));
	check_delta(delta);
	PG_RETURN_FLOAT8(sd_dp_rho(epsilon, delta));
}

static int
draws_arg(FunctionCallInfo fcinfo, int argno)
{
	int32		n = PG_GETARG_INT32(argno);

	if (n < 0 || n > DP_DRAWS_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("n must be between 0 and %d", DP_DRAWS_MAX),
				 errdetail("n is %d.", n)));
	return n;
}

/* the noise of a call: seeded when seed is given, else strong */
static void
noise_arg(FunctionCallInfo fcinfo, int argno, SdDpNoise *ns)
{
	if (PG_ARGISNULL(argno))
		sd_dp_noise_init(ns, false, 0);
	else
		sd_dp_noise_init(ns, true, (uint64) PG_GETARG_INT64(argno));
}

/*
 * synth_dp_gaussian(sigma float8, n int, seed bigint) returns float8[]
 *		n draws of the Gaussian mechanism's noise N(0, sigma^2).
 */
PG_FUNCTION_INFO_V1(synth_dp_gaussian);
Datum
synth_dp_gaussian(PG_FUNCTION_ARGS)
{
	double		sigma;
	int			n,
				i;
	Datum	   *out;
	SdDpNoise	ns;

	sd_arg_not_null(fcinfo, 0, "sigma");
	sd_arg_not_null(fcinfo, 1, "n");
	sigma = PG_GETARG_FLOAT8(0);
	if (!(sigma > 0 && sigma < 1e300))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sigma must be positive and finite"),
				 errdetail("sigma is %g.", sigma)));
	n = draws_arg(fcinfo, 1);
	noise_arg(fcinfo, 2, &ns);
	out = palloc(sizeof(Datum) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		out[i] = Float8GetDatum(sd_dp_gaussian(&ns, sigma));
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(out, n, FLOAT8OID, sizeof(float8),
										  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/*
 * synth_dp_exponential(utility float8[], epsilon float8, sensitivity float8,
 *						n int, seed bigint) returns int[]
 *		n independent choices of the exponential mechanism (1-based).
 */
PG_FUNCTION_INFO_V1(synth_dp_exponential);
Datum
synth_dp_exponential(PG_FUNCTION_ARGS)
{
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *nulls;
	int			k,
				n,
				i;
	double	   *u,
				eps,
				sens;
	Datum	   *out;
	SdDpNoise	ns;

	for (i = 0; i < 4; i++)
		sd_arg_not_null(fcinfo, i, i == 0 ? "utility" : i == 1 ? "epsilon" :
						i == 2 ? "sensitivity" : "n");
	arr = PG_GETARG_ARRAYTYPE_P(0);
	eps = PG_GETARG_FLOAT8(1);
	sens = PG_GETARG_FLOAT8(2);
	if (!(eps > 0 && eps <= 1000))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("epsilon must be greater than 0 and at most 1000"),
				 errdetail("epsilon is %g.", eps)));
	if (!(sens > 0 && sens < 1e300))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sensitivity must be positive and finite"),
				 errdetail("sensitivity is %g.", sens)));
	n = draws_arg(fcinfo, 3);
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("utility must be a one-dimensional array")));
	deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &k);
	if (k < 1 || k > 1000000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("utility must have between 1 and 1000000 elements")));
	u = palloc(sizeof(double) * k);
	for (i = 0; i < k; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("utility must not contain NULL")));
		u[i] = DatumGetFloat8(elems[i]);
		if (!isfinite(u[i]) || fabs(u[i]) > 1e15)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("utilities must be finite and at most 1e15 in absolute value")));
	}
	noise_arg(fcinfo, 4, &ns);
	out = palloc(sizeof(Datum) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		out[i] = Int32GetDatum(sd_dp_exponential(&ns, u, k, eps, sens) + 1);
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(out, n, INT4OID, sizeof(int32), true,
										  TYPALIGN_INT));
}
