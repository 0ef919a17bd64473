/*-------------------------------------------------------------------------
 *
 * dp_fit.c
 *		The differentially private fit: a model built only from noisy
 *		releases, its budget, and the privacy ledger.
 *
 * synth_fit, synth_clone and synth_clone_table with option "epsilon" come
 * here once the columns' roles are known (fit_model).  Neighbouring tables
 * differ by one person: one row, or with option "person_key" up to
 * "max_rows_per_person" rows of one key (a person's rows beyond that are
 * dropped, the kept ones chosen by a hash of the row and the seed).  Every
 * statistic the model holds is released by a mechanism of dp.c, and the
 * budget (rho of zCDP) is split before any row is read:
 *
 *	rows				the row count, Gaussian;
 *	range				a number without bounds from option "bounds": a
 *						Gaussian histogram on a fixed grid of the scale
 *						sign(x) log2(1 + |x|) (whole units: octaves), its range the
 *						outermost bins whose noisy count clears a level that
 *						an empty bin crosses with probability 1% over the
 *						grid (no delta: the bins do not depend on the data);
 *	histogram			the marginal: a Gaussian histogram over that range
 *						(bins at the integers of a short integer range, else
 *						equal bins of the log scale), with a NULL cell;
 *	categories			text: Gaussian counts of the values present (counted
 *						in the scan, or by a grouping-sets query past
 *						DP_TEXT_CAP distinct values), a value
 *						released only when its noisy count clears a
 *						threshold set so that a value held by one person
 *						alone is released with probability at most
 *						delta_threshold (half of delta); booleans: the
 *						whole domain;
 *	rank correlations	the dependence: sums of products of clipped normal
 *						scores (each value scored through the released
 *						marginal, so scoring is post-processing), Gaussian,
 *						turned into latent correlations and repaired to the
 *						nearest correlation matrix (Higham 2002): a DP
 *						Gaussian copula (option "dp_method" "copula");
 *	tree				or, by default ("dp_method" "mst"), a private
 *						maximum spanning tree of noisy 2-way marginals
 *						(dp_mst.c), which scored better on the fidelity
 *						benchmark (test/bench/dp.sql).
 *
 * Sampling reads only the model, so it spends nothing (post-processing);
 * the exact-copy guard, which reads the source at sampling time, is off
 * for a DP model (guard.c), since whether a drawn row is redrawn would
 * depend on one person's row.  Keys are fresh sequences, personal data
 * fakes: neither reads a value.
 *
 * Every DP fit adds a row to synth_privacy_ledger before it returns; option
 * "epsilon_budget" refuses a fit that would take the source's total (its
 * rho summed over the ledger rows the caller sees, converted once) past it.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/dp_fit.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <float.h>

#include "derived.h"
#include "dp_int.h"

static const char *const dp_dependence_names[] = {"copula", "none", NULL};
static const char *const dp_method_names[] = {"copula", "mst", NULL};

/*
 * The dependence mechanism when option "dp_method" is absent: MST, the
 * better of the two on test/bench/dp.sql (README, Differential privacy).
 */
#define DP_DEFAULT_MST true

/* ---- options ---------------------------------------------------------------- */

bool
sd_dp_requested(Jsonb *options)
{
	return sd_opt_value(options, "epsilon") != NULL;
}

static void
dp_requires_epsilon(Jsonb *options)
{
	static const char *const dp_only[] = {
		"delta", "epsilon_budget", "person_key", "max_rows_per_person",
		"noise_seed", "bounds", "dependence", "dp_method", NULL
	};
	int			i;

	for (i = 0; dp_only[i] != NULL; i++)
		if (sd_opt_value(options, dp_only[i]) != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"%s\" requires option \"epsilon\"", dp_only[i])));
}

/* options of a fit without epsilon: the DP ones are refused */
void
sd_dp_check_plain_options(Jsonb *options)
{
	if (options != NULL && !sd_dp_requested(options))
		dp_requires_epsilon(options);
}

static void
dp_parse_options(Jsonb *options, DpOptions *o)
{
	int64		iv;
	bool		b;
	int			choice;

	memset(o, 0, sizeof(*o));
	o->delta = DP_DEFAULT_DELTA;
	o->max_rows = 1;
	o->copula = true;
	(void) sd_opt_float(options, "epsilon", 0, 1000, &o->epsilon);
	if (!(o->epsilon > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"epsilon\" must be greater than 0"),
				 errdetail("epsilon is %g.", o->epsilon)));
	if (sd_opt_float(options, "delta", 0, 1, &o->delta) &&
		!(o->delta > 0 && o->delta < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"delta\" must be greater than 0 and less than 1"),
				 errdetail("delta is %g.", o->delta)));
	if (sd_opt_float(options, "epsilon_budget", 0, 1e6, &o->budget) && !(o->budget > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"epsilon_budget\" must be greater than 0")));
	o->person_key = sd_opt_text(options, "person_key");
	if (sd_opt_int(options, "max_rows_per_person", 1, 1000000, &iv))
	{
		if (o->person_key == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"max_rows_per_person\" requires option \"person_key\"")));
		o->max_rows = (int) iv;
	}
	if (sd_opt_int(options, "noise_seed", PG_INT64_MIN, PG_INT64_MAX, &iv))
	{
		o->seeded = true;
		o->seed = (uint64) iv;
	}
	choice = sd_opt_choice(options, "dependence", dp_dependence_names);
	if (choice == 1)
		o->copula = false;
	if (sd_opt_bool(options, "copula", &b) && !b)
		o->copula = false;
	choice = sd_opt_choice(options, "dp_method", dp_method_names);
	o->mst = choice < 0 ? DP_DEFAULT_MST : choice == 1;
	if (choice >= 0 && !o->copula)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"dp_method\" cannot be combined with independent columns"),
				 errdetail("Option \"dependence\" \"none\" (or \"copula\" false) models no dependence to choose a method for.")));
	if (!o->copula)
		o->mst = false;
	o->bounds = sd_opt_object(options, "bounds");
	if (sd_opt_value(options, "sample_percent") != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"sample_percent\" cannot be combined with option \"epsilon\""),
				 errdetail("A differentially private fit reads every row: sampling is not accounted.")));
	if (sd_opt_bool(options, "exact_copy_guard", &b) && b)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"exact_copy_guard\" cannot be combined with option \"epsilon\""),
				 errdetail("The guard reads the source rows at sampling time, which the privacy guarantee does not cover.")));
}

/* ---- the plan: kinds and the budget split --------------------------------- */

/*
 * A key of a time and a number (pagila's payment (payment_date,
 * payment_id), partitioned by the time): a private model releases no value
 * of a key, so the time would count from 2000-01-01 and miss the
 * partitions' bounds.  The number becomes the key that gets fresh values,
 * which keeps the pair unique, and the time an attribute with a private
 * marginal like any other time.
 */
static void
dp_time_keys(Model *m)
{
	int			i,
				j;

	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *t = &m->cols[i];

		if (t->role != ROLE_KEY || t->key_member || t->role_forced ||
			!(t->vk == VK_DATE || t->vk == VK_TIMESTAMP || t->vk == VK_TIMESTAMPTZ))
			continue;
		for (j = 0; j < m->ncols; j++)
		{
			ModelCol   *k = &m->cols[j];

			if (k->role == ROLE_KEY && k->key_member && !k->role_forced &&
				(vk_is_integral(k->vk) || k->vk == VK_UUID))
			{
				k->key_member = false;
				k->reason = "a key of a time and this column under differential privacy: fresh values";
				t->role = ROLE_ATTRIBUTE;
				t->reason = "the time of a key of a time and a number under differential privacy: a private marginal";
				break;
			}
		}
	}
}

