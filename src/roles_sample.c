/*-------------------------------------------------------------------------
 *
 * roles_sample.c
 *		Sampling by role: foreign-key columns draw the keys their parent
 *		holds, with the fitted number of children per parent; personal
 *		columns are fakes of the row's person and place that agree with
 *		the row's sex and country, unique where the source column is.
 *
 * A foreign-key column reads its parent's keys when the sampler is made:
 * the parent is another table (a self-reference is modelled as an
 * attribute), and its keys are what the clone must point at to be valid;
 * no value of the table being cloned is read.  The keys are held in memory
 * (one Datum per parent row).  Each parent gets a weight drawn from the
 * fitted children-per-parent distribution, keyed by (seed, column, the
 * parent's rank in key order), and each row picks a parent with
 * probability proportional to its weight, from the column's own stream at
 * the row: row i stays a pure function of (seed, model, parents, i).
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/roles_sample.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

#include "catalog/pg_collation.h"
#include "catalog/pg_namespace.h"
#include "utils/datum.h"
#include "utils/float.h"
#include "utils/sortsupport.h"
#include "utils/typcache.h"

#include "distributions.h"
#include "fake_dict.h"

typedef struct FkParents
{
	int64		n;
	Datum	   *keys;			/* in the parent's key order */
	double	   *cum;			/* cumulative children counts */
	uint64		total;			/* children of one round: the last cum */
	uint64		key;			/* keys the rounds' permutations */
	int64		round;			/* the round perm is for, or -1 */
	FeistelPerm perm;			/* child slots of a round, shuffled */
	int64		next_row;		/* a row whose slot fk_slot computed ahead, or -1 */
	uint64		next_slot;		/* ... and its slot */
	int64	   *shuffled;		/* parent indexes in the keyed random order */
	struct FkParents *pair;		/* the other column of a two-column unique key */
	int64	   *weave;			/* with pair: slot -> parent, parents interleaved */
	uint64		group_key;		/* a composite key: its redraws' key, else 0 */
	int64		pre_row;		/* the row whose parent was drawn ahead, or -1 */
	int64		pre_parent;		/* ... and that parent */
	int64		drawn;			/* the parent of the row drawn last */
	int64		drawn_row;		/* ... its row, or -1 */
	int			drawn_attempt;	/* ... and the row's attempt */
	int			pre_attempt;	/* the attempt pre_parent was drawn for */
	bool		temp;			/* the parent is a temporary table */
	/* the row's country is the parent's (ModelPersonal.country_parent) */
	const SdCountry **country;	/* per parent: its country, NULL if unknown */
	bool	   *country_known;	/* per parent: false if its country is NULL */
	int		   *city;			/* per parent: its city among its country's
								 * places (sd_fake_city_index,
								 * roles_country_city_index), or -1 */
	/* columns of the row that copy a column of the parent (a schema clone) */
	int			ncopies;
	int		   *copy_att;		/* the row's column */
	Datum	  **copy_values;	/* per copy, the parents' values in key order */
	bool	  **copy_nulls;
} FkParents;

/* ---- countries ------------------------------------------------------------ */

/*
 * Numbers set aside for fiction, as printf formats of two random numbers
 * (NULL: the fake generators' own, US or German): Ofcom's drama numbers
 * 020 7946 0000-0999 (United Kingdom), ARCEP's 01 99 00 xx xx (France).
 */
const char *
roles_phone_format(const char *iso)
{
	if (strcmp(iso, "US") == 0 || strcmp(iso, "DE") == 0)
		return "";
	if (strcmp(iso, "GB") == 0)
		return "+44 20 7946 0%03d";
	if (strcmp(iso, "FR") == 0)
		return "+33 1 99 00 %02d %02d";
	return NULL;
}

/*
 * The country of the row being drawn from its parent's (the parent of the
 * foreign key s->country_fk), whether that column is drawn before the
 * place's or after: then its parent is drawn ahead, which it takes.
 */
static const SdCountry *
parent_country(Sampler *s, int64 row, bool *known, int *city)
{
	TargetCol  *tc = &s->tc[s->country_fk];
	FkParents  *fk = tc->fk;
	int64		parent;

	if (fk->drawn_row == row && fk->drawn_attempt == s->attempt)
		parent = fk->drawn;
	else if (fk->pre_row == row && fk->pre_attempt == s->attempt)
		parent = fk->pre_parent;
	else
		parent = roles_predraw_parent(s, tc, row);
	*known = fk->country_known[parent];
	*city = fk->city != NULL ? fk->city[parent] : -1;
	return fk->country[parent];
}

/*
 * The country of the row being drawn, from the model's country column;
 * *known: whether the row has a country (a value the table may not know).
 */
static const SdCountry *
row_country(Sampler *s, int64 row, bool *known, int *city)
{
	const ModelPersonal *p = s->m->personal;
	int			j;

	*known = false;
	*city = -1;
	if (p != NULL && p->country_col < 0 && s->country_fk >= 0)
		return parent_country(s, row, known, city);
	if (p == NULL || p->country_col < 0)
		return NULL;
	j = sampler_row_category(s, p->country_col);
	if (j < 0)
		return NULL;
	*known = true;
	return roles_country_lookup(s->m->cols[p->country_col].cats[j].label,
								s->m->cols[p->country_col].cats[j].len);
}

static int
row_locale(Sampler *s, const SdCountry *ci)
{
	const ModelPersonal *p = s->m->personal;
	int			loc;

	if (ci != NULL && ci->locale >= 0)
		return ci->locale;
	loc = p != NULL && p->locale != NULL ? sd_fake_locale_lookup(p->locale) : -1;
	return loc >= 0 ? loc : SD_FAKE_LOCALE_EN;
}

/* ---- foreign keys ----------------------------------------------------------- */

/* a uniform in [0, 1) keyed by (key, i) */
static double
keyed_uniform(uint64 key, uint64 i)
{
	return (double) (sd_mix64(key ^ sd_mix64(i + UINT64CONST(0x9E3779B97F4A7C15))) >> 11) *
		(1.0 / 9007199254740992.0);
}

typedef struct ParentRank
{
	double		key;
	int64		parent;
} ParentRank;

static int
cmp_parent_rank(const void *a, const void *b)
{
	const ParentRank *x = a,
			   *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->parent < y->parent ? -1 : x->parent > y->parent;
}

/* whether model column j is a column of the composite foreign key of sem */
static bool
same_composite(const Model *m, int j, const ColSemantics *sem)
{
	const ColSemantics *b = m->cols[j].sem;

	return b != NULL && b->fk_name != NULL && b->ref_table != NULL &&
		strcmp(b->fk_name, sem->fk_name) == 0 &&
		strcmp(b->ref_table, sem->ref_table) == 0 &&
		strcmp(b->ref_schema, sem->ref_schema) == 0;
}

/*
 * The parent columns of the composite key of sem, quoted, in key order;
 * field: the place of sem's own column among them (1-based); lead: the
 * semantics of the key's first column, whose counts weigh the parents.
 */
