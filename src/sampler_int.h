/*-------------------------------------------------------------------------
 *
 * sampler_int.h
 *		What the sampler's files (sampler.c, sampler_values.c,
 *		sampler_engine.c) share and nothing else includes: category search
 *		by bounds, and the conditional-marginal and number helpers.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sampler_int.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_SAMPLER_INT_H
#define SYNTHDATA_SAMPLER_INT_H

#include "clone_int.h"

/*
 * The number of the first ncat - 1 sorted bounds that x has passed (bound
 * <= x when inclusive, bound < x otherwise), i.e. the first j < ncat - 1
 * with x below bound[j], else ncat - 1.  Branch-free bisection (Khuong and
 * Morin, "Array Layouts for Comparison-Based Searching", ACM JEA 22, 2017):
 * the halving steps compile to conditional moves, no mispredicted jumps.
 */
static inline int
bisect_bounds(const double *bound, int ncat, double x, bool inclusive)
{
	const double *base = bound;
	int			n = ncat - 1;

	if (n <= 0)
		return 0;
	while (n > 1)
	{
		int			half = n / 2;
		double		b = base[half - 1];

		base = (inclusive ? b <= x : b < x) ? base + half : base;
		n -= half;
	}
	return (int) (base - bound) + (inclusive ? *base <= x : *base < x);
}

/*
 * First category j < ncat - 1 with x < bound[j], else ncat - 1: with
 * bounds from pnorm_threshold, the category of latent value x; it is the
 * linear scan "while Phi(x) > cum[j]: j++" done by bisection.
 */
static inline int
bounded_category(const double *bound, int ncat, double x)
{
	return bisect_bounds(bound, ncat, x, true);
}

/* first category j < ncat - 1 with u <= cum[j], else ncat - 1 */
static inline int
cum_category(const double *cum, int ncat, double u)
{
	return bisect_bounds(cum, ncat, u, false);
}

/* a conditional marginal's CDF given its parent's category: points of z, and its reach */
#define COND_Z_POINTS 257
#define COND_Z_MAX 6.0

/* sampler.c */
extern double sampler_latent_cdf_inverse(const double *row, double u);
extern double sampler_conditional_u(Sampler *s, const ModelCol *c, double v);
extern double sampler_category_rank_u(const ModelCol *c, int r, double v);
extern Datum sampler_number_to_datum(TargetCol *tc, double v, int scale);

/* sampler_values.c */
extern Datum sampler_random_bytes(TargetCol *tc, const ModelCol *c);
extern Datum sampler_random_document(TargetCol *tc, const ModelCol *c);
extern Datum sampler_random_range(TargetCol *tc, const ModelCol *c);
extern Datum sampler_random_array(TargetCol *tc, const ModelCol *c);

#endif							/* SYNTHDATA_SAMPLER_INT_H */
