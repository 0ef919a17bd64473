/*-------------------------------------------------------------------------
 *
 * generate_infer.c
 *		Inferred generators: the kind of value a column gets from its name,
 *		type and CHECK constraints, the shaping of its bounds by those CHECKs,
 *		and the value a row draws.
 *
 * Engine side: values are drawn from the row's Philox streams only
 * (distributions.c, fake.c).  No SPI and no relation access; the CHECKs
 * are read from the table description built by catalog.c.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/generate_infer.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "executor/executor.h"
#include "nodes/makefuncs.h"
#include "catalog/pg_collation.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/uuid.h"

#include "generate_int.h"

/* ---------------------------------------------------------------------
 * Inferred generators: kind, name hints, bounds from the type
 * ---------------------------------------------------------------------
 */

static void
cannot_generate(GenPlan *plan, int col, Oid typid)
{
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("cannot generate values of type %s for column \"%s\"",
					format_type_be(typid), plan->t->columns[col].name),
			 errhint("Give the column a rule, e.g. '{\"%s\": \"''a constant''\"}', or a DEFAULT.",
					 plan->t->columns[col].name)));
}

bool
sdg_auto_kind_for(TypeInfo *ti, AutoKind *k)
{
	if (ti->elem)
	{
		AutoKind	ek;

		*k = A_ARRAY;
		return sdg_auto_kind_for(ti->elem, &ek);
	}
	if (ti->nlabels > 0)
	{
		*k = A_ENUM;
		return true;
	}
	if (OidIsValid(ti->rngsubtype))
	{
		*k = A_RANGE;
		switch (ti->rngsubtype)
		{
			case INT4OID:
			case INT8OID:
			case NUMERICOID:
			case DATEOID:
			case TIMESTAMPOID:
			case TIMESTAMPTZOID:
				return true;
			default:
				return false;
		}
	}
	switch (ti->typid)
	{
		case INT2OID:
		case INT4OID:
		case INT8OID:
			*k = A_INT;
			return true;
		case FLOAT4OID:
		case FLOAT8OID:
			*k = A_FLOAT;
			return true;
		case NUMERICOID:
			*k = A_NUMERIC;
			return true;
		case BOOLOID:
			*k = A_BOOL;
			return true;
		case TEXTOID:
		case VARCHAROID:
		case BPCHAROID:
		case NAMEOID:
			*k = A_TEXT;
			return true;
		case DATEOID:
			*k = A_DATE;
			return true;
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			*k = A_TIMESTAMP;
			return true;
		case TIMEOID:
		case TIMETZOID:
			*k = A_TIME;
			return true;
		case INTERVALOID:
			*k = A_INTERVAL;
			return true;
		case UUIDOID:
			*k = A_UUID;
			return true;
		case JSONOID:
		case JSONBOID:
			*k = A_JSON;
			return true;
		case BYTEAOID:
			*k = A_BYTEA;
			return true;
		case INETOID:
			*k = A_INET;
			return true;
		case CIDROID:
			*k = A_CIDR;
			return true;
		case MACADDROID:
		case MACADDR8OID:
			*k = A_MACADDR;
			return true;
		case CASHOID:
			*k = A_MONEY;
			return true;
		case BITOID:
		case VARBITOID:
			*k = A_BIT;
			return true;
		default:
			*k = A_BUILTIN;
			return sdg_builtin_type(ti->typid);
	}
}

