/*
 * facts_bytes.c - the fact builder's fast path over CSV bytes (facts_bytes.h):
 * lines split in place (a line at a time by one scan's masks, an odd line
 * field by field), and every check of the general path (facts_ref.c,
 * facts_pupil.c) asked as a yes or no through the values of
 * facts_bytes_values.h: a row the general path would refuse or warn about
 * ends the fast path for its table.
 */
#include "facts_bytes.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "facts_bytes_values.h"
#include "facts_internal.h"
#include "ident.h"
#include "leerplicht.h"

/* A line longer than this is left to the general reader (a valid row is far
 * shorter: every field has a bound). */
enum { FAST_LINE_MAX = 4096 };

enum { MONTHS = (DATE_MAX_YEAR - DATE_MIN_YEAR + 1) * 12 };

bool builder_bytes_ok(const builder *b, table_id t)
{
	if (b->only || TABLES[t].flexible)
		return false;
	if (t == T_LEERLINGEN)
		return true;
	return TABLES[t].per_pupil && b->state[T_LEERLINGEN] == 2 && b->id_len && b->school_by_brin;
}

/* The separators of 64 bytes as bit masks (bit i: byte i): commas, line
 * ends, and the bytes the fast path must look at (quote, CR). */
typedef struct masks {
	uint64_t comma, lf, special;
} masks;

#if defined(__SSE2__)
#include <emmintrin.h>
static inline uint64_t mask16(__m128i eq, int at)
{
	return (uint64_t)(uint32_t)_mm_movemask_epi8(eq) << at;
}

static inline masks scan64(const char *p)
{
	masks m = {0, 0, 0};
	__m128i v[4], special[4], any = _mm_setzero_si128();
	for (int i = 0; i < 4; i++) {
		v[i] = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
		m.comma |= mask16(_mm_cmpeq_epi8(v[i], _mm_set1_epi8(',')), 16 * i);
		m.lf |= mask16(_mm_cmpeq_epi8(v[i], _mm_set1_epi8('\n')), 16 * i);
		special[i] = _mm_or_si128(_mm_cmpeq_epi8(v[i], _mm_set1_epi8('"')), _mm_cmpeq_epi8(v[i], _mm_set1_epi8('\r')));
		any = _mm_or_si128(any, special[i]);
	}
	/* A quote or CR is rare: its mask is made only when there is one. */
	if (__builtin_expect(_mm_movemask_epi8(any) != 0, 0))
		for (int i = 0; i < 4; i++)
			m.special |= mask16(special[i], 16 * i);
	return m;
}
#else
static inline masks scan64(const char *p)
{
	masks m = {0, 0, 0};
	for (int i = 0; i < 64; i++) {
		uint64_t bit = (uint64_t)1 << i;
		m.comma |= p[i] == ',' ? bit : 0;
		m.lf |= p[i] == '\n' ? bit : 0;
		m.special |= p[i] == '"' || p[i] == '\r' ? bit : 0;
	}
	return m;
}
#endif

static void build_months(builder *b)
{
	b->month_day = xmalloc(MONTHS * sizeof *b->month_day);
	for (int y = DATE_MIN_YEAR; y <= DATE_MAX_YEAR; y++)
		for (int m = 1; m <= 12; m++)
			b->month_day[(y - DATE_MIN_YEAR) * 12 + m - 1] =
				(struct month_entry){day_from_civil(y, m, 1) - 1, days_in_month(y, m)};
}

/* ---- the rows of each table: true when kept, false when the general path
 * must say something about it ---- */

typedef bool (*fast_row)(builder *b, const field *f, uint32_t line);


static inline void push_number(uint32_t **arr, size_t *n, size_t *cap, uint32_t v)
{
	if (__builtin_expect(*n >= *cap, 0))
		*arr = xgrow(*arr, cap, *n + 1, sizeof **arr);
	(*arr)[(*n)++] = v;
}

