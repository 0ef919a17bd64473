/*-------------------------------------------------------------------------
 *
 * augment.c
 *		SQL-callable augmentation: synth_augment() returns n new rows that
 *		look like a table's rows.
 *
 * Methods:
 *	noise	real rows, each used once per pass over the table in a seeded
 *			order, with numeric and temporal values jittered by normal noise
 *			of scale x (the column's standard deviation) and categorical
 *			values replaced, with probability flip, by a draw from the
 *			column's observed frequencies (a form of the "noise injection"
 *			of Bishop, "Training with noise is equivalent to Tikhonov
 *			regularization", Neural Computation 7(1), 1995).  The noise is
 *			cut off symmetrically at the distance to the nearer bound of the
 *			observed range, so values stay in range and means are kept.
 *	smote	new rows of the classes of a label column, each on the segment
 *			between a row of the class and one of its k nearest neighbours
 *			of the same class (Chawla et al., JAIR 16, 2002; see
 *			impute_engine.c), for one class or, with balance, for every class
 *			so that all classes end up equally large.
 *	model	rows drawn by synth_sample from a synth_fit model of the table,
 *			optionally only those that meet a condition (rejection).
 *
 * Values follow the table's types as in impute.c (rounded, typmod
 * coerced, numeric values within the observed range, rows checked against
 * the CHECK constraints of the table and its domains,
 * categorical values observed ones).  Columns of a unique key are
 * regenerated so that the new rows collide neither with each other nor
 * with the table: integers count up from the largest value in the table,
 * uuids are random (version 4), text keys are 32 random hex digits, or,
 * for a column named like an email or a username, a fake of the row's
 * person made unique by the row number (name.surname42@example.com).
 * Generated columns are NULL: PostgreSQL computes them on insert.
 *
 * Row i of the output (i = start + position) is a pure function of
 * (seed, the stream named after its purpose, i) and of the table.
 *
 * Layer: SQL-facing (defines SQL-callable functions).  Must validate every
 * argument before it reaches the layers below, and must not let a real
 * value out (results or messages) where an anonymized one was asked for.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/augment.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/uuid.h"

#include "distributions.h"
#include "fake.h"
#include "impute.h"
#include "impute_engine.h"
#include "keygen.h"
#include "neighbors.h"
#include "synthdata.h"

typedef enum AugMethod
{
	AUG_NOISE,
	AUG_SMOTE,
	AUG_MODEL
} AugMethod;

typedef struct AugSpec
{
	AugMethod	method;
	double		scale;			/* noise: jitter, in standard deviations */
	double		flip;			/* noise: categorical flip probability */
	char	   *label;			/* smote: the class column */
	int			k;				/* smote: neighbours */
	bool		balance;		/* smote: equalise the classes */
	char	   *class;			/* smote: the class to grow (text) */
	Jsonb	   *condition;		/* model: {column: value, ...} or NULL */
	Jsonb	   *fit;			/* model: options of synth_fit */
	Jsonb	   *model;			/* model: a synth_fit model to use */
} AugSpec;

/* how a key column gets fresh values */
typedef enum KeyKind
{
	KEY_INTEGER,
	KEY_UUID,
	KEY_TEXT
} KeyKind;

typedef struct KeyGen
{
	KeyKind		kind;
	double		base;			/* integer: first new value */
	double		limit;			/* integer: largest value of the type */
	uint64		stream;			/* uuid, text */
	SdFakeKind	fake;			/* text: an email or username column gets fakes */
} KeyGen;

/* everything a row needs */
typedef struct AugState
{
	SdImpTable *t;
	AugSpec    *spec;
	uint64		seed;
	KeyGen	   *keys;			/* per column (key columns only) */
	uint64	   *streams;		/* per feature */
	Datum	   *live;			/* a source row */
	bool	   *livenull;
	Datum	   *values;			/* the output row (row type layout) */
	bool	   *nulls;
	uint64		smote_stream;
} AugState;

/* how many redraws a row gets to satisfy the CHECK constraints */
#define SD_AUG_RETRIES 100

/* ---------------------------------------------------------------------
 * Arguments
 * ---------------------------------------------------------------------
 */

