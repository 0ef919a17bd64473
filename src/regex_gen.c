/*-------------------------------------------------------------------------
 *
 * regex_gen.c
 *		Strings that match a regular expression: a CHECK (code ~ '^[A-Z]{2}
 *		[0-9]{6}$') or a LIKE pattern steers the generator instead of
 *		rejecting random text.
 *
 * The supported subset of PostgreSQL's regular expressions: literals
 * (multibyte too), ".", bracket expressions with ranges, negation, escapes
 * and [:classes:], the escapes \d \D \w \W \s \S and escaped literals,
 * the quantifiers * + ? {n} {n,} {n,m} (lazy forms too), anchors ^ $ \A \Z,
 * alternation and groups (capturing or (?:...)).  Anything else --
 * back-references, lookaround, word boundaries, embedded options -- makes
 * the compile return NULL, and the caller falls back to drawing text and
 * letting the CHECK reject it.  The compiled form is a tree; a string is
 * a walk down it (Thompson's construction read backwards: every path
 * through the tree spells a match).  Unbounded repetitions repeat at most
 * four times more than their minimum.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/regex_gen.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"

#include "regex_gen.h"

/* printable ASCII: what "." and negated classes draw from */
#define RX_FIRST	32
#define RX_LAST		126
/* extra repetitions allowed by *, + and {n,} */
#define RX_OPEN_EXTRA	4
/* nesting depth and size limits of a pattern we accept */
#define RX_MAX_DEPTH	32
#define RX_MAX_NODES	4096

typedef enum RxKind
{
	RX_EMPTY, RX_LIT, RX_SET, RX_CAT, RX_ALT, RX_REP
} RxKind;

typedef struct RxNode
{
	RxKind		kind;
	char	   *lit;			/* RX_LIT: the bytes */
	char	   *members;		/* RX_SET: the characters, NUL-terminated */
	int			nmembers;
	int			nkids;			/* RX_CAT, RX_ALT */
	struct RxNode **kids;
	struct RxNode *kid;			/* RX_REP */
	int			min,
				max;
} RxNode;

struct SdRegex
{
	RxNode	   *root;
};

typedef struct RxParser
{
	const char *p;
	int			depth;
	int			nodes;
	bool		bad;
} RxParser;

static RxNode *parse_alt(RxParser *ps);

static RxNode *
new_node(RxParser *ps, RxKind kind)
{
	RxNode	   *n = palloc0(sizeof(RxNode));

	n->kind = kind;
	if (++ps->nodes > RX_MAX_NODES)
		ps->bad = true;
	return n;
}

static void
add_kid(RxNode *parent, RxNode *kid)
{
	parent->kids = parent->nkids == 0 ? palloc(sizeof(RxNode *) * 4) :
		(parent->nkids % 4 == 0 ?
		 repalloc(parent->kids, sizeof(RxNode *) * (parent->nkids + 4)) :
		 parent->kids);
	parent->kids[parent->nkids++] = kid;
}

/* a set as a 128-entry membership table, turned into a member list */
static RxNode *
set_node(RxParser *ps, const bool *in, bool negate)
{
	RxNode	   *n = new_node(ps, RX_SET);
	int			c;

	n->members = palloc(RX_LAST - RX_FIRST + 2);
	for (c = RX_FIRST; c <= RX_LAST; c++)
		if (in[c] != negate)
			n->members[n->nmembers++] = (char) c;
	n->members[n->nmembers] = '\0';
	if (n->nmembers == 0)
		ps->bad = true;
	return n;
}

static void
mark_range(bool *in, int lo, int hi)
{
	int			c;

	for (c = lo; c <= hi; c++)
		if (c >= 0 && c < 128)
			in[c] = true;
}

/* \d \w \s (and [:digit:] ...) into in[]; false if not a class letter */
static bool
mark_class(bool *in, char letter)
{
	switch (letter)
	{
		case 'd':
			mark_range(in, '0', '9');
			return true;
		case 'w':
			mark_range(in, '0', '9');
			mark_range(in, 'A', 'Z');
			mark_range(in, 'a', 'z');
			in['_'] = true;
			return true;
		case 's':
			in[' '] = true;
			return true;
		default:
			return false;
	}
}

