/*-------------------------------------------------------------------------
 *
 * roles_unique.c
 *		Unique personal columns: when a unique index covers a personal
 *		column, its fakes are distinct by construction and stay valid of
 *		their kind (fiction phone numbers, Luhn-valid card numbers, IBANs
 *		with their check digits, documentation IP addresses...).
 *
 * Each kind has a value space made of one or more tiers: first the
 * fiction-safe values the fake generators use (NANP 555-01xx, Ofcom's drama
 * numbers, RFC 5737 addresses), then, where those run out, a wider scheme
 * that is still fiction-safe (area codes reserved for expansion, the
 * benchmarking and reserved IPv4 blocks, middle initials).  Row i takes
 * position i of the concatenated tiers, and the position within its tier
 * goes through a keyed permutation of the tier (Feistel with cycle
 * walking), so the values look drawn at random, row i is a pure function
 * of (seed, column, i), and two rows never meet: no value is ever tried
 * twice, nothing is remembered between rows.  The values are decoded from
 * the permuted position by mixed radix; the column's own stream only
 * picks what does not decide the value (a phone number's spelling, an
 * IBAN's bank letters when the digits already differ).
 *
 * Names, streets and hosts come from the dictionaries of the column's
 * locale (the model's, not the row's: two locales may spell one name),
 * without the entries that hold a space or a hyphen and without repeats,
 * so that the joined words decode to one position only.
 *
 * Layer: cloning's statistics.  Must not run SPI nor define SQL-callable
 * functions: it works in memory on the model and the fit's states.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/roles_unique.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

#include "fake_dict.h"
#include "utils/memutils.h"

/* a dictionary list without repeats nor entries holding a space or hyphen */
typedef struct WordList
{
	const char **w;
	uint64		n;
} WordList;

typedef struct LocaleWords
{
	bool		done;
	WordList	first;			/* women's and men's first names */
	WordList	female;			/* women's first names */
	WordList	male;			/* men's, without those that are women's too */
	WordList	last;
	WordList	streets;
	WordList	street_types;
	WordList	stems;			/* company stems and trades, as host slugs */
	WordList	trades;
	WordList	plates;			/* German district codes */
} LocaleWords;

static LocaleWords locale_words[SD_FAKE_LOCALE_JA + 1];

static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* the words of up to two lists, sorted, each once; slug: as host labels */
static WordList
word_list(const SdFakeList *a, const SdFakeList *b, bool slug)
{
	MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);
	int			na = a->n,
				nb = b != NULL ? b->n : 0;
	const char **w = palloc(sizeof(char *) * Max(na + nb, 1));
	WordList	l = {w, 0};
	int			i;
	uint64		k;

	for (i = 0; i < na + nb; i++)
	{
		const char *x = i < na ? a->items[i] : b->items[i - na];
		StringInfoData sl;
		const char *p;

		if (slug)
		{
			initStringInfo(&sl);
			for (p = x; *p; p++)
				if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
					appendStringInfoChar(&sl, *p);
				else if (*p >= 'A' && *p <= 'Z')
					appendStringInfoChar(&sl, (char) (*p - 'A' + 'a'));
			x = sl.data;
		}
		if (x[0] == '\0' || strchr(x, ' ') != NULL || strchr(x, '-') != NULL)
			continue;
		w[l.n++] = x;
	}
	if (l.n > 1)
		qsort(w, l.n, sizeof(char *), cmp_cstr);
	for (i = 1, k = Min(l.n, 1); i < (int) l.n; i++)
		if (strcmp(w[i], w[k - 1]) != 0)
			w[k++] = w[i];
	l.n = k;
	MemoryContextSwitchTo(old);
	return l;
}

/* the words of a (sorted) that b (sorted) does not hold; a's storage reused */
static WordList
without(WordList a, WordList b)
{
	uint64		i,
				j = 0,
				k = 0;

	for (i = 0; i < a.n; i++)
	{
		while (j < b.n && strcmp(b.w[j], a.w[i]) < 0)
			j++;
		if (j < b.n && strcmp(b.w[j], a.w[i]) == 0)
			continue;
		a.w[k++] = a.w[i];
	}
	a.n = k;
	return a;
}