void
sdg_infer_auto(GenPlan *plan, ColGen *g)
{
	SdColumn   *c = &plan->t->columns[g->col];
	TypeInfo   *ti = &g->ti;
	const char *name = c->name;
	SdFakeKind	fk;

	if (!sdg_auto_kind_for(ti, &g->akind))
		cannot_generate(plan, g->col, c->typid);

	g->maxlen = ti->maxlen;
	g->has_lo = g->has_hi = false;

	/* what the column's name says */
	fk = sd_fake_kind_from_column_in(plan->t->relname, name);
	if (fk != SD_FAKE_NONE)
	{
		SdFakeValueType ft = sd_fake_kind_type(fk);
		bool		fits;

		switch (g->akind)
		{
			case A_TEXT:
				fits = (ft == SD_FAKE_TYPE_TEXT);
				break;
			case A_INT:
			case A_FLOAT:
			case A_NUMERIC:
				fits = (ft == SD_FAKE_TYPE_NUMBER);
				break;
			case A_DATE:
			case A_TIMESTAMP:
				fits = (ft == SD_FAKE_TYPE_DATE);
				break;
			case A_INET:
				fits = (fk == SD_FAKE_IPV4 || fk == SD_FAKE_IPV6);
				break;
			default:
				fits = false;
		}
		/* a short text column holds the code, not the name */
		if (fits && ti->maxlen >= 0 && ti->maxlen <= 3)
		{
			if (fk == SD_FAKE_COUNTRY)
				fk = SD_FAKE_COUNTRY_CODE;
			else if (fk == SD_FAKE_STATE)
				fk = SD_FAKE_STATE_ABBR;
		}
		if (fits)
			g->fake_kind = fk;
	}
	if (sdg_name_has(name, "price") || sdg_name_has(name, "amount") ||
		sdg_name_has(name, "total") || sdg_name_has(name, "cost") ||
		sdg_name_has(name, "salary") || sdg_name_has(name, "balance") ||
		sdg_name_has(name, "fee") || sdg_name_has(name, "revenue") ||
		sdg_name_has(name, "subtotal"))
		g->hint = N_AMOUNT;
	else if (sdg_name_has(name, "quantity") || sdg_name_has(name, "qty") ||
			 sdg_name_has(name, "count") || sdg_name_has(name, "stock"))
		g->hint = N_QUANTITY;
	else if (sdg_name_has(name, "year"))
		g->hint = N_YEAR;
	else if (sdg_name_has(name, "percent") || sdg_name_has(name, "pct") ||
			 sdg_name_has(name, "discount"))
		g->hint = N_PERCENT;
	else if (sdg_name_has(name, "deleted") || sdg_name_has(name, "archived") ||
			 sdg_name_has(name, "cancelled") || sdg_name_has(name, "canceled"))
		g->hint = N_DELETED;
	else if (strcmp(name, "updated_at") == 0 || strcmp(name, "modified_at") == 0 ||
			 strcmp(name, "updated") == 0 || strcmp(name, "updated_on") == 0)
		g->hint = N_UPDATED;
	sdg_realism_hint(plan, g);

	/* bounds of the type */
	switch (ti->ctype)
	{
		case SD_COL_INT2:
			g->lo = PG_INT16_MIN;
			g->hi = PG_INT16_MAX;
			break;
		case SD_COL_INT4:
			g->lo = PG_INT32_MIN;
			g->hi = PG_INT32_MAX;
			break;
		case SD_COL_INT8:
			g->lo = -9.2e18;
			g->hi = 9.2e18;
			break;
		case SD_COL_NUMERIC:
			if (ti->precision > 0)
			{
				double		lim = sdg_pow10i(ti->precision - Max(ti->scale, 0)) -
					sdg_pow10i(0) / sdg_pow10i(Max(ti->scale, 0));

				g->lo = -lim;
				g->hi = lim;
				break;
			}
			/* FALLTHROUGH */
		default:
			g->lo = -1e300;
			g->hi = 1e300;
			break;
	}
}

/* ---------------------------------------------------------------------
 * Shaping the inferred generators with CHECK constraints
 * ---------------------------------------------------------------------
 */

static Node *
strip(Node *n)
{
	while (n)
	{
		if (IsA(n, RelabelType))
			n = (Node *) ((RelabelType *) n)->arg;
		else if (IsA(n, CoerceViaIO))
			n = (Node *) ((CoerceViaIO *) n)->arg;
		else if (IsA(n, FuncExpr) &&
				 ((FuncExpr *) n)->funcformat == COERCE_IMPLICIT_CAST &&
				 list_length(((FuncExpr *) n)->args) == 1)
			n = linitial(((FuncExpr *) n)->args);
		else
			break;
	}
	return n;
}

/* column referenced by n (or by length(n) when *islen), else -1 */
static int
node_column(GenPlan *plan, SdCheck *ck, Node *n, bool *islen)
{
	*islen = false;
	n = strip(n);
	if (n && IsA(n, FuncExpr) && list_length(((FuncExpr *) n)->args) == 1)
	{
		char	   *fname = get_func_name(((FuncExpr *) n)->funcid);

		if (fname && (strcmp(fname, "length") == 0 ||
					  strcmp(fname, "char_length") == 0 ||
					  strcmp(fname, "character_length") == 0))
		{
			bool		dummy;
			int			c = node_column(plan, ck, linitial(((FuncExpr *) n)->args), &dummy);

			*islen = (c >= 0 && !dummy);
			return *islen ? c : -1;
		}
		return -1;
	}
	if (n && IsA(n, Var) && ((Var *) n)->varno == 1 &&
		((Var *) n)->varattno > 0 && ((Var *) n)->varattno <= plan->t->natts)
		return plan->t->att2col[((Var *) n)->varattno - 1];
	if (n && IsA(n, CoerceToDomainValue) && ck->column >= 0)
		return ck->column;
	return -1;
}

static bool
const_number(Node *n, double *out)
{
	Const	   *c;
	TypeInfo	ti;
	SdVal		v;

	n = strip(n);
	if (!n || !IsA(n, Const) || ((Const *) n)->constisnull)
		return false;
	c = (Const *) n;
	if (!sd_col_is_scalar(sd_col_type(c->consttype)))
		return false;
	sdg_typeinfo_init(&ti, c->consttype, -1);
	sdg_datum_to_val(&ti, c->constvalue, &v);
	if (v.kind != SDV_NUM && v.kind != SDV_TIME)
		return false;
	*out = v.num;
	return true;
}

/* the smallest step between two values of the inferred kind */
double
sdg_resolution(ColGen *g)
{
	switch (g->akind)
	{
		case A_INT:
			return 1;
		case A_NUMERIC:
			return g->ti.scale >= 0 ? 1.0 / sdg_pow10i(g->ti.scale) : 1e-9;
		case A_DATE:
			return SD_USECS_PER_DAY;
		case A_TIMESTAMP:
			return 1e6;
		default:
			return 0;
	}
}

