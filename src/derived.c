/*-------------------------------------------------------------------------
 *
 * derived.c
 *		Derived columns of fitted cloning: tsvector columns computed from
 *		the generated text, the way the source computes them; the stored
 *		generated columns of a target table, computed from the drawn row by
 *		the executor with the table's own generation expressions.
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
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
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
#include "executor/executor.h"
#include "nodes/nodes.h"
#include "optimizer/optimizer.h"
#include "rewrite/rewriteHandler.h"
#include "utils/datum.h"
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
	Oid		   *src_out;		/* ... and their output functions */
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
		t->src_out = palloc(sizeof(Oid) * Max(c->derived->ncols, 1));
		for (j = 0; j < c->derived->ncols; j++)
		{
			int			a = target_attribute(tupdesc, c->derived->cols[j]);
			bool		varlena;

			if (a >= 0 && a != i)
			{
				getTypeOutputInfo(TupleDescAttr(tupdesc, a)->atttypid,
								  &t->src_out[t->nsrc], &varlena);
				t->src[t->nsrc++] = a;
			}
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

			if (nulls[a])
				continue;
			if (p->buf.len > 0)
				appendStringInfoChar(&p->buf, ' ');
			/* the output functions looked up once, in derived_prepare */
			appendStringInfoString(&p->buf, output_function_call(t->src_out[j], values[a]));
		}
		values[t->att] = DirectFunctionCall2(to_tsvector_byid, ObjectIdGetDatum(t->config),
											 PointerGetDatum(cstring_to_text_with_len(p->buf.data,
																					  p->buf.len)));
		nulls[t->att] = false;
	}
}

/* ---- generated columns ------------------------------------------------------ */

struct GeneratedPlan
{
	int			n;
	int		   *att;			/* the generated attributes */
	ExprState **exprs;			/* their generation expressions */
	EState	   *estate;
	TupleTableSlot *slot;		/* the drawn row, as the expressions read it */
};

/*
 * The stored generated columns of the target relid (a table whose row type
 * the sampler fills), or NULL: none.  Each generation expression comes from
 * the catalog as PostgreSQL's own INSERT takes it (build_column_default),
 * planned and prepared for the executor: the drawn row is the tuple it
 * reads, so the column is what an INSERT of the row would store.
 */
GeneratedPlan *
generated_prepare(Oid relid, TupleDesc tupdesc)
{
	Relation	rel;
	TupleDesc	rd;
	GeneratedPlan *p;
	int			i;

	if (!OidIsValid(relid))
		return NULL;
	rel = relation_open(relid, AccessShareLock);
	rd = RelationGetDescr(rel);
	if (rd->constr == NULL || !rd->constr->has_generated_stored ||
		rd->natts != tupdesc->natts)
	{
		relation_close(rel, AccessShareLock);
		return NULL;
	}
	p = palloc0(sizeof(GeneratedPlan));
	p->att = palloc(sizeof(int) * rd->natts);
	p->exprs = palloc(sizeof(ExprState *) * rd->natts);
	p->estate = CreateExecutorState();
	for (i = 0; i < rd->natts; i++)
	{
		Expr	   *expr;

		if (TupleDescAttr(rd, i)->attgenerated != ATTRIBUTE_GENERATED_STORED)
			continue;
		expr = (Expr *) build_column_default(rel, i + 1);
		if (expr == NULL)
			elog(ERROR, "no generation expression found for column number %d of table \"%s\"",
				 i + 1, RelationGetRelationName(rel));
		p->att[p->n] = i;
		p->exprs[p->n++] = ExecPrepareExpr(expression_planner(expr), p->estate);
	}
	p->slot = MakeSingleTupleTableSlot(tupdesc, &TTSOpsVirtual);
	/* the lock stays until the end of the transaction, as the plan needs */
	relation_close(rel, NoLock);
	return p;
}

/* the generated columns of a drawn row, evaluated from its other values */
void
generated_fill(GeneratedPlan *p, TupleDesc tupdesc, Datum *values, bool *nulls)
{
	ExprContext *econtext = GetPerTupleExprContext(p->estate);
	int			natts = tupdesc->natts;
	int			i;

	ResetExprContext(econtext);
	ExecClearTuple(p->slot);
	memcpy(p->slot->tts_values, values, sizeof(Datum) * natts);
	memcpy(p->slot->tts_isnull, nulls, sizeof(bool) * natts);
	for (i = 0; i < p->n; i++)
		p->slot->tts_isnull[p->att[i]] = true;	/* a generated column reads no other */
	ExecStoreVirtualTuple(p->slot);
	econtext->ecxt_scantuple = p->slot;
	for (i = 0; i < p->n; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, p->att[i]);
		bool		isnull;
		Datum		v = ExecEvalExprSwitchContext(p->exprs[i], econtext, &isnull);

		/* into the row's memory: the expression context is reset per row */
		values[p->att[i]] = isnull ? (Datum) 0 : datumCopy(v, att->attbyval, att->attlen);
		nulls[p->att[i]] = isnull;
	}
}