static DpKind
dp_kind_of(ModelCol *c)
{
	if (c->derived != NULL)
	{
		c->kind = MK_DERIVED;
		c->role = ROLE_ATTRIBUTE;
		c->null_fraction = 0;
		return DK_SKIP;
	}
	if (c->role == ROLE_KEY && !c->key_member)
	{
		c->kind = c->vk == VK_UUID ? MK_UUID : MK_SEQUENCE;
		c->reason = c->reason ? c->reason : "primary key or unique index";
		return DK_SKIP;
	}
	/*
	 * Text that is personal data by its name only: its values are released
	 * if many people share them (then they are categories), else it gets
	 * fakes of its kind (text_marginal).
	 */
	if (c->role == ROLE_PII && !c->role_forced && c->vk == VK_STRING)
		return DK_TEXT;
	if (c->role == ROLE_IDENTIFIER || c->role == ROLE_PII)
	{
		if (c->role == ROLE_PII && c->vk == VK_STRING && c->pii_kind != NULL &&
			sd_fake_kind_lookup(c->pii_kind) != SD_FAKE_NONE)
			c->kind = MK_FORMAT;
		else
			c->kind = c->vk == VK_UUID ? MK_UUID :
				(vk_is_number(c->vk) || c->vk == VK_STRING) && c->vk != VK_BOOL ?
				MK_SEQUENCE : MK_NULL;
		return DK_SKIP;
	}
	if (c->vk == VK_BOOL)
		return DK_BOOL;
	if (vk_is_number(c->vk))
		return DK_NUMBER;
	if (c->vk == VK_STRING)
		return DK_TEXT;
	c->kind = MK_NULL;
	c->reason = "type not modelled under differential privacy";
	return DK_SKIP;
}

/* appends {"statistic": ..., ...} to the budget split */
void
sd_dp_budget_item(DpFit *f, const char *column, const char *statistic,
			const char *mechanism, double rho, const char *extra)
{
	StringInfo	b = &f->budget;

	appendStringInfoString(b, f->budget_first ? "\n  {" : ",\n  {");
	f->budget_first = false;
	if (column != NULL)
	{
		appendStringInfoString(b, "\"column\": ");
		escape_json(b, column);
		appendStringInfoString(b, ", ");
	}
	appendStringInfoString(b, "\"statistic\": ");
	escape_json(b, statistic);
	appendStringInfoString(b, ", \"mechanism\": ");
	escape_json(b, mechanism);
	appendStringInfo(b, ", \"rho\": %.17g", rho);
	if (extra != NULL)
		appendStringInfo(b, ", %s", extra);
	appendStringInfoChar(b, '}');
}

static double
bound_of(JsonbValue *v, const char *col)
{
	if (v == NULL || v->type != jbvNumeric)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bounds of column \"%s\" must be an array of two numbers", col)));
	return DatumGetFloat8(DirectFunctionCall1(numeric_float8,
											  NumericGetDatum(v->val.numeric)));
}

/* option "bounds": {"column": [lo, hi]} for numbers */
static void
dp_read_bounds(DpFit *f)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	int			depth = 0;

	if (f->o.bounds == NULL)
		return;
	it = JsonbIteratorInit(&f->o.bounds->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *name;
		int			i;
		DpCol	   *dc = NULL;
		JsonbContainer *arr;

		if (tok == WJB_BEGIN_OBJECT)
			depth++;
		if (tok != WJB_KEY || depth != 1)
			continue;
		name = pnstrdup(v.val.string.val, v.val.string.len);
		for (i = 0; i < f->ncols; i++)
			if (strcmp(f->m->cols[i].name, name) == 0)
				dc = &f->cols[i];
		if (dc == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of option \"bounds\" does not exist", name)));
		if (dc->kind != DK_NUMBER)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bounds of column \"%s\" are given, but it is not modelled as a number", name)));
		tok = JsonbIteratorNext(&it, &v, true);
		if (v.type != jbvBinary || !JsonContainerIsArray(v.val.binary.data) ||
			JsonContainerSize(v.val.binary.data) != 2)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bounds of column \"%s\" must be an array of two numbers", name)));
		arr = v.val.binary.data;
		dc->lo = bound_of(getIthJsonbValueFromContainer(arr, 0), name);
		dc->hi = bound_of(getIthJsonbValueFromContainer(arr, 1), name);
		if (!(isfinite(dc->lo) && isfinite(dc->hi) && dc->lo < dc->hi))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("bounds of column \"%s\" must be finite with the lower below the upper", name),
					 errdetail("Bounds are %g and %g.", dc->lo, dc->hi)));
		dc->bounded = true;
	}
}

/*
 * The split, fixed before any row is read: one unit of rho for the row
 * count, DP_COLUMN_UNITS per modelled column (a quarter of them for the
 * range of a number without bounds), and DP_COPULA_SHARE of the whole for
 * the correlations when there are two dimensions or more; with MST (two
 * modelled columns or more) DP_MST_SELECT_SHARE of the whole for the
 * private selection of the tree and DP_MST_MEASURE_SHARE for its 2-way
 * marginals.  McKenna, Miklau and Sheldon (2021) give a third to each of
 * the three; the 1-way marginals here also carry the ranges and the
 * category thresholds, and 5/8 : 1/8 : 1/4 scored better than thirds on
 * the benchmark, or within 0.001 of them, at every epsilon (README).
 */
static void
dp_plan(DpFit *f)
{
	int			i,
				ndims = 0;
	double		units;

	f->delta_thr = f->ntext > 0 ? f->o.delta / 2 : 0;
	f->delta_conv = f->o.delta - f->delta_thr;
	f->rho = sd_dp_rho(f->o.epsilon, f->delta_conv);
	for (i = 0; i < f->ncols; i++)
		if (f->cols[i].kind != DK_SKIP)
			ndims += 1 + (f->cols[i].nullable ? 1 : 0);
	if (f->o.copula && !f->o.mst && ndims >= 2)
		f->rho_copula = DP_COPULA_SHARE * f->rho;
	if (f->o.mst && f->nmodelled >= 2)
	{
		f->rho_mst_select = DP_MST_SELECT_SHARE * f->rho;
		f->rho_mst_measure = DP_MST_MEASURE_SHARE * f->rho;
	}
	units = 1 + DP_COLUMN_UNITS * f->nmodelled;
	f->rho_unit = (f->rho - f->rho_copula - f->rho_mst_select - f->rho_mst_measure) / units;
	for (i = 0; i < f->ncols; i++)
	{
		DpCol	   *dc = &f->cols[i];

		dc->rho_hist = DP_COLUMN_UNITS * f->rho_unit;
		if (dc->kind == DK_NUMBER && !dc->bounded)
		{
			dc->rho_range = f->rho_unit;
			dc->rho_refine = DP_REFINE_UNITS * f->rho_unit;
			dc->rho_hist -= dc->rho_range + dc->rho_refine;
		}
	}
}

/* ---- the ledger ---------------------------------------------------------------- */

static char *
ledger_name(DpFit *f)
{
	return psprintf("%s.synth_privacy_ledger",
					quote_identifier(get_namespace_name(f->fc->func_nsp)));
}

