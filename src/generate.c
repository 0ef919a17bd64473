/*-------------------------------------------------------------------------
 *
 * generate.c
 *		Rule-constrained row generation: synth_rows, synth_fill and
 *		synth_fill_schema.
 *
 * A call builds a plan once: the table's description (catalog.c), one
 * generator per column -- the user's rule (rules.c), a foreign key drawn
 * from the parent rows, a unique key built by construction, or a
 * generator inferred from the column's name, type and CHECK constraints --
 * and an order in which columns can be computed (rules may reference other
 * columns).  Then every row is a pure function of (seed, column stream,
 * row index): each column has its own Philox stream named after it, so
 * adding a column does not change the others.
 *
 * Constraints.  A candidate row is checked with PostgreSQL's executor
 * against every CHECK (table and domain) and NOT NULL; a failing row is
 * drawn again from fresh streams (attempt a uses the child stream a), up to
 * SD_MAX_ATTEMPTS times.  Common CHECK shapes (comparisons with constants,
 * BETWEEN, IN lists, length limits, col > other_col) shape the inferred
 * generators so that rejection is rare.
 *
 * Unique keys are unique by construction: the row's position in a keyed
 * pseudo-random permutation of [0, D) -- a balanced Feistel network over
 * the next power of four with cycle walking (Black and Rogaway, "Ciphers
 * with Arbitrary Finite Domains", CT-RSA 2002) -- is decoded into the
 * column's domain (a range of integers, dates or timestamps, a code, a
 * pattern's mixed-radix space, a fake value with a numeric suffix, or the
 * parent keys of a one-to-one foreign key).  Composite keys decode one
 * position into a tuple (mixed radix).  When the table already has rows,
 * a candidate value is probed in the key's own unique index (a dirty
 * snapshot, so in-progress rows count) and the next position is taken if it
 * exists: memory stays constant, no set of seen values is kept.
 *
 * Foreign keys draw from the parent's existing keys, read once per call
 * in key order (at most SD_FK_MAX_KEYS of them; larger parents are
 * sampled by a seeded reservoir, Vitter's Algorithm R).
 *
 * Insertion (synth_fill) runs "INSERT INTO t (cols) SELECT ... FROM
 * synth_rows(...)" through SPI in the caller's transaction: the executor
 * fires triggers, maintains indexes, routes partitions, applies row-level
 * security and checks privileges as for any INSERT, and an error anywhere
 * leaves the table as it was.  Concurrent fills of one table are
 * serialized with a SHARE ROW EXCLUSIVE lock.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/generate.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relation.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "portability/instr_time.h"
#include "rewrite/rewriteHandler.h"
#include "storage/bufmgr.h"
#include "storage/lmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/catcache.h"
#include "utils/datum.h"
#include "utils/fmgroids.h"
#include "utils/json.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/rangetypes.h"
#include "utils/regproc.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"
#include "utils/uuid.h"
#include "utils/varlena.h"

#include "catalog.h"
#include "distributions.h"
#include "fake.h"
#include "rules.h"
#include "synthdata.h"

/* a row is drawn again at most this many times before we give up */
#define SD_MAX_ATTEMPTS		200
/* parent keys read per foreign key (a seeded reservoir beyond) */
#define SD_FK_MAX_KEYS		1000000
/* generated timestamps end here: 2025-01-01, days since 2000-01-01 */
#define SD_ANCHOR_DAYS		9132
#define SD_ANCHOR_USECS		((double) SD_ANCHOR_DAYS * SD_USECS_PER_DAY)
/* default window of generated dates and timestamps: five years */
#define SD_WINDOW_USECS		(5 * 365.25 * SD_USECS_PER_DAY)

/* ---------------------------------------------------------------------
 * Types
 * ---------------------------------------------------------------------
 */

/* what we know about a (base) type to build its values */
typedef struct TypeInfo
{
	Oid			typid;
	int32		typmod;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	char		category;
	FmgrInfo	infunc;
	Oid			ioparam;
	FmgrInfo	outfunc;
	int			maxlen;			/* varchar(n)/char(n)/bit(n): n; else -1 */
	int			precision;		/* numeric(p,s): p; -1 if none */
	int			scale;			/* numeric scale; timestamp/time precision */
	struct TypeInfo *elem;		/* array element type (a domain's base) */
	bool		elem_domain;	/* the element type is a domain */
	Oid			rngsubtype;		/* range subtype */
	/* enum labels, in sort order */
	int			nlabels;
	Datum	   *labels;			/* enum value Oids as Datums */
	char	  **labeltext;
	/* an array of a domain: the element domain's CHECKs, prepared */
	DomainConstraintRef *elemdom;
	ExprContext *elemecxt;
} TypeInfo;

typedef enum GenKind
{
	G_SKIP,						/* generated column: never produced */
	G_DEFAULT,					/* left to its DEFAULT */
	G_RULE,						/* the user's rule */
	G_FK,						/* member of a foreign-key group */
	G_UNIQUE,					/* member of a unique group */
	G_AUTO						/* inferred from name, type, CHECKs */
} GenKind;

typedef enum AutoKind
{
	A_INT, A_FLOAT, A_NUMERIC, A_BOOL, A_TEXT, A_DATE, A_TIMESTAMP, A_TIME,
	A_INTERVAL, A_UUID, A_JSON, A_BYTEA, A_INET, A_CIDR, A_MACADDR,
	A_ENUM, A_RANGE, A_ARRAY, A_MONEY, A_BIT
} AutoKind;

typedef enum NameHint
{
	N_NONE, N_AMOUNT, N_QUANTITY, N_YEAR, N_PERCENT, N_UPDATED, N_DELETED
} NameHint;

typedef enum Fanout
{
	FAN_UNIFORM, FAN_ZIPF, FAN_EACH
} Fanout;

typedef struct FeistelPerm
{
	uint64		domain;			/* permutes [0, domain) */
	int			halfbits;
	uint32		keys[4];
} FeistelPerm;

typedef struct ColGen
{
	int			col;			/* index into table->columns */
	GenKind		kind;
	TypeInfo	ti;
	char	   *rule_text;
	SdExpr	   *expr;
	double		null_frac;
	bool		unique_rule;	/* "unique": true */
	Fanout		fanout;
	double		fanout_param;
	bool		fanout_given;
	int			group;			/* FK or unique group index, or -1 */

	/* inferred generator */
	AutoKind	akind;
	int			fake_kind;
	NameHint	hint;
	double		lo,
				hi;				/* inclusive bounds (shaped by CHECKs) */
	bool		has_lo,
				has_hi;
	int			minlen;
	int			maxlen;			/* characters, -1 = none */
	int			nchoices;		/* IN list / enum labels */
	SdVal	   *choices;
	const char *pattern;		/* unique pattern('...') rule */
	double		ustep;			/* unique numbers: step between values */
	FeistelPerm uuidperm;		/* unique uuids: index -> 56 bits */
	int			after;			/* column this one must exceed, or -1 */
	bool		after_strict;

	/* evaluation */
	uint64		stream;
	SdRng		rng;
	SdRng		nullrng;
	Datum		defval;			/* G_DEFAULT in synth_rows */
	bool		defnull;
	ExprState  *defexpr;
	bool		*deps;			/* columns referenced (rules, shaping) */
} ColGen;

/* values of one dimension of a unique group */
typedef struct UDim
{
	int			col;			/* column, or -1 for an FK group */
	int			fk;				/* FK group of the dimension, or -1 */
	uint64		size;
} UDim;

typedef struct UniqueGroup
{
	SdUniqueKey *key;
	int			ndims;
	UDim	   *dims;
	uint64		domain;			/* product of the dimension sizes */
	FeistelPerm perm;
	bool		probe;			/* the table had rows: probe the index */
	uint64		next_pos;		/* next permutation position (probing) */
	uint64		cur_pos;		/* the current row's position */
	List	   *leafindexes;	/* Oids of the leaf unique indexes */
	int			nkeycols;
	int		   *keycols;		/* the key's columns (all of them) */
} UniqueGroup;

typedef struct FkGroup
{
	SdForeignKey *fk;
	int			nkeys;			/* parent keys loaded */
	Datum	   *keys;			/* nkeys x fk->ncols, row-major */
	bool	   *keynulls;
	SdVal	   *keyvals;		/* same, as rule values */
	FeistelPerm perm;			/* zipf ranks -> parents */
	int			unique_group;	/* member dimension of, or -1 */
	int			gen;			/* ColGen carrying the fan-out */
} FkGroup;

typedef struct GenPlan
{
	SdTable    *t;
	uint64		seed;
	uint64		person_seed;	/* keys the fake person and place of a row */
	int64		start;
	int64		n;
	int			locale;
	ColGen	   *gens;			/* one per column */
	int		   *order;			/* columns in evaluation order */
	int			nfk;
	FkGroup    *fks;
	int			nunique;
	UniqueGroup *uniques;
	SdChecker  *checker;
	int			natts;
	Datum	   *values;			/* tuple layout */
	bool	   *nulls;
	SdVal	   *vals;			/* per column */
	bool	   *done;			/* per column, this attempt */
	int64		existing;		/* rows in the table at start */
	bool		prepared;
	MemoryContext rowcxt;
	TupleDesc	outdesc;
	int64		produced;
	instr_time	started;
	int			progress_pct;
	const char *what;			/* "synth_rows" or "synth_fill" */
} GenPlan;

/* ---------------------------------------------------------------------
 * Small helpers
 * ---------------------------------------------------------------------
 */

static bool
name_has(const char *name, const char *word)
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

static double
pow10i(int e)
{
	double		r = 1;

	while (e-- > 0)
		r *= 10;
	return r;
}

static uint64
sat_mul(uint64 a, uint64 b)
{
	if (a != 0 && b > PG_UINT64_MAX / a)
		return PG_UINT64_MAX;
	return a * b;
}

/* ---------------------------------------------------------------------
 * Keyed permutation: balanced Feistel network with cycle walking
 * (Black & Rogaway 2002).  The round function is Philox4x32-10 itself.
 * ---------------------------------------------------------------------
 */

static void
perm_init(FeistelPerm *p, uint64 domain, uint64 seed, uint64 stream)
{
	int			bits = 2;
	uint64		s = sd_mix64(seed ^ sd_mix64(stream));

	p->domain = Max(domain, 1);
	while (bits < 64 && (((uint64) 1) << bits) < p->domain)
		bits += 2;
	p->halfbits = bits / 2;
	p->keys[0] = (uint32) s;
	p->keys[1] = (uint32) (s >> 32);
	s = sd_mix64(s + 0x9E3779B97F4A7C15ULL);
	p->keys[2] = (uint32) s;
	p->keys[3] = (uint32) (s >> 32);
}

static uint64
perm_apply(const FeistelPerm *p, uint64 x)
{
	uint64		mask = (p->halfbits >= 32) ? PG_UINT32_MAX :
		((((uint64) 1) << p->halfbits) - 1);

	if (p->domain <= 1)
		return 0;
	do
	{
		uint64		l = (x >> p->halfbits) & mask;
		uint64		r = x & mask;
		int			round;

		for (round = 0; round < 4; round++)
		{
			uint32		ctr[4] = {(uint32) r, (uint32) (r >> 32), (uint32) round, 0};
			uint32		out[4];
			uint64		f;

			sd_philox4x32_10(ctr, &p->keys[(round & 1) * 2], out);
			f = ((uint64) out[0] | ((uint64) out[1] << 32)) & mask;
			f ^= l;
			l = r;
			r = f;
		}
		x = (l << p->halfbits) | r;
	} while (x >= p->domain);	/* cycle walking */
	return x;
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

static void
typeinfo_init(TypeInfo *ti, Oid typid, int32 typmod)
{
	Oid			infn,
				outfn;
	bool		isvarlena;
	HeapTuple	tp;
	Form_pg_type typ;

	memset(ti, 0, sizeof(TypeInfo));
	ti->typid = typid;
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
		typeinfo_init(ti->elem, ebase, etypmod);
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

static Datum
text_to_datum(TypeInfo *ti, const char *s)
{
	return InputFunctionCall(&ti->infunc, (char *) s, ti->ioparam, ti->typmod);
}

/* cut a string to at most n characters */
static char *
clip_chars(char *s, int n)
{
	if (n >= 0 && pg_mbstrlen(s) > n)
		s[pg_mbcharcliplen(s, strlen(s), n)] = '\0';
	return s;
}

static Datum
num_to_numeric(TypeInfo *ti, double v)
{
	int			scale = ti->scale >= 0 ? ti->scale : 2;
	double		scaled = rint(v * pow10i(Max(scale, 0)));
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
	double		unit = pow10i(6 - Min(Max(precision, 0), 6));

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
static Datum
val_to_datum(GenPlan *plan, int col, TypeInfo *ti, SdVal *v)
{
	StringInfoData buf;

	if (v->kind == SDV_TEXT && ti->typid != TEXTOID &&
		ti->typid != VARCHAROID && ti->typid != BPCHAROID)
		return text_to_datum(ti, v->text);

	switch (ti->typid)
	{
		case INT2OID:
		case INT4OID:
		case INT8OID:
			if (v->kind == SDV_NUM || v->kind == SDV_BOOL)
			{
				double		r = rint(v->num);

				if (ti->typid == INT2OID)
				{
					if (!(r >= PG_INT16_MIN && r <= PG_INT16_MAX))
						out_of_range(plan->t, col, "smallint");
					return Int16GetDatum((int16) r);
				}
				if (ti->typid == INT4OID)
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
		case FLOAT4OID:
			if (v->kind == SDV_NUM)
				return Float4GetDatum((float4) v->num);
			break;
		case FLOAT8OID:
			if (v->kind == SDV_NUM)
				return Float8GetDatum(v->num);
			break;
		case NUMERICOID:
			if (v->kind == SDV_NUM)
			{
				if (isnan(v->num) || isinf(v->num))
					out_of_range(plan->t, col, "numeric");
				return num_to_numeric(ti, v->num);
			}
			break;
		case BOOLOID:
			if (v->kind == SDV_BOOL || v->kind == SDV_NUM)
				return BoolGetDatum(v->num != 0);
			break;
		case DATEOID:
			if (v->kind == SDV_TIME)
				return DateADTGetDatum((DateADT) floor(v->num / SD_USECS_PER_DAY));
			break;
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			if (v->kind == SDV_TIME)
				return Int64GetDatum(time_round(v->num, ti->scale));
			break;
		case TIMEOID:
			if (v->kind == SDV_TIME || v->kind == SDV_INTERVAL)
			{
				double		us = fmod(v->num, SD_USECS_PER_DAY);

				if (us < 0)
					us += SD_USECS_PER_DAY;
				return TimeADTGetDatum(time_round(us, ti->scale) % (int64) SD_USECS_PER_DAY);
			}
			break;
		case INTERVALOID:
			if (v->kind == SDV_INTERVAL)
			{
				Interval   *iv = palloc0(sizeof(Interval));
				double		days = trunc(v->num / SD_USECS_PER_DAY);

				iv->day = (int32) days;
				iv->time = (int64) rint(v->num - days * SD_USECS_PER_DAY);
				return IntervalPGetDatum(iv);
			}
			break;
		case TEXTOID:
		case VARCHAROID:
		case BPCHAROID:
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
				s = clip_chars(s, ti->maxlen);
				if (ti->typid == BPCHAROID)
					return text_to_datum(ti, s);
				return PointerGetDatum(cstring_to_text(s));
			}
		default:
			break;
	}
	/* everything else goes through the type's input function */
	initStringInfo(&buf);
	if (ti->typid == INTERVALOID && v->kind == SDV_NUM)
		appendStringInfo(&buf, "%.6f seconds", v->num);
	else
		sd_val_to_text(v, &buf);
	return text_to_datum(ti, buf.data);
}

/* a Datum of a (base) type as a rule value */
static void
datum_to_val(TypeInfo *ti, Datum d, SdVal *v)
{
	v->text = NULL;
	switch (ti->typid)
	{
		case INT2OID:
			v->kind = SDV_NUM;
			v->num = DatumGetInt16(d);
			return;
		case INT4OID:
			v->kind = SDV_NUM;
			v->num = DatumGetInt32(d);
			return;
		case INT8OID:
			v->kind = SDV_NUM;
			v->num = (double) DatumGetInt64(d);
			return;
		case FLOAT4OID:
			v->kind = SDV_NUM;
			v->num = DatumGetFloat4(d);
			return;
		case FLOAT8OID:
			v->kind = SDV_NUM;
			v->num = DatumGetFloat8(d);
			return;
		case NUMERICOID:
			v->kind = SDV_NUM;
			v->num = DatumGetFloat8(DirectFunctionCall1(numeric_float8, d));
			return;
		case BOOLOID:
			v->kind = SDV_BOOL;
			v->num = DatumGetBool(d);
			return;
		case DATEOID:
			if (!DATE_NOT_FINITE(DatumGetDateADT(d)))
			{
				v->kind = SDV_TIME;
				v->num = DatumGetDateADT(d) * SD_USECS_PER_DAY;
				return;
			}
			break;
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			if (!TIMESTAMP_NOT_FINITE(DatumGetInt64(d)))
			{
				v->kind = SDV_TIME;
				v->num = (double) DatumGetInt64(d);
				return;
			}
			break;
		case INTERVALOID:
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
static bool
typed_literal(const char *type, const char *text, SdVal *out, char *msg,
			  int msglen)
{
	Oid			typid = strcmp(type, "date") == 0 ? DATEOID :
		strcmp(type, "interval") == 0 ? INTERVALOID :
		strcmp(type, "timestamptz") == 0 ? TIMESTAMPTZOID : TIMESTAMPOID;
	TypeInfo	ti;
	Datum		d;

	typeinfo_init(&ti, typid, -1);
	/* a bad literal raises the type's own error; nothing to catch here */
	d = text_to_datum(&ti, text);
	datum_to_val(&ti, d, out);
	if (out->kind == SDV_TEXT)
	{
		snprintf(msg, msglen, "infinite values are not supported");
		return false;
	}
	return true;
}

/* ---------------------------------------------------------------------
 * Rules: from jsonb to parsed expressions
 * ---------------------------------------------------------------------
 */

/* error context while a rule is parsed or evaluated */
typedef struct RuleErrCtx
{
	const char *column;
	const char *rule;
} RuleErrCtx;

static void
rule_error_callback(void *arg)
{
	RuleErrCtx *c = arg;

	if (c->column == NULL)
		return;
	if (c->rule)
		errcontext("rule for column \"%s\": %s", c->column, c->rule);
	else
		errcontext("column \"%s\"", c->column);
}

static void
report_rule_error(GenPlan *plan, int col, const char *rule, SdRuleError *err)
{
	StringInfoData pointer;
	int			i;
	int			w = 0;

	/* a caret under the offending character (display width, not bytes) */
	initStringInfo(&pointer);
	for (i = 0; rule[i] && w < err->pos - 1; i += pg_mblen(rule + i), w++)
		appendStringInfoChar(&pointer, ' ');
	appendStringInfoChar(&pointer, '^');
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid rule for column \"%s\"", plan->t->columns[col].name),
			 errdetail("%c%s at position %d of the rule:\n%s\n%s",
					   pg_ascii_toupper((unsigned char) err->msg[0]),
					   err->msg + 1, err->pos, rule, pointer.data)));
}

/* rule text for a JSON scalar used as a constant */
static void
json_scalar_to_rule(JsonbValue *v, StringInfo out, bool *ok)
{
	char	   *p;

	*ok = true;
	switch (v->type)
	{
		case jbvNull:
			appendStringInfoString(out, "NULL");
			break;
		case jbvBool:
			appendStringInfoString(out, v->val.boolean ? "TRUE" : "FALSE");
			break;
		case jbvNumeric:
			p = DatumGetCString(DirectFunctionCall1(numeric_out,
													NumericGetDatum(v->val.numeric)));
			if (p[0] == '-')
				appendStringInfo(out, "(%s)", p);
			else
				appendStringInfoString(out, p);
			break;
		case jbvString:
			appendStringInfoChar(out, '\'');
			for (p = v->val.string.val; p < v->val.string.val + v->val.string.len; p++)
			{
				if (*p == '\'')
					appendStringInfoChar(out, '\'');
				appendStringInfoChar(out, *p);
			}
			appendStringInfoChar(out, '\'');
			break;
		default:
			*ok = false;
	}
}

static const char *
json_type_name(JsonbValue *v)
{
	switch (v->type)
	{
		case jbvNull:
			return "null";
		case jbvString:
			return "a string";
		case jbvNumeric:
			return "a number";
		case jbvBool:
			return "a boolean";
		case jbvBinary:
			return JsonContainerIsArray(v->val.binary.data) ? "an array" : "an object";
		default:
			return "a value";
	}
}

static void
bad_rule_shape(GenPlan *plan, int col, const char *what, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid rule for column \"%s\"", plan->t->columns[col].name),
			 errdetail("%s", what),
			 hint ? errhint("%s", hint) : 0));
}

