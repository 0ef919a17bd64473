/*-------------------------------------------------------------------------
 *
 * coltype.c
 *		The one classification of column types (see coltype.h).
 *
 * Every feature asks sd_col_type() what a column's base type is; none
 * switches on type OIDs for that on its own.  No fmgr, no SPI, no catalog
 * look-ups: the caller resolves domains first.
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/coltype.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"

#include "coltype.h"

SdColType
sd_col_type(Oid basetype)
{
	switch (basetype)
	{
		case INT2OID:
			return SD_COL_INT2;
		case INT4OID:
			return SD_COL_INT4;
		case INT8OID:
			return SD_COL_INT8;
		case FLOAT4OID:
			return SD_COL_FLOAT4;
		case FLOAT8OID:
			return SD_COL_FLOAT8;
		case NUMERICOID:
			return SD_COL_NUMERIC;
		case CASHOID:
			return SD_COL_MONEY;
		case DATEOID:
			return SD_COL_DATE;
		case TIMEOID:
			return SD_COL_TIME;
		case TIMETZOID:
			return SD_COL_TIMETZ;
		case TIMESTAMPOID:
			return SD_COL_TIMESTAMP;
		case TIMESTAMPTZOID:
			return SD_COL_TIMESTAMPTZ;
		case INTERVALOID:
			return SD_COL_INTERVAL;
		case BOOLOID:
			return SD_COL_BOOL;
		case TEXTOID:
		case VARCHAROID:
		case BPCHAROID:
			return SD_COL_STRING;
		case UUIDOID:
			return SD_COL_UUID;
		default:
			return SD_COL_OTHER;
	}
}
