/*-------------------------------------------------------------------------
 *
 * impute.c
 *		SQL-callable imputation: synth_impute() returns every row of a table
 *		with its NULLs filled, synth_impute_update() fills them in place.
 *		The table they read is loaded by impute_table.c.
 *
 * The table is read through SPI as the caller (GRANTs and row-level
 * security apply) with a cursor, so the scan is never parallel and rows
 * come in the table's physical order; the SQL definitions switch off
 * synchronized scans so that the order does not depend on other sessions.
 * Row i of that order is the row index of every random choice.
 *
 * Methods: mean, median and mode (impute_engine.c); regression (ridge least
 * squares from each row's observed columns, impute_engine.c); knn (donor rows
 * nearest on the other columns, neighbors.h); model (the fitted Gaussian
 * copula of synth_fit conditioned on the row's observed columns, through
 * clone.h, with the conditional Gaussian of impute_engine.c).  The table is held in
 * memory while it is imputed: its tuples and a matrix of doubles.
 *
 * Values are built with the column type's own functions: integers are
 * rounded, numeric/timestamp/time values go through the type's length
 * coercion function for the column's typmod, and numeric values never
 * leave the range observed in the column.  Categorical values are always
 * values observed in the column.  Rows are checked against the table's
 * CHECK constraints and its domains' (catalog.h) and redrawn if need be.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/impute.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "access/relation.h"
#include "access/sysattr.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/bitmapset.h"
#include "parser/parse_coerce.h"
#include "parser/parse_type.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/timestamp.h"

#include "clone.h"
#include "distributions.h"
#include "fake.h"
#include "impute.h"
#include "impute_engine.h"
#include "neighbors.h"
#include "synthdata.h"

/* ---------------------------------------------------------------------
 * Imputation
 * ---------------------------------------------------------------------
 */

typedef enum ImpMethod
{
	IMP_MEAN,
	IMP_MEDIAN,
	IMP_MODE,
	IMP_REGRESSION,
	IMP_KNN,
	IMP_MODEL
} ImpMethod;

typedef struct ImputeSpec
{
	ImpMethod	method;
	const char *name;
	double		ridge;			/* regression */
	int			max_levels;		/* regression */
	int			k;				/* knn: neighbours */
	int			donors;			/* knn: most donor rows per column */
	bool		draw;			/* model: a draw (true) or the conditional mean */
	bool		condition_nulls;	/* model: condition on NULL indicators */
	Jsonb	   *fit;			/* model: synth_fit options */
	Jsonb	   *model;			/* model: a fitted model */
} ImputeSpec;

static void
impute_parse(FunctionCallInfo fcinfo, int method_arg, int opts_arg,
			 ImputeSpec *spec)
{
	static const char *const no_opts[] = {NULL};
	static const char *const reg_opts[] = {"ridge", "max_levels", NULL};
	static const char *const knn_opts[] = {"k", "donors", NULL};
	static const char *const model_opts[] = {"draw", "condition_on_nulls", "fit", "model", NULL};
	char	   *m;
	Jsonb	   *opts;
	int64		iv;

	sd_arg_not_null(fcinfo, method_arg, "method");
	m = text_to_cstring(PG_GETARG_TEXT_PP(method_arg));
	opts = PG_ARGISNULL(opts_arg) ? NULL : PG_GETARG_JSONB_P(opts_arg);

	memset(spec, 0, sizeof(ImputeSpec));
	spec->name = m;
	spec->ridge = 1e-3;
	spec->max_levels = 32;
	spec->k = 10;
	spec->donors = 5000;
	if (strcmp(m, "mean") == 0)
		spec->method = IMP_MEAN;
	else if (strcmp(m, "median") == 0)
		spec->method = IMP_MEDIAN;
	else if (strcmp(m, "mode") == 0)
		spec->method = IMP_MODE;
	else if (strcmp(m, "regression") == 0)
		spec->method = IMP_REGRESSION;
	else if (strcmp(m, "knn") == 0)
		spec->method = IMP_KNN;
	else if (strcmp(m, "model") == 0)
		spec->method = IMP_MODEL;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unrecognized imputation method \"%s\"", m),
				 errhint("Valid methods are mean, median, mode, regression, knn and model.")));

	switch (spec->method)
	{
		case IMP_REGRESSION:
			sd_opts_check(opts, reg_opts, "method \"regression\"");
			sd_opt_float(opts, "ridge", 0, 1e6, &spec->ridge);
			if (sd_opt_int(opts, "max_levels", 1, 1000, &iv))
				spec->max_levels = (int) iv;
			break;
		case IMP_KNN:
			sd_opts_check(opts, knn_opts, "method \"knn\"");
			if (sd_opt_int(opts, "k", 1, 1000, &iv))
				spec->k = (int) iv;
			if (sd_opt_int(opts, "donors", 1, INT_MAX, &iv))
				spec->donors = (int) iv;
			if (spec->donors < spec->k)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("option \"donors\" must be at least \"k\""),
						 errdetail("donors is %d and k is %d.", spec->donors, spec->k)));
			break;
		case IMP_MODEL:
			sd_opts_check(opts, model_opts, "method \"model\"");
			spec->draw = true;
			sd_opt_bool(opts, "draw", &spec->draw);
			spec->condition_nulls = false;
			sd_opt_bool(opts, "condition_on_nulls", &spec->condition_nulls);
			spec->fit = sd_opt_object(opts, "fit");
			spec->model = sd_opt_object(opts, "model");
			if (spec->fit != NULL && spec->model != NULL)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("options \"fit\" and \"model\" cannot be combined"),
						 errdetail("\"fit\" configures a new fit; \"model\" supplies a fitted one.")));
			break;
		default:
			sd_opts_check(opts, no_opts, psprintf("method \"%s\"", m));
			break;
	}
}

/* sort context for grouping rows by missing pattern */
static const SdImpTable *pattern_table;

static int
cmp_row_pattern(const void *a, const void *b)
{
	int			ra = *(const int *) a;
	int			rb = *(const int *) b;
	int			c = memcmp(pattern_table->missing + SD_CELL(pattern_table, ra, 0),
						   pattern_table->missing + SD_CELL(pattern_table, rb, 0),
						   sizeof(bool) * pattern_table->nfeat);

	if (c != 0)
		return c;
	return (ra > rb) - (ra < rb);
}

/*
 * Fills rows[] with the rows that miss a target column, sorted so that
 * rows with the same pattern of missing columns are adjacent (then by row
 * number); returns their count.
 */
static int
rows_by_pattern(const SdImpTable *t, const bool *target, int *rows)
{
	int			n = 0,
				r,
				f;

	for (r = 0; r < t->nrows; r++)
		for (f = 0; f < t->nfeat; f++)
			if (target[f] && t->missing[SD_CELL(t, r, f)])
			{
				rows[n++] = r;
				break;
			}
	pattern_table = t;
	qsort(rows, n, sizeof(int), cmp_row_pattern);
	pattern_table = NULL;
	return n;
}

