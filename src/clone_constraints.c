/*-------------------------------------------------------------------------
 *
 * clone_constraints.c
 *		Relations between columns in fitted cloning: orderings modelled as
 *		gaps, and functional dependencies among categories.
 *
 * An ordering a <= b (or a < b) that holds on every row where both are
 * not NULL -- admitted <= discharged, created <= updated, chains of them --
 * is kept by a transform rather than by rejecting rows: the later column
 * is modelled as its gap to the earlier one (on a log scale when every gap
 * is positive), so the copula correlates the gap with the other columns and
 * the sampler rebuilds b = a + gap.  A category determined by another one
 * (city -> region -> country) is drawn from the observed mapping of the
 * determinant's category, for the categories the model keeps (each seen in
 * at least k rows) and pairs seen in at least k sample rows.
 *
 * Both are found in the fit's sample of rows (the whole table up to
 * DEPENDENCE_SAMPLE_ROWS rows); an ordering found there is verified on the
 * whole table by one query, run as the caller.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/clone_constraints.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_cons.h"

#define ORDER_MIN_ROWS 20		/* rows with both values that an ordering needs */
#define ORDER_CHANCE_MIN 0.01	/* independent draws must break it this often */

/* the sample's values of the columns that may be ordered or dependent */
typedef struct ConsSample
{
	const Model *m;
	const FitConfig *cfg;
	int			nrows;
	int			cap;
	int64	   *weight;
	bool	   *numeric;		/* per model column: values collected */
	double	  **x;				/* per model column: values, NaN for NULL */
	bool	   *categorical;	/* per model column: categories collected */
	int		  **cat;			/* per model column: category, -1 for none */
} ConsSample;

static bool
orderable(const ModelCol *c)
{
	/* a member of a composite key is modelled like an attribute */
	return c->kind == MK_CONTINUOUS &&
		(c->role == ROLE_ATTRIBUTE || (c->role == ROLE_KEY && c->key_member)) &&
		(vk_is_amount(c->vk) || c->vk == VK_DATE || c->vk == VK_TIMESTAMP ||
		 c->vk == VK_TIMESTAMPTZ);
}

/* the category index of a value of a column with a category map, or -1 */
static int
category_of(const ColConfig *cc, Datum d)
{
	const char *s;
	int			len;
	char		digest[SD_FREQ_MAXKEY];
	double		x;
	int64		idx;

	if (cc->mode == DM_DISCRETE_NUM)
	{
		if (!datum_to_double(cc->vk, d, &x))
			return -1;
		if (x == 0)
			x = 0;				/* -0 is 0 */
		s = (char *) &x;
		len = sizeof(double);
	}
	else
	{
		datum_to_string(cc->vk, d, cc->typoutput, &s, &len);
		len = sd_freq_key(s, len, digest, &s);
	}
	idx = sd_freq_count_hashed(&cc->catmap, s, len, sd_hash_key(s, len));
	return idx > 0 ? (int) idx - 1 : -1;
}

static void
collect_cons_row(void *arg, Datum *values, bool *isnull, int64 weight)
{
	ConsSample *cs = (ConsSample *) arg;
	int			r = cs->nrows++,
				j;

	Assert(r < cs->cap);
	cs->weight[r] = weight;
	for (j = 0; j < cs->m->ncols; j++)
	{
		const ColConfig *cc = &cs->cfg->cols[j];
		int			a = cc->attidx;
		double		x;

		if (cs->numeric[j])
			cs->x[j][r] = !isnull[a] && datum_to_double(cs->m->cols[j].vk, values[a], &x) ?
				x : NAN;
		if (cs->categorical[j])
			cs->cat[j][r] = isnull[a] ? -1 : category_of(cc, values[a]);
	}
}

/* ---- orderings ------------------------------------------------------------ */

/*
 * Whether b >= a on every sample row with both (and b NULL where a is), and
 * not already kept by the marginals alone: values of a and b drawn
 * independently (row i's a against row i + n/2's b) break the order in at
 * least ORDER_CHANCE_MIN of the pairs.  On success *mean_gap and *strict
 * tell how close and how tight it is.
 */
