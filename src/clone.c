/*-------------------------------------------------------------------------
 *
 * clone.c
 *		Anonymizing fitted-table cloning: synth_fit, synth_sample,
 *		synth_clone and synth_clone_table.
 *
 * A fit is one scan of a table, an aggregate query run through SPI as the
 * caller (so GRANTs and row-level security apply), _synth_fit_state(config,
 * columns...):
 *
 *	pass 1	per column NULL counts, a dyadic histogram (model.c), exact
 *			category counts up to 2 * cap distinct values (beyond that, the
 *			categories and histograms come from the sample, which does not
 *			depend on row order), HyperLogLog distinct counts, integer-ness and
 *			decimal scale, text shapes and lengths; the exact-copy guard; and a
 *			bottom-k sample of rows (at most DEPENDENCE_SAMPLE_ROWS);
 *	pass 2	once the marginals are known, the sampled rows are replayed in
 *			memory: normal scores of every copula dimension, and from them
 *			co-moment sums with pair counts, per-category score sums and
 *			category x category counts, held as 128-bit fixed-point integers so
 *			that partial states merge exactly, in any order.
 *
 * Tables, views and foreign tables alike are read once.
 *
 * The aggregate has combine/serialize/deserialize functions and is PARALLEL
 * SAFE, so PostgreSQL's parallel aggregation runs it on several workers.
 * Finalising turns the sums into latent correlations (Pearson on normal
 * scores; polyserial from per-category score means; two-step polychoric
 * from the contingency tables), orders text categories by the first
 * principal component of their mean scores, repairs the matrix with
 * Higham's nearest correlation matrix and writes the model as jsonb.
 *
 * Sampling draws, for row i, a latent normal vector from the copula with
 * the generator at counter row start + i, maps each coordinate through its
 * column's marginal, and redraws (further blocks of the same row) any row
 * that equals a source row on every non-key column (a Bloom filter of the
 * source rows, built during the fit's scan and never stored in the model).
 *
 * This file holds the value kinds and the SQL entry points (synth_fit,
 * synth_sample, synth_clone, the engine's math); the rest lives in:
 *	fit.c			roles, running the passes, fit_model
 *	fit_options.c	the fit's options and column overrides
 *	fit_sample.c	the summaries taken from the dependence sample
 *	fit_agg.c		the aggregate: state, passes, merge, its functions
 *	fit_config.c	the aggregate's configuration, read back and checked
 *	fit_state_io.c	a fit state's wire format (parallel and partial fits)
 *	fit_sample_keep.c	the dependence sample the scan keeps (bottom-k)
 *	marginal.c		each column's marginal
 *	copula.c		the dependence: orders, correlations, parents
 *	model_json.c	the model as jsonb, both ways
 *	sampler.c		drawing rows; the engine for other features (clone.h)
 *	guard.c			building the exact-copy guard at sampling time
 *	clone_fill.c	serial and parallel fill, synth_clone_table
 * with the shared declarations in clone_int.h.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/clone.c
 *
 *-------------------------------------------------------------------------
 */
#include "clone_int.h"
#include "sample_scan.h"

/* coltype.h's class of a column type (or domain), as cloning models it */
ValueKind
value_kind_of(Oid typid)
{
	return sd_col_type(getBaseType(typid));
}


/*
 * A numeric's value as a double without its text form, for the common case
 * of at most 15 significant digits: the digits make an exact integer M < 2^53
 * and the value is M times a power of ten up to 10^22, both exact, so one
 * IEEE multiplication or division rounds correctly, as strtod does on the
 * text.  Reads numeric's on-disk layout, unchanged since PostgreSQL 9.1: a
 * 16-bit header (short form: sign, display scale and a 7-bit weight; long
 * form: sign and display scale, then a 16-bit weight), then base-10000
 * digits.  False (the caller takes the text route) for anything else:
 * NaN, infinities, compressed or out-of-line values, more digits.
 */
