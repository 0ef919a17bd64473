/*-------------------------------------------------------------------------
 *
 * sampling.c
 *		SQL-callable sampling functions: synth_<family>() set-returning
 *		functions and their scalar synth_random_<family>() twins.
 *
 * Each SRF checks every parameter before producing a row, then streams its
 * rows through the shared ValuePerCall driver (sdutil.c): row i is drawn
 * with the generator at counter row start + i of the stream named after the
 * function, so a result is a pure function of (seed, row index).  Draws
 * that need several random words (rejection loops, vectors) take them from
 * the same row.
 *
 * The univariate families all go through the family registry of
 * distributions.c, so the checks and draws here are the very ones the rule
 * language and the model sampler use.  The math lives in distributions.c;
 * this file only checks and converts.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sampling.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "distributions.h"
#include "model.h"
#include "synthdata.h"

/* ---------------------------------------------------------------------
 * Univariate families through the registry
 * ---------------------------------------------------------------------
 */

typedef enum FamilyOutput
{
	OUT_FLOAT8,
	OUT_INT8,
	OUT_BOOL
} FamilyOutput;

/*
 * SQL shape of each registry family: which parameters are bigint in SQL
 * (bit i = parameter i) and the result type.
 */
typedef struct FamilySql
{
	const char *name;
	unsigned int bigint_params;
	FamilyOutput output;
} FamilySql;

static const FamilySql family_sql[] = {
	{"uniform", 0, OUT_FLOAT8},
	{"normal", 0, OUT_FLOAT8},
	{"lognormal", 0, OUT_FLOAT8},
	{"exponential", 0, OUT_FLOAT8},
	{"gamma", 0, OUT_FLOAT8},
	{"beta", 0, OUT_FLOAT8},
	{"chisq", 0, OUT_FLOAT8},
	{"student_t", 0, OUT_FLOAT8},
	{"weibull", 0, OUT_FLOAT8},
	{"pareto", 0, OUT_FLOAT8},
	{"cauchy", 0, OUT_FLOAT8},
	{"logistic", 0, OUT_FLOAT8},
	{"laplace", 0, OUT_FLOAT8},
	{"triangular", 0, OUT_FLOAT8},
	{"truncnormal", 0, OUT_FLOAT8},
	{"von_mises", 0, OUT_FLOAT8},
	{"bernoulli", 0, OUT_BOOL},
	{"binomial", 1u << 0, OUT_INT8},
	{"poisson", 0, OUT_INT8},
	{"geometric", 0, OUT_INT8},
	{"negbinomial", 0, OUT_INT8},
	{"hypergeometric", (1u << 0) | (1u << 1) | (1u << 2), OUT_INT8},
	{"zipf", 1u << 0, OUT_INT8},
};

/* what one SRF call or one scalar call needs */
typedef struct FamilyCall
{
	const SdFamily *family;
	FamilyOutput output;
	double		params[SD_FAMILY_MAX_PARAMS];
} FamilyCall;

static const FamilySql *
family_sql_lookup(const char *name)
{
	int			i;

	for (i = 0; i < (int) lengthof(family_sql); i++)
		if (strcmp(family_sql[i].name, name) == 0)
			return &family_sql[i];
	elog(ERROR, "unknown distribution family \"%s\"", name);
	return NULL;				/* keep compiler quiet */
}

/*
 * Read and check the parameters of family "name" from arguments
 * first .. first + nparams - 1.
 */
static void
family_call_init(FunctionCallInfo fcinfo, const char *name, int first,
				 FamilyCall *call)
{
	const FamilySql *fs = family_sql_lookup(name);
	const SdFamily *fam = sd_family_lookup(name);
	const char *err;
	int			i;

	if (fam == NULL)
		elog(ERROR, "distribution family \"%s\" is not registered", name);
	call->family = fam;
	call->output = fs->output;

	for (i = 0; i < fam->nparams; i++)
	{
		const char *pname = fam->param_names[i];

		if (fs->bigint_params & (1u << i))
		{
			int64		v = sd_arg_int64(fcinfo, first + i, pname);

			/* the registry works in doubles: keep integers exact */
			if (v > (INT64CONST(1) << 53) || v < -(INT64CONST(1) << 53))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("argument \"%s\" is out of range", pname),
						 errdetail("%s is " INT64_FORMAT "; the limit is 2^53.",
								   pname, v)));
			call->params[i] = (double) v;
		}
		else if (fam->infinite_ok & (1u << i))
		{
			sd_arg_not_null(fcinfo, first + i, pname);
			call->params[i] = PG_GETARG_FLOAT8(first + i);
			if (isnan(call->params[i]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("argument \"%s\" must not be NaN", pname)));
		}
		else
			call->params[i] = sd_arg_float8(fcinfo, first + i, pname);
	}

	err = fam->check(call->params);
	if (err != NULL)
	{
		StringInfoData detail;

		initStringInfo(&detail);
		for (i = 0; i < fam->nparams; i++)
			appendStringInfo(&detail, "%s%s = %g", i > 0 ? ", " : "",
							 fam->param_names[i], call->params[i]);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", err),
				 errdetail("The %s distribution was given %s.", name, detail.data),
				 strstr(err, "\"high\"") != NULL && strstr(err, "less than") != NULL ?
				 errhint("Swap the bounds.") : 0));
	}
}