static bool
ordered_pair(const ConsSample *cs, int a, int b, int k, double *mean_gap,
			 bool *strict, int64 *rows)
{
	const double *xa = cs->x[a],
			   *xb = cs->x[b];
	int64		both = 0,
				equal = 0,
				chance = 0,
				tried = 0;
	double		gaps = 0;
	int			n = cs->nrows,
				r;

	for (r = 0; r < n; r++)
	{
		int			o = (r + n / 2) % n;

		if (isnan(xa[r]) && !isnan(xb[r]))
			return false;
		if (isnan(xa[r]) || isnan(xb[r]))
			continue;
		if (xb[r] < xa[r])
			return false;
		both += cs->weight[r];
		equal += xb[r] == xa[r] ? cs->weight[r] : 0;
		gaps += (xb[r] - xa[r]) * cs->weight[r];
		if (!isnan(xa[r]) && !isnan(xb[o]))
		{
			tried++;
			chance += xb[o] < xa[r];
		}
	}
	/* equal columns: the copula's correlation of 1 keeps them equal */
	if (equal == both)
		return false;
	if (both < Max(ORDER_MIN_ROWS, 2 * k) || tried == 0 ||
		(double) chance / tried < ORDER_CHANCE_MIN)
		return false;
	*mean_gap = gaps / both;
	*strict = equal == 0;
	*rows = both;
	return true;
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

/* distinct values among n sorted ones */
static int64
count_distinct(double *v, int n)
{
	int64		d = n > 0;
	int			i;

	qsort(v, n, sizeof(double), cmp_double);
	for (i = 1; i < n; i++)
		d += v[i] != v[i - 1];
	return d;
}

/*
 * Whether the pair (a, gap) could only give back the source's own pairs:
 * a gap of few values (a stay of 1 to 7 days) after a base of few values,
 * fewer combinations than twice the rows, in a model with no other column
 * to tell rows apart.  The exact-copy guard would then refuse every row:
 * such a pair is left to the copula (and to a CHECK, if there is one).
 */
static bool
pair_copies_rows(const Model *m, const ConsSample *cs, int a, int b)
{
	double	   *base = palloc(sizeof(double) * Max(cs->nrows, 1));
	double	   *gap = palloc(sizeof(double) * Max(cs->nrows, 1));
	int			n = 0,
				r,
				j;
	int64		nbase,
				ngap;

	for (j = 0; j < m->ncols; j++)
		if (j != a && j != b && m->cols[j].role != ROLE_KEY &&
			m->cols[j].kind != MK_NULL && m->cols[j].kind != MK_CONSTANT)
			return false;
	for (r = 0; r < cs->nrows; r++)
		if (!isnan(cs->x[a][r]) && !isnan(cs->x[b][r]))
		{
			base[n] = cs->x[a][r];
			gap[n++] = cs->x[b][r] - cs->x[a][r];
		}
	nbase = count_distinct(base, n);
	ngap = count_distinct(gap, n);
	pfree(base);
	pfree(gap);
	return ngap <= NUM_CATEGORY_MAX && nbase * ngap < 2 * (int64) n;
}

/* whether following the "before" links from column a reaches column b */
static bool
order_reaches(const int *base, int ncols, int a, int b)
{
	int			steps;

	for (steps = 0; a >= 0 && steps <= ncols; steps++)
	{
		if (a == b)
			return true;
		a = base[a];
	}
	return a >= 0;				/* a loop: as good as reaching */
}

/*
 * Each orderable column's closest earlier column: the one with the smallest
 * mean gap among those it never precedes, without closing a loop.
 */
static void
find_orderings(Model *m, const ConsSample *cs, SdConstraints *cons)
{
	int		   *base = palloc(sizeof(int) * m->ncols);
	bool	   *strict = palloc0(sizeof(bool) * m->ncols);
	int64	   *rows = palloc0(sizeof(int64) * m->ncols);
	int			a,
				b;

	for (b = 0; b < m->ncols; b++)
		base[b] = -1;
	for (b = 0; b < m->ncols; b++)
	{
		double		best = INFINITY;

		if (!cs->numeric[b])
			continue;
		for (a = 0; a < m->ncols; a++)
		{
			double		gap;
			bool		st;
			int64		n;

			CHECK_FOR_INTERRUPTS();
			if (a == b || !cs->numeric[a] ||
				value_class[m->cols[a].vk] != value_class[m->cols[b].vk])
				continue;
			if (!ordered_pair(cs, a, b, m->k, &gap, &st, &n) || gap >= best)
				continue;
			if (order_reaches(base, m->ncols, a, b) || pair_copies_rows(m, cs, a, b))
				continue;
			best = gap;
			base[b] = a;
			strict[b] = st;
			rows[b] = n;
		}
	}
	cons->orders = palloc0(sizeof(SdOrdering) * Max(m->ncols, 1));
	for (b = 0; b < m->ncols; b++)
		if (base[b] >= 0)
		{
			SdOrdering *o = &cons->orders[cons->norders++];

			o->before = base[b];
			o->after = b;
			o->strict = strict[b];
			o->rows = rows[b];
		}
}

/*
 * The orderings on the whole table: per pair, the rows that break it (b <
 * a, or b set where a is NULL) and the rows where the two are equal.  A
 * broken pair is dropped; an equal row makes it loose.  The fit's scan
 * followed most pairs (fit_orders.c); the others are counted by one more
 * scan of the table.
 */
static void
verify_orderings(Model *m, SdConstraints *cons, const FitState *st1, Oid relid,
				 const char *qualified)
{
	MemoryContext cxt = CurrentMemoryContext;
	StringInfoData q;
	int64	   *counts;
	int		   *queried;
	int			i,
				nq = 0,
				kept = 0;

	if (cons->norders == 0)
		return;
	initStringInfo(&q);
	counts = palloc0(sizeof(int64) * 2 * cons->norders);
	queried = palloc(sizeof(int) * cons->norders);
	for (i = 0; i < cons->norders; i++)
	{
		const char *a = quote_identifier(m->cols[cons->orders[i].before].name);
		const char *b = quote_identifier(m->cols[cons->orders[i].after].name);
		bool		broken;

		if (fit_orders_result(st1->orders, cons->orders[i].before,
							  cons->orders[i].after, &broken, &counts[2 * i + 1]))
		{
			counts[2 * i] = broken;
			continue;
		}
		queried[nq++] = i;
		appendStringInfo(&q, "%spg_catalog.count(*) FILTER (WHERE _s.%s OPERATOR(pg_catalog.<) _s.%s"
						 " OR (_s.%s IS NULL AND _s.%s IS NOT NULL)),"
						 " pg_catalog.count(*) FILTER (WHERE _s.%s OPERATOR(pg_catalog.=) _s.%s)",
						 nq > 1 ? ", " : "", b, a, a, b, a, b);
	}
	/* a table on several servers is counted where each part lies */
	if (nq > 0)
	{
		int64	   *qc = palloc0(sizeof(int64) * 2 * nq);

		if (!shard_counts(relid, q.data, 2 * nq, qc))
		{
			char	   *sql = psprintf("SELECT %s FROM %s AS _s", q.data, qualified);

			if (sd_spi_execute(sql, 0, NULL, NULL, NULL, true, 0) != SPI_OK_SELECT ||
				SPI_processed != 1)
				elog(ERROR, "ordering query failed");
			for (i = 0; i < 2 * nq; i++)
			{
				bool		isnull;
				Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
											  i + 1, &isnull);

				qc[i] = isnull ? 0 : DatumGetInt64(d);
			}
			SPI_freetuptable(SPI_tuptable);
		}
		/* SPI may leave its own context current; the model belongs to the fit */
		MemoryContextSwitchTo(cxt);
		for (i = 0; i < nq; i++)
		{
			counts[2 * queried[i]] = qc[2 * i];
			counts[2 * queried[i] + 1] = qc[2 * i + 1];
		}
	}
	for (i = 0; i < cons->norders; i++)
	{
		if (counts[2 * i] > 0)
			continue;			/* broken */
		cons->orders[kept] = cons->orders[i];
		cons->orders[kept].strict = counts[2 * i + 1] == 0;
		kept++;
	}
	cons->norders = kept;
}

