/*-------------------------------------------------------------------------
 *
 * report.c
 *		The evaluation for people: synth_report() (one self-contained HTML
 *		page, inline CSS and SVG only) and synth_compare() (one column's
 *		distribution with Unicode bars for psql).
 *
 * Both run the evaluation of evaluate.c and draw its results: the
 * distribution of each column (equal-width bins for numbers, one bar per
 * value for columns with few distinct values, the most frequent
 * categories otherwise, NULLs in a bucket of their own), the real and
 * synthetic association matrices and the pair scores as heat maps, and
 * every metric row.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/report.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/memutils.h"

#include "evaluate.h"
#include "synthdata.h"

/* report histograms */
#define REPORT_BINS 20
#define REPORT_MAX_CATEGORIES 12
#define COMPARE_BINS 10
#define COMPARE_MAX_CATEGORIES 20

/* ---------------------------------------------------------------------
 * Distribution buckets (report charts and synth_compare)
 * ---------------------------------------------------------------------
 */

typedef struct Buckets
{
	bool		numeric;		/* equal-width bins over [lo, hi] */
	double		lo;
	double		hi;
	int			nbins;
	int			n;				/* buckets, the NULL bucket included */
	char	  **labels;
	double	   *real;			/* shares of all rows, NULLs included */
	double	   *synth;
	bool		no_edges;		/* numeric: do not print the bins' edges */
} Buckets;

/* a number of the column's type, for a label */
static char *
format_value(EvalColumn *c, double v)
{
	if (c->kind == EK_DATETIME && c->typid != INTERVALOID && c->typid != TIMEOID &&
		c->typid != TIMETZOID)
	{
		double		days = floor(v / 86400.0);
		double		secs = v - days * 86400.0;
		int			y,
					mo,
					d;

		if (fabs(days) > 1e7)
			return psprintf("%.4g", v);
		j2date((int) days + UNIX_EPOCH_JDATE, &y, &mo, &d);
		if (c->typid == DATEOID)
			return psprintf("%04d-%02d-%02d", y, mo, d);
		return psprintf("%04d-%02d-%02d %02d:%02d", y, mo, d,
						(int) (secs / 3600), (int) fmod(secs / 60, 60));
	}
	if (c->kind == EK_DATETIME && (c->typid == TIMEOID || c->typid == TIMETZOID))
		return psprintf("%02d:%02d", (int) (v / 3600), (int) fmod(v / 60, 60));
	return psprintf("%.4g", v);
}

