/*-------------------------------------------------------------------------
 *
 * labels.c
 *		Rules stored with the schema: security labels of provider
 *		"synthdata" (SECURITY LABEL FOR synthdata ON COLUMN t.c IS '...').
 *
 * A column's label says what the fit's option "columns" says of it, and
 * may carry the column's fill rule:
 *
 *	'{"role": "personal", "kind": "email"}'		the entry of option "columns"
 *	'{"kind": "email", "rule": {"value": "email()", "null": 0.1}}'
 *	'personal:email'  'identifier'  'attribute'	short form: role[:kind]
 *	'rule:normal(50, 10)'						short form: a fill rule
 *
 * A table's label is a JSON object of synth_fit options (all but
 * "columns", which belongs on the columns, and "exact_copy_guard", a
 * choice of each call).  Options and rules given in a call override the
 * labels (per option, per column); labels override what the fit infers.
 *
 * The provider is registered when the library loads (_PG_init): its hook
 * checks a label fully when it is set, with the same checks as the options
 * and rules of a call.  Labels are read from pg_seclabel directly, so the
 * labels already stored work in a session that has not loaded the library
 * before its first synthdata call.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/labels.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/objectaddress.h"
#include "catalog/pg_class.h"
#include "catalog/pg_seclabel.h"
#include "commands/seclabel.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "clone_int.h"
#include "generate_int.h"
#include "labels.h"
#include "options.h"

/* the keys of a column's label: the entry of option "columns", and "rule" */
static const char *const column_label_keys[] = {"role", "kind", "pii_kind", "rule", NULL};

/* a label as stored: its table, column (0 = the table) and text */
typedef struct StoredLabel
{
	Oid			relid;
	int			attnum;
	char	   *label;
} StoredLabel;

/* what a column label says, taken apart */
typedef struct ColumnLabel
{
	Jsonb	   *entry;			/* {"role", "kind", "pii_kind"}, or NULL */
	char	   *role;			/* as written, or NULL */
	char	   *kind;			/* as written, or NULL */
	char	   *rule;			/* the JSON text of the fill rule, or NULL */
} ColumnLabel;

/* errcontext of a label being read or checked */
static void
label_context(void *arg)
{
	errcontext("synthdata security label %s", (const char *) arg);
}

static char *
label_what(Oid relid, int attnum)
{
	char	   *rel = get_rel_name(relid);

	if (attnum == 0)
		return psprintf("of table \"%s\"", rel ? rel : "?");
	return psprintf("of column \"%s\" of table \"%s\"",
					get_attname(relid, attnum, true) ? get_attname(relid, attnum, true) : "?",
					rel ? rel : "?");
}

/* ---- parsing ------------------------------------------------------------ */

static Jsonb *
text_to_jsonb(const char *s)
{
	return DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(s)));
}

/* the JSON text of one value of an object */
static char *
jsonb_value_text(JsonbValue *v)
{
	if (v->type == jbvBinary)
		return JsonbToCString(NULL, v->val.binary.data, v->val.binary.len);
	return JsonbToCString(NULL, &JsonbValueToJsonb(v)->root, -1);
}

static void
label_syntax_error(const char *label, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid synthdata security label \"%s\"", label),
			 errdetail("%s", detail),
			 errhint("A column's label is a JSON object such as '{\"role\": \"personal\", \"kind\": \"email\"}', "
					 "or role[:kind] such as 'personal:email', or 'rule:' and a fill rule.")));
}

/*
 * A column label as the JSON object it stands for: a JSON object as it is,
 * role[:kind] and rule:<text> as {"role", "kind"} and {"rule"}.
 */
static Jsonb *
column_label_jsonb(const char *label)
{
	StringInfoData b;
	const char *p = label;
	const char *colon;
	char	   *role;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p == '{')
	{
		Jsonb	   *j = text_to_jsonb(p);

		if (!JB_ROOT_IS_OBJECT(j) || JB_ROOT_IS_SCALAR(j))
			label_syntax_error(label, "The label is not a JSON object.");
		return j;
	}
	initStringInfo(&b);
	if (strncmp(p, "rule:", 5) == 0)
	{
		char	   *rule = pstrdup(p + 5);

		rule = pstrdup(rule + strspn(rule, " \t"));
		if (rule[0] == '\0')
			label_syntax_error(label, "The rule after \"rule:\" is empty.");
		appendStringInfoString(&b, "{\"rule\": ");
		escape_json(&b, rule);
		appendStringInfoChar(&b, '}');
		return text_to_jsonb(b.data);
	}
	colon = strchr(p, ':');
	role = colon ? pnstrdup(p, colon - p) : pstrdup(p);
	/* trailing blanks of the role (and of a whole short label) */
	while (role[0] != '\0' && strchr(" \t\n\r", role[strlen(role) - 1]) != NULL)
		role[strlen(role) - 1] = '\0';
	if (role[0] == '\0')
		label_syntax_error(label, "The label names no role.");
	appendStringInfoString(&b, "{\"role\": ");
	escape_json(&b, role);
	if (colon)
	{
		char	   *kind = pstrdup(colon + 1 + strspn(colon + 1, " \t"));

		while (kind[0] != '\0' && strchr(" \t\n\r", kind[strlen(kind) - 1]) != NULL)
			kind[strlen(kind) - 1] = '\0';
		if (kind[0] == '\0')
			label_syntax_error(label, "The kind after \":\" is empty.");
		appendStringInfoString(&b, ", \"kind\": ");
		escape_json(&b, kind);
	}
	appendStringInfoChar(&b, '}');
	return text_to_jsonb(b.data);
}