static const LocaleWords *
words_of(int locale)
{
	LocaleWords *lw;

	if (locale < 0 || locale > SD_FAKE_LOCALE_JA || locale >= sd_fake_ndicts)
		locale = SD_FAKE_LOCALE_EN;
	lw = &locale_words[locale];
	if (!lw->done)
	{
		const SdFakeDict *d = &sd_fake_dicts[locale];
		SdFakeList	plates = {NULL, 0};
		const char **p = NULL;
		int			i;

		lw->first = word_list(&d->female, &d->male, false);
		lw->female = word_list(&d->female, NULL, false);
		lw->male = word_list(&d->male, NULL, false);
		lw->male = without(lw->male, lw->female);
		lw->last = word_list(&d->last, NULL, false);
		lw->streets = word_list(&d->streets, NULL, false);
		lw->street_types = word_list(&d->street_types, NULL, false);
		lw->stems = word_list(&sd_fake_dicts[SD_FAKE_LOCALE_EN].company_stems, NULL, true);
		lw->trades = word_list(&sd_fake_dicts[SD_FAKE_LOCALE_EN].company_trades, NULL, true);
		if (d->ncities > 0)
		{
			p = MemoryContextAlloc(TopMemoryContext, sizeof(char *) * d->ncities);
			for (i = 0; i < d->ncities; i++)
				if (d->cities[i].plate != NULL)
					p[plates.n++] = d->cities[i].plate;
			plates.items = p;
		}
		lw->plates = word_list(&plates, NULL, false);
		lw->done = true;
	}
	return lw;
}

/* ---- positions ------------------------------------------------------------ */

typedef struct UniquePos
{
	int			tier;			/* which tier of the kind's space */
	uint64		v;				/* the permuted position within it */
} UniquePos;

/*
 * Row "row" in a space of ntiers tiers of the given sizes: its tier, and
 * its position there through the column's keyed permutation of the tier.
 */
static UniquePos
unique_pos(Sampler *s, const ModelCol *c, int64 row, const uint64 *sizes,
		   int ntiers)
{
	UniquePos	up = {0, 0};
	uint64		i = (uint64) row;
	FeistelPerm perm;

	while (up.tier < ntiers && i >= sizes[up.tier])
		i -= sizes[up.tier++];
	if (up.tier == ntiers)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("no unique %s is left for row " INT64_FORMAT " of column \"%s\"",
						c->pii_kind, row, c->name),
				 errdetail("The fakes of a unique personal column are distinct by construction and the kind has no more of them."),
				 errhint("Sample fewer rows, or give the column another role in option \"columns\".")));
	sd_perm_init(&perm, sizes[up.tier], s->seed,
				 sd_hash_bytes(c->name, (int) strlen(c->name), 0x756e71 + up.tier));
	up.v = sd_perm_apply(&perm, i);
	return up;
}

/* n decimal digits of v, zero-padded */
static void
append_padded(StringInfo out, uint64 v, int n)
{
	appendStringInfo(out, "%0*llu", n, (unsigned long long) v);
}

/* ---- phones ----------------------------------------------------------------- */

/* NANP area codes NXX: not N11, N9X (expansion), 37X or 96X (reserved) */
static int
nanp_area(int n)
{
	int			a;

	for (a = 200; a <= 999; a++)
	{
		int			x = a / 10 % 10,
					y = a % 10;

		if ((x == 1 && y == 1) || x == 9 || a / 10 == 37 || a / 10 == 96)
			continue;
		if (n-- == 0)
			return a;
	}
	return 555;
}

#define NANP_AREAS 692

/* Ofcom's numbers for drama, in international form: prefix + 3 digits */
static const char *const gb_drama[] = {
	"20 7946 0", "113 496 0", "114 496 0", "115 496 0", "116 496 0",
	"117 496 0", "118 496 0", "121 496 0", "131 496 0", "141 496 0",
	"151 496 0", "161 496 0", "191 498 0", "28 9649 6", "29 2018 0",
	"1632 960", "7700 900", "808 157 0", "909 879 0", "306 999 0"
};

