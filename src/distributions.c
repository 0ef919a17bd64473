/*-------------------------------------------------------------------------
 *
 * distributions.c
 *		Sampling algorithms for the probability distributions synthdata
 *		offers, and the special functions they need.
 *
 * Engine code: plain C over SdRng, no Datums, no executor calls.  Each
 * algorithm names its source.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
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
#include <string.h>

#include "distributions.h"


/*
 * The central region of AS 241 (|p - 0.5| <= 0.425): r = 0.180625 - q^2.
 * One expression for the scalar and the two-lane version, so both compute
 * the same operations in the same order.
 */
#define AS241_CENTRAL(q, r) \
	((q) * ((((((((r) * 2509.0809287301226727 + \
				 33430.575583588128105) * (r) + 67265.770927008700853) * (r) + \
			   45921.953931549871457) * (r) + 13731.693765509461125) * (r) + \
			 1971.5909503065514427) * (r) + 133.14166789178437745) * (r) + \
		   3.387132872796366608) \
	 / ((((((((r) * 5226.495278852545925 + \
			 28729.085735721942674) * (r) + 39307.89580009271061) * (r) + \
		   21213.794301586595867) * (r) + 5394.1960214247511077) * (r) + \
		 687.1870074920579083) * (r) + 42.313330701600911252) * (r) + 1.))

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
		return AS241_CENTRAL(q, r);
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

/*
 * sd_qnorm of n values, out[i] = sd_qnorm(p[i]) bit for bit (out may be p).
 * The central region |p - 1/2| <= 0.425, where about 85% of uniform draws
 * fall, is evaluated two values at a time on vector registers, with the
 * very operations of sd_qnorm in the very same order (IEEE arithmetic
 * rounds each lane exactly like the scalar code); the tails, and compilers
 * without vector extensions, take sd_qnorm itself.
 */
static void
sd_qnorm_array(const double *p, double *out, int n)
{
	int			i = 0;

#if defined(__GNUC__) || defined(__clang__)
	for (; i + 1 < n; i += 2)
	{
		sd_v2df		q = {p[i] - 0.5, p[i + 1] - 0.5};
		sd_v2df		r = 0.180625 - q * q;
		sd_v2df		val;
		int			k;

		val = AS241_CENTRAL(q, r);
		for (k = 0; k < 2; k++)
			out[i + k] = fabs(q[k]) <= 0.425 ? val[k] : sd_qnorm(p[i + k]);
	}
#endif
	for (; i < n; i++)
		out[i] = sd_qnorm(p[i]);
}

/* Standard normal CDF via the C library's complementary error function. */
double
sd_pnorm(double x)
{
	return 0.5 * erfc(-x * M_SQRT1_2);
}

/*
 * log(a!) - log(b!) for a, b >= 0 without the cancellation of subtracting
 * two huge lgamma values: Stirling's series
 * log(x!) = (x + 1/2) log(x + 1) - (x + 1) + log(2 pi) / 2 + d(x + 1),
 * d(y) = 1/(12y) - 1/(360y^3) + 1/(1260y^5) (error below 1e-14 for
 * y > 30; A&S 6.1.41), with the difference of the leading terms
 * rearranged around log1p.  Keeps rejection tests exact to ~1e-15 for
 * counts up to 2^53.
 */
static inline double
stirling_d(double y)
{
	double		y2 = y * y;

	return (1.0 / 12 - (1.0 / 360 - 1.0 / (1260 * y2)) / y2) / y;
}

static double
lfact_diff(double a, double b)
{
	if (a < 30 || b < 30)
		return lgamma(a + 1) - lgamma(b + 1);
	return (a - b) * log(b + 1) + (a + 0.5) * log1p((a - b) / (b + 1)) -
		(a - b) + stirling_d(a + 1) - stirling_d(b + 1);
}

/*
 * Saddle-point pmfs of C. Loader, "Fast and Accurate Computation of
 * Binomial Probabilities" (2000): the Stirling error and the deviance
 * term bd0 keep binomial, Poisson and hypergeometric probabilities
 * accurate to ~1e-15 relative even for counts near 2^53, where
 * differences of lgamma values lose every digit.
 */
#define SD_LN_SQRT_2PI	0.918938533204672741780329736406

