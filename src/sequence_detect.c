/*-------------------------------------------------------------------------
 *
 * sequence_detect.c
 *		Is a table sequential?  The detection of sd_seq_fit: an order
 *		column and an entity key whose histories may lie on a regular grid.
 *
 * Conservative, and deferring to the roles the fit gave (see seq_detect);
 * read on samples of the table (TABLESAMPLE SYSTEM, REPEATABLE), the
 * candidates once, their values, keys and pairs counted in memory.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; SPI queries quote every identifier and
 * schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sequence_detect.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/relation.h"
#include "access/table.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "clone_int.h"
#include "clone_cons.h"
#include "distributions.h"
#include "model.h"
#include "options.h"
#include "rng.h"
#include "roles.h"
#include "sequence_int.h"

#define SEQ_DETECT_ROWS	50000	/* rows sampled to detect a sequence */
#define SEQ_GRID_CHECK_ROWS 10000	/* rows sampled to rule a grid out */
#define SEQ_MAX_CAND	4		/* candidate columns tried per role */

/* ---------------------------------------------------------------------
 * Detection
 * ---------------------------------------------------------------------
 */

/*
 * The model's column of a name, or NULL.  Detection defers to the roles
 * the fit gave: a key, an identifier, a personal datum or a foreign key
 * (drawn from its parent's rows, see roles.c) is never an entity key or
 * an order column unless the option names it.
 */
static const ModelCol *
model_col(const Model *m, const char *name)
{
	int			i = model_column_named(m, name, -1);

	return i < 0 ? NULL : &m->cols[i];
}

static bool
plain_attribute(const ModelCol *c)
{
	if (c == NULL || c->role != ROLE_ATTRIBUTE || c->pii_kind != NULL)
		return false;
	if (c->sem != NULL && (c->sem->ref_table != NULL || c->sem->unique ||
						   c->sem->derived))
		return false;
	return true;
}

/* what a column can be to the detection: an order column, an entity key */
typedef enum DetectRole
{
	DETECT_NONE,
	DETECT_ORDER,				/* a date or timestamp attribute */
	DETECT_KEY					/* an integer or string plain attribute, no free text */
} DetectRole;

static DetectRole
detect_role(Form_pg_attribute a, const ModelCol *mc)
{
	if (mc == NULL)
		return DETECT_NONE;
	if ((a->atttypid == DATEOID || a->atttypid == TIMESTAMPOID ||
		 a->atttypid == TIMESTAMPTZOID) &&
		mc->pii_kind == NULL && mc->role == ROLE_ATTRIBUTE)
		return DETECT_ORDER;
	if ((a->atttypid == INT2OID || a->atttypid == INT4OID ||
		 a->atttypid == INT8OID || a->atttypid == TEXTOID ||
		 a->atttypid == VARCHAROID || a->atttypid == BPCHAROID) &&
		plain_attribute(mc) && mc->kind != MK_TEXT)
		return DETECT_KEY;
	return DETECT_NONE;
}

/* the first row of an SPI query of counts, as int64s */
static void
spi_counts(const char *sql, int64 *out, int n)
{
	int			i;

	if (SPI_execute(sql, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "synthdata: sequence detection query failed");
	for (i = 0; i < n; i++)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
									  i + 1, &isnull);

		out[i] = isnull ? 0 : DatumGetInt64(d);
	}
}

/*
 * A sample clause that reads about rows rows of a big table; none for a
 * view, which is read whole.
 */
static const char *
sample_clause(Oid relid, const Model *m, int rows)
{
	if (m->rows <= 2 * rows || !sd_rel_samplable(relid))
		return "";
	return psprintf(" TABLESAMPLE SYSTEM (%.6f) REPEATABLE (0)",
					100.0 * rows / (double) m->rows);
}

/* the sample detection reads: about SEQ_DETECT_ROWS rows */
static const char *
detect_sample(Oid relid, const Model *m)
{
	return sample_clause(relid, m, SEQ_DETECT_ROWS);
}