static int
cmp_double_asc(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

typedef struct CatOrder
{
	int			code;
	double		real;
	double		synth;
	const char *label;
} CatOrder;

static int
cmp_catorder(const void *a, const void *b)
{
	const CatOrder *x = a;
	const CatOrder *y = b;

	if (x->real != y->real)
		return (x->real > y->real) ? -1 : 1;
	if (x->synth != y->synth)
		return (x->synth > y->synth) ? -1 : 1;
	return strcmp(x->label, y->label);
}

/*
 * A numeric column with at most maxcats distinct values (codes, counts,
 * small integers) is shown value by value rather than in bins.
 */
static bool
numeric_as_values(EvalState *st, int j, int maxcats, bool guard, Buckets *b)
{
	SdTable    *tab[2] = {&st->tab[T_REAL], &st->tab[T_SYNTH]};
	double	   *vals = palloc(sizeof(double) * (maxcats + 1));
	double		nulls[2] = {0, 0};
	int			nv = 0,
				t,
				i,
				k;

	for (t = 0; t < 2; t++)
		for (i = 0; i < tab[t]->nrows; i++)
		{
			double		v = tab[t]->values[j][i];

			if (tab[t]->isnull[j][i])
				continue;
			for (k = 0; k < nv && vals[k] != v; k++)
				;
			if (k == nv)
			{
				if (nv == maxcats)
					return false;
				vals[nv++] = v;
			}
		}
	qsort(vals, nv, sizeof(double), cmp_double_asc);
	if (guard && !st->opt.show_values)
	{
		/* values as labels only when k real rows hold each of them */
		int64	   *cnt = palloc0(sizeof(int64) * Max(nv, 1));

		for (i = 0; i < tab[0]->nrows; i++)
			if (!tab[0]->isnull[j][i])
			{
				for (k = 0; vals[k] != tab[0]->values[j][i]; k++)
					;
				cnt[k]++;
			}
		for (k = 0; k < nv; k++)
			if (cnt[k] > 0 && cnt[k] < st->opt.k)
				return false;
	}
	b->numeric = false;
	b->n = nv + 1;
	b->nbins = nv;
	b->labels = palloc0(sizeof(char *) * b->n);
	b->real = palloc0(sizeof(double) * b->n);
	b->synth = palloc0(sizeof(double) * b->n);
	for (k = 0; k < nv; k++)
		b->labels[k] = format_value(&st->cols[j], vals[k]);
	b->labels[nv] = pstrdup("NULL");
	for (t = 0; t < 2; t++)
	{
		double	   *share = t ? b->synth : b->real;

		for (i = 0; i < tab[t]->nrows; i++)
		{
			if (tab[t]->isnull[j][i])
			{
				nulls[t] += 1;
				continue;
			}
			for (k = 0; vals[k] != tab[t]->values[j][i]; k++)
				;
			share[k] += 1;
		}
	}
	b->real[nv] = nulls[0];
	b->synth[nv] = nulls[1];
	for (k = 0; k < b->n; k++)
	{
		b->real[k] /= tab[0]->nrows;
		b->synth[k] /= tab[1]->nrows;
	}
	if (nulls[0] == 0 && nulls[1] == 0)
		b->n--;
	return true;
}

/*
 * The buckets of column j.  With guard (the report), the values of a
 * hidden column (a key, identifier, personal data or free text: see
 * evaluate.c) are not shown -- numbers get unlabelled bins, other values
 * one bucket -- and a category is named only when k real rows hold it.
 */
static void
column_buckets(EvalState *st, int j, int nbins, int maxcats, bool guard,
			   Buckets *b)
{
	EvalColumn *c = &st->cols[j];
	SdTable    *tab[2] = {&st->tab[T_REAL], &st->tab[T_SYNTH]};
	double		nulls[2] = {0, 0};
	bool		hide = guard && c->hidden;
	int			t,
				i,
				k;

	b->no_edges = false;
	if (hide && !sd_eval_numeric_kind(c->kind))
	{
		/* one bucket for every value, one for NULLs */
		b->numeric = false;
		b->n = 2;
		b->nbins = 1;
		b->labels = palloc0(sizeof(char *) * 2);
		b->real = palloc0(sizeof(double) * 2);
		b->synth = palloc0(sizeof(double) * 2);
		b->labels[0] = pstrdup("(values hidden)");
		for (t = 0; t < 2; t++)
			for (i = 0; i < tab[t]->nrows; i++)
			{
				if (tab[t]->isnull[j][i])
					nulls[t] += 1;
				else if (t == 0)
					b->real[0] += 1;
				else
					b->synth[0] += 1;
			}
		b->labels[1] = pstrdup("NULL");
		b->real[1] = nulls[0];
		b->synth[1] = nulls[1];
		for (k = 0; k < 2; k++)
		{
			b->real[k] /= tab[0]->nrows;
			b->synth[k] /= tab[1]->nrows;
		}
		if (nulls[0] == 0 && nulls[1] == 0)
			b->n--;
		return;
	}

	if (sd_eval_numeric_kind(c->kind))
	{
		double		lo = HUGE_VAL,
					hi = -HUGE_VAL;
		bool		any = false;

		for (t = 0; t < 2; t++)
			for (i = 0; i < tab[t]->nrows; i++)
				if (!tab[t]->isnull[j][i])
				{
					lo = Min(lo, tab[t]->values[j][i]);
					hi = Max(hi, tab[t]->values[j][i]);
					any = true;
				}
		if (!any)
			nbins = 0;
		else if (!(hi > lo))
			nbins = 1;
		else if (!hide && numeric_as_values(st, j, maxcats, guard, b))
			return;
		b->numeric = true;
		b->no_edges = hide;
		b->lo = lo;
		b->hi = hi;
		b->nbins = nbins;
		b->n = nbins + 1;
		b->labels = palloc0(sizeof(char *) * b->n);
		b->real = palloc0(sizeof(double) * b->n);
		b->synth = palloc0(sizeof(double) * b->n);
		for (k = 0; k < nbins; k++)
		{
			double		e0 = lo + (hi - lo) * k / nbins;
			double		e1 = (k == nbins - 1) ? hi : lo + (hi - lo) * (k + 1) / nbins;

			b->labels[k] = hide ? psprintf("bin %d of %d", k + 1, nbins)
				: (nbins == 1)
				? format_value(c, lo)
				: psprintf("[%s, %s%s", format_value(c, e0), format_value(c, e1),
						   (k == nbins - 1) ? "]" : ")");
		}
		for (t = 0; t < 2; t++)
		{
			double	   *share = t ? b->synth : b->real;

			for (i = 0; i < tab[t]->nrows; i++)
			{
				if (tab[t]->isnull[j][i])
				{
					nulls[t] += 1;
					continue;
				}
				k = (nbins == 1) ? 0 :
					Min(sd_width_bucket(tab[t]->values[j][i], lo, hi, nbins), nbins) - 1;
				share[k] += 1;
			}
		}
	}
	else
	{
		int			ncat = Max(c->nlabels, 1);
		CatOrder   *ord = palloc0(sizeof(CatOrder) * ncat);
		int			used = 0,
					shown,
					named = 0;

		for (k = 0; k < c->nlabels; k++)
		{
			ord[k].code = k;
			ord[k].label = c->labels[k];
		}
		for (t = 0; t < 2; t++)
			for (i = 0; i < tab[t]->nrows; i++)
			{
				if (tab[t]->isnull[j][i])
					nulls[t] += 1;
				else if (t == 0)
					ord[(int) tab[t]->values[j][i]].real += 1;
				else
					ord[(int) tab[t]->values[j][i]].synth += 1;
			}
		for (k = 0; k < c->nlabels; k++)
			if (ord[k].real > 0 || ord[k].synth > 0)
				ord[used++] = ord[k];
		qsort(ord, used, sizeof(CatOrder), cmp_catorder);
		if (guard)
		{
			/* the categories that may be named first, the others after them */
			CatOrder   *sorted = palloc(sizeof(CatOrder) * Max(used, 1));
			int			m = 0;

			for (k = 0; k < used; k++)
				if (sd_eval_label_shown(st, c, ord[k].code))
					sorted[m++] = ord[k];
			named = m;
			for (k = 0; k < used; k++)
				if (!sd_eval_label_shown(st, c, ord[k].code))
					sorted[m++] = ord[k];
			ord = sorted;
			shown = Min(named, maxcats);
		}
		else
			shown = Min(used, maxcats);
		b->n = shown + (used > shown ? 1 : 0) + 1;
		b->labels = palloc0(sizeof(char *) * b->n);
		b->real = palloc0(sizeof(double) * b->n);
		b->synth = palloc0(sizeof(double) * b->n);
		for (k = 0; k < used; k++)
		{
			int			slot = Min(k, shown);

			b->real[slot] += ord[k].real;
			b->synth[slot] += ord[k].synth;
		}
		for (k = 0; k < shown; k++)
			b->labels[k] = pstrdup(ord[k].label);
		if (used > shown && guard && named < used)
			b->labels[shown] = psprintf("(%d other values: those held by fewer than %d real rows are not named)",
										used - shown, st->opt.k);
		else if (used > shown)
			b->labels[shown] = psprintf("(%d other values)", used - shown);
		b->numeric = false;
		b->nbins = b->n - 1;
	}
	b->labels[b->n - 1] = pstrdup("NULL");
	b->real[b->n - 1] = nulls[0];
	b->synth[b->n - 1] = nulls[1];
	for (k = 0; k < b->n; k++)
	{
		b->real[k] /= tab[0]->nrows;
		b->synth[k] /= tab[1]->nrows;
	}
	/* no NULL bucket when neither table has NULLs */
	if (nulls[0] == 0 && nulls[1] == 0)
		b->n--;
}

/* ---------------------------------------------------------------------
 * synth_compare
 * ---------------------------------------------------------------------
 */

/*
 * A horizontal bar of width cells: Unicode block elements in eighths of a
 * cell, or '#' in whole cells when the database encoding is not UTF-8.
 */
static void
append_bar(StringInfo buf, double frac, int width, bool unicode)
{
	static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	int			steps = unicode ? 8 : 1;
	int			units = (int) rint(Max(0.0, Min(frac, 1.0)) * width * steps);
	int			k;

	for (k = 0; k < units / steps; k++)
		appendStringInfoString(buf, unicode ? "█" : "#");
	if (unicode)
		appendStringInfoString(buf, eighths[units % 8]);
	for (k = units / steps + (units % steps ? 1 : 0); k < width; k++)
		appendStringInfoChar(buf, ' ');
}

/*
 * synth_compare(real regclass, synthetic regclass, column_name text)
 *		returns table(bucket text, real_share float8, synthetic_share float8,
 *					  bars text)
 *
 * The distribution of one column in both tables, bucket by bucket, with a
 * Unicode bar chart for psql: the real share on the left of the rule, the
 * synthetic share on the right, both on the same scale.
 */
PG_FUNCTION_INFO_V1(synth_compare);
Datum
synth_compare(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	EvalState	st;
	Buckets		b;
	double		top = 0;
	int			k;
	char	   *column;
	bool		unicode;
	MemoryContext cxt,
				old;

	sd_arg_not_null(fcinfo, 0, "real");
	sd_arg_not_null(fcinfo, 1, "synthetic");
	sd_arg_not_null(fcinfo, 2, "column_name");
	column = text_to_cstring(PG_GETARG_TEXT_PP(2));
	unicode = (GetDatabaseEncoding() == PG_UTF8);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);

	cxt = AllocSetContextCreate(CurrentMemoryContext, "synthdata compare",
								ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	sd_eval_setup(&st, PG_GETARG_OID(0), PG_GETARG_OID(1), NULL, column);
	sd_eval_read(&st);
	column_buckets(&st, 0, COMPARE_BINS, COMPARE_MAX_CATEGORIES, false, &b);
	for (k = 0; k < b.n; k++)
		top = Max(top, Max(b.real[k], b.synth[k]));
	MemoryContextSwitchTo(old);

	for (k = 0; k < b.n; k++)
	{
		Datum		values[4] = {0};
		bool		nulls[4] = {0};
		StringInfoData bars;

		initStringInfo(&bars);
		append_bar(&bars, top > 0 ? b.real[k] / top : 0, 20, unicode);
		appendStringInfoString(&bars, unicode ? " │ " : " | ");
		append_bar(&bars, top > 0 ? b.synth[k] / top : 0, 20, unicode);
		values[0] = CStringGetTextDatum(b.labels[k]);
		values[1] = Float8GetDatum(b.real[k]);
		values[2] = Float8GetDatum(b.synth[k]);
		values[3] = CStringGetTextDatum(bars.data);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(cxt);
	PG_RETURN_NULL();
}

/* ---------------------------------------------------------------------
 * synth_report: a self-contained HTML page (inline CSS and SVG only)
 * ---------------------------------------------------------------------
 */

#define COLOR_REAL "#1f77b4"
#define COLOR_SYNTH "#ff7f0e"

void
sd_report_escape(StringInfo buf, const char *s)
{
	for (; s != NULL && *s; s++)
	{
		switch (*s)
		{
			case '&':
				appendStringInfoString(buf, "&amp;");
				break;
			case '<':
				appendStringInfoString(buf, "&lt;");
				break;
			case '>':
				appendStringInfoString(buf, "&gt;");
				break;
			case '"':
				appendStringInfoString(buf, "&quot;");
				break;
			case '\'':
				appendStringInfoString(buf, "&#39;");
				break;
			default:
				appendStringInfoChar(buf, *s);
		}
	}
}

/* a label cut to at most max characters, escaped */
static void
html_label(StringInfo buf, const char *s, int max)
{
	int			chars = 0;
	const char *p = s;

	while (*p && chars < max)
	{
		p += pg_mblen(p);
		chars++;
	}
	if (*p == '\0')
		sd_report_escape(buf, s);
	else
	{
		char	   *cut = pnstrdup(s, p - s);

		sd_report_escape(buf, cut);
		appendStringInfoString(buf, "&#8230;");
	}
}

const char *
sd_report_score_class(double v)
{
	if (isnan(v))
		return "na";
	return (v >= 0.9) ? "good" : (v >= 0.7) ? "fair" : "poor";
}

void
sd_report_append_score(StringInfo buf, double v)
{
	if (isnan(v))
		appendStringInfoString(buf, "n/a");
	else
		appendStringInfo(buf, "%.3f", v);
}

/* grouped bars: real and synthetic share of each bucket */
static void
svg_distribution(StringInfo buf, EvalColumn *c, const Buckets *b)
{
	const int	W = 340,
				H = 210,
				L = 44,
				R = 8,
				T = 10,
				B = b->numeric ? 34 : 70;
	double		pw = W - L - R,
				ph = H - T - B;
	double		top = 0,
				slot;
	int			k;

	for (k = 0; k < b->n; k++)
		top = Max(top, Max(b->real[k], b->synth[k]));
	if (top <= 0)
		top = 1;
	slot = pw / Max(b->n, 1);
	/* scales with its card, which grows with the page (see REPORT_CSS) */
	appendStringInfo(buf, "<svg class=\"dist\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\">", W, H, W, H);
	/* axes and grid */
	for (k = 0; k <= 2; k++)
	{
		double		y = T + ph - ph * k / 2.0;

		appendStringInfo(buf, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>", L, y, W - R, y);
		appendStringInfo(buf, "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%.0f%%</text>",
						 L - 4, y + 3, 100.0 * top * k / 2.0);
	}
	for (k = 0; k < b->n; k++)
	{
		double		x = L + slot * k;
		double		hr = ph * b->real[k] / top;
		double		hs = ph * b->synth[k] / top;
		bool		isnullbucket = (k == b->n - 1 && strcmp(b->labels[k], "NULL") == 0 &&
									(!b->numeric || k >= b->nbins));

		appendStringInfo(buf, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>",
						 x + slot * 0.08, T + ph - hr, slot * 0.42, hr, COLOR_REAL);
		sd_report_escape(buf, b->labels[k]);
		appendStringInfo(buf, ": real %.1f%%</title></rect>", 100 * b->real[k]);
		appendStringInfo(buf, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>",
						 x + slot * 0.50, T + ph - hs, slot * 0.42, hs, COLOR_SYNTH);
		sd_report_escape(buf, b->labels[k]);
		appendStringInfo(buf, ": synthetic %.1f%%</title></rect>", 100 * b->synth[k]);
		if (b->numeric && isnullbucket)
		{
			appendStringInfo(buf, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"middle\">NULL</text>",
							 x + slot / 2, (double) (T + ph + 27));
		}
		else if (!b->numeric)
		{
			double		cx = x + slot / 2;

			appendStringInfo(buf, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\" transform=\"rotate(-40 %.1f %.1f)\">",
							 cx, (double) (T + ph + 12), cx, (double) (T + ph + 12));
			html_label(buf, b->labels[k], 14);
			appendStringInfoString(buf, "</text>");
		}
	}
	appendStringInfo(buf, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"axis\"/>",
					 L, T + ph, W - R, T + ph);
	if (b->numeric && b->nbins > 0 && !b->no_edges)
	{
		/* edge values at the start, middle and end of the bins */
		double		xend = L + slot * b->nbins;

		appendStringInfo(buf, "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"start\">", L, T + ph + 14);
		sd_report_escape(buf, format_value(c, b->lo));
		appendStringInfo(buf, "</text><text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"middle\">",
						 (L + xend) / 2, T + ph + 14);
		sd_report_escape(buf, format_value(c, (b->lo + b->hi) / 2));
		appendStringInfo(buf, "</text><text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">", xend, T + ph + 14);
		sd_report_escape(buf, format_value(c, b->hi));
		appendStringInfoString(buf, "</text>");
	}
	appendStringInfoString(buf, "</svg>");
}

static void
heat_color(double v, char *out)
{
	int			r,
				g,
				bl;
	double		a;

	if (isnan(v))
	{
		strcpy(out, "#e8e8e8");
		return;
	}
	a = Min(fabs(v), 1.0);
	if (v >= 0)
	{
		/* white to #2166ac */
		r = (int) rint(255 + (0x21 - 255) * a);
		g = (int) rint(255 + (0x66 - 255) * a);
		bl = (int) rint(255 + (0xac - 255) * a);
	}
	else
	{
		/* white to #b2182b */
		r = (int) rint(255 + (0xb2 - 255) * a);
		g = (int) rint(255 + (0x18 - 255) * a);
		bl = (int) rint(255 + (0x2b - 255) * a);
	}
	sprintf(out, "#%02x%02x%02x", r, g, bl);
}

/* pair score: red at 0.5 or below, amber at 0.75, green at 1 */
static void
score_color(double v, char *out)
{
	static const int stops[3][3] = {{0xc6, 0x28, 0x28}, {0xf9, 0xa8, 0x25}, {0x1a, 0x7f, 0x37}};
	double		t;
	int			k,
				i,
				c[3];

	if (isnan(v))
	{
		strcpy(out, "#e8e8e8");
		return;
	}
	t = Max(0.0, Min(1.0, (v - 0.5) / 0.5)) * 2.0;
	k = (t >= 1.0) ? 1 : 0;
	t -= k;
	for (i = 0; i < 3; i++)
		c[i] = (int) rint(stops[k][i] + (stops[k + 1][i] - stops[k][i]) * t);
	sprintf(out, "#%02x%02x%02x", c[0], c[1], c[2]);
}

static void
svg_heatmap(StringInfo buf, EvalState *st, const int *cols, int m,
			const double *matrix, const char *title, bool scores)
{
	/* cells shrink with the column count so that two maps fit side by side */
	int			cs = Max(10, Min(34, 380 / Max(m, 1)));
	int			L = 110,
				T = 110;
	int			W = L + cs * m + 50,	/* room for the slanted column labels */
				H = T + cs * m + 44;
	int			a,
				b;

	appendStringInfo(buf, "<figure><figcaption>%s</figcaption>", title);
	appendStringInfo(buf, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", W, H, W, H);
	for (a = 0; a < m; a++)
	{
		appendStringInfo(buf, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">", L - 4, T + cs * a + cs / 2 + 3);
		html_label(buf, st->cols[cols[a]].name, 16);
		appendStringInfoString(buf, "</text>");
		appendStringInfo(buf, "<text x=\"%d\" y=\"%d\" class=\"tick\" transform=\"rotate(-60 %d %d)\">",
						 L + cs * a + cs / 2, T - 4, L + cs * a + cs / 2, T - 4);
		html_label(buf, st->cols[cols[a]].name, 18);
		appendStringInfoString(buf, "</text>");
	}
	for (a = 0; a < m; a++)
	{
		CHECK_FOR_INTERRUPTS();
		for (b = 0; b < m; b++)
		{
			double		v = (a == b) ? (scores ? NAN : 1.0) : matrix[cols[a] * st->ncols + cols[b]];
			char		color[8];

			if (scores)
				score_color(v, color);
			else
				heat_color(v, color);
			appendStringInfo(buf, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" class=\"cell\"><title>",
							 L + cs * b, T + cs * a, cs, cs, color);
			sd_report_escape(buf, st->cols[cols[a]].name);
			appendStringInfoString(buf, " &#215; ");
			sd_report_escape(buf, st->cols[cols[b]].name);
			appendStringInfoString(buf, ": ");
			sd_report_append_score(buf, v);
			appendStringInfoString(buf, "</title></rect>");
			if (cs >= 26 && !isnan(v))
				appendStringInfo(buf, "<text x=\"%d\" y=\"%d\" class=\"cellv%s\" text-anchor=\"middle\">%.2f</text>",
								 L + cs * b + cs / 2, T + cs * a + cs / 2 + 3,
								 (scores || fabs(v) > 0.6) ? " light" : "", v);
		}
	}

	/* the colour scale */
	{
		int			y = T + cs * m + 12;
		int			k;

		for (k = 0; k < 20; k++)
		{
			double		v = scores ? 0.5 + 0.5 * k / 19.0 : -1.0 + 2.0 * k / 19.0;
			char		color[8];

			if (scores)
				score_color(v, color);
			else
				heat_color(v, color);
			appendStringInfo(buf, "<rect x=\"%d\" y=\"%d\" width=\"8\" height=\"10\" fill=\"%s\"/>",
							 L + 8 * k, y, color);
		}
		appendStringInfo(buf, "<text x=\"%d\" y=\"%d\" class=\"tick\">%s</text>", L, y + 22,
						 scores ? "0.5 or less" : "-1");
		appendStringInfo(buf, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">1</text>",
						 L + 160, y + 22);
	}
	appendStringInfoString(buf, "</svg></figure>");
}

static const char REPORT_CSS[] =
"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
"margin:24px;color:#222;background:#fafafa;max-width:none}"
"h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}"
".sub{color:#555;margin:0 0 16px}"
".cards{display:flex;flex-wrap:wrap;gap:10px}"
".card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:150px}"
".card .name{font-size:12px;color:#555}.card .value{font-size:26px;font-weight:600}"
".good{color:#1a7f37}.fair{color:#b26b00}.poor{color:#c62828}.na{color:#888}"
".cols{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:12px;width:100%}"
".col{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 10px;min-width:0}"
"svg.dist{width:100%;height:auto}svg{max-width:100%;height:auto}"
".note{font-size:12px;color:#555;margin:6px 0}"
".col h3{font-size:15px;margin:0 0 2px}.col .kind{font-size:12px;color:#777;font-weight:normal}"
".col .scores{font-size:12px;color:#333;margin:2px 0 4px}"
".legend{font-size:13px;margin:6px 0}.sw{display:inline-block;width:12px;height:12px;vertical-align:-1px;margin:0 4px 0 10px}"
".maps{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px}"
"figcaption{font-weight:600;font-size:14px;margin-bottom:4px}"
"svg .grid{stroke:#e5e5e5;stroke-width:1}svg .axis{stroke:#888;stroke-width:1}"
"svg .tick{font-size:10px;fill:#444}svg .cell{stroke:#fff;stroke-width:1}"
"svg .cellv{font-size:9px;fill:#222}svg .cellv.light{fill:#fff}"
"table{border-collapse:collapse;background:#fff;font-size:12px;width:100%}"
"th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}"
"td.num{text-align:right;font-variant-numeric:tabular-nums}td.detail{font-family:ui-monospace,monospace;color:#555;word-break:break-all}"
"footer{margin-top:24px;font-size:12px;color:#666}";

/* the style sheet, for the schema report (report_schema.c) */
const char *
sd_report_css(void)
{
	return REPORT_CSS;
}

/* one column's card: name, type, role, its metric rows, its chart */
static void
column_card(StringInfo h, EvalState *st, int j)
{
	EvalColumn *c = &st->cols[j];
	Buckets		b;
	bool		first = true;
	ListCell   *lc;

	appendStringInfoString(h, "<div class=\"col\"><h3>");
	sd_report_escape(h, c->name);
	appendStringInfo(h, " <span class=\"kind\">%s, %s%s",
					 format_type_be(c->typid), sd_eval_role_name(c->role),
					 c->idlike ? ", id-like" : "");
	if (c->role == ER_PERSONAL && c->fake_kind != SD_FAKE_NONE)
		appendStringInfo(h, " (%s)", sd_fake_kind_name(c->fake_kind));
	if (c->hidden)
	{
		appendStringInfoString(h, "; values hidden: ");
		sd_report_escape(h, c->hidden_reason);
	}
	appendStringInfoString(h, "</span></h3><div class=\"scores\">");
	foreach(lc, st->rows)
	{
		EvalRow    *r = lfirst(lc);

		if (r->column == NULL || r->other != NULL || strcmp(r->column, c->name) != 0 ||
			isnan(r->score))
			continue;
		appendStringInfo(h, "%s%s <b class=\"%s\">", first ? "" : " &#183; ", r->metric,
						 strcmp(r->metric, "VerbatimShare") == 0 ? "na" : sd_report_score_class(r->score));
		sd_report_append_score(h, r->score);
		appendStringInfoString(h, "</b>");
		first = false;
	}
	appendStringInfoString(h, "</div>");
	if (c->scored || (st->opt.show_values && !sd_eval_numeric_kind(c->kind)))
	{
		/* at most REPORT_MAX_CATEGORIES bars and one for the other values */
		column_buckets(st, j, REPORT_BINS, REPORT_MAX_CATEGORIES, true, &b);
		svg_distribution(h, c, &b);
	}
	else
		appendStringInfo(h, "<p class=\"note\">Role %s (%s): not charted.</p>",
						 sd_eval_role_name(c->role), c->role_reason ? c->role_reason : "");
	appendStringInfoString(h, "</div>\n");
}

static char *
render_report(EvalState *st)
{
	StringInfoData h;
	ListCell   *lc;
	int		   *cols = palloc(sizeof(int) * Max(st->ncols, 1));
	int			m = 0,
				j;
	static const char *const summary[] = {
		"Quality", "Column Shapes", "Column Pair Trends", "Data Validity",
		"ExactCopies", "NewRowSynthesis", "DCRBaselineProtection",
		"DCROverfittingProtection", "VerbatimProtection", NULL
	};
	int			section;

	initStringInfo(&h);
	appendStringInfoString(&h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>Synthetic data report: ");
	sd_report_escape(&h, st->relname[T_SYNTH]);
	appendStringInfoString(&h, " vs ");
	sd_report_escape(&h, st->relname[T_REAL]);
	appendStringInfo(&h, "</title>\n<style>%s</style>\n</head>\n<body>\n", REPORT_CSS);

	appendStringInfoString(&h, "<h1>Synthetic data report</h1>\n<p class=\"sub\">Real table <b>");
	sd_report_escape(&h, st->relname[T_REAL]);
	appendStringInfo(&h, "</b> (%d rows%s) against synthetic table <b>", st->tab[T_REAL].nrows,
					 st->sampled[T_REAL] ? ", sampled" : "");
	sd_report_escape(&h, st->relname[T_SYNTH]);
	appendStringInfo(&h, "</b> (%d rows%s)", st->tab[T_SYNTH].nrows,
					 st->sampled[T_SYNTH] ? ", sampled" : "");
	if (st->has_holdout)
	{
		appendStringInfoString(&h, ", holdout <b>");
		sd_report_escape(&h, st->relname[T_HOLD]);
		appendStringInfo(&h, "</b> (%d rows)", st->tab[T_HOLD].nrows);
	}
	appendStringInfo(&h, "; %d columns compared. Scores follow the SDMetrics definitions: 1 is best.</p>\n", st->ncols);

	/* summary cards */
	appendStringInfoString(&h, "<div class=\"cards\">\n");
	for (j = 0; summary[j]; j++)
	{
		foreach(lc, st->rows)
		{
			EvalRow    *r = lfirst(lc);

			if (r->column != NULL || strcmp(r->metric, summary[j]) != 0)
				continue;
			appendStringInfo(&h, "<div class=\"card\"><div class=\"name\">%s</div><div class=\"value %s\">",
							 r->metric, sd_report_score_class(r->score));
			sd_report_append_score(&h, r->score);
			appendStringInfoString(&h, "</div></div>\n");
		}
	}
	appendStringInfoString(&h, "</div>\n");

	/*
	 * Per-column cards: the scored (modelled) columns with their
	 * distributions, then the keys, identifiers, personal data and free
	 * text, reported under privacy: their values are not charted unless
	 * show_values (and then only the most frequent ones).
	 */
	for (section = 0; section < 2; section++)
	{
		int			shown = 0;

		for (j = 0; j < st->ncols; j++)
			shown += (st->cols[j].scored == (section == 0));
		if (shown == 0)
			continue;
		if (section == 0)
			appendStringInfo(&h, "<h2>Column distributions</h2>\n<p class=\"legend\"><span class=\"sw\" style=\"background:%s\"></span>real<span class=\"sw\" style=\"background:%s\"></span>synthetic (share of rows per bucket; NULLs in their own bucket)</p>\n<div class=\"cols\">\n",
							 COLOR_REAL, COLOR_SYNTH);
		else
			appendStringInfoString(&h, "<h2>Keys, identifiers, personal data and free text</h2>\n<p class=\"sub\">Not modelled as distributions, so not in the quality scores (option score_all scores them). VerbatimShare: the share of synthetic values found verbatim in the real column, against the share that chance explains (fake values of the kind, or fresh keys 1..n).</p>\n<div class=\"cols\">\n");
		for (j = 0; j < st->ncols; j++)
		{
			if (st->cols[j].scored != (section == 0))
				continue;
			CHECK_FOR_INTERRUPTS();
			/* the heat maps: the first max_heatmap_columns compared columns */
			if (st->pair_col[j] && m < st->opt.max_heatmap_columns)
				cols[m++] = j;
			column_card(&h, st, j);
		}
		appendStringInfoString(&h, "</div>\n");
	}

	/* association matrices */
	if (st->npair_cols < st->neligible || m < st->npair_cols)
	{
		/* say what the maps and the pair scores leave out */
		appendStringInfoString(&h, "<h2>Column pair associations</h2>\n<p class=\"sub\">");
		if (st->npair_cols < st->neligible)
			appendStringInfo(&h, "Column pair trends are computed for the pairs of %d of the %d non-key columns (a seeded sample: all their pairs would exceed option max_pairs = " INT64_FORMAT "). ",
							 st->npair_cols, st->neligible, st->opt.max_pairs);
		if (m < st->npair_cols)
			appendStringInfo(&h, "The heat maps show %d of these %d columns (option max_heatmap_columns = %d).",
							 m, st->npair_cols, st->opt.max_heatmap_columns);
		appendStringInfoString(&h, "</p>\n");
	}
	else if (m >= 2)
		appendStringInfoString(&h, "<h2>Column pair associations</h2>\n");
	if (m >= 2)
	{
		appendStringInfoString(&h, "<p class=\"sub\">Pearson correlation for two numeric columns (blue positive, red negative); Cram&#233;r's V for the other pairs, a numeric column cut into 10 equal-width bins over the real range. The third map is the pair's trend score.</p>\n<div class=\"maps\">\n");
		svg_heatmap(&h, st, cols, m, st->assoc_real, "Real", false);
		svg_heatmap(&h, st, cols, m, st->assoc_synth, "Synthetic", false);
		{
			double	   *sym = palloc(sizeof(double) * st->ncols * st->ncols);
			int			a,
						b;

			for (a = 0; a < st->ncols; a++)
			{
				CHECK_FOR_INTERRUPTS();
				for (b = 0; b < st->ncols; b++)
					sym[a * st->ncols + b] = (a < b) ? st->pair_score[a * st->ncols + b]
						: st->pair_score[b * st->ncols + a];
			}
			svg_heatmap(&h, st, cols, m, sym, "Column pair trend score", true);
		}
		appendStringInfoString(&h, "</div>\n");
	}

	/* every metric row */
	appendStringInfoString(&h, "<h2>All metrics</h2>\n<table>\n<thead><tr><th>metric</th><th>column</th><th>other column</th><th>score</th><th>detail</th></tr></thead>\n<tbody>\n");
	foreach(lc, st->rows)
	{
		EvalRow    *r = lfirst(lc);

		CHECK_FOR_INTERRUPTS();
		appendStringInfoString(&h, "<tr><td>");
		sd_report_escape(&h, r->metric);
		appendStringInfoString(&h, "</td><td>");
		if (r->column)
			sd_report_escape(&h, r->column);
		appendStringInfoString(&h, "</td><td>");
		if (r->other)
			sd_report_escape(&h, r->other);
		appendStringInfo(&h, "</td><td class=\"num %s\">", sd_report_score_class(r->score));
		sd_report_append_score(&h, r->score);
		appendStringInfoString(&h, "</td><td class=\"detail\">");
		sd_report_escape(&h, r->detail);
		appendStringInfoString(&h, "</td></tr>\n");
	}
	appendStringInfoString(&h, "</tbody>\n</table>\n");

	appendStringInfo(&h, "<footer>Made by synthdata synth_report(). Seed " UINT64_FORMAT "; read %.2f s, quality metrics %.2f s, privacy metrics %.2f s.</footer>\n</body>\n</html>\n",
					 st->seed, st->seconds_read, st->seconds_metrics, st->seconds_privacy);
	return h.data;
}

/*
 * synth_report(real regclass, synthetic regclass, options jsonb) returns text
 *		The evaluation as one self-contained HTML page.
 */
PG_FUNCTION_INFO_V1(synth_report);
Datum
synth_report(PG_FUNCTION_ARGS)
{
	EvalState	st;
	MemoryContext cxt,
				old;
	char	   *html;
	text	   *result;

	sd_arg_not_null(fcinfo, 0, "real");
	sd_arg_not_null(fcinfo, 1, "synthetic");
	cxt = AllocSetContextCreate(CurrentMemoryContext, "synthdata report",
								ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	sd_eval_setup(&st, PG_GETARG_OID(0), PG_GETARG_OID(1),
			   PG_ARGISNULL(2) ? NULL : PG_GETARG_JSONB_P(2), NULL);
	sd_eval_run(&st);
	html = render_report(&st);
	MemoryContextSwitchTo(old);
	result = cstring_to_text(html);
	MemoryContextDelete(cxt);
	PG_RETURN_TEXT_P(result);
}
