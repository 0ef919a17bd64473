/*-------------------------------------------------------------------------
 *
 * sequence.c
 *		Fitted sequences: detection and estimation (the model's "sequence"
 *		member is in sequence_json.c, drawing rows in sequence_sample.c).
 *
 * A continuous column without a conditional marginal is modelled on its
 * value scale (the logarithm of positive values spread over more than a
 * factor 20): x = level + sd (mu(time) + s_b Q(Phi(w))), mu the seasonal
 * means and trend, s_b the residual's sd in the season's bucket b, Q the
 * residual's quantile function and w the AR process below on its normal
 * scores; the value drawn is mapped back to the latent through the
 * column's own quantile function, so the fitted marginal still holds.
 * Seasonal means taken on normal scores would shrink a strong season
 * (nottem's autocorrelations came out at 0.75-0.82 of the real ones).
 * The later column of an ordering is read as its gap, as the copula holds
 * it (temp_max after temp_min: read as a temperature, every row scored at
 * the top of the gap's marginal and the clone's temp_max came out 9
 * degrees too warm).
 *
 * A column with a conditional marginal on an entity attribute (a housing
 * panel's sales given the city) is modelled on its value scale too, with
 * the entity's level taken from its parent's category: x = level + sd
 * (L_c + mu(time) + s_b g(L_c) Q(Phi(w))), L_c the mean of category c's
 * conditional marginal (computed by the sampler from the marginal itself)
 * and g(m) = exp(slope (m - center)) the noise's sd at that level, one
 * slope fitted over k entities or more (dim_entity_noise); the value is
 * mapped back to the latent within the category (sampler_cond_latent).
 * On the latent scale a conditional marginal's end categories stretch
 * (their latent intervals reach to infinity: Dallas's and Brownsville's
 * latent sd within the city was twice the others'), and one noise share
 * for all gives the large, smooth cities the small towns' noise.
 *
 * The other dimensions' dynamics live on the copula's latent scale, so
 * every column keeps the marginal the ordinary fit gave it.  For latent
 * dimension j of the row at step t of entity e:
 *
 *		z[j] = mu_j(time) + scale_j (sqrt(tau_j) a[j] + sqrt(1 - tau_j) w_j(t))
 *
 * a ~ N(0, R) is drawn once per entity through the copula's correlation
 * matrix R (entity attributes are a[j] itself); mu_j holds the seasonal
 * means by hour of day, weekday and month, estimated by one round of
 * backfitting (Hastie and Tibshirani 1990), a linear trend and, for a
 * panel, the common path of its entities (smoothed period means over k
 * entities or more, see dim_path); w_j is a unit-variance AR(p) process
 * fitted to the pooled within-entity autocorrelations by the
 * Levinson-Durbin recursion (Yule-Walker), p chosen by AIC (Akaike 1974)
 * and corrected for the bias of short histories (sequence_ar.c); its
 * innovations are joined across dimensions by their empirical correlation
 * matrix, so cross-correlations at lags 0 and 1 follow the data.  Categories take the mean latent value
 * of their interval, so a state that seldom changes keeps a persistent
 * latent and a changing one a weak one: a Gaussian-copula Markov chain.
 *
 * Reproducible by construction: entity e's length is a function of (seed,
 * e) only, so the entity holding row r is found by adding lengths from
 * entity 0 (remembered as they are found); its start, its burn-in and
 * every step's innovations are functions of (seed, e, step).  Drawing row
 * r therefore gives the same row whatever rows were drawn before it.
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
#include "sequence.h"

#define SEQ_FIT_ROWS	50000	/* rows read to estimate the dynamics */
#define SEQ_DETECT_ROWS	50000	/* rows sampled to detect a sequence */
#define SEQ_GRID_CHECK_ROWS 10000	/* rows sampled to rule a grid out */
#define SEQ_MIN_SERIES	24		/* one series: at least this many rows */
#define SEQ_MAX_CAND	4		/* candidate columns tried per role */
#define SEQ_LOG_SPREAD	20.0	/* max / min of positive values modelled as logs */

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
static double
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

/* a sample clause that reads about rows rows of a big table */
static const char *
sample_clause(const Model *m, int rows)
{
	if (m->rows <= 2 * rows)
		return "";
	return psprintf(" TABLESAMPLE SYSTEM (%.6f) REPEATABLE (0)",
					100.0 * rows / (double) m->rows);
}

