/*-------------------------------------------------------------------------
 *
 * fake_pattern.c
 *		Patterns of fake strings (sd_fake_pattern) and the pattern of a
 *		value's shape (sd_fake_pattern_of_value).
 *
 * PostgreSQL-free apart from palloc and StringInfo, like fake.c.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fake_pattern.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "lib/stringinfo.h"
#include "miscadmin.h"

#include "fake_int.h"

/* ---------------------------------------------------------------------
 * Patterns
 * ---------------------------------------------------------------------
 */

static inline bool
pattern_special(char c)
{
	return strchr("Aa9#?Xx*Hh", c) != NULL && c != '\0';
}

const char *
sd_fake_pattern_check(const char *pattern)
{
	const char *p;

	for (p = pattern; *p; p++)
	{
		if (*p == '\\')
		{
			if (p[1] == '\0')
				return "The pattern ends with an unescaped backslash.";
			p++;
		}
	}
	return NULL;
}

void
sd_fake_pattern(const char *pattern, SdRng *rng, StringInfo out)
{
	static const char alnum_upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static const char alnum_lower[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	static const char alnum_any[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static const char hex[] = "0123456789ABCDEF0123456789abcdef";
	const char *p;

	for (p = pattern; *p; p++)
	{
		char		c = *p;

		if (c == '\\')
		{
			p++;
			Assert(*p);
			/* copy the escaped character whole, even if multibyte */
			appendStringInfoChar(out, *p);
			while ((((unsigned char) p[1]) & 0xC0) == 0x80)
				appendStringInfoChar(out, *++p);
			continue;
		}
		if (!pattern_special(c))
		{
			appendStringInfoChar(out, c);
			continue;
		}
		switch (c)
		{
			case 'A':
				appendStringInfoChar(out, rand_upper(rng));
				break;
			case 'a':
				appendStringInfoChar(out, 'a' + (char) below32(rng, 26));
				break;
			case '9':
				appendStringInfoChar(out, rand_digit(rng));
				break;
			case '#':
				appendStringInfoChar(out, '1' + (char) below32(rng, 9));
				break;
			case '?':
				appendStringInfoChar(out, alnum_any[below32(rng, 52)]);
				break;
			case 'X':
				appendStringInfoChar(out, alnum_upper[below32(rng, 36)]);
				break;
			case 'x':
				appendStringInfoChar(out, alnum_lower[below32(rng, 36)]);
				break;
			case '*':
				appendStringInfoChar(out, alnum_any[below32(rng, 62)]);
				break;
			case 'H':
				appendStringInfoChar(out, hex[below32(rng, 16)]);
				break;
			case 'h':
				appendStringInfoChar(out, hex[16 + below32(rng, 16)]);
				break;
		}
	}
}

void
sd_fake_pattern_of_value(const char *value, StringInfo out)
{
	const char *p;

	for (p = value; *p; p++)
	{
		char		c = *p;

		if (c >= 'A' && c <= 'Z')
			appendStringInfoChar(out, 'A');
		else if (c >= 'a' && c <= 'z')
			appendStringInfoChar(out, 'a');
		else if (c >= '0' && c <= '9')
			appendStringInfoChar(out, '9');
		else if (c == '#' || c == '?' || c == '*' || c == '\\')
		{
			appendStringInfoChar(out, '\\');
			appendStringInfoChar(out, c);
		}
		else if ((unsigned char) c == 0xC3 &&
				 ((unsigned char) p[1] & 0xC0) == 0x80 &&
				 (unsigned char) p[1] != 0x97 && (unsigned char) p[1] != 0xB7)
		{
			/* Latin-1 letters: U+00C0-U+00DE upper, U+00DF-U+00FF lower */
			appendStringInfoChar(out, (unsigned char) p[1] < 0x9F ? 'A' : 'a');
			p++;
		}
		else
			appendStringInfoChar(out, c);
	}
}
