/*-------------------------------------------------------------------------
 *
 * sequence.c
 *		Fitted sequences: detection, estimation, the model's "sequence"
 *		member, and drawing rows as histories (see sequence.h).
 *
 * The dynamics live on the copula's latent scale, so every column keeps
 * the marginal the ordinary fit gave it.  For latent dimension j of the
 * row at step t of entity e:
 *
 *		z[j] = mu_j(time) + scale_j (sqrt(tau_j) a[j] + sqrt(1 - tau_j) w_j(t))
 *
 * a ~ N(0, R) is drawn once per entity through the copula's correlation
 * matrix R (entity attributes are a[j] itself); mu_j holds the seasonal
 * means by hour of day, weekday and month, estimated by one round of
 * backfitting (Hastie and Tibshirani 1990), and a linear trend; w_j is a
 * unit-variance AR(p) process fitted to the pooled within-entity
 * autocorrelations by the Levinson-Durbin recursion (Yule-Walker), p
 * chosen by AIC (Akaike 1974); its innovations are joined across
 * dimensions by their empirical correlation matrix, so cross-correlations
 * at lags 0 and 1 follow the data.  Categories take the mean latent value
 * of their interval, so a state that seldom changes keeps a persistent
 * latent and a changing one a weak one: a Gaussian-copula Markov chain.
 *
 * Reproducible by construction: entity e's length is a function of (seed,
 * e) only, so the entity holding row r is found by adding lengths from
 * entity 0 (remembered as they are found); its start, its burn-in and
 * every step's innovations are functions of (seed, e, step).  Drawing row
 * r therefore gives the same row whatever rows were drawn before it.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sequence.c
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
#include "distributions.h"
#include "model.h"
#include "options.h"
#include "rng.h"
#include "sequence.h"

#define SEQ_FIT_ROWS	100000	/* rows read to estimate the dynamics */
#define SEQ_MIN_SERIES	24		/* one series: at least this many rows */
#define SEQ_BURN		64		/* AR burn-in steps at an entity's start */
#define SEQ_MAX_CAND	4		/* candidate columns tried per role */
#define DAY_US			86400000000.0
#define YEAR_US			(365.2425 * DAY_US)

static const char *const sequence_option_names[] = {"key", "order", NULL};

/* ---------------------------------------------------------------------
 * Options
 * ---------------------------------------------------------------------
 */

/*
 * Option "sequence": false (never sequential), true (detect; the
 * default), or {"key": column or null, "order": column}.
 */
void
sd_seq_check_option(Jsonb *option)
{
	JsonbValue *v;

	if (option == NULL)
		return;
	if (JB_ROOT_IS_SCALAR(option))
	{
		JsonbValue	sv;

		if (!JsonbExtractScalar(&option->root, &sv) || sv.type != jbvBool)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"sequence\" must be a boolean or a JSON object"),
					 errhint("Use {\"key\": \"sensor_id\", \"order\": \"read_at\"}, or false.")));
		return;
	}
	if (!JB_ROOT_IS_OBJECT(option))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"sequence\" must be a boolean or a JSON object"),
				 errhint("Use {\"key\": \"sensor_id\", \"order\": \"read_at\"}, or false.")));
	sd_opts_check(option, sequence_option_names, "sequence");
	v = sd_opt_value(option, "order");
	if (v == NULL || v->type != jbvString)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"sequence\" must name its order column"),
				 errhint("Use {\"key\": \"sensor_id\", \"order\": \"read_at\"}.")));
	v = sd_opt_value(option, "key");
	if (v != NULL && v->type != jbvString && v->type != jbvNull)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("field \"key\" of option \"sequence\" must be a column name or null")));
}

/* ---------------------------------------------------------------------
 * Time
 * ---------------------------------------------------------------------
 */

static SeqOrderKind
order_kind_of(Oid typid, bool *ok)
{
	*ok = true;
	switch (typid)
	{
		case DATEOID:
			return SEQ_ORDER_DATE;
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			return SEQ_ORDER_TIMESTAMP;
		case INT2OID:
		case INT4OID:
		case INT8OID:
			return SEQ_ORDER_INTEGER;
		default:
			*ok = false;
			return SEQ_ORDER_INTEGER;
	}
}

/* an order value in microseconds since 2000-01-01 (not for integers) */
static inline double
order_usecs(const SdSeqModel *sm, double v)
{
	return sm->order_kind == SEQ_ORDER_DATE ? v * DAY_US : v;
}

/* calendar fields of an order value: year, month (1..12), day, weekday, hour */
static void
order_fields(const SdSeqModel *sm, double v, int *y, int *mo, int *d,
			 int *wday, int *hour, double *tod)
{
	double		us = order_usecs(sm, v);
	double		days = floor(us / DAY_US);
	double		rest = us - days * DAY_US;
	int			jd = (int) days + POSTGRES_EPOCH_JDATE;

	j2date(jd, y, mo, d);
	*wday = j2day(jd);
	*hour = Min(23, Max(0, (int) (rest / 3600e6)));
	*tod = rest;
}

/* the order value of a calendar day and time of day */
static double
order_from_fields(const SdSeqModel *sm, int y, int mo, int d, double tod)
{
	double		days;
	int			dim;

	/* the day exists in every month: the 31st of April is the 30th */
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	dim = mdays[mo - 1] + (mo == 2 && isleap(y) ? 1 : 0);
	d = Min(d, dim);
	days = date2j(y, mo, d) - POSTGRES_EPOCH_JDATE;
	if (sm->order_kind == SEQ_ORDER_DATE)
		return days;
	return days * DAY_US + tod;
}

/* ---------------------------------------------------------------------
 * Detection
 * ---------------------------------------------------------------------
 */

static bool
name_is_id_like(const char *name)
{
	int			len = strlen(name);

	if (pg_strcasecmp(name, "id") == 0)
		return false;			/* a table's own key, never an entity */
	if (len > 2 && pg_strcasecmp(name + len - 2, "id") == 0)
		return true;
	if (len > 4 && pg_strcasecmp(name + len - 4, "_key") == 0)
		return true;
	if (len > 5 && pg_strcasecmp(name + len - 5, "_code") == 0)
		return true;
	return false;
}

