/*-------------------------------------------------------------------------
 *
 * roles.c
 *		Column semantics of fitted cloning, decided at fit time: what the
 *		catalog says of each column (primary key, unique index, foreign
 *		keys -- those declared on partitions too --, generated and identity
 *		columns, columns a trigger maintains), what the fit measured (the
 *		children per parent of a foreign key, the association of first
 *		names with a sex column, the countries of the rows), the semantic
 *		role reported by synth_columns, and their part of the model's jsonb.
 *
 * The marginal of each column is still decided in marginal.c; this file
 * adds what a production table means on top of it.  Everything it stores
 * is an aggregate: shares, a quantile grid of counts, a locale name.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/roles.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

#include "catalog/partition.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_trigger.h"
#include "commands/trigger.h"
#include "utils/relcache.h"

#include "fake_dict.h"

static ColSemantics *
col_sem(ModelCol *c)
{
	if (c->sem == NULL)
		c->sem = palloc0(sizeof(ColSemantics));
	return c->sem;
}

static ModelCol *
column_named(Model *m, const char *name)
{
	int			i;

	for (i = 0; i < m->ncols; i++)
		if (strcmp(m->cols[i].name, name) == 0)
			return &m->cols[i];
	return NULL;
}

/* ---- the catalog --------------------------------------------------------- */

/* a unique index without a predicate: its key columns */
typedef struct UniqueCols
{
	bool		primary;
	int			n;
	AttrNumber	att[INDEX_MAX_KEYS];
} UniqueCols;

/* the unique indexes of rel without a predicate, with their key columns */
static List *
unique_indexes(Relation rel)
{
	List	   *indexes = RelationGetIndexList(rel);
	List	   *out = NIL;
	ListCell   *lc;

	foreach(lc, indexes)
	{
		HeapTuple	tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(lfirst_oid(lc)));
		Form_pg_index idx;

		if (!HeapTupleIsValid(tup))
			continue;
		idx = (Form_pg_index) GETSTRUCT(tup);
		if (idx->indisunique && heap_attisnull(tup, Anum_pg_index_indpred, NULL))
		{
			UniqueCols *u = palloc0(sizeof(UniqueCols));
			int			k;

			u->primary = idx->indisprimary;
			u->n = idx->indnkeyatts;
			for (k = 0; k < u->n; k++)
				u->att[k] = idx->indkey.values[k];
			out = lappend(out, u);
		}
		ReleaseSysCache(tup);
	}
	list_free(indexes);
	return out;
}

/* the model column of a key column of rel, or NULL (an expression: NULL) */
static ModelCol *
key_column(Model *m, Relation rel, AttrNumber att)
{
	if (att <= 0)
		return NULL;
	return column_named(m, NameStr(TupleDescAttr(RelationGetDescr(rel), att - 1)->attname));
}

/* one-column unique indexes without a predicate, other than the primary key */
static void
mark_unique(Model *m, Relation rel)
{
	ListCell   *lc;

	foreach(lc, unique_indexes(rel))
	{
		UniqueCols *u = lfirst(lc);
		ModelCol   *c = u->n == 1 && !u->primary ? key_column(m, rel, u->att[0]) : NULL;

		if (c != NULL)
			col_sem(c)->unique = true;
	}
}

/* whether a foreign key of rel (or of a partition of it) points at rel */
static bool
is_self_reference(Relation rel, Oid confrelid)
{
	return confrelid == RelationGetRelid(rel) ||
		(get_rel_relispartition(confrelid) &&
		 list_member_oid(get_partition_ancestors(confrelid), RelationGetRelid(rel)));
}

/*
 * A foreign key of several columns: each column points at its parent
 * column, and the sampler draws the parent's row once for all of them
 * (keyed by the constraint), so that the tuple is one the parent holds.
 * Left alone when a column is missing, the table's own key or already
 * drawn from another parent.
 */
static void
mark_composite(Model *m, Oid relid, ForeignKeyCacheInfo *fk)
{
	ModelCol  **cols = palloc(sizeof(ModelCol *) * fk->nkeys);
	char	   *name = get_constraint_name(fk->conoid);
	StringInfoData why;
	int			k;

	for (k = 0; k < fk->nkeys; k++)
	{
		cols[k] = column_named(m, get_attname(relid, fk->conkey[k], false));
		if (cols[k] == NULL || cols[k]->role_forced ||
			(cols[k]->role == ROLE_KEY && !cols[k]->key_member) ||
			(cols[k]->sem != NULL && cols[k]->sem->ref_table != NULL) || name == NULL)
			return;
	}
	initStringInfo(&why);
	for (k = 0; k < fk->nkeys; k++)
	{
		ColSemantics *sem = col_sem(cols[k]);

		sem->ref_schema = get_namespace_name(get_rel_namespace(fk->confrelid));
		sem->ref_table = get_rel_name(fk->confrelid);
		sem->ref_column = get_attname(fk->confrelid, fk->confkey[k], false);
		sem->fk_name = name;
		sem->fk_pos = k;
		sem->fk_n = fk->nkeys;
		appendStringInfo(&why, "%s%s", k > 0 ? ", " : "", sem->ref_column);
	}
	for (k = 0; k < fk->nkeys; k++)
		cols[k]->reason = psprintf("composite foreign key to %s(%s)",
								   cols[k]->sem->ref_table, why.data);
}

/*
 * One-column foreign keys of rel, and of its partitions when it is
 * partitioned (a key may be declared on the partitions only): the column
 * draws the parent's keys, unless it is the table's own key or points at
 * the table itself.
 */
static void
mark_foreign_keys(Model *m, Relation rel)
{
	List	   *rels = list_make1_oid(RelationGetRelid(rel));
	ListCell   *lr;

	if (rel->rd_rel->relkind == RELKIND_PARTITIONED_TABLE)
		rels = find_all_inheritors(RelationGetRelid(rel), AccessShareLock, NULL);
	foreach(lr, rels)
	{
		Oid			relid = lfirst_oid(lr);
		Relation	r = relid == RelationGetRelid(rel) ? rel :
			relation_open(relid, AccessShareLock);
		ListCell   *lc;

		foreach(lc, RelationGetFKeyList(r))
		{
			ForeignKeyCacheInfo *fk = (ForeignKeyCacheInfo *) lfirst(lc);
			char	   *colname;
			ModelCol   *c;
			ColSemantics *sem;

			if (fk->nkeys > 1)
			{
				if (!is_self_reference(rel, fk->confrelid))
					mark_composite(m, relid, fk);
				continue;
			}
			colname = get_attname(relid, fk->conkey[0], false);
			c = column_named(m, colname);
			if (c == NULL || c->role_forced)
				continue;
			if (is_self_reference(rel, fk->confrelid))
				continue;		/* a self-reference: an attribute */
			sem = col_sem(c);
			if (sem->ref_table != NULL)
				continue;

			/*
			 * A key that references a parent (a link table's pair of parent
			 * keys, a one-to-one extension table) holds the parent's keys:
			 * it is drawn from them, each parent at most its count of times,
			 * not renumbered.
			 */
			if (c->role == ROLE_KEY)
			{
				c->role = ROLE_ATTRIBUTE;
				c->key_member = false;
			}
			sem->ref_schema = get_namespace_name(get_rel_namespace(fk->confrelid));
			sem->ref_table = get_rel_name(fk->confrelid);
			sem->ref_column = get_attname(fk->confrelid, fk->confkey[0], false);
			c->reason = psprintf("foreign key to %s(%s)", sem->ref_table, sem->ref_column);
		}
		if (r != rel)
			relation_close(r, AccessShareLock);
	}
}

