/*-------------------------------------------------------------------------
 *
 * sdutil.c
 *		Helpers shared by every SQL-callable synthdata function.
 *
 * Argument checks (each one an ereport with a SQLSTATE, run before any row
 * is produced), seed resolution, the session stream used by the scalar
 * synth_random_* functions, and the streaming ValuePerCall SRF driver used
 * by the sampling functions.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sdutil.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "utils/resowner.h"

#include <math.h>

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relation.h"
#include "access/table.h"
#include "access/tupmacs.h"
#include "catalog/catalog.h"
#include "catalog/indexing.h"
#include "catalog/pg_class.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_operator.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "optimizer/plancat.h"
#include "miscadmin.h"
#include "port.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "utils/tuplestore.h"
#include "utils/typcache.h"

#include "fake.h"
#include "synthdata.h"

/* ---------------------------------------------------------------------
 * Seeds
 * ---------------------------------------------------------------------
 */

bool		sd_last_seed_valid = false;
int64		sd_last_seed = 0;

/*
 * The seed to use when a call gives none: synthdata.seed if it is set,
 * else a fresh one from the strong random source.  Either way it is
 * remembered so that synth_last_seed() can tell the user which seed ran.
 */
uint64
sd_default_seed(void)
{
	int64		seed;

	if (sd_seed_setting != NULL && sd_seed_setting[0] != '\0')
	{
		/* the GUC's check hook has validated it */
		seed = pg_strtoint64(sd_seed_setting);
		return (uint64) seed;
	}

	if (!pg_strong_random(&seed, sizeof(seed)))
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not generate a random seed")));
	/* keep it positive: it is meant to be read and typed back */
	seed &= PG_INT64_MAX;
	sd_last_seed = seed;
	sd_last_seed_valid = true;
	elog(DEBUG1, "synthdata: using random seed " INT64_FORMAT, seed);
	return (uint64) seed;
}

/* Seed argument: NULL means "the default seed". */
uint64
sd_arg_seed(FunctionCallInfo fcinfo, int argno)
{
	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return sd_default_seed();
	return (uint64) PG_GETARG_INT64(argno);
}

/* ---------------------------------------------------------------------
 * The session stream
 *
 * synth_random_<family>() draws row k of the session stream on its k-th
 * call since synth_setseed(); every call gets a fresh row, so the sequence
 * of values depends only on the seed and on the order of the calls.
 * ---------------------------------------------------------------------
 */

static bool session_seeded = false;
static uint64 session_seed = 0;
static uint64 session_row = 0;

void
sd_session_setseed(int64 seed)
{
	session_seed = (uint64) seed;
	session_row = 0;
	session_seeded = true;
}

SdRng *
sd_session_next(const char *family)
{
	static SdRng rng;

	if (!session_seeded)
	{
		session_seed = sd_default_seed();
		session_row = 0;
		session_seeded = true;
	}
	sd_rng_init(&rng, session_seed, sd_stream_id("synthdata session"));
	sd_rng_seek(&rng, session_row++);
	return &rng;
}

/* ---------------------------------------------------------------------
 * Argument checks
 * ---------------------------------------------------------------------
 */

void
sd_arg_not_null(FunctionCallInfo fcinfo, int argno, const char *name)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("argument \"%s\" must not be null", name)));
}

int64
sd_arg_count(FunctionCallInfo fcinfo, int argno)
{
	int64		n;

	sd_arg_not_null(fcinfo, argno, "n");
	n = PG_GETARG_INT64(argno);
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of rows cannot be negative"),
				 errdetail("n is " INT64_FORMAT ".", n)));
	return n;
}

/* start: index of the first row; start + n must stay within bigint */
int64
sd_arg_start(FunctionCallInfo fcinfo, int argno, int64 n)
{
	int64		start;

	sd_arg_not_null(fcinfo, argno, "start");
	start = PG_GETARG_INT64(argno);
	if (start < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("first row index cannot be negative"),
				 errdetail("start is " INT64_FORMAT ".", start)));
	if (n > PG_INT64_MAX - start)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("row index out of range"),
				 errdetail("start + n exceeds the largest bigint.")));
	return start;
}

