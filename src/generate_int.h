/*-------------------------------------------------------------------------
 *
 * generate_int.h
 *		Private declarations of rule-constrained row generation: the plan,
 *		its column generators, foreign-key and unique-key groups, and the
 *		functions the generate*.c files share.
 *
 * Only the generate*.c files include this header.  The functions carry
 * the sdg_ prefix so that they cannot clash with symbols of the server or
 * of other modules.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/generate_int.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SD_GENERATE_INT_H
#define SD_GENERATE_INT_H

#include "nodes/execnodes.h"
#include "fmgr.h"
#include "nodes/pg_list.h"
#include "portability/instr_time.h"
#include "access/skey.h"
#include "utils/jsonb.h"
#include "utils/typcache.h"

#include "catalog.h"
#include "coltype.h"
#include "distributions.h"
#include "fake.h"
#include "keygen.h"
#include "regex_gen.h"
#include "rules.h"
#include "synthdata.h"

/* a row is drawn again at most this many times before we give up */
#define SD_MAX_ATTEMPTS		200
/* parent keys read per foreign key (a seeded reservoir beyond) */
#define SD_FK_MAX_KEYS		1000000
/* generated timestamps end here: 2025-01-01, days since 2000-01-01 */
#define SD_ANCHOR_DAYS		9132
#define SD_ANCHOR_USECS		((double) SD_ANCHOR_DAYS * SD_USECS_PER_DAY)
/* default window of generated dates and timestamps: five years */
#define SD_WINDOW_USECS		(5 * 365.25 * SD_USECS_PER_DAY)
/* a unique dimension of no natural bound (patterns, free text) */
#define SD_UNBOUNDED	(((uint64) 1) << 62)

/* ---------------------------------------------------------------------
 * Types
 * ---------------------------------------------------------------------
 */

/* what we know about a (base) type to build its values */
typedef struct TypeInfo
{
	Oid			typid;
	SdColType	ctype;			/* the class of typid: conversions switch on it */
	int32		typmod;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	char		category;
	FmgrInfo	infunc;
	Oid			ioparam;
	FmgrInfo	outfunc;
	int			maxlen;			/* varchar(n)/char(n)/bit(n): n; else -1 */
	int			precision;		/* numeric(p,s): p; -1 if none */
	int			scale;			/* numeric scale; timestamp/time precision */
	struct TypeInfo *elem;		/* array element type (a domain's base) */
	bool		elem_domain;	/* the element type is a domain */
	Oid			rngsubtype;		/* range subtype */
	/* enum labels, in sort order */
	int			nlabels;
	Datum	   *labels;			/* enum value Oids as Datums */
	char	  **labeltext;
	/* an array of a domain: the element domain's CHECKs, prepared */
	DomainConstraintRef *elemdom;
	ExprContext *elemecxt;
} TypeInfo;

typedef enum GenKind
{
	G_SKIP,						/* generated column: never produced */
	G_DEFAULT,					/* left to its DEFAULT */
	G_RULE,						/* the user's rule */
	G_FK,						/* member of a foreign-key group */
	G_UNIQUE,					/* member of a unique group */
	G_AUTO						/* inferred from name, type, CHECKs */
} GenKind;

typedef enum AutoKind
{
	A_INT, A_FLOAT, A_NUMERIC, A_BOOL, A_TEXT, A_DATE, A_TIMESTAMP, A_TIME,
	A_INTERVAL, A_UUID, A_JSON, A_BYTEA, A_INET, A_CIDR, A_MACADDR,
	A_ENUM, A_RANGE, A_ARRAY, A_MONEY, A_BIT, A_BUILTIN
} AutoKind;

typedef enum NameHint
{
	N_NONE, N_AMOUNT, N_QUANTITY, N_YEAR, N_PERCENT, N_UPDATED, N_DELETED,
	N_FLAG, N_DISCOUNT, N_SECRET, N_DURATION
} NameHint;

typedef enum Fanout
{
	FAN_UNIFORM, FAN_ZIPF, FAN_EACH,
	FAN_SKEW					/* the default: rank u^1.5 (generate_realism.c) */
} Fanout;