static inline __attribute__((always_inline)) bool row_leerling(builder *b, pupil_part *pp, const field *f, uint32_t line)
{
	pupil p = {0};
	civil birth;
	if (!f[0].len || !text_ok(f[0], MAX_ID))
		return false;
	/* BSN and onderwijsnummer: 9 digits each, so equal numbers are equal
	 * texts; duplicates are looked for when the parts are joined. The
	 * rules are ident.h's, on the sum nine_digits() makes. */
	uint32_t bsn = 0, onr = 0;
	int elf;
	if (f[1].len && (!nine_digits(f[1], &bsn, &elf) || bsn == 0 || !bsn_sum_ok(elf)))
		return false;
	if (f[2].len && (!nine_digits(f[2], &onr, &elf) || !onderwijsnummer_prefix_ok(f[2].p) ||
			 !onderwijsnummer_sum_ok(elf)))
		return false;
	if (!f[3].len || !date_value(&pp->dates, f[3], &p.geboortedatum, &birth) || !text_ok(f[4], MAX_TEXT) ||
	    !text_ok(f[5], MAX_TEXT) || !date_opt(&pp->dates, f[6], DAY_NONE, &p.startkwalificatie))
		return false;
	if (p.startkwalificatie != DAY_NONE && p.startkwalificatie <= p.geboortedatum)
		return false; /* a warning */
	if (f[1].len)
		push_number(&pp->bsn_seen, &pp->n_bsn, &pp->cap_bsn, bsn);
	if (f[2].len)
		push_number(&pp->onr_seen, &pp->n_onr, &pp->cap_onr, onr);
	if (b->flags & BUILD_IDENTITY) {
		arena *a = &pp->strings;
		p.bsn = f[1].len ? arena_strndup(a, f[1].p, f[1].len) : NULL;
		p.onderwijsnummer = f[2].len ? arena_strndup(a, f[2].p, f[2].len) : NULL;
		p.voornaam = f[4].len ? arena_strndup(a, f[4].p, f[4].len) : NULL;
		p.achternaam = f[5].len ? arena_strndup(a, f[5].p, f[5].len) : NULL;
	}
	p.lp_start = leerplicht_start_c(birth);
	p.kwal_end = kwalificatieplicht_end_c(birth, p.startkwalificatie);
	p.id = arena_strndup(&pp->strings, f[0].p, f[0].len);
	if (!pp->n) {
		pp->first_id = p.id;
		pp->first_len = f[0].len;
	} else if (pp->sorted && !fb_ids_ascending(pp->prev_id, pp->prev_len, p.id, f[0].len)) {
		pp->sorted = false; /* fb_end_leerlingen() sorts, and finds duplicates */
	}
	pp->prev_id = p.id;
	pp->prev_len = f[0].len;
	if (__builtin_expect(pp->n >= pp->cap || pp->n >= pp->cap_line, 0)) {
		if (pp->placed)
			return false; /* more rows than its room: not a file of valid rows */
		pp->pupils = xgrow(pp->pupils, &pp->cap, pp->n + 1, sizeof *pp->pupils);
		pp->line = xgrow(pp->line, &pp->cap_line, pp->n + 1, sizeof *pp->line);
	}
	pp->line[pp->n] = line;
	if (pp->placed) /* its room is there: end_part() need not measure the id */
		pp->id_len[pp->n] = (uint8_t)f[0].len;
	pp->pupils[pp->n++] = p;
	return true;
}

static inline __attribute__((always_inline)) bool row_woonadres(builder *b, const field *f, uint32_t line)
{
	date_memo *dm = &b->facts[F_RESIDENCE].dates;
	uint32_t p;
	residence r;
	if (!pupil_value(b, &b->facts[F_RESIDENCE], f[0], &p) || !gemeente_value(b, f[1], &r.gemeente) ||
	    !date_req(dm, f[2], &r.van) || !date_opt(dm, f[3], DAY_OPEN, &r.tot) || !period_ok(r.van, r.tot) ||
	    f[4].len != 1 || (f[4].p[0] != '0' && f[4].p[0] != '1'))
		return false;
	r.in_onderzoek = (uint8_t)(f[4].p[0] - '0');
	const residence *prev = fb_fact_prev(b, F_RESIDENCE, p);
	fb_fact_after(b, F_RESIDENCE, prev && residence_order(prev, &r) > 0);
	*(residence *)fb_fact_slot(b, F_RESIDENCE, p, line) = r;
	return true;
}

static inline __attribute__((always_inline)) bool row_inschrijving(builder *b, const field *f, uint32_t line)
{
	date_memo *dm = &b->facts[F_ENROLMENT].dates;
	uint32_t p;
	enrolment e;
	if (!pupil_value(b, &b->facts[F_ENROLMENT], f[0], &p) || !school_value(b, &b->facts[F_ENROLMENT], f + 1, &e.school) ||
	    !date_req(dm, f[3], &e.van) || !date_opt(dm, f[4], DAY_OPEN, &e.tot) || !period_ok(e.van, e.tot))
		return false;
	const enrolment *prev = fb_fact_prev(b, F_ENROLMENT, p);
	fb_fact_after(b, F_ENROLMENT, prev && enrolment_order(prev, &e) > 0);
	*(enrolment *)fb_fact_slot(b, F_ENROLMENT, p, line) = e;
	return true;
}

