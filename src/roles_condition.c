/*-------------------------------------------------------------------------
 *
 * roles_condition.c
 *		Child rows that follow their parent's attributes: an invoice line's
 *		price that follows its invoice's total, a rental's length that
 *		follows its customer's store.
 *
 *		At fit time, for each one-column foreign key of the table that is
 *		never NULL, the parent's own columns (roles_parent_columns: not its
 *		keys; not columns whose name says they are personal, whose values a
 *		clone fakes) are joined to the rows of the dependence sample by the
 *		row's key.  Each becomes a latent normal dimension of its own, read
 *		through the distribution of the parent's values over the child rows
 *		(a quantile grid of numbers and times; for a category, the shares of
 *		its values held by at least k parents, the rest one group, ordered
 *		by the mean latent score of the child dimension they separate
 *		most).  Its latent correlations with the child's copula dimensions
 *		and with the other parent dimensions are estimated as polyserial
 *		correlations are by Olsson, Drasgow and Dorans ("The polyserial
 *		correlation coefficient", Psychometrika 47, 1982: the covariance
 *		with the interval means of a coarsened normal, divided by the
 *		variance of those means; for two coarsened sides, the first term
 *		of the Hermite expansion).  At most COND_MAX_VARS parent columns,
 *		those with the strongest correlation (>= 0.1) with a child
 *		dimension, are kept, as "parents_follow" in the model: the joint
 *		correlation matrix of [parent dims | child dims] is the child's
 *		copula with the parent dimensions joined in, never output.
 *
 *		When sampling, the row's parents are drawn first (as before: their
 *		child slots, so row i's parent still depends on i alone); the
 *		parent's latent scores w (computed once per parent row when the
 *		sampler is made: the parent's value through the grid or its
 *		category's interval, a keyed uniform placing it inside an atom or
 *		interval) condition the child's latent row: z = B w + chol(S) e,
 *		with B = R_cp R_pp^-1 and S = R_cc - R_cp R_pp^-1 R_pc, the exact
 *		conditional normal of the child dimensions given the parent ones.
 *		When the parents' scores are distributed as over the source's
 *		child rows, the child's latent row keeps its fitted distribution
 *		N(0, R_cc): the columns' marginals and the copula's own structure
 *		(category orderings, category parents, conditional marginals, NULL
 *		dimensions) read z as before.  A cross block that would leave S
 *		not positive definite is shrunk towards 0 until it is.
 *
 *		In a schema clone the parents are the clone's own rows, already
 *		filled; in a single-table clone the real parent table the clone
 *		points at.  No parent value is ever written to the child.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/roles_condition.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

#include "catalog/pg_type.h"
#include "utils/float.h"
#include "clone_cons.h"
#include "distributions.h"
#include "roles.h"

#define COND_POINTS 33			/* quantile grid of a numeric parent column */
#define COND_MAX_VARS 4			/* parent columns kept per table */
#define COND_MAX_CANDIDATES 8	/* parent columns measured per foreign key */
#define COND_MAX_CATEGORIES 16	/* categories of a categorical parent column */
#define COND_MIN_RHO 0.1		/* the weakest correlation that keeps a column */
#define COND_MAX_RHO 0.95		/* correlations are clipped at this */
#define COND_MIN_COVERAGE 0.5	/* share of child rows kept categories must hold */

/* one parent column the rows follow */
typedef struct CondVar
{
	int			fkcol;			/* model column of the foreign key */
	char	   *column;			/* the parent's column */
	bool		category;
	double		grid[COND_POINTS];	/* a number: quantiles over the child rows */
	int			ngroups;		/* a category: groups in latent order */
	char	  **labels;			/* ... each a label, or NULL: the other values */
	double	   *shares;			/* ... and its share of the child rows */
	/* fitting only */
	Oid			typid;
	double		coarse;			/* variance of the latent's interval means */
	double	   *w;				/* per sample row, NAN: no parent */
} CondVar;

typedef struct ModelCondition
{
	int			nvars;
	CondVar    *vars;
	int			ndims;			/* the child's copula dimensions */
	double	   *pp;				/* nvars x nvars latent correlations */
	double	   *pc;				/* nvars x ndims */
} ModelCondition;

/* the sampler's state */
typedef struct CondSampler
{
	int			nvars;
	int			nfk;
	int		   *fk_att;			/* per foreign key: its target attribute */
	int		   *var_fk;			/* per variable: its foreign key */
	double	  **w;				/* per variable: each parent's latent score */
	double	   *B;				/* ndims x nvars */
} CondSampler;

/* ---- shared math ------------------------------------------------------------ */

/* a uniform in (0, 1) keyed by (key, i) */
static double
cond_uniform(uint64 key, uint64 i)
{
	return ((double) (sd_mix64(key ^ sd_mix64(i + UINT64CONST(0x632BE59BD9B4E019))) >> 11) + 0.5) *
		(1.0 / 9007199254740992.0);
}

/* the interval of F(x) a value takes on a quantile grid (an atom: several points) */
static void
grid_interval(const double *q, double x, double *lo, double *hi)
{
	int			a = 0,
				b;

	if (x < q[0])
	{
		*lo = *hi = 0;
		return;
	}
	if (x > q[COND_POINTS - 1])
	{
		*lo = *hi = 1;
		return;
	}
	while (a < COND_POINTS && q[a] < x)
		a++;
	if (q[a] > x)
	{
		*lo = *hi = ((a - 1) + (x - q[a - 1]) / (q[a] - q[a - 1])) / (COND_POINTS - 1);
		return;
	}
	for (b = a; b + 1 < COND_POINTS && q[b + 1] == x; b++)
		;
	*lo = (double) a / (COND_POINTS - 1);
	*hi = (double) b / (COND_POINTS - 1);
}

/* a latent score in [lo, hi] of F, placed by the uniform u, kept off the ends */
static double
latent_in(double lo, double hi, double u)
{
	double		f = lo + u * (hi - lo);
	double		edge = 0.5 / (COND_POINTS - 1);

	return sd_qnorm(Min(Max(f, edge), 1 - edge));
}

/* the group of a label of a categorical variable, or -1 */
static int
var_group(const CondVar *v, const char *label)
{
	int			g,
				other = -1;

	for (g = 0; g < v->ngroups; g++)
	{
		if (v->labels[g] == NULL)
			other = g;
		else if (strcmp(v->labels[g], label) == 0)
			return g;
	}
	return other;
}

/*
 * The latent score of a value in [lo, hi) of v's uniform scale, with a
 * keyed uniform u; *mean (if not NULL) receives the interval's mean.
 */
static double
interval_latent(double lo, double hi, double u, double *mean)
{
	double		edge = 0.5 / (COND_POINTS - 1);

	if (mean != NULL)
	{
		lo = Min(Max(lo, edge), 1 - edge);
		hi = Min(Max(hi, edge), 1 - edge);
		*mean = hi - lo < 1e-9 ? sd_qnorm(lo) :
			sd_interval_mean(sd_qnorm(lo), sd_qnorm(hi));
	}
	return latent_in(lo, hi, u);
}

