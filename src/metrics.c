/*-------------------------------------------------------------------------
 *
 * metrics.c
 *		The SDMetrics quality and privacy metrics over plain arrays.
 *
 * Definitions (N. Patki, R. Wedge, K. Veeramachaneni, "The Synthetic Data
 * Vault", IEEE DSAA 2016, and the SDMetrics documentation of DataCebo):
 *
 *	KSComplement			1 - D, D the two-sample Kolmogorov-Smirnov
 *							statistic sup_x |F_R(x) - F_S(x)| (Kolmogorov
 *							1933, Smirnov 1948), NULLs dropped
 *	TVComplement			1 - (1/2) sum_c |p_R(c) - p_S(c)|, NULLs dropped
 *	CorrelationSimilarity	1 - |rho_R - rho_S| / 2, Pearson's rho on the
 *							rows where both columns are non-null
 *	ContingencySimilarity	1 - (1/2) sum_ab |P_R(a,b) - P_S(a,b)|
 *	Cramer's V				sqrt(chi^2 / (n (min(r, c) - 1))), H. Cramer,
 *							"Mathematical Methods of Statistics", 1946
 *
 * The row-match searches (exact copies, NewRowSynthesis) sort the real
 * rows once and binary-search each synthetic row.
 *
 * This file is engine code: plain C over plain structs, no Datums.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/metrics.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "metrics.h"

/*
 * A contingency is counted in a dense array when it has at most this many
 * cells, or not many more cells than rows; otherwise its sorted cell keys
 * are counted (memory and time proportional to the rows).
 */
#define DENSE_CELLS_MIN (1 << 16)
#define dense_enough(cells, rows) ((cells) <= Max((double) DENSE_CELLS_MIN, 2.0 * (rows)))

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x < y) ? -1 : (x > y) ? 1 : 0;
}

static int
cmp_uint64(const void *a, const void *b)
{
	uint64		x = *(const uint64 *) a;
	uint64		y = *(const uint64 *) b;

	return (x < y) ? -1 : (x > y) ? 1 : 0;
}

/* ---------------------------------------------------------------------
 * Column shapes
 * ---------------------------------------------------------------------
 */

double
sd_ks_statistic(double *a, int na, double *b, int nb)
{
	int			i = 0,
				j = 0;
	double		d = 0.0;

	if (na == 0 || nb == 0)
		return NAN;
	qsort(a, na, sizeof(double), cmp_double);
	qsort(b, nb, sizeof(double), cmp_double);

	/*
	 * Walk the merged order; after all copies of the smallest remaining
	 * value have been passed in both samples, the two empirical CDFs are
	 * compared (ties must be passed together).
	 */
	while (i < na && j < nb)
	{
		double		x = Min(a[i], b[j]);

		while (i < na && a[i] == x)
			i++;
		while (j < nb && b[j] == x)
			j++;
		d = Max(d, fabs((double) i / na - (double) j / nb));
	}
	return d;
}

double
sd_tv_distance(const double *ca, const double *cb, int ncat)
{
	double		na = 0,
				nb = 0,
				tv = 0;
	int			c;

	for (c = 0; c < ncat; c++)
	{
		na += ca[c];
		nb += cb[c];
	}
	if (na == 0 || nb == 0)
		return NAN;
	for (c = 0; c < ncat; c++)
		tv += fabs(ca[c] / na - cb[c] / nb);
	return tv / 2.0;
}

/* ---------------------------------------------------------------------
 * Column pair trends
 * ---------------------------------------------------------------------
 */

