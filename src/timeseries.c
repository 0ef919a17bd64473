/*-------------------------------------------------------------------------
 *
 * timeseries.c
 *		Synthetic time series (trend, seasonalities, level shifts,
 *		outliers, missing steps, ARMA noise with Gaussian or GARCH(1,1)
 *		innovations, correlated series) and event processes
 *		(non-homogeneous Poisson by thinning).
 *
 * Reproducible by construction.  Every random number is a pure function
 * of (seed, stream, index): innovation z(s, j) of series s at step j is
 * the normal drawn at counter row j of the series' stream, for every
 * integer j, negative ones included.  A recursion such as AR or GARCH
 * would make value i depend on where the run started; instead the steps
 * are cut into blocks of B steps (B fixed by the coefficients alone), and
 * at the start b of each block the state is computed from the innovations
 * alone:
 *
 *	- GARCH(1,1): sigma2(t) = omega * sum_{k>=0} prod_{m=1..k} a(t-m), with
 *	  a(j) = alpha z(j)^2 + beta, the stationary solution of
 *	  sigma2(t+1) = omega + sigma2(t) a(t); it is summed by Horner's rule
 *	  over the G innovations before t, G the least with (alpha+beta)^G <
 *	  1e-17 (the expected relative weight of the dropped terms);
 *	- ARMA(p,q): x(j) = sum_{k<W} psi(k) e(j-k), the MA(infinity)
 *	  representation, truncated at the least W whose dropped weights carry
 *	  less than 1e-32 of the variance, i.e. an error of 1e-16 standard
 *	  deviations (exact, W = q+1, for pure MA).
 *
 * Within the block the ordinary recursions run.  The state at b is
 * therefore the true infinite-past state up to a relative error below
 * double precision, the series is stationary from step 0 (no burn-in:
 * the innovations before step 0 exist), and value i is the same floating
 * point number whether a run starts at 0 or at i: a run that starts at i
 * restarts at the block start b <= i and recurses to i exactly as a run
 * from 0 does.
 *
 * Level shifts form a compound Poisson process: block m of
 * SD_TS_SHIFT_BLOCK steps holds Poisson(rate * SD_TS_SHIFT_BLOCK) shifts at
 * uniform positions with normal sizes, all drawn at row m of the shift
 * stream; the level at i adds the sums of the blocks before, in block
 * order, so a run from i gets the same value as a run from 0.  Outliers
 * and missing steps are drawn at row i of their own stream.
 *
 * Events: intensity lambda(t) piecewise constant by hour of week (or
 * linear between hour midpoints); candidates are a homogeneous Poisson
 * process of the hour's maximal rate, generated hour by hour from row H
 * (the hour's number since 2000-01-01) by exponential gaps, and kept with
 * probability lambda(t)/lambda_max (Lewis and Shedler, "Simulation of
 * nonhomogeneous Poisson processes by thinning", Naval Research Logistics
 * Quarterly 26(3), 1979).  A Poisson process restarted at fixed times is
 * still the same Poisson process (memorylessness), so the events of an
 * hour depend on (seed, hour) only, whatever the start of the run.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/timeseries.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/memutils.h"

#include "distributions.h"
#include "model.h"
#include "timeseries.h"

/*
 * Truncation: the dropped MA(infinity) weights carry less than 1e-32 of
 * the variance (an error of about 1e-16 sd, the rounding of a double);
 * the dropped GARCH terms less than 1e-17 of the variance in expectation.
 */
#define TS_TAIL_EPS		1e-32
#define TS_GARCH_EPS	1e-17
#define TS_USECS_PER_HOUR	3600000000.0

/* ---------------------------------------------------------------------
 * Validation
 * ---------------------------------------------------------------------
 */

/*
 * Stationarity of 1 - ar[0] z - ... - ar[p-1] z^p: all roots outside the
 * unit circle iff every partial autocorrelation of the step-down
 * (reverse Levinson-Durbin) recursion is less than 1 in magnitude.
 * The same test on -ma checks the invertibility of an MA polynomial.
 */
static const char *
sd_ts_check_ar(const double *coef, int p)
{
	double		a[SD_TS_MAX_AR + 1],
				b[SD_TS_MAX_AR + 1];
	int			k,
				j;

	for (j = 1; j <= p; j++)
		a[j] = coef[j - 1];
	for (k = p; k >= 1; k--)
	{
		double		r = a[k];
		double		d = 1.0 - r * r;

		if (!(fabs(r) < 1.0) || !(d > 1e-12))
			return "has a root on or inside the unit circle";
		for (j = 1; j < k; j++)
			b[j] = (a[j] + r * a[k - j]) / d;
		for (j = 1; j < k; j++)
			a[j] = b[j];
	}
	return NULL;
}