/*
 * A unique index over two foreign-key columns (a link table's primary key
 * (playlist_id, track_id)): the second column completes the first, so
 * that the sampler draws distinct pairs.
 */
static void
mark_fk_pairs(Model *m, Relation rel)
{
	ListCell   *lc;

	foreach(lc, unique_indexes(rel))
	{
		UniqueCols *u = lfirst(lc);
		ModelCol   *a = u->n == 2 ? key_column(m, rel, u->att[0]) : NULL;
		ModelCol   *b = u->n == 2 ? key_column(m, rel, u->att[1]) : NULL;

		if (a != NULL && b != NULL && a->sem != NULL && b->sem != NULL &&
			a->sem->ref_table != NULL && b->sem->ref_table != NULL &&
			a->sem->paired_with == NULL && b->sem->paired_with == NULL &&
			a->sem->fk_n < 2 && b->sem->fk_n < 2)
			b->sem->paired_with = a->name;
	}
}

/* whether rel has a row trigger that runs before INSERT or UPDATE */
static bool
has_before_row_trigger(Relation rel)
{
	int			i;

	if (rel->trigdesc == NULL)
		return false;
	for (i = 0; i < rel->trigdesc->numtriggers; i++)
	{
		int16		t = rel->trigdesc->triggers[i].tgtype;

		if (TRIGGER_FOR_ROW(t) && TRIGGER_FOR_BEFORE(t) &&
			(TRIGGER_FOR_INSERT(t) || TRIGGER_FOR_UPDATE(t)))
			return true;
	}
	return false;
}

/*
 * A key column that is personal data: a text column named like personal
 * data (the primary key, a unique index, the first column of a composite
 * one) gets unique fakes of its kind rather than row numbers; a network
 * address key (inet, cidr, macaddr), which has no row-number form, gets
 * unique fakes of the kind its values show (marginal.c decides it).
 */
static void
personal_key(ModelCol *c, Form_pg_attribute att)
{
	const char *pii;
	Oid			base = getBaseType(att->atttypid);

	if (c->vk == VK_STRING && (pii = pii_kind_from_name(NULL, c->name)) != NULL &&
		sd_fake_kind_is_personal(sd_fake_kind_lookup(pii)))
	{
		c->role = ROLE_PII;
		c->pii_kind = (char *) pii;
		c->sem->unique = true;
		c->reason = "column name; unique index: unique fakes";
	}
	else if (base == INETOID || base == CIDROID || base == MACADDROID ||
			 base == MACADDR8OID)
	{
		c->role = ROLE_ATTRIBUTE;
		c->sem->unique = true;
		c->reason = "network address key: unique fakes";
	}
}

/*
 * What the catalog says of each column, before the scan: generated and
 * identity columns, unique indexes, foreign keys, trigger-maintained
 * search vectors.  A unique text column named like personal data (an
 * email) is personal data kept unique, not a key of row numbers.
 */
void
roles_from_catalog(Model *m, Relation rel, char *is_key)
{
	TupleDesc	desc;
	bool		before_trigger;
	int			i;

	(void) is_key;
	if (rel == NULL)
	{
		/*
		 * synth_fit_merge: no table behind the states, only the keys they
		 * carry; every column gets its semantics from names and values.
		 */
		for (i = 0; i < m->ncols; i++)
			(void) col_sem(&m->cols[i]);
		return;
	}
	desc = RelationGetDescr(rel);
	before_trigger = has_before_row_trigger(rel);
	if (rel->rd_rel->relhasindex)
		mark_unique(m, rel);
	mark_foreign_keys(m, rel);
	if (rel->rd_rel->relhasindex)
		mark_fk_pairs(m, rel);
	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *c = &m->cols[i];
		Form_pg_attribute att = TupleDescAttr(desc, c->attidx);
		ColSemantics *sem = col_sem(c);

		sem->generated = att->attgenerated;
		sem->identity = att->attidentity;
		if (att->attgenerated)
		{
			sem->derived = true;
			sem->derived_reason = "generated column: computed by PostgreSQL";
		}
		else if (before_trigger && getBaseType(att->atttypid) == TSVECTOROID)
		{
			sem->derived = true;
			sem->derived_reason = "search vector of a table with a BEFORE row trigger";
		}
		if (c->role == ROLE_KEY && !c->key_member && !c->role_forced)
			personal_key(c, att);
	}
}

/* ---- what the fit measures ---------------------------------------------- */

/* a query's single float8 result, or NaN when NULL */
static double
spi_double(const char *sql)
{
	MemoryContext cxt = CurrentMemoryContext;
	bool		isnull;
	Datum		d;
	double		v;

	if (sd_spi_execute(sql, 0, NULL, NULL, NULL, true, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "could not run a query of the fit");
	/* SPI leaves its own context current: the model lives in the caller's */
	MemoryContextSwitchTo(cxt);
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	v = isnull ? NAN : DatumGetFloat8(d);
	SPI_freetuptable(SPI_tuptable);
	return v;
}

/*
 * A composite foreign key is drawn whole or not at all: when an option
 * or an empty column takes one of its columns off, all of them are
 * modelled.
 */
static void
composite_groups_whole(Model *m)
{
	int			i,
				j;

	for (i = 0; i < m->ncols; i++)
	{
		ColSemantics *a = m->cols[i].sem;
		const char *name;
		int			found = 0;

		if (a == NULL || a->fk_n < 2 || a->fk_name == NULL)
			continue;
		name = a->fk_name;		/* cleared below with the rest of the key */
		for (j = 0; j < m->ncols; j++)
		{
			ColSemantics *b = m->cols[j].sem;

			if (b != NULL && b->fk_name != NULL && strcmp(b->fk_name, name) == 0 &&
				b->ref_table != NULL)
				found++;
		}
		if (found == a->fk_n)
			continue;
		for (j = 0; j < m->ncols; j++)
		{
			ColSemantics *b = m->cols[j].sem;

			if (b != NULL && b->fk_name != NULL && strcmp(b->fk_name, name) == 0)
			{
				if (b->ref_table != NULL && !m->cols[j].role_forced)
					m->cols[j].reason = "column of a composite foreign key not drawn whole: modelled";
				b->ref_table = NULL;
				b->fk_name = NULL;
				b->fk_n = 0;
			}
		}
	}
}

/* the quoted columns of the composite foreign key of c, in key order (or c alone) */
static char *
fk_local_columns(const Model *m, const ModelCol *c)
{
	StringInfoData b;
	int			k,
				j;

	if (c->sem->fk_n < 2)
		return pstrdup(quote_identifier(c->name));
	initStringInfo(&b);
	for (k = 0; k < c->sem->fk_n; k++)
		for (j = 0; j < m->ncols; j++)
		{
			const ColSemantics *b2 = m->cols[j].sem;

			if (b2 != NULL && b2->fk_name != NULL && b2->fk_pos == k &&
				strcmp(b2->fk_name, c->sem->fk_name) == 0)
				appendStringInfo(&b, "%s%s", b.len > 0 ? ", " : "",
								 quote_identifier(m->cols[j].name));
		}
	return b.data;
}

/*
 * Children per parent of a foreign-key column: the quantile function over
 * every parent (those without children count as 0), its top clipped at
 * the k-th largest count when there are many parents.
 * A parent the caller may not read leaves the column an attribute.
 */
static int
cmp_int64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;

	return x < y ? -1 : x > y;
}

