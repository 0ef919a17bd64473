/*-------------------------------------------------------------------------
 *
 * clone_int.h
 *		Private declarations of fitted cloning, shared by its files:
 *		value kinds, the model structs, and the cross-file prototypes.
 *
 * Only the files of fitted cloning (clone.c, model_json.c, ...) include
 * this header; the public interface stays in clone.h and model.h.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/clone_int.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_CLONE_INT_H
#define SYNTHDATA_CLONE_INT_H

#include "postgres.h"

#include <math.h>

#include "access/detoast.h"
#include "access/heapam.h"
#include "access/heaptoast.h"
#include "access/htup_details.h"
#include "access/parallel.h"
#include "access/relation.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_index.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/cost.h"
#include "optimizer/plancat.h"
#include "parser/parse_type.h"
#include "port/atomics.h"
#include "portability/instr_time.h"
#include "storage/shm_mq.h"
#include "storage/shm_toc.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgroids.h"
#include "utils/formatting.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#if PG_VERSION_NUM >= 140000
#include "utils/multirangetypes.h"
#endif
#include "utils/numeric.h"
#include "utils/rangetypes.h"
#include "utils/regproc.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
#include "utils/typcache.h"
#include "utils/uuid.h"

#include "catalog.h"
#include "clone.h"
#include "coltype.h"
#include "distributions.h"
#include "fake.h"
#include "keygen.h"
#include "model.h"
#include "options.h"
#include "roles.h"
#include "synthdata.h"
#include "text_model.h"
#include "derived.h"
#include "image.h"

#define MODEL_VERSION 1
#define GRID_POINTS 257			/* quantile grid of a continuous marginal */
#define LEN_POINTS 17			/* quantile grid of a text length */
#define SHAPE_MAX 64			/* characters of a text shape */
#define NUM_CATEGORY_MAX 20		/* numerics with at most this many values are categories */
#define COPULA_CATEGORY_MAX 64	/* categories of one copula dimension */
#define FIXED_SCALE 16777216.0	/* 2^24: fixed-point unit of a normal score */
#define MAX_REDRAWS 100
#define FIT_ARGS 2				/* the fit's transition function: state, config,
								 * then the columns */
#define FIT_COLUMNS_MAX (FUNC_MAX_ARGS - FIT_ARGS)	/* more: one record */
#define GUARD_LAG 16			/* rows between drawing a row and its guard test */
#define HIST_SAMPLE_COLUMNS 16	/* columns hist_from_sample collects at once */
#define HIST_BATCH 4096			/* values a fit state holds before histogramming */
#define DEPENDENCE_SAMPLE_ROWS 32768	/* rows a one-scan fit keeps for the copula */
/* distinct foreign-key values counted exactly by the scan: 2 x this */
#define CHILDREN_EXACT_MAX 8192
#define DEPENDENCE_SAMPLE_BYTES (16 * 1024 * 1024)	/* ... and their bytes at most */
#define ROW_KEY_ITEM 9			/* bytes of one value in a guard row key */
#define ROW_KEY_BYTES(ncols) (ROW_KEY_ITEM * (ncols) + 1)
#define U_BINS 32				/* bins of F(x) per category: conditional marginals */
#define U_SCALE 1073741824.0	/* 2^30: fixed-point unit of F(x) */
#define PARENT_CATEGORY_MAX 16	/* categories of a conditioning parent */
#define ETA2_MIN 0.3			/* correlation ratio that makes a parent */
#define SLICE_V_MIN 0.4			/* ... or association with the slices of F(x) */
#define NULL_V_MIN 0.5			/* Cramer's V that makes a parent of NULL-ness */
#define CAT_U_MIN 0.5			/* uncertainty coefficient that makes a category parent */
#define MULTIRANGE_RANGES_MAX 1000	/* ranges of one drawn multirange */
#define POLYCHORIC_CATEGORY_MAX 16	/* categories a latent correlation estimate
									 * sees per side (adjacent ones merged) */

/* ---------------------------------------------------------------------
 * Value kinds: how a column's values become numbers or strings
 * ---------------------------------------------------------------------
 */

/*
 * Cloning's view of coltype.h's one classification: the same values under
 * the short names the clone code uses.
 */
typedef SdColType ValueKind;

#define VK_INT2			SD_COL_INT2
#define VK_INT4			SD_COL_INT4
#define VK_INT8			SD_COL_INT8
#define VK_FLOAT4		SD_COL_FLOAT4
#define VK_FLOAT8		SD_COL_FLOAT8
#define VK_NUMERIC		SD_COL_NUMERIC
#define VK_DATE			SD_COL_DATE
#define VK_TIME			SD_COL_TIME
#define VK_TIMESTAMP	SD_COL_TIMESTAMP
#define VK_TIMESTAMPTZ	SD_COL_TIMESTAMPTZ
#define VK_INTERVAL		SD_COL_INTERVAL
#define VK_BOOL			SD_COL_BOOL
#define VK_STRING		SD_COL_STRING	/* text, varchar, char: bytes as stored */
#define VK_UUID			SD_COL_UUID /* through its text form */
#define VK_OTHER		SD_COL_OTHER	/* any other type, through its text form */
#define VK_TIMETZ		SD_COL_TIMETZ	/* its local time; the model keeps one zone */
#define VK_MONEY		SD_COL_MONEY	/* its amount in currency units, a number */

static const char *const value_class[] = {
	"number", "number", "number", "number", "number", "number",
	"date", "time", "timestamp", "timestamptz", "interval", "boolean",
	"text", "uuid", "text", "timetz", "number"
};


/* ---------------------------------------------------------------------
 * The model
 * ---------------------------------------------------------------------
 */

typedef enum Role
{
	ROLE_ATTRIBUTE,
	ROLE_KEY,
	ROLE_IDENTIFIER,
	ROLE_PII
} Role;

static const char *const role_name[] = {"attribute", "key", "identifier", "pii", NULL};

