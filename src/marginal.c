/*-------------------------------------------------------------------------
 *
 * marginal.c
 *		Marginal decisions: how each column's values are modelled
 *		(continuous grid, categories, formats, sequences, arrays, documents,
 *		ranges) from its pass-1 summaries, with the k-anonymity clipping of
 *		rare values and quantiles.
 *
 * Plain decisions over a ColState: no SPI, no fmgr calls of user
 * functions.
 *
 * Layer: cloning's statistics.  Must not run SPI nor define SQL-callable
 * functions: it works in memory on the model and the fit's states.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/marginal.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

static int
cmp_cat_value(const void *a, const void *b)
{
	double		x = ((const ModelCat *) a)->value,
				y = ((const ModelCat *) b)->value;

	return (x > y) - (x < y);
}

int
cmp_cat_count_desc(const void *a, const void *b)
{
	int64		x = ((const ModelCat *) a)->count,
				y = ((const ModelCat *) b)->count;

	if (x != y)
		return (x < y) - (x > y);
	/* ties: by label, so the choice is deterministic */
	{
		const ModelCat *ca = a,
				   *cb = b;
		int			c = memcmp(ca->label, cb->label, Min(ca->len, cb->len));

		return c != 0 ? c : (ca->len > cb->len) - (ca->len < cb->len);
	}
}

/* the empty value of a type that synthdata cannot model, or NULL */
static char *
type_empty_value(Oid typid)
{
	Oid			base = getBaseType(typid);
	char		category;
	bool		preferred;

	if (base == JSONOID || base == JSONBOID)
		return "{}";
	if (base == BYTEAOID)
		return "\\x";
	get_type_category_preferred(base, &category, &preferred);
	if (category == TYPCATEGORY_ARRAY)
		return "{}";
#if PG_VERSION_NUM >= 140000
	if (type_is_multirange(base))
		return "{}";
#endif
	if (category == TYPCATEGORY_RANGE)
		return "empty";
	return NULL;
}

/* decide a column's marginal from its pass-1 summaries */
/*
 * npoints quantiles of the count values in h, from the smallest to the
 * largest, clipped at the k-th smallest and k-th largest (the median when
 * there are 2k values or fewer): no single value's extreme is disclosed.
 */
void
clipped_quantiles(SdHist *h, int64 count, int k, double *out, int npoints)
{
	double		clip[2];
	double		min_point = count > 0 ? (double) k * h->n / count : k;
	int			g;

	sd_hist_quantiles(h, min_point, 0, 1, npoints, out);
	if (count > 2 * k)
		sd_hist_quantiles(h, min_point, (double) k / count, 1.0 - (double) k / count, 2, clip);
	else
		sd_hist_quantiles(h, min_point, 0.5, 0.5, 2, clip);
	for (g = 0; g < npoints; g++)
		out[g] = Max(clip[0], Min(clip[1], out[g]));
}

/* length quantiles at most max (MODEL_LENGTH_MAX, MODEL_ARRAY_MAX) */
static void
clip_lengths(double *lenq, double max)
{
	int			g;

	for (g = 0; g < LEN_POINTS; g++)
		lenq[g] = Min(lenq[g], max);
}

static int
cmp_int_asc(const void *a, const void *b)
{
	int			x = *(const int *) a,
				y = *(const int *) b;

	return (x > y) - (x < y);
}

/*
 * A range column over numbers, dates or timestamps: the shares of empty
 * ranges, of unbounded ends and (by majority) of inclusive ends; the finite
 * lower bounds and the widths as quantile grids clipped at the k-th
 * extremes, and the upper bounds of ranges without a lower one.  False when
 * there are too few of any of them to show without disclosing one.
 */
static bool
range_marginal(ModelCol *c, ColState *cs, int k)
{
	RangeStats *rs = cs->range;
	int64		bounded = rs->ranges - rs->empty;

	if (rs->ranges <= 2 * k ||
		(rs->lowers > 0 && rs->lowers <= 2 * k) ||
		(rs->widths > 0 && rs->widths <= 2 * k) ||
		(rs->uppers > 0 && rs->uppers <= 2 * k) ||
		(rs->multi && rs->values <= 2 * k))
		return false;
	if (rs->multi)
	{
		c->multirange = true;
		clipped_quantiles(&rs->counts, rs->values, k, c->nrangeq, LEN_POINTS);
	}
	c->empty_fraction = (double) rs->empty / rs->ranges;
	c->lower_inf_fraction = bounded > 0 ? (double) rs->lower_inf / bounded : 0;
	c->upper_inf_fraction = bounded > 0 ? (double) rs->upper_inf / bounded : 0;
	c->lower_inc = 2 * rs->lower_inc >= bounded - rs->lower_inf;
	c->upper_inc = 2 * rs->upper_inc > bounded - rs->upper_inf;
	c->integer = rs->all_integer;
	c->scale = rs->all_integer ? 0 : rs->max_scale <= 6 ? rs->max_scale : -1;
	if (rs->lowers > 0)
		clipped_quantiles(&rs->low, rs->lowers, k, c->lowq, DOC_POINTS);
	if (rs->uppers > 0)
		clipped_quantiles(&rs->upp, rs->uppers, k, c->uppq, DOC_POINTS);
	if (rs->widths > 0)
		clipped_quantiles(&rs->width, rs->widths, k, c->widthq, DOC_POINTS);
	c->kind = MK_RANGE;
	c->reason = rs->multi ?
		"multiranges: numbers of ranges; their lower bounds, widths and unbounded shares" :
		"ranges: lower bounds, widths, empty and unbounded shares";
	return true;
}

