/*-------------------------------------------------------------------------
 *
 * generate_builtin.c
 *		Values of the other built-in types a real schema holds -- text
 *		search (tsvector, tsquery), xml, the geometric types, pg_lsn,
 *		txid_snapshot / pg_snapshot, "char", oid and multiranges -- built as
 *		text in each type's input syntax and read by its input function; and
 *		the columns a BEFORE INSERT trigger fills, which are left to it.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/generate_builtin.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/relation.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "generate_int.h"

/* the built-in tsvector triggers (named after their C symbols before 14) */
#ifdef F_TSVECTOR_UPDATE_TRIGGER
#define SD_TSV_TRIGGER			F_TSVECTOR_UPDATE_TRIGGER
#define SD_TSV_TRIGGER_COLUMN	F_TSVECTOR_UPDATE_TRIGGER_COLUMN
#else
#define SD_TSV_TRIGGER			F_TSVECTOR_UPDATE_TRIGGER_BYID
#define SD_TSV_TRIGGER_COLUMN	F_TSVECTOR_UPDATE_TRIGGER_BYCOLUMN
#endif

/* ---------------------------------------------------------------------
 * Which types
 * ---------------------------------------------------------------------
 */

static Oid
multirange_subtype(Oid typid)
{
#if PG_VERSION_NUM >= 140000
	if (type_is_multirange(typid))
		return get_range_subtype(get_multirange_range(typid));
#endif
	return InvalidOid;
}

/* can sdg_builtin_value make values of this (base) type? */
bool
sdg_builtin_type(Oid typid)
{
	switch (typid)
	{
		case TSVECTOROID:
		case TSQUERYOID:
		case XMLOID:
		case POINTOID:
		case LSEGOID:
		case PATHOID:
		case BOXOID:
		case POLYGONOID:
		case LINEOID:
		case CIRCLEOID:
		case PG_LSNOID:
		case TXID_SNAPSHOTOID:
#if PG_VERSION_NUM >= 130000
		case PG_SNAPSHOTOID:
#endif
		case CHAROID:
		case OIDOID:
			return true;
		default:
			break;
	}
	switch (multirange_subtype(typid))
	{
		case INT4OID:
		case INT8OID:
		case NUMERICOID:
		case DATEOID:
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			return true;
		default:
			return false;
	}
}

/* ---------------------------------------------------------------------
 * Values
 * ---------------------------------------------------------------------
 */

/* a coordinate with two decimals in [-100, 100) */
static double
coord(SdRng *rng)
{
	return rint((sd_rng_uniform(rng) * 200 - 100) * 100) / 100;
}

/* n lower-case words of the locale, each quoted for tsvector/tsquery */
static void
words(GenPlan *plan, SdRng *rng, uint64 row, int n, const char *sep,
	  bool positions, StringInfo out)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		StringInfoData w;
		char	   *p;

		initStringInfo(&w);
		sd_fake_generate(SD_FAKE_WORD, plan->locale, plan->person_seed, row, rng, &w);
		p = w.data;
		if (i)
			appendStringInfoString(out, sep);
		appendStringInfoChar(out, '\'');
		for (; *p; p++)
		{
			char		ch = *p;

			if (ch == '\'' || ch == '\\')
				appendStringInfoChar(out, '\\');
			appendStringInfoChar(out, (ch >= 'A' && ch <= 'Z') ? ch + ('a' - 'A') : ch);
		}
		appendStringInfoChar(out, '\'');
		if (positions)
			appendStringInfo(out, ":%d", i + 1);
	}
}

static void
xml_escaped(StringInfo out, const char *s)
{
	for (; *s; s++)
	{
		if (*s == '<')
			appendStringInfoString(out, "&lt;");
		else if (*s == '>')
			appendStringInfoString(out, "&gt;");
		else if (*s == '&')
			appendStringInfoString(out, "&amp;");
		else
			appendStringInfoChar(out, *s);
	}
}

