/*-------------------------------------------------------------------------
 *
 * generate_plan.c
 *		The plan of a call: one generator per column, the foreign-key and
 *		unique-key groups, the evaluation order, and the preparation that
 *		needs SPI or the relation (parent keys, existing rows, defaults).
 *
 * The plan is built once per call, before any row.  SPI is used only to
 * read (parent keys, row counts), with every identifier quoted and every
 * operator and function qualified; nothing here writes.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/generate_plan.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/relation.h"
#include "catalog/pg_inherits.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "optimizer/optimizer.h"
#include "rewrite/rewriteHandler.h"
#include "storage/bufmgr.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"

#include "generate_int.h"
#include "labels.h"

/* ---------------------------------------------------------------------
 * The plan
 * ---------------------------------------------------------------------
 */

static bool
default_is_sequence(SdTable *t, int c)
{
	return t->columns[c].from_sequence;
}

static void
plan_groups(GenPlan *plan)
{
	SdTable    *t = plan->t;
	int			i,
				j,
				k;
	int		   *korder;

	/* foreign keys whose columns are all left to us */
	plan->fks = palloc0(sizeof(FkGroup) * Max(t->nfkeys, 1));
	plan->nfk = 0;
	for (i = 0; i < t->nfkeys; i++)
	{
		SdForeignKey *fk = &t->fkeys[i];
		bool		ours = true;

		for (j = 0; j < fk->ncols; j++)
		{
			ColGen	   *g = &plan->gens[fk->cols[j]];

			if (fk->cols[j] < 0 || g->kind != G_AUTO || g->group >= 0 ||
				g->unique_rule)
				ours = false;
		}
		if (!ours)
			continue;
		plan->fks[plan->nfk].fk = fk;
		plan->fks[plan->nfk].unique_group = -1;
		plan->fks[plan->nfk].gen = fk->cols[0];
		for (j = 0; j < fk->ncols; j++)
		{
			plan->gens[fk->cols[j]].kind = G_FK;
			plan->gens[fk->cols[j]].group = plan->nfk;
			if (plan->gens[fk->cols[j]].fanout_given)
				plan->fks[plan->nfk].gen = fk->cols[j];
		}
		plan->nfk++;
	}
	for (i = 0; i < t->ncolumns; i++)
		if (plan->gens[i].fanout_given && plan->gens[i].kind != G_FK)
			sdg_bad_rule_shape(plan, i,
						   psprintf("Column \"%s\" is not a foreign key that is left to the generator, so it has no fan-out.",
									t->columns[i].name), NULL);

	/* unique keys: primary key first, then by number of columns */
	korder = palloc(sizeof(int) * Max(t->nkeys, 1));
	for (i = 0; i < t->nkeys; i++)
		korder[i] = i;
	for (i = 1; i < t->nkeys; i++)
		for (j = i; j > 0; j--)
		{
			SdUniqueKey *a = &t->keys[korder[j - 1]];
			SdUniqueKey *b = &t->keys[korder[j]];

			if ((b->primary && !a->primary) ||
				(b->primary == a->primary && b->ncols < a->ncols))
			{
				int			tmp = korder[j];

				korder[j] = korder[j - 1];
				korder[j - 1] = tmp;
			}
			else
				break;
		}

	plan->uniques = palloc0(sizeof(UniqueGroup) * (t->nkeys + t->ncolumns + 1));
	plan->nunique = 0;
	for (k = 0; k < t->nkeys; k++)
	{
		SdUniqueKey *key = &t->keys[korder[k]];
		UniqueGroup *ug = &plan->uniques[plan->nunique];
		bool		satisfied = false;

		if (key->ncols == 0)
		{
			/*
			 * UNIQUE (lower(email)): the column the expression reads is built
			 * unique; the index itself is probed row by row.
			 */
			int			c = sdg_expression_key_column(t, key);

			if (c >= 0 && plan->gens[c].kind == G_AUTO && plan->gens[c].akind == A_TEXT)
				plan->gens[c].unique_rule = true;
			continue;
		}
		/* already unique through one of its columns, or a sequence */
		for (j = 0; j < key->ncols; j++)
		{
			ColGen	   *g = &plan->gens[key->cols[j]];

			if (g->kind == G_DEFAULT && default_is_sequence(t, key->cols[j]))
				satisfied = true;
			if (g->kind == G_UNIQUE && plan->uniques[g->group].ndims == 1)
				satisfied = true;
			if (g->kind == G_FK && plan->fks[g->group].unique_group >= 0 &&
				plan->uniques[plan->fks[g->group].unique_group].ndims == 1)
				satisfied = true;
		}
		if (satisfied)
			continue;
		ug->key = key;
		ug->dims = palloc0(sizeof(UDim) * key->ncols);
		ug->nkeycols = key->ncols;
		ug->keycols = key->cols;
		for (j = 0; j < key->ncols; j++)
		{
			int			c = key->cols[j];
			ColGen	   *g = &plan->gens[c];

			if (g->kind == G_AUTO)
			{
				g->kind = G_UNIQUE;
				g->group = plan->nunique;
				ug->dims[ug->ndims].col = c;
				ug->dims[ug->ndims++].fk = -1;
			}
			else if (g->kind == G_FK && plan->fks[g->group].unique_group < 0)
			{
				FkGroup    *fg = &plan->fks[g->group];
				int			m,
							inkey = 0;

				for (m = 0; m < fg->fk->ncols; m++)
				{
					int			q;

					for (q = 0; q < key->ncols; q++)
						if (key->cols[q] == fg->fk->cols[m])
							inkey++;
				}
				/* an FK partly outside the key is drawn freely */
				if (inkey == fg->fk->ncols)
				{
					fg->unique_group = plan->nunique;
					ug->dims[ug->ndims].col = -1;
					ug->dims[ug->ndims++].fk = g->group;
				}
			}
			/* rule and default columns are not dimensions */
		}
		if (ug->ndims == 0)
		{
			/* every column has a rule or default: the executor will check */
			ug->key = NULL;
			continue;
		}
		/* probing (decided in prepare) needs the plain columns of the index */
		ug->probe = !key->has_expressions;
		plan->nunique++;
	}

	/* "unique": true on a column that no key covers */
	for (i = 0; i < t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];
		UniqueGroup *ug;

		if (!g->unique_rule || g->kind == G_UNIQUE)
			continue;
		if (g->kind == G_RULE)
		{
			int			loc;

			g->pattern = sd_rule_pattern(g->expr);
			g->fake_kind = sd_rule_fake_kind(g->expr, &loc);
			if (g->pattern == NULL && g->fake_kind == SD_FAKE_NONE)
				sdg_bad_rule_shape(plan, i,
							   "\"unique\" needs a pattern(), a fake generator or no value at all.",
							   "Values of an arbitrary expression cannot be made unique by construction.");
			if (g->fake_kind != SD_FAKE_NONE &&
				sd_fake_kind_type(g->fake_kind) != SD_FAKE_TYPE_TEXT)
				sdg_bad_rule_shape(plan, i,
							   "\"unique\" works with text fake kinds only.", NULL);
		}
		else if (g->kind != G_AUTO)
			sdg_bad_rule_shape(plan, i,
						   psprintf("Column \"%s\" is a foreign key or left to its default, so it cannot be made unique.",
									t->columns[i].name), NULL);
		ug = &plan->uniques[plan->nunique];
		/* a key whose only column this is gets probed */
		for (k = 0; k < t->nkeys; k++)
			if (t->keys[k].ncols == 1 && t->keys[k].cols[0] == i &&
				!t->keys[k].has_expressions)
			{
				ug->key = &t->keys[k];
				ug->nkeycols = 1;
				ug->keycols = t->keys[k].cols;
				ug->probe = true;
			}
		g->kind = G_UNIQUE;
		g->group = plan->nunique;
		ug->dims = palloc0(sizeof(UDim));
		ug->dims[0].col = i;
		ug->dims[0].fk = -1;
		ug->ndims = 1;
		plan->nunique++;
	}
}