static char *
jsonb_string_key(Jsonb *j, const char *key)
{
	JsonbValue *v = getKeyJsonValueFromContainer(&j->root, key, strlen(key), NULL);

	if (v == NULL || v->type != jbvString)
		return NULL;
	return pnstrdup(v->val.string.val, v->val.string.len);
}

/*
 * A column label taken apart: every key known; the entry of option
 * "columns" without the rule; the rule's JSON text.
 */
static ColumnLabel
column_label_parse(const char *label, const char *what)
{
	ColumnLabel cl = {0};
	Jsonb	   *j = column_label_jsonb(label);
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	StringInfoData entry;
	bool		any = false;
	char	   *key = NULL;

	sd_opts_check(j, column_label_keys, psprintf("the security label %s", what));
	initStringInfo(&entry);
	appendStringInfoChar(&entry, '{');
	it = JsonbIteratorInit(&j->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			key = pnstrdup(v.val.string.val, v.val.string.len);
		else if (tok == WJB_VALUE && strcmp(key, "rule") == 0)
			cl.rule = jsonb_value_text(&v);
		else if (tok == WJB_VALUE)
		{
			if (any)
				appendStringInfoString(&entry, ", ");
			escape_json(&entry, key);
			appendStringInfo(&entry, ": %s", jsonb_value_text(&v));
			any = true;
		}
	}
	appendStringInfoChar(&entry, '}');
	if (!any && cl.rule == NULL)
		label_syntax_error(label, "The label gives no role, kind or rule.");
	if (any)
		cl.entry = text_to_jsonb(entry.data);
	cl.role = jsonb_string_key(j, "role");
	cl.kind = jsonb_string_key(j, "kind");
	if (cl.kind == NULL)
		cl.kind = jsonb_string_key(j, "pii_kind");
	return cl;
}

/* a table label: a JSON object of fit options */
static Jsonb *
table_label_parse(const char *label)
{
	const char *p = label + strspn(label, " \t\n\r");
	Jsonb	   *j;

	if (*p != '{')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid synthdata security label \"%s\"", label),
				 errdetail("A table's label is a JSON object of synth_fit options."),
				 errhint("For example '{\"k\": 20}'; roles and rules go on the columns' labels.")));
	j = text_to_jsonb(p);
	if (!JB_ROOT_IS_OBJECT(j) || JB_ROOT_IS_SCALAR(j))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid synthdata security label \"%s\"", label),
				 errdetail("A table's label is a JSON object of synth_fit options.")));
	return j;
}

/* ---- checks when a label is set ----------------------------------------- */

/* the fill rule of a label, by the rules' own reader, on the table */
static void
check_label_rule(Oid relid, const char *colname, const char *rule)
{
	GenPlan		plan;
	StringInfoData b;
	int			i;

	if (get_rel_relkind(relid) != RELKIND_RELATION &&
		get_rel_relkind(relid) != RELKIND_PARTITIONED_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("a fill rule cannot be given to column \"%s\" of \"%s\"",
						colname, get_rel_name(relid)),
				 errdetail("Rules of synth_fill apply to the columns of tables.")));
	memset(&plan, 0, sizeof(plan));
	plan.t = sd_table_open(relid, 0);
	plan.gens = palloc0(sizeof(ColGen) * Max(plan.t->ncolumns, 1));
	for (i = 0; i < plan.t->ncolumns; i++)
	{
		plan.gens[i].col = i;
		plan.gens[i].kind = G_AUTO;
		plan.gens[i].deps = palloc0(sizeof(bool) * plan.t->ncolumns);
	}
	initStringInfo(&b);
	appendStringInfoChar(&b, '{');
	escape_json(&b, colname);
	appendStringInfo(&b, ": %s}", rule);
	sdg_read_rules(&plan, text_to_jsonb(b.data));
}

