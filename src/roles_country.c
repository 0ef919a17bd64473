/*-------------------------------------------------------------------------
 *
 * roles_country.c
 *		Countries of the row's place: the names a country column may spell
 *		a country with, the locale of its places (a fake dictionary of its
 *		own, or none), and for a country without a dictionary a few of its
 *		largest cities with their region, the layout of its postal codes and
 *		of its phone numbers, so that a row's city, state, postal code and
 *		phone are of the row's country.
 *
 * A country column is a category (roles.c, marginal.c): the countries held
 * by at least k rows keep their shares, and the share of the rarer ones
 * goes to countries of this table the source's categories do not hold, in
 * the table's order (roughly by economic size, a public prior that says
 * nothing of the source), as many as the source has rare values.
 *
 * Cities, regions and layouts are facts.  A postal layout writes '#' as a
 * digit and '@' as a capital letter; a phone layout likewise.  Phone
 * numbers of countries without a block kept for fiction have the national
 * layout only and may exist (as those of the Spanish, Italian, Dutch,
 * Brazilian and Japanese locales).  A country value that is not in the
 * table gets a made-up town name of syllables and no real city.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/roles_country.c
 *
 *-------------------------------------------------------------------------
 */
#include "clone_cons.h"

#include "fake.h"

#define EN SD_FAKE_LOCALE_EN
#define DE SD_FAKE_LOCALE_DE
#define FR SD_FAKE_LOCALE_FR
#define ES SD_FAKE_LOCALE_ES
#define IT SD_FAKE_LOCALE_IT
#define NL SD_FAKE_LOCALE_NL
#define PT SD_FAKE_LOCALE_PT_BR
#define JA SD_FAKE_LOCALE_JA
#define NOPLACES (-1)

/*
 * In the order the rare share is filled.  names: '|'-separated, lower case,
 * the first is the English name's lower case; the ISO code matches too.
 */
