/*-------------------------------------------------------------------------
 *
 * schema_graph.c
 *		The foreign-key graph of a set of tables and the links between
 *		parents' and children's columns that hold in every row.
 *
 *		The graph reads foreign keys from the catalog (those declared on the
 *		partitions of a partitioned table too) and orders the tables parents
 *		first; a cycle (store.manager_staff_id -> staff, staff.store_id ->
 *		store) is broken at the table with the fewest unfilled parents, whose
 *		edges are marked broken: synth_clone_schema repairs them once every
 *		table is filled.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "catalog/partition.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"

#include "catalog.h"
#include "schema_graph.h"

#include "utils/guc.h"
#include "synthdata.h"

static int
sd_schema_graph_index(const SdSchemaGraph *g, Oid relid)
{
	int			i;

	for (i = 0; i < g->ntables; i++)
		if (g->relids[i] == relid)
			return i;
	return -1;
}

/* the root of a partition's tree (a foreign key may name a partition) */
static Oid
root_of(Oid relid)
{
	while (get_rel_relispartition(relid))
	{
		List	   *anc = get_partition_ancestors(relid);

		relid = llast_oid(anc);
	}
	return relid;
}

/* the table's foreign keys to tables of the graph, appended to edges */
static void
add_edges(SdSchemaGraph *g, int child, List **edges)
{
	SdTable    *t = sd_table_open(g->relids[child], 0);
	int			f;

	for (f = 0; f < t->nfkeys; f++)
	{
		SdForeignKey *fk = &t->fkeys[f];
		int			p = sd_schema_graph_index(g, root_of(fk->refrelid));
		SdSchemaEdge *e;
		int			j;

		if (p < 0)
			continue;
		e = palloc0(sizeof(SdSchemaEdge));
		e->child = child;
		e->parent = p;
		e->conoid = fk->conoid;
		e->conname = pstrdup(fk->name);
		e->nkeys = fk->ncols;
		e->child_cols = palloc(sizeof(char *) * fk->ncols);
		e->parent_cols = palloc(sizeof(char *) * fk->ncols);
		for (j = 0; j < fk->ncols; j++)
		{
			e->child_cols[j] = pstrdup(t->columns[fk->cols[j]].name);
			e->parent_cols[j] = pstrdup(fk->refcolnames[j]);
		}
		e->self = p == child;
		*edges = lappend(*edges, e);
	}
}

/*
 * Orders the tables parents first (Kahn's algorithm); when only tables in
 * a cycle are left, the one with the fewest unfilled parents (then the
 * first by name) goes next and its edges to unfilled parents are broken.
 */
static void
order_tables(SdSchemaGraph *g)
{
	int			n = g->ntables;
	bool	   *done = palloc0(sizeof(bool) * Max(n, 1));
	int		   *order = palloc(sizeof(int) * Max(n, 1));
	int		   *newidx = palloc(sizeof(int) * Max(n, 1));
	Oid		   *relids = palloc(sizeof(Oid) * Max(n, 1));
	char	  **names = palloc(sizeof(char *) * Max(n, 1));
	int			k,
				i,
				e;

	for (k = 0; k < n; k++)
	{
		int			best = -1,
					best_missing = INT_MAX;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < n; i++)
		{
			int			missing = 0;

			if (done[i])
				continue;
			for (e = 0; e < g->nedges; e++)
				if (g->edges[e].child == i && !g->edges[e].self &&
					!done[g->edges[e].parent])
					missing++;
			if (missing < best_missing ||
				(missing == best_missing && strcmp(g->names[i], g->names[best]) < 0))
			{
				best = i;
				best_missing = missing;
			}
		}
		for (e = 0; e < g->nedges; e++)
			if (g->edges[e].child == best && !g->edges[e].self &&
				!done[g->edges[e].parent])
				g->edges[e].broken = true;
		done[best] = true;
		order[k] = best;
	}
	for (k = 0; k < n; k++)
	{
		newidx[order[k]] = k;
		relids[k] = g->relids[order[k]];
		names[k] = g->names[order[k]];
	}
	for (e = 0; e < g->nedges; e++)
	{
		g->edges[e].child = newidx[g->edges[e].child];
		g->edges[e].parent = newidx[g->edges[e].parent];
	}
	g->relids = relids;
	g->names = names;
}

