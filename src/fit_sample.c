/*-------------------------------------------------------------------------
 *
 * fit_sample.c
 *		The summaries a one-scan fit takes from its dependence sample, after
 *		the scan: the rows replayed one by one (sample_for_each, which
 *		deforms them once for every pass), histograms of numbers whose
 *		distinct values outgrew the scan's counts, the counts and shapes of
 *		texts, arrays' elements, JSON documents' keys and values, ranges'
 *		bounds, time zones, and the sample's canonical order.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fit_sample.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

/* the most values (rows times columns) of the sample deformed at once */
#define SAMPLE_DEFORM_CELLS (4.0 * 1024 * 1024)

/*
 * Calls fn with each row of a one-scan fit's dependence sample, deformed
 * (in the state's per-row context, reset after each row), and the number
 * of rows equal to it.
 */
void
sample_for_each(FitState *st1, SampleRowFn fn, void *arg)
{
	TupleDesc	tupdesc = NULL;
	Datum	   *values = NULL;
	bool	   *isnull = NULL;
	bool		cached;
	int			natts = 0;
	int			i;

	if (st1->nsample == 0)
		return;
	tupdesc = st1->sample_desc != NULL ? st1->sample_desc :
		lookup_rowtype_tupdesc_copy(HeapTupleHeaderGetTypeId(sample_record(st1, 0)),
									HeapTupleHeaderGetTypMod(sample_record(st1, 0)));
	natts = tupdesc->natts;
	values = palloc(sizeof(Datum) * Max(natts, 1));
	isnull = palloc(sizeof(bool) * Max(natts, 1));

	/*
	 * The rows are deformed once for every pass (a dozen of them after the
	 * scan), unless that takes more than SAMPLE_DEFORM_CELLS values.
	 */
	cached = st1->deformed_values != NULL && st1->deformed_arena == st1->arena &&
		st1->deformed_n == st1->nsample;
	/* the same records in the same order (the canonical order sorts them) */
	for (i = 0; cached && i < st1->nsample; i++)
		cached = st1->deformed_off[i] == (int64) st1->sample[i].off;
	if (!cached && (double) st1->nsample * natts <= SAMPLE_DEFORM_CELLS)
	{
		MemoryContext cxt = GetMemoryChunkContext(st1->sample);

		if (st1->deformed_values != NULL)
		{
			pfree(st1->deformed_values);
			pfree(st1->deformed_isnull);
			pfree(st1->deformed_off);
		}
		st1->deformed_off = MemoryContextAllocHuge(cxt, sizeof(int64) * st1->nsample);
		st1->deformed_values = MemoryContextAllocHuge(cxt, sizeof(Datum) * st1->nsample * Max(natts, 1));
		st1->deformed_isnull = MemoryContextAllocHuge(cxt, sizeof(bool) * st1->nsample * Max(natts, 1));
		for (i = 0; i < st1->nsample; i++)
		{
			HeapTupleHeader rec = sample_record(st1, i);
			HeapTupleData tuple;

			CHECK_FOR_INTERRUPTS();
			tuple.t_len = HeapTupleHeaderGetDatumLength(rec);
			ItemPointerSetInvalid(&(tuple.t_self));
			tuple.t_tableOid = InvalidOid;
			tuple.t_data = rec;
			heap_deform_tuple(&tuple, tupdesc, st1->deformed_values + (Size) i * natts,
							  st1->deformed_isnull + (Size) i * natts);
			st1->deformed_off[i] = (int64) st1->sample[i].off;
		}
		st1->deformed_arena = st1->arena;
		st1->deformed_n = st1->nsample;
		cached = true;
	}

	for (i = 0; i < st1->nsample; i++)
	{
		MemoryContext oldcontext;

		CHECK_FOR_INTERRUPTS();
		if (cached)
		{
			/* a copy: fn may write over its arguments */
			memcpy(values, st1->deformed_values + (Size) i * natts, sizeof(Datum) * natts);
			memcpy(isnull, st1->deformed_isnull + (Size) i * natts, sizeof(bool) * natts);
		}
		else
		{
			HeapTupleHeader rec = sample_record(st1, i);
			HeapTupleData tuple;

			tuple.t_len = HeapTupleHeaderGetDatumLength(rec);
			ItemPointerSetInvalid(&(tuple.t_self));
			tuple.t_tableOid = InvalidOid;
			tuple.t_data = rec;
			heap_deform_tuple(&tuple, tupdesc, values, isnull);
		}
		oldcontext = MemoryContextSwitchTo(st1->rowcxt);
		fn(arg, values, isnull, st1->sample[i].weight);
		MemoryContextSwitchTo(oldcontext);
		MemoryContextReset(st1->rowcxt);
	}
	pfree(values);
	pfree(isnull);
}

