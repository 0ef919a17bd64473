/*-------------------------------------------------------------------------
 *
 * generate_probe.c
 *		Unique indexes that cannot be made unique by construction: indexes
 *		on expressions (UNIQUE (lower(email))) and partial indexes whose
 *		predicate reads other columns (UNIQUE (patient_id) WHERE discharged
 *		IS NULL).  Each candidate row is evaluated as the index would see
 *		it -- the predicate first (a row outside it is unconstrained), then
 *		the key's expressions -- and the key is probed in the index (its
 *		leaf indexes for a partitioned table) with a dirty snapshot, so rows
 *		inserted earlier by the same fill count.  A taken key sends the row
 *		on: to the next position of the unique group that builds the key's
 *		columns, or to a fresh draw.  A fill never fails with a unique
 *		violation on these indexes.
 *
 * The expressions, the predicate and the equality procedures are prepared
 * once per plan; a probe costs one index descent per leaf index.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/generate_probe.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/nbtree.h"
#include "access/relation.h"
#include "access/table.h"
#include "access/tableam.h"
#include "executor/executor.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "generate_int.h"

typedef struct ProbeKey
{
	SdUniqueKey *key;
	int			nkeyatts;
	AttrNumber *attnos;			/* per index column: table attno, 0 = expression */
	ExprState **exprs;			/* per index column with attno 0 */
	ExprState  *pred;			/* the predicate, or NULL */
	List	   *leaves;			/* leaf index Oids */
	Oid		   *eqprocs;		/* btree equality per index column */
	Oid		   *intypes;
	Oid		   *collations;
	Bitmapset  *columns;		/* columns the key reads (indexes into columns[]) */
} ProbeKey;

struct SdProbes
{
	int			n;
	ProbeKey   *keys;
	ExprContext *econtext;
	TupleTableSlot *slot;
};

/* does the predicate read a column that is not a key column? */
static bool
predicate_reads_others(SdTable *t, SdUniqueKey *key)
{
	Bitmapset  *attrs = NULL;
	int			k = -1;

	if (key->predicate == NULL)
		return false;
	pull_varattnos(key->predicate, 1, &attrs);
	while ((k = bms_next_member(attrs, k)) >= 0)
	{
		AttrNumber	a = k + FirstLowInvalidHeapAttributeNumber;
		int			c = (a > 0 && a <= t->natts) ? t->att2col[a - 1] : -1;
		int			j;
		bool		in = false;

		for (j = 0; j < key->ncols; j++)
			in = in || key->cols[j] == c;
		if (c >= 0 && !in)
			return true;
	}
	return false;
}

/* must this key be probed row by row (it cannot be built by construction)? */
bool
sdg_key_needs_probe(SdTable *t, SdUniqueKey *key)
{
	return key->has_expressions || predicate_reads_others(t, key);
}

/* the one column an expression key reads, if exactly one; else -1 */
int
sdg_expression_key_column(SdTable *t, SdUniqueKey *key)
{
	Relation	irel = index_open(key->indexoid, AccessShareLock);
	List	   *exprs = RelationGetIndexExpressions(irel);
	Bitmapset  *attrs = NULL;
	int			k,
				col = -1;

	index_close(irel, AccessShareLock);
	if (key->ncols > 0 || exprs == NIL)
		return -1;
	pull_varattnos((Node *) exprs, 1, &attrs);
	if (bms_num_members(attrs) != 1)
		return -1;
	k = bms_singleton_member(attrs) + FirstLowInvalidHeapAttributeNumber;
	if (k > 0 && k <= t->natts)
		col = t->att2col[k - 1];
	return col;
}