typedef enum MargKind
{
	MK_CONTINUOUS,
	MK_CATEGORICAL,
	MK_FORMAT,					/* character shapes and lengths */
	MK_SEQUENCE,				/* row number: keys and integer identifiers */
	MK_UUID,					/* keyed bijection of the row number */
	MK_CONSTANT,				/* the type's empty value (not modelled) */
	MK_NULL,					/* always NULL */
	MK_ARRAY,					/* element categories and array lengths */
	MK_DOCUMENT,				/* json(b) objects: key sets and fields */
	MK_RANGE,					/* lower bounds, widths, empty and infinite shares */
	MK_TEXT,					/* free text: word n-grams (text_model.c) */
	MK_DERIVED,					/* computed from the row (derived.c) */
	MK_IMAGE,					/* procedural PNGs (image.c) */
	MK_XML						/* xml documents of an element shape (derived.c) */
} MargKind;

static const char *const kind_name[] = {
	"continuous", "categorical", "format", "sequence", "uuid", "constant", "null",
	"array", "document", "range", "text", "derived", "image", "xml"
};

/* a field of a document model: how the values of one top-level key are drawn */
typedef enum FieldKind
{
	FK_JSON,					/* categories: JSON texts seen in k rows */
	FK_NUMBERS,					/* a quantile grid */
	FK_WORDS,					/* strings of words of the strings' lengths */
	FK_NULL						/* JSON null */
} FieldKind;

static const char *const field_kind_name[] = {"json", "numbers", "words", "null"};

#define DOC_KEYS_MAX 128		/* distinct top-level keys a document model tracks */
#define DOC_SET_KEYS_MAX 100	/* keys of one object a key set holds */
#define DOC_POINTS 33			/* quantile grid of a numeric field */

/*
 * Bounds of what a model may ask one drawn value, and one row, to take:
 * the fit clips its length quantiles at the first two, and model_from_jsonb
 * refuses a model beyond any of them.
 */
#define MODEL_LENGTH_MAX (64.0 * 1024 * 1024)	/* bytes of a text or bytea value */
#define MODEL_ARRAY_MAX (1024.0 * 1024)	/* elements of an array */
#define MODEL_ROW_BYTES_MAX (256.0 * 1024 * 1024)	/* fill_row_bytes of a row */

typedef struct ModelField
{
	char	   *key;
	FieldKind	kind;
	bool		integer;		/* FK_NUMBERS */
	int			scale;			/* FK_NUMBERS: decimal places, -1 = any */
	double		grid[DOC_POINTS];	/* FK_NUMBERS */
	int			ncat;			/* FK_JSON */
	struct ModelCat *cats;
	double		lenq[LEN_POINTS];	/* FK_WORDS */
} ModelField;

typedef struct ModelDocSet
{
	int			nkeys;
	int		   *keys;			/* field indexes, in key order */
	double		p;
} ModelDocSet;

typedef struct ModelCat
{
	char	   *label;			/* text categories */
	int			len;
	double		value;			/* numeric categories */
	int64		count;
	double		p;
} ModelCat;

typedef struct ModelShape
{
	char	   *shape;
	int			len;
	double		p;
} ModelShape;

typedef struct ModelCol
{
	char	   *name;
	char	   *type;
	ValueKind	vk;				/* of the source column */
	bool		notnull;
	Role		role;
	char	   *pii_kind;
	char	   *reason;
	MargKind	kind;
	bool		role_forced;
	bool		key_member;		/* a later column of a composite key */
	int64		count;
	int64		nulls;
	double		null_fraction;
	/* continuous */
	double	   *grid;
	double	   *score_grid;		/* unclipped, for normal scores (fitting only) */
	bool		integer;
	int			scale;			/* -1 = no rounding */
	double	   *dscale_joint;	/* numeric: shares of (decimals, display
								 * scale), SD_DSCALE_CELLS, or NULL */
	double	   *dscale_cum;		/* ... per decimals, then over all: the
								 * cumulative shares (display_scales_cumulate) */
	int			natoms;
	SdAtom	   *atoms;
	bool		binary;			/* format: a bytea column, random bytes */
	int32		zone;			/* timetz: the zone of its values (the commonest) */
	/* range: on the subtype's scale (integer and scale as for continuous) */
	double		empty_fraction;
	double		lower_inf_fraction;
	double		upper_inf_fraction;
	bool		lower_inc;
	bool		upper_inc;
	double		lowq[DOC_POINTS];	/* finite lower bounds */
	double		uppq[DOC_POINTS];	/* finite upper bounds (of a lower-unbounded range) */
	double		widthq[DOC_POINTS];	/* upper - lower, both finite */
	bool		multirange;		/* a multirange: that many ranges of this model */
	double		nrangeq[LEN_POINTS];	/* multirange: its number of ranges */
	/* document */
	int			nfields;
	ModelField *fields;
	int			ndocsets;
	ModelDocSet *docsets;
	/* categorical */
	int			ncat;
	ModelCat   *cats;
	bool		numeric_cats;
	bool		pc_order;
	double		suppressed;
	/* conditional marginal: F(x | parent category) on the scale of F(x) */
	int			parent;			/* model column, or -1 */
	double		eta2;
	double		slice_v;		/* its bias-corrected Cramer's V over the slices (0: not computed) */
	double	   *cond;			/* parent categories x U_BINS x (share, mean, sd) */
	/* conditional NULL-ness: P(NULL | parent category) */
	int			null_parent;	/* model column, or -1 */
	double		null_v;			/* Cramer's V of NULL-ness and the parent */
	double	   *null_cond;		/* per parent category */
	/* conditional categories: P(category | parent category) */
	int			cat_parent;		/* model column, or -1 */
	double		cat_u;			/* uncertainty coefficient U(this | parent) */
	double	   *cat_cond;		/* parent categories x categories, rows sum to 1 or 0 */
	/* format */
	int			nshapes;
	ModelShape *shapes;
	double		lenq[LEN_POINTS];
	double		shape_cover;	/* fit only: share of the values the shapes hold */
	/* text (with lenq) */
	struct TextModel *text;
	/* derived */
	struct DerivedSpec *derived;
	/* image */
	struct ImageModel *image;
	/* xml */
	struct XmlModel *xml;
	/* constant */
	char	   *constant;
	/* temporal: grain, hour and weekday shares (clone_time.c), or NULL */
	struct SdTimeModel *time;
	/* copula */
	int			null_dim;
	int			value_dim;
	struct ColSemantics *sem;	/* roles.h: catalog and fit semantics, or NULL */
	/* fitting only */
	int			rare_values;	/* a country: its values held by fewer than k rows */
	int			attidx;
	Oid			typoutput;
	int32		typmod;
} ModelCol;

