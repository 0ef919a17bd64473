/*-------------------------------------------------------------------------
 *
 * roles_fanout.c
 *		Children per parent that follow a parent's attribute: the number of
 *		a customer's orders that grows with the customer being a VIP.
 *
 *		At fit time, for a foreign-key column, each of the parent's own
 *		columns (not its keys, not its foreign keys) is measured against the
 *		parents' numbers of children: a number, date or time by Spearman's
 *		rank correlation; a category (held by at least k parents, at most 16
 *		of them) by the correlation of the count's rank with its category's
 *		mean rank (the correlation ratio of the ranks).  The strongest one,
 *		when |rho| >= 0.1, goes into the model with its correlation on the
 *		normal scale (2 sin(pi rho / 6), Kruskal 1958) and, for a category,
 *		each category's standardized normal score.  When sampling, the
 *		parents are ordered by rho z + sqrt(1 - rho^2) e instead of a keyed
 *		random order alone, z the parent's normal score on that column, so
 *		that the largest counts go to the parents the source would give them
 *		to: a Gaussian copula between a parent attribute and its children.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * IDENTIFICATION
 *		src/roles_fanout.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

#include "distributions.h"
#include "roles.h"

/* parent columns measured per foreign key */
#define BY_MAX_CANDIDATES 8
/* categories a categorical parent column may have */
#define BY_MAX_CATEGORIES 16
/* parents a correlation is measured on, at most (about) */
#define BY_SAMPLE_PARENTS 20000
/* the weakest correlation kept */
#define BY_MIN_RHO 0.1

typedef RolesParentCol ByCand;

/*
 * The parent's own columns that may drive its children (their count here,
 * their attributes in roles_condition.c): not its key, foreign keys,
 * one-column unique keys, generated, serial or array columns; numbers,
 * dates and times, booleans, enums and strings; at most max of them.
 */
int
roles_parent_columns(Oid prel, const char *pk, RolesParentCol *cands, int max)
{
	SdTable    *t = sd_table_open(prel, 0);
	int			i,
				n = 0;

	for (i = 0; i < t->ncolumns && n < max; i++)
	{
		const SdColumn *col = &t->columns[i];
		char		cat = col->typcategory;
		int			f,
					j;
		bool		skip = strcmp(col->name, pk) == 0 || col->generated || col->from_sequence ||
			col->is_array;

		for (f = 0; f < t->nfkeys && !skip; f++)
			for (j = 0; j < t->fkeys[f].ncols; j++)
				skip |= t->fkeys[f].cols[j] == i;
		for (f = 0; f < t->nkeys && !skip; f++)
			skip |= t->keys[f].ncols == 1 && t->keys[f].cols[0] == i;
		if (skip || strchr("NDBES", cat) == NULL)
			continue;
		cands[n].name = col->name;
		cands[n].typid = col->basetypid;
		cands[n].category = cat == TYPCATEGORY_BOOLEAN || cat == TYPCATEGORY_ENUM ||
			cat == TYPCATEGORY_STRING;
		n++;
	}
	return n;
}

typedef struct ByCounts
{
	Datum		args[2];		/* the children's keys and their counts */
	Oid			types[2];
	bool		text_key;		/* keys as text (else int8, compared to the
								 * parent's integer key itself, so that the
								 * planner sees its statistics) */
} ByCounts;

/*
 * The scan's exact counts of the foreign key's values as two arrays, when
 * the key is an integer (counted as float8, exact below 2^53, passed as
 * int8) or a text: the children need not be read again.
 */
