/*-------------------------------------------------------------------------
 *
 * evaluate_roles.c
 *		What each column of an evaluated table is, and the privacy metric
 *		of the columns that are not modelled: VerbatimShare.
 *
 * A production table holds more than categories, numbers and times: its
 * own key, foreign keys, identifiers, personal data (names, emails,
 * phones, addresses) and free text.  A synthesizer does not model those
 * as distributions -- it makes fresh keys, draws parent keys, fakes
 * personal data and writes new text -- so comparing them as categories
 * scores noise (25,000 distinct names against 25,000 others) and calls a
 * clone's fresh keys 1..n "leaked".  Each column therefore gets a role:
 *
 *	categorical, numeric, temporal	modelled: scored (Column Shapes, Column
 *									Pair Trends, Data Validity, row metrics)
 *	key, foreign_key, identifier,	reported under privacy: the share of
 *	personal, free_text				synthetic values found verbatim in the
 *									real column, against chance
 *	derived							neither (tsvector, generated columns)
 *
 * The role comes, first found: from option "roles"; from synth_columns()
 * when this installation has it (the roles the fit chose); from the
 * catalog (primary key, unique index, uuid, foreign key, generated column,
 * tsvector); from the column's name and values (fake_infer.c: personal
 * kinds by name and by pattern or dictionary; identifier-like names with
 * near-unique values; free text: long multi-word, mostly distinct values).
 *
 * VerbatimShare.  A value that occurs in both tables is a leak only when
 * chance does not explain it: a fake first name "John" is also a real
 * first name; a clone's fresh keys 1..n are also real keys 1..n.  So the
 * share of synthetic values found in the real column is set against the
 * share that values made without the real table reach -- a seeded sample
 * of the fake engine's values of the column's kind (each locale; the
 * larger share), or for keys and identifiers the fresh numbering 1..n --
 * and a column leaks when it exceeds that chance by more than sampling
 * noise (three standard errors of each share, plus 0.01).
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/evaluate_roles.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/guc.h"

#include <ctype.h>
#include <math.h>

#include "access/relation.h"
#include "access/xact.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/formatting.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/resowner.h"

#include "evaluate.h"
#include "fake.h"
#include "options.h"
#include "rng.h"
#include "synthdata.h"

/* near-unique: an identifier when this share of the non-NULL values differ */
#define IDENTIFIER_RATIO 0.9
#define IDENTIFIER_MIN_ROWS 20
/* free text: mean words and characters per value, share of distinct values */
#define FREE_TEXT_WORDS 4.0
#define FREE_TEXT_CHARS 20.0
#define FREE_TEXT_DISTINCT 0.5
#define FREE_TEXT_SAMPLE 2000
/* fake values drawn per locale to measure chance */
#define CHANCE_SAMPLES 2000
#define LEAK_SLACK 0.01

static const char *const role_names[ER_NROLES] = {
	"categorical", "numeric", "temporal", "key", "foreign_key",
	"identifier", "personal", "free_text", "derived"
};

const char *
sd_eval_role_name(EvalRole r)
{
	return (r >= 0 && r < ER_NROLES) ? role_names[r] : "?";
}

/* ---------------------------------------------------------------------
 * Options: score_all, score_columns, roles
 * ---------------------------------------------------------------------
 */

static int
role_lookup(const char *s)
{
	int			r;

	for (r = 0; r < ER_NROLES; r++)
		if (strcmp(s, role_names[r]) == 0)
			return r;
	return -1;
}

/* a role name, or a fake kind ("email") meaning personal data of that kind */
static void
parse_role_value(const char *col, const char *value, int *role, int *kind)
{
	SdFakeKind	k;

	*role = role_lookup(value);
	*kind = SD_FAKE_NONE;
	if (*role >= 0)
		return;
	k = sd_fake_kind_lookup(value);
	if (k != SD_FAKE_NONE && sd_fake_kind_type(k) == SD_FAKE_TYPE_TEXT)
	{
		*role = (k == SD_FAKE_WORD || k == SD_FAKE_SENTENCE || k == SD_FAKE_PARAGRAPH)
			? ER_FREE_TEXT : ER_PERSONAL;
		*kind = k;
		return;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid role \"%s\" for column \"%s\" in option \"roles\"", value, col),
			 errhint("Use one of %s, or a fake kind such as \"email\" for personal data.",
					 sd_opt_names(role_names))));
}

