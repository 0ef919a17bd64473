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
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/clone.c
 *
 *-------------------------------------------------------------------------
 */
#include "clone_int.h"

ValueKind
value_kind_of(Oid typid)
{
	switch (getBaseType(typid))
	{
		case INT2OID:
			return VK_INT2;
		case INT4OID:
			return VK_INT4;
		case INT8OID:
			return VK_INT8;
		case FLOAT4OID:
			return VK_FLOAT4;
		case FLOAT8OID:
			return VK_FLOAT8;
		case NUMERICOID:
			return VK_NUMERIC;
		case DATEOID:
			return VK_DATE;
		case TIMEOID:
			return VK_TIME;
		case TIMETZOID:
			return VK_TIMETZ;
		case TIMESTAMPOID:
			return VK_TIMESTAMP;
		case TIMESTAMPTZOID:
			return VK_TIMESTAMPTZ;
		case INTERVALOID:
			return VK_INTERVAL;
		case BOOLOID:
			return VK_BOOL;
		case TEXTOID:
		case VARCHAROID:
		case BPCHAROID:
			return VK_STRING;
		case UUIDOID:
			return VK_UUID;
		default:
			return VK_OTHER;
	}
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
 * The number a value stands for (days for dates, microseconds for times,
 * timestamps and intervals, months counted as 30 days).  False for NaN and
 * infinities, which are treated like NULLs.
 */
bool
datum_to_double(ValueKind vk, Datum d, double *out)
{
	switch (vk)
	{
		case VK_INT2:
			*out = DatumGetInt16(d);
			return true;
		case VK_INT4:
			*out = DatumGetInt32(d);
			return true;
		case VK_INT8:
			*out = (double) DatumGetInt64(d);
			return true;
		case VK_FLOAT4:
			*out = DatumGetFloat4(d);
			return isfinite(*out);
		case VK_FLOAT8:
			*out = DatumGetFloat8(d);
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
		case VK_DATE:
			if (DATE_NOT_FINITE(DatumGetDateADT(d)))
				return false;
			*out = DatumGetDateADT(d);
			return true;
		case VK_TIME:
			*out = (double) DatumGetTimeADT(d);
			return true;
		case VK_TIMETZ:
			*out = (double) DatumGetTimeTzADTP(d)->time;
			return true;
		case VK_TIMESTAMP:
		case VK_TIMESTAMPTZ:
			if (TIMESTAMP_NOT_FINITE(DatumGetTimestamp(d)))
				return false;
			*out = (double) DatumGetTimestamp(d);
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
datum_to_string(ValueKind vk, Datum d, Oid typoutput, const char **s, int *len)
{
	if (vk == VK_STRING)
	{
		text	   *t = DatumGetTextPP(d);

		*s = VARDATA_ANY(t);
		*len = VARSIZE_ANY_EXHDR(t);
	}
	else if (typoutput == F_BYTEAOUT)
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

/* decimal digits needed after the point, up to 7 (= more than 6) */
int
decimal_scale(double v)
{
	int			d;
	double		x = fabs(v);

	for (d = 0; d < 7; d++)
	{
		if (fabs(x - rint(x)) <= 1e-9 * Max(1.0, x))
			return d;
		x *= 10;
	}
	return 7;
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


/* ---- options ------------------------------------------------------------ */

static const char *const fit_option_names[] = {
	"k", "category_cap", "sample_percent", "exact_copy_guard", "copula",
	"columns", NULL
};
static const char *const column_option_names[] = {"role", "pii_kind", NULL};

/* the text kinds of fake value a PII column can be given, for hints */
static const char *const *
pii_kind_names(void)
{
	static const char *names[SD_FAKE_NKINDS];
	int			n = 0,
				kind;

	if (names[0] == NULL)
	{
		for (kind = SD_FAKE_NONE + 1; kind < SD_FAKE_NKINDS; kind++)
			if (sd_fake_kind_type((SdFakeKind) kind) == SD_FAKE_TYPE_TEXT)
				names[n++] = sd_fake_kind_name((SdFakeKind) kind);
		names[n] = NULL;
	}
	return names;
}

/* errcontext of the options of one column */
static void
column_option_context(void *arg)
{
	errcontext("option \"columns\", column \"%s\"", (const char *) arg);
}

/*
 * The options of one column ({"role": ..., "pii_kind": ...}): every key
 * known, every value valid.  Applied to c when it is not NULL.
 */
static void
read_column_options(const char *name, JsonbValue *v, struct ModelCol *c)
{
	ErrorContextCallback cb;
	Jsonb	   *opts;
	int			role;
	char	   *kind;

	cb.callback = column_option_context;
	cb.arg = (void *) name;
	cb.previous = error_context_stack;
	error_context_stack = &cb;

	if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option for column \"%s\" must be a JSON object", name),
				 errhint("Valid options are: %s.", sd_opt_names(column_option_names))));
	opts = JsonbValueToJsonb(v);
	sd_opts_check(opts, column_option_names, psprintf("column \"%s\"", name));
	role = sd_opt_choice(opts, "role", role_name);
	kind = sd_opt_text(opts, "pii_kind");
	if (kind != NULL)
	{
		SdFakeKind	fk = sd_fake_kind_lookup(kind);

		if (fk == SD_FAKE_NONE || sd_fake_kind_type(fk) != SD_FAKE_TYPE_TEXT)
			sd_opt_invalid_value("pii_kind", kind, pii_kind_names());
		if (role >= 0 && role != ROLE_PII)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"pii_kind\" requires role \"pii\""),
					 errdetail("Column \"%s\" is given role \"%s\".", name, role_name[role]),
					 errhint("Leave out \"role\", or set it to \"pii\".")));
		/* the model names the kind as synth_fake_kinds() does */
		kind = (char *) sd_fake_kind_name(fk);
	}
	if (c != NULL)
	{
		if (kind != NULL && (vk_is_number(c->vk) || c->vk == VK_BOOL ||
							 c->vk == VK_INTERVAL || c->vk == VK_TIMETZ))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"pii_kind\" does not apply to column \"%s\" of type %s",
							name, c->type),
					 errdetail("A kind of fake value replaces text values."),
					 errhint("Give the column role \"pii\" or \"identifier\" without a kind.")));
		if (role >= 0)
		{
			c->role = (Role) role;
			c->role_forced = true;
			c->key_member = false;
			c->reason = "set by option";
			if (c->role != ROLE_PII)
				c->pii_kind = NULL;
		}
		if (kind != NULL)
		{
			c->pii_kind = kind;
			c->role = ROLE_PII;
			c->role_forced = true;
			c->reason = "set by option";
		}
	}
	error_context_stack = cb.previous;
}

/* every column's options, checked before the table is read (c NULL) */
static void
check_columns_option(Jsonb *columns)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *name = NULL;

	it = JsonbIteratorInit(&columns->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			name = pnstrdup(v.val.string.val, v.val.string.len);
		else if (tok == WJB_VALUE)
			read_column_options(name, &v, NULL);
	}
}

void
parse_fit_options(Jsonb *opts, FitOptions *fo)
{
	int64		iv;
	double		d;

	fo->k = SD_PRIVACY_K;
	fo->category_cap = 256;
	fo->sample_percent = 0;
	fo->guard = true;
	fo->copula = true;
	fo->columns = NULL;
	if (opts == NULL)
		return;
	sd_opts_check(opts, fit_option_names, NULL);
	if (sd_opt_int(opts, "k", 1, 1000000, &iv))
		fo->k = (int) iv;
	if (sd_opt_int(opts, "category_cap", 2, 100000, &iv))
		fo->category_cap = (int) iv;
	if (sd_opt_number(opts, "sample_percent", &d))
	{
		if (!(d > 0 && d <= 100))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"sample_percent\" must be greater than 0 and at most 100"),
					 errdetail("sample_percent is %g.", d)));
		fo->sample_percent = d < 100 ? d : 0;
	}
	sd_opt_bool(opts, "exact_copy_guard", &fo->guard);
	sd_opt_bool(opts, "copula", &fo->copula);
	if (sd_opt_value(opts, "columns") != NULL)
	{
		JsonbValue *v = sd_opt_value(opts, "columns");

		if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"columns\" must be a JSON object"),
					 errhint("Map column names to objects such as {\"role\": \"pii\", \"pii_kind\": \"email\"}.")));
		fo->columns = JsonbValueToJsonb(v);
		check_columns_option(fo->columns);
	}
}

/*
 * A child dimension that stands for its rank within the category of a
 * parent dimension: its correlations with the other dimensions become the
 * semipartial correlations given the parent, r(c,o | p) = (r_co - r_cp r_po)
 * / sqrt(1 - r_cp^2), kept inside (-0.995, 0.995), and it is made
 * uncorrelated with the parent itself.
 */
static void
rank_within_parent(double *R, int D, int child, int parent)
{
	double		rcp = R[child * D + parent],
				sq = sqrt(Max(1e-6, 1 - rcp * rcp));
	int			o;

	for (o = 0; o < D; o++)
	{
		double		v;

		if (o == child || o == parent)
			continue;
		v = (R[child * D + o] - rcp * R[parent * D + o]) / sq;
		v = Max(-0.995, Min(0.995, v));
		R[child * D + o] = R[o * D + child] = v;
	}
	R[child * D + parent] = R[parent * D + child] = 0;
}

/* ---- roles ------------------------------------------------------------- */

/*
 * PII by column name, through the fake-value generators' column inference
 * (fake.h): a kind whose values are text, for a text column.
 */
static const char *
pii_kind_from_name(const char *name)
{
	SdFakeKind	kind = sd_fake_kind_from_column(name);

	if (kind == SD_FAKE_NONE || sd_fake_kind_type(kind) != SD_FAKE_TYPE_TEXT)
		return NULL;
	/* words, sentences, paragraphs: free text, modelled by its lengths instead */
	if (kind == SD_FAKE_WORD || kind == SD_FAKE_SENTENCE || kind == SD_FAKE_PARAGRAPH)
		return NULL;
	return sd_fake_kind_name(kind);
}

/* PII by value pattern, from the column's shapes */
static const char *
pii_kind_from_shapes(const SdFreq *shapes, int64 count)
{
	int64		at = 0,
				ip = 0,
				phone = 0;
	int			i,
				j;

	for (i = 0; i < shapes->nitems; i++)
	{
		const SdFreqItem *it = &shapes->items[i];
		int			digits = 0,
					dots = 0,
					other = 0,
					ats = 0;

		for (j = 0; j < it->len; j++)
		{
			char		c = it->key[j];

			if (c == '9')
				digits++;
			else if (c == '.')
				dots++;
			else if (c == '@')
				ats++;
			else if (!(c == ' ' || c == '-' || c == '+' || c == '(' || c == ')'))
				other++;
		}
		if (ats == 1)
			at += it->count;
		if (dots == 3 && other == 0 && digits >= 4 && digits <= 12 &&
			memchr(it->key, ' ', it->len) == NULL)
			ip += it->count;
		else if (digits >= 7 && other == 0 && dots <= 3)
			phone += it->count;
	}
	if (at >= count / 2)
		return sd_fake_kind_name(SD_FAKE_EMAIL);
	if (ip >= count / 2)
		return sd_fake_kind_name(SD_FAKE_IPV4);
	if (phone >= count / 2)
		return sd_fake_kind_name(SD_FAKE_PHONE);
	return NULL;
}

/*
 * The fake kind of a network address type: a MAC address for macaddr and
 * macaddr8 (whose input takes six bytes too); for inet and cidr an IPv4
 * address when most shapes are dotted ones without a colon (networks with
 * a prefix length, which the shapes of pii_kind_from_shapes leave out), else
 * an IPv6 address.
 */
static const char *
pii_kind_from_type(Oid typid, const SdFreq *shapes, int64 count)
{
	int64		v4 = 0;
	int			i;

	switch (getBaseType(typid))
	{
		case MACADDROID:
		case MACADDR8OID:
			return sd_fake_kind_name(SD_FAKE_MAC);
		case INETOID:
		case CIDROID:
			for (i = 0; i < shapes->nitems; i++)
				if (memchr(shapes->items[i].key, '.', shapes->items[i].len) != NULL &&
					memchr(shapes->items[i].key, ':', shapes->items[i].len) == NULL)
					v4 += shapes->items[i].count;
			return sd_fake_kind_name(v4 >= count / 2 ? SD_FAKE_IPV4 : SD_FAKE_IPV6);
		default:
			return NULL;
	}
}

/* columns that are (the first column of) a unique index */
static void
mark_key_columns(Relation rel, char *is_key)
{
	List	   *indexes = RelationGetIndexList(rel);
	ListCell   *lc;

	foreach(lc, indexes)
	{
		Oid			indexoid = lfirst_oid(lc);
		HeapTuple	tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(indexoid));
		Form_pg_index idx;

		if (!HeapTupleIsValid(tup))
			continue;
		idx = (Form_pg_index) GETSTRUCT(tup);
		if (idx->indisunique && idx->indnkeyatts >= 1 &&
			idx->indkey.values[0] > 0 &&
			heap_attisnull(tup, Anum_pg_index_indpred, NULL))
		{
			int			k;

			/* 1: generated (unique by construction); 2: another key member */
			is_key[idx->indkey.values[0] - 1] = 1;
			for (k = 1; k < idx->indnkeyatts; k++)
				if (idx->indkey.values[k] > 0 && is_key[idx->indkey.values[k] - 1] == 0)
					is_key[idx->indkey.values[k] - 1] = 2;
		}
		ReleaseSysCache(tup);
	}
	list_free(indexes);
}

static void
apply_column_overrides(Model *m, Jsonb *columns)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;

	if (columns == NULL)
		return;
	it = JsonbIteratorInit(&columns->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *name;
		ModelCol   *c = NULL;
		int			i;

		if (tok != WJB_KEY)
			continue;
		name = pnstrdup(v.val.string.val, v.val.string.len);
		tok = JsonbIteratorNext(&it, &v, true);
		for (i = 0; i < m->ncols; i++)
			if (strcmp(m->cols[i].name, name) == 0)
				c = &m->cols[i];
		if (c == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of option \"columns\" does not exist in relation \"%s\"",
							name, m->table)));
		read_column_options(name, &v, c);
	}
}

/* ---- fitting ------------------------------------------------------------ */

typedef struct FitContext
{
	Oid			func_nsp;		/* schema of the extension's functions */
	Oid			relid;
	char	   *qualified;		/* quoted schema.table */
	FitOptions	opts;
	MemoryContext cxt;
} FitContext;

static bytea *
config_to_bytea(const FitConfig *cfg)
{
	StringInfoData cbuf;
	bytea	   *raw;

	initStringInfo(&cbuf);
	config_write(&cbuf, cfg);
	raw = palloc(VARHDRSZ + cbuf.len);
	SET_VARSIZE(raw, VARHDRSZ + cbuf.len);
	memcpy(VARDATA(raw), cbuf.data, cbuf.len);
	pfree(cbuf.data);
	return raw;
}

/*
 * Calls fn with each row of a one-scan fit's dependence sample, deformed
 * (in the state's per-row context, reset after each row), and the number
 * of rows equal to it.
 */
typedef void (*SampleRowFn) (void *arg, Datum *values, bool *isnull, int64 weight);

