/*-------------------------------------------------------------------------
 *
 * model.h
 *		Engine of fitted cloning: mergeable summaries and copula math.
 *
 * Plain C over plain structs (no Datums, no executor): the dyadic
 * histogram (a mergeable, order-independent quantile sketch), the
 * Misra-Gries frequency summary, HyperLogLog distinct counts, the Bloom
 * filter of the exact-copy guard, and the linear algebra of the Gaussian
 * copula (Cholesky, Jacobi eigen-decomposition, Higham's nearest
 * correlation matrix, polychoric and polyserial correlations).
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/model.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_MODEL_H
#define SYNTHDATA_MODEL_H

/* ---- dyadic histogram ---------------------------------------------------- */

/*
 * Buckets are [j * 2^exp, (j+1) * 2^exp) for integer j, each with its count
 * and the smallest and largest value it holds; the window holds
 * SD_HIST_BUCKETS consecutive buckets starting at absolute index "base".
 * exp is the smallest exponent whose window covers [min, max], so the whole
 * state is a function of the multiset of values added: the same values in
 * any order, split over any number of partial states merged in any order,
 * give the same histogram.
 */
#define SD_HIST_BUCKETS 2048

/* one bucket: its count, its smallest and largest value (one cache line's worth) */
typedef struct SdHistBucket
{
	int64		count;
	double		min;
	double		max;
} SdHistBucket;

typedef struct SdHist
{
	int64		n;				/* values counted */
	int32		exp;			/* bucket width is 2^exp */
	int64		base;			/* absolute index of counts[0] */
	double		min;
	double		max;
	SdHistBucket b[SD_HIST_BUCKETS];
} SdHist;

extern void sd_hist_init(SdHist *h);
extern void sd_hist_add_n(SdHist *h, double x, int64 n);
extern void sd_hist_add_batch(SdHist *h, const double *xs, int n);
extern void sd_hist_merge(SdHist *dst, const SdHist *src);
extern bool sd_hist_valid(const SdHist *h);

/* a key and what it is the key of (an index), sorted by key (sd_sort_keys) */
typedef struct SdKeyIndex
{
	uint64		key;
	int64		index;
} SdKeyIndex;

extern void sd_sort_keys(SdKeyIndex *a, int64 n);

/* A point mass inside the histogram's range (counted among its values). */
typedef struct SdAtom
{
	double		value;
	int64		count;
} SdAtom;

/*
 * Quantiles at the m probabilities lo + (hi - lo) * j / (m - 1): each
 * bucket's mass is spread uniformly between its smallest and largest value,
 * a quantile on the boundary between two buckets is the middle of the gap
 * between them, and a bucket holding one distinct value is a point mass
 * only when at least min_point values (in the histogram's counts) hold it;
 * a rarer one is spread halfway into the gap on the side of the median.
 * So no quantile is a value held by fewer than min_point values, except by
 * the chance of an interpolation landing on one.
 */
extern void sd_hist_quantiles(const SdHist *h, double min_point, double lo,
							  double hi, int m, double *out);

/* ---- quantile grid (the marginal of a model) ----------------------------- */

extern double sd_grid_quantile(const double *q, int m, double u);
extern double sd_grid_cdf(const double *q, int m, double x);

/* ---- Misra-Gries frequency summary --------------------------------------- */

/*
 * Exact counts while at most "cap" distinct keys are seen; beyond that the
 * mergeable reduction of Agarwal et al., "Mergeable Summaries", PODS 2012
 * (subtract the (cap+1)-th largest count from every counter, drop the
 * non-positive ones).  Counts are then lower bounds, off by at most
 * "decremented".  Keys are byte strings of at most SD_FREQ_MAXKEY bytes.
 */
#define SD_FREQ_MAXKEY 200

/*
 * The key of a longer string is a digest of SD_FREQ_MAXKEY bytes: its first
 * SD_FREQ_PREFIX bytes, a NUL byte and the 16 hex digits of a 64-bit hash of
 * the whole string.  Long strings that share a prefix stay distinct, and no
 * value of a text type holds a NUL byte, so a digest is never taken for a
 * value (sd_freq_key_is_digest): it counts, but must never be emitted.  A
 * digest is its own key.
 */
#define SD_FREQ_DIGEST_HEX 16
#define SD_FREQ_PREFIX (SD_FREQ_MAXKEY - 1 - SD_FREQ_DIGEST_HEX)

typedef struct SdFreqItem
{
	uint64		hash;
	int64		count;
	int			len;
	char	   *key;			/* palloc'd, not terminated */
} SdFreqItem;

typedef struct SdFreq
{
	void	   *cxt;			/* memory context that owns the keys */
	int			cap;
	int			nitems;
	int			nslots;			/* hash table size, a power of two */
	int		   *slots;			/* index into items, -1 = empty */
	SdFreqItem *items;			/* up to 2 * cap */
	int64		decremented;	/* total subtracted from each counter */
	bool		overflowed;
} SdFreq;