static inline Datum
family_value(const FamilyCall *call, double v)
{
	switch (call->output)
	{
		case OUT_FLOAT8:
			return Float8GetDatum(v);
		case OUT_INT8:
			return Int64GetDatum((int64) v);
		case OUT_BOOL:
			return BoolGetDatum(v != 0);
	}
	return (Datum) 0;			/* keep compiler quiet */
}

static Datum
draw_family(SdRng *rng, const void *arg)
{
	const FamilyCall *call = arg;

	return family_value(call, call->family->draw(rng, call->params));
}

/* synth_<name>(n, params..., seed, start) */
static Datum
family_srf(FunctionCallInfo fcinfo, const char *name)
{
	if (SRF_IS_FIRSTCALL())
	{
		int64		n = sd_arg_count(fcinfo, 0);
		FamilyCall call;
		char		stream[64];

		family_call_init(fcinfo, name, 1, &call);
		snprintf(stream, sizeof(stream), "synth_%s", name);
		sd_srf_start(fcinfo, n, sd_arg_seed(fcinfo, SD_SEED_ARG(fcinfo)),
					 sd_arg_start(fcinfo, SD_START_ARG(fcinfo), n),
					 stream, draw_family, &call, sizeof(call));
	}
	return sd_srf_next(fcinfo);
}

/* synth_random_<name>(params...): one draw from the session stream */
static Datum
family_scalar(FunctionCallInfo fcinfo, const char *name)
{
	FamilyCall	call;

	family_call_init(fcinfo, name, 0, &call);
	return family_value(&call, call.family->draw(sd_session_next(name),
												 call.params));
}

/*
 * The registry families' SQL entry points, one pair per family:
 *
 *	synth_<family>(n bigint, <parameters>, seed bigint, start bigint)
 *		returns setof float8 (continuous), bigint (discrete) or boolean
 *		(bernoulli): n draws, row i from row start + i of the stream
 *		"synth_<family>";
 *	synth_random_<family>(<parameters>) returns the same type: one draw
 *		from the session stream (see synth_setseed).
 *
 * Parameters, defaults and checks are those of the registry entry of the
 * same name in distributions.c.
 */