static bool
column_is_fk(Relation rel, AttrNumber attnum)
{
	ListCell   *lc;

	foreach(lc, RelationGetFKeyList(rel))
	{
		ForeignKeyCacheInfo *fk = lfirst(lc);

		if (fk->nkeys == 1 && fk->conkey[0] == attnum)
			return true;
	}
	return false;
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

/* a sample clause that reads about SEQ_FIT_ROWS rows of a big table */
static const char *
detect_sample(const Model *m)
{
	if (m->rows <= 2 * SEQ_FIT_ROWS)
		return "";
	return psprintf(" TABLESAMPLE SYSTEM (%.6f) REPEATABLE (0)",
					100.0 * 2 * SEQ_FIT_ROWS / (double) m->rows);
}

/*
 * Is the table sequential?  An order column (date or timestamp) unique
 * over the table is one series; a key column (a foreign key, or named like
 * an identifier: ..._id, ..._key, ..._code) whose pairs with the order
 * column are unique, with three rows per key or more, makes a panel.
 * Integer order columns are taken only from the option.
 */
static bool
detect_sequence(Relation rel, const char *qualified, const Model *m,
				char **key, char **order, char **reason)
{
	TupleDesc	td = RelationGetDescr(rel);
	const char *sample = detect_sample(m);
	int			i,
				j,
				norders = 0,
				nkeys = 0;
	int			orders[SEQ_MAX_CAND],
				keys[SEQ_MAX_CAND];
	int64		c[3];

	for (i = 0; i < td->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(td, i);

		if (a->attisdropped || a->attgenerated)
			continue;
		if ((a->atttypid == DATEOID || a->atttypid == TIMESTAMPOID ||
			 a->atttypid == TIMESTAMPTZOID) && norders < SEQ_MAX_CAND)
			orders[norders++] = i;
		else if ((a->atttypid == INT2OID || a->atttypid == INT4OID ||
				  a->atttypid == INT8OID || a->atttypid == TEXTOID ||
				  a->atttypid == VARCHAROID || a->atttypid == BPCHAROID ||
				  a->atttypid == UUIDOID) &&
				 (name_is_id_like(NameStr(a->attname)) ||
				  column_is_fk(rel, a->attnum)) &&
				 nkeys < SEQ_MAX_CAND)
			keys[nkeys++] = i;
	}
	for (i = 0; i < norders; i++)
	{
		const char *o = quote_identifier(NameStr(TupleDescAttr(td, orders[i])->attname));

		for (j = 0; j < nkeys; j++)
		{
			const char *k = quote_identifier(NameStr(TupleDescAttr(td, keys[j])->attname));

			CHECK_FOR_INTERRUPTS();
			spi_counts(psprintf("SELECT pg_catalog.count(*), pg_catalog.count(DISTINCT %s), "
								"pg_catalog.count(DISTINCT (%s, %s)) FROM %s%s "
								"WHERE %s IS NOT NULL AND %s IS NOT NULL",
								k, k, o, qualified, sample, k, o),
					   c, 3);
			if (c[0] >= 30 && c[1] >= 2 && c[2] == c[0] && c[0] >= 3 * c[1])
			{
				*key = pstrdup(NameStr(TupleDescAttr(td, keys[j])->attname));
				*order = pstrdup(NameStr(TupleDescAttr(td, orders[i])->attname));
				*reason = psprintf("each %s has a history ordered by %s (" INT64_FORMAT
								   " rows for " INT64_FORMAT " keys, one row per key and time)",
								   *key, *order, c[0], c[1]);
				return true;
			}
		}
	}
	for (i = 0; i < norders; i++)
	{
		const char *o = quote_identifier(NameStr(TupleDescAttr(td, orders[i])->attname));

		CHECK_FOR_INTERRUPTS();
		spi_counts(psprintf("SELECT pg_catalog.count(*), pg_catalog.count(%s), "
							"pg_catalog.count(DISTINCT %s) FROM %s",
							o, o, qualified),
				   c, 3);
		if (c[0] >= SEQ_MIN_SERIES && c[1] == c[0] && c[2] == c[0])
		{
			*key = NULL;
			*order = pstrdup(NameStr(TupleDescAttr(td, orders[i])->attname));
			*reason = psprintf("%s is unique and not null: one series", *order);
			return true;		/* kept only if its grid is regular */
		}
	}
	return false;
}

/* ---------------------------------------------------------------------
 * Reading the rows on the latent scale
 * ---------------------------------------------------------------------
 */

typedef struct SeqData
{
	int			D;
	int64		n;				/* rows read */
	int64		cap;
	double	   *t;				/* order value per row */
	double	   *z;				/* n x D latent values, NaN = none */
	int64		nent;
	int64	   *first;			/* first row of each entity, nent + 1 */
} SeqData;

static void
data_grow(SeqData *sd)
{
	if (sd->n < sd->cap)
		return;
	sd->cap = sd->cap ? sd->cap * 2 : 1024;
	sd->t = sd->t ? repalloc_huge(sd->t, sizeof(double) * sd->cap)
		: palloc_extended(sizeof(double) * sd->cap, MCXT_ALLOC_HUGE);
	sd->z = sd->z ? repalloc_huge(sd->z, sizeof(double) * sd->cap * Max(sd->D, 1))
		: palloc_extended(sizeof(double) * sd->cap * Max(sd->D, 1), MCXT_ALLOC_HUGE);
}

/* one row's latent values, as the sampler reads them */
static void
row_latent(Sampler *s, HeapTuple tup, TupleDesc td, double *z, int D)
{
	int			att,
				j;

	for (j = 0; j < D; j++)
		z[j] = NAN;
	for (att = 0; att < td->natts; att++)
	{
		SdCloneColumn info;
		bool		isnull;
		Datum		v;

		if (TupleDescAttr(td, att)->attisdropped)
			continue;
		sd_clone_column(s, att, &info);
		if (!info.modelled || info.value_dim < 0)
			continue;
		v = heap_getattr(tup, att + 1, td, &isnull);
		if (isnull)
			continue;
		if (info.continuous)
		{
			int			pcat = -1;
			double		zz;

			if (info.parent_att >= 0)
			{
				bool		pnull;
				Datum		pv = heap_getattr(tup, info.parent_att + 1, td, &pnull);

				if (!pnull)
					pcat = sd_clone_category(s, info.parent_att, pv);
			}
			if (sd_clone_score(s, att, v, pcat, &zz, NULL))
				z[info.value_dim] = zz;
		}
		else if (info.categorical)
		{
			int			cat = sd_clone_category(s, att, v);
			double		lo,
						hi;

			if (cat < 0)
				continue;
			sd_clone_category_bounds(s, att, cat, &lo, &hi);
			z[info.value_dim] = sd_interval_mean(lo, hi);
		}
	}
}

static double
datum_order(SeqOrderKind kind, Oid typid, Datum d)
{
	switch (typid)
	{
		case DATEOID:
			return DATE_NOT_FINITE(DatumGetDateADT(d)) ? NAN : (double) DatumGetDateADT(d);
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			return TIMESTAMP_NOT_FINITE(DatumGetTimestamp(d)) ? NAN :
				(double) DatumGetTimestamp(d);
		case INT2OID:
			return DatumGetInt16(d);
		case INT4OID:
			return DatumGetInt32(d);
		default:
			return (double) DatumGetInt64(d);
	}
	(void) kind;
}

/*
 * The rows ordered by key and order (a sample of whole entities of a big
 * table: those whose key hashes below a threshold), mapped to the latent
 * scale through a sampler of the model just fitted.
 */
static void
read_rows(Relation rel, const char *qualified, Model *m, SdSeqModel *sm,
		  SeqData *sd)
{
	TupleDesc	td = RelationGetDescr(rel);
	Sampler    *s;
	StringInfoData q;
	Portal		portal;
	int			katt = -1,
				oatt = -1,
				i;
	char	   *prev = NULL;
	Oid			otyp;
	int64		first_cap = 1024;

	for (i = 0; i < td->natts; i++)
	{
		const char *nm = NameStr(TupleDescAttr(td, i)->attname);

		if (TupleDescAttr(td, i)->attisdropped)
			continue;
		if (strcmp(nm, sm->order) == 0)
			oatt = i;
		if (sm->key && strcmp(nm, sm->key) == 0)
			katt = i;
	}
	otyp = TupleDescAttr(td, oatt)->atttypid;
	sampler_quiet = true;
	s = sampler_create(m, td, InvalidOid, RelationGetRelationName(rel), 0);
	sampler_quiet = false;

	initStringInfo(&q);
	appendStringInfo(&q, "SELECT * FROM %s WHERE %s IS NOT NULL",
					 qualified, quote_identifier(sm->order));
	if (sm->key)
	{
		appendStringInfo(&q, " AND %s IS NOT NULL", quote_identifier(sm->key));
		if (m->rows > SEQ_FIT_ROWS)
			appendStringInfo(&q, " AND (pg_catalog.hashtext(%s::pg_catalog.text) "
							 "OPERATOR(pg_catalog.&) 1048575) OPERATOR(pg_catalog.<) %d",
							 quote_identifier(sm->key),
							 (int) ceil(1048576.0 * SEQ_FIT_ROWS / (double) m->rows));
		appendStringInfo(&q, " ORDER BY %s, %s", quote_identifier(sm->key),
						 quote_identifier(sm->order));
	}
	else
		appendStringInfo(&q, " ORDER BY %s LIMIT %d", quote_identifier(sm->order),
						 SEQ_FIT_ROWS);

	sd->D = m->ndims;
	sd->first = palloc(sizeof(int64) * first_cap);
	portal = SPI_cursor_open_with_args(NULL, q.data, 0, NULL, NULL, NULL, true, 0);
	for (;;)
	{
		uint64		r;

		SPI_cursor_fetch(portal, true, 1000);
		if (SPI_processed == 0)
			break;
		for (r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			bool		isnull;
			Datum		ov = heap_getattr(tup, oatt + 1, SPI_tuptable->tupdesc, &isnull);
			double		t = datum_order(sm->order_kind, otyp, ov);

			CHECK_FOR_INTERRUPTS();
			if (isnan(t))
				continue;
			if (katt >= 0)
			{
				Datum		kv = heap_getattr(tup, katt + 1, SPI_tuptable->tupdesc, &isnull);
				char	   *ks = SPI_getvalue(tup, SPI_tuptable->tupdesc, katt + 1);

				(void) kv;
				if (prev == NULL || strcmp(prev, ks) != 0)
				{
					if (sd->nent + 2 > first_cap)
					{
						first_cap *= 2;
						sd->first = repalloc_huge(sd->first, sizeof(int64) * first_cap);
					}
					sd->first[sd->nent++] = sd->n;
					if (prev)
						pfree(prev);
					prev = ks;
				}
				else
					pfree(ks);
			}
			else if (sd->nent == 0)
				sd->first[sd->nent++] = 0;
			data_grow(sd);
			sd->t[sd->n] = t;
			row_latent(s, tup, SPI_tuptable->tupdesc, sd->z + sd->n * Max(sd->D, 1), sd->D);
			sd->n++;
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	sd->first[sd->nent] = sd->n;
}

/* ---------------------------------------------------------------------
 * Estimation
 * ---------------------------------------------------------------------
 */

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : x > y;
}

/*
 * SEQ_Q quantiles of n values, the k - 1 smallest and largest clipped to
 * the k-th: no quantile point is a value fewer than k entities share.
 */
static void
clipped_quantiles(double *v, int64 n, int k, double *q)
{
	int64		lo,
				hi;
	int			i;

	qsort(v, n, sizeof(double), cmp_double);
	lo = Min(k - 1, (n - 1) / 2);
	hi = Max(n - k, n - 1 - (n - 1) / 2);
	for (i = 0; i < SEQ_Q; i++)
	{
		double		pos = lo + (hi - lo) * (double) i / (SEQ_Q - 1);
		int64		a = (int64) floor(pos);
		double		w = pos - a;

		q[i] = a + 1 < n ? v[a] * (1 - w) + v[a + 1] * w : v[a];
	}
}

/* the grid of the order column: fixed step, calendar months, or free */
static void
estimate_grid(SdSeqModel *sm, const SeqData *sd, int k)
{
	int64		e,
				r,
				ngaps = 0;
	double	   *gaps = palloc(sizeof(double) * Max(sd->n, 1));
	bool		fixed = true,
				months = sm->order_kind != SEQ_ORDER_INTEGER;
	int			mstep = -1,
				mday = -1;
	double		tod = -1,
				g0 = NAN,
				grain;

	for (e = 0; e < sd->nent; e++)
	{
		for (r = sd->first[e] + 1; r < sd->first[e + 1]; r++)
		{
			double		g = sd->t[r] - sd->t[r - 1];

			gaps[ngaps++] = g;
			if (isnan(g0))
				g0 = g;
			if (fabs(g - g0) > 1e-9 * Max(1, fabs(g0)))
				fixed = false;
			if (months)
			{
				int			y1,
							m1,
							d1,
							y2,
							m2,
							d2,
							wd,
							h;
				double		t1,
							t2;

				order_fields(sm, sd->t[r - 1], &y1, &m1, &d1, &wd, &h, &t1);
				order_fields(sm, sd->t[r], &y2, &m2, &d2, &wd, &h, &t2);
				if (mstep < 0)
				{
					mstep = (y2 - y1) * 12 + (m2 - m1);
					mday = d1;
					tod = t1;
				}
				if ((y2 - y1) * 12 + (m2 - m1) != mstep || mstep < 1 ||
					d1 != mday || d2 != mday || t1 != tod || t2 != tod)
					months = false;
			}
		}
	}
	if (ngaps > 0 && fixed && g0 > 0)
	{
		sm->grid = SEQ_GRID_FIXED;
		sm->step = g0;
		sm->anchor = sd->t[0] - floor(sd->t[0] / g0) * g0;
	}
	else if (ngaps > 0 && months && mstep >= 1)
	{
		sm->grid = SEQ_GRID_MONTHS;
		sm->step = mstep;
		sm->mday = mday;
		sm->tod = tod;
	}
	else
	{
		sm->grid = SEQ_GRID_FREE;
		/* the coarsest of second, minute, hour, day dividing every time */
		grain = 1;
		if (sm->order_kind == SEQ_ORDER_TIMESTAMP)
		{
			static const double units[] = {86400e6, 3600e6, 60e6, 1e6, 1e3};
			int			u;

			for (u = 0; u < (int) lengthof(units); u++)
			{
				for (r = 0; r < sd->n; r++)
					if (fmod(sd->t[r], units[u]) != 0)
						break;
				if (r == sd->n)
				{
					grain = units[u];
					break;
				}
			}
		}
		sm->grain = grain;
		if (ngaps > 0)
			clipped_quantiles(gaps, ngaps, k, sm->gapq);
		else
			memset(sm->gapq, 0, sizeof(sm->gapq));
	}
	pfree(gaps);
}

/* lengths and starts of the entities */
static void
estimate_entities(SdSeqModel *sm, const SeqData *sd, int k)
{
	double	   *len = palloc(sizeof(double) * Max(sd->nent, 1));
	double	   *start = palloc(sizeof(double) * Max(sd->nent, 1));
	int64		e;

	for (e = 0; e < sd->nent; e++)
	{
		len[e] = (double) (sd->first[e + 1] - sd->first[e]);
		start[e] = sd->t[sd->first[e]];
	}
	sm->entities = sd->nent;
	clipped_quantiles(len, sd->nent, k, sm->lenq);
	clipped_quantiles(start, sd->nent, k, sm->startq);
	pfree(len);
	pfree(start);
}

/* the years of an order value from the trend's origin */
static inline double
order_years(const SdSeqModel *sm, double t)
{
	if (sm->order_kind == SEQ_ORDER_INTEGER)
		return 0;
	return order_usecs(sm, t) / YEAR_US - sm->time_center;
}

/* which seasonalities the grid can show */
static void
choose_seasons(SdSeqModel *sm, const SeqData *sd)
{
	double		gap_us,
				span_us;

	if (sm->order_kind == SEQ_ORDER_INTEGER || sd->n < 2)
		return;
	if (sm->grid == SEQ_GRID_FIXED)
		gap_us = order_usecs(sm, sm->step);
	else if (sm->grid == SEQ_GRID_MONTHS)
		gap_us = sm->step * 30.4 * DAY_US;
	else
		gap_us = order_usecs(sm, sm->gapq[SEQ_Q / 2]);
	span_us = order_usecs(sm, sm->startq[SEQ_Q - 1] + sm->lenq[SEQ_Q / 2] *
						  (sm->grid == SEQ_GRID_MONTHS ? 30.4 : 1) *
						  (sm->grid == SEQ_GRID_FIXED ? sm->step : 1)) -
		order_usecs(sm, sm->startq[0]);
	sm->season_hour = gap_us < DAY_US;
	sm->season_wday = gap_us < 7 * DAY_US;
	sm->season_month = gap_us < 366 * DAY_US && gap_us >= DAY_US &&
		span_us >= 300 * DAY_US;
	if (sm->grid == SEQ_GRID_MONTHS && sm->step >= 12)
		sm->season_month = false;
	if (sm->grid == SEQ_GRID_MONTHS)
		sm->season_wday = false;
}

/*
 * Means of the residuals by bucket (at least k rows in a bucket, else
 * 0), subtracted from them.
 */
static void
season_pass(const SdSeqModel *sm, const SeqData *sd, double *res, int j,
			int which, double *means, int nb, int k)
{
	double		sum[24];
	int64		cnt[24];
	int64		r;
	int			b;

	memset(sum, 0, sizeof(sum));
	memset(cnt, 0, sizeof(cnt));
	for (r = 0; r < sd->n; r++)
	{
		int			y,
					mo,
					d,
					wd,
					h;
		double		tod;

		if (isnan(res[r]))
			continue;
		order_fields(sm, sd->t[r], &y, &mo, &d, &wd, &h, &tod);
		b = which == 0 ? h : which == 1 ? wd : mo - 1;
		sum[b] += res[r];
		cnt[b]++;
	}
	for (b = 0; b < nb; b++)
		means[b] = cnt[b] >= k ? sum[b] / cnt[b] : 0;
	for (r = 0; r < sd->n; r++)
	{
		int			y,
					mo,
					d,
					wd,
					h;
		double		tod;

		if (isnan(res[r]))
			continue;
		order_fields(sm, sd->t[r], &y, &mo, &d, &wd, &h, &tod);
		b = which == 0 ? h : which == 1 ? wd : mo - 1;
		res[r] -= means[b];
	}
	(void) j;
}

/* the bucket of the finest season at t (hour, weekday, month), or -1 */
static int
scale_bucket(const SdSeqModel *sm, double t, int *nb)
{
	int			y,
				mo,
				dd,
				wd,
				h;
	double		tod;

	*nb = sm->season_hour ? 24 : sm->season_wday ? 7 : sm->season_month ? 12 : 0;
	if (*nb == 0)
		return -1;
	order_fields(sm, t, &y, &mo, &dd, &wd, &h, &tod);
	return sm->season_hour ? h : sm->season_wday ? wd : mo - 1;
}

/* the seasonal mean and trend of dimension j at order value t */
static double
dim_mean(const SdSeqModel *sm, const SeqDim *d, double t)
{
	int			y,
				mo,
				dd,
				wd,
				h;
	double		tod,
				mu = 0;

	if (sm->order_kind == SEQ_ORDER_INTEGER)
		return 0;
	if (sm->season_hour || sm->season_wday || sm->season_month)
	{
		order_fields(sm, t, &y, &mo, &dd, &wd, &h, &tod);
		if (sm->season_hour)
			mu += d->hour[h];
		if (sm->season_wday)
			mu += d->wday[wd];
		if (sm->season_month)
			mu += d->month[mo - 1];
	}
	return mu + d->trend * order_years(sm, t);
}

/*
 * Yule-Walker by the Levinson-Durbin recursion on autocorrelations
 * rho[0..pmax] (rho[0] = 1): the order by AIC over n observations, its
 * coefficients and innovation variance (of a unit-variance process).
 */
static int
levinson_aic(const double *rho, int pmax, int64 n, double *phi, double *var)
{
	double		a[SEQ_MAX_P + 1][SEQ_MAX_P + 1];
	double		v = 1,
				best_aic = (double) n * log(1.0),
				best_v = 1;
	int			p,
				i,
				best = 0;

	memset(a, 0, sizeof(a));
	for (p = 1; p <= pmax; p++)
	{
		double		num = rho[p],
					kappa;

		for (i = 1; i < p; i++)
			num -= a[p - 1][i] * rho[p - i];
		kappa = num / v;
		if (!(fabs(kappa) < 0.999))
			break;
		for (i = 1; i < p; i++)
			a[p][i] = a[p - 1][i] - kappa * a[p - 1][p - i];
		a[p][p] = kappa;
		v *= 1 - kappa * kappa;
		if ((double) n * log(v) + 2.0 * p < best_aic - 1e-9)
		{
			best_aic = (double) n * log(v) + 2.0 * p;
			best = p;
			best_v = v;
		}
	}
	for (i = 0; i < SEQ_MAX_P; i++)
		phi[i] = i < best ? a[best][i + 1] : 0;
	*var = best_v;
	return best;
}

/*
 * One dimension's dynamics from its latent values: entity constant, or
 * seasonal means, trend, entity share and AR(p).  Leaves the innovations
 * in eta (NaN where there are none).
 */
static void
estimate_dim(SdSeqModel *sm, const SeqData *sd, int j, int k, double *eta)
{
	SeqDim	   *d = &sm->dims[j];
	int			D = sd->D;
	double	   *res = palloc(sizeof(double) * Max(sd->n, 1));
	double		acc[SEQ_MAX_P + 1],
				rho[SEQ_MAX_P + 1],
				var_mu = 0,
				sx = 0,
				sy = 0,
				sxx = 0,
				sxy = 0,
				tot = 0,
				between = 0,
				within = 0,
				sdev;
	int64		cnt[SEQ_MAX_P + 1],
				r,
				e,
				nobs = 0,
				maxlen = 0,
				multi = 0;
	bool		constant = true;
	int			h,
				pmax;

	d->entity = false;
	d->p = 0;
	d->sigma = 1;
	d->tau = 0;
	d->scale = 1;
	for (r = 0; r < sd->n; r++)
		res[r] = sd->z[r * D + j];
	/* on the scale of the data's own spread, so the parts add up to one */
	{
		double		s1 = 0,
					s2 = 0;
		int64		m = 0;

		for (r = 0; r < sd->n; r++)
			if (!isnan(res[r]))
			{
				s1 += res[r];
				s2 += res[r] * res[r];
				m++;
			}
		sdev = m > 1 ? sqrt(Max(1e-12, s2 / m - (s1 / m) * (s1 / m))) : 1;
		for (r = 0; r < sd->n; r++)
			res[r] /= sdev;
	}

	/* constant within every entity (and some entity shows it twice)? */
	for (e = 0; e < sd->nent && constant; e++)
	{
		double		v0 = NAN;
		int64		seen = 0;

		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
		{
			if (isnan(res[r]))
				continue;
			if (seen++ == 0)
				v0 = res[r];
			else if (fabs(res[r] - v0) > 1e-9)
			{
				constant = false;
				break;
			}
		}
		if (seen > 1)
			multi++;
	}
	if (sm->key != NULL && constant && multi > 0)
	{
		d->entity = true;
		pfree(res);
		for (r = 0; r < sd->n; r++)
			eta[r] = NAN;
		return;
	}

	/* seasonal means, one round of backfitting, then the trend */
	if (sm->season_hour)
		season_pass(sm, sd, res, j, 0, d->hour, 24, k);
	if (sm->season_wday)
		season_pass(sm, sd, res, j, 1, d->wday, 7, k);
	if (sm->season_month)
		season_pass(sm, sd, res, j, 2, d->month, 12, k);
	for (r = 0; r < sd->n; r++)
	{
		double		x = order_years(sm, sd->t[r]);

		if (isnan(res[r]))
			continue;
		sx += x;
		sy += res[r];
		sxx += x * x;
		sxy += x * res[r];
		nobs++;
	}
	if (nobs > 2 && sxx * nobs - sx * sx > 1e-12)
		d->trend = (nobs * sxy - sx * sy) / (nobs * sxx - sx * sx);
	d->trend = Max(-2, Min(2, d->trend));
	for (r = 0; r < sd->n; r++)
	{
		double		mu;

		if (isnan(res[r]))
			continue;
		mu = dim_mean(sm, d, sd->t[r]);
		res[r] = sd->z[r * D + j] / sdev - mu;
		var_mu += mu * mu;
	}
	var_mu = nobs > 0 ? var_mu / nobs : 0;
	if (var_mu > 0.95)
	{
		/* the means explain nearly all: shrink them to leave some noise */
		double		f = sqrt(0.95 / var_mu);
		int			b;

		for (b = 0; b < 24; b++)
			d->hour[b] *= f;
		for (b = 0; b < 7; b++)
			d->wday[b] *= f;
		for (b = 0; b < 12; b++)
			d->month[b] *= f;
		d->trend *= f;
		var_mu = 0.95;
	}
	d->scale = sqrt(1 - var_mu);
	/*
	 * The spread left around the seasonal means differs by season on the
	 * latent scale (a seasonal marginal's normal scores stretch its busy
	 * ends): one residual sd per bucket of the finest season, rescaled so
	 * that their mean square stays 1 - var_mu.
	 */
	{
		double		ss[24],
					tot2 = 0;
		int64		cn[24],
					ntot = 0;
		int			nb,
					b;

		memset(ss, 0, sizeof(ss));
		memset(cn, 0, sizeof(cn));
		for (b = 0; b < 24; b++)
			d->bscale[b] = d->scale;
		for (r = 0; r < sd->n; r++)
		{
			if (isnan(res[r]))
				continue;
			b = scale_bucket(sm, sd->t[r], &nb);
			if (b < 0)
				break;
			ss[b] += res[r] * res[r];
			cn[b]++;
		}
		(void) scale_bucket(sm, sd->n > 0 ? sd->t[0] : 0, &nb);
		for (b = 0; b < nb; b++)
			if (cn[b] >= k)
			{
				d->bscale[b] = sqrt(Max(1e-4, ss[b] / cn[b]));
				tot2 += ss[b];
				ntot += cn[b];
			}
		if (ntot > 0)
		{
			double		f = d->scale / sqrt(Max(1e-8, tot2 / ntot));

			for (b = 0; b < nb; b++)
				d->bscale[b] = cn[b] >= k ? Min(1, d->bscale[b] * f) : d->scale;
		}
	}

	/* entity share: between-entity variance of the means */
	for (e = 0; e < sd->nent; e++)
	{
		double		s = 0,
					ss = 0;
		int64		m = 0;

		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
		{
			if (isnan(res[r]))
				continue;
			{
				int			nb,
							b = scale_bucket(sm, sd->t[r], &nb);

				res[r] /= b >= 0 ? Max(1e-3, d->bscale[b]) : d->scale;
			}
			s += res[r];
			ss += res[r] * res[r];
			m++;
		}
		maxlen = Max(maxlen, sd->first[e + 1] - sd->first[e]);
		tot += ss;
		if (m > 1)
		{
			between += m * (s / m) * (s / m);
			within += ss - s * s / m;
		}
	}
	if (sm->key != NULL && tot > 0 && nobs > sd->nent)
	{
		double		wvar = within / (double) (nobs - sd->nent);
		double		bvar = between / (double) nobs - wvar * sd->nent / (double) nobs;

		d->tau = Max(0, Min(0.95, bvar / (tot / nobs)));
	}
	/* the within-entity part, at unit variance */
	for (e = 0; e < sd->nent; e++)
	{
		double		s = 0;
		int64		m = 0;

		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			if (!isnan(res[r]))
			{
				s += res[r];
				m++;
			}
		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			if (!isnan(res[r]))
				res[r] = (res[r] - (d->tau > 0 ? s / m : 0)) /
					sqrt(Max(1e-6, (1 - d->tau)));
	}

	/* pooled autocorrelations within entities, AR order by AIC */
	pmax = (int) Min(SEQ_MAX_P, maxlen / 4);
	memset(acc, 0, sizeof(acc));
	memset(cnt, 0, sizeof(cnt));
	for (e = 0; e < sd->nent; e++)
		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			for (h = 0; h <= pmax && r - h >= sd->first[e]; h++)
				if (!isnan(res[r]) && !isnan(res[r - h]))
				{
					acc[h] += res[r] * res[r - h];
					cnt[h]++;
				}
	if (pmax > 0 && cnt[0] > 10 && acc[0] > 0)
	{
		double		v;

		rho[0] = 1;
		for (h = 1; h <= pmax; h++)
			rho[h] = cnt[h] > 0 ? (acc[h] / cnt[h]) / (acc[0] / cnt[0]) : 0;
		d->p = levinson_aic(rho, pmax, cnt[0], d->phi, &v);
		d->sigma = sqrt(Max(v, 1e-6));
	}
	/* innovations */
	for (e = 0; e < sd->nent; e++)
		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
		{
			double		x = res[r];

			eta[r] = NAN;
			if (isnan(x) || r - d->p < sd->first[e])
				continue;
			for (h = 1; h <= d->p && !isnan(x); h++)
				x -= d->phi[h - 1] * res[r - h];
			eta[r] = x;
		}
	pfree(res);
}

/* the innovations' correlations; pairs without data take the copula's */
static void
estimate_innovations(SdSeqModel *sm, const double *eta, int64 n,
					 const double *R)
{
	int			D = sm->ndims,
				i,
				j;
	int64		r;

	sm->innov = palloc(sizeof(double) * Max(D * D, 1));
	for (i = 0; i < D; i++)
		for (j = 0; j <= i; j++)
		{
			double		sxy = 0,
						sxx = 0,
						syy = 0,
						c;
			int64		m = 0;

			if (i == j)
			{
				sm->innov[i * D + j] = 1;
				continue;
			}
			for (r = 0; r < n; r++)
			{
				double		x = eta[r * D + i],
							y = eta[r * D + j];

				if (isnan(x) || isnan(y))
					continue;
				sxy += x * y;
				sxx += x * x;
				syy += y * y;
				m++;
			}
			if (sm->dims[i].entity || sm->dims[j].entity)
				c = 0;
			else if (m >= 30 && sxx > 0 && syy > 0)
				c = sxy / sqrt(sxx * syy);
			else
				c = R[i * D + j];
			c = Max(-0.99, Min(0.99, c));
			sm->innov[i * D + j] = sm->innov[j * D + i] = c;
		}
	if (D > 0)
		sd_make_positive_definite(sm->innov, D);
}

/* ---------------------------------------------------------------------
 * Fit
 * ---------------------------------------------------------------------
 */

static void
order_column_check(Relation rel, const char *name, bool key, SeqOrderKind *kind)
{
	TupleDesc	td = RelationGetDescr(rel);
	int			i;

	for (i = 0; i < td->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(td, i);
		bool		ok;

		if (a->attisdropped || strcmp(NameStr(a->attname), name) != 0)
			continue;
		if (key)
			return;
		*kind = order_kind_of(a->atttypid, &ok);
		if (!ok)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("order column \"%s\" of option \"sequence\" must be a date, a timestamp or an integer",
							name),
					 errdetail("Column \"%s\" is of type %s.", name,
							   format_type_be(a->atttypid))));
		return;
	}
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_COLUMN),
			 errmsg("column \"%s\" named in option \"sequence\" does not exist in relation \"%s\"",
					name, RelationGetRelationName(rel))));
}