/* the gap of b after a, on the ordering's scale */
static inline double
gap_value(const SdOrdering *o, double xa, double xb)
{
	return o->log_gap ? log(xb - xa) : xb - xa;
}

/*
 * A gap's quantile grid with a share of its rows at gap 0: the grid of
 * the other gaps, scaled to the rest of the probabilities, after a flat
 * run of zeros (a flat run is how a grid holds a point mass).
 */
static void
gap_zero_mass(double *grid, double share)
{
	double		rest[GRID_POINTS];
	int			g;

	memcpy(rest, grid, sizeof(rest));
	for (g = 0; g < GRID_POINTS; g++)
	{
		double		p = (double) g / (GRID_POINTS - 1);

		grid[g] = p <= share ? 0 :
			Max(0, sd_grid_quantile(rest, GRID_POINTS, (p - share) / (1 - share)));
	}
}

/*
 * The marginal of each later column becomes that of its gap, from the
 * sample's rows holding both, and the copula will read it as a number.
 */
static void
gap_marginals(Model *m, const ConsSample *cs, SdConstraints *cons, FitConfig *cfg2)
{
	int			i,
				r;

	for (i = 0; i < cons->norders; i++)
	{
		SdOrdering *o = &cons->orders[i];
		ModelCol   *c = &m->cols[o->after];
		const double *xa = cs->x[o->before],
				   *xb = cs->x[o->after];
		SdHist	   *h = palloc(sizeof(SdHist));
		SdHist	   *lh = palloc(sizeof(SdHist));
		double		mingap = INFINITY,
					zeros = 0,
					all = 0;

		for (r = 0; r < cs->nrows; r++)
			if (!isnan(xa[r]) && !isnan(xb[r]))
			{
				mingap = Min(mingap, xb[r] - xa[r]);
				all += cs->weight[r];
				if (xb[r] == xa[r])
					zeros += cs->weight[r];
			}
		o->log_gap = o->strict && mingap > 0;
		o->gap_unit = time_gap_unit(c, xa, xb, cs->nrows);

		/*
		 * Rows whose later value equals the earlier one (updated_at =
		 * created_at: rows never updated) are a point mass at gap 0 when k
		 * rows and 1% of the rows hold it, kept apart: in the sketch's
		 * lowest bucket beside small gaps it came back as gaps of a few
		 * seconds to minutes, and no row equal.
		 */
		if (o->log_gap || zeros < m->k || zeros < 0.01 * all || zeros >= all)
			zeros = 0;
		sd_hist_init(h);
		sd_hist_init(lh);
		for (r = 0; r < cs->nrows; r++)
		{
			double		t;

			if (isnan(xa[r]) || isnan(xb[r]) || (zeros > 0 && xb[r] == xa[r]))
				continue;
			t = gap_value(o, xa[r], xb[r]);
			sd_hist_add_n(h, t, cs->weight[r]);
			sd_hist_add_n(lh, log_scale(t), cs->weight[r]);
		}
		/* the gap's quantiles are clipped at its k-th extremes, as a column's */
		continuous_marginal(c, h, lh, m->k);
		c->natoms = 0;			/* point masses are reported on the value scale */
		if (zeros > 0)
		{
			gap_zero_mass(c->grid, zeros / all);
			gap_zero_mass(c->score_grid, zeros / all);
		}
		if (c->value_dim >= 0)
		{
			cfg2->cols[o->after].grid = c->score_grid;
			cfg2->cols[o->after].vk = VK_FLOAT8;
			cfg2->cols[o->after].typid = FLOAT8OID;
			cfg2->cols[o->after].typoutput = F_FLOAT8OUT;
		}
		pfree(h);
		pfree(lh);
	}
}

/* ---- functional dependencies ------------------------------------------------ */

/* determinants come before their dependents: more categories first */
static bool
precedes(const Model *m, int a, int b)
{
	return m->cols[a].ncat > m->cols[b].ncat ||
		(m->cols[a].ncat == m->cols[b].ncat && a < b);
}

