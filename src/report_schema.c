/*-------------------------------------------------------------------------
 *
 * report_schema.c
 *		synth_report_schema(): the evaluation of a schema copy
 *		(evaluate_schema.c) as one self-contained HTML page, in the style of
 *		synth_report (its style sheet): score cards of the overall rows,
 *		one line per table, per foreign key and per link, then every row.
 *
 * The page holds what synth_evaluate_schema returns and nothing else:
 * names and scores, never a value of the tables.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/report_schema.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "evaluate.h"
#include "evaluate_schema.h"
#include "options.h"
#include "synthdata.h"

typedef struct ReportRow
{
	char	   *table;
	char	   *metric;
	char	   *columns;
	double		score;
	char	   *detail;
} ReportRow;

typedef struct ReportRows
{
	MemoryContext cxt;
	List	   *rows;
} ReportRows;

static void
collect_row(void *arg, const char *table, const char *metric, const char *columns,
			double score, const char *detail)
{
	ReportRows *rr = (ReportRows *) arg;
	MemoryContext old = MemoryContextSwitchTo(rr->cxt);
	ReportRow  *r = palloc0(sizeof(ReportRow));

	r->table = table ? pstrdup(table) : NULL;
	r->metric = pstrdup(metric);
	r->columns = columns ? pstrdup(columns) : NULL;
	r->score = score;
	r->detail = pstrdup(detail);
	rr->rows = lappend(rr->rows, r);
	MemoryContextSwitchTo(old);
}

/* a score cell: <td class="num good">0.987</td> */
static void
score_cell(StringInfo h, double v)
{
	appendStringInfo(h, "<td class=\"num %s\">", sd_report_score_class(v));
	sd_report_append_score(h, v);
	appendStringInfoString(h, "</td>");
}

static bool
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* the row of a metric for a table (and columns), or NULL */
static ReportRow *
find_row(List *rows, const char *table, const char *metric, const char *columns)
{
	ListCell   *lc;

	foreach(lc, rows)
	{
		ReportRow  *r = lfirst(lc);

		if (same(r->table, table) && strcmp(r->metric, metric) == 0 &&
			same(r->columns, columns))
			return r;
	}
	return NULL;
}

static double
score_of(List *rows, const char *table, const char *metric, const char *columns)
{
	ReportRow  *r = find_row(rows, table, metric, columns);

	return r ? r->score : NAN;
}

/* a text field of a row's detail ("" if none) */
static char *
detail_text(const ReportRow *r, const char *key)
{
	Jsonb	   *j = DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(r->detail)));
	char	   *v = sd_opt_text(j, key);

	return v ? v : "";
}

static void
cards(StringInfo h, List *rows)
{
	static const char *const order[] = {
		"Schema Quality", "ReferentialIntegrity", "CardinalityShapeSimilarity",
		"IntertableTrends", "ExactAggregate", "DenormalisedCopy", "Ordering",
		"Quality", "Column Shapes", "Column Pair Trends", "Data Validity", NULL
	};
	int			i;

	appendStringInfoString(h, "<div class=\"cards\">\n");
	for (i = 0; order[i]; i++)
	{
		ReportRow  *r = find_row(rows, NULL, order[i], NULL);

		if (r == NULL)
			continue;
		appendStringInfo(h, "<div class=\"card\"><div class=\"name\">%s</div><div class=\"value %s\">",
						 order[i], sd_report_score_class(r->score));
		if (isnan(r->score))
			appendStringInfoString(h, "n/a");
		else
			appendStringInfo(h, "%.3f", r->score);
		appendStringInfoString(h, "</div></div>\n");
	}
	appendStringInfoString(h, "</div>\n");
}

