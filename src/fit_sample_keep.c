/*-------------------------------------------------------------------------
 *
 * fit_sample_keep.c
 *		The dependence sample as the fit's scan keeps it: a bottom-k sample
 *		of the rows by priority, offered row by row (sample_offer), compacted
 *		to its threshold, indexed by priority, and merged from partial
 *		states; fit_sample.c reads it after the scan.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fit_sample_keep.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

/*
 * The dependence sample of a one-scan fit.  The copula's sums need the
 * marginals, which are only known at the end of the scan, so the scan keeps
 * whole rows to replay: a bottom-k sample (Cohen and Kaplan 2007, "Summarizing
 * data using bottom-k sketches") by a priority that is a hash of the row's
 * key, or of all its values in a table without a key, i.e. a uniform
 * sample without replacement of the distinct keys or rows.  Without a key,
 * equal rows have equal priorities: they are one item of the sample, with
 * their number as its weight, so the replay weighs each distinct row by
 * its count, as the whole table does (a Horvitz-Thompson estimate of the
 * table's sums).  The sample keeps every row with priority below a
 * threshold tau, the largest such set within sample_max items and
 * sample_budget bytes: an item is dropped only as the heap's largest, and
 * tau falls to each dropped priority, so the set is the same whatever order
 * rows arrive in and however partial states merge (a parallel fit gives
 * the serial fit's sample), and it depends on the table's contents only,
 * not on where its rows lie (which VACUUM FULL or a restore changes).  A
 * table of at most sample_max distinct rows is kept whole, with its
 * counts, and its model is exactly that of a pass over every row.  Key
 * columns are unique, or nearly: rows of equal key tie, and are kept or
 * dropped together.
 */
static int
cmp_sample_item(const void *a, const void *b)
{
	uint64		x = ((const SampleItem *) a)->prio,
				y = ((const SampleItem *) b)->prio;

	return (x > y) - (x < y);
}

/* moves the items of priority below tau to the front; returns their number */
static int
sample_partition_below(SampleItem *items, int n, uint64 tau)
{
	int			keep = 0,
				i;

	for (i = 0; i < n; i++)
		if (items[i].prio < tau)
		{
			SampleItem	t = items[keep];

			items[keep++] = items[i];
			items[i] = t;
		}
	return keep;
}

/*
 * Rearranges items so that the k of lowest priority come first (Hoare's
 * selection, FIND, with a median-of-three pivot), in expected linear time.
 */
static void
sample_select(SampleItem *items, int n, int k)
{
	int			lo = 0,
				hi = n - 1;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2,
					i = lo,
					j = hi;
		uint64		a = items[lo].prio,
					b = items[mid].prio,
					c = items[hi].prio,
					pivot = Max(Min(a, b), Min(Max(a, b), c));

		while (i <= j)
		{
			while (items[i].prio < pivot)
				i++;
			while (items[j].prio > pivot)
				j--;
			if (i <= j)
			{
				SampleItem	t = items[i];

				items[i++] = items[j];
				items[j--] = t;
			}
		}
		if (k - 1 <= j)
			hi = j;
		else if (k - 1 >= i)
			lo = i;
		else
			break;
	}
}

/* (re)builds the index of the sample's items by priority, if it has one */
void
sample_index(FitState *st)
{
	int			i;

	if (st->sample_slots == NULL)
		return;
	for (i = 0; i <= st->sample_mask; i++)
		st->sample_slots[i].item = -1;
	for (i = 0; i < st->nsample; i++)
	{
		int			slot = (int) (st->sample[i].prio & st->sample_mask);

		while (st->sample_slots[slot].item >= 0)
			slot = (slot + 1) & st->sample_mask;
		st->sample_slots[slot].prio = st->sample[i].prio;
		st->sample_slots[slot].item = i;
	}
}

/*
 * Keeps the candidates of lowest priority within sample_max rows and
 * sample_budget bytes: the first one that does not fit, and every one of
 * its priority or above, go, and tau falls to its priority.  The records
 * kept move to a fresh arena, unless none went and the arena holds little
 * else (a merge's states, read whole, and its last compaction lost the
 * time of a copy of every record).
 */
