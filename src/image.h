/*-------------------------------------------------------------------------
 *
 * image.h
 *		Images in bytea columns of fitted cloning (image.c).
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/image.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_IMAGE_H
#define SYNTHDATA_IMAGE_H

#include "lib/stringinfo.h"
#include "utils/jsonb.h"

#include "rng.h"

#define IMAGE_POINTS 17			/* quantile grids of widths and aspect ratios */
#define IMAGE_SIDE_MAX 4096		/* pixels of a side of a drawn image */

typedef struct ImageModel
{
	double		widthq[IMAGE_POINTS];	/* pixels */
	double		aspectq[IMAGE_POINTS];	/* log(height / width) */
	double		square_fraction;
} ImageModel;

struct Model;
struct FitContext;

extern void image_models_fit(struct FitContext *fc, struct Model *m);
extern void image_model_write(StringInfo b, const ImageModel *im);
extern ImageModel *image_model_read(JsonbContainer *cc);
extern Datum image_generate(const ImageModel *im, SdRng *rng);

#endif							/* SYNTHDATA_IMAGE_H */
