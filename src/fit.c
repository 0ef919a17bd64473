/*-------------------------------------------------------------------------
 *
 * fit.c
 *		Fit orchestration: the fit's options, the roles of the columns and
 *		their overrides, running the aggregate's passes through SPI as the
 *		caller, the summaries taken from the dependence sample, and
 *		fit_model, which turns a relation into a Model.
 *
 * Every pass is one aggregate query run as the caller (GRANTs and
 * row-level security apply); every identifier in it is quoted and every
 * function qualified.  The marginals are decided in marginal.c and the
 * dependence in copula.c.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/fit.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"
#include "utils/guc.h"
#include "roles.h"
#include "clone_cons.h"
#include "labels.h"
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

/*
 * A child dimension that stands for its rank within the category of a
 * parent dimension: its correlations with the other dimensions become the
 * semipartial correlations given the parent, r(c,o | p) = (r_co - r_cp r_po)
 * / sqrt(1 - r_cp^2), kept inside (-0.995, 0.995), and it is made
 * uncorrelated with the parent itself.  A parent that all but determines
 * the child (1 - r_cp^2 below RANK_RESIDUAL_MIN) leaves a rank of noise:
 * the formula then divides the estimates' error by almost nothing, and
 * read a NULL-ness that a category decides as tied (0.995) to another
 * column's NULL-ness that was independent of it; such a rank is
 * uncorrelated with every dimension.
 */
#define RANK_RESIDUAL_MIN 0.05

void
rank_within_parent(double *R, int D, int child, int parent)
{
	double		rcp = R[child * D + parent],
				rest = 1 - rcp * rcp,
				sq = sqrt(Max(1e-6, rest));
	int			o;

	for (o = 0; o < D; o++)
	{
		double		v = 0;

		if (o == child || o == parent)
			continue;
		if (rest >= RANK_RESIDUAL_MIN)
		{
			v = (R[child * D + o] - rcp * R[parent * D + o]) / sq;
			v = Max(-0.995, Min(0.995, v));
		}
		R[child * D + o] = R[o * D + child] = v;
	}
	R[child * D + parent] = R[parent * D + child] = 0;
}

/* ---- roles ------------------------------------------------------------- */

/*
 * PII by column name, through the fake-value generators' column inference
 * (fake.h): a kind whose values are text, for a text column.
 */
const char *
pii_kind_from_name(const char *relname, const char *name)
{
	/* with the table's name: a language's or a category's "name" is a label, not a person's */
	SdFakeKind	kind = relname != NULL ? sd_fake_kind_from_column_in(relname, name) :
		sd_fake_kind_from_column(name);

	if (kind == SD_FAKE_NONE || sd_fake_kind_type(kind) != SD_FAKE_TYPE_TEXT)
		return NULL;
	/* words, sentences, paragraphs: free text, modelled by its lengths instead */
	if (kind == SD_FAKE_WORD || kind == SD_FAKE_SENTENCE || kind == SD_FAKE_PARAGRAPH)
		return NULL;
	return sd_fake_kind_name(kind);
}

/* PII by value pattern, from the column's shapes */
const char *
pii_kind_from_shapes(const SdFreq *shapes, int64 count)
{
	int64		at = 0,
				ip = 0,
				phone = 0;
	int			i,
				j;

	for (i = 0; i < shapes->nitems; i++)
	{
		const SdFreqItem *it = &shapes->items[i];
		int			digits = 0,
					dots = 0,
					other = 0,
					ats = 0;

		for (j = 0; j < it->len; j++)
		{
			char		c = it->key[j];

			if (c == '9')
				digits++;
			else if (c == '.')
				dots++;
			else if (c == '@')
				ats++;
			else if (!(c == ' ' || c == '-' || c == '+' || c == '(' || c == ')'))
				other++;
		}
		if (ats == 1)
			at += it->count;
		if (dots == 3 && other == 0 && digits >= 4 && digits <= 12 &&
			memchr(it->key, ' ', it->len) == NULL)
			ip += it->count;
		else if (digits >= 7 && other == 0 && dots <= 3)
			phone += it->count;
	}
	if (at >= count / 2)
		return sd_fake_kind_name(SD_FAKE_EMAIL);
	if (ip >= count / 2)
		return sd_fake_kind_name(SD_FAKE_IPV4);
	if (phone >= count / 2)
		return sd_fake_kind_name(SD_FAKE_PHONE);
	return NULL;
}

/*
 * The fake kind of a network address type: a MAC address for macaddr and
 * macaddr8 (whose input takes six bytes too); for inet and cidr an IPv4
 * address when most shapes are dotted ones without a colon (networks with
 * a prefix length, which the shapes of pii_kind_from_shapes leave out), else
 * an IPv6 address.
 */
const char *
pii_kind_from_type(Oid typid, const SdFreq *shapes, int64 count)
{
	int64		v4 = 0;
	int			i;

	switch (getBaseType(typid))
	{
		case MACADDROID:
		case MACADDR8OID:
			return sd_fake_kind_name(SD_FAKE_MAC);
		case INETOID:
		case CIDROID:
			for (i = 0; i < shapes->nitems; i++)
				if (memchr(shapes->items[i].key, '.', shapes->items[i].len) != NULL &&
					memchr(shapes->items[i].key, ':', shapes->items[i].len) == NULL)
					v4 += shapes->items[i].count;
			return sd_fake_kind_name(v4 >= count / 2 ? SD_FAKE_IPV4 : SD_FAKE_IPV6);
		default:
			return NULL;
	}
}

/*
 * The column of unique index idx generated unique by construction: the
 * first of its columns that takes its values from a sequence (identity or
 * nextval()), else its first column.  A partitioned table's primary key
 * must hold the partition key: pagila's payment has (payment_date,
 * payment_id), where payment_id is the serial identifier and payment_date
 * an ordinary time, drawn from its distribution (were it the generated
 * key, every payment would follow the one before at one fixed step).
 */
static AttrNumber
key_lead_column(Relation rel, Form_pg_index idx)
{
	TupleDesc	td = RelationGetDescr(rel);
	int			k;

	for (k = 0; k < idx->indnkeyatts; k++)
		if (idx->indkey.values[k] > 0 &&
			sd_attr_from_sequence(rel, TupleDescAttr(td, idx->indkey.values[k] - 1)))
			return idx->indkey.values[k];
	return idx->indkey.values[0];
}

/*
 * Columns that are (the lead column of, see key_lead_column) a unique
 * index: 1 for the column generated unique by construction, 2 for another
 * key member.  A table with a primary key or a one-column unique index
 * keeps the other columns of its composite unique indexes as members
 * (rental's (rental_date, inventory_id, customer_id) beside rental_id):
 * they are modelled, and a value drawn twice is dropped before the index
 * is built, instead of a time becoming a sequence.
 */
static void
mark_key_columns(Relation rel, char *is_key)
{
	List	   *indexes = RelationGetIndexList(rel);
	ListCell   *lc;
	bool		has_key = false;
	int			pass;

	for (pass = 0; pass < 2; pass++)
		foreach(lc, indexes)
		{
			Oid			indexoid = lfirst_oid(lc);
			HeapTuple	tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(indexoid));
			Form_pg_index idx;

			if (!HeapTupleIsValid(tup))
				continue;
			idx = (Form_pg_index) GETSTRUCT(tup);
			if (idx->indisunique && idx->indnkeyatts >= 1 &&
				idx->indkey.values[0] > 0 &&
				heap_attisnull(tup, Anum_pg_index_indpred, NULL) &&
				(pass == 0) == (idx->indisprimary || idx->indnkeyatts == 1))
			{
				AttrNumber	lead = key_lead_column(rel, idx);
				int			k;

				if (pass == 0 || !has_key)
					is_key[lead - 1] = 1;
				else if (is_key[lead - 1] == 0)
					is_key[lead - 1] = 2;
				for (k = 0; k < idx->indnkeyatts; k++)
					if (idx->indkey.values[k] > 0 && idx->indkey.values[k] != lead &&
						is_key[idx->indkey.values[k] - 1] == 0)
						is_key[idx->indkey.values[k] - 1] = 2;
				has_key = true;
			}
			ReleaseSysCache(tup);
		}
	list_free(indexes);
}

