/*-------------------------------------------------------------------------
 *
 * catalog.c
 *		Read a table's description from the live catalog and check
 *		candidate rows against its CHECK constraints with the executor.
 *
 * Everything a generator must honour comes from the catalog, never from the
 * user: column types and typmods (domains flattened, their NOT NULL kept),
 * defaults, identity and generated columns, CHECK constraints of the table
 * and of the columns' domains, unique keys (primary keys, UNIQUE
 * constraints, unique and partial unique indexes) and foreign keys.
 *
 * CHECK constraints are evaluated by PostgreSQL's own expression executor:
 * the stored expression (pg_constraint.conbin, or the domain's constraint
 * as kept by the type cache) is planned with expression_planner and
 * compiled with ExecInitExpr, and evaluated with ExecCheck on a virtual
 * tuple slot, exactly as ExecRelCheck and domain_check do.  We never
 * re-implement SQL semantics.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/catalog.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/genam.h"
#include "access/relation.h"
#include "access/table.h"
#include "catalog/objectaddress.h"
#include "catalog/partition.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_attribute.h"
#include "catalog/pg_class.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_index.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "rewrite/rewriteHandler.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/partcache.h"
#include "utils/rel.h"
#include "utils/ruleutils.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "catalog.h"

struct SdChecker
{
	SdTable    *table;
	ExprState **states;			/* one per table->checks[] */
	ExprContext *econtext;
	TupleTableSlot *slot;		/* virtual, the table's row type */
	MemoryContext evalcxt;		/* reset before each evaluation */
};

/* ---------------------------------------------------------------------
 * Privileges and row-type resolution
 * ---------------------------------------------------------------------
 */

static void
sd_check_table_privilege(Oid relid, AclMode mode)
{
	AclResult	aclresult;
	AclMode		m;

	/* check one privilege at a time so that the message names the relation */
	for (m = 1; m != 0 && m <= mode; m <<= 1)
	{
		if ((mode & m) == 0)
			continue;
		aclresult = pg_class_aclcheck(relid, GetUserId(), m);
		if (aclresult != ACLCHECK_OK)
			aclcheck_error(aclresult,
						   get_relkind_objtype(get_rel_relkind(relid)),
						   get_rel_name(relid));
	}
}

/*
 * The one way a writer keeps other writers out: checks that the user holds
 * mode on relid (42501), then locks it and, as LOCK TABLE does, every table
 * that inherits from it or is a partition of it, in SHARE ROW EXCLUSIVE
 * mode (which conflicts with itself and with INSERT/UPDATE/DELETE) until
 * the end of the transaction.
 */
void
sd_lock_for_write(Oid relid, AclMode mode)
{
	sd_check_table_privilege(relid, mode);
	LockRelationOid(relid, ShareRowExclusiveLock);
	if (has_subclass(relid))
		(void) find_all_inheritors(relid, ShareRowExclusiveLock, NULL);
}

Oid
sd_rowtype_relid(FunctionCallInfo fcinfo, int argno)
{
	Oid			typid = get_fn_expr_argtype(fcinfo->flinfo, argno);
	Oid			relid;
	char		relkind;

	if (!OidIsValid(typid))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("could not determine the row type of the first argument"),
				 errhint("Pass NULL::table_name.")));
	relid = get_typ_typrelid(typid);
	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("type %s is not a table's row type", format_type_be(typid)),
				 errhint("Pass NULL::table_name, where table_name is a table.")));
	relkind = get_rel_relkind(relid);
	if (relkind == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	if (relkind == RELKIND_COMPOSITE_TYPE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("type %s is not a table's row type", format_type_be(typid)),
				 errdetail("It is a free-standing composite type."),
				 errhint("Pass NULL::table_name, where table_name is a table.")));
	return relid;
}

int
sd_table_column(const SdTable *t, const char *name)
{
	int			i;

	for (i = 0; i < t->ncolumns; i++)
		if (strcmp(t->columns[i].name, name) == 0)
			return i;
	return -1;
}

/* ---------------------------------------------------------------------
 * Reading the catalog
 * ---------------------------------------------------------------------
 */

