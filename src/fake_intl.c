/*-------------------------------------------------------------------------
 *
 * fake_intl.c
 *		Locales of the fake-value engine: their names, the shapes of phone
 *		numbers, street addresses and postal codes of the locales beyond
 *		English and German, the Latin spelling of Japanese names (for email
 *		addresses and user names), and the LABEL, TITLE and COURTESY kinds.
 *
 * Phone numbers: French numbers are in the blocks ARCEP keeps for fiction
 * (01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49, 06 39 98); the other
 * new locales have no such block, so their numbers have the national
 * layout only and may exist.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fake_intl.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fake.h"
#include "fake_dict.h"

/* ---------------------------------------------------------------------
 * Locale names
 * ---------------------------------------------------------------------
 */

static const struct
{
	const char *name;
	int			locale;
} locale_names[] = {
	{"en", SD_FAKE_LOCALE_EN}, {"en_us", SD_FAKE_LOCALE_EN},
	{"en-us", SD_FAKE_LOCALE_EN}, {"english", SD_FAKE_LOCALE_EN},
	{"de", SD_FAKE_LOCALE_DE}, {"de_de", SD_FAKE_LOCALE_DE},
	{"de-de", SD_FAKE_LOCALE_DE}, {"german", SD_FAKE_LOCALE_DE},
	{"deutsch", SD_FAKE_LOCALE_DE},
	{"fr", SD_FAKE_LOCALE_FR}, {"fr_fr", SD_FAKE_LOCALE_FR},
	{"fr-fr", SD_FAKE_LOCALE_FR}, {"french", SD_FAKE_LOCALE_FR},
	{"es", SD_FAKE_LOCALE_ES}, {"es_es", SD_FAKE_LOCALE_ES},
	{"es-es", SD_FAKE_LOCALE_ES}, {"spanish", SD_FAKE_LOCALE_ES},
	{"it", SD_FAKE_LOCALE_IT}, {"it_it", SD_FAKE_LOCALE_IT},
	{"it-it", SD_FAKE_LOCALE_IT}, {"italian", SD_FAKE_LOCALE_IT},
	{"nl", SD_FAKE_LOCALE_NL}, {"nl_nl", SD_FAKE_LOCALE_NL},
	{"nl-nl", SD_FAKE_LOCALE_NL}, {"dutch", SD_FAKE_LOCALE_NL},
	{"pt_br", SD_FAKE_LOCALE_PT_BR}, {"pt-br", SD_FAKE_LOCALE_PT_BR},
	{"pt", SD_FAKE_LOCALE_PT_BR}, {"portuguese", SD_FAKE_LOCALE_PT_BR},
	{"ja", SD_FAKE_LOCALE_JA}, {"ja_jp", SD_FAKE_LOCALE_JA},
	{"ja-jp", SD_FAKE_LOCALE_JA}, {"japanese", SD_FAKE_LOCALE_JA}
};

StaticAssertDecl(SD_FAKE_NLOCALES == 8, "locale list out of date");

int
sd_fake_locale_lookup(const char *name)
{
	int			i;

	for (i = 0; i < (int) lengthof(locale_names); i++)
		if (pg_strcasecmp(name, locale_names[i].name) == 0)
			return locale_names[i].locale;
	return -1;
}

/* the locale of synthdata.locale (module.c keeps it in step) */
int			sd_fake_locale_setting = SD_FAKE_LOCALE_EN;

int
sd_fake_default_locale(void)
{
	return sd_fake_locale_setting;
}

const char *
sd_fake_locale_country(int locale)
{
	return sd_fake_dicts[locale].home_country;
}

const char *
sd_fake_locale_country_code(int locale)
{
	return sd_fake_dicts[locale].home_code;
}

/* ---------------------------------------------------------------------
 * Helpers
 * ---------------------------------------------------------------------
 */

static inline int
between(SdRng *rng, int lo, int hi)
{
	return lo + (int) sd_rng_below(rng, (uint64) (hi - lo + 1));
}