static inline __attribute__((always_inline)) bool row_verzuim(builder *b, const field *f, uint32_t line)
{
	date_memo *dm = &b->facts[F_ABSENCE].dates;
	uint32_t p;
	absence a;
	int soort = enum_value(f[3], VERZUIM_NAMES, b->name_len.verzuim, VZ_COUNT);
	a.uren = -1;
	if (soort < 0 || !pupil_value(b, &b->facts[F_ABSENCE], f[0], &p) || !school_value(b, &b->facts[F_ABSENCE], f + 1, &a.school) ||
	    !date_req(dm, f[4], &a.van) || !date_opt(dm, f[5], DAY_OPEN, &a.tot) || !period_ok(a.van, a.tot) ||
	    (f[6].len && !fb_uren_value(f[6], &a.uren)))
		return false;
	a.soort = (uint8_t)soort;
	const absence *prev = fb_fact_prev(b, F_ABSENCE, p);
	fb_fact_after(b, F_ABSENCE, prev && absence_order(prev, &a) > 0);
	*(absence *)fb_fact_slot(b, F_ABSENCE, p, line) = a;
	return true;
}

static inline __attribute__((always_inline)) bool row_vrijstelling(builder *b, const field *f, uint32_t line)
{
	date_memo *dm = &b->facts[F_VRIJSTELLING].dates;
	uint32_t p;
	vrijstelling v = {0};
	int status = enum_value(f[2], STATUS_NAMES, b->name_len.status, VS_COUNT);
	if (status < 0 || !pupil_value(b, &b->facts[F_VRIJSTELLING], f[0], &p) || !f[1].len ||
	    !fb_grond_valid(f[1], &v.kind) || !date_opt(dm, f[3], DAY_NONE, &v.aanvraag) ||
	    !date_opt(dm, f[4], DAY_NONE, &v.van) || !date_opt(dm, f[5], DAY_OPEN, &v.tot) ||
	    (status == VS_VERLEEND && v.van == DAY_NONE) || !period_ok(v.van, v.tot))
		return false;
	memcpy(v.grond, f[1].p, f[1].len);
	v.status = (uint8_t)status;
	*(vrijstelling *)fb_fact_slot(b, F_VRIJSTELLING, p, line) = v;
	return true;
}

static inline __attribute__((always_inline)) bool row_melding(builder *b, const field *f, uint32_t line)
{
	date_memo *dm = &b->facts[F_MELDING].dates;
	uint32_t p;
	melding m;
	if (!pupil_value(b, &b->facts[F_MELDING], f[0], &p) || !school_value(b, &b->facts[F_MELDING], f + 1, &m.school) ||
	    !date_req(dm, f[3], &m.datum_melding) || !date_req(dm, f[4], &m.eerste_verzuimdag) ||
	    (f[5].len && !text_ok(f[5], MAX_TEXT)) || m.eerste_verzuimdag > m.datum_melding /* a warning */)
		return false;
	m.soort = f[5].len ? arena_strndup(&b->facts[F_MELDING].strings, f[5].p, f[5].len) : NULL;
	*(melding *)fb_fact_slot(b, F_MELDING, p, line) = m;
	return true;
}

static inline __attribute__((always_inline)) bool row_aanbod(builder *b, const field *f, uint32_t line)
{
	date_memo *dm = &b->facts[F_AANBOD].dates;
	uint32_t p;
	aanbod a;
	int soort = enum_value(f[3], AANBOD_NAMES, b->name_len.aanbod, AANBOD_COUNT);
	if (soort < 0 || !pupil_value(b, &b->facts[F_AANBOD], f[0], &p) || !date_req(dm, f[1], &a.datum) ||
	    !date_opt(dm, f[2], DAY_NONE, &a.plaats_per))
		return false;
	/* The warnings of fb_row_aanbod(). */
	day_t end = kwalificatieplicht_end(b->ds->pupils[p].geboortedatum, DAY_NONE);
	if ((a.plaats_per != DAY_NONE && (a.plaats_per < a.datum || a.plaats_per > end)) || a.datum > end)
		return false;
	a.soort = (uint8_t)soort;
	*(aanbod *)fb_fact_slot(b, F_AANBOD, p, line) = a;
	return true;
}

