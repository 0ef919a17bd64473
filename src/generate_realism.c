/*-------------------------------------------------------------------------
 *
 * generate_realism.c
 *		Defaults of rule-less generation that make rows look like real data:
 *		a column's DEFAULT as its most common value, years up to the
 *		reference year and mostly recent, amounts scaled to their column's
 *		precision, 0/1 flags, discounts, the country of a row's place, a
 *		share of NULLs in nullable columns, and skewed fan-out of foreign
 *		keys.
 *
 * Every choice here applies only where the user gave no rule; a rule for
 * a column (a value, "null" or "fanout") overrides it.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/generate_realism.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/relation.h"
#include "executor/executor.h"
#include "optimizer/optimizer.h"
#include "rewrite/rewriteHandler.h"
#include "catalog/pg_type.h"
#include "nodes/nodeFuncs.h"
#include "utils/datum.h"

#include "generate_int.h"

/* share of rows that take a varied column's DEFAULT as it is */
#define DEFAULT_SHARE	0.5
/* share of 1 in an "active" flag */
#define FLAG_ONE_SHARE	0.85

/* does a CHECK constraint read column c? */
static bool
in_check(SdTable *t, int c)
{
	int			i;

	for (i = 0; i < t->nchecks; i++)
		if (t->checks[i].column == c || bms_is_member(c, t->checks[i].columns))
			return true;
	return false;
}

/* a constant, non-volatile DEFAULT of a column, or NULL */
static Node *
constant_default(Relation rel, SdColumn *c)
{
	Node	   *expr;

	if (c->identity || c->generated || c->from_sequence || !c->has_default)
		return NULL;
	expr = build_column_default(rel, c->attnum);
	if (expr == NULL || contain_volatile_functions(expr))
		return NULL;
	return expr;
}

/*
 * A date or timestamp column whose DEFAULT is an expression (now(),
 * CURRENT_DATE, clock_timestamp()) rather than a literal: the time of the
 * INSERT, the same for every row of a fill.
 */
static bool
time_of_insert(SdTable *t, int i, Relation *rel)
{
	SdColumn   *c = &t->columns[i];
	Node	   *expr;

	if (c->identity || c->generated || c->from_sequence || !c->has_default ||
		c->is_array ||
		(c->basetypid != DATEOID && c->basetypid != TIMESTAMPOID &&
		 c->basetypid != TIMESTAMPTZOID))
		return false;
	if (*rel == NULL)
		*rel = relation_open(t->relid, AccessShareLock);
	expr = build_column_default(*rel, c->attnum);
	if (expr == NULL)
		return false;
	expr = strip_implicit_coercions(expr);
	return !IsA(expr, Const);
}

/*
 * Columns left to a constant DEFAULT that are no key: generated instead,
 * with the default as the most common value (sdg_realism_default_value).
 * Numbers, booleans and enums only: a text default stays as it is.
 */
void
sdg_realism_defaults(GenPlan *plan)
{
	SdTable    *t = plan->t;
	Relation	rel = NULL;
	int			i;

	for (i = 0; i < t->ncolumns; i++)
	{
		SdColumn   *c = &t->columns[i];
		ColGen	   *g = &plan->gens[i];
		bool		typeok;

		if (g->kind != G_DEFAULT || sdg_column_in_key(t, i))
			continue;
		if (time_of_insert(t, i, &rel))
		{
			/* DEFAULT now(): one instant for every row; spread them instead */
			g->kind = G_AUTO;
			continue;
		}
		typeok = c->is_enum || c->typcategory == TYPCATEGORY_NUMERIC ||
			c->typcategory == TYPCATEGORY_BOOLEAN;
		if (!typeok || c->is_array || c->is_range)
			continue;
		if (rel == NULL)
			rel = relation_open(t->relid, AccessShareLock);
		if (constant_default(rel, c) == NULL)
			continue;
		g->kind = G_AUTO;
		g->vary_default = true;
	}
	if (rel)
		relation_close(rel, NoLock);
}

