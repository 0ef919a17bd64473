/*-------------------------------------------------------------------------
 *
 * dp_int.h
 *		The state of a differentially private fit, shared by dp_fit.c (the
 *		marginals, the copula, the ledger) and dp_mst.c (the maximum
 *		spanning tree of 2-way marginals).
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/dp_int.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_DP_INT_H
#define SYNTHDATA_DP_INT_H

#include "clone_int.h"
#include "dp.h"

#define DP_FINE_STEP 256		/* fine bins per unit of log2(1 + |x|) */
#define DP_FINE_HALF (64 * DP_FINE_STEP)
#define DP_FINE_BINS (2 * DP_FINE_HALF)
#define DP_COARSE 256			/* fine bins per range bin (an octave) */
#define DP_COARSE_BINS (DP_FINE_BINS / DP_COARSE)
#define DP_RANGE_FALSE 0.01		/* chance that some empty range bin clears the level */
#define DP_REFINE_FALSE 0.001	/* the same for a round of the range's refinement */
#define DP_REFINE_UNITS 0.5		/* of a number's units: the fine edges of its range */
#define DP_REFINE_LEVELS 3		/* rounds of the refinement (dp_fit.c) */
#define DP_REFINE_CLIP 0.05		/* a round's level at most this share of the rows */
#define DP_HIST_MAX 256			/* bins of a log-scale histogram */
#define DP_UNIT_MAX 129			/* integers of a unit-bin histogram */
#define DP_UNIT_ABS 300			/* ... all within this of 0 (fine bins narrower than 1) */
#define DP_CLIP 2.0				/* normal scores are clipped to +-DP_CLIP */
#define DP_FINE_TABLE_MAX 65536	/* fine bins of a range looked up in a table */
#define DP_FETCH 10000			/* rows per cursor fetch */
#define DP_DEFAULT_DELTA 1e-6
#define DP_COPULA_SHARE 0.25	/* of rho, when there are two dimensions or more */
#define DP_MST_SELECT_SHARE (1.0 / 8)	/* of rho: MST's selection of the tree */
#define DP_MST_MEASURE_SHARE (1.0 / 4)	/* of rho: MST's 2-way marginals */
#define DP_COLUMN_UNITS 4		/* units of rho per column; the row count has 1 */
#define DP_GROUPING_MAX 31		/* arguments of grouping() */
#define DP_TEXT_CAP 16384		/* text values counted in the scan; beyond, a query */

typedef struct DpOptions
{
	double		epsilon;
	double		delta;
	double		budget;			/* 0: no cap */
	char	   *person_key;
	int			max_rows;
	bool		seeded;
	uint64		seed;
	bool		copula;
	bool		mst;			/* dependence by MST (dp_mst.c), not the copula */
	Jsonb	   *bounds;
} DpOptions;

typedef enum DpKind
{
	DK_SKIP,					/* not modelled from the data */
	DK_NUMBER,
	DK_BOOL,
	DK_TEXT
} DpKind;

typedef struct DpCol
{
	int			mcol;
	DpKind		kind;
	bool		nullable;
	/* the scan */
	int64		nulls;
	int64		count;
	int64	   *fine;			/* DK_NUMBER: counts on the fine grid */
	int64		bools[2];
	/* the released marginal */
	bool		bounded;		/* range from option "bounds" */
	double		lo,
				hi;
	bool		unit;			/* bins at the integers lo .. hi */
	double		tlo,			/* else log-scale lo and hi - lo, for bin_of_fine */
				twidth;
	int		   *fine_bin;		/* histogram bin of fine bins fine_klo .. + fine_nk */
	int			fine_klo,
				fine_nk;
	int			nbins;
	double		rho_range,
				rho_refine,		/* the fine edges within the outermost bins */
				rho_hist;
	int			coarse_first,	/* the outermost range bins released */
				coarse_last;
	double		first_count,	/* ... and their noisy counts */
				last_count;
	double		threshold;		/* DK_TEXT */
	SdFreq		freq;			/* DK_TEXT: exact counts, unless overflowed */
	SdFreq		catmap;			/* DK_TEXT: label -> category + 1 */
	/* scores of the copula */
	double		null_score[2];	/* not NULL, NULL */
	double	   *cat_score;
} DpCol;

typedef struct DpFit
{
	Model	   *m;
	FitContext *fc;
	DpOptions	o;
	SdDpNoise	noise;
	int			ncols;
	DpCol	   *cols;
	int			nmodelled;
	int			ntext;
	char	   *source;			/* FROM item of the (bounded) rows */
	double		rho,
				delta_conv,
				delta_thr,
				rho_unit,
				rho_copula,
				rho_mst_select,
				rho_mst_measure;
	double		rows;			/* the noisy row count */
	int64		exact_rows;
	/* the copula */
	int			ndims;
	int		   *dim_col;
	bool	   *dim_null;
	double	   *dim_b;			/* E[score(Z) Z]: the score's slope on the latent */
	double	   *sums;			/* ndims x ndims sums of products of scores */
	double	   *score;
	void	   *mst;			/* dp_mst.c: the tree being fitted */
	StringInfoData budget;		/* JSON array of the split */
	bool		budget_first;
} DpFit;


typedef void (*DpRowFn) (DpFit *f, Datum *values, bool *isnull);

/* dp_fit.c */
extern void sd_dp_budget_item(DpFit *f, const char *column, const char *statistic,
							  const char *mechanism, double rho, const char *extra);
extern void sd_dp_scan(DpFit *f, DpRowFn fn);
extern int	sd_dp_category_of(DpFit *f, int i, Datum v);
extern int	sd_dp_bin_index(DpFit *f, int i, double x);
extern void sd_dp_bin_bounds(DpFit *f, int i, int j, double *a, double *b);

/* dp_mst.c */
extern void sd_dp_mst(DpFit *f);

#endif							/* SYNTHDATA_DP_INT_H */