static void
read_column(SdColumn *c, Form_pg_attribute att)
{
	HeapTuple	tp;
	Form_pg_type typ;
	Oid			base;
	int32		basemod = att->atttypmod;

	c->name = pstrdup(NameStr(att->attname));
	c->attnum = att->attnum;
	c->typid = att->atttypid;
	c->typmod = att->atttypmod;
	c->collation = att->attcollation;
	c->notnull = att->attnotnull;
	c->has_default = att->atthasdef;
	c->identity = att->attidentity;
	c->generated = att->attgenerated;
	c->typlen = att->attlen;
	c->typbyval = att->attbyval;
	c->typalign = att->attalign;

	/* flatten domains, collecting NOT NULL on the way */
	base = att->atttypid;
	for (;;)
	{
		tp = SearchSysCache1(TYPEOID, ObjectIdGetDatum(base));
		if (!HeapTupleIsValid(tp))
			elog(ERROR, "cache lookup failed for type %u", base);
		typ = (Form_pg_type) GETSTRUCT(tp);
		if (typ->typtype != TYPTYPE_DOMAIN)
			break;
		c->is_domain = true;
		if (typ->typnotnull)
			c->notnull = true;
		/* the column's own typmod applies to the outermost domain only */
		basemod = typ->typtypmod;
		base = typ->typbasetype;
		ReleaseSysCache(tp);
	}
	c->basetypid = base;
	c->basetypmod = c->is_domain ? basemod : att->atttypmod;
	c->typcategory = typ->typcategory;
	c->is_enum = (typ->typtype == TYPTYPE_ENUM);
	c->is_range = (typ->typtype == TYPTYPE_RANGE);
	c->elemtype = InvalidOid;
	if (IsTrueArrayType(typ))
	{
		c->is_array = true;
		c->elemtype = typ->typelem;
	}
	ReleaseSysCache(tp);
}

static bool
calls_nextval(Node *node, void *context)
{
	if (node == NULL)
		return false;
	if (IsA(node, NextValueExpr))
		return true;
	if (IsA(node, FuncExpr) && ((FuncExpr *) node)->funcid == F_NEXTVAL)
		return true;
	return expression_tree_walker(node, calls_nextval, context);
}

/*
 * Does column att of rel take its values from a sequence: an identity
 * column, or a default that calls nextval() (serial, bigserial)?
 */
bool
sd_attr_from_sequence(Relation rel, Form_pg_attribute att)
{
	if (att->attisdropped)
		return false;
	if (att->attidentity)
		return true;
	if (!att->atthasdef || att->attgenerated)
		return false;
	return calls_nextval(build_column_default(rel, att->attnum), NULL);
}

static Bitmapset *
vars_to_columns(SdTable *t, Node *expr)
{
	Bitmapset  *attrs = NULL;
	Bitmapset  *cols = NULL;
	int			k = -1;

	pull_varattnos(expr, 1, &attrs);
	while ((k = bms_next_member(attrs, k)) >= 0)
	{
		AttrNumber	attnum = k + FirstLowInvalidHeapAttributeNumber;

		if (attnum > 0 && attnum <= t->natts && t->att2col[attnum - 1] >= 0)
			cols = bms_add_member(cols, t->att2col[attnum - 1]);
	}
	return cols;
}

static void
read_checks(SdTable *t, Relation rel)
{
	TupleConstr *constr = RelationGetDescr(rel)->constr;
	List	   *dpcontext;
	int			max = 0;
	int			i;

	dpcontext = deparse_context_for(t->relname, t->relid);

	if (constr)
		max += constr->num_check;
	for (i = 0; i < t->ncolumns; i++)
		if (t->columns[i].is_domain)
			max += 8;			/* grown below if needed */
	t->checks = palloc0(sizeof(SdCheck) * Max(max, 1));
	t->nchecks = 0;

	if (constr)
	{
		for (i = 0; i < constr->num_check; i++)
		{
			ConstrCheck *cc = &constr->check[i];
			SdCheck    *ck = &t->checks[t->nchecks++];
			Node	   *expr = stringToNode(cc->ccbin);

			ck->name = pstrdup(cc->ccname);
			ck->text = deparse_expression(expr, dpcontext, false, false);
			ck->expr = (Node *) expression_planner((Expr *) expr);
			ck->column = -1;
			ck->columns = vars_to_columns(t, expr);
		}
	}

	for (i = 0; i < t->ncolumns; i++)
	{
		DomainConstraintRef *ref;
		ListCell   *lc;

		if (!t->columns[i].is_domain)
			continue;

		/*
		 * The reference registers a reset callback on the current context
		 * that points at it, so it must live in that context too.
		 */
		ref = palloc0(sizeof(DomainConstraintRef));
		InitDomainConstraintRef(t->columns[i].typid, ref,
								CurrentMemoryContext, false);
		foreach(lc, ref->constraints)
		{
			DomainConstraintState *dcs = lfirst(lc);
			SdCheck    *ck;

			if (dcs->constrainttype != DOM_CONSTRAINT_CHECK)
				continue;
			if (t->nchecks >= max)
			{
				max *= 2;
				t->checks = repalloc(t->checks, sizeof(SdCheck) * max);
			}
			ck = &t->checks[t->nchecks++];
			memset(ck, 0, sizeof(SdCheck));
			ck->name = pstrdup(dcs->name);
			ck->expr = copyObject((Node *) dcs->check_expr);
			ck->text = deparse_expression(ck->expr, NIL, false, false);
			ck->column = i;
			ck->columns = bms_make_singleton(i);
		}
	}
}

