/*-------------------------------------------------------------------------
 *
 * sampler.c
 *		Drawing rows from a model: sampler construction (model columns
 *		matched to the target's attributes), the copula's latent draw, each
 *		marginal's value, the CHECK-constraint and exact-copy-guard redraws.
 *		Non-scalar values are in sampler_values.c, the engine as other
 *		features see it (clone.h) in sampler_engine.c.
 *
 * Rows are a pure function of (model, seed, row number): nothing here may
 * depend on the order or the batching in which rows are asked for.  No SPI
 * here; the guard's Bloom filter is built by sampler_build_guard (clone.c).
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sampler.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"
#include "sampler_int.h"
#include "roles.h"
#include "clone_cons.h"
#include "sequence.h"
#include "executor/executor.h"
#include "optimizer/optimizer.h"
#include "rewrite/rewriteHandler.h"
#include "utils/datum.h"
#include "utils/float.h"

bool		sampler_quiet = false;

/*
 * The cumulative shares of n probabilities found stride bytes apart (the
 * field p of an array of model items), equal shares if all are zero.
 */
static double *
cumulative_shares(const double *p, size_t stride, int n)
{
	double	   *cum = palloc(sizeof(double) * Max(n, 1));
	double		total = 0,
				run = 0;
	int			j;

	for (j = 0; j < n; j++)
		total += *(const double *) ((const char *) p + j * stride);
	for (j = 0; j < n; j++)
	{
		run += *(const double *) ((const char *) p + j * stride);
		cum[j] = total > 0 ? run / total : (j + 1.0) / n;
	}
	return cum;
}

#define CUMULATIVE_SHARES(items, n) \
	cumulative_shares(&(items)[0].p, sizeof((items)[0]), (n))

static bool
class_compatible(ValueKind model_vk, MargKind kind, bool numeric_cats,
				 bool faked, ValueKind target)
{
	switch (kind)
	{
		case MK_CONTINUOUS:
			if (vk_is_amount(model_vk))
				return vk_is_amount(target);
			if (model_vk == VK_TIMESTAMP || model_vk == VK_TIMESTAMPTZ)
				return target == VK_TIMESTAMP || target == VK_TIMESTAMPTZ;
			return target == model_vk;
		case MK_CATEGORICAL:
			if (!numeric_cats)
				return true;	/* through the target type's input function */
			if (vk_is_amount(model_vk) || model_vk == VK_BOOL)
				return vk_is_amount(target) || target == VK_BOOL;
			if (model_vk == VK_TIMESTAMP || model_vk == VK_TIMESTAMPTZ)
				return target == VK_TIMESTAMP || target == VK_TIMESTAMPTZ;
			return target == model_vk;
		case MK_FORMAT:
			/* fake values go through the target type's input function */
			return target == VK_STRING || faked;
		case MK_ARRAY:
			return false;		/* sampler_create checks the target is an array */
		case MK_DOCUMENT:
			/* JSON text, through the target's input function */
			return target == VK_STRING || target == VK_OTHER;
		case MK_RANGE:
			return false;		/* sampler_create checks the target is a range */
		case MK_TEXT:
			return target == VK_STRING;
		case MK_DERIVED:
		case MK_IMAGE:
			return true;
		case MK_XML:
			return target == VK_STRING || target == VK_OTHER;	/* through its input */		/* derived_prepare checks the target is a tsvector */
		case MK_SEQUENCE:
			/* temporal keys: the model's sequence (roles.c) */
			return target <= VK_NUMERIC || target == VK_STRING ||
				target == VK_DATE || target == VK_TIMESTAMP || target == VK_TIMESTAMPTZ;
		case MK_UUID:
			return target == VK_UUID || target == VK_STRING;
		case MK_CONSTANT:
		case MK_NULL:
			return true;
	}
	return false;
}

/*
 * 10^k: exact from a table for 0 <= k <= 22 (every such power is a double),
 * the same value pow() returns, without its cost on every value.
 */
static inline double
exact_pow10(int k)
{
	static const double p10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
	};

	if (k >= 0 && k < (int) lengthof(p10))
		return p10[k];
	return pow(10, k);
}

/*
 * A scaled integer iv / 10^scale as a numeric of the target column.  When
 * the typmod's scale is the value's and its digits certainly fit, numeric()
 * would return an identical copy (its "no rounding needed" case): skip it.
 * Digits are counted as numeric stores them, in groups of four, so the test
 * is |iv| < 10^(scale + 4 * floor((precision - scale) / 4)).
 */
static Datum
scaled_to_numeric(TargetCol *tc, int64 iv, int scale)
{
	Numeric		num = int64_div_fast_to_numeric(iv, scale);

	if (tc->typmod >= (int32) VARHDRSZ)
	{
		int32		tm = tc->typmod - VARHDRSZ;
		int			precision = (tm >> 16) & 0xffff;
		int			tscale = ((tm & 0x7ff) ^ 1024) - 1024;
		int			digits = scale + 4 * ((precision - tscale) / 4);

		if (tscale == scale && precision >= tscale && digits <= 18 &&
			(iv < 0 ? -iv : iv) < (int64) exact_pow10(digits))
			return NumericGetDatum(num);
	}
	if (tc->typmod >= 0)
		return DirectFunctionCall2(numeric, NumericGetDatum(num),
								   Int32GetDatum(tc->typmod));
	return NumericGetDatum(num);
}

/* a number as a value of the target column's type */
Datum
sampler_number_to_datum(TargetCol *tc, double v, int scale)
{
	char		buf[64];

	switch (tc->vk)
	{
		case VK_INT2:
			v = Max(PG_INT16_MIN, Min(PG_INT16_MAX, rint(v)));
			return Int16GetDatum((int16) v);
		case VK_INT4:
			v = Max(PG_INT32_MIN, Min(PG_INT32_MAX, rint(v)));
			return Int32GetDatum((int32) v);
		case VK_INT8:
			v = Max(-9.2e18, Min(9.2e18, rint(v)));
			return Int64GetDatum((int64) v);
		case VK_FLOAT4:
			if (scale >= 0)
				v = rint(v * exact_pow10(scale)) / exact_pow10(scale);
			return Float4GetDatum((float4) v);
		case VK_FLOAT8:
			if (scale >= 0)
				v = rint(v * exact_pow10(scale)) / exact_pow10(scale);
			return Float8GetDatum(v);
		case VK_NUMERIC:
			if (scale >= 0 && scale <= 15 && fabs(v) * exact_pow10(scale) < 9e15)
			{
				/* exact decimal from the scaled integer, then the typmod */
				return scaled_to_numeric(tc, (int64) rint(v * exact_pow10(scale)),
										 scale);
			}
			if (scale >= 0)
			{
				/*
				 * Large numbers with a scale need more than the buffer: a
				 * cut text would be another number.  psprintf() only then.
				 */
				if (snprintf(buf, sizeof(buf), "%.*f", scale, v) >= (int) sizeof(buf))
					return InputFunctionCall(&tc->inflinfo, psprintf("%.*f", scale, v),
											 tc->typioparam, tc->typmod);
			}
			else
				snprintf(buf, sizeof(buf), "%.15g", v);
			return InputFunctionCall(&tc->inflinfo, buf, tc->typioparam, tc->typmod);
		case VK_MONEY:
			{
				/* the amount as a numeric, then money at lc_monetary's decimals */
				Datum		num;

				if (scale >= 0 && scale <= 15 && fabs(v) * exact_pow10(scale) < 9e15)
					num = NumericGetDatum(int64_div_fast_to_numeric((int64) rint(v * exact_pow10(scale)),
																	scale));
				else
					num = DirectFunctionCall1(float8_numeric, Float8GetDatum(v));
				return DirectFunctionCall1(numeric_cash, num);
			}
		case VK_DATE:
			v = Max(-2451545.0, Min(2147483494.0 - 2451545.0, rint(v)));
			return DateADTGetDatum((DateADT) v);
		case VK_TIME:
		case VK_TIMETZ:
			{
				double		unit = tc->typmod >= 0 && tc->typmod < 6 ?
					exact_pow10(6 - tc->typmod) : 1;
				TimeTzADT  *t;

				v = rint(v / unit) * unit;
				v = Max(0, Min((double) USECS_PER_DAY, v));
				if (tc->vk == VK_TIME)
					return TimeADTGetDatum((TimeADT) v);
				t = palloc(sizeof(TimeTzADT));
				t->time = (TimeADT) v;
				t->zone = tc->zone;
				return TimeTzADTPGetDatum(t);
			}
		case VK_TIMESTAMP:
		case VK_TIMESTAMPTZ:
			{
				double		unit = tc->typmod >= 0 && tc->typmod < 6 ?
					exact_pow10(6 - tc->typmod) : 1;

				v = rint(v / unit) * unit;
				v = Max(-2.1e17, Min(9.2e18, v));
				return TimestampGetDatum((Timestamp) v);
			}
		case VK_INTERVAL:
			{
				Interval   *iv = palloc(sizeof(Interval));
				double		days;

				/* whole days within an int32, so that the rest is under a day */
				v = Max((double) PG_INT32_MIN * USECS_PER_DAY,
						Min((double) PG_INT32_MAX * USECS_PER_DAY, rint(v)));
				days = floor(v / (double) USECS_PER_DAY);

				iv->month = 0;
				iv->day = (int32) Max(PG_INT32_MIN, Min(PG_INT32_MAX, days));
				iv->time = (TimeOffset) (rint(v) - days * (double) USECS_PER_DAY);
				return IntervalPGetDatum(iv);
			}
		case VK_BOOL:
			return BoolGetDatum(v >= 0.5);
		default:
			snprintf(buf, sizeof(buf), "%.15g", v);
			return InputFunctionCall(&tc->inflinfo, buf, tc->typioparam, tc->typmod);
	}
}

