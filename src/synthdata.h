/*-------------------------------------------------------------------------
 *
 * synthdata.h
 *		Declarations shared by the SQL-callable layer of synthdata.
 *
 * Argument checks, seed resolution, the session stream and the streaming
 * SRF driver live once, in sdutil.c; every feature uses them.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/synthdata.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_H
#define SYNTHDATA_H

#include "fmgr.h"

#include "rng.h"

/* GUC variables (synthdata.c) */
extern char *sd_seed_setting;		/* synthdata.seed, "" = unset */
extern bool sd_progress;			/* synthdata.progress */

/* ---- seeds (sdutil.c) ---- */
extern uint64 sd_default_seed(void);
extern uint64 sd_arg_seed(FunctionCallInfo fcinfo, int argno);
extern bool sd_last_seed_valid;
extern int64 sd_last_seed;

/* the session stream behind synth_random_* (reset by synth_setseed) */
extern void sd_session_setseed(int64 seed);
extern SdRng *sd_session_next(const char *family);

/* ---- argument checks (sdutil.c) ---- */
extern int64 sd_arg_count(FunctionCallInfo fcinfo, int argno);
extern int64 sd_arg_start(FunctionCallInfo fcinfo, int argno, int64 n);
extern double sd_arg_float8(FunctionCallInfo fcinfo, int argno,
							const char *name);
extern int64 sd_arg_int64(FunctionCallInfo fcinfo, int argno,
						  const char *name);
extern void sd_arg_not_null(FunctionCallInfo fcinfo, int argno,
							const char *name);
extern void sd_check_positive(const char *name, double v);
extern void sd_check_nonnegative(const char *name, double v);
extern void sd_check_probability(const char *name, double p);
extern void sd_check_order(const char *lo_name, double lo,
						   const char *hi_name, double hi, bool strict);

/* ---- streaming ValuePerCall SRF driver (sdutil.c) ---- */

/*
 * Draws one value from rng, which is positioned at the start of its row.
 * params points at a copy of the caller's parameter struct that lives as
 * long as the SRF call.
 */
typedef Datum (*SdDrawFn) (SdRng *rng, const void *params);

extern void *sd_srf_start(FunctionCallInfo fcinfo, int64 n, uint64 seed,
						 int64 start, const char *stream, SdDrawFn draw,
						 const void *params, Size params_size);
extern Datum sd_srf_next(FunctionCallInfo fcinfo);

/* A draw that may return NULL (*isnull = true); see sd_srf_start_nullable. */
typedef Datum (*SdDrawNullableFn) (SdRng *rng, const void *params,
								   bool *isnull);

extern void *sd_srf_start_nullable(FunctionCallInfo fcinfo, int64 n,
								   uint64 seed, int64 start,
								   const char *stream,
								   SdDrawNullableFn draw, Size params_size);
extern MemoryContext sd_srf_context(FunctionCallInfo fcinfo);

/*
 * Most sampling SRFs take (n, parameters..., seed, start): seed and start
 * are always the last two arguments.
 */
#define SD_SEED_ARG(fcinfo)		(PG_NARGS() - 2)
#define SD_START_ARG(fcinfo)	(PG_NARGS() - 1)

/* ---- fake values (sdutil.c) ---- */

/*
 * Argument helpers for the fake-value engine (fake.h): each one ereports
 * (22023 invalid_parameter_value) with a hint when the user's text is not
 * a kind, a locale or a valid pattern.  Callers that need more context
 * in the message (a rule's column) can add an errcontext callback.
 */
extern int	sd_fake_kind_arg(const char *name);		/* returns SdFakeKind */
extern int	sd_fake_locale_arg(const char *name);
extern void sd_fake_pattern_arg(const char *pattern);

/*
 * The privacy threshold k by default: a value of a category, a shape, a
 * document key set... is emitted only when at least k rows hold it (the
 * "k" option of synth_fit and synth_clone; imputation and the evaluation
 * report apply the same rule).
 */
#define SD_PRIVACY_K 10

/* a text Datum from UTF-8 engine output, converted to the server encoding */
extern Datum sd_fake_text_datum(const char *utf8, int len);

/*
 * The quoted name of the schema synthdata is installed in, for SQL that
 * calls the extension's own functions through SPI: the extension is
 * relocatable and its schema need not be on the caller's search_path.
 */
extern char *sd_extension_schema(void);

#endif							/* SYNTHDATA_H */

/* ---- evaluation (sdutil.c) ---- */

/*
 * Allocator for the engine files (neighbors.h SdAllocFn): arg is the
 * MemoryContext; allocations may exceed 1 GB.
 */
extern void *sd_context_alloc(void *arg, size_t size);
