/*-------------------------------------------------------------------------
 *
 * generate_unique.c
 *		Unique keys by construction: the decoding of a position of the
 *		keyed Feistel permutation (keygen.c) into a key's dimensions, and
 *		the probes of an existing unique index.
 *
 * The probes read the key's own unique index with a dirty snapshot; no SPI,
 * no writes, and no set of seen values is ever kept (memory stays
 * constant whatever the number of rows).
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/generate_unique.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/genam.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_class.h"
#include "catalog/pg_inherits.h"
#include "executor/tuptable.h"
#include "mb/pg_wchar.h"
#include "storage/bufmgr.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/uuid.h"

#include "generate_int.h"

/* ---------------------------------------------------------------------
 * Unique keys by construction
 * ---------------------------------------------------------------------
 */

/* size of a pattern's value space (saturating), see fake.h for the syntax */
static uint64
pattern_space(const char *p)
{
	uint64		size = 1;

	for (; *p; p++)
	{
		int			k = 1;

		switch (*p)
		{
			case 'A':
			case 'a':
				k = 26;
				break;
			case '9':
				k = 10;
				break;
			case '#':
				k = 9;
				break;
			case '?':
				k = 52;
				break;
			case 'X':
			case 'x':
				k = 36;
				break;
			case '*':
				k = 62;
				break;
			case 'H':
			case 'h':
				k = 16;
				break;
			case '\\':
				if (p[1])
					p++;
				break;
			default:
				break;
		}
		size = sdg_sat_mul(size, k);
	}
	return size;
}

