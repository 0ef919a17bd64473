/*-------------------------------------------------------------------------
 *
 * rules.c
 *		The rule language: a recursive-descent parser into a small AST with
 *		column references resolved to indexes, and its evaluator.
 *
 * A rule is parsed once per call (never per row).  Evaluation walks the
 * AST; every random draw takes the next words of the column's generator,
 * which the caller positions at the row, so a value is a pure function of
 * (seed, column stream, row index).  The grammar is in rules.h.
 *
 * This is engine code: no Datums, no executor.  The SQL-callable layer
 * (generate.c) converts between values and Datums and turns parse errors
 * into messages naming the column and pointing into the rule.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/rules.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/pg_list.h"

#include "distributions.h"
#include "fake.h"
#include "rules.h"
#include "timeseries.h"

typedef enum SdExprKind
{
	SDE_CONST,
	SDE_COLUMN,
	SDE_FAMILY,					/* a sampling family */
	SDE_FAKE,
	SDE_PATTERN,
	SDE_CHOICE,
	SDE_SEQ,
	SDE_SERIES,					/* series('components' [, index [, key]]) */
	SDE_FUNC,					/* deterministic built-ins */
	SDE_NEG,
	SDE_NOT,
	SDE_BINOP,
	SDE_CASE,
	SDE_UNIT
} SdExprKind;

typedef enum SdFunc
{
	FN_ROUND,
	FN_FLOOR,
	FN_CEIL,
	FN_ABS,
	FN_LEAST,
	FN_GREATEST,
	FN_COALESCE,
	FN_LOWER,
	FN_UPPER,
	FN_LENGTH
} SdFunc;

typedef enum SdOp
{
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_CONCAT,
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_AND, OP_OR
} SdOp;

struct SdExpr
{
	SdExprKind	kind;
	int			pos;
	SdVal		val;			/* CONST */
	int			column;			/* COLUMN */
	int			op;				/* BINOP: SdOp; FUNC: SdFunc */
	double		unit;			/* UNIT: microseconds per unit */
	const SdFamily *family;		/* FAMILY */
	int			fake_kind;		/* FAKE */
	int			locale;			/* FAKE: -1 = the call's default */
	char	   *pattern;		/* PATTERN */
	double	   *cumw;			/* CHOICE: cumulative weights */
	SdTsCursor *series;			/* SERIES: generator and its cache */
	uint64		series_stream;	/* SERIES: from the components' text */
	int			nargs;
	SdExpr	  **args;			/* CASE: when1, then1, ..., [else] */
	bool		has_else;		/* CASE */
};

/* ---------------------------------------------------------------------
 * Lexer
 * ---------------------------------------------------------------------
 */

typedef enum TokKind
{
	T_END, T_NUM, T_STR, T_IDENT, T_QIDENT, T_OP
} TokKind;

typedef struct Parser
{
	const char *src;
	const SdRuleEnv *env;
	SdRuleError *err;
	int			p;				/* scan position */
	/* current token */
	TokKind		tk;
	int			tpos;			/* 0-based start */
	char	   *tstr;			/* identifier (folded), string, operator */
	double		tnum;
	bool		failed;
} Parser;

static void
fail(Parser *ps, int pos, const char *fmt,...)
pg_attribute_printf(3, 4);

static void
fail(Parser *ps, int pos, const char *fmt,...)
{
	va_list		ap;

	if (ps->failed)
		return;
	ps->failed = true;
	ps->err->pos = pos + 1;
	va_start(ap, fmt);
	vsnprintf(ps->err->msg, sizeof(ps->err->msg), fmt, ap);
	va_end(ap);
}

static void
next(Parser *ps)
{
	const char *s = ps->src;
	int			p = ps->p;

	while (s[p] && isspace((unsigned char) s[p]))
		p++;
	ps->tpos = p;
	ps->tstr = NULL;
	if (s[p] == '\0')
	{
		ps->tk = T_END;
		ps->p = p;
		return;
	}
	if (isdigit((unsigned char) s[p]) ||
		(s[p] == '.' && isdigit((unsigned char) s[p + 1])))
	{
		char	   *end;

		ps->tnum = strtod(s + p, &end);
		ps->tk = T_NUM;
		ps->tstr = pnstrdup(s + p, end - (s + p));
		ps->p = end - s;
		return;
	}
	if (s[p] == '\'')
	{
		StringInfoData b;

		initStringInfo(&b);
		p++;
		for (;;)
		{
			if (s[p] == '\0')
			{
				fail(ps, ps->tpos, "unterminated quoted string");
				ps->tk = T_END;
				ps->p = p;
				return;
			}
			if (s[p] == '\'')
			{
				if (s[p + 1] == '\'')
				{
					appendStringInfoChar(&b, '\'');
					p += 2;
					continue;
				}
				p++;
				break;
			}
			appendStringInfoChar(&b, s[p++]);
		}
		ps->tk = T_STR;
		ps->tstr = b.data;
		ps->p = p;
		return;
	}
	if (s[p] == '"')
	{
		StringInfoData b;

		initStringInfo(&b);
		p++;
		for (;;)
		{
			if (s[p] == '\0')
			{
				fail(ps, ps->tpos, "unterminated quoted identifier");
				ps->tk = T_END;
				ps->p = p;
				return;
			}
			if (s[p] == '"')
			{
				if (s[p + 1] == '"')
				{
					appendStringInfoChar(&b, '"');
					p += 2;
					continue;
				}
				p++;
				break;
			}
			appendStringInfoChar(&b, s[p++]);
		}
		ps->tk = T_QIDENT;
		ps->tstr = b.data;
		ps->p = p;
		return;
	}
	if (isalpha((unsigned char) s[p]) || s[p] == '_' || (unsigned char) s[p] >= 0x80)
	{
		int			start = p;
		int			i;

		while (isalnum((unsigned char) s[p]) || s[p] == '_' ||
			   (unsigned char) s[p] >= 0x80)
			p++;
		ps->tstr = pnstrdup(s + start, p - start);
		/* unquoted identifiers fold to lower case, as in SQL */
		for (i = 0; ps->tstr[i]; i++)
			ps->tstr[i] = pg_ascii_tolower((unsigned char) ps->tstr[i]);
		ps->tk = T_IDENT;
		ps->p = p;
		return;
	}
	/* operators */
	{
		static const char *const ops2[] = {"<=", ">=", "<>", "!=", "||", NULL};
		int			i;

		for (i = 0; ops2[i]; i++)
			if (strncmp(s + p, ops2[i], 2) == 0)
			{
				ps->tk = T_OP;
				ps->tstr = pstrdup(ops2[i]);
				ps->p = p + 2;
				return;
			}
		if (strchr("+-*/%=<>(),:", s[p]))
		{
			ps->tk = T_OP;
			ps->tstr = pnstrdup(s + p, 1);
			ps->p = p + 1;
			return;
		}
	}
	fail(ps, p, "unexpected character \"%c\"", s[p]);
	ps->tk = T_END;
}

