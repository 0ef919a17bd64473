/*-------------------------------------------------------------------------
 *
 * sequence_estimate.c
 *		Fitted sequences: the estimation of the dynamics of the rows
 *		sequence.c read (its grid, and seq_estimate_dynamics).
 *
 * A continuous column without a conditional marginal is modelled on its
 * value scale (the logarithm of positive values spread over more than a
 * factor 20): x = level + sd (mu(time) + s_b Q(Phi(w))), mu the seasonal
 * means and trend, s_b the residual's sd in the season's bucket b, Q the
 * residual's quantile function and w the AR process below on its normal
 * scores; the value drawn is mapped back to the latent through the
 * column's own quantile function, so the fitted marginal still holds.
 * Seasonal means taken on normal scores would shrink a strong season
 * (nottem's autocorrelations came out at 0.75-0.82 of the real ones).
 * The later column of an ordering is read as its gap, as the copula holds
 * it (temp_max after temp_min: read as a temperature, every row scored at
 * the top of the gap's marginal and the clone's temp_max came out 9
 * degrees too warm).
 *
 * A column with a conditional marginal on an entity attribute (a housing
 * panel's sales given the city) is modelled on its value scale too, with
 * the entity's level taken from its parent's category: x = level + sd
 * (L_c + mu(time) + s_b g(L_c) Q(Phi(w))), L_c the mean of category c's
 * conditional marginal (computed by the sampler from the marginal itself)
 * and g(m) = exp(slope (m - center)) the noise's sd at that level, one
 * slope fitted over k entities or more (dim_entity_noise); the value is
 * mapped back to the latent within the category (sampler_cond_latent).
 * On the latent scale a conditional marginal's end categories stretch
 * (their latent intervals reach to infinity: Dallas's and Brownsville's
 * latent sd within the city was twice the others'), and one noise share
 * for all gives the large, smooth cities the small towns' noise.
 *
 * The other dimensions' dynamics live on the copula's latent scale, so
 * every column keeps the marginal the ordinary fit gave it.  For latent
 * dimension j of the row at step t of entity e:
 *
 *		z[j] = mu_j(time) + scale_j (sqrt(tau_j) a[j] + sqrt(1 - tau_j) w_j(t))
 *
 * a ~ N(0, R) is drawn once per entity through the copula's correlation
 * matrix R (entity attributes are a[j] itself); mu_j holds the seasonal
 * means by hour of day, weekday and month, estimated by one round of
 * backfitting (Hastie and Tibshirani 1990), a linear trend and, for a
 * panel, the common path of its entities (smoothed period means over k
 * entities or more, see dim_path); w_j is a unit-variance AR(p) process
 * fitted to the pooled within-entity autocorrelations by the
 * Levinson-Durbin recursion (Yule-Walker), p chosen by AIC (Akaike 1974)
 * and corrected for the bias of short histories (sequence_ar.c); its
 * innovations are joined across dimensions by their empirical correlation
 * matrix, so cross-correlations at lags 0 and 1 follow the data.  Categories take the mean latent value
 * of their interval, so a state that seldom changes keeps a persistent
 * latent and a changing one a weak one: a Gaussian-copula Markov chain.
 *
 * Reproducible by construction: entity e's length is a function of (seed,
 * e) only, so the entity holding row r is found by adding lengths from
 * entity 0 (remembered as they are found); its start, its burn-in and
 * every step's innovations are functions of (seed, e, step).  Drawing row
 * r therefore gives the same row whatever rows were drawn before it.
 *
 * Layer: engine over the rows read (plain arrays and the model; no
 * catalog or SPI).
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sequence_estimate.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/relation.h"
#include "access/table.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "clone_int.h"
#include "clone_cons.h"
#include "distributions.h"
#include "model.h"
#include "options.h"
#include "rng.h"
#include "roles.h"
#include "sequence_int.h"

#define SEQ_LOG_SPREAD	20.0	/* max / min of positive values modelled as logs */

/* ---------------------------------------------------------------------
 * Estimation
 * ---------------------------------------------------------------------
 */

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : x > y;
}

/*
 * SEQ_Q quantiles of n values, the k - 1 smallest and largest clipped to
 * the k-th: no quantile point is a value fewer than k entities share.
 */
static void
seq_quantiles(double *v, int64 n, int k, double *q)
{
	int64		lo,
				hi;
	int			i;

	qsort(v, n, sizeof(double), cmp_double);
	lo = Min(k - 1, (n - 1) / 2);
	hi = Max(n - k, n - 1 - (n - 1) / 2);
	for (i = 0; i < SEQ_Q; i++)
	{
		double		pos = lo + (hi - lo) * (double) i / (SEQ_Q - 1);
		int64		a = (int64) floor(pos);
		double		w = pos - a;

		q[i] = a + 1 < n ? v[a] * (1 - w) + v[a + 1] * w : v[a];
	}
}

