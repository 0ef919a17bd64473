/*-------------------------------------------------------------------------
 *
 * clone_schema.c
 *		synth_clone_schema: an anonymized copy of a set of tables related by
 *		foreign keys, made in a schema of its own.
 *
 *		The tables are created like their sources (columns, defaults,
 *		identity, CHECKs, keys, indexes, partitions) and filled parents first,
 *		each from its own model: a child's foreign-key columns draw the keys
 *		of the cloned parent, each parent its fitted number of children
 *		(roles_sample.c), so no real key is needed to read the copy.  Edges
 *		the order cannot follow (a cycle, a self-reference, a key of several
 *		columns) are repaired once every table is filled.  Then the links the
 *		source obeys in every row (schema_graph.c) are made to hold: copies of
 *		a parent's column, times after the parent's, and parent columns that
 *		are the sum or count of their children's.  Last the foreign keys are
 *		added, validated.  One statement: all or nothing.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * IDENTIFICATION
 *		src/clone_schema.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

#include "catalog/namespace.h"
#include "catalog/pg_constraint.h"
#include "storage/itemptr.h"
#include "utils/array.h"
#include "utils/lsyscache.h"
#include "derived.h"
#include "schema_graph.h"
#include "utils/snapmgr.h"
#include "portability/instr_time.h"

/* parents a link must be checked on before it is believed */
#define LINK_MIN_ROWS 20

/* one table of the clone */
typedef struct CloneTable
{
	Oid			source;
	Oid			target;
	char	   *target_name;	/* quoted, qualified */
	char	   *source_name;
	int64		source_rows;
	int64		rows;
	List	   *notnull_later;	/* columns whose NOT NULL waits for a repair */
	List	   *defaults_later; /* NOT NULL columns the model leaves NULL: defaults */
	List	   *unmodelled;		/* columns the model leaves NULL (then NULL,
								 * or their default) */
	double	   *repair_nulls;	/* per edge: NULL share to keep after repair, or -1 */
	bool		roomy;			/* filled with room for rewrites (rewrites_later) */
	bool		copy_triggers;	/* the source's triggers keep a derived column:
								 * recreated after every repair and link */
} CloneTable;

typedef struct CloneSchema
{
	SdSchemaGraph *g;
	CloneTable *t;
	char	   *nspname;
	Oid			func_nsp;
	uint64		seed;
	double		scale;
	Jsonb	   *options;		/* without "tables" */
	JsonbContainer *per_table;	/* options->"tables", or NULL */
	bool	   *repair;			/* per edge: filled after every table */
	bool	   *drawn;			/* per edge: a composite key drawn by the model */
	List	   *links;			/* the links found on the source */
	MemoryContext cxt;
} CloneSchema;

/* ---- arguments ---------------------------------------------------------- */

/* the options of table i: the call's, overridden by "tables" -> name */
static Jsonb *
table_options(CloneSchema *cs, int i)
{
	JsonbValue *v;
	JsonbValue	k;

	if (cs->per_table == NULL)
		return cs->options;
	k.type = jbvString;
	k.val.string.val = cs->g->names[i];
	k.val.string.len = strlen(cs->g->names[i]);
	v = findJsonbValueFromContainer(cs->per_table, JB_FOBJECT, &k);
	if (v == NULL)
		return cs->options;
	if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("options for table \"%s\" must be a JSON object", cs->g->names[i])));
	return DatumGetJsonbP(DirectFunctionCall2(jsonb_concat, JsonbPGetDatum(cs->options),
											  JsonbPGetDatum(JsonbValueToJsonb(v))));
}

/* splits option "tables" off, and checks that it names tables of the clone */
static void
split_options(CloneSchema *cs, Jsonb *options)
{
	JsonbValue *v;
	JsonbIterator *it;
	JsonbValue	k;
	JsonbIteratorToken tok;

	if (!JB_ROOT_IS_OBJECT(options) || JB_ROOT_IS_SCALAR(options))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("options must be a JSON object")));
	cs->options = options;
	v = jget(&options->root, "tables");
	if (v == NULL)
		return;
	if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"tables\" must be a JSON object"),
				 errhint("Map table names to fit options, e.g. '{\"tables\": {\"customer\": {\"k\": 10}}}'.")));
	cs->per_table = v->val.binary.data;
	it = JsonbIteratorInit(cs->per_table);
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		char	   *name;
		int			i;
		bool		found = false;

		if (tok != WJB_KEY)
			continue;
		name = pnstrdup(k.val.string.val, k.val.string.len);
		for (i = 0; i < cs->g->ntables; i++)
			found |= strcmp(cs->g->names[i], name) == 0;
		if (!found)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"tables\" names \"%s\", which is not a table of the clone", name)));
	}
	cs->options = DatumGetJsonbP(DirectFunctionCall2(jsonb_delete, JsonbPGetDatum(options),
													 CStringGetTextDatum("tables")));
}

/* the target schema, created when it does not exist */
static char *
target_schema(CloneSchema *cs, const char *name)
{
	Oid			nsp = get_namespace_oid(name, true);
	int			i;

	if (!OidIsValid(nsp))
	{
		if (SPI_execute(psprintf("CREATE SCHEMA %s", quote_identifier(name)), false, 0) != SPI_OK_UTILITY)
			elog(ERROR, "could not create schema \"%s\"", name);
		MemoryContextSwitchTo(cs->cxt);
		return pstrdup(name);
	}
	for (i = 0; i < cs->g->ntables; i++)
		if (get_rel_namespace(cs->g->relids[i]) == nsp)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("target schema \"%s\" holds source table \"%s\"", name, cs->g->names[i]),
					 errhint("Clone into a schema of its own.")));
	return pstrdup(name);
}

/* ---- creating the tables ------------------------------------------------ */