static const SdCountry countries[] = {
	{"united states|united states of america|usa|america|u.s.a.|u.s.", "US", "United States", EN, EN, NULL, {{NULL}}},
	{"china|people's republic of china|prc", "CN", "China", NOPLACES, EN, "+86 1## #### ####",
	{{"Beijing", "Beijing", "BJ", "100###"}, {"Shanghai", "Shanghai", "SH", "200###"},
	{"Guangzhou", "Guangdong", "GD", "510###"}}},
	{"germany|deutschland", "DE", "Germany", DE, DE, NULL, {{NULL}}},
	{"japan|nippon", "JP", "Japan", JA, JA, NULL, {{NULL}}},
	{"india|bharat", "IN", "India", NOPLACES, EN, "+91 9#### #####",
	{{"New Delhi", "Delhi", "DL", "110###"}, {"Mumbai", "Maharashtra", "MH", "400###"},
	{"Bengaluru", "Karnataka", "KA", "560###"}}},
	{"united kingdom|uk|great britain|britain|england|scotland|wales|northern ireland", "GB", "United Kingdom", NOPLACES, EN, NULL,
	{{"London", "England", "ENG", "SW# #@@"}, {"Manchester", "England", "ENG", "M# #@@"},
	{"Edinburgh", "Scotland", "SCT", "EH# #@@"}}},
	{"france", "FR", "France", FR, FR, NULL, {{NULL}}},
	{"italy|italia", "IT", "Italy", IT, IT, NULL, {{NULL}}},
	{"brazil|brasil", "BR", "Brazil", PT, PT, NULL, {{NULL}}},
	{"canada", "CA", "Canada", NOPLACES, EN, "+1 ### 555 01##",
	{{"Toronto", "Ontario", "ON", "M#@ #@#"}, {"Montreal", "Quebec", "QC", "H#@ #@#"},
	{"Vancouver", "British Columbia", "BC", "V#@ #@#"}}},
	{"russia|russian federation", "RU", "Russia", NOPLACES, EN, "+7 9## ###-##-##",
	{{"Moscow", "Moscow", "MOW", "1#####"}, {"Saint Petersburg", "Saint Petersburg", "SPE", "19####"},
	{"Novosibirsk", "Novosibirsk Oblast", "NVS", "630###"}}},
	{"mexico|méxico", "MX", "Mexico", NOPLACES, ES, "+52 55 #### ####",
	{{"Mexico City", "Ciudad de México", "CMX", "0####"}, {"Guadalajara", "Jalisco", "JAL", "44###"},
	{"Monterrey", "Nuevo León", "NLE", "64###"}}},
	{"australia", "AU", "Australia", NOPLACES, EN, "+61 4## ### ###",
	{{"Sydney", "New South Wales", "NSW", "2###"}, {"Melbourne", "Victoria", "VIC", "3###"},
	{"Brisbane", "Queensland", "QLD", "4###"}}},
	{"south korea|korea|republic of korea", "KR", "South Korea", NOPLACES, EN, "+82 10-####-####",
	{{"Seoul", "Seoul", "11", "0####"}, {"Busan", "Busan", "26", "4####"},
	{"Incheon", "Incheon", "28", "2####"}}},
	{"spain|españa|espana", "ES", "Spain", ES, ES, NULL, {{NULL}}},
	{"indonesia", "ID", "Indonesia", NOPLACES, EN, "+62 21 #### ####",
	{{"Jakarta", "Jakarta", "JK", "1####"}, {"Surabaya", "East Java", "JI", "60###"},
	{"Bandung", "West Java", "JB", "40###"}}},
	{"netherlands|the netherlands|holland|nederland", "NL", "Netherlands", NL, NL, NULL, {{NULL}}},
	{"turkey|türkiye|turkiye", "TR", "Turkey", NOPLACES, EN, "+90 5## ### ## ##",
	{{"Istanbul", "Istanbul", "34", "34###"}, {"Ankara", "Ankara", "06", "06###"},
	{"Izmir", "Izmir", "35", "35###"}}},
	{"switzerland|schweiz|suisse", "CH", "Switzerland", NOPLACES, DE, "+41 7# ### ## ##",
	{{"Zürich", "Zürich", "ZH", "80##"}, {"Geneva", "Geneva", "GE", "12##"},
	{"Bern", "Bern", "BE", "30##"}}},
	{"poland|polska", "PL", "Poland", NOPLACES, EN, "+48 5## ### ###",
	{{"Warsaw", "Masovian", "MZ", "0#-###"}, {"Kraków", "Lesser Poland", "MA", "3#-###"},
	{"Wrocław", "Lower Silesian", "DS", "5#-###"}}},
	{"belgium|belgique|belgië", "BE", "Belgium", NOPLACES, FR, "+32 4## ## ## ##",
	{{"Brussels", "Brussels-Capital", "BRU", "10##"}, {"Antwerp", "Antwerp", "VAN", "20##"},
	{"Ghent", "East Flanders", "VOV", "90##"}}},
	{"sweden|sverige", "SE", "Sweden", NOPLACES, EN, "+46 7# ### ## ##",
	{{"Stockholm", "Stockholm", "AB", "1## ##"}, {"Gothenburg", "Västra Götaland", "O", "4## ##"},
	{"Malmö", "Skåne", "M", "2## ##"}}},
	{"argentina", "AR", "Argentina", NOPLACES, ES, "+54 9 11 ####-####",
	{{"Buenos Aires", "Buenos Aires", "C", "C1###@@@"}, {"Córdoba", "Córdoba", "X", "X5###@@@"},
	{"Rosario", "Santa Fe", "S", "S2###@@@"}}},
	{"ireland|éire|eire|republic of ireland", "IE", "Ireland", NOPLACES, EN, "+353 8# ### ####",
	{{"Dublin", "Leinster", "L", "D0# @###"}, {"Cork", "Munster", "M", "T12 @###"},
	{"Galway", "Connacht", "C", "H91 @###"}}},
	{"austria|österreich|osterreich", "AT", "Austria", NOPLACES, DE, "+43 6## ### ####",
	{{"Vienna", "Vienna", "W", "1##0"}, {"Graz", "Styria", "ST", "80##"},
	{"Salzburg", "Salzburg", "S", "50##"}}},
	{"norway|norge", "NO", "Norway", NOPLACES, EN, "+47 4# ## ## ##",
	{{"Oslo", "Oslo", "03", "0###"}, {"Bergen", "Vestland", "46", "5###"},
	{"Trondheim", "Trøndelag", "50", "7###"}}},
	{"israel", "IL", "Israel", NOPLACES, EN, "+972 5#-###-####",
	{{"Tel Aviv", "Tel Aviv", "TA", "6######"}, {"Jerusalem", "Jerusalem", "JM", "9######"},
	{"Haifa", "Haifa", "HA", "3######"}}},
	{"denmark|danmark", "DK", "Denmark", NOPLACES, EN, "+45 2# ## ## ##",
	{{"Copenhagen", "Capital Region", "84", "1###"}, {"Aarhus", "Central Denmark", "82", "8###"},
	{"Odense", "Southern Denmark", "83", "5###"}}},
	{"singapore", "SG", "Singapore", NOPLACES, EN, "+65 8### ####",
	{{"Singapore", "Singapore", "SG", "######"}}},
	{"south africa", "ZA", "South Africa", NOPLACES, EN, "+27 8# ### ####",
	{{"Johannesburg", "Gauteng", "GP", "2###"}, {"Cape Town", "Western Cape", "WC", "8###"},
	{"Durban", "KwaZulu-Natal", "KZN", "4###"}}},
	{"colombia", "CO", "Colombia", NOPLACES, ES, "+57 3## ### ####",
	{{"Bogotá", "Bogotá", "DC", "11####"}, {"Medellín", "Antioquia", "ANT", "05####"},
	{"Cali", "Valle del Cauca", "VAC", "76####"}}},
	{"chile", "CL", "Chile", NOPLACES, ES, "+56 9 #### ####",
	{{"Santiago", "Santiago Metropolitan", "RM", "8######"}, {"Valparaíso", "Valparaíso", "VS", "23#####"},
	{"Concepción", "Biobío", "BI", "40#####"}}},
	{"finland|suomi", "FI", "Finland", NOPLACES, EN, "+358 4# ### ####",
	{{"Helsinki", "Uusimaa", "18", "00###"}, {"Tampere", "Pirkanmaa", "11", "33###"},
	{"Turku", "Southwest Finland", "19", "20###"}}},
	{"czech republic|czechia|česko", "CZ", "Czech Republic", NOPLACES, EN, "+420 6## ### ###",
	{{"Prague", "Prague", "PR", "1## ##"}, {"Brno", "South Moravian", "JM", "6## ##"},
	{"Ostrava", "Moravian-Silesian", "MO", "7## ##"}}},
	{"portugal", "PT", "Portugal", NOPLACES, PT, "+351 9## ### ###",
	{{"Lisbon", "Lisbon", "11", "1###-###"}, {"Porto", "Porto", "13", "4###-###"},
	{"Coimbra", "Coimbra", "06", "3###-###"}}},
	{"new zealand|aotearoa", "NZ", "New Zealand", NOPLACES, EN, "+64 2# ### ####",
	{{"Auckland", "Auckland", "AUK", "1###"}, {"Wellington", "Wellington", "WGN", "6###"},
	{"Christchurch", "Canterbury", "CAN", "8###"}}},
	{"greece|hellas", "GR", "Greece", NOPLACES, EN, "+30 69# ### ####",
	{{"Athens", "Attica", "I", "1## ##"}, {"Thessaloniki", "Central Macedonia", "B", "5## ##"},
	{"Patras", "Western Greece", "G", "26# ##"}}},
	{"hungary|magyarország", "HU", "Hungary", NOPLACES, EN, "+36 ## ### ####",
	{{"Budapest", "Budapest", "BU", "1###"}, {"Debrecen", "Hajdú-Bihar", "HB", "40##"},
	{"Szeged", "Csongrád-Csanád", "CS", "67##"}}}
};

