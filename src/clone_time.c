/*-------------------------------------------------------------------------
 *
 * clone_time.c
 *		Time with its grain in fitted cloning: dates and timestamps keep the
 *		finest unit their values use (day, hour, minute, second,
 *		millisecond, microsecond), and the shares of the hours of the day
 *		and of the days of the week.
 *
 * The fit reads the grain from its sample of rows: the coarsest unit of
 * which every value is a fixed offset plus a multiple (midnight in the
 * zone of the data is such an offset).  A timestamp column spanning at
 * least a week also keeps the shares of its hours (UTC), and a date or
 * timestamp column spanning at least eight weeks those of its weekdays;
 * an hour or weekday held by fewer than k sample rows gets no share.  The
 * sampler draws a value from the column's marginal, moves it within its
 * week to a weekday drawn from the shares and within its day to an hour
 * drawn from the shares (at a uniform position of the hour; the shares of
 * the value's weekday when the hours depend on it), then rounds
 * it to the grain.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/clone_time.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_cons.h"

#define HOURS_MIN_SPAN_DAYS 7	/* a column keeps hour shares from this span */
#define WEEKDAYS_MIN_SPAN_DAYS 56	/* ... and weekday shares from this one */
#define JOINT_KEPT 0.9			/* a weekday's hours: its cells of k rows hold this */

static const char *const grain_name[] = {
	"day", "hour", "minute", "second", "millisecond", "microsecond", NULL
};

static const double grain_usecs[] = {
	(double) USECS_PER_DAY, (double) USECS_PER_HOUR, (double) USECS_PER_MINUTE,
	(double) USECS_PER_SEC, 1000.0, 1.0
};

/*
 * A column with a time model: dates, timestamps and times of day (a grain,
 * hour and weekday shares), and durations (an interval: its grain alone,
 * so that sessions of whole seconds stay whole)
 */
static bool
temporal(const ModelCol *c)
{
	return c->kind == MK_CONTINUOUS &&
		(c->role == ROLE_ATTRIBUTE || (c->role == ROLE_KEY && c->key_member)) &&
		(c->vk == VK_DATE || c->vk == VK_TIMESTAMP || c->vk == VK_TIMESTAMPTZ ||
		 c->vk == VK_TIME || c->vk == VK_INTERVAL);
}

/* the unit of a column's grain, on the scale of its values (days for a date) */
double
time_unit(const ModelCol *c)
{
	if (c->vk == VK_DATE)
		return 1;
	return grain_usecs[c->time->grain];
}

static inline double
pmod(double x, double m)
{
	double		r;

	/*
	 * Whole microseconds (or days) by a whole unit: the integer remainder,
	 * the same number as fmod's, which works through the quotient's bits
	 * and costs the fit's time grain a dozen milliseconds on 32,768 rows.
	 */
	if (fabs(x) < 9007199254740992.0 && m >= 1 && m < 9007199254740992.0 &&
		(double) (int64) x == x && (double) (int64) m == m)
		r = (double) ((int64) x % (int64) m);
	else
		r = fmod(x, m);
	return r < 0 ? r + m : r;
}

/* the day of the week, 0 = Monday, of day number d (a whole number) */
static inline int
weekday_of(double d)
{
	int64		r;

	if (!(fabs(d) < 9007199254740992.0))
		return (int) pmod(d + 6, 7);
	r = ((int64) d + 6) % 7;
	return (int) (r < 0 ? r + 7 : r);
}

/* the sample's values of the temporal columns, one column at a time */
typedef struct TimeSample
{
	const FitConfig *cfg;
	const Model *m;
	int			col;
	int			n;
	double	   *x;
	int64	   *w;
} TimeSample;

static void
collect_time(void *arg, Datum *values, bool *isnull, int64 weight)
{
	TimeSample *ts = (TimeSample *) arg;
	int			a = ts->cfg->cols[ts->col].attidx;
	double		x;

	if (!isnull[a] && datum_to_double(ts->m->cols[ts->col].vk, values[a], &x))
	{
		ts->x[ts->n] = x;
		ts->w[ts->n++] = weight;
	}
}