/* ARCEP's numbers for fiction (France): prefix + 4 digits */
static const char *const fr_fiction[] = {
	"1 99 00", "2 61 91", "3 53 01", "4 65 71", "5 36 49", "6 39 98"
};

/* the Bundesnetzagentur's numbers for film: area, exchange + 3 digits */
static const char *const de_film[][2] = {
	{"30", "23125"}, {"69", "90009"}, {"40", "66969"}, {"221", "4710"},
	{"89", "99998"}
};

static void
nanp_number(TargetCol *tc, int area, int exchange, int line, StringInfo out)
{
	switch (sd_rng_below(&tc->rng, 3))
	{
		case 0:
			appendStringInfo(out, "(%03d) %03d-%04d", area, exchange, line);
			break;
		case 1:
			appendStringInfo(out, "%03d-%03d-%04d", area, exchange, line);
			break;
		default:
			appendStringInfo(out, "+1 %03d %03d %04d", area, exchange, line);
			break;
	}
}

/*
 * Phones: the fiction numbers of the row's country (US 555-0100 to 0199
 * in each of the 692 area codes that can exist, the other countries' as
 * the fake generators), then numbers of the 80 NANP area codes N9X, which
 * the plan keeps for its expansion and no line has.
 */
static void
unique_phone(Sampler *s, TargetCol *tc, const ModelCol *c, int64 row,
			 const char *iso, StringInfo out)
{
	uint64		sizes[2] = {NANP_AREAS * 100, UINT64CONST(80) * 800 * 10000};
	UniquePos	up;

	if (strcmp(iso, "GB") == 0)
		sizes[0] = lengthof(gb_drama) * 1000;
	else if (strcmp(iso, "FR") == 0)
		sizes[0] = lengthof(fr_fiction) * 10000;
	else if (strcmp(iso, "DE") == 0)
		sizes[0] = lengthof(de_film) * 1000;
	up = unique_pos(s, c, row, sizes, 2);
	if (up.tier == 1)
	{
		int			area = (int) (up.v % 80);

		nanp_number(tc, (2 + area / 10) * 100 + 90 + area % 10,
					200 + (int) (up.v / 80 % 800), (int) (up.v / 64000), out);
	}
	else if (strcmp(iso, "GB") == 0)
		appendStringInfo(out, "+44 %s%03d", gb_drama[up.v / 1000], (int) (up.v % 1000));
	else if (strcmp(iso, "FR") == 0)
		appendStringInfo(out, "+33 %s %02d %02d", fr_fiction[up.v / 10000],
						 (int) (up.v / 100 % 100), (int) (up.v % 100));
	else if (strcmp(iso, "DE") == 0)
		appendStringInfo(out, sd_rng_below(&tc->rng, 2) ? "+49 %s %s%03d" : "0%s %s%03d",
						 de_film[up.v / 1000][0], de_film[up.v / 1000][1],
						 (int) (up.v % 1000));
	else
		nanp_number(tc, nanp_area((int) (up.v / 100)), 555, 100 + (int) (up.v % 100), out);
}

/* ---- identifiers -------------------------------------------------------------- */

/*
 * National ids.  US: area 900-999 with group 01-49, which is neither an
 * SSN nor an ITIN.  German tax ids: two different digits repeated among
 * the first ten (an issued one repeats exactly one), MOD 11,10 check.
 */
static void
unique_ssn(Sampler *s, const ModelCol *c, int64 row, int locale, StringInfo out)
{
	uint64		size;
	UniquePos	up;

	if (locale == SD_FAKE_LOCALE_DE)
	{
		char		d[12];
		uint64		v;
		int			skip;

		size = UINT64CONST(81000000);
		up = unique_pos(s, c, row, &size, 1);
		v = up.v;
		d[0] = '1' + (char) (v % 9);
		v /= 9;
		d[1] = '0' + (char) (v % 10);
		d[2] = '0' + (char) (v / 10 % 10);
		d[3] = '0' + (char) (v / 100 % 10);
		v /= 1000;
		skip = (int) (v % 9);	/* a digit other than d[2] */
		d[4] = '0' + (char) (skip >= d[2] - '0' ? skip + 1 : skip);
		v /= 9;
		d[5] = '0' + (char) (v % 10);
		d[7] = '0' + (char) (v / 10 % 10);
		d[9] = '0' + (char) (v / 100 % 10);
		d[6] = d[2];
		d[8] = d[4];
		d[10] = sd_fake_de_taxid_check(d);
		d[11] = '\0';
		appendStringInfoString(out, d);
		return;
	}
	size = UINT64CONST(100) * 49 * 9999;
	up = unique_pos(s, c, row, &size, 1);
	appendStringInfo(out, "9%02d-%02d-%04d", (int) (up.v % 100),
					 1 + (int) (up.v / 100 % 49), 1 + (int) (up.v / 4900));
}

