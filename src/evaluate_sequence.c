/*-------------------------------------------------------------------------
 *
 * evaluate_sequence.c
 *		synth_evaluate's option "sequence": how well a synthetic table keeps
 *		the histories of the real one (see sequence.c for the model).
 *
 * Both tables are read ordered by entity key and order column.  Per
 * numeric column: AutocorrelationSimilarity (the within-entity
 * autocorrelations at lags 1..k, score 1 - mean |difference| / 2, the
 * largest difference in the detail) and SeasonalProfileSimilarity (the
 * Pearson correlation of the mean by month, weekday or hour of day,
 * whichever the real grid shows; NULL when the real season means hold
 * less than 1% of the variance: no season to keep).  Per pair of numeric columns:
 * CrossCorrelationSimilarity at lags 0 and 1 (1 - mean |difference| / 2).
 * Per table: SequenceLengthSimilarity, SequenceStartSimilarity and
 * SequenceGapSimilarity (KS complements of the entities' lengths, first
 * order values and steps), and the summary row Sequence Dynamics (their
 * mean).  No real value is shown: autocorrelations, correlations and
 * scores only.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/evaluate_sequence.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "evaluate.h"
#include "metrics.h"
#include "options.h"

#define SEQ_EVAL_MAX_COLS	32	/* numeric columns scored */
#define SEQ_EVAL_MAX_LAGS	48
#define SEQ_EVAL_MIN_SEASON	0.01	/* a season below this share of variance is none */

typedef struct SeqTable
{
	int64		n;
	int			ncols;
	double	   *t;				/* order value (days, or seconds) */
	int		   *season;			/* bucket of the season, or -1 */
	double	   *x;				/* n x ncols, NaN = NULL */
	int64		nent;
	int64	   *first;			/* nent + 1 */
} SeqTable;

typedef struct SeqEvalSpec
{
	char	   *key;			/* or NULL: one series */
	char	   *order;
	int			lags;
	int			ncols;
	char	   *cols[SEQ_EVAL_MAX_COLS];
	Oid			order_type;
} SeqEvalSpec;

/* option "sequence": {"key": column or null, "order": column, "lags": k} */
static void
parse_spec(Jsonb *opt, SeqEvalSpec *sp)
{
	static const char *const names[] = {"key", "order", "lags", NULL};
	int64		lags = 12;

	if (!JB_ROOT_IS_OBJECT(opt))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"sequence\" must be a JSON object"),
				 errhint("Use {\"key\": \"city\", \"order\": \"month\", \"lags\": 12}.")));
	sd_opts_check(opt, names, "sequence");
	sp->order = sd_opt_text(opt, "order");
	if (sp->order == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"sequence\" must name its order column"),
				 errhint("Use {\"key\": \"city\", \"order\": \"month\"}.")));
	sp->key = sd_opt_text(opt, "key");
	if (sd_opt_int(opt, "lags", 1, SEQ_EVAL_MAX_LAGS, &lags))
		sp->lags = (int) lags;
	else
		sp->lags = 12;
}

/* the column's attribute in relid, checked */
static Oid
column_type(Oid relid, const char *name)
{
	AttrNumber	a = get_attnum(relid, name);

	if (a == InvalidAttrNumber)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" named in option \"sequence\" does not exist in relation \"%s\"",
						name, get_rel_name(relid))));
	return get_atttype(relid, a);
}

static bool
type_is_number(Oid t)
{
	return t == INT2OID || t == INT4OID || t == INT8OID || t == FLOAT4OID ||
		t == FLOAT8OID || t == NUMERICOID;
}

/* the numeric columns of the real table (not key or order) also in the synthetic */
static void
choose_columns(EvalState *st, SeqEvalSpec *sp)
{
	Oid			real = st->relid[T_REAL],
				synth = st->relid[T_SYNTH];
	Oid			ot = column_type(real, sp->order);
	int			i;

	(void) column_type(synth, sp->order);
	if (sp->key)
	{
		(void) column_type(real, sp->key);
		(void) column_type(synth, sp->key);
	}
	if (ot != DATEOID && ot != TIMESTAMPOID && ot != TIMESTAMPTZOID &&
		ot != INT2OID && ot != INT4OID && ot != INT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("order column \"%s\" of option \"sequence\" must be a date, a timestamp or an integer",
						sp->order)));
	sp->order_type = ot;
	sp->ncols = 0;
	for (i = 0; i < st->ncols && sp->ncols < SEQ_EVAL_MAX_COLS; i++)
	{
		const char *nm = st->cols[i].name;
		AttrNumber	sa = get_attnum(synth, nm);

		if (strcmp(nm, sp->order) == 0 || (sp->key && strcmp(nm, sp->key) == 0))
			continue;
		if (sa == InvalidAttrNumber ||
			!type_is_number(column_type(real, nm)) ||
			!type_is_number(get_atttype(synth, sa)))
			continue;
		sp->cols[sp->ncols++] = pstrdup(nm);
	}
}