/* fields by key name */
static int
cmp_field_key(const void *a, const void *b)
{
	return strcmp(((const ModelField *) a)->key, ((const ModelField *) b)->key);
}

/*
 * A json or jsonb column of many distinct objects: the sets of top-level keys
 * held by at least k rows of the sample (if they cover half the objects at
 * least), and for each key in them how its values are drawn — its JSON texts
 * held by k rows when they cover half its values, else a quantile grid of
 * its numbers (clipped at the k-th extremes), else words of its strings'
 * lengths, else null.  False when the column's documents are mostly not
 * objects or have too many keys: the rest of decide_marginal takes it.
 */
static bool
document_marginal(ModelCol *c, ColState *cs, int k)
{
	DocStats   *ds = cs->doc;
	int			fieldno[DOC_KEYS_MAX];
	int64		kept = 0;
	int			i,
				j,
				g;

	if (ds->overflow || ds->objects == 0 || ds->objects < 0.5 * ds->docs)
		return false;
	sd_freq_finish(&ds->sets);
	for (i = 0; i < ds->sets.nitems; i++)
		if (ds->sets.items[i].count >= k)
			kept += ds->sets.items[i].count;
	if (kept < 0.5 * ds->objects)
		return false;

	/* the keys of the sets kept, in key order */
	for (i = 0; i < DOC_KEYS_MAX; i++)
		fieldno[i] = -1;
	c->fields = palloc0(sizeof(ModelField) * DOC_KEYS_MAX);
	for (i = 0; i < ds->sets.nitems; i++)
	{
		const SdFreqItem *it = &ds->sets.items[i];

		if (it->count < k)
			continue;
		for (j = 0; j < it->len / (int) sizeof(uint16); j++)
		{
			uint16		f;

			memcpy(&f, it->key + j * sizeof(uint16), sizeof(uint16));
			if (fieldno[f] < 0)
			{
				fieldno[f] = c->nfields;
				c->fields[c->nfields++].key = ds->fields[f].key;
			}
		}
	}
	qsort(c->fields, c->nfields, sizeof(ModelField), cmp_field_key);
	for (i = 0; i < c->nfields; i++)
		for (j = 0; j < ds->nfields; j++)
			if (strcmp(ds->fields[j].key, c->fields[i].key) == 0)
				fieldno[j] = i;

	for (i = 0; i < ds->nfields; i++)
	{
		DocFieldStats *fs = &ds->fields[i];
		ModelField *mf;
		int64		texts = 0;

		if (fieldno[i] < 0)
			continue;
		mf = &c->fields[fieldno[i]];
		sd_freq_finish(&fs->texts);
		mf->cats = palloc0(sizeof(ModelCat) * Max(fs->texts.nitems, 1));
		for (j = 0; j < fs->texts.nitems; j++)
			if (fs->texts.items[j].count >= k)
			{
				mf->cats[mf->ncat].label = pnstrdup(fs->texts.items[j].key, fs->texts.items[j].len);
				mf->cats[mf->ncat].len = fs->texts.items[j].len;
				mf->cats[mf->ncat].count = fs->texts.items[j].count;
				texts += fs->texts.items[j].count;
				mf->ncat++;
			}
		if (mf->ncat > 0 && texts >= 0.5 * fs->rows)
		{
			mf->kind = FK_JSON;
			for (j = 0; j < mf->ncat; j++)
				mf->cats[j].p = (double) mf->cats[j].count / texts;
		}
		else if (fs->numbers >= 0.5 * fs->rows && fs->numbers > 2 * k)
		{
			mf->kind = FK_NUMBERS;
			mf->integer = fs->all_integer;
			mf->scale = fs->all_integer ? 0 : fs->max_scale <= 6 ? fs->max_scale : -1;
			clipped_quantiles(fs->nums, fs->numbers, k, mf->grid, DOC_POINTS);
			for (g = 1; g < DOC_POINTS; g++)
				mf->grid[g] = Max(mf->grid[g], mf->grid[g - 1]);
		}
		else if (fs->strings >= 0.5 * fs->rows && fs->strings > 2 * k)
		{
			mf->kind = FK_WORDS;
			clipped_quantiles(fs->strlens, fs->strings, k, mf->lenq, LEN_POINTS);
			clip_lengths(mf->lenq, MODEL_LENGTH_MAX);
		}
		else
			mf->kind = FK_NULL;
		if (mf->kind != FK_JSON)
			mf->ncat = 0;
	}

	c->docsets = palloc0(sizeof(ModelDocSet) * Max(ds->sets.nitems, 1));
	for (i = 0; i < ds->sets.nitems; i++)
	{
		const SdFreqItem *it = &ds->sets.items[i];
		ModelDocSet *set;

		if (it->count < k)
			continue;
		set = &c->docsets[c->ndocsets++];
		set->nkeys = it->len / (int) sizeof(uint16);
		set->keys = palloc(sizeof(int) * Max(set->nkeys, 1));
		for (j = 0; j < set->nkeys; j++)
		{
			uint16		f;

			memcpy(&f, it->key + j * sizeof(uint16), sizeof(uint16));
			set->keys[j] = fieldno[f];
		}
		qsort(set->keys, set->nkeys, sizeof(int), cmp_int_asc);
		set->p = (double) it->count / kept;
	}
	c->suppressed = 1.0 - (double) kept / ds->objects;
	c->kind = MK_DOCUMENT;
	c->reason = "documents: key sets and values seen in at least k rows";
	return true;
}