static void
sample_for_each(FitState *st1, SampleRowFn fn, void *arg)
{
	TupleDesc	tupdesc = NULL;
	Datum	   *values = NULL;
	bool	   *isnull = NULL;
	int			i;

	for (i = 0; i < st1->nsample; i++)
	{
		HeapTupleHeader rec = sample_record(st1, i);
		HeapTupleData tuple;
		MemoryContext oldcontext;

		CHECK_FOR_INTERRUPTS();
		if (tupdesc == NULL)
		{
			tupdesc = st1->sample_desc != NULL ? st1->sample_desc :
				lookup_rowtype_tupdesc_copy(HeapTupleHeaderGetTypeId(rec),
											HeapTupleHeaderGetTypMod(rec));
			values = palloc(sizeof(Datum) * tupdesc->natts);
			isnull = palloc(sizeof(bool) * tupdesc->natts);
		}
		tuple.t_len = HeapTupleHeaderGetDatumLength(rec);
		ItemPointerSetInvalid(&(tuple.t_self));
		tuple.t_tableOid = InvalidOid;
		tuple.t_data = rec;
		oldcontext = MemoryContextSwitchTo(st1->rowcxt);
		heap_deform_tuple(&tuple, tupdesc, values, isnull);
		fn(arg, values, isnull, st1->sample[i].weight);
		MemoryContextSwitchTo(oldcontext);
		MemoryContextReset(st1->rowcxt);
	}
}

/* the numbers hist_from_sample collects, per column (NULL: not this one) */
typedef struct SampleValues
{
	FitConfig  *cfg;
	double	  **vals;
	int64	  **weights;
	int		   *nvals;
} SampleValues;

static void
collect_numbers(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleValues *sv = (SampleValues *) arg;
	int			j;

	for (j = 0; j < sv->cfg->ncols; j++)
	{
		int			a = sv->cfg->cols[j].attidx;
		double		x;

		if (sv->vals[j] != NULL && !isnull[a] &&
			datum_to_double(sv->cfg->cols[j].vk, values[a], &x))
		{
			sv->weights[j][sv->nvals[j]] = weight;
			sv->vals[j][sv->nvals[j]++] = x;
		}
	}
}

/* adds values with their weights: runs of weight 1 as a batch */
static void
hist_add_weighted(SdHist *h, const double *v, const int64 *w, int n)
{
	int			i = 0;

	while (i < n)
	{
		int			run = i;

		while (run < n && w[run] == 1)
			run++;
		sd_hist_add_batch(h, v + i, run - i);
		if (run < n)
			sd_hist_add_n(h, v[run], w[run]);
		i = run + 1;
	}
}

/*
 * The histograms of the numbers with more than 2 * cap distinct values, in
 * a fit that samples rows: from the sampled rows (all of them in a table of
 * at most DEPENDENCE_SAMPLE_ROWS rows).  A uniform sample of k rows is a
 * mergeable quantile summary with rank error of order 1/sqrt(k), about
 * 0.005 here (the Dvoretzky-Kiefer-Wolfowitz inequality); columns with
 * fewer values keep the exact histograms made from their counts.
 */
static void
hist_from_sample(FitState *st1)
{
	FitConfig  *cfg = st1->cfg;
	SampleValues sv;
	int			first,
				next,
				i,
				j;

	sv.cfg = cfg;
	sv.vals = palloc0(sizeof(double *) * Max(cfg->ncols, 1));
	sv.weights = palloc0(sizeof(int64 *) * Max(cfg->ncols, 1));
	sv.nvals = palloc0(sizeof(int) * Max(cfg->ncols, 1));

	/* HIST_SAMPLE_COLUMNS columns a replay, to bound the values held */
	for (first = 0; first < cfg->ncols; first = next)
	{
		int			taken = 0;

		for (next = first; next < cfg->ncols && taken < HIST_SAMPLE_COLUMNS; next++)
			if (vk_is_number(cfg->cols[next].vk) && !cfg->cols[next].count_only &&
				st1->cols[next].freq.overflowed)
			{
				sv.vals[next] = palloc(sizeof(double) * Max(st1->nsample, 1));
				sv.weights[next] = palloc(sizeof(int64) * Max(st1->nsample, 1));
				sv.nvals[next] = 0;
				taken++;
			}
		if (taken == 0)
			continue;
		sample_for_each(st1, collect_numbers, &sv);
		for (j = first; j < next; j++)
		{
			ColState   *cs = &st1->cols[j];
			double	   *v = sv.vals[j];

			if (v == NULL)
				continue;
			sd_hist_init(cs->hist);
			sd_hist_init(cs->loghist);
			hist_add_weighted(cs->hist, v, sv.weights[j], sv.nvals[j]);
			for (i = 0; i < sv.nvals[j]; i++)
				v[i] = log_scale(v[i]);
			hist_add_weighted(cs->loghist, v, sv.weights[j], sv.nvals[j]);
			pfree(v);
			pfree(sv.weights[j]);
			sv.vals[j] = NULL;
			sv.weights[j] = NULL;
		}
	}
}

/*
 * The categories and shapes of a text column whose counts overflowed (more
 * than 2 * cap distinct values or shapes in the table), from the dependence
 * sample instead: a bottom-k sample by priority is the same whatever the
 * order rows arrive in, where capped counts are not.  Only values seen at
 * least k times in the sample are kept — the sample's rows are distinct
 * source rows (equal rows one item with their count), so k sample rows
 * prove k source rows — each counted as its sample count scaled to the
 * column's non-NULL values in the table.  A table no larger than the
 * sample gets its exact counts.
 */
typedef struct SampleStrings
{
	FitConfig  *cfg;
	int			col;
	bool		shapes;			/* count the values' shapes, not the values */
	SdFreq		counts;
	int64		total;			/* weight of the non-NULL values */
} SampleStrings;

static void
collect_strings(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleStrings *ss = (SampleStrings *) arg;
	const ColConfig *c = &ss->cfg->cols[ss->col];
	const char *str;
	int			len;

	if (isnull[c->attidx])
		return;
	datum_to_string(c->vk, values[c->attidx], c->typoutput, &str, &len);
	ss->total += weight;
	if (ss->shapes)
	{
		char		shape[SHAPE_MAX];
		int			slen = string_shape(str, len, shape);

		sd_freq_add(&ss->counts, shape, slen, weight);
	}
	else
		sd_freq_add(&ss->counts, str, len, weight);
}

/* count descending, then bytes: a total order, whatever the input order */
static int
cmp_freq_item_count_desc(const void *a, const void *b)
{
	const SdFreqItem *x = a,
			   *y = b;
	int			c;

	if (x->count != y->count)
		return (x->count < y->count) - (x->count > y->count);
	c = memcmp(x->key, y->key, Min(x->len, y->len));
	if (c != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

/* at most max_items of them, the most frequent, as the capped counts kept */
static void
counts_from_sample(FitState *st1, int col, bool shapes, int64 k, int max_items,
				   SdFreq *out)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext,
											  "synthdata sample counts",
											  ALLOCSET_DEFAULT_SIZES);
	MemoryContext oldcxt = MemoryContextSwitchTo(cxt);
	SampleStrings ss;
	int64		count = st1->cols[col].count;
	int			nkept = 0,
				i;

	ss.cfg = st1->cfg;
	ss.col = col;
	ss.shapes = shapes;
	ss.total = 0;
	/* room for every distinct value of the sample: exact counts */
	sd_freq_init(&ss.counts, Max(st1->nsample, 1));
	sample_for_each(st1, collect_strings, &ss);
	for (i = 0; i < ss.counts.nitems; i++)
		if (ss.counts.items[i].count >= k)
			ss.counts.items[nkept++] = ss.counts.items[i];
	qsort(ss.counts.items, nkept, sizeof(SdFreqItem), cmp_freq_item_count_desc);
	nkept = Min(nkept, max_items);
	MemoryContextSwitchTo(oldcxt);
	sd_freq_init(out, Max(nkept, 1));
	for (i = 0; i < nkept; i++)
	{
		const SdFreqItem *it = &ss.counts.items[i];

		sd_freq_add(out, it->key, it->len,
					Max(it->count, (int64) rint((double) it->count * count / ss.total)));
	}
	MemoryContextDelete(cxt);
}

static void
text_from_sample(FitState *st1, int64 k)
{
	FitConfig  *cfg = st1->cfg;
	int			j;

	for (j = 0; j < cfg->ncols; j++)
	{
		ColState   *cs = &st1->cols[j];

		if (vk_is_number(cfg->cols[j].vk) || cfg->cols[j].count_only)
			continue;
		if (cs->freq.overflowed)
			counts_from_sample(st1, j, false, k, 2 * cs->freq.cap, &cs->freq);
		if (cs->shapes.overflowed)
			counts_from_sample(st1, j, true, k, 2 * cs->shapes.cap, &cs->shapes);
	}
}

/*
 * The elements and lengths of array columns, from the dependence sample
 * (the whole table when it fits there; order-free either way): each
 * element's occurrences and the rows that hold it, weighted by the rows'
 * counts.  NULL elements are left out; arrays of several dimensions count
 * all their elements.
 */
typedef struct SampleArrays
{
	FitConfig  *cfg;
	int			col;
	Oid			elemtype;
	int16		elmlen;
	bool		elmbyval;
	char		elmalign;
	Oid			elmoutput;
	ColState   *cs;
} SampleArrays;

/* an element of one array, to count the rows that hold it once each */
typedef struct ElemKey
{
	uint64		hash;
	const char *str;
	int			len;
} ElemKey;

static int
cmp_elem_key(const void *a, const void *b)
{
	const ElemKey *x = a,
			   *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->str, y->str, x->len);
}

static void
collect_array(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleArrays *sa = (SampleArrays *) arg;
	const ColConfig *c = &sa->cfg->cols[sa->col];
	ColState   *cs = sa->cs;
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *enulls;
	ElemKey    *keys;
	int			nelems,
				n = 0,
				e;

	if (isnull[c->attidx])
		return;
	arr = DatumGetArrayTypeP(values[c->attidx]);
	deconstruct_array(arr, sa->elemtype, sa->elmlen, sa->elmbyval, sa->elmalign,
					  &elems, &enulls, &nelems);
	keys = palloc(sizeof(ElemKey) * Max(nelems, 1));
	for (e = 0; e < nelems; e++)
	{
		char	   *str;
		int			len;

		if (enulls[e])
			continue;
		str = output_function_call(sa->elmoutput, elems[e]);
		len = (int) strlen(str);
		if (len > SD_FREQ_MAXKEY)
		{
			/* its digest: counted apart from other long elements, never drawn */
			char	   *digest = palloc(SD_FREQ_MAXKEY);
			const char *key;

			len = sd_freq_key(str, len, digest, &key);
			str = digest;
		}
		keys[n].hash = sd_hash_key(str, len);
		sd_freq_add_hashed(cs->elem_occ, str, len, keys[n].hash, weight);
		keys[n].str = str;
		keys[n].len = len;
		n++;
	}
	/* each distinct element once for the rows that hold it */
	qsort(keys, n, sizeof(ElemKey), cmp_elem_key);
	for (e = 0; e < n; e++)
		if (e == 0 || cmp_elem_key(&keys[e - 1], &keys[e]) != 0)
			sd_freq_add_hashed(cs->elem_rows, keys[e].str, keys[e].len, keys[e].hash, weight);
	sd_hist_add_n(cs->arrlen, (double) n, weight);
	cs->arr_rows += weight;
	cs->elem_total += (int64) n * weight;
}

static void
arrays_from_sample(FitState *st1)
{
	FitConfig  *cfg = st1->cfg;
	int			j;

	for (j = 0; j < cfg->ncols; j++)
	{
		ColState   *cs = &st1->cols[j];
		SampleArrays sa;
		bool		varlena;

		if (cfg->cols[j].vk != VK_OTHER || cfg->cols[j].count_only)
			continue;
		sa.elemtype = get_element_type(getBaseType(cfg->cols[j].typid));
		if (!OidIsValid(sa.elemtype))
			continue;
		sa.cfg = cfg;
		sa.col = j;
		sa.cs = cs;
		get_typlenbyvalalign(sa.elemtype, &sa.elmlen, &sa.elmbyval, &sa.elmalign);
		getTypeOutputInfo(sa.elemtype, &sa.elmoutput, &varlena);
		/* room for every distinct element of the sample: exact counts */
		cs->elem_occ = palloc(sizeof(SdFreq));
		cs->elem_rows = palloc(sizeof(SdFreq));
		sd_freq_init(cs->elem_occ, Max(st1->nsample, 1));
		sd_freq_init(cs->elem_rows, Max(st1->nsample, 1));
		cs->arrlen = palloc(sizeof(SdHist));
		sd_hist_init(cs->arrlen);
		sample_for_each(st1, collect_array, &sa);
	}
}

/*
 * The sample in a canonical order: by priority, then by record.  Every
 * summary of the sample is a sum and does not care; the capped counts of
 * documents_from_sample do, and see the same order whatever the order the
 * rows came in or the workers that merged them.
 */
static int
cmp_sample_canonical(const void *a, const void *b, void *arg)
{
	const FitState *st = arg;
	const SampleItem *x = a,
			   *y = b;

	if (x->prio != y->prio)
		return x->prio < y->prio ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(st->arena + x->off, st->arena + y->off, x->len);
}

static void
sample_canonical_order(FitState *st1)
{
	qsort_arg(st1->sample, st1->nsample, sizeof(SampleItem), cmp_sample_canonical, st1);
	sample_index(st1);
}

/*
 * The documents of a json or jsonb column, from the dependence sample: how
 * many are objects, the sets of top-level keys they have, and per key its
 * values as JSON texts (capped counts), its numbers and the lengths of its
 * strings; nested values count as their JSON text.  More than DOC_KEYS_MAX
 * distinct keys, or an object with more than DOC_SET_KEYS_MAX, end the
 * tally: such documents are not modelled.
 */
typedef struct DocFieldStats
{
	char	   *key;
	int64		rows;			/* objects holding the key */
	int64		numbers;
	int64		strings;
	bool		all_integer;
	int			max_scale;		/* decimal places of the numbers, up to 7 */
	SdFreq		texts;			/* JSON text of the value -> rows */
	SdHist	   *nums;
	SdHist	   *strlens;
} DocFieldStats;

typedef struct DocStats
{
	MemoryContext cxt;			/* where the tallies live (not the row's) */
	int64		docs;			/* non-NULL documents */
	int64		objects;
	bool		overflow;
	SdFreq		keyidx;			/* key -> field index + 1 */
	int			nfields;
	DocFieldStats fields[DOC_KEYS_MAX];
	SdFreq		sets;			/* sorted field indexes (uint16) -> rows */
} DocStats;

typedef struct SampleDocs
{
	FitConfig  *cfg;
	int			col;
	bool		is_json;		/* json, not jsonb */
	DocStats   *ds;
} SampleDocs;

static int
cmp_uint16(const void *a, const void *b)
{
	return (int) *(const uint16 *) a - (int) *(const uint16 *) b;
}

