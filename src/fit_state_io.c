/*-------------------------------------------------------------------------
 *
 * fit_state_io.c
 *		A fit state's wire format: serialized at the end of a partial fit (a
 *		parallel worker's, or a server's for fit_partial.c) and read back,
 *		every count and size checked, for the merge.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fit_state_io.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

/*
 * Set while a partial state travels between servers (fit_partial.c): types
 * go by name, no function is named, and sampled rows go as their values'
 * binary forms, not as this server's tuples.
 */
bool		fit_portable_io = false;

static void
freq_write(StringInfo buf, const SdFreq *f)
{
	int			i;

	pq_sendint32(buf, f->nitems);
	pq_sendint64(buf, f->decremented);
	pq_sendbyte(buf, f->overflowed);
	for (i = 0; i < f->nitems; i++)
	{
		pq_sendint64(buf, f->items[i].count);
		pq_sendint32(buf, f->items[i].len);
		pq_sendbytes(buf, f->items[i].key, f->items[i].len);
	}
}

static void
freq_read(StringInfo buf, SdFreq *f)
{
	int			n = pq_getmsgint(buf, 4),
				i;

	f->decremented = pq_getmsgint64(buf);
	f->overflowed = pq_getmsgbyte(buf);
	if (n < 0 || f->decremented < 0)
		elog(ERROR, "corrupt fit state");
	for (i = 0; i < n; i++)
	{
		int64		count = pq_getmsgint64(buf);
		int			len = pq_getmsgint(buf, 4);

		if (count <= 0 || len < 0 || len > SD_FREQ_MAXKEY)
			elog(ERROR, "corrupt fit state");
		sd_freq_add(f, pq_getmsgbytes(buf, len), len, count);
	}
}

static void
hist_write(StringInfo buf, const SdHist *h)
{
	int			nz = 0,
				k;

	pq_sendint64(buf, h->n);
	pq_sendint32(buf, h->exp);
	pq_sendint64(buf, h->base);
	pq_sendfloat8(buf, h->min);
	pq_sendfloat8(buf, h->max);
	for (k = 0; k < SD_HIST_BUCKETS; k++)
		nz += h->b[k].count != 0;
	pq_sendint32(buf, nz);
	for (k = 0; k < SD_HIST_BUCKETS; k++)
		if (h->b[k].count != 0)
		{
			pq_sendint32(buf, k);
			pq_sendint64(buf, h->b[k].count);
			pq_sendfloat8(buf, h->b[k].min);
			pq_sendfloat8(buf, h->b[k].max);
		}
}

static void
hist_read(StringInfo buf, SdHist *h)
{
	int			nz,
				k;

	h->n = pq_getmsgint64(buf);
	h->exp = pq_getmsgint(buf, 4);
	h->base = pq_getmsgint64(buf);
	h->min = pq_getmsgfloat8(buf);
	h->max = pq_getmsgfloat8(buf);
	nz = pq_getmsgint(buf, 4);
	for (k = 0; k < nz; k++)
	{
		int			idx = pq_getmsgint(buf, 4);

		if (idx < 0 || idx >= SD_HIST_BUCKETS)
			elog(ERROR, "corrupt fit state");
		h->b[idx].count = pq_getmsgint64(buf);
		h->b[idx].min = pq_getmsgfloat8(buf);
		h->b[idx].max = pq_getmsgfloat8(buf);
	}
	if (!sd_hist_valid(h))
		elog(ERROR, "corrupt fit state");
}

/* whether a state counts a column's values at an example domain (at_example) */
static inline bool
guard_counts_example(const ColConfig *c)
{
	return c->in_guard && !vk_is_number(c->vk);
}