/*
 * The model in the context of the fitted Model: the fit runs inside SPI,
 * whose memory goes at SPI_finish.
 */
static SdSeqModel *
seq_copy(const SdSeqModel *src, MemoryContext cxt)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	SdSeqModel *sm = palloc(sizeof(SdSeqModel));
	int			D = src->ndims;

	*sm = *src;
	sm->key = src->key ? pstrdup(src->key) : NULL;
	sm->order = pstrdup(src->order);
	sm->reason = pstrdup(src->reason);
	sm->dims = palloc(sizeof(SeqDim) * Max(D, 1));
	memcpy(sm->dims, src->dims, sizeof(SeqDim) * D);
	sm->innov = palloc(sizeof(double) * Max(D * D, 1));
	memcpy(sm->innov, src->innov, sizeof(double) * D * D);
	MemoryContextSwitchTo(old);
	return sm;
}

SdSeqModel *
sd_seq_fit(Oid relid, Model *m, Jsonb *option)
{
	Relation	rel;
	SdSeqModel *sm;
	SeqData		sd;
	char	   *key = NULL,
			   *order = NULL,
			   *reason = NULL;
	const char *qualified;
	double	   *eta;
	int64		r;
	int			j;
	bool		detected = true;

	if (option != NULL && JB_ROOT_IS_SCALAR(option))
	{
		JsonbValue	sv;

		if (JsonbExtractScalar(&option->root, &sv) && sv.type == jbvBool &&
			!sv.val.boolean)
			return NULL;
		option = NULL;
	}
	rel = relation_open(relid, AccessShareLock);
	qualified = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
										   RelationGetRelationName(rel));
	sm = palloc0(sizeof(SdSeqModel));
	if (option != NULL)
	{
		order = sd_opt_text(option, "order");
		key = sd_opt_text(option, "key");
		order_column_check(rel, order, false, &sm->order_kind);
		if (key)
			order_column_check(rel, key, true, NULL);
		reason = pstrdup("option \"sequence\"");
		detected = false;
	}
	else if (m->rows < SEQ_MIN_SERIES ||
			 !detect_sequence(rel, qualified, m, &key, &order, &reason))
	{
		relation_close(rel, AccessShareLock);
		return NULL;
	}
	else
		order_column_check(rel, order, false, &sm->order_kind);
	sm->key = key;
	sm->order = order;
	sm->reason = reason;

	memset(&sd, 0, sizeof(sd));
	read_rows(rel, qualified, m, sm, &sd);
	relation_close(rel, AccessShareLock);
	if (sd.n < 2 || sd.nent < 1)
	{
		if (!detected)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("too few rows to fit the sequences of \"%s\"", m->table),
					 errdetail("A sequence model needs two rows with an order value or more.")));
		return NULL;
	}
	estimate_grid(sm, &sd, m->k);
	/* a detected single series must be a regular grid */
	if (detected && sm->key == NULL && sm->grid == SEQ_GRID_FREE)
		return NULL;
	estimate_entities(sm, &sd, m->k);
	if (sm->order_kind != SEQ_ORDER_INTEGER)
	{
		double		s = 0;

		for (r = 0; r < sd.n; r++)
			s += order_usecs(sm, sd.t[r]) / YEAR_US;
		sm->time_center = s / sd.n;
	}
	choose_seasons(sm, &sd);
	sm->rows = sd.n;
	sm->ndims = sd.D;
	sm->dims = palloc0(sizeof(SeqDim) * Max(sd.D, 1));
	eta = palloc_extended(sizeof(double) * Max(sd.n * sd.D, 1), MCXT_ALLOC_HUGE);
	{
		double	   *col = palloc_extended(sizeof(double) * Max(sd.n, 1), MCXT_ALLOC_HUGE);

		for (j = 0; j < sd.D; j++)
		{
			CHECK_FOR_INTERRUPTS();
			estimate_dim(sm, &sd, j, m->k, col);
			for (r = 0; r < sd.n; r++)
				eta[r * sd.D + j] = col[r];
		}
		pfree(col);
	}
	estimate_innovations(sm, eta, sd.n, m->corr);
	pfree(eta);
	return seq_copy(sm, GetMemoryChunkContext(m));
}