/*
 * Fills the missing cells of the target columns from donor rows (dv, dm:
 * ndonors x nfeat in the table's layout).  Rows are grouped by their
 * pattern of missing columns; for a pattern, the donors are those that
 * have every missing target column, visited in `order` (NULL: as they
 * come) and at most max_donors of them, and the distance of neighbors.h
 * (the SDMetrics DCR / Gower distance, numeric columns scaled by
 * min(range, 3 standard deviations) so that one outlier cannot flatten a
 * skewed column) is taken over the row's observed columns only.  A row's
 * k nearest donors give its cells: the mean (numeric) or majority
 * (categorical) of the k.  When no donor has every missing
 * column, those cells get the column's mean or mode.
 */
static void
impute_from_donors(SdImpTable *t, const bool *target, const double *dv,
				   const bool *dm, int ndonors_all, const int *order,
				   int max_donors, int k, double *out)
{
	MemoryContext old = CurrentMemoryContext;
	MemoryContext gcxt = AllocSetContextCreate(CurrentMemoryContext,
											   "synthdata donor pattern context",
											   ALLOCSET_DEFAULT_SIZES);
	int			nfeat = t->nfeat;
	double	   *range = palloc0(sizeof(double) * Max(nfeat, 1));
	double	   *weight = palloc(sizeof(double) * Max(nfeat, 1));
	bool	   *needed = palloc(sizeof(bool) * Max(nfeat, 1));
	int		   *nn = palloc(sizeof(int) * k);
	double	   *nd = palloc(sizeof(double) * k);
	int		   *rows = palloc_extended(sizeof(int) * Max(t->nrows, 1), MCXT_ALLOC_HUGE);
	int			nrecip = 0;
	SdNnMetric	metric;
	int			f,
				g;

	for (f = 0; f < nfeat; f++)
	{
		SdImpStats *st = &t->cols[t->featcol[f]].stats;

		range[f] = t->categorical[f] ? 0 : Min(st->max - st->min, 3 * st->sd);
	}
	metric.ncols = nfeat;
	metric.categorical = t->categorical;
	metric.range = range;
	metric.weight = weight;

	/* the rows to impute, grouped by their pattern of missing columns */
	nrecip = rows_by_pattern(t, target, rows);

	for (g = 0; g < nrecip;)
	{
		const bool *pat = t->missing + SD_CELL(t, rows[g], 0);
		int			g_end = g + 1;
		int			ndonors = 0;
		double	   *gv;
		bool	   *gm;
		SdNnIndex  *ix;
		SdImpData	gd;
		int			i,
					j;

		CHECK_FOR_INTERRUPTS();
		while (g_end < nrecip &&
			   memcmp(pat, t->missing + SD_CELL(t, rows[g_end], 0), sizeof(bool) * nfeat) == 0)
			g_end++;
		MemoryContextSwitchTo(gcxt);

		for (f = 0; f < nfeat; f++)
		{
			weight[f] = pat[f] ? 0 : 1;
			needed[f] = target[f] && pat[f];
		}
		gv = palloc_extended(sizeof(double) * (size_t) Min(ndonors_all, max_donors) * nfeat + 1,
							 MCXT_ALLOC_HUGE);
		gm = palloc_extended(sizeof(bool) * (size_t) Min(ndonors_all, max_donors) * nfeat + 1,
							 MCXT_ALLOC_HUGE);
		for (i = 0; i < ndonors_all && ndonors < max_donors; i++)
		{
			int			d = order ? order[i] : i;

			for (f = 0; f < nfeat; f++)
				if (needed[f] && dm[(size_t) d * nfeat + f])
					break;
			if (f < nfeat)
				continue;
			memcpy(gv + (size_t) ndonors * nfeat, dv + (size_t) d * nfeat, sizeof(double) * nfeat);
			memcpy(gm + (size_t) ndonors * nfeat, dm + (size_t) d * nfeat, sizeof(bool) * nfeat);
			ndonors++;
		}
		if (ndonors == 0)
		{
			/* no donor has all of them: the columns' means or modes */
			for (j = g; j < g_end; j++)
				for (f = 0; f < nfeat; f++)
					if (needed[f])
						out[SD_CELL(t, rows[j], f)] = t->cols[t->featcol[f]].stats.mean;
			g = g_end;
			MemoryContextSwitchTo(old);
			MemoryContextReset(gcxt);
			continue;
		}
		ix = sd_nn_build(&metric, gv, gm, ndonors, sd_context_alloc, gcxt);
		gd = t->data;
		gd.nrows = ndonors;
		gd.values = gv;
		gd.missing = gm;
		for (j = g; j < g_end; j++)
		{
			int			row = rows[j];
			int			n = sd_nn_query(ix, t->values + SD_CELL(t, row, 0),
										t->missing + SD_CELL(t, row, 0), k, nn, nd);

			if ((j & 255) == 0)
				CHECK_FOR_INTERRUPTS();
			for (f = 0; f < nfeat; f++)
				if (needed[f])
					out[SD_CELL(t, row, f)] = sd_imp_knn_value(&gd, f, nn, n);
		}
		g = g_end;
		MemoryContextSwitchTo(old);
		MemoryContextReset(gcxt);
	}
	MemoryContextDelete(gcxt);
}

/*
 * k-nearest-neighbour imputation (the donor method of Troyanskaya et al.,
 * "Missing value estimation methods for DNA microarrays", Bioinformatics
 * 17(6), 2001, with the mixed-type distance of neighbors.h): a row's
 * missing cells get the mean (numeric) or majority (categorical) of its k
 * nearest donor rows on its observed columns, see impute_from_donors.
 * The donors of a pattern are the first spec->donors rows that have its
 * missing columns, in the order of a seeded uniform per row (stream
 * "synth_impute knn donors" at the row's index): a seeded sample.
 *
 * Measured on survival_pbc and ggplot2_diamonds (10% of the values
 * hidden): scaling numeric columns by min(range, 3 sd) instead of the
 * range lowers the normalised RMSE, and k = 10 does better than 3 or 5;
 * a sample of 5,000 donors keeps 100,000 rows within seconds.
 */
static void
impute_knn(SdImpTable *t, const bool *target, const ImputeSpec *spec,
		   uint64 seed, double *out)
{
	SdImpRanked *keys = palloc_extended(sizeof(SdImpRanked) * Max(t->nrows, 1), MCXT_ALLOC_HUGE);
	int		   *order = palloc_extended(sizeof(int) * Max(t->nrows, 1), MCXT_ALLOC_HUGE);
	SdRng		rng;
	int			r;

	sd_rng_init(&rng, seed, sd_stream_id("synth_impute knn donors"));
	for (r = 0; r < t->nrows; r++)
	{
		sd_rng_seek(&rng, (uint64) r);
		keys[r].v = sd_rng_uniform(&rng);
		keys[r].row = r;
	}
	qsort(keys, t->nrows, sizeof(SdImpRanked), sd_imp_cmp_ranked);
	for (r = 0; r < t->nrows; r++)
		order[r] = keys[r].row;
	pfree(keys);
	impute_from_donors(t, target, t->values, t->missing, t->nrows, order,
					   spec->donors, spec->k, out);
	pfree(order);
}