static char *
jsonb_value_text(JsonbValue *v)
{
	if (v->type == jbvString)
		return pnstrdup(v->val.string.val, v->val.string.len);
	if (v->type == jbvBinary)
		return JsonbToCString(NULL, v->val.binary.data, v->val.binary.len);
	{
		StringInfoData b;
		bool		ok;

		initStringInfo(&b);
		json_scalar_to_rule(v, &b, &ok);
		return b.data;
	}
}

/* the rule source text of a value: strings as they are, constants quoted */
static char *
rule_source(GenPlan *plan, int col, JsonbValue *v)
{
	StringInfoData b;
	bool		ok;

	initStringInfo(&b);
	if (v->type == jbvString)
		return pnstrdup(v->val.string.val, v->val.string.len);
	if (v->type == jbvBinary && JsonContainerIsArray(v->val.binary.data))
	{
		/* [a, b, c]: an equally weighted choice of constants */
		JsonbIterator *it = JsonbIteratorInit(v->val.binary.data);
		JsonbValue	e;
		JsonbIteratorToken tok;
		bool		first = true;

		appendStringInfoString(&b, "choice(");
		while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
		{
			if (tok != WJB_ELEM)
				continue;
			if (!first)
				appendStringInfoString(&b, ", ");
			first = false;
			json_scalar_to_rule(&e, &b, &ok);
			if (!ok)
				bad_rule_shape(plan, col,
							   "A list of choices may hold only strings, numbers, booleans and nulls.",
							   NULL);
		}
		if (first)
			bad_rule_shape(plan, col, "A list of choices must not be empty.", NULL);
		appendStringInfoChar(&b, ')');
		return b.data;
	}
	json_scalar_to_rule(v, &b, &ok);
	if (!ok)
		bad_rule_shape(plan, col, "A rule is a string, a constant, a list of choices or an object.", NULL);
	return b.data;
}

static void
parse_fanout(GenPlan *plan, ColGen *g, const char *s)
{
	double		p;
	char		extra;

	g->fanout_given = true;
	if (strcmp(s, "uniform") == 0)
		g->fanout = FAN_UNIFORM;
	else if (strcmp(s, "each") == 0)
		g->fanout = FAN_EACH;
	else if (sscanf(s, "zipf(%lf)%c", &p, &extra) == 1 ||
			 sscanf(s, "zipf ( %lf )%c", &p, &extra) == 1)
	{
		if (!(p > 0) || isinf(p))
			bad_rule_shape(plan, g->col,
						   psprintf("The Zipf exponent of fan-out \"%s\" must be greater than zero.", s),
						   NULL);
		g->fanout = FAN_ZIPF;
		g->fanout_param = p;
	}
	else
		bad_rule_shape(plan, g->col,
					   psprintf("Fan-out \"%s\" is not one of \"uniform\", \"each\" or \"zipf(s)\".", s),
					   NULL);
}

static void
read_rules(GenPlan *plan, Jsonb *rules)
{
	SdTable    *t = plan->t;
	JsonbIterator *it;
	JsonbValue	k,
				v;
	JsonbIteratorToken tok;
	SdRuleEnv	env;
	int			i;

	if (rules == NULL)
		return;
	if (!JB_ROOT_IS_OBJECT(rules) || JB_ROOT_IS_SCALAR(rules))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rules must be a JSON object"),
				 errhint("Map column names to rules, e.g. '{\"price\": \"uniform(1, 100)\"}'.")));

	env.ncolumns = t->ncolumns;
	env.colnames = palloc(sizeof(char *) * Max(t->ncolumns, 1));
	for (i = 0; i < t->ncolumns; i++)
		env.colnames[i] = t->columns[i].name;
	env.typed_literal = typed_literal;

	it = JsonbIteratorInit(&rules->root);
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		char	   *colname;
		int			col;
		ColGen	   *g;
		char	   *src = NULL;
		SdRuleError err;
		RuleErrCtx	ectx;
		ErrorContextCallback cb;

		if (tok != WJB_KEY)
			continue;
		colname = pnstrdup(k.val.string.val, k.val.string.len);
		tok = JsonbIteratorNext(&it, &v, true);
		col = sd_table_column(t, colname);
		if (col < 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of relation \"%s\" does not exist",
							colname, t->relname),
					 errhint("Rules are keyed by column name, exactly as stored (case matters).")));
		g = &plan->gens[col];
		if (t->columns[col].generated)
			ereport(ERROR,
					(errcode(ERRCODE_GENERATED_ALWAYS),
					 errmsg("cannot give a rule for generated column \"%s\"", colname),
					 errdetail("Column \"%s\" is a generated column.", colname)));
		if (t->columns[col].identity == ATTRIBUTE_IDENTITY_ALWAYS)
			ereport(ERROR,
					(errcode(ERRCODE_GENERATED_ALWAYS),
					 errmsg("cannot give a rule for identity column \"%s\"", colname),
					 errdetail("Column \"%s\" is an identity column defined as GENERATED ALWAYS.",
							   colname)));

		if (v.type == jbvBinary && !JsonContainerIsArray(v.val.binary.data))
		{
			/* object form: value, null, unique, fanout */
			JsonbIterator *it2 = JsonbIteratorInit(v.val.binary.data);
			JsonbValue	k2,
						v2;
			JsonbIteratorToken t2;

			while ((t2 = JsonbIteratorNext(&it2, &k2, true)) != WJB_DONE)
			{
				char	   *key;

				if (t2 != WJB_KEY)
					continue;
				key = pnstrdup(k2.val.string.val, k2.val.string.len);
				JsonbIteratorNext(&it2, &v2, true);
				if (strcmp(key, "value") == 0)
					src = rule_source(plan, col, &v2);
				else if (strcmp(key, "null") == 0)
				{
					double		f;

					if (v2.type != jbvNumeric)
						bad_rule_shape(plan, col,
									   psprintf("\"null\" must be a number between 0 and 1, not %s.",
												json_type_name(&v2)), NULL);
					f = DatumGetFloat8(DirectFunctionCall1(numeric_float8,
														   NumericGetDatum(v2.val.numeric)));
					if (!(f >= 0 && f <= 1))
						bad_rule_shape(plan, col,
									   psprintf("\"null\" must be a number between 0 and 1, not %g.", f),
									   NULL);
					if (f > 0 && t->columns[col].notnull)
						bad_rule_shape(plan, col,
									   psprintf("Column \"%s\" is NOT NULL, so its NULL fraction must be 0.",
												colname), NULL);
					g->null_frac = f;
				}
				else if (strcmp(key, "unique") == 0)
				{
					if (v2.type != jbvBool)
						bad_rule_shape(plan, col,
									   psprintf("\"unique\" must be true or false, not %s.",
												json_type_name(&v2)), NULL);
					g->unique_rule = v2.val.boolean;
				}
				else if (strcmp(key, "fanout") == 0)
				{
					if (v2.type != jbvString)
						bad_rule_shape(plan, col,
									   psprintf("\"fanout\" must be a string, not %s.",
												json_type_name(&v2)), NULL);
					parse_fanout(plan, g, jsonb_value_text(&v2));
				}
				else
					bad_rule_shape(plan, col,
								   psprintf("Unknown key \"%s\" in the rule object.", key),
								   "The keys of a rule object are \"value\", \"null\", \"unique\" and \"fanout\".");
			}
		}
		else
			src = rule_source(plan, col, &v);

		if (src == NULL)
		{
			/* modifiers only: the inferred generator stays */
			if (g->kind == G_DEFAULT && (g->unique_rule || g->null_frac > 0))
				g->kind = G_AUTO;
			continue;
		}

		ectx.column = colname;
		ectx.rule = src;
		cb.callback = rule_error_callback;
		cb.arg = &ectx;
		cb.previous = error_context_stack;
		error_context_stack = &cb;
		g->expr = sd_rule_parse(src, &env, &err);
		error_context_stack = cb.previous;
		if (g->expr == NULL)
			report_rule_error(plan, col, src, &err);
		g->rule_text = src;
		g->kind = G_RULE;
		sd_rule_deps(g->expr, g->deps);
	}
}

/* ---------------------------------------------------------------------
 * Inferred generators: kind, name hints, bounds from the type
 * ---------------------------------------------------------------------
 */

static void
cannot_generate(GenPlan *plan, int col, Oid typid)
{
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("cannot generate values of type %s for column \"%s\"",
					format_type_be(typid), plan->t->columns[col].name),
			 errhint("Give the column a rule, e.g. '{\"%s\": \"''a constant''\"}', or a DEFAULT.",
					 plan->t->columns[col].name)));
}

static bool
auto_kind_for(TypeInfo *ti, AutoKind *k)
{
	if (ti->elem)
	{
		AutoKind	ek;

		*k = A_ARRAY;
		return auto_kind_for(ti->elem, &ek);
	}
	if (ti->nlabels > 0)
	{
		*k = A_ENUM;
		return true;
	}
	if (OidIsValid(ti->rngsubtype))
	{
		*k = A_RANGE;
		switch (ti->rngsubtype)
		{
			case INT4OID:
			case INT8OID:
			case NUMERICOID:
			case DATEOID:
			case TIMESTAMPOID:
			case TIMESTAMPTZOID:
				return true;
			default:
				return false;
		}
	}
	switch (ti->typid)
	{
		case INT2OID:
		case INT4OID:
		case INT8OID:
			*k = A_INT;
			return true;
		case FLOAT4OID:
		case FLOAT8OID:
			*k = A_FLOAT;
			return true;
		case NUMERICOID:
			*k = A_NUMERIC;
			return true;
		case BOOLOID:
			*k = A_BOOL;
			return true;
		case TEXTOID:
		case VARCHAROID:
		case BPCHAROID:
		case NAMEOID:
			*k = A_TEXT;
			return true;
		case DATEOID:
			*k = A_DATE;
			return true;
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			*k = A_TIMESTAMP;
			return true;
		case TIMEOID:
		case TIMETZOID:
			*k = A_TIME;
			return true;
		case INTERVALOID:
			*k = A_INTERVAL;
			return true;
		case UUIDOID:
			*k = A_UUID;
			return true;
		case JSONOID:
		case JSONBOID:
			*k = A_JSON;
			return true;
		case BYTEAOID:
			*k = A_BYTEA;
			return true;
		case INETOID:
			*k = A_INET;
			return true;
		case CIDROID:
			*k = A_CIDR;
			return true;
		case MACADDROID:
		case MACADDR8OID:
			*k = A_MACADDR;
			return true;
		case CASHOID:
			*k = A_MONEY;
			return true;
		case BITOID:
		case VARBITOID:
			*k = A_BIT;
			return true;
		default:
			return false;
	}
}