/* the sample detection reads: about SEQ_DETECT_ROWS rows */
static const char *
detect_sample(const Model *m)
{
	return sample_clause(m, SEQ_DETECT_ROWS);
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

/* distinct pairs (k, o) of n, with k or o all 0 for distinct values */
static int64
detect_distinct(const DetectPair *p, int64 n)
{
	detect_pairs_hash *set = detect_pairs_create(CurrentMemoryContext,
												 (uint32) Min(n, 1 << 20), NULL);
	int64		r,
				distinct;
	bool		found;

	for (r = 0; r < n; r++)
		(void) detect_pairs_insert(set, p[r], &found);
	distinct = set->members;
	detect_pairs_destroy(set);
	return distinct;
}

/* count(*), count(o) and count(DISTINCT o) of the sample's n rows */
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
	c[2] = detect_distinct(p, np);
	pfree(p);
}

/*
 * Over the rows with both k and o: rows, distinct keys, distinct (k, o)
 * pairs.  A key under a nondeterministic collation is grouped by a query
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
	c[2] = detect_distinct(p, np);
	for (r = 0; r < np; r++)
		p[r].o = 0;
	c[1] = detect_distinct(p, np);
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
		if (mc == NULL)
			continue;
		if ((a->atttypid == DATEOID || a->atttypid == TIMESTAMPOID ||
			 a->atttypid == TIMESTAMPTZOID) && norders < SEQ_MAX_CAND &&
			mc->pii_kind == NULL && mc->role == ROLE_ATTRIBUTE)
			orders[norders++].attidx = i;
		else if ((a->atttypid == INT2OID || a->atttypid == INT4OID ||
				  a->atttypid == INT8OID || a->atttypid == TEXTOID ||
				  a->atttypid == VARCHAROID || a->atttypid == BPCHAROID) &&
				 plain_attribute(mc) && mc->kind != MK_TEXT && nkeys < SEQ_MAX_CAND)
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
static bool
grid_possible(const char *qualified, const Model *m, const char *key,
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
					 qualified, sample_clause(m, SEQ_GRID_CHECK_ROWS), o);
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
 * Reading the rows on the latent scale
 * ---------------------------------------------------------------------
 */

typedef struct SeqData
{
	int			D;
	int64		n;				/* rows read */
	int64		cap;
	double	   *t;				/* order value per row */
	SeqTime    *tm;				/* per row, once the seasons and path are chosen */
	double	   *z;				/* n x D latent values, NaN = none */
	double	   *x;				/* n x D values of continuous columns, NaN = none */
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
seq_quantiles(double *v, int64 n, int k, double *q)
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

				seq_order_fields(sm, sd->t[r - 1], &y1, &m1, &d1, &wd, &h, &t1);
				seq_order_fields(sm, sd->t[r], &y2, &m2, &d2, &wd, &h, &t2);
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
			seq_quantiles(gaps, ngaps, k, sm->gapq);
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
	seq_quantiles(len, sd->nent, k, sm->lenq);
	seq_quantiles(start, sd->nent, k, sm->startq);
	pfree(len);
	pfree(start);
}

/* the years of an order value from the trend's origin */
static double
seq_order_years(const SdSeqModel *sm, double t)
{
	if (sm->order_kind == SEQ_ORDER_INTEGER)
		return 0;
	return seq_order_usecs(sm, t) / YEAR_US - sm->time_center;
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
		gap_us = seq_order_usecs(sm, sm->step);
	else if (sm->grid == SEQ_GRID_MONTHS)
		gap_us = sm->step * 30.4 * DAY_US;
	else
		gap_us = seq_order_usecs(sm, sm->gapq[SEQ_Q / 2]);
	span_us = seq_order_usecs(sm, sm->startq[SEQ_Q - 1] + sm->lenq[SEQ_Q / 2] *
						  (sm->grid == SEQ_GRID_MONTHS ? 30.4 : 1) *
						  (sm->grid == SEQ_GRID_FIXED ? sm->step : 1)) -
		seq_order_usecs(sm, sm->startq[0]);
	sm->season_hour = gap_us < DAY_US;
	sm->season_wday = gap_us < 7 * DAY_US;
	sm->season_month = gap_us < 366 * DAY_US && gap_us >= DAY_US &&
		span_us >= 300 * DAY_US;
	if (sm->grid == SEQ_GRID_MONTHS && sm->step >= 12)
		sm->season_month = false;
	if (sm->grid == SEQ_GRID_MONTHS)
		sm->season_wday = false;
}