static char *
parent_columns(const Model *m, const ColSemantics *sem, int *field,
			   const ColSemantics **lead)
{
	StringInfoData b;
	int			k,
				j,
				n = 0;

	initStringInfo(&b);
	for (k = 0; k < sem->fk_n; k++)
		for (j = 0; j < m->ncols; j++)
			if (same_composite(m, j, sem) && m->cols[j].sem->fk_pos == k)
			{
				appendStringInfo(&b, "%s_p.%s", n > 0 ? ", " : "",
								 quote_identifier(m->cols[j].sem->ref_column));
				n++;
				if (m->cols[j].sem == sem)
					*field = n;
				if (k == 0)
					*lead = m->cols[j].sem;
			}
	return b.data;
}

/* the same columns, each as text */
static char *
parent_text_columns(const Model *m, const ColSemantics *sem)
{
	StringInfoData b;
	int			k,
				j,
				n = 0;

	initStringInfo(&b);
	for (k = 0; k < sem->fk_n; k++)
		for (j = 0; j < m->ncols; j++)
			if (same_composite(m, j, sem) && m->cols[j].sem->fk_pos == k)
				appendStringInfo(&b, "%s_p.%s::pg_catalog.text", n++ > 0 ? ", " : "",
								 quote_identifier(m->cols[j].sem->ref_column));
	return b.data;
}

/*
 * The count at rank u of the parents.  The grid holds at point j the
 * count of the parent of rank floor(j / 64 * (N - 1)) (roles.c), so it is
 * read as the step function it is: the first point at or above u.  With
 * the fit's N parents and N at most 65, that gives every parent exactly
 * its source count's order statistic; with more, the nearest one held.
 */
static double
fanout_at(const double *grid, double u)
{
	int			j = (int) ceil(u * (FANOUT_POINTS - 1) - 1e-9);

	return grid[Min(Max(j, 0), FANOUT_POINTS - 1)];
}

/*
 * The counts, read off a 65-point grid, add up to about the source's
 * children; made to add up to exactly as many per parent as the source
 * has: children (non-NULL values of the column) times the parents now over
 * those at fit time.  A clone of the source's size then fills one round of
 * slots.
 *
 * Counts short of that, mostly because the grid's tail was clipped (at the
 * k-th largest count: the largest parents' own counts are not the model's),
 * get the missing children on the parents of the largest count, shared
 * evenly among them (cumulative rounding), so the body of the distribution
 * keeps its exact shape (pagila's 600 cities over 109 countries: the 42
 * countries of one city stay 42, where scaling every count by 600/426 left
 * 27).  Counts beyond it are scaled down by cumulative rounding (a count of
 * 0 stays 0).
 */
static void
scale_counts(FkParents *fk, double children, double fit_parents)
{
	double		sum = 0,
				acc = 0,
				prev = 0,
				top = 0,
				ntop = 0,
				target,
				f;
	int64		i;

	for (i = 0; i < fk->n; i++)
	{
		sum += fk->cum[i];
		top = Max(top, fk->cum[i]);
	}
	if (!(children > 0 && fit_parents > 0 && sum > 0))
		return;
	target = rint(children * (double) fk->n / fit_parents);
	for (i = 0; i < fk->n; i++)
		ntop += fk->cum[i] == top ? 1 : 0;
	if (target > sum && ntop > 0)
	{
		double		add = (target - sum) / ntop;

		for (i = 0; i < fk->n; i++)
			if (fk->cum[i] == top)
			{
				double		r;

				acc += add;
				r = rint(acc);
				fk->cum[i] += r - prev;
				prev = r;
			}
		return;
	}
	f = target / sum;
	for (i = 0; i < fk->n; i++)
	{
		double		r;

		acc += fk->cum[i] * f;
		r = rint(acc);
		fk->cum[i] = r - prev;
		prev = r;
	}
}

/* the normal score of a parent's category of the column its count follows */
static double
by_score(const ColSemantics *sem, const char *value)
{
	int			j;

	if (value == NULL)
		return 0;
	for (j = 0; j < sem->by_ncat; j++)
		if (strcmp(sem->by_labels[j], value) == 0)
			return sem->by_scores[j];
	return 0;
}

/* p (NULL or an array of this context) enlarged to cap elements of size elem */
static void *
grow_array(void *p, Size elem, int64 cap)
{
	Size		bytes = elem * (Size) Max(cap, 1);

	if (p == NULL)
		return palloc_extended(bytes, MCXT_ALLOC_HUGE);
	return repalloc_huge(p, bytes);
}

/* a parent's value of the column its count follows, for sorting */
typedef struct ByValue
{
	Datum		value;
	int64		parent;
} ByValue;

static int
cmp_by_value(const void *a, const void *b, void *arg)
{
	const ByValue *x = a,
			   *y = b;

	return ApplySortComparator(x->value, false, y->value, false, (SortSupport) arg);
}

/*
 * The place of each parent's value of a numeric or temporal column among
 * them all, (rank - 0.5) / n as SQL's rank() counts it (n the parents,
 * ties sharing the lowest rank), NaN for a NULL: values[i] (of type typid
 * and collation coll, detoasted) is parent i's, sorted here with the type's
 * own ordering.
 */
static double *
by_fractions(const Datum *values, const bool *nulls, int64 n, Oid typid, Oid coll)
{
	TypeCacheEntry *tce = lookup_type_cache(typid, TYPECACHE_LT_OPR);
	SortSupportData ssup;
	ByValue    *v = palloc_extended(sizeof(ByValue) * Max(n, 1), MCXT_ALLOC_HUGE);
	double	   *frac = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	int64		nv = 0,
				i;

	if (!OidIsValid(tce->lt_opr))
		elog(ERROR, "type %s has no ordering", format_type_be(typid));
	memset(&ssup, 0, sizeof(ssup));
	ssup.ssup_cxt = CurrentMemoryContext;
	ssup.ssup_collation = coll;
	if (!OidIsValid(ssup.ssup_collation) && type_is_collatable(typid))
		ssup.ssup_collation = DEFAULT_COLLATION_OID;
	PrepareSortSupportFromOrderingOp(tce->lt_opr, &ssup);
	for (i = 0; i < n; i++)
	{
		frac[i] = get_float8_nan();
		if (nulls[i])
			continue;
		v[nv].value = values[i];
		v[nv].parent = i;
		nv++;
	}
	qsort_arg(v, nv, sizeof(ByValue), cmp_by_value, &ssup);
	for (i = 0; i < nv;)
	{
		int64		j = i,
					k;
		double		f;

		CHECK_FOR_INTERRUPTS();
		while (j + 1 < nv &&
			   ApplySortComparator(v[j + 1].value, false, v[i].value, false, &ssup) == 0)
			j++;
		/* a tie shares rank() = 1 + the values before it */
		f = ((double) (i + 1) - 0.5) / (double) n;
		for (k = i; k <= j; k++)
			frac[v[k].parent] = f;
		i = j + 1;
	}
	pfree(v);
	return frac;
}

/*
 * The row's columns that copy a column of the parent (sem->copies, set by a
 * schema clone for a parent whose values are final when the rows are
 * drawn): their target columns, and the parent's columns appended to the
 * parents' query q as text.
 */