/* keys issued in time order (key_order.c): the time that rises with the key */
typedef struct ModelKeyOrder
{
	int			key;			/* model column: the table's own integer key */
	int			col;			/* model column: the time its order follows */
	double		rho;			/* their rank correlation in the source's sample */
} ModelKeyOrder;

typedef struct Model
{
	char	   *schema;
	char	   *table;
	int64		rows;
	int			k;
	int			category_cap;
	double		sample_percent; /* 0 = whole table */
	int			ncols;
	ModelCol   *cols;
	int64		copula_rows;	/* rows the correlations were estimated from */
	int			ndims;
	double	   *corr;
	/* a differentially private model: its "privacy" object (JSON), or NULL */
	char	   *privacy;
	/* dependence by a tree of 2-way marginals (dp_mst.c), or NULL */
	struct SdMst *mst;
	/* orderings and dependencies between columns (clone_constraints.c), or NULL */
	struct SdConstraints *cons;
	struct ModelPersonal *personal; /* roles.h: the row's person, or NULL */
	struct ModelCondition *condition;	/* roles_condition.c: parents' columns
										 * the rows follow, or NULL */
	struct SdSeqModel *seq;		/* a sequential table's dynamics, or NULL */
	ModelKeyOrder *key_order;	/* a time that rises with the key, or NULL */
	/* the exact-copy guard built along with the fit (never serialised) */
	uint8	   *guard;
	uint64		guard_bits;
	bool	   *guard_example_free; /* ... and per column, true if the guard
									 * counted its values at an example domain
									 * and found none (NULL: none counted) */
	bool	   *guard_restrict; /* ... and per column, true if the guard holds
								 * only the rows whose value of it is NULL or at
								 * an example domain (NULL: none) */
} Model;

typedef struct FitOptions
{
	int			k;
	int			category_cap;
	double		sample_percent;
	bool		guard;
	bool		copula;
	bool		orderings;		/* model b >= a as a gap */
	bool		dependencies;	/* categories determined by another column */
	bool		time_grain;		/* grain, hour and weekday shares of time */
	bool		key_order;		/* a time that rises with the key (key_order.c) */
	Jsonb	   *columns;		/* per-column overrides, or NULL */
	Jsonb	   *sequence;		/* option "sequence", or NULL: detect */
} FitOptions;

/* ---------------------------------------------------------------------
 * Sampling
 * ---------------------------------------------------------------------
 */

typedef struct TargetCol
{
	int			mcol;			/* model column, or -1: always NULL */
	ValueKind	vk;
	Oid			typid;
	int32		typmod;
	Oid			typoutput;
	Oid			typioparam;
	FmgrInfo	inflinfo;
	int			maxlen;			/* characters of varchar(n)/char(n), or -1 */
	Datum	   *cat_datums;
	double	   *cat_cum;		/* cumulative probabilities */
	double	   *shape_cum;
	Datum		constant;		/* MK_CONSTANT, or the default of from_default */
	bool		from_default;	/* NOT NULL, modelled NULL: the column's default */
	double		null_tau;		/* NULL when the null dimension exceeds this */
	bool		text_filled;	/* a text: the row's drew a placeholder's fill */
	double	   *place_tau;		/* a place column: null_tau per the row's
								 * country category (its NULL share where it
								 * has no null dimension), or NULL */
	SdRng		rng;			/* per-column stream: formats, identifiers */
	bool		uses_rng;		/* draw_row may draw from rng */
	bool		binary;			/* a bytea format column: random bytes */
	struct TargetCol *sub;		/* a range column: its subtype */
	int32		zone;			/* a timetz column: the model's zone */
	double	   *set_cum;		/* a document column: key sets, */
	double	  **field_cum;		/* ... and each field's categories */
	Oid			elemtype;		/* an array column: its element type, */
	int16		elmlen;			/* ... and how its elements are stored */
	bool		elmbyval;
	char		elmalign;
	SdFakeKind	fake;			/* PII generated by the fake generators */
	bool		personal;		/* ... through roles_personal_value */
	struct FkParents *fk;		/* a foreign key: the parent's keys, or NULL */
	uint64		uuid_key;
} TargetCol;

extern bool sampler_quiet;	/* no NOTICEs from sampler_create */
extern bool sampler_column_default(Oid relid, AttrNumber attnum, Datum *value);