/* stirlerr(n) = log(n!) - log(sqrt(2 pi n) (n/e)^n) */
static double
stirlerr(double n)
{
	const double S0 = 1.0 / 12,
				S1 = 1.0 / 360,
				S2 = 1.0 / 1260,
				S3 = 1.0 / 1680,
				S4 = 1.0 / 1188;
	double		nn;

	if (n <= 15)
		return lgamma(n + 1) - (n + 0.5) * log(n) + n - SD_LN_SQRT_2PI;
	nn = n * n;
	if (n > 500)
		return (S0 - S1 / nn) / n;
	if (n > 80)
		return (S0 - (S1 - S2 / nn) / nn) / n;
	if (n > 35)
		return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
	return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/* bd0(x, m) = x log(x / m) + m - x, by a series where x is close to m */
static double
bd0(double x, double m)
{
	if (fabs(x - m) < 0.1 * (x + m))
	{
		double		v = (x - m) / (x + m),
					sum = (x - m) * v,
					ej = 2 * x * v;
		int			j;

		v *= v;
		for (j = 1; j < 1000; j++)
		{
			double		s1;

			ej *= v;
			s1 = sum + ej / (2 * j + 1);
			if (s1 == sum)
				return s1;
			sum = s1;
		}
		return sum;
	}
	return x * log(x / m) + m - x;
}

/* binomial pmf for integer 0 <= x <= n (n may be fractional: negbinomial) */
static double
dbinom_raw(double x, double n, double p, double q)
{
	double		lc;

	if (p == 0)
		return x == 0 ? 1.0 : 0.0;
	if (q == 0)
		return x == n ? 1.0 : 0.0;
	if (x == 0)
		return n == 0 ? 1.0 : exp(n * (p < 0.1 ? log1p(-p) : log(q)));
	if (x == n)
		return exp(n * (q < 0.1 ? log1p(-q) : log(p)));
	if (x < 0 || x > n)
		return 0.0;
	lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
	return exp(lc) * sqrt(n / (2 * M_PI * x * (n - x)));
}

/* Poisson pmf for integer x >= 0 */
static double
dpois_raw(double x, double lambda)
{
	if (lambda == 0)
		return x == 0 ? 1.0 : 0.0;
	if (x == 0)
		return exp(-lambda);
	return exp(-stirlerr(x) - bd0(x, lambda)) / sqrt(2 * M_PI * x);
}

/*
 * Regularized lower incomplete gamma P(a, x): the power series
 * (Abramowitz & Stegun 6.5.29) for x < a + 1, else the complement from
 * Legendre's continued fraction (A&S 6.5.31) evaluated by the modified
 * Lentz method (Lentz 1976; Thompson & Barnett 1986).
 */
static double
sd_pgamma(double x, double a)
{
	double		lpre;
	int			i;

	if (!(x > 0))
		return 0.0;
	if (isinf(x))
		return 1.0;
	lpre = a * log(x) - x - lgamma(a);
	if (x < a + 1)
	{
		double		sum = 1.0 / a,
					term = 1.0 / a;

		for (i = 1; i < 100000; i++)
		{
			term *= x / (a + i);
			sum += term;
			if (fabs(term) < fabs(sum) * 1e-16)
				break;
		}
		return sum * exp(lpre);
	}
	else
	{
		const double tiny = 1e-300;
		double		b = x + 1 - a,
					c = 1 / tiny,
					d = 1 / b,
					h = d;

		for (i = 1; i < 100000; i++)
		{
			double		an = -i * (i - a),
						del;

			b += 2;
			d = an * d + b;
			if (fabs(d) < tiny)
				d = tiny;
			c = b + an / c;
			if (fabs(c) < tiny)
				c = tiny;
			d = 1 / d;
			del = d * c;
			h *= del;
			if (fabs(del - 1) < 1e-16)
				break;
		}
		return 1.0 - exp(lpre) * h;
	}
}

/*
 * Continued fraction for the incomplete beta function (A&S 26.5.8),
 * modified Lentz method; converges fast for x < (a + 1) / (a + b + 2).
 */
static double
betacf(double x, double a, double b)
{
	const double tiny = 1e-300;
	double		c = 1,
				d = 1 - (a + b) * x / (a + 1),
				h;
	int			m;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	h = d;
	for (m = 1; m < 100000; m++)
	{
		double		m2 = 2 * m,
					num,
					del;

		num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
		d = 1 + num * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + num / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		h *= d * c;
		num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
		d = 1 + num * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1 + num / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-16)
			break;
	}
	return h;
}

/* Regularized incomplete beta I_x(a, b). */
static double
sd_pbeta(double x, double a, double b)
{
	double		lfront;

	if (!(x > 0))
		return 0.0;
	if (x >= 1)
		return 1.0;
	lfront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
	if (x < (a + 1) / (a + b + 2))
		return exp(lfront) * betacf(x, a, b) / a;
	return 1.0 - exp(lfront) * betacf(1 - x, b, a) / b;
}

/* ---------------------------------------------------------------------
 * Continuous draws
 * ---------------------------------------------------------------------
 */

/*
 * Standard normal draw by inversion of one uniform (AS 241 above): one
 * uniform per value keeps every draw a function of its row alone.
 */
double
sd_draw_normal(SdRng *rng)
{
	return sd_qnorm(sd_rng_uniform(rng));
}

/* n standard normal draws: the values n calls of sd_draw_normal give */
void
sd_draw_normal_array(SdRng *rng, double *out, int n)
{
	sd_rng_uniform_array(rng, out, n);
	sd_qnorm_array(out, out, n);
}

/* Standard exponential by inversion. */
double
sd_draw_exponential(SdRng *rng)
{
	return -log(sd_rng_uniform(rng));
}

/*
 * log of a Gamma(shape, 1) variate.  Marsaglia & Tsang, "A Simple Method
 * for Generating Gamma Variables", ACM TOMS 26(3), 2000: squeeze and
 * rejection on d*(1 + c*Z)^3 for shape >= 1; for shape < 1 their boost
 * G(a) = G(a + 1) * U^(1/a), kept in logs so that tiny shapes do not
 * underflow to zero (Beta with small parameters needs the logs).
 */
double
sd_draw_log_gamma(SdRng *rng, double shape)
{
	double		boost = 0.0,
				d,
				c;

	if (shape < 1)
	{
		boost = log(sd_rng_uniform(rng)) / shape;
		shape += 1;
	}
	d = shape - 1.0 / 3.0;
	c = 1.0 / sqrt(9.0 * d);
	for (;;)
	{
		double		x,
					v,
					u;

		do
		{
			x = sd_draw_normal(rng);
			v = 1.0 + c * x;
		} while (v <= 0);
		v = v * v * v;
		u = sd_rng_uniform(rng);
		if (u < 1.0 - 0.0331 * (x * x) * (x * x) ||
			log(u) < 0.5 * x * x + d * (1.0 - v + log(v)))
			return log(d) + log(v) + boost;
	}
}

static double
sd_draw_gamma(SdRng *rng, double shape)
{
	return exp(sd_draw_log_gamma(rng, shape));
}

/* Beta as G(a) / (G(a) + G(b)) (Devroye 1986, IX.4), computed in logs. */
static double
sd_draw_beta(SdRng *rng, double a, double b)
{
	double		lx = sd_draw_log_gamma(rng, a),
				ly = sd_draw_log_gamma(rng, b);

	return 1.0 / (1.0 + exp(ly - lx));
}

/* Chi-square(df) = 2 * Gamma(df / 2). */
static double
sd_draw_chisq(SdRng *rng, double df)
{
	return 2.0 * sd_draw_gamma(rng, df / 2.0);
}

/* Student's t(df) = Z / sqrt(chi2(df) / df). */
static double
sd_draw_student_t(SdRng *rng, double df)
{
	double		z = sd_draw_normal(rng);

	return z / sqrt(sd_draw_chisq(rng, df) / df);
}

/* Triangular(low, mode, high) by inversion of its CDF. */
static double
sd_draw_triangular(SdRng *rng, double low, double mode, double high)
{
	double		u = sd_rng_uniform(rng),
				w = high - low;

	if (w <= 0)
		return low;
	if (u < (mode - low) / w)
		return low + sqrt(u * w * (mode - low));
	return high - sqrt((1 - u) * w * (high - mode));
}