/* the grid of the order column: fixed step, calendar months, or free */
void
seq_estimate_grid(SdSeqModel *sm, const SeqData *sd, int k)
{
	int64		e,
				r,
				ngaps = 0;
	double	   *gaps = palloc(sizeof(double) * Max(sd->n, 1));
	bool		fixed = true,
				months = sm->order_kind != SEQ_ORDER_INTEGER;
	int			mstep = -1,
				mday = -1;
	double		tod = -1,
				g0 = NAN,
				grain;

	for (e = 0; e < sd->nent; e++)
	{
		for (r = sd->first[e] + 1; r < sd->first[e + 1]; r++)
		{
			double		g = sd->t[r] - sd->t[r - 1];

			gaps[ngaps++] = g;
			if (isnan(g0))
				g0 = g;
			if (fabs(g - g0) > 1e-9 * Max(1, fabs(g0)))
				fixed = false;
			if (months)
			{
				int			y1,
							m1,
							d1,
							y2,
							m2,
							d2,
							wd,
							h;
				double		t1,
							t2;

				seq_order_fields(sm, sd->t[r - 1], &y1, &m1, &d1, &wd, &h, &t1);
				seq_order_fields(sm, sd->t[r], &y2, &m2, &d2, &wd, &h, &t2);
				if (mstep < 0)
				{
					mstep = (y2 - y1) * 12 + (m2 - m1);
					mday = d1;
					tod = t1;
				}
				if ((y2 - y1) * 12 + (m2 - m1) != mstep || mstep < 1 ||
					d1 != mday || d2 != mday || t1 != tod || t2 != tod)
					months = false;
			}
		}
	}
	if (ngaps > 0 && fixed && g0 > 0)
	{
		sm->grid = SEQ_GRID_FIXED;
		sm->step = g0;
		sm->anchor = sd->t[0] - floor(sd->t[0] / g0) * g0;
	}
	else if (ngaps > 0 && months && mstep >= 1)
	{
		sm->grid = SEQ_GRID_MONTHS;
		sm->step = mstep;
		sm->mday = mday;
		sm->tod = tod;
	}
	else
	{
		sm->grid = SEQ_GRID_FREE;
		/* the coarsest of second, minute, hour, day dividing every time */
		grain = 1;
		if (sm->order_kind == SEQ_ORDER_TIMESTAMP)
		{
			static const double units[] = {86400e6, 3600e6, 60e6, 1e6, 1e3};
			int			u;

			for (u = 0; u < (int) lengthof(units); u++)
			{
				for (r = 0; r < sd->n; r++)
					if (fmod(sd->t[r], units[u]) != 0)
						break;
				if (r == sd->n)
				{
					grain = units[u];
					break;
				}
			}
		}
		sm->grain = grain;
		if (ngaps > 0)
			seq_quantiles(gaps, ngaps, k, sm->gapq);
		else
			memset(sm->gapq, 0, sizeof(sm->gapq));
	}
	pfree(gaps);
}

/* lengths and starts of the entities */
static void
estimate_entities(SdSeqModel *sm, const SeqData *sd, int k)
{
	double	   *len = palloc(sizeof(double) * Max(sd->nent, 1));
	double	   *start = palloc(sizeof(double) * Max(sd->nent, 1));
	int64		e;

	for (e = 0; e < sd->nent; e++)
	{
		len[e] = (double) (sd->first[e + 1] - sd->first[e]);
		start[e] = sd->t[sd->first[e]];
	}
	sm->entities = sd->nent;
	seq_quantiles(len, sd->nent, k, sm->lenq);
	seq_quantiles(start, sd->nent, k, sm->startq);
	pfree(len);
	pfree(start);
}

/* the years of an order value from the trend's origin */
static double
seq_order_years(const SdSeqModel *sm, double t)
{
	if (sm->order_kind == SEQ_ORDER_INTEGER)
		return 0;
	return seq_order_usecs(sm, t) / YEAR_US - sm->time_center;
}

/* which seasonalities the grid can show */
static void
choose_seasons(SdSeqModel *sm, const SeqData *sd)
{
	double		gap_us,
				span_us;

	if (sm->order_kind == SEQ_ORDER_INTEGER || sd->n < 2)
		return;
	if (sm->grid == SEQ_GRID_FIXED)
		gap_us = seq_order_usecs(sm, sm->step);
	else if (sm->grid == SEQ_GRID_MONTHS)
		gap_us = sm->step * 30.4 * DAY_US;
	else
		gap_us = seq_order_usecs(sm, sm->gapq[SEQ_Q / 2]);
	span_us = seq_order_usecs(sm, sm->startq[SEQ_Q - 1] + sm->lenq[SEQ_Q / 2] *
						  (sm->grid == SEQ_GRID_MONTHS ? 30.4 : 1) *
						  (sm->grid == SEQ_GRID_FIXED ? sm->step : 1)) -
		seq_order_usecs(sm, sm->startq[0]);
	sm->season_hour = gap_us < DAY_US;
	sm->season_wday = gap_us < 7 * DAY_US;
	sm->season_month = gap_us < 366 * DAY_US && gap_us >= DAY_US &&
		span_us >= 300 * DAY_US;
	if (sm->grid == SEQ_GRID_MONTHS && sm->step >= 12)
		sm->season_month = false;
	if (sm->grid == SEQ_GRID_MONTHS)
		sm->season_wday = false;
}