/* the season of the real grid: 12 months, 7 weekdays, 24 hours, or none */
static int
season_buckets(const SeqEvalSpec *sp, double step_seconds)
{
	if (sp->order_type != DATEOID && sp->order_type != TIMESTAMPOID &&
		sp->order_type != TIMESTAMPTZOID)
		return 0;
	if (step_seconds >= 27 * 86400.0 && step_seconds < 32 * 86400.0)
		return 12;
	if (step_seconds >= 86400.0 && step_seconds < 7 * 86400.0)
		return 12;				/* daily data: months too */
	if (step_seconds > 0 && step_seconds < 86400.0)
		return 24;
	return 0;
}

static int
bucket_of(Datum d, Oid typ, int nb)
{
	Timestamp	ts;
	struct pg_tm tm;
	fsec_t		fsec;

	if (typ == DATEOID)
	{
		if (DATE_NOT_FINITE(DatumGetDateADT(d)))
			return -1;
		ts = (Timestamp) DatumGetDateADT(d) * USECS_PER_DAY;
	}
	else
		ts = DatumGetTimestamp(d);
	if (TIMESTAMP_NOT_FINITE(ts) || timestamp2tm(ts, NULL, &tm, &fsec, NULL, NULL) != 0)
		return -1;
	return nb == 24 ? tm.tm_hour : tm.tm_mon - 1;
}

static double
order_value(Datum d, Oid typ)
{
	switch (typ)
	{
		case DATEOID:
			return (double) DatumGetDateADT(d) * 86400.0;
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			return (double) DatumGetTimestamp(d) / 1e6;
		case INT2OID:
			return DatumGetInt16(d);
		case INT4OID:
			return DatumGetInt32(d);
		default:
			return (double) DatumGetInt64(d);
	}
}

/* one table's histories, ordered by key and order (rows without both skipped) */
static void
read_histories(Oid relid, const SeqEvalSpec *sp, int nb, SeqTable *tb,
			   MemoryContext cxt)
{
	MemoryContext old;
	StringInfoData q;
	int64		cap = 1024,
				fcap = 64,
				r;
	int			j;
	Oid			typ = sp->order_type;
	char	   *prev = NULL;

	initStringInfo(&q);
	appendStringInfo(&q, "SELECT %s", quote_identifier(sp->order));
	appendStringInfo(&q, ", %s::pg_catalog.text", sp->key ? quote_identifier(sp->key) : "NULL");
	for (j = 0; j < sp->ncols; j++)
		appendStringInfo(&q, ", %s::pg_catalog.float8", quote_identifier(sp->cols[j]));
	appendStringInfo(&q, " FROM %s WHERE %s IS NOT NULL",
					 quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
												get_rel_name(relid)),
					 quote_identifier(sp->order));
	if (sp->key)
		appendStringInfo(&q, " AND %s IS NOT NULL ORDER BY 2, 1", quote_identifier(sp->key));
	else
		appendStringInfoString(&q, " ORDER BY 1");
	if (SPI_execute(q.data, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "synthdata: reading the histories failed");
	/* the arrays outlive SPI_finish */
	old = MemoryContextSwitchTo(cxt);
	memset(tb, 0, sizeof(SeqTable));
	tb->ncols = sp->ncols;
	cap = Max(1, (int64) SPI_processed);
	tb->t = palloc_extended(sizeof(double) * cap, MCXT_ALLOC_HUGE);
	tb->season = palloc_extended(sizeof(int) * cap, MCXT_ALLOC_HUGE);
	tb->x = palloc_extended(sizeof(double) * cap * Max(1, sp->ncols), MCXT_ALLOC_HUGE);
	tb->first = palloc(sizeof(int64) * fcap);
	MemoryContextSwitchTo(old);
	for (r = 0; r < (int64) SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	td = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		ov = SPI_getbinval(tup, td, 1, &isnull);
		char	   *ks = SPI_getvalue(tup, td, 2);

		CHECK_FOR_INTERRUPTS();
		if (tb->nent == 0 || (sp->key && (prev == NULL || strcmp(prev, ks) != 0)))
		{
			if (tb->nent + 2 > fcap)
			{
				fcap *= 2;
				tb->first = repalloc_huge(tb->first, sizeof(int64) * fcap);
			}
			tb->first[tb->nent++] = tb->n;
			prev = ks;
		}
		tb->t[tb->n] = order_value(ov, typ);
		tb->season[tb->n] = nb > 0 ? bucket_of(ov, typ, nb) : -1;
		for (j = 0; j < sp->ncols; j++)
		{
			Datum		v = SPI_getbinval(tup, td, j + 3, &isnull);

			tb->x[tb->n * sp->ncols + j] = isnull ? NAN : DatumGetFloat8(v);
		}
		tb->n++;
	}
	if (tb->nent == 0)
		tb->first[0] = 0;
	tb->first[tb->nent] = tb->n;
}

