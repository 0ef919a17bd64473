/*-------------------------------------------------------------------------
 *
 * synthdata.h
 *		Declarations shared by the SQL-callable layer of synthdata.
 *
 * Argument checks, seed resolution, the session stream and the streaming
 * SRF driver live once, in sdutil.c; every feature uses them.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
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
#include "portability/instr_time.h"
#include "utils/tuplestore.h"

#include "rng.h"

/* GUC variables (module.c) */
extern char *sd_seed_setting;		/* synthdata.seed, "" = unset */
extern bool sd_progress;			/* synthdata.progress */
extern double sd_null_share;		/* synthdata.null_share */
extern int	sd_fit_parallel_min_rows;	/* synthdata.fit_parallel_min_rows */

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
extern void sd_check_order(const char *lo_name, double lo,
						   const char *hi_name, double hi, bool strict);

/*
 * A relation the call names (by OID or by name): 42P01 if it does not
 * exist, 42809 if it is a system catalog or a TOAST table; action completes
 * the message "cannot <action> system catalog ...".  Returns relid.
 */
extern Oid	sd_check_relation(Oid relid, const char *action);

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

/* switching any value-per-call SRF to materialize mode (see sdutil.c) */
extern bool sd_srf_wants_materialize(FunctionCallInfo fcinfo);
extern Tuplestorestate *sd_srf_materialize_begin(FunctionCallInfo fcinfo);

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

/* the most categories a column keeps by default (option "category_cap") */
#define SD_CATEGORY_CAP 256

/* a text Datum from UTF-8 engine output, converted to the server encoding */
extern Datum sd_fake_text_datum(const char *utf8, int len);

/*
 * The schema synthdata is installed in (its Oid, or its quoted name), for
 * SQL that calls the extension's own functions through SPI: the extension
 * is relocatable and its schema need not be on the caller's search_path.
 * The one way to find it (sdutil.c).
 */
extern Oid	sd_extension_namespace(void);
extern char *sd_extension_schema(void);

/*
 * Generated SQL.  Every name in the SQL synthdata builds is schema-qualified
 * (relations, types, functions, operators), so no search_path can send it
 * to another object; on top of that, the helpers below parse and analyse
 * it with search_path pinned to "pg_catalog, pg_temp".  Only the analysis
 * is pinned: the execution (triggers, defaults, policies and functions of
 * the user's tables) runs with the caller's search_path, so the user's own
 * objects keep the meaning the user gave them.
 *
 * sd_spi_prepare: SPI_prepare under the pinned search_path (elog on failure).
 * sd_spi_execute: prepare, execute once and free; returns the SPI code.
 * sd_sql_type:    a type (and typmod, or -1) as a schema-qualified SQL name.
 * sd_sql_eq_operator: "OPERATOR(schema.=)", the equality operator of the
 *		type's default btree operator class (42883 if it has none).
 */
struct _SPI_plan;
extern struct _SPI_plan *sd_spi_prepare(const char *sql, int nargs, Oid *argtypes);
extern double sd_lap_ms(instr_time *t);
extern double sd_table_rows_estimate(Oid relid, bool *counted);
extern bool sd_rel_samplable(Oid relid);
extern void sd_serial_if_small(double rows);
extern int	sd_spi_execute(const char *sql, int nargs, Oid *argtypes, Datum *args,
						   const char *nulls, bool read_only, long count);
extern char *sd_sql_type(Oid typid, int32 typmod);
extern char *sd_sql_eq_operator(Oid typid);

#endif							/* SYNTHDATA_H */

/* ---- evaluation (sdutil.c) ---- */

/*
 * Allocator for the engine files (neighbors.h SdAllocFn): arg is the
 * MemoryContext; allocations may exceed 1 GB.
 */
extern void *sd_context_alloc(void *arg, size_t size);

/* whether a list of C strings holds name */
extern bool sd_name_in_list(List *names, const char *name);

/* fn(arg) in an internal subtransaction; false with *err when it failed */
extern bool sd_in_subtransaction(void (*fn) (void *), void *arg, ErrorData **err);