static void
augment_parse(FunctionCallInfo fcinfo, AugSpec *spec)
{
	static const char *const noise_opts[] = {"scale", "flip", NULL};
	static const char *const smote_opts[] = {"label", "k", "balance", "class", NULL};
	static const char *const model_opts[] = {"condition", "fit", "model", NULL};
	char	   *m;
	Jsonb	   *opts;
	int64		iv;

	sd_arg_not_null(fcinfo, 2, "method");
	m = text_to_cstring(PG_GETARG_TEXT_PP(2));
	opts = PG_ARGISNULL(3) ? NULL : PG_GETARG_JSONB_P(3);

	memset(spec, 0, sizeof(AugSpec));
	spec->scale = 0.1;
	spec->flip = 0.05;
	spec->k = 5;
	if (strcmp(m, "noise") == 0)
	{
		spec->method = AUG_NOISE;
		sd_opts_check(opts, noise_opts, "method \"noise\"");
		sd_opt_float(opts, "scale", 0, 100, &spec->scale);
		sd_opt_float(opts, "flip", 0, 1, &spec->flip);
	}
	else if (strcmp(m, "smote") == 0)
	{
		spec->method = AUG_SMOTE;
		sd_opts_check(opts, smote_opts, "method \"smote\"");
		spec->label = sd_opt_text(opts, "label");
		if (spec->label == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("method \"smote\" requires the option \"label\""),
					 errhint("Name the class column, e.g. '{\"label\": \"diagnosis\"}'.")));
		if (sd_opt_int(opts, "k", 1, 1000, &iv))
			spec->k = (int) iv;
		sd_opt_bool(opts, "balance", &spec->balance);
		spec->class = sd_opt_text(opts, "class");
		if (spec->balance && spec->class != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("options \"balance\" and \"class\" cannot be combined"),
					 errdetail("With balance, every class gets the rows it needs.")));
	}
	else if (strcmp(m, "model") == 0)
	{
		spec->method = AUG_MODEL;
		sd_opts_check(opts, model_opts, "method \"model\"");
		spec->condition = sd_opt_object(opts, "condition");
		spec->fit = sd_opt_object(opts, "fit");
		spec->model = sd_opt_object(opts, "model");
		if (spec->fit != NULL && spec->model != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("options \"fit\" and \"model\" cannot be combined"),
					 errdetail("\"fit\" configures a new fit; \"model\" supplies a fitted one.")));
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unrecognized augmentation method \"%s\"", m),
				 errhint("Valid methods are noise, smote and model.")));
}

/* ---------------------------------------------------------------------
 * Keys
 * ---------------------------------------------------------------------
 */

static void
keys_prepare(AugState *st)
{
	SdImpTable *t = st->t;
	int			i,
				r;

	st->keys = palloc0(sizeof(KeyGen) * Max(t->ncols, 1));
	for (i = 0; i < t->ncols; i++)
	{
		SdImpColumn *c = &t->cols[i];
		KeyGen	   *kg = &st->keys[i];

		if (!c->key)
			continue;
		kg->stream = sd_stream_id(psprintf("synth_augment key %s", c->name));
		switch (c->basetype)
		{
			case INT2OID:
			case INT4OID:
			case INT8OID:
				{
					double		max = 0;
					bool		any = false;

					kg->kind = KEY_INTEGER;
					kg->limit = sd_key_integer_limit(c->basetype == INT2OID ? 2 :
													 c->basetype == INT4OID ? 4 : 8);
					for (r = 0; r < t->nrows; r++)
					{
						bool		isnull;
						Datum		d;
						double		v;

						sd_imp_deform(t, r, st->live, st->livenull);
						isnull = st->livenull[i];
						d = st->live[i];
						if (isnull)
							continue;
						v = (c->basetype == INT2OID) ? DatumGetInt16(d)
							: (c->basetype == INT4OID) ? DatumGetInt32(d)
							: (double) DatumGetInt64(d);
						if (!any || v > max)
							max = v;
						any = true;
					}
					kg->base = any ? max + 1 : 1;
					break;
				}
			case UUIDOID:
				kg->kind = KEY_UUID;
				break;
			case TEXTOID:
			case VARCHAROID:
			case BPCHAROID:
				kg->kind = KEY_TEXT;
				kg->fake = sd_fake_kind_from_column(c->name);
				if (kg->fake != SD_FAKE_EMAIL && kg->fake != SD_FAKE_USERNAME)
					kg->fake = SD_FAKE_NONE;
				if (c->basetypmod >= 0 && c->basetypmod - VARHDRSZ < 32)
					ereport(ERROR,
							(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
							 errmsg("cannot generate values for unique column \"%s\"", c->name),
							 errdetail("New text keys are 32 characters long; the column holds %d.",
									   c->basetypmod - VARHDRSZ)));
				break;
			default:
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("cannot generate values for unique column \"%s\" of type %s",
								c->name, format_type_be(c->typid)),
						 errdetail("Augmentation regenerates keys of integer, uuid and text types only.")));
		}
	}
}

