/*-------------------------------------------------------------------------
 *
 * evaluate.c
 *		SQL-callable evaluation of a synthetic table against a real one:
 *		synth_evaluate().  report.c draws the same evaluation
 *		(synth_report(), synth_compare()).
 *
 * Both tables are read through SPI, so the caller's privileges and row
 * level security apply.  Column kinds come from the real table's catalog
 * entry:
 *
 *	numeric		int2/int4/int8/float4/float8/numeric/money (read as float8)
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
 * file reads, codes, subsamples, calls them and formats the rows.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
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
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "coltype.h"
#include "evaluate.h"
#include "fake.h"
#include "metrics.h"
#include "neighbors.h"
#include "options.h"
#include "synthdata.h"

/* rows fetched from an SPI cursor at a time */
#define FETCH_BATCH 10000

/* a text column is id-like when its distinct values are this share of its rows */
#define IDLIKE_RATIO 0.5
#define IDLIKE_MIN_ROWS 20

/* defaults of the options (documented in the README) */
#define DEFAULT_DCR_ROWS 5000
#define DEFAULT_REFERENCE_ROWS 100000
#define DEFAULT_MAX_ROWS 1000000
#define DEFAULT_CORRELATION_THRESHOLD 0.5
#define DEFAULT_ASSOCIATION_THRESHOLD 0.3
#define DEFAULT_MAX_PAIRS 10000
#define DEFAULT_MAX_HEATMAP_COLUMNS 40
#define MAX_HEATMAP_COLUMNS 200
#define NEW_ROW_TOLERANCE 0.01

typedef struct DictEntry
{
	char	   *key;			/* hash key: pointer to the label */
	int			code;
} DictEntry;

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

void
sd_eval_json_num(StringInfo buf, const char *key, double v)
{
	if (buf->len > 1)
		appendStringInfoString(buf, ", ");
	if (isnan(v) || isinf(v))
		appendStringInfo(buf, "\"%s\": null", key);
	else
		appendStringInfo(buf, "\"%s\": %.10g", key, v);
}

void
sd_eval_json_int(StringInfo buf, const char *key, int64 v)
{
	if (buf->len > 1)
		appendStringInfoString(buf, ", ");
	appendStringInfo(buf, "\"%s\": " INT64_FORMAT, key, v);
}

void
sd_eval_json_str(StringInfo buf, const char *key, const char *v)
{
	if (buf->len > 1)
		appendStringInfoString(buf, ", ");
	appendStringInfo(buf, "\"%s\": ", key);
	escape_json(buf, v);
}

void
sd_eval_add_row(EvalState *st, const char *metric, const char *column,
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

StringInfo
sd_eval_detail(void)
{
	StringInfo	buf = makeStringInfo();

	appendStringInfoChar(buf, '{');
	return buf;
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

static void
opt_error(const char *key, const char *want)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("option \"%s\" must be %s", key, want)));
}

static int64
opt_count(Jsonb *opts, const char *key, int64 dflt)
{
	double		d;

	if (!sd_opt_number(opts, key, &d))
		return dflt;
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
		"association_threshold", "score_all", "score_columns", "roles",
		"max_pairs", "max_heatmap_columns", "show_values", "k", "sequence", NULL
	};
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	JsonbValue *jv;
	int64		iv;

	memset(o, 0, sizeof(EvalOptions));
	o->holdout = InvalidOid;
	o->dcr_rows = DEFAULT_DCR_ROWS;
	o->reference_rows = DEFAULT_REFERENCE_ROWS;
	o->max_rows = DEFAULT_MAX_ROWS;
	o->correlation_threshold = DEFAULT_CORRELATION_THRESHOLD;
	o->association_threshold = DEFAULT_ASSOCIATION_THRESHOLD;
	o->max_pairs = DEFAULT_MAX_PAIRS;
	o->max_heatmap_columns = DEFAULT_MAX_HEATMAP_COLUMNS;
	o->k = SD_PRIVACY_K;
	if (opts == NULL)
		return;

	/* every key must be known: a typo must not pass silently */
	sd_opts_check(opts, known, NULL);

	jv = sd_opt_value(opts, "ignore");
	if (jv)
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

	jv = sd_opt_value(opts, "holdout");
	if (jv)
	{
		if (jv->type != jbvString)
			opt_error("holdout", "a table name");
		o->holdout = DatumGetObjectId(DirectFunctionCall1(regclassin,
														  CStringGetDatum(pnstrdup(jv->val.string.val, jv->val.string.len))));
		sd_check_relation(o->holdout, "evaluate");
	}

	jv = sd_opt_value(opts, "seed");
	if (jv)
	{
		double		d = sd_opt_numeric(jv, "seed");

		if (d != floor(d) || fabs(d) > 9.2e18)
			opt_error("seed", "an integer");
		o->seed_given = true;
		o->seed = DatumGetInt64(DirectFunctionCall1(numeric_int8,
													NumericGetDatum(jv->val.numeric)));
	}

	o->dcr_rows = opt_count(opts, "dcr_rows", o->dcr_rows);
	o->reference_rows = opt_count(opts, "reference_rows", o->reference_rows);
	o->max_rows = opt_count(opts, "max_rows", o->max_rows);
	if (sd_opt_int(opts, "max_pairs", 0, PG_INT32_MAX, &iv))
		o->max_pairs = iv;
	if (sd_opt_int(opts, "max_heatmap_columns", 0, MAX_HEATMAP_COLUMNS, &iv))
		o->max_heatmap_columns = (int) iv;

	sd_opt_bool(opts, "pair_threshold", &o->pair_threshold);
	sd_opt_number(opts, "correlation_threshold", &o->correlation_threshold);
	sd_opt_number(opts, "association_threshold", &o->association_threshold);
	if (!(o->correlation_threshold >= 0 && o->correlation_threshold < 1))
		opt_error("correlation_threshold", "between 0 and 1");
	if (!(o->association_threshold >= 0 && o->association_threshold < 1))
		opt_error("association_threshold", "between 0 and 1");
	if (sd_opt_value(opts, "correlation_threshold") ||
		sd_opt_value(opts, "association_threshold"))
		o->pair_threshold = true;

	jv = sd_opt_value(opts, "sequence");
	if (jv)
		o->sequence = JsonbValueToJsonb(jv);
	sd_opt_bool(opts, "show_values", &o->show_values);
	o->k = (int) opt_count(opts, "k", o->k);
	sd_eval_parse_role_options(opts, o);
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

