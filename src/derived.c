/*-------------------------------------------------------------------------
 *
 * derived.c
 *		Derived columns of fitted cloning: tsvector columns computed from
 *		the generated text, the way the source computes them.
 *
 * A tsvector column is not sampled.  The fit finds how the source derives
 * it, in this order:
 *	- "generated": a stored generated column; the text search
 *	  configuration is the regconfig constant of its expression and the
 *	  columns are those the expression reads (to_tsvector('english',
 *	  coalesce(title, '') || ' ' || body) -> english, title and body);
 *	- "trigger": a tsvector_update_trigger (or ..._column) trigger for the
 *	  column: its configuration (the current one for the _column form) and
 *	  its columns; or another BEFORE ROW trigger of the table, which cannot
 *	  be read: the current configuration over every text column;
 *	- "text": no rule at all: the current configuration over every text
 *	  column, and the column's reason says so.
 * The sampler then computes to_tsvector(configuration, the non-NULL values
 * of those columns joined by spaces) from the row it drew, which is what
 * the source's expression or trigger computes for expressions of that
 * form (setweight() and other shapes are not reproduced).  A configuration
 * is looked up by name only (regconfigin), never called.
 *
 * synth_clone_table gives the new table the source's triggers that keep a
 * tsvector column (tsvector_update_trigger, and any BEFORE ROW trigger
 * when a column is derived by one), created after the fill, so that rows
 * inserted later are kept the same way.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/derived.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_trigger.h"
#include "commands/trigger.h"
#include "nodes/nodes.h"
#include "optimizer/optimizer.h"
#include "tsearch/ts_cache.h"
#include "utils/fmgrprotos.h"

#include "clone_int.h"
#include "derived.h"

static const char *const derived_how[] = {"generated", "trigger", "text", NULL};

/* ---- fitting -------------------------------------------------------------- */

typedef struct ExprFacts
{
	Oid			config;
	Bitmapset  *attnos;
} ExprFacts;

static bool
expr_facts_walker(Node *node, ExprFacts *f)
{
	if (node == NULL)
		return false;
	if (IsA(node, Const) && ((Const *) node)->consttype == REGCONFIGOID &&
		!((Const *) node)->constisnull)
		f->config = DatumGetObjectId(((Const *) node)->constvalue);
	if (IsA(node, Var))
		f->attnos = bms_add_member(f->attnos, ((Var *) node)->varattno);
	return expression_tree_walker(node, expr_facts_walker, (void *) f);
}

static char *
config_name(Oid cfg)
{
	return DatumGetCString(DirectFunctionCall1(regconfigout, ObjectIdGetDatum(cfg)));
}

/* every text column of the model but c */
static void
all_text_columns(const Model *m, const ModelCol *c, DerivedSpec *d)
{
	int			i;

	d->cols = palloc(sizeof(char *) * Max(m->ncols, 1));
	for (i = 0; i < m->ncols; i++)
		if (&m->cols[i] != c && m->cols[i].vk == VK_STRING)
			d->cols[d->ncols++] = m->cols[i].name;
}

/* a generated column: its configuration and the columns it reads */
static bool
from_generated(Oid relid, AttrNumber attnum, DerivedSpec *d)
{
	char	   *q = psprintf("SELECT d.adbin::pg_catalog.text FROM pg_catalog.pg_attrdef d"
							 " JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) d.adrelid"
							 " AND a.attnum OPERATOR(pg_catalog.=) d.adnum"
							 " WHERE d.adrelid OPERATOR(pg_catalog.=) '%u'::pg_catalog.oid"
							 " AND d.adnum OPERATOR(pg_catalog.=) %d"
							 " AND a.attgenerated OPERATOR(pg_catalog.=) 's'",
							 relid, attnum);
	ExprFacts	f = {InvalidOid, NULL};
	int			x = -1;
	char	   *tree;
	MemoryContext cxt = CurrentMemoryContext;
	int			ret = sd_spi_execute(q, 0, NULL, NULL, NULL, true, 0);

	/* SPI may leave its own context current: what is read belongs to the fit */
	MemoryContextSwitchTo(cxt);
	if (ret != SPI_OK_SELECT || SPI_processed != 1)
		return false;
	tree = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	expr_facts_walker((Node *) stringToNode(tree), &f);
	d->how = "generated";
	d->config = OidIsValid(f.config) ? config_name(f.config) : NULL;
	d->cols = palloc(sizeof(char *) * Max(bms_num_members(f.attnos), 1));
	while ((x = bms_next_member(f.attnos, x)) >= 0)
		if (x > 0)
			d->cols[d->ncols++] = get_attname(relid, (AttrNumber) x, false);
	return true;
}