static void
infer_auto(GenPlan *plan, ColGen *g)
{
	SdColumn   *c = &plan->t->columns[g->col];
	TypeInfo   *ti = &g->ti;
	const char *name = c->name;
	SdFakeKind	fk;

	if (!auto_kind_for(ti, &g->akind))
		cannot_generate(plan, g->col, c->typid);

	g->maxlen = ti->maxlen;
	g->has_lo = g->has_hi = false;

	/* what the column's name says */
	fk = sd_fake_kind_from_column(name);
	if (fk != SD_FAKE_NONE)
	{
		SdFakeValueType ft = sd_fake_kind_type(fk);
		bool		fits;

		switch (g->akind)
		{
			case A_TEXT:
				fits = (ft == SD_FAKE_TYPE_TEXT);
				break;
			case A_INT:
			case A_FLOAT:
			case A_NUMERIC:
				fits = (ft == SD_FAKE_TYPE_NUMBER);
				break;
			case A_DATE:
			case A_TIMESTAMP:
				fits = (ft == SD_FAKE_TYPE_DATE);
				break;
			case A_INET:
				fits = (fk == SD_FAKE_IPV4 || fk == SD_FAKE_IPV6);
				break;
			default:
				fits = false;
		}
		/* a short text column holds the code, not the name */
		if (fits && ti->maxlen >= 0 && ti->maxlen <= 3)
		{
			if (fk == SD_FAKE_COUNTRY)
				fk = SD_FAKE_COUNTRY_CODE;
			else if (fk == SD_FAKE_STATE)
				fk = SD_FAKE_STATE_ABBR;
		}
		if (fits)
			g->fake_kind = fk;
	}
	if (name_has(name, "price") || name_has(name, "amount") ||
		name_has(name, "total") || name_has(name, "cost") ||
		name_has(name, "salary") || name_has(name, "balance") ||
		name_has(name, "fee") || name_has(name, "revenue") ||
		name_has(name, "subtotal"))
		g->hint = N_AMOUNT;
	else if (name_has(name, "quantity") || name_has(name, "qty") ||
			 name_has(name, "count") || name_has(name, "stock"))
		g->hint = N_QUANTITY;
	else if (name_has(name, "year"))
		g->hint = N_YEAR;
	else if (name_has(name, "percent") || name_has(name, "pct") ||
			 name_has(name, "discount"))
		g->hint = N_PERCENT;
	else if (name_has(name, "deleted") || name_has(name, "archived") ||
			 name_has(name, "cancelled") || name_has(name, "canceled"))
		g->hint = N_DELETED;
	else if (strcmp(name, "updated_at") == 0 || strcmp(name, "modified_at") == 0 ||
			 strcmp(name, "updated") == 0 || strcmp(name, "updated_on") == 0)
		g->hint = N_UPDATED;

	/* bounds of the type */
	switch (ti->typid)
	{
		case INT2OID:
			g->lo = PG_INT16_MIN;
			g->hi = PG_INT16_MAX;
			break;
		case INT4OID:
			g->lo = PG_INT32_MIN;
			g->hi = PG_INT32_MAX;
			break;
		case INT8OID:
			g->lo = -9.2e18;
			g->hi = 9.2e18;
			break;
		case NUMERICOID:
			if (ti->precision > 0)
			{
				double		lim = pow10i(ti->precision - Max(ti->scale, 0)) -
					pow10i(0) / pow10i(Max(ti->scale, 0));

				g->lo = -lim;
				g->hi = lim;
				break;
			}
			/* FALLTHROUGH */
		default:
			g->lo = -1e300;
			g->hi = 1e300;
			break;
	}
}

/* ---------------------------------------------------------------------
 * Shaping the inferred generators with CHECK constraints
 * ---------------------------------------------------------------------
 */

static Node *
strip(Node *n)
{
	while (n)
	{
		if (IsA(n, RelabelType))
			n = (Node *) ((RelabelType *) n)->arg;
		else if (IsA(n, CoerceViaIO))
			n = (Node *) ((CoerceViaIO *) n)->arg;
		else if (IsA(n, FuncExpr) &&
				 ((FuncExpr *) n)->funcformat == COERCE_IMPLICIT_CAST &&
				 list_length(((FuncExpr *) n)->args) == 1)
			n = linitial(((FuncExpr *) n)->args);
		else
			break;
	}
	return n;
}

/* column referenced by n (or by length(n) when *islen), else -1 */
static int
node_column(GenPlan *plan, SdCheck *ck, Node *n, bool *islen)
{
	*islen = false;
	n = strip(n);
	if (n && IsA(n, FuncExpr) && list_length(((FuncExpr *) n)->args) == 1)
	{
		char	   *fname = get_func_name(((FuncExpr *) n)->funcid);

		if (fname && (strcmp(fname, "length") == 0 ||
					  strcmp(fname, "char_length") == 0 ||
					  strcmp(fname, "character_length") == 0))
		{
			bool		dummy;
			int			c = node_column(plan, ck, linitial(((FuncExpr *) n)->args), &dummy);

			*islen = (c >= 0 && !dummy);
			return *islen ? c : -1;
		}
		return -1;
	}
	if (n && IsA(n, Var) && ((Var *) n)->varno == 1 &&
		((Var *) n)->varattno > 0 && ((Var *) n)->varattno <= plan->t->natts)
		return plan->t->att2col[((Var *) n)->varattno - 1];
	if (n && IsA(n, CoerceToDomainValue) && ck->column >= 0)
		return ck->column;
	return -1;
}

static bool
const_number(Node *n, double *out)
{
	Const	   *c;
	TypeInfo	ti;
	SdVal		v;

	n = strip(n);
	if (!n || !IsA(n, Const) || ((Const *) n)->constisnull)
		return false;
	c = (Const *) n;
	switch (c->consttype)
	{
		case INT2OID:
		case INT4OID:
		case INT8OID:
		case FLOAT4OID:
		case FLOAT8OID:
		case NUMERICOID:
		case DATEOID:
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			typeinfo_init(&ti, c->consttype, -1);
			datum_to_val(&ti, c->constvalue, &v);
			if (v.kind != SDV_NUM && v.kind != SDV_TIME)
				return false;
			*out = v.num;
			return true;
		default:
			return false;
	}
}

/* the smallest step between two values of the inferred kind */
static double
resolution(ColGen *g)
{
	switch (g->akind)
	{
		case A_INT:
			return 1;
		case A_NUMERIC:
			return g->ti.scale >= 0 ? 1.0 / pow10i(g->ti.scale) : 1e-9;
		case A_DATE:
			return SD_USECS_PER_DAY;
		case A_TIMESTAMP:
			return 1e6;
		default:
			return 0;
	}
}

static void
set_bound(ColGen *g, const char *op, double v, bool flipped)
{
	double		res = resolution(g);
	char		o = op[0];

	if (flipped && (o == '<' || o == '>'))
		o = (o == '<') ? '>' : '<';
	if (o == '<')
	{
		double		hi = v - ((op[1] == '=') ? 0 : (res > 0 ? res : fabs(v) * 1e-12 + 1e-12));

		if (hi < g->hi)
			g->hi = hi;
		g->has_hi = true;
	}
	else if (o == '>')
	{
		double		lo = v + ((op[1] == '=') ? 0 : (res > 0 ? res : fabs(v) * 1e-12 + 1e-12));

		if (lo > g->lo)
			g->lo = lo;
		g->has_lo = true;
	}
	else if (o == '=' && op[1] == '\0')
	{
		g->lo = Max(g->lo, v);
		g->hi = Min(g->hi, v);
		g->has_lo = g->has_hi = true;
	}
}

static void shape_or(GenPlan *plan, SdCheck *ck, BoolExpr *b);

static void
shape_conjunct(GenPlan *plan, SdCheck *ck, Node *n)
{
	if (IsA(n, OpExpr) && list_length(((OpExpr *) n)->args) == 2)
	{
		OpExpr	   *op = (OpExpr *) n;
		char	   *opname = get_opname(op->opno);
		Node	   *l = linitial(op->args);
		Node	   *r = lsecond(op->args);
		bool		llen,
					rlen;
		int			lc = node_column(plan, ck, l, &llen);
		int			rc = node_column(plan, ck, r, &rlen);
		double		v;

		if (opname == NULL)
			return;
		if (lc >= 0 && rc >= 0 && !llen && !rlen && lc != rc)
		{
			/* a > b: a is drawn after b, above it */
			int			hi = (opname[0] == '>') ? lc : rc;
			int			lo = (opname[0] == '>') ? rc : lc;

			if (opname[0] != '<' && opname[0] != '>')
				return;
			if (plan->gens[hi].kind == G_AUTO && plan->gens[hi].after < 0 &&
				plan->gens[lo].kind != G_SKIP)
			{
				plan->gens[hi].after = lo;
				plan->gens[hi].after_strict = (opname[1] != '=');
				plan->gens[hi].deps[lo] = true;
			}
			return;
		}
		if (lc >= 0 && const_number(r, &v))
		{
			ColGen	   *g = &plan->gens[lc];

			if (llen)
			{
				if (strcmp(opname, "<=") == 0)
					g->maxlen = (g->maxlen < 0) ? (int) v : Min(g->maxlen, (int) v);
				else if (strcmp(opname, "<") == 0)
					g->maxlen = (g->maxlen < 0) ? (int) v - 1 : Min(g->maxlen, (int) v - 1);
				else if (strcmp(opname, ">=") == 0)
					g->minlen = Max(g->minlen, (int) v);
				else if (strcmp(opname, ">") == 0)
					g->minlen = Max(g->minlen, (int) v + 1);
				else if (strcmp(opname, "=") == 0)
				{
					g->minlen = (int) v;
					g->maxlen = (int) v;
				}
			}
			else
				set_bound(g, opname, v, false);
		}
		else if (rc >= 0 && !rlen && const_number(l, &v))
			set_bound(&plan->gens[rc], opname, v, true);
		else if (strcmp(opname, "=") == 0 && (lc >= 0 || rc >= 0) &&
				 !(lc >= 0 ? llen : rlen))
		{
			/* col = 'x' (also what IN with one value becomes) */
			Node	   *cn = strip(lc >= 0 ? r : l);
			ColGen	   *g = &plan->gens[lc >= 0 ? lc : rc];

			if (cn && IsA(cn, Const) && !((Const *) cn)->constisnull &&
				g->nchoices == 0)
			{
				TypeInfo	cti;

				typeinfo_init(&cti, ((Const *) cn)->consttype, -1);
				g->choices = palloc(sizeof(SdVal));
				datum_to_val(&cti, ((Const *) cn)->constvalue, &g->choices[0]);
				g->nchoices = 1;
			}
		}
		return;
	}
	if (IsA(n, ScalarArrayOpExpr))
	{
		ScalarArrayOpExpr *sa = (ScalarArrayOpExpr *) n;
		char	   *opname = get_opname(sa->opno);
		bool		islen;
		int			c;
		Node	   *arr;
		ArrayType  *a;
		Datum	   *elems;
		bool	   *enulls;
		int			nelems,
					i,
					k = 0;
		TypeInfo	eti;
		ColGen	   *g;

		if (!sa->useOr || opname == NULL || strcmp(opname, "=") != 0 ||
			list_length(sa->args) != 2)
			return;
		c = node_column(plan, ck, linitial(sa->args), &islen);
		arr = strip(lsecond(sa->args));
		if (c < 0 || islen || !arr || !IsA(arr, Const) || ((Const *) arr)->constisnull)
			return;
		g = &plan->gens[c];
		a = DatumGetArrayTypeP(((Const *) arr)->constvalue);
		typeinfo_init(&eti, ARR_ELEMTYPE(a), -1);
		deconstruct_array(a, eti.typid, eti.typlen, eti.typbyval, eti.typalign,
						  &elems, &enulls, &nelems);
		if (g->nchoices > 0)
			return;				/* the first IN list wins */
		g->choices = palloc(sizeof(SdVal) * Max(nelems, 1));
		for (i = 0; i < nelems; i++)
			if (!enulls[i])
				datum_to_val(&eti, elems[i], &g->choices[k++]);
		g->nchoices = k;
		return;
	}
	if (IsA(n, BoolExpr) && ((BoolExpr *) n)->boolop == AND_EXPR)
	{
		ListCell   *lc;

		foreach(lc, ((BoolExpr *) n)->args)
			shape_conjunct(plan, ck, lfirst(lc));
	}
	if (IsA(n, BoolExpr) && ((BoolExpr *) n)->boolop == OR_EXPR)
		shape_or(plan, ck, (BoolExpr *) n);
}

/*
 * An OR of conditions (e.g. the ranges of partitions): bound each column by
 * the hull of the bounds every arm gives it.
 */
static void
shape_or(GenPlan *plan, SdCheck *ck, BoolExpr *b)
{
	int			nc = plan->t->ncolumns;
	ColGen	   *saved = palloc(sizeof(ColGen) * nc);
	double	   *lo = palloc(sizeof(double) * nc);
	double	   *hi = palloc(sizeof(double) * nc);
	bool	   *all_lo = palloc(sizeof(bool) * nc);
	bool	   *all_hi = palloc(sizeof(bool) * nc);
	ListCell   *lc;
	int			c;
	bool		first = true;

	memcpy(saved, plan->gens, sizeof(ColGen) * nc);
	foreach(lc, b->args)
	{
		for (c = 0; c < nc; c++)
		{
			plan->gens[c].has_lo = plan->gens[c].has_hi = false;
			plan->gens[c].lo = saved[c].lo;
			plan->gens[c].hi = saved[c].hi;
		}
		shape_conjunct(plan, ck, lfirst(lc));
		for (c = 0; c < nc; c++)
		{
			ColGen	   *g = &plan->gens[c];

			if (first)
			{
				all_lo[c] = g->has_lo;
				all_hi[c] = g->has_hi;
				lo[c] = g->lo;
				hi[c] = g->hi;
			}
			else
			{
				all_lo[c] = all_lo[c] && g->has_lo;
				all_hi[c] = all_hi[c] && g->has_hi;
				lo[c] = Min(lo[c], g->lo);
				hi[c] = Max(hi[c], g->hi);
			}
		}
		first = false;
	}
	/* only bounds survive: choices, lengths and "after" from arms do not */
	memcpy(plan->gens, saved, sizeof(ColGen) * nc);
	for (c = 0; c < nc; c++)
	{
		ColGen	   *g = &plan->gens[c];

		if (all_lo[c])
		{
			g->lo = Max(g->lo, lo[c]);
			g->has_lo = true;
		}
		if (all_hi[c])
		{
			g->hi = Min(g->hi, hi[c]);
			g->has_hi = true;
		}
	}
}

static void
shape_from_checks(GenPlan *plan)
{
	int			i;

	for (i = 0; i < plan->t->nchecks; i++)
	{
		SdCheck    *ck = &plan->t->checks[i];
		List	   *conj = make_ands_implicit((Expr *) ck->expr);
		ListCell   *lc;

		foreach(lc, conj)
			shape_conjunct(plan, ck, lfirst(lc));
	}
	for (i = 0; i < plan->t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];

		if (g->kind != G_AUTO && g->kind != G_UNIQUE)
			continue;
		if (g->has_lo && g->has_hi && g->lo > g->hi)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("the CHECK constraints of column \"%s\" admit no value",
							plan->t->columns[i].name),
					 errdetail("The lower bound %g exceeds the upper bound %g.", g->lo, g->hi)));
		if (g->maxlen >= 0 && g->minlen > g->maxlen)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("the CHECK constraints of column \"%s\" admit no value",
							plan->t->columns[i].name),
					 errdetail("The minimum length %d exceeds the maximum length %d.",
							   g->minlen, g->maxlen)));
	}
}

/* ---------------------------------------------------------------------
 * Inferred values
 * ---------------------------------------------------------------------
 */

/* a default window [lo, hi] when the CHECKs leave one or both sides open */
static void
window(ColGen *g, double dlo, double dhi, double *lo, double *hi)
{
	double		span = dhi - dlo;

	if (g->has_lo && g->has_hi)
	{
		*lo = g->lo;
		*hi = g->hi;
	}
	else if (g->has_lo)
	{
		*lo = g->lo;
		*hi = Min(g->hi, Max(dhi, g->lo + span));
	}
	else if (g->has_hi)
	{
		*hi = g->hi;
		*lo = Max(g->lo, Min(dlo, g->hi - span));
	}
	else
	{
		*lo = Max(g->lo, dlo);
		*hi = Min(g->hi, dhi);
	}
	if (*lo > *hi)
		*lo = *hi;
}