static inline const char *
pick(SdRng *rng, const SdFakeList *l)
{
	return l->items[sd_rng_below(rng, (uint64) l->n)];
}

static void
append_digits(StringInfo out, SdRng *rng, int n)
{
	while (n-- > 0)
		appendStringInfoChar(out, '0' + (char) sd_rng_below(rng, 10));
}

/* append w with its first letter upper-cased (ASCII and Latin-1 letters) */
static void
append_capitalized(StringInfo out, const char *w)
{
	const unsigned char *p = (const unsigned char *) w;

	if (*p >= 'a' && *p <= 'z')
	{
		appendStringInfoChar(out, (char) (*p - 'a' + 'A'));
		appendStringInfoString(out, w + 1);
	}
	else if (p[0] == 0xC3 && p[1] >= 0xA0 && p[1] <= 0xBE && p[1] != 0xB7)
	{
		appendStringInfoChar(out, (char) 0xC3);
		appendStringInfoChar(out, (char) (p[1] - 0x20));
		appendStringInfoString(out, w + 2);
	}
	else
		appendStringInfoString(out, w);
}

/* ---------------------------------------------------------------------
 * Phone numbers, streets, postal codes
 * ---------------------------------------------------------------------
 */

bool
sd_fake_intl_phone(int locale, SdRng *rng, StringInfo out)
{
	static const char *const fr_fiction[] = {
		"1 99 00", "2 61 91", "3 53 01", "4 65 71", "5 36 49", "6 39 98"
	};
	int			form;

	if (locale < SD_FAKE_LOCALE_FR)
		return false;			/* en and de: fake.c, no draw taken here */
	form = (int) sd_rng_below(rng, 2);
	switch (locale)
	{
		case SD_FAKE_LOCALE_FR:
			appendStringInfo(out, form ? "+33 %s " : "0%s ",
							 fr_fiction[sd_rng_below(rng, lengthof(fr_fiction))]);
			append_digits(out, rng, 2);
			appendStringInfoChar(out, ' ');
			append_digits(out, rng, 2);
			return true;
		case SD_FAKE_LOCALE_ES:
			appendStringInfoString(out, form ? "+34 " : "");
			appendStringInfoChar(out, sd_rng_below(rng, 3) ? '9' : '6');
			append_digits(out, rng, 2);
			appendStringInfoChar(out, ' ');
			append_digits(out, rng, 3);
			appendStringInfoChar(out, ' ');
			append_digits(out, rng, 3);
			return true;
		case SD_FAKE_LOCALE_IT:
			if (sd_rng_below(rng, 3) == 0)
				appendStringInfo(out, "%s3%d ", form ? "+39 " : "",
								 between(rng, 20, 49));
			else
				appendStringInfo(out, "%s0%d ", form ? "+39 " : "",
								 between(rng, 2, 9));
			append_digits(out, rng, 4);
			appendStringInfoChar(out, ' ');
			append_digits(out, rng, 4);
			return true;
		case SD_FAKE_LOCALE_NL:
			/* nine digits after the 0: 06 + 8 (mobile) or area + 7 */
			if (sd_rng_below(rng, 3) == 0)
			{
				appendStringInfoString(out, form ? "+31 6 " : "06-");
				append_digits(out, rng, 8);
			}
			else
			{
				appendStringInfo(out, form ? "+31 %d " : "0%d-",
								 between(rng, 10, 79));
				append_digits(out, rng, form ? 3 : 7);
				if (form)
				{
					appendStringInfoChar(out, ' ');
					append_digits(out, rng, 4);
				}
			}
			return true;
		case SD_FAKE_LOCALE_PT_BR:
			appendStringInfo(out, "%s(%d) ", form ? "+55 " : "",
							 between(rng, 11, 99));
			if (sd_rng_below(rng, 2))
				appendStringInfoChar(out, '9');
			append_digits(out, rng, 4);
			appendStringInfoChar(out, '-');
			append_digits(out, rng, 4);
			return true;
		case SD_FAKE_LOCALE_JA:
			if (form)
				appendStringInfoString(out, sd_rng_below(rng, 2) ? "090-" : "080-");
			else
				appendStringInfoString(out, sd_rng_below(rng, 2) ? "03-" : "06-");
			append_digits(out, rng, 4);
			appendStringInfoChar(out, '-');
			append_digits(out, rng, 4);
			return true;
		default:
			return false;
	}
}