#define SD_FAMILY_FUNCTIONS(fam) \
PG_FUNCTION_INFO_V1(synth_##fam); \
Datum \
synth_##fam(PG_FUNCTION_ARGS) \
{ \
	return family_srf(fcinfo, #fam); \
} \
PG_FUNCTION_INFO_V1(synth_random_##fam); \
Datum \
synth_random_##fam(PG_FUNCTION_ARGS) \
{ \
	return family_scalar(fcinfo, #fam); \
}

SD_FAMILY_FUNCTIONS(uniform)
SD_FAMILY_FUNCTIONS(normal)
SD_FAMILY_FUNCTIONS(lognormal)
SD_FAMILY_FUNCTIONS(exponential)
SD_FAMILY_FUNCTIONS(gamma)
SD_FAMILY_FUNCTIONS(beta)
SD_FAMILY_FUNCTIONS(chisq)
SD_FAMILY_FUNCTIONS(student_t)
SD_FAMILY_FUNCTIONS(weibull)
SD_FAMILY_FUNCTIONS(pareto)
SD_FAMILY_FUNCTIONS(cauchy)
SD_FAMILY_FUNCTIONS(logistic)
SD_FAMILY_FUNCTIONS(laplace)
SD_FAMILY_FUNCTIONS(triangular)
SD_FAMILY_FUNCTIONS(truncnormal)
SD_FAMILY_FUNCTIONS(von_mises)
SD_FAMILY_FUNCTIONS(bernoulli)
SD_FAMILY_FUNCTIONS(binomial)
SD_FAMILY_FUNCTIONS(poisson)
SD_FAMILY_FUNCTIONS(geometric)
SD_FAMILY_FUNCTIONS(negbinomial)
SD_FAMILY_FUNCTIONS(hypergeometric)
SD_FAMILY_FUNCTIONS(zipf)

/* ---------------------------------------------------------------------
 * Uniform integers (exact over the whole bigint range)
 * ---------------------------------------------------------------------
 */

typedef struct IntParams
{
	int64		low;
	uint64		span;			/* high - low, modulo 2^64 */
} IntParams;

static void
int_params(FunctionCallInfo fcinfo, int first, IntParams *p)
{
	int64		low = sd_arg_int64(fcinfo, first, "low");
	int64		high = sd_arg_int64(fcinfo, first + 1, "high");

	if (low > high)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"low\" must be less than or equal to \"high\""),
				 errdetail("low is " INT64_FORMAT " and high is " INT64_FORMAT ".",
						   low, high),
				 errhint("Swap the bounds.")));
	p->low = low;
	/* unsigned arithmetic: exact even when high - low overflows int64 */
	p->span = (uint64) high - (uint64) low;
}

static inline int64
int_value(SdRng *rng, const IntParams *p)
{
	uint64		off;

	/* the full 2^64 range cannot be expressed as span + 1 */
	if (p->span == PG_UINT64_MAX)
		off = sd_rng_u64(rng);
	else
		off = sd_rng_below(rng, p->span + 1);
	return (int64) ((uint64) p->low + off);
}

static Datum
draw_int(SdRng *rng, const void *params)
{
	return Int64GetDatum(int_value(rng, params));
}

/*
 * The set-returning body shared by synth_int, synth_date and
 * synth_timestamp: n, then the bounds from argument 1 on (read by params),
 * then seed and start; the rows are draw over the stream named name.
 */
static Datum
int_srf(FunctionCallInfo fcinfo,
		void (*params) (FunctionCallInfo fcinfo, int first, IntParams *p),
		const char *name, SdDrawFn draw)
{
	if (SRF_IS_FIRSTCALL())
	{
		int64		n = sd_arg_count(fcinfo, 0);
		IntParams	p;

		params(fcinfo, 1, &p);
		sd_srf_start(fcinfo, n, sd_arg_seed(fcinfo, SD_SEED_ARG(fcinfo)),
					 sd_arg_start(fcinfo, SD_START_ARG(fcinfo), n),
					 name, draw, &p, sizeof(p));
	}
	return sd_srf_next(fcinfo);
}

/*
 * synth_int(n, low, high, seed, start) returns setof bigint
 *		Uniform integers in [low, high] (Lemire's unbiased method).
 */
PG_FUNCTION_INFO_V1(synth_int);
Datum
synth_int(PG_FUNCTION_ARGS)
{
	return int_srf(fcinfo, int_params, "synth_int", draw_int);
}

/* synth_random_int(low, high) returns bigint */
PG_FUNCTION_INFO_V1(synth_random_int);
Datum
synth_random_int(PG_FUNCTION_ARGS)
{
	IntParams	p;

	int_params(fcinfo, 0, &p);
	PG_RETURN_INT64(int_value(sd_session_next("int"), &p));
}

/* ---------------------------------------------------------------------
 * Temporal: dates and timestamps, uniform over [low, high]
 * ---------------------------------------------------------------------
 */

static void
date_params(FunctionCallInfo fcinfo, int first, IntParams *p)
{
	DateADT		low,
				high;

	sd_arg_not_null(fcinfo, first, "low");
	sd_arg_not_null(fcinfo, first + 1, "high");
	low = PG_GETARG_DATEADT(first);
	high = PG_GETARG_DATEADT(first + 1);
	if (DATE_NOT_FINITE(low) || DATE_NOT_FINITE(high))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("date bounds must be finite"),
				 errdetail("low is %s and high is %s.",
						   DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(low))),
						   DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(high))))));
	if (low > high)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"low\" must be less than or equal to \"high\""),
				 errdetail("low is %s and high is %s.",
						   DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(low))),
						   DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(high)))),
				 errhint("Swap the bounds.")));
	p->low = low;
	p->span = (uint64) ((int64) high - (int64) low);
}

static Datum
draw_date(SdRng *rng, const void *params)
{
	return DateADTGetDatum((DateADT) int_value(rng, params));
}

/*
 * synth_date(n, low, high, seed, start) returns setof date
 *		Days uniform on [low, high], both included.
 */
PG_FUNCTION_INFO_V1(synth_date);
Datum
synth_date(PG_FUNCTION_ARGS)
{
	return int_srf(fcinfo, date_params, "synth_date", draw_date);
}

/* synth_random_date(low, high) returns date */
PG_FUNCTION_INFO_V1(synth_random_date);
Datum
synth_random_date(PG_FUNCTION_ARGS)
{
	IntParams	p;

	date_params(fcinfo, 0, &p);
	return draw_date(sd_session_next("date"), &p);
}

static void
timestamp_params(FunctionCallInfo fcinfo, int first, IntParams *p)
{
	TimestampTz low,
				high;

	sd_arg_not_null(fcinfo, first, "low");
	sd_arg_not_null(fcinfo, first + 1, "high");
	low = PG_GETARG_TIMESTAMPTZ(first);
	high = PG_GETARG_TIMESTAMPTZ(first + 1);
	if (TIMESTAMP_NOT_FINITE(low) || TIMESTAMP_NOT_FINITE(high))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("timestamp bounds must be finite")));
	if (low > high)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"low\" must be less than or equal to \"high\""),
				 errdetail("low is %s and high is %s.",
						   pstrdup(timestamptz_to_str(low)),
						   pstrdup(timestamptz_to_str(high))),
				 errhint("Swap the bounds.")));
	p->low = low;
	p->span = (uint64) high - (uint64) low;
}