/* evaluation order: a topological sort of the columns by their dependencies */
static void
plan_order(GenPlan *plan)
{
	SdTable    *t = plan->t;
	int			nc = t->ncolumns;
	bool	   *placed = palloc0(sizeof(bool) * Max(nc, 1));
	int			n = 0,
				i,
				j;
	bool		progress = true;

	plan->order = palloc(sizeof(int) * Max(nc, 1));
	/* columns without dependencies first, in column order */
	while (progress)
	{
		progress = false;
		for (i = 0; i < nc; i++)
		{
			bool		ready = true;

			if (placed[i])
				continue;
			for (j = 0; j < nc; j++)
				if (plan->gens[i].deps[j] && !placed[j] && j != i)
					ready = false;
			if (plan->gens[i].deps[i] && plan->gens[i].kind == G_RULE)
				ready = false;	/* a rule that references its own column */
			if (!ready)
				continue;
			placed[i] = true;
			plan->order[n++] = i;
			progress = true;
		}
	}
	if (n < nc)
	{
		/* find a cycle to name: walk unplaced dependencies until one repeats */
		StringInfoData cyc;
		int		   *seen = palloc(sizeof(int) * nc);
		int			cur = -1,
					steps = 0;

		for (i = 0; i < nc && cur < 0; i++)
			if (!placed[i])
				cur = i;
		memset(seen, -1, sizeof(int) * nc);
		while (seen[cur] < 0)
		{
			seen[cur] = steps++;
			for (j = 0; j < nc; j++)
				if (plan->gens[cur].deps[j] && !placed[j])
					break;
			cur = j;
		}
		initStringInfo(&cyc);
		i = cur;
		do
		{
			appendStringInfo(&cyc, "\"%s\" -> ", t->columns[i].name);
			for (j = 0; j < nc; j++)
				if (plan->gens[i].deps[j] && !placed[j])
					break;
			i = j;
		} while (i != cur);
		appendStringInfo(&cyc, "\"%s\"", t->columns[cur].name);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rules of table \"%s\" reference each other in a cycle",
						t->relname),
				 errdetail("Cycle: %s.", cyc.data),
				 errhint("Make one of these columns independent of the others.")));
	}
	pfree(placed);
}

