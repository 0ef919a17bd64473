/*-------------------------------------------------------------------------
 *
 * model.c
 *		Engine of fitted cloning: mergeable summaries and copula math.
 *
 * Everything here is plain C over plain structs; the SQL-callable layer
 * (clone.c) turns Datums into doubles and byte strings before calling in.
 *
 * Summaries (pass 1 of a fit; all mergeable, so they serve PostgreSQL's
 * parallel aggregation and per-shard partial fits alike):
 *	- the dyadic histogram, a quantile sketch whose state depends only on the
 *	  multiset of values (bucket edges at multiples of a power of two chosen
 *	  from the range), so the same contents give the same sketch whatever
 *	  the row order or the plan;
 *	- the Misra-Gries frequency summary with the mergeable reduction of
 *	  Agarwal, Cormode, Huang, Phillips, Wei and Yi, "Mergeable Summaries",
 *	  PODS 2012;
 *	- HyperLogLog (Flajolet, Fusy, Gandouet and Meunier, "HyperLogLog: the
 *	  analysis of a near-optimal cardinality estimation algorithm", AofA
 *	  2007) for distinct counts;
 *	- a Bloom filter (Bloom, CACM 13(7), 1970) with the double hashing of
 *	  Kirsch and Mitzenmacher (ESA 2006) for the exact-copy guard.
 *
 * Copula math (finalising a fit):
 *	- Cholesky factorisation and the cyclic Jacobi eigenvalue method;
 *	- Higham, "Computing the nearest correlation matrix - a problem from
 *	  finance", IMA J. Numer. Anal. 22 (2002): alternating projections with
 *	  Dykstra's correction;
 *	- the bivariate normal distribution function of Drezner and Wesolowsky
 *	  (J. Statist. Comput. Simul. 35, 1990) as refined by Genz ("Numerical
 *	  computation of rectangular bivariate and trivariate normal and t
 *	  probabilities", Statistics and Computing 14, 2004);
 *	- the two-step maximum-likelihood polychoric correlation of Olsson,
 *	  "Maximum likelihood estimation of the polychoric correlation
 *	  coefficient", Psychometrika 44 (1979).
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/model.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"
#include "port/pg_bitutils.h"

#include "distributions.h"
#include "model.h"

/* ---------------------------------------------------------------------
 * Dyadic histogram
 * ---------------------------------------------------------------------
 */

#define HIST_MIN_EXP (-200)
#define HIST_MAX_INDEX 1e18		/* keeps absolute indexes inside int64 */

/*
 * 2^e, built from its bits where it is a normal double (the histogram's hot
 * path multiplies by it instead of calling ldexp: both are exact, or round
 * the same way into the subnormals).
 */
static inline double
pow2(int32 e)
{
	if (e > -1023 && e < 1024)
	{
		uint64		bits = (uint64) (e + 1023) << 52;
		double		d;

		memcpy(&d, &bits, sizeof(d));
		return d;
	}
	return ldexp(1.0, e);
}

/* floor(x / 2^exp); callers keep |x / 2^exp| below HIST_MAX_INDEX */
static inline int64
floor_index(double x, int32 exp)
{
	double		v = x * pow2(-exp);
	int64		i = (int64) v;	/* truncates toward zero */

	return v < (double) i ? i - 1 : i;
}

/* floor(a / 2^shift) for a signed index */
static inline int64
shift_index(int64 a, int shift)
{
	if (shift <= 0)
		return a;
	if (shift >= 63)
		return a < 0 ? -1 : 0;
	return a >= 0 ? (a >> shift) : -(((-a) - 1) >> shift) - 1;
}

/* smallest exponent >= exp whose window of buckets covers [min, max] */
static int32
hist_required_exp(double min, double max, int32 exp)
{
	double		amax = Max(fabs(min), fabs(max));

	if (exp < HIST_MIN_EXP)
		exp = HIST_MIN_EXP;
	/* jump close to the answer; the loop below makes it exact */
	if (max > min && ilogb(max - min) - 12 > exp)
		exp = ilogb(max - min) - 12;
	if (amax > 0 && ilogb(amax) - 58 > exp)
		exp = ilogb(amax) - 58;
	for (;;)
	{
		double		a = ldexp(min, -exp),
					b = ldexp(max, -exp);

		if (fabs(a) < HIST_MAX_INDEX && fabs(b) < HIST_MAX_INDEX &&
			floor_index(max, exp) - floor_index(min, exp) < SD_HIST_BUCKETS)
			return exp;
		exp++;
	}
}

void
sd_hist_init(SdHist *h)
{
	memset(h, 0, sizeof(SdHist));
}

/* move the window to (exp, base); exp never decreases */
static void
hist_rebin(SdHist *h, int32 exp, int64 base)
{
	SdHistBucket *tmp = palloc0(sizeof(SdHistBucket) * SD_HIST_BUCKETS);
	int			shift = exp - h->exp;
	int			j;

	Assert(shift >= 0);
	for (j = 0; j < SD_HIST_BUCKETS; j++)
	{
		SdHistBucket *from = &h->b[j],
				   *to;
		int64		idx;

		if (from->count == 0)
			continue;
		idx = shift_index(h->base + j, shift) - base;
		Assert(idx >= 0 && idx < SD_HIST_BUCKETS);
		to = &tmp[idx];
		if (to->count == 0)
		{
			to->min = from->min;
			to->max = from->max;
		}
		else
		{
			to->min = Min(to->min, from->min);
			to->max = Max(to->max, from->max);
		}
		to->count += from->count;
	}
	memcpy(h->b, tmp, sizeof(h->b));
	pfree(tmp);
	h->exp = exp;
	h->base = base;
}

/* adds n copies of x */
void
sd_hist_add_n(SdHist *h, double x, int64 n)
{
	int64		idx;

	if (isnan(x) || isinf(x))
		return;
	if (h->n == 0)
	{
		h->min = h->max = x;
		h->exp = hist_required_exp(x, x, HIST_MIN_EXP);
		h->base = floor_index(x, h->exp);
		memset(h->b, 0, sizeof(h->b));
	}
	else if (x < h->min || x > h->max)
	{
		double		nmin = Min(h->min, x),
					nmax = Max(h->max, x);
		int32		exp = hist_required_exp(nmin, nmax, h->exp);
		int64		base = floor_index(nmin, exp);

		if (exp != h->exp || base != h->base)
			hist_rebin(h, exp, base);
		h->min = nmin;
		h->max = nmax;
	}
	idx = floor_index(x, h->exp) - h->base;
	Assert(idx >= 0 && idx < SD_HIST_BUCKETS);
	if (h->b[idx].count == 0)
		h->b[idx].min = h->b[idx].max = x;
	else if (x < h->b[idx].min)
		h->b[idx].min = x;
	else if (x > h->b[idx].max)
		h->b[idx].max = x;
	h->b[idx].count += n;
	h->n += n;
}

