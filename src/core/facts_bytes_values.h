/*
 * facts_bytes_values.h - the values of the fast path over CSV bytes
 * (facts_bytes.c), each read exactly as the general path reads it
 * (facts_fields.c, ident.c, date.c) and asked as a yes or no: dates,
 * texts, enumerations, schools, gemeenten and pupils. Inline, because the
 * fast path asks tens of millions of them; the searches behind the
 * previous row's pupil and school are in facts_lookup.c. Not for use
 * outside src/core/facts*.c.
 */
#ifndef INBEELD_FACTS_BYTES_VALUES_H
#define INBEELD_FACTS_BYTES_VALUES_H

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "facts_internal.h"
#include "ident.h"

/* The pupil of id f when it is not the previous row's, searched from that
 * one (fs->last_pupil) on; false when there is none. */
bool fb_pupil_search(builder *b, fact_state *fs, field f, uint32_t *out);
/* The school of BRIN and vestiging; false when they name none. */
bool fb_school_search(const builder *b, field brin, field vest, int32_t *out);

/* Whether the bytes of x picked by `digits` are all 0..9 and those picked
 * by `zero` are 0, after x ^= the ASCII it should be (SWAR, 8 bytes). */
static inline __attribute__((always_inline)) bool swar_digits(uint64_t x, uint64_t digits, uint64_t zero)
{
	return (x & ((digits & 0xF0F0F0F0F0F0F0F0u) | zero)) == 0 &&
	       ((x + (digits & 0x0606060606060606u)) & digits & 0xF0F0F0F0F0F0F0F0u) == 0;
}

/* date_parse(), by the table of months: "YYYY-MM-DD" of an existing day
 * within DATE_MIN_YEAR..DATE_MAX_YEAR. The eight bytes "YYYY-MM-" and
 * the two of the day are checked a word at a time, and the digits made
 * numbers two at a time (each byte times ten plus the next: no byte
 * carries, as a digit pair is at most 99). When the eight bytes are those
 * of the date before (dm), their year and month are that date's. */
static inline __attribute__((always_inline)) bool date_value(date_memo *dm, field f, day_t *out, civil *c)
{
	if (f.len != 10)
		return false;
	uint64_t v;
	uint16_t w;
	memcpy(&v, f.p, 8);
	memcpy(&w, f.p + 8, 2);
	uint64_t xd = (uint64_t)(uint16_t)(w ^ 0x3030);
	if (!swar_digits(xd, 0xFFFF, 0))
		return false;
	int d = (int)(xd & 0xFF) * 10 + (int)(xd >> 8);
	if (v != dm->ym) {
		/* Bytes 0-3, 5-6 digits, 4 and 7 '-' (little-endian: byte i at bits 8i). */
		const uint64_t DIGITS = 0x00FFFF00FFFFFFFFu, DASHES = 0xFF0000FF00000000u;
		uint64_t x = v ^ (0x3030303030303030u & DIGITS) ^ (0x2D2D2D2D2D2D2D2Du & DASHES);
		if (!swar_digits(x, DIGITS, DASHES))
			return false;
		uint64_t pairs = x * 10 + (x >> 8); /* byte 0: century, byte 2: year in it, byte 5: month */
		int y = (int)(pairs & 0xFF) * 100 + (int)(pairs >> 16 & 0xFF);
		int m = (int)(pairs >> 40 & 0xFF);
		if ((unsigned)(y - DATE_MIN_YEAR) > (unsigned)(DATE_MAX_YEAR - DATE_MIN_YEAR) || (unsigned)(m - 1) > 11u)
			return false;
		dm->ym = v;
		dm->e = dm->months[(y - DATE_MIN_YEAR) * 12 + m - 1];
		dm->y = y;
		dm->m = m;
	}
	if ((unsigned)(d - 1) >= (unsigned)dm->e.days)
		return false;
	*out = dm->e.before + d;
	if (c)
		*c = (civil){dm->y, dm->m, d};
	return true;
}

/* A required date. */
static inline __attribute__((always_inline)) bool date_req(date_memo *dm, field f, day_t *out)
{
	return f.len && date_value(dm, f, out, NULL);
}