/* the season bucket of row r: its hour (0), weekday (1) or month (2) */
static inline int
season_bucket(const SeqData *sd, int64 r, int which)
{
	const SeqTime *tm = &sd->tm[r];

	return which == 0 ? tm->hour : which == 1 ? tm->wday : tm->month;
}

/*
 * Means of the residuals by bucket (at least k rows in a bucket, else
 * 0), subtracted from them.
 */
static void
season_pass(const SdSeqModel *sm, const SeqData *sd, double *res, int j,
			int which, double *means, int nb, int k)
{
	double		sum[24];
	int64		cnt[24];
	int64		r;
	int			b;

	memset(sum, 0, sizeof(sum));
	memset(cnt, 0, sizeof(cnt));
	for (r = 0; r < sd->n; r++)
	{
		if (isnan(res[r]))
			continue;
		b = season_bucket(sd, r, which);
		sum[b] += res[r];
		cnt[b]++;
	}
	for (b = 0; b < nb; b++)
		means[b] = cnt[b] >= k ? sum[b] / cnt[b] : 0;
	for (r = 0; r < sd->n; r++)
		if (!isnan(res[r]))
			res[r] -= means[season_bucket(sd, r, which)];
	(void) j;
}

/* the buckets of the finest season (hour, weekday, month), 0: none */
static int
scale_buckets(const SdSeqModel *sm)
{
	return sm->season_hour ? 24 : sm->season_wday ? 7 : sm->season_month ? 12 : 0;
}

/* the grid period of an order value: months or steps from the origin */
static double
seq_period(const SdSeqModel *sm, double t)
{
	if (sm->grid == SEQ_GRID_MONTHS)
	{
		int			y,
					mo,
					d,
					wd,
					h;
		double		tod;

		seq_order_fields(sm, t, &y, &mo, &d, &wd, &h, &tod);
		return floor((y * 12.0 + mo - 1) / sm->step);
	}
	return floor((t - sm->anchor) / sm->step + 0.5);
}

/* the point of the common path at order value t, or -1 outside it */
static int
seq_path_point(const SdSeqModel *sm, double t)
{
	double		i;

	if (sm->path_n <= 0)
		return -1;
	i = floor((seq_period(sm, t) - sm->path_origin) / sm->path_width);
	return i >= 0 && i < sm->path_n ? (int) i : -1;
}

/* what the dynamics read of order value t (see SeqTime) */
void
seq_time_at(const SdSeqModel *sm, double t, SeqTime *tm)
{
	int			y,
				mo,
				d,
				wd,
				h;
	double		tod;

	tm->hour = tm->wday = tm->month = 0;
	tm->bucket = -1;
	if (sm->season_hour || sm->season_wday || sm->season_month)
	{
		seq_order_fields(sm, t, &y, &mo, &d, &wd, &h, &tod);
		tm->hour = h;
		tm->wday = wd;
		tm->month = mo - 1;
		tm->bucket = sm->season_hour ? h : sm->season_wday ? wd : mo - 1;
	}
	tm->path = seq_path_point(sm, t);
	tm->years = seq_order_years(sm, t);
}

/*
 * A panel's common path: where the entities move together over the years
 * (a housing market's boom, slump and recovery shared by its cities),
 * which neither seasonal means nor a linear trend carry.  Its points are
 * periods of the grid (path_width steps each, at most SEQ_MAX_PATH
 * points over the span of the starts and lengths); the path is off for
 * one series, a free grid or an integer order, and when fewer than k
 * entities could share a point.
 */
static void
choose_path(SdSeqModel *sm, const SeqData *sd, int k)
{
	double		lo = INFINITY,
				hi = -INFINITY,
				span;
	int64		r;

	sm->path_n = 0;
	if (sm->key == NULL || sm->grid == SEQ_GRID_FREE ||
		sm->order_kind == SEQ_ORDER_INTEGER || sd->nent < Max(k, 2))
		return;
	for (r = 0; r < sd->n; r++)
	{
		double		p = seq_period(sm, sd->t[r]);

		lo = Min(lo, p);
		hi = Max(hi, p);
	}
	span = hi - lo + 1;
	if (!(span >= 2 && span < 1e9))
		return;
	sm->path_width = (int) ceil(span / SEQ_MAX_PATH);
	sm->path_n = (int) ceil(span / sm->path_width);
	sm->path_origin = lo;
}

/*
 * The common path of one dimension: the mean of res at each point over
 * the entities there, kept only where at least k entities are (each point
 * is an aggregate over k entities or more: no entity's own history), then
 * smoothed by a centred moving average of +- SEQ_PATH_HALF points, and
 * taken off res.
 */