static const fast_row ROWS[T_COUNT] = {
	[T_WOONADRESSEN] = row_woonadres, [T_INSCHRIJVINGEN] = row_inschrijving,
	[T_VERZUIM] = row_verzuim,	   [T_VRIJSTELLINGEN] = row_vrijstelling, [T_MELDINGEN] = row_melding,
	[T_AANBOD] = row_aanbod,
};

/* len[i] = strlen(names[i]) (each name is short: below 256 bytes). */
static void measure_names(const char *const *names, int n, uint8_t *len)
{
	for (int i = 0; i < n; i++)
		len[i] = (uint8_t)strlen(names[i]);
}

void fb_bytes_begin(builder *b, table_id t)
{
	if (!b->month_day) {
		build_months(b);
		measure_names(VERZUIM_NAMES, VZ_COUNT, b->name_len.verzuim);
		measure_names(STATUS_NAMES, VS_COUNT, b->name_len.status);
		measure_names(AANBOD_NAMES, AANBOD_COUNT, b->name_len.aanbod);
	}
	if (t == T_LEERLINGEN && !b->parts) {
		b->parts = xcalloc(BYTES_PARTS, sizeof *b->parts);
		for (int i = 0; i < BYTES_PARTS; i++) {
			b->parts[i].sorted = true;
			b->parts[i].unchecked = b->keep_numbers;
		}
	}
}

/* The shortest row of leerlingen: an id of one byte, the date of birth and
 * six commas, and its LF. */
enum { PUPIL_ROW_MIN = 1 + 10 + 6 + 1 };

void builder_bytes_place(builder *b, size_t rows0, size_t bytes1)
{
	fb_bytes_begin(b, T_LEERLINGEN);
	pupil_part *p0 = &b->parts[0], *p1 = &b->parts[1];
	if (p0->n || p1->n || p0->placed)
		return;
	size_t rows1 = bytes1 / PUPIL_ROW_MIN + 1;
	free(p0->pupils);
	free(p0->line);
	free(p0->id_ptr);
	free(p0->id_len);
	free(p0->ages);
	/* Only the pages written are taken: the room of rows never read costs nothing. */
	p0->pupils = xmalloc((rows0 + rows1) * sizeof *p0->pupils);
	p0->line = xmalloc((rows0 + rows1) * sizeof *p0->line);
	p0->id_ptr = xmalloc((rows0 + rows1) * sizeof *p0->id_ptr);
	p0->id_len = xmalloc(rows0 + rows1);
	p0->ages = xmalloc((rows0 + rows1) * sizeof *p0->ages);
	p0->cap = p0->cap_line = rows0;
	*p1 = (pupil_part){.pupils = p0->pupils + rows0, .line = p0->line + rows0, .id_ptr = p0->id_ptr + rows0,
			   .id_len = p0->id_len + rows0, .ages = p0->ages + rows0, .cap = rows1, .cap_line = rows1,
			   .sorted = true, .placed = true, .borrowed = true};
	p0->placed = true;
}

void fb_part_free(pupil_part *pp)
{
	if (!pp->borrowed) {
		free(pp->pupils);
		free(pp->line);
		free(pp->id_ptr);
		free(pp->id_len);
		free(pp->ages);
	}
	free(pp->bsn_seen);
	free(pp->onr_seen);
	arena_free(&pp->strings);
	bool unchecked = pp->unchecked;
	memset(pp, 0, sizeof *pp);
	pp->sorted = true;
	pp->unchecked = unchecked;
}

void fb_free_parts(builder *b)
{
	for (int i = 0; b->parts && i < BYTES_PARTS; i++)
		fb_part_free(&b->parts[i]);
	free(b->parts);
	b->parts = NULL;
}

void builder_bytes_abandon(builder *b, table_id t)
{
	if (t == T_LEERLINGEN) {
		for (int i = 0; b->parts && i < BYTES_PARTS; i++)
			fb_part_free(&b->parts[i]);
		return;
	}
	fact_state *fs = &b->facts[fb_fact_of(t)];
	fs->t.n = 0;
	fs->t.ungrouped = false;
	fs->t.off_filled = 0;
	fs->t.ordered = 0;
	fs->t.disordered = false;
	fs->last_pupil = UINT32_MAX;
	fs->last_id = NULL;
	fs->backwards = 0;
	strmap_free(&fs->pupil_map);
	arena_free(&fs->strings);
}

