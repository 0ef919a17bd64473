/*-------------------------------------------------------------------------
 *
 * fit_partial.c
 *		Partial fits that travel between servers: synth_fit_partial (the
 *		fit's scan state of the rows a server holds, as bytes), and
 *		synth_fit_merge and its aggregate form (the model of the union).
 *
 * The fit's scan (pass 1 of fit_agg.c) is a mergeable summary whose value
 * depends only on the multiset of rows: counts, dyadic histograms,
 * category counts, HyperLogLog registers and a bottom-k sample by a hash
 * of each row's key or values (Cohen and Kaplan 2007, "Summarizing data
 * using bottom-k sketches": the k smallest priorities of a union are the k
 * smallest of the parts' k smallest).  Merging the states of any split of
 * a table, in any order, gives the state of one scan of the whole table,
 * and the rest of the fit (the copula's pass over the sample, the
 * marginals) runs on the merged state: the model is the same, byte for
 * byte.
 *
 * A state that travels is untrusted input.  Its envelope:
 *
 *	"SDFP", version (2 bytes), flags (2 bytes, 0), CRC-32C of the rest,
 *	server encoding, the table's schema and name, its columns (name,
 *	typmod, NOT NULL, key flag), and the fit state, written in the
 *	portable form of fit_state_io.c: types by name, no OID, no function, the
 *	sampled rows as their values' binary send forms (read back with the
 *	types' receive functions, which check them).
 *
 * Every field is read with its bounds checked, histograms and sketches
 * are checked to be ones a scan could make, and any error while reading
 * one becomes "invalid partial fit state" (22023).
 *
 * A partial state holds a sample of real rows: it is as sensitive as the
 * table it comes from (synth_fit_partial reads the table as the caller).
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fit_partial.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

#include "mb/pg_wchar.h"
#include "port/pg_crc32c.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#define PARTIAL_MAGIC "SDFP"
#define PARTIAL_VERSION 3
#define PARTIAL_HEADER 12		/* magic, version, flags, CRC */
#define PARTIAL_NAME_MAX (4 * NAMEDATALEN + 64)	/* a qualified type name */

/* what synth_fit_partial asks of fit_scan: run a pass, keep its state */
typedef struct PartialCapture
{
	bool		active;
	int			pass;			/* PASS_MARGINALS or PASS_GUARD */
	int64		guard_bits;		/* -1: as the fit decides */
	Jsonb	   *key_flags;		/* column -> 1 (key) or 2 (member of one); NULL: the table's */
	bytea	   *result;
} PartialCapture;

/* what synth_fit_merge hands fit_model: a table described by the states */
typedef struct MergeSource
{
	bool		active;
	TupleDesc	tupdesc;
	char	   *is_key;
	char	   *schema;
	char	   *table;
	bytea	   *cfg;			/* the portable configuration of the states */
	FitState   *state;			/* their merge */
} MergeSource;

static PartialCapture capture;
static MergeSource merge_source;

/* a partial state read from bytes */
typedef struct PartialInfo
{
	char	   *schema;
	char	   *table;
	int			ncols;
	char	   *cols;			/* the column section, to compare states */
	int			cols_len;
	char	  **names;
	int32	   *typmods;
	bool	   *notnull;
	char	   *is_key;
	bytea	   *cfg;
	FitState   *state;
} PartialInfo;

/* ---------------------------------------------------------------------
 * Names and values
 * ---------------------------------------------------------------------
 */

static void
partial_send_name(StringInfo buf, const char *s)
{
	int			len = strlen(s);

	pq_sendint32(buf, len);
	pq_sendbytes(buf, s, len);
}