/* whether the '|'-separated list names holds label[0..len), case-insensitively */
static bool
names_hold(const char *names, const char *label, int len)
{
	const char *p = names;

	while (*p)
	{
		const char *e = strchr(p, '|');
		int			n = e != NULL ? (int) (e - p) : (int) strlen(p);

		if (n == len && pg_strncasecmp(p, label, len) == 0)
			return true;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return false;
}

const SdCountry *
roles_country_lookup(const char *label, int len)
{
	int			i;

	/* spaces around a value are not part of the name */
	while (len > 0 && (label[0] == ' ' || label[0] == '\t'))
		label++, len--;
	while (len > 0 && (label[len - 1] == ' ' || label[len - 1] == '\t'))
		len--;
	for (i = 0; i < (int) lengthof(countries); i++)
		if ((len == 2 && pg_strncasecmp(countries[i].iso, label, 2) == 0) ||
			names_hold(countries[i].names, label, len))
			return &countries[i];
	return NULL;
}

/*
 * The locale of the fake places of a country's rows: -1 for a country
 * known without places of its own, -2 for a value that is no known country.
 */
int
roles_country_locale(const char *label, int len)
{
	const SdCountry *ci = roles_country_lookup(label, len);

	return ci != NULL ? ci->locale : -2;
}

/* ---- the places of a country without a dictionary ------------------------- */

static int
below(SdRng *rng, int n)
{
	return (int) (sd_rng_uniform(rng) * n) % n;
}

/* layout: '#' a digit, '@' a capital letter (no I or O), the rest as is */
static void
append_layout(StringInfo out, const char *layout, SdRng *rng)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
	const char *p;

	for (p = layout; *p; p++)
	{
		if (*p == '#')
			appendStringInfoChar(out, (char) ('0' + below(rng, 10)));
		else if (*p == '@')
			appendStringInfoChar(out, letters[below(rng, lengthof(letters) - 1)]);
		else
			appendStringInfoChar(out, *p);
	}
}

