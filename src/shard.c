/*-------------------------------------------------------------------------
 *
 * shard.c
 *		Fits across servers: the scan of a partitioned table whose
 *		partitions are postgres_fdw foreign tables runs on each partition's
 *		own server (synth_fit_partial there), and the states merge here.
 *
 * The remote call.  postgres_fdw has no API to call a function on the
 * remote server, but it exports its connection manager: GetConnection()
 * gives the connection of a user mapping (the caller's, or PUBLIC's), made
 * with the mapping's options under postgres_fdw's own rules (a non-
 * superuser must authenticate with a password unless the mapping says
 * password_required 'false', which only a superuser can set), cached for
 * the session, and with a remote transaction opened at the first use in
 * the local transaction (REPEATABLE READ or SERIALIZABLE, committed or
 * rolled back with the local one).  We resolve it with
 * load_external_function() (no link-time dependency on postgres_fdw) and
 * send "SELECT <schema>.synth_fit_partial($1, $2)" on it: the remote side
 * reads its table as the mapping's remote user, under its own GRANTs and
 * row security, and returns only the state.  Nothing here opens a
 * connection that postgres_fdw itself would not open for a scan of the
 * same foreign table by the same user.
 *
 * The remote extension is expected in a schema of the same name as the
 * local one, and the remote table to have the same columns, in the same
 * order, of the same types and with the same keys as the partitioned
 * table: the state's configuration must be the one the coordinator would
 * use, or the fit stops with an error naming the server.
 *
 * Partitions on different servers are fitted concurrently: one query is
 * sent to each server, then the local partitions are scanned here, then
 * the answers are read; partitions on the same server take turns.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/shard.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

#include "libpq-fe.h"

#include "commands/defrem.h"
#include "foreign/foreign.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"

/* postgres_fdw's connection manager (contrib/postgres_fdw/postgres_fdw.h) */
typedef struct PgFdwConnState PgFdwConnState;
#if PG_VERSION_NUM >= 140000
typedef PGconn *(*GetConnection_fn) (UserMapping *user, bool will_prep_stmt,
									 PgFdwConnState **state);
#else
typedef PGconn *(*GetConnection_fn) (UserMapping *user, bool will_prep_stmt);
#endif
typedef void (*ReleaseConnection_fn) (PGconn *conn);
#if PG_VERSION_NUM >= 170000
typedef PGresult *(*GetResult_fn) (PGconn *conn);
#else
typedef PGresult *(*GetResult_fn) (PGconn *conn, const char *query);
#endif
typedef void (*ReportError_fn) (int elevel, PGresult *res, PGconn *conn,
								bool clear, const char *sql);

typedef struct FdwApi
{
	GetConnection_fn get_connection;
	ReleaseConnection_fn release_connection;
	GetResult_fn get_result;
	ReportError_fn report_error;
} FdwApi;

/* a leaf partition of the fitted table */
typedef struct Shard
{
	Oid			relid;
	Oid			serverid;		/* InvalidOid: scanned here */
	char	   *server;
	char	   *remote;			/* the remote table, quoted and qualified */
	PGconn	   *conn;
	PGresult   *res;			/* its answer, while it is read */
	char	   *query;			/* a counting query sent to it */
	bool		sent;
	bool		done;
} Shard;

static void *
fdw_symbol(const char *name)
{
	return load_external_function("$libdir/postgres_fdw", name, true, NULL);
}

static void
fdw_api(FdwApi *api)
{
	api->get_connection = (GetConnection_fn) fdw_symbol("GetConnection");
	api->release_connection = (ReleaseConnection_fn) fdw_symbol("ReleaseConnection");
	api->get_result = (GetResult_fn) fdw_symbol("pgfdw_get_result");
	api->report_error = (ReportError_fn) fdw_symbol("pgfdw_report_error");
}

/* is relid a foreign table of a postgres_fdw server? */
static bool
is_postgres_fdw_table(Oid relid, ForeignTable **ft, ForeignServer **server)
{
	ForeignDataWrapper *fdw;

	if (get_rel_relkind(relid) != RELKIND_FOREIGN_TABLE)
		return false;
	*ft = GetForeignTable(relid);
	*server = GetForeignServer((*ft)->serverid);
	fdw = GetForeignDataWrapper((*server)->fdwid);
	return strcmp(fdw->fdwname, "postgres_fdw") == 0;
}