static void
collect_document(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleDocs *sd = (SampleDocs *) arg;
	DocStats   *ds = sd->ds;
	const ColConfig *c = &sd->cfg->cols[sd->col];
	Jsonb	   *jb;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	uint16		set[DOC_SET_KEYS_MAX];
	int			nset = 0;
	DocFieldStats *f = NULL;

	if (isnull[c->attidx] || ds->overflow)
		return;
	ds->docs += weight;
	if (sd->is_json)
		jb = DatumGetJsonbP(DirectFunctionCall1(jsonb_in,
												CStringGetDatum(TextDatumGetCString(values[c->attidx]))));
	else
		jb = DatumGetJsonbP(values[c->attidx]);
	if (!JB_ROOT_IS_OBJECT(jb))
		return;
	ds->objects += weight;
	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
		{
			int			len = v.val.string.len;
			int64		idx;

			/* a key too long to count is left out, rather than cut */
			if (len > SD_FREQ_MAXKEY)
			{
				f = NULL;		/* and its value */
				continue;
			}
			idx = sd_freq_count_hashed(&ds->keyidx, v.val.string.val, len,
									   sd_hash_key(v.val.string.val, len));

			if (idx == 0)
			{
				MemoryContext oldcxt;

				if (ds->nfields == DOC_KEYS_MAX)
				{
					ds->overflow = true;
					return;
				}
				oldcxt = MemoryContextSwitchTo(ds->cxt);
				f = &ds->fields[ds->nfields++];
				memset(f, 0, sizeof(DocFieldStats));
				f->key = pnstrdup(v.val.string.val, len);
				f->all_integer = true;
				sd_freq_init(&f->texts, 256);
				MemoryContextSwitchTo(oldcxt);
				idx = ds->nfields;
				sd_freq_add(&ds->keyidx, v.val.string.val, len, idx);
			}
			f = &ds->fields[idx - 1];
			if (nset == DOC_SET_KEYS_MAX)
			{
				ds->overflow = true;
				return;
			}
			set[nset++] = (uint16) (idx - 1);
		}
		else if (tok == WJB_VALUE && f != NULL)
		{
			char	   *text;

			f->rows += weight;
			switch (v.type)
			{
				case jbvNumeric:
					{
						double		x = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow,
																		   NumericGetDatum(v.val.numeric)));

						text = DatumGetCString(DirectFunctionCall1(numeric_out,
																   NumericGetDatum(v.val.numeric)));
						if (isfinite(x))
						{
							if (f->nums == NULL)
							{
								f->nums = MemoryContextAlloc(ds->cxt, sizeof(SdHist));
								sd_hist_init(f->nums);
							}
							f->numbers += weight;
							sd_hist_add_n(f->nums, x, weight);
							if (x != rint(x))
								f->all_integer = false;
							if (f->max_scale < 7)
								f->max_scale = Max(f->max_scale, decimal_scale(x));
						}
						break;
					}
				case jbvString:
					{
						StringInfoData b;

						initStringInfo(&b);
						escape_json(&b, pnstrdup(v.val.string.val, v.val.string.len));
						text = b.data;
						if (f->strlens == NULL)
						{
							f->strlens = MemoryContextAlloc(ds->cxt, sizeof(SdHist));
							sd_hist_init(f->strlens);
						}
						f->strings += weight;
						sd_hist_add_n(f->strlens, (double) v.val.string.len, weight);
						break;
					}
				case jbvBool:
					text = v.val.boolean ? "true" : "false";
					break;
				case jbvNull:
					text = "null";
					break;
				default:
					text = JsonbToCString(NULL, v.val.binary.data, v.val.binary.len);
					break;
			}
			/* a longer text would be cut: it cannot be a category */
			if (strlen(text) <= SD_FREQ_MAXKEY)
				sd_freq_add(&f->texts, text, (int) strlen(text), weight);
			f = NULL;
		}
	}
	qsort(set, nset, sizeof(uint16), cmp_uint16);
	sd_freq_add(&ds->sets, (char *) set, nset * (int) sizeof(uint16), weight);
}

static void
documents_from_sample(FitState *st1)
{
	FitConfig  *cfg = st1->cfg;
	int			j;

	for (j = 0; j < cfg->ncols; j++)
	{
		Oid			base = getBaseType(cfg->cols[j].typid);
		SampleDocs	sd;

		if ((base != JSONOID && base != JSONBOID) || cfg->cols[j].count_only)
			continue;
		sd.cfg = cfg;
		sd.col = j;
		sd.is_json = base == JSONOID;
		sd.ds = palloc0(sizeof(DocStats));
		sd.ds->cxt = CurrentMemoryContext;
		sd_freq_init(&sd.ds->keyidx, DOC_KEYS_MAX);
		sd_freq_init(&sd.ds->sets, 256);
		sample_for_each(st1, collect_document, &sd);
		st1->cols[j].doc = sd.ds;
	}
}

/*
 * The ranges of a range column over numbers, dates or timestamps, from the
 * dependence sample: the shares of empty ranges, of unbounded ends and of
 * inclusive ends, and histograms of the finite lower bounds, of the upper
 * bounds of ranges without a lower one, and of the widths.
 */
typedef struct RangeStats
{
	int64		ranges;			/* non-NULL */
	int64		empty;
	int64		lower_inf;
	int64		upper_inf;
	int64		lower_inc;
	int64		upper_inc;
	int64		lowers;
	int64		uppers;
	int64		widths;
	bool		all_integer;
	int			max_scale;
	SdHist		low;
	SdHist		upp;
	SdHist		width;
	/* a multirange column: its values and their numbers of ranges */
	bool		multi;
	int64		values;
	SdHist		counts;
} RangeStats;

typedef struct SampleRanges
{
	FitConfig  *cfg;
	int			col;
	TypeCacheEntry *typcache;	/* of the range type */
	ValueKind	subvk;
	RangeStats *rs;
} SampleRanges;

static void
range_note(RangeStats *rs, double x)
{
	if (x != rint(x))
		rs->all_integer = false;
	if (rs->max_scale < 7)
		rs->max_scale = Max(rs->max_scale, decimal_scale(x));
}

static void
note_range(SampleRanges *sr, RangeType *r, int64 weight)
{
	RangeStats *rs = sr->rs;
	RangeBound	lower,
				upper;
	bool		empty;
	double		lo = 0,
				hi = 0;
	bool		lo_ok,
				hi_ok;

	range_deserialize(sr->typcache, r, &lower, &upper, &empty);
	rs->ranges += weight;
	if (empty)
	{
		rs->empty += weight;
		return;
	}
	rs->lower_inf += lower.infinite ? weight : 0;
	rs->upper_inf += upper.infinite ? weight : 0;
	rs->lower_inc += lower.inclusive ? weight : 0;
	rs->upper_inc += upper.inclusive ? weight : 0;
	lo_ok = !lower.infinite && datum_to_double(sr->subvk, lower.val, &lo);
	hi_ok = !upper.infinite && datum_to_double(sr->subvk, upper.val, &hi);
	if (lo_ok)
	{
		sd_hist_add_n(&rs->low, lo, weight);
		rs->lowers += weight;
		range_note(rs, lo);
	}
	if (hi_ok)
		range_note(rs, hi);
	if (lo_ok && hi_ok)
	{
		sd_hist_add_n(&rs->width, hi - lo, weight);
		rs->widths += weight;
	}
	else if (hi_ok)
	{
		sd_hist_add_n(&rs->upp, hi, weight);
		rs->uppers += weight;
	}
}

/*
 * A range, or each range of a multirange: a multirange is modelled by its
 * number of ranges and, for its ranges, the model of a range column.
 */
static void
collect_range(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleRanges *sr = (SampleRanges *) arg;
	const ColConfig *c = &sr->cfg->cols[sr->col];

	if (isnull[c->attidx])
		return;
#if PG_VERSION_NUM >= 140000
	if (sr->rs->multi)
	{
		int32		n,
					i;
		RangeType **ranges;

		multirange_deserialize(sr->typcache, DatumGetMultirangeTypeP(values[c->attidx]),
							   &n, &ranges);
		sr->rs->values += weight;
		sd_hist_add_n(&sr->rs->counts, (double) n, weight);
		for (i = 0; i < n; i++)
			note_range(sr, ranges[i], weight);
		return;
	}
#endif
	note_range(sr, DatumGetRangeTypeP(values[c->attidx]), weight);
}

/* the range type of a range or multirange type (or a domain over one) */
Oid
range_type_of(Oid typid, bool *multi)
{
	Oid			base = getBaseType(typid);

	*multi = false;
	if (type_is_range(base))
		return base;
#if PG_VERSION_NUM >= 140000
	if (type_is_multirange(base))
	{
		*multi = true;
		return get_multirange_range(base);
	}
#endif
	return InvalidOid;
}

/*
 * The value kind of the subtype of a range (or multirange) type, if
 * synthdata draws it; else -1.
 */
int
range_subtype_kind(Oid typid)
{
	bool		multi;
	Oid			range = range_type_of(typid, &multi);
	ValueKind	vk;

	if (!OidIsValid(range))
		return -1;
	vk = value_kind_of(get_range_subtype(range));
	return vk <= VK_TIMESTAMPTZ && vk != VK_TIME ? (int) vk : -1;
}

static void
ranges_from_sample(FitState *st1)
{
	FitConfig  *cfg = st1->cfg;
	int			j;

	for (j = 0; j < cfg->ncols; j++)
	{
		SampleRanges sr;
		int			kind = range_subtype_kind(cfg->cols[j].typid);
		bool		multi;
		Oid			range = range_type_of(cfg->cols[j].typid, &multi);

		if (kind < 0 || cfg->cols[j].count_only)
			continue;
		sr.cfg = cfg;
		sr.col = j;
		sr.typcache = lookup_type_cache(range, TYPECACHE_RANGE_INFO);
		sr.subvk = (ValueKind) kind;
		sr.rs = palloc0(sizeof(RangeStats));
		sr.rs->all_integer = true;
		sr.rs->multi = multi;
		sd_hist_init(&sr.rs->low);
		sd_hist_init(&sr.rs->upp);
		sd_hist_init(&sr.rs->width);
		sd_hist_init(&sr.rs->counts);
		sample_for_each(st1, collect_range, &sr);
		st1->cols[j].range = sr.rs;
	}
}

/*
 * The zone of a timetz column: the commonest among the sample's values
 * (the smallest of equally common ones), the one its values are drawn in.
 */
typedef struct SampleZones
{
	int			attidx;
	SdFreq		zones;
} SampleZones;

static void
collect_zone(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleZones *sz = (SampleZones *) arg;
	int32		zone;

	if (isnull[sz->attidx])
		return;
	zone = DatumGetTimeTzADTP(values[sz->attidx])->zone;
	sd_freq_add(&sz->zones, (char *) &zone, sizeof(int32), weight);
}

static void
zones_from_sample(FitState *st1, Model *m)
{
	FitConfig  *cfg = st1->cfg;
	int			j,
				i;

	for (j = 0; j < cfg->ncols; j++)
	{
		SampleZones sz;
		int64		best = 0;

		if (cfg->cols[j].vk != VK_TIMETZ)
			continue;
		sz.attidx = cfg->cols[j].attidx;
		sd_freq_init(&sz.zones, 64);
		sample_for_each(st1, collect_zone, &sz);
		for (i = 0; i < sz.zones.nitems; i++)
		{
			int32		zone;

			memcpy(&zone, sz.zones.items[i].key, sizeof(int32));
			if (sz.zones.items[i].count > best ||
				(sz.zones.items[i].count == best && zone < m->cols[j].zone))
			{
				best = sz.zones.items[i].count;
				m->cols[j].zone = zone;
			}
		}
	}
}

static void
replay_row(void *arg, Datum *values, bool *isnull, int64 weight)
{
	FitState   *st2 = (FitState *) arg;

	fit_accumulate_pass2(st2, values, isnull, weight);
	st2->rows += weight;
}

/*
 * The copula's sums from the rows a one-scan fit sampled: pass 2's
 * accumulation, replayed over them in memory.
 */
static FitState *
replay_sample(FitState *st1, const FitConfig *cfg2)
{
	FitState   *st2 = fit_state_create(config_to_bytea(cfg2));

	sample_for_each(st1, replay_row, st2);
	return st2;
}

/*
 * Rows of a table, a materialized view or a partitioned table's partitions,
 * as the planner estimates them before a scan (pages times density, so
 * also for a table never analysed): it sizes a one-scan fit's guard.  A
 * view or a foreign table has no pages: the planner's estimate of a query
 * reading it (the top plan node's "Plan Rows" of EXPLAIN, which comes
 * before its children's).  Called with SPI connected.
 */
static double
source_rows_estimate(Oid relid, const char *qualified)
{
	List	   *oids;
	ListCell   *lc;
	double		total = 0;
	char		relkind = get_rel_relkind(relid);

	if (relkind == RELKIND_VIEW || relkind == RELKIND_FOREIGN_TABLE)
	{
		char	   *q = psprintf("EXPLAIN (FORMAT JSON) SELECT 1 FROM %s", qualified);
		char	   *plan,
				   *p;

		if (SPI_execute(q, false, 0) != SPI_OK_UTILITY || SPI_processed < 1)
			return 0;
		plan = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
		p = plan ? strstr(plan, "\"Plan Rows\":") : NULL;
		if (p != NULL)
			total = strtod(p + strlen("\"Plan Rows\":"), NULL);
		SPI_freetuptable(SPI_tuptable);
		return isfinite(total) && total > 0 ? total : 0;
	}
	oids = find_all_inheritors(relid, AccessShareLock, NULL);

	foreach(lc, oids)
	{
		Relation	rel = relation_open(lfirst_oid(lc), NoLock);

		if (rel->rd_rel->relkind == RELKIND_RELATION ||
			rel->rd_rel->relkind == RELKIND_MATVIEW)
		{
			BlockNumber pages;
			double		tuples,
						allvisfrac;

			estimate_rel_size(rel, NULL, &pages, &tuples, &allvisfrac);
			total += tuples;
		}
		relation_close(rel, NoLock);
	}
	return total;
}

/* runs one pass of the fit aggregate over the source, returns its state */
static FitState *
run_fit_pass(FitContext *fc, FitConfig *cfg, const char *what)
{
	StringInfoData q;
	bytea	   *cfg_raw;
	Oid			argtypes[1] = {BYTEAOID};
	Datum		args[1];
	bool		isnull;
	Datum		d;
	FitState   *st;
	instr_time	t0,
				t1;
	int			ret;

	cfg_raw = config_to_bytea(cfg);
	args[0] = PointerGetDatum(cfg_raw);

	initStringInfo(&q);
	appendStringInfo(&q, "SELECT %s._synth_fit_state($1",
					 quote_identifier(get_namespace_name(fc->func_nsp)));
	if (cfg->whole_row)
		appendStringInfoString(&q, ", _synth_src.*");
	else
	{
		int			i;

		for (i = 0; i < cfg->ncols; i++)
			appendStringInfo(&q, ", _synth_src.%s", quote_identifier(cfg->cols[i].name));
	}
	appendStringInfo(&q, ") FROM %s AS _synth_src", fc->qualified);
	if (fc->opts.sample_percent > 0)
		appendStringInfo(&q, " TABLESAMPLE pg_catalog.bernoulli (%.17g) REPEATABLE (0)",
						 fc->opts.sample_percent);

	/*
	 * No row-count limit: the executor runs a plan with a limit without its
	 * parallel workers (it might stop early), and the aggregate returns one
	 * row anyway.
	 */
	INSTR_TIME_SET_CURRENT(t0);
	ret = sd_spi_execute(q.data, 1, argtypes, args, NULL, true, 0);
	/* SPI may leave its own context current; the summaries belong to the fit */
	MemoryContextSwitchTo(fc->cxt);
	if (ret != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "fit query failed: %s", SPI_result_code_string(ret));
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		st = fit_state_create(cfg_raw);
	else
		st = fit_state_deserialize(DatumGetByteaPP(d));
	SPI_freetuptable(SPI_tuptable);
	INSTR_TIME_SET_CURRENT(t1);
	INSTR_TIME_SUBTRACT(t1, t0);
	if (sd_progress && INSTR_TIME_GET_DOUBLE(t1) > 2.0)
		ereport(NOTICE,
				(errmsg("synth_fit: %s of %s done: " INT64_FORMAT " rows in %.1f s",
						what, fc->qualified, st->rows, INSTR_TIME_GET_DOUBLE(t1))));
	return st;
}

