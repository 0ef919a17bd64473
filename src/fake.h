/*-------------------------------------------------------------------------
 *
 * fake.h
 *		Fake-value engine: realistic names, emails, addresses, identifiers
 *		and text, shared by the fake SQL functions, rule-constrained row
 *		generation and fitted cloning.
 *
 * The engine is PostgreSQL-free apart from palloc and StringInfo: it knows
 * nothing of Datums or the executor.  Every value is a pure function of
 * (seed, row, the caller's generator state); nothing is kept between calls.
 *
 * Entities.  Values of one row that describe the same thing agree:
 *	- the "person" of (seed, row) -- first name, last name, full name,
 *	  gender, email, username, birth date and age -- is drawn from the
 *	  dedicated stream sd_stream_id("synthdata person") at counter row
 *	  "row", so an email column of row 5 is built from the name in the name
 *	  column of row 5, whichever columns exist and in whatever order they
 *	  are generated;
 *	- the "place" of (seed, row) -- city, state, state abbreviation,
 *	  postal code, latitude, longitude, and the German plate's district --
 *	  comes likewise from sd_stream_id("synthdata place").
 *	Everything else a value needs (the email domain, digits in a username,
 *	the house number, an IBAN's account number...) is drawn from the
 *	caller's rng, i.e. the column's own stream positioned at the row.
 *
 * Using it for a table's columns: give every column of a row the same
 * seed and row index (e.g. the call's seed, or the seed mixed with the
 * table's name so that two tables do not share people) and its own rng
 * (sd_rng_init(&rng, seed, sd_stream_child(table_stream, column)) then
 * sd_rng_seek(&rng, row)).  Then an "email" column follows the "name"
 * column of the same row, whatever the column order.
 *
 * Value types (sd_fake_kind_type): most kinds are text.  LATITUDE,
 * LONGITUDE and AGE are numbers and BIRTH_DATE is a date: for those
 * sd_fake_number() returns the value (degrees, whole years, days since
 * 2000-01-01 = PostgreSQL's date epoch), and sd_fake_generate() writes
 * its text form ("52.5163", "34", "1990-07-14").  Ages and birth dates
 * are as of the fixed reference date SD_FAKE_REFERENCE_DATE, so that
 * output does not change with the calendar.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fake.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_FAKE_H
#define SYNTHDATA_FAKE_H

#include "lib/stringinfo.h"

#include "rng.h"

typedef enum SdFakeKind
{
	SD_FAKE_NONE = 0,
	/* the person of (seed, row) */
	SD_FAKE_FIRST_NAME,
	SD_FAKE_LAST_NAME,
	SD_FAKE_FULL_NAME,
	SD_FAKE_GENDER,				/* "female" / "male", agrees with the name */
	SD_FAKE_EMAIL,				/* built from the name; example.* domains */
	SD_FAKE_USERNAME,			/* built from the name */
	/* contact */
	SD_FAKE_PHONE,				/* fictional ranges: NANP 555-01xx etc. */
	/* the place of (seed, row) */
	SD_FAKE_STREET_ADDRESS,		/* house number + street (column's stream) */
	SD_FAKE_ADDRESS_LINE2,		/* "Apt 4B", "Suite 210" */
	SD_FAKE_CITY,
	SD_FAKE_STATE,				/* state / region / Bundesland */
	SD_FAKE_STATE_ABBR,
	SD_FAKE_POSTAL_CODE,
	SD_FAKE_COUNTRY,			/* any country, in the locale's language */
	SD_FAKE_COUNTRY_CODE,		/* ISO 3166-1 alpha-2 */
	/* business */
	SD_FAKE_COMPANY,
	SD_FAKE_JOB_TITLE,
	/* internet */
	SD_FAKE_URL,				/* https://www.<name>.example.com/ */
	SD_FAKE_DOMAIN,				/* <name>.example.net */
	SD_FAKE_IPV4,				/* RFC 5737 documentation ranges */
	SD_FAKE_IPV6,				/* RFC 3849 2001:db8::/32 */
	SD_FAKE_MAC,				/* locally administered unicast */
	SD_FAKE_UUID,				/* version 4 layout, from the rng */
	/* text */
	SD_FAKE_WORD,
	SD_FAKE_SENTENCE,
	SD_FAKE_PARAGRAPH,
	/* identifiers */
	SD_FAKE_SSN,				/* national id shaped, never issued */
	SD_FAKE_IBAN,				/* valid ISO 13616 check digits */
	SD_FAKE_CREDIT_CARD,		/* Luhn-valid */
	SD_FAKE_LICENSE_PLATE,
	/* numbers and dates (see sd_fake_number) */
	SD_FAKE_LATITUDE,
	SD_FAKE_LONGITUDE,
	SD_FAKE_AGE,
	SD_FAKE_BIRTH_DATE,
	/* labels and titles (fake_intl.c) */
	SD_FAKE_LABEL,				/* a short label: "Horror", "Classic" */
	SD_FAKE_TITLE,				/* a work's title: "The Silent Harbor" */
	SD_FAKE_COURTESY,			/* Mr, Ms, Dr... in the locale */
	SD_FAKE_NKINDS				/* number of kinds, not a kind */
} SdFakeKind;