/*
 * The map of determinant a's categories to dependent b's if every sample
 * row holding both agrees with it (NULL otherwise); a category of a seen
 * with b in fewer than k rows is left out (-1).
 */
static int *
dependency_map(const Model *m, const ConsSample *cs, int a, int b, int64 *rows)
{
	int			na = m->cols[a].ncat;
	int		   *map = palloc(sizeof(int) * na);
	int64	   *count = palloc0(sizeof(int64) * na);
	int			r,
				i,
				mapped = 0;

	*rows = 0;
	for (i = 0; i < na; i++)
		map[i] = -1;
	for (r = 0; r < cs->nrows; r++)
	{
		int			ca = cs->cat[a][r],
					cb = cs->cat[b][r];

		if (ca < 0 || cb < 0)
			continue;
		if (map[ca] >= 0 && map[ca] != cb)
			return NULL;
		map[ca] = cb;
		count[ca] += cs->weight[r];
		*rows += cs->weight[r];
	}
	for (i = 0; i < na; i++)
	{
		if (count[i] < m->k)
			map[i] = -1;
		mapped += map[i] >= 0;
	}
	/* evidence: two rows per determinant category, and something to map */
	if (*rows < 2 * na || mapped == 0 || *rows < Max(ORDER_MIN_ROWS, 2 * m->k))
		return NULL;
	return map;
}

static void
find_dependencies(Model *m, const ConsSample *cs, SdConstraints *cons)
{
	int			a,
				b;

	cons->deps = palloc0(sizeof(SdDependency) * Max(m->ncols, 1));
	for (b = 0; b < m->ncols; b++)
	{
		int			best = -1;
		int		   *best_map = NULL;

		if (!cs->categorical[b])
			continue;
		for (a = 0; a < m->ncols; a++)
		{
			int64		rows;
			int		   *map;

			CHECK_FOR_INTERRUPTS();
			if (a == b || !cs->categorical[a] || !precedes(m, a, b))
				continue;
			/* the closest determinant: the fewest categories */
			if (best >= 0 && m->cols[a].ncat >= m->cols[best].ncat)
				continue;
			if ((map = dependency_map(m, cs, a, b, &rows)) == NULL)
				continue;
			best = a;
			best_map = map;
		}
		if (best >= 0)
		{
			SdDependency *d = &cons->deps[cons->ndeps++];

			d->determinant = best;
			d->dependent = b;
			d->map = best_map;
			d->det_cats = m->cols[best].cats;
			d->dep_cats = m->cols[b].cats;
		}
	}
}

/* ---- the fit ------------------------------------------------------------------ */

/*
 * Finds the orderings and dependencies of the model's columns in the fit's
 * sample (st1), verifies orderings on the whole table (verify, with SPI
 * connected), and makes the gap marginals.  cfg2 is the copula's pass.
 */
void
cons_fit(Model *m, FitState *st1, FitConfig *cfg2, bool orderings,
		 bool dependencies, Oid relid, const char *qualified, bool verify)
{
	SdConstraints *cons = palloc0(sizeof(SdConstraints));
	ConsSample	cs;
	int64		sampled = 0;
	int			j,
				any = 0;

	memset(&cs, 0, sizeof(cs));
	cs.m = m;
	cs.cfg = cfg2;
	cs.cap = st1->nsample;
	cs.weight = palloc(sizeof(int64) * Max(cs.cap, 1));
	cs.numeric = palloc0(sizeof(bool) * Max(m->ncols, 1));
	cs.categorical = palloc0(sizeof(bool) * Max(m->ncols, 1));
	cs.x = palloc0(sizeof(double *) * Max(m->ncols, 1));
	cs.cat = palloc0(sizeof(int *) * Max(m->ncols, 1));
	for (j = 0; j < m->ncols; j++)
	{
		if (orderings && orderable(&m->cols[j]))
		{
			cs.numeric[j] = true;
			cs.x[j] = palloc(sizeof(double) * Max(cs.cap, 1));
			any++;
		}
		if (dependencies && m->cols[j].kind == MK_CATEGORICAL &&
			m->cols[j].ncat >= 2 && cfg2->cols[j].value_dim >= 0 &&
			(cfg2->cols[j].mode == DM_DISCRETE_NUM || cfg2->cols[j].mode == DM_DISCRETE_TEXT))
		{
			cs.categorical[j] = true;
			cs.cat[j] = palloc(sizeof(int) * Max(cs.cap, 1));
			any++;
		}
	}
	if (any < 2 || cs.cap == 0)
		return;
	sample_for_each(st1, collect_cons_row, &cs);
	for (j = 0; j < cs.nrows; j++)
		sampled += cs.weight[j];

	if (orderings)
	{
		find_orderings(m, &cs, cons);
		/* a sample of a larger table proves nothing about the other rows */
		if (verify && sampled < st1->rows)
			verify_orderings(m, cons, st1, relid, qualified);
		gap_marginals(m, &cs, cons, cfg2);
	}
	if (dependencies)
		find_dependencies(m, &cs, cons);
	if (cons->norders > 0 || cons->ndeps > 0)
		m->cons = cons;
}

/* the index in cats (n) of the category that was old[o], or -1 */
static int
category_now(const ModelCat *cats, int n, const ModelCat *old, int o)
{
	int			c;

	if (o < 0)
		return -1;
	for (c = 0; c < n; c++)
		if (cats[c].label == old[o].label && cats[c].value == old[o].value)
			return c;
	return -1;
}