void
sd_eval_parse_role_options(Jsonb *opts, EvalOptions *o)
{
	JsonbValue *jv;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;

	if (opts == NULL)
		return;
	sd_opt_bool(opts, "score_all", &o->score_all);

	jv = sd_opt_value(opts, "score_columns");
	if (jv)
	{
		if (jv->type != jbvBinary || !JsonContainerIsArray(jv->val.binary.data))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"score_columns\" must be an array of column names")));
		it = JsonbIteratorInit(jv->val.binary.data);
		while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		{
			if (tok != WJB_ELEM)
				continue;
			if (v.type != jbvString)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("option \"score_columns\" must be an array of column names")));
			o->score_columns = lappend(o->score_columns,
									   pnstrdup(v.val.string.val, v.val.string.len));
		}
		if (o->score_columns == NIL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"score_columns\" must name at least one column")));
		if (o->score_all)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("options \"score_all\" and \"score_columns\" cannot be combined")));
	}

	jv = sd_opt_value(opts, "roles");
	if (jv)
	{
		char	   *key = NULL;

		if (jv->type != jbvBinary || !JsonContainerIsObject(jv->val.binary.data))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"roles\" must be an object of column names and roles"),
					 errhint("For example {\"roles\": {\"email\": \"personal\", \"code\": \"categorical\"}}.")));
		it = JsonbIteratorInit(jv->val.binary.data);
		while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		{
			int			role,
						kind;
			char	   *val;

			if (tok == WJB_KEY)
			{
				key = pnstrdup(v.val.string.val, v.val.string.len);
				continue;
			}
			if (tok != WJB_VALUE)
				continue;
			if (v.type != jbvString)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("the role of column \"%s\" in option \"roles\" must be a string", key)));
			val = pnstrdup(v.val.string.val, v.val.string.len);
			parse_role_value(key, val, &role, &kind);
			o->role_columns = lappend(o->role_columns, key);
			o->role_values = lappend_int(o->role_values, role);
			o->role_kinds = lappend_int(o->role_kinds, kind);
		}
	}
}

/* the role option "roles" gives column, or -1; *kind its fake kind */
int
sd_eval_role_option(const EvalOptions *o, const char *column, int *kind)
{
	ListCell   *lc,
			   *lr,
			   *lk;

	forthree(lc, o->role_columns, lr, o->role_values, lk, o->role_kinds)
		if (strcmp((char *) lfirst(lc), column) == 0)
		{
			if (kind)
				*kind = lfirst_int(lk);
			return lfirst_int(lr);
		}
	return -1;
}

/* ---------------------------------------------------------------------
 * synth_columns(): the roles the fit chose, when this installation has it
 * ---------------------------------------------------------------------
 */

/* a role as synth_columns() names it, or -1 when it names none we know */
static int
external_role(const char *s)
{
	char	   *l = asc_tolower(s, strlen(s));

	if (strstr(l, "foreign"))
		return ER_FOREIGN_KEY;
	if (strstr(l, "key"))
		return ER_KEY;
	if (strstr(l, "personal") || strstr(l, "pii"))
		return ER_PERSONAL;
	if (strstr(l, "text"))
		return ER_FREE_TEXT;
	if (strstr(l, "derived") || strstr(l, "generated"))
		return ER_DERIVED;
	if (strstr(l, "identifier"))
		return ER_IDENTIFIER;
	if (strstr(l, "categor"))
		return ER_CATEGORICAL;
	if (strstr(l, "numer") || strstr(l, "measure") || strstr(l, "number"))
		return ER_NUMERIC;
	if (strstr(l, "tempor") || strstr(l, "time") || strstr(l, "date"))
		return ER_TEMPORAL;
	return -1;
}