/* the numbers hist_from_sample collects, per column (NULL: not this one) */
typedef struct SampleValues
{
	FitConfig  *cfg;
	double	  **vals;
	int64	  **weights;
	int		   *nvals;
} SampleValues;

static void
collect_numbers(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleValues *sv = (SampleValues *) arg;
	int			j;

	for (j = 0; j < sv->cfg->ncols; j++)
	{
		int			a = sv->cfg->cols[j].attidx;
		double		x;

		if (sv->vals[j] != NULL && !isnull[a] &&
			datum_to_double(sv->cfg->cols[j].vk, values[a], &x))
		{
			sv->weights[j][sv->nvals[j]] = weight;
			sv->vals[j][sv->nvals[j]++] = x;
		}
	}
}

/* adds values with their weights: runs of weight 1 as a batch */
static void
hist_add_weighted(SdHist *h, const double *v, const int64 *w, int n)
{
	int			i = 0;

	while (i < n)
	{
		int			run = i;

		while (run < n && w[run] == 1)
			run++;
		sd_hist_add_batch(h, v + i, run - i);
		if (run < n)
			sd_hist_add_n(h, v[run], w[run]);
		i = run + 1;
	}
}

/*
 * The histograms of the numbers with more than 2 * cap distinct values, in
 * a fit that samples rows: from the sampled rows (all of them in a table of
 * at most DEPENDENCE_SAMPLE_ROWS rows).  A uniform sample of k rows is a
 * mergeable quantile summary with rank error of order 1/sqrt(k), about
 * 0.005 here (the Dvoretzky-Kiefer-Wolfowitz inequality); columns with
 * fewer values keep the exact histograms made from their counts.
 */
void
hist_from_sample(FitState *st1)
{
	FitConfig  *cfg = st1->cfg;
	SampleValues sv;
	int			first,
				next,
				i,
				j;

	sv.cfg = cfg;
	sv.vals = palloc0(sizeof(double *) * Max(cfg->ncols, 1));
	sv.weights = palloc0(sizeof(int64 *) * Max(cfg->ncols, 1));
	sv.nvals = palloc0(sizeof(int) * Max(cfg->ncols, 1));

	/* HIST_SAMPLE_COLUMNS columns a replay, to bound the values held */
	for (first = 0; first < cfg->ncols; first = next)
	{
		int			taken = 0;

		for (next = first; next < cfg->ncols && taken < HIST_SAMPLE_COLUMNS; next++)
			if (vk_is_number(cfg->cols[next].vk) && !cfg->cols[next].count_only &&
				st1->cols[next].freq.overflowed)
			{
				sv.vals[next] = palloc(sizeof(double) * Max(st1->nsample, 1));
				sv.weights[next] = palloc(sizeof(int64) * Max(st1->nsample, 1));
				sv.nvals[next] = 0;
				taken++;
			}
		if (taken == 0)
			continue;
		sample_for_each(st1, collect_numbers, &sv);
		for (j = first; j < next; j++)
		{
			ColState   *cs = &st1->cols[j];
			double	   *v = sv.vals[j];

			if (v == NULL)
				continue;
			sd_hist_init(cs->hist);
			sd_hist_init(cs->loghist);
			hist_add_weighted(cs->hist, v, sv.weights[j], sv.nvals[j]);
			for (i = 0; i < sv.nvals[j]; i++)
				v[i] = log_scale(v[i]);
			hist_add_weighted(cs->loghist, v, sv.weights[j], sv.nvals[j]);
			pfree(v);
			pfree(sv.weights[j]);
			sv.vals[j] = NULL;
			sv.weights[j] = NULL;
		}
	}
}

