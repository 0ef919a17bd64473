/*-------------------------------------------------------------------------
 *
 * generate_types.c
 *		Column types for generated rows: what a type needs to build its
 *		values, rule values to Datums and back.
 *
 * The values are built through the types' own input and output functions
 * (fmgr), never through SQL.  No SPI, no catalog writes, no randomness:
 * every function here is a pure conversion.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/generate_types.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/namespace.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/catcache.h"
#include "utils/fmgroids.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "generate_int.h"

/* ---------------------------------------------------------------------
 * Small helpers
 * ---------------------------------------------------------------------
 */

bool
sdg_name_has(const char *name, const char *word)
{
	/* word appears as a "_"-separated part, a prefix or a suffix */
	const char *p = name;
	size_t		len = strlen(word);

	while ((p = strstr(p, word)) != NULL)
	{
		bool		startok = (p == name || p[-1] == '_');
		bool		endok = (p[len] == '\0' || p[len] == '_' || p[len] == 's');

		if (startok && endok)
			return true;
		p++;
	}
	return false;
}

double
sdg_pow10i(int e)
{
	double		r = 1;

	while (e-- > 0)
		r *= 10;
	return r;
}

uint64
sdg_sat_mul(uint64 a, uint64 b)
{
	if (a != 0 && b > PG_UINT64_MAX / a)
		return PG_UINT64_MAX;
	return a * b;
}

/* ---------------------------------------------------------------------
 * Types: information, values to Datums and back
 * ---------------------------------------------------------------------
 */

static void
enum_labels(TypeInfo *ti)
{
	CatCList   *list = SearchSysCacheList1(ENUMTYPOIDNAME, ObjectIdGetDatum(ti->typid));
	int			i,
				j;
	float4	   *order;

	ti->nlabels = list->n_members;
	ti->labels = palloc(sizeof(Datum) * Max(ti->nlabels, 1));
	ti->labeltext = palloc(sizeof(char *) * Max(ti->nlabels, 1));
	order = palloc(sizeof(float4) * Max(ti->nlabels, 1));
	for (i = 0; i < list->n_members; i++)
	{
		HeapTuple	tup = &list->members[i]->tuple;
		Form_pg_enum en = (Form_pg_enum) GETSTRUCT(tup);

		ti->labels[i] = ObjectIdGetDatum(en->oid);
		ti->labeltext[i] = pstrdup(NameStr(en->enumlabel));
		order[i] = en->enumsortorder;
	}
	ReleaseCatCacheList(list);
	/* insertion sort by enumsortorder (labels are few) */
	for (i = 1; i < ti->nlabels; i++)
		for (j = i; j > 0 && order[j - 1] > order[j]; j--)
		{
			float4		o = order[j];
			Datum		d = ti->labels[j];
			char	   *s = ti->labeltext[j];

			order[j] = order[j - 1];
			ti->labels[j] = ti->labels[j - 1];
			ti->labeltext[j] = ti->labeltext[j - 1];
			order[j - 1] = o;
			ti->labels[j - 1] = d;
			ti->labeltext[j - 1] = s;
		}
}

void
sdg_typeinfo_init(TypeInfo *ti, Oid typid, int32 typmod)
{
	Oid			infn,
				outfn;
	bool		isvarlena;
	HeapTuple	tp;
	Form_pg_type typ;

	memset(ti, 0, sizeof(TypeInfo));
	ti->typid = typid;
	ti->ctype = sd_col_type(typid);
	ti->typmod = typmod;
	get_typlenbyvalalign(typid, &ti->typlen, &ti->typbyval, &ti->typalign);
	getTypeInputInfo(typid, &infn, &ti->ioparam);
	fmgr_info(infn, &ti->infunc);
	getTypeOutputInfo(typid, &outfn, &isvarlena);
	fmgr_info(outfn, &ti->outfunc);
	ti->maxlen = -1;
	ti->precision = -1;
	ti->scale = -1;

	tp = SearchSysCache1(TYPEOID, ObjectIdGetDatum(typid));
	if (!HeapTupleIsValid(tp))
		elog(ERROR, "cache lookup failed for type %u", typid);
	typ = (Form_pg_type) GETSTRUCT(tp);
	ti->category = typ->typcategory;
	if (IsTrueArrayType(typ))
	{
		int32		etypmod = typmod;
		Oid			ebase = getBaseTypeAndTypmod(typ->typelem, &etypmod);

		/*
		 * An array of a domain: elements are drawn as the base type and the
		 * array is built by the array type's input function, which applies
		 * the domain's constraints.
		 */
		ti->elem_domain = (ebase != typ->typelem);
		ti->elem = palloc(sizeof(TypeInfo));
		sdg_typeinfo_init(ti->elem, ebase, etypmod);
		if (ti->elem_domain)
		{
			ti->elemdom = palloc0(sizeof(DomainConstraintRef));
			InitDomainConstraintRef(typ->typelem, ti->elemdom,
									CurrentMemoryContext, true);
			ti->elemecxt = CreateStandaloneExprContext();
		}
	}
	if (typ->typtype == TYPTYPE_ENUM)
		enum_labels(ti);
	if (typ->typtype == TYPTYPE_RANGE)
		ti->rngsubtype = get_range_subtype(typid);
	ReleaseSysCache(tp);

	switch (typid)
	{
		case VARCHAROID:
		case BPCHAROID:
			if (typmod >= VARHDRSZ)
				ti->maxlen = typmod - VARHDRSZ;
			break;
		case BITOID:
		case VARBITOID:
			if (typmod > 0)
				ti->maxlen = typmod;
			break;
		case NUMERICOID:
			if (typmod >= VARHDRSZ)
			{
				ti->precision = ((typmod - VARHDRSZ) >> 16) & 0xffff;
				ti->scale = (((typmod - VARHDRSZ) & 0x7ff) ^ 1024) - 1024;
			}
			break;
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
		case TIMEOID:
		case TIMETZOID:
			ti->scale = typmod >= 0 ? typmod : 6;
			break;
		default:
			break;
	}
}