/*
 * Standard normal truncated to [low, high] (either may be infinite).
 * Inversion of the CDF, on the side of zero where the tail mass is
 * computed without cancellation; beyond 37 standard deviations, where
 * erfc underflows, Robert's exponential-proposal rejection (C. P. Robert,
 * "Simulation of truncated normal variables", Statistics and Computing
 * 5(2), 1995, with his optimal rate).
 */
static double
sd_draw_truncnormal(SdRng *rng, double low, double high)
{
	bool		flip = false;
	double		pa,
				pb,
				x;

	if (low >= high)
		return low;
	/* work in the upper half: flip so that low >= 0 or the interval spans 0 */
	if (high <= 0)
	{
		double		t = low;

		low = -high;
		high = -t;
		flip = true;
	}
	if (low > 37)
	{
		/*
		 * hypot: low * low overflows for low > 1e154; halves first: low +
		 * hypot(low, 2) overflows for low > DBL_MAX / 2.  An infinite alpha
		 * would make rho 0 for every proposal, and the loop endless.
		 */
		double		alpha = low / 2 + hypot(low, 2) / 2;

		/*
		 * The exponential proposal is truncated to [low, high] by inversion
		 * (c = 1 when high is infinite), so a narrow interval far in the
		 * tail is not rejected forever.
		 */
		double		c = -expm1(-alpha * (high - low));

		for (;;)
		{
			double		z = low - log1p(-(1 - sd_rng_uniform(rng)) * c) / alpha;
			double		rho = exp(-(z - alpha) * (z - alpha) / 2);

			if (z <= high && sd_rng_uniform(rng) <= rho)
			{
				x = z;
				break;
			}
		}
	}
	else if (low >= 0)
	{
		/* upper tail: survival function Q(t) = Phi(-t) */
		pa = sd_pnorm(-low);
		pb = sd_pnorm(-high);
		x = -sd_qnorm(pa - sd_rng_uniform(rng) * (pa - pb));
		if (x < low)
			x = low;
		if (x > high)
			x = high;
	}
	else
	{
		pa = sd_pnorm(low);
		pb = sd_pnorm(high);
		x = sd_qnorm(pa + sd_rng_uniform(rng) * (pb - pa));
		if (x < low)
			x = low;
		if (x > high)
			x = high;
	}
	return flip ? -x : x;
}

/*
 * von Mises(mu, kappa) on [mu - pi, mu + pi].  Best & Fisher, "Efficient
 * Simulation of the von Mises Distribution", Applied Statistics 28(2),
 * 1979 (wrapped-Cauchy envelope).  Tiny kappa is the uniform circle; huge
 * kappa, where the envelope's constants lose precision, the normal limit
 * N(mu, 1/kappa).
 */
static double
sd_draw_von_mises(SdRng *rng, double mu, double kappa)
{
	double		tau,
				rho,
				r,
				f,
				theta;

	if (kappa < 1e-8)
		return mu + M_PI * (2 * sd_rng_uniform(rng) - 1);
	if (kappa > 1e6)
	{
		theta = sd_draw_normal(rng) / sqrt(kappa);
		if (theta > M_PI)
			theta = M_PI;
		if (theta < -M_PI)
			theta = -M_PI;
		return mu + theta;
	}
	tau = 1 + sqrt(1 + 4 * kappa * kappa);
	rho = (tau - sqrt(2 * tau)) / (2 * kappa);
	r = (1 + rho * rho) / (2 * rho);
	for (;;)
	{
		double		z = cos(M_PI * sd_rng_uniform(rng)),
					c,
					u2;

		f = (1 + r * z) / (r + z);
		c = kappa * (r - f);
		u2 = sd_rng_uniform(rng);
		if (c * (2 - c) - u2 > 0 || log(c / u2) + 1 - c >= 0)
			break;
	}
	if (f > 1)
		f = 1;
	if (f < -1)
		f = -1;
	theta = acos(f);
	if (sd_rng_uniform(rng) < 0.5)
		theta = -theta;
	return mu + theta;
}

/* ---------------------------------------------------------------------
 * Discrete draws
 * ---------------------------------------------------------------------
 */

static double m_hypergeometric(double k, const double *p);

/* clamp a non-negative double to int64 */
static inline int64
to_int64(double x)
{
	if (!(x < 9.2e18))
		return PG_INT64_MAX;
	return (int64) x;
}

/*
 * Binomial(size, p).  For size * min(p, 1 - p) < 10, inversion by
 * sequential search (Devroye 1986, X.4.3); otherwise BTRS, transformed
 * rejection with squeeze: W. Hörmann, "The generation of binomial random
 * variates", J. Statist. Comput. Simul. 46, 1993.
 */
int64
sd_draw_binomial(SdRng *rng, int64 size, double p)
{
	bool		flip = false;
	double		n = (double) size,
				q;
	int64		k;

	if (size == 0 || p <= 0)
		return 0;
	if (p >= 1)
		return size;
	if (p > 0.5)
	{
		p = 1 - p;
		flip = true;
	}
	q = 1 - p;

	if (n * p < 10)
	{
		double		s = p / q,
					a = (size + 1) * s,
					r0 = exp(n * log1p(-p));

		for (;;)
		{
			double		u = sd_rng_uniform(rng),
						r = r0;

			k = 0;
			while (u > r && k < size)
			{
				u -= r;
				k++;
				r *= a / k - s;
			}
			if (u <= r || k == size)
				break;
		}
	}
	else
	{
		double		spq = sqrt(n * p * q),
					b = 1.15 + 2.53 * spq,
					a = -0.0873 + 0.0248 * b + 0.01 * p,
					c = n * p + 0.5,
					vr = 0.92 - 4.2 / b,
					alpha = (2.83 + 5.1 / b) * spq,
					lpq = log(p / q),
					m = floor((n + 1) * p);

		for (;;)
		{
			double		u = sd_rng_uniform(rng) - 0.5,
						v = sd_rng_uniform(rng),
						us = 0.5 - fabs(u),
						kd = floor((2 * a / us + b) * u + c);

			if (kd < 0 || kd > n)
				continue;
			if (us >= 0.07 && v <= vr)
			{
				k = (int64) kd;
				break;
			}
			/* log f(k) / f(m), summed without cancellation */
			v = log(v * alpha / (a / (us * us) + b));
			if (v <= lfact_diff(m, kd) + lfact_diff(n - m, n - kd) + (kd - m) * lpq)
			{
				k = (int64) kd;
				break;
			}
		}
	}
	return flip ? size - k : k;
}