static bool
is_op(Parser *ps, const char *op)
{
	return ps->tk == T_OP && strcmp(ps->tstr, op) == 0;
}

static bool
is_kw(Parser *ps, const char *kw)
{
	return ps->tk == T_IDENT && strcmp(ps->tstr, kw) == 0;
}

static bool
expect_op(Parser *ps, const char *op, const char *after)
{
	if (!is_op(ps, op))
	{
		fail(ps, ps->tpos, "expected \"%s\"%s%s", op, after ? " " : "",
			 after ? after : "");
		return false;
	}
	next(ps);
	return true;
}

static SdExpr *
mk(SdExprKind kind, int pos)
{
	SdExpr	   *e = palloc0(sizeof(SdExpr));

	e->kind = kind;
	e->pos = pos;
	return e;
}

/* ---------------------------------------------------------------------
 * Parser
 * ---------------------------------------------------------------------
 */

static SdExpr *parse_expr(Parser *ps);

static const char *const reserved[] = {
	"case", "when", "then", "else", "end", "and", "or", "not", "null",
	"true", "false", NULL
};

static bool
is_reserved(const char *s)
{
	int			i;

	for (i = 0; reserved[i]; i++)
		if (strcmp(reserved[i], s) == 0)
			return true;
	return false;
}

static double
unit_usecs(const char *s)
{
	static const struct
	{
		const char *name;
		double		usecs;
	}			units[] = {
		{"second", 1e6}, {"seconds", 1e6},
		{"minute", 60e6}, {"minutes", 60e6},
		{"hour", 3600e6}, {"hours", 3600e6},
		{"day", SD_USECS_PER_DAY}, {"days", SD_USECS_PER_DAY},
		{"week", 7 * SD_USECS_PER_DAY}, {"weeks", 7 * SD_USECS_PER_DAY},
		/* months and years as PostgreSQL's interval arithmetic averages them */
		{"month", 30 * SD_USECS_PER_DAY}, {"months", 30 * SD_USECS_PER_DAY},
		{"year", 365.25 * SD_USECS_PER_DAY}, {"years", 365.25 * SD_USECS_PER_DAY},
		{NULL, 0}
	};
	int			i;

	for (i = 0; units[i].name; i++)
		if (strcmp(units[i].name, s) == 0)
			return units[i].usecs;
	return 0;
}

/* comma-separated arguments after "(", up to and including ")" */
static List *
parse_args(Parser *ps, bool allow_weights, List **weights)
{
	List	   *args = NIL;

	if (is_op(ps, ")"))
	{
		next(ps);
		return NIL;
	}
	for (;;)
	{
		SdExpr	   *a = parse_expr(ps);

		if (ps->failed)
			return NIL;
		args = lappend(args, a);
		if (allow_weights)
		{
			double	   *w = palloc(sizeof(double));

			*w = 1;
			if (is_op(ps, ":"))
			{
				next(ps);
				if (ps->tk != T_NUM)
				{
					fail(ps, ps->tpos, "expected a weight (a non-negative number) after \":\"");
					return NIL;
				}
				*w = ps->tnum;
				next(ps);
			}
			*weights = lappend(*weights, w);
		}
		if (is_op(ps, ","))
		{
			next(ps);
			continue;
		}
		if (!expect_op(ps, ")", allow_weights ?
					   "or \",\" after a choice" : "or \",\" after an argument"))
			return NIL;
		return args;
	}
}

static void
set_args(SdExpr *e, List *args)
{
	ListCell   *lc;
	int			i = 0;

	e->nargs = list_length(args);
	e->args = palloc0(sizeof(SdExpr *) * Max(e->nargs, 1));
	foreach(lc, args)
		e->args[i++] = lfirst(lc);
}

static bool
want_string_arg(Parser *ps, SdExpr *e, int i, const char *fname, const char *what)
{
	if (e->nargs <= i || e->args[i]->kind != SDE_CONST ||
		e->args[i]->val.kind != SDV_TEXT)
	{
		fail(ps, e->nargs > i ? e->args[i]->pos - 1 : e->pos - 1,
			 "expected %s as argument %d of %s()", what, i + 1, fname);
		return false;
	}
	return true;
}

/* choice(v1 weight w1, ...): values with non-negative weights, cumulated */
static SdExpr *
parse_choice(Parser *ps, int pos)
{
	SdExpr	   *e;
	List	   *args;
	List	   *weights = NIL;
	int			i;
	ListCell   *lc;
	double		total = 0;

	e = mk(SDE_CHOICE, pos);
	args = parse_args(ps, true, &weights);
	if (ps->failed)
		return NULL;
	set_args(e, args);
	if (e->nargs == 0)
	{
		fail(ps, pos - 1, "expected at least one value in choice()");
		return NULL;
	}
	e->cumw = palloc(sizeof(double) * e->nargs);
	i = 0;
	foreach(lc, weights)
	{
		double		w = *(double *) lfirst(lc);

		if (!(w >= 0) || isinf(w))
		{
			fail(ps, e->args[i]->pos - 1, "expected a non-negative weight");
			return NULL;
		}
		total += w;
		e->cumw[i++] = total;
	}
	if (!(total > 0))
	{
		fail(ps, pos - 1, "expected at least one positive weight in choice()");
		return NULL;
	}
	for (i = 0; i < e->nargs; i++)
		e->cumw[i] /= total;
	return e;
}

