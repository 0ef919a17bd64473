/*-------------------------------------------------------------------------
 *
 * fit_orders.c
 *		Orderings between columns, checked on every row of the fit's scan.
 *
 * An ordering (b >= a on every row, b set wherever a is) is found on the
 * dependence sample (clone_constraints.c) and must then hold on the whole
 * table.  Rather than read the table a second time, the scan (pass 1 of
 * fit_agg.c) follows every ordered pair of comparable columns: a pair is
 * broken by its first row with b < a, or with a NULL and b set, and from
 * then on costs nothing (a table's unordered pairs break within its first
 * rows); for the others it counts the rows where a = b, which make an
 * ordering loose.  Both are mergeable (or, sum), so parallel and partial
 * scans give the state of one scan.
 *
 * A pair is followed only where the comparison here is the one SQL makes
 * (clone_constraints.c's query is kept for the others): integers of any
 * width with each other, floats with each other (NaN equal to NaN and above
 * every number, as float8's operators have it), numerics by numeric_cmp,
 * and dates, timestamps or timestamps with time zone each with their own
 * type.  An integer against a numeric or a float, or a timestamp against a
 * timestamp with time zone (compared in the session's time zone), is not.
 *
 * Layer: feature logic under the SQL entry points (the fit aggregate's
 * state).  Must not define SQL-callable functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fit_orders.c
 *
 *-------------------------------------------------------------------------
 */
#include "clone_int.h"

#include <math.h>

#include "libpq/pqformat.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"

#define ORDER_TRACK_COLS 32		/* columns followed at most (in table order) */

typedef enum OrderFamily
{
	OF_NONE,
	OF_INT,
	OF_FLOAT,
	OF_NUMERIC,
	OF_DATE,
	OF_TIMESTAMP,
	OF_TIMESTAMPTZ
} OrderFamily;

typedef struct OrderPair
{
	int			a;				/* the earlier column (config index) */
	int			b;				/* the later one */
	OrderFamily family;			/* how the two compare */
	bool		broken;
	int64		equal;			/* rows with a = b */
} OrderPair;

struct FitOrders
{
	int			npairs;
	OrderPair  *pairs;
	int			nlive;
	int		   *live;			/* pairs not broken */
};

static OrderFamily
order_family(ValueKind vk)
{
	switch (vk)
	{
		case VK_INT2:
		case VK_INT4:
		case VK_INT8:
			return OF_INT;
		case VK_FLOAT4:
		case VK_FLOAT8:
			return OF_FLOAT;
		case VK_NUMERIC:
			return OF_NUMERIC;
		case VK_DATE:
			return OF_DATE;
		case VK_TIMESTAMP:
			return OF_TIMESTAMP;
		case VK_TIMESTAMPTZ:
			return OF_TIMESTAMPTZ;
		default:
			return OF_NONE;
	}
}

static int64
int_value(ValueKind vk, Datum d)
{
	return vk == VK_INT2 ? DatumGetInt16(d) :
		vk == VK_INT4 ? DatumGetInt32(d) : DatumGetInt64(d);
}

static double
float_value(ValueKind vk, Datum d)
{
	return vk == VK_FLOAT4 ? (double) DatumGetFloat4(d) : DatumGetFloat8(d);
}

/* a's value against b's (-1, 0, 1), as SQL's operators of the family */
static int
order_cmp(OrderFamily f, ValueKind va, Datum a, ValueKind vb, Datum b)
{
	switch (f)
	{
		case OF_INT:
			{
				int64		x = int_value(va, a),
							y = int_value(vb, b);

				return (x > y) - (x < y);
			}
		case OF_FLOAT:
			{
				double		x = float_value(va, a),
							y = float_value(vb, b);

				if (isnan(x))
					return isnan(y) ? 0 : 1;
				if (isnan(y))
					return -1;
				return (x > y) - (x < y);
			}
		case OF_NUMERIC:
			return DatumGetInt32(DirectFunctionCall2(numeric_cmp, a, b));
		case OF_DATE:
			{
				DateADT		x = DatumGetDateADT(a),
							y = DatumGetDateADT(b);

				return (x > y) - (x < y);
			}
		default:
			{
				Timestamp	x = DatumGetTimestamp(a),
							y = DatumGetTimestamp(b);

				return (x > y) - (x < y);
			}
	}
}