/*
 * The categories and shapes of a text column whose counts overflowed (more
 * than 2 * cap distinct values or shapes in the table), from the dependence
 * sample instead: a bottom-k sample by priority is the same whatever the
 * order rows arrive in, where capped counts are not.  Only values seen at
 * least k times in the sample are kept — the sample's rows are distinct
 * source rows (equal rows one item with their count), so k sample rows
 * prove k source rows — each counted as its sample count scaled to the
 * column's non-NULL values in the table.  A table no larger than the
 * sample gets its exact counts.
 */
#define COUNT_VALUES	0
#define COUNT_SHAPES	1
#define COUNT_SECRET_SHAPES 2

typedef struct SampleStrings
{
	FitConfig  *cfg;
	int			col;
	int			what;			/* count the values (COUNT_VALUES), their shapes
								 * (COUNT_SHAPES) or their secret shapes */
	SdFreq		counts;
	int64		total;			/* weight of the non-NULL values */
} SampleStrings;

static void
collect_strings(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleStrings *ss = (SampleStrings *) arg;
	const ColConfig *c = &ss->cfg->cols[ss->col];
	const char *str;
	int			len;

	if (isnull[c->attidx])
		return;
	datum_to_string(c->vk, values[c->attidx], c->typoutput, &str, &len);
	ss->total += weight;
	if (ss->what != COUNT_VALUES)
	{
		char		shape[SHAPE_MAX];
		int			slen = ss->what == COUNT_SECRET_SHAPES ?
			secret_shape(str, len, shape) : string_shape(str, len, shape);

		sd_freq_add(&ss->counts, shape, slen, weight);
	}
	else
		sd_freq_add(&ss->counts, str, len, weight);
}

/* count descending, then bytes: a total order, whatever the input order */
static int
cmp_freq_item_count_desc(const void *a, const void *b)
{
	const SdFreqItem *x = a,
			   *y = b;
	int			c;

	if (x->count != y->count)
		return (x->count < y->count) - (x->count > y->count);
	c = memcmp(x->key, y->key, Min(x->len, y->len));
	if (c != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

/* at most max_items of them, the most frequent, as the capped counts kept */
static void
counts_from_sample(FitState *st1, int col, int what, int64 k, int max_items,
				   SdFreq *out)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext,
											  "synthdata sample counts",
											  ALLOCSET_DEFAULT_SIZES);
	MemoryContext oldcxt = MemoryContextSwitchTo(cxt);
	SampleStrings ss;
	int64		count = st1->cols[col].count;
	int			nkept = 0,
				i;

	ss.cfg = st1->cfg;
	ss.col = col;
	ss.what = what;
	ss.total = 0;
	/* room for every distinct value of the sample: exact counts */
	sd_freq_init(&ss.counts, Max(st1->nsample, 1));
	sample_for_each(st1, collect_strings, &ss);
	for (i = 0; i < ss.counts.nitems; i++)
		if (ss.counts.items[i].count >= k)
			ss.counts.items[nkept++] = ss.counts.items[i];
	qsort(ss.counts.items, nkept, sizeof(SdFreqItem), cmp_freq_item_count_desc);
	nkept = Min(nkept, max_items);
	MemoryContextSwitchTo(oldcxt);
	sd_freq_init(out, Max(nkept, 1));
	for (i = 0; i < nkept; i++)
	{
		const SdFreqItem *it = &ss.counts.items[i];

		sd_freq_add(out, it->key, it->len,
					Max(it->count, (int64) rint((double) it->count * count / ss.total)));
	}
	MemoryContextDelete(cxt);
}