/*
 * An array column of many distinct arrays: its elements as categories (each
 * held by at least k rows of the sample, so by k source rows; the 512 most
 * frequent) with their shares of the elements, and the arrays' lengths
 * clipped at the k-th shortest and longest.  False, leaving the column to
 * the rest of decide_marginal, when the elements kept are less than half of
 * all, or too many distinct ones to count exactly.
 */
static bool
array_marginal(ModelCol *c, ColState *cs, int k)
{
	SdFreq	   *occ = cs->elem_occ;
	int64		kept = 0;
	int			n = 0,
				i,
				g;

	if (occ->overflowed || cs->elem_rows->overflowed || cs->arr_rows == 0)
		return false;
	c->cats = palloc0(sizeof(ModelCat) * Max(occ->nitems, 1));
	for (i = 0; i < occ->nitems; i++)
	{
		const SdFreqItem *it = &occ->items[i];

		/* the rows that hold it; a long element's digest is no value to draw */
		if (sd_freq_count_hashed(cs->elem_rows, it->key, it->len, it->hash) < k ||
			sd_freq_key_is_digest(it->key, it->len))
			continue;
		c->cats[n].label = pnstrdup(it->key, it->len);
		c->cats[n].len = it->len;
		c->cats[n].count = it->count;
		n++;
	}
	qsort(c->cats, n, sizeof(ModelCat), cmp_cat_count_desc);
	n = Min(n, 2 * 256);
	for (i = 0; i < n; i++)
		kept += c->cats[i].count;
	if (cs->elem_total > 0 && kept < 0.5 * cs->elem_total)
		return false;
	c->ncat = n;
	for (i = 0; i < n; i++)
		c->cats[i].p = (double) c->cats[i].count / Max(kept, 1);
	c->suppressed = cs->elem_total > 0 ? 1.0 - (double) kept / cs->elem_total : 0;
	clipped_quantiles(cs->arrlen, cs->arr_rows, k, c->lenq, LEN_POINTS);
	clip_lengths(c->lenq, MODEL_ARRAY_MAX);
	if (n == 0)
		for (g = 0; g < LEN_POINTS; g++)
			c->lenq[g] = 0;		/* no element to draw: empty arrays */
	c->kind = MK_ARRAY;
	c->reason = "array: elements held by at least k rows, and lengths";
	return true;
}

/* a format's length quantiles, clipped at the k-th shortest and longest */
static void
format_lengths(ModelCol *c, ColState *cs, int k)
{
	clipped_quantiles(cs->lengths, c->count, k, c->lenq, LEN_POINTS);
	clip_lengths(c->lenq, MODEL_LENGTH_MAX);
}

/*
 * The personal kind of a text column from its name and the values of its
 * frequency summary (every value when the column has few, the frequent
 * ones otherwise): fake.h's sd_fake_personal_kind.
 */
static SdFakeKind
personal_kind_of(const ModelCol *c, const SdFreq *freq)
{
	const char **values = palloc(sizeof(char *) * Max(freq->nitems, 1));
	int64	   *counts = palloc(sizeof(int64) * Max(freq->nitems, 1));
	SdFakeKind	kind;
	int			i;

	for (i = 0; i < freq->nitems; i++)
	{
		values[i] = pnstrdup(freq->items[i].key, freq->items[i].len);
		counts[i] = freq->items[i].count;
	}
	kind = sd_fake_personal_kind(c->name, values, counts, freq->nitems);
	for (i = 0; i < freq->nitems; i++)
		pfree((char *) values[i]);
	pfree(values);
	pfree(counts);
	return kind;
}

/*
 * A text key whose values are not numbers: personal data by its values
 * (an email key) gets unique fakes of its kind; other values fresh values
 * of their shapes (ORD-2023-000123), each shape held by k rows, unique by
 * construction (roles_key_shape_value); row numbers otherwise.
 */