/*
 * A parent's latent score on the numeric variable v: its value x (NaN for
 * none, or an infinite one: the row does not follow v) and a keyed uniform
 * u; *mean (if not NULL) receives the mean of the latent's interval (0
 * when there is none).
 */
static double
var_latent_number(const CondVar *v, double x, double u, double *mean)
{
	double		lo,
				hi;

	if (mean != NULL)
		*mean = 0;
	if (!isfinite(x))
		return sd_qnorm(u);
	grid_interval(v->grid, x, &lo, &hi);
	return interval_latent(lo, hi, u, mean);
}

/* the same of a value as text (NULL: none), a category's label or a number */
static double
var_latent(const CondVar *v, const char *value, double u, double *mean)
{
	double		lo = 0,
				hi;
	int			g,
				j;

	if (!v->category)
		return var_latent_number(v, value == NULL ? get_float8_nan() : strtod(value, NULL),
								 u, mean);
	if (mean != NULL)
		*mean = 0;
	if (value == NULL || (g = var_group(v, value)) < 0)
		return sd_qnorm(u);		/* no value: the row does not follow v */
	for (j = 0; j < g; j++)
		lo += v->shares[j];
	hi = Min(lo + v->shares[g], 1.0);
	return interval_latent(lo, hi, u, mean);
}

/*
 * B = R_cp R_pp^-1 (D x q) and L, the lower Cholesky factor of
 * S = R_cc - R_cp R_pp^-1 R_pc, from R_cc = Lc Lc' (the copula's factor);
 * the cross block pc (q x D) is shrunk by tenths until S is positive
 * definite.  Returns false if even no cross block leaves one.
 */
static bool
conditional_factor(int q, int D, double *pp, double *pc, const double *Lc,
				   double *B, double *L)
{
	double	   *Lp = palloc(sizeof(double) * q * q);
	double	   *X = palloc(sizeof(double) * q * D);
	double	   *S = palloc(sizeof(double) * D * D);
	int			tries,
				i,
				j,
				k;

	if (!sd_cholesky(pp, q, Lp))
	{
		sd_nearest_correlation(pp, q, 1e-9, 200);
		sd_make_positive_definite(pp, q);
		if (!sd_cholesky(pp, q, Lp))
			return false;
	}
	for (tries = 0; tries < 40; tries++)
	{
		/* X = Lp^-1 pc, column by column (forward substitution) */
		for (j = 0; j < D; j++)
			for (i = 0; i < q; i++)
			{
				double		acc = pc[i * D + j];

				for (k = 0; k < i; k++)
					acc -= Lp[i * q + k] * X[k * D + j];
				X[i * D + j] = acc / Lp[i * q + i];
			}
		/* S = Lc Lc' - X'X */
		for (i = 0; i < D; i++)
			for (j = 0; j <= i; j++)
			{
				double		acc = 0;

				for (k = 0; k <= j; k++)
					acc += Lc[i * D + k] * Lc[j * D + k];
				for (k = 0; k < q; k++)
					acc -= X[k * D + i] * X[k * D + j];
				S[i * D + j] = S[j * D + i] = acc;
			}
		if (sd_cholesky(S, D, L))
			break;
		for (i = 0; i < q * D; i++)
			pc[i] = rint(pc[i] * 0.9 * 1e4) / 1e4;
	}
	if (tries == 40)
		return false;
	/* B' = Lp'^-1 X: back substitution, then transposed into B */
	for (j = 0; j < D; j++)
		for (i = q - 1; i >= 0; i--)
		{
			double		acc = X[i * D + j];

			for (k = i + 1; k < q; k++)
				acc -= Lp[k * q + i] * B[j * q + k];
			B[j * q + i] = acc / Lp[i * q + i];
		}
	return true;
}

/* ---- fitting ---------------------------------------------------------------- */

static void condition_fit(Model *m, FitState *st1, int *fkcols, int nfk,
						  MemoryContext outer);

/* the sample rows, as the fit sees them */
typedef struct CondRows
{
	MemoryContext cxt;
	const Model *m;
	FitConfig  *cfg;
	int			nfk;
	int		   *fkcols;			/* model columns of the foreign keys */
	int			n;				/* rows collected */
	int			cap;
	char	 ***keys;			/* per foreign key, per row: its key as text */
	double	   *weight;
	double	   *s;				/* rows x ndims: the child's latent scores */
	bool	   *dim_used;		/* dims whose scores are read from the values */
	double	   *dim_coarse;		/* per dim: variance of its interval means */
	bool	   *is_after;		/* per model column: a later column of an ordering */
	double	   *null_score;		/* per model column with a dim used: its NULL
								 * dimension's score of a NULL, then of a value */
	double	  **cat_score;		/* per categorical column with a dim used: each
								 * category's score (category_scores) */
} CondRows;

/*
 * E[z | category] of every category of c, from the category shares (a
 * row's category then costs a look-up), and the variance of those means
 * into *coarse when it is not NULL.  NaN for every category when the
 * shares sum to nothing.
 */
static double *
category_scores(const ModelCol *c, double *coarse)
{
	double	   *out = palloc(sizeof(double) * Max(c->ncat, 1));
	double		total = 0,
				cum = 0,
				var = 0;
	int			i;

	for (i = 0; i < c->ncat; i++)
		total += c->cats[i].p;
	for (i = 0; i < c->ncat; i++)
	{
		double		lo = cum / total,
					hi;

		if (!(total > 0))
		{
			out[i] = NAN;
			continue;
		}
		cum += c->cats[i].p;
		hi = cum / total;
		out[i] = sd_interval_mean(lo <= 0 ? -INFINITY : sd_qnorm(lo),
								  hi >= 1 ? INFINITY : sd_qnorm(Min(hi, 1.0)));
		var += c->cats[i].p / total * out[i] * out[i];
	}
	if (coarse != NULL)
		*coarse = var;
	return out;
}

/* one sample row: its foreign keys as text, its child latent scores */
static void
collect_row(void *arg, Datum *values, bool *isnull, int64 weight)
{
	CondRows   *cr = (CondRows *) arg;
	const Model *m = cr->m;
	MemoryContext old = MemoryContextSwitchTo(cr->cxt);
	double	   *s;
	int			f,
				j;

	if (cr->n == cr->cap)
	{
		cr->cap *= 2;
		cr->weight = repalloc(cr->weight, sizeof(double) * cr->cap);
		cr->s = repalloc(cr->s, sizeof(double) * cr->cap * Max(m->ndims, 1));
		for (f = 0; f < cr->nfk; f++)
			cr->keys[f] = repalloc(cr->keys[f], sizeof(char *) * cr->cap);
	}
	for (f = 0; f < cr->nfk; f++)
	{
		ColConfig  *cc = &cr->cfg->cols[cr->fkcols[f]];

		cr->keys[f][cr->n] = isnull[cc->attidx] ? NULL :
			output_function_call(cc->typoutput, values[cc->attidx]);
	}
	cr->weight[cr->n] = (double) weight;
	s = cr->s + (int64) cr->n * m->ndims;
	for (j = 0; j < m->ndims; j++)
		s[j] = NAN;
	for (j = 0; j < m->ncols; j++)
	{
		const ModelCol *c = &m->cols[j];
		ColConfig  *cc = &cr->cfg->cols[j];
		bool		null = isnull[cc->attidx];
		double		x;

		if (c->null_dim >= 0 && cr->dim_used[c->null_dim])
			s[c->null_dim] = cr->null_score[2 * j + (null ? 0 : 1)];
		if (c->value_dim < 0 || !cr->dim_used[c->value_dim] || null)
			continue;
		if (c->kind == MK_CONTINUOUS && datum_to_double(cc->vk, values[cc->attidx], &x))
		{
			double		u = sd_grid_cdf(c->grid, GRID_POINTS, x);

			s[c->value_dim] = sd_qnorm(Min(Max(u, 1e-4), 1 - 1e-4));
		}
		else if (c->kind == MK_CATEGORICAL)
		{
			int			k = model_category_of(c, cc->vk, cc->typoutput, values[cc->attidx]);

			if (k >= 0)
				s[c->value_dim] = cr->cat_score[j][k];
		}
	}
	cr->n++;
	MemoryContextSwitchTo(old);
}

