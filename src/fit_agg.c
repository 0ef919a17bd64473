/*-------------------------------------------------------------------------
 *
 * fit_agg.c
 *		The fit aggregate _synth_fit_state(config, columns...): its state,
 *		pass 1 (summaries and the dependence sample), pass 2 (the copula's
 *		sums), the exact-copy guard's pass, the merge of states, and the
 *		aggregate's functions (transition, combine, serialize, deserialize,
 *		final).  Its configuration is read and checked in fit_config.c, the
 *		states' wire format is fit_state_io.c's, and the dependence sample's
 *		keeping fit_sample_keep.c's.
 *
 * Everything here runs per row inside the aggregate: no SPI, no catalog
 * access beyond the types of the configuration's columns, and a state that
 * depends only on the multiset of rows (merges are exact in any order).
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fit_agg.c
 *
 *-------------------------------------------------------------------------
 */

#include <float.h>

#include "clone_int.h"

/*
 * A histogram is 48 kB of buckets, one of them touched per value: a table's
 * histograms together outgrow the CPU's second-level cache, so values are
 * added a batch of one column at a time.
 */
static void
col_state_flush(ColState *cs)
{
	int			j;

	if (cs->shape_run > 0)
		sd_freq_add(&cs->shapes, cs->shape_last, cs->shape_last_len, cs->shape_run);
	cs->shape_run = 0;
	if (cs->hist)
	{
		sd_hist_add_batch(cs->hist, cs->pending, cs->npending);
		for (j = 0; j < cs->npending; j++)
			cs->pending[j] = log_scale(cs->pending[j]);
		sd_hist_add_batch(cs->loghist, cs->pending, cs->npending);
	}
	else
		sd_hist_add_batch(cs->lengths, cs->pending, cs->npending);
	cs->npending = 0;
}

static void
number_scale_note(ColState *cs, ValueKind vk, double x)
{
	if (cs->all_integer && x != rint(x))
		cs->all_integer = false;
	if (!vk_is_integral(vk) && cs->max_scale < 7)
	{
		/*
		 * A real's digits are those it prints: 76.8 is 76.80000305 as a
		 * double, which the double's precision would read as 7 digits
		 */
		int			sc = vk == VK_FLOAT4 ? decimal_scale_tol(x, FLT_EPSILON) :
			decimal_scale(x);

		if (sc > cs->max_scale)
			cs->max_scale = sc;
	}
}

/* the bytes of a bytea value given in its text form (either output format) */
static int
bytea_text_length(const char *text, int len)
{
	char	   *str = pnstrdup(text, len);
	bytea	   *b = DatumGetByteaPP(DirectFunctionCall1(byteain, CStringGetDatum(str)));
	int			n = VARSIZE_ANY_EXHDR(b);

	pfree(str);
	return n;
}

/* a lazy column's per-value summaries, from its exact counts */
static void
col_state_materialise(ColState *cs, const ColConfig *c)
{
	int			j;

	if (!cs->lazy)
		return;
	cs->lazy = false;
	Assert(!cs->freq.overflowed && cs->npending == 0);
	for (j = 0; j < cs->freq.nitems; j++)
	{
		const SdFreqItem *it = &cs->freq.items[j];

		if (vk_is_number(c->vk))
		{
			double		x;

			memcpy(&x, it->key, sizeof(double));
			sd_hist_add_n(cs->hist, x, it->count);
			sd_hist_add_n(cs->loghist, log_scale(x), it->count);
			number_scale_note(cs, c->vk, x);
		}
		else
		{
			char		shape[SHAPE_MAX];
			int			slen = string_shape(it->key, it->len, shape);

			sd_freq_add(&cs->shapes, shape, slen, it->count);
			sd_hist_add_n(cs->lengths, cs->binary ?
						  (double) bytea_text_length(it->key, it->len) : (double) it->len,
						  it->count);
		}
		sd_hll_add(&cs->hll, it->hash);
	}
}

/*
 * The rows per value of a foreign key that the scan counted exactly:
 * returns how many values (-1 when the counts are not exact), with their
 * counts and, unless keys is NULL, their keys (float8 Datums of numbers
 * when *numbers, else text Datums).
 */
int64
fit_children_counts(const ColState *cs, int64 **counts, Datum **keys, bool *numbers)
{
	const SdFreq *f = cs->children;
	int64		i;

	if (f == NULL || f->decremented != 0)
		return -1;
	*numbers = cs->hist != NULL;	/* a number's column has histograms */
	*counts = palloc(sizeof(int64) * Max(f->nitems, 1));
	if (keys != NULL)
		*keys = palloc(sizeof(Datum) * Max(f->nitems, 1));
	for (i = 0; i < f->nitems; i++)
	{
		(*counts)[i] = f->items[i].count;
		if (keys == NULL)
			continue;
		if (*numbers)
		{
			double		x;

			Assert(f->items[i].len == sizeof(double));
			memcpy(&x, f->items[i].key, sizeof(double));
			(*keys)[i] = Float8GetDatum(x);
		}
		else
			(*keys)[i] = PointerGetDatum(cstring_to_text_with_len(f->items[i].key,
																  f->items[i].len));
	}
	return f->nitems;
}