/* ---------------------------------------------------------------------
 * JSON
 * ---------------------------------------------------------------------
 */

static void
json_num(StringInfo b, double v)
{
	if (v == rint(v) && fabs(v) < 1e15)
		appendStringInfo(b, "%.0f", v);
	else
		appendStringInfo(b, "%.9g", v);
}

static void
json_nums(StringInfo b, const double *v, int n)
{
	int			i;

	appendStringInfoChar(b, '[');
	for (i = 0; i < n; i++)
	{
		if (i)
			appendStringInfoString(b, ", ");
		json_num(b, v[i]);
	}
	appendStringInfoChar(b, ']');
}

static const char *const grid_names[] = {"fixed", "months", "free", NULL};
static const char *const order_kind_names[] = {"date", "timestamp", "integer", NULL};

void
sd_seq_to_json(StringInfo b, const SdSeqModel *sm)
{
	int			j;

	appendStringInfoString(b, "{\"key\": ");
	if (sm->key)
		escape_json(b, sm->key);
	else
		appendStringInfoString(b, "null");
	appendStringInfoString(b, ", \"order\": ");
	escape_json(b, sm->order);
	appendStringInfoString(b, ", \"reason\": ");
	escape_json(b, sm->reason);
	appendStringInfo(b, ", \"order_kind\": \"%s\", \"entities\": " INT64_FORMAT
					 ", \"rows\": " INT64_FORMAT ",\n \"grid\": {\"kind\": \"%s\"",
					 order_kind_names[sm->order_kind], sm->entities, sm->rows,
					 grid_names[sm->grid]);
	switch (sm->grid)
	{
		case SEQ_GRID_FIXED:
			appendStringInfoString(b, ", \"step\": ");
			json_num(b, sm->step);
			appendStringInfoString(b, ", \"anchor\": ");
			json_num(b, sm->anchor);
			break;
		case SEQ_GRID_MONTHS:
			appendStringInfoString(b, ", \"months\": ");
			json_num(b, sm->step);
			appendStringInfo(b, ", \"day\": %d, \"time_of_day\": ", sm->mday);
			json_num(b, sm->tod);
			break;
		case SEQ_GRID_FREE:
			appendStringInfoString(b, ", \"grain\": ");
			json_num(b, sm->grain);
			appendStringInfoString(b, ", \"gap_quantiles\": ");
			json_nums(b, sm->gapq, SEQ_Q);
			break;
	}
	appendStringInfoString(b, "},\n \"length_quantiles\": ");
	json_nums(b, sm->lenq, SEQ_Q);
	appendStringInfoString(b, ",\n \"start_quantiles\": ");
	json_nums(b, sm->startq, SEQ_Q);
	appendStringInfo(b, ",\n \"seasons\": {\"hour\": %s, \"weekday\": %s, \"month\": %s}, \"time_center\": ",
					 sm->season_hour ? "true" : "false",
					 sm->season_wday ? "true" : "false",
					 sm->season_month ? "true" : "false");
	json_num(b, sm->time_center);
	appendStringInfoString(b, ",\n \"dimensions\": [");
	for (j = 0; j < sm->ndims; j++)
	{
		const SeqDim *d = &sm->dims[j];

		appendStringInfoString(b, j ? ",\n  " : "\n  ");
		if (d->entity)
		{
			appendStringInfoString(b, "{\"entity\": true}");
			continue;
		}
		appendStringInfoString(b, "{\"ar\": ");
		json_nums(b, d->phi, d->p);
		appendStringInfoString(b, ", \"sigma\": ");
		json_num(b, d->sigma);
		appendStringInfoString(b, ", \"entity_share\": ");
		json_num(b, d->tau);
		appendStringInfoString(b, ", \"scale\": ");
		json_num(b, d->scale);
		appendStringInfoString(b, ", \"trend\": ");
		json_num(b, d->trend);
		if (sm->season_hour)
		{
			appendStringInfoString(b, ", \"hour\": ");
			json_nums(b, d->hour, 24);
		}
		if (sm->season_wday)
		{
			appendStringInfoString(b, ", \"weekday\": ");
			json_nums(b, d->wday, 7);
		}
		if (sm->season_month)
		{
			appendStringInfoString(b, ", \"month\": ");
			json_nums(b, d->month, 12);
		}
		if (sm->season_hour || sm->season_wday || sm->season_month)
		{
			appendStringInfoString(b, ", \"season_scale\": ");
			json_nums(b, d->bscale, sm->season_hour ? 24 : sm->season_wday ? 7 : 12);
		}
		appendStringInfoChar(b, '}');
	}
	appendStringInfoString(b, "],\n \"innovation_correlation\": [");
	for (j = 0; j < sm->ndims; j++)
	{
		appendStringInfoString(b, j ? ",\n  " : "\n  ");
		json_nums(b, sm->innov + j * sm->ndims, sm->ndims);
	}
	appendStringInfoString(b, "]}");
}

