/*-------------------------------------------------------------------------
 *
 * impute_engine.c
 *		Imputation and augmentation math: column summaries, regression
 *		imputation by the normal equations, k-nearest-neighbour donor
 *		values and SMOTE interpolation.
 *
 * Regression imputation.  Every column becomes one or more variables:
 * a numeric column itself, a categorical column one 0/1 indicator per
 * category (the max_levels most frequent ones).  From all rows we gather
 * pairwise moments (each pair of variables over the rows where both are
 * observed: available-case analysis, Little & Rubin, "Statistical Analysis
 * with Missing Data", 2nd ed. 2002, section 3.4) and turn them into a
 * correlation matrix R.  A row whose set of observed variables is O gets
 * for each missing variable m the least-squares linear prediction from
 * its observed ones,
 *
 *		z_m = R_mO (R_OO + lambda I)^-1 z_O		(z: standardised values)
 *
 * i.e. the normal equations of the regression of m on O, with a small
 * ridge lambda (Hoerl & Kennard, Technometrics 12(1), 1970) that also
 * absorbs the exact collinearity of a full set of indicators.  For a
 * categorical column the predictions of its indicators are a linear
 * probability model; the category with the largest one is imputed (the
 * most probable class).  Rows are grouped by their pattern of missing
 * columns so that each pattern's system is solved once.
 *
 * SMOTE: Chawla, Bowyer, Hall and Kegelmeyer, "SMOTE: Synthetic Minority
 * Over-sampling Technique", JAIR 16, 2002: a new row lies on the segment
 * between a minority row and one of its k nearest same-class neighbours;
 * categorical values (SMOTE-NC, same paper, section 6.1) are taken from
 * the nearer endpoint of the segment.
 *
 * This file is engine code: plain C over plain structs, no Datums.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/impute_engine.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "distributions.h"
#include "impute_engine.h"
#include "model.h"

#define CELL(d, r, c)	((size_t) (r) * (d)->ncols + (c))

/* ---------------------------------------------------------------------
 * Column summaries
 * ---------------------------------------------------------------------
 */

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

void
sd_imp_stats(const SdImpData *d, int col, SdImpStats *st)
{
	int			r;

	memset(st, 0, sizeof(SdImpStats));
	if (d->categorical[col])
	{
		int			ncats = Max(d->ncats[col], 1);
		int			best = 0;
		int			c;

		st->counts = palloc0(sizeof(int) * ncats);
		for (r = 0; r < d->nrows; r++)
		{
			int			code;

			if (d->missing[CELL(d, r, col)])
				continue;
			code = (int) d->values[CELL(d, r, col)];
			Assert(code >= 0 && code < ncats);
			st->counts[code]++;
			st->nobs++;
		}
		for (c = 1; c < ncats; c++)
			if (st->counts[c] > st->counts[best])
				best = c;
		/* a categorical column's mean and median are its mode */
		st->mode = st->mean = st->median = best;
		st->min = 0;
		st->max = ncats - 1;
		return;
	}
	else
	{
		double	   *v = palloc(sizeof(double) * Max(d->nrows, 1));
		int			n = 0;
		double		mean = 0,
					m2 = 0;
		int			i,
					run,
					bestrun;

		for (r = 0; r < d->nrows; r++)
		{
			double		x,
						delta;

			if (d->missing[CELL(d, r, col)])
				continue;
			x = d->values[CELL(d, r, col)];
			v[n++] = x;
			/* Welford's update (Technometrics 4(3), 1962) */
			delta = x - mean;
			mean += delta / n;
			m2 += delta * (x - mean);
		}
		st->nobs = n;
		if (n == 0)
		{
			pfree(v);
			return;
		}
		st->mean = mean;
		st->sd = (n > 1) ? sqrt(m2 / (n - 1)) : 0.0;
		qsort(v, n, sizeof(double), cmp_double);
		st->min = v[0];
		st->max = v[n - 1];
		st->median = (n % 2) ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
		/* mode: longest run of equal values; the first (smallest) wins ties */
		st->mode = v[0];
		bestrun = 0;
		run = 0;
		for (i = 0; i < n; i++)
		{
			run = (i > 0 && v[i] == v[i - 1]) ? run + 1 : 1;
			if (run > bestrun)
			{
				bestrun = run;
				st->mode = v[i];
			}
		}
		pfree(v);
	}
}

