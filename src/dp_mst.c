/*-------------------------------------------------------------------------
 *
 * dp_mst.c
 *		The dependence of a differentially private model by MST: a private
 *		maximum spanning tree of noisy 2-way marginals, and rows drawn by
 *		walking it.
 *
 * After McKenna, Miklau and Sheldon, "Winning the NIST Contest: A scalable
 * and general approach to differentially private synthetic data", Journal
 * of Privacy and Confidentiality 11(3), 2021 (MST):
 *
 *	1-way marginals		the released marginals of dp_fit.c (5/8 of rho with
 *						the row count; the paper gives them a third, see
 *						dp_plan); each modelled column becomes an
 *						attribute whose cells are slices of its released
 *						marginal (equal shares of a number's, its categories,
 *						the rarest merged past a cap), plus a NULL cell --
 *						post-processing, as MST's domain compression is;
 *	selection			1/8 of rho: r - 1 rounds of the exponential
 *						mechanism (eps = sqrt(8 rho_s / (r - 1)) each) over the
 *						pairs joining two components of the forest so far
 *						(Kruskal's order), a pair's utility the L1 distance
 *						between its true 2-way counts and the estimate from
 *						the 1-way marginals alone (the product of the
 *						released shares times the noisy row count), of
 *						sensitivity max_rows_per_person;
 *	2-way marginals		1/4 of rho: each selected pair's table of counts
 *						plus N(0, sigma^2) per cell, that rho split evenly
 *						over the r - 1 tables (L2 sensitivity
 *						max_rows_per_person).
 *
 * MST then fits a graphical model with Private-PGM (McKenna, Sheldon and
 * Miklau, "Graphical-model based estimation and inference for differential
 * privacy", ICML 2019).  For a tree the model is P(root) times
 * P(child | parent) along the edges (Chow and Liu, IEEE Trans. Inf. Theory
 * 14(3), 1968), so a consistent projection is enough here: each noisy
 * table is projected onto the non-negative tables of the noisy row count
 * (least squares, the loss Private-PGM minimises) and fitted to the two
 * released 1-way marginals by
 * iterative proportional fitting (Deming and Stephan, Ann. Math. Statist.
 * 11(4), 1940), which is the I-projection onto the tables with those
 * margins (Csiszar, Ann. Probab. 3(1), 1975).  Every node's marginal then
 * is its released 1-way marginal, whatever the path to it.  (Private-PGM
 * would also pool the 2-way tables' sums into the 1-way estimates; this
 * does not.)  All of it is post-processing of the releases.
 *
 * Sampling walks the tree from the root: each attribute's cell from its
 * parent's row of the conditional table; the cell becomes the column's
 * latent coordinates (NULL or not, and a uniform rank within the cell's
 * slice of the marginal), which the sampler maps to values as it maps the
 * copula's, so a number is drawn from the released marginal within its
 * cell.
 *
 * Layer: cloning's statistics.  Must not run SPI nor define SQL-callable
 * functions: it works in memory on the model and the fit's states.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/dp_mst.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "dp_int.h"

#define MST_CELLS_MAX 32		/* value cells of an attribute */
#define MST_CATS_MIN 8			/* a categorical attribute keeps this many cells */
#define MST_MODEL_CELLS_MAX 256 /* cells a model's attribute may have */
#define MST_COUNTERS_MAX (1 << 24)	/* counters of all pairs' tables */
#define MST_IPF_ITER 200
#define MST_NULL_Z 8.0			/* latent coordinate of NULL / not NULL */

typedef struct SdMstAttr
{
	int			col;			/* model column */
	int			nvalue;			/* value cells (1: no value dimension) */
	bool		null_cell;		/* the last cell is NULL */
	int			ncells;
	double	   *bounds;			/* nvalue + 1 bounds of the value cells (rank) */
	int			parent;			/* attribute drawn before this one, or -1 */
	double	   *p;				/* root: ncells shares; else the parent's
								 * ncells rows of ncells shares */
	/* fitting only */
	double	   *share;			/* released 1-way shares of the cells */
	double	   *binu;			/* a number: each histogram bin's rank interval */
} SdMstAttr;