static int
country_ncities(const SdCountry *ci)
{
	int			n = 0;

	while (n < SD_COUNTRY_CITIES && ci->cities[n].name != NULL)
		n++;
	return n;
}

/*
 * A made-up town (or region) name of two or three syllables: for a country
 * the table does not know, whose real places we cannot name.
 */
static void
append_toponym(StringInfo out, SdRng *rng, bool region)
{
	static const char *const first[] = {
		"Ar", "Bel", "Cor", "Dal", "Ester", "Fen", "Gal", "Hal", "Ith", "Kel",
		"Lor", "Mar", "Nor", "Ost", "Pel", "Ros", "Sel", "Tor", "Val", "Wen"
	};
	static const char *const mid[] = {"a", "e", "i", "o", "an", "en", "ir", "ol"};
	static const char *const last[] = {
		"burg", "dale", "field", "ford", "haven", "holm", "mere", "mont",
		"stad", "ton", "vik", "wick"
	};

	appendStringInfoString(out, first[below(rng, lengthof(first))]);
	if (below(rng, 2) == 0)
		appendStringInfoString(out, mid[below(rng, lengthof(mid))]);
	appendStringInfoString(out, last[below(rng, lengthof(last))]);
	if (region)
		appendStringInfoString(out, " Province");
}

static uint64
country_place_stream(void)
{
	static uint64 id = 0;

	if (id == 0)
		id = sd_stream_id("synthdata country place");
	return id;
}

/* the number of ci's city named name, or -1 */
int
roles_country_city_index(const SdCountry *ci, const char *name)
{
	int			n = ci != NULL ? country_ncities(ci) : 0,
				i;

	for (i = 0; i < n; i++)
		if (strcmp(ci->cities[i].name, name) == 0)
			return i;
	return -1;
}

