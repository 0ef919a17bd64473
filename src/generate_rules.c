/*-------------------------------------------------------------------------
 *
 * generate_rules.c
 *		The user's rules of synth_rows and synth_fill, read from jsonb into
 *		one parsed expression (rules.c) per column.
 *
 * Reads and validates every key and value of the jsonb; an unknown key,
 * column or shape is a clean error (22023) naming the column.  No SPI, no
 * catalog writes, no randomness: the rules are parsed, not evaluated.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/generate_rules.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "generate_int.h"

/* ---------------------------------------------------------------------
 * Rules: from jsonb to parsed expressions
 * ---------------------------------------------------------------------
 */

void
sdg_rule_error_callback(void *arg)
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

void
sdg_bad_rule_shape(GenPlan *plan, int col, const char *what, const char *hint)
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
				sdg_bad_rule_shape(plan, col,
							   "A list of choices may hold only strings, numbers, booleans and nulls.",
							   NULL);
		}
		if (first)
			sdg_bad_rule_shape(plan, col, "A list of choices must not be empty.", NULL);
		appendStringInfoChar(&b, ')');
		return b.data;
	}
	json_scalar_to_rule(v, &b, &ok);
	if (!ok)
		sdg_bad_rule_shape(plan, col, "A rule is a string, a constant, a list of choices or an object.", NULL);
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
			sdg_bad_rule_shape(plan, g->col,
						   psprintf("The Zipf exponent of fan-out \"%s\" must be greater than zero.", s),
						   NULL);
		g->fanout = FAN_ZIPF;
		g->fanout_param = p;
	}
	else
		sdg_bad_rule_shape(plan, g->col,
					   psprintf("Fan-out \"%s\" is not one of \"uniform\", \"each\" or \"zipf(s)\".", s),
					   NULL);
}

void
sdg_read_rules(GenPlan *plan, Jsonb *rules)
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
	env.typed_literal = sdg_typed_literal;

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
						sdg_bad_rule_shape(plan, col,
									   psprintf("\"null\" must be a number between 0 and 1, not %s.",
												json_type_name(&v2)), NULL);
					f = DatumGetFloat8(DirectFunctionCall1(numeric_float8,
														   NumericGetDatum(v2.val.numeric)));
					if (!(f >= 0 && f <= 1))
						sdg_bad_rule_shape(plan, col,
									   psprintf("\"null\" must be a number between 0 and 1, not %g.", f),
									   NULL);
					if (f > 0 && t->columns[col].notnull)
						sdg_bad_rule_shape(plan, col,
									   psprintf("Column \"%s\" is NOT NULL, so its NULL fraction must be 0.",
												colname), NULL);
					g->null_frac = f;
					g->null_given = true;
				}
				else if (strcmp(key, "unique") == 0)
				{
					if (v2.type != jbvBool)
						sdg_bad_rule_shape(plan, col,
									   psprintf("\"unique\" must be true or false, not %s.",
												json_type_name(&v2)), NULL);
					g->unique_rule = v2.val.boolean;
				}
				else if (strcmp(key, "fanout") == 0)
				{
					if (v2.type != jbvString)
						sdg_bad_rule_shape(plan, col,
									   psprintf("\"fanout\" must be a string, not %s.",
												json_type_name(&v2)), NULL);
					parse_fanout(plan, g, jsonb_value_text(&v2));
				}
				else
					sdg_bad_rule_shape(plan, col,
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
		cb.callback = sdg_rule_error_callback;
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