static void
shaped_key(ModelCol *c, ColState *cs, int k)
{
	SdFakeKind	personal;
	int64		kept = 0;
	bool		digits_only = true;
	int			i,
				j;

	if (cs->shapes.nitems == 0 || cs->shapes.overflowed)
		return;
	sd_freq_finish(&cs->shapes);
	for (i = 0; i < cs->shapes.nitems; i++)
		if (cs->shapes.items[i].count >= k && cs->shapes.items[i].len < SHAPE_MAX)
		{
			kept += cs->shapes.items[i].count;
			for (j = 0; j < cs->shapes.items[i].len; j++)
				digits_only &= cs->shapes.items[i].key[j] == '9';
		}
	if (kept < 0.5 * c->count || digits_only)
		return;
	personal = personal_kind_of(c, &cs->freq);
	if (personal == SD_FAKE_NONE && pii_kind_from_shapes(&cs->shapes, c->count) != NULL)
		personal = sd_fake_kind_lookup(pii_kind_from_shapes(&cs->shapes, c->count));
	if (c->sem != NULL &&
		(personal == SD_FAKE_EMAIL || personal == SD_FAKE_USERNAME ||
		 roles_unique_kind(personal)))
	{
		c->role = ROLE_PII;
		c->pii_kind = (char *) sd_fake_kind_name(personal);
		c->sem->unique = true;
		c->kind = MK_FORMAT;
		c->reason = "unique index; values are personal data: unique fakes";
		return;
	}
	c->kind = MK_FORMAT;
	c->reason = "primary key or unique index: fresh values of its shapes";
	c->shapes = palloc0(sizeof(ModelShape) * cs->shapes.nitems);
	for (i = 0; i < cs->shapes.nitems; i++)
		if (cs->shapes.items[i].count >= k && cs->shapes.items[i].len < SHAPE_MAX)
		{
			c->shapes[c->nshapes].shape = pnstrdup(cs->shapes.items[i].key,
												   cs->shapes.items[i].len);
			c->shapes[c->nshapes].len = cs->shapes.items[i].len;
			c->shapes[c->nshapes].p = (double) cs->shapes.items[i].count / kept;
			c->nshapes++;
		}
	c->shape_cover = c->count > 0 ? kept / (double) c->count : 0;
	format_lengths(c, cs, k);
}

/*
 * Whether a text column holds countries: named so (or its values are
 * countries by the fake engine's reading), and at least half of its rows
 * are countries the country table knows.  Sets rare_values: the values
 * fewer than k rows hold.
 */
static bool
country_column(ModelCol *c, ColState *cs, SdFakeKind personal, int k)
{
	SdFakeKind	byname = sd_fake_kind_from_column(c->name);
	int64		known = 0,
				all = 0;
	int			i,
				rare = 0;

	if (c->vk != VK_STRING || cs->binary ||
		(personal != SD_FAKE_COUNTRY && personal != SD_FAKE_COUNTRY_CODE &&
		 byname != SD_FAKE_COUNTRY && byname != SD_FAKE_COUNTRY_CODE))
		return false;
	for (i = 0; i < cs->freq.nitems; i++)
	{
		all += cs->freq.items[i].count;
		if (roles_country_lookup(cs->freq.items[i].key, cs->freq.items[i].len) != NULL)
			known += cs->freq.items[i].count;
		if (cs->freq.items[i].count < k)
			rare++;
	}
	if (all == 0 || known < 0.5 * all)
		return false;
	c->rare_values = rare;
	return true;
}

/*
 * The fake kind of a column given the role pii without a kind: the one its
 * name suggests, else the personal data its values hold, else the pattern
 * of its shapes (email, IPv4, phone); NULL when none fits, and the column
 * is then drawn from its shapes (format_value keeps those within reserved
 * names too).
 */
static char *
infer_pii_kind(const ModelCol *c, ColState *cs)
{
	const char *kind = pii_kind_from_name(NULL, c->name);
	SdFakeKind	pk;

	if (kind != NULL)
		return (char *) kind;
	pk = personal_kind_of(c, &cs->freq);
	if (pk != SD_FAKE_NONE && sd_fake_kind_type(pk) == SD_FAKE_TYPE_TEXT)
		return (char *) sd_fake_kind_name(pk);
	sd_freq_finish(&cs->shapes);
	return (char *) pii_kind_from_shapes(&cs->shapes, c->count);
}

/*
 * The marginal of a continuous column from the histograms of its values on
 * their own and on a logarithmic scale (loghist NULL: only the first):
 * quantiles from the sketch, tails clipped at the k-th extreme.  Also used
 * for the gap of an ordered pair (clone_constraints.c).
 */
