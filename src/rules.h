/*-------------------------------------------------------------------------
 *
 * rules.h
 *		The rule language of synth_rows / synth_fill: parser and evaluator
 *		(engine: plain structs, no Datums, no executor).
 *
 * A rule is an expression that computes one column of a generated row:
 *
 *	expr	:= CASE WHEN expr THEN expr [WHEN ...] [ELSE expr] END
 *			 | expr OR expr | expr AND expr | NOT expr
 *			 | expr cmp expr			cmp: = <> != < <= > >=
 *			 | expr (+ | - | ||) expr | expr (* | / | %) expr | - expr
 *			 | primary [unit]			unit: seconds minutes hours days
 *											  weeks months years
 *	primary	:= number | 'text' | NULL | TRUE | FALSE
 *			 | DATE 'yyyy-mm-dd' | TIMESTAMP '...' | INTERVAL '...'
 *			 | column | "Quoted Column"
 *			 | family(args)				any sampling family: normal(50, 10)
 *			 | choice(v [: w], ...)		weighted choice
 *			 | fake('kind' [, 'locale']) | kind()	fake values: email()
 *			 | pattern('AA-9999')		A letter, 9 digit, ... (see fake.h)
 *			 | seq([start [, step]])	start + step * row index
 *			 | series('{json}' [, index [, key]])	a time series (timeseries.h)
 *			 | round(x [, d]) | floor(x) | ceil(x) | abs(x) | least(...)
 *			 | greatest(...) | coalesce(...) | lower(t) | upper(t)
 *			 | length(t) | ( expr )
 *
 * Values are numbers, booleans, text, timestamps (microseconds since
 * 2000-01-01, PostgreSQL's epoch) and intervals (microseconds); dates are
 * timestamps at midnight.  timestamp + interval is a timestamp,
 * timestamp - timestamp an interval, number * unit an interval.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/rules.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_RULES_H
#define SYNTHDATA_RULES_H

#include "lib/stringinfo.h"

#include "rng.h"

typedef enum SdValKind
{
	SDV_NULL = 0,
	SDV_NUM,					/* num */
	SDV_BOOL,					/* num: 0 or 1 */
	SDV_TEXT,					/* text (NUL-terminated) */
	SDV_TIME,					/* num: microseconds since 2000-01-01 */
	SDV_INTERVAL				/* num: microseconds */
} SdValKind;

typedef struct SdVal
{
	SdValKind	kind;
	double		num;
	char	   *text;
} SdVal;

#define SD_USECS_PER_DAY	86400000000.0

typedef struct SdExpr SdExpr;

/* where and why a rule failed to parse */
typedef struct SdRuleError
{
	int			pos;			/* 1-based character position, 0 = none */
	char		msg[256];		/* "expected \")\"", "unknown column \"x\"" */
} SdRuleError;

/*
 * What the parser needs from its caller: the column names (to resolve
 * references to indexes) and a converter for typed literals, which the
 * SQL-callable layer implements with the types' own input functions.
 */
typedef struct SdRuleEnv
{
	int			ncolumns;
	char	  **colnames;
	/* "date"/"timestamp"/"interval" + text -> value; false + msg on error */
	bool		(*typed_literal) (const char *type, const char *text,
								  SdVal *out, char *msg, int msglen);
} SdRuleEnv;

/* What a row's evaluation sees. */
typedef struct SdEvalCtx
{
	SdVal	   *cols;			/* values of the columns computed so far */
	SdRng	   *rng;			/* the column's stream, at its row */
	uint64		seed;			/* for fake values (person of the row) */
	uint64		row;			/* row index */
	int			locale;			/* default fake locale */
} SdEvalCtx;

/* Parse a rule; NULL and err filled on error.  Allocates in CurrentMemoryContext. */
extern SdExpr *sd_rule_parse(const char *text, const SdRuleEnv *env,
							 SdRuleError *err);

/* Columns referenced by a parsed rule: sets flags[c] = true. */
extern void sd_rule_deps(const SdExpr *e, bool *flags);

/* If e is pattern('...') or fake('kind'), its pattern / kind, else NULL / 0. */
extern const char *sd_rule_pattern(const SdExpr *e);
extern int	sd_rule_fake_kind(const SdExpr *e, int *locale);

/*
 * Evaluate for one row.  Text results are palloc'd in CurrentMemoryContext
 * (the caller's per-row context).  Type errors raise ERROR.
 */
extern void sd_rule_eval(const SdExpr *e, SdEvalCtx *ctx, SdVal *out);

/* Text form of a value (numbers without trailing zeros), appended to buf. */
extern void sd_val_to_text(const SdVal *v, StringInfo buf);

#endif							/* SYNTHDATA_RULES_H */