/* The rows of [data, data + len) into part pp (leerlingen) or the table's
 * facts; false at the first the general reader must see. */
static bool rows_of(builder *b, table_id t, pupil_part *pp, const char *data, size_t len, uint32_t *line)
{
	fast_row row = ROWS[t];
	int ncols = TABLES[t].ncols, nf = 0;
	const char *end = data + len, *fstart = data, *lstart = data, *fend = NULL;
	uint32_t ln = *line;
	field f[TABLE_MAX_COLS];
	char tail[64];
	for (const char *base = data; base < end; base += 64) {
		masks m;
		if (end - base >= 64) {
			m = scan64(base);
		} else {
			/* The last bytes, padded with NULs (which match nothing). */
			memset(tail, 0, sizeof tail);
			memcpy(tail, base, (size_t)(end - base));
			m = scan64(tail);
		}
		for (uint64_t all = m.comma | m.lf | m.special; all; all &= all - 1) {
			int i = __builtin_ctzll(all);
			uint64_t bit = (uint64_t)1 << i;
			const char *q = base + i;
			if (m.special & bit) {
				/* A CR ends a line only right before its LF (or the data). */
				if (*q != '\r' || fend || (q + 1 < end && q[1] != '\n'))
					return false;
				fend = q;
				continue;
			}
			if (nf == ncols)
				return false; /* too many fields */
			f[nf++] = (field){fstart, (size_t)((fend ? fend : q) - fstart)};
			fstart = q + 1;
			if (m.comma & bit) {
				if (fend)
					return false;
				continue;
			}
			/* The end of a line. An empty one is skipped. */
			if (!(nf == 1 && f[0].len == 0) &&
			    (nf != ncols || q - lstart > FAST_LINE_MAX || !(pp ? row_leerling(b, pp, f, ln) : row(b, f, ln))))
				return false;
			nf = 0;
			fend = NULL;
			lstart = fstart;
			ln++;
		}
	}
	if (fstart < end || nf > 0 || fend) {
		/* The last line, without its LF. */
		if (nf == ncols)
			return false;
		f[nf++] = (field){fstart, (size_t)((fend ? fend : end) - fstart)};
		if (!(nf == 1 && f[0].len == 0) &&
		    (nf != ncols || end - lstart > FAST_LINE_MAX || !(pp ? row_leerling(b, pp, f, ln) : row(b, f, ln))))
			return false;
		ln++;
	}
	*line = ln;
	return true;
}

/* The fields of the line at p, its LF at p + at, by the positions of its
 * commas: false unless there are exactly ncols - 1 (too few or too many
 * fields). Unrolled, as ncols is a constant in each caller. */
static inline __attribute__((always_inline)) bool split_line(const char *p, int at, uint64_t commas, const int ncols,
							      field *f)
{
	const char *start = p;
#pragma GCC unroll 8
	for (int k = 0; k < ncols - 1; k++) {
		if (!commas)
			return false;
		const char *q = p + __builtin_ctzll(commas);
		commas &= commas - 1;
		f[k] = (field){start, (size_t)(q - start)};
		start = q + 1;
	}
	f[ncols - 1] = (field){start, (size_t)(p + at - start)};
	return !commas;
}

/* The usual line - no quote or CR, its LF within 64 bytes of its start -
 * split by the masks of one scan that usually covers the next line too;
 * any other line, and the last bytes, go through rows_of() one line at a
 * time, so every line is judged exactly as rows_of() would judge it. `row`
 * is a constant in each caller below, so that it is inlined. */