void
continuous_marginal(ModelCol *c, SdHist *h, SdHist *loghist, int k)
{
	SdAtom	   *atoms = palloc(sizeof(SdAtom) * SD_HIST_BUCKETS);
	int			na = 0;
	double		lo,
				hi,
				iqr[2],
				clip[2];
	bool		use_log;
	double		min_point;
	int			g;

	/*
	 * Two sketches of the same values: on the values' own scale and
	 * on a logarithmic one.  The logarithmic one wins when an outlier
	 * stretches the linear buckets beyond 1/64 of the interquartile
	 * range (incomes, counts, lab values with a long right tail).
	 */
	min_point = (double) k * h->n / c->count;
	sd_hist_quantiles(h, min_point, 0.25, 0.75, 2, iqr);
	use_log = ldexp(1.0, h->exp) > (iqr[1] - iqr[0]) / 64 &&
		loghist != NULL && loghist->n == h->n;
	if (use_log)
		h = loghist;

	/* point masses: buckets holding a single value, often enough */
	for (g = 0; g < SD_HIST_BUCKETS; g++)
		if (h->b[g].count >= k && h->b[g].count >= 0.01 * h->n &&
			h->b[g].min == h->b[g].max)
		{
			atoms[na].value = use_log ? unlog_scale(h->b[g].min) : h->b[g].min;
			/* on the table's scale when the histogram is a sample's */
			atoms[na].count = (int64) rint((double) h->b[g].count * c->count / h->n);
			na++;
		}

	/*
	 * The whole quantile function, then clipped to the k-th smallest
	 * and k-th largest values: the k most extreme rows on each side
	 * share the clip point, so no single row's outlier is disclosed.
	 */
	c->grid = palloc(sizeof(double) * GRID_POINTS);
	sd_hist_quantiles(h, min_point, 0, 1, GRID_POINTS, c->grid);

	/*
	 * Normal scores use the unclipped quantile function: clipping
	 * would give the k most extreme rows one extreme score each
	 * and inflate every correlation with this column.
	 */
	c->score_grid = palloc(sizeof(double) * GRID_POINTS);
	for (g = 0; g < GRID_POINTS; g++)
		c->score_grid[g] = use_log ? unlog_scale(c->grid[g]) : c->grid[g];
	for (g = 1; g < GRID_POINTS; g++)
		c->score_grid[g] = Max(c->score_grid[g], c->score_grid[g - 1]);
	if (h->n > 2 * k)
	{
		lo = (double) k / h->n;
		hi = 1.0 - (double) k / h->n;
	}
	else
		lo = hi = 0.5;
	sd_hist_quantiles(h, min_point, lo, hi, 2, clip);
	for (g = 0; g < GRID_POINTS; g++)
	{
		double		q = Max(clip[0], Min(clip[1], c->grid[g]));

		c->grid[g] = use_log ? unlog_scale(q) : q;
	}
	/* keep the grid non-decreasing after the round trip */
	for (g = 1; g < GRID_POINTS; g++)
		c->grid[g] = Max(c->grid[g], c->grid[g - 1]);
	c->atoms = atoms;
	c->natoms = na;
	c->kind = MK_CONTINUOUS;
}

/*
 * A numeric column without a declared scale prints each value with its own
 * display scale (2.50, 0.3, 1): the shares of (decimals the value needs,
 * display scale) held by k rows at least, so that the clone's values print
 * as the source's do (a whole number as 1 or 1.00 as often as there).
 * None when every value prints with the scale the values round to anyway
 * (a category: with the decimals it needs).
 */
static void
display_scales(ModelCol *c, const ColState *cs, int k)
{
	int64		kept = 0;
	int			j,
				other = 0,
				plain = c->integer ? 0 : c->scale;
	bool		cats = c->kind == MK_CATEGORICAL;

	if (c->vk != VK_NUMERIC || c->typmod >= (int32) VARHDRSZ)
		return;
	for (j = 0; j < SD_DSCALE_CELLS; j++)
		if (cs->dscale[j] >= k && cs->dscale[j] > 0)
		{
			kept += cs->dscale[j];
			/* categories print with the decimals they need */
			if (j % SD_DSCALE_SLOTS != (cats ? j / SD_DSCALE_SLOTS : plain))
				other++;
		}
	if (other == 0)
		return;
	c->dscale_joint = palloc(sizeof(double) * SD_DSCALE_CELLS);
	for (j = 0; j < SD_DSCALE_CELLS; j++)
		c->dscale_joint[j] = cs->dscale[j] >= k ? (double) cs->dscale[j] / kept : 0;
	display_scales_cumulate(c);
}

/*
 * c->dscale_cum from c->dscale_joint: for each number of decimals v, the
 * cumulative shares of the display scales given v (all 0 when no value
 * needs v decimals), then those of the display scales over all values.
 */
void
display_scales_cumulate(ModelCol *c)
{
	double	   *cum = palloc0(sizeof(double) * (SD_VSCALE_SLOTS + 1) * SD_DSCALE_SLOTS);
	double	   *all = cum + SD_VSCALE_SLOTS * SD_DSCALE_SLOTS;
	double		total = 0;
	int			v,
				d;

	for (v = 0; v < SD_VSCALE_SLOTS; v++)
	{
		const double *p = c->dscale_joint + v * SD_DSCALE_SLOTS;
		double	   *row = cum + v * SD_DSCALE_SLOTS;
		double		rt = 0,
					acc = 0;

		for (d = 0; d < SD_DSCALE_SLOTS; d++)
		{
			rt += p[d];
			all[d] += p[d];
		}
		total += rt;
		if (rt <= 0)
			continue;
		for (d = 0; d < SD_DSCALE_SLOTS; d++)
		{
			acc += p[d];
			row[d] = d < SD_DSCALE_SLOTS - 1 ? Min(acc / rt, 1.0) : 1.0;
		}
	}
	for (d = 0; d < SD_DSCALE_SLOTS; d++)
	{
		double		a = all[d];

		all[d] = (d > 0 ? all[d - 1] : 0) + (total > 0 ? a / total : 0);
	}
	all[SD_DSCALE_SLOTS - 1] = 1.0;
	c->dscale_cum = cum;
}