static bool
numeric_to_double_fast(Datum d, double *out)
{
	static const double pow10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
	};
	struct varlena *v = (struct varlena *) DatumGetPointer(d);
	const char *p;
	int			len,
				ndigits,
				weight,
				e10,
				i;
	uint16		header;
	bool		neg;
	uint64		mant = 0;

	if (VARATT_IS_EXTENDED(v) && !VARATT_IS_SHORT(v))
		return false;
	p = VARDATA_ANY(v);
	len = VARSIZE_ANY_EXHDR(v);
	if (len < (int) sizeof(uint16))
		return false;
	memcpy(&header, p, sizeof(uint16));
	if ((header & 0xC000) == 0xC000)
		return false;			/* NaN or an infinity */
	if (header & 0x8000)
	{
		/* short form */
		neg = (header & 0x2000) != 0;
		weight = (header & 0x0040) ? (int) (header & 0x003F) - 64 : (int) (header & 0x003F);
		p += sizeof(uint16);
		len -= sizeof(uint16);
	}
	else
	{
		int16		w;

		if (len < (int) (2 * sizeof(uint16)))
			return false;
		neg = (header & 0xC000) == 0x4000;
		memcpy(&w, p + sizeof(uint16), sizeof(int16));
		weight = w;
		p += 2 * sizeof(uint16);
		len -= 2 * sizeof(uint16);
	}
	ndigits = len / (int) sizeof(int16);
	if (ndigits == 0)
	{
		*out = 0;
		return true;
	}
	if (ndigits > 4)
		return false;
	for (i = 0; i < ndigits; i++)
	{
		int16		digit;

		memcpy(&digit, p + i * sizeof(int16), sizeof(int16));
		mant = mant * 10000 + (uint64) digit;
	}
	if (mant > (UINT64CONST(1) << 53))
		return false;
	e10 = 4 * (weight - ndigits + 1);
	if (e10 > 22 || e10 < -22)
		return false;
	*out = e10 >= 0 ? (double) mant * pow10[e10] : (double) mant / pow10[-e10];
	if (neg)
		*out = -*out;
	return true;
}

/*
 * A money value's amount in currency units, at lc_monetary's decimals, as
 * money::numeric gives it: the number the clone and imputation model
 */
double
money_amount(Datum d)
{
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow,
											  DirectFunctionCall1(cash_numeric, d)));
}

/*
 * A finite numeric's display scale (the digits its text shows after the
 * point: 2 for 2.50), from the same header; -1 for NaN and the infinities.
 * Compressed or out-of-line values go through numeric_scale().
 */
int
numeric_display_scale(Datum d)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);
	uint16		header;

	if (VARATT_IS_EXTENDED(v) && !VARATT_IS_SHORT(v))
	{
		LOCAL_FCINFO(fcinfo, 1);
		Datum		r;

		InitFunctionCallInfoData(*fcinfo, NULL, 1, InvalidOid, NULL, NULL);
		fcinfo->args[0].value = d;
		fcinfo->args[0].isnull = false;
		r = numeric_scale(fcinfo);
		return fcinfo->isnull ? -1 : DatumGetInt32(r);
	}
	if (VARSIZE_ANY_EXHDR(v) < (int) sizeof(uint16))
		return -1;
	memcpy(&header, VARDATA_ANY(v), sizeof(uint16));
	if ((header & 0xC000) == 0xC000)
		return -1;				/* NaN or an infinity */
	if (header & 0x8000)
		return (header & 0x1F80) >> 7;	/* short form: 6 bits of scale */
	return header & 0x3FFF;
}

/* datum_to_double's other kinds of numbers (clone_int.h) */
bool
datum_to_double_other(ValueKind vk, Datum d, double *out)
{
	switch (vk)
	{
		case VK_FLOAT4:
			*out = DatumGetFloat4(d);
			return isfinite(*out);
		case VK_NUMERIC:
			{
				Numeric		num;

				if (numeric_to_double_fast(d, out))
					return true;
				num = DatumGetNumeric(d);
				if (numeric_is_nan(num) || numeric_is_inf(num))
					return false;
				*out = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow,
														  d));
				return isfinite(*out);
			}
		case VK_MONEY:
			*out = money_amount(d);
			return isfinite(*out);
		case VK_TIME:
			*out = (double) DatumGetTimeADT(d);
			return true;
		case VK_TIMETZ:
			*out = (double) DatumGetTimeTzADTP(d)->time;
			return true;
		case VK_INTERVAL:
			{
				Interval   *iv = DatumGetIntervalP(d);

				*out = ((double) iv->month * DAYS_PER_MONTH + iv->day) *
					(double) USECS_PER_DAY + (double) iv->time;
				return true;
			}
		case VK_BOOL:
			*out = DatumGetBool(d) ? 1 : 0;
			return true;
		default:
			elog(ERROR, "value kind %d is not a number", (int) vk);
	}
	return false;
}

/* the bytes of a string-like value: stored bytes for text types, else text form */
/*
 * A type's output function, looked up once per backend: the fit calls it
 * for every value of every non-text categorical column, and the jsonb form
 * of synth_clone for every value it emits, so OidOutputFunctionCall's
 * catalog look-up per call would sit on the hot path.  The FmgrInfos live
 * in TopMemoryContext, so whatever an output function caches in fn_extra
 * lives as long as they do.  A backend sees few distinct output functions;
 * past OUTPUT_CACHE_SIZE of them, calls simply look theirs up.
 */
