/*-------------------------------------------------------------------------
 *
 * timeseries_sql.c
 *		SQL-callable time series and event generators: synth_timeseries,
 *		synth_timeseries_multi, synth_events; and the reading of the
 *		components (jsonb) that the series() rule shares.
 *
 * The math lives in timeseries.c; this file checks the arguments, reads
 * the components document (unknown keys and wrong types are 22023 errors
 * whose hint lists the valid keys), turns indexes into times, and streams
 * rows (ValuePerCall in a SELECT list, so that LIMIT stops early;
 * Materialize when the caller prefers it, as in FROM).
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/timeseries_sql.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "access/tupmacs.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "options.h"
#include "rng.h"
#include "synthdata.h"
#include "timeseries.h"

/* ---------------------------------------------------------------------
 * Components
 * ---------------------------------------------------------------------
 */

static const char *const comp_keys[] = {
	"level", "trend", "seasonality", "ar", "ma", "sd", "garch",
	"level_shifts", "outliers", "missing", "missing_as", "name", NULL
};
static const char *const trend_keys[] = {
	"type", "slope", "changepoints", "capacity", "growth", "midpoint", NULL
};
static const char *const trend_types[] = {
	"none", "linear", "piecewise", "logistic", NULL
};
static const char *const season_keys[] = {"period", "amplitude", "phase", NULL};
static const char *const change_keys[] = {"at", "slope", NULL};
static const char *const garch_keys[] = {"omega", "alpha", "beta", NULL};
static const char *const shift_keys[] = {"rate", "sd", NULL};
static const char *const outlier_keys[] = {"rate", "size", NULL};
static const char *const missing_keys[] = {"rate", NULL};
static const char *const missing_as[] = {"skip", "null", NULL};
static const char *const multi_keys[] = {"series", "correlation", "missing_as", NULL};

static void
ts_invalid(const char *msg, const char *detail, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid time series components: %s", msg),
			 detail ? errdetail("%s", detail) : 0,
			 hint ? errhint("%s", hint) : 0));
}

/* elements of a JSON array option; NULL when absent */
static JsonbValue **
ts_array(Jsonb *opts, const char *key, int maxn, int *n)
{
	JsonbValue *v = sd_opt_value(opts, key);
	JsonbValue **out;
	int			i;

	*n = 0;
	if (v == NULL)
		return NULL;
	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data))
		ts_invalid(psprintf("\"%s\" must be a JSON array", key), NULL, NULL);
	*n = JsonContainerSize(v->val.binary.data);
	if (*n > maxn)
		ts_invalid(psprintf("\"%s\" has %d elements", key, *n),
				   psprintf("At most %d are allowed.", maxn), NULL);
	out = palloc(sizeof(JsonbValue *) * Max(*n, 1));
	for (i = 0; i < *n; i++)
		out[i] = getIthJsonbValueFromContainer(v->val.binary.data, i);
	return out;
}

static Jsonb *
ts_elem_object(JsonbValue *v, const char *key)
{
	if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		ts_invalid(psprintf("each element of \"%s\" must be a JSON object", key),
				   NULL, NULL);
	return JsonbValueToJsonb(v);
}

static double
ts_num(Jsonb *o, const char *key, double dflt)
{
	double		x;

	if (!sd_opt_number(o, key, &x))
		return dflt;
	if (isnan(x) || isinf(x))
		ts_invalid(psprintf("\"%s\" must be a finite number", key), NULL, NULL);
	return x;
}

static double *
ts_num_array(Jsonb *o, const char *key, int maxn, int *n)
{
	JsonbValue **e = ts_array(o, key, maxn, n);
	double	   *out = palloc0(sizeof(double) * Max(maxn, 1));
	int			i;

	for (i = 0; i < *n; i++)
	{
		if (e[i]->type != jbvNumeric)
			ts_invalid(psprintf("\"%s\" must be an array of numbers", key), NULL, NULL);
		out[i] = sd_opt_numeric(e[i], key);
		if (isnan(out[i]) || isinf(out[i]))
			ts_invalid(psprintf("\"%s\" must hold finite numbers", key), NULL, NULL);
	}
	return out;
}

static double
ts_rate(Jsonb *o, const char *what)
{
	double		r = ts_num(o, "rate", 0);

	if (!(r >= 0 && r <= 1))
		ts_invalid(psprintf("the rate of %s must be between 0 and 1", what),
				   psprintf("rate is %g.", r),
				   "A rate is a probability per step.");
	return r;
}

