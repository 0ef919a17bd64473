/*-------------------------------------------------------------------------
 *
 * clone_fill.c
 *		Writing a model's rows into a table: the serial fill, the parallel
 *		fill (background workers drawing batches that the leader inserts),
 *		and synth_clone_table, which creates the target and fills it; and
 *		the same parallel draw into the tuplestore of synth_clone or
 *		synth_sample called in FROM.
 *
 * Workers only draw rows, each row (its guard test and redraws included)
 * exactly as a serial draw makes it; every insert is done by the leader,
 * batch after batch in row order, so what is written does not depend on
 * the number of workers.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/clone_fill.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"
#include "catalog/pg_language.h"
#include "catalog/pg_proc.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/latch.h"
#include "utils/syscache.h"

/*
 * Rows a fill draws, sends and inserts at a time: FILL_BATCH, fewer when the
 * model's rows may be wide, so that a batch (its values, a worker's message)
 * stays near FILL_BATCH_BYTES.  Rows are a function of their number, so the
 * batch size changes nothing in what is written.
 */
#define FILL_BATCH 1000
#define FILL_BATCH_BYTES (4 * 1024 * 1024)
#define FILL_BATCH_KEEP (2 * 1024 * 1024)	/* bytes a batch context keeps on reset */

/* the most bytes a row of the model can take (a generous bound) */
double
fill_row_bytes(const Model *m)
{
	double		bytes = 64;		/* tuple header and null bitmap */
	int			i,
				j;

	for (j = 0; j < m->ncols; j++)
	{
		const ModelCol *c = &m->cols[j];
		double		w = 24;		/* a number, a uuid, a short text */

		if (c->kind == MK_FORMAT || c->kind == MK_TEXT)
			w += c->lenq[LEN_POINTS - 1];	/* the longest length, in bytes */
		else if (c->kind == MK_XML)
		{
			w += 5 + 2 * strlen(c->xml->root);
			for (i = 0; i < c->xml->nelems; i++)
				w += 32 + 2 * strlen(c->xml->elems[i].name) + fabs(c->xml->elems[i].q[XML_POINTS - 1]);
		}
		else if (c->kind == MK_IMAGE)
			w += 64 + 3.1 * IMAGE_SIDE_MAX * Min(IMAGE_SIDE_MAX, c->image->widthq[IMAGE_POINTS - 1]);
		else if (c->kind == MK_CATEGORICAL && !c->numeric_cats)
			for (i = 0; i < c->ncat; i++)
				w = Max(w, 8 + c->cats[i].len);
		else if (c->kind == MK_CONSTANT && c->constant != NULL)
			w += strlen(c->constant);
		else if (c->kind == MK_RANGE)
			w += 32 * (c->multirange ? 1 + c->nrangeq[LEN_POINTS - 1] : 1);	/* two bounds and flags */
		else if (c->kind == MK_DOCUMENT)
		{
			for (i = 0; i < c->nfields; i++)
			{
				const ModelField *mf = &c->fields[i];
				double		v = 24;
				int			q;

				if (mf->kind == FK_WORDS)
					v += mf->lenq[LEN_POINTS - 1] * 2;
				for (q = 0; q < mf->ncat; q++)
					v = Max(v, 8 + mf->cats[q].len);
				w += strlen(mf->key) * 2 + 8 + v;
			}
		}
		else if (c->kind == MK_ARRAY)
		{
			double		longest = 8;

			for (i = 0; i < c->ncat; i++)
				longest = Max(longest, 8 + c->cats[i].len);
			w += c->lenq[LEN_POINTS - 1] * longest;
		}
		bytes += w;
	}
	return bytes;
}

static int
fill_batch_rows(const Model *m)
{
	return (int) Max(1.0, Min((double) FILL_BATCH, FILL_BATCH_BYTES / fill_row_bytes(m)));
}

/*
 * A drawn row that the exact-copy guard may reject is drawn again as
 * synth_sample draws it, which repeats the draws and goes on past them.
 */
static void
fill_guard_check(Sampler *s, TupleTableSlot *slot, int64 row, bool unlike,
				 bool beyond, uint64 h1, uint64 h2)
{
	if (unlike || (!beyond && !sd_bloom_test(s->bloom, s->bloom_bits, h1, h2)))
		return;
	ExecClearTuple(slot);
	sampler_row(s, row, slot->tts_values, slot->tts_isnull);
	ExecStoreVirtualTuple(slot);
}

/*
 * What drawing a batch of rows for a fill needs: the sampler, batch_rows
 * slots, the guard hashes of the rows waiting for their test, and a
 * context for the rows' values, reset after each batch.  The rows go to
 * rel, or (rel NULL) to a set-returning call's tuplestore, as tupdesc.
 */
typedef struct FillDrawer
{
	Sampler    *s;
	Relation	rel;
	TupleDesc	tupdesc;
	int			batch_rows;		/* rows of a batch, at most FILL_BATCH */
	TupleTableSlot **slots;
	uint64	   *h1;
	uint64	   *h2;
	bool	   *unlike;			/* rows that equal no source row (untested) */
	bool	   *beyond;			/* rows the guard cannot test (redrawn) */
	bool		guarded;
	MemoryContext batchcxt;
} FillDrawer;

static void
fill_drawer_init(FillDrawer *d, Relation rel, TupleDesc tupdesc, Sampler *s,
				 const TupleTableSlotOps *ops)
{
	int			i;

	d->s = s;
	d->rel = rel;
	d->tupdesc = rel != NULL ? RelationGetDescr(rel) : tupdesc;
	d->batch_rows = fill_batch_rows(s->m);
	d->guarded = sampler_guarded(s);
	d->slots = palloc(sizeof(TupleTableSlot *) * d->batch_rows);
	for (i = 0; i < d->batch_rows; i++)
		d->slots[i] = MakeSingleTupleTableSlot(d->tupdesc, ops);
	d->h1 = palloc(sizeof(uint64) * d->batch_rows);
	d->h2 = palloc(sizeof(uint64) * d->batch_rows);
	d->unlike = palloc(sizeof(bool) * d->batch_rows);
	d->beyond = palloc(sizeof(bool) * d->batch_rows);
	/*
	 * A batch's values and tuples (a few hundred kB) fit in the context's
	 * first block, which a reset keeps: blocks freed and allocated again
	 * for every batch were returned to the kernel and faulted back in,
	 * page by page (a third of a fill worker's time on a 10-column table)
	 */
	d->batchcxt = AllocSetContextCreate(CurrentMemoryContext,
										"synthdata fill batch context",
										FILL_BATCH_KEEP, FILL_BATCH_KEEP,
										ALLOCSET_DEFAULT_MAXSIZE);
}

static void
fill_drawer_end(FillDrawer *d)
{
	int			i;

	for (i = 0; i < d->batch_rows; i++)
		ExecDropSingleTupleTableSlot(d->slots[i]);
	MemoryContextDelete(d->batchcxt);
}

/*
 * Draws rows first .. first + count - 1 (count <= batch_rows) into the
 * drawer's first count slots as virtual tuples, in batchcxt (which the
 * caller resets once it is done with them): each row exactly as
 * synth_sample draws it, tested against the exact-copy guard GUARD_LAG rows
 * after it is drawn, when the filter's block has arrived, and checked
 * against the target table's NOT NULL constraints.
 */
static void
fill_draw_batch(FillDrawer *d, int64 first, int count)
{
	Sampler    *s = d->s;
	TupleDesc	tupdesc = d->tupdesc;
	MemoryContext oldcxt = MemoryContextSwitchTo(d->batchcxt);
	int			k,
				i;

	for (k = 0; k < count; k++)
	{
		TupleTableSlot *slot = d->slots[k];

		CHECK_FOR_INTERRUPTS();
		ExecClearTuple(slot);
		sampler_row_ex(s, first + k, slot->tts_values, slot->tts_isnull, false);
		if (d->guarded)
		{
			d->unlike[k] = row_unlike_source(s, slot->tts_values, slot->tts_isnull);
			d->beyond[k] = !d->unlike[k] &&
				row_beyond_guard(s, slot->tts_values, slot->tts_isnull);
			if (!d->unlike[k] && !d->beyond[k])
			{
				row_guard_hashes(s, slot->tts_values, slot->tts_isnull, &d->h1[k], &d->h2[k]);
				sd_bloom_prefetch(s->bloom, s->bloom_bits, d->h1[k]);
			}
			if (k >= GUARD_LAG)
				fill_guard_check(s, d->slots[k - GUARD_LAG], first + k - GUARD_LAG,
								 d->unlike[k - GUARD_LAG], d->beyond[k - GUARD_LAG],
								 d->h1[k - GUARD_LAG], d->h2[k - GUARD_LAG]);
		}
		ExecStoreVirtualTuple(slot);
	}
	for (k = Max(0, count - GUARD_LAG); d->guarded && k < count; k++)
		fill_guard_check(s, d->slots[k], first + k, d->unlike[k], d->beyond[k],
						 d->h1[k], d->h2[k]);
	MemoryContextSwitchTo(oldcxt);

	for (k = 0; d->rel != NULL && k < count; k++)
		for (i = 0; i < tupdesc->natts; i++)
		{
			Form_pg_attribute att = TupleDescAttr(tupdesc, i);

			if (att->attnotnull && d->slots[k]->tts_isnull[i] && !att->attisdropped)
				ereport(ERROR,
						(errcode(ERRCODE_NOT_NULL_VIOLATION),
						 errmsg("null value in column \"%s\" of relation \"%s\" violates not-null constraint",
								NameStr(att->attname), RelationGetRelationName(d->rel))));
		}
}