#define OUTPUT_CACHE_SIZE 32

char *
output_function_call(Oid typoutput, Datum d)
{
	static FmgrInfo cache[OUTPUT_CACHE_SIZE];
	static int	ncached = 0;
	int			i;

	for (i = 0; i < ncached; i++)
		if (cache[i].fn_oid == typoutput)
			return OutputFunctionCall(&cache[i], d);
	if (ncached < OUTPUT_CACHE_SIZE)
	{
		fmgr_info_cxt(typoutput, &cache[ncached], TopMemoryContext);
		return OutputFunctionCall(&cache[ncached++], d);
	}
	return OidOutputFunctionCall(typoutput, d);
}

void
datum_to_string_other(ValueKind vk, Datum d, Oid typoutput, const char **s, int *len)
{
	Assert(vk != VK_STRING);
	if (typoutput == F_BYTEAOUT)
	{
		/* hex, whatever bytea_output says: the model must not depend on it */
		static const char digits[] = "0123456789abcdef";
		bytea	   *b = DatumGetByteaPP(d);
		const unsigned char *p = (const unsigned char *) VARDATA_ANY(b);
		int			n = VARSIZE_ANY_EXHDR(b),
					j;
		char	   *c = palloc(2 * (Size) n + 3);

		c[0] = '\\';
		c[1] = 'x';
		for (j = 0; j < n; j++)
		{
			c[2 + 2 * j] = digits[p[j] >> 4];
			c[3 + 2 * j] = digits[p[j] & 15];
		}
		c[2 + 2 * n] = '\0';
		*s = c;
		*len = 2 + 2 * n;
	}
	else
	{
		char	   *c = output_function_call(typoutput, d);

		*s = c;
		*len = strlen(c);
	}
}

/*
 * The category of categorical column c that a value (of value kind vk,
 * output function typoutput) is, or -1 if none: a number within 1e-9
 * (relative) of a numeric category, else the exact text of a label.
 */
int
model_category_of(const ModelCol *c, ValueKind vk, Oid typoutput, Datum v)
{
	int			j;

	if (c->numeric_cats)
	{
		double		x;

		if (!vk_is_number(vk) || !datum_to_double(vk, v, &x))
			return -1;
		for (j = 0; j < c->ncat; j++)
			if (fabs(c->cats[j].value - x) <= 1e-9 * Max(1, fabs(x)))
				return j;
	}
	else
	{
		const char *str;
		int			len;

		datum_to_string(vk, v, typoutput, &str, &len);
		for (j = 0; j < c->ncat; j++)
			if (c->cats[j].len == len && memcmp(c->cats[j].label, str, len) == 0)
				return j;
	}
	return -1;
}

/*
 * Decimal digits needed after the point, up to 7 (= more than 6), of a
 * value known to a relative precision tol
 */
int
decimal_scale_tol(double v, double tol)
{
	int			d;
	double		x = fabs(v);

	for (d = 0; d < 7; d++)
	{
		if (fabs(x - rint(x)) <= tol * Max(1.0, x))
			return d;
		x *= 10;
	}
	return 7;
}

/* decimal digits needed after the point of a double, up to 7 (= more than 6) */
int
decimal_scale(double v)
{
	return decimal_scale_tol(v, 1e-9);
}



/* shape of a string: letters -> A/a, digits -> 9, other bytes kept */
int
string_shape(const char *s, int len, char *shape)
{
	int			i,
				n = Min(len, SHAPE_MAX);

	for (i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 'A' && c <= 'Z')
			shape[i] = 'A';
		else if ((c >= 'a' && c <= 'z') || c >= 0x80)
			shape[i] = 'a';
		else if (c >= '0' && c <= '9')
			shape[i] = '9';
		else
			shape[i] = (char) c;
	}
	return n;
}

/*
 * The shape of a secret's value (sd_fake_name_is_secret): a hexadecimal
 * string (a digest, an API key) as 'x' per character (upper case: 'X'),
 * which draws a hex digit; any other value as string_shape gives it.  The
 * letters of ordinary shapes are all 'A' or 'a', so 'x' and 'X' are free.
 */
int
secret_shape(const char *s, int len, char *shape)
{
	int			i,
				n = Min(len, SHAPE_MAX);
	bool		lower = len > 0,
				upper = len > 0;

	for (i = 0; i < len; i++)
	{
		char		c = s[i];
		bool		digit = c >= '0' && c <= '9';

		lower &= digit || (c >= 'a' && c <= 'f');
		upper &= digit || (c >= 'A' && c <= 'F');
	}
	if (!lower && !upper)
		return string_shape(s, len, shape);
	memset(shape, lower ? 'x' : 'X', n);
	return n;
}