static inline __attribute__((always_inline)) bool lines_of(builder *b, table_id t, const int ncols, pupil_part *pp,
							    const char *data, size_t len, uint32_t *line, fast_row row)
{
	const char *p = data, *end = data + len, *base = NULL;
	uint32_t ln = *line;
	masks m = {0, 0, 0};
	field f[TABLE_MAX_COLS];
	fact_state *fs = pp ? NULL : &b->facts[fb_fact_of(t)];
	bool ok = true;
	date_memo *dm = pp ? &pp->dates : &fs->dates;
	dm->months = b->month_day;
	dm->ym = 0;
	if (fs)
		fs->last_id = NULL;
	while (ok && end - p >= 64) {
		int o = base ? (int)(p - base) : 64;
		if (o >= 64 || !(m.lf >> o)) {
			base = p;
			o = 0;
			m = scan64(p);
		}
		uint64_t lfs = m.lf >> o;
		int at = lfs ? __builtin_ctzll(lfs) : 0; /* the LF, from p */
		if (!lfs || ((m.special >> o) & (((uint64_t)2 << at) - 1))) {
			/* Not the usual line: that one line through rows_of(). */
			const char *lf = memchr(p, '\n', (size_t)(end - p));
			const char *next = lf ? lf + 1 : end;
			ok = rows_of(b, t, pp, p, (size_t)(next - p), &ln);
			p = next;
			base = NULL;
			continue;
		}
		uint64_t commas = (m.comma >> o) & (((uint64_t)1 << at) - 1);
		if (at != 0) /* an empty line is skipped */
			ok = split_line(p, at, commas, ncols, f) && (pp ? row_leerling(b, pp, f, ln) : row(b, f, ln));
		ln++;
		p += at + 1;
	}
	ok = ok && (p >= end || rows_of(b, t, pp, p, (size_t)(end - p), &ln));
	if (fs)
		fs->last_id = NULL;
	if (ok)
		*line = ln;
	return ok;
}

static bool lines_leerlingen(builder *b, pupil_part *pp, const char *data, size_t len, uint32_t *line)
{
	return lines_of(b, T_LEERLINGEN, 7, pp, data, len, line, NULL);
}

/* ncols: TABLES[t].ncols, as a constant (builder_bytes_rows() checks). */
#define LINES_OF(name, t, ncols, row) \
	static bool name(builder *b, const char *data, size_t len, uint32_t *line) \
	{ \
		return lines_of(b, t, ncols, NULL, data, len, line, row); \
	}
LINES_OF(lines_woonadressen, T_WOONADRESSEN, 5, row_woonadres)
LINES_OF(lines_inschrijvingen, T_INSCHRIJVINGEN, 5, row_inschrijving)
LINES_OF(lines_verzuim, T_VERZUIM, 7, row_verzuim)
LINES_OF(lines_vrijstellingen, T_VRIJSTELLINGEN, 6, row_vrijstelling)
LINES_OF(lines_meldingen, T_MELDINGEN, 6, row_melding)
LINES_OF(lines_aanbod, T_AANBOD, 4, row_aanbod)
#undef LINES_OF

typedef bool (*lines_fn)(builder *b, const char *data, size_t len, uint32_t *line);
static const int LINES_COLS[T_COUNT] = {
	[T_LEERLINGEN] = 7, [T_WOONADRESSEN] = 5, [T_INSCHRIJVINGEN] = 5, [T_VERZUIM] = 7,
	[T_VRIJSTELLINGEN] = 6, [T_MELDINGEN] = 6, [T_AANBOD] = 4,
};
static const lines_fn LINES[T_COUNT] = {
	[T_WOONADRESSEN] = lines_woonadressen, [T_INSCHRIJVINGEN] = lines_inschrijvingen,
	[T_VERZUIM] = lines_verzuim,	       [T_VRIJSTELLINGEN] = lines_vrijstellingen,
	[T_MELDINGEN] = lines_meldingen,       [T_AANBOD] = lines_aanbod,
};

bool builder_bytes_part(builder *b, table_id t, int part, const char *data, size_t len, uint32_t *line)
{
	if (t != T_LEERLINGEN || LINES_COLS[t] != TABLES[t].ncols || !b->parts || part < 0 || part >= BYTES_PARTS || !builder_bytes_ok(b, t))
		return false;
	pupil_part *pp = &b->parts[part];
	pp->used = true;
	if (pp->failed || !lines_leerlingen(b, pp, data, len, line)) {
		/* The other parts may still be read: only this one is marked. */
		pp->failed = true;
		return false;
	}
	pp->next_line = *line;
	return true;
}

bool builder_bytes_rows(builder *b, table_id t, const char *data, size_t len, uint32_t *line)
{
	if (t == T_LEERLINGEN) {
		if (builder_bytes_part(b, t, 0, data, len, line))
			return true;
		builder_bytes_abandon(b, t);
		return false;
	}
	if (!LINES[t] || LINES_COLS[t] != TABLES[t].ncols || !builder_bytes_ok(b, t) || !b->month_day || !LINES[t](b, data, len, line)) {
		builder_bytes_abandon(b, t);
		return false;
	}
	return true;
}