/* one series' components from a JSON object (NULL: pure N(0,1) noise) */
static void
ts_read_comp(Jsonb *o, SdTsComp *c, int *missing_mode)
{
	Jsonb	   *sub;
	JsonbValue **arr;
	const char *msg,
			   *hint;
	int			n,
				i;
	double	   *v;

	memset(c, 0, sizeof(*c));
	c->sd = 1;
	sd_opts_check(o, comp_keys, "time series components");
	c->level = ts_num(o, "level", 0);
	c->sd = ts_num(o, "sd", 1);
	if (!(c->sd >= 0))
		ts_invalid("\"sd\" cannot be negative", psprintf("sd is %g.", c->sd), NULL);

	if ((sub = sd_opt_object(o, "trend")) != NULL)
	{
		int			type;

		sd_opts_check(sub, trend_keys, "\"trend\"");
		type = sd_opt_choice(sub, "type", trend_types);
		if (type < 0)
			type = sd_opt_value(sub, "capacity") ? SD_TREND_LOGISTIC :
				sd_opt_value(sub, "changepoints") ? SD_TREND_PIECEWISE :
				SD_TREND_LINEAR;
		c->trend = (SdTrendKind) type;
		c->slope = ts_num(sub, "slope", 0);
		if (c->trend == SD_TREND_PIECEWISE)
		{
			double		base,
						prev_at = 0,
						prev_slope = c->slope;

			arr = ts_array(sub, "changepoints", SD_TS_MAX_CHANGES, &n);
			if (n == 0)
				ts_invalid("a piecewise trend needs \"changepoints\"", NULL,
						   "Give \"changepoints\": [{\"at\": 1000, \"slope\": -0.5}, ...], the step index where each new slope starts.");
			base = c->level;
			for (i = 0; i < n; i++)
			{
				Jsonb	   *cp = ts_elem_object(arr[i], "changepoints");
				double		at;

				sd_opts_check(cp, change_keys, "a change point");
				if (sd_opt_value(cp, "at") == NULL || sd_opt_value(cp, "slope") == NULL)
					ts_invalid("each change point needs \"at\" and \"slope\"", NULL, NULL);
				at = ts_num(cp, "at", 0);
				if (!(at > prev_at) && !(i == 0 && at >= 0))
					ts_invalid("change points must be at increasing non-negative step indexes",
							   psprintf("Change point %d is at %g.", i + 1, at), NULL);
				base += prev_slope * (at - prev_at);
				c->change_at[i] = at;
				c->change_slope[i] = ts_num(cp, "slope", 0);
				c->change_base[i] = base;
				prev_at = at;
				prev_slope = c->change_slope[i];
			}
			c->nchanges = n;
		}
		else if (sd_opt_value(sub, "changepoints"))
			ts_invalid("\"changepoints\" applies to a piecewise trend only", NULL,
					   "Use \"type\": \"piecewise\".");
		if (c->trend == SD_TREND_LOGISTIC)
		{
			c->capacity = ts_num(sub, "capacity", 1);
			c->growth = ts_num(sub, "growth", 0.01);
			c->midpoint = ts_num(sub, "midpoint", 0);
		}
	}

	arr = ts_array(o, "seasonality", SD_TS_MAX_SEASONS, &n);
	for (i = 0; i < n; i++)
	{
		Jsonb	   *s = ts_elem_object(arr[i], "seasonality");

		sd_opts_check(s, season_keys, "a seasonality");
		c->period[i] = ts_num(s, "period", 0);
		if (!(c->period[i] >= 2))
			ts_invalid("a seasonal period must be at least 2 steps",
					   psprintf("period is %g.", c->period[i]),
					   "Give the period in steps: 24 for daily, 168 for weekly and 8766 for yearly seasonality of hourly data.");
		c->amplitude[i] = ts_num(s, "amplitude", 1);
		c->phase[i] = ts_num(s, "phase", 0);
	}
	c->nseasons = n;

	v = ts_num_array(o, "ar", SD_TS_MAX_AR, &c->p);
	memcpy(c->ar, v, sizeof(double) * SD_TS_MAX_AR);
	v = ts_num_array(o, "ma", SD_TS_MAX_MA, &c->q);
	memcpy(c->ma, v, sizeof(double) * SD_TS_MAX_MA);

	if ((sub = sd_opt_object(o, "garch")) != NULL)
	{
		sd_opts_check(sub, garch_keys, "\"garch\"");
		c->garch = true;
		c->omega = ts_num(sub, "omega", 0.1);
		c->alpha = ts_num(sub, "alpha", 0.1);
		c->beta = ts_num(sub, "beta", 0.8);
	}
	if ((sub = sd_opt_object(o, "level_shifts")) != NULL)
	{
		sd_opts_check(sub, shift_keys, "\"level_shifts\"");
		c->shift_rate = ts_rate(sub, "level shifts");
		c->shift_sd = ts_num(sub, "sd", 1);
		if (!(c->shift_sd >= 0))
			ts_invalid("\"sd\" of level shifts cannot be negative", NULL, NULL);
	}
	if ((sub = sd_opt_object(o, "outliers")) != NULL)
	{
		sd_opts_check(sub, outlier_keys, "\"outliers\"");
		c->outlier_rate = ts_rate(sub, "outliers");
		c->outlier_size = ts_num(sub, "size", 5);
	}
	if ((sub = sd_opt_object(o, "missing")) != NULL)
	{
		sd_opts_check(sub, missing_keys, "\"missing\"");
		c->missing_rate = ts_rate(sub, "missing steps");
	}
	if (missing_mode)
	{
		i = sd_opt_choice(o, "missing_as", missing_as);
		if (i >= 0)
			*missing_mode = i;
	}
	(void) sd_opt_text(o, "name");	/* any text: tells equal series apart */

	msg = sd_ts_comp_prepare(c, &hint);
	if (msg)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid time series components: %s", msg),
				 errhint("%s", hint)));
}