static bool
mark_named_class(bool *in, const char *name, int len)
{
#define IS(s) (len == (int) strlen(s) && strncmp(name, s, len) == 0)
	if (IS("digit"))
		mark_range(in, '0', '9');
	else if (IS("upper"))
		mark_range(in, 'A', 'Z');
	else if (IS("lower"))
		mark_range(in, 'a', 'z');
	else if (IS("alpha"))
	{
		mark_range(in, 'A', 'Z');
		mark_range(in, 'a', 'z');
	}
	else if (IS("alnum"))
	{
		mark_range(in, '0', '9');
		mark_range(in, 'A', 'Z');
		mark_range(in, 'a', 'z');
	}
	else if (IS("xdigit"))
	{
		mark_range(in, '0', '9');
		mark_range(in, 'A', 'F');
		mark_range(in, 'a', 'f');
	}
	else if (IS("space") || IS("blank"))
		in[' '] = true;
	else if (IS("punct"))
	{
		mark_range(in, '!', '/');
		mark_range(in, ':', '@');
		mark_range(in, '[', '`');
		mark_range(in, '{', '~');
	}
	else
		return false;
	return true;
#undef IS
}

/* a bracket expression; ps->p is just after '[' */
static RxNode *
parse_bracket(RxParser *ps)
{
	bool		in[128] = {false};
	bool		negate = false;
	bool		first = true;

	if (*ps->p == '^')
	{
		negate = true;
		ps->p++;
	}
	while (*ps->p && (*ps->p != ']' || first))
	{
		int			lo;

		first = false;
		if (ps->p[0] == '[' && ps->p[1] == ':')
		{
			const char *end = strstr(ps->p + 2, ":]");

			if (!end || !mark_named_class(in, ps->p + 2, (int) (end - ps->p - 2)))
			{
				ps->bad = true;
				return NULL;
			}
			ps->p = end + 2;
			continue;
		}
		if (ps->p[0] == '\\' && ps->p[1])
		{
			if (mark_class(in, ps->p[1]))
			{
				ps->p += 2;
				continue;
			}
			lo = (unsigned char) ps->p[1];
			ps->p += 2;
		}
		else
			lo = (unsigned char) *ps->p++;
		if (lo >= 128)
		{
			ps->bad = true;		/* non-ASCII members are not supported */
			return NULL;
		}
		if (ps->p[0] == '-' && ps->p[1] && ps->p[1] != ']')
		{
			int			hi = (unsigned char) ps->p[1];

			if (hi == '\\' && ps->p[2])
			{
				hi = (unsigned char) ps->p[2];
				ps->p++;
			}
			ps->p += 2;
			if (hi >= 128 || hi < lo)
			{
				ps->bad = true;
				return NULL;
			}
			mark_range(in, lo, hi);
		}
		else
			in[lo] = true;
	}
	if (*ps->p != ']')
	{
		ps->bad = true;
		return NULL;
	}
	ps->p++;
	return set_node(ps, in, negate);
}

static RxNode *
parse_escape(RxParser *ps)
{
	char		c = *ps->p++;
	bool		in[128] = {false};
	RxNode	   *n;

	if (c == '\0')
	{
		ps->bad = true;
		return NULL;
	}
	if (mark_class(in, c))
		return set_node(ps, in, false);
	if (mark_class(in, (char) pg_ascii_tolower((unsigned char) c)))
		return set_node(ps, in, true);	/* \D \W \S */
	if (c == 'A' || c == 'Z')
		return new_node(ps, RX_EMPTY);
	if (c == 't' || c == 'n')
	{
		n = new_node(ps, RX_LIT);
		n->lit = pstrdup(c == 't' ? "\t" : "\n");
		return n;
	}
	if (isalnum((unsigned char) c))
	{
		/* back-references, word boundaries, \x.. codes: not ours */
		ps->bad = true;
		return NULL;
	}
	n = new_node(ps, RX_LIT);
	n->lit = pnstrdup(&c, 1);
	return n;
}