/* a fresh state of the configuration cfg, read from cfg_raw */
static FitState *
fit_state_create_with(bytea *cfg_raw, FitConfig *cfg)
{
	FitState   *st = palloc0(sizeof(FitState));
	int			i;

	st->cfg_raw = (bytea *) palloc(VARHDRSZ + VARSIZE_ANY_EXHDR(cfg_raw));
	memcpy(VARDATA(st->cfg_raw), VARDATA_ANY(cfg_raw), VARSIZE_ANY_EXHDR(cfg_raw));
	SET_VARSIZE(st->cfg_raw, VARHDRSZ + VARSIZE_ANY_EXHDR(cfg_raw));
	st->cfg = cfg;
	st->rowcxt = AllocSetContextCreate(CurrentMemoryContext,
									   "synthdata fit row context",
									   ALLOCSET_SMALL_SIZES);

	if (st->cfg->pass == PASS_MARGINALS)
	{
		st->orders = fit_orders_create(st->cfg);
		st->cols = palloc0(sizeof(ColState) * Max(st->cfg->ncols, 1));
		for (i = 0; i < st->cfg->ncols; i++)
		{
			ColState   *cs = &st->cols[i];
			ValueKind	vk = st->cfg->cols[i].vk;

			cs->all_integer = true;
			cs->lazy = true;
			if (vk_is_number(vk))
			{
				cs->hist = palloc(sizeof(SdHist));
				sd_hist_init(cs->hist);
				cs->loghist = palloc(sizeof(SdHist));
				sd_hist_init(cs->loghist);
				sd_freq_init(&cs->freq, NUM_CATEGORY_MAX * 4);
			}
			else
			{
				sd_freq_init(&cs->freq, st->cfg->freq_cap);
				sd_freq_init(&cs->shapes, 64);
				cs->lengths = palloc(sizeof(SdHist));
				sd_hist_init(cs->lengths);
				cs->binary = getBaseType(st->cfg->cols[i].typid) == BYTEAOID;
			}
			if (st->cfg->cols[i].count_children && !st->cfg->cols[i].count_only)
			{
				cs->children = palloc(sizeof(SdFreq));
				sd_freq_init(cs->children, CHILDREN_EXACT_MAX);
			}
		}
	}
	else if (st->cfg->pass == PASS_DEPENDENCE)
	{
		int			D = Max(st->cfg->ndims, 1);

		st->cells = palloc_extended(sizeof(int128) * Max(st->cfg->ncells, 1),
									MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
		st->dim_cat = palloc(sizeof(int) * D);
		st->dim_ubin = palloc(sizeof(int) * D);
		st->dim_ufix = palloc(sizeof(int64) * D);
		st->dim_fix = palloc(sizeof(int64) * D);
		st->dim_present = palloc(sizeof(bool) * D);
	}
	if (st->cfg->pass == PASS_MARGINALS && st->cfg->sample_max > 0)
	{
		st->sample_tau = st->cfg->sample_cut != 0 ? st->cfg->sample_cut : PG_UINT64_MAX;
		st->sample = palloc_extended(sizeof(SampleItem) * 2 * st->cfg->sample_max,
									 MCXT_ALLOC_HUGE);
		for (i = 0; i < st->cfg->ncols; i++)
			if (!st->cfg->cols[i].in_priority)
				break;
		if (i == st->cfg->ncols)
		{
			st->sample_mask = 1;
			while (st->sample_mask < 4 * st->cfg->sample_max)
				st->sample_mask <<= 1;
			st->sample_slots = palloc_extended(sizeof(SampleSlot) * st->sample_mask,
											   MCXT_ALLOC_HUGE);
			st->sample_mask--;
			sample_index(st);
		}
		st->arena_size = 64 * 1024;
		st->arena = palloc(st->arena_size);
		initStringInfo(&st->prio_buf);
		enlargeStringInfo(&st->prio_buf, ROW_KEY_BYTES(st->cfg->ncols));
	}
	if (!st->cfg->whole_row)
	{
		/* values come as arguments, in configuration order */
		st->values = palloc0(sizeof(Datum) * Max(st->cfg->ncols, 1));
		st->isnull = palloc0(sizeof(bool) * Max(st->cfg->ncols, 1));
		st->sample_desc = CreateTemplateTupleDesc(st->cfg->ncols);
		for (i = 0; i < st->cfg->ncols; i++)
		{
			if (st->cfg->cols[i].attidx != i)
				elog(ERROR, "fit configuration does not match its arguments");
			TupleDescInitEntry(st->sample_desc, (AttrNumber) (i + 1), NULL,
							   st->cfg->cols[i].typid, -1, 0);
		}
	}
	/*
	 * Without a key, rows are sampled by a hash of all their values, the
	 * guard's: pass 1 hashes them once, from the same conversions.
	 */
	if (st->cfg->pass == PASS_MARGINALS && st->cfg->sample_max > 0)
	{
		st->prio_is_guard = true;
		for (i = 0; i < st->cfg->ncols; i++)
			if (st->cfg->cols[i].in_priority != st->cfg->cols[i].in_guard)
				st->prio_is_guard = false;
	}
	st->key_inline = st->cfg->pass == PASS_MARGINALS &&
		(st->cfg->bloom_bits > 0 || st->prio_is_guard);
	if (st->cfg->bloom_bits > 0 || st->key_inline)
	{
		initStringInfo(&st->rowbuf);
		enlargeStringInfo(&st->rowbuf, ROW_KEY_BYTES(st->cfg->ncols));
	}
	/* the exact-copy guard, along with the pass that reads every row */
	if (st->cfg->bloom_bits > 0)
		st->at_example = palloc0(sizeof(int64) * Max(st->cfg->ncols, 1));
	return st;
}

/*
 * The guard's filter, made (in the state's context) from the keys listed so
 * far if it was not yet: the same bits, whatever the order of the adds.
 */
uint8 *
fit_state_bloom(FitState *st)
{
	int64		i;

	if (st->bloom == NULL)
	{
		st->bloom = MemoryContextAllocExtended(GetMemoryChunkContext(st),
											   st->cfg->bloom_bits / 8,
											   MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
		for (i = 0; i < st->ngkeys; i++)
			sd_bloom_add(st->bloom, st->cfg->bloom_bits,
						 st->gkeys[2 * i], st->gkeys[2 * i + 1]);
		if (st->gkeys != NULL)
			pfree(st->gkeys);
		st->gkeys = NULL;
		st->ngkeys = st->gkeys_size = 0;
	}
	if (st->bloom_pending)
	{
		sd_bloom_add(st->bloom, st->cfg->bloom_bits, st->pending_h1, st->pending_h2);
		st->bloom_pending = false;
	}
	return st->bloom;
}

/* a key into the list, while it is short; else into the filter */
static void
guard_list_add(FitState *st, uint64 h1, uint64 h2)
{
	if (st->ngkeys == st->gkeys_size)
	{
		if (st->ngkeys >= guard_keys_max(st->cfg))
		{
			sd_bloom_add(fit_state_bloom(st), st->cfg->bloom_bits, h1, h2);
			return;
		}
		st->gkeys_size = Min(Max(st->gkeys_size * 2, 1024), guard_keys_max(st->cfg));
		st->gkeys = st->gkeys == NULL ?
			MemoryContextAllocHuge(GetMemoryChunkContext(st),
								   sizeof(uint64) * 2 * st->gkeys_size) :
			repalloc_huge(st->gkeys, sizeof(uint64) * 2 * st->gkeys_size);
	}
	st->gkeys[2 * st->ngkeys] = h1;
	st->gkeys[2 * st->ngkeys + 1] = h2;
	st->ngkeys++;
}

FitState *
fit_state_create(bytea *cfg_raw)
{
	return fit_state_create_with(cfg_raw, config_from_bytea(cfg_raw));
}

/*
 * Adds a row to the guard: to the list of its keys while that is short
 * (guard_list_add), else to the filter one row late, its block fetched
 * meanwhile, so that the filter's cache misses overlap the next row's work.
 */
static inline void
guard_add(FitState *st, uint64 h1, uint64 h2)
{
	if (st->bloom == NULL)
	{
		guard_list_add(st, h1, h2);
		return;
	}
	sd_bloom_prefetch(st->bloom, st->cfg->bloom_bits, h1);
	if (st->bloom_pending)
		sd_bloom_add(st->bloom, st->cfg->bloom_bits, st->pending_h1, st->pending_h2);
	st->pending_h1 = h1;
	st->pending_h2 = h2;
	st->bloom_pending = true;
}

/*
 * One more row of a foreign-key value, while the counts are exact: a value
 * that cannot be its own key (exact false: a long text, a number beyond
 * 2^53) or one value too many ends them.
 */
static inline void
children_add(SdFreq *f, const char *key, int len, uint64 h, bool exact)
{
	if (f->decremented != 0)
		return;
	if (!exact)
	{
		f->decremented = 1;
		return;
	}
	sd_freq_add_hashed(f, key, len, h, 1);
}

/*
 * True if the row holds, in a column the guard is restricted by
 * (guard_restrict), a value neither NULL nor at an example domain: no draw
 * can equal it (the column's draws are fake emails, at example domains), so
 * the guard need not hold it.  On the production table that spares the
 * guard 92% of the rows, those with an email.
 */
static bool
guard_restricted_out(FitState *st, Datum *values, bool *isnull)
{
	FitConfig  *cfg = st->cfg;
	int			i;

	if (!cfg->restricted)
		return false;
	for (i = 0; i < cfg->ncols; i++)
	{
		const ColConfig *c = &cfg->cols[i];
		const char *s;
		int			len;

		if (!c->guard_restrict || isnull[c->attidx])
			continue;
		datum_to_string(c->vk, values[c->attidx], c->typoutput, &s, &len);
		if (!sd_fake_at_example_domain(s, len))
			return true;
	}
	return false;
}

/*
 * Pass 1 adds each value to its column's summaries and, when the pass also
 * builds the exact-copy guard or samples rows by all their values, to the
 * row's key (as row_key_of does, from the same conversions).
 */
static void
fit_accumulate_pass1(FitState *st, Datum *values, bool *isnull)
{
	FitConfig  *cfg = st->cfg;
	bool		guard = cfg->bloom_bits > 0,
				to_guard = guard && !guard_restricted_out(st, values, isnull),
				keyed_row = st->key_inline && (to_guard || st->prio_is_guard);
	int			i;

	if (keyed_row)
		resetStringInfo(&st->rowbuf);
	for (i = 0; i < cfg->ncols; i++)
	{
		ColConfig  *c = &cfg->cols[i];
		ColState   *cs = &st->cols[i];
		Datum		d = values[c->attidx];
		bool		keyed = keyed_row && c->in_guard;

		if (isnull[c->attidx])
		{
			cs->nulls++;
			if (keyed)
				row_key_put(&st->rowbuf, 'n', 0);
			continue;
		}
		if (c->count_only)
		{
			Assert(!keyed);
			cs->count++;
			continue;
		}
		if (vk_is_number(c->vk))
		{
			double		x;
			uint64		h;

			if (!datum_to_double(c->vk, d, &x))
			{
				cs->nulls++;
				if (keyed)
					row_key_put(&st->rowbuf, 'n', 0);
				continue;
			}
			if (keyed)
				row_key_add_number(&st->rowbuf, false, x);
			cs->count++;
			if (c->vk == VK_NUMERIC)
			{
				int			ds = numeric_display_scale(d);

				/* a value shown with no decimals needs none */
				if (ds >= 0 && ds < SD_DSCALE_SLOTS)
					cs->dscale[(ds == 0 ? 0 : decimal_scale(x)) * SD_DSCALE_SLOTS + ds]++;
			}
			if (x == 0)
				x = 0;
			h = sd_hash_key(&x, sizeof(double));
			if (cs->children != NULL)
				children_add(cs->children, (char *) &x, sizeof(double),
							 h, fabs(x) < 9007199254740992.0);

			/*
			 * The counts only serve to recognise low-cardinality numbers:
			 * once more than 2 * cap distinct values were seen (an event
			 * that depends on the values only) they are dropped.
			 */
			if (cs->lazy)
			{
				if (cs->freq.nitems < 2 * cs->freq.cap ||
					sd_freq_contains_hashed(&cs->freq, (char *) &x, sizeof(double), h))
				{
					sd_freq_add_hashed(&cs->freq, (char *) &x, sizeof(double), h, 1);
					continue;
				}
				col_state_materialise(cs, c);
			}

			/*
			 * More than 2 * cap distinct values: a fit that samples rows
			 * makes the histograms from its sample (hist_from_sample).
			 */
			if (cfg->sample_max == 0)
			{
				cs->pending[cs->npending++] = x;
				if (cs->npending == HIST_BATCH)
					col_state_flush(cs);
			}
			number_scale_note(cs, c->vk, x);

			/*
			 * The distinct count of a number only serves to recognise an
			 * integer identifier: a column named like one, all integers.
			 */
			if (!cs->freq.overflowed || (c->count_distinct && cs->all_integer))
			{
				if (!cs->freq.overflowed)
					sd_freq_add_hashed(&cs->freq, (char *) &x, sizeof(double), h, 1);
				if (c->count_distinct)
					sd_hll_add(&cs->hll, h);
			}
		}
		else
		{
			const char *s;
			int			len;
			char		shape[SHAPE_MAX];
			int			slen;
			uint64		h;

			datum_to_string(c->vk, d, c->typoutput, &s, &len);
			cs->count++;
			if (guard && c->in_guard && sd_fake_at_example_domain(s, len))
				st->at_example[i]++;
			h = sd_hash_key(s, len);
			if (cs->children != NULL)
				children_add(cs->children, s, len, h, len <= SD_FREQ_MAXKEY);
			if (keyed)
				row_key_add_string(&st->rowbuf, false, h);
			if (cs->lazy)
			{
				/* a key longer than the counts keep ends laziness at once */
				if (len <= SD_FREQ_MAXKEY &&
					(cs->freq.nitems < 2 * cs->freq.cap ||
					 sd_freq_contains_hashed(&cs->freq, s, len, h)))
				{
					sd_freq_add_hashed(&cs->freq, s, len, h, 1);
					continue;
				}
				col_state_materialise(cs, c);
			}
			/*
			 * Past 2 * cap distinct values (an event that depends on the
			 * values only) the counts are dropped, as for numbers: the
			 * categories then come from the dependence sample
			 * (text_from_sample), which does not depend on row order.
			 */
			if (!cs->freq.overflowed)
			{
				if (len <= SD_FREQ_MAXKEY)
					sd_freq_add_hashed(&cs->freq, s, len, h, 1);
				else
					sd_freq_add(&cs->freq, s, len, 1);
			}
			sd_hll_add(&cs->hll, h);
			if (!cs->shapes.overflowed)
			{
				slen = string_shape(s, len, shape);
				if (cs->shape_last_len == slen && cs->shape_last_len > 0 &&
					memcmp(shape, cs->shape_last, slen) == 0)
					cs->shape_run++;	/* a key the counts hold: no reduction */
				else
				{
					if (cs->shape_run > 0)
						sd_freq_add(&cs->shapes, cs->shape_last, cs->shape_last_len,
									cs->shape_run);
					cs->shape_run = 0;
					sd_freq_add(&cs->shapes, shape, slen, 1);
					/* remembered only while the counts are exact */
					cs->shape_last_len = cs->shapes.overflowed ? 0 : slen;
					memcpy(cs->shape_last, shape, slen);
				}
			}
			/* a bytea's own length, not its text form's, without detoasting it */
			cs->pending[cs->npending++] = cs->binary ?
				(double) (toast_raw_datum_size(d) - VARHDRSZ) : (double) len;
			if (cs->npending == HIST_BATCH)
				col_state_flush(cs);
		}
	}
	if (keyed_row)
	{
		uint64		h1,
					h2;

		row_key_hashes(&st->rowbuf, &h1, &h2);
		st->row_h1 = h1;
		if (to_guard)
			guard_add(st, h1, h2);
	}
}

/*
 * The score of one value in pass 2 (category index or fixed-point z), for
 * weight equal rows.
 */
void
fit_accumulate_pass2(FitState *st, Datum *values, bool *isnull, int64 w)
{
	FitConfig  *cfg = st->cfg;
	int			D = cfg->ndims;
	int			i,
				a,
				b;

	for (a = 0; a < D; a++)
		st->dim_present[a] = false;
	for (i = 0; i < cfg->ncols; i++)
	{
		ColConfig  *c = &cfg->cols[i];
		bool		null = isnull[c->attidx];
		double		x = 0;

		if (c->null_dim < 0 && c->value_dim < 0)
			continue;
		if (!null && vk_is_number(c->vk) &&
			!datum_to_double(c->vk, values[c->attidx], &x))
			null = true;
		if (c->null_dim >= 0)
		{
			st->dim_present[c->null_dim] = true;
			st->dim_cat[c->null_dim] = null ? 1 : 0;
		}
		if (null || c->value_dim < 0)
			continue;
		if (c->mode == DM_CONTINUOUS)
		{
			double		u = sd_grid_cdf(c->grid, GRID_POINTS, x);

			u = Max(u, 1e-4);
			u = Min(u, 1 - 1e-4);
			st->dim_fix[c->value_dim] = (int64) rint(sd_qnorm(u) * FIXED_SCALE);
			st->dim_ubin[c->value_dim] = Min(U_BINS - 1, (int) (u * U_BINS));
			st->dim_ufix[c->value_dim] = (int64) rint(u * U_SCALE);
			st->dim_present[c->value_dim] = true;
		}
		else
		{
			SdFreq	   *map = &c->catmap;
			const char *s;
			int			len;
			uint64		h;
			int			slot;
			char		digest[SD_FREQ_MAXKEY];

			if (c->mode == DM_DISCRETE_NUM)
			{
				if (x == 0)
					x = 0;
				s = (char *) &x;
				len = sizeof(double);
			}
			else
			{
				datum_to_string(c->vk, values[c->attidx], c->typoutput, &s, &len);
				len = sd_freq_key(s, len, digest, &s);
			}
			h = sd_hash_key(s, len);
			slot = (int) (h & (map->nslots - 1));
			while (map->slots[slot] >= 0)
			{
				SdFreqItem *it = &map->items[map->slots[slot]];

				if (it->hash == h && it->len == len && memcmp(it->key, s, len) == 0)
				{
					st->dim_cat[c->value_dim] = (int) it->count - 1;
					st->dim_present[c->value_dim] = true;
					break;
				}
				slot = (slot + 1) & (map->nslots - 1);
			}
		}
	}

	for (a = 0; a < D; a++)
	{
		int			na = cfg->dim_ncat[a];

		if (!st->dim_present[a])
			continue;
		if (na > 0)
			st->cells[cfg->offset[a * D + a] + st->dim_cat[a]] += w;
		for (b = a + 1; b < D; b++)
		{
			int			nb = cfg->dim_ncat[b];
			int128	   *cell;

			if (!st->dim_present[b])
				continue;
			cell = st->cells + cfg->offset[a * D + b];
			if (na == 0 && nb == 0)
			{
				int128		za = st->dim_fix[a],
							zb = st->dim_fix[b];

				cell[0] += w;
				cell[1] += w * za;
				cell[2] += w * zb;
				cell[3] += w * (za * za);
				cell[4] += w * (zb * zb);
				cell[5] += w * (za * zb);
			}
			else if (na > 0 && nb > 0)
				cell[(int64) st->dim_cat[a] * nb + st->dim_cat[b]] += w;
			else
			{
				int			cat = na > 0 ? st->dim_cat[a] : st->dim_cat[b];
				int128		z = na > 0 ? st->dim_fix[b] : st->dim_fix[a];

				int			nd = na > 0 ? na : nb;
				int			cd = na > 0 ? b : a;	/* the continuous one */

				cell += (int64) dc_stride(nd) * cat;
				cell[0] += w;
				cell[1] += w * z;
				cell[2] += w * (z * z);
				if (nd <= PARENT_CATEGORY_MAX)
				{
					int128		uf = st->dim_ufix[cd];

					cell += 3 + 3 * st->dim_ubin[cd];
					cell[0] += w;
					cell[1] += w * uf;
					cell[2] += w * (uf * uf);
				}
			}
		}
	}
}

/*
 * The hashes of a row's canonical bytes over the columns of the exact-copy
 * guard (in_guard) or of the sampling priority (in_priority).
 */
static void
row_key_of(FitState *st, Datum *values, bool *isnull, bool priority,
		   uint64 *h1, uint64 *h2)
{
	FitConfig  *cfg = st->cfg;
	StringInfo	buf = priority ? &st->prio_buf : &st->rowbuf;
	int			i;

	resetStringInfo(buf);
	for (i = 0; i < cfg->ncols; i++)
	{
		ColConfig  *c = &cfg->cols[i];
		bool		null = isnull[c->attidx];

		if (!(priority ? c->in_priority : c->in_guard))
			continue;
		if (vk_is_number(c->vk))
		{
			double		x = 0;

			if (!null && !datum_to_double(c->vk, values[c->attidx], &x))
				null = true;
			row_key_add_number(buf, null, x);
		}
		else
		{
			const char *s = NULL;
			int			len = 0;

			if (!null)
				datum_to_string(c->vk, values[c->attidx], c->typoutput, &s, &len);
			row_key_add_string(buf, null, null ? 0 : sd_hash_key(s, len));
		}
	}
	row_key_hashes(buf, h1, h2);
}

static void
fit_accumulate_guard(FitState *st, Datum *values, bool *isnull)
{
	uint64		h1,
				h2;
	int			i;

	/* every row's values at example domains, held or not (pass 1 counts them inline) */
	for (i = 0; i < st->cfg->ncols; i++)
	{
		const ColConfig *c = &st->cfg->cols[i];
		const char *s;
		int			len;

		if (!c->in_guard || vk_is_number(c->vk) || isnull[c->attidx])
			continue;
		datum_to_string(c->vk, values[c->attidx], c->typoutput, &s, &len);
		if (sd_fake_at_example_domain(s, len))
			st->at_example[i]++;
	}
	if (guard_restricted_out(st, values, isnull))
		return;
	row_key_of(st, values, isnull, false, &h1, &h2);
	guard_add(st, h1, h2);
}

/* a row's priority in the dependence sample (fit_sample_keep.c): a hash of its key */
static uint64
key_priority(FitState *st, Datum *values, bool *isnull)
{
	uint64		h1,
				h2;

	row_key_of(st, values, isnull, true, &h1, &h2);
	return h1;
}

/*
 * _synth_fit_trans(state internal, config bytea, VARIADIC "any")
 *		Transition function of the fit aggregate: adds one source row.
 */
PG_FUNCTION_INFO_V1(_synth_fit_trans);
Datum
_synth_fit_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext,
				oldcontext;
	FitState   *st;
	int			i;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "_synth_fit_trans called in non-aggregate context");

	oldcontext = MemoryContextSwitchTo(aggcontext);
	if (PG_ARGISNULL(0))
	{
		bytea	   *cfg_raw;
		FitConfig  *cfg;

		if (PG_ARGISNULL(1))
			bad_config("The configuration is NULL.");
		cfg_raw = PG_GETARG_BYTEA_PP(1);
		cfg = config_from_bytea(cfg_raw);
		config_check_call(cfg, fcinfo);
		st = fit_state_create_with(cfg_raw, cfg);
	}
	else
		st = (FitState *) PG_GETARG_POINTER(0);
	MemoryContextSwitchTo(oldcontext);

	/*
	 * Per-row garbage (detoasted values, text forms) goes to the state's
	 * scratch context; the summaries allocate in the aggregate's context.
	 */
	if (st->cfg->whole_row)
	{
		HeapTupleData tuple;
		HeapTupleHeader rec;

		if (PG_NARGS() != FIT_ARGS + 1)
			elog(ERROR, "fit configuration does not match its arguments");
		if (PG_ARGISNULL(FIT_ARGS))
			PG_RETURN_POINTER(st);
		rec = PG_GETARG_HEAPTUPLEHEADER(FIT_ARGS);
		if (st->tupdesc == NULL ||
			st->rowtype != HeapTupleHeaderGetTypeId(rec) ||
			st->rowtypmod != HeapTupleHeaderGetTypMod(rec))
		{
			oldcontext = MemoryContextSwitchTo(aggcontext);
			st->rowtype = HeapTupleHeaderGetTypeId(rec);
			st->rowtypmod = HeapTupleHeaderGetTypMod(rec);
			st->tupdesc = lookup_rowtype_tupdesc_copy(st->rowtype, st->rowtypmod);
			st->sample_desc = st->tupdesc;
			st->values = palloc(sizeof(Datum) * st->tupdesc->natts);
			st->isnull = palloc(sizeof(bool) * st->tupdesc->natts);
			MemoryContextSwitchTo(oldcontext);
			fit_check_row(st->cfg, st->tupdesc);
		}
		tuple.t_len = HeapTupleHeaderGetDatumLength(rec);
		ItemPointerSetInvalid(&(tuple.t_self));
		tuple.t_tableOid = InvalidOid;
		tuple.t_data = rec;
		oldcontext = MemoryContextSwitchTo(st->rowcxt);
		heap_deform_tuple(&tuple, st->tupdesc, st->values, st->isnull);
	}
	else
	{
		oldcontext = MemoryContextSwitchTo(st->rowcxt);
		for (i = 0; i < st->cfg->ncols; i++)
		{
			st->isnull[i] = PG_ARGISNULL(FIT_ARGS + i);
			st->values[i] = st->isnull[i] ? (Datum) 0 : PG_GETARG_DATUM(FIT_ARGS + i);
		}
	}
	if (st->cfg->pass == PASS_MARGINALS)
	{
		fit_accumulate_pass1(st, st->values, st->isnull);	/* and the guard */
		fit_orders_row(st->orders, st->cfg, st->values, st->isnull);
		if (st->cfg->sample_max > 0)
		{
			/* the guard's hash of this row, when it hashes the same columns */
			uint64		prio = st->prio_is_guard ? st->row_h1 :
				key_priority(st, st->values, st->isnull);

			if (prio < st->sample_tau)
			{
				HeapTupleHeader r;

				/*
				 * A row is formed only if kept, from its values (inline), so
				 * that equal rows have equal records.  A long text keeps its
				 * summary key (sd_freq_key: its first bytes and a hash of
				 * the whole), all that category counts and shapes look at,
				 * so that long texts do not crowd rows out of the sample's
				 * byte budget, yet distinct ones stay distinct.
				 */
				for (i = 0; i < st->cfg->ncols; i++)
				{
					int			a = st->cfg->cols[i].attidx;

					if (st->cfg->cols[i].vk == VK_STRING && !st->isnull[a] &&
						toast_raw_datum_size(st->values[a]) > VARHDRSZ + SD_FREQ_MAXKEY)
					{
						text	   *t = DatumGetTextPP(st->values[a]);
						char		buf[SD_FREQ_MAXKEY];
						const char *key;
						int			len;

						len = sd_freq_key(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), buf, &key);
						st->values[a] = PointerGetDatum(cstring_to_text_with_len(key, len));
					}
				}
				r = toast_build_flattened_tuple(st->sample_desc, st->values,
												st->isnull)->t_data;

				MemoryContextSwitchTo(aggcontext);
				sample_offer(st, prio, r, HeapTupleHeaderGetDatumLength(r), 1);
				MemoryContextSwitchTo(st->rowcxt);
			}
		}
	}
	else if (st->cfg->pass == PASS_GUARD && st->cfg->bloom_bits > 0)
		fit_accumulate_guard(st, st->values, st->isnull);
	else
		elog(ERROR, "fit pass %d does not scan rows", st->cfg->pass);
	st->rows++;
	MemoryContextSwitchTo(oldcontext);
	MemoryContextReset(st->rowcxt);

	PG_RETURN_POINTER(st);
}

