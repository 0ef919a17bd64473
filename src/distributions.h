/*-------------------------------------------------------------------------
 *
 * distributions.h
 *		Sampling algorithms and special functions (engine, no Datums).
 *
 * Every draw takes a generator positioned at the start of its row and may
 * consume as many words of that row as it needs (rejection loops), so a
 * value is a pure function of (seed, stream, row).
 *
 * The family registry (SdFamily, sd_family_lookup) lets other parts of
 * synthdata (rule language, model sampler) draw from any univariate family
 * by name with a vector of double parameters; discrete families return
 * their integer value as a double.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/distributions.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_DISTRIBUTIONS_H
#define SYNTHDATA_DISTRIBUTIONS_H

#include "rng.h"

/*
 * Two doubles on one vector register (GCC and Clang vector extensions):
 * element-wise IEEE arithmetic, so each lane rounds like scalar code.
 */
#if defined(__GNUC__) || defined(__clang__)
typedef double sd_v2df __attribute__((vector_size(16)));
#endif

/* ---- special functions ---- */
extern double sd_qnorm(double p);
extern double sd_pnorm(double x);

/* ---- continuous draws (standard forms take no parameters) ---- */
extern double sd_draw_normal(SdRng *rng);
extern void sd_draw_normal_array(SdRng *rng, double *out, int n);
extern double sd_draw_exponential(SdRng *rng);	/* rate 1 */
extern double sd_draw_log_gamma(SdRng *rng, double shape);	/* log of a gamma draw, scale 1 */

/* ---- discrete draws ---- */
extern int64 sd_draw_binomial(SdRng *rng, int64 size, double p);
extern int64 sd_draw_poisson(SdRng *rng, double lambda);
extern int64 sd_draw_zipf(SdRng *rng, double exponent, int64 size);

/* ---- the family registry ---- */

#define SD_FAMILY_MAX_PARAMS 4

typedef struct SdFamily
{
	const char *name;			/* "normal", "poisson", ... */
	int			nparams;
	const char *param_names[SD_FAMILY_MAX_PARAMS];
	double		param_defaults[SD_FAMILY_MAX_PARAMS];	/* NaN: required */
	bool		discrete;		/* integer-valued (drawn as a double) */

	/*
	 * Bit i set: parameter i may be -Infinity/Infinity (truncnormal's
	 * bounds); otherwise every parameter must be finite.
	 */
	unsigned int infinite_ok;

	/* one draw; rng is positioned at its row, params already checked */
	double		(*draw) (SdRng *rng, const double *params);

	/*
	 * NULL if params are valid, else a message in PostgreSQL style (lower
	 * case, no period) naming the offending parameter.  Also rejects NaN
	 * and infinities (except where infinite_ok allows them).
	 */
	const char *(*check) (const double *params);

	/* P(X <= x); NULL where not offered */
	double		(*cdf) (double x, const double *params);

	/* P(X = k) for discrete families; NULL for continuous ones */
	double		(*pmf) (double k, const double *params);
} SdFamily;

extern const SdFamily *sd_family_lookup(const char *name);

#endif							/* SYNTHDATA_DISTRIBUTIONS_H */
