/*-------------------------------------------------------------------------
 *
 * model_json.c
 *		The model as jsonb, both ways: model_to_jsonb writes a fitted Model,
 *		model_from_jsonb reads one back and validates every byte of it.
 *
 * The reader is the gate of every model that comes from SQL: whatever it
 * accepts, the sampler must be able to draw without error or unbounded
 * work.  No SPI and no catalog lookups here.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/model_json.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"
#include "clone_cons.h"
#include "sequence.h"

/* ---- the model as JSON -------------------------------------------------- */

/* shortest text that reads back as the same double */
void
json_number(StringInfo buf, double v)
{
	char		tmp[DOUBLE_SHORTEST_DECIMAL_LEN];

	if (isnan(v) || isinf(v))
	{
		appendStringInfoString(buf, "null");
		return;
	}
	if (v == 0)
		v = 0;
	double_to_shortest_decimal_buf(v, tmp);
	appendStringInfoString(buf, tmp);
}

/* v rounded to "digits" decimals, without trailing zeros */
static void
json_rounded(StringInfo buf, double v, int digits)
{
	char		tmp[64];
	int			len;

	if (isnan(v) || isinf(v) || fabs(v) >= 1e15)
	{
		json_number(buf, v);
		return;
	}
	len = snprintf(tmp, sizeof(tmp), "%.*f", digits, v);
	while (len > 1 && tmp[len - 1] == '0')
		tmp[--len] = '\0';
	if (len > 1 && tmp[len - 1] == '.')
		tmp[--len] = '\0';
	if (strcmp(tmp, "-0") == 0)
		strcpy(tmp, "0");
	appendStringInfoString(buf, tmp);
}

void
json_key(StringInfo buf, const char *key, bool *first)
{
	if (!*first)
		appendStringInfoString(buf, ", ");
	*first = false;
	escape_json(buf, key);
	appendStringInfoString(buf, ": ");
}

static void
json_string_n(StringInfo buf, const char *s, int len)
{
	char	   *t = pnstrdup(s, len);

	escape_json(buf, t);
	pfree(t);
}

/* [{"value": label, "p": p}, ...] of text categories */
static void
json_label_cats(StringInfo buf, const struct ModelCat *cats, int n)
{
	int			j;

	appendStringInfoChar(buf, '[');
	for (j = 0; j < n; j++)
	{
		appendStringInfoString(buf, j ? ", {\"value\": " : "{\"value\": ");
		json_string_n(buf, cats[j].label, cats[j].len);
		appendStringInfoString(buf, ", \"p\": ");
		json_number(buf, cats[j].p);
		appendStringInfoChar(buf, '}');
	}
	appendStringInfoChar(buf, ']');
}

/* "integer": bool, "scale": n or null (keys after the first) */
static void
json_integer_scale(StringInfo buf, bool integer, int scale)
{
	appendStringInfo(buf, ", \"integer\": %s, \"scale\": ", integer ? "true" : "false");
	if (scale >= 0)
		appendStringInfo(buf, "%d", scale);
	else
		appendStringInfoString(buf, "null");
}

/* [v, ...] exactly */
static void
json_number_array(StringInfo buf, const double *v, int n)
{
	int			j;

	appendStringInfoChar(buf, '[');
	for (j = 0; j < n; j++)
	{
		if (j)
			appendStringInfoString(buf, ", ");
		json_number(buf, v[j]);
	}
	appendStringInfoChar(buf, ']');
}

/* [v, ...] rounded to digits significant digits */
void
json_rounded_array(StringInfo buf, const double *v, int n, int digits)
{
	int			j;

	appendStringInfoChar(buf, '[');
	for (j = 0; j < n; j++)
	{
		if (j)
			appendStringInfoString(buf, ", ");
		json_rounded(buf, v[j], digits);
	}
	appendStringInfoChar(buf, ']');
}

/* true if a row of display scale shares holds one */
static bool
has_share(const double *p)
{
	int			d;

	for (d = 0; d < SD_DSCALE_SLOTS; d++)
		if (p[d] > 0)
			return true;
	return false;
}

/*
 * "display_scales" of a numeric column that has them: per decimals a value
 * needs, the shares of its display scales, each row up to its last
 * non-zero share, no rows after the last non-empty one
 */
static void
write_display_scales(StringInfo b, const ModelCol *c, bool *f)
{
	int			rows = SD_VSCALE_SLOTS,
				v;

	if (c->dscale_joint == NULL)
		return;
	while (rows > 0 && !has_share(c->dscale_joint + (rows - 1) * SD_DSCALE_SLOTS))
		rows--;
	json_key(b, "display_scales", f);
	appendStringInfoChar(b, '[');
	for (v = 0; v < rows; v++)
	{
		const double *p = c->dscale_joint + v * SD_DSCALE_SLOTS;
		int			n = SD_DSCALE_SLOTS;

		while (n > 0 && p[n - 1] == 0)
			n--;
		if (v)
			appendStringInfoString(b, ", ");
		json_number_array(b, p, n);
	}
	appendStringInfoChar(b, ']');
}

/* a continuous column: its grid, point masses and the conditional on its parent */
static void
write_continuous(StringInfo b, const Model *m, const ModelCol *c, bool *f)
{
	int			j;

	json_integer_scale(b, c->integer, c->scale);
	write_display_scales(b, c, f);
	json_key(b, "min", f);
	json_number(b, c->grid[0]);
	json_key(b, "max", f);
	json_number(b, c->grid[GRID_POINTS - 1]);
	json_key(b, "point_masses", f);
	appendStringInfoChar(b, '[');
	for (j = 0; j < c->natoms; j++)
	{
		appendStringInfoString(b, j ? ", {\"value\": " : "{\"value\": ");
		json_number(b, c->atoms[j].value);
		appendStringInfoString(b, ", \"p\": ");
		json_rounded(b, (double) c->atoms[j].count / c->count, 6);
		appendStringInfoChar(b, '}');
	}
	appendStringInfoChar(b, ']');
	json_key(b, "quantiles", f);
	appendStringInfoChar(b, '[');
	for (j = 0; j < GRID_POINTS; j++)
	{
		if (j)
			appendStringInfoString(b, ", ");
		json_number(b, c->grid[j]);
	}
	appendStringInfoChar(b, ']');
	if (c->parent >= 0)
	{
		const ModelCol *par = &m->cols[c->parent];
		int			r,
					u,
					k;

		json_key(b, "conditional", f);
		appendStringInfoString(b, "{\"parent\": ");
		escape_json(b, par->name);
		appendStringInfoString(b, ", \"eta2\": ");
		json_rounded(b, c->eta2, 6);
		appendStringInfoString(b, ", \"slice_v\": ");
		json_rounded(b, c->slice_v, 6);
		appendStringInfo(b, ", \"bins\": %d", U_BINS);
		for (k = 0; k < 3; k++)
		{
			appendStringInfo(b, ", \"%s\": [", k == 0 ? "shares" : k == 1 ? "means" : "sds");
			for (r = 0; r < par->ncat; r++)
			{
				appendStringInfoString(b, r ? ", [" : "[");
				for (u = 0; u < U_BINS; u++)
				{
					if (u)
						appendStringInfoString(b, ", ");
					json_rounded(b, c->cond[(r * U_BINS + u) * 3 + k], 6);
				}
				appendStringInfoChar(b, ']');
			}
			appendStringInfoChar(b, ']');
		}
		appendStringInfoChar(b, '}');
	}
}