/*
 * Poisson(lambda).  For lambda < 10, inversion by sequential search; for
 * larger lambda PTRS, transformed rejection with squeeze: W. Hörmann,
 * "The transformed rejection method for generating Poisson random
 * variables", Insurance: Mathematics and Economics 12(1), 1993, with the
 * log pmf of its acceptance test in Loader's saddle-point form so that it
 * stays exact for large lambda.  Beyond lambda = 1e15, where counts near
 * lambda + 40 sqrt(lambda) approach 2^53 and stop being exact doubles, the
 * normal approximation (error of order lambda^-1/2 = 3e-8) rounded to an
 * integer is used instead.
 */
int64
sd_draw_poisson(SdRng *rng, double lambda)
{
	if (lambda <= 0)
		return 0;
	if (lambda < 10)
	{
		double		p0 = exp(-lambda);

		for (;;)
		{
			double		u = sd_rng_uniform(rng),
						p = p0;
			int64		k = 0;

			while (u > p && k < 1000)
			{
				u -= p;
				k++;
				p *= lambda / k;
			}
			if (u <= p)
				return k;
		}
	}
	if (lambda > 1e15)
	{
		double		x = floor(lambda + sqrt(lambda) * sd_draw_normal(rng) + 0.5);

		return x < 0 ? 0 : to_int64(x);
	}
	else
	{
		double		slam = sqrt(lambda),
					b = 0.931 + 2.53 * slam,
					a = -0.059 + 0.02483 * b,
					invalpha = 1.1239 + 1.1328 / (b - 3.4),
					vr = 0.9277 - 3.6224 / (b - 2);

		for (;;)
		{
			double		u = sd_rng_uniform(rng) - 0.5,
						v = sd_rng_uniform(rng),
						us = 0.5 - fabs(u),
						k = floor((2 * a / us + b) * u + lambda + 0.43);

			if (us >= 0.07 && v <= vr)
				return (int64) k;
			if (k < 0 || (us < 0.013 && v > us))
				continue;
			/* log pmf(k) in Loader's form: no cancellation at large lambda */
			if (log(v) + log(invalpha) - log(a / (us * us) + b) <=
				(k == 0 ? -lambda :
				 -stirlerr(k) - bd0(k, lambda) - 0.5 * log(2 * M_PI * k)))
				return (int64) k;
		}
	}
}

/* Geometric(p): failures before the first success, by inversion. */
static int64
sd_draw_geometric(SdRng *rng, double p)
{
	if (p >= 1)
		return 0;
	return to_int64(floor(log(sd_rng_uniform(rng)) / log1p(-p)));
}

/*
 * Negative binomial(size, p): failures before the size-th success, as the
 * gamma-Poisson mixture Poisson(Gamma(size, (1 - p) / p)) (Devroye 1986,
 * X.4.7); size need not be an integer.
 */
static int64
sd_draw_negbinomial(SdRng *rng, double size, double p)
{
	if (p >= 1)
		return 0;
	return sd_draw_poisson(rng, sd_draw_gamma(rng, size) * (1 - p) / p);
}

/*
 * Hypergeometric(population, successes, sample): successes in a sample
 * drawn without replacement.  Inversion by chop-down search that starts
 * at the mode and alternates outwards (Kemp 1986; Devroye 1986, III.2.3),
 * with the pmf updated by its ratio recurrence: O(standard deviation)
 * per draw, exact for every parameter size.
 */
static int64
sd_draw_hypergeometric(SdRng *rng, int64 population, int64 successes,
					   int64 sample)
{
	double		N = (double) population,
				K = (double) successes,
				n = (double) sample;
	int64		kmin = Max((int64) 0, sample - (population - successes)),
				kmax = Min(sample, successes),
				mode,
				lo,
				hi;
	double		pm,
				plo,
				phi,
				u;

	if (kmin == kmax)
		return kmin;
	mode = (int64) floor((n + 1) * (K + 1) / (N + 2));
	if (mode < kmin)
		mode = kmin;
	if (mode > kmax)
		mode = kmax;
	/* pmf at the mode by Loader's saddle-point form (see dbinom_raw) */
	{
		double		params[3] = {N, K, n};

		pm = m_hypergeometric((double) mode, params);
	}

	for (;;)
	{
		u = sd_rng_uniform(rng) - pm;
		if (u <= 0)
			return mode;
		lo = hi = mode;
		plo = phi = pm;
		while (lo > kmin || hi < kmax)
		{
			if (hi < kmax)
			{
				double		k = (double) hi;

				phi *= (K - k) * (n - k) / ((k + 1) * (N - K - n + k + 1));
				hi++;
				u -= phi;
				if (u <= 0)
					return hi;
			}
			if (lo > kmin)
			{
				double		k = (double) lo;

				plo *= k * (N - K - n + k) / ((K - k + 1) * (n - k + 1));
				lo--;
				u -= plo;
				if (u <= 0)
					return lo;
			}
		}
		/* rounding left u > 0 after the whole support: draw again */
	}
}

/*
 * Bounded Zipf on {1, ..., size} with P(k) proportional to k^-exponent.
 * Rejection-inversion: W. Hörmann and G. Derflinger, "Rejection-inversion
 * to generate variates from monotone discrete distributions", ACM TOMACS
 * 6(3), 1996.  H is an antiderivative of the hat h(x) = x^-s, written
 * with expm1/log1p so that s = 1 needs no special case.
 */
static inline double
zipf_helper_expm1(double x)		/* expm1(x) / x, 1 at 0 */
{
	return fabs(x) > 1e-8 ? expm1(x) / x : 1 + x / 2 * (1 + x / 3);
}

static inline double
zipf_helper_log1p(double x)		/* log1p(x) / x, 1 at 0 */
{
	return fabs(x) > 1e-8 ? log1p(x) / x : 1 - x * (0.5 - x / 3);
}

static inline double
zipf_H(double x, double s)
{
	double		lx = log(x);

	return zipf_helper_expm1((1 - s) * lx) * lx;
}

static inline double
zipf_Hinv(double x, double s)
{
	double		t = x * (1 - s);

	if (t < -1)
		t = -1;
	return exp(zipf_helper_log1p(t) * x);
}