const char *
sd_ts_comp_prepare(SdTsComp *c, const char **hint)
{
	double	   *psi;
	double		total = 0,
				tail = 0;
	int			cap = SD_TS_MAX_WINDOW;
	int			k,
				j,
				w;
	double		ma_neg[SD_TS_MAX_MA];

	*hint = NULL;
	if (sd_ts_check_ar(c->ar, c->p) != NULL)
	{
		*hint = "An AR(p) process is stationary when every root of 1 - ar1 z - ... - arp z^p lies outside the unit circle; for AR(1), |ar1| < 1; for AR(2), |ar2| < 1 and ar2 +/- ar1 < 1.";
		return "the AR coefficients are not stationary";
	}
	for (j = 0; j < c->q; j++)
		ma_neg[j] = -c->ma[j];
	if (sd_ts_check_ar(ma_neg, c->q) != NULL)
	{
		*hint = "An MA(q) process is invertible when every root of 1 + ma1 z + ... + maq z^q lies outside the unit circle; for MA(1), |ma1| < 1.";
		return "the MA coefficients are not invertible";
	}

	/* MA(infinity) weights, truncated where the tail is negligible */
	psi = palloc(sizeof(double) * cap);
	for (j = 0; j < cap; j++)
	{
		double		v = (j == 0) ? 1.0 : (j <= c->q ? c->ma[j - 1] : 0.0);

		for (k = 1; k <= c->p && k <= j; k++)
			v += c->ar[k - 1] * psi[j - k];
		psi[j] = v;
		total += v * v;
		if (c->p == 0 && j > c->q)
			break;
	}
	if (c->p == 0)
		w = c->q + 1;
	else
	{
		for (j = cap - 1; j >= 0; j--)
		{
			tail += psi[j] * psi[j];
			if (tail > TS_TAIL_EPS * total)
				break;
		}
		w = j + 1;
		if (w > cap - cap / 4)
		{
			pfree(psi);
			*hint = "Move the roots of the AR polynomial further from the unit circle (e.g. ar1 = 0.999 instead of 0.9999).";
			return "the AR coefficients are too close to non-stationarity";
		}
	}
	w = Max(w, Max(c->p, c->q) + 1);
	c->window = w;
	c->psi = repalloc(psi, sizeof(double) * w);

	c->gwindow = 0;
	if (c->garch)
	{
		double		ab = c->alpha + c->beta;

		if (!(c->omega > 0) || !(c->alpha >= 0) || !(c->beta >= 0))
		{
			*hint = "Use omega > 0, alpha >= 0 and beta >= 0.";
			return "invalid GARCH(1,1) coefficients";
		}
		if (!(ab < 1))
		{
			*hint = "GARCH(1,1) has a finite variance only when alpha + beta < 1.";
			return "the GARCH(1,1) coefficients are not stationary";
		}
		if (ab <= 0)
			c->gwindow = 1;
		else
		{
			double		g = ceil(log(TS_GARCH_EPS) / log(ab));

			if (g > cap)
			{
				*hint = "Make alpha + beta smaller (e.g. 0.999 instead of 0.99999).";
				return "the GARCH(1,1) coefficients are too close to non-stationarity";
			}
			c->gwindow = Max((int) g, 1);
		}
	}
	/* restarts cost about window + gwindow draws: keep them under 1/4 */
	c->block = Max(4096, 4 * (c->window + c->gwindow + Max(c->p, c->q)));
	return NULL;
}

/*
 * Lower Cholesky factor of a correlation matrix, allowing positive
 * semi-definite matrices (a zero pivot leaves its column zero when the
 * rest of the column is zero too).
 */
