/*-------------------------------------------------------------------------
 *
 * fake_sql.c
 *		SQL-callable fake values: synth_fake(), synth_random_fake(),
 *		synth_fake_pattern(), synth_fake_kinds() and the inference helpers
 *		synth_fake_kind_of_column() / synth_fake_kind_of_value().
 *
 * Arguments are checked before any row is produced; rows stream through
 * the shared ValuePerCall driver (sdutil.c).  Row i of synth_fake(n, kind)
 * is drawn with the stream "synth_fake <kind>" at counter row start + i,
 * and the person and place of (seed, start + i) (see fake.h), so that
 * synth_fake(n, 'email', seed => s) row i is the address of the person
 * synth_fake(n, 'full_name', seed => s) names in row i.
 *
 * The generation itself lives in fake.c; this file only checks and
 * converts.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fake_sql.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "fake.h"
#include "synthdata.h"

typedef struct FakeParams
{
	SdFakeKind	kind;
	int			locale;
	uint64		seed;
	int			max_length;		/* -1: no limit */
	int			min_length;		/* synth_fake_text only */
} FakeParams;

/* stream of kind: "synth_fake <kind>", so kinds do not share draws */
static void
fake_stream_name(SdFakeKind kind, char *buf, size_t size)
{
	snprintf(buf, size, "synth_fake %s", sd_fake_kind_name(kind));
}

/*
 * A StringInfo whose data starts with room for a varlena header, so that
 * the value becomes a text Datum in place (see text_result).
 */
static void
init_text_buf(StringInfo buf)
{
	buf->maxlen = 128;
	buf->data = palloc(buf->maxlen);
	buf->len = VARHDRSZ;
	buf->data[buf->len] = '\0';
	buf->cursor = 0;
}

static Datum
text_result(StringInfo buf)
{
	if (GetDatabaseEncoding() == PG_UTF8)
	{
		SET_VARSIZE(buf->data, buf->len);
		return PointerGetDatum(buf->data);
	}
	return sd_fake_text_datum(buf->data + VARHDRSZ, buf->len - VARHDRSZ);
}

static Datum
draw_fake(SdRng *rng, const void *params)
{
	const FakeParams *p = params;
	StringInfoData buf;

	init_text_buf(&buf);
	sd_fake_generate_max(p->kind, p->locale, p->seed, rng->row, rng,
						 p->max_length, &buf);
	return text_result(&buf);
}

/* max_length argument: NULL = no limit, else at least 1 */
static int
fake_max_length(FunctionCallInfo fcinfo, int argno)
{
	int32		max_length;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return -1;
	max_length = PG_GETARG_INT32(argno);
	if (max_length < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"max_length\" must be greater than zero"),
				 errdetail("max_length is %d.", max_length)));
	return max_length;
}

static void
fake_params(FunctionCallInfo fcinfo, int kind_arg, int locale_arg,
			FakeParams *p)
{
	char	   *kind;
	char	   *locale;

	sd_arg_not_null(fcinfo, kind_arg, "kind");
	sd_arg_not_null(fcinfo, locale_arg, "locale");
	kind = text_to_cstring(PG_GETARG_TEXT_PP(kind_arg));
	locale = text_to_cstring(PG_GETARG_TEXT_PP(locale_arg));
	p->kind = (SdFakeKind) sd_fake_kind_arg(kind);
	p->locale = sd_fake_locale_arg(locale);
}

/*
 * synth_fake(n, kind, locale, seed, start, max_length) returns setof text
 *		n fake values of a kind; row i depends only on (seed, start + i).
 *		With max_length, values have at most that many characters
 *		(sentences and paragraphs are generated to fit, other kinds cut).
 */