static double
clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void
number_value(GenPlan *plan, ColGen *g, SdRng *rng, uint64 row, SdVal *out)
{
	double		lo,
				hi,
				v;
	bool		integral = (g->akind == A_INT);

	out->kind = SDV_NUM;
	if (g->fake_kind != SD_FAKE_NONE)
	{
		v = sd_fake_number(g->fake_kind, plan->locale, plan->person_seed, row, rng);
		window(g, -1e300, 1e300, &lo, &hi);
		out->num = clamp(v, lo, hi);
		return;
	}
	switch (g->hint)
	{
		case N_AMOUNT:
			window(g, 0.01, 10000, &lo, &hi);
			if (g->has_lo && g->has_hi && lo > 0)
				/* log-uniform across the allowed range: salaries, budgets */
				v = exp(log(lo) + sd_rng_uniform(rng) * (log(hi) - log(lo)));
			else
				/* log-normal around 50 above the lower bound */
				v = (g->has_lo ? Max(lo, 0) : 0) +
					exp(log(50.0) + 1.0 * sd_draw_normal(rng));
			v = integral ? rint(v) : rint(v * 100) / 100;
			break;
		case N_QUANTITY:
			window(g, 1, 100, &lo, &hi);
			v = lo + floor(sd_draw_exponential(rng) * 3);
			break;
		case N_YEAR:
			window(g, 1950, SD_FAKE_REFERENCE_YEAR, &lo, &hi);
			v = lo + floor(sd_rng_uniform(rng) * (hi - lo + 1));
			break;
		case N_PERCENT:
			window(g, 0, 100, &lo, &hi);
			v = lo + sd_rng_uniform(rng) * (hi - lo);
			break;
		default:
			if (g->akind == A_INT)
			{
				window(g, 1, g->ti.typid == INT2OID ? 1000 : 100000, &lo, &hi);
				v = ceil(lo) + floor(sd_rng_uniform(rng) * (floor(hi) - ceil(lo) + 1));
			}
			else
			{
				window(g, 0, 1000, &lo, &hi);
				v = lo + sd_rng_uniform(rng) * (hi - lo);
			}
			break;
	}
	if (g->after >= 0 && plan->vals[g->after].kind == SDV_NUM)
	{
		/* above another column, within the window when there is room */
		double		base = plan->vals[g->after].num + (g->after_strict ? resolution(g) : 0);
		double		top = Max(hi, base);

		v = base + sd_rng_uniform(rng) * Min(top - base, Max((hi - lo) / 2, 1));
	}
	if (integral)
	{
		v = floor(v);
		lo = ceil(lo);
		hi = floor(hi);
	}
	else if (g->akind == A_NUMERIC && g->ti.scale >= 0)
	{
		double		f = pow10i(g->ti.scale);

		v = rint(v * f) / f;
		lo = ceil(lo * f - 1e-9) / f;
		hi = floor(hi * f + 1e-9) / f;
	}
	else if (g->akind == A_NUMERIC && g->hint == N_NONE)
		v = rint(v * 100) / 100;
	out->num = clamp(v, lo, hi);
}

static void
time_value(GenPlan *plan, ColGen *g, SdRng *rng, uint64 row, SdVal *out)
{
	double		lo,
				hi,
				v;

	out->kind = SDV_TIME;
	window(g, SD_ANCHOR_USECS - SD_WINDOW_USECS, SD_ANCHOR_USECS, &lo, &hi);
	if (g->fake_kind != SD_FAKE_NONE)
		v = sd_fake_number(g->fake_kind, plan->locale, plan->person_seed, row, rng) *
			SD_USECS_PER_DAY;
	else
		v = lo + sd_rng_uniform(rng) * (hi - lo);
	if (g->after >= 0 && plan->vals[g->after].kind == SDV_TIME)
	{
		/* later than another column: updated >= created, end > start */
		double		base = plan->vals[g->after].num + (g->after_strict ? resolution(g) : 0);
		double		room = hi - base;
		double		u = sd_rng_uniform(rng);

		if (room <= 0)
			room = 30 * SD_USECS_PER_DAY;
		/* mostly soon after, sometimes long after */
		v = base + u * u * Min(room, 365 * SD_USECS_PER_DAY);
		if (g->akind == A_DATE)
			out->num = ceil(v / SD_USECS_PER_DAY - 1e-9) * SD_USECS_PER_DAY;
		else
			out->num = ceil(v / 1e6 - 1e-9) * 1e6;
		return;
	}
	if (g->akind == A_DATE)
		v = floor(v / SD_USECS_PER_DAY) * SD_USECS_PER_DAY;
	else
		v = floor(v / 1e6) * 1e6;	/* whole seconds read better */
	out->num = clamp(v, lo, hi);
}

static void
text_value(GenPlan *plan, ColGen *g, SdRng *rng, uint64 row, SdVal *out)
{
	StringInfoData buf;
	int			maxlen = g->maxlen;

	initStringInfo(&buf);
	out->kind = SDV_TEXT;
	if (g->fake_kind != SD_FAKE_NONE)
		sd_fake_generate_max(g->fake_kind, plan->locale, plan->person_seed, row, rng,
							 maxlen, &buf);
	else if (g->ti.typid == BPCHAROID && maxlen > 0 && maxlen <= 3)
	{
		int			i;

		for (i = 0; i < maxlen; i++)
			appendStringInfoChar(&buf, 'A' + (char) sd_rng_below(rng, 26));
	}
	else
	{
		int			hi = maxlen >= 0 ? Min(maxlen, 40) : 40;
		int			lo = Min(Max(g->minlen, Min(hi, 8)), hi);

		if (hi < 1)
			hi = 1;
		if (lo > hi)
			lo = hi;
		sd_fake_text(plan->locale, lo, hi, rng, &buf);
	}
	out->text = buf.data;
}

/* does an array element satisfy the CHECKs of its domain? */
static bool
elem_domain_ok(TypeInfo *ti, Datum d)
{
	ListCell   *lc;

	foreach(lc, ti->elemdom->constraints)
	{
		DomainConstraintState *dcs = lfirst(lc);
		bool		ok;

		if (dcs->constrainttype != DOM_CONSTRAINT_CHECK)
			continue;
		ti->elemecxt->domainValue_datum = d;
		ti->elemecxt->domainValue_isNull = false;
		ok = ExecCheck(dcs->check_exprstate, ti->elemecxt);
		ResetExprContext(ti->elemecxt);
		if (!ok)
			return false;
	}
	return true;
}