/*
 * The parallel fill.  Workers draw the rows and form the tuples; the leader
 * only inserts them, as it does the rows of a parallel CREATE TABLE AS, or
 * puts them in the tuplestore of a set-returning call in FROM
 * (fill_tuplestore_parallel).  Batch b (rows start + b * batch_rows
 * onwards) is drawn by worker b % nworkers and comes to the leader as one
 * message on that worker's queue: a count, then each tuple's length and
 * bytes, each at a MAXALIGN'd offset.  The leader takes the batches in
 * order, so the rows arrive, in the very order, as a serial draw makes them;
 * a batch whose worker did not start (or left) the leader draws itself.
 *
 * Batches are not dealt in advance but taken: each worker takes the first
 * batch no one has taken (an atomic exchange on the batch's claim), and the
 * leader, when it comes to a batch no one has taken yet, takes and draws it
 * itself rather than wait.  Dealt round-robin, a worker the scheduler set
 * aside held the leader up while the other one ran ahead until its queue
 * was full, and the leader waited with work left to do.  A worker's batches
 * still come in its queue in the order of their numbers, so the leader,
 * taking them in order, finds batch b first in its taker's queue.  Where a
 * CHECK may start a command (fill_leader_draws), the leader waits for a
 * worker to take each batch instead, so that the workers that started draw
 * every batch (dealt round-robin, the batches of a worker that did not
 * start fell to the leader, and such a CHECK failed there).  No worker
 * started: the leader draws every batch out of parallel mode.  Fills of
 * more than FILL_CLAIMS_MAX batches deal them round-robin.
 */
#define FILL_KEY_SHARED		UINT64CONST(0x5359444154410001)
#define FILL_KEY_MODEL		UINT64CONST(0x5359444154410002)
#define FILL_KEY_GUARD		UINT64CONST(0x5359444154410003)
#define FILL_KEY_QUEUES		UINT64CONST(0x5359444154410004)
#define FILL_KEY_CLAIMS		UINT64CONST(0x5359444154410005)
#define FILL_CLAIMS_MAX		(4 * 1024 * 1024)	/* batches taken, not dealt */
#define FILL_CLAIM_LEADER	PG_UINT32_MAX	/* a batch the leader took */
/*
 * Bytes of one worker's queue: 4 MB, or less where many workers would take
 * more than 32 MB together (a container's /dev/shm may hold 64 MB), not
 * below 1 MB.  A worker runs ahead of the leader by what its queue holds;
 * batches are dealt round-robin, so with more processes than cores a
 * worker the scheduler set aside holds the leader up while the other one,
 * its queue full, waits too: the 1,000,000 rows of the production table
 * were drawn and written in 1.52-1.66 s with 1 MB queues, 1.39-1.55 s with
 * 4 MB, alternated on 2 cores (8 and 16 MB gained nothing more).
 */
#define FILL_QUEUE_SIZE		(4 * 1024 * 1024)
#define FILL_QUEUE_MIN		(1024 * 1024)
#define FILL_QUEUES_MAX		(32 * 1024 * 1024)
#define FILL_ROWS_PER_WORKER 50000	/* a worker per so many rows, */
#define FILL_BYTES_PER_WORKER (32.0 * 1024 * 1024)	/* or so many bytes */
#define FILL_PARENT_FACTOR 2.0	/* rows per process per parent row read */

typedef struct FillShared
{
	Oid			relid;			/* the target, created by the leader; or */
	Oid			rowtype;		/* (no target) the rows' composite type, */
	int32		rowtypmod;
	Oid			source;			/* and the table the model is of */
	NameData	source_name;
	int64		start;			/* the first row's number */
	int64		n;
	uint64		seed;
	int			nworkers;		/* batches are dealt round-robin to these, */
	bool		claims;			/* or taken by them and the leader */
	int64		nbatches;
	pg_atomic_uint64 claim_hint;	/* no batch below it is left to take */
	int			batch_rows;		/* rows of a batch */
	uint64		guard_bits;		/* 0: no exact-copy guard */
	Size		queue_size;		/* bytes of each worker's queue */
	pg_atomic_uint64 redraws;
} FillShared;

/* bytes after the guard's filter in its chunk: its example and restricting columns */
static Size
guard_example_bytes(const Sampler *s)
{
	return sizeof(int) * (2 + s->nguard_example + s->nguard_restrict);
}

/* a list of target attributes the guard's chunk holds, at *at: a count, then each */
static void
guard_atts_put(char **at, const int *atts, int n)
{
	memcpy(*at, &n, sizeof(int));
	if (n > 0)
		memcpy(*at + sizeof(int), atts, sizeof(int) * n);
	*at += sizeof(int) * (1 + n);
}

static int *
guard_atts_get(const char **at, int natts, int *n)
{
	int		   *atts;
	int			i;

	memcpy(n, *at, sizeof(int));
	if (*n < 0 || *n > natts)
		elog(ERROR, "synthdata: fill worker got a bad guard");
	atts = palloc(sizeof(int) * Max(*n, 1));
	if (*n > 0)
		memcpy(atts, *at + sizeof(int), sizeof(int) * *n);
	for (i = 0; i < *n; i++)
		if (atts[i] < 0 || atts[i] >= natts)
			elog(ERROR, "synthdata: fill worker got a bad guard");
	*at += sizeof(int) * (1 + *n);
	return atts;
}

/* bytes of each of nworkers' queues */
static Size
fill_queue_size(int nworkers)
{
	return Max((Size) FILL_QUEUE_MIN,
			   Min((Size) FILL_QUEUE_SIZE, (Size) FILL_QUEUES_MAX / Max(nworkers, 1)));
}

/* true if a function this fill calls may not run in a parallel worker */
static bool
fill_unsafe_func(Oid funcid, void *context)
{
	return func_parallel(funcid) != PROPARALLEL_SAFE;
}

/* what a walk of the CHECKs looks for: a function, and a subquery or sequence */
typedef struct FillCheckWalk
{
	check_function_callback func;
	bool		subqueries;
} FillCheckWalk;

static bool
fill_check_walker(Node *node, void *context)
{
	FillCheckWalk *walk = (FillCheckWalk *) context;

	if (node == NULL)
		return false;
	if (check_functions_in_node(node, walk->func, NULL))
		return true;
	if (walk->subqueries && (IsA(node, SubLink) || IsA(node, NextValueExpr)))
		return true;
	return expression_tree_walker(node, fill_check_walker, context);
}

/* true if a CHECK of the sampler's (its table's or a domain's) calls such a function */
static bool
fill_checks_call(Sampler *s, check_function_callback func, bool subqueries)
{
	FillCheckWalk walk = {func, subqueries};
	int			i;

	if (s->table != NULL)
		for (i = 0; i < s->table->nchecks; i++)
			if (fill_check_walker((Node *) s->table->checks[i].expr, &walk))
				return true;
	return false;
}

/*
 * True if a function a CHECK calls might start a command (a volatile
 * function in a language other than C: PL/pgSQL and SQL functions count
 * their commands), which the leader may not do while workers run: it has
 * used its command id, writing rows, and its own draws would fail with
 * "cannot start commands during a parallel operation".
 */
static bool
fill_command_func(Oid funcid, void *context)
{
	HeapTuple	tp;
	Oid			lang;

	if (func_volatile(funcid) != PROVOLATILE_VOLATILE)
		return false;
	tp = SearchSysCache1(PROCOID, ObjectIdGetDatum(funcid));
	if (!HeapTupleIsValid(tp))
		return true;
	lang = ((Form_pg_proc) GETSTRUCT(tp))->prolang;
	ReleaseSysCache(tp);
	return lang != INTERNALlanguageId && lang != ClanguageId;
}

/*
 * Whether the leader may draw batches while the workers run (FillShared's
 * claims): not when a CHECK (of the table or a domain) calls a function
 * that might start a command.  Generation expressions are immutable.
 */
static bool
fill_leader_draws(Sampler *s)
{
	return !fill_checks_call(s, fill_command_func, false);
}

/*
 * The parent rows a sampler reads when it is made: every foreign key's
 * parents, once more when the rows follow their parents' columns.
 */
static double
sampler_parent_rows(Sampler *s)
{
	double		rows = 0;
	int			i;

	for (i = 0; i < s->natts; i++)
		if (s->tc[i].fk != NULL)
			rows += (double) roles_fk_parent_count(&s->tc[i]);
	return s->pcond != NULL ? 2 * rows : rows;
}

