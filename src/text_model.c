/*-------------------------------------------------------------------------
 *
 * text_model.c
 *		Free text of fitted cloning: a word n-gram model held by k rows.
 *
 * Fit.  The distinct texts of a free-text column are read, each with the
 * rows that hold it (at most TEXT_SAMPLE_ROWS of them, the first
 * TEXT_SAMPLE_CHARS characters of each, chosen by a hash of the text so
 * that the sample does not depend on the table's order), and every count
 * below is of rows, a text counting as the rows that hold it.  They are
 * cut into tokens at white space; a token keeps its
 * punctuation.  Personal spans become placeholders: emails, URLs, network
 * addresses, phone numbers, national ids, IBANs, card numbers, names (by
 * the fake engine's dictionaries, and any capitalised word after a title
 * such as "Dr."), dates, hexadecimal tokens of eight or more digits and
 * letters (hashes, session ids: "{{hex:32}}", by their length and case),
 * record numbers (a token of four digits or more with letters or dashes)
 * and numbers that fewer than k rows hold; a
 * placeholder token is "{{kind}}" or "{{kind:shape}}" with the token's
 * punctuation around it.  A number's or record number's shape keeps its
 * letters; where fewer than k rows hold it, or fewer than half of the rows
 * of codes of its length (letters that vary, as a hash's do), the token
 * becomes a code of its length ("{{code:xxxxx}}", separators kept).  Then:
 *	- the vocabulary: the tokens at least k distinct rows hold;
 *	- bigrams and trigrams of vocabulary tokens (0 marks the row's start
 *	  and end) that at least k distinct rows hold, with their occurrences;
 *	- skips: pairs (a, c) of vocabulary tokens two apart, whatever token
 *	  lies between them, that at least k distinct rows hold;
 *	- the rare sequences: 32-bit hashes of the 6-token sequences of the
 *	  texts that fewer than k rows hold and that the sampler could produce
 *	  (all tokens in the vocabulary, each adjacent pair a kept bigram, its
 *	  second token a kept sentence start, or the end of a kept skip);
 *	- the quantiles of words per row (clipped at the k-th extremes).
 * So every token, bigram and trigram of the model is held by k rows, and no
 * sequence of six tokens that fewer than k rows of the read texts hold is
 * ever produced.  The sizes are capped (text_model.h); a column whose rare
 * sequences exceed TEXT_RARE_MAX, or that has no kept sentence start, is
 * left to the format model.
 *
 * Sampling.  A row draws its number of words from the quantiles and then
 * its tokens by a trigram model with back-off to bigrams ("stupid
 * back-off", Brants et al., "Large Language Models in Machine Translation",
 * EMNLP 2007, without the unigram level), then to the skips from the token
 * before the last (a skip-bigram, as in Guthrie et al., "A Closer Look at
 * Skip-gram Modelling", LREC 2006): templated text whose every word pair
 * is rare ("A Fast-Paced Documentary", each adjective with each noun in a
 * few rows) still goes on "A Fast-Paced" -> "Documentary" through "A _
 * Documentary", which many rows hold, instead of starting over; and last
 * to the skips from the last token itself, leaving out the rare token
 * between ("patient <a code of one row> seen" -> "patient seen").  A drawn
 * end of row, or a context without any continuation, starts a new
 * sentence.  A token that would close a
 * rare sequence is drawn again.  Placeholders are filled with fresh fakes
 * of their kind (fake.h), random digits of their shape, or random
 * hexadecimal digits of their length, never with a source value.  The text is cut at a space to the column's longest length.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/text_model.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_collation.h"
#include "common/hashfn.h"
#include "mb/pg_wchar.h"

#include "clone_int.h"
#include "text_model.h"

#define TOKEN_SALT UINT64CONST(0x7465787430303031)
#define WINDOW_SEED UINT64CONST(0x5eed74657874364d)
#define REDRAWS 8
#define TEXT_LENGTH_TRIES 4		/* draws of a text for its length */
#define TEXT_SIM_TEXTS 1000		/* texts that test the model's ends, */
#define TEXT_SIM_WORDS 200000	/* ... fewer where longer */
#define TEXT_DIST_CAP 64		/* tokens counted to a text's end */
#define TEXT_SIM_SEED UINT64CONST(0x656e647374657374)

/* a token's placeholder, parsed for the sampler */
struct TextSlot
{
	int			prefix;			/* bytes before "{{" */
	const char *suffix;			/* after "}}" */
	char		mode;			/* 'f' fake, 'd' date, 's' shape, 'c' code
								 * (x: a digit or letter), 'h' hex digits */
	SdFakeKind	fake;
	char	   *shape;
	int			hexlen;			/* 'h': the digits, */
	bool		hexupper;		/* in upper case */
};

/* ---- hash tables keyed by 64-bit hashes ------------------------------------ */

typedef struct NgEntry
{
	uint64		key;
	int64		occ;
	int64		rows;			/* rows (weighted) holding it; 0 = empty slot */
	int32		last;			/* the last text counted, + 1 */
	int32		id;
} NgEntry;

typedef struct NgTable
{
	NgEntry    *e;
	uint64		mask;
	int64		n;
} NgTable;

static void
ng_init(NgTable *t, int64 expected)
{
	uint64		size = 1024;

	while (size < (uint64) expected * 2)
		size <<= 1;
	t->e = palloc0(sizeof(NgEntry) * size);
	t->mask = size - 1;
	t->n = 0;
}

static NgEntry *ng_add(NgTable *t, uint64 key);

static void
ng_grow(NgTable *t)
{
	NgEntry    *old = t->e;
	uint64		size = t->mask + 1,
				i;

	t->e = palloc0(sizeof(NgEntry) * size * 2);
	t->mask = size * 2 - 1;
	t->n = 0;
	for (i = 0; i < size; i++)
		if (old[i].rows > 0)
			*ng_add(t, old[i].key) = old[i];
	pfree(old);
}

/* the entry of key, a new empty one (rows 0) if absent */
static NgEntry *
ng_add(NgTable *t, uint64 key)
{
	uint64		i;

	if ((uint64) (t->n + 1) * 2 > t->mask + 1)
		ng_grow(t);
	for (i = sd_mix64(key) & t->mask;; i = (i + 1) & t->mask)
	{
		if (t->e[i].rows == 0 && t->e[i].last == 0)
		{
			t->e[i].key = key;
			t->e[i].last = -1;	/* taken, not yet counted */
			t->n++;
			return &t->e[i];
		}
		if (t->e[i].key == key)
			return &t->e[i];
	}
}

static NgEntry *
ng_find(const NgTable *t, uint64 key)
{
	uint64		i;

	for (i = sd_mix64(key) & t->mask; t->e[i].last != 0; i = (i + 1) & t->mask)
		if (t->e[i].key == key)
			return &t->e[i];
	return NULL;
}

/* one occurrence in text "row" (0-based), which w rows of the table hold */
static NgEntry *
ng_count(NgTable *t, uint64 key, int row, int64 w)
{
	NgEntry    *e = ng_add(t, key);

	e->occ += w;
	if (e->last != row + 1)
	{
		e->rows += w;
		e->last = row + 1;
	}
	return e;
}

static inline uint64
pair_key(int32 a, int32 b)
{
	return ((uint64) (uint32) a << 32) | (uint32) b;
}

static inline uint64
triple_key(int32 a, int32 b, int32 c)
{
	return ((uint64) a << 42) | ((uint64) b << 21) | (uint64) c;
}

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

/* ---- tokens and placeholders ----------------------------------------------- */

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool
is_lead_punct(char c)
{
	return c != '\0' && strchr("([{\"'<", c) != NULL;
}

static bool
is_trail_punct(char c)
{
	return c != '\0' && strchr(".,;:!?)]}\"'>", c) != NULL;
}

/* the token's core: without the punctuation around it */
static void
token_core(const char *t, int len, int *from, int *to)
{
	int			a = 0,
				b = len;

	while (a < b && is_lead_punct(t[a]))
		a++;
	while (b > a && is_trail_punct(t[b - 1]))
		b--;
	*from = a;
	*to = b;
}

/* digits -> 9, letters kept only when keep_letters, else -> a */
static char *
digit_shape(const char *s, int len)
{
	char	   *out = palloc(len + 1);
	int			i;

	for (i = 0; i < len; i++)
		out[i] = (s[i] >= '0' && s[i] <= '9') ? '9' : s[i];
	out[len] = '\0';
	return out;
}

/*
 * The coarser placeholder of a number's or record number's token whose
 * shape fewer than k rows hold ("ref {{num:c9cx9}}", one of the many
 * shapes of short hexadecimal codes): "{{code:...}}", its letters and
 * digits as 'x' (or 'X' for a capital), its separators as they are, so
 * that the codes of many rows share it ("{{code:xxxxx}}").  Kept apart by
 * where their letters fall, such codes were each held by few rows, and so
 * were the word sequences around them.  NULL for other tokens.
 */
static char *
coarse_code(const char *tok)
{
	const char *open = strstr(tok, "{{num:"),
			   *close;
	char	   *out;
	int			skip = 6,
				o,
				i;

	if (open == NULL)
	{
		open = strstr(tok, "{{id:");
		skip = 5;
	}
	if (open == NULL || (close = strstr(open + skip, "}}")) == NULL)
		return NULL;
	out = palloc(strlen(tok) + 2);
	o = (int) (open - tok);
	memcpy(out, tok, o);
	o += sprintf(out + o, "{{code:");
	for (i = (int) (open - tok) + skip; tok + i < close; i++)
		out[o++] = (tok[i] >= 'A' && tok[i] <= 'Z') ? 'X' :
			((tok[i] >= 'a' && tok[i] <= 'z') || tok[i] == '9') ? 'x' : tok[i];
	strcpy(out + o, close);
	return out;
}

/* three groups of digits with one separator: 2024-03-01, 3/1/2024, 01.03.2024 */
static bool
is_date(const char *s, int len)
{
	int			groups[3] = {0, 0, 0},
				g = 0,
				i;
	char		sep = 0;

	for (i = 0; i < len; i++)
	{
		if (s[i] >= '0' && s[i] <= '9')
			groups[g]++;
		else if ((s[i] == '-' || s[i] == '/' || s[i] == '.') &&
				 (sep == 0 || sep == s[i]) && g < 2 && groups[g] > 0)
		{
			sep = s[i];
			g++;
		}
		else
			return false;
	}
	if (g != 2 || groups[2] == 0)
		return false;
	if (groups[0] == 4)
		return groups[1] <= 2 && groups[2] <= 2;
	return groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 2 || groups[2] == 4);
}