/*
 * The coarsest grain, from "from" on, of which every value is one
 * remainder (set in *offset) plus a multiple, or, when whole, a multiple
 */
static SdGrain
coarsest_grain(const double *x, int n, int from, bool whole, double *offset)
{
	int			g;

	*offset = 0;
	for (g = from; g < GRAIN_MICROSECOND; g++)
	{
		double		r = whole ? 0 : pmod(x[0], grain_usecs[g]);
		int			i;

		for (i = whole ? 0 : 1; i < n; i++)
			if (pmod(x[i], grain_usecs[g]) != r)
				break;
		if (i == n)
		{
			*offset = r;
			return (SdGrain) g;
		}
	}
	return GRAIN_MICROSECOND;
}

/* the coarsest grain of which every value is offset + a multiple */
static SdGrain
detect_grain(const ModelCol *c, const double *x, int n, double *offset)
{
	*offset = 0;
	if (c->vk == VK_DATE)
		return GRAIN_DAY;
	return coarsest_grain(x, n, c->vk == VK_TIME ? GRAIN_HOUR : GRAIN_DAY, false, offset);
}

/*
 * The unit of a later timestamp's gaps after its earlier one (xa, xb: the
 * sample's n values, NaN for none), when the gaps are whole days, hours,
 * minutes or seconds and the later times' own grain is finer: a stay of
 * whole hours after an admission at any second, a due time whole days
 * after its invoice.  0 otherwise, and for dates, whose gaps are whole
 * days anyway.
 */
double
time_gap_unit(const ModelCol *c, const double *xa, const double *xb, int n)
{
	double	   *gaps,
			   *own,
				offset;
	int			ngaps = 0,
				nown = 0,
				i;
	SdGrain		gap,
				grain;

	if (c->vk != VK_TIMESTAMP && c->vk != VK_TIMESTAMPTZ)
		return 0;
	gaps = palloc(sizeof(double) * Max(n, 1));
	own = palloc(sizeof(double) * Max(n, 1));
	for (i = 0; i < n; i++)
		if (!isnan(xb[i]))
		{
			own[nown++] = xb[i];
			if (!isnan(xa[i]))
				gaps[ngaps++] = xb[i] - xa[i];
		}
	gap = ngaps > 0 ? coarsest_grain(gaps, ngaps, GRAIN_DAY, true, &offset) : GRAIN_MICROSECOND;
	grain = coarsest_grain(own, nown, GRAIN_DAY, false, &offset);
	pfree(gaps);
	pfree(own);
	return gap <= GRAIN_SECOND && gap < grain ? grain_usecs[gap] : 0;
}

/* shares of the bins, those held by fewer than k rows left out; false: none */
static bool
shares(const int64 *count, int nbins, int k, double *out)
{
	int64		total = 0;
	int			b;

	for (b = 0; b < nbins; b++)
		total += count[b] >= k ? count[b] : 0;
	for (b = 0; b < nbins; b++)
		out[b] = total > 0 && count[b] >= k ? (double) count[b] / total : 0;
	return total > 0;
}

/*
 * The hours of a class of weekdays (mask: bit d for weekday d), pooled, the
 * cells held by fewer than k rows left out: into out when the cells kept
 * hold at least JOINT_KEPT of the class's rows.
 */
static bool
class_hours(int64 joint[7][24], int mask, int k, double *out)
{
	int64		cell[24] = {0},
				all = 0,
				kept = 0;
	int			d,
				h;

	for (d = 0; d < 7; d++)
		for (h = 0; mask & (1 << d) && h < 24; h++)
			cell[h] += joint[d][h];
	for (h = 0; h < 24; h++)
	{
		all += cell[h];
		kept += cell[h] >= k ? cell[h] : 0;
	}
	if (all == 0 || kept < JOINT_KEPT * all)
		return false;
	return shares(cell, 24, k, out);
}