bytea *
fit_state_serialize(FitState *st)
{
	StringInfoData buf;
	FitConfig  *cfg = st->cfg;
	int			i,
				j;

	fit_state_flush(st);
	pq_begintypsend(&buf);
	pq_sendint32(&buf, VARSIZE_ANY_EXHDR(st->cfg_raw));
	pq_sendbytes(&buf, VARDATA_ANY(st->cfg_raw), VARSIZE_ANY_EXHDR(st->cfg_raw));
	pq_sendint64(&buf, st->rows);
	if (cfg->pass == PASS_MARGINALS)
	{
		for (i = 0; i < cfg->ncols; i++)
		{
			const ColState *cs = &st->cols[i];

			pq_sendint64(&buf, cs->nulls);
			pq_sendint64(&buf, cs->count);
			pq_sendbyte(&buf, cs->all_integer);
			pq_sendint32(&buf, cs->max_scale);
			if (cfg->cols[i].vk == VK_NUMERIC)
				for (j = 0; j < SD_DSCALE_CELLS; j++)
					pq_sendint64(&buf, cs->dscale[j]);
			if (cs->hist)
			{
				hist_write(&buf, cs->hist);
				hist_write(&buf, cs->loghist);
			}
			freq_write(&buf, &cs->freq);
			if (cs->children != NULL)
				freq_write(&buf, cs->children);
			pq_sendbytes(&buf, (char *) cs->hll.reg, SD_HLL_REGISTERS);
			if (!vk_is_number(cfg->cols[i].vk))
			{
				freq_write(&buf, &cs->shapes);
				hist_write(&buf, cs->lengths);
			}
		}
		fit_orders_write(&buf, st->orders);
	}
	if (cfg->pass == PASS_MARGINALS && cfg->sample_max > 0)
	{
		/* room for the records at once, not by doublings */
		if (!fit_portable_io &&
			(double) st->sample_bytes + 24.0 * st->nsample + cfg->bloom_bits / 8 <
			(double) (MaxAllocSize - buf.len - 1))
			enlargeStringInfo(&buf, (int) (st->sample_bytes + 24 * (int64) st->nsample +
										   (int64) (cfg->bloom_bits / 8)));
		pq_sendint64(&buf, (int64) st->sample_tau);
		pq_sendint32(&buf, st->nsample);
		for (i = 0; i < st->nsample; i++)
		{
			uint32		len = st->sample[i].len;

			pq_sendint64(&buf, (int64) st->sample[i].prio);
			pq_sendint64(&buf, st->sample[i].weight);
			if (fit_portable_io)
			{
				partial_write_record(&buf, st, i);
				continue;
			}
			pq_sendint32(&buf, len);
			pq_sendbytes(&buf, (char *) sample_record(st, i), len);
		}
	}
	if (cfg->bloom_bits > 0)
	{
		/*
		 * A partial state of this server sends a short list of keys as it
		 * is (in this machine's byte order); a portable one, the filter.
		 */
		if (!fit_portable_io && st->bloom == NULL)
		{
			pq_sendbyte(&buf, 1);
			pq_sendint64(&buf, st->ngkeys);
			pq_sendbytes(&buf, (char *) st->gkeys,
						 (int) (st->ngkeys * 2 * sizeof(uint64)));
		}
		else
		{
			if (!fit_portable_io)
				pq_sendbyte(&buf, 0);
			pq_sendbytes(&buf, (char *) fit_state_bloom(st), cfg->bloom_bits / 8);
		}
		for (i = 0; i < cfg->ncols; i++)
			if (guard_counts_example(&cfg->cols[i]))
				pq_sendint64(&buf, st->at_example[i]);
	}
	return pq_endtypsend(&buf);
}

