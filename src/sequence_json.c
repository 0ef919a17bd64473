/*-------------------------------------------------------------------------
 *
 * sequence_json.c
 *		Fitted sequences: the model's "sequence" member, written and read back
 *		and checked (see sequence.h).
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sequence_json.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "clone_int.h"
#include "distributions.h"
#include "model.h"
#include "options.h"
#include "rng.h"
#include "sequence.h"

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
	if (sm->path_n > 0)
		appendStringInfo(b, ",\n \"common_path\": {\"origin\": %.0f, \"width\": %d, \"points\": %d}",
						 sm->path_origin, sm->path_width, sm->path_n);
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
		if (sm->path_n > 0)
		{
			appendStringInfoString(b, ", \"path\": ");
			json_nums(b, d->path, sm->path_n);
		}
		if (d->vscale)
		{
			appendStringInfo(b, ", \"value_scale\": {\"log\": %s, \"level\": ",
							 d->logs ? "true" : "false");
			json_num(b, d->level);
			appendStringInfoString(b, ", \"sd\": ");
			json_num(b, d->vsd);
			appendStringInfoString(b, ", \"residual_quantiles\": ");
			json_nums(b, d->resq, SEQ_Q);
			if (d->plevel)
			{
				appendStringInfoString(b, ", \"parent_level\": true, \"noise_slope\": ");
				json_num(b, d->nslope);
				appendStringInfoString(b, ", \"noise_center\": ");
				json_num(b, d->ncenter);
			}
			appendStringInfoChar(b, '}');
		}
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
	if (seq_get(c, "common_path") != NULL)
	{
		JsonbContainer *pc = seq_container(c, "common_path", false);

		sm->path_origin = rint(seq_num(pc, "origin", -1e9, 1e9));
		sm->path_width = (int) seq_num(pc, "width", 1, 1e9);
		sm->path_n = (int) seq_num(pc, "points", 1, SEQ_MAX_PATH);
		if (sm->grid == SEQ_GRID_FREE || sm->order_kind == SEQ_ORDER_INTEGER)
			bad_model("A common path needs a regular grid of dates or timestamps.");
	}
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
		d->scale = seq_num(dc, "scale", 0, seq_get(dc, "value_scale") ? 100 : 1);
		d->trend = seq_num(dc, "trend", -2, 2);
		if (sm->path_n > 0)
			seq_nums(dc, "path", d->path, sm->path_n, -10, 10);
		if (seq_get(dc, "value_scale") != NULL)
		{
			JsonbContainer *vc = seq_container(dc, "value_scale", false);

			d->vscale = true;
			d->logs = seq_bool(vc, "log");
			d->level = seq_num(vc, "level", -1e300, 1e300);
			d->vsd = seq_num(vc, "sd", 1e-300, 1e300);
			seq_nums(vc, "residual_quantiles", d->resq, SEQ_Q, -1e6, 1e6);
			seq_check_sorted(d->resq, "residual quantiles");
			d->plevel = seq_bool(vc, "parent_level");
			if (d->plevel)
			{
				d->nslope = seq_num(vc, "noise_slope", -SEQ_NOISE_SLOPE, SEQ_NOISE_SLOPE);
				d->ncenter = seq_num(vc, "noise_center", -100, 100);
			}
		}
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
					 sm->season_hour ? 24 : sm->season_wday ? 7 : 12, 0,
					 d->vscale ? 100 : 1);
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

