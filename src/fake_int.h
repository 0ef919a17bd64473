/*-------------------------------------------------------------------------
 *
 * fake_int.h
 *		Private to the fake-value engine (fake.c, fake_text.c,
 *		fake_pattern.c): the draws every generator makes.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * IDENTIFICATION
 *		src/fake_int.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_FAKE_INT_H
#define SYNTHDATA_FAKE_INT_H

#include "fake.h"
#include "fake_dict.h"

/*
 * Unbiased integer in [0, n) from one 32-bit word (rarely more): Lemire's
 * nearly divisionless method ("Fast Random Integer Generation in an
 * Interval", ACM TOMACS 29(1), 2019) on 32-bit words.  Every range the
 * engine draws from is far below 2^32, and a word is half the generator
 * output of sd_rng_below's 64-bit draw.
 */
static inline uint32
below32(SdRng *rng, uint32 n)
{
	uint64		m = (uint64) sd_rng_u32(rng) * n;
	uint32		l = (uint32) m;

	Assert(n > 0);
	if (l < n)
	{
		uint32		t = (0 - n) % n;

		while (l < t)
		{
			m = (uint64) sd_rng_u32(rng) * n;
			l = (uint32) m;
		}
	}
	return (uint32) (m >> 32);
}

/* uniform in (0, 1) with 32 random bits: plenty for jitter */
static inline double
uniform32(SdRng *rng)
{
	return ((double) sd_rng_u32(rng) + 0.5) * (1.0 / 4294967296.0);
}

static inline const char *
pick(SdRng *rng, const SdFakeList *list)
{
	return list->items[below32(rng, (uint32) list->n)];
}

static inline int
between(SdRng *rng, int lo, int hi)
{
	return lo + (int) below32(rng, (uint32) (hi - lo + 1));
}

/*
 * Append the words of a list, separated by sep, drawn in order.  (Never
 * draw inside a function call's argument list: C leaves the order of
 * argument evaluation unspecified, and the values must not depend on the
 * compiler.)
 */
static inline void
append_pick(StringInfo out, SdRng *rng, const char *sep,
			const SdFakeList *list)
{
	if (sep)
		appendStringInfoString(out, sep);
	appendStringInfoString(out, pick(rng, list));
}

static inline char
rand_upper(SdRng *rng)
{
	return 'A' + (char) below32(rng, 26);
}

static inline char
rand_digit(SdRng *rng)
{
	return '0' + (char) below32(rng, 10);
}

/* number of characters in a UTF-8 string */
static inline int
utf8_chars(const char *s, int len)
{
	int			n = 0;
	int			i;

	for (i = 0; i < len; i++)
		if ((((unsigned char) s[i]) & 0xC0) != 0x80)
			n++;
	return n;
}

/* fake_text.c: a sentence, a paragraph of at most room characters */
extern void sd_fake_sentence(int locale, SdRng *rng, int room, StringInfo out);
extern void sd_fake_paragraph(int locale, SdRng *rng, int room, StringInfo out);

#endif							/* SYNTHDATA_FAKE_INT_H */
