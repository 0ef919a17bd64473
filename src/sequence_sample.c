/*-------------------------------------------------------------------------
 *
 * sequence_sample.c
 *		Fitted sequences: drawing rows as histories, reproducibly by
 *		construction (see sequence.c for the model).
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sequence_sample.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "clone_int.h"
#include "clone_cons.h"
#include "distributions.h"
#include "model.h"
#include "options.h"
#include "rng.h"
#include "roles.h"
#include "sequence.h"

/* ---------------------------------------------------------------------
 * Sampling
 * ---------------------------------------------------------------------
 */

#define SEQ_LEVEL_POINTS 128	/* ranks averaged for a category's level */
#define SEQ_TIME_SLOTS	4096	/* order values whose SeqTime is remembered */

struct SdSeqState
{
	Sampler    *s;
	SdSeqModel *sm;
	int			D;
	double	   *Lc;				/* Cholesky factor of the innovations */
	int			key_att;
	int			order_att;
	uint64		seed;
	uint64		stream;
	/* entity boundaries found so far: first[0..nfirst] */
	int64	   *first;
	int64		nfirst;
	int64		cap;
	/* the current entity and step */
	int64		ent;
	int64		step;			/* -1: before its first step */
	double		time;
	double	   *a;				/* D: the entity's latent draw */
	double	   *w;				/* D x SEQ_MAX_P: w(t-1), w(t-2), ... */
	double	   *eps;
	double	   *eta;
	double	   *wbefore;		/* the history before the current step */
	double	   *wsave;
	double	   *wcur;			/* D: the current step's AR values */
	double	   *sqtau;			/* D: sqrt(tau), the entity's weight */
	double	   *sqrest;			/* D: sqrt(1 - tau), the AR value's */
	bool	   *unread;			/* D: no column reads the dimension */
	bool	   *direct;			/* D: its value goes to the sampler as it is */
	bool	   *supplied;		/* per attribute: drawn here, not by draw_row */
	int			seed_before;	/* the order column's model column when an
								 * ordering's later column reads it, else -1 */
	const double **vgrid;		/* D: a value-scale dimension's quantile grid */
	double	   *vmass;			/* D: the share of its point mass at the
								 * grid's lowest value (gaps of 0), or 0 */
	int		   *vcol;			/* D: its column if it has a conditional
								 * marginal, else -1 */
	double	  **clevel;			/* D: parent level: per parent category */
	double	   *w0l;			/* D x SEQ_MAX_P^2: stationary start factors */
	bool	   *w0ok;			/* D: a dimension starts stationary */
	int64		last_row;
	/* SeqTime of recent order values (entities of a panel share dates) */
	double	   *slot_t;
	SeqTime    *slot_tm;
	/* the key of entity key_ent, made once per entity (text or uuid keys) */
	MemoryContext cxt;
	int64		key_ent;
	Datum		key_datum;
	int16		key_len;
	bool		key_byval;
};

/* a fresh generator of (seed, entity, step, what) */
static void
seq_rng(SdSeqState *st, SdRng *rng, int64 e, int64 step, uint64 what)
{
	sd_rng_init(rng, st->seed, sd_stream_child(sd_stream_child(st->stream, (uint64) e),
											   ((uint64) (step + 1) << 4) | what));
}

/* the length of entity e, at least 1 */
static int64
entity_length(SdSeqState *st, int64 e)
{
	SdRng		rng;
	double		len;

	seq_rng(st, &rng, e, -1, 1);
	len = rint(sd_grid_quantile(st->sm->lenq, SEQ_Q, sd_rng_uniform(&rng)));
	return (int64) Max(1, len);
}