/*
 * A number's marginal: a sequence for identifiers, categories in natural
 * order when there are few values, else quantiles (or NULL when too few
 * rows would make every quantile some row's own value).
 */
static void
number_marginal(ModelCol *c, ColState *cs, int k)
{
	int			i;

	if (c->role == ROLE_IDENTIFIER || c->role == ROLE_PII)
	{
		c->kind = MK_SEQUENCE;
		return;
	}
	/* integer identifiers: near-unique integers named like one */
	if (!c->role_forced && cs->all_integer && c->count >= 20 &&
		sd_hll_estimate(&cs->hll) >= 0.9 * c->count && sd_fake_name_is_identifier(c->name))
	{
		c->role = ROLE_IDENTIFIER;
		c->reason = "near-unique integer named like an identifier";
		c->kind = MK_SEQUENCE;
		return;
	}
	c->integer = cs->all_integer;
	if (c->vk == VK_NUMERIC && c->typmod >= (int32) VARHDRSZ)
		c->scale = ((c->typmod - VARHDRSZ) & 0x7ff);
	else if (!vk_is_integral(c->vk) && cs->max_scale <= 6)
		c->scale = cs->max_scale;

	/* low-cardinality numbers are categories in natural order */
	if (c->vk == VK_BOOL ||
		(!cs->freq.overflowed && cs->freq.nitems <= NUM_CATEGORY_MAX))
	{
		int			n = 0;
		int64		kept = 0;

		c->cats = palloc0(sizeof(ModelCat) * Max(cs->freq.nitems, 1));
		for (i = 0; i < cs->freq.nitems; i++)
			if (cs->freq.items[i].count >= k)
			{
				memcpy(&c->cats[n].value, cs->freq.items[i].key, sizeof(double));
				c->cats[n].count = cs->freq.items[i].count;
				kept += c->cats[n].count;
				n++;
			}
		if (n > 0 || c->vk == VK_BOOL)
		{
			qsort(c->cats, n, sizeof(ModelCat), cmp_cat_value);
			c->ncat = n;
			c->numeric_cats = true;
			c->kind = n > 0 ? MK_CATEGORICAL : MK_NULL;
			if (n == 0)
				c->reason = "every value seen fewer than k times";
			c->suppressed = 1.0 - (double) kept / c->count;
			for (i = 0; i < n; i++)
				c->cats[i].p = (double) c->cats[i].count / kept;
			if (n > 0)
				display_scales(c, cs, k);
			return;
		}
	}

	/* too few values: any quantile would be some row's own value */
	if (c->count <= 2 * k)
	{
		c->kind = MK_NULL;
		c->reason = "fewer than 2k values: not modelled";
		return;
	}

	if (cs->hist->n <= 2 * k)
	{
		c->kind = MK_NULL;
		c->reason = "fewer than 2k values in the fit's sample: not modelled";
		return;
	}

	/* continuous: quantiles from the sketch, tails clipped at the k-th extreme */
	continuous_marginal(c, cs->hist, cs->loghist, k);
	display_scales(c, cs, k);
}

/*
 * A string column that is no category: an array, a document, a range, a
 * uuid, an address or another type with a generator of its kind, or
 * binary values; true when one of them decided the column.
 */
static bool
typed_marginal(ModelCol *c, ColState *cs, Oid typid, int k)
{
	if (cs->elem_occ != NULL && array_marginal(c, cs, k))
		return true;
	if (cs->doc != NULL && document_marginal(c, cs, k))
		return true;
	if (cs->range != NULL && range_marginal(c, cs, k))
		return true;
	if (c->vk == VK_UUID)
	{
		c->role = ROLE_IDENTIFIER;
		c->reason = "high-cardinality uuid";
		c->kind = MK_UUID;
		return true;
	}
	if (c->vk == VK_OTHER && c->role != ROLE_PII &&
		(c->pii_kind = (char *) pii_kind_from_shapes(&cs->shapes, c->count)) != NULL)
	{
		/* inet addresses and the like: their fake generator, through the type's input */
		c->role = ROLE_PII;
		c->reason = "value pattern";
		c->kind = MK_FORMAT;
		return true;
	}
	if (c->vk == VK_OTHER && c->role != ROLE_PII &&
		(c->pii_kind = (char *) pii_kind_from_type(typid, &cs->shapes, c->count)) != NULL)
	{
		/* many network addresses: fake ones of the type's kind */
		c->role = ROLE_PII;
		c->reason = "type";
		c->kind = MK_FORMAT;
		return true;
	}
	if (cs->binary)
	{
		/* binary values of many kinds: fresh random bytes of their lengths */
		if (sd_hll_estimate(&cs->hll) >= 0.9 * c->count && c->count >= 20)
		{
			c->role = ROLE_IDENTIFIER;
			c->reason = "near-unique binary values: random bytes of their lengths";
		}
		else
			c->reason = "binary values: random bytes of their lengths";
		c->kind = MK_FORMAT;
		c->binary = true;
		format_lengths(c, cs, k);
		return true;
	}
	if (c->vk == VK_OTHER)
	{
		char	   *empty = type_empty_value(typid);

		c->kind = empty ? MK_CONSTANT : MK_NULL;
		c->constant = empty;
		c->reason = "type not modelled";
		ereport(NOTICE,
				(errmsg("column \"%s\" of type %s is not modelled", c->name, c->type),
				 errdetail("Its values are generated as %s.",
						   empty ? "the type's empty value" : "NULL"),
				 errhint("Exclude the column, or give it a role in option \"columns\".")));
		return true;
	}
	return false;
}