/* the text of the one value a query returns (in the current context) */
static char *
spi_text(const char *query)
{
	MemoryContext cxt = CurrentMemoryContext;
	char	   *v;

	if (sd_spi_execute(query, 0, NULL, NULL, NULL, false, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "could not read the catalog");
	MemoryContextSwitchTo(cxt);
	v = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	SPI_freetuptable(SPI_tuptable);
	return v;
}

/* CREATE TABLE target (LIKE source ...), partitioned and with partitions like it */
static void
create_like(CloneSchema *cs, Oid source, const char *target, const char *partition_of)
{
	StringInfoData q;
	char		relkind = get_rel_relkind(source);
	List	   *children = NIL;
	ListCell   *lc;
	MemoryContext cxt = CurrentMemoryContext;

	initStringInfo(&q);
	if (partition_of == NULL)
		appendStringInfo(&q, "CREATE TABLE %s (LIKE %s INCLUDING ALL)", target,
						 quote_qualified_identifier(get_namespace_name(get_rel_namespace(source)),
													get_rel_name(source)));
	else
		appendStringInfo(&q, "CREATE TABLE %s PARTITION OF %s %s", target, partition_of,
						 spi_text(psprintf("SELECT pg_catalog.pg_get_expr(c.relpartbound, c.oid)"
										   " FROM pg_catalog.pg_class c"
										   " WHERE c.oid OPERATOR(pg_catalog.=) '%u'::pg_catalog.oid",
										   source)));
	if (relkind == RELKIND_PARTITIONED_TABLE)
	{
		appendStringInfo(&q, " PARTITION BY %s",
						 TextDatumGetCString(DirectFunctionCall1(pg_get_partkeydef,
																 ObjectIdGetDatum(source))));
		children = find_inheritance_children(source, AccessShareLock);
	}
	if (SPI_execute(q.data, false, 0) != SPI_OK_UTILITY)
		elog(ERROR, "could not create %s", target);
	MemoryContextSwitchTo(cxt);
	foreach(lc, children)
	{
		Oid			part = lfirst_oid(lc);

		create_like(cs, part, quote_qualified_identifier(cs->nspname, get_rel_name(part)), target);
	}
}

/* the edge of table ti to a parent named parent that holds column col, or -1 */
static int
edge_of_column(const SdSchemaGraph *g, int ti, const char *col, const char *parent)
{
	int			e,
				j;

	for (e = 0; e < g->nedges; e++)
		if (g->edges[e].child == ti && strcmp(g->names[g->edges[e].parent], parent) == 0)
			for (j = 0; j < g->edges[e].nkeys; j++)
				if (strcmp(g->edges[e].child_cols[j], col) == 0)
					return e;
	return -1;
}

/*
 * Points the model's foreign-key columns at the cloned parents.  A column
 * of an edge repaired later (a cycle) is drawn as NULL for now; it keeps
 * its NULL share for the repair.
 */
static void
redirect_parents(CloneSchema *cs, int ti, Model *m)
{
	int			i;

	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *c = &m->cols[i];
		int			e;

		if (c->sem == NULL || c->sem->ref_table == NULL)
			continue;
		c->sem->in_clone = true;
		e = edge_of_column(cs->g, ti, c->name, c->sem->ref_table);
		if (e < 0)
			elog(ERROR, "foreign-key column \"%s\" of \"%s\" has no parent in the clone",
				 c->name, cs->g->names[ti]);
		if (cs->g->edges[e].broken || cs->g->edges[e].self)
		{
			/*
			 * drawn NULL (a NULL kind loads no parent), keeps its reference;
			 * a self-reference too, as its parents are the rows being drawn
			 */
			cs->t[ti].repair_nulls[e] = c->null_fraction;
			c->kind = MK_NULL;
			cs->t[ti].notnull_later = lappend(cs->t[ti].notnull_later, pstrdup(c->name));
			continue;
		}
		c->sem->ref_schema = cs->nspname;
		c->sem->ref_table = cs->g->names[cs->g->edges[e].parent];
		/* a composite key the model draws whole needs no repair */
		if (cs->g->edges[e].nkeys > 1 && !cs->g->edges[e].broken && !cs->g->edges[e].self)
			cs->drawn[e] = true;
	}
	/* the table two steps away that names the row's country, if cloned */
	if (m->personal != NULL && m->personal->country_through != NULL)
	{
		ModelPersonal *p = m->personal;
		Oid			nsp = get_namespace_oid(p->country_schema, true);
		Oid			grel = OidIsValid(nsp) ? get_relname_relid(p->country_table, nsp) : InvalidOid;

		for (i = 0; i < cs->g->ntables; i++)
			if (OidIsValid(grel) && cs->g->relids[i] == grel)
			{
				p->country_schema = cs->nspname;
				p->country_table = cs->g->names[i];
			}
	}
}

/* the type and typmod of column col of a source table */
static Oid
column_type(Oid relid, const char *col, int32 *typmod)
{
	AttrNumber	att = get_attnum(relid, col);
	Oid			typid = InvalidOid;
	Oid			coll;

	*typmod = -1;
	if (att != InvalidAttrNumber)
		get_atttypetypmodcoll(relid, att, &typid, typmod, &coll);
	return typid;
}

/*
 * Whether link l (other than skip) changes column col of table t after the
 * fills: an UPDATE's target, a sum or count, or a time of the row that an
 * ordering moves along (same type as the ordered column).
 */
static bool
changed_later(CloneSchema *cs, const SdSchemaLink *skip, int t, const char *col)
{
	ListCell   *lc;
	int32		typmod;
	Oid			typid = column_type(cs->g->relids[t], col, &typmod);
	int			e;

	foreach(lc, cs->links)
	{
		SdSchemaLink *l = lfirst(lc);
		const SdSchemaEdge *ed = &cs->g->edges[l->edge];

		if (l == skip || l->in_sampler)
			continue;
		if ((l->kind == SD_LINK_SUM || l->kind == SD_LINK_COUNT) ?
			ed->parent == t && strcmp(l->parent_col, col) == 0 :
			ed->child == t && (strcmp(l->child_col, col) == 0 ||
							   (l->kind == SD_LINK_AFTER &&
								column_type(cs->g->relids[t], l->child_col, &typmod) == typid)))
			return true;
	}
	/* a foreign key filled after every table */
	for (e = 0; e < cs->g->nedges; e++)
		if (cs->g->edges[e].child == t && cs->repair[e])
		{
			int			j;

			for (j = 0; j < cs->g->edges[e].nkeys; j++)
				if (strcmp(cs->g->edges[e].child_cols[j], col) == 0)
					return true;
		}
	return false;
}

/*
 * The copies of a parent's column (orders.ship_name = customers.last_name)
 * that the sampler of table ti makes as it draws the rows, instead of an
 * UPDATE of every row afterwards: a one-column foreign key drawn from the
 * cloned parent, the two columns of one type, a parent's column final when
 * its children are drawn (the parents are filled first; no link, repair or
 * ordering changes it later) and a row's column nothing else changes.
 */
static void
sampler_copies(CloneSchema *cs, int ti, Model *m)
{
	ListCell   *lc;

	foreach(lc, cs->links)
	{
		SdSchemaLink *l = lfirst(lc);
		const SdSchemaEdge *ed = &cs->g->edges[l->edge];
		ModelCol   *fk = NULL,
				   *copy = NULL;
		int32		tm1,
					tm2;
		int			j;

		if (l->kind != SD_LINK_COPY || ed->child != ti || ed->nkeys != 1 || ed->self ||
			ed->broken || cs->repair[l->edge] ||
			column_type(cs->g->relids[ti], l->child_col, &tm1) !=
			column_type(cs->g->relids[ed->parent], l->parent_col, &tm2) || tm1 != tm2 ||
			changed_later(cs, l, ed->parent, l->parent_col) ||
			changed_later(cs, l, ti, l->child_col))
			continue;
		for (j = 0; j < m->ncols; j++)
		{
			if (strcmp(m->cols[j].name, ed->child_cols[0]) == 0)
				fk = &m->cols[j];
			if (strcmp(m->cols[j].name, l->child_col) == 0)
				copy = &m->cols[j];
		}
		if (fk == NULL || copy == NULL || fk->kind == MK_NULL || fk->sem == NULL ||
			fk->sem->ref_table == NULL || !fk->sem->in_clone ||
			(copy->sem != NULL && copy->sem->ref_table != NULL) || copy->kind == MK_DERIVED)
			continue;
		if (fk->sem->ncopies == 0)
		{
			fk->sem->copy_cols = palloc(sizeof(char *) * list_length(cs->links));
			fk->sem->copy_from = palloc(sizeof(char *) * list_length(cs->links));
		}
		fk->sem->copy_cols[fk->sem->ncopies] = pstrdup(l->child_col);
		fk->sem->copy_from[fk->sem->ncopies] = pstrdup(l->parent_col);
		fk->sem->ncopies++;
		l->in_sampler = true;
	}
}