/* the code of a category value, or -1 if the column never had it */
static int
cat_find(SdImpColumn *c, Datum d)
{
	char	   *s = OutputFunctionCall(&c->outfunc, d);
	uint64		h = hash_bytes_extended((const unsigned char *) s, strlen(s), 0);

	for (;;)
	{
		CatEntry   *e = hash_search(c->cathash, &h, HASH_FIND, NULL);

		if (e == NULL)
			return -1;
		if (strcmp(c->catstr[e->code], s) == 0)
			return e->code;
		h = sd_mix64(h + 1);
	}
}

/*
 * Model imputation: the fitted Gaussian copula (synth_fit) conditioned on
 * each row's observed values, the imputation of Hoff, "Extending the rank
 * likelihood for semiparametric copula estimation", Ann. Appl. Stat. 1(1),
 * 2007, and Zhao and Udell, "Missing value imputation for mixed data via
 * Gaussian copula", KDD 2020.  A row's observed cells fix its latent
 * coordinates: a number's normal score Phi^-1(F(x)) under the model's
 * marginal, a category's interval of the latent line, and a column's NULL
 * indicator (observed non-NULL: below the column's NULL threshold).  The
 * other coordinates, among them the missing cells' values, follow the
 * conditional Gaussian N(R_MO R_OO^-1 z_O, R_MM - R_MO R_OO^-1 R_OM)
 * (impute_engine.c; interval coordinates are drawn by Gibbs sweeps given the
 * rest), factored once per pattern of missing columns.  The coordinates
 * drawn with the generator at (seed, "synth_impute model", row index) are
 * mapped back to values by the model's marginals exactly as synth_sample
 * maps them (clone.h), so the cells of one row are jointly plausible and
 * repeated with other seeds this is multiple imputation.  With spec->draw
 * false: the point imputation, no noise on the observed intervals (their
 * truncated means) and, for each missing cell, the conditional mean of a
 * number (the mean of its values at 32 equal-probability quantiles of the
 * conditional normal) or the most probable category.  Columns outside the
 * copula take a draw from their marginal (or, for a point imputation, the
 * column's mean or mode), and cells whose model value the table never had
 * (a category the model does not know) the column's mean or mode.
 */
#define MODEL_SWEEPS 20			/* Gibbs sweeps over interval coordinates */
#define MODEL_NODES 32			/* draws averaged for a point imputation */

/* what model imputation knows of the table's features */
typedef struct ModelImp
{
	SdImpTable *t;
	SdCloneSampler *s;
	SdCloneColumn *ci;			/* per feature */
	int		   *att;			/* feature -> attribute of the row type */
	int		  **codemap;		/* feature x table code -> model category */
	int		   *pfeat;			/* feature -> its parent feature, or -1 */
	bool	   *isparent;		/* feature is the parent of another */
	int			off;			/* leading system columns of the tuples */
	double	   *logp;			/* scratch: a parent's category weights */
} ModelImp;

static Datum
model_cell(ModelImp *mi, int row, int f, bool *isnull)
{
	return heap_getattr(mi->t->rows[row], mi->t->featcol[f] + 1 + mi->off,
						mi->t->livedesc, isnull);
}

/* the model's category of an observed cell, or -1 */
static int
model_category(ModelImp *mi, int row, int f)
{
	SdImpTable *t = mi->t;
	bool		isnull;
	Datum		d;

	if (t->categorical[f])
		return mi->codemap[f][(int) t->values[SD_CELL(t, row, f)]];
	d = model_cell(mi, row, f, &isnull);
	return isnull ? -1 : sd_clone_category(mi->s, mi->att[f], d);
}

/*
 * The latent bounds lo/hi of a row's observed cells (see
 * sd_imp_condgauss_row).  A number with a conditional marginal is scored
 * by its rank within its parent's category (the sampler's reading of the
 * coordinate).  When the parent's cell is missing but a child's is not,
 * the parent's category is drawn first from its posterior given the
 * children, the model's share of the category times the density of each
 * observed child's rank under it (children independent given the
 * category), and then counts as observed.
 */
static void
model_row_bounds(ModelImp *mi, int row, const bool *pat, SdRng *rng,
				 double *lo, double *hi, int *pcat, int D)
{
	SdImpTable *t = mi->t;
	int			nfeat = t->nfeat;
	int			f,
				g,
				k;

	for (k = 0; k < D; k++)
	{
		lo[k] = -INFINITY;
		hi[k] = INFINITY;
	}
	for (f = 0; f < nfeat; f++)
	{
		int			ncat = mi->ci[f].ncat;
		double		best = -INFINITY,
					total = 0,
					u;
		bool		any = false;

		pcat[f] = -1;
		if (!mi->isparent[f])
			continue;
		if (!pat[f])
		{
			pcat[f] = model_category(mi, row, f);
			continue;
		}
		for (k = 0; k < ncat; k++)
			mi->logp[k] = log(Max(sd_clone_category_p(mi->s, mi->att[f], k), 1e-300));
		for (g = 0; g < nfeat; g++)
		{
			bool		isnull;
			Datum		d;

			if (mi->pfeat[g] != f || pat[g])
				continue;
			d = model_cell(mi, row, g, &isnull);
			if (isnull)
				continue;
			for (k = 0; k < ncat; k++)
			{
				double		z,
							dens;

				if (sd_clone_score(mi->s, mi->att[g], d, k, &z, &dens))
				{
					mi->logp[k] += log(Max(dens, 1e-12));
					any = true;
				}
			}
		}
		if (!any)
			continue;
		for (k = 0; k < ncat; k++)
			best = Max(best, mi->logp[k]);
		for (k = 0; k < ncat; k++)
			total += (mi->logp[k] = exp(mi->logp[k] - best));
		u = sd_rng_uniform(rng) * total;
		for (k = 0; k < ncat - 1 && u > mi->logp[k]; k++)
			u -= mi->logp[k];
		pcat[f] = k;
	}
	for (f = 0; f < nfeat; f++)
	{
		int			vd = mi->ci[f].value_dim;

		if (!pat[f] && mi->ci[f].null_dim >= 0)
			hi[mi->ci[f].null_dim] = mi->ci[f].null_tau;
		if (vd < 0)
			continue;
		if (mi->ci[f].continuous && !pat[f])
		{
			bool		isnull;
			Datum		d = model_cell(mi, row, f, &isnull);
			double		z;

			if (!isnull && sd_clone_score(mi->s, mi->att[f], d,
										  mi->pfeat[f] >= 0 ? pcat[mi->pfeat[f]] : -1,
										  &z, NULL))
				lo[vd] = hi[vd] = z;
		}
		else if (mi->ci[f].categorical)
		{
			int			cat = mi->isparent[f] ? pcat[f] :
				(pat[f] ? -1 : model_category(mi, row, f));

			if (cat >= 0)
				sd_clone_category_bounds(mi->s, mi->att[f], cat, &lo[vd], &hi[vd]);
		}
	}
}