/* what a kind's value is, for callers that fill typed columns */
typedef enum SdFakeValueType
{
	SD_FAKE_TYPE_TEXT,
	SD_FAKE_TYPE_NUMBER,		/* LATITUDE, LONGITUDE (degrees), AGE (years) */
	SD_FAKE_TYPE_DATE			/* BIRTH_DATE: days since 2000-01-01 */
} SdFakeValueType;

/* locales: index into the engine's dictionaries; -1 = unknown */
#define SD_FAKE_LOCALE_EN	0	/* English, United States (the default) */
#define SD_FAKE_LOCALE_DE	1	/* German, Germany */
#define SD_FAKE_LOCALE_FR	2	/* French, France */
#define SD_FAKE_LOCALE_ES	3	/* Spanish, Spain */
#define SD_FAKE_LOCALE_IT	4	/* Italian, Italy */
#define SD_FAKE_LOCALE_NL	5	/* Dutch, Netherlands */
#define SD_FAKE_LOCALE_PT_BR 6	/* Portuguese, Brazil */
#define SD_FAKE_LOCALE_JA	7	/* Japanese, Japan */
#define SD_FAKE_NLOCALES	8

/* ages and birth dates are as of this day (year, month, day) */
#define SD_FAKE_REFERENCE_YEAR	2025
#define SD_FAKE_REFERENCE_DATE	"2025-01-01"

/* ---- kinds ---- */

/*
 * Kind by the name users write in rules ("email", "first_name",
 * "full_name" or "name", "zip", ...); case-insensitive; SD_FAKE_NONE if
 * unknown.
 */
extern SdFakeKind sd_fake_kind_lookup(const char *name);
/* canonical name ("full_name"), description, value type */
extern const char *sd_fake_kind_name(SdFakeKind kind);
extern const char *sd_fake_kind_description(SdFakeKind kind);
extern SdFakeValueType sd_fake_kind_type(SdFakeKind kind);

/*
 * Kind inferred from a column name ("billing_city", "customerEmail",
 * "date_of_birth"); SD_FAKE_NONE when nothing fits.  Names are split on
 * non-alphanumerics and camelCase.  The caller checks that the kind's
 * value type fits the column's type (e.g. "position" maps to JOB_TITLE,
 * which is wrong for an integer column).
 */
extern SdFakeKind sd_fake_kind_from_column(const char *colname);

/*
 * As sd_fake_kind_from_column, read with the name of the column's table
 * (may be NULL): "name" of a table of people is a full name, of "genre"
 * or "category" a short label; "title" of "film" or "album" a title, of
 * "employee" a job title.
 */