/* ---------------------------------------------------------------------
 * Linear algebra
 * ---------------------------------------------------------------------
 */

/*
 * Solves A X = B by the Cholesky factorisation of model.h (Golub & Van
 * Loan, "Matrix Computations", 4th ed., algorithm 4.2.1) and forward and
 * back substitution.  a is n x n (the caller has added the ridge to its
 * diagonal; it is overwritten by the factor), b is n x m row-major
 * (overwritten by X).  Returns false if a is not numerically positive
 * definite.
 */
static bool
sd_imp_cholesky_solve(double *a, int n, double *b, int m)
{
	double	   *l = palloc(sizeof(double) * Max(n * n, 1));
	int			i,
				k,
				c;

	if (!sd_cholesky(a, n, l))
	{
		pfree(l);
		return false;
	}
	for (c = 0; c < m; c++)
	{
		/* forward: L y = b */
		for (i = 0; i < n; i++)
		{
			double		t = b[i * m + c];

			for (k = 0; k < i; k++)
				t -= l[i * n + k] * b[k * m + c];
			b[i * m + c] = t / l[i * n + i];
		}
		/* backward: L' x = y */
		for (i = n - 1; i >= 0; i--)
		{
			double		t = b[i * m + c];

			for (k = i + 1; k < n; k++)
				t -= l[k * n + i] * b[k * m + c];
			b[i * m + c] = t / l[i * n + i];
		}
	}
	pfree(l);
	return true;
}

/* ---------------------------------------------------------------------
 * Regression imputation
 * ---------------------------------------------------------------------
 */

typedef struct RegVar
{
	int			col;
	int			level;			/* category code; -1 for a numeric column */
	double		mean;
	double		sd;
} RegVar;

/* sort context for grouping rows by missing pattern */
static const SdImpData *pattern_data;

static int
cmp_pattern(const void *a, const void *b)
{
	int			ra = *(const int *) a;
	int			rb = *(const int *) b;
	int			c = memcmp(pattern_data->missing + CELL(pattern_data, ra, 0),
						   pattern_data->missing + CELL(pattern_data, rb, 0),
						   sizeof(bool) * pattern_data->ncols);

	if (c != 0)
		return c;
	return (ra > rb) - (ra < rb);
}

static inline double
var_value(const SdImpData *d, const RegVar *v, int row)
{
	double		x = d->values[CELL(d, row, v->col)];

	if (v->level < 0)
		return x;
	return ((int) x == v->level) ? 1.0 : 0.0;
}

/* the category codes of col by decreasing count (ties: smaller code) */
static int
top_levels(const SdImpData *d, int col, int max_levels, int *levels)
{
	SdImpStats st;
	int			ncats = Max(d->ncats[col], 1);
	int			n = 0;
	int			i;

	sd_imp_stats(d, col, &st);
	for (i = 0; i < ncats; i++)
	{
		int			j;

		if (st.counts[i] == 0)
			continue;
		/* full, and no more frequent than the last kept level: drop it */
		if (n == max_levels && st.counts[levels[n - 1]] >= st.counts[i])
			continue;
		/* insertion into the sorted prefix (the last one falls off if full) */
		j = (n < max_levels) ? n++ : n - 1;
		for (; j > 0 && st.counts[levels[j - 1]] < st.counts[i]; j--)
			levels[j] = levels[j - 1];
		levels[j] = i;
	}
	pfree(st.counts);
	return n;
}

/*
 * Steps 2 and 3 of sd_imp_regression: each variable's mean and standard
 * deviation (into vars) and the nv x nv matrix of pairwise correlations,
 * each over the rows where both variables are observed (0 where fewer than
 * 3 rows or a constant variable).
 */