static void
set_bound(ColGen *g, const char *op, double v, bool flipped)
{
	double		res = sdg_resolution(g);
	char		o = op[0];

	if (flipped && (o == '<' || o == '>'))
		o = (o == '<') ? '>' : '<';
	if (o == '<')
	{
		double		hi = v - ((op[1] == '=') ? 0 : (res > 0 ? res : fabs(v) * 1e-12 + 1e-12));

		if (hi < g->hi)
			g->hi = hi;
		g->has_hi = true;
	}
	else if (o == '>')
	{
		double		lo = v + ((op[1] == '=') ? 0 : (res > 0 ? res : fabs(v) * 1e-12 + 1e-12));

		if (lo > g->lo)
			g->lo = lo;
		g->has_lo = true;
	}
	else if (o == '=' && op[1] == '\0')
	{
		g->lo = Max(g->lo, v);
		g->hi = Min(g->hi, v);
		g->has_lo = g->has_hi = true;
	}
}

static void shape_or(GenPlan *plan, SdCheck *ck, BoolExpr *b);

/* upper(x) and lower(x) -> x: a list of upper-case codes is what upper(x) takes */
static Node *
strip_case(Node *n)
{
	n = strip(n);
	if (n && IsA(n, FuncExpr) && list_length(((FuncExpr *) n)->args) == 1)
	{
		char	   *fname = get_func_name(((FuncExpr *) n)->funcid);

		if (fname && (strcmp(fname, "upper") == 0 || strcmp(fname, "lower") == 0 ||
					  strcmp(fname, "btrim") == 0))
			return strip(linitial(((FuncExpr *) n)->args));
	}
	return n;
}

/*
 * Do the column's inferred fake values (emails, country codes) already
 * match the regex?  Twenty fixed draws decide; then the fake values stay
 * and the CHECK rejects the rare one that does not match.
 */
static bool
fake_values_match(GenPlan *plan, ColGen *g, const char *pat, bool icase)
{
	SdRng		rng;
	text	   *re = cstring_to_text(pat);
	int			i,
				hits = 0;

	if (g->fake_kind == SD_FAKE_NONE)
		return false;
	sd_rng_init(&rng, 0, sd_stream_id("synth_rows regex probe"));
	for (i = 0; i < 20; i++)
	{
		StringInfoData buf;

		initStringInfo(&buf);
		sd_rng_seek(&rng, (uint64) i);
		sd_fake_generate_max(g->fake_kind, plan->locale, plan->person_seed, (uint64) i,
							 &rng, g->maxlen, &buf);
		if (DatumGetBool(DirectFunctionCall2Coll(icase ? texticregexeq : textregexeq,
												 DEFAULT_COLLATION_OID,
												 PointerGetDatum(cstring_to_text(buf.data)),
												 PointerGetDatum(re))))
			hits++;
	}
	return hits >= 18;
}

/*
 * col ~ 'regex' (also ~*, LIKE and ILIKE, and what SIMILAR TO becomes):
 * the column's text is drawn from the expression.  A fixed-length code
 * also gives a unique key its value space.
 */
static void
shape_regex(GenPlan *plan, const char *opname, int c, Node *r)
{
	ColGen	   *g = &plan->gens[c];
	Const	   *k = (Const *) strip(r);
	char	   *pat;
	SdRegex    *re;

	if (g->akind != A_TEXT || g->regex != NULL || g->nchoices > 0 ||
		k == NULL || !IsA(k, Const) || k->constisnull ||
		(k->consttype != TEXTOID && k->consttype != VARCHAROID &&
		 k->consttype != BPCHAROID))
		return;
	pat = TextDatumGetCString(k->constvalue);
	if (strcmp(opname, "~~") == 0 || strcmp(opname, "~~*") == 0)
		pat = sd_like_to_regex(pat);
	else if (strcmp(opname, "~") != 0 && strcmp(opname, "~*") != 0)
		return;
	re = sd_regex_compile(pat);
	if (re == NULL || fake_values_match(plan, g, pat, opname[strlen(opname) - 1] == '*'))
		return;
	g->regex = re;
	if (g->kind == G_UNIQUE && g->pattern == NULL && g->fake_kind == SD_FAKE_NONE)
		g->pattern = sd_regex_to_pattern(re);
}

/* an OR whose other arms are "col IS NULL": the one remaining arm, else NULL */
static Node *
or_without_null_tests(BoolExpr *b)
{
	Node	   *rest = NULL;
	ListCell   *lc;

	foreach(lc, b->args)
	{
		Node	   *arm = lfirst(lc);

		if (IsA(arm, NullTest) && ((NullTest *) arm)->nulltesttype == IS_NULL)
			continue;
		if (rest != NULL)
			return NULL;
		rest = arm;
	}
	return rest;
}