/* the season bucket of row r: its hour (0), weekday (1) or month (2) */
static inline int
season_bucket(const SeqData *sd, int64 r, int which)
{
	const SeqTime *tm = &sd->tm[r];

	return which == 0 ? tm->hour : which == 1 ? tm->wday : tm->month;
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
		if (isnan(res[r]))
			continue;
		b = season_bucket(sd, r, which);
		sum[b] += res[r];
		cnt[b]++;
	}
	for (b = 0; b < nb; b++)
		means[b] = cnt[b] >= k ? sum[b] / cnt[b] : 0;
	for (r = 0; r < sd->n; r++)
		if (!isnan(res[r]))
			res[r] -= means[season_bucket(sd, r, which)];
	(void) j;
}

/* the buckets of the finest season (hour, weekday, month), 0: none */
static int
scale_buckets(const SdSeqModel *sm)
{
	return sm->season_hour ? 24 : sm->season_wday ? 7 : sm->season_month ? 12 : 0;
}

/* the grid period of an order value: months or steps from the origin */
static double
seq_period(const SdSeqModel *sm, double t)
{
	if (sm->grid == SEQ_GRID_MONTHS)
	{
		int			y,
					mo,
					d,
					wd,
					h;
		double		tod;

		seq_order_fields(sm, t, &y, &mo, &d, &wd, &h, &tod);
		return floor((y * 12.0 + mo - 1) / sm->step);
	}
	return floor((t - sm->anchor) / sm->step + 0.5);
}

/* the point of the common path at order value t, or -1 outside it */
static int
seq_path_point(const SdSeqModel *sm, double t)
{
	double		i;

	if (sm->path_n <= 0)
		return -1;
	i = floor((seq_period(sm, t) - sm->path_origin) / sm->path_width);
	return i >= 0 && i < sm->path_n ? (int) i : -1;
}

/* what the dynamics read of order value t (see SeqTime) */
void
seq_time_at(const SdSeqModel *sm, double t, SeqTime *tm)
{
	int			y,
				mo,
				d,
				wd,
				h;
	double		tod;

	tm->hour = tm->wday = tm->month = 0;
	tm->bucket = -1;
	if (sm->season_hour || sm->season_wday || sm->season_month)
	{
		seq_order_fields(sm, t, &y, &mo, &d, &wd, &h, &tod);
		tm->hour = h;
		tm->wday = wd;
		tm->month = mo - 1;
		tm->bucket = sm->season_hour ? h : sm->season_wday ? wd : mo - 1;
	}
	tm->path = seq_path_point(sm, t);
	tm->years = seq_order_years(sm, t);
}

/*
 * A panel's common path: where the entities move together over the years
 * (a housing market's boom, slump and recovery shared by its cities),
 * which neither seasonal means nor a linear trend carry.  Its points are
 * periods of the grid (path_width steps each, at most SEQ_MAX_PATH
 * points over the span of the starts and lengths); the path is off for
 * one series, a free grid or an integer order, and when fewer than k
 * entities could share a point.
 */
static void
choose_path(SdSeqModel *sm, const SeqData *sd, int k)
{
	double		lo = INFINITY,
				hi = -INFINITY,
				span;
	int64		r;

	sm->path_n = 0;
	if (sm->key == NULL || sm->grid == SEQ_GRID_FREE ||
		sm->order_kind == SEQ_ORDER_INTEGER || sd->nent < Max(k, 2))
		return;
	for (r = 0; r < sd->n; r++)
	{
		double		p = seq_period(sm, sd->t[r]);

		lo = Min(lo, p);
		hi = Max(hi, p);
	}
	span = hi - lo + 1;
	if (!(span >= 2 && span < 1e9))
		return;
	sm->path_width = (int) ceil(span / SEQ_MAX_PATH);
	sm->path_n = (int) ceil(span / sm->path_width);
	sm->path_origin = lo;
}