static Datum
key_value(AugState *st, int col, uint64 row)
{
	SdImpColumn *c = &st->t->cols[col];
	KeyGen	   *kg = &st->keys[col];
	Datum		d;

	switch (kg->kind)
	{
		case KEY_INTEGER:
			{
				double		v;

				if (!sd_key_integer(kg->base, row, kg->limit, &v))
					ereport(ERROR,
							(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
							 errmsg("no more new values for key column \"%s\"", c->name),
							 errdetail("The next value would exceed the range of type %s.",
									   format_type_be(c->basetype))));
				d = (c->basetype == INT2OID) ? Int16GetDatum((int16) v)
					: (c->basetype == INT4OID) ? Int32GetDatum((int32) v)
					: Int64GetDatum((int64) v);
				break;
			}
		case KEY_UUID:
			{
				pg_uuid_t  *u = palloc(sizeof(pg_uuid_t));
				SdRng		rng;
				int			i;

				sd_rng_init(&rng, st->seed, kg->stream);
				sd_rng_seek(&rng, row);
				for (i = 0; i < UUID_LEN; i += 4)
				{
					uint32		w = sd_rng_u32(&rng);

					memcpy(u->data + i, &w, 4);
				}
				/* RFC 4122 section 4.4: version 4, variant 10 */
				u->data[6] = (u->data[6] & 0x0f) | 0x40;
				u->data[8] = (u->data[8] & 0x3f) | 0x80;
				d = UUIDPGetDatum(u);
				break;
			}
		case KEY_TEXT:
		default:
			{
				char		buf[33];
				SdRng		rng;
				int			i;

				sd_rng_init(&rng, st->seed, kg->stream);
				sd_rng_seek(&rng, row);
				if (kg->fake != SD_FAKE_NONE)
				{
					/* a unique fake: the row's name, then the row number */
					StringInfoData f;

					initStringInfo(&f);
					sd_fake_generate(kg->fake, SD_FAKE_LOCALE_EN, st->seed, row, &rng, &f);
					sd_key_fake_unique(&f, 0, (int64) row);
					d = CStringGetTextDatum(f.data);
					break;
				}
				for (i = 0; i < 32; i += 8)
					snprintf(buf + i, 9, "%08x", sd_rng_u32(&rng));
				d = CStringGetTextDatum(buf);
				break;
			}
	}
	return d;
}

/*
 * Starts output row `row` from source row src: keys regenerated,
 * generated columns NULL, everything else copied.
 */
static void
row_from_source(AugState *st, int src, uint64 row)
{
	SdImpTable *t = st->t;
	int			i;

	sd_imp_deform(t, src, st->live, st->livenull);
	memset(st->nulls, true, sizeof(bool) * t->rowdesc->natts);
	for (i = 0; i < t->ncols; i++)
	{
		SdImpColumn *c = &t->cols[i];

		if (c->generated)
			continue;
		if (c->key)
		{
			st->values[c->attno] = key_value(st, i, row);
			st->nulls[c->attno] = false;
			continue;
		}
		st->values[c->attno] = st->live[i];
		st->nulls[c->attno] = st->livenull[i];
	}
}

/* ---------------------------------------------------------------------
 * noise
 * ---------------------------------------------------------------------
 */

/* a category code drawn with the column's observed frequencies */
static int
draw_category(SdImpColumn *c, double u)
{
	double		target = u * c->stats.nobs;
	double		acc = 0;
	int			k;

	for (k = 0; k < c->ncats; k++)
	{
		acc += c->stats.counts[k];
		if (target < acc)
			return k;
	}
	return c->ncats - 1;
}

/*
 * Element i of an endless sequence of passes over 0 .. n-1: pass
 * p = i / n visits every element once, in the order of a Fisher-Yates
 * shuffle (Knuth, TAOCP vol. 2, algorithm 3.4.2P) seeded by (seed, stream,
 * p).  Over whole passes every row is used equally often, so the means of
 * the new rows match the table's up to the noise.  perm and *perm_pass
 * cache the current pass.
 */
static int
pass_order(uint64 seed, uint64 stream, int n, int *perm, int64 *perm_pass,
		   uint64 i)
{
	int64		pass = (int64) (i / (uint64) n);

	if (pass != *perm_pass)
	{
		SdRng		rng;
		int			j;

		sd_rng_init(&rng, seed, stream);
		sd_rng_seek(&rng, (uint64) pass);
		for (j = 0; j < n; j++)
			perm[j] = j;
		for (j = n - 1; j > 0; j--)
		{
			int			k = (int) sd_rng_below(&rng, (uint64) j + 1);
			int			tmp = perm[j];

			perm[j] = perm[k];
			perm[k] = tmp;
		}
		*perm_pass = pass;
	}
	return perm[i % (uint64) n];
}

static void
noise_row(AugState *st, int src, uint64 row, int attempt)
{
	SdImpTable *t = st->t;
	int			f;

	row_from_source(st, src, row);
	for (f = 0; f < t->nfeat; f++)
	{
		SdImpColumn *c = &t->cols[t->featcol[f]];
		size_t		cell = SD_CELL(t, src, f);
		SdRng		rng;

		/* NULL, NaN and infinite values stay as they are */
		if (t->missing[cell] || c->generated)
			continue;
		/* a redraw (attempt > 0) uses a child stream of the column's */
		sd_rng_init(&rng, st->seed, attempt == 0 ? st->streams[f]
					: sd_stream_child(st->streams[f], (uint64) attempt));
		sd_rng_seek(&rng, row);
		if (t->categorical[f])
		{
			if (sd_rng_uniform(&rng) < st->spec->flip)
				st->values[c->attno] = c->cats[draw_category(c, sd_rng_uniform(&rng))];
		}
		else if (st->spec->scale > 0 && c->stats.sd > 0)
		{
			double		x = t->values[cell];
			double		e = st->spec->scale * c->stats.sd * sd_draw_normal(&rng);
			double		room = Min(x - c->stats.min, c->stats.max - x);

			/*
			 * Stay within the observed range without biasing the mean: the
			 * noise is cut off at the same distance on both sides of x (the
			 * distance to the nearer bound), so it stays symmetric about 0.
			 * Clamping x + e instead would push values at a bound inwards.
			 */
			if (fabs(e) > room)
				e = (e > 0) ? room : -room;
			st->values[c->attno] = sd_imp_feature_datum(t, f, x + e);
		}
	}
}