static Datum
draw_timestamp(SdRng *rng, const void *params)
{
	return TimestampTzGetDatum((TimestampTz) int_value(rng, params));
}

/*
 * synth_timestamp(n, low, high, seed, start) returns setof timestamptz
 *		Instants uniform on [low, high] at microsecond resolution.
 */
PG_FUNCTION_INFO_V1(synth_timestamp);
Datum
synth_timestamp(PG_FUNCTION_ARGS)
{
	return int_srf(fcinfo, timestamp_params, "synth_timestamp", draw_timestamp);
}

/* synth_random_timestamp(low, high) returns timestamptz */
PG_FUNCTION_INFO_V1(synth_random_timestamp);
Datum
synth_random_timestamp(PG_FUNCTION_ARGS)
{
	IntParams	p;

	timestamp_params(fcinfo, 0, &p);
	return draw_timestamp(sd_session_next("timestamp"), &p);
}

/* ---------------------------------------------------------------------
 * Arrays of float8 parameters
 * ---------------------------------------------------------------------
 */

/*
 * A one-dimensional, non-empty float8[] argument without NULLs, NaN or
 * infinities, as a palloc'd C array in the current memory context.
 */
static double *
float8_array_arg(FunctionCallInfo fcinfo, int argno, const char *name,
				 int *count)
{
	ArrayType  *a;
	Datum	   *elems;
	bool	   *nulls;
	double	   *out;
	int			n,
				i;

	sd_arg_not_null(fcinfo, argno, name);
	a = PG_GETARG_ARRAYTYPE_P(argno);
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must be a one-dimensional array", name)));
	deconstruct_array(a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &n);
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must not be empty", name)));
	out = palloc_array(double, n);
	for (i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument \"%s\" must not contain nulls", name),
					 errdetail("Element %d is null.", i + 1)));
		out[i] = DatumGetFloat8(elems[i]);
		if (isnan(out[i]) || isinf(out[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"%s\" must contain only finite numbers", name),
					 errdetail("Element %d is %g.", i + 1, out[i])));
	}
	*count = n;
	return out;
}

/* non-negative weights that do not all vanish; returns their sum */
static double
check_weights(const double *w, int n, const char *name)
{
	double		sum = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		if (w[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"%s\" must not contain negative values", name),
					 errdetail("Element %d is %g.", i + 1, w[i])));
		sum += w[i];
	}
	if (!(sum > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must have a positive sum", name),
				 errdetail("All %d elements are zero.", n)));
	if (isinf(sum))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" has a sum too large to represent", name)));
	return sum;
}

static ArrayType *
float8_array_result(const double *v, int n)
{
	Datum	   *d = palloc_array(Datum, n);
	int			i;

	for (i = 0; i < n; i++)
		d[i] = Float8GetDatum(v[i]);
	return construct_array(d, n, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
						   TYPALIGN_DOUBLE);
}

/* ---------------------------------------------------------------------
 * Categorical: synth_choice
 * ---------------------------------------------------------------------
 */

typedef struct ChoiceParams
{
	int			k;				/* number of values */
	Datum	   *values;
	bool	   *nulls;
	double	   *prob;			/* alias table, NULL when unweighted */
	int		   *alias;
} ChoiceParams;

/*
 * Walker's alias method (A. J. Walker, "An efficient method for generating
 * discrete random variables with general distributions", ACM TOMS 3(3),
 * 1977) with Vose's O(k) numerically stable table construction
 * (M. D. Vose, "A linear algorithm for generating random numbers with a
 * given distribution", IEEE TSE 17(9), 1991).  O(1) per draw.
 */
static void
build_alias(const double *w, int k, double sum, double *prob, int *alias)
{
	int		   *small = palloc_array(int, k);
	int		   *large = palloc_array(int, k);
	double	   *scaled = palloc_array(double, k);
	int			ns = 0,
				nl = 0,
				i;

	for (i = 0; i < k; i++)
	{
		scaled[i] = w[i] / sum * k;
		if (scaled[i] < 1)
			small[ns++] = i;
		else
			large[nl++] = i;
	}
	while (ns > 0 && nl > 0)
	{
		int			s = small[--ns],
					l = large[--nl];

		prob[s] = scaled[s];
		alias[s] = l;
		scaled[l] = (scaled[l] + scaled[s]) - 1;
		if (scaled[l] < 1)
			small[ns++] = l;
		else
			large[nl++] = l;
	}
	/* what is left has probability 1 up to rounding */
	while (nl > 0)
	{
		i = large[--nl];
		prob[i] = 1;
		alias[i] = i;
	}
	while (ns > 0)
	{
		i = small[--ns];
		prob[i] = 1;
		alias[i] = i;
	}
	pfree(small);
	pfree(large);
	pfree(scaled);
}