/*
 * The common path of one dimension: the mean of res at each point over
 * the entities there, kept only where at least k entities are (each point
 * is an aggregate over k entities or more: no entity's own history), then
 * smoothed by a centred moving average of +- SEQ_PATH_HALF points, and
 * taken off res.
 */
static void
dim_path(const SdSeqModel *sm, const SeqData *sd, SeqDim *d, double *res, int k)
{
	double		sum[SEQ_MAX_PATH],
				raw[SEQ_MAX_PATH];
	int64		cnt[SEQ_MAX_PATH],
				ents[SEQ_MAX_PATH],
				last[SEQ_MAX_PATH],
				e,
				r;
	bool		kept[SEQ_MAX_PATH];
	int			i,
				n = sm->path_n;

	if (n <= 0)
		return;
	memset(sum, 0, sizeof(sum));
	memset(cnt, 0, sizeof(cnt));
	memset(ents, 0, sizeof(ents));
	for (i = 0; i < n; i++)
		last[i] = -1;
	for (e = 0; e < sd->nent; e++)
		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
		{
			if (isnan(res[r]) || (i = sd->tm[r].path) < 0)
				continue;
			sum[i] += res[r];
			cnt[i]++;
			if (last[i] != e)
			{
				ents[i]++;
				last[i] = e;
			}
		}
	for (i = 0; i < n; i++)
	{
		kept[i] = ents[i] >= k && cnt[i] >= k;
		raw[i] = kept[i] ? sum[i] / cnt[i] : 0;
	}
	for (i = 0; i < n; i++)
	{
		double		s = 0;
		int			m = 0,
					j;

		for (j = Max(0, i - SEQ_PATH_HALF); j <= Min(n - 1, i + SEQ_PATH_HALF); j++)
			if (kept[j])
			{
				s += raw[j];
				m++;
			}
		d->path[i] = kept[i] && m > 0 ? s / m : 0;
	}
	for (r = 0; r < sd->n; r++)
		if (!isnan(res[r]) && (i = sd->tm[r].path) >= 0)
			res[r] -= d->path[i];
}

/*
 * The continuous column whose value is dim j: without a conditional
 * marginal, or with one on a parent category that has a latent dimension
 * (the sampler turns a value back into the latent within the entity's
 * parent category: sampler_cond_latent)
 */
static const ModelCol *
value_column(const Model *m, int j)
{
	int			i;

	for (i = 0; i < m->ncols; i++)
	{
		const ModelCol *c = &m->cols[i];

		if (c->value_dim == j && c->kind == MK_CONTINUOUS && c->grid != NULL &&
			(c->parent < 0 ||
			 (c->cond != NULL && m->cols[c->parent].value_dim >= 0)))
			return c;
	}
	return NULL;
}

/*
 * Dimension j's series, standardized: on the value scale when vc is a
 * continuous column (read back through its quantile grid), else on the
 * latent scale.  Its mean and sd go to level and vsd.
 */
static void
dim_series(const SeqData *sd, int j, const ModelCol *vc, double *res,
		   double *level, double *vsd, bool *logs)
{
	double		s1 = 0,
				s2 = 0,
				mean,
				sdev;
	int64		m = 0,
				r;

	/*
	 * Positive values spread over orders of magnitude (sales of small and
	 * large entities) are modelled on the log scale: the entities' levels
	 * add and the seasons multiply.
	 */
	*logs = vc != NULL && vc->grid[0] > 0 &&
		vc->grid[GRID_POINTS - 1] > SEQ_LOG_SPREAD * vc->grid[0];
	for (r = 0; r < sd->n; r++)
	{
		double		z = sd->z[r * sd->D + j];

		/*
		 * A conditional marginal's latent is a rank within the parent's
		 * category: its value is read as it is (within the fitted range)
		 */
		if (!isnan(z) && vc != NULL && vc->parent >= 0)
			z = isnan(sd->x[r * sd->D + j]) ? NAN :
				Max(vc->grid[0], Min(vc->grid[GRID_POINTS - 1], sd->x[r * sd->D + j]));
		else if (!isnan(z) && vc != NULL)
			z = sd_grid_quantile(vc->grid, GRID_POINTS, sd_pnorm(z));
		if (!isnan(z) && *logs)
			z = log(Max(z, vc->grid[0]));
		res[r] = z;
		if (!isnan(z))
		{
			s1 += z;
			s2 += z * z;
			m++;
		}
	}
	mean = m > 0 ? s1 / m : 0;
	sdev = m > 1 ? sqrt(Max(1e-12, s2 / m - mean * mean)) : 1;
	/* the latent scale keeps its origin: categories' means are not centred */
	if (vc == NULL)
		mean = 0;
	for (r = 0; r < sd->n; r++)
		res[r] = (res[r] - mean) / sdev;
	*level = mean;
	*vsd = sdev;
}