bool
sd_fake_intl_street(int locale, SdRng *rng, StringInfo out)
{
	const SdFakeDict *d = &sd_fake_dicts[locale];
	int			no;

	if (locale < SD_FAKE_LOCALE_FR)
		return false;
	no = between(rng, 1, between(rng, 1, 4) * 40);
	switch (locale)
	{
		case SD_FAKE_LOCALE_FR:
			appendStringInfo(out, "%d%s %s %s", no,
							 sd_rng_below(rng, 12) == 0 ? " bis" : "",
							 pick(rng, &d->street_types), pick(rng, &d->streets));
			return true;
		case SD_FAKE_LOCALE_ES:
		case SD_FAKE_LOCALE_IT:
		case SD_FAKE_LOCALE_PT_BR:
			appendStringInfo(out, "%s %s, %d", pick(rng, &d->street_types),
							 pick(rng, &d->streets), no);
			return true;
		case SD_FAKE_LOCALE_NL:
			appendStringInfo(out, "%s%s %d", pick(rng, &d->streets),
							 pick(rng, &d->street_types), no);
			return true;
		case SD_FAKE_LOCALE_JA:
			appendStringInfo(out, "%s%d丁目%d-%d", pick(rng, &d->streets),
							 between(rng, 1, 5), between(rng, 1, 30),
							 between(rng, 1, 20));
			return true;
		default:
			return false;
	}
}

bool
sd_fake_intl_line2(int locale, SdRng *rng, StringInfo out)
{
	int			form;

	if (locale < SD_FAKE_LOCALE_FR)
		return false;
	form = (int) sd_rng_below(rng, 2);
	switch (locale)
	{
		case SD_FAKE_LOCALE_FR:
			if (form)
				appendStringInfo(out, "Appartement %d", between(rng, 1, 60));
			else
				appendStringInfo(out, "Bâtiment %c", 'A' + (char) sd_rng_below(rng, 6));
			return true;
		case SD_FAKE_LOCALE_ES:
			appendStringInfo(out, "%dº %c", between(rng, 1, 9),
							 'A' + (char) sd_rng_below(rng, 4));
			return true;
		case SD_FAKE_LOCALE_IT:
			if (form)
				appendStringInfo(out, "Interno %d", between(rng, 1, 30));
			else
				appendStringInfo(out, "Scala %c", 'A' + (char) sd_rng_below(rng, 4));
			return true;
		case SD_FAKE_LOCALE_NL:
			if (form)
				appendStringInfo(out, "%d-hoog", between(rng, 1, 4));
			else
				appendStringInfoString(out, sd_rng_below(rng, 2) ? "bis" : "A");
			return true;
		case SD_FAKE_LOCALE_PT_BR:
			if (form)
				appendStringInfo(out, "Apto %d%02d", between(rng, 1, 15),
								 between(rng, 1, 8));
			else
				appendStringInfo(out, "Bloco %c", 'A' + (char) sd_rng_below(rng, 4));
			return true;
		case SD_FAKE_LOCALE_JA:
			appendStringInfo(out, "%sハイツ %d%02d号室",
							 pick(rng, &sd_fake_dicts[locale].company_stems),
							 between(rng, 1, 9), between(rng, 1, 12));
			return true;
		default:
			return false;
	}
}

