/*-------------------------------------------------------------------------
 *
 * text_model_json.c
 *		Free text of fitted cloning: the text model as JSON in the model
 *		document, written by the fit and read back, every field checked.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/text_model_json.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "clone_int.h"
#include "text_model.h"

static void
write_count_array(StringInfo b, const double *v, int n)
{
	int			i;

	appendStringInfoChar(b, '[');
	for (i = 0; i < n; i++)
		appendStringInfo(b, i ? ", %.0f" : "%.0f", v[i]);
	appendStringInfoChar(b, ']');
}

/* tuples of "width" ids and a count, flat: read_grams' input */
static void
write_grams(StringInfo b, const int32 *ids, const double *counts, int n, int width)
{
	int			i,
				j;

	appendStringInfoChar(b, '[');
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoString(b, ", ");
		for (j = 0; j < width; j++)
			appendStringInfo(b, "%d, ", ids[i * width + j]);
		appendStringInfo(b, "%.0f", counts[i]);
	}
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
	appendStringInfoString(b, ", \"bigrams\": ");
	write_grams(b, tm->bi, tm->bic, tm->nbi, 2);
	appendStringInfoString(b, ", \"trigrams\": ");
	write_grams(b, tm->tri, tm->tric, tm->ntri, 3);
	appendStringInfoString(b, ", \"skips\": ");
	write_grams(b, tm->skip, tm->skipc, tm->nskip, 2);
	appendStringInfoString(b, ", \"rare_sequences\": [");
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