void
text_from_sample(FitState *st1, const Model *m)
{
	FitConfig  *cfg = st1->cfg;
	int64		k = m->k;
	int			j;

	for (j = 0; j < cfg->ncols; j++)
	{
		ColState   *cs = &st1->cols[j];

		if (vk_is_number(cfg->cols[j].vk) || cfg->cols[j].count_only)
			continue;
		if (cs->freq.overflowed)
			counts_from_sample(st1, j, COUNT_VALUES, k, 2 * cs->freq.cap, &cs->freq);
		/* a secret's digests draw hex digits (secret_shape), not letters */
		if (j < m->ncols && model_col_secret(&m->cols[j]))
			counts_from_sample(st1, j, COUNT_SECRET_SHAPES, k, 2 * cs->shapes.cap, &cs->shapes);
		else if (cs->shapes.overflowed)
			counts_from_sample(st1, j, COUNT_SHAPES, k, 2 * cs->shapes.cap, &cs->shapes);
	}
}

/*
 * The elements and lengths of array columns, from the dependence sample
 * (the whole table when it fits there; order-free either way): each
 * element's occurrences and the rows that hold it, weighted by the rows'
 * counts.  NULL elements are left out; arrays of several dimensions count
 * all their elements.
 */
typedef struct SampleArrays
{
	FitConfig  *cfg;
	int			col;
	Oid			elemtype;
	int16		elmlen;
	bool		elmbyval;
	char		elmalign;
	Oid			elmoutput;
	ColState   *cs;
} SampleArrays;

/* an element of one array, to count the rows that hold it once each */
typedef struct ElemKey
{
	uint64		hash;
	const char *str;
	int			len;
} ElemKey;

static int
cmp_elem_key(const void *a, const void *b)
{
	const ElemKey *x = a,
			   *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->str, y->str, x->len);
}

static void
collect_array(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleArrays *sa = (SampleArrays *) arg;
	const ColConfig *c = &sa->cfg->cols[sa->col];
	ColState   *cs = sa->cs;
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *enulls;
	ElemKey    *keys;
	int			nelems,
				n = 0,
				e;

	if (isnull[c->attidx])
		return;
	arr = DatumGetArrayTypeP(values[c->attidx]);
	deconstruct_array(arr, sa->elemtype, sa->elmlen, sa->elmbyval, sa->elmalign,
					  &elems, &enulls, &nelems);
	keys = palloc(sizeof(ElemKey) * Max(nelems, 1));
	for (e = 0; e < nelems; e++)
	{
		char	   *str;
		int			len;

		if (enulls[e])
			continue;
		str = output_function_call(sa->elmoutput, elems[e]);
		len = (int) strlen(str);
		if (len > SD_FREQ_MAXKEY)
		{
			/* its digest: counted apart from other long elements, never drawn */
			char	   *digest = palloc(SD_FREQ_MAXKEY);
			const char *key;

			len = sd_freq_key(str, len, digest, &key);
			str = digest;
		}
		keys[n].hash = sd_hash_key(str, len);
		sd_freq_add_hashed(cs->elem_occ, str, len, keys[n].hash, weight);
		keys[n].str = str;
		keys[n].len = len;
		n++;
	}
	/* each distinct element once for the rows that hold it */
	qsort(keys, n, sizeof(ElemKey), cmp_elem_key);
	for (e = 0; e < n; e++)
		if (e == 0 || cmp_elem_key(&keys[e - 1], &keys[e]) != 0)
			sd_freq_add_hashed(cs->elem_rows, keys[e].str, keys[e].len, keys[e].hash, weight);
	sd_hist_add_n(cs->arrlen, (double) n, weight);
	cs->arr_rows += weight;
	cs->elem_total += (int64) n * weight;
}