/*
 * The children per parent from the scan's exact counts of the column's
 * values, when it kept them all (its children counts: at most
 * 2 * CHILDREN_EXACT_MAX parents; else its category counts, at most
 * 2 * category_cap): the distinct numbers of children (vals, ascending)
 * and how many parents have each (cnts).  No second scan then.
 */
static bool
fanout_from_counts(ColState *cs, double **vals, double **cnts, int64 *n)
{
	SdFreq	   *f = &cs->freq;
	int64	   *c;
	int64		i,
				nc,
				k = 0;
	bool		numbers;

	/* the scan's own counts of a foreign key's values, when still exact */
	nc = fit_children_counts(cs, &c, NULL, &numbers);
	if (nc <= 0)
	{
		if (f->overflowed || f->decremented != 0 || f->nitems == 0)
			return false;
		nc = f->nitems;
		c = palloc(sizeof(int64) * nc);
		for (i = 0; i < nc; i++)
			c[i] = f->items[i].count;
	}
	qsort(c, nc, sizeof(int64), cmp_int64);
	*vals = palloc(sizeof(double) * nc);
	*cnts = palloc(sizeof(double) * nc);
	for (i = 0; i < nc; i++)
	{
		if (k > 0 && (*vals)[k - 1] == (double) c[i])
			(*cnts)[k - 1] += 1;
		else
		{
			(*vals)[k] = (double) c[i];
			(*cnts)[k++] = 1;
		}
	}
	*n = k;
	pfree(c);
	return true;
}

static void
fit_fanout(Model *m, FitContext *fc, ModelCol *c, ColState *cs)
{
	ColSemantics *sem = c->sem;
	char	   *parent = quote_qualified_identifier(sem->ref_schema, sem->ref_table);
	Oid			prel = get_relname_relid(sem->ref_table, get_namespace_oid(sem->ref_schema, false));
	StringInfoData q;
	int64		used = 0,
				total,
				n;
	double	   *vals,
			   *cnts;
	int			i,
				j;

	if (!OidIsValid(prel) ||
		pg_class_aclcheck(prel, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
	{
		sem->ref_table = NULL;
		c->reason = "foreign key to a table the caller cannot read: modelled";
		return;
	}
	initStringInfo(&q);
	appendStringInfo(&q, "SELECT pg_catalog.count(*)::pg_catalog.float8 FROM %s", parent);
	total = (int64) spi_double(q.data);
	if (sem->fk_n < 2 && fanout_from_counts(cs, &vals, &cnts, &n))
		goto counted;
	resetStringInfo(&q);
	/* a row (a, b) IS NOT NULL when every member is */
	appendStringInfo(&q,
					 "SELECT n::pg_catalog.float8, pg_catalog.count(*)::pg_catalog.float8 FROM"
					 " (SELECT pg_catalog.count(*) AS n FROM %s WHERE (%s) IS NOT NULL GROUP BY %s) s"
					 " GROUP BY n ORDER BY n",
					 fc->qualified, fk_local_columns(m, c), fk_local_columns(m, c));
	if (sd_spi_execute(q.data, 0, NULL, NULL, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not count the children of \"%s\"", c->name);
	MemoryContextSwitchTo(fc->cxt);
	n = (int64) SPI_processed;
	vals = palloc(sizeof(double) * Max(n, 1));
	cnts = palloc(sizeof(double) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		bool		isnull;

		vals[i] = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));
		cnts[i] = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull));
	}
	SPI_freetuptable(SPI_tuptable);
counted:
	sem->children = 0;
	for (i = 0; i < n; i++)
	{
		used += (int64) cnts[i];
		sem->children += (int64) (cnts[i] * vals[i]);
	}
	total = Max(total, used);
	sem->parents = total;
	/* the quantile function of the counts over all parents, zeros first */
	for (j = 0; j < FANOUT_POINTS; j++)
	{
		double		rank = (double) j / (FANOUT_POINTS - 1) * Max(total - 1, 0);
		double		below = (double) (total - used);
		double		v = 0;

		if (rank >= below)
		{
			for (i = 0; i < n; i++)
			{
				below += cnts[i];
				v = vals[i];
				if (rank < below)
					break;
			}
		}
		sem->fanout[j] = v;
	}
	/*
	 * The k-th largest count caps the grid when the parents are many (at
	 * least 10k, so that the cap bends at most a tenth of them); a handful
	 * of parents keep their spread, a count of a group not being one row's.
	 */
	if (total >= 10 * (int64) m->k)
	{
		double		above = 0,
					cap = n > 0 ? vals[n - 1] : 0;

		for (i = n - 1; i >= 0; i--)
		{
			above += cnts[i];
			cap = vals[i];
			if (above >= m->k)
				break;
		}
		for (j = 0; j < FANOUT_POINTS; j++)
			sem->fanout[j] = Min(sem->fanout[j], cap);
	}
	/* a composite key's counts follow no single parent column */
	if (!sd_dp_requested(fc->options) && sem->fk_n < 2)
		roles_fanout_by_parent(m, fc, c, prel, cs);
}

/*
 * A key whose type has no row-number form (a timestamp, a date): start at
 * the source's first value, rounded down to the hour for timestamps, and
 * step by the mean gap between the source's keys, at least one unit
 * (microsecond, day), so that every row gets a fresh, distinct key.
 */
static void
fit_key_sequence(FitContext *fc, ModelCol *c)
{
	ColSemantics *sem = col_sem(c);
	StringInfoData q;
	const char *col = quote_identifier(c->name);
	double		lo,
				hi,
				n;

	initStringInfo(&q);
	if (c->vk == VK_DATE)
		appendStringInfo(&q, "SELECT (pg_catalog.min(%s) OPERATOR(pg_catalog.-) '2000-01-01'::pg_catalog.date)::pg_catalog.float8 FROM %s",
						 col, fc->qualified);
	else
		appendStringInfo(&q, "SELECT pg_catalog.date_part('epoch', pg_catalog.min(%s))::pg_catalog.float8 FROM %s",
						 col, fc->qualified);
	lo = spi_double(q.data);
	resetStringInfo(&q);
	if (c->vk == VK_DATE)
		appendStringInfo(&q, "SELECT (pg_catalog.max(%s) OPERATOR(pg_catalog.-) '2000-01-01'::pg_catalog.date)::pg_catalog.float8 FROM %s",
						 col, fc->qualified);
	else
		appendStringInfo(&q, "SELECT pg_catalog.date_part('epoch', pg_catalog.max(%s))::pg_catalog.float8 FROM %s",
						 col, fc->qualified);
	hi = spi_double(q.data);
	n = (double) Max(c->count, 1);
	sem->has_seq = true;
	if (isnan(lo) || isnan(hi))
	{
		lo = hi = 0;
		n = 1;
	}
	if (c->vk == VK_DATE)
	{
		sem->seq_start = lo;
		sem->seq_step = Max(1.0, rint((hi - lo) / Max(n - 1, 1)));
	}
	else
	{
		/* seconds since 1970 to microseconds since 2000, the hour's start */
		double		us = (lo - 946684800.0) * 1e6;

		sem->seq_start = floor(us / 3600e6) * 3600e6;
		sem->seq_step = Max(1.0, rint((hi - lo) * 1e6 / Max(n - 1, 1)));
	}
}

/* ---- first names and sex ----------------------------------------------- */