static SdTsSpec *
ts_read_single(Jsonb *o)
{
	SdTsSpec   *spec = palloc0(sizeof(SdTsSpec));
	int			mode = 0;

	spec->nseries = 1;
	spec->comp = palloc0(sizeof(SdTsComp));
	ts_read_comp(o, spec->comp, &mode);
	spec->missing_as_null = (mode == 1);
	return spec;
}

static SdTsSpec *
ts_read_multi(Jsonb *o)
{
	SdTsSpec   *spec = palloc0(sizeof(SdTsSpec));
	JsonbValue **arr;
	int			n,
				i;

	sd_opts_check(o, multi_keys, "synth_timeseries_multi");
	arr = ts_array(o, "series", SD_TS_MAX_SERIES, &n);
	if (n == 0)
		ts_invalid("\"series\" must list at least one series", NULL,
				   "Give {\"series\": [{...}, {...}], \"correlation\": [[1, 0.8], [0.8, 1]]}.");
	spec->nseries = n;
	spec->comp = palloc0(sizeof(SdTsComp) * n);
	for (i = 0; i < n; i++)
	{
		Jsonb	   *c = ts_elem_object(arr[i], "series");

		if (sd_opt_value(c, "missing_as"))
			ts_invalid("\"missing_as\" applies to all series", NULL,
					   "Put \"missing_as\" next to \"series\".");
		ts_read_comp(c, &spec->comp[i], NULL);
	}
	i = sd_opt_choice(o, "missing_as", missing_as);
	spec->missing_as_null = (i == 1);

	arr = ts_array(o, "correlation", SD_TS_MAX_SERIES, &i);
	if (arr != NULL)
	{
		double	   *corr = palloc(sizeof(double) * n * n);
		const char *msg,
				   *hint;
		int			r,
					k;

		if (i != n)
			ts_invalid("the correlation matrix must have one row per series",
					   psprintf("There are %d series and %d rows.", n, i), NULL);
		for (r = 0; r < n; r++)
		{
			JsonbValue *row = arr[r];
			int			len;

			if (row->type != jbvBinary || !JsonContainerIsArray(row->val.binary.data) ||
				(len = JsonContainerSize(row->val.binary.data)) != n)
				ts_invalid("the correlation matrix must be square",
						   psprintf("Row %d is not an array of %d numbers.", r + 1, n), NULL);
			for (k = 0; k < n; k++)
			{
				JsonbValue *e = getIthJsonbValueFromContainer(row->val.binary.data, k);

				if (e->type != jbvNumeric)
					ts_invalid("the correlation matrix must hold numbers", NULL, NULL);
				corr[r * n + k] = sd_opt_numeric(e, "correlation");
			}
		}
		spec->chol = palloc(sizeof(double) * n * n);
		msg = sd_ts_cholesky(corr, n, spec->chol, &hint);
		if (msg)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid time series components: %s", msg),
					 errhint("%s", hint)));
	}
	return spec;
}