/* the relation behind NULL::t */
static Oid
target_relation(FunctionCallInfo fcinfo, int argno)
{
	Oid			argtype = get_fn_expr_argtype(fcinfo->flinfo, argno);
	Oid			relid = OidIsValid(argtype) ? typeidTypeRelid(argtype) : InvalidOid;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("first argument must be a table's row type"),
				 errhint("Pass NULL::table_name, as in synth_clone(NULL::patients, 1000).")));
	return relid;
}

/*
 * Sampling streams rows ValuePerCall: the first call fits (if needed) and
 * builds the guard, running and finishing its SPI queries; every later
 * call makes one row.  Memory stays constant whatever n is, and LIMIT stops
 * the generator early.
 */
typedef struct CloneRowsState
{
	Sampler    *sampler;
	Jsonb	   *mj;				/* the model, as parallel workers read it */
	TupleDesc	tupdesc;
	Oid			source;			/* the sampler's table */
	int64		next;
	int64		end;
	bool		as_jsonb;
	Datum	   *values;
	bool	   *nulls;
	MemoryContext rowcxt;
	FmgrInfo	to_jsonb;		/* as_jsonb: to_jsonb() of the row type */
	FillStream *stream;			/* under the streaming scan: workers' rows */
	FunctionCallInfo stream_fcinfo; /* the call, told when the stream ends */
} CloneRowsState;

/* called in the first call, in multi_call_memory_ctx */
static CloneRowsState *
clone_rows_start(FunctionCallInfo fcinfo, Model *m, Jsonb *mj, TupleDesc tupdesc,
				 Oid relid, int64 n, uint64 seed, int64 start, bool guard, bool as_jsonb)
{
	CloneRowsState *ss = palloc0(sizeof(CloneRowsState));
	Sampler    *s;

	s = sampler_create(m, tupdesc, relid, get_rel_name(relid), seed);
	/* the rows start .. start + n - 1 of one sample of start + n rows */
	sampler_set_rows(s, start + n);
	if (guard && m->guard != NULL)
		sampler_use_guard(s, m->guard, m->guard_bits, m->guard_example_free,
						  m->guard_restrict);
	else if (guard && n > 0)
		sampler_build_guard(s, sd_extension_namespace());
	ss->sampler = s;
	ss->mj = mj;
	ss->tupdesc = tupdesc;
	ss->source = relid;
	ss->next = start;
	ss->end = start + n;
	ss->as_jsonb = as_jsonb;
	ss->values = palloc(sizeof(Datum) * Max(tupdesc->natts, 1));
	ss->nulls = palloc(sizeof(bool) * Max(tupdesc->natts, 1));
	ss->rowcxt = AllocSetContextCreate(CurrentMemoryContext,
									   "synthdata sample row context",
									   ALLOCSET_DEFAULT_SIZES);
	if (as_jsonb)
	{
		/*
		 * The core's to_jsonb() renders the row, column by column as it
		 * renders any value of that type (a jsonb column as the document
		 * itself, arrays as arrays, composites as objects); it learns the
		 * argument's type from the call expression, so it gets one.
		 */
		FuncExpr   *call;

		call = makeFuncExpr(F_TO_JSONB, JSONBOID,
							list_make1(makeNullConst(tupdesc->tdtypeid, -1, InvalidOid)),
							InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL);
		fmgr_info(F_TO_JSONB, &ss->to_jsonb);
		fmgr_info_set_expr((Node *) call, &ss->to_jsonb);
	}
	return ss;
}

/* one row as a jsonb object, as to_jsonb() renders the table's row type */
static Datum
row_to_jsonb(CloneRowsState *ss)
{
	HeapTuple	tuple = heap_form_tuple(ss->tupdesc, ss->values, ss->nulls);

	return FunctionCall1(&ss->to_jsonb, HeapTupleGetDatum(tuple));
}

/*
 * All rows straight into a tuplestore, for a call in FROM (the shared
 * switch of sd_srf_wants_materialize and sd_srf_materialize_begin).  The rows,
 * their order and the constant memory (the tuplestore spills to disk past
 * work_mem) are the same as row by row.  Many rows are drawn by parallel
 * workers, as synth_clone_table's fill draws them (fill_tuplestore_parallel):
 * the same rows again.
 */
