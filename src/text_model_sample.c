/*-------------------------------------------------------------------------
 *
 * text_model_sample.c
 *		Free text of fitted cloning: texts drawn from a text model.
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
 *		src/text_model_sample.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "clone_int.h"
#include "text_model.h"
#include "text_model_int.h"

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

/*
 * Where each first id's entries start in a sorted array of pairs ([a] to
 * [a + 1]): a bigram's or a skip's context is found by its index, not by a
 * search of the whole array.
 */
static int32 *
first_index(const int32 *ids, int n, int width, int nvocab)
{
	int32	   *first = palloc(sizeof(int32) * (nvocab + 2));
	int			a,
				i = 0;

	for (a = 0; a <= nvocab + 1; a++)
	{
		while (i < n && ids[i * width] < a)
			i++;
		first[a] = i;
	}
	return first;
}

/*
 * A context (a, b) of the triples and where its entries lie, [lo, hi): a
 * slot of an open-addressing table (linear probing) keyed by a << 32 | b,
 * so that the next token's range is one probe away, not a search.
 */
typedef struct TextContext
{
	uint64		key;			/* CONTEXT_EMPTY: a free slot */
	int32		lo;
	int32		hi;
} TextContext;

#define CONTEXT_EMPTY PG_UINT64_MAX	/* no id is -1 */

static inline uint64
context_key(int32 a, int32 b)
{
	return (uint64) (uint32) a << 32 | (uint32) b;
}

static void
contexts_build(TextModel *tm)
{
	uint32		slots = 16;
	int			n = 0,
				i;

	for (i = 0; i < tm->ntri; i++)
		if (i == 0 || tm->tri[3 * i] != tm->tri[3 * i - 3] ||
			tm->tri[3 * i + 1] != tm->tri[3 * i - 2])
			n++;
	while (slots < 2 * (uint32) n)
		slots <<= 1;
	tm->contexts = palloc_extended(sizeof(TextContext) * slots, MCXT_ALLOC_HUGE);
	for (i = 0; i < (int) slots; i++)
		tm->contexts[i].key = CONTEXT_EMPTY;
	tm->context_mask = slots - 1;
	for (i = 0; i < tm->ntri;)
	{
		uint64		key = context_key(tm->tri[3 * i], tm->tri[3 * i + 1]);
		uint32		at = (uint32) sd_mix64(key) & tm->context_mask;
		int			j = i + 1;

		while (j < tm->ntri && context_key(tm->tri[3 * j], tm->tri[3 * j + 1]) == key)
			j++;
		while (tm->contexts[at].key != CONTEXT_EMPTY)
			at = (at + 1) & tm->context_mask;
		tm->contexts[at].key = key;
		tm->contexts[at].lo = i;
		tm->contexts[at].hi = j;
		i = j;
	}
}

/* the entries [lo, hi) of the triples of context (a, b); false: none */
static inline bool
context_find(const TextModel *tm, int32 a, int32 b, int *lo, int *hi)
{
	uint64		key = context_key(a, b);
	uint32		at = (uint32) sd_mix64(key) & tm->context_mask;

	for (;; at = (at + 1) & tm->context_mask)
	{
		const TextContext *c = &tm->contexts[at];

		if (c->key == key)
		{
			*lo = c->lo;
			*hi = c->hi;
			return true;
		}
		if (c->key == CONTEXT_EMPTY)
			return false;
	}
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
	tm->bi_first = first_index(tm->bi, tm->nbi, 2, tm->nvocab);
	contexts_build(tm);
	tm->skip_first = first_index(tm->skip, tm->nskip, 2, tm->nvocab);
	tm->tok_hash = palloc(sizeof(uint64) * (tm->nvocab + 1));
	tm->tok_len = palloc0(sizeof(int) * (tm->nvocab + 1));
	tm->slots = palloc0(sizeof(TextSlot *) * (tm->nvocab + 1));
	tm->tok_hash[0] = 0;
	for (i = 1; i <= tm->nvocab; i++)
	{
		tm->tok_len[i] = (int) strlen(tm->vocab[i]);
		tm->tok_hash[i] = token_hash(tm->vocab[i], tm->tok_len[i]);
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

/*
 * Draw the next id within [lo, hi) of a sorted gram array by its counts:
 * the first entry whose cumulated count reaches u, the last if none does
 * before it.  The search halves its range by a conditional move, not a
 * branch, since which way it goes is random (Khuong and Morin, "Array
 * Layouts for Comparison-Based Searching", ACM JEA 22, 2017).
 */
static int32
draw_in(const int32 *ids, const double *cum, int width, int lo, int hi, SdRng *rng)
{
	double		base = lo > 0 ? cum[lo - 1] : 0,
				u = base + sd_rng_uniform(rng) * (cum[hi - 1] - base);
	const double *at = cum + lo;
	int			n = hi - 1 - lo,
				a;

	while (n > 1)
	{
		int			half = n / 2;

		at = at[half] < u ? at + half : at;
		n -= half;
	}
	a = (int) (at - cum) + (n == 1 && *at < u);
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
	int			lo = tm->skip_first[from],
				hi = tm->skip_first[from + 1];

	if (!end_ok && lo < hi && tm->skip[2 * lo + 1] == 0)
		lo++;
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
	int32		next;
	int			lo,
				hi;

	if (context_find(tm, p2, p1, &lo, &hi))
		return draw_context(tm, tm->tri, tm->tri_cum, 3, lo, hi, rng, end);
	lo = tm->bi_first[p1];
	hi = tm->bi_first[p1 + 1];
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
		appendStringInfoCharMacro(out, ' ');
	if (slot == NULL)
	{
		sd_append_bytes(out, tok, tm->tok_len[id]);
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