/*
 * Adds n values, as n calls of sd_hist_add_n(h, x, 1) would (the same
 * state): values that move the window go through it in their order; the rest,
 * inside the window from then on, update their buckets with the bucket of a
 * value a few places ahead prefetched, so that the cache misses of a
 * histogram larger than the first-level cache overlap.
 */
#define HIST_BATCH_CHUNK 1024
#define HIST_PREFETCH_AHEAD 8

void
sd_hist_add_batch(SdHist *h, const double *xs, int n)
{
	double		vals[HIST_BATCH_CHUNK];
	int64		idx[HIST_BATCH_CHUNK];
	int			done = 0;

	while (done < n)
	{
		int			chunk = Min(n - done, HIST_BATCH_CHUNK),
					m = 0,
					j;
		double		scale;

		for (j = 0; j < chunk; j++)
		{
			double		x = xs[done + j];

			if (isnan(x) || isinf(x))
				continue;
			if (h->n == 0 || x < h->min || x > h->max)
				sd_hist_add_n(h, x, 1);
			else
				vals[m++] = x;
		}
		done += chunk;
		scale = pow2(-h->exp);
		for (j = 0; j < m; j++)
		{
			double		v = vals[j] * scale;
			int64		i = (int64) v;

			idx[j] = (v < (double) i ? i - 1 : i) - h->base;
			Assert(idx[j] >= 0 && idx[j] < SD_HIST_BUCKETS);
		}
		for (j = 0; j < m; j++)
		{
			SdHistBucket *b = &h->b[idx[j]];
			double		x = vals[j];

#if defined(__GNUC__) || defined(__clang__)
			if (j + HIST_PREFETCH_AHEAD < m)
				__builtin_prefetch(&h->b[idx[j + HIST_PREFETCH_AHEAD]], 1);
#endif
			if (b->count == 0)
				b->min = b->max = x;
			else if (x < b->min)
				b->min = x;
			else if (x > b->max)
				b->max = x;
			b->count++;
		}
		h->n += m;
	}
}

void
sd_hist_merge(SdHist *dst, const SdHist *src)
{
	double		nmin,
				nmax;
	int32		exp;
	int64		base;
	int			j;

	if (src->n == 0)
		return;
	if (dst->n == 0)
	{
		memcpy(dst, src, sizeof(SdHist));
		return;
	}
	nmin = Min(dst->min, src->min);
	nmax = Max(dst->max, src->max);
	exp = hist_required_exp(nmin, nmax, Max(dst->exp, src->exp));
	base = floor_index(nmin, exp);
	hist_rebin(dst, exp, base);
	for (j = 0; j < SD_HIST_BUCKETS; j++)
	{
		int64		idx;

		if (src->b[j].count == 0)
			continue;
		idx = shift_index(src->base + j, exp - src->exp) - base;
		Assert(idx >= 0 && idx < SD_HIST_BUCKETS);
		if (dst->b[idx].count == 0)
		{
			dst->b[idx].min = src->b[j].min;
			dst->b[idx].max = src->b[j].max;
		}
		else
		{
			dst->b[idx].min = Min(dst->b[idx].min, src->b[j].min);
			dst->b[idx].max = Max(dst->b[idx].max, src->b[j].max);
		}
		dst->b[idx].count += src->b[j].count;
	}
	dst->min = nmin;
	dst->max = nmax;
	dst->n += src->n;
}

/*
 * Is h a histogram that sd_hist_add_n and sd_hist_merge could have made?
 * Checks a state read from bytes (a partial fit from another server): its
 * window covers its range, every value lies in its bucket, and the counts
 * add up, so merges and quantiles stay inside the buckets.
 */
bool
sd_hist_valid(const SdHist *h)
{
	int64		total = 0;
	double		lo = INFINITY,
				hi = -INFINITY;
	int			j;

	if (h->n == 0)
	{
		for (j = 0; j < SD_HIST_BUCKETS; j++)
			if (h->b[j].count != 0)
				return false;
		return true;
	}
	if (h->n < 0 || !isfinite(h->min) || !isfinite(h->max) || h->min > h->max ||
		h->exp < HIST_MIN_EXP || h->exp > 1100 ||
		h->base < -(int64) HIST_MAX_INDEX || h->base > (int64) HIST_MAX_INDEX ||
		fabs(ldexp(h->min, -h->exp)) >= HIST_MAX_INDEX ||
		fabs(ldexp(h->max, -h->exp)) >= HIST_MAX_INDEX ||
		floor_index(h->min, h->exp) < h->base ||
		floor_index(h->max, h->exp) - h->base >= SD_HIST_BUCKETS)
		return false;
	for (j = 0; j < SD_HIST_BUCKETS; j++)
	{
		const SdHistBucket *b = &h->b[j];

		if (b->count == 0)
			continue;
		if (b->count < 0 || total > PG_INT64_MAX - b->count ||
			!isfinite(b->min) || !isfinite(b->max) || b->min > b->max ||
			b->min < h->min || b->max > h->max ||
			floor_index(b->min, h->exp) != h->base + j ||
			floor_index(b->max, h->exp) != h->base + j)
			return false;
		total += b->count;
		lo = Min(lo, b->min);
		hi = Max(hi, b->max);
	}
	return total == h->n && lo == h->min && hi == h->max;
}

/* walks the distribution bucket by bucket, answering sorted targets */
typedef struct QuantileWalk
{
	double		cum;			/* mass before the current segment */
	const double *targets;
	int			ntargets;
	int			next;
	double	   *out;
	double		last;
} QuantileWalk;

/* a count of rows this close to a boundary between buckets is on it */
#define QUANTILE_BOUNDARY_EPS 1e-7