const char *
sd_ts_cholesky(const double *corr, int k, double *chol, const char **hint)
{
	int			i,
				j;
	SdCholTol	tol;

	*hint = NULL;
	for (i = 0; i < k; i++)
	{
		if (fabs(corr[i * k + i] - 1.0) > 1e-9)
		{
			*hint = "A correlation matrix has ones on its diagonal.";
			return "the correlation matrix has a diagonal element other than 1";
		}
		for (j = 0; j < k; j++)
			if (!(fabs(corr[i * k + j]) <= 1.0) ||
				fabs(corr[i * k + j] - corr[j * k + i]) > 1e-9)
			{
				*hint = "A correlation matrix is symmetric with entries between -1 and 1.";
				return "the correlation matrix is not symmetric or has an entry outside [-1, 1]";
			}
	}
	/*
	 * A pivot whose root is not above 1e-12 leaves its column zero; the
	 * rest of that column must be within 1e-9 of zero.
	 */
	tol.negative = 1e-9;
	tol.zero = 1e-24;
	tol.column = 1e-9;
	tol.keep_diagonal = true;
	if (sd_cholesky_tol(corr, k, chol, &tol, NULL) != SD_CHOL_OK)
	{
		*hint = "Use a positive semi-definite matrix, e.g. the correlation matrix of real data, or lower the off-diagonal entries.";
		return "the correlation matrix is not positive semi-definite";
	}
	return NULL;
}

/* ---------------------------------------------------------------------
 * Series generation
 * ---------------------------------------------------------------------
 */

/* streams: innovations of series s; per-step events of s; shifts of s */
static inline uint64
ts_stream(uint64 base, int kind, int s)
{
	return sd_stream_child(sd_stream_child(base, (uint64) kind), (uint64) s);
}

static int
ts_block(const SdTsSpec *spec)
{
	int			b = 0,
				s;

	for (s = 0; s < spec->nseries; s++)
		b = Max(b, spec->comp[s].block);
	return b;
}

static int
ts_history(const SdTsSpec *spec)
{
	int			h = 0,
				s;

	for (s = 0; s < spec->nseries; s++)
	{
		const SdTsComp *c = &spec->comp[s];

		h = Max(h, c->window + Max(c->p, c->q) + c->gwindow);
	}
	return h;
}

/* correlated innovations of every series at step j, into st->z */
static void
ts_innovations(SdTsState *st, int64 j)
{
	const SdTsSpec *spec = st->spec;
	int			k = spec->nseries;
	int			s,
				t;

	if (!st->rng_keyed || st->rng_seed != st->seed || st->rng_stream != st->stream)
	{
		for (s = 0; s < k; s++)
		{
			sd_rng_init(&st->rng[s], st->seed, ts_stream(st->stream, 0, s));
			sd_rng_init(&st->ev_rng[s], st->seed, ts_stream(st->stream, 1, s));
		}
		st->rng_seed = st->seed;
		st->rng_stream = st->stream;
		st->rng_keyed = true;
	}
	for (s = 0; s < k; s++)
	{
		sd_rng_seek(&st->rng[s], (uint64) j);
		st->w[s] = sd_draw_normal(&st->rng[s]);
	}
	if (spec->chol == NULL)
	{
		for (s = 0; s < k; s++)
			st->z[s] = st->w[s];
		return;
	}
	for (s = 0; s < k; s++)
	{
		double		v = 0;

		for (t = 0; t <= s; t++)
			v += spec->chol[s * k + t] * st->w[t];
		st->z[s] = v;
	}
}

/* ARMA/GARCH recursion for series s at one step with innovation z */
static inline double
ts_noise_step(const SdTsComp *c, SdTsSeriesState *ss, double z)
{
	double		e,
				x;
	int			k;

	if (c->garch)
	{
		e = sqrt(ss->sigma2) * z;
		ss->sigma2 = c->omega + ss->sigma2 * (c->alpha * z * z + c->beta);
	}
	else
		e = c->sd * z;
	x = e;
	for (k = 0; k < c->p; k++)
		x += c->ar[k] * ss->xlag[k];
	for (k = 0; k < c->q; k++)
		x += c->ma[k] * ss->elag[k];
	for (k = c->p - 1; k > 0; k--)
		ss->xlag[k] = ss->xlag[k - 1];
	if (c->p > 0)
		ss->xlag[0] = x;
	for (k = c->q - 1; k > 0; k--)
		ss->elag[k] = ss->elag[k - 1];
	if (c->q > 0)
		ss->elag[0] = e;
	return x;
}

/*
 * The state at block start b from the innovations before b (see the file
 * header).  buf holds, per series, the innovations e(b-L) .. e(b-1).
 */
