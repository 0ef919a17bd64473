/*-------------------------------------------------------------------------
 *
 * fit_config.c
 *		The fit aggregate's configuration: the layout of the copula's sums,
 *		the wire format synth_fit writes it in (config_write), and its reading
 *		back, every field checked (config_read), with the checks of the call
 *		of the transition function that brought it.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fit_config.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

/*
 * Cells per category of a category x continuous pair: count, score sum and
 * sum of squares; for a category column that may condition a continuous
 * one (at most PARENT_CATEGORY_MAX categories) also, per slice of F(x), the
 * count and the sums of F(x) and of its square.
 */

void
config_layout(FitConfig *cfg)
{
	int			D = cfg->ndims,
				a,
				b;
	int64		off = 0;

	cfg->dim_ncat = palloc0(sizeof(int) * Max(D, 1));
	cfg->offset = palloc(sizeof(int64) * Max(D * D, 1));
	for (a = 0; a < cfg->ncols; a++)
	{
		ColConfig  *c = &cfg->cols[a];

		if (c->null_dim >= 0)
			cfg->dim_ncat[c->null_dim] = 2;
		if (c->value_dim >= 0)
			cfg->dim_ncat[c->value_dim] = c->mode == DM_CONTINUOUS ? 0 : c->ncat;
	}
	for (a = 0; a < D; a++)
		for (b = 0; b < D; b++)
		{
			int			na = cfg->dim_ncat[a],
						nb = cfg->dim_ncat[b];

			cfg->offset[a * D + b] = -1;
			if (a > b)
				continue;
			if (a == b)
			{
				if (na > 0)
				{
					cfg->offset[a * D + b] = off;
					off += na;
				}
				continue;
			}
			cfg->offset[a * D + b] = off;
			if (na == 0 && nb == 0)
				off += 6;
			else if (na > 0 && nb > 0)
				off += (int64) na * nb;
			else
				off += (int64) dc_stride(na > 0 ? na : nb) * (na > 0 ? na : nb);
		}
	cfg->ncells = off;
}

void
config_write(StringInfo buf, const FitConfig *cfg)
{
	int			i,
				j;

	pq_sendint32(buf, cfg->pass);
	pq_sendint32(buf, cfg->ncols);
	pq_sendint32(buf, cfg->freq_cap);
	pq_sendint64(buf, cfg->bloom_bits);
	pq_sendint32(buf, cfg->sample_max);
	pq_sendint64(buf, cfg->sample_budget);
	/* a cut is the local scan's alone: other servers sample every row */
	pq_sendint64(buf, fit_portable_io ? 0 : (int64) cfg->sample_cut);
	pq_sendbyte(buf, cfg->whole_row);
	pq_sendint32(buf, cfg->ndims);
	for (i = 0; i < cfg->ncols; i++)
	{
		const ColConfig *c = &cfg->cols[i];

		pq_sendint32(buf, c->attidx);

		/*
		 * XXX: outside partial fits the type goes by OID, so a Citus worker
		 * whose user-defined types have other OIDs would refuse the
		 * aggregate's configuration (README, Scale-out, Citus).
		 */
		if (fit_portable_io)
			partial_send_type(buf, c->typid);
		else
			pq_sendint32(buf, c->typid);
		pq_sendint32(buf, c->vk);
		pq_sendint32(buf, fit_portable_io ? InvalidOid : c->typoutput);
		pq_sendbyte(buf, c->in_guard);
		pq_sendbyte(buf, c->guard_restrict);
		pq_sendbyte(buf, c->in_priority);
		pq_sendbyte(buf, c->count_only);
		pq_sendbyte(buf, c->count_distinct);
		pq_sendbyte(buf, c->count_children);
		pq_sendint32(buf, c->null_dim);
		pq_sendint32(buf, c->value_dim);
		pq_sendint32(buf, c->mode);
		if (c->mode == DM_CONTINUOUS)
			for (j = 0; j < GRID_POINTS; j++)
				pq_sendfloat8(buf, c->grid[j]);
		else if (c->mode == DM_DISCRETE_NUM || c->mode == DM_DISCRETE_TEXT)
		{
			pq_sendint32(buf, c->ncat);
			pq_sendint32(buf, c->catmap.nitems);
			for (j = 0; j < c->catmap.nitems; j++)
			{
				pq_sendint64(buf, c->catmap.items[j].count);
				pq_sendint32(buf, c->catmap.items[j].len);
				pq_sendbytes(buf, c->catmap.items[j].key, c->catmap.items[j].len);
			}
		}
	}
}

/*
 * Reading a configuration back.  It arrives as the aggregate's first
 * argument, from synth_fit's own query, but the aggregate can be called by
 * anyone with any bytes: every field is read with its bounds checked and
 * must be one the fit can write.  The value kind and the output function
 * of a column are not taken from the bytes: they are derived again from
 * the column's type, and a configuration that says otherwise is refused;
 * _synth_fit_trans then checks that type against its argument's.
 */