/* fake('kind' [, 'locale']): a known kind, a known locale */
static SdExpr *
parse_fake(Parser *ps, List *args, int pos)
{
	SdExpr	   *e;

	e = mk(SDE_FAKE, pos);
	set_args(e, args);
	if (e->nargs < 1 || e->nargs > 2)
	{
		fail(ps, pos - 1, "expected fake('kind') or fake('kind', 'locale')");
		return NULL;
	}
	if (!want_string_arg(ps, e, 0, "fake", "a fake kind such as 'email'"))
		return NULL;
	e->fake_kind = sd_fake_kind_lookup(e->args[0]->val.text);
	if (e->fake_kind == SD_FAKE_NONE)
	{
		fail(ps, e->args[0]->pos - 1, "unknown fake kind \"%s\"",
			 e->args[0]->val.text);
		return NULL;
	}
	e->locale = -1;
	if (e->nargs == 2)
	{
		if (!want_string_arg(ps, e, 1, "fake", "a locale such as 'en_US'"))
			return NULL;
		e->locale = sd_fake_locale_lookup(e->args[1]->val.text);
		if (e->locale < 0)
		{
			fail(ps, e->args[1]->pos - 1, "unknown locale \"%s\"",
				 e->args[1]->val.text);
			return NULL;
		}
	}
	return e;
}

/* pattern('AA-9999'): one valid pattern string */
static SdExpr *
parse_pattern(Parser *ps, List *args, int pos)
{
	SdExpr	   *e;
	const char *msg;

	e = mk(SDE_PATTERN, pos);
	set_args(e, args);
	if (e->nargs != 1)
	{
		fail(ps, pos - 1, "expected exactly one argument to pattern()");
		return NULL;
	}
	if (!want_string_arg(ps, e, 0, "pattern", "a pattern string such as 'AA-9999'"))
		return NULL;
	msg = sd_fake_pattern_check(e->args[0]->val.text);
	if (msg)
	{
		fail(ps, e->args[0]->pos - 1, "invalid pattern: %s", msg);
		return NULL;
	}
	e->pattern = e->args[0]->val.text;
	return e;
}

/* series('components' [, index [, key]]): a time series cursor */
static SdExpr *
parse_series(Parser *ps, List *args, int pos)
{
	SdExpr	   *e;

	e = mk(SDE_SERIES, pos);
	set_args(e, args);
	if (e->nargs < 1 || e->nargs > 3)
	{
		fail(ps, pos - 1, "expected series('components' [, index [, key]])");
		return NULL;
	}
	if (!want_string_arg(ps, e, 0, "series", "the components as JSON text such as '{\"ar\": [0.7]}'"))
		return NULL;
	e->series = sd_ts_cursor_create(sd_ts_spec_from_text(e->args[0]->val.text));
	e->series_stream = sd_stream_id(e->args[0]->val.text);
	return e;
}

/* seq([start [, step]]) */
static SdExpr *
parse_seq(Parser *ps, List *args, int pos)
{
	SdExpr	   *e;

	e = mk(SDE_SEQ, pos);
	set_args(e, args);
	if (e->nargs > 2)
	{
		fail(ps, pos - 1, "expected seq(), seq(start) or seq(start, step)");
		return NULL;
	}
	return e;
}

/* a distribution family: its arity, defaults and constant parameters checked now */
static SdExpr *
parse_family(Parser *ps, const SdFamily *fam, const char *name,
			 List *args, int pos)
{
	SdExpr	   *e;
	int			i;

	e = mk(SDE_FAMILY, pos);
	e->family = fam;
	set_args(e, args);
	if (e->nargs > fam->nparams)
	{
		fail(ps, pos - 1, "expected at most %d argument%s to %s()",
			 fam->nparams, fam->nparams == 1 ? "" : "s", name);
		return NULL;
	}
	for (i = e->nargs; i < fam->nparams; i++)
		if (isnan(fam->param_defaults[i]))
		{
			fail(ps, pos - 1, "expected a value for parameter \"%s\" of %s()",
				 fam->param_names[i], name);
			return NULL;
		}
	/* constant parameters are checked now, the others per row */
	if (e->nargs > 0)
	{
		double		params[SD_FAMILY_MAX_PARAMS];
		bool		allconst = true;
		const char *msg;

		for (i = 0; i < fam->nparams; i++)
		{
			if (i < e->nargs)
			{
				SdExpr	   *a = e->args[i];

				if (a->kind == SDE_NEG && a->args[0]->kind == SDE_CONST &&
					a->args[0]->val.kind == SDV_NUM)
					params[i] = -a->args[0]->val.num;
				else if (a->kind == SDE_CONST && a->val.kind == SDV_NUM)
					params[i] = a->val.num;
				else
					allconst = false;
			}
			else
				params[i] = fam->param_defaults[i];
		}
		if (allconst && (msg = fam->check(params)) != NULL)
		{
			fail(ps, pos - 1, "invalid parameters for %s(): %s", name, msg);
			return NULL;
		}
	}
	else if (fam->check(fam->param_defaults) != NULL)
	{
		fail(ps, pos - 1, "expected parameters for %s()", name);
		return NULL;
	}
	return e;
}

/* a fake kind called by name: kind() or kind('locale') */
static SdExpr *
parse_fake_kind(Parser *ps, int kind, const char *name,
				List *args, int pos)
{
	SdExpr	   *e;

	e = mk(SDE_FAKE, pos);
	set_args(e, args);
	e->fake_kind = kind;
	e->locale = -1;
	if (e->nargs > 1)
	{
		fail(ps, pos - 1, "expected %s() or %s('locale')", name, name);
		return NULL;
	}
	if (e->nargs == 1)
	{
		if (!want_string_arg(ps, e, 0, name, "a locale such as 'en_US'"))
			return NULL;
		e->locale = sd_fake_locale_lookup(e->args[0]->val.text);
		if (e->locale < 0)
		{
			fail(ps, e->args[0]->pos - 1, "unknown locale \"%s\"",
				 e->args[0]->val.text);
			return NULL;
		}
	}
	return e;
}