/* a trigger that keeps the column: tsvector_update_trigger, or a BEFORE ROW one */
static bool
from_trigger(Oid relid, const Model *m, const ModelCol *c, DerivedSpec *d)
{
	char	   *q = psprintf("SELECT t.tgfoid, t.tgargs, t.tgnargs, t.tgtype FROM pg_catalog.pg_trigger t"
							 " WHERE t.tgrelid OPERATOR(pg_catalog.=) '%u'::pg_catalog.oid"
							 " AND NOT t.tgisinternal ORDER BY t.tgname",
							 relid);
	bool		before_row = false;
	uint64		r;
	MemoryContext cxt = CurrentMemoryContext;
	int			ret = sd_spi_execute(q, 0, NULL, NULL, NULL, true, 0);

	MemoryContextSwitchTo(cxt);
	if (ret != SPI_OK_SELECT)
		return false;
	for (r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	td = SPI_tuptable->tupdesc;
		bool		isnull;
		Oid			fn = DatumGetObjectId(SPI_getbinval(tup, td, 1, &isnull));
		bytea	   *args = DatumGetByteaPP(SPI_getbinval(tup, td, 2, &isnull));
		int			nargs = DatumGetInt16(SPI_getbinval(tup, td, 3, &isnull));
		int			type = DatumGetInt16(SPI_getbinval(tup, td, 4, &isnull));
		const char *p = VARDATA_ANY(args),
				   *end = p + VARSIZE_ANY_EXHDR(args);
		char	  **argv = palloc(sizeof(char *) * Max(nargs, 1));
		int			i;

		for (i = 0; i < nargs && p < end; i++)
		{
			argv[i] = pstrdup(p);
			p += strlen(p) + 1;
		}
		nargs = i;
		if (TRIGGER_FOR_ROW(type) && TRIGGER_FOR_BEFORE(type))
			before_row = true;
		if ((fn == F_TSVECTOR_UPDATE_TRIGGER || fn == F_TSVECTOR_UPDATE_TRIGGER_COLUMN) &&
			nargs >= 3 && strcmp(argv[0], c->name) == 0)
		{
			d->how = "trigger";
			/* the _column form names a column holding the configuration: the current one */
			d->config = fn == F_TSVECTOR_UPDATE_TRIGGER ? argv[1] : NULL;
			d->cols = palloc(sizeof(char *) * nargs);
			for (i = 2; i < nargs; i++)
				d->cols[d->ncols++] = argv[i];
			return true;
		}
	}
	if (!before_row)
		return false;
	d->how = "trigger";
	d->config = NULL;
	all_text_columns(m, c, d);
	return true;
}

/*
 * Marks the tsvector columns of the model as derived, with how.  Runs in
 * the fit's SPI connection, before the marginals are decided.
 */
void
derived_columns_mark(Oid relid, Model *m)
{
	int			i;

	MemoryContext cxt = CurrentMemoryContext;

	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *c = &m->cols[i];
		DerivedSpec *d;
		bool		generated;

		if (strcmp(c->type, "tsvector") != 0 || c->role == ROLE_KEY || c->role_forced)
			continue;
		d = palloc0(sizeof(DerivedSpec));
		/* SPI may leave its own context current: the spec belongs to the fit */
		generated = from_generated(relid, (AttrNumber) (c->attidx + 1), d);
		MemoryContextSwitchTo(cxt);
		if (generated)
			c->reason = "generated column: to_tsvector of the generated text, as its expression";
		else if (from_trigger(relid, m, c, d))
			c->reason = d->cols != NULL && d->config != NULL ?
				"kept by tsvector_update_trigger: to_tsvector of the generated text, as the trigger" :
				"kept by a trigger: to_tsvector (current configuration) of the text columns";
		else
		{
			d->how = "text";
			d->config = NULL;
			all_text_columns(m, c, d);
			c->reason = "tsvector: to_tsvector (current configuration) of the text columns";
		}
		MemoryContextSwitchTo(cxt);
		c->derived = d;
	}
}