/*
 * Workers for a fill of n rows into rel: one per FILL_ROWS_PER_WORKER rows or
 * FILL_BYTES_PER_WORKER bytes (wide rows are worth workers sooner), none
 * below two of either (100,000 rows or 64 MB), and as many as
 * max_parallel_workers_per_gather allows, as for a query's scan; none if
 * drawing a row may call a function not marked PARALLEL SAFE (a column
 * type's input or output function, or one in a CHECK constraint, domain
 * constraints included), nor if a foreign key's parent is a temporary
 * table, which only the leader can read.
 *
 * Each worker makes its own sampler, which reads the parents of every
 * foreign key again (a parent costs about what a drawn row does): a worker
 * is started only while each process's share of the rows is at least
 * FILL_PARENT_FACTOR times those reads.  Measured on 2 cores, 498,000
 * order lines drawing from 300,000 orders took 3.2-3.4 s serially and
 * 4.1-4.8 s on 2 workers; 100,000 payments of 300,000 orders 1.3 s against
 * 3.0 s.
 */
static int
fill_workers(Sampler *s, int64 n)
{
	double		units = Max((double) n / FILL_ROWS_PER_WORKER,
							(double) n * fill_row_bytes(s->m) / FILL_BYTES_PER_WORKER);
	double		parents = sampler_parent_rows(s);
	int			nworkers = max_parallel_workers_per_gather;
	int			i;

	if (nworkers <= 0 || units < 2 || IsInParallelMode() || !IsUnderPostmaster)
		return 0;
	nworkers = (int) Min((double) nworkers, units);
	while (nworkers > 0 && (double) n / (nworkers + 1) < FILL_PARENT_FACTOR * parents)
		nworkers--;
	if (nworkers == 0)
		return 0;
	for (i = 0; i < s->natts; i++)
	{
		if (s->tc[i].mcol >= 0 &&
			(func_parallel(s->tc[i].inflinfo.fn_oid) != PROPARALLEL_SAFE ||
			 func_parallel(s->tc[i].typoutput) != PROPARALLEL_SAFE))
			return 0;
		if (s->tc[i].fk != NULL && roles_fk_parent_temp(&s->tc[i]))
			return 0;
	}
	if (fill_checks_call(s, fill_unsafe_func, true))
		return 0;
	return nworkers;
}

/* inserts the rows in d's first count slots */
static void
fill_insert(FillDrawer *d, int count, CommandId cid, BulkInsertState bistate)
{
	/*
	 * A virtual slot's row becomes a heap tuple inside the insertion, in the
	 * current context and never freed by it: in the batch's context, reset
	 * after each batch, or a fill would keep every row it wrote in memory.
	 */
	MemoryContext oldcxt = MemoryContextSwitchTo(d->batchcxt);

	table_multi_insert(d->rel, d->slots, count, cid, TABLE_INSERT_SKIP_FSM, bistate);
	MemoryContextSwitchTo(oldcxt);
}

/* the rows of a message from a worker into d's slots; returns their count */
static int
fill_unpack(FillDrawer *d, const char *data, Size nbytes, HeapTupleData *tuples)
{
	const char *p = data;
	const char *end = data + nbytes;
	int32		count;
	int			k;

	memcpy(&count, p, sizeof(int32));
	p += MAXALIGN(sizeof(int32));
	if (count < 0 || count > d->batch_rows)
		elog(ERROR, "synthdata: malformed fill message");
	for (k = 0; k < count; k++)
	{
		uint32		len;

		if (p + MAXALIGN(sizeof(uint32)) > end)
			elog(ERROR, "synthdata: malformed fill message");
		memcpy(&len, p, sizeof(uint32));
		p += MAXALIGN(sizeof(uint32));
		if (p + len > end)
			elog(ERROR, "synthdata: malformed fill message");
		tuples[k].t_len = len;
		ItemPointerSetInvalid(&tuples[k].t_self);
		tuples[k].t_tableOid = InvalidOid;
		tuples[k].t_data = (HeapTupleHeader) p;
		ExecStoreHeapTuple(&tuples[k], d->slots[k], false);
		p += MAXALIGN(len);
	}
	return count;
}

/*
 * The first batch at or after b that no one has taken, now this worker's;
 * -1 if none is left.
 */
static int64
fill_take(FillShared *fs, pg_atomic_uint32 *claims, int64 b)
{
	b = Max(b, (int64) pg_atomic_read_u64(&fs->claim_hint));
	for (; b < fs->nbatches; b++)
	{
		uint32		expected = 0;

		if (pg_atomic_compare_exchange_u32(&claims[b], &expected,
										   (uint32) ParallelWorkerNumber + 1))
		{
			/* a hint only: a stale one costs a few failed exchanges */
			pg_atomic_write_u64(&fs->claim_hint, (uint64) b + 1);
			return b;
		}
	}
	return -1;
}

/* a worker's first batch, and the one after batch b */
static int64
fill_worker_first(FillShared *fs, pg_atomic_uint32 *claims)
{
	return claims != NULL ? fill_take(fs, claims, 0) : ParallelWorkerNumber;
}

static int64
fill_worker_next(FillShared *fs, pg_atomic_uint32 *claims, int64 b)
{
	return claims != NULL ? fill_take(fs, claims, b + 1) : b + fs->nworkers;
}

/*
 * A fill worker: draws its batches and sends each, as formed tuples, to the
 * leader.  The target table, created in the leader's transaction, is visible
 * here because the worker shares that transaction; without a target the
 * rows are of the composite type the leader's call returns.
 */
PGDLLEXPORT void synth_fill_worker_main(dsm_segment *seg, shm_toc *toc);

void
synth_fill_worker_main(dsm_segment *seg, shm_toc *toc)
{
	FillShared *fs = shm_toc_lookup(toc, FILL_KEY_SHARED, false);
	Jsonb	   *mj = shm_toc_lookup(toc, FILL_KEY_MODEL, false);
	char	   *queues = shm_toc_lookup(toc, FILL_KEY_QUEUES, false);
	shm_mq	   *mq = (shm_mq *) (queues + (Size) ParallelWorkerNumber * fs->queue_size);
	shm_mq_handle *mqh;
	Relation	rel = NULL;
	TupleDesc	tupdesc;
	Sampler    *s;
	FillDrawer	d;
	StringInfoData msg;
	pg_atomic_uint32 *claims = NULL;
	int64		b;

	shm_mq_set_sender(mq, MyProc);
	mqh = shm_mq_attach(mq, seg, NULL);
	sampler_quiet = true;
	if (OidIsValid(fs->relid))
	{
		rel = table_open(fs->relid, AccessShareLock);
		tupdesc = RelationGetDescr(rel);
		s = sampler_create(model_from_jsonb(mj), tupdesc, fs->relid,
						   RelationGetRelationName(rel), fs->seed);
	}
	else
	{
		tupdesc = lookup_rowtype_tupdesc_copy(fs->rowtype, fs->rowtypmod);
		s = sampler_create(model_from_jsonb(mj), tupdesc, fs->source,
						   NameStr(fs->source_name), fs->seed);
	}
	sampler_quiet = false;
	sampler_set_rows(s, fs->start + fs->n);
	if (fs->guard_bits > 0)
	{
		char	   *g = shm_toc_lookup(toc, FILL_KEY_GUARD, false);
		const char *at = g + fs->guard_bits / 8;

		sampler_use_guard(s, (uint8 *) g, fs->guard_bits, NULL, NULL);
		s->guard_example_att = guard_atts_get(&at, s->natts, &s->nguard_example);
		s->guard_restrict_att = guard_atts_get(&at, s->natts, &s->nguard_restrict);
	}
	fill_drawer_init(&d, rel, tupdesc, s, &TTSOpsVirtual);
	initStringInfo(&msg);

	if (d.batch_rows != fs->batch_rows)
		elog(ERROR, "synthdata: fill worker and leader disagree on the batch size");
	if (fs->claims)
		claims = shm_toc_lookup(toc, FILL_KEY_CLAIMS, false);
	for (b = fill_worker_first(fs, claims); b >= 0 && b * d.batch_rows < fs->n;
		 b = fill_worker_next(fs, claims, b))
	{
		int64		first = b * d.batch_rows;
		int			count = (int) Min((int64) d.batch_rows, fs->n - first);
		int32		count32 = count;
		int			k;
		shm_mq_result res;

		fill_draw_batch(&d, fs->start + first, count);
		resetStringInfo(&msg);
		appendBinaryStringInfo(&msg, (char *) &count32, sizeof(int32));
		msg.len = MAXALIGN(msg.len);
		for (k = 0; k < count; k++)
		{
			MemoryContext oldcxt = MemoryContextSwitchTo(d.batchcxt);
			HeapTuple	tup = heap_form_tuple(tupdesc, d.slots[k]->tts_values,
											  d.slots[k]->tts_isnull);
			uint32		len = tup->t_len;

			MemoryContextSwitchTo(oldcxt);
			/* formed for the leader's own row type: no version to check (sample_next) */
			ItemPointerSetInvalid(&tup->t_data->t_ctid);
			enlargeStringInfo(&msg, MAXALIGN(sizeof(uint32)) + MAXALIGN(len));
			memcpy(msg.data + msg.len, &len, sizeof(uint32));
			msg.len += MAXALIGN(sizeof(uint32));
			memcpy(msg.data + msg.len, tup->t_data, len);
			msg.len += MAXALIGN(len);
		}
		MemoryContextReset(d.batchcxt);
#if PG_VERSION_NUM >= 150000
		res = shm_mq_send(mqh, msg.len, msg.data, false, true);
#else
		res = shm_mq_send(mqh, msg.len, msg.data, false);
#endif
		if (res != SHM_MQ_SUCCESS)
			break;				/* the leader has gone */
	}
	pg_atomic_fetch_add_u64(&fs->redraws, (uint64) s->redraws);
	fill_drawer_end(&d);
	if (rel != NULL)
		table_close(rel, AccessShareLock);
	shm_mq_detach(mqh);
}