/* a first name in lower case (ASCII letters only), cut at SD_FREQ_MAXKEY bytes */
static int
lower_name(const char *s, int len, char *buf)
{
	int			n = 0;

	while (n < len && n < SD_FREQ_MAXKEY && s[n] != ' ')
	{
		buf[n] = (s[n] >= 'A' && s[n] <= 'Z') ? s[n] - 'A' + 'a' : s[n];
		n++;
	}
	return n;
}

/*
 * The first names of the fake dictionaries of every locale, as counts: 1
 * for a woman's name, 2 for a man's (a name in both lists keeps the first).
 */
static void
first_name_dictionary(SdFreq *f)
{
	int			l,
				i,
				n = 0;
	char		buf[SD_FREQ_MAXKEY];

	for (l = 0; l < sd_fake_ndicts; l++)
		n += sd_fake_dicts[l].female.n + sd_fake_dicts[l].male.n;
	sd_freq_init(f, n);
	for (l = 0; l < sd_fake_ndicts; l++)
	{
		const SdFakeDict *d = &sd_fake_dicts[l];

		for (i = 0; i < d->female.n + d->male.n; i++)
		{
			const char *name = i < d->female.n ? d->female.items[i] :
				d->male.items[i - d->female.n];
			int			len = lower_name(name, strlen(name), buf);
			uint64		h = sd_hash_key(buf, len);

			if (sd_freq_count_hashed(f, buf, len, h) == 0)
				sd_freq_add_hashed(f, buf, len, h, i < d->female.n ? 1 : 2);
		}
	}
}

/* 1: a woman's first name in a dictionary, 2: a man's, 0: unknown */
static int
first_name_sex(const SdFreq *dict, const char *s, int len)
{
	char		buf[SD_FREQ_MAXKEY];
	int			n = lower_name(s, len, buf);

	return (int) sd_freq_count_hashed(dict, buf, n, sd_hash_key(buf, n));
}

typedef struct SexTally
{
	FitConfig  *cfg;
	Model	   *m;
	int			sexcol;
	int			namecol;
	int64	   *tally;			/* per sex category: women's, men's names */
	SdFreq		dict;			/* first names of the dictionaries and their sex */
} SexTally;

static int
label_index(const ModelCol *c, const char *s, int len)
{
	int			j;

	for (j = 0; j < c->ncat; j++)
		if (c->cats[j].len == len && memcmp(c->cats[j].label, s, len) == 0)
			return j;
	return -1;
}

static void
tally_sex(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SexTally   *t = (SexTally *) arg;
	ColConfig  *sc = &t->cfg->cols[t->sexcol],
			   *nc = &t->cfg->cols[t->namecol];
	const char *s,
			   *n;
	int			slen,
				nlen,
				j,
				sex;

	if (isnull[sc->attidx] || isnull[nc->attidx])
		return;
	datum_to_string(sc->vk, values[sc->attidx], sc->typoutput, &s, &slen);
	j = label_index(&t->m->cols[t->sexcol], s, slen);
	if (j < 0)
		return;
	datum_to_string(nc->vk, values[nc->attidx], nc->typoutput, &n, &nlen);
	sex = first_name_sex(&t->dict, n, nlen);
	if (sex > 0)
		t->tally[j * 2 + sex - 1] += weight;
}

/*
 * The share of women's first names per category of a sex or gender column,
 * from the dependence sample, when the names follow it (the shares of two
 * categories differ by at least 0.5).  A category with fewer than k names
 * of known sex takes the share of all of them.
 */
static void
fit_sex_association(Model *m, FitState *st1, ModelPersonal *p)
{
	SexTally	t;
	int			i,
				j;
	double		lo = 1,
				hi = 0;
	int64		f = 0,
				all = 0;

	t.cfg = st1->cfg;
	t.m = m;
	t.sexcol = t.namecol = -1;
	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *c = &m->cols[i];

		if (c->kind == MK_CATEGORICAL && !c->numeric_cats && c->ncat >= 2 &&
			c->ncat <= 8 && sd_fake_kind_from_column(c->name) == SD_FAKE_GENDER &&
			t.sexcol < 0)
			t.sexcol = i;
		if (c->role == ROLE_PII && c->pii_kind != NULL && c->kind == MK_FORMAT &&
			(strcmp(c->pii_kind, "first_name") == 0 ||
			 (strcmp(c->pii_kind, "full_name") == 0 && t.namecol < 0)))
			t.namecol = i;
	}
	if (t.sexcol < 0 || t.namecol < 0)
		return;
	t.tally = palloc0(sizeof(int64) * 2 * m->cols[t.sexcol].ncat);
	first_name_dictionary(&t.dict);
	sample_for_each(st1, tally_sex, &t);
	for (j = 0; j < m->cols[t.sexcol].ncat; j++)
	{
		f += t.tally[2 * j];
		all += t.tally[2 * j] + t.tally[2 * j + 1];
	}
	if (all < m->k)
		return;
	p->sex_col = t.sexcol;
	p->nsex = m->cols[t.sexcol].ncat;
	p->female_share = palloc(sizeof(double) * p->nsex);
	for (j = 0; j < p->nsex; j++)
	{
		int64		nj = t.tally[2 * j] + t.tally[2 * j + 1];

		p->female_share[j] = nj >= m->k ? (double) t.tally[2 * j] / nj : (double) f / all;
		lo = Min(lo, p->female_share[j]);
		hi = Max(hi, p->female_share[j]);
	}
	if (hi - lo < 0.5)
	{
		p->sex_col = -1;
		p->nsex = 0;
		p->female_share = NULL;
	}
}

/* ---- countries and phones ---------------------------------------------- */

typedef struct CountryTally
{
	FitConfig  *cfg;
	int			phonecol;
	int64		phones[4];		/* US, DE, GB, FR prefixes */
	int			countrycol;		/* a faked country column, or -1 */
	int64		de;				/* its German-speaking rows */
	int64		other;			/* its rows of other known countries */
} CountryTally;

static void
tally_country(void *arg, Datum *values, bool *isnull, int64 weight)
{
	CountryTally *t = (CountryTally *) arg;
	ColConfig  *cc = &t->cfg->cols[t->countrycol];
	const char *s;
	int			len,
				loc;

	if (isnull[cc->attidx])
		return;
	datum_to_string(cc->vk, values[cc->attidx], cc->typoutput, &s, &len);
	loc = roles_country_locale(s, len);
	if (loc == SD_FAKE_LOCALE_DE)
		t->de += weight;
	else if (loc != -2)
		t->other += weight;
}

static void
tally_phone(void *arg, Datum *values, bool *isnull, int64 weight)
{
	CountryTally *t = (CountryTally *) arg;
	ColConfig  *pc = &t->cfg->cols[t->phonecol];
	const char *s;
	int			len;

	if (isnull[pc->attidx])
		return;
	datum_to_string(pc->vk, values[pc->attidx], pc->typoutput, &s, &len);
	if (len >= 3 && strncmp(s, "+1", 2) == 0)
		t->phones[0] += weight;
	else if (len >= 3 && (strncmp(s, "+49", 3) == 0 || strncmp(s, "0049", 4) == 0))
		t->phones[1] += weight;
	else if (len >= 3 && (strncmp(s, "+44", 3) == 0 || strncmp(s, "0044", 4) == 0))
		t->phones[2] += weight;
	else if (len >= 3 && (strncmp(s, "+33", 3) == 0 || strncmp(s, "0033", 4) == 0))
		t->phones[3] += weight;
}

/*
 * The locale of the row's place (the source's countries: German when most
 * recognised ones are German-speaking) and the country the phones' prefix
 * suggests.
 */
