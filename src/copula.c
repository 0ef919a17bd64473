/*-------------------------------------------------------------------------
 *
 * copula.c
 *		The dependence of a model: category orders, latent correlations
 *		(Pearson, polyserial, polychoric), category parents, conditional
 *		marginals, NULL parents and NULL blocks, from pass 2's sums.
 *
 * Engine code over the fit state's sums and the model: no SPI and no
 * fmgr calls.
 *
 * Layer: cloning's statistics.  Must not run SPI nor define SQL-callable
 * functions: it works in memory on the model and the fit's states.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/copula.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

/*
 * A child dimension that stands for its rank within the category of a
 * parent dimension: its correlations with the other dimensions become the
 * semipartial correlations given the parent, r(c,o | p) = (r_co - r_cp r_po)
 * / sqrt(1 - r_cp^2), kept inside (-0.995, 0.995), and it is made
 * uncorrelated with the parent itself.  A parent that all but determines
 * the child (1 - r_cp^2 below RANK_RESIDUAL_MIN) leaves a rank of noise:
 * the formula then divides the estimates' error by almost nothing, and
 * read a NULL-ness that a category decides as tied (0.995) to another
 * column's NULL-ness that was independent of it; such a rank is
 * uncorrelated with every dimension.
 */
#define RANK_RESIDUAL_MIN 0.05

void
rank_within_parent(double *R, int D, int child, int parent)
{
	double		rcp = R[child * D + parent],
				rest = 1 - rcp * rcp,
				sq = sqrt(Max(1e-6, rest));
	int			o;

	for (o = 0; o < D; o++)
	{
		double		v = 0;

		if (o == child || o == parent)
			continue;
		if (rest >= RANK_RESIDUAL_MIN)
		{
			v = (R[child * D + o] - rcp * R[parent * D + o]) / sq;
			v = Max(-0.995, Min(0.995, v));
		}
		R[child * D + o] = R[o * D + child] = v;
	}
	R[child * D + parent] = R[parent * D + child] = 0;
}

/* ---- finalising: orders, latent correlations ---------------------------- */

static inline int64
pair_offset(const FitConfig *cfg, int a, int b)
{
	return cfg->offset[Min(a, b) * cfg->ndims + Max(a, b)];
}

/* count of (a = ca, b = cb) for two discrete dimensions a != b */
static inline double
pair_count(const FitConfig *cfg, const int128 *cells, int a, int ca, int b, int cb)
{
	if (a < b)
		return (double) cells[pair_offset(cfg, a, b) + (int64) ca * cfg->dim_ncat[b] + cb];
	return (double) cells[pair_offset(cfg, a, b) + (int64) cb * cfg->dim_ncat[a] + ca];
}

/* interval-mean scores of categories taken in the order perm[0..n-1] */
static void
order_scores(const double *counts, const int *perm, int n, double *score)
{
	double		total = 0,
				cum = 0,
				prev = -INFINITY;
	int			r;

	for (r = 0; r < n; r++)
		total += counts[r];
	for (r = 0; r < n; r++)
	{
		double		next;

		cum += counts[perm[r]];
		next = (r == n - 1 || total <= 0) ? INFINITY : sd_qnorm(Min(cum / total, 1.0));
		score[perm[r]] = sd_interval_mean(prev, next);
		prev = next;
	}
}

typedef struct ProjSort
{
	double		proj;
	int			idx;
	const ModelCat *cat;
} ProjSort;

static int
cmp_proj(const void *a, const void *b)
{
	const ProjSort *x = a,
			   *y = b;

	if (x->proj != y->proj)
		return (x->proj > y->proj) - (x->proj < y->proj);
	return cmp_cat_count_desc(x->cat, y->cat);
}

/*
 * How strongly a category changes a continuous column's distribution: the
 * bias-corrected Cramer's V (Bergsma, "A bias-correction for Cramer's V and
 * Tschuprow's T", J. Korean Stat. Soc. 42, 2013) of the category x U_BINS
 * slices-of-F(x) table, which the pass keeps for parents of at most
 * PARENT_CATEGORY_MAX categories: it sees a change of spread or shape as
 * well as of mean.
 */