/*
 * A candidate column of the detection sample, read once: per row its value
 * (an order value as an integer, an integer key's value, a string key's
 * rank among the sample's distinct strings) or NULL.
 */
typedef struct DetectCol
{
	int			attidx;			/* in the relation */
	int64	   *v;
	bool	   *isnull;
	bool		by_query;		/* a string key under a nondeterministic collation */
} DetectCol;

typedef struct DetectPair
{
	int64		k;
	int64		o;
} DetectPair;

/* sets of pairs (distinct values, keys and (key, order) pairs) */
typedef struct DetectPairEntry
{
	DetectPair	key;
	char		status;
} DetectPairEntry;

#define SH_PREFIX detect_pairs
#define SH_ELEMENT_TYPE DetectPairEntry
#define SH_KEY_TYPE DetectPair
#define SH_KEY key
#define SH_HASH_KEY(tb, key) \
	((uint32) sd_mix64((uint64) (key).k * UINT64CONST(0x9E3779B97F4A7C15) ^ (uint64) (key).o))
#define SH_EQUAL(tb, a, b) ((a).k == (b).k && (a).o == (b).o)
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* a string key's distinct values, each with its number */
typedef struct DetectStr
{
	const char *p;
	int			len;
} DetectStr;

typedef struct DetectStrEntry
{
	DetectStr	key;
	int64		id;
	uint32		hash;
	char		status;
} DetectStrEntry;

#define SH_PREFIX detect_strs
#define SH_ELEMENT_TYPE DetectStrEntry
#define SH_KEY_TYPE DetectStr
#define SH_KEY key
#define SH_HASH_KEY(tb, key) ((uint32) sd_hash_key((key).p, (key).len))
#define SH_EQUAL(tb, a, b) ((a).len == (b).len && memcmp((a).p, (b).p, (a).len) == 0)
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a) ((a)->hash)
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/*
 * Column i of the sample's n rows into dc: integers as they are, dates and
 * timestamps by their integer representation (equal exactly when the
 * values are), strings by a number per distinct string (equal bytes, as
 * GROUP BY finds them under a deterministic collation; blank padding is no
 * part of a character(n) value).
 */
static void
detect_read_column(SPITupleTable *tt, int64 n, int i, Oid typid, DetectCol *dc)
{
	detect_strs_hash *strs = NULL;
	int64		r;

	dc->v = palloc_extended(sizeof(int64) * Max(n, 1), MCXT_ALLOC_HUGE);
	dc->isnull = palloc_extended(sizeof(bool) * Max(n, 1), MCXT_ALLOC_HUGE);
	if (typid == TEXTOID || typid == VARCHAROID || typid == BPCHAROID)
		strs = detect_strs_create(CurrentMemoryContext, 256, NULL);
	for (r = 0; r < n; r++)
	{
		Datum		d = SPI_getbinval(tt->vals[r], tt->tupdesc, i + 1, &dc->isnull[r]);

		dc->v[r] = 0;
		if (dc->isnull[r])
			continue;
		switch (typid)
		{
			case INT2OID:
				dc->v[r] = DatumGetInt16(d);
				break;
			case INT4OID:
				dc->v[r] = DatumGetInt32(d);
				break;
			case DATEOID:
				dc->v[r] = DatumGetDateADT(d);
				break;
			case INT8OID:
			case TIMESTAMPOID:
			case TIMESTAMPTZOID:
				dc->v[r] = DatumGetInt64(d);
				break;
			default:
				{
					text	   *t = DatumGetTextPP(d);
					DetectStr	s;
					DetectStrEntry *e;
					bool		found;

					s.p = VARDATA_ANY(t);
					s.len = VARSIZE_ANY_EXHDR(t);
					if (typid == BPCHAROID)
						while (s.len > 0 && s.p[s.len - 1] == ' ')
							s.len--;
					e = detect_strs_insert(strs, s, &found);
					if (!found)
						e->id = strs->members - 1;
					dc->v[r] = e->id;
					break;
				}
		}
	}
	if (strs != NULL)
		detect_strs_destroy(strs);
}

