/*-------------------------------------------------------------------------
 *
 * module.c
 *		Module entry point: magic block, GUCs, seed control functions.
 *
 * GUCs (all under the reserved prefix "synthdata."):
 *	synthdata.seed		default seed for calls that pass none; empty means
 *						"draw a fresh seed from the strong random source"
 *	synthdata.progress	emit NOTICE progress lines on long fills and fits
 *	synthdata.locale	locale of fake values in fills ("en", "fr", "ja"...)
 *	synthdata.null_share	share of NULLs in nullable columns without a rule
 *
 * It also registers the security label provider "synthdata" (labels.c).
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/module.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <limits.h>

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "fake.h"
#include "labels.h"
#include "sample_scan.h"
#include "synthdata.h"

#if PG_VERSION_NUM >= 180000
PG_MODULE_MAGIC_EXT(.name = "synthdata",.version = "0.2.0");
#else
PG_MODULE_MAGIC;
#endif

#if PG_VERSION_NUM < 160000
void		_PG_init(void);
#endif

char	   *sd_seed_setting = NULL;
bool		sd_progress = true;
static char *sd_locale_setting = NULL;
double		sd_null_share = 0.1;
int			sd_fit_parallel_min_rows = 500000;

extern int	sd_fake_locale_setting;

static bool
check_locale_setting(char **newval, void **extra, GucSource source)
{
	int		   *idx;
	int			l;

	if (*newval == NULL || (l = sd_fake_locale_lookup(*newval)) < 0)
	{
		GUC_check_errdetail("Known locales: en, de, fr, es, it, nl, pt_BR, ja.");
		return false;
	}
	/* GUC extra data is released with free() */
	idx = malloc(sizeof(int));
	if (idx == NULL)
		return false;
	*idx = l;
	*extra = idx;
	return true;
}

static void
assign_locale_setting(const char *newval, void *extra)
{
	sd_fake_locale_setting = *(int *) extra;
}

static bool
check_seed_setting(char **newval, void **extra, GucSource source)
{
	int64		dummy;
	char	   *end;

	if (*newval == NULL || (*newval)[0] == '\0')
		return true;
	errno = 0;
	dummy = strtoi64(*newval, &end, 10);
	(void) dummy;
	if (errno != 0 || *end != '\0' || end == *newval)
	{
		GUC_check_errdetail("synthdata.seed must be empty or a bigint.");
		return false;
	}
	return true;
}

void
_PG_init(void)
{
	DefineCustomStringVariable("synthdata.seed",
							   "Sets the seed used by synthdata calls that are given none.",
							   "Empty means that each such call draws a fresh seed from the "
							   "strong random source; synth_last_seed() reports it.",
							   &sd_seed_setting,
							   "",
							   PGC_USERSET,
							   0,
							   check_seed_setting, NULL, NULL);

	DefineCustomBoolVariable("synthdata.progress",
							 "Emits NOTICE progress lines during long fills and fits.",
							 NULL,
							 &sd_progress,
							 true,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);

	DefineCustomStringVariable("synthdata.locale",
							   "Sets the locale of fake values in rows synthdata generates.",
							   "One of en, de, fr, es, it, nl, pt_BR, ja; a fake() rule "
							   "with a locale argument overrides it for its column.",
							   &sd_locale_setting,
							   "en",
							   PGC_USERSET,
							   0,
							   check_locale_setting, assign_locale_setting, NULL);

	DefineCustomRealVariable("synthdata.null_share",
							 "Sets the share of NULLs in nullable columns that have no rule.",
							 "Applies to synth_fill, synth_fill_schema and synth_rows; "
							 "keys, foreign keys and columns with a DEFAULT are not affected.",
							 &sd_null_share,
							 0.1, 0.0, 1.0,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);

	DefineCustomIntVariable("synthdata.fit_parallel_min_rows",
							"Sets the estimated rows below which a fit's queries run without parallel workers.",
							"A parallel fit starts workers and merges their summaries, which "
							"costs more than it saves on small tables; 0 leaves every "
							"query to the planner.",
							&sd_fit_parallel_min_rows,
							500000, 0, INT_MAX,
							PGC_USERSET,
							0,
							NULL, NULL, NULL);

	/* SECURITY LABEL FOR synthdata: roles, kinds and rules of columns */
	sd_labels_register();

	/* synth_clone and synth_sample in FROM: a scan that streams their rows */
	sample_scan_register();

#if PG_VERSION_NUM >= 150000
	MarkGUCPrefixReserved("synthdata");
#else
	EmitWarningsOnPlaceholders("synthdata");
#endif
}