/* a categorical column: its order and categories */
static void
write_categorical(StringInfo b, const ModelCol *c, bool *f)
{
	int			j;

	json_key(b, "order", f);
	escape_json(b, c->numeric_cats ? "natural" :
				c->pc_order ? "first principal component" : "frequency");
	json_key(b, "suppressed_fraction", f);
	json_rounded(b, c->suppressed, 6);
	json_key(b, "categories", f);
	appendStringInfoChar(b, '[');
	for (j = 0; j < c->ncat; j++)
	{
		appendStringInfoString(b, j ? ", {\"value\": " : "{\"value\": ");
		if (c->numeric_cats)
			json_number(b, c->cats[j].value);
		else
			json_string_n(b, c->cats[j].label, c->cats[j].len);
		appendStringInfoString(b, ", \"p\": ");
		json_number(b, c->cats[j].p);
		appendStringInfoChar(b, '}');
	}
	appendStringInfoChar(b, ']');
	write_display_scales(b, c, f);
}

/* a document column: its key sets and fields */
static void
write_document(StringInfo b, const ModelCol *c, bool *f)
{
	int			j;

	json_key(b, "suppressed_fraction", f);
	json_rounded(b, c->suppressed, 6);
	json_key(b, "key_sets", f);
	appendStringInfoChar(b, '[');
	for (j = 0; j < c->ndocsets; j++)
	{
		int			q;

		appendStringInfoString(b, j ? ", {\"keys\": [" : "{\"keys\": [");
		for (q = 0; q < c->docsets[j].nkeys; q++)
		{
			if (q)
				appendStringInfoString(b, ", ");
			escape_json(b, c->fields[c->docsets[j].keys[q]].key);
		}
		appendStringInfoString(b, "], \"p\": ");
		json_number(b, c->docsets[j].p);
		appendStringInfoChar(b, '}');
	}
	appendStringInfoChar(b, ']');
	json_key(b, "fields", f);
	appendStringInfoChar(b, '[');
	for (j = 0; j < c->nfields; j++)
	{
		const ModelField *mf = &c->fields[j];

		appendStringInfoString(b, j ? ", {\"key\": " : "{\"key\": ");
		escape_json(b, mf->key);
		appendStringInfoString(b, ", \"values\": ");
		escape_json(b, field_kind_name[mf->kind]);
		if (mf->kind == FK_JSON)
		{
			appendStringInfoString(b, ", \"categories\": ");
			json_label_cats(b, mf->cats, mf->ncat);
		}
		else if (mf->kind == FK_NUMBERS)
		{
			json_integer_scale(b, mf->integer, mf->scale);
			appendStringInfoString(b, ", \"quantiles\": ");
			json_number_array(b, mf->grid, DOC_POINTS);
		}
		else if (mf->kind == FK_WORDS)
		{
			appendStringInfoString(b, ", \"length_quantiles\": ");
			json_rounded_array(b, mf->lenq, LEN_POINTS, 3);
		}
		appendStringInfoChar(b, '}');
	}
	appendStringInfoChar(b, ']');
}

/* a range column: its bounds' shares and quantiles */
static void
write_range(StringInfo b, const ModelCol *c, bool *f)
{
	json_key(b, "empty_fraction", f);
	json_number(b, c->empty_fraction);
	json_key(b, "lower_infinite_fraction", f);
	json_number(b, c->lower_inf_fraction);
	json_key(b, "upper_infinite_fraction", f);
	json_number(b, c->upper_inf_fraction);
	json_key(b, "lower_inclusive", f);
	appendStringInfoString(b, c->lower_inc ? "true" : "false");
	json_key(b, "upper_inclusive", f);
	appendStringInfoString(b, c->upper_inc ? "true" : "false");
	json_integer_scale(b, c->integer, c->scale);
	json_key(b, "lower_quantiles", f);
	json_number_array(b, c->lowq, DOC_POINTS);
	json_key(b, "upper_quantiles", f);
	json_number_array(b, c->uppq, DOC_POINTS);
	json_key(b, "width_quantiles", f);
	json_number_array(b, c->widthq, DOC_POINTS);
	if (c->multirange)
	{
		json_key(b, "range_count_quantiles", f);
		json_rounded_array(b, c->nrangeq, LEN_POINTS, 3);
	}
}

/* an array column: its elements and lengths */
static void
write_array(StringInfo b, const ModelCol *c, bool *f)
{
	json_key(b, "suppressed_fraction", f);
	json_rounded(b, c->suppressed, 6);
	json_key(b, "elements", f);
	json_label_cats(b, c->cats, c->ncat);
	json_key(b, "length_quantiles", f);
	json_rounded_array(b, c->lenq, LEN_POINTS, 3);
}

/* a formatted column: its shapes and lengths */
static void
write_format(StringInfo b, const ModelCol *c, bool *f)
{
	int			j;

	if (c->binary)
	{
		json_key(b, "binary", f);
		appendStringInfoString(b, "true");
	}
	json_key(b, "shapes", f);
	appendStringInfoChar(b, '[');
	for (j = 0; j < c->nshapes; j++)
	{
		appendStringInfoString(b, j ? ", {\"shape\": " : "{\"shape\": ");
		json_string_n(b, c->shapes[j].shape, c->shapes[j].len);
		appendStringInfoString(b, ", \"p\": ");
		json_number(b, c->shapes[j].p);
		appendStringInfoChar(b, '}');
	}
	appendStringInfoChar(b, ']');
	json_key(b, "length_quantiles", f);
	json_rounded_array(b, c->lenq, LEN_POINTS, 3);
}

/* a text column: its lengths and text model */
static void
write_text(StringInfo b, const ModelCol *c, bool *f)
{
	json_key(b, "length_quantiles", f);
	json_rounded_array(b, c->lenq, LEN_POINTS, 3);
	text_model_write(b, c->text);
}