/*
 * Distinct pairs (k, o) of n, with k or o all 0 for distinct values; or,
 * once there are more than most, some count above most: the detection only
 * compares the count with a third of the rows.
 */
static int64
detect_distinct(const DetectPair *p, int64 n, int64 most)
{
	detect_pairs_hash *set = detect_pairs_create(CurrentMemoryContext,
												 (uint32) Min(n, 1 << 20), NULL);
	int64		r,
				distinct;
	bool		found;

	for (r = 0; r < n; r++)
	{
		(void) detect_pairs_insert(set, p[r], &found);
		if (set->members > most)
			break;
	}
	distinct = set->members;
	detect_pairs_destroy(set);
	return distinct;
}

/* true if the n pairs are all distinct: stops at the first one seen twice */
static bool
detect_all_distinct(const DetectPair *p, int64 n)
{
	detect_pairs_hash *set = detect_pairs_create(CurrentMemoryContext,
												 (uint32) Min(n, 1 << 20), NULL);
	int64		r;
	bool		found = false;

	for (r = 0; r < n && !found; r++)
		(void) detect_pairs_insert(set, p[r], &found);
	detect_pairs_destroy(set);
	return !found;
}

/*
 * count(*) and count(o) of the sample's n rows, and count(DISTINCT o) as
 * far as the detection reads it: count(o) when the values are all
 * distinct, else less
 */
static void
detect_order_counts(const DetectCol *o, int64 n, int64 *c)
{
	DetectPair *p = palloc_extended(sizeof(DetectPair) * Max(n, 1), MCXT_ALLOC_HUGE);
	int64		r,
				np = 0;

	for (r = 0; r < n; r++)
		if (!o->isnull[r])
		{
			p[np].k = 0;
			p[np++].o = o->v[r];
		}
	c[0] = n;
	c[1] = np;
	/* the detection asks only whether the values are all distinct */
	c[2] = detect_all_distinct(p, np) ? np : np - 1;
	pfree(p);
}

/*
 * Over the rows with both k and o: rows, distinct keys, distinct (k, o)
 * pairs, the last two as far as the detection reads them (the pairs'
 * count is the rows' only when they are all distinct; the keys are
 * counted then, up to a third of the rows and one).  A key under a
 * nondeterministic collation is grouped by a query
 * (by two hashed groupings: a DISTINCT of row values sorts them, several
 * times slower), as its collation finds its values equal.
 */
static void
detect_pair_counts(const DetectCol *k, const DetectCol *o, int64 n, int64 *c,
				   const char *qualified, const char *sample, const char *kname,
				   const char *oname)
{
	DetectPair *p;
	int64		r,
				np = 0;

	if (k->by_query)
	{
		const char *kq = quote_identifier(kname),
				   *oq = quote_identifier(oname);

		spi_counts(psprintf("SELECT COALESCE(pg_catalog.sum(y.sd_n), 0)::pg_catalog.int8, "
							"pg_catalog.count(*), "
							"COALESCE(pg_catalog.sum(y.sd_p), 0)::pg_catalog.int8 "
							"FROM (SELECT pg_catalog.sum(x.sd_c) AS sd_n, pg_catalog.count(*) AS sd_p "
							"FROM (SELECT %s AS sd_k, pg_catalog.count(*) AS sd_c FROM %s%s "
							"WHERE %s IS NOT NULL AND %s IS NOT NULL GROUP BY %s, %s) x "
							"GROUP BY x.sd_k) y",
							kq, qualified, sample, kq, oq, kq, oq),
				   c, 3);
		return;
	}
	p = palloc_extended(sizeof(DetectPair) * Max(n, 1), MCXT_ALLOC_HUGE);
	for (r = 0; r < n; r++)
		if (!k->isnull[r] && !o->isnull[r])
		{
			p[np].k = k->v[r];
			p[np++].o = o->v[r];
		}
	c[0] = np;

	/*
	 * The detection asks whether the pairs are all distinct, and then
	 * whether the keys are at most a third of the rows
	 */
	c[2] = detect_all_distinct(p, np) ? np : np - 1;
	c[1] = np;
	if (c[2] == np)
	{
		for (r = 0; r < np; r++)
			p[r].o = 0;
		c[1] = detect_distinct(p, np, np / 3);
	}
	pfree(p);
}