static inline int
choice_index(SdRng *rng, const ChoiceParams *p)
{
	int			i = (int) sd_rng_below(rng, (uint64) p->k);

	if (p->prob != NULL && sd_rng_uniform(rng) >= p->prob[i])
		i = p->alias[i];
	return i;
}

static Datum
draw_choice(SdRng *rng, const void *params, bool *isnull)
{
	const ChoiceParams *p = params;
	int			i = choice_index(rng, p);

	*isnull = p->nulls[i];
	return p->values[i];
}

/*
 * Read values (argument argno) and weights (argno + 1) into p, in the
 * current memory context.  Returns the weights' sum (0 when unweighted)
 * and the weights themselves in *weights.
 */
static double
choice_args(FunctionCallInfo fcinfo, int argno, ChoiceParams *p,
			double **weights)
{
	ArrayType  *a;
	Oid			elemtype;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	double		sum = 0;

	sd_arg_not_null(fcinfo, argno, "values");
	a = PG_GETARG_ARRAYTYPE_P_COPY(argno);
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"values\" must be a one-dimensional array")));
	elemtype = ARR_ELEMTYPE(a);
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(a, elemtype, typlen, typbyval, typalign,
					  &p->values, &p->nulls, &p->k);
	if (p->k == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"values\" must not be empty")));

	*weights = NULL;
	if (PG_NARGS() > argno + 1 && !PG_ARGISNULL(argno + 1))
	{
		int			nw;

		*weights = float8_array_arg(fcinfo, argno + 1, "weights", &nw);
		if (nw != p->k)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("arguments \"values\" and \"weights\" must have the same length"),
					 errdetail("values has %d elements and weights has %d.",
							   p->k, nw)));
		sum = check_weights(*weights, nw, "weights");
	}
	return sum;
}

/*
 * synth_choice(n, values anyarray, weights float8[], seed, start)
 *		returns setof anyelement
 *		n draws from the elements of values (NULL elements included), with
 *		probabilities proportional to weights (equal when weights is NULL).
 */
PG_FUNCTION_INFO_V1(synth_choice);
Datum
synth_choice(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
	{
		int64		n = sd_arg_count(fcinfo, 0);
		uint64		seed;
		int64		start;
		ChoiceParams *p;
		ChoiceParams tmp;
		double	   *weights;
		double		sum;
		MemoryContext oldcontext;

		/* check everything first, in the caller's context */
		sum = choice_args(fcinfo, 1, &tmp, &weights);
		seed = sd_arg_seed(fcinfo, SD_SEED_ARG(fcinfo));
		start = sd_arg_start(fcinfo, SD_START_ARG(fcinfo), n);

		p = sd_srf_start_nullable(fcinfo, n, seed, start, "synth_choice",
								  draw_choice, sizeof(ChoiceParams));
		/* the values and the alias table must live for the whole call */
		oldcontext = MemoryContextSwitchTo(sd_srf_context(fcinfo));
		choice_args(fcinfo, 1, p, &weights);
		if (weights != NULL)
		{
			p->prob = palloc_array(double, p->k);
			p->alias = palloc_array(int, p->k);
			build_alias(weights, p->k, sum, p->prob, p->alias);
		}
		MemoryContextSwitchTo(oldcontext);
	}
	return sd_srf_next(fcinfo);
}

/*
 * synth_random_choice(values anyarray, weights float8[]) returns anyelement
 *		One draw from the session stream, by inversion of the cumulative
 *		weights (O(k) per call; synth_choice is O(1) per row).
 */
PG_FUNCTION_INFO_V1(synth_random_choice);
Datum
synth_random_choice(PG_FUNCTION_ARGS)
{
	ChoiceParams p;
	double	   *weights;
	double		sum = choice_args(fcinfo, 0, &p, &weights);
	SdRng	   *rng = sd_session_next("choice");
	int			i;

	if (weights == NULL)
		i = (int) sd_rng_below(rng, (uint64) p.k);
	else
	{
		double		u = sd_rng_uniform(rng) * sum;

		for (i = 0; i < p.k - 1; i++)
		{
			u -= weights[i];
			if (u < 0 && weights[i] > 0)
				break;
		}
		/* rounding may leave us on a zero-weight tail: step back */
		while (weights[i] == 0)
			i--;
	}
	if (p.nulls[i])
		PG_RETURN_NULL();
	PG_RETURN_DATUM(p.values[i]);
}

/* ---------------------------------------------------------------------
 * Multivariate normal
 * ---------------------------------------------------------------------
 */