static void
fit_places(Model *m, FitState *st1, ModelPersonal *p)
{
	static const char *const iso[] = {"US", "DE", "GB", "FR"};
	CountryTally t;
	int			i,
				best = -1;
	int64		total = 0;

	memset(&t, 0, sizeof(t));
	t.cfg = st1->cfg;
	t.phonecol = t.countrycol = -1;
	p->locale = "en";
	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *c = &m->cols[i];
		SdFakeKind	k = sd_fake_kind_from_column(c->name);

		if ((k == SD_FAKE_COUNTRY || k == SD_FAKE_COUNTRY_CODE) &&
			c->kind == MK_CATEGORICAL && !c->numeric_cats && p->country_col < 0)
		{
			double		de = 0,
						other = 0;
			int			j;

			p->country_col = i;
			for (j = 0; j < c->ncat; j++)
			{
				int			loc = roles_country_locale(c->cats[j].label, c->cats[j].len);

				if (loc == SD_FAKE_LOCALE_DE)
					de += c->cats[j].p;
				else if (loc != -2)
					other += c->cats[j].p;
			}
			if (de > other)
				p->locale = "de";
		}
		if (c->role == ROLE_PII && c->pii_kind != NULL &&
			strcmp(c->pii_kind, "phone") == 0 && t.phonecol < 0)
			t.phonecol = i;
		if (c->role == ROLE_PII && c->pii_kind != NULL && c->vk == VK_STRING &&
			(k == SD_FAKE_COUNTRY || k == SD_FAKE_COUNTRY_CODE) && t.countrycol < 0)
			t.countrycol = i;
	}
	if (t.countrycol >= 0 && p->country_col < 0)
	{
		/* a faked country: the places of the locale most of its known values suggest */
		sample_for_each(st1, tally_country, &t);
		if (t.de > t.other)
			p->locale = "de";
	}
	if (t.phonecol < 0)
		return;
	sample_for_each(st1, tally_phone, &t);
	for (i = 0; i < 4; i++)
	{
		total += t.phones[i];
		if (best < 0 || t.phones[i] > t.phones[best])
			best = i;
	}
	if (total >= m->k && t.phones[best] >= total / 2)
		p->phone_country = (char *) iso[best];
}

/*
 * After the marginals: the children per parent of foreign keys, the
 * sequences of temporal keys, and the coherence of the row's person and
 * place.  Runs inside the fit's SPI connection.
 */
void
roles_after_marginals(Model *m, FitContext *fc, FitState *st1)
{
	ModelPersonal *p = palloc0(sizeof(ModelPersonal));
	int			i;

	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *c = &m->cols[i];

		if (c->sem != NULL && c->sem->ref_table != NULL &&
			(c->role_forced || c->kind == MK_NULL))
			c->sem->ref_table = NULL;
	}
	composite_groups_whole(m);
	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *c = &m->cols[i];

		if (c->sem != NULL && c->sem->ref_table != NULL && c->sem->fk_pos == 0)
			fit_fanout(m, fc, c, &st1->cols[i]);
		/* a later column of a composite key keeps no counts: the first's serve */
		if (c->role == ROLE_KEY && !c->key_member &&
			(c->vk == VK_DATE || c->vk == VK_TIMESTAMP || c->vk == VK_TIMESTAMPTZ))
			fit_key_sequence(fc, c);
	}
	p->sex_col = p->country_col = p->country_fk_col = -1;
	m->personal = p;
}

/*
 * The first text column of rel whose name, read with the table's name ("name"
 * of a table of countries is a country), is of kind k or k2; or NULL.
 */
static char *
text_column_of(Relation rel, SdFakeKind k, SdFakeKind k2)
{
	TupleDesc	td = RelationGetDescr(rel);
	int			a;

	for (a = 0; a < td->natts; a++)
	{
		Form_pg_attribute att = TupleDescAttr(td, a);
		SdFakeKind	kind;

		if (att->attisdropped ||
			(att->atttypid != TEXTOID && att->atttypid != VARCHAROID &&
			 att->atttypid != BPCHAROID))
			continue;
		kind = sd_fake_kind_from_column_in(RelationGetRelationName(rel), NameStr(att->attname));
		if (kind == k || kind == k2)
			return pstrdup(NameStr(att->attname));
	}
	return NULL;
}

/*
 * A table of places without a country column of its own whose foreign key
 * leads to a table that has one (pagila's city and its country_id), or
 * whose parent's foreign key does (pagila's address, its city_id and the
 * city's country_id): that country is the row's, so that a city, region,
 * postal code and phone are of its country.  The first single-column
 * foreign key whose parent (else grandparent) has a text column named as a
 * country (or its code) is taken; the rows are read when the clone is
 * drawn (roles_sample.c), so a schema clone reads its own cloned parents.
 * Where the row has no city of its own and the parent has one (pagila's
 * address and its city), the row's place is in the parent's city when the
 * country's places name it.
 */
static void
fit_country_parent(Model *m, ModelPersonal *p)
{
	bool		places = false,
				own_city = false;
	int			i;

	if (p->country_col >= 0)
		return;
	for (i = 0; i < m->ncols; i++)
	{
		const ModelCol *c = &m->cols[i];
		SdFakeKind	k = c->pii_kind != NULL ? sd_fake_kind_lookup(c->pii_kind) : SD_FAKE_NONE;

		if (c->role == ROLE_PII && c->kind == MK_FORMAT &&
			(sd_fake_is_place_kind(k) || k == SD_FAKE_PHONE))
			places = true;
		own_city |= k == SD_FAKE_CITY || sd_fake_kind_from_column(c->name) == SD_FAKE_CITY;
	}
	if (!places)
		return;
	for (i = 0; i < m->ncols; i++)
	{
		const ModelCol *c = &m->cols[i];
		Oid			nsp,
					prel;
		Relation	rel;

		if (c->sem == NULL || c->sem->ref_table == NULL || c->sem->fk_n >= 2 ||
			c->kind == MK_NULL)
			continue;
		nsp = get_namespace_oid(c->sem->ref_schema, true);
		prel = OidIsValid(nsp) ? get_relname_relid(c->sem->ref_table, nsp) : InvalidOid;
		if (!OidIsValid(prel))
			continue;
		rel = relation_open(prel, AccessShareLock);
		p->country_parent = text_column_of(rel, SD_FAKE_COUNTRY, SD_FAKE_COUNTRY_CODE);
		/* the parent's city, where the row has none of its own */
		p->country_city = own_city ? NULL : text_column_of(rel, SD_FAKE_CITY, SD_FAKE_CITY);
		if (p->country_parent != NULL)
			p->country_fk_col = i;
		else
		{
			ListCell   *lc;

			/* two steps: a foreign key of the parent to a table that has one */
			foreach(lc, RelationGetFKeyList(rel))
			{
				ForeignKeyCacheInfo *fk = lfirst_node(ForeignKeyCacheInfo, lc);
				Relation	grel;

				if (fk->nkeys != 1 || fk->confrelid == prel)
					continue;
				grel = relation_open(fk->confrelid, AccessShareLock);
				p->country_parent = text_column_of(grel, SD_FAKE_COUNTRY, SD_FAKE_COUNTRY_CODE);
				if (p->country_parent != NULL)
				{
					p->country_fk_col = i;
					p->country_through = get_attname(prel, fk->conkey[0], false);
					p->country_schema = get_namespace_name(RelationGetNamespace(grel));
					p->country_table = pstrdup(RelationGetRelationName(grel));
					p->country_key = get_attname(fk->confrelid, fk->confkey[0], false);
				}
				relation_close(grel, AccessShareLock);
				if (p->country_parent != NULL)
					break;
			}
		}
		relation_close(rel, AccessShareLock);
		if (p->country_fk_col >= 0)
			return;
		p->country_city = NULL;
	}
}