FitState *
fit_state_deserialize(bytea *raw)
{
	StringInfoData buf;
	bytea	   *cfg_raw;
	int			cfglen;
	FitState   *st;
	FitConfig  *cfg;
	int			i,
				j;

	buf.data = VARDATA_ANY(raw);
	buf.len = VARSIZE_ANY_EXHDR(raw);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	cfglen = pq_getmsgint(&buf, 4);
	cfg_raw = palloc(VARHDRSZ + cfglen);
	SET_VARSIZE(cfg_raw, VARHDRSZ + cfglen);
	memcpy(VARDATA(cfg_raw), pq_getmsgbytes(&buf, cfglen), cfglen);
	st = fit_state_create(cfg_raw);
	cfg = st->cfg;
	st->rows = pq_getmsgint64(&buf);
	if (cfg->pass == PASS_MARGINALS)
	{
		for (i = 0; i < cfg->ncols; i++)
		{
			ColState   *cs = &st->cols[i];

			cs->lazy = false;	/* serialised states are materialised */
			cs->nulls = pq_getmsgint64(&buf);
			cs->count = pq_getmsgint64(&buf);
			cs->all_integer = pq_getmsgbyte(&buf);
			cs->max_scale = pq_getmsgint(&buf, 4);
			if (cfg->cols[i].vk == VK_NUMERIC)
			{
				int64		held = 0;

				for (j = 0; j < SD_DSCALE_CELLS; j++)
				{
					cs->dscale[j] = pq_getmsgint64(&buf);
					if (cs->dscale[j] < 0)
						elog(ERROR, "corrupt fit state");
					held += cs->dscale[j];
				}
				if (held > cs->count)
					elog(ERROR, "corrupt fit state");
			}
			if (cs->hist)
			{
				hist_read(&buf, cs->hist);
				hist_read(&buf, cs->loghist);
			}
			freq_read(&buf, &cs->freq);
			if (cs->children != NULL)
				freq_read(&buf, cs->children);
			memcpy(cs->hll.reg, pq_getmsgbytes(&buf, SD_HLL_REGISTERS),
				   SD_HLL_REGISTERS);
			if (cs->nulls < 0 || cs->count < 0 ||
				cs->max_scale < 0 || cs->max_scale > 7 || !sd_hll_valid(&cs->hll))
				elog(ERROR, "corrupt fit state");
			if (!vk_is_number(cfg->cols[i].vk))
			{
				freq_read(&buf, &cs->shapes);
				hist_read(&buf, cs->lengths);
			}
		}
		fit_orders_read(&buf, st->orders);
	}
	if (cfg->pass == PASS_MARGINALS && cfg->sample_max > 0)
	{
		int			n;

		st->sample_tau = (uint64) pq_getmsgint64(&buf);
		n = pq_getmsgint(&buf, 4);
		if (n < 0 || n > cfg->sample_max)
			elog(ERROR, "corrupt fit state");
		/* room for the records at once, not by doublings */
		if (!fit_portable_io && st->arena_size < (int64) (buf.len - buf.cursor) +
			(int64) n * MAXIMUM_ALIGNOF)
		{
			pfree(st->arena);
			st->arena_size = (int64) (buf.len - buf.cursor) + (int64) n * MAXIMUM_ALIGNOF;
			st->arena = palloc_extended(st->arena_size, MCXT_ALLOC_HUGE);
		}
		for (i = 0; i < n; i++)
		{
			uint64		prio = (uint64) pq_getmsgint64(&buf);
			int64		weight = pq_getmsgint64(&buf);
			uint32		len;

			if (weight <= 0 || prio >= st->sample_tau)
				elog(ERROR, "corrupt fit state");
			if (fit_portable_io)
			{
				partial_read_record(&buf, st, prio, weight);
				continue;
			}
			len = pq_getmsgint(&buf, 4);
			/* copied to the (aligned) arena */
			sample_offer(st, prio, pq_getmsgbytes(&buf, len), len, weight);
		}
	}
	if (cfg->bloom_bits > 0)
	{
		int			form = fit_portable_io ? 0 : pq_getmsgbyte(&buf);

		if (form == 1)
		{
			int64		n = pq_getmsgint64(&buf);

			if (n < 0 || n > guard_keys_max(cfg))
				elog(ERROR, "corrupt fit state");
			st->gkeys_size = Max(n, 1);
			st->gkeys = palloc_extended(sizeof(uint64) * 2 * st->gkeys_size,
										MCXT_ALLOC_HUGE);
			memcpy(st->gkeys, pq_getmsgbytes(&buf, (int) (n * 2 * sizeof(uint64))),
				   n * 2 * sizeof(uint64));
			st->ngkeys = n;
		}
		else if (form == 0)
		{
			st->bloom = palloc_extended(cfg->bloom_bits / 8, MCXT_ALLOC_HUGE);
			memcpy(st->bloom, pq_getmsgbytes(&buf, cfg->bloom_bits / 8),
				   cfg->bloom_bits / 8);
		}
		else
			elog(ERROR, "corrupt fit state");
		for (i = 0; i < cfg->ncols; i++)
			if (guard_counts_example(&cfg->cols[i]))
			{
				st->at_example[i] = pq_getmsgint64(&buf);
				if (st->at_example[i] < 0 || st->at_example[i] > st->rows)
					elog(ERROR, "corrupt fit state");
			}
	}
	if (st->rows < 0 || buf.cursor != buf.len)
		elog(ERROR, "corrupt fit state");
	return st;
}