static void
check_column_label(Oid relid, int attnum, const char *label)
{
	ErrorContextCallback cb;
	ColumnLabel cl;
	char	   *colname;
	Oid			typid,
				collid;
	int32		typmod;

	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("synthdata security labels are not supported on system columns")));
	colname = get_attname(relid, attnum, false);
	cb.callback = label_context;
	cb.arg = label_what(relid, attnum);
	cb.previous = error_context_stack;
	error_context_stack = &cb;
	cl = column_label_parse(label, (const char *) cb.arg);
	if (cl.rule != NULL)
		check_label_rule(relid, colname, cl.rule);
	error_context_stack = cb.previous;
	/* the vocabulary, in the fit's own words and context */
	get_atttypetypmodcoll(relid, attnum, &typid, &typmod, &collid);
	if (cl.entry != NULL)
		fit_check_column_label(colname, cl.entry, typid, typmod);
}

static const char *const table_label_forbidden[] = {"columns", "exact_copy_guard", NULL};

/* a table label's options, without those a table label cannot give */
static Jsonb *
table_label_options(const char *label)
{
	Jsonb	   *j = table_label_parse(label);
	int			i;

	for (i = 0; table_label_forbidden[i] != NULL; i++)
		if (getKeyJsonValueFromContainer(&j->root, table_label_forbidden[i],
										 strlen(table_label_forbidden[i]), NULL) != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"%s\" cannot be given in a table's security label",
							table_label_forbidden[i]),
					 i == 0 ? errhint("Label each column: SECURITY LABEL FOR synthdata ON COLUMN t.c IS '...'.")
					 : errhint("Pass it in the options of each call.")));
	return j;
}

static void
check_table_label(const char *label)
{
	FitOptions	fo;

	parse_fit_options(table_label_options(label), &fo);
}

/*
 * The provider's hook: runs when SECURITY LABEL FOR synthdata sets or
 * removes a label (NULL).  Tables, views, materialized views, foreign
 * tables and their columns only.
 */
static void
synthdata_object_relabel(const ObjectAddress *object, const char *seclabel)
{
	ErrorContextCallback cb;
	char		relkind;

	if (object->classId != RelationRelationId)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("synthdata security labels are supported only on tables and columns")));
	relkind = get_rel_relkind(object->objectId);
	if (relkind != RELKIND_RELATION && relkind != RELKIND_PARTITIONED_TABLE &&
		relkind != RELKIND_VIEW && relkind != RELKIND_MATVIEW &&
		relkind != RELKIND_FOREIGN_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("synthdata security labels are supported only on tables and columns"),
				 errdetail("\"%s\" is not a table, view, materialized view or foreign table.",
						   get_rel_name(object->objectId))));
	if (seclabel == NULL)
		return;
	if (object->objectSubId != 0)
	{
		check_column_label(object->objectId, object->objectSubId, seclabel);
		return;
	}
	cb.callback = label_context;
	cb.arg = label_what(object->objectId, 0);
	cb.previous = error_context_stack;
	error_context_stack = &cb;
	check_table_label(seclabel);
	error_context_stack = cb.previous;
}

void
sd_labels_register(void)
{
	register_label_provider(SD_LABEL_PROVIDER, synthdata_object_relabel);
}

/* ---- reading ------------------------------------------------------------ */

/*
 * The labels of provider synthdata: of one relation (relid valid), else of
 * every relation.  Read from pg_seclabel, whether or not the provider is
 * registered in this session.
 */
static List *
stored_labels(Oid relid)
{
	Relation	rel;
	ScanKeyData keys[2];
	SysScanDesc scan;
	HeapTuple	tup;
	List	   *out = NIL;
	int			nkeys = 0;

	rel = table_open(SecLabelRelationId, AccessShareLock);
	if (OidIsValid(relid))
		ScanKeyInit(&keys[nkeys++], Anum_pg_seclabel_objoid,
					BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(relid));
	ScanKeyInit(&keys[nkeys++], Anum_pg_seclabel_classoid,
				BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(RelationRelationId));
	scan = systable_beginscan(rel, SecLabelObjectIndexId, OidIsValid(relid),
							  NULL, nkeys, keys);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		bool		isnull;
		Datum		d;
		StoredLabel *sl;

		CHECK_FOR_INTERRUPTS();
		d = heap_getattr(tup, Anum_pg_seclabel_provider, RelationGetDescr(rel), &isnull);
		if (isnull || strcmp(TextDatumGetCString(d), SD_LABEL_PROVIDER) != 0)
			continue;
		d = heap_getattr(tup, Anum_pg_seclabel_label, RelationGetDescr(rel), &isnull);
		if (isnull)
			continue;
		sl = palloc(sizeof(StoredLabel));
		sl->relid = ((FormData_pg_seclabel *) GETSTRUCT(tup))->objoid;
		sl->attnum = ((FormData_pg_seclabel *) GETSTRUCT(tup))->objsubid;
		sl->label = TextDatumGetCString(d);
		out = lappend(out, sl);
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return out;
}