GenPlan *
sdg_plan_build(Oid relid, Jsonb *rules, uint64 seed, int64 n, int64 start)
{
	GenPlan	   *plan = palloc0(sizeof(GenPlan));
	SdTable    *t;
	int			i;
	uint64		base = sd_stream_id("synth_rows");

	t = plan->t = sd_table_open(relid, 0);
	plan->seed = seed;
	/* two tables filled with one seed do not share their people */
	plan->person_seed = sd_mix64(seed ^ sd_stream_id(t->qualname));
	plan->n = n;
	plan->start = start;
	plan->locale = sd_fake_default_locale();
	plan->natts = t->natts;
	plan->gens = palloc0(sizeof(ColGen) * Max(t->ncolumns, 1));
	plan->values = palloc0(sizeof(Datum) * Max(t->natts, 1));
	plan->nulls = palloc(sizeof(bool) * Max(t->natts, 1));
	memset(plan->nulls, true, sizeof(bool) * Max(t->natts, 1));
	plan->vals = palloc0(sizeof(SdVal) * Max(t->ncolumns, 1));
	plan->done = palloc0(sizeof(bool) * Max(t->ncolumns, 1));

	for (i = 0; i < t->ncolumns; i++)
	{
		SdColumn   *c = &t->columns[i];
		ColGen	   *g = &plan->gens[i];

		g->col = i;
		g->group = -1;
		g->after = -1;
		g->maxlen = -1;
		g->deps = palloc0(sizeof(bool) * t->ncolumns);
		g->stream = sd_stream_child(base, sd_stream_id(c->name));
		sd_rng_init(&g->rng, seed, g->stream);
		sd_rng_init(&g->nullrng, seed, sd_stream_child(g->stream, PG_UINT32_MAX));
		if (c->generated)
			g->kind = G_SKIP;
		else if (c->has_default || c->identity)
			g->kind = G_DEFAULT;
		else
			g->kind = G_AUTO;
	}

	/* the columns' security labels, under the call's own rules */
	sdg_read_rules(plan, sd_labels_rules(relid, rules));
	sdg_mark_trigger_columns(plan);
	sdg_review_defaults(plan);
	sdg_realism_defaults(plan);

	/* type information and inferred generators */
	for (i = 0; i < t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];

		sdg_typeinfo_init(&g->ti, t->columns[i].basetypid, t->columns[i].basetypmod);
		if (g->kind == G_AUTO)
			sdg_infer_auto(plan, g);
		else
		{
			g->maxlen = g->ti.maxlen;
			sdg_auto_kind_for(&g->ti, &g->akind);
		}
	}
	plan_groups(plan);
	sdg_shape_from_checks(plan);
	for (i = 0; i < t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];

		/* updated_at after created_at, when nothing else says otherwise */
		if (g->kind == G_AUTO && g->hint == N_UPDATED && g->after < 0)
		{
			int			c = sd_table_column(t, "created_at");

			if (c < 0)
				c = sd_table_column(t, "created");
			if (c >= 0 && c != i && plan->gens[c].kind != G_SKIP &&
				!plan->gens[c].deps[i])
			{
				g->after = c;
				g->deps[c] = true;
			}
		}
		/* soft-delete markers are mostly NULL */
		if (g->kind == G_AUTO && g->hint == N_DELETED && !t->columns[i].notnull &&
			g->null_frac == 0 && (g->akind == A_DATE || g->akind == A_TIMESTAMP))
			g->null_frac = 0.9;
		/* members of groups are computed with their group: no dependencies */
		if (g->kind == G_FK || g->kind == G_UNIQUE)
		{
			memset(g->deps, 0, sizeof(bool) * t->ncolumns);
			g->after = -1;
		}
	}
	sdg_realism_finish(plan);
	plan_order(plan);
	return plan;
}