/* which dims the rows' scores are read for, and how coarse each is */
static void
mark_dims(CondRows *cr)
{
	const Model *m = cr->m;
	int			j;

	cr->dim_used = palloc0(sizeof(bool) * Max(m->ndims, 1));
	cr->dim_coarse = palloc(sizeof(double) * Max(m->ndims, 1));
	cr->null_score = palloc(sizeof(double) * 2 * Max(m->ncols, 1));
	cr->cat_score = palloc0(sizeof(double *) * Max(m->ncols, 1));
	cr->is_after = palloc0(sizeof(bool) * Max(m->ncols, 1));
	if (m->cons != NULL)
		for (j = 0; j < m->cons->norders; j++)
			cr->is_after[m->cons->orders[j].after] = true;
	for (j = 0; j < m->ncols; j++)
	{
		const ModelCol *c = &m->cols[j];
		bool		fk = c->sem != NULL && c->sem->ref_table != NULL;

		if (c->null_dim >= 0 && !fk && c->null_fraction > 0 && c->null_fraction < 1)
		{
			double		p = c->null_fraction,
						tau = sd_qnorm(1 - p),
						a = sd_interval_mean(tau, INFINITY),
						b = sd_interval_mean(-INFINITY, tau);

			cr->dim_used[c->null_dim] = true;
			cr->dim_coarse[c->null_dim] = p * a * a + (1 - p) * b * b;
			cr->null_score[2 * j] = a;
			cr->null_score[2 * j + 1] = b;
		}
		if (c->value_dim < 0 || fk || cr->is_after[j])
			continue;
		if (c->kind == MK_CONTINUOUS)
		{
			cr->dim_used[c->value_dim] = true;
			cr->dim_coarse[c->value_dim] = 1;
		}
		else if (c->kind == MK_CATEGORICAL && c->ncat >= 2)
		{
			cr->dim_used[c->value_dim] = true;
			cr->cat_score[j] = category_scores(c, &cr->dim_coarse[c->value_dim]);
		}
	}
}

/* a parent row read at fit time */
typedef struct ParentRow
{
	char	   *key;
	char	  **vals;			/* per candidate, NULL: SQL NULL */
} ParentRow;

static int
cmp_parent_row(const void *a, const void *b)
{
	return strcmp(((const ParentRow *) a)->key, ((const ParentRow *) b)->key);
}

static int
cmp_cstring_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/*
 * The SQL expression of a candidate's value (numbers: float8, times:
 * epoch), as text, or with as_float a number's as float8 (the same double
 * its text reads back as, without printing and parsing it).
 */
static char *
candidate_expr_as(const RolesParentCol *pc, bool as_float)
{
	const char *col = quote_identifier(pc->name);
	const char *cast = as_float ? "" : "::pg_catalog.text";

	if (pc->category)
		return psprintf("p.%s::pg_catalog.text", col);
	if (pc->typid == DATEOID || pc->typid == TIMESTAMPOID || pc->typid == TIMESTAMPTZOID)
		return psprintf("pg_catalog.date_part('epoch'::pg_catalog.text, p.%s)%s", col, cast);
	return psprintf("p.%s::pg_catalog.float8%s", col, cast);
}

static char *
candidate_expr(const RolesParentCol *pc)
{
	return candidate_expr_as(pc, false);
}

static bool
candidate_usable(const RolesParentCol *pc, const char *parent_table)
{
	Oid			t = pc->typid;

	if (pii_kind_from_name(parent_table, pc->name) != NULL)
		return false;			/* a clone fakes it: its values say nothing */
	return pc->category || t == INT2OID || t == INT4OID || t == INT8OID ||
		t == FLOAT4OID || t == FLOAT8OID || t == NUMERICOID || t == DATEOID ||
		t == TIMESTAMPOID || t == TIMESTAMPTZOID;
}

/* the parents the sample's rows point at, sorted by key; *np their number */
static ParentRow *
read_parents(const ColSemantics *sem, Oid prel, char **keys, int nrows,
			 RolesParentCol *cands, int ncand, int *np)
{
	MemoryContext cxt = CurrentMemoryContext;
	char	  **uniq = palloc(sizeof(char *) * Max(nrows, 1));
	Datum	   *elems;
	int			nu = 0,
				i,
				j;
	StringInfoData q;
	Oid			argtype = TEXTARRAYOID;
	Datum		arg;
	AttrNumber	att = get_attnum(prel, sem->ref_column);
	ParentRow  *rows;

	for (i = 0; i < nrows; i++)
		if (keys[i] != NULL)
			uniq[nu++] = keys[i];
	qsort(uniq, nu, sizeof(char *), cmp_cstring_ptr);
	for (i = 0, j = 0; i < nu; i++)
		if (j == 0 || strcmp(uniq[j - 1], uniq[i]) != 0)
			uniq[j++] = uniq[i];
	nu = j;
	elems = palloc(sizeof(Datum) * Max(nu, 1));
	for (i = 0; i < nu; i++)
		elems[i] = CStringGetTextDatum(uniq[i]);
	arg = PointerGetDatum(construct_array(elems, nu, TEXTOID, -1, false, TYPALIGN_INT));
	initStringInfo(&q);
	appendStringInfo(&q, "SELECT p.%s::pg_catalog.text", quote_identifier(sem->ref_column));
	for (i = 0; i < ncand; i++)
		appendStringInfo(&q, ", %s", candidate_expr(&cands[i]));
	appendStringInfo(&q, " FROM %s p WHERE p.%s %s ANY ($1::%s[])",
					 quote_qualified_identifier(sem->ref_schema, sem->ref_table),
					 quote_identifier(sem->ref_column),
					 sd_sql_eq_operator(get_atttype(prel, att)),
					 sd_sql_type(get_atttype(prel, att), -1));
	if (sd_spi_execute(q.data, 1, &argtype, &arg, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the parents of \"%s\"", sem->ref_table);
	MemoryContextSwitchTo(cxt);
	*np = (int) SPI_processed;
	rows = palloc(sizeof(ParentRow) * Max(*np, 1));
	for (i = 0; i < *np; i++)
	{
		rows[i].key = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		rows[i].vals = palloc(sizeof(char *) * Max(ncand, 1));
		for (j = 0; j < ncand; j++)
			rows[i].vals[j] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2 + j);
	}
	SPI_freetuptable(SPI_tuptable);
	qsort(rows, *np, sizeof(ParentRow), cmp_parent_row);
	return rows;
}