/* the function's schema and its required arguments, or NULL when absent */
static char *
find_synth_columns(int *nargs)
{
	static const char *const q =
		"SELECT pg_catalog.quote_ident(n.nspname), p.pronargs - p.pronargdefaults"
		" FROM pg_catalog.pg_proc p"
		" JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) p.pronamespace"
		" JOIN pg_catalog.pg_depend d ON d.objid OPERATOR(pg_catalog.=) p.oid"
		"  AND d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_proc'::pg_catalog.regclass"
		"  AND d.deptype OPERATOR(pg_catalog.=) 'e'"
		" JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid"
		"  AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass"
		" WHERE e.extname OPERATOR(pg_catalog.=) 'synthdata'"
		"  AND p.proname OPERATOR(pg_catalog.=) 'synth_columns' AND p.proretset"
		"  AND p.pronargs OPERATOR(pg_catalog.>=) 1"
		"  AND p.proargtypes[0] OPERATOR(pg_catalog.=) 'pg_catalog.regclass'::pg_catalog.regtype"
		"  AND (p.pronargs OPERATOR(pg_catalog.=) 1 OR (p.pronargs OPERATOR(pg_catalog.=) 2"
		"   AND p.proargtypes[1] OPERATOR(pg_catalog.=) 'pg_catalog.jsonb'::pg_catalog.regtype))"
		" LIMIT 1";
	bool		isnull;
	char	   *nsp;

	if (SPI_execute(q, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		return NULL;
	nsp = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	*nargs = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	return nsp;
}

/* the attribute of a result named one of names, or 0 */
static int
result_column(TupleDesc desc, const char *const *names)
{
	int			i,
				k;

	for (k = 0; names[k]; k++)
		for (i = 0; i < desc->natts; i++)
			if (!TupleDescAttr(desc, i)->attisdropped &&
				strcmp(NameStr(TupleDescAttr(desc, i)->attname), names[k]) == 0)
				return i + 1;
	return 0;
}

/* runs synth_columns() and notes each column's role */
static void
read_synth_columns(EvalState *st, const char *nsp, int nargs)
{
	static const char *const name_cols[] = {"column_name", "name", "column", "attname", NULL};
	static const char *const role_cols[] = {"role", NULL};
	static const char *const kind_cols[] = {"kind", "personal_kind", NULL};
	Oid			argtype = REGCLASSOID;
	Datum		arg = ObjectIdGetDatum(st->relid[T_REAL]);
	char	   *sql = psprintf("SELECT * FROM %s.synth_columns($1%s)", nsp,
							   nargs >= 2 ? ", '{}'::pg_catalog.jsonb" : "");
	int			an,
				ar,
				ak;
	uint64		i;
	int			j;

	if (SPI_execute_with_args(sql, 1, &argtype, &arg, NULL, true, 0) != SPI_OK_SELECT)
		return;
	an = result_column(SPI_tuptable->tupdesc, name_cols);
	ar = result_column(SPI_tuptable->tupdesc, role_cols);
	ak = result_column(SPI_tuptable->tupdesc, kind_cols);
	if (an == 0 || ar == 0)
		return;
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		char	   *name = SPI_getvalue(tup, SPI_tuptable->tupdesc, an);
		char	   *role = SPI_getvalue(tup, SPI_tuptable->tupdesc, ar);
		char	   *kind = ak ? SPI_getvalue(tup, SPI_tuptable->tupdesc, ak) : NULL;

		if (name == NULL || role == NULL)
			continue;
		for (j = 0; j < st->ncols; j++)
			if (strcmp(st->cols[j].name, name) == 0)
			{
				/*
				 * What the fit's dictionaries and catalog reading add
				 * (foreign keys, personal data, derived columns) is taken;
				 * keys come from the catalog here as well;
				 * free text, identifiers and "not modelled" hang on the
				 * fit's own row thresholds, so the values decide those here.
				 */
				st->cols[j].external_role = external_role(role);
				if (st->cols[j].external_role != ER_FOREIGN_KEY &&
					st->cols[j].external_role != ER_PERSONAL &&
					st->cols[j].external_role != ER_DERIVED)
					st->cols[j].external_role = -1;
				st->cols[j].external_kind = kind ? sd_fake_kind_lookup(kind) : SD_FAKE_NONE;
				if (st->cols[j].external_kind == SD_FAKE_NONE)
					st->cols[j].external_kind = sd_fake_kind_lookup(role);
			}
	}
}

/*
 * When this installation has synth_columns() (our own, found through the
 * extension's catalog entries, never by search_path), the roles it gives
 * the real table's columns.  A failure of it (say, on a view) leaves the
 * inference to us: it runs in a subtransaction.  Called with SPI
 * connected.
 */
typedef struct ColumnsCall
{
	EvalState  *st;
	const char *nsp;
	int			nargs;
} ColumnsCall;

/* synth_columns() of the real table, its NOTICEs kept to itself */
static void
read_synth_columns_quietly(void *arg)
{
	ColumnsCall *call = (ColumnsCall *) arg;
	int			nest = NewGUCNestLevel();

	/* the fit's NOTICEs about the source are not the evaluation's */
	(void) set_config_option("client_min_messages", "warning", PGC_USERSET,
							 PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
	read_synth_columns(call->st, call->nsp, call->nargs);
	AtEOXact_GUC(false, nest);
}

void
sd_eval_external_roles(EvalState *st)
{
	MemoryContext cxt = CurrentMemoryContext;
	int			j;
	int			nargs = 0;
	char	   *nsp;
	ColumnsCall call;
	ErrorData  *edata;

	for (j = 0; j < st->ncols; j++)
		st->cols[j].external_role = -1;
	{
		int			n = 0;

		nsp = find_synth_columns(&n);
		nargs = n;
	}
	if (nsp == NULL)
		return;
	nsp = MemoryContextStrdup(st->cxt, nsp);

	call.st = st;
	call.nsp = nsp;
	call.nargs = nargs;
	if (!sd_in_subtransaction(read_synth_columns_quietly, &call, &edata))
	{
		MemoryContextSwitchTo(cxt);
		ereport(DEBUG1,
				(errmsg("synth_columns() failed, column roles are inferred: %s", edata->message)));
		for (j = 0; j < st->ncols; j++)
			st->cols[j].external_role = -1;
	}
	MemoryContextSwitchTo(cxt);
}

/* ---------------------------------------------------------------------
 * Inference
 * ---------------------------------------------------------------------
 */

/*
 * The fake kind of a text column, by its name and values: a personal kind
 * (sd_fake_personal_kind), or a city or postal code named so whose values
 * fit, or SD_FAKE_NONE.
 */
SdFakeKind
sd_eval_personal_kind(const EvalColumn *c)
{
	const char **values = palloc(sizeof(char *) * Max(c->nlabels, 1));
	int64	   *counts = palloc(sizeof(int64) * Max(c->nlabels, 1));
	SdFakeKind	named = sd_fake_kind_from_column(c->name);
	SdFakeKind	kind;
	int64		fits = 0,
				total = 0;
	int			n = 0,
				i;

	for (i = 0; i < c->nlabels; i++)
		if (c->real_counts[i] > 0)
		{
			values[n] = c->labels[i];
			counts[n++] = c->real_counts[i];
		}
	kind = sd_fake_personal_kind(c->name, values, counts, n);
	if (kind == SD_FAKE_NONE && (named == SD_FAKE_CITY || named == SD_FAKE_POSTAL_CODE))
	{
		for (i = 0; i < n; i++)
		{
			total += counts[i];
			if (sd_fake_value_fits_kind(named, values[i]))
				fits += counts[i];
		}
		if (total > 0 && fits * 2 >= total)
			kind = named;
	}
	pfree(values);
	pfree(counts);
	return kind;
}

/* foreign key (single or part of a composite one) and generated flags */
static void
catalog_facts(Oid relid, AttrNumber attnum, bool *fk, bool *generated)
{
	char		k = get_rel_relkind(relid);
	Relation	rel;
	List	   *fks;
	ListCell   *lc;
	int			i;

	*fk = *generated = false;
	if (k != RELKIND_RELATION && k != RELKIND_PARTITIONED_TABLE)
		return;
	rel = relation_open(relid, AccessShareLock);
	if (attnum > 0 && attnum <= RelationGetDescr(rel)->natts)
		*generated = TupleDescAttr(RelationGetDescr(rel), attnum - 1)->attgenerated != '\0';
	fks = RelationGetFKeyList(rel);
	foreach(lc, fks)
	{
		ForeignKeyCacheInfo *f = lfirst(lc);

		for (i = 0; i < f->nkeys; i++)
			if (f->conkey[i] == attnum)
				*fk = true;
	}
	relation_close(rel, AccessShareLock);
}

/* long, multi-word, mostly distinct strings */
static bool
looks_like_free_text(const EvalColumn *c)
{
	double		words = 0,
				chars = 0;
	int			n = 0,
				step,
				i;

	if (c->real_nonnull < IDENTIFIER_MIN_ROWS || c->real_distinct < 0 ||
		c->real_distinct < FREE_TEXT_DISTINCT * c->real_nonnull)
		return false;
	step = Max(1, c->nlabels / FREE_TEXT_SAMPLE);
	for (i = 0; i < c->nlabels; i += step)
	{
		const unsigned char *p;
		bool		inword = false;

		if (c->real_counts[i] == 0)
			continue;
		for (p = (const unsigned char *) c->labels[i]; *p; p++)
		{
			chars++;
			if (isspace(*p))
				inword = false;
			else if (!inword)
			{
				inword = true;
				words++;
			}
		}
		n++;
	}
	return n > 0 && words / n >= FREE_TEXT_WORDS && chars / n >= FREE_TEXT_CHARS;
}

static void
set_role(EvalColumn *c, EvalRole role, const char *source, const char *reason)
{
	c->role = role;
	c->role_source = source;
	c->role_reason = reason;
}

/* the modelled role of the column's kind */
static EvalRole
modelled_role(const EvalColumn *c)
{
	if (c->kind == EK_NUMERIC)
		return ER_NUMERIC;
	if (c->kind == EK_DATETIME)
		return ER_TEMPORAL;
	return ER_CATEGORICAL;
}

static void
infer_role(EvalState *st, EvalColumn *c)
{
	bool		fk,
				generated;
	char		category;
	bool		preferred;
	bool		text;
	bool		unique = c->real_distinct >= 0 && c->real_nonnull >= IDENTIFIER_MIN_ROWS &&
		c->real_distinct >= IDENTIFIER_RATIO * c->real_nonnull;

	get_type_category_preferred(c->typid, &category, &preferred);
	text = (c->kind == EK_CATEGORICAL && category == TYPCATEGORY_STRING);
	catalog_facts(st->relid[T_REAL], c->attnum, &fk, &generated);
	if (c->kind == EK_KEY && sd_fake_kind_is_personal(c->fake_kind))
		set_role(c, ER_PERSONAL, "catalog, name and values",
				 psprintf("personal data (%s), unique", sd_fake_kind_name(c->fake_kind)));
	else if (c->kind == EK_KEY)
		set_role(c, ER_KEY, "catalog", c->typid == UUIDOID
				 ? "uuid" : "primary key or single-column unique index");
	else if (fk)
		set_role(c, ER_FOREIGN_KEY, "catalog", "foreign key");
	else if (generated)
		set_role(c, ER_DERIVED, "catalog", "generated column");
	else if (c->typid == TSVECTOROID)
		set_role(c, ER_DERIVED, "type", "tsvector: derived from text");
	else if (text && sd_fake_kind_is_personal(c->fake_kind))
		set_role(c, ER_PERSONAL, "name and values",
				 psprintf("personal data (%s)", sd_fake_kind_name(c->fake_kind)));
	else if (text && looks_like_free_text(c))
	{
		c->fake_kind = SD_FAKE_PARAGRAPH;
		set_role(c, ER_FREE_TEXT, "values", "long multi-word values, mostly distinct");
	}
	else if (text && c->fake_kind != SD_FAKE_NONE)
		set_role(c, ER_PERSONAL, "name and values",
				 psprintf("place (%s)", sd_fake_kind_name(c->fake_kind)));
	else if (c->kind == EK_CATEGORICAL && unique)
		set_role(c, ER_IDENTIFIER, "values", "unique per row");
	else if (c->hidden_reason && strcmp(c->hidden_reason, "identifier") == 0)
		set_role(c, ER_IDENTIFIER, "name and values", "named like an identifier, near-unique");
	else
		set_role(c, modelled_role(c), "type", "modelled by its type");
	if (c->role != ER_PERSONAL && c->role != ER_FREE_TEXT)
		c->fake_kind = SD_FAKE_NONE;
}

/* a role given from outside, made to fit the column's kind */
static void
given_role(EvalColumn *c, int role, int kind, const char *source)
{
	if (sd_eval_role_modelled((EvalRole) role))
	{
		if (c->kind == EK_KEY)
			role = ER_KEY;		/* a catalog key stays a key */
		else
			role = modelled_role(c);
	}
	if (kind != SD_FAKE_NONE)
		c->fake_kind = (SdFakeKind) kind;
	else if (role == ER_FREE_TEXT)
		c->fake_kind = SD_FAKE_PARAGRAPH;
	else if (role != ER_PERSONAL)
		c->fake_kind = SD_FAKE_NONE;
	set_role(c, (EvalRole) role, source,
			 role == ER_PERSONAL && c->fake_kind != SD_FAKE_NONE
			 ? psprintf("personal data (%s)", sd_fake_kind_name(c->fake_kind))
			 : psprintf("%s", sd_eval_role_name((EvalRole) role)));
}

/*
 * Every column's role and whether it is scored.  Runs after the real
 * table's summary (classify_column has set fake_kind and real_distinct).
 */
void
sd_eval_assign_roles(EvalState *st)
{
	int			j;

	st->nscored = 0;
	for (j = 0; j < st->ncols; j++)
	{
		EvalColumn *c = &st->cols[j];
		int			kind = SD_FAKE_NONE;
		int			role = sd_eval_role_option(&st->opt, c->name, &kind);

		CHECK_FOR_INTERRUPTS();
		if (role >= 0)
			given_role(c, role, kind, "option");
		else if (c->external_role >= 0)
			given_role(c, c->external_role, c->external_kind, "synth_columns");
		else
			infer_role(st, c);

		if (c->kind == EK_KEY)
			c->scored = false;
		else if (st->opt.score_all)
			c->scored = true;
		else if (st->opt.score_columns != NIL)
		{
			ListCell   *lc;

			c->scored = false;
			foreach(lc, st->opt.score_columns)
				if (strcmp((char *) lfirst(lc), c->name) == 0)
					c->scored = true;
		}
		else
			c->scored = sd_eval_role_modelled(c->role);
		st->nscored += c->scored;
	}
}

/* one ColumnRole row per column: the role, why, and whether it is scored */
void
sd_eval_role_rows(EvalState *st)
{
	int			j;

	for (j = 0; j < st->ncols; j++)
	{
		EvalColumn *c = &st->cols[j];
		StringInfo	d = sd_eval_detail();

		sd_eval_json_str(d, "role", sd_eval_role_name(c->role));
		if (c->fake_kind != SD_FAKE_NONE &&
			(c->role == ER_PERSONAL || c->role == ER_FREE_TEXT || c->role == ER_IDENTIFIER))
			sd_eval_json_str(d, "kind", sd_fake_kind_name(c->fake_kind));
		sd_eval_json_str(d, "type", format_type_be(c->typid));
		sd_eval_json_str(d, "source", c->role_source);
		sd_eval_json_str(d, "reason", c->role_reason);
		appendStringInfo(d, ", \"scored\": %s", c->scored ? "true" : "false");
		sd_eval_add_row(st, "ColumnRole", c->name, NULL, NAN, d);
	}
}

/* ---------------------------------------------------------------------
 * VerbatimShare
 * ---------------------------------------------------------------------
 */

/* the values of one column as a lookup set */
typedef struct ValueSet
{
	const EvalColumn *c;
	bool		coded;			/* dictionary codes (text) */
	double	   *sorted;			/* numbers: the sorted real values */
	int64		n;
} ValueSet;

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

static void
valueset_build(EvalState *st, int j, ValueSet *vs)
{
	SdTable    *r = &st->tab[T_REAL];
	int			i;

	vs->c = &st->cols[j];
	vs->coded = !sd_eval_numeric_kind(vs->c->kind);
	vs->sorted = NULL;
	vs->n = 0;
	if (vs->coded)
		return;
	vs->sorted = palloc(sizeof(double) * Max(r->nrows, 1));
	for (i = 0; i < r->nrows; i++)
		if (!r->isnull[j][i])
			vs->sorted[vs->n++] = r->values[j][i];
	qsort(vs->sorted, vs->n, sizeof(double), cmp_double);
}

/* is the table value v (a code or a number) a real value? */
static bool
valueset_has(const ValueSet *vs, double v)
{
	if (vs->coded)
		return vs->c->real_counts != NULL && v >= 0 && v < vs->c->nlabels &&
			vs->c->real_counts[(int) v] > 0;
	return bsearch(&v, vs->sorted, vs->n, sizeof(double), cmp_double) != NULL;
}

/* is the text s a real value? (coded columns: through the dictionary) */
static bool
valueset_has_text(const ValueSet *vs, const char *s)
{
	int			code;

	if (!vs->coded)
	{
		char	   *end;
		double		v = strtod(s, &end);

		return *end == '\0' && end != s && valueset_has(vs, v);
	}
	code = sd_eval_dict_find(vs->c, s);
	return code >= 0 && valueset_has(vs, (double) code);
}

/* is s a whole number? */
static bool
parse_whole(const char *s, int64 *out)
{
	char	   *end;
	long long	v;

	if (*s == '\0' || !(isdigit((unsigned char) *s) || *s == '-'))
		return false;
	v = strtoll(s, &end, 10);
	if (*end != '\0')
		return false;
	*out = (int64) v;
	return true;
}

/*
 * Are the synthetic values of column j exactly 1..n, each once, n being
 * their number: the fresh keys a synthesizer numbers its rows with?
 */
bool
sd_eval_fresh_keys(EvalState *st, int j)
{
	SdTable    *s = &st->tab[T_SYNTH];
	EvalColumn *c = &st->cols[j];
	bool	   *seen;
	int64		n = 0;
	int			i;

	for (i = 0; i < s->nrows; i++)
		n += !s->isnull[j][i];
	if (n == 0)
		return false;
	seen = palloc0(sizeof(bool) * (n + 1));
	for (i = 0; i < s->nrows; i++)
	{
		int64		v;
		double		d;

		if (s->isnull[j][i])
			continue;
		d = s->values[j][i];
		if (sd_eval_numeric_kind(c->kind))
		{
			if (d != floor(d) || d < 1 || d > (double) n)
				return false;
			v = (int64) d;
		}
		else if (!parse_whole(c->labels[(int) d], &v) || v < 1 || v > n)
			return false;
		if (seen[v])
			return false;
		seen[v] = true;
	}
	return true;
}

/* share of the fresh numbering 1..n found in the real column */
static double
numbering_chance(const ValueSet *vs, int64 n)
{
	int64		i,
				hits = 0;
	char		buf[32];

	for (i = 1; i <= n; i++)
	{
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		snprintf(buf, sizeof(buf), INT64_FORMAT, i);
		hits += vs->coded ? valueset_has_text(vs, buf) : valueset_has(vs, (double) i);
	}
	return n ? (double) hits / n : 0.0;
}

/*
 * Share of a seeded sample of the fake engine's values of the kind found
 * in the real column: the larger over the locales.
 */
static double
fake_chance(EvalState *st, const ValueSet *vs, SdFakeKind kind, int *samples)
{
	double		best = 0;
	int			loc,
				i;
	StringInfoData buf;
	uint64		stream = sd_stream_child(sd_stream_id("synth_evaluate verbatim chance"),
										 sd_stream_id(vs->c->name));

	initStringInfo(&buf);
	*samples = CHANCE_SAMPLES;
	for (loc = 0; loc < SD_FAKE_NLOCALES; loc++)
	{
		SdRng		rng;
		int			hits = 0;

		sd_rng_init(&rng, st->seed, sd_stream_child(stream, (uint64) loc));
		for (i = 0; i < CHANCE_SAMPLES; i++)
		{
			CHECK_FOR_INTERRUPTS();
			sd_rng_seek(&rng, (uint64) i);
			resetStringInfo(&buf);
			sd_fake_generate(kind, loc, st->seed, (uint64) i, &rng, &buf);
			hits += valueset_has_text(vs, buf.data);
		}
		best = Max(best, (double) hits / CHANCE_SAMPLES);
	}
	pfree(buf.data);
	return best;
}

/* VerbatimShare of one column; returns its excess over chance */
static double
verbatim_column(EvalState *st, int j, int *leaking)
{
	SdTable    *s = &st->tab[T_SYNTH];
	EvalColumn *c = &st->cols[j];
	ValueSet	vs;
	int64		n = 0,
				hits = 0;
	int			samples = 0,
				i;
	double		share,
				chance,
				margin,
				excess;
	bool		fresh = false;
	const char *explained;
	StringInfo	d;

	valueset_build(st, j, &vs);
	for (i = 0; i < s->nrows; i++)
	{
		if (s->isnull[j][i])
			continue;
		n++;
		hits += valueset_has(&vs, s->values[j][i]);
	}
	share = n ? (double) hits / n : 0.0;

	if ((c->role == ER_PERSONAL || c->role == ER_FREE_TEXT || c->role == ER_IDENTIFIER) &&
		c->fake_kind != SD_FAKE_NONE && sd_fake_kind_type(c->fake_kind) == SD_FAKE_TYPE_TEXT &&
		vs.coded)
	{
		chance = fake_chance(st, &vs, c->fake_kind, &samples);
		explained = psprintf("fake values (%s)", sd_fake_kind_name(c->fake_kind));
	}
	else
	{
		fresh = sd_eval_fresh_keys(st, j);
		chance = fresh ? share : numbering_chance(&vs, n);
		samples = (int) Min(n, PG_INT32_MAX);
		explained = "fresh numbering 1..n";
	}
	margin = LEAK_SLACK +
		3.0 * sqrt(chance * (1 - chance) / Max(samples, 1)) +
		3.0 * sqrt(share * (1 - share) / Max(n, 1));
	excess = Max(0.0, share - chance);

	d = sd_eval_detail();
	sd_eval_json_str(d, "role", sd_eval_role_name(c->role));
	if (c->fake_kind != SD_FAKE_NONE && vs.coded)
		sd_eval_json_str(d, "kind", sd_fake_kind_name(c->fake_kind));
	sd_eval_json_int(d, "synthetic_values", n);
	sd_eval_json_int(d, "verbatim_values", hits);
	sd_eval_json_num(d, "chance_share", chance);
	sd_eval_json_str(d, "chance_from", explained);
	sd_eval_json_num(d, "excess", excess);
	sd_eval_json_num(d, "tolerance", margin);
	if (fresh)
		appendStringInfoString(d, ", \"fresh_keys\": true");
	appendStringInfo(d, ", \"leak\": %s", share - chance > margin ? "true" : "false");
	sd_eval_add_row(st, "VerbatimShare", c->name, NULL, share, d);
	if (share - chance > margin)
		(*leaking)++;
	return share - chance > margin ? excess : 0.0;
}

/*
 * VerbatimShare of every key, identifier, personal and free-text column,
 * then VerbatimProtection: 1 less the largest excess over chance of a
 * leaking column (1 when none leaks).  Foreign keys are left out: their
 * values are parent keys, shared on purpose.
 */
void
sd_eval_verbatim(EvalState *st)
{
	int			j,
				ncols = 0,
				leaking = 0;
	double		worst = 0;
	const char *worst_col = NULL;
	StringInfo	d;

	for (j = 0; j < st->ncols; j++)
	{
		EvalColumn *c = &st->cols[j];
		double		e;

		CHECK_FOR_INTERRUPTS();
		if (c->role != ER_KEY && c->role != ER_IDENTIFIER &&
			c->role != ER_PERSONAL && c->role != ER_FREE_TEXT)
			continue;
		e = verbatim_column(st, j, &leaking);
		ncols++;
		if (e > worst)
		{
			worst = e;
			worst_col = c->name;
		}
	}
	if (ncols == 0)
		return;
	d = sd_eval_detail();
	sd_eval_json_int(d, "columns", ncols);
	sd_eval_json_int(d, "leaking_columns", leaking);
	if (worst_col)
		sd_eval_json_str(d, "worst_column", worst_col);
	sd_eval_add_row(st, "VerbatimProtection", NULL, NULL, 1.0 - worst, d);
}