/*
 * Doubles in their numeric order as int64 keys (and back), to bisect on
 * the doubles themselves: -0 and +0 share key 0.
 */
static inline int64
double_key(double x)
{
	int64		b;

	memcpy(&b, &x, sizeof(b));
	return b >= 0 ? b : -(b & PG_INT64_MAX);
}

static inline double
key_double(int64 k)
{
	uint64		b = k >= 0 ? (uint64) k : ((uint64) -k | (UINT64CONST(1) << 63));
	double		x;

	memcpy(&x, &b, sizeof(x));
	return x;
}

/*
 * The smallest double z with sd_pnorm(z) > c (-Inf if every z has it,
 * +Inf if none has).  A category drawn by comparing u = Phi(z) with a
 * cumulative share c is then drawn by comparing z with this threshold, the
 * same decision (Phi as computed is non-decreasing) without Phi per value.
 * Bisection over the doubles: at most 64 evaluations per boundary.
 */
static double
pnorm_threshold(double c)
{
	int64		lo = double_key(-INFINITY),
				hi = double_key(INFINITY);

	if (sd_pnorm(-INFINITY) > c)
		return -INFINITY;
	if (!(sd_pnorm(INFINITY) > c))
		return INFINITY;
	/* sd_pnorm(key_double(lo)) <= c < sd_pnorm(key_double(hi)) */
	while ((uint64) hi - (uint64) lo > 1)
	{
		/* the span between -Inf and +Inf overflows int64: halve it unsigned */
		int64		mid = lo + (int64) (((uint64) hi - (uint64) lo) / 2);

		if (sd_pnorm(key_double(mid)) > c)
			hi = mid;
		else
			lo = mid;
	}
	return key_double(hi);
}

/*
 * A conditional marginal's latent coordinate z and its parent's latent b
 * are jointly normal with the copula's correlation rho; the parent's
 * category k is b in (lo_k, hi_k].  The column's rank within the category
 * is z's CDF given that, P(Z <= z | lo_k < B <= hi_k) =
 * [Phi2(z, hi_k; rho) - Phi2(z, lo_k; rho)] / [Phi(hi_k) - Phi(lo_k)]
 * (uniform within the category, and carrying b's place inside its
 * interval as the data do), tabulated at COND_Z_POINTS points of z.
 */
static double *
conditional_latent_cdf(const Model *m, int child, const double *bounds)
{
	const ModelCol *c = &m->cols[child];
	const ModelCol *par = &m->cols[c->parent];
	int			D = m->ndims;
	double		rho,
			   *t;
	int			k,
				g;

	if (c->value_dim < 0 || par->value_dim < 0 || bounds == NULL)
		return NULL;
	rho = m->corr[c->value_dim * D + par->value_dim];
	t = palloc(sizeof(double) * par->ncat * COND_Z_POINTS);
	for (k = 0; k < par->ncat; k++)
	{
		double		lo = k > 0 ? bounds[k - 1] : -INFINITY,
					hi = k < par->ncat - 1 ? bounds[k] : INFINITY,
					pk = sd_pnorm(hi) - sd_pnorm(lo),
					prev = 0;
		double	   *row = t + k * COND_Z_POINTS;

		CHECK_FOR_INTERRUPTS();

		for (g = 0; g < COND_Z_POINTS; g++)
		{
			double		z = -COND_Z_MAX + 2 * COND_Z_MAX * g / (COND_Z_POINTS - 1),
						upper = isinf(hi) ? sd_pnorm(z) : sd_bvn_lower(z, hi, rho),
						lower = isinf(lo) ? 0 : sd_bvn_lower(z, lo, rho),
						f = pk > 0 ? (upper - lower) / pk : sd_pnorm(z);

			f = Max(prev, Min(1.0, f));
			row[g] = prev = f;
		}
	}
	return t;
}

/* the tabulated CDF at z (linear between points) */
static double
latent_cdf_at(const double *row, double z)
{
	double		x = (z + COND_Z_MAX) / (2 * COND_Z_MAX) * (COND_Z_POINTS - 1);
	int			g;

	if (!(x > 0))
		return row[0];
	if (x >= COND_Z_POINTS - 1)
		return row[COND_Z_POINTS - 1];
	g = (int) x;
	return row[g] + (x - g) * (row[g + 1] - row[g]);
}

/* its inverse: the z whose tabulated CDF is u (the middle of a flat run) */
double
sampler_latent_cdf_inverse(const double *row, double u)
{
	int			lo = 0,
				hi = COND_Z_POINTS - 1;
	double		step = 2 * COND_Z_MAX / (COND_Z_POINTS - 1),
				frac;

	if (u <= row[0])
		return -COND_Z_MAX;
	if (u >= row[COND_Z_POINTS - 1])
		return COND_Z_MAX;
	while (hi - lo > 1)
	{
		int			mid = (lo + hi) / 2;

		if (row[mid] < u)
			lo = mid;
		else
			hi = mid;
	}
	frac = row[hi] > row[lo] ? (u - row[lo]) / (row[hi] - row[lo]) : 0.5;
	return -COND_Z_MAX + step * (lo + frac);
}

/*
 * Whether a continuous column holds fewer possible values than the source
 * has rows: integers (an amount 0..76 in 1,500 rows) or numbers of a fixed
 * scale (a fare 0.00..6.99 in 150,000 rows): each of its values is any
 * number of source rows' own.
 */
static double
domain_size(const ModelCol *c)
{
	double		unit;

	if (c->kind != MK_CONTINUOUS || c->grid == NULL)
		return get_float8_infinity();
	if (c->integer)
		unit = 1;
	else if (c->scale >= 0 && c->scale <= 15)
		unit = pow(10.0, -c->scale);
	else
		return get_float8_infinity();
	return rint((c->grid[GRID_POINTS - 1] - c->grid[0]) / unit) + 1;
}

static bool
small_integer_domain(const Model *m, const ModelCol *c)
{
	return domain_size(c) <= (double) m->rows;
}

/*
 * The display scale of numeric category x: the commonest among the source
 * values that need its decimals (10.00 rather than 10, 5.0 rather than 5);
 * -1 (as many decimals as it needs) without display_scales.
 */
static int
category_display_scale(const ModelCol *c, double x)
{
	int			v = decimal_scale(x),
				best = -1,
				d;
	const double *p;

	if (c->dscale_joint == NULL || !isfinite(x) || v >= SD_VSCALE_SLOTS - 1)
		return -1;
	p = c->dscale_joint + v * SD_DSCALE_SLOTS;
	for (d = v; d < SD_DSCALE_SLOTS; d++)
		if (p[d] > 0 && (best < 0 || p[d] > p[best]))
			best = d;
	return best;
}

/*
 * Target column i: its type's I/O, its own random stream, the model column
 * of its name, the checks that the model's values fit it, and what drawing
 * its values needs prepared (categories' datums and cumulative shares).
 */