static void
dim_path(const SdSeqModel *sm, const SeqData *sd, SeqDim *d, double *res, int k)
{
	double		sum[SEQ_MAX_PATH],
				raw[SEQ_MAX_PATH];
	int64		cnt[SEQ_MAX_PATH],
				ents[SEQ_MAX_PATH],
				last[SEQ_MAX_PATH],
				e,
				r;
	bool		kept[SEQ_MAX_PATH];
	int			i,
				n = sm->path_n;

	if (n <= 0)
		return;
	memset(sum, 0, sizeof(sum));
	memset(cnt, 0, sizeof(cnt));
	memset(ents, 0, sizeof(ents));
	for (i = 0; i < n; i++)
		last[i] = -1;
	for (e = 0; e < sd->nent; e++)
		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
		{
			if (isnan(res[r]) || (i = sd->tm[r].path) < 0)
				continue;
			sum[i] += res[r];
			cnt[i]++;
			if (last[i] != e)
			{
				ents[i]++;
				last[i] = e;
			}
		}
	for (i = 0; i < n; i++)
	{
		kept[i] = ents[i] >= k && cnt[i] >= k;
		raw[i] = kept[i] ? sum[i] / cnt[i] : 0;
	}
	for (i = 0; i < n; i++)
	{
		double		s = 0;
		int			m = 0,
					j;

		for (j = Max(0, i - SEQ_PATH_HALF); j <= Min(n - 1, i + SEQ_PATH_HALF); j++)
			if (kept[j])
			{
				s += raw[j];
				m++;
			}
		d->path[i] = kept[i] && m > 0 ? s / m : 0;
	}
	for (r = 0; r < sd->n; r++)
		if (!isnan(res[r]) && (i = sd->tm[r].path) >= 0)
			res[r] -= d->path[i];
}

/*
 * The continuous column whose value is dim j: without a conditional
 * marginal, or with one on a parent category that has a latent dimension
 * (the sampler turns a value back into the latent within the entity's
 * parent category: sampler_cond_latent)
 */
static const ModelCol *
value_column(const Model *m, int j)
{
	int			i;

	for (i = 0; i < m->ncols; i++)
	{
		const ModelCol *c = &m->cols[i];

		if (c->value_dim == j && c->kind == MK_CONTINUOUS && c->grid != NULL &&
			(c->parent < 0 ||
			 (c->cond != NULL && m->cols[c->parent].value_dim >= 0)))
			return c;
	}
	return NULL;
}

/*
 * Dimension j's series, standardized: on the value scale when vc is a
 * continuous column (read back through its quantile grid), else on the
 * latent scale.  Its mean and sd go to level and vsd.
 */
static void
dim_series(const SeqData *sd, int j, const ModelCol *vc, double *res,
		   double *level, double *vsd, bool *logs)
{
	double		s1 = 0,
				s2 = 0,
				mean,
				sdev;
	int64		m = 0,
				r;

	/*
	 * Positive values spread over orders of magnitude (sales of small and
	 * large entities) are modelled on the log scale: the entities' levels
	 * add and the seasons multiply.
	 */
	*logs = vc != NULL && vc->grid[0] > 0 &&
		vc->grid[GRID_POINTS - 1] > SEQ_LOG_SPREAD * vc->grid[0];
	for (r = 0; r < sd->n; r++)
	{
		double		z = sd->z[r * sd->D + j];

		/*
		 * A conditional marginal's latent is a rank within the parent's
		 * category: its value is read as it is (within the fitted range)
		 */
		if (!isnan(z) && vc != NULL && vc->parent >= 0)
			z = isnan(sd->x[r * sd->D + j]) ? NAN :
				Max(vc->grid[0], Min(vc->grid[GRID_POINTS - 1], sd->x[r * sd->D + j]));
		else if (!isnan(z) && vc != NULL)
			z = sd_grid_quantile(vc->grid, GRID_POINTS, sd_pnorm(z));
		if (!isnan(z) && *logs)
			z = log(Max(z, vc->grid[0]));
		res[r] = z;
		if (!isnan(z))
		{
			s1 += z;
			s2 += z * z;
			m++;
		}
	}
	mean = m > 0 ? s1 / m : 0;
	sdev = m > 1 ? sqrt(Max(1e-12, s2 / m - mean * mean)) : 1;
	/* the latent scale keeps its origin: categories' means are not centred */
	if (vc == NULL)
		mean = 0;
	for (r = 0; r < sd->n; r++)
		res[r] = (res[r] - mean) / sdev;
	*level = mean;
	*vsd = sdev;
}

/* constant within every entity, and some entity shows it twice? */
static bool
dim_is_entity(const SeqData *sd, const double *res)
{
	int64		e,
				r,
				multi = 0;

	for (e = 0; e < sd->nent; e++)
	{
		double		v0 = NAN;
		int64		seen = 0;

		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
		{
			if (isnan(res[r]))
				continue;
			if (seen++ == 0)
				v0 = res[r];
			else if (fabs(res[r] - v0) > 1e-9)
				return false;
		}
		if (seen > 1)
			multi++;
	}
	return multi > 0;
}