static SdSchemaGraph *
graph_build(List *relids)
{
	SdSchemaGraph *g = palloc0(sizeof(SdSchemaGraph));
	List	   *edges = NIL;
	ListCell   *lc;
	int			i = 0;

	g->ntables = list_length(relids);
	g->relids = palloc(sizeof(Oid) * Max(g->ntables, 1));
	g->names = palloc(sizeof(char *) * Max(g->ntables, 1));
	foreach(lc, relids)
	{
		g->relids[i] = lfirst_oid(lc);
		g->names[i] = get_rel_name(g->relids[i]);
		i++;
	}
	for (i = 0; i < g->ntables; i++)
		add_edges(g, i, &edges);
	g->nedges = list_length(edges);
	g->edges = palloc0(sizeof(SdSchemaEdge) * Max(g->nedges, 1));
	i = 0;
	foreach(lc, edges)
		g->edges[i++] = *(SdSchemaEdge *) lfirst(lc);
	order_tables(g);
	return g;
}

SdSchemaGraph *
sd_schema_graph_of_schema(Oid nsp)
{
	MemoryContext cxt = CurrentMemoryContext;
	StringInfoData q;
	List	   *relids = NIL;
	uint64		i;

	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT c.oid FROM pg_catalog.pg_class c"
					 " WHERE c.relnamespace OPERATOR(pg_catalog.=) '%u'::pg_catalog.oid"
					 " AND c.relkind OPERATOR(pg_catalog.=) ANY ('{r,p}'::pg_catalog.\"char\"[])"
					 " AND NOT c.relispartition"
					 " AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d"
					 " WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass"
					 " AND d.objid OPERATOR(pg_catalog.=) c.oid AND d.deptype OPERATOR(pg_catalog.=) 'e')"
					 " ORDER BY c.relname", nsp);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (sd_spi_execute(q.data, 0, NULL, NULL, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not list the tables of schema %u", nsp);
	MemoryContextSwitchTo(cxt);
	for (i = 0; i < SPI_processed; i++)
	{
		bool		isnull;

		relids = lappend_oid(relids,
							 DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[i],
															SPI_tuptable->tupdesc, 1, &isnull)));
	}
	SPI_finish();
	MemoryContextSwitchTo(cxt);
	return graph_build(relids);
}

SdSchemaGraph *
sd_schema_graph_of_tables(const Oid *given, int n, List **added)
{
	List	   *relids = NIL;
	int			i;

	*added = NIL;
	for (i = 0; i < n; i++)
		relids = list_append_unique_oid(relids, root_of(given[i]));

	/* the closure: every table a table of the list references */
	for (i = 0; i < list_length(relids); i++)
	{
		SdTable    *t = sd_table_open(list_nth_oid(relids, i), 0);
		int			f;

		CHECK_FOR_INTERRUPTS();
		for (f = 0; f < t->nfkeys; f++)
		{
			Oid			p = root_of(t->fkeys[f].refrelid);

			if (!list_member_oid(relids, p))
			{
				relids = lappend_oid(relids, p);
				*added = lappend(*added,
								 quote_qualified_identifier(get_namespace_name(get_rel_namespace(p)),
															get_rel_name(p)));
			}
		}
	}
	return graph_build(relids);
}

/* ---- links that hold in every row -------------------------------------- */