/* what drawing a target column's values needs prepared, by the model's kind */
static void
target_col_values(TargetCol *tc, const ModelCol *c)
{
	int			j;

	if (c->kind == MK_CATEGORICAL)
	{
		tc->cat_datums = palloc(sizeof(Datum) * c->ncat);
		tc->cat_cum = CUMULATIVE_SHARES(c->cats, c->ncat);
		for (j = 0; j < c->ncat; j++)
		{
			if (c->numeric_cats)
				tc->cat_datums[j] = sampler_number_to_datum(tc, c->cats[j].value,
															category_display_scale(c, c->cats[j].value));
			else
				tc->cat_datums[j] = InputFunctionCall(&tc->inflinfo, c->cats[j].label,
													  tc->typioparam, tc->typmod);
		}
	}
	else if (c->kind == MK_ARRAY)
	{
		Oid			elinput,
					elioparam;
		FmgrInfo	elflinfo;

		get_typlenbyvalalign(tc->elemtype, &tc->elmlen, &tc->elmbyval, &tc->elmalign);
		getTypeInputInfo(tc->elemtype, &elinput, &elioparam);
		fmgr_info(elinput, &elflinfo);
		tc->cat_datums = palloc(sizeof(Datum) * Max(c->ncat, 1));
		tc->cat_cum = CUMULATIVE_SHARES(c->cats, c->ncat);
		for (j = 0; j < c->ncat; j++)
			tc->cat_datums[j] = InputFunctionCall(&elflinfo, c->cats[j].label,
												  elioparam, tc->typmod);
	}
	else if (c->kind == MK_DOCUMENT)
	{
		tc->set_cum = CUMULATIVE_SHARES(c->docsets, c->ndocsets);
		tc->field_cum = palloc0(sizeof(double *) * Max(c->nfields, 1));
		for (j = 0; j < c->nfields; j++)
			if (c->fields[j].kind == FK_JSON)
				tc->field_cum[j] = CUMULATIVE_SHARES(c->fields[j].cats, c->fields[j].ncat);
	}
	else if (c->kind == MK_FORMAT && c->nshapes > 0)
		tc->shape_cum = CUMULATIVE_SHARES(c->shapes, c->nshapes);
	else if (c->kind == MK_CONSTANT)
		tc->constant = InputFunctionCall(&tc->inflinfo, c->constant,
										 tc->typioparam, tc->typmod);
	if (c->kind == MK_FORMAT && c->role == ROLE_PII && c->pii_kind != NULL)
	{
		tc->fake = sd_fake_kind_lookup(c->pii_kind);
		if (tc->fake != SD_FAKE_NONE && sd_fake_kind_type(tc->fake) != SD_FAKE_TYPE_TEXT)
			tc->fake = SD_FAKE_NONE;
	}
	/* the cases of draw_row that draw from the column's own stream */
	tc->uses_rng =
		(c->kind != MK_NULL && c->null_parent < 0 && c->null_dim < 0 &&
		 c->null_fraction > 0 && isfinite(tc->null_tau)) ||
		((c->kind == MK_CONTINUOUS || c->kind == MK_CATEGORICAL) &&
		 c->value_dim < 0) ||
		(c->kind == MK_CONTINUOUS && c->dscale_cum != NULL) ||
		c->kind == MK_FORMAT || c->kind == MK_TEXT || c->kind == MK_IMAGE ||
		c->kind == MK_XML ||
		c->kind == MK_ARRAY ||
		c->kind == MK_DOCUMENT ||
		c->kind == MK_RANGE;
}

/*
 * The default of column attnum of relid, evaluated once, into *value (when
 * value is not NULL): false when it has none, when it is volatile (a
 * sequence's nextval, random(): per row, with side effects on the source's
 * objects) or when it is NULL.  A stable default (now(), CURRENT_DATE)
 * takes the value it has in this statement.  What the sampler writes into
 * a NOT NULL column the model leaves NULL.
 */
bool
sampler_column_default(Oid relid, AttrNumber attnum, Datum *value)
{
	Relation	rel = relation_open(relid, AccessShareLock);
	Form_pg_attribute att = TupleDescAttr(RelationGetDescr(rel), attnum - 1);
	bool		byval = att->attbyval;
	int16		len = att->attlen;
	Node	   *expr = build_column_default(rel, attnum);
	EState	   *estate;
	ExprState  *es;
	Datum		d;
	bool		isnull;

	relation_close(rel, AccessShareLock);
	if (expr == NULL || contain_volatile_functions(expr))
		return false;
	estate = CreateExecutorState();
	es = ExecPrepareExpr((Expr *) expr, estate);
	d = ExecEvalExprSwitchContext(es, GetPerTupleExprContext(estate), &isnull);
	if (!isnull && value != NULL)
		*value = datumCopy(d, byval, len);
	FreeExecutorState(estate);
	return !isnull;
}

static void
target_col_prepare(Sampler *s, Model *m, TupleDesc tupdesc, SdTable *table,
				   const char *relname, int i)
{
	Form_pg_attribute att = TupleDescAttr(tupdesc, i);
	TargetCol  *tc = &s->tc[i];
	ModelCol   *c = NULL;
	uint64		seed = s->seed;
	int			j;
	Oid			typinput;
	bool		varlena;
	bool		target_multi;
	/* a row type's descriptor lacks NOT NULL: read it from the catalog */
	bool		notnull = table != NULL && i < table->natts &&
		table->att2col[i] >= 0 && table->columns[table->att2col[i]].notnull;

	tc->mcol = -1;
	if (att->attisdropped)
		return;
	tc->typid = att->atttypid;
	tc->typmod = att->atttypmod;
	tc->vk = value_kind_of(att->atttypid);
	getTypeInputInfo(att->atttypid, &typinput, &tc->typioparam);
	fmgr_info(typinput, &tc->inflinfo);
	getTypeOutputInfo(att->atttypid, &tc->typoutput, &varlena);
	tc->maxlen = -1;
	if ((getBaseType(att->atttypid) == VARCHAROID ||
		 getBaseType(att->atttypid) == BPCHAROID) && att->atttypmod > VARHDRSZ)
		tc->maxlen = att->atttypmod - VARHDRSZ;
	sd_rng_init(&tc->rng, seed,
				sd_stream_child(sd_stream_id("synth_sample column"),
								sd_hash_bytes(NameStr(att->attname),
											  strlen(NameStr(att->attname)), 0)));
	tc->uuid_key = sd_mix64(seed ^ sd_hash_bytes(NameStr(att->attname),
												 strlen(NameStr(att->attname)), 1));
	for (j = 0; j < m->ncols; j++)
		if (strcmp(m->cols[j].name, NameStr(att->attname)) == 0)
		{
			tc->mcol = j;
			c = &m->cols[j];
			break;
		}
	if (c == NULL)
	{
		if (notnull)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("model has no column \"%s\" for NOT NULL column of relation \"%s\"",
							NameStr(att->attname), relname),
					 errhint("Sample into a table whose columns the model describes.")));
		ereport(sampler_quiet ? DEBUG1 : NOTICE,
				(errmsg("model has no column \"%s\": it is generated as NULL",
						NameStr(att->attname))));
		return;
	}
	tc->binary = c->kind == MK_FORMAT && c->binary &&
		getBaseType(att->atttypid) == BYTEAOID;
	if (c->kind == MK_IMAGE && getBaseType(att->atttypid) != BYTEAOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" of relation \"%s\" is of type %s, which cannot hold the model's images",
						NameStr(att->attname), relname,
						format_type_with_typemod(att->atttypid, att->atttypmod)),
				 errhint("Sample images into a bytea column.")));
	if (c->kind == MK_ARRAY)
		tc->elemtype = get_element_type(getBaseType(att->atttypid));
	if (c->kind == MK_RANGE && range_subtype_kind(att->atttypid) >= 0 &&
		range_type_of(att->atttypid, &target_multi) != InvalidOid &&
		target_multi == c->multirange)
	{
		Oid			subtype = get_range_subtype(range_type_of(att->atttypid, &target_multi));
		Oid			subinput;
		bool		subvarlena;

		tc->sub = palloc0(sizeof(TargetCol));
		tc->sub->vk = (ValueKind) range_subtype_kind(att->atttypid);
		tc->sub->typid = subtype;
		tc->sub->typmod = -1;
		tc->sub->maxlen = -1;
		getTypeInputInfo(subtype, &subinput, &tc->sub->typioparam);
		fmgr_info(subinput, &tc->sub->inflinfo);
		getTypeOutputInfo(subtype, &tc->sub->typoutput, &subvarlena);
	}
	if (c->kind == MK_RANGE ? tc->sub == NULL :
		c->kind == MK_ARRAY ? !OidIsValid(tc->elemtype) :
		!class_compatible(c->vk, c->kind, c->numeric_cats,
						  (c->role == ROLE_PII && c->pii_kind != NULL &&
						   sd_fake_kind_lookup(c->pii_kind) != SD_FAKE_NONE) ||
						  tc->binary,
						  tc->vk))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" of relation \"%s\" is of type %s, which cannot hold the model's %s %s values",
						NameStr(att->attname), relname,
						format_type_with_typemod(att->atttypid, att->atttypmod),
						kind_name[c->kind], value_class[c->vk]),
				 errdetail("The model was fitted on a column of type %s.", c->type),
				 errhint("Sample into a table whose columns have compatible types.")));
	if (notnull && (c->kind == MK_NULL || c->null_fraction >= 1))
	{
		/* what an INSERT without the column would write, as the source's rows say nothing */
		if (!sampler_column_default(table->relid, att->attnum, &tc->constant))
			ereport(ERROR,
					(errcode(ERRCODE_NOT_NULL_VIOLATION),
					 errmsg("cannot generate values for NOT NULL column \"%s\" of relation \"%s\"",
							NameStr(att->attname), relname),
					 errdetail("The model generates only NULLs for this column (too few rows hold a value to model it privately), and the column has no default that is not volatile."),
					 errhint("Give the column a default, or fit the model on more rows.")));
		tc->from_default = true;
		return;
	}
	tc->zone = c->zone;
	tc->null_tau = c->null_dim >= 0 ? sd_qnorm(1 - c->null_fraction) : 0;
	if (notnull)
		tc->null_tau = INFINITY;
	if (!notnull && c->sem != NULL && c->sem->nplace_null > 0)
	{
		int			j;

		tc->place_tau = palloc(sizeof(double) * c->sem->nplace_null);
		for (j = 0; j < c->sem->nplace_null; j++)
		{
			double		p = c->sem->place_null[j];

			tc->place_tau[j] = c->null_dim < 0 ? p :
				p <= 0 ? INFINITY : p >= 1 ? -INFINITY : sd_qnorm(1 - p);
		}
	}
	target_col_values(tc, c);
}

