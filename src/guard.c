/*-------------------------------------------------------------------------
 *
 * guard.c
 *		The exact-copy guard at sampling time: building the Bloom filter of
 *		the source's rows (one aggregate pass over the source, as the
 *		caller) when a model is sampled without the guard of its own fit.
 *
 * The filter lives only as long as the call; the model never holds it.
 * The per-row test (row_guard_hashes, row_in_guard) is in sampler.c.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/guard.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"
#include "roles.h"

/*
 * Builds the exact-copy guard: a Bloom filter of the source's rows on the
 * model's non-key columns, from one scan of the source as the caller.  It
 * lives only as long as the call; the model never holds it.
 */
void
sampler_build_guard(Sampler *s, Oid func_nsp)
{
	Model	   *m = s->m;
	Oid			relid;
	Relation	rel;
	TupleDesc	tupdesc;
	FitConfig	cfg;
	FitContext	fc;
	FitState   *st;
	MemoryContext cxt = CurrentMemoryContext;
	double		rows;
	int		   *model_col;
	bool	   *example_free,
			   *restrict_by;
	int			g,
				j;

	/*
	 * A differentially private model never reads its source again: whether
	 * a drawn row were redrawn would depend on one person's row, which the
	 * guarantee (post-processing of the model only) does not cover.
	 */
	if (m->privacy != NULL)
		return;
	relid = RangeVarGetRelid(makeRangeVar(m->schema, m->table, -1), NoLock, true);
	if (!OidIsValid(relid))
	{
		ereport(NOTICE,
				(errmsg("exact-copy guard not applied"),
				 errdetail("The model's source table \"%s.%s\" is not in this database.",
						   m->schema, m->table)));
		return;
	}
	if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
	{
		ereport(NOTICE,
				(errmsg("exact-copy guard not applied"),
				 errdetail("You cannot read the model's source table \"%s.%s\".",
						   m->schema, m->table)));
		return;
	}
	for (g = 0; g < s->nguard; g++)
		if (s->guard_att[g] < 0)
		{
			ereport(NOTICE,
					(errmsg("exact-copy guard not applied"),
					 errdetail("The target lacks some of the model's columns.")));
			return;
		}

	memset(&cfg, 0, sizeof(cfg));
	cfg.pass = PASS_GUARD;
	cfg.cols = palloc0(sizeof(ColConfig) * Max(m->ncols, 1));
	model_col = palloc(sizeof(int) * Max(m->ncols, 1));
	rel = relation_open(relid, AccessShareLock);
	tupdesc = RelationGetDescr(rel);
	for (j = 0; j < m->ncols; j++)
	{
		AttrNumber	attnum;
		Form_pg_attribute att;
		ColConfig  *cc;
		bool		varlena;

		if (roles_guard_skips(m, &m->cols[j]))
			continue;
		attnum = get_attnum(relid, m->cols[j].name);
		if (attnum <= 0)
		{
			relation_close(rel, AccessShareLock);
			ereport(NOTICE,
					(errmsg("exact-copy guard not applied"),
					 errdetail("The model's source table \"%s.%s\" has no column \"%s\".",
							   m->schema, m->table, m->cols[j].name)));
			return;
		}
		att = TupleDescAttr(tupdesc, attnum - 1);
		model_col[cfg.ncols] = j;
		cc = &cfg.cols[cfg.ncols];
		cc->attidx = cfg.ncols++;	/* as an argument; see below */
		cc->typid = att->atttypid;
		cc->name = m->cols[j].name;
		cc->vk = value_kind_of(att->atttypid);
		/* compare as the model's class: numbers as numbers, the rest as text */
		if (vk_is_number(cc->vk) != vk_is_number(m->cols[j].vk))
		{
			relation_close(rel, AccessShareLock);
			ereport(NOTICE,
					(errmsg("exact-copy guard not applied"),
					 errdetail("Column \"%s\" of the model's source table has changed type.",
							   m->cols[j].name)));
			return;
		}
		getTypeOutputInfo(att->atttypid, &cc->typoutput, &varlena);
		cc->in_guard = true;
		/* held as the fit's own guard holds them */
		cc->guard_restrict = guard_restricts(m, &m->cols[j], true) &&
			!vk_is_number(cc->vk);
		cc->null_dim = cc->value_dim = -1;
	}
	rows = Max((double) m->rows, (double) rel->rd_rel->reltuples);
	relation_close(rel, AccessShareLock);

	/* folded to the size the rows scanned give, as the fit's (fit_guard) */
	cfg.bloom_bits = bloom_size(rows);
	if (cfg.ncols == 0 || cfg.ncols > FIT_COLUMNS_MAX)
	{
		/* too many (or no) columns for arguments: the scan passes whole rows */
		cfg.whole_row = true;
		for (j = 0; j < cfg.ncols; j++)
			cfg.cols[j].attidx = get_attnum(relid, cfg.cols[j].name) - 1;
	}

	memset(&fc, 0, sizeof(fc));
	fc.func_nsp = func_nsp;
	fc.relid = relid;
	fc.qualified = quote_qualified_identifier(m->schema, m->table);
	fc.cxt = cxt;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(cxt);
	st = run_fit_pass(&fc, &cfg, "exact-copy guard");
	SPI_finish();
	(void) fit_state_bloom(st);
	if (cfg.bloom_bits >= bloom_size((double) st->rows))
	{
		sd_bloom_fold(st->bloom, cfg.bloom_bits, bloom_size((double) st->rows));
		cfg.bloom_bits = bloom_size((double) st->rows);
	}
	/* the counts and restrictions by the model's columns, as the fit's own */
	example_free = palloc0(sizeof(bool) * Max(m->ncols, 1));
	restrict_by = palloc0(sizeof(bool) * Max(m->ncols, 1));
	{
		bool	   *by_cfg = guard_example_free(&cfg, st);

		for (j = 0; j < cfg.ncols; j++)
		{
			example_free[model_col[j]] = by_cfg[j];
			restrict_by[model_col[j]] = cfg.cols[j].guard_restrict;
		}
	}
	sampler_use_guard(s, st->bloom, cfg.bloom_bits, example_free, restrict_by);
}

