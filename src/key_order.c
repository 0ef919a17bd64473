/*-------------------------------------------------------------------------
 *
 * key_order.c
 *		Keys issued in time order.  A table's own integer key often numbers
 *		its rows as they were written: chinook's invoice_id rises with
 *		invoice_date (rank correlation 0.99997), an order's id with its
 *		creation time.  A clone's key is its row number; unless the time
 *		follows it, invoice 1 may be dated three years after invoice 2.
 *
 * The fit measures the rank correlation (Spearman's) of each own integer
 * key with each time column it models in the copula, on a sample of the
 * table, and keeps the best pair at or above KEY_ORDER_MIN_RHO.  The
 * sampler then conditions the copula's latent row on the time's latent
 * being the row's rank score: row i of N draws u in its own stratum
 * [i/N, (i+1)/N) (the uniform of the time's own, otherwise unused, normal)
 * and sets z_time = qnorm(u).  Every other dimension follows by the
 * Gaussian conditional z_j += S_jt / S_tt * (z_time - z_time'), with S the
 * covariance the rows are drawn with (the copula's, or the one given the
 * parents' columns, roles_condition.c), and the rest of the row is drawn
 * from S's conditional factor on the other dimensions (the Schur
 * complement).  So the times rise with the keys, keep their marginal (one
 * value per stratum of it), and every column correlated with the time
 * moves with it, as in the source.  That is for a pair at
 * KEY_ORDER_EXACT_RHO or more; a time that follows its key more loosely
 * (rows written late) gets z_time = r qnorm((i + 1/2) / N) + sqrt(1 - r^2) e
 * instead, e the time's own normal and r the normal correlation whose rank
 * correlation is the pair's.
 *
 * Layer: feature logic under the SQL entry points (the fit's SPI query),
 * and the sampler's set-up and per-row step.  Must not define
 * SQL-callable functions; the query quotes every identifier and
 * schema-qualifies every function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/key_order.c
 *
 *-------------------------------------------------------------------------
 */
#include "clone_int.h"

#include <math.h>

#include "utils/float.h"

#include "clone_cons.h"

#define KEY_ORDER_MIN_RHO	0.5		/* the rank correlation a pair needs */
#define KEY_ORDER_EXACT_RHO 0.98	/* ... to rise strictly with the key */
#define KEY_ORDER_ROWS		5000	/* rows the fit's sample reads */
#define KEY_ORDER_MIN_ROWS	30		/* pairs the correlation needs */
#define KEY_ORDER_MAX_PAIRS 4		/* (key, time) pairs measured */

/* the sampler's side: the conditional step of every row */
typedef struct KeyOrderSampler
{
	int			dim;			/* the time's latent dimension */
	double	   *b;				/* S_jt / S_tt per dimension (1 at dim) */
	int64		total;			/* the rows of the sample the ranks are of */
	double		r;				/* the normal correlation of rank and time,
								 * or 1: the time in the row's stratum */
} KeyOrderSampler;

/*
 * An own key: generated as the row number, so its order is the rows'.  An
 * integer by its type's name, which a model read back keeps (its value
 * kind is then a number's).
 */
static bool
own_integer_key(const ModelCol *c)
{
	return c->role == ROLE_KEY && !c->key_member && vk_is_number(c->vk) &&
		(strcmp(c->type, "integer") == 0 || strcmp(c->type, "bigint") == 0 ||
		 strcmp(c->type, "smallint") == 0);
}

/*
 * A time the copula draws from its latent value: a date or timestamp of
 * continuous kind with a value dimension, no conditional marginal (which
 * would bend its order by the row's category), not a personal datum, and
 * neither the later column of an ordering (whose dimension is its gap)
 * nor a determined one.
 */
static bool
rank_drawn_time(const Model *m, int j)
{
	const ModelCol *c = &m->cols[j];
	int			i;

	if (!(c->vk == VK_DATE || c->vk == VK_TIMESTAMP || c->vk == VK_TIMESTAMPTZ) ||
		c->kind != MK_CONTINUOUS || c->value_dim < 0 || c->parent >= 0 ||
		c->pii_kind != NULL ||
		!(c->role == ROLE_ATTRIBUTE || (c->role == ROLE_KEY && c->key_member)))
		return false;
	if (m->cons != NULL)
	{
		for (i = 0; i < m->cons->norders; i++)
			if (m->cons->orders[i].after == j)
				return false;
		for (i = 0; i < m->cons->ndeps; i++)
			if (m->cons->deps[i].dependent == j)
				return false;
	}
	return true;
}

/*
 * Spearman's rank correlation of two columns over a sample of about
 * KEY_ORDER_ROWS rows of the table (rows where both hold a value), as the
 * caller; NaN with fewer than KEY_ORDER_MIN_ROWS such rows.
 */