/* a name of at most PARTIAL_NAME_MAX bytes, valid in the server encoding */
static char *
partial_get_name(StringInfo buf)
{
	int			len = (int) pq_getmsgint(buf, 4);
	const char *p;

	if (len < 0 || len > PARTIAL_NAME_MAX)
		elog(ERROR, "name of %d bytes", len);
	p = pq_getmsgbytes(buf, len);
	if (memchr(p, '\0', len) != NULL || !pg_verifymbstr(p, len, true))
		elog(ERROR, "name is not valid text");
	return pnstrdup(p, len);
}

/* a type given by name in a portable configuration, resolved here */
Oid
partial_type_by_name(StringInfo buf)
{
	char	   *name = partial_get_name(buf);
	Oid			typid;
	int32		typmod;

	parseTypeString(name, &typid, &typmod, true);
	if (!OidIsValid(typid))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid partial fit state"),
				 errdetail("Type \"%s\" does not exist on this server.", name)));
	/* only a type a table column can have */
	if (get_typtype(typid) == TYPTYPE_PSEUDO || !get_typisdefined(typid))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid partial fit state"),
				 errdetail("Type \"%s\" cannot be the type of a column.", name)));
	return typid;
}

void
partial_send_type(StringInfo buf, Oid typid)
{
	partial_send_name(buf, format_type_extended(typid, -1, FORMAT_TYPE_FORCE_QUALIFY));
}

