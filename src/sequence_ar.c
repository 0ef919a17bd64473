/*-------------------------------------------------------------------------
 *
 * sequence_ar.c
 *		Fitted sequences: the AR(p) part of a dimension's dynamics (see
 *		sequence.c for the model) -- Yule-Walker with the order by AIC, the
 *		small-sample bias of autocorrelations measured within short
 *		histories corrected, and the stationary start of a drawn history.
 *
 * The autocorrelations a fit sees are measured within each entity around
 * the entity's own mean, over histories of a few hundred steps.  For a
 * persistent process (a housing market's slow swings: lag-1
 * autocorrelation near 1) those sample autocorrelations sit well below
 * the process's own: the entity mean soaks up the slow part (Marriott and
 * Pope 1954; Kendall 1954).  An AR fitted to them by Yule-Walker is less
 * persistent than the data, and a history drawn from it and measured the
 * same way falls lower still (the housing listings' lag-12
 * autocorrelation came out at 0.37 against 0.72).  The fit therefore
 * looks for the AR whose *expected* within-entity sample autocorrelations
 * at lags 1..p, over histories of the fitted lengths, equal the observed
 * ones: the expectation of a demeaned autocovariance is an exact linear
 * function of the process's autocorrelations, and a damped fixed-point
 * iteration on the target autocorrelations converges in a few dozen
 * steps (an indirect-inference correction in the sense of Gourieroux,
 * Monfort and Renault 1993, with the binding function computed, not
 * simulated).  The same expectation gives the within-entity share of a
 * persistent process's variance, which replaces the one-way ANOVA's
 * (exact for independent steps, too small for persistent ones).
 *
 * A drawn history starts from the process's stationary distribution (its
 * first p values from the Toeplitz matrix of its autocorrelations), so a
 * persistent process needs no long burn-in to reach its variance.
 *
 * Layer: engine (pure C over plain arrays; no catalog, SPI or Datums).
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sequence_ar.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "model.h"
#include "sequence.h"

#define AR_DEBIAS_ITERS	60		/* fixed-point steps at most */
#define AR_DEBIAS_STEP	0.8		/* damping of a step */
#define AR_DEBIAS_TOL	1e-4	/* largest difference accepted as converged */
#define AR_MAX_LEN		16384	/* longer histories count as this long */
#define AR_MAX_KAPPA	0.999	/* partial autocorrelations kept inside */

/*
 * Yule-Walker by the Levinson-Durbin recursion (Levinson 1947; Durbin
 * 1960) on autocorrelations rho[0..pmax] (rho[0] = 1).  With aic, the
 * order is the one of least AIC over n observations (Akaike 1974);
 * without, the recursion goes to pmax.  Returns the order (0 when the
 * recursion stops before it: a partial autocorrelation reaching
 * AR_MAX_KAPPA), phi[0..SEQ_MAX_P-1] and the innovation variance of the
 * unit-variance process.
 */
int
seq_ar_levinson(const double *rho, int pmax, int64 n, bool aic, double *phi,
				double *var)
{
	double		a[SEQ_MAX_P + 1][SEQ_MAX_P + 1];
	double		v = 1,
				best_aic = 0,
				best_v = 1;
	int			p,
				i,
				best = 0;

	memset(a, 0, sizeof(a));
	for (p = 1; p <= pmax; p++)
	{
		double		num = rho[p],
					kappa;

		for (i = 1; i < p; i++)
			num -= a[p - 1][i] * rho[p - i];
		kappa = num / v;
		if (!(fabs(kappa) < AR_MAX_KAPPA))
		{
			if (!aic)
				best = 0;
			break;
		}
		for (i = 1; i < p; i++)
			a[p][i] = a[p - 1][i] - kappa * a[p - 1][p - i];
		a[p][p] = kappa;
		v *= 1 - kappa * kappa;
		if (!aic || (double) n * log(v) + 2.0 * p < best_aic - 1e-9)
		{
			best_aic = (double) n * log(v) + 2.0 * p;
			best = p;
			best_v = v;
		}
	}
	for (i = 0; i < SEQ_MAX_P; i++)
		phi[i] = i < best ? a[best][i + 1] : 0;
	*var = best_v;
	return best;
}

/*
 * The autocorrelations rho[0..L] of the stationary AR(p) with
 * coefficients phi: rho[1..p] solve the Yule-Walker equations (Gaussian
 * elimination with partial pivoting, p <= SEQ_MAX_P), the rest follow by
 * the recursion.  Returns the process's variance per unit innovation
 * variance, 1 / (1 - sum phi_i rho_i), or 0 when the equations are
 * singular or the result is no autocorrelation (not stationary).
 */
