/*-------------------------------------------------------------------------
 *
 * neighbors.h
 *		Mixed-type row distance and exact k-nearest-neighbour search
 *		(engine, no Datums).
 *
 * A table is a row-major matrix of doubles, nrows x ncols, with a parallel
 * matrix of NULL flags.  Numeric columns hold numbers (dates and times as
 * epoch seconds); categorical columns hold category codes that are only
 * compared for equality.  The distance between two rows is the distance to
 * closest record (DCR) of SDMetrics:
 *
 *		d(a, b) = sum_j w_j d_j(a_j, b_j) / sum_j w_j
 *
 *	numeric:		d_j = min(|a_j - b_j| / range_j, 1)
 *					(range_j <= 0: 0 when equal, else 1)
 *	categorical:	d_j = 0 when equal, else 1
 *	NULLs:			both NULL -> 0, exactly one NULL -> 1
 *
 * Each d_j is a metric on its column (a capped metric is a metric, the
 * discrete metric is one, and NULL acts as one more point at distance 1 of
 * everything), so d is a metric and a vantage-point tree answers k-NN
 * queries exactly.
 *
 * Usage:
 *		SdNnMetric m = {ncols, categorical, range, NULL};
 *		SdNnIndex *ix = sd_nn_build(&m, values, isnull, nrows, alloc, arg);
 *		for each query row q:
 *			n = sd_nn_query(ix, qvalues, qnull, k, rows, dists);
 *
 * The index points into the caller's values/isnull (it does not copy
 * them), so they must outlive it.  Memory comes from the caller's
 * allocator (palloc-like: never returns NULL); the index is freed by
 * freeing that memory (e.g. deleting the memory context).
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/neighbors.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_NEIGHBORS_H
#define SYNTHDATA_NEIGHBORS_H

/* allocator supplied by the caller: must not return NULL */
typedef void *(*SdAllocFn) (void *arg, size_t size);

/* the distance: one entry per column */
typedef struct SdNnMetric
{
	int			ncols;
	const bool *categorical;	/* true: compare codes for equality */
	const double *range;		/* numeric columns: scale (real max - min) */
	const double *weight;		/* NULL: every column weighs 1 */
} SdNnMetric;

typedef struct SdNnIndex SdNnIndex;

/*
 * Builds a vantage-point tree over nrows rows (row-major, metric->ncols
 * per row; isnull may be NULL).  The metric struct and its arrays are
 * copied; values and isnull are referenced.
 */
extern SdNnIndex *sd_nn_build(const SdNnMetric *metric,
							  const double *values, const bool *isnull,
							  int nrows, SdAllocFn alloc, void *alloc_arg);

/*
 * The k nearest rows of the index to one query row (qnull may be NULL).
 * Writes min(k, nrows) row numbers (0-based, into the values the index was
 * built on) and their distances, nearest first, and returns that count.
 * Exact: the distances are those of an exhaustive search; among rows at
 * exactly equal distance the choice follows the tree's visiting order,
 * which is deterministic for a given input.
 */
extern int	sd_nn_query(SdNnIndex *index, const double *qvalues,
						const bool *qnull, int k, int *rows, double *dists);

/*
 * The same, among the rows for which accept(row, arg) is true only (for
 * example the rows of one class, or the rows whose value to impute is not
 * NULL).  Rejected rows still guide the search, so it stays exact.
 */
typedef bool (*SdNnAcceptFn) (int row, void *arg);

extern int	sd_nn_query_filtered(SdNnIndex *index, const double *qvalues,
								 const bool *qnull, int k,
								 SdNnAcceptFn accept, void *accept_arg,
								 int *rows, double *dists);

/* the same answer by exhaustive search (for tests and tiny tables) */
extern int	sd_nn_query_exhaustive(SdNnIndex *index, const double *qvalues,
								   const bool *qnull, int k,
								   SdNnAcceptFn accept, void *accept_arg,
								   int *rows, double *dists);

/* number of row distances computed by queries so far (pruning measure) */
extern uint64 sd_nn_distance_count(const SdNnIndex *index);

#endif							/* SYNTHDATA_NEIGHBORS_H */