/*
 * How many links rewrite every row of table t after the fills: sums or
 * counts of its children, copies of a parent's column its sampler does not
 * make.  Such a table is filled with room for that many new versions of
 * each row (fillfactor 100 / (rewrites + 1), 10 at least), so that each
 * UPDATE puts a row's new version beside the old one as a heap-only
 * update: no new page and no index entry (the sum of the bench schema's
 * 300,000 orders took 1.5 s instead of 2.7 s).  The table ends as large as
 * the rewrites leave it anyway, old versions included; its fillfactor is
 * reset once the links are made.
 */
static int
rewrites_later(CloneSchema *cs, int t)
{
	ListCell   *lc;
	int			n = 0;

	foreach(lc, cs->links)
	{
		SdSchemaLink *l = lfirst(lc);
		const SdSchemaEdge *ed = &cs->g->edges[l->edge];

		if (l->in_sampler)
			continue;
		if ((l->kind == SD_LINK_SUM || l->kind == SD_LINK_COUNT) && ed->parent == t)
			n++;
		else if (l->kind == SD_LINK_COPY && ed->child == t)
			n++;
	}
	return n;
}

/* sets the fillfactor of a table rewritten later (rewrites > 0), or resets it */
static void
set_room(CloneSchema *cs, CloneTable *ct, int rewrites)
{
	if (SPI_execute(rewrites > 0 ?
					psprintf("ALTER TABLE %s SET (fillfactor = %d)", ct->target_name,
							 Max(10, 100 / (rewrites + 1))) :
					psprintf("ALTER TABLE %s RESET (fillfactor)", ct->target_name),
					false, 0) != SPI_OK_UTILITY)
		elog(ERROR, "could not set the fillfactor of %s", ct->target_name);
	MemoryContextSwitchTo(cs->cxt);
}

/* whether another table of the clone references table ti */
static bool
is_parent(const CloneSchema *cs, int ti)
{
	int			e;

	for (e = 0; e < cs->g->nedges; e++)
		if (cs->g->edges[e].parent == ti && !cs->g->edges[e].self)
			return true;
	return false;
}

/*
 * Rows of table ti: a root gets scale times its source's rows; a child as
 * many more or fewer as its cloned parents have (the largest ratio), so its
 * foreign keys' child slots (one round of them) are filled.
 */
static int64
table_rows(CloneSchema *cs, int ti, int64 source_rows)
{
	double		ratio = -1;
	int			e;

	for (e = 0; e < cs->g->nedges; e++)
	{
		const SdSchemaEdge *ed = &cs->g->edges[e];
		const CloneTable *p = &cs->t[ed->parent];

		if (ed->child != ti || (cs->repair[e] && !cs->drawn[e]) || p->source_rows <= 0)
			continue;
		ratio = Max(ratio, (double) p->rows / (double) p->source_rows);
	}
	if (ratio < 0)
		ratio = cs->scale;
	return (int64) Min(rint((double) source_rows * ratio), 4.6e18);
}

/*
 * A NOT NULL column the model leaves NULL (too few values to model any
 * privately, as a lookup table's last_update) takes its default.  The
 * sampler writes a default that is not volatile (sampler_column_default);
 * a volatile one (random(), a sequence) is evaluated by PostgreSQL after
 * the fill, the column being nullable meanwhile.
 */
static void
defaults_for_null_columns(CloneTable *ct, const Model *m)
{
	SdTable    *src = sd_table_open(ct->source, 0);
	int			i;

	for (i = 0; i < m->ncols; i++)
	{
		int			c = sd_table_column(src, m->cols[i].name);

		if (m->cols[i].kind == MK_NULL && c >= 0 && src->columns[c].notnull &&
			src->columns[c].has_default && !src->columns[c].generated &&
			!sd_name_in_list(ct->notnull_later, m->cols[i].name) &&
			!sampler_column_default(ct->source, src->columns[c].attnum, NULL))
			ct->defaults_later = lappend(ct->defaults_later, pstrdup(m->cols[i].name));
	}
}

static void clone_one_table(CloneSchema *cs, int ti);

/* a list of strings and its strings, in the current context */
static List *
string_list_copy(List *l)
{
	List	   *out = NIL;
	ListCell   *lc;

	foreach(lc, l)
		out = lappend(out, pstrdup((char *) lfirst(lc)));
	return out;
}

static void
clone_one_context(void *arg)
{
	errcontext("cloning table \"%s\" in synth_clone_schema", (const char *) arg);
}

/* creates and fills table ti */
static void
clone_one(CloneSchema *cs, int ti)
{
	ErrorContextCallback errcb;
	CloneTable *ct = &cs->t[ti];
	MemoryContext keep = cs->cxt;
	MemoryContext tcxt = AllocSetContextCreate(keep, "synth_clone_schema table",
											   ALLOCSET_DEFAULT_SIZES);

	errcb.callback = clone_one_context;
	errcb.arg = cs->g->names[ti];
	errcb.previous = error_context_stack;
	error_context_stack = &errcb;

	/*
	 * The table's model, sampler and parents' keys live in a context of
	 * their own, deleted once the table is filled: a schema clone holds one
	 * table's working memory at a time, as synth_clone_table does.
	 */
	cs->cxt = tcxt;
	MemoryContextSwitchTo(tcxt);
	clone_one_table(cs, ti);
	cs->cxt = keep;
	MemoryContextSwitchTo(keep);
	ct->target_name = pstrdup(ct->target_name);
	ct->source_name = pstrdup(ct->source_name);
	ct->notnull_later = string_list_copy(ct->notnull_later);
	ct->defaults_later = string_list_copy(ct->defaults_later);
	ct->unmodelled = string_list_copy(ct->unmodelled);
	MemoryContextDelete(tcxt);
	error_context_stack = errcb.previous;
}