static void
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

/* ---- fitting ------------------------------------------------------------ */


static bytea *
config_to_bytea(const FitConfig *cfg)
{
	StringInfoData cbuf;
	bytea	   *raw;

	initStringInfo(&cbuf);
	config_write(&cbuf, cfg);
	raw = palloc(VARHDRSZ + cbuf.len);
	SET_VARSIZE(raw, VARHDRSZ + cbuf.len);
	memcpy(VARDATA(raw), cbuf.data, cbuf.len);
	pfree(cbuf.data);
	return raw;
}

/* the most values (rows times columns) of the sample deformed at once */
#define SAMPLE_DEFORM_CELLS (4.0 * 1024 * 1024)

/*
 * Calls fn with each row of a one-scan fit's dependence sample, deformed
 * (in the state's per-row context, reset after each row), and the number
 * of rows equal to it.
 */
void
sample_for_each(FitState *st1, SampleRowFn fn, void *arg)
{
	TupleDesc	tupdesc = NULL;
	Datum	   *values = NULL;
	bool	   *isnull = NULL;
	bool		cached;
	int			natts = 0;
	int			i;

	if (st1->nsample == 0)
		return;
	tupdesc = st1->sample_desc != NULL ? st1->sample_desc :
		lookup_rowtype_tupdesc_copy(HeapTupleHeaderGetTypeId(sample_record(st1, 0)),
									HeapTupleHeaderGetTypMod(sample_record(st1, 0)));
	natts = tupdesc->natts;
	values = palloc(sizeof(Datum) * Max(natts, 1));
	isnull = palloc(sizeof(bool) * Max(natts, 1));

	/*
	 * The rows are deformed once for every pass (a dozen of them after the
	 * scan), unless that takes more than SAMPLE_DEFORM_CELLS values.
	 */
	cached = st1->deformed_values != NULL && st1->deformed_arena == st1->arena &&
		st1->deformed_n == st1->nsample;
	/* the same records in the same order (the canonical order sorts them) */
	for (i = 0; cached && i < st1->nsample; i++)
		cached = st1->deformed_off[i] == (int64) st1->sample[i].off;
	if (!cached && (double) st1->nsample * natts <= SAMPLE_DEFORM_CELLS)
	{
		MemoryContext cxt = GetMemoryChunkContext(st1->sample);

		if (st1->deformed_values != NULL)
		{
			pfree(st1->deformed_values);
			pfree(st1->deformed_isnull);
			pfree(st1->deformed_off);
		}
		st1->deformed_off = MemoryContextAllocHuge(cxt, sizeof(int64) * st1->nsample);
		st1->deformed_values = MemoryContextAllocHuge(cxt, sizeof(Datum) * st1->nsample * Max(natts, 1));
		st1->deformed_isnull = MemoryContextAllocHuge(cxt, sizeof(bool) * st1->nsample * Max(natts, 1));
		for (i = 0; i < st1->nsample; i++)
		{
			HeapTupleHeader rec = sample_record(st1, i);
			HeapTupleData tuple;

			CHECK_FOR_INTERRUPTS();
			tuple.t_len = HeapTupleHeaderGetDatumLength(rec);
			ItemPointerSetInvalid(&(tuple.t_self));
			tuple.t_tableOid = InvalidOid;
			tuple.t_data = rec;
			heap_deform_tuple(&tuple, tupdesc, st1->deformed_values + (Size) i * natts,
							  st1->deformed_isnull + (Size) i * natts);
			st1->deformed_off[i] = (int64) st1->sample[i].off;
		}
		st1->deformed_arena = st1->arena;
		st1->deformed_n = st1->nsample;
		cached = true;
	}

	for (i = 0; i < st1->nsample; i++)
	{
		MemoryContext oldcontext;

		CHECK_FOR_INTERRUPTS();
		if (cached)
		{
			/* a copy: fn may write over its arguments */
			memcpy(values, st1->deformed_values + (Size) i * natts, sizeof(Datum) * natts);
			memcpy(isnull, st1->deformed_isnull + (Size) i * natts, sizeof(bool) * natts);
		}
		else
		{
			HeapTupleHeader rec = sample_record(st1, i);
			HeapTupleData tuple;

			tuple.t_len = HeapTupleHeaderGetDatumLength(rec);
			ItemPointerSetInvalid(&(tuple.t_self));
			tuple.t_tableOid = InvalidOid;
			tuple.t_data = rec;
			heap_deform_tuple(&tuple, tupdesc, values, isnull);
		}
		oldcontext = MemoryContextSwitchTo(st1->rowcxt);
		fn(arg, values, isnull, st1->sample[i].weight);
		MemoryContextSwitchTo(oldcontext);
		MemoryContextReset(st1->rowcxt);
	}
	pfree(values);
	pfree(isnull);
}

/* the numbers hist_from_sample collects, per column (NULL: not this one) */
typedef struct SampleValues
{
	FitConfig  *cfg;
	double	  **vals;
	int64	  **weights;
	int		   *nvals;
} SampleValues;

static void
collect_numbers(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleValues *sv = (SampleValues *) arg;
	int			j;

	for (j = 0; j < sv->cfg->ncols; j++)
	{
		int			a = sv->cfg->cols[j].attidx;
		double		x;

		if (sv->vals[j] != NULL && !isnull[a] &&
			datum_to_double(sv->cfg->cols[j].vk, values[a], &x))
		{
			sv->weights[j][sv->nvals[j]] = weight;
			sv->vals[j][sv->nvals[j]++] = x;
		}
	}
}

/* adds values with their weights: runs of weight 1 as a batch */
static void
hist_add_weighted(SdHist *h, const double *v, const int64 *w, int n)
{
	int			i = 0;

	while (i < n)
	{
		int			run = i;

		while (run < n && w[run] == 1)
			run++;
		sd_hist_add_batch(h, v + i, run - i);
		if (run < n)
			sd_hist_add_n(h, v[run], w[run]);
		i = run + 1;
	}
}

/*
 * The histograms of the numbers with more than 2 * cap distinct values, in
 * a fit that samples rows: from the sampled rows (all of them in a table of
 * at most DEPENDENCE_SAMPLE_ROWS rows).  A uniform sample of k rows is a
 * mergeable quantile summary with rank error of order 1/sqrt(k), about
 * 0.005 here (the Dvoretzky-Kiefer-Wolfowitz inequality); columns with
 * fewer values keep the exact histograms made from their counts.
 */
static void
hist_from_sample(FitState *st1)
{
	FitConfig  *cfg = st1->cfg;
	SampleValues sv;
	int			first,
				next,
				i,
				j;

	sv.cfg = cfg;
	sv.vals = palloc0(sizeof(double *) * Max(cfg->ncols, 1));
	sv.weights = palloc0(sizeof(int64 *) * Max(cfg->ncols, 1));
	sv.nvals = palloc0(sizeof(int) * Max(cfg->ncols, 1));

	/* HIST_SAMPLE_COLUMNS columns a replay, to bound the values held */
	for (first = 0; first < cfg->ncols; first = next)
	{
		int			taken = 0;

		for (next = first; next < cfg->ncols && taken < HIST_SAMPLE_COLUMNS; next++)
			if (vk_is_number(cfg->cols[next].vk) && !cfg->cols[next].count_only &&
				st1->cols[next].freq.overflowed)
			{
				sv.vals[next] = palloc(sizeof(double) * Max(st1->nsample, 1));
				sv.weights[next] = palloc(sizeof(int64) * Max(st1->nsample, 1));
				sv.nvals[next] = 0;
				taken++;
			}
		if (taken == 0)
			continue;
		sample_for_each(st1, collect_numbers, &sv);
		for (j = first; j < next; j++)
		{
			ColState   *cs = &st1->cols[j];
			double	   *v = sv.vals[j];

			if (v == NULL)
				continue;
			sd_hist_init(cs->hist);
			sd_hist_init(cs->loghist);
			hist_add_weighted(cs->hist, v, sv.weights[j], sv.nvals[j]);
			for (i = 0; i < sv.nvals[j]; i++)
				v[i] = log_scale(v[i]);
			hist_add_weighted(cs->loghist, v, sv.weights[j], sv.nvals[j]);
			pfree(v);
			pfree(sv.weights[j]);
			sv.vals[j] = NULL;
			sv.weights[j] = NULL;
		}
	}
}