/* the year of a date core (is_date's layouts): its group of four digits, or 0 */
static int
date_year(const char *s, int len)
{
	int			y = 0,
				i;

	if (len >= 5 && !(s[4] >= '0' && s[4] <= '9'))
	{
		for (i = 0; i < 4 && s[i] >= '0' && s[i] <= '9'; i++)
			y = y * 10 + (s[i] - '0');
		if (i == 4)
			return y;
	}
	if (len >= 5 && !(s[len - 5] >= '0' && s[len - 5] <= '9'))
	{
		y = 0;
		for (i = len - 4; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			y = y * 10 + (s[i] - '0');
		if (i == len)
			return y;
	}
	return 0;
}

/* a year of a date in the texts, and the rows of the text it is in */
typedef struct TextYear
{
	int			year;
	int64		rows;
} TextYear;

static int
cmp_text_year(const void *a, const void *b)
{
	int			x = ((const TextYear *) a)->year,
				y = ((const TextYear *) b)->year;

	return (x > y) - (x < y);
}

/*
 * The span of the texts' years, clipped at the k-th extremes as a column's
 * values are: the first year reached by k rows from below, the last by k
 * from above.  False when the years are fewer than 2k rows'.
 */
static bool
year_span(TextYear *years, int n, int k, int *lo, int *hi)
{
	int64		total = 0,
				cum;
	int			i;

	for (i = 0; i < n; i++)
		total += years[i].rows;
	if (k < 1 || total < 2 * (int64) k)
		return false;
	qsort(years, n, sizeof(TextYear), cmp_text_year);
	for (i = 0, cum = 0; i < n && (cum += years[i].rows) < k; i++)
		;
	*lo = years[i].year;
	for (i = n - 1, cum = 0; i >= 0 && (cum += years[i].rows) < k; i--)
		;
	*hi = years[i].year;
	return true;
}

static bool
is_title(const char *t, int len)
{
	static const char *const titles[] = {"Dr", "Mr", "Mrs", "Ms", "Miss", "Prof", "Dr.",
	"Mr.", "Mrs.", "Ms.", "Prof.", NULL};
	int			i;

	for (i = 0; titles[i] != NULL; i++)
		if ((int) strlen(titles[i]) == len && memcmp(titles[i], t, len) == 0)
			return true;
	return false;
}

static bool
is_capitalised_word(const char *s, int len)
{
	int			i;

	if (len < 2 || !(s[0] >= 'A' && s[0] <= 'Z'))
		return false;
	for (i = 1; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '-' || s[i] == '\''))
			return false;
	return true;
}

/*
 * The placeholder of a token's core ("email", "date:9999-99-99", ...), or
 * NULL when the core is no personal span.  after_title: the previous token
 * is a title.  Numbers are "num:shape", which the caller keeps as they are
 * when k rows hold them.
 */
static char *
core_placeholder(const char *core, int len, bool after_title)
{
	char		buf[TEXT_TOKEN_MAX + 1];
	int			digits = 0,
				letters = 0,
				i;
	SdFakeKind	kind;

	if (len == 0 || len > TEXT_TOKEN_MAX)
		return NULL;
	for (i = 0; i < len; i++)
	{
		if (core[i] == '{' || core[i] == '}')
			return NULL;		/* would not parse back as a placeholder */
		digits += core[i] >= '0' && core[i] <= '9';
		letters += (core[i] >= 'a' && core[i] <= 'z') || (core[i] >= 'A' && core[i] <= 'Z');
	}
	if (digits > 0 && is_date(core, len))
		return psprintf("date:%s", digit_shape(core, len));
	memcpy(buf, core, len);
	buf[len] = '\0';
	kind = sd_fake_kind_from_value(buf);
	switch (kind)
	{
		case SD_FAKE_EMAIL:
		case SD_FAKE_URL:
		case SD_FAKE_IPV4:
		case SD_FAKE_IPV6:
		case SD_FAKE_MAC:
		case SD_FAKE_UUID:
		case SD_FAKE_SSN:
		case SD_FAKE_IBAN:
		case SD_FAKE_CREDIT_CARD:
		case SD_FAKE_PHONE:
			return pstrdup(sd_fake_kind_name(kind));
		case SD_FAKE_FIRST_NAME:
		case SD_FAKE_LAST_NAME:
			if (is_capitalised_word(core, len))
				return pstrdup(sd_fake_kind_name(kind));
			break;
		default:
			break;
	}
	if (after_title && is_capitalised_word(core, len))
		return pstrdup(sd_fake_kind_name(SD_FAKE_LAST_NAME));
	if (strchr(buf, '@') != NULL && letters > 0)
		return pstrdup(sd_fake_kind_name(SD_FAKE_EMAIL));

	/*
	 * A hexadecimal token of digits and letters (a hash, a session or
	 * transaction id): its length and case, not where its letters fall,
	 * which would make each one a shape of its own (held by one row).
	 */
	if (len >= 8 && digits > 0 && letters > 0 && letters + digits == len &&
		(strspn(buf, "0123456789abcdef") == (size_t) len ||
		 strspn(buf, "0123456789ABCDEF") == (size_t) len))
		return psprintf("%s:%d", strspn(buf, "0123456789abcdef") == (size_t) len ? "hex" : "HEX",
						len);
	if (digits >= 5 || (digits >= 4 && (letters > 0 || memchr(core, '-', len) != NULL)))
		return psprintf("id:%s", digit_shape(core, len));
	if (digits > 0)
		return psprintf("num:%s", digit_shape(core, len));
	return NULL;
}

/* "(555) 123-4567" is one phone number in two tokens */
static bool
is_split_phone(const char *a, int alen, const char *b, int blen)
{
	int			i;

	if (alen != 5 || a[0] != '(' || a[4] != ')')
		return false;
	for (i = 1; i < 4; i++)
		if (!(a[i] >= '0' && a[i] <= '9'))
			return false;
	while (blen > 0 && is_trail_punct(b[blen - 1]))
		blen--;
	if (blen != 8 || b[3] != '-')
		return false;
	for (i = 0; i < 8; i++)
		if (i != 3 && !(b[i] >= '0' && b[i] <= '9'))
			return false;
	return true;
}

/* a raw token of a text */
typedef struct RawToken
{
	const char *s;
	int			len;
} RawToken;

static int
split_tokens(const char *text, RawToken **out)
{
	int			n = 0,
				cap = 16;
	const char *p = text;
	RawToken   *t = palloc(sizeof(RawToken) * cap);

	for (;;)
	{
		const char *start;

		while (*p && is_space(*p))
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (*p && !is_space(*p))
			p++;
		if (n == cap)
		{
			cap *= 2;
			t = repalloc(t, sizeof(RawToken) * cap);
		}
		t[n].s = start;
		t[n].len = (int) (p - start);
		n++;
	}
	*out = t;
	return n;
}

static uint64
core_hash(const RawToken *t)
{
	int			a,
				b;

	token_core(t->s, t->len, &a, &b);
	return token_hash(t->s + a, b - a);
}

/*
 * The model's tokens of a text: placeholders for personal spans and rare
 * numbers (rawrows: rows per token core), the rest as written.
 */
/*
 * core_placeholder, remembered per distinct core (and title flag): texts
 * repeat their words, and the dictionaries are not free.
 */
typedef struct PlaceholderCache
{
	NgTable		seen;
	char	  **results;
	int			n;
	int			cap;
} PlaceholderCache;

static char *
cached_placeholder(PlaceholderCache *pc, const char *core, int len, bool after_title)
{
	uint64		key = token_hash(core, len) ^ (after_title ? UINT64CONST(0x9E3779B97F4A7C15) : 0);
	NgEntry    *e = ng_add(&pc->seen, key);

	if (e->rows == 0)
	{
		if (pc->n == pc->cap)
		{
			pc->cap = Max(1024, pc->cap * 2);
			pc->results = pc->results ? repalloc(pc->results, sizeof(char *) * pc->cap) :
				palloc(sizeof(char *) * pc->cap);
		}
		pc->results[pc->n] = core_placeholder(core, len, after_title);
		e->id = pc->n++;
		e->rows = 1;
		e->last = 1;
	}
	return pc->results[e->id];
}

static int
model_tokens(const char *text, const NgTable *rawrows, int k, PlaceholderCache *pc,
			 char ***out)
{
	RawToken   *raw;
	int			n = split_tokens(text, &raw),
				m = 0,
				i;
	char	  **toks = palloc(sizeof(char *) * Max(n, 1));

	for (i = 0; i < n; i++)
	{
		int			a,
					b;
		char	   *ph;

		if (i + 1 < n && is_split_phone(raw[i].s, raw[i].len, raw[i + 1].s, raw[i + 1].len))
		{
			token_core(raw[i + 1].s, raw[i + 1].len, &a, &b);
			toks[m++] = psprintf("{{phone}}%.*s", raw[i + 1].len - b, raw[i + 1].s + b);
			i++;
			continue;
		}
		token_core(raw[i].s, raw[i].len, &a, &b);
		/* a capitalised word after a title or a first name is a surname */
		ph = cached_placeholder(pc, raw[i].s + a, b - a,
							  i > 0 && (is_title(raw[i - 1].s, raw[i - 1].len) ||
										strcmp(toks[m - 1], "{{first_name}}") == 0));
		if (ph != NULL && strncmp(ph, "num:", 4) == 0)
		{
			NgEntry    *e = ng_find(rawrows, core_hash(&raw[i]));

			if (e != NULL && e->rows >= k)
				ph = NULL;		/* a number k rows hold: a word like any other */
		}
		if (ph != NULL)
			toks[m++] = psprintf("%.*s{{%s}}%.*s", a, raw[i].s, ph,
								 raw[i].len - b, raw[i].s + b);
		else if (raw[i].len <= TEXT_TOKEN_MAX)
			toks[m++] = pnstrdup(raw[i].s, raw[i].len);
		else
			toks[m++] = pstrdup("{{long}}");	/* never in k rows as written */
	}
	*out = toks;
	return m;
}

/* ---- fitting --------------------------------------------------------------- */

/*
 * The texts a model is fitted to: distinct texts, each with the number of
 * the table's rows that hold it (its weight), so that a column of few
 * texts repeated in many rows counts each as the rows it stands for.
 */