/*
 * The leader's side of a parallel draw: the workers, their queues, and the
 * slots a worker's batch is unpacked to.  pcxt NULL: the leader draws every
 * batch itself.
 */
typedef struct FillRun
{
	int64		start;			/* the first row's number */
	ParallelContext *pcxt;
	int			nworkers;
	shm_mq_handle **mqh;
	bool	   *worker_alive;
	pg_atomic_uint32 *claims;	/* batches taken (FillShared.claims), or NULL */
	bool		leader_draws;	/* the leader takes batches no one has taken */
	HeapTupleData *tuples;
	FillDrawer	recv;
} FillRun;

/*
 * Starts nworkers drawing the batches of rows start .. start + n - 1 of d's
 * sampler, whose model is mj: into d's target table, or (no target) as
 * rows of d's composite type, the model being that of table source.  Without
 * dynamic shared memory no worker starts.
 */
static void
fill_run_begin(FillRun *run, FillDrawer *d, Jsonb *mj, int nworkers, Oid source,
			   int64 start, int64 n, uint64 seed)
{
	Sampler    *s = d->s;
	FillShared *fs;
	char	   *queues;
	Size		guard_bytes = sampler_guarded(s) ? s->bloom_bits / 8 : 0;
	int64		nbatches = (n + d->batch_rows - 1) / d->batch_rows,
				b;
	int			w;

	memset(run, 0, sizeof(FillRun));
	run->start = start;
	if (nworkers <= 0)
		return;
	/* the XID and command id the rows carry exist before parallel mode */
	if (d->rel != NULL)
		(void) GetCurrentTransactionId();
	EnterParallelMode();
	run->pcxt = CreateParallelContext("synthdata", "synth_fill_worker_main", nworkers);
	shm_toc_estimate_chunk(&run->pcxt->estimator, sizeof(FillShared));
	shm_toc_estimate_chunk(&run->pcxt->estimator, VARSIZE(mj));
	shm_toc_estimate_chunk(&run->pcxt->estimator,
						   Max(guard_bytes + guard_example_bytes(s), 1));
	shm_toc_estimate_chunk(&run->pcxt->estimator, fill_queue_size(nworkers) * nworkers);
	if (nbatches <= FILL_CLAIMS_MAX)
		shm_toc_estimate_chunk(&run->pcxt->estimator, sizeof(pg_atomic_uint32) * nbatches);
	shm_toc_estimate_keys(&run->pcxt->estimator, 5);
	InitializeParallelDSM(run->pcxt);
	if (run->pcxt->seg == NULL)
	{
		/* no dynamic shared memory to be had: the leader draws */
		DestroyParallelContext(run->pcxt);
		ExitParallelMode();
		run->pcxt = NULL;
		return;
	}
	run->nworkers = nworkers;
	fs = shm_toc_allocate(run->pcxt->toc, sizeof(FillShared));
	memset(fs, 0, sizeof(FillShared));
	if (d->rel != NULL)
		fs->relid = RelationGetRelid(d->rel);
	else
	{
		fs->rowtype = d->tupdesc->tdtypeid;
		fs->rowtypmod = d->tupdesc->tdtypmod;
		fs->source = source;
		namestrcpy(&fs->source_name, get_rel_name(source));
	}
	fs->start = start;
	fs->n = n;
	fs->seed = seed;
	fs->nworkers = nworkers;
	fs->nbatches = nbatches;
	fs->claims = nbatches <= FILL_CLAIMS_MAX;
	run->leader_draws = fill_leader_draws(s);
	pg_atomic_init_u64(&fs->claim_hint, 0);
	if (fs->claims)
	{
		run->claims = shm_toc_allocate(run->pcxt->toc, sizeof(pg_atomic_uint32) * nbatches);
		for (b = 0; b < nbatches; b++)
			pg_atomic_init_u32(&run->claims[b], 0);
		shm_toc_insert(run->pcxt->toc, FILL_KEY_CLAIMS, run->claims);
	}
	fs->batch_rows = d->batch_rows;
	fs->guard_bits = guard_bytes > 0 ? s->bloom_bits : 0;
	pg_atomic_init_u64(&fs->redraws, 0);
	shm_toc_insert(run->pcxt->toc, FILL_KEY_SHARED, fs);
	shm_toc_insert(run->pcxt->toc, FILL_KEY_MODEL,
				   memcpy(shm_toc_allocate(run->pcxt->toc, VARSIZE(mj)), mj, VARSIZE(mj)));
	if (guard_bytes > 0)
	{
		/* the filter, then the columns whose examples spare rows its test */
		char	   *g = shm_toc_allocate(run->pcxt->toc,
										 guard_bytes + guard_example_bytes(s));
		char	   *at = g + guard_bytes;

		memcpy(g, s->bloom, guard_bytes);
		guard_atts_put(&at, s->guard_example_att, s->nguard_example);
		guard_atts_put(&at, s->guard_restrict_att, s->nguard_restrict);
		shm_toc_insert(run->pcxt->toc, FILL_KEY_GUARD, g);
	}
	fs->queue_size = fill_queue_size(nworkers);
	queues = shm_toc_allocate(run->pcxt->toc, fs->queue_size * nworkers);
	shm_toc_insert(run->pcxt->toc, FILL_KEY_QUEUES, queues);
	run->mqh = palloc(sizeof(shm_mq_handle *) * nworkers);
	run->worker_alive = palloc0(sizeof(bool) * nworkers);
	for (w = 0; w < nworkers; w++)
	{
		shm_mq	   *mq = shm_mq_create(queues + (Size) w * fs->queue_size,
									   fs->queue_size);

		shm_mq_set_receiver(mq, MyProc);
		run->mqh[w] = shm_mq_attach(mq, run->pcxt->seg, NULL);
	}
	LaunchParallelWorkers(run->pcxt);
	elog(DEBUG1, "synthdata: %s of \"%s\" on %d of %d parallel workers",
		 d->rel != NULL ? "fill" : "sample",
		 d->rel != NULL ? RelationGetRelationName(d->rel) : NameStr(fs->source_name),
		 run->pcxt->nworkers_launched, nworkers);
	if (run->pcxt->nworkers_launched == 0)
	{
		/* none started: the leader draws, out of parallel mode */
		DestroyParallelContext(run->pcxt);
		ExitParallelMode();
		memset(run, 0, sizeof(FillRun));
		run->start = start;
		return;
	}
	for (w = 0; w < run->pcxt->nworkers_launched; w++)
	{
		shm_mq_set_handle(run->mqh[w], run->pcxt->worker[w].bgwhandle);
		run->worker_alive[w] = true;
	}
	fill_drawer_init(&run->recv, d->rel, d->tupdesc, s, &TTSOpsHeapTuple);
	run->tuples = palloc(sizeof(HeapTupleData) * d->batch_rows);
}

/* true if every worker that started has stopped */
static bool
fill_workers_stopped(FillRun *run)
{
	int			w;

	for (w = 0; w < run->pcxt->nworkers_launched; w++)
	{
		pid_t		pid;

		if (GetBackgroundWorkerPid(run->pcxt->worker[w].bgwhandle, &pid) != BGWH_STOPPED)
			return false;
	}
	return true;
}

/*
 * Who draws batch b: the worker that took it (its number + 1), or 0 when the
 * leader takes it, which it does if no one has, where it may draw
 * (leader_draws), else only once every worker has stopped.  Meanwhile it
 * waits for a worker to take it, a millisecond at a time: the workers take
 * batches as soon as they are free, so only the first waits are long.
 */