/* whether column c of t is a key, a foreign key or computed: not a candidate */
static bool
link_excluded(const SdTable *t, int c)
{
	const SdColumn *col = &t->columns[c];
	int			k,
				j;

	if (col->generated || col->from_sequence)
		return true;
	for (k = 0; k < t->nkeys; k++)
		for (j = 0; j < t->keys[k].ncols; j++)
			if (t->keys[k].cols[j] == c && t->keys[k].predicate == NULL)
				return true;
	for (k = 0; k < t->nfkeys; k++)
		for (j = 0; j < t->fkeys[k].ncols; j++)
			if (t->fkeys[k].cols[j] == c)
				return true;
	return false;
}

static bool
is_temporal(const SdColumn *col)
{
	return col->basetypid == DATEOID || col->basetypid == TIMESTAMPOID ||
		col->basetypid == TIMESTAMPTZOID;
}

static bool
is_number(const SdColumn *col)
{
	return col->typcategory == TYPCATEGORY_NUMERIC && !col->is_array;
}

/* at most this many numeric child columns enter sums (and their pairs products) */
#define LINK_MAX_NUMBERS 8

typedef struct LinkCand
{
	SdSchemaLink link;
	char	   *expr;			/* the count(*) FILTER (...) that measures it */
	char	   *sum;			/* SD_LINK_SUM: ", sum(...) AS sN" of the children */
} LinkCand;

static void
add_cand(List **cands, SdLinkKind kind, int edge, const char *p, const char *c,
		 const char *c2, char *expr)
{
	LinkCand   *lc = palloc0(sizeof(LinkCand));

	lc->link.kind = kind;
	lc->link.edge = edge;
	lc->link.parent_col = pstrdup(p);
	lc->link.child_col = c ? pstrdup(c) : NULL;
	lc->link.child_col2 = c2 ? pstrdup(c2) : NULL;
	lc->expr = expr;
	*cands = lappend(*cands, lc);
}

/* the sum a link adds up in the children's subquery */
static char *
sum_expr(const char *c, const char *c2)
{
	if (c2 == NULL)
		return psprintf("pg_catalog.sum(c.%s::pg_catalog.numeric)", quote_identifier(c));
	return psprintf("pg_catalog.sum(c.%s::pg_catalog.numeric OPERATOR(pg_catalog.*) c.%s::pg_catalog.numeric)",
					quote_identifier(c), quote_identifier(c2));
}

/* the held count of a link on tables aliased p (parent) and s (children's sums) or c */
static char *
link_held_expr(const SdSchemaLink *l, const char *sumcol)
{
	const char *p = quote_identifier(l->parent_col);

	switch (l->kind)
	{
		case SD_LINK_COUNT:
			return psprintf("pg_catalog.count(*) FILTER (WHERE p.%s::pg_catalog.numeric"
							" OPERATOR(pg_catalog.=) COALESCE(s.n, 0)::pg_catalog.numeric)", p);
		case SD_LINK_SUM:
			return psprintf("pg_catalog.count(*) FILTER (WHERE pg_catalog.round(p.%s::pg_catalog.numeric, 6)"
							" OPERATOR(pg_catalog.=) pg_catalog.round(COALESCE(s.%s, 0), 6))",
							p, sumcol);
		case SD_LINK_COPY:
			return psprintf("pg_catalog.count(*) FILTER (WHERE c.%s IS NOT DISTINCT FROM p.%s)",
							quote_identifier(l->child_col), p);
		case SD_LINK_AFTER:
			return psprintf("pg_catalog.count(*) FILTER (WHERE c.%s::pg_catalog.timestamptz"
							" OPERATOR(pg_catalog.>=) p.%s::pg_catalog.timestamptz)",
							quote_identifier(l->child_col), p);
	}
	return NULL;
}

/* the number of rows a link is checked on: parents, or child rows with both values */
static char *
link_checked_expr(const SdSchemaLink *l)
{
	if (l->kind == SD_LINK_AFTER)
		return psprintf("pg_catalog.count(*) FILTER (WHERE c.%s IS NOT NULL AND p.%s IS NOT NULL)",
						quote_identifier(l->child_col), quote_identifier(l->parent_col));
	return pstrdup("pg_catalog.count(*)");
}