/* what the caller's ledger rows of the source add up to */
static void
ledger_spent(DpFit *f, double *rho, double *delta_conv)
{
	Oid			types[1] = {OIDOID};
	Datum		vals[1] = {ObjectIdGetDatum(f->fc->relid)};
	bool		isnull;

	if (SPI_execute_with_args(psprintf("SELECT pg_catalog.sum(rho), "
									   "pg_catalog.sum(delta OPERATOR(pg_catalog.-) delta_threshold) "
									   "FROM %s WHERE source OPERATOR(pg_catalog.=) $1",
									   ledger_name(f)),
							  1, types, vals, NULL, true, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "could not read the privacy ledger");
	*rho = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (isnull)
		*rho = 0;
	*delta_conv = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	if (isnull)
		*delta_conv = 0;
}

/* refuses the fit when it would take the source past option "epsilon_budget" */
static void
dp_check_budget(DpFit *f)
{
	double		rho,
				dconv,
				after;

	if (f->o.budget <= 0)
		return;
	/* one fit of a source at a time checks and records (per transaction) */
	if (SPI_execute(psprintf("SELECT pg_catalog.pg_advisory_xact_lock(%d, %d)",
							 (int) 0x53444450, (int) f->fc->relid), false, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not lock the privacy ledger");
	ledger_spent(f, &rho, &dconv);
	MemoryContextSwitchTo(f->fc->cxt);
	after = sd_dp_epsilon(rho + f->rho, Min(dconv + f->delta_conv, 0.5));
	if (after > f->o.budget * (1 + 1e-9))
		ereport(ERROR,
				(errcode(ERRCODE_CONFIGURATION_LIMIT_EXCEEDED),
				 errmsg("differentially private fit of \"%s\" would exceed its privacy budget",
						f->m->table),
				 errdetail("The ledger holds rho %g; this fit would bring epsilon to %g, above option \"epsilon_budget\" %g.",
						   rho, after, f->o.budget),
				 errhint("Lower option \"epsilon\", or reuse a model already fitted.")));
}

static void
dp_record(DpFit *f, const char *privacy)
{
	Oid			types[7] = {OIDOID, TEXTOID, FLOAT8OID, FLOAT8OID, FLOAT8OID, FLOAT8OID,
	TEXTOID};
	Datum		vals[7];

	vals[0] = ObjectIdGetDatum(f->fc->relid);
	vals[1] = CStringGetTextDatum(f->fc->qualified);
	vals[2] = Float8GetDatum(sd_dp_epsilon(f->rho, f->delta_conv));
	vals[3] = Float8GetDatum(f->o.delta);
	vals[4] = Float8GetDatum(f->rho);
	vals[5] = Float8GetDatum(f->delta_thr);
	vals[6] = CStringGetTextDatum(privacy);
	if (SPI_execute_with_args(psprintf("INSERT INTO %s (source, source_name, epsilon, delta, rho, "
									   "delta_threshold, privacy) VALUES ($1, $2, $3, $4, $5, $6, "
									   "$7::pg_catalog.jsonb)", ledger_name(f)),
							  7, types, vals, NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "could not record the fit in the privacy ledger");
	MemoryContextSwitchTo(f->fc->cxt);
}

/* ---- reading the rows ------------------------------------------------------------ */

/* the FROM item of the rows the fit reads: each person's first max_rows */
static void
dp_source(DpFit *f, int person_col)
{
	if (person_col < 0)
	{
		f->source = f->fc->qualified;
		return;
	}
	f->source = psprintf("(SELECT * FROM (SELECT s.*, pg_catalog.row_number() OVER "
						 "(PARTITION BY s.%s ORDER BY pg_catalog.hashtextextended(s::pg_catalog.text, "
						 INT64_FORMAT ")) AS \"synth person row\" FROM %s s) b "
						 "WHERE b.\"synth person row\" OPERATOR(pg_catalog.<=) %d)",
						 quote_identifier(f->m->cols[person_col].name),
						 (int64) f->o.seed, f->fc->qualified, f->o.max_rows);
}

/*
 * The rows of a scan, handed one at a time to a row function.  From
 * PostgreSQL 14 on the query's executor sends each row to a DestReceiver
 * of ours, which reads the row in its slot: no row is copied, as SPI's
 * tuple tables would (half the time of a scan went to copying).  Before
 * 14, a cursor and its tuple tables.
 */
typedef struct DpRows
{
	DestReceiver pub;
	DpFit	   *f;
	DpRowFn		fn;
	const int  *pos;			/* query column of each model column, or -1 */
	Datum	   *values;
	bool	   *isnull;
	MemoryContext scratch;		/* what the row functions allocate, per batch */
	uint64		seen;
} DpRows;

static void
dp_rows_one(DpRows *d, const Datum *row, const bool *rownull)
{
	MemoryContext old;
	int			i;

	CHECK_FOR_INTERRUPTS();
	for (i = 0; i < d->f->ncols; i++)
	{
		d->isnull[i] = d->pos[i] < 0 || rownull[d->pos[i]];
		d->values[i] = d->isnull[i] ? (Datum) 0 : row[d->pos[i]];
	}
	old = MemoryContextSwitchTo(d->scratch);
	d->fn(d->f, d->values, d->isnull);
	MemoryContextSwitchTo(old);
	if (++d->seen % DP_FETCH == 0)
		MemoryContextReset(d->scratch);
}

#if PG_VERSION_NUM >= 140000
static bool
dp_rows_receive(TupleTableSlot *slot, DestReceiver *self)
{
	slot_getallattrs(slot);
	dp_rows_one((DpRows *) self, slot->tts_values, slot->tts_isnull);
	return true;
}

static void
dp_rows_startup(DestReceiver *self, int operation, TupleDesc typeinfo)
{
}

static void
dp_rows_nothing(DestReceiver *self)
{
}
#endif

/* calls fn for each row of the modelled columns (in column order) */
void
sd_dp_scan(DpFit *f, DpRowFn fn)
{
	StringInfoData q;
	DpRows		d;
	int			i,
				n = 0;
	int		   *pos = palloc(sizeof(int) * Max(f->ncols, 1));

	memset(&d, 0, sizeof(d));
	d.f = f;
	d.fn = fn;
	d.pos = pos;
	d.values = palloc(sizeof(Datum) * Max(f->ncols, 1));
	d.isnull = palloc(sizeof(bool) * Max(f->ncols, 1));
	d.scratch = AllocSetContextCreate(f->fc->cxt, "synthdata DP scan context",
									  ALLOCSET_DEFAULT_SIZES);
	initStringInfo(&q);
	appendStringInfoString(&q, "SELECT ");
	for (i = 0; i < f->ncols; i++)
	{
		pos[i] = -1;
		if (f->cols[i].kind == DK_SKIP)
			continue;
		if (n > 0)
			appendStringInfoString(&q, ", ");
		appendStringInfoString(&q, quote_identifier(f->m->cols[i].name));
		pos[i] = n++;
	}
	if (n == 0)
		appendStringInfoString(&q, "NULL");
	appendStringInfo(&q, " FROM %s s", f->source);
#if PG_VERSION_NUM >= 140000
	{
		SPIExecuteOptions opts;

		d.pub.receiveSlot = dp_rows_receive;
		d.pub.rStartup = dp_rows_startup;
		d.pub.rShutdown = dp_rows_nothing;
		d.pub.rDestroy = dp_rows_nothing;
		d.pub.mydest = DestNone;
		memset(&opts, 0, sizeof(opts));
		opts.read_only = true;
		opts.dest = &d.pub;
		/* a SELECT whose rows go to a DestNone receiver reports SPI_OK_UTILITY */
		if (SPI_execute_extended(q.data, &opts) < 0)
			elog(ERROR, "could not read the rows of the differentially private fit");
	}
#else
	{
		Datum	   *row = palloc(sizeof(Datum) * Max(n, 1));
		bool	   *rownull = palloc(sizeof(bool) * Max(n, 1));
		Portal		portal = SPI_cursor_open_with_args(NULL, q.data, 0, NULL, NULL, NULL,
													   true, 0);

		for (;;)
		{
			uint64		r;

			SPI_cursor_fetch(portal, true, DP_FETCH);
			if (SPI_processed == 0)
				break;
			for (r = 0; r < SPI_processed; r++)
			{
				heap_deform_tuple(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, row, rownull);
				dp_rows_one(&d, row, rownull);
			}
			SPI_freetuptable(SPI_tuptable);
		}
		SPI_cursor_close(portal);
	}
#endif
	/* SPI may leave its own context current: the model lives in the fit's */
	MemoryContextSwitchTo(f->fc->cxt);
	MemoryContextDelete(d.scratch);
}

static inline double
slog2(double x)
{
	return x < 0 ? -log2(1.0 - x) : log2(1.0 + x);
}

static inline double
unslog2(double t)
{
	return t < 0 ? 1.0 - exp2(-t) : exp2(t) - 1.0;
}

static inline int
fine_index(double x)
{
	double		k = floor(slog2(x) * DP_FINE_STEP);

	if (k < -DP_FINE_HALF)
		k = -DP_FINE_HALF;
	if (k > DP_FINE_HALF - 1)
		k = DP_FINE_HALF - 1;
	return (int) k + DP_FINE_HALF;
}

/* the first scan: NULL counts, booleans, numbers on the fine grid */
static void
count_row(DpFit *f, Datum *values, bool *isnull)
{
	int			i;

	f->exact_rows++;
	for (i = 0; i < f->ncols; i++)
	{
		DpCol	   *dc = &f->cols[i];
		double		x;

		if (dc->kind == DK_SKIP)
			continue;
		if (isnull[i])
		{
			dc->nulls++;
			continue;
		}
		if (dc->kind == DK_BOOL)
			dc->bools[DatumGetBool(values[i]) ? 1 : 0]++;
		else if (dc->kind == DK_NUMBER)
		{
			if (!datum_to_double(f->m->cols[i].vk, values[i], &x))
			{
				dc->nulls++;	/* NaN and infinities count as NULL */
				continue;
			}
			dc->fine[fine_index(x)]++;
		}
		else if (dc->kind == DK_TEXT && !dc->freq.overflowed)
		{
			const char *s,
					   *key;
			int			len;
			char		buf[SD_FREQ_MAXKEY];

			datum_to_string(f->m->cols[i].vk, values[i], f->m->cols[i].typoutput, &s, &len);
			len = sd_freq_key(s, len, buf, &key);
			sd_freq_add(&dc->freq, key, len, 1);
		}
		dc->count++;
	}
}

/* ---- marginals ------------------------------------------------------------------- */

static double
noisy_count(DpFit *f, int64 count, double sigma)
{
	/* one draw: Max() would evaluate its argument, and draw, twice */
	double		x = (double) count + sd_dp_gaussian(&f->noise, sigma);

	return Max(0.0, x);
}

/*
 * The range of a number: Gaussian counts of the octave bins of the fixed
 * grid; the outermost bins clearing a level that all the empty bins stay
 * below with probability 1 - DP_RANGE_FALSE, in the run around the largest
 * count (gaps of at most DP_RANGE_GAP octaves).  When none does, a NOT
 * NULL column takes the bin of the largest noisy count (report noisy max:
 * post-processing of the same counts), any other is not modelled (false).
 */
static bool
dp_range(DpFit *f, DpCol *dc)
{
	double		sigma = sd_dp_sigma(dc->rho_range, f->o.max_rows);
	double		level = sigma * sd_qnorm(1.0 - DP_RANGE_FALSE / DP_COARSE_BINS);
	double		noisy[DP_COARSE_BINS];
	int			first,
				last,
				best = 0,
				j,
				k;

	for (j = 0; j < DP_COARSE_BINS; j++)
	{
		int64		cnt = 0;

		for (k = 0; k < DP_COARSE; k++)
			cnt += dc->fine[j * DP_COARSE + k];
		noisy[j] = (double) cnt + sd_dp_gaussian(&f->noise, sigma);
		if (noisy[j] > noisy[best])
			best = j;
	}
	if (noisy[best] <= level && dc->nullable)
		return false;

	/*
	 * The range runs out from the largest noisy count (a NOT NULL column's
	 * only bin when none clears) through the bins that clear the level, over
	 * gaps of at most DP_RANGE_GAP octaves: an empty bin clearing by chance
	 * lies anywhere on the grid, mostly octaves away from the data (a
	 * diamond's depth got a lower end of -1.7e19).
	 */
	first = last = best;
	for (j = best - 1; j >= 0 && first - j <= DP_RANGE_GAP + 1; j--)
		if (noisy[j] > level)
			first = j;
	for (j = best + 1; j < DP_COARSE_BINS && j - last <= DP_RANGE_GAP + 1; j++)
		if (noisy[j] > level)
			last = j;
	dc->coarse_first = first;
	dc->coarse_last = last;
	dc->first_count = noisy[first];
	dc->last_count = noisy[last];
	dc->lo = unslog2((double) (first * DP_COARSE - DP_FINE_HALF) / DP_FINE_STEP);
	dc->hi = unslog2((double) ((last + 1) * DP_COARSE - DP_FINE_HALF) / DP_FINE_STEP);
	return true;
}

/*
 * The range's edges, coarse to fine, in up to DP_REFINE_LEVELS rounds: the
 * outermost bin known so far at each end (at first the released range's
 * edge octaves, whose noisy counts dp_range kept) is cut into sub-bins of
 * w fine bins, their counts get Gaussian noise, and the lowest sub-bin of
 * the first and the highest of the last that clear a level all the empty
 * ones stay below with probability 1 - DP_REFINE_FALSE become the new edge
 * bins; an edge stays where none clears.  (An empty sub-bin clearing at the
 * far side of an octave would leave the edge years out; the gate below
 * still uses DP_RANGE_FALSE's level.)  Post-processing of released
 * counts sizes the sub-bins and gates the rounds, so that refining cannot
 * cut much of a column that is not tight:
 *   - w is the narrowest power of 2 whose sub-bins would each hold twice
 *     the level were the edge bin's noisy count spread evenly over it (a
 *     spread column clears everywhere; only a tight one gets narrow bins);
 *   - a round runs only when the level is at most DP_REFINE_CLIP of the
 *     noisy row count: rows of sub-bins left outside are below the level.
 * The bins queried depend only on earlier noisy counts (adaptive
 * composition, accounted in rho); a row lies in one sub-bin of a round, so
 * the L2 sensitivity is max_rows.  A coarse edge alone left a date column
 * of 2020-2021 (days 7305-8035 since 2000) with the octave 4095-8191
 * (2011-2022), over which its noisy histogram spread rows.
 */
typedef struct DpEdge
{
	int			k;				/* first fine bin of the edge bin */
	int			w;				/* its width in fine bins */
	double		count;			/* its noisy count */
	bool		done;
} DpEdge;

/* sub-bin width for an edge bin: see dp_range_refine */
static int
refine_width(const DpEdge *e, double level)
{
	int			w = 1;

	while (w < e->w && (double) w * e->count < level * e->w)
		w *= 2;
	return w;
}

/*
 * Noisy counts of the sub-bins of width w of edge bin e: the first and last
 * clearing the level (-1 when none does) and their noisy counts.
 */
static void
refine_edge(DpFit *f, DpCol *dc, const DpEdge *e, int w, double sigma, double level,
			DpEdge *first, DpEdge *last)
{
	int			k,
				j;

	first->k = last->k = -1;
	for (k = e->k; k < e->k + e->w; k += w)
	{
		int64		cnt = 0;
		double		noisy;

		for (j = k; j < k + w; j++)
			cnt += dc->fine[j];
		noisy = (double) cnt + sd_dp_gaussian(&f->noise, sigma);
		if (noisy <= level)
			continue;
		if (first->k < 0)
		{
			first->k = k;
			first->count = noisy;
		}
		last->k = k;
		last->count = noisy;
	}
	first->w = last->w = w;
	first->done = last->done = false;
}

static void
dp_range_refine(DpFit *f, DpCol *dc)
{
	double		sigma = sd_dp_sigma(dc->rho_refine / DP_REFINE_LEVELS, f->o.max_rows);
	DpEdge		lo = {dc->coarse_first * DP_COARSE, DP_COARSE, dc->first_count, false},
				hi = {dc->coarse_last * DP_COARSE, DP_COARSE, dc->last_count, false};
	int			r,
				rounds = 0;

	for (r = 0; r < DP_REFINE_LEVELS; r++)
	{
		bool		one = !lo.done && !hi.done && lo.k == hi.k && lo.w == hi.w;
		double		level = sigma * sd_qnorm(1.0 - DP_RANGE_FALSE / 2);
		int			wlo = lo.done ? lo.w : refine_width(&lo, level),
					whi = hi.done ? hi.w : refine_width(&hi, level),
					nsub;
		DpEdge		first,
					last;

		lo.done = lo.done || wlo >= lo.w;
		hi.done = hi.done || whi >= hi.w || (one && lo.done);
		nsub = (lo.done ? 0 : lo.w / wlo) + (hi.done || one ? 0 : hi.w / whi);
		if (nsub == 0)
			break;
		level = sigma * sd_qnorm(1.0 - DP_RANGE_FALSE / nsub);
		if (level > DP_REFINE_CLIP * f->rows)
			break;
		/* an empty sub-bin clearing at the far side of an octave leaves the edge years out */
		level = sigma * sd_qnorm(1.0 - DP_REFINE_FALSE / nsub);
		rounds++;
		if (!lo.done)
		{
			refine_edge(f, dc, &lo, wlo, sigma, level, &first, &last);
			if (first.k < 0)
			{
				lo.done = true;
				hi.done = hi.done || one;	/* one bin holds both ends */
			}
			else
			{
				if (one)
					hi = last;
				lo = first;
			}
		}
		if (!hi.done && !one)
		{
			refine_edge(f, dc, &hi, whi, sigma, level, &first, &last);
			if (last.k < 0)
				hi.done = true;
			else
				hi = last;
		}
	}
	dc->lo = unslog2((double) (lo.k - DP_FINE_HALF) / DP_FINE_STEP);
	dc->hi = unslog2((double) (hi.k + hi.w - DP_FINE_HALF) / DP_FINE_STEP);
	sd_dp_budget_item(f, f->m->cols[dc->mcol].name, "range refinement",
					  "gaussian, sub-bins of the outermost range bins", dc->rho_refine,
					  psprintf("\"sigma\": %.6g, \"rounds\": %d", sigma, rounds));
}

/* the value interval of histogram bin j */
static void
bin_bounds(const DpCol *dc, int j, double *a, double *b)
{
	if (dc->unit)
	{
		*a = ceil(dc->lo) + j - 0.4999;
		*b = ceil(dc->lo) + j + 0.4999;
	}
	else
	{
		double		tlo = slog2(dc->lo),
					w = (slog2(dc->hi) - tlo) / dc->nbins;

		*a = tlo + j * w;		/* on the log scale: interpolated there */
		*b = tlo + (j + 1) * w;
	}
}

/* histogram bin of fine bin k (by its centre); clipped to the range */
static int
bin_of_fine(const DpCol *dc, int k)
{
	double		t = ((double) (k - DP_FINE_HALF) + 0.5) / DP_FINE_STEP;
	double		j;

	if (dc->unit)
		j = rint(unslog2(t)) - ceil(dc->lo);
	else
		j = floor((t - dc->tlo) / dc->twidth * dc->nbins);
	return (int) Max(0, Min(dc->nbins - 1, j));
}

/* the released histogram bin of column i that holds x */
int
sd_dp_bin_index(DpFit *f, int i, double x)
{
	const DpCol *dc = &f->cols[i];
	int			k = fine_index(x);

	if (dc->fine_bin != NULL && k >= dc->fine_klo && k - dc->fine_klo < dc->fine_nk)
		return dc->fine_bin[k - dc->fine_klo];
	return bin_of_fine(dc, k);
}

/*
 * The histogram bin of every fine bin of the range, for sd_dp_bin_index:
 * MST's scan asks it of every value (a table lookup instead of a division,
 * a floor and, for unit bins, an exp2 per value)
 */
static void
fine_bin_table(DpCol *dc)
{
	int			klo = fine_index(dc->lo),
				khi = fine_index(dc->hi),
				k;

	dc->fine_bin = NULL;
	if (khi - klo + 1 > DP_FINE_TABLE_MAX)
		return;
	dc->fine_klo = klo;
	dc->fine_nk = khi - klo + 1;
	dc->fine_bin = palloc(sizeof(int) * dc->fine_nk);
	for (k = klo; k <= khi; k++)
		dc->fine_bin[k - klo] = bin_of_fine(dc, k);
}

/* the value interval of bin j of the released histogram of column i */
void
sd_dp_bin_bounds(DpFit *f, int i, int j, double *a, double *b)
{
	const DpCol *dc = &f->cols[i];

	bin_bounds(dc, j, a, b);
	if (!dc->unit)
	{
		*a = unslog2(*a);
		*b = unslog2(*b);
	}
}

/* quantile grid of a histogram of non-negative counts */
static void
grid_from_hist(const DpCol *dc, const double *h, double total, double *grid)
{
	int			g,
				j = 0;
	double		cum = 0;

	for (g = 0; g < GRID_POINTS; g++)
	{
		double		p = total * g / (GRID_POINTS - 1),
					a,
					b,
					frac;

		while (j < dc->nbins - 1 && cum + h[j] < p)
			cum += h[j++];
		frac = h[j] > 0 ? Max(0.0, Min(1.0, (p - cum) / h[j])) : 0.5;
		bin_bounds(dc, j, &a, &b);
		grid[g] = a + frac * (b - a);
		if (!dc->unit)
			grid[g] = unslog2(grid[g]);
		if (g > 0 && grid[g] < grid[g - 1])
			grid[g] = grid[g - 1];
	}
}

/*
 * A released range clipped to what the column's type holds (the catalog's,
 * free): an octave of a numeric(4,2) price reaches past 99.99.
 */
static void
type_limits(const ModelCol *c, double *lo, double *hi)
{
	double		lim = INFINITY;

	if (c->vk == VK_INT2)
		lim = PG_INT16_MAX;
	else if (c->vk == VK_INT4)
		lim = PG_INT32_MAX;
	else if (c->vk == VK_NUMERIC && c->typmod >= (int32) VARHDRSZ)
	{
		int			precision = ((c->typmod - VARHDRSZ) >> 16) & 0xffff;
		int			scale = (c->typmod - VARHDRSZ) & 0x7ff;

		if (scale <= precision)
			lim = pow(10.0, precision - scale) - pow(10.0, -scale);
	}
	if (!isfinite(lim))
		return;
	*lo = Max(*lo, -lim);
	*hi = Min(*hi, lim);
	if (*lo > *hi)
		*lo = *hi;
}

static void
dp_number(DpFit *f, int i)
{
	DpCol	   *dc = &f->cols[i];
	ModelCol   *c = &f->m->cols[i];
	double		sigma = sd_dp_sigma(dc->rho_hist, f->o.max_rows);
	double	   *h,
				total = 0,
				nulls = 0;
	int			j,
				k;
	char	   *extra;

	if (!dc->bounded && !dp_range(f, dc))
	{
		c->kind = MK_NULL;
		c->reason = "no bin of its range cleared the noise: not modelled";
		sd_dp_budget_item(f, c->name, "range", "gaussian, bins over a fixed grid", dc->rho_range,
					"\"released\": false");
		sd_dp_budget_item(f, c->name, "range refinement", "gaussian, fine bins of the outermost range bins",
						  dc->rho_refine, "\"released\": false");
		sd_dp_budget_item(f, c->name, "histogram", "gaussian", dc->rho_hist, "\"released\": false");
		return;
	}
	if (!dc->bounded)
	{
		sd_dp_budget_item(f, c->name, "range", "gaussian, bins over a fixed grid", dc->rho_range,
					psprintf("\"sigma\": %.6g, \"bins\": %d", sd_dp_sigma(dc->rho_range, f->o.max_rows),
							 DP_COARSE_BINS));
		dp_range_refine(f, dc);
	}
	type_limits(c, &dc->lo, &dc->hi);
	dc->unit = vk_is_integral(c->vk) && ceil(dc->hi) - ceil(dc->lo) < DP_UNIT_MAX &&
		fabs(dc->lo) <= DP_UNIT_ABS && fabs(dc->hi) <= DP_UNIT_ABS;
	if (dc->unit)
		dc->nbins = (int) (floor(dc->hi) - ceil(dc->lo)) + 1;
	else
	{
		/* no narrower than the fine grid the counts were taken on */
		int			nfine = fine_index(dc->hi) - fine_index(dc->lo);

		dc->nbins = (int) Max(4, Min(DP_HIST_MAX, f->rows / (4 * sigma)));
		dc->nbins = Min(dc->nbins, Max(nfine, 4));
	}
	dc->nbins = Max(dc->nbins, 1);
	dc->tlo = slog2(dc->lo);
	dc->twidth = slog2(dc->hi) - dc->tlo;
	fine_bin_table(dc);
	h = palloc0(sizeof(double) * dc->nbins);
	for (k = 0; k < DP_FINE_BINS; k++)
		if (dc->fine[k] > 0)
			h[bin_of_fine(dc, k)] += dc->fine[k];
	for (j = 0; j < dc->nbins; j++)
	{
		h[j] = noisy_count(f, (int64) h[j], sigma);
		total += h[j];
	}
	if (dc->nullable)
		nulls = noisy_count(f, dc->nulls, sigma);
	extra = psprintf("\"sigma\": %.6g, \"bins\": %d", sigma, dc->nbins + (dc->nullable ? 1 : 0));
	sd_dp_budget_item(f, c->name, "histogram", "gaussian", dc->rho_hist, extra);
	if (total <= 0 && !dc->nullable)
	{
		/* NOT NULL: values it must have, spread evenly over the range */
		for (j = 0; j < dc->nbins; j++)
			h[j] = 1;
		total = dc->nbins;
	}
	if (total <= 0)
	{
		c->kind = MK_NULL;
		c->reason = "every noisy count was zero: not modelled";
		return;
	}
	c->kind = MK_CONTINUOUS;
	c->grid = palloc(sizeof(double) * GRID_POINTS);
	grid_from_hist(dc, h, total, c->grid);
	c->score_grid = c->grid;
	c->integer = vk_is_integral(c->vk);
	c->scale = -1;
	if (c->vk == VK_NUMERIC && c->typmod >= (int32) VARHDRSZ)
		c->scale = ((c->typmod - VARHDRSZ) & 0x7ff);
	c->count = (int64) rint(total);
	c->nulls = (int64) rint(nulls);
	c->null_fraction = nulls / (nulls + total);
}

static void
dp_bool(DpFit *f, int i)
{
	DpCol	   *dc = &f->cols[i];
	ModelCol   *c = &f->m->cols[i];
	double		sigma = sd_dp_sigma(dc->rho_hist, f->o.max_rows);
	double		v[2],
				nulls = 0;
	int			j;

	v[0] = noisy_count(f, dc->bools[0], sigma);
	v[1] = noisy_count(f, dc->bools[1], sigma);
	if (v[0] + v[1] <= 0 && !dc->nullable)
		v[0] = v[1] = 1;		/* NOT NULL: even shares */
	if (dc->nullable)
		nulls = noisy_count(f, dc->nulls, sigma);
	sd_dp_budget_item(f, c->name, "categories", "gaussian, whole domain", dc->rho_hist,
				psprintf("\"sigma\": %.6g", sigma));
	c->cats = palloc0(sizeof(ModelCat) * 2);
	c->numeric_cats = true;
	for (j = 0; j < 2; j++)
		if (v[j] > 0)
		{
			c->cats[c->ncat].value = j;
			c->cats[c->ncat].count = (int64) rint(v[j]);
			c->cats[c->ncat].p = v[j] / (v[0] + v[1]);
			c->ncat++;
		}
	c->kind = c->ncat > 0 ? MK_CATEGORICAL : MK_NULL;
	c->count = (int64) rint(v[0] + v[1]);
	c->nulls = (int64) rint(nulls);
	c->null_fraction = c->ncat > 0 ? nulls / (nulls + v[0] + v[1]) : 0;
}

/* ---- text categories ----------------------------------------------------------- */

typedef struct DpLabel
{
	char	   *label;
	int			len;
	double		noisy;
} DpLabel;

static int
cmp_label_noisy_desc(const void *a, const void *b)
{
	double		x = ((const DpLabel *) a)->noisy,
				y = ((const DpLabel *) b)->noisy;

	return x > y ? -1 : x < y ? 1 : 0;
}

/* adds a value to the column's noisy labels if its noisy count clears the threshold */
static void
noisy_label(DpFit *f, DpCol *dc, const char *label, int len, int64 count,
			DpLabel **labels, int *nlab, int *cap)
{
	double		noisy;

	/* a value longer than a counting key is never a category, either way */
	if (len >= SD_FREQ_MAXKEY)
		return;
	noisy = (double) count + sd_dp_gaussian(&f->noise, sd_dp_sigma(dc->rho_hist, f->o.max_rows));
	if (noisy <= dc->threshold)
		return;
	if (*nlab == *cap)
	{
		*cap = Max(16, 2 * *cap);
		*labels = *labels ? repalloc(*labels, sizeof(DpLabel) * *cap) :
			palloc(sizeof(DpLabel) * *cap);
	}
	(*labels)[*nlab].len = len;
	(*labels)[*nlab].label = pnstrdup(label, len);
	(*labels)[*nlab].noisy = noisy;
	(*nlab)++;
}

/* the released categories of a text column, from its noisy labels */
static void
text_marginal(DpFit *f, int i, DpLabel *labels, int n)
{
	DpCol	   *dc = &f->cols[i];
	ModelCol   *c = &f->m->cols[i];
	double		sigma = sd_dp_sigma(dc->rho_hist, f->o.max_rows);
	double		kept = 0,
				nulls = 0;
	int			j;

	sd_dp_budget_item(f, c->name, "categories", "gaussian, thresholded", dc->rho_hist,
				psprintf("\"sigma\": %.6g, \"threshold\": %.6g", sigma, dc->threshold));
	if (dc->nullable)
		nulls = noisy_count(f, dc->nulls, sigma);
	qsort(labels, n, sizeof(DpLabel), cmp_label_noisy_desc);
	n = Min(n, COPULA_CATEGORY_MAX);
	c->cats = palloc0(sizeof(ModelCat) * Max(n, 1));
	for (j = 0; j < n; j++)
		kept += labels[j].noisy;
	for (j = 0; j < n; j++)
	{
		c->cats[j].label = labels[j].label;
		c->cats[j].len = labels[j].len;
		c->cats[j].count = (int64) rint(labels[j].noisy);
		c->cats[j].p = labels[j].noisy / kept;
	}
	c->ncat = n;
	c->kind = n > 0 ? MK_CATEGORICAL : MK_NULL;
	if (n == 0)
		c->reason = "no value's noisy count cleared the threshold";
	if (n == 0 && !dc->nullable)
	{
		/* NOT NULL: fresh values, which read nothing */
		c->kind = MK_SEQUENCE;
		c->reason = "NOT NULL, and no value's noisy count cleared the threshold: fresh values";
	}
	if (c->role == ROLE_PII && n > 0)
	{
		c->role = ROLE_ATTRIBUTE;
		c->pii_kind = NULL;
		c->reason = "name suggests PII, but values shared by many people cleared the threshold";
	}
	else if (c->role == ROLE_PII && c->pii_kind != NULL &&
			 sd_fake_kind_lookup(c->pii_kind) != SD_FAKE_NONE)
	{
		c->kind = MK_FORMAT;
		c->reason = "personal data: no value shared by enough people, fakes of its kind";
	}
	c->count = (int64) rint(kept);
	c->nulls = (int64) rint(nulls);
	c->null_fraction = n > 0 ? nulls / (nulls + kept) : 0;
	c->suppressed = 0;
}

/*
 * Counts of the values of up to DP_GROUPING_MAX text columns in one scan
 * (grouping sets); every value present gets Gaussian noise, and only those
 * above the column's threshold are kept.
 */
static void
dp_text_chunk(DpFit *f, const int *cols, int ncols)
{
	StringInfoData q,
				sets;
	Portal		portal;
	DpLabel   **labels = palloc0(sizeof(DpLabel *) * ncols);
	int		   *nlab = palloc0(sizeof(int) * ncols),
			   *cap = palloc0(sizeof(int) * ncols);
	int			j;

	initStringInfo(&q);
	initStringInfo(&sets);
	appendStringInfoString(&q, "SELECT GROUPING(");
	for (j = 0; j < ncols; j++)
		appendStringInfo(&q, "%ss.%s", j ? ", " : "",
						 quote_identifier(f->m->cols[cols[j]].name));
	appendStringInfoString(&q, ")::pg_catalog.int4");
	for (j = 0; j < ncols; j++)
	{
		const char *name = quote_identifier(f->m->cols[cols[j]].name);

		appendStringInfo(&q, ", s.%s::pg_catalog.text", name);
		appendStringInfo(&sets, "%s(s.%s)", j ? ", " : "", name);
	}
	/* in a fixed order, so that seeded noise is reproducible */
	appendStringInfo(&q, ", pg_catalog.count(*) FROM %s s GROUP BY GROUPING SETS (%s) ORDER BY 1",
					 f->source, sets.data);
	for (j = 0; j < ncols; j++)
		appendStringInfo(&q, ", %d", j + 2);
	portal = SPI_cursor_open_with_args(NULL, q.data, 0, NULL, NULL, NULL, true, 0);
	for (;;)
	{
		uint64		r;

		SPI_cursor_fetch(portal, true, DP_FETCH);
		/* SPI may leave its own context current: the model lives in the fit's */
		MemoryContextSwitchTo(f->fc->cxt);
		if (SPI_processed == 0)
			break;
		for (r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			TupleDesc	td = SPI_tuptable->tupdesc;
			bool		isnull;
			int32		g = DatumGetInt32(SPI_getbinval(tup, td, 1, &isnull));
			int64		cnt = DatumGetInt64(SPI_getbinval(tup, td, ncols + 2, &isnull));
			Datum		v;
			text	   *t;

			CHECK_FOR_INTERRUPTS();
			/* the grouped column is the one whose bit is clear */
			for (j = 0; j < ncols && (g & (1 << (ncols - 1 - j))); j++)
				;
			if (j >= ncols)
				continue;
			v = SPI_getbinval(tup, td, j + 2, &isnull);
			if (isnull)
				continue;
			t = DatumGetTextPP(v);
			noisy_label(f, &f->cols[cols[j]], VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), cnt,
						&labels[j], &nlab[j], &cap[j]);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	MemoryContextSwitchTo(f->fc->cxt);
	for (j = 0; j < ncols; j++)
		text_marginal(f, cols[j], labels[j], nlab[j]);
}

static void
dp_texts(DpFit *f)
{
	int		   *cols = palloc(sizeof(int) * Max(f->ncols, 1));
	int			n = 0,
				i;

	for (i = 0; i < f->ncols; i++)
	{
		DpCol	   *dc = &f->cols[i];

		if (dc->kind != DK_TEXT)
			continue;

		/*
		 * A person adds at most max_rows values of their own to each text
		 * column: each clears the threshold with probability at most
		 * delta_threshold / (max_rows * text columns).
		 */
		dc->threshold = f->o.max_rows +
			sd_dp_sigma(dc->rho_hist, f->o.max_rows) *
			sd_qnorm(1.0 - f->delta_thr / ((double) f->o.max_rows * f->ntext));
		if (!dc->freq.overflowed)
		{
			/* counted exactly in the scan: its values in key order */
			DpLabel    *labels = NULL;
			int			nlab = 0,
						cap = 0,
						k;

			sd_freq_finish(&dc->freq);
			for (k = 0; k < dc->freq.nitems; k++)
				noisy_label(f, dc, dc->freq.items[k].key, dc->freq.items[k].len,
							dc->freq.items[k].count, &labels, &nlab, &cap);
			text_marginal(f, i, labels, nlab);
			continue;
		}
		cols[n++] = i;
		if (n == DP_GROUPING_MAX)
		{
			dp_text_chunk(f, cols, n);
			n = 0;
		}
	}
	if (n > 0)
		dp_text_chunk(f, cols, n);
}

/* ---- the dependence: a DP Gaussian copula --------------------------------------- */

static inline double
clip_score(double z)
{
	return Max(-DP_CLIP, Min(DP_CLIP, z));
}

/*
 * Scores of the ncat intervals of N(0,1) with the shares p (in order), and
 * E[score(Z) Z] = sum p_j score_j E[Z | interval j].
 */
static double
interval_scores(const double *p, int ncat, double *score)
{
	double		cum = 0,
				lo = -INFINITY,
				b = 0;
	int			j;

	for (j = 0; j < ncat; j++)
	{
		double		hi = j == ncat - 1 ? INFINITY : sd_qnorm(Min(1.0, cum + p[j]));
		double		mean = sd_interval_mean(lo, hi);

		score[j] = clip_score(mean);
		b += p[j] * score[j] * mean;
		cum += p[j];
		lo = hi;
	}
	return b;
}

static int
add_dim(DpFit *f, int col, bool null_dim, double b)
{
	f->dim_col[f->ndims] = col;
	f->dim_null[f->ndims] = null_dim;
	f->dim_b[f->ndims] = b;
	return f->ndims++;
}

/* the copula's dimensions, with their scores, from the released marginals */
static void
copula_dims(DpFit *f)
{
	int			i,
				j;

	f->dim_col = palloc(sizeof(int) * 2 * Max(f->ncols, 1));
	f->dim_null = palloc(sizeof(bool) * 2 * Max(f->ncols, 1));
	f->dim_b = palloc(sizeof(double) * 2 * Max(f->ncols, 1));
	for (i = 0; i < f->ncols; i++)
	{
		DpCol	   *dc = &f->cols[i];
		ModelCol   *c = &f->m->cols[i];

		if (dc->kind == DK_SKIP || (c->kind != MK_CONTINUOUS && c->kind != MK_CATEGORICAL))
			continue;
		if (c->null_fraction > 0 && c->null_fraction < 1)
		{
			double		p[2] = {1 - c->null_fraction, c->null_fraction};

			c->null_dim = add_dim(f, i, true, interval_scores(p, 2, dc->null_score));
		}
		if (c->kind == MK_CONTINUOUS)
			c->value_dim = add_dim(f, i, false, 2 * sd_pnorm(DP_CLIP) - 1);
		else if (c->ncat >= 2)
		{
			double	   *p = palloc(sizeof(double) * c->ncat);
			char		buf[SD_FREQ_MAXKEY];

			for (j = 0; j < c->ncat; j++)
				p[j] = c->cats[j].p;
			dc->cat_score = palloc(sizeof(double) * c->ncat);
			c->value_dim = add_dim(f, i, false, interval_scores(p, c->ncat, dc->cat_score));
			if (dc->kind == DK_TEXT)
			{
				sd_freq_init(&dc->catmap, c->ncat);
				for (j = 0; j < c->ncat; j++)
				{
					const char *key;
					int			len = sd_freq_key(c->cats[j].label, c->cats[j].len, buf, &key);

					sd_freq_add_hashed(&dc->catmap, key, len, sd_hash_key(key, len), j + 1);
				}
			}
		}
	}
}

/* the score of a row's value in its value dimension (0: NULL or unreleased) */
static double
value_score(DpFit *f, int i, Datum v, bool isnull)
{
	DpCol	   *dc = &f->cols[i];
	ModelCol   *c = &f->m->cols[i];
	double		x;

	if (isnull)
		return 0;
	if (c->kind == MK_CONTINUOUS)
	{
		if (!datum_to_double(c->vk, v, &x))
			return 0;
		x = sd_grid_cdf(c->grid, GRID_POINTS, x);
		return clip_score(sd_qnorm(Max(1e-9, Min(1 - 1e-9, x))));
	}
	{
		int			j = sd_dp_category_of(f, i, v);

		return j >= 0 ? dc->cat_score[j] : 0;
	}
}

/*
 * The released category of a value of a categorical column with two
 * categories or more (copula_dims), or -1 when it was not released.
 */
int
sd_dp_category_of(DpFit *f, int i, Datum v)
{
	DpCol	   *dc = &f->cols[i];
	ModelCol   *c = &f->m->cols[i];
	const char *s,
			   *key;
	int			len,
				j;
	char		buf[SD_FREQ_MAXKEY];
	int64		idx;

	if (dc->kind == DK_BOOL)
	{
		for (j = 0; j < c->ncat; j++)
			if (c->cats[j].value == (DatumGetBool(v) ? 1 : 0))
				return j;
		return -1;
	}
	datum_to_string(c->vk, v, c->typoutput, &s, &len);
	len = sd_freq_key(s, len, buf, &key);
	idx = sd_freq_count_hashed(&dc->catmap, key, len, sd_hash_key(key, len));
	return idx > 0 ? (int) idx - 1 : -1;
}

static void
score_row(DpFit *f, Datum *values, bool *isnull)
{
	int			d,
				e;

	for (d = 0; d < f->ndims; d++)
	{
		int			i = f->dim_col[d];

		if (f->dim_null[d])
			f->score[d] = f->cols[i].null_score[isnull[i] ? 1 : 0];
		else
			f->score[d] = value_score(f, i, values[i], isnull[i]);
	}
	for (d = 0; d < f->ndims; d++)
		for (e = d + 1; e < f->ndims; e++)
			f->sums[d * f->ndims + e] += f->score[d] * f->score[e];
}

/* the latent dimensions, uncorrelated until the copula or MST says more */
static void
dp_latent_dims(DpFit *f)
{
	Model	   *m = f->m;
	int			D,
				d;

	copula_dims(f);
	D = f->ndims;
	m->ndims = D;
	m->copula_rows = m->rows;
	m->corr = palloc0(sizeof(double) * Max(D * D, 1));
	for (d = 0; d < D; d++)
		m->corr[d * D + d] = 1;
}

/*
 * A row's products of scores, all at most DP_CLIP^2, have an L2 norm of at
 * most (sum of squared scores) / sqrt(2) <= D DP_CLIP^2 / sqrt(2); a person
 * has max_rows rows.  Each latent correlation is then the noisy mean
 * product over the product of the scores' slopes (the first Hermite term).
 */
static void
dp_copula(DpFit *f)
{
	Model	   *m = f->m;
	int			D,
				d,
				e;
	double		sens,
				sigma;

	dp_latent_dims(f);
	D = f->ndims;
	if (f->rho_copula <= 0)
		return;
	sens = f->o.max_rows * D * DP_CLIP * DP_CLIP / sqrt(2.0);
	sigma = sd_dp_sigma(f->rho_copula, sens);
	if (D >= 2)
	{
		f->sums = palloc0(sizeof(double) * D * D);
		f->score = palloc0(sizeof(double) * D);
		sd_dp_scan(f, score_row);
		for (d = 0; d < D; d++)
			for (e = d + 1; e < D; e++)
			{
				double		r = (f->sums[d * D + e] + sd_dp_gaussian(&f->noise, sigma)) /
					(Max(f->rows, 1.0) * f->dim_b[d] * f->dim_b[e]);

				if (f->dim_col[d] == f->dim_col[e] || !isfinite(r))
					r = 0;
				r = Max(-0.99, Min(0.99, r));
				m->corr[d * D + e] = m->corr[e * D + d] = r;
			}
		sd_nearest_correlation(m->corr, D, 1e-9, 200);
		sd_make_positive_definite(m->corr, D);
	}
	sd_dp_budget_item(f, NULL, "rank correlations", "gaussian, clipped normal scores",
				f->rho_copula, psprintf("\"sigma\": %.6g, \"dimensions\": %d, \"released\": %s",
										sigma, D, D >= 2 ? "true" : "false"));
}

/* ---- the fit --------------------------------------------------------------------- */

static char *
privacy_json(DpFit *f, int person_col)
{
	StringInfoData b;

	initStringInfo(&b);
	appendStringInfo(&b, "{\"epsilon\": %.17g, \"delta\": %.17g, \"rho\": %.17g, "
					 "\"delta_conversion\": %.17g, \"delta_threshold\": %.17g, "
					 "\"epsilon_spent\": %.17g, ",
					 f->o.epsilon, f->o.delta, f->rho, f->delta_conv, f->delta_thr,
					 sd_dp_epsilon(f->rho, f->delta_conv));
	appendStringInfoString(&b, "\"accounting\": \"zCDP (Bun and Steinke 2016), to (epsilon, delta) by Canonne, Kamath and Steinke 2020\", "
						   "\"neighbours\": \"add or remove one person\", \"person_key\": ");
	if (person_col >= 0)
		escape_json(&b, f->m->cols[person_col].name);
	else
		appendStringInfoString(&b, "null");
	appendStringInfo(&b, ", \"max_rows_per_person\": %d, \"noise\": \"%s\", \"dependence\": \"%s\", "
					 "\"exact_copy_guard\": false, \"budget\": [%s\n]}",
					 f->o.max_rows, f->o.seeded ? "seeded (tests only)" : "strong random source",
					 f->rho_copula > 0 ? "gaussian copula" :
					 f->rho_mst_select > 0 ? "mst" : "none", f->budget.data);
	return b.data;
}

static int
dp_columns(DpFit *f)
{
	int			i,
				person_col = -1;

	f->ncols = f->m->ncols;
	f->cols = palloc0(sizeof(DpCol) * Max(f->ncols, 1));
	if (f->o.person_key != NULL)
	{
		for (i = 0; i < f->ncols; i++)
			if (strcmp(f->m->cols[i].name, f->o.person_key) == 0)
				person_col = i;
		if (person_col < 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of option \"person_key\" does not exist",
							f->o.person_key)));
		if (f->m->cols[person_col].role != ROLE_KEY)
		{
			f->m->cols[person_col].role = ROLE_IDENTIFIER;
			f->m->cols[person_col].reason = "person key: fresh values";
		}
	}
	dp_time_keys(f->m);
	for (i = 0; i < f->ncols; i++)
	{
		DpCol	   *dc = &f->cols[i];
		ModelCol   *c = &f->m->cols[i];

		dc->mcol = i;
		c->scale = -1;
		c->null_dim = c->value_dim = -1;
		dc->kind = dp_kind_of(c);
		dc->nullable = !c->notnull;
		if (dc->kind != DK_SKIP)
			f->nmodelled++;
		if (dc->kind == DK_TEXT)
			f->ntext++;
		if (dc->kind == DK_NUMBER)
			dc->fine = palloc0(sizeof(int64) * DP_FINE_BINS);
		if (dc->kind == DK_TEXT)
			sd_freq_init(&dc->freq, DP_TEXT_CAP);
	}
	return person_col;
}

Model *
dp_fit_model(Model *m, FitContext *fc, Jsonb *options)
{
	DpFit		f;
	int			person_col,
				i;
	char	   *privacy;

	memset(&f, 0, sizeof(f));
	f.m = m;
	f.fc = fc;
	dp_parse_options(options, &f.o);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(fc->cxt);
	/* a search vector is computed from the drawn row: post-processing */
	derived_columns_mark(fc->relid, m);
	person_col = dp_columns(&f);
	dp_read_bounds(&f);
	dp_plan(&f);
	sd_dp_noise_init(&f.noise, f.o.seeded, f.o.seed);
	initStringInfo(&f.budget);
	f.budget_first = true;
	dp_check_budget(&f);
	dp_source(&f, person_col);
	sd_dp_scan(&f, count_row);
	f.rows = noisy_count(&f, f.exact_rows, sd_dp_sigma(f.rho_unit, f.o.max_rows));
	sd_dp_budget_item(&f, NULL, "rows", "gaussian", f.rho_unit,
				psprintf("\"sigma\": %.6g", sd_dp_sigma(f.rho_unit, f.o.max_rows)));
	m->rows = (int64) rint(f.rows);
	for (i = 0; i < f.ncols; i++)
	{
		if (f.cols[i].kind == DK_NUMBER)
			dp_number(&f, i);
		else if (f.cols[i].kind == DK_BOOL)
			dp_bool(&f, i);
		if (f.cols[i].fine != NULL)
			pfree(f.cols[i].fine);
		f.cols[i].fine = NULL;
	}
	dp_texts(&f);
	if (f.o.mst)
	{
		dp_latent_dims(&f);
		sd_dp_mst(&f);
	}
	else
		dp_copula(&f);
	privacy = privacy_json(&f, person_col);
	m->privacy = privacy;
	dp_record(&f, privacy);
	SPI_finish();
	return m;
}

/*
 * synth_privacy_budget(source regclass) returns record
 *		(fits, epsilon, delta, rho): what the caller's ledger rows of a
 *		source add up to, rho summed (zCDP composes additively) and
 *		converted once at the summed conversion deltas.
 */
PG_FUNCTION_INFO_V1(synth_privacy_budget);
Datum
synth_privacy_budget(PG_FUNCTION_ARGS)
{
	Oid			relid = PG_GETARG_OID(0);
	Oid			types[1] = {OIDOID};
	Datum		vals[1] = {ObjectIdGetDatum(relid)};
	Datum		out[4];
	bool		nulls[4] = {false, false, false, false};
	TupleDesc	tupdesc;
	double		rho,
				delta,
				dconv;
	int64		fits;
	bool		isnull;
	char	   *q;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "synth_privacy_budget must return a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	q = psprintf("SELECT pg_catalog.count(*), pg_catalog.sum(rho), pg_catalog.sum(delta), "
				 "pg_catalog.sum(delta OPERATOR(pg_catalog.-) delta_threshold) "
				 "FROM %s.synth_privacy_ledger WHERE source OPERATOR(pg_catalog.=) $1",
				 quote_identifier(get_namespace_name(sd_extension_namespace())));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute_with_args(q, 1, types, vals, NULL, true, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "could not read the privacy ledger");
	fits = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	rho = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	if (isnull)
		rho = 0;
	delta = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull));
	if (isnull)
		delta = 0;
	dconv = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 4, &isnull));
	if (isnull)
		dconv = 0;
	SPI_finish();
	out[0] = Int64GetDatum(fits);
	out[1] = Float8GetDatum(fits > 0 ? sd_dp_epsilon(rho, Min(dconv, 0.5)) : 0);
	out[2] = Float8GetDatum(delta);
	out[3] = Float8GetDatum(rho);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, out, nulls)));
}
