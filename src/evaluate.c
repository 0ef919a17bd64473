/*-------------------------------------------------------------------------
 *
 * evaluate.c
 *		SQL-callable evaluation of a synthetic table against a real one:
 *		synth_evaluate(), synth_report() and synth_compare().
 *
 * Both tables are read through SPI, so the caller's privileges and row
 * level security apply.  Column kinds come from the real table's catalog
 * entry:
 *
 *	numeric		int2/int4/int8/float4/float8/numeric (read as float8)
 *	datetime	date, time, timetz, timestamp, timestamptz, interval
 *				(read as epoch seconds, then treated as numeric)
 *	categorical	everything else (boolean, enum, text, ...), read as text
 *				and coded through one dictionary per column shared by all
 *				tables; high-cardinality text is flagged "id-like"
 *	key			a column with a single-column unique index or primary key
 *				in the real table, or of type uuid: checked for identifier
 *				leaks only (a synthesizer regenerates keys)
 *
 * The metrics themselves are engine code (metrics.c, neighbors.c): this
 * file reads, codes, subsamples, calls them and formats the rows, the HTML
 * report and the psql bar charts.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/evaluate.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "access/relation.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_index.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "metrics.h"
#include "neighbors.h"
#include "synthdata.h"

/* rows fetched from an SPI cursor at a time */
#define FETCH_BATCH 10000

/* a text column is id-like when its distinct values are this share of its rows */
#define IDLIKE_RATIO 0.5
#define IDLIKE_MIN_ROWS 20

/* defaults of the options (documented in the README) */
#define DEFAULT_DCR_ROWS 10000
#define DEFAULT_REFERENCE_ROWS 100000
#define DEFAULT_MAX_ROWS 1000000
#define DEFAULT_CORRELATION_THRESHOLD 0.5
#define DEFAULT_ASSOCIATION_THRESHOLD 0.3
#define NEW_ROW_TOLERANCE 0.01

/* report histograms */
#define REPORT_BINS 20
#define REPORT_MAX_CATEGORIES 12
#define COMPARE_BINS 10
#define COMPARE_MAX_CATEGORIES 20

typedef enum EvalKind
{
	EK_NUMERIC,
	EK_DATETIME,
	EK_CATEGORICAL,
	EK_KEY
} EvalKind;

typedef struct DictEntry
{
	char	   *key;			/* hash key: pointer to the label */
	int			code;
} DictEntry;

typedef struct EvalColumn
{
	char	   *name;
	EvalKind	kind;
	Oid			typid;			/* base type in the real table */
	bool		idlike;			/* leak-checked */
	bool		money;			/* money in some table: read via numeric */
	/* dictionary (categorical and key columns) */
	HTAB	   *dict;
	char	  **labels;
	int			nlabels;
	int			labels_cap;
	/* real table summary */
	double		min;
	double		max;
	bool		has_range;
	int64		real_nonnull;
	int64		real_null;
} EvalColumn;

typedef struct EvalOptions
{
	List	   *ignore;			/* column names (char *) */
	Oid			holdout;
	bool		seed_given;
	int64		seed;
	int64		dcr_rows;
	int64		reference_rows;
	int64		max_rows;
	bool		pair_threshold;
	double		correlation_threshold;
	double		association_threshold;
} EvalOptions;

typedef struct EvalRow
{
	const char *metric;
	const char *column;
	const char *other;
	double		score;			/* NaN: NULL */
	char	   *detail;			/* JSON text */
} EvalRow;

typedef struct EvalState
{
	MemoryContext cxt;
	EvalOptions opt;
	uint64		seed;
	Oid			relid[3];		/* real, synthetic, holdout */
	char	   *relname[3];
	int			ncols;
	EvalColumn *cols;
	SdTable		tab[3];
	bool		has_holdout;
	bool		sampled[3];
	List	   *rows;			/* EvalRow * */
	/* association matrices (ncols x ncols; NaN = none) */
	double	   *assoc_real;
	double	   *assoc_synth;
	double	   *pair_score;
	/* summaries */
	double		shapes;
	double		trends;
	double		quality;
	double		seconds_read;
	double		seconds_metrics;
	double		seconds_privacy;
} EvalState;

#define T_REAL 0
#define T_SYNTH 1
#define T_HOLD 2

static const char *const table_role[3] = {"real", "synthetic", "holdout"};

/* ---------------------------------------------------------------------
 * Small helpers
 * ---------------------------------------------------------------------
 */

static double
elapsed_seconds(instr_time start)
{
	instr_time	now;

	INSTR_TIME_SET_CURRENT(now);
	INSTR_TIME_SUBTRACT(now, start);
	return INSTR_TIME_GET_DOUBLE(now);
}

static void
json_num(StringInfo buf, const char *key, double v)
{
	if (buf->len > 1)
		appendStringInfoString(buf, ", ");
	if (isnan(v) || isinf(v))
		appendStringInfo(buf, "\"%s\": null", key);
	else
		appendStringInfo(buf, "\"%s\": %.10g", key, v);
}

static void
json_int(StringInfo buf, const char *key, int64 v)
{
	if (buf->len > 1)
		appendStringInfoString(buf, ", ");
	appendStringInfo(buf, "\"%s\": " INT64_FORMAT, key, v);
}

static void
json_str(StringInfo buf, const char *key, const char *v)
{
	if (buf->len > 1)
		appendStringInfoString(buf, ", ");
	appendStringInfo(buf, "\"%s\": ", key);
	escape_json(buf, v);
}

static void
add_row(EvalState *st, const char *metric, const char *column,
		const char *other, double score, StringInfo detail)
{
	MemoryContext old = MemoryContextSwitchTo(st->cxt);
	EvalRow    *r = palloc0(sizeof(EvalRow));

	r->metric = metric;
	r->column = column;
	r->other = other;
	r->score = score;
	appendStringInfoChar(detail, '}');
	r->detail = pstrdup(detail->data);
	st->rows = lappend(st->rows, r);
	MemoryContextSwitchTo(old);
}

static StringInfo
detail_start(void)
{
	StringInfo	buf = makeStringInfo();

	appendStringInfoChar(buf, '{');
	return buf;
}

static bool
is_numeric_kind(EvalKind k)
{
	return k == EK_NUMERIC || k == EK_DATETIME;
}

static double
mean_of(const double *x, int n, int *used)
{
	double		s = 0;
	int			m = 0,
				i;

	for (i = 0; i < n; i++)
		if (!isnan(x[i]))
		{
			s += x[i];
			m++;
		}
	if (used)
		*used = m;
	return m ? s / m : NAN;
}

/* ---------------------------------------------------------------------
 * Options
 * ---------------------------------------------------------------------
 */

static JsonbValue *
opt_get(Jsonb *opts, const char *key)
{
	JsonbValue	k;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	return findJsonbValueFromContainer(&opts->root, JB_FOBJECT, &k);
}

static void
opt_error(const char *key, const char *want)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("option \"%s\" must be %s", key, want)));
}

static double
opt_number(Jsonb *opts, const char *key, double dflt)
{
	JsonbValue *v = opt_get(opts, key);

	if (v == NULL || v->type == jbvNull)
		return dflt;
	if (v->type != jbvNumeric)
		opt_error(key, "a number");
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8,
											  NumericGetDatum(v->val.numeric)));
}

static int64
opt_count(Jsonb *opts, const char *key, int64 dflt)
{
	double		d = opt_number(opts, key, (double) dflt);

	if (!(d >= 1) || d != floor(d) || d > (double) PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"%s\" must be a positive integer", key),
				 errdetail("%s is %g.", key, d)));
	return (int64) d;
}

static void
parse_options(Jsonb *opts, EvalOptions *o)
{
	static const char *const known[] = {
		"ignore", "holdout", "seed", "dcr_rows", "reference_rows",
		"max_rows", "pair_threshold", "correlation_threshold",
		"association_threshold", NULL
	};
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	JsonbValue *jv;

	memset(o, 0, sizeof(EvalOptions));
	o->holdout = InvalidOid;
	o->dcr_rows = DEFAULT_DCR_ROWS;
	o->reference_rows = DEFAULT_REFERENCE_ROWS;
	o->max_rows = DEFAULT_MAX_ROWS;
	o->correlation_threshold = DEFAULT_CORRELATION_THRESHOLD;
	o->association_threshold = DEFAULT_ASSOCIATION_THRESHOLD;
	if (opts == NULL)
		return;
	if (!JB_ROOT_IS_OBJECT(opts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("options must be a JSON object"),
				 errhint("For example: '{\"ignore\": [\"id\"], \"seed\": 42}'.")));

	/* every key must be known: a typo must not pass silently */
	it = JsonbIteratorInit(&opts->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
		{
			char	   *key = pnstrdup(v.val.string.val, v.val.string.len);
			int			i;
			bool		ok = false;

			for (i = 0; known[i]; i++)
				ok |= (strcmp(key, known[i]) == 0);
			if (!ok)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("unrecognized option \"%s\"", key),
						 errhint("Valid options are ignore, holdout, seed, dcr_rows, reference_rows, max_rows, pair_threshold, correlation_threshold and association_threshold.")));
		}
	}

	jv = opt_get(opts, "ignore");
	if (jv && jv->type != jbvNull)
	{
		if (jv->type == jbvString)
			o->ignore = lappend(o->ignore, pnstrdup(jv->val.string.val, jv->val.string.len));
		else if (jv->type == jbvBinary && JsonContainerIsArray(jv->val.binary.data))
		{
			it = JsonbIteratorInit(jv->val.binary.data);
			while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
			{
				if (tok != WJB_ELEM)
					continue;
				if (v.type != jbvString)
					opt_error("ignore", "an array of column names");
				o->ignore = lappend(o->ignore, pnstrdup(v.val.string.val, v.val.string.len));
			}
		}
		else
			opt_error("ignore", "an array of column names");
	}

	jv = opt_get(opts, "holdout");
	if (jv && jv->type != jbvNull)
	{
		if (jv->type != jbvString)
			opt_error("holdout", "a table name");
		o->holdout = DatumGetObjectId(DirectFunctionCall1(regclassin,
														  CStringGetDatum(pnstrdup(jv->val.string.val, jv->val.string.len))));
	}

	jv = opt_get(opts, "seed");
	if (jv && jv->type != jbvNull)
	{
		double		d = opt_number(opts, "seed", 0);

		if (d != floor(d) || fabs(d) > 9.2e18)
			opt_error("seed", "an integer");
		o->seed_given = true;
		o->seed = DatumGetInt64(DirectFunctionCall1(numeric_int8,
													NumericGetDatum(jv->val.numeric)));
	}

	o->dcr_rows = opt_count(opts, "dcr_rows", o->dcr_rows);
	o->reference_rows = opt_count(opts, "reference_rows", o->reference_rows);
	o->max_rows = opt_count(opts, "max_rows", o->max_rows);

	jv = opt_get(opts, "pair_threshold");
	if (jv && jv->type != jbvNull)
	{
		if (jv->type != jbvBool)
			opt_error("pair_threshold", "true or false");
		o->pair_threshold = jv->val.boolean;
	}
	o->correlation_threshold = opt_number(opts, "correlation_threshold",
										  o->correlation_threshold);
	o->association_threshold = opt_number(opts, "association_threshold",
										  o->association_threshold);
	if (!(o->correlation_threshold >= 0 && o->correlation_threshold < 1))
		opt_error("correlation_threshold", "between 0 and 1");
	if (!(o->association_threshold >= 0 && o->association_threshold < 1))
		opt_error("association_threshold", "between 0 and 1");
	if (opt_get(opts, "correlation_threshold") || opt_get(opts, "association_threshold"))
		o->pair_threshold = true;
}