/* the remote name of a foreign table (options schema_name, table_name) */
static char *
remote_table_name(Oid relid, ForeignTable *ft)
{
	const char *nsp = get_namespace_name(get_rel_namespace(relid));
	const char *rel = get_rel_name(relid);
	ListCell   *lc;

	foreach(lc, ft->options)
	{
		DefElem    *d = (DefElem *) lfirst(lc);

		if (strcmp(d->defname, "schema_name") == 0)
			nsp = defGetString(d);
		else if (strcmp(d->defname, "table_name") == 0)
			rel = defGetString(d);
	}
	return quote_qualified_identifier(nsp, rel);
}

/*
 * The leaf partitions of relid, if it is a partitioned table with at least
 * one postgres_fdw partition; NIL otherwise (the fit scans it as usual).
 */
static List *
remote_shards(Oid relid)
{
	List	   *leaves,
			   *shards = NIL;
	ListCell   *lc;
	bool		any = false;

	if (get_rel_relkind(relid) != RELKIND_PARTITIONED_TABLE)
		return NIL;
	leaves = find_all_inheritors(relid, AccessShareLock, NULL);
	foreach(lc, leaves)
	{
		Oid			leaf = lfirst_oid(lc);
		char		kind = get_rel_relkind(leaf);
		ForeignTable *ft;
		ForeignServer *server;
		Shard	   *s;

		if (kind == RELKIND_PARTITIONED_TABLE)
			continue;
		s = palloc0(sizeof(Shard));
		s->relid = leaf;
		if (is_postgres_fdw_table(leaf, &ft, &server))
		{
			s->serverid = server->serverid;
			s->server = server->servername;
			s->remote = remote_table_name(leaf, ft);
			any = true;
		}
		shards = lappend(shards, s);
	}
	return any ? shards : NIL;
}

/* whether relid is a partitioned table with postgres_fdw partitions */
bool
shard_is_sharded(Oid relid)
{
	return remote_shards(relid) != NIL;
}

/*
 * The options of the remote synth_fit_partial: the fit's, the pass, and
 * the partitioned table's keys (the shards' own indexes do not count).
 */
static char *
remote_options(FitContext *fc, const FitConfig *cfg, const Model *m, const char *is_key)
{
	StringInfoData extra;
	Jsonb	   *opts;
	int			i;
	bool		first = true;

	initStringInfo(&extra);
	appendStringInfo(&extra, "{\"pass\": \"%s\", \"guard_bits\": " UINT64_FORMAT ", \"key_flags\": {",
					 cfg->pass == PASS_GUARD ? "guard" : "scan", cfg->bloom_bits);
	for (i = 0; i < m->ncols; i++)
	{
		if (is_key[m->cols[i].attidx] == 0)
			continue;
		if (!first)
			appendStringInfoString(&extra, ", ");
		escape_json(&extra, m->cols[i].name);
		appendStringInfo(&extra, ": %d", is_key[m->cols[i].attidx]);
		first = false;
	}
	appendStringInfoString(&extra, "}}");
	opts = DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(extra.data)));
	if (fc->options != NULL)
		opts = DatumGetJsonbP(DirectFunctionCall2(jsonb_concat,
												  JsonbPGetDatum(fc->options),
												  JsonbPGetDatum(opts)));
	return JsonbToCString(NULL, &opts->root, VARSIZE(opts));
}

static char *
remote_query(FitContext *fc)
{
	return psprintf("SELECT %s.synth_fit_partial($1::pg_catalog.regclass, $2::pg_catalog.jsonb)",
					quote_identifier(get_namespace_name(fc->func_nsp)));
}

/* the connection of the caller's user mapping for the shard's server */
static void
shard_connect(FdwApi *api, Shard *s)
{
	UserMapping *um = GetUserMapping(GetUserId(), s->serverid);

#if PG_VERSION_NUM >= 140000
	s->conn = api->get_connection(um, false, NULL);
#else
	s->conn = api->get_connection(um, false);
#endif
}