static RxNode *
parse_atom(RxParser *ps)
{
	const char *p = ps->p;
	RxNode	   *n;
	int			len;

	switch (*p)
	{
		case '(':
			ps->p++;
			if (ps->p[0] == '?')
			{
				if (ps->p[1] != ':')
				{
					ps->bad = true;	/* lookaround, options */
					return NULL;
				}
				ps->p += 2;
			}
			if (++ps->depth > RX_MAX_DEPTH)
			{
				ps->bad = true;
				return NULL;
			}
			n = parse_alt(ps);
			ps->depth--;
			if (*ps->p != ')')
			{
				ps->bad = true;
				return NULL;
			}
			ps->p++;
			return n;
		case '[':
			ps->p++;
			return parse_bracket(ps);
		case '.':
			{
				bool		in[128] = {false};

				ps->p++;
				mark_range(in, '0', '9');
				mark_range(in, 'A', 'Z');
				mark_range(in, 'a', 'z');
				return set_node(ps, in, false);
			}
		case '^':
		case '$':
			ps->p++;
			return new_node(ps, RX_EMPTY);
		case '\\':
			ps->p++;
			return parse_escape(ps);
		case '*':
		case '+':
		case '?':
		case '{':
			ps->bad = true;		/* a quantifier with nothing before it */
			return NULL;
		default:
			len = pg_mblen(p);
			n = new_node(ps, RX_LIT);
			n->lit = pnstrdup(p, len);
			ps->p += len;
			return n;
	}
}

/* a quantifier after an atom, or the atom itself */
static RxNode *
parse_quant(RxParser *ps, RxNode *atom)
{
	int			min,
				max;
	RxNode	   *n;

	switch (*ps->p)
	{
		case '*':
			min = 0;
			max = -1;
			ps->p++;
			break;
		case '+':
			min = 1;
			max = -1;
			ps->p++;
			break;
		case '?':
			min = 0;
			max = 1;
			ps->p++;
			break;
		case '{':
			{
				char	   *end;

				if (!isdigit((unsigned char) ps->p[1]))
				{
					ps->bad = true;
					return NULL;
				}
				min = (int) strtol(ps->p + 1, &end, 10);
				max = min;
				if (*end == ',')
				{
					end++;
					max = isdigit((unsigned char) *end) ? (int) strtol(end, &end, 10) : -1;
				}
				if (*end != '}' || min > 255 || max > 255 || (max >= 0 && max < min))
				{
					ps->bad = true;
					return NULL;
				}
				ps->p = end + 1;
				break;
			}
		default:
			return atom;
	}
	if (*ps->p == '?')
		ps->p++;				/* lazy: the same strings match */
	n = new_node(ps, RX_REP);
	n->kid = atom;
	n->min = min;
	n->max = max < 0 ? min + RX_OPEN_EXTRA : max;
	return n;
}

static RxNode *
parse_cat(RxParser *ps)
{
	RxNode	   *cat = new_node(ps, RX_CAT);

	while (*ps->p && *ps->p != '|' && *ps->p != ')' && !ps->bad)
	{
		RxNode	   *a = parse_atom(ps);

		if (ps->bad)
			return NULL;
		a = parse_quant(ps, a);
		if (ps->bad)
			return NULL;
		add_kid(cat, a);
	}
	return cat;
}

static RxNode *
parse_alt(RxParser *ps)
{
	RxNode	   *first = parse_cat(ps);
	RxNode	   *alt;

	if (ps->bad || *ps->p != '|')
		return first;
	alt = new_node(ps, RX_ALT);
	add_kid(alt, first);
	while (*ps->p == '|' && !ps->bad)
	{
		ps->p++;
		add_kid(alt, parse_cat(ps));
	}
	return alt;
}

