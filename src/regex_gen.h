/*-------------------------------------------------------------------------
 *
 * regex_gen.h
 *		Strings that match a regular expression (a subset of PostgreSQL's
 *		syntax; see regex_gen.c), for CHECK constraints that use ~ or LIKE.
 *
 * Usage
 *	SdRegex *re = sd_regex_compile("^[A-Z]{2}[0-9]{6}$");	-- NULL: unsupported
 *	sd_regex_generate(re, rng, &buf);
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/regex_gen.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_REGEX_GEN_H
#define SYNTHDATA_REGEX_GEN_H

#include "lib/stringinfo.h"

#include "rng.h"

typedef struct SdRegex SdRegex;

/* compile a pattern; NULL when it uses anything outside the subset */
extern SdRegex *sd_regex_compile(const char *pattern);

/* append one matching string, drawn with rng */
extern void sd_regex_generate(const SdRegex *re, SdRng *rng, StringInfo out);

/* the anchored regular expression of a LIKE pattern (escape '\') */
extern char *sd_like_to_regex(const char *like);

/* the pattern() form of a fixed-length regex of [A-Z] [a-z] [0-9] and literals, or NULL */
extern char *sd_regex_to_pattern(const SdRegex *re);

#endif							/* SYNTHDATA_REGEX_GEN_H */