/* sends the partial fit of a shard on its server's connection */
static void
shard_send(FdwApi *api, Shard *s, const char *sql, const char *options)
{
	const char *params[2];

	shard_connect(api, s);
	params[0] = s->remote;
	params[1] = options;
	if (!PQsendQueryParams(s->conn, sql, 2, NULL, params, NULL, NULL, 1))
		api->report_error(ERROR, NULL, s->conn, false, sql);
	s->sent = true;
}

/* the answer of a shard's server: its state (res is cleared by the caller) */
static FitState *
shard_answer(FdwApi *api, Shard *s, const char *sql, PGresult **res, bytea **cfg)
{
	bytea	   *raw;
	FitState   *st;
	int			len;

#if PG_VERSION_NUM >= 170000
	*res = api->get_result(s->conn);
#else
	*res = api->get_result(s->conn, sql);
#endif
	if (PQresultStatus(*res) != PGRES_TUPLES_OK)
		api->report_error(ERROR, *res, s->conn, false, sql);
	if (PQntuples(*res) != 1 || PQnfields(*res) != 1 || PQgetisnull(*res, 0, 0))
		ereport(ERROR,
				(errcode(ERRCODE_FDW_ERROR),
				 errmsg("server \"%s\" returned no partial fit of %s", s->server, s->remote)));
	len = PQgetlength(*res, 0, 0);
	raw = palloc(VARHDRSZ + len);
	SET_VARSIZE(raw, VARHDRSZ + len);
	memcpy(VARDATA(raw), PQgetvalue(*res, 0, 0), len);
	st = partial_open(raw, cfg);
	pfree(raw);
	return st;
}

/* reads a shard's state, and checks it is of the coordinator's configuration */
static FitState *
shard_receive(FdwApi *api, Shard *s, const char *sql, const bytea *cfg_portable)
{
	FitState   *volatile st = NULL;
	bytea	   *volatile cfgv = NULL;
	bytea	   *cfg;

	s->res = NULL;
	PG_TRY();
	{
		bytea	   *c;

		st = shard_answer(api, s, sql, &s->res, &c);
		cfgv = c;
	}
	PG_CATCH();
	{
		if (s->res != NULL)
			PQclear(s->res);
		s->res = NULL;
		PG_RE_THROW();
	}
	PG_END_TRY();
	PQclear(s->res);
	s->res = NULL;
	cfg = cfgv;
	if (VARSIZE_ANY_EXHDR(cfg) != VARSIZE_ANY_EXHDR(cfg_portable) ||
		memcmp(VARDATA_ANY(cfg), VARDATA_ANY(cfg_portable), VARSIZE_ANY_EXHDR(cfg)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("table %s on server \"%s\" does not match partition \"%s\"",
						s->remote, s->server, get_rel_name(s->relid)),
				 errdetail("Its columns, their types or its keys differ from those of the partitioned table."),
				 errhint("Give the remote table the partitioned table's definition.")));
	s->done = true;
	return st;
}

/* a local leaf: the fit's own query over it */
static FitState *
shard_local(FitContext *fc, FitConfig *cfg, Shard *s, const char *what)
{
	FitContext	local = *fc;

	local.qualified = quote_qualified_identifier(get_namespace_name(get_rel_namespace(s->relid)),
												 get_rel_name(s->relid));
	s->done = true;
	return run_fit_pass(&local, cfg, what);
}

static void
merge_into(FitState **acc, FitState *st)
{
	if (*acc == NULL)
		*acc = st;
	else
		fit_state_merge(*acc, st);
}

/*
 * The remote shards of the next round: the first waiting one of each
 * server (a connection runs one query at a time).
 */
static List *
round_shards(List *shards)
{
	List	   *busy = NIL;
	ListCell   *lc;

	foreach(lc, shards)
	{
		Shard	   *s = lfirst(lc);
		ListCell   *lb;
		bool		server_busy = false;

		if (s->done || s->sent || !OidIsValid(s->serverid))
			continue;
		foreach(lb, busy)
			server_busy |= ((Shard *) lfirst(lb))->serverid == s->serverid;
		if (!server_busy)
			busy = lappend(busy, s);
	}
	return busy;
}

