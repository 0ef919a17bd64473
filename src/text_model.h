/*-------------------------------------------------------------------------
 *
 * text_model.h
 *		Free text of fitted cloning: a word n-gram model held by k rows.
 *
 * A free-text column (many distinct, multi-word values) is modelled by the
 * words of its texts: unigram, bigram and trigram counts of the tokens
 * (whitespace-separated words with their punctuation) that at least k
 * distinct rows hold, with personal spans (emails, phone numbers, names,
 * record numbers, dates, rare numbers) replaced at fit time by
 * placeholders that the sampler fills with fresh fakes of their kind; the
 * hashes of the rare (fewer than k rows) 6-word sequences that the model
 * could otherwise produce, so that the sampler never does; and the
 * distribution of words per row.  See text_model.c.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/text_model.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_TEXT_MODEL_H
#define SYNTHDATA_TEXT_MODEL_H

#include "lib/stringinfo.h"
#include "utils/jsonb.h"

#include "rng.h"

/* bounds of a text model (the fit keeps the most frequent; reading refuses more) */
#define TEXT_VOCAB_MAX 20000	/* distinct tokens */
#define TEXT_NGRAMS_MAX 60000	/* bigrams, and trigrams, each */
#define TEXT_RARE_MAX 60000		/* hashes of rare 6-word sequences */
#define TEXT_TOKEN_MAX 100		/* bytes of one token */
#define TEXT_SAMPLE_ROWS 10000	/* texts the fit reads */
#define TEXT_SAMPLE_CHARS 2000	/* characters of each text it reads */
#define TEXT_WORD_POINTS 17		/* quantile grid of words per row */
#define TEXT_WINDOW 6			/* words of a sequence that must not be rare */

typedef struct TextSlot TextSlot;	/* a token's placeholder, parsed (text_model_sample.c) */

typedef struct TextModel
{
	int			nvocab;			/* tokens 1..nvocab; 0 is the row's boundary */
	char	  **vocab;			/* [0] unused */
	double	   *uni;			/* occurrences per token, [0] unused */
	int			nbi;
	int32	   *bi;				/* pairs (a, b), sorted */
	double	   *bic;			/* occurrences per pair */
	int			ntri;
	int32	   *tri;			/* triples (a, b, c), sorted */
	double	   *tric;
	int			nskip;
	int32	   *skip;			/* pairs (a, c) of a, any token, c; sorted */
	double	   *skipc;
	int			nrare;
	uint32	   *rare;			/* sorted */
	int			date_lo;		/* years of the dates in the texts, clipped at */
	int			date_hi;		/* their k-th extremes; 0: none seen */
	double		wordq[TEXT_WORD_POINTS];
	/* built by text_model_prepare for sampling */
	bool		prepared;
	bool		natural;		/* the model's own ends make the lengths */
	double	   *uni_cum;
	double	   *bi_cum;
	double	   *tri_cum;
	double	   *skip_cum;
	int32	   *bi_first;		/* per first id a: where a's pairs start */
	int32	   *skip_first;		/* the same for the skips */
	struct TextContext *contexts;	/* the triples' contexts (a, b), hashed */
	uint32		context_mask;	/* its slots less one (a power of two) */
	uint64	   *tok_hash;
	int		   *tok_len;		/* per token id: strlen of its vocab entry */
	TextSlot  **slots;			/* per token: its placeholder, or NULL */
	int32	   *ids;			/* the tokens of the text being drawn */
	uint8	   *dmin;			/* per token: fewest tokens to a possible end */
	uint8	   *dmax;			/* per token: most tokens to a certain end */
} TextModel;

struct Model;
struct ModelCol;
struct FitContext;

extern void text_counts_keep(struct FitContext *fc, struct Model *m,
							 const struct FitState *st);
extern void text_models_fit(struct FitContext *fc, struct Model *m);
extern void text_model_write(StringInfo b, const TextModel *tm);
extern TextModel *text_model_read(JsonbContainer *cc);
extern bool text_model_generate(TextModel *tm, SdRng *rng, uint64 seed,
								uint64 row, int maxbytes, StringInfo out);
extern bool text_model_fills(const TextModel *tm);

#endif							/* SYNTHDATA_TEXT_MODEL_H */