/* ---------------------------------------------------------------------
 * Catalog: tables and columns
 * ---------------------------------------------------------------------
 */

static char *
relation_display_name(Oid relid)
{
	char	   *nsp = get_namespace_name(get_rel_namespace(relid));
	char	   *rel = get_rel_name(relid);

	if (nsp == NULL || rel == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	return quote_qualified_identifier(nsp, rel);
}

static void
check_relkind(Oid relid, const char *role)
{
	char		k = get_rel_relkind(relid);

	if (k != RELKIND_RELATION && k != RELKIND_PARTITIONED_TABLE &&
		k != RELKIND_VIEW && k != RELKIND_MATVIEW &&
		k != RELKIND_FOREIGN_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("%s table \"%s\" is not a table, view or materialized view",
						role, get_rel_name(relid))));
}

typedef struct RelColumn
{
	char	   *name;
	Oid			typid;			/* base type */
	AttrNumber	attnum;
} RelColumn;

static List *
relation_columns(Oid relid)
{
	Relation	rel = relation_open(relid, AccessShareLock);
	TupleDesc	desc = RelationGetDescr(rel);
	List	   *out = NIL;
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		RelColumn  *c;

		if (att->attisdropped)
			continue;
		c = palloc(sizeof(RelColumn));
		c->name = pstrdup(NameStr(att->attname));
		c->typid = getBaseType(att->atttypid);
		c->attnum = att->attnum;
		out = lappend(out, c);
	}
	relation_close(rel, AccessShareLock);
	return out;
}

/* does a single-column unique index (or primary key) cover attnum? */
static bool
is_key_column(Oid relid, AttrNumber attnum)
{
	Relation	rel;
	List	   *indexes;
	ListCell   *lc;
	bool		found = false;

	if (get_rel_relkind(relid) != RELKIND_RELATION &&
		get_rel_relkind(relid) != RELKIND_PARTITIONED_TABLE &&
		get_rel_relkind(relid) != RELKIND_MATVIEW)
		return false;
	rel = relation_open(relid, AccessShareLock);
	indexes = RelationGetIndexList(rel);
	foreach(lc, indexes)
	{
		HeapTuple	tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(lfirst_oid(lc)));
		Form_pg_index idx;

		if (!HeapTupleIsValid(tup))
			continue;
		idx = (Form_pg_index) GETSTRUCT(tup);
		if (idx->indisunique && idx->indnkeyatts == 1 &&
			idx->indkey.values[0] == attnum &&
			heap_attisnull(tup, Anum_pg_index_indpred, NULL))
			found = true;
		ReleaseSysCache(tup);
	}
	relation_close(rel, AccessShareLock);
	return found;
}

static EvalKind
kind_of_type(Oid typid)
{
	switch (typid)
	{
		case INT2OID:
		case INT4OID:
		case INT8OID:
		case FLOAT4OID:
		case FLOAT8OID:
		case NUMERICOID:
		case CASHOID:
			return EK_NUMERIC;
		case DATEOID:
		case TIMEOID:
		case TIMETZOID:
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
		case INTERVALOID:
			return EK_DATETIME;
		default:
			return EK_CATEGORICAL;
	}
}

static const char *
kind_name(EvalKind k)
{
	switch (k)
	{
		case EK_NUMERIC:
			return "numeric";
		case EK_DATETIME:
			return "datetime";
		case EK_CATEGORICAL:
			return "categorical";
		case EK_KEY:
			return "key";
	}
	return "?";
}

static RelColumn *
find_column(List *cols, const char *name)
{
	ListCell   *lc;

	foreach(lc, cols)
	{
		RelColumn  *c = lfirst(lc);

		if (strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

static bool
name_in_list(List *names, const char *name)
{
	ListCell   *lc;

	foreach(lc, names)
		if (strcmp((char *) lfirst(lc), name) == 0)
			return true;
	return false;
}

/*
 * The columns to compare: those of the real table less the ignored ones.
 * The other tables must have the same columns (in any order) with types of
 * the same kind.  only_column restricts to one column (synth_compare).
 */
static void
resolve_columns(EvalState *st, const char *only_column)
{
	List	   *rc = relation_columns(st->relid[T_REAL]);
	List	   *other[3] = {NIL, NIL, NIL};
	ListCell   *lc;
	int			t,
				n = 0;

	for (t = T_SYNTH; t <= T_HOLD; t++)
		if (t == T_SYNTH || st->has_holdout)
			other[t] = relation_columns(st->relid[t]);

	/* ignored columns must exist somewhere */
	foreach(lc, st->opt.ignore)
	{
		char	   *name = lfirst(lc);

		if (!find_column(rc, name) && !find_column(other[T_SYNTH], name))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" named in option \"ignore\" does not exist", name)));
	}
	if (only_column && !find_column(rc, only_column))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist",
						only_column, st->relname[T_REAL])));

	/* every column of each other table must be in the real one */
	for (t = T_SYNTH; t <= T_HOLD; t++)
	{
		if (other[t] == NIL && t == T_HOLD)
			continue;
		foreach(lc, other[t])
		{
			RelColumn  *c = lfirst(lc);

			if (name_in_list(st->opt.ignore, c->name) ||
				(only_column && strcmp(c->name, only_column) != 0))
				continue;
			if (!find_column(rc, c->name))
				ereport(ERROR,
						(errcode(ERRCODE_UNDEFINED_COLUMN),
						 errmsg("column \"%s\" of %s table \"%s\" does not exist in real table \"%s\"",
								c->name, table_role[t], st->relname[t], st->relname[T_REAL]),
						 errdetail("Both tables must have the same columns."),
						 errhint("Drop the column or list it in option \"ignore\".")));
		}
	}

	st->cols = palloc0(sizeof(EvalColumn) * Max(list_length(rc), 1));
	foreach(lc, rc)
	{
		RelColumn  *c = lfirst(lc);
		EvalColumn *ec;
		EvalKind	k = kind_of_type(c->typid);

		if (name_in_list(st->opt.ignore, c->name) ||
			(only_column && strcmp(c->name, only_column) != 0))
			continue;
		for (t = T_SYNTH; t <= T_HOLD; t++)
		{
			RelColumn  *oc;

			if (other[t] == NIL && t == T_HOLD)
				continue;
			oc = find_column(other[t], c->name);
			if (oc == NULL)
				ereport(ERROR,
						(errcode(ERRCODE_UNDEFINED_COLUMN),
						 errmsg("column \"%s\" of real table \"%s\" does not exist in %s table \"%s\"",
								c->name, st->relname[T_REAL], table_role[t], st->relname[t]),
						 errdetail("Both tables must have the same columns."),
						 errhint("Add the column or list it in option \"ignore\".")));
			if (kind_of_type(oc->typid) != k ||
				(k == EK_DATETIME && (oc->typid == INTERVALOID) != (c->typid == INTERVALOID)))
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("column \"%s\" has incompatible types in the real and %s tables",
								c->name, table_role[t]),
						 errdetail("It is %s in \"%s\" and %s in \"%s\".",
								   format_type_be(c->typid), st->relname[T_REAL],
								   format_type_be(oc->typid), st->relname[t]),
						 errhint("Cast one of them in a view, or list the column in option \"ignore\".")));
		}
		ec = &st->cols[n++];
		ec->name = c->name;
		ec->typid = c->typid;
		ec->kind = k;
		ec->money = (c->typid == CASHOID);
		for (t = T_SYNTH; t <= T_HOLD; t++)
		{
			RelColumn  *oc = find_column(other[t], c->name);

			if (oc && oc->typid == CASHOID)
				ec->money = true;
		}
		if (!only_column && (c->typid == UUIDOID || is_key_column(st->relid[T_REAL], c->attnum)))
		{
			ec->kind = EK_KEY;
			ec->idlike = true;
		}
		ec->min = HUGE_VAL;
		ec->max = -HUGE_VAL;
	}
	st->ncols = n;
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("no columns left to compare"),
				 errdetail("Every column of \"%s\" is ignored.", st->relname[T_REAL])));
}

/* ---------------------------------------------------------------------
 * Reading the tables
 * ---------------------------------------------------------------------
 */

static uint32
dict_hash(const void *key, Size keysize)
{
	const char *s = *(char *const *) key;

	return hash_bytes((const unsigned char *) s, strlen(s));
}

static int
dict_match(const void *a, const void *b, Size keysize)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static int
dict_code(EvalState *st, EvalColumn *c, char *s)
{
	DictEntry  *e;
	bool		found;

	if (c->dict == NULL)
	{
		HASHCTL		ctl;

		memset(&ctl, 0, sizeof(ctl));
		ctl.keysize = sizeof(char *);
		ctl.entrysize = sizeof(DictEntry);
		ctl.hash = dict_hash;
		ctl.match = dict_match;
		ctl.hcxt = st->cxt;
		c->dict = hash_create("synthdata evaluate dictionary", 256, &ctl,
							  HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
	}
	e = hash_search(c->dict, &s, HASH_FIND, NULL);
	if (e)
		return e->code;
	{
		MemoryContext old = MemoryContextSwitchTo(st->cxt);
		char	   *copy = pstrdup(s);

		e = hash_search(c->dict, &copy, HASH_ENTER, &found);
		e->key = copy;
		e->code = c->nlabels;
		if (c->nlabels >= c->labels_cap)
		{
			c->labels_cap = Max(16, c->labels_cap * 2);
			c->labels = c->labels
				? repalloc_huge(c->labels, sizeof(char *) * c->labels_cap)
				: palloc_extended(sizeof(char *) * c->labels_cap, MCXT_ALLOC_HUGE);
		}
		c->labels[c->nlabels++] = copy;
		MemoryContextSwitchTo(old);
	}
	return e->code;
}

/* (re)allocates the column arrays of a table for cap rows */
static void
table_reserve(EvalState *st, SdTable *t, int64 cap)
{
	int			j;

	if (cap > PG_INT32_MAX / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("table has too many rows to evaluate"),
				 errhint("Lower option \"max_rows\".")));
	for (j = 0; j < t->ncols; j++)
	{
		if (t->values[j] == NULL)
		{
			t->values[j] = MemoryContextAllocHuge(st->cxt, sizeof(double) * cap);
			t->isnull[j] = MemoryContextAllocHuge(st->cxt, sizeof(bool) * cap);
		}
		else
		{
			t->values[j] = repalloc_huge(t->values[j], sizeof(double) * cap);
			t->isnull[j] = repalloc_huge(t->isnull[j], sizeof(bool) * cap);
		}
	}
}