/*
 * The pairs of a configuration's columns: every ordered pair of two
 * columns of one family among the first ORDER_TRACK_COLS comparable ones.
 * A function of the configuration alone, so that the states of one
 * configuration hold the same pairs.
 */
FitOrders *
fit_orders_create(const FitConfig *cfg)
{
	FitOrders  *o = palloc0(sizeof(FitOrders));
	int			cols[ORDER_TRACK_COLS];
	int			ncols = 0,
				i,
				j;

	for (i = 0; i < cfg->ncols && ncols < ORDER_TRACK_COLS; i++)
		if (!cfg->cols[i].count_only && order_family(cfg->cols[i].vk) != OF_NONE)
			cols[ncols++] = i;
	o->pairs = palloc(sizeof(OrderPair) * Max(ncols * (ncols - 1), 1));
	o->live = palloc(sizeof(int) * Max(ncols * (ncols - 1), 1));
	for (i = 0; i < ncols; i++)
		for (j = 0; j < ncols; j++)
			if (i != j && order_family(cfg->cols[cols[i]].vk) ==
				order_family(cfg->cols[cols[j]].vk))
			{
				OrderPair  *p = &o->pairs[o->npairs];

				p->a = cols[i];
				p->b = cols[j];
				p->family = order_family(cfg->cols[cols[i]].vk);
				p->broken = false;
				p->equal = 0;
				o->live[o->nlive++] = o->npairs++;
			}
	return o;
}

/* one row of the scan */
void
fit_orders_row(FitOrders *o, const FitConfig *cfg, const Datum *values,
			   const bool *isnull)
{
	int			k = 0;

	while (k < o->nlive)
	{
		OrderPair  *p = &o->pairs[o->live[k]];
		const ColConfig *ca = &cfg->cols[p->a],
				   *cb = &cfg->cols[p->b];
		bool		na = isnull[ca->attidx],
					nb = isnull[cb->attidx];
		int			c;

		if (na || nb)
			p->broken = na && !nb;
		else if ((c = order_cmp(p->family, ca->vk, values[ca->attidx],
								cb->vk, values[cb->attidx])) > 0)
			p->broken = true;
		else if (c == 0)
			p->equal++;
		if (p->broken)
			o->live[k] = o->live[--o->nlive];	/* out of the row loop */
		else
			k++;
	}
}

/* src's rows into dst (states of one configuration) */
void
fit_orders_merge(FitOrders *dst, const FitOrders *src)
{
	int			i;

	Assert(dst->npairs == src->npairs);
	dst->nlive = 0;
	for (i = 0; i < dst->npairs; i++)
	{
		dst->pairs[i].broken |= src->pairs[i].broken;
		dst->pairs[i].equal += src->pairs[i].equal;
		if (!dst->pairs[i].broken)
			dst->live[dst->nlive++] = i;
	}
}

void
fit_orders_write(StringInfo buf, const FitOrders *o)
{
	int			i;

	pq_sendint32(buf, o->npairs);
	for (i = 0; i < o->npairs; i++)
	{
		pq_sendbyte(buf, o->pairs[i].broken);
		pq_sendint64(buf, o->pairs[i].equal);
	}
}

/* a state's pairs, checked against the configuration's (untrusted bytes) */
void
fit_orders_read(StringInfo buf, FitOrders *o)
{
	int			i;

	if ((int) pq_getmsgint(buf, 4) != o->npairs)
		elog(ERROR, "corrupt fit state");
	o->nlive = 0;
	for (i = 0; i < o->npairs; i++)
	{
		int			broken = pq_getmsgbyte(buf);

		o->pairs[i].equal = pq_getmsgint64(buf);
		if (broken > 1 || o->pairs[i].equal < 0)
			elog(ERROR, "corrupt fit state");
		o->pairs[i].broken = broken;
		if (!broken)
			o->live[o->nlive++] = i;
	}
}

/*
 * Whether the scan followed the ordering of column b after column a; if
 * so, whether a row broke it and how many rows have the two equal.
 */
bool
fit_orders_result(const FitOrders *o, int a, int b, bool *broken, int64 *equal)
{
	int			i;

	if (o == NULL)
		return false;
	for (i = 0; i < o->npairs; i++)
		if (o->pairs[i].a == a && o->pairs[i].b == b)
		{
			*broken = o->pairs[i].broken;
			*equal = o->pairs[i].equal;
			return true;
		}
	return false;
}