/*
 * The copula orders categories anew (finalise_dependence): the maps of
 * the dependencies follow, from the numbering they were found with.
 */
void
cons_after_copula(Model *m)
{
	int			i,
				o;

	for (i = 0; m->cons != NULL && i < m->cons->ndeps; i++)
	{
		SdDependency *d = &m->cons->deps[i];
		const ModelCol *a = &m->cols[d->determinant],
				   *b = &m->cols[d->dependent];
		int		   *map = palloc(sizeof(int) * a->ncat);

		for (o = 0; o < a->ncat; o++)
			map[o] = -1;
		for (o = 0; o < a->ncat; o++)
		{
			int			now = category_now(a->cats, a->ncat, d->det_cats, o);

			if (now >= 0)
				map[now] = category_now(b->cats, b->ncat, d->dep_cats, d->map[o]);
		}
		d->map = map;
		d->det_cats = a->cats;
		d->dep_cats = b->cats;
	}
}

/*
 * A sample row as the copula's pass reads it: each later column of an
 * ordering holds its gap (a float8), computed from the values as stored
 * before any of them is replaced (chains).
 */
void
cons_replay_row(const Model *m, const FitConfig *cfg, Datum *values, bool *isnull)
{
	const SdConstraints *cons = m->cons;
	double	   *gaps = palloc(sizeof(double) * cons->norders);
	bool	   *set = palloc(sizeof(bool) * cons->norders);
	int			i,
				n = cons->norders;

	for (i = 0; i < n; i++)
	{
		const SdOrdering *o = &cons->orders[i];
		int			a = cfg->cols[o->before].attidx,
					b = cfg->cols[o->after].attidx;
		double		xa,
					xb;

		set[i] = !isnull[a] && !isnull[b] &&
			datum_to_double(m->cols[o->before].vk, values[a], &xa) &&
			datum_to_double(m->cols[o->after].vk, values[b], &xb) && xb >= xa;
		if (set[i])
			gaps[i] = gap_value(o, xa, xb);
	}
	for (i = 0; i < n; i++)
	{
		const SdOrdering *o = &cons->orders[i];
		int			b = cfg->cols[o->after].attidx;

		if (set[i])
			values[b] = Float8GetDatum(gaps[i]);
		else
			isnull[b] = true;
	}
}

/* ---- the model as JSON ---------------------------------------------------- */

void
cons_to_json(StringInfo b, const Model *m)
{
	const SdConstraints *cons = m->cons;
	int			i,
				j;

	if (cons == NULL)
		return;
	appendStringInfoString(b, ",\n\"constraints\": {\"orderings\": [");
	for (i = 0; i < cons->norders; i++)
	{
		const SdOrdering *o = &cons->orders[i];

		appendStringInfoString(b, i ? ", {\"before\": " : "{\"before\": ");
		escape_json(b, m->cols[o->before].name);
		appendStringInfoString(b, ", \"after\": ");
		escape_json(b, m->cols[o->after].name);
		appendStringInfo(b, ", \"strict\": %s, \"gap_scale\": \"%s\"",
						 o->strict ? "true" : "false", o->log_gap ? "log" : "linear");
		if (o->gap_unit > 0)
			appendStringInfo(b, ", \"gap_unit\": %.0f", o->gap_unit);
		appendStringInfo(b, ", \"rows\": " INT64_FORMAT "}", o->rows);
	}
	appendStringInfoString(b, "], \"dependencies\": [");
	for (i = 0; i < cons->ndeps; i++)
	{
		const SdDependency *d = &cons->deps[i];

		appendStringInfoString(b, i ? ", {\"determinant\": " : "{\"determinant\": ");
		escape_json(b, m->cols[d->determinant].name);
		appendStringInfoString(b, ", \"dependent\": ");
		escape_json(b, m->cols[d->dependent].name);
		appendStringInfoString(b, ", \"map\": [");
		for (j = 0; j < m->cols[d->determinant].ncat; j++)
		{
			if (j)
				appendStringInfoString(b, ", ");
			if (d->map[j] >= 0)
				appendStringInfo(b, "%d", d->map[j]);
			else
				appendStringInfoString(b, "null");
		}
		appendStringInfoString(b, "]}");
	}
	appendStringInfoString(b, "]}");
}

static JsonbValue *
cget(JsonbContainer *c, const char *key)
{
	if (c == NULL || !JsonContainerIsObject(c))
		return NULL;
	return getKeyJsonValueFromContainer(c, key, strlen(key), NULL);
}

static JsonbContainer *
cget_array(JsonbContainer *c, const char *key, const char *what)
{
	JsonbValue *v = cget(c, key);

	if (v == NULL || v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data))
		bad_model(psprintf("Field \"%s\" of %s must be an array.", key, what));
	return v->val.binary.data;
}