/*
 * Card numbers under the issuer prefixes of the networks' published test
 * cards (fake.c), the account digits from the position, the Luhn digit.
 */
static void
unique_card(Sampler *s, const ModelCol *c, int64 row, StringInfo out)
{
	static const char *const bins[] = {
		"411111", "401288", "424242", "400005", "555555", "510510",
		"520082", "601111", "601100", "378282", "371449", "378734"
	};
	uint64		size = lengthof(bins) * UINT64CONST(100000000);
	UniquePos	up = unique_pos(s, c, row, &size, 1);
	const char *bin = bins[up.v % lengthof(bins)];
	char		digits[20];

	/* American Express numbers have 15 digits, the others 16 */
	snprintf(digits, sizeof(digits), "%s%0*llu", bin, bin[0] == '3' ? 8 : 9,
			 (unsigned long long) (up.v / lengthof(bins)));
	appendStringInfo(out, "%s%d", digits, sd_fake_luhn_digit(digits));
}

/*
 * IBANs as the fake generators make them (German bank codes starting with
 * 9, which no bank has; British ones), the account digits from the
 * position, the ISO 13616 check digits.
 */
static void
unique_iban(Sampler *s, TargetCol *tc, const ModelCol *c, int64 row, int locale,
			StringInfo out)
{
	uint64		size = UINT64CONST(100000000000000);	/* 10^14 */
	UniquePos	up = unique_pos(s, c, row, &size, 1);
	StringInfoData bban;
	const char *country = locale == SD_FAKE_LOCALE_DE ? "DE" : "GB";
	int			i;

	initStringInfo(&bban);
	if (locale == SD_FAKE_LOCALE_DE)
	{
		/* bank code 9xxxxxxx and account: 17 digits after the 9 */
		appendStringInfoString(&bban, "9");
		append_padded(&bban, sd_rng_below(&tc->rng, 1000), 3);
	}
	else
		for (i = 0; i < 4; i++)
			appendStringInfoChar(&bban, (char) ('A' + sd_rng_below(&tc->rng, 26)));
	append_padded(&bban, up.v, 14);
	appendStringInfo(out, "%s%02d%s", country, sd_fake_iban_check(country, bban.data),
					 bban.data);
	pfree(bban.data);
}

/* license plates: US style ABC-1234; German district-XY 1234 */
static void
unique_plate(Sampler *s, const ModelCol *c, int64 row, int locale, StringInfo out)
{
	const LocaleWords *lw = words_of(locale);
	uint64		size;
	UniquePos	up;

	if (locale == SD_FAKE_LOCALE_DE && lw->plates.n > 0)
	{
		uint64		letters;

		size = lw->plates.n * 702 * 9999;
		up = unique_pos(s, c, row, &size, 1);
		appendStringInfo(out, "%s-", lw->plates.w[up.v % lw->plates.n]);
		letters = up.v / lw->plates.n % 702;
		if (letters >= 26)
			appendStringInfoChar(out, (char) ('A' + (letters - 26) / 26));
		appendStringInfo(out, "%c %d", (char) ('A' + letters % 26),
						 1 + (int) (up.v / lw->plates.n / 702));
		return;
	}
	size = UINT64CONST(17576) * 10000;
	up = unique_pos(s, c, row, &size, 1);
	appendStringInfo(out, "%c%c%c-%04d", (char) ('A' + up.v % 26),
					 (char) ('A' + up.v / 26 % 26), (char) ('A' + up.v / 676 % 26),
					 (int) (up.v / 17576));
}