double
sd_arg_float8(FunctionCallInfo fcinfo, int argno, const char *name)
{
	double		v;

	sd_arg_not_null(fcinfo, argno, name);
	v = PG_GETARG_FLOAT8(argno);
	if (isnan(v) || isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must be a finite number", name),
				 errdetail("%s is %g.", name, v)));
	return v;
}

int64
sd_arg_int64(FunctionCallInfo fcinfo, int argno, const char *name)
{
	sd_arg_not_null(fcinfo, argno, name);
	return PG_GETARG_INT64(argno);
}

void
sd_check_positive(const char *name, double v)
{
	if (!(v > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must be greater than zero", name),
				 errdetail("%s is %g.", name, v)));
}

void
sd_check_nonnegative(const char *name, double v)
{
	if (!(v >= 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" cannot be negative", name),
				 errdetail("%s is %g.", name, v)));
}

void
sd_check_order(const char *lo_name, double lo, const char *hi_name,
			   double hi, bool strict)
{
	if (strict ? !(lo < hi) : !(lo <= hi))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must be %s \"%s\"", lo_name,
						strict ? "less than" : "less than or equal to",
						hi_name),
				 errdetail("%s is %g and %s is %g.", lo_name, lo,
						   hi_name, hi),
				 errhint("Swap the bounds.")));
}

/* ---------------------------------------------------------------------
 * Relations named by the caller
 * ---------------------------------------------------------------------
 */

/*
 * Checks a relation that a call names, by OID (a regclass argument, the
 * row type of NULL::t) or by a name resolved to one, before anything opens
 * it.  It must exist: a regclass holds any number, and relation_open would
 * fail on a missing one with an internal error.  It must be a user
 * relation: system catalogs, the other relations of pg_catalog and TOAST
 * tables are refused whatever the caller's privileges, for reading as for
 * writing, since synthdata has no business filling, imputing or modelling
 * them.  action is what was refused, for the message ("cannot fit system
 * catalog "pg_class"").  Looks at the catalog only: no lock is taken.
 * Returns relid.
 */
Oid
sd_check_relation(Oid relid, const char *action)
{
	HeapTuple	tup;
	Form_pg_class form;
	bool		toast,
				system;
	char	   *relname;

	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tup))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	form = (Form_pg_class) GETSTRUCT(tup);
	toast = form->relkind == RELKIND_TOASTVALUE ||
		IsToastNamespace(form->relnamespace);
	system = IsSystemClass(relid, form) ||
		IsCatalogNamespace(form->relnamespace);
	relname = pstrdup(NameStr(form->relname));
	ReleaseSysCache(tup);

	if (toast)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("cannot %s TOAST table \"%s\"", action, relname),
				 errdetail("TOAST tables are never read or written by synthdata.")));
	if (system)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("cannot %s system catalog \"%s\"", action, relname),
				 errdetail("System catalogs are never read or written by synthdata.")));
	return relid;
}

/* ---------------------------------------------------------------------
 * Streaming SRF driver
 *
 * Row r (0-based, counted from "start") is drawn with the generator
 * positioned at counter row start + r, whichever way the rows leave:
 *
 *	- ValuePerCall where that is all the caller allows (a call in a SELECT
 *	  list): one row per call, so memory stays constant whatever n is and
 *	  LIMIT stops the generator early;
 *	- Materialize where the caller prefers it (a call in FROM).  A
 *	  FunctionScan stores every row of a ValuePerCall function in a
 *	  tuplestore before it returns the first one, so filling that
 *	  tuplestore ourselves changes nothing the user can see (the rows, the
 *	  memory bound, which spills to disk past work_mem, and cancellation
 *	  are the same) but saves a function call and its bookkeeping per row.
 * ---------------------------------------------------------------------
 */

typedef struct SdSrfState
{
	SdRng		rng;
	uint64		next_row;
	uint64		end_row;
	SdDrawFn	draw;
	SdDrawNullableFn draw_nullable;
	void	   *params;
	bool		materialize;	/* fill the caller's tuplestore at once */
} SdSrfState;