/*
 * Imputation reads values through the marginals: a column modelled as its
 * gap after another (an ordering) has no marginal of its own, so the model
 * it fits has no orderings unless its fit options ask for them.
 */
static Jsonb *
imputation_fit_options(Jsonb *fit)
{
	Datum		d = DirectFunctionCall1(jsonb_in, CStringGetDatum("{\"orderings\": false}"));

	if (fit != NULL)
		d = DirectFunctionCall2(jsonb_concat, d, JsonbPGetDatum(fit));
	return DatumGetJsonbP(d);
}

/*
 * Opens model imputation of t: the sampler of the table's model (fitted
 * with spec's options, or spec's model), each feature's place in it, the
 * map between the table's category codes and the model's both ways
 * (*catcodep: feature x model category -> table code, -1 if the table
 * never had it) and each copula child's parent feature.  Returns the
 * largest number of model categories of a feature (at least 1).
 */
static int
model_imp_open(ModelImp *mi, SdImpTable *t, const ImputeSpec *spec,
			   uint64 seed, int ***catcodep)
{
	int			nfeat = t->nfeat;
	int		  **catcode;
	int			maxcat = 1;
	int			f,
				g,
				j;

	memset(mi, 0, sizeof(*mi));
	mi->t = t;
	mi->off = t->ctids ? 2 : 0;
	mi->s = sd_clone_sampler(DatumGetJsonbP(sd_imp_model(t, imputation_fit_options(spec->fit),
														 spec->model)),
							t->rowdesc, t->relname, seed);
	mi->ci = palloc(sizeof(SdCloneColumn) * Max(nfeat, 1));
	mi->att = palloc(sizeof(int) * Max(nfeat, 1));
	mi->codemap = palloc0(sizeof(int *) * Max(nfeat, 1));
	mi->pfeat = palloc(sizeof(int) * Max(nfeat, 1));
	mi->isparent = palloc0(sizeof(bool) * Max(nfeat, 1));
	catcode = palloc0(sizeof(int *) * Max(nfeat, 1));
	*catcodep = catcode;
	for (f = 0; f < nfeat; f++)
	{
		SdImpColumn *c = &t->cols[t->featcol[f]];

		mi->att[f] = c->attno;
		sd_clone_column(mi->s, c->attno, &mi->ci[f]);
		/* a model's numbers fill a number column */
		if (mi->ci[f].continuous && c->numkind == SD_IMP_CATEGORICAL)
			mi->ci[f].continuous = false;
		if (!mi->ci[f].continuous && !mi->ci[f].categorical)
			mi->ci[f].value_dim = -1;
		if (!mi->ci[f].categorical)
			continue;
		maxcat = Max(maxcat, mi->ci[f].ncat);
		mi->codemap[f] = palloc(sizeof(int) * Max(c->ncats, 1));
		for (j = 0; j < c->ncats; j++)
			mi->codemap[f][j] = sd_clone_category(mi->s, c->attno, c->cats[j]);
		catcode[f] = palloc(sizeof(int) * Max(mi->ci[f].ncat, 1));
		for (j = 0; j < mi->ci[f].ncat; j++)
			catcode[f][j] = c->numkind == SD_IMP_CATEGORICAL
				? cat_find(c, sd_clone_category_value(mi->s, c->attno, j)) : -1;
	}
	for (f = 0; f < nfeat; f++)
	{
		mi->pfeat[f] = -1;
		if (mi->ci[f].parent_att < 0 || mi->ci[f].value_dim < 0)
			continue;
		for (g = 0; g < nfeat; g++)
			if (mi->att[g] == mi->ci[f].parent_att && mi->ci[g].categorical &&
				mi->ci[g].value_dim >= 0)
			{
				mi->pfeat[f] = g;
				mi->isparent[g] = true;
			}
	}
	return maxcat;
}

/*
 * The conditional mean of feature f's number given the row's nz latent
 * draws zk and their conditional means meank (sigma: the conditional
 * standard deviations): stratified over the draws, draw q taken at the
 * q-th of nz equal-probability quantiles.  The column's mean if no draw
 * maps to a number.  zq: scratch of D doubles.
 */
static double
model_cond_mean(ModelImp *mi, int f, SdImpColumn *c, const double *zk,
				const double *meank, const double *sigma, int nz, int D,
				double *zq)
{
	int			vd = mi->ci[f].value_dim;
	double		acc = 0;
	int			n = 0,
				q;

	for (q = 0; q < nz; q++)
	{
		double		y;

		memcpy(zq, zk + (size_t) q * D, sizeof(double) * D);
		zq[vd] = meank[(size_t) q * D + vd] +
			sigma[vd] * sd_qnorm((q + 0.5) / nz);
		if (sd_imp_datum_to_double(c, sd_clone_value(mi->s, mi->att[f], zq, 0.5), &y))
		{
			acc += y;
			n++;
		}
	}
	return n > 0 ? acc / n : c->stats.mean;
}

/*
 * The most probable model category of feature f: its conditional
 * probability averaged over the nz draws (Rao-Blackwellised), or, for a
 * parent drawn as observed, the share of draws in it; only categories the
 * table has (catcode >= 0) for a text column.  -1 if none.  catp: scratch.
 */
static int
model_likeliest_category(ModelImp *mi, int f, SdImpColumn *c,
						 const int *catcode, const double *zk,
						 const double *meank, const double *sigma,
						 const bool *observed, int nz, int D, double *catp)
{
	int			i = mi->att[f];
	int			vd = mi->ci[f].value_dim;
	double		best = -1;
	int			cat = -1;
	int			q,
				d;

	for (q = 0; q < mi->ci[f].ncat; q++)
		catp[q] = 0;
	for (d = 0; d < nz; d++)
	{
		double		mu = meank[(size_t) d * D + vd];

		if (observed[vd])
		{
			catp[DatumGetInt32(sd_clone_value(mi->s, i, zk + (size_t) d * D, 0.5))] += 1;
			continue;
		}
		for (q = 0; q < mi->ci[f].ncat; q++)
		{
			double		a,
						b;

			sd_clone_category_bounds(mi->s, i, q, &a, &b);
			catp[q] += sigma[vd] > 0
				? sd_pnorm((b - mu) / sigma[vd]) - sd_pnorm((a - mu) / sigma[vd])
				: (mu > a && mu <= b);
		}
	}
	for (q = 0; q < mi->ci[f].ncat; q++)
		if (catp[q] > best && (catcode[q] >= 0 || c->numkind != SD_IMP_CATEGORICAL))
		{
			best = catp[q];
			cat = q;
		}
	return cat;
}