int64
sd_draw_zipf(SdRng *rng, double s, int64 size)
{
	double		h_x1 = zipf_H(1.5, s) - 1,
				h_n = zipf_H((double) size + 0.5, s),
				sv = 2 - zipf_Hinv(zipf_H(2.5, s) - exp(-s * log(2.0)), s);

	if (size <= 1)
		return 1;
	for (;;)
	{
		double		u = h_n + sd_rng_uniform(rng) * (h_x1 - h_n),
					x = zipf_Hinv(u, s),
					kd = floor(x + 0.5);

		if (kd < 1)
			kd = 1;
		if (kd > (double) size)
			kd = (double) size;
		if (kd - x <= sv ||
			u >= zipf_H(kd + 0.5, s) - exp(-s * log(kd)))
			return (int64) kd;
	}
}

/* ---------------------------------------------------------------------
 * The family registry
 *
 * Parameter vectors are doubles in the order of param_names; integer
 * parameters (size, population, ...) must hold integral values.
 * ---------------------------------------------------------------------
 */

static char check_buf[256];

static const char *
bad(const char *fmt, const char *name)
{
	snprintf(check_buf, sizeof(check_buf), fmt, name);
	return check_buf;
}

#define NOT_POSITIVE(v, name) \
	do { if (!((v) > 0)) return bad("argument \"%s\" must be greater than zero", name); } while (0)
#define NEGATIVE(v, name) \
	do { if (!((v) >= 0)) return bad("argument \"%s\" cannot be negative", name); } while (0)
#define NOT_PROB(v, name) \
	do { if (!((v) >= 0 && (v) <= 1)) return bad("argument \"%s\" must be between 0 and 1", name); } while (0)
#define NOT_INTEGER(v, name) \
	do { if (floor(v) != (v) || fabs(v) > 9007199254740992.0) return bad("argument \"%s\" must be an integer", name); } while (0)

/* -- continuous -- */

static double
f_uniform(SdRng *rng, const double *p)
{
	return p[0] + (p[1] - p[0]) * sd_rng_uniform(rng);
}
static const char *
cc_uniform(const double *p)
{
	if (!(p[0] <= p[1]))
		return "argument \"low\" must be less than or equal to \"high\"";
	if (!isfinite(p[1] - p[0]))
		return "range from \"low\" to \"high\" is too wide";
	return NULL;
}
static double
d_uniform(double x, const double *p)
{
	if (x <= p[0])
		return x < p[0] ? 0.0 : (p[1] > p[0] ? 0.0 : 1.0);
	if (x >= p[1])
		return 1.0;
	return (x - p[0]) / (p[1] - p[0]);
}

static double
f_normal(SdRng *rng, const double *p)
{
	return p[0] + p[1] * sd_draw_normal(rng);
}
static const char *
cc_normal(const double *p)
{
	NEGATIVE(p[1], "stddev");
	return NULL;
}
static double
d_normal(double x, const double *p)
{
	if (p[1] == 0)
		return x >= p[0] ? 1.0 : 0.0;
	return sd_pnorm((x - p[0]) / p[1]);
}

static double
f_lognormal(SdRng *rng, const double *p)
{
	return exp(p[0] + p[1] * sd_draw_normal(rng));
}
static const char *
cc_lognormal(const double *p)
{
	NEGATIVE(p[1], "sdlog");
	return NULL;
}
static double
d_lognormal(double x, const double *p)
{
	if (x <= 0)
		return 0.0;
	if (p[1] == 0)
		return log(x) >= p[0] ? 1.0 : 0.0;
	return sd_pnorm((log(x) - p[0]) / p[1]);
}

static double
f_exponential(SdRng *rng, const double *p)
{
	return sd_draw_exponential(rng) / p[0];
}
static const char *
cc_exponential(const double *p)
{
	NOT_POSITIVE(p[0], "rate");
	return NULL;
}
static double
d_exponential(double x, const double *p)
{
	return x <= 0 ? 0.0 : -expm1(-p[0] * x);
}

static double
f_gamma(SdRng *rng, const double *p)
{
	return p[1] * sd_draw_gamma(rng, p[0]);
}
static const char *
cc_gamma(const double *p)
{
	NOT_POSITIVE(p[0], "shape");
	NOT_POSITIVE(p[1], "scale");
	return NULL;
}
static double
d_gamma(double x, const double *p)
{
	return sd_pgamma(x / p[1], p[0]);
}

static double
f_beta(SdRng *rng, const double *p)
{
	return sd_draw_beta(rng, p[0], p[1]);
}
static const char *
cc_beta(const double *p)
{
	NOT_POSITIVE(p[0], "alpha");
	NOT_POSITIVE(p[1], "beta");
	return NULL;
}
static double
d_beta(double x, const double *p)
{
	return sd_pbeta(x, p[0], p[1]);
}

static double
f_chisq(SdRng *rng, const double *p)
{
	return sd_draw_chisq(rng, p[0]);
}
static const char *
cc_df(const double *p)
{
	NOT_POSITIVE(p[0], "df");
	return NULL;
}
static double
d_chisq(double x, const double *p)
{
	return sd_pgamma(x / 2, p[0] / 2);
}

static double
f_student_t(SdRng *rng, const double *p)
{
	return sd_draw_student_t(rng, p[0]);
}
static double
d_student_t(double x, const double *p)
{
	double		tail = 0.5 * sd_pbeta(p[0] / (p[0] + x * x), p[0] / 2, 0.5);

	return x < 0 ? tail : 1.0 - tail;
}

static double
f_weibull(SdRng *rng, const double *p)
{
	return p[1] * pow(sd_draw_exponential(rng), 1.0 / p[0]);
}
static const char *
cc_shape_scale(const double *p)
{
	NOT_POSITIVE(p[0], "shape");
	NOT_POSITIVE(p[1], "scale");
	return NULL;
}
static double
d_weibull(double x, const double *p)
{
	return x <= 0 ? 0.0 : -expm1(-pow(x / p[1], p[0]));
}

/* Pareto (type I) by inversion: scale * U^(-1/shape) */
static double
f_pareto(SdRng *rng, const double *p)
{
	return p[1] * exp(sd_draw_exponential(rng) / p[0]);
}
static double
d_pareto(double x, const double *p)
{
	return x <= p[1] ? 0.0 : -expm1(-p[0] * log(x / p[1]));
}