typedef struct SdMst
{
	int			nattr;
	SdMstAttr  *attr;			/* in drawing order: parents first */
	int		   *drawn;			/* scratch: each attribute's cell in a row */
} SdMst;

typedef struct MstFit
{
	int			nattr;
	SdMstAttr  *attr;			/* in column order */
	int			npairs;
	int		   *pa,
			   *pb;				/* the pairs, pa < pb */
	int64	  **counts;			/* per pair: pa's cells x pb's cells */
	int		   *cell;			/* scratch: a row's cells */
	SdRng		rng;			/* ranks within a histogram bin */
} MstFit;

/* ---- attributes -------------------------------------------------------------- */

/* value cells of a number: as many as the 2-way noise leaves worth having */
static int
mst_number_cells(DpFit *f, int nattr)
{
	double		sigma = sd_dp_sigma(f->rho_mst_measure / Max(nattr - 1, 1), f->o.max_rows);
	double		b = floor(sqrt(Max(f->rows, 0.0) / (4.0 * sigma)));

	return (int) Max(2, Min(MST_CELLS_MAX, b));
}

static void
mst_attr_cells(DpFit *f, SdMstAttr *a, int ncell_num, int catcap)
{
	ModelCol   *c = &f->m->cols[a->col];
	double		nf = c->null_dim >= 0 ? c->null_fraction : 0,
				cum = 0;
	int			j;

	a->null_cell = c->null_dim >= 0;
	if (c->value_dim < 0)
		a->nvalue = 1;
	else if (c->kind == MK_CONTINUOUS)
		a->nvalue = ncell_num;
	else
		a->nvalue = Min(c->ncat, catcap);
	a->ncells = a->nvalue + (a->null_cell ? 1 : 0);
	a->bounds = palloc(sizeof(double) * (a->nvalue + 1));
	a->bounds[0] = 0;
	if (c->kind == MK_CATEGORICAL && c->value_dim >= 0)
		for (j = 0; j < c->ncat; j++)
		{
			cum += c->cats[j].p;
			a->bounds[Min(j, a->nvalue - 1) + 1] = Min(1.0, cum);
		}
	else
		for (j = 1; j <= a->nvalue; j++)
			a->bounds[j] = (double) j / a->nvalue;
	a->bounds[a->nvalue] = 1;
	if (c->kind == MK_CONTINUOUS)
	{
		/* the rank interval of each bin of the released histogram, once */
		a->binu = palloc(sizeof(double) * 2 * f->cols[a->col].nbins);
		for (j = 0; j < f->cols[a->col].nbins; j++)
		{
			double		lo,
						hi;

			sd_dp_bin_bounds(f, a->col, j, &lo, &hi);
			a->binu[2 * j] = sd_grid_cdf(c->grid, GRID_POINTS, lo);
			a->binu[2 * j + 1] = sd_grid_cdf(c->grid, GRID_POINTS, hi);
		}
	}
	a->share = palloc(sizeof(double) * a->ncells);
	for (j = 0; j < a->nvalue; j++)
		a->share[j] = (1 - nf) * Max(0.0, a->bounds[j + 1] - a->bounds[j]);
	if (a->null_cell)
		a->share[a->nvalue] = nf;
}

