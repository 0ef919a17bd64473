/*-------------------------------------------------------------------------
 *
 * clone.h
 *		What the fitted-cloning engine lends to other features: a model's
 *		copula and marginals, seen through a sampler over a row type.
 *
 * The sampler (opaque) is the one synth_sample uses: it reads a synth_fit
 * model, matches its columns to the attributes of a row type (checking
 * that the types can hold the model's values) and maps latent normal
 * coordinates to values.  Imputation uses it to condition the copula on a
 * row's observed values (impute.c).
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/clone.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_CLONE_H
#define SYNTHDATA_CLONE_H

#include "access/tupdesc.h"
#include "utils/jsonb.h"

typedef struct Sampler SdCloneSampler;

/* How one attribute of the row type is modelled. */
typedef struct SdCloneColumn
{
	bool		modelled;		/* the model has the column */
	bool		continuous;		/* a quantile-function marginal */
	bool		categorical;	/* ordered categories */
	int			ncat;
	int			value_dim;		/* copula dimension of the value, or -1 */
	int			null_dim;		/* copula dimension of NULL, or -1 */
	double		null_tau;		/* NULL when the null dimension exceeds this */
	int			parent_att;		/* conditional marginal: the parent's attribute, or -1 */
} SdCloneColumn;

/* a finite numeric's display scale (2 for 2.50), -1 for NaN or an infinity */
extern int	numeric_display_scale(Datum d);
/* a money value's amount in currency units (money::numeric, as a double) */
extern double money_amount(Datum d);
extern int	decimal_scale(double v);
extern int	decimal_scale_tol(double v, double tol);

extern SdCloneSampler *sd_clone_sampler(Jsonb *model, TupleDesc tupdesc,
										const char *relname, uint64 seed);
extern int	sd_clone_ndims(SdCloneSampler *s);
extern const double *sd_clone_correlation(SdCloneSampler *s);
extern void sd_clone_column(SdCloneSampler *s, int att, SdCloneColumn *out);
extern bool sd_clone_score(SdCloneSampler *s, int att, Datum value,
						   int parent_cat, double *z, double *density);
extern bool sd_clone_number(SdCloneSampler *s, int att, Datum value,
							double *x);
extern double sd_clone_category_p(SdCloneSampler *s, int att, int cat);
extern int	sd_clone_category(SdCloneSampler *s, int att, Datum value);
extern void sd_clone_category_bounds(SdCloneSampler *s, int att, int cat,
									 double *lo, double *hi);
extern Datum sd_clone_category_value(SdCloneSampler *s, int att, int cat);
extern Datum sd_clone_value(SdCloneSampler *s, int att, const double *z,
							double u);

#endif							/* SYNTHDATA_CLONE_H */