/* evaluate the defaults of the varied columns, once per call */
void
sdg_realism_prepare(GenPlan *plan)
{
	SdTable    *t = plan->t;
	Relation	rel = NULL;
	int			i;

	for (i = 0; i < t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];
		Node	   *expr;
		ExprContext *ec;
		ExprState  *es;
		bool		isnull;
		Datum		d;

		if (!g->vary_default)
			continue;
		if (rel == NULL)
			rel = relation_open(t->relid, AccessShareLock);
		expr = constant_default(rel, &t->columns[i]);
		if (expr == NULL)
		{
			g->vary_default = false;
			continue;
		}
		ec = CreateStandaloneExprContext();
		es = ExecInitExpr(expression_planner((Expr *) expr), NULL);
		d = ExecEvalExpr(es, ec, &isnull);
		if (isnull)
			g->vary_default = false;
		else
		{
			g->defval = datumCopy(d, g->ti.typbyval, g->ti.typlen);
			sdg_datum_to_val(&g->ti, g->defval, &g->defsv);
			if (g->defsv.text)
				g->defsv.text = pstrdup(g->defsv.text);
		}
		FreeExprContext(ec, true);
	}
	if (rel)
		relation_close(rel, NoLock);
}

/*
 * The value of a varied-default column: the default in DEFAULT_SHARE of
 * the rows; otherwise a number near it (integers a few steps away, other
 * numbers a log-normal factor away keeping the default's fraction, so
 * that 4.99 gives 0.99, 2.99, 7.99...) or, for other types and for
 * columns whose name says more (years, amounts, flags), the inferred
 * value (false).
 */
bool
sdg_realism_default_value(GenPlan *plan, ColGen *g, SdRng *rng, SdVal *out,
						  Datum *direct, bool *has_direct)
{
	double		d,
				v;

	if (sd_rng_uniform(rng) < DEFAULT_SHARE)
	{
		*out = g->defsv;
		*direct = g->defval;
		*has_direct = true;
		return true;
	}
	if (g->defsv.kind != SDV_NUM ||
		!(g->akind == A_INT || g->akind == A_NUMERIC || g->akind == A_FLOAT))
	{
		if (g->akind == A_BOOL || g->akind == A_ENUM || g->nchoices > 0)
			return false;
		/* text and the rest: the default */
		*out = g->defsv;
		*direct = g->defval;
		*has_direct = true;
		return true;
	}
	d = g->defsv.num;
	if (g->hint != N_NONE || d == 0 || g->nchoices > 0)
		return false;
	if (g->akind == A_INT)
		v = d + rint(sd_draw_normal(rng) * Max(1.0, fabs(d) * 0.5));
	else
	{
		double		frac = d - floor(d);

		v = d * exp(0.6 * sd_draw_normal(rng));
		v = floor(v) + frac;
		if (g->akind == A_NUMERIC && g->ti.scale >= 0)
		{
			double		f = sdg_pow10i(g->ti.scale);

			v = rint(v * f) / f;
		}
	}
	if (d > 0 && v <= 0)
		v = d;
	if (v < g->lo || v > g->hi)
		v = d;
	out->kind = SDV_NUM;
	out->num = v;
	out->text = NULL;
	return true;
}

/* name hints beyond generate_infer.c's: 0/1 flags, discounts */
void
sdg_realism_hint(GenPlan *plan, ColGen *g)
{
	const char *name = plan->t->columns[g->col].name;

	if (g->akind == A_INT &&
		(strcmp(name, "active") == 0 || strcmp(name, "is_active") == 0 ||
		 strcmp(name, "enabled") == 0 || strcmp(name, "is_enabled") == 0 ||
		 strcmp(name, "activebool") == 0 || strcmp(name, "isactive") == 0))
		g->hint = N_FLAG;
	else if (sdg_name_has(name, "discount") &&
			 (g->akind == A_INT || g->akind == A_FLOAT || g->akind == A_NUMERIC))
		g->hint = N_DISCOUNT;
	else if (g->akind == A_TEXT && g->fake_kind == SD_FAKE_NONE &&
			 (sdg_name_has(name, "password") || sdg_name_has(name, "passwd") ||
			  sdg_name_has(name, "password_hash") || strcmp(name, "pwd") == 0))
		g->hint = N_SECRET;
	else if ((g->akind == A_INT || g->akind == A_NUMERIC) &&
			 (strcmp(name, "length") == 0 || strcmp(name, "runtime") == 0 ||
			  strcmp(name, "duration") == 0 || sdg_name_has(name, "minutes") ||
			  strcmp(name, "milliseconds") == 0 || sdg_name_has(name, "ms")))
		g->hint = N_DURATION;
}

