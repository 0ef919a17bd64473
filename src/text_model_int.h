/*-------------------------------------------------------------------------
 *
 * text_model_int.h
 *		What the files of the text model share (text_model.c, text_tokens.c,
 *		text_model_json.c, text_model_sample.c): the token and window hashes,
 *		a token's parts and the placeholders of text_tokens.c.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/text_model_int.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_TEXT_MODEL_INT_H
#define SYNTHDATA_TEXT_MODEL_INT_H

#include "text_model.h"

#define TOKEN_SALT UINT64CONST(0x7465787430303031)
#define WINDOW_SEED UINT64CONST(0x5eed74657874364d)

static inline uint64
token_hash(const char *s, int len)
{
	return sd_hash_bytes(s, len, TOKEN_SALT);
}

/* the hash of a sequence of TEXT_WINDOW token hashes */
static inline uint32
window_hash(const uint64 *h)
{
	uint64		x = WINDOW_SEED;
	int			i;

	for (i = 0; i < TEXT_WINDOW; i++)
		x = sd_mix64(x ^ h[i]) + i;
	return (uint32) (x >> 32);
}

static inline int
cmp_uint32(const void *a, const void *b)
{
	uint32		x = *(const uint32 *) a,
				y = *(const uint32 *) b;

	return x < y ? -1 : x > y;
}

/* a year of a date in the texts, and the rows of the text it is in */
typedef struct TextYear
{
	int			year;
	int64		rows;
} TextYear;

/* a raw token of a text */
typedef struct RawToken
{
	const char *s;
	int			len;
} RawToken;

/* text_tokens.c */
extern void text_token_core(const char *t, int len, int *from, int *to);
extern char *text_coarse_code(const char *tok);
extern bool text_is_date(const char *s, int len);
extern int text_date_year(const char *s, int len);
extern bool text_year_span(TextYear *years, int n, int k, int *lo, int *hi);
extern bool text_is_title(const char *t, int len);
extern char *text_core_placeholder(const char *core, int len, bool after_title);
extern bool text_is_split_phone(const char *a, int alen, const char *b, int blen);
extern int text_split_tokens(const char *text, RawToken **out);
extern uint64 text_core_hash(const RawToken *t);

#endif							/* SYNTHDATA_TEXT_MODEL_INT_H */