PG_FUNCTION_INFO_V1(synth_fake);
Datum
synth_fake(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
	{
		int64		n = sd_arg_count(fcinfo, 0);
		FakeParams	p;
		char		stream[64];
		int64		start;

		fake_params(fcinfo, 1, 2, &p);
		start = sd_arg_start(fcinfo, 4, n);
		p.max_length = fake_max_length(fcinfo, 5);
		p.seed = sd_arg_seed(fcinfo, 3);
		fake_stream_name(p.kind, stream, sizeof(stream));
		sd_srf_start(fcinfo, n, p.seed, start, stream, draw_fake,
					 &p, sizeof(p));
	}
	return sd_srf_next(fcinfo);
}

/*
 * synth_random_fake(kind, locale) returns text
 *		One value from the session stream (see synth_setseed): each call is
 *		a new row, i.e. a new person and place.
 */
PG_FUNCTION_INFO_V1(synth_random_fake);
Datum
synth_random_fake(PG_FUNCTION_ARGS)
{
	FakeParams	p;
	SdRng	   *rng;
	StringInfoData buf;

	fake_params(fcinfo, 0, 1, &p);
	p.max_length = -1;
	rng = sd_session_next("fake");
	/* the person and place of this call: keyed by a draw of the row */
	p.seed = sd_rng_u64(rng);
	initStringInfo(&buf);
	sd_fake_generate(p.kind, p.locale, p.seed, rng->row, rng, &buf);
	PG_RETURN_DATUM(sd_fake_text_datum(buf.data, buf.len));
}

/* ---- free text ------------------------------------------------------- */

static Datum
draw_text(SdRng *rng, const void *params)
{
	const FakeParams *p = params;
	StringInfoData buf;

	init_text_buf(&buf);
	sd_fake_text(p->locale, p->min_length, p->max_length, rng, &buf);
	return text_result(&buf);
}

/*
 * synth_fake_text(n, min_length, max_length, locale, seed, start)
 *		returns setof text
 *		n texts of sentences whose lengths in characters are drawn
 *		uniformly from [min_length, max_length].
 */
PG_FUNCTION_INFO_V1(synth_fake_text);
Datum
synth_fake_text(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
	{
		int64		n = sd_arg_count(fcinfo, 0);
		FakeParams	p = {0};
		int64		start;
		char	   *locale;

		sd_arg_not_null(fcinfo, 1, "min_length");
		sd_arg_not_null(fcinfo, 2, "max_length");
		sd_arg_not_null(fcinfo, 3, "locale");
		p.min_length = PG_GETARG_INT32(1);
		p.max_length = PG_GETARG_INT32(2);
		sd_check_nonnegative("min_length", p.min_length);
		sd_check_positive("max_length", p.max_length);
		sd_check_order("min_length", p.min_length, "max_length",
					   p.max_length, false);
		locale = text_to_cstring(PG_GETARG_TEXT_PP(3));
		p.locale = sd_fake_locale_arg(locale);
		start = sd_arg_start(fcinfo, 5, n);
		sd_srf_start(fcinfo, n, sd_arg_seed(fcinfo, 4), start,
					 "synth_fake_text", draw_text, &p, sizeof(p));
	}
	return sd_srf_next(fcinfo);
}

/* ---- patterns ---------------------------------------------------------- */

static Datum
draw_pattern(SdRng *rng, const void *params)
{
	const char *pattern = *(char *const *) params;
	StringInfoData buf;

	init_text_buf(&buf);
	sd_fake_pattern(pattern, rng, &buf);
	SET_VARSIZE(buf.data, buf.len);
	return PointerGetDatum(buf.data);
}

/*
 * synth_fake_pattern(n, pattern, seed, start) returns setof text
 *		n strings following a character-class pattern (see fake.h).
 */