void
sample_compact(FitState *st)
{
	int			k = st->cfg->sample_max,
				keep,
				i;
	int64		bytes = 0,
				used = 0,
				size;
	char	   *arena;

	keep = sample_partition_below(st->sample, st->nsample, st->sample_tau);
	if (keep > k)
	{
		uint64		first_out = PG_UINT64_MAX;

		sample_select(st->sample, keep, k);
		for (i = k; i < keep; i++)
			first_out = Min(first_out, st->sample[i].prio);
		st->sample_tau = first_out;
		/* rows of the cut priority (equal keys) go together */
		keep = sample_partition_below(st->sample, k, st->sample_tau);
	}
	for (i = 0; i < keep; i++)
		bytes += st->sample[i].len;
	if (bytes > st->cfg->sample_budget)
	{
		/* the byte budget binds: the longest prefix by priority within it */
		qsort(st->sample, keep, sizeof(SampleItem), cmp_sample_item);
		bytes = 0;
		for (i = 0; i < keep; i++)
		{
			if (bytes + st->sample[i].len > st->cfg->sample_budget)
			{
				st->sample_tau = st->sample[i].prio;
				break;
			}
			bytes += st->sample[i].len;
		}
		while (i > 0 && st->sample[i - 1].prio >= st->sample_tau)
			bytes -= st->sample[--i].len;
		keep = i;
	}

	size = Max(bytes + (int64) keep * MAXIMUM_ALIGNOF, 64 * 1024);
	if (keep == st->nsample && st->arena_used <= size)
	{
		/* the items may have moved: the index and the deformed rows follow */
		st->deformed_arena = NULL;
		st->sample_bytes = bytes;
		sample_index(st);
		return;
	}
	arena = palloc_extended(size, MCXT_ALLOC_HUGE);
	for (i = 0; i < keep; i++)
	{
		memcpy(arena + used, sample_record(st, i), st->sample[i].len);
		st->sample[i].off = used;
		used += MAXALIGN(st->sample[i].len);
	}
	pfree(st->arena);
	st->arena = arena;
	st->deformed_arena = NULL;	/* sample_for_each's rows are others */
	st->arena_size = size;
	st->arena_used = used;
	st->nsample = keep;
	st->sample_bytes = bytes;
	sample_index(st);
}

/*
 * Adds weight rows of a record: without a key, to the item of an equal
 * record if there is one (the priority is a hash of all the values, so
 * equal rows have equal priorities); else as a new candidate, its record
 * copied to the arena.  Compacts when the
 * candidates reach twice sample_max, or their records 1.5 sample_budget.
 */
void
sample_offer(FitState *st, uint64 prio, const void *rec, uint32 len, int64 weight)
{
	SampleItem *it;
	int			slot;
	int64		need;

	if (prio >= st->sample_tau)
		return;
	for (slot = (int) (prio & st->sample_mask);
		 st->sample_slots != NULL && st->sample_slots[slot].item >= 0;
		 slot = (slot + 1) & st->sample_mask)
	{
		int			j = st->sample_slots[slot].item;

		if (st->sample_slots[slot].prio == prio && st->sample[j].len == len &&
			memcmp(sample_record(st, j), rec, len) == 0)
		{
			st->sample[j].weight += weight;
			return;
		}
	}
	need = st->arena_used + (int64) MAXALIGN(len);
	if (need > st->arena_size)
	{
		int64		size = st->arena_size;

		while (need > size)
			size *= 2;
		st->arena = repalloc_huge(st->arena, size);
		st->deformed_arena = NULL;
		st->arena_size = size;
	}
	memcpy(st->arena + st->arena_used, rec, len);
	if (st->sample_slots != NULL)
	{
		st->sample_slots[slot].prio = prio;
		st->sample_slots[slot].item = st->nsample;
	}
	it = &st->sample[st->nsample++];
	it->prio = prio;
	it->off = st->arena_used;
	it->weight = weight;
	it->len = len;
	st->arena_used += MAXALIGN(len);
	st->sample_bytes += len;
	if (st->nsample == 2 * st->cfg->sample_max ||
		st->sample_bytes > st->cfg->sample_budget + st->cfg->sample_budget / 2)
		sample_compact(st);
}

/*
 * True if a scan with a sample cut holds less of a sample than one without
 * would: its threshold never fell below the cut (it kept every row under
 * it), and rows at or above the cut were passed over.  Below a threshold
 * under the cut, the sample is the same as without it, since the rows it
 * passed over could not have entered.
 */
bool
fit_sample_cut_short(const FitState *st)
{
	int64		kept = 0;
	int			i;

	if (st->cfg->pass != PASS_MARGINALS || st->cfg->sample_max == 0 ||
		st->cfg->sample_cut == 0 || st->sample_tau != st->cfg->sample_cut)
		return false;
	for (i = 0; i < st->nsample; i++)
		kept += st->sample[i].weight;
	return kept < st->rows;
}
