/*-------------------------------------------------------------------------
 *
 * clone_checks.c
 *		CHECK constraints that shape what fitted cloning draws: bounds of a
 *		column (x >= 0, x BETWEEN a AND b, ts < '2030-01-01') truncate its
 *		marginal, as synth_fill bounds its values, instead of only
 *		rejecting rows.
 *
 * A bound c op constant (op one of <, <=, >, >=, =) in a conjunct of a
 * table CHECK of the target table is read from the planned expression.
 * The sampler then draws the column's uniform within [F(lo), F(hi)] of
 * the model's marginal -- the marginal truncated to the bounds, no mass
 * piled onto them -- and clamps the value to the bounds at its step.
 * Every CHECK is still evaluated on each row (the rest are rejected and
 * redrawn as before).
 *
 * Layer: cloning's statistics.  Must not run SPI nor define SQL-callable
 * functions: it reads CHECK expressions already in memory.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/clone_checks.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_cons.h"

#include "optimizer/optimizer.h"

static Node *
strip_relabel(Node *n)
{
	while (n != NULL && IsA(n, RelabelType))
		n = (Node *) ((RelabelType *) n)->arg;
	return n;
}

/* a conjunct "column op constant" (either way round): a bound of its column */
static void
bound_from_conjunct(Sampler *s, Node *n)
{
	SdConsSampler *cs = s->cons;
	OpExpr	   *op;
	Node	   *l,
			   *r;
	Var		   *var;
	Const	   *cst;
	char	   *name;
	bool		flipped;
	int			att,
				mc;
	double		v,
				step;
	const ModelCol *c;

	if (n == NULL || !IsA(n, OpExpr) || list_length(((OpExpr *) n)->args) != 2)
		return;
	op = (OpExpr *) n;
	l = strip_relabel(linitial(op->args));
	r = strip_relabel(lsecond(op->args));
	flipped = !IsA(l, Var);
	var = (Var *) (flipped ? r : l);
	cst = (Const *) (flipped ? l : r);
	if (!IsA(var, Var) || !IsA(cst, Const) || cst->constisnull ||
		var->varattno < 1 || var->varattno > s->natts)
		return;
	att = var->varattno - 1;
	mc = s->tc[att].mcol;
	if (mc < 0 || cs->order_of[mc] >= 0)
		return;
	c = &s->m->cols[mc];
	if (c->kind != MK_CONTINUOUS ||
		strcmp(value_class[value_kind_of(cst->consttype)], value_class[c->vk]) != 0 ||
		!datum_to_double(value_kind_of(cst->consttype), cst->constvalue, &v))
		return;
	name = get_opname(op->opno);
	if (name == NULL)
		return;
	step = value_step(c);	/* makes a strict bound inclusive */
	if (flipped)
	{
		/* constant op column: the mirror of column op constant */
		if (strcmp(name, "<") == 0)
			name = ">";
		else if (strcmp(name, "<=") == 0)
			name = ">=";
		else if (strcmp(name, ">") == 0)
			name = "<";
		else if (strcmp(name, ">=") == 0)
			name = "<=";
	}
	if (strcmp(name, ">") == 0)
		cs->xlo[mc] = Max(cs->xlo[mc], step > 0 ? v + step : nextafter(v, INFINITY));
	else if (strcmp(name, ">=") == 0 || strcmp(name, "=") == 0)
		cs->xlo[mc] = Max(cs->xlo[mc], v);
	if (strcmp(name, "<") == 0)
		cs->xhi[mc] = Min(cs->xhi[mc], step > 0 ? v - step : nextafter(v, -INFINITY));
	else if (strcmp(name, "<=") == 0 || strcmp(name, "=") == 0)
		cs->xhi[mc] = Min(cs->xhi[mc], v);
}

/*
 * The bounds the target table's CHECKs give its continuous columns, as
 * values and as ranges of the marginals' uniforms.
 */
void
checks_bounds(Sampler *s)
{
	SdConsSampler *cs = s->cons;
	int			i,
				j;

	if (s->table == NULL)
		return;
	for (i = 0; i < s->table->nchecks; i++)
	{
		SdCheck    *ck = &s->table->checks[i];
		List	   *conj;
		ListCell   *lc;

		if (ck->column >= 0 || ck->expr == NULL)
			continue;			/* a domain's check names VALUE, not a column */
		conj = make_ands_implicit((Expr *) ck->expr);
		foreach(lc, conj)
			bound_from_conjunct(s, (Node *) lfirst(lc));
	}
	for (j = 0; j < s->m->ncols; j++)
	{
		const ModelCol *c = &s->m->cols[j];
		double		lo,
					hi;

		if (c->kind != MK_CONTINUOUS || (isinf(cs->xlo[j]) && isinf(cs->xhi[j])))
			continue;
		lo = isinf(cs->xlo[j]) ? 0 : sd_grid_cdf(c->grid, GRID_POINTS, cs->xlo[j]);
		hi = isinf(cs->xhi[j]) ? 1 : sd_grid_cdf(c->grid, GRID_POINTS, cs->xhi[j]);
		if (lo < hi)
		{
			cs->ulo[j] = lo;
			cs->uhi[j] = hi;
		}
		else
		{
			/* bounds outside the model's range: left to the CHECK itself */
			cs->xlo[j] = -INFINITY;
			cs->xhi[j] = INFINITY;
		}
	}
}