/*
 * The categories and shapes of a text column whose counts overflowed (more
 * than 2 * cap distinct values or shapes in the table), from the dependence
 * sample instead: a bottom-k sample by priority is the same whatever the
 * order rows arrive in, where capped counts are not.  Only values seen at
 * least k times in the sample are kept — the sample's rows are distinct
 * source rows (equal rows one item with their count), so k sample rows
 * prove k source rows — each counted as its sample count scaled to the
 * column's non-NULL values in the table.  A table no larger than the
 * sample gets its exact counts.
 */
#define COUNT_VALUES	0
#define COUNT_SHAPES	1
#define COUNT_SECRET_SHAPES 2

typedef struct SampleStrings
{
	FitConfig  *cfg;
	int			col;
	int			what;			/* count the values (COUNT_VALUES), their shapes
								 * (COUNT_SHAPES) or their secret shapes */
	SdFreq		counts;
	int64		total;			/* weight of the non-NULL values */
} SampleStrings;

static void
collect_strings(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleStrings *ss = (SampleStrings *) arg;
	const ColConfig *c = &ss->cfg->cols[ss->col];
	const char *str;
	int			len;

	if (isnull[c->attidx])
		return;
	datum_to_string(c->vk, values[c->attidx], c->typoutput, &str, &len);
	ss->total += weight;
	if (ss->what != COUNT_VALUES)
	{
		char		shape[SHAPE_MAX];
		int			slen = ss->what == COUNT_SECRET_SHAPES ?
			secret_shape(str, len, shape) : string_shape(str, len, shape);

		sd_freq_add(&ss->counts, shape, slen, weight);
	}
	else
		sd_freq_add(&ss->counts, str, len, weight);
}

/* count descending, then bytes: a total order, whatever the input order */
static int
cmp_freq_item_count_desc(const void *a, const void *b)
{
	const SdFreqItem *x = a,
			   *y = b;
	int			c;

	if (x->count != y->count)
		return (x->count < y->count) - (x->count > y->count);
	c = memcmp(x->key, y->key, Min(x->len, y->len));
	if (c != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

/* at most max_items of them, the most frequent, as the capped counts kept */
static void
counts_from_sample(FitState *st1, int col, int what, int64 k, int max_items,
				   SdFreq *out)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext,
											  "synthdata sample counts",
											  ALLOCSET_DEFAULT_SIZES);
	MemoryContext oldcxt = MemoryContextSwitchTo(cxt);
	SampleStrings ss;
	int64		count = st1->cols[col].count;
	int			nkept = 0,
				i;

	ss.cfg = st1->cfg;
	ss.col = col;
	ss.what = what;
	ss.total = 0;
	/* room for every distinct value of the sample: exact counts */
	sd_freq_init(&ss.counts, Max(st1->nsample, 1));
	sample_for_each(st1, collect_strings, &ss);
	for (i = 0; i < ss.counts.nitems; i++)
		if (ss.counts.items[i].count >= k)
			ss.counts.items[nkept++] = ss.counts.items[i];
	qsort(ss.counts.items, nkept, sizeof(SdFreqItem), cmp_freq_item_count_desc);
	nkept = Min(nkept, max_items);
	MemoryContextSwitchTo(oldcxt);
	sd_freq_init(out, Max(nkept, 1));
	for (i = 0; i < nkept; i++)
	{
		const SdFreqItem *it = &ss.counts.items[i];

		sd_freq_add(out, it->key, it->len,
					Max(it->count, (int64) rint((double) it->count * count / ss.total)));
	}
	MemoryContextDelete(cxt);
}

static void
text_from_sample(FitState *st1, const Model *m)
{
	FitConfig  *cfg = st1->cfg;
	int64		k = m->k;
	int			j;

	for (j = 0; j < cfg->ncols; j++)
	{
		ColState   *cs = &st1->cols[j];

		if (vk_is_number(cfg->cols[j].vk) || cfg->cols[j].count_only)
			continue;
		if (cs->freq.overflowed)
			counts_from_sample(st1, j, COUNT_VALUES, k, 2 * cs->freq.cap, &cs->freq);
		/* a secret's digests draw hex digits (secret_shape), not letters */
		if (j < m->ncols && model_col_secret(&m->cols[j]))
			counts_from_sample(st1, j, COUNT_SECRET_SHAPES, k, 2 * cs->shapes.cap, &cs->shapes);
		else if (cs->shapes.overflowed)
			counts_from_sample(st1, j, COUNT_SHAPES, k, 2 * cs->shapes.cap, &cs->shapes);
	}
}

/*
 * The elements and lengths of array columns, from the dependence sample
 * (the whole table when it fits there; order-free either way): each
 * element's occurrences and the rows that hold it, weighted by the rows'
 * counts.  NULL elements are left out; arrays of several dimensions count
 * all their elements.
 */
typedef struct SampleArrays
{
	FitConfig  *cfg;
	int			col;
	Oid			elemtype;
	int16		elmlen;
	bool		elmbyval;
	char		elmalign;
	Oid			elmoutput;
	ColState   *cs;
} SampleArrays;

/* an element of one array, to count the rows that hold it once each */
typedef struct ElemKey
{
	uint64		hash;
	const char *str;
	int			len;
} ElemKey;

static int
cmp_elem_key(const void *a, const void *b)
{
	const ElemKey *x = a,
			   *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->str, y->str, x->len);
}

static void
collect_array(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleArrays *sa = (SampleArrays *) arg;
	const ColConfig *c = &sa->cfg->cols[sa->col];
	ColState   *cs = sa->cs;
	ArrayType  *arr;
	Datum	   *elems;
	bool	   *enulls;
	ElemKey    *keys;
	int			nelems,
				n = 0,
				e;

	if (isnull[c->attidx])
		return;
	arr = DatumGetArrayTypeP(values[c->attidx]);
	deconstruct_array(arr, sa->elemtype, sa->elmlen, sa->elmbyval, sa->elmalign,
					  &elems, &enulls, &nelems);
	keys = palloc(sizeof(ElemKey) * Max(nelems, 1));
	for (e = 0; e < nelems; e++)
	{
		char	   *str;
		int			len;

		if (enulls[e])
			continue;
		str = output_function_call(sa->elmoutput, elems[e]);
		len = (int) strlen(str);
		if (len > SD_FREQ_MAXKEY)
		{
			/* its digest: counted apart from other long elements, never drawn */
			char	   *digest = palloc(SD_FREQ_MAXKEY);
			const char *key;

			len = sd_freq_key(str, len, digest, &key);
			str = digest;
		}
		keys[n].hash = sd_hash_key(str, len);
		sd_freq_add_hashed(cs->elem_occ, str, len, keys[n].hash, weight);
		keys[n].str = str;
		keys[n].len = len;
		n++;
	}
	/* each distinct element once for the rows that hold it */
	qsort(keys, n, sizeof(ElemKey), cmp_elem_key);
	for (e = 0; e < n; e++)
		if (e == 0 || cmp_elem_key(&keys[e - 1], &keys[e]) != 0)
			sd_freq_add_hashed(cs->elem_rows, keys[e].str, keys[e].len, keys[e].hash, weight);
	sd_hist_add_n(cs->arrlen, (double) n, weight);
	cs->arr_rows += weight;
	cs->elem_total += (int64) n * weight;
}