/* the idx-th value of a pattern (mixed radix, last character fastest) */
static char *
pattern_decode(const char *p, uint64 idx)
{
	static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	static const char lower[] = "abcdefghijklmnopqrstuvwxyz";
	static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	static const char upal[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static const char lowal[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	static const char all[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	int			len = strlen(p);
	char	   *out = palloc(len + 1);
	int			o = 0,
				i;
	const char **cls = palloc(sizeof(char *) * (len + 1));

	/* first pass: classes in order, literals kept */
	for (i = 0; i < len; i++)
	{
		const char *c = NULL;

		switch (p[i])
		{
			case 'A':
				c = upper;
				break;
			case 'a':
				c = lower;
				break;
			case '9':
				c = "0123456789";
				break;
			case '#':
				c = "123456789";
				break;
			case '?':
				c = letters;
				break;
			case 'X':
				c = upal;
				break;
			case 'x':
				c = lowal;
				break;
			case '*':
				c = all;
				break;
			case 'H':
				c = "0123456789ABCDEF";
				break;
			case 'h':
				c = "0123456789abcdef";
				break;
			case '\\':
				if (i + 1 < len)
					i++;
				break;
			default:
				break;
		}
		cls[o] = c;
		out[o++] = p[i];
	}
	out[o] = '\0';
	for (i = o - 1; i >= 0; i--)
	{
		if (cls[i] == NULL)
			continue;
		out[i] = cls[i][idx % strlen(cls[i])];
		idx /= strlen(cls[i]);
	}
	return out;
}

static int
digits(uint64 v)
{
	int			d = 1;

	while (v >= 10)
	{
		v /= 10;
		d++;
	}
	return d;
}

/* how many distinct values a unique column dimension can take */
uint64
sdg_dim_natural_size(GenPlan *plan, ColGen *g, const char *pattern)
{
	double		r;

	if (pattern)
		return Min(pattern_space(pattern), SD_UNBOUNDED);
	if (g->nchoices > 0)
		return g->nchoices;
	switch (g->akind)
	{
		case A_INT:
			/* keys without a lower bound count from 1: 1..32767 for smallint */
			r = floor(g->hi / g->ustep + 1e-9) -
				(g->has_lo ? ceil(g->lo / g->ustep - 1e-9) : 1) + 1;
			return r >= (double) SD_UNBOUNDED ? SD_UNBOUNDED : r < 1 ? 0 : (uint64) r;
		case A_NUMERIC:
		case A_FLOAT:
			r = floor(g->hi / g->ustep + 1e-9) - ceil(g->lo / g->ustep - 1e-9) + 1;
			return r >= (double) SD_UNBOUNDED ? SD_UNBOUNDED : r < 1 ? 0 : (uint64) r;
		case A_DATE:
		case A_TIMESTAMP:
			if (!g->has_lo || !g->has_hi)
				return SD_UNBOUNDED;
			r = floor((g->hi - g->lo) / sdg_resolution(g)) + 1;
			return r >= (double) SD_UNBOUNDED ? SD_UNBOUNDED : r < 1 ? 0 : (uint64) r;
		case A_TEXT:
			if (g->maxlen >= 0)
				return g->maxlen >= 18 ? SD_UNBOUNDED :
					(uint64) sdg_pow10i(g->maxlen);
			return SD_UNBOUNDED;
		case A_ENUM:
			return g->ti.nlabels;
		case A_BOOL:
			return 2;
		case A_UUID:
			return SD_UNBOUNDED;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("cannot generate unique values of type %s for column \"%s\"",
							format_type_be(plan->t->columns[g->col].typid),
							plan->t->columns[g->col].name),
					 errhint("Give the column a rule that is unique by itself, e.g. a seq() or a pattern().")));
	}
	return 0;
}

/* the idx-th value of a unique column (idx < the dimension's size) */
static void
dim_value(GenPlan *plan, ColGen *g, const char *pattern, int fake_kind,
		  uint64 idx, uint64 size, uint64 row, SdVal *out, Datum *direct,
		  bool *has_direct)
{
	double		base;
	SdColumn   *c = &plan->t->columns[g->col];

	*has_direct = false;
	out->text = NULL;
	if (pattern)
	{
		out->kind = SDV_TEXT;
		out->text = pattern_decode(pattern, idx);
		return;
	}
	if (g->nchoices > 0)
	{
		*out = g->choices[idx];
		return;
	}
	switch (g->akind)
	{
		case A_INT:
		case A_NUMERIC:
		case A_FLOAT:
			if (g->has_lo)
				base = ceil(g->lo / g->ustep - 1e-9);
			else if (g->has_hi)
				base = floor(g->hi / g->ustep + 1e-9) - (double) (size - 1);
			else
			{
				/* from 1 up when the positive part of the type has room */
				base = Max(1, ceil(g->lo / g->ustep - 1e-9));
				if (floor(g->hi / g->ustep + 1e-9) - base + 1 < (double) size)
					base = ceil(g->lo / g->ustep - 1e-9);
			}
			out->kind = SDV_NUM;
			/* base + index in steps; the key's domain bounds idx */
			out->num = (base + (double) idx) * g->ustep;
			return;
		case A_DATE:
		case A_TIMESTAMP:
			out->kind = SDV_TIME;
			base = (g->ustep > 1) ? g->ustep : sdg_resolution(g);
			if (g->has_lo)
				out->num = g->lo + (double) idx * base;
			else
				out->num = (g->has_hi ? g->hi : SD_ANCHOR_USECS) - (double) idx * base;
			if (g->akind == A_DATE)
				out->num = floor(out->num / SD_USECS_PER_DAY) * SD_USECS_PER_DAY;
			return;
		case A_TEXT:
			{
				StringInfoData buf;
				int			width = digits(size > 0 ? size - 1 : 0);
				int			kind = fake_kind;

				initStringInfo(&buf);
				out->kind = SDV_TEXT;
				if (kind != SD_FAKE_NONE)
				{
					/*
					 * The row's fake made unique by the index (keygen.c):
					 * an email or a username as augmentation and cloning
					 * make theirs; a value with digits of its own (a phone
					 * number, an id) keeps its format with the index in
					 * its last digits; any other takes the index + 1.
					 */
					SdRng		rng = g->rng;
					bool		ok;

					sd_rng_seek(&rng, row);
					sd_fake_generate(kind, plan->locale, plan->person_seed, row, &rng, &buf);
					if (kind == SD_FAKE_EMAIL || kind == SD_FAKE_USERNAME)
						ok = sd_key_fake_unique(&buf, 0, (int64) idx, g->maxlen);
					else
						ok = sd_key_digits(&buf, idx, width) ||
							sd_key_fake_unique(&buf, 0, (int64) idx, g->maxlen);
					if (ok && (g->maxlen < 0 || pg_mbstrlen(buf.data) <= g->maxlen))
					{
						out->text = buf.data;
						return;
					}
					/* too long even so: fall back to a plain code */
					resetStringInfo(&buf);
				}
				{
					/* a code: "SKU-000042", or just the digits when short of room */
					char		prefix[8];
					int			k = 0;
					const char *p;

					for (p = c->name; *p && k < 3; p++)
						if (isalnum((unsigned char) *p))
							prefix[k++] = pg_ascii_toupper((unsigned char) *p);
					prefix[k++] = '-';
					prefix[k] = '\0';
					if (g->maxlen >= 0 && width + k > g->maxlen)
						prefix[0] = '\0';
					sd_key_code(&buf, prefix, width, idx);
					out->text = buf.data;
				}
				return;
			}
		case A_ENUM:
			*direct = g->ti.labels[idx];
			*has_direct = true;
			out->kind = SDV_TEXT;
			out->text = g->ti.labeltext[idx];
			return;
		case A_BOOL:
			out->kind = SDV_BOOL;
			out->num = (double) idx;
			return;
		case A_UUID:
			{
				/* the column's key and the index: keygen.c's uuid shape */
				pg_uuid_t  *u = palloc(sizeof(pg_uuid_t));

				sd_key_uuid(sd_key_derive(plan->seed, g->stream), idx, u->data);
				*direct = UUIDPGetDatum(u);
				*has_direct = true;
				out->kind = SDV_TEXT;
				out->text = DatumGetCString(DirectFunctionCall1(uuid_out, *direct));
				return;
			}
		default:
			break;
	}
	elog(ERROR, "unexpected unique generator kind %d", g->akind);
}

/* Oids of the leaf indexes behind a (possibly partitioned) unique index */
List *
sdg_leaf_indexes(Oid indexoid)
{
	List	   *all;
	List	   *leaves = NIL;
	ListCell   *lc;

	if (get_rel_relkind(indexoid) != RELKIND_PARTITIONED_INDEX)
		return list_make1_oid(indexoid);
	all = find_all_inheritors(indexoid, AccessShareLock, NULL);
	foreach(lc, all)
		if (get_rel_relkind(lfirst_oid(lc)) == RELKIND_INDEX)
			leaves = lappend_oid(leaves, lfirst_oid(lc));
	return leaves;
}

/*
 * Is a row with these key values in the index, committed or being
 * inserted?  A dirty snapshot sees both, as the unique check itself does.
 */
bool
sdg_index_has_key(Relation hrel, Relation irel, ScanKey skeys, int nkeys)
{
	SnapshotData snap;
	IndexScanDesc scan;
	TupleTableSlot *slot;
	bool		found;

	InitDirtySnapshot(snap);
	scan = index_beginscan(hrel, irel, &snap, nkeys, 0);
	index_rescan(scan, skeys, nkeys, NULL, 0);
	slot = table_slot_create(hrel, NULL);
	found = index_getnext_slot(scan, ForwardScanDirection, slot);
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	return found;
}

/*
 * Does a row with these key values exist (or is one being inserted)?
 */
bool
sdg_key_exists(GenPlan *plan, UniqueGroup *ug)
{
	ListCell   *lc;
	bool		found = false;
	int			j;

	/* NULLs never conflict (NULLS NOT DISTINCT keys are left to the index) */
	for (j = 0; j < ug->nkeycols; j++)
		if (plan->nulls[plan->t->columns[ug->keycols[j]].attnum - 1])
			return false;

	foreach(lc, ug->leafindexes)
	{
		Relation	irel = index_open(lfirst_oid(lc), AccessShareLock);
		Relation	hrel = table_open(irel->rd_index->indrelid, AccessShareLock);
		ScanKeyData skeys[INDEX_MAX_KEYS];
		int			j;

		for (j = 0; j < ug->nkeycols; j++)
		{
			Oid			opfamily = irel->rd_opfamily[j];
			Oid			intype = irel->rd_opcintype[j];
			Oid			eqop = get_opfamily_member(opfamily, intype, intype,
												   BTEqualStrategyNumber);
			AttrNumber	a = plan->t->columns[ug->keycols[j]].attnum;

			if (!OidIsValid(eqop))
				elog(ERROR, "missing equality operator for index \"%s\"",
					 RelationGetRelationName(irel));
			ScanKeyEntryInitialize(&skeys[j], 0, j + 1, BTEqualStrategyNumber,
								   intype, irel->rd_indcollation[j],
								   get_opcode(eqop), plan->values[a - 1]);
		}
		found = sdg_index_has_key(hrel, irel, skeys, ug->nkeycols);
		table_close(hrel, AccessShareLock);
		index_close(irel, AccessShareLock);
		if (found)
			break;
	}
	return found;
}

/* set the columns of a foreign-key group to parent key k */
void
sdg_set_fk(GenPlan *plan, FkGroup *fg, int k)
{
	int			j;

	for (j = 0; j < fg->fk->ncols; j++)
	{
		int			c = fg->fk->cols[j];
		AttrNumber	a = plan->t->columns[c].attnum;

		if (k < 0)
		{
			plan->nulls[a - 1] = true;
			plan->vals[c].kind = SDV_NULL;
		}
		else
		{
			plan->values[a - 1] = fg->keys[(Size) k * fg->fk->ncols + j];
			plan->nulls[a - 1] = false;
			plan->vals[c] = fg->keyvals[(Size) k * fg->fk->ncols + j];
		}
		plan->done[c] = true;
	}
}

void
sdg_set_col(GenPlan *plan, int c, SdVal *v, Datum direct, bool has_direct)
{
	AttrNumber	a = plan->t->columns[c].attnum;

	plan->vals[c] = *v;
	if (v->kind == SDV_NULL && !has_direct)
	{
		plan->nulls[a - 1] = true;
		plan->values[a - 1] = (Datum) 0;
	}
	else
	{
		plan->nulls[a - 1] = false;
		plan->values[a - 1] = has_direct ? direct :
			sdg_val_to_datum(plan, c, &plan->gens[c].ti, v);
	}
	plan->done[c] = true;
}

/* the next permutation position of a unique group for this row */
void
sdg_unique_advance(GenPlan *plan, UniqueGroup *ug, uint64 row)
{
	/* probing takes positions in turn; otherwise row i takes position i */
	uint64		pos = ug->probe ? ug->next_pos++ : row;

	if (pos >= ug->domain)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("ran out of unique values for key \"%s\" of table \"%s\"",
						ug->key ? ug->key->name : plan->t->columns[ug->dims[0].col].name,
						plan->t->relname),
				 errdetail("The key's domain holds " UINT64_FORMAT " values and the table already has " INT64_FORMAT " rows.",
						   ug->domain, plan->existing)));
	ug->cur_pos = pos;
}

/* set the group's columns from its current position */
void
sdg_unique_row(GenPlan *plan, UniqueGroup *ug, uint64 row)
{
	uint64		x;
	int			d;

	x = ug->unpermuted ? ug->cur_pos : sd_perm_apply(&ug->perm, ug->cur_pos);
	for (d = 0; d < ug->ndims; d++)
	{
		UDim	   *dim = &ug->dims[d];
		uint64		idx = x % dim->size;

		x /= dim->size;
		if (dim->fk >= 0)
			sdg_set_fk(plan, &plan->fks[dim->fk], (int) idx);
		else
		{
			ColGen	   *g = &plan->gens[dim->col];
			SdVal		v;
			Datum		direct = (Datum) 0;
			bool		hd;

			dim_value(plan, g, g->pattern, g->fake_kind, idx, dim->size,
					  row, &v, &direct, &hd);
			sdg_set_col(plan, dim->col, &v, direct, hd);
		}
	}
}