static double
slice_association(const int128 *cell, int ncat)
{
	int			stride = dc_stride(ncat);
	double		N = 0,
				chi2 = 0,
				phi2,
				kr,
				kc,
				colsum[U_BINS];
	int			r,
				u,
				rows = 0,
				cols = 0;

	memset(colsum, 0, sizeof(colsum));
	for (r = 0; r < ncat; r++)
		for (u = 0; u < U_BINS; u++)
		{
			double		n = (double) cell[stride * r + 3 + 3 * u];

			colsum[u] += n;
			N += n;
		}
	if (N < 2)
		return 0;
	for (u = 0; u < U_BINS; u++)
		cols += colsum[u] > 0;
	for (r = 0; r < ncat; r++)
	{
		double		rowsum = 0;

		for (u = 0; u < U_BINS; u++)
			rowsum += (double) cell[stride * r + 3 + 3 * u];
		if (rowsum <= 0)
			continue;
		rows++;
		for (u = 0; u < U_BINS; u++)
		{
			double		e = rowsum * colsum[u] / N,
						n = (double) cell[stride * r + 3 + 3 * u];

			if (e > 0)
				chi2 += (n - e) * (n - e) / e;
		}
	}
	if (rows < 2 || cols < 2)
		return 0;
	phi2 = Max(0.0, chi2 / N - (double) (rows - 1) * (cols - 1) / (N - 1));
	kr = rows - (double) (rows - 1) * (rows - 1) / (N - 1);
	kc = cols - (double) (cols - 1) * (cols - 1) / (N - 1);
	if (Min(kr, kc) <= 1)
		return 0;
	return sqrt(phi2 / (Min(kr, kc) - 1));
}

/* what the stages of finalise_dependence share */
typedef struct DepFit
{
	Model	   *m;
	FitConfig  *cfg;
	FitState   *st;
	const int128 *cells;
	int			D;
	double	  **counts;			/* per dimension: category counts */
	int		  **perm;			/* ... category order */
	double	  **score;			/* ... scores of the categories in order */
	ModelCol  **dimcol;			/* ... its model column, or NULL */
	double	   *R;				/* latent correlations */
	bool		copula;
} DepFit;

/*
 * Marginal counts of each dimension and provisional category orders (by
 * frequency), with their scores.
 */
static void
dep_provisional_orders(DepFit *d)
{
	FitConfig  *cfg = d->cfg;
	const int128 *cells = d->cells;
	int			D = d->D;
	double	  **counts = d->counts;
	int		  **perm = d->perm;
	double	  **score = d->score;
	ModelCol  **dimcol = d->dimcol;
	int			a,
				c;

	/* marginal counts and provisional orders */
	for (a = 0; a < D; a++)
	{
		int			n = cfg->dim_ncat[a];

		if (n == 0)
			continue;
		counts[a] = palloc(sizeof(double) * n);
		perm[a] = palloc(sizeof(int) * n);
		score[a] = palloc(sizeof(double) * n);
		for (c = 0; c < n; c++)
		{
			counts[a][c] = (double) cells[cfg->offset[a * D + a] + c];
			perm[a][c] = c;
		}
		if (dimcol[a] && !dimcol[a]->numeric_cats)
		{
			/* provisional: by frequency */
			ProjSort   *ps = palloc(sizeof(ProjSort) * n);

			for (c = 0; c < n; c++)
			{
				ps[c].proj = 0;
				ps[c].idx = c;
				ps[c].cat = &dimcol[a]->cats[c];
			}
			qsort(ps, n, sizeof(ProjSort), cmp_proj);
			for (c = 0; c < n; c++)
				perm[a][c] = ps[c].idx;
			pfree(ps);
		}
		order_scores(counts[a], perm[a], n, score[a]);
	}
}

/*
 * Text categories ordered by the first principal component of their mean
 * scores on the other dimensions.
 */