/* the marginal of a derived column: none, it is computed */
void
derived_marginal(ModelCol *c, ColState *cs)
{
	c->count = cs->count;
	c->nulls = 0;
	c->null_fraction = 0;
	c->scale = -1;
	c->kind = MK_DERIVED;
	c->role = ROLE_ATTRIBUTE;
}

/* ---- the model as JSON -------------------------------------------------- */

void
derived_write(StringInfo b, const DerivedSpec *d)
{
	int			i;

	appendStringInfoString(b, ", \"derived\": {\"how\": ");
	escape_json(b, d->how);
	appendStringInfoString(b, ", \"config\": ");
	if (d->config)
		escape_json(b, d->config);
	else
		appendStringInfoString(b, "null");
	appendStringInfoString(b, ", \"columns\": [");
	for (i = 0; i < d->ncols; i++)
	{
		if (i > 0)
			appendStringInfoString(b, ", ");
		escape_json(b, d->cols[i]);
	}
	appendStringInfoString(b, "]}");
}

static char *
read_name(JsonbValue *v, const char *what)
{
	if (v == NULL || v->type != jbvString || v->val.string.len < 1 ||
		v->val.string.len > 2 * NAMEDATALEN + 4)
		bad_model(psprintf("Field \"%s\" must hold names.", what));
	return pnstrdup(v->val.string.val, v->val.string.len);
}

DerivedSpec *
derived_read(JsonbContainer *cc)
{
	JsonbContainer *o = jget_container(cc, "derived", false, false);
	JsonbContainer *arr = jget_container(o, "columns", true, false);
	JsonbValue *v;
	DerivedSpec *d = palloc0(sizeof(DerivedSpec));
	char	   *how;
	int			i;

	how = read_name(getKeyJsonValueFromContainer(o, "how", 3, NULL), "how");
	for (i = 0; derived_how[i] != NULL && strcmp(how, derived_how[i]) != 0; i++)
		;
	if (derived_how[i] == NULL)
		bad_model("Field \"how\" must be \"generated\", \"trigger\" or \"text\".");
	d->how = (char *) derived_how[i];
	v = getKeyJsonValueFromContainer(o, "config", 6, NULL);
	d->config = v == NULL || v->type == jbvNull ? NULL : read_name(v, "config");
	d->ncols = (int) JsonContainerSize(arr);
	if (d->ncols > MaxHeapAttributeNumber)
		bad_model("Field \"columns\" of a derived column has too many names.");
	d->cols = palloc(sizeof(char *) * Max(d->ncols, 1));
	for (i = 0; i < d->ncols; i++)
		d->cols[i] = read_name(getIthJsonbValueFromContainer(arr, i), "columns");
	return d;
}

/* ---- sampling -------------------------------------------------------------- */

typedef struct DerivedTarget
{
	int			att;			/* the tsvector column */
	Oid			config;
	int			nsrc;
	int		   *src;			/* attributes it reads */
} DerivedTarget;

struct DerivedPlan
{
	int			n;
	DerivedTarget *t;
	TupleDesc	tupdesc;
	StringInfoData buf;
};

static int
target_attribute(TupleDesc tupdesc, const char *name)
{
	int			i;

	for (i = 0; i < tupdesc->natts; i++)
		if (!TupleDescAttr(tupdesc, i)->attisdropped &&
			strcmp(NameStr(TupleDescAttr(tupdesc, i)->attname), name) == 0)
			return i;
	return -1;
}

/* how the sampler computes the derived columns of a target, or NULL: none */
DerivedPlan *
derived_prepare(const Model *m, const int *mcol_of_att, TupleDesc tupdesc)
{
	DerivedPlan *p = palloc0(sizeof(DerivedPlan));
	int			i,
				j;

	p->t = palloc0(sizeof(DerivedTarget) * Max(tupdesc->natts, 1));
	p->tupdesc = tupdesc;
	initStringInfo(&p->buf);
	for (i = 0; i < tupdesc->natts; i++)
	{
		const ModelCol *c;
		DerivedTarget *t;

		if (mcol_of_att[i] < 0 || m->cols[mcol_of_att[i]].kind != MK_DERIVED)
			continue;
		c = &m->cols[mcol_of_att[i]];
		if (getBaseType(TupleDescAttr(tupdesc, i)->atttypid) != TSVECTOROID)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" is of type %s, which cannot hold the model's derived tsvector values",
							NameStr(TupleDescAttr(tupdesc, i)->attname),
							format_type_be(TupleDescAttr(tupdesc, i)->atttypid)),
					 errhint("Sample into a table whose columns have compatible types.")));
		t = &p->t[p->n++];
		t->att = i;
		t->config = c->derived->config ?
			DatumGetObjectId(DirectFunctionCall1(regconfigin, CStringGetDatum(c->derived->config))) :
			getTSCurrentConfig(true);
		t->src = palloc(sizeof(int) * Max(c->derived->ncols, 1));
		for (j = 0; j < c->derived->ncols; j++)
		{
			int			a = target_attribute(tupdesc, c->derived->cols[j]);

			if (a >= 0 && a != i)
				t->src[t->nsrc++] = a;
		}
	}
	if (p->n == 0)
		return NULL;
	return p;
}