SdRegex *
sd_regex_compile(const char *pattern)
{
	RxParser	ps;
	RxNode	   *root;
	SdRegex    *re;

	if (pattern == NULL || strncmp(pattern, "***", 3) == 0)
		return NULL;			/* director prefixes: not ours */
	ps.p = pattern;
	ps.depth = 0;
	ps.nodes = 0;
	ps.bad = false;
	root = parse_alt(&ps);
	if (ps.bad || *ps.p != '\0')
		return NULL;
	re = palloc(sizeof(SdRegex));
	re->root = root;
	return re;
}

/* the regular expression of a LIKE pattern (escape character '\') */
char *
sd_like_to_regex(const char *like)
{
	StringInfoData b;
	const char *p;

	initStringInfo(&b);
	appendStringInfoChar(&b, '^');
	for (p = like; *p; p++)
	{
		if (*p == '%')
			appendStringInfoString(&b, ".*");
		else if (*p == '_')
			appendStringInfoChar(&b, '.');
		else
		{
			if (*p == '\\' && p[1])
				p++;
			if (strchr("\\^$.[]|()*+?{}", *p))
				appendStringInfoChar(&b, '\\');
			appendStringInfoChar(&b, *p);
		}
	}
	appendStringInfoChar(&b, '$');
	return b.data;
}

static void
gen_node(const RxNode *n, SdRng *rng, StringInfo out)
{
	int			i,
				k;

	switch (n->kind)
	{
		case RX_EMPTY:
			break;
		case RX_LIT:
			appendStringInfoString(out, n->lit);
			break;
		case RX_SET:
			appendStringInfoChar(out, n->members[sd_rng_below(rng, n->nmembers)]);
			break;
		case RX_CAT:
			for (i = 0; i < n->nkids; i++)
				gen_node(n->kids[i], rng, out);
			break;
		case RX_ALT:
			gen_node(n->kids[sd_rng_below(rng, n->nkids)], rng, out);
			break;
		case RX_REP:
			k = n->min + (int) sd_rng_below(rng, (uint64) (n->max - n->min + 1));
			for (i = 0; i < k; i++)
				gen_node(n->kid, rng, out);
			break;
	}
}

void
sd_regex_generate(const SdRegex *re, SdRng *rng, StringInfo out)
{
	gen_node(re->root, rng, out);
}

/*
 * The pattern() syntax of a regular expression with one string length --
 * literals and the classes [A-Z], [a-z], [0-9] (or \d), each repeated a
 * fixed number of times -- else NULL.  Such a pattern has a mixed-radix
 * value space, so unique codes can be built from it.
 */
static bool
fixed_pattern(const RxNode *n, StringInfo out)
{
	int			i;
	const char *p;

	switch (n->kind)
	{
		case RX_EMPTY:
			return true;
		case RX_LIT:
			for (p = n->lit; *p; p++)
			{
				if (!isalnum((unsigned char) *p) && *p != '-' && *p != ' ' &&
					*p != '_' && *p != '.' && *p != '/')
					return false;
				appendStringInfoChar(out, '\\');
				appendStringInfoChar(out, *p);
			}
			return true;
		case RX_SET:
			if (strcmp(n->members, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 0)
				appendStringInfoChar(out, 'A');
			else if (strcmp(n->members, "abcdefghijklmnopqrstuvwxyz") == 0)
				appendStringInfoChar(out, 'a');
			else if (strcmp(n->members, "0123456789") == 0)
				appendStringInfoChar(out, '9');
			else
				return false;
			return true;
		case RX_CAT:
			for (i = 0; i < n->nkids; i++)
				if (!fixed_pattern(n->kids[i], out))
					return false;
			return true;
		case RX_REP:
			if (n->min != n->max)
				return false;
			for (i = 0; i < n->min; i++)
				if (!fixed_pattern(n->kid, out))
					return false;
			return true;
		case RX_ALT:
			return n->nkids == 1 && fixed_pattern(n->kids[0], out);
	}
	return false;
}

char *
sd_regex_to_pattern(const SdRegex *re)
{
	StringInfoData b;

	initStringInfo(&b);
	if (!fixed_pattern(re->root, &b) || b.len == 0)
		return NULL;
	return b.data;
}