/*
 * Whether the hours depend on the weekday: Pearson's chi-square of the
 * 7 x 24 table against independence beyond its degrees of freedom plus
 * three standard deviations (df + 3 sqrt(2 df), about p < 0.005).
 */
static bool
hours_depend_on_weekday(int64 joint[7][24])
{
	double		rows[7] = {0},
				cols[24] = {0},
				n = 0,
				chi2 = 0;
	int			d,
				h,
				nr = 0,
				nc = 0,
				df;

	for (d = 0; d < 7; d++)
		for (h = 0; h < 24; h++)
		{
			rows[d] += joint[d][h];
			cols[h] += joint[d][h];
			n += joint[d][h];
		}
	for (d = 0; d < 7; d++)
		nr += rows[d] > 0;
	for (h = 0; h < 24; h++)
		nc += cols[h] > 0;
	df = (nr - 1) * (nc - 1);
	if (df <= 0)
		return false;
	for (d = 0; d < 7; d++)
		for (h = 0; h < 24; h++)
		{
			double		e = rows[d] * cols[h] / n;

			if (e > 0)
				chi2 += (joint[d][h] - e) * (joint[d][h] - e) / e;
		}
	return chi2 > df + 3 * sqrt(2.0 * df);
}

/*
 * Hours given the weekday: each weekday's own hours when its cells held
 * by k rows hold nearly all its rows (JOINT_KEPT), else those of its class
 * (Monday to Friday, or the weekend) pooled, else the hours of the whole
 * week.  False (no joint) when every weekday ends with the week's hours.
 */
static bool
joint_shares(int64 joint[7][24], int k, SdTimeModel *t)
{
	bool		any = false;
	int			d;

	if (!hours_depend_on_weekday(joint))
		return false;

	for (d = 0; d < 7; d++)
	{
		int			cls = d == 0 || d == 6 ? 0x41 : 0x3E;

		if (class_hours(joint, 1 << d, k, t->hour_by_weekday[d]) ||
			class_hours(joint, cls, k, t->hour_by_weekday[d]))
			any = true;
		else
			memcpy(t->hour_by_weekday[d], t->hour, sizeof(t->hour));
	}
	return any;
}

static void
time_fit_column(Model *m, int j, const double *x, const int64 *w, int n)
{
	ModelCol   *c = &m->cols[j];
	SdTimeModel *t = palloc0(sizeof(SdTimeModel));
	double		day = c->vk == VK_DATE ? 1 : (double) USECS_PER_DAY;
	double		span = (c->grid[GRID_POINTS - 1] - c->grid[0]) / day;
	int64		hours[24] = {0},
				weekdays[7] = {0},
				joint[7][24] = {{0}};
	int			i;

	t->grain = detect_grain(c, x, n, &t->offset);
	for (i = 0; i < n; i++)
	{
		double		d = floor(x[i] / day);

		/* 2000-01-01, day 0, was a Saturday (6) */
		int			wd = (int) pmod(d + 6, 7),
					h = c->vk != VK_DATE ?
			Min(23, (int) (pmod(x[i], day) / (double) USECS_PER_HOUR)) : 0;

		weekdays[wd] += w[i];
		hours[h] += w[i];
		joint[wd][h] += w[i];
	}
	if ((c->vk == VK_TIMESTAMP || c->vk == VK_TIMESTAMPTZ) &&
		t->grain != GRAIN_DAY && span >= HOURS_MIN_SPAN_DAYS)
		t->has_hours = shares(hours, 24, m->k, t->hour);
	if (c->vk != VK_TIME && c->vk != VK_INTERVAL && span >= WEEKDAYS_MIN_SPAN_DAYS)
		t->has_weekdays = shares(weekdays, 7, m->k, t->weekday);
	if (t->has_hours && t->has_weekdays)
		t->has_joint = joint_shares(joint, m->k, t);
	c->time = t;
}

