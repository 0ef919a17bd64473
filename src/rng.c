/*-------------------------------------------------------------------------
 *
 * rng.c
 *		Philox4x32-10 counter-based generator and the draws built on it.
 *
 * Philox4x32-10 is the counter-based generator of Salmon, Moraes, Dror and
 * Shaw, "Parallel Random Numbers: As Easy as 1, 2, 3", SC'11 (2011): a
 * 10-round keyed bijection on 128-bit counters that passes TestU01's
 * BigCrush for every key.  We use it as follows:
 *
 *	key		= two 32-bit words mixed from (seed, stream), so that each
 *			  (seed, stream) pair is an independent generator;
 *	counter = (row index: 64 bits, block within the row: 64 bits).
 *
 * A value drawn for row i is therefore a pure function of (seed, stream, i,
 * draw number): it does not depend on how many rows were requested, on
 * LIMIT, on batching, on parallel workers or on the node that computes it.
 *
 * This file is engine code: plain C over plain structs, no Datums.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/rng.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "rng.h"

/* Multipliers and Weyl key increments from Salmon et al. (2011), table 2 */
#define PHILOX_M0	UINT32_C(0xD2511F53)
#define PHILOX_M1	UINT32_C(0xCD9E8D57)
#define PHILOX_W0	UINT32_C(0x9E3779B9)
#define PHILOX_W1	UINT32_C(0xBB67AE85)

/*
 * One round on the four counter words held in local variables (so that
 * the compiler keeps them in registers: no aliasing with the key or the
 * output), then the key bump.
 */
#define PHILOX_ROUND(c0, c1, c2, c3, k0, k1) \
	do { \
		uint64		p0_ = (uint64) PHILOX_M0 * (c0); \
		uint64		p1_ = (uint64) PHILOX_M1 * (c2); \
		uint32		t0_ = (uint32) (p1_ >> 32) ^ (c1) ^ (k0); \
		uint32		t2_ = (uint32) (p0_ >> 32) ^ (c3) ^ (k1); \
		(c1) = (uint32) p1_; \
		(c3) = (uint32) p0_; \
		(c0) = t0_; \
		(c2) = t2_; \
	} while (0)

#define PHILOX_BUMP(k0, k1) \
	do { (k0) += PHILOX_W0; (k1) += PHILOX_W1; } while (0)

/*
 * The ten rounds, written out (a loop kept the key in memory), the key
 * bumped between them by BUMP; PHILOX_10_ROUNDS bumps k0 and k1.
 */
#define PHILOX_10_ROUNDS_BUMP(ROUND, BUMP) \
	do { \
		ROUND; BUMP; ROUND; BUMP; ROUND; BUMP; ROUND; BUMP; ROUND; BUMP; \
		ROUND; BUMP; ROUND; BUMP; ROUND; BUMP; ROUND; BUMP; ROUND; \
	} while (0)
#define PHILOX_10_ROUNDS(ROUND) PHILOX_10_ROUNDS_BUMP(ROUND, PHILOX_BUMP(k0, k1))

/*
 * The bare block function: out = Philox4x32-10(ctr, key).
 */
void
sd_philox4x32_10(const uint32 ctr[4], const uint32 key[2], uint32 out[4])
{
	uint32		c0 = ctr[0],
				c1 = ctr[1],
				c2 = ctr[2],
				c3 = ctr[3];
	uint32		k0 = key[0],
				k1 = key[1];

	PHILOX_10_ROUNDS(PHILOX_ROUND(c0, c1, c2, c3, k0, k1));
	out[0] = c0;
	out[1] = c1;
	out[2] = c2;
	out[3] = c3;
}

/*
 * Two blocks at once, each of its own counter and key: the rounds of the
 * two interleaved, so that their independent chains of multiplications
 * overlap in the processor (one block alone waits on each round's
 * products).  The same blocks as two calls of sd_philox4x32_10.
 */