/* what a conditional marginal needs to know of its parent */
static void
parent_thresholds(Sampler *s, Model *m)
{
	int			i,
				j;

	s->mcat_cum = palloc0(sizeof(double *) * Max(m->ncols, 1));
	s->mcat_z = palloc0(sizeof(double *) * Max(m->ncols, 1));
	s->mnull_z = palloc0(sizeof(double *) * Max(m->ncols, 1));
	s->mnull_tau = palloc0(sizeof(double) * Max(m->ncols, 1));
	for (j = 0; j < m->ncols; j++)
	{
		ModelCol   *c = &m->cols[j];

		s->mnull_tau[j] = c->null_dim >= 0 ? sd_qnorm(1 - c->null_fraction) : INFINITY;
		if (c->kind == MK_CATEGORICAL)
		{
			s->mcat_cum[j] = CUMULATIVE_SHARES(c->cats, c->ncat);
			if (c->value_dim >= 0)
			{
				s->mcat_z[j] = palloc(sizeof(double) * c->ncat);
				for (i = 0; i < c->ncat; i++)
				{
					CHECK_FOR_INTERRUPTS();
					s->mcat_z[j][i] = pnorm_threshold(s->mcat_cum[j][i]);
				}
			}
		}
		if (c->null_parent >= 0 && c->null_dim >= 0)
		{
			const ModelCol *par = &m->cols[c->null_parent];

			s->mnull_z[j] = palloc(sizeof(double) * Max(par->ncat, 1));
			for (i = 0; i < par->ncat; i++)
				s->mnull_z[j][i] = c->null_cond[i] > 0 && c->null_cond[i] < 1 ?
					sd_qnorm(1 - c->null_cond[i]) : 0;
		}
	}
	s->mcond_cdf = palloc0(sizeof(double *) * Max(m->ncols, 1));
	for (j = 0; j < m->ncols; j++)
		if (m->cols[j].parent >= 0 && m->cols[j].cond != NULL)
			s->mcond_cdf[j] = conditional_latent_cdf(m, j, s->mcat_z[m->cols[j].parent]);
}

/* the exact-copy guard compares model columns in model order */
static void
guard_columns(Sampler *s, Model *m)
{
	bool		informative = false;
	bool		in_clone = roles_in_schema_clone(m);
	double		space = 1;
	int			ncats = 0,
				nsmall = 0;
	int			i,
				j,
				g;

	s->guard_att = palloc(sizeof(int) * Max(m->ncols, 1));
	s->guard_informative = palloc0(sizeof(bool) * Max(m->ncols, 1));
	s->guard_domain = palloc(sizeof(double) * Max(m->ncols, 1));
	s->guard_nullfrac = palloc0(sizeof(double) * Max(m->ncols, 1));
	for (j = 0; j < m->ncols; j++)
	{
		if (roles_guard_skips(m, &m->cols[j]))
			continue;
		s->guard_att[s->nguard] = -1;
		for (i = 0; i < s->natts; i++)
			if (s->tc[i].mcol == j)
				s->guard_att[s->nguard] = i;
		s->nguard++;
	}
	enlargeStringInfo(&s->keybuf, ROW_KEY_BYTES(s->nguard));

	/*
	 * A row whose guarded columns can hold one value each (constants, NULL
	 * columns, a single category: a link table's last_update beside its
	 * drawn parent keys) says nothing of its own: the guard would reject
	 * every draw.  It is not applied.  Nor is it to a row of identifiers
	 * drawn as row numbers or their uuids only (a view's "id", which has no
	 * catalog key): row number 5 equal to a source's id 5 is no copy, and
	 * a view of ids could not be cloned.  In a schema clone, whose keys are
	 * all fresh, neither is it to rows of categories only (an invoice line's
	 * price and quantity), each category held by k source rows.  Nor is it
	 * to a row of one category column beside keys (each category the model
	 * emits is held by at least k source rows, so a draw equal to one of
	 * them equals k of them), or of categories and small numeric domains
	 * whose combinations are so few that k source rows hold each on
	 * average: nearly every draw is some source rows' combination, which
	 * tells nothing of any of them.  A free text or an array counts as a
	 * category of as many values as the table has rows: its parts (words
	 * and their sequences, elements) are held by k rows, so alone beside
	 * keys it is not guarded (a ticket table's short common texts were all
	 * refused: none of its 6- and 7-word tickets, 40% of the source, came
	 * out), and beside a category or number it is.
	 */
	for (j = 0, g = -1; j < m->ncols; j++)
	{
		const ModelCol *c = &m->cols[j];

		if (!roles_guard_skips(m, c))
		{
			g++;
			s->guard_domain[g] = 1;
			s->guard_nullfrac[g] = c->null_fraction;
		}
		if (roles_guard_skips(m, c) || c->kind == MK_NULL || c->kind == MK_CONSTANT ||
			c->kind == MK_SEQUENCE || c->kind == MK_UUID ||
			(c->kind == MK_CATEGORICAL && c->ncat <= 1 && c->null_fraction <= 0))
			continue;
		if (c->kind != MK_CATEGORICAL && c->kind != MK_TEXT && c->kind != MK_ARRAY &&
			!small_integer_domain(m, c))
		{
			informative = true;
			s->guard_informative[g] = true;
			continue;
		}
		if (in_clone)
			continue;			/* fresh keys: categories and small domains say nothing */
		/* a text or array of parts k rows hold: a category of as many values as rows */
		s->guard_domain[g] = c->kind == MK_CATEGORICAL ? c->ncat :
			c->kind == MK_TEXT || c->kind == MK_ARRAY ? Max(m->rows, 1) : domain_size(c);
		space *= s->guard_domain[g] + (c->null_fraction > 0 ? 1 : 0);
		if (c->kind == MK_CATEGORICAL || c->kind == MK_TEXT || c->kind == MK_ARRAY)
			ncats++;
		else
			nsmall++;
	}
	if (!informative && ncats + nsmall > 0)
		informative = !(ncats == 1 && nsmall == 0) &&
			space * Max(m->k, 1) > (double) m->rows;
	if (!informative)
	{
		/*
		 * A text whose model fills placeholders (a record number, a code, a
		 * name) may meet a real one by a fill's chance: the rows that drew a
		 * fill are still tested ("Patient <a number> reported ..."), the
		 * others are not.
		 */
		for (j = 0; j < m->ncols; j++)
			if (m->cols[j].kind == MK_TEXT && !roles_guard_skips(m, &m->cols[j]) &&
				!in_clone && text_model_fills(m->cols[j].text))
				s->guard_fills_only = true;
		if (!s->guard_fills_only)
			s->nguard = 0;
	}
}

/* whether a row drew a placeholder's fill in one of its guarded texts */
static bool
row_text_filled(const Sampler *s, const bool *nulls)
{
	int			i;

	for (i = 0; i < s->natts; i++)
		if (s->tc[i].mcol >= 0 && s->m->cols[s->tc[i].mcol].kind == MK_TEXT &&
			!nulls[i] && s->tc[i].text_filled)
			return true;
	return false;
}

/*
 * The same rule row by row: a row with NULLs whose informative columns
 * (numbers of many values, times, texts) are all NULL is a row of
 * categories and small domains, and a draw of one equals some source rows
 * when, among the source rows of its NULLs (each NULL held by k source
 * rows, their shares multiplied as if independent), the combinations of
 * its other columns are so few that k rows hold each on average.  Such a
 * row is not tested.  Rejecting such draws removed the NULLs: a
 * 4-category column beside a number NULL in half the rows came back with
 * no NULL at all.
 */
static bool
guard_exempt(const Sampler *s, const bool *nulls)
{
	double		rows = (double) s->m->rows,
				k = Max(s->m->k, 1),
				combos = 1,
				share = 1;
	bool		any_null = false;
	int			g;

	for (g = 0; g < s->nguard; g++)
	{
		bool		null = s->guard_att[g] < 0 || nulls[s->guard_att[g]];

		if (!null)
		{
			if (s->guard_informative[g])
				return false;
			combos *= s->guard_domain[g];
			continue;
		}
		if (s->guard_nullfrac[g] * rows < k)
			return false;		/* a NULL few rows hold */
		share *= s->guard_nullfrac[g];
		any_null |= s->guard_nullfrac[g] < 1;
	}
	return any_null && combos * k <= rows * share;
}

