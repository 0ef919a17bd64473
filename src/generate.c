/*-------------------------------------------------------------------------
 *
 * generate.c
 *		Rule-constrained row generation: synth_rows, synth_fill and
 *		synth_fill_schema.
 *
 * A call builds a plan once: the table's description (catalog.c), one
 * generator per column -- the user's rule (rules.c), a foreign key drawn
 * from the parent rows, a unique key built by construction, or a
 * generator inferred from the column's name, type and CHECK constraints --
 * and an order in which columns can be computed (rules may reference other
 * columns).  Then every row is a pure function of (seed, column stream,
 * row index): each column has its own Philox stream named after it, so
 * adding a column does not change the others.
 *
 * Constraints.  A candidate row is checked with PostgreSQL's executor
 * against every CHECK (table and domain) and NOT NULL; a failing row is
 * drawn again from fresh streams (attempt a uses the child stream a), up to
 * SD_MAX_ATTEMPTS times.  Common CHECK shapes (comparisons with constants,
 * BETWEEN, IN lists, length limits, col > other_col) shape the inferred
 * generators so that rejection is rare.
 *
 * Unique keys are unique by construction: the row's position in a keyed
 * pseudo-random permutation of [0, D) -- a balanced Feistel network over
 * the next power of four with cycle walking (Black and Rogaway, "Ciphers
 * with Arbitrary Finite Domains", CT-RSA 2002) -- is decoded into the
 * column's domain (a range of integers, dates or timestamps, a code, a
 * pattern's mixed-radix space, a fake value with a numeric suffix, a uuid,
 * or the parent keys of a one-to-one foreign key), the value shapes being
 * keygen.c's; a key of one uuid column takes the row's position itself
 * (the uuid shape is a keyed bijection).  Composite keys decode one
 * position into a tuple (mixed radix).  When the table already has rows,
 * a candidate value is probed in the key's own unique index (a dirty
 * snapshot, so in-progress rows count) and the next position is taken if it
 * exists: memory stays constant, no set of seen values is kept.
 *
 * Foreign keys draw from the parent's existing keys, read once per call
 * in key order (at most SD_FK_MAX_KEYS of them; larger parents are
 * sampled by a seeded reservoir, Vitter's Algorithm R).
 *
 * Insertion (synth_fill) runs "INSERT INTO t (cols) SELECT ... FROM
 * synth_rows(...)" through SPI in the caller's transaction: the executor
 * fires triggers, maintains indexes, routes partitions, applies row-level
 * security and checks privileges as for any INSERT, and an error anywhere
 * leaves the table as it was.  Concurrent fills of one table are
 * serialized with a SHARE ROW EXCLUSIVE lock.
 *
 * Files.  This file holds the rows and the SQL entry points (synth_rows,
 * synth_fill, synth_fill_schema) and is the only one of them with
 * fmgr-callable functions; generate_plan.c builds and prepares the plan
 * (the only other SPI user, read-only); generate_types.c converts values of
 * column types; generate_rules.c reads the jsonb rules; generate_infer.c
 * infers and shapes generators and draws their values; generate_unique.c
 * builds unique keys.  generate_int.h holds their shared structs.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/generate.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/namespace.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"

#include "generate_int.h"

/* ---------------------------------------------------------------------
 * Rows
 * ---------------------------------------------------------------------
 */

static SdRng *
col_rng(ColGen *g, SdRng *tmp, uint64 seed, int attempt, uint64 row)
{
	SdRng	   *r = &g->rng;

	if (attempt > 0)
	{
		sd_rng_init(tmp, seed, sd_stream_child(g->stream, (uint64) attempt));
		r = tmp;
	}
	sd_rng_seek(r, row);
	return r;
}

