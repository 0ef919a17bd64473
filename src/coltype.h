/*-------------------------------------------------------------------------
 *
 * coltype.h
 *		The one classification of column types every feature shares.
 *
 * sd_col_type() sorts a base type into one SdColType; each layer that
 * needs a coarser view derives it from that value and never switches on
 * type OIDs itself: cloning's value kinds (clone_int.h: money goes through
 * its text form there), the evaluation's numeric / datetime / categorical
 * kinds (evaluate.c), the numbers imputation models (impute.h) and the
 * generator's conversions between Datums and rule values
 * (generate_types.c).
 *
 * Holds no fmgr or SPI code: type OIDs in, enum values out.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/coltype.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_COLTYPE_H
#define SYNTHDATA_COLTYPE_H

/*
 * The order is part of the model format: cloning stores the kinds from
 * SD_COL_DATE on by their position in value_class[] (clone_int.h).  Add
 * new types at the end.
 */
typedef enum SdColType
{
	SD_COL_INT2,
	SD_COL_INT4,
	SD_COL_INT8,
	SD_COL_FLOAT4,
	SD_COL_FLOAT8,
	SD_COL_NUMERIC,
	SD_COL_DATE,				/* days */
	SD_COL_TIME,				/* microseconds */
	SD_COL_TIMESTAMP,			/* microseconds */
	SD_COL_TIMESTAMPTZ,			/* microseconds */
	SD_COL_INTERVAL,
	SD_COL_BOOL,
	SD_COL_STRING,				/* text, varchar, char: bytes as stored */
	SD_COL_UUID,
	SD_COL_OTHER,				/* any other type, through its text form */
	SD_COL_TIMETZ,
	SD_COL_MONEY
} SdColType;

/* the class of a base type (not a domain: resolve it with getBaseType) */
extern SdColType sd_col_type(Oid basetype);

/* a number: the integers, floats, numeric and money */
static inline bool
sd_col_is_number(SdColType t)
{
	return (t >= SD_COL_INT2 && t <= SD_COL_NUMERIC) || t == SD_COL_MONEY;
}

/*
 * a number or a date or timestamp: a value both the generator's CHECK
 * reader and imputation read as one double (not money, not a time of day)
 */
static inline bool
sd_col_is_scalar(SdColType t)
{
	return (t >= SD_COL_INT2 && t <= SD_COL_NUMERIC) || t == SD_COL_DATE ||
		t == SD_COL_TIMESTAMP || t == SD_COL_TIMESTAMPTZ;
}

/* a point or span of time: date, time, timetz, timestamp(tz), interval */
static inline bool
sd_col_is_temporal(SdColType t)
{
	return (t >= SD_COL_DATE && t <= SD_COL_INTERVAL) || t == SD_COL_TIMETZ;
}

#endif							/* SYNTHDATA_COLTYPE_H */