/* the derived columns of a drawn row, from its other values */
void
derived_fill(DerivedPlan *p, Datum *values, bool *nulls)
{
	int			i,
				j;

	for (i = 0; i < p->n; i++)
	{
		DerivedTarget *t = &p->t[i];

		resetStringInfo(&p->buf);
		for (j = 0; j < t->nsrc; j++)
		{
			int			a = t->src[j];
			Form_pg_attribute att = TupleDescAttr(p->tupdesc, a);
			Oid			out;
			bool		varlena;

			if (nulls[a])
				continue;
			if (p->buf.len > 0)
				appendStringInfoChar(&p->buf, ' ');
			getTypeOutputInfo(att->atttypid, &out, &varlena);
			appendStringInfoString(&p->buf, OidOutputFunctionCall(out, values[a]));
		}
		values[t->att] = DirectFunctionCall2(to_tsvector_byid, ObjectIdGetDatum(t->config),
											 PointerGetDatum(cstring_to_text_with_len(p->buf.data,
																					  p->buf.len)));
		nulls[t->att] = false;
	}
}

/*
 * The triggers of the source that keep a tsvector column, recreated on a
 * clone table (after its fill): tsvector_update_trigger ones, and any
 * BEFORE ROW trigger when the model derives a column through one.
 */
void
derived_copy_triggers(const Model *m, Oid source, const char *target)
{
	bool		any_trigger = false;
	StringInfoData q;
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	List	   *defs = NIL;
	ListCell   *lc;
	uint64		r;
	int			i;

	for (i = 0; i < m->ncols; i++)
		if (m->cols[i].kind == MK_DERIVED && m->cols[i].derived != NULL &&
			strcmp(m->cols[i].derived->how, "trigger") == 0)
			any_trigger = true;
	if (!any_trigger)
		return;
	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT pg_catalog.replace(pg_catalog.pg_get_triggerdef(t.oid),"
					 " pg_catalog.format(' ON %%I.%%I ', n.nspname, c.relname),"
					 " ' ON ' OPERATOR(pg_catalog.||) $1 OPERATOR(pg_catalog.||) ' ')"
					 " FROM pg_catalog.pg_trigger t"
					 " JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.tgrelid"
					 " JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace"
					 " WHERE t.tgrelid OPERATOR(pg_catalog.=) '%u'::pg_catalog.oid AND NOT t.tgisinternal"
					 " AND (t.tgfoid OPERATOR(pg_catalog.=) ANY ('{%u,%u}'::pg_catalog.oid[])"
					 " OR (t.tgtype::pg_catalog.int4 OPERATOR(pg_catalog.&) %d) OPERATOR(pg_catalog.=) %d)"
					 " ORDER BY t.tgname",
					 source, F_TSVECTOR_UPDATE_TRIGGER, F_TSVECTOR_UPDATE_TRIGGER_COLUMN,
					 TRIGGER_TYPE_ROW | TRIGGER_TYPE_BEFORE, TRIGGER_TYPE_ROW | TRIGGER_TYPE_BEFORE);
	args[0] = CStringGetTextDatum(target);
	if (sd_spi_execute(q.data, 1, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the triggers of the source");
	for (r = 0; r < SPI_processed; r++)
		defs = lappend(defs, SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1));
	foreach(lc, defs)
		if (SPI_execute((char *) lfirst(lc), false, 0) != SPI_OK_UTILITY)
			elog(ERROR, "could not create a trigger on \"%s\"", target);
}