/* constant within every entity, and some entity shows it twice? */
static bool
dim_is_entity(const SeqData *sd, const double *res)
{
	int64		e,
				r,
				multi = 0;

	for (e = 0; e < sd->nent; e++)
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
				return false;
		}
		if (seen > 1)
			multi++;
	}
	return multi > 0;
}

/*
 * Seasonal means (one round of backfitting) and a linear trend, taken
 * off res; their variance is returned.  On the latent scale the means
 * are shrunk if they would leave no noise.
 */
static double
dim_seasonal(const SdSeqModel *sm, const SeqData *sd, SeqDim *d, double *res,
			 int j, int k)
{
	double		sx = 0,
				sy = 0,
				sxx = 0,
				sxy = 0,
				var_mu = 0;
	int64		r,
				nobs = 0;

	if (sm->season_hour)
		season_pass(sm, sd, res, j, 0, d->hour, 24, k);
	if (sm->season_wday)
		season_pass(sm, sd, res, j, 1, d->wday, 7, k);
	if (sm->season_month)
		season_pass(sm, sd, res, j, 2, d->month, 12, k);
	for (r = 0; r < sd->n; r++)
	{
		double		x = sd->tm[r].years;

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
		if (!isnan(res[r]))
			res[r] -= d->trend * sd->tm[r].years;
	dim_path(sm, sd, d, res, k);
	for (r = 0; r < sd->n; r++)
	{
		double		mu;

		if (isnan(res[r]))
			continue;
		/* the seasonal passes took the means off; the trend and path too */
		mu = seq_time_mean(sm, d, &sd->tm[r]);
		var_mu += mu * mu;
	}
	var_mu = nobs > 0 ? var_mu / nobs : 0;
	if (!d->vscale && var_mu > 0.95)
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
		for (b = 0; b < sm->path_n; b++)
			d->path[b] *= f;
		d->trend *= f;
		var_mu = 0.95;
	}
	return var_mu;
}

/*
 * The spread left around the seasonal means differs by season (winter
 * temperatures vary more than summer ones; on the latent scale a seasonal
 * marginal's normal scores stretch its busy ends): one residual sd per
 * bucket of the finest season.  On the latent scale their mean square is
 * 1 - var_mu; res is divided by them.
 */
static void
dim_season_scale(const SdSeqModel *sm, const SeqData *sd, SeqDim *d,
				 double *res, int k)
{
	double		ss[24],
				all = 0,
				tot2 = 0;
	int64		cn[24],
				nall = 0,
				ntot = 0,
				r;
	int			nb = scale_buckets(sm),
				b;

	memset(ss, 0, sizeof(ss));
	memset(cn, 0, sizeof(cn));
	for (r = 0; r < sd->n; r++)
	{
		if (isnan(res[r]))
			continue;
		all += res[r] * res[r];
		nall++;
		b = sd->tm[r].bucket;
		if (b < 0)
			continue;
		ss[b] += res[r] * res[r];
		cn[b]++;
	}
	if (d->vscale)
		d->scale = nall > 1 ? sqrt(Max(1e-12, all / nall)) : 1;
	for (b = 0; b < 24; b++)
		d->bscale[b] = d->scale;
	for (b = 0; b < nb; b++)
		if (cn[b] >= k)
		{
			d->bscale[b] = sqrt(Max(1e-8, ss[b] / cn[b]));
			tot2 += ss[b];
			ntot += cn[b];
		}
	if (!d->vscale && ntot > 0)
	{
		double		f = d->scale / sqrt(Max(1e-8, tot2 / ntot));

		for (b = 0; b < nb; b++)
			d->bscale[b] = cn[b] >= k ? Min(1, d->bscale[b] * f) : d->scale;
	}
	for (r = 0; r < sd->n; r++)
	{
		if (isnan(res[r]))
			continue;
		b = sd->tm[r].bucket;
		res[r] /= b >= 0 ? Max(1e-6, d->bscale[b]) : Max(1e-6, d->scale);
	}
}

