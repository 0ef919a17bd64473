/*-------------------------------------------------------------------------
 *
 * derived.h
 *		Derived columns of fitted cloning (derived.c): tsvector columns
 *		computed from the generated text.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/derived.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_DERIVED_H
#define SYNTHDATA_DERIVED_H

#include "access/tupdesc.h"
#include "lib/stringinfo.h"
#include "utils/jsonb.h"

/* how a derived column is computed: to_tsvector(config, the columns joined by spaces) */
typedef struct DerivedSpec
{
	char	   *how;			/* "generated", "trigger" or "text" */
	char	   *config;			/* a text search configuration, NULL: the current one */
	int			ncols;
	char	  **cols;
} DerivedSpec;

typedef struct DerivedPlan DerivedPlan;

struct Model;
struct ModelCol;
struct ColState;

extern void derived_columns_mark(Oid relid, struct Model *m);
extern void derived_marginal(struct ModelCol *c, struct ColState *cs);
extern void derived_write(StringInfo b, const DerivedSpec *d);
extern DerivedSpec *derived_read(JsonbContainer *cc);
extern DerivedPlan *derived_prepare(const struct Model *m, const int *mcol_of_att,
									TupleDesc tupdesc);
extern void derived_fill(DerivedPlan *p, Datum *values, bool *nulls);
extern void derived_copy_triggers(const struct Model *m, Oid source, const char *target);

#endif							/* SYNTHDATA_DERIVED_H */