/* the Cholesky factor of the copula's correlation matrix, and its pair-packed copy */
static void
copula_factor(Sampler *s, Model *m)
{
	int			D = m->ndims;

	s->e = palloc(sizeof(double) * Max(D, 1));
	s->z = palloc(sizeof(double) * Max(D, 1));
	s->L = palloc(sizeof(double) * Max(D * D, 1));
	if (D > 0 && !sd_cholesky(m->corr, D, s->L))
	{
		double	   *r = palloc(sizeof(double) * D * D);

		memcpy(r, m->corr, sizeof(double) * D * D);
		sd_nearest_correlation(r, D, 1e-9, 200);
		sd_make_positive_definite(r, D);
		if (!sd_cholesky(r, D, s->L))
			bad_model("The correlation matrix is not positive definite.");
	}
	sampler_set_factor(s, s->L);
}

/*
 * The generators every row draws from, whose first blocks sampler_row_ex
 * computes together at the row's start: the copula's, and each column's
 * own but a foreign key's (which draws only to redraw, or for a NULL).
 */
static void
row_rngs_prepare(Sampler *s)
{
	int			i;

	s->row_rngs = palloc(sizeof(SdRng *) * (s->natts + 1));
	s->nrow_rngs = 0;
	if (s->seq == NULL && s->m->ndims > 0)
		s->row_rngs[s->nrow_rngs++] = &s->rng;
	for (i = 0; i < s->natts; i++)
		if (s->tc[i].uses_rng && s->tc[i].fk == NULL && !s->tc[i].from_default)
			s->row_rngs[s->nrow_rngs++] = &s->tc[i].rng;
}

Sampler *
sampler_create(Model *m, TupleDesc tupdesc, Oid relid, const char *relname,
			   uint64 seed)
{
	SdTable    *table = OidIsValid(relid) ? sd_table_open(relid, 0) : NULL;
	Sampler    *s = palloc0(sizeof(Sampler));
	int			i;

	s->m = m;
	s->relname = relname;
	s->seed = seed;
	s->fake_seed = seed;
	s->natts = tupdesc->natts;
	s->tc = palloc0(sizeof(TargetCol) * Max(s->natts, 1));
	initStringInfo(&s->keybuf);
	initStringInfo(&s->strbuf);
	sd_rng_init(&s->rng, seed, sd_stream_id("synth_sample copula"));

	for (i = 0; i < s->natts; i++)
		target_col_prepare(s, m, tupdesc, table, relname, i);

	s->table = table;
	if (table != NULL && table->nchecks > 0)
		s->checker = sd_checker_create(table);
	s->failed_check = -1;

	parent_thresholds(s, m);

	guard_columns(s, m);

	copula_factor(s, m);
	/* orderings, dependencies, grain and CHECK bounds (clone_constraints.c) */
	cons_sampler_create(s);
	/* foreign keys' parents, the row's person and place */
	roles_sampler_prepare(s);
	/* rows that follow their parents' columns: their own factor */
	roles_condition_prepare(s);
	{
		int		   *mcol_of_att = palloc(sizeof(int) * Max(s->natts, 1));

		for (i = 0; i < s->natts; i++)
			mcol_of_att[i] = s->tc[i].mcol;
		s->derived = derived_prepare(m, mcol_of_att, tupdesc);
	}
	/* the target's generated columns, computed from the drawn row */
	s->tupdesc = tupdesc;
	s->generated = generated_prepare(relid, tupdesc);
	if (m->seq != NULL)
		s->seq = sd_seq_sampler(s, m->seq);
	row_rngs_prepare(s);
	return s;
}

/*
 * The copula's factor L (D x D, lower triangular) the rows are drawn with,
 * and its pairs of rows for latent_from_normals.
 */
void
sampler_set_factor(Sampler *s, const double *L)
{
	int			D = s->m->ndims,
				i,
				j;

	if (L != s->L)
		memcpy(s->L, L, sizeof(double) * D * D);
	if (s->Lp == NULL)
		s->Lp = palloc0(sizeof(double) * Max((D + 1) / 2 * 2 * D, 1));
	for (i = 0; i < D; i++)
		for (j = 0; j <= i; j++)
			s->Lp[((i / 2) * D + j) * 2 + i % 2] = s->L[i * D + j];
}

/*
 * Text drawn from shapes keeps the literal characters of its shapes, so an
 * "@" or a "://" comes back with random letters around it: a host name that
 * may exist.  Every host after them becomes one of the reserved example
 * domains (RFC 2606), as the fake generators' are.
 */
static void
reserve_host_names(StringInfo buf)
{
	static const char *const reserved[] = {"example.com", "example.net", "example.org"};
	StringInfoData out;
	int			i = 0;
	bool		changed = false;

	if (memchr(buf->data, '@', buf->len) == NULL && strstr(buf->data, "://") == NULL)
		return;
	initStringInfo(&out);
	while (i < buf->len)
	{
		int			skip = 0;

		if (buf->data[i] == '@')
			skip = 1;
		else if (strncmp(buf->data + i, "://", 3) == 0)
			skip = 3;
		appendBinaryStringInfo(&out, buf->data + i, skip ? skip : 1);
		i += skip ? skip : 1;
		if (skip)
		{
			int			j = i;

			/* the host: letters, digits, dots and hyphens */
			while (j < buf->len && (isalnum((unsigned char) buf->data[j]) ||
									buf->data[j] == '.' || buf->data[j] == '-'))
				j++;
			if (j > i)
			{
				appendStringInfoString(&out, reserved[(j - i) % lengthof(reserved)]);
				i = j;
				changed = true;
			}
		}
	}
	if (changed)
	{
		resetStringInfo(buf);
		appendBinaryStringInfo(buf, out.data, out.len);
	}
	pfree(out.data);
}

static void
format_value(Sampler *s, TargetCol *tc, ModelCol *c)
{
	StringInfo buf = &s->strbuf;
	int			j,
				len;

	resetStringInfo(buf);
	if (c->nshapes > 0)
	{
		double		u = sd_rng_uniform(&tc->rng);
		const char *shape;

		for (j = 0; j < c->nshapes - 1 && u > tc->shape_cum[j]; j++)
			;
		shape = c->shapes[j].shape;
		len = c->shapes[j].len;
		for (j = 0; j < len; j++)
		{
			char		ch = shape[j];
			int			r = shape_place_radix(ch);

			if (r > 1)
				ch = shape_place_char(ch, (int) sd_rng_below(&tc->rng, r));
			appendStringInfoChar(buf, ch);
		}
		/* shapes keep the first SHAPE_MAX characters: longer texts go on in words */
		if (len == SHAPE_MAX)
		{
			int			total = (int) rint(sd_grid_quantile(c->lenq, LEN_POINTS,
															sd_rng_uniform(&tc->rng)));

			if (total > SHAPE_MAX + 1)
			{
				appendStringInfoChar(buf, ' ');
				sd_fake_text(SD_FAKE_LOCALE_EN, total - SHAPE_MAX - 1,
							 total - SHAPE_MAX - 1, &tc->rng, buf);
			}
		}
	}
	else
	{
		/* free text: words and sentences of the drawn length (fake.h) */
		len = (int) rint(sd_grid_quantile(c->lenq, LEN_POINTS,
										  sd_rng_uniform(&tc->rng)));
		if (len > 0)
			sd_fake_text(SD_FAKE_LOCALE_EN, len, len, &tc->rng, buf);
	}
	reserve_host_names(buf);
	if (tc->maxlen >= 0 && buf->len > tc->maxlen)
		buf->data[buf->len = tc->maxlen] = '\0';
}

/*
 * A conditional marginal: the rank within the parent's category (the row's
 * own parent value, recomputed from the same latent coordinates) is the
 * column's latent CDF given that category (conditional_latent_cdf), or v
 * for a column outside the copula; returns the rank within the whole
 * column, inverting the category's piecewise-uniform distribution over the
 * U_BINS slices of F(x).
 */
static double
slice_u(const double *slice, int b, double w)
{
	double		lo = (double) b / U_BINS,
				hi = (b + 1.0) / U_BINS,
				half = slice[2] * sqrt(3.0),
				from = Max(lo, slice[1] - half),
				to = Min(hi, slice[1] + half);

	/*
	 * The uniform with the slice's mean and standard deviation, cut to the
	 * slice: w runs over what of its support lies inside.  (Clamping it to
	 * the slice instead would pile the cut mass on the slice's ends, which
	 * are knots of the quantile grid, and repeat their values.)
	 */
	if (!(to > from))
		return Max(lo, Min(hi, slice[1]));
	return from + (to - from) * w;
}


double
sampler_conditional_u(Sampler *s, const ModelCol *c, double v)
{
	const ModelCol *par = &s->m->cols[c->parent];
	int			r,
				self;

	if (par->null_dim >= 0 && s->z[par->null_dim] > s->mnull_tau[c->parent])
		return v;				/* parent NULL: the marginal itself */
	r = bounded_category(s->mcat_z[c->parent], par->ncat, s->z[par->value_dim]);
	/* the rank within the category, from the column's latent and the parent's */
	self = (int) (c - s->m->cols);
	if (s->mcond_cdf[self] != NULL)
		v = latent_cdf_at(s->mcond_cdf[self] + r * COND_Z_POINTS, s->z[c->value_dim]);
	return sampler_category_rank_u(c, r, v);
}