void
sd_hist_quantiles(const SdHist *h, double min_point, double lo, double hi,
				  int m, double *out)
{
	double	   *targets;
	QuantileWalk w;
	int			j,
				cur,
				next;
	double		prev_hi = 0;
	bool		first = true;

	Assert(m >= 2);
	if (h->n == 0)
	{
		for (j = 0; j < m; j++)
			out[j] = 0;
		return;
	}
	targets = palloc(sizeof(double) * m);
	for (j = 0; j < m; j++)
		targets[j] = (lo + (hi - lo) * j / (m - 1)) * h->n;
	w.cum = 0;
	w.targets = targets;
	w.ntargets = m;
	w.next = 0;
	w.out = out;
	w.last = h->min;

	/*
	 * Each non-empty bucket's mass is spread uniformly between its smallest
	 * and largest value.  Two kinds of quantile would otherwise be values
	 * of the data: one that falls on the boundary between two buckets (it
	 * would be the first bucket's largest value), which becomes the middle
	 * of the gap between them, where no value lies; and one inside a bucket
	 * holding a single value that fewer than min_point rows hold, whose
	 * mass is spread from that value halfway into the gap towards the
	 * middle of the distribution (towards the centre, so that the tails
	 * clipped at the k-th extreme never reach further out).
	 */
	for (cur = 0; cur < SD_HIST_BUCKETS && h->b[cur].count == 0; cur++)
		;
	while (cur < SD_HIST_BUCKETS)
	{
		double		a0 = ldexp((double) (h->base + cur), h->exp);
		double		b0 = ldexp((double) (h->base + cur + 1), h->exp);
		double		a = Max(a0, h->b[cur].min),
					b = Min(b0, h->b[cur].max),
					c = (double) h->b[cur].count,
					next_lo = 0,
					x0,
					x1;

		if (b < a)
			b = a;
		for (next = cur + 1; next < SD_HIST_BUCKETS && h->b[next].count == 0; next++)
			;
		if (next < SD_HIST_BUCKETS)
			next_lo = Max(ldexp((double) (h->base + next), h->exp), h->b[next].min);
		x0 = a;
		x1 = b;
		if (b == a && c < min_point)
		{
			if (w.cum + c / 2 > h->n / 2.0)
				x0 = first ? a : prev_hi + (a - prev_hi) / 2;
			else
				x1 = next < SD_HIST_BUCKETS ? a + (next_lo - a) / 2 : a;
		}
		/* the targets inside the bucket */
		while (w.next < m && w.targets[w.next] < w.cum + c - QUANTILE_BOUNDARY_EPS)
		{
			double		f = (w.targets[w.next] - w.cum) / c;

			if (f < 0)
				f = 0;
			w.out[w.next++] = x0 + (x1 - x0) * f;
		}
		w.cum += c;
		w.last = b;
		/* on the boundary after it: the middle of the gap */
		while (w.next < m && w.targets[w.next] <= w.cum + QUANTILE_BOUNDARY_EPS)
			w.out[w.next++] = next < SD_HIST_BUCKETS ? b + (next_lo - b) / 2 : b;
		prev_hi = b;
		first = false;
		cur = next;
	}
	/* rounding can leave the top targets unanswered */
	while (w.next < m)
		out[w.next++] = w.last;
	pfree(targets);
}

/* ---------------------------------------------------------------------
 * Quantile grid: q[0..m-1] at probabilities j / (m - 1), non-decreasing
 * ---------------------------------------------------------------------
 */

double
sd_grid_quantile(const double *q, int m, double u)
{
	double		pos;
	int			i;

	/* NaN too: it must never become an index */
	if (!(u > 0))
		return q[0];
	if (u >= 1)
		return q[m - 1];
	pos = u * (m - 1);
	i = (int) pos;
	if (i >= m - 1)
		return q[m - 1];
	return q[i] + (q[i + 1] - q[i]) * (pos - i);
}

/* F(x) for the grid; a flat run (a point mass) maps to its middle */
double
sd_grid_cdf(const double *q, int m, double x)
{
	int			lo = 0,
				n = m,
				first,
				last;

	/*
	 * The first index with q >= x (m if none; 0 for a NaN x), by halving
	 * the range with a conditional move rather than a branch, whose way is
	 * unpredictable (Khuong and Morin 2017, as draw_in does)
	 */
	if (m <= 0)
		return 1.0;
	while (n > 1)
	{
		int			half = n / 2;

		lo = q[lo + half - 1] < x ? lo + half : lo;
		n -= half;
	}
	first = lo + (q[lo] < x);
	if (first == m)
		return 1.0;
	if (q[first] == x)
	{
		last = first;
		while (last + 1 < m && q[last + 1] == x)
			last++;
		return (first + last) / 2.0 / (m - 1);
	}
	if (first == 0)
		return 0.0;
	return (first - 1 + (x - q[first - 1]) / (q[first] - q[first - 1])) / (m - 1);
}

/* ---------------------------------------------------------------------
 * Hashing
 * ---------------------------------------------------------------------
 */

/*
 * Sorts n pairs by key, stably (pairs of equal keys keep their order): a
 * least-significant-digit radix sort, a byte per pass, skipping the bytes
 * every key has alike (most of a timestamp's high bytes, say), in place of
 * a comparison sort's n log n calls of a comparator.  The eight bytes'
 * counts are taken in one pass.
 */
void
sd_sort_keys(SdKeyIndex *a, int64 n)
{
	int64	   *counts;
	SdKeyIndex *tmp,
			   *from = a,
			   *to;
	int64		i;
	int			d;

	if (n < 2)
		return;
	counts = palloc0(sizeof(int64) * 8 * 256);
	for (i = 0; i < n; i++)
	{
		uint64		k = a[i].key;

		for (d = 0; d < 8; d++)
			counts[d * 256 + ((k >> (8 * d)) & 255)]++;
	}
	tmp = palloc_extended(sizeof(SdKeyIndex) * n, MCXT_ALLOC_HUGE);
	to = tmp;
	for (d = 0; d < 8; d++)
	{
		int64	   *c = counts + d * 256;
		int64		at = 0;
		int			b;

		CHECK_FOR_INTERRUPTS();
		if (c[(from[0].key >> (8 * d)) & 255] == n)
			continue;			/* one value of this byte: the order stands */
		for (b = 0; b < 256; b++)
		{
			int64		m = c[b];

			c[b] = at;
			at += m;
		}
		for (i = 0; i < n; i++)
			to[c[(from[i].key >> (8 * d)) & 255]++] = from[i];
		to = from;
		from = (from == a) ? tmp : a;
	}
	if (from != a)
		memcpy(a, from, sizeof(SdKeyIndex) * n);
	pfree(tmp);
	pfree(counts);
}

/* FNV-1a over the bytes, finished by the generator's 64-bit mixer */
uint64
sd_hash_bytes(const void *data, int len, uint64 salt)
{
	const unsigned char *p = data;
	uint64		h = UINT64CONST(14695981039346656037) ^ salt;
	int			i;

	for (i = 0; i < len; i++)
	{
		h ^= p[i];
		h *= UINT64CONST(1099511628211);
	}
	return sd_mix64(h ^ (uint64) len);
}