static Datum
clone_rows_materialize(FunctionCallInfo fcinfo, FuncCallContext *funcctx,
				   CloneRowsState *ss)
{
	MemoryContext callcxt = CurrentMemoryContext;
	Tuplestorestate *tupstore = sd_srf_materialize_begin(fcinfo);

	if (fill_tuplestore_parallel(ss->sampler, ss->mj, ss->tupdesc, ss->source,
								 ss->next, ss->end - ss->next, tupstore))
		ss->next = ss->end;
	else if (!sampler_guarded(ss->sampler))
	{
		while (ss->next < ss->end)
		{
			CHECK_FOR_INTERRUPTS();
			MemoryContextReset(ss->rowcxt);
			MemoryContextSwitchTo(ss->rowcxt);
			sampler_row(ss->sampler, ss->next++, ss->values, ss->nulls);
			MemoryContextSwitchTo(callcxt);
			tuplestore_putvalues(tupstore, ss->tupdesc, ss->values, ss->nulls);
		}
	}
	else
	{
		/*
		 * With the exact-copy guard, rows wait GUARD_LAG rows in a ring
		 * for their filter block, prefetched when they are drawn (as
		 * clone_fill_direct does), and go out in order.
		 */
		Sampler    *s = ss->sampler;
		int			natts = ss->tupdesc->natts,
					k;
		Datum	   *values = palloc(sizeof(Datum) * GUARD_LAG * Max(natts, 1));
		bool	   *nulls = palloc(sizeof(bool) * GUARD_LAG * Max(natts, 1));
		uint64		h1[GUARD_LAG],
					h2[GUARD_LAG];
		bool		unlike[GUARD_LAG],
					beyond[GUARD_LAG];
		MemoryContext cxt[GUARD_LAG];
		int64		first = ss->next,
					row;

		for (k = 0; k < GUARD_LAG; k++)
			cxt[k] = AllocSetContextCreate(ss->rowcxt, "synthdata guarded row",
										   ALLOCSET_SMALL_SIZES);
		for (row = first; row < ss->end + GUARD_LAG; row++)
		{
			k = (int) (row % GUARD_LAG);
			CHECK_FOR_INTERRUPTS();
			if (row - first >= GUARD_LAG)
			{
				/* row - GUARD_LAG: tested, drawn again if rejected, stored */
				Datum	   *v = values + k * natts;
				bool	   *n = nulls + k * natts;

				if (!unlike[k] &&
					(beyond[k] || sd_bloom_test(s->bloom, s->bloom_bits, h1[k], h2[k])))
				{
					MemoryContextSwitchTo(cxt[k]);
					sampler_row(s, row - GUARD_LAG, v, n);
				}
				MemoryContextSwitchTo(callcxt);
				tuplestore_putvalues(tupstore, ss->tupdesc, v, n);
			}
			if (row < ss->end)
			{
				MemoryContextReset(cxt[k]);
				MemoryContextSwitchTo(cxt[k]);
				sampler_row_ex(s, row, values + k * natts, nulls + k * natts, false);
				unlike[k] = row_unlike_source(s, values + k * natts, nulls + k * natts);
				beyond[k] = !unlike[k] &&
					row_beyond_guard(s, values + k * natts, nulls + k * natts);
				if (!unlike[k] && !beyond[k])
				{
					row_guard_hashes(s, values + k * natts, nulls + k * natts, &h1[k], &h2[k]);
					sd_bloom_prefetch(s->bloom, s->bloom_bits, h1[k]);
				}
				MemoryContextSwitchTo(callcxt);
			}
		}
		ss->next = ss->end;
	}
	if (ss->sampler->redraws > 0)
		elog(DEBUG1, "synthdata: " INT64_FORMAT " draws rejected (exact-copy guard or CHECK)",
			 ss->sampler->redraws);

	/* the sampler's memory goes now, not at the end of the scan */
	end_MultiFuncCall(fcinfo, funcctx);
	return (Datum) 0;
}

/*
 * Ends a stream of workers' rows: at its end, when the executor's run is
 * over (the call then goes on in the caller, from the next row), on rescan
 * or at the executor's end.
 */
static void
clone_stream_stop(void *arg)
{
	CloneRowsState *ss = (CloneRowsState *) arg;

	if (ss->stream != NULL)
	{
		ss->sampler->redraws += fill_stream_end(ss->stream);
		ss->stream = NULL;
		sample_scan_on_stop(ss->stream_fcinfo, NULL, NULL);
	}
}

static void
clone_stream_shutdown(Datum arg)
{
	clone_stream_stop(DatumGetPointer(arg));
}

/*
 * Under the streaming scan (sample_scan.c), a run that goes to its end has
 * parallel workers draw the rows while the scan passes them on; a cursor's
 * run fills a tuplestore first, as a FunctionScan has the call do; rows too
 * few for workers stream from here.
 */