static void
clone_one_table(CloneSchema *cs, int ti)
{
	CloneTable *ct = &cs->t[ti];
	Jsonb	   *options = table_options(cs, ti);
	FitOptions	fo;
	Model	   *m;
	ListCell   *lc;
	uint64		seed = sd_mix64(cs->seed ^ sd_hash_bytes(cs->g->names[ti],
														 strlen(cs->g->names[ti]), 11));

	instr_time	t;
	double		fit_ms;
	int			rewrites,
				i;

	INSTR_TIME_SET_CURRENT(t);
	parse_fit_options(options, &fo);
	m = fit_model(ct->source, options, cs->func_nsp, fo.guard);
	MemoryContextSwitchTo(cs->cxt);
	fit_ms = sd_lap_ms(&t);
	ct->source_rows = m->rows;
	redirect_parents(cs, ti, m);
	sampler_copies(cs, ti, m);

	/*
	 * The exact-copy guard is built again when sampling, without the
	 * foreign keys to the clone's parents (their values are fresh keys).
	 */
	m->guard = NULL;
	m->guard_bits = 0;
	m->guard_example_free = NULL;
	m->guard_restrict = NULL;
	ct->rows = table_rows(cs, ti, m->rows);
	if (ct->rows == 0 && m->privacy != NULL && is_parent(cs, ti))
	{
		/*
		 * A private row count of a small table can come out 0; its children
		 * need a parent to point at (post-processing of the count).
		 */
		ct->rows = 1;
		ct->source_rows = Max(ct->source_rows, 1);
	}
	ct->target_name = quote_qualified_identifier(cs->nspname, cs->g->names[ti]);
	ct->source_name = quote_qualified_identifier(m->schema, m->table);
	create_like(cs, ct->source, ct->target_name, NULL);
	ct->target = get_relname_relid(cs->g->names[ti], get_namespace_oid(cs->nspname, false));
	defaults_for_null_columns(ct, m);
	for (i = 0; i < m->ncols; i++)
		if (m->cols[i].kind == MK_NULL || m->cols[i].null_fraction >= 1)
			ct->unmodelled = lappend(ct->unmodelled, pstrdup(m->cols[i].name));
	foreach(lc, ct->defaults_later)
		ct->notnull_later = lappend(ct->notnull_later, lfirst(lc));
	foreach(lc, ct->notnull_later)
	{
		if (SPI_execute(psprintf("ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL", ct->target_name,
								 quote_identifier((char *) lfirst(lc))), false, 0) != SPI_OK_UTILITY)
			elog(ERROR, "could not prepare %s", ct->target_name);
		MemoryContextSwitchTo(cs->cxt);
	}

	/*
	 * The parents were filled by this statement: the fill (and its parallel
	 * workers, which take the active snapshot) reads their keys under a
	 * snapshot that sees every command so far.
	 */
	if (get_rel_relkind(ct->target) == RELKIND_RELATION && (rewrites = rewrites_later(cs, ti)) > 0)
	{
		set_room(cs, ct, rewrites);
		ct->roomy = true;
	}
	CommandCounterIncrement();
	PushCopiedSnapshot(GetActiveSnapshot());
	UpdateActiveSnapshotCommandId();
	ct->rows = clone_fill_new_table(ct->source, m, ct->target, ct->target_name, ct->rows,
									seed, fo.guard, cs->func_nsp);
	PopActiveSnapshot();
	MemoryContextSwitchTo(cs->cxt);
	foreach(lc, ct->defaults_later)
	{
		const char *col = quote_identifier((char *) lfirst(lc));

		if (SPI_execute(psprintf("UPDATE %s SET %s = DEFAULT WHERE %s IS NULL", ct->target_name, col, col),
						false, 0) != SPI_OK_UPDATE ||
			SPI_execute(psprintf("ALTER TABLE %s ALTER COLUMN %s SET NOT NULL", ct->target_name, col),
						false, 0) != SPI_OK_UTILITY)
			elog(ERROR, "could not finish %s", ct->target_name);
		MemoryContextSwitchTo(cs->cxt);
	}
	ct->copy_triggers = derived_by_trigger(m);
	elog(DEBUG1, "synth_clone_schema: %s: fit %.0f ms, create and fill %.0f ms",
		 ct->target_name, fit_ms, sd_lap_ms(&t));
}

/* ---- repairs: the edges the order could not follow ------------------------ */

static char *
column_list(char **cols, int n, const char *prefix)
{
	StringInfoData b;
	int			i;

	initStringInfo(&b);
	for (i = 0; i < n; i++)
		appendStringInfo(&b, "%s%s%s", i ? ", " : "", prefix, quote_identifier(cols[i]));
	return b.data;
}

/*
 * The source's children per row of a one-column self-reference (a manager
 * column): counts[k] rows have k children, k < *nk; and *roots_share, the
 * share of its rows without a parent.
 */
static int64 *
self_children_histogram(CloneSchema *cs, const SdSchemaEdge *ed, int *nk, double *roots_share)
{
	const CloneTable *t = &cs->t[ed->child];
	const char *c = quote_identifier(ed->child_cols[0]);
	const char *k = quote_identifier(ed->parent_cols[0]);
	AttrNumber	att = get_attnum(t->source, ed->parent_cols[0]);
	const char *eq = sd_sql_eq_operator(get_atttype(t->source, att));
	int64	   *counts;
	int64		roots = 0,
				rows = 0;
	uint64		r;
	int			ret;

	ret = SPI_execute(psprintf("SELECT s.k, pg_catalog.count(*), pg_catalog.sum(s.root::pg_catalog.int4)"
							   " FROM (SELECT COALESCE(c.n, 0) AS k, p.%s IS NULL AS root FROM %s p"
							   " LEFT JOIN (SELECT y.%s AS v, pg_catalog.count(*) AS n FROM %s y"
							   " WHERE y.%s IS NOT NULL GROUP BY y.%s) c"
							   " ON c.v %s p.%s) s GROUP BY s.k ORDER BY s.k",
							   c, t->source_name, c, t->source_name, c, c, eq, k),
					  true, 0);
	MemoryContextSwitchTo(cs->cxt);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "could not count the children per row of %s", t->source_name);
	*nk = 0;
	if (SPI_processed > 0)
	{
		bool		isnull;

		*nk = (int) Min(DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[SPI_processed - 1],
													SPI_tuptable->tupdesc, 1, &isnull)) + 1,
						(int64) INT_MAX / 2);
	}
	counts = palloc0(sizeof(int64) * Max(*nk, 1));
	for (r = 0; r < SPI_processed; r++)
	{
		bool		isnull;
		int64		kk = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1, &isnull));

		if (kk < 0 || kk >= *nk)
			continue;
		counts[kk] = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2, &isnull));
		roots += DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 3, &isnull));
		rows += counts[kk];
	}
	*roots_share = rows > 0 ? (double) roots / (double) rows : 0;
	SPI_freetuptable(SPI_tuptable);
	return counts;
}

static int
int64_descending(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;

	return (x < y) - (x > y);
}

/*
 * Children per row for n rows, read off the source's histogram at the
 * rows' quantiles, then moved one at a time (from the largest count, or to
 * it) until they add up to want; largest first.
 */