/* a residual and its row, sorted by the residual */
typedef struct SeqRank
{
	double		v;
	int64		r;
} SeqRank;

static int
cmp_rank(const void *a, const void *b)
{
	double		x = ((const SeqRank *) a)->v,
				y = ((const SeqRank *) b)->v;

	return x < y ? -1 : x > y;
}

/*
 * Value scale: the quantiles of the scaled residuals (clipped, see
 * seq_quantiles), and the residuals replaced by their normal scores, on
 * which the entity share and the AR are estimated.
 */
static void
dim_value_scores(SeqDim *d, double *res, int64 n, int k)
{
	SeqRank    *rk = palloc_extended(sizeof(SeqRank) * Max(n, 1), MCXT_ALLOC_HUGE);
	double	   *v = palloc_extended(sizeof(double) * Max(n, 1), MCXT_ALLOC_HUGE);
	int64		m = 0,
				r,
				i;

	for (r = 0; r < n; r++)
		if (!isnan(res[r]))
		{
			rk[m].v = res[r];
			rk[m++].r = r;
		}
	if (m == 0)
	{
		memset(d->resq, 0, sizeof(d->resq));
		return;
	}
	qsort(rk, m, sizeof(SeqRank), cmp_rank);
	/* in ascending order already: seq_quantiles' sort only checks it */
	for (i = 0; i < m; i++)
		v[i] = rk[i].v;
	seq_quantiles(v, m, k, d->resq);
	for (i = 0; i < m; i++)
		res[rk[i].r] = sd_qnorm((i + 0.5) / m);
	pfree(rk);
	pfree(v);
}

/*
 * The entity level's share of the variance, taken off res.  Returns the
 * share of the variance left within entities (around their own means),
 * or -1 when there is no entity level (one series); dim_ar turns it into
 * the entity share of a persistent process.
 */
