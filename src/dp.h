/*-------------------------------------------------------------------------
 *
 * dp.h
 *		Differential privacy: noise sources, mechanisms and accounting.
 *
 * The engine of the DP fit (dp_fit.c): a noise source (the seeded
 * counter-based generator for tests, else the operating system's strong
 * random source), the Gaussian mechanism and the exponential mechanism
 * under zero-concentrated DP, and the conversions between rho-zCDP and
 * (epsilon, delta)-DP.  Plain C, no Datums.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/dp.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_DP_H
#define SYNTHDATA_DP_H

#include "rng.h"

/* where noise comes from */
typedef struct SdDpNoise
{
	bool		seeded;			/* the counter-based generator (tests only) */
	SdRng		rng;
} SdDpNoise;

extern void sd_dp_noise_init(SdDpNoise *ns, bool seeded, uint64 seed);
extern double sd_dp_gaussian(SdDpNoise *ns, double sigma);

/* sigma of the Gaussian mechanism that is rho-zCDP at L2 sensitivity sens */
extern double sd_dp_sigma(double rho, double sens);

/*
 * The exponential mechanism over n candidates with the given utilities of
 * sensitivity sens: index of the chosen candidate; it is eps-DP and
 * eps^2/8-zCDP (sd_dp_em_epsilon gives eps for a rho).
 */
extern int	sd_dp_exponential(SdDpNoise *ns, const double *utility, int n,
							  double eps, double sens);
extern double sd_dp_em_epsilon(double rho);

/* rho-zCDP -> (epsilon, delta)-DP, and back (the largest rho for a target) */
extern double sd_dp_epsilon(double rho, double delta);
extern double sd_dp_rho(double epsilon, double delta);

#endif							/* SYNTHDATA_DP_H */
