/*-------------------------------------------------------------------------
 *
 * evaluate_schema.c
 *		Evaluation of a copy of a whole schema: synth_evaluate_schema().
 *
 * Tables of the two schemas are matched by name.  The report has, per
 * table, the summary rows of synth_evaluate() and the row counts; per
 * foreign key of the real schema (found by schema_graph.c), referential
 * integrity, cardinality shape and inter-table trends measured on the
 * synthetic tables of the same names; per link detected on the real schema
 * (exact aggregates, denormalised copies, orderings in time) its hold rate
 * on the synthetic schema; then one overall row per score family.  The
 * synthetic schema need not declare the foreign keys (a CREATE TABLE AS
 * copy is measured the same); keys it declares that the real schema lacks
 * get a referential-integrity row too.
 *
 * The metrics follow SDMetrics' multi-table definitions:
 *	ReferentialIntegrity	share of child rows with a non-NULL key whose
 *							parent exists
 *	CardinalityShapeSimilarity	1 - KS statistic of the children per parent
 *							(parents without children count as 0)
 *	IntertableTrends		the column pair trends (CorrelationSimilarity,
 *							ContingencySimilarity of metrics.c) of a parent's
 *							column against a child's column over the rows
 *							joined through the key, averaged per key
 *
 * Only names and scores leave: categories are read as hashes and coded
 * here, numbers as float8; no value is copied into the report.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/evaluate_schema.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "evaluate.h"
#include "evaluate_schema.h"
#include "metrics.h"
#include "options.h"
#include "schema_graph.h"
#include "synthdata.h"

/* defaults of the options */
#define DEFAULT_MIN_PARENTS	10
#define DEFAULT_MAX_PAIRS	25
#define DEFAULT_MAX_ROWS	100000

/* a modelled, scored column of a table (its ColumnRole in synth_evaluate) */
typedef struct TrendCol
{
	char	   *name;
	bool		numeric;		/* numeric or temporal: read as float8 */
} TrendCol;

/* a table of the real schema and its synthetic namesake */
typedef struct TableMatch
{
	bool		matched;
	Oid			rrel,
				srel;
	char	   *rq,				/* quoted qualified names */
			   *sq;
	int64		rrows,
				srows;
	List	   *trend_cols;		/* TrendCol * */
} TableMatch;

/* the mean of one score family, for the overall rows */
typedef struct Family
{
	char	   *metric;
	double		sum;
	double		min;
	int			n;
} Family;

typedef struct SchemaEval
{
	const char *rname,
			   *sname;
	Oid			rnsp,
				snsp;
	SdSchemaGraph *gr,
			   *gs;
	TableMatch *tm;				/* per table of gr */
	const char *fn_nsp;			/* quoted schema of synth_evaluate */
	Jsonb	   *eval_opts;
	Jsonb	   *table_opts;
	bool		have_seed;
	int64		seed;
	int64		min_parents;
	int64		max_pairs;
	int64		max_rows;
	bool		links;
	List	   *families;
	SdSchemaRowFn emit;			/* where the rows go */
	void	   *emit_arg;
} SchemaEval;

/* ---- output ------------------------------------------------------------- */

static void
family_add(SchemaEval *st, const char *metric, double score)
{
	ListCell   *lc;
	Family	   *f = NULL;

	if (isnan(score))
		return;
	foreach(lc, st->families)
		if (strcmp(((Family *) lfirst(lc))->metric, metric) == 0)
			f = lfirst(lc);
	if (f == NULL)
	{
		f = palloc0(sizeof(Family));
		f->metric = pstrdup(metric);
		f->min = score;
		st->families = lappend(st->families, f);
	}
	f->sum += score;
	f->min = Min(f->min, score);
	f->n++;
}

static double
family_mean(SchemaEval *st, const char *metric)
{
	ListCell   *lc;

	foreach(lc, st->families)
	{
		Family	   *f = lfirst(lc);

		if (strcmp(f->metric, metric) == 0)
			return f->sum / f->n;
	}
	return NAN;
}

/* one report row; detail is JSON object text (NULL: {}) */
static void
put_row(SchemaEval *st, const char *table, const char *metric,
		const char *columns, double score, const char *detail)
{
	st->emit(st->emit_arg, table, metric, columns, score, detail ? detail : "{}");
}

/* the detail object's text, closed */
static char *
json_close(StringInfo b)
{
	appendStringInfoChar(b, '}');
	return b->data;
}

/* ---- options ------------------------------------------------------------ */

static void
parse_options(SchemaEval *st, Jsonb *opts)
{
	static const char *const known[] = {
		"evaluate", "tables", "seed", "min_parents", "max_pairs", "max_rows",
		"links", NULL
	};

	st->min_parents = DEFAULT_MIN_PARENTS;
	st->max_pairs = DEFAULT_MAX_PAIRS;
	st->max_rows = DEFAULT_MAX_ROWS;
	st->links = true;
	if (opts == NULL)
		return;
	sd_opts_check(opts, known, NULL);
	st->eval_opts = sd_opt_object(opts, "evaluate");
	st->table_opts = sd_opt_object(opts, "tables");
	st->have_seed = sd_opt_int(opts, "seed", PG_INT64_MIN, PG_INT64_MAX, &st->seed);
	sd_opt_int(opts, "min_parents", 1, PG_INT32_MAX, &st->min_parents);
	sd_opt_int(opts, "max_pairs", 0, 100000, &st->max_pairs);
	sd_opt_int(opts, "max_rows", 1, PG_INT32_MAX, &st->max_rows);
	sd_opt_bool(opts, "links", &st->links);
}

