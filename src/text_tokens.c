/*-------------------------------------------------------------------------
 *
 * text_tokens.c
 *		Free text of fitted cloning: a text's tokens and its personal spans.
 *
 * A text is cut into tokens at white space, each keeping its punctuation;
 * a token's core (without the punctuation) that is a personal span (an
 * email, a URL, a network address, a phone number split or not, a national
 * id, an IBAN, a card number, a name by the fake engine's dictionaries or
 * after a title, a date, a hexadecimal hash, a record number, a number)
 * becomes a placeholder "{{kind}}" or "{{kind:shape}}".  text_model.c
 * decides which placeholders the model keeps (numbers that k rows hold stay
 * words) and counts the rest; see there.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/text_tokens.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "clone_int.h"
#include "text_model.h"
#include "text_model_int.h"

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
void
text_token_core(const char *t, int len, int *from, int *to)
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
char *
text_coarse_code(const char *tok)
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
bool
text_is_date(const char *s, int len)
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

/* the year of a date core (text_is_date's layouts): its group of four digits, or 0 */
int
text_date_year(const char *s, int len)
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
bool
text_year_span(TextYear *years, int n, int k, int *lo, int *hi)
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

bool
text_is_title(const char *t, int len)
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
char *
text_core_placeholder(const char *core, int len, bool after_title)
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
	if (digits > 0 && text_is_date(core, len))
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
bool
text_is_split_phone(const char *a, int alen, const char *b, int blen)
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

int
text_split_tokens(const char *text, RawToken **out)
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

uint64
text_core_hash(const RawToken *t)
{
	int			a,
				b;

	text_token_core(t->s, t->len, &a, &b);
	return token_hash(t->s + a, b - a);
}

/*
 * The model's tokens of a text: placeholders for personal spans and rare
 * numbers (rawrows: rows per token core), the rest as written.
 */