/* a sampled row as its values' binary send forms */
void
partial_write_record(StringInfo buf, FitState *st, int i)
{
	TupleDesc	desc = st->sample_desc;
	HeapTupleData tuple;
	Datum	   *values = palloc(sizeof(Datum) * desc->natts);
	bool	   *isnull = palloc(sizeof(bool) * desc->natts);
	int			a;

	tuple.t_data = sample_record(st, i);
	tuple.t_len = HeapTupleHeaderGetDatumLength(tuple.t_data);
	ItemPointerSetInvalid(&(tuple.t_self));
	tuple.t_tableOid = InvalidOid;
	heap_deform_tuple(&tuple, desc, values, isnull);
	for (a = 0; a < desc->natts; a++)
	{
		Oid			typsend;
		bool		varlena;
		bytea	   *b;

		pq_sendbyte(buf, isnull[a]);
		if (isnull[a])
			continue;
		if (st->cfg->cols[a].vk == VK_STRING)
		{
			/* a long text is kept as its summary key: raw bytes */
			text	   *t = DatumGetTextPP(values[a]);

			pq_sendint32(buf, VARSIZE_ANY_EXHDR(t));
			pq_sendbytes(buf, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
			continue;
		}
		getTypeBinaryOutputInfo(TupleDescAttr(desc, a)->atttypid, &typsend, &varlena);
		b = OidSendFunctionCall(typsend, values[a]);
		pq_sendint32(buf, VARSIZE(b) - VARHDRSZ);
		pq_sendbytes(buf, VARDATA(b), VARSIZE(b) - VARHDRSZ);
		pfree(b);
	}
	pfree(values);
	pfree(isnull);
}

/*
 * A text value of a sampled row: valid text of the server encoding without
 * NUL, or the summary key of a longer text (sd_freq_key: a prefix cut at
 * any byte, NUL, a hex digest).
 */
static text *
string_value(const char *p, int len)
{
	if (sd_freq_key_is_digest(p, len))
	{
		int			i;

		for (i = SD_FREQ_PREFIX + 1; i < len; i++)
			if (!isxdigit((unsigned char) p[i]))
				elog(ERROR, "bad text digest");
	}
	else if (len > SD_FREQ_MAXKEY || memchr(p, '\0', len) != NULL ||
			 !pg_verifymbstr(p, len, true))
		elog(ERROR, "value is not valid text");
	return cstring_to_text_with_len(p, len);
}

/* ... read back with the types' receive functions, which check the bytes */
void
partial_read_record(StringInfo buf, FitState *st, uint64 prio, int64 weight)
{
	TupleDesc	desc = st->sample_desc;
	Datum	   *values = palloc(sizeof(Datum) * desc->natts);
	bool	   *isnull = palloc(sizeof(bool) * desc->natts);
	HeapTupleHeader r;
	int			a;

	for (a = 0; a < desc->natts; a++)
	{
		int			flag = pq_getmsgbyte(buf);
		int			len;
		StringInfoData vbuf;
		Oid			typrecv,
					ioparam;

		if (flag > 1)
			elog(ERROR, "bad NULL flag");
		isnull[a] = flag == 1;
		values[a] = (Datum) 0;
		if (isnull[a])
			continue;
		len = (int) pq_getmsgint(buf, 4);
		if (len < 0 || len > buf->len - buf->cursor)
			elog(ERROR, "value of %d bytes", len);
		if (st->cfg->cols[a].vk == VK_STRING)
		{
			values[a] = PointerGetDatum(string_value(pq_getmsgbytes(buf, len), len));
			continue;
		}
		initStringInfo(&vbuf);
		appendBinaryStringInfo(&vbuf, pq_getmsgbytes(buf, len), len);
		getTypeBinaryInputInfo(TupleDescAttr(desc, a)->atttypid, &typrecv, &ioparam);
		values[a] = OidReceiveFunctionCall(typrecv, &vbuf, ioparam, -1);
		if (vbuf.cursor != vbuf.len)
			elog(ERROR, "value with trailing bytes");
		pfree(vbuf.data);
	}
	r = toast_build_flattened_tuple(desc, values, isnull)->t_data;
	sample_offer(st, prio, r, HeapTupleHeaderGetDatumLength(r), weight);
}

/* the configuration, in the portable form (the same on every server) */
bytea *
config_portable(const FitConfig *cfg)
{
	StringInfoData buf;
	bytea	   *b;

	initStringInfo(&buf);
	fit_portable_io = true;
	PG_TRY();
	{
		config_write(&buf, cfg);
	}
	PG_FINALLY();
	{
		fit_portable_io = false;
	}
	PG_END_TRY();
	b = palloc(VARHDRSZ + buf.len);
	SET_VARSIZE(b, VARHDRSZ + buf.len);
	memcpy(VARDATA(b), buf.data, buf.len);
	pfree(buf.data);
	return b;
}

static bool
bytea_equal(const bytea *a, const bytea *b)
{
	return VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
		memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0;
}

/* ---------------------------------------------------------------------
 * The envelope
 * ---------------------------------------------------------------------
 */

static pg_crc32c
partial_crc(const char *data, int len)
{
	pg_crc32c	crc;

	INIT_CRC32C(crc);
	COMP_CRC32C(crc, data, len);
	FIN_CRC32C(crc);
	return crc;
}

/* the state of a scan, with the table's description, as bytes that travel */
static bytea *
partial_envelope(FitState *st, const Model *m, const char *is_key)
{
	StringInfoData buf;
	bytea	   *inner,
			   *saved = st->cfg_raw,
			   *out;
	int			i;

	if (st->cfg->whole_row)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("cannot make a partial fit of \"%s\"", m->table),
				 errdetail("Partial fits take tables of at most %d columns.", FIT_COLUMNS_MAX)));
	st->cfg_raw = config_portable(st->cfg);
	fit_portable_io = true;
	PG_TRY();
	{
		inner = fit_state_serialize(st);
	}
	PG_FINALLY();
	{
		fit_portable_io = false;
		st->cfg_raw = saved;
	}
	PG_END_TRY();

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, PARTIAL_MAGIC, 4);
	pq_sendint16(&buf, PARTIAL_VERSION);
	pq_sendint16(&buf, 0);
	pq_sendint32(&buf, 0);		/* the CRC, below */
	pq_sendint32(&buf, GetDatabaseEncoding());
	partial_send_name(&buf, m->schema);
	partial_send_name(&buf, m->table);
	pq_sendint32(&buf, m->ncols);
	for (i = 0; i < m->ncols; i++)
	{
		partial_send_name(&buf, m->cols[i].name);
		pq_sendint32(&buf, m->cols[i].typmod);
		pq_sendbyte(&buf, m->cols[i].notnull);
		pq_sendbyte(&buf, is_key[m->cols[i].attidx]);
	}
	pq_sendint32(&buf, VARSIZE_ANY_EXHDR(inner));
	pq_sendbytes(&buf, VARDATA_ANY(inner), VARSIZE_ANY_EXHDR(inner));
	{
		pg_crc32c	crc = partial_crc(buf.data + PARTIAL_HEADER, buf.len - PARTIAL_HEADER);
		uint32		n = pg_hton32(crc);

		memcpy(buf.data + 8, &n, 4);
	}
	out = palloc(VARHDRSZ + buf.len);
	SET_VARSIZE(out, VARHDRSZ + buf.len);
	memcpy(VARDATA(out), buf.data, buf.len);
	pfree(buf.data);
	return out;
}

