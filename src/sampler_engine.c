/*-------------------------------------------------------------------------
 *
 * sampler_engine.c
 *		The sampling engine as other features see it (clone.h): a sampler
 *		over a row type without a table behind it, its columns, categories
 *		and scores, and the conditional marginals the sequence model reads.
 *
 * Layer: feature logic under the SQL entry points.  No SPI here.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/sampler_engine.c
 *
 *-------------------------------------------------------------------------
 */

#include "clone_int.h"
#include "sampler_int.h"
#include "clone_cons.h"

/* ---------------------------------------------------------------------
 * The engine seen from other features (clone.h)
 * ---------------------------------------------------------------------
 */

/* a sampler of the model over the row type, without a table behind it */
SdCloneSampler *
sd_clone_sampler(Jsonb *model, TupleDesc tupdesc, const char *relname,
				 uint64 seed)
{
	Model	   *m = model_from_jsonb(model);

	cons_forbid_imputation(m);
	return sampler_create(m, tupdesc, InvalidOid, relname, seed);
}

int
sd_clone_ndims(SdCloneSampler *s)
{
	return s->m->ndims;
}

/* the copula's correlation matrix (ndims x ndims, row-major) */
const double *
sd_clone_correlation(SdCloneSampler *s)
{
	return s->m->corr;
}

void
sd_clone_column(SdCloneSampler *s, int att, SdCloneColumn *out)
{
	TargetCol  *tc = &s->tc[att];
	ModelCol   *c = tc->mcol >= 0 ? &s->m->cols[tc->mcol] : NULL;

	memset(out, 0, sizeof(SdCloneColumn));
	out->value_dim = out->null_dim = out->parent_att = -1;
	if (c == NULL)
		return;
	out->modelled = true;
	out->continuous = c->kind == MK_CONTINUOUS;
	out->categorical = c->kind == MK_CATEGORICAL;
	out->ncat = out->categorical ? c->ncat : 0;
	out->value_dim = (out->continuous || out->categorical) ? c->value_dim : -1;
	out->null_dim = c->null_dim;
	out->null_tau = tc->null_tau;
	if (out->continuous && c->parent >= 0 && c->cond != NULL)
	{
		int			i;

		for (i = 0; i < s->natts; i++)
			if (s->tc[i].mcol == c->parent)
				out->parent_att = i;
	}
}

/* the model's share of category cat */
double
sd_clone_category_p(SdCloneSampler *s, int att, int cat)
{
	TargetCol  *tc = &s->tc[att];

	return tc->cat_cum[cat] - (cat > 0 ? tc->cat_cum[cat - 1] : 0);
}

/*
 * The rank within the parent's category r of a value of overall rank u:
 * the inverse of sampler_conditional_u.  *density is the density of u under the
 * category (the share of its mass in u's slice, per unit of rank).
 */
static double
conditional_v(const ModelCol *c, int r, double u, double *density)
{
	const double *shares = c->cond + r * U_BINS * 3;
	double		total = 0,
				acc = 0,
				p,
				sd,
				from,
				to,
				w;
	int			b,
				bu = Min(U_BINS - 1, Max(0, (int) (u * U_BINS)));

	for (b = 0; b < U_BINS; b++)
		total += shares[b * 3];
	if (total <= 0)
	{
		*density = 1;
		return u;
	}
	for (b = 0; b < bu; b++)
		acc += shares[b * 3];
	p = shares[bu * 3];
	*density = p / total * U_BINS;
	if (p <= 0)
		return acc / total;
	/* slice_u's support inside the slice, read backwards */
	sd = shares[bu * 3 + 2] * sqrt(3.0);
	from = Max((double) bu / U_BINS, shares[bu * 3 + 1] - sd);
	to = Min((bu + 1.0) / U_BINS, shares[bu * 3 + 1] + sd);
	w = to > from ? (u - from) / (to - from) : 0.5;
	w = Max(0, Min(1, w));
	return (acc + w * p) / total;
}

/*
 * The normal score of an observed value of a continuous column: the
 * inverse normal of its rank F(x), as the fit's second pass computes it,
 * or, for a column with a conditional marginal whose parent is in category
 * parent_cat (>= 0), the latent whose CDF given that category is the
 * value's rank within it, as the sampler reads the coordinate.  density
 * (if not NULL) receives the density of the rank under the category (1
 * without one).
 */
bool
sd_clone_score(SdCloneSampler *s, int att, Datum value, int parent_cat,
			   double *z, double *density)
{
	TargetCol  *tc = &s->tc[att];
	ModelCol   *c = &s->m->cols[tc->mcol];
	double		x,
				u,
				dens = 1;

	if (!vk_is_number(tc->vk) || !datum_to_double(tc->vk, value, &x))
		return false;
	u = sd_grid_cdf(c->grid, GRID_POINTS, x);
	if (c->parent >= 0 && parent_cat >= 0 && c->cond != NULL)
	{
		const double *row = s->mcond_cdf[tc->mcol];

		u = conditional_v(c, parent_cat, u, &dens);
		if (row != NULL)
		{
			/* the latent whose CDF within the category is that rank */
			*z = sampler_latent_cdf_inverse(row + parent_cat * COND_Z_POINTS,
									Max(1e-4, Min(1 - 1e-4, u)));
			if (density != NULL)
				*density = dens;
			return true;
		}
	}
	u = Max(u, 1e-4);
	u = Min(u, 1 - 1e-4);
	*z = sd_qnorm(u);
	if (density != NULL)
		*density = dens;
	return true;
}