/* ---- internet ------------------------------------------------------------------ */

/*
 * IPv4: the RFC 5737 documentation networks while they last (762 hosts),
 * then the RFC 2544 benchmarking block 198.18.0.0/15, then 240.0.0.0/4
 * (reserved, RFC 1112); no host ends in .0 or .255.
 */
static void
unique_ipv4(Sampler *s, const ModelCol *c, int64 row, StringInfo out)
{
	static const char *const nets[] = {"192.0.2", "198.51.100", "203.0.113"};
	const uint64 sizes[3] = {3 * 254, 512 * 254, UINT64CONST(16) * 65536 * 254};
	UniquePos	up = unique_pos(s, c, row, sizes, 3);
	int			host = 1 + (int) (up.v % 254);
	uint64		net = up.v / 254;

	if (up.tier == 0)
		appendStringInfo(out, "%s.%d", nets[net], host);
	else if (up.tier == 1)
		appendStringInfo(out, "198.%d.%d.%d", 18 + (int) (net / 256),
						 (int) (net % 256), host);
	else
		appendStringInfo(out, "%d.%d.%d.%d", 240 + (int) (net / 65536),
						 (int) (net / 256 % 256), (int) (net % 256), host);
}

/* IPv6 in 2001:db8::/32 (RFC 3849), every group non-zero (canonical text) */
static void
unique_ipv6(Sampler *s, const ModelCol *c, int64 row, StringInfo out)
{
	uint64		size = UINT64CONST(1) << 62;
	UniquePos	up = unique_pos(s, c, row, &size, 1);
	uint64		k = sd_mix64(s->seed ^ sd_hash_bytes(c->name, (int) strlen(c->name), 6));
	uint64		v = up.v;
	int			i;

	appendStringInfo(out, "2001:db8:%x:%x", 1 + (int) (k % 0xFFFF),
					 1 + (int) (k / 0xFFFF % 0xFFFF));
	for (i = 0; i < 4; i++)
	{
		appendStringInfo(out, ":%x", 1 + (int) (v % 0xFFFF));
		v /= 0xFFFF;
	}
}

/* MAC addresses: locally administered unicast, 46 bits from the position */
static void
unique_mac(Sampler *s, const ModelCol *c, int64 row, StringInfo out)
{
	uint64		size = UINT64CONST(1) << 46;
	UniquePos	up = unique_pos(s, c, row, &size, 1);
	int			i;

	appendStringInfo(out, "%02x", (int) (((up.v >> 40) & 0x3F) << 2) | 0x02);
	for (i = 4; i >= 0; i--)
		appendStringInfo(out, ":%02x", (int) ((up.v >> (8 * i)) & 0xFF));
}

/*
 * https://www.<stem>-<trade>.example.<tld>/: one host per row, the pairs
 * of words first, then with a number (-2 to -999), then larger ones.
 */
static void
unique_url(Sampler *s, TargetCol *tc, const ModelCol *c, int64 row, StringInfo out)
{
	static const char *const tlds[] = {"example.com", "example.net", "example.org"};
	const LocaleWords *lw = words_of(SD_FAKE_LOCALE_EN);
	uint64		pairs = Max(lw->stems.n * lw->trades.n, 1);
	const uint64 sizes[3] = {pairs, pairs * 998, pairs * UINT64CONST(1000000000000)};
	UniquePos	up = unique_pos(s, c, row, sizes, 3);
	uint64		pair = up.v % pairs;

	appendStringInfo(out, "https://www.%s-%s", lw->stems.w[pair % lw->stems.n],
					 lw->trades.w[pair / lw->stems.n]);
	if (up.tier > 0)
		appendStringInfo(out, "-" UINT64_FORMAT,
						 up.v / pairs + (up.tier == 1 ? 2 : 1000));
	appendStringInfo(out, ".%s/", tlds[sd_rng_below(&tc->rng, 3)]);
}

/* ---- names and addresses ---------------------------------------------------- */

/*
 * Names: the dictionary's first or last names, then two of them joined by
 * a hyphen (Anna-Lena, Smith-Baker), then three; full names: first and
 * last, then with one middle initial, then two.
 */