void
arrays_from_sample(FitState *st1)
{
	FitConfig  *cfg = st1->cfg;
	int			j;

	for (j = 0; j < cfg->ncols; j++)
	{
		ColState   *cs = &st1->cols[j];
		SampleArrays sa;
		bool		varlena;

		if (cfg->cols[j].vk != VK_OTHER || cfg->cols[j].count_only)
			continue;
		sa.elemtype = get_element_type(getBaseType(cfg->cols[j].typid));
		if (!OidIsValid(sa.elemtype))
			continue;
		sa.cfg = cfg;
		sa.col = j;
		sa.cs = cs;
		get_typlenbyvalalign(sa.elemtype, &sa.elmlen, &sa.elmbyval, &sa.elmalign);
		getTypeOutputInfo(sa.elemtype, &sa.elmoutput, &varlena);
		/* room for every distinct element of the sample: exact counts */
		cs->elem_occ = palloc(sizeof(SdFreq));
		cs->elem_rows = palloc(sizeof(SdFreq));
		sd_freq_init(cs->elem_occ, Max(st1->nsample, 1));
		sd_freq_init(cs->elem_rows, Max(st1->nsample, 1));
		cs->arrlen = palloc(sizeof(SdHist));
		sd_hist_init(cs->arrlen);
		sample_for_each(st1, collect_array, &sa);
	}
}

/*
 * The sample in a canonical order: by priority, then by record.  Every
 * summary of the sample is a sum and does not care; the capped counts of
 * documents_from_sample do, and see the same order whatever the order the
 * rows came in or the workers that merged them.
 */
static int
cmp_sample_canonical(const void *a, const void *b, void *arg)
{
	const FitState *st = arg;
	const SampleItem *x = a,
			   *y = b;

	if (x->prio != y->prio)
		return x->prio < y->prio ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(st->arena + x->off, st->arena + y->off, x->len);
}

/*
 * By priority with a radix sort (sd_sort_keys), then the rare runs of equal
 * priorities by the rest of cmp_sample_canonical's order.
 */
void
sample_canonical_order(FitState *st1)
{
	int			n = st1->nsample,
				i,
				j;
	SdKeyIndex *keys;
	SampleItem *sorted;

	if (n > 1)
	{
		keys = palloc_extended(sizeof(SdKeyIndex) * n, MCXT_ALLOC_HUGE);
		for (i = 0; i < n; i++)
		{
			keys[i].key = st1->sample[i].prio;
			keys[i].index = i;
		}
		sd_sort_keys(keys, n);
		sorted = palloc_extended(sizeof(SampleItem) * n, MCXT_ALLOC_HUGE);
		for (i = 0; i < n; i++)
			sorted[i] = st1->sample[keys[i].index];
		memcpy(st1->sample, sorted, sizeof(SampleItem) * n);
		pfree(sorted);
		pfree(keys);
		for (i = 0; i < n; i = j)
		{
			for (j = i + 1; j < n && st1->sample[j].prio == st1->sample[i].prio; j++)
				;
			if (j - i > 1)
				qsort_arg(st1->sample + i, j - i, sizeof(SampleItem),
						  cmp_sample_canonical, st1);
		}
	}
	sample_index(st1);
}

/*
 * The documents of a json or jsonb column, from the dependence sample: how
 * many are objects, the sets of top-level keys they have, and per key its
 * values as JSON texts (capped counts), its numbers and the lengths of its
 * strings; nested values count as their JSON text.  More than DOC_KEYS_MAX
 * distinct keys, or an object with more than DOC_SET_KEYS_MAX, end the
 * tally: such documents are not modelled.
 */