static void
prepare_key(SdTable *t, ProbeKey *pk, SdUniqueKey *key)
{
	Relation	irel = index_open(key->indexoid, AccessShareLock);
	Form_pg_index ind = irel->rd_index;
	List	   *exprs = RelationGetIndexExpressions(irel);
	ListCell   *lc = list_head(exprs);
	Bitmapset  *attrs = NULL;
	int			j,
				k = -1;

	pk->key = key;
	pk->nkeyatts = ind->indnkeyatts;
	pk->attnos = palloc(sizeof(AttrNumber) * pk->nkeyatts);
	pk->exprs = palloc0(sizeof(ExprState *) * pk->nkeyatts);
	pk->eqprocs = palloc(sizeof(Oid) * pk->nkeyatts);
	pk->intypes = palloc(sizeof(Oid) * pk->nkeyatts);
	pk->collations = palloc(sizeof(Oid) * pk->nkeyatts);
	for (j = 0; j < pk->nkeyatts; j++)
	{
		Oid			eqop = get_opfamily_member(irel->rd_opfamily[j], irel->rd_opcintype[j],
											   irel->rd_opcintype[j], BTEqualStrategyNumber);

		if (!OidIsValid(eqop))
			elog(ERROR, "missing equality operator for index \"%s\"",
				 RelationGetRelationName(irel));
		pk->eqprocs[j] = get_opcode(eqop);
		pk->intypes[j] = irel->rd_opcintype[j];
		pk->collations[j] = irel->rd_indcollation[j];
		pk->attnos[j] = ind->indkey.values[j];
		if (pk->attnos[j] == 0)
		{
			Node	   *e = lfirst(lc);

			pk->exprs[j] = ExecInitExpr(expression_planner((Expr *) e), NULL);
			pull_varattnos(e, 1, &attrs);
			lc = lnext(exprs, lc);
		}
		else
			attrs = bms_add_member(attrs, pk->attnos[j] - FirstLowInvalidHeapAttributeNumber);
	}
	if (key->predicate)
	{
		pk->pred = ExecInitQual(make_ands_implicit((Expr *) expression_planner((Expr *) copyObject(key->predicate))),
								NULL);
		pull_varattnos(key->predicate, 1, &attrs);
	}
	while ((k = bms_next_member(attrs, k)) >= 0)
	{
		AttrNumber	a = k + FirstLowInvalidHeapAttributeNumber;

		if (a > 0 && a <= t->natts && t->att2col[a - 1] >= 0)
			pk->columns = bms_add_member(pk->columns, t->att2col[a - 1]);
	}
	index_close(irel, AccessShareLock);
	pk->leaves = sdg_leaf_indexes(key->indexoid);
}

/* prepare the probes of every key that needs them (NULL if none) */
SdProbes *
sdg_probes_prepare(SdTable *t)
{
	SdProbes   *p = NULL;
	int			i;

	for (i = 0; i < t->nkeys; i++)
	{
		if (!sdg_key_needs_probe(t, &t->keys[i]))
			continue;
		if (p == NULL)
		{
			p = palloc0(sizeof(SdProbes));
			p->keys = palloc0(sizeof(ProbeKey) * t->nkeys);
			p->econtext = CreateStandaloneExprContext();
			p->slot = MakeSingleTupleTableSlot(t->tupdesc, &TTSOpsVirtual);
			p->econtext->ecxt_scantuple = p->slot;
		}
		prepare_key(t, &p->keys[p->n++], &t->keys[i]);
	}
	return p;
}

/* is this key (values computed) present in one of the leaf indexes? */
static bool
probe_leaves(ProbeKey *pk, Datum *keyvals)
{
	ListCell   *lc;
	bool		found = false;

	foreach(lc, pk->leaves)
	{
		Relation	irel = index_open(lfirst_oid(lc), AccessShareLock);
		Relation	hrel = table_open(irel->rd_index->indrelid, AccessShareLock);
		ScanKeyData skeys[INDEX_MAX_KEYS];
		int			j;

		for (j = 0; j < pk->nkeyatts; j++)
			ScanKeyEntryInitialize(&skeys[j], 0, j + 1, BTEqualStrategyNumber,
								   pk->intypes[j], pk->collations[j],
								   pk->eqprocs[j], keyvals[j]);
		found = sdg_index_has_key(hrel, irel, skeys, pk->nkeyatts);
		table_close(hrel, AccessShareLock);
		index_close(irel, AccessShareLock);
		if (found)
			break;
	}
	return found;
}

/*
 * The first probed key this row would violate, or NULL.  *cols gets the
 * columns it reads (so the caller knows which generators to move on).
 */
SdUniqueKey *
sdg_probes_taken(SdProbes *p, Datum *values, bool *nulls, int natts, Bitmapset **cols)
{
	int			i;
	SdUniqueKey *taken = NULL;

	if (p == NULL)
		return NULL;
	ExecClearTuple(p->slot);
	memcpy(p->slot->tts_values, values, sizeof(Datum) * natts);
	memcpy(p->slot->tts_isnull, nulls, sizeof(bool) * natts);
	ExecStoreVirtualTuple(p->slot);
	for (i = 0; i < p->n && taken == NULL; i++)
	{
		ProbeKey   *pk = &p->keys[i];
		Datum		keyvals[INDEX_MAX_KEYS];
		bool		anynull = false;
		int			j;

		if (pk->pred && !ExecQual(pk->pred, p->econtext))
		{
			ResetExprContext(p->econtext);
			continue;			/* outside the partial index */
		}
		for (j = 0; j < pk->nkeyatts && !anynull; j++)
		{
			bool		isnull;

			if (pk->attnos[j] == 0)
				keyvals[j] = ExecEvalExpr(pk->exprs[j], p->econtext, &isnull);
			else
			{
				keyvals[j] = values[pk->attnos[j] - 1];
				isnull = nulls[pk->attnos[j] - 1];
			}
			anynull = isnull;
		}
		/* NULLs never conflict (NULLS NOT DISTINCT keys are left to the index) */
		if (!anynull && probe_leaves(pk, keyvals))
		{
			taken = pk->key;
			*cols = pk->columns;
		}
		ResetExprContext(p->econtext);
	}
	return taken;
}