static double
rank_correlation(Oid relid, const char *qualified, const Model *m, const char *key,
				 const char *time)
{
	StringInfoData q;
	double		rho = get_float8_nan();
	const char *k = quote_identifier(key);
	const char *t = quote_identifier(time);

	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT pg_catalog.corr(x.rk::pg_catalog.float8, x.rt::pg_catalog.float8),"
					 " pg_catalog.count(*) FROM (SELECT pg_catalog.rank() OVER (ORDER BY s.%s) AS rk,"
					 " pg_catalog.rank() OVER (ORDER BY s.%s) AS rt FROM %s AS s",
					 k, t, qualified);
	if (m->rows > 2 * KEY_ORDER_ROWS && sd_rel_samplable(relid))
		appendStringInfo(&q, " TABLESAMPLE pg_catalog.system (%.6f) REPEATABLE (0)",
						 100.0 * KEY_ORDER_ROWS / (double) m->rows);
	appendStringInfo(&q, " WHERE s.%s IS NOT NULL AND s.%s IS NOT NULL) x", k, t);
	CHECK_FOR_INTERRUPTS();
	if (SPI_execute(q.data, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "synthdata: key order query failed");
	{
		bool		null_rho,
					null_n;
		Datum		r = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &null_rho);
		Datum		n = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &null_n);

		if (!null_rho && !null_n && DatumGetInt64(n) >= KEY_ORDER_MIN_ROWS)
			rho = DatumGetFloat8(r);
	}
	SPI_freetuptable(SPI_tuptable);
	pfree(q.data);
	return rho;
}

/*
 * The fit's pair: the time whose order follows an own integer key's most
 * closely, at a rank correlation of KEY_ORDER_MIN_RHO or more; NULL if
 * none.  Runs inside the fit's SPI connection; what it keeps is allocated
 * in the model's context, which outlives the connection.
 */
ModelKeyOrder *
key_order_fit(Oid relid, const char *qualified, Model *m)
{
	ModelKeyOrder *best = NULL;
	MemoryContext mcxt = GetMemoryChunkContext(m);
	int			k,
				t,
				pairs = 0;

	if (m->ndims == 0 || m->mst != NULL || m->seq != NULL || m->rows < KEY_ORDER_MIN_ROWS)
		return NULL;
	for (k = 0; k < m->ncols; k++)
	{
		if (!own_integer_key(&m->cols[k]))
			continue;
		for (t = 0; t < m->ncols && pairs < KEY_ORDER_MAX_PAIRS; t++)
		{
			double		rho;

			if (!rank_drawn_time(m, t))
				continue;
			pairs++;
			rho = rank_correlation(relid, qualified, m, m->cols[k].name, m->cols[t].name);
			if (!(rho >= KEY_ORDER_MIN_RHO) || (best != NULL && rho <= best->rho))
				continue;
			if (best == NULL)
				best = MemoryContextAllocZero(mcxt, sizeof(ModelKeyOrder));
			best->key = k;
			best->col = t;
			best->rho = rho;
		}
	}
	if (best != NULL && m->cols[best->col].reason == NULL)
	{
		MemoryContext oldcxt = MemoryContextSwitchTo(mcxt);

		m->cols[best->col].reason =
			psprintf("rises with the key \"%s\" (rank correlation %.3f)",
					 m->cols[best->key].name, best->rho);
		MemoryContextSwitchTo(oldcxt);
	}
	return best;
}

/* ---- the model's jsonb ------------------------------------------------------ */

void
key_order_to_json(StringInfo b, const Model *m)
{
	const ModelKeyOrder *ko = m->key_order;

	if (ko == NULL)
		return;
	appendStringInfoString(b, ",\n\"key_order\": {\"key\": ");
	escape_json(b, m->cols[ko->key].name);
	appendStringInfoString(b, ", \"column\": ");
	escape_json(b, m->cols[ko->col].name);
	appendStringInfo(b, ", \"rank_correlation\": %.3f}", ko->rho);
}

/* the model column field key of object c names */
static int
named_column(const Model *m, JsonbContainer *c, const char *key)
{
	int			j = model_column_named(m, jget_str(c, key, false), -1);

	if (j < 0)
		bad_model(psprintf("Field \"%s\" of \"key_order\" names no column of the model.", key));
	return j;
}

/* after the columns, the copula and the constraints are read */
void
key_order_from_json(Model *m, JsonbContainer *root)
{
	JsonbValue *v = jget(root, "key_order");
	JsonbContainer *c;
	ModelKeyOrder *ko;

	if (v == NULL || v->type == jbvNull)
		return;
	c = jget_container(root, "key_order", false, false);
	ko = palloc0(sizeof(ModelKeyOrder));
	ko->key = named_column(m, c, "key");
	ko->col = named_column(m, c, "column");
	if (!own_integer_key(&m->cols[ko->key]))
		bad_model("The key of \"key_order\" must be the table's own integer key.");
	if (!rank_drawn_time(m, ko->col))
		bad_model("The column of \"key_order\" must be a date or timestamp the copula draws.");
	ko->rho = jnum(jget(c, "rank_correlation"), "rank_correlation");
	if (!(ko->rho >= -1 && ko->rho <= 1))
		bad_model("Field \"rank_correlation\" of \"key_order\" must be between -1 and 1.");
	m->key_order = ko;
}