static void
shape_conjunct(GenPlan *plan, SdCheck *ck, Node *n)
{
	if (IsA(n, OpExpr) && list_length(((OpExpr *) n)->args) == 2)
	{
		OpExpr	   *op = (OpExpr *) n;
		char	   *opname = get_opname(op->opno);
		Node	   *l = linitial(op->args);
		Node	   *r = lsecond(op->args);
		bool		llen,
					rlen;
		int			lc = node_column(plan, ck, l, &llen);
		int			rc = node_column(plan, ck, r, &rlen);
		double		v;

		if (opname == NULL)
			return;
		if (opname[0] == '~' && lc >= 0 && !llen)
		{
			shape_regex(plan, opname, lc, r);
			return;
		}
		if (lc < 0 && rc < 0 && strcmp(opname, "=") == 0)
		{
			/* upper(code) = 'X' */
			lc = node_column(plan, ck, strip_case(l), &llen);
			rc = node_column(plan, ck, strip_case(r), &rlen);
			if (lc >= 0 && rc >= 0)
				return;
		}
		if (lc >= 0 && rc >= 0 && !llen && !rlen && lc != rc)
		{
			/* a > b: a is drawn after b, above it */
			int			hi = (opname[0] == '>') ? lc : rc;
			int			lo = (opname[0] == '>') ? rc : lc;

			if (opname[0] != '<' && opname[0] != '>')
				return;
			if (plan->gens[hi].kind == G_AUTO && plan->gens[hi].after < 0 &&
				plan->gens[lo].kind != G_SKIP)
			{
				plan->gens[hi].after = lo;
				plan->gens[hi].after_strict = (opname[1] != '=');
				plan->gens[hi].deps[lo] = true;
			}
			return;
		}
		if (lc >= 0 && const_number(r, &v))
		{
			ColGen	   *g = &plan->gens[lc];

			if (llen)
			{
				if (strcmp(opname, "<=") == 0)
					g->maxlen = (g->maxlen < 0) ? (int) v : Min(g->maxlen, (int) v);
				else if (strcmp(opname, "<") == 0)
					g->maxlen = (g->maxlen < 0) ? (int) v - 1 : Min(g->maxlen, (int) v - 1);
				else if (strcmp(opname, ">=") == 0)
					g->minlen = Max(g->minlen, (int) v);
				else if (strcmp(opname, ">") == 0)
					g->minlen = Max(g->minlen, (int) v + 1);
				else if (strcmp(opname, "=") == 0)
				{
					g->minlen = (int) v;
					g->maxlen = (int) v;
				}
			}
			else
				set_bound(g, opname, v, false);
		}
		else if (rc >= 0 && !rlen && const_number(l, &v))
			set_bound(&plan->gens[rc], opname, v, true);
		else if (strcmp(opname, "=") == 0 && (lc >= 0 || rc >= 0) &&
				 !(lc >= 0 ? llen : rlen))
		{
			/* col = 'x' (also what IN with one value becomes) */
			Node	   *cn = strip(lc >= 0 ? r : l);
			ColGen	   *g = &plan->gens[lc >= 0 ? lc : rc];

			if (cn && IsA(cn, Const) && !((Const *) cn)->constisnull &&
				g->nchoices == 0)
			{
				TypeInfo	cti;

				sdg_typeinfo_init(&cti, ((Const *) cn)->consttype, -1);
				g->choices = palloc(sizeof(SdVal));
				sdg_datum_to_val(&cti, ((Const *) cn)->constvalue, &g->choices[0]);
				g->nchoices = 1;
			}
		}
		return;
	}
	if (IsA(n, ScalarArrayOpExpr))
	{
		ScalarArrayOpExpr *sa = (ScalarArrayOpExpr *) n;
		char	   *opname = get_opname(sa->opno);
		bool		islen;
		int			c;
		Node	   *arr;
		ArrayType  *a;
		Datum	   *elems;
		bool	   *enulls;
		int			nelems,
					i,
					k = 0;
		TypeInfo	eti;
		ColGen	   *g;

		if (!sa->useOr || opname == NULL || strcmp(opname, "=") != 0 ||
			list_length(sa->args) != 2)
			return;
		c = node_column(plan, ck, strip_case(linitial(sa->args)), &islen);
		arr = strip(lsecond(sa->args));
		if (c < 0 || islen || !arr || !IsA(arr, Const) || ((Const *) arr)->constisnull)
			return;
		g = &plan->gens[c];
		a = DatumGetArrayTypeP(((Const *) arr)->constvalue);
		sdg_typeinfo_init(&eti, ARR_ELEMTYPE(a), -1);
		deconstruct_array(a, eti.typid, eti.typlen, eti.typbyval, eti.typalign,
						  &elems, &enulls, &nelems);
		if (g->nchoices > 0)
			return;				/* the first IN list wins */
		g->choices = palloc(sizeof(SdVal) * Max(nelems, 1));
		for (i = 0; i < nelems; i++)
			if (!enulls[i])
				sdg_datum_to_val(&eti, elems[i], &g->choices[k++]);
		g->nchoices = k;
		return;
	}
	if (IsA(n, BoolExpr) && ((BoolExpr *) n)->boolop == AND_EXPR)
	{
		ListCell   *lc;

		foreach(lc, ((BoolExpr *) n)->args)
			shape_conjunct(plan, ck, lfirst(lc));
	}
	if (IsA(n, BoolExpr) && ((BoolExpr *) n)->boolop == OR_EXPR)
	{
		/* "k IN (...) OR k IS NULL": satisfying the one arm is enough */
		Node	   *arm = or_without_null_tests((BoolExpr *) n);

		if (arm != NULL)
			shape_conjunct(plan, ck, arm);
		else
			shape_or(plan, ck, (BoolExpr *) n);
	}
}

/*
 * An OR of conditions (e.g. the ranges of partitions): bound each column by
 * the hull of the bounds every arm gives it.
 */