/*
 * The value of a place kind (city, state, state code, postal code) of the
 * row's country when the country has no dictionary of places (ci NULL: a
 * country the table does not know), in its city city_index when that is
 * known (the row's parent names it), else one drawn.  The city comes from
 * the stream of the row's place at the row, so the row's columns name one
 * city; the postal code's digits come from the column's stream.
 */
void
roles_country_place(const SdCountry *ci, int kind, int city_index, uint64 seed,
					int64 row, SdRng *rng, StringInfo out)
{
	SdRng		place;
	int			n = ci != NULL ? country_ncities(ci) : 0;
	const SdCountryCity *city;

	sd_rng_init(&place, seed, country_place_stream());
	sd_rng_seek(&place, (uint64) row);
	if (n == 0)
	{
		/* a town no one lives in: the same name in the row's city and region */
		if (kind == SD_FAKE_CITY)
			append_toponym(out, &place, false);
		else if (kind == SD_FAKE_STATE || kind == SD_FAKE_STATE_ABBR)
		{
			(void) sd_rng_uniform(&place);
			append_toponym(out, &place, kind == SD_FAKE_STATE);
		}
		else
			append_layout(out, "#####", rng);
		return;
	}
	city = &ci->cities[below(&place, n)];
	if (city_index >= 0 && city_index < n)
		city = &ci->cities[city_index];	/* the parent's city */
	switch (kind)
	{
		case SD_FAKE_CITY:
			appendStringInfoString(out, city->name);
			break;
		case SD_FAKE_STATE:
			appendStringInfoString(out, city->region);
			break;
		case SD_FAKE_STATE_ABBR:
			appendStringInfoString(out, city->region_code);
			break;
		default:
			append_layout(out, city->postal, rng);
			break;
	}
}

/* a phone number of the country's national layout (not of a fiction range) */
void
roles_country_phone(const SdCountry *ci, SdRng *rng, StringInfo out)
{
	append_layout(out, ci->phone, rng);
}

/* ---- the rare share of a country column ----------------------------------- */

/* a copy of rows x from doubles with rows x to, the new places filled with fill */
static double *
widen(const double *a, int rows, int from, int to, double fill)
{
	double	   *w = palloc(sizeof(double) * Max(rows * to, 1));
	int			r,
				j;

	for (r = 0; r < rows; r++)
		for (j = 0; j < to; j++)
			w[r * to + j] = j < from ? a[r * from + j] : fill;
	return w;
}

/*
 * Column i gains nadd categories: what depends on its category gets rows
 * for them that say nothing (the marginal: no conditional shares, the
 * column's NULL share, no determined category).
 */
static void
widen_children(Model *m, int i, int nadd)
{
	int			n = m->cols[i].ncat,
				j;

	for (j = 0; j < m->ncols; j++)
	{
		ModelCol   *c = &m->cols[j];

		if (c->parent == i && c->cond != NULL)
			c->cond = widen(c->cond, 1, n * U_BINS * 3, (n + nadd) * U_BINS * 3, 0);
		if (c->null_parent == i && c->null_cond != NULL)
			c->null_cond = widen(c->null_cond, 1, n, n + nadd, c->null_fraction);
		if (c->cat_parent == i && c->cat_cond != NULL)
			c->cat_cond = widen(c->cat_cond, 1, n * c->ncat, (n + nadd) * c->ncat, 0);
	}
	if (m->cons != NULL)
		for (j = 0; j < m->cons->ndeps; j++)
			if (m->cons->deps[j].determinant == i)
			{
				int		   *map = palloc(sizeof(int) * (n + nadd));
				int			t;

				for (t = 0; t < n + nadd; t++)
					map[t] = t < n ? m->cons->deps[j].map[t] : -1;
				m->cons->deps[j].map = map;
			}
}

/* whether the column's categories hold country ci (by any of its names) */
static bool
cats_hold(const ModelCol *c, const SdCountry *ci)
{
	int			j;

	for (j = 0; j < c->ncat; j++)
		if (roles_country_lookup(c->cats[j].label, c->cats[j].len) == ci)
			return true;
	return false;
}