static bool
compute_col(GenPlan *plan, int c, uint64 row, int attempt)
{
	ColGen	   *g = &plan->gens[c];
	SdColumn   *col = &plan->t->columns[c];
	SdRng		tmp;
	SdRng	   *rng;
	SdVal		v;
	Datum		direct = 0;
	bool		hd = false;

	if (plan->done[c])
		return true;
	switch (g->kind)
	{
		case G_SKIP:
			v.kind = SDV_NULL;
			sdg_set_col(plan, c, &v, 0, false);
			return true;
		case G_DEFAULT:
			if (g->defnull)
			{
				v.kind = SDV_NULL;
				sdg_set_col(plan, c, &v, 0, false);
			}
			else
			{
				plan->values[col->attnum - 1] = g->defval;
				plan->nulls[col->attnum - 1] = false;
				plan->done[c] = true;
			}
			return true;
		case G_UNIQUE:
		case G_FK:
			/* groups are computed before the other columns */
			return true;
		case G_RULE:
		case G_AUTO:
			break;
	}
	if (g->null_frac > 0)
	{
		SdRng	   *nr = &g->nullrng;

		if (attempt > 0)
		{
			sd_rng_init(&tmp, plan->seed,
						sd_stream_child(sd_stream_child(g->stream, PG_UINT32_MAX),
										(uint64) attempt));
			nr = &tmp;
		}
		sd_rng_seek(nr, row);
		if (sd_rng_uniform(nr) < g->null_frac)
		{
			v.kind = SDV_NULL;
			sdg_set_col(plan, c, &v, 0, false);
			return true;
		}
	}
	rng = col_rng(g, &tmp, plan->seed, attempt, row);
	if (g->kind == G_RULE)
	{
		SdEvalCtx	ctx;

		ctx.cols = plan->vals;
		ctx.rng = rng;
		ctx.seed = plan->person_seed;
		ctx.row = row;
		ctx.locale = plan->locale;
		sd_rule_eval(g->expr, &ctx, &v);
	}
	else
		sdg_auto_value(plan, g, &g->ti, rng, row, &v, &direct, &hd);
	sdg_set_col(plan, c, &v, direct, hd);
	return !(col->notnull && plan->nulls[col->attnum - 1]);
}

static void
fk_choose(GenPlan *plan, FkGroup *fg, uint64 row, int attempt)
{
	ColGen	   *g = &plan->gens[fg->gen];
	SdRng		tmp;
	SdRng	   *rng;
	int64		k;

	if (fg->nkeys == 0)
	{
		sdg_set_fk(plan, fg, -1);
		return;
	}
	rng = col_rng(g, &tmp, plan->seed, attempt, row);
	switch (g->fanout)
	{
		case FAN_EACH:
			k = (int64) (row % (uint64) fg->nkeys);
			break;
		case FAN_ZIPF:
			{
				/* rank r of Zipf's law; ranks map to parents by a permutation */
				int64		r = sd_draw_zipf(rng, g->fanout_param, fg->nkeys);

				r = Min(Max(r, 1), fg->nkeys);

				k = (int64) sd_perm_apply(&fg->perm, (uint64) (r - 1));
				break;
			}
		case FAN_SKEW:
			k = (int64) sd_perm_apply(&fg->perm,
									  (uint64) sdg_realism_skew(rng, fg->nkeys));
			break;
		default:
			k = (int64) sd_rng_below(rng, (uint64) fg->nkeys);
			break;
	}
	sdg_set_fk(plan, fg, (int) k);
}

/* the column a failed check is most about, for the error message */
static void
row_failed(GenPlan *plan, uint64 row, int failed_check, int failed_null)
{
	SdTable    *t = plan->t;

	if (failed_check >= 0)
	{
		SdCheck    *ck = &t->checks[failed_check];

		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("could not generate a row of table \"%s\" that satisfies check constraint \"%s\"",
						t->relname, ck->name),
				 errdetail("%d candidates for row " UINT64_FORMAT " failed CHECK (%s)%s.",
						   SD_MAX_ATTEMPTS, row + 1, ck->text,
						   ck->column >= 0 ? psprintf(" of the domain of column \"%s\"",
													   t->columns[ck->column].name) : ""),
				 errhint("Give the columns the constraint references rules whose values satisfy it.")));
	}
	ereport(ERROR,
			(errcode(ERRCODE_NOT_NULL_VIOLATION),
			 errmsg("rule for column \"%s\" produced NULL, but the column is NOT NULL",
					t->columns[failed_null].name),
			 errdetail("%d candidates for row " UINT64_FORMAT " were NULL.",
					   SD_MAX_ATTEMPTS, row + 1),
			 errhint("Change the rule so that it never yields NULL.")));
}