/*
 * Seasonal means (one round of backfitting) and a linear trend, taken
 * off res; their variance is returned.  On the latent scale the means
 * are shrunk if they would leave no noise.
 */
static double
dim_seasonal(const SdSeqModel *sm, const SeqData *sd, SeqDim *d, double *res,
			 int j, int k)
{
	double		sx = 0,
				sy = 0,
				sxx = 0,
				sxy = 0,
				var_mu = 0;
	int64		r,
				nobs = 0;

	if (sm->season_hour)
		season_pass(sm, sd, res, j, 0, d->hour, 24, k);
	if (sm->season_wday)
		season_pass(sm, sd, res, j, 1, d->wday, 7, k);
	if (sm->season_month)
		season_pass(sm, sd, res, j, 2, d->month, 12, k);
	for (r = 0; r < sd->n; r++)
	{
		double		x = sd->tm[r].years;

		if (isnan(res[r]))
			continue;
		sx += x;
		sy += res[r];
		sxx += x * x;
		sxy += x * res[r];
		nobs++;
	}
	if (nobs > 2 && sxx * nobs - sx * sx > 1e-12)
		d->trend = (nobs * sxy - sx * sy) / (nobs * sxx - sx * sx);
	d->trend = Max(-2, Min(2, d->trend));
	for (r = 0; r < sd->n; r++)
		if (!isnan(res[r]))
			res[r] -= d->trend * sd->tm[r].years;
	dim_path(sm, sd, d, res, k);
	for (r = 0; r < sd->n; r++)
	{
		double		mu;

		if (isnan(res[r]))
			continue;
		/* the seasonal passes took the means off; the trend and path too */
		mu = seq_time_mean(sm, d, &sd->tm[r]);
		var_mu += mu * mu;
	}
	var_mu = nobs > 0 ? var_mu / nobs : 0;
	if (!d->vscale && var_mu > 0.95)
	{
		/* the means explain nearly all: shrink them to leave some noise */
		double		f = sqrt(0.95 / var_mu);
		int			b;

		for (b = 0; b < 24; b++)
			d->hour[b] *= f;
		for (b = 0; b < 7; b++)
			d->wday[b] *= f;
		for (b = 0; b < 12; b++)
			d->month[b] *= f;
		for (b = 0; b < sm->path_n; b++)
			d->path[b] *= f;
		d->trend *= f;
		var_mu = 0.95;
	}
	return var_mu;
}

/*
 * The spread left around the seasonal means differs by season (winter
 * temperatures vary more than summer ones; on the latent scale a seasonal
 * marginal's normal scores stretch its busy ends): one residual sd per
 * bucket of the finest season.  On the latent scale their mean square is
 * 1 - var_mu; res is divided by them.
 */
static void
dim_season_scale(const SdSeqModel *sm, const SeqData *sd, SeqDim *d,
				 double *res, int k)
{
	double		ss[24],
				all = 0,
				tot2 = 0;
	int64		cn[24],
				nall = 0,
				ntot = 0,
				r;
	int			nb = scale_buckets(sm),
				b;

	memset(ss, 0, sizeof(ss));
	memset(cn, 0, sizeof(cn));
	for (r = 0; r < sd->n; r++)
	{
		if (isnan(res[r]))
			continue;
		all += res[r] * res[r];
		nall++;
		b = sd->tm[r].bucket;
		if (b < 0)
			continue;
		ss[b] += res[r] * res[r];
		cn[b]++;
	}
	if (d->vscale)
		d->scale = nall > 1 ? sqrt(Max(1e-12, all / nall)) : 1;
	for (b = 0; b < 24; b++)
		d->bscale[b] = d->scale;
	for (b = 0; b < nb; b++)
		if (cn[b] >= k)
		{
			d->bscale[b] = sqrt(Max(1e-8, ss[b] / cn[b]));
			tot2 += ss[b];
			ntot += cn[b];
		}
	if (!d->vscale && ntot > 0)
	{
		double		f = d->scale / sqrt(Max(1e-8, tot2 / ntot));

		for (b = 0; b < nb; b++)
			d->bscale[b] = cn[b] >= k ? Min(1, d->bscale[b] * f) : d->scale;
	}
	for (r = 0; r < sd->n; r++)
	{
		if (isnan(res[r]))
			continue;
		b = sd->tm[r].bucket;
		res[r] /= b >= 0 ? Max(1e-6, d->bscale[b]) : Max(1e-6, d->scale);
	}
}

/* a residual and its row, sorted by the residual */
typedef struct SeqRank
{
	double		v;
	int64		r;
} SeqRank;