static void
table_section(StringInfo h, List *rows)
{
	static const char *const metrics[] = {
		"Quality", "Column Shapes", "Column Pair Trends", "Data Validity", NULL
	};
	ListCell   *lc;
	int			i;

	appendStringInfoString(h, "<h2>Tables</h2>\n<table>\n<thead><tr><th>table</th><th>real rows</th><th>synthetic rows</th>");
	for (i = 0; metrics[i]; i++)
		appendStringInfo(h, "<th>%s</th>", metrics[i]);
	appendStringInfoString(h, "</tr></thead>\n<tbody>\n");
	foreach(lc, rows)
	{
		ReportRow  *r = lfirst(lc);
		Jsonb	   *d;
		double		nr = 0,
					ns = 0;

		if (r->table == NULL || strcmp(r->metric, "RowCount") != 0)
			continue;
		d = DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(r->detail)));
		sd_opt_number(d, "real_rows", &nr);
		sd_opt_number(d, "synthetic_rows", &ns);
		appendStringInfoString(h, "<tr><td>");
		sd_report_escape(h, r->table);
		appendStringInfo(h, "</td><td class=\"num\">%.0f</td><td class=\"num\">%.0f</td>", nr, ns);
		for (i = 0; metrics[i]; i++)
			score_cell(h, score_of(rows, r->table, metrics[i], NULL));
		appendStringInfoString(h, "</tr>\n");
	}
	appendStringInfoString(h, "</tbody>\n</table>\n");
}

static void
key_section(StringInfo h, List *rows)
{
	ListCell   *lc;
	bool		any = false;

	foreach(lc, rows)
	{
		ReportRow  *r = lfirst(lc);

		if (r->table == NULL || strcmp(r->metric, "ReferentialIntegrity") != 0)
			continue;
		if (!any)
			appendStringInfoString(h, "<h2>Foreign keys</h2>\n<p class=\"sub\">ReferentialIntegrity: share of child rows with a key whose parent exists. CardinalityShapeSimilarity: 1 &#8722; KS statistic of the children per parent. IntertableTrends: mean pair trend of a parent's column against a child's column through the key.</p>\n<table>\n<thead><tr><th>child table</th><th>key</th><th>parent table</th><th>ReferentialIntegrity</th><th>CardinalityShapeSimilarity</th><th>IntertableTrends</th></tr></thead>\n<tbody>\n");
		any = true;
		appendStringInfoString(h, "<tr><td>");
		sd_report_escape(h, r->table);
		appendStringInfoString(h, "</td><td>");
		sd_report_escape(h, r->columns);
		appendStringInfoString(h, "</td><td>");
		sd_report_escape(h, detail_text(r, "parent_table"));
		appendStringInfoString(h, "</td>");
		score_cell(h, r->score);
		score_cell(h, score_of(rows, r->table, "CardinalityShapeSimilarity", r->columns));
		score_cell(h, score_of(rows, r->table, "IntertableTrends", r->columns));
		appendStringInfoString(h, "</tr>\n");
	}
	if (any)
		appendStringInfoString(h, "</tbody>\n</table>\n");
}

static void
link_section(StringInfo h, List *rows)
{
	ListCell   *lc;
	bool		any = false;

	foreach(lc, rows)
	{
		ReportRow  *r = lfirst(lc);

		if (r->table == NULL || (strcmp(r->metric, "ExactAggregate") != 0 &&
								 strcmp(r->metric, "DenormalisedCopy") != 0 &&
								 strcmp(r->metric, "Ordering") != 0))
			continue;
		if (!any)
			appendStringInfoString(h, "<h2>Links between tables</h2>\n<p class=\"sub\">Found on the real schema where they hold in every row; the score is the share of rows of the copy where they hold.</p>\n<table>\n<thead><tr><th>link</th><th>kind</th><th>hold rate</th></tr></thead>\n<tbody>\n");
		any = true;
		appendStringInfoString(h, "<tr><td>");
		sd_report_escape(h, r->columns);
		appendStringInfoString(h, "</td><td>");
		sd_report_escape(h, r->metric);
		appendStringInfoString(h, "</td>");
		score_cell(h, r->score);
		appendStringInfoString(h, "</tr>\n");
	}
	if (any)
		appendStringInfoString(h, "</tbody>\n</table>\n");
}

