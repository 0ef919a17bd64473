/*-------------------------------------------------------------------------
 *
 * sequence_int.h
 *		What the files of the sequence fit share: sequence.c (the fit, the
 *		rows read), sequence_detect.c (is a table sequential?) and
 *		sequence_estimate.c (the dynamics).
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sequence_int.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_SEQUENCE_INT_H
#define SYNTHDATA_SEQUENCE_INT_H

#include "utils/rel.h"

#include "model.h"
#include "sequence.h"

#define SEQ_MIN_SERIES	24		/* one series: at least this many rows */

/* the rows read, on the latent scale, ordered by entity and order value */
typedef struct SeqData
{
	int			D;
	int64		n;				/* rows read */
	int64		cap;
	double	   *t;				/* order value per row */
	SeqTime    *tm;				/* per row, once the seasons and path are chosen */
	double	   *z;				/* n x D latent values, NaN = none */
	double	   *x;				/* n x D values of continuous columns, NaN = none */
	int64		nent;
	int64	   *first;			/* first row of each entity, nent + 1 */
} SeqData;

/* sequence.c */
extern double seq_order_usecs(const SdSeqModel *sm, double v);

/* sequence_detect.c */
extern bool seq_detect(Relation rel, const char *qualified, const Model *m,
					   char **key, char **order, char **reason);
extern bool seq_sample_may_be_grid(Relation rel, const Model *m, FitState *st1);
extern bool seq_grid_possible(Oid relid, const char *qualified, const Model *m, const char *key,
							  const char *order, SeqOrderKind kind);

/* sequence_estimate.c */
extern void seq_estimate_grid(SdSeqModel *sm, const SeqData *sd, int k);
extern void seq_estimate_dynamics(SdSeqModel *sm, SeqData *sd, const Model *m);

#endif							/* SYNTHDATA_SEQUENCE_INT_H */