/* the grain and the hour and weekday shares of each temporal column */
void
time_fit(Model *m, FitState *st1)
{
	TimeSample	ts;
	int			i,
				j;

	if (st1->nsample == 0)
		return;
	ts.cfg = st1->cfg;
	ts.m = m;
	ts.x = palloc(sizeof(double) * st1->nsample);
	ts.w = palloc(sizeof(int64) * st1->nsample);
	for (j = 0; j < m->ncols; j++)
	{
		if (!temporal(&m->cols[j]))
			continue;
		ts.col = j;
		ts.n = 0;
		sample_for_each(st1, collect_time, &ts);
		if (ts.n == 0)
			continue;
		time_fit_column(m, j, ts.x, ts.w, ts.n);
		/* a gap after an earlier column keeps its grain, not its own hours */
		for (i = 0; m->cons != NULL && i < m->cons->norders; i++)
			if (m->cons->orders[i].after == j)
				m->cols[j].time->has_hours = m->cols[j].time->has_weekdays =
					m->cols[j].time->has_joint = false;
	}
	pfree(ts.x);
	pfree(ts.w);
}

/* ---- the model as JSON ---------------------------------------------------- */

static void
json_share_array(StringInfo b, const double *p, int n)
{
	int			i;

	appendStringInfoChar(b, '[');
	for (i = 0; i < n; i++)
		appendStringInfo(b, "%s%.6g", i ? ", " : "", rint(p[i] * 1e6) / 1e6);
	appendStringInfoChar(b, ']');
}

static void
json_shares(StringInfo b, const char *key, const double *p, int n)
{
	appendStringInfo(b, ", \"%s\": ", key);
	json_share_array(b, p, n);
}

/* the "time" field of a column (after a comma), when it has a time model */
void
time_col_to_json(StringInfo b, const ModelCol *c)
{
	const SdTimeModel *t = c->time;

	if (t == NULL)
		return;
	appendStringInfo(b, ", \"time\": {\"grain\": \"%s\", \"offset\": %.0f",
					 grain_name[t->grain], t->offset);
	if (t->has_hours)
		json_shares(b, "hour_shares", t->hour, 24);
	if (t->has_weekdays)
		json_shares(b, "weekday_shares", t->weekday, 7);
	if (t->has_joint)
	{
		int			d;

		appendStringInfoString(b, ", \"hour_by_weekday\": [");
		for (d = 0; d < 7; d++)
		{
			if (d > 0)
				appendStringInfoString(b, ", ");
			json_share_array(b, t->hour_by_weekday[d], 24);
		}
		appendStringInfoChar(b, ']');
	}
	appendStringInfoChar(b, '}');
}

static double
tnum(JsonbValue *v, const char *what)
{
	double		x;

	if (v == NULL || v->type != jbvNumeric)
		bad_model(psprintf("Field \"%s\" of a time model must be a number.", what));
	x = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v->val.numeric)));
	if (!isfinite(x))
		bad_model(psprintf("Field \"%s\" of a time model must be finite.", what));
	return x;
}

/* n shares from the array v (key names it in errors) into out */
static void
read_share_array(JsonbValue *v, const char *key, double *out, int n)
{
	JsonbContainer *arr;
	double		total = 0;
	int			i;

	if (v == NULL || v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data) ||
		(int) JsonContainerSize(v->val.binary.data) != n)
		bad_model(psprintf("Field \"%s\" of a time model must be an array of %d shares.",
						   key, n));
	arr = v->val.binary.data;
	for (i = 0; i < n; i++)
	{
		out[i] = tnum(getIthJsonbValueFromContainer(arr, i), key);
		if (!(out[i] >= 0 && out[i] <= 1))
			bad_model(psprintf("Shares of \"%s\" must lie between 0 and 1.", key));
		total += out[i];
	}
	if (!(total > 0))
		bad_model(psprintf("Field \"%s\" of a time model needs a positive share.", key));
}