static SdExpr *
parse_call(Parser *ps, const char *name, int pos)
{
	static const struct
	{
		const char *name;
		SdFunc		fn;
		int			minargs;
		int			maxargs;
	}			funcs[] = {
		{"round", FN_ROUND, 1, 2}, {"floor", FN_FLOOR, 1, 1},
		{"ceil", FN_CEIL, 1, 1}, {"abs", FN_ABS, 1, 1},
		{"least", FN_LEAST, 1, 100}, {"greatest", FN_GREATEST, 1, 100},
		{"coalesce", FN_COALESCE, 1, 100}, {"lower", FN_LOWER, 1, 1},
		{"upper", FN_UPPER, 1, 1}, {"length", FN_LENGTH, 1, 1},
		{NULL, 0, 0, 0}
	};
	SdExpr	   *e;
	List	   *args;
	const SdFamily *fam;
	int			i;
	int			kind;

	if (strcmp(name, "choice") == 0)
		return parse_choice(ps, pos);

	args = parse_args(ps, false, NULL);
	if (ps->failed)
		return NULL;

	if (strcmp(name, "fake") == 0)
		return parse_fake(ps, args, pos);
	if (strcmp(name, "pattern") == 0)
		return parse_pattern(ps, args, pos);
	if (strcmp(name, "series") == 0)
		return parse_series(ps, args, pos);
	if (strcmp(name, "seq") == 0)
		return parse_seq(ps, args, pos);
	for (i = 0; funcs[i].name; i++)
	{
		if (strcmp(funcs[i].name, name) != 0)
			continue;
		e = mk(SDE_FUNC, pos);
		e->op = funcs[i].fn;
		set_args(e, args);
		if (e->nargs < funcs[i].minargs || e->nargs > funcs[i].maxargs)
		{
			if (funcs[i].minargs == funcs[i].maxargs)
				fail(ps, pos - 1, "expected %d argument%s to %s()",
					 funcs[i].minargs, funcs[i].minargs == 1 ? "" : "s", name);
			else
				fail(ps, pos - 1, "expected %d to %d arguments to %s()",
					 funcs[i].minargs, funcs[i].maxargs, name);
			return NULL;
		}
		return e;
	}
	fam = sd_family_lookup(name);
	if (fam)
		return parse_family(ps, fam, name, args, pos);
	kind = sd_fake_kind_lookup(name);
	if (kind != SD_FAKE_NONE)
		return parse_fake_kind(ps, kind, name, args, pos);
	fail(ps, pos - 1, "unknown function \"%s\"", name);
	return NULL;
}

static SdExpr *
parse_primary(Parser *ps)
{
	SdExpr	   *e;
	int			pos = ps->tpos + 1;

	/* parentheses and call arguments recurse: a hostile rule could nest deep */
	check_stack_depth();
	if (ps->failed)
		return NULL;
	switch (ps->tk)
	{
		case T_NUM:
			e = mk(SDE_CONST, pos);
			e->val.kind = SDV_NUM;
			e->val.num = ps->tnum;
			next(ps);
			return e;
		case T_STR:
			e = mk(SDE_CONST, pos);
			e->val.kind = SDV_TEXT;
			e->val.text = ps->tstr;
			next(ps);
			return e;
		case T_QIDENT:
		case T_IDENT:
			{
				char	   *name = ps->tstr;
				bool		quoted = (ps->tk == T_QIDENT);
				int			i;

				if (!quoted && is_kw(ps, "case"))
				{
					List	   *parts = NIL;

					e = mk(SDE_CASE, pos);
					next(ps);
					if (!is_kw(ps, "when"))
					{
						fail(ps, ps->tpos, "expected WHEN after CASE");
						return NULL;
					}
					while (is_kw(ps, "when"))
					{
						SdExpr	   *c,
								   *r;

						next(ps);
						c = parse_expr(ps);
						if (ps->failed)
							return NULL;
						if (!is_kw(ps, "then"))
						{
							fail(ps, ps->tpos, "expected THEN");
							return NULL;
						}
						next(ps);
						r = parse_expr(ps);
						if (ps->failed)
							return NULL;
						parts = lappend(lappend(parts, c), r);
					}
					if (is_kw(ps, "else"))
					{
						next(ps);
						parts = lappend(parts, parse_expr(ps));
						if (ps->failed)
							return NULL;
						e->has_else = true;
					}
					if (!is_kw(ps, "end"))
					{
						fail(ps, ps->tpos, "expected WHEN, ELSE or END");
						return NULL;
					}
					next(ps);
					set_args(e, parts);
					return e;
				}
				if (!quoted && (is_kw(ps, "null") || is_kw(ps, "true") ||
								is_kw(ps, "false")))
				{
					e = mk(SDE_CONST, pos);
					if (name[0] == 'n')
						e->val.kind = SDV_NULL;
					else
					{
						e->val.kind = SDV_BOOL;
						e->val.num = (name[0] == 't');
					}
					next(ps);
					return e;
				}
				next(ps);
				/* typed literal: DATE '...', TIMESTAMP '...', INTERVAL '...' */
				if (!quoted && ps->tk == T_STR &&
					(strcmp(name, "date") == 0 || strcmp(name, "timestamp") == 0 ||
					 strcmp(name, "timestamptz") == 0 ||
					 strcmp(name, "interval") == 0))
				{
					char		msg[200];

					e = mk(SDE_CONST, pos);
					if (!ps->env->typed_literal(name, ps->tstr, &e->val, msg,
												sizeof(msg)))
					{
						fail(ps, ps->tpos, "expected a valid %s literal (%s)",
							 name, msg);
						return NULL;
					}
					next(ps);
					return e;
				}
				if (!quoted && is_op(ps, "("))
				{
					next(ps);
					return parse_call(ps, name, pos);
				}
				if (!quoted && is_reserved(name))
				{
					fail(ps, pos - 1, "expected a value, a column or a function, not \"%s\"",
						 name);
					return NULL;
				}
				for (i = 0; i < ps->env->ncolumns; i++)
					if (strcmp(ps->env->colnames[i], name) == 0)
						break;
				if (i == ps->env->ncolumns)
				{
					fail(ps, pos - 1, "column \"%s\" does not exist", name);
					return NULL;
				}
				e = mk(SDE_COLUMN, pos);
				e->column = i;
				return e;
			}
		case T_OP:
			if (is_op(ps, "("))
			{
				next(ps);
				e = parse_expr(ps);
				if (ps->failed || !expect_op(ps, ")", NULL))
					return NULL;
				return e;
			}
			/* fall through */
		case T_END:
			break;
	}
	if (ps->tk == T_END)
		fail(ps, ps->tpos, "expected a value, a column or a function at the end of the rule");
	else
		fail(ps, ps->tpos, "expected a value, a column or a function, not \"%s\"",
			 ps->tstr);
	return NULL;
}