/*
 * The one switch of a value-per-call SRF to materialize mode, shared by
 * the sampling functions, synth_timeseries and synth_clone.  A
 * FunctionScan says it prefers Materialize (it stores every row in a
 * tuplestore before reading the first), so filling that tuplestore at
 * once drops the per-row tuple, its copy and the per-row call; a SELECT
 * list (ProjectSet) accepts it too but would then lose LIMIT's early stop,
 * so there the SRF streams.
 */
bool
sd_srf_wants_materialize(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	return rsinfo != NULL && IsA(rsinfo, ReturnSetInfo) &&
		(rsinfo->allowedModes & SFRM_Materialize) != 0 &&
		(rsinfo->allowedModes & SFRM_Materialize_Preferred) != 0 &&
		rsinfo->expectedDesc != NULL;
}

/*
 * Switches the call to materialize mode: returns the caller's tuplestore,
 * whose rows have rsinfo->setDesc (a copy of the expected row type).  The
 * SRF fills it, calls end_MultiFuncCall and returns (Datum) 0.
 */
Tuplestorestate *
sd_srf_materialize_begin(FunctionCallInfo fcinfo)
{
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	return ((ReturnSetInfo *) fcinfo->resultinfo)->setResult;
}

static SdSrfState *
srf_state_create(FunctionCallInfo fcinfo, int64 n, uint64 seed, int64 start,
				 const char *stream)
{
	FuncCallContext *funcctx;
	SdSrfState *state;

	funcctx = SRF_FIRSTCALL_INIT();
	state = MemoryContextAllocZero(funcctx->multi_call_memory_ctx,
								   sizeof(SdSrfState));
	sd_rng_init(&state->rng, seed, sd_stream_id(stream));
	state->next_row = (uint64) start;
	state->end_row = (uint64) start + (uint64) n;
	state->materialize = sd_srf_wants_materialize(fcinfo);
	funcctx->user_fctx = state;
	return state;
}

/*
 * Start a streaming SRF call.  params (params_size bytes) is copied into
 * memory that lives as long as the call; the copy is returned, so that a
 * caller whose parameters hold pointers can copy what they point to into
 * sd_srf_context(fcinfo).
 */
void *
sd_srf_start(FunctionCallInfo fcinfo, int64 n, uint64 seed, int64 start,
			 const char *stream, SdDrawFn draw, const void *params,
			 Size params_size)
{
	SdSrfState *state = srf_state_create(fcinfo, n, seed, start, stream);

	state->draw = draw;
	if (params_size > 0)
	{
		state->params = MemoryContextAlloc(sd_srf_context(fcinfo), params_size);
		memcpy(state->params, params, params_size);
	}
	return state->params;
}

/*
 * Like sd_srf_start, for draws that may return NULL or whose parameters
 * hold pointers: returns a zeroed parameter block of params_size bytes
 * that lives as long as the SRF call; the caller fills it, allocating
 * anything it points to in sd_srf_context(fcinfo).
 */
void *
sd_srf_start_nullable(FunctionCallInfo fcinfo, int64 n, uint64 seed,
					  int64 start, const char *stream,
					  SdDrawNullableFn draw, Size params_size)
{
	SdSrfState *state = srf_state_create(fcinfo, n, seed, start, stream);

	state->draw_nullable = draw;
	state->params = MemoryContextAllocZero(sd_srf_context(fcinfo),
										   Max(params_size, 1));
	return state->params;
}

/* The memory context that lives as long as the current SRF call. */
MemoryContext
sd_srf_context(FunctionCallInfo fcinfo)
{
	FuncCallContext *funcctx = (FuncCallContext *) fcinfo->flinfo->fn_extra;

	Assert(funcctx != NULL);
	return funcctx->multi_call_memory_ctx;
}

static inline Datum
srf_draw(SdSrfState *state, bool *isnull)
{
	sd_rng_seek(&state->rng, state->next_row++);
	if (state->draw)
		return state->draw(&state->rng, state->params);
	return state->draw_nullable(&state->rng, state->params, isnull);
}