typedef struct SampleDocs
{
	FitConfig  *cfg;
	int			col;
	bool		is_json;		/* json, not jsonb */
	DocStats   *ds;
} SampleDocs;

static int
cmp_uint16(const void *a, const void *b)
{
	return (int) *(const uint16 *) a - (int) *(const uint16 *) b;
}

static void
collect_document(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleDocs *sd = (SampleDocs *) arg;
	DocStats   *ds = sd->ds;
	const ColConfig *c = &sd->cfg->cols[sd->col];
	Jsonb	   *jb;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	uint16		set[DOC_SET_KEYS_MAX];
	int			nset = 0;
	DocFieldStats *f = NULL;

	if (isnull[c->attidx] || ds->overflow)
		return;
	ds->docs += weight;
	if (sd->is_json)
		jb = DatumGetJsonbP(DirectFunctionCall1(jsonb_in,
												CStringGetDatum(TextDatumGetCString(values[c->attidx]))));
	else
		jb = DatumGetJsonbP(values[c->attidx]);
	if (!JB_ROOT_IS_OBJECT(jb))
		return;
	ds->objects += weight;
	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
		{
			int			len = v.val.string.len;
			int64		idx;

			/* a key too long to count is left out, rather than cut */
			if (len > SD_FREQ_MAXKEY)
			{
				f = NULL;		/* and its value */
				continue;
			}
			idx = sd_freq_count_hashed(&ds->keyidx, v.val.string.val, len,
									   sd_hash_key(v.val.string.val, len));

			if (idx == 0)
			{
				MemoryContext oldcxt;

				if (ds->nfields == DOC_KEYS_MAX)
				{
					ds->overflow = true;
					return;
				}
				oldcxt = MemoryContextSwitchTo(ds->cxt);
				f = &ds->fields[ds->nfields++];
				memset(f, 0, sizeof(DocFieldStats));
				f->key = pnstrdup(v.val.string.val, len);
				f->all_integer = true;
				sd_freq_init(&f->texts, 256);
				MemoryContextSwitchTo(oldcxt);
				idx = ds->nfields;
				sd_freq_add(&ds->keyidx, v.val.string.val, len, idx);
			}
			f = &ds->fields[idx - 1];
			if (nset == DOC_SET_KEYS_MAX)
			{
				ds->overflow = true;
				return;
			}
			set[nset++] = (uint16) (idx - 1);
		}
		else if (tok == WJB_VALUE && f != NULL)
		{
			char	   *text;

			f->rows += weight;
			switch (v.type)
			{
				case jbvNumeric:
					{
						double		x = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow,
																		   NumericGetDatum(v.val.numeric)));

						text = DatumGetCString(DirectFunctionCall1(numeric_out,
																   NumericGetDatum(v.val.numeric)));
						if (isfinite(x))
						{
							if (f->nums == NULL)
							{
								f->nums = MemoryContextAlloc(ds->cxt, sizeof(SdHist));
								sd_hist_init(f->nums);
							}
							f->numbers += weight;
							sd_hist_add_n(f->nums, x, weight);
							if (x != rint(x))
								f->all_integer = false;
							if (f->max_scale < 7)
								f->max_scale = Max(f->max_scale, decimal_scale(x));
						}
						break;
					}
				case jbvString:
					{
						StringInfoData b;

						initStringInfo(&b);
						escape_json(&b, pnstrdup(v.val.string.val, v.val.string.len));
						text = b.data;
						if (f->strlens == NULL)
						{
							f->strlens = MemoryContextAlloc(ds->cxt, sizeof(SdHist));
							sd_hist_init(f->strlens);
						}
						f->strings += weight;
						sd_hist_add_n(f->strlens, (double) v.val.string.len, weight);
						break;
					}
				case jbvBool:
					text = v.val.boolean ? "true" : "false";
					break;
				case jbvNull:
					text = "null";
					break;
				default:
					text = JsonbToCString(NULL, v.val.binary.data, v.val.binary.len);
					break;
			}
			/* a longer text would be cut: it cannot be a category */
			if (strlen(text) <= SD_FREQ_MAXKEY)
				sd_freq_add(&f->texts, text, (int) strlen(text), weight);
			f = NULL;
		}
	}
	qsort(set, nset, sizeof(uint16), cmp_uint16);
	sd_freq_add(&ds->sets, (char *) set, nset * (int) sizeof(uint16), weight);
}

