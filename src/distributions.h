/*-------------------------------------------------------------------------
 *
 * distributions.h
 *		Sampling algorithms and special functions (engine, no Datums).
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

/* special functions */
extern double sd_qnorm(double p);
extern double sd_pnorm(double x);

/* draws */
extern double sd_draw_normal(SdRng *rng);

#endif							/* SYNTHDATA_DISTRIBUTIONS_H */