/* the attributes: modelled columns with a latent dimension */
static void
mst_attributes(DpFit *f, MstFit *t)
{
	int			i,
				ncand = 0,
				ncell_num,
				catcap,
				k;

	for (i = 0; i < f->ncols; i++)
	{
		ModelCol   *c = &f->m->cols[i];

		if (f->cols[i].kind != DK_SKIP && (c->null_dim >= 0 || c->value_dim >= 0))
			ncand++;
	}
	t->attr = palloc0(sizeof(SdMstAttr) * Max(ncand, 1));
	ncell_num = mst_number_cells(f, ncand);
	catcap = Min(MST_CELLS_MAX, Max(ncell_num, MST_CATS_MIN));
	/* all pairs' counters within bounds (a table has at most catcap + 1 rows) */
	while (catcap > 2 &&
		   (double) ncand * (ncand - 1) / 2 * (catcap + 1) * (catcap + 1) > MST_COUNTERS_MAX)
	{
		catcap--;
		ncell_num = Min(ncell_num, catcap);
	}
	for (i = 0; i < f->ncols; i++)
	{
		ModelCol   *c = &f->m->cols[i];

		if (f->cols[i].kind == DK_SKIP || (c->null_dim < 0 && c->value_dim < 0))
			continue;
		t->attr[t->nattr].col = i;
		t->attr[t->nattr].parent = -1;
		mst_attr_cells(f, &t->attr[t->nattr], ncell_num, catcap);
		t->nattr++;
	}
	t->npairs = t->nattr * (t->nattr - 1) / 2;
	t->pa = palloc(sizeof(int) * Max(t->npairs, 1));
	t->pb = palloc(sizeof(int) * Max(t->npairs, 1));
	t->counts = palloc(sizeof(int64 *) * Max(t->npairs, 1));
	k = 0;
	for (i = 0; i < t->nattr; i++)
	{
		int			j;

		for (j = i + 1; j < t->nattr; j++)
		{
			t->pa[k] = i;
			t->pb[k] = j;
			t->counts[k] = palloc0_array(int64, (Size) t->attr[i].ncells * t->attr[j].ncells);
			k++;
		}
	}
	t->cell = palloc(sizeof(int) * Max(t->nattr, 1));
}

/* ---- the counts -------------------------------------------------------------- */

/* a row's cell of an attribute, or -1 (a category that was not released) */
static int
mst_cell(DpFit *f, const SdMstAttr *a, Datum v, bool isnull)
{
	ModelCol   *c = &f->m->cols[a->col];
	double		x;
	int			j;

	if (!isnull && c->kind == MK_CONTINUOUS && !datum_to_double(c->vk, v, &x))
		isnull = true;			/* NaN and infinities count as NULL */
	if (isnull)
		return a->null_cell ? a->nvalue : -1;
	if (c->value_dim < 0)
		return 0;
	if (c->kind == MK_CONTINUOUS)
	{
		MstFit	   *t = (MstFit *) f->mst;
		double		lo,
					hi,
					u;

		/*
		 * A uniform rank within the released histogram bin of x (the
		 * randomised probability integral transform at the histogram's
		 * resolution), so that many rows of one value spread over the
		 * marginal's slice of that bin, as the sampler's values do.
		 */
		j = sd_dp_bin_index(f, a->col, x);
		lo = a->binu[2 * j];
		hi = a->binu[2 * j + 1];
		u = lo + sd_rng_uniform(&t->rng) * Max(0.0, hi - lo);
		return (int) Max(0, Min(a->nvalue - 1, floor(u * a->nvalue)));
	}
	j = sd_dp_category_of(f, a->col, v);
	return j < 0 ? -1 : Min(j, a->nvalue - 1);
}

static void
mst_count_row(DpFit *f, Datum *values, bool *isnull)
{
	MstFit	   *t = (MstFit *) f->mst;
	int			k;

	for (k = 0; k < t->nattr; k++)
		t->cell[k] = mst_cell(f, &t->attr[k], values[t->attr[k].col], isnull[t->attr[k].col]);
	for (k = 0; k < t->npairs; k++)
	{
		int			ca = t->cell[t->pa[k]],
					cb = t->cell[t->pb[k]];

		if (ca >= 0 && cb >= 0)
			t->counts[k][ca * t->attr[t->pb[k]].ncells + cb]++;
	}
}