static void
dep_pc_orders(DepFit *d)
{
	FitConfig  *cfg = d->cfg;
	const int128 *cells = d->cells;
	int			D = d->D;
	double	  **counts = d->counts;
	int		  **perm = d->perm;
	double	  **score = d->score;
	ModelCol  **dimcol = d->dimcol;
	int			a,
				b,
				c;

	/*
	 * Text categories: order by the first principal component of their mean
	 * scores on every other dimension (weighted by the category counts).
	 */
	for (a = 0; a < D; a++)
	{
		int			n = cfg->dim_ncat[a];
		int			nf = D - 1,
					f;
		double	   *feat,
				   *mean,
				   *cov,
				   *val,
				   *vec,
					wsum = 0;
		ProjSort   *ps;
		int			best = 0;

		if (n < 3 || dimcol[a] == NULL || dimcol[a]->numeric_cats || nf == 0)
			continue;
		feat = palloc0(sizeof(double) * n * nf);
		mean = palloc0(sizeof(double) * nf);
		f = 0;
		for (b = 0; b < D; b++)
		{
			double		fm = 0,
						fw = 0;

			if (b == a)
				continue;
			for (c = 0; c < n; c++)
			{
				double		num = 0,
							den = 0;

				if (cfg->dim_ncat[b] == 0)
				{
					const int128 *cell = cells + pair_offset(cfg, a, b) +
						(int64) dc_stride(n) * c;

					den = (double) cell[0];
					num = (double) cell[1] / FIXED_SCALE;
				}
				else
				{
					int			cb;

					for (cb = 0; cb < cfg->dim_ncat[b]; cb++)
					{
						double		cnt = pair_count(cfg, cells, a, c, b, cb);

						den += cnt;
						num += cnt * score[b][cb];
					}
				}
				feat[c * nf + f] = den > 0 ? num / den : NAN;
				if (den > 0)
				{
					fm += counts[a][c] * feat[c * nf + f];
					fw += counts[a][c];
				}
			}
			mean[f] = fw > 0 ? fm / fw : 0;
			for (c = 0; c < n; c++)
				if (isnan(feat[c * nf + f]))
					feat[c * nf + f] = mean[f];
			f++;
		}
		cov = palloc0(sizeof(double) * nf * nf);
		for (c = 0; c < n; c++)
		{
			int			g;

			wsum += counts[a][c];
			for (f = 0; f < nf; f++)
				for (g = 0; g < nf; g++)
					cov[f * nf + g] += counts[a][c] *
						(feat[c * nf + f] - mean[f]) * (feat[c * nf + g] - mean[g]);
		}
		val = palloc(sizeof(double) * nf);
		vec = palloc(sizeof(double) * nf * nf);
		sd_jacobi_eigen(cov, nf, val, vec);
		for (f = 1; f < nf; f++)
			if (val[f] > val[best])
				best = f;
		ps = palloc(sizeof(ProjSort) * n);
		for (c = 0; c < n; c++)
		{
			double		p = 0;

			for (f = 0; f < nf; f++)
				p += (feat[c * nf + f] - mean[f]) * vec[f * nf + best];
			/* round away eigenvector noise so near-ties break by the label */
			ps[c].proj = rint(p * 1e9);
			ps[c].idx = c;
			ps[c].cat = &dimcol[a]->cats[c];
		}
		if (val[best] > 1e-12)
		{
			qsort(ps, n, sizeof(ProjSort), cmp_proj);
			for (c = 0; c < n; c++)
				perm[a][c] = ps[c].idx;
			dimcol[a]->pc_order = true;
		}
		order_scores(counts[a], perm[a], n, score[a]);
	}
}

/*
 * The latent correlations of every pair of dimensions.
 */