static void
xml_value(GenPlan *plan, SdRng *rng, uint64 row, StringInfo out)
{
	StringInfoData s;

	initStringInfo(&s);
	sd_fake_generate(SD_FAKE_WORD, plan->locale, plan->person_seed, row, rng, &s);
	appendStringInfoString(out, "<note><title>");
	xml_escaped(out, s.data);
	resetStringInfo(&s);
	sd_fake_generate(SD_FAKE_SENTENCE, plan->locale, plan->person_seed, row, rng, &s);
	appendStringInfoString(out, "</title><body>");
	xml_escaped(out, s.data);
	appendStringInfoString(out, "</body></note>");
}

/* a geometric value in its input syntax */
static void
geometry_value(Oid typid, SdRng *rng, StringInfo out)
{
	double		x = coord(rng),
				y = coord(rng);
	int			i,
				n;
	bool		open;

	switch (typid)
	{
		case POINTOID:
			appendStringInfo(out, "(%g,%g)", x, y);
			break;
		case LSEGOID:
		case BOXOID:
			appendStringInfo(out, "((%g,%g),(%g,%g))", x, y,
							 x + 0.01 + fabs(coord(rng)) / 10, y + 0.01 + fabs(coord(rng)) / 10);
			break;
		case LINEOID:
			/* Ax + By + C = 0 with A and B not both zero */
			appendStringInfo(out, "{%g,%g,%g}", x == 0 ? 1 : x, y, coord(rng));
			break;
		case CIRCLEOID:
			appendStringInfo(out, "<(%g,%g),%g>", x, y, 0.5 + fabs(coord(rng)) / 10);
			break;
		case PATHOID:
		case POLYGONOID:
			/* points around a centre, in angle order: a simple polygon */
			n = 3 + (int) sd_rng_below(rng, 4);
			open = (typid == PATHOID && sd_rng_below(rng, 2));
			appendStringInfoString(out, open ? "[" : "(");
			for (i = 0; i < n; i++)
			{
				double		a = 2 * M_PI * (i + sd_rng_uniform(rng) * 0.8) / n;
				double		r = 1 + sd_rng_uniform(rng) * 9;

				appendStringInfo(out, "%s(%.2f,%.2f)", i ? "," : "",
								 x + r * cos(a), y + r * sin(a));
			}
			appendStringInfoString(out, open ? "]" : ")");
			break;
	}
}

/* a multirange of one to three disjoint ranges [lo,hi), in order */
static void
multirange_value(Oid subtype, SdRng *rng, StringInfo out)
{
	int			n = 1 + (int) sd_rng_below(rng, 3);
	bool		times = (subtype == DATEOID || subtype == TIMESTAMPOID ||
						 subtype == TIMESTAMPTZOID);
	double		at = times ? SD_ANCHOR_USECS - SD_WINDOW_USECS +
		sd_rng_uniform(rng) * SD_WINDOW_USECS / 2 : 1 + sd_rng_below(rng, 1000);
	int			i;

	appendStringInfoChar(out, '{');
	for (i = 0; i < n; i++)
	{
		double		len = times ? (1 + sd_rng_below(rng, 30)) * SD_USECS_PER_DAY :
			1 + sd_rng_below(rng, 100);
		double		gap = times ? (1 + sd_rng_below(rng, 60)) * SD_USECS_PER_DAY :
			1 + sd_rng_below(rng, 50);

		if (i)
			appendStringInfoChar(out, ',');
		if (times)
		{
			SdVal		v;
			StringInfoData a,
						b;

			initStringInfo(&a);
			initStringInfo(&b);
			v.kind = SDV_TIME;
			v.text = NULL;
			v.num = floor(at / SD_USECS_PER_DAY) * SD_USECS_PER_DAY;
			sd_val_to_text(&v, &a);
			v.num += len;
			sd_val_to_text(&v, &b);
			appendStringInfo(out, "[\"%s\",\"%s\")", a.data, b.data);
		}
		else
			appendStringInfo(out, "[%.0f,%.0f)", at, at + len);
		at += len + gap;
	}
	appendStringInfoChar(out, '}');
}