/* the model's format, version, source, row count and options */
static void
write_header(StringInfo b, const Model *m, bool *first)
{
	json_key(b, "format", first);
	appendStringInfoString(b, "\"synthdata model\"");
	json_key(b, "version", first);
	appendStringInfo(b, "%d", MODEL_VERSION);
	json_key(b, "source", first);
	appendStringInfoString(b, "{\"schema\": ");
	escape_json(b, m->schema);
	appendStringInfoString(b, ", \"table\": ");
	escape_json(b, m->table);
	appendStringInfoChar(b, '}');
	json_key(b, "rows", first);
	appendStringInfo(b, INT64_FORMAT, m->rows);
	json_key(b, "options", first);
	appendStringInfo(b, "{\"k\": %d, \"category_cap\": %d, \"sample_percent\": ",
					 m->k, m->category_cap);
	if (m->sample_percent > 0)
		json_number(b, m->sample_percent);
	else
		appendStringInfoString(b, "null");
	appendStringInfoChar(b, '}');
}

/* what every column has: name, type, class, role, kind, NULLs and parents */
static void
write_column_head(StringInfo b, const Model *m, const ModelCol *c, bool *f)
{
	int			j;

	json_key(b, "name", f);
	escape_json(b, c->name);
	json_key(b, "type", f);
	escape_json(b, c->type);
	json_key(b, "class", f);
	escape_json(b, value_class[c->vk]);
	if (c->vk == VK_TIMETZ)
	{
		json_key(b, "zone", f);
		appendStringInfo(b, "%d", (int) c->zone);
	}
	json_key(b, "role", f);
	escape_json(b, role_name[c->role]);
	if (c->role == ROLE_KEY && c->key_member)
	{
		/* a member of a composite key: modelled like an attribute */
		json_key(b, "key_member", f);
		appendStringInfoString(b, "true");
	}
	if (c->pii_kind)
	{
		json_key(b, "pii_kind", f);
		escape_json(b, c->pii_kind);
	}
	if (c->reason)
	{
		json_key(b, "reason", f);
		escape_json(b, c->reason);
	}
	json_key(b, "kind", f);
	escape_json(b, kind_name[c->kind]);
	json_key(b, "null_fraction", f);
	json_rounded(b, c->null_fraction, 6);
	json_key(b, "null_dimension", f);
	if (c->null_dim >= 0)
		appendStringInfo(b, "%d", c->null_dim);
	else
		appendStringInfoString(b, "null");
	json_key(b, "value_dimension", f);
	if (c->value_dim >= 0)
		appendStringInfo(b, "%d", c->value_dim);
	else
		appendStringInfoString(b, "null");
	if (c->null_parent >= 0)
	{
		const ModelCol *par = &m->cols[c->null_parent];
		int			r;

		json_key(b, "null_conditional", f);
		appendStringInfoString(b, "{\"parent\": ");
		escape_json(b, par->name);
		appendStringInfoString(b, ", \"cramers_v\": ");
		json_rounded(b, c->null_v, 6);
		appendStringInfoString(b, ", \"null_fractions\": [");
		for (r = 0; r < par->ncat; r++)
		{
			if (r)
				appendStringInfoString(b, ", ");
			json_rounded(b, c->null_cond[r], 6);
		}
		appendStringInfoString(b, "]}");
	}
	if (c->cat_parent >= 0)
	{
		const ModelCol *par = &m->cols[c->cat_parent];
		int			r;

		json_key(b, "category_conditional", f);
		appendStringInfoString(b, "{\"parent\": ");
		escape_json(b, par->name);
		appendStringInfoString(b, ", \"uncertainty_coefficient\": ");
		json_rounded(b, c->cat_u, 6);
		appendStringInfoString(b, ", \"probabilities\": [");
		for (r = 0; r < par->ncat; r++)
		{
			appendStringInfoString(b, r ? ", [" : "[");
			for (j = 0; j < c->ncat; j++)
			{
				if (j)
					appendStringInfoString(b, ", ");
				json_rounded(b, c->cat_cond[r * c->ncat + j], 6);
			}
			appendStringInfoChar(b, ']');
		}
		appendStringInfoString(b, "]}");
	}
}

/* the copula's correlation matrix and the privacy report */
static void
write_copula(StringInfo b, const Model *m, bool *first)
{
	int			i,
				j;

	json_key(b, "copula", first);
	appendStringInfo(b, "{\"dimensions\": %d, \"rows\": " INT64_FORMAT ", \"correlation\": [",
					 m->ndims, m->copula_rows);
	for (i = 0; i < m->ndims; i++)
	{
		appendStringInfoString(b, i ? ",\n  [" : "\n  [");
		for (j = 0; j < m->ndims; j++)
		{
			if (j)
				appendStringInfoString(b, ", ");
			json_rounded(b, m->corr[i * m->ndims + j], 6);
		}
		appendStringInfoChar(b, ']');
	}
	appendStringInfoString(b, "]}");
	if (m->mst != NULL)
	{
		json_key(b, "mst", first);
		sd_mst_to_json(b, m);
	}
	if (m->privacy != NULL)
	{
		json_key(b, "privacy", first);
		appendStringInfoString(b, m->privacy);
	}
}

Jsonb *
model_to_jsonb(const Model *m)
{
	StringInfoData b;
	int			i;
	bool		first = true;

	initStringInfo(&b);
	appendStringInfoChar(&b, '{');
	write_header(&b, m, &first);

	json_key(&b, "columns", &first);
	appendStringInfoChar(&b, '[');
	for (i = 0; i < m->ncols; i++)
	{
		const ModelCol *c = &m->cols[i];
		bool		f = true;

		appendStringInfoString(&b, i ? ",\n  {" : "\n  {");
		write_column_head(&b, m, c, &f);
		switch (c->kind)
		{
			case MK_CONTINUOUS:
				write_continuous(&b, m, c, &f);
				break;
			case MK_CATEGORICAL:
				write_categorical(&b, c, &f);
				break;
			case MK_DOCUMENT:
				write_document(&b, c, &f);
				break;
			case MK_RANGE:
				write_range(&b, c, &f);
				break;
			case MK_ARRAY:
				write_array(&b, c, &f);
				break;
			case MK_FORMAT:
				write_format(&b, c, &f);
				break;
			case MK_TEXT:
				write_text(&b, c, &f);
				break;
			case MK_DERIVED:
				derived_write(&b, c->derived);
				break;
			case MK_IMAGE:
				image_model_write(&b, c->image);
				break;
			case MK_XML:
				xml_model_write(&b, c->xml);
				break;
			case MK_CONSTANT:
				json_key(&b, "value", &f);
				escape_json(&b, c->constant);
				break;
			default:
				break;
		}
		time_col_to_json(&b, c);
		roles_column_to_json(&b, c);
		appendStringInfoChar(&b, '}');
	}
	appendStringInfoString(&b, "\n]");
	cons_to_json(&b, m);
	roles_model_to_json(&b, m);

	write_copula(&b, m, &first);
	key_order_to_json(&b, m);
	if (m->seq != NULL)
	{
		json_key(&b, "sequence", &first);
		sd_seq_to_json(&b, m->seq);
	}
	appendStringInfoChar(&b, '}');

	return DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(b.data)));
}

/* ---- reading a model back ------------------------------------------------ */