static void
shape_or(GenPlan *plan, SdCheck *ck, BoolExpr *b)
{
	int			nc = plan->t->ncolumns;
	ColGen	   *saved = palloc(sizeof(ColGen) * nc);
	double	   *lo = palloc(sizeof(double) * nc);
	double	   *hi = palloc(sizeof(double) * nc);
	bool	   *all_lo = palloc(sizeof(bool) * nc);
	bool	   *all_hi = palloc(sizeof(bool) * nc);
	ListCell   *lc;
	int			c;
	bool		first = true;

	memcpy(saved, plan->gens, sizeof(ColGen) * nc);
	foreach(lc, b->args)
	{
		for (c = 0; c < nc; c++)
		{
			plan->gens[c].has_lo = plan->gens[c].has_hi = false;
			plan->gens[c].lo = saved[c].lo;
			plan->gens[c].hi = saved[c].hi;
		}
		shape_conjunct(plan, ck, lfirst(lc));
		for (c = 0; c < nc; c++)
		{
			ColGen	   *g = &plan->gens[c];

			if (first)
			{
				all_lo[c] = g->has_lo;
				all_hi[c] = g->has_hi;
				lo[c] = g->lo;
				hi[c] = g->hi;
			}
			else
			{
				all_lo[c] = all_lo[c] && g->has_lo;
				all_hi[c] = all_hi[c] && g->has_hi;
				lo[c] = Min(lo[c], g->lo);
				hi[c] = Max(hi[c], g->hi);
			}
		}
		first = false;
	}
	/* only bounds survive: choices, lengths and "after" from arms do not */
	memcpy(plan->gens, saved, sizeof(ColGen) * nc);
	for (c = 0; c < nc; c++)
	{
		ColGen	   *g = &plan->gens[c];

		if (all_lo[c])
		{
			g->lo = Max(g->lo, lo[c]);
			g->has_lo = true;
		}
		if (all_hi[c])
		{
			g->hi = Min(g->hi, hi[c]);
			g->has_hi = true;
		}
	}
}

void
sdg_shape_from_checks(GenPlan *plan)
{
	int			i;

	for (i = 0; i < plan->t->nchecks; i++)
	{
		SdCheck    *ck = &plan->t->checks[i];
		List	   *conj = make_ands_implicit((Expr *) ck->expr);
		ListCell   *lc;

		foreach(lc, conj)
			shape_conjunct(plan, ck, lfirst(lc));
	}
	for (i = 0; i < plan->t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];

		if (g->kind != G_AUTO && g->kind != G_UNIQUE)
			continue;
		if (g->has_lo && g->has_hi && g->lo > g->hi)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("the CHECK constraints of column \"%s\" admit no value",
							plan->t->columns[i].name),
					 errdetail("The lower bound %g exceeds the upper bound %g.", g->lo, g->hi)));
		if (g->maxlen >= 0 && g->minlen > g->maxlen)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("the CHECK constraints of column \"%s\" admit no value",
							plan->t->columns[i].name),
					 errdetail("The minimum length %d exceeds the maximum length %d.",
							   g->minlen, g->maxlen)));
	}
}

/* ---------------------------------------------------------------------
 * Inferred values
 * ---------------------------------------------------------------------
 */

/* a default window [lo, hi] when the CHECKs leave one or both sides open */
static void
window(ColGen *g, double dlo, double dhi, double *lo, double *hi)
{
	double		span = dhi - dlo;

	if (g->has_lo && g->has_hi)
	{
		*lo = g->lo;
		*hi = g->hi;
	}
	else if (g->has_lo)
	{
		*lo = g->lo;
		*hi = Min(g->hi, Max(dhi, g->lo + span));
	}
	else if (g->has_hi)
	{
		*hi = g->hi;
		*lo = Max(g->lo, Min(dlo, g->hi - span));
	}
	else
	{
		*lo = Max(g->lo, dlo);
		*hi = Min(g->hi, dhi);
	}
	if (*lo > *hi)
		*lo = *hi;
}