double
seq_ar_acf(const double *phi, int p, double *rho, int L)
{
	double		m[SEQ_MAX_P][SEQ_MAX_P + 1];
	double		s = 0;
	int			h,
				i,
				c;

	rho[0] = 1;
	if (p > 0)
	{
		memset(m, 0, sizeof(m));
		/* rho_h - sum_{i != h} phi_i rho_|h-i| = phi_h, h = 1..p */
		for (h = 1; h <= p; h++)
		{
			m[h - 1][h - 1] += 1;
			m[h - 1][p] = phi[h - 1];
			for (i = 1; i <= p; i++)
				if (i != h)
					m[h - 1][abs(h - i) - 1] -= phi[i - 1];
		}
		for (c = 0; c < p; c++)
		{
			int			piv = c,
						r,
						k;

			for (r = c + 1; r < p; r++)
				if (fabs(m[r][c]) > fabs(m[piv][c]))
					piv = r;
			if (fabs(m[piv][c]) < 1e-12)
				return 0;
			if (piv != c)
				for (k = 0; k <= p; k++)
				{
					double		t = m[c][k];

					m[c][k] = m[piv][k];
					m[piv][k] = t;
				}
			for (r = 0; r < p; r++)
			{
				double		f;

				if (r == c)
					continue;
				f = m[r][c] / m[c][c];
				for (k = c; k <= p; k++)
					m[r][k] -= f * m[c][k];
			}
		}
		for (h = 1; h <= p; h++)
		{
			double		r = m[h - 1][p] / m[h - 1][h - 1];

			if (!(fabs(r) <= 1))
				return 0;
			if (h <= L)
				rho[h] = r;
			s += phi[h - 1] * r;
		}
	}
	for (h = p + 1; h <= L; h++)
	{
		double		x = 0;

		for (i = 1; i <= p; i++)
			x += phi[i - 1] * rho[h - i];
		rho[h] = x;
	}
	if (!(s < 1 - 1e-9))
		return 0;
	return 1 / (1 - s);
}

/*
 * The expected within-entity sample autocorrelations out[1..H] of a
 * stationary process of autocorrelations rho[0..maxlen-1], measured as
 * the fit measures them: per lag, the sum over entities and steps of the
 * products of deviations from the entity's mean divided by the number of
 * pairs, over the same at lag 0.  Histories have lengths lens[0..nl-1]
 * (repeats allowed).  With x-bar the mean of n steps,
 *
 *	E sum_{t<n-h} (x_t - xbar)(x_{t+h} - xbar)
 *		= (n-h) rho_h - (1/n) sum_{t<n-h} (c_t + c_{t+h}) + (n-h) Var(xbar),
 *
 * c_t = sum_s rho_|t-s| and Var(xbar) = sum_t c_t / n^2 (Priestley 1981,
 * section 5.3).  *within receives the expected share of the process's
 * variance left within entities: sum_n n (1 - Var(xbar)) / sum_n n.
 * work has room for 2 (maxlen + 1) doubles.
 */
static void
expected_acf(const double *rho, const double *lens, int nl, int H,
			 double *work, double *out, double *within)
{
	double		num[SEQ_MAX_P + 1],
				cnt[SEQ_MAX_P + 1],
				steps = 0;
	int			i,
				h;

	memset(num, 0, sizeof(num));
	memset(cnt, 0, sizeof(cnt));
	for (i = 0; i < nl; i++)
	{
		int			n = (int) Min(lens[i], AR_MAX_LEN),
					t;
		double	   *cum = work,		/* cum[k] = rho_0 + ... + rho_k */
				   *pc = work + n;	/* pc[t] = c_0 + ... + c_{t-1} */
		double		acc = 0,
					vbar;

		if (i > 0 && n == (int) Min(lens[i - 1], AR_MAX_LEN))
		{
			/* a repeated length: the same sums again */
			for (h = 0; h <= H; h++)
			{
				num[h] += out[h];
				cnt[h] += Max(0, n - h);
			}
			steps += n;
			continue;
		}
		for (t = 0; t < n; t++)
		{
			acc += rho[t];
			cum[t] = acc;
		}
		pc[0] = 0;
		for (t = 0; t < n; t++)
			pc[t + 1] = pc[t] + cum[t] + cum[n - 1 - t] - 1;
		vbar = pc[n] / ((double) n * n);
		for (h = 0; h <= H; h++)
		{
			double		e = 0;

			if (h < n)
				e = (n - h) * rho[h] - (pc[n - h] + pc[n] - pc[h]) / n +
					(n - h) * vbar;
			/* remembered in out[] for a repeated length */
			out[h] = e;
			num[h] += e;
			cnt[h] += Max(0, n - h);
		}
		steps += n;
	}
	for (h = 1; h <= H; h++)
		out[h] = cnt[h] > 0 && num[0] > 0 ? (num[h] / cnt[h]) / (num[0] / cnt[0]) : 0;
	out[0] = 1;
	*within = steps > 0 ? num[0] / steps : 1;
}