/*
 * synth_setseed(seed bigint) returns void
 *		Restart the session stream behind synth_random_*() at the given seed.
 */
PG_FUNCTION_INFO_V1(synth_setseed);
Datum
synth_setseed(PG_FUNCTION_ARGS)
{
	sd_session_setseed(PG_GETARG_INT64(0));
	PG_RETURN_VOID();
}

/*
 * synth_last_seed() returns bigint
 *		The seed drawn by the latest call that was given none, or NULL.
 */
PG_FUNCTION_INFO_V1(synth_last_seed);
Datum
synth_last_seed(PG_FUNCTION_ARGS)
{
	if (!sd_last_seed_valid)
		PG_RETURN_NULL();
	PG_RETURN_INT64(sd_last_seed);
}

static ArrayType *
words_to_array(const uint32 *w, int n)
{
	Datum		d[4];
	int			i;

	for (i = 0; i < n; i++)
		d[i] = Int64GetDatum((int64) w[i]);
	return construct_array(d, n, INT8OID, sizeof(int64), FLOAT8PASSBYVAL,
						   TYPALIGN_DOUBLE);
}

/*
 * synth_philox(seed, stream, counter, block) returns bigint[]
 *		The four 32-bit words the generator produces for one block of a row.
 */
PG_FUNCTION_INFO_V1(synth_philox);
Datum
synth_philox(PG_FUNCTION_ARGS)
{
	SdRng		rng;
	uint32		w[4];
	int64		block = PG_GETARG_INT64(3);
	int			i;

	if (block < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("block number cannot be negative")));
	sd_rng_init(&rng, (uint64) PG_GETARG_INT64(0), (uint64) PG_GETARG_INT64(1));
	sd_rng_seek(&rng, (uint64) PG_GETARG_INT64(2));
	rng.block = (uint64) block;
	for (i = 0; i < 4; i++)
		w[i] = sd_rng_u32(&rng);
	PG_RETURN_ARRAYTYPE_P(words_to_array(w, 4));
}

static void
array_to_words(ArrayType *a, int want, uint32 *w, const char *name)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("argument \"%s\" must be a one-dimensional array", name)));
	deconstruct_array(a, INT8OID, sizeof(int64), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &n);
	if (n != want)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must have %d elements", name, want),
				 errdetail("It has %d.", n)));
	for (i = 0; i < n; i++)
	{
		int64		v;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument \"%s\" must not contain nulls", name)));
		v = DatumGetInt64(elems[i]);
		if (v < 0 || v > (int64) PG_UINT32_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("element of \"%s\" is not a 32-bit unsigned word", name),
					 errdetail("Element %d is " INT64_FORMAT ".", i + 1, v)));
		w[i] = (uint32) v;
	}
}

/*
 * synth_philox4x32_10(counter bigint[4], key bigint[2]) returns bigint[]
 *		The bare block function, for known-answer tests.
 */
PG_FUNCTION_INFO_V1(synth_philox4x32_10);
Datum
synth_philox4x32_10(PG_FUNCTION_ARGS)
{
	uint32		ctr[4],
				key[2],
				out[4];

	array_to_words(PG_GETARG_ARRAYTYPE_P(0), 4, ctr, "counter");
	array_to_words(PG_GETARG_ARRAYTYPE_P(1), 2, key, "key");
	sd_philox4x32_10(ctr, key, out);
	PG_RETURN_ARRAYTYPE_P(words_to_array(out, 4));
}
