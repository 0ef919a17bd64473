/*-------------------------------------------------------------------------
 *
 * keygen.h
 *		The one key regenerator: keyed permutations and the shapes of a
 *		fresh key (integer, uuid, text).
 *
 * Fresh keys are unique by construction: a key is a function of a
 * position, and a keyed permutation maps distinct positions to distinct
 * values.  Row generation (generate_unique.c), cloning (sampler.c,
 * roles_sample.c, roles_unique.c) and augmentation (augment.c) all draw
 * their keys here: integers, uuids (sd_key_uuid) and fakes made unique
 * (sd_key_fake_unique) are the same shapes in all three.  See keygen.c.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/keygen.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_KEYGEN_H
#define SYNTHDATA_KEYGEN_H

#include "lib/stringinfo.h"

#include "rng.h"

/*
 * A keyed permutation of [0, domain): a balanced Feistel network on the
 * smallest even number of bits that holds the domain, cycle-walking back
 * into it.  Unique keys of fills, the child slots of a clone's foreign
 * keys, unique personal columns.
 */
typedef struct FeistelPerm
{
	uint64		domain;			/* permutes [0, domain) */
	int			halfbits;
	uint32		keys[4];
} FeistelPerm;

extern void sd_perm_init(FeistelPerm *p, uint64 domain, uint64 seed, uint64 stream);
extern uint64 sd_perm_apply(const FeistelPerm *p, uint64 x);
extern void sd_perm_apply_pair(const FeistelPerm *p, uint64 x0, uint64 x1,
							   uint64 *y0, uint64 *y1);

/*
 * A keyed bijection of 62-bit integers (xor with the key, then odd
 * multipliers and xor-shifts), for keys drawn from the whole range: the
 * low 62 bits of a fresh uuid.
 */
#define SD_PERM62_MASK ((UINT64CONST(1) << 62) - 1)

static inline uint64
sd_perm62(uint64 x, uint64 key)
{
	const uint64 mask = SD_PERM62_MASK;

	x = (x ^ key) & mask;
	x = (x * UINT64CONST(0x9E3779B97F4A7C15)) & mask;
	x ^= x >> 31;
	x = (x * UINT64CONST(0xBF58476D1CE4E5B9)) & mask;
	x ^= x >> 29;
	x = (x * UINT64CONST(0x94D049BB133111EB)) & mask;
	x ^= x >> 32;
	return x;
}

/*
 * Integer shape: base + position, as a double (keys of every integer type
 * fit its 53 bits in practice); false when the key would pass limit.
 */
static inline bool
sd_key_integer(double base, uint64 pos, double limit, double *out)
{
	*out = base + (double) pos;
	return *out <= limit;
}

/* the largest value of a 2-, 4- or 8-byte integer key, as a double */
static inline double
sd_key_integer_limit(int bytes)
{
	return bytes == 2 ? PG_INT16_MAX : bytes == 4 ? PG_INT32_MAX :
		9223372036854774784.0;	/* the largest double below 2^63 */
}

/* uuid shape: 128 bits, big-endian, stamped version 4, variant 10 */
extern void sd_key_uuid_layout(uint64 hi, uint64 lo, uint8 out[16]);

/* the fresh uuid of a position: low bits sd_perm62(pos), high bits a hash */
extern void sd_key_uuid(uint64 key, uint64 pos, uint8 out[16]);

/*
 * The permutation key of one column's keys: a function of the seed and
 * the column's stream only, so each column has its own keys.
 */
static inline uint64
sd_key_derive(uint64 seed, uint64 stream)
{
	return sd_mix64(seed ^ sd_mix64(stream));
}

/*
 * Text shape of a fake (email, username, any value without a number of its
 * own): the local part's trailing digits replaced by the position + 1,
 * the part before the number clipped to keep the value within maxchars
 * characters (-1: no limit); false when even the number does not fit
 * (see keygen.c).
 */
extern bool sd_key_fake_unique(StringInfo out, int start, int64 pos, int maxchars);

/*
 * Digit shape of a fake that has digits of its own (a phone number, an
 * id): its last width digits replaced by the position, zero-padded; false
 * when the value has fewer digits.
 */
extern bool sd_key_digits(StringInfo out, uint64 pos, int width);

/* Code shape of a plain text key: a prefix and the position in width digits */
static inline void
sd_key_code(StringInfo out, const char *prefix, int width, uint64 pos)
{
	appendStringInfo(out, "%s%0*" INT64_MODIFIER "u", prefix, width, pos);
}

/*
 * A regenerator of one key column whose table already holds keys: each
 * existing key that is one of the generator's own (it sits at a position)
 * takes that position, and row r gets the r-th free position, so the new
 * keys never meet the existing ones and row r's key depends only on
 * (seed, stream, r) and the table.  Integer keys count on from the
 * largest existing one instead.
 */
typedef enum SdKeyShape
{
	SD_KEY_INTEGER,				/* base + row */
	SD_KEY_UUID,				/* sd_key_uuid */
	SD_KEY_TEXT,				/* sd_key_uuid's 32 hex digits */
	SD_KEY_FAKE					/* a fake of the position, made unique by it */
} SdKeyShape;

typedef struct SdKeyGen
{
	SdKeyShape	shape;
	uint64		seed;
	uint64		stream;
	uint64		key;			/* the permutation's key */
	int			fake;			/* SD_KEY_FAKE: its SdFakeKind */
	double		base;			/* integer: the first new key */
	double		limit;			/* integer: the type's largest value */
	bool		any;			/* integer: an existing key was seen */
	uint64	   *taken;			/* positions existing keys hold, ascending */
	int			ntaken;
	int			captaken;
} SdKeyGen;

extern void sd_keygen_init(SdKeyGen *kg, SdKeyShape shape, uint64 seed,
						   uint64 stream);
extern void sd_keygen_take_integer(SdKeyGen *kg, double v);
extern void sd_keygen_take_uuid(SdKeyGen *kg, const uint8 u[16]);
extern void sd_keygen_take_text(SdKeyGen *kg, const char *s, int len);
extern void sd_keygen_seal(SdKeyGen *kg);
extern uint64 sd_keygen_position(const SdKeyGen *kg, uint64 row);
extern void sd_keygen_text(const SdKeyGen *kg, uint64 pos, StringInfo out);

#endif							/* SYNTHDATA_KEYGEN_H */
