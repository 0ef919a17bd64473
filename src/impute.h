/*-------------------------------------------------------------------------
 *
 * impute.h
 *		A table read into memory for imputation and augmentation
 *		(SQL-callable layer shared by impute.c and augment.c).
 *
 * The loader describes the table with the catalog reader (catalog.h),
 * reads every row through SPI as the caller (so GRANTs and row-level
 * security apply), keeps the tuples, and builds the
 * engine's matrix (impute_engine.h) over the "feature" columns: every live
 * column except those of a unique index or primary key, whose values are
 * identifiers, not measurements.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/impute.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_IMPUTE_H
#define SYNTHDATA_IMPUTE_H

#include "access/htup.h"
#include "access/tupdesc.h"
#include "storage/itemptr.h"
#include "utils/hsearch.h"
#include "utils/jsonb.h"

#include "catalog.h"
#include "coltype.h"
#include "impute_engine.h"
#include "options.h"
#include "rng.h"

/*
 * Imputation's view of coltype.h's one classification: the numbers it
 * models (integers, floats, numeric; date in days; time, timestamp and
 * timestamptz in microseconds) keep their SdColType, every other column
 * is categorical (SD_IMP_CATEGORICAL).
 */
#define SD_IMP_CATEGORICAL SD_COL_OTHER

/*
 * What a column's values are, for privacy: imputation never copies a value
 * of a personal column (it gets fakes of its kind) and copies a value of a
 * private one (free text, identifiers) only when at least k rows hold it.
 */
typedef enum SdImpPrivacy
{
	SD_IMP_OPEN,				/* measurements and categories */
	SD_IMP_PERSONAL,			/* personal data of a fake kind */
	SD_IMP_PRIVATE				/* free text or identifiers */
} SdImpPrivacy;

/* an entry of a column's category hash: the hash of a value's output text */
typedef struct CatEntry
{
	uint64		hash;			/* key: hash of the output text (probed) */
	int			code;
} CatEntry;

typedef struct SdImpColumn
{
	int			attno;			/* 0-based index in the row type */
	char	   *name;
	Oid			typid;			/* declared type (may be a domain) */
	int32		typmod;
	Oid			basetype;
	int32		basetypmod;
	int16		typlen;
	bool		typbyval;
	bool		generated;		/* GENERATED ALWAYS AS (...) STORED */
	bool		key;			/* in a unique index or the primary key */
	bool		notnull;
	SdColType	numkind;		/* SD_IMP_CATEGORICAL: categorical */
	int			feature;		/* column of the engine matrix, or -1 */
	Oid			coerce_fn;		/* length coercion function, or InvalidOid */
	FmgrInfo	outfunc;
	/* categorical: the distinct values seen, by code */
	int			ncats;
	int			maxcats;
	Datum	   *cats;
	char	  **catstr;
	int64	   *catcount;		/* rows holding each value */
	HTAB	   *cathash;
	/* privacy (sd_imp_classify) */
	SdImpPrivacy privacy;
	int			fake_kind;		/* SD_IMP_PERSONAL: its SdFakeKind */
	/* summary of the observed values (feature columns) */
	SdImpStats	stats;
	int			dscale;			/* numeric without typmod: the largest display
								 * scale observed (-1 none; above 15: any) */
	int			fscale;			/* real and double precision: the most decimals
								 * an observed value needs (-1 none; 7: more
								 * than 6, kept as drawn) */
	int64		nnull;			/* NULL cells */
} SdImpColumn;

typedef struct SdImpTable
{
	SdTable    *cat;			/* the catalog's description (catalog.h) */
	SdChecker  *checker;		/* its CHECK constraints, or NULL if none */
	Oid			relid;
	char	   *qualname;		/* quoted schema.name */
	char	   *relname;
	MemoryContext mcxt;			/* everything below lives here */
	TupleDesc	rowdesc;		/* the row type, dropped columns included */
	int			ncols;			/* live columns */
	SdImpColumn *cols;
	int			nrows;
	HeapTuple  *rows;			/* the live columns, in the order of cols */
	TupleDesc	livedesc;		/* descriptor of those tuples */
	ItemPointerData *ctids;		/* with locate: where each row is */
	Oid		   *tableoids;
	/* the engine matrix over the feature columns */
	int			nfeat;
	int		   *featcol;		/* feature -> index into cols */
	double	   *values;
	bool	   *missing;		/* NULL, NaN or infinite */
	bool	   *isnull;			/* NULL */
	bool	   *categorical;
	int		   *ncats;
	SdImpData	data;
} SdImpTable;

#define SD_CELL(t, r, f)	((size_t) (r) * (t)->nfeat + (f))

extern SdImpTable *sd_imp_load(Oid relid, bool locate, bool one_fresh_per_key,
							   MemoryContext mcxt);
extern void sd_imp_classify(SdImpTable *t);
extern Datum sd_imp_fake_datum(SdImpTable *t, SdImpColumn *c, uint64 seed,
							   uint64 row, SdRng *rng);
extern bool sd_imp_datum_to_double(SdImpColumn *c, Datum d, double *out);
extern Datum sd_imp_feature_datum(SdImpTable *t, int feature, double v);
extern void sd_imp_deform(SdImpTable *t, int row, Datum *values, bool *nulls);
extern int	sd_imp_check(SdImpTable *t, Datum *values, bool *nulls);
extern void sd_imp_check_failed(SdImpTable *t, int check, const char *what);

/* a synth_fit model of the table: the given one, or fitted as the caller */
extern Datum sd_imp_model(SdImpTable *t, Jsonb *fit, Jsonb *model);

#endif							/* SYNTHDATA_IMPUTE_H */