void
bad_model(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid synthdata model"),
			 errdetail("%s", detail),
			 errhint("Pass a model made by synth_fit().")));
}

/*
 * The value of a key of an object, or NULL.  An array is no object: its
 * entries would be read as an object's keys and values, past their end.
 */
JsonbValue *
jget(JsonbContainer *c, const char *key)
{
	if (c == NULL || !JsonContainerIsObject(c))
		return NULL;
	return getKeyJsonValueFromContainer(c, key, strlen(key), NULL);
}

/* v as an array (array) or an object (!array) of n elements (n < 0: any), or NULL */
static JsonbContainer *
jcontainer(JsonbValue *v, bool array, int n)
{
	if (v == NULL || v->type != jbvBinary ||
		(array ? !JsonContainerIsArray(v->val.binary.data) :
		 !JsonContainerIsObject(v->val.binary.data)) ||
		(n >= 0 && (int) JsonContainerSize(v->val.binary.data) != n))
		return NULL;
	return v->val.binary.data;
}

JsonbContainer *
jget_container(JsonbContainer *c, const char *key, bool array, bool missing_ok)
{
	JsonbValue *v = jget(c, key);

	if (v == NULL && missing_ok)
		return NULL;
	if (v == NULL || v->type != jbvBinary ||
		(array ? !JsonContainerIsArray(v->val.binary.data) :
		 !JsonContainerIsObject(v->val.binary.data)))
		bad_model(psprintf("Field \"%s\" is missing or is not an %s.", key,
						   array ? "array" : "object"));
	return v->val.binary.data;
}

/*
 * A number of the model as a double: a finite one (numeric_float8 would
 * fail on one beyond a double's range with an error of its own; the
 * conversion is the same strtod of the same text otherwise).
 */
double
jnum(JsonbValue *v, const char *what)
{
	double		d;

	if (v == NULL || v->type != jbvNumeric)
		bad_model(psprintf("Field \"%s\" is missing or is not a number.", what));
	d = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow,
										   NumericGetDatum(v->val.numeric)));
	if (!isfinite(d))
		bad_model(psprintf("Field \"%s\" is out of range.", what));
	return d;
}

static double
jget_num(JsonbContainer *c, const char *key)
{
	return jnum(jget(c, key), key);
}

/* a probability, a share or a fraction: between 0 and 1 */
double
jprob(JsonbValue *v, const char *what)
{
	double		p = jnum(v, what);

	if (!(p >= 0 && p <= 1))
		bad_model(psprintf("Field \"%s\" must lie between 0 and 1.", what));
	return p;
}

/* a count of rows: a non-negative integer */
static int64
jget_count(JsonbContainer *c, const char *key)
{
	double		d = jget_num(c, key);

	if (!(d >= 0 && d <= 4.6e18 && d == rint(d)))
		bad_model(psprintf("Field \"%s\" must be a non-negative integer.", key));
	return (int64) d;
}

static int
jget_dim(JsonbContainer *c, const char *key, int ndims)
{
	JsonbValue *v = jget(c, key);
	double		d;

	if (v == NULL || v->type == jbvNull)
		return -1;
	d = jnum(v, key);
	if (d < 0 || d >= ndims || d != rint(d))
		bad_model(psprintf("Field \"%s\" is not a copula dimension.", key));
	return (int) d;
}

char *
jget_str(JsonbContainer *c, const char *key, bool missing_ok)
{
	JsonbValue *v = jget(c, key);

	if (v == NULL && missing_ok)
		return NULL;
	if (v == NULL || v->type != jbvString)
		bad_model(psprintf("Field \"%s\" is missing or is not a string.", key));
	return pnstrdup(v->val.string.val, v->val.string.len);
}