static void
copy_columns(Sampler *s, FkParents *fk, const ColSemantics *sem, StringInfo q)
{
	int			k,
				i;

	fk->copy_att = palloc(sizeof(int) * Max(sem->ncopies, 1));
	for (k = 0; k < sem->ncopies; k++)
	{
		int			att = -1;

		for (i = 0; i < s->natts; i++)
			if (s->tc[i].mcol >= 0 && s->tc[i].fk == NULL &&
				strcmp(s->m->cols[s->tc[i].mcol].name, sem->copy_cols[k]) == 0)
				att = i;
		if (att < 0)
			continue;			/* the target lacks the column: it is drawn */
		fk->copy_att[fk->ncopies++] = att;
		appendStringInfo(q, ", _p.%s::pg_catalog.text", quote_identifier(sem->copy_from[k]));
	}
}

/* the arrays of the parents' values of the copied columns, for cap parents */
static void
copy_arrays_grow(FkParents *fk, int64 cap)
{
	int			k;

	if (fk->copy_values == NULL)
	{
		fk->copy_values = palloc0(sizeof(Datum *) * Max(fk->ncopies, 1));
		fk->copy_nulls = palloc0(sizeof(bool *) * Max(fk->ncopies, 1));
	}
	for (k = 0; k < fk->ncopies; k++)
	{
		fk->copy_values[k] = grow_array(fk->copy_values[k], sizeof(Datum), cap);
		fk->copy_nulls[k] = grow_array(fk->copy_nulls[k], sizeof(bool), cap);
	}
}

/*
 * The parents' values of the copied columns for the rows of a batch read
 * (fields first.., as text), parents base.. of the arrays.
 */
static void
copy_values(Sampler *s, FkParents *fk, SPITupleTable *tt, uint64 nrows, int first,
			int64 base)
{
	int			k;
	uint64		r;

	for (k = 0; k < fk->ncopies; k++)
	{
		TargetCol  *ctc = &s->tc[fk->copy_att[k]];

		for (r = 0; r < nrows; r++)
		{
			char	   *v = SPI_getvalue(tt->vals[r], tt->tupdesc, first + k);

			fk->copy_nulls[k][base + r] = v == NULL;
			fk->copy_values[k][base + r] = v == NULL ? (Datum) 0 :
				InputFunctionCall(&ctc->inflinfo, v, ctc->typioparam, ctc->typmod);
			if (v != NULL)
				pfree(v);
		}
	}
}

/*
 * After a row is drawn: its columns that copy a column of the row's parent
 * take the parent's value (a row without a parent keeps its own draw).
 */
void
roles_copy_parent_columns(Sampler *s, Datum *values, bool *nulls)
{
	int			i,
				k;

	for (i = 0; i < s->natts; i++)
	{
		FkParents  *fk = s->tc[i].fk;

		if (fk == NULL || fk->ncopies == 0 || nulls[i])
			continue;
		for (k = 0; k < fk->ncopies; k++)
		{
			values[fk->copy_att[k]] = fk->copy_values[k][fk->drawn];
			nulls[fk->copy_att[k]] = fk->copy_nulls[k][fk->drawn];
		}
	}
}

/* whether the caller may look up objects in schema nsp */
static bool
schema_usable(Oid nsp)
{
#if PG_VERSION_NUM >= 160000
	return object_aclcheck(NamespaceRelationId, nsp, GetUserId(), ACL_USAGE) == ACLCHECK_OK;
#else
	return pg_namespace_aclcheck(nsp, GetUserId(), ACL_USAGE) == ACLCHECK_OK;
#endif
}

/* whether the caller may read column name of rel (the table, or the column) */
static bool
column_readable(Oid rel, const char *name)
{
	AttrNumber	att = get_attnum(rel, name);

	return att != InvalidAttrNumber &&
		(pg_class_aclcheck(rel, GetUserId(), ACL_SELECT) == ACLCHECK_OK ||
		 pg_attribute_aclcheck(rel, att, GetUserId(), ACL_SELECT) == ACLCHECK_OK);
}

/* the parent's city (ModelPersonal.country_city), as text, or NULL, into q */
static void
country_city_column(const ModelPersonal *mp, Oid prel, StringInfo q)
{
	if (mp->country_city != NULL && column_readable(prel, mp->country_city))
		appendStringInfo(q, ", _p.%s::pg_catalog.text", quote_identifier(mp->country_city));
	else
		appendStringInfoString(q, ", NULL::pg_catalog.text");
}

/*
 * For the foreign key whose parent gives the row's country: appends that
 * country (as text) to the parents' query q and returns what its FROM
 * needs after the parent (a join to the country's table two steps away,
 * or ""); NULL, appending nothing, for another column, or when a table or
 * column is missing or the caller may not read it (the parent then gives
 * no country).  The parent's city follows the country (NULL if none).
 */
static const char *
country_query(const ModelPersonal *mp, const TargetCol *tc, Oid prel, StringInfo q)
{
	Oid			nsp,
				grel;

	if (mp == NULL || mp->country_fk_col != tc->mcol || mp->country_col >= 0)
		return NULL;
	/* a column the caller cannot read: no country, as without one */
	if (mp->country_through == NULL)
	{
		if (!column_readable(prel, mp->country_parent))
			return NULL;
		appendStringInfo(q, ", _p.%s::pg_catalog.text", quote_identifier(mp->country_parent));
		country_city_column(mp, prel, q);
		return "";
	}
	nsp = get_namespace_oid(mp->country_schema, true);
	grel = OidIsValid(nsp) ? get_relname_relid(mp->country_table, nsp) : InvalidOid;
	if (!OidIsValid(grel) || !schema_usable(nsp) ||
		!column_readable(prel, mp->country_through) ||
		!column_readable(grel, mp->country_key) || !column_readable(grel, mp->country_parent))
		return NULL;
	appendStringInfo(q, ", _g.%s::pg_catalog.text", quote_identifier(mp->country_parent));
	country_city_column(mp, prel, q);
	/* the country's key is that of a foreign key: one row at most */
	return psprintf(" LEFT JOIN %s AS _g ON _g.%s OPERATOR(pg_catalog.=) _p.%s",
					quote_qualified_identifier(mp->country_schema, mp->country_table),
					quote_identifier(mp->country_key), quote_identifier(mp->country_through));
}