/*
 * Materialize mode: every row into a tuplestore of the caller's expected
 * one-column row type, in one call.  Draws that allocate (arrays) do so in
 * a scratch context reset per row.
 */
static void
srf_materialize(FunctionCallInfo fcinfo, SdSrfState *state)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext rowcontext,
				oldcontext;
	Form_pg_attribute attr;

	(void) sd_srf_materialize_begin(fcinfo);
	if (rsinfo->setDesc->natts != 1)
		elog(ERROR, "sampling function called with a %d-column result",
			 rsinfo->setDesc->natts);

	/*
	 * A by-value result that is never NULL (float8, bigint, boolean, date,
	 * timestamptz): form the tuple once and overwrite its one attribute per
	 * row; tuplestore_puttuple copies it.  That skips forming a tuple from
	 * scratch for every row, the largest cost after the draw itself.
	 */
	attr = TupleDescAttr(rsinfo->setDesc, 0);
	if (state->draw != NULL && attr->attbyval && attr->attlen > 0)
	{
		Datum		zero = (Datum) 0;
		bool		nonull = false;
		HeapTuple	tmpl = heap_form_tuple(rsinfo->setDesc, &zero, &nonull);
		char	   *data = (char *) tmpl->t_data + tmpl->t_data->t_hoff;

		while (state->next_row < state->end_row)
		{
			CHECK_FOR_INTERRUPTS();
			sd_rng_seek(&state->rng, state->next_row++);
			store_att_byval(data, state->draw(&state->rng, state->params),
							attr->attlen);
			tuplestore_puttuple(rsinfo->setResult, tmpl);
		}
		heap_freetuple(tmpl);
		return;
	}

	rowcontext = AllocSetContextCreate(CurrentMemoryContext,
									   "synthdata sampling row context",
									   ALLOCSET_DEFAULT_SIZES);
	oldcontext = MemoryContextSwitchTo(rowcontext);
	while (state->next_row < state->end_row)
	{
		Datum		value;
		bool		isnull = false;

		CHECK_FOR_INTERRUPTS();
		value = srf_draw(state, &isnull);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value,
							 &isnull);
		MemoryContextReset(rowcontext);
	}
	MemoryContextSwitchTo(oldcontext);
	MemoryContextDelete(rowcontext);
}

Datum
sd_srf_next(FunctionCallInfo fcinfo)
{
	FuncCallContext *funcctx = SRF_PERCALL_SETUP();
	SdSrfState *state = (SdSrfState *) funcctx->user_fctx;

	if (state->materialize)
	{
		srf_materialize(fcinfo, state);
		/* done in one call: release the multi-call state now */
		end_MultiFuncCall(fcinfo, funcctx);
		return (Datum) 0;
	}

	if (state->next_row < state->end_row)
	{
		Datum		result;
		bool		isnull = false;

		CHECK_FOR_INTERRUPTS();
		result = srf_draw(state, &isnull);
		if (isnull)
			SRF_RETURN_NEXT_NULL(funcctx);
		SRF_RETURN_NEXT(funcctx, result);
	}
	SRF_RETURN_DONE(funcctx);
}

/* ---------------------------------------------------------------------
 * Evaluation: allocator handed to the engine files
 * ---------------------------------------------------------------------
 */

void *
sd_context_alloc(void *arg, size_t size)
{
	return MemoryContextAllocHuge((MemoryContext) arg, Max(size, 1));
}

/* ---------------------------------------------------------------------
 * Fake values: argument checks and text conversion
 * ---------------------------------------------------------------------
 */

int
sd_fake_kind_arg(const char *name)
{
	SdFakeKind	kind = sd_fake_kind_lookup(name);

	if (kind == SD_FAKE_NONE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown fake kind \"%s\"", name),
				 errhint("SELECT kind FROM synth_fake_kinds() lists the kinds.")));
	return kind;
}

int
sd_fake_locale_arg(const char *name)
{
	int			locale = sd_fake_locale_lookup(name);

	if (locale < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown fake locale \"%s\"", name),
				 errhint("Use \"en\" (English, United States) or \"de\" (German, Germany).")));
	return locale;
}