/* Cauchy by inversion */
static double
f_cauchy(SdRng *rng, const double *p)
{
	return p[0] + p[1] * tan(M_PI * (sd_rng_uniform(rng) - 0.5));
}
static const char *
cc_location_scale(const double *p)
{
	NOT_POSITIVE(p[1], "scale");
	return NULL;
}
static double
d_cauchy(double x, const double *p)
{
	return 0.5 + atan((x - p[0]) / p[1]) / M_PI;
}

/* logistic by inversion */
static double
f_logistic(SdRng *rng, const double *p)
{
	double		u = sd_rng_uniform(rng);

	return p[0] + p[1] * (log(u) - log1p(-u));
}
static double
d_logistic(double x, const double *p)
{
	return 1.0 / (1.0 + exp(-(x - p[0]) / p[1]));
}

/* Laplace by inversion */
static double
f_laplace(SdRng *rng, const double *p)
{
	double		u = sd_rng_uniform(rng) - 0.5;

	return u < 0 ? p[0] + p[1] * log1p(2 * u) : p[0] - p[1] * log1p(-2 * u);
}
static double
d_laplace(double x, const double *p)
{
	double		z = (x - p[0]) / p[1];

	return z < 0 ? 0.5 * exp(z) : 1.0 - 0.5 * exp(-z);
}

static double
f_triangular(SdRng *rng, const double *p)
{
	return sd_draw_triangular(rng, p[0], p[1], p[2]);
}
static const char *
cc_triangular(const double *p)
{
	if (!(p[0] <= p[1]))
		return "argument \"low\" must be less than or equal to \"mode\"";
	if (!(p[1] <= p[2]))
		return "argument \"mode\" must be less than or equal to \"high\"";
	if (!isfinite(p[2] - p[0]))
		return "range from \"low\" to \"high\" is too wide";
	return NULL;
}
static double
d_triangular(double x, const double *p)
{
	double		a = p[0],
				c = p[1],
				b = p[2];

	if (x <= a)
		return x < a ? 0.0 : (b > a ? 0.0 : 1.0);
	if (x >= b)
		return 1.0;
	if (x <= c)
		return (x - a) * (x - a) / ((b - a) * (c - a));
	return 1.0 - (b - x) * (b - x) / ((b - a) * (b - c));
}

/* truncnormal(mean, stddev, low, high) */
static double
f_truncnormal(SdRng *rng, const double *p)
{
	return p[0] + p[1] * sd_draw_truncnormal(rng, (p[2] - p[0]) / p[1],
											 (p[3] - p[0]) / p[1]);
}
static const char *
cc_truncnormal(const double *p)
{
	NOT_POSITIVE(p[1], "stddev");
	if (!(p[2] < p[3]))
		return "argument \"low\" must be less than \"high\"";
	return NULL;
}
static double
d_truncnormal(double x, const double *p)
{
	double		a = (p[2] - p[0]) / p[1],
				b = (p[3] - p[0]) / p[1],
				z = (x - p[0]) / p[1];

	if (z <= a)
		return 0.0;
	if (z >= b)
		return 1.0;
	if (a >= 0)
		return (sd_pnorm(-a) - sd_pnorm(-z)) / (sd_pnorm(-a) - sd_pnorm(-b));
	return (sd_pnorm(z) - sd_pnorm(a)) / (sd_pnorm(b) - sd_pnorm(a));
}

static double
f_von_mises(SdRng *rng, const double *p)
{
	return sd_draw_von_mises(rng, p[0], p[1]);
}
static const char *
cc_von_mises(const double *p)
{
	NEGATIVE(p[1], "kappa");
	return NULL;
}

/*
 * von Mises CDF on [mu - pi, mu + pi] by its Fourier series
 * F = (t + pi) / 2pi + sum_j (I_j(k) / I_0(k)) sin(j t) / (j pi), t = x - mu
 * (Mardia & Jupp 2000, 3.5.4).  The Bessel ratios come from the backward
 * recurrence I_{j-1} / I_j = 2j / k + I_{j+1} / I_j started far out
 * (Miller's algorithm; Amos 1974), which neither overflows nor loses
 * precision for large kappa; O(sqrt(kappa)) per call.  Beyond kappa = 1e5 the normal limit
 * Phi(t sqrt(kappa)) is used, matching the sampler's own switch to it.
 */
static double
d_von_mises(double x, const double *p)
{
	double		t = x - p[0],
				k = p[1],
				sum = 0,
				r;
	int			J,
				j;

	if (t <= -M_PI)
		return 0.0;
	if (t >= M_PI)
		return 1.0;
	if (k < 1e-8)
		return (t + M_PI) / (2 * M_PI);
	if (k > 1e5)
		return sd_pnorm(t * sqrt(k));

	/*
	 * Terms decay like exp(-j^2 / 2k): 40 sqrt(k) + 60 is far past 1e-17.
	 * With r_j = I_j / I_{j-1} and a_j = sin(j t) / j, the sum
	 * sum_j r_1 ... r_j a_j is evaluated backwards, Horner-like, in the
	 * same sweep that produces the ratios: T_j = a_j + r_{j+1} T_{j+1}.
	 */
	J = 60 + (int) (40 * sqrt(k));
	r = 1.0 / (2.0 * (J + 1) / k);	/* r_{J+1}, with r_{J+2} taken as 0 */
	for (j = J; j >= 1; j--)
	{
		sum = sin(j * t) / j + r * sum;
		r = 1.0 / (2.0 * j / k + r);
	}
	sum *= r;					/* times r_1 */
	return (t + M_PI) / (2 * M_PI) + sum / M_PI;
}

/* -- discrete -- */

static double
f_int(SdRng *rng, const double *p)
{
	return p[0] + (double) sd_rng_below(rng, (uint64) (p[1] - p[0]) + 1);
}
static const char *
cc_int(const double *p)
{
	NOT_INTEGER(p[0], "low");
	NOT_INTEGER(p[1], "high");
	if (!(p[0] <= p[1]))
		return "argument \"low\" must be less than or equal to \"high\"";
	if (p[1] - p[0] >= 9007199254740992.0)
		return "range from \"low\" to \"high\" is too wide";
	return NULL;
}
static double
m_int(double k, const double *p)
{
	return (k >= p[0] && k <= p[1] && floor(k) == k) ? 1.0 / (p[1] - p[0] + 1) : 0.0;
}

