/*-------------------------------------------------------------------------
 *
 * fit_options.c
 *		The fit's options: their names and values checked before the source
 *		is read (parse_fit_options), a column's role and kind given in option
 *		"columns" or by a label, and those overrides applied to the model's
 *		columns after the catalog's roles.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fit_options.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"
#include "labels.h"
#include "roles.h"
#include "sequence.h"

/* ---- options ------------------------------------------------------------ */

static const char *const fit_option_names[] = {
	"k", "category_cap", "sample_percent", "exact_copy_guard", "copula",
	"orderings", "dependencies", "time_grain", "key_order", "columns", "epsilon",
	"delta", "epsilon_budget", "person_key", "max_rows_per_person", "noise_seed",
	"bounds", "dependence", "dp_method", "sequence", NULL
};
static const char *const column_option_names[] = {"role", "pii_kind", "kind", NULL};

/* the roles option "columns" accepts (roles_option_role) */
static const char *const role_option_names[] = {
	"attribute", "key", "identifier", "pii", "personal", "foreign_key",
	"own_key", "categorical", "numeric", "temporal", "free_text", NULL
};

/* the text kinds of fake value a PII column can be given, for hints */
static const char *const *
pii_kind_names(void)
{
	static const char *names[SD_FAKE_NKINDS];
	int			n = 0,
				kind;

	if (names[0] == NULL)
	{
		for (kind = SD_FAKE_NONE + 1; kind < SD_FAKE_NKINDS; kind++)
			if (sd_fake_kind_type((SdFakeKind) kind) == SD_FAKE_TYPE_TEXT)
				names[n++] = sd_fake_kind_name((SdFakeKind) kind);
		names[n] = NULL;
	}
	return names;
}

/* errcontext of the options of one column */
static void
column_option_context(void *arg)
{
	errcontext("option \"columns\", column \"%s\"", (const char *) arg);
}

/* errcontext of the security label of one column */
static void
column_label_context(void *arg)
{
	errcontext("synthdata security label of column \"%s\"", (const char *) arg);
}

/*
 * The options of one column ({"role": ..., "pii_kind": ...}): every key
 * known, every value valid.  Applied to c when it is not NULL; reason is
 * what synth_columns says of a role so set (NULL: an option of the call,
 * else the entry comes from the column's security label).
 */
static void
read_column_options(const char *name, JsonbValue *v, struct ModelCol *c,
					const char *reason)
{
	ErrorContextCallback cb;
	Jsonb	   *opts;
	int			role;
	char	   *kind;
	bool		personal = false,
				fk = false;

	cb.callback = reason ? column_label_context : column_option_context;
	cb.arg = (void *) name;
	if (reason == NULL)
		reason = "set by option";
	cb.previous = error_context_stack;
	error_context_stack = &cb;

	if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option for column \"%s\" must be a JSON object", name),
				 errhint("Valid options are: %s.", sd_opt_names(column_option_names))));
	opts = JsonbValueToJsonb(v);
	sd_opts_check(opts, column_option_names, psprintf("column \"%s\"", name));
	role = sd_opt_choice(opts, "role", role_option_names);
	if (role >= 0)
		role = roles_option_role(role_option_names[role], &personal, &fk);
	kind = sd_opt_text(opts, "pii_kind");
	if (kind == NULL)
		kind = sd_opt_text(opts, "kind");
	if (kind != NULL)
	{
		SdFakeKind	fk = sd_fake_kind_lookup(kind);

		if (fk == SD_FAKE_NONE || sd_fake_kind_type(fk) != SD_FAKE_TYPE_TEXT)
			sd_opt_invalid_value("pii_kind", kind, pii_kind_names());
		if (role >= 0 && role != ROLE_PII)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"pii_kind\" requires role \"pii\""),
					 errdetail("Column \"%s\" is given role \"%s\".", name, role_name[role]),
					 errhint("Leave out \"role\", or set it to \"pii\".")));
		/* the model names the kind as synth_fake_kinds() does */
		kind = (char *) sd_fake_kind_name(fk);
	}
	if (c != NULL)
	{
		if (kind != NULL && (vk_is_number(c->vk) || c->vk == VK_BOOL ||
							 c->vk == VK_INTERVAL || c->vk == VK_TIMETZ))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"pii_kind\" does not apply to column \"%s\" of type %s",
							name, c->type),
					 errdetail("A kind of fake value replaces text values."),
					 errhint("Give the column role \"pii\" or \"identifier\" without a kind.")));
		if (fk && (c->sem == NULL || c->sem->ref_table == NULL))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("column \"%s\" has no foreign key", name),
					 errdetail("Role \"foreign_key\" draws the keys of the parent a one-column foreign key names."),
					 errhint("Declare the foreign key, or give the column another role.")));
		if (role >= 0)
		{
			c->role = (Role) role;
			c->role_forced = !fk;
			c->key_member = false;
			c->reason = (char *) reason;
			if (c->role != ROLE_PII)
				c->pii_kind = NULL;
			/* any other role than foreign_key models the column's own values */
			if (!fk && c->sem != NULL)
				c->sem->ref_table = NULL;
		}
		if (kind != NULL)
		{
			c->pii_kind = kind;
			c->role = ROLE_PII;
			c->role_forced = true;
			c->reason = (char *) reason;
		}
	}
	error_context_stack = cb.previous;
}