/* the parent row of each sample row, -1: none */
static int *
match_parents(char **keys, int nrows, ParentRow *prow, int np)
{
	int		   *idx = palloc(sizeof(int) * Max(nrows, 1));
	int			i;

	for (i = 0; i < nrows; i++)
	{
		ParentRow	probe;
		ParentRow  *hit;

		idx[i] = -1;
		if (keys[i] == NULL)
			continue;
		probe.key = keys[i];
		hit = bsearch(&probe, prow, np, sizeof(ParentRow), cmp_parent_row);
		if (hit != NULL)
			idx[i] = (int) (hit - prow);
	}
	return idx;
}

typedef struct WeightedValue
{
	double		x;
	double		w;
} WeightedValue;

static int
cmp_weighted(const void *a, const void *b)
{
	double		x = ((const WeightedValue *) a)->x,
				y = ((const WeightedValue *) b)->x;

	return x < y ? -1 : x > y;
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : x > y;
}

/*
 * A numeric parent column: the quantiles of its values over the child
 * rows, clipped to the k-th smallest and largest parent's value (no
 * single parent's extreme is kept).  False if fewer than 2k parents hold
 * a value.
 */
static bool
numeric_var(CondVar *v, int cand, const CondRows *cr, const int *pidx,
			ParentRow *prow, int np, int k)
{
	WeightedValue *wv = palloc(sizeof(WeightedValue) * Max(cr->n, 1));
	double	   *pv = palloc(sizeof(double) * Max(np, 1));
	double		total = 0,
				acc = 0;
	int			n = 0,
				npv = 0,
				i,
				j;

	for (i = 0; i < np; i++)
		if (prow[i].vals[cand] != NULL && isfinite(strtod(prow[i].vals[cand], NULL)))
			pv[npv++] = strtod(prow[i].vals[cand], NULL);
	if (npv < 2 * k)
		return false;
	qsort(pv, npv, sizeof(double), cmp_double);
	for (i = 0; i < cr->n; i++)
		if (pidx[i] >= 0 && prow[pidx[i]].vals[cand] != NULL &&
			isfinite(strtod(prow[pidx[i]].vals[cand], NULL)))
		{
			wv[n].x = strtod(prow[pidx[i]].vals[cand], NULL);
			wv[n].w = cr->weight[i];
			total += wv[n++].w;
		}
	if (n == 0 || !(total > 0))
		return false;
	qsort(wv, n, sizeof(WeightedValue), cmp_weighted);
	for (i = 0, j = 0; j < COND_POINTS; j++)
	{
		double		target = total * j / (COND_POINTS - 1);

		while (i < n - 1 && acc + wv[i].w < target)
			acc += wv[i++].w;
		v->grid[j] = Min(Max(wv[i].x, pv[k - 1]), pv[npv - k]);
	}
	for (j = 1; j < COND_POINTS; j++)
		v->grid[j] = Max(v->grid[j], v->grid[j - 1]);
	return v->grid[COND_POINTS - 1] > v->grid[0];
}

/* a label's tally over parents and child rows, and its child scores' sums */
typedef struct LabelTally
{
	char	   *label;
	int			parents;
	double		rows;
	double	   *sum;			/* per dim */
	double	   *wsum;			/* per dim */
} LabelTally;

static int
cmp_tally(const void *a, const void *b)
{
	return strcmp(((const LabelTally *) a)->label, ((const LabelTally *) b)->label);
}

/* the tallies of a categorical candidate's labels, sorted by label (NULL: too many) */
static LabelTally *
tally_labels(int cand, const CondRows *cr, const int *pidx, ParentRow *prow,
			 int np, int *nt)
{
	int			D = cr->m->ndims;
	char	  **all = palloc(sizeof(char *) * Max(np, 1));
	LabelTally *t;
	int			na = 0,
				n = 0,
				i,
				d;

	for (i = 0; i < np; i++)
		if (prow[i].vals[cand] != NULL)
			all[na++] = prow[i].vals[cand];
	qsort(all, na, sizeof(char *), cmp_cstring_ptr);
	for (i = 0; i < na; i++)
		if (n == 0 || strcmp(all[i], all[n - 1]) != 0)
			all[n++] = all[i];
	if (n > 64 * COND_MAX_CATEGORIES)
		return NULL;			/* a name or a text: no category */
	t = palloc0(sizeof(LabelTally) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		t[i].label = all[i];
		t[i].sum = palloc0(sizeof(double) * Max(D, 1));
		t[i].wsum = palloc0(sizeof(double) * Max(D, 1));
	}
	for (i = 0; i < np; i++)
	{
		LabelTally	probe;
		LabelTally *hit;

		if (prow[i].vals[cand] == NULL)
			continue;
		probe.label = prow[i].vals[cand];
		hit = bsearch(&probe, t, n, sizeof(LabelTally), cmp_tally);
		hit->parents++;
	}
	for (i = 0; i < cr->n; i++)
	{
		LabelTally	probe;
		LabelTally *hit;
		const double *s = cr->s + (int64) i * D;

		if (pidx[i] < 0 || prow[pidx[i]].vals[cand] == NULL)
			continue;
		probe.label = prow[pidx[i]].vals[cand];
		hit = bsearch(&probe, t, n, sizeof(LabelTally), cmp_tally);
		hit->rows += cr->weight[i];
		for (d = 0; d < D; d++)
			if (!isnan(s[d]))
			{
				hit->sum[d] += cr->weight[i] * s[d];
				hit->wsum[d] += cr->weight[i];
			}
	}
	*nt = n;
	return t;
}

typedef struct GroupOrder
{
	double		mean;
	int			group;
} GroupOrder;

static int
cmp_group_order(const void *a, const void *b)
{
	const GroupOrder *x = a,
			   *y = b;

	if (x->mean != y->mean)
		return x->mean < y->mean ? -1 : 1;
	return x->group - y->group;
}

/*
 * A categorical parent column: its labels held by at least k parents and
 * k child rows (at most COND_MAX_CATEGORIES of them, covering at least
 * half the child rows), the other values one group; the groups ordered by
 * the mean score of the child dimension whose means they separate most.
 */