static const char *
join_cond(const SdSchemaEdge *e, const char *a, const char *b)
{
	return psprintf("%s.%s OPERATOR(pg_catalog.=) %s.%s", a, quote_identifier(e->child_cols[0]),
					b, quote_identifier(e->parent_cols[0]));
}

/*
 * Rows of a first look at a pair of tables: parents, children.  A parent
 * table with many children per parent is looked at through fewer parents,
 * about LINK_PEEK_CHILDREN children's worth but LINK_PEEK_MIN_PARENTS at
 * least (2,000 products of 250 lines each would be every line).
 */
#define LINK_PEEK_PARENTS 2000
#define LINK_PEEK_MIN_PARENTS 200
#define LINK_PEEK_CHILDREN 20000

/*
 * The FROM clause of a per-parent (aggregate) or per-child (copy, order)
 * check; with peek, of a first look at a part of the rows (the parents of
 * the smallest keys with all their children; the first children), which rules out
 * most candidates before the whole tables are read for the others.  The
 * children of the first parents are found by a semi-join (= ANY of a
 * subquery), not by = ANY (ARRAY(...)), which compares each child with
 * every key of the array in turn.
 */
static char *
link_from(const SdSchemaEdge *e, bool per_parent, const char *child, const char *parent,
		  const char *sums, bool peek, int peek_parents)
{
	const char *fk = quote_identifier(e->child_cols[0]);
	const char *pk = quote_identifier(e->parent_cols[0]);

	if (per_parent && peek)
		return psprintf(" FROM (SELECT * FROM %s r ORDER BY r.%s LIMIT %d) p LEFT JOIN (SELECT c.%s AS k, pg_catalog.count(*) AS n%s"
						" FROM %s c WHERE c.%s OPERATOR(pg_catalog.=) ANY (SELECT q.%s FROM %s q ORDER BY q.%s LIMIT %d)"
						" GROUP BY c.%s) s ON s.k OPERATOR(pg_catalog.=) p.%s",
						parent, pk, peek_parents, fk, sums, child, fk, pk, parent, pk,
						peek_parents, fk, pk);
	if (per_parent)
		return psprintf(" FROM %s p LEFT JOIN (SELECT c.%s AS k, pg_catalog.count(*) AS n%s FROM %s c"
						" WHERE c.%s IS NOT NULL GROUP BY c.%s) s"
						" ON s.k OPERATOR(pg_catalog.=) p.%s",
						parent, fk, sums, child, fk, fk, pk);
	if (peek)
		return psprintf(" FROM (SELECT * FROM %s LIMIT %d) c JOIN %s p ON %s", child,
						LINK_PEEK_CHILDREN, parent, join_cond(e, "c", "p"));
	return psprintf(" FROM %s c JOIN %s p ON %s", child, parent, join_cond(e, "c", "p"));
}

/*
 * Runs one query measuring candidates; returns those held by every row
 * checked (on at least min_rows of them) and not trivially (one value).
 * With spread_known, a first look has already seen two values of each
 * candidate: the distinct count (a sort of every row) is not made again.
 */