static double
f_bernoulli(SdRng *rng, const double *p)
{
	return sd_rng_uniform(rng) < p[0] ? 1.0 : 0.0;
}
static const char *
cc_bernoulli(const double *p)
{
	NOT_PROB(p[0], "p");
	return NULL;
}
static double
m_bernoulli(double k, const double *p)
{
	return k == 1 ? p[0] : (k == 0 ? 1 - p[0] : 0.0);
}

static double
f_binomial(SdRng *rng, const double *p)
{
	return (double) sd_draw_binomial(rng, (int64) p[0], p[1]);
}
static const char *
cc_binomial(const double *p)
{
	NOT_INTEGER(p[0], "size");
	NEGATIVE(p[0], "size");
	NOT_PROB(p[1], "p");
	return NULL;
}
static double
m_binomial(double k, const double *p)
{
	if (k < 0 || k > p[0] || floor(k) != k)
		return 0.0;
	return dbinom_raw(k, p[0], p[1], 1 - p[1]);
}

static double
f_poisson(SdRng *rng, const double *p)
{
	return (double) sd_draw_poisson(rng, p[0]);
}
static const char *
cc_poisson(const double *p)
{
	NEGATIVE(p[0], "lambda");
	return NULL;
}
static double
m_poisson(double k, const double *p)
{
	if (k < 0 || floor(k) != k)
		return 0.0;
	return dpois_raw(k, p[0]);
}

static double
f_geometric(SdRng *rng, const double *p)
{
	return (double) sd_draw_geometric(rng, p[0]);
}
static const char *
cc_geometric(const double *p)
{
	NOT_PROB(p[0], "p");
	NOT_POSITIVE(p[0], "p");
	return NULL;
}
static double
m_geometric(double k, const double *p)
{
	if (k < 0 || floor(k) != k)
		return 0.0;
	if (p[0] == 1)
		return k == 0 ? 1.0 : 0.0;
	return p[0] * exp(k * log1p(-p[0]));
}

static double
f_negbinomial(SdRng *rng, const double *p)
{
	return (double) sd_draw_negbinomial(rng, p[0], p[1]);
}
static const char *
cc_negbinomial(const double *p)
{
	NOT_POSITIVE(p[0], "size");
	NOT_PROB(p[1], "p");
	NOT_POSITIVE(p[1], "p");
	return NULL;
}
static double
m_negbinomial(double k, const double *p)
{
	if (k < 0 || floor(k) != k)
		return 0.0;
	if (p[1] == 1)
		return k == 0 ? 1.0 : 0.0;
	/* Loader's form: size / (size + k) * dbinom(size; size + k, p) */
	return p[0] / (p[0] + k) * dbinom_raw(p[0], p[0] + k, p[1], 1 - p[1]);
}

static double
f_hypergeometric(SdRng *rng, const double *p)
{
	return (double) sd_draw_hypergeometric(rng, (int64) p[0], (int64) p[1],
										   (int64) p[2]);
}
static const char *
cc_hypergeometric(const double *p)
{
	NOT_INTEGER(p[0], "population");
	NOT_INTEGER(p[1], "successes");
	NOT_INTEGER(p[2], "sample");
	NEGATIVE(p[0], "population");
	NEGATIVE(p[1], "successes");
	NEGATIVE(p[2], "sample");
	if (p[1] > p[0])
		return "argument \"successes\" must be less than or equal to \"population\"";
	if (p[2] > p[0])
		return "argument \"sample\" must be less than or equal to \"population\"";
	return NULL;
}
static double
m_hypergeometric(double k, const double *p)
{
	double		N = p[0],
				K = p[1],
				n = p[2];

	double		q;

	if (floor(k) != k || k < 0 || k > n || k > K || n - k > N - K)
		return 0.0;
	if (n == 0 || n == N)
		return 1.0;
	/* C(K,k) C(N-K,n-k) / C(N,n) as a ratio of binomial pmfs with p = n/N */
	q = n / N;
	return dbinom_raw(k, K, q, 1 - q) * dbinom_raw(n - k, N - K, q, 1 - q) /
		dbinom_raw(n, N, q, 1 - q);
}

static double
f_zipf(SdRng *rng, const double *p)
{
	return (double) sd_draw_zipf(rng, p[1], (int64) p[0]);
}
static const char *
cc_zipf(const double *p)
{
	NOT_INTEGER(p[0], "size");
	NOT_POSITIVE(p[0], "size");
	NOT_POSITIVE(p[1], "exponent");
	return NULL;
}
/*
 * Generalized harmonic number H(size, s) = sum_{k=1..size} k^-s: summed
 * exactly up to 10^6 terms, the rest by the Euler-Maclaurin formula
 * (integral, end-point and first derivative terms; the next term is below
 * 1e-24 relative at k >= 10^6), so the pmf costs O(1) for any size.
 */
static double
zipf_harmonic(double size, double s)
{
	const double cut = 1e6;
	double		h = 0,
				a,
				b,
				i;

	for (i = Min(size, cut); i >= 1; i--)
		h += exp(-s * log(i));
	if (size <= cut)
		return h;
	a = cut + 1;
	b = size;
	/* sum_{k=a..b} k^-s ~ int_a^b + (f(a) + f(b)) / 2 + (f'(b) - f'(a)) / 12 */
	if (fabs(s - 1) < 1e-12)
		h += log(b / a);
	else
		h += (exp((1 - s) * log(b)) - exp((1 - s) * log(a))) / (1 - s);
	h += (exp(-s * log(a)) + exp(-s * log(b))) / 2;
	h += s * (exp((-s - 1) * log(a)) - exp((-s - 1) * log(b))) / 12;
	return h;
}

static double
m_zipf(double k, const double *p)
{
	if (k < 1 || k > p[0] || floor(k) != k)
		return 0.0;
	return exp(-p[1] * log(k)) / zipf_harmonic(p[0], p[1]);
}

/*
 * The registry's check functions: finiteness of every parameter (except
 * where the family allows an infinite bound), then the family's own
 * constraints.
 */