/*
 * Probe the unique indexes on expressions and the partial ones (see
 * generate_probe.c).  Returns -1 when the row is free; 1 when a unique
 * group that builds the taken key's columns moved on (draw the row again
 * from there); 0 when the key is taken and only a fresh draw can help
 * (*failed names the index).  A key that reads a freely drawn column is
 * first redrawn, up to half the attempts.
 */
static int
probe_expression_keys(GenPlan *plan, uint64 row, int attempt, SdUniqueKey **failed)
{
	Bitmapset  *cols = NULL;
	SdUniqueKey *key;
	int			i,
				d;
	bool		moved = false;

	key = sdg_probes_taken(plan->probes, plan->values, plan->nulls, plan->natts, &cols);
	if (key == NULL)
		return -1;
	*failed = key;

	/*
	 * A column the key reads that is drawn afresh on every attempt (the
	 * predicate's discharged, a free foreign key) is tried first: moving a
	 * unique group on spends one of its positions.
	 */
	if (attempt < SD_MAX_ATTEMPTS / 2)
	{
		i = -1;
		while ((i = bms_next_member(cols, i)) >= 0)
		{
			ColGen	   *g = &plan->gens[i];

			if (g->kind == G_AUTO || g->kind == G_RULE ||
				(g->kind == G_FK && plan->fks[g->group].unique_group < 0))
				return 0;
		}
	}
	for (i = 0; i < plan->nunique; i++)
	{
		UniqueGroup *ug = &plan->uniques[i];
		bool		reads = false;

		for (d = 0; d < ug->ndims && !reads; d++)
		{
			if (ug->dims[d].col >= 0)
				reads = bms_is_member(ug->dims[d].col, cols);
			else
			{
				SdForeignKey *fk = plan->fks[ug->dims[d].fk].fk;
				int			j;

				for (j = 0; j < fk->ncols; j++)
					reads = reads || bms_is_member(fk->cols[j], cols);
			}
		}
		if (reads)
		{
			ug->probe = true;	/* positions in turn from here on */
			if (ug->next_pos <= ug->cur_pos)
				ug->next_pos = ug->cur_pos + 1;
			sdg_unique_advance(plan, ug, row);
			moved = true;
		}
	}
	return moved ? 1 : 0;
}

