/*-------------------------------------------------------------------------
 *
 * fit.c
 *		Fit orchestration: the roles of the columns from the catalog,
 *		running the aggregate's passes through SPI as the caller, and
 *		fit_model, which turns a relation into a Model.  The fit's options
 *		and column overrides are in fit_options.c, the summaries taken
 *		from the dependence sample in fit_sample.c.
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
		cfg1->cols[i].guard_restrict = cfg1->cols[i].in_guard &&
			guard_restricts(m, &m->cols[i], false);
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
 * Whether the exact-copy guard holds only the source rows whose value of
 * column c is NULL or at an example domain (fitted: by the fitted model,
 * else by the roles before the scan): a guarded text column named as an
 * email whose values are fake emails.  Every fake email is at an example
 * domain, so a draw equals no source row of another value, and the guard
 * need not hold those; a draw of another value in the column (none is)
 * would be redrawn (row_beyond_guard).  The rule is a function of the
 * column's name and roles, so the guard a synth_sample builds of a stored
 * model (guard.c) is the fit's own.
 */
bool
guard_restricts(const Model *m, const ModelCol *c, bool fitted)
{
	if (vk_is_number(c->vk) || roles_guard_skips(m, c) || c->pii_kind == NULL ||
		strcmp(c->pii_kind, "email") != 0 ||
		sd_fake_kind_from_column_in(m->table, c->name) != SD_FAKE_EMAIL)
		return false;
	return !fitted || (c->kind == MK_FORMAT && c->role == ROLE_PII);
}

/*
 * Per column of the scan's configuration (the model's columns, in order):
 * whether the guard's scan counted its values at an example domain and
 * found none.  A drawn row holding such a value in such a column then
 * equals no source row (sampler_use_guard).
 */
bool *
guard_example_free(const FitConfig *cfg, const FitState *st)
{
	bool	   *none = palloc0(sizeof(bool) * Max(cfg->ncols, 1));
	int			i;

	for (i = 0; i < cfg->ncols; i++)
		none[i] = cfg->cols[i].in_guard && !vk_is_number(cfg->cols[i].vk) &&
			st->at_example[i] == 0;
	return none;
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
	bool	   *restrict_by = palloc0(sizeof(bool) * Max(m->ncols, 1));
	bool		as_scanned = true,
				any = false;
	int			i;

	/* the columns the guard is restricted by, as the fitted model has them */
	for (i = 0; i < m->ncols; i++)
	{
		restrict_by[i] = cfg1->cols[i].in_guard && guard_restricts(m, &m->cols[i], true);
		as_scanned &= restrict_by[i] == cfg1->cols[i].guard_restrict;
		any |= restrict_by[i];
	}
	m->guard_restrict = any ? restrict_by : NULL;
	if (cfg1->bloom_bits >= bits && as_scanned)
	{
		m->guard = fit_state_bloom(st1);
		sd_bloom_fold(m->guard, cfg1->bloom_bits, bits);
		m->guard_bits = bits;
		m->guard_example_free = guard_example_free(cfg1, st1);
	}
	else
	{
		/*
		 * The table outgrew its estimate, or a column named as an email
		 * was not fitted as one: a guard of the right size, restricted by
		 * the fitted model's columns
		 */
		FitConfig	cfg3 = *cfg1;

		cfg3.cols = palloc(sizeof(ColConfig) * Max(cfg1->ncols, 1));
		memcpy(cfg3.cols, cfg1->cols, sizeof(ColConfig) * cfg1->ncols);
		for (i = 0; i < m->ncols; i++)
			cfg3.cols[i].guard_restrict = restrict_by[i];
		cfg3.pass = PASS_GUARD;
		cfg3.sample_max = 0;
		cfg3.sample_budget = 0;
		cfg3.bloom_bits = bits;
		st2 = fit_scan(fc, &cfg3, m, is_key, "exact-copy guard");
		m->guard = fit_state_bloom(st2);
		m->guard_bits = cfg3.bloom_bits;
		/* counted by the scan that made the filter, of the same rows */
		m->guard_example_free = guard_example_free(&cfg3, st2);
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
	 * share of about sample_max / rows of them: past twice that share of
	 * the rows ANALYZE counted, a row is not even considered (its record
	 * not formed, nor sent from a worker's state), and a table that turns
	 * out to have fewer than half those rows is scanned again without the
	 * cut.  Not for a table with partitions on
	 * other servers, whose states come without a cut and whose rows the
	 * count leaves out.
	 */
	if (from_table && counted && keyed && fc.opts.sample_percent == 0 &&
		rows_estimate > 4.0 * cfg1.sample_max && !shard_is_sharded(relid))
		cfg1.sample_cut = (uint64) ldexp(2.0 * cfg1.sample_max / rows_estimate, 64);
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
	m->seq = sd_seq_fit(relid, m, fc.opts.sequence, st1);
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