static void
clone_stream_begin(FunctionCallInfo fcinfo, FuncCallContext *funcctx, CloneRowsState *ss)
{
	MemoryContext oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);

	ss->stream = fill_stream_begin(ss->sampler, ss->mj, ss->tupdesc, ss->source,
								   ss->next, ss->end - ss->next);
	MemoryContextSwitchTo(oldcxt);
	if (ss->stream != NULL)
	{
		ss->stream_fcinfo = fcinfo;
		RegisterExprContextCallback(((ReturnSetInfo *) fcinfo->resultinfo)->econtext,
									clone_stream_shutdown,
									PointerGetDatum(ss));
		sample_scan_on_stop(fcinfo, clone_stream_stop, ss);
	}
}

static Datum
clone_rows_next(FunctionCallInfo fcinfo)
{
	FuncCallContext *funcctx = SRF_PERCALL_SETUP();
	CloneRowsState *ss = (CloneRowsState *) funcctx->user_fctx;
	MemoryContext callcxt = CurrentMemoryContext;
	Datum		result;

	if (funcctx->call_cntr == 0 && !ss->as_jsonb && ss->stream == NULL)
	{
		bool		stream = sample_scan_streams_workers(fcinfo);

		if (sd_srf_wants_materialize(fcinfo) || (sample_scan_call(fcinfo) && !stream))
			return clone_rows_materialize(fcinfo, funcctx, ss);
		if (stream)
			clone_stream_begin(fcinfo, funcctx, ss);
	}
	if (ss->stream != NULL)
	{
		if (fill_stream_next(ss->stream, &result))
		{
			ss->next++;
			SRF_RETURN_NEXT(funcctx, result);
		}
		UnregisterExprContextCallback(((ReturnSetInfo *) fcinfo->resultinfo)->econtext,
									  clone_stream_shutdown,
									  PointerGetDatum(ss));
		clone_stream_stop(ss);
		ss->next = ss->end;
	}

	if (ss->next >= ss->end)
	{
		if (ss->sampler->redraws > 0)
			elog(DEBUG1, "synthdata: " INT64_FORMAT " draws rejected (exact-copy guard or CHECK)",
				 ss->sampler->redraws);
		SRF_RETURN_DONE(funcctx);
	}
	CHECK_FOR_INTERRUPTS();
	MemoryContextReset(ss->rowcxt);
	MemoryContextSwitchTo(ss->rowcxt);
	sampler_row(ss->sampler, ss->next++, ss->values, ss->nulls);
	/* the result is built in the caller's per-call context */
	MemoryContextSwitchTo(callcxt);
	if (ss->as_jsonb)
		result = row_to_jsonb(ss);
	else
		result = HeapTupleGetDatum(heap_form_tuple(ss->tupdesc, ss->values, ss->nulls));
	SRF_RETURN_NEXT(funcctx, result);
}

Jsonb *
arg_options(FunctionCallInfo fcinfo, int argno)
{
	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return NULL;
	return PG_GETARG_JSONB_P(argno);
}

/* n DEFAULT NULL: as many rows as the source */
int64
arg_count_or_null(FunctionCallInfo fcinfo, int argno, int64 dflt)
{
	if (PG_ARGISNULL(argno))
		return dflt;
	return sd_arg_count(fcinfo, argno);
}

/*
 * synth_fit(source regclass, options jsonb) returns jsonb
 *		Fits the model of a table: aggregates only, as the caller.
 */
PG_FUNCTION_INFO_V1(synth_fit);
Datum
synth_fit(PG_FUNCTION_ARGS)
{
	Model	   *m;

	sd_arg_not_null(fcinfo, 0, "source");
	m = fit_model(PG_GETARG_OID(0), arg_options(fcinfo, 1),
				  sd_extension_namespace(), false);
	PG_RETURN_JSONB_P(model_to_jsonb(m));
}

/*
 * The guard synth_clone_table built with its fit, handed to the
 * _synth_sample call of its INSERT (same backend, same call): set only
 * while that INSERT runs, matched by a one-time token.
 */
uint64 handoff_token = 0;
uint8 *handoff_guard = NULL;
uint64 handoff_guard_bits = 0;
bool *handoff_guard_example_free = NULL;
bool *handoff_guard_restrict = NULL;

/*
 * synth_sample(target anyelement, model jsonb, n bigint, seed bigint,
 *				start bigint[, guard bigint]) returns setof anyelement
 *		guard (internal form only): 0 = none, -1 = build it from the model's
 *		source, else the token of a guard handed over by synth_clone_table.
 *		Rows start .. start + n - 1 drawn from a model, typed like target.
 */