/* mean of column j within entity e (NaN-free values) */
static double
entity_mean(const SeqTable *tb, int64 e, int j)
{
	double		s = 0;
	int64		m = 0,
				r;

	for (r = tb->first[e]; r < tb->first[e + 1]; r++)
		if (!isnan(tb->x[r * tb->ncols + j]))
		{
			s += tb->x[r * tb->ncols + j];
			m++;
		}
	return m > 0 ? s / m : 0;
}

/*
 * Correlation of columns a and b at lag h (b h steps later), pooled over
 * entities, each centred on its own means: a's autocorrelation when a = b.
 */
static double
lag_correlation(const SeqTable *tb, int a, int b, int h)
{
	double		sab = 0,
				saa = 0,
				sbb = 0;
	int64		e,
				r;

	for (e = 0; e < tb->nent; e++)
	{
		double		ma = entity_mean(tb, e, a),
					mb = a == b ? ma : entity_mean(tb, e, b);

		for (r = tb->first[e]; r < tb->first[e + 1]; r++)
		{
			double		xa = tb->x[r * tb->ncols + a] - ma;

			if (!isnan(xa))
				saa += xa * xa;
			if (a != b)
			{
				double		xb = tb->x[r * tb->ncols + b] - mb;

				if (!isnan(xb))
					sbb += xb * xb;
			}
			if (r + h < tb->first[e + 1])
			{
				double		yb = tb->x[(r + h) * tb->ncols + b] - mb;

				if (!isnan(xa) && !isnan(yb))
					sab += xa * yb;
			}
		}
	}
	if (a == b)
		sbb = saa;
	if (saa <= 0 || sbb <= 0)
		return NAN;
	return sab / sqrt(saa * sbb);
}

static void
json_array(StringInfo d, const char *key, const double *v, int n)
{
	int			i;

	if (d->len > 1)
		appendStringInfoString(d, ", ");
	appendStringInfo(d, "\"%s\": [", key);
	for (i = 0; i < n; i++)
	{
		if (i)
			appendStringInfoString(d, ", ");
		if (isnan(v[i]))
			appendStringInfoString(d, "null");
		else
			appendStringInfo(d, "%.4f", v[i]);
	}
	appendStringInfoChar(d, ']');
}

/* AutocorrelationSimilarity of column j */
static double
autocorrelation_row(EvalState *st, const SeqEvalSpec *sp, const SeqTable *tr,
					const SeqTable *ts, int j)
{
	double		ar[SEQ_EVAL_MAX_LAGS],
				as[SEQ_EVAL_MAX_LAGS],
				sum = 0,
				worst = 0;
	int			h,
				n = 0;
	StringInfo	d = sd_eval_detail();

	for (h = 1; h <= sp->lags; h++)
	{
		ar[h - 1] = lag_correlation(tr, j, j, h);
		as[h - 1] = lag_correlation(ts, j, j, h);
		if (!isnan(ar[h - 1]) && !isnan(as[h - 1]))
		{
			double		diff = fabs(ar[h - 1] - as[h - 1]);

			sum += diff;
			worst = Max(worst, diff);
			n++;
		}
	}
	sd_eval_json_int(d, "lags", sp->lags);
	json_array(d, "real", ar, sp->lags);
	json_array(d, "synthetic", as, sp->lags);
	sd_eval_json_num(d, "max_difference", n > 0 ? worst : NAN);
	sd_eval_add_row(st, "AutocorrelationSimilarity", sp->cols[j], NULL,
					n > 0 ? 1 - sum / n / 2 : NAN, d);
	return n > 0 ? 1 - sum / n / 2 : NAN;
}