/*
 * After the copula has put categories in their final order: the share of
 * women's names per sex category, and the locale of places and phones.
 */
void
roles_after_dependence(Model *m, FitState *st1)
{
	ModelPersonal *p = m->personal;

	roles_country_fill(m);
	if (p == NULL || st1->nsample == 0)
		return;
	fit_sex_association(m, st1, p);
	fit_places(m, st1, p);
	fit_country_parent(m, p);
}

/* ---- the semantic role ---------------------------------------------------- */

/*
 * The role synth_columns reports, and its kind: the personal kind of
 * personal data, the marginal's kind otherwise.
 */
static const char *
roles_semantic(const ModelCol *c, const char **kind)
{
	*kind = kind_name[c->kind];
	if (c->sem != NULL && c->sem->derived)
		return "derived";
	if (c->role == ROLE_KEY && !c->key_member)
		return "key";
	if (c->sem != NULL && c->sem->ref_table != NULL)
		return "foreign_key";
	if (c->role == ROLE_PII)
	{
		if (c->pii_kind != NULL)
			*kind = c->pii_kind;
		return "personal";
	}
	if (c->role == ROLE_IDENTIFIER)
		return "identifier";
	switch (c->kind)
	{
		case MK_CATEGORICAL:
			return "categorical";
		case MK_FORMAT:
			return c->binary ? "binary" : "free_text";
		case MK_CONTINUOUS:
			return vk_is_amount(c->vk) || c->vk == VK_BOOL ? "numeric" : "temporal";
		case MK_SEQUENCE:
		case MK_UUID:
			return "key";
		default:
			return "other";
	}
}

/*
 * The roles option "columns" accepts: the model's roles and their
 * synonyms in the words of synth_columns.  Returns the Role, or -1;
 * *personal is set for "personal", *fk for "foreign_key".
 */
int
roles_option_role(const char *name, bool *personal, bool *fk)
{
	*personal = *fk = false;
	if (strcmp(name, "attribute") == 0 || strcmp(name, "categorical") == 0 ||
		strcmp(name, "numeric") == 0 || strcmp(name, "temporal") == 0 ||
		strcmp(name, "free_text") == 0)
		return ROLE_ATTRIBUTE;
	if (strcmp(name, "key") == 0 || strcmp(name, "own_key") == 0)
		return ROLE_KEY;
	if (strcmp(name, "identifier") == 0)
		return ROLE_IDENTIFIER;
	if (strcmp(name, "pii") == 0 || strcmp(name, "personal") == 0)
	{
		*personal = true;
		return ROLE_PII;
	}
	if (strcmp(name, "foreign_key") == 0)
	{
		*fk = true;
		return ROLE_ATTRIBUTE;
	}
	return -1;
}

bool
roles_in_schema_clone(const Model *m)
{
	int			j;

	for (j = 0; j < m->ncols; j++)
		if (m->cols[j].sem != NULL && m->cols[j].sem->in_clone)
			return true;
	return false;
}

bool
roles_guard_skips(const Model *m, const ModelCol *c)
{
	if (c->role == ROLE_KEY)
		return true;
	if (!roles_in_schema_clone(m))
		return false;
	/* in a schema clone: the clone's own keys, and fakes (never real values) */
	return (c->sem != NULL && c->sem->ref_table != NULL && c->sem->in_clone) ||
		(c->role == ROLE_PII && c->kind == MK_FORMAT);
}

/* ---- the model's jsonb --------------------------------------------------- */

void
roles_column_to_json(StringInfo b, const ModelCol *c)
{
	const ColSemantics *sem = c->sem;
	const char *kind;
	const char *role;
	bool		f = true;

	if (sem == NULL)
		return;
	role = roles_semantic(c, &kind);
	appendStringInfoString(b, ", \"semantics\": {");
	json_key(b, "role", &f);
	escape_json(b, role);
	json_key(b, "kind", &f);
	escape_json(b, kind);
	if (sem->derived)
	{
		json_key(b, "derived", &f);
		escape_json(b, sem->derived_reason);
	}
	json_key(b, "unique", &f);
	appendStringInfoString(b, sem->unique ? "true" : "false");
	if (sem->identity || sem->generated)
	{
		json_key(b, sem->identity ? "identity" : "generated", &f);
		appendStringInfo(b, "\"%c\"", sem->identity ? sem->identity : sem->generated);
	}
	if (sem->ref_table != NULL)
	{
		json_key(b, "references", &f);
		appendStringInfoString(b, "{\"schema\": ");
		escape_json(b, sem->ref_schema);
		appendStringInfoString(b, ", \"table\": ");
		escape_json(b, sem->ref_table);
		appendStringInfoString(b, ", \"column\": ");
		escape_json(b, sem->ref_column);
		if (sem->fk_n >= 2)
		{
			appendStringInfoString(b, ", \"constraint\": ");
			escape_json(b, sem->fk_name);
			appendStringInfo(b, ", \"position\": %d, \"columns\": %d", sem->fk_pos, sem->fk_n);
		}
		appendStringInfo(b, ", \"parents\": " INT64_FORMAT ", \"children\": " INT64_FORMAT
						 ", \"children_per_parent\": ", sem->parents, sem->children);
		json_rounded_array(b, sem->fanout, FANOUT_POINTS, 3);
		if (sem->in_clone)
			appendStringInfoString(b, ", \"in_clone\": true");
		if (sem->ncopies > 0)
		{
			int			k;

			appendStringInfoString(b, ", \"copies\": [");
			for (k = 0; k < sem->ncopies; k++)
			{
				appendStringInfoString(b, k > 0 ? ", {\"column\": " : "{\"column\": ");
				escape_json(b, sem->copy_cols[k]);
				appendStringInfoString(b, ", \"from\": ");
				escape_json(b, sem->copy_from[k]);
				appendStringInfoChar(b, '}');
			}
			appendStringInfoChar(b, ']');
		}
		if (sem->paired_with != NULL)
		{
			appendStringInfoString(b, ", \"paired_with\": ");
			escape_json(b, sem->paired_with);
		}
		if (sem->by_column != NULL)
		{
			int			j;

			appendStringInfoString(b, ", \"children_follow\": {\"column\": ");
			escape_json(b, sem->by_column);
			appendStringInfoString(b, ", \"rho\": ");
			json_number(b, sem->by_rho);
			if (sem->by_ncat > 0)
			{
				appendStringInfoString(b, ", \"scores\": {");
				for (j = 0; j < sem->by_ncat; j++)
				{
					if (j)
						appendStringInfoString(b, ", ");
					escape_json(b, sem->by_labels[j]);
					appendStringInfoString(b, ": ");
					json_number(b, sem->by_scores[j]);
				}
				appendStringInfoChar(b, '}');
			}
			appendStringInfoChar(b, '}');
		}
		appendStringInfoChar(b, '}');
	}
	if (sem->has_seq)
	{
		json_key(b, "sequence", &f);
		appendStringInfoString(b, "{\"start\": ");
		json_number(b, sem->seq_start);
		appendStringInfoString(b, ", \"step\": ");
		json_number(b, sem->seq_step);
		appendStringInfoChar(b, '}');
	}
	if (sem->nplace_null > 0)
	{
		json_key(b, "null_by_country", &f);
		json_rounded_array(b, sem->place_null, sem->nplace_null, 6);
	}
	appendStringInfoChar(b, '}');
}