static int
cmp_rank(const void *a, const void *b)
{
	double		x = ((const SeqRank *) a)->v,
				y = ((const SeqRank *) b)->v;

	return x < y ? -1 : x > y;
}

/*
 * Value scale: the quantiles of the scaled residuals (clipped, see
 * seq_quantiles), and the residuals replaced by their normal scores, on
 * which the entity share and the AR are estimated.
 */
static void
dim_value_scores(SeqDim *d, double *res, int64 n, int k)
{
	SeqRank    *rk = palloc_extended(sizeof(SeqRank) * Max(n, 1), MCXT_ALLOC_HUGE);
	double	   *v = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	int64		m = 0,
				r,
				i;

	for (r = 0; r < n; r++)
		if (!isnan(res[r]))
		{
			rk[m].v = res[r];
			rk[m++].r = r;
		}
	if (m == 0)
	{
		memset(d->resq, 0, sizeof(d->resq));
		return;
	}
	qsort(rk, m, sizeof(SeqRank), cmp_rank);
	/* in ascending order already: seq_quantiles' sort only checks it */
	for (i = 0; i < m; i++)
		v[i] = rk[i].v;
	seq_quantiles(v, m, k, d->resq);
	for (i = 0; i < m; i++)
		res[rk[i].r] = sd_qnorm((i + 0.5) / m);
	pfree(rk);
	pfree(v);
}

/*
 * The entity level's share of the variance, taken off res.  Returns the
 * share of the variance left within entities (around their own means),
 * or -1 when there is no entity level (one series); dim_ar turns it into
 * the entity share of a persistent process.
 */
static double
dim_entity_share(const SdSeqModel *sm, const SeqData *sd, SeqDim *d, double *res)
{
	double		tot = 0,
				between = 0,
				within = 0,
				wshare = -1;
	int64		e,
				r,
				nobs = 0;

	for (e = 0; e < sd->nent; e++)
	{
		double		s = 0,
					ss = 0;
		int64		m = 0;

		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
		{
			if (isnan(res[r]))
				continue;
			s += res[r];
			ss += res[r] * res[r];
			m++;
		}
		nobs += m;
		tot += ss;
		if (m > 1)
		{
			between += m * (s / m) * (s / m);
			within += ss - s * s / m;
		}
	}
	if (sm->key != NULL && tot > 0 && nobs > sd->nent)
	{
		double		wvar = within / (double) (nobs - sd->nent);
		double		bvar = between / (double) nobs - wvar * sd->nent / (double) nobs;

		d->tau = Max(0, Min(0.95, bvar / (tot / nobs)));
		wshare = within / tot;
	}
	/* the within-entity part, at unit variance */
	for (e = 0; e < sd->nent; e++)
	{
		double		s = 0;
		int64		m = 0;

		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			if (!isnan(res[r]))
			{
				s += res[r];
				m++;
			}
		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			if (!isnan(res[r]))
				res[r] = (res[r] - (d->tau > 0 ? s / m : 0)) /
					sqrt(Max(1e-6, (1 - d->tau)));
	}
	return wshare;
}

/*
 * Each entity's mean taken off res and kept in level[]: the seasons, the
 * trend and the common path are then estimated around the entities'
 * levels, so a month some low (or high) entities miss does not move them.
 */
static void
dim_entity_levels(const SeqData *sd, double *res, double *level)
{
	int64		e,
				r;

	for (e = 0; e < sd->nent; e++)
	{
		double		s = 0;
		int64		n = 0;

		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			if (!isnan(res[r]))
			{
				s += res[r];
				n++;
			}
		level[e] = n > 0 ? s / n : 0;
		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			res[r] -= level[e];
	}
}

/*
 * The entity level of a column whose conditional marginal's parent is an
 * entity attribute (a housing panel's sales given the city): a drawn
 * entity takes the level of its parent's category from the conditional
 * marginal (sequence_sample.c), so the fit takes every entity's own mean
 * off res (level[]: dim_entity_levels, and what the seasons leave).  The noise the seasons and the common path leave around it is
 * smaller where the level is higher (a large city's monthly sales move
 * less, relative to their level, than a small town's; on the logarithm of
 * counts the noise shrinks as 1 / sqrt(level)): log sd_e = a + slope m_e
 * by least squares over the entities' levels m_e, each weighted by its
 * rows.  The slope is one number fitted over all entities, and only over
 * k entities or more (else none): no entity's own spread is kept.  res is
 * divided by exp(slope (m_e - center)), center the mean level.
 */