static bool
read_shares(JsonbContainer *tc, const char *key, double *out, int n)
{
	JsonbValue *v = getKeyJsonValueFromContainer(tc, key, strlen(key), NULL);

	if (v == NULL || v->type == jbvNull)
		return false;
	read_share_array(v, key, out, n);
	return true;
}

/* reads "hour_by_weekday": seven arrays of 24 shares, with hours and weekdays */
static void
read_joint(JsonbContainer *tc, SdTimeModel *t)
{
	JsonbValue *v = getKeyJsonValueFromContainer(tc, "hour_by_weekday", 15, NULL);
	int			d;

	if (v == NULL || v->type == jbvNull)
		return;
	if (!t->has_hours || !t->has_weekdays)
		bad_model("Field \"hour_by_weekday\" needs hour and weekday shares.");
	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data) ||
		JsonContainerSize(v->val.binary.data) != 7)
		bad_model("Field \"hour_by_weekday\" of a time model must be an array of 7 arrays of 24 shares.");
	for (d = 0; d < 7; d++)
		read_share_array(getIthJsonbValueFromContainer(v->val.binary.data, d),
						 "hour_by_weekday", t->hour_by_weekday[d], 24);
	t->has_joint = true;
}

/* reads the "time" field of a column object (absent: none) */
void
time_col_from_json(ModelCol *c, JsonbContainer *cc)
{
	JsonbValue *v = getKeyJsonValueFromContainer(cc, "time", 4, NULL);
	JsonbContainer *tc;
	JsonbValue *gv;
	SdTimeModel *t;
	char	   *name;
	int			g;

	if (v == NULL || v->type == jbvNull)
		return;
	if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		bad_model("Field \"time\" of a column must be an object.");
	if (c->kind != MK_CONTINUOUS ||
		!(c->vk == VK_DATE || c->vk == VK_TIMESTAMP || c->vk == VK_TIMESTAMPTZ ||
		  c->vk == VK_TIME || c->vk == VK_INTERVAL))
		bad_model(psprintf("Column \"%s\" is not a continuous temporal column: it has no time model.",
						   c->name));
	tc = v->val.binary.data;
	t = palloc0(sizeof(SdTimeModel));
	gv = getKeyJsonValueFromContainer(tc, "grain", 5, NULL);
	if (gv == NULL || gv->type != jbvString)
		bad_model("Field \"grain\" of a time model must be a string.");
	name = pnstrdup(gv->val.string.val, gv->val.string.len);
	for (g = 0; grain_name[g] != NULL; g++)
		if (strcmp(grain_name[g], name) == 0)
			break;
	if (grain_name[g] == NULL || (c->vk == VK_DATE && g != GRAIN_DAY))
		bad_model(psprintf("Grain \"%s\" is not one of %s.", name,
						   c->vk == VK_DATE ? "day" : sd_opt_names(grain_name)));
	t->grain = (SdGrain) g;
	c->time = t;
	t->offset = tnum(getKeyJsonValueFromContainer(tc, "offset", 6, NULL), "offset");
	if (!(t->offset >= 0 && t->offset < time_unit(c) && t->offset == rint(t->offset)))
		bad_model("Field \"offset\" of a time model must be a whole number below its grain.");
	t->has_hours = read_shares(tc, "hour_shares", t->hour, 24);
	t->has_weekdays = read_shares(tc, "weekday_shares", t->weekday, 7);
	if (t->has_hours && (c->vk == VK_DATE || c->vk == VK_TIME || c->vk == VK_INTERVAL ||
						 t->grain == GRAIN_DAY))
		bad_model("Hour shares belong to timestamps finer than a day.");
	if (t->has_weekdays && (c->vk == VK_TIME || c->vk == VK_INTERVAL))
		bad_model("Weekday shares belong to dates and timestamps.");
	read_joint(tc, t);
}

/* ---- sampling ------------------------------------------------------------ */