typedef struct ColGen
{
	int			col;			/* index into table->columns */
	GenKind		kind;
	TypeInfo	ti;
	char	   *rule_text;
	SdExpr	   *expr;
	double		null_frac;
	bool		null_given;		/* the rule set "null" */
	bool		vary_default;	/* DEFAULT as the mode (generate_realism.c) */
	bool		home_place;		/* country of the row's place */
	const char *const *labels;	/* LABEL of a known table: its list */
	int			nlabels;
	FeistelPerm labelperm;		/* row -> label, each once per round */
	SdVal		defsv;			/* vary_default: the default as a value */
	bool		unique_rule;	/* "unique": true */
	Fanout		fanout;
	double		fanout_param;
	bool		fanout_given;
	int			group;			/* FK or unique group index, or -1 */

	/* inferred generator */
	AutoKind	akind;
	int			fake_kind;
	NameHint	hint;
	double		lo,
				hi;				/* inclusive bounds (shaped by CHECKs) */
	bool		has_lo,
				has_hi;
	int			minlen;
	int			maxlen;			/* characters, -1 = none */
	int			nchoices;		/* IN list / enum labels */
	SdVal	   *choices;
	const char *pattern;		/* unique pattern('...') rule */
	struct SdRegex *regex;		/* text matching a CHECK's regex / LIKE */
	double		ustep;			/* unique numbers: step between values */
	int			after;			/* column this one must exceed, or -1 */
	bool		after_strict;

	/* evaluation */
	uint64		stream;
	SdRng		rng;
	SdRng		nullrng;
	Datum		defval;			/* G_DEFAULT in synth_rows */
	bool		defnull;
	ExprState  *defexpr;
	bool		*deps;			/* columns referenced (rules, shaping) */
} ColGen;

/* values of one dimension of a unique group */
typedef struct UDim
{
	int			col;			/* column, or -1 for an FK group */
	int			fk;				/* FK group of the dimension, or -1 */
	uint64		size;
} UDim;

typedef struct UniqueGroup
{
	SdUniqueKey *key;
	int			ndims;
	UDim	   *dims;
	uint64		domain;			/* product of the dimension sizes */
	FeistelPerm perm;
	bool		unpermuted;		/* a lone uuid: its shape permutes already */
	bool		probe;			/* the table had rows: probe the index */
	uint64		next_pos;		/* next permutation position (probing) */
	uint64		cur_pos;		/* the current row's position */
	List	   *leafindexes;	/* Oids of the leaf unique indexes */
	int			nkeycols;
	int		   *keycols;		/* the key's columns (all of them) */
} UniqueGroup;

typedef struct FkGroup
{
	SdForeignKey *fk;
	int			nkeys;			/* parent keys loaded */
	Datum	   *keys;			/* nkeys x fk->ncols, row-major */
	bool	   *keynulls;
	SdVal	   *keyvals;		/* same, as rule values */
	FeistelPerm perm;			/* zipf ranks -> parents */
	int			unique_group;	/* member dimension of, or -1 */
	int			gen;			/* ColGen carrying the fan-out */
} FkGroup;

/* per-row probes of expression and partial unique indexes (generate_probe.c) */
typedef struct SdProbes SdProbes;

typedef struct GenPlan
{
	SdTable    *t;
	uint64		seed;
	uint64		person_seed;	/* keys the fake person and place of a row */
	int64		start;
	int64		n;
	int			locale;
	ColGen	   *gens;			/* one per column */
	int		   *order;			/* columns in evaluation order */
	int			nfk;
	FkGroup    *fks;
	int			nunique;
	UniqueGroup *uniques;
	SdChecker  *checker;
	SdProbes   *probes;			/* keys probed row by row, or NULL */
	int			natts;
	Datum	   *values;			/* tuple layout */
	bool	   *nulls;
	SdVal	   *vals;			/* per column */
	bool	   *done;			/* per column, this attempt */
	int64		existing;		/* rows in the table at start */
	bool		prepared;
	MemoryContext rowcxt;
	TupleDesc	outdesc;
	int64		produced;
	instr_time	started;
	int			progress_pct;
	const char *what;			/* "synth_rows" or "synth_fill" */
} GenPlan;

/* error context while a rule is parsed or evaluated */
typedef struct RuleErrCtx
{
	const char *column;
	const char *rule;
} RuleErrCtx;

/* ---------------------------------------------------------------------
 * Functions shared between the generate*.c files
 * ---------------------------------------------------------------------
 */

