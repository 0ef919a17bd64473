/*-------------------------------------------------------------------------
 *
 * evaluate_schema.h
 *		The evaluation of a copy of a whole schema (evaluate_schema.c),
 *		shared by synth_evaluate_schema and synth_report_schema
 *		(report_schema.c).
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/evaluate_schema.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_EVALUATE_SCHEMA_H
#define SYNTHDATA_EVALUATE_SCHEMA_H

#include "utils/jsonb.h"

/*
 * Receives one report row: table and columns may be NULL, score NaN for
 * SQL NULL, detail is the text of a JSON object.  The strings live only
 * for the call.
 */
typedef void (*SdSchemaRowFn) (void *arg, const char *table, const char *metric,
							   const char *columns, double score, const char *detail);

/*
 * Evaluates the copy synthetic_schema of real_schema (3F000 if either is
 * missing); options as for synth_evaluate_schema; fn_nsp is the schema of
 * the extension's functions (synth_evaluate is called there).
 */
extern void sd_evaluate_schema(const char *real_schema, const char *synthetic_schema,
							   Jsonb *options, Oid fn_nsp, SdSchemaRowFn emit, void *arg);

#endif							/* SYNTHDATA_EVALUATE_SCHEMA_H */