static void
bad_partial(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid partial fit state"),
			 errdetail("%s", detail),
			 errhint("Pass states made by synth_fit_partial() of this version.")));
}

/* the envelope's fields, after its header was checked */
static void
partial_read(StringInfo buf, PartialInfo *pi)
{
	int			start,
				len,
				i;
	bytea	   *inner;

	if ((int) pq_getmsgint(buf, 4) != GetDatabaseEncoding())
		elog(ERROR, "the state was made in another server encoding");
	pi->schema = partial_get_name(buf);
	pi->table = partial_get_name(buf);
	start = buf->cursor;
	pi->ncols = (int) pq_getmsgint(buf, 4);
	if (pi->ncols < 0 || pi->ncols > FIT_COLUMNS_MAX)
		elog(ERROR, "%d columns", pi->ncols);
	pi->names = palloc0(sizeof(char *) * Max(pi->ncols, 1));
	pi->typmods = palloc0(sizeof(int32) * Max(pi->ncols, 1));
	pi->notnull = palloc0(sizeof(bool) * Max(pi->ncols, 1));
	pi->is_key = palloc0(sizeof(char) * Max(pi->ncols, 1));
	for (i = 0; i < pi->ncols; i++)
	{
		int			nn,
					k;

		pi->names[i] = partial_get_name(buf);
		if (strlen(pi->names[i]) == 0 || strlen(pi->names[i]) >= NAMEDATALEN)
			elog(ERROR, "bad column name");
		for (k = 0; k < i; k++)
			if (strcmp(pi->names[k], pi->names[i]) == 0)
				elog(ERROR, "column \"%s\" given twice", pi->names[i]);
		pi->typmods[i] = (int32) pq_getmsgint(buf, 4);
		if (pi->typmods[i] < -1)
			elog(ERROR, "bad type modifier");
		nn = pq_getmsgbyte(buf);
		k = pq_getmsgbyte(buf);
		if (nn > 1 || k > 2)
			elog(ERROR, "bad column flags");
		pi->notnull[i] = nn;
		pi->is_key[i] = (char) k;
	}
	pi->cols_len = buf->cursor - start;
	pi->cols = palloc(pi->cols_len);
	memcpy(pi->cols, buf->data + start, pi->cols_len);
	len = (int) pq_getmsgint(buf, 4);
	if (len < 4 || len != buf->len - buf->cursor)
		elog(ERROR, "fit state of %d bytes", len);
	inner = palloc(VARHDRSZ + len);
	SET_VARSIZE(inner, VARHDRSZ + len);
	memcpy(VARDATA(inner), pq_getmsgbytes(buf, len), len);
	fit_portable_io = true;
	pi->state = fit_state_deserialize(inner);
	fit_portable_io = false;
	pi->cfg = pi->state->cfg_raw;
	if (pi->state->cfg->whole_row || pi->state->cfg->ncols != pi->ncols ||
		(pi->state->cfg->pass != PASS_MARGINALS && pi->state->cfg->pass != PASS_GUARD))
		elog(ERROR, "the fit state does not match the columns");
}