/*
 * Model imputation: the fitted Gaussian copula (synth_fit) conditioned on
 * each row's observed values, the imputation of Hoff, "Extending the rank
 * likelihood for semiparametric copula estimation", Ann. Appl. Stat. 1(1),
 * 2007, and Zhao and Udell, "Missing value imputation for mixed data via
 * Gaussian copula", KDD 2020.  A row's observed cells fix its latent
 * coordinates (model_row_bounds): a number's normal score Phi^-1(F(x))
 * under the model's marginal, a category's interval of the latent line,
 * and a column's NULL indicator (observed non-NULL: below the column's
 * NULL threshold).  The other coordinates, among them the missing cells'
 * values, follow the conditional Gaussian
 * N(R_MO R_OO^-1 z_O, R_MM - R_MO R_OO^-1 R_OM) (impute_engine.c; interval
 * coordinates are drawn by Gibbs sweeps given the rest), factored once per
 * pattern of missing columns.  The coordinates, drawn with the generator
 * at (seed, "synth_impute model", row index), are mapped back to values by
 * the model's marginals exactly as synth_sample maps them (clone.h), so
 * the cells of one row are jointly plausible, and repeated with other
 * seeds this is multiple imputation.
 *
 * With spec->draw false, the point imputation: MODEL_NODES draws of the
 * observed coordinates (the same stream) carry their uncertainty; a
 * missing number gets its conditional mean (draw q taken at the q-th of
 * MODEL_NODES equal-probability quantiles of the conditional normal: a
 * stratified Monte Carlo mean), a missing category its most probable
 * category (the category's conditional probability averaged over the
 * draws).  Columns outside the copula take a draw from their marginal
 * (for a point imputation, the column's mean or mode), and cells whose
 * model value the table never had the column's mean or mode.
 */
static void
impute_model(SdImpTable *t, const bool *target, const ImputeSpec *spec,
			 uint64 seed, double *out)
{
	MemoryContext kcxt = AllocSetContextCreate(CurrentMemoryContext,
											   "synthdata model imputation context",
											   ALLOCSET_DEFAULT_SIZES);
	MemoryContext gcxt = AllocSetContextCreate(kcxt,
											   "synthdata model pattern context",
											   ALLOCSET_DEFAULT_SIZES);
	MemoryContext rcxt = AllocSetContextCreate(kcxt,
											   "synthdata model row context",
											   ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(kcxt);
	int			nfeat = t->nfeat;
	int			nz = spec->draw ? 1 : MODEL_NODES;
	ModelImp	mi;
	int		  **catcode;		/* feature x model category -> table code */
	const double *corr;
	double	   *lo,
			   *hi,
			   *zq,
			   *zk,				/* nz latent vectors */
			   *meank,			/* and their conditional means */
			   *sigma,
			   *catp;
	int		   *pcat;
	bool	   *observed;
	int		   *rows;
	int			nrecip = 0;
	int			D,
				maxcat = 1;
	SdRng		rng;
	int			f,
				g,
				j;

	maxcat = model_imp_open(&mi, t, spec, seed, &catcode);
	D = sd_clone_ndims(mi.s);
	corr = sd_clone_correlation(mi.s);
	mi.logp = palloc(sizeof(double) * maxcat);
	catp = palloc(sizeof(double) * maxcat);
	lo = palloc(sizeof(double) * Max(D, 1));
	hi = palloc(sizeof(double) * Max(D, 1));
	zq = palloc(sizeof(double) * Max(D, 1));
	zk = palloc(sizeof(double) * Max(D, 1) * nz);
	meank = palloc(sizeof(double) * Max(D, 1) * nz);
	sigma = palloc0(sizeof(double) * Max(D, 1));
	observed = palloc(sizeof(bool) * Max(D, 1));
	pcat = palloc(sizeof(int) * Max(nfeat, 1));
	rows = palloc_extended(sizeof(int) * Max(t->nrows, 1), MCXT_ALLOC_HUGE);
	sd_rng_init(&rng, seed, sd_stream_id("synth_impute model"));

	/* the rows to impute, grouped by their pattern of missing columns */
	nrecip = rows_by_pattern(t, target, rows);

	for (g = 0; g < nrecip;)
	{
		const bool *pat = t->missing + SD_CELL(t, rows[g], 0);
		int			g_end = g + 1;
		SdCondGauss cg;
		int			k;

		CHECK_FOR_INTERRUPTS();
		while (g_end < nrecip &&
			   memcmp(pat, t->missing + SD_CELL(t, rows[g_end], 0), sizeof(bool) * nfeat) == 0)
			g_end++;
		MemoryContextSwitchTo(gcxt);

		/*
		 * observed: the values and NULL indicators of the observed cells, and
		 * the parents of observed children
		 */
		memset(observed, 0, sizeof(bool) * Max(D, 1));
		for (f = 0; f < nfeat; f++)
		{
			if (pat[f])
				continue;
			if (mi.ci[f].value_dim >= 0)
				observed[mi.ci[f].value_dim] = true;
			if (mi.ci[f].null_dim >= 0 && spec->condition_nulls)
				observed[mi.ci[f].null_dim] = true;
			if (mi.pfeat[f] >= 0)
				observed[mi.ci[mi.pfeat[f]].value_dim] = true;
		}
		sd_imp_condgauss_init(&cg, corr, D, observed);
		for (k = 0; k < cg.nm; k++)
		{
			double		v = 0;

			for (j = 0; j <= k; j++)
				v += cg.Lc[k * cg.nm + j] * cg.Lc[k * cg.nm + j];
			sigma[cg.mis[k]] = sqrt(v);
		}

		for (j = g; j < g_end; j++)
		{
			int			row = rows[j];

			if ((j & 255) == 0)
				CHECK_FOR_INTERRUPTS();
			MemoryContextSwitchTo(rcxt);
			sd_rng_seek(&rng, (uint64) row);
			for (k = 0; k < nz; k++)
			{
				model_row_bounds(&mi, row, pat, &rng, lo, hi, pcat, D);
				sd_imp_condgauss_row(&cg, lo, hi, true, MODEL_SWEEPS, &rng,
									 zk + (size_t) k * D, meank + (size_t) k * D);

				/*
				 * The row's observed and imputed cells are not NULL: a
				 * conditional marginal reads its parent's NULL indicator.
				 */
				for (f = 0; f < nfeat; f++)
				{
					int			nd = mi.ci[f].null_dim;

					if (nd >= 0 && (!pat[f] || target[f]))
						zk[(size_t) k * D + nd] = Min(zk[(size_t) k * D + nd],
													  mi.ci[f].null_tau);
				}
			}

			for (f = 0; f < nfeat; f++)
			{
				int			i = mi.att[f];
				SdImpColumn *c = &t->cols[t->featcol[f]];
				size_t		cell = SD_CELL(t, row, f);
				int			vd = mi.ci[f].value_dim;
				double		x = c->stats.mean;
				int			cat = -1;

				if (!(target[f] && pat[f]))
					continue;
				if (!mi.ci[f].continuous && !mi.ci[f].categorical)
					;			/* not modelled as a value: mean or mode */
				else if (vd < 0 && !spec->draw)
					;			/* point imputation outside the copula: mean or mode */
				else if (spec->draw || vd < 0)
				{
					Datum		d = sd_clone_value(mi.s, i, zk,
												   vd < 0 ? sd_rng_uniform(&rng) : 0.5);

					if (mi.ci[f].categorical)
						cat = DatumGetInt32(d);
					else if (!sd_imp_datum_to_double(c, d, &x))
						x = c->stats.mean;
				}
				else if (mi.ci[f].continuous)
					x = model_cond_mean(&mi, f, c, zk, meank, sigma, nz, D, zq);
				else
					cat = model_likeliest_category(&mi, f, c, catcode[f], zk, meank,
												   sigma, observed, nz, D, catp);
				if (mi.ci[f].categorical && cat >= 0)
				{
					if (c->numkind == SD_IMP_CATEGORICAL)
						x = catcode[f][cat] >= 0 ? catcode[f][cat] : c->stats.mean;
					else if (!sd_imp_datum_to_double(c, sd_clone_category_value(mi.s, i, cat), &x))
						x = c->stats.mean;
				}
				out[cell] = x;
			}
			MemoryContextSwitchTo(gcxt);
			MemoryContextReset(rcxt);
		}
		g = g_end;
		MemoryContextSwitchTo(kcxt);
		MemoryContextReset(gcxt);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(kcxt);
}

/*
 * Computes the value of every missing cell of a target feature into out
 * (nrows x nfeat).
 */
static void
impute_compute(SdImpTable *t, const bool *target, const ImputeSpec *spec,
			   uint64 seed, double *out)
{
	int			f,
				r;

	switch (spec->method)
	{
		case IMP_MEAN:
		case IMP_MEDIAN:
		case IMP_MODE:
			for (f = 0; f < t->nfeat; f++)
			{
				SdImpStats *st = &t->cols[t->featcol[f]].stats;
				double		v;

				if (!target[f])
					continue;
				v = (spec->method == IMP_MEAN) ? st->mean
					: (spec->method == IMP_MEDIAN) ? st->median : st->mode;
				for (r = 0; r < t->nrows; r++)
					if (t->missing[SD_CELL(t, r, f)])
						out[SD_CELL(t, r, f)] = v;
			}
			break;
		case IMP_REGRESSION:
			sd_imp_regression(&t->data, target, spec->ridge, spec->max_levels, out);
			break;
		case IMP_KNN:
			impute_knn(t, target, spec, seed, out);
			break;
		case IMP_MODEL:
			impute_model(t, target, spec, seed, out);
			break;
	}
}

/*
 * The features whose NULLs will be filled.  columns (nullable) restricts
 * them to the named columns, which must exist and be fillable; without it
 * every column with NULLs is a target, and those that cannot be filled are
 * reported by a NOTICE.
 */
static bool *
impute_targets(SdImpTable *t, ArrayType *columns, int *ntargets)
{
	bool	   *target = palloc0(sizeof(bool) * Max(t->nfeat, 1));
	int			i;

	*ntargets = 0;
	if (columns != NULL)
	{
		Datum	   *names;
		bool	   *nulls;
		int			n,
					j;

		deconstruct_array(columns, TEXTOID, -1, false, TYPALIGN_INT,
						  &names, &nulls, &n);
		for (j = 0; j < n; j++)
		{
			char	   *name;
			SdImpColumn *c = NULL;

			if (nulls[j])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("column names must not be null")));
			name = TextDatumGetCString(names[j]);
			for (i = 0; i < t->ncols; i++)
				if (strcmp(t->cols[i].name, name) == 0)
					c = &t->cols[i];
			if (c == NULL)
				ereport(ERROR,
						(errcode(ERRCODE_UNDEFINED_COLUMN),
						 errmsg("column \"%s\" of relation \"%s\" does not exist",
								name, t->relname)));
			if (c->generated)
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("cannot impute generated column \"%s\"", name),
						 errdetail("A generated column is computed from other columns.")));
			if (c->key)
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("cannot impute column \"%s\"", name),
						 errdetail("The column is part of a unique key; its values are identifiers.")));
			if (c->nnull > 0 && c->stats.nobs == 0)
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("cannot impute column \"%s\": it has no usable values", name),
						 errdetail("Every value of the column is NULL, NaN or infinite.")));
			if (c->nnull > 0 && !target[c->feature])
			{
				target[c->feature] = true;
				(*ntargets)++;
			}
		}
		return target;
	}

	for (i = 0; i < t->ncols; i++)
	{
		SdImpColumn *c = &t->cols[i];

		if (c->nnull == 0 || c->generated)
			continue;
		if (c->key)
			ereport(NOTICE,
					(errmsg("NULLs of column \"%s\" are left as they are", c->name),
					 errdetail("The column is part of a unique key; its values are identifiers.")));
		else if (c->stats.nobs == 0)
			ereport(NOTICE,
					(errmsg("NULLs of column \"%s\" are left as they are", c->name),
					 errdetail("The column has no usable values to impute from.")));
		else
		{
			target[c->feature] = true;
			(*ntargets)++;
		}
	}
	return target;
}