static void
dep_latent_correlations(DepFit *d)
{
	FitConfig  *cfg = d->cfg;
	const int128 *cells = d->cells;
	int			D = d->D;
	int		  **perm = d->perm;
	double	  **score = d->score;
	double	   *R = d->R;
	bool		copula = d->copula;
	int			a,
				b,
				c;

	/* latent correlations */
	R = palloc0(sizeof(double) * Max(D * D, 1));
	for (a = 0; a < D; a++)
	{
		R[a * D + a] = 1;
		CHECK_FOR_INTERRUPTS();
		for (b = a + 1; b < D && copula; b++)
		{
			int			na = cfg->dim_ncat[a],
						nb = cfg->dim_ncat[b];
			const int128 *cell = cells + pair_offset(cfg, a, b);
			double		r = 0;

			CHECK_FOR_INTERRUPTS();

			if (na == 0 && nb == 0)
			{
				double		n = (double) cell[0];

				if (n >= 3)
				{
					double		sa = (double) cell[1] / FIXED_SCALE,
								sb = (double) cell[2] / FIXED_SCALE,
								saa = (double) cell[3] / (FIXED_SCALE * FIXED_SCALE),
								sbb = (double) cell[4] / (FIXED_SCALE * FIXED_SCALE),
								sab = (double) cell[5] / (FIXED_SCALE * FIXED_SCALE);
					double		va = n * saa - sa * sa,
								vb = n * sbb - sb * sb;

					if (va > 0 && vb > 0)
						r = (n * sab - sa * sb) / sqrt(va * vb);
				}
			}
			else if (na > 0 && nb > 0)
			{
				int64	   *t = palloc(sizeof(int64) * na * nb);
				int64		total = 0;
				int			ra,
							rb;

				for (ra = 0; ra < na; ra++)
					for (rb = 0; rb < nb; rb++)
					{
						t[ra * nb + rb] = (int64) pair_count(cfg, cells, a, perm[a][ra],
															 b, perm[b][rb]);
						total += t[ra * nb + rb];
					}
				if (total >= 10)
					r = sd_polychoric_capped(t, na, nb, POLYCHORIC_CATEGORY_MAX);
				pfree(t);
			}
			else
			{
				/* polyserial: E[z | category] = rho * score(category) */
				int			d = na > 0 ? a : b;
				int			n = na > 0 ? na : nb;
				double		N = 0,
							ss = 0,
							s2 = 0,
							sz = 0,
							szz = 0,
							ssz = 0;

				for (c = 0; c < n; c++)
				{
					int			stride = dc_stride(n);
					double		cn = (double) cell[stride * c],
								cz = (double) cell[stride * c + 1] / FIXED_SCALE,
								czz = (double) cell[stride * c + 2] / (FIXED_SCALE * FIXED_SCALE);

					N += cn;
					ss += cn * score[d][c];
					s2 += cn * score[d][c] * score[d][c];
					sz += cz;
					szz += czz;
					ssz += score[d][c] * cz;
				}
				if (N >= 3)
				{
					double		vs = s2 / N - (ss / N) * (ss / N),
								vz = szz / N - (sz / N) * (sz / N),
								cv = ssz / N - (ss / N) * (sz / N);

					if (vs > 1e-9 && vz > 1e-9)
						r = cv / (vs * sqrt(vz));
				}
			}
			r = Max(-0.995, Min(0.995, r));
			R[a * D + b] = R[b * D + a] = r;
		}
	}
	d->R = R;
}

/*
 * Conditional categories: each categorical column's category parent.
 */