/* generate_types.c */
extern bool sdg_name_has(const char *name, const char *word);
extern double sdg_pow10i(int e);
extern uint64 sdg_sat_mul(uint64 a, uint64 b);
extern void sdg_typeinfo_init(TypeInfo *ti, Oid typid, int32 typmod);
extern Datum sdg_text_to_datum(TypeInfo *ti, const char *s);
extern char *sdg_clip_chars(char *s, int n);
extern Datum sdg_val_to_datum(GenPlan *plan, int col, TypeInfo *ti, SdVal *v);
extern void sdg_datum_to_val(TypeInfo *ti, Datum d, SdVal *v);
extern bool sdg_typed_literal(const char *type, const char *text, SdVal *out, char *msg,
							  int msglen);

/* generate_rules.c */
extern void sdg_rule_error_callback(void *arg);
extern void sdg_bad_rule_shape(GenPlan *plan, int col, const char *what, const char *hint);
extern void sdg_read_rules(GenPlan *plan, Jsonb *rules);

/* generate_infer.c */
extern bool sdg_auto_kind_for(TypeInfo *ti, AutoKind *k);
extern void sdg_infer_auto(GenPlan *plan, ColGen *g);
extern double sdg_resolution(ColGen *g);
extern void sdg_shape_from_checks(GenPlan *plan);
extern void sdg_auto_value(GenPlan *plan, ColGen *g, TypeInfo *ti, SdRng *rng, uint64 row,
						   SdVal *out, Datum *direct, bool *has_direct);

/* generate_unique.c */
extern uint64 sdg_dim_natural_size(GenPlan *plan, ColGen *g, const char *pattern);
extern List *sdg_leaf_indexes(Oid indexoid);
extern bool sdg_key_exists(GenPlan *plan, UniqueGroup *ug);
extern void sdg_set_fk(GenPlan *plan, FkGroup *fg, int k);
extern void sdg_set_col(GenPlan *plan, int c, SdVal *v, Datum direct, bool has_direct);
extern void sdg_unique_advance(GenPlan *plan, UniqueGroup *ug, uint64 row);
extern void sdg_unique_row(GenPlan *plan, UniqueGroup *ug, uint64 row);

/* generate_builtin.c */
extern bool sdg_builtin_type(Oid typid);
extern void sdg_builtin_value(GenPlan *plan, TypeInfo *ti, SdRng *rng, uint64 row,
							  SdVal *out);
extern void sdg_mark_trigger_columns(GenPlan *plan);

/* generate_defaults.c */
extern void sdg_review_defaults(GenPlan *plan);
extern bool sdg_column_in_key(SdTable *t, int c);

/* generate_unique.c: a probe of one index under a dirty snapshot */
extern bool sdg_index_has_key(Relation hrel, Relation irel, ScanKey skeys, int nkeys);

/* generate_probe.c */
extern bool sdg_key_needs_probe(SdTable *t, SdUniqueKey *key);
extern int	sdg_expression_key_column(SdTable *t, SdUniqueKey *key);
extern SdProbes *sdg_probes_prepare(SdTable *t);
extern SdUniqueKey *sdg_probes_taken(SdProbes *p, Datum *values, bool *nulls, int natts,
									 Bitmapset **cols);
/* generate_realism.c */
extern void sdg_realism_defaults(GenPlan *plan);
extern void sdg_realism_hint(GenPlan *plan, ColGen *g);
extern void sdg_realism_finish(GenPlan *plan);
extern void sdg_realism_prepare(GenPlan *plan);
extern bool sdg_realism_number(GenPlan *plan, ColGen *g, SdRng *rng,
							   double *lo, double *hi, double *v);
extern bool sdg_realism_default_value(GenPlan *plan, ColGen *g, SdRng *rng,
									  SdVal *out, Datum *direct, bool *has_direct);
extern bool sdg_realism_text(GenPlan *plan, ColGen *g, SdRng *rng, uint64 row,
							 StringInfo buf);
extern int64 sdg_realism_skew(SdRng *rng, int64 nkeys);

/* generate_plan.c */
extern GenPlan *sdg_plan_build(Oid relid, Jsonb *rules, uint64 seed, int64 n, int64 start);
extern void sdg_plan_prepare(GenPlan *plan);

#endif							/* SD_GENERATE_INT_H */