typedef struct FitText
{
	int			n;				/* texts */
	char	  **texts;
	double	   *scale;			/* full length / length read */
	int64	   *weight;			/* rows holding the text */
	int64		rows;			/* their sum */
} FitText;

typedef struct KeptGram
{
	uint64		key;
	int64		rows;
	int64		occ;
} KeptGram;

static int
cmp_kept_rows_desc(const void *a, const void *b)
{
	const KeptGram *x = a,
			   *y = b;

	if (x->rows != y->rows)
		return x->rows > y->rows ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

static int
cmp_kept_key(const void *a, const void *b)
{
	const KeptGram *x = a,
			   *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

static int
cmp_uint32(const void *a, const void *b)
{
	uint32		x = *(const uint32 *) a,
				y = *(const uint32 *) b;

	return x < y ? -1 : x > y;
}

/* the entries of t held by k rows, at most cap of the most held, by key */
static KeptGram *
kept_grams(const NgTable *t, int k, int cap, int *n)
{
	KeptGram   *g = palloc(sizeof(KeptGram) * Max(t->n, 1));
	int			m = 0;
	uint64		i;

	for (i = 0; i <= t->mask; i++)
		if (t->e[i].rows >= k)
		{
			g[m].key = t->e[i].key;
			g[m].rows = t->e[i].rows;
			g[m].occ = t->e[i].occ;
			m++;
		}
	if (m > cap)
	{
		qsort(g, m, sizeof(KeptGram), cmp_kept_rows_desc);
		m = cap;
	}
	qsort(g, m, sizeof(KeptGram), cmp_kept_key);
	*n = m;
	return g;
}

typedef struct TokenInfo
{
	char	   *s;
	int64		rows;
	int64		occ;
	int32		vid;			/* vocabulary id, 0 = none */
} TokenInfo;

/* the distinct tokens of the texts, counted by rows */
typedef struct TokenTally
{
	NgTable		toks;			/* by token hash: its index in info */
	TokenInfo  *info;
	int			ninfo;
	int			capinfo;
} TokenTally;

/* token s (hashed key) once more in text r of weight w; returns its index */
static int32
tally_token(TokenTally *tt, char *s, uint64 key, int r, int64 w)
{
	NgEntry    *e = ng_add(&tt->toks, key);

	if (e->rows == 0)
	{
		if (tt->ninfo == tt->capinfo)
		{
			tt->capinfo *= 2;
			tt->info = repalloc(tt->info, sizeof(TokenInfo) * tt->capinfo);
		}
		e->id = tt->ninfo;
		tt->info[tt->ninfo].s = s;
		tt->info[tt->ninfo].rows = 0;
		tt->info[tt->ninfo].occ = 0;
		tt->info[tt->ninfo].vid = 0;
		tt->ninfo++;
	}
	e->occ += w;
	if (e->last != r + 1)
	{
		e->rows += w;
		e->last = r + 1;
		tt->info[e->id].rows += w;
	}
	tt->info[e->id].occ += w;
	return e->id;
}

static int
cmp_token_rows_desc(const void *a, const void *b)
{
	const TokenInfo *x = *(TokenInfo *const *) a,
			   *y = *(TokenInfo *const *) b;

	if (x->rows != y->rows)
		return x->rows > y->rows ? -1 : 1;
	return strcmp(x->s, y->s);
}

/* vocabulary ids of each row's tokens: -1 out of the vocabulary */
typedef struct RowSeq
{
	int			n;
	int32	   *ids;
} RowSeq;

/*
 * The tokens of the texts, the vocabulary (tokens of k rows, the most held
 * first, at most TEXT_VOCAB_MAX) and each row's sequence of vocabulary ids.
 */
static RowSeq *
fit_vocabulary(TextModel *tm, const FitText *ft, int k, SdHist *words)
{
	NgTable		rawrows;
	TokenTally	tt;
	TokenInfo  *info;
	TokenInfo **order;
	int			ninfo,
				r,
				i;
	char	 ***rowtoks = palloc(sizeof(char **) * Max(ft->n, 1));
	int32	  **rowtid = palloc(sizeof(int32 *) * Max(ft->n, 1));
	RowSeq	   *seqs = palloc(sizeof(RowSeq) * Max(ft->n, 1));
	PlaceholderCache pc;
	TextYear   *years = NULL;
	int			nyears = 0,
				capyears = 0;

	/* rows of each raw token core (numbers are kept when k rows hold them) */
	ng_init(&rawrows, 4096);
	for (r = 0; r < ft->n; r++)
	{
		RawToken   *raw;
		int			n = split_tokens(ft->texts[r], &raw);

		/* the years of the texts' dates, which their placeholders will keep */
		for (i = 0; i < n; i++)
		{
			int			from,
						to,
						y;

			token_core(raw[i].s, raw[i].len, &from, &to);
			if (to > from && is_date(raw[i].s + from, to - from) &&
				(y = date_year(raw[i].s + from, to - from)) > 0)
			{
				if (nyears == capyears)
				{
					capyears = Max(64, 2 * capyears);
					years = years ? repalloc(years, sizeof(TextYear) * capyears) :
						palloc(sizeof(TextYear) * capyears);
				}
				years[nyears].year = y;
				years[nyears++].rows = ft->weight[r];
			}
		}

		for (i = 0; i < n; i++)
			ng_count(&rawrows, core_hash(&raw[i]), r, ft->weight[r]);
		pfree(raw);
		CHECK_FOR_INTERRUPTS();
	}
	/* the dates' years, clipped at the k-th extremes as a column's values are */
	if (!year_span(years, nyears, k, &tm->date_lo, &tm->date_hi))
		tm->date_lo = tm->date_hi = 0;
	ng_init(&tt.toks, 4096);
	tt.capinfo = 1024;
	tt.ninfo = 0;
	tt.info = palloc(sizeof(TokenInfo) * tt.capinfo);
	memset(&pc, 0, sizeof(pc));
	ng_init(&pc.seen, 4096);
	for (r = 0; r < ft->n; r++)
	{
		int			n = model_tokens(ft->texts[r], &rawrows, k, &pc, &rowtoks[r]);

		seqs[r].n = n;
		rowtid[r] = palloc(sizeof(int32) * Max(n, 1));
		sd_hist_add_n(words, rint(n * ft->scale[r]), ft->weight[r]);
		for (i = 0; i < n; i++)
			rowtid[r][i] = tally_token(&tt, rowtoks[r][i],
									   token_hash(rowtoks[r][i], strlen(rowtoks[r][i])),
									   r, ft->weight[r]);
		CHECK_FOR_INTERRUPTS();
	}

	/*
	 * Numbers and record numbers whose shape is rare (fewer than k rows
	 * hold it, or fewer than half of the rows of its code's shape: letters
	 * that vary from row to row, as a hash's do, not a prefix such as
	 * "INC"): their code placeholder, counted again by rows.  A rare shape
	 * was left out of the text, and "ref" or "plz" ended it; and codes kept
	 * apart by where their letters fall made the word sequences around
	 * them rare too.
	 */
	{
		int			nplain = tt.ninfo;
		char	  **code = palloc0(sizeof(char *) * Max(nplain, 1));
		bool	   *tried = palloc0(sizeof(bool) * Max(nplain, 1));
		bool	   *moved = palloc0(sizeof(bool) * Max(nplain, 1));
		NgTable		classes;
		int			pass;

		ng_init(&classes, 256);
		for (pass = 0; pass < 2; pass++)
		{
			for (r = 0; r < ft->n; r++)
			{
				for (i = 0; i < seqs[r].n; i++)
				{
					int32		id = rowtid[r][i];
					uint64		key;

					if (id >= nplain)
						continue;	/* already a code */
					if (!tried[id])
					{
						tried[id] = true;
						code[id] = coarse_code(tt.info[id].s);
					}
					if (code[id] == NULL)
						continue;
					key = token_hash(code[id], strlen(code[id]));
					if (pass == 0)
					{
						(void) ng_count(&classes, key, r, ft->weight[r]);
						continue;
					}
					if (tt.info[id].rows >= k && 2 * tt.info[id].rows >= ng_find(&classes, key)->rows)
						continue;
					moved[id] = true;
					rowtid[r][i] = tally_token(&tt, code[id], key, r, ft->weight[r]);
				}
				CHECK_FOR_INTERRUPTS();
			}
		}
		/* a shape all of whose tokens became codes is no word of its own */
		for (i = 0; i < nplain; i++)
			if (moved[i])
				tt.info[i].rows = 0;
	}
	info = tt.info;
	ninfo = tt.ninfo;

	/* the vocabulary: k rows, the most held first, then by bytes */
	order = palloc(sizeof(TokenInfo *) * Max(ninfo, 1));
	for (i = 0; i < ninfo; i++)
		order[i] = &info[i];
	qsort(order, ninfo, sizeof(TokenInfo *), cmp_token_rows_desc);
	tm->vocab = palloc0(sizeof(char *) * (Min(ninfo, TEXT_VOCAB_MAX) + 1));
	tm->uni = palloc0(sizeof(double) * (Min(ninfo, TEXT_VOCAB_MAX) + 1));
	tm->nvocab = 0;
	for (i = 0; i < ninfo && tm->nvocab < TEXT_VOCAB_MAX && order[i]->rows >= k; i++)
	{
		/* a long token's stand-in is no word */
		if (strcmp(order[i]->s, "{{long}}") == 0)
			continue;
		order[i]->vid = ++tm->nvocab;
		tm->vocab[tm->nvocab] = order[i]->s;
		tm->uni[tm->nvocab] = (double) order[i]->occ;
	}
	for (r = 0; r < ft->n; r++)
	{
		seqs[r].ids = rowtid[r];
		for (i = 0; i < seqs[r].n; i++)
			seqs[r].ids[i] = info[rowtid[r][i]].vid > 0 ? info[rowtid[r][i]].vid : -1;
	}
	return seqs;
}

/* the pairs of t (pair_key) held by k rows, as sorted (a, b) ids and their occurrences */
static int
kept_pairs(const NgTable *t, int k, int32 **ids, double **occ)
{
	int			n,
				i;
	KeptGram   *g = kept_grams(t, k, TEXT_NGRAMS_MAX, &n);

	*ids = palloc(sizeof(int32) * 2 * Max(n, 1));
	*occ = palloc(sizeof(double) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		(*ids)[2 * i] = (int32) (g[i].key >> 32);
		(*ids)[2 * i + 1] = (int32) (g[i].key & 0xFFFFFFFF);
		(*occ)[i] = (double) g[i].occ;
	}
	return n;
}

/* bigrams and trigrams of k rows, with 0 at each row's start and end */
static void
fit_ngrams(TextModel *tm, const RowSeq *seqs, const int64 *weight, int nrows, int k)
{
	NgTable		bi,
				tri,
				skip;
	KeptGram   *g;
	int			n,
				r,
				i;

	ng_init(&bi, 4096);
	ng_init(&tri, 4096);
	ng_init(&skip, 4096);
	for (r = 0; r < nrows; r++)
	{
		int32		p2 = 0,
					p1 = 0;

		if (seqs[r].n == 0)
			continue;
		/* positions 0..n: the row's tokens, then its end (0) */
		for (i = 0; i <= seqs[r].n; i++)
		{
			int32		w = i < seqs[r].n ? seqs[r].ids[i] : 0;

			if (w >= 0 && p1 >= 0)
				ng_count(&bi, pair_key(p1, w), r, weight[r]);
			if (w >= 0 && p1 >= 0 && p2 >= 0)
				ng_count(&tri, triple_key(p2, p1, w), r, weight[r]);
			/* a skip's middle token may be one the vocabulary lacks */
			if (w >= 0 && p2 >= 0 && i >= 1)
				ng_count(&skip, pair_key(p2, w), r, weight[r]);
			p2 = p1;
			p1 = w;
		}
		CHECK_FOR_INTERRUPTS();
	}
	tm->nbi = kept_pairs(&bi, k, &tm->bi, &tm->bic);
	g = kept_grams(&tri, k, TEXT_NGRAMS_MAX, &n);
	tm->ntri = n;
	tm->tri = palloc(sizeof(int32) * 3 * Max(n, 1));
	tm->tric = palloc(sizeof(double) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		tm->tri[3 * i] = (int32) (g[i].key >> 42);
		tm->tri[3 * i + 1] = (int32) ((g[i].key >> 21) & 0x1FFFFF);
		tm->tri[3 * i + 2] = (int32) (g[i].key & 0x1FFFFF);
		tm->tric[i] = (double) g[i].occ;
	}
	tm->nskip = kept_pairs(&skip, k, &tm->skip, &tm->skipc);
}

/*
 * The rare sequences the sampler could produce: TEXT_WINDOW vocabulary
 * tokens held by fewer than k rows, each adjacent pair a kept bigram, its
 * second token a kept start of a row, or reached by a skip: from the token
 * before it (the rare token between left out), from the token two before
 * it within the window, or from any token for the window's second (the
 * token before the window may be any).  Returns false when they are more
 * than TEXT_RARE_MAX.
 */
static bool
fit_rare(TextModel *tm, const RowSeq *seqs, const int64 *weight, int nrows, int k)
{
	NgTable		six,
				pairs,
				skips;
	uint64	   *th = palloc(sizeof(uint64) * (tm->nvocab + 1));
	bool	   *starts = palloc0(sizeof(bool) * (tm->nvocab + 1));
	bool	   *skip_ends = palloc0(sizeof(bool) * (tm->nvocab + 1));
	uint32	   *rare;
	int			nrare = 0,
				caprare = 1024,
				r,
				i,
				j;

	for (i = 1; i <= tm->nvocab; i++)
		th[i] = token_hash(tm->vocab[i], strlen(tm->vocab[i]));
	ng_init(&pairs, tm->nbi);
	for (i = 0; i < tm->nbi; i++)
	{
		ng_count(&pairs, pair_key(tm->bi[2 * i], tm->bi[2 * i + 1]), 0, 1);
		if (tm->bi[2 * i] == 0)
			starts[tm->bi[2 * i + 1]] = true;
	}
	ng_init(&skips, Max(tm->nskip, 1));
	for (i = 0; i < tm->nskip; i++)
	{
		ng_count(&skips, pair_key(tm->skip[2 * i], tm->skip[2 * i + 1]), 0, 1);
		skip_ends[tm->skip[2 * i + 1]] = true;
	}
	ng_init(&six, 4096);
	for (r = 0; r < nrows; r++)
	{
		for (i = 0; i + TEXT_WINDOW <= seqs[r].n; i++)
		{
			uint64		h[TEXT_WINDOW];

			for (j = 0; j < TEXT_WINDOW && seqs[r].ids[i + j] > 0; j++)
				h[j] = th[seqs[r].ids[i + j]];
			if (j == TEXT_WINDOW)
				ng_count(&six, window_hash(h), r, weight[r]);
		}
		CHECK_FOR_INTERRUPTS();
	}
	rare = palloc(sizeof(uint32) * caprare);
	for (r = 0; r < nrows; r++)
	{
		for (i = 0; i + TEXT_WINDOW <= seqs[r].n; i++)
		{
			uint64		h[TEXT_WINDOW];
			NgEntry    *e;

			for (j = 0; j < TEXT_WINDOW && seqs[r].ids[i + j] > 0; j++)
			{
				int32		a = seqs[r].ids[i + j];

				if (j > 0 && !starts[a] &&
					ng_find(&pairs, pair_key(seqs[r].ids[i + j - 1], a)) == NULL &&
					ng_find(&skips, pair_key(seqs[r].ids[i + j - 1], a)) == NULL &&
					!(j == 1 ? skip_ends[a] :
					  ng_find(&skips, pair_key(seqs[r].ids[i + j - 2], a)) != NULL))
					break;
				h[j] = th[a];
			}
			if (j < TEXT_WINDOW)
				continue;
			e = ng_find(&six, window_hash(h));
			if (e == NULL || e->rows >= k)
				continue;
			if (nrare == caprare)
			{
				caprare *= 2;
				rare = repalloc(rare, sizeof(uint32) * caprare);
			}
			rare[nrare++] = window_hash(h);
		}
	}
	qsort(rare, nrare, sizeof(uint32), cmp_uint32);
	for (i = 0, j = 0; i < nrare; i++)
		if (j == 0 || rare[j - 1] != rare[i])
			rare[j++] = rare[i];
	tm->nrare = j;
	tm->rare = rare;
	return j <= TEXT_RARE_MAX;
}

/* the model of a sample of texts, or NULL when they make none (see above) */
static TextModel *
text_model_build(const FitText *ft, int k, const char **why)
{
	TextModel  *tm = palloc0(sizeof(TextModel));
	SdHist	   *words = palloc(sizeof(SdHist));
	RowSeq	   *seqs;
	int			i;
	bool		start = false;

	sd_hist_init(words);
	seqs = fit_vocabulary(tm, ft, k, words);
	if (tm->nvocab == 0)
	{
		*why = "no word of the texts is held by k rows";
		return NULL;
	}
	fit_ngrams(tm, seqs, ft->weight, ft->n, k);
	for (i = 0; i < tm->nbi; i++)
		start |= tm->bi[2 * i] == 0 && tm->bi[2 * i + 1] > 0;
	if (!start)
	{
		*why = "no start of a text is held by k rows";
		return NULL;
	}
	if (!fit_rare(tm, seqs, ft->weight, ft->n, k))
	{
		*why = psprintf("more than %d rare word sequences to avoid", TEXT_RARE_MAX);
		return NULL;
	}
	clipped_quantiles(words, ft->rows, k, tm->wordq, TEXT_WORD_POINTS);
	for (i = 0; i < TEXT_WORD_POINTS; i++)
		tm->wordq[i] = Max(0, rint(tm->wordq[i]));
	return tm;
}

/* a distinct text read by the fit, and where it comes in the sample's order */
typedef struct ReadText
{
	int32		hash;
	int32		length;			/* of the whole text */
	char	   *text;			/* its first TEXT_SAMPLE_CHARS characters */
	int64		count;			/* rows holding it */
} ReadText;

typedef struct ReadTexts
{
	ReadText   *rows;
	int			n,
				cap;
} ReadTexts;

static void
read_text_row(void *arg, const char *const *values)
{
	ReadTexts  *rt = arg;
	ReadText   *t;

	if (values[0] == NULL || values[1] == NULL || values[2] == NULL || values[3] == NULL)
		return;
	if (rt->n == rt->cap)
	{
		rt->cap = Max(64, rt->cap * 2);
		rt->rows = rt->rows ? repalloc(rt->rows, sizeof(ReadText) * rt->cap) :
			palloc(sizeof(ReadText) * rt->cap);
	}
	t = &rt->rows[rt->n++];
	t->text = pstrdup(values[0]);
	t->length = pg_strtoint32(values[1]);
	t->hash = pg_strtoint32(values[2]);
	t->count = pg_strtoint64(values[3]);
}

/* the sample's order: by the hash, then the text's bytes (COLLATE "C") */
static int
cmp_read_text(const void *a, const void *b)
{
	const ReadText *x = a;
	const ReadText *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->length != y->length)
		return x->length < y->length ? -1 : 1;
	return strcmp(x->text, y->text);
}

/*
 * The union of the leaves' texts, sorted: a text more than one leaf holds
 * comes once, with the sum of their rows.
 */
static void
merge_read_texts(ReadTexts *rt)
{
	int			i,
				j = 0;

	for (i = 0; i < rt->n; i++)
	{
		if (j > 0 && cmp_read_text(&rt->rows[j - 1], &rt->rows[i]) == 0)
			rt->rows[j - 1].count += rt->rows[i].count;
		else
			rt->rows[j++] = rt->rows[i];
	}
	rt->n = j;
}
/* the rows of one reading of the texts (see read_texts) */
static void
read_text_rows(FitContext *fc, const ModelCol *c, const char *head, const char *tail,
			   ReadTexts *rt)
{
	memset(rt, 0, sizeof(ReadTexts));
	if (shard_fetch(fc->relid, head, tail, 4, read_text_row, rt))
	{
		/* each leaf's first texts, read where it lies: the union's first */
		if (rt->n > 0)
			qsort(rt->rows, rt->n, sizeof(ReadText), cmp_read_text);
		merge_read_texts(rt);
		rt->n = Min(rt->n, TEXT_SAMPLE_ROWS);
	}
	else
	{
		uint64		i;

		if (sd_spi_execute(psprintf("%s%s%s", head, fc->qualified, tail),
						   0, NULL, NULL, NULL, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "reading the texts of column \"%s\" failed", c->name);
		MemoryContextSwitchTo(fc->cxt);
		rt->n = (int) SPI_processed;
		rt->rows = palloc(sizeof(ReadText) * Max(rt->n, 1));
		for (i = 0; i < SPI_processed; i++)
		{
			bool		isnull;

			rt->rows[i].text = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
			rt->rows[i].length = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[i],
															 SPI_tuptable->tupdesc, 2, &isnull));
			rt->rows[i].count = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[i],
															SPI_tuptable->tupdesc, 4, &isnull));
		}
		SPI_freetuptable(SPI_tuptable);
	}
	MemoryContextSwitchTo(fc->cxt);
}

