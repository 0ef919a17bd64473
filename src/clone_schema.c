/*-------------------------------------------------------------------------
 *
 * clone_schema.c
 *		synth_clone_schema: an anonymized copy of a set of tables related by
 *		foreign keys.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"