void
roles_model_to_json(StringInfo b, const Model *m)
{
	const ModelPersonal *p = m->personal;
	int			j;

	roles_condition_to_json(b, m);
	if (p == NULL)
		return;
	appendStringInfoString(b, ", \"person\": {\"locale\": ");
	escape_json(b, p->locale ? p->locale : "en");
	appendStringInfoString(b, ", \"country_column\": ");
	if (p->country_col >= 0)
		escape_json(b, m->cols[p->country_col].name);
	else
		appendStringInfoString(b, "null");
	if (p->country_fk_col >= 0)
	{
		/* written only when found: models of other tables stay as they were */
		appendStringInfoString(b, ", \"country_parent\": {\"column\": ");
		escape_json(b, m->cols[p->country_fk_col].name);
		appendStringInfoString(b, ", \"parent_column\": ");
		escape_json(b, p->country_parent);
		if (p->country_city != NULL)
		{
			appendStringInfoString(b, ", \"city_column\": ");
			escape_json(b, p->country_city);
		}
		if (p->country_through != NULL)
		{
			appendStringInfoString(b, ", \"through\": ");
			escape_json(b, p->country_through);
			appendStringInfoString(b, ", \"table\": {\"schema\": ");
			escape_json(b, p->country_schema);
			appendStringInfoString(b, ", \"table\": ");
			escape_json(b, p->country_table);
			appendStringInfoString(b, ", \"column\": ");
			escape_json(b, p->country_key);
			appendStringInfoChar(b, '}');
		}
		appendStringInfoChar(b, '}');
	}
	appendStringInfoString(b, ", \"phone_country\": ");
	if (p->phone_country)
		escape_json(b, p->phone_country);
	else
		appendStringInfoString(b, "null");
	appendStringInfoString(b, ", \"sex_column\": ");
	if (p->sex_col >= 0)
	{
		escape_json(b, m->cols[p->sex_col].name);
		appendStringInfoString(b, ", \"female_share\": [");
		for (j = 0; j < p->nsex; j++)
		{
			if (j)
				appendStringInfoString(b, ", ");
			json_number(b, rint(p->female_share[j] * 1e6) / 1e6);
		}
		appendStringInfoChar(b, ']');
	}
	else
		appendStringInfoString(b, "null");
	appendStringInfoChar(b, '}');
}

/*
 * "copies": [{"column": ..., "from": ...}]: columns of the row that take the
 * drawn parent's value of a column (a schema clone whose parent is final
 * when the rows are drawn).  The parent's column is read with the caller's
 * privileges, by its quoted name; the row's column must be the model's.
 */
static void
copies_from_json(ColSemantics *sem, JsonbContainer *arr)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;

	if (arr == NULL)
		return;
	sem->copy_cols = palloc(sizeof(char *) * Max(JsonContainerSize(arr), 1));
	sem->copy_from = palloc(sizeof(char *) * Max(JsonContainerSize(arr), 1));
	it = JsonbIteratorInit(arr);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok != WJB_ELEM)
			continue;
		if (v.type != jbvBinary || !JsonContainerIsObject(v.val.binary.data))
			bad_model("Field \"copies\" must hold objects.");
		sem->copy_cols[sem->ncopies] = jget_str(v.val.binary.data, "column", false);
		sem->copy_from[sem->ncopies] = jget_str(v.val.binary.data, "from", false);
		sem->ncopies++;
	}
}

/* "children_follow": {"column": ..., "rho": ..., "scores": {label: score}} */
static void
by_from_json(ColSemantics *sem, JsonbContainer *by)
{
	JsonbContainer *sc;

	if (by == NULL)
		return;
	sem->by_column = jget_str(by, "column", false);
	sem->by_rho = jnum(jget(by, "rho"), "rho");
	if (!(sem->by_rho >= -1 && sem->by_rho <= 1))
		bad_model("Field \"rho\" of \"children_follow\" must be between -1 and 1.");
	sc = jget_container(by, "scores", false, true);
	if (sc != NULL)
	{
		JsonbIterator *it = JsonbIteratorInit(sc);
		JsonbValue	k,
					v;
		JsonbIteratorToken tok;
		int			n = 0;

		sem->by_labels = palloc(sizeof(char *) * Max(JsonContainerSize(sc), 1));
		sem->by_scores = palloc(sizeof(double) * Max(JsonContainerSize(sc), 1));
		while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
		{
			if (tok != WJB_KEY)
				continue;
			sem->by_labels[n] = pnstrdup(k.val.string.val, k.val.string.len);
			(void) JsonbIteratorNext(&it, &v, true);
			sem->by_scores[n] = jnum(&v, "scores");
			if (!(fabs(sem->by_scores[n]) <= 10))
				bad_model("Field \"scores\" of \"children_follow\" must hold normal scores.");
			n++;
		}
		sem->by_ncat = n;
	}
}

void
roles_column_from_json(JsonbContainer *cc, ModelCol *c)
{
	JsonbContainer *sc = jget_container(cc, "semantics", false, true);
	JsonbContainer *ref,
			   *seq;
	ColSemantics *sem;
	JsonbValue *v;

	if (sc == NULL)
		return;
	sem = palloc0(sizeof(ColSemantics));
	c->sem = sem;
	v = jget(sc, "unique");
	sem->unique = v != NULL && v->type == jbvBool && v->val.boolean;
	sem->derived = jget(sc, "derived") != NULL;
	if (sem->derived)
		sem->derived_reason = jget_str(sc, "derived", false);
	ref = jget_container(sc, "references", false, true);
	if (ref != NULL)
	{
		double		parents;

		sem->ref_schema = jget_str(ref, "schema", false);
		sem->ref_table = jget_str(ref, "table", false);
		sem->ref_column = jget_str(ref, "column", false);
		if (jget(ref, "constraint") != NULL)
		{
			double		pos = jnum(jget(ref, "position"), "position"),
						n = jnum(jget(ref, "columns"), "columns");

			sem->fk_name = jget_str(ref, "constraint", false);
			if (!(n >= 2 && n <= INDEX_MAX_KEYS && pos >= 0 && pos < n &&
				  pos == floor(pos) && n == floor(n)))
				bad_model("Fields \"position\" and \"columns\" of a composite foreign key are out of range.");
			sem->fk_pos = (int) pos;
			sem->fk_n = (int) n;
		}
		parents = jnum(jget(ref, "parents"), "parents");
		if (!(parents >= 0 && parents <= 4.6e18))
			bad_model("Field \"parents\" must be a non-negative integer.");
		sem->parents = (int64) parents;
		if (jget(ref, "children") != NULL)
		{
			double		children = jnum(jget(ref, "children"), "children");

			if (!(children >= 0 && children <= 4.6e18))
				bad_model("Field \"children\" must be a non-negative integer.");
			sem->children = (int64) children;
		}
		read_number_array(jget_container(ref, "children_per_parent", true, false),
						  sem->fanout, FANOUT_POINTS, "children_per_parent");
		if (!(sem->fanout[0] >= 0 && sem->fanout[FANOUT_POINTS - 1] <= 1e12))
			bad_model("Field \"children_per_parent\" must hold counts.");
		v = jget(ref, "in_clone");
		sem->in_clone = v != NULL && v->type == jbvBool && v->val.boolean;
		if (jget(ref, "paired_with") != NULL)
			sem->paired_with = jget_str(ref, "paired_with", false);
		copies_from_json(sem, jget_container(ref, "copies", true, true));
		by_from_json(sem, jget_container(ref, "children_follow", false, true));
	}
	seq = jget_container(sc, "sequence", false, true);
	if (seq != NULL)
	{
		sem->has_seq = true;
		sem->seq_start = jnum(jget(seq, "start"), "start");
		sem->seq_step = jnum(jget(seq, "step"), "step");
		if (!(fabs(sem->seq_start) < 1e17 && sem->seq_step >= 1 && sem->seq_step < 1e15))
			bad_model("Field \"sequence\" is out of range.");
	}
	seq = jget_container(sc, "null_by_country", true, true);
	if (seq != NULL)
	{
		int			j;

		sem->nplace_null = (int) JsonContainerSize(seq);
		sem->place_null = palloc(sizeof(double) * Max(sem->nplace_null, 1));
		for (j = 0; j < sem->nplace_null; j++)
			sem->place_null[j] = jprob(getIthJsonbValueFromContainer(seq, j), "null_by_country");
	}
}