static JsonbContainer *
cobject(JsonbValue *v, const char *what)
{
	if (v == NULL || v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		bad_model(psprintf("Each entry of %s must be a JSON object.", what));
	return v->val.binary.data;
}

static bool
cget_bool(JsonbContainer *c, const char *key, const char *what)
{
	JsonbValue *v = cget(c, key);

	if (v == NULL || v->type != jbvBool)
		bad_model(psprintf("Field \"%s\" of %s must be true or false.", key, what));
	return v->val.boolean;
}

/* the model column a field names (of the given kind) */
static int
cget_column(const Model *m, JsonbContainer *c, const char *key, MargKind kind,
			const char *what)
{
	JsonbValue *v = cget(c, key);
	char	   *name;
	int			j;

	if (v == NULL || v->type != jbvString)
		bad_model(psprintf("Field \"%s\" of %s must name a column.", key, what));
	name = pnstrdup(v->val.string.val, v->val.string.len);
	j = model_column_named(m, name, -1);
	if (j < 0 || m->cols[j].kind != kind)
		bad_model(psprintf("Column \"%s\" of %s is not a %s column of the model.",
						   name, what, kind_name[kind]));
	return j;
}

/* no column is "after" (dependent) twice, and following the links ends */
static void
check_links(const Model *m, const int *link)
{
	int			j;

	for (j = 0; j < m->ncols; j++)
	{
		int			a = link[j],
					steps = 0;

		while (a >= 0)
		{
			if (a == j || ++steps > m->ncols)
				bad_model(psprintf("The orderings or dependencies of column \"%s\" form a loop.",
								   m->cols[j].name));
			a = link[a];
		}
	}
}

static void
orderings_from_json(Model *m, SdConstraints *cons, JsonbContainer *arr, int *link)
{
	int			i;

	cons->norders = JsonContainerSize(arr);
	if (cons->norders > m->ncols)
		bad_model("A model has at most one ordering per column.");
	cons->orders = palloc0(sizeof(SdOrdering) * Max(cons->norders, 1));
	for (i = 0; i < cons->norders; i++)
	{
		JsonbContainer *e = cobject(getIthJsonbValueFromContainer(arr, i), "orderings");
		SdOrdering *o = &cons->orders[i];
		JsonbValue *v;
		char	   *scale;

		o->before = cget_column(m, e, "before", MK_CONTINUOUS, "an ordering");
		o->after = cget_column(m, e, "after", MK_CONTINUOUS, "an ordering");
		if (o->before == o->after || m->cols[o->before].vk != m->cols[o->after].vk)
			bad_model("An ordering relates two columns of the same class.");
		if (link[o->after] >= 0)
			bad_model(psprintf("Column \"%s\" follows more than one column.",
							   m->cols[o->after].name));
		link[o->after] = o->before;
		o->strict = cget_bool(e, "strict", "an ordering");
		v = cget(e, "gap_scale");
		if (v == NULL || v->type != jbvString)
			bad_model("Field \"gap_scale\" of an ordering must be \"log\" or \"linear\".");
		scale = pnstrdup(v->val.string.val, v->val.string.len);
		if (strcmp(scale, "log") != 0 && strcmp(scale, "linear") != 0)
			bad_model("Field \"gap_scale\" of an ordering must be \"log\" or \"linear\".");
		o->log_gap = strcmp(scale, "log") == 0;
		v = cget(e, "gap_unit");
		if (v != NULL && v->type != jbvNull)
		{
			if (v->type != jbvNumeric)
				bad_model("Field \"gap_unit\" of an ordering must be a number.");
			o->gap_unit = DatumGetFloat8(DirectFunctionCall1(numeric_float8,
															 NumericGetDatum(v->val.numeric)));
			/* microseconds, a day at most, of timestamps */
			if (!(o->gap_unit >= 1 && o->gap_unit <= (double) USECS_PER_DAY) ||
				o->gap_unit != floor(o->gap_unit) ||
				(m->cols[o->after].vk != VK_TIMESTAMP && m->cols[o->after].vk != VK_TIMESTAMPTZ))
				bad_model("Field \"gap_unit\" of an ordering must be whole microseconds of timestamps, a day at most.");
		}
		v = cget(e, "rows");
		if (v != NULL && v->type == jbvNumeric)
			o->rows = (int64) Max(0, DatumGetFloat8(DirectFunctionCall1(numeric_float8,
																		 NumericGetDatum(v->val.numeric))));
	}
}

static void
dependencies_from_json(Model *m, SdConstraints *cons, JsonbContainer *arr, int *link)
{
	int			i,
				j;

	cons->ndeps = JsonContainerSize(arr);
	if (cons->ndeps > m->ncols)
		bad_model("A model has at most one dependency per column.");
	cons->deps = palloc0(sizeof(SdDependency) * Max(cons->ndeps, 1));
	for (i = 0; i < cons->ndeps; i++)
	{
		JsonbContainer *e = cobject(getIthJsonbValueFromContainer(arr, i), "dependencies");
		SdDependency *d = &cons->deps[i];
		JsonbContainer *map;
		int			na,
					nb;

		d->determinant = cget_column(m, e, "determinant", MK_CATEGORICAL, "a dependency");
		d->dependent = cget_column(m, e, "dependent", MK_CATEGORICAL, "a dependency");
		if (d->determinant == d->dependent || link[d->dependent] >= 0)
			bad_model(psprintf("Column \"%s\" depends on more than one column.",
							   m->cols[d->dependent].name));
		link[d->dependent] = d->determinant;
		na = m->cols[d->determinant].ncat;
		nb = m->cols[d->dependent].ncat;
		map = cget_array(e, "map", "a dependency");
		if ((int) JsonContainerSize(map) != na)
			bad_model("The map of a dependency needs one entry per category of its determinant.");
		d->map = palloc(sizeof(int) * Max(na, 1));
		for (j = 0; j < na; j++)
		{
			JsonbValue *v = getIthJsonbValueFromContainer(map, j);
			double		x;

			d->map[j] = -1;
			if (v->type == jbvNull)
				continue;
			if (v->type != jbvNumeric)
				bad_model("The map of a dependency holds category numbers or nulls.");
			x = DatumGetFloat8(DirectFunctionCall1(numeric_float8,
												   NumericGetDatum(v->val.numeric)));
			if (!(x >= 0 && x < nb && x == rint(x)))
				bad_model("The map of a dependency holds category numbers of its dependent.");
			d->map[j] = (int) x;
		}
	}
}

/* reads the "constraints" of a model (absent: none) */
void
cons_from_json(Model *m, JsonbContainer *root)
{
	JsonbValue *v = cget(root, "constraints");
	JsonbContainer *c;
	SdConstraints *cons;
	int		   *link;
	int			j;

	if (v == NULL || v->type == jbvNull)
		return;
	c = cobject(v, "\"constraints\"");
	cons = palloc0(sizeof(SdConstraints));
	link = palloc(sizeof(int) * Max(m->ncols, 1));
	for (j = 0; j < m->ncols; j++)
		link[j] = -1;
	orderings_from_json(m, cons, cget_array(c, "orderings", "\"constraints\""), link);
	dependencies_from_json(m, cons, cget_array(c, "dependencies", "\"constraints\""), link);
	check_links(m, link);
	if (cons->norders > 0 || cons->ndeps > 0)
		m->cons = cons;
}

/* imputation reads values through the marginals: a gap is no value */
void
cons_forbid_imputation(const Model *m)
{
	if (m->cons != NULL && m->cons->norders > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a model with orderings cannot be used to impute values"),
				 errdetail("Column \"%s\" is modelled as its gap after column \"%s\".",
						   m->cols[m->cons->orders[0].after].name,
						   m->cols[m->cons->orders[0].before].name),
				 errhint("Fit the model with option {\"orderings\": false}.")));
}