extern SdFakeKind sd_fake_kind_from_column_in(const char *relname,
											  const char *colname);

/*
 * Kind of a value recognised by its pattern (email, url, ipv4/6, mac,
 * uuid, phone, ssn, iban and credit card with their check digits, US ZIP+4)
 * or, for names and cities, by the engine's dictionaries of every locale
 * (FIRST_NAME, LAST_NAME, FULL_NAME, CITY).  SD_FAKE_NONE if none.
 * Pattern matches are certain; dictionary matches mean "looks like".
 */
extern SdFakeKind sd_fake_kind_from_value(const char *value);

/*
 * Personal data: kinds whose values identify or describe one person or
 * their contact (names, email, phone, street address, account and card
 * numbers, network addresses, plates, birth dates), as opposed to kinds
 * that many people share (gender, city, state, country, postal code,
 * company, job title) and free text.  A value of a personal kind is never
 * copied into synthetic data, however many rows hold it.
 */
extern bool sd_fake_kind_is_personal(SdFakeKind kind);

/* whether value could be of the kind at all ("yes" is no phone number) */
extern bool sd_fake_value_fits_kind(SdFakeKind kind, const char *value);

/*
 * Whether a value of len bytes ends in a reserved example domain
 * (example.com, example.net or example.org, after '@' or '.', or alone):
 * every fake email and domain is one (see fake.c).
 */
extern bool sd_fake_at_example_domain(const char *value, int len);

/*
 * The personal kind of a text column judged by its name and its values
 * (n values with their counts, or counts NULL for one each), or
 * SD_FAKE_NONE: see fake_infer.c.
 */
extern SdFakeKind sd_fake_personal_kind(const char *colname,
										const char *const *values,
										const int64 *counts, int n);

/* a column named like an identifier (id, mrn, *_id, *number*, *code*...) */
extern bool sd_fake_name_is_identifier(const char *name);
extern bool sd_fake_name_is_secret(const char *name);

/* ---- locales ---- */

/* "en", "en_US", "en-us", "de", "de_DE", ...; -1 if unknown */
extern int	sd_fake_locale_lookup(const char *name);

/* the locale of the synthdata.locale setting (module.c) */
extern int	sd_fake_default_locale(void);

/* the locale's own country: its name in its language and its ISO code */
extern const char *sd_fake_locale_country(int locale);
extern const char *sd_fake_locale_country_code(int locale);

/* ---- locale-specific shapes (fake_intl.c); false: use the default ---- */
extern bool sd_fake_intl_phone(int locale, SdRng *rng, StringInfo out);
extern bool sd_fake_intl_street(int locale, SdRng *rng, StringInfo out);
extern bool sd_fake_intl_line2(int locale, SdRng *rng, StringInfo out);
extern bool sd_fake_intl_postal(int locale, const char *postal3, int tail,
								SdRng *rng, StringInfo out);
extern bool sd_fake_intl_full_name(int locale, const char *first,
								   const char *last, StringInfo out);
/* Latin spelling of a name written in another script, or NULL */
extern const char *sd_fake_romaji(const char *name);
/* LABEL, TITLE and COURTESY values */
extern void sd_fake_intl_generate(SdFakeKind kind, int locale, bool female,
								  SdRng *rng, StringInfo out);

/* ---- values ---- */

/*
 * Append the value of kind for (seed, row) to out.  rng is the column's
 * generator positioned at row (sd_rng_seek); it supplies the randomness
 * that is not the person's or the place's.  kind must not be
 * SD_FAKE_NONE; locale must be valid.
 */
extern void sd_fake_generate(SdFakeKind kind, int locale, uint64 seed,
							 uint64 row, SdRng *rng, StringInfo out);
extern void sd_fake_generate_in_city(SdFakeKind kind, int locale, int city,
									 uint64 seed, uint64 row, SdRng *rng,
									 StringInfo out);
extern int	sd_fake_city_index(int locale, const char *name);