static bool
category_var(CondVar *v, int cand, const CondRows *cr, const int *pidx,
			 ParentRow *prow, int np, int k)
{
	int			D = cr->m->ndims;
	int			nt,
				ng = 0,
				i,
				d,
				best_d = -1;
	LabelTally *t = tally_labels(cand, cr, pidx, prow, np, &nt);
	LabelTally *groups;
	GroupOrder *order;
	double		total = 0,
				kept = 0,
				best = -1;
	LabelTally	other;

	if (t == NULL)
		return false;
	memset(&other, 0, sizeof(other));
	other.sum = palloc0(sizeof(double) * Max(D, 1));
	other.wsum = palloc0(sizeof(double) * Max(D, 1));
	groups = palloc(sizeof(LabelTally) * (COND_MAX_CATEGORIES + 1));
	for (i = 0; i < nt; i++)
	{
		total += t[i].rows;
		if (t[i].parents >= k && t[i].rows >= k && ng < COND_MAX_CATEGORIES)
		{
			groups[ng++] = t[i];
			kept += t[i].rows;
			continue;
		}
		other.rows += t[i].rows;
		for (d = 0; d < D; d++)
		{
			other.sum[d] += t[i].sum[d];
			other.wsum[d] += t[i].wsum[d];
		}
	}
	if (other.rows > 0)
		groups[ng++] = other;
	if (ng < 2 || !(total > 0) || kept < COND_MIN_COVERAGE * total)
		return false;
	/* the child dimension the groups' means separate most */
	for (d = 0; d < D; d++)
	{
		double		between = 0,
					w = 0,
					mean = 0;

		if (!cr->dim_used[d])
			continue;
		for (i = 0; i < ng; i++)
			if (groups[i].wsum[d] > 0)
			{
				mean += groups[i].sum[d];
				w += groups[i].wsum[d];
			}
		mean /= Max(w, 1e-300);
		for (i = 0; i < ng; i++)
			if (groups[i].wsum[d] > 0)
			{
				double		g = groups[i].sum[d] / groups[i].wsum[d] - mean;

				between += groups[i].wsum[d] * g * g;
			}
		between /= Max(w, 1e-300) * cr->dim_coarse[d];
		if (between > best)
		{
			best = between;
			best_d = d;
		}
	}
	if (best_d < 0)
		return false;
	order = palloc(sizeof(GroupOrder) * ng);
	for (i = 0; i < ng; i++)
	{
		order[i].group = i;
		order[i].mean = groups[i].wsum[best_d] > 0 ?
			groups[i].sum[best_d] / groups[i].wsum[best_d] : 0;
	}
	qsort(order, ng, sizeof(GroupOrder), cmp_group_order);
	v->category = true;
	v->ngroups = ng;
	v->labels = palloc(sizeof(char *) * ng);
	v->shares = palloc(sizeof(double) * ng);
	for (i = 0; i < ng; i++)
	{
		const LabelTally *g = &groups[order[i].group];

		v->labels[i] = g->label;	/* NULL: the other values */
		v->shares[i] = rint(g->rows / total * 1e6) / 1e6;
	}
	return true;
}

/* each sample row's latent score on v (its parent's, keyed by the parent's key) */
static void
var_scores(CondVar *v, int cand, const CondRows *cr, const int *pidx, ParentRow *prow)
{
	uint64		salt = sd_hash_bytes(v->column, strlen(v->column), 11);
	double		w = 0,
				sq = 0;
	int			i;

	v->w = palloc(sizeof(double) * Max(cr->n, 1));
	for (i = 0; i < cr->n; i++)
	{
		const ParentRow *p;
		double		u,
					mean;

		if (pidx[i] < 0)
		{
			v->w[i] = NAN;
			continue;
		}
		p = &prow[pidx[i]];
		u = cond_uniform(salt, sd_hash_bytes(p->key, strlen(p->key), 13));
		v->w[i] = var_latent(v, p->vals[cand], u, &mean);
		w += cr->weight[i];
		sq += cr->weight[i] * mean * mean;
	}
	/* the share of the latent's variance its values resolve (1: no atoms) */
	v->coarse = w > 0 ? Max(sq / w, 0.05) : 1;
}

/* the latent correlation of two score series a and b, coarsened by ca, cb */
static double
latent_corr(const double *a, const double *b, const double *weight, int n,
			double ca, double cb)
{
	double		w = 0,
				sa = 0,
				sb = 0,
				sab = 0,
				r;
	int			i;

	for (i = 0; i < n; i++)
		if (!isnan(a[i]) && !isnan(b[i]))
		{
			w += weight[i];
			sa += weight[i] * a[i];
			sb += weight[i] * b[i];
			sab += weight[i] * a[i] * b[i];
		}
	if (w < 2)
		return 0;
	r = (sab / w - (sa / w) * (sb / w)) / Max(ca * cb, 1e-6);
	return Max(-COND_MAX_RHO, Min(COND_MAX_RHO, r));
}

/* the candidates of one foreign key, appended to vars */
static void
fk_candidates(CondRows *cr, int f, CondVar *vars, int *nvars, int k)
{
	const Model *m = cr->m;
	const ModelCol *c = &m->cols[cr->fkcols[f]];
	const ColSemantics *sem = c->sem;
	Oid			nsp = get_namespace_oid(sem->ref_schema, true);
	Oid			prel = OidIsValid(nsp) ? get_relname_relid(sem->ref_table, nsp) : InvalidOid;
	RolesParentCol all[COND_MAX_CANDIDATES],
				cands[COND_MAX_CANDIDATES];
	int			nall,
				ncand = 0,
				np,
				i;
	ParentRow  *prow;
	int		   *pidx;

	if (!OidIsValid(prel) || get_attnum(prel, sem->ref_column) == InvalidAttrNumber)
		return;
	nall = roles_parent_columns(prel, sem->ref_column, all, COND_MAX_CANDIDATES);
	for (i = 0; i < nall; i++)
		if (candidate_usable(&all[i], sem->ref_table))
			cands[ncand++] = all[i];
	if (ncand == 0)
		return;
	prow = read_parents(sem, prel, cr->keys[f], cr->n, cands, ncand, &np);
	pidx = match_parents(cr->keys[f], cr->n, prow, np);
	for (i = 0; i < ncand; i++)
	{
		CondVar    *v = &vars[*nvars];

		memset(v, 0, sizeof(CondVar));
		v->fkcol = cr->fkcols[f];
		v->column = pstrdup(cands[i].name);
		v->typid = cands[i].typid;
		if (cands[i].category ? !category_var(v, i, cr, pidx, prow, np, k) :
			!numeric_var(v, i, cr, pidx, prow, np, k))
			continue;
		var_scores(v, i, cr, pidx, prow);
		(*nvars)++;
	}
}

typedef struct VarRank
{
	double		score;
	int			var;
} VarRank;

static int
cmp_var_rank(const void *a, const void *b)
{
	const VarRank *x = a,
			   *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->var - y->var;
}

/* the foreign keys whose parents the rows may follow */
static int
conditioning_fks(const Model *m, int *fkcols)
{
	int			n = 0,
				j;

	for (j = 0; j < m->ncols; j++)
	{
		const ModelCol *c = &m->cols[j];
		const ColSemantics *sem = c->sem;

		if (sem == NULL || sem->ref_table == NULL || sem->fk_n >= 2 ||
			c->null_dim >= 0 || c->null_fraction > 0 ||
			(strcmp(sem->ref_table, m->table) == 0 && strcmp(sem->ref_schema, m->schema) == 0))
			continue;
		fkcols[n++] = j;
	}
	return n;
}