/* ---- sampling ------------------------------------------------------------ */

/* links followed from column j: how many columns are drawn before it */
static int
link_depth(const SdConsSampler *cs, const SdConstraints *cons, int ncols, int j)
{
	int			depth = 0;

	while (depth <= ncols)
	{
		if (cs->order_of[j] >= 0)
			j = cons->orders[cs->order_of[j]].before;
		else if (cs->dep_of[j] >= 0)
			j = cons->deps[cs->dep_of[j]].determinant;
		else
			break;
		depth++;
	}
	return depth;
}

/*
 * The sampler's state for orderings, dependencies, grain and CHECK bounds,
 * when the model or the target table has any of them: the attributes in an
 * order that draws every earlier column and determinant first.
 */
void
cons_sampler_create(Sampler *s)
{
	Model	   *m = s->m;
	SdConsSampler *cs;
	int		   *depth;
	int			i,
				j,
				d,
				n = 0,
				maxdepth = 0;
	bool		any = m->cons != NULL ||
		(s->table != NULL && s->table->nchecks > 0);

	for (j = 0; j < m->ncols && !any; j++)
		any = m->cols[j].time != NULL;
	if (!any)
		return;
	cs = palloc0(sizeof(SdConsSampler));
	s->cons = cs;
	cs->order = palloc(sizeof(int) * Max(s->natts, 1));
	cs->mcol_att = palloc(sizeof(int) * Max(m->ncols, 1));
	cs->x = palloc0(sizeof(double) * Max(m->ncols, 1));
	cs->has_x = palloc0(sizeof(bool) * Max(m->ncols, 1));
	cs->cat = palloc(sizeof(int) * Max(m->ncols, 1));
	cs->order_of = palloc(sizeof(int) * Max(m->ncols, 1));
	cs->dep_of = palloc(sizeof(int) * Max(m->ncols, 1));
	cs->ulo = palloc(sizeof(double) * Max(m->ncols, 1));
	cs->uhi = palloc(sizeof(double) * Max(m->ncols, 1));
	cs->xlo = palloc(sizeof(double) * Max(m->ncols, 1));
	cs->xhi = palloc(sizeof(double) * Max(m->ncols, 1));
	cs->hour_cum = palloc0(sizeof(double *) * Max(m->ncols, 1));
	cs->weekday_cum = palloc0(sizeof(double *) * Max(m->ncols, 1));
	cs->hourwd_cum = palloc0(sizeof(double *) * Max(m->ncols, 1));
	cs->time_lo = palloc(sizeof(double) * Max(m->ncols, 1));
	cs->time_hi = palloc(sizeof(double) * Max(m->ncols, 1));
	cs->time_masses = palloc0(sizeof(bool) * Max(m->ncols, 1));
	for (j = 0; j < m->ncols; j++)
	{
		cs->mcol_att[j] = -1;
		cs->order_of[j] = cs->dep_of[j] = -1;
		cs->ulo[j] = 0;
		cs->uhi[j] = 1;
		cs->xlo[j] = -INFINITY;
		cs->xhi[j] = INFINITY;
	}
	for (i = 0; i < s->natts; i++)
		if (s->tc[i].mcol >= 0)
			cs->mcol_att[s->tc[i].mcol] = i;
	if (m->cons != NULL)
	{
		for (i = 0; i < m->cons->norders; i++)
			cs->order_of[m->cons->orders[i].after] = i;
		for (i = 0; i < m->cons->ndeps; i++)
			cs->dep_of[m->cons->deps[i].dependent] = i;
	}

	/* attributes by the depth of their column's links, stable */
	depth = palloc0(sizeof(int) * Max(s->natts, 1));
	for (i = 0; i < s->natts; i++)
	{
		if (s->tc[i].mcol >= 0)
			depth[i] = link_depth(cs, m->cons, m->ncols, s->tc[i].mcol);
		maxdepth = Max(maxdepth, depth[i]);
	}
	for (d = 0; d <= maxdepth; d++)
		for (i = 0; i < s->natts; i++)
			if (depth[i] == d)
				cs->order[n++] = i;
	Assert(n == s->natts);

	for (i = 0; i < s->natts; i++)
		if (s->tc[i].mcol >= 0 && m->cols[s->tc[i].mcol].time != NULL &&
			m->cols[s->tc[i].mcol].kind == MK_CONTINUOUS &&
			cs->order_of[s->tc[i].mcol] < 0)
			time_sampler_init(s, i);
	checks_bounds(s);
}