/* inferred value of a column as a rule value; *direct set for Datum-only kinds */
static void
auto_value(GenPlan *plan, ColGen *g, TypeInfo *ti, SdRng *rng, uint64 row,
		   SdVal *out, Datum *direct, bool *has_direct)
{
	StringInfoData buf;
	int			i;

	*has_direct = false;
	out->text = NULL;
	if (g->nchoices > 0)
	{
		*out = g->choices[sd_rng_below(rng, g->nchoices)];
		return;
	}
	switch (g->akind)
	{
		case A_INT:
		case A_FLOAT:
		case A_NUMERIC:
			number_value(plan, g, rng, row, out);
			return;
		case A_MONEY:
			out->kind = SDV_NUM;
			out->num = rint(exp(log(50.0) + sd_draw_normal(rng)) * 100) / 100;
			return;
		case A_BOOL:
			out->kind = SDV_BOOL;
			out->num = sd_rng_below(rng, 2);
			return;
		case A_TEXT:
			text_value(plan, g, rng, row, out);
			return;
		case A_DATE:
		case A_TIMESTAMP:
			time_value(plan, g, rng, row, out);
			return;
		case A_TIME:
			out->kind = SDV_TIME;
			out->num = floor(sd_rng_uniform(rng) * 86400) * 1e6;
			return;
		case A_INTERVAL:
			out->kind = SDV_INTERVAL;
			out->num = floor(sd_rng_uniform(rng) * 30 * 86400) * 1e6;
			return;
		case A_UUID:
			{
				pg_uuid_t  *u = palloc(sizeof(pg_uuid_t));

				for (i = 0; i < UUID_LEN; i += 4)
				{
					uint32		w = sd_rng_u32(rng);

					memcpy(u->data + i, &w, 4);
				}
				u->data[6] = (u->data[6] & 0x0f) | 0x40;	/* version 4 */
				u->data[8] = (u->data[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
				*direct = UUIDPGetDatum(u);
				*has_direct = true;
				out->kind = SDV_TEXT;
				out->text = DatumGetCString(DirectFunctionCall1(uuid_out, *direct));
				return;
			}
		case A_JSON:
			initStringInfo(&buf);
			appendStringInfo(&buf, "{\"id\": " UINT64_FORMAT ", \"score\": %.2f, \"tag\": \"",
							 row + 1, sd_rng_uniform(rng) * 100);
			sd_fake_generate(SD_FAKE_WORD, plan->locale, plan->person_seed, row, rng, &buf);
			appendStringInfoString(&buf, "\"}");
			out->kind = SDV_TEXT;
			out->text = buf.data;
			return;
		case A_BYTEA:
			{
				int			len = 8 + (int) sd_rng_below(rng, 25);
				bytea	   *b = palloc(VARHDRSZ + len);

				SET_VARSIZE(b, VARHDRSZ + len);
				for (i = 0; i < len; i++)
					((unsigned char *) VARDATA(b))[i] = (unsigned char) sd_rng_below(rng, 256);
				*direct = PointerGetDatum(b);
				*has_direct = true;
				out->kind = SDV_TEXT;
				out->text = "";
				return;
			}
		case A_INET:
			initStringInfo(&buf);
			sd_fake_generate(g->fake_kind == SD_FAKE_IPV6 ? SD_FAKE_IPV6 : SD_FAKE_IPV4,
							 plan->locale, plan->person_seed, row, rng, &buf);
			out->kind = SDV_TEXT;
			out->text = buf.data;
			return;
		case A_CIDR:
			out->kind = SDV_TEXT;
			out->text = psprintf("10.%d.%d.0/24", (int) sd_rng_below(rng, 256),
								 (int) sd_rng_below(rng, 256));
			return;
		case A_MACADDR:
			initStringInfo(&buf);
			sd_fake_generate(SD_FAKE_MAC, plan->locale, plan->person_seed, row, rng, &buf);
			if (ti->typid == MACADDR8OID)
				appendStringInfo(&buf, ":%02x:%02x", (int) sd_rng_below(rng, 256),
								 (int) sd_rng_below(rng, 256));
			out->kind = SDV_TEXT;
			out->text = buf.data;
			return;
		case A_BIT:
			{
				int			len = ti->maxlen > 0 ? ti->maxlen : 8;

				initStringInfo(&buf);
				if (ti->typid == VARBITOID)
					len = 1 + (int) sd_rng_below(rng, len);
				for (i = 0; i < len; i++)
					appendStringInfoChar(&buf, sd_rng_below(rng, 2) ? '1' : '0');
				out->kind = SDV_TEXT;
				out->text = buf.data;
				return;
			}
		case A_ENUM:
			{
				int			k = (int) sd_rng_below(rng, ti->nlabels);

				*direct = ti->labels[k];
				*has_direct = true;
				out->kind = SDV_TEXT;
				out->text = ti->labeltext[k];
				return;
			}
		case A_RANGE:
			{
				double		a,
							len;
				char	   *lo,
						   *hi;
				SdVal		x;

				initStringInfo(&buf);
				switch (ti->rngsubtype)
				{
					case DATEOID:
					case TIMESTAMPOID:
					case TIMESTAMPTZOID:
						a = SD_ANCHOR_USECS - sd_rng_uniform(rng) * SD_WINDOW_USECS;
						a = floor(a / SD_USECS_PER_DAY) * SD_USECS_PER_DAY;
						len = (1 + sd_rng_below(rng, 30)) * SD_USECS_PER_DAY;
						x.kind = SDV_TIME;
						x.num = a;
						sd_val_to_text(&x, &buf);
						lo = pstrdup(buf.data);
						resetStringInfo(&buf);
						x.num = a + len;
						sd_val_to_text(&x, &buf);
						hi = pstrdup(buf.data);
						break;
					default:
						a = 1 + sd_rng_below(rng, 1000);
						len = 1 + sd_rng_below(rng, 100);
						lo = psprintf("%.0f", a);
						hi = psprintf("%.0f", a + len);
						break;
				}
				out->kind = SDV_TEXT;
				out->text = psprintf("[%s,%s)", lo, hi);
				return;
			}
		case A_ARRAY:
			{
				/* 0-4 elements drawn like a column of the element type */
				int			nel = (int) sd_rng_below(rng, 5);
				ColGen		eg = *g;
				Datum	   *elems = palloc(sizeof(Datum) * Max(nel, 1));
				bool	   *enulls = palloc0(sizeof(bool) * Max(nel, 1));
				int			dims[1] = {nel},
							lbs[1] = {1};
				AutoKind	ek;

				auto_kind_for(ti->elem, &ek);
				eg.akind = ek;
				eg.ti = *ti->elem;
				eg.maxlen = ti->elem->maxlen;
				eg.after = -1;
				eg.nchoices = 0;
				for (i = 0; i < nel; i++)
				{
					SdVal		ev;
					Datum		ed;
					bool		hd;

					int			tries;

					for (tries = 0;; tries++)
					{
						auto_value(plan, &eg, ti->elem, rng, row, &ev, &ed, &hd);
						elems[i] = hd ? ed : val_to_datum(plan, g->col, ti->elem, &ev);
						if (!ti->elem_domain || elem_domain_ok(ti, elems[i]))
							break;
						if (tries >= SD_MAX_ATTEMPTS)
							ereport(ERROR,
									(errcode(ERRCODE_CHECK_VIOLATION),
									 errmsg("could not generate an element of column \"%s\" that satisfies its domain",
											plan->t->columns[g->col].name),
									 errhint("Give the column a rule.")));
					}
				}
				if (ti->elem_domain)
				{
					/* through array_in, so the element domain's checks apply */
					initStringInfo(&buf);
					appendStringInfoChar(&buf, '{');
					for (i = 0; i < nel; i++)
					{
						char	   *e = OutputFunctionCall(&ti->elem->outfunc, elems[i]);
						char	   *p;

						appendStringInfoString(&buf, i ? ",\"" : "\"");
						for (p = e; *p; p++)
						{
							if (*p == '"' || *p == '\\')
								appendStringInfoChar(&buf, '\\');
							appendStringInfoChar(&buf, *p);
						}
						appendStringInfoChar(&buf, '"');
					}
					appendStringInfoChar(&buf, '}');
					*direct = text_to_datum(ti, buf.data);
					*has_direct = true;
					out->kind = SDV_TEXT;
					out->text = "";
					return;
				}
				*direct = PointerGetDatum(construct_md_array(elems, enulls, 1, dims, lbs,
															 ti->elem->typid,
															 ti->elem->typlen,
															 ti->elem->typbyval,
															 ti->elem->typalign));
				*has_direct = true;
				out->kind = SDV_TEXT;
				out->text = "";
				return;
			}
	}
	elog(ERROR, "unexpected generator kind %d", g->akind);
}

/* ---------------------------------------------------------------------
 * Unique keys by construction
 * ---------------------------------------------------------------------
 */

/* size of a pattern's value space (saturating), see fake.h for the syntax */
static uint64
pattern_space(const char *p)
{
	uint64		size = 1;

	for (; *p; p++)
	{
		int			k = 1;

		switch (*p)
		{
			case 'A':
			case 'a':
				k = 26;
				break;
			case '9':
				k = 10;
				break;
			case '#':
				k = 9;
				break;
			case '?':
				k = 52;
				break;
			case 'X':
			case 'x':
				k = 36;
				break;
			case '*':
				k = 62;
				break;
			case 'H':
			case 'h':
				k = 16;
				break;
			case '\\':
				if (p[1])
					p++;
				break;
			default:
				break;
		}
		size = sat_mul(size, k);
	}
	return size;
}

/* the idx-th value of a pattern (mixed radix, last character fastest) */
static char *
pattern_decode(const char *p, uint64 idx)
{
	static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	static const char lower[] = "abcdefghijklmnopqrstuvwxyz";
	static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	static const char upal[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static const char lowal[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	static const char all[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	int			len = strlen(p);
	char	   *out = palloc(len + 1);
	int			o = 0,
				i;
	const char **cls = palloc(sizeof(char *) * (len + 1));

	/* first pass: classes in order, literals kept */
	for (i = 0; i < len; i++)
	{
		const char *c = NULL;

		switch (p[i])
		{
			case 'A':
				c = upper;
				break;
			case 'a':
				c = lower;
				break;
			case '9':
				c = "0123456789";
				break;
			case '#':
				c = "123456789";
				break;
			case '?':
				c = letters;
				break;
			case 'X':
				c = upal;
				break;
			case 'x':
				c = lowal;
				break;
			case '*':
				c = all;
				break;
			case 'H':
				c = "0123456789ABCDEF";
				break;
			case 'h':
				c = "0123456789abcdef";
				break;
			case '\\':
				if (i + 1 < len)
					i++;
				break;
			default:
				break;
		}
		cls[o] = c;
		out[o++] = p[i];
	}
	out[o] = '\0';
	for (i = o - 1; i >= 0; i--)
	{
		if (cls[i] == NULL)
			continue;
		out[i] = cls[i][idx % strlen(cls[i])];
		idx /= strlen(cls[i]);
	}
	return out;
}

static int
digits(uint64 v)
{
	int			d = 1;

	while (v >= 10)
	{
		v /= 10;
		d++;
	}
	return d;
}

#define SD_UNBOUNDED	(((uint64) 1) << 62)

/* how many distinct values a unique column dimension can take */
static uint64
dim_natural_size(GenPlan *plan, ColGen *g, const char *pattern)
{
	double		r;

	if (pattern)
		return Min(pattern_space(pattern), SD_UNBOUNDED);
	if (g->nchoices > 0)
		return g->nchoices;
	switch (g->akind)
	{
		case A_INT:
		case A_NUMERIC:
		case A_FLOAT:
			r = floor(g->hi / g->ustep + 1e-9) - ceil(g->lo / g->ustep - 1e-9) + 1;
			return r >= (double) SD_UNBOUNDED ? SD_UNBOUNDED : r < 1 ? 0 : (uint64) r;
		case A_DATE:
		case A_TIMESTAMP:
			if (!g->has_lo || !g->has_hi)
				return SD_UNBOUNDED;
			r = floor((g->hi - g->lo) / resolution(g)) + 1;
			return r >= (double) SD_UNBOUNDED ? SD_UNBOUNDED : r < 1 ? 0 : (uint64) r;
		case A_TEXT:
			if (g->maxlen >= 0)
				return g->maxlen >= 18 ? SD_UNBOUNDED :
					(uint64) pow10i(g->maxlen);
			return SD_UNBOUNDED;
		case A_ENUM:
			return g->ti.nlabels;
		case A_BOOL:
			return 2;
		case A_UUID:
			return SD_UNBOUNDED;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("cannot generate unique values of type %s for column \"%s\"",
							format_type_be(plan->t->columns[g->col].typid),
							plan->t->columns[g->col].name),
					 errhint("Give the column a rule that is unique by itself, e.g. a seq() or a pattern().")));
	}
	return 0;
}

/* the idx-th value of a unique column (idx < the dimension's size) */
static void
dim_value(GenPlan *plan, ColGen *g, const char *pattern, int fake_kind,
		  uint64 idx, uint64 size, uint64 row, SdVal *out, Datum *direct,
		  bool *has_direct)
{
	double		base;
	SdColumn   *c = &plan->t->columns[g->col];

	*has_direct = false;
	out->text = NULL;
	if (pattern)
	{
		out->kind = SDV_TEXT;
		out->text = pattern_decode(pattern, idx);
		return;
	}
	if (g->nchoices > 0)
	{
		*out = g->choices[idx];
		return;
	}
	switch (g->akind)
	{
		case A_INT:
		case A_NUMERIC:
		case A_FLOAT:
			if (g->has_lo)
				base = ceil(g->lo / g->ustep - 1e-9);
			else if (g->has_hi)
				base = floor(g->hi / g->ustep + 1e-9) - (double) (size - 1);
			else
			{
				/* from 1 up when the positive part of the type has room */
				base = Max(1, ceil(g->lo / g->ustep - 1e-9));
				if (floor(g->hi / g->ustep + 1e-9) - base + 1 < (double) size)
					base = ceil(g->lo / g->ustep - 1e-9);
			}
			out->kind = SDV_NUM;
			out->num = (base + (double) idx) * g->ustep;
			return;
		case A_DATE:
		case A_TIMESTAMP:
			out->kind = SDV_TIME;
			base = (g->akind == A_TIMESTAMP && g->ustep > 1) ? g->ustep : resolution(g);
			if (g->has_lo)
				out->num = g->lo + (double) idx * base;
			else
				out->num = (g->has_hi ? g->hi : SD_ANCHOR_USECS) - (double) idx * base;
			if (g->akind == A_DATE)
				out->num = floor(out->num / SD_USECS_PER_DAY) * SD_USECS_PER_DAY;
			return;
		case A_TEXT:
			{
				StringInfoData buf;
				int			width = digits(size > 0 ? size - 1 : 0);
				int			kind = fake_kind;

				initStringInfo(&buf);
				out->kind = SDV_TEXT;
				if (kind != SD_FAKE_NONE)
				{
					/* a fake value made unique by ".<idx>" (before "@" in emails) */
					char	   *at;
					char	   *suffix = psprintf("." UINT64_FORMAT, idx);
					SdRng		rng = g->rng;

					sd_rng_seek(&rng, row);
					sd_fake_generate(kind, plan->locale, plan->person_seed, row, &rng, &buf);
					at = strchr(buf.data, '@');
					if (at)
					{
						char	   *domain = pstrdup(at);
						int			room = g->maxlen < 0 ? INT_MAX :
							g->maxlen - (int) strlen(suffix) - pg_mbstrlen(domain);

						*at = '\0';
						if (room < 1)
							room = 1;
						out->text = psprintf("%s%s%s", clip_chars(buf.data, room),
											 suffix, domain);
					}
					else
					{
						/*
						 * Phone numbers, ids: the last digits become the
						 * index (distinct indexes, distinct strings); values
						 * with too few digits get the suffix instead.
						 */
						int			ndig = 0,
									i;
						char	   *num = psprintf("%0*" INT64_MODIFIER "u", width, idx);
						int			k = strlen(num);

						for (i = 0; buf.data[i]; i++)
							ndig += isdigit((unsigned char) buf.data[i]) ? 1 : 0;
						if (ndig >= k)
						{
							for (i = buf.len - 1; i >= 0 && k > 0; i--)
								if (isdigit((unsigned char) buf.data[i]))
									buf.data[i] = num[--k];
							out->text = buf.data;
						}
						else
						{
							int			room = g->maxlen < 0 ? INT_MAX :
								g->maxlen - (int) strlen(suffix);

							out->text = psprintf("%s%s", clip_chars(buf.data, Max(room, 0)),
												 suffix);
						}
					}
					if (g->maxlen < 0 || pg_mbstrlen(out->text) <= g->maxlen)
						return;
					/* too long even so: fall back to a plain code */
				}
				{
					/* a code: "SKU-000042", or just the digits when short of room */
					char		prefix[8];
					int			k = 0;
					const char *p;

					for (p = c->name; *p && k < 3; p++)
						if (isalnum((unsigned char) *p))
							prefix[k++] = pg_ascii_toupper((unsigned char) *p);
					prefix[k++] = '-';
					prefix[k] = '\0';
					if (g->maxlen >= 0 && width + k > g->maxlen)
						prefix[0] = '\0';
					out->text = psprintf("%s%0*" INT64_MODIFIER "u", prefix, width, idx);
				}
				return;
			}
		case A_ENUM:
			*direct = g->ti.labels[idx];
			*has_direct = true;
			out->kind = SDV_TEXT;
			out->text = g->ti.labeltext[idx];
			return;
		case A_BOOL:
			out->kind = SDV_BOOL;
			out->num = (double) idx;
			return;
		case A_UUID:
			{
				pg_uuid_t  *u = palloc(sizeof(pg_uuid_t));
				SdRng		rng = g->rng;
				uint64		low;
				int			i;

				if (g->uuidperm.domain == 0)
					perm_init(&g->uuidperm, ((uint64) 1) << 56, plan->seed, g->stream);
				low = perm_apply(&g->uuidperm, idx);
				sd_rng_seek(&rng, row);
				for (i = 0; i < 9; i++)
					u->data[i] = (uint8) sd_rng_below(&rng, 256);
				/* the low 56 bits carry the index: distinct rows, distinct uuids */
				for (i = 0; i < 7; i++)
					u->data[15 - i] = (uint8) (low >> (8 * i));
				u->data[6] = (u->data[6] & 0x0f) | 0x40;
				u->data[8] = (u->data[8] & 0x3f) | 0x80;
				*direct = UUIDPGetDatum(u);
				*has_direct = true;
				out->kind = SDV_TEXT;
				out->text = DatumGetCString(DirectFunctionCall1(uuid_out, *direct));
				return;
			}
		default:
			break;
	}
	elog(ERROR, "unexpected unique generator kind %d", g->akind);
}

/* Oids of the leaf indexes behind a (possibly partitioned) unique index */
static List *
leaf_indexes(Oid indexoid)
{
	List	   *all;
	List	   *leaves = NIL;
	ListCell   *lc;

	if (get_rel_relkind(indexoid) != RELKIND_PARTITIONED_INDEX)
		return list_make1_oid(indexoid);
	all = find_all_inheritors(indexoid, AccessShareLock, NULL);
	foreach(lc, all)
		if (get_rel_relkind(lfirst_oid(lc)) == RELKIND_INDEX)
			leaves = lappend_oid(leaves, lfirst_oid(lc));
	return leaves;
}

/*
 * Does a row with these key values exist (or is one being inserted)?  A
 * dirty snapshot sees committed and in-progress rows, as the unique check
 * itself does.
 */
static bool
key_exists(GenPlan *plan, UniqueGroup *ug)
{
	ListCell   *lc;
	bool		found = false;
	int			j;

	/* NULLs never conflict (NULLS NOT DISTINCT keys are left to the index) */
	for (j = 0; j < ug->nkeycols; j++)
		if (plan->nulls[plan->t->columns[ug->keycols[j]].attnum - 1])
			return false;

	foreach(lc, ug->leafindexes)
	{
		Relation	irel = index_open(lfirst_oid(lc), AccessShareLock);
		Relation	hrel = table_open(irel->rd_index->indrelid, AccessShareLock);
		ScanKeyData skeys[INDEX_MAX_KEYS];
		SnapshotData snap;
		IndexScanDesc scan;
		TupleTableSlot *slot;
		int			j;

		for (j = 0; j < ug->nkeycols; j++)
		{
			Oid			opfamily = irel->rd_opfamily[j];
			Oid			intype = irel->rd_opcintype[j];
			Oid			eqop = get_opfamily_member(opfamily, intype, intype,
												   BTEqualStrategyNumber);
			AttrNumber	a = plan->t->columns[ug->keycols[j]].attnum;

			if (!OidIsValid(eqop))
				elog(ERROR, "missing equality operator for index \"%s\"",
					 RelationGetRelationName(irel));
			ScanKeyEntryInitialize(&skeys[j], 0, j + 1, BTEqualStrategyNumber,
								   intype, irel->rd_indcollation[j],
								   get_opcode(eqop), plan->values[a - 1]);
		}
		InitDirtySnapshot(snap);
		scan = index_beginscan(hrel, irel, &snap, ug->nkeycols, 0);
		index_rescan(scan, skeys, ug->nkeycols, NULL, 0);
		slot = table_slot_create(hrel, NULL);
		found = index_getnext_slot(scan, ForwardScanDirection, slot);
		index_endscan(scan);
		ExecDropSingleTupleTableSlot(slot);
		table_close(hrel, AccessShareLock);
		index_close(irel, AccessShareLock);
		if (found)
			break;
	}
	return found;
}

/* set the columns of a foreign-key group to parent key k */
static void
set_fk(GenPlan *plan, FkGroup *fg, int k)
{
	int			j;

	for (j = 0; j < fg->fk->ncols; j++)
	{
		int			c = fg->fk->cols[j];
		AttrNumber	a = plan->t->columns[c].attnum;

		if (k < 0)
		{
			plan->nulls[a - 1] = true;
			plan->vals[c].kind = SDV_NULL;
		}
		else
		{
			plan->values[a - 1] = fg->keys[(Size) k * fg->fk->ncols + j];
			plan->nulls[a - 1] = false;
			plan->vals[c] = fg->keyvals[(Size) k * fg->fk->ncols + j];
		}
		plan->done[c] = true;
	}
}

static void
set_col(GenPlan *plan, int c, SdVal *v, Datum direct, bool has_direct)
{
	AttrNumber	a = plan->t->columns[c].attnum;

	plan->vals[c] = *v;
	if (v->kind == SDV_NULL && !has_direct)
	{
		plan->nulls[a - 1] = true;
		plan->values[a - 1] = (Datum) 0;
	}
	else
	{
		plan->nulls[a - 1] = false;
		plan->values[a - 1] = has_direct ? direct :
			val_to_datum(plan, c, &plan->gens[c].ti, v);
	}
	plan->done[c] = true;
}

/* the next permutation position of a unique group for this row */
static void
unique_advance(GenPlan *plan, UniqueGroup *ug, uint64 row)
{
	/* probing takes positions in turn; otherwise row i takes position i */
	uint64		pos = ug->probe ? ug->next_pos++ : row;

	if (pos >= ug->domain)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("ran out of unique values for key \"%s\" of table \"%s\"",
						ug->key ? ug->key->name : plan->t->columns[ug->dims[0].col].name,
						plan->t->relname),
				 errdetail("The key's domain holds " UINT64_FORMAT " values and the table already has " INT64_FORMAT " rows.",
						   ug->domain, plan->existing)));
	ug->cur_pos = pos;
}

/* set the group's columns from its current position */
static void
unique_row(GenPlan *plan, UniqueGroup *ug, uint64 row)
{
	uint64		x;
	int			d;

	x = perm_apply(&ug->perm, ug->cur_pos);
	for (d = 0; d < ug->ndims; d++)
	{
		UDim	   *dim = &ug->dims[d];
		uint64		idx = x % dim->size;

		x /= dim->size;
		if (dim->fk >= 0)
			set_fk(plan, &plan->fks[dim->fk], (int) idx);
		else
		{
			ColGen	   *g = &plan->gens[dim->col];
			SdVal		v;
			Datum		direct = (Datum) 0;
			bool		hd;

			dim_value(plan, g, g->pattern, g->fake_kind, idx, dim->size,
					  row, &v, &direct, &hd);
			set_col(plan, dim->col, &v, direct, hd);
		}
	}
}

/* ---------------------------------------------------------------------
 * The plan
 * ---------------------------------------------------------------------
 */

static bool
default_is_sequence(SdTable *t, int c)
{
	return t->columns[c].from_sequence;
}

static void
plan_groups(GenPlan *plan)
{
	SdTable    *t = plan->t;
	int			i,
				j,
				k;
	int		   *korder;

	/* foreign keys whose columns are all left to us */
	plan->fks = palloc0(sizeof(FkGroup) * Max(t->nfkeys, 1));
	plan->nfk = 0;
	for (i = 0; i < t->nfkeys; i++)
	{
		SdForeignKey *fk = &t->fkeys[i];
		bool		ours = true;

		for (j = 0; j < fk->ncols; j++)
		{
			ColGen	   *g = &plan->gens[fk->cols[j]];

			if (fk->cols[j] < 0 || g->kind != G_AUTO || g->group >= 0 ||
				g->unique_rule)
				ours = false;
		}
		if (!ours)
			continue;
		plan->fks[plan->nfk].fk = fk;
		plan->fks[plan->nfk].unique_group = -1;
		plan->fks[plan->nfk].gen = fk->cols[0];
		for (j = 0; j < fk->ncols; j++)
		{
			plan->gens[fk->cols[j]].kind = G_FK;
			plan->gens[fk->cols[j]].group = plan->nfk;
			if (plan->gens[fk->cols[j]].fanout_given)
				plan->fks[plan->nfk].gen = fk->cols[j];
		}
		plan->nfk++;
	}
	for (i = 0; i < t->ncolumns; i++)
		if (plan->gens[i].fanout_given && plan->gens[i].kind != G_FK)
			bad_rule_shape(plan, i,
						   psprintf("Column \"%s\" is not a foreign key that is left to the generator, so it has no fan-out.",
									t->columns[i].name), NULL);

	/* unique keys: primary key first, then by number of columns */
	korder = palloc(sizeof(int) * Max(t->nkeys, 1));
	for (i = 0; i < t->nkeys; i++)
		korder[i] = i;
	for (i = 1; i < t->nkeys; i++)
		for (j = i; j > 0; j--)
		{
			SdUniqueKey *a = &t->keys[korder[j - 1]];
			SdUniqueKey *b = &t->keys[korder[j]];

			if ((b->primary && !a->primary) ||
				(b->primary == a->primary && b->ncols < a->ncols))
			{
				int			tmp = korder[j];

				korder[j] = korder[j - 1];
				korder[j - 1] = tmp;
			}
			else
				break;
		}

	plan->uniques = palloc0(sizeof(UniqueGroup) * (t->nkeys + t->ncolumns + 1));
	plan->nunique = 0;
	for (k = 0; k < t->nkeys; k++)
	{
		SdUniqueKey *key = &t->keys[korder[k]];
		UniqueGroup *ug = &plan->uniques[plan->nunique];
		bool		satisfied = false;

		if (key->ncols == 0)
			continue;
		/* already unique through one of its columns, or a sequence */
		for (j = 0; j < key->ncols; j++)
		{
			ColGen	   *g = &plan->gens[key->cols[j]];

			if (g->kind == G_DEFAULT && default_is_sequence(t, key->cols[j]))
				satisfied = true;
			if (g->kind == G_UNIQUE && plan->uniques[g->group].ndims == 1)
				satisfied = true;
			if (g->kind == G_FK && plan->fks[g->group].unique_group >= 0 &&
				plan->uniques[plan->fks[g->group].unique_group].ndims == 1)
				satisfied = true;
		}
		if (satisfied)
			continue;
		ug->key = key;
		ug->dims = palloc0(sizeof(UDim) * key->ncols);
		ug->nkeycols = key->ncols;
		ug->keycols = key->cols;
		for (j = 0; j < key->ncols; j++)
		{
			int			c = key->cols[j];
			ColGen	   *g = &plan->gens[c];

			if (g->kind == G_AUTO)
			{
				g->kind = G_UNIQUE;
				g->group = plan->nunique;
				ug->dims[ug->ndims].col = c;
				ug->dims[ug->ndims++].fk = -1;
			}
			else if (g->kind == G_FK && plan->fks[g->group].unique_group < 0)
			{
				FkGroup    *fg = &plan->fks[g->group];
				int			m,
							inkey = 0;

				for (m = 0; m < fg->fk->ncols; m++)
				{
					int			q;

					for (q = 0; q < key->ncols; q++)
						if (key->cols[q] == fg->fk->cols[m])
							inkey++;
				}
				/* an FK partly outside the key is drawn freely */
				if (inkey == fg->fk->ncols)
				{
					fg->unique_group = plan->nunique;
					ug->dims[ug->ndims].col = -1;
					ug->dims[ug->ndims++].fk = g->group;
				}
			}
			/* rule and default columns are not dimensions */
		}
		if (ug->ndims == 0)
		{
			/* every column has a rule or default: the executor will check */
			ug->key = NULL;
			continue;
		}
		/* probing (decided in prepare) needs the plain columns of the index */
		ug->probe = !key->has_expressions;
		plan->nunique++;
	}

	/* "unique": true on a column that no key covers */
	for (i = 0; i < t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];
		UniqueGroup *ug;

		if (!g->unique_rule || g->kind == G_UNIQUE)
			continue;
		if (g->kind == G_RULE)
		{
			int			loc;

			g->pattern = sd_rule_pattern(g->expr);
			g->fake_kind = sd_rule_fake_kind(g->expr, &loc);
			if (g->pattern == NULL && g->fake_kind == SD_FAKE_NONE)
				bad_rule_shape(plan, i,
							   "\"unique\" needs a pattern(), a fake generator or no value at all.",
							   "Values of an arbitrary expression cannot be made unique by construction.");
			if (g->fake_kind != SD_FAKE_NONE &&
				sd_fake_kind_type(g->fake_kind) != SD_FAKE_TYPE_TEXT)
				bad_rule_shape(plan, i,
							   "\"unique\" works with text fake kinds only.", NULL);
		}
		else if (g->kind != G_AUTO)
			bad_rule_shape(plan, i,
						   psprintf("Column \"%s\" is a foreign key or left to its default, so it cannot be made unique.",
									t->columns[i].name), NULL);
		ug = &plan->uniques[plan->nunique];
		/* a key whose only column this is gets probed */
		for (k = 0; k < t->nkeys; k++)
			if (t->keys[k].ncols == 1 && t->keys[k].cols[0] == i &&
				!t->keys[k].has_expressions)
			{
				ug->key = &t->keys[k];
				ug->nkeycols = 1;
				ug->keycols = t->keys[k].cols;
				ug->probe = true;
			}
		g->kind = G_UNIQUE;
		g->group = plan->nunique;
		ug->dims = palloc0(sizeof(UDim));
		ug->dims[0].col = i;
		ug->dims[0].fk = -1;
		ug->ndims = 1;
		plan->nunique++;
	}
}