static FkParents *
load_parents(Sampler *s, TargetCol *tc, const ModelCol *c)
{
	const ColSemantics *sem = c->sem;
	Oid			nsp = get_namespace_oid(sem->ref_schema, true);
	Oid			prel = OidIsValid(nsp) ? get_relname_relid(sem->ref_table, nsp) : InvalidOid;
	MemoryContext cxt = CurrentMemoryContext;
	FkParents  *fk = palloc0(sizeof(FkParents));
	StringInfoData q;
	const char *keyname = sem->fk_n >= 2 ? sem->fk_name : c->name;
	uint64		key = sd_mix64(s->seed ^ sd_hash_bytes(keyname, strlen(keyname), 7));
	double		total = 0;
	int64		i;
	int			field = 1;
	ParentRank *order;
	const ColSemantics *lead = sem;
	bool		by;
	double	   *frac = NULL;
	double	   *score = NULL;	/* per parent: its category's score */
	Datum	   *byv = NULL;		/* per parent: its value of the followed column */
	bool	   *byn = NULL;
	Oid			by_typid = InvalidOid;
	Oid			by_coll = InvalidOid;
	int16		by_len = 0;
	bool		by_byval = false;
	int64		cap = 0;
	Portal		portal;
	const ModelPersonal *mp = s->m->personal;
	int			country_field = 0;	/* the parent's country, as text, or 0 */
	const char *join;

	if (!OidIsValid(prel))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("parent table \"%s.%s\" of foreign-key column \"%s\" does not exist",
						sem->ref_schema, sem->ref_table, c->name),
				 errdetail("The column draws the keys its parent holds."),
				 errhint("Fit with option {\"columns\": {\"%s\": {\"role\": \"attribute\"}}} to model its values instead.",
						 c->name)));
	/* a parallel worker may not read it (clone_fill.c asks) */
	fk->temp = get_rel_persistence(prel) == RELPERSISTENCE_TEMP;
	initStringInfo(&q);
	/* a composite key's columns: no parent column to follow (the first's counts serve) */
	by = sem->fk_n < 2 && sem->by_column != NULL &&
		get_attnum(prel, sem->by_column) != InvalidAttrNumber;
	if (sem->fk_n >= 2)
	{
		char	   *cols = parent_columns(s->m, sem, &field, &lead);

		/* the parent's rows in key order, each a tuple of the key's columns */
		appendStringInfo(&q, "SELECT %s FROM %s AS _p WHERE (%s) IS NOT NULL ORDER BY %s",
						 parent_text_columns(s->m, sem),
						 quote_qualified_identifier(sem->ref_schema, sem->ref_table),
						 cols, cols);
		fk->group_key = key;
	}
	else
	{
		by = sem->by_column != NULL && get_attnum(prel, sem->by_column) != InvalidAttrNumber;
		/*
		 * Every name qualified: a bare ORDER BY name would be the output
		 * column (the key as text), sorting the keys as strings, slowly.
		 */
		appendStringInfo(&q, "SELECT _p.%s::pg_catalog.text", quote_identifier(sem->ref_column));
		if (by && sem->by_ncat > 0)
			appendStringInfo(&q, ", _p.%s::pg_catalog.text", quote_identifier(sem->by_column));
		else if (by)
			appendStringInfo(&q, ", _p.%s", quote_identifier(sem->by_column));
		copy_columns(s, fk, sem, &q);
		join = country_query(mp, tc, prel, &q);
		if (join != NULL)
			country_field = (by ? 3 : 2) + fk->ncopies;
		appendStringInfo(&q, " FROM %s AS _p%s WHERE _p.%s IS NOT NULL ORDER BY _p.%s",
						 quote_qualified_identifier(sem->ref_schema, sem->ref_table),
						 join != NULL ? join : "",
						 quote_identifier(sem->ref_column), quote_identifier(sem->ref_column));
	}
	/*
	 * The parents are read in batches through a cursor: what is kept of
	 * them (keys, the followed column, copied values) grows in arrays, and
	 * no batch outlives its turn, so memory is that of the arrays.
	 */
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	portal = SPI_cursor_open_with_args(NULL, q.data, 0, NULL, NULL, NULL, true, 0);
	MemoryContextSwitchTo(cxt);
	fk->n = 0;
	for (;;)
	{
		SPITupleTable *tt;
		uint64		nrows,
					r;

		CHECK_FOR_INTERRUPTS();
		SPI_cursor_fetch(portal, true, ROLES_PARENT_BATCH);
		MemoryContextSwitchTo(cxt);
		tt = SPI_tuptable;
		nrows = SPI_processed;
		if (nrows == 0)
			break;
		if (fk->n + (int64) nrows > cap)
		{
			cap = Max(2 * cap, fk->n + (int64) nrows);
			fk->keys = grow_array(fk->keys, sizeof(Datum), cap);
			copy_arrays_grow(fk, cap);
			if (country_field > 0)
			{
				fk->country = grow_array(fk->country, sizeof(SdCountry *), cap);
				fk->country_known = grow_array(fk->country_known, sizeof(bool), cap);
				fk->city = grow_array(fk->city, sizeof(int), cap);
			}
			if (by && sem->by_ncat > 0)
				score = grow_array(score, sizeof(double), cap);
			else if (by)
			{
				byv = grow_array(byv, sizeof(Datum), cap);
				byn = grow_array(byn, sizeof(bool), cap);
			}
		}
		if (by && sem->by_ncat == 0 && !OidIsValid(by_typid))
		{
			by_typid = SPI_gettypeid(tt->tupdesc, 2);
			by_coll = TupleDescAttr(tt->tupdesc, 1)->attcollation;
			get_typlenbyval(by_typid, &by_len, &by_byval);
		}
		copy_values(s, fk, tt, nrows, by ? 3 : 2, fk->n);
		for (r = 0; r < nrows; r++)
		{
			int64		i = fk->n + (int64) r;
			char	   *v = SPI_getvalue(tt->vals[r], tt->tupdesc, field);

			fk->keys[i] = InputFunctionCall(&tc->inflinfo, v, tc->typioparam, tc->typmod);
			pfree(v);
			if (country_field > 0)
			{
				/* a country the table does not know: a made-up town's */
				char	   *cv = SPI_getvalue(tt->vals[r], tt->tupdesc, country_field);
				char	   *city = SPI_getvalue(tt->vals[r], tt->tupdesc, country_field + 1);
				const SdCountry *ci;

				fk->country_known[i] = cv != NULL;
				ci = fk->country[i] = cv != NULL ? roles_country_lookup(cv, (int) strlen(cv)) : NULL;
				/* the parent's city, if its country's places name it */
				fk->city[i] = city == NULL || ci == NULL ? -1 : ci->locale >= 0 ?
					sd_fake_city_index(ci->locale, city) : roles_country_city_index(ci, city);
				if (cv != NULL)
					pfree(cv);
				if (city != NULL)
					pfree(city);
			}
			if (by && sem->by_ncat > 0)
			{
				char	   *bv = SPI_getvalue(tt->vals[r], tt->tupdesc, 2);

				score[i] = by_score(sem, bv);
				if (bv != NULL)
					pfree(bv);
			}
			else if (by)
			{
				Datum		d = SPI_getbinval(tt->vals[r], tt->tupdesc, 2, &byn[i]);

				/* detoasted once here, not in every comparison */
				byv[i] = byn[i] ? (Datum) 0 : by_len == -1 ?
					PointerGetDatum(PG_DETOAST_DATUM_COPY(d)) : datumCopy(d, by_byval, by_len);
			}
		}
		fk->n += (int64) nrows;
		SPI_freetuptable(tt);
	}
	SPI_cursor_close(portal);
	if (fk->n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("parent table \"%s\" of foreign-key column \"%s\" has no rows",
						sem->ref_table, c->name),
				 errhint("Fill the parent first, or give the column role \"attribute\".")));
	fk->cum = palloc_extended(sizeof(double) * fk->n, MCXT_ALLOC_HUGE);
	order = palloc_extended(sizeof(ParentRank) * fk->n, MCXT_ALLOC_HUGE);
	if (by && sem->by_ncat == 0)
	{
		frac = by_fractions(byv, byn, fk->n, by_typid, by_coll);
		if (by_len == -1)
			for (i = 0; i < fk->n; i++)
				if (!byn[i])
					pfree(DatumGetPointer(byv[i]));
		pfree(byv);
		pfree(byn);
	}
	for (i = 0; i < fk->n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		order[i].key = keyed_uniform(key, (uint64) i);
		if (by)
		{
			/* a Gaussian copula of the parent's column and its count */
			double		z;

			if (frac != NULL)
				z = isnan(frac[i]) ? 0 : sd_qnorm(Min(Max(frac[i], 1e-9), 1 - 1e-9));
			else
				z = score[i];
			order[i].key = sem->by_rho * z +
				sqrt(1 - sem->by_rho * sem->by_rho) *
				sd_qnorm(Min(Max(order[i].key, 1e-12), 1 - 1e-12));
		}
		order[i].parent = i;
	}
	if (frac != NULL)
		pfree(frac);
	if (score != NULL)
		pfree(score);

	/*
	 * Stratified counts: the parents in a keyed random order take the fitted
	 * quantiles at r / (n - 1), the ranks the grid was made at (the largest
	 * parent takes the largest count), rounded to whole children, so the
	 * counts have the fitted distribution of children per parent however few
	 * parents there are.
	 */
	qsort(order, fk->n, sizeof(ParentRank), cmp_parent_rank);
	for (i = 0; i < fk->n; i++)
		fk->cum[order[i].parent] =
			Max(0.0, rint(fanout_at(lead->fanout, fk->n > 1 ? (double) i / (double) (fk->n - 1) : 0.5)));
	scale_counts(fk, (double) lead->children, (double) lead->parents);
	for (i = 0; i < fk->n; i++)
	{
		total += fk->cum[i];
		fk->cum[i] = total;
	}
	fk->shuffled = palloc_extended(sizeof(int64) * fk->n, MCXT_ALLOC_HUGE);
	for (i = 0; i < fk->n; i++)
		fk->shuffled[i] = order[i].parent;
	pfree(order);
	SPI_finish();
	MemoryContextSwitchTo(cxt);
	if (!(total > 0))
		for (i = 0; i < fk->n; i++)
			fk->cum[i] = (double) (i + 1);
	fk->total = (uint64) fk->cum[fk->n - 1];
	fk->key = sd_mix64(key ^ UINT64CONST(0x5EED0F0C4114C0DE));
	fk->round = -1;
	fk->next_row = -1;
	fk->pre_row = -1;
	fk->drawn_row = -1;
	return fk;
}