/* For the series() rule: components from the rule's text literal. */
SdTsSpec *
sd_ts_spec_from_text(const char *json)
{
	Jsonb	   *o = DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(json)));

	return ts_read_single(o);
}

/* ---------------------------------------------------------------------
 * Times
 * ---------------------------------------------------------------------
 */

typedef enum TsTimeKind
{
	TS_TIMESTAMPTZ, TS_TIMESTAMP, TS_DATE, TS_BIGINT
} TsTimeKind;

typedef struct TsTime
{
	TsTimeKind	kind;
	int64		start;			/* timestamp(tz) usecs, date as timestamp, bigint */
	Interval	step;
	int64		istep;			/* bigint step */
} TsTime;

static void
ts_time_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("time of a step out of range"),
			 errhint("Use a smaller n, start_index or step.")));
}

static Datum
ts_time_at(const TsTime *tt, int64 i)
{
	int64		t;

	if (tt->kind == TS_BIGINT)
	{
		if (pg_mul_s64_overflow(tt->istep, i, &t) || pg_add_s64_overflow(tt->start, t, &t))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("index of a step out of range for bigint"),
					 errhint("Use a smaller n, start_index or step.")));
		return Int64GetDatum(t);
	}
	if (tt->step.month == 0 && tt->step.day == 0)
	{
		if (pg_mul_s64_overflow(tt->step.time, i, &t) ||
			pg_add_s64_overflow(tt->start, t, &t) || !IS_VALID_TIMESTAMP(t))
			ts_time_overflow();
	}
	else
	{
		Interval	span;
		int64		m,
					d;

		if (pg_mul_s64_overflow(tt->step.time, i, &span.time) ||
			pg_mul_s64_overflow(tt->step.day, i, &d) ||
			pg_mul_s64_overflow(tt->step.month, i, &m) ||
			d > PG_INT32_MAX || m > PG_INT32_MAX)
			ts_time_overflow();
		span.day = (int32) d;
		span.month = (int32) m;
		if (tt->kind == TS_TIMESTAMPTZ)
			t = DatumGetTimestampTz(DirectFunctionCall2(timestamptz_pl_interval,
														TimestampTzGetDatum(tt->start),
														PointerGetDatum(&span)));
		else
			t = DatumGetTimestamp(DirectFunctionCall2(timestamp_pl_interval,
													  TimestampGetDatum(tt->start),
													  PointerGetDatum(&span)));
	}
	if (tt->kind == TS_DATE)
	{
		int64		days = t / USECS_PER_DAY;

		if (!IS_VALID_DATE(days))
			ts_time_overflow();
		return DateADTGetDatum((DateADT) days);
	}
	return Int64GetDatum(t);
}

static void
ts_read_time(FunctionCallInfo fcinfo, TsTime *tt)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, 1);

	sd_arg_not_null(fcinfo, 1, "start");
	sd_arg_not_null(fcinfo, 2, "step");
	memset(tt, 0, sizeof(*tt));
	switch (type)
	{
		case INT8OID:
			tt->kind = TS_BIGINT;
			tt->start = PG_GETARG_INT64(1);
			tt->istep = PG_GETARG_INT64(2);
			if (tt->istep <= 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("argument \"step\" must be greater than zero"),
						 errdetail("step is " INT64_FORMAT ".", tt->istep)));
			return;
		case DATEOID:
			{
				DateADT		d = PG_GETARG_DATEADT(1);

				if (DATE_NOT_FINITE(d))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("argument \"start\" must be a finite date")));
				tt->kind = TS_DATE;
				tt->start = (int64) d * USECS_PER_DAY;
				break;
			}
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			tt->kind = type == TIMESTAMPOID ? TS_TIMESTAMP : TS_TIMESTAMPTZ;
			tt->start = PG_GETARG_INT64(1);
			if (TIMESTAMP_NOT_FINITE(tt->start))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("argument \"start\" must be a finite timestamp")));
			break;
		default:
			elog(ERROR, "synth_timeseries called with an argument of type %u", type);
	}
	tt->step = *PG_GETARG_INTERVAL_P(2);
	if (tt->step.month < 0 || tt->step.day < 0 || tt->step.time < 0 ||
		(tt->step.month == 0 && tt->step.day == 0 && tt->step.time == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"step\" must be a positive interval"),
				 errhint("Use an interval such as '1 hour', '1 day' or '1 month' with no negative part.")));
	if (tt->kind == TS_DATE && tt->step.time != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the step of a date series must be whole days or months"),
				 errhint("Use a step such as '1 day' or '1 month', or a timestamp start.")));
}