bool
sd_pearson(const double *x, const bool *xn, const double *y, const bool *yn,
		   int n, double *r, int *npairs)
{
	double		mx = 0,
				my = 0,
				sxx = 0,
				syy = 0,
				sxy = 0;
	int			m = 0,
				i;

	/* two passes (means, then centred sums) for accuracy */
	for (i = 0; i < n; i++)
	{
		if (xn[i] || yn[i])
			continue;
		mx += x[i];
		my += y[i];
		m++;
	}
	*npairs = m;
	if (m < 2)
		return false;
	mx /= m;
	my /= m;
	for (i = 0; i < n; i++)
	{
		double		dx,
					dy;

		if (xn[i] || yn[i])
			continue;
		dx = x[i] - mx;
		dy = y[i] - my;
		sxx += dx * dx;
		syy += dy * dy;
		sxy += dx * dy;
	}
	if (!(sxx > 0) || !(syy > 0))
		return false;
	*r = sxy / sqrt(sxx * syy);
	if (*r > 1)
		*r = 1;
	if (*r < -1)
		*r = -1;
	return true;
}

int
sd_width_bucket(double x, double lo, double hi, int count)
{
	int			b;

	if (!(hi > lo))
		return (x < lo) ? 0 : (x == lo) ? 1 : 2;
	if (x < lo)
		return 0;
	if (x >= hi)
		return count + 1;
	/* the same arithmetic as width_bucket_float8() */
	b = (int) (count * ((x - lo) / (hi - lo)));
	if (b >= count)
		b = count - 1;
	return b + 1;
}

/* count the cells of one contingency: sorted keys (a+1, b+1) */
static uint64 *
pair_keys(const int *a, const int *b, int n, SdAllocFn alloc, void *arg)
{
	uint64	   *k = alloc(arg, sizeof(uint64) * (size_t) Max(n, 1));
	int			i;

	for (i = 0; i < n; i++)
		k[i] = ((uint64) (uint32) (a[i] + 1) << 32) | (uint64) (uint32) (b[i] + 1);
	qsort(k, n, sizeof(uint64), cmp_uint64);
	return k;
}

double
sd_contingency_similarity(const int *ra, const int *rb, int nr,
						  const int *sa, const int *sb, int ns,
						  int ncat_a, int ncat_b, SdAllocFn alloc, void *arg)
{
	double		tv = 0.0;
	double		cells = (double) (ncat_a + 1) * (double) (ncat_b + 1);
	int			i;

	if (nr == 0 || ns == 0)
		return NAN;

	if (dense_enough(cells, (double) nr + ns))
	{
		int			w = ncat_b + 1;
		size_t		nc = (size_t) cells;
		double	   *cr = alloc(arg, sizeof(double) * nc);
		double	   *cs = alloc(arg, sizeof(double) * nc);

		memset(cr, 0, sizeof(double) * nc);
		memset(cs, 0, sizeof(double) * nc);
		for (i = 0; i < nr; i++)
			cr[(size_t) (ra[i] + 1) * w + (rb[i] + 1)] += 1;
		for (i = 0; i < ns; i++)
			cs[(size_t) (sa[i] + 1) * w + (sb[i] + 1)] += 1;
		for (i = 0; i < (int) nc; i++)
			tv += fabs(cr[i] / nr - cs[i] / ns);
	}
	else
	{
		uint64	   *kr = pair_keys(ra, rb, nr, alloc, arg);
		uint64	   *ks = pair_keys(sa, sb, ns, alloc, arg);
		int			p = 0,
					q = 0;

		while (p < nr || q < ns)
		{
			uint64		key;
			double		c1 = 0,
						c2 = 0;

			if (q >= ns || (p < nr && kr[p] <= ks[q]))
				key = kr[p];
			else
				key = ks[q];
			while (p < nr && kr[p] == key)
			{
				c1++;
				p++;
			}
			while (q < ns && ks[q] == key)
			{
				c2++;
				q++;
			}
			tv += fabs(c1 / nr - c2 / ns);
		}
	}
	return 1.0 - tv / 2.0;
}

