/*-------------------------------------------------------------------------
 *
 * generate_defaults.c
 *		Which column DEFAULTs a fill may rely on.  A default is left to the
 *		INSERT only when it is valid and not part of a key: a constant
 *		default on a primary, unique or foreign key column would repeat one
 *		value (a duplicate key, or a parent that may not exist), and a
 *		default that violates the column's own CHECK would fail every row.
 *		Such columns are generated like any other.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/generate_defaults.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/relation.h"
#include "executor/executor.h"
#include "optimizer/optimizer.h"
#include "rewrite/rewriteHandler.h"
#include "utils/rel.h"

#include "generate_int.h"

/* is column c part of a unique key or a foreign key? */
bool
sdg_column_in_key(SdTable *t, int c)
{
	int			i,
				j;

	for (i = 0; i < t->nkeys; i++)
		for (j = 0; j < t->keys[i].ncols; j++)
			if (t->keys[i].cols[j] == c)
				return true;
	for (i = 0; i < t->nfkeys; i++)
		for (j = 0; j < t->fkeys[i].ncols; j++)
			if (t->fkeys[i].cols[j] == c)
				return true;
	return false;
}

/*
 * Does the (non-volatile) default of column c pass its NOT NULL and the
 * CHECKs that reference it, with every other column NULL?
 */
static bool
default_valid(GenPlan *plan, SdChecker *chk, Node *expr, int c)
{
	SdTable    *t = plan->t;
	ExprContext *ec = CreateStandaloneExprContext();
	ExprState  *es = ExecInitExpr(expression_planner((Expr *) expr), NULL);
	Datum	   *values = palloc0(sizeof(Datum) * Max(t->natts, 1));
	bool	   *nulls = palloc(sizeof(bool) * Max(t->natts, 1));
	AttrNumber	a = t->columns[c].attnum;
	bool		ok;

	memset(nulls, true, sizeof(bool) * Max(t->natts, 1));
	values[a - 1] = ExecEvalExpr(es, ec, &nulls[a - 1]);
	if (nulls[a - 1])
		ok = !t->columns[c].notnull;
	else
		ok = sd_checker_check_column(chk, c, values, nulls) < 0;
	FreeExprContext(ec, true);
	return ok;
}

void
sdg_review_defaults(GenPlan *plan)
{
	SdTable    *t = plan->t;
	Relation	rel = NULL;
	SdChecker  *chk = NULL;
	int			i;

	for (i = 0; i < t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];
		SdColumn   *col = &t->columns[i];
		TypeInfo	ti;
		AutoKind	k;
		Node	   *expr;

		if (g->kind != G_DEFAULT || col->identity || col->from_sequence || col->generated)
			continue;
		sdg_typeinfo_init(&ti, col->basetypid, col->basetypmod);
		if (!sdg_auto_kind_for(&ti, &k))
			continue;			/* nothing better to offer than the default */
		if (rel == NULL)
			rel = relation_open(t->relid, AccessShareLock);
		expr = build_column_default(rel, col->attnum);
		/* uuid, random and sequence-like defaults vary by themselves */
		if (expr == NULL || contain_volatile_functions(expr))
			continue;
		if (!sdg_column_in_key(t, i))
		{
			if (chk == NULL)
				chk = sd_checker_create(t);
			if (default_valid(plan, chk, expr, i))
				continue;
		}
		g->kind = G_AUTO;
	}
	if (rel)
		relation_close(rel, AccessShareLock);
}