static SdExpr *
parse_postfix(Parser *ps)
{
	SdExpr	   *e = parse_primary(ps);
	double		u;

	if (ps->failed)
		return NULL;
	if (ps->tk == T_IDENT && (u = unit_usecs(ps->tstr)) > 0)
	{
		SdExpr	   *ue = mk(SDE_UNIT, ps->tpos + 1);

		ue->unit = u;
		set_args(ue, list_make1(e));
		next(ps);
		return ue;
	}
	return e;
}

static SdExpr *
parse_unary(Parser *ps)
{
	check_stack_depth();
	if (is_op(ps, "-"))
	{
		SdExpr	   *e = mk(SDE_NEG, ps->tpos + 1);

		next(ps);
		set_args(e, list_make1(parse_unary(ps)));
		return ps->failed ? NULL : e;
	}
	if (is_op(ps, "+"))
		next(ps);
	return parse_postfix(ps);
}

static SdExpr *
binop(SdOp op, int pos, SdExpr *l, SdExpr *r)
{
	SdExpr	   *e = mk(SDE_BINOP, pos);

	e->op = op;
	set_args(e, list_make2(l, r));
	return e;
}

static SdExpr *
parse_mul(Parser *ps)
{
	SdExpr	   *e = parse_unary(ps);

	while (!ps->failed && (is_op(ps, "*") || is_op(ps, "/") || is_op(ps, "%")))
	{
		SdOp		op = is_op(ps, "*") ? OP_MUL : is_op(ps, "/") ? OP_DIV : OP_MOD;
		int			pos = ps->tpos + 1;

		next(ps);
		e = binop(op, pos, e, parse_unary(ps));
	}
	return ps->failed ? NULL : e;
}

static SdExpr *
parse_add(Parser *ps)
{
	SdExpr	   *e = parse_mul(ps);

	while (!ps->failed && (is_op(ps, "+") || is_op(ps, "-") || is_op(ps, "||")))
	{
		SdOp		op = is_op(ps, "+") ? OP_ADD : is_op(ps, "-") ? OP_SUB : OP_CONCAT;
		int			pos = ps->tpos + 1;

		next(ps);
		e = binop(op, pos, e, parse_mul(ps));
	}
	return ps->failed ? NULL : e;
}

static SdExpr *
parse_cmp(Parser *ps)
{
	static const struct
	{
		const char *tok;
		SdOp		op;
	}			cmps[] = {
		{"=", OP_EQ}, {"<>", OP_NE}, {"!=", OP_NE}, {"<", OP_LT},
		{"<=", OP_LE}, {">", OP_GT}, {">=", OP_GE}, {NULL, 0}
	};
	SdExpr	   *e = parse_add(ps);
	int			i;

	if (ps->failed || ps->tk != T_OP)
		return e;
	for (i = 0; cmps[i].tok; i++)
		if (is_op(ps, cmps[i].tok))
		{
			int			pos = ps->tpos + 1;

			next(ps);
			return binop(cmps[i].op, pos, e, parse_add(ps));
		}
	return e;
}

static SdExpr *
parse_not(Parser *ps)
{
	check_stack_depth();
	if (is_kw(ps, "not"))
	{
		SdExpr	   *e = mk(SDE_NOT, ps->tpos + 1);

		next(ps);
		set_args(e, list_make1(parse_not(ps)));
		return ps->failed ? NULL : e;
	}
	return parse_cmp(ps);
}

static SdExpr *
parse_and(Parser *ps)
{
	SdExpr	   *e = parse_not(ps);

	while (!ps->failed && is_kw(ps, "and"))
	{
		int			pos = ps->tpos + 1;

		next(ps);
		e = binop(OP_AND, pos, e, parse_not(ps));
	}
	return ps->failed ? NULL : e;
}

static SdExpr *
parse_expr(Parser *ps)
{
	SdExpr	   *e = parse_and(ps);

	while (!ps->failed && is_kw(ps, "or"))
	{
		int			pos = ps->tpos + 1;

		next(ps);
		e = binop(OP_OR, pos, e, parse_and(ps));
	}
	return ps->failed ? NULL : e;
}

SdExpr *
sd_rule_parse(const char *text, const SdRuleEnv *env, SdRuleError *err)
{
	Parser		ps;
	SdExpr	   *e;

	memset(&ps, 0, sizeof(ps));
	memset(err, 0, sizeof(*err));
	ps.src = text;
	ps.env = env;
	ps.err = err;
	next(&ps);
	if (ps.tk == T_END && !ps.failed)
	{
		fail(&ps, 0, "expected an expression, the rule is empty");
		return NULL;
	}
	e = parse_expr(&ps);
	if (!ps.failed && ps.tk != T_END)
		fail(&ps, ps.tpos, "expected an operator or the end of the rule, not \"%s\"",
			 ps.tstr ? ps.tstr : "?");
	return ps.failed ? NULL : e;
}

/* ---------------------------------------------------------------------
 * Inspection
 * ---------------------------------------------------------------------
 */

void
sd_rule_deps(const SdExpr *e, bool *flags)
{
	int			i;

	check_stack_depth();
	if (e == NULL)
		return;
	if (e->kind == SDE_COLUMN)
		flags[e->column] = true;
	for (i = 0; i < e->nargs; i++)
		sd_rule_deps(e->args[i], flags);
}