/* An optional date: `empty` when the field is. */
static inline __attribute__((always_inline)) bool date_opt(date_memo *dm, field f, day_t empty, day_t *out)
{
	if (!f.len) {
		*out = empty;
		return true;
	}
	return date_value(dm, f, out, NULL);
}

/* fb_period(): no tot before van. */
static inline __attribute__((always_inline)) bool period_ok(day_t van, day_t tot)
{
	return van == DAY_NONE || tot == DAY_OPEN || tot == DAY_NONE || tot >= van;
}

/* fb_text_problem() says nothing: printable ASCII is looked at 8 bytes at a
 * time, anything else (a byte from 0x7f, a control character) by it. */
static inline __attribute__((always_inline)) bool text_ok(field f, size_t max)
{
	if (f.len > max)
		return false;
	size_t i = 0;
	for (; i + 8 <= f.len; i += 8) {
		uint64_t x;
		memcpy(&x, f.p + i, 8);
		/* A byte below 0x20, or from 0x7f (+1 carries into bit 7). */
		if (((x - 0x2020202020202020u) | (x + 0x0101010101010101u) | x) & 0x8080808080808080u)
			return fb_text_problem(f, max, NULL) == TEXT_OK;
	}
	for (; i < f.len; i++)
		if ((unsigned char)f.p[i] < 0x20 || (unsigned char)f.p[i] >= 0x7f)
			return fb_text_problem(f, max, NULL) == TEXT_OK;
	return true;
}


/* fb_school(): BRIN and vestiging of a known site. A table's rows often
 * name the school of the row before: fs keeps its bytes and the answer. */
static inline __attribute__((always_inline)) bool school_value(const builder *b, fact_state *fs, const field *f,
								    int32_t *out)
{
	field brin = f[0], vest = f[1];
	uint64_t key = 0;
	if (brin.len == 4 && vest.len == 2) {
		key = fb_school_key(brin.p, vest.p);
		if ((key | (uint64_t)1 << 63) == fs->last_school_key) {
			*out = fs->last_school;
			return true;
		}
		/* A known site's key: its school, no checks needed. */
		const uint64_t *h = b->school_hash;
		for (uint32_t at = h ? fb_school_slot(key, b->school_mask) : 0; h && h[at]; at = (at + 1) & b->school_mask) {
			if (h[at] >> 16 == key) {
				*out = (int32_t)(h[at] & 0xFFFF);
				fs->last_school_key = key | (uint64_t)1 << 63; /* never 0 */
				fs->last_school = *out;
				return true;
			}
		}
	}
	if (!fb_school_search(b, brin, vest, out))
		return false;
	fs->last_school_key = key ? key | (uint64_t)1 << 63 : 0;
	fs->last_school = *out;
	return true;
}

/* fb_gemeente(): the code of a known gemeente ("GM" and four digits, as
 * gemeentecode_parse() reads it, a word at a time). */
static inline __attribute__((always_inline)) bool gemeente_value(const builder *b, field f, int32_t *out)
{
	if (f.len != 6 || f.p[0] != 'G' || f.p[1] != 'M')
		return false;
	uint32_t v;
	memcpy(&v, f.p + 2, 4);
	uint64_t x = (uint64_t)(v ^ 0x30303030u);
	if (!swar_digits(x, 0xFFFFFFFFu, 0))
		return false;
	uint64_t pairs = x * 10 + (x >> 8); /* byte 0: digits 1-2, byte 2: digits 3-4 */
	*out = b->ds->gemeente_by_num[(pairs & 0xFF) * 100 + (pairs >> 16 & 0xFF)];
	return *out != NO_REF;
}

/* The sum of the 11-proef's first eight terms, 9 x digit 0 down to 2 x
 * digit 7 (x: the eight digits as numbers, byte i digit i): with SSE2 the
 * bytes widened to 16 bits and multiplied and added in pairs at once. */