/* the evaluation's coarser view of coltype.h's class of a type */
static EvalKind
kind_of_type(Oid typid)
{
	SdColType	t = sd_col_type(typid);

	if (sd_col_is_number(t))
		return EK_NUMERIC;
	if (sd_col_is_temporal(t))
		return EK_DATETIME;
	return EK_CATEGORICAL;
}

static const char *
sd_eval_kind_name(EvalKind k)
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

/* columns named in options "score_columns" and "roles" must be compared */
static void
check_option_columns(EvalState *st, List *rc, List *synth)
{
	List	   *names = list_concat_copy(st->opt.score_columns, st->opt.role_columns);
	ListCell   *lc;

	foreach(lc, names)
	{
		char	   *name = lfirst(lc);
		const char *opt = list_member_ptr(st->opt.score_columns, name) ? "score_columns" : "roles";

		if (!find_column(rc, name))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" named in option \"%s\" does not exist", name, opt)));
		if (sd_name_in_list(st->opt.ignore, name))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("column \"%s\" named in option \"%s\" is ignored", name, opt)));
	}
}

/*
 * A role given by option "roles" that changes how the column is read: a
 * key is read as one, a categorical one as categories; numeric and
 * temporal ones must be of such a type.
 */
static void
apply_role_option(EvalState *st, EvalColumn *ec)
{
	int			role = sd_eval_role_option(&st->opt, ec->name, NULL);

	if (role < 0)
		return;
	if (role == ER_KEY)
	{
		ec->kind = EK_KEY;
		ec->idlike = true;
	}
	else if (role == ER_CATEGORICAL)
	{
		ec->kind = EK_CATEGORICAL;
		ec->idlike = false;		/* decided on its values (summarize_real) */
	}
	else if ((role == ER_NUMERIC && kind_of_type(ec->typid) != EK_NUMERIC) ||
			 (role == ER_TEMPORAL && kind_of_type(ec->typid) != EK_DATETIME))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("role \"%s\" does not fit column \"%s\" of type %s",
						sd_eval_role_name((EvalRole) role), ec->name, format_type_be(ec->typid)),
				 errhint("Give it role \"categorical\", or leave its role to the evaluation.")));
	else if (sd_eval_role_modelled((EvalRole) role))
	{
		ec->kind = kind_of_type(ec->typid);
		ec->idlike = false;		/* numbers and times are never id-like */
	}
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
	check_option_columns(st, rc, other[T_SYNTH]);
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

			CHECK_FOR_INTERRUPTS();
			if (sd_name_in_list(st->opt.ignore, c->name) ||
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

		CHECK_FOR_INTERRUPTS();
		if (sd_name_in_list(st->opt.ignore, c->name) ||
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
		ec->attnum = c->attnum;
		ec->kind = k;
		ec->real_distinct = -1;
		ec->external_role = -1;
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
		if (!only_column)
			apply_role_option(st, ec);
		ec->min = HUGE_VAL;
		ec->max = -HUGE_VAL;
	}
	st->ncols = n;
	if (n == 0 && rc == NIL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("no columns left to compare"),
				 errdetail("Table \"%s\" has no columns.", st->relname[T_REAL])));
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

