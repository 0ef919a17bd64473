/*-------------------------------------------------------------------------
 *
 * sequence.h
 *		Fitted sequences: a table whose rows are histories (readings per
 *		sensor, prices per day, visits per patient), modelled per entity
 *		and drawn as sequences by the clone's sampler.
 *
 * A sequential table has an entity key (or none: one series) and an
 * order column (date, timestamp or integer step).  The model keeps the
 * entities' lengths, starts and the gaps between steps (a regular grid
 * exactly), and, on the copula's latent scale, each dimension's dynamics:
 * an entity-level share, seasonal means (hour of day, weekday, month), a
 * trend, a panel's common path over time, and AR(p) on the rest, whose
 * innovations are joined across
 * dimensions by their own correlation matrix.  Columns constant within an
 * entity are entity attributes: drawn once per entity through the copula.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sequence.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_SEQUENCE_H
#define SYNTHDATA_SEQUENCE_H

#include <math.h>

#include "lib/stringinfo.h"
#include "utils/jsonb.h"

#define SEQ_MAX_P	8			/* AR order at most */
#define SEQ_Q		65			/* quantile points of lengths, starts, gaps */
#define SEQ_BURN	64			/* AR burn-in steps at an entity's start */
#define SEQ_MAX_PATH	256		/* points of a panel's common path at most */
#define SEQ_PATH_HALF	4		/* the path's smoothing: +- this many points */
#define SEQ_NOISE_SLOPE	3.0		/* |slope| of the log noise sd on the level */
#define SEQ_NOISE_MAX	8.0		/* the noise factor within [1/this, this] */
#define DAY_US		86400000000.0
#define YEAR_US		(365.2425 * DAY_US)

typedef enum SeqGrid
{
	SEQ_GRID_FIXED,				/* start + i * step (order units) */
	SEQ_GRID_MONTHS,			/* start + i * step calendar months */
	SEQ_GRID_FREE				/* gaps drawn from their quantiles */
} SeqGrid;

typedef enum SeqOrderKind
{
	SEQ_ORDER_DATE,				/* days */
	SEQ_ORDER_TIMESTAMP,		/* microseconds */
	SEQ_ORDER_INTEGER			/* steps */
} SeqOrderKind;

/* the dynamics of one copula dimension */
typedef struct SeqDim
{
	bool		entity;			/* constant within an entity */
	bool		vscale;			/* a continuous column on its value scale:
								 * level + vsd * (means + bscale * resq(w)) */
	bool		logs;			/* value scale: of the values' logarithms */
	double		level;			/* value scale: the mean */
	double		vsd;			/* value scale: the sd */
	double		resq[SEQ_Q];	/* value scale: quantiles of the scaled residual */
	bool		plevel;			/* value scale: the entity's level is its
								 * parent category's (a conditional marginal
								 * on an entity attribute), and its noise sd
								 * exp(nslope (level - ncenter)) */
	double		nslope;
	double		ncenter;
	int			p;				/* AR order */
	double		phi[SEQ_MAX_P];
	double		sigma;			/* innovation sd of the unit-variance AR */
	double		tau;			/* share of variance at the entity level */
	double		scale;			/* sqrt(1 - variance of the seasonal means) */
	double		trend;			/* latent units per year */
	double		hour[24];
	double		wday[7];
	double		month[12];
	double		bscale[24];		/* residual sd per bucket of the finest season */
	double		path[SEQ_MAX_PATH]; /* the panel's common path (path_n points) */
} SeqDim;

typedef struct SdSeqModel
{
	char	   *key;			/* entity key column, or NULL: one series */
	char	   *order;			/* order column */
	char	   *reason;			/* why the table is sequential */
	SeqOrderKind order_kind;
	SeqGrid		grid;
	double		step;			/* fixed: order units; months: months */
	double		anchor;			/* fixed: the values' offset modulo step */
	int			mday;			/* months: day of month (1..31) */
	double		tod;			/* months, timestamps: time of day (us) */
	double		grain;			/* free: gaps are multiples of this */
	double		gapq[SEQ_Q];
	double		lenq[SEQ_Q];
	double		startq[SEQ_Q];
	double		time_center;	/* years, the trend's origin */
	int			path_n;			/* points of the common path, 0: none */
	int			path_width;		/* grid steps per point */
	double		path_origin;	/* grid period of the first point */
	int64		entities;
	int64		rows;			/* rows the dynamics were estimated from */
	bool		season_hour;
	bool		season_wday;
	bool		season_month;
	int			ndims;
	SeqDim	   *dims;
	double	   *innov;			/* ndims x ndims innovation correlations */
} SdSeqModel;