static List *
measure_links(List *cands, const char *from, int64 min_rows, bool per_parent,
			  bool spread_known)
{
	MemoryContext cxt = CurrentMemoryContext;
	StringInfoData q;
	ListCell   *lc;
	List	   *held_all = NIL;
	int			i = 0;
	int			guc_level;

	if (cands == NIL)
		return NIL;
	initStringInfo(&q);
	appendStringInfoString(&q, "SELECT pg_catalog.count(*)");
	foreach(lc, cands)
	{
		LinkCand   *c = lfirst(lc);

		appendStringInfo(&q, ", %s, %s", link_checked_expr(&c->link), c->expr);
		if (spread_known)
			appendStringInfoString(&q, ", 2::pg_catalog.int8");
		else if (per_parent || c->link.kind == SD_LINK_COPY)
			appendStringInfo(&q, ", pg_catalog.count(DISTINCT p.%s)",
							 quote_identifier(c->link.parent_col));
		else
			appendStringInfo(&q, ", pg_catalog.count(*) FILTER (WHERE c.%s::pg_catalog.timestamptz"
							 " OPERATOR(pg_catalog.<>) p.%s::pg_catalog.timestamptz)",
							 quote_identifier(c->link.child_col), quote_identifier(c->link.parent_col));
	}
	appendStringInfoString(&q, from);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	guc_level = NewGUCNestLevel();

	/*
	 * The children's sums per parent: a sort and one running numeric sum,
	 * not a hash table of a numeric state per parent (two to three times
	 * slower on a few hundred thousand parents, and spilling to disk).
	 */
	if (per_parent)
		(void) set_config_option("enable_hashagg", "off", PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_LOCAL, true, 0, false);
	if (sd_spi_execute(q.data, 0, NULL, NULL, NULL, true, 0) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "could not measure the links between two tables");
	AtEOXact_GUC(true, guc_level);
	foreach(lc, cands)
	{
		LinkCand   *c = lfirst(lc);
		bool		n1,
					n2,
					n3;
		int64		checked = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2 + 3 * i, &n1));
		int64		held = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3 + 3 * i, &n2));
		int64		spread = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 4 + 3 * i, &n3));

		if (!n1 && !n2 && !n3 && checked >= min_rows && held == checked && spread >= 2)
		{
			MemoryContext old = MemoryContextSwitchTo(cxt);

			held_all = lappend(held_all, c);
			MemoryContextSwitchTo(old);
		}
		i++;
	}
	SPI_finish();
	MemoryContextSwitchTo(cxt);
	return held_all;
}

/* the children's sums the candidates read */
static char *
cand_sums(List *cands)
{
	StringInfoData b;
	ListCell   *lc;

	initStringInfo(&b);
	foreach(lc, cands)
		if (((LinkCand *) lfirst(lc))->sum != NULL)
			appendStringInfoString(&b, ((LinkCand *) lfirst(lc))->sum);
	return b.data;
}

/*
 * The candidates that hold in every row of a pair of tables: a first look
 * at part of the rows, then the whole tables for what is left.  The first
 * look also asks for two values of the parent's column, unless it reads
 * fewer than LINK_PEEK_PARENTS parents (peek_parents): the whole tables'
 * check asks then, as so few parents may all have one value.
 */
static void
keep_holding(List *cands, const SdSchemaEdge *e, const char *child, const char *parent,
			 int64 min_rows, bool per_parent, int peek_parents, List **links)
{
	ListCell   *lc;
	bool		few = per_parent && peek_parents < LINK_PEEK_PARENTS;

	cands = measure_links(cands, link_from(e, per_parent, child, parent, cand_sums(cands),
										   true, peek_parents),
						  0, per_parent, few);
	/* the whole tables, for the sums of the candidates left only */
	cands = measure_links(cands, link_from(e, per_parent, child, parent, cand_sums(cands),
										   false, peek_parents),
						  min_rows, per_parent, !few);
	foreach(lc, cands)
		*links = lappend(*links, &((LinkCand *) lfirst(lc))->link);
}