static int
cmp_cat_value(const void *a, const void *b)
{
	double		x = ((const ModelCat *) a)->value,
				y = ((const ModelCat *) b)->value;

	return (x > y) - (x < y);
}

static int
cmp_cat_count_desc(const void *a, const void *b)
{
	int64		x = ((const ModelCat *) a)->count,
				y = ((const ModelCat *) b)->count;

	if (x != y)
		return (x < y) - (x > y);
	/* ties: by label, so the choice is deterministic */
	{
		const ModelCat *ca = a,
				   *cb = b;
		int			c = memcmp(ca->label, cb->label, Min(ca->len, cb->len));

		return c != 0 ? c : (ca->len > cb->len) - (ca->len < cb->len);
	}
}

/* the empty value of a type that synthdata cannot model, or NULL */
static char *
type_empty_value(Oid typid)
{
	Oid			base = getBaseType(typid);
	char		category;
	bool		preferred;

	if (base == JSONOID || base == JSONBOID)
		return "{}";
	if (base == BYTEAOID)
		return "\\x";
	get_type_category_preferred(base, &category, &preferred);
	if (category == TYPCATEGORY_ARRAY)
		return "{}";
#if PG_VERSION_NUM >= 140000
	if (type_is_multirange(base))
		return "{}";
#endif
	if (category == TYPCATEGORY_RANGE)
		return "empty";
	return NULL;
}

/* decide a column's marginal from its pass-1 summaries */
/*
 * npoints quantiles of the count values in h, from the smallest to the
 * largest, clipped at the k-th smallest and k-th largest (the median when
 * there are 2k values or fewer): no single value's extreme is disclosed.
 */
static void
clipped_quantiles(SdHist *h, int64 count, int k, double *out, int npoints)
{
	double		clip[2];
	double		min_point = count > 0 ? (double) k * h->n / count : k;
	int			g;

	sd_hist_quantiles(h, min_point, 0, 1, npoints, out);
	if (count > 2 * k)
		sd_hist_quantiles(h, min_point, (double) k / count, 1.0 - (double) k / count, 2, clip);
	else
		sd_hist_quantiles(h, min_point, 0.5, 0.5, 2, clip);
	for (g = 0; g < npoints; g++)
		out[g] = Max(clip[0], Min(clip[1], out[g]));
}

/* length quantiles at most max (MODEL_LENGTH_MAX, MODEL_ARRAY_MAX) */
static void
clip_lengths(double *lenq, double max)
{
	int			g;

	for (g = 0; g < LEN_POINTS; g++)
		lenq[g] = Min(lenq[g], max);
}

static int
cmp_int_asc(const void *a, const void *b)
{
	int			x = *(const int *) a,
				y = *(const int *) b;

	return (x > y) - (x < y);
}

/*
 * A range column over numbers, dates or timestamps: the shares of empty
 * ranges, of unbounded ends and (by majority) of inclusive ends; the finite
 * lower bounds and the widths as quantile grids clipped at the k-th
 * extremes, and the upper bounds of ranges without a lower one.  False when
 * there are too few of any of them to show without disclosing one.
 */
static bool
range_marginal(ModelCol *c, ColState *cs, int k)
{
	RangeStats *rs = cs->range;
	int64		bounded = rs->ranges - rs->empty;

	if (rs->ranges <= 2 * k ||
		(rs->lowers > 0 && rs->lowers <= 2 * k) ||
		(rs->widths > 0 && rs->widths <= 2 * k) ||
		(rs->uppers > 0 && rs->uppers <= 2 * k) ||
		(rs->multi && rs->values <= 2 * k))
		return false;
	if (rs->multi)
	{
		c->multirange = true;
		clipped_quantiles(&rs->counts, rs->values, k, c->nrangeq, LEN_POINTS);
	}
	c->empty_fraction = (double) rs->empty / rs->ranges;
	c->lower_inf_fraction = bounded > 0 ? (double) rs->lower_inf / bounded : 0;
	c->upper_inf_fraction = bounded > 0 ? (double) rs->upper_inf / bounded : 0;
	c->lower_inc = 2 * rs->lower_inc >= bounded - rs->lower_inf;
	c->upper_inc = 2 * rs->upper_inc > bounded - rs->upper_inf;
	c->integer = rs->all_integer;
	c->scale = rs->all_integer ? 0 : rs->max_scale <= 6 ? rs->max_scale : -1;
	if (rs->lowers > 0)
		clipped_quantiles(&rs->low, rs->lowers, k, c->lowq, DOC_POINTS);
	if (rs->uppers > 0)
		clipped_quantiles(&rs->upp, rs->uppers, k, c->uppq, DOC_POINTS);
	if (rs->widths > 0)
		clipped_quantiles(&rs->width, rs->widths, k, c->widthq, DOC_POINTS);
	c->kind = MK_RANGE;
	c->reason = rs->multi ?
		"multiranges: numbers of ranges; their lower bounds, widths and unbounded shares" :
		"ranges: lower bounds, widths, empty and unbounded shares";
	return true;
}

/* fields by key name */
static int
cmp_field_key(const void *a, const void *b)
{
	return strcmp(((const ModelField *) a)->key, ((const ModelField *) b)->key);
}

/*
 * A json or jsonb column of many distinct objects: the sets of top-level keys
 * held by at least k rows of the sample (if they cover half the objects at
 * least), and for each key in them how its values are drawn — its JSON texts
 * held by k rows when they cover half its values, else a quantile grid of
 * its numbers (clipped at the k-th extremes), else words of its strings'
 * lengths, else null.  False when the column's documents are mostly not
 * objects or have too many keys: the rest of decide_marginal takes it.
 */
static bool
document_marginal(ModelCol *c, ColState *cs, int k)
{
	DocStats   *ds = cs->doc;
	int			fieldno[DOC_KEYS_MAX];
	int64		kept = 0;
	int			i,
				j,
				g;

	if (ds->overflow || ds->objects == 0 || ds->objects < 0.5 * ds->docs)
		return false;
	sd_freq_finish(&ds->sets);
	for (i = 0; i < ds->sets.nitems; i++)
		if (ds->sets.items[i].count >= k)
			kept += ds->sets.items[i].count;
	if (kept < 0.5 * ds->objects)
		return false;

	/* the keys of the sets kept, in key order */
	for (i = 0; i < DOC_KEYS_MAX; i++)
		fieldno[i] = -1;
	c->fields = palloc0(sizeof(ModelField) * DOC_KEYS_MAX);
	for (i = 0; i < ds->sets.nitems; i++)
	{
		const SdFreqItem *it = &ds->sets.items[i];

		if (it->count < k)
			continue;
		for (j = 0; j < it->len / (int) sizeof(uint16); j++)
		{
			uint16		f;

			memcpy(&f, it->key + j * sizeof(uint16), sizeof(uint16));
			if (fieldno[f] < 0)
			{
				fieldno[f] = c->nfields;
				c->fields[c->nfields++].key = ds->fields[f].key;
			}
		}
	}
	qsort(c->fields, c->nfields, sizeof(ModelField), cmp_field_key);
	for (i = 0; i < c->nfields; i++)
		for (j = 0; j < ds->nfields; j++)
			if (strcmp(ds->fields[j].key, c->fields[i].key) == 0)
				fieldno[j] = i;

	for (i = 0; i < ds->nfields; i++)
	{
		DocFieldStats *fs = &ds->fields[i];
		ModelField *mf;
		int64		texts = 0;

		if (fieldno[i] < 0)
			continue;
		mf = &c->fields[fieldno[i]];
		sd_freq_finish(&fs->texts);
		mf->cats = palloc0(sizeof(ModelCat) * Max(fs->texts.nitems, 1));
		for (j = 0; j < fs->texts.nitems; j++)
			if (fs->texts.items[j].count >= k)
			{
				mf->cats[mf->ncat].label = pnstrdup(fs->texts.items[j].key, fs->texts.items[j].len);
				mf->cats[mf->ncat].len = fs->texts.items[j].len;
				mf->cats[mf->ncat].count = fs->texts.items[j].count;
				texts += fs->texts.items[j].count;
				mf->ncat++;
			}
		if (mf->ncat > 0 && texts >= 0.5 * fs->rows)
		{
			mf->kind = FK_JSON;
			for (j = 0; j < mf->ncat; j++)
				mf->cats[j].p = (double) mf->cats[j].count / texts;
		}
		else if (fs->numbers >= 0.5 * fs->rows && fs->numbers > 2 * k)
		{
			mf->kind = FK_NUMBERS;
			mf->integer = fs->all_integer;
			mf->scale = fs->all_integer ? 0 : fs->max_scale <= 6 ? fs->max_scale : -1;
			clipped_quantiles(fs->nums, fs->numbers, k, mf->grid, DOC_POINTS);
			for (g = 1; g < DOC_POINTS; g++)
				mf->grid[g] = Max(mf->grid[g], mf->grid[g - 1]);
		}
		else if (fs->strings >= 0.5 * fs->rows && fs->strings > 2 * k)
		{
			mf->kind = FK_WORDS;
			clipped_quantiles(fs->strlens, fs->strings, k, mf->lenq, LEN_POINTS);
			clip_lengths(mf->lenq, MODEL_LENGTH_MAX);
		}
		else
			mf->kind = FK_NULL;
		if (mf->kind != FK_JSON)
			mf->ncat = 0;
	}

	c->docsets = palloc0(sizeof(ModelDocSet) * Max(ds->sets.nitems, 1));
	for (i = 0; i < ds->sets.nitems; i++)
	{
		const SdFreqItem *it = &ds->sets.items[i];
		ModelDocSet *set;

		if (it->count < k)
			continue;
		set = &c->docsets[c->ndocsets++];
		set->nkeys = it->len / (int) sizeof(uint16);
		set->keys = palloc(sizeof(int) * Max(set->nkeys, 1));
		for (j = 0; j < set->nkeys; j++)
		{
			uint16		f;

			memcpy(&f, it->key + j * sizeof(uint16), sizeof(uint16));
			set->keys[j] = fieldno[f];
		}
		qsort(set->keys, set->nkeys, sizeof(int), cmp_int_asc);
		set->p = (double) it->count / kept;
	}
	c->suppressed = 1.0 - (double) kept / ds->objects;
	c->kind = MK_DOCUMENT;
	c->reason = "documents: key sets and values seen in at least k rows";
	return true;
}

/*
 * An array column of many distinct arrays: its elements as categories (each
 * held by at least k rows of the sample, so by k source rows; the 512 most
 * frequent) with their shares of the elements, and the arrays' lengths
 * clipped at the k-th shortest and longest.  False, leaving the column to
 * the rest of decide_marginal, when the elements kept are less than half of
 * all, or too many distinct ones to count exactly.
 */
static bool
array_marginal(ModelCol *c, ColState *cs, int k)
{
	SdFreq	   *occ = cs->elem_occ;
	int64		kept = 0;
	int			n = 0,
				i,
				g;

	if (occ->overflowed || cs->elem_rows->overflowed || cs->arr_rows == 0)
		return false;
	c->cats = palloc0(sizeof(ModelCat) * Max(occ->nitems, 1));
	for (i = 0; i < occ->nitems; i++)
	{
		const SdFreqItem *it = &occ->items[i];

		/* the rows that hold it; a long element's digest is no value to draw */
		if (sd_freq_count_hashed(cs->elem_rows, it->key, it->len, it->hash) < k ||
			sd_freq_key_is_digest(it->key, it->len))
			continue;
		c->cats[n].label = pnstrdup(it->key, it->len);
		c->cats[n].len = it->len;
		c->cats[n].count = it->count;
		n++;
	}
	qsort(c->cats, n, sizeof(ModelCat), cmp_cat_count_desc);
	n = Min(n, 2 * 256);
	for (i = 0; i < n; i++)
		kept += c->cats[i].count;
	if (cs->elem_total > 0 && kept < 0.5 * cs->elem_total)
		return false;
	c->ncat = n;
	for (i = 0; i < n; i++)
		c->cats[i].p = (double) c->cats[i].count / Max(kept, 1);
	c->suppressed = cs->elem_total > 0 ? 1.0 - (double) kept / cs->elem_total : 0;
	clipped_quantiles(cs->arrlen, cs->arr_rows, k, c->lenq, LEN_POINTS);
	clip_lengths(c->lenq, MODEL_ARRAY_MAX);
	if (n == 0)
		for (g = 0; g < LEN_POINTS; g++)
			c->lenq[g] = 0;		/* no element to draw: empty arrays */
	c->kind = MK_ARRAY;
	c->reason = "array: elements held by at least k rows, and lengths";
	return true;
}

/* a format's length quantiles, clipped at the k-th shortest and longest */
static void
format_lengths(ModelCol *c, ColState *cs, int k)
{
	clipped_quantiles(cs->lengths, c->count, k, c->lenq, LEN_POINTS);
	clip_lengths(c->lenq, MODEL_LENGTH_MAX);
}

/*
 * The personal kind of a text column from its name and the values of its
 * frequency summary (every value when the column has few, the frequent
 * ones otherwise): fake.h's sd_fake_personal_kind.
 */
static SdFakeKind
personal_kind_of(const ModelCol *c, const SdFreq *freq)
{
	const char **values = palloc(sizeof(char *) * Max(freq->nitems, 1));
	int64	   *counts = palloc(sizeof(int64) * Max(freq->nitems, 1));
	SdFakeKind	kind;
	int			i;

	for (i = 0; i < freq->nitems; i++)
	{
		values[i] = pnstrdup(freq->items[i].key, freq->items[i].len);
		counts[i] = freq->items[i].count;
	}
	kind = sd_fake_personal_kind(c->name, values, counts, freq->nitems);
	for (i = 0; i < freq->nitems; i++)
		pfree((char *) values[i]);
	pfree(values);
	pfree(counts);
	return kind;
}

/*
 * The fake kind of a column given the role pii without a kind: the one its
 * name suggests, else the personal data its values hold, else the pattern
 * of its shapes (email, IPv4, phone); NULL when none fits, and the column
 * is then drawn from its shapes (format_value keeps those within reserved
 * names too).
 */
static char *
infer_pii_kind(const ModelCol *c, ColState *cs)
{
	const char *kind = pii_kind_from_name(c->name);
	SdFakeKind	pk;

	if (kind != NULL)
		return (char *) kind;
	pk = personal_kind_of(c, &cs->freq);
	if (pk != SD_FAKE_NONE && sd_fake_kind_type(pk) == SD_FAKE_TYPE_TEXT)
		return (char *) sd_fake_kind_name(pk);
	sd_freq_finish(&cs->shapes);
	return (char *) pii_kind_from_shapes(&cs->shapes, c->count);
}