/*
 * One round: a query to each server that has a shard waiting (one per
 * server: a connection runs one query at a time), the local shards while
 * they run (first round only), then the answers.
 */
static bool
shard_round(FdwApi *api, List *shards, FitContext *fc, FitConfig *cfg, const char *what,
			const char *sql, const char *options, const bytea *cfgp, FitState **acc)
{
	List	   *busy = NIL;
	ListCell   *lc;
	bool		any = false;

	busy = round_shards(shards);
	foreach(lc, busy)
		shard_send(api, (Shard *) lfirst(lc), sql, options);
	foreach(lc, shards)
	{
		Shard	   *s = lfirst(lc);

		CHECK_FOR_INTERRUPTS();
		if (!s->done && !OidIsValid(s->serverid))
			merge_into(acc, shard_local(fc, cfg, s, what));
	}
	foreach(lc, busy)
	{
		Shard	   *s = lfirst(lc);

		merge_into(acc, shard_receive(api, s, sql, cfgp));
		api->release_connection(s->conn);
		any = true;
	}
	return any;
}

/* the fit's scan of a table, shard by shard when its partitions are remote */
FitState *
shard_fit_scan(FitContext *fc, FitConfig *cfg, const Model *m,
			   const char *is_key, const char *what)
{
	List	   *shards = remote_shards(fc->relid);
	FdwApi		api;
	FitState   *acc = NULL;
	char	   *sql,
			   *options;
	bytea	   *cfgp;

	if (shards == NIL)
		return run_fit_pass(fc, cfg, what);
	if (cfg->whole_row)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("cannot fit \"%s\" on its servers", m->table),
				 errdetail("Partial fits take tables of at most %d columns.", FIT_COLUMNS_MAX)));
	if (fc->opts.sample_percent > 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("option \"sample_percent\" cannot be used with a table on several servers"),
				 errdetail("A table sample depends on where rows lie, so partial samples would not merge into the sample of the whole table.")));
	fdw_api(&api);
	sql = remote_query(fc);
	options = remote_options(fc, cfg, m, is_key);
	cfgp = config_portable(cfg);
	while (shard_round(&api, shards, fc, cfg, what, sql, options, cfgp, &acc))
		;
	if (acc == NULL)
		elog(ERROR, "no shard was fitted");
	return acc;
}

/*
 * ---------------------------------------------------------------------
 * Other queries over a table whose partitions live on other servers
 * ---------------------------------------------------------------------
 */

/* the rows of a shard's server's answer, each handed to fn as text */
static void
fetch_receive(FdwApi *api, Shard *s, int ncols, ShardRowFn fn, void *arg)
{
	PGresult   *volatile res = NULL;

	PG_TRY();
	{
		const char **values = palloc0(sizeof(char *) * ncols);
		int			r,
					i;

#if PG_VERSION_NUM >= 170000
		res = api->get_result(s->conn);
#else
		res = api->get_result(s->conn, s->query);
#endif
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			api->report_error(ERROR, res, s->conn, false, s->query);
		if (PQnfields(res) != ncols)
			ereport(ERROR,
					(errcode(ERRCODE_FDW_ERROR),
					 errmsg("server \"%s\" returned an unexpected answer for %s", s->server, s->remote)));
		for (r = 0; r < PQntuples(res); r++)
		{
			CHECK_FOR_INTERRUPTS();
			for (i = 0; i < ncols; i++)
				values[i] = PQgetisnull(res, r, i) ? NULL : PQgetvalue(res, r, i);
			fn(arg, values);
		}
		pfree(values);
	}
	PG_CATCH();
	{
		if (res != NULL)
			PQclear(res);
		PG_RE_THROW();
	}
	PG_END_TRY();
	PQclear(res);
	s->done = true;
}