/* a column's distinct values and their rows, in the texts query's order (counts_keep) */
typedef struct TextCounts
{
	ReadText   *vals;
	int			n;
} TextCounts;

/*
 * The scan's counts of a column's values, when they are exact and whole:
 * every value counted (at most 2 * category_cap distinct ones, so that
 * none was dropped), none longer than a count's key (so that each is
 * itself, not a digest).  The values go in the texts query's order: by
 * hashtext (the bytes' hash_any, as hashtext computes it under a
 * deterministic collation), then their bytes.  Only for text and varchar,
 * whose text form is their bytes.  NULL when the counts cannot tell.
 */
static TextCounts *
counts_keep(FitContext *fc, const ModelCol *c, const ColState *cs)
{
	const SdFreq *f = &cs->freq;
	Oid			typid,
				collid;
	int32		typmod;
	int64		total = 0;
	int			i;
	TextCounts *tc;

	/* (a fit of a sample of the rows counted only those; the query reads them all) */
	if (!OidIsValid(fc->relid) || fc->opts.sample_percent > 0 ||
		f->overflowed || f->decremented != 0 || f->nitems == 0)
		return NULL;
	get_atttypetypmodcoll(fc->relid, (AttrNumber) (c->attidx + 1), &typid, &typmod, &collid);
	if ((typid != TEXTOID && typid != VARCHAROID) || !OidIsValid(collid) ||
		!get_collation_isdeterministic(collid))
		return NULL;
	for (i = 0; i < f->nitems; i++)
	{
		if (sd_freq_key_is_digest(f->items[i].key, f->items[i].len) ||
			memchr(f->items[i].key, '\0', f->items[i].len) != NULL)
			return NULL;
		total += f->items[i].count;
	}
	if (total != cs->count)
		return NULL;

	tc = palloc(sizeof(TextCounts));
	tc->n = f->nitems;
	tc->vals = palloc(sizeof(ReadText) * f->nitems);
	for (i = 0; i < f->nitems; i++)
	{
		const SdFreqItem *it = &f->items[i];

		tc->vals[i].text = pnstrdup(it->key, it->len);
		tc->vals[i].hash = (int32) hash_bytes((const unsigned char *) it->key, it->len);
		tc->vals[i].length = pg_mbstrlen_with_len(it->key, it->len);
		tc->vals[i].count = it->count;
	}
	qsort(tc->vals, tc->n, sizeof(ReadText), cmp_read_text);
	return tc;
}