/*
 * Numbers by name hint; false leaves the value to generate_infer.c.  Sets
 * *lo and *hi, the window the caller clamps to.
 */
bool
sdg_realism_number(GenPlan *plan, ColGen *g, SdRng *rng, double *lo,
				   double *hi, double *v)
{
	switch (g->hint)
	{
		case N_AMOUNT:
			{
				double		median;

				if (g->has_lo && g->has_hi && g->lo > 0)
					return false;	/* log-uniform over the CHECKed range */
				*lo = g->has_lo ? g->lo : Max(g->lo, 0.01);
				*hi = g->has_hi ? g->hi : Min(g->hi, Max(10000, *lo + 10000));
				/* a numeric(4,2) price is a few units, not thousands */
				median = Min(50.0, *hi / 20);
				*v = Max(*lo, 0) + exp(log(median) + 0.9 * sd_draw_normal(rng));
				*v = g->akind == A_INT ? rint(*v) : rint(*v * 100) / 100;
				return true;
			}
		case N_YEAR:
			{
				double		ref = SD_FAKE_REFERENCE_YEAR;

				*lo = g->has_lo ? g->lo : Max(g->lo, 1950);
				*hi = g->has_hi ? g->hi : Min(g->hi, ref);
				if (*lo > ref || *lo > *hi)
					return false;
				/* up to the reference year, mostly recent (median ~7 years) */
				*hi = Min(*hi, ref);
				{
					/* one draw: Max() evaluates its arguments twice */
					double		back = floor(sd_draw_exponential(rng) * 10);

					*v = Max(*lo, *hi - back);
				}
				return true;
			}
		case N_DURATION:
			{
				/* a film's or a song's length: minutes, or milliseconds */
				const char *name = plan->t->columns[g->col].name;
				double		unit = (strcmp(name, "milliseconds") == 0 ||
									sdg_name_has(name, "ms")) ? 60000 : 1;
				double		median = unit > 1 ? 4 : 100;	/* a song, a film */

				*lo = g->has_lo ? g->lo : Max(g->lo, 1);
				*hi = g->hi;
				*v = rint(unit * median * exp(0.35 * sd_draw_normal(rng)));
				return *v >= *lo && *v <= *hi;
			}
		case N_FLAG:
			if (g->lo > 0 || g->hi < 1)
				return false;
			*lo = 0;
			*hi = 1;
			*v = sd_rng_uniform(rng) < FLAG_ONE_SHARE ? 1 : 0;
			return true;
		case N_DISCOUNT:
			{
				/* none in half the rows, else 5% to 30% in steps of 5 */
				double		scale = (g->akind == A_INT || (
									 g->has_lo && g->lo >= 1)) ? 100 : 1;

				*lo = g->has_lo ? g->lo : Max(g->lo, 0);
				*hi = g->has_hi ? g->hi : g->hi;
				if (*hi < 0.3 * scale || *lo > 0)
					return false;
				*v = sd_rng_uniform(rng) < 0.5 ? 0 :
					0.05 * scale * (1 + sd_rng_below(rng, 6));
				return true;
			}
		default:
			return false;
	}
}

/* labels of tables whose rows are well known (English) */
static const char *const genre_labels[] = {
	"Rock", "Jazz", "Metal", "Blues", "Classical", "Pop", "Latin", "Reggae",
	"Soul", "Hip Hop", "Country", "Electronic", "Folk", "Alternative",
	"Punk", "Gospel", "Ambient", "Soundtrack", "Drama", "Comedy", "Horror",
	"Documentary", "Animation", "Action", "Thriller", "Sci-Fi", "Romance"
};
static const char *const language_labels[] = {
	"English", "German", "French", "Spanish", "Italian", "Dutch",
	"Portuguese", "Japanese", "Mandarin", "Korean", "Russian", "Arabic",
	"Hindi", "Swedish", "Polish", "Turkish", "Greek", "Danish"
};
static const char *const media_labels[] = {
	"MPEG audio file", "AAC audio file", "Protected AAC audio file",
	"Protected MPEG-4 video file", "Purchased AAC audio file", "FLAC audio file",
	"WAV audio file", "Vinyl", "CD", "DVD", "Blu-ray", "Cassette"
};
static const char *const category_labels[] = {
	"Action", "Animation", "Children", "Classics", "Comedy", "Documentary",
	"Drama", "Family", "Foreign", "Games", "Horror", "Music", "New",
	"Sci-Fi", "Sports", "Travel", "Books", "Electronics", "Garden", "Toys"
};
static const char *const status_labels[] = {
	"active", "pending", "completed", "cancelled", "on hold", "closed",
	"open", "shipped", "returned", "draft"
};
static const char *const department_labels[] = {
	"Sales", "Marketing", "Finance", "Engineering", "Support", "Operations",
	"Human Resources", "Legal", "Purchasing", "Logistics", "IT", "Research"
};