void
fit_state_flush(FitState *st)
{
	int			i;

	if (st->cols != NULL)
		for (i = 0; i < st->cfg->ncols; i++)
		{
			col_state_materialise(&st->cols[i], &st->cfg->cols[i]);
			col_state_flush(&st->cols[i]);
		}
	if (st->sample != NULL)
		sample_compact(st);
	if (st->bloom_pending)
	{
		sd_bloom_add(st->bloom, st->cfg->bloom_bits, st->pending_h1, st->pending_h2);
		st->bloom_pending = false;
	}
}

void
fit_state_merge(FitState *dst, FitState *src)
{
	FitConfig  *cfg = dst->cfg;
	int			i;
	int64		j;

	fit_state_flush(dst);
	fit_state_flush(src);

	dst->rows += src->rows;
	if (cfg->pass == PASS_MARGINALS)
	{
		for (i = 0; i < cfg->ncols; i++)
		{
			ColState   *d = &dst->cols[i];
			const ColState *s = &src->cols[i];

			d->nulls += s->nulls;
			d->count += s->count;
			d->shape_last_len = 0;	/* the merged counts may drop it */
			if (d->hist)
			{
				sd_hist_merge(d->hist, s->hist);
				sd_hist_merge(d->loghist, s->loghist);
			}
			d->all_integer &= s->all_integer;
			d->max_scale = Max(d->max_scale, s->max_scale);
			for (j = 0; j < SD_DSCALE_CELLS; j++)
				d->dscale[j] += s->dscale[j];
			sd_freq_merge(&d->freq, &s->freq);
			if (d->children != NULL && s->children != NULL)
			{
				if (d->children->decremented == 0 && s->children->decremented == 0)
					sd_freq_merge(d->children, s->children);
				else
					d->children->decremented = 1;
			}
			sd_hll_merge(&d->hll, &s->hll);
			if (!vk_is_number(cfg->cols[i].vk))
			{
				sd_freq_merge(&d->shapes, &s->shapes);
				sd_hist_merge(d->lengths, s->lengths);
			}
		}
		fit_orders_merge(dst->orders, src->orders);
	}
	if (cfg->pass == PASS_MARGINALS && cfg->sample_max > 0)
	{
		dst->sample_tau = Min(dst->sample_tau, src->sample_tau);
		for (i = 0; i < src->nsample; i++)
			sample_offer(dst, src->sample[i].prio, sample_record(src, i),
						 src->sample[i].len, src->sample[i].weight);
		sample_compact(dst);
	}
	if (cfg->bloom_bits > 0)
	{
		if (src->bloom == NULL)
		{
			int64		k;

			for (k = 0; k < src->ngkeys; k++)
				guard_add(dst, src->gkeys[2 * k], src->gkeys[2 * k + 1]);
		}
		else
		{
			uint8	   *d = fit_state_bloom(dst);

			for (j = 0; j < (int64) (cfg->bloom_bits / 8); j++)
				d[j] |= src->bloom[j];
		}
		for (i = 0; i < cfg->ncols; i++)
			dst->at_example[i] += src->at_example[i];
	}
}