Datum
sdg_text_to_datum(TypeInfo *ti, const char *s)
{
	return InputFunctionCall(&ti->infunc, (char *) s, ti->ioparam, ti->typmod);
}

/* cut a string to at most n characters */
char *
sdg_clip_chars(char *s, int n)
{
	if (n >= 0 && pg_mbstrlen(s) > n)
		s[pg_mbcharcliplen(s, strlen(s), n)] = '\0';
	return s;
}

static Datum
num_to_numeric(TypeInfo *ti, double v)
{
	int			scale = ti->scale >= 0 ? ti->scale : 2;
	double		scaled = rint(v * sdg_pow10i(Max(scale, 0)));
	Datum		d;

	if (ti->scale >= 0 && scale >= 0 && fabs(scaled) < 9.0e15)
		d = NumericGetDatum(int64_div_fast_to_numeric((int64) scaled, scale));
	else
	{
		char		buf[64];

		snprintf(buf, sizeof(buf), "%.*f", Max(scale, 0), v);
		d = DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
								ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
	}
	if (ti->typmod >= VARHDRSZ)
		d = DirectFunctionCall2(numeric, d, Int32GetDatum(ti->typmod));
	return d;
}

static int64
time_round(double us, int precision)
{
	double		unit = sdg_pow10i(6 - Min(Max(precision, 0), 6));

	return (int64) (floor(us / unit + 0.5) * unit);
}

static void
out_of_range(SdTable *t, int col, const char *typname)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value out of range for column \"%s\" of type %s",
					t->columns[col].name, typname)));
}

/* convert a rule value to a Datum of the column's base type */
Datum
sdg_val_to_datum(GenPlan *plan, int col, TypeInfo *ti, SdVal *v)
{
	StringInfoData buf;

	if (v->kind == SDV_TEXT && ti->ctype != SD_COL_STRING)
		return sdg_text_to_datum(ti, v->text);

	switch (ti->ctype)
	{
		case SD_COL_INT2:
		case SD_COL_INT4:
		case SD_COL_INT8:
			if (v->kind == SDV_NUM || v->kind == SDV_BOOL)
			{
				double		r = rint(v->num);

				if (ti->ctype == SD_COL_INT2)
				{
					if (!(r >= PG_INT16_MIN && r <= PG_INT16_MAX))
						out_of_range(plan->t, col, "smallint");
					return Int16GetDatum((int16) r);
				}
				if (ti->ctype == SD_COL_INT4)
				{
					if (!(r >= PG_INT32_MIN && r <= PG_INT32_MAX))
						out_of_range(plan->t, col, "integer");
					return Int32GetDatum((int32) r);
				}
				if (!(r >= -9.2233720368547758e18 && r < 9.2233720368547758e18))
					out_of_range(plan->t, col, "bigint");
				return Int64GetDatum((int64) r);
			}
			break;
		case SD_COL_FLOAT4:
			if (v->kind == SDV_NUM)
				return Float4GetDatum((float4) v->num);
			break;
		case SD_COL_FLOAT8:
			if (v->kind == SDV_NUM)
				return Float8GetDatum(v->num);
			break;
		case SD_COL_NUMERIC:
			if (v->kind == SDV_NUM)
			{
				if (isnan(v->num) || isinf(v->num))
					out_of_range(plan->t, col, "numeric");
				return num_to_numeric(ti, v->num);
			}
			break;
		case SD_COL_BOOL:
			if (v->kind == SDV_BOOL || v->kind == SDV_NUM)
				return BoolGetDatum(v->num != 0);
			break;
		case SD_COL_DATE:
			if (v->kind == SDV_TIME)
				return DateADTGetDatum((DateADT) floor(v->num / SD_USECS_PER_DAY));
			break;
		case SD_COL_TIMESTAMP:
		case SD_COL_TIMESTAMPTZ:
			if (v->kind == SDV_TIME)
				return Int64GetDatum(time_round(v->num, ti->scale));
			break;
		case SD_COL_TIME:
			if (v->kind == SDV_TIME || v->kind == SDV_INTERVAL)
			{
				double		us = fmod(v->num, SD_USECS_PER_DAY);

				if (us < 0)
					us += SD_USECS_PER_DAY;
				return TimeADTGetDatum(time_round(us, ti->scale) % (int64) SD_USECS_PER_DAY);
			}
			break;
		case SD_COL_INTERVAL:
			if (v->kind == SDV_INTERVAL)
			{
				Interval   *iv = palloc0(sizeof(Interval));
				double		days = trunc(v->num / SD_USECS_PER_DAY);

				iv->day = (int32) days;
				iv->time = (int64) rint(v->num - days * SD_USECS_PER_DAY);
				return IntervalPGetDatum(iv);
			}
			break;
		case SD_COL_STRING:
			{
				char	   *s;

				if (v->kind == SDV_TEXT)
					s = v->text;
				else
				{
					initStringInfo(&buf);
					sd_val_to_text(v, &buf);
					s = buf.data;
				}
				s = sdg_clip_chars(s, ti->maxlen);
				if (ti->typid == BPCHAROID)
					return sdg_text_to_datum(ti, s);
				return PointerGetDatum(cstring_to_text(s));
			}
		default:
			break;
	}
	/* everything else goes through the type's input function */
	initStringInfo(&buf);
	if (ti->ctype == SD_COL_INTERVAL && v->kind == SDV_NUM)
		appendStringInfo(&buf, "%.6f seconds", v->num);
	else
		sd_val_to_text(v, &buf);
	return sdg_text_to_datum(ti, buf.data);
}