static double *
cumulate(const double *p, int n)
{
	double	   *cum = palloc(sizeof(double) * n);
	double		total = 0,
				run = 0;
	int			i;

	for (i = 0; i < n; i++)
		total += p[i];
	for (i = 0; i < n; i++)
	{
		run += p[i];
		cum[i] = run / total;
	}
	cum[n - 1] = 1;
	return cum;
}

static int
pick(const double *cum, int n, double u)
{
	int			i;

	for (i = 0; i < n - 1; i++)
		if (u < cum[i])
			return i;
	return n - 1;
}

/* the shares a target attribute draws from, and its own stream for them */
void
time_sampler_init(Sampler *s, int att)
{
	SdConsSampler *cs = s->cons;
	int			mc = s->tc[att].mcol,
				j;
	const ModelCol *c = &s->m->cols[mc];
	const SdTimeModel *t = c->time;

	if (t->has_hours)
		cs->hour_cum[mc] = cumulate(t->hour, 24);
	if (t->has_weekdays)
		cs->weekday_cum[mc] = cumulate(t->weekday, 7);
	if (t->has_joint)
	{
		int			d;

		cs->hourwd_cum[mc] = palloc(sizeof(double) * 7 * 24);
		for (d = 0; d < 7; d++)
		{
			double	   *cum = cumulate(t->hour_by_weekday[d], 24);

			memcpy(cs->hourwd_cum[mc] + d * 24, cum, sizeof(double) * 24);
		}
	}
	if (t->has_hours || t->has_weekdays)
		s->tc[att].uses_rng = true;

	/* time_shape's range of the marginal at the grain, and its point masses */
	cs->time_lo[mc] = time_round(c, c->grid[0], true);
	cs->time_hi[mc] = time_round(c, c->grid[GRID_POINTS - 1], true);
	if (cs->time_hi[mc] > c->grid[GRID_POINTS - 1])
		cs->time_hi[mc] -= time_unit(c);
	for (j = 0; j + 1 < GRID_POINTS && !cs->time_masses[mc]; j++)
		cs->time_masses[mc] = c->grid[j] == c->grid[j + 1];
}

/* x at the column's grain: the nearest step, or the next one up */
double
time_round(const ModelCol *c, double x, bool up)
{
	double		unit = time_unit(c),
				off = c->time->offset,
				k = (x - off) / unit;

	k = up ? ceil(k - 1e-9) : rint(k);
	return off + k * unit;
}