static JsonbValue *
seq_get(JsonbContainer *c, const char *key)
{
	return getKeyJsonValueFromContainer(c, key, strlen(key), NULL);
}

static double
seq_num(JsonbContainer *c, const char *key, double lo, double hi)
{
	JsonbValue *v = seq_get(c, key);
	double		d;

	if (v == NULL || v->type != jbvNumeric)
		bad_model(psprintf("Field \"%s\" of the sequence must be a number.", key));
	d = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v->val.numeric)));
	if (!(d >= lo && d <= hi))
		bad_model(psprintf("Field \"%s\" of the sequence is out of range.", key));
	return d;
}

static bool
seq_bool(JsonbContainer *c, const char *key)
{
	JsonbValue *v = seq_get(c, key);

	if (v == NULL)
		return false;
	if (v->type != jbvBool)
		bad_model(psprintf("Field \"%s\" of the sequence must be a boolean.", key));
	return v->val.boolean;
}

static char *
seq_str(JsonbContainer *c, const char *key, bool null_ok)
{
	JsonbValue *v = seq_get(c, key);

	if (v != NULL && v->type == jbvNull && null_ok)
		return NULL;
	if (v == NULL || v->type != jbvString)
		bad_model(psprintf("Field \"%s\" of the sequence must be a string.", key));
	return pnstrdup(v->val.string.val, v->val.string.len);
}