/* a Datum of a (base) type as a rule value */
void
sdg_datum_to_val(TypeInfo *ti, Datum d, SdVal *v)
{
	v->text = NULL;
	switch (ti->ctype)
	{
		case SD_COL_INT2:
			v->kind = SDV_NUM;
			v->num = DatumGetInt16(d);
			return;
		case SD_COL_INT4:
			v->kind = SDV_NUM;
			v->num = DatumGetInt32(d);
			return;
		case SD_COL_INT8:
			v->kind = SDV_NUM;
			v->num = (double) DatumGetInt64(d);
			return;
		case SD_COL_FLOAT4:
			v->kind = SDV_NUM;
			v->num = DatumGetFloat4(d);
			return;
		case SD_COL_FLOAT8:
			v->kind = SDV_NUM;
			v->num = DatumGetFloat8(d);
			return;
		case SD_COL_NUMERIC:
			v->kind = SDV_NUM;
			v->num = DatumGetFloat8(DirectFunctionCall1(numeric_float8, d));
			return;
		case SD_COL_BOOL:
			v->kind = SDV_BOOL;
			v->num = DatumGetBool(d);
			return;
		case SD_COL_DATE:
			if (!DATE_NOT_FINITE(DatumGetDateADT(d)))
			{
				v->kind = SDV_TIME;
				v->num = DatumGetDateADT(d) * SD_USECS_PER_DAY;
				return;
			}
			break;
		case SD_COL_TIMESTAMP:
		case SD_COL_TIMESTAMPTZ:
			if (!TIMESTAMP_NOT_FINITE(DatumGetInt64(d)))
			{
				v->kind = SDV_TIME;
				v->num = (double) DatumGetInt64(d);
				return;
			}
			break;
		case SD_COL_INTERVAL:
			{
				Interval   *iv = DatumGetIntervalP(d);

				v->kind = SDV_INTERVAL;
				v->num = iv->time + (iv->day + iv->month * 30.0) * SD_USECS_PER_DAY;
				return;
			}
		default:
			break;
	}
	v->kind = SDV_TEXT;
	v->text = OutputFunctionCall(&ti->outfunc, d);
}

/* typed literals of the rule language, through the types' input functions */
bool
sdg_typed_literal(const char *type, const char *text, SdVal *out, char *msg,
				  int msglen)
{
	Oid			typid = strcmp(type, "date") == 0 ? DATEOID :
		strcmp(type, "interval") == 0 ? INTERVALOID :
		strcmp(type, "timestamptz") == 0 ? TIMESTAMPTZOID : TIMESTAMPOID;
	TypeInfo	ti;
	Datum		d;

	sdg_typeinfo_init(&ti, typid, -1);
	/* a bad literal raises the type's own error; nothing to catch here */
	d = sdg_text_to_datum(&ti, text);
	sdg_datum_to_val(&ti, d, out);
	if (out->kind == SDV_TEXT)
	{
		snprintf(msg, msglen, "infinite values are not supported");
		return false;
	}
	return true;
}