/* the rank within the whole column of rank v within parent category r */
double
sampler_category_rank_u(const ModelCol *c, int r, double v)
{
	const double *shares;
	double		acc = 0,
				total = 0;
	int			b,
				last = -1;

	shares = c->cond + r * U_BINS * 3;
	for (b = 0; b < U_BINS; b++)
	{
		total += shares[b * 3];
		if (shares[b * 3] > 0)
			last = b;
	}
	if (total <= 0)
		return v;
	v *= total;
	for (b = 0; b < U_BINS; b++)
	{
		double		p = shares[b * 3];

		if ((v <= acc + p || b == last) && p > 0)
			return slice_u(shares + b * 3, b, Max(0.0, Min(1.0, (v - acc) / p)));
		acc += p;
	}
	return v;					/* not reached: the last slice with a share answers */
}

/*
 * A conditional NULL-ness: the NULL dimension is the rank within the parent's
 * category, NULL above that category's fraction (the overall threshold
 * null_tau where the parent is NULL itself).
 */
static bool
conditional_null(Sampler *s, const ModelCol *c, double null_tau)
{
	const ModelCol *par = &s->m->cols[c->null_parent];
	double		p;
	int			r;

	if (par->null_dim >= 0 && s->z[par->null_dim] > s->mnull_tau[c->null_parent])
		return s->z[c->null_dim] > null_tau;
	r = bounded_category(s->mcat_z[c->null_parent], par->ncat, s->z[par->value_dim]);
	p = c->null_cond[r];
	if (p <= 0)
		return false;
	if (p >= 1)
		return true;
	return s->z[c->null_dim] > s->mnull_z[c - s->m->cols][r];
}

static int	conditional_category(Sampler *s, const ModelCol *c, double u);

/*
 * The category a categorical column of the model takes in the row being
 * drawn (its latent value is drawn for the whole row before any column),
 * as draw_row picks it; -1 when it has no copula dimension.  The row's
 * person and place read their sex and country from it.
 */
int
sampler_row_category(Sampler *s, int mcol)
{
	const ModelCol *c = &s->m->cols[mcol];
	int			j;

	if (c->kind == MK_CATEGORICAL && c->value_dim < 0 && mcol == s->country_col)
		return cum_category(s->mcat_cum[mcol], c->ncat, s->country_u);
	if (c->kind != MK_CATEGORICAL || c->value_dim < 0 || c->ncat < 1)
		return -1;
	if (c->null_dim >= 0 && s->z[c->null_dim] > s->mnull_tau[mcol])
		return -1;
	if (c->cat_parent < 0)
		return bounded_category(s->mcat_z[mcol], c->ncat, s->z[c->value_dim]);
	j = conditional_category(s, c, sd_pnorm(s->z[c->value_dim]));
	return j >= 0 ? j : cum_category(s->mcat_cum[mcol], c->ncat, sd_pnorm(s->z[c->value_dim]));
}

/*
 * A conditional category: u is the rank within the parent's category.
 * Returns the category, or -1 for the marginal (parent NULL, or a parent
 * category without any emitted cell).
 */
static int
conditional_category(Sampler *s, const ModelCol *c, double u)
{
	const ModelCol *par = &s->m->cols[c->cat_parent];
	const double *row;
	double		total = 0,
				acc = 0;
	int			r,
				j,
				last = -1;

	if (par->null_dim >= 0 && s->z[par->null_dim] > s->mnull_tau[c->cat_parent])
		return -1;
	r = bounded_category(s->mcat_z[c->cat_parent], par->ncat, s->z[par->value_dim]);
	row = c->cat_cond + r * c->ncat;
	for (j = 0; j < c->ncat; j++)
		total += row[j];
	if (total <= 0)
		return -1;
	u *= total;
	for (j = 0; j < c->ncat; j++)
	{
		if (row[j] <= 0)
			continue;
		acc += row[j];
		last = j;
		if (u <= acc)
			return j;
	}
	return last;
}

/*
 * The copula's latent row z = L e.  Each z[i] is the sum of L[i][j] e[j]
 * for j = 0 .. i in that order, as a plain loop would add them; two rows
 * are summed side by side on a vector register, each pair in registers
 * (no store and reload between terms).  The first row of a pair also adds
 * L[2p][2p + 1] e[2p + 1] = 0 * e[2p + 1], a signed zero, which leaves any
 * sum but -0 as it is; and a sum holding the nonzero term L[2p][2p] e[2p]
 * is never -0.  So every z[i] is the plain loop's, bit for bit.
 */
static inline void
latent_from_normals(Sampler *s, int D)
{
	double	   *pg_restrict z = s->z;
	const double *pg_restrict e = s->e;
	int			p,
				j;

#if defined(__GNUC__) || defined(__clang__)
	for (p = 0; 2 * p < D; p++)
	{
		const double *pg_restrict lp = s->Lp + p * D * 2;
		int			jmax = Min(2 * p + 2, D);
		sd_v2df		acc = {0, 0};

		for (j = 0; j < jmax; j++)
		{
			sd_v2df		l;

			memcpy(&l, lp + 2 * j, sizeof(l));
			acc += l * e[j];
		}
		z[2 * p] = acc[0];
		if (2 * p + 1 < D)
			z[2 * p + 1] = acc[1];
	}
#else
	for (p = 0; p < D; p++)
	{
		const double *pg_restrict lp = s->Lp + (p / 2) * D * 2 + p % 2;
		double		acc = 0;

		for (j = 0; j <= p; j++)
			acc += lp[2 * j] * e[j];
		z[p] = acc;
	}
#endif
}

/*
 * Whether the row's value of a column is NULL: never drawn for a NULL
 * column, else from its row's country (a place column), its parent's
 * category, its latent NULL dimension or its own stream, in that order of
 * precedence.
 */
static inline bool
draw_null(Sampler *s, TargetCol *tc, const ModelCol *c)
{
	if (c->kind == MK_NULL)
		return true;
	if (tc->place_tau != NULL && s->m->personal != NULL && s->m->personal->country_col >= 0)
	{
		/* a place column: the NULL share of the row's country */
		int			j = sampler_row_category(s, s->m->personal->country_col);

		if (j >= 0 && j < c->sem->nplace_null)
			return c->null_dim >= 0 ? s->z[c->null_dim] > tc->place_tau[j] :
				sd_rng_uniform(&tc->rng) < tc->place_tau[j];
	}
	if (c->null_parent >= 0)
		return conditional_null(s, c, tc->null_tau);
	if (c->null_dim >= 0)
		return s->z[c->null_dim] > tc->null_tau;
	return c->null_fraction > 0 && isfinite(tc->null_tau) &&
		sd_rng_uniform(&tc->rng) < c->null_fraction;
}

/*
 * Continuous value x as a datum of the column.  A numeric column with the
 * source's display scales (display_scales) prints x with a display scale
 * drawn from the source's shares given the decimals x needs (0.3, 0.47, 1,
 * 0.250 rather than 0.300, 0.470, 1.000, 0.250); decimals no source value
 * needed take the shares over all values of the scales that can show them.
 * The value itself is the one drawn: the marginal already holds the
 * source's roundings (its point masses).
 */
static inline Datum
continuous_to_datum(TargetCol *tc, const ModelCol *c, double x)
{
	int			scale = c->integer ? 0 : c->scale;

	if (c->dscale_cum != NULL && isfinite(x))
	{
		const double *row;
		double		u = sd_rng_uniform(&tc->rng),
					lo = 0;
		int			v,
					d;

		if (scale >= 0)
			x = rint(x * exact_pow10(scale)) / exact_pow10(scale);
		v = decimal_scale(x);
		if (v >= SD_VSCALE_SLOTS - 1)
			return sampler_number_to_datum(tc, x, scale);
		row = c->dscale_cum + v * SD_DSCALE_SLOTS;
		if (row[SD_DSCALE_SLOTS - 1] <= 0)
		{
			/* the scales of every value, from v on */
			row = c->dscale_cum + SD_VSCALE_SLOTS * SD_DSCALE_SLOTS;
			lo = v > 0 ? row[v - 1] : 0;
			if (lo >= 1)
				return sampler_number_to_datum(tc, x, scale);
		}
		u = lo + u * (1 - lo);
		for (d = v; d < SD_DSCALE_SLOTS - 1 && u >= row[d]; d++)
			;
		return sampler_number_to_datum(tc, x, d);
	}
	return sampler_number_to_datum(tc, x, scale);
}

/*
 * A continuous value: the quantile of the latent (or the column's own)
 * uniform, through the conditional marginal and the column's constraints,
 * or the value a sequence drew on the column's scale; false when the
 * constraints leave no value.
 */