/*
 * The AR(p) whose expected within-entity sample autocorrelations at lags
 * 1..p over histories of lengths lens[] (ascending, at least 2) equal the
 * observed ones, obs[0..p]; see the file header.  On success phi, *var
 * and *within are those of the corrected process; when the iteration
 * finds nothing closer to the observations than the plain Yule-Walker
 * fit (phi and *var on entry), they describe that fit.
 */
void
seq_ar_debias(const double *obs, int p, const double *lens, int nl,
			  double *phi, double *var, double *within)
{
	double		cur[SEQ_MAX_P + 1],
				prev[SEQ_MAX_P + 1],
				e[SEQ_MAX_P + 1],
				tphi[SEQ_MAX_P],
				tv,
				w,
				best_err,
				step = AR_DEBIAS_STEP;
	double	   *rho,
			   *work;
	int			maxlen = 2,
				i,
				h,
				it;

	*within = 1;
	if (p <= 0 || nl <= 0)
		return;
	for (i = 0; i < nl; i++)
		maxlen = Max(maxlen, (int) Min(lens[i], AR_MAX_LEN));
	rho = palloc(sizeof(double) * (maxlen + 1));
	work = palloc(sizeof(double) * 2 * (maxlen + 1));

	/* the plain fit, measured the same way */
	if (seq_ar_acf(phi, p, rho, maxlen) <= 0)
	{
		pfree(rho);
		pfree(work);
		return;
	}
	expected_acf(rho, lens, nl, p, work, e, within);
	best_err = 0;
	for (h = 1; h <= p; h++)
		best_err = Max(best_err, fabs(obs[h] - e[h]));

	memcpy(cur, obs, sizeof(double) * (p + 1));
	memcpy(prev, obs, sizeof(double) * (p + 1));
	for (it = 0; it < AR_DEBIAS_ITERS && best_err > AR_DEBIAS_TOL; it++)
	{
		double		err = 0;

		CHECK_FOR_INTERRUPTS();
		for (h = 1; h <= p; h++)
			cur[h] = prev[h] + step * (cur[h] - prev[h]);
		if (seq_ar_levinson(cur, p, 0, false, tphi, &tv) != p ||
			seq_ar_acf(tphi, p, rho, maxlen) <= 0)
		{
			/* past the stationary region: a shorter step from prev */
			step *= 0.5;
			if (step < 1e-3)
				break;
			continue;
		}
		expected_acf(rho, lens, nl, p, work, e, &w);
		for (h = 1; h <= p; h++)
			err = Max(err, fabs(obs[h] - e[h]));
		if (err < best_err)
		{
			best_err = err;
			memcpy(phi, tphi, sizeof(double) * SEQ_MAX_P);
			*var = tv;
			*within = w;
		}
		memcpy(prev, cur, sizeof(double) * (p + 1));
		for (h = 1; h <= p; h++)
			cur[h] = Max(-AR_MAX_KAPPA, Min(AR_MAX_KAPPA, cur[h] + (obs[h] - e[h])));
		step = AR_DEBIAS_STEP;
	}
	pfree(rho);
	pfree(work);
}

/*
 * The lower Cholesky factor l (p x p, row-major) of the covariance of p
 * consecutive values of the AR(p) (phi, innovation sd sigma): its first
 * p values drawn as l times p standard normals start a history in the
 * stationary distribution.  False (l zero) when there is none.
 */
bool
seq_ar_start_factor(const double *phi, int p, double sigma, double *l)
{
	double		rho[SEQ_MAX_P + 1],
				g[SEQ_MAX_P * SEQ_MAX_P],
				gain;
	int			i,
				j;

	memset(l, 0, sizeof(double) * Max(p, 1) * Max(p, 1));
	if (p <= 0)
		return false;
	gain = seq_ar_acf(phi, p, rho, p);
	if (gain <= 0)
		return false;
	for (i = 0; i < p; i++)
		for (j = 0; j < p; j++)
			g[i * p + j] = sigma * sigma * gain * rho[abs(i - j)];
	if (!sd_cholesky(g, p, l))
	{
		memset(l, 0, sizeof(double) * p * p);
		return false;
	}
	return true;
}
