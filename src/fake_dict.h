/*-------------------------------------------------------------------------
 *
 * fake_dict.h
 *		Dictionaries of the fake-value engine, one set per locale.
 *
 * Internal to fake.c; fake_dict.c holds the data.  All strings are UTF-8.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fake_dict.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_FAKE_DICT_H
#define SYNTHDATA_FAKE_DICT_H

/* a state, region or Bundesland */
typedef struct SdFakeRegion
{
	const char *name;
	const char *abbr;
} SdFakeRegion;

/*
 * A city: its region (index into the locale's regions), the first three
 * digits of its postal codes, its approximate centre and, for Germany,
 * its vehicle registration district code.
 */
typedef struct SdFakeCity
{
	const char *name;
	int			region;
	const char *postal3;
	double		lat;
	double		lon;
	const char *plate;
} SdFakeCity;

typedef struct SdFakeList
{
	const char *const *items;
	int			n;
} SdFakeList;

typedef struct SdFakeDict
{
	const char *locale;			/* "en" */
	SdFakeList	female;			/* first names */
	SdFakeList	male;
	SdFakeList	last;
	const SdFakeRegion *regions;
	int			nregions;
	const SdFakeCity *cities;
	int			ncities;
	SdFakeList	streets;		/* street name stems */
	SdFakeList	street_types;	/* "St", "Ave" / "straße", "weg" */
	SdFakeList	company_stems;	/* "Blue Ridge" / "Nordlicht" */
	SdFakeList	company_trades; /* "Logistics" / "Logistik" */
	SdFakeList	company_forms;	/* "Inc" / "GmbH" */
	SdFakeList	jobs;
	SdFakeList	words;
	SdFakeList	countries;		/* parallel to sd_fake_country_codes */
	/* sentence grammar (see fake.c, "Text") */
	SdFakeList	nouns;
	const char *noun_genders;	/* de: 'm', 'f' or 'n' per noun; en: NULL */
	SdFakeList	verbs;			/* en: base form; de: third person */
	SdFakeList	adjectives;		/* en: as is; de: stem, ending added */
	SdFakeList	adverbs;		/* before the verb (en) / after it (de) */
	SdFakeList	time_adverbs;	/* at the end (en) / first (de) */
	SdFakeList	preps;			/* en: any; de: taking the accusative */
	SdFakeList	modals;			/* en only */
	SdFakeList	openers;		/* sentence openers, followed by ", " */
	SdFakeList	conjunctions;	/* joining two clauses, with punctuation */
	const char *home_country;	/* the locale's country, in its language */
	const char *home_code;		/* its ISO 3166-1 alpha-2 code */
} SdFakeDict;

extern const SdFakeDict sd_fake_dicts[];
extern const int sd_fake_ndicts;
extern const char *const sd_fake_country_codes[];
extern const int sd_fake_ncountries;

#endif							/* SYNTHDATA_FAKE_DICT_H */