/* every key of option "tables" names a table of the real schema */
static void
check_table_options(SchemaEval *st)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;

	if (st->table_opts == NULL)
		return;
	it = JsonbIteratorInit(&st->table_opts->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *name;
		int			i;
		bool		found = false;

		if (tok != WJB_KEY)
			continue;
		name = pnstrdup(v.val.string.val, v.val.string.len);
		for (i = 0; i < st->gr->ntables; i++)
			found |= strcmp(st->gr->names[i], name) == 0;
		if (!found)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"tables\" names table \"%s\", which is not in schema \"%s\"",
							name, st->rname)));
		if (sd_opt_object(st->table_opts, name) == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"tables\" must map table names to objects of synth_evaluate options"),
					 errdetail("The value for table \"%s\" is not an object.", name)));
	}
}

/* ---- SPI helpers -------------------------------------------------------- */

/* runs a query of one row of bigints; out gets ncols values (NULL: -1) */
static void
query_int64s(const char *sql, int64 *out, int ncols)
{
	int			i;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (sd_spi_execute(sql, 0, NULL, NULL, NULL, true, 0) != SPI_OK_SELECT ||
		SPI_processed != 1 || SPI_tuptable->tupdesc->natts < ncols)
		elog(ERROR, "unexpected result of an evaluation query");
	for (i = 0; i < ncols; i++)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
									  i + 1, &isnull);

		out[i] = isnull ? -1 : DatumGetInt64(d);
	}
	SPI_finish();
}

static int64
count_rows(const char *qrel)
{
	int64		n;

	query_int64s(psprintf("SELECT pg_catalog.count(*) FROM %s", qrel), &n, 1);
	return n;
}

/* ---- matching ----------------------------------------------------------- */

static char *
qualified(Oid relid)
{
	return quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
									  get_rel_name(relid));
}

/* the names of gr's tables missing in gs (from_real) or of gs's in gr */
static void
notice_unmatched(SchemaEval *st, const SdSchemaGraph *a, const SdSchemaGraph *b,
				 const char *a_schema, const char *b_schema)
{
	StringInfoData names;
	int			i,
				n = 0;

	initStringInfo(&names);
	for (i = 0; i < a->ntables; i++)
	{
		int			j;
		bool		found = false;

		for (j = 0; j < b->ntables && !found; j++)
			found = strcmp(a->names[i], b->names[j]) == 0;
		if (found)
			continue;
		appendStringInfo(&names, "%s%s", n++ ? ", " : "", quote_identifier(a->names[i]));
	}
	if (n > 0)
		ereport(NOTICE,
				(errmsg("%d table(s) of schema \"%s\" not in schema \"%s\", skipped: %s",
						n, a_schema, b_schema, names.data)));
}

static void
match_tables(SchemaEval *st)
{
	int			i,
				j;

	st->tm = palloc0(sizeof(TableMatch) * Max(st->gr->ntables, 1));
	for (i = 0; i < st->gr->ntables; i++)
	{
		TableMatch *m = &st->tm[i];

		m->rrel = st->gr->relids[i];
		for (j = 0; j < st->gs->ntables; j++)
			if (strcmp(st->gr->names[i], st->gs->names[j]) == 0)
			{
				m->matched = true;
				m->srel = st->gs->relids[j];
			}
		if (!m->matched)
			continue;
		m->rq = qualified(m->rrel);
		m->sq = qualified(m->srel);
	}
	notice_unmatched(st, st->gr, st->gs, st->rname, st->sname);
	notice_unmatched(st, st->gs, st->gr, st->sname, st->rname);
}

/* ---- per table ---------------------------------------------------------- */

/*
 * synth_evaluate() of one pair of tables through SPI (the extension's own
 * function, schema-qualified): its summary rows become report rows, its
 * ColumnRole rows give the columns of the inter-table trends.
 */
static void
evaluate_table(SchemaEval *st, int t)
{
	TableMatch *m = &st->tm[t];
	const char *name = st->gr->names[t];
	MemoryContext cxt = CurrentMemoryContext;
	Jsonb	   *topts = st->table_opts ? sd_opt_object(st->table_opts, name) : NULL;
	Oid			types[5] = {REGCLASSOID, REGCLASSOID, JSONBOID, JSONBOID, INT8OID};
	Datum		args[5];
	char		nulls[5] = {' ', ' ', ' ', ' ', ' '};
	char	   *sql;
	uint64		r;

	args[0] = ObjectIdGetDatum(m->rrel);
	args[1] = ObjectIdGetDatum(m->srel);
	args[2] = JsonbPGetDatum(st->eval_opts ? st->eval_opts :
							 DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum("{}"))));
	args[3] = JsonbPGetDatum(topts ? topts :
							 DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum("{}"))));
	args[4] = Int64GetDatum(st->seed);
	if (!st->have_seed)
		nulls[4] = 'n';

	/* option "seed" of the call, unless the evaluate options give one */
	sql = psprintf("SELECT e.metric, e.column_name, e.score, e.detail::pg_catalog.text,"
				   " e.detail OPERATOR(pg_catalog.->>) 'role',"
				   " (e.detail OPERATOR(pg_catalog.->>) 'scored')::pg_catalog.bool"
				   " FROM %s.synth_evaluate($1, $2,"
				   " pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('seed', $5))"
				   " OPERATOR(pg_catalog.||) $3 OPERATOR(pg_catalog.||) $4) e"
				   " WHERE e.column_name IS NULL"
				   " OR e.metric OPERATOR(pg_catalog.=) 'ColumnRole'",
				   st->fn_nsp);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (sd_spi_execute(sql, 5, types, args, nulls, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not evaluate table \"%s\"", name);
	for (r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	td = SPI_tuptable->tupdesc;
		char	   *metric = SPI_getvalue(tup, td, 1);
		char	   *column = SPI_getvalue(tup, td, 2);
		bool		isnull;
		Datum		sd = SPI_getbinval(tup, td, 3, &isnull);
		double		score = isnull ? NAN : DatumGetFloat8(sd);
		MemoryContext old = MemoryContextSwitchTo(cxt);

		if (column == NULL)
		{
			put_row(st, name, metric, NULL, score, SPI_getvalue(tup, td, 4));
			family_add(st, metric, score);
		}
		else
		{
			char	   *role = SPI_getvalue(tup, td, 5);
			Datum		scored = SPI_getbinval(tup, td, 6, &isnull);

			if (role && !isnull && DatumGetBool(scored) &&
				(strcmp(role, "numeric") == 0 || strcmp(role, "temporal") == 0 ||
				 strcmp(role, "categorical") == 0))
			{
				TrendCol   *c = palloc(sizeof(TrendCol));

				c->name = pstrdup(column);
				c->numeric = strcmp(role, "categorical") != 0;
				m->trend_cols = lappend(m->trend_cols, c);
			}
		}
		MemoryContextSwitchTo(old);
	}
	SPI_finish();
	MemoryContextSwitchTo(cxt);
}