static double
clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void
number_value(GenPlan *plan, ColGen *g, SdRng *rng, uint64 row, SdVal *out)
{
	double		lo,
				hi,
				v;
	bool		integral = (g->akind == A_INT);

	out->kind = SDV_NUM;
	if (g->fake_kind != SD_FAKE_NONE)
	{
		v = sd_fake_number(g->fake_kind, plan->locale, plan->person_seed, row, rng);
		window(g, -1e300, 1e300, &lo, &hi);
		out->num = clamp(v, lo, hi);
		return;
	}
	if (sdg_realism_number(plan, g, rng, &lo, &hi, &v))
		;
	else switch (g->hint)
	{
		case N_AMOUNT:
			window(g, 0.01, 10000, &lo, &hi);
			if (g->has_lo && g->has_hi && lo > 0)
				/* log-uniform across the allowed range: salaries, budgets */
				v = exp(log(lo) + sd_rng_uniform(rng) * (log(hi) - log(lo)));
			else
				/* log-normal around 50 above the lower bound */
				v = (g->has_lo ? Max(lo, 0) : 0) +
					exp(log(50.0) + 1.0 * sd_draw_normal(rng));
			v = integral ? rint(v) : rint(v * 100) / 100;
			break;
		case N_QUANTITY:
			window(g, 1, 100, &lo, &hi);
			v = lo + floor(sd_draw_exponential(rng) * 3);
			break;
		case N_YEAR:
			window(g, 1950, SD_FAKE_REFERENCE_YEAR, &lo, &hi);
			v = lo + floor(sd_rng_uniform(rng) * (hi - lo + 1));
			break;
		case N_PERCENT:
			window(g, 0, 100, &lo, &hi);
			v = lo + sd_rng_uniform(rng) * (hi - lo);
			break;
		default:
			if (g->akind == A_INT)
			{
				window(g, 1, g->ti.ctype == SD_COL_INT2 ? 1000 : 100000, &lo, &hi);
				v = ceil(lo) + floor(sd_rng_uniform(rng) * (floor(hi) - ceil(lo) + 1));
			}
			else
			{
				window(g, 0, 1000, &lo, &hi);
				v = lo + sd_rng_uniform(rng) * (hi - lo);
			}
			break;
	}
	if (g->after >= 0 && plan->vals[g->after].kind == SDV_NUM)
	{
		/* above another column, within the window when there is room */
		double		base = plan->vals[g->after].num + (g->after_strict ? sdg_resolution(g) : 0);
		double		top = Max(hi, base);

		v = base + sd_rng_uniform(rng) * Min(top - base, Max((hi - lo) / 2, 1));
	}
	if (integral)
	{
		v = floor(v);
		lo = ceil(lo);
		hi = floor(hi);
	}
	else if (g->akind == A_NUMERIC && g->ti.scale >= 0)
	{
		double		f = sdg_pow10i(g->ti.scale);

		v = rint(v * f) / f;
		lo = ceil(lo * f - 1e-9) / f;
		hi = floor(hi * f + 1e-9) / f;
	}
	else if (g->akind == A_NUMERIC && g->hint == N_NONE)
		v = rint(v * 100) / 100;
	out->num = clamp(v, lo, hi);
}

static void
time_value(GenPlan *plan, ColGen *g, SdRng *rng, uint64 row, SdVal *out)
{
	double		lo,
				hi,
				v;

	out->kind = SDV_TIME;
	window(g, SD_ANCHOR_USECS - SD_WINDOW_USECS, SD_ANCHOR_USECS, &lo, &hi);
	if (g->fake_kind != SD_FAKE_NONE)
	{
		v = sd_fake_number(g->fake_kind, plan->locale, plan->person_seed, row, rng) *
			SD_USECS_PER_DAY;
		/* outside the CHECKs: drawn inside them instead of piling on a bound */
		if ((g->has_lo && v < g->lo) || (g->has_hi && v > g->hi))
			v = lo + sd_rng_uniform(rng) * (hi - lo);
	}
	else
		v = lo + sd_rng_uniform(rng) * (hi - lo);
	if (g->after >= 0 && plan->vals[g->after].kind == SDV_TIME)
	{
		/* later than another column: updated >= created, end > start */
		double		base = plan->vals[g->after].num + (g->after_strict ? sdg_resolution(g) : 0);
		double		room = hi - base;
		double		u = sd_rng_uniform(rng);

		if (room <= 0)
			room = 30 * SD_USECS_PER_DAY;
		/* mostly soon after, sometimes long after */
		v = base + u * u * Min(room, 365 * SD_USECS_PER_DAY);
		if (g->akind == A_DATE)
			out->num = ceil(v / SD_USECS_PER_DAY - 1e-9) * SD_USECS_PER_DAY;
		else
			out->num = ceil(v / 1e6 - 1e-9) * 1e6;
		return;
	}
	if (g->akind == A_DATE)
		v = floor(v / SD_USECS_PER_DAY) * SD_USECS_PER_DAY;
	else
		v = floor(v / 1e6) * 1e6;	/* whole seconds read better */
	if (g->fake_kind != SD_FAKE_NONE)
	{
		/* birth dates lie before the default window: only CHECKs bound them */
		lo = g->has_lo ? g->lo : -1e300;
		hi = g->has_hi ? g->hi : 1e300;
	}
	out->num = clamp(v, lo, hi);
}

static void
text_value(GenPlan *plan, ColGen *g, SdRng *rng, uint64 row, SdVal *out)
{
	StringInfoData buf;
	int			maxlen = g->maxlen;

	initStringInfo(&buf);
	out->kind = SDV_TEXT;
	if (g->regex != NULL)
		sd_regex_generate(g->regex, rng, &buf);
	else if (sdg_realism_text(plan, g, rng, row, &buf))
		;
	else if (g->fake_kind != SD_FAKE_NONE)
		sd_fake_generate_max(g->fake_kind, plan->locale, plan->person_seed, row, rng,
							 maxlen, &buf);
	else if (g->ti.typid == BPCHAROID && maxlen > 0 && maxlen <= 3)
	{
		int			i;

		for (i = 0; i < maxlen; i++)
			appendStringInfoChar(&buf, 'A' + (char) sd_rng_below(rng, 26));
	}
	else
	{
		int			hi = maxlen >= 0 ? Min(maxlen, 40) : 40;
		int			lo = Min(Max(g->minlen, Min(hi, 8)), hi);

		if (hi < 1)
			hi = 1;
		if (lo > hi)
			lo = hi;
		sd_fake_text(plan->locale, lo, hi, rng, &buf);
	}
	out->text = buf.data;
}

