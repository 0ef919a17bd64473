/*-------------------------------------------------------------------------
 *
 * impute_engine.h
 *		Imputation and augmentation math (engine, no Datums).
 *
 * A table is a row-major matrix of doubles, nrows x ncols, with a parallel
 * matrix of "missing" flags (the same layout as neighbors.h).  Numeric
 * columns hold numbers (dates and times as day or microsecond counts);
 * categorical columns hold category codes 0 .. ncats-1 that are only
 * compared for equality.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/impute_engine.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_IMPUTATION_H
#define SYNTHDATA_IMPUTATION_H

#include "rng.h"

typedef struct SdImpData
{
	int			nrows;
	int			ncols;
	const double *values;		/* nrows x ncols, row-major */
	const bool *missing;		/* nrows x ncols: true = no usable value */
	const bool *categorical;	/* ncols */
	const int  *ncats;			/* ncols: categorical columns' code count */
} SdImpData;

/* what one column looks like (observed values only) */
typedef struct SdImpStats
{
	int			nobs;			/* observed (non-missing) values */
	double		mean;			/* numeric columns */
	double		sd;				/* sample standard deviation (0 if nobs < 2) */
	double		min;
	double		max;
	double		median;
	double		mode;			/* most frequent value or code; ties: smallest */
	int		   *counts;			/* categorical: per code (palloc'd), else NULL */
} SdImpStats;

extern void sd_imp_stats(const SdImpData *d, int col, SdImpStats *st);

/*
 * Linear regression imputation: every missing cell of a target column is
 * predicted from the row's observed columns (see impute_engine.c).  Writes the
 * predictions into out (nrows x ncols, only the cells that are missing in
 * a target column are written).  Numeric predictions are not clamped.
 */
extern void sd_imp_regression(const SdImpData *d, const bool *target,
							  double ridge, int max_levels, double *out);

/*
 * Donor-based k-nearest-neighbour value for one column: the mean of the
 * donors' values (numeric) or their most frequent code, ties broken by the
 * nearest donor (categorical).  rows are the donors, nearest first.
 */
extern double sd_imp_knn_value(const SdImpData *d, int col, const int *rows,
							   int n);

/*
 * SMOTE (Chawla et al. 2002) with SMOTE-NC categoricals: the row on the
 * segment from x to its neighbour y at fraction u.
 */
extern void sd_imp_smote_row(const SdImpData *d, int x, int y, double u,
							 double *out, bool *outmissing);

/*
 * A row ranked by a key (a random draw, a class code): sort with
 * sd_imp_cmp_ranked for key order, ties broken by row number so that the
 * order never depends on qsort's stability.
 */
typedef struct SdImpRanked
{
	double		v;
	int			row;
} SdImpRanked;

extern int	sd_imp_cmp_ranked(const void *a, const void *b);

/*
 * The conditional Gaussian of a copula's latent vector given some of its
 * coordinates (imputation by the "model" method): for a set of observed
 * dimensions O of the correlation matrix R, the precision Q of R_OO, the
 * regression B = R_MO R_OO^-1 of the others M on them and the Cholesky
 * factor Lc of R_MM - B R_OM.  Observed coordinates are either exact (a
 * number's normal score) or known to lie in an interval (a category, a
 * NULL indicator): those are drawn, or set to their conditional means, by
 * Gibbs sweeps over the truncated normals (see sd_imp_condgauss_row).
 */
typedef struct SdCondGauss
{
	int			ndims;
	int			no;				/* observed dimensions */
	int			nm;				/* the others */
	int		   *obs;			/* no dimension indices */
	int		   *mis;			/* nm dimension indices */
	double	   *Q;				/* no x no */
	double	   *B;				/* nm x no */
	double	   *Lc;				/* nm x nm, lower triangular */
	double	   *zo;				/* scratch: no */
} SdCondGauss;

extern void sd_imp_condgauss_init(SdCondGauss *g, const double *corr,
								  int ndims, const bool *observed);
extern void sd_imp_condgauss_row(const SdCondGauss *g, const double *lo,
								 const double *hi, bool draw, int sweeps,
								 SdRng *rng, double *z, double *mean);

#endif							/* SYNTHDATA_IMPUTATION_H */