static double
dim_entity_share(const SdSeqModel *sm, const SeqData *sd, SeqDim *d, double *res)
{
	double		tot = 0,
				between = 0,
				within = 0,
				wshare = -1;
	int64		e,
				r,
				nobs = 0;

	for (e = 0; e < sd->nent; e++)
	{
		double		s = 0,
					ss = 0;
		int64		m = 0;

		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
		{
			if (isnan(res[r]))
				continue;
			s += res[r];
			ss += res[r] * res[r];
			m++;
		}
		nobs += m;
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
		wshare = within / tot;
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
	return wshare;
}

/*
 * Each entity's mean taken off res and kept in level[]: the seasons, the
 * trend and the common path are then estimated around the entities'
 * levels, so a month some low (or high) entities miss does not move them.
 */
static void
dim_entity_levels(const SeqData *sd, double *res, double *level)
{
	int64		e,
				r;

	for (e = 0; e < sd->nent; e++)
	{
		double		s = 0;
		int64		n = 0;

		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			if (!isnan(res[r]))
			{
				s += res[r];
				n++;
			}
		level[e] = n > 0 ? s / n : 0;
		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			res[r] -= level[e];
	}
}

/*
 * The entity level of a column whose conditional marginal's parent is an
 * entity attribute (a housing panel's sales given the city): a drawn
 * entity takes the level of its parent's category from the conditional
 * marginal (sequence_sample.c), so the fit takes every entity's own mean
 * off res (level[]: dim_entity_levels, and what the seasons leave).  The noise the seasons and the common path leave around it is
 * smaller where the level is higher (a large city's monthly sales move
 * less, relative to their level, than a small town's; on the logarithm of
 * counts the noise shrinks as 1 / sqrt(level)): log sd_e = a + slope m_e
 * by least squares over the entities' levels m_e, each weighted by its
 * rows.  The slope is one number fitted over all entities, and only over
 * k entities or more (else none): no entity's own spread is kept.  res is
 * divided by exp(slope (m_e - center)), center the mean level.
 */
static void
dim_entity_noise(const SeqData *sd, SeqDim *d, double *res, const double *level,
				 int k)
{
	double	   *mean = palloc(sizeof(double) * Max(sd->nent, 1));
	double		sw = 0,
				sx = 0,
				sy = 0,
				sxx = 0,
				sxy = 0;
	int64		e,
				r,
				used = 0;

	for (e = 0; e < sd->nent; e++)
	{
		double		s = 0,
					ss = 0;
		int64		n = 0;

		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			if (!isnan(res[r]))
			{
				s += res[r];
				n++;
			}
		mean[e] = n > 0 ? s / n : 0;
		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			if (!isnan(res[r]))
				ss += (res[r] - mean[e]) * (res[r] - mean[e]);
		if (n >= 3 && ss > 0)
		{
			double		y = 0.5 * log(ss / n);

			sw += n;
			sx += n * level[e];
			sy += n * y;
			sxx += n * level[e] * level[e];
			sxy += n * level[e] * y;
			used++;
		}
	}
	d->plevel = true;
	d->nslope = 0;
	d->ncenter = sw > 0 ? sx / sw : 0;
	if (used >= Max(k, 3) && sw * sxx - sx * sx > 1e-12)
		d->nslope = Max(-SEQ_NOISE_SLOPE, Min(SEQ_NOISE_SLOPE,
											  (sw * sxy - sx * sy) / (sw * sxx - sx * sx)));
	for (e = 0; e < sd->nent; e++)
	{
		double		g = seq_noise_factor(d, level[e]);

		for (r = sd->first[e]; r < sd->first[e + 1]; r++)
			if (!isnan(res[r]))
				res[r] = (res[r] - mean[e]) / g;
	}
	pfree(mean);
}

/*
 * Pooled autocorrelations within entities, AR order by AIC, corrected for
 * the small-sample bias of the histories' lengths lens[0..nl-1] (see
 * sequence_ar.c); innovations.  wshare (>= 0) is the share of the
 * variance left within entities (dim_entity_share): the entity share is
 * the rest once the process's expected within share is accounted for.
 */
static void
dim_ar(const SeqData *sd, SeqDim *d, const double *res, double *eta,
	   const double *lens, int nl, double wshare)
{
	double		acc[SEQ_MAX_P + 1],
				rho[SEQ_MAX_P + 1];
	int64		cnt[SEQ_MAX_P + 1],
				e,
				r,
				maxlen = 0;
	int			h,
				pmax;

	for (e = 0; e < sd->nent; e++)
		maxlen = Max(maxlen, sd->first[e + 1] - sd->first[e]);
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
		d->p = seq_ar_levinson(rho, pmax, cnt[0], true, d->phi, &v);
		if (d->p > 0)
		{
			double		within;

			seq_ar_debias(rho, d->p, lens, nl, d->phi, &v, &within);
			if (wshare >= 0)
				d->tau = Max(0, Min(0.95, 1 - wshare / Max(1e-6, within)));
		}
		d->sigma = sqrt(Max(v, 1e-6));
	}
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
}

/*
 * One dimension's dynamics: entity constant, or seasonal means, trend,
 * seasonal spread, entity share and AR(p).  A continuous column (vc) is
 * modelled on its value scale, so that its seasonal profile and its
 * autocorrelations are those of the values (normal scores of a seasonal
 * marginal would shrink them), with plevel (a conditional marginal on an
 * entity attribute) around its parent category's level and with its
 * noise's slope on that level; the rest on the copula's latent scale.
 * Leaves the innovations in eta (NaN where there are none).
 */