static void
dim_entity_noise(const SeqData *sd, SeqDim *d, double *res, const double *level,
				 int k)
{
	double	   *mean = palloc(sizeof(double) * Max(sd->nent, 1));
	double		sw = 0,
				sx = 0,
				sy = 0,
				sxx = 0,
				sxy = 0;
	int64		e,
				r,
				used = 0;

	for (e = 0; e < sd->nent; e++)
	{
		double		s = 0,
					ss = 0;
		int64		n = 0;

		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			if (!isnan(res[r]))
			{
				s += res[r];
				n++;
			}
		mean[e] = n > 0 ? s / n : 0;
		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			if (!isnan(res[r]))
				ss += (res[r] - mean[e]) * (res[r] - mean[e]);
		if (n >= 3 && ss > 0)
		{
			double		y = 0.5 * log(ss / n);

			sw += n;
			sx += n * level[e];
			sy += n * y;
			sxx += n * level[e] * level[e];
			sxy += n * level[e] * y;
			used++;
		}
	}
	d->plevel = true;
	d->nslope = 0;
	d->ncenter = sw > 0 ? sx / sw : 0;
	if (used >= Max(k, 3) && sw * sxx - sx * sx > 1e-12)
		d->nslope = Max(-SEQ_NOISE_SLOPE, Min(SEQ_NOISE_SLOPE,
											  (sw * sxy - sx * sy) / (sw * sxx - sx * sx)));
	for (e = 0; e < sd->nent; e++)
	{
		double		g = seq_noise_factor(d, level[e]);

		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			if (!isnan(res[r]))
				res[r] = (res[r] - mean[e]) / g;
	}
	pfree(mean);
}

/*
 * Pooled autocorrelations within entities, AR order by AIC, corrected for
 * the small-sample bias of the histories' lengths lens[0..nl-1] (see
 * sequence_ar.c); innovations.  wshare (>= 0) is the share of the
 * variance left within entities (dim_entity_share): the entity share is
 * the rest once the process's expected within share is accounted for.
 */
static void
dim_ar(const SeqData *sd, SeqDim *d, const double *res, double *eta,
	   const double *lens, int nl, double wshare)
{
	double		acc[SEQ_MAX_P + 1],
				rho[SEQ_MAX_P + 1];
	int64		cnt[SEQ_MAX_P + 1],
				e,
				r,
				maxlen = 0;
	int			h,
				pmax;

	for (e = 0; e < sd->nent; e++)
		maxlen = Max(maxlen, sd->first[e + 1] - sd->first[e]);
	pmax = (int) Min(SEQ_MAX_P, maxlen / 4);
	memset(acc, 0, sizeof(acc));
	memset(cnt, 0, sizeof(cnt));
	for (e = 0; e < sd->nent; e++)
		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			for (h = 0; h <= pmax && r - h >= sd->first[e]; h++)
				if (!isnan(res[r]) && !isnan(res[r - h]))
				{
					acc[h] += res[r] * res[r - h];
					cnt[h]++;
				}
	if (pmax > 0 && cnt[0] > 10 && acc[0] > 0)
	{
		double		v;

		rho[0] = 1;
		for (h = 1; h <= pmax; h++)
			rho[h] = cnt[h] > 0 ? (acc[h] / cnt[h]) / (acc[0] / cnt[0]) : 0;
		d->p = seq_ar_levinson(rho, pmax, cnt[0], true, d->phi, &v);
		if (d->p > 0)
		{
			double		within;

			seq_ar_debias(rho, d->p, lens, nl, d->phi, &v, &within);
			if (wshare >= 0)
				d->tau = Max(0, Min(0.95, 1 - wshare / Max(1e-6, within)));
		}
		d->sigma = sqrt(Max(v, 1e-6));
	}
	for (e = 0; e < sd->nent; e++)
		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
		{
			double		x = res[r];

			eta[r] = NAN;
			if (isnan(x) || r - d->p < sd->first[e])
				continue;
			for (h = 1; h <= d->p && !isnan(x); h++)
				x -= d->phi[h - 1] * res[r - h];
			eta[r] = x;
		}
}

/*
 * One dimension's dynamics: entity constant, or seasonal means, trend,
 * seasonal spread, entity share and AR(p).  A continuous column (vc) is
 * modelled on its value scale, so that its seasonal profile and its
 * autocorrelations are those of the values (normal scores of a seasonal
 * marginal would shrink them), with plevel (a conditional marginal on an
 * entity attribute) around its parent category's level and with its
 * noise's slope on that level; the rest on the copula's latent scale.
 * Leaves the innovations in eta (NaN where there are none).
 */