/* the code of a label in the column's dictionary, or -1 */
int
sd_eval_dict_find(const EvalColumn *c, const char *s)
{
	DictEntry  *e;

	if (c->dict == NULL)
		return -1;
	e = hash_search(c->dict, &s, HASH_FIND, NULL);
	return e ? e->code : -1;
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
			appendStringInfo(&sql, "(%s)::pg_catalog.numeric::pg_catalog.float8", q);
		else if (c->kind == EK_NUMERIC)
			appendStringInfo(&sql, "(%s)::pg_catalog.float8", q);
		else if (c->kind == EK_DATETIME)
			appendStringInfo(&sql, "extract(epoch from %s)::pg_catalog.float8", q);
		else
			appendStringInfo(&sql, "(%s)::pg_catalog.text", q);
	}
	appendStringInfo(&sql, " FROM %s", st->relname[t]);

	if (relkind == RELKIND_RELATION || relkind == RELKIND_MATVIEW ||
		relkind == RELKIND_PARTITIONED_TABLE)
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

			appendStringInfo(&sql, " TABLESAMPLE pg_catalog.bernoulli (%.6f) REPEATABLE (%.0f)",
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
	plan = sd_spi_prepare(sql.data, 0, NULL);
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
					if (sd_eval_numeric_kind(c->kind))
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

static int
cmp_double_values(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

/*
 * Whether the column's real values may be shown (in synth_evaluate's
 * details and synth_report's charts): not those of keys, identifiers,
 * personal data and free text, judged as synth_fit judges them -- a key or
 * uuid; an id-like text column; text whose name or values are personal
 * data of a fake kind (fake.h), or named like free text; a number or time
 * that is personal by its name (a birth date), or near-unique and named
 * like an identifier.  Categories of the other columns are shown only
 * when k real rows hold them (sd_eval_label_shown).
 */
static void
classify_column(EvalState *st, int j)
{
	EvalColumn *c = &st->cols[j];
	SdTable    *r = &st->tab[T_REAL];
	SdFakeKind	named = sd_fake_kind_from_column(c->name);
	int			i;

	c->hidden = false;
	c->hidden_reason = NULL;
	if (c->kind == EK_CATEGORICAL || c->kind == EK_KEY)
	{
		c->real_counts = palloc0(sizeof(int64) * Max(c->nlabels, 1));
		for (i = 0; i < r->nrows; i++)
			if (!r->isnull[j][i])
				c->real_counts[(int) r->values[j][i]]++;
	}
	c->fake_kind = SD_FAKE_NONE;
	if (c->kind == EK_KEY)
	{
		char		category;
		bool		preferred;

		c->hidden = true;
		c->hidden_reason = "key";
		/* a unique column of personal data (emails) is no key of the table's own */
		get_type_category_preferred(c->typid, &category, &preferred);
		if (category == TYPCATEGORY_STRING)
			c->fake_kind = sd_eval_personal_kind(c);
		if (c->fake_kind != SD_FAKE_NONE)
			c->hidden_reason = psprintf("personal data (%s)", sd_fake_kind_name(c->fake_kind));
	}
	else if (c->kind == EK_CATEGORICAL)
	{
		char		category;
		bool		preferred;
		SdFakeKind	kind = SD_FAKE_NONE;

		get_type_category_preferred(c->typid, &category, &preferred);
		if (category == TYPCATEGORY_STRING)
			kind = sd_eval_personal_kind(c);
		c->fake_kind = kind;
		if (kind != SD_FAKE_NONE && !sd_fake_kind_is_personal(kind))
			kind = SD_FAKE_NONE;	/* a place: its frequent values may be shown */
		if (kind != SD_FAKE_NONE)
		{
			c->hidden = true;
			c->hidden_reason = psprintf("personal data (%s)", sd_fake_kind_name(kind));
		}
		else if (c->idlike)
		{
			c->hidden = true;
			c->hidden_reason = "identifier or free text";
		}
		else if (category == TYPCATEGORY_STRING &&
				 (named == SD_FAKE_WORD || named == SD_FAKE_SENTENCE ||
				  named == SD_FAKE_PARAGRAPH))
		{
			c->hidden = true;
			c->hidden_reason = "free text";
		}
	}
	else if (sd_fake_kind_is_personal(named))
	{
		c->hidden = true;
		c->hidden_reason = psprintf("personal data (%s)", sd_fake_kind_name(named));
	}
	else if (c->real_nonnull >= IDLIKE_MIN_ROWS && sd_fake_name_is_identifier(c->name))
	{
		double	   *v = palloc(sizeof(double) * c->real_nonnull);
		int64		n = 0,
					distinct = 0;

		for (i = 0; i < r->nrows; i++)
			if (!r->isnull[j][i])
				v[n++] = r->values[j][i];
		qsort(v, n, sizeof(double), cmp_double_values);
		for (i = 0; i < n; i++)
			distinct += (i == 0 || v[i] != v[i - 1]);
		pfree(v);
		c->real_distinct = distinct;
		if (distinct >= 0.9 * n)
		{
			c->hidden = true;
			c->hidden_reason = "identifier";
		}
	}
	if (st->opt.show_values)
		c->hidden = false;
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
		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < r->nrows; i++)
		{
			if (r->isnull[j][i])
			{
				c->real_null++;
				continue;
			}
			c->real_nonnull++;
			if (sd_eval_numeric_kind(c->kind))
			{
				c->min = Min(c->min, r->values[j][i]);
				c->max = Max(c->max, r->values[j][i]);
			}
		}
		c->has_range = sd_eval_numeric_kind(c->kind) && c->real_nonnull > 0;
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
			c->real_distinct = distinct;
			c->idlike = c->typid != BOOLOID &&
				distinct >= IDLIKE_RATIO * (double) c->real_nonnull;
		}
		classify_column(st, j);
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

	if (sd_eval_numeric_kind(c->kind))
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
		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < r->nrows; i++)
			rnull += r->isnull[j][i];
		for (i = 0; i < s->nrows; i++)
			snull += s->isnull[j][i];

		if (!c->scored)
			;					/* not modelled: reported under privacy */
		else if (sd_eval_numeric_kind(c->kind))
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
			d = sd_eval_detail();
			sd_eval_json_num(d, "ks_statistic", ks);
			sd_eval_json_int(d, "real_values", na);
			sd_eval_json_int(d, "synthetic_values", nb);
			sd_eval_json_str(d, "kind", sd_eval_kind_name(c->kind));
			sd_eval_add_row(st, "KSComplement", c->name, NULL, shape_scores[j], d);

			validity_scores[j] = nb ? (double) inside / nb : NAN;
			d = sd_eval_detail();
			sd_eval_json_num(d, "real_min", c->has_range && !c->hidden ? c->min : NAN);
			sd_eval_json_num(d, "real_max", c->has_range && !c->hidden ? c->max : NAN);
			if (c->hidden)
				sd_eval_json_str(d, "values_hidden", c->hidden_reason);
			sd_eval_json_int(d, "synthetic_values", nb);
			sd_eval_json_int(d, "out_of_bounds", nb - inside);
			sd_eval_add_row(st, "BoundaryAdherence", c->name, NULL, validity_scores[j], d);
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
			d = sd_eval_detail();
			sd_eval_json_num(d, "total_variation", tv);
			sd_eval_json_int(d, "real_categories", rcat);
			sd_eval_json_int(d, "synthetic_categories", scat);
			if (c->idlike)
				sd_eval_json_str(d, "note", "high-cardinality column: also checked for identifier leaks");
			sd_eval_add_row(st, "TVComplement", c->name, NULL, shape_scores[j], d);

			validity_scores[j] = (double) valid / s->nrows;
			d = sd_eval_detail();
			sd_eval_json_int(d, "synthetic_rows", s->nrows);
			sd_eval_json_int(d, "unseen", s->nrows - valid);
			sd_eval_add_row(st, "CategoryAdherence", c->name, NULL, validity_scores[j], d);
			pfree(ca);
			pfree(cb);
		}

		{
			double		pr = (double) rnull / r->nrows;
			double		ps = (double) snull / s->nrows;

			d = sd_eval_detail();
			sd_eval_json_num(d, "real_missing", pr);
			sd_eval_json_num(d, "synthetic_missing", ps);
			sd_eval_add_row(st, "MissingValueSimilarity", c->name, NULL, 1.0 - fabs(pr - ps), d);
		}
	}
}