/* ---------------------------------------------------------------------
 * smote
 * ---------------------------------------------------------------------
 */

typedef struct SmoteClass
{
	int			nrows;
	int		   *rows;			/* its rows in the table */
	int64		add;			/* new rows to make */
	SdNnIndex  *index;			/* over its rows (built when needed) */
	double	   *values;			/* its rows, contiguous, for the index */
	bool	   *missing;
	int		   *nn;				/* k neighbours per row, -1 = not yet */
	int			nnn;			/* neighbours found per row */
	char	   *name;
	int		   *perm;			/* the order its rows are used in */
	int64		perm_pass;
} SmoteClass;

/*
 * Splits the rows by the value of the label feature.  Classes are
 * numbered by their value (numeric labels) or code (first appearance in
 * the table, for other labels).  Rows whose label is missing belong to
 * no class.
 */
static SmoteClass *
smote_classes(SdImpTable *t, int lf, int *nclasses)
{
	SdImpRanked *keys = palloc(sizeof(SdImpRanked) * Max(t->nrows, 1));
	SmoteClass *cl;
	int			n = 0,
				nc = 0,
				i;

	for (i = 0; i < t->nrows; i++)
	{
		if (t->missing[SD_CELL(t, i, lf)])
			continue;
		keys[n].v = t->values[SD_CELL(t, i, lf)];
		keys[n].row = i;
		n++;
	}
	qsort(keys, n, sizeof(SdImpRanked), sd_imp_cmp_ranked);
	cl = palloc0(sizeof(SmoteClass) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		if (i == 0 || keys[i].v != keys[i - 1].v)
		{
			cl[nc].rows = palloc(sizeof(int) * (n - i));
			nc++;
		}
		cl[nc - 1].rows[cl[nc - 1].nrows++] = keys[i].row;
	}
	*nclasses = nc;
	return cl;
}

/*
 * Water filling (the allocation of Cover & Thomas, "Elements of
 * Information Theory", section 9.4, over class sizes instead of noise
 * levels): raise the smallest classes first until n new rows are shared
 * out; the remainder goes one row each to the smallest classes
 * (ties: class order).  When n is the deficit of the classes against the
 * largest one, every class ends up exactly as large as the largest.
 */
static void
smote_allocate(SmoteClass *cl, int nc, int64 n)
{
	int64		lo = 0,
				hi = 0,
				level,
				used = 0,
				rest;
	int			i;

	for (i = 0; i < nc; i++)
		hi = Max(hi, cl[i].nrows);
	hi += n;
	/* the highest level whose filling costs at most n rows */
	while (lo < hi)
	{
		int64		mid = lo + (hi - lo + 1) / 2;
		int64		cost = 0;

		for (i = 0; i < nc && cost <= n; i++)
			cost += Max(mid - cl[i].nrows, 0);
		if (cost <= n)
			lo = mid;
		else
			hi = mid - 1;
	}
	level = lo;
	for (i = 0; i < nc; i++)
	{
		cl[i].add = Max(level - cl[i].nrows, 0);
		used += cl[i].add;
	}
	rest = n - used;
	for (i = 0; i < nc && rest > 0; i++)
		if (cl[i].nrows + cl[i].add == level)
		{
			cl[i].add++;
			rest--;
		}
}