static void
arrays_from_sample(FitState *st1)
{
	FitConfig  *cfg = st1->cfg;
	int			j;

	for (j = 0; j < cfg->ncols; j++)
	{
		ColState   *cs = &st1->cols[j];
		SampleArrays sa;
		bool		varlena;

		if (cfg->cols[j].vk != VK_OTHER || cfg->cols[j].count_only)
			continue;
		sa.elemtype = get_element_type(getBaseType(cfg->cols[j].typid));
		if (!OidIsValid(sa.elemtype))
			continue;
		sa.cfg = cfg;
		sa.col = j;
		sa.cs = cs;
		get_typlenbyvalalign(sa.elemtype, &sa.elmlen, &sa.elmbyval, &sa.elmalign);
		getTypeOutputInfo(sa.elemtype, &sa.elmoutput, &varlena);
		/* room for every distinct element of the sample: exact counts */
		cs->elem_occ = palloc(sizeof(SdFreq));
		cs->elem_rows = palloc(sizeof(SdFreq));
		sd_freq_init(cs->elem_occ, Max(st1->nsample, 1));
		sd_freq_init(cs->elem_rows, Max(st1->nsample, 1));
		cs->arrlen = palloc(sizeof(SdHist));
		sd_hist_init(cs->arrlen);
		sample_for_each(st1, collect_array, &sa);
	}
}

/*
 * The sample in a canonical order: by priority, then by record.  Every
 * summary of the sample is a sum and does not care; the capped counts of
 * documents_from_sample do, and see the same order whatever the order the
 * rows came in or the workers that merged them.
 */
static int
cmp_sample_canonical(const void *a, const void *b, void *arg)
{
	const FitState *st = arg;
	const SampleItem *x = a,
			   *y = b;

	if (x->prio != y->prio)
		return x->prio < y->prio ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(st->arena + x->off, st->arena + y->off, x->len);
}

static void
sample_canonical_order(FitState *st1)
{
	qsort_arg(st1->sample, st1->nsample, sizeof(SampleItem), cmp_sample_canonical, st1);
	sample_index(st1);
}

/*
 * The documents of a json or jsonb column, from the dependence sample: how
 * many are objects, the sets of top-level keys they have, and per key its
 * values as JSON texts (capped counts), its numbers and the lengths of its
 * strings; nested values count as their JSON text.  More than DOC_KEYS_MAX
 * distinct keys, or an object with more than DOC_SET_KEYS_MAX, end the
 * tally: such documents are not modelled.
 */
typedef struct SampleDocs
{
	FitConfig  *cfg;
	int			col;
	bool		is_json;		/* json, not jsonb */
	DocStats   *ds;
} SampleDocs;

static int
cmp_uint16(const void *a, const void *b)
{
	return (int) *(const uint16 *) a - (int) *(const uint16 *) b;
}

static void
collect_document(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleDocs *sd = (SampleDocs *) arg;
	DocStats   *ds = sd->ds;
	const ColConfig *c = &sd->cfg->cols[sd->col];
	Jsonb	   *jb;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	uint16		set[DOC_SET_KEYS_MAX];
	int			nset = 0;
	DocFieldStats *f = NULL;

	if (isnull[c->attidx] || ds->overflow)
		return;
	ds->docs += weight;
	if (sd->is_json)
		jb = DatumGetJsonbP(DirectFunctionCall1(jsonb_in,
												CStringGetDatum(TextDatumGetCString(values[c->attidx]))));
	else
		jb = DatumGetJsonbP(values[c->attidx]);
	if (!JB_ROOT_IS_OBJECT(jb))
		return;
	ds->objects += weight;
	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
		{
			int			len = v.val.string.len;
			int64		idx;

			/* a key too long to count is left out, rather than cut */
			if (len > SD_FREQ_MAXKEY)
			{
				f = NULL;		/* and its value */
				continue;
			}
			idx = sd_freq_count_hashed(&ds->keyidx, v.val.string.val, len,
									   sd_hash_key(v.val.string.val, len));

			if (idx == 0)
			{
				MemoryContext oldcxt;

				if (ds->nfields == DOC_KEYS_MAX)
				{
					ds->overflow = true;
					return;
				}
				oldcxt = MemoryContextSwitchTo(ds->cxt);
				f = &ds->fields[ds->nfields++];
				memset(f, 0, sizeof(DocFieldStats));
				f->key = pnstrdup(v.val.string.val, len);
				f->all_integer = true;
				sd_freq_init(&f->texts, 256);
				MemoryContextSwitchTo(oldcxt);
				idx = ds->nfields;
				sd_freq_add(&ds->keyidx, v.val.string.val, len, idx);
			}
			f = &ds->fields[idx - 1];
			if (nset == DOC_SET_KEYS_MAX)
			{
				ds->overflow = true;
				return;
			}
			set[nset++] = (uint16) (idx - 1);
		}
		else if (tok == WJB_VALUE && f != NULL)
		{
			char	   *text;

			f->rows += weight;
			switch (v.type)
			{
				case jbvNumeric:
					{
						double		x = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow,
																		   NumericGetDatum(v.val.numeric)));

						text = DatumGetCString(DirectFunctionCall1(numeric_out,
																   NumericGetDatum(v.val.numeric)));
						if (isfinite(x))
						{
							if (f->nums == NULL)
							{
								f->nums = MemoryContextAlloc(ds->cxt, sizeof(SdHist));
								sd_hist_init(f->nums);
							}
							f->numbers += weight;
							sd_hist_add_n(f->nums, x, weight);
							if (x != rint(x))
								f->all_integer = false;
							if (f->max_scale < 7)
								f->max_scale = Max(f->max_scale, decimal_scale(x));
						}
						break;
					}
				case jbvString:
					{
						StringInfoData b;

						initStringInfo(&b);
						escape_json(&b, pnstrdup(v.val.string.val, v.val.string.len));
						text = b.data;
						if (f->strlens == NULL)
						{
							f->strlens = MemoryContextAlloc(ds->cxt, sizeof(SdHist));
							sd_hist_init(f->strlens);
						}
						f->strings += weight;
						sd_hist_add_n(f->strlens, (double) v.val.string.len, weight);
						break;
					}
				case jbvBool:
					text = v.val.boolean ? "true" : "false";
					break;
				case jbvNull:
					text = "null";
					break;
				default:
					text = JsonbToCString(NULL, v.val.binary.data, v.val.binary.len);
					break;
			}
			/* a longer text would be cut: it cannot be a category */
			if (strlen(text) <= SD_FREQ_MAXKEY)
				sd_freq_add(&f->texts, text, (int) strlen(text), weight);
			f = NULL;
		}
	}
	qsort(set, nset, sizeof(uint16), cmp_uint16);
	sd_freq_add(&ds->sets, (char *) set, nset * (int) sizeof(uint16), weight);
}

static void
documents_from_sample(FitState *st1)
{
	FitConfig  *cfg = st1->cfg;
	int			j;

	for (j = 0; j < cfg->ncols; j++)
	{
		Oid			base = getBaseType(cfg->cols[j].typid);
		SampleDocs	sd;

		if ((base != JSONOID && base != JSONBOID) || cfg->cols[j].count_only)
			continue;
		sd.cfg = cfg;
		sd.col = j;
		sd.is_json = base == JSONOID;
		sd.ds = palloc0(sizeof(DocStats));
		sd.ds->cxt = CurrentMemoryContext;
		sd_freq_init(&sd.ds->keyidx, DOC_KEYS_MAX);
		sd_freq_init(&sd.ds->sets, 256);
		sample_for_each(st1, collect_document, &sd);
		st1->cols[j].doc = sd.ds;
	}
}