void
documents_from_sample(FitState *st1)
{
	FitConfig  *cfg = st1->cfg;
	int			j;

	for (j = 0; j < cfg->ncols; j++)
	{
		Oid			base = getBaseType(cfg->cols[j].typid);
		SampleDocs	sd;

		if ((base != JSONOID && base != JSONBOID) || cfg->cols[j].count_only)
			continue;
		sd.cfg = cfg;
		sd.col = j;
		sd.is_json = base == JSONOID;
		sd.ds = palloc0(sizeof(DocStats));
		sd.ds->cxt = CurrentMemoryContext;
		sd_freq_init(&sd.ds->keyidx, DOC_KEYS_MAX);
		sd_freq_init(&sd.ds->sets, 256);
		sample_for_each(st1, collect_document, &sd);
		st1->cols[j].doc = sd.ds;
	}
}

/*
 * The ranges of a range column over numbers, dates or timestamps, from the
 * dependence sample: the shares of empty ranges, of unbounded ends and of
 * inclusive ends, and histograms of the finite lower bounds, of the upper
 * bounds of ranges without a lower one, and of the widths.
 */
typedef struct SampleRanges
{
	FitConfig  *cfg;
	int			col;
	TypeCacheEntry *typcache;	/* of the range type */
	ValueKind	subvk;
	RangeStats *rs;
} SampleRanges;

static void
range_note(RangeStats *rs, double x)
{
	if (x != rint(x))
		rs->all_integer = false;
	if (rs->max_scale < 7)
		rs->max_scale = Max(rs->max_scale, decimal_scale(x));
}

static void
note_range(SampleRanges *sr, RangeType *r, int64 weight)
{
	RangeStats *rs = sr->rs;
	RangeBound	lower,
				upper;
	bool		empty;
	double		lo = 0,
				hi = 0;
	bool		lo_ok,
				hi_ok;

	range_deserialize(sr->typcache, r, &lower, &upper, &empty);
	rs->ranges += weight;
	if (empty)
	{
		rs->empty += weight;
		return;
	}
	rs->lower_inf += lower.infinite ? weight : 0;
	rs->upper_inf += upper.infinite ? weight : 0;
	rs->lower_inc += lower.inclusive ? weight : 0;
	rs->upper_inc += upper.inclusive ? weight : 0;
	lo_ok = !lower.infinite && datum_to_double(sr->subvk, lower.val, &lo);
	hi_ok = !upper.infinite && datum_to_double(sr->subvk, upper.val, &hi);
	if (lo_ok)
	{
		sd_hist_add_n(&rs->low, lo, weight);
		rs->lowers += weight;
		range_note(rs, lo);
	}
	if (hi_ok)
		range_note(rs, hi);
	if (lo_ok && hi_ok)
	{
		sd_hist_add_n(&rs->width, hi - lo, weight);
		rs->widths += weight;
	}
	else if (hi_ok)
	{
		sd_hist_add_n(&rs->upp, hi, weight);
		rs->uppers += weight;
	}
}

/*
 * A range, or each range of a multirange: a multirange is modelled by its
 * number of ranges and, for its ranges, the model of a range column.
 */