static void
all_rows(StringInfo h, List *rows)
{
	ListCell   *lc;

	appendStringInfoString(h, "<h2>All rows</h2>\n<table>\n<thead><tr><th>table</th><th>metric</th><th>columns</th><th>score</th><th>detail</th></tr></thead>\n<tbody>\n");
	foreach(lc, rows)
	{
		ReportRow  *r = lfirst(lc);

		CHECK_FOR_INTERRUPTS();
		appendStringInfoString(h, "<tr><td>");
		sd_report_escape(h, r->table);
		appendStringInfoString(h, "</td><td>");
		sd_report_escape(h, r->metric);
		appendStringInfoString(h, "</td><td>");
		sd_report_escape(h, r->columns);
		appendStringInfoString(h, "</td>");
		score_cell(h, r->score);
		appendStringInfoString(h, "<td class=\"detail\">");
		sd_report_escape(h, r->detail);
		appendStringInfoString(h, "</td></tr>\n");
	}
	appendStringInfoString(h, "</tbody>\n</table>\n");
}

static char *
render(const char *real_schema, const char *synthetic_schema, List *rows)
{
	StringInfoData h;

	initStringInfo(&h);
	appendStringInfoString(&h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>Synthetic schema report: ");
	sd_report_escape(&h, synthetic_schema);
	appendStringInfoString(&h, " vs ");
	sd_report_escape(&h, real_schema);
	appendStringInfo(&h, "</title>\n<style>%s</style>\n</head>\n<body>\n", sd_report_css());
	appendStringInfoString(&h, "<h1>Synthetic schema report</h1>\n<p class=\"sub\">Real schema <b>");
	sd_report_escape(&h, real_schema);
	appendStringInfoString(&h, "</b> against synthetic schema <b>");
	sd_report_escape(&h, synthetic_schema);
	appendStringInfoString(&h, "</b>, tables matched by name. Scores follow the SDMetrics definitions: 1 is best.</p>\n");
	cards(&h, rows);
	table_section(&h, rows);
	key_section(&h, rows);
	link_section(&h, rows);
	all_rows(&h, rows);
	appendStringInfoString(&h, "<footer>Made by synthdata synth_report_schema().</footer>\n</body>\n</html>\n");
	return h.data;
}

/*
 * synth_report_schema(real_schema text, synthetic_schema text,
 *		options jsonb DEFAULT '{}') returns text
 *		The evaluation of synth_evaluate_schema as one HTML page.
 */
PG_FUNCTION_INFO_V1(synth_report_schema);
Datum
synth_report_schema(PG_FUNCTION_ARGS)
{
	ReportRows	rr;
	MemoryContext old;
	char	   *rname,
			   *sname,
			   *html;
	text	   *result;

	sd_arg_not_null(fcinfo, 0, "real_schema");
	sd_arg_not_null(fcinfo, 1, "synthetic_schema");
	rname = text_to_cstring(PG_GETARG_TEXT_PP(0));
	sname = text_to_cstring(PG_GETARG_TEXT_PP(1));
	rr.cxt = AllocSetContextCreate(CurrentMemoryContext, "synthdata report schema",
								   ALLOCSET_DEFAULT_SIZES);
	rr.rows = NIL;
	sd_evaluate_schema(rname, sname, PG_ARGISNULL(2) ? NULL : PG_GETARG_JSONB_P(2),
					   sd_extension_namespace(), collect_row, &rr);
	old = MemoryContextSwitchTo(rr.cxt);
	html = render(rname, sname, rr.rows);
	MemoryContextSwitchTo(old);
	result = cstring_to_text(html);
	MemoryContextDelete(rr.cxt);
	PG_RETURN_TEXT_P(result);
}