PG_FUNCTION_INFO_V1(synth_fake_pattern);
Datum
synth_fake_pattern(PG_FUNCTION_ARGS)
{
	if (SRF_IS_FIRSTCALL())
	{
		int64		n = sd_arg_count(fcinfo, 0);
		char	   *pattern;
		MemoryContext oldcontext;

		sd_arg_not_null(fcinfo, 1, "pattern");
		/* the pattern must outlive this call: copy it into the SRF's memory */
		oldcontext = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		pattern = text_to_cstring(PG_GETARG_TEXT_PP(1));
		MemoryContextSwitchTo(oldcontext);
		sd_fake_pattern_arg(pattern);
		sd_srf_start(fcinfo, n, sd_arg_seed(fcinfo, 2),
					 sd_arg_start(fcinfo, 3, n), "synth_fake_pattern",
					 draw_pattern, &pattern, sizeof(pattern));
	}
	return sd_srf_next(fcinfo);
}

/*
 * synth_fake_pattern_of(value) returns text
 *		The pattern of a value's shape ("AB-12" -> "AA-99"), which
 *		synth_fake_pattern() turns into new values of the same format.
 */
PG_FUNCTION_INFO_V1(synth_fake_pattern_of);
Datum
synth_fake_pattern_of(PG_FUNCTION_ARGS)
{
	char	   *value = text_to_cstring(PG_GETARG_TEXT_PP(0));
	StringInfoData buf;

	init_text_buf(&buf);
	sd_fake_pattern_of_value(value, &buf);
	SET_VARSIZE(buf.data, buf.len);
	PG_RETURN_POINTER(buf.data);
}

/* ---- catalogue and inference ------------------------------------------ */

/*
 * synth_fake_kinds() returns table(kind, value_type, description, example)
 *		Every kind, with the first value synth_fake(1, kind, seed => 1)
 *		returns as its example.
 */
PG_FUNCTION_INFO_V1(synth_fake_kinds);
Datum
synth_fake_kinds(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			k;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC | MAT_SRF_BLESS);

	for (k = 1; k < SD_FAKE_NKINDS; k++)
	{
		Datum		values[4] = {0};
		bool		nulls[4] = {0};
		int			i = 0;
		SdRng		rng;
		char		stream[64];
		StringInfoData buf;
		static const char *const type_names[] = {"text", "number", "date"};

		fake_stream_name((SdFakeKind) k, stream, sizeof(stream));
		sd_rng_init(&rng, 1, sd_stream_id(stream));
		sd_rng_seek(&rng, 0);
		initStringInfo(&buf);
		sd_fake_generate((SdFakeKind) k, SD_FAKE_LOCALE_EN, 1, 0, &rng, &buf);

		values[i++] = CStringGetTextDatum(sd_fake_kind_name((SdFakeKind) k));
		values[i++] = CStringGetTextDatum(type_names[sd_fake_kind_type((SdFakeKind) k)]);
		values[i++] = CStringGetTextDatum(sd_fake_kind_description((SdFakeKind) k));
		values[i++] = sd_fake_text_datum(buf.data, buf.len);
		Assert(i == lengthof(values));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * synth_fake_kind_of_column(name) returns text
 *		The kind a column of this name gets by default, or NULL.
 */
PG_FUNCTION_INFO_V1(synth_fake_kind_of_column);
Datum
synth_fake_kind_of_column(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	SdFakeKind	kind = sd_fake_kind_from_column(name);

	if (kind == SD_FAKE_NONE)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(sd_fake_kind_name(kind)));
}

/*
 * synth_fake_kind_of_value(value) returns text
 *		The kind a value looks like (by pattern or dictionary), or NULL.
 */
PG_FUNCTION_INFO_V1(synth_fake_kind_of_value);
Datum
synth_fake_kind_of_value(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	char	   *value = text_to_cstring(t);
	SdFakeKind	kind;

	/* the dictionaries are UTF-8 */
	if (GetDatabaseEncoding() != PG_UTF8)
		value = pg_server_to_any(value, strlen(value), PG_UTF8);
	kind = sd_fake_kind_from_value(value);
	if (kind == SD_FAKE_NONE)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(sd_fake_kind_name(kind)));
}