/* the aggregates a parent's columns may hold of its children's */
static void
edge_aggregates(const SdSchemaGraph *g, int ei, SdTable *ct, SdTable *pt,
				int64 min_rows, double child_rows, double parent_rows, List **links)
{
	const SdSchemaEdge *e = &g->edges[ei];
	List	   *cands = NIL;
	List	   *found = NIL;
	ListCell   *lc;
	int			nums[LINK_MAX_NUMBERS];
	int			nn = 0,
				a,
				b,
				pc,
				ns = 0,
				peek_parents = LINK_PEEK_PARENTS;

	if (child_rows > 0 && parent_rows > 0)
		peek_parents = (int) Max(LINK_PEEK_MIN_PARENTS,
								 Min(LINK_PEEK_PARENTS,
									 LINK_PEEK_CHILDREN * parent_rows / child_rows));
	for (a = 0; a < ct->ncolumns && nn < LINK_MAX_NUMBERS; a++)
		if (is_number(&ct->columns[a]) && !link_excluded(ct, a))
			nums[nn++] = a;
	for (pc = 0; pc < pt->ncolumns; pc++)
	{
		const char *p = pt->columns[pc].name;

		if (!is_number(&pt->columns[pc]) || link_excluded(pt, pc))
			continue;
		add_cand(&cands, SD_LINK_COUNT, ei, p, NULL, NULL, NULL);
		for (a = 0; a < nn; a++)
			for (b = a; b <= nn; b++)
			{
				const char *c = ct->columns[nums[a]].name;
				const char *c2 = b < nn && b != a ? ct->columns[nums[b]].name : NULL;
				char	   *col;

				if (b == a && b < nn)
					continue;	/* b == nn is the plain sum */
				col = psprintf("s%d", ns++);
				add_cand(&cands, SD_LINK_SUM, ei, p, c, c2, col);
				((LinkCand *) llast(cands))->sum = psprintf(", %s AS %s", sum_expr(c, c2), col);
			}
	}
	foreach(lc, cands)
	{
		LinkCand   *c = lfirst(lc);

		c->expr = link_held_expr(&c->link, c->expr);
	}
	keep_holding(cands, e, quote_qualified_identifier(ct->nspname, ct->relname),
				 quote_qualified_identifier(pt->nspname, pt->relname),
				 min_rows, true, peek_parents, &found);

	/*
	 * One aggregate per parent column: the first that holds (a product's
	 * sum before a plain one, as invoice.total = sum(unit_price * quantity)
	 * also equals sum(unit_price) while every quantity is 1).
	 */
	foreach(lc, found)
	{
		SdSchemaLink *l = lfirst(lc);
		ListCell   *lc2;
		bool		seen = false;

		foreach(lc2, *links)
		{
			SdSchemaLink *o = lfirst(lc2);

			seen |= (o->kind == SD_LINK_SUM || o->kind == SD_LINK_COUNT) &&
				o->edge == l->edge && strcmp(o->parent_col, l->parent_col) == 0;
		}
		if (!seen)
			*links = lappend(*links, l);
	}
}

/* the children's columns that copy a parent's, or come after a parent's time */
static void
edge_row_links(const SdSchemaGraph *g, int ei, SdTable *ct, SdTable *pt,
			   int64 min_rows, List **links)
{
	const SdSchemaEdge *e = &g->edges[ei];
	List	   *cands = NIL;
	List	   *found = NIL;
	ListCell   *lc;
	int			a,
				pc;

	for (a = 0; a < ct->ncolumns; a++)
	{
		const SdColumn *cc = &ct->columns[a];

		if (link_excluded(ct, a) || cc->is_array)
			continue;
		for (pc = 0; pc < pt->ncolumns; pc++)
		{
			const SdColumn *pcol = &pt->columns[pc];

			if (link_excluded(pt, pc) || pcol->is_array)
				continue;
			/* one type, or two string types (varchar copying text) */
			if ((cc->basetypid == pcol->basetypid ||
				 (cc->typcategory == TYPCATEGORY_STRING &&
				  pcol->typcategory == TYPCATEGORY_STRING)) &&
				strchr("SNDBE", cc->typcategory) != NULL)
				add_cand(&cands, SD_LINK_COPY, ei, pcol->name, cc->name, NULL, NULL);
			if (is_temporal(cc) && is_temporal(pcol))
				add_cand(&cands, SD_LINK_AFTER, ei, pcol->name, cc->name, NULL, NULL);
		}
	}
	foreach(lc, cands)
	{
		LinkCand   *c = lfirst(lc);

		c->expr = link_held_expr(&c->link, NULL);
	}
	keep_holding(cands, e, quote_qualified_identifier(ct->nspname, ct->relname),
				 quote_qualified_identifier(pt->nspname, pt->relname),
				 min_rows, false, LINK_PEEK_PARENTS, &found);
	/* a time that always equals the parent's is a copy, not an ordering */
	foreach(lc, found)
	{
		SdSchemaLink *l = lfirst(lc);
		ListCell   *lc2;
		bool		copy = false;

		if (l->kind == SD_LINK_AFTER)
			foreach(lc2, found)
			{
				SdSchemaLink *o = lfirst(lc2);

				copy |= o->kind == SD_LINK_COPY && strcmp(o->child_col, l->child_col) == 0 &&
					strcmp(o->parent_col, l->parent_col) == 0;
			}
		if (!copy)
			*links = lappend(*links, l);
	}
}