/* whether x is a point mass of the grid (a flat run of its quantiles) */
static bool
on_point_mass(const double *q, int m, double x)
{
	int			lo = 0,
				hi = m;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (q[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo + 1 < m && q[lo] == x && q[lo + 1] == x;
}

/*
 * Where u falls among the n shares cumulated in cum (pick's choice), and
 * its place within that share, from 0 to 1.
 */
static int
pick_within(const double *cum, int n, double u, double *place)
{
	int			i = pick(cum, n, u);
	double		below = i > 0 ? cum[i - 1] : 0,
				above = i < n - 1 ? cum[i] : 1;

	*place = above > below ? Min(Max((u - below) / (above - below), 0), 1 - 1e-12) : 0;
	return i;
}

/*
 * time_shape's moves for a time that rises with the table's key
 * (key_order.c), made monotone: the value's place in its week goes through
 * the inverse of the weekday shares, then its place in that day through
 * the inverse of the hour shares, so that a later value stays later and
 * the shares are kept (a place uniform in the week comes out distributed
 * as the shares).  Drawn weekdays and hours would scatter neighbouring
 * rows over their week.
 */
static double
time_shape_ordered(SdConsSampler *cs, int mc, const ModelCol *c, double x, double day)
{
	double		unit = time_unit(c),
				d = floor(x / day),
				place = x / day - d,	/* in the day */
				v;

	if (cs->weekday_cum[mc] != NULL)
	{
		double		monday = d - weekday_of(d);
		int			wd = pick_within(cs->weekday_cum[mc], 7,
									 (d - monday + place) / 7, &place);

		d = monday + wd;
	}
	if (cs->hour_cum[mc] != NULL)
	{
		const double *cum = cs->hourwd_cum[mc] != NULL ?
			cs->hourwd_cum[mc] + weekday_of(d) * 24 : cs->hour_cum[mc];
		int			h = pick_within(cum, 24, place, &place);
		double		within = floor(place * (double) USECS_PER_HOUR / unit) * unit;

		v = d * day + h * (double) USECS_PER_HOUR +
			Min(within, (double) USECS_PER_HOUR - unit) + c->time->offset;
	}
	else
	{
		/* down to the grain, within the day */
		v = d * day + floor(place * day / unit) * unit;
	}
	return v >= cs->time_lo[mc] && v <= cs->time_hi[mc] ? v : x;
}

/*
 * time_shape's moves of a value: to a weekday drawn from the shares, then
 * to an hour drawn from them.  A move that leaves the marginal's range goes
 * a week the other way (weekday), or is not made (hour): clamping would
 * pile values onto the ends of the range.
 */
static double
time_shape_drawn(SdConsSampler *cs, TargetCol *tc, int mc, const ModelCol *c,
				 double x, double day)
{
	double		lo = cs->time_lo[mc],
				hi = cs->time_hi[mc];

	x = time_round(c, x, false);
	if (cs->weekday_cum[mc] != NULL)
	{
		double		d = floor(x / day),
					tod = x - d * day;
		int			want = pick(cs->weekday_cum[mc], 7, sd_rng_uniform(&tc->rng));

		d += want - weekday_of(d);
		if (d * day + tod < lo)
			d += 7;
		else if (d * day + tod > hi)
			d -= 7;
		if (d * day + tod >= lo && d * day + tod <= hi)
			x = d * day + tod;
	}
	if (cs->hour_cum[mc] != NULL)
	{
		double		unit = time_unit(c),
					d = floor(x / day);
		const double *cum = cs->hourwd_cum[mc] != NULL ?
			cs->hourwd_cum[mc] + weekday_of(d) * 24 : cs->hour_cum[mc];
		int			h = pick(cum, 24, sd_rng_uniform(&tc->rng));
		double		within = floor(sd_rng_uniform(&tc->rng) * (double) USECS_PER_HOUR / unit) * unit,
					v = d * day + h * (double) USECS_PER_HOUR +
			Min(within, (double) USECS_PER_HOUR - unit) + c->time->offset;

		if (v >= lo && v <= hi)
			x = v;
	}
	return x;
}

/*
 * A value drawn from the marginal of a temporal column, moved to a weekday
 * and an hour of the column's shares (drawn, or for a time that rises with
 * the key, its place in its week and day) and rounded to its grain, within
 * the marginal's range; a point mass of the marginal stays.
 */
double
time_shape(Sampler *s, int att, const ModelCol *c, double x)
{
	SdConsSampler *cs = s->cons;
	TargetCol  *tc = &s->tc[att];
	int			mc = tc->mcol;
	double		day = c->vk == VK_DATE ? 1 : (double) USECS_PER_DAY,
				lo = cs->time_lo[mc],	/* time_sampler_init's */
				hi = cs->time_hi[mc];

	/*
	 * A value many rows share stays where it is, at the grain: a flat run
	 * of the grid is also where its k most extreme rows share the clip
	 * point, a quantile between two values (chinook's first and last ten
	 * invoices were dated at noon, where every invoice is at midnight)
	 */
	if (!(cs->time_masses[mc] && on_point_mass(c->grid, GRID_POINTS, x)))
	{
		if (s->korder != NULL && s->m->key_order->col == mc)
			x = time_shape_ordered(cs, mc, c, x, day);
		else
			x = time_shape_drawn(cs, tc, mc, c, x, day);
	}
	x = time_round(c, x, false);
	if (lo <= hi)
		x = Max(lo, Min(hi, x));
	return x;
}
