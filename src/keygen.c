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
 *				bits the permuted position), text (the uuid's 32 hex
 *				digits), a fake made unique by its position
 *				(name.surname42@example.com), a fake's own digits
 *				replaced by the position (555-010-0042), a code
 *				(SKU-000042);
 *	SdKeyGen	new keys beside a table's existing ones: an existing key of
 *				a permuted shape is inverted to the position it holds, and
 *				row r takes the r-th free position, so new keys miss the
 *				existing ones by construction, not by luck.
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

#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "fake.h"
#include "keygen.h"

/* ---------------------------------------------------------------------
 * Keyed permutation of [0, domain)
 * ---------------------------------------------------------------------
 */

void
sd_perm_init(FeistelPerm *p, uint64 domain, uint64 seed, uint64 stream)
{
	int			bits = 2;
	uint64		s = sd_key_derive(seed, stream);

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

/* the bits of one half of a permuted value */
static inline uint64
perm_half_mask(const FeistelPerm *p)
{
	return (p->halfbits >= 32) ? PG_UINT32_MAX : ((((uint64) 1) << p->halfbits) - 1);
}

uint64
sd_perm_apply(const FeistelPerm *p, uint64 x)
{
	uint64		mask = perm_half_mask(p);

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

/*
 * sd_perm_apply of two values, the rounds of the two interleaved (each
 * round's two blocks at once: sd_philox4x32_10_pair); a value that walks
 * its cycle further goes on alone.  The same images as two calls.
 */
void
sd_perm_apply_pair(const FeistelPerm *p, uint64 x0, uint64 x1,
				   uint64 *y0, uint64 *y1)
{
	uint64		mask = perm_half_mask(p);
	uint64		l0 = (x0 >> p->halfbits) & mask,
				r0 = x0 & mask,
				l1 = (x1 >> p->halfbits) & mask,
				r1 = x1 & mask;
	int			round;

	if (p->domain <= 1)
	{
		*y0 = *y1 = 0;
		return;
	}
	for (round = 0; round < 4; round++)
	{
		uint32		c0[4] = {(uint32) r0, (uint32) (r0 >> 32), (uint32) round, 0};
		uint32		c1[4] = {(uint32) r1, (uint32) (r1 >> 32), (uint32) round, 0};
		uint32		o0[4],
					o1[4];
		const uint32 *key = &p->keys[(round & 1) * 2];
		uint64		f0,
					f1;

		sd_philox4x32_10_pair(c0, key, o0, c1, key, o1);
		f0 = (((uint64) o0[0] | ((uint64) o0[1] << 32)) & mask) ^ l0;
		f1 = (((uint64) o1[0] | ((uint64) o1[1] << 32)) & mask) ^ l1;
		l0 = r0;
		r0 = f0;
		l1 = r1;
		r1 = f1;
	}
	x0 = (l0 << p->halfbits) | r0;
	x1 = (l1 << p->halfbits) | r1;
	/* cycle walking, as sd_perm_apply's loop goes on */
	*y0 = x0 < p->domain ? x0 : sd_perm_apply(p, x0);
	*y1 = x1 < p->domain ? x1 : sd_perm_apply(p, x1);
}

/* the inverse of x ^= x >> s on 62 bits */
static inline uint64
unxorshift(uint64 y, int s)
{
	uint64		x = y;
	int			k;

	for (k = s; k < 62; k += s)
		x ^= y >> k;
	return x;
}

/* the inverse of an odd multiplier modulo 2^64 (so also modulo 2^62) */
static inline uint64
odd_inverse(uint64 m)
{
	uint64		inv = m;		/* right to 3 bits; each step doubles them */
	int			i;

	for (i = 0; i < 5; i++)
		inv *= 2 - m * inv;
	return inv;
}

/* the x with sd_perm62(x, key) == y, for x and y below 2^62 */
static uint64
sd_perm62_invert(uint64 y, uint64 key)
{
	const uint64 mask = SD_PERM62_MASK;
	uint64		x = y & mask;

	x = unxorshift(x, 32);
	x = (x * odd_inverse(UINT64CONST(0x94D049BB133111EB))) & mask;
	x = unxorshift(x, 29);
	x = (x * odd_inverse(UINT64CONST(0xBF58476D1CE4E5B9))) & mask;
	x = unxorshift(x, 31);
	x = (x * odd_inverse(UINT64CONST(0x9E3779B97F4A7C15))) & mask;
	return (x ^ key) & mask;
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

/* the start of the run of digits that ends at end (end when none) */
static int
digits_start(const char *s, int from, int end)
{
	while (end > from && s[end - 1] >= '0' && s[end - 1] <= '9')
		end--;
	return end;
}

/*
 * Makes the local part of an email (or a whole username, a name) at
 * out[start..] unique: its trailing digits are dropped and the position
 * + 1 is appended.  What is left before the digits ends in no digit, so
 * the digits are the position exactly, and two positions never give the
 * same value.  With a limit, what is left is clipped first (and its
 * trailing digits dropped again).
 */
bool
sd_key_fake_unique(StringInfo out, int start, int64 pos, int maxchars)
{
	char	   *at = memchr(out->data + start, '@', out->len - start);
	int			end = at != NULL ? (int) (at - out->data) : out->len;
	int			cut = digits_start(out->data, start, end);
	char		num[24];
	char		tailbuf[128];
	char	   *tail;
	int			numlen,
				taillen = out->len - end;
	bool		user = true;

	pg_lltoa(pos + 1, num);
	numlen = (int) strlen(num);
	if (maxchars >= 0)
	{
		/* characters left for the part before the number */
		int			room = maxchars - (int) strlen(num) -
			pg_mbstrlen_with_len(out->data + end, out->len - end) -
			pg_mbstrlen_with_len(out->data, start);

		if (room < 0)
			return false;
		if (pg_mbstrlen_with_len(out->data + start, cut - start) > room)
			cut = digits_start(out->data, start,
							   start + pg_mbcharcliplen(out->data + start,
														cut - start, room));
		user = (room >= 4);
	}
	tail = taillen < (int) sizeof(tailbuf) ? tailbuf : palloc(taillen);
	memcpy(tail, out->data + end, taillen);
	out->len = cut;
	out->data[cut] = '\0';
	if (cut == start && user)
		appendStringInfoString(out, "user");
	appendBinaryStringInfo(out, num, numlen);
	appendBinaryStringInfo(out, tail, taillen);
	if (tail != tailbuf)
		pfree(tail);
	return true;
}

/*
 * The last width digits of the value replaced by the position: the value
 * determines those digits, so two positions never give the same value.
 */
bool
sd_key_digits(StringInfo out, uint64 pos, int width)
{
	char		num[24];
	int			k,
				ndig = 0,
				i;

	snprintf(num, sizeof(num), "%0*" INT64_MODIFIER "u", width, pos);
	k = (int) strlen(num);
	for (i = 0; i < out->len; i++)
		ndig += (out->data[i] >= '0' && out->data[i] <= '9') ? 1 : 0;
	if (ndig < k)
		return false;
	for (i = out->len - 1; i >= 0 && k > 0; i--)
		if (out->data[i] >= '0' && out->data[i] <= '9')
			out->data[i] = num[--k];
	return true;
}

/* ---------------------------------------------------------------------
 * New keys beside existing ones
 * ---------------------------------------------------------------------
 */

void
sd_keygen_init(SdKeyGen *kg, SdKeyShape shape, uint64 seed, uint64 stream)
{
	memset(kg, 0, sizeof(SdKeyGen));
	kg->shape = shape;
	kg->seed = seed;
	kg->stream = stream;
	kg->key = sd_key_derive(seed, stream);
	kg->base = 1;
}

static void
take_position(SdKeyGen *kg, uint64 pos)
{
	if (kg->ntaken == kg->captaken)
	{
		/* at most one position per row of a table held in memory */
		kg->captaken = kg->captaken == 0 ? 64 : kg->captaken * 2;
		kg->taken = kg->taken == NULL ?
			palloc(sizeof(uint64) * (Size) kg->captaken) :
			repalloc(kg->taken, sizeof(uint64) * (Size) kg->captaken);
	}
	kg->taken[kg->ntaken++] = pos;
}

/* an existing integer key: new keys start after the largest */
void
sd_keygen_take_integer(SdKeyGen *kg, double v)
{
	Assert(kg->shape == SD_KEY_INTEGER);
	if (!kg->any || v + 1 > kg->base)
		kg->base = v + 1;
	kg->any = true;
}

/* an existing uuid: the position it holds, if it is one the shape gives */
void
sd_keygen_take_uuid(SdKeyGen *kg, const uint8 u[16])
{
	uint64		lo = 0,
				pos;
	uint8		mine[16];
	int			j;

	for (j = 0; j < 8; j++)
		lo = (lo << 8) | u[8 + j];
	pos = sd_perm62_invert(lo, kg->key);
	sd_key_uuid(kg->key, pos, mine);
	if (memcmp(mine, u, 16) == 0)
		take_position(kg, pos);
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * An existing text key (trailing blanks aside, as char(n) compares): the
 * position it holds, if it is one the shape gives.  A fake's position is
 * its number less one; any other value holds none.
 */
void
sd_keygen_take_text(SdKeyGen *kg, const char *s, int len)
{
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (kg->shape == SD_KEY_TEXT)
	{
		uint8		u[16];
		int			j;

		if (len != 32)
			return;
		for (j = 0; j < 16; j++)
		{
			int			h = hex_digit(s[2 * j]),
						l = hex_digit(s[2 * j + 1]);

			if (h < 0 || l < 0)
				return;
			u[j] = (uint8) (h * 16 + l);
		}
		sd_keygen_take_uuid(kg, u);
	}
	else if (kg->shape == SD_KEY_FAKE)
	{
		const char *at = memchr(s, '@', len);
		int			end = at != NULL ? (int) (at - s) : len;
		int			first = end;
		uint64		num = 0;
		StringInfoData mine;

		while (first > 0 && s[first - 1] >= '0' && s[first - 1] <= '9' &&
			   end - first < 18)
			first--;
		if (first == end)
			return;
		for (; first < end; first++)
			num = num * 10 + (uint64) (s[first] - '0');
		if (num == 0)
			return;
		initStringInfo(&mine);
		sd_keygen_text(kg, num - 1, &mine);
		if (mine.len == len && memcmp(mine.data, s, len) == 0)
			take_position(kg, num - 1);
		pfree(mine.data);
	}
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64		x = *(const uint64 *) a,
				y = *(const uint64 *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

/* after the last take: the taken positions ascending, each once */
void
sd_keygen_seal(SdKeyGen *kg)
{
	int			i,
				n = 0;

	if (kg->ntaken == 0)
		return;
	qsort(kg->taken, kg->ntaken, sizeof(uint64), cmp_u64);
	for (i = 0; i < kg->ntaken; i++)
		if (n == 0 || kg->taken[i] != kg->taken[n - 1])
			kg->taken[n++] = kg->taken[i];
	kg->ntaken = n;
}

/*
 * The row-th free position.  taken[j] - j (the free positions below
 * taken[j]) does not decrease, so the taken positions below the answer
 * are those with taken[j] - j <= row, found by bisection.
 */
uint64
sd_keygen_position(const SdKeyGen *kg, uint64 row)
{
	int			lo = 0,
				hi = kg->ntaken;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (kg->taken[mid] - (uint64) mid <= row)
			lo = mid + 1;
		else
			hi = mid;
	}
	return row + (uint64) lo;
}

/* the text key of a position: 32 hex digits, or a fake made unique */
void
sd_keygen_text(const SdKeyGen *kg, uint64 pos, StringInfo out)
{
	if (kg->shape == SD_KEY_FAKE)
	{
		SdRng		rng;

		sd_rng_init(&rng, kg->seed, kg->stream);
		sd_rng_seek(&rng, pos);
		sd_fake_generate((SdFakeKind) kg->fake, SD_FAKE_LOCALE_EN, kg->seed,
						 pos, &rng, out);
		(void) sd_key_fake_unique(out, 0, (int64) pos, -1);
	}
	else
	{
		static const char hex[] = "0123456789abcdef";
		uint8		u[16];
		char		buf[33];
		int			j;

		sd_key_uuid(kg->key, pos, u);
		for (j = 0; j < 16; j++)
		{
			buf[2 * j] = hex[u[j] >> 4];
			buf[2 * j + 1] = hex[u[j] & 15];
		}
		appendBinaryStringInfo(out, buf, 32);
	}
}
