/*-------------------------------------------------------------------------
 *
 * derived.h
 *		Derived columns of fitted cloning (derived.c): tsvector columns
 *		computed from the generated text.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
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

#include "rng.h"

/* how a derived column is computed: to_tsvector(config, the columns joined by spaces) */
typedef struct DerivedSpec
{
	char	   *how;			/* "generated", "trigger" or "text" */
	char	   *config;			/* a text search configuration, NULL: the current one */
	int			ncols;
	char	  **cols;
} DerivedSpec;

typedef struct DerivedPlan DerivedPlan;
typedef struct GeneratedPlan GeneratedPlan;

/* an xml column: its root, child elements and their sequences (derived.c) */
#define XML_POINTS 17

typedef struct XmlElement
{
	char	   *name;
	bool		numeric;
	bool		integer;
	double		q[XML_POINTS];	/* numbers, or text lengths */
} XmlElement;

typedef struct XmlSet
{
	int			nelems;
	int		   *elems;			/* element indexes, in document order */
	double		p;
} XmlSet;

typedef struct XmlModel
{
	char	   *root;
	int			nelems;
	XmlElement *elems;
	int			nsets;
	XmlSet	   *sets;
} XmlModel;

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
extern GeneratedPlan *generated_prepare(Oid relid, TupleDesc tupdesc);
extern void generated_fill(GeneratedPlan *p, TupleDesc tupdesc, Datum *values,
						   bool *nulls);
extern void derived_copy_triggers(const struct Model *m, Oid source, const char *target);
extern bool derived_by_trigger(const struct Model *m);
extern void derived_copy_source_triggers(Oid source, const char *target);
struct FitContext;
extern bool xml_marginal(struct FitContext *fc, struct Model *m, struct ModelCol *c,
						 struct ColState *cs);
extern void xml_model_write(StringInfo b, const XmlModel *xm);
extern XmlModel *xml_model_read(JsonbContainer *cc);
extern void xml_generate(const XmlModel *xm, SdRng *rng, StringInfo out);

#endif							/* SYNTHDATA_DERIVED_H */