/*
 * Reads one table through a cursor.  Tables larger than max_rows (by the
 * planner's estimate) are read through TABLESAMPLE BERNOULLI REPEATABLE,
 * PostgreSQL's own seeded row sample.
 */
static void
read_table(EvalState *st, int t)
{
	StringInfoData sql;
	SdTable    *tab = &st->tab[t];
	Oid			relid = st->relid[t];
	char		relkind = get_rel_relkind(relid);
	float4		reltuples = 0;
	int64		cap = 1024;
	int64		n = 0;
	int			j;
	Portal		portal;
	SPIPlanPtr	plan;
	MemoryContext scratch;

	initStringInfo(&sql);
	appendStringInfoString(&sql, "SELECT ");
	for (j = 0; j < st->ncols; j++)
	{
		EvalColumn *c = &st->cols[j];
		const char *q = quote_identifier(c->name);

		if (j > 0)
			appendStringInfoString(&sql, ", ");
		if (c->kind == EK_NUMERIC && c->money)
			appendStringInfo(&sql, "(%s)::numeric::float8", q);
		else if (c->kind == EK_NUMERIC)
			appendStringInfo(&sql, "(%s)::float8", q);
		else if (c->kind == EK_DATETIME)
			appendStringInfo(&sql, "extract(epoch from %s)::float8", q);
		else
			appendStringInfo(&sql, "(%s)::text", q);
	}
	appendStringInfo(&sql, " FROM %s", st->relname[t]);

	if (relkind == RELKIND_RELATION || relkind == RELKIND_MATVIEW)
	{
		HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));

		if (HeapTupleIsValid(tup))
		{
			reltuples = ((Form_pg_class) GETSTRUCT(tup))->reltuples;
			ReleaseSysCache(tup);
		}
		if (reltuples > (float4) st->opt.max_rows)
		{
			double		pct = 100.0 * (double) st->opt.max_rows / reltuples;

			appendStringInfo(&sql, " TABLESAMPLE BERNOULLI (%.6f) REPEATABLE (%.0f)",
							 pct, (double) (st->seed % 1000000007));
			st->sampled[t] = true;
		}
	}

	tab->ncols = st->ncols;
	tab->nrows = 0;
	tab->values = MemoryContextAllocZero(st->cxt, sizeof(double *) * Max(st->ncols, 1));
	tab->isnull = MemoryContextAllocZero(st->cxt, sizeof(bool *) * Max(st->ncols, 1));
	table_reserve(st, tab, cap);

	scratch = AllocSetContextCreate(st->cxt, "synthdata evaluate batch",
									ALLOCSET_DEFAULT_SIZES);
	plan = SPI_prepare(sql.data, 0, NULL);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql.data,
			 SPI_result_code_string(SPI_result));
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, true);

	for (;;)
	{
		uint64		i;
		SPITupleTable *tt;
		MemoryContext old;

		SPI_cursor_fetch(portal, true, FETCH_BATCH);
		if (SPI_processed == 0)
			break;
		tt = SPI_tuptable;
		if (n + (int64) SPI_processed > cap)
		{
			int64		newcap = Max(cap * 2, n + (int64) SPI_processed);

			table_reserve(st, tab, newcap);
			cap = newcap;
		}
		old = MemoryContextSwitchTo(scratch);
		for (i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = tt->vals[i];

			CHECK_FOR_INTERRUPTS();
			for (j = 0; j < st->ncols; j++)
			{
				EvalColumn *c = &st->cols[j];
				bool		isnull;
				Datum		d = SPI_getbinval(tup, tt->tupdesc, j + 1, &isnull);
				double		v = 0;

				if (!isnull)
				{
					if (is_numeric_kind(c->kind))
					{
						v = DatumGetFloat8(d);
						/* NaN and infinities count as missing */
						if (isnan(v) || isinf(v))
							isnull = true;
					}
					else
						v = (double) dict_code(st, c, TextDatumGetCString(d));
				}
				tab->values[j][n] = isnull ? 0.0 : v;
				tab->isnull[j][n] = isnull;
			}
			n++;
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(scratch);
		SPI_freetuptable(tt);
	}
	SPI_cursor_close(portal);
	SPI_freeplan(plan);
	MemoryContextDelete(scratch);
	tab->nrows = (int) n;

	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s table \"%s\" is empty", table_role[t], st->relname[t]),
				 errdetail("A table with no rows cannot be evaluated.")));
}

/* summaries of the real table; id-like flags */
static void
summarize_real(EvalState *st)
{
	SdTable    *r = &st->tab[T_REAL];
	int			j,
				i;

	for (j = 0; j < st->ncols; j++)
	{
		EvalColumn *c = &st->cols[j];

		c->real_null = c->real_nonnull = 0;
		for (i = 0; i < r->nrows; i++)
		{
			if (r->isnull[j][i])
			{
				c->real_null++;
				continue;
			}
			c->real_nonnull++;
			if (is_numeric_kind(c->kind))
			{
				c->min = Min(c->min, r->values[j][i]);
				c->max = Max(c->max, r->values[j][i]);
			}
		}
		c->has_range = is_numeric_kind(c->kind) && c->real_nonnull > 0;
		if (c->kind == EK_CATEGORICAL && c->real_nonnull >= IDLIKE_MIN_ROWS)
		{
			/* distinct real values: codes seen in the real table */
			bool	   *seen = palloc0(sizeof(bool) * Max(c->nlabels, 1));
			int64		distinct = 0;

			for (i = 0; i < r->nrows; i++)
				if (!r->isnull[j][i] && !seen[(int) r->values[j][i]])
				{
					seen[(int) r->values[j][i]] = true;
					distinct++;
				}
			pfree(seen);
			c->idlike = c->typid != BOOLOID &&
				distinct >= IDLIKE_RATIO * (double) c->real_nonnull;
		}
	}
}

/* ---------------------------------------------------------------------
 * Seeded subsamples
 * ---------------------------------------------------------------------
 */

static int
cmp_int(const void *a, const void *b)
{
	int			x = *(const int *) a;
	int			y = *(const int *) b;

	return (x > y) - (x < y);
}

/*
 * k row numbers out of n, without replacement, in ascending order: a
 * partial Fisher-Yates shuffle (Durstenfeld, CACM 7(7), 1964) whose i-th
 * swap uses row i of the named stream.
 */
static int *
sample_rows(EvalState *st, int n, int k, const char *stream, int *out_k)
{
	int		   *perm = palloc(sizeof(int) * Max(n, 1));
	SdRng		rng;
	int			i;

	for (i = 0; i < n; i++)
		perm[i] = i;
	if (k >= n)
	{
		*out_k = n;
		return perm;
	}
	sd_rng_init(&rng, st->seed, sd_stream_id(stream));
	for (i = 0; i < k; i++)
	{
		int			j;
		int			tmp;

		sd_rng_seek(&rng, (uint64) i);
		j = i + (int) sd_rng_below(&rng, (uint64) (n - i));
		tmp = perm[i];
		perm[i] = perm[j];
		perm[j] = tmp;
	}
	qsort(perm, k, sizeof(int), cmp_int);
	*out_k = k;
	return perm;
}

/* the chosen rows of a table, non-key columns, as a row-major matrix */
static void
row_matrix(EvalState *st, const SdTable *t, const int *rows, int nrows,
		   const int *colmap, int m, double **values, bool **isnull)
{
	double	   *v = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(double) * Max((size_t) nrows * m, 1));
	bool	   *nn = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(bool) * Max((size_t) nrows * m, 1));
	int			i,
				k;

	for (i = 0; i < nrows; i++)
	{
		int			r = rows ? rows[i] : i;

		for (k = 0; k < m; k++)
		{
			v[(size_t) i * m + k] = t->values[colmap[k]][r];
			nn[(size_t) i * m + k] = t->isnull[colmap[k]][r];
		}
	}
	*values = v;
	*isnull = nn;
}

/* ---------------------------------------------------------------------
 * Metrics
 * ---------------------------------------------------------------------
 */

/* pair codes of a column: categories, or width buckets over the real range */
static int *
pair_codes(EvalState *st, int t, int j, int *ncat)
{
	SdTable    *tab = &st->tab[t];
	EvalColumn *c = &st->cols[j];
	int		   *codes = palloc(sizeof(int) * Max(tab->nrows, 1));
	int			i;

	if (is_numeric_kind(c->kind))
	{
		*ncat = SD_PAIR_BINS + 2;
		for (i = 0; i < tab->nrows; i++)
			codes[i] = (tab->isnull[j][i] || !c->has_range) ? -1 :
				sd_width_bucket(tab->values[j][i], c->min, c->max, SD_PAIR_BINS);
	}
	else
	{
		*ncat = Max(c->nlabels, 1);
		for (i = 0; i < tab->nrows; i++)
			codes[i] = tab->isnull[j][i] ? -1 : (int) tab->values[j][i];
	}
	return codes;
}