/*
 * The ranges of a range column over numbers, dates or timestamps, from the
 * dependence sample: the shares of empty ranges, of unbounded ends and of
 * inclusive ends, and histograms of the finite lower bounds, of the upper
 * bounds of ranges without a lower one, and of the widths.
 */
typedef struct SampleRanges
{
	FitConfig  *cfg;
	int			col;
	TypeCacheEntry *typcache;	/* of the range type */
	ValueKind	subvk;
	RangeStats *rs;
} SampleRanges;

static void
range_note(RangeStats *rs, double x)
{
	if (x != rint(x))
		rs->all_integer = false;
	if (rs->max_scale < 7)
		rs->max_scale = Max(rs->max_scale, decimal_scale(x));
}

static void
note_range(SampleRanges *sr, RangeType *r, int64 weight)
{
	RangeStats *rs = sr->rs;
	RangeBound	lower,
				upper;
	bool		empty;
	double		lo = 0,
				hi = 0;
	bool		lo_ok,
				hi_ok;

	range_deserialize(sr->typcache, r, &lower, &upper, &empty);
	rs->ranges += weight;
	if (empty)
	{
		rs->empty += weight;
		return;
	}
	rs->lower_inf += lower.infinite ? weight : 0;
	rs->upper_inf += upper.infinite ? weight : 0;
	rs->lower_inc += lower.inclusive ? weight : 0;
	rs->upper_inc += upper.inclusive ? weight : 0;
	lo_ok = !lower.infinite && datum_to_double(sr->subvk, lower.val, &lo);
	hi_ok = !upper.infinite && datum_to_double(sr->subvk, upper.val, &hi);
	if (lo_ok)
	{
		sd_hist_add_n(&rs->low, lo, weight);
		rs->lowers += weight;
		range_note(rs, lo);
	}
	if (hi_ok)
		range_note(rs, hi);
	if (lo_ok && hi_ok)
	{
		sd_hist_add_n(&rs->width, hi - lo, weight);
		rs->widths += weight;
	}
	else if (hi_ok)
	{
		sd_hist_add_n(&rs->upp, hi, weight);
		rs->uppers += weight;
	}
}

/*
 * A range, or each range of a multirange: a multirange is modelled by its
 * number of ranges and, for its ranges, the model of a range column.
 */
static void
collect_range(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleRanges *sr = (SampleRanges *) arg;
	const ColConfig *c = &sr->cfg->cols[sr->col];

	if (isnull[c->attidx])
		return;
#if PG_VERSION_NUM >= 140000
	if (sr->rs->multi)
	{
		int32		n,
					i;
		RangeType **ranges;

		multirange_deserialize(sr->typcache, DatumGetMultirangeTypeP(values[c->attidx]),
							   &n, &ranges);
		sr->rs->values += weight;
		sd_hist_add_n(&sr->rs->counts, (double) n, weight);
		for (i = 0; i < n; i++)
			note_range(sr, ranges[i], weight);
		return;
	}
#endif
	note_range(sr, DatumGetRangeTypeP(values[c->attidx]), weight);
}

/* the range type of a range or multirange type (or a domain over one) */
Oid
range_type_of(Oid typid, bool *multi)
{
	Oid			base = getBaseType(typid);

	*multi = false;
	if (type_is_range(base))
		return base;
#if PG_VERSION_NUM >= 140000
	if (type_is_multirange(base))
	{
		*multi = true;
		return get_multirange_range(base);
	}
#endif
	return InvalidOid;
}

/*
 * The value kind of the subtype of a range (or multirange) type, if
 * synthdata draws it; else -1.
 */
int
range_subtype_kind(Oid typid)
{
	bool		multi;
	Oid			range = range_type_of(typid, &multi);
	ValueKind	vk;

	if (!OidIsValid(range))
		return -1;
	vk = value_kind_of(get_range_subtype(range));
	return vk <= VK_TIMESTAMPTZ && vk != VK_TIME ? (int) vk : -1;
}

static void
ranges_from_sample(FitState *st1)
{
	FitConfig  *cfg = st1->cfg;
	int			j;

	for (j = 0; j < cfg->ncols; j++)
	{
		SampleRanges sr;
		int			kind = range_subtype_kind(cfg->cols[j].typid);
		bool		multi;
		Oid			range = range_type_of(cfg->cols[j].typid, &multi);

		if (kind < 0 || cfg->cols[j].count_only)
			continue;
		sr.cfg = cfg;
		sr.col = j;
		sr.typcache = lookup_type_cache(range, TYPECACHE_RANGE_INFO);
		sr.subvk = (ValueKind) kind;
		sr.rs = palloc0(sizeof(RangeStats));
		sr.rs->all_integer = true;
		sr.rs->multi = multi;
		sd_hist_init(&sr.rs->low);
		sd_hist_init(&sr.rs->upp);
		sd_hist_init(&sr.rs->width);
		sd_hist_init(&sr.rs->counts);
		sample_for_each(st1, collect_range, &sr);
		st1->cols[j].range = sr.rs;
	}
}

/*
 * The zone of a timetz column: the commonest among the sample's values
 * (the smallest of equally common ones), the one its values are drawn in.
 */
typedef struct SampleZones
{
	int			attidx;
	SdFreq		zones;
} SampleZones;

static void
collect_zone(void *arg, Datum *values, bool *isnull, int64 weight)
{
	SampleZones *sz = (SampleZones *) arg;
	int32		zone;

	if (isnull[sz->attidx])
		return;
	zone = DatumGetTimeTzADTP(values[sz->attidx])->zone;
	sd_freq_add(&sz->zones, (char *) &zone, sizeof(int32), weight);
}

static void
zones_from_sample(FitState *st1, Model *m)
{
	FitConfig  *cfg = st1->cfg;
	int			j,
				i;

	for (j = 0; j < cfg->ncols; j++)
	{
		SampleZones sz;
		int64		best = 0;

		if (cfg->cols[j].vk != VK_TIMETZ)
			continue;
		sz.attidx = cfg->cols[j].attidx;
		sd_freq_init(&sz.zones, 64);
		sample_for_each(st1, collect_zone, &sz);
		for (i = 0; i < sz.zones.nitems; i++)
		{
			int32		zone;

			memcpy(&zone, sz.zones.items[i].key, sizeof(int32));
			if (sz.zones.items[i].count > best ||
				(sz.zones.items[i].count == best && zone < m->cols[j].zone))
			{
				best = sz.zones.items[i].count;
				m->cols[j].zone = zone;
			}
		}
	}
}

typedef struct ReplayArg
{
	FitState   *st2;
	const Model *m;
} ReplayArg;

static void
replay_row(void *arg, Datum *values, bool *isnull, int64 weight)
{
	ReplayArg  *ra = (ReplayArg *) arg;

	/* an ordered pair's later column enters the copula as its gap */
	if (ra->m->cons != NULL)
		cons_replay_row(ra->m, ra->st2->cfg, values, isnull);
	fit_accumulate_pass2(ra->st2, values, isnull, weight);
	ra->st2->rows += weight;
}

/*
 * The copula's sums from the rows a one-scan fit sampled: pass 2's
 * accumulation, replayed over them in memory.
 */
static FitState *
replay_sample(FitState *st1, const FitConfig *cfg2, const Model *m)
{
	ReplayArg	ra;

	ra.st2 = fit_state_create(config_to_bytea(cfg2));
	ra.m = m;
	sample_for_each(st1, replay_row, &ra);
	return ra.st2;
}