/* the k nearest same-class neighbours of the class's j-th row */
static const int *
smote_neighbours(AugState *st, SmoteClass *c, int j, SdNnMetric *metric,
				 MemoryContext cxt)
{
	SdImpTable *t = st->t;
	int			k = Min(st->spec->k, c->nrows - 1);

	if (c->index == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(cxt);
		int			i;

		c->values = palloc_extended(sizeof(double) * (size_t) c->nrows * t->nfeat,
									MCXT_ALLOC_HUGE);
		c->missing = palloc_extended(sizeof(bool) * (size_t) c->nrows * t->nfeat,
									 MCXT_ALLOC_HUGE);
		for (i = 0; i < c->nrows; i++)
		{
			memcpy(c->values + (size_t) i * t->nfeat, t->values + SD_CELL(t, c->rows[i], 0),
				   sizeof(double) * t->nfeat);
			memcpy(c->missing + (size_t) i * t->nfeat, t->missing + SD_CELL(t, c->rows[i], 0),
				   sizeof(bool) * t->nfeat);
		}
		c->index = sd_nn_build(metric, c->values, c->missing, c->nrows, sd_context_alloc, cxt);
		c->nnn = k;
		c->nn = palloc_extended(sizeof(int) * (size_t) c->nrows * k, MCXT_ALLOC_HUGE);
		for (i = 0; i < c->nrows; i++)
			c->nn[(size_t) i * k] = -1;
		MemoryContextSwitchTo(old);
	}
	Assert(k >= 1);
	if (c->nn[(size_t) j * k] < 0)
	{
		int		   *rows = palloc(sizeof(int) * (k + 1));
		double	   *dist = palloc(sizeof(double) * (k + 1));
		int			n,
					i,
					m = 0;

		/* k + 1: the row itself is among its nearest */
		n = sd_nn_query(c->index, c->values + (size_t) j * t->nfeat,
						c->missing + (size_t) j * t->nfeat, k + 1, rows, dist);
		for (i = 0; i < n && m < k; i++)
			if (rows[i] != j)
				c->nn[(size_t) j * k + m++] = rows[i];
		/* exact duplicates of row j may push it out: fill from the list */
		for (i = 0; m < k && i < n; i++)
			c->nn[(size_t) j * k + m++] = rows[i];
		pfree(rows);
		pfree(dist);
	}
	return c->nn + (size_t) j * k;
}

static void
smote_row(AugState *st, SmoteClass *c, int64 j, uint64 row, int attempt,
		  int lf, SdNnMetric *metric, MemoryContext cxt, double *out,
		  bool *outmissing)
{
	SdImpTable *t = st->t;
	/* every row of the class in turn, in a seeded order */
	int			base = pass_order(st->seed,
								  sd_stream_id(psprintf("synth_augment smote order %s", c->name)),
								  c->nrows, c->perm, &c->perm_pass, (uint64) j);
	const int  *nn = smote_neighbours(st, c, base, metric, cxt);
	SdRng		rng;
	int			other;
	double		u;
	int			x = c->rows[base];
	int			y;
	int			f;

	sd_rng_init(&rng, st->seed, attempt == 0 ? st->smote_stream
				: sd_stream_child(st->smote_stream, (uint64) attempt));
	sd_rng_seek(&rng, row);
	other = nn[sd_rng_below(&rng, (uint64) c->nnn)];
	u = sd_rng_uniform(&rng);
	y = c->rows[other];

	if (attempt > SD_AUG_RETRIES)
	{
		/* the last resort: row x itself, with new keys */
		row_from_source(st, x, row);
		return;
	}
	sd_imp_smote_row(&t->data, x, y, u, out, outmissing);
	row_from_source(st, x, row);
	for (f = 0; f < t->nfeat; f++)
	{
		SdImpColumn *col = &t->cols[t->featcol[f]];

		/* the label, missing values and generated columns: as in row x */
		if (f == lf || outmissing[f] || col->generated)
			continue;
		st->values[col->attno] = sd_imp_feature_datum(t, f, out[f]);
	}
}

/* ---------------------------------------------------------------------
 * model
 * ---------------------------------------------------------------------
 */

/*
 * Draws asked of synth_sample at a time: the first batch, then twice as
 * many each time up to the largest.  Draw j is draw j of the sample stream
 * whatever the batches, so the batch sizes do not change the rows.
 */
#define MODEL_BATCH 1024
#define MODEL_BATCH_MAX 65536
/* give up when fewer than one draw in this many meets the condition */
#define MODEL_MAX_REJECT 1000

/*
 * Does the value given as text (in the column type's input syntax) occur
 * in column c?  Values are compared after the type's own input function.
 */
static bool
value_observed(SdImpTable *t, SdImpColumn *c, const char *text)
{
	Oid			typinput,
				typioparam;
	Datum		d;
	int			r,
				k;

	getTypeInputInfo(c->typid, &typinput, &typioparam);
	d = OidInputFunctionCall(typinput, (char *) text, typioparam, c->typmod);
	if (c->numkind == SD_IMP_CATEGORICAL)
	{
		char	   *canon = OutputFunctionCall(&c->outfunc, d);

		for (k = 0; k < c->ncats; k++)
			if (strcmp(c->catstr[k], canon) == 0)
				return true;
		return false;
	}
	else
	{
		double		v;

		if (!sd_imp_datum_to_double(c, d, &v))
			return false;
		for (r = 0; r < t->nrows; r++)
			if (!t->missing[SD_CELL(t, r, c->feature)] &&
				t->values[SD_CELL(t, r, c->feature)] == v)
				return true;
		return false;
	}
}

/*
 * The WHERE clause of the condition {column: value, ...}: each value is
 * compared by the column type's own equality (value cast from its text),
 * a JSON null asks for NULL.
 */