static void
column_metrics(EvalState *st, double *shape_scores, double *validity_scores)
{
	SdTable    *r = &st->tab[T_REAL];
	SdTable    *s = &st->tab[T_SYNTH];
	int			j,
				i;

	for (j = 0; j < st->ncols; j++)
	{
		EvalColumn *c = &st->cols[j];
		int64		rnull = 0,
					snull = 0;
		StringInfo	d;

		shape_scores[j] = NAN;
		validity_scores[j] = NAN;
		for (i = 0; i < r->nrows; i++)
			rnull += r->isnull[j][i];
		for (i = 0; i < s->nrows; i++)
			snull += s->isnull[j][i];

		if (is_numeric_kind(c->kind))
		{
			double	   *a = palloc(sizeof(double) * Max(r->nrows, 1));
			double	   *b = palloc(sizeof(double) * Max(s->nrows, 1));
			int			na = 0,
						nb = 0,
						inside = 0;
			double		ks;

			for (i = 0; i < r->nrows; i++)
				if (!r->isnull[j][i])
					a[na++] = r->values[j][i];
			for (i = 0; i < s->nrows; i++)
				if (!s->isnull[j][i])
				{
					b[nb++] = s->values[j][i];
					inside += (s->values[j][i] >= c->min && s->values[j][i] <= c->max);
				}
			ks = sd_ks_statistic(a, na, b, nb);
			shape_scores[j] = 1.0 - ks;
			d = detail_start();
			json_num(d, "ks_statistic", ks);
			json_int(d, "real_values", na);
			json_int(d, "synthetic_values", nb);
			json_str(d, "kind", kind_name(c->kind));
			add_row(st, "KSComplement", c->name, NULL, shape_scores[j], d);

			validity_scores[j] = nb ? (double) inside / nb : NAN;
			d = detail_start();
			json_num(d, "real_min", c->has_range ? c->min : NAN);
			json_num(d, "real_max", c->has_range ? c->max : NAN);
			json_int(d, "synthetic_values", nb);
			json_int(d, "out_of_bounds", nb - inside);
			add_row(st, "BoundaryAdherence", c->name, NULL, validity_scores[j], d);
			pfree(a);
			pfree(b);
		}
		else if (c->kind == EK_CATEGORICAL)
		{
			int			ncat = Max(c->nlabels, 1);
			double	   *ca = palloc0(sizeof(double) * ncat);
			double	   *cb = palloc0(sizeof(double) * ncat);
			double		tv;
			int64		valid = 0;
			int			k,
						rcat = 0,
						scat = 0;

			for (i = 0; i < r->nrows; i++)
				if (!r->isnull[j][i])
					ca[(int) r->values[j][i]] += 1;
			for (i = 0; i < s->nrows; i++)
			{
				if (s->isnull[j][i])
					valid += (rnull > 0);
				else
				{
					cb[(int) s->values[j][i]] += 1;
					valid += (ca[(int) s->values[j][i]] > 0);
				}
			}
			for (k = 0; k < ncat; k++)
			{
				rcat += (ca[k] > 0);
				scat += (cb[k] > 0);
			}
			tv = sd_tv_distance(ca, cb, ncat);
			shape_scores[j] = 1.0 - tv;
			d = detail_start();
			json_num(d, "total_variation", tv);
			json_int(d, "real_categories", rcat);
			json_int(d, "synthetic_categories", scat);
			if (c->idlike)
				json_str(d, "note", "high-cardinality column: also checked for identifier leaks");
			add_row(st, "TVComplement", c->name, NULL, shape_scores[j], d);

			validity_scores[j] = (double) valid / s->nrows;
			d = detail_start();
			json_int(d, "synthetic_rows", s->nrows);
			json_int(d, "unseen", s->nrows - valid);
			add_row(st, "CategoryAdherence", c->name, NULL, validity_scores[j], d);
			pfree(ca);
			pfree(cb);
		}

		{
			double		pr = (double) rnull / r->nrows;
			double		ps = (double) snull / s->nrows;

			d = detail_start();
			json_num(d, "real_missing", pr);
			json_num(d, "synthetic_missing", ps);
			add_row(st, "MissingValueSimilarity", c->name, NULL, 1.0 - fabs(pr - ps), d);
		}
	}
}

static void
pair_metrics(EvalState *st, double *pair_scores, int *npairs)
{
	SdTable    *r = &st->tab[T_REAL];
	SdTable    *s = &st->tab[T_SYNTH];
	int			m = st->ncols;
	int		  **rc = palloc0(sizeof(int *) * m);
	int		  **sc = palloc0(sizeof(int *) * m);
	int		   *ncat = palloc0(sizeof(int) * m);
	int			a,
				b,
				np = 0;
	MemoryContext scratch = AllocSetContextCreate(CurrentMemoryContext,
												  "synthdata evaluate pair",
												  ALLOCSET_DEFAULT_SIZES);

	for (a = 0; a < m; a++)
		if (st->cols[a].kind != EK_KEY)
		{
			rc[a] = pair_codes(st, T_REAL, a, &ncat[a]);
			sc[a] = pair_codes(st, T_SYNTH, a, &ncat[a]);
		}

	for (a = 0; a < m; a++)
	{
		for (b = a + 1; b < m; b++)
		{
			EvalColumn *ca = &st->cols[a];
			EvalColumn *cb = &st->cols[b];
			StringInfo	d;
			double		score;
			bool		skip = false;
			MemoryContext old;

			if (ca->kind == EK_KEY || cb->kind == EK_KEY)
				continue;
			CHECK_FOR_INTERRUPTS();
			old = MemoryContextSwitchTo(scratch);
			d = detail_start();
			if (is_numeric_kind(ca->kind) && is_numeric_kind(cb->kind))
			{
				double		rr = NAN,
							rs = NAN;
				int			nr,
							ns;
				bool		okr = sd_pearson(r->values[a], r->isnull[a], r->values[b], r->isnull[b], r->nrows, &rr, &nr);
				bool		oks = sd_pearson(s->values[a], s->isnull[a], s->values[b], s->isnull[b], s->nrows, &rs, &ns);

				if (!okr)
					rr = NAN;
				if (!oks)
					rs = NAN;
				score = (okr && oks) ? 1.0 - fabs(rr - rs) / 2.0 : NAN;
				st->assoc_real[a * m + b] = st->assoc_real[b * m + a] = rr;
				st->assoc_synth[a * m + b] = st->assoc_synth[b * m + a] = rs;
				json_num(d, "real_correlation", rr);
				json_num(d, "synthetic_correlation", rs);
				json_int(d, "real_pairs", nr);
				json_int(d, "synthetic_pairs", ns);
				if (!(okr && oks))
					json_str(d, "note", "correlation undefined: fewer than two pairs or a constant column");
				if (st->opt.pair_threshold && okr && !(fabs(rr) > st->opt.correlation_threshold))
					skip = true;
				if (skip)
					json_str(d, "skipped", "real correlation at or below correlation_threshold");
				MemoryContextSwitchTo(old);
				pair_scores[a * m + b] = skip ? NAN : score;
				add_row(st, "CorrelationSimilarity", ca->name, cb->name,
						skip ? NAN : score, d);
			}
			else
			{
				double		vr = sd_cramers_v(rc[a], rc[b], r->nrows, ncat[a], ncat[b], sd_context_alloc, scratch);
				double		vs = sd_cramers_v(sc[a], sc[b], s->nrows, ncat[a], ncat[b], sd_context_alloc, scratch);

				score = sd_contingency_similarity(rc[a], rc[b], r->nrows,
												  sc[a], sc[b], s->nrows,
												  ncat[a], ncat[b],
												  sd_context_alloc, scratch);
				st->assoc_real[a * m + b] = st->assoc_real[b * m + a] = vr;
				st->assoc_synth[a * m + b] = st->assoc_synth[b * m + a] = vs;
				json_num(d, "real_cramers_v", vr);
				json_num(d, "synthetic_cramers_v", vs);
				if (is_numeric_kind(ca->kind) || is_numeric_kind(cb->kind))
					json_int(d, "bins", SD_PAIR_BINS);
				if (st->opt.pair_threshold && !(vr > st->opt.association_threshold))
					skip = true;
				if (skip)
					json_str(d, "skipped", "real Cramer's V at or below association_threshold");
				MemoryContextSwitchTo(old);
				pair_scores[a * m + b] = skip ? NAN : score;
				add_row(st, "ContingencySimilarity", ca->name, cb->name,
						skip ? NAN : score, d);
			}
			if (!isnan(pair_scores[a * m + b]))
				np++;
			MemoryContextReset(scratch);
		}
	}
	MemoryContextDelete(scratch);
	*npairs = np;
}