/* ---------------------------------------------------------------------
 * Preparing: what needs SPI or the relation, once per call
 * ---------------------------------------------------------------------
 */

static void
load_parent_keys(GenPlan *plan, FkGroup *fg, MemoryContext planctx)
{
	SdForeignKey *fk = fg->fk;
	SdTable    *t = plan->t;
	StringInfoData sql;
	Portal		portal;
	SPIPlanPtr	sp;
	int			j;
	int			cap = 1024;
	int64		seen = 0;
	SdRng		rng;
	TypeInfo   *tis = palloc(sizeof(TypeInfo) * fk->ncols);
	MemoryContext old;

	initStringInfo(&sql);
	appendStringInfoString(&sql, "SELECT ");
	for (j = 0; j < fk->ncols; j++)
	{
		SdColumn   *c = &t->columns[fk->cols[j]];

		/* in the referencing column's type, so the Datums fit it */
		appendStringInfo(&sql, "%s%s::%s", j ? ", " : "",
						 quote_identifier(fk->refcolnames[j]),
						 sd_sql_type(c->basetypid, c->basetypmod));
		tis[j] = plan->gens[fk->cols[j]].ti;
	}
	appendStringInfo(&sql, " FROM %s WHERE ", fk->refname);
	for (j = 0; j < fk->ncols; j++)
		appendStringInfo(&sql, "%s%s IS NOT NULL", j ? " AND " : "",
						 quote_identifier(fk->refcolnames[j]));
	appendStringInfoString(&sql, " ORDER BY ");
	for (j = 0; j < fk->ncols; j++)
		appendStringInfo(&sql, "%s%d", j ? ", " : "", j + 1);

	old = MemoryContextSwitchTo(planctx);
	fg->keys = palloc(sizeof(Datum) * cap * fk->ncols);
	fg->keyvals = palloc(sizeof(SdVal) * cap * fk->ncols);
	MemoryContextSwitchTo(old);
	fg->nkeys = 0;
	sd_rng_init(&rng, plan->seed, sd_stream_child(sd_stream_id("synth_rows parent sample"),
												  sd_stream_id(fk->name)));

	sp = sd_spi_prepare(sql.data, 0, NULL);
	portal = SPI_cursor_open(NULL, sp, NULL, NULL, true);
	for (;;)
	{
		uint64		r;

		SPI_cursor_fetch(portal, true, 10000);
		if (SPI_processed == 0)
			break;
		for (r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			int64		slot;

			CHECK_FOR_INTERRUPTS();
			/* Algorithm R (Vitter 1985): keep each row with prob. cap/seen */
			seen++;
			if (fg->nkeys < SD_FK_MAX_KEYS)
				slot = fg->nkeys;
			else
			{
				sd_rng_seek(&rng, (uint64) seen);
				slot = (int64) sd_rng_below(&rng, (uint64) seen);
				if (slot >= SD_FK_MAX_KEYS)
					continue;
			}
			old = MemoryContextSwitchTo(planctx);
			if (slot == fg->nkeys)
			{
				if (fg->nkeys == cap)
				{
					cap *= 2;
					fg->keys = repalloc_huge(fg->keys, sizeof(Datum) * cap * fk->ncols);
					fg->keyvals = repalloc_huge(fg->keyvals, sizeof(SdVal) * cap * fk->ncols);
				}
				fg->nkeys++;
			}
			for (j = 0; j < fk->ncols; j++)
			{
				bool		isnull;
				Datum		d = SPI_getbinval(tup, SPI_tuptable->tupdesc, j + 1, &isnull);
				Size		at = (Size) slot * fk->ncols + j;

				d = datumCopy(d, tis[j].typbyval, tis[j].typlen);
				fg->keys[at] = d;
				sdg_datum_to_val(&tis[j], d, &fg->keyvals[at]);
			}
			MemoryContextSwitchTo(old);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	SPI_freeplan(sp);

	if (fg->nkeys == 0 && !fk->nullable && plan->n > 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("referenced table %s has no rows", fk->refname),
				 errdetail("Foreign key \"%s\" of table \"%s\" is NOT NULL, so every row needs a parent.",
						   fk->name, t->relname),
				 errhint("Fill %s first, or list both tables in synth_fill_schema().",
						 fk->refname)));
}

/*
 * Does the relation (or any of its leaf partitions) hold any pages?  Rows
 * the caller cannot see (row-level security) still occupy unique values, so
 * whether to probe is decided on storage, not on count(*).
 */
static bool
relation_has_pages(Oid relid)
{
	List	   *rels;
	ListCell   *lc;
	bool		found = false;

	if (get_rel_relkind(relid) == RELKIND_PARTITIONED_TABLE)
		rels = find_all_inheritors(relid, AccessShareLock, NULL);
	else
		rels = list_make1_oid(relid);
	foreach(lc, rels)
	{
		Relation	rel;

		if (!RELKIND_HAS_STORAGE(get_rel_relkind(lfirst_oid(lc))))
			continue;
		rel = relation_open(lfirst_oid(lc), AccessShareLock);
		found = RelationGetNumberOfBlocks(rel) > 0;
		relation_close(rel, NoLock);
		if (found)
			break;
	}
	return found;
}

/* give a group's columns back to their free generators; the group is empty */
static void
unique_group_release(GenPlan *plan, UniqueGroup *ug)
{
	int			d;

	for (d = 0; d < ug->ndims; d++)
	{
		UDim	   *dim = &ug->dims[d];

		if (dim->fk >= 0)
			plan->fks[dim->fk].unique_group = -1;
		else
		{
			plan->gens[dim->col].kind = G_AUTO;
			plan->gens[dim->col].group = -1;
		}
	}
	ug->ndims = 0;
	ug->domain = PG_UINT64_MAX;
	ug->probe = false;
	memset(&ug->perm, 0, sizeof(FeistelPerm));
	ug->next_pos = (uint64) plan->start;
}

static void
prepare_unique(GenPlan *plan, UniqueGroup *ug, int gi)
{
	uint64		need = (uint64) plan->start + (uint64) plan->n + (uint64) plan->existing;
	uint64		fixed = 1;
	int			d,
				firstflex = -1;
	uint64	   *natural = palloc(sizeof(uint64) * ug->ndims);

	for (d = 0; d < ug->ndims; d++)
	{
		UDim	   *dim = &ug->dims[d];

		if (dim->fk >= 0)
			natural[d] = plan->fks[dim->fk].nkeys;
		else
		{
			ColGen	   *g = &plan->gens[dim->col];

			/* whole numbers, or steps of the scale when those are too few */
			g->ustep = 1;
			natural[d] = sdg_dim_natural_size(plan, g, g->pattern);
			if (natural[d] < need && g->akind == A_NUMERIC && g->ti.scale > 0)
			{
				g->ustep = 1.0 / sdg_pow10i(g->ti.scale);
				natural[d] = sdg_dim_natural_size(plan, g, g->pattern);
			}
			/*
			 * Dates and timestamps: spread over their range (the default
			 * window when unbounded), so that a key that leads a range
			 * partitioning reaches every partition.
			 */
			if (g->akind == A_TIMESTAMP || g->akind == A_DATE)
			{
				double		res = sdg_resolution(g);
				double		span = (g->has_lo && g->has_hi) ? g->hi - g->lo : SD_WINDOW_USECS;

				g->ustep = Max(res, floor(span / (double) Max(need, 1) / res) * res);
			}
		}
		if (natural[d] < need && natural[d] < SD_UNBOUNDED)
			fixed = sdg_sat_mul(fixed, natural[d]);
		else if (firstflex < 0)
			firstflex = d;
	}
	ug->domain = 1;
	for (d = 0; d < ug->ndims; d++)
	{
		UDim	   *dim = &ug->dims[d];

		if (natural[d] < need && natural[d] < SD_UNBOUNDED)
			dim->size = natural[d];
		else if (ug->ndims == 1 && dim->col >= 0 && plan->gens[dim->col].pattern)
			dim->size = natural[d];	/* codes from the whole pattern space */
		else if (ug->ndims > 1 && dim->fk >= 0)
			dim->size = natural[d];	/* a link table: pairs over all parents */
		else if (d == firstflex && fixed < need)
			dim->size = Min(natural[d], (need + fixed - 1) / Max(fixed, 1));
		else
			dim->size = 1;
		if (dim->size == 0)
			dim->size = 1;
		ug->domain = sdg_sat_mul(ug->domain, dim->size);
	}
	/*
	 * Integer columns of a composite key take no more values than the key
	 * needs (with room to vary): (order_id, line_no) numbers each order's
	 * lines from 1 up rather than across the whole CHECK range.
	 */
	if (ug->ndims > 1)
	{
		for (d = 0; d < ug->ndims; d++)
		{
			UDim	   *dim = &ug->dims[d];
			uint64		others = ug->domain / dim->size;
			uint64		want;

			if (dim->col < 0 || plan->gens[dim->col].akind != A_INT ||
				plan->gens[dim->col].nchoices > 0)
				continue;
			/* twice what is needed, so that children per parent vary */
			want = Max(1, (2 * need + others - 1) / Max(others, 1));
			if (want < dim->size)
			{
				dim->size = want;
				ug->domain = sdg_sat_mul(others, want);
			}
		}
	}
	for (d = 0; d < ug->ndims; d++)
		if (natural[d] == 0)
			ug->domain = 0;
	if (ug->domain < need && plan->n > 0 && ug->key &&
		sdg_key_needs_probe(plan->t, ug->key))
	{
		/*
		 * A partial key whose predicate reads other columns need not be
		 * unique over all rows: draw its columns freely and probe the
		 * index row by row instead.
		 */
		unique_group_release(plan, ug);
		return;
	}
	if (ug->domain < need && plan->n > 0)
	{
		const char *what = ug->key ? ug->key->name :
			plan->t->columns[ug->dims[0].col].name;

		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("cannot generate " INT64_FORMAT " unique values for key \"%s\" of table \"%s\"",
						plan->n, what, plan->t->relname),
				 errdetail("Its columns can take only " UINT64_FORMAT " distinct values, and the table already has " INT64_FORMAT " rows.",
						   ug->domain, plan->existing),
				 errhint("Widen the columns' types or CHECK constraints, or ask for fewer rows.")));
	}
	sd_perm_init(&ug->perm, ug->domain, plan->seed,
				 sd_stream_child(sd_stream_id("synth_rows unique"), (uint64) gi));
	ug->probe = ug->probe && ug->key != NULL &&
		(plan->existing > 0 || relation_has_pages(plan->t->relid));

	/*
	 * Columns of a composite key that the other columns already make unique
	 * (size 1) are drawn like any other column.
	 */
	{
		int			k = 0;

		for (d = 0; d < ug->ndims; d++)
		{
			UDim	   *dim = &ug->dims[d];

			if (dim->size == 1 && dim->col >= 0 && natural[d] > 1 &&
				!plan->gens[dim->col].unique_rule)
			{
				plan->gens[dim->col].kind = G_AUTO;
				plan->gens[dim->col].group = -1;
			}
			else if (dim->size == 1 && dim->fk >= 0 && natural[d] > 1)
				plan->fks[dim->fk].unique_group = -1;
			else
				ug->dims[k++] = *dim;
		}
		ug->ndims = k;
	}

	/*
	 * A key of one uuid column: keygen.c's uuid shape is a keyed
	 * permutation of its own, so the row's position goes to it unchanged
	 * and row i's uuid does not depend on the number of rows.
	 */
	ug->unpermuted = ug->ndims == 1 && ug->dims[0].col >= 0 &&
		plan->gens[ug->dims[0].col].akind == A_UUID &&
		plan->gens[ug->dims[0].col].pattern == NULL &&
		plan->gens[ug->dims[0].col].nchoices == 0;
	ug->next_pos = (uint64) plan->start;
	if (ug->probe)
		ug->leafindexes = sdg_leaf_indexes(ug->key->indexoid);
}