static inline int weighted_digits(uint64_t x)
{
#if defined(__SSE2__)
	__m128i d = _mm_unpacklo_epi8(_mm_cvtsi64_si128((long long)x), _mm_setzero_si128());
	__m128i s = _mm_madd_epi16(d, _mm_setr_epi16(9, 8, 7, 6, 5, 4, 3, 2)); /* four sums of two */
	s = _mm_add_epi32(s, _mm_srli_si128(s, 8));
	s = _mm_add_epi32(s, _mm_srli_si128(s, 4));
	return _mm_cvtsi128_si32(s);
#else
	int sum = 0;
	for (int i = 0; i < 8; i++)
		sum += (9 - i) * (int)(x >> 8 * i & 0xFF);
	return sum;
#endif
}

/* A field of nine digits (the BSN and the onderwijsnummer, ident.c): false
 * when it is none; else its number and the sum of the 11-proef
 * (elfproef_sum()), the digits checked a word at a time. */
static inline __attribute__((always_inline)) bool nine_digits(field f, uint32_t *num, int *elf)
{
	if (f.len != 9)
		return false;
	uint64_t v;
	memcpy(&v, f.p, 8);
	uint64_t x = v ^ 0x3030303030303030u;
	unsigned last = (unsigned)(unsigned char)f.p[8] - '0';
	if (!swar_digits(x, ~(uint64_t)0, 0) || last > 9)
		return false;
	*elf = weighted_digits(x) - (int)last;
	/* Digits to pairs, pairs to fours, fours to the first eight. */
	uint64_t t = x * 10 + (x >> 8);
	t = (t & 0x00FF00FF00FF00FFu) * 100 + (t >> 16 & 0x00FF00FF00FF00FFu);
	*num = (uint32_t)((t & 0xFFFF) * 10000 + (t >> 32 & 0xFFFF)) * 10 + last;
	return true;
}

/* memcmp() of two short byte runs, inline: ids are compared millions of
 * times, most often with the id of the row before. */
static inline int bytes_cmp(const char *a, const char *b, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x, y;
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			break;
	}
	for (; i < n; i++)
		if (a[i] != b[i])
			return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
	return 0;
}

/* fb_enum(): the index of the name, or -1; lens[i] is strlen(names[i])
 * (fb_bytes_begin() measures them once: the names are a few, the rows
 * tens of millions). */
static inline int enum_value(field f, const char *const *names, const uint8_t *lens, int n)
{
	for (int i = 0; i < n; i++)
		if (lens[i] == f.len && bytes_cmp(names[i], f.p, f.len) == 0)
			return i;
	return -1;
}

/* Byte order of pupil c's id and f (strcmp, with lengths). */
static inline int id_order(const builder *b, uint32_t c, field f)
{
	size_t len = b->id_len[c];
	int r = bytes_cmp(b->id_ptr[c], f.p, len < f.len ? len : f.len);
	return r ? r : (len > f.len) - (len < f.len);
}

/* fb_pupil(): the pupil of this row. Files follow the pupils' order, so
 * look from the previous row's pupil forwards, galloping; going back, ask
 * the general search. */
/* Whether the n bytes at a and b are equal (n <= 16 by two words). */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
	if (n < 8 || n > 16)
		return bytes_cmp(a, b, n) == 0;
	uint64_t x0, y0, x1, y1;
	memcpy(&x0, a, 8);
	memcpy(&y0, b, 8);
	memcpy(&x1, a + n - 8, 8);
	memcpy(&y1, b + n - 8, 8);
	return ((x0 ^ y0) | (x1 ^ y1)) == 0;
}

/* The previous row's pupil when this row names the same id (most rows),
 * by its bytes; else the search below. fs->last_id is that row's id in the
 * bytes being read (lines_of() forgets it when it ends). */
static inline __attribute__((always_inline)) bool pupil_value(builder *b, fact_state *fs, field f, uint32_t *out)
{
	if (fs->last_id && f.len == fs->last_id_len && same_bytes(f.p, fs->last_id, f.len)) {
		*out = fs->last_pupil;
		return true;
	}
	if (!fb_pupil_search(b, fs, f, out))
		return false;
	fs->last_id = f.p;
	fs->last_id_len = f.len;
	return true;
}

#endif