static void
table_rows(SchemaEval *st)
{
	int			t;

	for (t = 0; t < st->gr->ntables; t++)
	{
		TableMatch *m = &st->tm[t];
		StringInfo	d;

		CHECK_FOR_INTERRUPTS();
		if (!m->matched)
			continue;
		m->rrows = count_rows(m->rq);
		m->srows = count_rows(m->sq);
		d = sd_eval_detail();
		sd_eval_json_int(d, "real_rows", m->rrows);
		sd_eval_json_int(d, "synthetic_rows", m->srows);
		sd_eval_json_num(d, "ratio", m->rrows > 0 ? (double) m->srows / m->rrows : NAN);
		if (m->rrows == 0 || m->srows == 0)
			sd_eval_json_str(d, "note", "an empty table is not evaluated column by column");
		put_row(st, st->gr->names[t], "RowCount", NULL, NAN, json_close(d));
		if (m->rrows > 0 && m->srows > 0)
			evaluate_table(st, t);
	}
}

/* ---- foreign keys ------------------------------------------------------- */

/* "a.x = b.y AND ..." over the key's columns */
static char *
key_cond(const SdSchemaEdge *e, const char *child, const char *parent)
{
	StringInfoData b;
	int			k;

	initStringInfo(&b);
	for (k = 0; k < e->nkeys; k++)
		appendStringInfo(&b, "%s%s.%s OPERATOR(pg_catalog.=) %s.%s", k ? " AND " : "",
						 child, quote_identifier(e->child_cols[k]),
						 parent, quote_identifier(e->parent_cols[k]));
	return b.data;
}

/* "c.x IS NOT NULL AND ..." */
static char *
key_not_null(const SdSchemaEdge *e, const char *alias)
{
	StringInfoData b;
	int			k;

	initStringInfo(&b);
	for (k = 0; k < e->nkeys; k++)
		appendStringInfo(&b, "%s%s.%s IS NOT NULL", k ? " AND " : "", alias,
						 quote_identifier(e->child_cols[k]));
	return b.data;
}

static char *
key_columns(const SdSchemaEdge *e, bool parent)
{
	StringInfoData b;
	int			k;

	initStringInfo(&b);
	for (k = 0; k < e->nkeys; k++)
		appendStringInfo(&b, "%s%s", k ? ", " : "",
						 parent ? e->parent_cols[k] : e->child_cols[k]);
	return b.data;
}

/* the detail's description of a key */
static void
key_detail(StringInfo d, const SdSchemaGraph *g, const SdSchemaEdge *e)
{
	sd_eval_json_str(d, "constraint", e->conname);
	sd_eval_json_str(d, "parent_table", g->names[e->parent]);
	sd_eval_json_str(d, "parent_columns", key_columns(e, true));
}

/* do the synthetic tables have the key's columns? */
static bool
edge_columns_exist(SchemaEval *st, const SdSchemaEdge *e)
{
	int			k;

	for (k = 0; k < e->nkeys; k++)
		if (get_attnum(st->tm[e->child].srel, e->child_cols[k]) == InvalidAttrNumber ||
			get_attnum(st->tm[e->parent].srel, e->parent_cols[k]) == InvalidAttrNumber)
			return false;
	return true;
}