static int64 *
children_counts(const int64 *hist, int nk, int64 n, int64 want)
{
	int64	   *c = palloc0(sizeof(int64) * Max(n, 1));
	int64		total = 0,
				sum = 0,
				above,
				i,
				nonzero,
				at = 0;
	int			k;

	for (k = 0; k < nk; k++)
		total += hist[k];
	if (total <= 0)
		return c;
	/* quantile (i + 0.5) / n, largest first: one walk down the counts */
	k = nk - 1;
	above = hist[k];
	for (i = 0; i < n; i++)
	{
		double		q = ((double) i + 0.5) / (double) n * (double) total;

		while (k > 0 && (double) above <= q)
			above += hist[--k];
		c[i] = k;
		sum += k;
	}
	while (sum > want)
	{
		CHECK_FOR_INTERRUPTS();
		if (at >= n || c[at] == 0)
			at = 0;
		c[at++]--;
		sum--;
	}
	/* the rows with children (at least the first) take the missing ones in turn */
	for (nonzero = 1; nonzero < n && c[nonzero] > 0; nonzero++)
		;
	for (at = 0; sum < want; at = (at + 1) % nonzero)
	{
		CHECK_FOR_INTERRUPTS();
		c[at]++;
		sum++;
	}
	qsort(c, n, sizeof(int64), int64_descending);
	return c;
}

/*
 * A one-column self-reference (an employee's manager) as a forest, as the
 * source is one: the clone's rows in a keyed order, as many roots first as
 * rows the repair leaves without a parent, then each row in turn takes the
 * next rows as its children, as many as its count (the source's children
 * per row at the row's quantile, largest first, adding up to the rows that
 * have a parent).  A parent always comes before its children, so there is
 * no cycle, and the children per parent follow the source's.  Returns false
 * (the caller repairs round robin) when the source has no root or no leaf,
 * or the clone fewer than two rows or more than SELF_FOREST_MAX_ROWS.
 */
#define SELF_FOREST_MAX_ROWS 20000000
static bool
repair_self_reference(CloneSchema *cs, int e, const char *seedtxt)
{
	const SdSchemaEdge *ed = &cs->g->edges[e];
	CloneTable *t = &cs->t[ed->child];
	int64		n,
				roots = 0,
				j,
				p,
				i;
	int64	   *hist,
			   *count;
	int			nk;
	Datum	   *co,
			   *ct,
			   *po,
			   *pt;
	bool	   *pnull;
	ItemPointerData *tids;
	Oid			argtypes[4] = {OIDARRAYOID, TIDARRAYOID, OIDARRAYOID, TIDARRAYOID};
	Datum		args[4];
	int			dims[1],
				lbs[1];
	double		roots_share;
	int			ret;

	if (t->rows > SELF_FOREST_MAX_ROWS)
		return false;
	hist = self_children_histogram(cs, ed, &nk, &roots_share);
	if (nk == 0)
		return false;
	ret = SPI_execute(psprintf("SELECT y.tableoid, y.ctid FROM %s y ORDER BY"
							   " pg_catalog.hashtext(y.ctid::pg_catalog.text OPERATOR(pg_catalog.||) %s), y.ctid",
							   t->target_name, quote_literal_cstr(seedtxt)),
					  false, 0);
	MemoryContextSwitchTo(cs->cxt);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "could not read the rows of %s", t->target_name);
	n = (int64) SPI_processed;
	co = palloc(sizeof(Datum) * Max(n, 1));
	ct = palloc(sizeof(Datum) * Max(n, 1));
	po = palloc0(sizeof(Datum) * Max(n, 1));
	pt = palloc0(sizeof(Datum) * Max(n, 1));
	pnull = palloc(sizeof(bool) * Max(n, 1));
	tids = palloc(sizeof(ItemPointerData) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		bool		isnull;

		co[i] = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull);
		ItemPointerCopy((ItemPointer) DatumGetPointer(SPI_getbinval(SPI_tuptable->vals[i],
														  SPI_tuptable->tupdesc, 2, &isnull)), &tids[i]);
		ct[i] = PointerGetDatum(&tids[i]);
		pnull[i] = true;
	}
	SPI_freetuptable(SPI_tuptable);
	/* the source's share of roots, at least one root when it has any */
	if (roots_share > 0)
		roots = Max((int64) rint(roots_share * (double) n), 1);
	/* a forest needs a root and a leaf in the source, and a parent here */
	if (n < 2 || hist[0] <= 0 || roots == 0 || roots == n)
		return false;
	count = children_counts(hist, nk, n, n - roots);
	elog(DEBUG1, "synth_clone_schema: %s: a forest of " INT64_FORMAT " rows, " INT64_FORMAT " roots, largest count " INT64_FORMAT,
		 t->target_name, n, roots, count[0]);
	/* breadth first: the children of row p are the next rows not yet placed */
	for (p = 0, j = roots; p < n && j < n; p++)
	{
		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < count[p] && j < n; i++, j++)
		{
			if (j <= p)
				break;
			po[j] = co[p];
			pt[j] = ct[p];
			pnull[j] = false;
		}
	}
	args[0] = PointerGetDatum(construct_array(co, (int) n, OIDOID, sizeof(Oid), true, TYPALIGN_INT));
	args[1] = PointerGetDatum(construct_array(ct, (int) n, TIDOID, sizeof(ItemPointerData), false, TYPALIGN_SHORT));
	dims[0] = (int) n;
	lbs[0] = 1;
	args[2] = PointerGetDatum(construct_md_array(po, pnull, 1, dims, lbs,
												 OIDOID, sizeof(Oid), true, TYPALIGN_INT));
	args[3] = PointerGetDatum(construct_md_array(pt, pnull, 1, dims, lbs,
												 TIDOID, sizeof(ItemPointerData), false, TYPALIGN_SHORT));
	ret = sd_spi_execute(psprintf("UPDATE %s x SET (%s) = ROW(p.%s) FROM"
								  " ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3),"
								  " pg_catalog.unnest($4)) m(co, ct, po, pt) LEFT JOIN %s p"
								  " ON p.tableoid OPERATOR(pg_catalog.=) m.po AND p.ctid OPERATOR(pg_catalog.=) m.pt"
								  " WHERE x.tableoid OPERATOR(pg_catalog.=) m.co AND x.ctid OPERATOR(pg_catalog.=) m.ct",
								  t->target_name, quote_identifier(ed->child_cols[0]),
								  quote_identifier(ed->parent_cols[0]), t->target_name),
						 4, argtypes, args, NULL, false, 0);
	MemoryContextSwitchTo(cs->cxt);
	if (ret != SPI_OK_UPDATE)
		elog(ERROR, "could not point %s at its parents", t->target_name);
	return true;
}

/*
 * Gives the child rows of edge e parents of the clone: the rows that hold a
 * value (or, for a column drawn NULL until now, the share that the source
 * holds) in a keyed order take the parents' keys in another keyed order,
 * round robin, so parents get children evenly and a unique column stays
 * unique while there are parents enough.  A self-reference never points a
 * row at itself when the table has two rows or more.
 */