typedef struct MvnParams
{
	int			d;
	double	   *mean;
	double	   *chol;			/* lower triangular factor, row-major d x d */
} MvnParams;

/*
 * Cholesky factor of a symmetric positive semi-definite matrix
 * (sd_cholesky_tol): a pivot within a relative tolerance of zero gives a
 * zero column, provided the rest of that column also vanishes within the
 * tolerance.  Reports a matrix that is not symmetric or not positive
 * semi-definite.
 */
static void
mvn_factor(const double *cov, int d, double *L)
{
	double		scale = 0,
				tol;
	int			i,
				j;
	SdCholTol	chol_tol;
	SdCholFail	fail;

	for (i = 0; i < d * d; i++)
		scale = Max(scale, fabs(cov[i]));
	tol = 1e-10 * Max(scale, 1e-300);

	for (i = 0; i < d; i++)
		for (j = 0; j < i; j++)
			if (fabs(cov[i * d + j] - cov[j * d + i]) > 1e-12 * Max(scale, 1e-300))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("covariance matrix must be symmetric"),
						 errdetail("Element [%d][%d] is %g but element [%d][%d] is %g.",
								   i + 1, j + 1, cov[i * d + j],
								   j + 1, i + 1, cov[j * d + i])));

	chol_tol.negative = tol;
	chol_tol.zero = tol;
	chol_tol.column = sqrt(tol) * sqrt(Max(scale, 1e-300));
	chol_tol.keep_diagonal = false;
	switch (sd_cholesky_tol(cov, d, L, &chol_tol, &fail))
	{
		case SD_CHOL_OK:
			break;
		case SD_CHOL_NOT_DEFINITE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("covariance matrix must be positive semi-definite"),
					 errdetail("The Cholesky pivot of row %d is %g.",
							   fail.row + 1, fail.pivot)));
			break;
		case SD_CHOL_DEPENDENT:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("covariance matrix must be positive semi-definite"),
					 errdetail("Row %d has zero variance left but covaries with row %d.",
							   fail.row + 1, fail.other + 1)));
			break;
	}
}

static void
mvn_args(FunctionCallInfo fcinfo, int argno, MvnParams *p)
{
	ArrayType  *a;
	Datum	   *elems;
	bool	   *nulls;
	double	   *cov;
	int			n,
				i;

	p->mean = float8_array_arg(fcinfo, argno, "mean", &p->d);

	sd_arg_not_null(fcinfo, argno + 1, "cov");
	a = PG_GETARG_ARRAYTYPE_P(argno + 1);
	if (ARR_NDIM(a) != 2 || ARR_DIMS(a)[0] != p->d || ARR_DIMS(a)[1] != p->d)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"cov\" must be a %d x %d matrix", p->d, p->d),
				 errdetail("mean has %d elements; cov must be a two-dimensional array with as many rows and columns.",
						   p->d)));
	deconstruct_array(a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &n);
	cov = palloc_array(double, n);
	for (i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument \"cov\" must not contain nulls")));
		cov[i] = DatumGetFloat8(elems[i]);
		if (isnan(cov[i]) || isinf(cov[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"cov\" must contain only finite numbers")));
	}
	p->chol = palloc_array(double, n);
	mvn_factor(cov, p->d, p->chol);
	pfree(cov);
}

/* x = mean + L z with z standard normal (d draws of the row) */
static Datum
draw_mvnormal(SdRng *rng, const void *params)
{
	const MvnParams *p = params;
	double	   *z = palloc_array(double, p->d);
	double	   *x = palloc_array(double, p->d);
	int			i,
				k;

	for (i = 0; i < p->d; i++)
		z[i] = sd_draw_normal(rng);
	for (i = 0; i < p->d; i++)
	{
		double		s = p->mean[i];

		for (k = 0; k <= i; k++)
			s += p->chol[i * p->d + k] * z[k];
		x[i] = s;
	}
	return PointerGetDatum(float8_array_result(x, p->d));
}

/*
 * synth_mvnormal(n, mean float8[], cov float8[][], seed, start)
 *		returns setof float8[]
 *		Multivariate normal vectors: mean + L z, L the Cholesky factor of
 *		cov computed once per call.
 */
PG_FUNCTION_INFO_V1(synth_mvnormal);
Datum
synth_mvnormal(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
	{
		int64		n = sd_arg_count(fcinfo, 0);
		MvnParams	tmp;
		MvnParams  *p;
		uint64		seed;
		int64		start;
		MemoryContext oldcontext;

		mvn_args(fcinfo, 1, &tmp);
		seed = sd_arg_seed(fcinfo, SD_SEED_ARG(fcinfo));
		start = sd_arg_start(fcinfo, SD_START_ARG(fcinfo), n);
		p = sd_srf_start(fcinfo, n, seed, start, "synth_mvnormal",
						 draw_mvnormal, &tmp, sizeof(tmp));
		/* the mean and the factor must live for the whole call */
		oldcontext = MemoryContextSwitchTo(sd_srf_context(fcinfo));
		p->mean = palloc_array(double, p->d);
		memcpy(p->mean, tmp.mean, sizeof(double) * p->d);
		p->chol = palloc_array(double, p->d * p->d);
		memcpy(p->chol, tmp.chol, sizeof(double) * p->d * p->d);
		MemoryContextSwitchTo(oldcontext);
	}
	return sd_srf_next(fcinfo);
}

