/*-------------------------------------------------------------------------
 *
 * options.c
 *		Reading the jsonb options of synthdata's SQL functions.
 *
 * One reader for every function that takes options, so that they all
 * behave alike: an options object is checked key by key before anything
 * is read from it (a misspelt key must never pass silently, at any depth),
 * and each value is read with its JSON type checked.  Errors are 22023
 * (invalid_parameter_value) with a hint that lists the valid keys or
 * values.  A JSON null means "the default", as a SQL NULL argument does.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/options.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "options.h"

char *
sd_opt_names(const char *const *names)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	for (i = 0; names[i] != NULL; i++)
		appendStringInfo(&buf, "%s%s", i ? ", " : "", names[i]);
	return buf.data;
}

static int
hint_valid_options(const char *const *allowed, const char *what)
{
	if (allowed[0] == NULL)
		return what ? errhint("No options are accepted for %s.", what)
			: errhint("No options are accepted.");
	return errhint("Valid options are: %s.", sd_opt_names(allowed));
}

void
sd_opts_check(Jsonb *opts, const char *const *allowed, const char *what)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;

	if (opts == NULL)
		return;
	if (!JB_ROOT_IS_OBJECT(opts) || JB_ROOT_IS_SCALAR(opts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 what ? errmsg("options for %s must be a JSON object", what)
				 : errmsg("options must be a JSON object"),
				 hint_valid_options(allowed, what)));
	it = JsonbIteratorInit(&opts->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *key;
		int			i;

		if (tok != WJB_KEY)
			continue;
		key = pnstrdup(v.val.string.val, v.val.string.len);
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(key, allowed[i]) == 0)
				break;
		if (allowed[i] == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 what ? errmsg("unrecognized option \"%s\" for %s", key, what)
					 : errmsg("unrecognized option \"%s\"", key),
					 hint_valid_options(allowed, what)));
	}
}

JsonbValue *
sd_opt_value(Jsonb *opts, const char *key)
{
	JsonbValue *v;

	if (opts == NULL || !JB_ROOT_IS_OBJECT(opts))
		return NULL;
	v = getKeyJsonValueFromContainer(&opts->root, key, strlen(key), NULL);
	if (v != NULL && v->type == jbvNull)
		return NULL;
	return v;
}

double
sd_opt_numeric(JsonbValue *v, const char *key)
{
	if (v == NULL || v->type != jbvNumeric)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"%s\" must be a number", key)));
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8,
											  NumericGetDatum(v->val.numeric)));
}

bool
sd_opt_number(Jsonb *opts, const char *key, double *out)
{
	JsonbValue *v = sd_opt_value(opts, key);

	if (v == NULL)
		return false;
	*out = sd_opt_numeric(v, key);
	return true;
}

bool
sd_opt_int(Jsonb *opts, const char *key, int64 lo, int64 hi, int64 *out)
{
	double		x;

	if (!sd_opt_number(opts, key, &x))
		return false;
	if (x != floor(x) || x < (double) lo || x > (double) hi)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"%s\" must be an integer between " INT64_FORMAT
						" and " INT64_FORMAT, key, lo, hi),
				 errdetail("%s is %g.", key, x)));
	*out = (int64) x;
	return true;
}

bool
sd_opt_float(Jsonb *opts, const char *key, double lo, double hi, double *out)
{
	double		x;

	if (!sd_opt_number(opts, key, &x))
		return false;
	if (!(x >= lo && x <= hi))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"%s\" must be between %g and %g", key, lo, hi),
				 errdetail("%s is %g.", key, x)));
	*out = x;
	return true;
}

bool
sd_opt_bool(Jsonb *opts, const char *key, bool *out)
{
	JsonbValue *v = sd_opt_value(opts, key);

	if (v == NULL)
		return false;
	if (v->type != jbvBool)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"%s\" must be true or false", key)));
	*out = v->val.boolean;
	return true;
}

char *
sd_opt_text(Jsonb *opts, const char *key)
{
	JsonbValue *v = sd_opt_value(opts, key);

	if (v == NULL)
		return NULL;
	if (v->type != jbvString)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"%s\" must be a string", key)));
	return pnstrdup(v->val.string.val, v->val.string.len);
}

Jsonb *
sd_opt_object(Jsonb *opts, const char *key)
{
	JsonbValue *v = sd_opt_value(opts, key);

	if (v == NULL)
		return NULL;
	if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"%s\" must be a JSON object", key)));
	return JsonbValueToJsonb(v);
}

void
sd_opt_invalid_value(const char *key, const char *value,
					 const char *const *choices)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid value \"%s\" for option \"%s\"", value, key),
			 errhint("Valid values are: %s.", sd_opt_names(choices))));
	pg_unreachable();
}

int
sd_opt_choice(Jsonb *opts, const char *key, const char *const *choices)
{
	JsonbValue *v = sd_opt_value(opts, key);
	char	   *s;
	int			i;

	if (v == NULL)
		return -1;
	if (v->type != jbvString)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"%s\" must be a string", key),
				 errhint("Valid values are: %s.", sd_opt_names(choices))));
	s = pnstrdup(v->val.string.val, v->val.string.len);
	for (i = 0; choices[i] != NULL; i++)
		if (strcmp(s, choices[i]) == 0)
			return i;
	sd_opt_invalid_value(key, s, choices);
}