/* every column's options, checked before the table is read (c NULL) */
static void
check_columns_option(Jsonb *columns)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *name = NULL;

	it = JsonbIteratorInit(&columns->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			name = pnstrdup(v.val.string.val, v.val.string.len);
		else if (tok == WJB_VALUE)
			read_column_options(name, &v, NULL, NULL);
	}
}

/*
 * A column label's entry ({"role": ..., "kind": ...}), checked when the
 * label is set: the vocabulary, and a kind on a column of a type that
 * takes none.  A foreign key is not required here: it may come later.
 */
void
fit_check_column_label(const char *name, Jsonb *entry, Oid typid, int32 typmod)
{
	ModelCol	c;
	JsonbValue	v;

	memset(&c, 0, sizeof(c));
	c.name = (char *) name;
	c.type = format_type_with_typemod(typid, typmod);
	c.vk = value_kind_of(typid);
	c.sem = palloc0(sizeof(ColSemantics));
	c.sem->ref_table = "";		/* "foreign_key" is checked at fit time */
	v.type = jbvBinary;
	v.val.binary.data = &entry->root;
	v.val.binary.len = VARSIZE(entry) - VARHDRSZ;
	read_column_options(name, &v, &c, SD_LABEL_REASON);
}

void
parse_fit_options(Jsonb *opts, FitOptions *fo)
{
	int64		iv;
	double		d;

	fo->k = SD_PRIVACY_K;
	fo->category_cap = SD_CATEGORY_CAP;
	fo->sample_percent = 0;
	fo->guard = true;
	fo->copula = true;
	fo->orderings = true;
	fo->dependencies = true;
	fo->time_grain = true;
	fo->key_order = true;
	fo->columns = NULL;
	fo->sequence = NULL;
	if (opts == NULL)
		return;
	sd_opts_check(opts, fit_option_names, NULL);
	sd_dp_check_plain_options(opts);
	if (sd_opt_int(opts, "k", 1, 1000000, &iv))
		fo->k = (int) iv;
	if (sd_opt_int(opts, "category_cap", 2, 100000, &iv))
		fo->category_cap = (int) iv;
	if (sd_opt_number(opts, "sample_percent", &d))
	{
		if (!(d > 0 && d <= 100))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"sample_percent\" must be greater than 0 and at most 100"),
					 errdetail("sample_percent is %g.", d)));
		fo->sample_percent = d < 100 ? d : 0;
	}
	sd_opt_bool(opts, "exact_copy_guard", &fo->guard);
	sd_opt_bool(opts, "copula", &fo->copula);
	sd_opt_bool(opts, "orderings", &fo->orderings);
	sd_opt_bool(opts, "dependencies", &fo->dependencies);
	sd_opt_bool(opts, "time_grain", &fo->time_grain);
	sd_opt_bool(opts, "key_order", &fo->key_order);
	if (sd_opt_value(opts, "columns") != NULL)
	{
		JsonbValue *v = sd_opt_value(opts, "columns");

		if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"columns\" must be a JSON object"),
					 errhint("Map column names to objects such as {\"role\": \"pii\", \"pii_kind\": \"email\"}.")));
		fo->columns = JsonbValueToJsonb(v);
		check_columns_option(fo->columns);
	}
	if (sd_opt_value(opts, "sequence") != NULL)
	{
		fo->sequence = JsonbValueToJsonb(sd_opt_value(opts, "sequence"));
		sd_seq_check_option(fo->sequence);
	}
}

/* the roles and kinds option "columns" gives, on the model's columns */
void
apply_column_overrides(Model *m, Jsonb *columns, const char *reason)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;

	if (columns == NULL)
		return;
	it = JsonbIteratorInit(&columns->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *name;
		ModelCol   *c = NULL;
		int			i;

		if (tok != WJB_KEY)
			continue;
		name = pnstrdup(v.val.string.val, v.val.string.len);
		tok = JsonbIteratorNext(&it, &v, true);
		for (i = 0; i < m->ncols; i++)
			if (strcmp(m->cols[i].name, name) == 0)
				c = &m->cols[i];
		if (c == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of option \"columns\" does not exist in relation \"%s\"",
							name, m->table)));
		read_column_options(name, &v, c, reason);
	}
}