static void
dep_category_parents(DepFit *d)
{
	Model	   *m = d->m;
	FitConfig  *cfg = d->cfg;
	const int128 *cells = d->cells;
	int			D = d->D;
	int		  **perm = d->perm;
	double	   *R = d->R;
	bool		copula = d->copula;
	int			c,
				i;

	/*
	 * Conditional categories: a categorical column that a categorical column
	 * of at most PARENT_CATEGORY_MAX categories determines strongly (Theil's
	 * uncertainty coefficient U(child | parent) = 1 - H(child | parent) /
	 * H(child) >= CAT_U_MIN; Theil 1970, On the estimation of relationships
	 * involving qualitative variables, Am. J. Sociology 76) is drawn from
	 * P(child | parent category), so structural categories shared across
	 * columns stay together.  Its dimension then stands for the rank within
	 * the parent's category.  A parent is never a child itself (no chains).
	 * Privacy: a (parent category, child category) cell of fewer than k rows
	 * is never emitted; a parent category without any such cell keeps the
	 * child's marginal.
	 */
	if (copula)
	{
		bool	   *is_child = palloc0(sizeof(bool) * Max(m->ncols, 1));
		bool	   *is_parent = palloc0(sizeof(bool) * Max(m->ncols, 1));

		for (i = 0; i < m->ncols; i++)
		{
			ModelCol   *col = &m->cols[i];
			int			cd = col->value_dim,
						best = -1,
						j;
			double		best_u = CAT_U_MIN;

			if (col->kind != MK_CATEGORICAL || cd < 0 || col->ncat < 2 || is_parent[i])
				continue;
			for (j = 0; j < m->ncols; j++)
			{
				ModelCol   *par = &m->cols[j];
				int			d = par->value_dim,
							r;
				double		N = 0,
							hc = 0,
							hcp = 0;

				if (j == i || par->kind != MK_CATEGORICAL || d < 0 || is_child[j] ||
					par->ncat > PARENT_CATEGORY_MAX || par->ncat < 2)
					continue;
				for (r = 0; r < par->ncat; r++)
					for (c = 0; c < col->ncat; c++)
						N += pair_count(cfg, cells, d, r, cd, c);
				if (N < 2 * m->k)
					continue;
				for (c = 0; c < col->ncat; c++)
				{
					double		nc = 0;

					for (r = 0; r < par->ncat; r++)
						nc += pair_count(cfg, cells, d, r, cd, c);
					if (nc > 0)
						hc -= nc / N * log(nc / N);
				}
				for (r = 0; r < par->ncat; r++)
				{
					double		nr = 0;

					for (c = 0; c < col->ncat; c++)
						nr += pair_count(cfg, cells, d, r, cd, c);
					for (c = 0; c < col->ncat; c++)
					{
						double		n = pair_count(cfg, cells, d, r, cd, c);

						if (n > 0)
							hcp -= n / N * log(n / nr);
					}
				}
				if (hc > 0 && 1 - hcp / hc > best_u)
				{
					best_u = 1 - hcp / hc;
					best = j;
				}
			}
			if (best >= 0)
			{
				ModelCol   *par = &m->cols[best];
				int			d = par->value_dim;
				int			r;

				is_child[i] = true;
				is_parent[best] = true;
				col->cat_parent = best;
				col->cat_u = best_u;
				/* in pass-2 order of the child: sorted with the categories below */
				col->cat_cond = palloc0(sizeof(double) * par->ncat * col->ncat);
				for (r = 0; r < par->ncat; r++)
				{
					int			pr = perm[d][r];	/* final order -> pass-2 index */
					double	   *row = col->cat_cond + r * col->ncat;
					double		total = 0;

					for (c = 0; c < col->ncat; c++)
					{
						double		n = pair_count(cfg, cells, d, pr, cd, c);

						row[c] = n >= m->k ? n : 0;
						total += row[c];
					}
					for (c = 0; c < col->ncat; c++)
						row[c] = total > 0 ? row[c] / total : 0;
				}
				rank_within_parent(R, D, cd, d);
			}
		}

		/*
		 * Two children of one parent: independent given it (the partial
		 * correlation of ranks shaped by a structural category is no
		 * measure of anything left)
		 */
		for (i = 0; i < m->ncols; i++)
		{
			int			j;

			if (m->cols[i].cat_parent < 0)
				continue;
			for (j = i + 1; j < m->ncols; j++)
				if (m->cols[j].cat_parent == m->cols[i].cat_parent)
				{
					int			da = m->cols[i].value_dim,
								db = m->cols[j].value_dim;

					R[da * D + db] = R[db * D + da] = 0;
				}
		}
	}
}

/*
 * Conditional marginals: each continuous column's parent category.
 */