/* ---- selection ------------------------------------------------------------ */

static int
uf_find(int *up, int x)
{
	while (up[x] != x)
		x = up[x] = up[up[x]];
	return x;
}

/* L1 distance of a pair's counts from the product of its released 1-way shares */
static double
mst_pair_error(DpFit *f, MstFit *t, int k)
{
	const SdMstAttr *a = &t->attr[t->pa[k]],
			   *b = &t->attr[t->pb[k]];
	double		err = 0;
	int			i,
				j;

	for (i = 0; i < a->ncells; i++)
		for (j = 0; j < b->ncells; j++)
			err += fabs((double) t->counts[k][i * b->ncells + j] -
						f->rows * a->share[i] * b->share[j]);
	return err;
}

/*
 * Kruskal's algorithm with each edge chosen privately: nattr - 1 rounds of
 * the exponential mechanism over the pairs that join two components.
 * Returns the chosen pairs in *edges.
 */
static int
mst_select(DpFit *f, MstFit *t, int *edges)
{
	double	   *err = palloc(sizeof(double) * t->npairs),
			   *u = palloc(sizeof(double) * t->npairs);
	int		   *cand = palloc(sizeof(int) * t->npairs),
			   *up = palloc(sizeof(int) * t->nattr);
	int			rounds = t->nattr - 1,
				r,
				k;
	double		eps = sd_dp_em_epsilon(f->rho_mst_select / rounds);

	for (k = 0; k < t->npairs; k++)
	{
		CHECK_FOR_INTERRUPTS();
		err[k] = mst_pair_error(f, t, k);
	}
	for (k = 0; k < t->nattr; k++)
		up[k] = k;
	for (r = 0; r < rounds; r++)
	{
		int			n = 0,
					pick;

		for (k = 0; k < t->npairs; k++)
			if (uf_find(up, t->pa[k]) != uf_find(up, t->pb[k]))
			{
				cand[n] = k;
				u[n++] = err[k];
			}
		pick = cand[sd_dp_exponential(&f->noise, u, n, eps, f->o.max_rows)];
		edges[r] = pick;
		up[uf_find(up, t->pa[pick])] = uf_find(up, t->pb[pick]);
	}
	return rounds;
}

/* ---- measurement and projection ------------------------------------------- */

/*
 * Iterative proportional fitting of a table (rows x cols, positive) to the
 * row sums rs and column sums cs (equal totals).
 */
static void
mst_ipf(double *tab, int rows, int cols, const double *rs, const double *cs)
{
	int			it,
				i,
				j;

	for (it = 0; it < MST_IPF_ITER; it++)
	{
		double		worst = 0;

		for (i = 0; i < rows; i++)
		{
			double		s = 0;

			for (j = 0; j < cols; j++)
				s += tab[i * cols + j];
			for (j = 0; j < cols; j++)
				tab[i * cols + j] *= s > 0 ? rs[i] / s : 0;
		}
		for (j = 0; j < cols; j++)
		{
			double		s = 0;

			for (i = 0; i < rows; i++)
				s += tab[i * cols + j];
			for (i = 0; i < rows; i++)
				tab[i * cols + j] *= s > 0 ? cs[j] / s : 0;
			worst = Max(worst, fabs(s - cs[j]));
		}
		/* column sums exact; row sums off by at most what they moved */
		if (worst < 1e-9)
			break;
	}
}

static int
cmp_double_desc(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x > y ? -1 : x < y ? 1 : 0;
}

/*
 * The Euclidean projection of a table onto the tables of non-negative
 * cells summing to total: max(y - lambda, 0) for the one lambda that
 * makes the sum right (Duchi, Shalev-Shwartz, Singer and Chandra,
 * "Efficient Projections onto the l1-Ball for Learning in High
 * Dimensions", ICML 2008).  It is the least-squares estimate that
 * Private-PGM's loss gives a single table: the many empty cells whose
 * noise came out positive go back to zero, instead of carrying a share of
 * the rows (as clipping at zero would have them do).
 */