/* ---- sampling ---------------------------------------------------------------- */

/*
 * The rows the sampler draws are rows 0 .. total - 1 of one sample (a
 * clone of total rows; rows start .. start + n - 1 of one of start + n):
 * from now on, row i's time is drawn in its stratum of the ranks.  A
 * sampler that is never told (imputation, augmentation) draws its times
 * as the copula does.  Nothing for a model without a key order, a
 * sequential or differentially private model, nor when the time is
 * already determined by the parents' columns.
 */
void
sampler_set_rows(Sampler *s, int64 total)
{
	const Model *m = s->m;
	int			D = m->ndims,
				d,
				i,
				j,
				k,
				r,
				n;
	double	   *S,
			   *R,
			   *Lr,
			   *L,
				stt;
	int		   *keep;
	KeyOrderSampler *ks;

	if (m->key_order == NULL || total <= 0 || s->korder != NULL || s->seq != NULL ||
		m->mst != NULL || D == 0)
		return;
	d = m->cols[m->key_order->col].value_dim;
	if (d < 0 || d >= D)
		return;
	/* S = L L', the covariance the rows are drawn with */
	S = palloc(sizeof(double) * D * D);
	for (i = 0; i < D; i++)
		for (j = 0; j <= i; j++)
		{
			double		acc = 0;

			for (k = 0; k <= j; k++)
				acc += s->L[i * D + k] * s->L[j * D + k];
			S[i * D + j] = S[j * D + i] = acc;
		}
	stt = S[d * D + d];
	if (!(stt > 1e-9))
		return;					/* the parents' columns fix the time */
	ks = palloc0(sizeof(KeyOrderSampler));
	ks->dim = d;
	ks->total = total;

	/*
	 * A time that follows the key loosely (rows written late, pagila's
	 * rentals at 0.949): the normal correlation whose Spearman's rank
	 * correlation is the fitted one, rho = (6 / pi) asin(r / 2) (Pearson
	 * 1907; Kruskal 1958).
	 */
	ks->r = m->key_order->rho >= KEY_ORDER_EXACT_RHO ? 1 :
		2 * sin(M_PI * Max(-1.0, Min(1.0, m->key_order->rho)) / 6);
	ks->b = palloc(sizeof(double) * D);
	for (j = 0; j < D; j++)
		ks->b[j] = S[j * D + d] / stt;
	ks->b[d] = 1;

	/* the Schur complement on the other dimensions, and its factor */
	n = D - 1;
	keep = palloc(sizeof(int) * Max(n, 1));
	for (i = 0, r = 0; i < D; i++)
		if (i != d)
			keep[r++] = i;
	R = palloc(sizeof(double) * Max(n * n, 1));
	Lr = palloc0(sizeof(double) * Max(n * n, 1));
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			R[i * n + j] = S[keep[i] * D + keep[j]] -
				S[keep[i] * D + d] * S[keep[j] * D + d] / stt;
	if (n > 0 && !sd_cholesky(R, n, Lr))
	{
		/* a column the time all but determines: a touch of its own noise */
		for (r = 0; r < 12; r++)
		{
			for (i = 0; i < n; i++)
				R[i * n + i] += 1e-12 * pow(10, r);
			if (sd_cholesky(R, n, Lr))
				break;
		}
		if (r == 12)
			return;
	}
	L = palloc0(sizeof(double) * D * D);
	for (i = 0; i < n; i++)
		for (j = 0; j <= i; j++)
			L[keep[i] * D + keep[j]] = Lr[i * n + j];
	sampler_set_factor(s, L);
	s->korder = ks;
}

/*
 * Row row's step, after its latent row is drawn (and has followed its
 * parents): the time's latent is the row's rank score, and the others
 * follow it.  The time's own normal, which the conditional factor leaves
 * unused, places the row in its stratum.
 */
void
key_order_apply(Sampler *s, int64 row)
{
	const KeyOrderSampler *ks = s->korder;
	int			D = s->m->ndims,
				j;
	double		u,
				delta;

	if (ks->r < 1)
	{
		/*
		 * The row's rank score and the time's own normal, mixed to the
		 * time's correlation with the key: its latent stays standard normal
		 */
		u = Min(Max(((double) row + 0.5) / (double) ks->total, 1e-12), 1 - 1e-12);
		delta = ks->r * sd_qnorm(u) + sqrt(1 - ks->r * ks->r) * s->e[ks->dim] -
			s->z[ks->dim];
		for (j = 0; j < D; j++)
			s->z[j] += ks->b[j] * delta;
		return;
	}
	u = ((double) row + sd_pnorm(s->e[ks->dim])) / (double) ks->total;
	/* a row past the sample (not drawn by a clone) stays in the last stratum */
	u = Min(Max(u, 1e-12), 1 - 1e-12);
	delta = sd_qnorm(u) - s->z[ks->dim];
	for (j = 0; j < D; j++)
		s->z[j] += ks->b[j] * delta;
}