/* how many redraws a row gets to satisfy the CHECK constraints */
#define SD_IMP_RETRIES 100

typedef struct ImputeRows
{
	SdImpTable *t;
	const bool *target;
	const double *out;
	uint64		seed;
	int			k;				/* privacy threshold */
	Datum	   *live;
	bool	   *livenull;
	int		  **obsrows;		/* per feature: rows where it is observed */
	int		   *nobs;
	int64	   *faked;			/* per feature: cells given fakes */
	int64	   *left;			/* per feature: private cells left NULL */
} ImputeRows;

static ImputeRows *
impute_rows_start(SdImpTable *t, const bool *target, const double *out,
				  uint64 seed, int k)
{
	ImputeRows *ir = palloc0(sizeof(ImputeRows));

	ir->t = t;
	ir->target = target;
	ir->out = out;
	ir->seed = seed;
	ir->k = k;
	ir->live = palloc(sizeof(Datum) * Max(t->ncols, 1));
	ir->livenull = palloc(sizeof(bool) * Max(t->ncols, 1));
	ir->obsrows = palloc0(sizeof(int *) * Max(t->nfeat, 1));
	ir->nobs = palloc0(sizeof(int) * Max(t->nfeat, 1));
	ir->faked = palloc0(sizeof(int64) * Max(t->nfeat, 1));
	ir->left = palloc0(sizeof(int64) * Max(t->nfeat, 1));
	return ir;
}

/* a private column's value (a code) may fill a cell: k rows hold it */
static bool
private_value_ok(const SdImpColumn *c, double code, int k)
{
	int			i = (int) code;

	return code >= 0 && code < c->ncats && i == code && c->catcount[i] >= k;
}