/*
 * The texts the texts query returns, from a column's kept counts: the
 * first TEXT_SAMPLE_ROWS distinct values with their rows, without reading
 * the table again.
 */
static void
texts_from_counts(const TextCounts *tc, ReadTexts *rt)
{
	memset(rt, 0, sizeof(ReadTexts));
	rt->n = Min(tc->n, TEXT_SAMPLE_ROWS);
	rt->rows = palloc(sizeof(ReadText) * Max(rt->n, 1));
	memcpy(rt->rows, tc->vals, sizeof(ReadText) * rt->n);
}

/*
 * The texts of a column: its distinct texts, each with the rows that hold
 * it, at most TEXT_SAMPLE_ROWS of them, the first by a hash of the text
 * (the table's order does not matter), the first TEXT_SAMPLE_CHARS
 * characters of each, and the mean number of words of the rows.  The
 * sample is of distinct texts, weighted by their rows: a bottom-k sample
 * of rows by the hash of their text would take the rows of the few texts
 * whose hashes are lowest, all their copies, and miss the others (a column
 * of 500 templated notes, each in 2,000 rows, gave a model of five notes).
 * Of a table whose partitions lie on other servers, each leaf's first
 * texts are read where it lies, and the first of their union are the
 * table's.  A column of few distinct values takes them from the scan's
 * counts (counts_keep, texts_from_counts).
 */
static FitText *
read_texts(FitContext *fc, const ModelCol *c, const TextCounts *kept, double distinct,
		   double *mean_words)
{
	FitText    *ft = palloc0(sizeof(FitText));
	const char *col = quote_identifier(c->name);
	char	   *x = psprintf("_synth_src.%s::pg_catalog.text COLLATE \"C\"", col);
	char	   *head = psprintf("SELECT pg_catalog.left(%s, %d), pg_catalog.length(%s),"
								" pg_catalog.hashtext(%s), pg_catalog.count(*) FROM ",
								x, TEXT_SAMPLE_CHARS, x, x);
	ReadTexts	rt;
	double		words = 0;
	int			r;
	int			pass;

	/*
	 * The first TEXT_SAMPLE_ROWS distinct texts by hash all have a hash
	 * below the one 3 * TEXT_SAMPLE_ROWS of the column's distinct values
	 * (as the scan estimated them) would reach: a first pass reads only the
	 * rows of those (the others are not cut, measured or grouped), and is
	 * the answer when it finds enough of them; else (a small table, or an
	 * estimate too high) a second reads every row.
	 */
	distinct = Min(Max(distinct, 1), (double) c->count);
	if (kept != NULL)
		texts_from_counts(kept, &rt);
	for (pass = kept != NULL ? 2 : distinct > 4 * TEXT_SAMPLE_ROWS ? 0 : 1; pass < 2; pass++)
	{
		StringInfoData tail;

		initStringInfo(&tail);
		appendStringInfo(&tail, " AS _synth_src WHERE _synth_src.%s IS NOT NULL", col);
		if (pass == 0)
			appendStringInfo(&tail, " AND pg_catalog.hashtext(%s) OPERATOR(pg_catalog.<) %d", x,
							 (int32) floor(-2147483648.0 + 4294967296.0 *
										   (3.0 * TEXT_SAMPLE_ROWS / distinct)));
		appendStringInfo(&tail, " GROUP BY 1, 2, 3 ORDER BY 3, 2, 1 LIMIT %d", TEXT_SAMPLE_ROWS);
		read_text_rows(fc, c, head, tail.data, &rt);
		if (rt.n >= TEXT_SAMPLE_ROWS)
			break;
	}
	MemoryContextSwitchTo(fc->cxt);
	ft->n = rt.n;
	ft->texts = palloc(sizeof(char *) * Max(ft->n, 1));
	ft->scale = palloc(sizeof(double) * Max(ft->n, 1));
	ft->weight = palloc(sizeof(int64) * Max(ft->n, 1));
	ft->rows = 0;
	for (r = 0; r < rt.n; r++)
	{
		char	   *t = rt.rows[r].text;
		int			read = pg_mbstrlen(t);
		RawToken   *raw;

		ft->texts[r] = t;
		ft->scale[r] = read > 0 && rt.rows[r].length > read ? (double) rt.rows[r].length / read : 1.0;
		ft->weight[r] = Max(rt.rows[r].count, 1);
		ft->rows += ft->weight[r];
		words += split_tokens(t, &raw) * ft->scale[r] * ft->weight[r];
		pfree(raw);
	}
	*mean_words = ft->rows > 0 ? words / ft->rows : 0;
	return ft;
}

/*
 * Before the marginals trim the scan's counts to category_cap: the exact
 * counts of each column that may turn out free text (a string, not
 * personal by its name), for read_texts.
 */
void
text_counts_keep(FitContext *fc, Model *m, const FitState *st)
{
	int			i;

	fc->text_counts = palloc0(sizeof(TextCounts *) * Max(m->ncols, 1));
	fc->text_distinct = palloc0(sizeof(double) * Max(m->ncols, 1));
	for (i = 0; i < m->ncols; i++)
	{
		const ModelCol *c = &m->cols[i];

		if (c->vk == VK_STRING && !c->binary && !c->role_forced && c->pii_kind == NULL &&
			c->derived == NULL)
		{
			fc->text_counts[i] = counts_keep(fc, c, &st->cols[i]);
			fc->text_distinct[i] = sd_hll_estimate(&st->cols[i].hll);
		}
	}
}

/* a column that may be free text: many distinct strings, modelled as a format */
static bool
free_text_candidate(const ModelCol *c)
{
	return c->vk == VK_STRING && c->kind == MK_FORMAT && !c->binary &&
		!c->role_forced && c->pii_kind == NULL &&
		(c->role == ROLE_ATTRIBUTE || c->role == ROLE_IDENTIFIER) &&
		c->count >= 1;
}

/*
 * A column whose shapes (kept when k rows hold them) cover 99% of its
 * values or more, none cut at SHAPE_MAX characters, averaging fewer than
 * 2.5 words: its texts need not be read to know they are not free text
 * (three words on average; the 1% the shapes miss would need 50 words
 * each to reach it).  Whitespace stays itself in a shape, so a shape's
 * words are its values' words.
 */
static bool
short_by_shapes(const ModelCol *c)
{
	double		words = 0;
	int			i;

	if (!(c->shape_cover >= 0.99) || c->nshapes == 0)
		return false;
	for (i = 0; i < c->nshapes; i++)
	{
		RawToken   *raw;
		char	   *shape;

		if (c->shapes[i].len >= SHAPE_MAX)
			return false;
		shape = pnstrdup(c->shapes[i].shape, c->shapes[i].len);
		words += c->shapes[i].p * split_tokens(shape, &raw);
		pfree(raw);
		pfree(shape);
	}
	return words < 2.5;
}

static bool ends_make_lengths(TextModel *tm);

/*
 * Per token, by the bigrams: dmin, the fewest tokens after it before a
 * text can end (0: it can end after it), and dmax, the most before every
 * way on has ended (0: only the end follows it).  Both stop at
 * TEXT_DIST_CAP: a token of a loop ("mild pain mild pain ...") or with no
 * bigram of its own (its way on is a skip) has dmax TEXT_DIST_CAP.
 */