/*
 * _synth_fit_combine(internal, internal) returns internal
 *		Merges two partial fit states (parallel aggregation).
 */
PG_FUNCTION_INFO_V1(_synth_fit_combine);
Datum
_synth_fit_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext,
				oldcontext;
	FitState   *a,
			   *b;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "_synth_fit_combine called in non-aggregate context");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_POINTER(PG_GETARG_POINTER(0));
	}
	b = (FitState *) PG_GETARG_POINTER(1);
	if (!PG_ARGISNULL(0))
	{
		const bytea *ca = ((FitState *) PG_GETARG_POINTER(0))->cfg_raw;

		/* the first row of each partial fit brought its configuration */
		if (VARSIZE(ca) != VARSIZE(b->cfg_raw) ||
			memcmp(VARDATA(ca), VARDATA(b->cfg_raw), VARSIZE(ca) - VARHDRSZ) != 0)
			bad_config("Partial fits of different configurations cannot be merged.");
	}
	if (PG_ARGISNULL(0))
	{
		/*
		 * The first state: one _synth_fit_deserialize made in a context of
		 * its own under the aggregate's is taken as it is (it lives as long
		 * as the aggregate, and is never deleted); another is copied.
		 */
		if (b->own_cxt != NULL &&
			MemoryContextGetParent(b->own_cxt) == aggcontext)
		{
			b->own_cxt = NULL;
			PG_RETURN_POINTER(b);
		}
		oldcontext = MemoryContextSwitchTo(aggcontext);
		a = fit_state_create(b->cfg_raw);
		fit_state_merge(a, b);
		MemoryContextSwitchTo(oldcontext);
		PG_RETURN_POINTER(a);
	}
	a = (FitState *) PG_GETARG_POINTER(0);
	oldcontext = MemoryContextSwitchTo(aggcontext);
	fit_state_merge(a, b);
	MemoryContextSwitchTo(oldcontext);
	/* the merge copied what it keeps: a deserialized state goes at once */
	if (b->own_cxt != NULL && b != a)
		MemoryContextDelete(b->own_cxt);
	PG_RETURN_POINTER(a);
}

