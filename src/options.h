/*-------------------------------------------------------------------------
 *
 * options.h
 *		Reading the jsonb options of synthdata's SQL functions.
 *
 * Every function that takes options (synth_fit, synth_clone*,
 * synth_evaluate, synth_report, synth_impute*, synth_augment) reads them
 * through these helpers: unknown keys and values of the wrong JSON type
 * are errors (22023) whose hint lists what is valid, at every depth.  A
 * JSON null stands for an absent option (its default).
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/options.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_OPTIONS_H
#define SYNTHDATA_OPTIONS_H

#include "utils/jsonb.h"

/* "a, b, c": a NULL-terminated list of names, for hints */
extern char *sd_opt_names(const char *const *names);

/*
 * opts must be a JSON object (or NULL) whose keys are all in allowed
 * (NULL-terminated).  what names the options in messages ("method
 * \"knn\"", "column \"ward\""), or is NULL for a function's own options.
 */
extern void sd_opts_check(Jsonb *opts, const char *const *allowed,
						  const char *what);

/* the value of key, or NULL when it is absent or JSON null */
extern JsonbValue *sd_opt_value(Jsonb *opts, const char *key);

/* typed readers: false when absent; an error when of the wrong type or range */
extern double sd_opt_numeric(JsonbValue *v, const char *key);
extern bool sd_opt_number(Jsonb *opts, const char *key, double *out);
extern bool sd_opt_int(Jsonb *opts, const char *key, int64 lo, int64 hi,
					   int64 *out);
extern bool sd_opt_float(Jsonb *opts, const char *key, double lo, double hi,
						 double *out);
extern bool sd_opt_bool(Jsonb *opts, const char *key, bool *out);
extern char *sd_opt_text(Jsonb *opts, const char *key);
extern Jsonb *sd_opt_object(Jsonb *opts, const char *key);

/* a string among choices (NULL-terminated): its index, or -1 when absent */
extern int	sd_opt_choice(Jsonb *opts, const char *key,
						  const char *const *choices);
extern void sd_opt_invalid_value(const char *key, const char *value,
								 const char *const *choices) pg_attribute_noreturn();

#endif							/* SYNTHDATA_OPTIONS_H */