static char *
model_condition(SdImpTable *t, Jsonb *cond)
{
	StringInfoData w;
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *key = NULL;

	initStringInfo(&w);
	appendStringInfoString(&w, "true");
	if (cond == NULL)
		return w.data;
	it = JsonbIteratorInit(&cond->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		SdImpColumn *c = NULL;
		int			i;

		if (tok == WJB_KEY)
		{
			key = pnstrdup(v.val.string.val, v.val.string.len);
			continue;
		}
		if (tok != WJB_VALUE)
			continue;
		for (i = 0; i < t->ncols; i++)
			if (strcmp(t->cols[i].name, key) == 0)
				c = &t->cols[i];
		if (c == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of relation \"%s\" does not exist", key, t->relname),
					 errdetail("The column is named in option \"condition\".")));
		if (c->feature < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot condition on column \"%s\"", key),
					 errdetail("The column is part of a unique key: new rows get new values.")));
		if (v.type == jbvNull)
			appendStringInfo(&w, " AND s.%s IS NULL", quote_identifier(key));
		else
		{
			char	   *text;

			if (v.type == jbvString)
				text = pnstrdup(v.val.string.val, v.val.string.len);
			else if (v.type == jbvNumeric)
				text = DatumGetCString(DirectFunctionCall1(numeric_out,
														   NumericGetDatum(v.val.numeric)));
			else if (v.type == jbvBool)
				text = v.val.boolean ? "true" : "false";
			else
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("condition on column \"%s\" must be a string, number, boolean or null", key)));
			if (!value_observed(t, c, text))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("value \"%s\" of the condition does not occur in column \"%s\"",
								text, key),
						 errdetail("The model draws only values seen in the table.")));
			appendStringInfo(&w, " AND s.%s %s %s::%s", quote_identifier(key),
							 sd_sql_eq_operator(c->typid),
							 quote_literal_cstr(text), sd_sql_type(c->typid, -1));
		}
	}
	return w.data;
}

/*
 * n rows drawn from a model of the table fitted by synth_fit (or given),
 * sampled by synth_sample: the fitted-cloning engine's own sampler.  With
 * a condition, draws that do not meet it are rejected, so the rows follow
 * the model's conditional distribution given the condition exactly
 * (rejection sampling, von Neumann 1951).  Keys are then regenerated as
 * for the other methods, and a draw that fails a CHECK constraint is
 * rejected as well.  Output row i is the (start + i)-th accepted draw of
 * the sample stream, whose draws are fetched MODEL_BATCH at a time.
 */
static void
model_rows(AugState *st, FunctionCallInfo fcinfo, int64 n, int64 start)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	SdImpTable *t = st->t;
	MemoryContext mcxt = CurrentMemoryContext;
	MemoryContext rowcxt;
	Datum		model;
	char	   *where;
	char	   *query;
	SPIPlanPtr	plan;
	Oid			argtypes[4] = {JSONBOID, INT8OID, INT8OID, INT8OID};
	int64		batch = MODEL_BATCH;
	int64		accepted = 0;
	int64		emitted = 0;
	int64		drawn = 0;
	int			ret;

	where = model_condition(t, st->spec->condition);
	model = sd_imp_model(t, st->spec->fit, st->spec->model);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	query = psprintf("SELECT * FROM %s.synth_sample(NULL::%s, $1, $4, $2, $3) s WHERE %s",
					 sd_extension_schema(),
					 t->qualname, where);
	plan = sd_spi_prepare(query, 4, argtypes);
	rowcxt = AllocSetContextCreate(mcxt, "synthdata augment row context",
								   ALLOCSET_DEFAULT_SIZES);
	while (emitted < n)
	{
		Datum		args[4];
		uint64		k;

		CHECK_FOR_INTERRUPTS();
		if (drawn >= (int64) MODEL_MAX_REJECT * (start + n) + 4 * MODEL_BATCH_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("the model of %s rarely meets the condition", t->qualname),
					 errdetail(INT64_FORMAT " of " INT64_FORMAT " draws met the condition and the table's constraints.",
							   accepted, drawn),
					 errhint("Check the condition's values against the model's categories.")));
		args[0] = model;
		args[1] = Int64GetDatum((int64) st->seed);
		args[2] = Int64GetDatum(drawn);
		args[3] = Int64GetDatum(batch);
		ret = SPI_execute_plan(plan, args, NULL, false, 0);
		if (ret != SPI_OK_SELECT)
			elog(ERROR, "synth_sample failed: %s", SPI_result_code_string(ret));
		drawn += batch;
		batch = Min(batch * 2, MODEL_BATCH_MAX);
		for (k = 0; k < SPI_processed && emitted < n; k++)
		{
			HeapTuple	tup = SPI_tuptable->vals[k];
			int			i;
			uint64		row;

			MemoryContextSwitchTo(rowcxt);
			/* row: the index the draw gets if it is accepted */
			row = (uint64) accepted;
			memset(st->nulls, true, sizeof(bool) * t->rowdesc->natts);
			for (i = 0; i < t->ncols; i++)
			{
				SdImpColumn *c = &t->cols[i];

				if (c->generated)
					continue;
				if (c->key)
				{
					st->values[c->attno] = key_value(st, i, row);
					st->nulls[c->attno] = false;
					continue;
				}
				st->values[c->attno] = SPI_getbinval(tup, SPI_tuptable->tupdesc, i + 1,
													 &st->nulls[c->attno]);
			}
			/* a draw that is no valid row of the table is rejected */
			for (i = 0; i < t->ncols; i++)
				if (t->cols[i].notnull && !t->cols[i].generated &&
					st->nulls[t->cols[i].attno])
					break;
			if (i < t->ncols || sd_imp_check(t, st->values, st->nulls) >= 0)
				goto next;
			if (accepted++ < start)
				goto next;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, st->values, st->nulls);
			emitted++;
	next:
			MemoryContextSwitchTo(mcxt);
			MemoryContextReset(rowcxt);
		}
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_finish();
}

