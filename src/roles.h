/*-------------------------------------------------------------------------
 *
 * roles.h
 *		Column semantics of fitted cloning: the role of each column (own
 *		key, foreign key, personal datum of a kind, free text, category,
 *		number, moment in time, derived value), decided at fit time from
 *		the catalog, the column's name and its values, stored in the model,
 *		and used by the sampler (parent keys with their fan-out, coherent
 *		fakes of the row's person and place).
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/roles.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_ROLES_H
#define SYNTHDATA_ROLES_H

#define FANOUT_POINTS 65		/* quantile grid of children per parent */
#define ROLES_PARENT_BATCH 10000	/* parent rows read at a time (sampling) */

/* what the catalog and the fit say of one column, beyond its marginal */
typedef struct ColSemantics
{
	bool		unique;			/* a one-column unique index, or a personal key:
								 * unique fakes */
	bool		was_key;		/* ... that would have been generated as a key */
	bool		derived;		/* a generated column, or one a trigger maintains */
	char		generated;		/* attgenerated of the source column */
	char		identity;		/* attidentity of the source column */
	const char *derived_reason;
	/* foreign key: the parent's schema, table and referenced column */
	char	   *ref_schema;
	char	   *ref_table;
	char	   *ref_column;
	/* a composite foreign key: its constraint, this column's place, its size */
	char	   *fk_name;
	int			fk_pos;
	int			fk_n;			/* 0: a one-column foreign key */
	bool		fk_forced_off;	/* role set by option: not drawn from the parent */
	bool		in_clone;		/* the parent is a table of the same schema clone */
	char	   *paired_with;	/* the first column of a two-column unique key of
								 * foreign keys this one completes, or NULL */
	/* a schema clone: columns of the row that copy a column of the parent */
	int			ncopies;
	char	  **copy_cols;		/* the row's columns */
	char	  **copy_from;		/* the parent's columns */
	/* children per parent following a parent column (roles_fanout.c) */
	char	   *by_column;		/* the parent's column, or NULL */
	double		by_rho;			/* correlation on the normal scale */
	int			by_ncat;		/* a category column: its categories, else 0 */
	char	  **by_labels;
	double	   *by_scores;		/* standardized normal score per category */
	double		fanout[FANOUT_POINTS];	/* children per parent, every parent */
	int64		parents;		/* parents at fit time */
	int64		children;		/* rows with a parent at fit time (0: unknown) */
	/* a key of a type without a row-number form: start + row * step */
	bool		has_seq;
	double		seq_start;
	double		seq_step;
	/* a place column's NULL share by the row's country (roles_place_nulls) */
	int			nplace_null;	/* the country column's categories, or 0 */
	double	   *place_null;		/* P(NULL | the row's country category) */
} ColSemantics;

/* coherence of the row's person and place, for the whole model */
typedef struct ModelPersonal
{
	int			sex_col;		/* model column of sex/gender, or -1 */
	int			nsex;			/* its categories */
	double	   *female_share;	/* P(first name is a woman's | category) */
	int			country_col;	/* model column of the country, or -1 */
	/*
	 * Without a country column: a foreign-key column (model column, or -1)
	 * whose parent's column country_parent names the row's country
	 */
	int			country_fk_col;
	char	   *country_parent;
	/*
	 * ... or, two steps away, the parent's foreign-key column country_through
	 * leads to a table (country_table, in country_schema, by its column
	 * country_key) whose column country_parent names it (pagila's address,
	 * its city_id, and the city's country_id); NULL for one step
	 */
	char	   *country_city;		/* the parent's city column, or NULL: the
								 * row's place is in that city when known */
	char	   *country_through;
	char	   *country_schema;
	char	   *country_table;
	char	   *country_key;
	char	   *locale;			/* "en" or "de": the source's countries */
	char	   *phone_country;	/* ISO code the source's phones suggest, or NULL */
	/* sampling only: a unique name column the row's person follows, or -1 */
	int			unique_name_col;
} ModelPersonal;

/* the row's person as a unique name column gives it (empty: not given) */
typedef struct SdUniquePerson
{
	char		first[128];
	char		middle[8];		/* "K. " or "K. L. " */
	char		last[128];
} SdUniquePerson;

struct Model;
struct ModelCol;
struct Sampler;
struct TargetCol;
struct FitState;
struct FitContext;
struct ColState;

/* fit time (roles.c) */
extern void roles_from_catalog(struct Model *m, Relation rel, char *is_key);
extern void roles_after_marginals(struct Model *m, struct FitContext *fc,
								  struct FitState *st1);
extern void roles_after_dependence(struct Model *m, struct FitState *st1);
extern int	roles_option_role(const char *name, bool *personal, bool *fk);