/* synth_random_mvnormal(mean, cov) returns float8[]: session stream */
PG_FUNCTION_INFO_V1(synth_random_mvnormal);
Datum
synth_random_mvnormal(PG_FUNCTION_ARGS)
{
	MvnParams	p;

	mvn_args(fcinfo, 0, &p);
	return draw_mvnormal(sd_session_next("mvnormal"), &p);
}

/* ---------------------------------------------------------------------
 * Dirichlet
 * ---------------------------------------------------------------------
 */

typedef struct VectorParams
{
	int			d;
	double	   *v;				/* alpha (Dirichlet) or probs (multinomial) */
	int32		trials;			/* multinomial only */
} VectorParams;

static void
dirichlet_args(FunctionCallInfo fcinfo, int argno, VectorParams *p)
{
	int			i;

	p->v = float8_array_arg(fcinfo, argno, "alpha", &p->d);
	for (i = 0; i < p->d; i++)
		if (!(p->v[i] > 0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"alpha\" must contain only positive values"),
					 errdetail("Element %d is %g.", i + 1, p->v[i])));
}

/*
 * Dirichlet(alpha) as normalised independent Gamma(alpha_i) variates
 * (Devroye 1986, XI.4), drawn in logs (Marsaglia-Tsang, see
 * distributions.c) and normalised by log-sum-exp so that small alphas do
 * not underflow to 0/0.
 */
static Datum
draw_dirichlet(SdRng *rng, const void *params)
{
	const VectorParams *p = params;
	double	   *x = palloc_array(double, p->d);
	double		mx = -HUGE_VAL,
				sum = 0;
	int			i;

	for (i = 0; i < p->d; i++)
	{
		x[i] = sd_draw_log_gamma(rng, p->v[i]);
		mx = Max(mx, x[i]);
	}
	for (i = 0; i < p->d; i++)
	{
		x[i] = exp(x[i] - mx);
		sum += x[i];
	}
	for (i = 0; i < p->d; i++)
		x[i] /= sum;
	return PointerGetDatum(float8_array_result(x, p->d));
}

static void *
vector_srf_start(FunctionCallInfo fcinfo, int64 n, const char *stream,
				 SdDrawFn draw, VectorParams *tmp)
{
	uint64		seed = sd_arg_seed(fcinfo, SD_SEED_ARG(fcinfo));
	int64		start = sd_arg_start(fcinfo, SD_START_ARG(fcinfo), n);
	VectorParams *p;

	p = sd_srf_start(fcinfo, n, seed, start, stream, draw, tmp, sizeof(*tmp));
	p->v = MemoryContextAlloc(sd_srf_context(fcinfo), sizeof(double) * p->d);
	memcpy(p->v, tmp->v, sizeof(double) * p->d);
	return p;
}

/*
 * synth_dirichlet(n, alpha float8[], seed, start) returns setof float8[]
 */
PG_FUNCTION_INFO_V1(synth_dirichlet);
Datum
synth_dirichlet(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
	{
		int64		n = sd_arg_count(fcinfo, 0);
		VectorParams tmp;

		dirichlet_args(fcinfo, 1, &tmp);
		vector_srf_start(fcinfo, n, "synth_dirichlet", draw_dirichlet, &tmp);
	}
	return sd_srf_next(fcinfo);
}

/* synth_random_dirichlet(alpha) returns float8[] */
PG_FUNCTION_INFO_V1(synth_random_dirichlet);
Datum
synth_random_dirichlet(PG_FUNCTION_ARGS)
{
	VectorParams p;

	dirichlet_args(fcinfo, 0, &p);
	return draw_dirichlet(sd_session_next("dirichlet"), &p);
}

/* ---------------------------------------------------------------------
 * Multinomial
 * ---------------------------------------------------------------------
 */

static void
multinomial_args(FunctionCallInfo fcinfo, int argno, VectorParams *p)
{
	double		sum;
	int			i;

	sd_arg_not_null(fcinfo, argno, "trials");
	p->trials = PG_GETARG_INT32(argno);
	if (p->trials < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"trials\" cannot be negative"),
				 errdetail("trials is %d.", p->trials)));
	p->v = float8_array_arg(fcinfo, argno + 1, "probs", &p->d);
	sum = check_weights(p->v, p->d, "probs");
	for (i = 0; i < p->d; i++)
		p->v[i] /= sum;
}

