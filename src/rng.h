/*-------------------------------------------------------------------------
 *
 * rng.h
 *		Counter-based random number generator (Philox4x32-10).
 *
 * Every value synthdata generates is a pure function of
 * (seed, stream, row index, draw number).  See rng.c.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/rng.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_RNG_H
#define SYNTHDATA_RNG_H

/*
 * Generator state for one row of one stream.  "block" counts the 128-bit
 * Philox blocks already consumed within the row; "avail" the unused 32-bit
 * words left in "buf".  A draw never depends on anything but the key, the
 * row and how many words were drawn before it in the same row.
 */
typedef struct SdRng
{
	uint32		key[2];			/* derived from (seed, stream) */
	uint64		row;			/* row index: counter words 0-1 */
	uint64		block;			/* block within row: counter words 2-3 */
	uint32		buf[4];
	int			avail;
} SdRng;

extern void sd_philox4x32_10(const uint32 ctr[4], const uint32 key[2],
							 uint32 out[4]);
extern void sd_philox4x32_10_pair(const uint32 ctr_a[4], const uint32 key_a[2],
								  uint32 out_a[4], const uint32 ctr_b[4],
								  const uint32 key_b[2], uint32 out_b[4]);

/*
 * SplitMix64 finaliser (Steele, Lea and Flood, "Fast Splittable
 * Pseudorandom Number Generators", OOPSLA 2014): a bijective 64-bit mixer,
 * used to derive keys and stream identifiers and to end every hash of a
 * value (inline: the fit hashes each value it reads), never to draw values.
 */
static inline uint64
sd_mix64(uint64 x)
{
	x += UINT64CONST(0x9E3779B97F4A7C15);
	x = (x ^ (x >> 30)) * UINT64CONST(0xBF58476D1CE4E5B9);
	x = (x ^ (x >> 27)) * UINT64CONST(0x94D049BB133111EB);
	return x ^ (x >> 31);
}

extern uint64 sd_stream_id(const char *name);
extern uint64 sd_stream_child(uint64 stream, uint64 sub);

extern void sd_rng_init(SdRng *rng, uint64 seed, uint64 stream);
extern void sd_rng_seek(SdRng *rng, uint64 row);
extern void sd_rng_refill(SdRng *rng);
extern void sd_rng_fill(SdRng *const *rngs, int n);
extern uint64 sd_rng_below(SdRng *rng, uint64 range);
extern void sd_rng_uniform_array(SdRng *rng, double *out, int n);

/* Next 32-bit word of the row. */
static inline uint32
sd_rng_u32(SdRng *rng)
{
	if (rng->avail == 0)
		sd_rng_refill(rng);
	return rng->buf[4 - rng->avail--];
}

/* Next 64-bit word of the row (word pairs stay aligned, for speed). */
static inline uint64
sd_rng_u64(SdRng *rng)
{
	uint64		lo;

	if (rng->avail < 2)
		sd_rng_refill(rng);
	lo = rng->buf[4 - rng->avail];
	rng->avail -= 2;
	return lo | ((uint64) rng->buf[4 - rng->avail - 1] << 32);
}

/*
 * Uniform double in the open interval (0,1) with 53 random bits: the
 * midpoints of the 2^53 equal cells, so neither 0 nor 1 can occur and
 * log(u), 1/u are always finite.
 */
static inline double
sd_u64_to_uniform(uint64 x)
{
	return ((double) (x >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

static inline double
sd_rng_uniform(SdRng *rng)
{
	return sd_u64_to_uniform(sd_rng_u64(rng));
}

#endif							/* SYNTHDATA_RNG_H */