#define CONFIG_CAP_MAX 100000	/* option category_cap's largest value */
#define CONFIG_NCAT_MAX (1 << 20)	/* categories of a copula dimension */
#define CONFIG_CELLS_MAX ((int64) (64 * 1024 * 1024 / sizeof(int128)))	/* the copula's sums */

void
bad_config(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid fit configuration"),
			 errdetail("%s", detail),
			 errhint("The fit aggregate is internal to synth_fit(); call that instead.")));
}

/* an integer field of 1, 4 or 8 bytes (4: signed) within [lo, hi] */
static int64
config_int(StringInfo buf, int bytes, int64 lo, int64 hi, const char *what)
{
	int64		v;

	if (bytes > buf->len - buf->cursor)
		bad_config("The configuration is truncated.");
	if (bytes == 8)
		v = pq_getmsgint64(buf);
	else if (bytes == 4)
		v = (int32) pq_getmsgint(buf, 4);
	else
		v = pq_getmsgbyte(buf);
	if (v < lo || v > hi)
		bad_config(psprintf("Field \"%s\" is out of range.", what));
	return v;
}

static Oid
config_oid(StringInfo buf)
{
	if (4 > buf->len - buf->cursor)
		bad_config("The configuration is truncated.");
	return (Oid) pq_getmsgint(buf, 4);
}

static FitConfig *
config_read(StringInfo buf)
{
	FitConfig  *cfg = palloc0(sizeof(FitConfig));
	int			i,
				j;

	cfg->pass = config_int(buf, 4, PASS_MARGINALS, PASS_GUARD, "pass");
	cfg->ncols = config_int(buf, 4, 0, MaxTupleAttributeNumber, "columns");
	cfg->freq_cap = config_int(buf, 4, cfg->pass == PASS_MARGINALS ? 2 : 0,
							   CONFIG_CAP_MAX, "category cap");
	cfg->bloom_bits = config_int(buf, 8, 0, INT64CONST(1) << 28, "guard bits");
	if (cfg->bloom_bits != 0 &&
		(cfg->bloom_bits < (UINT64CONST(1) << 16) ||
		 (cfg->bloom_bits & (cfg->bloom_bits - 1)) != 0))
		bad_config("The guard's bits must be a power of 2 from 2^16 to 2^28.");
	if (cfg->pass == PASS_GUARD && cfg->bloom_bits == 0)
		bad_config("A guard pass needs a guard.");
	cfg->sample_max = config_int(buf, 4, 0,
								 cfg->pass == PASS_MARGINALS ? DEPENDENCE_SAMPLE_ROWS : 0,
								 "sample rows");
	cfg->sample_budget = config_int(buf, 8, 0, DEPENDENCE_SAMPLE_BYTES, "sample bytes");
	/* any priority is a cut: it only sets which rows the sample considers */
	cfg->sample_cut = (uint64) config_int(buf, 8, PG_INT64_MIN, PG_INT64_MAX, "sample cut");
	cfg->whole_row = config_int(buf, 1, 0, 1, "whole row");
	cfg->ndims = config_int(buf, 4, 0,
							cfg->pass == PASS_DEPENDENCE ? 2 * cfg->ncols : 0,
							"dimensions");
	cfg->cols = palloc0(sizeof(ColConfig) * Max(cfg->ncols, 1));
	for (i = 0; i < cfg->ncols; i++)
	{
		ColConfig  *c = &cfg->cols[i];
		int			dim_max = cfg->pass == PASS_DEPENDENCE ? cfg->ndims - 1 : -1;
		bool		varlena;
		Oid			typoutput;

		c->attidx = config_int(buf, 4, cfg->whole_row ? 0 : i,
							   cfg->whole_row ? MaxTupleAttributeNumber - 1 : i,
							   "column position");
		c->typid = fit_portable_io ? partial_type_by_name(buf) : config_oid(buf);
		if (!SearchSysCacheExists1(TYPEOID, ObjectIdGetDatum(c->typid)))
			bad_config(psprintf("Type %u of column %d does not exist.", c->typid, i + 1));
		c->vk = value_kind_of(c->typid);
		getTypeOutputInfo(c->typid, &c->typoutput, &varlena);
		if (config_int(buf, 4, PG_INT32_MIN, PG_INT32_MAX, "value kind") != c->vk)
			bad_config(psprintf("The value kind of column %d is not that of its type.", i + 1));
		typoutput = config_oid(buf);
		if (fit_portable_io && typoutput == InvalidOid)
			typoutput = c->typoutput;	/* a portable state names no function */
		if (typoutput != c->typoutput)
			bad_config(psprintf("The output function of column %d is not that of its type.", i + 1));
		c->in_guard = config_int(buf, 1, 0, 1, "in guard");
		c->guard_restrict = config_int(buf, 1, 0, 1, "guard restrict");
		if (c->guard_restrict && (!c->in_guard || vk_is_number(c->vk)))
			bad_config("A column the guard is restricted by must be a text of the guard.");
		cfg->restricted |= c->guard_restrict;
		c->in_priority = config_int(buf, 1, 0, 1, "in priority");
		c->count_only = config_int(buf, 1, 0, 1, "count only");
		c->count_distinct = config_int(buf, 1, 0, 1, "count distinct");
		c->count_children = config_int(buf, 1, 0, 1, "count children");
		if (c->count_only && c->in_guard)
			bad_config("A column only counted cannot be part of the guard.");
		c->null_dim = config_int(buf, 4, -1, dim_max, "null dimension");
		c->value_dim = config_int(buf, 4, -1, dim_max, "value dimension");
		c->mode = config_int(buf, 4, DM_NONE,
							 cfg->pass == PASS_DEPENDENCE ? DM_DISCRETE_TEXT : DM_NONE,
							 "mode");
		if ((c->value_dim >= 0) != (c->mode != DM_NONE))
			bad_config("A column has a value dimension if and only if it has a mode.");
		if (c->mode == DM_CONTINUOUS)
		{
			c->grid = palloc(sizeof(double) * GRID_POINTS);
			if (8 * GRID_POINTS > buf->len - buf->cursor)
				bad_config("The configuration is truncated.");
			for (j = 0; j < GRID_POINTS; j++)
			{
				c->grid[j] = pq_getmsgfloat8(buf);
				if (isnan(c->grid[j]))
					bad_config("A quantile grid holds NaN.");
			}
		}
		else if (c->mode == DM_DISCRETE_NUM || c->mode == DM_DISCRETE_TEXT)
		{
			int			nitems;

			c->ncat = config_int(buf, 4, 2, CONFIG_NCAT_MAX, "categories");
			nitems = config_int(buf, 4, 0, c->ncat, "category keys");
			sd_freq_init(&c->catmap, Max(nitems, 1));
			for (j = 0; j < nitems; j++)
			{
				int64		idx = config_int(buf, 8, 1, c->ncat, "category");
				int			len = config_int(buf, 4, 0, SD_FREQ_MAXKEY, "key length");

				if (len > buf->len - buf->cursor)
					bad_config("The configuration is truncated.");
				sd_freq_add(&c->catmap, pq_getmsgbytes(buf, len), len, idx);
			}
			/* a key given twice would add up its categories */
			if (c->catmap.nitems != nitems)
				bad_config("A category key is given twice.");
		}
	}
	if (buf->cursor != buf->len)
		bad_config("The configuration has trailing bytes.");
	if (cfg->pass == PASS_DEPENDENCE)
	{
		config_layout(cfg);
		if (cfg->ncells > CONFIG_CELLS_MAX)
			bad_config("The copula's sums would be too large.");
	}
	return cfg;
}