static void
repair_edge(CloneSchema *cs, int e)
{
	const SdSchemaEdge *ed = &cs->g->edges[e];
	CloneTable *child = &cs->t[ed->child];
	CloneTable *parent = &cs->t[ed->parent];
	double		nulls = child->repair_nulls[e];
	char	   *seedtxt = psprintf(UINT64_FORMAT, sd_mix64(cs->seed ^ (uint64) e));
	StringInfoData q;
	char	   *which;

	if (ed->self && ed->nkeys == 1 && repair_self_reference(cs, e, seedtxt))
		return;
	if (nulls >= 0)
		which = psprintf("WHERE pg_catalog.abs(pg_catalog.hashtext(q.t::pg_catalog.text"
						 " OPERATOR(pg_catalog.||) %s)) OPERATOR(pg_catalog.>=) %.0f",
						 quote_literal_cstr(seedtxt), nulls * 2147483647.0);
	else
		which = pstrdup("WHERE q.v IS NOT NULL");

	/*
	 * Children and parents are numbered in one keyed order of their rows'
	 * places (all children, before the filter), so that for a
	 * self-reference child r takes parent r + 1: never itself.
	 */
	initStringInfo(&q);
	appendStringInfo(&q,
					 "UPDATE %s x SET (%s) = ROW(%s)"
					 " FROM (SELECT q.o, q.t, q.r FROM (SELECT y.tableoid AS o, y.ctid AS t, y.%s AS v,"
					 " pg_catalog.row_number() OVER (ORDER BY pg_catalog.hashtext(y.ctid::pg_catalog.text"
					 " OPERATOR(pg_catalog.||) %s), y.ctid) OPERATOR(pg_catalog.-) 1 AS r FROM %s y) q %s) o,"
					 " (SELECT %s, pg_catalog.row_number() OVER (ORDER BY pg_catalog.hashtext(z.ctid::pg_catalog.text"
					 " OPERATOR(pg_catalog.||) %s), z.ctid) OPERATOR(pg_catalog.-) 1 AS r,"
					 " pg_catalog.count(*) OVER () AS c FROM %s z) p"
					 " WHERE x.tableoid OPERATOR(pg_catalog.=) o.o AND x.ctid OPERATOR(pg_catalog.=) o.t"
					 " AND p.r OPERATOR(pg_catalog.=) ((o.r OPERATOR(pg_catalog.+) %d) OPERATOR(pg_catalog.%%) p.c)",
					 child->target_name, column_list(ed->child_cols, ed->nkeys, ""),
					 column_list(ed->parent_cols, ed->nkeys, "p."),
					 quote_identifier(ed->child_cols[0]),
					 quote_literal_cstr(seedtxt), child->target_name, which,
					 column_list(ed->parent_cols, ed->nkeys, "z."),
					 quote_literal_cstr(seedtxt), parent->target_name, ed->self ? 1 : 0);
	if (SPI_execute(q.data, false, 0) != SPI_OK_UPDATE)
		elog(ERROR, "could not point %s at its parents", child->target_name);
	MemoryContextSwitchTo(cs->cxt);
}

static void
repair_edges(CloneSchema *cs)
{
	int			e,
				i;
	ListCell   *lc;

	for (e = 0; e < cs->g->nedges; e++)
		if (cs->repair[e] && !cs->drawn[e])
		{
			CHECK_FOR_INTERRUPTS();
			repair_edge(cs, e);
		}
	for (i = 0; i < cs->g->ntables; i++)
		foreach(lc, cs->t[i].notnull_later)
		{
			SdTable    *src = sd_table_open(cs->t[i].source, 0);
			int			c = sd_table_column(src, (char *) lfirst(lc));

			if (c < 0 || !src->columns[c].notnull)
				continue;
			if (SPI_execute(psprintf("ALTER TABLE %s ALTER COLUMN %s SET NOT NULL", cs->t[i].target_name,
									 quote_identifier((char *) lfirst(lc))), false, 0) != SPI_OK_UTILITY)
				elog(ERROR, "could not finish %s", cs->t[i].target_name);
			MemoryContextSwitchTo(cs->cxt);
		}
}

/* ---- links: copies, orderings, aggregates --------------------------------- */

/*
 * For a time moved after its parent's: the row's other times of its type
 * that were not before it move by as much (", col = CASE ... END" each).
 */
static char *
later_times(CloneSchema *cs, const SdSchemaLink *l)
{
	const SdSchemaEdge *ed = &cs->g->edges[l->edge];
	SdTable    *ct = sd_table_open(cs->t[ed->child].target, 0);
	SdTable    *pt = sd_table_open(cs->t[ed->parent].target, 0);
	int			a = sd_table_column(ct, l->child_col);
	int			b = sd_table_column(pt, l->parent_col);
	StringInfoData s;
	int			j;

	initStringInfo(&s);
	if (a < 0 || b < 0 || ct->columns[a].basetypid != pt->columns[b].basetypid)
		return s.data;
	for (j = 0; j < ct->ncolumns; j++)
	{
		const char *o = quote_identifier(ct->columns[j].name);
		const char *c = quote_identifier(l->child_col);

		if (j == a || ct->columns[j].basetypid != ct->columns[a].basetypid ||
			ct->columns[j].generated)
			continue;
		appendStringInfo(&s, ", %s = CASE WHEN c.%s OPERATOR(pg_catalog.>=) c.%s THEN c.%s OPERATOR(pg_catalog.+)"
						 " ((p.%s OPERATOR(pg_catalog.-) c.%s) OPERATOR(pg_catalog.*) 2) ELSE c.%s END",
						 o, o, c, o, quote_identifier(l->parent_col), c, o);
	}
	return s.data;
}

/* the statement that makes link l hold in the clone */
static char *
link_statement(CloneSchema *cs, const SdSchemaLink *l)
{
	const SdSchemaEdge *ed = &cs->g->edges[l->edge];
	const char *child = cs->t[ed->child].target_name;
	const char *parent = cs->t[ed->parent].target_name;
	const char *fk = quote_identifier(ed->child_cols[0]);
	const char *pk = quote_identifier(ed->parent_cols[0]);
	const char *pc = quote_identifier(l->parent_col);

	switch (l->kind)
	{
		case SD_LINK_COPY:
			return psprintf("UPDATE %s c SET %s = p.%s FROM %s p WHERE c.%s OPERATOR(pg_catalog.=) p.%s"
							" AND c.%s IS DISTINCT FROM p.%s",
							child, quote_identifier(l->child_col), pc, parent, fk, pk,
							quote_identifier(l->child_col), pc);
		case SD_LINK_AFTER:

			/*
			 * A child's time before its parent's is mirrored to as long
			 * after it (the gap keeps its size), and so are the row's later
			 * times of the same type, which keeps the row's own order.
			 */
			return psprintf("UPDATE %s c SET %s = p.%s OPERATOR(pg_catalog.+) (p.%s OPERATOR(pg_catalog.-) c.%s)%s"
							" FROM %s p WHERE c.%s OPERATOR(pg_catalog.=) p.%s"
							" AND c.%s OPERATOR(pg_catalog.<) p.%s",
							child, quote_identifier(l->child_col), pc, pc,
							quote_identifier(l->child_col), later_times(cs, l), parent, fk, pk,
							quote_identifier(l->child_col), pc);
		case SD_LINK_SUM:
		case SD_LINK_COUNT:
			{
				char	   *agg = l->kind == SD_LINK_COUNT ? pstrdup("pg_catalog.count(*)") :
					l->child_col2 == NULL ?
					psprintf("pg_catalog.sum(c.%s::pg_catalog.numeric)", quote_identifier(l->child_col)) :
					psprintf("pg_catalog.sum(c.%s::pg_catalog.numeric OPERATOR(pg_catalog.*) c.%s::pg_catalog.numeric)",
							 quote_identifier(l->child_col), quote_identifier(l->child_col2));

				/* one grouping of the children, joined to every parent */
				return psprintf("UPDATE %s p SET %s = COALESCE(s.v, 0) FROM (SELECT q.%s AS k, a.v FROM %s q"
								" LEFT JOIN (SELECT c.%s AS k, %s AS v FROM %s c GROUP BY c.%s) a"
								" ON a.k OPERATOR(pg_catalog.=) q.%s) s WHERE s.k OPERATOR(pg_catalog.=) p.%s",
								parent, pc, pk, parent, fk, agg, child, fk, pk, pk);
			}
	}
	return NULL;
}