/*
 * The columns whose pairs are compared: every scored column (see
 * evaluate_roles.c: by default the modelled ones), unless their
 * pairs outnumber option max_pairs; then the most columns whose pairs fit
 * (c (c - 1) / 2 <= max_pairs), a seeded sample kept in table order.  All
 * pairs among a random set of columns: each pair is as likely to be
 * compared as any other, so Column Pair Trends stays an unbiased estimate,
 * and the report's heat maps have no holes.
 */
static void
choose_pair_columns(EvalState *st)
{
	int			m = st->ncols;
	int		   *eligible = palloc(sizeof(int) * Max(m, 1));
	int		   *pick;
	int			n = 0,
				c,
				k,
				j;

	st->pair_col = palloc0(sizeof(bool) * Max(m, 1));
	for (j = 0; j < m; j++)
		if (st->cols[j].scored)
			eligible[n++] = j;
	st->neligible = n;

	/* c: the most columns whose pairs fit in max_pairs */
	c = (int) floor((1.0 + sqrt(1.0 + 8.0 * (double) st->opt.max_pairs)) / 2.0);
	while (c > 0 && (int64) c * (c - 1) / 2 > st->opt.max_pairs)
		c--;
	while ((int64) (c + 1) * c / 2 <= st->opt.max_pairs && c < n)
		c++;
	if (c < 2)
		c = 0;					/* no pair at all */
	pick = sample_rows(st, n, Min(c, n), "synth_evaluate pair columns", &k);
	for (j = 0; j < k; j++)
		st->pair_col[eligible[pick[j]]] = true;
	st->npair_cols = k;
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
		if (st->pair_col[a])
		{
			CHECK_FOR_INTERRUPTS();
			rc[a] = pair_codes(st, T_REAL, a, &ncat[a]);
			sc[a] = pair_codes(st, T_SYNTH, a, &ncat[a]);
		}

	for (a = 0; a < m; a++)
	{
		CHECK_FOR_INTERRUPTS();
		if (!st->pair_col[a])
			continue;
		for (b = a + 1; b < m; b++)
		{
			EvalColumn *ca = &st->cols[a];
			EvalColumn *cb = &st->cols[b];
			StringInfo	d;
			double		score;
			bool		skip = false;
			MemoryContext old;

			if (!st->pair_col[b])
				continue;
			CHECK_FOR_INTERRUPTS();
			old = MemoryContextSwitchTo(scratch);
			d = sd_eval_detail();
			if (sd_eval_numeric_kind(ca->kind) && sd_eval_numeric_kind(cb->kind))
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
				sd_eval_json_num(d, "real_correlation", rr);
				sd_eval_json_num(d, "synthetic_correlation", rs);
				sd_eval_json_int(d, "real_pairs", nr);
				sd_eval_json_int(d, "synthetic_pairs", ns);
				if (!(okr && oks))
					sd_eval_json_str(d, "note", "correlation undefined: fewer than two pairs or a constant column");
				if (st->opt.pair_threshold && okr && !(fabs(rr) > st->opt.correlation_threshold))
					skip = true;
				if (skip)
					sd_eval_json_str(d, "skipped", "real correlation at or below correlation_threshold");
				MemoryContextSwitchTo(old);
				pair_scores[a * m + b] = skip ? NAN : score;
				sd_eval_add_row(st, "CorrelationSimilarity", ca->name, cb->name,
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
				sd_eval_json_num(d, "real_cramers_v", vr);
				sd_eval_json_num(d, "synthetic_cramers_v", vs);
				if (sd_eval_numeric_kind(ca->kind) || sd_eval_numeric_kind(cb->kind))
					sd_eval_json_int(d, "bins", SD_PAIR_BINS);
				if (st->opt.pair_threshold && !(vr > st->opt.association_threshold))
					skip = true;
				if (skip)
					sd_eval_json_str(d, "skipped", "real Cramer's V at or below association_threshold");
				MemoryContextSwitchTo(old);
				pair_scores[a * m + b] = skip ? NAN : score;
				sd_eval_add_row(st, "ContingencySimilarity", ca->name, cb->name,
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

/*
 * identifier leaks: values of id-like columns found in the real table;
 * fresh keys 1..n (a synthesizer's own numbering) are none
 */
static void
identifier_leaks(EvalState *st)
{
	SdTable    *r = &st->tab[T_REAL];
	SdTable    *s = &st->tab[T_SYNTH];
	int			j,
				i;

	for (j = 0; j < st->ncols; j++)
	{
		EvalColumn *c = &st->cols[j];
		bool	   *inreal;
		bool	   *counted;
		int64		leaked = 0,
					nonnull = 0,
					distinct_leaked = 0;
		bool		fresh;
		StringInfo	d;

		CHECK_FOR_INTERRUPTS();
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
		fresh = sd_eval_fresh_keys(st, j);
		d = sd_eval_detail();
		sd_eval_json_int(d, "synthetic_values", nonnull);
		sd_eval_json_int(d, "leaked_rows", fresh ? 0 : leaked);
		sd_eval_json_int(d, "leaked_values", fresh ? 0 : distinct_leaked);
		sd_eval_json_str(d, "kind", sd_eval_kind_name(c->kind));
		if (fresh)
		{
			appendStringInfoString(d, ", \"fresh_keys\": true");
			sd_eval_json_int(d, "matching_values", distinct_leaked);
			sd_eval_json_str(d, "note", "the synthetic values are 1..n, each once: fresh keys, not copied ones");
		}
		sd_eval_add_row(st, "IdentifierLeak", c->name, NULL,
						(nonnull && !fresh) ? 1.0 - (double) leaked / nonnull : 1.0, d);
		pfree(inreal);
		pfree(counted);
	}
}

/* the columns the row metrics compare: the scored ones */
typedef struct RowSpace
{
	int			m;
	int		   *colmap;			/* row column -> table column */
	bool	   *categorical;
} RowSpace;

/* ranges of the numeric columns of one table (the DCR scales) */
static double *
row_ranges(const SdTable *t, const RowSpace *rs)
{
	double	   *range = palloc(sizeof(double) * Max(rs->m, 1));
	int			k,
				i;

	for (k = 0; k < rs->m; k++)
	{
		double		lo = HUGE_VAL,
					hi = -HUGE_VAL;

		CHECK_FOR_INTERRUPTS();
		range[k] = 0.0;
		if (rs->categorical[k])
			continue;
		for (i = 0; i < t->nrows; i++)
			if (!t->isnull[rs->colmap[k]][i])
			{
				lo = Min(lo, t->values[rs->colmap[k]][i]);
				hi = Max(hi, t->values[rs->colmap[k]][i]);
			}
		range[k] = (hi > lo) ? hi - lo : 0.0;
	}
	return range;
}

/*
 * The uniform random baseline of DCRBaselineProtection, n rows: numbers
 * uniform over the real range, categories uniform over the real ones (NULL
 * one more choice when the real column has NULLs).  Column k of row i is
 * drawn at row i of a stream named after the column.
 */
static void
random_baseline(EvalState *st, const RowSpace *rs, int n,
				double **values, bool **isnull)
{
	SdTable    *r = &st->tab[T_REAL];
	double	   *v = palloc(sizeof(double) * Max((size_t) n * rs->m, 1));
	bool	   *vn = palloc(sizeof(bool) * Max((size_t) n * rs->m, 1));
	int			k,
				i;

	for (k = 0; k < rs->m; k++)
	{
		int			j = rs->colmap[k];
		EvalColumn *c = &st->cols[j];
		SdRng		rng;
		int		   *cats = NULL;
		int			ncats = 0;

		CHECK_FOR_INTERRUPTS();
		sd_rng_init(&rng, st->seed,
					sd_stream_child(sd_stream_id("synth_evaluate random baseline"),
									sd_stream_id(c->name)));
		if (rs->categorical[k])
		{
			bool	   *seen = palloc0(sizeof(bool) * Max(c->nlabels, 1));

			cats = palloc(sizeof(int) * (Max(c->nlabels, 1) + 1));
			for (i = 0; i < r->nrows; i++)
				if (!r->isnull[j][i])
					seen[(int) r->values[j][i]] = true;
			for (i = 0; i < c->nlabels; i++)
				if (seen[i])
					cats[ncats++] = i;
			if (c->real_null > 0)
				cats[ncats++] = -1; /* NULL is one of the choices */
			pfree(seen);
		}
		for (i = 0; i < n; i++)
		{
			size_t		at = (size_t) i * rs->m + k;

			sd_rng_seek(&rng, (uint64) i);
			vn[at] = false;
			v[at] = 0.0;
			if (rs->categorical[k])
			{
				int			code = ncats ? cats[sd_rng_below(&rng, ncats)] : -1;

				vn[at] = (code < 0);
				if (code >= 0)
					v[at] = code;
			}
			else if (c->has_range)
				v[at] = c->min + (c->max - c->min) * sd_rng_uniform(&rng);
			else
				vn[at] = true;
		}
	}
	*values = v;
	*isnull = vn;
}

/* a vantage-point tree over a seeded sample of a table's rows */
static SdNnIndex *
dcr_index(EvalState *st, int t, const RowSpace *rs, const char *stream,
		  int *nref)
{
	SdTable    *tab = &st->tab[t];
	int		   *rows = sample_rows(st, tab->nrows,
								   (int) Min(st->opt.reference_rows, tab->nrows),
								   stream, nref);
	double	   *v;
	bool	   *vn;
	SdNnMetric	metric;

	row_matrix(st, tab, rows, *nref, rs->colmap, rs->m, &v, &vn);
	metric.ncols = rs->m;
	metric.categorical = rs->categorical;
	/* SDMetrics scales by the ranges of the table searched */
	metric.range = row_ranges(tab, rs);
	metric.weight = NULL;
	return sd_nn_build(&metric, v, vn, *nref, sd_context_alloc, CurrentMemoryContext);
}

/* exact copies, NewRowSynthesis, DCR baseline and overfitting protection */
static void
row_privacy_metrics(EvalState *st)
{
	SdTable    *r = &st->tab[T_REAL];
	SdTable    *s = &st->tab[T_SYNTH];
	SdTable    *h = &st->tab[T_HOLD];
	RowSpace	rs;
	int			j,
				i,
				nq,
				nref,
				nnrow;
	double	   *rv,
			   *sv,
			   *qv,
			   *randv;
	bool	   *rn,
			   *sn,
			   *qn,
			   *randn;
	double	   *dsyn,
			   *drand,
			   *dsorted;
	double		nndist,
				med_syn,
				med_rand;
	int		   *qrows;
	SdRowSet   *set;
	SdNnIndex  *ix;
	uint64		work_synthetic;
	int64		copies = 0,
				newrows = 0;
	StringInfo	d;

	rs.m = 0;
	rs.colmap = palloc(sizeof(int) * Max(st->ncols, 1));
	rs.categorical = palloc(sizeof(bool) * Max(st->ncols, 1));
	for (j = 0; j < st->ncols; j++)
	{
		if (!st->cols[j].scored)
			continue;
		rs.colmap[rs.m] = j;
		rs.categorical[rs.m] = !sd_eval_numeric_kind(st->cols[j].kind);
		rs.m++;
	}
	if (rs.m == 0)
		return;

	/* exact copies: every synthetic row against all real rows */
	row_matrix(st, r, NULL, r->nrows, rs.colmap, rs.m, &rv, &rn);
	row_matrix(st, s, NULL, s->nrows, rs.colmap, rs.m, &sv, &sn);
	set = sd_rowset_build(rv, rn, r->nrows, rs.m, rs.categorical,
						  sd_context_alloc, CurrentMemoryContext);
	for (i = 0; i < s->nrows; i++)
	{
		CHECK_FOR_INTERRUPTS();
		copies += sd_rowset_contains(set, sv + (size_t) i * rs.m, sn + (size_t) i * rs.m);
	}
	d = sd_eval_detail();
	sd_eval_json_int(d, "copies", copies);
	sd_eval_json_int(d, "synthetic_rows", s->nrows);
	sd_eval_add_row(st, "ExactCopies", NULL, NULL, 1.0 - (double) copies / s->nrows, d);

	/* the seeded synthetic sample of NewRowSynthesis and DCR */
	qrows = sample_rows(st, s->nrows, (int) Min(st->opt.dcr_rows, s->nrows),
						"synth_evaluate synthetic sample", &nq);
	row_matrix(st, s, qrows, nq, rs.colmap, rs.m, &qv, &qn);
	for (i = 0; i < nq; i++)
	{
		CHECK_FOR_INTERRUPTS();
		newrows += !sd_rowset_matches(set, qv + (size_t) i * rs.m, qn + (size_t) i * rs.m,
									  NEW_ROW_TOLERANCE);
	}
	d = sd_eval_detail();
	sd_eval_json_int(d, "new_rows", newrows);
	sd_eval_json_int(d, "sampled_synthetic_rows", nq);
	sd_eval_json_num(d, "numerical_match_tolerance", NEW_ROW_TOLERANCE);
	sd_eval_add_row(st, "NewRowSynthesis", NULL, NULL, (double) newrows / nq, d);

	/* DCR of the sample and of as many random rows to the real rows */
	random_baseline(st, &rs, nq, &randv, &randn);
	ix = dcr_index(st, T_REAL, &rs, "synth_evaluate real sample", &nref);
	dsyn = palloc(sizeof(double) * nq);
	drand = palloc(sizeof(double) * nq);
	dsorted = palloc(sizeof(double) * nq);
	for (i = 0; i < nq; i++)
	{
		CHECK_FOR_INTERRUPTS();
		sd_nn_query(ix, qv + (size_t) i * rs.m, qn + (size_t) i * rs.m, 1, &nnrow, &nndist);
		dsyn[i] = nndist;
	}
	work_synthetic = sd_nn_distance_count(ix);
	for (i = 0; i < nq; i++)
	{
		CHECK_FOR_INTERRUPTS();
		sd_nn_query(ix, randv + (size_t) i * rs.m, randn + (size_t) i * rs.m, 1, &nnrow, &nndist);
		drand[i] = nndist;
	}
	memcpy(dsorted, dsyn, sizeof(double) * nq);
	med_syn = sd_median(dsorted, nq);
	med_rand = sd_median(drand, nq);
	d = sd_eval_detail();
	sd_eval_json_num(d, "median_dcr_synthetic", med_syn);
	sd_eval_json_num(d, "median_dcr_random", med_rand);
	sd_eval_json_int(d, "sampled_synthetic_rows", nq);
	sd_eval_json_int(d, "reference_rows", nref);
	/* the nearest-neighbour work: an exhaustive search would need nref */
	sd_eval_json_num(d, "distances_per_synthetic_query", (double) work_synthetic / nq);
	sd_eval_json_num(d, "distances_per_random_query",
			 (double) (sd_nn_distance_count(ix) - work_synthetic) / nq);
	sd_eval_json_int(d, "seed", (int64) st->seed);
	sd_eval_add_row(st, "DCRBaselineProtection", NULL, NULL,
			(med_rand > 0) ? Min(med_syn / med_rand, 1.0) : NAN, d);

	/* with a holdout: is the sample closer to the training rows? */
	if (st->has_holdout)
	{
		int			nhold;
		SdNnIndex  *hix = dcr_index(st, T_HOLD, &rs, "synth_evaluate holdout sample", &nhold);
		int64		closer = 0;

		for (i = 0; i < nq; i++)
		{
			CHECK_FOR_INTERRUPTS();
			sd_nn_query(hix, qv + (size_t) i * rs.m, qn + (size_t) i * rs.m, 1, &nnrow, &nndist);
			closer += (dsyn[i] < nndist);
		}
		d = sd_eval_detail();
		sd_eval_json_num(d, "closer_to_training", (double) closer / nq);
		sd_eval_json_num(d, "closer_to_holdout", 1.0 - (double) closer / nq);
		sd_eval_json_int(d, "sampled_synthetic_rows", nq);
		sd_eval_json_int(d, "training_rows", nref);
		sd_eval_json_int(d, "holdout_rows", nhold);
		sd_eval_add_row(st, "DCROverfittingProtection", NULL, NULL,
				Min(1.0, 2.0 * (1.0 - (double) closer / nq)), d);
		if (h->nrows * 2 < r->nrows || r->nrows * 2 < h->nrows)
			ereport(NOTICE,
					(errmsg("the real and holdout tables differ much in size"),
					 errdetail("The real table has %d rows and the holdout %d.",
							   r->nrows, h->nrows),
					 errhint("DCROverfittingProtection is most meaningful when they are about the same size.")));
	}
}

/* ---------------------------------------------------------------------
 * Driver
 * ---------------------------------------------------------------------
 */

void
sd_eval_setup(EvalState *st, Oid real, Oid synth, Jsonb *opts,
		   const char *only_column)
{
	memset(st, 0, sizeof(EvalState));
	st->cxt = CurrentMemoryContext;
	parse_options(opts, &st->opt);
	if (st->opt.show_values)
		ereport(WARNING,
				(errmsg("the evaluation shows real values of every column"),
				 errdetail("Option \"show_values\" is true: names, emails, identifiers, free text and rare categories of the real table appear in the result."),
				 errhint("Share the result only with those allowed to read the real table.")));
	/* synth_compare (only_column) draws nothing: no seed to choose */
	st->seed = st->opt.seed_given ? (uint64) st->opt.seed :
		only_column ? 0 : sd_default_seed();
	st->relid[T_REAL] = sd_check_relation(real, "evaluate");
	st->relid[T_SYNTH] = sd_check_relation(synth, "evaluate");
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

void
sd_eval_read(EvalState *st)
{
	int			t;
	int			save_nestlevel;
	instr_time	start;

	INSTR_TIME_SET_CURRENT(start);

	/*
	 * The seeded row samples pick rows by their position in the scan, so
	 * every scan must start at the first block: a synchronized scan of a
	 * large table would start wherever another scan happens to be.
	 */
	save_nestlevel = NewGUCNestLevel();
	(void) set_config_option("synchronize_seqscans", "off",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	for (t = 0; t < 3; t++)
		if (t != T_HOLD || st->has_holdout)
			read_table(st, t);
	sd_eval_external_roles(st);
	SPI_finish();
	AtEOXact_GUC(true, save_nestlevel);
	summarize_real(st);
	sd_eval_assign_roles(st);
	st->seconds_read = elapsed_seconds(start);
}

void
sd_eval_run(EvalState *st)
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

	sd_eval_read(st);
	INSTR_TIME_SET_CURRENT(start);
	st->assoc_real = palloc(sizeof(double) * m * m);
	st->assoc_synth = palloc(sizeof(double) * m * m);
	st->pair_score = pair = palloc(sizeof(double) * m * m);
	for (i = 0; i < m * m; i++)
		st->assoc_real[i] = st->assoc_synth[i] = pair[i] = NAN;

	sd_eval_role_rows(st);
	column_metrics(st, shape, validity);
	choose_pair_columns(st);
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

	d = sd_eval_detail();
	sd_eval_json_int(d, "columns", nshape);
	sd_eval_add_row(st, "Column Shapes", NULL, NULL, st->shapes, d);
	d = sd_eval_detail();
	sd_eval_json_int(d, "pairs", npairs);
	if (st->npair_cols < st->neligible)
	{
		sd_eval_json_int(d, "pair_columns", st->npair_cols);
		sd_eval_json_int(d, "columns", st->neligible);
		sd_eval_json_int(d, "max_pairs", st->opt.max_pairs);
		sd_eval_json_str(d, "note", "pairs among a seeded sample of the columns: their pairs would exceed max_pairs");
	}
	if (st->opt.pair_threshold)
	{
		sd_eval_json_num(d, "correlation_threshold", st->opt.correlation_threshold);
		sd_eval_json_num(d, "association_threshold", st->opt.association_threshold);
	}
	sd_eval_add_row(st, "Column Pair Trends", NULL, NULL, st->trends, d);
	d = sd_eval_detail();
	sd_eval_json_num(d, "column_shapes", st->shapes);
	sd_eval_json_num(d, "column_pair_trends", st->trends);
	sd_eval_json_int(d, "real_rows", st->tab[T_REAL].nrows);
	sd_eval_json_int(d, "synthetic_rows", st->tab[T_SYNTH].nrows);
	if (st->sampled[T_REAL] || st->sampled[T_SYNTH])
		sd_eval_json_int(d, "max_rows", st->opt.max_rows);
	sd_eval_add_row(st, "Quality", NULL, NULL, st->quality, d);
	d = sd_eval_detail();
	{
		double		v = mean_of(validity, m, &nvalid);

		sd_eval_json_int(d, "columns", nvalid);
		sd_eval_add_row(st, "Data Validity", NULL, NULL, v, d);
	}

	INSTR_TIME_SET_CURRENT(start);
	identifier_leaks(st);
	sd_eval_verbatim(st);
	row_privacy_metrics(st);
	st->seconds_privacy = elapsed_seconds(start);
	if (st->opt.sequence != NULL)
		sd_eval_sequence(st, st->opt.sequence);
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
	sd_eval_setup(&st, PG_GETARG_OID(0), PG_GETARG_OID(1),
			   PG_ARGISNULL(2) ? NULL : PG_GETARG_JSONB_P(2), NULL);
	sd_eval_run(&st);
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