typedef struct Sampler
{
	Model	   *m;
	const char *relname;
	int			natts;
	TargetCol  *tc;
	int		   *guard_att;		/* model column order -> target attribute */
	int			nguard;
	bool	   *guard_informative;	/* per guarded column: not a category, a
									 * small domain, a constant nor NULL */
	double	   *guard_domain;	/* ... its values if a category or small
								 * domain (1 in a schema clone), else 1 */
	double	   *guard_nullfrac; /* ... its NULL fraction */
	int		   *guard_example_att;	/* target attributes of fake emails and
									 * domains no source value of which is at
									 * an example domain (sampler_use_guard) */
	int			nguard_example;
	int		   *guard_restrict_att; /* target attributes of the columns the
									 * guard is restricted by (guard_restricts) */
	int			nguard_restrict;
	double	   *L;
	double	   *Lp;				/* L by pairs of rows: L[2p + k][j] at
								 * Lp[(p * D + j) * 2 + k], zero above the
								 * diagonal and past the last row */
	double	   *e;
	double	   *z;
	bool		guard_fills_only;	/* the guard tests only the rows whose
									 * texts drew a fill (guard_columns) */
	uint64		seed;
	uint64		fake_seed;		/* the seed of the row's fake persons and
								 * places: seed, and another on each of a
								 * row's redraws, so that a redraw the
								 * exact-copy guard asks for is another
								 * person, yet one in all its columns */
	int			attempt;		/* the draw of its row being made: 0 the
								 * first, then each redraw's number (a
								 * guard's later test of a row repeats its
								 * draws from 0, whatever was drawn since) */
	SdRng		rng;
	SdRng	  **row_rngs;		/* the generators whose first block of a row
								 * is computed at its start (sd_rng_fill) */
	int			nrow_rngs;
	uint8	   *bloom;
	uint64		bloom_bits;
	StringInfoData keybuf;
	StringInfoData strbuf;
	SdTable    *table;			/* the target table, if it is one */
	SdChecker  *checker;		/* its CHECK constraints, or NULL */
	int			failed_check;	/* index of the last CHECK that failed */
	double	  **mcat_cum;		/* per model column: cumulative category shares */
	double	  **mcat_z;			/* ... the same boundaries on the latent scale */
	double	  **mnull_z;		/* per model column: NULL thresholds per parent
								 * category (conditional NULL-ness) */
	double	   *mnull_tau;		/* per model column: NULL when z exceeds this */
	double	  **mcond_cdf;		/* per conditional marginal: COND_Z_POINTS values
								 * of its latent's CDF per parent category */
	int64		redraws;
	struct SdConsSampler *cons; /* orderings, dependencies, grain, CHECK
								 * bounds (clone_constraints.c), or NULL */
	struct RolesRow *roles;		/* roles_sample.c: the last row's person (row_person) */
	struct CondSampler *pcond;	/* roles_condition.c: the latent row follows
								 * its parents' columns, or NULL */
	struct DerivedPlan *derived;	/* derived columns of the target, or NULL */
	struct GeneratedPlan *generated;	/* its stored generated columns, or NULL */
	bool		fk_groups;		/* composite foreign keys: draw fk_salt per row */
	bool		copies;			/* columns copy their parent's (schema clone) */
	uint64		fk_salt;		/* ... which every column of one key shares */
	int			country_fk;		/* the target column whose parent gives the row's
								 * country (ModelPersonal.country_parent), or -1 */
	int			country_col;	/* a country column outside the copula, or -1: */
	double		country_u;		/* ... its uniform of the row, which the row's
								 * place reads too */
	TupleDesc	tupdesc;		/* the target's row type */
	struct SdSeqState *seq;		/* draws rows as sequences, or NULL */
	double	   *seq_x;			/* ... per dimension: the value it drew on
								 * the column's scale (NaN: the latent's) */
	struct KeyOrderSampler *korder; /* key_order.c: the time follows the
									 * row's rank, or NULL */
} Sampler;

/* ---------------------------------------------------------------------
 * Fit configuration: what the aggregate computes, passed as bytea
 * ---------------------------------------------------------------------
 */

typedef enum DimMode
{
	DM_NONE,
	DM_CONTINUOUS,
	DM_DISCRETE_NUM,
	DM_DISCRETE_TEXT
} DimMode;

typedef struct ColConfig
{
	int			attidx;			/* 0-based position in the row, or argument */
	Oid			typid;			/* the column's type */
	const char *name;			/* the column's name (not serialised) */
	ValueKind	vk;
	Oid			typoutput;
	bool		in_guard;		/* part of the exact-copy row hash */
	bool		guard_restrict; /* ... and a fake email's: the guard holds only
								 * the rows whose value is NULL or at an example
								 * domain (guard_restricts) */
	bool		in_priority;	/* a key column: part of the sampling priority */
	bool		count_only;		/* pass 1 only counts its NULLs (a generated key) */
	bool		count_distinct;	/* pass 1 keeps its distinct-count sketch */
	bool		count_children; /* pass 1 counts each value's rows exactly (a
								 * foreign key's children per parent) */
	/* pass 2 */
	int			null_dim;		/* -1 if none */
	int			value_dim;		/* -1 if none */
	DimMode		mode;
	double	   *grid;			/* GRID_POINTS, DM_CONTINUOUS */
	int			ncat;			/* DM_DISCRETE_* */
	SdFreq		catmap;			/* key -> category index + 1 */
} ColConfig;

typedef enum FitPass
{
	PASS_MARGINALS = 1,			/* the scan (and the dependence sample) */
	PASS_DEPENDENCE = 2,		/* the copula's sums, replayed over the sample */
	PASS_GUARD = 3				/* a scan for a guard larger than estimated */
} FitPass;

typedef struct FitConfig
{
	int			pass;
	int			ncols;
	int			freq_cap;
	uint64		bloom_bits;		/* the exact-copy guard, in any pass; 0 = none */
	int32		sample_max;		/* PASS_MARGINALS: rows kept for the dependence */
	int64		sample_budget;	/* ... and their bytes at most */
	uint64		sample_cut;		/* ... and priorities below it only (0: any) */
	bool		whole_row;		/* rows come as one record, not as columns */
	bool		restricted;		/* a column's guard_restrict is set (set on
								 * reading the configuration: a state's is
								 * always read from its bytes) */
	ColConfig  *cols;
	/* pass 2 layout */
	int			ndims;
	int		   *dim_ncat;		/* 0 = continuous */
	int64	   *offset;			/* ndims x ndims cell offsets, -1 = none */
	int64		ncells;
} FitConfig;

/*
 * The display scales of numeric values a model tells apart (0 .. 15), by
 * the decimals the value needs (decimal_scale: 0 .. 7)
 */
#define SD_DSCALE_SLOTS 16
#define SD_VSCALE_SLOTS 8
#define SD_DSCALE_CELLS (SD_VSCALE_SLOTS * SD_DSCALE_SLOTS)