const char *
sd_rule_pattern(const SdExpr *e)
{
	return e->kind == SDE_PATTERN ? e->pattern : NULL;
}

int
sd_rule_fake_kind(const SdExpr *e, int *locale)
{
	if (e->kind != SDE_FAKE)
		return SD_FAKE_NONE;
	*locale = e->locale;
	return e->fake_kind;
}

/* ---------------------------------------------------------------------
 * Evaluation
 * ---------------------------------------------------------------------
 */

static const char *
sd_val_kind_name(SdValKind k)
{
	switch (k)
	{
		case SDV_NULL:
			return "null";
		case SDV_NUM:
			return "number";
		case SDV_BOOL:
			return "boolean";
		case SDV_TEXT:
			return "text";
		case SDV_TIME:
			return "timestamp";
		case SDV_INTERVAL:
			return "interval";
	}
	return "?";
}

void
sd_val_to_text(const SdVal *v, StringInfo buf)
{
	switch (v->kind)
	{
		case SDV_NULL:
			break;
		case SDV_TEXT:
			appendStringInfoString(buf, v->text);
			break;
		case SDV_BOOL:
			appendStringInfoString(buf, v->num != 0 ? "true" : "false");
			break;
		case SDV_NUM:
			if (v->num == rint(v->num) && fabs(v->num) < 1e15)
				appendStringInfo(buf, "%.0f", v->num);
			else
				appendStringInfo(buf, "%.15g", v->num);
			break;
		case SDV_INTERVAL:
			appendStringInfo(buf, "%.0f microseconds", v->num);
			break;
		case SDV_TIME:
			{
				/* days since 2000-01-01 -> civil date (Hinnant's algorithm) */
				double		us = v->num;
				int64		days = (int64) floor(us / SD_USECS_PER_DAY);
				double		rem = us - days * SD_USECS_PER_DAY;
				int64		z = days + 10957 + 719468;
				int64		era = (z >= 0 ? z : z - 146096) / 146097;
				int64		doe = z - era * 146097;
				int64		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
				int64		y = yoe + era * 400;
				int64		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
				int64		mp = (5 * doy + 2) / 153;
				int64		d = doy - (153 * mp + 2) / 5 + 1;
				int64		m = mp < 10 ? mp + 3 : mp - 9;
				int64		secs = (int64) (rem / 1e6);

				y += (m <= 2);
				appendStringInfo(buf, "%04d-%02d-%02d %02d:%02d:%02d",
								 (int) y, (int) m, (int) d,
								 (int) (secs / 3600), (int) (secs / 60 % 60),
								 (int) (secs % 60));
			}
			break;
	}
}

static void
type_error(const char *op, const SdVal *a, const SdVal *b)
{
	if (b)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("operator %s cannot be applied to %s and %s", op,
						sd_val_kind_name(a->kind), sd_val_kind_name(b->kind))));
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("%s cannot be applied to %s", op, sd_val_kind_name(a->kind))));
}

static bool
truthy(const SdVal *v)
{
	return v->kind == SDV_BOOL && v->num != 0;
}

static double
want_num(const SdVal *v, const char *what)
{
	if (v->kind != SDV_NUM)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s expects a number, not %s", what,
						sd_val_kind_name(v->kind))));
	return v->num;
}

static int
compare(const SdVal *a, const SdVal *b, const char *op)
{
	if (a->kind == SDV_TEXT && b->kind == SDV_TEXT)
		return strcmp(a->text, b->text);
	if (a->kind != b->kind)
		type_error(op, a, b);
	return a->num < b->num ? -1 : a->num > b->num ? 1 : 0;
}