/*
 * Runs a link's statement in a subtransaction: a link the clone cannot
 * keep (the moved time falls outside every partition, a CHECK refuses the
 * sum) is reported and the clone goes on without it.
 */
static void
run_update(void *sql)
{
	if (SPI_execute((const char *) sql, false, 0) != SPI_OK_UPDATE)
		elog(ERROR, "could not update the clone");
}

static void
apply_link(CloneSchema *cs, const SdSchemaLink *l)
{
	ErrorData  *edata;
	int			guc_level;
	bool		ok;
	instr_time	t;

	if (l->in_sampler)
		return;					/* made by the sampler as it drew the rows */
	guc_level = NewGUCNestLevel();

	/* the children's sums per parent: sorted, not a hash table of numeric states */
	if (l->kind == SD_LINK_SUM || l->kind == SD_LINK_COUNT)
		(void) set_config_option("enable_hashagg", "off", PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_LOCAL, true, 0, false);
	INSTR_TIME_SET_CURRENT(t);
	ok = sd_in_subtransaction(run_update, link_statement(cs, l), &edata);
	AtEOXact_GUC(true, guc_level);
	elog(DEBUG1, "synth_clone_schema: %s: %.0f ms", sd_schema_link_describe(cs->g, l), sd_lap_ms(&t));
	if (!ok)
	{
		ereport(NOTICE,
				(errmsg("the clone does not keep %s", sd_schema_link_describe(cs->g, l)),
				 errdetail("Making it hold failed: %s", edata->message)));
		FreeErrorData(edata);
	}
	MemoryContextSwitchTo(cs->cxt);
}

/* whether column col of table t is a sum or count of its children */
static bool
is_aggregate_target(CloneSchema *cs, int t, const char *col)
{
	ListCell   *lc;

	foreach(lc, cs->links)
	{
		SdSchemaLink *l = lfirst(lc);

		if ((l->kind == SD_LINK_SUM || l->kind == SD_LINK_COUNT) &&
			cs->g->edges[l->edge].parent == t && strcmp(l->parent_col, col) == 0)
			return true;
	}
	return false;
}

/*
 * Whether the model left column col of table t NULL: its clone holds NULLs
 * or its default (a NOT NULL time of a six-row table, which k rows do not
 * hold, is now()).  A child's copy of it, or a child's time after it,
 * would follow that default, not the source: pagila's films, updated after
 * their language in every source row, were mirrored after the clone's
 * now() by as long, into 2031.
 */
static bool
defaulted_column(CloneSchema *cs, int t, const char *col)
{
	return sd_name_in_list(cs->t[t].unmodelled, col);
}

/*
 * Copies and orderings child by child, parents first (a parent's values are
 * final before its children copy or follow them); then sums and counts
 * parent by parent, children first (a sum of sums adds final values).
 */
static void
apply_links(CloneSchema *cs)
{
	ListCell   *lc;
	int			i;

	for (i = 0; i < cs->g->ntables; i++)
		foreach(lc, cs->links)
		{
			SdSchemaLink *l = lfirst(lc);

			if ((l->kind == SD_LINK_COPY || l->kind == SD_LINK_AFTER) &&
				cs->g->edges[l->edge].child == i &&
				!defaulted_column(cs, cs->g->edges[l->edge].parent, l->parent_col) &&
				!(l->kind == SD_LINK_COPY &&
				  is_aggregate_target(cs, cs->g->edges[l->edge].parent, l->parent_col)))
				apply_link(cs, l);
		}
	for (i = cs->g->ntables - 1; i >= 0; i--)
		foreach(lc, cs->links)
		{
			SdSchemaLink *l = lfirst(lc);

			if ((l->kind == SD_LINK_SUM || l->kind == SD_LINK_COUNT) &&
				cs->g->edges[l->edge].parent == i)
				apply_link(cs, l);
		}
	/* copies of a sum (payments.amount = orders.total) copy the final sum */
	for (i = 0; i < cs->g->ntables; i++)
		foreach(lc, cs->links)
		{
			SdSchemaLink *l = lfirst(lc);

			if (l->kind == SD_LINK_COPY && cs->g->edges[l->edge].child == i &&
				is_aggregate_target(cs, cs->g->edges[l->edge].parent, l->parent_col))
				apply_link(cs, l);
		}
}

/* ---- foreign keys ------------------------------------------------------- */

static const char *
fk_action(char a)
{
	switch (a)
	{
		case FKCONSTR_ACTION_RESTRICT:
			return "RESTRICT";
		case FKCONSTR_ACTION_CASCADE:
			return "CASCADE";
		case FKCONSTR_ACTION_SETNULL:
			return "SET NULL";
		case FKCONSTR_ACTION_SETDEFAULT:
			return "SET DEFAULT";
	}
	return "NO ACTION";
}

/* the source's foreign keys, between the cloned tables, validated */
static void
add_foreign_keys(CloneSchema *cs)
{
	int			e;

	for (e = 0; e < cs->g->nedges; e++)
	{
		const SdSchemaEdge *ed = &cs->g->edges[e];
		HeapTuple	tup = SearchSysCache1(CONSTROID, ObjectIdGetDatum(ed->conoid));
		Form_pg_constraint con;
		char	   *sql;

		if (!HeapTupleIsValid(tup))
			elog(ERROR, "cache lookup failed for constraint %u", ed->conoid);
		con = (Form_pg_constraint) GETSTRUCT(tup);
		sql = psprintf("ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s)%s"
					   " ON UPDATE %s ON DELETE %s%s%s",
					   cs->t[ed->child].target_name, quote_identifier(ed->conname),
					   column_list(ed->child_cols, ed->nkeys, ""),
					   cs->t[ed->parent].target_name,
					   column_list(ed->parent_cols, ed->nkeys, ""),
					   con->confmatchtype == FKCONSTR_MATCH_FULL ? " MATCH FULL" : "",
					   fk_action(con->confupdtype), fk_action(con->confdeltype),
					   con->condeferrable ? " DEFERRABLE" : "",
					   con->condeferred ? " INITIALLY DEFERRED" : "");
		ReleaseSysCache(tup);
		if (SPI_execute(sql, false, 0) != SPI_OK_UTILITY)
			elog(ERROR, "could not add foreign key \"%s\"", ed->conname);
		MemoryContextSwitchTo(cs->cxt);
	}
}