/* does an array element satisfy the CHECKs of its domain? */
static bool
elem_domain_ok(TypeInfo *ti, Datum d)
{
	ListCell   *lc;

	foreach(lc, ti->elemdom->constraints)
	{
		DomainConstraintState *dcs = lfirst(lc);
		bool		ok;

		if (dcs->constrainttype != DOM_CONSTRAINT_CHECK)
			continue;
		ti->elemecxt->domainValue_datum = d;
		ti->elemecxt->domainValue_isNull = false;
		ok = ExecCheck(dcs->check_exprstate, ti->elemecxt);
		ResetExprContext(ti->elemecxt);
		if (!ok)
			return false;
	}
	return true;
}

/* a range value of the column's range type, as text */
static void
range_value(TypeInfo *ti, SdRng *rng, SdVal *out)
{
	double		a,
				len;
	char	   *lo,
			   *hi;
	SdVal		x;
	StringInfoData buf;

	initStringInfo(&buf);
	switch (ti->rngsubtype)
	{
		case DATEOID:
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			a = SD_ANCHOR_USECS - sd_rng_uniform(rng) * SD_WINDOW_USECS;
			a = floor(a / SD_USECS_PER_DAY) * SD_USECS_PER_DAY;
			len = (1 + sd_rng_below(rng, 30)) * SD_USECS_PER_DAY;
			x.kind = SDV_TIME;
			x.num = a;
			sd_val_to_text(&x, &buf);
			lo = pstrdup(buf.data);
			resetStringInfo(&buf);
			x.num = a + len;
			sd_val_to_text(&x, &buf);
			hi = pstrdup(buf.data);
			break;
		default:
			a = 1 + sd_rng_below(rng, 1000);
			len = 1 + sd_rng_below(rng, 100);
			lo = psprintf("%.0f", a);
			hi = psprintf("%.0f", a + len);
			break;
	}
	out->kind = SDV_TEXT;
	out->text = psprintf("[%s,%s)", lo, hi);
}

/* an array value: 0-4 elements drawn like a column of the element type */
static void
array_value(GenPlan *plan, ColGen *g, TypeInfo *ti, SdRng *rng, uint64 row,
			SdVal *out, Datum *direct, bool *has_direct)
{
	int			nel = (int) sd_rng_below(rng, 5);
	ColGen		eg = *g;
	Datum	   *elems = palloc(sizeof(Datum) * Max(nel, 1));
	bool	   *enulls = palloc0(sizeof(bool) * Max(nel, 1));
	int			dims[1] = {nel},
				lbs[1] = {1};
	AutoKind	ek;
	StringInfoData buf;
	int			i;

	sdg_auto_kind_for(ti->elem, &ek);
	eg.akind = ek;
	eg.ti = *ti->elem;
	eg.maxlen = ti->elem->maxlen;
	eg.after = -1;
	eg.nchoices = 0;
	for (i = 0; i < nel; i++)
	{
		SdVal		ev;
		Datum		ed;
		bool		hd;

		int			tries;

		for (tries = 0;; tries++)
		{
			sdg_auto_value(plan, &eg, ti->elem, rng, row, &ev, &ed, &hd);
			elems[i] = hd ? ed : sdg_val_to_datum(plan, g->col, ti->elem, &ev);
			if (!ti->elem_domain || elem_domain_ok(ti, elems[i]))
				break;
			if (tries >= SD_MAX_ATTEMPTS)
				ereport(ERROR,
						(errcode(ERRCODE_CHECK_VIOLATION),
						 errmsg("could not generate an element of column \"%s\" that satisfies its domain",
								plan->t->columns[g->col].name),
						 errhint("Give the column a rule.")));
		}
	}
	if (ti->elem_domain)
	{
		/* through array_in, so the element domain's checks apply */
		initStringInfo(&buf);
		appendStringInfoChar(&buf, '{');
		for (i = 0; i < nel; i++)
		{
			char	   *e = OutputFunctionCall(&ti->elem->outfunc, elems[i]);
			char	   *p;

			appendStringInfoString(&buf, i ? ",\"" : "\"");
			for (p = e; *p; p++)
			{
				if (*p == '"' || *p == '\\')
					appendStringInfoChar(&buf, '\\');
				appendStringInfoChar(&buf, *p);
			}
			appendStringInfoChar(&buf, '"');
		}
		appendStringInfoChar(&buf, '}');
		*direct = sdg_text_to_datum(ti, buf.data);
		*has_direct = true;
		out->kind = SDV_TEXT;
		out->text = "";
		return;
	}
	*direct = PointerGetDatum(construct_md_array(elems, enulls, 1, dims, lbs,
												 ti->elem->typid,
												 ti->elem->typlen,
												 ti->elem->typbyval,
												 ti->elem->typalign));
	*has_direct = true;
	out->kind = SDV_TEXT;
	out->text = "";
}