/* a kept variable, copied into the model's memory context */
static void
copy_var(CondVar *dst, const CondVar *src, MemoryContext cxt)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	int			g;

	*dst = *src;
	dst->column = pstrdup(src->column);
	if (src->category)
	{
		dst->labels = palloc(sizeof(char *) * src->ngroups);
		dst->shares = palloc(sizeof(double) * src->ngroups);
		for (g = 0; g < src->ngroups; g++)
		{
			dst->labels[g] = src->labels[g] ? pstrdup(src->labels[g]) : NULL;
			dst->shares[g] = src->shares[g];
		}
	}
	MemoryContextSwitchTo(old);
}

/* the kept variables' correlations, made a valid joint matrix, into m (in cxt) */
static void
finish_condition(Model *m, CondRows *cr, CondVar *vars, VarRank *rank, int q,
				 MemoryContext cxt)
{
	ModelCondition *mc = MemoryContextAllocZero(cxt, sizeof(ModelCondition));
	int			D = m->ndims,
				a,
				b,
				d;
	double	   *Lc = palloc(sizeof(double) * D * D);
	double	   *B = palloc(sizeof(double) * D * q);
	double	   *L = palloc(sizeof(double) * D * D);

	mc->nvars = q;
	mc->ndims = D;
	mc->vars = MemoryContextAllocZero(cxt, sizeof(CondVar) * q);
	mc->pp = MemoryContextAlloc(cxt, sizeof(double) * q * q);
	mc->pc = MemoryContextAllocZero(cxt, sizeof(double) * q * D);
	for (a = 0; a < q; a++)
	{
		copy_var(&mc->vars[a], &vars[rank[a].var], cxt);
		mc->vars[a].w = vars[rank[a].var].w;	/* fitting only: not kept */
	}
	for (a = 0; a < q; a++)
	{
		CondVar    *va = &mc->vars[a];

		for (b = 0; b < q; b++)
			mc->pp[a * q + b] = a == b ? 1 :
				rint(latent_corr(va->w, mc->vars[b].w, cr->weight, cr->n,
								 va->coarse, mc->vars[b].coarse) * 1e4) / 1e4;
		for (d = 0; d < D; d++)
			if (cr->dim_used[d])
			{
				double	   *col = palloc(sizeof(double) * Max(cr->n, 1));
				int			i;

				for (i = 0; i < cr->n; i++)
					col[i] = cr->s[(int64) i * D + d];
				mc->pc[a * D + d] = rint(latent_corr(va->w, col, cr->weight, cr->n,
													 va->coarse, cr->dim_coarse[d]) * 1e4) / 1e4;
				pfree(col);
			}
	}
	/* the copula's factor, as the sampler makes it */
	if (!sd_cholesky(m->corr, D, Lc))
	{
		double	   *r = palloc(sizeof(double) * D * D);

		memcpy(r, m->corr, sizeof(double) * D * D);
		sd_nearest_correlation(r, D, 1e-9, 200);
		sd_make_positive_definite(r, D);
		if (!sd_cholesky(r, D, Lc))
			return;
	}
	if (!conditional_factor(q, D, mc->pp, mc->pc, Lc, B, L))
		return;
	for (a = 0; a < q; a++)
		mc->vars[a].w = NULL;	/* the rows' scores die with the fit's context */
	m->condition = mc;
}

/*
 * The parents' columns the table's rows follow (see the file's header).
 * Runs inside the fit's SPI connection, after the copula, over the
 * dependence sample.
 */