static void
decide_marginal(Model *m, ModelCol *c, ColState *cs, Oid typid)
{
	int			k = m->k;
	int			i;
	int64		long_repeated = 0;	/* values of long texts seen k times */

	c->count = cs->count;
	c->nulls = cs->nulls;
	c->null_fraction = (c->count + c->nulls) > 0 ?
		(double) c->nulls / (c->count + c->nulls) : 0;
	c->scale = -1;
	sd_freq_finish(&cs->freq);

	if (c->role == ROLE_KEY && !c->key_member)
	{
		c->kind = c->vk == VK_UUID ? MK_UUID : MK_SEQUENCE;
		c->null_fraction = 0;
		return;
	}
	if (c->count == 0)
	{
		c->kind = MK_NULL;
		c->reason = c->reason ? c->reason : "no non-NULL value";
		return;
	}

	if (vk_is_number(c->vk))
	{
		if (c->role == ROLE_IDENTIFIER || c->role == ROLE_PII)
		{
			c->kind = MK_SEQUENCE;
			return;
		}
		/* integer identifiers: near-unique integers named like one */
		if (!c->role_forced && cs->all_integer && c->count >= 20 &&
			sd_hll_estimate(&cs->hll) >= 0.9 * c->count && sd_fake_name_is_identifier(c->name))
		{
			c->role = ROLE_IDENTIFIER;
			c->reason = "near-unique integer named like an identifier";
			c->kind = MK_SEQUENCE;
			return;
		}
		c->integer = cs->all_integer;
		if (c->vk == VK_NUMERIC && c->typmod >= (int32) VARHDRSZ)
			c->scale = ((c->typmod - VARHDRSZ) & 0x7ff);
		else if (!vk_is_integral(c->vk) && cs->max_scale <= 6)
			c->scale = cs->max_scale;

		/* low-cardinality numbers are categories in natural order */
		if (c->vk == VK_BOOL ||
			(!cs->freq.overflowed && cs->freq.nitems <= NUM_CATEGORY_MAX))
		{
			int			n = 0;
			int64		kept = 0;

			c->cats = palloc0(sizeof(ModelCat) * Max(cs->freq.nitems, 1));
			for (i = 0; i < cs->freq.nitems; i++)
				if (cs->freq.items[i].count >= k)
				{
					memcpy(&c->cats[n].value, cs->freq.items[i].key, sizeof(double));
					c->cats[n].count = cs->freq.items[i].count;
					kept += c->cats[n].count;
					n++;
				}
			if (n > 0 || c->vk == VK_BOOL)
			{
				qsort(c->cats, n, sizeof(ModelCat), cmp_cat_value);
				c->ncat = n;
				c->numeric_cats = true;
				c->kind = n > 0 ? MK_CATEGORICAL : MK_NULL;
				if (n == 0)
					c->reason = "every value seen fewer than k times";
				c->suppressed = 1.0 - (double) kept / c->count;
				for (i = 0; i < n; i++)
					c->cats[i].p = (double) c->cats[i].count / kept;
				return;
			}
		}

		/* too few values: any quantile would be some row's own value */
		if (c->count <= 2 * k)
		{
			c->kind = MK_NULL;
			c->reason = "fewer than 2k values: not modelled";
			return;
		}

		if (cs->hist->n <= 2 * k)
		{
			c->kind = MK_NULL;
			c->reason = "fewer than 2k values in the fit's sample: not modelled";
			return;
		}

		/* continuous: quantiles from the sketch, tails clipped at the k-th extreme */
		{
			SdAtom	   *atoms = palloc(sizeof(SdAtom) * SD_HIST_BUCKETS);
			int			na = 0;
			double		lo,
						hi,
						iqr[2],
						clip[2];
			SdHist	   *h = cs->hist;
			bool		use_log;
			double		min_point;
			int			g;

			/*
			 * Two sketches of the same values: on the values' own scale and
			 * on a logarithmic one.  The logarithmic one wins when an outlier
			 * stretches the linear buckets beyond 1/64 of the interquartile
			 * range (incomes, counts, lab values with a long right tail).
			 */
			min_point = (double) k * h->n / c->count;
			sd_hist_quantiles(h, min_point, 0.25, 0.75, 2, iqr);
			use_log = ldexp(1.0, h->exp) > (iqr[1] - iqr[0]) / 64 &&
				cs->loghist->n == h->n;
			if (use_log)
				h = cs->loghist;

			/* point masses: buckets holding a single value, often enough */
			for (g = 0; g < SD_HIST_BUCKETS; g++)
				if (h->b[g].count >= k && h->b[g].count >= 0.01 * h->n &&
					h->b[g].min == h->b[g].max)
				{
					atoms[na].value = use_log ? unlog_scale(h->b[g].min) : h->b[g].min;
					/* on the table's scale when the histogram is a sample's */
					atoms[na].count = (int64) rint((double) h->b[g].count * c->count / h->n);
					na++;
				}

			/*
			 * The whole quantile function, then clipped to the k-th smallest
			 * and k-th largest values: the k most extreme rows on each side
			 * share the clip point, so no single row's outlier is disclosed.
			 */
			c->grid = palloc(sizeof(double) * GRID_POINTS);
			sd_hist_quantiles(h, min_point, 0, 1, GRID_POINTS, c->grid);

			/*
			 * Normal scores use the unclipped quantile function: clipping
			 * would give the k most extreme rows one extreme score each
			 * and inflate every correlation with this column.
			 */
			c->score_grid = palloc(sizeof(double) * GRID_POINTS);
			for (g = 0; g < GRID_POINTS; g++)
				c->score_grid[g] = use_log ? unlog_scale(c->grid[g]) : c->grid[g];
			for (g = 1; g < GRID_POINTS; g++)
				c->score_grid[g] = Max(c->score_grid[g], c->score_grid[g - 1]);
			if (h->n > 2 * k)
			{
				lo = (double) k / h->n;
				hi = 1.0 - (double) k / h->n;
			}
			else
				lo = hi = 0.5;
			sd_hist_quantiles(h, min_point, lo, hi, 2, clip);
			for (g = 0; g < GRID_POINTS; g++)
			{
				double		q = Max(clip[0], Min(clip[1], c->grid[g]));

				c->grid[g] = use_log ? unlog_scale(q) : q;
			}
			/* keep the grid non-decreasing after the round trip */
			for (g = 1; g < GRID_POINTS; g++)
				c->grid[g] = Max(c->grid[g], c->grid[g - 1]);
			c->atoms = atoms;
			c->natoms = na;
			c->kind = MK_CONTINUOUS;
		}
		return;
	}

	/*
	 * Strings.  A role set by option is final; a name that suggests PII
	 * yields to the values when they are categories seen at least k times
	 * each (own_telephone = yes/no is not a phone number).
	 */
	if ((c->role == ROLE_IDENTIFIER || c->role == ROLE_PII) && c->role_forced)
	{
		c->kind = c->vk == VK_UUID ? MK_UUID : MK_FORMAT;
		if (c->role == ROLE_PII && c->pii_kind == NULL && c->vk == VK_STRING)
			c->pii_kind = infer_pii_kind(c, cs);
	}
	else
	{
		ModelCat   *cats = palloc0(sizeof(ModelCat) * Max(cs->freq.nitems, 1));
		int			n = 0;
		int64		kept = 0;
		SdFakeKind	personal = c->vk == VK_STRING && !cs->binary ?
			personal_kind_of(c, &cs->freq) : SD_FAKE_NONE;

		/* a long value's digest counts, but is no category: no value to emit */
		for (i = 0; i < cs->freq.nitems; i++)
			if (cs->freq.items[i].count >= k &&
				sd_freq_key_is_digest(cs->freq.items[i].key, cs->freq.items[i].len))
				long_repeated += cs->freq.items[i].count;
			else if (cs->freq.items[i].count >= k)
			{
				cats[n].label = pnstrdup(cs->freq.items[i].key, cs->freq.items[i].len);
				cats[n].len = cs->freq.items[i].len;
				cats[n].count = cs->freq.items[i].count;
				n++;
			}
		if (n > COPULA_CATEGORY_MAX)
		{
			qsort(cats, n, sizeof(ModelCat), cmp_cat_count_desc);
			n = COPULA_CATEGORY_MAX;
		}
		for (i = 0; i < n; i++)
			kept += cats[i].count;

		/*
		 * Personal data (by name or by content) is never a category of real
		 * values, however many rows share a value (a customer's name on each
		 * of their orders): it gets fakes of its kind.
		 */
		if (personal != SD_FAKE_NONE && n > 0 && kept >= 0.5 * c->count)
		{
			if (c->role != ROLE_PII || sd_fake_kind_lookup(c->pii_kind) != personal)
				c->reason = c->role == ROLE_PII ? "column name and values" :
					"values are personal data";
			c->role = ROLE_PII;
			c->pii_kind = (char *) sd_fake_kind_name(personal);
			/* on to the format below, which the sampler fills with fakes */
		}
		else if (n > 0 && kept >= 0.5 * c->count)
		{
			if (c->role == ROLE_PII)
			{
				c->role = ROLE_ATTRIBUTE;
				c->pii_kind = NULL;
				c->reason = sd_fake_kind_is_personal(sd_fake_kind_from_column(c->name)) ?
					"name suggests PII, but the values are not of its kind" :
					"name suggests PII, but the values are categories";
			}
			/* label order for now; the fit reorders by principal component */
			c->cats = cats;
			c->ncat = n;
			c->kind = MK_CATEGORICAL;
			c->suppressed = 1.0 - (double) kept / c->count;
			for (i = 0; i < n; i++)
				c->cats[i].p = (double) c->cats[i].count / kept;
			return;
		}
		if (cs->elem_occ != NULL && array_marginal(c, cs, k))
			return;
		if (cs->doc != NULL && document_marginal(c, cs, k))
			return;
		if (cs->range != NULL && range_marginal(c, cs, k))
			return;
		if (c->vk == VK_UUID)
		{
			c->role = ROLE_IDENTIFIER;
			c->reason = "high-cardinality uuid";
			c->kind = MK_UUID;
			return;
		}
		if (c->vk == VK_OTHER && c->role != ROLE_PII &&
			(c->pii_kind = (char *) pii_kind_from_shapes(&cs->shapes, c->count)) != NULL)
		{
			/* inet addresses and the like: their fake generator, through the type's input */
			c->role = ROLE_PII;
			c->reason = "value pattern";
			c->kind = MK_FORMAT;
			return;
		}
		if (c->vk == VK_OTHER && c->role != ROLE_PII &&
			(c->pii_kind = (char *) pii_kind_from_type(typid, &cs->shapes, c->count)) != NULL)
		{
			/* many network addresses: fake ones of the type's kind */
			c->role = ROLE_PII;
			c->reason = "type";
			c->kind = MK_FORMAT;
			return;
		}
		if (cs->binary)
		{
			/* binary values of many kinds: fresh random bytes of their lengths */
			if (sd_hll_estimate(&cs->hll) >= 0.9 * c->count && c->count >= 20)
			{
				c->role = ROLE_IDENTIFIER;
				c->reason = "near-unique binary values: random bytes of their lengths";
			}
			else
				c->reason = "binary values: random bytes of their lengths";
			c->kind = MK_FORMAT;
			c->binary = true;
			format_lengths(c, cs, k);
			return;
		}
		if (c->vk == VK_OTHER)
		{
			char	   *empty = type_empty_value(typid);

			c->kind = empty ? MK_CONSTANT : MK_NULL;
			c->constant = empty;
			c->reason = "type not modelled";
			ereport(NOTICE,
					(errmsg("column \"%s\" of type %s is not modelled", c->name, c->type),
					 errdetail("Its values are generated as %s.",
							   empty ? "the type's empty value" : "NULL"),
					 errhint("Exclude the column, or give it a role in option \"columns\".")));
			return;
		}
		if (c->role == ROLE_PII)
			;					/* PII by name */
		else if (personal != SD_FAKE_NONE)
		{
			c->role = ROLE_PII;
			c->pii_kind = (char *) sd_fake_kind_name(personal);
			c->reason = "values are personal data";
		}
		else
		{
			const char *kind = pii_kind_from_shapes(&cs->shapes, c->count);

			if (kind != NULL)
			{
				c->role = ROLE_PII;
				c->pii_kind = (char *) kind;
				c->reason = "value pattern";
			}
			else if (sd_hll_estimate(&cs->hll) >= 0.9 * c->count && c->count >= 20)
			{
				c->role = ROLE_IDENTIFIER;
				c->reason = "near-unique text";
			}
			else if (long_repeated >= 0.5 * c->count)
				c->reason = "long texts: modelled as text, never cut into categories";
			else
				c->reason = "high-cardinality text";
		}
		c->kind = MK_FORMAT;
	}

	/* a format: shapes seen at least k times, and the length distribution */
	if (c->kind == MK_FORMAT && c->vk != VK_STRING)
	{
		char	   *empty = type_empty_value(typid);

		c->kind = empty ? MK_CONSTANT : MK_NULL;
		c->constant = empty;
		ereport(NOTICE,
				(errmsg("column \"%s\" of type %s is not modelled", c->name, c->type),
				 errdetail("Its values are generated as %s.",
						   empty ? "the type's empty value" : "NULL")));
		return;
	}
	if (c->kind == MK_FORMAT)
	{
		int64		total = 0;

		sd_freq_finish(&cs->shapes);
		c->shapes = palloc0(sizeof(ModelShape) * Max(cs->shapes.nitems, 1));
		for (i = 0; i < cs->shapes.nitems; i++)
			if (cs->shapes.items[i].count >= k)
			{
				c->shapes[c->nshapes].shape = pnstrdup(cs->shapes.items[i].key,
													   cs->shapes.items[i].len);
				c->shapes[c->nshapes].len = cs->shapes.items[i].len;
				c->shapes[c->nshapes].p = cs->shapes.items[i].count;
				total += cs->shapes.items[i].count;
				c->nshapes++;
			}
		for (i = 0; i < c->nshapes; i++)
			c->shapes[i].p /= total;
		format_lengths(c, cs, k);
	}
}

/* ---- finalising: orders, latent correlations ---------------------------- */

static inline int64
pair_offset(const FitConfig *cfg, int a, int b)
{
	return cfg->offset[Min(a, b) * cfg->ndims + Max(a, b)];
}

/* count of (a = ca, b = cb) for two discrete dimensions a != b */
static inline double
pair_count(const FitConfig *cfg, const int128 *cells, int a, int ca, int b, int cb)
{
	if (a < b)
		return (double) cells[pair_offset(cfg, a, b) + (int64) ca * cfg->dim_ncat[b] + cb];
	return (double) cells[pair_offset(cfg, a, b) + (int64) cb * cfg->dim_ncat[a] + ca];
}

/* interval-mean scores of categories taken in the order perm[0..n-1] */
static void
order_scores(const double *counts, const int *perm, int n, double *score)
{
	double		total = 0,
				cum = 0,
				prev = -INFINITY;
	int			r;

	for (r = 0; r < n; r++)
		total += counts[r];
	for (r = 0; r < n; r++)
	{
		double		next;

		cum += counts[perm[r]];
		next = (r == n - 1 || total <= 0) ? INFINITY : sd_qnorm(Min(cum / total, 1.0));
		score[perm[r]] = sd_interval_mean(prev, next);
		prev = next;
	}
}

typedef struct ProjSort
{
	double		proj;
	int			idx;
	const ModelCat *cat;
} ProjSort;

static int
cmp_proj(const void *a, const void *b)
{
	const ProjSort *x = a,
			   *y = b;

	if (x->proj != y->proj)
		return (x->proj > y->proj) - (x->proj < y->proj);
	return cmp_cat_count_desc(x->cat, y->cat);
}