/* the mean of column j per season bucket */
static void
season_profile(const SeqTable *tb, int j, int nb, double *prof, int64 *cnt)
{
	int64		r;
	int			b;

	for (b = 0; b < nb; b++)
	{
		prof[b] = 0;
		cnt[b] = 0;
	}
	for (r = 0; r < tb->n; r++)
	{
		double		x = tb->x[r * tb->ncols + j];

		b = tb->season[r];
		if (b < 0 || b >= nb || isnan(x))
			continue;
		prof[b] += x;
		cnt[b]++;
	}
	for (b = 0; b < nb; b++)
		prof[b] = cnt[b] > 0 ? prof[b] / cnt[b] : NAN;
}

static double
pearson(const double *a, const double *b, int n)
{
	double		ma = 0,
				mb = 0,
				sab = 0,
				saa = 0,
				sbb = 0;
	int			i,
				m = 0;

	for (i = 0; i < n; i++)
		if (!isnan(a[i]) && !isnan(b[i]))
		{
			ma += a[i];
			mb += b[i];
			m++;
		}
	if (m < 3)
		return NAN;
	ma /= m;
	mb /= m;
	for (i = 0; i < n; i++)
		if (!isnan(a[i]) && !isnan(b[i]))
		{
			sab += (a[i] - ma) * (b[i] - mb);
			saa += (a[i] - ma) * (a[i] - ma);
			sbb += (b[i] - mb) * (b[i] - mb);
		}
	if (saa <= 0 || sbb <= 0)
		return NAN;
	return sab / sqrt(saa * sbb);
}

/* the share of column j's variance between its season means (eta squared) */
static double
season_share(const SeqTable *tb, int j, const double *prof, const int64 *cnt, int nb)
{
	double		s = 0,
				ss = 0,
				between = 0,
				mean;
	int64		n = 0,
				r;
	int			b;

	for (r = 0; r < tb->n; r++)
	{
		double		x = tb->x[r * tb->ncols + j];

		if (isnan(x) || tb->season[r] < 0)
			continue;
		s += x;
		ss += x * x;
		n++;
	}
	if (n < 2)
		return NAN;
	mean = s / n;
	for (b = 0; b < nb; b++)
		if (cnt[b] > 0)
			between += cnt[b] * (prof[b] - mean) * (prof[b] - mean);
	return ss - n * mean * mean > 0 ? between / (ss - n * mean * mean) : NAN;
}

/* SeasonalProfileSimilarity of column j */
static double
seasonal_row(EvalState *st, const SeqEvalSpec *sp, const SeqTable *tr,
			 const SeqTable *ts, int j, int nb)
{
	double		pr[24],
				ps[24],
				r,
				eta2;
	int64		cr[24],
				cs[24];
	StringInfo	d = sd_eval_detail();

	season_profile(tr, j, nb, pr, cr);
	season_profile(ts, j, nb, ps, cs);
	r = pearson(pr, ps, nb);
	eta2 = season_share(tr, j, pr, cr, nb);
	sd_eval_json_str(d, "season", nb == 24 ? "hour" : "month");
	sd_eval_json_num(d, "real_season_share", eta2);
	if (!(eta2 >= SEQ_EVAL_MIN_SEASON))
	{
		/* no season to keep: the correlation of two flat profiles is noise */
		sd_eval_json_str(d, "note", "the real means by season differ by less than 1% of the variance");
		r = NAN;
	}
	sd_eval_json_num(d, "correlation", r);
	sd_eval_add_row(st, "SeasonalProfileSimilarity", sp->cols[j], NULL,
					isnan(r) ? NAN : Max(0, r), d);
	return isnan(r) ? NAN : Max(0, r);
}