static void
ts_restart(SdTsState *st, int64 b)
{
	const SdTsSpec *spec = st->spec;
	int			k = spec->nseries;
	int			hist = ts_history(spec);
	int			s,
				j,
				m;
	int64		first = b - hist;

	/* GARCH: sigma2 at "first" by Horner over the gwindow steps before */
	for (s = 0; s < k; s++)
		st->ser[s].sigma2 = 1.0;
	{
		int			gmax = 0;

		for (s = 0; s < k; s++)
			gmax = Max(gmax, spec->comp[s].gwindow);
		for (j = gmax; j >= 1; j--)
		{
			ts_innovations(st, first - j);
			for (s = 0; s < k; s++)
			{
				const SdTsComp *c = &spec->comp[s];

				if (c->garch && j <= c->gwindow)
					st->ser[s].sigma2 = 1.0 + (c->alpha * st->z[s] * st->z[s] + c->beta) * st->ser[s].sigma2;
			}
		}
		for (s = 0; s < k; s++)
			if (spec->comp[s].garch)
				st->ser[s].sigma2 *= spec->comp[s].omega;
	}

	/* innovations e(first) .. e(b-1), the GARCH variance carried along */
	for (j = 0; j < hist; j++)
	{
		ts_innovations(st, first + j);
		for (s = 0; s < k; s++)
		{
			const SdTsComp *c = &spec->comp[s];
			SdTsSeriesState *ss = &st->ser[s];
			double		z = st->z[s];

			if (c->garch)
			{
				st->buf[s * hist + j] = sqrt(ss->sigma2) * z;
				ss->sigma2 = c->omega + ss->sigma2 * (c->alpha * z * z + c->beta);
			}
			else
				st->buf[s * hist + j] = c->sd * z;
		}
	}

	/* x(b-1-m) by the truncated MA(infinity) sum; e lags as they are */
	for (s = 0; s < k; s++)
	{
		const SdTsComp *c = &spec->comp[s];
		SdTsSeriesState *ss = &st->ser[s];
		const double *e = st->buf + s * hist;

		for (m = 0; m < c->p; m++)
		{
			int			at = hist - 1 - m;	/* position of e(b-1-m) */
			double		v = 0;
			int			i;

			for (i = 0; i < c->window; i++)
				v += c->psi[i] * e[at - i];
			ss->xlag[m] = v;
		}
		for (m = 0; m < c->q; m++)
			ss->elag[m] = e[hist - 1 - m];
	}
}

static double
ts_shift_block_sum(SdTsState *st, int s, int64 m, double *delta)
{
	const SdTsComp *c = &st->spec->comp[s];
	SdRng		rng;
	int64		n,
				i;
	double		sum = 0;

	sd_rng_init(&rng, st->seed, ts_stream(st->stream, 2, s));
	sd_rng_seek(&rng, (uint64) m);
	n = sd_draw_poisson(&rng, c->shift_rate * SD_TS_SHIFT_BLOCK);
	if (delta)
		memset(delta, 0, sizeof(double) * SD_TS_SHIFT_BLOCK);
	for (i = 0; i < n; i++)
	{
		int			pos = (int) sd_rng_below(&rng, SD_TS_SHIFT_BLOCK);
		double		size = c->shift_sd * sd_draw_normal(&rng);

		sum += size;
		if (delta)
			delta[pos] += size;
	}
	return sum;
}

/* level shift state for block m (of every series with shifts) */
static void
ts_shift_load(SdTsState *st, int64 m, bool from_previous)
{
	const SdTsSpec *spec = st->spec;
	int			s;
	int64		b;

	for (s = 0; s < spec->nseries; s++)
	{
		SdTsSeriesState *ss = &st->ser[s];

		if (!(spec->comp[s].shift_rate > 0))
			continue;
		if (from_previous)
			ss->level_base += ts_shift_block_sum(st, s, m - 1, NULL);
		else
		{
			ss->level_base = 0;
			for (b = 0; b < m; b++)
			{
				if ((b & 1023) == 0)
					CHECK_FOR_INTERRUPTS();
				ss->level_base += ts_shift_block_sum(st, s, b, NULL);
			}
		}
		ts_shift_block_sum(st, s, m, ss->shift_delta);
		ss->level_run = 0;
	}
	st->shift_block = m;
}

void
sd_ts_state_init(SdTsState *st, const SdTsSpec *spec, uint64 seed,
				 uint64 stream)
{
	int			s;

	memset(st, 0, sizeof(*st));
	st->spec = spec;
	st->seed = seed;
	st->stream = stream;
	st->ser = palloc0(sizeof(SdTsSeriesState) * spec->nseries);
	for (s = 0; s < spec->nseries; s++)
		if (spec->comp[s].shift_rate > 0)
			st->ser[s].shift_delta = palloc(sizeof(double) * SD_TS_SHIFT_BLOCK);
	st->buf = palloc(sizeof(double) * spec->nseries * Max(ts_history(spec), 1));
	st->w = palloc(sizeof(double) * spec->nseries);
	st->z = palloc(sizeof(double) * spec->nseries);
	st->rng = palloc(sizeof(SdRng) * spec->nseries);
	st->ev_rng = palloc(sizeof(SdRng) * spec->nseries);
	st->index = -1;
	st->shift_block = -1;
}