static void
collect_range(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleRanges *sr = (SampleRanges *) arg;
	const ColConfig *c = &sr->cfg->cols[sr->col];

	if (isnull[c->attidx])
		return;
#if PG_VERSION_NUM >= 140000
	if (sr->rs->multi)
	{
		int32		n,
					i;
		RangeType **ranges;

		multirange_deserialize(sr->typcache, DatumGetMultirangeTypeP(values[c->attidx]),
							   &n, &ranges);
		sr->rs->values += weight;
		sd_hist_add_n(&sr->rs->counts, (double) n, weight);
		for (i = 0; i < n; i++)
			note_range(sr, ranges[i], weight);
		return;
	}
#endif
	note_range(sr, DatumGetRangeTypeP(values[c->attidx]), weight);
}

/* the range type of a range or multirange type (or a domain over one) */
Oid
range_type_of(Oid typid, bool *multi)
{
	Oid			base = getBaseType(typid);

	*multi = false;
	if (type_is_range(base))
		return base;
#if PG_VERSION_NUM >= 140000
	if (type_is_multirange(base))
	{
		*multi = true;
		return get_multirange_range(base);
	}
#endif
	return InvalidOid;
}

/*
 * The value kind of the subtype of a range (or multirange) type, if
 * synthdata draws it; else -1.
 */
int
range_subtype_kind(Oid typid)
{
	bool		multi;
	Oid			range = range_type_of(typid, &multi);
	ValueKind	vk;

	if (!OidIsValid(range))
		return -1;
	vk = value_kind_of(get_range_subtype(range));
	return vk <= VK_TIMESTAMPTZ && vk != VK_TIME ? (int) vk : -1;
}

void
ranges_from_sample(FitState *st1)
{
	FitConfig  *cfg = st1->cfg;
	int			j;

	for (j = 0; j < cfg->ncols; j++)
	{
		SampleRanges sr;
		int			kind = range_subtype_kind(cfg->cols[j].typid);
		bool		multi;
		Oid			range = range_type_of(cfg->cols[j].typid, &multi);

		if (kind < 0 || cfg->cols[j].count_only)
			continue;
		sr.cfg = cfg;
		sr.col = j;
		sr.typcache = lookup_type_cache(range, TYPECACHE_RANGE_INFO);
		sr.subvk = (ValueKind) kind;
		sr.rs = palloc0(sizeof(RangeStats));
		sr.rs->all_integer = true;
		sr.rs->multi = multi;
		sd_hist_init(&sr.rs->low);
		sd_hist_init(&sr.rs->upp);
		sd_hist_init(&sr.rs->width);
		sd_hist_init(&sr.rs->counts);
		sample_for_each(st1, collect_range, &sr);
		st1->cols[j].range = sr.rs;
	}
}

/*
 * The zone of a timetz column: the commonest among the sample's values
 * (the smallest of equally common ones), the one its values are drawn in.
 */
typedef struct SampleZones
{
	int			attidx;
	SdFreq		zones;
} SampleZones;

static void
collect_zone(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleZones *sz = (SampleZones *) arg;
	int32		zone;

	if (isnull[sz->attidx])
		return;
	zone = DatumGetTimeTzADTP(values[sz->attidx])->zone;
	sd_freq_add(&sz->zones, (char *) &zone, sizeof(int32), weight);
}

void
zones_from_sample(FitState *st1, Model *m)
{
	FitConfig  *cfg = st1->cfg;
	int			j,
				i;

	for (j = 0; j < cfg->ncols; j++)
	{
		SampleZones sz;
		int64		best = 0;

		if (cfg->cols[j].vk != VK_TIMETZ)
			continue;
		sz.attidx = cfg->cols[j].attidx;
		sd_freq_init(&sz.zones, 64);
		sample_for_each(st1, collect_zone, &sz);
		for (i = 0; i < sz.zones.nitems; i++)
		{
			int32		zone;

			memcpy(&zone, sz.zones.items[i].key, sizeof(int32));
			if (sz.zones.items[i].count > best ||
				(sz.zones.items[i].count == best && zone < m->cols[j].zone))
			{
				best = sz.zones.items[i].count;
				m->cols[j].zone = zone;
			}
		}
	}
}