static void
unique_name(Sampler *s, const ModelCol *c, int64 row, const WordList *a,
			StringInfo out)
{
	uint64		n = Max(a->n, 1);
	const uint64 sizes[3] = {n, n * n, n * n * n};
	UniquePos	up = unique_pos(s, c, row, sizes, 3);
	uint64		v = up.v;
	int			i;

	for (i = 0; i <= up.tier; i++)
	{
		appendStringInfo(out, "%s%s", i > 0 ? "-" : "", a->w[v % n]);
		v /= n;
	}
}

static void
unique_full_name(Sampler *s, const ModelCol *c, int64 row, const LocaleWords *lw,
				 StringInfo out)
{
	uint64		fl = Max(lw->first.n * lw->last.n, 1);
	const uint64 sizes[3] = {fl, fl * 26, fl * 676};
	UniquePos	up = unique_pos(s, c, row, sizes, 3);
	uint64		v = up.v;
	int			i;

	appendStringInfoString(out, lw->first.w[v % lw->first.n]);
	v /= lw->first.n;
	appendStringInfoChar(out, ' ');
	for (i = 0; i < up.tier; i++)
	{
		appendStringInfo(out, "%c. ", (char) ('A' + v % 26));
		v /= 26;
	}
	appendStringInfoString(out, lw->last.w[v % lw->last.n]);
}

/*
 * The row's person when a unique name column anchors it (roles_sample.c):
 * the column's position of the row within the space of the person's sex —
 * the women's first names or the men's (no name in both), so rows of the
 * two sexes never meet, and rows of one sex never meet by the permutation.
 * A full name gives first name, middle initials and last name; a first or
 * last name column gives that part only (joined names past the list).
 */
void
roles_unique_person(Sampler *s, const ModelCol *c, int64 row, int locale,
					bool female, SdUniquePerson *up_out)
{
	const LocaleWords *lw = words_of(locale);
	const WordList *fl = female ? &lw->female : &lw->male;
	SdFakeKind	k = sd_fake_kind_lookup(c->pii_kind);
	StringInfoData b;

	up_out->first[0] = up_out->last[0] = up_out->middle[0] = '\0';
	initStringInfo(&b);
	if (k == SD_FAKE_FULL_NAME)
	{
		uint64		fn = Max(fl->n, 1),
					fl_n = fn * Max(lw->last.n, 1);
		const uint64 sizes[3] = {fl_n, fl_n * 26, fl_n * 676};
		UniquePos	up = unique_pos(s, c, row, sizes, 3);
		uint64		v = up.v;
		int			i;

		strlcpy(up_out->first, fl->w[v % fn], sizeof(up_out->first));
		v /= fn;
		for (i = 0; i < up.tier; i++)
		{
			appendStringInfo(&b, "%c. ", (char) ('A' + v % 26));
			v /= 26;
		}
		strlcpy(up_out->middle, b.data, sizeof(up_out->middle));
		strlcpy(up_out->last, lw->last.w[v % lw->last.n], sizeof(up_out->last));
	}
	else if (k == SD_FAKE_FIRST_NAME)
	{
		unique_name(s, c, row, fl, &b);
		strlcpy(up_out->first, b.data, sizeof(up_out->first));
	}
	else
	{
		unique_name(s, c, row, &lw->last, &b);
		strlcpy(up_out->last, b.data, sizeof(up_out->last));
	}
	pfree(b.data);
}

/*
 * Street, street type and a house number: 1 to 199 first, then up to
 * 9999, then the same with a letter after the number (12B; 12b in
 * German-speaking forms).
 */