static void
generate_row(GenPlan *plan, uint64 row)
{
	SdTable    *t = plan->t;
	int			attempt;
	int			i;
	int			failed_check = -1,
				failed_null = -1;
	SdUniqueKey *failed_key = NULL;
	RuleErrCtx	ectx = {NULL, NULL};
	ErrorContextCallback cb;

	cb.callback = sdg_rule_error_callback;
	cb.arg = &ectx;
	cb.previous = error_context_stack;
	error_context_stack = &cb;

	for (i = 0; i < plan->nunique; i++)
		sdg_unique_advance(plan, &plan->uniques[i], row);
again:
	memset(plan->done, 0, sizeof(bool) * t->ncolumns);
	/* unique keys first, once per row: their values stay across attempts */
	for (i = 0; i < plan->nunique; i++)
		sdg_unique_row(plan, &plan->uniques[i], row);

	for (attempt = 0; attempt < SD_MAX_ATTEMPTS; attempt++)
	{
		bool		ok = true;

		for (i = 0; i < t->ncolumns; i++)
			if (plan->gens[i].kind != G_UNIQUE &&
				!(plan->gens[i].kind == G_FK &&
				  plan->fks[plan->gens[i].group].unique_group >= 0))
				plan->done[i] = false;
		for (i = 0; i < plan->nfk; i++)
			if (plan->fks[i].unique_group < 0)
				fk_choose(plan, &plan->fks[i], row, attempt);
		for (i = 0; i < t->ncolumns; i++)
		{
			int			c = plan->order[i];

			ectx.column = t->columns[c].name;
			ectx.rule = plan->gens[c].rule_text;
			if (!compute_col(plan, c, row, attempt))
			{
				ok = false;
				failed_null = c;
				failed_check = -1;
				break;
			}
		}
		ectx.column = NULL;
		if (!ok)
			continue;
		for (i = 0; i < t->ncolumns; i++)
			if (t->columns[i].notnull && plan->gens[i].kind != G_DEFAULT &&
				plan->gens[i].kind != G_SKIP && plan->nulls[t->columns[i].attnum - 1])
			{
				ok = false;
				failed_null = i;
				failed_check = -1;
			}
		if (!ok)
			continue;
		failed_check = sd_checker_check(plan->checker, plan->values, plan->nulls);
		if (failed_check < 0)
		{
			/*
			 * The table had rows: a key already there sends the row to the
			 * next permutation positions (and through the checks again).
			 */
			bool		taken = false;

			for (i = 0; i < plan->nunique; i++)
				if (plan->uniques[i].probe && sdg_key_exists(plan, &plan->uniques[i]))
				{
					sdg_unique_advance(plan, &plan->uniques[i], row);
					taken = true;
				}
			if (!taken)
			{
				int			moved = probe_expression_keys(plan, row, attempt, &failed_key);

				if (moved < 0)
				{
					error_context_stack = cb.previous;
					return;
				}
				taken = (moved > 0);
			}
			if (taken)
			{
				CHECK_FOR_INTERRUPTS();
				goto again;
			}
			failed_check = -1;
			failed_null = -1;
		}
		CHECK_FOR_INTERRUPTS();
	}
	error_context_stack = cb.previous;
	if (failed_key != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNIQUE_VIOLATION),
				 errmsg("could not generate a row of table \"%s\" whose key is free in unique index \"%s\"",
						t->relname, failed_key->name),
				 errdetail("%d candidates for row " UINT64_FORMAT " had keys the index already holds.",
						   SD_MAX_ATTEMPTS, row + 1),
				 errhint("Give the columns the index reads rules with more distinct values, or ask for fewer rows.")));
	row_failed(plan, row, failed_check, failed_null);
}

static bool fill_in_progress = false;

static void
report_progress(GenPlan *plan)
{
	instr_time	now;
	double		secs;
	int			pct;

	if (!sd_progress || plan->n <= 0 || (plan->produced & 1023) != 0)
		return;
	INSTR_TIME_SET_CURRENT(now);
	INSTR_TIME_SUBTRACT(now, plan->started);
	secs = INSTR_TIME_GET_DOUBLE(now);
	if (secs < 3.0)
		return;
	pct = (int) ((plan->produced * 10) / plan->n) * 10;
	if (pct > plan->progress_pct && pct < 100)
	{
		plan->progress_pct = pct;
		ereport(NOTICE,
				(errmsg("%s: %d%% of %s (" INT64_FORMAT " of " INT64_FORMAT " rows, %.1f s)",
						fill_in_progress ? "synth_fill" : "synth_rows", pct,
						plan->t->relname, plan->produced, plan->n, secs)));
	}
}

/* ---------------------------------------------------------------------
 * SQL-callable functions
 * ---------------------------------------------------------------------
 */

static Jsonb *
arg_rules(FunctionCallInfo fcinfo, int argno)
{
	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return NULL;
	return PG_GETARG_JSONB_P(argno);
}

/*
 * synth_rows(NULL::t, n bigint, rules jsonb, seed bigint, start bigint)
 *		returns setof t
 *
 * n rows typed like table t that honour its constraints and the rules;
 * nothing is inserted.  Row i is a pure function of (seed, start + i) and,
 * for foreign keys and unique keys, of the rows already in the tables.
 */