/* a fake of a personal column's kind for row r (attempt > 0: a redraw) */
static Datum
impute_fake(ImputeRows *ir, SdImpColumn *c, int r, int attempt)
{
	SdRng		rng;
	uint64		seed = attempt == 0 ? ir->seed : sd_mix64(ir->seed + (uint64) attempt);

	sd_rng_init(&rng, seed, sd_stream_child(sd_stream_id("synth_impute fake"),
											(uint64) c->attno));
	sd_rng_seek(&rng, (uint64) r);
	return sd_imp_fake_datum(ir->t, c, seed, (uint64) r, &rng);
}

/* what the privacy rules did, column by column */
static void
impute_rows_report(ImputeRows *ir)
{
	SdImpTable *t = ir->t;
	int			f;

	for (f = 0; f < t->nfeat; f++)
	{
		SdImpColumn *c = &t->cols[t->featcol[f]];

		if (ir->faked[f] > 0)
			ereport(NOTICE,
					(errmsg("NULLs of column \"%s\" are filled with fake values of kind %s",
							c->name, sd_fake_kind_name((SdFakeKind) c->fake_kind)),
					 errdetail("The column holds personal data: imputation never copies such a value from another row.")));
		if (ir->left[f] > 0)
			ereport(NOTICE,
					(errmsg(INT64_FORMAT " NULLs of column \"%s\" are left as they are",
							ir->left[f], c->name),
					 errdetail("The column holds free text or identifiers: a value is imputed only when at least %d rows hold it, so that no row's text is copied into another.",
							   ir->k)));
	}
}

/*
 * Row r with the NULLs of its target columns filled, in row-type layout.
 * If the row then fails a CHECK constraint, the filled cells are redrawn
 * from the values observed in their columns (random hot deck: Andridge &
 * Little, "A Review of Hot Deck Imputation for Survey Non-response",
 * International Statistical Review 78(1), 2010), up to
 * SD_IMP_RETRIES times, from the stream "synth_impute check retry" at
 * row r.  Returns the number of cells filled.
 */
static int
impute_row(ImputeRows *ir, int r, Datum *values, bool *nulls)
{
	SdImpTable *t = ir->t;
	int			filled = 0;
	int			i,
				chk,
				attempt;
	SdRng		rng;

	sd_imp_deform(t, r, ir->live, ir->livenull);
	memset(nulls, true, sizeof(bool) * t->rowdesc->natts);
	for (i = 0; i < t->ncols; i++)
	{
		SdImpColumn *c = &t->cols[i];

		values[c->attno] = ir->live[i];
		nulls[c->attno] = ir->livenull[i];
		if (ir->livenull[i] && c->feature >= 0 && ir->target[c->feature])
		{
			double		v = ir->out[SD_CELL(t, r, c->feature)];

			if (c->privacy == SD_IMP_PERSONAL)
			{
				values[c->attno] = impute_fake(ir, c, r, 0);
				ir->faked[c->feature]++;
			}
			else if (c->privacy == SD_IMP_PRIVATE && !private_value_ok(c, v, ir->k))
			{
				ir->left[c->feature]++;
				continue;
			}
			else
				values[c->attno] = sd_imp_feature_datum(t, c->feature, v);
			nulls[c->attno] = false;
			filled++;
		}
	}
	if (filled == 0 || (chk = sd_imp_check(t, values, nulls)) < 0)
		return filled;

	sd_rng_init(&rng, ir->seed, sd_stream_id("synth_impute check retry"));
	sd_rng_seek(&rng, (uint64) r);
	for (attempt = 0; chk >= 0; attempt++)
	{
		if (attempt == SD_IMP_RETRIES)
			sd_imp_check_failed(t, chk,
								psprintf("Row %d of the table: the imputed values and %d redraws "
										 "from the observed values of its columns all fail it.",
										 r + 1, SD_IMP_RETRIES));
		for (i = 0; i < t->ncols; i++)
		{
			SdImpColumn *c = &t->cols[i];
			int			f = c->feature;
			int			pick;
			bool		isnull;

			if (!ir->livenull[i] || f < 0 || !ir->target[f])
				continue;
			if (c->privacy == SD_IMP_PERSONAL)
			{
				/* another fake, never another row's value */
				values[c->attno] = impute_fake(ir, c, r, attempt + 1);
				continue;
			}
			if (ir->obsrows[f] == NULL)
			{
				int			k;

				/* a private column: only values that k rows hold */
				ir->obsrows[f] = MemoryContextAllocHuge(t->mcxt, sizeof(int) * Max(t->nrows, 1));
				for (k = 0; k < t->nrows; k++)
					if (!t->isnull[SD_CELL(t, k, f)] &&
						(c->privacy != SD_IMP_PRIVATE ||
						 private_value_ok(c, t->values[SD_CELL(t, k, f)], ir->k)))
						ir->obsrows[f][ir->nobs[f]++] = k;
			}
			if (ir->nobs[f] == 0)
			{
				if (!nulls[c->attno])
				{
					nulls[c->attno] = true;
					filled--;
					ir->left[f]++;
				}
				continue;
			}
			pick = ir->obsrows[f][sd_rng_below(&rng, (uint64) ir->nobs[f])];
			values[c->attno] = heap_getattr(t->rows[pick], i + 1 + (t->ctids ? 2 : 0),
											t->livedesc, &isnull);
		}
		chk = sd_imp_check(t, values, nulls);
	}
	return filled;
}

/*
 * The privacy threshold k: the "k" of the model's fit (option "fit", or the
 * options recorded in option "model"), else synth_fit's default.
 */
static int
impute_privacy_k(const ImputeSpec *spec)
{
	int64		k;

	if (spec->fit != NULL && sd_opt_int(spec->fit, "k", 1, INT_MAX, &k))
		return (int) k;
	if (spec->model != NULL)
	{
		Jsonb	   *mo = sd_opt_object(spec->model, "options");

		if (mo != NULL && sd_opt_int(mo, "k", 1, INT_MAX, &k))
			return (int) k;
	}
	return SD_PRIVACY_K;
}

/*
 * synth_impute(rel anyelement, method text, options jsonb, seed bigint)
 * returns setof anyelement
 *		Every row of the table whose row type rel is, with the NULLs of its
 *		columns filled by the method; non-NULL values are never changed.
 */