static bool
by_counts_arrays(const ColState *cs, Oid typid, ByCounts *bc)
{
	int64	   *counts;
	Datum	   *keys,
			   *cnts;
	bool		numbers;
	int64		n,
				i;

	typid = getBaseType(typid);
	if (cs == NULL)
		return false;
	if (!(typid == INT2OID || typid == INT4OID || typid == INT8OID ||
		  typid == TEXTOID || typid == VARCHAROID))
		return false;
	n = fit_children_counts(cs, &counts, &keys, &numbers);
	if (n <= 0 || numbers != (typid == INT2OID || typid == INT4OID || typid == INT8OID))
		return false;
	cnts = palloc(sizeof(Datum) * n);
	for (i = 0; i < n; i++)
	{
		cnts[i] = Int64GetDatum(counts[i]);
		/* an integer key's float8 form is exact (below 2^53) */
		if (numbers)
			keys[i] = Int64GetDatum((int64) DatumGetFloat8(keys[i]));
	}
	bc->types[0] = numbers ? INT8ARRAYOID : TEXTARRAYOID;
	bc->types[1] = INT8ARRAYOID;
	bc->args[0] = PointerGetDatum(numbers ?
								  construct_array(keys, (int) n, INT8OID, 8,
												  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE) :
								  construct_array(keys, (int) n, TEXTOID, -1,
												  false, TYPALIGN_INT));
	bc->args[1] = PointerGetDatum(construct_array(cnts, (int) n, INT8OID, 8,
												  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	bc->text_key = !numbers;
	return true;
}

/* runs a query of by_parents_sql's FROM, with the counts' arrays if any */
static int
by_execute(const char *q, const ByCounts *bc, long tcount)
{
	return sd_spi_execute(q, bc ? 2 : 0, bc ? (Oid *) bc->types : NULL,
						  bc ? (Datum *) bc->args : NULL, NULL, true, tcount);
}

/*
 * Whether a foreign key's values and its parent's equal keys have the same
 * text: integers of any width, or one type among text, varchar and uuid
 * (not numeric, whose equal values may differ in scale: 1.0 and 1.00).
 */
static bool
same_key_text(Oid child_type, Oid parent_type)
{
	bool		ci = child_type == INT2OID || child_type == INT4OID || child_type == INT8OID;
	bool		pi = parent_type == INT2OID || parent_type == INT4OID || parent_type == INT8OID;

	if (ci || pi)
		return ci && pi;
	return child_type == parent_type &&
		(child_type == TEXTOID || child_type == VARCHAROID || child_type == UUIDOID);
}

/*
 * SELECT ... FROM: the parents with their children's count n and rank rc;
 * of many parents, about BY_SAMPLE_PARENTS of them, chosen by a hash of
 * their key (a function of the table's contents, not of where rows lie).
 * The counts come from the scan's arrays (bc) when it kept them, else from
 * a grouping of the children.
 */
static char *
by_parents_sql(const char *parent, const char *pk, const char *child, const char *fk,
			   ByCand *cands, int n, int64 parents, const ByCounts *bc, bool same_text)
{
	StringInfoData cols;
	StringInfoData where;
	char	   *counts;
	char	   *child_where = "";
	int			i;

	initStringInfo(&cols);
	initStringInfo(&where);
	for (i = 0; i < n; i++)
		appendStringInfo(&cols, ", p.%s AS a%d", quote_identifier(cands[i].name), i);
	if (parents > BY_SAMPLE_PARENTS)
	{
		double		cut = 1073741824.0 * BY_SAMPLE_PARENTS / (double) parents;

		appendStringInfo(&where, " WHERE (pg_catalog.hashtext(p.%s::pg_catalog.text) OPERATOR(pg_catalog.&) 1073741823)"
						 " OPERATOR(pg_catalog.<) %.0f", pk, cut);
		/*
		 * A key whose text is its parent's (same_text) picks the sampled
		 * parents' children by the same hash: only they are counted, not
		 * every parent's (300,000 orders' lines grouped for 20,000).
		 */
		if (same_text)
			child_where = psprintf(" AND (pg_catalog.hashtext(c.%s::pg_catalog.text) OPERATOR(pg_catalog.&) 1073741823)"
								   " OPERATOR(pg_catalog.<) %.0f", fk, cut);
	}
	if (bc != NULL)
		counts = psprintf("ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) AS g(k, n)"
						  " ON g.k OPERATOR(pg_catalog.=) p.%s%s", pk,
						  bc->text_key ? "::pg_catalog.text" : "");
	else
		counts = psprintf("(SELECT c.%s AS k, pg_catalog.count(*) AS n FROM %s c"
						  " WHERE c.%s IS NOT NULL%s GROUP BY c.%s) g ON g.k OPERATOR(pg_catalog.=) p.%s",
						  fk, child, fk, child_where, fk, pk);
	return psprintf("(SELECT pg_catalog.rank() OVER (ORDER BY COALESCE(g.n, 0)) AS rc%s"
					" FROM %s p LEFT JOIN %s%s) s",
					cols.data, parent, counts, where.data);
}

/* the categories of candidate a of the best correlation: label -> standardized score */
static void
by_category_scores(ColSemantics *sem, const char *from, const ByCounts *bc, int a, int k,
				   double parents)
{
	MemoryContext cxt = CurrentMemoryContext;
	char	   *q = psprintf("SELECT s.a%d::pg_catalog.text, pg_catalog.avg(s.rc)::pg_catalog.float8,"
							 " pg_catalog.count(*)::pg_catalog.float8 FROM %s"
							 " WHERE s.a%d IS NOT NULL GROUP BY s.a%d"
							 " HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>=) %d ORDER BY 1",
							 a, from, a, a, k);
	double		mean = 0,
				sq = 0,
				w = 0,
				sd;
	uint64		i;

	if (by_execute(q, bc, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not measure the children per parent");
	MemoryContextSwitchTo(cxt);
	sem->by_ncat = (int) SPI_processed;
	sem->by_labels = palloc(sizeof(char *) * Max(sem->by_ncat, 1));
	sem->by_scores = palloc(sizeof(double) * Max(sem->by_ncat, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		double		r = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull));
		double		cnt = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 3, &isnull));

		sem->by_labels[i] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		sem->by_scores[i] = sd_qnorm(r / (parents + 1));
		mean += cnt * sem->by_scores[i];
		sq += cnt * sem->by_scores[i] * sem->by_scores[i];
		w += cnt;
	}
	SPI_freetuptable(SPI_tuptable);
	mean /= Max(w, 1);
	sd = sqrt(Max(sq / Max(w, 1) - mean * mean, 0));
	for (i = 0; i < (uint64) sem->by_ncat; i++)
		sem->by_scores[i] = sd > 1e-9 ? rint((sem->by_scores[i] - mean) / sd * 1e4) / 1e4 : 0;
	if (!(sd > 1e-9))
		sem->by_column = NULL;
}

/*
 * The parent column whose values the children's counts follow most, if
 * any.  Runs inside the fit's SPI connection, as the caller.
 */
void
roles_fanout_by_parent(Model *m, FitContext *fc, ModelCol *c, Oid prel,
					   const ColState *cs)
{
	ColSemantics *sem = c->sem;
	ByCand		cands[BY_MAX_CANDIDATES];
	int			n = roles_parent_columns(prel, sem->ref_column, cands, BY_MAX_CANDIDATES);
	char	   *from;
	StringInfoData q;
	MemoryContext cxt = CurrentMemoryContext;
	int			i,
				best = -1;
	double		best_rho = 0;
	double		measured;
	bool		isnull,
				have_counts;
	ByCounts	bc;
	Oid			child_type,
				parent_type;

	if (n == 0 || sem->parents < 2 * (int64) m->k)
		return;
	child_type = get_atttype(fc->relid, get_attnum(fc->relid, c->name));
	parent_type = get_atttype(prel, get_attnum(prel, sem->ref_column));
	have_counts = by_counts_arrays(cs, child_type, &bc);
	from = by_parents_sql(quote_qualified_identifier(sem->ref_schema, sem->ref_table),
						  quote_identifier(sem->ref_column), fc->qualified,
						  quote_identifier(c->name), cands, n, sem->parents,
						  have_counts ? &bc : NULL, same_key_text(child_type, parent_type));
	initStringInfo(&q);
	appendStringInfoString(&q, "SELECT pg_catalog.count(*)::pg_catalog.float8");
	for (i = 0; i < n; i++)
	{
		if (cands[i].category)
			appendStringInfo(&q, ", pg_catalog.corr(t.rc, t.m%d) FILTER (WHERE t.k%d OPERATOR(pg_catalog.>=) %d),"
							 " pg_catalog.count(DISTINCT t.a%d)::pg_catalog.float8", i, i, m->k, i);
		else
			appendStringInfo(&q, ", pg_catalog.corr(t.rc, t.r%d), 0::pg_catalog.float8", i);
	}
	appendStringInfoString(&q, " FROM (SELECT s.rc");
	for (i = 0; i < n; i++)
	{
		if (cands[i].category)
			appendStringInfo(&q, ", s.a%d, pg_catalog.avg(s.rc) OVER (PARTITION BY s.a%d) AS m%d,"
							 " CASE WHEN s.a%d IS NULL THEN 0 ELSE pg_catalog.count(*) OVER (PARTITION BY s.a%d) END AS k%d",
							 i, i, i, i, i, i);
		else
			appendStringInfo(&q, ", CASE WHEN s.a%d IS NULL THEN NULL ELSE pg_catalog.rank() OVER (ORDER BY s.a%d) END AS r%d",
							 i, i, i);
	}
	appendStringInfo(&q, " FROM %s) t", from);
	if (by_execute(q.data, have_counts ? &bc : NULL, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "could not measure the children per parent");
	MemoryContextSwitchTo(cxt);
	measured = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	for (i = 0; i < n; i++)
	{
		Datum		r = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2 + 2 * i, &isnull);
		double		rho = isnull ? 0 : DatumGetFloat8(r);
		double		ncat = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3 + 2 * i, &isnull));

		if (cands[i].category && (ncat < 2 || ncat > BY_MAX_CATEGORIES))
			continue;
		if (isfinite(rho) && fabs(rho) > fabs(best_rho))
		{
			best = i;
			best_rho = rho;
		}
	}
	SPI_freetuptable(SPI_tuptable);
	if (best < 0 || fabs(best_rho) < BY_MIN_RHO)
		return;
	sem->by_column = pstrdup(cands[best].name);
	sem->by_rho = rint(2 * sin(M_PI * best_rho / 6) * 1e4) / 1e4;
	if (cands[best].category)
		by_category_scores(sem, from, have_counts ? &bc : NULL, best, m->k, measured);
}