/*
 * The parent of row `row`.  The parents' counts make `total` child slots,
 * parent p holding slots [cum[p-1], cum[p]); the rows 0..total-1 take the
 * slots in a keyed random order (a Feistel permutation), the next total
 * rows the slots again in another order, and so on.  So a clone with as
 * many rows as the source gives every parent exactly its drawn count — the
 * fitted distribution of children per parent, not a multinomial spread of
 * it — and row i's parent depends on i alone, not on how many rows are
 * drawn.  A redraw of the row (a CHECK or the exact-copy guard rejected
 * it) takes a slot at random instead.
 */
/*
 * The slot row `row` takes among fk's child slots (rounds of keyed
 * permutations).  The next row's slot of the same round is computed with
 * it, the two permutations' rounds interleaved, for the row that usually
 * comes next.
 */
static uint64
fk_slot(FkParents *fk, int64 row)
{
	uint64		r = (uint64) Max(row, 0);
	int64		round = (int64) (r / fk->total);
	uint64		slot;

	if (row == fk->next_row)
		return fk->next_slot;
	if (round != fk->round)
	{
		sd_perm_init(&fk->perm, fk->total, fk->key, (uint64) round);
		fk->round = round;
	}
	if (row >= 0 && r % fk->total + 1 < fk->total)
	{
		sd_perm_apply_pair(&fk->perm, r % fk->total, r % fk->total + 1,
						   &slot, &fk->next_slot);
		fk->next_row = row + 1;
	}
	else
		slot = sd_perm_apply(&fk->perm, r % fk->total);
	return slot;
}