static void
dep_conditional_marginals(DepFit *d)
{
	Model	   *m = d->m;
	FitConfig  *cfg = d->cfg;
	const int128 *cells = d->cells;
	int		  **perm = d->perm;
	bool		copula = d->copula;
	int			c,
				i;

	/*
	 * Conditional marginals: a continuous column whose normal scores a
	 * categorical column explains well (correlation ratio eta^2 >= 0.3), or
	 * whose spread or shape it changes (slice_association >= 0.4, with
	 * enough rows), keeps its distribution per category of that parent, as
	 * the share of each of U_BINS slices of its marginal F(x).  Its copula
	 * dimension keeps its latent correlations; the sampler reads the rank
	 * within the parent's category from it (conditional_latent_cdf).
	 */
	if (copula)
	{
		for (i = 0; i < m->ncols; i++)
		{
			ModelCol   *col = &m->cols[i];
			int			bdim = col->value_dim,
						best = -1,
						j;
			double		best_eta = 0,
						best_v = 0,
						best_score = 0,
						eta2,
						v;

			if (col->kind != MK_CONTINUOUS || bdim < 0)
				continue;
			for (j = 0; j < m->ncols; j++)
			{
				ModelCol   *par = &m->cols[j];
				int			d = par->value_dim;
				const int128 *cell;
				double		N = 0,
							S = 0,
							SS = 0,
							between = 0,
							total;

				if (j == i || par->kind != MK_CATEGORICAL || d < 0 ||
					par->ncat > PARENT_CATEGORY_MAX || par->cat_parent >= 0)
					continue;
				cell = cells + pair_offset(cfg, d, bdim);
				for (c = 0; c < par->ncat; c++)
				{
					int			stride = dc_stride(par->ncat);
					double		cn = (double) cell[stride * c],
								cs = (double) cell[stride * c + 1] / FIXED_SCALE;

					N += cn;
					S += cs;
					SS += (double) cell[stride * c + 2] / (FIXED_SCALE * FIXED_SCALE);
					if (cn > 0)
						between += cs * cs / cn;
				}
				if (N < 2 * m->k)
					continue;
				total = SS - S * S / N;
				between -= S * S / N;
				eta2 = total > 0 ? between / total : 0;

				/*
				 * A parent that moves the column's mean (eta^2), or, with
				 * enough rows for the slices' table (5 per cell on
				 * average), its spread or shape (V over the slices)
				 */
				v = N >= 5.0 * par->ncat * U_BINS ? slice_association(cell, par->ncat) : 0;
				if ((eta2 >= ETA2_MIN || v >= SLICE_V_MIN) && Max(eta2, v) > best_score)
				{
					best_score = Max(eta2, v);
					best_eta = eta2;
					best_v = v;
					best = j;
				}
			}
			if (best >= 0)
			{
				ModelCol   *par = &m->cols[best];
				int			d = par->value_dim;
				const int128 *cell = cells + pair_offset(cfg, d, bdim);
				int			r;

				col->parent = best;
				col->eta2 = best_eta;
				col->slice_v = best_v;
				col->cond = palloc(sizeof(double) * par->ncat * U_BINS * 3);
				for (r = 0; r < par->ncat; r++)
				{
					int			oc = perm[d][r];	/* final order -> pass-2 index */
					const int128 *cc = cell + (int64) dc_stride(par->ncat) * oc;
					double		cn = (double) cc[0];
					int			u;

					for (u = 0; u < U_BINS; u++)
					{
						double	   *out = col->cond + (r * U_BINS + u) * 3;
						double		bn = (double) cc[3 + 3 * u],
									bs = (double) cc[3 + 3 * u + 1] / U_SCALE,
									bss = (double) cc[3 + 3 * u + 2] / (U_SCALE * U_SCALE);

						out[0] = cn >= m->k ? bn / cn : 1.0 / U_BINS;
						/* where the slice's values lie, from k rows or more */
						if (cn >= m->k && bn >= m->k)
						{
							out[1] = bs / bn;
							out[2] = sqrt(Max(0.0, bss / bn - out[1] * out[1]));
						}
						else
						{
							out[1] = (u + 0.5) / U_BINS;
							out[2] = 1.0 / U_BINS / sqrt(12.0);
						}
					}
				}

				/*
				 * The column keeps its own latent correlations, the one
				 * with the parent included: the sampler turns its latent
				 * into the rank within the parent's category given both.
				 */
			}
		}
	}
}

/*
 * Conditional NULL-ness: each nullable column's parent of NULL-ness.
 */