/*
 * Reads a partial state: the header and checksum first, then every field
 * (a failure of any check, or of a type's receive function, is reported
 * as "invalid partial fit state"; a cancel stays a cancel).
 */
static void
partial_open_info(bytea *raw, PartialInfo *pi)
{
	StringInfoData buf;
	uint32		crc;
	MemoryContext cxt = CurrentMemoryContext;

	memset(pi, 0, sizeof(PartialInfo));
	buf.data = VARDATA_ANY(raw);
	buf.len = VARSIZE_ANY_EXHDR(raw);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	if (buf.len < PARTIAL_HEADER || memcmp(buf.data, PARTIAL_MAGIC, 4) != 0)
		bad_partial("The value is not a partial fit state.");
	buf.cursor = 4;
	if (pq_getmsgint(&buf, 2) != PARTIAL_VERSION)
		bad_partial("The state is of another format version.");
	if (pq_getmsgint(&buf, 2) != 0)
		bad_partial("The state has unknown flags.");
	crc = pq_getmsgint(&buf, 4);
	if (crc != partial_crc(buf.data + PARTIAL_HEADER, buf.len - PARTIAL_HEADER))
		bad_partial("The state's checksum does not match its contents.");
	PG_TRY();
	{
		partial_read(&buf, pi);
	}
	PG_CATCH();
	{
		ErrorData  *ed;

		fit_portable_io = false;
		MemoryContextSwitchTo(cxt);
		ed = CopyErrorData();
		if (ERRCODE_TO_CATEGORY(ed->sqlerrcode) == ERRCODE_OPERATOR_INTERVENTION ||
			ed->sqlerrcode == ERRCODE_OUT_OF_MEMORY ||
			ed->sqlerrcode == ERRCODE_INVALID_PARAMETER_VALUE)
			PG_RE_THROW();
		FlushErrorState();
		bad_partial(ed->message);
	}
	PG_END_TRY();
}

FitState *
partial_open(bytea *raw, bytea **cfg_portable)
{
	PartialInfo pi;

	partial_open_info(raw, &pi);
	*cfg_portable = pi.cfg;
	return pi.state;
}

/* ---------------------------------------------------------------------
 * The fit's scan, as synth_fit_partial and synth_fit_merge see it
 * ---------------------------------------------------------------------
 */

/*
 * The scan of fit_model: for synth_fit_partial, the pass asked for, kept
 * as bytes (NULL returned: the fit stops there); for synth_fit_merge, the
 * merged states (whose configuration must be the one this fit would use:
 * the same columns and options); else the table's own scan, shard by
 * shard for a table whose partitions live on other servers.
 */
FitState *
fit_scan(FitContext *fc, FitConfig *cfg, const Model *m, const char *is_key,
		 const char *what)
{
	if (capture.active)
	{
		FitConfig	c = *cfg;
		FitState   *st;

		/* a partial state merges with others: it holds every row's chance */
		c.sample_cut = 0;
		if (capture.guard_bits >= 0)
			c.bloom_bits = capture.guard_bits;
		if (capture.pass == PASS_GUARD)
		{
			c.pass = PASS_GUARD;
			c.sample_max = 0;
			c.sample_budget = 0;
			if (c.bloom_bits == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("option \"pass\" \"guard\" needs option \"guard_bits\"")));
		}
		st = run_fit_pass(fc, &c, what);
		capture.result = partial_envelope(st, m, is_key);
		return NULL;
	}
	if (merge_source.active)
	{
		if (!bytea_equal(config_portable(cfg), merge_source.cfg))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("partial fit states do not match the merge's options"),
					 errdetail("The states were made with other fit options (category_cap, columns, exact_copy_guard) or of other columns."),
					 errhint("Give synth_fit_merge() the options given to synth_fit_partial().")));
		return merge_source.state;
	}
	return shard_fit_scan(fc, cfg, m, is_key, what);
}