/* evaluation order: a topological sort of the columns by their dependencies */
static void
plan_order(GenPlan *plan)
{
	SdTable    *t = plan->t;
	int			nc = t->ncolumns;
	bool	   *placed = palloc0(sizeof(bool) * Max(nc, 1));
	int			n = 0,
				i,
				j;
	bool		progress = true;

	plan->order = palloc(sizeof(int) * Max(nc, 1));
	/* columns without dependencies first, in column order */
	while (progress)
	{
		progress = false;
		for (i = 0; i < nc; i++)
		{
			bool		ready = true;

			if (placed[i])
				continue;
			for (j = 0; j < nc; j++)
				if (plan->gens[i].deps[j] && !placed[j] && j != i)
					ready = false;
			if (plan->gens[i].deps[i] && plan->gens[i].kind == G_RULE)
				ready = false;	/* a rule that references its own column */
			if (!ready)
				continue;
			placed[i] = true;
			plan->order[n++] = i;
			progress = true;
		}
	}
	if (n < nc)
	{
		/* find a cycle to name: walk unplaced dependencies until one repeats */
		StringInfoData cyc;
		int		   *seen = palloc(sizeof(int) * nc);
		int			cur = -1,
					steps = 0;

		for (i = 0; i < nc && cur < 0; i++)
			if (!placed[i])
				cur = i;
		memset(seen, -1, sizeof(int) * nc);
		while (seen[cur] < 0)
		{
			seen[cur] = steps++;
			for (j = 0; j < nc; j++)
				if (plan->gens[cur].deps[j] && !placed[j])
					break;
			cur = j;
		}
		initStringInfo(&cyc);
		i = cur;
		do
		{
			appendStringInfo(&cyc, "\"%s\" -> ", t->columns[i].name);
			for (j = 0; j < nc; j++)
				if (plan->gens[i].deps[j] && !placed[j])
					break;
			i = j;
		} while (i != cur);
		appendStringInfo(&cyc, "\"%s\"", t->columns[cur].name);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rules of table \"%s\" reference each other in a cycle",
						t->relname),
				 errdetail("Cycle: %s.", cyc.data),
				 errhint("Make one of these columns independent of the others.")));
	}
	pfree(placed);
}

static GenPlan *
plan_build(Oid relid, Jsonb *rules, uint64 seed, int64 n, int64 start)
{
	GenPlan	   *plan = palloc0(sizeof(GenPlan));
	SdTable    *t;
	int			i;
	uint64		base = sd_stream_id("synth_rows");

	t = plan->t = sd_table_open(relid, 0);
	plan->seed = seed;
	/* two tables filled with one seed do not share their people */
	plan->person_seed = sd_mix64(seed ^ sd_stream_id(t->qualname));
	plan->n = n;
	plan->start = start;
	plan->locale = SD_FAKE_LOCALE_EN;
	plan->natts = t->natts;
	plan->gens = palloc0(sizeof(ColGen) * Max(t->ncolumns, 1));
	plan->values = palloc0(sizeof(Datum) * Max(t->natts, 1));
	plan->nulls = palloc(sizeof(bool) * Max(t->natts, 1));
	memset(plan->nulls, true, sizeof(bool) * Max(t->natts, 1));
	plan->vals = palloc0(sizeof(SdVal) * Max(t->ncolumns, 1));
	plan->done = palloc0(sizeof(bool) * Max(t->ncolumns, 1));

	for (i = 0; i < t->ncolumns; i++)
	{
		SdColumn   *c = &t->columns[i];
		ColGen	   *g = &plan->gens[i];

		g->col = i;
		g->group = -1;
		g->after = -1;
		g->maxlen = -1;
		g->deps = palloc0(sizeof(bool) * t->ncolumns);
		g->stream = sd_stream_child(base, sd_stream_id(c->name));
		sd_rng_init(&g->rng, seed, g->stream);
		sd_rng_init(&g->nullrng, seed, sd_stream_child(g->stream, PG_UINT32_MAX));
		if (c->generated)
			g->kind = G_SKIP;
		else if (c->has_default || c->identity)
			g->kind = G_DEFAULT;
		else
			g->kind = G_AUTO;
	}

	read_rules(plan, rules);

	/* type information and inferred generators */
	for (i = 0; i < t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];

		typeinfo_init(&g->ti, t->columns[i].basetypid, t->columns[i].basetypmod);
		if (g->kind == G_AUTO)
			infer_auto(plan, g);
		else
		{
			g->maxlen = g->ti.maxlen;
			auto_kind_for(&g->ti, &g->akind);
		}
	}
	plan_groups(plan);
	shape_from_checks(plan);
	for (i = 0; i < t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];

		/* updated_at after created_at, when nothing else says otherwise */
		if (g->kind == G_AUTO && g->hint == N_UPDATED && g->after < 0)
		{
			int			c = sd_table_column(t, "created_at");

			if (c < 0)
				c = sd_table_column(t, "created");
			if (c >= 0 && c != i && plan->gens[c].kind != G_SKIP &&
				!plan->gens[c].deps[i])
			{
				g->after = c;
				g->deps[c] = true;
			}
		}
		/* soft-delete markers are mostly NULL */
		if (g->kind == G_AUTO && g->hint == N_DELETED && !t->columns[i].notnull &&
			g->null_frac == 0 && (g->akind == A_DATE || g->akind == A_TIMESTAMP))
			g->null_frac = 0.9;
		/* members of groups are computed with their group: no dependencies */
		if (g->kind == G_FK || g->kind == G_UNIQUE)
		{
			memset(g->deps, 0, sizeof(bool) * t->ncolumns);
			g->after = -1;
		}
	}
	plan_order(plan);
	return plan;
}

/* ---------------------------------------------------------------------
 * Preparing: what needs SPI or the relation, once per call
 * ---------------------------------------------------------------------
 */

static void
load_parent_keys(GenPlan *plan, FkGroup *fg, MemoryContext planctx)
{
	SdForeignKey *fk = fg->fk;
	SdTable    *t = plan->t;
	StringInfoData sql;
	Portal		portal;
	SPIPlanPtr	sp;
	int			j;
	int			cap = 1024;
	int64		seen = 0;
	SdRng		rng;
	TypeInfo   *tis = palloc(sizeof(TypeInfo) * fk->ncols);
	MemoryContext old;

	initStringInfo(&sql);
	appendStringInfoString(&sql, "SELECT ");
	for (j = 0; j < fk->ncols; j++)
	{
		SdColumn   *c = &t->columns[fk->cols[j]];

		/* in the referencing column's type, so the Datums fit it */
		appendStringInfo(&sql, "%s%s::%s", j ? ", " : "",
						 quote_identifier(fk->refcolnames[j]),
						 sd_sql_type(c->basetypid, c->basetypmod));
		tis[j] = plan->gens[fk->cols[j]].ti;
	}
	appendStringInfo(&sql, " FROM %s WHERE ", fk->refname);
	for (j = 0; j < fk->ncols; j++)
		appendStringInfo(&sql, "%s%s IS NOT NULL", j ? " AND " : "",
						 quote_identifier(fk->refcolnames[j]));
	appendStringInfoString(&sql, " ORDER BY ");
	for (j = 0; j < fk->ncols; j++)
		appendStringInfo(&sql, "%s%d", j ? ", " : "", j + 1);

	old = MemoryContextSwitchTo(planctx);
	fg->keys = palloc(sizeof(Datum) * cap * fk->ncols);
	fg->keyvals = palloc(sizeof(SdVal) * cap * fk->ncols);
	MemoryContextSwitchTo(old);
	fg->nkeys = 0;
	sd_rng_init(&rng, plan->seed, sd_stream_child(sd_stream_id("synth_rows parent sample"),
												  sd_stream_id(fk->name)));

	sp = sd_spi_prepare(sql.data, 0, NULL);
	portal = SPI_cursor_open(NULL, sp, NULL, NULL, true);
	for (;;)
	{
		uint64		r;

		SPI_cursor_fetch(portal, true, 10000);
		if (SPI_processed == 0)
			break;
		for (r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			int64		slot;

			CHECK_FOR_INTERRUPTS();
			/* Algorithm R (Vitter 1985): keep each row with prob. cap/seen */
			seen++;
			if (fg->nkeys < SD_FK_MAX_KEYS)
				slot = fg->nkeys;
			else
			{
				sd_rng_seek(&rng, (uint64) seen);
				slot = (int64) sd_rng_below(&rng, (uint64) seen);
				if (slot >= SD_FK_MAX_KEYS)
					continue;
			}
			old = MemoryContextSwitchTo(planctx);
			if (slot == fg->nkeys)
			{
				if (fg->nkeys == cap)
				{
					cap *= 2;
					fg->keys = repalloc_huge(fg->keys, sizeof(Datum) * cap * fk->ncols);
					fg->keyvals = repalloc_huge(fg->keyvals, sizeof(SdVal) * cap * fk->ncols);
				}
				fg->nkeys++;
			}
			for (j = 0; j < fk->ncols; j++)
			{
				bool		isnull;
				Datum		d = SPI_getbinval(tup, SPI_tuptable->tupdesc, j + 1, &isnull);
				Size		at = (Size) slot * fk->ncols + j;

				d = datumCopy(d, tis[j].typbyval, tis[j].typlen);
				fg->keys[at] = d;
				datum_to_val(&tis[j], d, &fg->keyvals[at]);
			}
			MemoryContextSwitchTo(old);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	SPI_freeplan(sp);

	if (fg->nkeys == 0 && !fk->nullable && plan->n > 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("referenced table %s has no rows", fk->refname),
				 errdetail("Foreign key \"%s\" of table \"%s\" is NOT NULL, so every row needs a parent.",
						   fk->name, t->relname),
				 errhint("Fill %s first, or list both tables in synth_fill_schema().",
						 fk->refname)));
}

/*
 * Does the relation (or any of its leaf partitions) hold any pages?  Rows
 * the caller cannot see (row-level security) still occupy unique values, so
 * whether to probe is decided on storage, not on count(*).
 */
static bool
relation_has_pages(Oid relid)
{
	List	   *rels;
	ListCell   *lc;
	bool		found = false;

	if (get_rel_relkind(relid) == RELKIND_PARTITIONED_TABLE)
		rels = find_all_inheritors(relid, AccessShareLock, NULL);
	else
		rels = list_make1_oid(relid);
	foreach(lc, rels)
	{
		Relation	rel;

		if (!RELKIND_HAS_STORAGE(get_rel_relkind(lfirst_oid(lc))))
			continue;
		rel = relation_open(lfirst_oid(lc), AccessShareLock);
		found = RelationGetNumberOfBlocks(rel) > 0;
		relation_close(rel, NoLock);
		if (found)
			break;
	}
	return found;
}

static void
prepare_unique(GenPlan *plan, UniqueGroup *ug, int gi)
{
	uint64		need = (uint64) plan->start + (uint64) plan->n + (uint64) plan->existing;
	uint64		fixed = 1;
	int			d,
				firstflex = -1;
	uint64	   *natural = palloc(sizeof(uint64) * ug->ndims);

	for (d = 0; d < ug->ndims; d++)
	{
		UDim	   *dim = &ug->dims[d];

		if (dim->fk >= 0)
			natural[d] = plan->fks[dim->fk].nkeys;
		else
		{
			ColGen	   *g = &plan->gens[dim->col];

			/* whole numbers, or steps of the scale when those are too few */
			g->ustep = 1;
			natural[d] = dim_natural_size(plan, g, g->pattern);
			if (natural[d] < need && g->akind == A_NUMERIC && g->ti.scale > 0)
			{
				g->ustep = 1.0 / pow10i(g->ti.scale);
				natural[d] = dim_natural_size(plan, g, g->pattern);
			}
			/* unbounded timestamps: spread over the default window */
			if (g->akind == A_TIMESTAMP && !(g->has_lo && g->has_hi))
				g->ustep = Max(1e6, floor(SD_WINDOW_USECS / (double) Max(need, 1) / 1e6) * 1e6);
		}
		if (natural[d] < need && natural[d] < SD_UNBOUNDED)
			fixed = sat_mul(fixed, natural[d]);
		else if (firstflex < 0)
			firstflex = d;
	}
	ug->domain = 1;
	for (d = 0; d < ug->ndims; d++)
	{
		UDim	   *dim = &ug->dims[d];

		if (natural[d] < need && natural[d] < SD_UNBOUNDED)
			dim->size = natural[d];
		else if (ug->ndims == 1 && dim->col >= 0 && plan->gens[dim->col].pattern)
			dim->size = natural[d];	/* codes from the whole pattern space */
		else if (d == firstflex && fixed < need)
			dim->size = Min(natural[d], (need + fixed - 1) / Max(fixed, 1));
		else
			dim->size = 1;
		if (dim->size == 0)
			dim->size = 1;
		ug->domain = sat_mul(ug->domain, dim->size);
	}
	/*
	 * Integer columns of a composite key take no more values than the key
	 * needs (with room to vary): (order_id, line_no) numbers each order's
	 * lines from 1 up rather than across the whole CHECK range.
	 */
	if (ug->ndims > 1)
	{
		for (d = 0; d < ug->ndims; d++)
		{
			UDim	   *dim = &ug->dims[d];
			uint64		others = ug->domain / dim->size;
			uint64		want;

			if (dim->col < 0 || plan->gens[dim->col].akind != A_INT ||
				plan->gens[dim->col].nchoices > 0)
				continue;
			/* twice what is needed, so that children per parent vary */
			want = Max(1, (2 * need + others - 1) / Max(others, 1));
			if (want < dim->size)
			{
				dim->size = want;
				ug->domain = sat_mul(others, want);
			}
		}
	}
	for (d = 0; d < ug->ndims; d++)
		if (natural[d] == 0)
			ug->domain = 0;
	if (ug->domain < need && plan->n > 0)
	{
		const char *what = ug->key ? ug->key->name :
			plan->t->columns[ug->dims[0].col].name;

		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("cannot generate " INT64_FORMAT " unique values for key \"%s\" of table \"%s\"",
						plan->n, what, plan->t->relname),
				 errdetail("Its columns can take only " UINT64_FORMAT " distinct values, and the table already has " INT64_FORMAT " rows.",
						   ug->domain, plan->existing),
				 errhint("Widen the columns' types or CHECK constraints, or ask for fewer rows.")));
	}
	perm_init(&ug->perm, ug->domain, plan->seed,
			  sd_stream_child(sd_stream_id("synth_rows unique"), (uint64) gi));
	ug->probe = ug->probe && ug->key != NULL &&
		(plan->existing > 0 || relation_has_pages(plan->t->relid));

	/*
	 * Columns of a composite key that the other columns already make unique
	 * (size 1) are drawn like any other column.
	 */
	{
		int			k = 0;

		for (d = 0; d < ug->ndims; d++)
		{
			UDim	   *dim = &ug->dims[d];

			if (dim->size == 1 && dim->col >= 0 && natural[d] > 1 &&
				!plan->gens[dim->col].unique_rule)
			{
				plan->gens[dim->col].kind = G_AUTO;
				plan->gens[dim->col].group = -1;
			}
			else if (dim->size == 1 && dim->fk >= 0 && natural[d] > 1)
				plan->fks[dim->fk].unique_group = -1;
			else
				ug->dims[k++] = *dim;
		}
		ug->ndims = k;
	}
	ug->next_pos = (uint64) plan->start;
	if (ug->probe)
		ug->leafindexes = leaf_indexes(ug->key->indexoid);
}

