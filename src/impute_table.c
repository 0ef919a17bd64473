/*-------------------------------------------------------------------------
 *
 * impute_table.c
 *		The in-memory table of imputation and augmentation (impute.h): its
 *		columns and their numeric kinds, every row read as the caller, the
 *		engine matrix of doubles, the personal-data classification, value
 *		construction with the column type's own functions, CHECK tests and
 *		the fitted model of the table.
 *
 * SQL-facing helpers for impute.c and augment.c: catalog, SPI and fmgr
 * live here; the statistics do not (impute_engine.c, neighbors.c).
 *
 * The table is read through SPI as the caller (GRANTs and row-level
 * security apply) with a cursor, so the scan is never parallel and rows
 * come in the table's physical order; the SQL definitions switch off
 * synchronized scans so that the order does not depend on other sessions.
 * Row i of that order is the row index of every random choice.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/impute_table.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "access/htup_details.h"
#include "access/relation.h"
#include "access/sysattr.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/bitmapset.h"
#include "parser/parse_coerce.h"
#include "parser/parse_type.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/timestamp.h"

#include "clone.h"
#include "distributions.h"
#include "fake.h"
#include "impute.h"
#include "impute_engine.h"
#include "neighbors.h"
#include "synthdata.h"

#define FETCH_BATCH 1000

/* ---------------------------------------------------------------------
 * The table
 * ---------------------------------------------------------------------
 */

/* coltype.h's class of a base type if imputation models it as a number */
static SdColType
numkind_of(Oid basetype)
{
	SdColType	t = sd_col_type(basetype);

	return (sd_col_is_scalar(t) || t == SD_COL_TIME || t == SD_COL_MONEY) ? t :
		SD_IMP_CATEGORICAL;
}

/* a numeric-kind value as a double; false if it is not finite */
bool
sd_imp_datum_to_double(SdImpColumn *c, Datum d, double *out)
{
	double		v;

	switch (c->numkind)
	{
		case SD_COL_INT2:
			v = DatumGetInt16(d);
			break;
		case SD_COL_INT4:
			v = DatumGetInt32(d);
			break;
		case SD_COL_INT8:
			v = (double) DatumGetInt64(d);
			break;
		case SD_COL_FLOAT4:
			v = DatumGetFloat4(d);
			break;
		case SD_COL_FLOAT8:
			v = DatumGetFloat8(d);
			break;
		case SD_COL_NUMERIC:
			v = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, d));
			break;
		case SD_COL_DATE:
			if (DATE_NOT_FINITE(DatumGetDateADT(d)))
				return false;
			v = DatumGetDateADT(d);
			break;
		case SD_COL_TIMESTAMP:
		case SD_COL_TIMESTAMPTZ:
			if (TIMESTAMP_NOT_FINITE(DatumGetTimestamp(d)))
				return false;
			v = (double) DatumGetTimestamp(d);
			break;
		case SD_COL_TIME:
			v = (double) DatumGetTimeADT(d);
			break;
		case SD_COL_MONEY:
			/* its amount, as the clone models it */
			v = money_amount(d);
			break;
		default:
			elog(ERROR, "column \"%s\" is not numeric", c->name);
			return false;
	}
	*out = v;
	return isfinite(v);
}

static inline double
clamp_double(double v, double lo, double hi)
{
	return (v < lo) ? lo : (v > hi) ? hi : v;
}

/*
 * A float at the most decimals the column's observed values need (3.22, not
 * a mean's 3.2208373205741627 in a column of 1.4, 3.48, 14.5), as numeric
 * takes its display scale: an imputed value should not stand out by its
 * digits.  Values of more than 6 decimals (an age computed from dates) are
 * kept as drawn, and so is a value too large for its decimals to matter.
 */
static double
float_at_scale(const SdImpColumn *c, double v)
{
	double		p;

	if (c->fscale < 0 || c->fscale >= 7 || !isfinite(v))
		return v;
	p = pow(10.0, c->fscale);
	if (fabs(v) * p >= 4503599627370496.0)	/* 2^52: whole already */
		return v;
	return rint(v * p) / p;
}

/*
 * A value of numeric-kind column c from a double: rounded as the type
 * requires, coerced to the column's typmod by the type's own length
 * coercion function; domain CHECKs are left to the row checker.
 */
