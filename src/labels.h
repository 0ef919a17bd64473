/*-------------------------------------------------------------------------
 *
 * labels.h
 *		Rules stored with the schema: security labels of provider
 *		"synthdata" on tables and columns (SECURITY LABEL FOR synthdata),
 *		validated when they are set and read by the fit and the fill.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/labels.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_LABELS_H
#define SYNTHDATA_LABELS_H

#include "utils/jsonb.h"

#define SD_LABEL_PROVIDER	"synthdata"
#define SD_LABEL_REASON		"security label"

/* _PG_init: register the provider (module.c) */
extern void sd_labels_register(void);

/*
 * The fit (fit.c): the table's label (fit options) merged under the call's
 * options, and the column labels' roles and kinds as an option "columns"
 * object, leaving out the columns the call's own "columns" names.  NULL
 * when there is nothing to apply.
 */
extern Jsonb *sd_labels_fit_options(Oid relid, Jsonb *options);
extern Jsonb *sd_labels_columns(Oid relid, Jsonb *except);

/* The fill (generate_plan.c): the column labels' rules under the call's. */
extern Jsonb *sd_labels_rules(Oid relid, Jsonb *rules);

/*
 * fit_options.c's check of one column's entry of option "columns", for a label:
 * vocabulary, and a kind on a column whose type takes none.
 */
extern void fit_check_column_label(const char *name, Jsonb *entry,
								   Oid typid, int32 typmod);

#endif							/* SYNTHDATA_LABELS_H */