/* a value of a type sdg_builtin_type accepts, as text */
void
sdg_builtin_value(GenPlan *plan, TypeInfo *ti, SdRng *rng, uint64 row, SdVal *out)
{
	StringInfoData buf;
	Oid			sub;

	initStringInfo(&buf);
	out->kind = SDV_TEXT;
	switch (ti->typid)
	{
		case TSVECTOROID:
			words(plan, rng, row, 3 + (int) sd_rng_below(rng, 6), " ", true, &buf);
			break;
		case TSQUERYOID:
			words(plan, rng, row, 1 + (int) sd_rng_below(rng, 3),
				  sd_rng_below(rng, 2) ? " & " : " | ", false, &buf);
			break;
		case XMLOID:
			xml_value(plan, rng, row, &buf);
			break;
		case PG_LSNOID:
			appendStringInfo(&buf, "%X/%X", (unsigned) sd_rng_below(rng, 256),
							 sd_rng_u32(rng));
			break;
		case TXID_SNAPSHOTOID:
#if PG_VERSION_NUM >= 130000
		case PG_SNAPSHOTOID:
#endif
			{
				uint64		xmin = 1000 + sd_rng_below(rng, 1000000);
				uint64		span = 1 + sd_rng_below(rng, 20);

				appendStringInfo(&buf, UINT64_FORMAT ":" UINT64_FORMAT ":", xmin, xmin + span);
				if (span > 2)
					appendStringInfo(&buf, UINT64_FORMAT, xmin + 1 + sd_rng_below(rng, span - 1));
				break;
			}
		case CHAROID:
			appendStringInfoChar(&buf, 'a' + (char) sd_rng_below(rng, 26));
			break;
		case OIDOID:
			appendStringInfo(&buf, "%u", 16384 + (unsigned) sd_rng_below(rng, 1000000));
			break;
		default:
			sub = multirange_subtype(ti->typid);
			if (OidIsValid(sub))
				multirange_value(sub, rng, &buf);
			else
				geometry_value(ti->typid, rng, &buf);
			break;
	}
	out->text = buf.data;
}

/* ---------------------------------------------------------------------
 * Columns filled by a trigger
 * ---------------------------------------------------------------------
 */

/*
 * Is column c filled by a BEFORE INSERT row trigger of the table?  The
 * built-in tsvector_update_trigger(column, config, ...) names its column;
 * a tsvector column of a table with any other BEFORE INSERT row trigger is
 * taken to be maintained by it (there is nothing else to fill it from).
 */
static bool
filled_by_trigger(TriggerDesc *td, SdColumn *col)
{
	int			i;

	for (i = 0; i < td->numtriggers; i++)
	{
		Trigger    *tg = &td->triggers[i];

		if (!TRIGGER_FOR_ROW(tg->tgtype) || !TRIGGER_FOR_BEFORE(tg->tgtype) ||
			!TRIGGER_FOR_INSERT(tg->tgtype) || tg->tgenabled == TRIGGER_DISABLED)
			continue;
		if (tg->tgfoid == SD_TSV_TRIGGER ||
			tg->tgfoid == SD_TSV_TRIGGER_COLUMN)
		{
			if (tg->tgnargs >= 1 && strcmp(tg->tgargs[0], col->name) == 0)
				return true;
			continue;
		}
		if (col->basetypid == TSVECTOROID)
			return true;
	}
	return false;
}

/* columns without a rule that a trigger fills are left to it (skipped) */
void
sdg_mark_trigger_columns(GenPlan *plan)
{
	Relation	rel = relation_open(plan->t->relid, AccessShareLock);
	TriggerDesc *td = rel->trigdesc;
	int			i;

	if (td != NULL)
		for (i = 0; i < plan->t->ncolumns; i++)
			if (plan->gens[i].kind == G_AUTO &&
				filled_by_trigger(td, &plan->t->columns[i]))
				plan->gens[i].kind = G_SKIP;
	relation_close(rel, AccessShareLock);
}