static Datum
sd_imp_make_value(SdImpTable *t, SdImpColumn *c, double v)
{
	Datum		d;

	switch (c->numkind)
	{
		case SD_COL_INT2:
			d = Int16GetDatum((int16) clamp_double(round(v), PG_INT16_MIN, PG_INT16_MAX));
			break;
		case SD_COL_INT4:
			d = Int32GetDatum((int32) clamp_double(round(v), PG_INT32_MIN, PG_INT32_MAX));
			break;
		case SD_COL_INT8:
			/* 2^63 itself is not an int64: stay one ulp below it */
			d = Int64GetDatum((int64) clamp_double(round(v), -9223372036854775808.0,
												   9223372036854774784.0));
			break;
		case SD_COL_FLOAT4:
			d = Float4GetDatum((float4) float_at_scale(c, v));
			break;
		case SD_COL_FLOAT8:
			d = Float8GetDatum(float_at_scale(c, v));
			break;
		case SD_COL_NUMERIC:
			d = DirectFunctionCall1(float8_numeric, Float8GetDatum(v));

			/*
			 * Without a typmod, at the largest display scale of the column's
			 * values: 54.36 and 24.00 in a column of prices, where the
			 * double's digits gave 54.35680625 and 24
			 */
			if (c->basetypmod < 0 && c->dscale >= 0 && c->dscale <= 15)
				d = DirectFunctionCall2(numeric_round, d, Int32GetDatum(c->dscale));
			break;
		case SD_COL_DATE:
			d = DateADTGetDatum((DateADT) round(v));
			break;
		case SD_COL_TIMESTAMP:
		case SD_COL_TIMESTAMPTZ:
			d = TimestampGetDatum((Timestamp) round(v));
			break;
		case SD_COL_TIME:
			d = TimeADTGetDatum((TimeADT) round(v));
			break;
		case SD_COL_MONEY:
			/* numeric_cash rounds to lc_monetary's decimals: $54.36, not a mean's digits */
			d = DirectFunctionCall1(numeric_cash,
									DirectFunctionCall1(float8_numeric, Float8GetDatum(v)));
			break;
		default:
			elog(ERROR, "column \"%s\" is not numeric", c->name);
			return (Datum) 0;
	}
	if (c->basetypmod >= 0 && OidIsValid(c->coerce_fn))
		d = OidFunctionCall3(c->coerce_fn, d, Int32GetDatum(c->basetypmod),
							 BoolGetDatum(false));
	/* domain CHECKs are the checker's (sd_imp_check) */
	return d;
}

/* the Datum for value v (a number, or a category code) of a feature */
Datum
sd_imp_feature_datum(SdImpTable *t, int feature, double v)
{
	SdImpColumn *c = &t->cols[t->featcol[feature]];

	if (c->numkind == SD_IMP_CATEGORICAL)
	{
		int			code = (int) v;

		Assert(code >= 0 && code < c->ncats);
		return c->cats[code];
	}
	return sd_imp_make_value(t, c,
							   clamp_double(v, c->stats.min, c->stats.max));
}

/* the category code of value d of column c, adding it if new */
static int
cat_code(SdImpTable *t, SdImpColumn *c, Datum d)
{
	char	   *s = OutputFunctionCall(&c->outfunc, d);
	uint64		h = hash_bytes_extended((const unsigned char *) s, strlen(s), 0);

	for (;;)
	{
		bool		found;
		CatEntry   *e = hash_search(c->cathash, &h, HASH_ENTER, &found);

		if (!found)
		{
			MemoryContext old = MemoryContextSwitchTo(t->mcxt);

			if (c->ncats == c->maxcats)
			{
				c->maxcats = Max(16, c->maxcats * 2);
				c->cats = c->cats ? repalloc(c->cats, sizeof(Datum) * c->maxcats)
					: palloc(sizeof(Datum) * c->maxcats);
				c->catstr = c->catstr ? repalloc(c->catstr, sizeof(char *) * c->maxcats)
					: palloc(sizeof(char *) * c->maxcats);
				c->catcount = c->catcount ? repalloc(c->catcount, sizeof(int64) * c->maxcats)
					: palloc(sizeof(int64) * c->maxcats);
			}
			if (c->typlen == -1)
				c->cats[c->ncats] = PointerGetDatum(PG_DETOAST_DATUM_COPY(d));
			else
				c->cats[c->ncats] = datumCopy(d, c->typbyval, c->typlen);
			c->catstr[c->ncats] = pstrdup(s);
			c->catcount[c->ncats] = 1;
			MemoryContextSwitchTo(old);
			e->code = c->ncats++;
			return e->code;
		}
		if (strcmp(c->catstr[e->code], s) == 0)
		{
			c->catcount[e->code]++;
			return e->code;
		}
		/* two texts with one hash: probe the next slot */
		h = sd_mix64(h + 1);
	}
}