/*
 * Multinomial(trials, probs) by conditional binomials: the count of cell
 * i is Binomial(remaining trials, p_i / remaining mass) (Devroye 1986,
 * XI.1.6); probs are normalised to sum 1.
 */
static Datum
draw_multinomial(SdRng *rng, const void *params)
{
	const VectorParams *p = params;
	Datum	   *d = palloc_array(Datum, p->d);
	int64		left = p->trials;
	double		mass = 1.0;
	int			last = p->d - 1,
				i;

	/* the last cell with positive probability takes what is left */
	while (last > 0 && p->v[last] == 0)
		last--;
	for (i = 0; i < p->d; i++)
	{
		int64		x = 0;

		if (i == last)
			x = left;
		else if (i < last && left > 0 && p->v[i] > 0)
			x = sd_draw_binomial(rng, left, Min(p->v[i] / mass, 1.0));
		d[i] = Int32GetDatum((int32) x);
		left -= x;
		mass = Max(mass - p->v[i], 0.0);
	}
	return PointerGetDatum(construct_array(d, p->d, INT4OID, sizeof(int32),
										   true, TYPALIGN_INT));
}

/*
 * synth_multinomial(n, trials int, probs float8[], seed, start)
 *		returns setof int[]
 */
PG_FUNCTION_INFO_V1(synth_multinomial);
Datum
synth_multinomial(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
	{
		int64		n = sd_arg_count(fcinfo, 0);
		VectorParams tmp;

		multinomial_args(fcinfo, 1, &tmp);
		vector_srf_start(fcinfo, n, "synth_multinomial", draw_multinomial,
						 &tmp);
	}
	return sd_srf_next(fcinfo);
}

/* synth_random_multinomial(trials, probs) returns int[] */
PG_FUNCTION_INFO_V1(synth_random_multinomial);
Datum
synth_random_multinomial(PG_FUNCTION_ARGS)
{
	VectorParams p;

	multinomial_args(fcinfo, 0, &p);
	return draw_multinomial(sd_session_next("multinomial"), &p);
}

/* ---------------------------------------------------------------------
 * Distribution functions, for checking samples against theory
 * ---------------------------------------------------------------------
 */

static const SdFamily *
family_with_params(text *family, ArrayType *arr, double *params)
{
	char	   *name = text_to_cstring(family);
	const SdFamily *fam = sd_family_lookup(name);
	Datum	   *elems;
	bool	   *nulls;
	const char *err;
	int			n,
				i;

	if (fam == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown distribution family \"%s\"", name)));
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"params\" must be a one-dimensional array")));
	deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &n);
	if (n > fam->nparams)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("too many parameters for the %s distribution", name),
				 errdetail("It takes %d; %d were given.", fam->nparams, n)));
	for (i = 0; i < fam->nparams; i++)
	{
		if (i < n && nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument \"params\" must not contain nulls")));
		params[i] = i < n ? DatumGetFloat8(elems[i]) : fam->param_defaults[i];
		if (i >= n && isnan(params[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("parameter \"%s\" of the %s distribution has no default",
							fam->param_names[i], name)));
	}
	err = fam->check(params);
	if (err != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", err)));
	return fam;
}

/*
 * synth_cdf(family text, x float8, params float8[]) returns float8
 *		P(X <= x) for a continuous family (missing trailing parameters
 *		take their defaults).
 */
PG_FUNCTION_INFO_V1(synth_cdf);
Datum
synth_cdf(PG_FUNCTION_ARGS)
{
	double		params[SD_FAMILY_MAX_PARAMS];
	const SdFamily *fam = family_with_params(PG_GETARG_TEXT_PP(0),
											 PG_GETARG_ARRAYTYPE_P(2), params);
	double		x = PG_GETARG_FLOAT8(1);

	if (fam->cdf == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("the %s distribution has no CDF function", fam->name),
				 errhint("Use synth_pmf() for discrete families.")));
	if (isnan(x))
		PG_RETURN_FLOAT8(x);
	PG_RETURN_FLOAT8(fam->cdf(x, params));
}

/*
 * synth_pmf(family text, k float8, params float8[]) returns float8
 *		P(X = k) for a discrete family.
 */
PG_FUNCTION_INFO_V1(synth_pmf);
Datum
synth_pmf(PG_FUNCTION_ARGS)
{
	double		params[SD_FAMILY_MAX_PARAMS];
	const SdFamily *fam = family_with_params(PG_GETARG_TEXT_PP(0),
											 PG_GETARG_ARRAYTYPE_P(2), params);
	double		k = PG_GETARG_FLOAT8(1);

	if (fam->pmf == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("the %s distribution has no probability mass function", fam->name),
				 errhint("Use synth_cdf() for continuous families.")));
	PG_RETURN_FLOAT8(fam->pmf(k, params));
}