/* the column of the model named by field key of object o, or -1 */
static int
named_column(const Model *m, JsonbContainer *o, const char *key)
{
	JsonbValue *v = jget(o, key);
	char	   *name;
	int			i;

	if (v == NULL || v->type == jbvNull)
		return -1;
	name = jget_str(o, key, false);
	for (i = 0; i < m->ncols; i++)
		if (strcmp(m->cols[i].name, name) == 0)
			return i;
	bad_model(psprintf("Field \"%s\" names no column of the model.", key));
	return -1;
}

/* a name (of a column, table or schema) in field key of o */
static char *
model_name(JsonbContainer *o, const char *key)
{
	char	   *s = jget_str(o, key, false);

	if (s[0] == '\0' || strlen(s) >= NAMEDATALEN)
		bad_model(psprintf("Field \"%s\" must be a name of at most %d bytes.", key,
						   NAMEDATALEN - 1));
	return s;
}

void
roles_model_from_json(JsonbContainer *root, Model *m)
{
	JsonbContainer *pc = jget_container(root, "person", false, true);
	ModelPersonal *p;
	char	   *s;
	int			j;

	roles_condition_from_json(root, m);
	if (pc == NULL)
		return;
	p = palloc0(sizeof(ModelPersonal));
	m->personal = p;
	s = jget_str(pc, "locale", false);
	if (sd_fake_locale_lookup(s) < 0)
		bad_model("Field \"locale\" is not a locale of the fake generators.");
	p->locale = s;
	p->country_col = named_column(m, pc, "country_column");
	if (p->country_col >= 0 && m->cols[p->country_col].kind != MK_CATEGORICAL)
		bad_model("Field \"country_column\" must name a categorical column.");
	p->country_fk_col = -1;
	if (jget(pc, "country_parent") != NULL)
	{
		JsonbContainer *cp = jget_container(pc, "country_parent", false, false);
		const ModelCol *fc;

		if (p->country_col >= 0)
			bad_model("Fields \"country_column\" and \"country_parent\" exclude each other.");
		p->country_fk_col = named_column(m, cp, "column");
		if (p->country_fk_col < 0)
			bad_model("Field \"country_parent\" needs a \"column\".");
		fc = &m->cols[p->country_fk_col];
		if (fc->sem == NULL || fc->sem->ref_table == NULL || fc->sem->fk_n >= 2)
			bad_model("Field \"country_parent\" must name a foreign-key column of one column.");
		p->country_parent = model_name(cp, "parent_column");
		if (jget(cp, "city_column") != NULL)
			p->country_city = model_name(cp, "city_column");
		if (jget(cp, "through") != NULL)
		{
			JsonbContainer *tc = jget_container(cp, "table", false, false);

			p->country_through = model_name(cp, "through");
			p->country_schema = model_name(tc, "schema");
			p->country_table = model_name(tc, "table");
			p->country_key = model_name(tc, "column");
		}
	}
	for (j = 0; j < m->ncols; j++)
		if (m->cols[j].sem != NULL && m->cols[j].sem->nplace_null > 0 &&
			(p->country_col < 0 || m->cols[j].sem->nplace_null != m->cols[p->country_col].ncat))
			bad_model("Field \"null_by_country\" needs one share per category of the country column.");
	if (jget(pc, "phone_country") != NULL && jget(pc, "phone_country")->type != jbvNull)
	{
		s = jget_str(pc, "phone_country", false);
		if (roles_phone_format(s) == NULL)
			bad_model("Field \"phone_country\" is not a country with a phone format.");
		p->phone_country = s;
	}
	p->sex_col = named_column(m, pc, "sex_column");
	if (p->sex_col >= 0)
	{
		JsonbContainer *arr = jget_container(pc, "female_share", true, false);
		const ModelCol *sc = &m->cols[p->sex_col];

		if (sc->kind != MK_CATEGORICAL || (int) JsonContainerSize(arr) != sc->ncat)
			bad_model("Field \"female_share\" needs one share per category of the sex column.");
		p->nsex = sc->ncat;
		p->female_share = palloc(sizeof(double) * p->nsex);
		for (j = 0; j < p->nsex; j++)
			p->female_share[j] = jprob(getIthJsonbValueFromContainer(arr, j), "female_share");
	}
}

/* ---- synth_columns --------------------------------------------------------- */

/*
 * synth_columns(source regclass, options jsonb) returns setof record
 *		The semantics a fit decides for each column of source, with the
 *		same options: role, kind, why, uniqueness, NULL share, the parent
 *		a foreign key points at, and the model's kind of marginal.
 */
PG_FUNCTION_INFO_V1(synth_columns);
Datum
synth_columns(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Jsonb	   *options = arg_options(fcinfo, 1);
	Oid			nsp = sd_extension_namespace();
	Model	   *m;
	int			i;

	sd_arg_not_null(fcinfo, 0, "source");
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC | MAT_SRF_BLESS);
	m = fit_model(sd_check_relation(PG_GETARG_OID(0), "fit"), options, nsp, false);
	for (i = 0; i < m->ncols; i++)
	{
		const ModelCol *c = &m->cols[i];
		const ColSemantics *sem = c->sem;
		Datum		values[9] = {0};
		bool		nulls[9] = {0};
		const char *kind;
		const char *role = roles_semantic(c, &kind);
		int			k = 0;

		CHECK_FOR_INTERRUPTS();
		values[k++] = CStringGetTextDatum(c->name);
		values[k++] = CStringGetTextDatum(c->type);
		values[k++] = CStringGetTextDatum(role);
		values[k++] = CStringGetTextDatum(kind);
		if (sem != NULL && sem->derived)
			values[k++] = CStringGetTextDatum(sem->derived_reason);
		else if (c->reason != NULL)
			values[k++] = CStringGetTextDatum(c->reason);
		else
		{
			values[k++] = CStringGetTextDatum(strcmp(role, "numeric") == 0 ||
											  strcmp(role, "temporal") == 0 ?
											  "values: many distinct numbers" :
											  "values");
		}
		values[k++] = BoolGetDatum(sem != NULL && sem->unique);
		values[k++] = Float8GetDatum(c->null_fraction);
		if (sem != NULL && sem->ref_table != NULL)
			values[k++] = CStringGetTextDatum(psprintf("%s(%s)",
													   quote_qualified_identifier(sem->ref_schema, sem->ref_table),
													   quote_identifier(sem->ref_column)));
		else
			nulls[k++] = true;
		values[k++] = CStringGetTextDatum(kind_name[c->kind]);
		Assert(k == 9);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