/* ---- the SQL functions ------------------------------------------------------ */

static void
clone_graph(FunctionCallInfo fcinfo, SdSchemaGraph *g)
{
	CloneSchema cs;
	instr_time	t;
	int			i,
				e;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	memset(&cs, 0, sizeof(cs));
	cs.cxt = CurrentMemoryContext;
	cs.g = g;
	cs.func_nsp = sd_extension_namespace();
	cs.seed = sd_arg_seed(fcinfo, 4);
	cs.scale = PG_ARGISNULL(2) ? 1.0 : PG_GETARG_FLOAT8(2);
	if (!(cs.scale >= 0 && cs.scale <= 1e6))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scale must be between 0 and 1000000"),
				 errdetail("It multiplies the rows of the tables that reference no other.")));
	split_options(&cs, PG_ARGISNULL(3) ? DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum("{}")))
				  : PG_GETARG_JSONB_P(3));
	if (g->ntables == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("there are no tables to clone")));
	for (i = 0; i < g->ntables; i++)
		sd_check_relation(g->relids[i], "clone");
	cs.t = palloc0(sizeof(CloneTable) * g->ntables);
	cs.repair = palloc0(sizeof(bool) * Max(g->nedges, 1));
	cs.drawn = palloc0(sizeof(bool) * Max(g->nedges, 1));
	for (e = 0; e < g->nedges; e++)
		cs.repair[e] = g->edges[e].broken || g->edges[e].self || g->edges[e].nkeys != 1;
	for (i = 0; i < g->ntables; i++)
	{
		cs.t[i].source = g->relids[i];
		cs.t[i].repair_nulls = palloc(sizeof(double) * Max(g->nedges, 1));
		for (e = 0; e < g->nedges; e++)
			cs.t[i].repair_nulls[e] = -1;
	}

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	cs.nspname = target_schema(&cs, text_to_cstring(PG_GETARG_TEXT_PP(1)));
	INSTR_TIME_SET_CURRENT(t);
	cs.links = sd_schema_links(g, LINK_MIN_ROWS);
	MemoryContextSwitchTo(cs.cxt);
	elog(DEBUG1, "synth_clone_schema: %d links found in %.0f ms", list_length(cs.links),
		 sd_lap_ms(&t));
	for (i = 0; i < g->ntables; i++)
	{
		CHECK_FOR_INTERRUPTS();
		clone_one(&cs, i);
	}
	INSTR_TIME_SET_CURRENT(t);
	repair_edges(&cs);
	elog(DEBUG1, "synth_clone_schema: repairs %.0f ms", sd_lap_ms(&t));
	apply_links(&cs);
	for (i = 0; i < g->ntables; i++)
		if (cs.t[i].roomy)
			set_room(&cs, &cs.t[i], 0);
	elog(DEBUG1, "synth_clone_schema: links %.0f ms", sd_lap_ms(&t));
	add_foreign_keys(&cs);
	elog(DEBUG1, "synth_clone_schema: foreign keys %.0f ms", sd_lap_ms(&t));
	/* the triggers last: the repairs and links above must not fire them */
	for (i = 0; i < g->ntables; i++)
		if (cs.t[i].copy_triggers)
		{
			derived_copy_source_triggers(cs.t[i].source, cs.t[i].target_name);
			MemoryContextSwitchTo(cs.cxt);
		}
	SPI_finish();
	MemoryContextSwitchTo(cs.cxt);

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < g->ntables; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = ObjectIdGetDatum(cs.t[i].target);
		values[1] = ObjectIdGetDatum(cs.t[i].source);
		values[2] = Int64GetDatum(cs.t[i].rows);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

static void
check_args(FunctionCallInfo fcinfo)
{
	sd_arg_not_null(fcinfo, 0, "source");
	sd_arg_not_null(fcinfo, 1, "target_schema");
}

/*
 * synth_clone_schema(source text, target_schema text, scale float8,
 *					  options jsonb, seed bigint)
 *		returns table(table_name regclass, source_table regclass, rows bigint)
 *		Clones every table of schema source into target_schema.
 */
PG_FUNCTION_INFO_V1(synth_clone_schema);
Datum
synth_clone_schema(PG_FUNCTION_ARGS)
{
	char	   *nspname;
	Oid			nsp;

	check_args(fcinfo);
	nspname = text_to_cstring(PG_GETARG_TEXT_PP(0));
	nsp = get_namespace_oid(nspname, false);
	clone_graph(fcinfo, sd_schema_graph_of_schema(nsp));
	return (Datum) 0;
}

/*
 * synth_clone_schema(source regclass[], target_schema text, ...)
 *		Clones the given tables and every table they reference.
 */
PG_FUNCTION_INFO_V1(synth_clone_schema_tables);
Datum
synth_clone_schema_tables(PG_FUNCTION_ARGS)
{
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *enulls;
	int			n,
				i;
	Oid		   *relids;
	List	   *added;
	ListCell   *lc;
	SdSchemaGraph *g;

	check_args(fcinfo);
	arr = PG_GETARG_ARRAYTYPE_P(0);
	deconstruct_array(arr, REGCLASSOID, sizeof(Oid), true, TYPALIGN_INT, &elems, &enulls, &n);
	relids = palloc(sizeof(Oid) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		if (enulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("source must not contain NULL")));
		relids[i] = sd_check_relation(DatumGetObjectId(elems[i]), "clone");
	}
	g = sd_schema_graph_of_tables(relids, n, &added);
	foreach(lc, added)
		ereport(NOTICE,
				(errmsg("cloning %s too, which the tables reference", (char *) lfirst(lc))));
	clone_graph(fcinfo, g);
	return (Datum) 0;
}

/*
 * synth_schema_links(source text)
 *		returns table(child regclass, parent regclass, kind text, link text)
 *		The links synth_clone_schema learns from schema source and keeps.
 */
PG_FUNCTION_INFO_V1(synth_schema_links);
Datum
synth_schema_links(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	static const char *const kinds[] = {"sum", "count", "copy", "after"};
	SdSchemaGraph *g;
	List	   *links;
	ListCell   *lc;
	MemoryContext cxt = CurrentMemoryContext;

	sd_arg_not_null(fcinfo, 0, "source");
	g = sd_schema_graph_of_schema(get_namespace_oid(text_to_cstring(PG_GETARG_TEXT_PP(0)), false));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(cxt);
	links = sd_schema_links(g, LINK_MIN_ROWS);
	SPI_finish();
	MemoryContextSwitchTo(cxt);
	InitMaterializedSRF(fcinfo, 0);
	foreach(lc, links)
	{
		SdSchemaLink *l = lfirst(lc);
		const SdSchemaEdge *e = &g->edges[l->edge];
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = ObjectIdGetDatum(g->relids[e->child]);
		values[1] = ObjectIdGetDatum(g->relids[e->parent]);
		values[2] = CStringGetTextDatum(kinds[l->kind]);
		values[3] = CStringGetTextDatum(sd_schema_link_describe(g, l));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