static uint32
fill_taker(FillRun *run, int64 b)
{
	for (;;)
	{
		uint32		taker = 0;

		if ((run->leader_draws || fill_workers_stopped(run)) &&
			pg_atomic_compare_exchange_u32(&run->claims[b], &taker, FILL_CLAIM_LEADER))
			return 0;
		if (taker == 0)
			taker = pg_atomic_read_u32(&run->claims[b]);
		if (taker != 0)
			return taker;
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH, 1,
						 PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
}

/*
 * Batch b of count rows, in the drawer that holds it: from its worker, in
 * run->recv's slots, or drawn here in d's when it has no worker (none
 * started, or it has gone).  The caller resets that drawer's batch
 * context once it is done with the rows.
 */
static FillDrawer *
fill_run_batch(FillRun *run, FillDrawer *d, int64 b, int count)
{
	int			w = run->pcxt != NULL ? (int) (b % run->nworkers) : 0;
	Size		nbytes;
	void	   *data;

	CHECK_FOR_INTERRUPTS();
	if (run->pcxt != NULL && run->claims != NULL)
	{
		uint32		taker = fill_taker(run, b);

		/* no one has taken it: drawn here; else its taker's */
		if (taker == 0)
			w = -1;
		else if (taker >= 1 && taker <= (uint32) run->pcxt->nworkers_launched)
			w = (int) taker - 1;
		else
			elog(ERROR, "synthdata: batch " INT64_FORMAT " taken twice", b);
	}
	if (w >= 0 && run->pcxt != NULL && run->worker_alive[w])
	{
		if (shm_mq_receive(run->mqh[w], &nbytes, &data, false) == SHM_MQ_SUCCESS)
		{
			if (fill_unpack(&run->recv, data, nbytes, run->tuples) != count)
				elog(ERROR, "synthdata: fill worker sent a batch of the wrong size");
			return &run->recv;
		}
		/* the worker has gone: its errors, if any, come with interrupts */
		run->worker_alive[w] = false;
	}
	fill_draw_batch(d, run->start + b * d->batch_rows, count);
	return d;
}

/* waits for the workers to finish and returns their redraws */
static int64
fill_run_end(FillRun *run)
{
	FillShared *fs;
	int64		redraws;

	if (run->pcxt == NULL)
		return 0;
	fs = shm_toc_lookup(run->pcxt->toc, FILL_KEY_SHARED, false);
	WaitForParallelWorkersToFinish(run->pcxt);
	redraws = (int64) pg_atomic_read_u64(&fs->redraws);
	fill_drawer_end(&run->recv);
	DestroyParallelContext(run->pcxt);
	ExitParallelMode();
	run->pcxt = NULL;
	return redraws;
}

/*
 * The workers to draw n rows of tupdesc's composite type for a call: as for
 * a fill, and none when the rows' type is not a named one or the source is
 * a temporary table (only the caller can read it).
 */
static int
sample_workers(Sampler *s, TupleDesc tupdesc, Oid source, int64 n)
{
	if (tupdesc->tdtypeid == RECORDOID || !OidIsValid(source) ||
		get_rel_persistence(source) == RELPERSISTENCE_TEMP)
		return 0;
	return fill_workers(s, n);
}

/*
 * Rows start .. start + n - 1 of sampler s (of model mj, of table source),
 * as rows of tupdesc's composite type, into tupstore: the rows a serial
 * draw makes, in its order, drawn by parallel workers.  False, with nothing
 * put, when they are not worth workers or workers may not draw them (as
 * for a fill, and when the rows' type is not a named one or the source is
 * a temporary table).  For a set-returning call in FROM, whose rows the
 * executor keeps in a tuplestore anyway: no parallel mode outlives the call.
 */
bool
fill_tuplestore_parallel(Sampler *s, Jsonb *mj, TupleDesc tupdesc, Oid source,
						 int64 start, int64 n, Tuplestorestate *tupstore)
{
	FillDrawer	d;
	FillRun		run;
	int			nworkers = sample_workers(s, tupdesc, source, n);
	int64		b;

	if (nworkers == 0)
		return false;
	fill_drawer_init(&d, NULL, tupdesc, s, &TTSOpsVirtual);
	fill_run_begin(&run, &d, mj, nworkers, source, start, n, s->seed);
	for (b = 0; b * d.batch_rows < n; b++)
	{
		int			count = (int) Min((int64) d.batch_rows, n - b * d.batch_rows);
		FillDrawer *from = fill_run_batch(&run, &d, b, count);
		int			k;

		for (k = 0; k < count; k++)
			tuplestore_puttupleslot(tupstore, from->slots[k]);
		MemoryContextReset(from->batchcxt);
	}
	s->redraws += fill_run_end(&run);
	fill_drawer_end(&d);
	return true;
}

/*
 * The same draw handed out row by row, for a call under the streaming scan
 * (sample_scan.c): the workers draw ahead, batch by batch, while the caller
 * passes each row on.  The caller stays in parallel mode from
 * fill_stream_begin to fill_stream_end.
 */
struct FillStream
{
	FillRun		run;
	FillDrawer	d;				/* the batches the leader draws itself */
	int64		n;
	int64		b;				/* the batch being handed out, -1 before */
	int			count;			/* its rows */
	int			k;				/* its next row */
	FillDrawer *from;			/* the drawer holding it */
};

/*
 * Starts workers drawing rows start .. start + n - 1 of s (model mj, of
 * table source) as rows of tupdesc's composite type; NULL, with nothing
 * started, where fill_tuplestore_parallel would not start them either.
 */
FillStream *
fill_stream_begin(Sampler *s, Jsonb *mj, TupleDesc tupdesc, Oid source,
				  int64 start, int64 n)
{
	FillStream *st;
	int			nworkers = sample_workers(s, tupdesc, source, n);

	if (nworkers == 0)
		return NULL;
	st = palloc0(sizeof(FillStream));
	st->n = n;
	st->b = -1;
	fill_drawer_init(&st->d, NULL, tupdesc, s, &TTSOpsVirtual);
	fill_run_begin(&st->run, &st->d, mj, nworkers, source, start, n, s->seed);
	return st;
}

/*
 * The next row as a composite datum, valid until the next call: a worker's
 * tuple where it lies in its message (heap_form_tuple wrote the composite's
 * header), or one formed here in the current context.  False after the last.
 */
bool
fill_stream_next(FillStream *st, Datum *row)
{
	TupleTableSlot *slot;

	while (st->b < 0 || st->k >= st->count)
	{
		if (st->from != NULL)
			MemoryContextReset(st->from->batchcxt);
		st->from = NULL;
		if ((st->b + 1) * st->d.batch_rows >= st->n)
			return false;
		st->b++;
		st->count = (int) Min((int64) st->d.batch_rows, st->n - st->b * st->d.batch_rows);
		st->from = fill_run_batch(&st->run, &st->d, st->b, st->count);
		st->k = 0;
	}
	if (st->from == &st->run.recv)
	{
		*row = PointerGetDatum(st->run.tuples[st->k++].t_data);
		return true;
	}
	slot = st->from->slots[st->k++];
	*row = HeapTupleGetDatum(heap_form_tuple(st->d.tupdesc, slot->tts_values,
											 slot->tts_isnull));
	return true;
}

/*
 * Ends the stream, whether or not every row was handed out (LIMIT): the
 * queues are left first, so that a worker waiting to send a batch stops.
 * Returns the workers' redraws.
 */
int64
fill_stream_end(FillStream *st)
{
	int64		redraws;
	int			w;

	if (st->from != NULL)
		MemoryContextReset(st->from->batchcxt);
	st->from = NULL;
	/* no worker started: no queue, and fill_run_end returns 0 */
	for (w = 0; w < st->run.nworkers; w++)
		shm_mq_detach(st->run.mqh[w]);
	redraws = fill_run_end(&st->run);
	fill_drawer_end(&st->d);
	return redraws;
}

/*
 * Fills the table synth_clone_table has just made, without the executor: the
 * rows go straight to the table access method in batches, as COPY does (one
 * WAL record and one buffer lock per page, not per row), drawn by parallel
 * workers when the fill is large (see synth_fill_worker_main).  Only for a
 * plain table with no triggers, no row-level security and no index
 * (synth_clone_table has dropped the ones LIKE made, to build them after the
 * fill); anything else takes INSERT ... SELECT.  The sampler already redraws
 * rows until they pass the table's CHECK constraints; NOT NULL is checked
 * here again.
 */
static bool
clone_fill_direct_ok(Relation rel)
{
	List	   *indexes;
	bool		ok;

	if (rel->rd_rel->relkind != RELKIND_RELATION || rel->trigdesc != NULL ||
		rel->rd_rel->relrowsecurity)
		return false;
	/* the access method maintains no index: there must be none left */
	indexes = RelationGetIndexList(rel);
	ok = indexes == NIL;
	list_free(indexes);
	return ok;
}

static int64
clone_fill_direct(Relation rel, Model *m, Jsonb *mj, int64 n, uint64 seed,
				  bool guard, Oid func_nsp)
{
	Sampler    *s = sampler_create(m, RelationGetDescr(rel), RelationGetRelid(rel),
								   RelationGetRelationName(rel), seed);
	BulkInsertState bistate = GetBulkInsertState();
	CommandId	cid = GetCurrentCommandId(true);
	FillRun		run;
	FillDrawer	d;
	int64		b;
	int64		redraws;

	sampler_set_rows(s, n);
	if (guard && m->guard != NULL)
		sampler_use_guard(s, m->guard, m->guard_bits, m->guard_example_free,
						  m->guard_restrict);
	else if (guard && n > 0)
		sampler_build_guard(s, func_nsp);
	fill_drawer_init(&d, rel, NULL, s, &TTSOpsVirtual);
	fill_run_begin(&run, &d, mj, fill_workers(s, n), InvalidOid, 0, n, seed);

	for (b = 0; b * d.batch_rows < n; b++)
	{
		int			count = (int) Min((int64) d.batch_rows, n - b * d.batch_rows);
		FillDrawer *from = fill_run_batch(&run, &d, b, count);

		fill_insert(from, count, cid, bistate);
		MemoryContextReset(from->batchcxt);
	}

	redraws = s->redraws + fill_run_end(&run);
	fill_drawer_end(&d);
	FreeBulkInsertState(bistate);
#if PG_VERSION_NUM < 180000
	table_finish_bulk_insert(rel, TABLE_INSERT_SKIP_FSM);
#endif
	if (redraws > 0)
		elog(DEBUG1, "synthdata: " INT64_FORMAT " draws rejected (exact-copy guard or CHECK)",
			 redraws);
	return n;
}

/*
 * Runs the CREATE TABLE of synth_clone_table.  Two transactions creating
 * the same name race in the catalog's unique indexes: the one that comes
 * second waits for the first and then fails on pg_type's or pg_class's
 * name index (23505), which is said here as what it is, 42P07.
 */
static int
create_target(const char *sql, const char *target, const char *relname)
{
	MemoryContext cxt = CurrentMemoryContext;
	int			ret = 0;

	PG_TRY();
	{
		ret = SPI_execute(sql, false, 0);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		if (edata->sqlerrcode == ERRCODE_UNIQUE_VIOLATION &&
			edata->constraint_name != NULL)
		{
			/* the table's row type comes first, then its indexes */
			if (strcmp(edata->constraint_name, "pg_type_typname_nsp_index") == 0)
			{
				FlushErrorState();
				ereport(ERROR,
						(errcode(ERRCODE_DUPLICATE_TABLE),
						 errmsg("relation \"%s\" already exists", relname),
						 errdetail("Another transaction created %s concurrently.", target)));
			}
			if (strcmp(edata->constraint_name, "pg_class_relname_nsp_index") == 0)
			{
				FlushErrorState();
				ereport(ERROR,
						(errcode(ERRCODE_DUPLICATE_TABLE),
						 errmsg("could not create table %s", target),
						 errdetail("Another transaction concurrently created a relation named like the table or one of its indexes.")));
			}
		}
		FreeErrorData(edata);
		PG_RE_THROW();
	}
	PG_END_TRY();
	return ret;
}

/* ---- what the clone keeps of the source's definition ---------------------- */

/* runs each text of the first column of a query's result as a statement */
static void
run_generated_statements(const char *query, const char *what, MemoryContext cxt)
{
	List	   *stmts = NIL;
	ListCell   *lc;
	uint64		i;

	if (sd_spi_execute(query, 0, NULL, NULL, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read %s", what);
	MemoryContextSwitchTo(cxt);
	for (i = 0; i < SPI_processed; i++)
		stmts = lappend(stmts, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
	SPI_freetuptable(SPI_tuptable);
	foreach(lc, stmts)
	{
		int			ret = SPI_execute((char *) lfirst(lc), false, 0);

		MemoryContextSwitchTo(cxt);
		if (ret < 0)
			elog(ERROR, "could not set up %s: %s", what, SPI_result_code_string(ret));
	}
}

/*
 * LIKE ... INCLUDING DEFAULTS copies a serial column's default, which calls
 * the source's sequence: the copy gets a sequence of its own instead
 * (named by PostgreSQL's rule for a serial column, made unique if taken),
 * owned by its column.  Identity columns get theirs from INCLUDING IDENTITY.
 */
static void
own_serial_sequences(Oid source, Oid target_relid, const char *target, MemoryContext cxt)
{
	StringInfoData q;
	char	   *seqname = psprintf("%s.", quote_identifier(get_namespace_name(get_rel_namespace(target_relid))));

	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT pg_catalog.format('CREATE SEQUENCE %%s AS %%s OWNED BY %%s.%%I;"
					 " ALTER TABLE %%s ALTER COLUMN %%I SET DEFAULT pg_catalog.nextval(%%L::pg_catalog.regclass)',"
					 " n.seq, pg_catalog.format_type(a.atttypid, NULL), %s, a.attname, %s, a.attname, n.seq)"
					 " FROM pg_catalog.pg_attribute a, LATERAL (SELECT %s OPERATOR(pg_catalog.||)"
					 " pg_catalog.quote_ident(%s OPERATOR(pg_catalog.||) '_' OPERATOR(pg_catalog.||) a.attname OPERATOR(pg_catalog.||) '_seq') AS seq) n"
					 " WHERE a.attrelid OPERATOR(pg_catalog.=) '%u'::pg_catalog.oid AND a.attnum OPERATOR(pg_catalog.>) 0"
					 " AND NOT a.attisdropped AND a.attidentity OPERATOR(pg_catalog.=) ''"
					 " AND pg_catalog.pg_get_serial_sequence('%u'::pg_catalog.regclass::pg_catalog.text, a.attname) IS NOT NULL"
					 " ORDER BY a.attnum",
					 quote_literal_cstr(target), quote_literal_cstr(target),
					 quote_literal_cstr(seqname), quote_literal_cstr(get_rel_name(target_relid)),
					 target_relid, source);
	run_generated_statements(q.data, "the sequences of serial columns", cxt);
}

/* after the fill: each sequence of the copy continues after its column's largest key */
static void
advance_sequences(Oid target_relid, const char *target, MemoryContext cxt)
{
	StringInfoData q;

	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT pg_catalog.format('SELECT pg_catalog.setval(%%L, m) FROM (SELECT pg_catalog.max(%%I) AS m FROM %%s) s WHERE m IS NOT NULL',"
					 " pg_catalog.pg_get_serial_sequence(%s, a.attname), a.attname, %s)"
					 " FROM pg_catalog.pg_attribute a WHERE a.attrelid OPERATOR(pg_catalog.=) '%u'::pg_catalog.oid"
					 " AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped"
					 " AND pg_catalog.pg_get_serial_sequence(%s, a.attname) IS NOT NULL ORDER BY a.attnum",
					 quote_literal_cstr(target), quote_literal_cstr(target), target_relid,
					 quote_literal_cstr(target));
	run_generated_statements(q.data, "the sequences of the copy", cxt);
}

/*
 * The source's foreign keys whose columns the model draws from the parent
 * (one column, or every column of a composite key): the copy points at the
 * same parents, so it keeps them.
 */
static void
add_foreign_keys(const Model *m, Oid source, const char *target, MemoryContext cxt)
{
	StringInfoData q;
	StringInfoData cols;
	int			i;

	initStringInfo(&cols);
	for (i = 0; i < m->ncols; i++)
		if (m->cols[i].sem != NULL && m->cols[i].sem->ref_table != NULL)
		{
			if (cols.len > 0)
				appendStringInfoChar(&cols, ',');
			appendStringInfoString(&cols, quote_identifier(m->cols[i].name));
		}
	if (cols.len == 0)
		return;
	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT pg_catalog.format('ALTER TABLE %%s ADD CONSTRAINT %%I %%s', %s, c.conname,"
					 " pg_catalog.pg_get_constraintdef(c.oid))"
					 " FROM pg_catalog.pg_constraint c"
					 " WHERE c.conrelid OPERATOR(pg_catalog.=) '%u'::pg_catalog.oid AND c.contype OPERATOR(pg_catalog.=) 'f'"
					 " AND (SELECT pg_catalog.bool_and(a.attname OPERATOR(pg_catalog.=) ANY (%s::pg_catalog.name[]))"
					 " FROM pg_catalog.unnest(c.conkey) k JOIN pg_catalog.pg_attribute a"
					 " ON a.attrelid OPERATOR(pg_catalog.=) c.conrelid AND a.attnum OPERATOR(pg_catalog.=) k)"
					 " ORDER BY c.conname",
					 quote_literal_cstr(target), source,
					 quote_literal_cstr(psprintf("{%s}", cols.data)));
	run_generated_statements(q.data, "the foreign keys of the copy", cxt);
}

/* whether a table has generated columns (filled by INSERT, which computes them) */
static bool
has_generated(Relation rel)
{
	TupleDesc	desc = RelationGetDescr(rel);

	return desc->constr != NULL && desc->constr->has_generated_stored;
}

/* the quoted columns an INSERT into the copy gives: all but generated ones */
static char *
insert_columns(Oid relid)
{
	Relation	rel = relation_open(relid, AccessShareLock);
	TupleDesc	desc = RelationGetDescr(rel);
	StringInfoData b;
	int			i;

	initStringInfo(&b);
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped || att->attgenerated)
			continue;
		if (b.len > 0)
			appendStringInfoString(&b, ", ");
		appendStringInfoString(&b, quote_identifier(NameStr(att->attname)));
	}
	relation_close(rel, AccessShareLock);
	return b.data;
}

/*
 * The fresh keys of a model: columns unique by construction, whose unique
 * indexes need no check for duplicates.
 */
static char *
fresh_key_array(const Model *m)
{
	StringInfoData b;
	int			i;

	initStringInfo(&b);
	appendStringInfoChar(&b, '{');
	for (i = 0; i < m->ncols; i++)
		if (m->cols[i].role == ROLE_KEY && !m->cols[i].key_member &&
			(m->cols[i].sem == NULL || m->cols[i].sem->ref_table == NULL))
		{
			if (b.len > 1)
				appendStringInfoChar(&b, ',');
			appendStringInfoString(&b, quote_identifier(m->cols[i].name));
		}
	appendStringInfoChar(&b, '}');
	return quote_literal_cstr(b.data);
}

/* an index build run in a subtransaction (build_index_or_repeats) */
typedef struct IndexBuild
{
	const char *def;
	MemoryContext cxt;
} IndexBuild;

static void
build_index(void *arg)
{
	IndexBuild *b = (IndexBuild *) arg;
	int			ret;

	ret = SPI_execute(b->def, false, 0);
	MemoryContextSwitchTo(b->cxt);
	if (ret != SPI_OK_UTILITY)
		elog(ERROR, "could not build an index: %s", SPI_result_code_string(ret));
}

/*
 * Builds the index of def on target.  dedupe is NULL, or (for a unique index
 * made of drawn columns, such as a link table's pair of parent keys) a list
 * of two strings: the index's columns (y.a, y.b) and their NOT NULL test.
 * Such an index is first built in a subtransaction: when no value repeats
 * (the common case: unique fakes are unique by construction) that build is
 * the only cost.  When a value repeats, the rows that repeat an earlier
 * row's value are deleted, the first row of each value in the order of the
 * rows' text staying, and the index is built again.  Returns the number of
 * rows deleted.
 */
static int64
build_index_or_repeats(const char *def, List *dedupe, const char *target, MemoryContext cxt)
{
	IndexBuild	b = {def, cxt};
	ErrorData  *err = NULL;
	const char *cols;
	const char *notnull;
	int64		dropped;
	int			ret;

	if (dedupe == NIL)
	{
		build_index(&b);
		return 0;
	}
	if (sd_in_subtransaction(build_index, &b, &err))
		return 0;
	if (err->sqlerrcode != ERRCODE_UNIQUE_VIOLATION)
		ReThrowError(err);
	FreeErrorData(err);
	cols = linitial(dedupe);
	notnull = lsecond(dedupe);
	ret = SPI_execute(psprintf("DELETE FROM %s x USING (SELECT tableoid AS o, ctid AS t FROM"
							   " (SELECT y.tableoid, y.ctid, pg_catalog.row_number() OVER"
							   " (PARTITION BY %s ORDER BY y::pg_catalog.text) AS r"
							   " FROM %s y WHERE %s) z WHERE r OPERATOR(pg_catalog.>) 1) d"
							   " WHERE x.tableoid OPERATOR(pg_catalog.=) d.o"
							   " AND x.ctid OPERATOR(pg_catalog.=) d.t",
							   target, cols, target, notnull), false, 0);
	MemoryContextSwitchTo(cxt);
	if (ret != SPI_OK_DELETE)
		elog(ERROR, "could not remove repeated keys: %s", SPI_result_code_string(ret));
	dropped = (int64) SPI_processed;
	build_index(&b);
	return dropped;
}

/*
 * Fills the new, empty table target_relid (named target, quoted and
 * qualified) with n rows of model m fitted on source: its serial columns get
 * sequences of their own, its indexes are built after the rows are in, and
 * its sequences continue after the drawn keys.  Returns the rows written.
 * The caller is connected to SPI.
 */
int64
clone_fill_new_table(Oid relid, Model *m, Oid target_relid, const char *target,
					 int64 n, uint64 seed, bool guard, Oid nsp)
{
	MemoryContext cxt = CurrentMemoryContext;
	StringInfoData q;
	Oid			argtypes[4] = {JSONBOID, INT8OID, INT8OID, INT8OID};
	static uint64 calls = 0;
	uint64		token = 0;
	Datum		args[4];
	int			ret;
	char	  **index_defs;
	int			nindexes;
	Datum		d;
	bool		isnull;
	int			i;
	List	   *drops = NIL;
	List	  **dedupes;
	ListCell   *lc;
	Jsonb	   *mj;
	Model	   *m2;
	Relation	target_rel;
	int64		dropped;
	instr_time	t;

	INSTR_TIME_SET_CURRENT(t);
	initStringInfo(&q);
	own_serial_sequences(relid, target_relid, target, cxt);

	/*
	 * The target is new and empty: as pg_restore does, fill it first and
	 * build its indexes (and the constraints they back) afterwards, which is
	 * one sort per index instead of one index insertion per row.  The
	 * definitions are read back from the indexes LIKE made, so names,
	 * expressions and predicates are exactly the ones LIKE chose.
	 */
	MemoryContextSwitchTo(cxt);
	resetStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT CASE WHEN c.oid IS NULL THEN pg_catalog.pg_get_indexdef(i.indexrelid)"
					 " ELSE pg_catalog.format('ALTER TABLE %%s ADD CONSTRAINT %%I %%s', i.indrelid::pg_catalog.regclass,"
					 " c.conname, pg_catalog.pg_get_constraintdef(c.oid)) END,"
					 " CASE WHEN c.oid IS NULL THEN pg_catalog.format('DROP INDEX %%s', i.indexrelid::pg_catalog.regclass)"
					 " ELSE pg_catalog.format('ALTER TABLE %%s DROP CONSTRAINT %%I', i.indrelid::pg_catalog.regclass,"
					 " c.conname) END,"
					 " CASE WHEN i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL AND NOT EXISTS"
					 " (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid OPERATOR(pg_catalog.=) i.indrelid"
					 " AND a.attnum OPERATOR(pg_catalog.=) ANY (i.indkey::pg_catalog.int2[])"
					 " AND pg_catalog.quote_ident(a.attname) OPERATOR(pg_catalog.=) ANY (%s::pg_catalog.text[]))"
					 " THEN (SELECT ARRAY[pg_catalog.string_agg('y.' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(a.attname), ', '),"
					 " pg_catalog.string_agg('y.' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(a.attname) OPERATOR(pg_catalog.||) ' IS NOT NULL', ' AND ')]"
					 " FROM pg_catalog.pg_attribute a WHERE a.attrelid OPERATOR(pg_catalog.=) i.indrelid"
					 " AND a.attnum OPERATOR(pg_catalog.=) ANY (i.indkey::pg_catalog.int2[])) END"
					 " FROM pg_catalog.pg_index i LEFT JOIN pg_catalog.pg_constraint c"
					 " ON c.conindid OPERATOR(pg_catalog.=) i.indexrelid"
					 " AND c.conrelid OPERATOR(pg_catalog.=) i.indrelid"
					 " AND c.contype OPERATOR(pg_catalog.=) ANY ('{p,u,x}'::pg_catalog.\"char\"[])"
					 " WHERE i.indrelid OPERATOR(pg_catalog.=) '%u'::pg_catalog.oid ORDER BY i.indexrelid",
					 fresh_key_array(m), target_relid);
	/* not read-only: the query must see the indexes CREATE TABLE just made */
	ret = sd_spi_execute(q.data, 0, NULL, NULL, NULL, false, 0);
	MemoryContextSwitchTo(cxt);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "could not read the indexes of \"%s\": %s", target, SPI_result_code_string(ret));
	nindexes = (int) SPI_processed;
	index_defs = palloc(sizeof(char *) * Max(nindexes, 1));
	dedupes = palloc0(sizeof(List *) * Max(nindexes, 1));
	for (i = 0; i < nindexes; i++)
	{
		index_defs[i] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		drops = lappend(drops, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2));
		d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 3, &isnull);
		if (!isnull)
		{
			Datum	   *parts;
			int			nparts;

			/* the index's columns (y.a, y.b) and their NOT NULL test */
			deconstruct_array(DatumGetArrayTypeP(d), TEXTOID, -1, false, TYPALIGN_INT,
							  &parts, NULL, &nparts);
			if (nparts != 2)
				elog(ERROR, "unexpected columns of a unique index");
			dedupes[i] = list_make2(TextDatumGetCString(parts[0]),
									TextDatumGetCString(parts[1]));
		}
	}
	SPI_freetuptable(SPI_tuptable);
	foreach(lc, drops)
	{
		ret = SPI_execute((char *) lfirst(lc), false, 0);
		MemoryContextSwitchTo(cxt);
		if (ret != SPI_OK_UTILITY)
			elog(ERROR, "could not drop an index of \"%s\": %s", target, SPI_result_code_string(ret));
	}

	/*
	 * The rows are those synth_sample would draw from the model as stored
	 * (read back from its jsonb), filled directly when the new table allows.
	 */
	m2 = model_as_stored(m, &mj);
	target_rel = table_open(target_relid, RowExclusiveLock);
	if (clone_fill_direct_ok(target_rel) && !has_generated(target_rel))
	{
		n = clone_fill_direct(target_rel, m2, mj, n, seed, guard, nsp);
		table_close(target_rel, NoLock);
	}
	else
	{
		table_close(target_rel, NoLock);
		args[0] = JsonbPGetDatum(mj);
		args[1] = Int64GetDatum(n);
		args[2] = Int64GetDatum((int64) seed);
		if (guard && m->guard != NULL)
		{
			/* positive, and different on every call */
			token = (sd_mix64(++calls ^ (uint64) MyProcPid) >> 2) + 1;
			handoff_token = token;
			handoff_guard = m->guard;
			handoff_guard_bits = m->guard_bits;
			handoff_guard_example_free = m->guard_example_free;
			handoff_guard_restrict = m->guard_restrict;
		}
		args[3] = Int64GetDatum(guard ? (token ? (int64) token : -1) : 0);
		resetStringInfo(&q);
		{
			char	   *cols = insert_columns(target_relid);

			/* generated columns are computed, identity columns take the drawn keys */
			appendStringInfo(&q, "INSERT INTO %s (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM %s._synth_sample(NULL::%s, $1, $2, $3, 0, $4)",
							 target, cols, cols, quote_identifier(get_namespace_name(nsp)), target);
		}
		PG_TRY();
		{
			ret = sd_spi_execute(q.data, 4, argtypes, args, NULL, false, 0);
		}
		PG_FINALLY();
		{
			handoff_token = 0;
			handoff_guard = NULL;
			handoff_guard_bits = 0;
			handoff_guard_example_free = NULL;
			handoff_guard_restrict = NULL;
		}
		PG_END_TRY();
		if (ret != SPI_OK_INSERT)
			elog(ERROR, "could not fill \"%s\": %s", target, SPI_result_code_string(ret));
		n = (int64) SPI_processed;
	}
	elog(DEBUG1, "synthdata: %s: fill " INT64_FORMAT " rows %.0f ms", target, n, sd_lap_ms(&t));
	dropped = 0;
	for (i = 0; i < nindexes; i++)
		dropped += build_index_or_repeats(index_defs[i], dedupes[i], target, cxt);
	elog(DEBUG1, "synthdata: %s: %d indexes %.0f ms", target, nindexes, sd_lap_ms(&t));
	if (dropped > 0)
		ereport(NOTICE,
				(errmsg("dropped " INT64_FORMAT " drawn rows that repeated a unique key of %s", dropped, target),
				 errdetail("A unique index over columns drawn from the model (keys of parents) got the same values twice.")));
	n -= dropped;
	advance_sequences(target_relid, target, cxt);
	return n;
}

