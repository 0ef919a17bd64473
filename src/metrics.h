/*-------------------------------------------------------------------------
 *
 * metrics.h
 *		Quality and privacy metrics of a synthetic table against a real
 *		one, with the SDMetrics definitions (engine, no Datums).
 *
 * Columns arrive as plain arrays: numeric columns as doubles (dates and
 * times as epoch seconds), categorical columns as category codes
 * 0 .. ncat-1 shared by the tables being compared; NULLs are flagged in a
 * parallel bool array.  "Codes" below are ints with -1 for NULL.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/metrics.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_METRICS_H
#define SYNTHDATA_METRICS_H

#include "neighbors.h"
#include "rng.h"

/* bins of a numeric column in a mixed pair (SDMetrics: 10) */
#define SD_PAIR_BINS 10

/* one table as columns */
typedef struct SdTable
{
	int			nrows;
	int			ncols;
	double	  **values;			/* values[col][row] */
	bool	  **isnull;			/* isnull[col][row] */
} SdTable;

/* ---- column shapes ---- */

/* two-sample Kolmogorov-Smirnov statistic; sorts both arrays in place */
extern double sd_ks_statistic(double *a, int na, double *b, int nb);

/* total variation distance between two count vectors over ncat codes */
extern double sd_tv_distance(const double *ca, const double *cb, int ncat);

/* ---- column pair trends ---- */

/* Pearson correlation over rows where both are non-null; false if undefined */
extern bool sd_pearson(const double *x, const bool *xn, const double *y,
					   const bool *yn, int n, double *r, int *npairs);

/*
 * Bucket of x among count equal-width bins over [lo, hi], as SQL's
 * width_bucket(): 0 below lo, count + 1 at or above hi.  lo == hi: 0 below,
 * 1 equal, 2 above.
 */
extern int	sd_width_bucket(double x, double lo, double hi, int count);

/*
 * 1 - (1/2) sum over cells |P_R(a,b) - P_S(a,b)|, the NULL code (-1) a
 * cell of its own.  ncat_a / ncat_b bound the codes.
 */
extern double sd_contingency_similarity(const int *ra, const int *rb, int nr,
										const int *sa, const int *sb, int ns,
										int ncat_a, int ncat_b,
										SdAllocFn alloc, void *arg);

/* Cramer's V of a contingency (rows with a NULL code left out) */
extern double sd_cramers_v(const int *a, const int *b, int n,
						   int ncat_a, int ncat_b,
						   SdAllocFn alloc, void *arg);

/* ---- privacy ---- */

/*
 * Sorts the rows of a row-major matrix (ncols per row, NULL first, then by
 * value) into order[]; the helper of the two row-match searches below.
 */
typedef struct SdRowSet SdRowSet;

extern SdRowSet *sd_rowset_build(const double *values, const bool *isnull,
								 int nrows, int ncols, const bool *categorical,
								 SdAllocFn alloc, void *arg);

/* is the row equal (NULL equal to NULL) to some row of the set? */
extern bool sd_rowset_contains(const SdRowSet *set, const double *values,
							   const bool *isnull);

/*
 * NewRowSynthesis match: some row of the set equal on the categorical
 * columns (NULL matching NULL) and, on each numeric column, NULL where the
 * row is NULL, else within tolerance * |value|.
 */
extern bool sd_rowset_matches(const SdRowSet *set, const double *values,
							  const bool *isnull, double tolerance);

/* median of an array (sorted in place); NaN for n == 0 */
extern double sd_median(double *x, int n);

#endif							/* SYNTHDATA_METRICS_H */
