/*-------------------------------------------------------------------------
 *
 * evaluate.h
 *		The evaluation state shared by evaluate.c (reading the tables,
 *		the metrics, synth_evaluate) and report.c (synth_report,
 *		synth_compare).
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/evaluate.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_EVALUATE_H
#define SYNTHDATA_EVALUATE_H

#include "nodes/pg_list.h"
#include "utils/hsearch.h"
#include "utils/jsonb.h"

#include "fake.h"
#include "metrics.h"

/*
 * How a column is scored: the coarser view of coltype.h's class of its
 * type (kind_of_type in evaluate.c), or a key by its values.
 */
typedef enum EvalKind
{
	EK_NUMERIC,
	EK_DATETIME,
	EK_CATEGORICAL,
	EK_KEY
} EvalKind;

/*
 * What a column is (evaluate_roles.c).  The first three are modelled
 * columns: by default only they are scored (Column Shapes, Column Pair
 * Trends, Data Validity and the row metrics); the others are reported under
 * privacy (VerbatimShare).
 */
typedef enum EvalRole
{
	ER_CATEGORICAL,
	ER_NUMERIC,
	ER_TEMPORAL,
	ER_KEY,						/* the table's own key */
	ER_FOREIGN_KEY,
	ER_IDENTIFIER,				/* unique per row, not a declared key */
	ER_PERSONAL,				/* a personal datum of a fake kind */
	ER_FREE_TEXT,
	ER_DERIVED					/* generated or trigger-maintained (tsvector) */
} EvalRole;

#define ER_NROLES (ER_DERIVED + 1)

static inline bool
sd_eval_role_modelled(EvalRole r)
{
	return r == ER_CATEGORICAL || r == ER_NUMERIC || r == ER_TEMPORAL;
}

typedef struct EvalColumn
{
	char	   *name;
	EvalKind	kind;
	Oid			typid;			/* base type in the real table */
	AttrNumber	attnum;			/* in the real table */
	/* role (evaluate_roles.c) */
	EvalRole	role;
	SdFakeKind	fake_kind;		/* personal and free-text columns */
	const char *role_source;	/* "option", "synth_columns", "catalog"... */
	const char *role_reason;
	bool		role_given;		/* by option "roles" */
	int			external_role;	/* from synth_columns(), -1: none */
	SdFakeKind	external_kind;
	bool		scored;			/* in the quality and row metrics */
	int64		real_distinct;	/* -1: not counted */
	bool		idlike;			/* leak-checked */
	bool		money;			/* money in some table: read via numeric */
	/* dictionary (categorical and key columns) */
	HTAB	   *dict;
	char	  **labels;
	int			nlabels;
	int			labels_cap;
	/* real table summary */
	double		min;
	double		max;
	bool		has_range;
	int64		real_nonnull;
	int64		real_null;
	int64	   *real_counts;	/* categorical: real rows holding each label */
	/* privacy: the column's values are not shown (see sd_eval_run) */
	bool		hidden;
	const char *hidden_reason;	/* "key", "identifier", "personal data (email)"... */
} EvalColumn;

typedef struct EvalOptions
{
	List	   *ignore;			/* column names (char *) */
	Oid			holdout;
	bool		seed_given;
	int64		seed;
	int64		dcr_rows;
	int64		reference_rows;
	int64		max_rows;
	bool		pair_threshold;
	double		correlation_threshold;
	double		association_threshold;
	int64		max_pairs;		/* column pairs whose trends are computed */
	int			max_heatmap_columns;	/* columns of the report's heat maps */
	bool		show_values;	/* show real values of every column */
	int			k;				/* categories shown only when k real rows hold them */
	bool		score_all;		/* score every non-key column */
	List	   *score_columns;	/* score exactly these (char *), or NIL */
	List	   *role_columns;	/* option "roles": column names (char *) */
	List	   *role_values;	/* ... and their roles (int, EvalRole) */
	List	   *role_kinds;		/* ... and fake kinds (int, SdFakeKind) */
	Jsonb	   *sequence;		/* option "sequence" (evaluate_sequence.c), or NULL */
} EvalOptions;