static void
prepare_defaults(GenPlan *plan)
{
	Relation	rel = NULL;
	int			i;

	for (i = 0; i < plan->t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];
		Node	   *expr;

		g->defnull = true;
		if (g->kind != G_DEFAULT)
			continue;
		if (rel == NULL)
			rel = relation_open(plan->t->relid, AccessShareLock);
		expr = build_column_default(rel, plan->t->columns[i].attnum);
		/* sequences and other volatile defaults are for the INSERT to run */
		if (expr == NULL || contain_volatile_functions(expr))
			continue;
		{
			ExprContext *ec = CreateStandaloneExprContext();
			ExprState  *es = ExecInitExpr(expression_planner((Expr *) expr), NULL);
			bool		isnull;
			Datum		d = ExecEvalExpr(es, ec, &isnull);

			g->defnull = isnull;
			if (!isnull)
			{
				g->defval = datumCopy(d, g->ti.typbyval, g->ti.typlen);
				sdg_datum_to_val(&g->ti, g->defval, &plan->vals[i]);
				if (plan->vals[i].text)
					plan->vals[i].text = pstrdup(plan->vals[i].text);
			}
			FreeExprContext(ec, true);
		}
	}
	if (rel)
		relation_close(rel, NoLock);
}

void
sdg_plan_prepare(GenPlan *plan)
{
	int			i;
	bool		need_count = (plan->nunique > 0);
	MemoryContext planctx = CurrentMemoryContext;

	SPI_connect();
	if (need_count && plan->n > 0)
	{
		char	   *sql = psprintf("SELECT pg_catalog.count(*) FROM %s", plan->t->qualname);

		if (sd_spi_execute(sql, 0, NULL, NULL, NULL, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "could not count the rows of %s", plan->t->qualname);
		{
			bool		isnull;

			plan->existing = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
														 SPI_tuptable->tupdesc, 1,
														 &isnull));
		}
	}
	for (i = 0; i < plan->nfk; i++)
	{
		FkGroup    *fg = &plan->fks[i];
		ColGen	   *g = &plan->gens[fg->gen];

		if (plan->n > 0)
			load_parent_keys(plan, fg, planctx);
		fg->perm.domain = 0;
		if (g->fanout == FAN_ZIPF || g->fanout == FAN_SKEW)
			sd_perm_init(&fg->perm, Max(fg->nkeys, 1), plan->seed,
						 sd_stream_child(sd_stream_id("synth_rows fanout"), g->stream));
	}
	SPI_finish();

	for (i = 0; i < plan->nunique; i++)
		prepare_unique(plan, &plan->uniques[i], i);
	prepare_defaults(plan);
	sdg_realism_prepare(plan);
	plan->checker = sd_checker_create(plan->t);
	plan->probes = sdg_probes_prepare(plan->t);
	plan->rowcxt = AllocSetContextCreate(CurrentMemoryContext,
										 "synthdata row context",
										 ALLOCSET_DEFAULT_SIZES);
	plan->prepared = true;
}