static void
eval_binop(const SdExpr *e, SdEvalCtx *ctx, SdVal *out)
{
	SdVal		a,
				b;
	SdOp		op = e->op;
	static const char *const opname[] = {
		"+", "-", "*", "/", "%", "||", "=", "<>", "<", "<=", ">", ">=",
		"AND", "OR"
	};

	sd_rule_eval(e->args[0], ctx, &a);
	if (op == OP_AND && !truthy(&a) && a.kind != SDV_NULL)
	{
		out->kind = SDV_BOOL;
		out->num = 0;
		return;
	}
	if (op == OP_OR && truthy(&a))
	{
		*out = a;
		return;
	}
	sd_rule_eval(e->args[1], ctx, &b);
	out->text = NULL;
	if (op == OP_AND || op == OP_OR)
	{
		if ((a.kind != SDV_BOOL && a.kind != SDV_NULL) ||
			(b.kind != SDV_BOOL && b.kind != SDV_NULL))
			type_error(opname[op], &a, &b);
		out->kind = SDV_BOOL;
		out->num = truthy(&b) || (op == OP_OR && truthy(&a));
		if (a.kind == SDV_NULL || b.kind == SDV_NULL)
		{
			/* three-valued logic: only a definite answer is not NULL */
			if (!(op == OP_OR && out->num != 0) &&
				!(op == OP_AND && ((a.kind == SDV_BOOL && a.num == 0) ||
								   (b.kind == SDV_BOOL && b.num == 0))))
				out->kind = SDV_NULL;
		}
		return;
	}
	if (op == OP_CONCAT)
	{
		StringInfoData buf;

		if (a.kind == SDV_NULL || b.kind == SDV_NULL)
		{
			out->kind = SDV_NULL;
			return;
		}
		initStringInfo(&buf);
		sd_val_to_text(&a, &buf);
		sd_val_to_text(&b, &buf);
		out->kind = SDV_TEXT;
		out->text = buf.data;
		return;
	}
	if (a.kind == SDV_NULL || b.kind == SDV_NULL)
	{
		out->kind = SDV_NULL;
		return;
	}
	if (op >= OP_EQ)
	{
		int			c = compare(&a, &b, opname[op]);

		out->kind = SDV_BOOL;
		switch (op)
		{
			case OP_EQ:
				out->num = (c == 0);
				break;
			case OP_NE:
				out->num = (c != 0);
				break;
			case OP_LT:
				out->num = (c < 0);
				break;
			case OP_LE:
				out->num = (c <= 0);
				break;
			case OP_GT:
				out->num = (c > 0);
				break;
			default:
				out->num = (c >= 0);
				break;
		}
		return;
	}
	/* arithmetic */
	if (a.kind == SDV_NUM && b.kind == SDV_NUM)
	{
		out->kind = SDV_NUM;
		switch (op)
		{
			case OP_ADD:
				out->num = a.num + b.num;
				break;
			case OP_SUB:
				out->num = a.num - b.num;
				break;
			case OP_MUL:
				out->num = a.num * b.num;
				break;
			case OP_DIV:
			case OP_MOD:
				if (b.num == 0)
					ereport(ERROR,
							(errcode(ERRCODE_DIVISION_BY_ZERO),
							 errmsg("division by zero")));
				out->num = (op == OP_DIV) ? a.num / b.num : fmod(a.num, b.num);
				break;
			default:
				break;
		}
		return;
	}
	if (op == OP_ADD && ((a.kind == SDV_TIME && b.kind == SDV_INTERVAL) ||
						 (a.kind == SDV_INTERVAL && b.kind == SDV_TIME)))
	{
		out->kind = SDV_TIME;
		out->num = a.num + b.num;
		return;
	}
	if ((op == OP_ADD || op == OP_SUB) && a.kind == SDV_INTERVAL && b.kind == SDV_INTERVAL)
	{
		out->kind = SDV_INTERVAL;
		out->num = op == OP_ADD ? a.num + b.num : a.num - b.num;
		return;
	}
	if (op == OP_SUB && a.kind == SDV_TIME && b.kind == SDV_INTERVAL)
	{
		out->kind = SDV_TIME;
		out->num = a.num - b.num;
		return;
	}
	if (op == OP_SUB && a.kind == SDV_TIME && b.kind == SDV_TIME)
	{
		out->kind = SDV_INTERVAL;
		out->num = a.num - b.num;
		return;
	}
	if (op == OP_MUL && ((a.kind == SDV_INTERVAL && b.kind == SDV_NUM) ||
						 (a.kind == SDV_NUM && b.kind == SDV_INTERVAL)))
	{
		out->kind = SDV_INTERVAL;
		out->num = a.num * b.num;
		return;
	}
	if (op == OP_DIV && a.kind == SDV_INTERVAL && (b.kind == SDV_NUM || b.kind == SDV_INTERVAL))
	{
		if (b.num == 0)
			ereport(ERROR,
					(errcode(ERRCODE_DIVISION_BY_ZERO),
					 errmsg("division by zero")));
		/* interval / interval is a number (e.g. age in days: x / 1 day) */
		out->kind = b.kind == SDV_NUM ? SDV_INTERVAL : SDV_NUM;
		out->num = a.num / b.num;
		return;
	}
	type_error(opname[op], &a, &b);
}

/*
 * series('components' [, index [, key]]): step "index" (default: the row
 * index) of the series of the key (default: one series for all rows),
 * a pure function of (seed, components, key, index); a missing step is
 * NULL.
 */
static void
eval_series(const SdExpr *e, SdEvalCtx *ctx, SdVal *out)
{
	SdVal		a;
	double		index = (double) ctx->row;
	uint64		stream = e->series_stream;
	double		value;

	if (e->nargs > 1)
	{
		sd_rule_eval(e->args[1], ctx, &a);
		if (a.kind == SDV_NULL)
		{
			out->kind = SDV_NULL;
			return;
		}
		index = want_num(&a, "series()");
		if (!(index >= 0 && index <= 9007199254740992.0) || index != floor(index))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("series() index must be a non-negative integer"),
					 errdetail("The index is %g.", index),
					 errhint("Give the step number within the entity, e.g. seq(0) %% 100.")));
	}
	if (e->nargs > 2)
	{
		StringInfoData buf;

		sd_rule_eval(e->args[2], ctx, &a);
		if (a.kind == SDV_NULL)
		{
			out->kind = SDV_NULL;
			return;
		}
		initStringInfo(&buf);
		sd_val_to_text(&a, &buf);
		stream = sd_stream_child(stream, sd_stream_id(buf.data));
		pfree(buf.data);
	}
	if (sd_ts_value_at(e->series, ctx->seed, stream, (int64) index, &value))
	{
		out->kind = SDV_NUM;
		out->num = value;
	}
	else
		out->kind = SDV_NULL;
}

static void
eval_func(const SdExpr *e, SdEvalCtx *ctx, SdVal *out)
{
	SdVal		a;
	int			i;

	out->text = NULL;
	switch ((SdFunc) e->op)
	{
		case FN_LEAST:
		case FN_GREATEST:
		case FN_COALESCE:
			out->kind = SDV_NULL;
			for (i = 0; i < e->nargs; i++)
			{
				sd_rule_eval(e->args[i], ctx, &a);
				if (a.kind == SDV_NULL)
					continue;
				if (e->op == FN_COALESCE)
				{
					*out = a;
					return;
				}
				if (out->kind == SDV_NULL ||
					(e->op == FN_LEAST ? compare(&a, out, "least") < 0
					 : compare(&a, out, "greatest") > 0))
					*out = a;
			}
			return;
		default:
			break;
	}
	sd_rule_eval(e->args[0], ctx, &a);
	if (a.kind == SDV_NULL)
	{
		out->kind = SDV_NULL;
		return;
	}
	switch ((SdFunc) e->op)
	{
		case FN_ROUND:
			{
				double		d = 0,
							f;
				SdVal		dv;

				if (e->nargs > 1)
				{
					sd_rule_eval(e->args[1], ctx, &dv);
					d = want_num(&dv, "round()");
				}
				f = pow(10.0, rint(d));
				out->kind = SDV_NUM;
				out->num = rint(want_num(&a, "round()") * f) / f;
				return;
			}
		case FN_FLOOR:
			out->kind = SDV_NUM;
			out->num = floor(want_num(&a, "floor()"));
			return;
		case FN_CEIL:
			out->kind = SDV_NUM;
			out->num = ceil(want_num(&a, "ceil()"));
			return;
		case FN_ABS:
			if (a.kind == SDV_INTERVAL)
			{
				*out = a;
				out->num = fabs(a.num);
				return;
			}
			out->kind = SDV_NUM;
			out->num = fabs(want_num(&a, "abs()"));
			return;
		case FN_LOWER:
		case FN_UPPER:
			{
				StringInfoData buf;
				char	   *p;

				initStringInfo(&buf);
				sd_val_to_text(&a, &buf);
				for (p = buf.data; *p; p++)
					*p = e->op == FN_LOWER ? pg_ascii_tolower((unsigned char) *p)
						: pg_ascii_toupper((unsigned char) *p);
				out->kind = SDV_TEXT;
				out->text = buf.data;
				return;
			}
		case FN_LENGTH:
			{
				StringInfoData buf;

				initStringInfo(&buf);
				sd_val_to_text(&a, &buf);
				out->kind = SDV_NUM;
				out->num = pg_mbstrlen(buf.data);
				return;
			}
		default:
			break;
	}
	elog(ERROR, "unknown rule function %d", e->op);
}