struct Model;
struct Sampler;

/* fit: NULL when the table is not sequential (or the option says no) */
struct FitState;
extern SdSeqModel *sd_seq_fit(Oid relid, struct Model *m, Jsonb *option,
							   struct FitState *st1);
extern void sd_seq_check_option(Jsonb *option);

/* the model's "sequence" member, both ways */
extern void sd_seq_to_json(StringInfo b, const SdSeqModel *sm);
extern SdSeqModel *sd_seq_from_jsonb(JsonbContainer *seq, const struct Model *m);

/*
 * What the dynamics read of an order value: its calendar, the bucket of
 * the finest season, its point of the common path and its years from the
 * trend's origin (seq_time_at).  Fit and sampling compute it once per row
 * or step, and every dimension reads it.
 */
typedef struct SeqTime
{
	int			hour;			/* 0..23 */
	int			wday;			/* 0..6, Sunday first */
	int			month;			/* 0..11 */
	int			bucket;			/* of the finest season, -1: no season */
	int			path;			/* point of the common path, -1: none */
	double		years;			/* from the trend's origin */
} SeqTime;

/* time and the seasonal means, shared by fit and sampling (sequence.c) */
extern void seq_order_fields(const SdSeqModel *sm, double v, int *y, int *mo,
							 int *d, int *wday, int *hour, double *tod);
extern double seq_order_from_fields(const SdSeqModel *sm, int y, int mo, int d,
									double tod);
extern void seq_time_at(const SdSeqModel *sm, double t, SeqTime *tm);

/* the seasonal mean, common path and trend of a dimension at time tm */
static inline double
seq_time_mean(const SdSeqModel *sm, const SeqDim *d, const SeqTime *tm)
{
	double		mu = 0;

	if (sm->order_kind == SEQ_ORDER_INTEGER)
		return 0;
	if (sm->season_hour)
		mu += d->hour[tm->hour];
	if (sm->season_wday)
		mu += d->wday[tm->wday];
	if (sm->season_month)
		mu += d->month[tm->month];
	if (tm->path >= 0)
		mu += d->path[tm->path];
	return mu + d->trend * tm->years;
}

/* the noise sd of an entity at level m (standardized value scale) */
static inline double
seq_noise_factor(const SeqDim *d, double m)
{
	double		g = exp(Max(-10.0, Min(10.0, d->nslope * (m - d->ncenter))));

	return Max(1.0 / SEQ_NOISE_MAX, Min(SEQ_NOISE_MAX, g));
}

/* the AR part (sequence_ar.c) */
extern int	seq_ar_levinson(const double *rho, int pmax, int64 n, bool aic,
							double *phi, double *var);
extern double seq_ar_acf(const double *phi, int p, double *rho, int L);
extern void seq_ar_debias(const double *obs, int p, const double *lens, int nl,
						  double *phi, double *var, double *within);
extern bool seq_ar_start_factor(const double *phi, int p, double sigma,
								double *l);

/* sampling */
typedef struct SdSeqState SdSeqState;
extern SdSeqState *sd_seq_sampler(struct Sampler *s, SdSeqModel *sm);
extern void sd_seq_latent(SdSeqState *st, int64 row, int attempt, double *z);
extern void sd_seq_fill(SdSeqState *st, int64 row, Datum *values, bool *nulls);
extern bool sd_seq_supplies(SdSeqState *st, int att);
extern void sd_seq_seed_orderings(SdSeqState *st);

#endif							/* SYNTHDATA_SEQUENCE_H */