void
sd_philox4x32_10_pair(const uint32 ctr_a[4], const uint32 key_a[2], uint32 out_a[4],
					  const uint32 ctr_b[4], const uint32 key_b[2], uint32 out_b[4])
{
	uint32		a0 = ctr_a[0],
				a1 = ctr_a[1],
				a2 = ctr_a[2],
				a3 = ctr_a[3],
				b0 = ctr_b[0],
				b1 = ctr_b[1],
				b2 = ctr_b[2],
				b3 = ctr_b[3];
	uint32		ka0 = key_a[0],
				ka1 = key_a[1],
				kb0 = key_b[0],
				kb1 = key_b[1];

#define PHILOX_ROUND_AB \
	do { \
		PHILOX_ROUND(a0, a1, a2, a3, ka0, ka1); \
		PHILOX_ROUND(b0, b1, b2, b3, kb0, kb1); \
	} while (0)
#define PHILOX_BUMP_AB \
	do { PHILOX_BUMP(ka0, ka1); PHILOX_BUMP(kb0, kb1); } while (0)

	PHILOX_10_ROUNDS_BUMP(PHILOX_ROUND_AB, PHILOX_BUMP_AB);
#undef PHILOX_ROUND_AB
#undef PHILOX_BUMP_AB
	out_a[0] = a0;
	out_a[1] = a1;
	out_a[2] = a2;
	out_a[3] = a3;
	out_b[0] = b0;
	out_b[1] = b1;
	out_b[2] = b2;
	out_b[3] = b3;
}

/*
 * Stream identifier from a name (function, column, model part): FNV-1a,
 * then mixed.  Names, not positions, so adding a column does not move the
 * streams of the others.
 */
uint64
sd_stream_id(const char *name)
{
	uint64		h = UINT64CONST(0xCBF29CE484222325);

	for (; *name; name++)
	{
		h ^= (unsigned char) *name;
		h *= UINT64CONST(0x100000001B3);
	}
	return sd_mix64(h);
}

/* A sub-stream of a stream, e.g. one per column of a table's stream. */
uint64
sd_stream_child(uint64 stream, uint64 sub)
{
	return sd_mix64(stream ^ sd_mix64(sub + UINT64CONST(0x632BE59BD9B4E019)));
}

void
sd_rng_init(SdRng *rng, uint64 seed, uint64 stream)
{
	uint64		k = sd_mix64(seed ^ sd_mix64(stream));

	rng->key[0] = (uint32) k;
	rng->key[1] = (uint32) (k >> 32);
	rng->row = 0;
	rng->block = 0;
	rng->avail = 0;
}

/* Position the generator at the first draw of the given row. */
void
sd_rng_seek(SdRng *rng, uint64 row)
{
	rng->row = row;
	rng->block = 0;
	rng->avail = 0;
}

/* the counter of a generator's next block: its row, then the block */
static inline void
rng_counter(const SdRng *rng, uint32 ctr[4])
{
	ctr[0] = (uint32) rng->row;
	ctr[1] = (uint32) (rng->row >> 32);
	ctr[2] = (uint32) rng->block;
	ctr[3] = (uint32) (rng->block >> 32);
}

/*
 * Compute the next block of the current row into the buffer.  The draws
 * themselves (sd_rng_u32, sd_rng_u64, sd_rng_uniform) are inline in rng.h:
 * they run once or more per generated value.
 */
void
sd_rng_refill(SdRng *rng)
{
	uint32		ctr[4];

	rng_counter(rng, ctr);
	sd_philox4x32_10(ctr, rng->key, rng->buf);
	rng->block++;
	rng->avail = 4;
}

/*
 * Computes the next block of each of n generators ahead of their draws
 * (those whose buffer is spent; the others are left as they are), two at a
 * time: the blocks their next draws would compute one by one, waiting on
 * each block's rounds.  A row's generators, seeked to it, are filled so at
 * the start of the row.  The draws are the same.
 */
