/*-------------------------------------------------------------------------
 *
 * knn_sql.c
 *		SQL-callable k-nearest-neighbour search over float8 matrices:
 *		synth_knn().
 *
 * The engine (neighbors.c) does the work; this file converts two 2-D
 * float8 arrays (rows x columns, NULL elements allowed) into its plain
 * row-major matrices, computes the numeric column ranges from the
 * reference rows (as the SDMetrics distance to closest record does) and
 * returns one row per (query row, neighbour).
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/knn_sql.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "neighbors.h"
#include "synthdata.h"

/* a float8 matrix read from an array */
typedef struct KnnMatrix
{
	int			nrows;
	int			ncols;
	double	   *values;
	bool	   *isnull;
} KnnMatrix;

/*
 * A 1-D array is a single column; a 2-D array is rows x columns.
 */
static void
read_matrix(ArrayType *a, const char *name, KnnMatrix *m)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;

	if (ARR_NDIM(a) > 2)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("argument \"%s\" must have one or two dimensions", name),
				 errdetail("It has %d.", ARR_NDIM(a))));
	if (ARR_NDIM(a) == 0)
	{
		m->nrows = 0;
		m->ncols = 0;
		m->values = NULL;
		m->isnull = NULL;
		return;
	}
	m->nrows = ARR_DIMS(a)[0];
	m->ncols = (ARR_NDIM(a) == 2) ? ARR_DIMS(a)[1] : 1;
	deconstruct_array(a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &n);
	m->values = palloc_array(double, Max(n, 1));
	m->isnull = palloc_array(bool, Max(n, 1));
	for (i = 0; i < n; i++)
	{
		m->isnull[i] = nulls[i];
		m->values[i] = nulls[i] ? 0.0 : DatumGetFloat8(elems[i]);
		if (!nulls[i] && isnan(m->values[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"%s\" must not contain NaN", name),
					 errhint("Use NULL for a missing value.")));
	}
}

static bool
accept_eligible(int row, void *arg)
{
	return ((const bool *) arg)[row];
}

/*
 * synth_knn(reference float8[], queries float8[], k int, categorical bool[],
 *			 exhaustive bool, eligible bool[])
 *		returns table(query int, rank int, reference int, distance float8)
 *
 * For each row of "queries", its k nearest rows of "reference" under the
 * mixed-type distance of neighbors.h, nearest first; rows are numbered
 * from 1.  categorical[j] marks column j as a category code (compared for
 * equality); NULL means all columns are numeric.  exhaustive => compare
 * with every row instead of searching the tree (same distances).
 * eligible[i] (NULL: all) says whether reference row i may be returned.
 */
PG_FUNCTION_INFO_V1(synth_knn);
Datum
synth_knn(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	KnnMatrix	ref,
				qry;
	int			k;
	bool	   *categorical;
	double	   *range;
	bool		exhaustive;
	SdNnMetric	metric;
	SdNnIndex  *index;
	int		   *rows;
	double	   *dists;
	bool	   *eligible = NULL;
	int			i,
				j;

	sd_arg_not_null(fcinfo, 0, "reference");
	sd_arg_not_null(fcinfo, 1, "queries");
	sd_arg_not_null(fcinfo, 2, "k");
	sd_arg_not_null(fcinfo, 4, "exhaustive");
	k = PG_GETARG_INT32(2);
	if (k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"k\" must be greater than zero"),
				 errdetail("k is %d.", k)));
	exhaustive = PG_GETARG_BOOL(4);

	read_matrix(PG_GETARG_ARRAYTYPE_P(0), "reference", &ref);
	read_matrix(PG_GETARG_ARRAYTYPE_P(1), "queries", &qry);
	if (ref.nrows > 0 && qry.nrows > 0 && ref.ncols != qry.ncols)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("reference and query rows have different numbers of columns"),
				 errdetail("Reference rows have %d columns, query rows %d.",
						   ref.ncols, qry.ncols)));

	categorical = palloc0_array(bool, Max(ref.ncols, 1));
	if (!PG_ARGISNULL(3))
	{
		Datum	   *elems;
		bool	   *nulls;
		int			n;

		deconstruct_array(PG_GETARG_ARRAYTYPE_P(3), BOOLOID, 1, true,
						  TYPALIGN_CHAR, &elems, &nulls, &n);
		if (n != ref.ncols)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"categorical\" must have one element per column"),
					 errdetail("It has %d elements; the rows have %d columns.",
							   n, ref.ncols)));
		for (j = 0; j < n; j++)
			categorical[j] = !nulls[j] && DatumGetBool(elems[j]);
	}

	if (PG_NARGS() > 5 && !PG_ARGISNULL(5))
	{
		Datum	   *elems;
		bool	   *nulls;
		int			n;

		deconstruct_array(PG_GETARG_ARRAYTYPE_P(5), BOOLOID, 1, true,
						  TYPALIGN_CHAR, &elems, &nulls, &n);
		if (n != ref.nrows)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument \"eligible\" must have one element per reference row"),
					 errdetail("It has %d elements; there are %d reference rows.",
							   n, ref.nrows)));
		eligible = palloc_array(bool, Max(n, 1));
		for (j = 0; j < n; j++)
			eligible[j] = !nulls[j] && DatumGetBool(elems[j]);
	}

	/* numeric scales: the reference's range, as SDMetrics does */
	range = palloc0_array(double, Max(ref.ncols, 1));
	for (j = 0; j < ref.ncols; j++)
	{
		double		lo = HUGE_VAL,
					hi = -HUGE_VAL;

		for (i = 0; i < ref.nrows; i++)
		{
			size_t		at = (size_t) i * ref.ncols + j;

			if (ref.isnull[at])
				continue;
			lo = Min(lo, ref.values[at]);
			hi = Max(hi, ref.values[at]);
		}
		range[j] = (hi > lo) ? hi - lo : 0.0;
	}

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (ref.nrows == 0 || qry.nrows == 0)
		PG_RETURN_NULL();

	metric.ncols = ref.ncols;
	metric.categorical = categorical;
	metric.range = range;
	metric.weight = NULL;
	index = sd_nn_build(&metric, ref.values, ref.isnull, ref.nrows,
						sd_context_alloc, CurrentMemoryContext);
	rows = palloc_array(int, Min(k, ref.nrows));
	dists = palloc_array(double, Min(k, ref.nrows));

	for (i = 0; i < qry.nrows; i++)
	{
		const double *q = qry.values + (size_t) i * qry.ncols;
		const bool *qn = qry.isnull + (size_t) i * qry.ncols;
		int			n;
		int			r;

		CHECK_FOR_INTERRUPTS();
		n = exhaustive
			? sd_nn_query_exhaustive(index, q, qn, k,
									 eligible ? accept_eligible : NULL, eligible,
									 rows, dists)
			: sd_nn_query_filtered(index, q, qn, k,
								   eligible ? accept_eligible : NULL, eligible,
								   rows, dists);
		for (r = 0; r < n; r++)
		{
			Datum		values[4] = {0};
			bool		nulls[4] = {0};

			values[0] = Int32GetDatum(i + 1);
			values[1] = Int32GetDatum(r + 1);
			values[2] = Int32GetDatum(rows[r] + 1);
			values[3] = Float8GetDatum(dists[r]);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc,
								 values, nulls);
		}
	}
	elog(DEBUG1, "synth_knn: " UINT64_FORMAT " row distances for %d queries over %d rows",
		 sd_nn_distance_count(index), qry.nrows, ref.nrows);
	PG_RETURN_NULL();
}