PG_FUNCTION_INFO_V1(synth_rows);
Datum
synth_rows(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	GenPlan	   *plan;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		Oid			relid;
		int64		n;
		int64		start;
		uint64		seed;
		TupleDesc	desc;

		relid = sd_check_relation(sd_rowtype_relid(fcinfo, 0), "generate rows for");
		n = sd_arg_count(fcinfo, 1);
		start = sd_arg_start(fcinfo, 4, n);
		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		seed = sd_arg_seed(fcinfo, 3);
		plan = sdg_plan_build(relid, arg_rules(fcinfo, 2), seed, n, start);
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("function returning record called in context that cannot accept type record")));
		plan->outdesc = BlessTupleDesc(CreateTupleDescCopy(desc));
		if (plan->outdesc->natts != plan->natts)
			elog(ERROR, "row type of %s does not match the table", plan->t->qualname);
		sdg_plan_prepare(plan);
		INSTR_TIME_SET_CURRENT(plan->started);
		funcctx->user_fctx = plan;
		MemoryContextSwitchTo(old);
	}
	funcctx = SRF_PERCALL_SETUP();
	plan = funcctx->user_fctx;
	if (plan->produced < plan->n)
	{
		MemoryContext old;
		HeapTuple	tup;

		CHECK_FOR_INTERRUPTS();
		MemoryContextReset(plan->rowcxt);
		old = MemoryContextSwitchTo(plan->rowcxt);
		generate_row(plan, (uint64) (plan->start + plan->produced));
		MemoryContextSwitchTo(old);
		tup = heap_form_tuple(plan->outdesc, plan->values, plan->nulls);
		plan->produced++;
		report_progress(plan);
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(tup));
	}
	SRF_RETURN_DONE(funcctx);
}

/* does the table reference itself through a nullable key left to us? */
static SdForeignKey *
self_reference(GenPlan *plan)
{
	int			i;

	for (i = 0; i < plan->nfk; i++)
		if (plan->fks[i].fk->self && plan->fks[i].fk->nullable &&
			plan->fks[i].unique_group < 0)
			return plan->fks[i].fk;
	return NULL;
}

/*
 * Only relations that take an INSERT can be filled: tables, partitioned
 * tables, views and foreign tables.  Anything else (a sequence, an index,
 * a materialized view) would fail deep inside the generated INSERT with a
 * message about a missing type, so say what is wrong up front.
 */
static void
check_fillable(Oid relid)
{
	char		relkind = get_rel_relkind(relid);

	switch (relkind)
	{
		case RELKIND_RELATION:
		case RELKIND_PARTITIONED_TABLE:
		case RELKIND_VIEW:
		case RELKIND_FOREIGN_TABLE:
			return;
		case '\0':
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("relation with OID %u does not exist", relid)));
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_WRONG_OBJECT_TYPE),
					 errmsg("cannot fill relation \"%s\"", get_rel_name(relid)),
					 errdetail_relkind_not_supported(relkind)));
	}
}

/*
 * Insert n rows into relid through the executor; returns the count.  The
 * caller has checked the arguments.
 */