/* exact copies, NewRowSynthesis, DCR, identifier leaks */
static void
privacy_metrics(EvalState *st)
{
	SdTable    *r = &st->tab[T_REAL];
	SdTable    *s = &st->tab[T_SYNTH];
	SdTable    *h = &st->tab[T_HOLD];
	int		   *colmap = palloc(sizeof(int) * Max(st->ncols, 1));
	bool	   *categorical = palloc(sizeof(bool) * Max(st->ncols, 1));
	double	   *range = palloc(sizeof(double) * Max(st->ncols, 1));
	int			m = 0,
				j,
				i;
	double	   *rv,
			   *sv;
	bool	   *rn,
			   *sn;
	SdRowSet   *set;
	int64		copies = 0;
	StringInfo	d;

	for (j = 0; j < st->ncols; j++)
	{
		EvalColumn *c = &st->cols[j];

		if (c->kind == EK_KEY)
			continue;
		colmap[m] = j;
		categorical[m] = !is_numeric_kind(c->kind);
		range[m] = (c->has_range) ? c->max - c->min : 0.0;
		m++;
	}

	/* identifier leaks: values of id-like columns found in the real table */
	for (j = 0; j < st->ncols; j++)
	{
		EvalColumn *c = &st->cols[j];
		bool	   *inreal;
		bool	   *counted;
		int64		leaked = 0,
					nonnull = 0,
					distinct_leaked = 0;

		if (!c->idlike)
			continue;
		inreal = palloc0(sizeof(bool) * Max(c->nlabels, 1));
		counted = palloc0(sizeof(bool) * Max(c->nlabels, 1));
		for (i = 0; i < r->nrows; i++)
			if (!r->isnull[j][i])
				inreal[(int) r->values[j][i]] = true;
		for (i = 0; i < s->nrows; i++)
		{
			int			code;

			if (s->isnull[j][i])
				continue;
			nonnull++;
			code = (int) s->values[j][i];
			if (inreal[code])
			{
				leaked++;
				if (!counted[code])
				{
					counted[code] = true;
					distinct_leaked++;
				}
			}
		}
		d = detail_start();
		json_int(d, "synthetic_values", nonnull);
		json_int(d, "leaked_rows", leaked);
		json_int(d, "leaked_values", distinct_leaked);
		json_str(d, "kind", kind_name(c->kind));
		add_row(st, "IdentifierLeak", c->name, NULL,
				nonnull ? 1.0 - (double) leaked / nonnull : 1.0, d);
		pfree(inreal);
		pfree(counted);
	}
	if (m == 0)
		return;

	/* exact copies: every synthetic row against all real rows */
	row_matrix(st, r, NULL, r->nrows, colmap, m, &rv, &rn);
	row_matrix(st, s, NULL, s->nrows, colmap, m, &sv, &sn);
	set = sd_rowset_build(rv, rn, r->nrows, m, categorical,
						  sd_context_alloc, CurrentMemoryContext);
	for (i = 0; i < s->nrows; i++)
	{
		CHECK_FOR_INTERRUPTS();
		copies += sd_rowset_contains(set, sv + (size_t) i * m, sn + (size_t) i * m);
	}
	d = detail_start();
	json_int(d, "copies", copies);
	json_int(d, "synthetic_rows", s->nrows);
	add_row(st, "ExactCopies", NULL, NULL, 1.0 - (double) copies / s->nrows, d);

	/* the seeded synthetic sample used by NewRowSynthesis and DCR */
	{
		int			nq,
					nref,
					k;
		int		   *qrows = sample_rows(st, s->nrows, (int) Min(st->opt.dcr_rows, s->nrows),
										"synth_evaluate synthetic sample", &nq);
		int		   *refrows = sample_rows(st, r->nrows, (int) Min(st->opt.reference_rows, r->nrows),
										  "synth_evaluate real sample", &nref);
		int64		newrows = 0;
		double	   *qv,
				   *refv,
				   *randv;
		bool	   *qn,
				   *refn,
				   *randn;
		double	   *dsyn = palloc(sizeof(double) * nq);
		double	   *drand = palloc(sizeof(double) * nq);
		double	   *dsyn_copy = palloc(sizeof(double) * nq);
		SdNnMetric	metric;
		SdNnIndex  *ix;
		int			nnrow;
		double		nndist;
		double		med_syn,
					med_rand;
		uint64		ndist;

		row_matrix(st, s, qrows, nq, colmap, m, &qv, &qn);
		for (i = 0; i < nq; i++)
		{
			CHECK_FOR_INTERRUPTS();
			newrows += !sd_rowset_matches(set, qv + (size_t) i * m, qn + (size_t) i * m,
										  NEW_ROW_TOLERANCE);
		}
		d = detail_start();
		json_int(d, "new_rows", newrows);
		json_int(d, "sampled_synthetic_rows", nq);
		json_num(d, "numerical_match_tolerance", NEW_ROW_TOLERANCE);
		add_row(st, "NewRowSynthesis", NULL, NULL, (double) newrows / nq, d);

		/* the uniform random baseline table: one stream per column */
		randv = palloc(sizeof(double) * (size_t) nq * m);
		randn = palloc(sizeof(bool) * (size_t) nq * m);
		for (k = 0; k < m; k++)
		{
			EvalColumn *c = &st->cols[colmap[k]];
			SdRng		rng;
			int		   *cats = NULL;
			int			ncats = 0;

			sd_rng_init(&rng, st->seed,
						sd_stream_child(sd_stream_id("synth_evaluate random baseline"),
										sd_stream_id(c->name)));
			if (categorical[k])
			{
				bool	   *seen = palloc0(sizeof(bool) * Max(c->nlabels, 1));

				cats = palloc(sizeof(int) * (Max(c->nlabels, 1) + 1));
				for (i = 0; i < r->nrows; i++)
					if (!r->isnull[colmap[k]][i])
						seen[(int) r->values[colmap[k]][i]] = true;
				for (i = 0; i < c->nlabels; i++)
					if (seen[i])
						cats[ncats++] = i;
				if (c->real_null > 0)
					cats[ncats++] = -1; /* NULL is one of the choices */
				pfree(seen);
			}
			for (i = 0; i < nq; i++)
			{
				size_t		at = (size_t) i * m + k;

				sd_rng_seek(&rng, (uint64) i);
				randn[at] = false;
				if (categorical[k])
				{
					int			code = ncats ? cats[sd_rng_below(&rng, ncats)] : -1;

					randn[at] = (code < 0);
					randv[at] = (code < 0) ? 0.0 : code;
				}
				else if (c->has_range)
					randv[at] = c->min + (c->max - c->min) * sd_rng_uniform(&rng);
				else
				{
					randn[at] = true;
					randv[at] = 0.0;
				}
			}
		}

		row_matrix(st, r, refrows, nref, colmap, m, &refv, &refn);
		metric.ncols = m;
		metric.categorical = categorical;
		metric.range = range;
		metric.weight = NULL;
		ix = sd_nn_build(&metric, refv, refn, nref, sd_context_alloc, CurrentMemoryContext);
		for (i = 0; i < nq; i++)
		{
			CHECK_FOR_INTERRUPTS();
			sd_nn_query(ix, qv + (size_t) i * m, qn + (size_t) i * m, 1, &nnrow, &nndist);
			dsyn[i] = nndist;
			sd_nn_query(ix, randv + (size_t) i * m, randn + (size_t) i * m, 1, &nnrow, &nndist);
			drand[i] = nndist;
		}
		ndist = sd_nn_distance_count(ix);
		memcpy(dsyn_copy, dsyn, sizeof(double) * nq);
		med_syn = sd_median(dsyn_copy, nq);
		med_rand = sd_median(drand, nq);
		d = detail_start();
		json_num(d, "median_dcr_synthetic", med_syn);
		json_num(d, "median_dcr_random", med_rand);
		json_int(d, "sampled_synthetic_rows", nq);
		json_int(d, "reference_rows", nref);
		json_num(d, "distance_evaluations_per_query", (double) ndist / (2.0 * nq));
		json_int(d, "seed", (int64) st->seed);
		add_row(st, "DCRBaselineProtection", NULL, NULL,
				(med_rand > 0) ? Min(med_syn / med_rand, 1.0) : NAN, d);

		if (st->has_holdout)
		{
			int			nhold;
			int		   *hrows = sample_rows(st, h->nrows, (int) Min(st->opt.reference_rows, h->nrows),
											"synth_evaluate holdout sample", &nhold);
			double	   *hv;
			bool	   *hn;
			double	   *hrange = palloc(sizeof(double) * m);
			SdNnIndex  *hix;
			int64		closer = 0;

			/* distances to the holdout are scaled by the holdout's ranges */
			for (k = 0; k < m; k++)
			{
				double		lo = HUGE_VAL,
							hi = -HUGE_VAL;

				hrange[k] = 0.0;
				if (categorical[k])
					continue;
				for (i = 0; i < h->nrows; i++)
					if (!h->isnull[colmap[k]][i])
					{
						lo = Min(lo, h->values[colmap[k]][i]);
						hi = Max(hi, h->values[colmap[k]][i]);
					}
				hrange[k] = (hi > lo) ? hi - lo : 0.0;
			}
			row_matrix(st, h, hrows, nhold, colmap, m, &hv, &hn);
			metric.range = hrange;
			hix = sd_nn_build(&metric, hv, hn, nhold, sd_context_alloc, CurrentMemoryContext);
			for (i = 0; i < nq; i++)
			{
				CHECK_FOR_INTERRUPTS();
				sd_nn_query(hix, qv + (size_t) i * m, qn + (size_t) i * m, 1, &nnrow, &nndist);
				closer += (dsyn[i] < nndist);
			}
			d = detail_start();
			json_num(d, "closer_to_training", (double) closer / nq);
			json_num(d, "closer_to_holdout", 1.0 - (double) closer / nq);
			json_int(d, "sampled_synthetic_rows", nq);
			json_int(d, "training_rows", nref);
			json_int(d, "holdout_rows", nhold);
			add_row(st, "DCROverfittingProtection", NULL, NULL,
					Min(1.0, 2.0 * (1.0 - (double) closer / nq)), d);
			if (h->nrows * 2 < r->nrows || r->nrows * 2 < h->nrows)
				ereport(NOTICE,
						(errmsg("the real and holdout tables differ much in size"),
						 errdetail("The real table has %d rows and the holdout %d.",
								   r->nrows, h->nrows),
						 errhint("DCROverfittingProtection is most meaningful when they are about the same size.")));
		}
	}
}

/* ---------------------------------------------------------------------
 * Driver
 * ---------------------------------------------------------------------
 */

static void
eval_setup(EvalState *st, Oid real, Oid synth, Jsonb *opts,
		   const char *only_column)
{
	memset(st, 0, sizeof(EvalState));
	st->cxt = CurrentMemoryContext;
	parse_options(opts, &st->opt);
	/* synth_compare (only_column) draws nothing: no seed to choose */
	st->seed = st->opt.seed_given ? (uint64) st->opt.seed :
		only_column ? 0 : sd_default_seed();
	st->relid[T_REAL] = real;
	st->relid[T_SYNTH] = synth;
	st->relid[T_HOLD] = st->opt.holdout;
	st->has_holdout = OidIsValid(st->opt.holdout) && only_column == NULL;
	check_relkind(real, "real");
	check_relkind(synth, "synthetic");
	if (st->has_holdout)
		check_relkind(st->opt.holdout, "holdout");
	st->relname[T_REAL] = relation_display_name(real);
	st->relname[T_SYNTH] = relation_display_name(synth);
	if (st->has_holdout)
		st->relname[T_HOLD] = relation_display_name(st->opt.holdout);
	resolve_columns(st, only_column);
}

static void
eval_read(EvalState *st)
{
	int			t;
	instr_time	start;

	INSTR_TIME_SET_CURRENT(start);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	for (t = 0; t < 3; t++)
		if (t != T_HOLD || st->has_holdout)
			read_table(st, t);
	SPI_finish();
	summarize_real(st);
	st->seconds_read = elapsed_seconds(start);
}

static void
eval_run(EvalState *st)
{
	double	   *shape = palloc(sizeof(double) * st->ncols);
	double	   *validity = palloc(sizeof(double) * st->ncols);
	int			m = st->ncols;
	double	   *pair;
	int			npairs = 0,
				nshape,
				nvalid,
				i;
	StringInfo	d;
	instr_time	start;

	eval_read(st);
	INSTR_TIME_SET_CURRENT(start);
	st->assoc_real = palloc(sizeof(double) * m * m);
	st->assoc_synth = palloc(sizeof(double) * m * m);
	st->pair_score = pair = palloc(sizeof(double) * m * m);
	for (i = 0; i < m * m; i++)
		st->assoc_real[i] = st->assoc_synth[i] = pair[i] = NAN;

	column_metrics(st, shape, validity);
	pair_metrics(st, pair, &npairs);
	st->seconds_metrics = elapsed_seconds(start);

	st->shapes = mean_of(shape, m, &nshape);
	st->trends = mean_of(pair, m * m, NULL);
	if (isnan(st->shapes))
		st->quality = st->trends;
	else if (isnan(st->trends))
		st->quality = st->shapes;
	else
		st->quality = (st->shapes + st->trends) / 2.0;

	d = detail_start();
	json_int(d, "columns", nshape);
	add_row(st, "Column Shapes", NULL, NULL, st->shapes, d);
	d = detail_start();
	json_int(d, "pairs", npairs);
	if (st->opt.pair_threshold)
	{
		json_num(d, "correlation_threshold", st->opt.correlation_threshold);
		json_num(d, "association_threshold", st->opt.association_threshold);
	}
	add_row(st, "Column Pair Trends", NULL, NULL, st->trends, d);
	d = detail_start();
	json_num(d, "column_shapes", st->shapes);
	json_num(d, "column_pair_trends", st->trends);
	json_int(d, "real_rows", st->tab[T_REAL].nrows);
	json_int(d, "synthetic_rows", st->tab[T_SYNTH].nrows);
	if (st->sampled[T_REAL] || st->sampled[T_SYNTH])
		json_int(d, "max_rows", st->opt.max_rows);
	add_row(st, "Quality", NULL, NULL, st->quality, d);
	d = detail_start();
	{
		double		v = mean_of(validity, m, &nvalid);

		json_int(d, "columns", nvalid);
		add_row(st, "Data Validity", NULL, NULL, v, d);
	}

	INSTR_TIME_SET_CURRENT(start);
	privacy_metrics(st);
	st->seconds_privacy = elapsed_seconds(start);
}