static void
dep_null_parents(DepFit *d)
{
	Model	   *m = d->m;
	FitConfig  *cfg = d->cfg;
	const int128 *cells = d->cells;
	int			D = d->D;
	int		  **perm = d->perm;
	double	   *R = d->R;
	bool		copula = d->copula;
	int			c,
				i;

	/*
	 * Conditional NULL-ness: a nullable column whose NULL state a categorical
	 * column (at most PARENT_CATEGORY_MAX categories) determines strongly
	 * (Cramer's V of the 2 x K contingency table >= NULL_V_MIN; Cramer 1946,
	 * Mathematical Methods of Statistics, 21.9) keeps P(NULL | category).
	 * Its NULL dimension then stands for the rank within the parent's
	 * category, as for conditional marginals.  Privacy: a category seen in
	 * fewer than k rows keeps the overall fraction; a (category, NULL) or
	 * (category, not NULL) cell of fewer than k rows is never emitted.
	 */
	if (copula)
	{
		for (i = 0; i < m->ncols; i++)
		{
			ModelCol   *col = &m->cols[i];
			int			ndim = col->null_dim,
						best = -1,
						j;
			double		best_v = NULL_V_MIN;

			if (ndim < 0)
				continue;
			/* NULL together with another column: the NULL block below keeps that */
			for (j = 0; j < m->ncols; j++)
			{
				int			o = m->cols[j].null_dim;

				if (j != i && o >= 0 && R[ndim * D + o] >= 0.99 &&
					(pair_count(cfg, cells, o, 0, ndim, 1) == 0 ||
					 pair_count(cfg, cells, o, 1, ndim, 0) == 0))
					break;
			}
			if (j < m->ncols)
				continue;
			for (j = 0; j < m->ncols; j++)
			{
				ModelCol   *par = &m->cols[j];
				int			d = par->value_dim;
				double		N = 0,
							nulls = 0,
							chi2 = 0;

				if (j == i || par->kind != MK_CATEGORICAL || d < 0 ||
					par->ncat > PARENT_CATEGORY_MAX || par->ncat < 2 ||
					par->cat_parent >= 0)
					continue;
				for (c = 0; c < par->ncat; c++)
				{
					N += pair_count(cfg, cells, d, c, ndim, 0) +
						pair_count(cfg, cells, d, c, ndim, 1);
					nulls += pair_count(cfg, cells, d, c, ndim, 1);
				}
				if (N < 2 * m->k || nulls <= 0 || nulls >= N)
					continue;
				for (c = 0; c < par->ncat; c++)
				{
					double		n1 = pair_count(cfg, cells, d, c, ndim, 1),
								n0 = pair_count(cfg, cells, d, c, ndim, 0),
								e1 = (n0 + n1) * nulls / N,
								e0 = (n0 + n1) * (N - nulls) / N;

					if (e1 > 0)
						chi2 += (n1 - e1) * (n1 - e1) / e1;
					if (e0 > 0)
						chi2 += (n0 - e0) * (n0 - e0) / e0;
				}
				if (sqrt(chi2 / N) > best_v)
				{
					best_v = sqrt(chi2 / N);
					best = j;
				}
			}
			if (best >= 0)
			{
				ModelCol   *par = &m->cols[best];
				int			d = par->value_dim;
				int			r;

				col->null_parent = best;
				col->null_v = best_v;
				col->null_cond = palloc(sizeof(double) * par->ncat);
				for (r = 0; r < par->ncat; r++)
				{
					int			oc = perm[d][r];	/* final order -> pass-2 index */
					double		n1 = pair_count(cfg, cells, d, oc, ndim, 1),
								n0 = pair_count(cfg, cells, d, oc, ndim, 0);

					if (n0 + n1 < m->k)
						col->null_cond[r] = col->null_fraction;
					else if (n1 < m->k)
						col->null_cond[r] = 0;
					else if (n0 < m->k)
						col->null_cond[r] = 1;
					else
						col->null_cond[r] = n1 / (n0 + n1);
				}
				rank_within_parent(R, D, ndim, d);
			}
		}
	}
}

/*
 * NULL blocks: columns NULL together share one latent dimension.
 */
static void
dep_null_blocks(DepFit *d)
{
	Model	   *m = d->m;
	FitConfig  *cfg = d->cfg;
	const int128 *cells = d->cells;
	int			D = d->D;
	double	   *R = d->R;
	bool		copula = d->copula;
	int			a,
				b,
				i;

	/*
	 * NULL blocks: columns that are NULL together (one NULL pattern nested in
	 * or equal to another, so the polychoric correlation sits at its bound)
	 * share one latent dimension; each column keeps its own threshold, so
	 * the nesting is reproduced exactly.
	 */
	if (copula && D > 1)
	{
		int		   *rep = palloc(sizeof(int) * D);
		int		   *newidx = palloc(sizeof(int) * D);
		bool	   *is_null_dim = palloc0(sizeof(bool) * D);
		int			nd = 0;

		/* a conditional NULL-ness keeps its own dimension */
		for (i = 0; i < m->ncols; i++)
			if (m->cols[i].null_dim >= 0 && m->cols[i].null_parent < 0)
				is_null_dim[m->cols[i].null_dim] = true;
		for (a = 0; a < D; a++)
		{
			rep[a] = a;
			if (!is_null_dim[a])
				continue;
			for (b = 0; b < a; b++)
			{
				double		n01,
							n10;

				if (!is_null_dim[b] || rep[b] != b || R[a * D + b] < 0.99)
					continue;
				n01 = pair_count(cfg, cells, b, 0, a, 1);
				n10 = pair_count(cfg, cells, b, 1, a, 0);
				if (n01 == 0 || n10 == 0)
				{
					rep[a] = b;
					break;
				}
			}
		}
		for (a = 0; a < D; a++)
			newidx[a] = rep[a] == a ? nd++ : -1;
		if (nd < D)
		{
			double	   *R2 = palloc(sizeof(double) * nd * nd);

			for (a = 0; a < D; a++)
				for (b = 0; b < D; b++)
					if (newidx[a] >= 0 && newidx[b] >= 0)
						R2[newidx[a] * nd + newidx[b]] = R[a * D + b];
			for (i = 0; i < m->ncols; i++)
			{
				if (m->cols[i].null_dim >= 0)
					m->cols[i].null_dim = newidx[rep[m->cols[i].null_dim]];
				if (m->cols[i].value_dim >= 0)
					m->cols[i].value_dim = newidx[m->cols[i].value_dim];
			}
			R = R2;
		}
		m->ndims = nd;
	}
	else
		m->ndims = D;
	d->R = R;
}

