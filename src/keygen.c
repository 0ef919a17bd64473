/*-------------------------------------------------------------------------
 *
 * keygen.c
 *		The one key regenerator: the keyed permutations behind fresh keys
 *		and the shapes a fresh key takes.
 *
 * A fresh key is a function of a position (a row number, or a position a
 * caller chose): a keyed permutation turns distinct positions into
 * distinct values, so new keys never repeat, whatever their number, and
 * no set of seen keys is ever kept.
 *
 *	FeistelPerm	a permutation of [0, domain) for any domain: a balanced
 *				Feistel network whose round function is Philox4x32-10,
 *				cycle-walking back into the domain (Black and Rogaway,
 *				"Ciphers with arbitrary finite domains", CT-RSA 2002);
 *	sd_perm62	a bijection of 62-bit integers (keygen.h), for keys drawn
 *				from the whole range;
 *	shapes		integer (base + position), uuid (version 4, its low 62
 *				bits the permuted position), a fake made unique by its
 *				position (name.surname42@example.com).
 *
 * Layer: engine.  Must not call fmgr or SPI, nor read the catalog: plain
 * C over plain structs, testable on its own.
 *
 * Copyright (c) 2026, synthdata developers
 *
 * IDENTIFICATION
 *		src/keygen.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "keygen.h"

/* ---------------------------------------------------------------------
 * Keyed permutation of [0, domain)
 * ---------------------------------------------------------------------
 */

void
sd_perm_init(FeistelPerm *p, uint64 domain, uint64 seed, uint64 stream)
{
	int			bits = 2;
	uint64		s = sd_mix64(seed ^ sd_mix64(stream));

	p->domain = Max(domain, 1);
	while (bits < 64 && (((uint64) 1) << bits) < p->domain)
		bits += 2;
	p->halfbits = bits / 2;
	p->keys[0] = (uint32) s;
	p->keys[1] = (uint32) (s >> 32);
	s = sd_mix64(s + 0x9E3779B97F4A7C15ULL);
	p->keys[2] = (uint32) s;
	p->keys[3] = (uint32) (s >> 32);
}

uint64
sd_perm_apply(const FeistelPerm *p, uint64 x)
{
	uint64		mask = (p->halfbits >= 32) ? PG_UINT32_MAX :
		((((uint64) 1) << p->halfbits) - 1);

	if (p->domain <= 1)
		return 0;
	do
	{
		uint64		l = (x >> p->halfbits) & mask;
		uint64		r = x & mask;
		int			round;

		for (round = 0; round < 4; round++)
		{
			uint32		ctr[4] = {(uint32) r, (uint32) (r >> 32), (uint32) round, 0};
			uint32		out[4];
			uint64		f;

			sd_philox4x32_10(ctr, &p->keys[(round & 1) * 2], out);
			f = ((uint64) out[0] | ((uint64) out[1] << 32)) & mask;
			f ^= l;
			l = r;
			r = f;
		}
		x = (l << p->halfbits) | r;
	} while (x >= p->domain);	/* cycle walking */
	return x;
}

/* ---------------------------------------------------------------------
 * Shapes
 * ---------------------------------------------------------------------
 */

void
sd_key_uuid_layout(uint64 hi, uint64 lo, uint8 out[16])
{
	int			j;

	/* RFC 4122 section 4.4: version 4, variant 10 */
	hi = (hi & ~UINT64CONST(0xF000)) | UINT64CONST(0x4000);
	lo = (lo & SD_PERM62_MASK) | (UINT64CONST(2) << 62);
	for (j = 0; j < 8; j++)
	{
		out[j] = (uint8) (hi >> (56 - 8 * j));
		out[8 + j] = (uint8) (lo >> (56 - 8 * j));
	}
}

void
sd_key_uuid(uint64 key, uint64 pos, uint8 out[16])
{
	uint64		lo = sd_perm62(pos, key);

	/* the high bits are a hash of the low ones: unique by lo */
	sd_key_uuid_layout(sd_mix64(key ^ lo), lo, out);
}

/*
 * Makes the local part of an email (or a whole username) at out[start..]
 * unique: its trailing digits are dropped and the position + 1 is
 * appended.  What is left before the digits ends in no digit, so the
 * digits are the position exactly, and two positions never give the same
 * value.
 */
void
sd_key_fake_unique(StringInfo out, int start, int64 pos)
{
	char	   *at = memchr(out->data + start, '@', out->len - start);
	int			end = at != NULL ? (int) (at - out->data) : out->len;
	char	   *tail = pstrdup(out->data + end);
	int			cut = end;

	while (cut > start && out->data[cut - 1] >= '0' && out->data[cut - 1] <= '9')
		cut--;
	out->len = cut;
	out->data[cut] = '\0';
	if (cut == start)
		appendStringInfoString(out, "user");
	appendStringInfo(out, INT64_FORMAT "%s", pos + 1, tail);
	pfree(tail);
}