/* ---------------------------------------------------------------------
 * synth_timeseries / synth_timeseries_multi
 * ---------------------------------------------------------------------
 */

typedef struct TsCall
{
	SdTsState	st;
	TsTime		tt;
	bool		multi;
	int64		next;			/* next index to compute */
	int64		end;
	/* the current step's values, emitted series by series */
	double	   *values;
	bool	   *present;
	int			cur;			/* next series to emit; nseries = none left */
	TupleDesc	tupdesc;
} TsCall;

/* next row into values/nulls; false when done */
static bool
ts_next_row(TsCall *tc, Datum *values, bool *nulls)
{
	const SdTsSpec *spec = tc->st.spec;
	int			k = spec->nseries;

	for (;;)
	{
		while (tc->cur < k)
		{
			int			s = tc->cur++;
			int			col = 0;

			if (!tc->present[s] && !spec->missing_as_null)
				continue;
			if (tc->multi)
			{
				values[col] = Int32GetDatum(s + 1);
				nulls[col++] = false;
			}
			values[col] = ts_time_at(&tc->tt, tc->next - 1);
			nulls[col++] = false;
			values[col] = Float8GetDatum(tc->values[s]);
			nulls[col] = !tc->present[s];
			return true;
		}
		if (tc->next >= tc->end)
			return false;
		CHECK_FOR_INTERRUPTS();
		sd_ts_step(&tc->st, tc->values, tc->present);
		tc->next++;
		tc->cur = 0;
	}
}

/*
 * Materialize rows that are never NULL: every column (int, bigint, float8,
 * date, timestamp) is by value, so the tuple is formed once and its
 * attributes overwritten per row (tuplestore_puttuple copies it), which
 * saves forming a tuple from scratch for every row.
 */
static void
ts_materialize_byval(TsCall *tc, ReturnSetInfo *rsinfo)
{
	TupleDesc	desc = rsinfo->setDesc;
	Datum		values[3] = {0};
	bool		nulls[3] = {0};
	int			offs[3];
	HeapTuple	tmpl;
	char	   *data;
	int			a,
				off = 0;

	if (desc->natts != (tc->multi ? 3 : 2))
		elog(ERROR, "synth_timeseries called with a %d-column result", desc->natts);
	for (a = 0; a < desc->natts; a++)
	{
		Form_pg_attribute attr = TupleDescAttr(desc, a);

		if (!attr->attbyval || attr->attlen <= 0)
			elog(ERROR, "synth_timeseries result column %d is not by value", a + 1);
		off = att_align_nominal(off, attr->attalign);
		offs[a] = off;
		off += attr->attlen;
	}
	tmpl = heap_form_tuple(desc, values, nulls);
	data = (char *) tmpl->t_data + tmpl->t_data->t_hoff;
	while (ts_next_row(tc, values, nulls))
	{
		for (a = 0; a < desc->natts; a++)
			store_att_byval(data + offs[a], values[a],
							TupleDescAttr(desc, a)->attlen);
		tuplestore_puttuple(rsinfo->setResult, tmpl);
	}
	heap_freetuple(tmpl);
}