static int64
rules_fill_table(Oid relid, int64 n, Jsonb *rules, uint64 seed)
{
	GenPlan	   *plan;
	StringInfoData sql;
	StringInfoData cols;
	StringInfoData sel;
	int			i;
	int			ncols = 0;
	volatile int64 total = 0;
	volatile int64 roots = 0;
	SdForeignKey *selffk;
	bool		save = fill_in_progress;
	Datum		args[5];
	Oid			argtypes[5] = {INT8OID, JSONBOID, INT8OID, INT8OID, JSONBOID};
	char		nulls[5] = {' ', ' ', ' ', ' ', ' '};

	check_fillable(relid);

	/*
	 * Serialize concurrent fills (and other writers) of this table for the
	 * rest of the transaction: unique values are probed against the rows
	 * already there, which must not change under us.
	 */
	sd_lock_for_write(relid, ACL_INSERT);

	plan = sdg_plan_build(relid, rules, seed, n, 0);

	initStringInfo(&cols);
	initStringInfo(&sel);
	for (i = 0; i < plan->t->ncolumns; i++)
	{
		const char *q = quote_identifier(plan->t->columns[i].name);

		if (plan->gens[i].kind == G_SKIP || plan->gens[i].kind == G_DEFAULT)
			continue;
		appendStringInfo(&cols, "%s%s", ncols ? ", " : "", q);
		appendStringInfo(&sel, "%s(s.r).%s", ncols ? ", " : "", q);
		ncols++;
	}

	initStringInfo(&sql);
	if (ncols == 0)
		appendStringInfo(&sql,
						 "INSERT INTO %s SELECT FROM (SELECT %s.synth_rows(NULL::%s, $1, $2 OPERATOR(pg_catalog.||) $5, $3, $4) AS r OFFSET 0) s",
						 plan->t->qualname, sd_extension_schema(), plan->t->qualname);
	else
		appendStringInfo(&sql,
						 "INSERT INTO %s (%s) SELECT %s FROM (SELECT %s.synth_rows(NULL::%s, $1, $2 OPERATOR(pg_catalog.||) $5, $3, $4) AS r OFFSET 0) s",
						 plan->t->qualname, cols.data, sel.data, sd_extension_schema(),
						 plan->t->qualname);

	/*
	 * A nullable self-reference in an empty table: first a tenth of the rows
	 * as roots (the reference NULL), then the rest referencing rows before.
	 */
	selffk = self_reference(plan);
	if (selffk && n > 1)
	{
		SPI_connect();
		if (sd_spi_execute(psprintf("SELECT 1 FROM %s LIMIT 1", plan->t->qualname),
						   0, NULL, NULL, NULL, true, 1) != SPI_OK_SELECT)
			elog(ERROR, "could not read %s", plan->t->qualname);
		if (SPI_processed == 0)
			roots = Max(1, n / 10);
		SPI_finish();
	}

	fill_in_progress = true;
	PG_TRY();
	{
		SPIPlanPtr	sp;

		SPI_connect();
		sp = sd_spi_prepare(sql.data, 5, argtypes);
		args[1] = rules ? JsonbPGetDatum(rules) :
			DirectFunctionCall1(jsonb_in, CStringGetDatum("{}"));
		args[2] = Int64GetDatum((int64) seed);
		for (i = 0; i < (roots > 0 ? 2 : 1); i++)
		{
			int64		m = roots > 0 ? (i == 0 ? roots : n - roots) : n;
			int			rc;

			args[0] = Int64GetDatum(m);
			args[3] = Int64GetDatum(i == 0 ? 0 : roots);
			args[4] = DirectFunctionCall1(jsonb_in, CStringGetDatum("{}"));
			if (roots > 0 && i == 0)
			{
				StringInfoData nr;
				int			j;

				initStringInfo(&nr);
				appendStringInfoChar(&nr, '{');
				for (j = 0; j < selffk->ncols; j++)
				{
					if (j)
						appendStringInfoString(&nr, ", ");
					escape_json(&nr, plan->t->columns[selffk->cols[j]].name);
					appendStringInfoString(&nr, ": null");
				}
				appendStringInfoChar(&nr, '}');
				args[4] = DirectFunctionCall1(jsonb_in, CStringGetDatum(nr.data));
			}
			rc = SPI_execute_plan(sp, args, nulls, false, 0);
			if (rc != SPI_OK_INSERT)
				elog(ERROR, "could not fill %s: %s", plan->t->qualname, SPI_result_code_string(rc));
			total += (int64) SPI_processed;
		}
		SPI_finish();
	}
	PG_FINALLY();
	{
		fill_in_progress = save;
	}
	PG_END_TRY();
	return total;
}

/*
 * synth_fill(t regclass, n bigint, rules jsonb, seed bigint) returns bigint
 *		Insert n generated rows into t; all or nothing.
 */
PG_FUNCTION_INFO_V1(synth_fill);
Datum
synth_fill(PG_FUNCTION_ARGS)
{
	Oid			relid;
	int64		n;
	uint64		seed;

	sd_arg_not_null(fcinfo, 0, "t");
	relid = sd_check_relation(PG_GETARG_OID(0), "fill");
	n = sd_arg_count(fcinfo, 1);
	seed = sd_arg_seed(fcinfo, 3);
	if (n == 0)
		PG_RETURN_INT64(0);
	PG_RETURN_INT64(rules_fill_table(relid, n, arg_rules(fcinfo, 2), seed));
}