static void
mst_simplex_project(double *tab, int n, double total)
{
	double	   *u = palloc(sizeof(double) * n),
				cum = 0,
				lambda = 0;
	int			j;

	memcpy(u, tab, sizeof(double) * n);
	qsort(u, n, sizeof(double), cmp_double_desc);
	for (j = 0; j < n; j++)
	{
		cum += u[j];
		if (u[j] - (cum - total) / (j + 1) > 0)
			lambda = (cum - total) / (j + 1);
	}
	for (j = 0; j < n; j++)
		tab[j] = Max(0.0, tab[j] - lambda);
	pfree(u);
}

/*
 * The noisy table of an edge, projected onto non-negative tables of the
 * noisy row count (plus a trace of the product of the margins, so that
 * every cell is reachable) and fitted to the two released 1-way marginals.  Rows are attribute a's cells.  With seeded
 * noise (tests only) the noisy counts, a release like any other, are
 * appended to *noisy, so that a test can check their law.
 */
static double *
mst_measure(DpFit *f, MstFit *t, int k, double sigma, StringInfo noisy)
{
	const SdMstAttr *a = &t->attr[t->pa[k]],
			   *b = &t->attr[t->pb[k]];
	int			n = a->ncells * b->ncells,
				i,
				j;
	double	   *tab = palloc(sizeof(double) * n),
			   *rs = palloc(sizeof(double) * a->ncells),
			   *cs = palloc(sizeof(double) * b->ncells);

	for (i = 0; i < n; i++)
		tab[i] = (double) t->counts[k][i] + sd_dp_gaussian(&f->noise, sigma);
	if (noisy != NULL)
	{
		appendStringInfoString(noisy, noisy->len > 0 ? ", " : "");
		json_rounded_array(noisy, tab, n, 6);
	}
	mst_simplex_project(tab, n, Max(f->rows, 1.0));
	for (i = 0; i < a->ncells; i++)
		for (j = 0; j < b->ncells; j++)
			tab[i * b->ncells + j] += 1e-6 * a->share[i] * b->share[j];
	for (i = 0; i < a->ncells; i++)
		rs[i] = a->share[i];
	for (j = 0; j < b->ncells; j++)
		cs[j] = b->share[j];
	mst_ipf(tab, a->ncells, b->ncells, rs, cs);
	return tab;
}

/*
 * The tree as drawn: a breadth-first walk from attribute 0, each child's
 * conditional table P(child | parent) from its edge's projected table.
 */
static SdMst *
mst_tree(MstFit *t, const int *edges, double **tabs, int nedges)
{
	SdMst	   *mst = palloc0(sizeof(SdMst));
	int		   *order = palloc(sizeof(int) * t->nattr),
			   *pos = palloc(sizeof(int) * t->nattr);
	int			head = 0,
				n = 1,
				i,
				e;

	for (i = 0; i < t->nattr; i++)
		pos[i] = -1;
	order[0] = 0;
	pos[0] = 0;
	mst->attr = palloc0(sizeof(SdMstAttr) * t->nattr);
	mst->attr[0] = t->attr[0];
	mst->attr[0].p = t->attr[0].share;
	while (head < n)
	{
		int			v = order[head++];

		for (e = 0; e < nedges; e++)
		{
			int			a = t->pa[edges[e]],
						b = t->pb[edges[e]],
						w = a == v ? b : b == v ? a : -1;
			SdMstAttr  *ca;
			int			r,
						j,
						nc = t->attr[w < 0 ? 0 : w].ncells;

			if (w < 0 || pos[w] >= 0)
				continue;
			pos[w] = n;
			order[n] = w;
			ca = &mst->attr[n++];
			*ca = t->attr[w];
			ca->parent = pos[v];
			ca->p = palloc(sizeof(double) * t->attr[v].ncells * nc);
			for (r = 0; r < t->attr[v].ncells; r++)
			{
				double		s = 0;

				for (j = 0; j < nc; j++)
				{
					/* the projected table has a's cells as rows */
					double		x = a == v ? tabs[e][r * nc + j] :
						tabs[e][j * t->attr[v].ncells + r];

					ca->p[r * nc + j] = x;
					s += x;
				}
				for (j = 0; j < nc; j++)
					ca->p[r * nc + j] = s > 0 ? ca->p[r * nc + j] / s : t->attr[w].share[j];
			}
		}
	}
	Assert(n == t->nattr);
	mst->nattr = n;
	mst->drawn = palloc(sizeof(int) * Max(n, 1));
	return mst;
}