static void
prepare_defaults(GenPlan *plan)
{
	Relation	rel = NULL;
	int			i;

	for (i = 0; i < plan->t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];
		Node	   *expr;

		g->defnull = true;
		if (g->kind != G_DEFAULT)
			continue;
		if (rel == NULL)
			rel = relation_open(plan->t->relid, AccessShareLock);
		expr = build_column_default(rel, plan->t->columns[i].attnum);
		/* sequences and other volatile defaults are for the INSERT to run */
		if (expr == NULL || contain_volatile_functions(expr))
			continue;
		{
			ExprContext *ec = CreateStandaloneExprContext();
			ExprState  *es = ExecInitExpr(expression_planner((Expr *) expr), NULL);
			bool		isnull;
			Datum		d = ExecEvalExpr(es, ec, &isnull);

			g->defnull = isnull;
			if (!isnull)
			{
				g->defval = datumCopy(d, g->ti.typbyval, g->ti.typlen);
				datum_to_val(&g->ti, g->defval, &plan->vals[i]);
				if (plan->vals[i].text)
					plan->vals[i].text = pstrdup(plan->vals[i].text);
			}
			FreeExprContext(ec, true);
		}
	}
	if (rel)
		relation_close(rel, NoLock);
}

static void
plan_prepare(GenPlan *plan)
{
	int			i;
	bool		need_count = (plan->nunique > 0);
	MemoryContext planctx = CurrentMemoryContext;

	SPI_connect();
	if (need_count && plan->n > 0)
	{
		char	   *sql = psprintf("SELECT pg_catalog.count(*) FROM %s", plan->t->qualname);

		if (sd_spi_execute(sql, 0, NULL, NULL, NULL, true, 0) != SPI_OK_SELECT)
			elog(ERROR, "could not count the rows of %s", plan->t->qualname);
		{
			bool		isnull;

			plan->existing = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0],
														 SPI_tuptable->tupdesc, 1,
														 &isnull));
		}
	}
	for (i = 0; i < plan->nfk; i++)
	{
		FkGroup    *fg = &plan->fks[i];
		ColGen	   *g = &plan->gens[fg->gen];

		if (plan->n > 0)
			load_parent_keys(plan, fg, planctx);
		fg->perm.domain = 0;
		if (g->fanout == FAN_ZIPF)
			perm_init(&fg->perm, Max(fg->nkeys, 1), plan->seed,
					  sd_stream_child(sd_stream_id("synth_rows fanout"), g->stream));
	}
	SPI_finish();

	for (i = 0; i < plan->nunique; i++)
		prepare_unique(plan, &plan->uniques[i], i);
	prepare_defaults(plan);
	plan->checker = sd_checker_create(plan->t);
	plan->rowcxt = AllocSetContextCreate(CurrentMemoryContext,
										 "synthdata row context",
										 ALLOCSET_DEFAULT_SIZES);
	plan->prepared = true;
}

/* ---------------------------------------------------------------------
 * Rows
 * ---------------------------------------------------------------------
 */

static SdRng *
col_rng(ColGen *g, SdRng *tmp, uint64 seed, int attempt, uint64 row)
{
	SdRng	   *r = &g->rng;

	if (attempt > 0)
	{
		sd_rng_init(tmp, seed, sd_stream_child(g->stream, (uint64) attempt));
		r = tmp;
	}
	sd_rng_seek(r, row);
	return r;
}

static bool
compute_col(GenPlan *plan, int c, uint64 row, int attempt)
{
	ColGen	   *g = &plan->gens[c];
	SdColumn   *col = &plan->t->columns[c];
	SdRng		tmp;
	SdRng	   *rng;
	SdVal		v;
	Datum		direct = 0;
	bool		hd = false;

	if (plan->done[c])
		return true;
	switch (g->kind)
	{
		case G_SKIP:
			v.kind = SDV_NULL;
			set_col(plan, c, &v, 0, false);
			return true;
		case G_DEFAULT:
			if (g->defnull)
			{
				v.kind = SDV_NULL;
				set_col(plan, c, &v, 0, false);
			}
			else
			{
				plan->values[col->attnum - 1] = g->defval;
				plan->nulls[col->attnum - 1] = false;
				plan->done[c] = true;
			}
			return true;
		case G_UNIQUE:
		case G_FK:
			/* groups are computed before the other columns */
			return true;
		case G_RULE:
		case G_AUTO:
			break;
	}
	if (g->null_frac > 0)
	{
		SdRng	   *nr = &g->nullrng;

		if (attempt > 0)
		{
			sd_rng_init(&tmp, plan->seed,
						sd_stream_child(sd_stream_child(g->stream, PG_UINT32_MAX),
										(uint64) attempt));
			nr = &tmp;
		}
		sd_rng_seek(nr, row);
		if (sd_rng_uniform(nr) < g->null_frac)
		{
			v.kind = SDV_NULL;
			set_col(plan, c, &v, 0, false);
			return true;
		}
	}
	rng = col_rng(g, &tmp, plan->seed, attempt, row);
	if (g->kind == G_RULE)
	{
		SdEvalCtx	ctx;

		ctx.cols = plan->vals;
		ctx.rng = rng;
		ctx.seed = plan->person_seed;
		ctx.row = row;
		ctx.locale = plan->locale;
		sd_rule_eval(g->expr, &ctx, &v);
	}
	else
		auto_value(plan, g, &g->ti, rng, row, &v, &direct, &hd);
	set_col(plan, c, &v, direct, hd);
	return !(col->notnull && plan->nulls[col->attnum - 1]);
}

static void
fk_choose(GenPlan *plan, FkGroup *fg, uint64 row, int attempt)
{
	ColGen	   *g = &plan->gens[fg->gen];
	SdRng		tmp;
	SdRng	   *rng;
	int64		k;

	if (fg->nkeys == 0)
	{
		set_fk(plan, fg, -1);
		return;
	}
	rng = col_rng(g, &tmp, plan->seed, attempt, row);
	switch (g->fanout)
	{
		case FAN_EACH:
			k = (int64) (row % (uint64) fg->nkeys);
			break;
		case FAN_ZIPF:
			{
				/* rank r of Zipf's law; ranks map to parents by a permutation */
				int64		r = sd_draw_zipf(rng, g->fanout_param, fg->nkeys);

				r = Min(Max(r, 1), fg->nkeys);

				k = (int64) perm_apply(&fg->perm, (uint64) (r - 1));
				break;
			}
		default:
			k = (int64) sd_rng_below(rng, (uint64) fg->nkeys);
			break;
	}
	set_fk(plan, fg, (int) k);
}

/* the column a failed check is most about, for the error message */
static void
row_failed(GenPlan *plan, uint64 row, int failed_check, int failed_null)
{
	SdTable    *t = plan->t;

	if (failed_check >= 0)
	{
		SdCheck    *ck = &t->checks[failed_check];

		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("could not generate a row of table \"%s\" that satisfies check constraint \"%s\"",
						t->relname, ck->name),
				 errdetail("%d candidates for row " UINT64_FORMAT " failed CHECK (%s)%s.",
						   SD_MAX_ATTEMPTS, row + 1, ck->text,
						   ck->column >= 0 ? psprintf(" of the domain of column \"%s\"",
													   t->columns[ck->column].name) : ""),
				 errhint("Give the columns the constraint references rules whose values satisfy it.")));
	}
	ereport(ERROR,
			(errcode(ERRCODE_NOT_NULL_VIOLATION),
			 errmsg("rule for column \"%s\" produced NULL, but the column is NOT NULL",
					t->columns[failed_null].name),
			 errdetail("%d candidates for row " UINT64_FORMAT " were NULL.",
					   SD_MAX_ATTEMPTS, row + 1),
			 errhint("Change the rule so that it never yields NULL.")));
}

static void
generate_row(GenPlan *plan, uint64 row)
{
	SdTable    *t = plan->t;
	int			attempt;
	int			i;
	int			failed_check = -1,
				failed_null = -1;
	RuleErrCtx	ectx = {NULL, NULL};
	ErrorContextCallback cb;

	cb.callback = rule_error_callback;
	cb.arg = &ectx;
	cb.previous = error_context_stack;
	error_context_stack = &cb;

	for (i = 0; i < plan->nunique; i++)
		unique_advance(plan, &plan->uniques[i], row);
again:
	memset(plan->done, 0, sizeof(bool) * t->ncolumns);
	/* unique keys first, once per row: their values stay across attempts */
	for (i = 0; i < plan->nunique; i++)
		unique_row(plan, &plan->uniques[i], row);

	for (attempt = 0; attempt < SD_MAX_ATTEMPTS; attempt++)
	{
		bool		ok = true;

		for (i = 0; i < t->ncolumns; i++)
			if (plan->gens[i].kind != G_UNIQUE &&
				!(plan->gens[i].kind == G_FK &&
				  plan->fks[plan->gens[i].group].unique_group >= 0))
				plan->done[i] = false;
		for (i = 0; i < plan->nfk; i++)
			if (plan->fks[i].unique_group < 0)
				fk_choose(plan, &plan->fks[i], row, attempt);
		for (i = 0; i < t->ncolumns; i++)
		{
			int			c = plan->order[i];

			ectx.column = t->columns[c].name;
			ectx.rule = plan->gens[c].rule_text;
			if (!compute_col(plan, c, row, attempt))
			{
				ok = false;
				failed_null = c;
				failed_check = -1;
				break;
			}
		}
		ectx.column = NULL;
		if (!ok)
			continue;
		for (i = 0; i < t->ncolumns; i++)
			if (t->columns[i].notnull && plan->gens[i].kind != G_DEFAULT &&
				plan->gens[i].kind != G_SKIP && plan->nulls[t->columns[i].attnum - 1])
			{
				ok = false;
				failed_null = i;
				failed_check = -1;
			}
		if (!ok)
			continue;
		failed_check = sd_checker_check(plan->checker, plan->values, plan->nulls);
		if (failed_check < 0)
		{
			/*
			 * The table had rows: a key already there sends the row to the
			 * next permutation positions (and through the checks again).
			 */
			bool		taken = false;

			for (i = 0; i < plan->nunique; i++)
				if (plan->uniques[i].probe && key_exists(plan, &plan->uniques[i]))
				{
					unique_advance(plan, &plan->uniques[i], row);
					taken = true;
				}
			if (taken)
			{
				CHECK_FOR_INTERRUPTS();
				goto again;
			}
			error_context_stack = cb.previous;
			return;
		}
		CHECK_FOR_INTERRUPTS();
	}
	error_context_stack = cb.previous;
	row_failed(plan, row, failed_check, failed_null);
}

static bool fill_in_progress = false;

static void
report_progress(GenPlan *plan)
{
	instr_time	now;
	double		secs;
	int			pct;

	if (!sd_progress || plan->n <= 0 || (plan->produced & 1023) != 0)
		return;
	INSTR_TIME_SET_CURRENT(now);
	INSTR_TIME_SUBTRACT(now, plan->started);
	secs = INSTR_TIME_GET_DOUBLE(now);
	if (secs < 3.0)
		return;
	pct = (int) ((plan->produced * 10) / plan->n) * 10;
	if (pct > plan->progress_pct && pct < 100)
	{
		plan->progress_pct = pct;
		ereport(NOTICE,
				(errmsg("%s: %d%% of %s (" INT64_FORMAT " of " INT64_FORMAT " rows, %.1f s)",
						fill_in_progress ? "synth_fill" : "synth_rows", pct,
						plan->t->relname, plan->produced, plan->n, secs)));
	}
}

/* ---------------------------------------------------------------------
 * SQL-callable functions
 * ---------------------------------------------------------------------
 */

static Jsonb *
arg_rules(FunctionCallInfo fcinfo, int argno)
{
	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return NULL;
	return PG_GETARG_JSONB_P(argno);
}

/*
 * synth_rows(NULL::t, n bigint, rules jsonb, seed bigint, start bigint)
 *		returns setof t
 *
 * n rows typed like table t that honour its constraints and the rules;
 * nothing is inserted.  Row i is a pure function of (seed, start + i) and,
 * for foreign keys and unique keys, of the rows already in the tables.
 */
