/*-------------------------------------------------------------------------
 *
 * image.c
 *		Images in bytea columns of fitted cloning: procedural PNGs of the
 *		source's sizes.
 *
 * Fit.  A bytea column whose values are mostly images (PNG, JPEG or GIF,
 * recognised by their magic bytes) is modelled by the images' sizes only:
 * quantiles of the widths and of the aspect ratios (height / width),
 * clipped at the k-th extremes, and the share of square images.  Sizes are
 * read from the headers (PNG IHDR, GIF logical screen, JPEG start of
 * frame) of at most IMAGE_SAMPLE_ROWS values, the first IMAGE_HEAD_BYTES
 * bytes of each.  Nothing of an image's pixels is read.
 *
 * Sampling.  Every value is a new PNG (8-bit RGB, deflated by zlib) drawn
 * from the column's stream: a square image is an identicon-like avatar (a
 * 5 x 5 grid mirrored left to right, one colour on a light ground), any
 * other a smooth value-noise texture of two colours.  Never derived from a
 * source image.  Sizes are capped at IMAGE_SIDE_MAX pixels a side.
 *
 * Layer: feature logic under the SQL entry points.  Must not define
 * SQL-callable functions; catalog reads and SPI queries quote every
 * identifier and schema-qualify every operator and function.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/image.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <zlib.h>

#include "clone_int.h"
#include "image.h"

#define IMAGE_SAMPLE_ROWS 2000
#define IMAGE_HEAD_BYTES 65536

/* ---- the header of an image -------------------------------------------- */

static uint32
be32(const uint8 *p)
{
	return ((uint32) p[0] << 24) | ((uint32) p[1] << 16) | ((uint32) p[2] << 8) | p[3];
}

/* width and height of a JPEG: its first start-of-frame marker */
static bool
jpeg_size(const uint8 *p, int len, int *w, int *h)
{
	int			i = 2;

	while (i + 9 < len)
	{
		uint8		marker;
		int			seglen;

		if (p[i] != 0xFF)
			return false;
		marker = p[i + 1];
		if (marker == 0xFF)
		{
			i++;
			continue;
		}
		seglen = (p[i + 2] << 8) | p[i + 3];
		if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
		{
			*h = (p[i + 5] << 8) | p[i + 6];
			*w = (p[i + 7] << 8) | p[i + 8];
			return true;
		}
		if (seglen < 2)
			return false;
		i += 2 + seglen;
	}
	return false;
}