/*
 * Whether at least 80% of a column's values are two or three capitals
 * ("CA", "NSW"): a state named so holds abbreviations.  (The shapes are
 * counted before the NULLs are known; count is the rows with a value.)
 */
static bool
abbreviated(ColState *cs, int64 count)
{
	int64		n = 0;
	int			i;

	if (cs->shapes.overflowed || count <= 0)
		return false;
	for (i = 0; i < cs->shapes.nitems; i++)
	{
		const SdFreqItem *it = &cs->shapes.items[i];

		if ((it->len == 2 || it->len == 3) && it->key[0] == 'A' && it->key[1] == 'A' &&
			(it->len == 2 || it->key[2] == 'A'))
			n += it->count;
	}
	return n >= 0.8 * count;
}

/* why a text column is a format: personal data, a pattern, near-unique, long or varied */
static void
text_role(ModelCol *c, ColState *cs, SdFakeKind personal, int64 long_repeated)
{
	if (c->role == ROLE_PII)
	{
		/* PII by name; a state of "CA", "QC", "NSW" is their abbreviation */
		if (c->pii_kind != NULL && strcmp(c->pii_kind, "state") == 0 &&
			abbreviated(cs, c->count))
		{
			c->pii_kind = (char *) sd_fake_kind_name(SD_FAKE_STATE_ABBR);
			c->reason = "column name; values are abbreviations";
		}
	}
	else if (personal != SD_FAKE_NONE)
	{
		c->role = ROLE_PII;
		c->pii_kind = (char *) sd_fake_kind_name(personal);
		c->reason = "values are personal data";
	}
	else
	{
		const char *kind = pii_kind_from_shapes(&cs->shapes, c->count);

		if (kind != NULL)
		{
			c->role = ROLE_PII;
			c->pii_kind = (char *) kind;
			c->reason = "value pattern";
		}
		else if (sd_hll_estimate(&cs->hll) >= 0.9 * c->count && c->count >= 20)
		{
			c->role = ROLE_IDENTIFIER;
			c->reason = "near-unique text";
		}
		else if (long_repeated >= 0.5 * c->count)
			c->reason = "long texts: modelled as text, never cut into categories";
		else
			c->reason = "high-cardinality text";
	}
}

/* the column becomes a category of cats[0..n-1], kept of its values in them */
static void
set_categories(ModelCol *c, ModelCat *cats, int n, int64 kept)
{
	int			i;

	c->cats = cats;
	c->ncat = n;
	c->kind = MK_CATEGORICAL;
	c->suppressed = 1.0 - (double) kept / c->count;
	for (i = 0; i < n; i++)
		c->cats[i].p = (double) c->cats[i].count / kept;
}

/*
 * A string column: categories seen at least k times when they hold most
 * values (never for personal data), else one of typed_marginal's kinds,
 * else a format.  True when the column is decided; false when it goes on
 * to the format (format_marginal).
 */
static bool
string_marginal(ModelCol *c, ColState *cs, Oid typid, int k)
{
	ModelCat   *cats = palloc0(sizeof(ModelCat) * Max(cs->freq.nitems, 1));
	int			i,
				n = 0;
	int64		kept = 0;
	int64		long_repeated = 0;	/* values of long texts seen k times */
	SdFakeKind	personal = c->vk == VK_STRING && !cs->binary ?
		personal_kind_of(c, &cs->freq) : SD_FAKE_NONE;

	/* a long value's digest counts, but is no category: no value to emit */
	for (i = 0; i < cs->freq.nitems; i++)
		if (cs->freq.items[i].count >= k &&
			sd_freq_key_is_digest(cs->freq.items[i].key, cs->freq.items[i].len))
			long_repeated += cs->freq.items[i].count;
		else if (cs->freq.items[i].count >= k)
		{
			cats[n].label = pnstrdup(cs->freq.items[i].key, cs->freq.items[i].len);
			cats[n].len = cs->freq.items[i].len;
			cats[n].count = cs->freq.items[i].count;
			n++;
		}
	if (n > COPULA_CATEGORY_MAX)
	{
		qsort(cats, n, sizeof(ModelCat), cmp_cat_count_desc);
		n = COPULA_CATEGORY_MAX;
	}
	for (i = 0; i < n; i++)
		kept += cats[i].count;

	/*
	 * A country is a coarse quasi-identifier, not personal data: the
	 * countries held by k rows are categories, the share of the rarer
	 * ones goes to other countries (roles_country_fill).
	 */
	if (!c->role_forced && country_column(c, cs, personal, k))
	{
		c->role = ROLE_ATTRIBUTE;
		c->pii_kind = NULL;
		c->reason = "a country: the countries k rows hold, the rarer ones' share to other countries";
		set_categories(c, cats, n, kept);
		return true;
	}

	/*
	 * Personal data (by name or by content) is never a category of real
	 * values, however many rows share a value (a customer's name on each
	 * of their orders): it gets fakes of its kind.
	 */
	if (personal != SD_FAKE_NONE && n > 0 && kept >= 0.5 * c->count)
	{
		if (c->role != ROLE_PII || sd_fake_kind_lookup(c->pii_kind) != personal)
			c->reason = c->role == ROLE_PII ? "column name and values" :
				"values are personal data";
		c->role = ROLE_PII;
		c->pii_kind = (char *) sd_fake_kind_name(personal);
		/* on to the format below, which the sampler fills with fakes */
	}
	else if (n > 0 && kept >= 0.5 * c->count)
	{
		if (c->role == ROLE_PII)
		{
			c->role = ROLE_ATTRIBUTE;
			c->pii_kind = NULL;
			c->reason = sd_fake_kind_is_personal(sd_fake_kind_from_column(c->name)) ?
				"name suggests PII, but the values are not of its kind" :
				"name suggests PII, but the values are categories";
		}
		/* label order for now; the fit reorders by principal component */
		set_categories(c, cats, n, kept);
		return true;
	}
	if (typed_marginal(c, cs, typid, k))
		return true;
	text_role(c, cs, personal, long_repeated);
	c->kind = MK_FORMAT;
	return false;
}

