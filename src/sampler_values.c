/*-------------------------------------------------------------------------
 *
 * sampler_values.c
 *		The values of a row's non-scalar columns: bytea of the drawn length,
 *		JSON documents of a drawn key set, ranges and arrays, each from its
 *		column's own stream (draw_row in sampler.c calls them).
 *
 * Layer: feature logic under the SQL entry points.  No SPI, no catalog
 * reads: values are a pure function of the column's model and stream.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sampler_values.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"
#include "sampler_int.h"
#include "fake.h"
#include "utils/array.h"
#include "utils/json.h"

/* a bytea of the column's drawn length, its bytes from the column's stream */
Datum
sampler_random_bytes(TargetCol *tc, const ModelCol *c)
{
	int			len = (int) Max(0.0, rint(sd_grid_quantile(c->lenq, LEN_POINTS,
														   sd_rng_uniform(&tc->rng))));
	bytea	   *b = palloc(VARHDRSZ + len);
	char	   *p = VARDATA(b);
	int			j;

	SET_VARSIZE(b, VARHDRSZ + len);
	for (j = 0; j < len; j += 8)
	{
		uint64		w = sd_rng_u64(&tc->rng);

		memcpy(p + j, &w, Min(8, len - j));
	}
	return PointerGetDatum(b);
}

/*
 * A document: a key set drawn by its share, then each key's value drawn from
 * its field, as JSON text through the target type's input function.
 */
Datum
sampler_random_document(TargetCol *tc, const ModelCol *c)
{
	StringInfoData b;
	StringInfoData words;
	const ModelDocSet *set = &c->docsets[cum_category(tc->set_cum, c->ndocsets,
													  sd_rng_uniform(&tc->rng))];
	int			j;

	initStringInfo(&b);
	initStringInfo(&words);
	appendStringInfoChar(&b, '{');
	for (j = 0; j < set->nkeys; j++)
	{
		const ModelField *mf = &c->fields[set->keys[j]];
		double		u = sd_rng_uniform(&tc->rng);

		if (j)
			appendStringInfoString(&b, ", ");
		escape_json(&b, mf->key);
		appendStringInfoString(&b, ": ");
		switch (mf->kind)
		{
			case FK_JSON:
				appendStringInfoString(&b, mf->cats[cum_category(tc->field_cum[set->keys[j]],
																 mf->ncat, u)].label);
				break;
			case FK_NUMBERS:
				{
					double		x = sd_grid_quantile(mf->grid, DOC_POINTS, u);

					if (mf->integer)
						appendStringInfo(&b, "%.0f", rint(x));
					else if (mf->scale >= 0)
						appendStringInfo(&b, "%.*f", mf->scale, x);
					else
						appendStringInfo(&b, "%.15g", x);
					break;
				}
			case FK_WORDS:
				{
					int			len = (int) rint(sd_grid_quantile(mf->lenq, LEN_POINTS, u));

					resetStringInfo(&words);
					if (len > 0)
						sd_fake_text(SD_FAKE_LOCALE_EN, len, len, &tc->rng, &words);
					escape_json(&b, words.data);
					break;
				}
			case FK_NULL:
				appendStringInfoString(&b, "null");
				break;
		}
	}
	appendStringInfoChar(&b, '}');
	return InputFunctionCall(&tc->inflinfo, b.data, tc->typioparam, tc->typmod);
}

/* a bound of a range, as quoted text of the subtype */
static void
range_bound_text(StringInfo b, TargetCol *sub, const ModelCol *c, double x)
{
	Datum		d = sampler_number_to_datum(sub, x, c->integer ? 0 : c->scale);
	const char *t = output_function_call(sub->typoutput, d);

	appendStringInfoChar(b, '"');
	for (; *t; t++)
	{
		if (*t == '"' || *t == '\\')
			appendStringInfoChar(b, '\\');
		appendStringInfoChar(b, *t);
	}
	appendStringInfoChar(b, '"');
}

/*
 * A range: empty by its share; else each end unbounded by its share, the
 * lower bound from its quantiles and the upper one the lower plus a width
 * (or, below an unbounded lower end, from its own quantiles).  Appended as
 * the text of a range literal.
 */
static void
append_random_range(StringInfo b, TargetCol *tc, const ModelCol *c)
{
	double		u_empty = sd_rng_uniform(&tc->rng),
				u_linf = sd_rng_uniform(&tc->rng),
				u_uinf = sd_rng_uniform(&tc->rng),
				u_low = sd_rng_uniform(&tc->rng),
				u_up = sd_rng_uniform(&tc->rng),
				lo = 0;
	bool		linf = u_linf < c->lower_inf_fraction,
				uinf = u_uinf < c->upper_inf_fraction;

	if (u_empty < c->empty_fraction)
		appendStringInfoString(b, "empty");
	else
	{
		appendStringInfoChar(b, c->lower_inc ? '[' : '(');
		if (!linf)
		{
			lo = sd_grid_quantile(c->lowq, DOC_POINTS, u_low);
			range_bound_text(b, tc->sub, c, lo);
		}
		appendStringInfoChar(b, ',');
		if (!uinf)
			range_bound_text(b, tc->sub, c,
							 linf ? sd_grid_quantile(c->uppq, DOC_POINTS, u_up) :
							 lo + Max(0.0, sd_grid_quantile(c->widthq, DOC_POINTS, u_up)));
		appendStringInfoChar(b, c->upper_inc ? ']' : ')');
	}
}

/*
 * A range, or a multirange of a drawn number of such ranges; through the
 * type's input function, which puts discrete ranges in their canonical
 * form and merges the overlapping ranges of a multirange.
 */
Datum
sampler_random_range(TargetCol *tc, const ModelCol *c)
{
	StringInfoData b;

	initStringInfo(&b);
	if (c->multirange)
	{
		double		u_n = sd_rng_uniform(&tc->rng);
		int			n = (int) rint(sd_grid_quantile(c->nrangeq, LEN_POINTS, u_n)),
					r;

		n = Max(0, Min(n, MULTIRANGE_RANGES_MAX));
		appendStringInfoChar(&b, '{');
		for (r = 0; r < n; r++)
		{
			if (r > 0)
				appendStringInfoChar(&b, ',');
			append_random_range(&b, tc, c);
		}
		appendStringInfoChar(&b, '}');
	}
	else
		append_random_range(&b, tc, c);
	return InputFunctionCall(&tc->inflinfo, b.data, tc->typioparam, tc->typmod);
}

/* an array of the column's drawn length, its elements drawn independently */
Datum
sampler_random_array(TargetCol *tc, const ModelCol *c)
{
	int			len = c->ncat == 0 ? 0 :
		(int) Max(0.0, rint(sd_grid_quantile(c->lenq, LEN_POINTS, sd_rng_uniform(&tc->rng))));
	Datum	   *elems;
	int			j;

	if (len == 0)
		return PointerGetDatum(construct_empty_array(tc->elemtype));
	elems = palloc(sizeof(Datum) * len);
	for (j = 0; j < len; j++)
		elems[j] = tc->cat_datums[cum_category(tc->cat_cum, c->ncat,
											   sd_rng_uniform(&tc->rng))];
	return PointerGetDatum(construct_array(elems, len, tc->elemtype, tc->elmlen,
										   tc->elmbyval, tc->elmalign));
}