extern uint64 sd_hash_bytes(const void *data, int len, uint64 salt);
extern void sd_freq_init(SdFreq *f, int cap);
/*
 * The 1 to 7 bytes at p, as memcpy(&w, p, n) into a zeroed w leaves them:
 * on a little-endian machine from two loads that may overlap (of four
 * bytes, or of the first, middle and last byte), not a call of memcpy for
 * a length it cannot know.
 */
static inline uint64
sd_load_tail(const unsigned char *p, int n)
{
	uint64		w = 0;

	Assert(n > 0 && n < 8);
#ifdef WORDS_BIGENDIAN
	memcpy(&w, p, n);
#else
	if (n >= 4)
	{
		uint32		lo,
					hi;

		memcpy(&lo, p, 4);
		memcpy(&hi, p + n - 4, 4);
		w = (uint64) lo | ((uint64) hi << (8 * (n - 4)));
	}
	else
		w = (uint64) p[0] | ((uint64) p[n / 2] << (8 * (n / 2))) |
			((uint64) p[n - 1] << (8 * (n - 1)));
#endif
	return w;
}

extern uint64 sd_hash_key(const void *data, int len);
extern int	sd_freq_key(const char *s, int len, char *buf, const char **key);
extern bool sd_freq_key_is_digest(const char *key, int len);
extern void sd_freq_add(SdFreq *f, const char *key, int len, int64 count);
extern int64 sd_freq_count_hashed(const SdFreq *f, const char *key, int len,
								  uint64 h);
extern bool sd_freq_contains_hashed(const SdFreq *f, const char *key, int len,
									uint64 hash);
extern void sd_freq_add_hashed(SdFreq *f, const char *key, int len, uint64 hash,
							   int64 count);
extern void sd_freq_merge(SdFreq *dst, const SdFreq *src);
extern void sd_freq_finish(SdFreq *f);	/* reduce to cap, sort by key */

/* ---- HyperLogLog --------------------------------------------------------- */

#define SD_HLL_BITS 10
#define SD_HLL_REGISTERS (1 << SD_HLL_BITS)

typedef struct SdHll
{
	uint8		reg[SD_HLL_REGISTERS];
} SdHll;

extern void sd_hll_add(SdHll *h, uint64 hash);
extern void sd_hll_merge(SdHll *dst, const SdHll *src);
extern double sd_hll_estimate(const SdHll *h);
extern bool sd_hll_valid(const SdHll *h);

/* ---- Bloom filter -------------------------------------------------------- */

#define SD_BLOOM_HASHES 7
#define SD_BLOOM_BLOCK_BITS 512		/* one cache line holds a key's bits */

/* asks the CPU to fetch the block of h1 ahead of sd_bloom_add/test */
static inline void
sd_bloom_prefetch(const uint8 *bits, uint64 nbits, uint64 h1)
{
#if defined(__GNUC__) || defined(__clang__)
	uint64		block = h1 & (nbits / SD_BLOOM_BLOCK_BITS - 1);

	__builtin_prefetch(bits + block * (SD_BLOOM_BLOCK_BITS / 8));
#endif
}

extern void sd_bloom_add(uint8 *bits, uint64 nbits, uint64 h1, uint64 h2);
extern void sd_bloom_fold(uint8 *bits, uint64 nbits, uint64 to_bits);
extern bool sd_bloom_test(const uint8 *bits, uint64 nbits, uint64 h1,
						  uint64 h2);

/* ---- linear algebra (row-major n x n matrices) ---------------------------- */

/* how sd_cholesky_tol treats a pivot near zero (see model.c) */
typedef struct SdCholTol
{
	double		negative;		/* a pivot below -negative fails */
	double		zero;			/* a pivot at most zero gives a zero column */
	double		column;			/* ... whose other entries stay within this */
	bool		keep_diagonal;	/* a zero column keeps the root of its pivot */
} SdCholTol;

typedef enum SdCholStatus
{
	SD_CHOL_OK,
	SD_CHOL_NOT_DEFINITE,		/* a pivot is negative (or not positive) */
	SD_CHOL_DEPENDENT			/* a zero pivot's column does not vanish */
} SdCholStatus;

/* where sd_cholesky_tol failed: 0-based rows and the pivot */
typedef struct SdCholFail
{
	int			row;
	int			other;			/* SD_CHOL_DEPENDENT: the row that covaries */
	double		pivot;
} SdCholFail;

extern SdCholStatus sd_cholesky_tol(const double *a, int n, double *l,
									const SdCholTol *tol, SdCholFail *fail);
extern bool sd_cholesky(const double *a, int n, double *l);
extern void sd_jacobi_eigen(const double *a, int n, double *values,
							double *vectors);
extern int	sd_nearest_correlation(double *a, int n, double tol,
								   int max_iter);
extern void sd_make_positive_definite(double *a, int n);

/* ---- latent correlations ---------------------------------------------------- */

extern double sd_bvn_lower(double h, double k, double r);
extern double sd_polychoric(const int64 *table, int rows, int cols);
extern double sd_polychoric_capped(const int64 *table, int rows, int cols,
								   int maxcat);
extern double sd_interval_mean(double lo, double hi);

#endif							/* SYNTHDATA_MODEL_H */