static int
lookup_name(const char *name, const char *const *names, int n, const char *what)
{
	int			i;

	for (i = 0; i < n; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	bad_model(psprintf("Unknown %s \"%s\".", what, name));
	return -1;
}

void
read_number_array(JsonbContainer *arr, double *out, int n, const char *what)
{
	int			i;

	if (arr == NULL || (int) JsonContainerSize(arr) != n)
		bad_model(psprintf("Field \"%s\" must have %d elements.", what, n));
	for (i = 0; i < n; i++)
	{
		out[i] = jnum(getIthJsonbValueFromContainer(arr, i), what);
		if (i > 0 && out[i] < out[i - 1])
			bad_model(psprintf("Field \"%s\" must not decrease.", what));
	}
}

/* LEN_POINTS quantiles of lengths (bytes, or elements), from 0 to max */
static void
read_length_array(JsonbContainer *arr, double *out, double max, const char *what)
{
	read_number_array(arr, out, LEN_POINTS, what);
	if (!(out[0] >= 0 && out[LEN_POINTS - 1] <= max))
		bad_model(psprintf("Field \"%s\" must hold lengths from 0 to %.0f.", what, max));
}

/* [{"value": label, "p": p}, ...] of text categories; returns their number */
static int
read_label_cats(JsonbContainer *arr, ModelCat **cats)
{
	int			n = JsonContainerSize(arr),
				j;

	*cats = palloc0(sizeof(ModelCat) * Max(n, 1));
	for (j = 0; j < n; j++)
	{
		JsonbValue *e = getIthJsonbValueFromContainer(arr, j);
		ModelCat   *cat = &(*cats)[j];

		if (jcontainer(e, false, -1) == NULL)
			bad_model("Each category must be a JSON object.");
		cat->label = jget_str(e->val.binary.data, "value", false);
		cat->len = strlen(cat->label);
		cat->p = jprob(jget(e->val.binary.data, "p"), "p");
	}
	return n;
}

/*
 * A numeric column's shares of (decimals the value needs, display scale):
 * an array of at most SD_VSCALE_SLOTS arrays of at most SD_DSCALE_SLOTS
 * shares, as display_scales() makes it, into c->dscale_joint and
 * c->dscale_cum; nothing when the model has none.
 */
static void
read_display_scales(JsonbContainer *arr, ModelCol *c)
{
	int			rows,
				v,
				d;
	double		total = 0;

	if (arr == NULL)
		return;
	rows = JsonContainerSize(arr);
	if (rows > SD_VSCALE_SLOTS)
		bad_model(psprintf("Field \"display_scales\" must have at most %d elements.",
						   SD_VSCALE_SLOTS));
	c->dscale_joint = palloc0(sizeof(double) * SD_DSCALE_CELLS);
	for (v = 0; v < rows; v++)
	{
		JsonbValue *e = getIthJsonbValueFromContainer(arr, v);
		JsonbContainer *row = jcontainer(e, true, -1);
		int			n;

		if (row == NULL)
			bad_model("Each element of \"display_scales\" must be an array.");
		n = JsonContainerSize(row);
		if (n > SD_DSCALE_SLOTS)
			bad_model(psprintf("Each element of \"display_scales\" must have at most %d elements.",
							   SD_DSCALE_SLOTS));
		for (d = 0; d < n; d++)
		{
			double		p = jprob(getIthJsonbValueFromContainer(row, d), "display_scales");

			c->dscale_joint[v * SD_DSCALE_SLOTS + d] = p;
			total += p;
		}
	}
	if (!(total > 0))
		bad_model("Field \"display_scales\" must hold a positive share.");
	display_scales_cumulate(c);
}

/* a continuous column: integer, scale and the quantile grid */
static void
read_continuous(JsonbContainer *cc, ModelCol *c)
{
	JsonbValue *v = jget(cc, "integer");

	c->integer = v != NULL && v->type == jbvBool && v->val.boolean;
	v = jget(cc, "scale");
	if (v != NULL && v->type != jbvNull)
		c->scale = (int) Max(0, Min(15, jnum(v, "scale")));
	read_display_scales(jget_container(cc, "display_scales", true, true), c);
	c->grid = palloc(sizeof(double) * GRID_POINTS);
	read_number_array(jget_container(cc, "quantiles", true, false),
					  c->grid, GRID_POINTS, "quantiles");
}

/* a categorical column: its categories, all numbers or all strings */
static void
read_categorical(JsonbContainer *cc, ModelCol *c)
{
	int			j;
	JsonbContainer *arr;
	char	   *order;

	order = jget_str(cc, "order", true);
	c->pc_order = order != NULL && strcmp(order, "first principal component") == 0;
	arr = jget_container(cc, "categories", true, false);
	c->ncat = JsonContainerSize(arr);
	if (c->ncat < 1)
		bad_model("A categorical column needs at least one category.");
	c->cats = palloc0(sizeof(ModelCat) * c->ncat);
	for (j = 0; j < c->ncat; j++)
	{
		JsonbValue *e = getIthJsonbValueFromContainer(arr, j);
		JsonbValue *v;

		if (jcontainer(e, false, -1) == NULL)
			bad_model("Each category must be a JSON object.");
		v = jget(e->val.binary.data, "value");
		if (v != NULL && v->type == jbvString)
		{
			c->cats[j].label = pnstrdup(v->val.string.val, v->val.string.len);
			c->cats[j].len = v->val.string.len;
		}
		else
		{
			c->cats[j].value = jnum(v, "value");
			c->numeric_cats = true;
		}
		if ((c->cats[j].label == NULL) != (c->cats[0].label == NULL))
			bad_model("The categories of a column must be all numbers or all strings.");
		c->cats[j].p = jprob(jget(e->val.binary.data, "p"), "p");
	}
	if (c->numeric_cats)
		read_display_scales(jget_container(cc, "display_scales", true, true), c);
}

/* a document column: its fields, then the key sets that name them */
static void
read_document(JsonbContainer *cc, ModelCol *c)
{
	JsonbContainer *sets = jget_container(cc, "key_sets", true, false);
	JsonbContainer *arr;
	int			j,
				q;

	arr = jget_container(cc, "fields", true, false);
	c->nfields = JsonContainerSize(arr);
	if (c->nfields > DOC_KEYS_MAX)
		bad_model(psprintf("A document column has at most %d fields.", DOC_KEYS_MAX));
	c->fields = palloc0(sizeof(ModelField) * Max(c->nfields, 1));
	for (j = 0; j < c->nfields; j++)
	{
		JsonbValue *e = getIthJsonbValueFromContainer(arr, j);
		ModelField *mf = &c->fields[j];
		JsonbContainer *fc;

		if (jcontainer(e, false, -1) == NULL)
			bad_model("Each field must be a JSON object.");
		fc = e->val.binary.data;
		mf->key = jget_str(fc, "key", false);
		mf->kind = (FieldKind) lookup_name(jget_str(fc, "values", false), field_kind_name,
										   lengthof(field_kind_name), "values");
		if (mf->kind == FK_JSON)
		{
			mf->ncat = read_label_cats(jget_container(fc, "categories", true, false),
									   &mf->cats);
			if (mf->ncat < 1)
				bad_model("A field of JSON values needs at least one category.");
		}
		else if (mf->kind == FK_NUMBERS)
		{
			JsonbValue *iv = jget(fc, "integer");

			mf->integer = iv != NULL && iv->type == jbvBool && iv->val.boolean;
			iv = jget(fc, "scale");
			mf->scale = iv != NULL && iv->type != jbvNull ?
				(int) Max(0, Min(15, jnum(iv, "scale"))) : -1;
			read_number_array(jget_container(fc, "quantiles", true, false),
							  mf->grid, DOC_POINTS, "quantiles");
		}
		else if (mf->kind == FK_WORDS)
			read_length_array(jget_container(fc, "length_quantiles", true, false),
							  mf->lenq, MODEL_LENGTH_MAX, "length_quantiles");
	}
	c->ndocsets = JsonContainerSize(sets);
	if (c->ndocsets < 1)
		bad_model("A document column needs at least one key set.");
	c->docsets = palloc0(sizeof(ModelDocSet) * c->ndocsets);
	for (j = 0; j < c->ndocsets; j++)
	{
		JsonbValue *e = getIthJsonbValueFromContainer(sets, j);
		JsonbContainer *keys;
		ModelDocSet *set = &c->docsets[j];

		if (jcontainer(e, false, -1) == NULL)
			bad_model("Each key set must be a JSON object.");
		keys = jget_container(e->val.binary.data, "keys", true, false);
		set->p = jprob(jget(e->val.binary.data, "p"), "p");
		set->nkeys = JsonContainerSize(keys);
		if (set->nkeys > DOC_SET_KEYS_MAX)
			bad_model(psprintf("A key set has at most %d keys.", DOC_SET_KEYS_MAX));
		set->keys = palloc(sizeof(int) * Max(set->nkeys, 1));
		for (q = 0; q < set->nkeys; q++)
		{
			JsonbValue *kv = getIthJsonbValueFromContainer(keys, q);
			int			r;

			if (kv == NULL || kv->type != jbvString)
				bad_model("Each key of a key set must be a string.");
			for (r = 0; r < c->nfields; r++)
				if (strlen(c->fields[r].key) == (size_t) kv->val.string.len &&
					memcmp(c->fields[r].key, kv->val.string.val, kv->val.string.len) == 0)
					break;
			if (r == c->nfields)
				bad_model("A key set names a key that has no field.");
			set->keys[q] = r;
		}
	}
}

/* a range or multirange column: bounds' shares and quantiles */
static void
read_range(JsonbContainer *cc, ModelCol *c)
{
	JsonbValue *v;

	c->empty_fraction = jprob(jget(cc, "empty_fraction"), "empty_fraction");
	c->lower_inf_fraction = jprob(jget(cc, "lower_infinite_fraction"),
								  "lower_infinite_fraction");
	c->upper_inf_fraction = jprob(jget(cc, "upper_infinite_fraction"),
								  "upper_infinite_fraction");
	v = jget(cc, "lower_inclusive");
	c->lower_inc = v != NULL && v->type == jbvBool && v->val.boolean;
	v = jget(cc, "upper_inclusive");
	c->upper_inc = v != NULL && v->type == jbvBool && v->val.boolean;
	v = jget(cc, "integer");
	c->integer = v != NULL && v->type == jbvBool && v->val.boolean;
	v = jget(cc, "scale");
	c->scale = v != NULL && v->type != jbvNull ?
		(int) Max(0, Min(15, jnum(v, "scale"))) : -1;
	read_number_array(jget_container(cc, "lower_quantiles", true, false),
					  c->lowq, DOC_POINTS, "lower_quantiles");
	read_number_array(jget_container(cc, "upper_quantiles", true, false),
					  c->uppq, DOC_POINTS, "upper_quantiles");
	read_number_array(jget_container(cc, "width_quantiles", true, false),
					  c->widthq, DOC_POINTS, "width_quantiles");
	/* a multirange (models of 0.2.0 on) */
	if (jget(cc, "range_count_quantiles") != NULL)
	{
		int			g;

		c->multirange = true;
		read_number_array(jget_container(cc, "range_count_quantiles", true, false),
						  c->nrangeq, LEN_POINTS, "range_count_quantiles");
		for (g = 0; g < LEN_POINTS; g++)
			if (!(c->nrangeq[g] >= 0 && c->nrangeq[g] <= MULTIRANGE_RANGES_MAX))
				bad_model(psprintf("Field \"range_count_quantiles\" must hold numbers between 0 and %d.",
								   MULTIRANGE_RANGES_MAX));
	}
}

/* an array column: its elements and lengths */
static void
read_array(JsonbContainer *cc, ModelCol *c)
{
	c->ncat = read_label_cats(jget_container(cc, "elements", true, false), &c->cats);
	read_length_array(jget_container(cc, "length_quantiles", true, false),
					  c->lenq, MODEL_ARRAY_MAX, "length_quantiles");
}

/* a formatted column: its shapes and lengths */
static void
read_format(JsonbContainer *cc, ModelCol *c)
{
	JsonbValue *bin = jget(cc, "binary");
	JsonbContainer *arr;
	int			j;

	c->binary = bin != NULL && bin->type == jbvBool && bin->val.boolean;
	arr = jget_container(cc, "shapes", true, false);
	c->nshapes = JsonContainerSize(arr);
	c->shapes = palloc0(sizeof(ModelShape) * Max(c->nshapes, 1));
	for (j = 0; j < c->nshapes; j++)
	{
		JsonbValue *e = getIthJsonbValueFromContainer(arr, j);

		if (jcontainer(e, false, -1) == NULL)
			bad_model("Each shape must be a JSON object.");
		c->shapes[j].shape = jget_str(e->val.binary.data, "shape", false);
		c->shapes[j].len = strlen(c->shapes[j].shape);
		if (c->shapes[j].len > SHAPE_MAX)
			bad_model(psprintf("A shape has at most %d characters.", SHAPE_MAX));
		c->shapes[j].p = jprob(jget(e->val.binary.data, "p"), "p");
	}
	read_length_array(jget_container(cc, "length_quantiles", true, false),
					  c->lenq, MODEL_LENGTH_MAX, "length_quantiles");
}

/* a text column: its lengths and text model */
static void
read_text(JsonbContainer *cc, ModelCol *c)
{
	read_length_array(jget_container(cc, "length_quantiles", true, false),
					  c->lenq, MODEL_LENGTH_MAX, "length_quantiles");
	c->text = text_model_read(cc);
}

/* what every column has: name, type, class, role, kind and dimensions */
static void
read_column_head(const Model *m, JsonbContainer *cc, ModelCol *c)
{
	char	   *cls;
	JsonbValue *v;

	c->name = jget_str(cc, "name", false);
	c->type = jget_str(cc, "type", false);
	cls = jget_str(cc, "class", false);
	/* the class fixes how values are read: any kind of the class will do */
	if (strcmp(cls, "number") == 0)
		c->vk = VK_FLOAT8;
	else if (strcmp(cls, "text") == 0)
		c->vk = VK_STRING;
	else if (strcmp(cls, "timetz") == 0)
	{
		JsonbValue *zv = jget(cc, "zone");

		c->vk = VK_TIMETZ;
		c->zone = zv != NULL && zv->type == jbvNumeric ?
			(int32) Max(-TZDISP_LIMIT, Min(TZDISP_LIMIT, jnum(zv, "zone"))) : 0;
	}
	else
		c->vk = (ValueKind) (VK_DATE + lookup_name(cls, value_class + VK_DATE,
												   VK_UUID - VK_DATE + 1, "class"));
	c->role = (Role) lookup_name(jget_str(cc, "role", false), role_name,
								 lengthof(role_name) - 1, "role");
	v = jget(cc, "key_member");
	c->key_member = c->role == ROLE_KEY && v != NULL && v->type == jbvBool && v->val.boolean;
	c->pii_kind = jget_str(cc, "pii_kind", true);
	c->reason = jget_str(cc, "reason", true);
	c->kind = (MargKind) lookup_name(jget_str(cc, "kind", false), kind_name,
									 lengthof(kind_name), "kind");
	c->null_fraction = jprob(jget(cc, "null_fraction"), "null_fraction");
	v = jget(cc, "suppressed_fraction");
	if (v != NULL)
		c->suppressed = jprob(v, "suppressed_fraction");
	c->null_dim = jget_dim(cc, "null_dimension", m->ndims);
	c->value_dim = jget_dim(cc, "value_dimension", m->ndims);
	c->scale = -1;
	c->parent = -1;
	c->null_parent = -1;
	c->cat_parent = -1;
}

/* column i's categories conditional on a parent's, if any */
static void
read_category_parent(Model *m, JsonbContainer *cc, int i)
{
	JsonbContainer *cond;
	JsonbContainer *rows;
	ModelCol   *c = &m->cols[i];
	ModelCol   *par;
	int			r,
				j;

	if ((cond = jget_container(cc, "category_conditional", false, true)) == NULL)
		return;
	c->cat_parent = model_column_named(m, jget_str(cond, "parent", false), i);
	par = c->cat_parent >= 0 ? &m->cols[c->cat_parent] : NULL;
	if (par == NULL || par->kind != MK_CATEGORICAL || par->value_dim < 0 ||
		c->kind != MK_CATEGORICAL || c->value_dim < 0)
		bad_model(psprintf("The category parent of column \"%s\" is not a categorical column of the model.",
						   c->name));
	c->cat_u = jget_num(cond, "uncertainty_coefficient");	/* informative */
	rows = jget_container(cond, "probabilities", true, false);
	if ((int) JsonContainerSize(rows) != par->ncat)
		bad_model("Conditional categories need one row per parent category.");
	c->cat_cond = palloc(sizeof(double) * par->ncat * c->ncat);
	for (r = 0; r < par->ncat; r++)
	{
		JsonbContainer *row = jcontainer(getIthJsonbValueFromContainer(rows, r), true,
										 c->ncat);

		if (row == NULL)
			bad_model("Each row of conditional categories needs one number per category.");
		for (j = 0; j < c->ncat; j++)
			c->cat_cond[r * c->ncat + j] =
				jprob(getIthJsonbValueFromContainer(row, j), "probabilities");
	}
}

/* column i's NULL-ness conditional on a parent's category, if any */
static void
read_null_parent(Model *m, JsonbContainer *cc, int i)
{
	JsonbContainer *cond;
	JsonbContainer *fr;
	ModelCol   *c = &m->cols[i];
	ModelCol   *par;
	int			r;

	if ((cond = jget_container(cc, "null_conditional", false, true)) == NULL)
		return;
	c->null_parent = model_column_named(m, jget_str(cond, "parent", false), i);
	par = c->null_parent >= 0 ? &m->cols[c->null_parent] : NULL;
	if (par == NULL || par->kind != MK_CATEGORICAL || par->value_dim < 0 ||
		c->null_dim < 0)
		bad_model(psprintf("The NULL parent of column \"%s\" is not a categorical column of the model.",
						   c->name));
	c->null_v = jget_num(cond, "cramers_v");
	fr = jget_container(cond, "null_fractions", true, false);
	if ((int) JsonContainerSize(fr) != par->ncat)
		bad_model("A conditional NULL-ness needs one fraction per parent category.");
	c->null_cond = palloc(sizeof(double) * par->ncat);
	for (r = 0; r < par->ncat; r++)
		c->null_cond[r] = jprob(getIthJsonbValueFromContainer(fr, r), "null_fractions");
}

/* column i's marginal conditional on a parent's category, if any */
static void
read_marginal_parent(Model *m, JsonbContainer *cc, int i)
{
	JsonbContainer *cond;
	JsonbContainer *shares;
	ModelCol   *c = &m->cols[i];
	ModelCol   *par = NULL;
	char	   *pname;
	int			r,
				u,
				k,
				j;

	if (c->kind != MK_CONTINUOUS ||
		(cond = jget_container(cc, "conditional", false, true)) == NULL)
		return;
	pname = jget_str(cond, "parent", false);
	for (j = 0; j < m->ncols; j++)
		if (j != i && strcmp(m->cols[j].name, pname) == 0)
		{
			c->parent = j;
			par = &m->cols[j];
		}
	if (par == NULL || par->kind != MK_CATEGORICAL || par->value_dim < 0 ||
		c->value_dim < 0)
		bad_model(psprintf("The parent of column \"%s\" is not a categorical column of the model.",
						   c->name));
	if (jget_num(cond, "bins") != U_BINS)
		bad_model(psprintf("Conditional marginals have %d bins.", U_BINS));
	/* how strongly the parent sorts the column: reported, not drawn from */
	if (jget(cond, "eta2") != NULL)
		c->eta2 = jprob(jget(cond, "eta2"), "eta2");
	if (jget(cond, "slice_v") != NULL)
		c->slice_v = jprob(jget(cond, "slice_v"), "slice_v");
	c->cond = palloc(sizeof(double) * par->ncat * U_BINS * 3);
	for (k = 0; k < 3; k++)
	{
		const char *what = k == 0 ? "shares" : k == 1 ? "means" : "sds";

		shares = jget_container(cond, what, true, false);
		if ((int) JsonContainerSize(shares) != par->ncat)
			bad_model("A conditional marginal needs one row per parent category.");
		for (r = 0; r < par->ncat; r++)
		{
			JsonbContainer *row = jcontainer(getIthJsonbValueFromContainer(shares, r), true,
											 U_BINS);

			if (row == NULL)
				bad_model("Each row of a conditional marginal needs one number per bin.");
			/* shares, and means and deviations of ranks: all within [0, 1] */
			for (u = 0; u < U_BINS; u++)
				c->cond[(r * U_BINS + u) * 3 + k] =
					jprob(getIthJsonbValueFromContainer(row, u), what);
		}
	}
}

/* an integer option of the fit, from lo to hi, if the model has it */
static void
read_int_option(JsonbContainer *opts, const char *key, int lo, int hi, int *out)
{
	JsonbValue *v = jget(opts, key);
	double		d;

	if (v == NULL)
		return;
	d = jnum(v, key);
	if (!(d >= lo && d <= hi && d == rint(d)))
		bad_model(psprintf("Option \"%s\" of the model must be an integer from %d to %d.",
						   key, lo, hi));
	*out = (int) d;
}

/*
 * The options the model was fitted with: k, the privacy threshold, also
 * decides at sampling time whether the exact-copy guard tells anything
 * (guard_columns), so a stored model must keep it.  A model without them
 * (written by hand) has the fit's defaults.
 */
static void
read_options(Model *m, JsonbContainer *root)
{
	JsonbContainer *opts = jget_container(root, "options", false, true);
	JsonbValue *v;

	m->k = SD_PRIVACY_K;
	m->category_cap = SD_CATEGORY_CAP;
	m->sample_percent = 0;
	if (opts == NULL)
		return;
	read_int_option(opts, "k", 1, 1000000, &m->k);
	read_int_option(opts, "category_cap", 2, 100000, &m->category_cap);
	v = jget(opts, "sample_percent");
	if (v != NULL && v->type != jbvNull)
	{
		double		d = jnum(v, "sample_percent");

		if (!(d > 0 && d < 100))
			bad_model("Option \"sample_percent\" of the model must be greater than 0 and less than 100, or null.");
		m->sample_percent = d;
	}
}

/* format, version, source, row count, fit options and the privacy report */
static void
read_header(Model *m, JsonbContainer *root)
{
	JsonbContainer *src;
	JsonbValue *pv;
	char	   *format;

	format = jget_str(root, "format", true);
	if (format == NULL || strcmp(format, "synthdata model") != 0)
		bad_model("Field \"format\" must be \"synthdata model\".");
	if (jget_num(root, "version") != MODEL_VERSION)
		bad_model(psprintf("This version of synthdata reads models of version %d.",
						   MODEL_VERSION));
	src = jget_container(root, "source", false, false);
	m->schema = jget_str(src, "schema", false);
	m->table = jget_str(src, "table", false);
	m->rows = jget_count(root, "rows");
	read_options(m, root);
	/* a differentially private model: kept whole, so that it is written back */
	pv = jget(root, "privacy");
	if (pv != NULL)
	{
		if (pv->type != jbvBinary || !JsonContainerIsObject(pv->val.binary.data))
			bad_model("Field \"privacy\" must be a JSON object.");
		m->privacy = JsonbToCString(NULL, pv->val.binary.data, pv->val.binary.len);
	}
}

/* the copula: its dimensions and correlation matrix (after m->ncols) */
static void
read_copula(Model *m, JsonbContainer *root)
{
	JsonbContainer *cop,
			   *corr;
	double		d;
	int			i,
				j;

	cop = jget_container(root, "copula", false, false);
	d = jget_num(cop, "dimensions");
	/* informative only, and absent from models written before it existed */
	if (jget(cop, "rows") != NULL)
		m->copula_rows = jget_count(cop, "rows");
	if (!(d >= 0 && d <= 2 * m->ncols && d == rint(d)))
		bad_model("Field \"dimensions\" is out of range.");
	m->ndims = (int) d;
	corr = jget_container(cop, "correlation", true, false);
	if ((int) JsonContainerSize(corr) != m->ndims)
		bad_model("The correlation matrix must have one row per dimension.");
	m->corr = palloc(sizeof(double) * Max(m->ndims * m->ndims, 1));
	for (i = 0; i < m->ndims; i++)
	{
		JsonbContainer *row = jcontainer(getIthJsonbValueFromContainer(corr, i), true,
										 m->ndims);

		if (row == NULL)
			bad_model("The correlation matrix must be square.");
		for (j = 0; j < m->ndims; j++)
		{
			double		r = jnum(getIthJsonbValueFromContainer(row, j), "correlation");

			if (!(r >= -1 && r <= 1))
				bad_model("Correlations must lie between -1 and 1.");
			m->corr[i * m->ndims + j] = r;
		}
	}
}

/* a parent is drawn from its own dimension: never a conditional category */
static void
check_parents(const Model *m)
{
	int			i;

	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *c = &m->cols[i];

		if ((c->parent >= 0 && m->cols[c->parent].cat_parent >= 0) ||
			(c->null_parent >= 0 && m->cols[c->null_parent].cat_parent >= 0) ||
			(c->cat_parent >= 0 && m->cols[c->cat_parent].cat_parent >= 0))
			bad_model(psprintf("The parent of column \"%s\" is itself conditional on a parent.",
							   c->name));
	}
}