static inline bool
draw_continuous(Sampler *s, int i, TargetCol *tc, const ModelCol *c,
				Datum *value)
{
	double		q = s->seq_x != NULL && c->value_dim >= 0 ?
	s->seq_x[c->value_dim] : NAN;
	double		u = 0,
				x;

	if (isnan(q))
	{
		u = c->value_dim >= 0 ? sd_pnorm(s->z[c->value_dim]) :
			sd_rng_uniform(&tc->rng);
		if (c->parent >= 0)
			u = sampler_conditional_u(s, c, u);
	}
	if (s->cons != NULL)
	{
		if (!cons_continuous(s, i, u, q, &x))
			return false;
	}
	else
	{
		x = isnan(q) ? sd_grid_quantile(c->grid, GRID_POINTS, u) : q;
		if (c->integer)
			x = rint(x);
		x = Max(c->grid[0], Min(c->grid[GRID_POINTS - 1], x));
	}
	*value = continuous_to_datum(tc, c, x);
	return true;
}

/*
 * A category: from the column's own stream, the latent dimension's
 * thresholds, or the conditional shares of its parent's category.
 */
static inline Datum
draw_categorical(Sampler *s, int i, TargetCol *tc, const ModelCol *c)
{
	int			j;

	if (c->value_dim < 0)
		j = cum_category(tc->cat_cum, c->ncat,
						 tc->mcol == s->country_col ? s->country_u :
						 sd_rng_uniform(&tc->rng));
	else if (c->cat_parent < 0)
		j = bounded_category(s->mcat_z[tc->mcol], c->ncat,
							 s->z[c->value_dim]);
	else
	{
		double		u = sd_pnorm(s->z[c->value_dim]);

		j = conditional_category(s, c, u);
		if (j < 0)
			j = cum_category(tc->cat_cum, c->ncat, u);
	}
	if (s->cons != NULL)
		j = cons_category(s, i, j);
	return tc->cat_datums[j];
}


/*
 * A drawn string as the column's value: a text column's is the string's
 * bytes (what textin makes of them, without the call); any other type,
 * domain or length limit goes through its input function, which checks it.
 */
static inline Datum
string_datum(TargetCol *tc, StringInfo buf)
{
	if (tc->typid == TEXTOID)
		return PointerGetDatum(cstring_to_text_with_len(buf->data, buf->len));
	return InputFunctionCall(&tc->inflinfo, buf->data, tc->typioparam, tc->typmod);
}

/*
 * A formatted value: random bytes, the row's personal datum, a fake of
 * the column's kind, or a shape filled in.
 */
static inline Datum
draw_format(Sampler *s, TargetCol *tc, ModelCol *c, int64 row)
{
	if (tc->binary)
		return sampler_random_bytes(tc, c);
	if (c->role == ROLE_KEY && !c->key_member)
		roles_key_shape_value(s, c, row, &s->strbuf);
	else if (tc->personal)
		roles_personal_value(s, tc, c, row, &s->strbuf);
	else if (tc->fake != SD_FAKE_NONE)
	{
		/* one fake person per row: an email follows the row's name */
		resetStringInfo(&s->strbuf);
		sd_fake_generate_max(tc->fake, SD_FAKE_LOCALE_EN, s->fake_seed,
							 (uint64) row, &tc->rng, tc->maxlen, &s->strbuf);
	}
	else
		format_value(s, tc, c);
	return string_datum(tc, &s->strbuf);
}

/* a text drawn from the column's text model, at most the column's length */
static inline Datum
draw_text(Sampler *s, TargetCol *tc, const ModelCol *c, int64 row)
{
	int			maxbytes = (int) c->lenq[LEN_POINTS - 1];

	if (tc->maxlen >= 0)
		maxbytes = Min(maxbytes, tc->maxlen);
	resetStringInfo(&s->strbuf);
	tc->text_filled = text_model_generate(c->text, &tc->rng, s->seed, (uint64) row,
										  maxbytes, &s->strbuf);
	return string_datum(tc, &s->strbuf);
}

/* a key or identifier: the row number, or a date on the column's own step */
static inline Datum
draw_sequence(TargetCol *tc, const ModelCol *c, int64 row)
{
	char		buf[32];
	double		key = 0;

	if (tc->vk == VK_DATE || tc->vk == VK_TIMESTAMP || tc->vk == VK_TIMESTAMPTZ)
	{
		/*
		 * The source's start and step; a model without them (a
		 * differentially private one releases no value of the column)
		 * counts from 2000-01-01 in days or in seconds.
		 */
		if (c->sem != NULL && c->sem->has_seq)
			return sampler_number_to_datum(tc, c->sem->seq_start +
								   (double) row * c->sem->seq_step, -1);
		return sampler_number_to_datum(tc, (double) row * (tc->vk == VK_DATE ? 1.0 : (double) USECS_PER_SEC), -1);
	}
	if (tc->vk <= VK_INT8 &&
		!sd_key_integer(1, (uint64) row,
						sd_key_integer_limit(tc->vk == VK_INT2 ? 2 : tc->vk == VK_INT4 ? 4 : 8),
						&key))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("row number " INT64_FORMAT " does not fit column \"%s\"",
						row + 1, c->name),
				 errdetail("Key and identifier columns are generated from the row number.")));
	if (tc->vk <= VK_INT8)
		return sampler_number_to_datum(tc, key, 0);
	snprintf(buf, sizeof(buf), INT64_FORMAT, row + 1);
	return InputFunctionCall(&tc->inflinfo, buf,
							 tc->typioparam, tc->typmod);
}

/* a fresh version 4 uuid, unique per row by a keyed permutation of its number */
static inline Datum
draw_uuid(TargetCol *tc, int64 row)
{
	pg_uuid_t  *u = palloc(sizeof(pg_uuid_t));

	sd_key_uuid(tc->uuid_key, (uint64) row, u->data);
	if (tc->vk == VK_UUID)
		return UUIDPGetDatum(u);
	return InputFunctionCall(&tc->inflinfo,
							 DatumGetCString(DirectFunctionCall1(uuid_out, UUIDPGetDatum(u))),
							 tc->typioparam, tc->typmod);
}

static void
draw_row(Sampler *s, int64 row, Datum *values, bool *nulls)
{
	Model	   *m = s->m;
	int			D = m->ndims;
	int			ii,
				i;

	/* a sequential table: the latent of row's step of its entity's history */
	if (s->seq != NULL)
		sd_seq_latent(s->seq, row, s->attempt, s->z);
	else
		sd_draw_normal_array(&s->rng, s->e, D);
	if (s->fk_groups)
		s->fk_salt = sd_rng_u64(&s->rng);
	if (s->country_col >= 0)
		s->country_u = sd_rng_uniform(&s->rng);

	if (s->seq == NULL)
		latent_from_normals(s, D);
	if (m->mst != NULL)
		sd_mst_draw(m, &s->rng, s->z);
	if (s->pcond != NULL)
		roles_condition_apply(s, row);
	if (s->korder != NULL)
		key_order_apply(s, row);
	if (s->cons != NULL)
		cons_row_start(s);
	if (s->seq != NULL)
		sd_seq_seed_orderings(s->seq);

	for (ii = 0; ii < s->natts; ii++)
	{
		TargetCol  *tc;
		ModelCol   *c;

		/* earlier columns of orderings and determinants first */
		i = s->cons != NULL ? s->cons->order[ii] : ii;
		tc = &s->tc[i];

		nulls[i] = true;
		values[i] = (Datum) 0;
		if (tc->mcol < 0)
			continue;
		/* an entity key or order value the sequence writes (sd_seq_fill) */
		if (s->seq != NULL && sd_seq_supplies(s->seq, i))
			continue;
		c = &m->cols[tc->mcol];
		if (tc->from_default)
		{
			values[i] = tc->constant;
			nulls[i] = false;
			continue;
		}
		if (draw_null(s, tc, c))
			continue;
		nulls[i] = false;
		if (tc->fk != NULL)
		{
			/* a foreign key: one of the parent's keys */
			values[i] = roles_draw_parent(s, tc, row);
			continue;
		}
		switch (c->kind)
		{
			case MK_CONTINUOUS:
				if (!draw_continuous(s, i, tc, c, &values[i]))
					nulls[i] = true;
				break;
			case MK_CATEGORICAL:
				values[i] = draw_categorical(s, i, tc, c);
				break;
			case MK_FORMAT:
				values[i] = draw_format(s, tc, c, row);
				break;
			case MK_IMAGE:
				values[i] = image_generate(c->image, &tc->rng);
				break;
			case MK_XML:
				resetStringInfo(&s->strbuf);
				xml_generate(c->xml, &tc->rng, &s->strbuf);
				values[i] = InputFunctionCall(&tc->inflinfo, s->strbuf.data,
											  tc->typioparam, tc->typmod);
				break;
			case MK_DERIVED:
				nulls[i] = true;	/* derived_fill computes it from the row */
				break;
			case MK_TEXT:
				values[i] = draw_text(s, tc, c, row);
				break;
			case MK_SEQUENCE:
				values[i] = draw_sequence(tc, c, row);
				break;
			case MK_UUID:
				values[i] = draw_uuid(tc, row);
				break;
			case MK_CONSTANT:
				values[i] = tc->constant;
				break;
			case MK_NULL:
				nulls[i] = true;
				break;
			case MK_ARRAY:
				values[i] = sampler_random_array(tc, c);
				break;
			case MK_DOCUMENT:
				values[i] = sampler_random_document(tc, c);
				break;
			case MK_RANGE:
				values[i] = sampler_random_range(tc, c);
				break;
		}
	}
	if (s->seq != NULL)
		sd_seq_fill(s->seq, row, values, nulls);
	if (s->copies)
		roles_copy_parent_columns(s, values, nulls);
	if (s->derived != NULL)
		derived_fill(s->derived, values, nulls);
	if (s->generated != NULL)
		generated_fill(s->generated, s->tupdesc, values, nulls);
}