static const char *
not_finite(const double *p, int n, const char *const *names, unsigned int inf_ok)
{
	int			i;

	for (i = 0; i < n; i++)
		if (isnan(p[i]) || (isinf(p[i]) && !(inf_ok & (1u << i))))
			return bad("argument \"%s\" must be a finite number", names[i]);
	return NULL;
}

#define FULL_CHECK(family, inner, inf_ok, ...) \
static const char * \
fc_##family(const double *p) \
{ \
	static const char *const names[] = {__VA_ARGS__}; \
	const char *err = not_finite(p, lengthof(names), names, (inf_ok)); \
\
	return err ? err : cc_##inner(p); \
}
FULL_CHECK(uniform, uniform, 0, "low", "high")
FULL_CHECK(normal, normal, 0, "mean", "stddev")
FULL_CHECK(lognormal, lognormal, 0, "meanlog", "sdlog")
FULL_CHECK(exponential, exponential, 0, "rate")
FULL_CHECK(gamma, gamma, 0, "shape", "scale")
FULL_CHECK(beta, beta, 0, "alpha", "beta")
FULL_CHECK(chisq, df, 0, "df")
FULL_CHECK(student_t, df, 0, "df")
FULL_CHECK(weibull, shape_scale, 0, "shape", "scale")
FULL_CHECK(pareto, shape_scale, 0, "shape", "scale")
FULL_CHECK(cauchy, location_scale, 0, "location", "scale")
FULL_CHECK(logistic, location_scale, 0, "location", "scale")
FULL_CHECK(laplace, location_scale, 0, "location", "scale")
FULL_CHECK(triangular, triangular, 0, "low", "mode", "high")
FULL_CHECK(truncnormal, truncnormal, (1u << 2) | (1u << 3), "mean", "stddev", "low", "high")
FULL_CHECK(von_mises, von_mises, 0, "mu", "kappa")
FULL_CHECK(int, int, 0, "low", "high")
FULL_CHECK(bernoulli, bernoulli, 0, "p")
FULL_CHECK(binomial, binomial, 0, "size", "p")
FULL_CHECK(poisson, poisson, 0, "lambda")
FULL_CHECK(geometric, geometric, 0, "p")
FULL_CHECK(negbinomial, negbinomial, 0, "size", "p")
FULL_CHECK(hypergeometric, hypergeometric, 0, "population", "successes", "sample")
FULL_CHECK(zipf, zipf, 0, "size", "exponent")

#define R NAN					/* required parameter: no default */

static const SdFamily families[] = {
	{"uniform", 2, {"low", "high"}, {0, 1}, false, 0, f_uniform, fc_uniform, d_uniform, NULL},
	{"normal", 2, {"mean", "stddev"}, {0, 1}, false, 0, f_normal, fc_normal, d_normal, NULL},
	{"lognormal", 2, {"meanlog", "sdlog"}, {0, 1}, false, 0, f_lognormal, fc_lognormal, d_lognormal, NULL},
	{"exponential", 1, {"rate"}, {1}, false, 0, f_exponential, fc_exponential, d_exponential, NULL},
	{"gamma", 2, {"shape", "scale"}, {1, 1}, false, 0, f_gamma, fc_gamma, d_gamma, NULL},
	{"beta", 2, {"alpha", "beta"}, {1, 1}, false, 0, f_beta, fc_beta, d_beta, NULL},
	{"chisq", 1, {"df"}, {1}, false, 0, f_chisq, fc_chisq, d_chisq, NULL},
	{"student_t", 1, {"df"}, {1}, false, 0, f_student_t, fc_student_t, d_student_t, NULL},
	{"weibull", 2, {"shape", "scale"}, {1, 1}, false, 0, f_weibull, fc_weibull, d_weibull, NULL},
	{"pareto", 2, {"shape", "scale"}, {1, 1}, false, 0, f_pareto, fc_pareto, d_pareto, NULL},
	{"cauchy", 2, {"location", "scale"}, {0, 1}, false, 0, f_cauchy, fc_cauchy, d_cauchy, NULL},
	{"logistic", 2, {"location", "scale"}, {0, 1}, false, 0, f_logistic, fc_logistic, d_logistic, NULL},
	{"laplace", 2, {"location", "scale"}, {0, 1}, false, 0, f_laplace, fc_laplace, d_laplace, NULL},
	{"triangular", 3, {"low", "mode", "high"}, {0, 0.5, 1}, false, 0, f_triangular, fc_triangular, d_triangular, NULL},
	{"truncnormal", 4, {"mean", "stddev", "low", "high"}, {0, 1, -INFINITY, INFINITY}, false, (1u << 2) | (1u << 3), f_truncnormal, fc_truncnormal, d_truncnormal, NULL},
	{"von_mises", 2, {"mu", "kappa"}, {0, 1}, false, 0, f_von_mises, fc_von_mises, d_von_mises, NULL},
	{"int", 2, {"low", "high"}, {R, R}, true, 0, f_int, fc_int, NULL, m_int},
	{"bernoulli", 1, {"p"}, {0.5}, true, 0, f_bernoulli, fc_bernoulli, NULL, m_bernoulli},
	{"binomial", 2, {"size", "p"}, {1, 0.5}, true, 0, f_binomial, fc_binomial, NULL, m_binomial},
	{"poisson", 1, {"lambda"}, {1}, true, 0, f_poisson, fc_poisson, NULL, m_poisson},
	{"geometric", 1, {"p"}, {0.5}, true, 0, f_geometric, fc_geometric, NULL, m_geometric},
	{"negbinomial", 2, {"size", "p"}, {1, 0.5}, true, 0, f_negbinomial, fc_negbinomial, NULL, m_negbinomial},
	{"hypergeometric", 3, {"population", "successes", "sample"}, {R, R, R}, true, 0, f_hypergeometric, fc_hypergeometric, NULL, m_hypergeometric},
	{"zipf", 2, {"size", "exponent"}, {R, 1}, true, 0, f_zipf, fc_zipf, NULL, m_zipf},
};

#undef R

#define NFAMILIES ((int) (sizeof(families) / sizeof(families[0])))

/* The family called name (case-sensitive, lower case), or NULL. */
const SdFamily *
sd_family_lookup(const char *name)
{
	int			i;

	for (i = 0; i < NFAMILIES; i++)
		if (strcmp(families[i].name, name) == 0)
			return &families[i];
	return NULL;
}