static JsonbContainer *
seq_container(JsonbContainer *c, const char *key, bool array)
{
	JsonbValue *v = seq_get(c, key);

	if (v == NULL || v->type != jbvBinary ||
		(array ? !JsonContainerIsArray(v->val.binary.data) :
		 !JsonContainerIsObject(v->val.binary.data)))
		bad_model(psprintf("Field \"%s\" of the sequence must be %s.", key,
						   array ? "an array" : "an object"));
	return v->val.binary.data;
}

/* an array of exactly n finite numbers within [lo, hi] (n < 0: at most -n) */
static int
seq_nums(JsonbContainer *c, const char *key, double *out, int n, double lo,
		 double hi)
{
	JsonbContainer *arr = seq_container(c, key, true);
	int			size = JsonContainerSize(arr),
				i;

	if (n >= 0 ? size != n : size > -n)
		bad_model(psprintf("Field \"%s\" of the sequence has the wrong length.", key));
	for (i = 0; i < size; i++)
	{
		JsonbValue *v = getIthJsonbValueFromContainer(arr, i);
		double		d;

		if (v == NULL || v->type != jbvNumeric)
			bad_model(psprintf("Field \"%s\" of the sequence must hold numbers.", key));
		d = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v->val.numeric)));
		if (!(d >= lo && d <= hi))
			bad_model(psprintf("Field \"%s\" of the sequence is out of range.", key));
		out[i] = d;
	}
	return size;
}