/* an observed value of a numeric column as a double; false if none */
bool
sd_clone_number(SdCloneSampler *s, int att, Datum value, double *x)
{
	TargetCol  *tc = &s->tc[att];

	return vk_is_number(tc->vk) && datum_to_double(tc->vk, value, x);
}

/*
 * A continuous column mcol with a conditional marginal, seen from a
 * sequence drawn on the column's value scale (sequence_sample.c): its
 * parent's category at the latent vector z, or -1 where the parent is
 * NULL (the column then follows its own marginal), as sampler_conditional_u
 * reads it.
 */
int
sampler_cond_category(Sampler *s, int mcol, const double *z)
{
	const ModelCol *c = &s->m->cols[mcol];
	const ModelCol *par;

	if (c->parent < 0 || c->cond == NULL)
		return -1;
	par = &s->m->cols[c->parent];
	if (par->value_dim < 0 ||
		(par->null_dim >= 0 && z[par->null_dim] > s->mnull_tau[c->parent]))
		return -1;
	return bounded_category(s->mcat_z[c->parent], par->ncat, z[par->value_dim]);
}

/* the value of rank v within parent category r (r < 0: the marginal) */
double
sampler_cond_quantile(Sampler *s, int mcol, int r, double v)
{
	const ModelCol *c = &s->m->cols[mcol];
	double		u = r >= 0 && c->cond != NULL ? sampler_category_rank_u(c, r, v) : v;

	return sd_grid_quantile(c->grid, GRID_POINTS, u);
}

/*
 * The latent coordinate at which draw_continuous gives value x in parent
 * category r (r < 0: through the marginal): the inverse of sampler_conditional_u.
 */
double
sampler_cond_latent(Sampler *s, int mcol, int r, double x)
{
	const ModelCol *c = &s->m->cols[mcol];
	double		u = sd_grid_cdf(c->grid, GRID_POINTS, x),
				dens;

	if (r >= 0 && c->cond != NULL)
	{
		u = conditional_v(c, r, u, &dens);
		if (s->mcond_cdf[mcol] != NULL)
			return sampler_latent_cdf_inverse(s->mcond_cdf[mcol] + r * COND_Z_POINTS,
									  Max(1e-6, Min(1 - 1e-6, u)));
	}
	return sd_qnorm(Max(1e-6, Min(1 - 1e-6, u)));
}

/*
 * The model's category of an observed value, or -1 if it has none.  A
 * category of share 0 has none either: its latent interval is empty (at
 * an infinite end of the line), so it cannot locate the row's latent value.
 */
int
sd_clone_category(SdCloneSampler *s, int att, Datum value)
{
	TargetCol  *tc = &s->tc[att];
	int			j = model_category_of(&s->m->cols[tc->mcol], tc->vk, tc->typoutput, value);

	if (j < 0 || !(sd_clone_category_p(s, att, j) > 0))
		return -1;
	return j;
}

/* the latent interval of a category: the sampler's cut points */
void
sd_clone_category_bounds(SdCloneSampler *s, int att, int cat, double *lo,
						 double *hi)
{
	TargetCol  *tc = &s->tc[att];
	ModelCol   *c = &s->m->cols[tc->mcol];

	*lo = cat > 0 ? sd_qnorm(tc->cat_cum[cat - 1]) : -INFINITY;
	*hi = cat < c->ncat - 1 ? sd_qnorm(tc->cat_cum[cat]) : INFINITY;
}

/*
 * The value of a continuous or categorical column at the latent vector z
 * (all dimensions: a conditional marginal reads its parent's), mapped as
 * draw_row maps it; u is the rank used when the column is outside the
 * copula.  Categories come back as the category's index.
 */
Datum
sd_clone_value(SdCloneSampler *s, int att, const double *z, double u)
{
	TargetCol  *tc = &s->tc[att];
	ModelCol   *c = &s->m->cols[tc->mcol];
	int			j;

	memcpy(s->z, z, sizeof(double) * s->m->ndims);
	if (c->value_dim >= 0)
		u = sd_pnorm(z[c->value_dim]);
	if (c->kind == MK_CATEGORICAL)
	{
		for (j = 0; j < c->ncat - 1 && u > tc->cat_cum[j]; j++)
			;
		return Int32GetDatum(j);
	}
	else
	{
		double		x;

		if (c->parent >= 0)
			u = sampler_conditional_u(s, c, u);
		x = sd_grid_quantile(c->grid, GRID_POINTS, u);
		if (c->integer)
			x = rint(x);
		x = Max(c->grid[0], Min(c->grid[GRID_POINTS - 1], x));
		return sampler_number_to_datum(tc, x, c->integer ? 0 : c->scale);
	}
}

/* a category's value in the type of the row's attribute */
Datum
sd_clone_category_value(SdCloneSampler *s, int att, int cat)
{
	return s->tc[att].cat_datums[cat];
}