/* CrossCorrelationSimilarity of columns a and b at lags 0 and 1 */
static double
cross_row(EvalState *st, const SeqEvalSpec *sp, const SeqTable *tr,
		  const SeqTable *ts, int a, int b)
{
	double		r0 = lag_correlation(tr, a, b, 0),
				s0 = lag_correlation(ts, a, b, 0),
				r1 = lag_correlation(tr, a, b, 1),
				s1 = lag_correlation(ts, a, b, 1),
				score;
	StringInfo	d = sd_eval_detail();

	if (isnan(r0) || isnan(s0) || isnan(r1) || isnan(s1))
		score = NAN;
	else
		score = 1 - (fabs(r0 - s0) + fabs(r1 - s1)) / 4;
	sd_eval_json_num(d, "real_lag0", r0);
	sd_eval_json_num(d, "synthetic_lag0", s0);
	sd_eval_json_num(d, "real_lag1", r1);
	sd_eval_json_num(d, "synthetic_lag1", s1);
	sd_eval_add_row(st, "CrossCorrelationSimilarity", sp->cols[a], sp->cols[b], score, d);
	return score;
}

/* lengths (0), starts (1) or gaps (2) of a table's entities */
static double *
entity_values(const SeqTable *tb, int what, int *n)
{
	double	   *v = palloc(sizeof(double) * Max(1, what == 2 ? tb->n : tb->nent));
	int64		e,
				r;

	*n = 0;
	for (e = 0; e < tb->nent; e++)
	{
		if (what == 0)
			v[(*n)++] = (double) (tb->first[e + 1] - tb->first[e]);
		else if (what == 1)
			v[(*n)++] = tb->t[tb->first[e]];
		else
			for (r = tb->first[e] + 1; r < tb->first[e + 1]; r++)
				v[(*n)++] = tb->t[r] - tb->t[r - 1];
	}
	return v;
}

static double
ks_row(EvalState *st, const SeqEvalSpec *sp, const SeqTable *tr,
	   const SeqTable *ts, int what)
{
	static const char *const metric[] = {
		"SequenceLengthSimilarity", "SequenceStartSimilarity", "SequenceGapSimilarity"
	};
	int			nr,
				ns;
	double	   *a = entity_values(tr, what, &nr),
			   *b = entity_values(ts, what, &ns),
				score = NAN;
	StringInfo	d = sd_eval_detail();

	if (nr > 0 && ns > 0)
		score = 1 - sd_ks_statistic(a, nr, b, ns);
	sd_eval_json_int(d, "real_entities", tr->nent);
	sd_eval_json_int(d, "synthetic_entities", ts->nent);
	sd_eval_add_row(st, metric[what], what == 0 ? sp->key : sp->order, NULL, score, d);
	return score;
}

/* synth_evaluate's rows of option "sequence" */
void
sd_eval_sequence(EvalState *st, Jsonb *opt)
{
	SeqEvalSpec sp;
	SeqTable	tr,
				ts;
	MemoryContext cxt;
	double		sum = 0,
				v;
	int			n = 0,
				nb,
				a,
				b,
				w;
	StringInfo	d;

	memset(&sp, 0, sizeof(sp));
	parse_spec(opt, &sp);
	choose_columns(st, &sp);
	cxt = CurrentMemoryContext;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	read_histories(st->relid[T_REAL], &sp, 0, &tr, cxt);
	nb = tr.n > 1 ? season_buckets(&sp, tr.nent > 0 && tr.first[1] > 1 ? tr.t[1] - tr.t[0] : 0) : 0;
	if (nb > 0)
		read_histories(st->relid[T_REAL], &sp, nb, &tr, cxt);
	read_histories(st->relid[T_SYNTH], &sp, nb, &ts, cxt);
	SPI_finish();

#define SEQ_ADD(x) do { v = (x); if (!isnan(v)) { sum += v; n++; } } while (0)
	for (a = 0; a < sp.ncols; a++)
		SEQ_ADD(autocorrelation_row(st, &sp, &tr, &ts, a));
	if (nb > 0)
		for (a = 0; a < sp.ncols; a++)
			SEQ_ADD(seasonal_row(st, &sp, &tr, &ts, a, nb));
	for (a = 0; a < sp.ncols; a++)
		for (b = a + 1; b < sp.ncols; b++)
			SEQ_ADD(cross_row(st, &sp, &tr, &ts, a, b));
	/* one series: its length and start are the table's, only gaps compare */
	for (w = sp.key ? 0 : 2; w < 3; w++)
		SEQ_ADD(ks_row(st, &sp, &tr, &ts, w));
#undef SEQ_ADD
	d = sd_eval_detail();
	sd_eval_json_int(d, "scores", n);
	sd_eval_add_row(st, "Sequence Dynamics", NULL, NULL, n > 0 ? sum / n : NAN, d);
}