static int
seq_name(const char *s, const char *const *names, const char *what)
{
	int			i;

	for (i = 0; names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	bad_model(psprintf("Unknown %s \"%s\" in the sequence.", what, s));
	return -1;
}

/* quantiles must not decrease */
static void
seq_check_sorted(const double *q, const char *what)
{
	int			i;

	for (i = 1; i < SEQ_Q; i++)
		if (q[i] < q[i - 1])
			bad_model(psprintf("The sequence's %s must not decrease.", what));
}

SdSeqModel *
sd_seq_from_jsonb(JsonbContainer *c, const Model *m)
{
	SdSeqModel *sm = palloc0(sizeof(SdSeqModel));
	JsonbContainer *g,
			   *dims,
			   *inn,
			   *seasons;
	int			D = m->ndims,
				i,
				j;
	/* order values: dates and timestamps far inside their types */
	const double big = 9e15;

	sm->key = seq_str(c, "key", true);
	sm->order = seq_str(c, "order", false);
	sm->reason = seq_str(c, "reason", false);
	if (model_column_named(m, sm->order, -1) < 0 ||
		(sm->key && model_column_named(m, sm->key, -1) < 0))
		bad_model("The sequence's key and order must be columns of the model.");
	sm->order_kind = seq_name(seq_str(c, "order_kind", false), order_kind_names,
							  "order kind");
	sm->entities = (int64) seq_num(c, "entities", 1, 1e15);
	sm->rows = (int64) seq_num(c, "rows", 1, 1e15);
	g = seq_container(c, "grid", false);
	sm->grid = seq_name(seq_str(g, "kind", false), grid_names, "grid");
	switch (sm->grid)
	{
		case SEQ_GRID_FIXED:
			sm->step = seq_num(g, "step", 1e-9, big);
			sm->anchor = seq_num(g, "anchor", 0, big);
			break;
		case SEQ_GRID_MONTHS:
			sm->step = rint(seq_num(g, "months", 1, 1200));
			sm->mday = (int) seq_num(g, "day", 1, 31);
			sm->tod = seq_num(g, "time_of_day", 0, DAY_US);
			break;
		case SEQ_GRID_FREE:
			sm->grain = seq_num(g, "grain", 1e-9, DAY_US);
			seq_nums(g, "gap_quantiles", sm->gapq, SEQ_Q, 0, big);
			seq_check_sorted(sm->gapq, "gap quantiles");
			break;
	}
	seq_nums(c, "length_quantiles", sm->lenq, SEQ_Q, 1, 1e9);
	seq_check_sorted(sm->lenq, "length quantiles");
	seq_nums(c, "start_quantiles", sm->startq, SEQ_Q, -big, big);
	seq_check_sorted(sm->startq, "start quantiles");
	seasons = seq_container(c, "seasons", false);
	sm->season_hour = seq_bool(seasons, "hour");
	sm->season_wday = seq_bool(seasons, "weekday");
	sm->season_month = seq_bool(seasons, "month");
	sm->time_center = seq_num(c, "time_center", -1e6, 1e6);
	if (sm->order_kind == SEQ_ORDER_INTEGER &&
		(sm->season_hour || sm->season_wday || sm->season_month || sm->grid == SEQ_GRID_MONTHS))
		bad_model("An integer order has no calendar.");
	if (sm->order_kind == SEQ_ORDER_DATE && sm->grid == SEQ_GRID_FIXED &&
		sm->step != rint(sm->step))
		bad_model("A grid of dates steps by whole days.");

	dims = seq_container(c, "dimensions", true);
	if ((int) JsonContainerSize(dims) != D)
		bad_model("The sequence needs one entry per copula dimension.");
	sm->ndims = D;
	sm->dims = palloc0(sizeof(SeqDim) * Max(D, 1));
	for (j = 0; j < D; j++)
	{
		JsonbValue *v = getIthJsonbValueFromContainer(dims, j);
		JsonbContainer *dc;
		SeqDim	   *d = &sm->dims[j];
		double		sum = 0;

		if (v == NULL || v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
			bad_model("Each sequence dimension must be an object.");
		dc = v->val.binary.data;
		d->entity = seq_bool(dc, "entity");
		if (d->entity)
			continue;
		d->p = seq_nums(dc, "ar", d->phi, -SEQ_MAX_P, -10, 10);
		d->sigma = seq_num(dc, "sigma", 0, 1);
		d->tau = seq_num(dc, "entity_share", 0, 0.95);
		d->scale = seq_num(dc, "scale", 0, 1);
		d->trend = seq_num(dc, "trend", -2, 2);
		if (sm->season_hour)
			seq_nums(dc, "hour", d->hour, 24, -10, 10);
		if (sm->season_wday)
			seq_nums(dc, "weekday", d->wday, 7, -10, 10);
		if (sm->season_month)
			seq_nums(dc, "month", d->month, 12, -10, 10);
		for (i = 0; i < 24; i++)
			d->bscale[i] = d->scale;
		if (sm->season_hour || sm->season_wday || sm->season_month)
			seq_nums(dc, "season_scale", d->bscale,
					 sm->season_hour ? 24 : sm->season_wday ? 7 : 12, 0, 1);
		/* a stationary AR has sum |phi| bounded only loosely; the sampler clips */
		for (i = 0; i < d->p; i++)
			sum += fabs(d->phi[i]);
		if (sum > 10)
			bad_model("The AR coefficients of a sequence dimension are out of range.");
	}
	inn = seq_container(c, "innovation_correlation", true);
	if ((int) JsonContainerSize(inn) != D)
		bad_model("The innovation correlation matrix must have one row per dimension.");
	sm->innov = palloc(sizeof(double) * Max(D * D, 1));
	for (j = 0; j < D; j++)
	{
		JsonbValue *v = getIthJsonbValueFromContainer(inn, j);
		JsonbContainer *row;

		if (v == NULL || v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data) ||
			(int) JsonContainerSize(v->val.binary.data) != D)
			bad_model("The innovation correlation matrix must be square.");
		row = v->val.binary.data;
		for (i = 0; i < D; i++)
		{
			JsonbValue *x = getIthJsonbValueFromContainer(row, i);
			double		r;

			if (x == NULL || x->type != jbvNumeric)
				bad_model("Innovation correlations must be numbers.");
			r = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(x->val.numeric)));
			if (!(r >= -1 && r <= 1))
				bad_model("Innovation correlations must lie between -1 and 1.");
			sm->innov[j * D + i] = r;
		}
	}
	return sm;
}

/* ---------------------------------------------------------------------
 * Sampling
 * ---------------------------------------------------------------------
 */

struct SdSeqState
{
	Sampler    *s;
	SdSeqModel *sm;
	int			D;
	double	   *Lc;				/* Cholesky factor of the innovations */
	int			key_att;
	int			order_att;
	uint64		seed;
	uint64		stream;
	/* entity boundaries found so far: first[0..nfirst] */
	int64	   *first;
	int64		nfirst;
	int64		cap;
	/* the current entity and step */
	int64		ent;
	int64		step;			/* -1: before its first step */
	double		time;
	double	   *a;				/* D: the entity's latent draw */
	double	   *w;				/* D x SEQ_MAX_P: w(t-1), w(t-2), ... */
	double	   *eps;
	double	   *eta;
	double	   *wbefore;		/* the history before the current step */
	double	   *wsave;
	double	   *wcur;			/* D: the current step's AR values */
	int64		last_row;
	int			attempt;
};

/* a fresh generator of (seed, entity, step, what) */
static void
seq_rng(SdSeqState *st, SdRng *rng, int64 e, int64 step, uint64 what)
{
	sd_rng_init(rng, st->seed, sd_stream_child(sd_stream_child(st->stream, (uint64) e),
											   ((uint64) (step + 1) << 4) | what));
}

/* the length of entity e, at least 1 */
static int64
entity_length(SdSeqState *st, int64 e)
{
	SdRng		rng;
	double		len;

	seq_rng(st, &rng, e, -1, 1);
	len = rint(sd_grid_quantile(st->sm->lenq, SEQ_Q, sd_rng_uniform(&rng)));
	return (int64) Max(1, len);
}

