/*-------------------------------------------------------------------------
 *
 * timeseries.h
 *		Synthetic time series and event processes (engine: plain structs,
 *		no Datums, no executor).
 *
 * A series is  value(i) = trend(i) + sum of seasonalities(i) + level(i)
 *							+ x(i) + outlier(i)
 * where x is ARMA(p,q) noise driven by innovations that are either
 * Gaussian with a fixed sd or GARCH(1,1).  Every random number is a pure
 * function of (seed, stream, index); see timeseries.c for how the AR
 * recursion is made reproducible by construction.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/timeseries.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_TIMESERIES_H
#define SYNTHDATA_TIMESERIES_H

#include "rng.h"

#define SD_TS_MAX_AR		16
#define SD_TS_MAX_MA		16
#define SD_TS_MAX_SEASONS	32
#define SD_TS_MAX_CHANGES	256
#define SD_TS_MAX_SERIES	32
#define SD_TS_MAX_WINDOW	65536	/* MA(infinity) truncation cap */
#define SD_TS_SHIFT_BLOCK	4096	/* steps per level-shift block */

typedef enum SdTrendKind
{
	SD_TREND_NONE = 0,
	SD_TREND_LINEAR,			/* intercept + slope * i */
	SD_TREND_PIECEWISE,			/* continuous, slope changes at "at" */
	SD_TREND_LOGISTIC			/* floor + capacity / (1 + exp(-rate (i - mid))) */
} SdTrendKind;

/* The components of one series. */
typedef struct SdTsComp
{
	double		level;			/* constant added to every value */
	SdTrendKind trend;
	double		slope;			/* linear / piecewise: slope of the first piece */
	int			nchanges;
	double		change_at[SD_TS_MAX_CHANGES];	/* ascending indexes */
	double		change_slope[SD_TS_MAX_CHANGES];
	double		change_base[SD_TS_MAX_CHANGES]; /* trend value at change_at */
	double		capacity;		/* logistic */
	double		growth;
	double		midpoint;

	int			nseasons;
	double		period[SD_TS_MAX_SEASONS];	/* in steps, > 1 */
	double		amplitude[SD_TS_MAX_SEASONS];
	double		phase[SD_TS_MAX_SEASONS];	/* radians */

	int			p;
	int			q;
	double		ar[SD_TS_MAX_AR];
	double		ma[SD_TS_MAX_MA];
	double		sd;				/* innovation sd (no GARCH) */
	bool		garch;
	double		omega;
	double		alpha;
	double		beta;

	double		shift_rate;		/* level shifts per step */
	double		shift_sd;
	double		outlier_rate;
	double		outlier_size;
	double		missing_rate;

	/* derived by sd_ts_comp_prepare */
	int			window;			/* MA(infinity) terms kept */
	int			gwindow;		/* GARCH terms kept */
	int			block;			/* steps between exact restarts */
	double	   *psi;			/* window MA(infinity) weights */
} SdTsComp;

/* Several series whose innovations share a correlation matrix. */
typedef struct SdTsSpec
{
	int			nseries;
	SdTsComp   *comp;			/* nseries */
	double	   *chol;			/* nseries x nseries lower factor, or NULL */
	bool		missing_as_null;
} SdTsSpec;

/*
 * Validation: returns NULL when fine, else a message (and *hint) for a
 * 22023 error.  The prepare step fills the derived fields (allocating psi
 * with palloc).
 */
extern const char *sd_ts_comp_prepare(SdTsComp *c, const char **hint);
extern const char *sd_ts_cholesky(const double *corr, int k, double *chol,
								  const char **hint);

/*
 * Components of one series from the text of a JSON object (22023 errors
 * with hints); defined with the SQL-callable functions, in
 * timeseries_sql.c, and used by the series() rule.
 */
extern SdTsSpec *sd_ts_spec_from_text(const char *json);

/* Generator state of one spec, positioned at an index. */
typedef struct SdTsSeriesState
{
	double		xlag[SD_TS_MAX_AR];		/* x(i-1), x(i-2), ... */
	double		elag[SD_TS_MAX_MA];		/* e(i-1), ... */
	double		sigma2;			/* GARCH conditional variance at i */
	double		level_base;		/* level at the start of the shift block */
	double		level_run;		/* level shifts so far in this block */
	double	   *shift_delta;	/* SD_TS_SHIFT_BLOCK shift sums, or NULL */
} SdTsSeriesState;

typedef struct SdTsState
{
	const SdTsSpec *spec;
	uint64		seed;
	uint64		stream;			/* base stream; series s uses a child */
	int64		index;			/* the index the next step computes */
	int64		shift_block;	/* block whose shift_delta is loaded */
	SdTsSeriesState *ser;
	double	   *buf;			/* scratch for restarts */
	double	   *w;				/* nseries independent normals */
	double	   *z;				/* nseries correlated normals */
	SdRng	   *rng;			/* innovation generators, keyed for... */
	SdRng	   *ev_rng;			/* outlier and missing-step generators */
	uint64		rng_seed;		/* ... this seed */
	uint64		rng_stream;		/* ... and this stream */
	bool		rng_keyed;		/* false until the first draw */
} SdTsState;

extern void sd_ts_state_init(SdTsState *st, const SdTsSpec *spec,
							 uint64 seed, uint64 stream);
extern void sd_ts_seek(SdTsState *st, int64 index);

/*
 * Compute every series at st->index into values[] (present[s] false for a
 * missing step) and advance to the next index.
 */
extern void sd_ts_step(SdTsState *st, double *values, bool *present);

/* ---- events: non-homogeneous Poisson process by thinning ---- */

typedef struct SdEvSpec
{
	double		lam[168];		/* events per microsecond, Monday 00h first */
	bool		smooth;			/* linear between hour midpoints */
} SdEvSpec;

typedef struct SdEvState
{
	const SdEvSpec *spec;
	uint64		seed;
	uint64		stream;
	int64		hour;			/* current hour since 2000-01-01 00:00 */
	SdRng		rng;
	double		offset;			/* microseconds into the hour of the last candidate */
	double		lmax;			/* dominating rate of the hour */
} SdEvState;

extern void sd_ev_init(SdEvState *st, const SdEvSpec *spec, uint64 seed,
					   int64 start_usec);

/* Next event (microseconds since 2000-01-01), PG_INT64_MIN after an empty hour. */
extern int64 sd_ev_next(SdEvState *st);

/* ---- the series() rule: values at arbitrary indexes, cached ---- */

#define SD_TS_CURSOR_SLOTS	64

/*
 * One generator per recently used stream (key), in a direct-mapped cache,
 * so that rows of several entities interleaved still cost one step each.
 */
typedef struct SdTsCursorSlot
{
	SdTsState	st;
	bool		ready;
	double		value;
	bool		present;
} SdTsCursorSlot;

typedef struct SdTsCursor
{
	SdTsSpec   *spec;
	MemoryContext context;		/* where slots are allocated */
	SdTsCursorSlot *slots[SD_TS_CURSOR_SLOTS];
} SdTsCursor;

extern SdTsCursor *sd_ts_cursor_create(SdTsSpec *spec);

/*
 * Value of step index of the series of (seed, stream): a pure function of
 * them.  Consecutive indexes of one stream cost one step each; any other
 * access restarts at the index's block.  False when the step is missing.
 */
extern bool sd_ts_value_at(SdTsCursor *cur, uint64 seed, uint64 stream,
						   int64 index, double *value);

#endif							/* SYNTHDATA_TIMESERIES_H */