/*
 * Is the table sequential?  Conservative, deferring to the roles the fit
 * gave.  The order column is a date or timestamp column of the attribute
 * role (not a key, which keeps its own generation, nor an identifier or a
 * personal datum).  Unique and not null over the table, it is
 * one series.  Otherwise an entity key is a plain attribute column (an
 * integer or a string: no key, identifier, personal datum, foreign key or
 * unique column) whose pairs with the order column are unique, with 30
 * rows or more, two keys or more and three rows per key or more.  Either
 * way the caller keeps the table only if its grid is regular (a fixed
 * step or calendar months).  Integer order columns, foreign keys,
 * irregular histories (visits, orders), foreign tables and sharded tables
 * (whose rows detection would read through postgres_fdw) are sequences
 * only by option.  The candidates are read once, from a sample of about
 * SEQ_DETECT_ROWS rows, and counted here.
 */
bool
seq_detect(Relation rel, const char *qualified, const Model *m,
				char **key, char **order, char **reason)
{
	TupleDesc	td = RelationGetDescr(rel);
	const char *sample = detect_sample(RelationGetRelid(rel), m);
	int			i,
				j,
				norders = 0,
				nkeys = 0;
	DetectCol	cols[2 * SEQ_MAX_CAND];
	DetectCol  *orders = cols,
			   *keys = cols + SEQ_MAX_CAND;
	int64		c[3],
				n;
	StringInfoData q;
	SPITupleTable *tt;
	bool		found = false;

	memset(cols, 0, sizeof(cols));
	for (i = 0; i < td->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(td, i);
		const ModelCol *mc;

		if (a->attisdropped || a->attgenerated)
			continue;
		mc = model_col(m, NameStr(a->attname));
		if (detect_role(a, mc) == DETECT_ORDER && norders < SEQ_MAX_CAND)
			orders[norders++].attidx = i;
		else if (detect_role(a, mc) == DETECT_KEY && nkeys < SEQ_MAX_CAND)
		{
			keys[nkeys].by_query = OidIsValid(a->attcollation) &&
				!get_collation_isdeterministic(a->attcollation);
			keys[nkeys++].attidx = i;	/* free text names no entity */
		}
	}
	if (norders == 0)
		return false;

	initStringInfo(&q);
	appendStringInfoString(&q, "SELECT ");
	for (i = 0; i < norders + nkeys; i++)
	{
		const DetectCol *dc = i < norders ? &orders[i] : &keys[i - norders];

		appendStringInfo(&q, "%s%s", i ? ", " : "",
						 quote_identifier(NameStr(TupleDescAttr(td, dc->attidx)->attname)));
	}
	appendStringInfo(&q, " FROM %s%s", qualified, sample);
	CHECK_FOR_INTERRUPTS();
	if (SPI_execute(q.data, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "synthdata: sequence detection query failed");
	tt = SPI_tuptable;
	n = (int64) SPI_processed;
	for (i = 0; i < norders + nkeys; i++)
	{
		DetectCol  *dc = i < norders ? &orders[i] : &keys[i - norders];

		if (!dc->by_query)
			detect_read_column(tt, n, i, TupleDescAttr(td, dc->attidx)->atttypid, dc);
	}

	for (i = 0; i < norders && !found; i++)
	{
		const char *oname = NameStr(TupleDescAttr(td, orders[i].attidx)->attname);

		CHECK_FOR_INTERRUPTS();
		detect_order_counts(&orders[i], n, c);
		if (c[0] >= SEQ_MIN_SERIES && c[1] == c[0] && c[2] == c[0])
		{
			*key = NULL;
			*order = pstrdup(oname);
			*reason = psprintf("%s is unique and not null on a regular grid: one series",
							   *order);
			found = true;
			break;
		}
		if (c[2] == c[1])
			continue;			/* unique but with NULLs: not a history */
		for (j = 0; j < nkeys; j++)
		{
			const char *kname = NameStr(TupleDescAttr(td, keys[j].attidx)->attname);

			CHECK_FOR_INTERRUPTS();
			detect_pair_counts(&keys[j], &orders[i], n, c, qualified, sample,
							   kname, oname);
			if (c[0] >= 30 && c[1] >= 2 && c[2] == c[0] && c[0] >= 3 * c[1])
			{
				*key = pstrdup(kname);
				*order = pstrdup(oname);
				*reason = psprintf("each %s has a history on a regular grid of %s",
								   *key, *order);
				found = true;
				break;
			}
		}
	}
	SPI_freetuptable(tt);
	return found;
}

/*
 * Can the histories detected (of each key, or one series when key is NULL)
 * be on a regular grid?  The fit keeps a detected sequence only on a fixed
 * step (every gap of every history equal) or on calendar months (one day of
 * the month and one time of day), and finds out by reading SEQ_FIT_ROWS
 * rows of whole histories in order, a sort.  Conditions every such grid
 * meets are checked first on a sample of SEQ_GRID_CHECK_ROWS rows (any
 * subset of the rows meets them): months share one day and one time of
 * day; and on a fixed step g0 with no step missing, a history
 * spanning s in the sample has at least s / g0 + 1 rows, while g0 is at most
 * the smallest gap sampled (gmin), so the sampled spans over gmin, plus one
 * per history, cannot exceed the table's rows.  A table with a creation
 * time and a repeated attribute (an age, a status) is passed over here.
 */
bool
seq_grid_possible(Oid relid, const char *qualified, const Model *m, const char *key,
			  const char *order, SeqOrderKind kind)
{
	const char *o = quote_identifier(order);
	char	   *ts = kind == SEQ_ORDER_DATE ?
		psprintf("(%s)::pg_catalog.timestamp", o) : pstrdup(o);
	StringInfoData q;
	SPITupleTable *tt;
	bool		isnull,
				gnull;
	double		gmin,
				span;
	int64		hist,
				oneday,
				onetime;

	initStringInfo(&q);
	appendStringInfo(&q, "SELECT pg_catalog.min(x.g) FILTER (WHERE x.g OPERATOR(pg_catalog.>) 0), "
					 "COALESCE(pg_catalog.sum(x.g), 0), pg_catalog.count(*) FILTER (WHERE x.g IS NULL), "
					 "(pg_catalog.min(x.d) OPERATOR(pg_catalog.=) pg_catalog.max(x.d))::pg_catalog.int4::pg_catalog.int8, "
					 "(pg_catalog.min(x.t) OPERATOR(pg_catalog.=) pg_catalog.max(x.t))::pg_catalog.int4::pg_catalog.int8 "
					 "FROM (SELECT pg_catalog.date_part('epoch', %s) OPERATOR(pg_catalog.-) "
					 "pg_catalog.lag(pg_catalog.date_part('epoch', %s)) OVER (%s%s ORDER BY %s) AS g, "
					 "pg_catalog.date_part('day', %s) AS d, %s AS t FROM %s%s WHERE %s IS NOT NULL",
					 ts, ts, key ? "PARTITION BY " : "", key ? quote_identifier(key) : "", o,
					 ts, kind == SEQ_ORDER_DATE ? "0" : psprintf("(%s)::pg_catalog.time", o),
					 qualified, sample_clause(relid, m, SEQ_GRID_CHECK_ROWS), o);
	if (key)
		appendStringInfo(&q, " AND %s IS NOT NULL", quote_identifier(key));
	appendStringInfoString(&q, ") x");
	if (SPI_execute(q.data, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "synthdata: sequence detection query failed");
	tt = SPI_tuptable;
	gmin = DatumGetFloat8(SPI_getbinval(tt->vals[0], tt->tupdesc, 1, &gnull));
	span = DatumGetFloat8(SPI_getbinval(tt->vals[0], tt->tupdesc, 2, &isnull));
	hist = DatumGetInt64(SPI_getbinval(tt->vals[0], tt->tupdesc, 3, &isnull));
	oneday = DatumGetInt64(SPI_getbinval(tt->vals[0], tt->tupdesc, 4, &isnull));
	if (isnull)
		oneday = 1;				/* no row sampled */
	onetime = DatumGetInt64(SPI_getbinval(tt->vals[0], tt->tupdesc, 5, &isnull));
	if (isnull)
		onetime = 1;
	SPI_freetuptable(tt);
	if (oneday && onetime)
		return true;			/* calendar months may be */
	return gnull || span / gmin + (double) hist <= (double) m->rows * (1 + 1e-9) + 1;
}


/* ---------------------------------------------------------------------
 * A grid ruled out from the fit's sample
 * ---------------------------------------------------------------------
 */

/* the candidates' values of the fit's sampled rows */
typedef struct GridSample
{
	const FitConfig *cfg;
	int			norders,
				nkeys;
	int			ocol[SEQ_MAX_CAND];	/* the configuration's column */
	Oid			otype[SEQ_MAX_CAND];
	int			kcol[SEQ_MAX_CAND];
	int64		n;				/* rows */
	int64		cap;
	int64	   *o;				/* per row and order: its value, days or us */
	bool	   *onull;
	uint64	   *k;				/* per row and key: its value or a hash of it */
	bool	   *knull;
	bool		infinite;		/* an order value is infinite: no ruling */
} GridSample;

static void
grid_sample_row(void *arg, Datum *values, bool *isnull, int64 weight)
{
	GridSample *gs = (GridSample *) arg;
	int64		r = gs->n;
	int			j;

	if (gs->n == gs->cap)
	{
		MemoryContext oldcxt = MemoryContextSwitchTo(GetMemoryChunkContext(gs->o));

		gs->cap *= 2;
		gs->o = repalloc_huge(gs->o, sizeof(int64) * gs->cap * gs->norders);
		gs->onull = repalloc_huge(gs->onull, sizeof(bool) * gs->cap * gs->norders);
		gs->k = repalloc_huge(gs->k, sizeof(uint64) * gs->cap * Max(gs->nkeys, 1));
		gs->knull = repalloc_huge(gs->knull, sizeof(bool) * gs->cap * Max(gs->nkeys, 1));
		MemoryContextSwitchTo(oldcxt);
	}
	for (j = 0; j < gs->norders; j++)
	{
		const ColConfig *c = &gs->cfg->cols[gs->ocol[j]];
		int64		at = r * gs->norders + j;

		gs->onull[at] = isnull[c->attidx];
		if (gs->onull[at])
			continue;
		if (gs->otype[j] == DATEOID)
		{
			gs->o[at] = DatumGetDateADT(values[c->attidx]);
			gs->infinite |= DATE_NOT_FINITE((DateADT) gs->o[at]);
		}
		else
		{
			gs->o[at] = DatumGetInt64(values[c->attidx]);
			gs->infinite |= TIMESTAMP_NOT_FINITE(gs->o[at]);
		}
	}
	for (j = 0; j < gs->nkeys; j++)
	{
		const ColConfig *c = &gs->cfg->cols[gs->kcol[j]];
		int64		at = r * gs->nkeys + j;

		gs->knull[at] = isnull[c->attidx];
		if (gs->knull[at])
			continue;
		switch (c->typid)
		{
			case INT2OID:
				gs->k[at] = (uint64) (int64) DatumGetInt16(values[c->attidx]);
				break;
			case INT4OID:
				gs->k[at] = (uint64) (int64) DatumGetInt32(values[c->attidx]);
				break;
			case INT8OID:
				gs->k[at] = (uint64) DatumGetInt64(values[c->attidx]);
				break;
			default:
				{
					text	   *t = DatumGetTextPP(values[c->attidx]);

					/* histories told apart by a 64-bit hash of the bytes */
					gs->k[at] = sd_hash_key(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
				}
		}
	}
	gs->n++;
}

/* an order value's day of the month and time of day (us), as SQL has them */
static void
grid_day_time(Oid type, int64 v, int *day, int64 *tod)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz;

	if (type == DATEOID)
	{
		int			y,
					mo;

		j2date((int) v + POSTGRES_EPOCH_JDATE, &y, &mo, day);
		*tod = 0;
		return;
	}
	if (timestamp2tm(v, type == TIMESTAMPTZOID ? &tz : NULL, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	*day = tm.tm_mday;
	*tod = ((int64) tm.tm_hour * MINS_PER_HOUR + tm.tm_min) * USECS_PER_MINUTE +
		(int64) tm.tm_sec * USECS_PER_SEC + fsec;
}

/* one history's first and last value of the order, as a key's slot holds them */
typedef struct GridHistory
{
	uint64		key;
	int64		last;
	bool		used;
} GridHistory;

/*
 * seq_grid_possible's conditions over the sampled rows of order j (sorted
 * by value, in pairs: (row, value)) with key kj (-1: one series): calendar
 * months (one day of the month, one time of day), or a fixed step g0 with
 * none missing, under which a history spanning s has s / g0 + 1 rows while
 * g0 is at most the smallest gap between two of its values.  The rows come
 * in the order's order, so each history's gaps are met one after another.
 */
static bool
grid_pair_possible(const GridSample *gs, int j, int kj, const DetectPair *byo,
				   int64 n, double rows)
{
	GridHistory *h;
	int			mask = 1,
				day0 = -1,
				day;
	int64		tod0 = -1,
				tod,
				r;
	bool		oneday = true,
				onetime = true;
	double		span = 0,
				gmin = -1,
				hist = 0;

	while (mask < 2 * Max(n, 1))
		mask <<= 1;
	h = palloc0(sizeof(GridHistory) * mask);
	mask--;
	for (r = 0; r < n; r++)
	{
		int64		row = byo[r].k,
					o = byo[r].o;
		uint64		key = 0;
		int			at;

		if (kj >= 0)
		{
			if (gs->knull[row * gs->nkeys + kj])
				continue;
			key = gs->k[row * gs->nkeys + kj];
		}
		/* one day and one time of day: read until both differ */
		if (oneday || onetime)
		{
			grid_day_time(gs->otype[j], o, &day, &tod);
			oneday &= day0 < 0 || day == day0;
			onetime &= tod0 < 0 || tod == tod0;
			day0 = day;
			tod0 = tod;
		}
		for (at = (int) (sd_mix64(key) & mask); h[at].used && h[at].key != key;
			 at = (at + 1) & mask)
			;
		if (!h[at].used)
		{
			h[at].used = true;
			h[at].key = key;
			hist++;
		}
		else if (o > h[at].last)
		{
			double		g = (double) o - (double) h[at].last;

			span += g;
			if (gmin < 0 || g < gmin)
				gmin = g;
		}
		h[at].last = o;
	}
	pfree(h);
	if (oneday && onetime)
		return true;
	return gmin < 0 || span / gmin + hist <= rows * (1 + 1e-9) + 1;
}

/*
 * False if no candidate of seq_detect can be on a regular grid, judged on
 * the fit's dependence sample (st1): seq_grid_possible's conditions hold on
 * every subset of a grid's rows, so a candidate (an order column, with any
 * candidate key or none) whose sampled rows fail them is not on one.  Only
 * where some candidate may be does the detection read its samples of the
 * table (two queries, 32 ms of a 1,000,000-row table's fit, where a sort
 * of its 32,768 sampled rows per order column and a pass per key take a
 * few).  True where it cannot tell: no sample, an infinite order value, a
 * key under a nondeterministic collation or of type character.
 */
bool
seq_sample_may_be_grid(Relation rel, const Model *m, FitState *st1)
{
	TupleDesc	td = RelationGetDescr(rel);
	GridSample	gs;
	MemoryContext cxt,
				oldcxt;
	bool		possible = false;
	int			i,
				j,
				kj;

	if (st1 == NULL || st1->nsample == 0 || st1->cfg->ncols != m->ncols)
		return true;
	memset(&gs, 0, sizeof(gs));
	gs.cfg = st1->cfg;
	for (i = 0; i < td->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(td, i);
		int			mi;
		const ModelCol *mc;

		if (a->attisdropped || a->attgenerated)
			continue;
		mi = model_column_named(m, NameStr(a->attname), -1);
		if (mi < 0)
			continue;
		mc = &m->cols[mi];
		if (gs.cfg->cols[mi].typid != a->atttypid)
			return true;
		if (detect_role(a, mc) == DETECT_ORDER && gs.norders < SEQ_MAX_CAND)
		{
			gs.ocol[gs.norders] = mi;
			gs.otype[gs.norders++] = a->atttypid;
		}
		else if (detect_role(a, mc) == DETECT_KEY && gs.nkeys < SEQ_MAX_CAND)
		{
			if (a->atttypid == BPCHAROID ||
				(OidIsValid(a->attcollation) &&
				 !get_collation_isdeterministic(a->attcollation)))
				return true;
			gs.kcol[gs.nkeys++] = mi;
		}
	}
	if (gs.norders == 0)
		return false;			/* seq_detect finds nothing either */

	cxt = AllocSetContextCreate(CurrentMemoryContext, "synthdata grid sample",
								ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(cxt);
	gs.cap = 1024;
	gs.o = palloc(sizeof(int64) * gs.cap * gs.norders);
	gs.onull = palloc(sizeof(bool) * gs.cap * gs.norders);
	gs.k = palloc(sizeof(uint64) * gs.cap * Max(gs.nkeys, 1));
	gs.knull = palloc(sizeof(bool) * gs.cap * Max(gs.nkeys, 1));
	MemoryContextSwitchTo(oldcxt);
	sample_for_each(st1, grid_sample_row, &gs);
	MemoryContextSwitchTo(cxt);
	possible = gs.infinite;
	for (j = 0; j < gs.norders && !possible; j++)
	{
		DetectPair *byo = palloc(sizeof(DetectPair) * Max(gs.n, 1));
		SdKeyIndex *keys = palloc(sizeof(SdKeyIndex) * Max(gs.n, 1));
		int64		n = 0,
					r;

		/*
		 * The rows with a value, by value, then row (k holds the row): a
		 * stable sort of the rows in their order by the value (its sign
		 * bit flipped, so that unsigned order is the value's order)
		 */
		for (r = 0; r < gs.n; r++)
			if (!gs.onull[r * gs.norders + j])
			{
				keys[n].key = (uint64) gs.o[r * gs.norders + j] ^ (UINT64CONST(1) << 63);
				keys[n++].index = r;
			}
		sd_sort_keys(keys, n);
		for (r = 0; r < n; r++)
		{
			byo[r].k = keys[r].index;
			byo[r].o = (int64) (keys[r].key ^ (UINT64CONST(1) << 63));
		}
		pfree(keys);
		for (kj = -1; kj < gs.nkeys && !possible; kj++)
		{
			CHECK_FOR_INTERRUPTS();
			possible = grid_pair_possible(&gs, j, kj, byo, n, (double) m->rows);
		}
	}
	MemoryContextSwitchTo(oldcxt);
	MemoryContextDelete(cxt);
	return possible;
}