void
sd_rule_eval(const SdExpr *e, SdEvalCtx *ctx, SdVal *out)
{
	int			i;

	check_stack_depth();
	out->text = NULL;
	switch (e->kind)
	{
		case SDE_CONST:
			*out = e->val;
			return;
		case SDE_COLUMN:
			*out = ctx->cols[e->column];
			return;
		case SDE_FAMILY:
			{
				const SdFamily *f = e->family;
				double		params[SD_FAMILY_MAX_PARAMS];
				const char *msg;

				for (i = 0; i < f->nparams; i++)
				{
					if (i < e->nargs)
					{
						SdVal		a;

						sd_rule_eval(e->args[i], ctx, &a);
						if (a.kind == SDV_NULL)
						{
							out->kind = SDV_NULL;
							return;
						}
						params[i] = want_num(&a, f->name);
					}
					else
						params[i] = f->param_defaults[i];
				}
				if ((msg = f->check(params)) != NULL)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("invalid parameters for %s(): %s", f->name, msg)));
				out->kind = SDV_NUM;
				out->num = f->draw(ctx->rng, params);
				return;
			}
		case SDE_FAKE:
			{
				int			locale = e->locale >= 0 ? e->locale : ctx->locale;
				SdFakeValueType t = sd_fake_kind_type(e->fake_kind);

				if (t == SD_FAKE_TYPE_TEXT)
				{
					StringInfoData buf;

					initStringInfo(&buf);
					sd_fake_generate(e->fake_kind, locale, ctx->seed, ctx->row,
									 ctx->rng, &buf);
					out->kind = SDV_TEXT;
					out->text = buf.data;
				}
				else
				{
					double		v = sd_fake_number(e->fake_kind, locale,
												   ctx->seed, ctx->row, ctx->rng);

					out->kind = t == SD_FAKE_TYPE_DATE ? SDV_TIME : SDV_NUM;
					out->num = t == SD_FAKE_TYPE_DATE ? v * SD_USECS_PER_DAY : v;
				}
				return;
			}
		case SDE_PATTERN:
			{
				StringInfoData buf;

				initStringInfo(&buf);
				sd_fake_pattern(e->pattern, ctx->rng, &buf);
				out->kind = SDV_TEXT;
				out->text = buf.data;
				return;
			}
		case SDE_CHOICE:
			{
				double		u = sd_rng_uniform(ctx->rng);

				for (i = 0; i < e->nargs - 1; i++)
					if (u < e->cumw[i])
						break;
				sd_rule_eval(e->args[i], ctx, out);
				return;
			}
		case SDE_SEQ:
			{
				double		start = 1,
							step = 1;
				SdVal		a;

				if (e->nargs > 0)
				{
					sd_rule_eval(e->args[0], ctx, &a);
					start = want_num(&a, "seq()");
				}
				if (e->nargs > 1)
				{
					sd_rule_eval(e->args[1], ctx, &a);
					step = want_num(&a, "seq()");
				}
				out->kind = SDV_NUM;
				out->num = start + step * (double) ctx->row;
				return;
			}
		case SDE_SERIES:
			eval_series(e, ctx, out);
			return;
		case SDE_FUNC:
			eval_func(e, ctx, out);
			return;
		case SDE_NEG:
			sd_rule_eval(e->args[0], ctx, out);
			if (out->kind == SDV_NUM || out->kind == SDV_INTERVAL)
				out->num = -out->num;
			else if (out->kind != SDV_NULL)
				type_error("unary -", out, NULL);
			return;
		case SDE_NOT:
			sd_rule_eval(e->args[0], ctx, out);
			if (out->kind == SDV_BOOL)
				out->num = !out->num;
			else if (out->kind != SDV_NULL)
				type_error("NOT", out, NULL);
			return;
		case SDE_UNIT:
			sd_rule_eval(e->args[0], ctx, out);
			if (out->kind == SDV_NULL)
				return;
			out->num = want_num(out, "a time unit") * e->unit;
			out->kind = SDV_INTERVAL;
			return;
		case SDE_BINOP:
			eval_binop(e, ctx, out);
			return;
		case SDE_CASE:
			{
				int			npairs = (e->nargs - (e->has_else ? 1 : 0)) / 2;

				for (i = 0; i < npairs; i++)
				{
					SdVal		c;

					sd_rule_eval(e->args[2 * i], ctx, &c);
					if (c.kind != SDV_BOOL && c.kind != SDV_NULL)
						ereport(ERROR,
								(errcode(ERRCODE_DATATYPE_MISMATCH),
								 errmsg("argument of WHEN must be boolean, not %s",
										sd_val_kind_name(c.kind))));
					if (truthy(&c))
					{
						sd_rule_eval(e->args[2 * i + 1], ctx, out);
						return;
					}
				}
				if (e->has_else)
					sd_rule_eval(e->args[e->nargs - 1], ctx, out);
				else
					out->kind = SDV_NULL;
				return;
			}
	}
	elog(ERROR, "unknown rule node %d", e->kind);
}