List *
sd_schema_links(const SdSchemaGraph *g, int64 min_parents)
{
	List	   *links = NIL;
	int			ei,
				guc_level;

	for (ei = 0; ei < g->nedges; ei++)
	{
		const SdSchemaEdge *e = &g->edges[ei];
		SdTable    *ct,
				   *pt;
		double		child_rows,
					parent_rows;

		CHECK_FOR_INTERRUPTS();
		if (e->self || e->nkeys != 1)
			continue;
		ct = sd_table_open(g->relids[e->child], 0);
		pt = sd_table_open(g->relids[e->parent], 0);
		child_rows = sd_table_rows_estimate(g->relids[e->child], NULL);
		parent_rows = sd_table_rows_estimate(g->relids[e->parent], NULL);
		/* as a fit: two small tables are read without parallel workers */
		guc_level = NewGUCNestLevel();
		sd_serial_if_small(Max(child_rows, parent_rows));
		edge_aggregates(g, ei, ct, pt, min_parents, child_rows, parent_rows, &links);
		edge_row_links(g, ei, ct, pt, min_parents, &links);
		AtEOXact_GUC(true, guc_level);
	}
	return links;
}

char *
sd_schema_link_describe(const SdSchemaGraph *g, const SdSchemaLink *l)
{
	const SdSchemaEdge *e = &g->edges[l->edge];
	const char *cn = g->names[e->child];
	const char *pn = g->names[e->parent];

	switch (l->kind)
	{
		case SD_LINK_COUNT:
			return psprintf("%s.%s = count(%s)", pn, l->parent_col, cn);
		case SD_LINK_SUM:
			if (l->child_col2)
				return psprintf("%s.%s = sum(%s.%s * %s)", pn, l->parent_col, cn,
								l->child_col, l->child_col2);
			return psprintf("%s.%s = sum(%s.%s)", pn, l->parent_col, cn, l->child_col);
		case SD_LINK_COPY:
			return psprintf("%s.%s = %s.%s", cn, l->child_col, pn, l->parent_col);
		case SD_LINK_AFTER:
			return psprintf("%s.%s >= %s.%s", cn, l->child_col, pn, l->parent_col);
	}
	return NULL;
}

char *
sd_schema_link_query(const SdSchemaGraph *g, const SdSchemaLink *l,
					 const char *child, const char *parent)
{
	const SdSchemaEdge *e = &g->edges[l->edge];
	bool		per_parent = l->kind == SD_LINK_SUM || l->kind == SD_LINK_COUNT;
	char	   *sums = l->kind == SD_LINK_SUM ?
		psprintf(", %s AS s0", sum_expr(l->child_col, l->child_col2)) : "";

	return psprintf("SELECT %s, %s%s", link_checked_expr(l), link_held_expr(l, "s0"),
					link_from(e, per_parent, child, parent, sums, false, LINK_PEEK_PARENTS));
}
