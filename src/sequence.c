/*-------------------------------------------------------------------------
 *
 * sequence.c
 *		Fitted sequences: the option "sequence", order values and the
 *		calendar, the rows read for the fit, and the fit (sd_seq_fit).
 *
 * A table whose rows are histories (one series, or one per entity key, on
 * a regular grid of its order column) is detected in sequence_detect.c;
 * its rows are read here on the copula's latent scale, whole entities of a
 * sample of keys; their dynamics (grid, lengths and starts, seasons, the
 * common path, per-dimension level, noise and AR process, innovations) are
 * estimated in sequence_estimate.c, which describes the model; the AR
 * recursions are in sequence_ar.c, the model's "sequence" member in
 * sequence_json.c, drawing rows in sequence_sample.c.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
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
#include "clone_cons.h"
#include "distributions.h"
#include "model.h"
#include "options.h"
#include "rng.h"
#include "roles.h"
#include "sequence_int.h"

#define SEQ_FIT_ROWS	50000	/* rows read to estimate the dynamics */

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
double
seq_order_usecs(const SdSeqModel *sm, double v)
{
	return sm->order_kind == SEQ_ORDER_DATE ? v * DAY_US : v;
}

/* calendar fields of an order value: year, month (1..12), day, weekday, hour */
void
seq_order_fields(const SdSeqModel *sm, double v, int *y, int *mo, int *d,
			 int *wday, int *hour, double *tod)
{
	double		us = seq_order_usecs(sm, v);
	double		days = floor(us / DAY_US);
	double		rest = us - days * DAY_US;
	int			jd = (int) days + POSTGRES_EPOCH_JDATE;

	j2date(jd, y, mo, d);
	*wday = j2day(jd);
	*hour = Min(23, Max(0, (int) (rest / 3600e6)));
	*tod = rest;
}

/* the order value of a calendar day and time of day */
double
seq_order_from_fields(const SdSeqModel *sm, int y, int mo, int d, double tod)
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
 * Reading the rows on the latent scale
 * ---------------------------------------------------------------------
 */

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
	sd->x = sd->x ? repalloc_huge(sd->x, sizeof(double) * sd->cap * Max(sd->D, 1))
		: palloc_extended(sizeof(double) * sd->cap * Max(sd->D, 1), MCXT_ALLOC_HUGE);
}

/*
 * The later column of an ordering (temp_max after temp_min) is modelled
 * as its gap, as the fit's copula pass reads it (cons_replay_row): true
 * and *gap for such a column (NaN when the row holds no gap).
 */
static bool
row_gap(Sampler *s, const Datum *vals, const bool *nulls, TupleDesc td, int mcol,
		double xb, double *gap)
{
	const SdConstraints *cons = s->m->cons;
	int			i,
				att;

	if (cons == NULL)
		return false;
	for (i = 0; i < cons->norders; i++)
	{
		const SdOrdering *o = &cons->orders[i];

		if (o->after != mcol)
			continue;
		*gap = NAN;
		for (att = 0; att < td->natts; att++)
		{
			double		xa;

			if (TupleDescAttr(td, att)->attisdropped || s->tc[att].mcol != o->before)
				continue;
			if (!nulls[att] && sd_clone_number(s, att, vals[att], &xa) && xb >= xa)
				*gap = o->log_gap ? (xb > xa ? log(xb - xa) : -INFINITY) : xb - xa;
			break;
		}
		return true;
	}
	return false;
}