/* a number of the model's scale as a value of the column's type */
Datum
sampler_number_datum(TargetCol *tc, double v)
{
	return sampler_number_to_datum(tc, v, 0);
}

/* the guard's hashes of a row's key */
void
row_guard_hashes(Sampler *s, Datum *values, bool *nulls, uint64 *h1, uint64 *h2)
{
	int			g;

	resetStringInfo(&s->keybuf);
	for (g = 0; g < s->nguard; g++)
	{
		int			i = s->guard_att[g];
		TargetCol  *tc = &s->tc[i];
		ModelCol   *c = &s->m->cols[tc->mcol];

		if (vk_is_number(c->vk))
		{
			double		x = 0;
			bool		null = nulls[i];

			if (!null && !datum_to_double(tc->vk, values[i], &x))
				null = true;
			row_key_add_number(&s->keybuf, null, x);
		}
		else
		{
			const char *str = NULL;
			int			len = 0;

			if (!nulls[i])
				datum_to_string(tc->vk, values[i], tc->typoutput, &str, &len);
			row_key_add_string(&s->keybuf, nulls[i],
							   nulls[i] ? 0 : sd_hash_key(str, len));
		}
	}
	row_key_hashes(&s->keybuf, h1, h2);
}

/* which of the row's guarded columns are NULL, as a hash */
static uint64
guard_null_pattern(const Sampler *s, const bool *nulls)
{
	uint64		h = 0;
	int			g;

	for (g = 0; g < s->nguard; g++)
		if (s->guard_att[g] < 0 || nulls[s->guard_att[g]])
			h ^= sd_mix64((uint64) g + 1);
	return h;
}

/*
 * The exact-copy guard the sampler tests rows against: bloom, of bits bits,
 * and per model column (example_free, or NULL) whether the guard's scan
 * found no source value of it at an example domain.  Every fake email and
 * domain is at one (sd_fake_at_example_domain), so a row whose fake email
 * is, in a column where no source row's is, equals no source row: it need
 * not be hashed and tested (row_unlike_source).  On the production table
 * of the benchmark that spares 92% of the rows, all but those whose email
 * is NULL.  Each way to the rows (a fit's own guard, a guard pass before
 * synth_sample, the parallel fill's workers) counts the same values, so
 * they draw the same rows.
 */
void
sampler_use_guard(Sampler *s, uint8 *bloom, uint64 bits, const bool *example_free,
				  const bool *restrict_by)
{
	int			i;

	s->bloom = bloom;
	s->bloom_bits = bits;
	s->nguard_example = 0;
	s->nguard_restrict = 0;
	s->guard_example_att = MemoryContextAlloc(GetMemoryChunkContext(s),
											  sizeof(int) * Max(s->natts, 1));
	s->guard_restrict_att = MemoryContextAlloc(GetMemoryChunkContext(s),
											   sizeof(int) * Max(s->natts, 1));
	for (i = 0; i < s->natts; i++)
	{
		TargetCol  *tc = &s->tc[i];

		if (tc->mcol < 0 || roles_guard_skips(s->m, &s->m->cols[tc->mcol]))
			continue;
		if (example_free != NULL && example_free[tc->mcol] &&
			(tc->fake == SD_FAKE_EMAIL || tc->fake == SD_FAKE_DOMAIN))
			s->guard_example_att[s->nguard_example++] = i;
		if (restrict_by != NULL && restrict_by[tc->mcol])
			s->guard_restrict_att[s->nguard_restrict++] = i;
	}
}

/*
 * True if one of the row's n attributes atts holds a value that is (at:
 * true) or is not (false) at an example domain; NULLs are neither.
 */
static bool
row_any_at_example(Sampler *s, Datum *values, bool *nulls, const int *atts, int n,
				   bool at)
{
	int			g;

	for (g = 0; g < n; g++)
	{
		int			i = atts[g];
		const char *str;
		int			len;

		if (nulls[i])
			continue;
		datum_to_string(s->tc[i].vk, values[i], s->tc[i].typoutput, &str, &len);
		if (sd_fake_at_example_domain(str, len) == at)
			return true;
	}
	return false;
}

/*
 * True if the row holds a value at an example domain in a column no source
 * value of which is at one: it equals no source row (sampler_use_guard).
 */
bool
row_unlike_source(Sampler *s, Datum *values, bool *nulls)
{
	return row_any_at_example(s, values, nulls, s->guard_example_att,
							  s->nguard_example, true);
}

/*
 * True if the row holds, in a column the guard is restricted by
 * (guard_restricts), a value neither NULL nor at an example domain: the
 * guard does not hold the source rows of such values, so the row cannot be
 * tested and is redrawn.  The column's values are fake emails, all at
 * example domains, so no row is.
 */
bool
row_beyond_guard(Sampler *s, Datum *values, bool *nulls)
{
	return row_any_at_example(s, values, nulls, s->guard_restrict_att,
							  s->nguard_restrict, false);
}

/* true if the row equals a source row on every guarded column (or may) */
static bool
row_in_guard(Sampler *s, Datum *values, bool *nulls)
{
	uint64		h1,
				h2;

	if (!sampler_guarded(s) || guard_exempt(s, nulls) ||
		(s->guard_fills_only && !row_text_filled(s, nulls)) ||
		row_unlike_source(s, values, nulls))
		return false;
	if (row_beyond_guard(s, values, nulls))
		return true;
	row_guard_hashes(s, values, nulls, &h1, &h2);
	return sd_bloom_test(s->bloom, s->bloom_bits, h1, h2);
}

/*
 * Row "row": draws until a draw passes the target's CHECK constraints and,
 * with guard, the exact-copy guard.  Without guard it stops at the first
 * draw that passes the constraints, which is the row itself unless the
 * guard then rejects it: clone_fill_direct tests a batch of such draws
 * against the guard together and calls again, with guard, for the few it
 * rejects, which repeats the same draws and goes on from there.
 *
 * A draw the guard rejects is drawn again with the same guarded columns
 * NULL (for half the attempts, then with any): the rows a small domain
 * makes copies of are redrawn among their own kind, and the NULL shares
 * stay the model's.  Redrawn with any NULLs, they landed on the rows the
 * guard lets through, those whose informative columns are all NULL (a
 * number NULL in half the source rows came out NULL in 64%).
 */
void
sampler_row_ex(Sampler *s, int64 row, Datum *values, bool *nulls, bool guard)
{
	int			attempt,
				i;
	bool		keep_nulls = false;
	uint64		want_nulls = 0;

	sd_rng_seek(&s->rng, (uint64) row);
	for (i = 0; i < s->natts; i++)
		if (s->tc[i].uses_rng)
			sd_rng_seek(&s->tc[i].rng, (uint64) row);
	sd_rng_fill(s->row_rngs, s->nrow_rngs);
	for (attempt = 0; attempt < MAX_REDRAWS; attempt++)
	{
		s->attempt = attempt;
		s->fake_seed = attempt == 0 ? s->seed :
			sd_mix64(s->seed ^ ((uint64) attempt * UINT64CONST(0x9E3779B97F4A7C15)));
		draw_row(s, row, values, nulls);
		if (s->checker != NULL &&
			(s->failed_check = sd_checker_check(s->checker, values, nulls)) >= 0)
		{
			s->redraws++;
			continue;
		}
		if (keep_nulls && attempt < MAX_REDRAWS / 2 &&
			guard_null_pattern(s, nulls) != want_nulls)
		{
			s->redraws++;
			continue;
		}
		if (!guard || !row_in_guard(s, values, nulls))
			return;
		if (!keep_nulls)
		{
			keep_nulls = true;
			want_nulls = guard_null_pattern(s, nulls);
		}
		s->redraws++;
	}
	if (s->failed_check >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("could not draw row " INT64_FORMAT " satisfying check constraint \"%s\" of relation \"%s\" in %d attempts",
						row, s->table->checks[s->failed_check].name, s->relname,
						MAX_REDRAWS),
				 errdetail("The model rarely produces values that satisfy %s.",
						   s->table->checks[s->failed_check].text),
				 errhint("Fit the model on a table with the same constraint, or relax it.")));
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("could not draw row " INT64_FORMAT " unlike every source row in %d attempts",
					row, MAX_REDRAWS),
			 errdetail("The table has too few distinct value combinations to avoid copying source rows."),
			 errhint("Set option \"exact_copy_guard\" to false to allow copies.")));
}

void
sampler_row(Sampler *s, int64 row, Datum *values, bool *nulls)
{
	sampler_row_ex(s, row, values, nulls, true);
}