typedef struct ColState
{
	int64		nulls;
	int64		count;			/* non-NULL values */
	SdHist	   *hist;			/* numbers */
	SdHist	   *loghist;		/* the same on the scale sign(x) log(1 + |x|) */
	bool		all_integer;
	int			max_scale;
	int64		dscale[SD_DSCALE_CELLS];	/* numeric: values per (decimals,
											 * display scale) */
	SdFreq		freq;
	SdHll		hll;
	SdFreq		shapes;			/* strings */
	/*
	 * The shape last added to shapes, and how many rows since repeated it
	 * (added at the next other shape or flush: the same counts, one hash
	 * table lookup per run of a shape instead of per row)
	 */
	char		shape_last[SHAPE_MAX];
	int			shape_last_len;
	int64		shape_run;
	SdHist	   *lengths;		/* strings: lengths in bytes (bytea: of the
								 * value, not of its text form) */
	bool		binary;			/* a bytea column */
	/*
	 * count_children: the rows of each value, exact while the values are at
	 * most 2 * CHILDREN_EXACT_MAX (else decremented is non-zero); numbers
	 * by their float8 form, so only while each is below 2^53 in magnitude
	 */
	SdFreq	   *children;
	/* an array column, from the dependence sample (arrays_from_sample) */
	SdFreq	   *elem_occ;		/* element -> occurrences */
	SdFreq	   *elem_rows;		/* element -> rows holding it */
	SdHist	   *arrlen;			/* array lengths */
	int64		arr_rows;		/* non-NULL arrays */
	int64		elem_total;		/* non-NULL elements */
	struct DocStats *doc;		/* a json(b) column, from the dependence sample */
	struct RangeStats *range;	/* a range column, from the dependence sample */
	/*
	 * Lazy: while the column has at most 2 * cap distinct values, its
	 * category counts are exact, and the per-value summaries (histograms,
	 * integer-ness and scale of numbers; shapes and lengths of strings;
	 * the distinct-count sketch) are made from them once, with counts, by
	 * col_state_materialise: a low-cardinality column costs one hash
	 * look-up per row.
	 */
	bool		lazy;
	/* values not yet in hist (numbers) or lengths (strings) */
	int			npending;
	double		pending[HIST_BATCH];
} ColState;

extern int64 fit_children_counts(const ColState *cs, int64 **counts, Datum **keys,
								 bool *numbers);

/* a slot of the index of sample items by priority */
typedef struct SampleSlot
{
	uint64		prio;
	int32		item;			/* -1: empty */
} SampleSlot;

/* a row of a one-scan fit's dependence sample */
typedef struct SampleItem
{
	uint64		prio;
	int64		off;			/* where its record starts in the arena */
	int64		weight;			/* rows with this record (equal rows are one item) */
	uint32		len;
} SampleItem;

typedef struct FitOrders FitOrders;	/* fit_orders.c */

typedef struct FitState
{
	FitConfig  *cfg;
	bytea	   *cfg_raw;		/* as received, to put in front of a serialised state */
	int64		rows;
	ColState   *cols;			/* pass 1 */
	FitOrders  *orders;			/* pass 1: ordered pairs of columns */
	int128	   *cells;			/* pass 2 */
	uint8	   *bloom;			/* the exact-copy guard: its filter, or NULL
								 * while its keys are few (gkeys) */
	uint64	   *gkeys;			/* ... the guarded rows' hash pairs (h1, h2),
								 * until they would take a quarter of the
								 * filter's bytes (fit_state_bloom) */
	int64		ngkeys;
	int64		gkeys_size;		/* pairs gkeys has room for */
	int64	   *at_example;		/* ... and per guarded text column, its values
								 * at an example domain (sd_fake_at_example_domain) */
	bool		bloom_pending;	/* a row's hashes wait for their block */
	uint64		pending_h1;
	uint64		pending_h2;
	/* PASS_MARGINALS with sample_max > 0: the dependence sample */
	int			nsample;
	int64		sample_bytes;	/* of the records of the sample's items */
	uint64		sample_tau;		/* priorities >= tau are out */
	SampleItem *sample;			/* candidates, up to 2 * sample_max */
	/*
	 * Without a key, equal rows are found by their priority (a hash of all
	 * the values), in a table of 4 * sample_max slots (a power of 2) with
	 * open addressing; NULL with a key, whose rows are not merged.
	 */
	SampleSlot *sample_slots;
	int			sample_mask;	/* slots - 1 */
	char	   *arena;			/* their records, MAXALIGNed */
	int64		arena_used;
	int64		arena_size;
	StringInfoData prio_buf;	/* key_priority's scratch */
	bool		prio_is_guard;	/* the priority is the guard key's h1 (same columns) */
	bool		key_inline;		/* pass 1 hashes the guard key (for guard or priority) */
	uint64		row_h1;			/* ... and leaves its h1 here */
	TupleDesc	sample_desc;	/* the columns, as a sampled row holds them */
	/*
	 * The sample's rows deformed once for the passes over it after the scan
	 * (sample_for_each), while arena and nsample are those they were made
	 * from: natts values per row, pointing into the arena
	 */
	Datum	   *deformed_values;
	bool	   *deformed_isnull;
	int64	   *deformed_off;	/* the items' records they are of, in order */
	char	   *deformed_arena;
	int			deformed_n;
	/* the row type, and per-row scratch */
	Oid			rowtype;
	int32		rowtypmod;
	TupleDesc	tupdesc;
	Datum	   *values;
	bool	   *isnull;
	MemoryContext rowcxt;
	MemoryContext own_cxt;		/* a deserialized partial state's own context,
								 * which _synth_fit_combine deletes once merged,
								 * or NULL */
	int		   *dim_cat;
	int		   *dim_ubin;
	int64	   *dim_ufix;
	int64	   *dim_fix;
	bool	   *dim_present;
	StringInfoData rowbuf;
} FitState;

/* a fit in progress: where its passes run, and as what */
typedef struct FitContext
{
	Oid			func_nsp;		/* schema of the extension's functions */
	Oid			relid;
	char	   *qualified;		/* quoted schema.table */
	FitOptions	opts;
	Jsonb	   *options;		/* as given (forwarded to shards' servers) */
	MemoryContext cxt;
	/* per model column, its values' exact counts, or NULL (text_model.c) */
	struct TextCounts **text_counts;
	double	   *text_distinct;	/* per column: distinct values, estimated */
} FitContext;

/* a document column's tally from the dependence sample (fit_sample.c, marginal.c) */
typedef struct DocFieldStats
{
	char	   *key;
	int64		rows;			/* objects holding the key */
	int64		numbers;
	int64		strings;
	bool		all_integer;
	int			max_scale;		/* decimal places of the numbers, up to 7 */
	SdFreq		texts;			/* JSON text of the value -> rows */
	SdHist	   *nums;
	SdHist	   *strlens;
} DocFieldStats;

typedef struct DocStats
{
	MemoryContext cxt;			/* where the tallies live (not the row's) */
	int64		docs;			/* non-NULL documents */
	int64		objects;
	bool		overflow;
	SdFreq		keyidx;			/* key -> field index + 1 */
	int			nfields;
	DocFieldStats fields[DOC_KEYS_MAX];
	SdFreq		sets;			/* sorted field indexes (uint16) -> rows */
} DocStats;