/*
 * How strongly a category changes a continuous column's distribution: the
 * bias-corrected Cramer's V (Bergsma, "A bias-correction for Cramer's V and
 * Tschuprow's T", J. Korean Stat. Soc. 42, 2013) of the category x U_BINS
 * slices-of-F(x) table, which the pass keeps for parents of at most
 * PARENT_CATEGORY_MAX categories: it sees a change of spread or shape as
 * well as of mean.
 */
static double
slice_association(const int128 *cell, int ncat)
{
	int			stride = dc_stride(ncat);
	double		N = 0,
				chi2 = 0,
				phi2,
				kr,
				kc,
				colsum[U_BINS];
	int			r,
				u,
				rows = 0,
				cols = 0;

	memset(colsum, 0, sizeof(colsum));
	for (r = 0; r < ncat; r++)
		for (u = 0; u < U_BINS; u++)
		{
			double		n = (double) cell[stride * r + 3 + 3 * u];

			colsum[u] += n;
			N += n;
		}
	if (N < 2)
		return 0;
	for (u = 0; u < U_BINS; u++)
		cols += colsum[u] > 0;
	for (r = 0; r < ncat; r++)
	{
		double		rowsum = 0;

		for (u = 0; u < U_BINS; u++)
			rowsum += (double) cell[stride * r + 3 + 3 * u];
		if (rowsum <= 0)
			continue;
		rows++;
		for (u = 0; u < U_BINS; u++)
		{
			double		e = rowsum * colsum[u] / N,
						n = (double) cell[stride * r + 3 + 3 * u];

			if (e > 0)
				chi2 += (n - e) * (n - e) / e;
		}
	}
	if (rows < 2 || cols < 2)
		return 0;
	phi2 = Max(0.0, chi2 / N - (double) (rows - 1) * (cols - 1) / (N - 1));
	kr = rows - (double) (rows - 1) * (rows - 1) / (N - 1);
	kc = cols - (double) (cols - 1) * (cols - 1) / (N - 1);
	if (Min(kr, kc) <= 1)
		return 0;
	return sqrt(phi2 / (Min(kr, kc) - 1));
}

static void
finalise_dependence(Model *m, FitConfig *cfg, FitState *st, bool copula)
{
	int			D = cfg->ndims;
	const int128 *cells = st->cells;
	double	  **counts = palloc0(sizeof(double *) * Max(D, 1));
	int		  **perm = palloc0(sizeof(int *) * Max(D, 1));
	double	  **score = palloc0(sizeof(double *) * Max(D, 1));
	ModelCol  **dimcol = palloc0(sizeof(ModelCol *) * Max(D, 1));
	double	   *R;
	int			a,
				b,
				c,
				i;

	for (i = 0; i < m->ncols; i++)
		if (m->cols[i].value_dim >= 0)
			dimcol[m->cols[i].value_dim] = &m->cols[i];

	/* marginal counts and provisional orders */
	for (a = 0; a < D; a++)
	{
		int			n = cfg->dim_ncat[a];

		if (n == 0)
			continue;
		counts[a] = palloc(sizeof(double) * n);
		perm[a] = palloc(sizeof(int) * n);
		score[a] = palloc(sizeof(double) * n);
		for (c = 0; c < n; c++)
		{
			counts[a][c] = (double) cells[cfg->offset[a * D + a] + c];
			perm[a][c] = c;
		}
		if (dimcol[a] && !dimcol[a]->numeric_cats)
		{
			/* provisional: by frequency */
			ProjSort   *ps = palloc(sizeof(ProjSort) * n);

			for (c = 0; c < n; c++)
			{
				ps[c].proj = 0;
				ps[c].idx = c;
				ps[c].cat = &dimcol[a]->cats[c];
			}
			qsort(ps, n, sizeof(ProjSort), cmp_proj);
			for (c = 0; c < n; c++)
				perm[a][c] = ps[c].idx;
			pfree(ps);
		}
		order_scores(counts[a], perm[a], n, score[a]);
	}

	/*
	 * Text categories: order by the first principal component of their mean
	 * scores on every other dimension (weighted by the category counts).
	 */
	for (a = 0; a < D; a++)
	{
		int			n = cfg->dim_ncat[a];
		int			nf = D - 1,
					f;
		double	   *feat,
				   *mean,
				   *cov,
				   *val,
				   *vec,
					wsum = 0;
		ProjSort   *ps;
		int			best = 0;

		if (n < 3 || dimcol[a] == NULL || dimcol[a]->numeric_cats || nf == 0)
			continue;
		feat = palloc0(sizeof(double) * n * nf);
		mean = palloc0(sizeof(double) * nf);
		f = 0;
		for (b = 0; b < D; b++)
		{
			double		fm = 0,
						fw = 0;

			if (b == a)
				continue;
			for (c = 0; c < n; c++)
			{
				double		num = 0,
							den = 0;

				if (cfg->dim_ncat[b] == 0)
				{
					const int128 *cell = cells + pair_offset(cfg, a, b) +
						(int64) dc_stride(n) * c;

					den = (double) cell[0];
					num = (double) cell[1] / FIXED_SCALE;
				}
				else
				{
					int			cb;

					for (cb = 0; cb < cfg->dim_ncat[b]; cb++)
					{
						double		cnt = pair_count(cfg, cells, a, c, b, cb);

						den += cnt;
						num += cnt * score[b][cb];
					}
				}
				feat[c * nf + f] = den > 0 ? num / den : NAN;
				if (den > 0)
				{
					fm += counts[a][c] * feat[c * nf + f];
					fw += counts[a][c];
				}
			}
			mean[f] = fw > 0 ? fm / fw : 0;
			for (c = 0; c < n; c++)
				if (isnan(feat[c * nf + f]))
					feat[c * nf + f] = mean[f];
			f++;
		}
		cov = palloc0(sizeof(double) * nf * nf);
		for (c = 0; c < n; c++)
		{
			int			g;

			wsum += counts[a][c];
			for (f = 0; f < nf; f++)
				for (g = 0; g < nf; g++)
					cov[f * nf + g] += counts[a][c] *
						(feat[c * nf + f] - mean[f]) * (feat[c * nf + g] - mean[g]);
		}
		val = palloc(sizeof(double) * nf);
		vec = palloc(sizeof(double) * nf * nf);
		sd_jacobi_eigen(cov, nf, val, vec);
		for (f = 1; f < nf; f++)
			if (val[f] > val[best])
				best = f;
		ps = palloc(sizeof(ProjSort) * n);
		for (c = 0; c < n; c++)
		{
			double		p = 0;

			for (f = 0; f < nf; f++)
				p += (feat[c * nf + f] - mean[f]) * vec[f * nf + best];
			/* round away eigenvector noise so near-ties break by the label */
			ps[c].proj = rint(p * 1e9);
			ps[c].idx = c;
			ps[c].cat = &dimcol[a]->cats[c];
		}
		if (val[best] > 1e-12)
		{
			qsort(ps, n, sizeof(ProjSort), cmp_proj);
			for (c = 0; c < n; c++)
				perm[a][c] = ps[c].idx;
			dimcol[a]->pc_order = true;
		}
		order_scores(counts[a], perm[a], n, score[a]);
	}

	/* latent correlations */
	R = palloc0(sizeof(double) * Max(D * D, 1));
	for (a = 0; a < D; a++)
	{
		R[a * D + a] = 1;
		CHECK_FOR_INTERRUPTS();
		for (b = a + 1; b < D && copula; b++)
		{
			int			na = cfg->dim_ncat[a],
						nb = cfg->dim_ncat[b];
			const int128 *cell = cells + pair_offset(cfg, a, b);
			double		r = 0;

			CHECK_FOR_INTERRUPTS();

			if (na == 0 && nb == 0)
			{
				double		n = (double) cell[0];

				if (n >= 3)
				{
					double		sa = (double) cell[1] / FIXED_SCALE,
								sb = (double) cell[2] / FIXED_SCALE,
								saa = (double) cell[3] / (FIXED_SCALE * FIXED_SCALE),
								sbb = (double) cell[4] / (FIXED_SCALE * FIXED_SCALE),
								sab = (double) cell[5] / (FIXED_SCALE * FIXED_SCALE);
					double		va = n * saa - sa * sa,
								vb = n * sbb - sb * sb;

					if (va > 0 && vb > 0)
						r = (n * sab - sa * sb) / sqrt(va * vb);
				}
			}
			else if (na > 0 && nb > 0)
			{
				int64	   *t = palloc(sizeof(int64) * na * nb);
				int64		total = 0;
				int			ra,
							rb;

				for (ra = 0; ra < na; ra++)
					for (rb = 0; rb < nb; rb++)
					{
						t[ra * nb + rb] = (int64) pair_count(cfg, cells, a, perm[a][ra],
															 b, perm[b][rb]);
						total += t[ra * nb + rb];
					}
				if (total >= 10)
					r = sd_polychoric_capped(t, na, nb, POLYCHORIC_CATEGORY_MAX);
				pfree(t);
			}
			else
			{
				/* polyserial: E[z | category] = rho * score(category) */
				int			d = na > 0 ? a : b;
				int			n = na > 0 ? na : nb;
				double		N = 0,
							ss = 0,
							s2 = 0,
							sz = 0,
							szz = 0,
							ssz = 0;

				for (c = 0; c < n; c++)
				{
					int			stride = dc_stride(n);
					double		cn = (double) cell[stride * c],
								cz = (double) cell[stride * c + 1] / FIXED_SCALE,
								czz = (double) cell[stride * c + 2] / (FIXED_SCALE * FIXED_SCALE);

					N += cn;
					ss += cn * score[d][c];
					s2 += cn * score[d][c] * score[d][c];
					sz += cz;
					szz += czz;
					ssz += score[d][c] * cz;
				}
				if (N >= 3)
				{
					double		vs = s2 / N - (ss / N) * (ss / N),
								vz = szz / N - (sz / N) * (sz / N),
								cv = ssz / N - (ss / N) * (sz / N);

					if (vs > 1e-9 && vz > 1e-9)
						r = cv / (vs * sqrt(vz));
				}
			}
			r = Max(-0.995, Min(0.995, r));
			R[a * D + b] = R[b * D + a] = r;
		}
	}
	/*
	 * Conditional categories: a categorical column that a categorical column
	 * of at most PARENT_CATEGORY_MAX categories determines strongly (Theil's
	 * uncertainty coefficient U(child | parent) = 1 - H(child | parent) /
	 * H(child) >= CAT_U_MIN; Theil 1970, On the estimation of relationships
	 * involving qualitative variables, Am. J. Sociology 76) is drawn from
	 * P(child | parent category), so structural categories shared across
	 * columns stay together.  Its dimension then stands for the rank within
	 * the parent's category.  A parent is never a child itself (no chains).
	 * Privacy: a (parent category, child category) cell of fewer than k rows
	 * is never emitted; a parent category without any such cell keeps the
	 * child's marginal.
	 */
	if (copula)
	{
		bool	   *is_child = palloc0(sizeof(bool) * Max(m->ncols, 1));
		bool	   *is_parent = palloc0(sizeof(bool) * Max(m->ncols, 1));

		for (i = 0; i < m->ncols; i++)
		{
			ModelCol   *col = &m->cols[i];
			int			cd = col->value_dim,
						best = -1,
						j;
			double		best_u = CAT_U_MIN;

			if (col->kind != MK_CATEGORICAL || cd < 0 || col->ncat < 2 || is_parent[i])
				continue;
			for (j = 0; j < m->ncols; j++)
			{
				ModelCol   *par = &m->cols[j];
				int			d = par->value_dim,
							r;
				double		N = 0,
							hc = 0,
							hcp = 0;

				if (j == i || par->kind != MK_CATEGORICAL || d < 0 || is_child[j] ||
					par->ncat > PARENT_CATEGORY_MAX || par->ncat < 2)
					continue;
				for (r = 0; r < par->ncat; r++)
					for (c = 0; c < col->ncat; c++)
						N += pair_count(cfg, cells, d, r, cd, c);
				if (N < 2 * m->k)
					continue;
				for (c = 0; c < col->ncat; c++)
				{
					double		nc = 0;

					for (r = 0; r < par->ncat; r++)
						nc += pair_count(cfg, cells, d, r, cd, c);
					if (nc > 0)
						hc -= nc / N * log(nc / N);
				}
				for (r = 0; r < par->ncat; r++)
				{
					double		nr = 0;

					for (c = 0; c < col->ncat; c++)
						nr += pair_count(cfg, cells, d, r, cd, c);
					for (c = 0; c < col->ncat; c++)
					{
						double		n = pair_count(cfg, cells, d, r, cd, c);

						if (n > 0)
							hcp -= n / N * log(n / nr);
					}
				}
				if (hc > 0 && 1 - hcp / hc > best_u)
				{
					best_u = 1 - hcp / hc;
					best = j;
				}
			}
			if (best >= 0)
			{
				ModelCol   *par = &m->cols[best];
				int			d = par->value_dim;
				int			r;

				is_child[i] = true;
				is_parent[best] = true;
				col->cat_parent = best;
				col->cat_u = best_u;
				/* in pass-2 order of the child: sorted with the categories below */
				col->cat_cond = palloc0(sizeof(double) * par->ncat * col->ncat);
				for (r = 0; r < par->ncat; r++)
				{
					int			pr = perm[d][r];	/* final order -> pass-2 index */
					double	   *row = col->cat_cond + r * col->ncat;
					double		total = 0;

					for (c = 0; c < col->ncat; c++)
					{
						double		n = pair_count(cfg, cells, d, pr, cd, c);

						row[c] = n >= m->k ? n : 0;
						total += row[c];
					}
					for (c = 0; c < col->ncat; c++)
						row[c] = total > 0 ? row[c] / total : 0;
				}
				rank_within_parent(R, D, cd, d);
			}
		}

		/*
		 * Two children of one parent: independent given it (the partial
		 * correlation of ranks shaped by a structural category is no
		 * measure of anything left)
		 */
		for (i = 0; i < m->ncols; i++)
		{
			int			j;

			if (m->cols[i].cat_parent < 0)
				continue;
			for (j = i + 1; j < m->ncols; j++)
				if (m->cols[j].cat_parent == m->cols[i].cat_parent)
				{
					int			da = m->cols[i].value_dim,
								db = m->cols[j].value_dim;

					R[da * D + db] = R[db * D + da] = 0;
				}
		}
	}

	/*
	 * Conditional marginals: a continuous column whose normal scores a
	 * categorical column explains well (correlation ratio eta^2 >= 0.3), or
	 * whose spread or shape it changes (slice_association >= 0.4, with
	 * enough rows), keeps its distribution per category of that parent, as
	 * the share of each of U_BINS slices of its marginal F(x).  Its copula
	 * dimension keeps its latent correlations; the sampler reads the rank
	 * within the parent's category from it (conditional_latent_cdf).
	 */
	if (copula)
	{
		for (i = 0; i < m->ncols; i++)
		{
			ModelCol   *col = &m->cols[i];
			int			bdim = col->value_dim,
						best = -1,
						j;
			double		best_eta = 0,
						best_v = 0,
						best_score = 0,
						eta2,
						v;

			if (col->kind != MK_CONTINUOUS || bdim < 0)
				continue;
			for (j = 0; j < m->ncols; j++)
			{
				ModelCol   *par = &m->cols[j];
				int			d = par->value_dim;
				const int128 *cell;
				double		N = 0,
							S = 0,
							SS = 0,
							between = 0,
							total;

				if (j == i || par->kind != MK_CATEGORICAL || d < 0 ||
					par->ncat > PARENT_CATEGORY_MAX || par->cat_parent >= 0)
					continue;
				cell = cells + pair_offset(cfg, d, bdim);
				for (c = 0; c < par->ncat; c++)
				{
					int			stride = dc_stride(par->ncat);
					double		cn = (double) cell[stride * c],
								cs = (double) cell[stride * c + 1] / FIXED_SCALE;

					N += cn;
					S += cs;
					SS += (double) cell[stride * c + 2] / (FIXED_SCALE * FIXED_SCALE);
					if (cn > 0)
						between += cs * cs / cn;
				}
				if (N < 2 * m->k)
					continue;
				total = SS - S * S / N;
				between -= S * S / N;
				eta2 = total > 0 ? between / total : 0;

				/*
				 * A parent that moves the column's mean (eta^2), or, with
				 * enough rows for the slices' table (5 per cell on
				 * average), its spread or shape (V over the slices)
				 */
				v = N >= 5.0 * par->ncat * U_BINS ? slice_association(cell, par->ncat) : 0;
				if ((eta2 >= ETA2_MIN || v >= SLICE_V_MIN) && Max(eta2, v) > best_score)
				{
					best_score = Max(eta2, v);
					best_eta = eta2;
					best_v = v;
					best = j;
				}
			}
			if (best >= 0)
			{
				ModelCol   *par = &m->cols[best];
				int			d = par->value_dim;
				const int128 *cell = cells + pair_offset(cfg, d, bdim);
				int			r;

				col->parent = best;
				col->eta2 = best_eta;
				col->slice_v = best_v;
				col->cond = palloc(sizeof(double) * par->ncat * U_BINS * 3);
				for (r = 0; r < par->ncat; r++)
				{
					int			oc = perm[d][r];	/* final order -> pass-2 index */
					const int128 *cc = cell + (int64) dc_stride(par->ncat) * oc;
					double		cn = (double) cc[0];
					int			u;

					for (u = 0; u < U_BINS; u++)
					{
						double	   *out = col->cond + (r * U_BINS + u) * 3;
						double		bn = (double) cc[3 + 3 * u],
									bs = (double) cc[3 + 3 * u + 1] / U_SCALE,
									bss = (double) cc[3 + 3 * u + 2] / (U_SCALE * U_SCALE);

						out[0] = cn >= m->k ? bn / cn : 1.0 / U_BINS;
						/* where the slice's values lie, from k rows or more */
						if (cn >= m->k && bn >= m->k)
						{
							out[1] = bs / bn;
							out[2] = sqrt(Max(0.0, bss / bn - out[1] * out[1]));
						}
						else
						{
							out[1] = (u + 0.5) / U_BINS;
							out[2] = 1.0 / U_BINS / sqrt(12.0);
						}
					}
				}

				/*
				 * The column keeps its own latent correlations, the one
				 * with the parent included: the sampler turns its latent
				 * into the rank within the parent's category given both.
				 */
			}
		}
	}

	/*
	 * Conditional NULL-ness: a nullable column whose NULL state a categorical
	 * column (at most PARENT_CATEGORY_MAX categories) determines strongly
	 * (Cramer's V of the 2 x K contingency table >= NULL_V_MIN; Cramer 1946,
	 * Mathematical Methods of Statistics, 21.9) keeps P(NULL | category).
	 * Its NULL dimension then stands for the rank within the parent's
	 * category, as for conditional marginals.  Privacy: a category seen in
	 * fewer than k rows keeps the overall fraction; a (category, NULL) or
	 * (category, not NULL) cell of fewer than k rows is never emitted.
	 */
	if (copula)
	{
		for (i = 0; i < m->ncols; i++)
		{
			ModelCol   *col = &m->cols[i];
			int			ndim = col->null_dim,
						best = -1,
						j;
			double		best_v = NULL_V_MIN;

			if (ndim < 0)
				continue;
			/* NULL together with another column: the NULL block below keeps that */
			for (j = 0; j < m->ncols; j++)
			{
				int			o = m->cols[j].null_dim;

				if (j != i && o >= 0 && R[ndim * D + o] >= 0.99 &&
					(pair_count(cfg, cells, o, 0, ndim, 1) == 0 ||
					 pair_count(cfg, cells, o, 1, ndim, 0) == 0))
					break;
			}
			if (j < m->ncols)
				continue;
			for (j = 0; j < m->ncols; j++)
			{
				ModelCol   *par = &m->cols[j];
				int			d = par->value_dim;
				double		N = 0,
							nulls = 0,
							chi2 = 0;

				if (j == i || par->kind != MK_CATEGORICAL || d < 0 ||
					par->ncat > PARENT_CATEGORY_MAX || par->ncat < 2 ||
					par->cat_parent >= 0)
					continue;
				for (c = 0; c < par->ncat; c++)
				{
					N += pair_count(cfg, cells, d, c, ndim, 0) +
						pair_count(cfg, cells, d, c, ndim, 1);
					nulls += pair_count(cfg, cells, d, c, ndim, 1);
				}
				if (N < 2 * m->k || nulls <= 0 || nulls >= N)
					continue;
				for (c = 0; c < par->ncat; c++)
				{
					double		n1 = pair_count(cfg, cells, d, c, ndim, 1),
								n0 = pair_count(cfg, cells, d, c, ndim, 0),
								e1 = (n0 + n1) * nulls / N,
								e0 = (n0 + n1) * (N - nulls) / N;

					if (e1 > 0)
						chi2 += (n1 - e1) * (n1 - e1) / e1;
					if (e0 > 0)
						chi2 += (n0 - e0) * (n0 - e0) / e0;
				}
				if (sqrt(chi2 / N) > best_v)
				{
					best_v = sqrt(chi2 / N);
					best = j;
				}
			}
			if (best >= 0)
			{
				ModelCol   *par = &m->cols[best];
				int			d = par->value_dim;
				int			r;

				col->null_parent = best;
				col->null_v = best_v;
				col->null_cond = palloc(sizeof(double) * par->ncat);
				for (r = 0; r < par->ncat; r++)
				{
					int			oc = perm[d][r];	/* final order -> pass-2 index */
					double		n1 = pair_count(cfg, cells, d, oc, ndim, 1),
								n0 = pair_count(cfg, cells, d, oc, ndim, 0);

					if (n0 + n1 < m->k)
						col->null_cond[r] = col->null_fraction;
					else if (n1 < m->k)
						col->null_cond[r] = 0;
					else if (n0 < m->k)
						col->null_cond[r] = 1;
					else
						col->null_cond[r] = n1 / (n0 + n1);
				}
				rank_within_parent(R, D, ndim, d);
			}
		}
	}

	/*
	 * NULL blocks: columns that are NULL together (one NULL pattern nested in
	 * or equal to another, so the polychoric correlation sits at its bound)
	 * share one latent dimension; each column keeps its own threshold, so
	 * the nesting is reproduced exactly.
	 */
	if (copula && D > 1)
	{
		int		   *rep = palloc(sizeof(int) * D);
		int		   *newidx = palloc(sizeof(int) * D);
		bool	   *is_null_dim = palloc0(sizeof(bool) * D);
		int			nd = 0;

		/* a conditional NULL-ness keeps its own dimension */
		for (i = 0; i < m->ncols; i++)
			if (m->cols[i].null_dim >= 0 && m->cols[i].null_parent < 0)
				is_null_dim[m->cols[i].null_dim] = true;
		for (a = 0; a < D; a++)
		{
			rep[a] = a;
			if (!is_null_dim[a])
				continue;
			for (b = 0; b < a; b++)
			{
				double		n01,
							n10;

				if (!is_null_dim[b] || rep[b] != b || R[a * D + b] < 0.99)
					continue;
				n01 = pair_count(cfg, cells, b, 0, a, 1);
				n10 = pair_count(cfg, cells, b, 1, a, 0);
				if (n01 == 0 || n10 == 0)
				{
					rep[a] = b;
					break;
				}
			}
		}
		for (a = 0; a < D; a++)
			newidx[a] = rep[a] == a ? nd++ : -1;
		if (nd < D)
		{
			double	   *R2 = palloc(sizeof(double) * nd * nd);

			for (a = 0; a < D; a++)
				for (b = 0; b < D; b++)
					if (newidx[a] >= 0 && newidx[b] >= 0)
						R2[newidx[a] * nd + newidx[b]] = R[a * D + b];
			for (i = 0; i < m->ncols; i++)
			{
				if (m->cols[i].null_dim >= 0)
					m->cols[i].null_dim = newidx[rep[m->cols[i].null_dim]];
				if (m->cols[i].value_dim >= 0)
					m->cols[i].value_dim = newidx[m->cols[i].value_dim];
			}
			R = R2;
		}
		m->ndims = nd;
	}
	else
		m->ndims = D;

	/*
	 * A column's value and its own NULL dimension (its block's, when it is
	 * NULL together with others) are never observed together: their
	 * correlation is not identified, and the degenerate table it was
	 * estimated from gives an arbitrary number, which would shift the
	 * column's values among its non-NULL rows away from their frequencies.
	 * The value dimension is independent of it.
	 */
	for (i = 0; i < m->ncols; i++)
	{
		int			vd = m->cols[i].value_dim,
					nd = m->cols[i].null_dim;

		if (vd >= 0 && nd >= 0)
			R[vd * m->ndims + nd] = R[nd * m->ndims + vd] = 0;
	}

	if (m->ndims > 1)
	{
		int			n = m->ndims;
		double	   *l = palloc(sizeof(double) * n * n);

		if (!sd_cholesky(R, n, l))
		{
			sd_nearest_correlation(R, n, 1e-9, 200);
			sd_make_positive_definite(R, n);
		}
		pfree(l);
	}
	m->corr = R;

	/* categories in their final order */
	for (a = 0; a < D; a++)
	{
		ModelCol   *col = dimcol[a];
		ModelCat   *sorted;

		if (col == NULL || col->kind != MK_CATEGORICAL)
			continue;
		sorted = palloc(sizeof(ModelCat) * col->ncat);
		for (c = 0; c < col->ncat; c++)
			sorted[c] = col->cats[perm[a][c]];
		col->cats = sorted;
		if (col->cat_parent >= 0)
		{
			int			np = m->cols[col->cat_parent].ncat,
						r;
			double	   *cond = palloc(sizeof(double) * np * col->ncat);

			for (r = 0; r < np; r++)
				for (c = 0; c < col->ncat; c++)
					cond[r * col->ncat + c] = col->cat_cond[r * col->ncat + perm[a][c]];
			col->cat_cond = cond;
		}
	}
}