typedef struct EvalRow
{
	const char *metric;
	const char *column;
	const char *other;
	double		score;			/* NaN: NULL */
	char	   *detail;			/* JSON text */
} EvalRow;

typedef struct EvalState
{
	MemoryContext cxt;
	EvalOptions opt;
	uint64		seed;
	Oid			relid[3];		/* real, synthetic, holdout */
	char	   *relname[3];
	int			ncols;
	EvalColumn *cols;
	SdTable		tab[3];
	bool		has_holdout;
	bool		sampled[3];
	List	   *rows;			/* EvalRow * */
	/* association matrices (ncols x ncols; NaN = none) */
	double	   *assoc_real;
	double	   *assoc_synth;
	double	   *pair_score;
	/* the columns whose pairs are compared (all non-key ones, or a sample) */
	bool	   *pair_col;
	int			npair_cols;
	int			neligible;		/* non-key columns */
	/* summaries */
	int			nscored;		/* columns in the quality and row metrics */
	double		shapes;
	double		trends;
	double		quality;
	double		seconds_read;
	double		seconds_metrics;
	double		seconds_privacy;
} EvalState;

#define T_REAL 0
#define T_SYNTH 1
#define T_HOLD 2

static inline bool
sd_eval_numeric_kind(EvalKind k)
{
	return k == EK_NUMERIC || k == EK_DATETIME;
}


/* a label of a categorical column may be shown: k real rows hold it */
static inline bool
sd_eval_label_shown(const EvalState *st, const EvalColumn *c, int code)
{
	return st->opt.show_values ||
		(!c->hidden && c->real_counts != NULL && code >= 0 && code < c->nlabels &&
		 c->real_counts[code] >= st->opt.k);
}

/* metric rows and their JSON details (evaluate.c) */
extern StringInfo sd_eval_detail(void);
extern void sd_eval_json_num(StringInfo buf, const char *key, double v);
extern void sd_eval_json_int(StringInfo buf, const char *key, int64 v);
extern void sd_eval_json_str(StringInfo buf, const char *key, const char *v);
extern int	sd_eval_dict_find(const EvalColumn *c, const char *s);
extern void sd_eval_add_row(EvalState *st, const char *metric, const char *column,
							const char *other, double score, StringInfo detail);

/* roles (evaluate_roles.c) */
extern const char *sd_eval_role_name(EvalRole r);
extern void sd_eval_parse_role_options(Jsonb *opts, EvalOptions *o);
extern int	sd_eval_role_option(const EvalOptions *o, const char *column, int *kind);
extern void sd_eval_external_roles(EvalState *st);
extern SdFakeKind sd_eval_personal_kind(const EvalColumn *c);
extern void sd_eval_assign_roles(EvalState *st);
extern void sd_eval_role_rows(EvalState *st);
extern void sd_eval_verbatim(EvalState *st);
extern void sd_eval_sequence(EvalState *st, Jsonb *opt);
extern bool sd_eval_fresh_keys(EvalState *st, int j);

/*
 * Checks the arguments and options and resolves the columns; only_column
 * restricts the evaluation to one column (synth_compare).
 */
extern void sd_eval_setup(EvalState *st, Oid real, Oid synth, Jsonb *opts,
						  const char *only_column);

/* reads the tables (through SPI) */
extern void sd_eval_read(EvalState *st);

/* reads the tables and computes every metric row */
extern void sd_eval_run(EvalState *st);

/* the style sheet of synth_report (report.c), shared by synth_report_schema */
extern const char *sd_report_css(void);
/* report.c: HTML text escaped (NULL: nothing), a score's class and its text */
extern void sd_report_escape(StringInfo buf, const char *s);
extern const char *sd_report_score_class(double v);
extern void sd_report_append_score(StringInfo buf, double v);

#endif							/* SYNTHDATA_EVALUATE_H */