/* the parent holding a slot */
static int64
slot_parent(const FkParents *fk, double slot)
{
	int64		lo = 0,
				hi = fk->n - 1;

	while (lo < hi)
	{
		int64		mid = lo + (hi - lo) / 2;

		if (fk->cum[mid] > slot)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* the parent (its index in key order) of a draw of row `row` */
static int64
draw_parent_index(Sampler *s, TargetCol *tc, int64 row)
{
	FkParents  *fk = tc->fk;
	bool		redraw = s->attempt > 0;

	if (redraw && fk->group_key != 0)
	{
		/*
		 * A redraw of a row with a composite key: any slot, the same for
		 * every column of the key (keyed by the constraint, the row and
		 * the draw's salt), so that they still take one parent's row.
		 */
		return slot_parent(fk, floor(keyed_uniform(fk->group_key ^ s->fk_salt,
												   (uint64) row) * fk->total));
	}
	if (redraw)
	{
		/* a redraw (CHECK or exact-copy guard): any slot, by the row's stream */
		return slot_parent(fk, (double) sd_rng_below(&tc->rng, fk->total));
	}
	if (fk->pair != NULL)
	{
		/*
		 * The second column of a two-column unique key: the first column's
		 * slot, read in this column's interleaved slots.  The rows of one
		 * parent of the first column hold consecutive slots of it, and
		 * consecutive interleaved slots belong to different parents, so
		 * the pairs are distinct and both columns keep their counts.
		 */
		return fk->weave[fk_slot(fk->pair, row) % fk->total];
	}
	return slot_parent(fk, (double) fk_slot(fk, row));
}

Datum
roles_draw_parent(Sampler *s, TargetCol *tc, int64 row)
{
	FkParents  *fk = tc->fk;

	if (fk->pre_row == row)
	{
		/* drawn ahead, for the rows that follow their parent's columns */
		fk->pre_row = -1;
		fk->drawn = fk->pre_parent;
		fk->drawn_row = row;
		fk->drawn_attempt = s->attempt;
		return fk->keys[fk->pre_parent];
	}
	fk->drawn = draw_parent_index(s, tc, row);
	fk->drawn_row = row;
	fk->drawn_attempt = s->attempt;
	return fk->keys[fk->drawn];
}

/*
 * Draws the parent of row `row` ahead of the row's columns (the same draw,
 * redraws included, that roles_draw_parent would make for the row), which
 * the column then takes; returns the parent's index in key order.
 */
int64
roles_predraw_parent(Sampler *s, TargetCol *tc, int64 row)
{
	FkParents  *fk = tc->fk;

	fk->pre_parent = draw_parent_index(s, tc, row);
	fk->pre_row = row;
	fk->pre_attempt = s->attempt;
	return fk->pre_parent;
}

/* the parents a foreign-key column draws from */
int64
roles_fk_parent_count(const TargetCol *tc)
{
	return tc->fk->n;
}

/* true if a foreign-key column's parent is a temporary table */
bool
roles_fk_parent_temp(const TargetCol *tc)
{
	return tc->fk->temp;
}

/* the text of the key of parent p (in key order) of a foreign-key column */
char *
roles_fk_parent_key(const TargetCol *tc, int64 p)
{
	return OidOutputFunctionCall(tc->typoutput, tc->fk->keys[p]);
}

/*
 * The parent of entity e of a fitted sequence keyed by this foreign key
 * (sequence_sample.c): every parent once before any twice, so that one
 * entity's history is one parent's.
 */
Datum
roles_parent_of_entity(Sampler *s, TargetCol *tc, int64 e, bool *isnull)
{
	FkParents  *fk = tc->fk;

	*isnull = fk == NULL || fk->n <= 0;
	if (*isnull)
		return (Datum) 0;
	fk->drawn = e % fk->n;
	return fk->keys[fk->drawn];
}

/* parent indexes by count, largest first, keyed order among equal counts */
static const FkParents *weave_sort_fk;

static int
cmp_weave(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;
	double		cx = weave_sort_fk->cum[x] - (x > 0 ? weave_sort_fk->cum[x - 1] : 0);
	double		cy = weave_sort_fk->cum[y] - (y > 0 ? weave_sort_fk->cum[y - 1] : 0);

	if (cx != cy)
		return cx > cy ? -1 : 1;
	return 0;
}

/*
 * The slots of fk interleaved: level 0 takes every parent with a child
 * once, level 1 every parent with two, and so on, in the keyed order
 * within a level; so a run of consecutive slots shorter than a level
 * names each parent once.
 */
static void
weave_slots(FkParents *fk)
{
	int64	   *byc = palloc(sizeof(int64) * fk->n);
	int64		i,
				k = 0,
				level,
				live = fk->n;

	memcpy(byc, fk->shuffled, sizeof(int64) * fk->n);
	weave_sort_fk = fk;
	qsort(byc, fk->n, sizeof(int64), cmp_weave);	/* not stable: reorder ties */
	fk->weave = palloc(sizeof(int64) * Max(fk->total, 1));
	for (level = 0; k < (int64) fk->total && live > 0; level++)
	{
		int64		next = 0;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < live && k < (int64) fk->total; i++)
		{
			int64		p = byc[i];
			double		c = fk->cum[p] - (p > 0 ? fk->cum[p - 1] : 0);

			if (c > level)
			{
				fk->weave[k++] = p;
				next = i + 1;
			}
		}
		live = next;
	}
	while (k < (int64) fk->total)
		fk->weave[k++] = 0;
	pfree(byc);
}

/*
 * The second column of a two-column unique key of foreign keys (the model
 * says which) reads the first one's slots in its interleaved ones.
 */
static void
pair_unique_parents(Sampler *s)
{
	int			i,
				j;

	for (i = 0; i < s->natts; i++)
	{
		TargetCol  *b = &s->tc[i];
		const ModelCol *c;

		if (b->fk == NULL || b->mcol < 0)
			continue;
		c = &s->m->cols[b->mcol];
		if (c->sem->paired_with == NULL)
			continue;
		for (j = 0; j < s->natts; j++)
		{
			TargetCol  *a = &s->tc[j];

			if (j != i && a->fk != NULL && a->mcol >= 0 && a->fk->pair == NULL &&
				strcmp(s->m->cols[a->mcol].name, c->sem->paired_with) == 0)
			{
				b->fk->pair = a->fk;
				weave_slots(b->fk);
				break;
			}
		}
	}
}

/* ---- the row's person --------------------------------------------------- */

static int	unique_name_anchor(const Model *m);

static bool
is_person_kind(SdFakeKind k)
{
	return k == SD_FAKE_FIRST_NAME || k == SD_FAKE_LAST_NAME ||
		k == SD_FAKE_FULL_NAME || k == SD_FAKE_EMAIL || k == SD_FAKE_USERNAME;
}


/* whether the model fakes places (a city, a street...): a faked country then agrees */
static bool
has_place_fakes(const Model *m)
{
	int			i;

	for (i = 0; i < m->ncols; i++)
		if (m->cols[i].role == ROLE_PII && m->cols[i].pii_kind != NULL &&
			m->cols[i].kind == MK_FORMAT &&
			sd_fake_is_place_kind(sd_fake_kind_lookup(m->cols[i].pii_kind)))
			return true;
	return false;
}

/* whether this model's fake column needs more than the fake generators give */
static bool
needs_roles(const Model *m, const ModelCol *c, SdFakeKind k)
{
	const ModelPersonal *p = m->personal;
	bool		unique = c->sem != NULL && c->sem->unique;

	if (unique && (roles_unique_kind(k) || k == SD_FAKE_EMAIL || k == SD_FAKE_USERNAME))
		return true;
	if (p == NULL)
		return false;
	if (is_person_kind(k))
		return p->sex_col >= 0 || p->unique_name_col >= 0 ||
			(unique && (k == SD_FAKE_EMAIL || k == SD_FAKE_USERNAME));
	if (k == SD_FAKE_PHONE)
		return p->phone_country != NULL || p->country_col >= 0 || p->country_fk_col >= 0;
	if (sd_fake_is_place_kind(k))
		return p->country_col >= 0 || p->country_fk_col >= 0 ||
			(p->locale != NULL && strcmp(p->locale, "en") != 0);
	if (k == SD_FAKE_COUNTRY || k == SD_FAKE_COUNTRY_CODE)
		return has_place_fakes(m);
	return false;
}

void
roles_sampler_prepare(Sampler *s)
{
	const ModelPersonal *p = s->m->personal;
	bool		any_personal = false;
	int			i;

	if (p != NULL)
		s->m->personal->unique_name_col = unique_name_anchor(s->m);

	for (i = 0; i < s->natts; i++)
	{
		TargetCol  *tc = &s->tc[i];
		const ModelCol *c;

		if (tc->mcol < 0)
			continue;
		c = &s->m->cols[tc->mcol];
		if (c->sem != NULL && c->sem->ref_table != NULL && c->kind != MK_NULL)
		{
			tc->fk = load_parents(s, tc, c);
			tc->uses_rng = true;
			s->fk_groups |= tc->fk->group_key != 0;
			s->copies |= tc->fk->ncopies > 0;
		}
		if (tc->fake != SD_FAKE_NONE && c->role == ROLE_PII &&
			needs_roles(s->m, c, tc->fake))
			tc->personal = true;
		any_personal |= tc->personal;
	}
	pair_unique_parents(s);
	/* the parent giving the row's country, if its parent has the column */
	s->country_fk = -1;
	for (i = 0; i < s->natts; i++)
		if (any_personal && p != NULL && s->tc[i].fk != NULL &&
			s->tc[i].mcol == p->country_fk_col && s->tc[i].fk->country != NULL)
			s->country_fk = i;
	/* a country outside the copula: one uniform per row, for its value and the place */
	s->country_col = -1;
	if (any_personal && p != NULL && p->country_col >= 0 &&
		s->m->cols[p->country_col].kind == MK_CATEGORICAL &&
		s->m->cols[p->country_col].value_dim < 0)
		s->country_col = p->country_col;
}

typedef struct RowPerson
{
	const char *first;
	const char *middle;			/* middle initials ("K. "), or "" */
	const char *last;
	SdUniquePerson up;			/* what a unique name column gives */
} RowPerson;

/* the unique name column the row's person follows: full name first, or -1 */
static int
unique_name_anchor(const Model *m)
{
	static const char *const kinds[] = {"full_name", "first_name", "last_name"};
	int			k,
				i;

	for (k = 0; k < (int) lengthof(kinds); k++)
		for (i = 0; i < m->ncols; i++)
		{
			const ModelCol *c = &m->cols[i];

			if (c->role == ROLE_PII && c->kind == MK_FORMAT && c->pii_kind != NULL &&
				c->sem != NULL && c->sem->unique && strcmp(c->pii_kind, kinds[k]) == 0)
				return i;
		}
	return -1;
}

static uint64
clone_person_stream(void)
{
	static uint64 id = 0;

	if (id == 0)
		id = sd_stream_id("synthdata clone person");
	return id;
}

/*
 * The person of the row last asked for: every personal column of a row
 * (a first name, an email built from it) asks for the same person, which
 * is a function of the row, the locale and the share of women the row's
 * sex category gives, so that is what identifies it here.
 */
typedef struct RolesRow
{
	bool		valid;
	int64		row;
	uint64		seed;			/* the sampler's fake_seed */
	int			locale;
	double		pf;
	RowPerson	person;
} RolesRow;

/*
 * The person of the row: a woman with the probability that the row's sex
 * category gives (the source's share of women's first names in it), a
 * first name of her or his sex and a last name, all from the stream of
 * the clone's persons at the row, so every column of the row agrees.
 */
static const RowPerson *
row_person(Sampler *s, int64 row, int locale)
{
	const ModelPersonal *p = s->m->personal;
	const SdFakeDict *d = &sd_fake_dicts[locale];
	RolesRow   *rr = s->roles;
	RowPerson  *rp;
	SdRng		rng;
	double		u[4];
	double		pf = 0.5;
	bool		female;
	int			j;

	if (p->sex_col >= 0 && (j = sampler_row_category(s, p->sex_col)) >= 0 && j < p->nsex)
		pf = p->female_share[j];
	if (rr == NULL)
		rr = s->roles = MemoryContextAllocZero(GetMemoryChunkContext(s), sizeof(RolesRow));
	rp = &rr->person;
	if (rr->valid && rr->row == row && rr->seed == s->fake_seed &&
		rr->locale == locale && rr->pf == pf)
		return rp;
	rr->valid = true;
	rr->row = row;
	rr->seed = s->fake_seed;
	rr->locale = locale;
	rr->pf = pf;

	sd_rng_init(&rng, s->fake_seed, clone_person_stream());
	sd_rng_seek(&rng, (uint64) row);
	/* the row's first three uniforms (and a fourth: two blocks at once) */
	sd_rng_uniform_array(&rng, u, 4);
	female = u[0] < pf;
	if (female)
		rp->first = d->female.items[(int) (u[1] * d->female.n) % d->female.n];
	else
		rp->first = d->male.items[(int) (u[1] * d->male.n) % d->male.n];
	rp->last = d->last.items[(int) (u[2] * d->last.n) % d->last.n];
	rp->middle = "";
	if (p->unique_name_col >= 0)
	{
		/* a unique name column: its value of the row's sex is the person's */
		roles_unique_person(s, &s->m->cols[p->unique_name_col], row, locale, female,
							&rp->up);
		if (rp->up.first[0] != '\0')
			rp->first = rp->up.first;
		if (rp->up.last[0] != '\0')
			rp->last = rp->up.last;
		rp->middle = rp->up.middle;
	}
	return rp;
}

/* a number in decimal */
static void
append_int(StringInfo out, int v)
{
	char		buf[12];

	pg_ltoa(v, buf);
	sd_append_bytes(out, buf, (int) strlen(buf));
}

/*
 * A name in lower-case ASCII: umlauts spelt out, other letters dropped.
 * Written in place: no slug is longer than its name (a spelt-out umlaut
 * takes the two bytes of its UTF-8 letter).
 */
static void
append_slug(StringInfo out, const char *s)
{
	const unsigned char *p = (const unsigned char *) s;
	int			n = (int) strlen(s);
	char	   *w;

	enlargeStringInfo(out, n);
	w = out->data + out->len;
	for (; *p; p++)
	{
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			*w++ = (char) *p;
		else if (*p >= 'A' && *p <= 'Z')
			*w++ = (char) (*p - 'A' + 'a');
		else if (*p == 0xC3 && p[1] != '\0')
		{
			p++;
			switch (*p)
			{
				case 0xA4:
				case 0x84:
					*w++ = 'a';
					*w++ = 'e';
					break;
				case 0xB6:
				case 0x96:
					*w++ = 'o';
					*w++ = 'e';
					break;
				case 0xBC:
				case 0x9C:
					*w++ = 'u';
					*w++ = 'e';
					break;
				case 0x9F:
					*w++ = 's';
					*w++ = 's';
					break;
				case 0xA9:
				case 0xA8:
				case 0x89:
					*w++ = 'e';
					break;
				default:
					break;
			}
		}
	}
	out->len = (int) (w - out->data);
	out->data[out->len] = '\0';
}

static const char *const example_domains[] = {"example.com", "example.net", "example.org"};

static void
person_value(Sampler *s, TargetCol *tc, int64 row, int locale, StringInfo out)
{
	const RowPerson *rp = row_person(s, row, locale);

	switch (tc->fake)
	{
		case SD_FAKE_FIRST_NAME:
			appendStringInfoString(out, rp->first);
			break;
		case SD_FAKE_LAST_NAME:
			appendStringInfoString(out, rp->last);
			break;
		case SD_FAKE_FULL_NAME:
			appendStringInfo(out, "%s %s%s", rp->first, rp->middle, rp->last);
			break;
		case SD_FAKE_EMAIL:
		case SD_FAKE_USERNAME:
			{
				uint32		v = (uint32) (sd_rng_uniform(&tc->rng) * 4);

				append_slug(out, v == 2 ? "" : rp->first);
				if (v == 2)
					appendStringInfoCharMacro(out, rp->first[0] >= 'A' && rp->first[0] <= 'Z' ?
											  rp->first[0] - 'A' + 'a' : 'x');
				if (v != 3)
					appendStringInfoCharMacro(out, v == 1 ? '_' : '.');
				append_slug(out, rp->last);
				if (sd_rng_uniform(&tc->rng) < 0.3)
					append_int(out, 1 + (int) (sd_rng_uniform(&tc->rng) * 99));
				if (tc->fake == SD_FAKE_EMAIL)
				{
					/* example.com, .net or .org: eleven bytes each */
					appendStringInfoCharMacro(out, '@');
					sd_append_bytes(out, example_domains[(int) (sd_rng_uniform(&tc->rng) * 3) % 3],
									11);
				}
				break;
			}
		default:
			break;
	}
}

/* the country of the row's phone number: the row's, else the source's phones' */
static const char *
phone_iso(Sampler *s, const SdCountry *ci)
{
	const ModelPersonal *p = s->m->personal;

	if (ci != NULL && roles_phone_format(ci->iso) != NULL)
		return ci->iso;
	return p != NULL && p->phone_country != NULL ? p->phone_country : "US";
}

static void
phone_value(Sampler *s, TargetCol *tc, int64 row, const SdCountry *ci,
			StringInfo out)
{
	const char *iso = phone_iso(s, ci);
	const char *fmt = roles_phone_format(iso);

	/* a country with no fiction range: its locale's numbers, else its layout */
	if (ci != NULL && roles_phone_format(ci->iso) == NULL)
	{
		if (ci->locale >= 0)
			sd_fake_generate(SD_FAKE_PHONE, ci->locale, s->fake_seed, (uint64) row,
							 &tc->rng, out);
		else
			roles_country_phone(ci, &tc->rng, out);
		return;
	}

	if (fmt == NULL || fmt[0] == '\0')
		sd_fake_generate(SD_FAKE_PHONE,
						 strcmp(iso, "DE") == 0 ? SD_FAKE_LOCALE_DE : SD_FAKE_LOCALE_EN,
						 s->fake_seed, (uint64) row, &tc->rng, out);
	else
		appendStringInfo(out, fmt, (int) (sd_rng_uniform(&tc->rng) * 1000) % 1000 / (strcmp(iso, "FR") == 0 ? 10 : 1),
						 (int) (sd_rng_uniform(&tc->rng) * 100) % 100);
}

/* characters of a UTF-8 string of len bytes */
static int
utf8_chars(const char *p, int len)
{
	int			n = 0,
				i;

	for (i = 0; i < len; i++)
		n += (((unsigned char) p[i]) & 0xC0) != 0x80;
	return n;
}

/*
 * A unique value in a varchar(n) too short for it: an email or user name
 * (whose local part ends in the row number) loses characters of its name
 * before the number, which keeps it unique; any other kind cannot be cut
 * without meeting another row's value, and the clone fails with 54000
 * rather than repeat one.
 */
static void
fit_unique(TargetCol *tc, const ModelCol *c, int64 row, StringInfo out)
{
	int			end,
				digits,
				keep;
	char	   *at;
	const char *domain;
	StringInfoData b;

	if (utf8_chars(out->data, out->len) <= tc->maxlen)
		return;
	at = memchr(out->data, '@', out->len);
	end = at != NULL ? (int) (at - out->data) : out->len;
	for (digits = 0; digits < end && out->data[end - 1 - digits] >= '0' &&
		 out->data[end - 1 - digits] <= '9'; digits++)
		;
	/* a long mail domain gives way to example.com first */
	domain = at != NULL && out->len - end > 12 ? "@example.com" : out->data + end;
	keep = tc->maxlen - digits - (int) strlen(domain);
	if ((tc->fake == SD_FAKE_EMAIL || tc->fake == SD_FAKE_USERNAME) && digits > 0 &&
		keep >= 0)
	{
		/* the name part is ASCII (a slug): cut its last characters */
		keep = Min(keep, end - digits);
		while (keep > 0 && (out->data[keep - 1] == '.' || out->data[keep - 1] == '_'))
			keep--;
		initStringInfo(&b);
		appendBinaryStringInfo(&b, out->data, keep);
		appendBinaryStringInfo(&b, out->data + end - digits, digits);
		appendStringInfoString(&b, domain);
		resetStringInfo(out);
		appendBinaryStringInfo(out, b.data, b.len);
		pfree(b.data);
		return;
	}
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("unique %s value of row " INT64_FORMAT " does not fit column \"%s\" of %d characters",
					c->pii_kind, row, c->name, tc->maxlen),
			 errdetail("A unique personal column's value cut to fit could repeat another row's."),
			 errhint("Widen the column, or give it another role in option \"columns\".")));
}