static void
unique_street(Sampler *s, const ModelCol *c, int64 row, int locale,
			  const LocaleWords *lw, StringInfo out)
{
	uint64		pairs = Max(lw->streets.n * lw->street_types.n, 1);
	const uint64 sizes[3] = {pairs * 199, pairs * 9800, pairs * 9999 * 26};
	UniquePos	up = unique_pos(s, c, row, sizes, 3);
	const char *street = lw->streets.w[up.v % pairs % lw->streets.n];
	const char *type = lw->street_types.w[up.v % pairs / lw->streets.n];
	uint64		house = up.v / pairs;
	char		no[16];

	snprintf(no, sizeof(no), "%d",
			 1 + (int) (up.tier == 1 ? 199 + house : house % 9999));
	if (up.tier == 2)
		snprintf(no + strlen(no), 2, "%c",
				 (locale == SD_FAKE_LOCALE_EN ? 'A' : 'a') + (int) (house / 9999));
	switch (locale)
	{
		case SD_FAKE_LOCALE_DE:
		case SD_FAKE_LOCALE_NL:
			appendStringInfo(out, "%s%s %s", street, type, no);
			break;
		case SD_FAKE_LOCALE_FR:
			appendStringInfo(out, "%s %s %s", no, type, street);
			break;
		case SD_FAKE_LOCALE_ES:
		case SD_FAKE_LOCALE_IT:
		case SD_FAKE_LOCALE_PT_BR:
			appendStringInfo(out, "%s %s, %s", type, street, no);
			break;
		default:
			appendStringInfo(out, "%s %s %s", no, street, type);
			break;
	}
}

/* second address lines: Apt, Suite, Unit (Wohnung) and a number */
static void
unique_line2(Sampler *s, const ModelCol *c, int64 row, int locale, StringInfo out)
{
	static const char *const en[] = {"Apt", "Suite", "Unit"};
	const uint64 sizes[2] = {3 * 2000, UINT64CONST(3000000000000)};
	UniquePos	up = unique_pos(s, c, row, sizes, 2);
	uint64		before = up.tier == 1 ? sizes[0] : 0;

	if (locale == SD_FAKE_LOCALE_DE)
		appendStringInfo(out, "Wohnung " UINT64_FORMAT, before + up.v + 1);
	else
		appendStringInfo(out, "%s " UINT64_FORMAT, en[up.v % 3],
						 (before + up.v) / 3 + 1);
}

/* ---- text keys of their shapes -------------------------------------------- */

#define SHAPE_CAPACITY_MAX (UINT64CONST(1) << 62)

/* the values a shape holds: 26 per letter, 10 per digit, 16 per hex digit (at most 2^62) */
static uint64
shape_capacity(const ModelShape *sh)
{
	uint64		n = 1;
	int			i;

	for (i = 0; i < sh->len; i++)
	{
		int			r = shape_place_radix(sh->shape[i]);

		if (n > SHAPE_CAPACITY_MAX / r)
			return SHAPE_CAPACITY_MAX;
		n *= r;
	}
	return n;
}

/*
 * Row "row" of a text key with shapes (marginal.c, shaped_key): a shape
 * drawn by its share from a uniform keyed by the row, then the row's place
 * in a keyed permutation of the shape's values, written in the shape's
 * letters and digits.  Two rows of one shape take two places of one
 * permutation, two shapes never spell one value: unique by construction.
 * A row past a shape's values takes the first shape that still has its
 * place; past them all the clone fails with 54000.
 */