#define LABELS(a) do { g->labels = (a); g->nlabels = lengthof(a); } while (0)

/* the label list of a LABEL column, by the last word of its table's name */
static void
choose_labels(GenPlan *plan, ColGen *g)
{
	const char *rel = plan->t->relname;
	const char *w = strrchr(rel, '_') ? strrchr(rel, '_') + 1 : rel;

	if (plan->locale != SD_FAKE_LOCALE_EN)
		return;
	if (pg_strncasecmp(w, "genre", 5) == 0)
		LABELS(genre_labels);
	else if (pg_strncasecmp(w, "language", 8) == 0 || pg_strncasecmp(w, "lang", 4) == 0)
		LABELS(language_labels);
	else if (pg_strncasecmp(rel, "media", 5) == 0 || pg_strncasecmp(w, "format", 6) == 0)
		LABELS(media_labels);
	else if (pg_strncasecmp(w, "categor", 7) == 0)
		LABELS(category_labels);
	else if (pg_strncasecmp(w, "status", 6) == 0)
		LABELS(status_labels);
	else if (pg_strncasecmp(w, "department", 10) == 0)
		LABELS(department_labels);
	if (g->nlabels > 0)
		sd_perm_init(&g->labelperm, (uint64) g->nlabels, plan->seed, g->stream);
}

/*
 * The country of a row whose place is in the table (the locale's own), or
 * a label from its table's list.
 */
bool
sdg_realism_text(GenPlan *plan, ColGen *g, SdRng *rng, uint64 row, StringInfo buf)
{
	if (g->hint == N_SECRET)
	{
		/* a digest's hex form, as a stored password hash looks */
		int			n = g->maxlen >= 0 ? Min(g->maxlen, 40) : 40;

		while (n-- > 0)
			appendStringInfoChar(buf, "0123456789abcdef"[sd_rng_below(rng, 16)]);
		return true;
	}
	if (g->nlabels > 0)
	{
		/* a lookup table lists each label once before any repeats */
		appendStringInfoString(buf, g->labels[sd_perm_apply(&g->labelperm,
															 row % (uint64) g->nlabels)]);
		if (g->maxlen >= 0)
			sd_fake_truncate(buf, g->maxlen);
		return true;
	}
	if (!g->home_place)
		return false;
	appendStringInfoString(buf, g->fake_kind == SD_FAKE_COUNTRY_CODE ?
						   sd_fake_locale_country_code(plan->locale) :
						   sd_fake_locale_country(plan->locale));
	if (g->maxlen >= 0)
		sd_fake_truncate(buf, g->maxlen);
	return true;
}

/* rank of a parent: density of u^1.5, so a few parents have many children */
int64
sdg_realism_skew(SdRng *rng, int64 nkeys)
{
	int64		r = (int64) floor((double) nkeys * pow(sd_rng_uniform(rng), 1.5));

	return Min(Max(r, 0), nkeys - 1);
}

/* has the table a column of the row's place (city, region, postal code)? */
static bool
has_place(GenPlan *plan)
{
	int			i;

	for (i = 0; i < plan->t->ncolumns; i++)
	{
		int			k = plan->gens[i].fake_kind;

		if (plan->gens[i].kind == G_AUTO &&
			(k == SD_FAKE_CITY || k == SD_FAKE_STATE || k == SD_FAKE_STATE_ABBR ||
			 k == SD_FAKE_POSTAL_CODE || k == SD_FAKE_STREET_ADDRESS))
			return true;
	}
	return false;
}