PG_FUNCTION_INFO_V1(synth_impute);
Datum
synth_impute(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			relid = sd_check_relation(sd_rowtype_relid(fcinfo, 0), "impute");
	ImputeSpec	spec;
	uint64		seed;
	MemoryContext mcxt,
				rowcxt,
				old;
	SdImpTable *t;
	bool	   *target;
	int			ntargets;
	double	   *out;
	ImputeRows *ir;
	Datum	   *values;
	bool	   *nulls;
	int			r,
				k;

	impute_parse(fcinfo, 1, 2, &spec);
	k = impute_privacy_k(&spec);
	seed = sd_arg_seed(fcinfo, 3);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC | MAT_SRF_BLESS);

	mcxt = AllocSetContextCreate(CurrentMemoryContext,
								 "synthdata impute context",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(mcxt);
	t = sd_imp_load(relid, false, false, mcxt);
	sd_imp_classify(t);
	target = impute_targets(t, NULL, &ntargets);
	out = palloc_extended(mul_size(mul_size(Max(t->nrows, 1), Max(t->nfeat, 1)),
								   sizeof(double)), MCXT_ALLOC_HUGE);
	if (ntargets > 0)
		impute_compute(t, target, &spec, seed, out);

	ir = impute_rows_start(t, target, out, seed, k);
	values = palloc0(sizeof(Datum) * Max(t->rowdesc->natts, 1));
	nulls = palloc(sizeof(bool) * Max(t->rowdesc->natts, 1));
	rowcxt = AllocSetContextCreate(mcxt, "synthdata impute row context",
								   ALLOCSET_DEFAULT_SIZES);
	for (r = 0; r < t->nrows; r++)
	{
		CHECK_FOR_INTERRUPTS();
		MemoryContextSwitchTo(rowcxt);
		impute_row(ir, r, values, nulls);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(mcxt);
		MemoryContextReset(rowcxt);
	}
	impute_rows_report(ir);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(mcxt);
	return (Datum) 0;
}

/*
 * synth_impute_update(rel regclass, columns text[], method text,
 *					   options jsonb, seed bigint) returns bigint
 *		Fills the NULLs of the table's columns (all of them, or those named)
 *		in place and returns the number of cells filled.  Only NULL cells
 *		change; the whole update is one statement's work: all or nothing.
 */
PG_FUNCTION_INFO_V1(synth_impute_update);
Datum
synth_impute_update(PG_FUNCTION_ARGS)
{
	Oid			relid;
	ArrayType  *columns;
	ImputeSpec	spec;
	uint64		seed;
	MemoryContext mcxt,
				rowcxt,
				old;
	SdImpTable *t;
	bool	   *target;
	int			ntargets;
	double	   *out;
	char		relkind;
	int64		filled = 0;
	int			k;

	sd_arg_not_null(fcinfo, 0, "rel");
	relid = sd_check_relation(PG_GETARG_OID(0), "impute");
	relkind = get_rel_relkind(relid);
	if (relkind != RELKIND_RELATION && relkind != RELKIND_PARTITIONED_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a table", get_rel_name(relid)),
				 errdetail("synth_impute_update fills the NULLs of a table in place.")));
	columns = PG_ARGISNULL(1) ? NULL : PG_GETARG_ARRAYTYPE_P(1);
	if (columns != NULL && ARR_NDIM(columns) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("column names must be a one-dimensional array")));
	impute_parse(fcinfo, 2, 3, &spec);
	k = impute_privacy_k(&spec);
	seed = sd_arg_seed(fcinfo, 4);

	mcxt = AllocSetContextCreate(CurrentMemoryContext,
								 "synthdata impute context",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(mcxt);

	/*
	 * Lock out concurrent writers first (after checking that the caller may
	 * update the table), so that the rows read are the rows updated.
	 */
	sd_lock_for_write(relid, ACL_UPDATE);

	t = sd_imp_load(relid, true, false, mcxt);
	sd_imp_classify(t);
	target = impute_targets(t, columns, &ntargets);
	out = palloc_extended(mul_size(mul_size(Max(t->nrows, 1), Max(t->nfeat, 1)),
								   sizeof(double)), MCXT_ALLOC_HUGE);
	if (ntargets > 0 && t->nrows > 0)
	{
		StringInfoData q;
		Oid		   *argtypes;
		Datum	   *args;
		char	   *argnulls;
		int		   *tcol;		/* target number -> column */
		int			nt = 0,
					i,
					r;
		SPIPlanPtr	plan;
		ImputeRows *ir;
		Datum	   *values;
		bool	   *nulls;

		impute_compute(t, target, &spec, seed, out);

		/* UPDATE t SET c = coalesce(c, $k), ... WHERE tableoid = $ AND ctid = $ */
		tcol = palloc(sizeof(int) * ntargets);
		argtypes = palloc(sizeof(Oid) * (ntargets + 2));
		initStringInfo(&q);
		appendStringInfo(&q, "UPDATE %s SET ", t->qualname);
		for (i = 0; i < t->ncols; i++)
		{
			SdImpColumn *c = &t->cols[i];

			if (c->feature < 0 || !target[c->feature])
				continue;
			argtypes[nt] = c->typid;
			tcol[nt++] = i;
			appendStringInfo(&q, "%s%s = coalesce(%s, $%d)", nt > 1 ? ", " : "",
							 quote_identifier(c->name), quote_identifier(c->name), nt);
		}
		Assert(nt == ntargets);
		argtypes[nt] = OIDOID;
		argtypes[nt + 1] = TIDOID;
		appendStringInfo(&q, " WHERE tableoid OPERATOR(pg_catalog.=) $%d AND ctid OPERATOR(pg_catalog.=) $%d",
						 nt + 1, nt + 2);
		args = palloc(sizeof(Datum) * (nt + 2));
		argnulls = palloc(nt + 2);

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		plan = sd_spi_prepare(q.data, nt + 2, argtypes);
		rowcxt = AllocSetContextCreate(mcxt, "synthdata impute row context",
									   ALLOCSET_DEFAULT_SIZES);
		ir = impute_rows_start(t, target, out, seed, k);
		values = palloc0(sizeof(Datum) * Max(t->rowdesc->natts, 1));
		nulls = palloc(sizeof(bool) * Max(t->rowdesc->natts, 1));
		for (r = 0; r < t->nrows; r++)
		{
			int			ncells;
			int			ret;

			CHECK_FOR_INTERRUPTS();
			MemoryContextSwitchTo(rowcxt);
			ncells = impute_row(ir, r, values, nulls);
			if (ncells > 0)
			{
				for (i = 0; i < nt; i++)
				{
					SdImpColumn *c = &t->cols[tcol[i]];

					/* NULL parameters leave the cell as it is (coalesce) */
					argnulls[i] = t->isnull[SD_CELL(t, r, c->feature)] &&
						!nulls[c->attno] ? ' ' : 'n';
					args[i] = values[c->attno];
				}
				args[nt] = ObjectIdGetDatum(t->tableoids[r]);
				args[nt + 1] = PointerGetDatum(&t->ctids[r]);
				argnulls[nt] = argnulls[nt + 1] = ' ';
				ret = SPI_execute_plan(plan, args, argnulls, false, 0);
				if (ret != SPI_OK_UPDATE)
					elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(ret));
				if (SPI_processed != 1)
					ereport(ERROR,
							(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
							 errmsg("could not update a row of table %s", t->qualname),
							 errdetail("A row that could be read could not be updated."),
							 errhint("Check the table's row-level security policies for UPDATE.")));
				filled += ncells;
			}
			MemoryContextSwitchTo(mcxt);
			MemoryContextReset(rowcxt);
		}
		SPI_finish();
		impute_rows_report(ir);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(mcxt);
	PG_RETURN_INT64(filled);
}