/*
 * The hash of a summary key (category counts, distinct sketches, the
 * exact-copy guard's strings): eight bytes at a time, each a multiply and
 * xor-shift step, finished by the generator's 64-bit mixer; a number's
 * eight bytes take one step.  Lives only in memory: nothing stored depends
 * on it.
 */
uint64
sd_hash_key(const void *data, int len)
{
	const unsigned char *p = data;
	uint64		h = UINT64CONST(0x9E3779B97F4A7C15) ^
		((uint64) len * UINT64CONST(0xC2B2AE3D27D4EB4F)),
				w;
	int			n = len;

	for (; n >= 8; p += 8, n -= 8)
	{
		memcpy(&w, p, 8);
		h = (h ^ w) * UINT64CONST(0xFF51AFD7ED558CCD);
		h ^= h >> 32;
	}
	if (n > 0)
	{
		w = sd_load_tail(p, n);
		h = (h ^ w) * UINT64CONST(0xFF51AFD7ED558CCD);
		h ^= h >> 32;
	}
	return sd_mix64(h);
}

/*
 * Two keys of len bytes alike: eight bytes at a time, the last eight
 * overlapping the word before them, and a key shorter than a word by
 * load_tail; never a byte beyond either key.
 */
static inline bool
key_equal(const char *a, const char *b, int len)
{
	uint64		x,
				y;
	int			i;

	if (len < 8)
		return len == 0 ||
			sd_load_tail((const unsigned char *) a, len) ==
			sd_load_tail((const unsigned char *) b, len);
	for (i = 0; i + 8 <= len; i += 8)
	{
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return false;
	}
	if (i < len)
	{
		memcpy(&x, a + len - 8, 8);
		memcpy(&y, b + len - 8, 8);
		return x == y;
	}
	return true;
}

/* ---------------------------------------------------------------------
 * Misra-Gries frequency summary
 * ---------------------------------------------------------------------
 */

static void
freq_rebuild_slots(SdFreq *f)
{
	int			i;

	for (i = 0; i < f->nslots; i++)
		f->slots[i] = -1;
	for (i = 0; i < f->nitems; i++)
	{
		int			s = (int) (f->items[i].hash & (f->nslots - 1));

		while (f->slots[s] >= 0)
			s = (s + 1) & (f->nslots - 1);
		f->slots[s] = i;
	}
}

void
sd_freq_init(SdFreq *f, int cap)
{
	int			i;

	f->cxt = CurrentMemoryContext;
	f->cap = cap;
	f->nitems = 0;
	f->nslots = 16;
	while (f->nslots < 4 * cap + 4)
		f->nslots *= 2;
	f->slots = palloc(sizeof(int) * f->nslots);
	for (i = 0; i < f->nslots; i++)
		f->slots[i] = -1;
	f->items = palloc(sizeof(SdFreqItem) * (2 * cap + 1));
	f->decremented = 0;
	f->overflowed = false;
}

static int
cmp_int64_desc(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;

	return (x < y) - (x > y);
}

/* keep at most "cap" counters: subtract the (cap+1)-th largest count */
static void
freq_reduce(SdFreq *f)
{
	int64	   *counts;
	int64		c;
	int			i,
				n = 0;

	if (f->nitems <= f->cap)
		return;
	counts = MemoryContextAlloc(f->cxt, sizeof(int64) * f->nitems);
	for (i = 0; i < f->nitems; i++)
		counts[i] = f->items[i].count;
	qsort(counts, f->nitems, sizeof(int64), cmp_int64_desc);
	c = counts[f->cap];
	pfree(counts);
	for (i = 0; i < f->nitems; i++)
	{
		SdFreqItem	it = f->items[i];

		it.count -= c;
		if (it.count > 0)
			f->items[n++] = it;
		else
			pfree(it.key);
	}
	f->nitems = n;
	f->decremented += c;
	f->overflowed = true;
	freq_rebuild_slots(f);
}

/*
 * The summary key of string s: s itself when it is short enough, else its
 * digest, written to buf (SD_FREQ_MAXKEY bytes).  Sets *key; returns the
 * key's length.
 */
int
sd_freq_key(const char *s, int len, char *buf, const char **key)
{
	static const char hex[] = "0123456789abcdef";
	uint64		h;
	int			i;

	if (len <= SD_FREQ_MAXKEY)
	{
		*key = s;
		return len;
	}
	h = sd_hash_key(s, len);
	memcpy(buf, s, SD_FREQ_PREFIX);
	buf[SD_FREQ_PREFIX] = '\0';
	for (i = 0; i < SD_FREQ_DIGEST_HEX; i++)
		buf[SD_FREQ_PREFIX + 1 + i] = hex[(h >> (60 - 4 * i)) & 0xf];
	*key = buf;
	return SD_FREQ_MAXKEY;
}

/* is this key the digest of a longer string (no value of its own)? */
bool
sd_freq_key_is_digest(const char *key, int len)
{
	return len == SD_FREQ_MAXKEY && key[SD_FREQ_PREFIX] == '\0';
}

void
sd_freq_add(SdFreq *f, const char *key, int len, int64 count)
{
	char		buf[SD_FREQ_MAXKEY];

	len = sd_freq_key(key, len, buf, &key);
	sd_freq_add_hashed(f, key, len, sd_hash_key(key, len), count);
}

/*
 * The same, for a caller that already has sd_hash_key(key, len) of a
 * key of at most SD_FREQ_MAXKEY bytes.
 */
/* the item of key (whose sd_hash_key is h), or NULL */
static inline const SdFreqItem *
freq_find(const SdFreq *f, const char *key, int len, uint64 h)
{
	int			s = (int) (h & (f->nslots - 1));

	while (f->slots[s] >= 0)
	{
		const SdFreqItem *it = &f->items[f->slots[s]];

		if (it->hash == h && it->len == len && key_equal(it->key, key, len))
			return it;
		s = (s + 1) & (f->nslots - 1);
	}
	return NULL;
}

/* true if the summary counts key (whose sd_hash_key is h) */
bool
sd_freq_contains_hashed(const SdFreq *f, const char *key, int len, uint64 h)
{
	return freq_find(f, key, len, h) != NULL;
}

/* the count of key (whose sd_hash_key is h) in the summary; 0 if none */
int64
sd_freq_count_hashed(const SdFreq *f, const char *key, int len, uint64 h)
{
	const SdFreqItem *it = freq_find(f, key, len, h);

	return it != NULL ? it->count : 0;
}