/* the model's jsonb (roles.c) */
extern void roles_column_to_json(StringInfo b, const struct ModelCol *c);
extern void roles_model_to_json(StringInfo b, const struct Model *m);
extern void roles_column_from_json(JsonbContainer *cc, struct ModelCol *c);
extern void roles_model_from_json(JsonbContainer *root, struct Model *m);

/*
 * Whether the exact-copy guard leaves a column of m out: keys; and in a
 * schema clone foreign keys to the clone's parents (fresh keys, unrelated
 * to the source's) and personal fakes (a fake equal to a real value is
 * dictionary chance, not a copy).
 */
extern bool roles_guard_skips(const struct Model *m, const struct ModelCol *c);

/* whether m is a table's model in a schema clone (a parent of the same clone) */
extern bool roles_in_schema_clone(const struct Model *m);

/* a parent's own column that may drive its children (roles_fanout.c) */
typedef struct RolesParentCol
{
	char	   *name;
	Oid			typid;			/* its base type */
	bool		category;		/* a boolean, enum or string */
} RolesParentCol;

extern int	roles_parent_columns(Oid prel, const char *pk, RolesParentCol *cands,
								 int max);

/* children per parent following a parent column (roles_fanout.c) */
extern void roles_fanout_by_parent(struct Model *m, struct FitContext *fc,
								   struct ModelCol *c, Oid prel,
								   const struct ColState *cs);

/* countries of the row's place (roles_country.c) */
#define SD_COUNTRY_CITIES 3

typedef struct SdCountryCity
{
	const char *name;
	const char *region;
	const char *region_code;
	const char *postal;			/* layout: '#' a digit, '@' a letter */
} SdCountryCity;

typedef struct SdCountry
{
	const char *names;			/* '|'-separated, lower case */
	const char *iso;
	const char *label;			/* its English name */
	int			locale;			/* a fake dictionary of its places, or -1 */
	int			lang;			/* the locale of its names and streets */
	const char *phone;			/* layout of a national number, or NULL */
	SdCountryCity cities[SD_COUNTRY_CITIES];	/* without a dictionary */
} SdCountry;

extern const SdCountry *roles_country_lookup(const char *label, int len);
/* child rows that follow their parents' columns (roles_condition.c) */
extern void roles_condition_fit(struct Model *m, struct FitContext *fc,
								struct FitState *st1);
extern void roles_condition_to_json(StringInfo b, const struct Model *m);
extern void roles_condition_from_json(JsonbContainer *root, struct Model *m);
extern void roles_condition_prepare(struct Sampler *s);
extern void roles_condition_apply(struct Sampler *s, int64 row);

/* sampling (roles_sample.c) */
extern int	roles_country_locale(const char *label, int len);
extern void roles_country_place(const SdCountry *ci, int kind, int city, uint64 seed,
								int64 row, SdRng *rng, StringInfo out);
extern int	roles_country_city_index(const SdCountry *ci, const char *name);
extern void roles_country_phone(const SdCountry *ci, SdRng *rng, StringInfo out);
extern void roles_country_fill(struct Model *m);
extern void roles_place_nulls(struct Model *m, struct FitContext *fc);

/* sampling (roles_sample.c) */
extern const char *roles_phone_format(const char *iso);
extern void roles_sampler_prepare(struct Sampler *s);
extern Datum roles_draw_parent(struct Sampler *s, struct TargetCol *tc, int64 row);
extern void roles_copy_parent_columns(struct Sampler *s, Datum *values, bool *nulls);
extern int64 roles_predraw_parent(struct Sampler *s, struct TargetCol *tc, int64 row);
extern int64 roles_fk_parent_count(const struct TargetCol *tc);
extern bool roles_fk_parent_temp(const struct TargetCol *tc);
extern char *roles_fk_parent_key(const struct TargetCol *tc, int64 p);
extern Datum roles_parent_of_entity(struct Sampler *s, struct TargetCol *tc,
									int64 e, bool *isnull);
extern void roles_personal_value(struct Sampler *s, struct TargetCol *tc,
								 const struct ModelCol *c, int64 row,
								 StringInfo out);

/* unique personal columns (roles_unique.c) */
extern bool roles_unique_kind(int kind);
extern void roles_unique_value(struct Sampler *s, struct TargetCol *tc,
							   const struct ModelCol *c, int64 row, int locale,
							   const char *phone_iso, StringInfo out);
extern void roles_key_shape_value(struct Sampler *s, const struct ModelCol *c,
								  int64 row, StringInfo out);
extern void roles_unique_person(struct Sampler *s, const struct ModelCol *c,
								int64 row, int locale, bool female,
								SdUniquePerson *up);

#endif							/* SYNTHDATA_ROLES_H */