static char *
mst_edges_json(DpFit *f, MstFit *t, const int *edges, int nedges)
{
	StringInfoData b;
	int			e;

	initStringInfo(&b);
	appendStringInfoString(&b, "\"edges\": [");
	for (e = 0; e < nedges; e++)
	{
		appendStringInfoString(&b, e ? ", [" : "[");
		escape_json(&b, f->m->cols[t->attr[t->pa[edges[e]]].col].name);
		appendStringInfoString(&b, ", ");
		escape_json(&b, f->m->cols[t->attr[t->pb[edges[e]]].col].name);
		appendStringInfoChar(&b, ']');
	}
	appendStringInfoChar(&b, ']');
	return b.data;
}

/* the tree of a DP fit with option "dp_method" "mst" (after the marginals) */
void
sd_dp_mst(DpFit *f)
{
	MstFit		t;
	int		   *edges;
	double	  **tabs;
	int			nedges,
				e;
	double		sigma;
	StringInfoData noisy;

	if (f->rho_mst_select <= 0)
		return;
	memset(&t, 0, sizeof(t));
	mst_attributes(f, &t);
	if (t.nattr < 2)
	{
		sd_dp_budget_item(f, NULL, "tree selection", "exponential, L1 error of the independent estimate",
						  f->rho_mst_select, "\"released\": false");
		sd_dp_budget_item(f, NULL, "2-way marginals", "gaussian",
						  f->rho_mst_measure, "\"released\": false");
		return;
	}
	/* the ranks need no secrecy, only reproducibility */
	sd_rng_init(&t.rng, f->o.seed, sd_stream_id("mst ranks within a bin"));
	sd_rng_seek(&t.rng, 0);
	f->mst = &t;
	sd_dp_scan(f, mst_count_row);
	f->mst = NULL;
	edges = palloc(sizeof(int) * t.nattr);
	nedges = mst_select(f, &t, edges);
	sd_dp_budget_item(f, NULL, "tree selection", "exponential, L1 error of the independent estimate",
					  f->rho_mst_select,
					  psprintf("\"rounds\": %d, \"epsilon_round\": %.6g, \"sensitivity\": %d, %s",
							   nedges, sd_dp_em_epsilon(f->rho_mst_select / nedges),
							   f->o.max_rows, mst_edges_json(f, &t, edges, nedges)));
	sigma = sd_dp_sigma(f->rho_mst_measure / nedges, f->o.max_rows);
	tabs = palloc(sizeof(double *) * nedges);
	initStringInfo(&noisy);
	for (e = 0; e < nedges; e++)
	{
		CHECK_FOR_INTERRUPTS();
		tabs[e] = mst_measure(f, &t, edges[e], sigma, f->o.seeded ? &noisy : NULL);
	}
	sd_dp_budget_item(f, NULL, "2-way marginals", "gaussian", f->rho_mst_measure,
					  psprintf("\"sigma\": %.6g, \"tables\": %d, \"number_cells\": %d%s%s%s",
							   sigma, nedges, mst_number_cells(f, t.nattr),
							   f->o.seeded ? ", \"noisy\": [" : "", noisy.data,
							   f->o.seeded ? "]" : ""));
	f->m->mst = mst_tree(&t, edges, tabs, nedges);
}