/* ---------------------------------------------------------------------
 * synth_augment

 * ---------------------------------------------------------------------
 */

/*
 * The noise method's n rows from start: row i jitters source row
 * pass_order(i) (noise_row), redrawn until it passes the table's CHECKs.
 */
static void
noise_rows(AugState *st, FunctionCallInfo fcinfo, int64 n, int64 start,
		   MemoryContext rowcxt, MemoryContext mcxt)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	uint64		seed = st->seed;
	int		   *perm = palloc_extended(sizeof(int) * st->t->nrows, MCXT_ALLOC_HUGE);
	int64		perm_pass = -1;
	int64		j;
	int			attempt;

	for (j = 0; j < n; j++)
	{
		uint64		row = (uint64) (start + j);
		int			src;

		CHECK_FOR_INTERRUPTS();
		src = pass_order(seed, sd_stream_id("synth_augment noise order"),
						 st->t->nrows, perm, &perm_pass, row);
		MemoryContextSwitchTo(rowcxt);
		for (attempt = 0;; attempt++)
		{
			int			chk;

			/* redraws, then the source row itself as the last resort */
			if (attempt <= SD_AUG_RETRIES)
				noise_row(st, src, row, attempt);
			else
				row_from_source(st, src, row);
			if ((chk = sd_imp_check(st->t, st->values, st->nulls)) < 0)
				break;
			if (attempt > SD_AUG_RETRIES)
				sd_imp_check_failed(st->t, chk,
									psprintf("Row " UINT64_FORMAT " of the augmentation, "
											 "and its source row itself, fail it.", row + 1));
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, st->values, st->nulls);
		MemoryContextSwitchTo(mcxt);
		MemoryContextReset(rowcxt);
	}
}

/*
 * The smote method's rows from start: n rows (NULL: as many as balance
 * needs) interpolated within the classes of the label column, class after
 * class, each redrawn until it passes the table's CHECKs.
 */
static void
smote_rows(AugState *st, FunctionCallInfo fcinfo, int64 n, int64 start,
		   MemoryContext rowcxt, MemoryContext mcxt)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	SdImpTable *t = st->t;
	const AugSpec *spec = st->spec;
	int			f;
	SdImpColumn *lc = NULL;
	SmoteClass *cl;
	int			nc,
				lf,
				ci,
				i;
	int64		total = 0;
	uint64		row;
	int			attempt;
	double	   *range = palloc0(sizeof(double) * Max(t->nfeat, 1));
	double	   *weight = palloc(sizeof(double) * Max(t->nfeat, 1));
	double	   *out = palloc(sizeof(double) * Max(t->nfeat, 1));
	bool	   *outmissing = palloc(sizeof(bool) * Max(t->nfeat, 1));
	SdNnMetric	metric;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, spec->label) == 0)
			lc = &t->cols[i];
	if (lc == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist",
						spec->label, t->relname)));
	if (lc->feature < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("column \"%s\" cannot be the label", spec->label),
				 errdetail("The column is part of a unique key: every row is a class of its own.")));
	lf = lc->feature;
	cl = smote_classes(t, lf, &nc);
	if (nc == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("label column \"%s\" has no values", spec->label)));
	for (ci = 0; ci < nc; ci++)
	{
		int			r0 = cl[ci].rows[0];

		cl[ci].name = (lc->numkind == SD_IMP_CATEGORICAL)
			? lc->catstr[(int) t->values[SD_CELL(t, r0, lf)]]
			: psprintf("%g", t->values[SD_CELL(t, r0, lf)]);
	}

	if (spec->balance)
	{
		if (n < 0)
		{
			int64		most = 0;

			n = 0;
			for (ci = 0; ci < nc; ci++)
				most = Max(most, cl[ci].nrows);
			for (ci = 0; ci < nc; ci++)
				n += most - cl[ci].nrows;
		}
		smote_allocate(cl, nc, n);
	}
	else
	{
		int			pick = -1;

		for (ci = 0; ci < nc; ci++)
		{
			if (spec->class != NULL ? strcmp(cl[ci].name, spec->class) == 0
				: (pick < 0 || cl[ci].nrows < cl[pick].nrows))
				pick = ci;
		}
		if (pick < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("class \"%s\" does not occur in column \"%s\"",
							spec->class, spec->label)));
		cl[pick].add = n;
	}
	for (ci = 0; ci < nc; ci++)
	{
		cl[ci].perm = palloc(sizeof(int) * cl[ci].nrows);
		cl[ci].perm_pass = -1;
	}
	for (ci = 0; ci < nc; ci++)
		if (cl[ci].add > 0 && cl[ci].nrows < 2)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("class \"%s\" of column \"%s\" has too few rows for SMOTE",
							cl[ci].name, spec->label),
					 errdetail("SMOTE interpolates between two rows of a class; the class has %d.",
							   cl[ci].nrows)));

	/* the distance of neighbors.h over every feature but the label */
	for (f = 0; f < t->nfeat; f++)
	{
		SdImpStats *s = &t->cols[t->featcol[f]].stats;

		range[f] = t->categorical[f] ? 0 : s->max - s->min;
		weight[f] = (f == lf) ? 0 : 1;
	}
	metric.ncols = t->nfeat;
	metric.categorical = t->categorical;
	metric.range = range;
	metric.weight = weight;

	/* class after class; row indices run on across classes */
	row = (uint64) start;
	for (ci = 0; ci < nc; ci++)
	{
		int64		j;

		for (j = 0; j < cl[ci].add; j++)
		{
			CHECK_FOR_INTERRUPTS();
			MemoryContextSwitchTo(rowcxt);
			for (attempt = 0;; attempt++)
			{
				int			chk;

				/* attempt SD_AUG_RETRIES + 1 is the base row itself */
				smote_row(st, &cl[ci], j, row, attempt, lf, &metric, mcxt,
						  out, outmissing);
				if ((chk = sd_imp_check(t, st->values, st->nulls)) < 0)
					break;
				if (attempt > SD_AUG_RETRIES)
					sd_imp_check_failed(t, chk,
										psprintf("Row " UINT64_FORMAT " of the augmentation, "
												 "and its base row itself, fail it.", row + 1));
			}
			row++;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, st->values, st->nulls);
			MemoryContextSwitchTo(mcxt);
			MemoryContextReset(rowcxt);
		}
		total += cl[ci].add;
	}
	Assert(total == n);
}

