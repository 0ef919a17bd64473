/*-------------------------------------------------------------------------
 *
 * rng.h
 *		Counter-based random number generator (Philox4x32-10).
 *
 * Every value synthdata generates is a pure function of
 * (seed, stream, row index, draw number).  See rng.c.
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

extern uint64 sd_mix64(uint64 x);
extern uint64 sd_stream_id(const char *name);
extern uint64 sd_stream_child(uint64 stream, uint64 sub);

extern void sd_rng_init(SdRng *rng, uint64 seed, uint64 stream);
extern void sd_rng_seek(SdRng *rng, uint64 row);
extern uint32 sd_rng_u32(SdRng *rng);
extern uint64 sd_rng_u64(SdRng *rng);
extern double sd_rng_uniform(SdRng *rng);
extern uint64 sd_rng_below(SdRng *rng, uint64 range);

#endif							/* SYNTHDATA_RNG_H */