void
roles_key_shape_value(Sampler *s, const ModelCol *c, int64 row, StringInfo out)
{
	uint64		key = sd_mix64(s->seed ^ sd_hash_bytes(c->name, (int) strlen(c->name), 0x6b6579));
	double		u = (double) (sd_mix64(key ^ sd_mix64((uint64) row)) >> 11) *
		(1.0 / 9007199254740992.0),
				acc = 0;
	int			j,
				i;
	uint64		v,
				h,
				cap,
				used = 1;
	FeistelPerm perm;
	const ModelShape *sh;

	for (j = 0; j < c->nshapes - 1; j++)
	{
		acc += c->shapes[j].p;
		if (u < acc)
			break;
	}
	if (shape_capacity(&c->shapes[j]) <= (uint64) row)
		for (j = 0; j < c->nshapes && shape_capacity(&c->shapes[j]) <= (uint64) row; j++)
			;
	if (j == c->nshapes)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("no unique value of its shapes is left for row " INT64_FORMAT " of key column \"%s\"",
						row, c->name),
				 errdetail("The fresh values of a text key are distinct by construction and its shapes hold no more of them."),
				 errhint("Sample fewer rows, or give the column another role in option \"columns\".")));
	sh = &c->shapes[j];
	cap = shape_capacity(sh);
	sd_perm_init(&perm, cap, s->seed, key + (uint64) j);
	v = sd_perm_apply(&perm, (uint64) row);
	h = sd_mix64(key ^ sd_mix64((uint64) row ^ UINT64CONST(0x5DEECE66D)));
	resetStringInfo(out);
	appendBinaryStringInfo(out, sh->shape, sh->len);

	/*
	 * From the right, the places that tell the permutation's values apart;
	 * past them (a shape of more than 2^62 values: a 32-digit hex key), the
	 * row's keyed hash, so that a long key is not 0000000000000000f941...
	 */
	for (i = sh->len - 1; i >= 0; i--)
	{
		char	   *ch = &out->data[i];
		int			r = shape_place_radix(*ch);
		uint64		d;

		if (r == 1)
			continue;
		if (used < cap)
		{
			d = v % r;
			v /= r;
			used = used > cap / r ? cap : used * r;
		}
		else
		{
			if (h < (uint64) r)
				h = sd_mix64(h + (uint64) i) | (UINT64CONST(1) << 63);
			d = h % r;
			h /= r;
		}
		*ch = shape_place_char(*ch, (int) d);
	}
}

/* ---- entry points ---------------------------------------------------------- */

/* whether roles_unique_value makes this kind unique */
bool
roles_unique_kind(int k)
{
	switch ((SdFakeKind) k)
	{
		case SD_FAKE_FIRST_NAME:
		case SD_FAKE_LAST_NAME:
		case SD_FAKE_FULL_NAME:
		case SD_FAKE_PHONE:
		case SD_FAKE_STREET_ADDRESS:
		case SD_FAKE_ADDRESS_LINE2:
		case SD_FAKE_URL:
		case SD_FAKE_IPV4:
		case SD_FAKE_IPV6:
		case SD_FAKE_MAC:
		case SD_FAKE_SSN:
		case SD_FAKE_IBAN:
		case SD_FAKE_CREDIT_CARD:
		case SD_FAKE_LICENSE_PLATE:
			return true;
		default:
			return false;
	}
}

/*
 * The value of row "row" of a unique personal column of a kind
 * roles_unique_kind accepts, appended to out; locale: the column's,
 * phone_iso: the country of the row's phone number.
 */
void
roles_unique_value(Sampler *s, TargetCol *tc, const ModelCol *c, int64 row,
				   int locale, const char *phone_iso, StringInfo out)
{
	const LocaleWords *lw = words_of(locale);

	switch (tc->fake)
	{
		case SD_FAKE_FIRST_NAME:
			unique_name(s, c, row, &lw->first, out);
			break;
		case SD_FAKE_LAST_NAME:
			unique_name(s, c, row, &lw->last, out);
			break;
		case SD_FAKE_FULL_NAME:
			unique_full_name(s, c, row, lw, out);
			break;
		case SD_FAKE_PHONE:
			unique_phone(s, tc, c, row, phone_iso, out);
			break;
		case SD_FAKE_STREET_ADDRESS:
			unique_street(s, c, row, locale, lw, out);
			break;
		case SD_FAKE_ADDRESS_LINE2:
			unique_line2(s, c, row, locale, out);
			break;
		case SD_FAKE_URL:
			unique_url(s, tc, c, row, out);
			break;
		case SD_FAKE_IPV4:
			unique_ipv4(s, c, row, out);
			break;
		case SD_FAKE_IPV6:
			unique_ipv6(s, c, row, out);
			break;
		case SD_FAKE_MAC:
			unique_mac(s, c, row, out);
			break;
		case SD_FAKE_SSN:
			unique_ssn(s, c, row, locale, out);
			break;
		case SD_FAKE_IBAN:
			unique_iban(s, tc, c, row, locale, out);
			break;
		case SD_FAKE_CREDIT_CARD:
			unique_card(s, c, row, out);
			break;
		case SD_FAKE_LICENSE_PLATE:
			unique_plate(s, c, row, locale, out);
			break;
		default:
			elog(ERROR, "no unique fakes of kind %d", (int) tc->fake);
	}
}