/* ---- synth_fill_schema ------------------------------------------------ */

typedef struct SchemaTable
{
	Oid			relid;
	char	   *name;
	int64		n;
	Jsonb	   *rules;
	SdTable    *t;
	bool		done;
	List	   *nulled;			/* FKs set NULL to break a cycle */
} SchemaTable;

static Oid
resolve_table(const char *name)
{
	List	   *names = stringToQualifiedNameList(name);

	return RangeVarGetRelid(makeRangeVarFromNameList(names), AccessShareLock, false);
}

static int
schema_index(SchemaTable *st, int nt, Oid relid)
{
	int			i;

	for (i = 0; i < nt; i++)
		if (st[i].relid == relid)
			return i;
	return -1;
}

/* a rules object for a table with the given FK columns forced to NULL */
static Jsonb *
rules_with_nulls(Jsonb *rules, SdTable *t, List *fks)
{
	StringInfoData b;
	ListCell   *lc;
	bool		first = true;
	Datum		extra;

	initStringInfo(&b);
	appendStringInfoChar(&b, '{');
	foreach(lc, fks)
	{
		SdForeignKey *fk = lfirst(lc);
		int			j;

		for (j = 0; j < fk->ncols; j++)
		{
			if (!first)
				appendStringInfoString(&b, ", ");
			first = false;
			escape_json(&b, t->columns[fk->cols[j]].name);
			appendStringInfoString(&b, ": null");
		}
	}
	appendStringInfoChar(&b, '}');
	extra = DirectFunctionCall1(jsonb_in, CStringGetDatum(b.data));
	if (rules == NULL)
		return DatumGetJsonbP(extra);
	return DatumGetJsonbP(DirectFunctionCall2(jsonb_concat, JsonbPGetDatum(rules), extra));
}

/*
 * synth_fill_schema(counts jsonb, rules jsonb, seed bigint)
 *		returns table(table_name regclass, rows bigint)
 *
 * Fills the listed tables in foreign-key order: a table comes after every
 * listed table it references.  A cycle is broken at a nullable foreign key,
 * whose columns are left NULL in the table filled first (with a NOTICE);
 * a cycle of NOT NULL foreign keys is an error naming it.
 */