FitConfig *
config_from_bytea(bytea *cfg_raw)
{
	StringInfoData buf;

	buf.data = VARDATA_ANY(cfg_raw);
	buf.len = VARSIZE_ANY_EXHDR(cfg_raw);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	return config_read(&buf);
}

/*
 * Checks a configuration against the call of the transition function that
 * brought it: a pass that scans rows, and columns of the configured types
 * as arguments, or one argument of a row type for a whole-row
 * configuration (whose columns fit_check_row checks against each row type
 * that comes).
 */
void
config_check_call(const FitConfig *cfg, FunctionCallInfo fcinfo)
{
	int			i;

	if (cfg->pass != PASS_MARGINALS && cfg->pass != PASS_GUARD)
		bad_config(psprintf("Pass %d does not scan rows.", cfg->pass));
	if (cfg->whole_row)
	{
		Oid			argtype;

		if (PG_NARGS() != FIT_ARGS + 1)
			bad_config("A whole-row configuration takes one row argument.");
		argtype = get_fn_expr_argtype(fcinfo->flinfo, FIT_ARGS);
		if (!OidIsValid(argtype) || !type_is_rowtype(argtype))
			bad_config("A whole-row configuration takes one row argument.");
		return;
	}
	if (PG_NARGS() != FIT_ARGS + cfg->ncols)
		bad_config(psprintf("The configuration has %d columns and the call %d.",
							cfg->ncols, PG_NARGS() - FIT_ARGS));
	for (i = 0; i < cfg->ncols; i++)
		if (get_fn_expr_argtype(fcinfo->flinfo, FIT_ARGS + i) != cfg->cols[i].typid)
			bad_config(psprintf("Column %d of the configuration is of type %s, its argument of type %s.",
								i + 1, format_type_be(cfg->cols[i].typid),
								format_type_be(get_fn_expr_argtype(fcinfo->flinfo, FIT_ARGS + i))));
}

/* the configuration's columns against a row type of a whole-row fit */
void
fit_check_row(const FitConfig *cfg, TupleDesc tupdesc)
{
	int			i;

	for (i = 0; i < cfg->ncols; i++)
	{
		int			a = cfg->cols[i].attidx;

		if (a >= tupdesc->natts || TupleDescAttr(tupdesc, a)->attisdropped ||
			TupleDescAttr(tupdesc, a)->atttypid != cfg->cols[i].typid)
			bad_config(psprintf("Column %d of the configuration does not match the row type %s.",
								i + 1, format_type_be(tupdesc->tdtypeid)));
	}
}