/*
 * Rows of a table, a materialized view or a partitioned table's partitions,
 * as the planner estimates them before a scan (pages times density, so
 * also for a table never analysed): it sizes a one-scan fit's guard.  A
 * view or a foreign table has no pages: the planner's estimate of a query
 * reading it (the top plan node's "Plan Rows" of EXPLAIN, which comes
 * before its children's).  *counted: whether ANALYZE counted the rows (a
 * view's or a foreign table's estimate never is).  Called with SPI
 * connected.
 */
static double
source_rows_estimate(Oid relid, const char *qualified, bool *counted)
{
	double		total = 0;
	char		relkind = get_rel_relkind(relid);

	*counted = false;
	if (relkind == RELKIND_VIEW || relkind == RELKIND_FOREIGN_TABLE)
	{
		char	   *q = psprintf("EXPLAIN (FORMAT JSON) SELECT 1 FROM %s", qualified);
		char	   *plan,
				   *p;

		if (SPI_execute(q, false, 0) != SPI_OK_UTILITY || SPI_processed < 1)
			return 0;
		plan = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
		p = plan ? strstr(plan, "\"Plan Rows\":") : NULL;
		if (p != NULL)
			total = strtod(p + strlen("\"Plan Rows\":"), NULL);
		SPI_freetuptable(SPI_tuptable);
		return isfinite(total) && total > 0 ? total : 0;
	}
	return sd_table_rows_estimate(relid, counted);
}

/* runs one pass of the fit aggregate over the source, returns its state */
FitState *
run_fit_pass(FitContext *fc, FitConfig *cfg, const char *what)
{
	StringInfoData q;
	bytea	   *cfg_raw;
	Oid			argtypes[1] = {BYTEAOID};
	Datum		args[1];
	bool		isnull;
	Datum		d;
	FitState   *st;
	instr_time	t0,
				t1;
	int			ret;

	cfg_raw = config_to_bytea(cfg);
	args[0] = PointerGetDatum(cfg_raw);

	initStringInfo(&q);
	appendStringInfo(&q, "SELECT %s._synth_fit_state($1",
					 quote_identifier(get_namespace_name(fc->func_nsp)));
	if (cfg->whole_row)
		appendStringInfoString(&q, ", _synth_src.*");
	else
	{
		int			i;

		for (i = 0; i < cfg->ncols; i++)
			appendStringInfo(&q, ", _synth_src.%s", quote_identifier(cfg->cols[i].name));
	}
	appendStringInfo(&q, ") FROM %s AS _synth_src", fc->qualified);
	if (fc->opts.sample_percent > 0)
		appendStringInfo(&q, " TABLESAMPLE pg_catalog.bernoulli (%.17g) REPEATABLE (0)",
						 fc->opts.sample_percent);

	/*
	 * No row-count limit: the executor runs a plan with a limit without its
	 * parallel workers (it might stop early), and the aggregate returns one
	 * row anyway.
	 */
	INSTR_TIME_SET_CURRENT(t0);
	ret = sd_spi_execute(q.data, 1, argtypes, args, NULL, true, 0);
	/* SPI may leave its own context current; the summaries belong to the fit */
	MemoryContextSwitchTo(fc->cxt);
	if (ret != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "fit query failed: %s", SPI_result_code_string(ret));
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		st = fit_state_create(cfg_raw);
	else
		st = fit_state_deserialize(DatumGetByteaPP(d));
	SPI_freetuptable(SPI_tuptable);
	INSTR_TIME_SET_CURRENT(t1);
	INSTR_TIME_SUBTRACT(t1, t0);
	if (sd_progress && INSTR_TIME_GET_DOUBLE(t1) > 2.0)
		ereport(NOTICE,
				(errmsg("synth_fit: %s of %s done: " INT64_FORMAT " rows in %.1f s",
						what, fc->qualified, st->rows, INSTR_TIME_GET_DOUBLE(t1))));
	return st;
}

/* about 16 bits per row, at most 2^28 bits: a false positive costs a redraw */
uint64
bloom_size(double rows)
{
	uint64		bits = UINT64CONST(1) << 16;

	while (bits < 16 * rows && bits < (UINT64CONST(1) << 28))
		bits <<= 1;
	return bits;
}


/* Index of the model column called name, other than column self; -1 if none. */
int
model_column_named(const Model *m, const char *name, int self)
{
	int			j;

	for (j = 0; j < m->ncols; j++)
		if (j != self && strcmp(m->cols[j].name, name) == 0)
			return j;
	return -1;
}

/*
 * Fits the model of a relation as the caller: one scan of a table (two of a
 * view or a foreign table).  With want_guard the scan that reads every row
 * also builds the exact-copy guard (m->guard), unless the fit reads a
 * sample of the table.
 */
/*
 * The source's row type and key columns, and its schema and name: from
 * the table (checked to be one that can be fitted), or for
 * synth_fit_merge from the partial states.  True when read from a table.
 */
static bool
fit_source(Oid relid, Model *m, TupleDesc *tupdesc, char **is_key)
{
	Relation	rel;

	/* synth_fit_merge: no table here, the partial states describe it */
	if (partial_merge_source(tupdesc, is_key, &m->schema, &m->table))
		return false;
	sd_check_relation(relid, "fit");
	rel = relation_open(relid, AccessShareLock);
	if (rel->rd_rel->relkind != RELKIND_RELATION &&
		rel->rd_rel->relkind != RELKIND_PARTITIONED_TABLE &&
		rel->rd_rel->relkind != RELKIND_MATVIEW &&
		rel->rd_rel->relkind != RELKIND_VIEW &&
		rel->rd_rel->relkind != RELKIND_FOREIGN_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not a table, view or materialized view",
						RelationGetRelationName(rel))));
	m->schema = get_namespace_name(RelationGetNamespace(rel));
	m->table = pstrdup(RelationGetRelationName(rel));
	*tupdesc = CreateTupleDescCopyConstr(RelationGetDescr(rel));
	*is_key = palloc0(sizeof(char) * Max((*tupdesc)->natts, 1));
	if (rel->rd_rel->relhasindex)
		mark_key_columns(rel, *is_key);
	relation_close(rel, AccessShareLock);
	/* a shard fitted for a coordinator takes the coordinator's keys */
	partial_key_flags(*tupdesc, *is_key);
	return true;
}

/*
 * The model's columns from the source's live attributes, with the roles
 * their key flags and names suggest; typids[] gets each column's type.
 */
static void
fit_columns(Model *m, TupleDesc tupdesc, const char *is_key, Oid *typids)
{
	int			i;

	m->cols = palloc0(sizeof(ModelCol) * Max(tupdesc->natts, 1));
	for (i = 0; i < tupdesc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, i);
		ModelCol   *c;
		bool		varlena;
		const char *pii;

		if (att->attisdropped)
			continue;
		c = &m->cols[m->ncols];
		typids[m->ncols] = att->atttypid;
		m->ncols++;
		c->name = pstrdup(NameStr(att->attname));
		c->type = format_type_with_typemod(att->atttypid, att->atttypmod);
		c->vk = value_kind_of(att->atttypid);
		c->typmod = att->atttypmod;
		c->notnull = att->attnotnull;
		c->attidx = i;
		c->null_dim = c->value_dim = -1;
		c->parent = -1;
		c->null_parent = -1;
		c->cat_parent = -1;
		getTypeOutputInfo(att->atttypid, &c->typoutput, &varlena);
		c->role = ROLE_ATTRIBUTE;
		if (is_key[i])
		{
			c->role = ROLE_KEY;
			c->key_member = is_key[i] == 2;
			c->reason = c->key_member ?
				"member of a composite key: modelled, and unique with its lead column" :
				"primary key or unique index";
		}
		else if ((pii = pii_kind_from_name(m->table, c->name)) != NULL &&
				 c->vk == VK_STRING)
		{
			c->role = ROLE_PII;
			c->pii_kind = (char *) pii;
			c->reason = "column name";
		}
	}
}