static void
ends_distances(TextModel *tm)
{
	int			i,
				it;
	bool		changed = true;

	tm->dmin = palloc(tm->nvocab + 1);
	tm->dmax = palloc(tm->nvocab + 1);
	memset(tm->dmin, TEXT_DIST_CAP, tm->nvocab + 1);
	memset(tm->dmax, TEXT_DIST_CAP, tm->nvocab + 1);
	for (i = 0; i < tm->nbi; i++)
		if (tm->bi[2 * i] > 0)
			tm->dmax[tm->bi[2 * i]] = 0;
	for (it = 0; it < TEXT_DIST_CAP && changed; it++)
	{
		changed = false;
		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < tm->nbi; i++)
		{
			int32		a = tm->bi[2 * i],
						b = tm->bi[2 * i + 1];
			int			lo = b == 0 ? 0 : Min(tm->dmin[b] + 1, TEXT_DIST_CAP),
						hi = b == 0 ? 0 : Min(tm->dmax[b] + 1, TEXT_DIST_CAP);

			if (a <= 0)
				continue;
			if (lo < tm->dmin[a])
			{
				tm->dmin[a] = (uint8) lo;
				changed = true;
			}
			if (hi > tm->dmax[a])
			{
				tm->dmax[a] = (uint8) hi;
				changed = true;
			}
		}
	}
}

/*
 * Free-text columns of a fitted model get a text model: those of many
 * distinct strings (modelled as a format so far) whose texts have three
 * words or more on average.  Runs in the fit's SPI connection.
 */
void
text_models_fit(FitContext *fc, Model *m)
{
	int			i;

	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *c = &m->cols[i];
		FitText    *ft;
		TextModel  *tm;
		double		mean_words;
		const char *why = NULL;

		if (!free_text_candidate(c) || short_by_shapes(c))
			continue;
		ft = read_texts(fc, c, fc->text_counts != NULL ? fc->text_counts[i] : NULL,
						fc->text_distinct != NULL && fc->text_distinct[i] > 0 ?
						fc->text_distinct[i] : (double) c->count, &mean_words);
		if (mean_words < 3)
			continue;
		tm = ft->rows < Max(m->k, 2) ? NULL : text_model_build(ft, m->k, &why);
		if (ft->rows < Max(m->k, 2))
			why = "fewer than k texts";
		if (tm == NULL)
		{
			c->reason = psprintf("free text without a text model (%s): shapes and lengths", why);
			continue;
		}
		c->text = tm;
		c->kind = MK_TEXT;
		c->role = ROLE_ATTRIBUTE;
		c->reason = "free text: word n-grams held by k rows, personal spans as fakes";
	}
}

/* ---- the model as JSON --------------------------------------------------- */

static void
write_count_array(StringInfo b, const double *v, int n)
{
	int			i;

	appendStringInfoChar(b, '[');
	for (i = 0; i < n; i++)
		appendStringInfo(b, i ? ", %.0f" : "%.0f", v[i]);
	appendStringInfoChar(b, ']');
}

/* the fields of a text column, after its others (the object stays open) */
void
text_model_write(StringInfo b, const TextModel *tm)
{
	int			i;

	appendStringInfoString(b, ", \"words_quantiles\": ");
	write_count_array(b, tm->wordq, TEXT_WORD_POINTS);
	appendStringInfoString(b, ", \"vocabulary\": [");
	for (i = 1; i <= tm->nvocab; i++)
	{
		if (i > 1)
			appendStringInfoString(b, ", ");
		escape_json(b, tm->vocab[i]);
	}
	appendStringInfoString(b, "], \"unigrams\": ");
	write_count_array(b, tm->uni + 1, tm->nvocab);
	appendStringInfoString(b, ", \"bigrams\": [");
	for (i = 0; i < tm->nbi; i++)
		appendStringInfo(b, "%s%d, %d, %.0f", i ? ", " : "", tm->bi[2 * i],
						 tm->bi[2 * i + 1], tm->bic[i]);
	appendStringInfoString(b, "], \"trigrams\": [");
	for (i = 0; i < tm->ntri; i++)
		appendStringInfo(b, "%s%d, %d, %d, %.0f", i ? ", " : "", tm->tri[3 * i],
						 tm->tri[3 * i + 1], tm->tri[3 * i + 2], tm->tric[i]);
	appendStringInfoString(b, "], \"skips\": [");
	for (i = 0; i < tm->nskip; i++)
		appendStringInfo(b, "%s%d, %d, %.0f", i ? ", " : "", tm->skip[2 * i],
						 tm->skip[2 * i + 1], tm->skipc[i]);
	appendStringInfoString(b, "], \"rare_sequences\": [");
	for (i = 0; i < tm->nrare; i++)
		appendStringInfo(b, i ? ", %u" : "%u", tm->rare[i]);
	appendStringInfoChar(b, ']');
	if (tm->date_lo > 0)
		appendStringInfo(b, ", \"date_years\": [%d, %d]", tm->date_lo, tm->date_hi);
}

/* the n-th number of an array: an integer from lo to hi */
static double
read_int(JsonbContainer *arr, int n, double lo, double hi, const char *what)
{
	double		d = jnum(getIthJsonbValueFromContainer(arr, n), what);

	if (!(d >= lo && d <= hi && d == rint(d)))
		bad_model(psprintf("Field \"%s\" must hold integers from %.0f to %.0f.", what, lo, hi));
	return d;
}

/* tuples of "width" ids and a count, sorted, each id of the vocabulary or 0 */
static int
read_grams(JsonbContainer *cc, const char *what, int width, int nvocab, int32 **ids,
		   double **counts)
{
	JsonbContainer *arr = jget_container(cc, what, true, false);
	int			size = (int) JsonContainerSize(arr),
				n = size / (width + 1),
				i,
				j;

	if (size % (width + 1) != 0 || n > TEXT_NGRAMS_MAX)
		bad_model(psprintf("Field \"%s\" must hold at most %d groups of %d numbers.",
						   what, TEXT_NGRAMS_MAX, width + 1));
	*ids = palloc(sizeof(int32) * width * Max(n, 1));
	*counts = palloc(sizeof(double) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		for (j = 0; j < width; j++)
			(*ids)[i * width + j] = (int32) read_int(arr, i * (width + 1) + j, 0, nvocab, what);
		(*counts)[i] = read_int(arr, i * (width + 1) + width, 1, 1e15, what);
		if (i > 0)
		{
			const int32 *x = &(*ids)[(i - 1) * width],
					   *y = &(*ids)[i * width];

			for (j = 0; j < width && x[j] == y[j]; j++)
				;
			if (j == width || x[j] > y[j])
				bad_model(psprintf("Field \"%s\" must be sorted, without repeats.", what));
		}
	}
	return n;
}

TextModel *
text_model_read(JsonbContainer *cc)
{
	TextModel  *tm = palloc0(sizeof(TextModel));
	JsonbContainer *arr;
	int			i;

	read_number_array(jget_container(cc, "words_quantiles", true, false), tm->wordq,
					  TEXT_WORD_POINTS, "words_quantiles");
	if (!(tm->wordq[0] >= 0 && tm->wordq[TEXT_WORD_POINTS - 1] <= MODEL_LENGTH_MAX / 2))
		bad_model("Field \"words_quantiles\" must hold word counts of a text.");
	arr = jget_container(cc, "vocabulary", true, false);
	tm->nvocab = (int) JsonContainerSize(arr);
	if (tm->nvocab < 1 || tm->nvocab > TEXT_VOCAB_MAX)
		bad_model(psprintf("Field \"vocabulary\" must hold 1 to %d words.", TEXT_VOCAB_MAX));
	tm->vocab = palloc0(sizeof(char *) * (tm->nvocab + 1));
	for (i = 0; i < tm->nvocab; i++)
	{
		JsonbValue *v = getIthJsonbValueFromContainer(arr, i);

		if (v == NULL || v->type != jbvString || v->val.string.len < 1 ||
			v->val.string.len > TEXT_TOKEN_MAX + 64 ||
			memchr(v->val.string.val, ' ', v->val.string.len) != NULL)
			bad_model(psprintf("Field \"vocabulary\" must hold words of 1 to %d bytes without spaces.",
							   TEXT_TOKEN_MAX + 64));
		tm->vocab[i + 1] = pnstrdup(v->val.string.val, v->val.string.len);
	}
	arr = jget_container(cc, "unigrams", true, false);
	if ((int) JsonContainerSize(arr) != tm->nvocab)
		bad_model("Field \"unigrams\" must have one count per word of the vocabulary.");
	tm->uni = palloc0(sizeof(double) * (tm->nvocab + 1));
	for (i = 0; i < tm->nvocab; i++)
		tm->uni[i + 1] = read_int(arr, i, 1, 1e15, "unigrams");
	tm->nbi = read_grams(cc, "bigrams", 2, tm->nvocab, &tm->bi, &tm->bic);
	tm->ntri = read_grams(cc, "trigrams", 3, tm->nvocab, &tm->tri, &tm->tric);
	/* a model written before skips has none */
	if (jget(cc, "skips") != NULL)
		tm->nskip = read_grams(cc, "skips", 2, tm->nvocab, &tm->skip, &tm->skipc);
	for (i = 0; i < tm->nbi && !(tm->bi[2 * i] == 0 && tm->bi[2 * i + 1] > 0); i++)
		;
	if (i == tm->nbi)
		bad_model("Field \"bigrams\" must hold a start of a text.");
	/* the years of the texts' dates: absent in older models (2000-2024) */
	if (jget(cc, "date_years") != NULL)
	{
		arr = jget_container(cc, "date_years", true, false);
		if ((int) JsonContainerSize(arr) != 2)
			bad_model("Field \"date_years\" must hold two years.");
		tm->date_lo = (int) read_int(arr, 0, 1, 9999, "date_years");
		tm->date_hi = (int) read_int(arr, 1, tm->date_lo, 9999, "date_years");
	}
	arr = jget_container(cc, "rare_sequences", true, false);
	tm->nrare = (int) JsonContainerSize(arr);
	if (tm->nrare > TEXT_RARE_MAX)
		bad_model(psprintf("Field \"rare_sequences\" must hold at most %d hashes.", TEXT_RARE_MAX));
	tm->rare = palloc(sizeof(uint32) * Max(tm->nrare, 1));
	for (i = 0; i < tm->nrare; i++)
	{
		tm->rare[i] = (uint32) read_int(arr, i, 0, 4294967295.0, "rare_sequences");
		if (i > 0 && tm->rare[i] <= tm->rare[i - 1])
			bad_model("Field \"rare_sequences\" must be sorted, without repeats.");
	}
	return tm;
}

/* ---- sampling -------------------------------------------------------------- */

