/*-------------------------------------------------------------------------
 *
 * fake.c
 *		Fake-value engine: kinds, the row's person and place, and value
 *		generation (text in fake_text.c, patterns in fake_pattern.c,
 *		inference in fake_infer.c).
 *
 * PostgreSQL-free apart from palloc and StringInfo (see fake.h for the
 * contract).  Randomness comes only from SdRng generators: the caller's
 * (the column's stream at the row) and two derived per-row entities, the
 * person and the place of (seed, row), so that the columns of one row
 * describe the same person living in the same city.
 *
 * Identifiers are shaped like real ones but drawn from ranges that are
 * reserved or never issued wherever such ranges exist: example.com/.net/
 * .org (RFC 2606), 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24
 * (RFC 5737), 2001:db8::/32 (RFC 3849), NANP 555-0100..0199, German phone
 * numbers set aside for film and television, US SSN areas 900-999 with
 * groups below 50 (neither SSNs nor ITINs), locally administered MAC
 * addresses.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fake.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "lib/stringinfo.h"
#include "miscadmin.h"

#include "fake_int.h"

/* ---------------------------------------------------------------------
 * Kinds
 * ---------------------------------------------------------------------
 */

typedef struct FakeKindInfo
{
	SdFakeKind	kind;
	const char *name;
	SdFakeValueType type;
	const char *description;
} FakeKindInfo;

/* in enum order; checked by sd_fake_kind_name */
static const FakeKindInfo kind_info[] = {
	{SD_FAKE_NONE, "none", SD_FAKE_TYPE_TEXT, "no kind"},
	{SD_FAKE_FIRST_NAME, "first_name", SD_FAKE_TYPE_TEXT,
	"given name of the row's person"},
	{SD_FAKE_LAST_NAME, "last_name", SD_FAKE_TYPE_TEXT,
	"family name of the row's person"},
	{SD_FAKE_FULL_NAME, "full_name", SD_FAKE_TYPE_TEXT,
	"first and last name of the row's person"},
	{SD_FAKE_GENDER, "gender", SD_FAKE_TYPE_TEXT,
	"female or male, agreeing with the row's first name"},
	{SD_FAKE_EMAIL, "email", SD_FAKE_TYPE_TEXT,
	"address built from the row's name at a reserved example domain"},
	{SD_FAKE_USERNAME, "username", SD_FAKE_TYPE_TEXT,
	"login name built from the row's name"},
	{SD_FAKE_PHONE, "phone", SD_FAKE_TYPE_TEXT,
	"telephone number in a range reserved for fiction"},
	{SD_FAKE_STREET_ADDRESS, "street_address", SD_FAKE_TYPE_TEXT,
	"house number and street"},
	{SD_FAKE_ADDRESS_LINE2, "address_line2", SD_FAKE_TYPE_TEXT,
	"apartment, suite or floor"},
	{SD_FAKE_CITY, "city", SD_FAKE_TYPE_TEXT,
	"city of the row's place"},
	{SD_FAKE_STATE, "state", SD_FAKE_TYPE_TEXT,
	"state or region of the row's place"},
	{SD_FAKE_STATE_ABBR, "state_abbr", SD_FAKE_TYPE_TEXT,
	"abbreviation of the row's state or region"},
	{SD_FAKE_POSTAL_CODE, "postal_code", SD_FAKE_TYPE_TEXT,
	"postal code of the row's place"},
	{SD_FAKE_COUNTRY, "country", SD_FAKE_TYPE_TEXT,
	"country name in the locale's language"},
	{SD_FAKE_COUNTRY_CODE, "country_code", SD_FAKE_TYPE_TEXT,
	"ISO 3166-1 alpha-2 country code"},
	{SD_FAKE_COMPANY, "company", SD_FAKE_TYPE_TEXT, "company name"},
	{SD_FAKE_JOB_TITLE, "job_title", SD_FAKE_TYPE_TEXT, "job title"},
	{SD_FAKE_URL, "url", SD_FAKE_TYPE_TEXT,
	"web address under a reserved example domain"},
	{SD_FAKE_DOMAIN, "domain", SD_FAKE_TYPE_TEXT,
	"host name under a reserved example domain"},
	{SD_FAKE_IPV4, "ipv4", SD_FAKE_TYPE_TEXT,
	"IPv4 address in the documentation ranges (RFC 5737)"},
	{SD_FAKE_IPV6, "ipv6", SD_FAKE_TYPE_TEXT,
	"IPv6 address in the documentation prefix 2001:db8::/32 (RFC 3849)"},
	{SD_FAKE_MAC, "mac", SD_FAKE_TYPE_TEXT,
	"locally administered unicast MAC address"},
	{SD_FAKE_UUID, "uuid", SD_FAKE_TYPE_TEXT,
	"version 4 UUID drawn from the seed"},
	{SD_FAKE_WORD, "word", SD_FAKE_TYPE_TEXT, "one word"},
	{SD_FAKE_SENTENCE, "sentence", SD_FAKE_TYPE_TEXT,
	"one sentence in the locale's language"},
	{SD_FAKE_PARAGRAPH, "paragraph", SD_FAKE_TYPE_TEXT,
	"three to six sentences"},
	{SD_FAKE_SSN, "ssn", SD_FAKE_TYPE_TEXT,
	"national identification number shape, never issued"},
	{SD_FAKE_IBAN, "iban", SD_FAKE_TYPE_TEXT,
	"IBAN with valid check digits"},
	{SD_FAKE_CREDIT_CARD, "credit_card", SD_FAKE_TYPE_TEXT,
	"card number with a valid Luhn check digit"},
	{SD_FAKE_LICENSE_PLATE, "license_plate", SD_FAKE_TYPE_TEXT,
	"vehicle registration plate"},
	{SD_FAKE_LATITUDE, "latitude", SD_FAKE_TYPE_NUMBER,
	"latitude near the row's city, degrees"},
	{SD_FAKE_LONGITUDE, "longitude", SD_FAKE_TYPE_NUMBER,
	"longitude near the row's city, degrees"},
	{SD_FAKE_AGE, "age", SD_FAKE_TYPE_NUMBER,
	"age in whole years of the row's person on " SD_FAKE_REFERENCE_DATE},
	{SD_FAKE_BIRTH_DATE, "birth_date", SD_FAKE_TYPE_DATE,
	"birth date of the row's person (adults)"},
	{SD_FAKE_LABEL, "label", SD_FAKE_TYPE_TEXT,
	"short label of one or two words (a genre, a category)"},
	{SD_FAKE_TITLE, "title", SD_FAKE_TYPE_TEXT,
	"title of a work (a film, an album, a product)"},
	{SD_FAKE_COURTESY, "courtesy_title", SD_FAKE_TYPE_TEXT,
	"form of address agreeing with the row's person (Mr, Ms, Dr)"}
};