/* parse a stored label with its table and column in the error context */
static ColumnLabel
stored_column_label(StoredLabel *sl)
{
	ErrorContextCallback cb;
	ColumnLabel cl;

	cb.callback = label_context;
	cb.arg = label_what(sl->relid, sl->attnum);
	cb.previous = error_context_stack;
	error_context_stack = &cb;
	cl = column_label_parse(sl->label, (const char *) cb.arg);
	error_context_stack = cb.previous;
	return cl;
}

static bool
object_has_key(Jsonb *j, const char *key)
{
	if (j == NULL || !JB_ROOT_IS_OBJECT(j) || JB_ROOT_IS_SCALAR(j))
		return false;
	return getKeyJsonValueFromContainer(&j->root, key, strlen(key), NULL) != NULL;
}

Jsonb *
sd_labels_fit_options(Oid relid, Jsonb *options)
{
	ListCell   *lc;

	foreach(lc, stored_labels(relid))
	{
		StoredLabel *sl = lfirst(lc);
		ErrorContextCallback cb;
		Jsonb	   *j;

		if (sl->attnum != 0)
			continue;
		cb.callback = label_context;
		cb.arg = label_what(relid, 0);
		cb.previous = error_context_stack;
		error_context_stack = &cb;
		j = table_label_options(sl->label);
		error_context_stack = cb.previous;
		if (options == NULL || !JB_ROOT_IS_OBJECT(options) || JB_ROOT_IS_SCALAR(options))
			return options ? options : j;
		return DatumGetJsonbP(DirectFunctionCall2(jsonb_concat, JsonbPGetDatum(j),
												  JsonbPGetDatum(options)));
	}
	return options;
}

Jsonb *
sd_labels_columns(Oid relid, Jsonb *except)
{
	StringInfoData b;
	ListCell   *lc;
	bool		any = false;

	initStringInfo(&b);
	appendStringInfoChar(&b, '{');
	foreach(lc, stored_labels(relid))
	{
		StoredLabel *sl = lfirst(lc);
		char	   *name;
		ColumnLabel cl;

		if (sl->attnum <= 0 || (name = get_attname(relid, sl->attnum, true)) == NULL ||
			object_has_key(except, name))
			continue;
		cl = stored_column_label(sl);
		if (cl.entry == NULL)
			continue;
		if (any)
			appendStringInfoString(&b, ", ");
		escape_json(&b, name);
		appendStringInfo(&b, ": %s", JsonbToCString(NULL, &cl.entry->root, -1));
		any = true;
	}
	appendStringInfoChar(&b, '}');
	return any ? text_to_jsonb(b.data) : NULL;
}

/* the fill rule a column label gives: its rule, else a fake of its kind */
static char *
label_fill_rule(const ColumnLabel *cl)
{
	StringInfoData b;
	int			kind;

	if (cl->rule != NULL)
		return cl->rule;
	if (cl->kind == NULL || (kind = sd_fake_kind_lookup(cl->kind)) == SD_FAKE_NONE)
		return NULL;
	initStringInfo(&b);
	escape_json(&b, psprintf("fake('%s')", sd_fake_kind_name(kind)));
	return b.data;
}