/* _synth_fit_serialize(internal) returns bytea */
PG_FUNCTION_INFO_V1(_synth_fit_serialize);
Datum
_synth_fit_serialize(PG_FUNCTION_ARGS)
{
	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "_synth_fit_serialize called in non-aggregate context");
	PG_RETURN_BYTEA_P(fit_state_serialize((FitState *) PG_GETARG_POINTER(0)));
}

/* _synth_fit_deserialize(bytea, internal) returns internal */
PG_FUNCTION_INFO_V1(_synth_fit_deserialize);
Datum
_synth_fit_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext,
				cxt,
				oldcontext;
	bytea	   *raw;
	FitState   *st;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "_synth_fit_deserialize called in non-aggregate context");
	raw = PG_GETARG_BYTEA_PP(0);

	/*
	 * A context of its own under the aggregate's: the combine function
	 * takes the first state as it is and deletes the others once merged,
	 * rather than copy each into an empty state.
	 */
	cxt = AllocSetContextCreate(aggcontext, "synthdata fit partial state",
								ALLOCSET_DEFAULT_SIZES);
	oldcontext = MemoryContextSwitchTo(cxt);
	st = fit_state_deserialize(raw);
	MemoryContextSwitchTo(oldcontext);
	st->own_cxt = cxt;
	PG_RETURN_POINTER(st);
}

/*
 * _synth_fit_final(internal) returns bytea
 *		The finished summaries, serialised; synth_fit reads them back.
 */
PG_FUNCTION_INFO_V1(_synth_fit_final);
Datum
_synth_fit_final(PG_FUNCTION_ARGS)
{
	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "_synth_fit_final called in non-aggregate context");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_BYTEA_P(fit_state_serialize((FitState *) PG_GETARG_POINTER(0)));
}