bool
sd_fake_intl_postal(int locale, const char *postal3, int tail, SdRng *rng,
					StringInfo out)
{
	static const char letters[] = "ABCEGHJKLMNPRTVWXZ";

	switch (locale)
	{
		case SD_FAKE_LOCALE_NL:
			/* 1234 AB */
			appendStringInfo(out, "%s%d %c%c", postal3, tail % 10,
							 letters[sd_rng_below(rng, sizeof(letters) - 1)],
							 letters[sd_rng_below(rng, sizeof(letters) - 1)]);
			return true;
		case SD_FAKE_LOCALE_PT_BR:
			/* CEP 01310-100 */
			appendStringInfo(out, "%s%02d-", postal3, tail);
			append_digits(out, rng, 3);
			return true;
		case SD_FAKE_LOCALE_JA:
			/* 〒100-0001 without the mark */
			appendStringInfo(out, "%s-%02d", postal3, tail);
			append_digits(out, rng, 2);
			return true;
		default:
			return false;
	}
}

/* family name first in Japanese */
bool
sd_fake_intl_full_name(int locale, const char *first, const char *last,
					   StringInfo out)
{
	if (locale != SD_FAKE_LOCALE_JA)
		return false;
	appendStringInfo(out, "%s %s", last, first);
	return true;
}

/* ---------------------------------------------------------------------
 * Latin spelling of the Japanese names (Hepburn, long vowels unmarked)
 * ---------------------------------------------------------------------
 */

static const char *const romaji[][2] = {
	{"陽子", "yoko"}, {"花子", "hanako"}, {"美咲", "misaki"},
	{"さくら", "sakura"}, {"結衣", "yui"}, {"優子", "yuko"},
	{"恵子", "keiko"}, {"由美", "yumi"}, {"直美", "naomi"},
	{"真由美", "mayumi"}, {"愛", "ai"}, {"彩", "aya"}, {"葵", "aoi"},
	{"陽菜", "hina"}, {"凛", "rin"}, {"明美", "akemi"},
	{"太郎", "taro"}, {"健太", "kenta"}, {"翔太", "shota"},
	{"大輔", "daisuke"}, {"拓也", "takuya"}, {"浩", "hiroshi"},
	{"誠", "makoto"}, {"隆", "takashi"}, {"直樹", "naoki"}, {"蓮", "ren"},
	{"大翔", "hiroto"}, {"悠真", "yuma"}, {"和也", "kazuya"},
	{"一郎", "ichiro"}, {"健一", "kenichi"}, {"聡", "satoshi"},
	{"佐藤", "sato"}, {"鈴木", "suzuki"}, {"高橋", "takahashi"},
	{"田中", "tanaka"}, {"伊藤", "ito"}, {"渡辺", "watanabe"},
	{"山本", "yamamoto"}, {"中村", "nakamura"}, {"小林", "kobayashi"},
	{"加藤", "kato"}, {"吉田", "yoshida"}, {"山田", "yamada"},
	{"佐々木", "sasaki"}, {"山口", "yamaguchi"}, {"松本", "matsumoto"},
	{"井上", "inoue"}, {"木村", "kimura"}, {"林", "hayashi"},
	{"斎藤", "saito"}, {"清水", "shimizu"},
	{"富士", "fuji"}, {"日の出", "hinode"}, {"大和", "yamato"},
	{"東洋", "toyo"}, {"青空", "aozora"}, {"光", "hikari"},
	{"北斗", "hokuto"}, {"若葉", "wakaba"}, {"瑞穂", "mizuho"},
	{"物流", "butsuryu"}, {"商事", "shoji"}, {"建設", "kensetsu"},
	{"システム", "system"}, {"電機", "denki"}, {"運輸", "unyu"},
	{"保険", "hoken"}, {"不動産", "fudosan"}, {"食品", "shokuhin"},
	{"工業", "kogyo"}
};

const char *
sd_fake_romaji(const char *name)
{
	int			i;

	/* kana and CJK ideographs start with E3-E9 in UTF-8 */
	if ((unsigned char) name[0] < 0xE3 || (unsigned char) name[0] > 0xE9)
		return NULL;
	for (i = 0; i < (int) lengthof(romaji); i++)
		if (strcmp(name, romaji[i][0]) == 0)
			return romaji[i][1];
	return NULL;
}

/* ---------------------------------------------------------------------
 * Labels, titles, forms of address
 * ---------------------------------------------------------------------
 */