static void
referential_integrity(SchemaEval *st, const SdSchemaGraph *g, const SdSchemaEdge *e,
					  const char *child, const char *parent)
{
	int64		v[2];
	StringInfo	d = sd_eval_detail();
	StringInfoData keys,
				on;
	double		score;
	int			k;

	/*
	 * A join to the distinct parent keys, not EXISTS in the FILTER (a
	 * subplan run per child row: a scan each when the copy has no index);
	 * DISTINCT, as a copy need not keep its keys unique.
	 */
	initStringInfo(&keys);
	initStringInfo(&on);
	for (k = 0; k < e->nkeys; k++)
	{
		appendStringInfo(&keys, "%sp.%s AS k%d", k ? ", " : "",
						 quote_identifier(e->parent_cols[k]), k);
		appendStringInfo(&on, "%sc.%s OPERATOR(pg_catalog.=) p.k%d", k ? " AND " : "",
						 quote_identifier(e->child_cols[k]), k);
	}
	query_int64s(psprintf("SELECT pg_catalog.count(*) FILTER (WHERE %s),"
						  " pg_catalog.count(*) FILTER (WHERE %s AND p.k0 IS NOT NULL)"
						  " FROM %s c LEFT JOIN (SELECT DISTINCT %s FROM %s p) p ON %s",
						  key_not_null(e, "c"), key_not_null(e, "c"), child,
						  keys.data, parent, on.data),
				 v, 2);
	score = v[0] > 0 ? (double) v[1] / v[0] : NAN;
	key_detail(d, g, e);
	sd_eval_json_int(d, "checked_rows", v[0]);
	sd_eval_json_int(d, "dangling_rows", v[0] - v[1]);
	if (v[0] == 0)
		sd_eval_json_str(d, "note", "no child row has a foreign key");
	put_row(st, g->names[e->child], "ReferentialIntegrity", key_columns(e, false),
			score, json_close(d));
	family_add(st, "ReferentialIntegrity", score);
}

/* children per parent (0 for parents without any), one value per parent */
static double *
children_per_parent(const SdSchemaEdge *e, const char *child, const char *parent, int *n)
{
	MemoryContext cxt = CurrentMemoryContext;
	StringInfoData q,
				sel,
				on,
				groups;
	double	   *out;
	uint64		r;
	int			k,
				total = 0,
				i = 0;

	initStringInfo(&sel);
	initStringInfo(&on);
	for (k = 0; k < e->nkeys; k++)
	{
		appendStringInfo(&sel, "c.%s AS k%d, ", quote_identifier(e->child_cols[k]), k);
		appendStringInfo(&on, "%ss.k%d OPERATOR(pg_catalog.=) p.%s", k ? " AND " : "", k,
						 quote_identifier(e->parent_cols[k]));
	}
	/* the subquery groups by its key columns, by position */
	initStringInfo(&groups);
	for (k = 0; k < e->nkeys; k++)
		appendStringInfo(&groups, "%s%d", k ? ", " : "", k + 1);
	initStringInfo(&q);
	appendStringInfo(&q, "SELECT COALESCE(s.n, 0), pg_catalog.count(*)"
					 " FROM %s p LEFT JOIN (SELECT %spg_catalog.count(*) AS n FROM %s c"
					 " WHERE %s GROUP BY %s) s ON %s GROUP BY 1",
					 parent, sel.data, child, key_not_null(e, "c"), groups.data, on.data);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (sd_spi_execute(q.data, 0, NULL, NULL, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not count the children per parent");
	for (r = 0; r < SPI_processed; r++)
	{
		bool		isnull;

		total += (int) DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[r],
												   SPI_tuptable->tupdesc, 2, &isnull));
	}
	out = MemoryContextAlloc(cxt, sizeof(double) * Max(total, 1));
	for (r = 0; r < SPI_processed; r++)
	{
		bool		isnull;
		int64		nchild = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[r],
														 SPI_tuptable->tupdesc, 1, &isnull));
		int64		nparent = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[r],
														  SPI_tuptable->tupdesc, 2, &isnull));
		int64		j;

		for (j = 0; j < nparent; j++)
			out[i++] = (double) nchild;
	}
	SPI_finish();
	MemoryContextSwitchTo(cxt);
	*n = total;
	return out;
}

static double
mean(const double *x, int n)
{
	double		s = 0;
	int			i;

	for (i = 0; i < n; i++)
		s += x[i];
	return n > 0 ? s / n : NAN;
}

static void
cardinality_shape(SchemaEval *st, const SdSchemaEdge *e)
{
	const SdSchemaGraph *g = st->gr;
	TableMatch *c = &st->tm[e->child];
	TableMatch *p = &st->tm[e->parent];
	int			nr,
				ns;
	double	   *a = children_per_parent(e, c->rq, p->rq, &nr);
	double	   *b = children_per_parent(e, c->sq, p->sq, &ns);
	StringInfo	d = sd_eval_detail();
	double		score = NAN;

	key_detail(d, g, e);
	sd_eval_json_int(d, "real_parents", nr);
	sd_eval_json_int(d, "synthetic_parents", ns);
	sd_eval_json_num(d, "real_mean_children", mean(a, nr));
	sd_eval_json_num(d, "synthetic_mean_children", mean(b, ns));
	if (nr > 0 && ns > 0)
	{
		double		ks = sd_ks_statistic(a, nr, b, ns);

		score = 1.0 - ks;
		sd_eval_json_num(d, "ks_statistic", ks);
	}
	else
		sd_eval_json_str(d, "note", "no parent rows on one side");
	put_row(st, g->names[e->child], "CardinalityShapeSimilarity", key_columns(e, false),
			score, json_close(d));
	family_add(st, "CardinalityShapeSimilarity", score);
}

/* ---- inter-table trends ------------------------------------------------- */

/* one side's joined rows: per read column, float8 values or category hashes */
typedef struct JoinedRows
{
	int			nrows;
	double	  **num;			/* numeric columns */
	int64	  **hash;			/* categorical columns */
	bool	  **isnull;
} JoinedRows;