/* a range column's tally from the dependence sample (fit_sample.c, marginal.c) */
typedef struct RangeStats
{
	int64		ranges;			/* non-NULL */
	int64		empty;
	int64		lower_inf;
	int64		upper_inf;
	int64		lower_inc;
	int64		upper_inc;
	int64		lowers;
	int64		uppers;
	int64		widths;
	bool		all_integer;
	int			max_scale;
	SdHist		low;
	SdHist		upp;
	SdHist		width;
	/* a multirange column: its values and their numbers of ranges */
	bool		multi;
	int64		values;
	SdHist		counts;
} RangeStats;

/* ---- small helpers shared by the fit and the sampler ---- */

static inline int
dc_stride(int ncat)
{
	return ncat <= PARENT_CATEGORY_MAX ? 3 + 3 * U_BINS : 3;
}

/* the scale of the second histogram, and back */
static inline double
log_scale(double x)
{
	return copysign(log1p(fabs(x)), x);
}

static inline double
unlog_scale(double t)
{
	return copysign(expm1(fabs(t)), t);
}

static inline bool
vk_is_integral(ValueKind vk)
{
	return vk == VK_INT2 || vk == VK_INT4 || vk == VK_INT8 ||
		vk == VK_DATE || vk == VK_TIME || vk == VK_TIMESTAMP ||
		vk == VK_TIMESTAMPTZ || vk == VK_INTERVAL || vk == VK_BOOL || vk == VK_TIMETZ;
}

static inline HeapTupleHeader
sample_record(const FitState *st, int i)
{
	return (HeapTupleHeader) (st->arena + st->sample[i].off);
}

static inline bool
vk_is_number(ValueKind vk)
{
	return vk <= VK_BOOL || vk == VK_TIMETZ || vk == VK_MONEY;
}

/*
 * A text column named like a secret (sd_fake_name_is_secret), unless an
 * option gave it its role: modelled by its secret shapes, never its values
 */
static inline bool
model_col_secret(const ModelCol *c)
{
	return c->vk == VK_STRING && !c->role_forced && sd_fake_name_is_secret(c->name);
}

/* an integer, float, numeric or money: a number that is no time */
static inline bool
vk_is_amount(ValueKind vk)
{
	return vk <= VK_NUMERIC || vk == VK_MONEY;
}

/*
 * Exact-copy guard: the canonical bytes of a row's guarded values, nine per
 * value: a tag ('n' NULL, 'd' number, 's' string) and eight bytes, the
 * number's double (0 for -0) or the string's 64-bit hash.  The buffer is
 * enlarged once, to ROW_KEY_BYTES(columns), before the first row.
 */
static inline void
row_key_put(StringInfo buf, char tag, uint64 bits)
{
	char	   *p = buf->data + buf->len;

	Assert(buf->len + ROW_KEY_ITEM < buf->maxlen);
	p[0] = tag;
	memcpy(p + 1, &bits, sizeof(uint64));
	buf->len += ROW_KEY_ITEM;
}

static inline void
row_key_add_number(StringInfo buf, bool isnull, double v)
{
	uint64		bits = 0;

	if (isnull)
	{
		row_key_put(buf, 'n', 0);
		return;
	}
	if (v != 0)					/* -0 and 0 are one value */
		memcpy(&bits, &v, sizeof(double));
	row_key_put(buf, 'd', bits);
}

static inline void
row_key_add_string(StringInfo buf, bool isnull, uint64 hash)
{
	row_key_put(buf, isnull ? 'n' : 's', isnull ? 0 : hash);
}

/*
 * The two Bloom-filter hashes of a row key (Kirsch and Mitzenmacher 2006,
 * "Less hashing, same performance": probes h1 + i h2), in one pass of
 * eight bytes at a time; each lane is a multiply-xorshift step, finished
 * by the generator's 64-bit mixer.  The guard lives only in memory, so the
 * hash need not match any stored one.
 */
static inline void
row_key_hashes(StringInfo buf, uint64 *h1, uint64 *h2)
{
	const char *p = buf->data;
	int			len = buf->len;
	uint64		a = UINT64CONST(0x5eed000100000000),
				b = UINT64CONST(0x5eed000200000000),
				w;

	for (; len >= 8; p += 8, len -= 8)
	{
		memcpy(&w, p, 8);
		a = (a ^ w) * UINT64CONST(0x9E3779B97F4A7C15);
		a ^= a >> 29;
		b = (b ^ w) * UINT64CONST(0xC2B2AE3D27D4EB4F);
		b ^= b >> 32;
	}
	if (len > 0)
	{
		w = sd_load_tail((const unsigned char *) p, len);
		a = (a ^ w) * UINT64CONST(0x9E3779B97F4A7C15);
		b = (b ^ w) * UINT64CONST(0xC2B2AE3D27D4EB4F);
	}
	*h1 = sd_mix64(a ^ (uint64) buf->len);
	*h2 = sd_mix64(b ^ ((uint64) buf->len << 32)) | 1;
}

static inline bool
sampler_guarded(Sampler *s)
{
	return s->bloom != NULL && s->nguard > 0;
}

/* model_json.c: the model as jsonb */
extern Jsonb *model_to_jsonb(const Model *m);
extern Model *model_from_jsonb(Jsonb *jb);
extern void bad_model(const char *detail) pg_attribute_noreturn();

/* clone.c */
extern int	model_column_named(const Model *m, const char *name, int self);
extern Model *model_as_stored(Model *m, Jsonb **mj);
extern double fill_row_bytes(const Model *m);

/* clone_fill.c */
extern bool fill_tuplestore_parallel(Sampler *s, Jsonb *mj, TupleDesc tupdesc, Oid source,
									 int64 start, int64 n, Tuplestorestate *tupstore);
typedef struct FillStream FillStream;
extern FillStream *fill_stream_begin(Sampler *s, Jsonb *mj, TupleDesc tupdesc, Oid source,
									 int64 start, int64 n);
extern bool fill_stream_next(FillStream *st, Datum *row);
extern int64 fill_stream_end(FillStream *st);