static const char *const en_labels[] = {
	"Action", "Animation", "Classics", "Comedy", "Documentary", "Drama",
	"Family", "Foreign", "Horror", "Music", "Sports", "Travel", "Games",
	"Jazz", "Rock", "Blues", "Pop", "Latin", "Folk", "Standard", "Premium",
	"Basic", "Deluxe", "Outdoor", "Kitchen", "Garden", "Office", "Toys",
	"Books", "Electronics", "Beverages", "Produce", "Seafood", "Dairy",
	"Hardware", "Software", "Retail", "Wholesale", "Online", "Archive"
};

static const char *const courtesy[SD_FAKE_NLOCALES][2][3] = {
	/* female forms, male forms (the third is the doctor's) */
	{{"Ms.", "Mrs.", "Dr."}, {"Mr.", "Mr.", "Dr."}},
	{{"Frau", "Frau", "Dr."}, {"Herr", "Herr", "Dr."}},
	{{"Mme", "Mlle", "Dr"}, {"M.", "M.", "Dr"}},
	{{"Sra.", "Srta.", "Dra."}, {"Sr.", "Sr.", "Dr."}},
	{{"Sig.ra", "Sig.na", "Dott.ssa"}, {"Sig.", "Sig.", "Dott."}},
	{{"Mevr.", "Mevr.", "Dr."}, {"Dhr.", "Dhr.", "Dr."}},
	{{"Sra.", "Srta.", "Dra."}, {"Sr.", "Sr.", "Dr."}},
	{{"様", "さん", "先生"}, {"様", "さん", "先生"}}
};

static void
fake_title(int locale, SdRng *rng, StringInfo out)
{
	const SdFakeDict *d = &sd_fake_dicts[locale];

	if (locale != SD_FAKE_LOCALE_EN)
	{
		/* one or two of the locale's words */
		append_capitalized(out, pick(rng, &d->words));
		if (sd_rng_below(rng, 3) != 0)
		{
			appendStringInfoChar(out, ' ');
			if (locale == SD_FAKE_LOCALE_JA)
				out->len--, out->data[out->len] = '\0';
			appendStringInfoString(out, pick(rng, &d->words));
		}
		return;
	}
	switch (sd_rng_below(rng, 4))
	{
		case 0:
			appendStringInfoString(out, "The ");
			append_capitalized(out, pick(rng, &d->adjectives));
			appendStringInfoChar(out, ' ');
			append_capitalized(out, pick(rng, &d->nouns));
			break;
		case 1:
			append_capitalized(out, pick(rng, &d->adjectives));
			appendStringInfoChar(out, ' ');
			append_capitalized(out, pick(rng, &d->nouns));
			break;
		case 2:
			append_capitalized(out, pick(rng, &d->nouns));
			appendStringInfoString(out, " of the ");
			append_capitalized(out, pick(rng, &d->nouns));
			break;
		default:
			append_capitalized(out, pick(rng, &d->nouns));
			appendStringInfoChar(out, ' ');
			append_capitalized(out, pick(rng, &d->nouns));
			break;
	}
}

void
sd_fake_intl_generate(SdFakeKind kind, int locale, bool female, SdRng *rng,
					  StringInfo out)
{
	switch (kind)
	{
		case SD_FAKE_LABEL:
			if (locale == SD_FAKE_LOCALE_EN)
				appendStringInfoString(out,
									   en_labels[sd_rng_below(rng, lengthof(en_labels))]);
			else
				append_capitalized(out, pick(rng, &sd_fake_dicts[locale].words));
			break;
		case SD_FAKE_TITLE:
			fake_title(locale, rng, out);
			break;
		case SD_FAKE_COURTESY:
			{
				/* one in ten is a doctor; two in three women the first form */
				uint64		u = sd_rng_below(rng, 30);
				int			form = u < 3 ? 2 : (u < 22 ? 0 : 1);

				appendStringInfoString(out, courtesy[locale][female ? 0 : 1][form]);
				break;
			}
		default:
			elog(ERROR, "invalid fake kind %d for sd_fake_intl_generate", (int) kind);
	}
}