/* inferred value of a column as a rule value; *direct set for Datum-only kinds */
void
sdg_auto_value(GenPlan *plan, ColGen *g, TypeInfo *ti, SdRng *rng, uint64 row,
			   SdVal *out, Datum *direct, bool *has_direct)
{
	StringInfoData buf;
	int			i;

	*has_direct = false;
	out->text = NULL;
	/* a DEFAULT is the most common value, not the only one */
	if (g->vary_default && ti == &g->ti &&
		sdg_realism_default_value(plan, g, rng, out, direct, has_direct))
		return;
	if (g->nchoices > 0)
	{
		*out = g->choices[sd_rng_below(rng, g->nchoices)];
		return;
	}
	switch (g->akind)
	{
		case A_INT:
		case A_FLOAT:
		case A_NUMERIC:
			number_value(plan, g, rng, row, out);
			return;
		case A_MONEY:
			out->kind = SDV_NUM;
			out->num = rint(exp(log(50.0) + sd_draw_normal(rng)) * 100) / 100;
			return;
		case A_BOOL:
			out->kind = SDV_BOOL;
			out->num = sd_rng_below(rng, 2);
			return;
		case A_TEXT:
			text_value(plan, g, rng, row, out);
			return;
		case A_DATE:
		case A_TIMESTAMP:
			time_value(plan, g, rng, row, out);
			return;
		case A_TIME:
			out->kind = SDV_TIME;
			out->num = floor(sd_rng_uniform(rng) * 86400) * 1e6;
			return;
		case A_INTERVAL:
			out->kind = SDV_INTERVAL;
			out->num = floor(sd_rng_uniform(rng) * 30 * 86400) * 1e6;
			return;
		case A_UUID:
			{
				pg_uuid_t  *u = palloc(sizeof(pg_uuid_t));

				for (i = 0; i < UUID_LEN; i += 4)
				{
					uint32		w = sd_rng_u32(rng);

					memcpy(u->data + i, &w, 4);
				}
				u->data[6] = (u->data[6] & 0x0f) | 0x40;	/* version 4 */
				u->data[8] = (u->data[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
				*direct = UUIDPGetDatum(u);
				*has_direct = true;
				out->kind = SDV_TEXT;
				out->text = DatumGetCString(DirectFunctionCall1(uuid_out, *direct));
				return;
			}
		case A_JSON:
			initStringInfo(&buf);
			appendStringInfo(&buf, "{\"id\": " UINT64_FORMAT ", \"score\": %.2f, \"tag\": \"",
							 row + 1, sd_rng_uniform(rng) * 100);
			sd_fake_generate(SD_FAKE_WORD, plan->locale, plan->person_seed, row, rng, &buf);
			appendStringInfoString(&buf, "\"}");
			out->kind = SDV_TEXT;
			out->text = buf.data;
			return;
		case A_BYTEA:
			{
				int			len = 8 + (int) sd_rng_below(rng, 25);
				bytea	   *b = palloc(VARHDRSZ + len);

				SET_VARSIZE(b, VARHDRSZ + len);
				for (i = 0; i < len; i++)
					((unsigned char *) VARDATA(b))[i] = (unsigned char) sd_rng_below(rng, 256);
				*direct = PointerGetDatum(b);
				*has_direct = true;
				out->kind = SDV_TEXT;
				out->text = "";
				return;
			}
		case A_INET:
			initStringInfo(&buf);
			sd_fake_generate(g->fake_kind == SD_FAKE_IPV6 ? SD_FAKE_IPV6 : SD_FAKE_IPV4,
							 plan->locale, plan->person_seed, row, rng, &buf);
			out->kind = SDV_TEXT;
			out->text = buf.data;
			return;
		case A_CIDR:
			out->kind = SDV_TEXT;
			out->text = psprintf("10.%d.%d.0/24", (int) sd_rng_below(rng, 256),
								 (int) sd_rng_below(rng, 256));
			return;
		case A_MACADDR:
			initStringInfo(&buf);
			sd_fake_generate(SD_FAKE_MAC, plan->locale, plan->person_seed, row, rng, &buf);
			if (ti->typid == MACADDR8OID)
				appendStringInfo(&buf, ":%02x:%02x", (int) sd_rng_below(rng, 256),
								 (int) sd_rng_below(rng, 256));
			out->kind = SDV_TEXT;
			out->text = buf.data;
			return;
		case A_BIT:
			{
				int			len = ti->maxlen > 0 ? ti->maxlen : 8;

				initStringInfo(&buf);
				if (ti->typid == VARBITOID)
					len = 1 + (int) sd_rng_below(rng, len);
				for (i = 0; i < len; i++)
					appendStringInfoChar(&buf, sd_rng_below(rng, 2) ? '1' : '0');
				out->kind = SDV_TEXT;
				out->text = buf.data;
				return;
			}
		case A_ENUM:
			{
				int			k = (int) sd_rng_below(rng, ti->nlabels);

				*direct = ti->labels[k];
				*has_direct = true;
				out->kind = SDV_TEXT;
				out->text = ti->labeltext[k];
				return;
			}
		case A_RANGE:
			range_value(ti, rng, out);
			return;
		case A_ARRAY:
			array_value(plan, g, ti, rng, row, out, direct, has_direct);
			return;
		case A_BUILTIN:
			sdg_builtin_value(plan, ti, rng, row, out);
			return;
	}
	elog(ERROR, "unexpected generator kind %d", g->akind);
}