/* a kind of the row's place: city, state, its code, postal code, street */
static inline bool
sd_fake_is_place_kind(SdFakeKind k)
{
	return k == SD_FAKE_CITY || k == SD_FAKE_STATE || k == SD_FAKE_STATE_ABBR ||
		k == SD_FAKE_POSTAL_CODE || k == SD_FAKE_STREET_ADDRESS;
}

/*
 * As sd_fake_generate, but the value has at most maxchars characters
 * (maxchars < 0: no limit).  Sentences and paragraphs are generated to
 * fit (whole words, ending with a period where room allows); other kinds
 * are cut at a character boundary.
 */
extern void sd_fake_generate_max(SdFakeKind kind, int locale, uint64 seed,
								 uint64 row, SdRng *rng, int maxchars,
								 StringInfo out);

/*
 * The value of a NUMBER or DATE kind for (seed, row): degrees (LATITUDE,
 * LONGITUDE), whole years (AGE), days since 2000-01-01 (BIRTH_DATE).
 */
extern double sd_fake_number(SdFakeKind kind, int locale, uint64 seed,
							 uint64 row, SdRng *rng);

/*
 * Text of whole sentences in the locale's language, between minchars and
 * maxchars characters long (0 <= minchars <= maxchars; maxchars >= 1).
 * When the range is too narrow for whole sentences, single words and, at
 * worst, letters make up the minimum.
 */
extern void sd_fake_text(int locale, int minchars, int maxchars, SdRng *rng,
						 StringInfo out);

/* check digits of the identifier kinds (fake.c) */
extern int	sd_fake_iban_check(const char *country, const char *bban);
extern int	sd_fake_luhn_digit(const char *digits);
extern char sd_fake_de_taxid_check(const char *first10);

/* cut s to at most maxchars characters, at a UTF-8 character boundary */
extern void sd_fake_truncate(StringInfo s, int maxchars);

/* ---- patterns ---- */

/*
 * Pattern syntax: each character of the pattern produces one character:
 *	A	uppercase letter A-Z			a	lowercase letter a-z
 *	9	digit 0-9						#	digit 1-9
 *	?	letter, either case				X	uppercase letter or digit
 *	x	lowercase letter or digit		*	letter (either case) or digit
 *	H	hex digit 0-9A-F				h	hex digit 0-9a-f
 *	\c	the character c literally (e.g. \A, \9, \\)
 * Any other character is copied literally.
 *
 * sd_fake_pattern_check returns NULL if the pattern is valid, else a
 * message (a static string) saying what is wrong.  sd_fake_pattern
 * appends one value; the pattern must be valid.
 */
extern const char *sd_fake_pattern_check(const char *pattern);
extern void sd_fake_pattern(const char *pattern, SdRng *rng, StringInfo out);

/*
 * The pattern of a value's shape, for modelling free text as a format:
 * upper-case letters (ASCII and Latin-1, UTF-8 encoded) become A,
 * lower-case a, digits 9; characters the pattern syntax reserves
 * (# ? * \) are escaped; everything else (spaces, punctuation, other
 * scripts) is kept.  "AB-12 x" -> "AA-99 a", "Größe" -> "Aaaaa".
 * Appends to out; the result is a valid pattern.
 */
extern void sd_fake_pattern_of_value(const char *value, StringInfo out);

/*
 * appendBinaryStringInfo for the few bytes of a value's part (a name, a
 * token, a digit): inline, room made only when short of it.
 */
static inline void
sd_append_bytes(StringInfo out, const char *data, int len)
{
	if (out->len + len >= out->maxlen)
		enlargeStringInfo(out, len);
	memcpy(out->data + out->len, data, len);
	out->len += len;
	out->data[out->len] = '\0';
}

/* a string constant: its length known when compiled */
#define sd_append_literal(out, lit) sd_append_bytes((out), "" lit, (int) sizeof(lit) - 1)

#endif							/* SYNTHDATA_FAKE_H */