StaticAssertDecl(lengthof(kind_info) == SD_FAKE_NKINDS,
				 "kind_info must list every fake kind");

/* names users may write for a kind, besides the canonical ones */
static const struct
{
	const char *alias;
	SdFakeKind	kind;
} kind_aliases[] = {
	{"name", SD_FAKE_FULL_NAME},
	{"fullname", SD_FAKE_FULL_NAME},
	{"firstname", SD_FAKE_FIRST_NAME},
	{"given_name", SD_FAKE_FIRST_NAME},
	{"lastname", SD_FAKE_LAST_NAME},
	{"surname", SD_FAKE_LAST_NAME},
	{"family_name", SD_FAKE_LAST_NAME},
	{"sex", SD_FAKE_GENDER},
	{"e_mail", SD_FAKE_EMAIL},
	{"email_address", SD_FAKE_EMAIL},
	{"user_name", SD_FAKE_USERNAME},
	{"login", SD_FAKE_USERNAME},
	{"phone_number", SD_FAKE_PHONE},
	{"telephone", SD_FAKE_PHONE},
	{"address", SD_FAKE_STREET_ADDRESS},
	{"street", SD_FAKE_STREET_ADDRESS},
	{"address_line1", SD_FAKE_STREET_ADDRESS},
	{"secondary_address", SD_FAKE_ADDRESS_LINE2},
	{"region", SD_FAKE_STATE},
	{"province", SD_FAKE_STATE},
	{"zip", SD_FAKE_POSTAL_CODE},
	{"zipcode", SD_FAKE_POSTAL_CODE},
	{"zip_code", SD_FAKE_POSTAL_CODE},
	{"postcode", SD_FAKE_POSTAL_CODE},
	{"company_name", SD_FAKE_COMPANY},
	{"job", SD_FAKE_JOB_TITLE},
	{"salutation", SD_FAKE_COURTESY},
	{"honorific", SD_FAKE_COURTESY},
	{"category", SD_FAKE_LABEL},
	{"occupation", SD_FAKE_JOB_TITLE},
	{"website", SD_FAKE_URL},
	{"domain_name", SD_FAKE_DOMAIN},
	{"hostname", SD_FAKE_DOMAIN},
	{"ip", SD_FAKE_IPV4},
	{"ip_address", SD_FAKE_IPV4},
	{"mac_address", SD_FAKE_MAC},
	{"text", SD_FAKE_PARAGRAPH},
	{"national_id", SD_FAKE_SSN},
	{"card_number", SD_FAKE_CREDIT_CARD},
	{"creditcard", SD_FAKE_CREDIT_CARD},
	{"plate", SD_FAKE_LICENSE_PLATE},
	{"lat", SD_FAKE_LATITUDE},
	{"lon", SD_FAKE_LONGITUDE},
	{"lng", SD_FAKE_LONGITUDE},
	{"birthdate", SD_FAKE_BIRTH_DATE},
	{"date_of_birth", SD_FAKE_BIRTH_DATE},
	{"dob", SD_FAKE_BIRTH_DATE}
};

SdFakeKind
sd_fake_kind_lookup(const char *name)
{
	int			i;

	for (i = 1; i < SD_FAKE_NKINDS; i++)
		if (pg_strcasecmp(name, kind_info[i].name) == 0)
			return kind_info[i].kind;
	for (i = 0; i < (int) lengthof(kind_aliases); i++)
		if (pg_strcasecmp(name, kind_aliases[i].alias) == 0)
			return kind_aliases[i].kind;
	return SD_FAKE_NONE;
}

const char *
sd_fake_kind_name(SdFakeKind kind)
{
	if (kind < 0 || kind >= SD_FAKE_NKINDS)
		return NULL;
	Assert(kind_info[kind].kind == kind);
	return kind_info[kind].name;
}

const char *
sd_fake_kind_description(SdFakeKind kind)
{
	if (kind < 0 || kind >= SD_FAKE_NKINDS)
		return NULL;
	return kind_info[kind].description;
}

SdFakeValueType
sd_fake_kind_type(SdFakeKind kind)
{
	if (kind < 0 || kind >= SD_FAKE_NKINDS)
		return SD_FAKE_TYPE_TEXT;
	return kind_info[kind].type;
}

/* ---------------------------------------------------------------------
 * Locales
 * ---------------------------------------------------------------------
 */

/* sd_fake_locale_lookup: fake_intl.c */

/* ---------------------------------------------------------------------
 * Small helpers
 * ---------------------------------------------------------------------
 */