/*
 * Own NULL correlations cleared, the matrix made positive definite.
 */
static void
dep_repair(DepFit *d)
{
	Model	   *m = d->m;
	double	   *R = d->R;
	int			i;

	/*
	 * A column's value and its own NULL dimension (its block's, when it is
	 * NULL together with others) are never observed together: their
	 * correlation is not identified, and the degenerate table it was
	 * estimated from gives an arbitrary number, which would shift the
	 * column's values among its non-NULL rows away from their frequencies.
	 * The value dimension is independent of it.
	 */
	for (i = 0; i < m->ncols; i++)
	{
		int			vd = m->cols[i].value_dim,
					nd = m->cols[i].null_dim;

		if (vd >= 0 && nd >= 0)
			R[vd * m->ndims + nd] = R[nd * m->ndims + vd] = 0;
	}

	if (m->ndims > 1)
	{
		int			n = m->ndims;
		double	   *l = palloc(sizeof(double) * n * n);

		if (!sd_cholesky(R, n, l))
		{
			sd_nearest_correlation(R, n, 1e-9, 200);
			sd_make_positive_definite(R, n);
		}
		pfree(l);
	}
	m->corr = R;
}

/*
 * The categories in their final order.
 */
static void
dep_final_orders(DepFit *d)
{
	Model	   *m = d->m;
	int			D = d->D;
	int		  **perm = d->perm;
	ModelCol  **dimcol = d->dimcol;
	int			a,
				c;

	/* categories in their final order */
	for (a = 0; a < D; a++)
	{
		ModelCol   *col = dimcol[a];
		ModelCat   *sorted;

		if (col == NULL || col->kind != MK_CATEGORICAL)
			continue;
		sorted = palloc(sizeof(ModelCat) * col->ncat);
		for (c = 0; c < col->ncat; c++)
			sorted[c] = col->cats[perm[a][c]];
		col->cats = sorted;
		if (col->cat_parent >= 0)
		{
			int			np = m->cols[col->cat_parent].ncat,
						r;
			double	   *cond = palloc(sizeof(double) * np * col->ncat);

			for (r = 0; r < np; r++)
				for (c = 0; c < col->ncat; c++)
					cond[r * col->ncat + c] = col->cat_cond[r * col->ncat + perm[a][c]];
			col->cat_cond = cond;
		}
	}
}

/*
 * Finalises the dependence of a model from pass 2's sums, stage by stage.
 */
void
finalise_dependence(Model *m, FitConfig *cfg, FitState *st, bool copula)
{
	DepFit		d;
	int			D = cfg->ndims;
	int			i;

	d.m = m;
	d.cfg = cfg;
	d.st = st;
	d.cells = st->cells;
	d.D = D;
	d.counts = palloc0(sizeof(double *) * Max(D, 1));
	d.perm = palloc0(sizeof(int *) * Max(D, 1));
	d.score = palloc0(sizeof(double *) * Max(D, 1));
	d.dimcol = palloc0(sizeof(ModelCol *) * Max(D, 1));
	d.R = NULL;
	d.copula = copula;

	for (i = 0; i < m->ncols; i++)
		if (m->cols[i].value_dim >= 0)
			d.dimcol[m->cols[i].value_dim] = &m->cols[i];

	dep_provisional_orders(&d);
	dep_pc_orders(&d);
	dep_latent_correlations(&d);
	dep_category_parents(&d);
	dep_conditional_marginals(&d);
	dep_null_parents(&d);
	dep_null_blocks(&d);
	dep_repair(&d);
	dep_final_orders(&d);
}