void
roles_condition_fit(Model *m, FitContext *fc, FitState *st1)
{
	MemoryContext outer = CurrentMemoryContext;
	MemoryContext tmp;
	int		   *fkcols;
	int			nfk;

	m->condition = NULL;
	if (m->ndims == 0 || m->corr == NULL || st1->nsample < 2 * m->k ||
		sd_dp_requested(fc->options))
		return;
	fkcols = palloc(sizeof(int) * m->ncols);
	nfk = conditioning_fks(m, fkcols);
	if (nfk == 0)
		return;
	tmp = AllocSetContextCreate(outer, "synthdata parents_follow fit", ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(tmp);
	condition_fit(m, st1, fkcols, nfk, outer);
	MemoryContextSwitchTo(outer);
	MemoryContextDelete(tmp);
}

/* roles_condition_fit in its own memory context; the model's part goes to outer */
static void
condition_fit(Model *m, FitState *st1, int *fkcols, int nfk, MemoryContext outer)
{
	CondRows	cr;
	CondVar    *vars;
	VarRank    *rank;
	int			nvars = 0,
				q = 0,
				f,
				a,
				d;

	memset(&cr, 0, sizeof(cr));
	cr.fkcols = fkcols;
	cr.nfk = nfk;
	cr.cxt = CurrentMemoryContext;
	cr.m = m;
	cr.cfg = st1->cfg;
	cr.cap = 1024;
	cr.weight = palloc(sizeof(double) * cr.cap);
	cr.s = palloc(sizeof(double) * cr.cap * m->ndims);
	cr.keys = palloc(sizeof(char **) * cr.nfk);
	for (f = 0; f < cr.nfk; f++)
		cr.keys[f] = palloc(sizeof(char *) * cr.cap);
	mark_dims(&cr);
	sample_for_each(st1, collect_row, &cr);
	MemoryContextSwitchTo(cr.cxt);
	vars = palloc(sizeof(CondVar) * cr.nfk * COND_MAX_CANDIDATES);
	for (f = 0; f < cr.nfk; f++)
		fk_candidates(&cr, f, vars, &nvars, m->k);
	if (nvars == 0)
		return;
	/* the strongest of them, each by its strongest child dimension */
	rank = palloc(sizeof(VarRank) * nvars);
	for (a = 0; a < nvars; a++)
	{
		double	   *col = palloc(sizeof(double) * Max(cr.n, 1));

		rank[a].var = a;
		rank[a].score = 0;
		for (d = 0; d < m->ndims; d++)
		{
			int			i;
			double		r;

			if (!cr.dim_used[d])
				continue;
			for (i = 0; i < cr.n; i++)
				col[i] = cr.s[(int64) i * m->ndims + d];
			r = fabs(latent_corr(vars[a].w, col, cr.weight, cr.n, vars[a].coarse,
								 cr.dim_coarse[d]));
			rank[a].score = Max(rank[a].score, r);
		}
		pfree(col);
	}
	qsort(rank, nvars, sizeof(VarRank), cmp_var_rank);
	while (q < nvars && q < COND_MAX_VARS && rank[q].score >= COND_MIN_RHO)
		q++;
	if (q > 0)
		finish_condition(m, &cr, vars, rank, q, outer);
}

/* ---- the model's jsonb --------------------------------------------------------- */

static void
json_matrix(StringInfo b, const double *v, int rows, int cols)
{
	int			i;

	appendStringInfoChar(b, '[');
	for (i = 0; i < rows; i++)
	{
		if (i)
			appendStringInfoString(b, ", ");
		json_rounded_array(b, v + i * cols, cols, 6);
	}
	appendStringInfoChar(b, ']');
}

/*
 * "parents_follow": {"dimensions": D, "columns": [{"foreign_key": fk,
 * "column": c, "grid": [...]} or {..., "labels": [l or null, ...],
 * "shares": [...]}], "correlation": q x q, "cross": q x D}
 */
void
roles_condition_to_json(StringInfo b, const Model *m)
{
	const ModelCondition *mc = m->condition;
	int			a,
				g;

	if (mc == NULL)
		return;
	appendStringInfo(b, ", \"parents_follow\": {\"dimensions\": %d, \"columns\": [", mc->ndims);
	for (a = 0; a < mc->nvars; a++)
	{
		const CondVar *v = &mc->vars[a];

		appendStringInfoString(b, a ? ", {\"foreign_key\": " : "{\"foreign_key\": ");
		escape_json(b, m->cols[v->fkcol].name);
		appendStringInfoString(b, ", \"column\": ");
		escape_json(b, v->column);
		if (v->category)
		{
			appendStringInfoString(b, ", \"labels\": [");
			for (g = 0; g < v->ngroups; g++)
			{
				if (g)
					appendStringInfoString(b, ", ");
				if (v->labels[g] == NULL)
					appendStringInfoString(b, "null");
				else
					escape_json(b, v->labels[g]);
			}
			appendStringInfoString(b, "], \"shares\": ");
			json_rounded_array(b, v->shares, v->ngroups, 6);
		}
		else
		{
			appendStringInfoString(b, ", \"grid\": ");
			json_rounded_array(b, v->grid, COND_POINTS, 15);
		}
		appendStringInfoChar(b, '}');
	}
	appendStringInfoString(b, "], \"correlation\": ");
	json_matrix(b, mc->pp, mc->nvars, mc->nvars);
	appendStringInfoString(b, ", \"cross\": ");
	json_matrix(b, mc->pc, mc->nvars, mc->ndims);
	appendStringInfoChar(b, '}');
}

/* a row of n correlations in [-1, 1] */
static void
read_corr_row(JsonbContainer *arr, double *out, int n)
{
	int			i;

	if (arr == NULL || (int) JsonContainerSize(arr) != n)
		bad_model(psprintf("Each row of \"parents_follow\" correlations must have %d elements.", n));
	for (i = 0; i < n; i++)
	{
		out[i] = jnum(getIthJsonbValueFromContainer(arr, i), "parents_follow");
		if (!(fabs(out[i]) <= 1))
			bad_model("Correlations of \"parents_follow\" must be between -1 and 1.");
	}
}

static JsonbContainer *
ith_container(JsonbContainer *arr, int i)
{
	JsonbValue *v = getIthJsonbValueFromContainer(arr, i);

	if (v == NULL || v->type != jbvBinary)
		bad_model("Field \"parents_follow\" holds an element of the wrong type.");
	return v->val.binary.data;
}

static void
var_from_json(JsonbContainer *o, const Model *m, CondVar *v)
{
	char	   *fk = jget_str(o, "foreign_key", false);
	JsonbContainer *labels = jget_container(o, "labels", true, true);
	double		sum = 0;
	int			j;

	v->fkcol = -1;
	for (j = 0; j < m->ncols; j++)
		if (strcmp(m->cols[j].name, fk) == 0 && m->cols[j].sem != NULL &&
			m->cols[j].sem->ref_table != NULL && m->cols[j].sem->fk_n < 2)
			v->fkcol = j;
	if (v->fkcol < 0)
		bad_model("Field \"foreign_key\" of \"parents_follow\" must name a one-column foreign key of the model.");
	v->column = jget_str(o, "column", false);
	if (labels == NULL)
	{
		read_number_array(jget_container(o, "grid", true, false), v->grid, COND_POINTS,
						  "grid");
		return;
	}
	v->category = true;
	v->ngroups = (int) JsonContainerSize(labels);
	if (v->ngroups < 2 || v->ngroups > COND_MAX_CATEGORIES + 1)
		bad_model("Field \"labels\" of \"parents_follow\" must have 2 to 17 elements.");
	v->labels = palloc(sizeof(char *) * v->ngroups);
	v->shares = palloc(sizeof(double) * v->ngroups);
	read_corr_row(jget_container(o, "shares", true, false), v->shares, v->ngroups);
	for (j = 0; j < v->ngroups; j++)
	{
		JsonbValue *l = getIthJsonbValueFromContainer(labels, j);

		if (l == NULL || (l->type != jbvString && l->type != jbvNull))
			bad_model("Field \"labels\" of \"parents_follow\" must hold strings or null.");
		v->labels[j] = l->type == jbvNull ? NULL : pnstrdup(l->val.string.val, l->val.string.len);
		if (!(v->shares[j] >= 0))
			bad_model("Field \"shares\" of \"parents_follow\" must hold shares.");
		sum += v->shares[j];
	}
	if (!(fabs(sum - 1) <= 1e-3))
		bad_model("Field \"shares\" of \"parents_follow\" must add up to 1.");
}

void
roles_condition_from_json(JsonbContainer *root, Model *m)
{
	JsonbContainer *o = jget_container(root, "parents_follow", false, true);
	JsonbContainer *cols,
			   *pp,
			   *pc;
	ModelCondition *mc;
	int			a,
				q;
	double		dims;

	m->condition = NULL;
	if (o == NULL)
		return;
	cols = jget_container(o, "columns", true, false);
	q = (int) JsonContainerSize(cols);
	if (q < 1 || q > COND_MAX_VARS)
		bad_model("Field \"columns\" of \"parents_follow\" must have 1 to 4 elements.");
	dims = jnum(jget(o, "dimensions"), "dimensions");
	if (!(dims >= 1 && dims <= 100000) || dims != rint(dims))
		bad_model("Field \"dimensions\" of \"parents_follow\" is out of range.");
	mc = palloc0(sizeof(ModelCondition));
	mc->nvars = q;
	mc->ndims = (int) dims;
	mc->vars = palloc0(sizeof(CondVar) * q);
	mc->pp = palloc(sizeof(double) * q * q);
	mc->pc = palloc(sizeof(double) * q * mc->ndims);
	pp = jget_container(o, "correlation", true, false);
	pc = jget_container(o, "cross", true, false);
	if ((int) JsonContainerSize(pp) != q || (int) JsonContainerSize(pc) != q)
		bad_model("Fields \"correlation\" and \"cross\" of \"parents_follow\" need a row per column.");
	for (a = 0; a < q; a++)
	{
		var_from_json(ith_container(cols, a), m, &mc->vars[a]);
		read_corr_row(ith_container(pp, a), mc->pp + a * q, q);
		read_corr_row(ith_container(pc, a), mc->pc + a * mc->ndims, mc->ndims);
		if (mc->pp[a * q + a] != 1)
			bad_model("Field \"correlation\" of \"parents_follow\" must have ones on its diagonal.");
	}
	m->condition = mc;
}

/* ---- sampling --------------------------------------------------------------- */

/* each parent's latent score on the variables of one foreign key */
static bool
parent_scores(Sampler *s, CondSampler *cs, int f, const ModelCondition *mc)
{
	TargetCol  *tc = &s->tc[cs->fk_att[f]];
	const ColSemantics *sem = s->m->cols[tc->mcol].sem;
	Oid			nsp = get_namespace_oid(sem->ref_schema, true);
	Oid			prel = OidIsValid(nsp) ? get_relname_relid(sem->ref_table, nsp) : InvalidOid;
	MemoryContext cxt = CurrentMemoryContext;
	StringInfoData q;
	int64		n = roles_fk_parent_count(tc),
				p,
				step = Max(n / 16, 1);
	int			a,
				col = 2;
	bool		ok;
	uint64		keys[COND_MAX_VARS];
	Portal		portal;

	/* the rows in load_parents' order: by the key, in its type's order (checked below) */
	initStringInfo(&q);
	appendStringInfo(&q, "SELECT p.%s::pg_catalog.text", quote_identifier(sem->ref_column));
	for (a = 0; a < mc->nvars; a++)
	{
		RolesParentCol pc;
		AttrNumber	att;

		if (cs->var_fk[a] != f)
			continue;
		att = OidIsValid(prel) ? get_attnum(prel, mc->vars[a].column) : InvalidAttrNumber;
		if (att == InvalidAttrNumber ||
			(pg_class_aclcheck(prel, GetUserId(), ACL_SELECT) != ACLCHECK_OK &&
			 pg_attribute_aclcheck(prel, att, GetUserId(), ACL_SELECT) != ACLCHECK_OK))
			return false;		/* a column the caller cannot read: follow nothing */
		pc.name = mc->vars[a].column;
		pc.category = mc->vars[a].category;
		pc.typid = getBaseType(get_atttype(prel, att));
		if (!pc.category && !candidate_usable(&pc, ""))
			return false;
		/* numbers as float8: 300,000 parents' values not printed and parsed */
		appendStringInfo(&q, ", %s", candidate_expr_as(&pc, true));
	}
	appendStringInfo(&q, " FROM %s p WHERE p.%s IS NOT NULL ORDER BY p.%s",
					 quote_qualified_identifier(sem->ref_schema, sem->ref_table),
					 quote_identifier(sem->ref_column), quote_identifier(sem->ref_column));
	for (a = 0; a < mc->nvars; a++)
	{
		keys[a] = sd_mix64(s->seed ^ sd_hash_bytes(mc->vars[a].column,
												   strlen(mc->vars[a].column), 17) ^ (uint64) a);
		if (cs->var_fk[a] == f)
			cs->w[a] = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	}

	/*
	 * Read in batches through a cursor (memory is that of the scores), the
	 * same rows in the same order as the keys the column draws: some keys
	 * are compared, and the count.
	 */
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	portal = SPI_cursor_open_with_args(NULL, q.data, 0, NULL, NULL, NULL, true, 0);
	MemoryContextSwitchTo(cxt);
	ok = true;
	p = 0;
	while (ok)
	{
		uint64		nrows,
					r;

		CHECK_FOR_INTERRUPTS();
		SPI_cursor_fetch(portal, true, ROLES_PARENT_BATCH);
		MemoryContextSwitchTo(cxt);
		nrows = SPI_processed;
		if (nrows == 0)
			break;
		ok = p + (int64) nrows <= n;
		for (r = 0; ok && r < nrows; r++, p++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			TupleDesc	td = SPI_tuptable->tupdesc;

			if (p % step == 0)
			{
				char	   *key = SPI_getvalue(tup, td, 1);

				ok = strcmp(key, roles_fk_parent_key(tc, p)) == 0;
				pfree(key);
			}
			col = 2;
			for (a = 0; ok && a < mc->nvars; a++)
			{
				double		u;

				if (cs->var_fk[a] != f)
					continue;
				u = cond_uniform(keys[a], (uint64) p);
				if (mc->vars[a].category)
				{
					char	   *v = SPI_getvalue(tup, td, col++);

					cs->w[a][p] = var_latent(&mc->vars[a], v, u, NULL);
					if (v != NULL)
						pfree(v);
				}
				else
				{
					bool		isnull;
					Datum		d = SPI_getbinval(tup, td, col++, &isnull);

					cs->w[a][p] = var_latent_number(&mc->vars[a],
													isnull ? get_float8_nan() : DatumGetFloat8(d),
													u, NULL);
				}
			}
		}
		SPI_freetuptable(SPI_tuptable);
	}
	ok = ok && p == n;
	SPI_cursor_close(portal);
	SPI_finish();
	MemoryContextSwitchTo(cxt);
	return ok;
}

/*
 * When the sampler is made: the parents' latent scores, B and the factor of
 * the conditional covariance in place of the copula's.  Without every
 * foreign key the model follows drawn from its parent, the rows follow no
 * parent (the copula as fitted).
 */
void
roles_condition_prepare(Sampler *s)
{
	const ModelCondition *mc = s->m->condition;
	CondSampler *cs;
	int			D = s->m->ndims,
				a,
				i,
				f;
	double	   *pp,
			   *pc,
			   *L;

	if (mc == NULL || D == 0 || s->m->mst != NULL)
		return;					/* a DP model's latent row is drawn by its tree */
	if (mc->ndims != D)
		bad_model("Field \"dimensions\" of \"parents_follow\" must equal the copula's.");
	cs = palloc0(sizeof(CondSampler));
	cs->nvars = mc->nvars;
	cs->fk_att = palloc(sizeof(int) * mc->nvars);
	cs->var_fk = palloc(sizeof(int) * mc->nvars);
	cs->w = palloc0(sizeof(double *) * mc->nvars);
	for (a = 0; a < mc->nvars; a++)
	{
		int			att = -1;

		for (i = 0; i < s->natts; i++)
			if (s->tc[i].mcol == mc->vars[a].fkcol && s->tc[i].fk != NULL)
				att = i;
		if (att < 0)
			return;
		for (f = 0; f < cs->nfk && cs->fk_att[f] != att; f++)
			;
		if (f == cs->nfk)
			cs->fk_att[cs->nfk++] = att;
		cs->var_fk[a] = f;
	}
	for (f = 0; f < cs->nfk; f++)
		if (!parent_scores(s, cs, f, mc))
			return;
	pp = palloc(sizeof(double) * mc->nvars * mc->nvars);
	pc = palloc(sizeof(double) * mc->nvars * D);
	memcpy(pp, mc->pp, sizeof(double) * mc->nvars * mc->nvars);
	memcpy(pc, mc->pc, sizeof(double) * mc->nvars * D);
	cs->B = palloc(sizeof(double) * D * mc->nvars);
	L = palloc(sizeof(double) * D * D);
	if (!conditional_factor(mc->nvars, D, pp, pc, s->L, cs->B, L))
		return;
	sampler_set_factor(s, L);
	s->pcond = cs;
}

/*
 * Per row, after z = L e: the row's parents (drawn now, taken by the
 * foreign-key columns later in the row), and z += B w.
 */
void
roles_condition_apply(Sampler *s, int64 row)
{
	CondSampler *cs = s->pcond;
	int			D = s->m->ndims,
				a,
				d;
	int64		parent[COND_MAX_VARS];

	for (a = 0; a < cs->nfk; a++)
		parent[a] = roles_predraw_parent(s, &s->tc[cs->fk_att[a]], row);
	for (a = 0; a < cs->nvars; a++)
	{
		double		w = cs->w[a][parent[cs->var_fk[a]]];

		for (d = 0; d < D; d++)
			s->z[d] += cs->B[d * cs->nvars + a] * w;
	}
}