/*
 * The name of target's partition for the source's partition part_name: the
 * partition's name with the source's name at its start made the target's
 * ("events_2024" of "events" is "events_copy_2024" of "events_copy"), else
 * the target's name, "_" and the partition's; cut to NAMEDATALEN - 1 bytes
 * as CREATE TABLE would.
 */
static char *
partition_name(const char *source_name, const char *target_name, const char *part_name)
{
	size_t		ls = strlen(source_name);
	char	   *name;
	int			len;

	if (strncmp(part_name, source_name, ls) == 0 && part_name[ls] != '\0')
		name = psprintf("%s%s", target_name, part_name + ls);
	else
		name = psprintf("%s_%s", target_name, part_name);
	len = (int) strlen(name);
	if (len >= NAMEDATALEN)
		name[pg_mbcliplen(name, len, NAMEDATALEN - 1)] = '\0';
	return name;
}

/*
 * The partitions of source (a partitioned table) made under target, with
 * the source's bounds and, for partitioned partitions, keys and partitions
 * of their own, down the tree.  target is quoted and qualified; its
 * partitions go in its schema.  The caller is connected to SPI.
 */
static void
create_partitions_like(Oid source, const char *target, Oid target_nsp,
					   const char *target_name, const char *source_name,
					   MemoryContext cxt)
{
	List	   *children = find_inheritance_children(source, AccessShareLock);
	ListCell   *lc;

	foreach(lc, children)
	{
		Oid			part = lfirst_oid(lc);
		char	   *part_name = get_rel_name(part);
		char	   *name = partition_name(source_name, target_name, part_name);
		char	   *qualified = quote_qualified_identifier(get_namespace_name(target_nsp), name);
		Oid			argtypes[1] = {OIDOID};
		Datum		args[1];
		char	   *bound;
		StringInfoData q;
		int			ret;

		args[0] = ObjectIdGetDatum(part);
		ret = sd_spi_execute("SELECT pg_catalog.pg_get_expr(c.relpartbound, c.oid)"
							 " FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) $1",
							 1, argtypes, args, NULL, true, 1);
		MemoryContextSwitchTo(cxt);
		if (ret != SPI_OK_SELECT || SPI_processed != 1 ||
			(bound = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1)) == NULL)
			elog(ERROR, "could not read the bounds of partition \"%s\"", part_name);
		initStringInfo(&q);
		appendStringInfo(&q, "CREATE TABLE %s PARTITION OF %s %s", qualified, target, bound);
		if (get_rel_relkind(part) == RELKIND_PARTITIONED_TABLE)
			appendStringInfo(&q, " PARTITION BY %s",
							 TextDatumGetCString(DirectFunctionCall1(pg_get_partkeydef,
																	 ObjectIdGetDatum(part))));
		ret = create_target(q.data, qualified, name);
		MemoryContextSwitchTo(cxt);
		if (ret != SPI_OK_UTILITY)
			elog(ERROR, "could not create \"%s\": %s", qualified, SPI_result_code_string(ret));
		if (get_rel_relkind(part) == RELKIND_PARTITIONED_TABLE)
			create_partitions_like(part, qualified, target_nsp, name, part_name, cxt);
	}
}