/* one row's latent values, as the sampler reads them, and its numbers */
static void
row_latent(Sampler *s, const Datum *vals, const bool *nulls, TupleDesc td,
		   double *z, double *x, int D)
{
	int			att,
				j;

	for (j = 0; j < D; j++)
		z[j] = x[j] = NAN;
	for (att = 0; att < td->natts; att++)
	{
		SdCloneColumn info;
		Datum		v;

		if (TupleDescAttr(td, att)->attisdropped)
			continue;
		sd_clone_column(s, att, &info);
		if (!info.modelled || info.value_dim < 0)
			continue;
		if (nulls[att])
			continue;
		v = vals[att];
		if (info.continuous)
		{
			int			pcat = -1;
			double		zz,
						xx,
						gap;

			if (info.parent_att >= 0)
			{
				if (!nulls[info.parent_att])
					pcat = sd_clone_category(s, info.parent_att, vals[info.parent_att]);
			}
			if (!sd_clone_number(s, att, v, &xx))
				continue;
			if (row_gap(s, vals, nulls, td, s->tc[att].mcol, xx, &gap))
			{
				if (isnan(gap))
					continue;
				x[info.value_dim] = gap;
				z[info.value_dim] = sampler_cond_latent(s, s->tc[att].mcol, pcat, gap);
			}
			else
			{
				x[info.value_dim] = xx;
				if (sd_clone_score(s, att, v, pcat, &zz, NULL))
					z[info.value_dim] = zz;
			}
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

/* a collatable key whose equal values are equal bytes */
static bool
byte_order_key(Form_pg_attribute a)
{
	return OidIsValid(a->attcollation) &&
		get_collation_isdeterministic(a->attcollation);
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
	Datum	   *vals = NULL;
	bool	   *nulls = NULL;
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

	/*
	 * Every attribute in its place, a dropped one as a NULL: the rows are
	 * read with the relation's attribute numbers, as the sampler knows them
	 */
	initStringInfo(&q);
	appendStringInfoString(&q, "SELECT ");
	for (i = 0; i < td->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(td, i);

		appendStringInfo(&q, "%s%s", i > 0 ? ", " : "",
						 a->attisdropped ? "NULL" : quote_identifier(NameStr(a->attname)));
	}
	appendStringInfo(&q, " FROM %s WHERE %s IS NOT NULL",
					 qualified, quote_identifier(sm->order));
	if (sm->key)
	{
		appendStringInfo(&q, " AND %s IS NOT NULL", quote_identifier(sm->key));
		if (m->rows > SEQ_FIT_ROWS)
			appendStringInfo(&q, " AND (pg_catalog.hashtext(%s::pg_catalog.text) "
							 "OPERATOR(pg_catalog.&) 1048575) OPERATOR(pg_catalog.<) %d",
							 quote_identifier(sm->key),
							 (int) ceil(1048576.0 * SEQ_FIT_ROWS / (double) m->rows));
		/*
		 * Entities only need their rows together: byte order sorts text
		 * keys faster than a locale's (equal keys are equal bytes under a
		 * deterministic collation)
		 */
		appendStringInfo(&q, " ORDER BY %s%s, %s", quote_identifier(sm->key),
						 katt >= 0 && byte_order_key(TupleDescAttr(td, katt)) ?
						 " COLLATE pg_catalog.\"C\"" : "",
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
		TupleDesc	rtd;

		SPI_cursor_fetch(portal, true, 1000);
		if (SPI_processed == 0)
			break;
		rtd = SPI_tuptable->tupdesc;
		if (vals == NULL)
		{
			vals = palloc(sizeof(Datum) * Max(rtd->natts, 1));
			nulls = palloc(sizeof(bool) * Max(rtd->natts, 1));
		}
		for (r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			double		t;

			CHECK_FOR_INTERRUPTS();
			/* every column once (a text key first: no cached offsets) */
			heap_deform_tuple(tup, rtd, vals, nulls);
			t = datum_order(sm->order_kind, otyp, vals[oatt]);
			if (isnan(t))
				continue;
			if (katt >= 0)
			{
				char	   *ks = SPI_getvalue(tup, rtd, katt + 1);

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
			row_latent(s, vals, nulls, rtd, sd->z + sd->n * Max(sd->D, 1),
					   sd->x + sd->n * Max(sd->D, 1), sd->D);
			sd->n++;
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	sd->first[sd->nent] = sd->n;
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
sd_seq_fit(Oid relid, Model *m, Jsonb *option, FitState *st1)
{
	Relation	rel;
	SdSeqModel *sm;
	SeqData		sd;
	char	   *key = NULL,
			   *order = NULL,
			   *reason = NULL;
	const char *qualified;
	bool		detected = true;

	if (!OidIsValid(relid))
		return NULL;			/* synth_fit_merge: no table to read */
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
			 rel->rd_rel->relkind == RELKIND_FOREIGN_TABLE || shard_is_sharded(relid) ||
			 !seq_sample_may_be_grid(rel, m, st1) ||
			 !seq_detect(rel, qualified, m, &key, &order, &reason))
	{
		relation_close(rel, AccessShareLock);
		return NULL;
	}
	else
	{
		order_column_check(rel, order, false, &sm->order_kind);
		if (!seq_grid_possible(relid, qualified, m, key, order, sm->order_kind))
		{
			relation_close(rel, AccessShareLock);
			return NULL;
		}
	}
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
	seq_estimate_grid(sm, &sd, m->k);
	/*
	 * A detected sequence must be on a regular grid of a calendar step:
	 * whole days, months, or whole seconds for timestamps (a grid of odd
	 * microseconds is a key's formula, not a history's clock).
	 */
	if (detected && (sm->grid == SEQ_GRID_FREE ||
					 (sm->grid == SEQ_GRID_FIXED && sm->order_kind == SEQ_ORDER_TIMESTAMP &&
					  fmod(sm->step, 1e6) != 0)))
		return NULL;
	seq_estimate_dynamics(sm, &sd, m);
	return seq_copy(sm, GetMemoryChunkContext(m));
}