/* is column c read by another column's rule or shaping? */
static bool
is_read(GenPlan *plan, int c)
{
	int			i;

	for (i = 0; i < plan->t->ncolumns; i++)
		if (i != c && (plan->gens[i].deps[c] || plan->gens[i].after == c))
			return true;
	return false;
}

/* the column that names the row (a label, a title): never NULL by default */
static bool
names_row(const char *colname, int kind)
{
	return kind == SD_FAKE_LABEL || kind == SD_FAKE_TITLE ||
		strcmp(colname, "name") == 0 || strcmp(colname, "title") == 0;
}

/* the first "_"-separated word of a column name */
static void
first_word(const char *name, char *buf, int len)
{
	int			i;

	for (i = 0; name[i] && name[i] != '_' && i < len - 1; i++)
		buf[i] = name[i];
	buf[i] = '\0';
}

static bool
is_time(ColGen *g)
{
	return g->akind == A_DATE || g->akind == A_TIMESTAMP;
}

/*
 * An end date after its start: "return_date" after "rental_date",
 * "end_date" after "start_date", "shipped_at" after "ordered_at" or
 * "created_at".  Only for inferred columns no rule orders already.
 */
static void
end_after_start(GenPlan *plan)
{
	static const char *const ends[] = {
		"return", "returned", "end", "ended", "finish", "finished", "close",
		"closed", "ship", "shipped", "delivery", "delivered", "due",
		"resolved", "completed", "checkout", "discharge", "discharged",
		"expiry", "expires", "expiration", "valid", NULL
	};
	static const char *const starts[] = {
		"start", "started", "begin", "begins", "open", "opened", "order",
		"ordered", "rental", "rent", "booking", "booked", "checkin",
		"admission", "admitted", "issue", "issued", "created", "placed",
		"purchase", "invoice", "sale", NULL
	};
	SdTable    *t = plan->t;
	int			i,
				j;

	for (i = 0; i < t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];
		char		w[32];
		const char *const *e;
		bool		end = false;

		if (g->kind != G_AUTO || g->after >= 0 || !is_time(g) || g->fake_kind != SD_FAKE_NONE)
			continue;
		first_word(t->columns[i].name, w, sizeof(w));
		for (e = ends; *e && !end; e++)
			end = (strcmp(w, *e) == 0);
		if (!end || strchr(t->columns[i].name, '_') == NULL)
			continue;
		for (j = 0; j < t->ncolumns; j++)
		{
			const char *const *s;
			bool		start = false;

			if (j == i || plan->gens[j].kind == G_SKIP || !is_time(&plan->gens[j]) ||
				plan->gens[j].deps[i] || plan->gens[j].after == i)
				continue;
			first_word(t->columns[j].name, w, sizeof(w));
			for (s = starts; *s && !start; s++)
				start = (strcmp(w, *s) == 0);
			if (start && strchr(t->columns[j].name, '_') != NULL)
			{
				g->after = j;
				g->deps[j] = true;
				break;
			}
		}
	}
}

/*
 * After the plan's groups: the country of the row's place, NULLs in
 * nullable columns without a rule, skewed fan-out of foreign keys.
 */
void
sdg_realism_finish(GenPlan *plan)
{
	SdTable    *t = plan->t;
	bool		place = has_place(plan);
	int			i;

	end_after_start(plan);
	for (i = 0; i < t->ncolumns; i++)
	{
		ColGen	   *g = &plan->gens[i];

		if (g->kind != G_AUTO)
			continue;
		if (g->fake_kind == SD_FAKE_LABEL)
			choose_labels(plan, g);
		if (place && (g->fake_kind == SD_FAKE_COUNTRY ||
					  g->fake_kind == SD_FAKE_COUNTRY_CODE))
			g->home_place = true;
		if (!t->columns[i].notnull && !g->null_given && !g->vary_default &&
			g->null_frac == 0 && sd_null_share > 0 && !sdg_column_in_key(t, i) &&
			!in_check(t, i) && !is_read(plan, i) && !names_row(t->columns[i].name, g->fake_kind))
			g->null_frac = sd_null_share;
	}
	for (i = 0; i < plan->nfk; i++)
	{
		FkGroup    *fg = &plan->fks[i];
		ColGen	   *g = &plan->gens[fg->gen];

		if (fg->unique_group < 0 && !g->fanout_given)
			g->fanout = FAN_SKEW;
	}
}