/* the query over a local leaf, through SPI */
static void
fetch_local(Shard *s, const char *head, const char *tail, int ncols,
			ShardRowFn fn, void *arg)
{
	char	   *q = psprintf("%s%s%s", head,
							 quote_qualified_identifier(get_namespace_name(get_rel_namespace(s->relid)),
														get_rel_name(s->relid)),
							 tail);
	const char **values = palloc0(sizeof(char *) * ncols);
	MemoryContext cxt = CurrentMemoryContext;
	uint64		r;
	int			i;

	if (sd_spi_execute(q, 0, NULL, NULL, NULL, true, 0) != SPI_OK_SELECT ||
		SPI_tuptable->tupdesc->natts != ncols)
		elog(ERROR, "query on partition \"%s\" failed", get_rel_name(s->relid));
	/* SPI may leave its own context current: the rows go to the caller's */
	MemoryContextSwitchTo(cxt);
	for (r = 0; r < SPI_processed; r++)
	{
		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < ncols; i++)
			values[i] = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, i + 1);
		fn(arg, values);
	}
	SPI_freetuptable(SPI_tuptable);
	pfree(values);
	s->done = true;
}

/*
 * Runs the query head || <a table's quoted name> || tail (a SELECT of ncols
 * columns) on each leaf of relid where it lies, when some leaves are postgres_fdw
 * tables: one query per server at a time, the local leaves (through SPI,
 * which the caller has connected) while they run; each row of each answer
 * goes to fn as text (NULL for a null).  Returns false, doing nothing, for
 * any other table: the caller runs its query as usual.
 *
 * This is for queries whose work is best done next to the rows: counts
 * (PostgreSQL does not send a partial aggregate to a foreign server, so
 * the coordinator would read every remote row to count them) and a few
 * rows in a given order (postgres_fdw sends a LIMIT only when it thinks it
 * pays, which it rarely does for a foreign table never analyzed here; a
 * server sorting all its rows for the coordinator to keep a few is the
 * slowest part of a fit).  The caller combines the leaves' answers.
 */
bool
shard_fetch(Oid relid, const char *head, const char *tail, int ncols,
			ShardRowFn fn, void *arg)
{
	List	   *shards = remote_shards(relid);
	FdwApi		api;
	bool		again = true;

	if (shards == NIL)
		return false;
	fdw_api(&api);
	while (again)
	{
		List	   *busy = round_shards(shards);
		ListCell   *lc;

		again = false;
		foreach(lc, busy)
		{
			Shard	   *s = lfirst(lc);

			shard_connect(&api, s);
			s->query = psprintf("%s%s%s", head, s->remote, tail);
			if (!PQsendQuery(s->conn, s->query))
				api.report_error(ERROR, NULL, s->conn, false, s->query);
			s->sent = true;
		}
		foreach(lc, shards)
		{
			Shard	   *s = lfirst(lc);

			if (!s->done && !OidIsValid(s->serverid))
				fetch_local(s, head, tail, ncols, fn, arg);
		}
		foreach(lc, busy)
		{
			Shard	   *s = lfirst(lc);

			fetch_receive(&api, s, ncols, fn, arg);
			api.release_connection(s->conn);
			again = true;
		}
	}
	return true;
}

typedef struct CountSums
{
	int64	   *sums;
	int			ncols;
} CountSums;

static void
add_counts(void *arg, const char *const *values)
{
	CountSums  *cs = arg;
	int			i;

	for (i = 0; i < cs->ncols; i++)
		if (values[i] != NULL)	/* a count over no row of that kind */
			cs->sums[i] += DatumGetInt64(DirectFunctionCall1(int8in, CStringGetDatum(values[i])));
}

/*
 * "SELECT <select_list> FROM <table> AS _s", whose columns are bigint
 * counts, added up over the leaves of relid when some are postgres_fdw
 * tables (see shard_fetch); false for any other table.
 */
bool
shard_counts(Oid relid, const char *select_list, int ncols, int64 *sums)
{
	CountSums	cs;

	memset(sums, 0, sizeof(int64) * ncols);
	cs.sums = sums;
	cs.ncols = ncols;
	return shard_fetch(relid, psprintf("SELECT %s FROM ", select_list), " AS _s", ncols,
					   add_counts, &cs);
}