/* the columns of t's catalog, their kinds, output functions and keys */
static void
imp_columns_init(SdImpTable *t, MemoryContext mcxt)
{
	int			i;

	t->cols = palloc0(sizeof(SdImpColumn) * Max(t->cat->ncolumns, 1));
	for (i = 0; i < t->cat->ncolumns; i++)
	{
		SdColumn   *sc = &t->cat->columns[i];
		SdImpColumn *c = &t->cols[t->ncols++];
		Oid			outfn;
		bool		isvarlena;
		HASHCTL		ctl;

		c->attno = sc->attnum - 1;
		c->name = sc->name;
		c->typid = sc->typid;
		c->typmod = sc->typmod;
		c->basetype = sc->basetypid;
		c->basetypmod = sc->basetypmod;
		c->typlen = sc->typlen;
		c->typbyval = sc->typbyval;
		c->generated = (sc->generated != '\0');
		c->notnull = sc->notnull;
		c->numkind = numkind_of(c->basetype);
		c->feature = -1;
		c->dscale = -1;
		c->fscale = -1;
		if (find_typmod_coercion_function(c->basetype, &c->coerce_fn) != COERCION_PATH_FUNC)
			c->coerce_fn = InvalidOid;
		getTypeOutputInfo(c->typid, &outfn, &isvarlena);
		fmgr_info_cxt(outfn, &c->outfunc, mcxt);
		memset(&ctl, 0, sizeof(ctl));
		ctl.keysize = sizeof(uint64);
		ctl.entrysize = sizeof(CatEntry);
		ctl.hcxt = mcxt;
		if (c->numkind == SD_IMP_CATEGORICAL)
			c->cathash = hash_create("synthdata categories", 64, &ctl,
									 HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	/* a column of any unique key holds identifiers */
	for (i = 0; i < t->cat->nkeys; i++)
	{
		int			j;

		for (j = 0; j < t->cat->keys[i].ncols; j++)
			t->cols[t->cat->keys[i].cols[j]].key = true;
	}
}

/*
 * Every row of t, read as the caller through a cursor, copied to mcxt
 * (with its tableoid and ctid when locate is true).
 */
static void
imp_read_rows(SdImpTable *t, bool locate, MemoryContext mcxt)
{
	StringInfoData q;
	SPIPlanPtr	plan;
	Portal		portal;
	int			maxrows = 1024;
	int			i;

	initStringInfo(&q);
	appendStringInfoString(&q, locate ? "SELECT tableoid, ctid" : "SELECT ");
	for (i = 0; i < t->ncols; i++)
		appendStringInfo(&q, "%s%s", (i || locate) ? ", " : "",
						 quote_identifier(t->cols[i].name));
	appendStringInfo(&q, " FROM %s", t->qualname);

	t->rows = palloc(sizeof(HeapTuple) * maxrows);
	if (locate)
	{
		t->ctids = palloc(sizeof(ItemPointerData) * maxrows);
		t->tableoids = palloc(sizeof(Oid) * maxrows);
	}
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = sd_spi_prepare(q.data, 0, NULL);
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, true);
	for (;;)
	{
		uint64		k;

		CHECK_FOR_INTERRUPTS();
		SPI_cursor_fetch(portal, true, FETCH_BATCH);
		if (SPI_processed == 0)
			break;
		MemoryContextSwitchTo(mcxt);
		if (t->livedesc == NULL)
			t->livedesc = CreateTupleDescCopy(SPI_tuptable->tupdesc);
		for (k = 0; k < SPI_processed; k++)
		{
			HeapTuple	tup = SPI_tuptable->vals[k];

			if (t->nrows == maxrows)
			{
				if (maxrows > INT_MAX / 2)
					ereport(ERROR,
							(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							 errmsg("table %s has too many rows to impute", t->qualname)));
				maxrows *= 2;
				t->rows = repalloc_huge(t->rows, sizeof(HeapTuple) * maxrows);
				if (locate)
				{
					t->ctids = repalloc_huge(t->ctids, sizeof(ItemPointerData) * maxrows);
					t->tableoids = repalloc_huge(t->tableoids, sizeof(Oid) * maxrows);
				}
			}
			if (locate)
			{
				bool		isnull;

				t->tableoids[t->nrows] =
					DatumGetObjectId(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
				t->ctids[t->nrows] =
					*(ItemPointer) DatumGetPointer(SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &isnull));
			}
			t->rows[t->nrows++] = heap_copytuple(tup);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	SPI_finish();
	MemoryContextSwitchTo(mcxt);
}

/*
 * The engine matrix over the feature columns (every column but keys):
 * numbers as doubles, categories as codes; and each feature's statistics.
 * off is the number of locating columns before the table's in each row.
 */
static void
imp_build_matrix(SdImpTable *t, int off)
{
	MemoryContext rowcxt;
	int			i,
				r,
				f;

	t->featcol = palloc(sizeof(int) * Max(t->ncols, 1));
	for (i = 0; i < t->ncols; i++)
	{
		if (t->cols[i].key)
			continue;
		t->cols[i].feature = t->nfeat;
		t->featcol[t->nfeat++] = i;
	}
	t->values = palloc_extended(mul_size(mul_size(Max(t->nrows, 1), Max(t->nfeat, 1)),
										 sizeof(double)), MCXT_ALLOC_HUGE);
	t->missing = palloc_extended(mul_size(Max(t->nrows, 1), Max(t->nfeat, 1)),
								 MCXT_ALLOC_HUGE);
	t->isnull = palloc_extended(mul_size(Max(t->nrows, 1), Max(t->nfeat, 1)),
								MCXT_ALLOC_HUGE);
	t->categorical = palloc(sizeof(bool) * Max(t->nfeat, 1));
	t->ncats = palloc0(sizeof(int) * Max(t->nfeat, 1));
	for (f = 0; f < t->nfeat; f++)
		t->categorical[f] = (t->cols[t->featcol[f]].numkind == SD_IMP_CATEGORICAL);

	rowcxt = AllocSetContextCreate(CurrentMemoryContext,
								   "synthdata impute row context",
								   ALLOCSET_DEFAULT_SIZES);
	for (r = 0; r < t->nrows; r++)
	{
		MemoryContext rold;

		if ((r & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		rold = MemoryContextSwitchTo(rowcxt);
		for (i = 0; i < t->ncols; i++)
		{
			SdImpColumn *c = &t->cols[i];
			bool		isnull;
			Datum		d = heap_getattr(t->rows[r], i + 1 + off, t->livedesc, &isnull);
			size_t		cell;

			if (isnull)
				c->nnull++;
			if (c->feature < 0)
				continue;
			cell = SD_CELL(t, r, c->feature);
			t->isnull[cell] = isnull;
			t->missing[cell] = isnull;
			t->values[cell] = 0;
			if (isnull)
				continue;
			if (c->numkind == SD_IMP_CATEGORICAL)
				t->values[cell] = cat_code(t, c, d);
			else if (!sd_imp_datum_to_double(c, d, &t->values[cell]))
				t->missing[cell] = true;
			else if (c->numkind == SD_COL_NUMERIC && c->basetypmod < 0)
				c->dscale = Max(c->dscale, numeric_display_scale(d));
			else if ((c->numkind == SD_COL_FLOAT4 || c->numkind == SD_COL_FLOAT8) &&
					 c->fscale < 7)
			{
				/* a real's digits are those it prints (76.8, not 76.80000305) */
				double		x = t->values[cell];

				c->fscale = Max(c->fscale, c->numkind == SD_COL_FLOAT4 ?
								decimal_scale_tol(x, FLT_EPSILON) : decimal_scale(x));
			}
		}
		MemoryContextSwitchTo(rold);
		MemoryContextReset(rowcxt);
	}
	MemoryContextDelete(rowcxt);

	t->data.nrows = t->nrows;
	t->data.ncols = t->nfeat;
	t->data.values = t->values;
	t->data.missing = t->missing;
	t->data.categorical = t->categorical;
	t->data.ncats = t->ncats;
	for (f = 0; f < t->nfeat; f++)
	{
		SdImpColumn *c = &t->cols[t->featcol[f]];

		t->ncats[f] = c->ncats;
		sd_imp_stats(&t->data, f, &c->stats);
	}
}

/* a column whose type keygen.c makes fresh values of */
static bool
key_regenerable(const SdImpColumn *c)
{
	switch (sd_col_type(c->basetype))
	{
		case SD_COL_INT2:
		case SD_COL_INT4:
		case SD_COL_INT8:
		case SD_COL_UUID:
		case SD_COL_STRING:
			return true;
		default:
			return false;
	}
}

/*
 * For augmentation: which columns of the unique keys get fresh values
 * (keys; the others are features).  Every column of a one-column key.  Of a
 * key of several columns one fresh column is enough to make each new row's
 * tuple new: when none of its columns is fresh already, the first that
 * keygen.c can make and that no foreign key holds (payment's payment_id
 * beside its payment_date) is, and the others are drawn as any column.  A
 * key of several columns without such a column (a link table's pair of
 * parents, a time with a parent) is drawn whole: augmentation draws again
 * a row whose tuple the table or an earlier new row holds (augment.c).
 */
static void
imp_keys_choose(SdImpTable *t)
{
	const SdTable *cat = t->cat;
	bool	   *fresh = palloc0(sizeof(bool) * Max(t->ncols, 1));
	bool	   *in_fk = palloc0(sizeof(bool) * Max(t->ncols, 1));
	int			k,
				j;

	for (k = 0; k < cat->nfkeys; k++)
		for (j = 0; j < cat->fkeys[k].ncols; j++)
			in_fk[cat->fkeys[k].cols[j]] = true;
	for (k = 0; k < cat->nkeys; k++)
		if (cat->keys[k].ncols == 1)
			fresh[cat->keys[k].cols[0]] = true;
	for (k = 0; k < cat->nkeys; k++)
	{
		const SdUniqueKey *key = &cat->keys[k];
		int			pick = -1;

		if (key->ncols == 1)
			continue;
		for (j = 0; j < key->ncols; j++)
			if (fresh[key->cols[j]])
				break;
		if (j < key->ncols)
			continue;
		for (j = 0; j < key->ncols && pick < 0; j++)
			if (!in_fk[key->cols[j]] && key_regenerable(&t->cols[key->cols[j]]))
				pick = key->cols[j];
		if (pick >= 0)
			fresh[pick] = true;
	}
	for (j = 0; j < t->ncols; j++)
		t->cols[j].key = fresh[j];
}

/*
 * Reads relation relid into memory: its live columns, every row (with its
 * tableoid and ctid when locate is true) and the engine matrix.
 * With one_fresh_per_key, a key of several columns holds one key column
 * (imp_keys_choose), as augmentation needs.
 */
SdImpTable *
sd_imp_load(Oid relid, bool locate, bool one_fresh_per_key, MemoryContext mcxt)
{
	MemoryContext old = MemoryContextSwitchTo(mcxt);
	SdImpTable *t = palloc0(sizeof(SdImpTable));

	t->relid = relid;
	t->mcxt = mcxt;

	/* the catalog: columns, types, keys, CHECK constraints */
	t->cat = sd_table_open(relid, ACL_SELECT);
	t->rowdesc = t->cat->tupdesc;
	t->relname = t->cat->relname;
	t->qualname = t->cat->qualname;
	imp_columns_init(t, mcxt);
	if (one_fresh_per_key)
		imp_keys_choose(t);
	if (t->cat->nchecks > 0)
		t->checker = sd_checker_create(t->cat);

	imp_read_rows(t, locate, mcxt);
	imp_build_matrix(t, locate ? 2 : 0);
	MemoryContextSwitchTo(old);
	return t;
}

/*
 * Which columns hold personal data, free text or identifiers (see
 * SdImpPrivacy), judged as synth_fit judges them: a text column whose name
 * or values are personal data of a fake kind (fake.h) is personal; a text
 * column named like free text (notes, comments, description...), or of at
 * least 20 values of which at least half are distinct (free text,
 * identifiers: synth_evaluate's id-like columns), is private.  Keys are
 * never imputed anyway.
 */
void
sd_imp_classify(SdImpTable *t)
{
	int			i,
				j;

	for (i = 0; i < t->ncols; i++)
	{
		SdImpColumn *c = &t->cols[i];
		char		category;
		bool		preferred;
		SdFakeKind	kind,
					named;
		int64		total = 0;

		c->privacy = SD_IMP_OPEN;
		c->fake_kind = SD_FAKE_NONE;
		if (c->feature < 0 || c->numkind != SD_IMP_CATEGORICAL)
			continue;
		get_type_category_preferred(c->basetype, &category, &preferred);
		if (category != TYPCATEGORY_STRING)
			continue;
		kind = sd_fake_personal_kind(c->name, (const char *const *) c->catstr,
									 c->catcount, c->ncats);
		if (kind != SD_FAKE_NONE && sd_fake_kind_type(kind) == SD_FAKE_TYPE_TEXT)
		{
			c->privacy = SD_IMP_PERSONAL;
			c->fake_kind = kind;
			continue;
		}
		for (j = 0; j < c->ncats; j++)
			total += c->catcount[j];
		named = sd_fake_kind_from_column(c->name);
		if (named == SD_FAKE_WORD || named == SD_FAKE_SENTENCE ||
			named == SD_FAKE_PARAGRAPH ||
			(total >= 20 && c->ncats >= 0.5 * total))
			c->privacy = SD_IMP_PRIVATE;
	}
}

/*
 * A fake value of a personal column's kind for row "row": the person of
 * (seed, row) as the fake generators draw it, cut to the column's length,
 * made by the base type's input function (the CHECK constraints of the
 * column's domain are checked with the row's).
 */
Datum
sd_imp_fake_datum(SdImpTable *t, SdImpColumn *c, uint64 seed, uint64 row,
				  SdRng *rng)
{
	StringInfoData buf;
	int			maxchars = -1;
	Oid			infunc,
				ioparam;
	char	   *str;

	(void) t;
	if ((c->basetype == VARCHAROID || c->basetype == BPCHAROID) &&
		c->basetypmod >= (int32) VARHDRSZ)
		maxchars = c->basetypmod - VARHDRSZ;
	initStringInfo(&buf);
	sd_fake_generate_max((SdFakeKind) c->fake_kind, SD_FAKE_LOCALE_EN, seed, row,
						 rng, maxchars, &buf);
	str = pg_any_to_server(buf.data, buf.len, PG_UTF8);
	getTypeInputInfo(c->basetype, &infunc, &ioparam);
	return OidInputFunctionCall(infunc, str, ioparam, c->basetypmod);
}

/* the live columns of row r (values point into the stored tuple) */
void
sd_imp_deform(SdImpTable *t, int row, Datum *values, bool *nulls)
{
	int			off = t->ctids ? 2 : 0;
	int			i;

	for (i = 0; i < t->ncols; i++)
		values[i] = heap_getattr(t->rows[row], i + 1 + off, t->livedesc, &nulls[i]);
}

/*
 * Runs the table's CHECK constraints (its own and its columns' domains')
 * on a candidate row in row-type layout: the index of the first that
 * fails, or -1.
 */
int
sd_imp_check(SdImpTable *t, Datum *values, bool *nulls)
{
	if (t->checker == NULL)
		return -1;
	return sd_checker_check(t->checker, values, nulls);
}

void
sd_imp_check_failed(SdImpTable *t, int check, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("could not make a row of %s that satisfies check constraint \"%s\"",
					t->qualname, t->cat->checks[check].name),
			 errdetail("%s", what),
			 errhint("The constraint is %s.", t->cat->checks[check].text)));
}

/*
 * The model of the table for the "model" methods: the one given, or one
 * fitted now by synth_fit (the fitted-cloning engine) as the caller, with
 * the given fit options.  Returned in the current memory context.
 */
Datum
sd_imp_model(SdImpTable *t, Jsonb *fit, Jsonb *model)
{
	Oid			fargs[2] = {REGCLASSOID, JSONBOID};
	Datum		fvals[2];
	Datum		result;
	bool		isnull;
	int			ret;

	if (model != NULL)
		return JsonbPGetDatum(model);
	fvals[0] = ObjectIdGetDatum(t->relid);
	fvals[1] = fit ? JsonbPGetDatum(fit)
		: DirectFunctionCall1(jsonb_in, CStringGetDatum("{}"));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = sd_spi_execute(psprintf("SELECT %s.synth_fit($1, $2)",
								  sd_extension_schema()),
						 2, fargs, fvals, NULL, false, 1);
	if (ret != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "synth_fit failed: %s", SPI_result_code_string(ret));
	result = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		elog(ERROR, "synth_fit returned NULL");
	result = PointerGetDatum(SPI_datumTransfer(result, false, -1));
	SPI_finish();
	return result;
}