Model *
model_from_jsonb(Jsonb *jb)
{
	Model	   *m = palloc0(sizeof(Model));
	JsonbContainer *root = &jb->root,
			   *cols;
	JsonbValue *seq;
	double		row_bytes;
	int			i;

	if (!JB_ROOT_IS_OBJECT(jb))
		bad_model("The model is not a JSON object.");
	read_header(m, root);
	/* a table's columns, each with at most a NULL and a value dimension */
	cols = jget_container(root, "columns", true, false);
	m->ncols = JsonContainerSize(cols);
	if (m->ncols > MaxTupleAttributeNumber)
		bad_model(psprintf("A model has at most %d columns.", MaxTupleAttributeNumber));
	read_copula(m, root);

	m->cols = palloc0(sizeof(ModelCol) * Max(m->ncols, 1));
	for (i = 0; i < m->ncols; i++)
	{
		JsonbValue *cv = getIthJsonbValueFromContainer(cols, i);
		JsonbContainer *cc;
		ModelCol   *c = &m->cols[i];

		if (cv == NULL || cv->type != jbvBinary || !JsonContainerIsObject(cv->val.binary.data))
			bad_model("Each column must be a JSON object.");
		cc = cv->val.binary.data;
		read_column_head(m, cc, c);
		switch (c->kind)
		{
			case MK_CONTINUOUS:
				read_continuous(cc, c);
				break;
			case MK_CATEGORICAL:
				read_categorical(cc, c);
				break;
			case MK_DOCUMENT:
				read_document(cc, c);
				break;
			case MK_RANGE:
				read_range(cc, c);
				break;
			case MK_ARRAY:
				read_array(cc, c);
				break;
			case MK_FORMAT:
				read_format(cc, c);
				break;
			case MK_TEXT:
				read_text(cc, c);
				break;
			case MK_DERIVED:
				c->derived = derived_read(cc);
				break;
			case MK_IMAGE:
				c->image = image_model_read(cc);
				break;
			case MK_XML:
				c->xml = xml_model_read(cc);
				break;
			case MK_CONSTANT:
				c->constant = jget_str(cc, "value", false);
				break;
			default:
				break;
		}
		if (c->value_dim >= 0 && c->kind != MK_CONTINUOUS && c->kind != MK_CATEGORICAL)
			bad_model("Only continuous and categorical columns have a value dimension.");
	}

	/* conditional categories name their parent */
	for (i = 0; i < m->ncols; i++)
		read_category_parent(m, getIthJsonbValueFromContainer(cols, i)->val.binary.data, i);

	/* conditional NULL-ness names its parent too */
	for (i = 0; i < m->ncols; i++)
		read_null_parent(m, getIthJsonbValueFromContainer(cols, i)->val.binary.data, i);

	/* conditional marginals name their parent: resolve once all columns are read */
	for (i = 0; i < m->ncols; i++)
		read_marginal_parent(m, getIthJsonbValueFromContainer(cols, i)->val.binary.data, i);
	for (i = 0; i < m->ncols; i++)
		roles_column_from_json(jcontainer(getIthJsonbValueFromContainer(cols, i), false, -1),
							   &m->cols[i]);
	roles_model_from_json(root, m);
	check_parents(m);
	/* the grain of time, and the relations between columns */
	for (i = 0; i < m->ncols; i++)
		time_col_from_json(&m->cols[i],
						   getIthJsonbValueFromContainer(cols, i)->val.binary.data);
	cons_from_json(m, root);
	/* a differentially private model's tree of 2-way marginals (dp_mst.c) */
	{
		JsonbValue *mv = jget(root, "mst");

		if (mv != NULL)
		{
			if (mv->type != jbvBinary || !JsonContainerIsObject(mv->val.binary.data))
				bad_model("Field \"mst\" must be a JSON object.");
			m->mst = sd_mst_from_json(m, mv->val.binary.data);
		}
	}

	/* a sequential table's dynamics (sequence_json.c) */
	seq = jget(root, "sequence");
	if (seq != NULL && seq->type != jbvNull)
	{
		if (seq->type != jbvBinary || !JsonContainerIsObject(seq->val.binary.data))
			bad_model("Field \"sequence\" must be an object.");
		m->seq = sd_seq_from_jsonb(seq->val.binary.data, m);
	}
	/* keys issued in time order (key_order.c) */
	key_order_from_json(m, root);
	/* what one row may take, bounded: no model makes a row of gigabytes */
	row_bytes = fill_row_bytes(m);
	if (row_bytes > MODEL_ROW_BYTES_MAX)
		bad_model(psprintf("A row drawn from the model could take %.0f MB; at most %.0f MB are allowed.",
						   ceil(row_bytes / (1024 * 1024)), MODEL_ROW_BYTES_MAX / (1024 * 1024)));
	return m;
}