static double *
reg_correlations(const SdImpData *d, RegVar *vars, int nv)
{
	double	   *pn,
			   *psa,
			   *psaa,
			   *psab,
			   *corr;
	int		   *obs;
	double	   *x;
	int			r,
				i,
				j;

	/* pairwise moments over the rows where both variables are observed */
	pn = palloc0(sizeof(double) * Max(nv * nv, 1));
	psa = palloc0(sizeof(double) * Max(nv * nv, 1));
	psaa = palloc0(sizeof(double) * Max(nv * nv, 1));
	psab = palloc0(sizeof(double) * Max(nv * nv, 1));
	obs = palloc(sizeof(int) * Max(nv, 1));
	x = palloc(sizeof(double) * Max(nv, 1));
	for (r = 0; r < d->nrows; r++)
	{
		int			no = 0;

		if ((r & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		for (i = 0; i < nv; i++)
		{
			if (d->missing[CELL(d, r, vars[i].col)])
				continue;
			obs[no] = i;
			x[no] = var_value(d, &vars[i], r);
			no++;
		}
		for (i = 0; i < no; i++)
		{
			int			a = obs[i];

			for (j = 0; j < no; j++)
			{
				int			b = obs[j];
				size_t		ab = (size_t) a * nv + b;

				pn[ab] += 1;
				psa[ab] += x[i];
				psaa[ab] += x[i] * x[i];
				psab[ab] += x[i] * x[j];
			}
		}
	}

	/* marginal means and standard deviations, pairwise correlations */
	for (i = 0; i < nv; i++)
	{
		size_t		ii = (size_t) i * nv + i;
		double		n = pn[ii];

		vars[i].mean = (n > 0) ? psa[ii] / n : 0.0;
		vars[i].sd = (n > 1) ? sqrt(Max(psaa[ii] - psa[ii] * psa[ii] / n, 0.0) / (n - 1)) : 0.0;
	}
	corr = palloc0(sizeof(double) * Max(nv * nv, 1));
	for (i = 0; i < nv; i++)
	{
		for (j = 0; j < nv; j++)
		{
			size_t		ij = (size_t) i * nv + j;
			size_t		ji = (size_t) j * nv + i;
			double		n = pn[ij];
			double		vi,
						vj,
						cov;

			if (i == j)
			{
				corr[ij] = 1.0;
				continue;
			}
			if (n < 3)
				continue;
			vi = psaa[ij] - psa[ij] * psa[ij] / n;
			vj = psaa[ji] - psa[ji] * psa[ji] / n;
			cov = psab[ij] - psa[ij] * psa[ji] / n;
			if (vi > 0 && vj > 0)
			{
				double		rho = cov / sqrt(vi * vj);

				corr[ij] = Max(Min(rho, 1.0), -1.0);
			}
		}
	}

	return corr;
}

/*
 * Step 5 of sd_imp_regression: for each pattern of missing columns among
 * rows (nrows_t row numbers, grouped by pattern), one ridge least-squares
 * system B = (R_OO + lambda I)^-1 R_Om on the correlations, and each row's
 * prediction of its missing target cells into out.
 */
static void
reg_impute_patterns(const SdImpData *d, const bool *target, double ridge,
					const RegVar *vars, int nv, const int *first,
					const int *count, const double *corr, const int *rows,
					int nrows_t, double *out)
{
	int			ncols = d->ncols;
	int			i,
				j,
				c;
	int		   *o = palloc(sizeof(int) * Max(nv, 1));
	int		   *m = palloc(sizeof(int) * Max(nv, 1));
	double	   *a = palloc(sizeof(double) * Max(nv * nv, 1));
	double	   *b = palloc(sizeof(double) * Max(nv * nv, 1));
	double	   *pred = palloc(sizeof(double) * Max(nv, 1));
	double	   *z = palloc(sizeof(double) * Max(nv, 1));
	int			g = 0;

	while (g < nrows_t)
	{
		int			g_end = g + 1;
		const bool *pat = d->missing + CELL(d, rows[g], 0);
		int			no = 0,
					nm = 0,
					k;
		double		lambda = ridge;

		CHECK_FOR_INTERRUPTS();
		while (g_end < nrows_t &&
			   memcmp(pat, d->missing + CELL(d, rows[g_end], 0),
					  sizeof(bool) * ncols) == 0)
			g_end++;

		for (i = 0; i < nv; i++)
		{
			if (!(vars[i].sd > 0))
				continue;
			if (!pat[vars[i].col])
				o[no++] = i;
			else if (target[vars[i].col])
				m[nm++] = i;
		}

		/* B = (R_OO + lambda I)^-1 R_Om; grow lambda until it solves */
		if (no > 0 && nm > 0)
		{
			for (;;)
			{
				for (i = 0; i < no; i++)
				{
					for (j = 0; j < no; j++)
						a[i * no + j] = corr[(size_t) o[i] * nv + o[j]];
					a[i * no + i] += lambda;
					for (j = 0; j < nm; j++)
						b[i * nm + j] = corr[(size_t) o[i] * nv + m[j]];
				}
				if (sd_imp_cholesky_solve(a, no, b, nm))
					break;
				lambda = Max(lambda * 10, 1e-6);
				if (lambda > 1e6)
				{
					/* cannot happen for a finite matrix: fall back to means */
					memset(b, 0, sizeof(double) * no * nm);
					break;
				}
			}
		}

		for (k = g; k < g_end; k++)
		{
			int			row = rows[k];

			for (i = 0; i < no; i++)
				z[i] = (var_value(d, &vars[o[i]], row) - vars[o[i]].mean) / vars[o[i]].sd;
			for (i = 0; i < nv; i++)
				pred[i] = vars[i].mean;
			for (j = 0; j < nm; j++)
			{
				double		s = 0;

				for (i = 0; i < no; i++)
					s += b[i * nm + j] * z[i];
				pred[m[j]] = vars[m[j]].mean + vars[m[j]].sd * s;
			}

			for (c = 0; c < ncols; c++)
			{
				if (!target[c] || !pat[c] || count[c] == 0)
					continue;
				if (!d->categorical[c])
					out[CELL(d, row, c)] = pred[first[c]];
				else
				{
					/* the most probable category; the first is the mode */
					int			best = first[c];

					for (i = first[c] + 1; i < first[c] + count[c]; i++)
						if (pred[i] > pred[best])
							best = i;
					out[CELL(d, row, c)] = vars[best].level;
				}
			}
		}
		g = g_end;
	}
}

void
sd_imp_regression(const SdImpData *d, const bool *target, double ridge,
				  int max_levels, double *out)
{
	int			ncols = d->ncols;
	RegVar	   *vars;
	int			nv = 0;
	int		   *first;			/* per column: first variable */
	int		   *count;			/* per column: number of variables */
	double	   *corr;
	int		   *rows;
	int			nrows_t = 0;
	int			r,
				i,
				c;
	int		   *levels = palloc(sizeof(int) * Max(max_levels, 1));

	/* 1. the variables */
	first = palloc(sizeof(int) * ncols);
	count = palloc0(sizeof(int) * ncols);
	vars = palloc(sizeof(RegVar) * ((size_t) ncols * Max(max_levels, 1) + 1));
	for (c = 0; c < ncols; c++)
	{
		first[c] = nv;
		if (d->categorical[c])
		{
			int			nl = top_levels(d, c, max_levels, levels);

			for (i = 0; i < nl; i++)
			{
				vars[nv].col = c;
				vars[nv].level = levels[i];
				nv++;
			}
		}
		else
		{
			vars[nv].col = c;
			vars[nv].level = -1;
			nv++;
		}
		count[c] = nv - first[c];
	}

	/* 2, 3. moments and correlations */
	corr = reg_correlations(d, vars, nv);

	/* 4. the rows to impute, grouped by their pattern of missing columns */
	rows = palloc(sizeof(int) * Max(d->nrows, 1));
	for (r = 0; r < d->nrows; r++)
	{
		for (c = 0; c < ncols; c++)
			if (target[c] && d->missing[CELL(d, r, c)])
			{
				rows[nrows_t++] = r;
				break;
			}
	}
	pattern_data = d;
	qsort(rows, nrows_t, sizeof(int), cmp_pattern);
	pattern_data = NULL;

	/* 5. one least-squares system per pattern */
	reg_impute_patterns(d, target, ridge, vars, nv, first, count, corr,
						rows, nrows_t, out);
}

/* ---------------------------------------------------------------------
 * k nearest neighbours and SMOTE
 * ---------------------------------------------------------------------
 */

double
sd_imp_knn_value(const SdImpData *d, int col, const int *rows, int n)
{
	int			i;

	Assert(n > 0);
	if (!d->categorical[col])
	{
		double		s = 0;

		for (i = 0; i < n; i++)
			s += d->values[CELL(d, rows[i], col)];
		return s / n;
	}
	else
	{
		/* majority vote; among tied codes the nearest donor's wins */
		int			best = -1,
					bestcount = 0;

		for (i = 0; i < n; i++)
		{
			double		v = d->values[CELL(d, rows[i], col)];
			int			cnt = 0,
						j;

			for (j = 0; j < n; j++)
				if (d->values[CELL(d, rows[j], col)] == v)
					cnt++;
			if (cnt > bestcount)
			{
				bestcount = cnt;
				best = i;
			}
		}
		return d->values[CELL(d, rows[best], col)];
	}
}

void
sd_imp_smote_row(const SdImpData *d, int x, int y, double u, double *out,
				 bool *outmissing)
{
	int			c;

	for (c = 0; c < d->ncols; c++)
	{
		bool		xm = d->missing[CELL(d, x, c)];
		bool		ym = d->missing[CELL(d, y, c)];
		double		xv = d->values[CELL(d, x, c)];
		double		yv = d->values[CELL(d, y, c)];

		/* a missing value stays missing; the neighbour cannot supply it */
		outmissing[c] = xm;
		if (xm)
			out[c] = 0;
		else if (ym)
			out[c] = xv;
		else if (d->categorical[c])
			out[c] = (u < 0.5) ? xv : yv;
		else
			out[c] = xv + u * (yv - xv);
	}
}

int
sd_imp_cmp_ranked(const void *a, const void *b)
{
	const SdImpRanked *x = a;
	const SdImpRanked *y = b;

	if (x->v != y->v)
		return (x->v > y->v) - (x->v < y->v);
	return (x->row > y->row) - (x->row < y->row);
}

/* ---------------------------------------------------------------------
 * The conditional Gaussian of a copula (imputation by the model)
 * ---------------------------------------------------------------------
 */

/*
 * Prepares the conditional distribution of the dimensions not marked
 * observed given those that are, for the correlation matrix corr (ndims x
 * ndims): R_OO (with a small ridge, grown until it factors) is inverted
 * once per pattern of observed dimensions, so rows sharing a pattern share
 * the work.  Allocated in the current memory context.
 */
void
sd_imp_condgauss_init(SdCondGauss *g, const double *corr, int ndims,
					  const bool *observed)
{
	int			D = ndims;
	int			no = 0,
				nm = 0;
	int			i,
				j,
				k;
	double	   *a,
			   *c;
	double		ridge;

	g->ndims = D;
	g->obs = palloc(sizeof(int) * Max(D, 1));
	g->mis = palloc(sizeof(int) * Max(D, 1));
	for (i = 0; i < D; i++)
	{
		if (observed[i])
			g->obs[no++] = i;
		else
			g->mis[nm++] = i;
	}
	g->no = no;
	g->nm = nm;
	g->Q = palloc0(sizeof(double) * Max(no * no, 1));
	g->B = palloc0(sizeof(double) * Max(nm * no, 1));
	g->Lc = palloc0(sizeof(double) * Max(nm * nm, 1));
	g->zo = palloc0(sizeof(double) * Max(no, 1));
	a = palloc(sizeof(double) * Max(no * no, 1));

	/* Q = (R_OO + ridge I)^-1 */
	for (ridge = 1e-2;; ridge *= 10)
	{
		for (i = 0; i < no; i++)
			for (j = 0; j < no; j++)
			{
				a[i * no + j] = corr[g->obs[i] * D + g->obs[j]] + (i == j ? ridge : 0);
				g->Q[i * no + j] = i == j ? 1 : 0;
			}
		if (no == 0 || sd_imp_cholesky_solve(a, no, g->Q, no) || ridge > 1)
			break;
	}

	/* B = R_MO Q */
	for (i = 0; i < nm; i++)
		for (j = 0; j < no; j++)
		{
			double		t = 0;

			for (k = 0; k < no; k++)
				t += corr[g->mis[i] * D + g->obs[k]] * g->Q[k * no + j];
			g->B[i * no + j] = t;
		}

	/* Lc Lc' = R_MM - B R_OM */
	c = palloc(sizeof(double) * Max(nm * nm, 1));
	for (ridge = 1e-8;; ridge *= 10)
	{
		for (i = 0; i < nm; i++)
			for (j = 0; j < nm; j++)
			{
				double		t = corr[g->mis[i] * D + g->mis[j]];

				for (k = 0; k < no; k++)
					t -= g->B[i * no + k] * corr[g->obs[k] * D + g->mis[j]];
				c[i * nm + j] = t + (i == j ? ridge : 0);
			}
		if (nm == 0 || sd_cholesky(c, nm, g->Lc))
			break;
		if (ridge > 1)
		{
			/* cannot happen for a correlation matrix: no spread at all */
			memset(g->Lc, 0, sizeof(double) * nm * nm);
			break;
		}
	}
	pfree(a);
	pfree(c);
}

/*
 * A draw (or the mean) of a standard normal N(mu, sigma^2) truncated to
 * [lo, hi], by inversion of the normal distribution function on the side
 * of the mean where it is accurate.
 */
static double
truncated_normal(double mu, double sigma, double lo, double hi, bool draw,
				 SdRng *rng)
{
	double		a = (lo - mu) / sigma,
				b = (hi - mu) / sigma;
	double		flip = 1,
				pa,
				pb,
				x;

	if (!draw)
		return mu + sigma * sd_interval_mean(a, b);
	if (a > 0)
	{
		double		t = a;

		a = -b;
		b = -t;
		flip = -1;
	}
	pa = sd_pnorm(a);
	pb = sd_pnorm(b);
	if (!(pb - pa > 1e-300))
		x = isinf(b) ? a : b;	/* all the mass at the near end */
	else
	{
		x = sd_qnorm(pa + (pb - pa) * sd_rng_uniform(rng));
		x = Max(a, Min(b, x));
	}
	return mu + sigma * flip * x;
}

/*
 * One row: lo/hi (ndims) bound each observed dimension's latent value
 * (lo == hi: known exactly; else an interval, possibly half-infinite).
 * The interval coordinates are visited "sweeps" times, each drawn from its
 * truncated conditional given all the other observed coordinates (a Gibbs
 * sampler: Hoff, "Extending the rank likelihood for semiparametric copula
 * estimation", Ann. Appl. Stat. 1(1), 2007), or set to that truncated
 * conditional's mean when not draw.  Then the other dimensions get
 * B z_O (their conditional mean, also written to mean when not NULL) plus,
 * when draw, Lc e for standard normal e: a draw of the conditional
 * Gaussian (Zhao and Udell, "Missing value imputation for mixed data via
 * Gaussian copula", KDD 2020).  z (ndims) receives the whole vector.
 */
void
sd_imp_condgauss_row(const SdCondGauss *g, const double *lo, const double *hi,
					 bool draw, int sweeps, SdRng *rng, double *z, double *mean)
{
	int			no = g->no,
				nm = g->nm;
	double	   *zo = g->zo;
	bool		any_interval = false;
	int			i,
				k,
				sweep;

	for (i = 0; i < no; i++)
	{
		int			d = g->obs[i];

		if (lo[d] == hi[d])
			zo[i] = lo[d];
		else
		{
			zo[i] = sd_interval_mean(lo[d], hi[d]);
			any_interval = true;
		}
	}
	for (sweep = 0; any_interval && sweep < sweeps; sweep++)
		for (i = 0; i < no; i++)
		{
			int			d = g->obs[i];
			double		qii = g->Q[i * no + i],
						t = 0;

			if (lo[d] == hi[d])
				continue;
			for (k = 0; k < no; k++)
				if (k != i)
					t += g->Q[i * no + k] * zo[k];
			zo[i] = truncated_normal(-t / qii, 1 / sqrt(qii), lo[d], hi[d], draw, rng);
		}
	for (i = 0; i < no; i++)
		z[g->obs[i]] = zo[i];
	for (i = 0; i < nm; i++)
	{
		double		t = 0;

		for (k = 0; k < no; k++)
			t += g->B[i * no + k] * zo[k];
		z[g->mis[i]] = t;
		if (mean != NULL)
			mean[g->mis[i]] = t;
	}
	if (draw)
	{
		double		e[64];
		double	   *ev = nm <= 64 ? e : palloc(sizeof(double) * nm);

		for (i = 0; i < nm; i++)
			ev[i] = sd_draw_normal(rng);
		for (i = 0; i < nm; i++)
		{
			double		t = 0;

			for (k = 0; k <= i; k++)
				t += g->Lc[i * nm + k] * ev[k];
			z[g->mis[i]] += t;
		}
		if (ev != e)
			pfree(ev);
	}
}