PG_FUNCTION_INFO_V1(synth_sample);
Datum
synth_sample(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
	{
		FuncCallContext *funcctx;
		MemoryContext oldcxt;
		Oid			relid = sd_check_relation(target_relation(fcinfo, 0),
											  "generate rows for");
		TupleDesc	tupdesc;
		Model	   *m;
		Jsonb	   *mj;
		int64		n,
					start;
		uint64		seed;
		int64		token = -1;

		sd_arg_not_null(fcinfo, 1, "model");
		n = sd_arg_count(fcinfo, 2);
		seed = sd_arg_seed(fcinfo, 3);
		start = sd_arg_start(fcinfo, 4, n);
		if (PG_NARGS() > 5 && !PG_ARGISNULL(5))
			token = PG_GETARG_INT64(5);

		funcctx = SRF_FIRSTCALL_INIT();
		oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "synth_sample must return a row type");
		tupdesc = BlessTupleDesc(tupdesc);
		mj = PG_GETARG_JSONB_P_COPY(1);
		m = model_from_jsonb(mj);
		if (token > 0 && handoff_guard != NULL && (uint64) token == handoff_token)
		{
			m->guard = handoff_guard;
			m->guard_bits = handoff_guard_bits;
			m->guard_example_free = handoff_guard_example_free;
			m->guard_restrict = handoff_guard_restrict;
		}
		funcctx->user_fctx = clone_rows_start(fcinfo, m, mj, tupdesc, relid, n, seed, start,
											  token != 0, false);
		MemoryContextSwitchTo(oldcxt);
	}
	return clone_rows_next(fcinfo);
}

/*
 * The model as stored: read back from its jsonb (*mj), with the exact-copy
 * guard built by its fit, which the jsonb does not hold.  Its rows are the
 * ones synth_sample draws from the stored model: numbers the jsonb rounds
 * (the time model's shares) are drawn from as rounded.
 */
Model *
model_as_stored(Model *m, Jsonb **mj)
{
	Model	   *stored;

	*mj = model_to_jsonb(m);
	stored = model_from_jsonb(*mj);
	stored->guard = m->guard;
	stored->guard_bits = m->guard_bits;
	stored->guard_example_free = m->guard_example_free;
	stored->guard_restrict = m->guard_restrict;
	return stored;
}

/*
 * The first call of synth_clone and synth_clone_jsonb (arguments: source,
 * n, options, seed): fits the source and starts sampling as many rows as
 * asked, typed as the call's row type or, as_jsonb, as the source's.
 */
static void
clone_first_call(FunctionCallInfo fcinfo, Oid relid, bool as_jsonb)
{
	Jsonb	   *options = arg_options(fcinfo, 2);
	FuncCallContext *funcctx;
	MemoryContext oldcxt;
	TupleDesc	tupdesc;
	FitOptions	fo;
	Model	   *m;
	Jsonb	   *mj;
	int64		n;
	uint64		seed;

	sd_check_relation(relid, "clone");
	parse_fit_options(options, &fo);
	if (!PG_ARGISNULL(1))
		(void) sd_arg_count(fcinfo, 1);
	seed = sd_arg_seed(fcinfo, 3);

	funcctx = SRF_FIRSTCALL_INIT();
	oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
	if (as_jsonb)
	{
		Relation	rel = relation_open(relid, AccessShareLock);

		tupdesc = CreateTupleDescCopy(RelationGetDescr(rel));
		relation_close(rel, AccessShareLock);
	}
	else
	{
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "synth_clone must return a row type");
		tupdesc = BlessTupleDesc(tupdesc);
	}
	m = fit_model(relid, options, sd_extension_namespace(), fo.guard);
	n = arg_count_or_null(fcinfo, 1, m->rows);
	/* the rows synth_sample draws from the model as stored, and synth_clone_table writes */
	m = model_as_stored(m, &mj);
	funcctx->user_fctx = clone_rows_start(fcinfo, m, mj, tupdesc, relid, n, seed, 0,
										  fo.guard, as_jsonb);
	MemoryContextSwitchTo(oldcxt);
}

/*
 * synth_clone(target anyelement, n bigint, options jsonb, seed bigint)
 *		returns setof anyelement
 *		Fit + sample: an anonymized copy of the table behind target.
 */
PG_FUNCTION_INFO_V1(synth_clone);
Datum
synth_clone(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
		clone_first_call(fcinfo, target_relation(fcinfo, 0), false);
	return clone_rows_next(fcinfo);
}

/*
 * synth_clone_jsonb(source text, n bigint, options jsonb, seed bigint)
 *		returns setof jsonb
 *		synth_clone('table', n): the row type is not known at parse time,
 *		so each row comes back as a jsonb object.
 */