/*
 * synth_augment(rel anyelement, n bigint, method text, options jsonb,
 *				 seed bigint, start bigint) returns setof anyelement
 *		n new rows for the table whose row type rel is, made by the method
 *		(noise or smote) from the table's rows.
 */
PG_FUNCTION_INFO_V1(synth_augment);
Datum
synth_augment(PG_FUNCTION_ARGS)
{
	Oid			relid = sd_check_relation(sd_rowtype_relid(fcinfo, 0), "augment");
	AugSpec		spec;
	AugState	st;
	int64		n = -1;
	int64		start;
	uint64		seed;
	MemoryContext mcxt,
				rowcxt,
				old;
	SdImpTable *t;
	int			f;

	augment_parse(fcinfo, &spec);
	if (!PG_ARGISNULL(1))
		n = sd_arg_count(fcinfo, 1);
	else if (!(spec.method == AUG_SMOTE && spec.balance))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("argument \"n\" must not be null"),
				 errhint("Only method \"smote\" with \"balance\" computes n itself.")));
	start = sd_arg_start(fcinfo, 5, Max(n, 0));
	seed = sd_arg_seed(fcinfo, 4);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC | MAT_SRF_BLESS);
	if (n == 0)
		return (Datum) 0;

	mcxt = AllocSetContextCreate(CurrentMemoryContext,
								 "synthdata augment context",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(mcxt);
	t = sd_imp_load(relid, false, mcxt);
	if (t->nrows == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("cannot augment table %s: it has no rows", t->qualname)));

	memset(&st, 0, sizeof(st));
	st.t = t;
	st.spec = &spec;
	st.seed = seed;
	st.live = palloc(sizeof(Datum) * Max(t->ncols, 1));
	st.livenull = palloc(sizeof(bool) * Max(t->ncols, 1));
	st.values = palloc0(sizeof(Datum) * Max(t->rowdesc->natts, 1));
	st.nulls = palloc(sizeof(bool) * Max(t->rowdesc->natts, 1));
	st.streams = palloc(sizeof(uint64) * Max(t->nfeat, 1));
	for (f = 0; f < t->nfeat; f++)
		st.streams[f] = sd_stream_id(psprintf("synth_augment %s %s",
											  spec.method == AUG_NOISE ? "noise" : "smote",
											  t->cols[t->featcol[f]].name));
	st.smote_stream = sd_stream_id("synth_augment smote");
	keys_prepare(&st);
	rowcxt = AllocSetContextCreate(mcxt, "synthdata augment row context",
								   ALLOCSET_DEFAULT_SIZES);

	if (spec.method == AUG_MODEL)
		model_rows(&st, fcinfo, n, start);
	else if (spec.method == AUG_NOISE)
		noise_rows(&st, fcinfo, n, start, rowcxt, mcxt);
	else
		smote_rows(&st, fcinfo, n, start, rowcxt, mcxt);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(mcxt);
	return (Datum) 0;
}