/* before each row: nothing drawn yet */
void
cons_row_start(Sampler *s)
{
	SdConsSampler *cs = s->cons;
	int			j;

	for (j = 0; j < s->m->ncols; j++)
	{
		cs->has_x[j] = false;
		cs->cat[j] = -1;
	}
}

/* model column mc's value in this row is x (a value another part drew) */
void
cons_seed_value(Sampler *s, int mc, double x)
{
	s->cons->x[mc] = x;
	s->cons->has_x[mc] = true;
}

/* the smallest step of a column's values */
double
value_step(const ModelCol *c)
{
	if (c->time != NULL)
		return time_unit(c);
	if (c->integer || vk_is_integral(c->vk))
		return 1;
	if (c->scale >= 0)
		return pow(10, -c->scale);
	return 0;
}

/*
 * b = a + gap, at b's grain, and never before a (nor at a, when strict);
 * the gap is q, or its quantile at u when q is NaN
 */
static bool
ordered_value(SdConsSampler *cs, const ModelCol *c, const SdOrdering *o,
			  double u, double q, double *x)
{
	double		t = isnan(q) ? sd_grid_quantile(c->grid, GRID_POINTS, u) : q,
				xa,
				v,
				step = value_step(c);

	if (!cs->has_x[o->before])
		return false;			/* no earlier value: none after it */
	xa = cs->x[o->before];
	t = o->log_gap ? exp(t) : Max(t, 0);
	/* whole units of the source's gaps: a stay of whole hours, a due date of whole days */
	if (o->gap_unit > 0)
		t = Max(rint(t / o->gap_unit), o->strict ? 1 : 0) * o->gap_unit;
	v = xa + t;
	if (c->time != NULL)
		v = time_round(c, v, true);
	else if (step >= 1)
		v = ceil(v - 1e-9);
	else if (step > 0)
		v = ceil(v / step - 1e-6) * step;
	if (v < xa || (o->strict && v <= xa))
		v = step > 0 ? (o->strict ? xa + step : xa) : (o->strict ? nextafter(xa, INFINITY) : xa);
	*x = v;
	return true;
}

/*
 * The value of continuous target attribute att from its uniform u, or
 * from q, the marginal's value itself when it is not NaN (a sequence drawn
 * on the column's scale): the gap after its earlier column, or its
 * marginal within its CHECK bounds at its grain.  false: the attribute is
 * NULL in this row.
 */
bool
cons_continuous(Sampler *s, int att, double u, double q, double *x)
{
	SdConsSampler *cs = s->cons;
	int			mc = s->tc[att].mcol;
	const ModelCol *c = &s->m->cols[mc];
	double		v;

	if (cs->order_of[mc] >= 0)
	{
		if (!ordered_value(cs, c, &s->m->cons->orders[cs->order_of[mc]], u, q, &v))
			return false;
	}
	else
	{
		/* the marginal truncated to the CHECK bounds, not clamped onto them */
		if (!isnan(q) && (cs->ulo[mc] > 0 || cs->uhi[mc] < 1))
		{
			u = Max(1e-6, Min(1 - 1e-6, sd_grid_cdf(c->grid, GRID_POINTS, q)));
			q = NAN;
		}
		if (isnan(q))
		{
			u = cs->ulo[mc] + u * (cs->uhi[mc] - cs->ulo[mc]);
			q = sd_grid_quantile(c->grid, GRID_POINTS, u);
		}
		v = q;
		if (c->integer)
			v = rint(v);
		v = Max(c->grid[0], Min(c->grid[GRID_POINTS - 1], v));
		if (cs->hour_cum[mc] != NULL || cs->weekday_cum[mc] != NULL || c->time != NULL)
			v = time_shape(s, att, c, v);
		v = Max(cs->xlo[mc], Min(cs->xhi[mc], v));
	}
	cs->x[mc] = v;
	cs->has_x[mc] = true;
	*x = v;
	return true;
}

/* category j of target attribute att, or its determinant's image */
int
cons_category(Sampler *s, int att, int j)
{
	SdConsSampler *cs = s->cons;
	int			mc = s->tc[att].mcol;

	if (cs->dep_of[mc] >= 0)
	{
		const SdDependency *d = &s->m->cons->deps[cs->dep_of[mc]];
		int			ca = cs->cat[d->determinant];

		if (ca >= 0 && d->map[ca] >= 0)
			j = d->map[ca];
	}
	cs->cat[mc] = j;
	return j;
}