/*
 * A partitioned table accepts a row only if some leaf partition does: the
 * OR of the leaves' partition constraints (each including its ancestors'),
 * mapped to the parent's attribute numbers, becomes one more check named
 * "partition bounds".  A default partition's constraint is the negation of
 * its siblings', so this is exact.
 */
static void
read_partition_bounds(SdTable *t, Relation rel)
{
	List	   *leaves = NIL;
	List	   *all;
	ListCell   *lc;
	SdCheck    *ck;
	Expr	   *expr;

	if (t->relkind != RELKIND_PARTITIONED_TABLE)
		return;
	all = find_all_inheritors(t->relid, AccessShareLock, NULL);
	foreach(lc, all)
	{
		Oid			child = lfirst_oid(lc);
		Relation	crel;
		List	   *qual;

		if (child == t->relid || get_rel_relkind(child) == RELKIND_PARTITIONED_TABLE)
			continue;
		crel = relation_open(child, AccessShareLock);
		qual = RelationGetPartitionQual(crel);
		qual = map_partition_varattnos(qual, 1, crel, rel);
		leaves = lappend(leaves, make_ands_explicit(qual));
		relation_close(crel, NoLock);
	}
	t->checks = repalloc(t->checks, sizeof(SdCheck) * (t->nchecks + 1));
	ck = &t->checks[t->nchecks++];
	memset(ck, 0, sizeof(SdCheck));
	if (leaves == NIL)
		expr = (Expr *) makeBoolConst(false, false);	/* no partitions: nothing fits */
	else if (list_length(leaves) == 1)
		expr = linitial(leaves);
	else
		expr = makeBoolExpr(OR_EXPR, leaves, -1);
	ck->name = pstrdup("partition bounds");
	ck->expr = (Node *) expression_planner(expr);
	ck->text = deparse_expression((Node *) expr,
								  deparse_context_for(t->relname, t->relid),
								  false, false);
	ck->column = -1;
	ck->columns = vars_to_columns(t, (Node *) expr);
}

static void
read_keys(SdTable *t, Relation rel)
{
	List	   *indexes = RelationGetIndexList(rel);
	List	   *dpcontext = deparse_context_for(t->relname, t->relid);
	ListCell   *lc;

	t->keys = palloc0(sizeof(SdUniqueKey) * Max(list_length(indexes), 1));
	t->nkeys = 0;
	foreach(lc, indexes)
	{
		Oid			indexoid = lfirst_oid(lc);
		Relation	irel = index_open(indexoid, AccessShareLock);
		Form_pg_index ind = irel->rd_index;
		SdUniqueKey *k;
		List	   *pred;
		int			j;

		if (!ind->indisunique || !ind->indisvalid)
		{
			index_close(irel, AccessShareLock);
			continue;
		}
		k = &t->keys[t->nkeys++];
		k->name = pstrdup(RelationGetRelationName(irel));
		k->indexoid = indexoid;
		k->primary = ind->indisprimary;
		k->nulls_not_distinct = ind->indnullsnotdistinct;
		k->cols = palloc(sizeof(int) * ind->indnkeyatts);
		k->ncols = 0;
		for (j = 0; j < ind->indnkeyatts; j++)
		{
			AttrNumber	a = ind->indkey.values[j];

			if (a == 0)
				k->has_expressions = true;
			else if (t->att2col[a - 1] >= 0)
				k->cols[k->ncols++] = t->att2col[a - 1];
		}
		pred = RelationGetIndexPredicate(irel);
		if (pred != NIL)
		{
			Expr	   *p = make_ands_explicit(pred);

			k->predicate = (Node *) copyObject(p);
			k->predicate_text = deparse_expression((Node *) p, dpcontext,
												   false, false);
		}
		index_close(irel, AccessShareLock);
	}
	list_free(indexes);
}