/* fit_model's table when synth_fit_merge runs it */
bool
partial_merge_source(TupleDesc *tupdesc, char **is_key, char **schema, char **table)
{
	if (!merge_source.active)
		return false;
	*tupdesc = merge_source.tupdesc;
	*is_key = merge_source.is_key;
	*schema = pstrdup(merge_source.schema);
	*table = pstrdup(merge_source.table);
	return true;
}

/* ---------------------------------------------------------------------
 * SQL functions
 * ---------------------------------------------------------------------
 */

/* options of synth_fit_partial that are not the fit's own */
static Jsonb *
partial_options(Jsonb *opts)
{
	int64		iv;
	const char *pass;

	capture.pass = PASS_MARGINALS;
	capture.guard_bits = -1;
	capture.key_flags = NULL;
	if (opts == NULL)
		return NULL;
	if (sd_opt_int(opts, "guard_bits", 0, INT64CONST(1) << 28, &iv))
	{
		if (iv != 0 && (iv < (1 << 16) || (iv & (iv - 1)) != 0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"guard_bits\" must be 0 or a power of 2 from 2^16 to 2^28"),
					 errdetail("guard_bits is " INT64_FORMAT ".", iv)));
		capture.guard_bits = iv;
	}
	capture.key_flags = sd_opt_object(opts, "key_flags");
	pass = sd_opt_text(opts, "pass");
	if (pass != NULL && strcmp(pass, "guard") == 0)
		capture.pass = PASS_GUARD;
	else if (pass != NULL && strcmp(pass, "scan") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"pass\" must be \"scan\" or \"guard\""),
				 errdetail("pass is \"%s\".", pass)));
	opts = DatumGetJsonbP(DirectFunctionCall2(jsonb_delete, JsonbPGetDatum(opts),
											  CStringGetTextDatum("guard_bits")));
	opts = DatumGetJsonbP(DirectFunctionCall2(jsonb_delete, JsonbPGetDatum(opts),
											  CStringGetTextDatum("key_flags")));
	return DatumGetJsonbP(DirectFunctionCall2(jsonb_delete, JsonbPGetDatum(opts),
											  CStringGetTextDatum("pass")));
}

/*
 * Option "key_flags" of synth_fit_partial: the key columns a coordinator
 * found on its partitioned table (which, with foreign partitions, has no
 * unique index of its own), in place of the shard's own indexes, so that
 * every shard samples rows by the same priority.
 */
void
partial_key_flags(TupleDesc tupdesc, char *is_key)
{
	int			i;

	if (!capture.active || capture.key_flags == NULL)
		return;
	for (i = 0; i < tupdesc->natts; i++)
	{
		int64		v = 0;

		is_key[i] = 0;
		if (!TupleDescAttr(tupdesc, i)->attisdropped &&
			sd_opt_int(capture.key_flags, NameStr(TupleDescAttr(tupdesc, i)->attname), 0, 2, &v))
			is_key[i] = (char) v;
	}
}

/*
 * synth_fit_partial(source regclass, options jsonb) returns bytea
 *		The fit's scan state of the rows of source (as the caller), as bytes
 *		that synth_fit_merge() reads on any server of the same version.
 */
PG_FUNCTION_INFO_V1(synth_fit_partial);
Datum
synth_fit_partial(PG_FUNCTION_ARGS)
{
	Jsonb	   *opts;
	FitOptions	fo;
	bytea	   *result;

	sd_arg_not_null(fcinfo, 0, "source");
	opts = partial_options(arg_options(fcinfo, 1));
	parse_fit_options(opts, &fo);
	if (fo.sample_percent > 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("option \"sample_percent\" cannot be used with a partial fit"),
				 errdetail("A table sample depends on where rows lie, so partial samples would not merge into the sample of the whole table.")));
	capture.active = true;
	capture.result = NULL;
	PG_TRY();
	{
		(void) fit_model(PG_GETARG_OID(0), opts,
						 sd_extension_namespace(), false);
	}
	PG_FINALLY();
	{
		capture.active = false;
	}
	PG_END_TRY();
	result = capture.result;
	capture.result = NULL;
	if (result == NULL)
		elog(ERROR, "partial fit produced no state");
	PG_RETURN_BYTEA_P(result);
}