/* ---- the model: JSON and drawing ------------------------------------------- */

void
sd_mst_to_json(StringInfo b, const Model *m)
{
	const SdMst *mst = m->mst;
	int			k;

	appendStringInfoString(b, "{\"attributes\": [");
	for (k = 0; k < mst->nattr; k++)
	{
		const SdMstAttr *a = &mst->attr[k];
		int			np = a->ncells * (a->parent < 0 ? 1 : mst->attr[a->parent].ncells);

		appendStringInfoString(b, k ? ",\n  {\"column\": " : "\n  {\"column\": ");
		escape_json(b, m->cols[a->col].name);
		appendStringInfo(b, ", \"parent\": %d, \"null_cell\": %s, \"cells\": ",
						 a->parent, a->null_cell ? "true" : "false");
		json_rounded_array(b, a->bounds, a->nvalue + 1, 9);
		appendStringInfoString(b, ", \"p\": ");
		json_rounded_array(b, a->p, np, 9);
		appendStringInfoChar(b, '}');
	}
	appendStringInfoString(b, "]}");
}

static int
mst_column_of(const Model *m, const char *name)
{
	int			i;

	for (i = 0; i < m->ncols; i++)
		if (strcmp(m->cols[i].name, name) == 0)
			return i;
	bad_model(psprintf("MST attribute \"%s\" is not a column of the model.", name));
	return -1;
}

static double *
mst_read_numbers(JsonbContainer *c, const char *key, int n)
{
	JsonbContainer *arr = jget_container(c, key, true, false);
	double	   *out;
	int			i;

	if ((int) JsonContainerSize(arr) != n)
		bad_model(psprintf("MST field \"%s\" must have %d numbers.", key, n));
	out = palloc(sizeof(double) * Max(n, 1));
	/* in any order: a parent cell's shares of the child's cells, say */
	for (i = 0; i < n; i++)
		out[i] = jnum(getIthJsonbValueFromContainer(arr, i), key);
	return out;
}

/* rows of shares: each finite, non-negative, summing to more than 0; normalised */
static void
mst_check_shares(double *p, int rows, int n)
{
	int			r,
				j;

	for (r = 0; r < rows; r++)
	{
		double		s = 0;

		for (j = 0; j < n; j++)
		{
			if (!(isfinite(p[r * n + j]) && p[r * n + j] >= 0))
				bad_model("MST shares must be finite and not negative.");
			s += p[r * n + j];
		}
		if (!(s > 0))
			bad_model("Each row of MST shares must have a positive sum.");
		for (j = 0; j < n; j++)
			p[r * n + j] /= s;
	}
}

static void
mst_read_attr(const Model *m, SdMst *mst, int k, JsonbContainer *c, bool *seen)
{
	SdMstAttr  *a = &mst->attr[k];
	ModelCol   *col;
	JsonbValue *v;
	double		par;
	int			nb,
				j;

	a->col = mst_column_of(m, jget_str(c, "column", false));
	col = &m->cols[a->col];
	if (seen[a->col])
		bad_model("An MST attribute appears twice.");
	seen[a->col] = true;
	if (col->kind != MK_CONTINUOUS && col->kind != MK_CATEGORICAL)
		bad_model("An MST attribute must be a continuous or categorical column.");
	if (col->parent >= 0 || col->null_parent >= 0 || col->cat_parent >= 0)
		bad_model("An MST attribute cannot also be conditional on a parent column.");
	v = jget(c, "null_cell");
	if (v == NULL || v->type != jbvBool)
		bad_model("MST field \"null_cell\" must be a boolean.");
	a->null_cell = v->val.boolean;
	if (a->null_cell && col->null_dim < 0)
		bad_model("An MST attribute with a NULL cell needs a NULL dimension.");
	par = jnum(jget(c, "parent"), "parent");
	if (!(par >= -1 && par < k && par == rint(par)) || (k == 0) != (par < 0))
		bad_model("MST field \"parent\" must name an earlier attribute (-1 for the first only).");
	a->parent = (int) par;
	nb = (int) JsonContainerSize(jget_container(c, "cells", true, false));
	if (nb < 2 || nb > MST_MODEL_CELLS_MAX + 1 || (nb > 2 && col->value_dim < 0))
		bad_model("MST field \"cells\" has a wrong number of bounds.");
	a->nvalue = nb - 1;
	a->bounds = mst_read_numbers(c, "cells", nb);
	for (j = 0; j < nb; j++)
		if (!(a->bounds[j] >= 0 && a->bounds[j] <= 1) || (j > 0 && a->bounds[j] < a->bounds[j - 1]))
			bad_model("MST cell bounds must rise from 0 to 1.");
	a->ncells = a->nvalue + (a->null_cell ? 1 : 0);
	nb = a->parent < 0 ? 1 : mst->attr[a->parent].ncells;
	a->p = mst_read_numbers(c, "p", nb * a->ncells);
	mst_check_shares(a->p, nb, a->ncells);
}