static Datum
ts_srf(FunctionCallInfo fcinfo, bool multi)
{
	FuncCallContext *funcctx;
	TsCall	   *tc;
	Datum		values[3];
	bool		nulls[3];

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		int64		n,
					start_index;
		uint64		seed;
		Jsonb	   *comp;
		SdTsSpec   *spec;
		TupleDesc	tupdesc;
		ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

		/* check every argument before any state exists */
		n = sd_arg_count(fcinfo, 0);
		sd_arg_not_null(fcinfo, 5, "start_index");
		start_index = PG_GETARG_INT64(5);
		if (start_index < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"start_index\" cannot be negative"),
					 errdetail("start_index is " INT64_FORMAT ".", start_index)));
		if (n > PG_INT64_MAX - start_index)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("step index out of range"),
					 errdetail("start_index + n exceeds the largest bigint.")));

		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		tc = palloc0(sizeof(TsCall));
		ts_read_time(fcinfo, &tc->tt);
		comp = PG_ARGISNULL(3) ? NULL : PG_GETARG_JSONB_P(3);
		if (multi && comp == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument \"components\" must not be null")));
		spec = multi ? ts_read_multi(comp) : ts_read_single(comp);
		seed = sd_arg_seed(fcinfo, 4);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "synth_timeseries must return a row type");
		tc->tupdesc = BlessTupleDesc(tupdesc);
		tc->multi = multi;
		tc->next = start_index;
		tc->end = start_index + n;
		tc->values = palloc0(sizeof(double) * spec->nseries);
		tc->present = palloc0(sizeof(bool) * spec->nseries);
		tc->cur = spec->nseries;
		sd_ts_state_init(&tc->st, spec, seed, sd_stream_id("synth_timeseries"));
		if (n > 0)
			sd_ts_seek(&tc->st, start_index);
		funcctx->user_fctx = tc;
		MemoryContextSwitchTo(old);

		/* a FunctionScan prefers every row at once: fill its tuplestore */
		if (sd_srf_wants_materialize(fcinfo))
		{
			MemoryContext rowcontext;

			(void) sd_srf_materialize_begin(fcinfo);
			rowcontext = AllocSetContextCreate(CurrentMemoryContext,
											   "synthdata time series row context",
											   ALLOCSET_DEFAULT_SIZES);
			old = MemoryContextSwitchTo(rowcontext);
			if (!spec->missing_as_null)
				ts_materialize_byval(tc, rsinfo);
			else
				while (ts_next_row(tc, values, nulls))
				{
					tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc,
										 values, nulls);
					MemoryContextReset(rowcontext);
				}
			MemoryContextSwitchTo(old);
			MemoryContextDelete(rowcontext);
			end_MultiFuncCall(fcinfo, funcctx);
			return (Datum) 0;
		}
	}

	funcctx = SRF_PERCALL_SETUP();
	tc = (TsCall *) funcctx->user_fctx;
	if (ts_next_row(tc, values, nulls))
		SRF_RETURN_NEXT(funcctx,
						HeapTupleGetDatum(heap_form_tuple(tc->tupdesc, values, nulls)));
	SRF_RETURN_DONE(funcctx);
}

/*
 * synth_timeseries(n, start, step, components, seed, start_index)
 *		-> (t, value): steps start_index .. start_index + n - 1 of one series.
 */
PG_FUNCTION_INFO_V1(synth_timeseries);
Datum
synth_timeseries(PG_FUNCTION_ARGS)
{
	return ts_srf(fcinfo, false);
}

/*
 * synth_timeseries_multi(n, start, step, components, seed, start_index)
 *		-> (series, t, value): several series with correlated innovations,
 *		in long form.
 */
PG_FUNCTION_INFO_V1(synth_timeseries_multi);
Datum
synth_timeseries_multi(PG_FUNCTION_ARGS)
{
	return ts_srf(fcinfo, true);
}

/* ---------------------------------------------------------------------
 * synth_events
 * ---------------------------------------------------------------------
 */

typedef struct EvCall
{
	SdEvSpec	spec;
	SdEvState	st;
	int64		start;
	int64		limit;			/* exclusive */
	int64		left;			/* events still wanted, -1 = no count */
} EvCall;

static void
ev_profile(FunctionCallInfo fcinfo, int argno, const char *name, int len,
		   double *out)
{
	ArrayType  *a;
	Datum	   *elems;
	bool	   *enulls;
	int			n,
				i;
	double		sum = 0;

	for (i = 0; i < len; i++)
		out[i] = 1;
	if (PG_ARGISNULL(argno))
		return;
	a = PG_GETARG_ARRAYTYPE_P(argno);
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must be a one-dimensional array", name)));
	deconstruct_array(a, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &enulls, &n);
	if (n != len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must have %d elements", name, len),
				 errdetail("It has %d.", n),
				 errhint(len == 24 ? "Give one relative weight per hour of the day, 00h first."
						 : "Give one relative weight per weekday, Monday first.")));
	for (i = 0; i < n; i++)
	{
		double		v = enulls[i] ? -1 : DatumGetFloat8(elems[i]);

		if (!(v >= 0) || isinf(v))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"%s\" must hold finite non-negative weights", name),
					 errdetail("Element %d is %s.", i + 1,
							   enulls[i] ? "NULL" : psprintf("%g", v))));
		out[i] = v;
		sum += v;
	}
	if (!(sum > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" must have a positive weight", name)));
	for (i = 0; i < n; i++)
		out[i] *= len / sum;	/* mean 1: "rate" stays the mean rate */
}