/* Position so that the next sd_ts_step computes step index (>= 0). */
void
sd_ts_seek(SdTsState *st, int64 index)
{
	const SdTsSpec *spec = st->spec;
	int			B = ts_block(spec);
	int64		b = index - index % B;
	int64		j;
	int			s;
	int64		m = index / SD_TS_SHIFT_BLOCK;

	Assert(index >= 0);
	ts_restart(st, b);
	for (j = b; j < index; j++)
	{
		if (((j - b) & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		ts_innovations(st, j);
		for (s = 0; s < spec->nseries; s++)
			(void) ts_noise_step(&spec->comp[s], &st->ser[s], st->z[s]);
	}
	ts_shift_load(st, m, false);
	for (s = 0; s < spec->nseries; s++)
	{
		SdTsSeriesState *ss = &st->ser[s];
		int			pos;

		if (ss->shift_delta == NULL)
			continue;
		for (pos = 0; pos < index - m * SD_TS_SHIFT_BLOCK; pos++)
			ss->level_run += ss->shift_delta[pos];
	}
	st->index = index;
}

static double
ts_trend(const SdTsComp *c, double i)
{
	int			k;

	switch (c->trend)
	{
		case SD_TREND_NONE:
			return c->level;
		case SD_TREND_LINEAR:
			return c->level + c->slope * i;
		case SD_TREND_PIECEWISE:
			for (k = c->nchanges - 1; k >= 0; k--)
				if (i >= c->change_at[k])
					return c->change_base[k] + c->change_slope[k] * (i - c->change_at[k]);
			return c->level + c->slope * i;
		case SD_TREND_LOGISTIC:
			return c->level + c->capacity / (1.0 + exp(-c->growth * (i - c->midpoint)));
	}
	return c->level;
}

void
sd_ts_step(SdTsState *st, double *values, bool *present)
{
	const SdTsSpec *spec = st->spec;
	int64		i = st->index;
	int			B = ts_block(spec);
	int			s,
				k;
	double		di = (double) i;

	if (i > 0 && i % B == 0)
		ts_restart(st, i);
	if (i > 0 && i % SD_TS_SHIFT_BLOCK == 0 && st->shift_block == i / SD_TS_SHIFT_BLOCK - 1)
		ts_shift_load(st, i / SD_TS_SHIFT_BLOCK, true);

	ts_innovations(st, i);
	for (s = 0; s < spec->nseries; s++)
	{
		const SdTsComp *c = &spec->comp[s];
		SdTsSeriesState *ss = &st->ser[s];
		double		v;

		v = ts_noise_step(c, ss, st->z[s]);
		v += ts_trend(c, di);
		for (k = 0; k < c->nseasons; k++)
			v += c->amplitude[k] *
				sin(2.0 * M_PI * (fmod(di, c->period[k]) / c->period[k]) + c->phase[k]);
		if (ss->shift_delta)
		{
			ss->level_run += ss->shift_delta[i % SD_TS_SHIFT_BLOCK];
			v += ss->level_base + ss->level_run;
		}
		present[s] = true;
		if (c->outlier_rate > 0 || c->missing_rate > 0)
		{
			SdRng	   *rng = &st->ev_rng[s];
			double		u_missing,
						u_outlier,
						u_sign;

			sd_rng_seek(rng, (uint64) i);
			u_missing = sd_rng_uniform(rng);
			u_outlier = sd_rng_uniform(rng);
			u_sign = sd_rng_uniform(rng);
			if (u_outlier < c->outlier_rate)
				v += u_sign < 0.5 ? -c->outlier_size : c->outlier_size;
			if (u_missing < c->missing_rate)
				present[s] = false;
		}
		values[s] = v;
	}
	st->index = i + 1;
}

/* ---------------------------------------------------------------------
 * Events
 * ---------------------------------------------------------------------
 */

/* hour of week, Monday 00h = 0, of hour number h since 2000-01-01 00:00 (a Saturday) */
static inline int
ev_how(int64 h)
{
	int64		d = h >= 0 ? h / 24 : -((-h + 23) / 24);
	int64		hod = h - d * 24;
	int64		dow = ((d + 5) % 7 + 7) % 7;

	return (int) (dow * 24 + hod);
}

static double
ev_rate(const SdEvSpec *spec, int64 hour, double offset)
{
	double		a,
				b,
				f;

	if (!spec->smooth)
		return spec->lam[ev_how(hour)];
	if (offset < TS_USECS_PER_HOUR / 2)
	{
		a = spec->lam[ev_how(hour - 1)];
		b = spec->lam[ev_how(hour)];
		f = (offset + TS_USECS_PER_HOUR / 2) / TS_USECS_PER_HOUR;
	}
	else
	{
		a = spec->lam[ev_how(hour)];
		b = spec->lam[ev_how(hour + 1)];
		f = (offset - TS_USECS_PER_HOUR / 2) / TS_USECS_PER_HOUR;
	}
	return a + (b - a) * f;
}

static void
ev_enter_hour(SdEvState *st, int64 hour)
{
	const SdEvSpec *spec = st->spec;

	st->hour = hour;
	st->offset = 0;
	sd_rng_seek(&st->rng, (uint64) hour);
	st->lmax = spec->lam[ev_how(hour)];
	if (spec->smooth)
	{
		st->lmax = Max(st->lmax, spec->lam[ev_how(hour - 1)]);
		st->lmax = Max(st->lmax, spec->lam[ev_how(hour + 1)]);
	}
}

void
sd_ev_init(SdEvState *st, const SdEvSpec *spec, uint64 seed, int64 start_usec)
{
	int64		hour = start_usec >= 0 ? start_usec / (int64) TS_USECS_PER_HOUR :
		-((-start_usec + (int64) TS_USECS_PER_HOUR - 1) / (int64) TS_USECS_PER_HOUR);

	memset(st, 0, sizeof(*st));
	st->spec = spec;
	st->seed = seed;
	st->stream = sd_stream_id("synth_events");
	sd_rng_init(&st->rng, seed, st->stream);
	ev_enter_hour(st, hour);
}

/*
 * Next event time (microseconds since 2000-01-01), or PG_INT64_MIN when an
 * hour ended without one, so that the caller can check its end time and
 * interrupts between hours.  The caller skips events before its start.
 */
int64
sd_ev_next(SdEvState *st)
{
	for (;;)
	{
		double		u;

		if (st->lmax > 0)
		{
			st->offset += sd_draw_exponential(&st->rng) / st->lmax;
			if (st->offset < TS_USECS_PER_HOUR)
			{
				u = sd_rng_uniform(&st->rng);
				if (u * st->lmax <= ev_rate(st->spec, st->hour, st->offset))
					return st->hour * (int64) TS_USECS_PER_HOUR + (int64) floor(st->offset);
				continue;
			}
		}
		ev_enter_hour(st, st->hour + 1);
		return PG_INT64_MIN;
	}
}

/* ---------------------------------------------------------------------
 * Random access for the series() rule
 * ---------------------------------------------------------------------
 */

SdTsCursor *
sd_ts_cursor_create(SdTsSpec *spec)
{
	SdTsCursor *cur = palloc0(sizeof(SdTsCursor));

	cur->spec = spec;
	cur->context = CurrentMemoryContext;
	return cur;
}

bool
sd_ts_value_at(SdTsCursor *cur, uint64 seed, uint64 stream, int64 index,
			   double *value)
{
	SdTsCursorSlot *slot = cur->slots[(stream ^ seed) % SD_TS_CURSOR_SLOTS];

	Assert(index >= 0);
	Assert(cur->spec->nseries == 1);
	if (slot == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(cur->context);

		slot = palloc0(sizeof(SdTsCursorSlot));
		sd_ts_state_init(&slot->st, cur->spec, seed, stream);
		cur->slots[(stream ^ seed) % SD_TS_CURSOR_SLOTS] = slot;
		MemoryContextSwitchTo(old);
	}
	/* the step just computed, asked again (another column of the row) */
	if (slot->ready && slot->st.seed == seed && slot->st.stream == stream &&
		slot->st.index == index + 1)
	{
		*value = slot->value;
		return slot->present;
	}
	if (!slot->ready || slot->st.seed != seed || slot->st.stream != stream ||
		index < slot->st.index || index - slot->st.index > 64)
	{
		slot->st.seed = seed;
		slot->st.stream = stream;
		sd_ts_seek(&slot->st, index);
		slot->ready = true;
	}
	while (slot->st.index <= index)
		sd_ts_step(&slot->st, &slot->value, &slot->present);
	*value = slot->value;
	return slot->present;
}