SdMst *
sd_mst_from_json(const Model *m, JsonbContainer *c)
{
	JsonbContainer *arr = jget_container(c, "attributes", true, false);
	SdMst	   *mst = palloc0(sizeof(SdMst));
	bool	   *seen = palloc0(sizeof(bool) * Max(m->ncols, 1));
	int			k;

	mst->nattr = JsonContainerSize(arr);
	if (mst->nattr < 1 || mst->nattr > m->ncols)
		bad_model("An MST needs one attribute or more, at most one per column.");
	mst->attr = palloc0(sizeof(SdMstAttr) * mst->nattr);
	for (k = 0; k < mst->nattr; k++)
	{
		JsonbValue *v = getIthJsonbValueFromContainer(arr, k);

		if (v == NULL || v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
			bad_model("Each MST attribute must be a JSON object.");
		mst_read_attr(m, mst, k, v->val.binary.data, seen);
	}
	mst->drawn = palloc(sizeof(int) * mst->nattr);
	return mst;
}

static int
mst_pick(const double *p, int n, double u)
{
	double		acc = 0;
	int			j,
				last = 0;

	for (j = 0; j < n; j++)
	{
		if (p[j] <= 0)
			continue;
		acc += p[j];
		last = j;
		if (u < acc)
			return j;
	}
	return last;
}

/*
 * A row's latent coordinates of the tree's columns, drawn from the root
 * down: z of a NULL dimension +-MST_NULL_Z, of a value dimension the normal
 * quantile of a uniform rank within the cell (kept off a category's edges,
 * where the sampler's thresholds could round it into the next category).
 */
void
sd_mst_draw(const Model *m, SdRng *rng, double *z)
{
	const SdMst *mst = m->mst;
	int			k;

	for (k = 0; k < mst->nattr; k++)
	{
		const SdMstAttr *a = &mst->attr[k];
		const ModelCol *c = &m->cols[a->col];
		const double *p = a->parent < 0 ? a->p :
			a->p + (Size) mst->drawn[a->parent] * a->ncells;
		int			cell = mst_pick(p, a->ncells, sd_rng_uniform(rng));
		double		u;

		mst->drawn[k] = cell;
		if (a->null_cell && cell == a->nvalue)
		{
			z[c->null_dim] = MST_NULL_Z;
			continue;
		}
		if (c->null_dim >= 0)
			z[c->null_dim] = -MST_NULL_Z;
		if (c->value_dim < 0)
			continue;
		u = sd_rng_uniform(rng);
		if (c->kind == MK_CATEGORICAL)
			u = 0.001 + 0.998 * u;
		u = a->bounds[cell] + u * (a->bounds[cell + 1] - a->bounds[cell]);
		z[c->value_dim] = sd_qnorm(Max(1e-12, Min(1 - 1e-12, u)));
	}
}