void
sd_freq_add_hashed(SdFreq *f, const char *key, int len, uint64 h, int64 count)
{
	int			s;

	Assert(len <= SD_FREQ_MAXKEY);
	s = (int) (h & (f->nslots - 1));
	while (f->slots[s] >= 0)
	{
		SdFreqItem *it = &f->items[f->slots[s]];

		if (it->hash == h && it->len == len && key_equal(it->key, key, len))
		{
			it->count += count;
			return;
		}
		s = (s + 1) & (f->nslots - 1);
	}
	f->items[f->nitems].hash = h;
	f->items[f->nitems].count = count;
	f->items[f->nitems].len = len;
	f->items[f->nitems].key = MemoryContextAlloc(f->cxt, len > 0 ? len : 1);
	memcpy(f->items[f->nitems].key, key, len);
	f->slots[s] = f->nitems++;
	if (f->nitems > 2 * f->cap)
		freq_reduce(f);
}

void
sd_freq_merge(SdFreq *dst, const SdFreq *src)
{
	int			i;

	for (i = 0; i < src->nitems; i++)
		sd_freq_add(dst, src->items[i].key, src->items[i].len,
					src->items[i].count);
	dst->decremented += src->decremented;
	dst->overflowed |= src->overflowed;
}

static int
cmp_item_key(const void *a, const void *b)
{
	const SdFreqItem *x = a,
			   *y = b;
	int			c = memcmp(x->key, y->key, Min(x->len, y->len));

	if (c != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

void
sd_freq_finish(SdFreq *f)
{
	freq_reduce(f);
	qsort(f->items, f->nitems, sizeof(SdFreqItem), cmp_item_key);
	freq_rebuild_slots(f);
}

/* ---------------------------------------------------------------------
 * HyperLogLog
 * ---------------------------------------------------------------------
 */

void
sd_hll_add(SdHll *h, uint64 hash)
{
	int			idx = (int) (hash >> (64 - SD_HLL_BITS));
	uint64		rest = hash << SD_HLL_BITS;
	int			rank;

	if (rest == 0)
		rank = 64 - SD_HLL_BITS + 1;
	else
		rank = 63 - pg_leftmost_one_pos64(rest) + 1;
	if (rank > h->reg[idx])
		h->reg[idx] = (uint8) rank;
}

void
sd_hll_merge(SdHll *dst, const SdHll *src)
{
	int			i;

	for (i = 0; i < SD_HLL_REGISTERS; i++)
		if (src->reg[i] > dst->reg[i])
			dst->reg[i] = src->reg[i];
}

/* registers a sketch can hold: ranks of 64 - SD_HLL_BITS bits */
bool
sd_hll_valid(const SdHll *h)
{
	int			i;

	for (i = 0; i < SD_HLL_REGISTERS; i++)
		if (h->reg[i] > 64 - SD_HLL_BITS + 1)
			return false;
	return true;
}

double
sd_hll_estimate(const SdHll *h)
{
	double		m = SD_HLL_REGISTERS;
	double		sum = 0;
	int			zeros = 0;
	int			i;
	double		e;

	for (i = 0; i < SD_HLL_REGISTERS; i++)
	{
		sum += ldexp(1.0, -h->reg[i]);
		if (h->reg[i] == 0)
			zeros++;
	}
	e = 0.7213 / (1 + 1.079 / m) * m * m / sum;
	/* small-range correction: linear counting */
	if (e <= 2.5 * m && zeros > 0)
		e = m * log(m / zeros);
	return e;
}

/* ---------------------------------------------------------------------
 * Bloom filter (nbits a power of two)
 * ---------------------------------------------------------------------
 */

/*
 * A blocked Bloom filter (Putze, Sanders and Singler 2007, "Cache-, hash-
 * and space-efficient Bloom filters"): h1 picks one 512-bit block, a cache
 * line, and h2 the SD_BLOOM_HASHES bits set inside it, nine bits of h2 per
 * probe (its lowest bit is skipped: callers may force it to 1).  One cache
 * miss per row instead of one per probe; nbits is a power of two >= 512.
 */
static inline uint8 *
bloom_block(const uint8 *bits, uint64 nbits, uint64 h1)
{
	return (uint8 *) bits + (h1 & (nbits / SD_BLOOM_BLOCK_BITS - 1)) * (SD_BLOOM_BLOCK_BITS / 8);
}

void
sd_bloom_add(uint8 *bits, uint64 nbits, uint64 h1, uint64 h2)
{
	uint8	   *block = bloom_block(bits, nbits, h1);
	int			i;

	for (i = 0; i < SD_BLOOM_HASHES; i++)
	{
		int			pos = (int) ((h2 >> (1 + 9 * i)) & (SD_BLOOM_BLOCK_BITS - 1));

		block[pos >> 3] |= (uint8) (1 << (pos & 7));
	}
}

/*
 * Folds a filter of nbits into its first to_bits (both powers of two, the
 * smaller at least one block): each half ORed onto the other, as many times
 * as it takes.  A key's block is the low bits of h1, so the result is the
 * very filter that adding the same keys to to_bits would have made: its
 * size, and so which draws it rejects, depends on the keys alone, not on
 * the size it was built at.
 */
void
sd_bloom_fold(uint8 *bits, uint64 nbits, uint64 to_bits)
{
	Assert(to_bits >= SD_BLOOM_BLOCK_BITS && (to_bits & (to_bits - 1)) == 0);
	while (nbits > to_bits)
	{
		uint64		half = nbits / 16;	/* bytes in half of the filter */
		uint64		i;

		for (i = 0; i < half; i += 8)
		{
			uint64		a,
						b;

			memcpy(&a, bits + i, 8);
			memcpy(&b, bits + half + i, 8);
			a |= b;
			memcpy(bits + i, &a, 8);
		}
		nbits /= 2;
	}
}

bool
sd_bloom_test(const uint8 *bits, uint64 nbits, uint64 h1, uint64 h2)
{
	const uint8 *block = bloom_block(bits, nbits, h1);
	int			i;

	for (i = 0; i < SD_BLOOM_HASHES; i++)
	{
		int			pos = (int) ((h2 >> (1 + 9 * i)) & (SD_BLOOM_BLOCK_BITS - 1));

		if ((block[pos >> 3] & (1 << (pos & 7))) == 0)
			return false;
	}
	return true;
}

/* ---------------------------------------------------------------------
 * Linear algebra
 * ---------------------------------------------------------------------
 */

/*
 * The one Cholesky factorisation of the project: a = l * l^T with l lower
 * triangular (Golub and Van Loan, "Matrix Computations", algorithm 4.2.1).
 *
 * tol == NULL asks for a positive definite matrix: a pivot not above 1e-12
 * fails.  Otherwise semi-definite matrices are accepted as in Higham,
 * "Accuracy and Stability of Numerical Algorithms" (2nd ed., 2002), section
 * 10.3: a pivot below -tol->negative fails; a pivot at most tol->zero gives
 * a zero column (its diagonal is the root of a positive pivot when
 * tol->keep_diagonal, else zero), provided the rest of that column is
 * within tol->column of zero.  On failure, *fail (if not NULL) says where.
 */
SdCholStatus
sd_cholesky_tol(const double *a, int n, double *l, const SdCholTol *tol,
				SdCholFail *fail)
{
	int			i,
				j,
				k;

	memset(l, 0, sizeof(double) * n * n);
	for (j = 0; j < n; j++)
	{
		double		s = a[j * n + j];

		CHECK_FOR_INTERRUPTS();
		for (k = 0; k < j; k++)
			s -= l[j * n + k] * l[j * n + k];
		if (tol == NULL ? !(s > 1e-12) : s < -tol->negative)
		{
			if (fail)
			{
				fail->row = j;
				fail->other = -1;
				fail->pivot = s;
			}
			return SD_CHOL_NOT_DEFINITE;
		}
		if (tol != NULL && s <= tol->zero)
		{
			/* degenerate direction: the rest of the column must vanish */
			if (tol->keep_diagonal && s > 0)
				l[j * n + j] = sqrt(s);
			for (i = j + 1; i < n; i++)
			{
				double		t = a[i * n + j];

				for (k = 0; k < j; k++)
					t -= l[i * n + k] * l[j * n + k];
				if (fabs(t) > tol->column)
				{
					if (fail)
					{
						fail->row = j;
						fail->other = i;
						fail->pivot = s;
					}
					return SD_CHOL_DEPENDENT;
				}
			}
			continue;
		}
		l[j * n + j] = sqrt(s);
		for (i = j + 1; i < n; i++)
		{
			double		t = a[i * n + j];

			for (k = 0; k < j; k++)
				t -= l[i * n + k] * l[j * n + k];
			l[i * n + j] = t / l[j * n + j];
		}
	}
	return SD_CHOL_OK;
}

/* a = l * l^T with l lower triangular; false if a is not positive definite */
bool
sd_cholesky(const double *a, int n, double *l)
{
	return sd_cholesky_tol(a, n, l, NULL, NULL) == SD_CHOL_OK;
}

/*
 * Eigen-decomposition of a symmetric matrix by the cyclic Jacobi method
 * (Golub and Van Loan, "Matrix Computations", section 8.5): values[i] with
 * eigenvector column i of "vectors".
 */
void
sd_jacobi_eigen(const double *a_in, int n, double *values, double *vectors)
{
	double	   *a = palloc(sizeof(double) * n * n);
	int			sweep,
				p,
				q,
				k;

	memcpy(a, a_in, sizeof(double) * n * n);
	for (p = 0; p < n; p++)
		for (q = 0; q < n; q++)
			vectors[p * n + q] = (p == q) ? 1.0 : 0.0;

	for (sweep = 0; sweep < 100; sweep++)
	{
		double		off = 0;

		for (p = 0; p < n; p++)
			for (q = p + 1; q < n; q++)
				off += a[p * n + q] * a[p * n + q];
		if (off < 1e-22)
			break;
		for (p = 0; p < n; p++)
			for (q = p + 1; q < n; q++)
			{
				double		apq = a[p * n + q],
							theta,
							t,
							c,
							s;

				if (fabs(apq) < 1e-300)
					continue;
				theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
				t = (theta >= 0 ? 1.0 : -1.0) /
					(fabs(theta) + sqrt(theta * theta + 1));
				c = 1 / sqrt(t * t + 1);
				s = t * c;
				for (k = 0; k < n; k++)
				{
					double		akp = a[k * n + p],
								akq = a[k * n + q];

					a[k * n + p] = c * akp - s * akq;
					a[k * n + q] = s * akp + c * akq;
				}
				for (k = 0; k < n; k++)
				{
					double		apk = a[p * n + k],
								aqk = a[q * n + k];

					a[p * n + k] = c * apk - s * aqk;
					a[q * n + k] = s * apk + c * aqk;
				}
				for (k = 0; k < n; k++)
				{
					double		vkp = vectors[k * n + p],
								vkq = vectors[k * n + q];

					vectors[k * n + p] = c * vkp - s * vkq;
					vectors[k * n + q] = s * vkp + c * vkq;
				}
			}
	}
	for (p = 0; p < n; p++)
		values[p] = a[p * n + p];
	pfree(a);
}

/*
 * Replaces the symmetric unit-diagonal matrix a by the nearest correlation
 * matrix in the Frobenius norm (Higham 2002, Algorithm 3.3).  Returns the
 * number of iterations used.
 */
int
sd_nearest_correlation(double *a, int n, double tol, int max_iter)
{
	size_t		sz = sizeof(double) * n * n;
	double	   *y = palloc(sz),
			   *ds = palloc0(sz),
			   *r = palloc(sz),
			   *x = palloc(sz),
			   *vec = palloc(sz),
			   *val = palloc(sizeof(double) * n);
	int			it,
				i,
				j,
				k;

	memcpy(y, a, sz);
	for (it = 0; it < max_iter; it++)
	{
		double		diff = 0,
					norm = 0;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < n * n; i++)
			r[i] = y[i] - ds[i];
		/* projection onto the positive semidefinite cone */
		sd_jacobi_eigen(r, n, val, vec);
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
			{
				double		s = 0;

				for (k = 0; k < n; k++)
					if (val[k] > 0)
						s += vec[i * n + k] * val[k] * vec[j * n + k];
				x[i * n + j] = s;
			}
		for (i = 0; i < n * n; i++)
			ds[i] = x[i] - r[i];
		/* projection onto the unit-diagonal matrices */
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
			{
				double		v = (i == j) ? 1.0 : x[i * n + j];

				diff += (v - y[i * n + j]) * (v - y[i * n + j]);
				norm += v * v;
				y[i * n + j] = v;
			}
		if (sqrt(diff) <= tol * sqrt(norm))
			break;
	}
	memcpy(a, y, sz);
	pfree(y);
	pfree(ds);
	pfree(r);
	pfree(x);
	pfree(vec);
	pfree(val);
	return it;
}

/*
 * Shrinks the off-diagonal entries towards zero until Cholesky succeeds, so
 * that a positive semidefinite correlation matrix (Higham's result has zero
 * eigenvalues where the input was indefinite) can drive a copula.
 */
void
sd_make_positive_definite(double *a, int n)
{
	double	   *l = palloc(sizeof(double) * n * n);
	int			i,
				j,
				k;

	for (k = 0; k < 200 && !sd_cholesky(a, n, l); k++)
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				if (i != j)
					a[i * n + j] *= 0.999;
	pfree(l);
}

/* ---------------------------------------------------------------------
 * Bivariate normal and latent correlations
 * ---------------------------------------------------------------------
 */

/* Gauss-Legendre abscissae (negative half) and weights for 6, 12, 20 points */
static const double gl_x[3][10] = {
	{-0.9324695142031522, -0.6612093864662647, -0.2386191860831970},
	{-0.9815606342467191, -0.9041172563704750, -0.7699026741943050,
	-0.5873179542866171, -0.3678314989981802, -0.1252334085114692},
	{-0.9931285991850949, -0.9639719272779138, -0.9122344282513259,
		-0.8391169718222188, -0.7463319064601508, -0.6360536807265150,
		-0.5108670019508271, -0.3737060887154196, -0.2277858511416451,
	-0.07652652113349733}
};
static const double gl_w[3][10] = {
	{0.1713244923791705, 0.3607615730481384, 0.4679139345726904},
	{0.04717533638651177, 0.1069393259953183, 0.1600783285433464,
	0.2031674267230659, 0.2334925365383547, 0.2491470458134029},
	{0.01761400713915212, 0.04060142980038694, 0.06267204833410906,
		0.08327674157670475, 0.1019301198172404, 0.1181945319615184,
		0.1316886384491766, 0.1420961093183821, 0.1491729864726037,
	0.1527533871307259}
};

/* P(X > h, Y > k) for the standard bivariate normal with correlation r */
static double
bvn_upper(double h, double k, double r)
{
	const double twopi = 6.283185307179586;
	int			ng,
				lg,
				i;
	double		hk,
				bvn = 0;

	if (isinf(h) || isinf(k))
	{
		if ((isinf(h) && h > 0) || (isinf(k) && k > 0))
			return 0;
		if (isinf(h) && isinf(k))
			return 1;
		return isinf(h) ? sd_pnorm(-k) : sd_pnorm(-h);
	}
	if (fabs(r) < 0.3)
		ng = 0, lg = 3;
	else if (fabs(r) < 0.75)
		ng = 1, lg = 6;
	else
		ng = 2, lg = 10;
	hk = h * k;
	if (fabs(r) < 0.925)
	{
		double		hs = (h * h + k * k) / 2;
		double		asr = asin(r);

		for (i = 0; i < lg; i++)
		{
			double		sn = sin(asr * (gl_x[ng][i] + 1) / 2);

			bvn += gl_w[ng][i] * exp((sn * hk - hs) / (1 - sn * sn));
			sn = sin(asr * (-gl_x[ng][i] + 1) / 2);
			bvn += gl_w[ng][i] * exp((sn * hk - hs) / (1 - sn * sn));
		}
		bvn = bvn * asr / (2 * twopi) + sd_pnorm(-h) * sd_pnorm(-k);
	}
	else
	{
		if (r < 0)
		{
			k = -k;
			hk = -hk;
		}
		if (fabs(r) < 1)
		{
			double		as = (1 - r) * (1 + r);
			double		a = sqrt(as);
			double		bs = (h - k) * (h - k);
			double		c = (4 - hk) / 8;
			double		d = (12 - hk) / 16;

			bvn = a * exp(-(bs / as + hk) / 2) *
				(1 - c * (bs - as) * (1 - d * bs / 5) / 3 + c * d * as * as / 5);
			if (hk > -160)
			{
				double		b = sqrt(bs);

				bvn -= exp(-hk / 2) * sqrt(twopi) * sd_pnorm(-b / a) * b *
					(1 - c * bs * (1 - d * bs / 5) / 3);
			}
			a = a / 2;
			for (i = 0; i < lg; i++)
			{
				double		xs = (a * (gl_x[ng][i] + 1)) * (a * (gl_x[ng][i] + 1));
				double		rs = sqrt(1 - xs);

				bvn += a * gl_w[ng][i] *
					(exp(-bs / (2 * xs) - hk / (1 + rs)) / rs -
					 exp(-(bs / xs + hk) / 2) * (1 + c * xs * (1 + d * xs)));
				xs = as * (-gl_x[ng][i] + 1) * (-gl_x[ng][i] + 1) / 4;
				rs = sqrt(1 - xs);
				bvn += a * gl_w[ng][i] * exp(-(bs / xs + hk) / 2) *
					(exp(-hk * xs / (2 * (1 + rs) * (1 + rs))) / rs -
					 (1 + c * xs * (1 + d * xs)));
			}
			bvn = -bvn / twopi;
		}
		if (r > 0)
			bvn += sd_pnorm(-Max(h, k));
		else
		{
			bvn = -bvn;
			if (k > h)
			{
				if (h < 0)
					bvn += sd_pnorm(k) - sd_pnorm(h);
				else
					bvn += sd_pnorm(-h) - sd_pnorm(-k);
			}
		}
	}
	return Max(0.0, Min(1.0, bvn));
}

/* P(X < h, Y < k) */
double
sd_bvn_lower(double h, double k, double r)
{
	return bvn_upper(-h, -k, r);
}

/* thresholds tau[0..ncat-2] cutting N(0,1) into the categories' shares */
static void
sd_category_thresholds(const int64 *counts, int ncat, double *tau)
{
	double		total = 0,
				cum = 0;
	int			i;

	for (i = 0; i < ncat; i++)
		total += counts[i];
	for (i = 0; i < ncat - 1; i++)
	{
		cum += counts[i];
		tau[i] = total > 0 ? sd_qnorm(cum / total) : 0;
	}
}

static inline double
dnorm(double x)
{
	return isinf(x) ? 0.0 : exp(-x * x / 2) / 2.5066282746310002;
}

/* E[Z | lo < Z < hi] for standard normal Z */
double
sd_interval_mean(double lo, double hi)
{
	double		p = sd_pnorm(hi) - sd_pnorm(lo);

	if (p < 1e-300)
		return isinf(lo) ? hi : (isinf(hi) ? lo : (lo + hi) / 2);
	return (dnorm(lo) - dnorm(hi)) / p;
}

/*
 * log-likelihood of a contingency table under latent correlation r; only
 * the corners of non-empty cells (need) are evaluated
 */
static double
polychoric_loglik(const int64 *t, int rows, int cols, const double *a,
				  const double *b, double r, double *grid, const bool *need)
{
	double		ll = 0;
	int			i,
				j;

	/* grid[(i)(cols+1) + j] = Phi2(a_i, b_j), a_0 = b_0 = -inf */
	for (i = 0; i <= rows; i++)
		for (j = 0; j <= cols; j++)
		{
			double		v;

			if (!need[i * (cols + 1) + j])
				continue;
			if (i == 0 || j == 0)
				v = 0;
			else if (i == rows)
				v = (j == cols) ? 1 : sd_pnorm(b[j - 1]);
			else if (j == cols)
				v = sd_pnorm(a[i - 1]);
			else
				v = sd_bvn_lower(a[i - 1], b[j - 1], r);
			grid[i * (cols + 1) + j] = v;
		}
	for (i = 0; i < rows; i++)
		for (j = 0; j < cols; j++)
		{
			double		p;

			if (t[i * cols + j] == 0)
				continue;
			p = grid[(i + 1) * (cols + 1) + j + 1] - grid[i * (cols + 1) + j + 1]
				- grid[(i + 1) * (cols + 1) + j] + grid[i * (cols + 1) + j];
			ll += t[i * cols + j] * log(Max(p, 1e-300));
		}
	return ll;
}

/*
 * Two-step polychoric correlation of a rows x cols table (row-major):
 * thresholds from the margins, then the correlation maximising the
 * likelihood by golden-section search on (-0.995, 0.995).
 */
double
sd_polychoric(const int64 *table, int rows, int cols)
{
	int64	   *rc = palloc0(sizeof(int64) * rows);
	int64	   *cc = palloc0(sizeof(int64) * cols);
	double	   *a = palloc(sizeof(double) * rows);
	double	   *b = palloc(sizeof(double) * cols);
	double	   *grid = palloc(sizeof(double) * (rows + 1) * (cols + 1));
	bool	   *need = palloc0(sizeof(bool) * (rows + 1) * (cols + 1));
	const double gr = 0.6180339887498949;
	double		lo = -0.995,
				hi = 0.995,
				x1,
				x2,
				f1,
				f2;
	int			i,
				j,
				it;

	for (i = 0; i < rows; i++)
		for (j = 0; j < cols; j++)
		{
			rc[i] += table[i * cols + j];
			cc[j] += table[i * cols + j];
			if (table[i * cols + j] != 0)
			{
				need[i * (cols + 1) + j] = need[i * (cols + 1) + j + 1] = true;
				need[(i + 1) * (cols + 1) + j] = need[(i + 1) * (cols + 1) + j + 1] = true;
			}
		}
	sd_category_thresholds(rc, rows, a);
	sd_category_thresholds(cc, cols, b);
	x1 = hi - gr * (hi - lo);
	x2 = lo + gr * (hi - lo);
	f1 = polychoric_loglik(table, rows, cols, a, b, x1, grid, need);
	f2 = polychoric_loglik(table, rows, cols, a, b, x2, grid, need);
	for (it = 0; it < 40; it++)
	{
		CHECK_FOR_INTERRUPTS();
		if (f1 < f2)
		{
			lo = x1;
			x1 = x2;
			f1 = f2;
			x2 = lo + gr * (hi - lo);
			f2 = polychoric_loglik(table, rows, cols, a, b, x2, grid, need);
		}
		else
		{
			hi = x2;
			x2 = x1;
			f2 = f1;
			x1 = hi - gr * (hi - lo);
			f1 = polychoric_loglik(table, rows, cols, a, b, x1, grid, need);
		}
	}
	pfree(rc);
	pfree(cc);
	pfree(a);
	pfree(b);
	pfree(grid);
	pfree(need);
	return (lo + hi) / 2;
}

/*
 * Groups of adjacent categories, at most maxcat of them, of about equal
 * shares of the counts: group[i] for category i.  A category larger than
 * a group's share is a group of its own.  Returns the number of groups.
 */
static int
category_groups(const int64 *counts, int n, int maxcat, int *group)
{
	double		total = 0,
				cum = 0;
	int			g = 0,
				i;

	for (i = 0; i < n; i++)
		total += counts[i];
	if (n <= maxcat || total <= 0)
	{
		for (i = 0; i < n; i++)
			group[i] = i;
		return n;
	}
	for (i = 0; i < n; i++)
	{
		/* a category joins the group its midpoint falls in */
		double		mid = (cum + counts[i] / 2.0) / total;
		int			want = Min(maxcat - 1, (int) (mid * maxcat));

		if (want > g && i > 0)
			g++;
		group[i] = g;
		cum += counts[i];
	}
	return g + 1;
}

/*
 * The polychoric correlation of a table whose sides have at most maxcat
 * categories: adjacent categories of a longer side are merged into groups
 * of about equal share first.  Merging adjacent categories keeps the
 * latent bivariate normal model (only its thresholds get fewer), so the
 * estimate stays consistent and loses little efficiency, while the cost,
 * (rows + 1) (cols + 1) bivariate normal probabilities per likelihood,
 * stays bounded whatever the number of categories.
 */
double
sd_polychoric_capped(const int64 *table, int rows, int cols, int maxcat)
{
	int		   *gr,
			   *gc;
	int64	   *rc,
			   *cc,
			   *t;
	int			nr,
				nc,
				i,
				j;
	double		r;

	if (rows <= maxcat && cols <= maxcat)
		return sd_polychoric(table, rows, cols);
	gr = palloc(sizeof(int) * rows);
	gc = palloc(sizeof(int) * cols);
	rc = palloc0(sizeof(int64) * rows);
	cc = palloc0(sizeof(int64) * cols);
	for (i = 0; i < rows; i++)
		for (j = 0; j < cols; j++)
		{
			rc[i] += table[i * cols + j];
			cc[j] += table[i * cols + j];
		}
	nr = category_groups(rc, rows, maxcat, gr);
	nc = category_groups(cc, cols, maxcat, gc);
	t = palloc0(sizeof(int64) * nr * nc);
	for (i = 0; i < rows; i++)
		for (j = 0; j < cols; j++)
			t[gr[i] * nc + gc[j]] += table[i * cols + j];
	r = sd_polychoric(t, nr, nc);
	pfree(gr);
	pfree(gc);
	pfree(rc);
	pfree(cc);
	pfree(t);
	return r;
}