/* the columns of a key's pairs: parent's first, then child's */
typedef struct PairCols
{
	int			ncols;
	TrendCol  **cols;
	bool	   *of_parent;
	int			npairs;
	int		   *pa,				/* pair k: column pa[k] (parent) x pb[k] (child) */
			   *pb;
	int			total_pairs;
} PairCols;

static void
choose_pairs(SchemaEval *st, const SdSchemaEdge *e, PairCols *pc)
{
	List	   *pcols = st->tm[e->parent].trend_cols;
	List	   *ccols = st->tm[e->child].trend_cols;
	int			np = list_length(pcols),
				nc = list_length(ccols),
				i,
				j;

	pc->ncols = np + nc;
	pc->cols = palloc(sizeof(TrendCol *) * Max(pc->ncols, 1));
	pc->of_parent = palloc(sizeof(bool) * Max(pc->ncols, 1));
	for (i = 0; i < np; i++)
	{
		pc->cols[i] = list_nth(pcols, i);
		pc->of_parent[i] = true;
	}
	for (j = 0; j < nc; j++)
	{
		pc->cols[np + j] = list_nth(ccols, j);
		pc->of_parent[np + j] = false;
	}
	pc->total_pairs = np * nc;
	pc->npairs = (int) Min((int64) pc->total_pairs, st->max_pairs);
	pc->pa = palloc(sizeof(int) * Max(pc->npairs, 1));
	pc->pb = palloc(sizeof(int) * Max(pc->npairs, 1));
	/* the first max_pairs pairs in column order, parent's columns outer */
	for (i = 0; i < pc->npairs; i++)
	{
		pc->pa[i] = i / nc;
		pc->pb[i] = np + i % nc;
	}
}

/* a categorical column as a hash of its text: no category leaves the server */
static char *
hash_expr(const TrendCol *c, const char *alias)
{
	return psprintf("pg_catalog.hashtextextended(%s.%s::pg_catalog.text, 0)",
					alias, quote_identifier(c->name));
}

/* a numeric or temporal column as epoch seconds or its number */
static char *
number_expr(Oid typid, const char *alias, const char *col)
{
	switch (getBaseType(typid))
	{
		case DATEOID:
		case TIMEOID:
		case TIMETZOID:
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
		case INTERVALOID:
			return psprintf("pg_catalog.date_part('epoch', %s.%s)::pg_catalog.float8",
							alias, quote_identifier(col));
		default:
			return psprintf("%s.%s::pg_catalog.numeric::pg_catalog.float8",
							alias, quote_identifier(col));
	}
}

