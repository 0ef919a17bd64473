/*-------------------------------------------------------------------------
 *
 * clone_cons.h
 *		Relations between columns and the grain of time, in fitted
 *		cloning: orderings modelled as gaps, functional dependencies among
 *		categories, CHECK bounds that shape marginals, and the grain,
 *		hour-of-day and day-of-week shares of temporal columns.
 *
 * The fit learns them from its sample of rows (clone_constraints.c,
 * clone_time.c); the model carries them as JSON; the sampler applies them
 * while it draws a row, so the distribution is kept instead of filtered.
 * Only files of fitted cloning include this header, after clone_int.h.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/clone_cons.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_CLONE_CONS_H
#define SYNTHDATA_CLONE_CONS_H

#include "clone_int.h"

/* b >= a (or b > a) on every row where both are not NULL */
typedef struct SdOrdering
{
	int			before;			/* model column a */
	int			after;			/* model column b: its grid holds the gap */
	bool		strict;
	bool		log_gap;		/* the grid holds log(b - a) */
	double		gap_unit;		/* a time's gaps are whole multiples of it
								 * (days, hours, minutes, seconds), or 0 */
	int64		rows;			/* sample rows with both values */
} SdOrdering;

/* dependent = f(determinant) on every sample row holding both */
typedef struct SdDependency
{
	int			determinant;	/* model column (categorical) */
	int			dependent;		/* model column (categorical) */
	int		   *map;			/* determinant category -> dependent category, -1 */
	/* fitting only: the categories as they were numbered when found */
	ModelCat   *det_cats;
	ModelCat   *dep_cats;
} SdDependency;

typedef struct SdConstraints
{
	int			norders;
	SdOrdering *orders;
	int			ndeps;
	SdDependency *deps;
} SdConstraints;

/* the grains of time, finest last */
typedef enum SdGrain
{
	GRAIN_DAY,
	GRAIN_HOUR,
	GRAIN_MINUTE,
	GRAIN_SECOND,
	GRAIN_MILLISECOND,
	GRAIN_MICROSECOND
} SdGrain;

#define SD_NGRAINS 6

typedef struct SdTimeModel
{
	SdGrain		grain;
	double		offset;			/* every value is offset + a multiple of the grain */
	bool		has_hours;
	double		hour[24];		/* shares of the hours of the day (UTC) */
	bool		has_weekdays;
	double		weekday[7];		/* shares of Sunday .. Saturday */
	bool		has_joint;		/* hours that depend on the weekday: */
	double		hour_by_weekday[7][24]; /* shares of the hours per weekday */
} SdTimeModel;

/* the sampler's working state (NULL when the model has none of the above) */
typedef struct SdConsSampler
{
	int		   *order;			/* target attributes in drawing order */
	int		   *mcol_att;		/* model column -> target attribute, -1 */
	double	   *x;				/* per model column: the value drawn in this row */
	bool	   *has_x;
	int		   *cat;			/* per model column: the category drawn, -1 */
	int		   *order_of;		/* per model column: its ordering as "after", -1 */
	int		   *dep_of;			/* per model column: its dependency as dependent, -1 */
	double	   *ulo;			/* per model column: CHECK bounds as F(x) range */
	double	   *uhi;
	double	   *xlo;			/* ... and as values */
	double	   *xhi;
	double	  **hour_cum;		/* per model column: cumulative shares, or NULL */
	double	  **weekday_cum;
	double	  **hourwd_cum;		/* per model column: 7 x 24 cumulative, or NULL */
	double	   *time_lo;		/* per model column: time_shape's range, at the */
	double	   *time_hi;		/* grain (time_sampler_init) */
	bool	   *time_masses;	/* ... and whether its grid has a point mass */
} SdConsSampler;

/* clone_constraints.c */
extern void cons_fit(Model *m, FitState *st1, FitConfig *cfg2, bool orderings,
					 bool dependencies, Oid relid, const char *qualified, bool verify);
extern void cons_after_copula(Model *m);
extern void cons_replay_row(const Model *m, const FitConfig *cfg, Datum *values,
							bool *isnull);
extern void cons_to_json(StringInfo b, const Model *m);
extern void cons_from_json(Model *m, JsonbContainer *root);
extern void cons_sampler_create(Sampler *s);
extern void cons_seed_value(Sampler *s, int mc, double x);
extern void cons_row_start(Sampler *s);
extern bool cons_continuous(Sampler *s, int att, double u, double q, double *x);
extern int	cons_category(Sampler *s, int att, int j);
extern void cons_forbid_imputation(const Model *m);

/* clone_time.c */
extern void time_fit(Model *m, FitState *st1);
extern void time_col_to_json(StringInfo b, const ModelCol *c);
extern void time_col_from_json(ModelCol *c, JsonbContainer *cc);
extern double time_shape(Sampler *s, int att, const ModelCol *c, double x);
extern double time_round(const ModelCol *c, double x, bool up);
extern double time_unit(const ModelCol *c);
extern double time_gap_unit(const ModelCol *c, const double *xa, const double *xb, int n);
extern double value_step(const ModelCol *c);
extern void time_sampler_init(Sampler *s, int att);

/* clone_checks.c */
extern void checks_bounds(Sampler *s);

#endif							/* SYNTHDATA_CLONE_CONS_H */