PG_FUNCTION_INFO_V1(synth_rows);
Datum
synth_rows(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	GenPlan	   *plan;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		Oid			relid;
		int64		n;
		int64		start;
		uint64		seed;
		TupleDesc	desc;

		relid = sd_check_relation(sd_rowtype_relid(fcinfo, 0), "generate rows for");
		n = sd_arg_count(fcinfo, 1);
		start = sd_arg_start(fcinfo, 4, n);
		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		seed = sd_arg_seed(fcinfo, 3);
		plan = plan_build(relid, arg_rules(fcinfo, 2), seed, n, start);
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("function returning record called in context that cannot accept type record")));
		plan->outdesc = BlessTupleDesc(CreateTupleDescCopy(desc));
		if (plan->outdesc->natts != plan->natts)
			elog(ERROR, "row type of %s does not match the table", plan->t->qualname);
		plan_prepare(plan);
		INSTR_TIME_SET_CURRENT(plan->started);
		funcctx->user_fctx = plan;
		MemoryContextSwitchTo(old);
	}
	funcctx = SRF_PERCALL_SETUP();
	plan = funcctx->user_fctx;
	if (plan->produced < plan->n)
	{
		MemoryContext old;
		HeapTuple	tup;

		CHECK_FOR_INTERRUPTS();
		MemoryContextReset(plan->rowcxt);
		old = MemoryContextSwitchTo(plan->rowcxt);
		generate_row(plan, (uint64) (plan->start + plan->produced));
		MemoryContextSwitchTo(old);
		tup = heap_form_tuple(plan->outdesc, plan->values, plan->nulls);
		plan->produced++;
		report_progress(plan);
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(tup));
	}
	SRF_RETURN_DONE(funcctx);
}

/* does the table reference itself through a nullable key left to us? */
static SdForeignKey *
self_reference(GenPlan *plan)
{
	int			i;

	for (i = 0; i < plan->nfk; i++)
		if (plan->fks[i].fk->self && plan->fks[i].fk->nullable &&
			plan->fks[i].unique_group < 0)
			return plan->fks[i].fk;
	return NULL;
}

/*
 * Only relations that take an INSERT can be filled: tables, partitioned
 * tables, views and foreign tables.  Anything else (a sequence, an index,
 * a materialized view) would fail deep inside the generated INSERT with a
 * message about a missing type, so say what is wrong up front.
 */
static void
check_fillable(Oid relid)
{
	char		relkind = get_rel_relkind(relid);

	switch (relkind)
	{
		case RELKIND_RELATION:
		case RELKIND_PARTITIONED_TABLE:
		case RELKIND_VIEW:
		case RELKIND_FOREIGN_TABLE:
			return;
		case '\0':
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("relation with OID %u does not exist", relid)));
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_WRONG_OBJECT_TYPE),
					 errmsg("cannot fill relation \"%s\"", get_rel_name(relid)),
					 errdetail_relkind_not_supported(relkind)));
	}
}

/*
 * Insert n rows into relid through the executor; returns the count.  The
 * caller has checked the arguments.
 */
static int64
fill_table(Oid relid, int64 n, Jsonb *rules, uint64 seed)
{
	GenPlan	   *plan;
	StringInfoData sql;
	StringInfoData cols;
	StringInfoData sel;
	int			i;
	int			ncols = 0;
	volatile int64 total = 0;
	volatile int64 roots = 0;
	SdForeignKey *selffk;
	bool		save = fill_in_progress;
	Datum		args[5];
	Oid			argtypes[5] = {INT8OID, JSONBOID, INT8OID, INT8OID, JSONBOID};
	char		nulls[5] = {' ', ' ', ' ', ' ', ' '};

	check_fillable(relid);
	sd_check_table_privilege(relid, ACL_INSERT);

	/*
	 * Serialize concurrent fills (and other writers) of this table for the
	 * rest of the transaction: unique values are probed against the rows
	 * already there, which must not change under us.  SHARE ROW EXCLUSIVE
	 * conflicts with itself and with ROW EXCLUSIVE (INSERT/UPDATE/DELETE).
	 */
	LockRelationOid(relid, ShareRowExclusiveLock);

	plan = plan_build(relid, rules, seed, n, 0);

	initStringInfo(&cols);
	initStringInfo(&sel);
	for (i = 0; i < plan->t->ncolumns; i++)
	{
		const char *q = quote_identifier(plan->t->columns[i].name);

		if (plan->gens[i].kind == G_SKIP || plan->gens[i].kind == G_DEFAULT)
			continue;
		appendStringInfo(&cols, "%s%s", ncols ? ", " : "", q);
		appendStringInfo(&sel, "%s(s.r).%s", ncols ? ", " : "", q);
		ncols++;
	}

	initStringInfo(&sql);
	if (ncols == 0)
		appendStringInfo(&sql,
						 "INSERT INTO %s SELECT FROM (SELECT %s.synth_rows(NULL::%s, $1, $2 OPERATOR(pg_catalog.||) $5, $3, $4) AS r OFFSET 0) s",
						 plan->t->qualname, sd_extension_schema(), plan->t->qualname);
	else
		appendStringInfo(&sql,
						 "INSERT INTO %s (%s) SELECT %s FROM (SELECT %s.synth_rows(NULL::%s, $1, $2 OPERATOR(pg_catalog.||) $5, $3, $4) AS r OFFSET 0) s",
						 plan->t->qualname, cols.data, sel.data, sd_extension_schema(),
						 plan->t->qualname);

	/*
	 * A nullable self-reference in an empty table: first a tenth of the rows
	 * as roots (the reference NULL), then the rest referencing rows before.
	 */
	selffk = self_reference(plan);
	if (selffk && n > 1)
	{
		SPI_connect();
		if (sd_spi_execute(psprintf("SELECT 1 FROM %s LIMIT 1", plan->t->qualname),
						   0, NULL, NULL, NULL, true, 1) != SPI_OK_SELECT)
			elog(ERROR, "could not read %s", plan->t->qualname);
		if (SPI_processed == 0)
			roots = Max(1, n / 10);
		SPI_finish();
	}

	fill_in_progress = true;
	PG_TRY();
	{
		SPIPlanPtr	sp;

		SPI_connect();
		sp = sd_spi_prepare(sql.data, 5, argtypes);
		args[1] = rules ? JsonbPGetDatum(rules) :
			DirectFunctionCall1(jsonb_in, CStringGetDatum("{}"));
		args[2] = Int64GetDatum((int64) seed);
		for (i = 0; i < (roots > 0 ? 2 : 1); i++)
		{
			int64		m = roots > 0 ? (i == 0 ? roots : n - roots) : n;
			int			rc;

			args[0] = Int64GetDatum(m);
			args[3] = Int64GetDatum(i == 0 ? 0 : roots);
			args[4] = DirectFunctionCall1(jsonb_in, CStringGetDatum("{}"));
			if (roots > 0 && i == 0)
			{
				StringInfoData nr;
				int			j;

				initStringInfo(&nr);
				appendStringInfoChar(&nr, '{');
				for (j = 0; j < selffk->ncols; j++)
				{
					if (j)
						appendStringInfoString(&nr, ", ");
					escape_json(&nr, plan->t->columns[selffk->cols[j]].name);
					appendStringInfoString(&nr, ": null");
				}
				appendStringInfoChar(&nr, '}');
				args[4] = DirectFunctionCall1(jsonb_in, CStringGetDatum(nr.data));
			}
			rc = SPI_execute_plan(sp, args, nulls, false, 0);
			if (rc != SPI_OK_INSERT)
				elog(ERROR, "could not fill %s: %s", plan->t->qualname, SPI_result_code_string(rc));
			total += (int64) SPI_processed;
		}
		SPI_finish();
	}
	PG_FINALLY();
	{
		fill_in_progress = save;
	}
	PG_END_TRY();
	return total;
}

/*
 * synth_fill(t regclass, n bigint, rules jsonb, seed bigint) returns bigint
 *		Insert n generated rows into t; all or nothing.
 */
PG_FUNCTION_INFO_V1(synth_fill);
Datum
synth_fill(PG_FUNCTION_ARGS)
{
	Oid			relid;
	int64		n;
	uint64		seed;

	sd_arg_not_null(fcinfo, 0, "t");
	relid = sd_check_relation(PG_GETARG_OID(0), "fill");
	n = sd_arg_count(fcinfo, 1);
	seed = sd_arg_seed(fcinfo, 3);
	if (n == 0)
		PG_RETURN_INT64(0);
	PG_RETURN_INT64(fill_table(relid, n, arg_rules(fcinfo, 2), seed));
}

/* ---- synth_fill_schema ------------------------------------------------ */

typedef struct SchemaTable
{
	Oid			relid;
	char	   *name;
	int64		n;
	Jsonb	   *rules;
	SdTable    *t;
	bool		done;
	List	   *nulled;			/* FKs set NULL to break a cycle */
} SchemaTable;

static Oid
resolve_table(const char *name)
{
	List	   *names = stringToQualifiedNameList(name);

	return RangeVarGetRelid(makeRangeVarFromNameList(names), AccessShareLock, false);
}

static int
schema_index(SchemaTable *st, int nt, Oid relid)
{
	int			i;

	for (i = 0; i < nt; i++)
		if (st[i].relid == relid)
			return i;
	return -1;
}

/* a rules object for a table with the given FK columns forced to NULL */
static Jsonb *
rules_with_nulls(Jsonb *rules, SdTable *t, List *fks)
{
	StringInfoData b;
	ListCell   *lc;
	bool		first = true;
	Datum		extra;

	initStringInfo(&b);
	appendStringInfoChar(&b, '{');
	foreach(lc, fks)
	{
		SdForeignKey *fk = lfirst(lc);
		int			j;

		for (j = 0; j < fk->ncols; j++)
		{
			if (!first)
				appendStringInfoString(&b, ", ");
			first = false;
			escape_json(&b, t->columns[fk->cols[j]].name);
			appendStringInfoString(&b, ": null");
		}
	}
	appendStringInfoChar(&b, '}');
	extra = DirectFunctionCall1(jsonb_in, CStringGetDatum(b.data));
	if (rules == NULL)
		return DatumGetJsonbP(extra);
	return DatumGetJsonbP(DirectFunctionCall2(jsonb_concat, JsonbPGetDatum(rules), extra));
}

/*
 * synth_fill_schema(counts jsonb, rules jsonb, seed bigint)
 *		returns table(table_name regclass, rows bigint)
 *
 * Fills the listed tables in foreign-key order: a table comes after every
 * listed table it references.  A cycle is broken at a nullable foreign key,
 * whose columns are left NULL in the table filled first (with a NOTICE);
 * a cycle of NOT NULL foreign keys is an error naming it.
 */
PG_FUNCTION_INFO_V1(synth_fill_schema);
Datum
synth_fill_schema(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Jsonb	   *counts;
	Jsonb	   *rules;
	uint64		seed;
	JsonbIterator *it;
	JsonbValue	k,
				v;
	JsonbIteratorToken tok;
	SchemaTable *st;
	int			nt = 0,
				i,
				filled = 0;

	sd_arg_not_null(fcinfo, 0, "counts");
	counts = PG_GETARG_JSONB_P(0);
	rules = arg_rules(fcinfo, 1);
	seed = sd_arg_seed(fcinfo, 2);

	if (!JB_ROOT_IS_OBJECT(counts) || JB_ROOT_IS_SCALAR(counts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("counts must be a JSON object"),
				 errhint("Map table names to row counts, e.g. '{\"customers\": 100, \"orders\": 1000}'.")));
	if (rules && (!JB_ROOT_IS_OBJECT(rules) || JB_ROOT_IS_SCALAR(rules)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rules must be a JSON object"),
				 errhint("Map table names to rule objects, e.g. '{\"orders\": {\"status\": \"''new''\"}}'.")));

	InitMaterializedSRF(fcinfo, 0);

	st = palloc0(sizeof(SchemaTable) * Max(JB_ROOT_COUNT(counts), 1));
	it = JsonbIteratorInit(&counts->root);
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		char	   *name;
		int64		n;

		if (tok != WJB_KEY)
			continue;
		name = pnstrdup(k.val.string.val, k.val.string.len);
		JsonbIteratorNext(&it, &v, true);
		if (v.type != jbvNumeric)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("row count for table \"%s\" must be a number", name)));
		n = DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(v.val.numeric)));
		if (n < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("number of rows cannot be negative"),
					 errdetail("Table \"%s\" has " INT64_FORMAT ".", name, n)));
		st[nt].relid = sd_check_relation(resolve_table(name), "fill");
		check_fillable(st[nt].relid);
		if (schema_index(st, nt, st[nt].relid) >= 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("table \"%s\" is listed twice", name)));
		st[nt].name = name;
		st[nt].n = n;
		st[nt].t = sd_table_open(st[nt].relid, 0);
		nt++;
	}

	/* per-table rules */
	if (rules)
	{
		it = JsonbIteratorInit(&rules->root);
		while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
		{
			char	   *name;
			int			idx;

			if (tok != WJB_KEY)
				continue;
			name = pnstrdup(k.val.string.val, k.val.string.len);
			JsonbIteratorNext(&it, &v, true);
			idx = schema_index(st, nt, resolve_table(name));
			if (idx < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("rules given for table \"%s\", which is not listed in counts", name)));
			if (v.type != jbvBinary || JsonContainerIsArray(v.val.binary.data))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("rules for table \"%s\" must be a JSON object", name)));
			st[idx].rules = DatumGetJsonbP(DirectFunctionCall1(jsonb_in,
															   CStringGetDatum(JsonbToCString(NULL, v.val.binary.data, v.val.binary.len))));
		}
	}

	/* fill in dependency order */
	while (filled < nt)
	{
		int			pick = -1;

		for (i = 0; i < nt && pick < 0; i++)
		{
			int			f;
			bool		ready = true;

			if (st[i].done)
				continue;
			for (f = 0; f < st[i].t->nfkeys; f++)
			{
				SdForeignKey *fk = &st[i].t->fkeys[f];
				int			p = schema_index(st, nt, fk->refrelid);

				if (!fk->self && p >= 0 && !st[p].done &&
					!list_member_ptr(st[i].nulled, fk))
					ready = false;
			}
			if (ready)
				pick = i;
		}
		if (pick < 0)
		{
			/* a cycle: break it at a nullable foreign key */
			SdForeignKey *brk = NULL;
			int			owner = -1;
			StringInfoData cyc;

			initStringInfo(&cyc);
			for (i = 0; i < nt && brk == NULL; i++)
			{
				int			f;

				if (st[i].done)
					continue;
				appendStringInfo(&cyc, "%s%s", cyc.len ? ", " : "", st[i].t->qualname);
				for (f = 0; f < st[i].t->nfkeys; f++)
				{
					SdForeignKey *fk = &st[i].t->fkeys[f];
					int			p = schema_index(st, nt, fk->refrelid);

					if (!fk->self && p >= 0 && !st[p].done && fk->nullable &&
						!list_member_ptr(st[i].nulled, fk))
					{
						brk = fk;
						owner = i;
						break;
					}
				}
			}
			if (brk == NULL)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("tables reference each other in a cycle of NOT NULL foreign keys"),
						 errdetail("Tables in the cycle: %s.", cyc.data),
						 errhint("Make one of the foreign keys nullable, or fill the tables one by one with rules.")));
			ereport(NOTICE,
					(errmsg("foreign key \"%s\" of table %s is left NULL to break a cycle",
							brk->name, st[owner].t->qualname)));
			st[owner].nulled = lappend(st[owner].nulled, brk);
			continue;
		}
		{
			Datum		values[2];
			bool		nulls[2] = {false, false};
			int64		rows;
			Jsonb	   *r = st[pick].rules;
			uint64		tseed = sd_mix64(seed ^ sd_stream_id(st[pick].t->qualname)) &
				(uint64) PG_INT64_MAX;

			if (st[pick].nulled != NIL)
				r = rules_with_nulls(r, st[pick].t, st[pick].nulled);
			rows = st[pick].n > 0 ? fill_table(st[pick].relid, st[pick].n, r, tseed) : 0;
			values[0] = ObjectIdGetDatum(st[pick].relid);
			values[1] = Int64GetDatum(rows);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			st[pick].done = true;
			filled++;
		}
	}
	return (Datum) 0;
}