/* states merged so far, and the first state's description */
typedef struct MergeAcc
{
	MemoryContext cxt;
	PartialInfo ref;
	int			nstates;
	Jsonb	   *options;		/* the aggregate's: the same in every row */
	bool		options_null;
} MergeAcc;

static void
merge_add(MergeAcc *acc, bytea *raw)
{
	PartialInfo pi;
	MemoryContext old = MemoryContextSwitchTo(acc->cxt);

	partial_open_info(raw, &pi);
	if (acc->nstates == 0)
	{
		acc->ref = pi;
		/* a fresh state, then every state merged into it */
		fit_portable_io = true;
		PG_TRY();
		{
			acc->ref.state = fit_state_create(pi.cfg);
		}
		PG_FINALLY();
		{
			fit_portable_io = false;
		}
		PG_END_TRY();
	}
	else
	{
		if (!bytea_equal(pi.cfg, acc->ref.cfg) || pi.cols_len != acc->ref.cols_len ||
			memcmp(pi.cols, acc->ref.cols, pi.cols_len) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("partial fit states of different tables or options cannot be merged"),
					 errdetail("State %d has other columns, types or fit options than the first.",
							   acc->nstates + 1)));
		/* the model is named after the smallest name: the same in any order */
		if (strcmp(pi.schema, acc->ref.schema) < 0 ||
			(strcmp(pi.schema, acc->ref.schema) == 0 && strcmp(pi.table, acc->ref.table) < 0))
		{
			acc->ref.schema = pi.schema;
			acc->ref.table = pi.table;
		}
	}
	if (pi.state->cfg->pass != PASS_MARGINALS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("partial fit state %d is not of a scan", acc->nstates + 1),
				 errdetail("Only states made with option \"pass\" \"scan\" make a model.")));
	fit_state_merge(acc->ref.state, pi.state);
	acc->nstates++;
	MemoryContextSwitchTo(old);
}

/*
 * Option "table" of synth_fit_merge: the name of the model's table
 * ("name" or "schema.name"), else the smallest of the states' names.
 */
static Jsonb *
merge_name_option(MergeAcc *acc, Jsonb *options)
{
	char	   *name = options ? sd_opt_text(options, "table") : NULL;
	List	   *parts;

	if (name == NULL)
		return options;
	parts = stringToQualifiedNameList(name);
	if (list_length(parts) == 2)
	{
		acc->ref.schema = pstrdup(strVal(linitial(parts)));
		acc->ref.table = pstrdup(strVal(lsecond(parts)));
	}
	else if (list_length(parts) == 1)
		acc->ref.table = pstrdup(strVal(linitial(parts)));
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"table\" must be a table name, qualified or not"),
				 errdetail("table is \"%s\".", name)));
	return DatumGetJsonbP(DirectFunctionCall2(jsonb_delete, JsonbPGetDatum(options),
											  CStringGetTextDatum("table")));
}