/*
 * Roles from the catalog (keys, foreign keys, generated columns,
 * triggers), then the columns' security labels and the call's option
 * "columns"; a key of its own must be of a type keys are generated for.
 */
static void
fit_roles(Model *m, FitContext *fc, Oid relid, bool from_table,
		  char *is_key)
{
	Relation	rel;
	int			i;

	if (from_table)
	{
		/* roles from the catalog: keys, foreign keys, generated columns, triggers */
		rel = relation_open(relid, AccessShareLock);
		roles_from_catalog(m, rel, is_key);
		relation_close(rel, AccessShareLock);
	}
	else
		roles_from_catalog(m, NULL, is_key);
	/* the columns' security labels, then the call's option "columns" */
	if (from_table)
		apply_column_overrides(m, sd_labels_columns(relid, fc->opts.columns),
							   SD_LABEL_REASON);
	apply_column_overrides(m, fc->opts.columns, NULL);
	for (i = 0; i < m->ncols; i++)
		if (m->cols[i].role == ROLE_KEY && !m->cols[i].key_member &&
			!(vk_is_number(m->cols[i].vk) || m->cols[i].vk == VK_STRING ||
			  m->cols[i].vk == VK_UUID || m->cols[i].vk == VK_DATE ||
			  m->cols[i].vk == VK_TIMESTAMP || m->cols[i].vk == VK_TIMESTAMPTZ))
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("cannot generate key column \"%s\" of type %s",
							m->cols[i].name, m->cols[i].type),
					 errhint("Keys are generated for number, text, uuid, date and timestamp columns; give the column another role in option \"columns\".")));
}

/*
 * The scan's configuration: what it gathers of each column.  True if rows
 * are sampled by a key (false: by all their values).
 */
static bool
scan_config(Model *m, FitContext *fc, const Oid *typids, FitConfig *cfg1)
{
	bool		has_key = false;
	int			i;

	memset(cfg1, 0, sizeof(*cfg1));
	cfg1->pass = PASS_MARGINALS;
	cfg1->ncols = m->ncols;
	cfg1->freq_cap = fc->opts.category_cap;
	cfg1->cols = palloc0(sizeof(ColConfig) * Max(m->ncols, 1));
	cfg1->whole_row = m->ncols == 0 || m->ncols > FIT_COLUMNS_MAX;
	for (i = 0; i < m->ncols; i++)
	{
		cfg1->cols[i].attidx = cfg1->whole_row ? m->cols[i].attidx : i;
		cfg1->cols[i].typid = typids[i];
		cfg1->cols[i].name = m->cols[i].name;
		cfg1->cols[i].vk = m->cols[i].vk;
		cfg1->cols[i].typoutput = m->cols[i].typoutput;
		cfg1->cols[i].null_dim = cfg1->cols[i].value_dim = -1;
		/* keys are generated, never copied: the guard compares the rest */
		cfg1->cols[i].in_guard = !roles_guard_skips(m, &m->cols[i]);
		cfg1->cols[i].in_priority = m->cols[i].role == ROLE_KEY;
		has_key |= cfg1->cols[i].in_priority;
		/* a key of its own is generated: decide_marginal needs its counts only */
		cfg1->cols[i].count_only = m->cols[i].role == ROLE_KEY && !m->cols[i].key_member &&
			m->cols[i].vk != VK_STRING;
		/* decide_marginal reads the distinct count of text, and of integers named as identifiers */
		cfg1->cols[i].count_distinct = !vk_is_number(m->cols[i].vk) ||
			sd_fake_name_is_identifier(m->cols[i].name);
		/* a one-column foreign key: its children per parent, counted here */
		cfg1->cols[i].count_children = m->cols[i].sem != NULL &&
			m->cols[i].sem->ref_table != NULL && m->cols[i].sem->fk_n < 2 &&
			!cfg1->cols[i].count_only;
	}
	/* without a key, rows are sampled by all their values */
	for (i = 0; i < m->ncols && !has_key; i++)
		cfg1->cols[i].in_priority = true;
	return has_key;
}

/*
 * The second pass's configuration: the copula's dimensions, a NULL one
 * for each column with NULLs and a value one for each continuous or
 * categorical column, numbered in column order.
 */
static void
dependence_config(Model *m, const FitConfig *cfg1, FitConfig *cfg2)
{
	int			i,
				D = 0;

	*cfg2 = *cfg1;
	cfg2->pass = PASS_DEPENDENCE;
	cfg2->sample_max = 0;
	cfg2->sample_budget = 0;
	cfg2->bloom_bits = 0;
	cfg2->cols = palloc0(sizeof(ColConfig) * Max(m->ncols, 1));
	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *c = &m->cols[i];
		ColConfig  *cc = &cfg2->cols[i];

		*cc = cfg1->cols[i];
		if ((c->role != ROLE_KEY || c->key_member) && c->nulls > 0 && c->count > 0)
			cc->null_dim = c->null_dim = D++;
		if (c->kind == MK_CONTINUOUS)
		{
			cc->mode = DM_CONTINUOUS;
			cc->grid = c->score_grid;
			cc->value_dim = c->value_dim = D++;
		}
		else if (c->kind == MK_CATEGORICAL && c->ncat >= 2)
		{
			int			j;

			cc->mode = c->numeric_cats ? DM_DISCRETE_NUM : DM_DISCRETE_TEXT;
			cc->ncat = c->ncat;
			sd_freq_init(&cc->catmap, c->ncat);
			for (j = 0; j < c->ncat; j++)
			{
				if (c->numeric_cats)
					sd_freq_add(&cc->catmap, (char *) &c->cats[j].value,
								sizeof(double), j + 1);
				else
					sd_freq_add(&cc->catmap, c->cats[j].label, c->cats[j].len, j + 1);
			}
			cc->value_dim = c->value_dim = D++;
		}
	}
	cfg2->ndims = D;
}

/*
 * The exact-copy guard: the scan's Bloom filter folded to the size of the
 * table's rows (bloom_size of the rows counted), or a filter of that size
 * from one more scan when the table outgrew its estimate.  Its size, and so
 * which draws it rejects, depends on the rows alone: not on the planner's
 * estimate, which ANALYZE changes (a clone of an unanalyzed table differed
 * from the same table's after ANALYZE).
 */
static void
fit_guard(FitContext *fc, Model *m, const FitConfig *cfg1, FitState *st1,
		  char *is_key)
{
	FitState   *st2;
	uint64		bits = bloom_size((double) m->rows);

	if (cfg1->bloom_bits >= bits)
	{
		sd_bloom_fold(st1->bloom, cfg1->bloom_bits, bits);
		m->guard = st1->bloom;
		m->guard_bits = bits;
	}
	else
	{
		/* the table outgrew its estimate: a guard of the right size */
		FitConfig	cfg3 = *cfg1;

		cfg3.pass = PASS_GUARD;
		cfg3.sample_max = 0;
		cfg3.sample_budget = 0;
		cfg3.bloom_bits = bits;
		st2 = fit_scan(fc, &cfg3, m, is_key, "exact-copy guard");
		m->guard = st2->bloom;
		m->guard_bits = cfg3.bloom_bits;
	}
}