Jsonb *
sd_labels_rules(Oid relid, Jsonb *rules)
{
	StringInfoData b;
	ListCell   *lc;
	bool		any = false;

	if (rules != NULL && (!JB_ROOT_IS_OBJECT(rules) || JB_ROOT_IS_SCALAR(rules)))
		return rules;			/* the rules' reader says what is wrong */
	initStringInfo(&b);
	appendStringInfoChar(&b, '{');
	foreach(lc, stored_labels(relid))
	{
		StoredLabel *sl = lfirst(lc);
		char	   *name;
		char	   *rule;
		ColumnLabel cl;

		if (sl->attnum <= 0 || (name = get_attname(relid, sl->attnum, true)) == NULL ||
			object_has_key(rules, name))
			continue;
		cl = stored_column_label(sl);
		if ((rule = label_fill_rule(&cl)) == NULL)
			continue;
		/* a rule gone stale (a column it names renamed) says it is a label's */
		if (cl.rule != NULL)
		{
			ErrorContextCallback cb;

			cb.callback = label_context;
			cb.arg = label_what(relid, sl->attnum);
			cb.previous = error_context_stack;
			error_context_stack = &cb;
			check_label_rule(relid, name, rule);
			error_context_stack = cb.previous;
		}
		if (any)
			appendStringInfoString(&b, ", ");
		escape_json(&b, name);
		appendStringInfo(&b, ": %s", rule);
		any = true;
	}
	appendStringInfoChar(&b, '}');
	if (!any)
		return rules;
	if (rules == NULL)
		return text_to_jsonb(b.data);
	return DatumGetJsonbP(DirectFunctionCall2(jsonb_concat,
											  JsonbPGetDatum(text_to_jsonb(b.data)),
											  JsonbPGetDatum(rules)));
}

/* ---- synth_labels ------------------------------------------------------- */

/* labels in order of schema, table and column number */
static int
label_order(const ListCell *a, const ListCell *b)
{
	const StoredLabel *x = lfirst(a),
			   *y = lfirst(b);
	int			c;

	c = strcmp(get_namespace_name(get_rel_namespace(x->relid)),
			   get_namespace_name(get_rel_namespace(y->relid)));
	if (c == 0)
		c = strcmp(get_rel_name(x->relid), get_rel_name(y->relid));
	if (c == 0)
		c = (x->attnum > y->attnum) - (x->attnum < y->attnum);
	return c;
}

static void
emit_label(Tuplestorestate *ts, TupleDesc desc, StoredLabel *sl)
{
	Datum		values[7] = {0};
	bool		nulls[7] = {0};
	int			i = 0;

	values[i++] = ObjectIdGetDatum(sl->relid);
	if (sl->attnum == 0)
	{
		nulls[i++] = true;
		values[i++] = CStringGetTextDatum(sl->label);
		nulls[i++] = true;		/* role */
		nulls[i++] = true;		/* kind */
		nulls[i++] = true;		/* rule */
		values[i++] = JsonbPGetDatum(table_label_parse(sl->label));
	}
	else
	{
		ColumnLabel cl = stored_column_label(sl);
		char	   *rule = label_fill_rule(&cl);

		values[i++] = DirectFunctionCall1(namein,
										  CStringGetDatum(get_attname(sl->relid, sl->attnum, false)));
		values[i++] = CStringGetTextDatum(sl->label);
		nulls[i] = cl.role == NULL;
		values[i++] = cl.role ? CStringGetTextDatum(cl.role) : (Datum) 0;
		nulls[i] = cl.kind == NULL;
		values[i++] = cl.kind ? CStringGetTextDatum(cl.kind) : (Datum) 0;
		nulls[i] = rule == NULL;
		values[i++] = rule ? JsonbPGetDatum(text_to_jsonb(rule)) : (Datum) 0;
		nulls[i++] = true;
	}
	Assert(i == 7);
	tuplestore_putvalues(ts, desc, values, nulls);
}

/*
 * synth_labels(source regclass DEFAULT NULL, schema name DEFAULT NULL)
 *		returns setof (table regclass, column name, label text, role text,
 *					   kind text, rule jsonb, options jsonb)
 *
 * The synthdata labels in effect: of one table, of the tables of a schema,
 * or of every table; a table's own label has a NULL column.  Like the view
 * pg_seclabels, it shows every label to every role.
 */
PG_FUNCTION_INFO_V1(synth_labels);
Datum
synth_labels(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			relid = PG_ARGISNULL(0) ? InvalidOid : PG_GETARG_OID(0);
	Oid			nsp = InvalidOid;
	List	   *labels;
	ListCell   *lc;

	if (!PG_ARGISNULL(1))
		nsp = get_namespace_oid(NameStr(*PG_GETARG_NAME(1)), false);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	labels = NIL;
	foreach(lc, stored_labels(relid))
	{
		StoredLabel *sl = lfirst(lc);

		/* a table dropped meanwhile, a column of another schema */
		if (get_rel_name(sl->relid) == NULL ||
			(OidIsValid(nsp) && get_rel_namespace(sl->relid) != nsp) ||
			(sl->attnum != 0 && get_attname(sl->relid, sl->attnum, true) == NULL))
			continue;
		labels = lappend(labels, sl);
	}
	list_sort(labels, label_order);
	foreach(lc, labels)
	{
		CHECK_FOR_INTERRUPTS();
		emit_label(rsinfo->setResult, rsinfo->setDesc, lfirst(lc));
	}
	return (Datum) 0;
}