/* the model of the merged states, by fit_model on the table they describe */
static Jsonb *
merge_finish(MergeAcc *acc, Jsonb *options, Oid nsp)
{
	Jsonb	   *volatile opts;
	TupleDesc	desc;
	Model	   *m;
	int			i;

	if (acc->nstates == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("no partial fit state to merge")));
	if (options != NULL)
		options = merge_name_option(acc, partial_options(options));
	if (capture.pass != PASS_MARGINALS || capture.guard_bits >= 0 || capture.key_flags != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("options \"pass\", \"guard_bits\" and \"key_flags\" are for synth_fit_partial() only")));
	desc = CreateTemplateTupleDesc(acc->ref.ncols);
	for (i = 0; i < acc->ref.ncols; i++)
	{
		TupleDescInitEntry(desc, (AttrNumber) (i + 1), acc->ref.names[i],
						   acc->ref.state->cfg->cols[i].typid, acc->ref.typmods[i], 0);
		TupleDescAttr(desc, i)->attnotnull = acc->ref.notnull[i];
	}
	merge_source.tupdesc = desc;
	merge_source.is_key = acc->ref.is_key;
	merge_source.schema = acc->ref.schema;
	merge_source.table = acc->ref.table;
	merge_source.cfg = acc->ref.cfg;
	merge_source.state = acc->ref.state;
	merge_source.active = true;
	opts = options;
	PG_TRY();
	{
		m = fit_model(InvalidOid, opts, nsp, false);
	}
	PG_FINALLY();
	{
		merge_source.active = false;
	}
	PG_END_TRY();
	return model_to_jsonb(m);
}

/*
 * synth_fit_merge(states bytea[], options jsonb) returns jsonb
 *		The model of the union of the rows of partial fit states: the model
 *		synth_fit(options) gives of those rows in one table.
 */
PG_FUNCTION_INFO_V1(synth_fit_merge);
Datum
synth_fit_merge(PG_FUNCTION_ARGS)
{
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	MergeAcc	acc;

	sd_arg_not_null(fcinfo, 0, "states");
	arr = PG_GETARG_ARRAYTYPE_P(0);
	deconstruct_array(arr, BYTEAOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	memset(&acc, 0, sizeof(acc));
	acc.cxt = CurrentMemoryContext;
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("partial fit state %d is NULL", i + 1)));
		merge_add(&acc, DatumGetByteaPP(elems[i]));
	}
	PG_RETURN_JSONB_P(merge_finish(&acc, arg_options(fcinfo, 1),
								   sd_extension_namespace()));
}

/*
 * _synth_fit_merge_trans(internal, state bytea, options jsonb) returns internal
 *		Transition of the aggregate synth_fit_merge(state, options): merges
 *		each state as it comes (memory: one state, whatever their number).
 */
PG_FUNCTION_INFO_V1(_synth_fit_merge_trans);
Datum
_synth_fit_merge_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	MergeAcc   *acc;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "_synth_fit_merge_trans called in non-aggregate context");
	if (PG_ARGISNULL(0))
	{
		acc = MemoryContextAllocZero(aggcontext, sizeof(MergeAcc));
		acc->cxt = aggcontext;
	}
	else
		acc = (MergeAcc *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(acc);
	if (acc->nstates == 0)
	{
		acc->options_null = PG_ARGISNULL(2);
		if (!acc->options_null)
		{
			Jsonb	   *o = PG_GETARG_JSONB_P(2);

			acc->options = MemoryContextAlloc(aggcontext, VARSIZE(o));
			memcpy(acc->options, o, VARSIZE(o));
		}
	}
	else if (PG_ARGISNULL(2) != acc->options_null ||
			 (!acc->options_null &&
			  !bytea_equal((bytea *) PG_GETARG_JSONB_P(2), (bytea *) acc->options)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("options of synth_fit_merge() must be the same in every row")));
	merge_add(acc, PG_GETARG_BYTEA_PP(1));
	PG_RETURN_POINTER(acc);
}

/* _synth_fit_merge_final(internal, state bytea, options jsonb) returns jsonb */
PG_FUNCTION_INFO_V1(_synth_fit_merge_final);
Datum
_synth_fit_merge_final(PG_FUNCTION_ARGS)
{
	MergeAcc   *acc;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "_synth_fit_merge_final called in non-aggregate context");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	acc = (MergeAcc *) PG_GETARG_POINTER(0);
	PG_RETURN_JSONB_P(merge_finish(acc, acc->options,
								   sd_extension_namespace()));
}