/* decimal integer without the printf machinery */
static void
append_int(StringInfo out, int v)
{
	char		buf[12];
	int			n = 0;
	unsigned int u = v < 0 ? 0 - (unsigned int) v : (unsigned int) v;

	do
	{
		buf[n++] = '0' + (char) (u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		appendStringInfoChar(out, '-');
	enlargeStringInfo(out, n);
	while (n > 0)
		out->data[out->len++] = buf[--n];
	out->data[out->len] = '\0';
}

static void
append_digits(StringInfo out, SdRng *rng, int n)
{
	while (n-- > 0)
		appendStringInfoChar(out, rand_digit(rng));
}

/*
 * Transliterate a name into lower-case ASCII letters and digits for an
 * email address or user name: German umlauts become two letters (ä ->
 * ae), other accented Latin letters lose their accent, and everything else
 * (spaces, apostrophes, hyphens, unknown characters) is dropped.
 */
static void
append_ascii_slug(StringInfo out, const char *s)
{
	const unsigned char *p;
	const char *latin = sd_fake_romaji(s);

	if (latin)
		s = latin;
	p = (const unsigned char *) s;
	/* a slug is never longer than twice its name (ä -> ae) */
	enlargeStringInfo(out, 2 * strlen(s) + 1);
	while (*p)
	{
		unsigned char c = *p;

		if (c < 0x80)
		{
			if (c >= 'A' && c <= 'Z')
				out->data[out->len++] = (char) (c - 'A' + 'a');
			else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
				out->data[out->len++] = (char) c;
			p++;
			continue;
		}
		if (c == 0xC3 && p[1])
		{
			unsigned char d = p[1] | 0x20;	/* fold case: C3 80-9F -> A0-BF */
			const char *r = NULL;

			switch (d)
			{
				case 0xA4: r = "ae"; break;		/* ä */
				case 0xB6: r = "oe"; break;		/* ö */
				case 0xBC: r = "ue"; break;		/* ü */
				case 0xA0: case 0xA1: case 0xA2: case 0xA3: case 0xA5:
					r = "a"; break;
				case 0xA7: r = "c"; break;
				case 0xA8: case 0xA9: case 0xAA: case 0xAB:
					r = "e"; break;
				case 0xAC: case 0xAD: case 0xAE: case 0xAF:
					r = "i"; break;
				case 0xB1: r = "n"; break;
				case 0xB2: case 0xB3: case 0xB4: case 0xB5: case 0xB8:
					r = "o"; break;
				case 0xB9: case 0xBA: case 0xBB:
					r = "u"; break;
				case 0xBD: case 0xBF: r = "y"; break;
			}
			if (p[1] == 0x9F)
				r = "ss";		/* ß */
			if (r)
				appendStringInfoString(out, r);
			p += 2;
			continue;
		}
		if (c == 0xC4 && p[1])
		{
			/* ı (C4 B1), ğ (C4 9F), ł is C5 82 */
			if (p[1] == 0xB1 || p[1] == 0xB0)
				appendStringInfoChar(out, 'i');
			else if (p[1] == 0x9F || p[1] == 0x9E)
				appendStringInfoChar(out, 'g');
			else if (p[1] >= 0x80 && p[1] <= 0x85)
				appendStringInfoChar(out, 'a');
			else if (p[1] >= 0x86 && p[1] <= 0x8D)
				appendStringInfoChar(out, 'c');
			p += 2;
			continue;
		}
		if (c == 0xC5 && p[1])
		{
			/* ş (C5 9F), Ş (C5 9E), ł (C5 82), ś (C5 9B), ž (C5 BE) */
			if (p[1] == 0x9E || p[1] == 0x9F || p[1] == 0x9A || p[1] == 0x9B ||
				p[1] == 0xA0 || p[1] == 0xA1)
				appendStringInfoChar(out, 's');
			else if (p[1] == 0x81 || p[1] == 0x82)
				appendStringInfoChar(out, 'l');
			else if (p[1] >= 0xB9)
				appendStringInfoChar(out, 'z');
			p += 2;
			continue;
		}
		/* any other multibyte character: skip it whole */
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
	}
	out->data[out->len] = '\0';
}

/* first letter of a name's slug ("Ünal" -> "u") */
static void
append_initial(StringInfo out, const char *name)
{
	int			start = out->len;

	append_ascii_slug(out, name);
	if (out->len > start + 1)
	{
		out->len = start + 1;
		out->data[out->len] = '\0';
	}
}


void
sd_fake_truncate(StringInfo s, int maxchars)
{
	int			n = 0;
	int			i;

	if (maxchars < 0)
		return;
	for (i = 0; i < s->len; i++)
	{
		if ((((unsigned char) s->data[i]) & 0xC0) != 0x80)
		{
			if (n == maxchars)
			{
				s->len = i;
				s->data[i] = '\0';
				return;
			}
			n++;
		}
	}
}

/* ---------------------------------------------------------------------
 * Calendar: days since 2000-01-01 <-> civil date.  Howard Hinnant,
 * "chrono-Compatible Low-Level Date Algorithms" (days_from_civil /
 * civil_from_days), proleptic Gregorian calendar.
 * ---------------------------------------------------------------------
 */

#define DAYS_1970_TO_2000	10957

static int
days_from_civil(int y, int m, int d)
{
	int			era,
				yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 - DAYS_1970_TO_2000;
}

static void
civil_from_days(int z, int *y, int *m, int *d)
{
	int			era,
				doe,
				yoe,
				doy,
				mp;

	z += 719468 + DAYS_1970_TO_2000;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y += (*m <= 2);
}

/* ---------------------------------------------------------------------
 * The person and the place of (seed, row)
 * ---------------------------------------------------------------------
 */

typedef struct FakePerson
{
	bool		female;
	const char *first;
	const char *last;
	int			birth;			/* days since 2000-01-01 */
	int			age;			/* whole years on the reference date */
} FakePerson;

/*
 * Stream identifiers of the per-row entities.  Computed once per backend
 * from constant names: a cache of a constant, not state.
 */
static uint64
person_stream(void)
{
	static uint64 id = 0;

	if (id == 0)
		id = sd_stream_id("synthdata person");
	return id;
}

static uint64
place_stream(void)
{
	static uint64 id = 0;

	if (id == 0)
		id = sd_stream_id("synthdata place");
	return id;
}

/*
 * The person of (seed, row): four 32-bit words, i.e. one Philox block.
 *	1. the first name, over the female then the male names (so the gender
 *	   follows the name);
 *	2. the last name;
 *	3. the age: 18-64 uniformly with probability 0.8, else 65-94, a rough
 *	   shape of an adult population (one draw below 7050 = 47 * 30 * 5,
 *	   so that both parts are exactly uniform);
 *	4. the birth date: uniform over the days that give exactly that age on
 *	   the reference date (1 January): 2 January of year ref-age-1 to
 *	   1 January of year ref-age.
 */
static void
fake_person(int locale, uint64 seed, uint64 row, FakePerson *p)
{
	const SdFakeDict *dict = &sd_fake_dicts[locale];
	SdRng		rng;
	uint32		f,
				a;
	int			lo,
				hi;

	sd_rng_init(&rng, seed, person_stream());
	sd_rng_seek(&rng, row);
	f = below32(&rng, (uint32) (dict->female.n + dict->male.n));
	p->female = f < (uint32) dict->female.n;
	p->first = p->female ? dict->female.items[f] :
		dict->male.items[f - dict->female.n];
	p->last = pick(&rng, &dict->last);

	a = below32(&rng, 7050);
	p->age = a < 5640 ? 18 + (int) (a % 47) : 65 + (int) ((a - 5640) % 30);
	lo = days_from_civil(SD_FAKE_REFERENCE_YEAR - p->age - 1, 1, 2);
	hi = days_from_civil(SD_FAKE_REFERENCE_YEAR - p->age, 1, 1);
	p->birth = lo + (int) below32(&rng, (uint32) (hi - lo + 1));
}

typedef struct FakePlace
{
	const SdFakeCity *city;
	const SdFakeRegion *region;
	double		lat;
	double		lon;
	int			postal_tail;	/* last two digits of the postal code */
} FakePlace;

/*
 * The place of (seed, row): city, two jitters, postal tail; one block.
 * city >= 0: that city of the dictionary instead of the drawn one (the
 * same draws are made, so the rest of the place is the row's).
 */
static void
fake_place(int locale, uint64 seed, uint64 row, int city, FakePlace *p)
{
	const SdFakeDict *dict = &sd_fake_dicts[locale];
	SdRng		rng;
	uint32		drawn;

	sd_rng_init(&rng, seed, place_stream());
	sd_rng_seek(&rng, row);
	drawn = below32(&rng, (uint32) dict->ncities);
	p->city = &dict->cities[city >= 0 && city < dict->ncities ? (uint32) city : drawn];
	p->region = &dict->regions[p->city->region];
	/* within about 5 km of the centre */
	p->lat = p->city->lat + (uniform32(&rng) - 0.5) * 0.09;
	p->lon = p->city->lon + (uniform32(&rng) - 0.5) * 0.09 /
		cos(p->city->lat * M_PI / 180.0);
	p->postal_tail = (int) below32(&rng, 100);
}

/* ---------------------------------------------------------------------
 * Values
 * ---------------------------------------------------------------------
 */

static const char *const email_domains[] = {
	"example.com", "example.net", "example.org", "mail.example.com",
	"example.com", "example.net", "example.org", "inbox.example.net"
};

/* real NANP area codes; the 555-01xx line numbers make them fictional */
static const char *const nanp_areas[] = {
	"201", "202", "206", "212", "213", "214", "215", "216", "303", "305",
	"310", "312", "313", "314", "317", "401", "402", "404", "405", "412",
	"415", "469", "480", "502", "503", "504", "512", "513", "515", "602",
	"603", "612", "614", "615", "617", "619", "626", "646", "702", "704",
	"713", "714", "718", "720", "727", "734", "773", "801", "804", "808",
	"813", "816", "818", "904", "916", "919", "949", "972"
};

/*
 * German numbers set aside by the Bundesnetzagentur for use in film and
 * television: area code + exchange, followed by three free digits.
 */
static const char *const de_fiction_phones[][2] = {
	{"30", "23125"}, {"69", "90009"}, {"40", "66969"}, {"221", "4710"},
	{"89", "99998"}
};

static void
fake_email(const FakePerson *p, SdRng *rng, StringInfo out)
{
	switch (below32(rng, 7))
	{
		case 0:
		case 1:
			append_ascii_slug(out, p->first);
			appendStringInfoChar(out, '.');
			append_ascii_slug(out, p->last);
			break;
		case 2:
			append_ascii_slug(out, p->first);
			append_ascii_slug(out, p->last);
			break;
		case 3:
			append_initial(out, p->first);
			appendStringInfoChar(out, '.');
			append_ascii_slug(out, p->last);
			break;
		case 4:
			append_ascii_slug(out, p->first);
			appendStringInfoChar(out, '_');
			append_ascii_slug(out, p->last);
			break;
		case 5:
			append_ascii_slug(out, p->last);
			appendStringInfoChar(out, '.');
			append_ascii_slug(out, p->first);
			break;
		default:
			append_ascii_slug(out, p->first);
			appendStringInfoChar(out, '.');
			append_ascii_slug(out, p->last);
			append_digits(out, rng, between(rng, 1, 3));
			break;
	}
	appendStringInfoChar(out, '@');
	appendStringInfoString(out,
						   email_domains[below32(rng, lengthof(email_domains))]);
}

static void
fake_username(const FakePerson *p, SdRng *rng, StringInfo out)
{
	int			y,
				m,
				d;

	switch (below32(rng, 5))
	{
		case 0:
			append_initial(out, p->first);
			append_ascii_slug(out, p->last);
			break;
		case 1:
			append_ascii_slug(out, p->first);
			appendStringInfoChar(out, '_');
			append_ascii_slug(out, p->last);
			break;
		case 2:
			append_ascii_slug(out, p->first);
			appendStringInfoChar(out, '.');
			append_ascii_slug(out, p->last);
			append_digits(out, rng, 2);
			break;
		case 3:
			append_ascii_slug(out, p->first);
			civil_from_days(p->birth, &y, &m, &d);
			appendStringInfo(out, "%d", y);
			break;
		default:
			append_ascii_slug(out, p->last);
			append_ascii_slug(out, p->first);
			append_digits(out, rng, between(rng, 1, 3));
			break;
	}
}

static void
fake_phone(int locale, SdRng *rng, StringInfo out)
{
	if (sd_fake_intl_phone(locale, rng, out))
		return;
	if (locale == SD_FAKE_LOCALE_DE)
	{
		const char *const *r =
			de_fiction_phones[below32(rng, lengthof(de_fiction_phones))];

		if (below32(rng, 2) == 0)
			appendStringInfo(out, "+49 %s %s", r[0], r[1]);
		else
			appendStringInfo(out, "0%s %s", r[0], r[1]);
		append_digits(out, rng, 3);
	}
	else
	{
		const char *area = nanp_areas[below32(rng, lengthof(nanp_areas))];
		int			line = between(rng, 0, 99);

		/* (AAA) 555-01LL, AAA-555-01LL or +1 AAA 555 01LL (areas of three digits) */
		switch (below32(rng, 3))
		{
			case 0:
				appendStringInfoCharMacro(out, '(');
				sd_append_bytes(out, area, 3);
				sd_append_literal(out, ") 555-01");
				break;
			case 1:
				sd_append_bytes(out, area, 3);
				sd_append_literal(out, "-555-01");
				break;
			default:
				sd_append_literal(out, "+1 ");
				sd_append_bytes(out, area, 3);
				sd_append_literal(out, " 555 01");
				break;
		}
		appendStringInfoCharMacro(out, (char) ('0' + line / 10));
		appendStringInfoCharMacro(out, (char) ('0' + line % 10));
	}
}

static void
fake_street(int locale, SdRng *rng, StringInfo out)
{
	const SdFakeDict *dict = &sd_fake_dicts[locale];

	if (sd_fake_intl_street(locale, rng, out))
		return;
	if (locale == SD_FAKE_LOCALE_DE)
	{
		appendStringInfoString(out, pick(rng, &dict->streets));
		appendStringInfoString(out, pick(rng, &dict->street_types));
		appendStringInfoChar(out, ' ');
		append_int(out, between(rng, 1, between(rng, 1, 4) * 40));
		if (below32(rng, 10) == 0)
			appendStringInfoChar(out, 'a' + (char) below32(rng, 4));
	}
	else
	{
		static const char *const dirs[] = {"N ", "S ", "E ", "W "};
		static const int lows[] = {1, 10, 100, 1000};
		int			lo = lows[below32(rng, 4)];

		/* as many 1-, 2-, 3- and 4-digit house numbers */
		append_int(out, between(rng, lo, lo * 10 - 1));
		appendStringInfoChar(out, ' ');
		if (below32(rng, 8) == 0)
			appendStringInfoString(out, dirs[below32(rng, 4)]);
		appendStringInfoString(out, pick(rng, &dict->streets));
		appendStringInfoChar(out, ' ');
		appendStringInfoString(out, pick(rng, &dict->street_types));
	}
}

static void
fake_address_line2(int locale, SdRng *rng, StringInfo out)
{
	if (sd_fake_intl_line2(locale, rng, out))
		return;
	if (locale == SD_FAKE_LOCALE_DE)
	{
		switch (below32(rng, 3))
		{
			case 0:
				appendStringInfo(out, "%d. OG", between(rng, 1, 6));
				break;
			case 1:
				appendStringInfoString(out, "Hinterhaus");
				break;
			default:
				appendStringInfo(out, "Wohnung %d", between(rng, 1, 40));
				break;
		}
	}
	else
	{
		switch (below32(rng, 4))
		{
			case 0:
				appendStringInfoString(out, "Apt ");
				append_int(out, between(rng, 1, 20));
				appendStringInfoChar(out, 'A' + (char) below32(rng, 6));
				break;
			case 1:
				appendStringInfo(out, "Apt %d", between(rng, 100, 2499));
				break;
			case 2:
				{
					int			floor_no = between(rng, 1, 9);

					appendStringInfoString(out, "Suite ");
					append_int(out, floor_no * 100 + between(rng, 0, 50));
					break;
				}
			default:
				appendStringInfo(out, "Unit %d", between(rng, 1, 300));
				break;
		}
	}
}

static void
fake_company(int locale, SdRng *rng, StringInfo out)
{
	const SdFakeDict *dict = &sd_fake_dicts[locale];

	switch (below32(rng, 5))
	{
		case 0:
			append_pick(out, rng, NULL, &dict->last);
			append_pick(out, rng, " ", &dict->company_forms);
			break;
		case 1:
			append_pick(out, rng, NULL, &dict->last);
			append_pick(out, rng, " & ", &dict->last);
			if (locale == SD_FAKE_LOCALE_DE)
				append_pick(out, rng, " ", &dict->company_forms);
			break;
		case 2:
			append_pick(out, rng, NULL, &dict->company_stems);
			append_pick(out, rng, " ", &dict->company_trades);
			break;
		case 3:
			append_pick(out, rng, NULL, &dict->company_stems);
			append_pick(out, rng, " ", &dict->company_trades);
			append_pick(out, rng, " ", &dict->company_forms);
			break;
		default:
			append_pick(out, rng, NULL, &dict->last);
			append_pick(out, rng, " ", &dict->company_trades);
			if (locale == SD_FAKE_LOCALE_DE)
				append_pick(out, rng, " ", &dict->company_forms);
			break;
	}
}

/* host label for urls and domains: a company stem, trade or surname */
static void
fake_host_label(int locale, SdRng *rng, StringInfo out)
{
	const SdFakeDict *dict = &sd_fake_dicts[locale];

	switch (below32(rng, 3))
	{
		case 0:
			append_ascii_slug(out, pick(rng, &dict->company_stems));
			append_ascii_slug(out, pick(rng, &dict->company_trades));
			break;
		case 1:
			append_ascii_slug(out, pick(rng, &dict->last));
			append_ascii_slug(out, pick(rng, &dict->company_trades));
			break;
		default:
			append_ascii_slug(out, pick(rng, &dict->company_stems));
			appendStringInfoChar(out, '-');
			append_ascii_slug(out, pick(rng, &dict->last));
			break;
	}
}

static const char *const tlds[] = {"example.com", "example.net", "example.org"};

bool
sd_fake_at_example_domain(const char *value, int len)
{
	const char *tld = value + len - 3;

	if (len < 11 || memcmp(value + len - 11, "example.", 8) != 0)
		return false;
	if (memcmp(tld, "com", 3) != 0 && memcmp(tld, "net", 3) != 0 &&
		memcmp(tld, "org", 3) != 0)
		return false;
	return len == 11 || value[len - 12] == '@' || value[len - 12] == '.';
}

static void
fake_url(int locale, SdRng *rng, StringInfo out)
{
	appendStringInfoString(out, "https://www.");
	fake_host_label(locale, rng, out);
	appendStringInfo(out, ".%s/", tlds[below32(rng, 3)]);
	if (below32(rng, 3) == 0)
		append_ascii_slug(out, pick(rng, &sd_fake_dicts[SD_FAKE_LOCALE_EN].words));
}

static void
fake_ipv4(SdRng *rng, StringInfo out)
{
	static const char *const nets[] = {"192.0.2", "198.51.100", "203.0.113"};
	const char *net = nets[below32(rng, 3)];
	int			host = between(rng, 1, 254);

	appendStringInfo(out, "%s.%d", net, host);
}

static void
fake_ipv6(SdRng *rng, StringInfo out)
{
	int			i;

	/* non-zero groups: the text is then canonical (RFC 5952) as is */
	appendStringInfoString(out, "2001:db8");
	for (i = 0; i < 6; i++)
		appendStringInfo(out, ":%x", between(rng, 1, 0xFFFF));
}

static void
fake_mac(SdRng *rng, StringInfo out)
{
	uint64		v = sd_rng_u64(rng);
	int			i;

	for (i = 0; i < 6; i++)
	{
		int			octet = (int) ((v >> (8 * i)) & 0xFF);

		if (i == 0)
			octet = (octet & 0xFC) | 0x02;	/* local, unicast */
		appendStringInfo(out, i ? ":%02x" : "%02x", octet);
	}
}

static void
fake_uuid(SdRng *rng, StringInfo out)
{
	uint64		hi = sd_rng_u64(rng);
	uint64		lo = sd_rng_u64(rng);

	/* RFC 9562: version 4 in bits 48-51, variant 10 in bits 64-65 */
	hi = (hi & ~UINT64CONST(0xF000)) | UINT64CONST(0x4000);
	lo = (lo & ~(UINT64CONST(3) << 62)) | (UINT64CONST(2) << 62);
	appendStringInfo(out, "%08x-%04x-%04x-%04x-%012llx",
					 (unsigned int) (hi >> 32),
					 (unsigned int) ((hi >> 16) & 0xFFFF),
					 (unsigned int) (hi & 0xFFFF),
					 (unsigned int) (lo >> 48),
					 (unsigned long long) (lo & UINT64CONST(0xFFFFFFFFFFFF)));
}

/*
 * ISO 7064 MOD 97-10 remainder of an IBAN rearranged as BBAN + country +
 * check digits, letters counting as 10..35 (ISO 13616).
 */
static int
iban_mod97(const char *bban, const char *country, const char *check)
{
	const char *parts[3] = {bban, country, check};
	int			r = 0;
	int			i;

	for (i = 0; i < 3; i++)
	{
		const char *c;

		for (c = parts[i]; *c; c++)
		{
			if (*c >= '0' && *c <= '9')
				r = (r * 10 + (*c - '0')) % 97;
			else
				r = (r * 100 + (toupper((unsigned char) *c) - 'A' + 10)) % 97;
		}
	}
	return r;
}

/* the two check digits of an IBAN of this country and BBAN (ISO 13616) */
int
sd_fake_iban_check(const char *country, const char *bban)
{
	return 98 - iban_mod97(bban, country, "00");
}

/* the Luhn check digit to append to a string of digits */
int
sd_fake_luhn_digit(const char *digits)
{
	int			n = (int) strlen(digits);
	int			sum = 0;
	int			i;

	/* the check digit will be position 0 from the right: double the odd ones */
	for (i = 0; i < n; i++)
	{
		int			d = digits[n - 1 - i] - '0';

		if (i % 2 == 0)
		{
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return (10 - sum % 10) % 10;
}

static void
fake_iban(int locale, SdRng *rng, StringInfo out)
{
	StringInfoData bban;
	const char *country;
	int			i;

	initStringInfo(&bban);
	if (locale == SD_FAKE_LOCALE_DE)
	{
		/*
		 * DE: 8-digit bank code + 10-digit account.  The bank code's first
		 * digit is its clearing area, 1 to 8: codes starting with 9 are
		 * never assigned, so no such account exists.
		 */
		country = "DE";
		appendStringInfoChar(&bban, '9');
		append_digits(&bban, rng, 17);
	}
	else
	{
		/* GB: 4-letter bank code, 6-digit sort code, 8-digit account */
		country = "GB";
		for (i = 0; i < 4; i++)
			appendStringInfoChar(&bban, rand_upper(rng));
		append_digits(&bban, rng, 14);
	}
	appendStringInfo(out, "%s%02d%s", country,
					 sd_fake_iban_check(country, bban.data), bban.data);
	pfree(bban.data);
}

/*
 * Card numbers: the test numbers that the card networks and payment
 * processors publish for their sandboxes (Luhn-valid, with the Visa,
 * Mastercard, American Express and Discover prefixes) and never issue to
 * a cardholder.  Random digits behind a network prefix would be some real
 * card's number now and then.
 */
static void
fake_credit_card(SdRng *rng, StringInfo out)
{
	static const char *const test_cards[] = {
		"4111111111111111", "4012888888881881", "4242424242424242",
		"4000056655665556", "5555555555554444", "5105105105105100",
		"5200828282828210", "378282246310005", "371449635398431",
		"378734493671000", "6011111111111117", "6011000990139424"
	};

	appendStringInfoString(out, test_cards[below32(rng, lengthof(test_cards))]);
}

/* the ISO 7064 MOD 11,10 check digit of a German tax id's first ten digits */
char
sd_fake_de_taxid_check(const char *d)
{
	int			product = 10;
	int			check;
	int			i;

	for (i = 0; i < 10; i++)
	{
		int			sum = (d[i] - '0' + product) % 10;

		if (sum == 0)
			sum = 10;
		product = (sum * 2) % 11;
	}
	check = 11 - product;
	return '0' + (char) (check == 10 ? 0 : check);
}

static void
fake_ssn(int locale, SdRng *rng, StringInfo out)
{
	if (locale == SD_FAKE_LOCALE_DE)
	{
		/* 11 digits like a German tax id, ISO 7064 MOD 11,10 check digit */
		char		d[12];
		int			i;

		d[0] = '1' + (char) below32(rng, 9);
		for (i = 1; i < 10; i++)
			d[i] = rand_digit(rng);

		/*
		 * An issued tax id repeats exactly one digit among its first ten;
		 * repeating two different ones makes a number that is never issued.
		 */
		d[6] = d[2];
		d[8] = d[4];
		if (d[4] == d[2])
			d[4] = d[8] = (d[2] == '9') ? '0' : d[2] + 1;
		d[10] = sd_fake_de_taxid_check(d);
		d[11] = '\0';
		appendStringInfoString(out, d);
	}
	else
	{
		/* area 900-999 with group 01-49: neither an SSN nor an ITIN */
		int			area = between(rng, 0, 99);
		int			group = between(rng, 1, 49);
		int			serial = between(rng, 1, 9999);

		appendStringInfo(out, "9%02d-%02d-%04d", area, group, serial);
	}
}

static void
fake_plate(int locale, uint64 seed, uint64 row, SdRng *rng, StringInfo out)
{
	if (locale == SD_FAKE_LOCALE_DE)
	{
		FakePlace	place;
		int			nletters = between(rng, 1, 2);

		fake_place(locale, seed, row, -1, &place);
		appendStringInfo(out, "%s-", place.city->plate);
		while (nletters-- > 0)
			appendStringInfoChar(out, rand_upper(rng));
		appendStringInfo(out, " %d", between(rng, 1, 9999));
	}
	else
	{
		if (below32(rng, 2) == 0)
		{
			appendStringInfoChar(out, rand_upper(rng));
			appendStringInfoChar(out, rand_upper(rng));
			appendStringInfoChar(out, rand_upper(rng));
			appendStringInfoChar(out, '-');
			append_digits(out, rng, 4);
		}
		else
		{
			appendStringInfoChar(out, '1' + (char) below32(rng, 9));
			appendStringInfoChar(out, rand_upper(rng));
			appendStringInfoChar(out, rand_upper(rng));
			appendStringInfoChar(out, rand_upper(rng));
			append_digits(out, rng, 3);
		}
	}
}

double
sd_fake_number(SdFakeKind kind, int locale, uint64 seed, uint64 row,
			   SdRng *rng)
{
	FakePerson	person;
	FakePlace	place;

	Assert(locale >= 0 && locale < sd_fake_ndicts);
	switch (kind)
	{
		case SD_FAKE_LATITUDE:
			fake_place(locale, seed, row, -1, &place);
			return place.lat;
		case SD_FAKE_LONGITUDE:
			fake_place(locale, seed, row, -1, &place);
			return place.lon;
		case SD_FAKE_AGE:
			fake_person(locale, seed, row, &person);
			return person.age;
		case SD_FAKE_BIRTH_DATE:
			fake_person(locale, seed, row, &person);
			return person.birth;
		default:
			elog(ERROR, "fake kind %d is not a number", (int) kind);
	}
	return 0;					/* keep compiler quiet */
}

static void
fake_generate(SdFakeKind kind, int locale, uint64 seed, uint64 row,
			  SdRng *rng, int room, int city, StringInfo out)
{
	const SdFakeDict *dict;
	FakePerson	person;
	FakePlace	place;
	int			y,
				m,
				d;

	Assert(locale >= 0 && locale < sd_fake_ndicts);
	dict = &sd_fake_dicts[locale];

	switch (kind)
	{
		case SD_FAKE_FIRST_NAME:
		case SD_FAKE_LAST_NAME:
		case SD_FAKE_FULL_NAME:
		case SD_FAKE_GENDER:
		case SD_FAKE_EMAIL:
		case SD_FAKE_USERNAME:
		case SD_FAKE_BIRTH_DATE:
		case SD_FAKE_AGE:
		case SD_FAKE_COURTESY:
			fake_person(locale, seed, row, &person);
			break;
		case SD_FAKE_CITY:
		case SD_FAKE_STATE:
		case SD_FAKE_STATE_ABBR:
		case SD_FAKE_POSTAL_CODE:
		case SD_FAKE_LATITUDE:
		case SD_FAKE_LONGITUDE:
			fake_place(locale, seed, row, city, &place);
			break;
		default:
			break;
	}

	switch (kind)
	{
		case SD_FAKE_FIRST_NAME:
			appendStringInfoString(out, person.first);
			break;
		case SD_FAKE_LAST_NAME:
			appendStringInfoString(out, person.last);
			break;
		case SD_FAKE_FULL_NAME:
			if (sd_fake_intl_full_name(locale, person.first, person.last, out))
				break;
			appendStringInfoString(out, person.first);
			appendStringInfoChar(out, ' ');
			appendStringInfoString(out, person.last);
			break;
		case SD_FAKE_GENDER:
			appendStringInfoString(out, person.female ? "female" : "male");
			break;
		case SD_FAKE_EMAIL:
			fake_email(&person, rng, out);
			break;
		case SD_FAKE_USERNAME:
			fake_username(&person, rng, out);
			break;
		case SD_FAKE_PHONE:
			fake_phone(locale, rng, out);
			break;
		case SD_FAKE_STREET_ADDRESS:
			fake_street(locale, rng, out);
			break;
		case SD_FAKE_ADDRESS_LINE2:
			fake_address_line2(locale, rng, out);
			break;
		case SD_FAKE_CITY:
			appendStringInfoString(out, place.city->name);
			break;
		case SD_FAKE_STATE:
			appendStringInfoString(out, place.region->name);
			break;
		case SD_FAKE_STATE_ABBR:
			appendStringInfoString(out, place.region->abbr);
			break;
		case SD_FAKE_POSTAL_CODE:
			if (!sd_fake_intl_postal(locale, place.city->postal3,
									 place.postal_tail, rng, out))
				appendStringInfo(out, "%s%02d", place.city->postal3,
								 place.postal_tail);
			break;
		case SD_FAKE_COUNTRY:
			appendStringInfoString(out, pick(rng, &dict->countries));
			break;
		case SD_FAKE_COUNTRY_CODE:
			appendStringInfoString(out,
								   sd_fake_country_codes[below32(rng, sd_fake_ncountries)]);
			break;
		case SD_FAKE_COMPANY:
			{
				int			from = out->len,
							to = from;

				fake_company(locale, rng, out);
				/* Japanese: no spaces between the parts (さくら建設株式会社) */
				for (y = from; locale == SD_FAKE_LOCALE_JA && y < out->len; y++)
					if (out->data[y] != ' ')
						out->data[to++] = out->data[y];
				if (locale == SD_FAKE_LOCALE_JA)
				{
					out->len = to;
					out->data[to] = '\0';
				}
				break;
			}
		case SD_FAKE_JOB_TITLE:
			appendStringInfoString(out, pick(rng, &dict->jobs));
			break;
		case SD_FAKE_URL:
			fake_url(locale, rng, out);
			break;
		case SD_FAKE_DOMAIN:
			fake_host_label(locale, rng, out);
			appendStringInfo(out, ".%s", tlds[below32(rng, 3)]);
			break;
		case SD_FAKE_IPV4:
			fake_ipv4(rng, out);
			break;
		case SD_FAKE_IPV6:
			fake_ipv6(rng, out);
			break;
		case SD_FAKE_MAC:
			fake_mac(rng, out);
			break;
		case SD_FAKE_UUID:
			fake_uuid(rng, out);
			break;
		case SD_FAKE_WORD:
			appendStringInfoString(out, pick(rng, &dict->words));
			break;
		case SD_FAKE_SENTENCE:
			sd_fake_sentence(locale, rng, room, out);
			break;
		case SD_FAKE_PARAGRAPH:
			sd_fake_paragraph(locale, rng, room, out);
			break;
		case SD_FAKE_SSN:
			fake_ssn(locale, rng, out);
			break;
		case SD_FAKE_IBAN:
			fake_iban(locale, rng, out);
			break;
		case SD_FAKE_CREDIT_CARD:
			fake_credit_card(rng, out);
			break;
		case SD_FAKE_LICENSE_PLATE:
			fake_plate(locale, seed, row, rng, out);
			break;
		case SD_FAKE_LATITUDE:
			appendStringInfo(out, "%.6f", place.lat);
			break;
		case SD_FAKE_LONGITUDE:
			appendStringInfo(out, "%.6f", place.lon);
			break;
		case SD_FAKE_AGE:
			appendStringInfo(out, "%d", person.age);
			break;
		case SD_FAKE_BIRTH_DATE:
			civil_from_days(person.birth, &y, &m, &d);
			appendStringInfo(out, "%04d-%02d-%02d", y, m, d);
			break;
		case SD_FAKE_LABEL:
		case SD_FAKE_TITLE:
			sd_fake_intl_generate(kind, locale, false, rng, out);
			break;
		case SD_FAKE_COURTESY:
			sd_fake_intl_generate(kind, locale, person.female, rng, out);
			break;
		case SD_FAKE_NONE:
		case SD_FAKE_NKINDS:
			elog(ERROR, "invalid fake kind %d", (int) kind);
	}
}

void
sd_fake_generate(SdFakeKind kind, int locale, uint64 seed, uint64 row,
				 SdRng *rng, StringInfo out)
{
	fake_generate(kind, locale, seed, row, rng, -1, -1, out);
}

/*
 * A place kind's value (city, state, postal code, ...) of (seed, row) in
 * the locale's city number city (sd_fake_city_index): the row's place with
 * that city.
 */
void
sd_fake_generate_in_city(SdFakeKind kind, int locale, int city, uint64 seed,
						 uint64 row, SdRng *rng, StringInfo out)
{
	fake_generate(kind, locale, seed, row, rng, -1, city, out);
}

/* the number of the locale's dictionary city named name, or -1 */
int
sd_fake_city_index(int locale, const char *name)
{
	const SdFakeDict *dict;
	int			i;

	if (locale < 0 || locale >= sd_fake_ndicts)
		return -1;
	dict = &sd_fake_dicts[locale];
	for (i = 0; i < dict->ncities; i++)
		if (strcmp(dict->cities[i].name, name) == 0)
			return i;
	return -1;
}

void
sd_fake_generate_max(SdFakeKind kind, int locale, uint64 seed, uint64 row,
					 SdRng *rng, int maxchars, StringInfo out)
{
	int			start = out->len;
	int			tries = 0;

	fake_generate(kind, locale, seed, row, rng, maxchars, -1, out);
	/* a title or name from a list that does not fit: another, a few times */
	while (maxchars >= 0 && tries++ < 8 &&
		   (kind == SD_FAKE_JOB_TITLE || kind == SD_FAKE_COMPANY ||
			kind == SD_FAKE_TITLE || kind == SD_FAKE_LABEL) &&
		   utf8_chars(out->data + start, out->len - start) > maxchars)
	{
		out->len = start;
		out->data[start] = '\0';
		fake_generate(kind, locale, seed, row, rng, maxchars, -1, out);
	}
	if (maxchars >= 0)
	{
		/* cut what was appended, not what was there before */
		StringInfoData tail;

		tail.data = out->data + start;
		tail.len = out->len - start;
		tail.maxlen = out->maxlen - start;
		tail.cursor = 0;
		sd_fake_truncate(&tail, maxchars);
		out->len = start + tail.len;
	}
}

