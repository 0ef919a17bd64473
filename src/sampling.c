/*-------------------------------------------------------------------------
 *
 * sampling.c
 *		SQL-callable sampling functions: synth_<family>() set-returning
 *		functions and their scalar synth_random_<family>() twins.
 *
 * Each SRF checks every parameter before producing a row, then streams its
 * rows through the shared ValuePerCall driver (sdutil.c): row i is drawn
 * with the generator at counter row start + i of the stream named after the
 * function, so a result is a pure function of (seed, row index).
 *
 * The math lives in distributions.c; this file only checks and converts.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sampling.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "funcapi.h"

#include "distributions.h"
#include "synthdata.h"

/* ---- uniform ---------------------------------------------------------- */

typedef struct UniformParams
{
	double		low;
	double		high;
} UniformParams;

static void
uniform_params(FunctionCallInfo fcinfo, UniformParams *p)
{
	p->low = sd_arg_float8(fcinfo, 0, "low");
	p->high = sd_arg_float8(fcinfo, 1, "high");
	sd_check_order("low", p->low, "high", p->high, false);
}

static inline double
uniform_value(SdRng *rng, const UniformParams *p)
{
	return p->low + (p->high - p->low) * sd_rng_uniform(rng);
}

static Datum
draw_uniform(SdRng *rng, const void *params)
{
	return Float8GetDatum(uniform_value(rng, params));
}

/*
 * synth_uniform(n, low, high, seed, start) returns setof float8
 *		Uniform on the open interval (low, high).
 */
PG_FUNCTION_INFO_V1(synth_uniform);
Datum
synth_uniform(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
	{
		int64		n = sd_arg_count(fcinfo, 0);
		UniformParams p;

		/* shift the arguments: parameters start at 1 */
		p.low = sd_arg_float8(fcinfo, 1, "low");
		p.high = sd_arg_float8(fcinfo, 2, "high");
		sd_check_order("low", p.low, "high", p.high, false);
		sd_srf_start(fcinfo, n, sd_arg_seed(fcinfo, SD_SEED_ARG(fcinfo)),
					 sd_arg_start(fcinfo, SD_START_ARG(fcinfo), n),
					 "synth_uniform", draw_uniform, &p, sizeof(p));
	}
	return sd_srf_next(fcinfo);
}

/* synth_random_uniform(low, high) returns float8: session-stream twin */
PG_FUNCTION_INFO_V1(synth_random_uniform);
Datum
synth_random_uniform(PG_FUNCTION_ARGS)
{
	UniformParams p;

	uniform_params(fcinfo, &p);
	PG_RETURN_FLOAT8(uniform_value(sd_session_next("uniform"), &p));
}

/* ---- normal ----------------------------------------------------------- */

typedef struct NormalParams
{
	double		mean;
	double		stddev;
} NormalParams;

static void
normal_params(FunctionCallInfo fcinfo, int first, NormalParams *p)
{
	p->mean = sd_arg_float8(fcinfo, first, "mean");
	p->stddev = sd_arg_float8(fcinfo, first + 1, "stddev");
	sd_check_nonnegative("stddev", p->stddev);
}

static Datum
draw_normal(SdRng *rng, const void *params)
{
	const NormalParams *p = params;

	return Float8GetDatum(p->mean + p->stddev * sd_draw_normal(rng));
}

/*
 * synth_normal(n, mean, stddev, seed, start) returns setof float8
 */
PG_FUNCTION_INFO_V1(synth_normal);
Datum
synth_normal(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
	{
		int64		n = sd_arg_count(fcinfo, 0);
		NormalParams p;

		normal_params(fcinfo, 1, &p);
		sd_srf_start(fcinfo, n, sd_arg_seed(fcinfo, SD_SEED_ARG(fcinfo)),
					 sd_arg_start(fcinfo, SD_START_ARG(fcinfo), n),
					 "synth_normal", draw_normal, &p, sizeof(p));
	}
	return sd_srf_next(fcinfo);
}

/* synth_random_normal(mean, stddev) returns float8 */
PG_FUNCTION_INFO_V1(synth_random_normal);
Datum
synth_random_normal(PG_FUNCTION_ARGS)
{
	NormalParams p;

	normal_params(fcinfo, 0, &p);
	return draw_normal(sd_session_next("normal"), &p);
}