static JoinedRows *
read_joined(SchemaEval *st, const SdSchemaEdge *e, const PairCols *pc, bool real)
{
	MemoryContext cxt = CurrentMemoryContext;
	TableMatch *cm = &st->tm[e->child];
	TableMatch *pm = &st->tm[e->parent];
	int64		crows = real ? cm->rrows : cm->srows;
	Oid			prel = real ? pm->rrel : pm->srel;
	StringInfoData q;
	JoinedRows *jr = palloc0(sizeof(JoinedRows));
	uint64		r;
	int			j;

	initStringInfo(&q);
	appendStringInfoString(&q, "SELECT ");
	for (j = 0; j < pc->ncols; j++)
	{
		const TrendCol *c = pc->cols[j];
		const char *alias = pc->of_parent[j] ? "p" : "c";
		Oid			rel = pc->of_parent[j] ? prel : (real ? cm->rrel : cm->srel);
		AttrNumber	att = get_attnum(rel, c->name);

		/* synth_evaluate saw the column in both tables, unless it was told to ignore it */
		if (att == InvalidAttrNumber)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of table \"%s\" does not exist", c->name,
							get_rel_name(rel))));
		if (j > 0)
			appendStringInfoString(&q, ", ");
		if (c->numeric)
			appendStringInfoString(&q, number_expr(get_atttype(rel, att), alias, c->name));
		else
			appendStringInfoString(&q, hash_expr(c, alias));
	}
	appendStringInfo(&q, " FROM %s c", real ? cm->rq : cm->sq);
	if (crows > st->max_rows)
		appendStringInfo(&q, " TABLESAMPLE BERNOULLI (%.10g) REPEATABLE (%.0f)",
						 100.0 * (double) st->max_rows / (double) crows,
						 (double) (st->have_seed ? st->seed % 1000000007 : 0));
	appendStringInfo(&q, " JOIN %s p ON %s", real ? pm->rq : pm->sq, key_cond(e, "c", "p"));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (sd_spi_execute(q.data, 0, NULL, NULL, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the rows joined through a foreign key");
	MemoryContextSwitchTo(cxt);
	jr->nrows = (int) SPI_processed;
	jr->num = palloc0(sizeof(double *) * pc->ncols);
	jr->hash = palloc0(sizeof(int64 *) * pc->ncols);
	jr->isnull = palloc0(sizeof(bool *) * pc->ncols);
	for (j = 0; j < pc->ncols; j++)
	{
		jr->isnull[j] = palloc(sizeof(bool) * Max(jr->nrows, 1));
		if (pc->cols[j]->numeric)
			jr->num[j] = palloc(sizeof(double) * Max(jr->nrows, 1));
		else
			jr->hash[j] = palloc(sizeof(int64) * Max(jr->nrows, 1));
	}
	for (r = 0; r < SPI_processed; r++)
	{
		CHECK_FOR_INTERRUPTS();
		for (j = 0; j < pc->ncols; j++)
		{
			bool		isnull;
			Datum		d = SPI_getbinval(SPI_tuptable->vals[r], SPI_tuptable->tupdesc,
										  j + 1, &isnull);

			if (pc->cols[j]->numeric)
			{
				double		x = isnull ? 0 : DatumGetFloat8(d);

				/* NaN and infinities count as missing, as in synth_evaluate */
				isnull = isnull || isnan(x) || isinf(x);
				jr->num[j][r] = x;
			}
			else
				jr->hash[j][r] = isnull ? 0 : DatumGetInt64(d);
			jr->isnull[j][r] = isnull;
		}
	}
	SPI_finish();
	MemoryContextSwitchTo(cxt);
	return jr;
}

typedef struct HashCode
{
	int64		hash;
	int			code;
} HashCode;

/* category codes of a categorical column, one dictionary for both sides */
static void
category_codes(const JoinedRows *r, const JoinedRows *s, int j, int **rc, int **sc,
			   int *ncat)
{
	HASHCTL		ctl;
	HTAB	   *dict;
	int			side;

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(int64);
	ctl.entrysize = sizeof(HashCode);
	ctl.hcxt = CurrentMemoryContext;
	dict = hash_create("synthdata schema evaluation categories", 256, &ctl,
					   HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	*ncat = 0;
	for (side = 0; side < 2; side++)
	{
		const JoinedRows *t = side == 0 ? r : s;
		int		   *codes = palloc(sizeof(int) * Max(t->nrows, 1));
		int			i;

		for (i = 0; i < t->nrows; i++)
		{
			HashCode   *hc;
			bool		found;

			if (t->isnull[j][i])
			{
				codes[i] = -1;
				continue;
			}
			hc = hash_search(dict, &t->hash[j][i], HASH_ENTER, &found);
			if (!found)
				hc->code = (*ncat)++;
			codes[i] = hc->code;
		}
		if (side == 0)
			*rc = codes;
		else
			*sc = codes;
	}
	*ncat = Max(*ncat, 1);
}

/* width-bucket codes of a numeric column over the real range */
static void
bin_codes(const JoinedRows *r, const JoinedRows *s, int j, int **rc, int **sc,
		  int *ncat)
{
	double		lo = 0,
				hi = 0;
	bool		any = false;
	int			i,
				side;

	for (i = 0; i < r->nrows; i++)
		if (!r->isnull[j][i])
		{
			double		x = r->num[j][i];

			lo = any ? Min(lo, x) : x;
			hi = any ? Max(hi, x) : x;
			any = true;
		}
	for (side = 0; side < 2; side++)
	{
		const JoinedRows *t = side == 0 ? r : s;
		int		   *codes = palloc(sizeof(int) * Max(t->nrows, 1));

		for (i = 0; i < t->nrows; i++)
			codes[i] = (t->isnull[j][i] || !any) ? -1 :
				sd_width_bucket(t->num[j][i], lo, hi, SD_PAIR_BINS);
		if (side == 0)
			*rc = codes;
		else
			*sc = codes;
	}
	*ncat = SD_PAIR_BINS + 2;
}

/* the pair trend of columns a and b; appends the pair to the detail */
static double
pair_trend(const PairCols *pc, const JoinedRows *r, const JoinedRows *s,
		   int a, int b, StringInfo pairs)
{
	const TrendCol *ca = pc->cols[a];
	const TrendCol *cb = pc->cols[b];
	double		score;
	StringInfo	d = sd_eval_detail();

	sd_eval_json_str(d, "parent_column", ca->name);
	sd_eval_json_str(d, "child_column", cb->name);
	if (ca->numeric && cb->numeric)
	{
		double		rr,
					rs;
		int			nr,
					ns;
		bool		okr = sd_pearson(r->num[a], r->isnull[a], r->num[b], r->isnull[b],
									 r->nrows, &rr, &nr);
		bool		oks = sd_pearson(s->num[a], s->isnull[a], s->num[b], s->isnull[b],
									 s->nrows, &rs, &ns);

		score = (okr && oks) ? 1.0 - fabs(rr - rs) / 2.0 : NAN;
		sd_eval_json_str(d, "metric", "CorrelationSimilarity");
		sd_eval_json_num(d, "real_correlation", okr ? rr : NAN);
		sd_eval_json_num(d, "synthetic_correlation", oks ? rs : NAN);
	}
	else
	{
		int		   *ra,
				   *sa,
				   *rb,
				   *sb,
					na,
					nb;

		if (ca->numeric)
			bin_codes(r, s, a, &ra, &sa, &na);
		else
			category_codes(r, s, a, &ra, &sa, &na);
		if (cb->numeric)
			bin_codes(r, s, b, &rb, &sb, &nb);
		else
			category_codes(r, s, b, &rb, &sb, &nb);
		score = sd_contingency_similarity(ra, rb, r->nrows, sa, sb, s->nrows, na, nb,
										  sd_context_alloc, CurrentMemoryContext);
		sd_eval_json_str(d, "metric", "ContingencySimilarity");
	}
	/* 1 - tv / 2 may round a hair below 0 */
	if (!isnan(score))
		score = Max(0.0, Min(1.0, score));
	sd_eval_json_num(d, "score", score);
	if (pairs->len > 1)
		appendStringInfoString(pairs, ", ");
	appendStringInfoString(pairs, json_close(d));
	return score;
}

static void
intertable_trends(SchemaEval *st, const SdSchemaEdge *e)
{
	const SdSchemaGraph *g = st->gr;
	MemoryContext scratch = AllocSetContextCreate(CurrentMemoryContext,
												  "synthdata schema trends",
												  ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(scratch);
	PairCols	pc;
	JoinedRows *r = NULL,
			   *s = NULL;
	StringInfoData pairs;
	StringInfo	d;
	double		sum = 0,
				score;
	int			k,
				n = 0;

	choose_pairs(st, e, &pc);
	initStringInfo(&pairs);
	appendStringInfoChar(&pairs, '[');
	if (pc.npairs > 0)
	{
		r = read_joined(st, e, &pc, true);
		s = read_joined(st, e, &pc, false);
		for (k = 0; k < pc.npairs && r->nrows > 0 && s->nrows > 0; k++)
		{
			double		v;

			CHECK_FOR_INTERRUPTS();
			v = pair_trend(&pc, r, s, pc.pa[k], pc.pb[k], &pairs);
			if (!isnan(v))
			{
				sum += v;
				n++;
			}
		}
	}
	appendStringInfoChar(&pairs, ']');
	score = n > 0 ? sum / n : NAN;
	MemoryContextSwitchTo(old);

	d = sd_eval_detail();
	key_detail(d, g, e);
	sd_eval_json_int(d, "pairs", n);
	sd_eval_json_int(d, "candidate_pairs", pc.total_pairs);
	sd_eval_json_int(d, "real_joined_rows", r ? r->nrows : 0);
	sd_eval_json_int(d, "synthetic_joined_rows", s ? s->nrows : 0);
	if (pc.total_pairs > pc.npairs)
		sd_eval_json_str(d, "note", "pairs capped by option max_pairs");
	else if (pc.total_pairs == 0)
		sd_eval_json_str(d, "note", "no modelled column in the parent or the child");
	appendStringInfoString(d, ", \"pair_scores\": ");
	appendStringInfoString(d, pairs.data);
	put_row(st, g->names[e->child], "IntertableTrends", key_columns(e, false), score,
			json_close(d));
	family_add(st, "IntertableTrends", score);
	MemoryContextDelete(scratch);
}

/* the keys of the real schema, measured on the synthetic tables */
static void
key_rows(SchemaEval *st)
{
	int			i;

	for (i = 0; i < st->gr->nedges; i++)
	{
		const SdSchemaEdge *e = &st->gr->edges[i];

		CHECK_FOR_INTERRUPTS();
		if (!st->tm[e->child].matched || !st->tm[e->parent].matched)
			continue;
		if (!edge_columns_exist(st, e))
		{
			ereport(NOTICE,
					(errmsg("foreign key \"%s\" of table \"%s\" skipped: its columns are not in schema \"%s\"",
							e->conname, st->gr->names[e->child], st->sname)));
			continue;
		}
		referential_integrity(st, st->gr, e, st->tm[e->child].sq, st->tm[e->parent].sq);
		cardinality_shape(st, e);
		intertable_trends(st, e);
	}
}

/* is edge e of gs the same key (tables and columns by name) as one of gr? */
static bool
edge_in_real(SchemaEval *st, const SdSchemaEdge *e)
{
	int			i,
				k;

	for (i = 0; i < st->gr->nedges; i++)
	{
		const SdSchemaEdge *o = &st->gr->edges[i];
		bool		same = o->nkeys == e->nkeys &&
			strcmp(st->gr->names[o->child], st->gs->names[e->child]) == 0 &&
			strcmp(st->gr->names[o->parent], st->gs->names[e->parent]) == 0;

		for (k = 0; same && k < e->nkeys; k++)
			same = strcmp(o->child_cols[k], e->child_cols[k]) == 0 &&
				strcmp(o->parent_cols[k], e->parent_cols[k]) == 0;
		if (same)
			return true;
	}
	return false;
}

/* keys declared only in the synthetic schema: their referential integrity */
static void
synthetic_key_rows(SchemaEval *st)
{
	int			i;

	for (i = 0; i < st->gs->nedges; i++)
	{
		const SdSchemaEdge *e = &st->gs->edges[i];

		if (edge_in_real(st, e))
			continue;
		referential_integrity(st, st->gs, e, qualified(st->gs->relids[e->child]),
							  qualified(st->gs->relids[e->parent]));
	}
}

/* ---- links -------------------------------------------------------------- */

static const char *
link_metric(SdLinkKind k)
{
	switch (k)
	{
		case SD_LINK_SUM:
		case SD_LINK_COUNT:
			return "ExactAggregate";
		case SD_LINK_COPY:
			return "DenormalisedCopy";
		case SD_LINK_AFTER:
			return "Ordering";
	}
	return NULL;
}

static bool
link_columns_exist(SchemaEval *st, const SdSchemaLink *l)
{
	const SdSchemaEdge *e = &st->gr->edges[l->edge];
	Oid			c = st->tm[e->child].srel,
				p = st->tm[e->parent].srel;

	return edge_columns_exist(st, e) &&
		get_attnum(p, l->parent_col) != InvalidAttrNumber &&
		(l->child_col == NULL || get_attnum(c, l->child_col) != InvalidAttrNumber) &&
		(l->child_col2 == NULL || get_attnum(c, l->child_col2) != InvalidAttrNumber);
}

static void
link_rows(SchemaEval *st)
{
	List	   *links;
	ListCell   *lc;

	if (!st->links)
		return;
	links = sd_schema_links(st->gr, st->min_parents);
	foreach(lc, links)
	{
		SdSchemaLink *l = lfirst(lc);
		const SdSchemaEdge *e = &st->gr->edges[l->edge];
		const char *metric = link_metric(l->kind);
		char	   *desc = sd_schema_link_describe(st->gr, l);
		bool		per_parent = l->kind == SD_LINK_SUM || l->kind == SD_LINK_COUNT;
		int64		v[2];
		StringInfo	d;
		double		score;

		CHECK_FOR_INTERRUPTS();
		if (!st->tm[e->child].matched || !st->tm[e->parent].matched)
			continue;
		if (!link_columns_exist(st, l))
		{
			ereport(NOTICE,
					(errmsg("link \"%s\" skipped: its columns are not in schema \"%s\"",
							desc, st->sname)));
			continue;
		}
		query_int64s(sd_schema_link_query(st->gr, l, st->tm[e->child].sq,
										  st->tm[e->parent].sq), v, 2);
		score = v[0] > 0 ? (double) v[1] / v[0] : NAN;
		d = sd_eval_detail();
		sd_eval_json_str(d, "link", desc);
		sd_eval_json_str(d, "kind", l->kind == SD_LINK_SUM ? "sum" : l->kind == SD_LINK_COUNT ? "count" :
				 l->kind == SD_LINK_COPY ? "copy" : "after");
		key_detail(d, st->gr, e);
		sd_eval_json_str(d, "child_table", st->gr->names[e->child]);
		sd_eval_json_int(d, "checked_rows", v[0]);
		sd_eval_json_int(d, "violating_rows", v[0] - v[1]);
		put_row(st, st->gr->names[per_parent ? e->parent : e->child], metric,
				desc, score, json_close(d));
		family_add(st, metric, score);
	}
}

/* ---- overall ------------------------------------------------------------ */

static void
overall_rows(SchemaEval *st)
{
	static const char *const quality[] = {
		"Column Shapes", "Column Pair Trends", "CardinalityShapeSimilarity",
		"IntertableTrends", NULL
	};
	ListCell   *lc;
	StringInfo	d;
	double		sum = 0;
	int			n = 0,
				i;

	foreach(lc, st->families)
	{
		Family	   *f = lfirst(lc);

		d = sd_eval_detail();
		sd_eval_json_int(d, "rows", f->n);
		sd_eval_json_num(d, "min", f->min);
		put_row(st, NULL, f->metric, NULL, f->sum / f->n, json_close(d));
	}
	/* SDMetrics' multi-table quality: the mean of its four properties */
	d = sd_eval_detail();
	for (i = 0; quality[i]; i++)
	{
		double		m = family_mean(st, quality[i]);

		sd_eval_json_num(d, quality[i], m);
		if (!isnan(m))
		{
			sum += m;
			n++;
		}
	}
	put_row(st, NULL, "Schema Quality", NULL, n > 0 ? sum / n : NAN, json_close(d));
}

/* ---- entry points ------------------------------------------------------- */

void
sd_evaluate_schema(const char *real_schema, const char *synthetic_schema, Jsonb *options,
				   Oid fn_nsp, SdSchemaRowFn emit, void *arg)
{
	MemoryContext cxt,
				old;
	SchemaEval	st;

	memset(&st, 0, sizeof(st));
	st.rname = real_schema;
	st.sname = synthetic_schema;
	st.rnsp = get_namespace_oid(st.rname, false);
	st.snsp = get_namespace_oid(st.sname, false);
	parse_options(&st, options);
	st.emit = emit;
	st.emit_arg = arg;

	cxt = AllocSetContextCreate(CurrentMemoryContext, "synthdata evaluate schema",
								ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	st.fn_nsp = quote_identifier(get_namespace_name(fn_nsp));
	st.gr = sd_schema_graph_of_schema(st.rnsp);
	st.gs = sd_schema_graph_of_schema(st.snsp);
	check_table_options(&st);
	match_tables(&st);
	table_rows(&st);
	key_rows(&st);
	synthetic_key_rows(&st);
	link_rows(&st);
	overall_rows(&st);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(cxt);
}

/* a row into the result of synth_evaluate_schema */
static void
tuplestore_row(void *arg, const char *table, const char *metric, const char *columns,
			   double score, const char *detail)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) arg;
	Datum		values[5] = {0};
	bool		nulls[5] = {0};
	int			i = 0;

	if (table)
		values[i] = CStringGetTextDatum(table);
	else
		nulls[i] = true;
	i++;
	values[i++] = CStringGetTextDatum(metric);
	if (columns)
		values[i] = CStringGetTextDatum(columns);
	else
		nulls[i] = true;
	i++;
	if (isnan(score))
		nulls[i] = true;
	else
		values[i] = Float8GetDatum(score);
	i++;
	values[i++] = DirectFunctionCall1(jsonb_in, CStringGetDatum(detail));
	Assert(i == 5);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

/*
 * synth_evaluate_schema(real_schema text, synthetic_schema text,
 *		options jsonb DEFAULT '{}')
 *	-> TABLE(table_name text, metric text, column_names text, score float8,
 *			 detail jsonb)
 */
PG_FUNCTION_INFO_V1(synth_evaluate_schema);
Datum
synth_evaluate_schema(PG_FUNCTION_ARGS)
{
	sd_arg_not_null(fcinfo, 0, "real_schema");
	sd_arg_not_null(fcinfo, 1, "synthetic_schema");
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	sd_evaluate_schema(text_to_cstring(PG_GETARG_TEXT_PP(0)),
					   text_to_cstring(PG_GETARG_TEXT_PP(1)),
					   PG_ARGISNULL(2) ? NULL : PG_GETARG_JSONB_P(2),
					   sd_extension_namespace(),
					   tuplestore_row, fcinfo->resultinfo);
	PG_RETURN_NULL();
}