static void
estimate_dim(SdSeqModel *sm, const SeqData *sd, int j, int k,
			 const ModelCol *vc, bool plevel, double *eta)
{
	SeqDim	   *d = &sm->dims[j];
	double	   *res = palloc_extended(sizeof(double) * Max(sd->n, 1), MCXT_ALLOC_HUGE);
	double		var_mu,
				wshare,
				lens[SEQ_Q],
			   *level = NULL;
	int64		r;
	int			i,
				nl = 0;

	/* the lengths the sampler draws, as whole steps (ascending) */
	for (i = 0; i < SEQ_Q; i++)
		if (rint(sm->lenq[i]) >= 2)
			lens[nl++] = rint(sm->lenq[i]);
	memset(d, 0, sizeof(SeqDim));
	d->sigma = 1;
	d->scale = 1;
	d->vscale = vc != NULL;
	dim_series(sd, j, vc, res, &d->level, &d->vsd, &d->logs);
	if (sm->key != NULL && dim_is_entity(sd, res))
	{
		d->entity = true;
		for (r = 0; r < sd->n; r++)
			eta[r] = NAN;
		pfree(res);
		return;
	}
	if (d->vscale && plevel)
	{
		level = palloc(sizeof(double) * Max(sd->nent, 1));
		dim_entity_levels(sd, res, level);
	}
	var_mu = dim_seasonal(sm, sd, d, res, j, k);
	if (!d->vscale)
		d->scale = sqrt(1 - var_mu);
	if (d->vscale && plevel)
		dim_entity_noise(sd, d, res, level, k);
	dim_season_scale(sm, sd, d, res, k);
	if (d->vscale)
		dim_value_scores(d, res, sd->n, k);
	wshare = d->plevel ? -1 : dim_entity_share(sm, sd, d, res);
	dim_ar(sd, d, res, eta, lens, nl, wshare);
	if (level != NULL)
		pfree(level);
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
			 !detect_sequence(rel, qualified, m, &key, &order, &reason))
	{
		relation_close(rel, AccessShareLock);
		return NULL;
	}
	else
	{
		order_column_check(rel, order, false, &sm->order_kind);
		if (!grid_possible(qualified, m, key, order, sm->order_kind))
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
	estimate_grid(sm, &sd, m->k);
	/*
	 * A detected sequence must be on a regular grid of a calendar step:
	 * whole days, months, or whole seconds for timestamps (a grid of odd
	 * microseconds is a key's formula, not a history's clock).
	 */
	if (detected && (sm->grid == SEQ_GRID_FREE ||
					 (sm->grid == SEQ_GRID_FIXED && sm->order_kind == SEQ_ORDER_TIMESTAMP &&
					  fmod(sm->step, 1e6) != 0)))
		return NULL;
	estimate_entities(sm, &sd, m->k);
	if (sm->order_kind != SEQ_ORDER_INTEGER)
	{
		double		s = 0;

		for (r = 0; r < sd.n; r++)
			s += seq_order_usecs(sm, sd.t[r]) / YEAR_US;
		sm->time_center = s / sd.n;
	}
	choose_seasons(sm, &sd);
	choose_path(sm, &sd, m->k);
	sd.tm = palloc_extended(sizeof(SeqTime) * Max(sd.n, 1), MCXT_ALLOC_HUGE);
	for (r = 0; r < sd.n; r++)
		seq_time_at(sm, sd.t[r], &sd.tm[r]);
	sm->rows = sd.n;
	sm->ndims = sd.D;
	sm->dims = palloc0(sizeof(SeqDim) * Max(sd.D, 1));
	eta = palloc_extended(sizeof(double) * Max(sd.n * sd.D, 1), MCXT_ALLOC_HUGE);
	{
		double	   *col = palloc_extended(sizeof(double) * Max(sd.n, 1), MCXT_ALLOC_HUGE);

		for (j = 0; j < sd.D; j++)
		{
			const ModelCol *vc = value_column(m, j);
			bool		plevel = false;

			CHECK_FOR_INTERRUPTS();
			/*
			 * A conditional marginal on an entity attribute: on its value
			 * scale, at its category's level.  On a parent that changes
			 * from step to step (the weather of the day) it stays on the
			 * latent scale, where its rank within the category is kept.
			 */
			if (vc != NULL && vc->parent >= 0)
			{
				int			pd = m->cols[vc->parent].value_dim;

				if (sm->key != NULL)
				{
					for (r = 0; r < sd.n; r++)
						col[r] = sd.z[r * sd.D + pd];
					plevel = dim_is_entity(&sd, col);
				}
				if (!plevel)
					vc = NULL;
			}
			estimate_dim(sm, &sd, j, m->k, vc, plevel, col);
			for (r = 0; r < sd.n; r++)
				eta[r * sd.D + j] = col[r];
		}
		pfree(col);
	}
	estimate_innovations(sm, eta, sd.n, m->corr);
	pfree(eta);
	return seq_copy(sm, GetMemoryChunkContext(m));
}