/* the constraint a partition's constraint was inherited from, or InvalidOid */
static Oid
constraint_parent(Oid conoid)
{
	HeapTuple	tp = SearchSysCache1(CONSTROID, ObjectIdGetDatum(conoid));
	Oid			parent;

	if (!HeapTupleIsValid(tp))
		elog(ERROR, "cache lookup failed for constraint %u", conoid);
	parent = ((Form_pg_constraint) GETSTRUCT(tp))->conparentid;
	ReleaseSysCache(tp);
	return parent;
}

/* does the table already have a foreign key to refrelid on these columns? */
static bool
fkey_known(SdTable *t, Oid refrelid, int ncols, const int *cols,
		   const AttrNumber *refattnums)
{
	int			i,
				j;

	for (i = 0; i < t->nfkeys; i++)
	{
		SdForeignKey *f = &t->fkeys[i];
		bool		same = (f->refrelid == refrelid && f->ncols == ncols);

		for (j = 0; same && j < ncols; j++)
			same = (f->cols[j] == cols[j] && f->refattnums[j] == refattnums[j]);
		if (same)
			return true;
	}
	return false;
}

/* a foreign key of the table's columns cols (-1: not a column of it) */
static void
fkey_fill(SdTable *t, SdForeignKey *f, ForeignKeyCacheInfo *fk, const int *cols)
{
	int			j;

	f->conoid = fk->conoid;
	f->name = get_constraint_name(fk->conoid);
	f->refrelid = fk->confrelid;
	f->refname = quote_qualified_identifier(get_namespace_name(get_rel_namespace(fk->confrelid)),
											get_rel_name(fk->confrelid));
	f->self = (fk->confrelid == t->relid);
	f->ncols = fk->nkeys;
	f->cols = palloc(sizeof(int) * fk->nkeys);
	f->refattnums = palloc(sizeof(AttrNumber) * fk->nkeys);
	f->refcolnames = palloc(sizeof(char *) * fk->nkeys);
	f->nullable = true;
	for (j = 0; j < fk->nkeys; j++)
	{
		f->cols[j] = cols[j];
		if (cols[j] < 0 || t->columns[cols[j]].notnull)
			f->nullable = false;
		f->refattnums[j] = fk->confkey[j];
		f->refcolnames[j] = get_attname(fk->confrelid, fk->confkey[j], false);
	}
}

/*
 * A foreign key declared on a leaf partition only (not inherited from the
 * parent) binds every row routed there; the parent honours it for all its
 * rows, so that values never point nowhere and a schema fill orders the
 * referenced table first.  Columns are matched by name.
 */
static void
read_partition_fkeys(SdTable *t)
{
	List	   *all;
	ListCell   *lc;

	if (t->relkind != RELKIND_PARTITIONED_TABLE)
		return;
	all = find_all_inheritors(t->relid, AccessShareLock, NULL);
	foreach(lc, all)
	{
		Oid			child = lfirst_oid(lc);
		Relation	crel;
		ListCell   *fl;

		if (child == t->relid)
			continue;
		crel = relation_open(child, AccessShareLock);
		foreach(fl, RelationGetFKeyList(crel))
		{
			ForeignKeyCacheInfo *fk = lfirst(fl);
			int			cols[INDEX_MAX_KEYS];
			bool		ok = true;
			int			j;
			SdForeignKey *f;

			if (OidIsValid(constraint_parent(fk->conoid)))
				continue;		/* inherited: the parent has it */
			for (j = 0; j < fk->nkeys && ok; j++)
			{
				char	   *name = get_attname(child, fk->conkey[j], false);

				cols[j] = sd_table_column(t, name);
				ok = (cols[j] >= 0);
			}
			if (!ok || fkey_known(t, fk->confrelid, fk->nkeys, cols, fk->confkey))
				continue;
			t->fkeys = repalloc(t->fkeys, sizeof(SdForeignKey) * (t->nfkeys + 1));
			f = &t->fkeys[t->nfkeys++];
			memset(f, 0, sizeof(SdForeignKey));
			fkey_fill(t, f, fk, cols);
		}
		relation_close(crel, AccessShareLock);
	}
}