/*
 * The value of a personal column that needs the row's sex, country or
 * uniqueness (roles_sampler_prepare chose it), into out (reset first).
 */
void
roles_personal_value(Sampler *s, TargetCol *tc, const ModelCol *c, int64 row,
					 StringInfo out)
{
	bool		known;
	int			city;			/* the row's parent's city among the places, or -1 */
	const SdCountry *ci = row_country(s, row, &known, &city);
	int			locale = row_locale(s, ci);
	const ModelPersonal *p = s->m->personal;
	bool		anchored = p != NULL && p->unique_name_col >= 0;

	resetStringInfo(out);
	if (c->sem != NULL && c->sem->unique && roles_unique_kind(tc->fake) &&
		!(anchored && c == &s->m->cols[p->unique_name_col]))
	{
		/* one locale for the column: two locales may spell the same name */
		roles_unique_value(s, tc, c, row, row_locale(s, NULL), phone_iso(s, ci), out);
	}
	else if (is_person_kind(tc->fake))
	{
		/* a unique name column's person: of one locale, the column's */
		if (anchored)
			person_value(s, tc, row, row_locale(s, NULL), out);
		else if (p != NULL && p->sex_col >= 0)
			person_value(s, tc, row, ci != NULL ? ci->lang : locale, out);
		else
			sd_fake_generate(tc->fake, SD_FAKE_LOCALE_EN, s->fake_seed, (uint64) row,
							 &tc->rng, out);
		if (c->sem != NULL && c->sem->unique &&
			(tc->fake == SD_FAKE_EMAIL || tc->fake == SD_FAKE_USERNAME))
			(void) sd_key_fake_unique(out, 0, row, -1);
	}
	else if (tc->fake == SD_FAKE_PHONE)
		phone_value(s, tc, row, ci, out);
	else if (tc->fake == SD_FAKE_COUNTRY || tc->fake == SD_FAKE_COUNTRY_CODE)
	{
		/* the country of the row's fake place */
		if (tc->fake == SD_FAKE_COUNTRY)
			appendStringInfoString(out, locale == SD_FAKE_LOCALE_DE ? "Germany" : "United States");
		else
			appendStringInfoString(out, locale == SD_FAKE_LOCALE_DE ? "DE" : "US");
	}
	else if (known && (ci == NULL || ci->locale < 0) &&
			 (tc->fake == SD_FAKE_CITY || tc->fake == SD_FAKE_STATE ||
			  tc->fake == SD_FAKE_STATE_ABBR || tc->fake == SD_FAKE_POSTAL_CODE))
	{
		/* a country without a dictionary of places: its own cities, or none */
		roles_country_place(ci, tc->fake, city, s->fake_seed, row, &tc->rng, out);
	}
	else if (known && (ci == NULL || ci->locale < 0))
	{
		/* streets and the rest in the country's language */
		sd_fake_generate(tc->fake, ci != NULL ? ci->lang : SD_FAKE_LOCALE_EN,
						 s->fake_seed, (uint64) row, &tc->rng, out);
	}
	else if (city >= 0 && ci != NULL && ci->locale == locale && sd_fake_is_place_kind(tc->fake) &&
			 tc->fake != SD_FAKE_STREET_ADDRESS)
		sd_fake_generate_in_city(tc->fake, locale, city, s->fake_seed, (uint64) row, &tc->rng, out);
	else
		sd_fake_generate(tc->fake, locale, s->fake_seed, (uint64) row, &tc->rng, out);
	if (tc->maxlen >= 0 && c->sem != NULL && c->sem->unique)
		fit_unique(tc, c, row, out);
	else if (tc->maxlen >= 0)
		sd_fake_truncate(out, tc->maxlen);
}