static TextSlot *
parse_slot(const char *tok)
{
	const char *open = strstr(tok, "{{"),
			   *close;
	TextSlot   *slot;
	char	   *inner;

	if (open == NULL || (close = strstr(open + 2, "}}")) == NULL)
		return NULL;
	inner = pnstrdup(open + 2, close - open - 2);
	slot = palloc0(sizeof(TextSlot));
	slot->prefix = (int) (open - tok);
	slot->suffix = close + 2;
	if (strncmp(inner, "hex:", 4) == 0 || strncmp(inner, "HEX:", 4) == 0)
	{
		char	   *end;
		long		n = strtol(inner + 4, &end, 10);

		if (*end != '\0' || n < 1 || n > TEXT_TOKEN_MAX || !isdigit((unsigned char) inner[4]))
			return NULL;		/* written as it is */
		slot->mode = 'h';
		slot->hexlen = (int) n;
		slot->hexupper = inner[0] == 'H';
	}
	else if (strncmp(inner, "date:", 5) == 0 || strncmp(inner, "id:", 3) == 0 ||
		strncmp(inner, "num:", 4) == 0 || strncmp(inner, "code:", 5) == 0)
	{
		slot->mode = inner[0] == 'd' ? 'd' : inner[0] == 'c' ? 'c' : 's';
		slot->shape = strchr(inner, ':') + 1;
		if (slot->mode == 'd' && strspn(slot->shape, "9-/.") != strlen(slot->shape))
			return NULL;
	}
	else if ((slot->fake = sd_fake_kind_lookup(inner)) != SD_FAKE_NONE &&
			 sd_fake_kind_type(slot->fake) == SD_FAKE_TYPE_TEXT)
		slot->mode = 'f';
	else
		return NULL;			/* written as it is */
	return slot;
}

static double *
cumulate(const double *c, int n)
{
	double	   *cum = palloc(sizeof(double) * Max(n, 1));
	double		run = 0;
	int			i;

	for (i = 0; i < n; i++)
		cum[i] = run += c[i];
	return cum;
}

static void
text_model_prepare(TextModel *tm)
{
	int			i;

	MemoryContext oldcxt;

	if (tm->prepared)
		return;
	/* it lives as long as the model, not the row that first needs it */
	oldcxt = MemoryContextSwitchTo(GetMemoryChunkContext(tm));
	tm->uni_cum = cumulate(tm->uni + 1, tm->nvocab);
	tm->bi_cum = cumulate(tm->bic, tm->nbi);
	tm->tri_cum = cumulate(tm->tric, tm->ntri);
	tm->skip_cum = cumulate(tm->skipc, tm->nskip);
	tm->tok_hash = palloc(sizeof(uint64) * (tm->nvocab + 1));
	tm->slots = palloc0(sizeof(TextSlot *) * (tm->nvocab + 1));
	tm->tok_hash[0] = 0;
	for (i = 1; i <= tm->nvocab; i++)
	{
		tm->tok_hash[i] = token_hash(tm->vocab[i], strlen(tm->vocab[i]));
		tm->slots[i] = parse_slot(tm->vocab[i]);
	}
	ends_distances(tm);
	/* a text's tokens: at most the longest length, and a little to end */
	i = Max((int) tm->wordq[TEXT_WORD_POINTS - 1], 1);
	tm->ids = palloc(sizeof(int32) * (i + Max(3, i / 4) + 1));
	tm->prepared = true;
	tm->natural = ends_make_lengths(tm);
	MemoryContextSwitchTo(oldcxt);
}

