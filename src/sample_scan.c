/*-------------------------------------------------------------------------
 *
 * sample_scan.c
 *	  synth_clone and synth_sample in FROM as a scan that streams their rows.
 *
 * A set-returning function in FROM is a FunctionScan, which stores every row
 * of the call in a tuplestore before it returns the first (spilling to disk
 * past work_mem), and only then passes them on.  For synth_clone and
 * synth_sample the planner is offered a custom scan instead, "SynthdataSample":
 * it calls the function value per call and hands each row on as it comes,
 * so that
 *
 *	 CREATE TABLE copy AS SELECT * FROM synth_clone(NULL::patients, 1000000)
 *
 * inserts rows while parallel workers draw the next ones, as the leader of a
 * parallel CREATE TABLE AS inserts what its Gather node receives, and LIMIT
 * stops the draw.
 *
 * Rows drawn by workers while the scan hands rows on keep the backend in
 * parallel mode between two rows, as a Gather node does; the rest of the
 * query runs meanwhile.  So the scan is only planned where a Gather node
 * could run: the whole statement is a SELECT (CREATE TABLE AS and COPY of
 * one included) without data-modifying WITH or row locks, every function in
 * it other than this one call is PARALLEL SAFE or RESTRICTED (the call's
 * own arguments are evaluated before its first row), and it holds one
 * sampling call only.  At run time the workers stream only when the
 * executor runs the plan once to its end (not a cursor's or a partial
 * fetch's run, between which other statements may come, nor a scrollable
 * cursor's): otherwise the call fills a tuplestore first, as in a
 * FunctionScan.  The workers end with the executor's run, as a Gather
 * node's do (a LIMIT reached leaves no parallel mode behind).  A call of fewer rows
 * than are worth workers streams in the caller alone.
 *
 * The functions carry a planner support function, which gives the planner
 * their row count (n, when it is a constant) and loads this library, whose
 * hooks must be in place before the plan is made.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/parallel.h"
#include "access/xact.h"
#include "catalog/pg_language.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "commands/explain.h"
#include "executor/executor.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/extensible.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "optimizer/cost.h"
#include "optimizer/optimizer.h"
#include "optimizer/pathnode.h"
#include "optimizer/paths.h"
#include "optimizer/plancat.h"
#include "optimizer/restrictinfo.h"
#include "parser/parsetree.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/ruleutils.h"
#include "utils/syscache.h"

#include "sample_scan.h"

/* the sampling functions' C entry points (clone.c) */
extern PGDLLEXPORT Datum synth_clone(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum synth_sample(PG_FUNCTION_ARGS);

static set_rel_pathlist_hook_type prev_set_rel_pathlist_hook = NULL;
static ExecutorRun_hook_type prev_ExecutorRun_hook = NULL;

/* whether the innermost ExecutorRun runs its plan once, to its end */
static bool run_once = false;

/* synthdata.enable_stream_scan */
static bool enable_stream_scan = true;

typedef struct SdSampleScanState
{
	CustomScanState css;
	SetExprState *fcache;		/* the call, as a SELECT list's SRF */
	MemoryContext argcontext;	/* its arguments, for one run */
	bool		done;
	bool		heap_slot;		/* rows go out as the call made them */
	HeapTupleData tuple;		/* the row in the heap tuple slot */
	void		(*stop) (void *arg);	/* while workers stream: ends them */
	void	   *stop_arg;
} SdSampleScanState;

static Plan *sample_plan_path(PlannerInfo *root, RelOptInfo *rel,
							  CustomPath *best_path, List *tlist,
							  List *clauses, List *custom_plans);
static Node *sample_create_state(CustomScan *cscan);
static void sample_begin(CustomScanState *node, EState *estate, int eflags);
static TupleTableSlot *sample_exec(CustomScanState *node);
static void sample_end(CustomScanState *node);
static void sample_rescan(CustomScanState *node);
static void sample_shutdown(CustomScanState *node);
static void sample_explain(CustomScanState *node, List *ancestors, ExplainState *es);

static const CustomPathMethods sample_path_methods = {
	.CustomName = "SynthdataSample",
	.PlanCustomPath = sample_plan_path,
};

static const CustomScanMethods sample_scan_methods = {
	.CustomName = "SynthdataSample",
	.CreateCustomScanState = sample_create_state,
};

static const CustomExecMethods sample_exec_methods = {
	.CustomName = "SynthdataSample",
	.BeginCustomScan = sample_begin,
	.ExecCustomScan = sample_exec,
	.EndCustomScan = sample_end,
	.ReScanCustomScan = sample_rescan,
	.ShutdownCustomScan = sample_shutdown,
	.ExplainCustomScan = sample_explain,
};

/*
 * True if funcid is synth_clone(anyelement, ...) or synth_sample (either
 * name): a C function whose entry point is this library's.  The OID is
 * only compared, never called.
 */
static bool
is_sampling_function(Oid funcid)
{
	HeapTuple	tp;
	bool		is_c;
	FmgrInfo	flinfo;

	tp = SearchSysCache1(PROCOID, ObjectIdGetDatum(funcid));
	if (!HeapTupleIsValid(tp))
		return false;
	is_c = ((Form_pg_proc) GETSTRUCT(tp))->prolang == ClanguageId &&
		((Form_pg_proc) GETSTRUCT(tp))->proretset;
	ReleaseSysCache(tp);
	if (!is_c)
		return false;
	fmgr_info(funcid, &flinfo);
	return flinfo.fn_addr == synth_clone || flinfo.fn_addr == synth_sample;
}

typedef struct HazardContext
{
	int			calls;			/* sampling calls seen */
	Bitmapset  *arg_plans;		/* subplans in their arguments */
	Bitmapset  *arg_params;		/* PARAM_EXEC params in their arguments */
} HazardContext;

/* the subplans and the init plans' params that a call's arguments hold */
static bool
argument_plans_walker(Node *node, HazardContext *context)
{
	if (node == NULL)
		return false;
	if (IsA(node, SubPlan))
		context->arg_plans = bms_add_member(context->arg_plans,
											((SubPlan *) node)->plan_id);
	else if (IsA(node, Param) && ((Param *) node)->paramkind == PARAM_EXEC)
		context->arg_params = bms_add_member(context->arg_params,
											 ((Param *) node)->paramid);
	return expression_tree_walker(node, argument_plans_walker, context);
}

static bool
unsafe_function(Oid funcid, void *context)
{
	return func_parallel(funcid) == PROPARALLEL_UNSAFE;
}

/*
 * True if the statement holds something that must not run while the
 * backend is in parallel mode: what makes PostgreSQL plan no Gather node
 * (a function not marked PARALLEL SAFE or RESTRICTED, nextval of an
 * identity, a statement other than SELECT, a row lock).  The sampling
 * calls are counted, not descended into: their arguments are evaluated
 * before the first row.
 */
static bool
hazard_walker(Node *node, HazardContext *context)
{
	if (node == NULL)
		return false;
	if (IsA(node, FuncExpr) && ((FuncExpr *) node)->funcretset &&
		is_sampling_function(((FuncExpr *) node)->funcid))
	{
		context->calls++;
		return argument_plans_walker((Node *) ((FuncExpr *) node)->args, context);
	}
	if (check_functions_in_node(node, unsafe_function, context))
		return true;
	if (IsA(node, NextValueExpr))
		return true;
	if (IsA(node, Query))
	{
		Query	   *query = (Query *) node;

		if (query->commandType != CMD_SELECT || query->hasModifyingCTE ||
			query->rowMarks != NIL || query->utilityStmt != NULL)
			return true;
		return query_tree_walker(query, hazard_walker, context, 0);
	}
	return expression_tree_walker(node, hazard_walker, context);
}

/* whether the whole statement allows the call's workers to stream */
static bool
statement_allows_streaming(PlannerInfo *root)
{
	PlannerInfo *top = root;
	PlannerInfo *r;
	HazardContext context = {0};
	ListCell   *lc;

	if (max_parallel_workers_per_gather <= 0 || !IsUnderPostmaster ||
		IsParallelWorker() || IsInParallelMode())
		return false;
	while (top->parent_root != NULL)
		top = top->parent_root;
	if (hazard_walker((Node *) top->parse, &context))
		return false;

	/*
	 * Sublinks planned already are SubPlans or the Params of init plans in
	 * the tree: their queries are those of the planner's subroots (plan_id
	 * is the position in that list), all but the ones of the call's own
	 * arguments.
	 */
	for (r = root; r != NULL; r = r->parent_root)
		foreach(lc, r->init_plans)
		{
			SubPlan    *initplan = (SubPlan *) lfirst(lc);
			ListCell   *lp;

			foreach(lp, initplan->setParam)
				if (bms_is_member(lfirst_int(lp), context.arg_params))
					context.arg_plans = bms_add_member(context.arg_plans,
													   initplan->plan_id);
		}
	foreach(lc, root->glob->subroots)
	{
		PlannerInfo *subroot = (PlannerInfo *) lfirst(lc);

		if (bms_is_member(foreach_current_index(lc) + 1, context.arg_plans))
			continue;
		if (subroot != NULL && hazard_walker((Node *) subroot->parse, &context))
			return false;
	}
	return context.calls == 1;
}

/*
 * set_rel_pathlist_hook: for a lone synth_clone or synth_sample call in FROM
 * (no ORDINALITY, no reference to other FROM items), a path that streams.
 * Its total cost is the FunctionScan's, its start-up cost none: the first
 * row comes once the call has fitted its model, not after every row.
 */
static void
sample_rel_pathlist(PlannerInfo *root, RelOptInfo *rel, Index rti, RangeTblEntry *rte)
{
	RangeTblFunction *rtfunc;
	FuncExpr   *fexpr;
	List	   *scan_tlist;
	CustomPath *cpath;
	Path	   *cheapest;
	Bitmapset  *attrs = NULL;
	ListCell   *lc;

	if (prev_set_rel_pathlist_hook)
		prev_set_rel_pathlist_hook(root, rel, rti, rte);

	if (!enable_stream_scan || rte->rtekind != RTE_FUNCTION || rel->reloptkind != RELOPT_BASEREL ||
		rte->funcordinality || list_length(rte->functions) != 1 ||
		!bms_is_empty(rel->lateral_relids) || rel->pathlist == NIL ||
		IS_DUMMY_REL(rel))
		return;
	rtfunc = linitial_node(RangeTblFunction, rte->functions);
	if (!IsA(rtfunc->funcexpr, FuncExpr))
		return;
	fexpr = (FuncExpr *) rtfunc->funcexpr;
	if (!fexpr->funcretset || !is_sampling_function(fexpr->funcid) ||
		contain_vars_of_level((Node *) fexpr, 0) ||
		!statement_allows_streaming(root))
		return;
	/*
	 * The call's columns; none when its row type has dropped ones.  A
	 * whole-row reference (t::text), in the output or in a filter, is left
	 * to the FunctionScan: the scan tuple holds columns only.
	 */
	pull_varattnos((Node *) rel->reltarget->exprs, rel->relid, &attrs);
	foreach(lc, rel->baserestrictinfo)
		pull_varattnos((Node *) ((RestrictInfo *) lfirst(lc))->clause, rel->relid, &attrs);
	if (bms_is_member(InvalidAttrNumber - FirstLowInvalidHeapAttributeNumber, attrs))
		return;
	scan_tlist = build_physical_tlist(root, rel);
	if (scan_tlist == NIL)
		return;

	cheapest = (Path *) linitial(rel->pathlist);
	cpath = makeNode(CustomPath);
	cpath->path.pathtype = T_CustomScan;
	cpath->path.parent = rel;
	cpath->path.pathtarget = rel->reltarget;
	cpath->path.param_info = NULL;
	cpath->path.rows = rel->rows;
	cpath->path.startup_cost = 0;
	cpath->path.total_cost = cheapest->total_cost;
	cpath->path.pathkeys = NIL;
	cpath->flags = 0;
	cpath->custom_private = list_make1(scan_tlist);
	cpath->methods = &sample_path_methods;
	add_path(rel, &cpath->path);
}

/*
 * The plan: no scan relation (a function's RTE has none to open), the
 * call's columns as the scan tuple, the call itself as the node's one
 * expression.
 */
static Plan *
sample_plan_path(PlannerInfo *root, RelOptInfo *rel, CustomPath *best_path,
				 List *tlist, List *clauses, List *custom_plans)
{
	CustomScan *cscan = makeNode(CustomScan);
	RangeTblEntry *rte = planner_rt_fetch(rel->relid, root);
	RangeTblFunction *rtfunc = linitial_node(RangeTblFunction, rte->functions);

	cscan->scan.plan.targetlist = tlist;
	cscan->scan.plan.qual = extract_actual_clauses(clauses, false);
	cscan->scan.scanrelid = 0;
	cscan->flags = best_path->flags;
	cscan->custom_scan_tlist = linitial(best_path->custom_private);
	cscan->custom_exprs = list_make1(rtfunc->funcexpr);
	cscan->custom_private = NIL;
	cscan->methods = &sample_scan_methods;
	return &cscan->scan.plan;
}

static Node *
sample_create_state(CustomScan *cscan)
{
	SdSampleScanState *st = (SdSampleScanState *) newNode(sizeof(SdSampleScanState),
													  T_CustomScanState);

	st->css.methods = &sample_exec_methods;
	return (Node *) st;
}

static void
sample_begin(CustomScanState *node, EState *estate, int eflags)
{
	SdSampleScanState *st = (SdSampleScanState *) node;
	CustomScan *cscan = (CustomScan *) node->ss.ps.plan;

	st->fcache = ExecInitFunctionResultSet(linitial(cscan->custom_exprs),
										   node->ss.ps.ps_ExprContext,
										   &node->ss.ps);
	/* the call learns from this that it runs under this scan */
	st->fcache->fcinfo->context = (Node *) node;
	st->argcontext = AllocSetContextCreate(CurrentMemoryContext,
										   "synthdata sample scan arguments",
										   ALLOCSET_SMALL_SIZES);
	st->done = false;

	/*
	 * With no filter and no projection the scan slot is what the node
	 * returns.  A heap tuple slot then takes each row as the call made it,
	 * which an INSERT or a CREATE TABLE AS stores with one copy, where a
	 * virtual slot would have the row taken apart and formed again.  The
	 * parent's expressions are built after this node's, from resultops.
	 */
	st->heap_slot = node->ss.ps.ps_ProjInfo == NULL && node->ss.ps.qual == NULL &&
		node->ss.ps.scanops == &TTSOpsVirtual;
	if (st->heap_slot)
	{
		node->ss.ss_ScanTupleSlot =
			ExecAllocTableSlot(&estate->es_tupleTable,
							   node->ss.ss_ScanTupleSlot->tts_tupleDescriptor,
							   &TTSOpsHeapTuple);
		node->ss.ps.scanops = &TTSOpsHeapTuple;
		if (node->ss.ps.resultops == &TTSOpsVirtual)
			node->ss.ps.resultops = &TTSOpsHeapTuple;
	}
}

/* the call's next row into the scan slot; an empty slot at its end */
static TupleTableSlot *
sample_next(ScanState *ss)
{
	SdSampleScanState *st = (SdSampleScanState *) ss;
	ExprContext *econtext = ss->ps.ps_ExprContext;
	TupleTableSlot *slot = ss->ss_ScanTupleSlot;
	MemoryContext oldcxt;
	ExprDoneCond isdone;
	bool		isnull;
	Datum		result;

	ExecClearTuple(slot);
	if (st->done)
		return slot;
	oldcxt = MemoryContextSwitchTo(econtext->ecxt_per_tuple_memory);
	result = ExecMakeFunctionResultSet(st->fcache, econtext, st->argcontext,
									   &isnull, &isdone);
	MemoryContextSwitchTo(oldcxt);
	if (isdone == ExprEndResult)
	{
		st->done = true;
		return slot;
	}
	if (isnull)
		return ExecStoreAllNullTuple(slot);
	{
		HeapTupleHeader td = DatumGetHeapTupleHeader(result);
		HeapTuple	tuple = &st->tuple;

		/*
		 * A row the call formed for this very row type, in this statement.
		 * Releases that version composite datums check a versioned one
		 * against the catalog as it is stored (a type cache look-up per
		 * row); an invalid t_ctid, as heap_form_tuple leaves it where
		 * datums are not versioned, marks it as needing none.
		 */
		ItemPointerSetInvalid(&td->t_ctid);
		/* the row lives in the per-tuple context, until the next one */
		tuple->t_len = HeapTupleHeaderGetDatumLength(td);
		ItemPointerSetInvalid(&tuple->t_self);
		tuple->t_tableOid = InvalidOid;
		tuple->t_data = td;
		if (st->heap_slot)
			return ExecStoreHeapTuple(tuple, slot, false);
		heap_deform_tuple(tuple, slot->tts_tupleDescriptor,
						  slot->tts_values, slot->tts_isnull);
	}
	return ExecStoreVirtualTuple(slot);
}

static bool
sample_recheck(ScanState *ss, TupleTableSlot *slot)
{
	return true;
}

static TupleTableSlot *
sample_exec(CustomScanState *node)
{
	return ExecScan(&node->ss, sample_next, sample_recheck);
}

/*
 * The end of the scan ends the call now, its workers included (LIMIT), not
 * when the executor's state is freed.
 */
static void
sample_end(CustomScanState *node)
{
	SdSampleScanState *st = (SdSampleScanState *) node;

	if (node->ss.ps.ps_ExprContext != NULL)
		ReScanExprContext(node->ss.ps.ps_ExprContext);
	MemoryContextDelete(st->argcontext);
}

/* ExecReScan has ended the call (its context's shutdown callbacks) */
static void
sample_rescan(CustomScanState *node)
{
	((SdSampleScanState *) node)->done = false;
}

/*
 * The executor's run is over (ExecShutdownNode, at the end of ExecutePlan,
 * as for a Gather node): the workers end and parallel mode with them, so
 * that none outlives the run (a cursor's LIMIT reached, FETCH ALL done).
 * A later fetch of the same scan goes on drawing in the caller.
 */
static void
sample_shutdown(CustomScanState *node)
{
	SdSampleScanState *st = (SdSampleScanState *) node;

	if (st->stop != NULL)
	{
		void		(*stop) (void *arg) = st->stop;

		st->stop = NULL;
		stop(st->stop_arg);
	}
}

/*
 * The call under this scan tells what ends its workers (stop NULL: they
 * have ended); fcinfo must be such a call.
 */
void
sample_scan_on_stop(FunctionCallInfo fcinfo, void (*stop) (void *arg), void *arg)
{
	SdSampleScanState *st = (SdSampleScanState *) fcinfo->context;

	Assert(sample_scan_call(fcinfo));
	st->stop = stop;
	st->stop_arg = arg;
}

static void
sample_explain(CustomScanState *node, List *ancestors, ExplainState *es)
{
	CustomScan *cscan = (CustomScan *) node->ss.ps.plan;
	List	   *context;

	if (!es->verbose)
		return;
	context = set_deparse_context_plan(es->deparse_cxt, (Plan *) cscan, ancestors);
	ExplainPropertyText("Function Call",
						deparse_expression(linitial(cscan->custom_exprs), context,
										   false, false),
						es);
}

/*
 * True if fcinfo is a call under this scan whose rows parallel workers may
 * draw while the scan streams them (see the head of the file); the call's
 * own first-call work (the fit, the guard) is done by then.
 */
bool
sample_scan_streams_workers(FunctionCallInfo fcinfo)
{
	return sample_scan_call(fcinfo) && run_once &&
		(((PlanState *) fcinfo->context)->state->es_top_eflags & EXEC_FLAG_BACKWARD) == 0;
}

/* True if fcinfo is a call under this scan. */
bool
sample_scan_call(FunctionCallInfo fcinfo)
{
	Node	   *context = fcinfo->context;

	return context != NULL && IsA(context, CustomScanState) &&
		((CustomScanState *) context)->methods == &sample_exec_methods;
}

/*
 * ExecutorRun_hook: notes whether this run executes the plan whole, in one
 * go: its first run, asked for every row (not a cursor's FETCH or a
 * client's partial fetch).  That is how the executor decides whether a
 * Gather node may start workers (the execute_once argument is not to be
 * relied on).
 */
static void
sample_executor_run(QueryDesc *queryDesc, ScanDirection direction, uint64 count,
					bool execute_once)
{
	bool		saved = run_once;

	run_once = !queryDesc->already_executed && count == 0;
	PG_TRY();
	{
		if (prev_ExecutorRun_hook)
			prev_ExecutorRun_hook(queryDesc, direction, count, execute_once);
		else
			standard_ExecutorRun(queryDesc, direction, count, execute_once);
	}
	PG_FINALLY();
	{
		run_once = saved;
	}
	PG_END_TRY();
}

void
sample_scan_register(void)
{
	DefineCustomBoolVariable("synthdata.enable_stream_scan",
							 "Enables the planner's use of the streaming scan for synth_clone and synth_sample in FROM.",
							 "Off, such a call is a FunctionScan, which stores every row "
							 "in a tuplestore before returning the first.",
							 &enable_stream_scan,
							 true,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
	RegisterCustomScanMethods(&sample_scan_methods);
	prev_set_rel_pathlist_hook = set_rel_pathlist_hook;
	set_rel_pathlist_hook = sample_rel_pathlist;
	prev_ExecutorRun_hook = ExecutorRun_hook;
	ExecutorRun_hook = sample_executor_run;
}

/*
 * _synth_sample_support(internal) returns internal
 *		Planner support of synth_clone and synth_sample: their row count
 *		when n is a constant (synth_clone's NULL n, the source's rows, is
 *		left to the ROWS estimate).
 */
PG_FUNCTION_INFO_V1(_synth_sample_support);
Datum
_synth_sample_support(PG_FUNCTION_ARGS)
{
	Node	   *rawreq = (Node *) PG_GETARG_POINTER(0);

	if (IsA(rawreq, SupportRequestRows))
	{
		SupportRequestRows *req = (SupportRequestRows *) rawreq;
		List	   *args;
		int			argno;
		Node	   *n;

		if (req->node == NULL || !IsA(req->node, FuncExpr))
			PG_RETURN_POINTER(NULL);
		args = ((FuncExpr *) req->node)->args;
		/* synth_clone(target, n, ...) or synth_sample(target, model jsonb, n, ...) */
		if (list_length(args) < 3)
			PG_RETURN_POINTER(NULL);
		argno = exprType(lsecond(args)) == JSONBOID ? 2 : 1;
		n = (Node *) list_nth(args, argno);
		if (IsA(n, Const) && !((Const *) n)->constisnull &&
			((Const *) n)->consttype == INT8OID &&
			DatumGetInt64(((Const *) n)->constvalue) >= 0)
		{
			req->rows = (double) DatumGetInt64(((Const *) n)->constvalue);
			PG_RETURN_POINTER(req);
		}
	}
	PG_RETURN_POINTER(NULL);
}