PG_FUNCTION_INFO_V1(synth_clone_jsonb);
Datum
synth_clone_jsonb(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
	{
		List	   *names;
		Oid			relid;

		sd_arg_not_null(fcinfo, 0, "source");
		names = stringToQualifiedNameList(text_to_cstring(PG_GETARG_TEXT_PP(0)));
		relid = RangeVarGetRelid(makeRangeVarFromNameList(names), AccessShareLock, false);
		clone_first_call(fcinfo, relid, true);
	}
	return clone_rows_next(fcinfo);
}

/* ---------------------------------------------------------------------
 * The engine's math, callable from SQL (for checks and for users)
 * ---------------------------------------------------------------------
 */

/* a 2-D array's dimensions and its elements as doubles */
static double *
matrix_arg(ArrayType *arr, Oid elemtype, int *rows, int *cols)
{
	Datum	   *elems;
	bool	   *enulls;
	int			nelems,
				i;
	double	   *out;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (ARR_NDIM(arr) != 2)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("argument must be a two-dimensional array")));
	*rows = ARR_DIMS(arr)[0];
	*cols = ARR_DIMS(arr)[1];
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(arr, elemtype, typlen, typbyval, typalign, &elems, &enulls, &nelems);
	out = palloc(sizeof(double) * Max(nelems, 1));
	for (i = 0; i < nelems; i++)
	{
		if (enulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("array must not contain nulls")));
		out[i] = elemtype == INT8OID ? (double) DatumGetInt64(elems[i]) :
			DatumGetFloat8(elems[i]);
	}
	return out;
}

/*
 * synth_bvn_cdf(h float8, k float8, r float8) returns float8
 *		P(X < h, Y < k) for the standard bivariate normal with correlation r.
 */
PG_FUNCTION_INFO_V1(synth_bvn_cdf);
Datum
synth_bvn_cdf(PG_FUNCTION_ARGS)
{
	double		h = PG_GETARG_FLOAT8(0),
				k = PG_GETARG_FLOAT8(1),
				r = PG_GETARG_FLOAT8(2);

	if (isnan(h) || isnan(k))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bounds of a bivariate normal probability cannot be NaN"),
				 errdetail("h is %g and k is %g.", h, k)));
	if (!(r >= -1 && r <= 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("correlation must be between -1 and 1"),
				 errdetail("r is %g.", r)));
	/* + 0.0 turns a negative zero (r = -1) into zero */
	PG_RETURN_FLOAT8(sd_bvn_lower(h, k, r) + 0.0);
}

/*
 * synth_polychoric(counts bigint[][]) returns float8
 *		Two-step maximum-likelihood polychoric correlation of a contingency
 *		table of ordered categories.
 */
PG_FUNCTION_INFO_V1(synth_polychoric);
Datum
synth_polychoric(PG_FUNCTION_ARGS)
{
	int			rows,
				cols,
				i;
	double	   *t = matrix_arg(PG_GETARG_ARRAYTYPE_P(0), INT8OID, &rows, &cols);
	int64	   *c;

	if (rows < 2 || cols < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("contingency table must have at least two rows and two columns")));
	c = palloc(sizeof(int64) * rows * cols);
	for (i = 0; i < rows * cols; i++)
	{
		if (t[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("counts cannot be negative")));
		c[i] = (int64) t[i];
	}
	PG_RETURN_FLOAT8(sd_polychoric(c, rows, cols));
}

/*
 * synth_nearest_correlation(m float8[][]) returns float8[][]
 *		Higham's nearest correlation matrix to a symmetric matrix.
 */
PG_FUNCTION_INFO_V1(synth_nearest_correlation);
Datum
synth_nearest_correlation(PG_FUNCTION_ARGS)
{
	int			rows,
				cols,
				i,
				j;
	double	   *a = matrix_arg(PG_GETARG_ARRAYTYPE_P(0), FLOAT8OID, &rows, &cols);
	Datum	   *out;
	int			dims[2];
	int			lbs[2] = {1, 1};

	if (rows != cols || rows < 1 || rows > 1000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("matrix must be square with 1 to 1000 rows")));
	for (i = 0; i < rows; i++)
		for (j = 0; j < rows; j++)
			if (fabs(a[i * rows + j] - a[j * rows + i]) > 1e-12 || isnan(a[i * rows + j]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("matrix must be symmetric")));
	for (i = 0; i < rows; i++)
		a[i * rows + i] = 1;
	sd_nearest_correlation(a, rows, 1e-12, 1000);
	out = palloc(sizeof(Datum) * rows * rows);
	for (i = 0; i < rows * rows; i++)
		out[i] = Float8GetDatum(a[i]);
	dims[0] = dims[1] = rows;
	PG_RETURN_ARRAYTYPE_P(construct_md_array(out, NULL, 2, dims, lbs, FLOAT8OID,
											 sizeof(float8), FLOAT8PASSBYVAL,
											 TYPALIGN_DOUBLE));
}
