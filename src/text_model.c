/*-------------------------------------------------------------------------
 *
 * text_model.c
 *		Free text of fitted cloning: a word n-gram model held by k rows,
 *		and its fit.
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
 * Tokens and placeholders are cut and classified in text_tokens.c, the
 * model is written and read as JSON in text_model_json.c, and texts are
 * drawn from it in text_model_sample.c.
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

#include "common/hashfn.h"

#include "clone_int.h"
#include "text_model.h"
#include "text_model_int.h"

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

/*
 * text_core_placeholder, remembered per distinct core (and title flag): texts
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
		pc->results[pc->n] = text_core_placeholder(core, len, after_title);
		e->id = pc->n++;
		e->rows = 1;
		e->last = 1;
	}
	return pc->results[e->id];
}

static int
text_model_tokens(const char *text, const NgTable *rawrows, int k, PlaceholderCache *pc,
			 char ***out)
{
	RawToken   *raw;
	int			n = text_split_tokens(text, &raw),
				m = 0,
				i;
	char	  **toks = palloc(sizeof(char *) * Max(n, 1));

	for (i = 0; i < n; i++)
	{
		int			a,
					b;
		char	   *ph;

		if (i + 1 < n && text_is_split_phone(raw[i].s, raw[i].len, raw[i + 1].s, raw[i + 1].len))
		{
			text_token_core(raw[i + 1].s, raw[i + 1].len, &a, &b);
			toks[m++] = psprintf("{{phone}}%.*s", raw[i + 1].len - b, raw[i + 1].s + b);
			i++;
			continue;
		}
		text_token_core(raw[i].s, raw[i].len, &a, &b);
		/* a capitalised word after a title or a first name is a surname */
		ph = cached_placeholder(pc, raw[i].s + a, b - a,
							  i > 0 && (text_is_title(raw[i - 1].s, raw[i - 1].len) ||
										strcmp(toks[m - 1], "{{first_name}}") == 0));
		if (ph != NULL && strncmp(ph, "num:", 4) == 0)
		{
			NgEntry    *e = ng_find(rawrows, text_core_hash(&raw[i]));

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
		int			n = text_split_tokens(ft->texts[r], &raw);

		/* the years of the texts' dates, which their placeholders will keep */
		for (i = 0; i < n; i++)
		{
			int			from,
						to,
						y;

			text_token_core(raw[i].s, raw[i].len, &from, &to);
			if (to > from && text_is_date(raw[i].s + from, to - from) &&
				(y = text_date_year(raw[i].s + from, to - from)) > 0)
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
			ng_count(&rawrows, text_core_hash(&raw[i]), r, ft->weight[r]);
		pfree(raw);
		CHECK_FOR_INTERRUPTS();
	}
	/* the dates' years, clipped at the k-th extremes as a column's values are */
	if (!text_year_span(years, nyears, k, &tm->date_lo, &tm->date_hi))
		tm->date_lo = tm->date_hi = 0;
	ng_init(&tt.toks, 4096);
	tt.capinfo = 1024;
	tt.ninfo = 0;
	tt.info = palloc(sizeof(TokenInfo) * tt.capinfo);
	memset(&pc, 0, sizeof(pc));
	ng_init(&pc.seen, 4096);
	for (r = 0; r < ft->n; r++)
	{
		int			n = text_model_tokens(ft->texts[r], &rawrows, k, &pc, &rowtoks[r]);

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
						code[id] = text_coarse_code(tt.info[id].s);
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
		words += text_split_tokens(t, &raw) * ft->scale[r] * ft->weight[r];
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
		words += c->shapes[i].p * text_split_tokens(shape, &raw);
		pfree(raw);
		pfree(shape);
	}
	return words < 2.5;
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
