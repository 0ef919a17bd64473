/*-------------------------------------------------------------------------
 *
 * catalog.h
 *		A table as synthdata sees it: columns, types, constraints and keys,
 *		read once from the live catalog, plus an executor-based checker for
 *		CHECK constraints (table and domain) on candidate rows.
 *
 * Usage
 *	SdTable *t = sd_table_open(relid, ACL_SELECT);
 *	for (i = 0; i < t->ncolumns; i++) ... t->columns[i] ...
 *	SdChecker *chk = sd_checker_create(t);
 *	int failed = sd_checker_check(chk, values, nulls);	-- -1 when all pass
 *
 * Everything lives in the memory context that is current when sd_table_open
 * is called; nothing holds a relcache reference, a lock beyond the
 * transaction's (AccessShareLock taken by the open), SPI or any other
 * resource, so an SdTable may be kept across the calls of a ValuePerCall
 * set-returning function.
 *
 * Row layout.  values/nulls arrays passed to the checker are in tuple
 * descriptor order, with t->natts entries (dropped columns included, their
 * entries ignored): column c lives at index t->columns[c].attnum - 1.
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/catalog.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_CATALOG_H
#define SYNTHDATA_CATALOG_H

#include "access/attnum.h"
#include "access/tupdesc.h"
#include "fmgr.h"
#include "nodes/bitmapset.h"
#include "nodes/pg_list.h"
#include "utils/relcache.h"
#include "utils/acl.h"

/* One live (not dropped) column. */
typedef struct SdColumn
{
	char	   *name;			/* attname, unquoted */
	AttrNumber	attnum;			/* 1-based position in the tuple */
	Oid			typid;			/* declared type (may be a domain) */
	int32		typmod;			/* declared typmod (-1 if none) */
	Oid			basetypid;		/* after flattening domains */
	int32		basetypmod;		/* typmod of the base type (domain's or column's) */
	Oid			collation;		/* attcollation */
	bool		notnull;		/* attnotnull, or a NOT NULL domain */
	bool		has_default;	/* atthasdef (serial columns too) */
	char		identity;		/* '\0', ATTRIBUTE_IDENTITY_ALWAYS/_BY_DEFAULT */
	char		generated;		/* '\0' or ATTRIBUTE_GENERATED_STORED */
	bool		from_sequence;	/* identity, or a default that calls nextval()
								 * (serial): its values come from a sequence */
	bool		is_domain;		/* typid is a domain */
	bool		is_enum;		/* base type is an enum */
	bool		is_range;		/* base type is a range type */
	bool		is_array;		/* base type is an array */
	Oid			elemtype;		/* element type of an array base type */
	char		typcategory;	/* pg_type.typcategory of the base type */
	int16		typlen;			/* of the declared type */
	bool		typbyval;
	char		typalign;
} SdColumn;

/*
 * A CHECK constraint.  Table constraints reference columns through Vars
 * (varno 1, attnum); a domain constraint belongs to one column and
 * references the value being checked (VALUE).
 */
typedef struct SdCheck
{
	char	   *name;			/* constraint name */
	char	   *text;			/* deparsed expression, for messages */
	Node	   *expr;			/* planned expression (expression_planner) */
	int			column;			/* domain check: index into columns; else -1 */
	Bitmapset  *columns;		/* indexes into columns[] it references */
} SdCheck;

/*
 * A unique key: primary key, UNIQUE constraint or unique index (incl.
 * partial ones, whose predicate is kept).  Keys with expression columns
 * have has_expressions set and list only their plain columns.
 */
typedef struct SdUniqueKey
{
	char	   *name;			/* index name */
	Oid			indexoid;
	bool		primary;
	bool		nulls_not_distinct;
	bool		has_expressions;
	int			ncols;
	int		   *cols;			/* indexes into columns[], key order */
	Node	   *predicate;		/* partial index predicate (implicit AND) or NULL */
	char	   *predicate_text;
} SdUniqueKey;

/* A foreign key of this table (ON DELETE etc. are not recorded). */
typedef struct SdForeignKey
{
	char	   *name;			/* constraint name */
	Oid			conoid;
	int			ncols;
	int		   *cols;			/* indexes into columns[] */
	Oid			refrelid;		/* referenced relation */
	char	   *refname;		/* its quoted qualified name */
	AttrNumber *refattnums;		/* referenced columns, same order */
	char	  **refcolnames;
	bool		self;			/* refrelid == this table */
	bool		nullable;		/* every referencing column is nullable */
} SdForeignKey;

typedef struct SdTable
{
	Oid			relid;
	Oid			reltype;		/* the row type */
	char	   *nspname;
	char	   *relname;
	char	   *qualname;		/* quote_qualified_identifier(nsp, rel) */
	char		relkind;		/* RELKIND_RELATION, _PARTITIONED_TABLE, ... */
	TupleDesc	tupdesc;		/* copy, constraints not included */
	int			natts;			/* tupdesc->natts, dropped included */
	int			ncolumns;
	SdColumn   *columns;		/* live columns in attnum order */
	int		   *att2col;		/* attnum - 1 -> column index or -1 */
	int			nchecks;
	SdCheck    *checks;			/* table checks, domain checks, then for a
								 * partitioned table "partition bounds": the
								 * OR of its leaf partitions' constraints */
	int			nkeys;
	SdUniqueKey *keys;
	int			nfkeys;
	SdForeignKey *fkeys;
} SdTable;

/* Opaque executor state that evaluates every CHECK of a table. */
typedef struct SdChecker SdChecker;

/*
 * Open a table by Oid and describe it.  "mode" is the privilege to verify
 * first (ACL_SELECT, ACL_INSERT, ACL_SELECT | ACL_INSERT, or 0 for none);
 * missing privileges raise PostgreSQL's own "permission denied for table"
 * (42501).  Takes AccessShareLock for the rest of the transaction.
 */
extern SdTable *sd_table_open(Oid relid, AclMode mode);

/*
 * Resolve the row type of argument argno (the "NULL::t" argument of
 * synth_rows and synth_clone) to its relation: 42809 if the type is not a
 * table's row type (a scalar, a free-standing composite type), 42P01 if the
 * relation has gone.  Returns the relation's Oid.
 */
extern Oid	sd_rowtype_relid(FunctionCallInfo fcinfo, int argno);

/*
 * Check mode on relid, then lock it and its inheritors/partitions in SHARE
 * ROW EXCLUSIVE mode for the transaction (fills, in-place imputation).
 */
extern void sd_lock_for_write(Oid relid, AclMode mode);

/* Does the column take its values from a sequence (identity, nextval())? */
extern bool sd_attr_from_sequence(Relation rel, Form_pg_attribute att);

/* Column index by name (exact, as stored), or -1. */
extern int	sd_table_column(const SdTable *t, const char *name);

/*
 * The checker: prepared ExprStates of every table CHECK and every domain
 * CHECK of the columns (nested domains included).  sd_checker_check
 * evaluates them on a candidate row, in the order of t->checks, and returns
 * the index (into t->checks) of the first one that fails, or -1.  NULL
 * results count as passing, as in PostgreSQL.  Domain NOT NULL is not a
 * CHECK: see SdColumn.notnull.  Memory used during evaluation is reset on
 * each call; results are not retained.
 */
extern SdChecker *sd_checker_create(SdTable *t);
extern int	sd_checker_check(SdChecker *chk, Datum *values, bool *nulls);

/* The same, but only for checks that reference column c (or -1 = all). */
extern int	sd_checker_check_column(SdChecker *chk, int c, Datum *values,
									bool *nulls);

#endif							/* SYNTHDATA_CATALOG_H */
