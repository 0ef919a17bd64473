/*-------------------------------------------------------------------------
 *
 * distributions.c
 *		Sampling algorithms for the probability distributions synthdata
 *		offers, and the special functions they need.
 *
 * Engine code: plain C over SdRng, no Datums, no executor calls.  Each
 * algorithm names its source.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/distributions.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "distributions.h"

/*
 * Inverse of the standard normal CDF: Wichura, "Algorithm AS 241: The
 * Percentage Points of the Normal Distribution", Applied Statistics 37(3),
 * 1988 (PPND16, relative accuracy about 1e-16).
 */
double
sd_qnorm(double p)
{
	double		q,
				r,
				val;

	if (p <= 0)
		return -HUGE_VAL;
	if (p >= 1)
		return HUGE_VAL;

	q = p - 0.5;
	if (fabs(q) <= 0.425)
	{
		r = 0.180625 - q * q;
		return q * (((((((r * 2509.0809287301226727 +
						  33430.575583588128105) * r + 67265.770927008700853) * r +
						45921.953931549871457) * r + 13731.693765509461125) * r +
					  1971.5909503065514427) * r + 133.14166789178437745) * r +
					3.387132872796366608)
			/ (((((((r * 5226.495278852545925 +
					 28729.085735721942674) * r + 39307.89580009271061) * r +
				   21213.794301586595867) * r + 5394.1960214247511077) * r +
				 687.1870074920579083) * r + 42.313330701600911252) * r + 1.);
	}

	r = (q < 0) ? p : 1 - p;
	r = sqrt(-log(r));
	if (r <= 5.)
	{
		r -= 1.6;
		val = (((((((r * 7.7454501427834140764e-4 +
					 .0227238449892691845833) * r + .24178072517745061177) *
				   r + 1.27045825245236838258) * r +
				  3.64784832476320460504) * r + 5.7694972214606914055) *
				r + 4.6303378461565452959) * r +
			   1.42343711074968357734)
			/ (((((((r *
					 1.05075007164441684324e-9 + 5.475938084995344946e-4) *
					r + .0151986665636164571966) * r +
				   .14810397642748007459) * r + .68976733498510000455) *
				 r + 1.6763848301838038494) * r +
				2.05319162663775882187) * r + 1.);
	}
	else
	{
		r -= 5.;
		val = (((((((r * 2.01033439929228813265e-7 +
					 2.71155556874348757815e-5) * r +
					.0012426609473880784386) * r + .026532189526576123093) *
				  r + .29656057182850489123) * r +
				 1.7848265399172913358) * r + 5.4637849111641143699) *
			   r + 6.6579046435011037772)
			/ (((((((r *
					 2.04426310338993978564e-15 + 1.4215117583164458887e-7) *
					r + 1.8463183175100546818e-5) * r +
				   7.868691311456132591e-4) * r + .0148753612908506148525)
				 * r + .13692988092273580531) * r +
				.59983220655588793769) * r + 1.);
	}
	return (q < 0.0) ? -val : val;
}

/* Standard normal CDF via the C library's complementary error function. */
double
sd_pnorm(double x)
{
	return 0.5 * erfc(-x * M_SQRT1_2);
}

/*
 * Standard normal draw by inversion of one uniform (AS 241 above): one
 * uniform per value keeps every draw a function of its row alone.
 */
double
sd_draw_normal(SdRng *rng)
{
	return sd_qnorm(sd_rng_uniform(rng));
}