/*
 * synth_events(n, start, rate, per, hour_profile, weekday_profile, until,
 *				seed, smooth) -> SETOF timestamp
 */
PG_FUNCTION_INFO_V1(synth_events);
Datum
synth_events(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	EvCall	   *ec;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		double		rate,
					per_usec,
					hours[24],
					days[7];
		Interval   *per;
		int64		n = -1;
		int			d,
					h;
		uint64		seed;
		Timestamp	start;

		if (!PG_ARGISNULL(0))
			n = sd_arg_count(fcinfo, 0);
		sd_arg_not_null(fcinfo, 1, "start");
		start = PG_GETARG_TIMESTAMP(1);
		if (TIMESTAMP_NOT_FINITE(start))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"start\" must be a finite timestamp")));
		rate = sd_arg_float8(fcinfo, 2, "rate");
		sd_check_positive("rate", rate);
		sd_arg_not_null(fcinfo, 3, "per");
		per = PG_GETARG_INTERVAL_P(3);
		if (per->month != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"per\" cannot hold months"),
					 errhint("Months have no fixed length: use days, e.g. '30 days'.")));
		per_usec = (double) per->time + (double) per->day * USECS_PER_DAY;
		if (!(per_usec > 0) || per->time < 0 || per->day < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"per\" must be a positive interval")));
		ev_profile(fcinfo, 4, "hour_profile", 24, hours);
		ev_profile(fcinfo, 5, "weekday_profile", 7, days);
		if (n < 0 && PG_ARGISNULL(6))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("either \"n\" or \"until\" must be given"),
					 errhint("Give a number of events, an end time, or both (whichever comes first ends the series).")));
		sd_arg_not_null(fcinfo, 8, "smooth");

		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		ec = palloc0(sizeof(EvCall));
		for (d = 0; d < 7; d++)
			for (h = 0; h < 24; h++)
				ec->spec.lam[d * 24 + h] = rate / per_usec * hours[h] * days[d];
		ec->spec.smooth = PG_GETARG_BOOL(8);
		{
			double		lmax = 0;

			for (h = 0; h < 168; h++)
				lmax = Max(lmax, ec->spec.lam[h]);
			/* timestamps count microseconds: more events than that cannot be told apart */
			if (!(lmax <= 1.0))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("event rate too high"),
						 errdetail("The busiest hour would have %g events per microsecond.", lmax),
						 errhint("Timestamps have microsecond resolution: use a rate below one event per microsecond.")));
		}
		ec->start = start;
		ec->limit = END_TIMESTAMP;
		if (!PG_ARGISNULL(6))
		{
			Timestamp	until = PG_GETARG_TIMESTAMP(6);

			if (!TIMESTAMP_NOT_FINITE(until))
				ec->limit = Min(until, END_TIMESTAMP);
			else if (TIMESTAMP_IS_NOBEGIN(until))
				ec->limit = start;
		}
		ec->left = n;
		seed = sd_arg_seed(fcinfo, 7);
		sd_ev_init(&ec->st, &ec->spec, seed, start);
		funcctx->user_fctx = ec;
		MemoryContextSwitchTo(old);
	}

	funcctx = SRF_PERCALL_SETUP();
	ec = (EvCall *) funcctx->user_fctx;
	CHECK_FOR_INTERRUPTS();
	if (ec->left != 0)
	{
		for (;;)
		{
			int64		t = sd_ev_next(&ec->st);

			if (t == PG_INT64_MIN)
			{
				/* an hour without event */
				CHECK_FOR_INTERRUPTS();
				if (ec->st.hour * USECS_PER_HOUR >= ec->limit)
					break;
				continue;
			}
			if (t < ec->start)
				continue;
			if (t >= ec->limit)
				break;
			if (ec->left > 0)
				ec->left--;
			SRF_RETURN_NEXT(funcctx, TimestampGetDatum(t));
		}
		ec->left = 0;
	}
	SRF_RETURN_DONE(funcctx);
}