/* a format: shapes seen at least k times, and the length distribution */
static void
format_marginal(ModelCol *c, ColState *cs, Oid typid, int k)
{
	int64		total = 0;
	int			i;

	if (c->vk != VK_STRING)
	{
		char	   *empty = type_empty_value(typid);

		c->kind = empty ? MK_CONSTANT : MK_NULL;
		c->constant = empty;
		ereport(NOTICE,
				(errmsg("column \"%s\" of type %s is not modelled", c->name, c->type),
				 errdetail("Its values are generated as %s.",
						   empty ? "the type's empty value" : "NULL")));
		return;
	}
	sd_freq_finish(&cs->shapes);
	c->shapes = palloc0(sizeof(ModelShape) * Max(cs->shapes.nitems, 1));
	for (i = 0; i < cs->shapes.nitems; i++)
		if (cs->shapes.items[i].count >= k)
		{
			c->shapes[c->nshapes].shape = pnstrdup(cs->shapes.items[i].key,
												   cs->shapes.items[i].len);
			c->shapes[c->nshapes].len = cs->shapes.items[i].len;
			c->shapes[c->nshapes].p = cs->shapes.items[i].count;
			total += cs->shapes.items[i].count;
			c->nshapes++;
		}
	for (i = 0; i < c->nshapes; i++)
		c->shapes[i].p /= total;
	c->shape_cover = cs->count > 0 ? total / (double) cs->count : 0;
	format_lengths(c, cs, k);
}

void
decide_marginal(Model *m, ModelCol *c, ColState *cs, Oid typid)
{
	int			k = m->k;

	c->count = cs->count;
	c->nulls = cs->nulls;
	c->null_fraction = (c->count + c->nulls) > 0 ?
		(double) c->nulls / (c->count + c->nulls) : 0;
	c->scale = -1;
	sd_freq_finish(&cs->freq);

	if (c->role == ROLE_KEY && !c->key_member)
	{
		c->kind = c->vk == VK_UUID ? MK_UUID : MK_SEQUENCE;
		c->null_fraction = 0;
		if (c->vk == VK_STRING && !c->role_forced && !cs->binary)
			shaped_key(c, cs, k);
		return;
	}
	if (c->count == 0)
	{
		c->kind = MK_NULL;
		c->reason = c->reason ? c->reason : "no non-NULL value";
		return;
	}

	if (vk_is_number(c->vk))
	{
		number_marginal(c, cs, k);
		return;
	}

	/*
	 * Strings.  A role set by option is final; a name that suggests PII
	 * yields to the values when they are categories seen at least k times
	 * each (own_telephone = yes/no is not a phone number).
	 */
	if ((c->role == ROLE_IDENTIFIER || c->role == ROLE_PII) && c->role_forced)
	{
		c->kind = c->vk == VK_UUID ? MK_UUID : MK_FORMAT;
		if (c->role == ROLE_PII && c->pii_kind == NULL && c->vk == VK_STRING)
			c->pii_kind = infer_pii_kind(c, cs);
	}
	else if (model_col_secret(c))
	{
		/*
		 * A secret never shows a value of its own, however many rows share
		 * one (pagila's staff share one password hash): fresh values of its
		 * shapes, of its lengths
		 */
		c->role = ROLE_PII;
		c->pii_kind = NULL;
		c->kind = MK_FORMAT;
		c->reason = "column name: a secret (password, salt, key or token): fresh values of its shapes";
	}
	else if (string_marginal(c, cs, typid, k))
		return;

	if (c->kind == MK_FORMAT)
		format_marginal(c, cs, typid, k);
}