void
sd_fake_pattern_arg(const char *pattern)
{
	const char *problem = sd_fake_pattern_check(pattern);

	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid fake pattern \"%s\"", pattern),
				 errdetail("%s", problem),
				 errhint("Write \\\\ for a literal backslash.")));
}

Datum
sd_fake_text_datum(const char *utf8, int len)
{
	char	   *s = (char *) utf8;

	/* the dictionaries are UTF-8; most databases are too */
	if (GetDatabaseEncoding() != PG_UTF8)
	{
		s = pg_any_to_server(utf8, len, PG_UTF8);
		if (s != utf8)
			len = strlen(s);
	}
	return PointerGetDatum(cstring_to_text_with_len(s, len));
}

/* ---------------------------------------------------------------------
 * The extension's own schema
 * ---------------------------------------------------------------------
 */

/*
 * The one way to find the extension's schema (relocatable: wherever
 * CREATE or ALTER EXTENSION put it): its Oid, from pg_extension.  Generated
 * SQL names the extension's own functions in it; cloning runs its
 * aggregates from it.
 */
Oid
sd_extension_namespace(void)
{
	Oid			extoid = get_extension_oid("synthdata", false);
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	Oid			nsp = InvalidOid;

	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(extoid));
	scan = systable_beginscan(rel, ExtensionOidIndexId, true, NULL, 1, &key);
	tup = systable_getnext(scan);
	if (HeapTupleIsValid(tup))
		nsp = ((Form_pg_extension) GETSTRUCT(tup))->extnamespace;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	if (!OidIsValid(nsp))
		elog(ERROR, "could not find the schema of extension \"synthdata\"");
	return nsp;
}

/* the extension's schema as a quoted SQL name */
char *
sd_extension_schema(void)
{
	return pstrdup(quote_identifier(get_namespace_name(sd_extension_namespace())));
}

/* ---------------------------------------------------------------------
 * Generated SQL
 * ---------------------------------------------------------------------
 */

/*
 * Parse analysis resolves every name of a statement to an Oid; it runs with
 * search_path set to "pg_catalog, pg_temp" for the current GUC nesting
 * level only, so that a name the statement left unqualified can only mean
 * a built-in object.  PostgreSQL's plan cache re-analyses a statement
 * invalidated later with the search_path it was analysed with (up to
 * version 15; from 16 on with the current one, which qualification alone
 * makes harmless).
 */
static SPIPlanPtr
prepare_pinned(const char *sql, int nargs, Oid *argtypes, int cursor_options)
{
	SPIPlanPtr	plan;
	int			level = NewGUCNestLevel();

	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE,
							 true, 0, false);
	plan = SPI_prepare_cursor(sql, nargs, argtypes, cursor_options);
	AtEOXact_GUC(true, level);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql,
			 SPI_result_code_string(SPI_result));
	return plan;
}

SPIPlanPtr
sd_spi_prepare(const char *sql, int nargs, Oid *argtypes)
{
	return prepare_pinned(sql, nargs, argtypes, 0);
}

/*
 * The planner's estimate of a table's rows, its partitions' and children's
 * included (0 for other relations).  *counted (when not NULL): whether
 * ANALYZE (or VACUUM) counted the rows of every table in it, so that the
 * estimate is that count scaled to the pages now, not the pages' guess.
 */
double
sd_table_rows_estimate(Oid relid, bool *counted)
{
	List	   *oids = find_all_inheritors(relid, AccessShareLock, NULL);
	ListCell   *lc;
	double		total = 0;
	bool		all_counted = true;

	foreach(lc, oids)
	{
		Relation	rel = relation_open(lfirst_oid(lc), NoLock);

		if (rel->rd_rel->relkind == RELKIND_RELATION ||
			rel->rd_rel->relkind == RELKIND_MATVIEW)
		{
			BlockNumber pages;
			double		tuples,
						allvisfrac;

			estimate_rel_size(rel, NULL, &pages, &tuples, &allvisfrac);
			total += tuples;
			/* never analyzed: reltuples -1 (0 and no pages before PostgreSQL 14) */
			all_counted &= rel->rd_rel->reltuples >= 0 && rel->rd_rel->relpages > 0;
		}
		relation_close(rel, NoLock);
	}
	if (counted != NULL)
		*counted = all_counted;
	return total;
}