/*
 * synth_evaluate(real regclass, synthetic regclass, options jsonb)
 *		returns table(metric text, column_name text, other_column text,
 *					  score float8, detail jsonb)
 *
 * One row per metric and column (or column pair), then the summary rows.
 */
PG_FUNCTION_INFO_V1(synth_evaluate);
Datum
synth_evaluate(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	EvalState	st;
	ListCell   *lc;
	MemoryContext cxt,
				old;

	sd_arg_not_null(fcinfo, 0, "real");
	sd_arg_not_null(fcinfo, 1, "synthetic");
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);

	cxt = AllocSetContextCreate(CurrentMemoryContext, "synthdata evaluate",
								ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	eval_setup(&st, PG_GETARG_OID(0), PG_GETARG_OID(1),
			   PG_ARGISNULL(2) ? NULL : PG_GETARG_JSONB_P(2), NULL);
	eval_run(&st);
	MemoryContextSwitchTo(old);

	foreach(lc, st.rows)
	{
		EvalRow    *r = lfirst(lc);
		Datum		values[5] = {0};
		bool		nulls[5] = {0};

		values[0] = CStringGetTextDatum(r->metric);
		if (r->column)
			values[1] = CStringGetTextDatum(r->column);
		else
			nulls[1] = true;
		if (r->other)
			values[2] = CStringGetTextDatum(r->other);
		else
			nulls[2] = true;
		if (isnan(r->score))
			nulls[3] = true;
		else
			values[3] = Float8GetDatum(r->score);
		values[4] = DirectFunctionCall1(jsonb_in, CStringGetDatum(r->detail));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(cxt);
	PG_RETURN_NULL();
}

/* ---------------------------------------------------------------------
 * Distribution buckets (report charts and synth_compare)
 * ---------------------------------------------------------------------
 */

typedef struct Buckets
{
	bool		numeric;		/* equal-width bins over [lo, hi] */
	double		lo;
	double		hi;
	int			nbins;
	int			n;				/* buckets, the NULL bucket included */
	char	  **labels;
	double	   *real;			/* shares of all rows, NULLs included */
	double	   *synth;
} Buckets;

/* a number of the column's type, for a label */
static char *
format_value(EvalColumn *c, double v)
{
	if (c->kind == EK_DATETIME && c->typid != INTERVALOID && c->typid != TIMEOID &&
		c->typid != TIMETZOID)
	{
		double		days = floor(v / 86400.0);
		double		secs = v - days * 86400.0;
		int			y,
					mo,
					d;

		if (fabs(days) > 1e7)
			return psprintf("%.4g", v);
		j2date((int) days + UNIX_EPOCH_JDATE, &y, &mo, &d);
		if (c->typid == DATEOID)
			return psprintf("%04d-%02d-%02d", y, mo, d);
		return psprintf("%04d-%02d-%02d %02d:%02d", y, mo, d,
						(int) (secs / 3600), (int) fmod(secs / 60, 60));
	}
	if (c->kind == EK_DATETIME && (c->typid == TIMEOID || c->typid == TIMETZOID))
		return psprintf("%02d:%02d", (int) (v / 3600), (int) fmod(v / 60, 60));
	return psprintf("%.4g", v);
}

static int
cmp_double_asc(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

typedef struct CatOrder
{
	int			code;
	double		real;
	double		synth;
	const char *label;
} CatOrder;

static int
cmp_catorder(const void *a, const void *b)
{
	const CatOrder *x = a;
	const CatOrder *y = b;

	if (x->real != y->real)
		return (x->real > y->real) ? -1 : 1;
	if (x->synth != y->synth)
		return (x->synth > y->synth) ? -1 : 1;
	return strcmp(x->label, y->label);
}

/*
 * A numeric column with at most maxcats distinct values (codes, counts,
 * small integers) is shown value by value rather than in bins.
 */
static bool
numeric_as_values(EvalState *st, int j, int maxcats, Buckets *b)
{
	SdTable    *tab[2] = {&st->tab[T_REAL], &st->tab[T_SYNTH]};
	double	   *vals = palloc(sizeof(double) * (maxcats + 1));
	double		nulls[2] = {0, 0};
	int			nv = 0,
				t,
				i,
				k;

	for (t = 0; t < 2; t++)
		for (i = 0; i < tab[t]->nrows; i++)
		{
			double		v = tab[t]->values[j][i];

			if (tab[t]->isnull[j][i])
				continue;
			for (k = 0; k < nv && vals[k] != v; k++)
				;
			if (k == nv)
			{
				if (nv == maxcats)
					return false;
				vals[nv++] = v;
			}
		}
	qsort(vals, nv, sizeof(double), cmp_double_asc);
	b->numeric = false;
	b->n = nv + 1;
	b->nbins = nv;
	b->labels = palloc0(sizeof(char *) * b->n);
	b->real = palloc0(sizeof(double) * b->n);
	b->synth = palloc0(sizeof(double) * b->n);
	for (k = 0; k < nv; k++)
		b->labels[k] = format_value(&st->cols[j], vals[k]);
	b->labels[nv] = pstrdup("NULL");
	for (t = 0; t < 2; t++)
	{
		double	   *share = t ? b->synth : b->real;

		for (i = 0; i < tab[t]->nrows; i++)
		{
			if (tab[t]->isnull[j][i])
			{
				nulls[t] += 1;
				continue;
			}
			for (k = 0; vals[k] != tab[t]->values[j][i]; k++)
				;
			share[k] += 1;
		}
	}
	b->real[nv] = nulls[0];
	b->synth[nv] = nulls[1];
	for (k = 0; k < b->n; k++)
	{
		b->real[k] /= tab[0]->nrows;
		b->synth[k] /= tab[1]->nrows;
	}
	if (nulls[0] == 0 && nulls[1] == 0)
		b->n--;
	return true;
}

static void
column_buckets(EvalState *st, int j, int nbins, int maxcats, Buckets *b)
{
	EvalColumn *c = &st->cols[j];
	SdTable    *tab[2] = {&st->tab[T_REAL], &st->tab[T_SYNTH]};
	double		nulls[2] = {0, 0};
	int			t,
				i,
				k;

	if (is_numeric_kind(c->kind))
	{
		double		lo = HUGE_VAL,
					hi = -HUGE_VAL;
		bool		any = false;

		for (t = 0; t < 2; t++)
			for (i = 0; i < tab[t]->nrows; i++)
				if (!tab[t]->isnull[j][i])
				{
					lo = Min(lo, tab[t]->values[j][i]);
					hi = Max(hi, tab[t]->values[j][i]);
					any = true;
				}
		if (!any)
			nbins = 0;
		else if (!(hi > lo))
			nbins = 1;
		else if (numeric_as_values(st, j, maxcats, b))
			return;
		b->numeric = true;
		b->lo = lo;
		b->hi = hi;
		b->nbins = nbins;
		b->n = nbins + 1;
		b->labels = palloc0(sizeof(char *) * b->n);
		b->real = palloc0(sizeof(double) * b->n);
		b->synth = palloc0(sizeof(double) * b->n);
		for (k = 0; k < nbins; k++)
		{
			double		e0 = lo + (hi - lo) * k / nbins;
			double		e1 = (k == nbins - 1) ? hi : lo + (hi - lo) * (k + 1) / nbins;

			b->labels[k] = (nbins == 1)
				? format_value(c, lo)
				: psprintf("[%s, %s%s", format_value(c, e0), format_value(c, e1),
						   (k == nbins - 1) ? "]" : ")");
		}
		for (t = 0; t < 2; t++)
		{
			double	   *share = t ? b->synth : b->real;

			for (i = 0; i < tab[t]->nrows; i++)
			{
				if (tab[t]->isnull[j][i])
				{
					nulls[t] += 1;
					continue;
				}
				k = (nbins == 1) ? 0 :
					Min(sd_width_bucket(tab[t]->values[j][i], lo, hi, nbins), nbins) - 1;
				share[k] += 1;
			}
		}
	}
	else
	{
		int			ncat = Max(c->nlabels, 1);
		CatOrder   *ord = palloc0(sizeof(CatOrder) * ncat);
		int			used = 0,
					shown;

		for (k = 0; k < c->nlabels; k++)
		{
			ord[k].code = k;
			ord[k].label = c->labels[k];
		}
		for (t = 0; t < 2; t++)
			for (i = 0; i < tab[t]->nrows; i++)
			{
				if (tab[t]->isnull[j][i])
					nulls[t] += 1;
				else if (t == 0)
					ord[(int) tab[t]->values[j][i]].real += 1;
				else
					ord[(int) tab[t]->values[j][i]].synth += 1;
			}
		for (k = 0; k < c->nlabels; k++)
			if (ord[k].real > 0 || ord[k].synth > 0)
				ord[used++] = ord[k];
		qsort(ord, used, sizeof(CatOrder), cmp_catorder);
		shown = Min(used, maxcats);
		b->n = shown + (used > shown ? 1 : 0) + 1;
		b->labels = palloc0(sizeof(char *) * b->n);
		b->real = palloc0(sizeof(double) * b->n);
		b->synth = palloc0(sizeof(double) * b->n);
		for (k = 0; k < used; k++)
		{
			int			slot = Min(k, shown);

			b->real[slot] += ord[k].real;
			b->synth[slot] += ord[k].synth;
		}
		for (k = 0; k < shown; k++)
			b->labels[k] = pstrdup(ord[k].label);
		if (used > shown)
			b->labels[shown] = psprintf("(%d other values)", used - shown);
		b->numeric = false;
		b->nbins = b->n - 1;
	}
	b->labels[b->n - 1] = pstrdup("NULL");
	b->real[b->n - 1] = nulls[0];
	b->synth[b->n - 1] = nulls[1];
	for (k = 0; k < b->n; k++)
	{
		b->real[k] /= tab[0]->nrows;
		b->synth[k] /= tab[1]->nrows;
	}
	/* no NULL bucket when neither table has NULLs */
	if (nulls[0] == 0 && nulls[1] == 0)
		b->n--;
}

/* ---------------------------------------------------------------------
 * synth_compare
 * ---------------------------------------------------------------------
 */

/* a horizontal bar of width cells, in eighths of a cell */
static void
append_bar(StringInfo buf, double frac, int width)
{
	static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	int			units = (int) rint(Max(0.0, Min(frac, 1.0)) * width * 8);
	int			k;

	for (k = 0; k < units / 8; k++)
		appendStringInfoString(buf, "█");
	appendStringInfoString(buf, eighths[units % 8]);
	for (k = units / 8 + (units % 8 ? 1 : 0); k < width; k++)
		appendStringInfoChar(buf, ' ');
}

/*
 * synth_compare(real regclass, synthetic regclass, column_name text)
 *		returns table(bucket text, real_share float8, synthetic_share float8,
 *					  bars text)
 *
 * The distribution of one column in both tables, bucket by bucket, with a
 * Unicode bar chart for psql: the real share on the left of the rule, the
 * synthetic share on the right, both on the same scale.
 */
PG_FUNCTION_INFO_V1(synth_compare);
Datum
synth_compare(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	EvalState	st;
	Buckets		b;
	double		top = 0;
	int			k;
	char	   *column;
	MemoryContext cxt,
				old;
	sd_arg_not_null(fcinfo, 0, "real");
	sd_arg_not_null(fcinfo, 1, "synthetic");
	sd_arg_not_null(fcinfo, 2, "column_name");
	column = text_to_cstring(PG_GETARG_TEXT_PP(2));
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);

	cxt = AllocSetContextCreate(CurrentMemoryContext, "synthdata compare",
								ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	eval_setup(&st, PG_GETARG_OID(0), PG_GETARG_OID(1), NULL, column);
	eval_read(&st);
	column_buckets(&st, 0, COMPARE_BINS, COMPARE_MAX_CATEGORIES, &b);
	for (k = 0; k < b.n; k++)
		top = Max(top, Max(b.real[k], b.synth[k]));
	MemoryContextSwitchTo(old);

	for (k = 0; k < b.n; k++)
	{
		Datum		values[4] = {0};
		bool		nulls[4] = {0};
		StringInfoData bars;

		initStringInfo(&bars);
		append_bar(&bars, top > 0 ? b.real[k] / top : 0, 20);
		appendStringInfoString(&bars, " │ ");
		append_bar(&bars, top > 0 ? b.synth[k] / top : 0, 20);
		values[0] = CStringGetTextDatum(b.labels[k]);
		values[1] = Float8GetDatum(b.real[k]);
		values[2] = Float8GetDatum(b.synth[k]);
		values[3] = CStringGetTextDatum(bars.data);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(cxt);
	PG_RETURN_NULL();
}

/* ---------------------------------------------------------------------
 * synth_report: a self-contained HTML page (inline CSS and SVG only)
 * ---------------------------------------------------------------------
 */

#define COLOR_REAL "#1f77b4"
#define COLOR_SYNTH "#ff7f0e"

static void
html_escape(StringInfo buf, const char *s)
{
	for (; *s; s++)
	{
		switch (*s)
		{
			case '&':
				appendStringInfoString(buf, "&amp;");
				break;
			case '<':
				appendStringInfoString(buf, "&lt;");
				break;
			case '>':
				appendStringInfoString(buf, "&gt;");
				break;
			case '"':
				appendStringInfoString(buf, "&quot;");
				break;
			case '\'':
				appendStringInfoString(buf, "&#39;");
				break;
			default:
				appendStringInfoChar(buf, *s);
		}
	}
}

/* a label cut to at most max characters (UTF-8 aware), escaped */
static void
html_label(StringInfo buf, const char *s, int max)
{
	int			chars = 0;
	const char *p = s;

	while (*p && chars < max)
	{
		p += pg_utf_mblen((const unsigned char *) p);
		chars++;
	}
	if (*p == '\0')
		html_escape(buf, s);
	else
	{
		char	   *cut = pnstrdup(s, p - s);

		html_escape(buf, cut);
		appendStringInfoString(buf, "…");
	}
}

static const char *
score_class(double v)
{
	if (isnan(v))
		return "na";
	return (v >= 0.9) ? "good" : (v >= 0.7) ? "fair" : "poor";
}

static void
append_score(StringInfo buf, double v)
{
	if (isnan(v))
		appendStringInfoString(buf, "n/a");
	else
		appendStringInfo(buf, "%.3f", v);
}

/* grouped bars: real and synthetic share of each bucket */
static void
svg_distribution(StringInfo buf, EvalColumn *c, const Buckets *b)
{
	const int	W = 340,
				H = 210,
				L = 44,
				R = 8,
				T = 10,
				B = b->numeric ? 34 : 70;
	double		pw = W - L - R,
				ph = H - T - B;
	double		top = 0,
				slot;
	int			k;

	for (k = 0; k < b->n; k++)
		top = Max(top, Max(b->real[k], b->synth[k]));
	if (top <= 0)
		top = 1;
	slot = pw / Max(b->n, 1);
	appendStringInfo(buf, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", W, H, W, H);
	/* axes and grid */
	for (k = 0; k <= 2; k++)
	{
		double		y = T + ph - ph * k / 2.0;

		appendStringInfo(buf, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>", L, y, W - R, y);
		appendStringInfo(buf, "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%.0f%%</text>",
						 L - 4, y + 3, 100.0 * top * k / 2.0);
	}
	for (k = 0; k < b->n; k++)
	{
		double		x = L + slot * k;
		double		hr = ph * b->real[k] / top;
		double		hs = ph * b->synth[k] / top;
		bool		isnullbucket = (k == b->n - 1 && strcmp(b->labels[k], "NULL") == 0 &&
									(!b->numeric || k >= b->nbins));

		appendStringInfo(buf, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>",
						 x + slot * 0.08, T + ph - hr, slot * 0.42, hr, COLOR_REAL);
		html_escape(buf, b->labels[k]);
		appendStringInfo(buf, ": real %.1f%%</title></rect>", 100 * b->real[k]);
		appendStringInfo(buf, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>",
						 x + slot * 0.50, T + ph - hs, slot * 0.42, hs, COLOR_SYNTH);
		html_escape(buf, b->labels[k]);
		appendStringInfo(buf, ": synthetic %.1f%%</title></rect>", 100 * b->synth[k]);
		if (b->numeric && isnullbucket)
		{
			appendStringInfo(buf, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"middle\">NULL</text>",
							 x + slot / 2, (double) (T + ph + 27));
		}
		else if (!b->numeric)
		{
			double		cx = x + slot / 2;

			appendStringInfo(buf, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\" transform=\"rotate(-40 %.1f %.1f)\">",
							 cx, (double) (T + ph + 12), cx, (double) (T + ph + 12));
			html_label(buf, b->labels[k], 14);
			appendStringInfoString(buf, "</text>");
		}
	}
	appendStringInfo(buf, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"axis\"/>",
					 L, T + ph, W - R, T + ph);
	if (b->numeric && b->nbins > 0)
	{
		/* edge values at the start, middle and end of the bins */
		double		xend = L + slot * b->nbins;

		appendStringInfo(buf, "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"start\">", L, T + ph + 14);
		html_escape(buf, format_value(c, b->lo));
		appendStringInfo(buf, "</text><text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"middle\">",
						 (L + xend) / 2, T + ph + 14);
		html_escape(buf, format_value(c, (b->lo + b->hi) / 2));
		appendStringInfo(buf, "</text><text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">", xend, T + ph + 14);
		html_escape(buf, format_value(c, b->hi));
		appendStringInfoString(buf, "</text>");
	}
	appendStringInfoString(buf, "</svg>");
}

static void
heat_color(double v, char *out)
{
	int			r,
				g,
				bl;
	double		a;

	if (isnan(v))
	{
		strcpy(out, "#e8e8e8");
		return;
	}
	a = Min(fabs(v), 1.0);
	if (v >= 0)
	{
		/* white to #2166ac */
		r = (int) rint(255 + (0x21 - 255) * a);
		g = (int) rint(255 + (0x66 - 255) * a);
		bl = (int) rint(255 + (0xac - 255) * a);
	}
	else
	{
		/* white to #b2182b */
		r = (int) rint(255 + (0xb2 - 255) * a);
		g = (int) rint(255 + (0x18 - 255) * a);
		bl = (int) rint(255 + (0x2b - 255) * a);
	}
	sprintf(out, "#%02x%02x%02x", r, g, bl);
}

/* pair score: red at 0.5 or below, amber at 0.75, green at 1 */
static void
score_color(double v, char *out)
{
	static const int stops[3][3] = {{0xc6, 0x28, 0x28}, {0xf9, 0xa8, 0x25}, {0x1a, 0x7f, 0x37}};
	double		t;
	int			k,
				i,
				c[3];

	if (isnan(v))
	{
		strcpy(out, "#e8e8e8");
		return;
	}
	t = Max(0.0, Min(1.0, (v - 0.5) / 0.5)) * 2.0;
	k = (t >= 1.0) ? 1 : 0;
	t -= k;
	for (i = 0; i < 3; i++)
		c[i] = (int) rint(stops[k][i] + (stops[k + 1][i] - stops[k][i]) * t);
	sprintf(out, "#%02x%02x%02x", c[0], c[1], c[2]);
}

static void
svg_heatmap(StringInfo buf, EvalState *st, const int *cols, int m,
			const double *matrix, const char *title, bool scores)
{
	int			cs = Max(14, Min(34, 400 / Max(m, 1)));
	int			L = 120,
				T = 110;
	int			W = L + cs * m + 10,
				H = T + cs * m + 44;
	int			a,
				b;

	appendStringInfo(buf, "<figure><figcaption>%s</figcaption>", title);
	appendStringInfo(buf, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", W, H, W, H);
	for (a = 0; a < m; a++)
	{
		appendStringInfo(buf, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">", L - 4, T + cs * a + cs / 2 + 3);
		html_label(buf, st->cols[cols[a]].name, 18);
		appendStringInfoString(buf, "</text>");
		appendStringInfo(buf, "<text x=\"%d\" y=\"%d\" class=\"tick\" transform=\"rotate(-60 %d %d)\">",
						 L + cs * a + cs / 2, T - 4, L + cs * a + cs / 2, T - 4);
		html_label(buf, st->cols[cols[a]].name, 18);
		appendStringInfoString(buf, "</text>");
	}
	for (a = 0; a < m; a++)
		for (b = 0; b < m; b++)
		{
			double		v = (a == b) ? (scores ? NAN : 1.0) : matrix[cols[a] * st->ncols + cols[b]];
			char		color[8];

			if (scores)
				score_color(v, color);
			else
				heat_color(v, color);
			appendStringInfo(buf, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" class=\"cell\"><title>",
							 L + cs * b, T + cs * a, cs, cs, color);
			html_escape(buf, st->cols[cols[a]].name);
			appendStringInfoString(buf, " × ");
			html_escape(buf, st->cols[cols[b]].name);
			appendStringInfoString(buf, ": ");
			append_score(buf, v);
			appendStringInfoString(buf, "</title></rect>");
			if (cs >= 26 && !isnan(v))
				appendStringInfo(buf, "<text x=\"%d\" y=\"%d\" class=\"cellv%s\" text-anchor=\"middle\">%.2f</text>",
								 L + cs * b + cs / 2, T + cs * a + cs / 2 + 3,
								 (scores || fabs(v) > 0.6) ? " light" : "", v);
		}

	/* the colour scale */
	{
		int			y = T + cs * m + 12;
		int			k;

		for (k = 0; k < 20; k++)
		{
			double		v = scores ? 0.5 + 0.5 * k / 19.0 : -1.0 + 2.0 * k / 19.0;
			char		color[8];

			if (scores)
				score_color(v, color);
			else
				heat_color(v, color);
			appendStringInfo(buf, "<rect x=\"%d\" y=\"%d\" width=\"8\" height=\"10\" fill=\"%s\"/>",
							 L + 8 * k, y, color);
		}
		appendStringInfo(buf, "<text x=\"%d\" y=\"%d\" class=\"tick\">%s</text>", L, y + 22,
						 scores ? "0.5 or less" : "-1");
		appendStringInfo(buf, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">1</text>",
						 L + 160, y + 22);
	}
	appendStringInfoString(buf, "</svg></figure>");
}

static const char REPORT_CSS[] =
"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
"margin:24px;color:#222;background:#fafafa}"
"h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}"
".sub{color:#555;margin:0 0 16px}"
".cards{display:flex;flex-wrap:wrap;gap:10px}"
".card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:150px}"
".card .name{font-size:12px;color:#555}.card .value{font-size:26px;font-weight:600}"
".good{color:#1a7f37}.fair{color:#b26b00}.poor{color:#c62828}.na{color:#888}"
".cols{display:flex;flex-wrap:wrap;gap:12px}"
".col{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 10px;width:342px}"
".col h3{font-size:15px;margin:0 0 2px}.col .kind{font-size:12px;color:#777;font-weight:normal}"
".col .scores{font-size:12px;color:#333;margin:2px 0 4px}"
".legend{font-size:13px;margin:6px 0}.sw{display:inline-block;width:12px;height:12px;vertical-align:-1px;margin:0 4px 0 10px}"
".maps{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px}"
"figcaption{font-weight:600;font-size:14px;margin-bottom:4px}"
"svg .grid{stroke:#e5e5e5;stroke-width:1}svg .axis{stroke:#888;stroke-width:1}"
"svg .tick{font-size:10px;fill:#444}svg .cell{stroke:#fff;stroke-width:1}"
"svg .cellv{font-size:9px;fill:#222}svg .cellv.light{fill:#fff}"
"table{border-collapse:collapse;background:#fff;font-size:12px}"
"th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}"
"td.num{text-align:right;font-variant-numeric:tabular-nums}td.detail{font-family:ui-monospace,monospace;color:#555;max-width:560px;word-break:break-all}"
"footer{margin-top:24px;font-size:12px;color:#666}";

static char *
render_report(EvalState *st)
{
	StringInfoData h;
	ListCell   *lc;
	int		   *cols = palloc(sizeof(int) * Max(st->ncols, 1));
	int			m = 0,
				j;
	static const char *const summary[] = {
		"Quality", "Column Shapes", "Column Pair Trends", "Data Validity",
		"ExactCopies", "NewRowSynthesis", "DCRBaselineProtection",
		"DCROverfittingProtection", NULL
	};

	initStringInfo(&h);
	appendStringInfoString(&h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>Synthetic data report: ");
	html_escape(&h, st->relname[T_SYNTH]);
	appendStringInfoString(&h, " vs ");
	html_escape(&h, st->relname[T_REAL]);
	appendStringInfo(&h, "</title>\n<style>%s</style>\n</head>\n<body>\n", REPORT_CSS);

	appendStringInfoString(&h, "<h1>Synthetic data report</h1>\n<p class=\"sub\">Real table <b>");
	html_escape(&h, st->relname[T_REAL]);
	appendStringInfo(&h, "</b> (%d rows%s) against synthetic table <b>", st->tab[T_REAL].nrows,
					 st->sampled[T_REAL] ? ", sampled" : "");
	html_escape(&h, st->relname[T_SYNTH]);
	appendStringInfo(&h, "</b> (%d rows%s)", st->tab[T_SYNTH].nrows,
					 st->sampled[T_SYNTH] ? ", sampled" : "");
	if (st->has_holdout)
	{
		appendStringInfoString(&h, ", holdout <b>");
		html_escape(&h, st->relname[T_HOLD]);
		appendStringInfo(&h, "</b> (%d rows)", st->tab[T_HOLD].nrows);
	}
	appendStringInfo(&h, "; %d columns compared. Scores follow the SDMetrics definitions: 1 is best.</p>\n", st->ncols);

	/* summary cards */
	appendStringInfoString(&h, "<div class=\"cards\">\n");
	for (j = 0; summary[j]; j++)
	{
		foreach(lc, st->rows)
		{
			EvalRow    *r = lfirst(lc);

			if (r->column != NULL || strcmp(r->metric, summary[j]) != 0)
				continue;
			appendStringInfo(&h, "<div class=\"card\"><div class=\"name\">%s</div><div class=\"value %s\">",
							 r->metric, score_class(r->score));
			append_score(&h, r->score);
			appendStringInfoString(&h, "</div></div>\n");
		}
	}
	appendStringInfoString(&h, "</div>\n");

	/* per-column distributions */
	appendStringInfo(&h, "<h2>Column distributions</h2>\n<p class=\"legend\"><span class=\"sw\" style=\"background:%s\"></span>real<span class=\"sw\" style=\"background:%s\"></span>synthetic (share of rows per bucket; NULLs in their own bucket)</p>\n<div class=\"cols\">\n",
					 COLOR_REAL, COLOR_SYNTH);
	for (j = 0; j < st->ncols; j++)
	{
		EvalColumn *c = &st->cols[j];
		Buckets		b;
		bool		first = true;

		if (c->kind != EK_KEY)
			cols[m++] = j;
		column_buckets(st, j, REPORT_BINS, REPORT_MAX_CATEGORIES, &b);
		appendStringInfoString(&h, "<div class=\"col\"><h3>");
		html_escape(&h, c->name);
		appendStringInfo(&h, " <span class=\"kind\">%s, %s%s</span></h3><div class=\"scores\">",
						 format_type_be(c->typid), kind_name(c->kind),
						 c->idlike ? ", id-like" : "");
		foreach(lc, st->rows)
		{
			EvalRow    *r = lfirst(lc);

			if (r->column == NULL || r->other != NULL || strcmp(r->column, c->name) != 0)
				continue;
			appendStringInfo(&h, "%s%s <b class=\"%s\">", first ? "" : " · ", r->metric,
							 score_class(r->score));
			append_score(&h, r->score);
			appendStringInfoString(&h, "</b>");
			first = false;
		}
		appendStringInfoString(&h, "</div>");
		svg_distribution(&h, c, &b);
		appendStringInfoString(&h, "</div>\n");
	}
	appendStringInfoString(&h, "</div>\n");

	/* association matrices */
	if (m >= 2)
	{
		appendStringInfoString(&h, "<h2>Column pair associations</h2>\n<p class=\"sub\">Pearson correlation for two numeric columns (blue positive, red negative); Cramér's V for the other pairs, a numeric column cut into 10 equal-width bins over the real range. The third map is the pair's trend score.</p>\n<div class=\"maps\">\n");
		svg_heatmap(&h, st, cols, m, st->assoc_real, "Real", false);
		svg_heatmap(&h, st, cols, m, st->assoc_synth, "Synthetic", false);
		{
			double	   *sym = palloc(sizeof(double) * st->ncols * st->ncols);
			int			a,
						b;

			for (a = 0; a < st->ncols; a++)
				for (b = 0; b < st->ncols; b++)
					sym[a * st->ncols + b] = (a < b) ? st->pair_score[a * st->ncols + b]
						: st->pair_score[b * st->ncols + a];
			svg_heatmap(&h, st, cols, m, sym, "Column pair trend score", true);
		}
		appendStringInfoString(&h, "</div>\n");
	}

	/* every metric row */
	appendStringInfoString(&h, "<h2>All metrics</h2>\n<table>\n<thead><tr><th>metric</th><th>column</th><th>other column</th><th>score</th><th>detail</th></tr></thead>\n<tbody>\n");
	foreach(lc, st->rows)
	{
		EvalRow    *r = lfirst(lc);

		appendStringInfoString(&h, "<tr><td>");
		html_escape(&h, r->metric);
		appendStringInfoString(&h, "</td><td>");
		if (r->column)
			html_escape(&h, r->column);
		appendStringInfoString(&h, "</td><td>");
		if (r->other)
			html_escape(&h, r->other);
		appendStringInfo(&h, "</td><td class=\"num %s\">", score_class(r->score));
		append_score(&h, r->score);
		appendStringInfoString(&h, "</td><td class=\"detail\">");
		html_escape(&h, r->detail);
		appendStringInfoString(&h, "</td></tr>\n");
	}
	appendStringInfoString(&h, "</tbody>\n</table>\n");

	appendStringInfo(&h, "<footer>Made by synthdata synth_report(). Seed " UINT64_FORMAT "; read %.2f s, quality metrics %.2f s, privacy metrics %.2f s.</footer>\n</body>\n</html>\n",
					 st->seed, st->seconds_read, st->seconds_metrics, st->seconds_privacy);
	return h.data;
}

/*
 * synth_report(real regclass, synthetic regclass, options jsonb) returns text
 *		The evaluation as one self-contained HTML page.
 */
PG_FUNCTION_INFO_V1(synth_report);
Datum
synth_report(PG_FUNCTION_ARGS)
{
	EvalState	st;
	MemoryContext cxt,
				old;
	char	   *html;
	text	   *result;

	sd_arg_not_null(fcinfo, 0, "real");
	sd_arg_not_null(fcinfo, 1, "synthetic");
	cxt = AllocSetContextCreate(CurrentMemoryContext, "synthdata report",
								ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	eval_setup(&st, PG_GETARG_OID(0), PG_GETARG_OID(1),
			   PG_ARGISNULL(2) ? NULL : PG_GETARG_JSONB_P(2), NULL);
	eval_run(&st);
	html = render_report(&st);
	MemoryContextSwitchTo(old);
	result = cstring_to_text(html);
	MemoryContextDelete(cxt);
	PG_RETURN_TEXT_P(result);
}