/* the entity holding row r */
static int64
entity_of(SdSeqState *st, int64 r)
{
	int64		lo,
				hi;

	while (st->first[st->nfirst] <= r)
	{
		if (st->nfirst + 1 >= st->cap)
		{
			st->cap *= 2;
			st->first = repalloc_huge(st->first, sizeof(int64) * st->cap);
		}
		st->first[st->nfirst + 1] = st->first[st->nfirst] + entity_length(st, st->nfirst);
		st->nfirst++;
		if ((st->nfirst & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	/* first[lo] <= r < first[hi] */
	lo = 0;
	hi = st->nfirst;
	while (hi - lo > 1)
	{
		int64		mid = (lo + hi) / 2;

		if (st->first[mid] <= r)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* a start drawn from the starts' quantiles, put on the grid */
static double
entity_start(SdSeqState *st, SdRng *rng)
{
	const SdSeqModel *sm = st->sm;
	double		t = sd_grid_quantile(sm->startq, SEQ_Q, sd_rng_uniform(rng));

	switch (sm->grid)
	{
		case SEQ_GRID_FIXED:
			return sm->anchor + rint((t - sm->anchor) / sm->step) * sm->step;
		case SEQ_GRID_MONTHS:
			{
				int			y,
							mo,
							d,
							wd,
							h;
				double		tod;

				order_fields(sm, t, &y, &mo, &d, &wd, &h, &tod);
				return order_from_fields(sm, y, mo, sm->mday, sm->tod);
			}
		case SEQ_GRID_FREE:
			return rint(t / sm->grain) * sm->grain;
	}
	return t;
}

/* the order value one step after t */
static double
next_time(SdSeqState *st, double t, int64 e, int64 step)
{
	const SdSeqModel *sm = st->sm;

	switch (sm->grid)
	{
		case SEQ_GRID_FIXED:
			return t + sm->step;
		case SEQ_GRID_MONTHS:
			{
				int			y,
							mo,
							d,
							wd,
							h,
							months;
				double		tod;

				order_fields(sm, t, &y, &mo, &d, &wd, &h, &tod);
				months = y * 12 + (mo - 1) + (int) sm->step;
				return order_from_fields(sm, months / 12, months % 12 + 1, sm->mday, sm->tod);
			}
		case SEQ_GRID_FREE:
			{
				SdRng		rng;
				double		g;

				seq_rng(st, &rng, e, step, 2);
				g = sd_grid_quantile(sm->gapq, SEQ_Q, sd_rng_uniform(&rng));
				g = Max(sm->grain, rint(g / sm->grain) * sm->grain);
				return t + g;
			}
	}
	return t;
}

/* one AR step of every dynamic dimension, innovations from rng */
static void
ar_step(SdSeqState *st, SdRng *rng, double *wnew)
{
	int			D = st->D,
				i,
				j,
				k;

	sd_draw_normal_array(rng, st->eps, D);
	for (i = 0; i < D; i++)
	{
		double		acc = 0;

		for (j = 0; j <= i; j++)
			acc += st->Lc[i * D + j] * st->eps[j];
		st->eta[i] = acc;
	}
	for (i = 0; i < D; i++)
	{
		const SeqDim *d = &st->sm->dims[i];
		double		x = d->sigma * st->eta[i];

		for (k = 0; k < d->p; k++)
			x += d->phi[k] * st->w[i * SEQ_MAX_P + k];
		/* a model read back may be explosive: keep the process bounded */
		wnew[i] = Max(-8, Min(8, x));
	}
}

static void
push_history(SdSeqState *st, const double *wnew)
{
	int			i;

	for (i = 0; i < st->D; i++)
	{
		memmove(st->w + i * SEQ_MAX_P + 1, st->w + i * SEQ_MAX_P,
				sizeof(double) * (SEQ_MAX_P - 1));
		st->w[i * SEQ_MAX_P] = wnew[i];
	}
}

/* entity e before its first step: a, the AR history after burn-in */
static void
entity_begin(SdSeqState *st, int64 e)
{
	SdRng		rng;
	double	   *wnew = st->wcur;
	double	   *e0 = st->wsave;		/* scratch: D normals */
	int			i,
				j,
				b;

	seq_rng(st, &rng, e, -1, 3);
	sd_draw_normal_array(&rng, e0, st->D);
	for (i = 0; i < st->D; i++)
	{
		double		acc = 0;

		for (j = 0; j <= i; j++)
			acc += st->s->L[i * st->D + j] * e0[j];
		st->a[i] = acc;
	}
	st->time = entity_start(st, &rng);
	memset(st->w, 0, sizeof(double) * st->D * SEQ_MAX_P);
	for (b = 0; b < SEQ_BURN; b++)
	{
		ar_step(st, &rng, wnew);
		push_history(st, wnew);
	}
	st->ent = e;
	st->step = -1;
}

/* the latent vector of the current step from its AR values */
static void
step_latent(SdSeqState *st, const double *wcur, double *z)
{
	int			j;

	for (j = 0; j < st->D; j++)
	{
		const SeqDim *d = &st->sm->dims[j];

		if (d->entity)
			z[j] = st->a[j];
		else
		{
			int			nb,
						b = scale_bucket(st->sm, st->time, &nb);

			z[j] = dim_mean(st->sm, d, st->time) +
				(b >= 0 ? d->bscale[b] : d->scale) *
				(sqrt(d->tau) * st->a[j] + sqrt(1 - d->tau) * wcur[j]);
		}
	}
}

SdSeqState *
sd_seq_sampler(Sampler *s, SdSeqModel *sm)
{
	SdSeqState *st = palloc0(sizeof(SdSeqState));
	int			D = s->m->ndims,
				i;

	st->s = s;
	st->sm = sm;
	st->D = D;
	st->seed = s->seed;
	st->stream = sd_stream_id("sequence");
	st->Lc = palloc(sizeof(double) * Max(D * D, 1));
	if (D > 0 && !sd_cholesky(sm->innov, D, st->Lc))
	{
		double	   *c = palloc(sizeof(double) * D * D);

		memcpy(c, sm->innov, sizeof(double) * D * D);
		sd_make_positive_definite(c, D);
		if (!sd_cholesky(c, D, st->Lc))
			bad_model("The innovation correlation matrix is not positive definite.");
	}
	st->key_att = st->order_att = -1;
	for (i = 0; i < s->natts; i++)
	{
		int			mc = s->tc[i].mcol;

		if (mc < 0)
			continue;
		if (strcmp(s->m->cols[mc].name, sm->order) == 0)
			st->order_att = i;
		if (sm->key && strcmp(s->m->cols[mc].name, sm->key) == 0)
			st->key_att = i;
	}
	st->cap = 1024;
	st->first = palloc(sizeof(int64) * st->cap);
	st->first[0] = 0;
	st->nfirst = 0;
	st->ent = -1;
	st->a = palloc0(sizeof(double) * Max(D, 1));
	st->w = palloc0(sizeof(double) * Max(D, 1) * SEQ_MAX_P);
	st->eps = palloc(sizeof(double) * Max(D, 1));
	st->eta = palloc(sizeof(double) * Max(D, 1));
	st->wbefore = palloc0(sizeof(double) * Max(D, 1) * SEQ_MAX_P);
	st->wsave = palloc0(sizeof(double) * Max(D, 1) * SEQ_MAX_P);
	st->wcur = palloc0(sizeof(double) * Max(D, 1));
	st->last_row = -1;
	return st;
}

/*
 * The latent vector of row r.  Asked again for the same row (a draw
 * rejected by a CHECK or the exact-copy guard), the step's innovations
 * come from another stream; the history keeps the first attempt's, so a
 * row never depends on what was drawn before it.
 */
void
sd_seq_latent(SdSeqState *st, int64 r, double *z)
{
	int64		e = entity_of(st, r),
				step = r - st->first[e];
	SdRng		rng;
	int			i;

	if (r == st->last_row)
	{
		/* a redraw: other innovations for this step, same history */
		double	   *saved = st->wsave;

		st->attempt++;
		memcpy(saved, st->w, sizeof(double) * st->D * SEQ_MAX_P);
		memcpy(st->w, st->wbefore, sizeof(double) * st->D * SEQ_MAX_P);
		seq_rng(st, &rng, e, step, 4 + (st->attempt & 7));
		sd_rng_seek(&rng, (uint64) st->attempt);
		ar_step(st, &rng, st->wcur);
		memcpy(st->w, saved, sizeof(double) * st->D * SEQ_MAX_P);
		step_latent(st, st->wcur, z);
		return;
	}
	if (e != st->ent || step <= st->step)
		entity_begin(st, e);
	while (st->step < step)
	{
		st->step++;
		if (st->step > 0)
			st->time = next_time(st, st->time, e, st->step);
		seq_rng(st, &rng, e, st->step, 0);
		memcpy(st->wbefore, st->w, sizeof(double) * st->D * SEQ_MAX_P);
		ar_step(st, &rng, st->wcur);
		push_history(st, st->wcur);
	}
	for (i = 0; i < st->D; i++)
		st->wcur[i] = st->w[i * SEQ_MAX_P];
	step_latent(st, st->wcur, z);
	st->last_row = r;
	st->attempt = 0;
}

/* the key and order values of row r (after sd_seq_latent for r) */
void
sd_seq_fill(SdSeqState *st, int64 r, Datum *values, bool *nulls)
{
	Sampler    *s = st->s;

	if (st->order_att >= 0)
	{
		TargetCol  *tc = &s->tc[st->order_att];

		values[st->order_att] = sampler_number_datum(tc, st->time);
		nulls[st->order_att] = false;
	}
	if (st->key_att >= 0)
	{
		TargetCol  *tc = &s->tc[st->key_att];
		int64		key = st->ent + 1;

		nulls[st->key_att] = false;
		if (tc->vk <= VK_NUMERIC)
		{
			if ((tc->vk == VK_INT2 && key > PG_INT16_MAX) ||
				(tc->vk == VK_INT4 && key > PG_INT32_MAX))
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("entity number " INT64_FORMAT " does not fit column \"%s\"",
								key, st->sm->key)));
			values[st->key_att] = sampler_number_datum(tc, (double) key);
		}
		else if (tc->vk == VK_UUID)
		{
			char		buf[40];
			uint64		h = sd_mix64((uint64) key ^ st->seed),
						l = sd_mix64(h ^ (uint64) key);

			snprintf(buf, sizeof(buf), "%08x-%04x-4%03x-%04x-%012llx",
					 (unsigned) (h >> 32), (unsigned) ((h >> 16) & 0xffff),
					 (unsigned) (h & 0xfff),
					 (unsigned) (0x8000 | (l >> 52 & 0x3fff)),
					 (unsigned long long) (l & UINT64CONST(0xffffffffffff)));
			values[st->key_att] = InputFunctionCall(&tc->inflinfo, buf,
													tc->typioparam, tc->typmod);
		}
		else
		{
			char	   *txt = psprintf("%s-" INT64_FORMAT, st->sm->key, key);

			if (tc->maxlen > 0 && pg_mbstrlen(txt) > tc->maxlen)
				txt = psprintf(INT64_FORMAT, key);
			values[st->key_att] = InputFunctionCall(&tc->inflinfo, txt,
													tc->typioparam, tc->typmod);
		}
	}
	(void) r;
}