/* clone.c: the guard a synth_clone_table hands to its synth_sample */
extern uint64 handoff_token;
extern uint8 *handoff_guard;
extern uint64 handoff_guard_bits;
extern bool *handoff_guard_example_free;
extern bool *handoff_guard_restrict;

extern Sampler *sampler_create(Model *m, TupleDesc tupdesc, Oid relid, const char *relname, uint64 seed);
extern void sampler_row(Sampler *s, int64 row, Datum *values, bool *nulls);
extern void sampler_set_factor(Sampler *s, const double *L);

/* key_order.c */
extern ModelKeyOrder *key_order_fit(Oid relid, const char *qualified, Model *m);
extern void key_order_to_json(StringInfo b, const Model *m);
extern void key_order_from_json(Model *m, JsonbContainer *root);
extern void sampler_set_rows(Sampler *s, int64 total);
extern void key_order_apply(Sampler *s, int64 row);
extern void sampler_row_ex(Sampler *s, int64 row, Datum *values, bool *nulls, bool guard);
extern void row_guard_hashes(Sampler *s, Datum *values, bool *nulls, uint64 *h1, uint64 *h2);
extern void sampler_build_guard(Sampler *s, Oid func_nsp);
extern void sampler_use_guard(Sampler *s, uint8 *bloom, uint64 bits,
							  const bool *example_free, const bool *restrict_by);
extern bool row_unlike_source(Sampler *s, Datum *values, bool *nulls);
extern bool row_beyond_guard(Sampler *s, Datum *values, bool *nulls);
extern bool guard_restricts(const Model *m, const ModelCol *c, bool fitted);
extern bool *guard_example_free(const FitConfig *cfg, const FitState *st);
extern Datum sampler_number_datum(TargetCol *tc, double v);
extern Jsonb *arg_options(FunctionCallInfo fcinfo, int argno);
extern void parse_fit_options(Jsonb *opts, FitOptions *fo);
extern void apply_column_overrides(Model *m, Jsonb *columns, const char *reason);
extern Model *fit_model(Oid relid, Jsonb *options, Oid func_nsp, bool want_guard);

/* dp_fit.c: the differentially private fit */
extern bool sd_dp_requested(Jsonb *options);
extern void sd_dp_check_plain_options(Jsonb *options);
extern Model *dp_fit_model(Model *m, FitContext *fc, Jsonb *options);
extern int64 arg_count_or_null(FunctionCallInfo fcinfo, int argno, int64 dflt);
extern int64 clone_fill_new_table(Oid relid, Model *m, Oid target_relid, const char *target,
								   int64 n, uint64 seed, bool guard, Oid nsp);
extern char *output_function_call(Oid typoutput, Datum d);
extern bool datum_to_double_other(ValueKind vk, Datum d, double *out);
extern void display_scales_cumulate(ModelCol *c);
extern void datum_to_string_other(ValueKind vk, Datum d, Oid typoutput, const char **s, int *len);

/*
 * The text form of a value (its bytes, not NUL-terminated, *len of them):
 * a string's own bytes, detoasted only if compressed or stored apart (as
 * pg_detoast_datum_packed would, without a call per value: the fit reads
 * every text of the table); other types by datum_to_string_other.
 */
/*
 * The number a value stands for (days for dates, microseconds for times,
 * timestamps and intervals, months counted as 30 days); false for NaN and
 * infinities, which are treated like NULLs.  Integers, doubles, dates and
 * timestamps here, inline (the fit converts every number of the table);
 * the others in datum_to_double_other.
 */
static inline bool
datum_to_double(ValueKind vk, Datum d, double *out)
{
	switch (vk)
	{
		case VK_INT2:
			*out = DatumGetInt16(d);
			return true;
		case VK_INT4:
			*out = DatumGetInt32(d);
			return true;
		case VK_INT8:
			*out = (double) DatumGetInt64(d);
			return true;
		case VK_FLOAT8:
			*out = DatumGetFloat8(d);
			return isfinite(*out);
		case VK_DATE:
			if (DATE_NOT_FINITE(DatumGetDateADT(d)))
				return false;
			*out = DatumGetDateADT(d);
			return true;
		case VK_TIMESTAMP:
		case VK_TIMESTAMPTZ:
			if (TIMESTAMP_NOT_FINITE(DatumGetTimestamp(d)))
				return false;
			*out = (double) DatumGetTimestamp(d);
			return true;
		default:
			return datum_to_double_other(vk, d, out);
	}
}

static inline void
datum_to_string(ValueKind vk, Datum d, Oid typoutput, const char **s, int *len)
{
	if (vk == VK_STRING)
	{
		struct varlena *t = (struct varlena *) DatumGetPointer(d);

		if (VARATT_IS_COMPRESSED(t) || VARATT_IS_EXTERNAL(t))
			t = pg_detoast_datum_packed(t);
		*s = VARDATA_ANY(t);
		*len = VARSIZE_ANY_EXHDR(t);
	}
	else
		datum_to_string_other(vk, d, typoutput, s, len);
}
extern int	model_category_of(const ModelCol *c, ValueKind vk, Oid typoutput, Datum v);
extern ValueKind value_kind_of(Oid typid);
extern int range_subtype_kind(Oid typid);
extern Oid range_type_of(Oid typid, bool *multi);
extern void config_layout(FitConfig *cfg);
extern void config_write(StringInfo buf, const FitConfig *cfg);
extern void fit_accumulate_pass2(FitState *st, Datum *values, bool *isnull, int64 w);
extern FitState *fit_state_create(bytea *cfg_raw);
extern FitState *fit_state_deserialize(bytea *raw);
extern void sample_index(FitState *st);
extern int string_shape(const char *s, int len, char *shape);
extern int secret_shape(const char *s, int len, char *shape);

/*
 * A shape's place (string_shape, secret_shape): the values it draws from,
 * 10 for '9', 26 for 'A' and 'a', 16 for 'x' and 'X', 1 for a literal
 */
static inline int
shape_place_radix(char cls)
{
	return cls == '9' ? 10 : (cls == 'A' || cls == 'a') ? 26 :
		(cls == 'x' || cls == 'X') ? 16 : 1;
}