/* true if the model derives a column through a trigger of the source */
bool
derived_by_trigger(const Model *m)
{
	int			i;

	for (i = 0; i < m->ncols; i++)
		if (m->cols[i].kind == MK_DERIVED && m->cols[i].derived != NULL &&
			strcmp(m->cols[i].derived->how, "trigger") == 0)
			return true;
	return false;
}

/*
 * The triggers of the source that keep a tsvector column, recreated on a
 * clone table (after its fill): tsvector_update_trigger ones, and any
 * BEFORE ROW trigger when the model derives a column through one.
 */
void
derived_copy_triggers(const Model *m, Oid source, const char *target)
{
	if (derived_by_trigger(m))
		derived_copy_source_triggers(source, target);
}

/*
 * The same, whatever the model: for a caller that updates the clone's rows
 * after its fill (a schema clone's repairs and links), which must not fire
 * them (a BEFORE UPDATE trigger setting last_update = now() would stamp
 * every repaired row), and so recreates them at its end.
 */
void
derived_copy_source_triggers(Oid source, const char *target)
{
	StringInfoData q;
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	List	   *defs = NIL;
	ListCell   *lc;
	uint64		r;

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

/* ---- xml documents ---------------------------------------------------------- */

/*
 * An xml column of well-formed documents is modelled by its element shape:
 * the root element's name (the commonest, held by k rows), the sequences of
 * its child elements' names held by k rows (in document order), and per
 * child element its values: numbers (quantiles, clipped at the k-th
 * extremes) when all of them are, else the lengths of its text.  Deeper
 * levels are flattened into their parent's text.  Read from at most
 * XML_SAMPLE_ROWS documents (parsed by the server's xpath()).  A document
 * drawn is <root><child>value</child>...</root>, well formed; its texts are
 * English words of the drawn length, never source text.
 */
#define XML_SAMPLE_ROWS 2000
#define XML_SETS_MAX 64
#define XML_ELEMENTS_MAX 128

static bool
xml_name_ok(const char *s)
{
	int			i;

	if (!((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
		return false;
	for (i = 1; s[i]; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
			  (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-' || s[i] == '.'))
			return false;
	return i <= NAMEDATALEN;
}

static int
xml_element_index(XmlModel *xm, const char *name)
{
	int			i;

	for (i = 0; i < xm->nelems; i++)
		if (strcmp(xm->elems[i].name, name) == 0)
			return i;
	return -1;
}

/* count descending, then bytes */
static int
cmp_count_desc(const void *a, const void *b)
{
	const SdFreqItem *x = a,
			   *y = b;
	int			c;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	c = memcmp(x->key, y->key, Min(x->len, y->len));
	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* the element shape of an xml column, or NULL when it has none k rows hold */
static XmlModel *
xml_model_of(FitContext *fc, const ModelCol *c, int k)
{
	const char *col = quote_identifier(c->name);
	char	   *q = psprintf("SELECT (pg_catalog.xpath('name(/*)', x))[1]::pg_catalog.text,"
							 " pg_catalog.array_to_string(ARRAY(SELECT (pg_catalog.xpath('name(/*)', e))[1]::pg_catalog.text"
							 " FROM pg_catalog.unnest(pg_catalog.xpath('/*/*', x)) WITH ORDINALITY u(e, o) ORDER BY o), ' '),"
							 " ARRAY(SELECT (pg_catalog.xpath('string(/*)', e))[1]::pg_catalog.text"
							 " FROM pg_catalog.unnest(pg_catalog.xpath('/*/*', x)) WITH ORDINALITY u(e, o) ORDER BY o)"
							 " FROM (SELECT _synth_src.%s AS x FROM %s AS _synth_src WHERE _synth_src.%s IS NOT NULL"
							 " AND pg_catalog.xml_is_well_formed_document(_synth_src.%s::pg_catalog.text)"
							 " ORDER BY pg_catalog.md5(_synth_src.%s::pg_catalog.text) LIMIT %d) s",
							 col, fc->qualified, col, col, col, XML_SAMPLE_ROWS);
	SdFreq		roots,
				sets;
	XmlModel   *xm;
	const char *root = NULL;
	int64		best = 0,
				kept = 0;
	uint64		r;
	int			i;
	SdHist	   *hists;
	int64	   *nvals,
			   *nnum;
	bool	   *allint;

	if (sd_spi_execute(q, 0, NULL, NULL, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading the documents of column \"%s\" failed", c->name);
	MemoryContextSwitchTo(fc->cxt);
	sd_freq_init(&roots, Max((int) SPI_processed, 1));
	for (r = 0; r < SPI_processed; r++)
	{
		char	   *name = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1);

		if (name != NULL && xml_name_ok(name))
			sd_freq_add(&roots, name, strlen(name), 1);
	}
	for (i = 0; i < roots.nitems; i++)
		if (roots.items[i].count > best)
		{
			best = roots.items[i].count;
			root = pnstrdup(roots.items[i].key, roots.items[i].len);
		}
	if (root == NULL || best < Max(k, 2))
		return NULL;
	/* the sequences of child names among documents of that root */
	sd_freq_init(&sets, Max((int) SPI_processed, 1));
	for (r = 0; r < SPI_processed; r++)
	{
		char	   *name = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1);
		char	   *kids = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2);

		if (name != NULL && strcmp(name, root) == 0 && kids != NULL)
			sd_freq_add(&sets, kids, strlen(kids), 1);
	}
	xm = palloc0(sizeof(XmlModel));
	xm->root = (char *) root;
	xm->sets = palloc0(sizeof(XmlSet) * XML_SETS_MAX);
	xm->elems = palloc0(sizeof(XmlElement) * XML_ELEMENTS_MAX);
	sd_freq_finish(&sets);
	qsort(sets.items, sets.nitems, sizeof(SdFreqItem), cmp_count_desc);
	for (i = 0; i < sets.nitems && xm->nsets < XML_SETS_MAX; i++)
	{
		XmlSet	   *set;
		char	   *names,
				   *tok,
				   *save;
		bool		ok = true;

		if (sets.items[i].count < k)
			break;
		set = &xm->sets[xm->nsets];
		names = pnstrdup(sets.items[i].key, sets.items[i].len);
		set->elems = palloc(sizeof(int) * (sets.items[i].len / 2 + 1));
		for (tok = strtok_r(names, " ", &save); tok != NULL && ok; tok = strtok_r(NULL, " ", &save))
		{
			int			e = xml_element_index(xm, tok);

			if (e < 0 && (xm->nelems >= XML_ELEMENTS_MAX || !xml_name_ok(tok)))
				ok = false;
			else if (e < 0)
			{
				e = xm->nelems++;
				xm->elems[e].name = pstrdup(tok);
			}
			if (ok)
				set->elems[set->nelems++] = e;
		}
		if (!ok)
			continue;
		set->p = (double) sets.items[i].count;
		kept += sets.items[i].count;
		xm->nsets++;
	}
	if (xm->nsets == 0)
		return NULL;
	for (i = 0; i < xm->nsets; i++)
		xm->sets[i].p /= kept;
	/* each element's values: numbers, else text lengths */
	hists = palloc(sizeof(SdHist) * 2 * Max(xm->nelems, 1));
	nvals = palloc0(sizeof(int64) * Max(xm->nelems, 1));
	nnum = palloc0(sizeof(int64) * Max(xm->nelems, 1));
	allint = palloc(sizeof(bool) * Max(xm->nelems, 1));
	for (i = 0; i < xm->nelems; i++)
	{
		sd_hist_init(&hists[2 * i]);
		sd_hist_init(&hists[2 * i + 1]);
		allint[i] = true;
	}
	for (r = 0; r < SPI_processed; r++)
	{
		char	   *name = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1);
		char	   *kids = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2);
		bool		isnull;
		Datum		arr;
		Datum	   *texts;
		bool	   *tnulls;
		int			ntexts,
					j = 0;
		char	   *tok,
				   *save;

		if (name == NULL || strcmp(name, root) != 0 || kids == NULL)
			continue;
		arr = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 3, &isnull);
		if (isnull)
			continue;
		deconstruct_array(DatumGetArrayTypeP(arr), TEXTOID, -1, false, TYPALIGN_INT,
						  &texts, &tnulls, &ntexts);
		for (tok = strtok_r(kids, " ", &save); tok != NULL && j < ntexts;
			 tok = strtok_r(NULL, " ", &save), j++)
		{
			int			e = xml_element_index(xm, tok);
			char	   *v,
					   *end;
			double		d;

			if (e < 0 || tnulls[j])
				continue;
			v = TextDatumGetCString(texts[j]);
			nvals[e]++;
			d = strtod(v, &end);
			if (*v != '\0' && *end == '\0' && isfinite(d))
			{
				nnum[e]++;
				allint[e] &= d == rint(d) && strchr(v, '.') == NULL;
				sd_hist_add_n(&hists[2 * e], d, 1);
			}
			sd_hist_add_n(&hists[2 * e + 1], (double) strlen(v), 1);
		}
	}
	for (i = 0; i < xm->nelems; i++)
	{
		XmlElement *el = &xm->elems[i];

		el->numeric = nvals[i] > 0 && nnum[i] == nvals[i] && nnum[i] > 2 * k;
		el->integer = el->numeric && allint[i];
		if (el->numeric)
			clipped_quantiles(&hists[2 * i], nnum[i], k, el->q, XML_POINTS);
		else if (nvals[i] > 0)
			clipped_quantiles(&hists[2 * i + 1], nvals[i], k, el->q, XML_POINTS);
		for (r = 0; r < XML_POINTS; r++)
			el->q[r] = Min(el->q[r], el->numeric ? 1e15 : 65536);
	}
	return xm;
}

/*
 * The marginal of an xml column of documents: its element shape; false
 * when it has none (decide_marginal then says the type is not modelled).
 * In the fit's SPI connection.
 */
bool
xml_marginal(FitContext *fc, Model *m, ModelCol *c, ColState *cs)
{
	XmlModel   *xm;

	if (strcmp(c->type, "xml") != 0 || c->role_forced || cs->count == 0)
		return false;
	xm = xml_model_of(fc, c, m->k);
	if (xm == NULL)
		return false;
	c->count = cs->count;
	c->nulls = cs->nulls;
	c->null_fraction = (double) c->nulls / (c->count + c->nulls);
	c->scale = -1;
	c->xml = xm;
	c->kind = MK_XML;
	c->role = ROLE_ATTRIBUTE;
	c->reason = "xml documents: the root and child elements held by k rows, values of their kinds";
	return true;
}

void
xml_model_write(StringInfo b, const XmlModel *xm)
{
	int			i,
				j;

	appendStringInfoString(b, ", \"root\": ");
	escape_json(b, xm->root);
	appendStringInfoString(b, ", \"elements\": [");
	for (i = 0; i < xm->nelems; i++)
	{
		appendStringInfoString(b, i ? ", {\"name\": " : "{\"name\": ");
		escape_json(b, xm->elems[i].name);
		appendStringInfo(b, ", \"values\": \"%s\", \"quantiles\": [",
						 xm->elems[i].numeric ? (xm->elems[i].integer ? "integers" : "numbers") : "text");
		for (j = 0; j < XML_POINTS; j++)
			appendStringInfo(b, j ? ", %.15g" : "%.15g", xm->elems[i].q[j]);
		appendStringInfoString(b, "]}");
	}
	appendStringInfoString(b, "], \"element_sets\": [");
	for (i = 0; i < xm->nsets; i++)
	{
		appendStringInfoString(b, i ? ", {\"elements\": [" : "{\"elements\": [");
		for (j = 0; j < xm->sets[i].nelems; j++)
			appendStringInfo(b, j ? ", %d" : "%d", xm->sets[i].elems[j]);
		appendStringInfo(b, "], \"p\": %.15g}", xm->sets[i].p);
	}
	appendStringInfoChar(b, ']');
}

static JsonbValue *
jkey(JsonbContainer *o, const char *key)
{
	return getKeyJsonValueFromContainer(o, key, strlen(key), NULL);
}

XmlModel *
xml_model_read(JsonbContainer *cc)
{
	XmlModel   *xm = palloc0(sizeof(XmlModel));
	JsonbContainer *arr = jget_container(cc, "elements", true, false),
			   *sets = jget_container(cc, "element_sets", true, false);
	int			i,
				j;

	xm->root = read_name(jkey(cc, "root"), "root");
	if (!xml_name_ok(xm->root))
		bad_model("Field \"root\" must be an XML name.");
	xm->nelems = (int) JsonContainerSize(arr);
	xm->nsets = (int) JsonContainerSize(sets);
	if (xm->nelems > XML_ELEMENTS_MAX || xm->nsets < 1 || xm->nsets > XML_SETS_MAX)
		bad_model(psprintf("An xml model has at most %d elements and 1 to %d element sets.",
						   XML_ELEMENTS_MAX, XML_SETS_MAX));
	xm->elems = palloc0(sizeof(XmlElement) * Max(xm->nelems, 1));
	for (i = 0; i < xm->nelems; i++)
	{
		JsonbValue *v = getIthJsonbValueFromContainer(arr, i);
		JsonbContainer *o;
		char	   *kind;

		if (v == NULL || v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
			bad_model("Each element must be a JSON object.");
		o = v->val.binary.data;
		xm->elems[i].name = read_name(jkey(o, "name"), "name");
		if (!xml_name_ok(xm->elems[i].name))
			bad_model("Field \"name\" of an element must be an XML name.");
		kind = read_name(jkey(o, "values"), "values");
		xm->elems[i].numeric = strcmp(kind, "text") != 0;
		xm->elems[i].integer = strcmp(kind, "integers") == 0;
		if (xm->elems[i].numeric && !xm->elems[i].integer && strcmp(kind, "numbers") != 0)
			bad_model("Field \"values\" of an element must be \"text\", \"numbers\" or \"integers\".");
		read_number_array(jget_container(o, "quantiles", true, false), xm->elems[i].q,
						  XML_POINTS, "quantiles");
		if (!(fabs(xm->elems[i].q[0]) <= 1e15 && fabs(xm->elems[i].q[XML_POINTS - 1]) <= 1e15) ||
			(!xm->elems[i].numeric && !(xm->elems[i].q[0] >= 0 && xm->elems[i].q[XML_POINTS - 1] <= 65536)))
			bad_model("Field \"quantiles\" of an element is out of range.");
	}
	xm->sets = palloc0(sizeof(XmlSet) * xm->nsets);
	for (i = 0; i < xm->nsets; i++)
	{
		JsonbValue *v = getIthJsonbValueFromContainer(sets, i);
		JsonbContainer *o,
				   *el;

		if (v == NULL || v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
			bad_model("Each element set must be a JSON object.");
		o = v->val.binary.data;
		el = jget_container(o, "elements", true, false);
		xm->sets[i].p = jnum(jkey(o, "p"), "p");
		if (!(xm->sets[i].p >= 0 && xm->sets[i].p <= 1))
			bad_model("Field \"p\" must lie between 0 and 1.");
		xm->sets[i].nelems = (int) JsonContainerSize(el);
		if (xm->sets[i].nelems > 1000)
			bad_model("An element set has at most 1000 elements.");
		xm->sets[i].elems = palloc(sizeof(int) * Max(xm->sets[i].nelems, 1));
		for (j = 0; j < xm->sets[i].nelems; j++)
		{
			double		d = jnum(getIthJsonbValueFromContainer(el, j), "elements");

			if (!(d >= 0 && d < xm->nelems && d == rint(d)))
				bad_model("Field \"elements\" must hold indexes of elements.");
			xm->sets[i].elems[j] = (int) d;
		}
	}
	return xm;
}

/* one well-formed document of the model, as its text */
void
xml_generate(const XmlModel *xm, SdRng *rng, StringInfo out)
{
	double		u = sd_rng_uniform(rng),
				run = 0;
	const XmlSet *set = &xm->sets[xm->nsets - 1];
	int			i;

	for (i = 0; i < xm->nsets; i++)
		if (u <= (run += xm->sets[i].p))
		{
			set = &xm->sets[i];
			break;
		}
	appendStringInfo(out, "<%s>", xm->root);
	for (i = 0; i < set->nelems; i++)
	{
		const XmlElement *el = &xm->elems[set->elems[i]];
		double		v = sd_grid_quantile(el->q, XML_POINTS, sd_rng_uniform(rng));

		appendStringInfo(out, "<%s>", el->name);
		if (el->numeric && el->integer)
			appendStringInfo(out, "%.0f", rint(v));
		else if (el->numeric)
			appendStringInfo(out, "%.6g", v);
		else if (rint(v) > 0)
			sd_fake_text(SD_FAKE_LOCALE_EN, (int) rint(v), (int) rint(v), rng, out);
		appendStringInfo(out, "</%s>", el->name);
	}
	appendStringInfo(out, "</%s>", xm->root);
}
