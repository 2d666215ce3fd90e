/*
 * facts_fields.c - the fact builder's checks of one field: text, dates, periods,
 * enumerations, references (gemeente, SWV, school, pupil) and hours.
 */
#include "facts_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "ident.h"

static bool utf8_ok(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1, cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2, cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3, cp = c & 0x07;
		} else {
			return false;
		}
		if (i + n >= len)
			return false;
		for (size_t k = 1; k <= n; k++) {
			unsigned char cc = (unsigned char)s[i + k];
			if ((cc & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (cc & 0x3F);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n + 1;
	}
	return true;
}

int fb_text_problem(field f, size_t max, unsigned char *bad)
{
	if (f.len > max)
		return TEXT_LONG;
	bool high = false;
	for (size_t i = 0; i < f.len; i++) {
		unsigned char c = (unsigned char)f.p[i];
		if (c < 0x20 || c == 0x7f) {
			if (bad)
				*bad = c;
			return TEXT_CONTROL;
		}
		high |= c >= 0x80;
	}
	return high && !utf8_ok(f.p, f.len) ? TEXT_UTF8 : TEXT_OK;
}

bool fb_text(builder *b, table_id t, uint32_t line, int col, field f, size_t max, bool required)
{
	if (!f.len)
		return required ? fb_reject(b, t, line, col, "verplicht veld is leeg") : true;
	unsigned char c = 0;
	switch (fb_text_problem(f, max, &c)) {
	case TEXT_LONG: return fb_reject(b, t, line, col, "waarde is langer dan %zu tekens", max);
	case TEXT_CONTROL: return fb_reject(b, t, line, col, "waarde bevat een stuurteken (byte %u)", c);
	case TEXT_UTF8: return fb_reject(b, t, line, col, "waarde is geen geldige UTF-8");
	}
	return true;
}

bool fb_date(builder *b, table_id t, uint32_t line, int col, field f, bool required, day_t empty,
		     day_t *out)
{
	if (!f.len) {
		*out = empty;
		return required ? fb_reject(b, t, line, col, "verplicht veld is leeg") : true;
	}
	if (date_parse(f.p, f.len, out) != 0)
		return fb_reject(b, t, line, col,
			      "'%s' is geen geldige datum (verwacht JJJJ-MM-DD, een bestaande dag tussen %d en %d)",
			      fb_show(f).s, DATE_MIN_YEAR, DATE_MAX_YEAR);
	return true;
}

bool fb_period(builder *b, table_id t, uint32_t line, int col_tot, day_t van, day_t tot)
{
	if (van != DAY_NONE && tot != DAY_OPEN && tot != DAY_NONE && tot < van) {
		char v[DATE_TEXT], e[DATE_TEXT];
		date_format(van, v);
		date_format(tot, e);
		return fb_reject(b, t, line, col_tot, "einddatum %s ligt voor begindatum %s", e, v);
	}
	return true;
}

static int match_name(field f, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (strlen(names[i]) == f.len && memcmp(names[i], f.p, f.len) == 0)
			return i;
	return -1;
}

bool fb_enum(builder *b, table_id t, uint32_t line, int col, field f, const char *const *names, int n,
		     int *out)
{
	if (!f.len)
		return fb_reject(b, t, line, col, "verplicht veld is leeg");
	*out = match_name(f, names, n);
	if (*out >= 0)
		return true;
	strbuf allowed = STRBUF_INIT;
	for (int i = 0; i < n; i++)
		sb_printf(&allowed, "%s%s", i ? ", " : "", names[i]);
	fb_reject(b, t, line, col, "'%s' is geen geldige waarde; toegestaan: %s", fb_show(f).s, sb_str(&allowed));
	sb_free(&allowed);
	return false;
}

bool fb_gemeente(builder *b, table_id t, uint32_t line, int col, field f, int32_t *out)
{
	int num;
	if (!f.len)
		return fb_reject(b, t, line, col, "verplicht veld is leeg");
	if (!gemeentecode_parse(f.p, f.len, &num))
		return fb_reject(b, t, line, col, "'%s' is geen gemeentecode (verwacht GM en vier cijfers, bv. GM0363)",
			      fb_show(f).s);
	*out = b->ds->gemeente_by_num[num];
	if (*out == NO_REF)
		return fb_reject(b, t, line, col, "onbekende gemeentecode '%s' (staat niet in gemeenten.csv)",
			      fb_show(f).s);
	return true;
}

bool fb_swv(builder *b, table_id t, uint32_t line, int col, field f, int32_t *out)
{
	int sec, num;
	if (!f.len)
		return fb_reject(b, t, line, col, "verplicht veld is leeg");
	if (!swvcode_parse(f.p, f.len, &sec, &num))
		return fb_reject(b, t, line, col,
			      "'%s' is geen SWV-code (verwacht PO of VO en vier cijfers, bv. PO2701)", fb_show(f).s);
	*out = b->ds->swv_by_num[sec * 10000 + num];
	if (*out == NO_REF)
		return fb_reject(b, t, line, col, "onbekend samenwerkingsverband '%s' (staat niet in swv.csv)",
			      fb_show(f).s);
	return true;
}

bool fb_school(builder *b, table_id t, uint32_t line, int col_brin, const field *f, int32_t *out)
{
	field brin = f[0], vest = f[1];
	if (!brin.len)
		return fb_reject(b, t, line, col_brin, "verplicht veld is leeg");
	if (!brin_valid(brin.p, brin.len))
		return fb_reject(b, t, line, col_brin, "'%s' is geen BRIN (verwacht twee cijfers en twee hoofdletters, bv. 12AB)",
			      fb_show(brin).s);
	if (!vest.len)
		return fb_reject(b, t, line, col_brin + 1, "verplicht veld is leeg");
	if (!vestiging_valid(vest.p, vest.len))
		return fb_reject(b, t, line, col_brin + 1, "'%s' is geen vestigingsnummer (verwacht twee cijfers)",
			      fb_show(vest).s);
	char bb[5], vv[3];
	memcpy(bb, brin.p, 4);
	bb[4] = '\0';
	memcpy(vv, vest.p, 2);
	vv[2] = '\0';
	uint32_t idx;
	if (!u64map_get(&b->ds->school_index, school_key(bb, vv), &idx))
		return fb_reject(b, t, line, col_brin, "onbekende schoolvestiging %s-%s (staat niet in scholen.csv)", bb,
			      vv);
	*out = (int32_t)idx;
	return true;
}

/* strcmp of a pupil id with a byte range. */
static int id_cmp(const char *stored, field f)
{
	int c = strncmp(stored, f.p, f.len);
	return c ? c : stored[f.len] != '\0';
}

/* Index of the first pupil in [lo, hi) whose id is >= f. */
static uint32_t lower_bound(const dataset *ds, uint32_t lo, uint32_t hi, field f)
{
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (id_cmp(ds->pupils[mid].id, f) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first pupil at or after `from` whose id is >= f, probing 1, 2, 4, ...
 * ahead. Invariant: every pupil before lo has an id < f. */
static uint32_t gallop(const dataset *ds, uint32_t from, field f)
{
	uint32_t n = (uint32_t)ds->n_pupils, lo = from, step = 1;
	for (;;) {
		uint32_t probe = lo + step - 1;
		if (probe >= n)
			return lower_bound(ds, lo, n, f);
		if (id_cmp(ds->pupils[probe].id, f) >= 0)
			return lower_bound(ds, lo, probe + 1, f);
		lo = probe + 1;
		step *= 2;
	}
}

static void build_pupil_map(const dataset *ds, fact_state *fs)
{
	strmap_reserve(&fs->pupil_map, ds->n_pupils);
	for (uint32_t i = 0; i < ds->n_pupils; i++)
		strmap_put(&fs->pupil_map, ds->pupils[i].id, strlen(ds->pupils[i].id), i, NULL);
}

/* Find a pupil by id. Fact files are usually grouped by pupil in id order,
 * like the pupils themselves: search forward from the previous row's pupil,
 * galloping, so a sorted file costs a few comparisons per row. A file that
 * keeps going backwards gets a hash map instead. Every path is exact. */
bool fb_find_pupil(const dataset *ds, fact_state *fs, field f, uint32_t *out)
{
	uint32_t n = (uint32_t)ds->n_pupils, idx;
	if (fs->pupil_map.count) {
		if (!strmap_get(&fs->pupil_map, f.p, f.len, out))
			return false;
		fs->last_pupil = *out;
		return true;
	}
	int c = fs->last_pupil < n ? id_cmp(ds->pupils[fs->last_pupil].id, f) : -1;
	if (c == 0) {
		*out = fs->last_pupil;
		return true;
	}
	if (c < 0) {
		idx = gallop(ds, fs->last_pupil < n ? fs->last_pupil + 1 : 0, f);
	} else if (++fs->backwards > 64) {
		build_pupil_map(ds, fs);
		return fb_find_pupil(ds, fs, f, out);
	} else {
		idx = lower_bound(ds, 0, fs->last_pupil, f);
	}
	if (idx >= n || id_cmp(ds->pupils[idx].id, f) != 0)
		return false;
	*out = fs->last_pupil = idx;
	return true;
}

bool fb_pupil(builder *b, table_id t, uint32_t line, field f, uint32_t *out)
{
	if (!f.len)
		return fb_reject(b, t, line, 0, "verplicht veld is leeg");
	if (fb_find_pupil(b->ds, &b->facts[fb_fact_of(t)], f, out))
		return true;
	return fb_reject(b, t, line, 0, "onbekende leerling_id '%s' (staat niet in leerlingen.csv)", fb_show(f).s);
}

/* Hundredths of an hour; -1 when empty. */
bool fb_uren(builder *b, table_id t, uint32_t line, int col, field f, int32_t *out)
{
	*out = -1;
	if (!f.len || fb_uren_value(f, out))
		return true;
	return fb_reject(b, t, line, col,
			 "'%s' is geen aantal uren (verwacht een getal >= 0 met hoogstens twee decimalen, punt als scheidingsteken)",
			 fb_show(f).s);
}