/* whether most of the categories' rows spell their country as its ISO code */
static bool
cats_are_codes(const ModelCol *c)
{
	double		codes = 0;
	int			j;

	for (j = 0; j < c->ncat; j++)
		if (c->cats[j].len == 2)
			codes += c->cats[j].p;
	return codes > 0.5;
}

/*
 * The share of a country column's rare values (held by fewer than k rows:
 * not emitted) goes to as many countries of the table as the source has
 * rare values, the first ones its categories do not hold, in equal shares;
 * they join the categories after the copula's (at the end of its order).
 */
void
roles_country_fill(Model *m)
{
	int			i;

	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *c = &m->cols[i];
		ModelCat   *cats;
		const SdCountry **add;
		int			nadd = 0,
					j,
					t;
		bool		codes;

		if (c->kind != MK_CATEGORICAL || c->numeric_cats || c->rare_values <= 0 ||
			c->suppressed <= 0 || c->suppressed > 1)
			continue;
		codes = cats_are_codes(c);
		add = palloc(sizeof(SdCountry *) * lengthof(countries));
		for (t = 0; t < (int) lengthof(countries) && nadd < c->rare_values; t++)
			if (!cats_hold(c, &countries[t]))
				add[nadd++] = &countries[t];
		if (nadd == 0)
			continue;
		cats = palloc0(sizeof(ModelCat) * (c->ncat + nadd));
		memcpy(cats, c->cats, sizeof(ModelCat) * c->ncat);
		for (j = 0; j < c->ncat; j++)
			cats[j].p *= 1.0 - c->suppressed;
		for (j = 0; j < nadd; j++)
		{
			const char *label = codes ? add[j]->iso : add[j]->label;

			cats[c->ncat + j].label = pstrdup(label);
			cats[c->ncat + j].len = strlen(label);
			cats[c->ncat + j].p = c->suppressed / nadd;
		}
		/* conditional on a parent: the new countries are never its rows' */
		if (c->cat_cond != NULL && c->cat_parent >= 0)
			c->cat_cond = widen(c->cat_cond, m->cols[c->cat_parent].ncat,
								c->ncat, c->ncat + nadd, 0);
		widen_children(m, i, nadd);
		c->cats = cats;
		c->ncat += nadd;
	}
}

/*
 * The NULL share of rows rows of which vals hold a value: fraction (the
 * column's own) over fewer than k rows; for one country (clamp), 0 or 1
 * where fewer than k of them are NULL or hold a value.
 */
static double
place_share(double rows, double vals, double fraction, int k, bool clamp)
{
	if (rows < k)
		return fraction;
	if (clamp && rows - vals < k)
		return 0;
	if (clamp && vals < k)
		return 1;
	return (rows - vals) / rows;
}

/*
 * A place column (city, state, postal code) with NULLs beside the row's
 * country: its NULL share per country category, so that a country whose
 * addresses have no state keeps none (chinook's French customers got
 * regions, its American ones lost their states: the share was the same in
 * every country; a conditional NULL-ness on the country gave the countries
 * that stand for the rare ones the overall share).  A country held by k
 * rows gets its own share; the countries that stand for the rare ones
 * (roles_country_fill) share the rare countries' rows, pooled (their share tells no more of any of them
 * than the column's overall one).  As for a conditional NULL-ness, a share
 * over fewer than k rows is the column's overall one, and in a country a
 * NULL or value held by fewer than k of its rows is never drawn (0 or 1).
 * One GROUP BY of the source by its country; the caller is connected to
 * SPI.
 */