/*
 * True if a query may read relid through TABLESAMPLE: a table, a
 * materialized view or a partitioned table (not a view or a foreign table).
 */
bool
sd_rel_samplable(Oid relid)
{
	char		kind = get_rel_relkind(relid);

	return kind == RELKIND_RELATION || kind == RELKIND_MATVIEW ||
		kind == RELKIND_PARTITIONED_TABLE;
}

/*
 * Queries that read a source of about rows rows run without parallel
 * workers when rows is below synthdata.fit_parallel_min_rows, until the
 * caller's GUC nesting level ends (AtEOXact_GUC, or the transaction's end
 * on an error): starting workers and merging their states costs more than
 * they save on small tables.
 */
void
sd_serial_if_small(double rows)
{
	if (sd_fit_parallel_min_rows > 0 && rows < (double) sd_fit_parallel_min_rows)
		(void) set_config_option("max_parallel_workers_per_gather", "0",
								 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE,
								 true, 0, false);
}

/* milliseconds since *t, and *t reset to now (for DEBUG1 timings) */
double
sd_lap_ms(instr_time *t)
{
	instr_time	now;
	double		ms;

	INSTR_TIME_SET_CURRENT(now);
	ms = INSTR_TIME_GET_MILLISEC(now) - INSTR_TIME_GET_MILLISEC(*t);
	*t = now;
	return ms;
}

/* run to completion, as SPI_execute does: parallel workers allowed */
int
sd_spi_execute(const char *sql, int nargs, Oid *argtypes, Datum *args,
			   const char *nulls, bool read_only, long count)
{
	SPIPlanPtr	plan = prepare_pinned(sql, nargs, argtypes, CURSOR_OPT_PARALLEL_OK);
	int			ret;

	ret = SPI_execute_plan(plan, args, nulls, read_only, count);
	SPI_freeplan(plan);
	return ret;
}

char *
sd_sql_type(Oid typid, int32 typmod)
{
	return format_type_extended(typid, typmod,
								FORMAT_TYPE_FORCE_QUALIFY |
								(typmod >= 0 ? FORMAT_TYPE_TYPEMOD_GIVEN : 0));
}

static char *
sd_sql_operator(Oid opno)
{
	HeapTuple	tup = SearchSysCache1(OPEROID, ObjectIdGetDatum(opno));
	Form_pg_operator op;
	char	   *result;

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for operator %u", opno);
	op = (Form_pg_operator) GETSTRUCT(tup);
	result = psprintf("OPERATOR(%s.%s)",
					  quote_identifier(get_namespace_name(op->oprnamespace)),
					  NameStr(op->oprname));
	ReleaseSysCache(tup);
	return result;
}

char *
sd_sql_eq_operator(Oid typid)
{
	TypeCacheEntry *tce = lookup_type_cache(typid, TYPECACHE_EQ_OPR);

	if (!OidIsValid(tce->eq_opr))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("could not identify an equality operator for type %s",
						format_type_be(typid))));
	return sd_sql_operator(tce->eq_opr);
}

bool
sd_name_in_list(List *names, const char *name)
{
	ListCell   *lc;

	foreach(lc, names)
		if (strcmp((char *) lfirst(lc), name) == 0)
			return true;
	return false;
}

/*
 * Runs fn(arg) in an internal subtransaction: true if it succeeded; else
 * the subtransaction is rolled back and *err gets the error (a query
 * cancel is thrown on, never taken for a failure of fn).
 */
bool
sd_in_subtransaction(void (*fn) (void *), void *arg, ErrorData **err)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	volatile bool ok = true;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		fn(arg);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
		if (edata->sqlerrcode == ERRCODE_QUERY_CANCELED)
			ReThrowError(edata);
		*err = edata;
		ok = false;
	}
	PG_END_TRY();
	return ok;
}