/* the entity holding row r */
static int64
entity_of(SdSeqState *st, int64 r)
{
	int64		lo,
				hi;

	/* the current entity's rows, most often */
	if (st->ent >= 0 && st->ent < st->nfirst && st->first[st->ent] <= r &&
		r < st->first[st->ent + 1])
		return st->ent;
	while (st->first[st->nfirst] <= r)
	{
		if (st->nfirst + 1 >= st->cap)
		{
			st->cap *= 2;
			st->first = repalloc_huge(st->first, sizeof(int64) * st->cap);
		}
		st->first[st->nfirst + 1] = st->first[st->nfirst] + entity_length(st, st->nfirst);
		st->nfirst++;
		if ((st->nfirst & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	/* first[lo] <= r < first[hi] */
	lo = 0;
	hi = st->nfirst;
	while (hi - lo > 1)
	{
		int64		mid = (lo + hi) / 2;

		if (st->first[mid] <= r)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* a start drawn from the starts' quantiles, put on the grid */
static double
entity_start(SdSeqState *st, SdRng *rng)
{
	const SdSeqModel *sm = st->sm;
	double		t = sd_grid_quantile(sm->startq, SEQ_Q, sd_rng_uniform(rng));

	switch (sm->grid)
	{
		case SEQ_GRID_FIXED:
			return sm->anchor + rint((t - sm->anchor) / sm->step) * sm->step;
		case SEQ_GRID_MONTHS:
			{
				int			y,
							mo,
							d,
							wd,
							h;
				double		tod;

				seq_order_fields(sm, t, &y, &mo, &d, &wd, &h, &tod);
				return seq_order_from_fields(sm, y, mo, sm->mday, sm->tod);
			}
		case SEQ_GRID_FREE:
			return rint(t / sm->grain) * sm->grain;
	}
	return t;
}

/* the order value one step after t */
static double
next_time(SdSeqState *st, double t, int64 e, int64 step)
{
	const SdSeqModel *sm = st->sm;

	switch (sm->grid)
	{
		case SEQ_GRID_FIXED:
			return t + sm->step;
		case SEQ_GRID_MONTHS:
			{
				int			y,
							mo,
							d,
							wd,
							h,
							months;
				double		tod;

				seq_order_fields(sm, t, &y, &mo, &d, &wd, &h, &tod);
				months = y * 12 + (mo - 1) + (int) sm->step;
				return seq_order_from_fields(sm, months / 12, months % 12 + 1, sm->mday, sm->tod);
			}
		case SEQ_GRID_FREE:
			{
				SdRng		rng;
				double		g;

				seq_rng(st, &rng, e, step, 2);
				g = sd_grid_quantile(sm->gapq, SEQ_Q, sd_rng_uniform(&rng));
				g = Max(sm->grain, rint(g / sm->grain) * sm->grain);
				return t + g;
			}
	}
	return t;
}

/* one AR step of every dynamic dimension, innovations from rng */
static void
ar_step(SdSeqState *st, SdRng *rng, double *wnew)
{
	int			D = st->D,
				i,
				j,
				k;

	sd_draw_normal_array(rng, st->eps, D);
	for (i = 0; i < D; i++)
	{
		double		acc = 0;

		for (j = 0; j <= i; j++)
			acc += st->Lc[i * D + j] * st->eps[j];
		st->eta[i] = acc;
	}
	for (i = 0; i < D; i++)
	{
		const SeqDim *d = &st->sm->dims[i];
		double		x = d->sigma * st->eta[i];

		for (k = 0; k < d->p; k++)
			x += d->phi[k] * st->w[i * SEQ_MAX_P + k];
		/* a model read back may be explosive: keep the process bounded */
		wnew[i] = Max(-8, Min(8, x));
	}
}

static void
push_history(SdSeqState *st, const double *wnew)
{
	int			i;

	for (i = 0; i < st->D; i++)
	{
		memmove(st->w + i * SEQ_MAX_P + 1, st->w + i * SEQ_MAX_P,
				sizeof(double) * (SEQ_MAX_P - 1));
		st->w[i * SEQ_MAX_P] = wnew[i];
	}
}

/*
 * The AR histories of entity e drawn from their stationary distributions
 * (a stream of their own), so that a persistent process has its variance
 * from the first step; the burn-in then only mixes the dimensions'
 * innovations.
 */
static void
stationary_start(SdSeqState *st, int64 e)
{
	SdRng		rng;
	double		z[SEQ_MAX_P];
	int			i,
				j,
				k;

	seq_rng(st, &rng, e, -1, 12);
	for (i = 0; i < st->D; i++)
	{
		const SeqDim *d = &st->sm->dims[i];
		const double *l = st->w0l + i * SEQ_MAX_P * SEQ_MAX_P;

		if (!st->w0ok[i])
			continue;
		sd_draw_normal_array(&rng, z, d->p);
		for (j = 0; j < d->p; j++)
		{
			double		acc = 0;

			for (k = 0; k <= j; k++)
				acc += l[j * d->p + k] * z[k];
			/* w[0] is the most recent value: the last of the p drawn */
			st->w[i * SEQ_MAX_P + (d->p - 1 - j)] = Max(-8, Min(8, acc));
		}
	}
}

/* entity e before its first step: a, the AR history after burn-in */
static void
entity_begin(SdSeqState *st, int64 e)
{
	SdRng		rng;
	double	   *wnew = st->wcur;
	double	   *e0 = st->wsave;		/* scratch: D normals */
	int			i,
				j,
				b;

	seq_rng(st, &rng, e, -1, 3);
	sd_draw_normal_array(&rng, e0, st->D);
	for (i = 0; i < st->D; i++)
	{
		double		acc = 0;

		for (j = 0; j <= i; j++)
			acc += st->s->L[i * st->D + j] * e0[j];
		st->a[i] = acc;
	}
	st->time = entity_start(st, &rng);
	memset(st->w, 0, sizeof(double) * st->D * SEQ_MAX_P);
	stationary_start(st, e);
	for (b = 0; b < SEQ_BURN; b++)
	{
		ar_step(st, &rng, wnew);
		push_history(st, wnew);
	}
	st->ent = e;
	st->step = -1;
}

/*
 * The slot of order value t: its step on a fixed grid (consecutive steps
 * take consecutive slots), else a hash of its bits.  Any slot is right:
 * a slot holds the value it remembers.
 */
static inline int
time_slot(const SdSeqState *st, double t)
{
	const SdSeqModel *sm = st->sm;
	uint64		bits;

	if (sm->grid == SEQ_GRID_FIXED && sm->step > 0)
	{
		double		k = floor((t - sm->anchor) / sm->step);

		if (fabs(k) < 1e15)
			return (int) ((uint64) (int64) k & (SEQ_TIME_SLOTS - 1));
	}
	memcpy(&bits, &t, sizeof(bits));
	return (int) (sd_mix64(bits) & (SEQ_TIME_SLOTS - 1));
}

/* SeqTime of the current step's order value: remembered, or computed */
static inline void
step_time(SdSeqState *st, SeqTime *tm)
{
	double		t = st->time;
	int			h = time_slot(st, t);

	if (st->slot_t[h] != t)
	{
		seq_time_at(st->sm, t, &st->slot_tm[h]);
		st->slot_t[h] = t;
	}
	*tm = st->slot_tm[h];
}

/*
 * The latent vector of the current step from its AR values: the latent
 * dimensions first, then the value-scale ones (a conditional marginal
 * reads its parent's category from the latent vector).
 */
static void
step_latent(SdSeqState *st, const double *wcur, double *z)
{
	SeqTime		tm;
	int			j,
				pass;

	/* the step's calendar, season bucket and path point, for every dimension */
	step_time(st, &tm);
	for (pass = 0; pass < 2; pass++)
		for (j = 0; j < st->D; j++)
		{
			const SeqDim *d = &st->sm->dims[j];
			bool		value = d->vscale && st->vgrid[j] != NULL;
			int			b = tm.bucket,
						r = -1;
			double		w,
						level = 0,
						noise = 1;

			if (value != (pass == 1) || st->unread[j])
				continue;
			if (d->entity)
			{
				z[j] = st->a[j];
				continue;
			}
			w = st->sqtau[j] * st->a[j] + st->sqrest[j] * wcur[j];
			if (!value)
			{
				z[j] = seq_time_mean(st->sm, d, &tm) +
					(b >= 0 ? d->bscale[b] : d->scale) * w;
				continue;
			}
			if (st->vcol[j] >= 0)
				r = sampler_cond_category(st->s, st->vcol[j], z);
			if (st->clevel[j] != NULL)
			{
				/* the level of the parent's category, and its noise */
				level = r >= 0 ? st->clevel[j][r] : d->ncenter;
				noise = seq_noise_factor(d, level);
			}

			/*
			 * The value: handed to the sampler within the marginal's range,
			 * or as the latent the column's marginal (within the parent's
			 * category, for a conditional one) maps to it
			 */
			{
				double		pw = sd_pnorm(w),
							x = d->level + d->vsd *
					(level + seq_time_mean(st->sm, d, &tm) +
					 (b >= 0 ? d->bscale[b] : d->scale) * noise *
					 sd_grid_quantile(d->resq, SEQ_Q, pw));

				if (d->logs)
					x = exp(Min(700, x));

				/*
				 * The point mass at the lowest value (updates at once: gaps
				 * of 0) by the rank of the draw: the season's mean and scale
				 * moved it off its value, and half of it came back as small
				 * gaps
				 */
				if (pw < st->vmass[j])
					x = st->vgrid[j][0];
				if (st->direct[j])
				{
					st->s->seq_x[j] = Max(st->vgrid[j][0],
										  Min(st->vgrid[j][GRID_POINTS - 1], x));
					z[j] = 0;
				}
				else if (st->vcol[j] >= 0)
					z[j] = sampler_cond_latent(st->s, st->vcol[j], r, x);
				else
				{
					double		u = sd_grid_cdf(st->vgrid[j], GRID_POINTS, x);

					z[j] = sd_qnorm(Max(1e-6, Min(1 - 1e-6, u)));
				}
			}
		}
}

/*
 * The level of a value-scale dimension (standardized, as the fit's
 * entity means) in each category of its column's parent: the mean of the
 * category's conditional marginal, on the dimension's scale.
 */
static double *
parent_levels(Sampler *s, int mcol, const SeqDim *d)
{
	const ModelCol *c = &s->m->cols[mcol];
	int			ncat = s->m->cols[c->parent].ncat,
				r,
				i;
	double	   *lev = palloc(sizeof(double) * Max(ncat, 1));

	for (r = 0; r < ncat; r++)
	{
		double		acc = 0;

		for (i = 0; i < SEQ_LEVEL_POINTS; i++)
		{
			double		x = sampler_cond_quantile(s, mcol, r, (i + 0.5) / SEQ_LEVEL_POINTS);

			acc += d->logs ? log(Max(x, c->grid[0])) : x;
		}
		lev[r] = (acc / SEQ_LEVEL_POINTS - d->level) / d->vsd;
	}
	return lev;
}

/*
 * Is the entity key or order value at attribute att left to sd_seq_fill
 * alone?  Its draw would be overwritten; draw_row skips it unless the
 * draw is read by another column (a dependency's determinant; an
 * ordering's earlier column, unless before_seeded: the order value, which
 * sd_seq_seed_orderings gives the ordering instead) or keeps state across
 * rows (a foreign key's parent, a personal datum, a key's fresh values).
 */
static bool
supplied_here(Sampler *s, int att, bool before_seeded)
{
	const TargetCol *tc = &s->tc[att];
	const ModelCol *c = &s->m->cols[tc->mcol];
	const SdConstraints *cons = s->m->cons;
	int			mc = tc->mcol,
				i;

	if (tc->fk != NULL || tc->personal || c->role != ROLE_ATTRIBUTE)
		return false;
	for (i = 0; cons != NULL && i < cons->norders && !before_seeded; i++)
		if (cons->orders[i].before == mc)
			return false;
	for (i = 0; cons != NULL && i < cons->ndeps; i++)
		if (cons->deps[i].determinant == mc)
			return false;
	return true;
}

/* the model column of attribute att if an ordering reads it as its earlier column, else -1 */
static int
ordering_before(Sampler *s, int att)
{
	const SdConstraints *cons = s->m->cons;
	int			i;

	for (i = 0; cons != NULL && i < cons->norders; i++)
		if (cons->orders[i].before == s->tc[att].mcol)
			return s->tc[att].mcol;
	return -1;
}

/*
 * Per row, once the row's orderings are reset (cons_row_start): the order
 * value the sequence drew (sd_seq_latent) is the earlier value the
 * orderings read, so that a later column (updated_at after created_at)
 * is the row's order value plus its gap.  Drawn from the marginal instead
 * and then overwritten by sd_seq_fill, it left the later column a gap
 * after a random time: half of them before the row's order value.
 */
void
sd_seq_seed_orderings(SdSeqState *st)
{
	if (st->seed_before >= 0 && st->s->cons != NULL)
		cons_seed_value(st->s, st->seed_before, st->time);
}

/* true if draw_row leaves attribute att to sd_seq_fill */
bool
sd_seq_supplies(SdSeqState *st, int att)
{
	return st->supplied[att];
}

/*
 * The share of a gap's values at 0, for an ordering's later column whose
 * grid starts with a flat run of zeros for them (rows updated at once: a
 * point mass the fit keeps apart from the other gaps).  Any other grid
 * starting flat may do so only because its k lowest values share the clip
 * point, which is no point mass.
 */
static double
low_point_mass(const Sampler *s, int mcol)
{
	const ModelCol *c = &s->m->cols[mcol];
	int			last = 0;

	if (s->cons == NULL || s->cons->order_of[mcol] < 0 || c->grid[0] != 0)
		return 0;
	while (last + 1 < GRID_POINTS && c->grid[last + 1] == 0)
		last++;
	return (double) last / (GRID_POINTS - 1);
}

SdSeqState *
sd_seq_sampler(Sampler *s, SdSeqModel *sm)
{
	SdSeqState *st = palloc0(sizeof(SdSeqState));
	int			D = s->m->ndims,
				i;

	st->s = s;
	st->sm = sm;
	st->D = D;
	st->seed = s->seed;
	st->stream = sd_stream_id("sequence");
	st->Lc = palloc(sizeof(double) * Max(D * D, 1));
	if (D > 0 && !sd_cholesky(sm->innov, D, st->Lc))
	{
		double	   *c = palloc(sizeof(double) * D * D);

		memcpy(c, sm->innov, sizeof(double) * D * D);
		sd_make_positive_definite(c, D);
		if (!sd_cholesky(c, D, st->Lc))
			bad_model("The innovation correlation matrix is not positive definite.");
	}
	st->sqtau = palloc(sizeof(double) * Max(D, 1));
	st->sqrest = palloc(sizeof(double) * Max(D, 1));
	for (i = 0; i < D; i++)
	{
		st->sqtau[i] = sqrt(sm->dims[i].tau);
		st->sqrest[i] = sqrt(1 - sm->dims[i].tau);
	}
	st->vgrid = palloc0(sizeof(double *) * Max(D, 1));
	st->vmass = palloc0(sizeof(double) * Max(D, 1));
	st->vcol = palloc(sizeof(int) * Max(D, 1));
	st->clevel = palloc0(sizeof(double *) * Max(D, 1));
	for (i = 0; i < D; i++)
		st->vcol[i] = -1;
	for (i = 0; i < s->m->ncols; i++)
	{
		const ModelCol *c = &s->m->cols[i];
		int			vd = c->value_dim;

		if (vd < 0 || vd >= D || c->kind != MK_CONTINUOUS || c->grid == NULL ||
			!sm->dims[vd].vscale)
			continue;
		if (c->parent < 0)
		{
			st->vgrid[vd] = c->grid;
			st->vmass[vd] = low_point_mass(s, i);
		}
		else if (c->cond != NULL && s->m->cols[c->parent].value_dim >= 0 &&
				 sm->dims[vd].plevel)
		{
			st->vgrid[vd] = c->grid;
			st->vcol[vd] = i;
			st->clevel[vd] = parent_levels(s, i, &sm->dims[vd]);
		}
	}
	st->w0l = palloc0(sizeof(double) * Max(D, 1) * SEQ_MAX_P * SEQ_MAX_P);
	st->w0ok = palloc0(sizeof(bool) * Max(D, 1));
	for (i = 0; i < D; i++)
		if (!sm->dims[i].entity && sm->dims[i].p > 0)
			st->w0ok[i] = seq_ar_start_factor(sm->dims[i].phi, sm->dims[i].p,
											  sm->dims[i].sigma,
											  st->w0l + i * SEQ_MAX_P * SEQ_MAX_P);
	st->key_att = st->order_att = -1;
	for (i = 0; i < s->natts; i++)
	{
		int			mc = s->tc[i].mcol;

		if (mc < 0)
			continue;
		if (strcmp(s->m->cols[mc].name, sm->order) == 0)
			st->order_att = i;
		if (sm->key && strcmp(s->m->cols[mc].name, sm->key) == 0)
			st->key_att = i;
	}
	st->supplied = palloc0(sizeof(bool) * Max(s->natts, 1));
	st->unread = palloc0(sizeof(bool) * Max(D, 1));
	st->seed_before = -1;
	if (st->order_att >= 0 && supplied_here(s, st->order_att, true))
	{
		const ModelCol *c = &s->m->cols[s->tc[st->order_att].mcol];

		st->supplied[st->order_att] = true;
		st->seed_before = ordering_before(s, st->order_att);
		/* a continuous column's dimension: read by its own draw only */
		if (c->kind == MK_CONTINUOUS && c->value_dim >= 0 && c->value_dim < D &&
			s->m->mst == NULL)
			st->unread[c->value_dim] = true;
	}
	if (st->key_att >= 0 && supplied_here(s, st->key_att, false))
		st->supplied[st->key_att] = true;

	/*
	 * A value-scale dimension without a conditional marginal goes to the
	 * sampler as the value it is (draw_continuous), not as the latent that
	 * the column's marginal maps back to it: unless the latent row is
	 * adjusted after it is drawn (rows that follow their parents' columns,
	 * a differentially private model's tree).
	 */
	st->direct = palloc0(sizeof(bool) * Max(D, 1));
	if (s->pcond == NULL && s->m->mst == NULL)
		for (i = 0; i < D; i++)
		{
			if (!sm->dims[i].vscale || sm->dims[i].entity || st->vgrid[i] == NULL ||
				st->vcol[i] >= 0 || st->unread[i])
				continue;
			if (s->seq_x == NULL)
			{
				int			j;

				s->seq_x = palloc(sizeof(double) * D);
				for (j = 0; j < D; j++)
					s->seq_x[j] = NAN;
			}
			st->direct[i] = true;
		}
	st->cap = 1024;
	st->first = palloc(sizeof(int64) * st->cap);
	st->first[0] = 0;
	st->nfirst = 0;
	st->ent = -1;
	st->a = palloc0(sizeof(double) * Max(D, 1));
	st->w = palloc0(sizeof(double) * Max(D, 1) * SEQ_MAX_P);
	st->eps = palloc(sizeof(double) * Max(D, 1));
	st->eta = palloc(sizeof(double) * Max(D, 1));
	st->wbefore = palloc0(sizeof(double) * Max(D, 1) * SEQ_MAX_P);
	st->wsave = palloc0(sizeof(double) * Max(D, 1) * SEQ_MAX_P);
	st->wcur = palloc0(sizeof(double) * Max(D, 1));
	st->last_row = -1;
	st->slot_t = palloc(sizeof(double) * SEQ_TIME_SLOTS);
	st->slot_tm = palloc(sizeof(SeqTime) * SEQ_TIME_SLOTS);
	for (i = 0; i < SEQ_TIME_SLOTS; i++)
		st->slot_t[i] = NAN;
	st->cxt = CurrentMemoryContext;
	st->key_ent = -1;
	if (st->key_att >= 0)
		get_typlenbyval(s->tc[st->key_att].typid, &st->key_len, &st->key_byval);
	return st;
}

/*
 * The latent vector of row r.  A redraw (attempt > 0: a draw rejected by a
 * CHECK or the exact-copy guard, right after the attempt before it) takes
 * the step's innovations from another stream, by the attempt's number; the
 * history keeps the first attempt's, so a row never depends on what was
 * drawn before it.  A first attempt asked again (the exact-copy guard tests
 * a batch's rows after drawing them) replays the entity to the same step.
 */
void
sd_seq_latent(SdSeqState *st, int64 r, int attempt, double *z)
{
	int64		e = entity_of(st, r),
				step = r - st->first[e];
	SdRng		rng;
	int			i;

	if (attempt > 0 && r == st->last_row)
	{
		/* a redraw: other innovations for this step, same history */
		double	   *saved = st->wsave;

		memcpy(saved, st->w, sizeof(double) * st->D * SEQ_MAX_P);
		memcpy(st->w, st->wbefore, sizeof(double) * st->D * SEQ_MAX_P);
		seq_rng(st, &rng, e, step, 4 + (attempt & 7));
		sd_rng_seek(&rng, (uint64) attempt);
		ar_step(st, &rng, st->wcur);
		memcpy(st->w, saved, sizeof(double) * st->D * SEQ_MAX_P);
		step_latent(st, st->wcur, z);
		return;
	}
	if (e != st->ent || step <= st->step)
		entity_begin(st, e);
	while (st->step < step)
	{
		st->step++;
		if (st->step > 0)
			st->time = next_time(st, st->time, e, st->step);
		seq_rng(st, &rng, e, st->step, 0);
		memcpy(st->wbefore, st->w, sizeof(double) * st->D * SEQ_MAX_P);
		ar_step(st, &rng, st->wcur);
		push_history(st, st->wcur);
	}
	for (i = 0; i < st->D; i++)
		st->wcur[i] = st->w[i * SEQ_MAX_P];
	step_latent(st, st->wcur, z);
	st->last_row = r;
}

/*
 * The key of the current entity kept for its other rows (each row gets a
 * copy in the caller's context: a batch of rows may outlive the entity).
 */
static void
entity_key_keep(SdSeqState *st, Datum key)
{
	MemoryContext old = MemoryContextSwitchTo(st->cxt);

	if (st->key_ent >= 0 && !st->key_byval)
		pfree(DatumGetPointer(st->key_datum));
	st->key_datum = datumCopy(key, st->key_byval, st->key_len);
	st->key_ent = st->ent;
	MemoryContextSwitchTo(old);
}

/* the key and order values of row r (after sd_seq_latent for r) */
void
sd_seq_fill(SdSeqState *st, int64 r, Datum *values, bool *nulls)
{
	Sampler    *s = st->s;

	if (st->order_att >= 0)
	{
		TargetCol  *tc = &s->tc[st->order_att];

		values[st->order_att] = sampler_number_datum(tc, st->time);
		nulls[st->order_att] = false;
	}
	if (st->key_att >= 0)
	{
		TargetCol  *tc = &s->tc[st->key_att];
		int64		key = st->ent + 1;

		nulls[st->key_att] = false;
		if (tc->fk != NULL)
		{
			/* a foreign key named by the option: one parent per entity */
			values[st->key_att] = roles_parent_of_entity(s, tc, st->ent,
														 &nulls[st->key_att]);
		}
		else if (tc->vk <= VK_NUMERIC)
		{
			if ((tc->vk == VK_INT2 && key > PG_INT16_MAX) ||
				(tc->vk == VK_INT4 && key > PG_INT32_MAX))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("entity number " INT64_FORMAT " does not fit column \"%s\"",
								key, st->sm->key)));
			values[st->key_att] = sampler_number_datum(tc, (double) key);
		}
		else if (st->key_ent == st->ent)
			values[st->key_att] = datumCopy(st->key_datum, st->key_byval, st->key_len);
		else if (tc->vk == VK_UUID)
		{
			char		buf[40];
			uint64		h = sd_mix64((uint64) key ^ st->seed),
						l = sd_mix64(h ^ (uint64) key);

			snprintf(buf, sizeof(buf), "%08x-%04x-4%03x-%04x-%012llx",
					 (unsigned) (h >> 32), (unsigned) ((h >> 16) & 0xffff),
					 (unsigned) (h & 0xfff),
					 (unsigned) (0x8000 | (l >> 52 & 0x3fff)),
					 (unsigned long long) (l & UINT64CONST(0xffffffffffff)));
			values[st->key_att] = InputFunctionCall(&tc->inflinfo, buf,
													tc->typioparam, tc->typmod);
			entity_key_keep(st, values[st->key_att]);
		}
		else
		{
			char	   *txt = psprintf("%s-" INT64_FORMAT, st->sm->key, key);

			if (tc->maxlen > 0 && pg_mbstrlen(txt) > tc->maxlen)
				txt = psprintf(INT64_FORMAT, key);
			values[st->key_att] = InputFunctionCall(&tc->inflinfo, txt,
													tc->typioparam, tc->typmod);
			entity_key_keep(st, values[st->key_att]);
		}
	}
	(void) r;
}