void
roles_place_nulls(Model *m, FitContext *fc)
{
	const ModelPersonal *p = m->personal;
	const ModelCol *cc;
	StringInfoData q;
	int		   *cols;
	int			ncols = 0,
				i,
				j,
				r;
	double	   *rows,
			   *vals,
				rest_rows = 0;
	double	   *rest_vals;
	MemoryContext cxt = CurrentMemoryContext;
	int			ret;

	if (p == NULL || p->country_col < 0 || !OidIsValid(fc->relid))
		return;
	cc = &m->cols[p->country_col];
	if (cc->kind != MK_CATEGORICAL || cc->ncat < 1)
		return;
	cols = palloc(sizeof(int) * m->ncols);
	for (i = 0; i < m->ncols; i++)
	{
		const ModelCol *c = &m->cols[i];
		SdFakeKind	k = c->pii_kind != NULL ? sd_fake_kind_lookup(c->pii_kind) : SD_FAKE_NONE;

		if (c->role == ROLE_PII && c->sem != NULL && c->kind != MK_NULL &&
			c->null_fraction > 0 &&
			(k == SD_FAKE_CITY || k == SD_FAKE_STATE || k == SD_FAKE_STATE_ABBR ||
			 k == SD_FAKE_POSTAL_CODE))
			cols[ncols++] = i;
	}
	if (ncols == 0)
		return;

	initStringInfo(&q);
	appendStringInfo(&q, "SELECT s.%s::pg_catalog.text, pg_catalog.count(*)",
					 quote_identifier(cc->name));
	for (j = 0; j < ncols; j++)
		appendStringInfo(&q, ", pg_catalog.count(s.%s)", quote_identifier(m->cols[cols[j]].name));
	appendStringInfo(&q, " FROM %s AS s", fc->qualified);
	if (fc->opts.sample_percent > 0)
		appendStringInfo(&q, " TABLESAMPLE pg_catalog.bernoulli (%.17g) REPEATABLE (0)",
						 fc->opts.sample_percent);
	appendStringInfo(&q, " WHERE s.%s IS NOT NULL GROUP BY 1", quote_identifier(cc->name));
	ret = SPI_execute(q.data, true, 0);
	MemoryContextSwitchTo(cxt);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "synthdata: place NULL query failed");

	/* rows and values per country category; the rare countries pooled */
	rows = palloc0(sizeof(double) * cc->ncat);
	vals = palloc0(sizeof(double) * cc->ncat * ncols);
	rest_vals = palloc0(sizeof(double) * ncols);
	for (r = 0; r < (int) SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	td = SPI_tuptable->tupdesc;
		char	   *label = SPI_getvalue(tup, td, 1);
		bool		isnull;
		double		n = (double) DatumGetInt64(SPI_getbinval(tup, td, 2, &isnull));
		int			cat = -1;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < cc->ncat && label != NULL; i++)
			if (cc->cats[i].len == (int) strlen(label) &&
				memcmp(cc->cats[i].label, label, cc->cats[i].len) == 0)
			{
				cat = i;
				break;
			}
		if (cat >= 0 && n < m->k)
			cat = -1;			/* held by fewer than k rows: pooled */
		if (cat >= 0)
			rows[cat] += n;
		else
			rest_rows += n;
		for (j = 0; j < ncols; j++)
		{
			double		v = (double) DatumGetInt64(SPI_getbinval(tup, td, 3 + j, &isnull));

			if (cat >= 0)
				vals[cat * ncols + j] += v;
			else
				rest_vals[j] += v;
		}
	}
	SPI_freetuptable(SPI_tuptable);

	for (j = 0; j < ncols; j++)
	{
		ModelCol   *c = &m->cols[cols[j]];
		MemoryContext mcxt = GetMemoryChunkContext(m);
		double		rest = place_share(rest_rows, rest_vals[j], c->null_fraction, m->k, false);
		bool		differs = false;

		c->sem->place_null = MemoryContextAlloc(mcxt, sizeof(double) * cc->ncat);
		c->sem->nplace_null = cc->ncat;
		for (i = 0; i < cc->ncat; i++)
		{
			c->sem->place_null[i] = rows[i] > 0 ?
				place_share(rows[i], vals[i * ncols + j], c->null_fraction, m->k, true) : rest;
			differs |= fabs(c->sem->place_null[i] - c->null_fraction) > 1e-9;
		}
		if (!differs)
		{
			/* the same in every country: the column's own NULL-ness */
			c->sem->place_null = NULL;
			c->sem->nplace_null = 0;
		}
	}
}