Model *
fit_model(Oid relid, Jsonb *options, Oid func_nsp, bool want_guard)
{
	FitContext	fc;
	Model	   *m = palloc0(sizeof(Model));
	TupleDesc	tupdesc;
	char	   *is_key;
	FitConfig	cfg1,
				cfg2;
	FitState   *st1,
			   *st2;
	Oid		   *typids;
	bool		from_table,
				guard;
	int			i,
				D,
				guc_level;
	double		rows_estimate = 0;
	bool		counted = false,
				keyed;
	instr_time	t;

	INSTR_TIME_SET_CURRENT(t);
	memset(&fc, 0, sizeof(fc));
	/* the table's security label: fit options under the call's own */
	if (OidIsValid(relid))
		options = sd_labels_fit_options(relid, options);
	parse_fit_options(options, &fc.opts);
	fc.options = options;
	fc.func_nsp = func_nsp;
	fc.relid = relid;
	fc.cxt = CurrentMemoryContext;

	from_table = fit_source(relid, m, &tupdesc, &is_key);
	fc.qualified = quote_qualified_identifier(m->schema, m->table);
	if (fc.opts.sample_percent > 0 && OidIsValid(relid) && !sd_rel_samplable(relid))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("option \"sample_percent\" cannot be used with \"%s\"", m->table),
				 errdetail("TABLESAMPLE reads only tables, materialized views and partitioned tables."),
				 errhint("Fit the whole relation, or a table or materialized view of its rows.")));
	m->k = fc.opts.k;
	m->category_cap = fc.opts.category_cap;
	m->sample_percent = fc.opts.sample_percent;
	typids = palloc0(sizeof(Oid) * Max(tupdesc->natts, 1));
	fit_columns(m, tupdesc, is_key, typids);
	fit_roles(m, &fc, relid, from_table, is_key);

	/* differential privacy: a model built only from noisy releases */
	if (sd_dp_requested(options))
		return dp_fit_model(m, &fc, options);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(fc.cxt);

	/*
	 * A small source is read without parallel workers: starting them (each
	 * maps the table's buffers anew) and merging their summaries cost more
	 * than they save.  The setting lasts until this fit returns; an error
	 * undoes it with the (sub)transaction.
	 */
	guc_level = NewGUCNestLevel();
	if (from_table)
	{
		rows_estimate = source_rows_estimate(relid, fc.qualified, &counted);
		sd_serial_if_small(rows_estimate);
	}

	/*
	 * The scan gathers the marginals, the exact-copy guard and a sample of
	 * rows for the dependence.
	 */
	keyed = scan_config(m, &fc, typids, &cfg1);
	guard = want_guard && fc.opts.sample_percent == 0;
	cfg1.sample_max = DEPENDENCE_SAMPLE_ROWS;
	cfg1.sample_budget = DEPENDENCE_SAMPLE_BYTES;
	/*
	 * The filter for the estimate, folded to the rows' own at the end (or
	 * built again when they need more): twice that when no ANALYZE counted
	 * the rows, whose estimate is the pages' guess
	 */
	if (guard)
		cfg1.bloom_bits = bloom_size(rows_estimate * (counted ? 1 : 2));

	/*
	 * The sample of a keyed table is its keys of the lowest priorities, a
	 * share of about sample_max / rows of them: past four times that share
	 * of the rows ANALYZE counted, a row is not even considered (its record
	 * not formed), and a table that turns out to have far fewer rows is
	 * scanned again without the cut.  Not for a table with partitions on
	 * other servers, whose states come without a cut and whose rows the
	 * count leaves out.
	 */
	if (from_table && counted && keyed && fc.opts.sample_percent == 0 &&
		rows_estimate > 4.0 * cfg1.sample_max && !shard_is_sharded(relid))
		cfg1.sample_cut = (uint64) ldexp(4.0 * cfg1.sample_max / rows_estimate, 64);
	st1 = fit_scan(&fc, &cfg1, m, is_key, "scan");
	if (st1 != NULL && fit_sample_cut_short(st1))
	{
		elog(DEBUG1, "synthdata: fit of \"%s\": fewer rows than counted, scanned again", m->table);
		cfg1.sample_cut = 0;
		st1 = fit_scan(&fc, &cfg1, m, is_key, "scan");
	}
	if (st1 == NULL)
	{
		/* synth_fit_partial: the scan's state is all it wanted */
		AtEOXact_GUC(true, guc_level);
		SPI_finish();
		return NULL;
	}
	elog(DEBUG2, "synthdata: fit of \"%s\": scan %.0f ms", m->table, sd_lap_ms(&t));
	hist_from_sample(st1);
	sample_canonical_order(st1);
	text_from_sample(st1, m);
	arrays_from_sample(st1);
	documents_from_sample(st1);
	ranges_from_sample(st1);
	zones_from_sample(st1, m);
	m->rows = st1->rows;
	derived_columns_mark(relid, m);
	text_counts_keep(&fc, m, st1);
	for (i = 0; i < m->ncols; i++)
		if (m->cols[i].derived != NULL)
			derived_marginal(&m->cols[i], &st1->cols[i]);
		else if (!xml_marginal(&fc, m, &m->cols[i], &st1->cols[i]))
			decide_marginal(m, &m->cols[i], &st1->cols[i], typids[i]);
	roles_after_marginals(m, &fc, st1);
	text_models_fit(&fc, m);
	image_models_fit(&fc, m);
	elog(DEBUG2, "synthdata: fit of \"%s\": marginals and roles %.0f ms", m->table, sd_lap_ms(&t));

	/* copula dimensions */
	dependence_config(m, &cfg1, &cfg2);
	D = cfg2.ndims;

	/*
	 * Orderings and dependencies between columns, and the grain of time,
	 * from the sample: an ordered pair's later column becomes its gap
	 * (its marginal, and its value in the copula's sums below).
	 */
	if (fc.opts.orderings || fc.opts.dependencies)
		cons_fit(m, st1, &cfg2, fc.opts.orderings, fc.opts.dependencies,
				 relid, fc.qualified, fc.opts.sample_percent == 0);
	if (fc.opts.time_grain)
		time_fit(m, st1);
	elog(DEBUG2, "synthdata: fit of \"%s\": orderings, dependencies, grain %.0f ms", m->table, sd_lap_ms(&t));
	if (D > 0)
	{
		config_layout(&cfg2);
		/* the copula's sums: at most 64 MB */
		if (cfg2.ncells > (int64) (64 * 1024 * 1024 / sizeof(int128)))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many columns and categories to fit \"%s\"", m->table),
					 errdetail("The copula would need " INT64_FORMAT " MB of sums.",
							   cfg2.ncells * (int64) sizeof(int128) / (1024 * 1024)),
					 errhint("Fit a view of fewer columns, or lower option \"category_cap\".")));
		st2 = replay_sample(st1, &cfg2, m);
		m->copula_rows = st2->rows;
		finalise_dependence(m, st2->cfg, st2, fc.opts.copula);
		cons_after_copula(m);
	}
	else
	{
		m->ndims = 0;
		m->corr = NULL;
	}
	elog(DEBUG2, "synthdata: fit of \"%s\": copula %.0f ms", m->table, sd_lap_ms(&t));
	roles_after_dependence(m, st1);
	roles_place_nulls(m, &fc);
	roles_condition_fit(m, &fc, st1);
	if (guard)
		fit_guard(&fc, m, &cfg1, st1, is_key);
	elog(DEBUG2, "synthdata: fit of \"%s\": conditions and guard %.0f ms", m->table, sd_lap_ms(&t));
	m->seq = sd_seq_fit(relid, m, fc.opts.sequence);
	elog(DEBUG2, "synthdata: fit of \"%s\": sequence %.0f ms", m->table, sd_lap_ms(&t));
	/* keys issued in time order: read off the table, not a foreign or sharded one */
	if (fc.opts.key_order && OidIsValid(relid) &&
		get_rel_relkind(relid) != RELKIND_FOREIGN_TABLE && !shard_is_sharded(relid))
		m->key_order = key_order_fit(relid, fc.qualified, m);
	elog(DEBUG2, "synthdata: fit of \"%s\": key order %.0f ms", m->table, sd_lap_ms(&t));
	AtEOXact_GUC(true, guc_level);
	SPI_finish();
	return m;
}