double
sd_cramers_v(const int *a, const int *b, int n, int ncat_a, int ncat_b,
			 SdAllocFn alloc, void *arg)
{
	double	   *ma = alloc(arg, sizeof(double) * (size_t) Max(ncat_a, 1));
	double	   *mb = alloc(arg, sizeof(double) * (size_t) Max(ncat_b, 1));
	int		   *fa = alloc(arg, sizeof(int) * (size_t) Max(n, 1));
	int		   *fb = alloc(arg, sizeof(int) * (size_t) Max(n, 1));
	int			m = 0,
				ra = 0,
				rb = 0,
				i;
	double		sum = 0.0,
				chi2;
	uint64	   *k;

	memset(ma, 0, sizeof(double) * Max(ncat_a, 1));
	memset(mb, 0, sizeof(double) * Max(ncat_b, 1));
	for (i = 0; i < n; i++)
	{
		if (a[i] < 0 || b[i] < 0)
			continue;
		fa[m] = a[i];
		fb[m] = b[i];
		ma[a[i]] += 1;
		mb[b[i]] += 1;
		m++;
	}
	for (i = 0; i < ncat_a; i++)
		ra += (ma[i] > 0);
	for (i = 0; i < ncat_b; i++)
		rb += (mb[i] > 0);
	if (m == 0 || Min(ra, rb) < 2)
		return 0.0;

	/* chi^2 = n (sum_ij n_ij^2 / (n_i. n_.j) - 1), over non-empty cells */
	if (dense_enough((double) ncat_a * (double) ncat_b, (double) m))
	{
		size_t		nc = (size_t) ncat_a * (size_t) ncat_b;
		double	   *cell = alloc(arg, sizeof(double) * Max(nc, 1));

		memset(cell, 0, sizeof(double) * nc);
		for (i = 0; i < m; i++)
			cell[(size_t) fa[i] * ncat_b + fb[i]] += 1;
		for (i = 0; i < (int) nc; i++)
			if (cell[i] > 0)
				sum += cell[i] * cell[i] / (ma[i / ncat_b] * mb[i % ncat_b]);
	}
	else
	{
		k = pair_keys(fa, fb, m, alloc, arg);
		i = 0;
		while (i < m)
		{
			uint64		key = k[i];
			double		c = 0;
			int			ca = (int) (key >> 32) - 1;
			int			cb = (int) (key & 0xFFFFFFFF) - 1;

			while (i < m && k[i] == key)
			{
				c++;
				i++;
			}
			sum += c * c / (ma[ca] * mb[cb]);
		}
	}
	chi2 = m * (sum - 1.0);
	if (chi2 < 0)
		chi2 = 0;
	return sqrt(chi2 / ((double) m * (Min(ra, rb) - 1)));
}

/* ---------------------------------------------------------------------
 * Row matching
 * ---------------------------------------------------------------------
 */

struct SdRowSet
{
	int			nrows;
	int			ncols;
	const double *values;
	const bool *isnull;
	int		   *colorder;		/* categorical columns first */
	int			ncat;			/* how many of them */
	int		   *order;			/* rows in key order */
};

/* compare one column of two rows: NULL first, then by value */
static inline int
cmp_cell(double a, bool an, double b, bool bn)
{
	if (an || bn)
		return (an && bn) ? 0 : an ? -1 : 1;
	return (a < b) ? -1 : (a > b) ? 1 : 0;
}

/* compare row r of the set with a row, on key columns [0, upto) */
static int
cmp_set_row(const SdRowSet *s, int r, const double *v, const bool *vn,
			int upto)
{
	const double *a = s->values + (size_t) r * s->ncols;
	const bool *an = s->isnull + (size_t) r * s->ncols;
	int			k;

	for (k = 0; k < upto; k++)
	{
		int			j = s->colorder[k];
		int			c = cmp_cell(a[j], an[j], v[j], vn[j]);

		if (c != 0)
			return c;
	}
	return 0;
}

static int
cmp_rows_arg(const void *pa, const void *pb, void *arg)
{
	const SdRowSet *s = arg;
	int			rb = *(const int *) pb;

	return cmp_set_row(s, *(const int *) pa,
					   s->values + (size_t) rb * s->ncols,
					   s->isnull + (size_t) rb * s->ncols, s->ncols);
}