/* the size of an image by its magic bytes; false: no image known */
static bool
image_size(const uint8 *p, int len, int *w, int *h)
{
	static const uint8 png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

	if (len >= 24 && memcmp(p, png, 8) == 0 && memcmp(p + 12, "IHDR", 4) == 0)
	{
		*w = (int) Min(be32(p + 16), (uint32) PG_INT32_MAX);
		*h = (int) Min(be32(p + 20), (uint32) PG_INT32_MAX);
		return true;
	}
	if (len >= 10 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
	{
		*w = p[6] | (p[7] << 8);
		*h = p[8] | (p[9] << 8);
		return true;
	}
	if (len >= 4 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return jpeg_size(p, len, w, h);
	return false;
}

/* ---- fitting -------------------------------------------------------------- */

static ImageModel *
image_model_of(FitContext *fc, const ModelCol *c, int k)
{
	StringInfoData q;
	const char *col = quote_identifier(c->name);
	SdHist		widths,
				aspects;
	int64		images = 0,
				square = 0;
	uint64		r;
	ImageModel *im;

	initStringInfo(&q);
	appendStringInfo(&q,
					 "SELECT pg_catalog.substr(_synth_src.%s, 1, %d)"
					 " FROM %s AS _synth_src WHERE _synth_src.%s IS NOT NULL"
					 " ORDER BY pg_catalog.md5(_synth_src.%s) LIMIT %d",
					 col, IMAGE_HEAD_BYTES, fc->qualified, col, col, IMAGE_SAMPLE_ROWS);
	if (sd_spi_execute(q.data, 0, NULL, NULL, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading the values of column \"%s\" failed", c->name);
	MemoryContextSwitchTo(fc->cxt);
	sd_hist_init(&widths);
	sd_hist_init(&aspects);
	for (r = 0; r < SPI_processed; r++)
	{
		bool		isnull;
		bytea	   *v = DatumGetByteaPP(SPI_getbinval(SPI_tuptable->vals[r],
													  SPI_tuptable->tupdesc, 1, &isnull));
		int			w,
					h;

		if (image_size((const uint8 *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), &w, &h) &&
			w > 0 && h > 0)
		{
			images++;
			square += w == h;
			sd_hist_add_n(&widths, (double) w, 1);
			sd_hist_add_n(&aspects, log((double) h / w), 1);
		}
		CHECK_FOR_INTERRUPTS();
	}
	if (SPI_processed == 0 || images < Max(k, 2) || images < 0.5 * SPI_processed)
	{
		SPI_freetuptable(SPI_tuptable);
		return NULL;
	}
	im = palloc0(sizeof(ImageModel));
	clipped_quantiles(&widths, images, k, im->widthq, IMAGE_POINTS);
	clipped_quantiles(&aspects, images, k, im->aspectq, IMAGE_POINTS);
	im->square_fraction = (double) square / images;
	SPI_freetuptable(SPI_tuptable);
	return im;
}

/* bytea columns of images get an image model.  Runs in the fit's SPI connection. */
void
image_models_fit(FitContext *fc, Model *m)
{
	int			i;

	for (i = 0; i < m->ncols; i++)
	{
		ModelCol   *c = &m->cols[i];
		ImageModel *im;

		if (c->kind != MK_FORMAT || !c->binary || c->role_forced)
			continue;
		im = image_model_of(fc, c, m->k);
		if (im == NULL)
			continue;
		c->image = im;
		c->kind = MK_IMAGE;
		c->role = ROLE_ATTRIBUTE;
		c->reason = "images: new procedural PNGs of the images' sizes";
	}
}

/* ---- the model as JSON --------------------------------------------------- */

static void
write_array(StringInfo b, const double *v, int n)
{
	int			i;

	appendStringInfoChar(b, '[');
	for (i = 0; i < n; i++)
		appendStringInfo(b, i ? ", %.6g" : "%.6g", v[i]);
	appendStringInfoChar(b, ']');
}

void
image_model_write(StringInfo b, const ImageModel *im)
{
	appendStringInfoString(b, ", \"width_quantiles\": ");
	write_array(b, im->widthq, IMAGE_POINTS);
	appendStringInfoString(b, ", \"aspect_quantiles\": ");
	write_array(b, im->aspectq, IMAGE_POINTS);
	appendStringInfo(b, ", \"square_fraction\": %.6g", im->square_fraction);
}

ImageModel *
image_model_read(JsonbContainer *cc)
{
	ImageModel *im = palloc0(sizeof(ImageModel));
	JsonbValue *v;

	read_number_array(jget_container(cc, "width_quantiles", true, false), im->widthq,
					  IMAGE_POINTS, "width_quantiles");
	if (!(im->widthq[0] >= 1 && im->widthq[IMAGE_POINTS - 1] <= IMAGE_SIDE_MAX))
		bad_model(psprintf("Field \"width_quantiles\" must hold widths from 1 to %d.", IMAGE_SIDE_MAX));
	read_number_array(jget_container(cc, "aspect_quantiles", true, false), im->aspectq,
					  IMAGE_POINTS, "aspect_quantiles");
	if (!(im->aspectq[0] >= -8 && im->aspectq[IMAGE_POINTS - 1] <= 8))
		bad_model("Field \"aspect_quantiles\" must hold logarithms of ratios from -8 to 8.");
	v = getKeyJsonValueFromContainer(cc, "square_fraction", 15, NULL);
	im->square_fraction = jnum(v, "square_fraction");
	if (!(im->square_fraction >= 0 && im->square_fraction <= 1))
		bad_model("Field \"square_fraction\" must lie between 0 and 1.");
	return im;
}

/* ---- drawing ------------------------------------------------------------- */

/* a PNG chunk: length, type, data, CRC of type and data */
static void
put_chunk(StringInfo out, const char *type, const uint8 *data, uint32 len)
{
	uint8		be[4];
	uLong		crc = crc32(0L, Z_NULL, 0);

	be[0] = len >> 24;
	be[1] = len >> 16;
	be[2] = len >> 8;
	be[3] = len;
	appendBinaryStringInfo(out, (const char *) be, 4);
	appendBinaryStringInfo(out, type, 4);
	if (len > 0)
		appendBinaryStringInfo(out, (const char *) data, len);
	crc = crc32(crc, (const Bytef *) type, 4);
	if (len > 0)
		crc = crc32(crc, data, len);
	be[0] = crc >> 24;
	be[1] = crc >> 16;
	be[2] = crc >> 8;
	be[3] = crc;
	appendBinaryStringInfo(out, (const char *) be, 4);
}

static void
random_colour(SdRng *rng, uint8 *rgb, int lo, int hi)
{
	int			i;

	for (i = 0; i < 3; i++)
		rgb[i] = (uint8) (lo + sd_rng_below(rng, hi - lo + 1));
}

/* scanlines (filter byte 0 first) of an identicon: a mirrored 5 x 5 grid */
static void
draw_avatar(uint8 *raw, int w, int h, SdRng *rng)
{
	uint8		fg[3],
				bg[3] = {240, 240, 240};
	bool		cell[5][5];
	int			x,
				y,
				i;

	random_colour(rng, fg, 40, 200);
	for (y = 0; y < 5; y++)
		for (x = 0; x < 3; x++)
			cell[y][x] = cell[y][4 - x] = sd_rng_below(rng, 2) == 1;
	for (y = 0; y < h; y++)
	{
		uint8	   *row = raw + (size_t) y * (3 * w + 1);

		row[0] = 0;
		for (x = 0; x < w; x++)
		{
			bool		on = cell[Min(4, y * 5 / h)][Min(4, x * 5 / w)];

			for (i = 0; i < 3; i++)
				row[1 + 3 * x + i] = on ? fg[i] : bg[i];
		}
	}
}

/* scanlines of a value-noise texture: an 8 x 8 lattice, smoothly interpolated */
static void
draw_texture(uint8 *raw, int w, int h, SdRng *rng)
{
	double		lattice[9][9];
	uint8		a[3],
				b[3];
	int			x,
				y,
				i;

	random_colour(rng, a, 0, 255);
	random_colour(rng, b, 0, 255);
	for (y = 0; y < 9; y++)
		for (x = 0; x < 9; x++)
			lattice[y][x] = sd_rng_uniform(rng);
	for (y = 0; y < h; y++)
	{
		uint8	   *row = raw + (size_t) y * (3 * w + 1);
		double		fy = 8.0 * y / h;
		int			ly = (int) fy;
		double		ty = fy - ly,
					sy = ty * ty * (3 - 2 * ty);

		row[0] = 0;
		for (x = 0; x < w; x++)
		{
			double		fx = 8.0 * x / w;
			int			lx = (int) fx;
			double		tx = fx - lx,
						sx = tx * tx * (3 - 2 * tx),
						top = lattice[ly][lx] + sx * (lattice[ly][lx + 1] - lattice[ly][lx]),
						bot = lattice[ly + 1][lx] + sx * (lattice[ly + 1][lx + 1] - lattice[ly + 1][lx]),
						v = top + sy * (bot - top);

			for (i = 0; i < 3; i++)
				row[1 + 3 * x + i] = (uint8) rint(a[i] + v * (b[i] - a[i]));
		}
	}
}

/* one new PNG of the model's sizes, as a bytea */
Datum
image_generate(const ImageModel *im, SdRng *rng)
{
	double		wq = sd_grid_quantile(im->widthq, IMAGE_POINTS, sd_rng_uniform(rng));
	bool		square = sd_rng_uniform(rng) < im->square_fraction;
	double		aspect = square ? 0 : sd_grid_quantile(im->aspectq, IMAGE_POINTS, sd_rng_uniform(rng));
	int			w = (int) Max(1, Min(IMAGE_SIDE_MAX, rint(wq))),
				h = square ? w : (int) Max(1, Min(IMAGE_SIDE_MAX, rint(w * exp(aspect))));
	size_t		rawlen = (size_t) h * (3 * w + 1);
	uint8	   *raw = palloc(rawlen);
	uLongf		zlen = compressBound(rawlen);
	uint8	   *z = palloc(zlen);
	uint8		ihdr[13];
	StringInfoData out;
	bytea	   *result;
	static const uint8 sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

	if (square)
		draw_avatar(raw, w, h, rng);
	else
		draw_texture(raw, w, h, rng);
	if (compress2(z, &zlen, raw, rawlen, 6) != Z_OK)
		elog(ERROR, "could not compress an image");
	initStringInfo(&out);
	appendStringInfoSpaces(&out, VARHDRSZ);
	appendBinaryStringInfo(&out, (const char *) sig, 8);
	ihdr[0] = w >> 24;
	ihdr[1] = w >> 16;
	ihdr[2] = w >> 8;
	ihdr[3] = w;
	ihdr[4] = h >> 24;
	ihdr[5] = h >> 16;
	ihdr[6] = h >> 8;
	ihdr[7] = h;
	ihdr[8] = 8;				/* bit depth */
	ihdr[9] = 2;				/* truecolour */
	ihdr[10] = ihdr[11] = ihdr[12] = 0; /* deflate, adaptive filters, no interlace */
	put_chunk(&out, "IHDR", ihdr, 13);
	put_chunk(&out, "IDAT", z, (uint32) zlen);
	put_chunk(&out, "IEND", NULL, 0);
	pfree(raw);
	pfree(z);
	result = (bytea *) out.data;
	SET_VARSIZE(result, out.len);
	return PointerGetDatum(result);
}