/* first index of ids (width per entry) whose first "prefix" ids are >= key */
static int
lower_bound(const int32 *ids, int n, int width, const int32 *key, int prefix)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2,
					j;

		for (j = 0; j < prefix && ids[mid * width + j] == key[j]; j++)
			;
		if (j < prefix && ids[mid * width + j] < key[j])
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The end of key's range of a sorted gram array that starts at lo: the
 * first entry from lo on whose prefix is not key's.  A context may have
 * many ways on (a number's every value after "home"): searched, not walked.
 */
static int
range_end(const int32 *ids, int n, int width, const int32 *key, int prefix, int lo)
{
	int			hi = n;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2,
					j;

		for (j = 0; j < prefix && ids[mid * width + j] == key[j]; j++)
			;
		if (j == prefix)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* draw the next id within [lo, hi) of a sorted gram array by its counts */
static int32
draw_in(const int32 *ids, const double *cum, int width, int lo, int hi, SdRng *rng)
{
	double		base = lo > 0 ? cum[lo - 1] : 0,
				u = base + sd_rng_uniform(rng) * (cum[hi - 1] - base);
	int			a = lo,
				b = hi - 1;

	while (a < b)
	{
		int			mid = (a + b) / 2;

		if (cum[mid] < u)
			a = mid + 1;
		else
			b = mid;
	}
	return ids[a * width + width - 1];
}

/*
 * Within [lo, hi) of a sorted gram array: a draw, by their counts, among
 * the ids from which an end is nearest (by dmin).
 */
static int32
draw_nearest_end(const TextModel *tm, const int32 *ids, const double *cum, int width,
				 int lo, int hi, SdRng *rng)
{
	double		total = 0,
				u;
	int			best = TEXT_DIST_CAP + 1,
				i;

	for (i = lo; i < hi; i++)
		best = Min(best, tm->dmin[ids[i * width + width - 1]]);
	for (i = lo; i < hi; i++)
		if (tm->dmin[ids[i * width + width - 1]] == best)
			total += cum[i] - (i > 0 ? cum[i - 1] : 0);
	u = sd_rng_uniform(rng) * total;
	for (i = lo; i < hi; i++)
		if (tm->dmin[ids[i * width + width - 1]] == best)
		{
			u -= cum[i] - (i > 0 ? cum[i - 1] : 0);
			if (u < 0)
				return ids[i * width + width - 1];
		}
	for (i = hi - 1; i >= lo; i--)
		if (tm->dmin[ids[i * width + width - 1]] == best)
			return ids[i * width + width - 1];
	return -1;
}

/*
 * A token two after "from" by its skips; -1: none.  The end of the row
 * only if end_ok: after the token before the last, the end needs the last
 * token's own bigram; from the last token, with a rare token of the source
 * left out, the end is where the source's rows end ("... plz <a code>").
 */
static int32
draw_skip(const TextModel *tm, int32 from, SdRng *rng, bool end_ok)
{
	int			lo = lower_bound(tm->skip, tm->nskip, 2, &from, 1),
				hi;

	if (!end_ok && lo < tm->nskip && tm->skip[2 * lo] == from && tm->skip[2 * lo + 1] == 0)
		lo++;
	hi = range_end(tm->skip, tm->nskip, 2, &from, 1, lo);
	return hi > lo ? draw_in(tm->skip, tm->skip_cum, 2, lo, hi, rng) : -1;
}

/* how draw_next treats the end of the row */
typedef enum TextEnd
{
	END_ANY,					/* by its count, as any token */
	END_NEVER,					/* another token if the context has one */
	END_FIRST					/* the end if the context has it */
} TextEnd;

/*
 * The next token from the context [lo, hi) of a sorted gram array, the end
 * of the row (id 0, first in the range where the context has it) as end
 * says.
 */
static int32
draw_context(const TextModel *tm, const int32 *ids, const double *cum, int width,
			 int lo, int hi, SdRng *rng, TextEnd end)
{
	bool		can_end = ids[lo * width + width - 1] == 0;

	if (can_end && (end == END_FIRST || (end == END_NEVER && hi - lo == 1)))
		return 0;
	if (can_end && end == END_NEVER)
		lo++;
	if (end == END_FIRST)
		return draw_nearest_end(tm, ids, cum, width, lo, hi, rng);
	return draw_in(ids, cum, width, lo, hi, rng);
}

/*
 * The next token after (p2, p1): trigram, else bigram, else skip; -1: none.
 * The end of the row (id 0, first in its context's sorted range) is drawn
 * as end says: a text shorter than its drawn length goes on where its
 * context allows (it ended where the source ends, and started over as
 * another text run on: "... shows an error Customer reports ..."), and a
 * text at its length ends where its context allows, else goes on by a
 * token from which an end is nearest (it went on to a cut in mid-phrase).
 */
static int32
draw_next(const TextModel *tm, int32 p2, int32 p1, SdRng *rng, TextEnd end)
{
	int32		key[2] = {p2, p1};
	int32		next;
	int			lo,
				hi;

	lo = lower_bound(tm->tri, tm->ntri, 3, key, 2);
	hi = range_end(tm->tri, tm->ntri, 3, key, 2, lo);
	if (hi > lo)
		return draw_context(tm, tm->tri, tm->tri_cum, 3, lo, hi, rng, end);
	lo = lower_bound(tm->bi, tm->nbi, 2, &key[1], 1);
	hi = range_end(tm->bi, tm->nbi, 2, &key[1], 1, lo);
	if (hi > lo)
		return draw_context(tm, tm->bi, tm->bi_cum, 2, lo, hi, rng, end);
	if (p1 == 0)
		return -1;				/* a row's start has its bigrams */
	if ((next = draw_skip(tm, p2, rng, false)) >= 0)
		return next;

	/*
	 * A token that only rare tokens follow (a name, a code, a misspelling
	 * of one row): its skips, the token after the rare one, with the rare
	 * one left out ("patient _ seen" -> "patient seen").
	 */
	return draw_skip(tm, p1, rng, end != END_NEVER);
}

static bool
is_rare(const TextModel *tm, const uint64 *window, int filled, int32 next)
{
	uint64		h[TEXT_WINDOW];
	uint32		x;
	int			lo = 0,
				hi = tm->nrare;

	if (filled < TEXT_WINDOW - 1 || tm->nrare == 0)
		return false;
	memcpy(h, window, sizeof(uint64) * (TEXT_WINDOW - 1));
	h[TEXT_WINDOW - 1] = tm->tok_hash[next];
	x = window_hash(h);
	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (tm->rare[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < tm->nrare && tm->rare[lo] == x;
}

/*
 * Random digits for the 9s of a shape (a group's first digit not 0); with
 * letters (a code's shape), a random digit or letter for 'x' (a capital
 * for 'X').
 */
static void
expand_shape(const char *shape, SdRng *rng, StringInfo out, bool letters)
{
	int			i;

	for (i = 0; shape[i]; i++)
	{
		if (letters && (shape[i] == 'x' || shape[i] == 'X'))
		{
			int			c = (int) sd_rng_below(rng, 36);

			appendStringInfoChar(out, (char) (c < 10 ? '0' + c :
											  (shape[i] == 'x' ? 'a' : 'A') + c - 10));
		}
		else if (shape[i] != '9')
			appendStringInfoChar(out, shape[i]);
		else
		{
			bool		first = i == 0 || shape[i - 1] != '9';
			bool		alone = shape[i + 1] != '9' && first;

			appendStringInfoChar(out, (char) ('0' + (first && !alone ?
													 1 + sd_rng_below(rng, 9) :
													 sd_rng_below(rng, 10))));
		}
	}
}

/*
 * A date of the shape's layout: year-month-day, else month/day/year or
 * day.month.year; of a year within the texts' dates (2000-2024 when the
 * model has none)
 */
static void
expand_date(const TextModel *tm, const char *shape, SdRng *rng, StringInfo out)
{
	int			y = tm->date_lo > 0 ?
		tm->date_lo + (int) sd_rng_below(rng, (uint64) (tm->date_hi - tm->date_lo + 1)) :
		2000 + (int) sd_rng_below(rng, 25),
				mo = 1 + (int) sd_rng_below(rng, 12),
				d = 1 + (int) sd_rng_below(rng, 28),
				parts[3],
				widths[3] = {0, 0, 0},
				g = 0,
				i;
	char		sep = '-';

	for (i = 0; shape[i]; i++)
		if (shape[i] == '9')
			widths[g]++;
		else if (g < 2)
		{
			sep = shape[i];
			g++;
		}
	if (widths[0] == 4)
	{
		parts[0] = y;
		parts[1] = mo;
		parts[2] = d;
	}
	else
	{
		parts[0] = sep == '/' ? mo : d;
		parts[1] = sep == '/' ? d : mo;
		parts[2] = widths[2] == 2 ? y % 100 : y;
	}
	for (i = 0; i < 3; i++)
	{
		if (i > 0)
			appendStringInfoChar(out, sep);
		appendStringInfo(out, widths[i] >= 2 ? "%0*d" : "%d", Max(widths[i], 1), parts[i]);
	}
}

static void
emit_token(const TextModel *tm, int32 id, SdRng *rng, uint64 seed, uint64 person,
		   StringInfo out)
{
	const TextSlot *slot = tm->slots[id];
	const char *tok = tm->vocab[id];

	if (out->len > 0)
		appendStringInfoChar(out, ' ');
	if (slot == NULL)
	{
		appendStringInfoString(out, tok);
		return;
	}
	appendBinaryStringInfo(out, tok, slot->prefix);
	if (slot->mode == 'f')
		sd_fake_generate(slot->fake, SD_FAKE_LOCALE_EN, seed, person, rng, out);
	else if (slot->mode == 'd')
		expand_date(tm, slot->shape, rng, out);
	else if (slot->mode == 'h')
	{
		const char *digits = slot->hexupper ? "0123456789ABCDEF" : "0123456789abcdef";
		int			i;

		for (i = 0; i < slot->hexlen; i++)
			appendStringInfoChar(out, digits[sd_rng_below(rng, 16)]);
	}
	else
		expand_shape(slot->shape, rng, out, slot->mode == 'c');
	appendStringInfoString(out, slot->suffix);
}

/*
 * One try at a text of about words words, at least lo where the model
 * allows (at most the longest length): its tokens in tm->ids, and their
 * number returned.  Below lo a text neither ends nor takes a token whose
 * every way on ends it below lo (by dmax: "after" in "... mild pain after
 * visit."); from lo the end is drawn by its counts; past the length it is
 * taken at the first context that has it, and a context without it goes
 * on by the way that reaches one soonest (by dmin), where a text went on
 * to a cut in mid-phrase.  A context without a way on ends the text once
 * it has lo words (natural: once it has a word), else starts another
 * sentence.
 */
static int
generate_once(TextModel *tm, SdRng *rng, int words, int lo, bool natural)
{
	uint64		window[TEXT_WINDOW];
	int			filled = 0,
				emitted = 0,
				tries = 0;
	int32		p2 = 0,
				p1 = 0;

	/* past its number of words, a text goes on a little to end a sentence */
	while (emitted < words + Max(3, words / 4) && tries < 4 * words + 16)
	{
		int32		next = -1,
					early = -1;
		TextEnd		end = emitted >= words ? END_FIRST :
			emitted < lo ? END_NEVER : END_ANY;
		int			r;

		tries++;
		for (r = 0; r < REDRAWS; r++)
		{
			next = draw_next(tm, p2, p1, rng, end);
			if (next > 0 && is_rare(tm, window, filled, next))
				next = -1;		/* it would close a rare sequence */
			else if (next > 0 && end == END_NEVER && tm->dmax[next] < TEXT_DIST_CAP &&
					 emitted + 1 + tm->dmax[next] < lo)
			{
				/* it would end the text below lo: the latest such, if all do */
				if (early < 0 || tm->dmax[next] > tm->dmax[early])
					early = next;
				next = -1;
			}
			if (next >= 0)
				break;
		}
		if (next < 0 && early > 0)
			next = early;
		/* every way on closes a rare sequence: the end, if the context has it */
		if (next < 0 && end != END_FIRST && draw_next(tm, p2, p1, rng, END_FIRST) == 0)
			next = 0;
		if (next == 0 && emitted > 0)
			break;				/* the end of the text */
		if (next < 0 && (emitted >= lo || (natural && emitted > 0)))
			break;				/* no way on, the text long enough: its end */
		if (next <= 0)
		{
			/* no way on: another sentence starts */
			if (p1 == 0 && p2 == 0)
				break;			/* no start avoids a rare sequence */
			p2 = p1 = 0;
			continue;
		}
		tm->ids[emitted] = next;
		if (filled == TEXT_WINDOW - 1)
			memmove(window, window + 1, sizeof(uint64) * (TEXT_WINDOW - 2));
		else
			filled++;
		window[filled - 1] = tm->tok_hash[next];
		p2 = p1;
		p1 = next;
		emitted++;
	}
	return emitted;
}

/*
 * Whether the model's own ends make texts of the source's lengths: the
 * words of n texts drawn by them (up to the longest length, from a fixed
 * stream; n is TEXT_SIM_TEXTS, fewer for long texts, 100 at least) against
 * as many lengths drawn from the quantiles, by the two-sample
 * Kolmogorov-Smirnov distance at its 5% critical value (1.36 sqrt(2 / n)).  One-sentence texts whose end follows their words
 * (tickets, templates) pass; texts of several sentences do not, each
 * sentence end being a chance to stop (their number comes out geometric).
 */
static bool
ends_make_lengths(TextModel *tm)
{
	SdRng		r;
	int			wmax = Max((int) tm->wordq[TEXT_WORD_POINTS - 1], 1);
	/* fewer texts for long ones: about TEXT_SIM_WORDS words in all */
	int			n = Max(100, Min(TEXT_SIM_TEXTS, TEXT_SIM_WORDS / wmax));
	uint32	   *sim = palloc(sizeof(uint32) * n);
	uint32	   *want = palloc(sizeof(uint32) * n);
	int			i,
				a = 0,
				b = 0;
	double		d = 0;

	sd_rng_init(&r, TEXT_SIM_SEED, 0);
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		sim[i] = (uint32) generate_once(tm, &r, wmax, 0, true);
		want[i] = (uint32) Max(rint(sd_grid_quantile(tm->wordq, TEXT_WORD_POINTS,
													 sd_rng_uniform(&r))), 0);
	}
	qsort(sim, n, sizeof(uint32), cmp_uint32);
	qsort(want, n, sizeof(uint32), cmp_uint32);
	while (a < n && b < n)
	{
		uint32		x = Min(sim[a], want[b]);

		while (a < n && sim[a] == x)
			a++;
		while (b < n && want[b] == x)
			b++;
		d = Max(d, fabs((double) (a - b)) / n);
	}
	pfree(sim);
	pfree(want);
	return d < 1.36 * sqrt(2.0 / n);
}

/* whether the model's texts may hold a placeholder's fill */
bool
text_model_fills(const TextModel *tm)
{
	int			i;

	for (i = 1; tm != NULL && i <= tm->nvocab; i++)
		if (strstr(tm->vocab[i], "{{") != NULL)
			return true;
	return false;
}

/*
 * One text, of at most maxbytes bytes (< 0: no limit), cut at a space; its
 * tokens from the n-grams, never closing a rare sequence.  Where the
 * model's own ends make the source's lengths (ends_make_lengths), they end
 * it.  Elsewhere it draws its number of words w from the quantiles and is
 * drawn (generate_once) with at least w - 15% words where the model allows
 * (exactly w up to 6 words), again up to TEXT_LENGTH_TRIES times until it
 * has at most w + 15%: the model's texts given the drawn length, as the
 * source's are.  A text ended only past 60% of its drawn length and, ended
 * before, started over as another text and ran on ("... shows an error
 * Customer reports ...", 10% of one-sentence tickets); and past its length
 * it went on to a cut in mid-sentence (38% of notes of several sentences).
 * A try's tokens are drawn first; its placeholders are filled only for the
 * text kept.  Returns whether it filled one (the exact-copy guard tests
 * such a text: a fill may meet a real value by chance).
 */
bool
text_model_generate(TextModel *tm, SdRng *rng, uint64 seed, uint64 row,
					int maxbytes, StringInfo out)
{
	int			n = 0,
				words,
				tol,
				t;
	bool		filled = false;

	text_model_prepare(tm);
	if (tm->natural)
		n = generate_once(tm, rng, Max((int) tm->wordq[TEXT_WORD_POINTS - 1], 1), 0, true);
	else
	{
		words = (int) rint(sd_grid_quantile(tm->wordq, TEXT_WORD_POINTS, sd_rng_uniform(rng)));
		words = Max(words, 1);
		tol = words * 3 / 20;
		for (t = 0; t < TEXT_LENGTH_TRIES; t++)
		{
			n = generate_once(tm, rng, words, words - tol, false);
			if (n >= words - tol && n <= words + tol)
				break;
		}
	}
	for (t = 0; t < n; t++)
	{
		filled |= tm->slots[tm->ids[t]] != NULL;
		emit_token(tm, tm->ids[t], rng, seed, sd_mix64(row * 64 + (t & 63)), out);
	}
	if (maxbytes >= 0 && out->len > maxbytes)
	{
		int			cut = maxbytes;

		while (cut > 0 && out->data[cut] != ' ')
			cut--;
		out->data[out->len = cut] = '\0';
	}
	return filled;
}