/* the character of value d (0 <= d < shape_place_radix) at a class place */
static inline char
shape_place_char(char cls, int d)
{
	if (cls == '9')
		return (char) ('0' + d);
	if (cls == 'A' || cls == 'a')
		return (char) (cls + d);
	return (cls == 'x' ? "0123456789abcdef" : "0123456789ABCDEF")[d];
}
extern void rank_within_parent(double *R, int D, int child, int parent);
extern void decide_marginal(Model *m, ModelCol *c, ColState *cs, Oid typid);
extern void finalise_dependence(Model *m, FitConfig *cfg, FitState *st, bool copula);
extern const char *pii_kind_from_name(const char *relname, const char *name);
extern const char *pii_kind_from_shapes(const SdFreq *shapes, int64 count);
extern const char *pii_kind_from_type(Oid typid, const SdFreq *shapes, int64 count);
extern int cmp_cat_count_desc(const void *a, const void *b);
extern uint64 bloom_size(double rows);
extern FitState *run_fit_pass(FitContext *fc, FitConfig *cfg, const char *what);
/* fit_agg.c: the aggregate's state */
extern void fit_state_merge(FitState *dst, FitState *src);
extern void fit_state_flush(FitState *st);
extern uint8 *fit_state_bloom(FitState *st);

/* pairs of hashes a guard keeps as a list: a quarter of its filter's bytes */
static inline int64
guard_keys_max(const FitConfig *cfg)
{
	return (int64) (cfg->bloom_bits / 8 / 4 / (2 * sizeof(uint64)));
}

/* fit_config.c: the aggregate's configuration, read back and checked */
extern void bad_config(const char *detail) pg_attribute_noreturn();
extern FitConfig *config_from_bytea(bytea *cfg_raw);
extern void config_check_call(const FitConfig *cfg, FunctionCallInfo fcinfo);
extern void fit_check_row(const FitConfig *cfg, TupleDesc tupdesc);

/* fit_sample_keep.c: the dependence sample the scan keeps */
extern void sample_compact(FitState *st);
extern bool fit_sample_cut_short(const FitState *st);

/* fit_state_io.c, fit_partial.c, shard.c: partial fits that travel between servers */
extern bool fit_portable_io;
extern bytea *fit_state_serialize(FitState *st);

/* fit_orders.c */
extern FitOrders *fit_orders_create(const FitConfig *cfg);
extern void fit_orders_row(FitOrders *o, const FitConfig *cfg, const Datum *values,
						   const bool *isnull);
extern void fit_orders_merge(FitOrders *dst, const FitOrders *src);
extern void fit_orders_write(StringInfo buf, const FitOrders *o);
extern void fit_orders_read(StringInfo buf, FitOrders *o);
extern bool fit_orders_result(const FitOrders *o, int a, int b, bool *broken,
							  int64 *equal);
extern Oid	partial_type_by_name(StringInfo buf);
extern void partial_send_type(StringInfo buf, Oid typid);
extern void sample_offer(FitState *st, uint64 prio, const void *rec, uint32 len, int64 weight);
extern void partial_write_record(StringInfo buf, FitState *st, int i);
extern void partial_read_record(StringInfo buf, FitState *st, uint64 prio, int64 weight);
extern void partial_key_flags(TupleDesc tupdesc, char *is_key);
extern bool partial_merge_source(TupleDesc *tupdesc, char **is_key, char **schema, char **table);
extern FitState *fit_scan(FitContext *fc, FitConfig *cfg, const Model *m,
						  const char *is_key, const char *what);
extern FitState *partial_open(bytea *raw, bytea **cfg_portable);
extern bytea *config_portable(const FitConfig *cfg);
extern FitState *shard_fit_scan(FitContext *fc, FitConfig *cfg, const Model *m,
								const char *is_key, const char *what);
typedef void (*ShardRowFn) (void *arg, const char *const *values);
extern bool shard_fetch(Oid relid, const char *head, const char *tail, int ncols,
						ShardRowFn fn, void *arg);
extern bool shard_counts(Oid relid, const char *select_list, int ncols, int64 *sums);
extern bool shard_is_sharded(Oid relid);
typedef void (*SampleRowFn) (void *arg, Datum *values, bool *isnull, int64 weight);
extern void sample_for_each(FitState *st1, SampleRowFn fn, void *arg);
/* the dependence sample's summaries after the scan (fit_sample.c) */
extern void hist_from_sample(FitState *st1);
extern void sample_canonical_order(FitState *st1);
extern void text_from_sample(FitState *st1, const Model *m);
extern void arrays_from_sample(FitState *st1);
extern void documents_from_sample(FitState *st1);
extern void ranges_from_sample(FitState *st1);
extern void zones_from_sample(FitState *st1, Model *m);
extern void continuous_marginal(ModelCol *c, SdHist *h, SdHist *loghist, int k);
extern int	sampler_row_category(Sampler *s, int mcol);
extern int	sampler_cond_category(Sampler *s, int mcol, const double *z);
extern double sampler_cond_quantile(Sampler *s, int mcol, int r, double v);
extern double sampler_cond_latent(Sampler *s, int mcol, int r, double x);
extern void json_key(StringInfo buf, const char *key, bool *first);
extern void json_number(StringInfo buf, double v);
extern void json_rounded_array(StringInfo buf, const double *v, int n, int digits);
extern JsonbValue *jget(JsonbContainer *c, const char *key);
extern JsonbContainer *jget_container(JsonbContainer *c, const char *key, bool array, bool missing_ok);
extern double jnum(JsonbValue *v, const char *what);
extern double jprob(JsonbValue *v, const char *what);
extern char *jget_str(JsonbContainer *c, const char *key, bool missing_ok);
extern void clipped_quantiles(SdHist *h, int64 count, int k, double *out, int npoints);
extern void read_number_array(JsonbContainer *arr, double *out, int n, const char *what);
extern void sd_mst_to_json(StringInfo b, const Model *m);
extern struct SdMst *sd_mst_from_json(const Model *m, JsonbContainer *c);
extern void sd_mst_draw(const Model *m, SdRng *rng, double *z);
/* @MORE@ */

#endif							/* SYNTHDATA_CLONE_INT_H */