/*
 * synth_clone_table(source regclass, target text, n bigint, options jsonb,
 *					 seed bigint) returns bigint
 *		Creates target like source (columns, types, NOT NULL, CHECK, keys and
 *		indexes) and fills it with an anonymized copy; returns the row count.
 */
PG_FUNCTION_INFO_V1(synth_clone_table);
Datum
synth_clone_table(PG_FUNCTION_ARGS)
{
	Jsonb	   *options = arg_options(fcinfo, 3);
	FitOptions	fo;
	Model	   *m;
	Oid			relid;
	Oid			nsp = sd_extension_namespace();
	RangeVar   *rv;
	char	   *target;
	Oid			target_nsp;
	Oid			target_relid;
	char	   *source;
	int64		n;
	uint64		seed;
	StringInfoData q;
	int			ret;
	MemoryContext cxt = CurrentMemoryContext;
	instr_time	t;

	sd_arg_not_null(fcinfo, 0, "source");
	sd_arg_not_null(fcinfo, 1, "target");
	relid = sd_check_relation(PG_GETARG_OID(0), "clone");
	rv = makeRangeVarFromNameList(stringToQualifiedNameList(text_to_cstring(PG_GETARG_TEXT_PP(1))));

	/*
	 * An unqualified target goes where CREATE TABLE would put it (the first
	 * schema of the caller's search_path); every statement below names it
	 * with that schema.
	 */
	target_nsp = RangeVarGetCreationNamespace(rv);
	target = quote_qualified_identifier(get_namespace_name(target_nsp), rv->relname);
	parse_fit_options(options, &fo);
	if (!PG_ARGISNULL(2))
		(void) sd_arg_count(fcinfo, 2);
	seed = sd_arg_seed(fcinfo, 4);

	INSTR_TIME_SET_CURRENT(t);
	m = fit_model(relid, options, nsp, fo.guard);
	elog(DEBUG1, "synth_clone_table: fit %.0f ms", sd_lap_ms(&t));
	n = arg_count_or_null(fcinfo, 2, m->rows);
	source = quote_qualified_identifier(m->schema, m->table);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	initStringInfo(&q);
	appendStringInfo(&q, "CREATE TABLE %s (LIKE %s INCLUDING CONSTRAINTS INCLUDING INDEXES"
					 " INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED)",
					 target, source);
	/* a partitioned source: partitioned alike, with partitions of its bounds */
	if (get_rel_relkind(relid) == RELKIND_PARTITIONED_TABLE)
		appendStringInfo(&q, " PARTITION BY %s",
						 TextDatumGetCString(DirectFunctionCall1(pg_get_partkeydef,
																 ObjectIdGetDatum(relid))));
	ret = create_target(q.data, target, rv->relname);
	MemoryContextSwitchTo(cxt);
	if (ret != SPI_OK_UTILITY)
		elog(ERROR, "could not create \"%s\": %s", target, SPI_result_code_string(ret));
	target_relid = get_relname_relid(rv->relname, target_nsp);
	if (!OidIsValid(target_relid))
		elog(ERROR, "could not find the new table \"%s\"", target);
	if (get_rel_relkind(relid) == RELKIND_PARTITIONED_TABLE)
		create_partitions_like(relid, target, target_nsp, rv->relname, get_rel_name(relid), cxt);
	n = clone_fill_new_table(relid, m, target_relid, target, n, seed, fo.guard, nsp);
	(void) sd_lap_ms(&t);
	add_foreign_keys(m, relid, target, cxt);
	derived_copy_triggers(m, relid, target);
	elog(DEBUG1, "synth_clone_table: foreign keys and triggers %.0f ms", sd_lap_ms(&t));
	MemoryContextSwitchTo(cxt);
	SPI_finish();
	PG_RETURN_INT64(n);
}