/* about 16 bits per row, at most 2^28 bits: a false positive costs a redraw */
static uint64
bloom_size(double rows)
{
	uint64		bits = UINT64CONST(1) << 16;

	while (bits < 16 * rows && bits < (UINT64CONST(1) << 28))
		bits <<= 1;
	return bits;
}


/* Index of the model column called name, other than column self; -1 if none. */
int
model_column_named(const Model *m, const char *name, int self)
{
	int			j;

	for (j = 0; j < m->ncols; j++)
		if (j != self && strcmp(m->cols[j].name, name) == 0)
			return j;
	return -1;
}

/*
 * Fits the model of a relation as the caller: one scan of a table (two of a
 * view or a foreign table).  With want_guard the scan that reads every row
 * also builds the exact-copy guard (m->guard), unless the fit reads a
 * sample of the table.
 */
Model *
fit_model(Oid relid, Jsonb *options, Oid func_nsp, bool want_guard)
{
	FitContext	fc;
	Model	   *m = palloc0(sizeof(Model));
	Relation	rel;
	TupleDesc	tupdesc;
	char	   *is_key;
	FitConfig	cfg1,
				cfg2;
	FitState   *st1,
			   *st2;
	Oid		   *typids;
	bool		has_key = false,
				guard;
	int			i,
				D;

	memset(&fc, 0, sizeof(fc));
	parse_fit_options(options, &fc.opts);
	fc.func_nsp = func_nsp;
	fc.relid = relid;
	fc.cxt = CurrentMemoryContext;

	sd_check_relation(relid, "fit");
	rel = relation_open(relid, AccessShareLock);
	if (rel->rd_rel->relkind != RELKIND_RELATION &&
		rel->rd_rel->relkind != RELKIND_PARTITIONED_TABLE &&
		rel->rd_rel->relkind != RELKIND_MATVIEW &&
		rel->rd_rel->relkind != RELKIND_VIEW &&
		rel->rd_rel->relkind != RELKIND_FOREIGN_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a table, view or materialized view",
						RelationGetRelationName(rel))));
	m->schema = get_namespace_name(RelationGetNamespace(rel));
	m->table = pstrdup(RelationGetRelationName(rel));
	fc.qualified = quote_qualified_identifier(m->schema, m->table);
	m->k = fc.opts.k;
	m->category_cap = fc.opts.category_cap;
	m->sample_percent = fc.opts.sample_percent;

	tupdesc = RelationGetDescr(rel);
	is_key = palloc0(sizeof(char) * tupdesc->natts);
	if (rel->rd_rel->relhasindex)
		mark_key_columns(rel, is_key);
	m->cols = palloc0(sizeof(ModelCol) * Max(tupdesc->natts, 1));
	typids = palloc0(sizeof(Oid) * Max(tupdesc->natts, 1));
	for (i = 0; i < tupdesc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, i);
		ModelCol   *c;
		bool		varlena;
		const char *pii;

		if (att->attisdropped)
			continue;
		c = &m->cols[m->ncols];
		typids[m->ncols] = att->atttypid;
		m->ncols++;
		c->name = pstrdup(NameStr(att->attname));
		c->type = format_type_with_typemod(att->atttypid, att->atttypmod);
		c->vk = value_kind_of(att->atttypid);
		c->typmod = att->atttypmod;
		c->notnull = att->attnotnull;
		c->attidx = i;
		c->null_dim = c->value_dim = -1;
		c->parent = -1;
		c->null_parent = -1;
		c->cat_parent = -1;
		getTypeOutputInfo(att->atttypid, &c->typoutput, &varlena);
		c->role = ROLE_ATTRIBUTE;
		if (is_key[i])
		{
			c->role = ROLE_KEY;
			c->key_member = is_key[i] == 2;
			c->reason = c->key_member ?
				"member of a composite key: modelled, and unique with the first" :
				"primary key or unique index";
		}
		else if ((pii = pii_kind_from_name(c->name)) != NULL &&
				 c->vk == VK_STRING)
		{
			c->role = ROLE_PII;
			c->pii_kind = (char *) pii;
			c->reason = "column name";
		}
	}
	relation_close(rel, AccessShareLock);
	apply_column_overrides(m, fc.opts.columns);
	for (i = 0; i < m->ncols; i++)
		if (m->cols[i].role == ROLE_KEY && !m->cols[i].key_member &&
			!(vk_is_integral(m->cols[i].vk) || m->cols[i].vk == VK_NUMERIC ||
			  m->cols[i].vk == VK_STRING || m->cols[i].vk == VK_UUID))
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("cannot generate key column \"%s\" of type %s",
							m->cols[i].name, m->cols[i].type),
					 errhint("Keys are generated for integer, numeric, text and uuid columns; give the column another role in option \"columns\".")));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(fc.cxt);

	/*
	 * The scan gathers the marginals, the exact-copy guard and a sample of
	 * rows for the dependence.
	 */
	memset(&cfg1, 0, sizeof(cfg1));
	cfg1.pass = PASS_MARGINALS;
	cfg1.ncols = m->ncols;
	cfg1.freq_cap = fc.opts.category_cap;
	cfg1.cols = palloc0(sizeof(ColConfig) * Max(m->ncols, 1));
	cfg1.whole_row = m->ncols == 0 || m->ncols > FIT_COLUMNS_MAX;
	for (i = 0; i < m->ncols; i++)
	{
		cfg1.cols[i].attidx = cfg1.whole_row ? m->cols[i].attidx : i;
		cfg1.cols[i].typid = typids[i];
		cfg1.cols[i].name = m->cols[i].name;
		cfg1.cols[i].vk = m->cols[i].vk;
		cfg1.cols[i].typoutput = m->cols[i].typoutput;
		cfg1.cols[i].null_dim = cfg1.cols[i].value_dim = -1;
		/* keys are generated, never copied: the guard compares the rest */
		cfg1.cols[i].in_guard = m->cols[i].role != ROLE_KEY;
		cfg1.cols[i].in_priority = m->cols[i].role == ROLE_KEY;
		has_key |= cfg1.cols[i].in_priority;
		/* a key of its own is generated: decide_marginal needs its counts only */
		cfg1.cols[i].count_only = m->cols[i].role == ROLE_KEY && !m->cols[i].key_member;
		/* decide_marginal reads the distinct count of text, and of integers named as identifiers */
		cfg1.cols[i].count_distinct = !vk_is_number(m->cols[i].vk) ||
			sd_fake_name_is_identifier(m->cols[i].name);
	}
	/* without a key, rows are sampled by all their values */
	for (i = 0; i < m->ncols && !has_key; i++)
		cfg1.cols[i].in_priority = true;
	guard = want_guard && fc.opts.sample_percent == 0;
	cfg1.sample_max = DEPENDENCE_SAMPLE_ROWS;
	cfg1.sample_budget = DEPENDENCE_SAMPLE_BYTES;
	if (guard)
		cfg1.bloom_bits = bloom_size(source_rows_estimate(relid, fc.qualified));
	st1 = run_fit_pass(&fc, &cfg1, "scan");
	hist_from_sample(st1);
	sample_canonical_order(st1);
	text_from_sample(st1, m->k);
	arrays_from_sample(st1);
	documents_from_sample(st1);
	ranges_from_sample(st1);
	zones_from_sample(st1, m);
	m->rows = st1->rows;
	for (i = 0; i < m->ncols; i++)
		decide_marginal(m, &m->cols[i], &st1->cols[i], typids[i]);

	/* copula dimensions */
	cfg2 = cfg1;
	cfg2.pass = PASS_DEPENDENCE;
	cfg2.sample_max = 0;
	cfg2.sample_budget = 0;
	cfg2.bloom_bits = 0;
	cfg2.cols = palloc0(sizeof(ColConfig) * Max(m->ncols, 1));
	D = 0;
	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *c = &m->cols[i];
		ColConfig  *cc = &cfg2.cols[i];

		*cc = cfg1.cols[i];
		if ((c->role != ROLE_KEY || c->key_member) && c->nulls > 0 && c->count > 0)
			cc->null_dim = c->null_dim = D++;
		if (c->kind == MK_CONTINUOUS)
		{
			cc->mode = DM_CONTINUOUS;
			cc->grid = c->score_grid;
			cc->value_dim = c->value_dim = D++;
		}
		else if (c->kind == MK_CATEGORICAL && c->ncat >= 2)
		{
			int			j;

			cc->mode = c->numeric_cats ? DM_DISCRETE_NUM : DM_DISCRETE_TEXT;
			cc->ncat = c->ncat;
			sd_freq_init(&cc->catmap, c->ncat);
			for (j = 0; j < c->ncat; j++)
			{
				if (c->numeric_cats)
					sd_freq_add(&cc->catmap, (char *) &c->cats[j].value,
								sizeof(double), j + 1);
				else
					sd_freq_add(&cc->catmap, c->cats[j].label, c->cats[j].len, j + 1);
			}
			cc->value_dim = c->value_dim = D++;
		}
	}
	cfg2.ndims = D;
	if (D > 0)
	{
		config_layout(&cfg2);
		/* the copula's sums: at most 64 MB */
		if (cfg2.ncells > (int64) (64 * 1024 * 1024 / sizeof(int128)))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many columns and categories to fit \"%s\"", m->table),
					 errdetail("The copula would need " INT64_FORMAT " MB of sums.",
							   cfg2.ncells * (int64) sizeof(int128) / (1024 * 1024)),
					 errhint("Fit a view of fewer columns, or lower option \"category_cap\".")));
		st2 = replay_sample(st1, &cfg2);
		m->copula_rows = st2->rows;
		finalise_dependence(m, st2->cfg, st2, fc.opts.copula);
	}
	else
	{
		m->ndims = 0;
		m->corr = NULL;
	}
	if (guard)
	{
		if ((double) cfg1.bloom_bits >= 8.0 * (double) m->rows)
		{
			m->guard = st1->bloom;
			m->guard_bits = cfg1.bloom_bits;
		}
		else
		{
			/* the table outgrew its estimate: a guard of the right size */
			FitConfig	cfg3 = cfg1;

			cfg3.pass = PASS_GUARD;
			cfg3.sample_max = 0;
			cfg3.sample_budget = 0;
			cfg3.bloom_bits = bloom_size((double) m->rows);
			st2 = run_fit_pass(&fc, &cfg3, "exact-copy guard");
			m->guard = st2->bloom;
			m->guard_bits = cfg3.bloom_bits;
		}
	}
	SPI_finish();
	return m;
}