static void
estimate_dim(SdSeqModel *sm, const SeqData *sd, int j, int k,
			 const ModelCol *vc, bool plevel, double *eta)
{
	SeqDim	   *d = &sm->dims[j];
	double	   *res = palloc_extended(sizeof(double) * Max(sd->n, 1), MCXT_ALLOC_HUGE);
	double		var_mu,
				wshare,
				lens[SEQ_Q],
			   *level = NULL;
	int64		r;
	int			i,
				nl = 0;

	/* the lengths the sampler draws, as whole steps (ascending) */
	for (i = 0; i < SEQ_Q; i++)
		if (rint(sm->lenq[i]) >= 2)
			lens[nl++] = rint(sm->lenq[i]);
	memset(d, 0, sizeof(SeqDim));
	d->sigma = 1;
	d->scale = 1;
	d->vscale = vc != NULL;
	dim_series(sd, j, vc, res, &d->level, &d->vsd, &d->logs);
	if (sm->key != NULL && dim_is_entity(sd, res))
	{
		d->entity = true;
		for (r = 0; r < sd->n; r++)
			eta[r] = NAN;
		pfree(res);
		return;
	}
	if (d->vscale && plevel)
	{
		level = palloc(sizeof(double) * Max(sd->nent, 1));
		dim_entity_levels(sd, res, level);
	}
	var_mu = dim_seasonal(sm, sd, d, res, j, k);
	if (!d->vscale)
		d->scale = sqrt(1 - var_mu);
	if (d->vscale && plevel)
		dim_entity_noise(sd, d, res, level, k);
	dim_season_scale(sm, sd, d, res, k);
	if (d->vscale)
		dim_value_scores(d, res, sd->n, k);
	wshare = d->plevel ? -1 : dim_entity_share(sm, sd, d, res);
	dim_ar(sd, d, res, eta, lens, nl, wshare);
	if (level != NULL)
		pfree(level);
	pfree(res);
}

/* the innovations' correlations; pairs without data take the copula's */
static void
estimate_innovations(SdSeqModel *sm, const double *eta, int64 n,
					 const double *R)
{
	int			D = sm->ndims,
				i,
				j;
	int64		r;

	sm->innov = palloc(sizeof(double) * Max(D * D, 1));
	for (i = 0; i < D; i++)
		for (j = 0; j <= i; j++)
		{
			double		sxy = 0,
						sxx = 0,
						syy = 0,
						c;
			int64		m = 0;

			if (i == j)
			{
				sm->innov[i * D + j] = 1;
				continue;
			}
			for (r = 0; r < n; r++)
			{
				double		x = eta[r * D + i],
							y = eta[r * D + j];

				if (isnan(x) || isnan(y))
					continue;
				sxy += x * y;
				sxx += x * x;
				syy += y * y;
				m++;
			}
			if (sm->dims[i].entity || sm->dims[j].entity)
				c = 0;
			else if (m >= 30 && sxx > 0 && syy > 0)
				c = sxy / sqrt(sxx * syy);
			else
				c = R[i * D + j];
			c = Max(-0.99, Min(0.99, c));
			sm->innov[i * D + j] = sm->innov[j * D + i] = c;
		}
	if (D > 0)
		sd_make_positive_definite(sm->innov, D);
}

/*
 * The dynamics of the rows read, once their grid is known: lengths and
 * starts of the entities, the time's centre, seasons and common path, each
 * dimension's level, seasons, noise and AR process, and the innovations'
 * correlations.
 */
void
seq_estimate_dynamics(SdSeqModel *sm, SeqData *sd, const Model *m)
{
	double	   *eta;
	int64		r;
	int			j;

	estimate_entities(sm, sd, m->k);
	if (sm->order_kind != SEQ_ORDER_INTEGER)
	{
		double		s = 0;

		for (r = 0; r < sd->n; r++)
			s += seq_order_usecs(sm, sd->t[r]) / YEAR_US;
		sm->time_center = s / sd->n;
	}
	choose_seasons(sm, sd);
	choose_path(sm, sd, m->k);
	sd->tm = palloc_extended(sizeof(SeqTime) * Max(sd->n, 1), MCXT_ALLOC_HUGE);
	for (r = 0; r < sd->n; r++)
		seq_time_at(sm, sd->t[r], &sd->tm[r]);
	sm->rows = sd->n;
	sm->ndims = sd->D;
	sm->dims = palloc0(sizeof(SeqDim) * Max(sd->D, 1));
	eta = palloc_extended(sizeof(double) * Max(sd->n * sd->D, 1), MCXT_ALLOC_HUGE);
	{
		double	   *col = palloc_extended(sizeof(double) * Max(sd->n, 1), MCXT_ALLOC_HUGE);

		for (j = 0; j < sd->D; j++)
		{
			const ModelCol *vc = value_column(m, j);
			bool		plevel = false;

			CHECK_FOR_INTERRUPTS();
			/*
			 * A conditional marginal on an entity attribute: on its value
			 * scale, at its category's level.  On a parent that changes
			 * from step to step (the weather of the day) it stays on the
			 * latent scale, where its rank within the category is kept.
			 */
			if (vc != NULL && vc->parent >= 0)
			{
				int			pd = m->cols[vc->parent].value_dim;

				if (sm->key != NULL)
				{
					for (r = 0; r < sd->n; r++)
						col[r] = sd->z[r * sd->D + pd];
					plevel = dim_is_entity(sd, col);
				}
				if (!plevel)
					vc = NULL;
			}
			estimate_dim(sm, sd, j, m->k, vc, plevel, col);
			for (r = 0; r < sd->n; r++)
				eta[r * sd->D + j] = col[r];
		}
		pfree(col);
	}
	estimate_innovations(sm, eta, sd->n, m->corr);
	pfree(eta);
}