PG_FUNCTION_INFO_V1(synth_fill_schema);
Datum
synth_fill_schema(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Jsonb	   *counts;
	Jsonb	   *rules;
	uint64		seed;
	JsonbIterator *it;
	JsonbValue	k,
				v;
	JsonbIteratorToken tok;
	SchemaTable *st;
	int			nt = 0,
				i,
				filled = 0;

	sd_arg_not_null(fcinfo, 0, "counts");
	counts = PG_GETARG_JSONB_P(0);
	rules = arg_rules(fcinfo, 1);
	seed = sd_arg_seed(fcinfo, 2);

	if (!JB_ROOT_IS_OBJECT(counts) || JB_ROOT_IS_SCALAR(counts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("counts must be a JSON object"),
				 errhint("Map table names to row counts, e.g. '{\"customers\": 100, \"orders\": 1000}'.")));
	if (rules && (!JB_ROOT_IS_OBJECT(rules) || JB_ROOT_IS_SCALAR(rules)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rules must be a JSON object"),
				 errhint("Map table names to rule objects, e.g. '{\"orders\": {\"status\": \"''new''\"}}'.")));

	InitMaterializedSRF(fcinfo, 0);

	st = palloc0(sizeof(SchemaTable) * Max(JB_ROOT_COUNT(counts), 1));
	it = JsonbIteratorInit(&counts->root);
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		char	   *name;
		int64		n;

		if (tok != WJB_KEY)
			continue;
		name = pnstrdup(k.val.string.val, k.val.string.len);
		JsonbIteratorNext(&it, &v, true);
		if (v.type != jbvNumeric)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("row count for table \"%s\" must be a number", name)));
		n = DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(v.val.numeric)));
		if (n < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("number of rows cannot be negative"),
					 errdetail("Table \"%s\" has " INT64_FORMAT ".", name, n)));
		st[nt].relid = sd_check_relation(resolve_table(name), "fill");
		check_fillable(st[nt].relid);
		if (schema_index(st, nt, st[nt].relid) >= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("table \"%s\" is listed twice", name)));
		st[nt].name = name;
		st[nt].n = n;
		st[nt].t = sd_table_open(st[nt].relid, 0);
		nt++;
	}

	/* per-table rules */
	if (rules)
	{
		it = JsonbIteratorInit(&rules->root);
		while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
		{
			char	   *name;
			int			idx;

			if (tok != WJB_KEY)
				continue;
			name = pnstrdup(k.val.string.val, k.val.string.len);
			JsonbIteratorNext(&it, &v, true);
			idx = schema_index(st, nt, resolve_table(name));
			if (idx < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("rules given for table \"%s\", which is not listed in counts", name)));
			if (v.type != jbvBinary || JsonContainerIsArray(v.val.binary.data))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("rules for table \"%s\" must be a JSON object", name)));
			st[idx].rules = DatumGetJsonbP(DirectFunctionCall1(jsonb_in,
															   CStringGetDatum(JsonbToCString(NULL, v.val.binary.data, v.val.binary.len))));
		}
	}

	/* fill in dependency order */
	while (filled < nt)
	{
		int			pick = -1;

		for (i = 0; i < nt && pick < 0; i++)
		{
			int			f;
			bool		ready = true;

			if (st[i].done)
				continue;
			for (f = 0; f < st[i].t->nfkeys; f++)
			{
				SdForeignKey *fk = &st[i].t->fkeys[f];
				int			p = schema_index(st, nt, fk->refrelid);

				if (!fk->self && p >= 0 && !st[p].done &&
					!list_member_ptr(st[i].nulled, fk))
					ready = false;
			}
			if (ready)
				pick = i;
		}
		if (pick < 0)
		{
			/* a cycle: break it at a nullable foreign key */
			SdForeignKey *brk = NULL;
			int			owner = -1;
			StringInfoData cyc;

			initStringInfo(&cyc);
			for (i = 0; i < nt && brk == NULL; i++)
			{
				int			f;

				if (st[i].done)
					continue;
				appendStringInfo(&cyc, "%s%s", cyc.len ? ", " : "", st[i].t->qualname);
				for (f = 0; f < st[i].t->nfkeys; f++)
				{
					SdForeignKey *fk = &st[i].t->fkeys[f];
					int			p = schema_index(st, nt, fk->refrelid);

					if (!fk->self && p >= 0 && !st[p].done && fk->nullable &&
						!list_member_ptr(st[i].nulled, fk))
					{
						brk = fk;
						owner = i;
						break;
					}
				}
			}
			if (brk == NULL)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("tables reference each other in a cycle of NOT NULL foreign keys"),
						 errdetail("Tables in the cycle: %s.", cyc.data),
						 errhint("Make one of the foreign keys nullable, or fill the tables one by one with rules.")));
			ereport(NOTICE,
					(errmsg("foreign key \"%s\" of table %s is left NULL to break a cycle",
							brk->name, st[owner].t->qualname)));
			st[owner].nulled = lappend(st[owner].nulled, brk);
			continue;
		}
		{
			Datum		values[2];
			bool		nulls[2] = {false, false};
			int64		rows;
			Jsonb	   *r = st[pick].rules;
			uint64		tseed = sd_mix64(seed ^ sd_stream_id(st[pick].t->qualname)) &
				(uint64) PG_INT64_MAX;

			if (st[pick].nulled != NIL)
				r = rules_with_nulls(r, st[pick].t, st[pick].nulled);
			rows = st[pick].n > 0 ? rules_fill_table(st[pick].relid, st[pick].n, r, tseed) : 0;
			values[0] = ObjectIdGetDatum(st[pick].relid);
			values[1] = Int64GetDatum(rows);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			st[pick].done = true;
			filled++;
		}
	}
	return (Datum) 0;
}