/*
 * Builds the exact-copy guard: a Bloom filter of the source's rows on the
 * model's non-key columns, from one scan of the source as the caller.  It
 * lives only as long as the call; the model never holds it.
 */
void
sampler_build_guard(Sampler *s, Oid func_nsp)
{
	Model	   *m = s->m;
	Oid			relid;
	Relation	rel;
	TupleDesc	tupdesc;
	FitConfig	cfg;
	FitContext	fc;
	FitState   *st;
	MemoryContext cxt = CurrentMemoryContext;
	double		rows;
	int			g,
				j;

	relid = RangeVarGetRelid(makeRangeVar(m->schema, m->table, -1), NoLock, true);
	if (!OidIsValid(relid))
	{
		ereport(NOTICE,
				(errmsg("exact-copy guard not applied"),
				 errdetail("The model's source table \"%s.%s\" is not in this database.",
						   m->schema, m->table)));
		return;
	}
	if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
	{
		ereport(NOTICE,
				(errmsg("exact-copy guard not applied"),
				 errdetail("You cannot read the model's source table \"%s.%s\".",
						   m->schema, m->table)));
		return;
	}
	for (g = 0; g < s->nguard; g++)
		if (s->guard_att[g] < 0)
		{
			ereport(NOTICE,
					(errmsg("exact-copy guard not applied"),
					 errdetail("The target lacks some of the model's columns.")));
			return;
		}

	memset(&cfg, 0, sizeof(cfg));
	cfg.pass = PASS_GUARD;
	cfg.cols = palloc0(sizeof(ColConfig) * Max(m->ncols, 1));
	rel = relation_open(relid, AccessShareLock);
	tupdesc = RelationGetDescr(rel);
	for (j = 0; j < m->ncols; j++)
	{
		AttrNumber	attnum;
		Form_pg_attribute att;
		ColConfig  *cc;
		bool		varlena;

		if (m->cols[j].role == ROLE_KEY)
			continue;
		attnum = get_attnum(relid, m->cols[j].name);
		if (attnum <= 0)
		{
			relation_close(rel, AccessShareLock);
			ereport(NOTICE,
					(errmsg("exact-copy guard not applied"),
					 errdetail("The model's source table \"%s.%s\" has no column \"%s\".",
							   m->schema, m->table, m->cols[j].name)));
			return;
		}
		att = TupleDescAttr(tupdesc, attnum - 1);
		cc = &cfg.cols[cfg.ncols];
		cc->attidx = cfg.ncols++;	/* as an argument; see below */
		cc->typid = att->atttypid;
		cc->name = m->cols[j].name;
		cc->vk = value_kind_of(att->atttypid);
		/* compare as the model's class: numbers as numbers, the rest as text */
		if (vk_is_number(cc->vk) != vk_is_number(m->cols[j].vk))
		{
			relation_close(rel, AccessShareLock);
			ereport(NOTICE,
					(errmsg("exact-copy guard not applied"),
					 errdetail("Column \"%s\" of the model's source table has changed type.",
							   m->cols[j].name)));
			return;
		}
		getTypeOutputInfo(att->atttypid, &cc->typoutput, &varlena);
		cc->in_guard = true;
		cc->null_dim = cc->value_dim = -1;
	}
	rows = Max((double) m->rows, (double) rel->rd_rel->reltuples);
	relation_close(rel, AccessShareLock);

	cfg.bloom_bits = bloom_size(rows);
	if (cfg.ncols == 0 || cfg.ncols > FIT_COLUMNS_MAX)
	{
		/* too many (or no) columns for arguments: the scan passes whole rows */
		cfg.whole_row = true;
		for (j = 0; j < cfg.ncols; j++)
			cfg.cols[j].attidx = get_attnum(relid, cfg.cols[j].name) - 1;
	}

	memset(&fc, 0, sizeof(fc));
	fc.func_nsp = func_nsp;
	fc.relid = relid;
	fc.qualified = quote_qualified_identifier(m->schema, m->table);
	fc.cxt = cxt;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(cxt);
	st = run_fit_pass(&fc, &cfg, "exact-copy guard");
	SPI_finish();
	s->bloom = st->bloom;
	s->bloom_bits = cfg.bloom_bits;
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
typedef struct SampleState
{
	Sampler    *sampler;
	TupleDesc	tupdesc;
	int64		next;
	int64		end;
	bool		as_jsonb;
	Datum	   *values;
	bool	   *nulls;
	MemoryContext rowcxt;
	FmgrInfo	to_jsonb;		/* as_jsonb: to_jsonb() of the row type */
} SampleState;

/* called in the first call, in multi_call_memory_ctx */
static SampleState *
sample_start(FunctionCallInfo fcinfo, Model *m, TupleDesc tupdesc, Oid relid,
			 int64 n, uint64 seed, int64 start, bool guard, bool as_jsonb)
{
	SampleState *ss = palloc0(sizeof(SampleState));
	Sampler    *s;

	s = sampler_create(m, tupdesc, relid, get_rel_name(relid), seed);
	if (guard && m->guard != NULL)
	{
		s->bloom = m->guard;
		s->bloom_bits = m->guard_bits;
	}
	else if (guard && n > 0)
		sampler_build_guard(s, get_func_namespace(fcinfo->flinfo->fn_oid));
	ss->sampler = s;
	ss->tupdesc = tupdesc;
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
row_to_jsonb(SampleState *ss)
{
	HeapTuple	tuple = heap_form_tuple(ss->tupdesc, ss->values, ss->nulls);

	return FunctionCall1(&ss->to_jsonb, HeapTupleGetDatum(tuple));
}

/*
 * All rows straight into a tuplestore, for a call in FROM.  There the
 * executor stores every row in a tuplestore before it reads the first (and
 * says so with SFRM_Materialize_Preferred), so filling it here drops the
 * per-row heap tuple, its copy and the per-row function call.  The rows,
 * their order and the constant memory (the tuplestore spills to disk past
 * work_mem) are the same as row by row.
 */
static Datum
sample_materialize(FunctionCallInfo fcinfo, FuncCallContext *funcctx,
				   SampleState *ss, ReturnSetInfo *rsinfo)
{
	MemoryContext callcxt = CurrentMemoryContext;
	MemoryContext oldcxt;
	Tuplestorestate *tupstore;
	TupleDesc	setdesc;

	oldcxt = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	tupstore = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
									 false, work_mem);
	/* the executor frees a descriptor that is not reference-counted */
	setdesc = CreateTupleDescCopy(ss->tupdesc);
	MemoryContextSwitchTo(oldcxt);

	if (!sampler_guarded(ss->sampler))
	{
		while (ss->next < ss->end)
		{
			CHECK_FOR_INTERRUPTS();
			MemoryContextReset(ss->rowcxt);
			MemoryContextSwitchTo(ss->rowcxt);
			sample_row(ss->sampler, ss->next++, ss->values, ss->nulls);
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

				if (sd_bloom_test(s->bloom, s->bloom_bits, h1[k], h2[k]))
				{
					MemoryContextSwitchTo(cxt[k]);
					sample_row(s, row - GUARD_LAG, v, n);
				}
				MemoryContextSwitchTo(callcxt);
				tuplestore_putvalues(tupstore, ss->tupdesc, v, n);
			}
			if (row < ss->end)
			{
				MemoryContextReset(cxt[k]);
				MemoryContextSwitchTo(cxt[k]);
				sample_row_ex(s, row, values + k * natts, nulls + k * natts, false);
				row_guard_hashes(s, values + k * natts, nulls + k * natts, &h1[k], &h2[k]);
				sd_bloom_prefetch(s->bloom, s->bloom_bits, h1[k]);
				MemoryContextSwitchTo(callcxt);
			}
		}
		ss->next = ss->end;
	}
	if (ss->sampler->redraws > 0)
		elog(DEBUG1, "synthdata: " INT64_FORMAT " draws rejected (exact-copy guard or CHECK)",
			 ss->sampler->redraws);

	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = tupstore;
	rsinfo->setDesc = setdesc;
	/* the sampler's memory goes now, not at the end of the scan */
	end_MultiFuncCall(fcinfo, funcctx);
	return (Datum) 0;
}

static Datum
sample_next(FunctionCallInfo fcinfo)
{
	FuncCallContext *funcctx = SRF_PERCALL_SETUP();
	SampleState *ss = (SampleState *) funcctx->user_fctx;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext callcxt = CurrentMemoryContext;
	Datum		result;

	if (funcctx->call_cntr == 0 && !ss->as_jsonb &&
		rsinfo != NULL && IsA(rsinfo, ReturnSetInfo) &&
		(rsinfo->allowedModes & SFRM_Materialize) &&
		(rsinfo->allowedModes & SFRM_Materialize_Preferred))
		return sample_materialize(fcinfo, funcctx, ss, rsinfo);

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
	sample_row(ss->sampler, ss->next++, ss->values, ss->nulls);
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
				  get_func_namespace(fcinfo->flinfo->fn_oid), false);
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
		m = model_from_jsonb(PG_GETARG_JSONB_P_COPY(1));
		if (token > 0 && handoff_guard != NULL && (uint64) token == handoff_token)
		{
			m->guard = handoff_guard;
			m->guard_bits = handoff_guard_bits;
		}
		funcctx->user_fctx = sample_start(fcinfo, m, tupdesc, relid, n, seed, start,
										  token != 0, false);
		MemoryContextSwitchTo(oldcxt);
	}
	return sample_next(fcinfo);
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
	m = fit_model(relid, options, get_func_namespace(fcinfo->flinfo->fn_oid), fo.guard);
	n = arg_count_or_null(fcinfo, 1, m->rows);
	funcctx->user_fctx = sample_start(fcinfo, m, tupdesc, relid, n, seed, 0,
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
	return sample_next(fcinfo);
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
	return sample_next(fcinfo);
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