static void
read_fkeys(SdTable *t, Relation rel)
{
	List	   *fks = RelationGetFKeyList(rel);
	ListCell   *lc;

	t->fkeys = palloc0(sizeof(SdForeignKey) * Max(list_length(fks), 1));
	t->nfkeys = 0;
	foreach(lc, fks)
	{
		ForeignKeyCacheInfo *fk = lfirst(lc);
		int			cols[INDEX_MAX_KEYS];
		int			j;

		for (j = 0; j < fk->nkeys; j++)
			cols[j] = t->att2col[fk->conkey[j] - 1];
		fkey_fill(t, &t->fkeys[t->nfkeys++], fk, cols);
	}
}

SdTable *
sd_table_open(Oid relid, AclMode mode)
{
	Relation	rel;
	SdTable    *t;
	TupleDesc	desc;
	int			i;

	if (mode != 0)
		sd_check_table_privilege(relid, mode);

	rel = relation_open(relid, AccessShareLock);
	t = palloc0(sizeof(SdTable));
	t->relid = relid;
	t->reltype = rel->rd_rel->reltype;
	t->relkind = rel->rd_rel->relkind;
	t->nspname = get_namespace_name(RelationGetNamespace(rel));
	t->relname = pstrdup(RelationGetRelationName(rel));
	t->qualname = quote_qualified_identifier(t->nspname, t->relname);

	desc = RelationGetDescr(rel);
	t->tupdesc = CreateTupleDescCopy(desc);
	t->natts = desc->natts;
	t->columns = palloc0(sizeof(SdColumn) * Max(desc->natts, 1));
	t->att2col = palloc(sizeof(int) * Max(desc->natts, 1));
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped)
		{
			t->att2col[i] = -1;
			continue;
		}
		t->att2col[i] = t->ncolumns;
		read_column(&t->columns[t->ncolumns], att);
		t->columns[t->ncolumns].from_sequence = sd_attr_from_sequence(rel, att);
		t->ncolumns++;
	}

	read_checks(t, rel);
	read_partition_bounds(t, rel);
	read_keys(t, rel);
	read_fkeys(t, rel);
	read_partition_fkeys(t);

	relation_close(rel, NoLock);
	return t;
}

/* ---------------------------------------------------------------------
 * The checker
 * ---------------------------------------------------------------------
 */

SdChecker *
sd_checker_create(SdTable *t)
{
	SdChecker  *chk = palloc0(sizeof(SdChecker));
	int			i;

	chk->table = t;
	chk->states = palloc0(sizeof(ExprState *) * Max(t->nchecks, 1));
	for (i = 0; i < t->nchecks; i++)
		chk->states[i] = ExecInitCheck(list_make1(t->checks[i].expr), NULL);
	chk->econtext = CreateStandaloneExprContext();
	chk->slot = MakeSingleTupleTableSlot(t->tupdesc, &TTSOpsVirtual);
	chk->econtext->ecxt_scantuple = chk->slot;
	chk->evalcxt = chk->econtext->ecxt_per_tuple_memory;
	return chk;
}

int
sd_checker_check_column(SdChecker *chk, int c, Datum *values, bool *nulls)
{
	SdTable    *t = chk->table;
	TupleTableSlot *slot = chk->slot;
	int			i;

	if (t->nchecks == 0)
		return -1;

	ExecClearTuple(slot);
	memcpy(slot->tts_values, values, sizeof(Datum) * t->natts);
	memcpy(slot->tts_isnull, nulls, sizeof(bool) * t->natts);
	ExecStoreVirtualTuple(slot);

	for (i = 0; i < t->nchecks; i++)
	{
		SdCheck    *ck = &t->checks[i];
		bool		ok;

		if (c >= 0 && !bms_is_member(c, ck->columns))
			continue;
		if (ck->column >= 0)
		{
			AttrNumber	a = t->columns[ck->column].attnum;

			/* a NULL passes a domain CHECK (NOT NULL is separate) */
			if (nulls[a - 1])
				continue;
			chk->econtext->domainValue_datum = values[a - 1];
			chk->econtext->domainValue_isNull = false;
		}
		ok = ExecCheck(chk->states[i], chk->econtext);
		ResetExprContext(chk->econtext);
		if (!ok)
			return i;
	}
	return -1;
}

int
sd_checker_check(SdChecker *chk, Datum *values, bool *nulls)
{
	return sd_checker_check_column(chk, -1, values, nulls);
}