void
sd_rng_fill(SdRng *const *rngs, int n)
{
	SdRng	   *pending = NULL;
	int			i;

	for (i = 0; i < n; i++)
	{
		SdRng	   *r = rngs[i];

		if (r->avail > 0)
			continue;
		if (pending == NULL)
		{
			pending = r;
			continue;
		}
		{
			uint32		ca[4],
						cb[4];

			rng_counter(pending, ca);
			rng_counter(r, cb);
			sd_philox4x32_10_pair(ca, pending->key, pending->buf, cb, r->key, r->buf);
		}
		pending->block++;
		pending->avail = 4;
		r->block++;
		r->avail = 4;
		pending = NULL;
	}
	if (pending != NULL)
		sd_rng_refill(pending);
}

/*
 * n uniforms, the values n calls of sd_rng_uniform give.  Whole blocks are
 * computed two at a time with their rounds interleaved, so that the two
 * independent chains of multiplications overlap in the processor.
 */
void
sd_rng_uniform_array(SdRng *rng, double *out, int n)
{
	int			i = 0;

	while (i < n)
	{
		if (rng->avail < 2 && n - i >= 4)
		{
			/* the next two blocks, as two refills would compute them */
			uint64		b0 = rng->block,
						b1 = rng->block + 1;
			uint32		a0 = (uint32) rng->row,
						a1 = (uint32) (rng->row >> 32),
						a2 = (uint32) b0,
						a3 = (uint32) (b0 >> 32);
			uint32		c0 = a0,
						c1 = a1,
						c2 = (uint32) b1,
						c3 = (uint32) (b1 >> 32);
			uint32		k0 = rng->key[0],
						k1 = rng->key[1];

#define PHILOX_ROUND2(k0, k1) \
	do { \
		PHILOX_ROUND(a0, a1, a2, a3, k0, k1); \
		PHILOX_ROUND(c0, c1, c2, c3, k0, k1); \
	} while (0)

			PHILOX_10_ROUNDS(PHILOX_ROUND2(k0, k1));
#undef PHILOX_ROUND2
			out[i++] = sd_u64_to_uniform(a0 | ((uint64) a1 << 32));
			out[i++] = sd_u64_to_uniform(a2 | ((uint64) a3 << 32));
			out[i++] = sd_u64_to_uniform(c0 | ((uint64) c1 << 32));
			out[i++] = sd_u64_to_uniform(c2 | ((uint64) c3 << 32));
			rng->block += 2;
			rng->avail = 0;
		}
		else
			out[i++] = sd_rng_uniform(rng);
	}
}

/*
 * Unbiased integer in [0, range) for range >= 1, by Lemire's nearly
 * divisionless method ("Fast Random Integer Generation in an Interval",
 * ACM TOMACS 29(1), 2019), on 64-bit words with a 128-bit product.
 */
static inline void
mul64x64(uint64 a, uint64 b, uint64 *hi, uint64 *lo)
{
#ifdef HAVE_INT128
	uint128		m = (uint128) a * b;

	*hi = (uint64) (m >> 64);
	*lo = (uint64) m;
#else
	uint64		a_lo = (uint32) a,
				a_hi = a >> 32,
				b_lo = (uint32) b,
				b_hi = b >> 32;
	uint64		p0 = a_lo * b_lo,
				p1 = a_lo * b_hi,
				p2 = a_hi * b_lo,
				p3 = a_hi * b_hi;
	uint64		mid = (p0 >> 32) + (uint32) p1 + (uint32) p2;

	*lo = (mid << 32) | (uint32) p0;
	*hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
#endif
}

uint64
sd_rng_below(SdRng *rng, uint64 range)
{
	uint64		hi,
				lo;

	Assert(range > 0);
	mul64x64(sd_rng_u64(rng), range, &hi, &lo);
	if (lo < range)
	{
		uint64		t = (-range) % range;

		while (lo < t)
			mul64x64(sd_rng_u64(rng), range, &hi, &lo);
	}
	return hi;
}