SdRowSet *
sd_rowset_build(const double *values, const bool *isnull, int nrows,
				int ncols, const bool *categorical, SdAllocFn alloc, void *arg)
{
	SdRowSet   *s = alloc(arg, sizeof(SdRowSet));
	int			j,
				k = 0;

	s->nrows = nrows;
	s->ncols = ncols;
	s->values = values;
	s->isnull = isnull;
	s->colorder = alloc(arg, sizeof(int) * Max(ncols, 1));
	for (j = 0; j < ncols; j++)
		if (categorical[j])
			s->colorder[k++] = j;
	s->ncat = k;
	for (j = 0; j < ncols; j++)
		if (!categorical[j])
			s->colorder[k++] = j;
	s->order = alloc(arg, sizeof(int) * (size_t) Max(nrows, 1));
	for (j = 0; j < nrows; j++)
		s->order[j] = j;
	qsort_arg(s->order, nrows, sizeof(int), cmp_rows_arg, s);
	return s;
}

/* first position whose row is >= the given row on key columns [0, upto) */
static int
lower_bound(const SdRowSet *s, const double *v, const bool *vn, int upto)
{
	int			lo = 0,
				hi = s->nrows;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (cmp_set_row(s, s->order[mid], v, vn, upto) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
sd_rowset_contains(const SdRowSet *s, const double *v, const bool *vn)
{
	int			p = lower_bound(s, v, vn, s->ncols);

	return p < s->nrows && cmp_set_row(s, s->order[p], v, vn, s->ncols) == 0;
}

bool
sd_rowset_matches(const SdRowSet *s, const double *v, const bool *vn,
				  double tolerance)
{
	int			p,
				first_num;
	double		tol;

	if (s->nrows == 0)
		return false;
	if (s->ncat == s->ncols)
		return sd_rowset_contains(s, v, vn);

	/*
	 * Rows equal on the categorical columns form one run of the order,
	 * sorted within by the first numeric column; start at the smallest
	 * value of that column that can match and scan while it still can.
	 */
	first_num = s->colorder[s->ncat];
	tol = vn[first_num] ? 0.0 : fabs(tolerance * v[first_num]);
	{
		double		probe = vn[first_num] ? 0.0 : v[first_num] - tol;
		int			lo = 0,
					hi = s->nrows;

		while (lo < hi)
		{
			int			mid = lo + (hi - lo) / 2;
			int			r = s->order[mid];
			int			c = cmp_set_row(s, r, v, vn, s->ncat);

			if (c == 0)
				c = cmp_cell(s->values[(size_t) r * s->ncols + first_num],
							 s->isnull[(size_t) r * s->ncols + first_num],
							 probe, vn[first_num]);
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		p = lo;
	}

	for (; p < s->nrows; p++)
	{
		int			r = s->order[p];
		const double *a = s->values + (size_t) r * s->ncols;
		const bool *an = s->isnull + (size_t) r * s->ncols;
		bool		ok = true;
		int			k;

		/* a long run of ties (say, a column of NULLs) is scanned row by row */
		if ((p & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (cmp_set_row(s, r, v, vn, s->ncat) != 0)
			break;
		if (vn[first_num])
		{
			if (!an[first_num])
				break;
		}
		else if (an[first_num] || a[first_num] > v[first_num] + tol)
			break;
		for (k = s->ncat + 1; k < s->ncols && ok; k++)
		{
			int			j = s->colorder[k];

			if (vn[j])
				ok = an[j];
			else
				ok = !an[j] && fabs(a[j] - v[j]) <= fabs(tolerance * v[j]);
		}
		if (ok)
			return true;
	}
	return false;
}

double
sd_median(double *x, int n)
{
	if (n == 0)
		return NAN;
	qsort(x, n, sizeof(double), cmp_double);
	return (n % 2) ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2.0;
}
