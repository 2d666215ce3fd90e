#include "facts.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "ident.h"
#include "leerplicht.h"
#include "sort.h"

enum { MAX_ID = 64, MAX_TEXT = 200, MAX_SHORT = 64 };

typedef struct fact_table {
	char *rows; /* elements of elem bytes */
	size_t n, cap;
	uint32_t *owner, *line;
	size_t cap_owner, cap_line;
} fact_table;

typedef struct error_list {
	fact_error *items;
	size_t n, cap, total;
} error_list;

/* Everything a per-pupil table touches while it is read. Distinct fact tables
 * share nothing writable, so they may be read on different threads. */
typedef struct fact_state {
	fact_table t;
	error_list errors;
	arena strings;	     /* moved into the dataset by builder_finish */
	uint32_t last_pupil; /* the pupil of the previous row (files are usually grouped) */
	uint32_t backwards;  /* how often the file went back in id order */
	strmap pupil_map;    /* id -> pupil, built only for a file that needs it */
} fact_state;

struct builder {
	unsigned flags;
	char *only;
	size_t only_len;
	dataset *ds;
	int state[T_COUNT]; /* 0 not begun, 1 open, 2 ended */

	error_list errors; /* reference tables and leerlingen; all of them after finish */

	/* Reference tables while they are read. */
	size_t cap_gem, cap_swv, cap_swvgem, cap_school, cap_vak, cap_regio;
	uint32_t *code_line;   /* [20000]: line of a gemeente/swv code, for duplicates */
	uint32_t *regio_line;  /* per gemeente: line of its vakantieregios row */
	u64map pair_lines;     /* swv_gemeenten pairs, school keys */
	strmap regio_index;

	/* Pupils while leerlingen is read (arrival order). */
	size_t cap_pupils, cap_pupil_line;
	uint32_t *pupil_line;
	strmap bsn_lines, onr_lines;
	bool pupils_sorted;  /* leerlingen arrived in strictly ascending id order */


	fact_state facts[F_COUNT];
};

static const size_t FACT_SIZE[F_COUNT] = {
	[F_RES] = sizeof(residence), [F_ENR] = sizeof(enrolment), [F_ABS] = sizeof(absence),
	[F_VRIJ] = sizeof(vrijstelling), [F_MELD] = sizeof(melding), [F_AANBOD] = sizeof(aanbod),
};

static const table_id FACT_TABLE[F_COUNT] = {
	[F_RES] = T_WOONADRESSEN, [F_ENR] = T_INSCHRIJVINGEN, [F_ABS] = T_VERZUIM,
	[F_VRIJ] = T_VRIJSTELLINGEN, [F_MELD] = T_MELDINGEN, [F_AANBOD] = T_AANBOD,
};

/* ---- errors ------------------------------------------------------------- */

static fact_kind fact_of(table_id t);

static void add_error(builder *b, table_id t, uint32_t line, int col, const char *fmt, va_list ap)
{
	fact_kind k = fact_of(t);
	error_list *el = k == F_COUNT ? &b->errors : &b->facts[k].errors;
	el->total++;
	if (el->n >= BUILDER_MAX_ERRORS)
		return;
	strbuf sb = STRBUF_INIT;
	sb_vprintf(&sb, fmt, ap);
	el->items = xgrow(el->items, &el->cap, el->n + 1, sizeof *el->items);
	el->items[el->n++] = (fact_error){t, line, col, sb.data ? sb.data : xstrdup("")};
}

void builder_error(builder *b, table_id t, uint32_t line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_error(b, t, line, col, fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 5, 6))) static bool reject(builder *b, table_id t, uint32_t line, int col,
							  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_error(b, t, line, col, fmt, ap);
	va_end(ap);
	return false;
}

/* A short printable rendering of a field for messages: at most 40 code points,
 * control characters shown as '?'. */
typedef struct shown {
	char s[4 * 40 + 4];
} shown;

static shown show(field f)
{
	shown out;
	size_t o = 0, cps = 0;
	for (size_t i = 0; i < f.len && o + 8 < sizeof out.s; i++) {
		unsigned char c = (unsigned char)f.p[i];
		if ((c & 0xC0) != 0x80 && ++cps > 40) {
			memcpy(out.s + o, "...", 3);
			o += 3;
			break;
		}
		out.s[o++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	out.s[o] = '\0';
	return out;
}

void fact_error_format(const fact_error *e, strbuf *out)
{
	const table_desc *td = &TABLES[e->table];
	sb_puts(out, td->file);
	if (e->line)
		sb_printf(out, ", regel %u", e->line);
	if (e->col >= 0 && e->col < td->ncols)
		sb_printf(out, ", kolom %s", td->cols[e->col]);
	sb_printf(out, ": %s", e->msg);
}

/* ---- field checks ------------------------------------------------------- */

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

static bool check_text(builder *b, table_id t, uint32_t line, int col, field f, size_t max, bool required)
{
	if (!f.len)
		return required ? reject(b, t, line, col, "verplicht veld is leeg") : true;
	if (f.len > max)
		return reject(b, t, line, col, "waarde is langer dan %zu tekens", max);
	for (size_t i = 0; i < f.len; i++) {
		unsigned char c = (unsigned char)f.p[i];
		if (c < 0x20 || c == 0x7f)
			return reject(b, t, line, col, "waarde bevat een stuurteken (byte %u)", c);
	}
	if (!utf8_ok(f.p, f.len))
		return reject(b, t, line, col, "waarde is geen geldige UTF-8");
	return true;
}

static bool get_date(builder *b, table_id t, uint32_t line, int col, field f, bool required, day_t empty,
		     day_t *out)
{
	if (!f.len) {
		*out = empty;
		return required ? reject(b, t, line, col, "verplicht veld is leeg") : true;
	}
	if (date_parse(f.p, f.len, out) != 0)
		return reject(b, t, line, col,
			      "'%s' is geen geldige datum (verwacht JJJJ-MM-DD, een bestaande dag tussen %d en %d)",
			      show(f).s, DATE_MIN_YEAR, DATE_MAX_YEAR);
	return true;
}

static bool check_period(builder *b, table_id t, uint32_t line, int col_tot, day_t van, day_t tot)
{
	if (van != DAY_NONE && tot != DAY_OPEN && tot != DAY_NONE && tot < van) {
		char v[DATE_TEXT], e[DATE_TEXT];
		date_format(van, v);
		date_format(tot, e);
		return reject(b, t, line, col_tot, "einddatum %s ligt voor begindatum %s", e, v);
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

static bool get_enum(builder *b, table_id t, uint32_t line, int col, field f, const char *const *names, int n,
		     int *out)
{
	if (!f.len)
		return reject(b, t, line, col, "verplicht veld is leeg");
	*out = match_name(f, names, n);
	if (*out >= 0)
		return true;
	strbuf allowed = STRBUF_INIT;
	for (int i = 0; i < n; i++)
		sb_printf(&allowed, "%s%s", i ? ", " : "", names[i]);
	reject(b, t, line, col, "'%s' is geen geldige waarde; toegestaan: %s", show(f).s, sb_str(&allowed));
	sb_free(&allowed);
	return false;
}

static bool get_gemeente(builder *b, table_id t, uint32_t line, int col, field f, int32_t *out)
{
	int num;
	if (!f.len)
		return reject(b, t, line, col, "verplicht veld is leeg");
	if (!gemeentecode_parse(f.p, f.len, &num))
		return reject(b, t, line, col, "'%s' is geen gemeentecode (verwacht GM en vier cijfers, bv. GM0363)",
			      show(f).s);
	*out = b->ds->gemeente_by_num[num];
	if (*out == NO_REF)
		return reject(b, t, line, col, "onbekende gemeentecode '%s' (staat niet in gemeenten.csv)",
			      show(f).s);
	return true;
}

static bool get_swv(builder *b, table_id t, uint32_t line, int col, field f, int want_sector, int32_t *out)
{
	int sec, num;
	if (!f.len)
		return reject(b, t, line, col, "verplicht veld is leeg");
	if (!swvcode_parse(f.p, f.len, &sec, &num))
		return reject(b, t, line, col,
			      "'%s' is geen SWV-code (verwacht PO of VO en vier cijfers, bv. PO2701)", show(f).s);
	*out = b->ds->swv_by_num[sec * 10000 + num];
	if (*out == NO_REF)
		return reject(b, t, line, col, "onbekend samenwerkingsverband '%s' (staat niet in swv.csv)",
			      show(f).s);
	if (want_sector >= 0 && b->ds->swvs[*out].sector != want_sector)
		return reject(b, t, line, col, "'%s' is geen %s-samenwerkingsverband", show(f).s,
			      SECTOR_NAMES[want_sector]);
	return true;
}

static bool get_school(builder *b, table_id t, uint32_t line, int col_brin, const field *f, int32_t *out)
{
	field brin = f[0], vest = f[1];
	if (!brin.len)
		return reject(b, t, line, col_brin, "verplicht veld is leeg");
	if (!brin_valid(brin.p, brin.len))
		return reject(b, t, line, col_brin, "'%s' is geen BRIN (verwacht twee cijfers en twee hoofdletters, bv. 12AB)",
			      show(brin).s);
	if (!vest.len)
		return reject(b, t, line, col_brin + 1, "verplicht veld is leeg");
	if (!vestiging_valid(vest.p, vest.len))
		return reject(b, t, line, col_brin + 1, "'%s' is geen vestigingsnummer (verwacht twee cijfers)",
			      show(vest).s);
	char bb[5], vv[3];
	memcpy(bb, brin.p, 4);
	bb[4] = '\0';
	memcpy(vv, vest.p, 2);
	vv[2] = '\0';
	uint32_t idx;
	if (!u64map_get(&b->ds->school_index, school_key(bb, vv), &idx))
		return reject(b, t, line, col_brin, "onbekende schoolvestiging %s-%s (staat niet in scholen.csv)", bb,
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
static bool find_pupil(const dataset *ds, fact_state *fs, field f, uint32_t *out)
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
		return find_pupil(ds, fs, f, out);
	} else {
		idx = lower_bound(ds, 0, fs->last_pupil, f);
	}
	if (idx >= n || id_cmp(ds->pupils[idx].id, f) != 0)
		return false;
	*out = fs->last_pupil = idx;
	return true;
}

static bool get_pupil(builder *b, table_id t, uint32_t line, field f, uint32_t *out)
{
	if (!f.len)
		return reject(b, t, line, 0, "verplicht veld is leeg");
	if (find_pupil(b->ds, &b->facts[fact_of(t)], f, out))
		return true;
	return reject(b, t, line, 0, "onbekende leerling_id '%s' (staat niet in leerlingen.csv)", show(f).s);
}

/* Hundredths of an hour from "12", "12.5" or "12.25"; -1 when empty. */
static bool get_uren(builder *b, table_id t, uint32_t line, int col, field f, int32_t *out)
{
	*out = -1;
	if (!f.len)
		return true;
	int64_t whole = 0, frac = 0;
	size_t i = 0, fd = 0;
	for (; i < f.len && f.p[i] >= '0' && f.p[i] <= '9'; i++)
		if ((whole = whole * 10 + (f.p[i] - '0')) > 100000)
			break;
	bool ok = i > 0 && whole <= 100000;
	if (ok && i < f.len) {
		ok = f.p[i] == '.' && i + 1 < f.len;
		for (i++; ok && i < f.len; i++, fd++)
			ok = f.p[i] >= '0' && f.p[i] <= '9' && fd < 2 && ((frac = frac * 10 + (f.p[i] - '0')), 1);
	}
	if (!ok)
		return reject(b, t, line, col,
			      "'%s' is geen aantal uren (verwacht een getal >= 0 met hoogstens twee decimalen, punt als scheidingsteken)",
			      show(f).s);
	if (fd == 1)
		frac *= 10;
	*out = (int32_t)(whole * 100 + frac);
	return true;
}

/* ---- reference tables --------------------------------------------------- */

static bool row_gemeente(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	int num;
	if (!f[0].len)
		return reject(b, T_GEMEENTEN, line, 0, "verplicht veld is leeg");
	if (!gemeentecode_parse(f[0].p, f[0].len, &num))
		return reject(b, T_GEMEENTEN, line, 0,
			      "'%s' is geen gemeentecode (verwacht GM en vier cijfers, bv. GM0363)", show(f[0]).s);
	if (ds->gemeente_by_num[num] != NO_REF)
		return reject(b, T_GEMEENTEN, line, 0, "gemeentecode %s komt al voor op regel %u", show(f[0]).s,
			      b->code_line[num]);
	if (!check_text(b, T_GEMEENTEN, line, 1, f[1], MAX_TEXT, true))
		return false;
	ds->gemeenten = xgrow(ds->gemeenten, &b->cap_gem, ds->n_gemeenten + 1, sizeof *ds->gemeenten);
	gemeente *g = &ds->gemeenten[ds->n_gemeenten];
	memcpy(g->code, f[0].p, 6);
	g->code[6] = '\0';
	g->naam = arena_strndup(&ds->strings, f[1].p, f[1].len);
	g->regio = NO_REF;
	ds->gemeente_by_num[num] = (int32_t)ds->n_gemeenten++;
	b->code_line[num] = line;
	return true;
}

static int gemeente_cmp(const void *a, const void *b)
{
	return strcmp(((const gemeente *)a)->code, ((const gemeente *)b)->code);
}

static void end_gemeenten(builder *b)
{
	dataset *ds = b->ds;
	sort_array(ds->gemeenten, ds->n_gemeenten, sizeof *ds->gemeenten, gemeente_cmp);
	for (size_t i = 0; i < ds->n_gemeenten; i++) {
		int num;
		gemeentecode_parse(ds->gemeenten[i].code, 6, &num);
		ds->gemeente_by_num[num] = (int32_t)i;
	}
}

static bool row_swv(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	int sec, num, sector_given;
	if (!f[0].len)
		return reject(b, T_SWV, line, 0, "verplicht veld is leeg");
	if (!swvcode_parse(f[0].p, f[0].len, &sec, &num))
		return reject(b, T_SWV, line, 0, "'%s' is geen SWV-code (verwacht PO of VO en vier cijfers, bv. PO2701)",
			      show(f[0]).s);
	int key = sec * 10000 + num;
	if (ds->swv_by_num[key] != NO_REF)
		return reject(b, T_SWV, line, 0, "SWV-code %s komt al voor op regel %u", show(f[0]).s,
			      b->code_line[key]);
	if (!check_text(b, T_SWV, line, 1, f[1], MAX_TEXT, false) ||
	    !get_enum(b, T_SWV, line, 2, f[2], SECTOR_NAMES, 2, &sector_given))
		return false;
	if (sector_given != sec)
		return reject(b, T_SWV, line, 2, "sector %s past niet bij code %s", SECTOR_NAMES[sector_given],
			      show(f[0]).s);
	ds->swvs = xgrow(ds->swvs, &b->cap_swv, ds->n_swvs + 1, sizeof *ds->swvs);
	swv *s = &ds->swvs[ds->n_swvs];
	memcpy(s->code, f[0].p, 6);
	s->code[6] = '\0';
	s->naam = f[1].len ? arena_strndup(&ds->strings, f[1].p, f[1].len) : NULL;
	s->sector = (uint8_t)sector_given;
	ds->swv_by_num[key] = (int32_t)ds->n_swvs++;
	b->code_line[key] = line;
	return true;
}

static int swv_cmp(const void *a, const void *b)
{
	return strcmp(((const swv *)a)->code, ((const swv *)b)->code);
}

static void end_swv(builder *b)
{
	dataset *ds = b->ds;
	sort_array(ds->swvs, ds->n_swvs, sizeof *ds->swvs, swv_cmp);
	for (size_t i = 0; i < ds->n_swvs; i++) {
		int sec, num;
		swvcode_parse(ds->swvs[i].code, 6, &sec, &num);
		ds->swv_by_num[sec * 10000 + num] = (int32_t)i;
	}
}

static bool row_swv_gemeente(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	int32_t s, g;
	if (!get_swv(b, T_SWV_GEMEENTEN, line, 0, f[0], -1, &s) ||
	    !get_gemeente(b, T_SWV_GEMEENTEN, line, 1, f[1], &g))
		return false;
	uint32_t prev;
	uint64_t key = ((uint64_t)(uint32_t)s << 32 | (uint32_t)g) + 1;
	if (!u64map_put(&b->pair_lines, key, line, &prev))
		return reject(b, T_SWV_GEMEENTEN, line, -1, "de combinatie %s, %s komt al voor op regel %u",
			      ds->swvs[s].code, ds->gemeenten[g].code, prev);
	ds->swv_gemeenten = xgrow(ds->swv_gemeenten, &b->cap_swvgem, ds->n_swv_gemeenten + 1,
				  sizeof *ds->swv_gemeenten);
	ds->swv_gemeenten[ds->n_swv_gemeenten++] = (swv_gemeente){s, g};
	return true;
}

static int swvgem_cmp(const void *a, const void *b)
{
	const swv_gemeente *x = a, *y = b;
	if (x->swv != y->swv)
		return x->swv < y->swv ? -1 : 1;
	return (x->gemeente > y->gemeente) - (x->gemeente < y->gemeente);
}

static void end_swv_gemeenten(builder *b)
{
	dataset *ds = b->ds;
	sort_array(ds->swv_gemeenten, ds->n_swv_gemeenten, sizeof *ds->swv_gemeenten, swvgem_cmp);
	u64map_free(&b->pair_lines);
}

static void derive_region_swv(dataset *ds)
{
	for (int sec = 0; sec < 2; sec++) {
		ds->region_swv[sec] = xmalloc((ds->n_gemeenten ? ds->n_gemeenten : 1) * sizeof(int32_t));
		for (size_t g = 0; g < ds->n_gemeenten; g++)
			ds->region_swv[sec][g] = NO_REF;
	}
	/* swv_gemeenten is sorted by SWV index, which is code order: the first
	 * SWV seen for a gemeente is the lowest code. */
	for (size_t i = 0; i < ds->n_swv_gemeenten; i++) {
		const swv_gemeente *sg = &ds->swv_gemeenten[i];
		int32_t *slot = &ds->region_swv[ds->swvs[sg->swv].sector][sg->gemeente];
		if (*slot == NO_REF)
			*slot = sg->swv;
	}
}

static bool row_school(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	if (!f[0].len)
		return reject(b, T_SCHOLEN, line, 0, "verplicht veld is leeg");
	if (!brin_valid(f[0].p, f[0].len))
		return reject(b, T_SCHOLEN, line, 0,
			      "'%s' is geen BRIN (verwacht twee cijfers en twee hoofdletters, bv. 12AB)", show(f[0]).s);
	if (!f[1].len)
		return reject(b, T_SCHOLEN, line, 1, "verplicht veld is leeg");
	if (!vestiging_valid(f[1].p, f[1].len))
		return reject(b, T_SCHOLEN, line, 1, "'%s' is geen vestigingsnummer (verwacht twee cijfers)",
			      show(f[1]).s);
	school s = {0};
	memcpy(s.brin, f[0].p, 4);
	memcpy(s.vestiging, f[1].p, 2);
	uint32_t prev;
	if (!u64map_put(&b->pair_lines, school_key(s.brin, s.vestiging), line, &prev))
		return reject(b, T_SCHOLEN, line, 0, "vestiging %s-%s komt al voor op regel %u", s.brin,
			      s.vestiging, prev);
	int soort;
	if (!check_text(b, T_SCHOLEN, line, 2, f[2], MAX_TEXT, true) ||
	    !get_enum(b, T_SCHOLEN, line, 3, f[3], SOORT_NAMES, SOORT_COUNT, &soort) ||
	    !get_gemeente(b, T_SCHOLEN, line, 4, f[4], &s.gemeente))
		return false;
	s.swv_po = s.swv_vo = NO_REF;
	if (f[5].len && !get_swv(b, T_SCHOLEN, line, 5, f[5], SECTOR_PO, &s.swv_po))
		return false;
	if (f[6].len && !get_swv(b, T_SCHOLEN, line, 6, f[6], SECTOR_VO, &s.swv_vo))
		return false;
	s.soort = (uint8_t)soort;
	s.naam = arena_strndup(&ds->strings, f[2].p, f[2].len);
	/* SPEC 5: swv_po for PO-soort schools, swv_vo for the others; MBO sites
	 * have no SWV (a code given for one is kept but not used). */
	s.swv = s.soort == SOORT_MBO ? NO_REF : soort_sector(s.soort) == SECTOR_PO ? s.swv_po : s.swv_vo;
	ds->schools = xgrow(ds->schools, &b->cap_school, ds->n_schools + 1, sizeof *ds->schools);
	ds->schools[ds->n_schools++] = s;
	return true;
}

static int school_cmp(const void *a, const void *b)
{
	const school *x = a, *y = b;
	int c = memcmp(x->brin, y->brin, 4);
	return c ? c : memcmp(x->vestiging, y->vestiging, 2);
}

static void end_scholen(builder *b)
{
	dataset *ds = b->ds;
	u64map_free(&b->pair_lines);
	sort_array(ds->schools, ds->n_schools, sizeof *ds->schools, school_cmp);
	for (size_t i = 0; i < ds->n_schools; i++)
		u64map_put(&ds->school_index, school_key(ds->schools[i].brin, ds->schools[i].vestiging), (uint32_t)i,
			   NULL);
}

/* Region names are compared without regard to ASCII case ("Noord" = "noord"). */
static int32_t regio_index(builder *b, field f)
{
	dataset *ds = b->ds;
	char *lower = arena_strndup(&ds->strings, f.p, f.len);
	for (size_t i = 0; i < f.len; i++)
		if (lower[i] >= 'A' && lower[i] <= 'Z')
			lower[i] = (char)(lower[i] - 'A' + 'a');
	uint32_t idx;
	if (strmap_get(&b->regio_index, lower, f.len, &idx))
		return (int32_t)idx;
	ds->regios = xgrow(ds->regios, &b->cap_regio, ds->n_regios + 1, sizeof *ds->regios);
	ds->regios[ds->n_regios] = lower;
	strmap_put(&b->regio_index, lower, f.len, (uint32_t)ds->n_regios, NULL);
	return (int32_t)ds->n_regios++;
}

static bool row_vakantieregio(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	int32_t g;
	if (!get_gemeente(b, T_VAKANTIEREGIOS, line, 0, f[0], &g) ||
	    !check_text(b, T_VAKANTIEREGIOS, line, 1, f[1], MAX_SHORT, true))
		return false;
	if (ds->gemeenten[g].regio != NO_REF)
		return reject(b, T_VAKANTIEREGIOS, line, 0, "gemeente %s staat al in een vakantieregio (regel %u)",
			      ds->gemeenten[g].code, b->regio_line[g]);
	ds->gemeenten[g].regio = regio_index(b, f[1]);
	b->regio_line[g] = line;
	return true;
}

static bool row_vakantie(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	vakantie v;
	if (!check_text(b, T_VAKANTIES, line, 0, f[0], MAX_SHORT, true) ||
	    !check_text(b, T_VAKANTIES, line, 1, f[1], MAX_TEXT, false) ||
	    !get_date(b, T_VAKANTIES, line, 2, f[2], true, DAY_NONE, &v.van) ||
	    !get_date(b, T_VAKANTIES, line, 3, f[3], true, DAY_NONE, &v.tot) ||
	    !check_period(b, T_VAKANTIES, line, 3, v.van, v.tot))
		return false;
	v.regio = regio_index(b, f[0]);
	v.naam = f[1].len ? arena_strndup(&ds->strings, f[1].p, f[1].len) : NULL;
	ds->vakanties = xgrow(ds->vakanties, &b->cap_vak, ds->n_vakanties + 1, sizeof *ds->vakanties);
	ds->vakanties[ds->n_vakanties++] = v;
	return true;
}

static int vakantie_cmp(const void *a, const void *b)
{
	const vakantie *x = a, *y = b;
	if (x->regio != y->regio)
		return x->regio < y->regio ? -1 : 1;
	if (x->van != y->van)
		return x->van < y->van ? -1 : 1;
	return (x->tot > y->tot) - (x->tot < y->tot);
}

static void build_calendars(dataset *ds)
{
	sort_array(ds->vakanties, ds->n_vakanties, sizeof *ds->vakanties, vakantie_cmp);
	ds->calendars = xcalloc(ds->n_regios ? ds->n_regios : 1, sizeof *ds->calendars);
	day_range *tmp = xmalloc((ds->n_vakanties ? ds->n_vakanties : 1) * sizeof *tmp);
	size_t i = 0;
	for (size_t r = 0; r < ds->n_regios; r++) {
		size_t n = 0;
		while (i < ds->n_vakanties && ds->vakanties[i].regio == (int32_t)r) {
			tmp[n++] = (day_range){ds->vakanties[i].van, ds->vakanties[i].tot};
			i++;
		}
		calendar_build(&ds->calendars[r], tmp, n);
	}
	free(tmp);
}

/* ---- pupils ------------------------------------------------------------- */

static bool only_skips(const builder *b, field id)
{
	return b->only && (id.len != b->only_len || memcmp(id.p, b->only, id.len) != 0);
}

static bool row_leerling(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	if (only_skips(b, f[0]))
		return true;
	if (!check_text(b, T_LEERLINGEN, line, 0, f[0], MAX_ID, true))
		return false;
	pupil p = {0};
	uint32_t prev;
	if (f[1].len) {
		if (!bsn_valid(f[1].p, f[1].len))
			return reject(b, T_LEERLINGEN, line, 1, "'%s' is geen geldig BSN (negen cijfers, elfproef)",
				      show(f[1]).s);
		char *bsn = arena_strndup(&ds->strings, f[1].p, f[1].len);
		if (!strmap_put(&b->bsn_lines, bsn, f[1].len, line, &prev))
			return reject(b, T_LEERLINGEN, line, 1, "BSN %s komt al voor op regel %u (dubbele leerling)",
				      bsn, prev);
		p.bsn = bsn;
	}
	if (f[2].len) {
		if (!onderwijsnummer_valid(f[2].p, f[2].len))
			return reject(b, T_LEERLINGEN, line, 2,
				      "'%s' is geen geldig onderwijsnummer (negen cijfers, begint met 10, controlegetal)",
				      show(f[2]).s);
		char *onr = arena_strndup(&ds->strings, f[2].p, f[2].len);
		if (!strmap_put(&b->onr_lines, onr, f[2].len, line, &prev))
			return reject(b, T_LEERLINGEN, line, 2,
				      "onderwijsnummer %s komt al voor op regel %u (dubbele leerling)", onr, prev);
		p.onderwijsnummer = onr;
	}
	civil birth;
	if (!f[3].len)
		return reject(b, T_LEERLINGEN, line, 3, "verplicht veld is leeg");
	if (date_parse_civil(f[3].p, f[3].len, &p.geboortedatum, &birth) != 0)
		return get_date(b, T_LEERLINGEN, line, 3, f[3], true, DAY_NONE, &p.geboortedatum);
	if (
	    !check_text(b, T_LEERLINGEN, line, 4, f[4], MAX_TEXT, false) ||
	    !check_text(b, T_LEERLINGEN, line, 5, f[5], MAX_TEXT, false) ||
	    !get_date(b, T_LEERLINGEN, line, 6, f[6], false, DAY_NONE, &p.startkwalificatie))
		return false;
	if (p.startkwalificatie != DAY_NONE && p.startkwalificatie <= p.geboortedatum)
		return reject(b, T_LEERLINGEN, line, 6, "startkwalificatie ligt niet na de geboortedatum");
	if (b->flags & BUILD_IDENTITY) {
		p.voornaam = f[4].len ? arena_strndup(&ds->strings, f[4].p, f[4].len) : NULL;
		p.achternaam = f[5].len ? arena_strndup(&ds->strings, f[5].p, f[5].len) : NULL;
	} else {
		p.bsn = p.onderwijsnummer = NULL;
	}
	p.lp_start = leerplicht_start_c(birth);
	p.kwal_end = kwalificatieplicht_end_c(birth, p.startkwalificatie);
	/* Only an accepted row enters the id map (its value is the arrival index). */
	p.id = arena_strndup(&ds->strings, f[0].p, f[0].len);
	if (ds->n_pupils && b->pupils_sorted && strcmp(ds->pupils[ds->n_pupils - 1].id, p.id) >= 0)
		b->pupils_sorted = false; /* duplicates are then found after sorting */
	ds->pupils = xgrow(ds->pupils, &b->cap_pupils, ds->n_pupils + 1, sizeof *ds->pupils);
	b->pupil_line = xgrow(b->pupil_line, &b->cap_pupil_line, ds->n_pupils + 1, sizeof *b->pupil_line);
	b->pupil_line[ds->n_pupils] = line;
	ds->pupils[ds->n_pupils++] = p;
	return true;
}

static int pupil_cmp(const void *a, const void *b)
{
	return strcmp(((const pupil *)a)->id, ((const pupil *)b)->id);
}

/* Pupils take leerling_id byte order. Input that is already strictly in
 * order (the usual case) has no duplicates and needs no sorting; otherwise sort
 * and report neighbours with the same id. */
static void end_leerlingen(builder *b)
{
	dataset *ds = b->ds;
	size_t n = ds->n_pupils;
	if (!b->pupils_sorted) {
		uint32_t *order = xmalloc((n ? n : 1) * sizeof *order);
		for (size_t i = 0; i < n; i++)
			order[i] = (uint32_t)i;
		sort_indices(order, n, ds->pupils, sizeof *ds->pupils, pupil_cmp);
		pupil *sorted = xmalloc((n ? n : 1) * sizeof *sorted);
		size_t kept = 0;
		for (size_t i = 0; i < n; i++) {
			const pupil *p = &ds->pupils[order[i]];
			if (kept && strcmp(sorted[kept - 1].id, p->id) == 0) {
				/* Stable sort: the earlier line comes first. */
				size_t first = i - 1;
				while (first > 0 && strcmp(ds->pupils[order[first - 1]].id, p->id) == 0)
					first--;
				reject(b, T_LEERLINGEN, b->pupil_line[order[i]], 0, "leerling_id '%s' komt al voor op regel %u",
				       p->id, b->pupil_line[order[first]]);
				continue;
			}
			sorted[kept++] = *p;
		}
		free(ds->pupils);
		ds->pupils = sorted;
		ds->n_pupils = kept;
		free(order);
	}
	free(b->pupil_line);
	b->pupil_line = NULL;
	strmap_free(&b->bsn_lines);
	strmap_free(&b->onr_lines);
}

/* ---- per-pupil facts ---------------------------------------------------- */

static void *fact_slot(builder *b, fact_kind k, uint32_t owner, uint32_t line)
{
	fact_table *ft = &b->facts[k].t;
	ft->rows = xgrow(ft->rows, &ft->cap, ft->n + 1, FACT_SIZE[k]);
	ft->owner = xgrow(ft->owner, &ft->cap_owner, ft->n + 1, sizeof *ft->owner);
	ft->line = xgrow(ft->line, &ft->cap_line, ft->n + 1, sizeof *ft->line);
	ft->owner[ft->n] = owner;
	ft->line[ft->n] = line;
	return ft->rows + FACT_SIZE[k] * ft->n++;
}

static bool row_woonadres(builder *b, const field *f, uint32_t line)
{
	const table_id t = T_WOONADRESSEN;
	uint32_t p;
	residence r;
	int flag;
	static const char *const flags[2] = {"0", "1"};
	if (!get_pupil(b, t, line, f[0], &p) || !get_gemeente(b, t, line, 1, f[1], &r.gemeente) ||
	    !get_date(b, t, line, 2, f[2], true, DAY_NONE, &r.van) ||
	    !get_date(b, t, line, 3, f[3], false, DAY_OPEN, &r.tot) || !check_period(b, t, line, 3, r.van, r.tot) ||
	    !get_enum(b, t, line, 4, f[4], flags, 2, &flag))
		return false;
	r.in_onderzoek = (uint8_t)flag;
	*(residence *)fact_slot(b, F_RES, p, line) = r;
	return true;
}

static bool row_inschrijving(builder *b, const field *f, uint32_t line)
{
	const table_id t = T_INSCHRIJVINGEN;
	uint32_t p;
	enrolment e;
	if (!get_pupil(b, t, line, f[0], &p) || !get_school(b, t, line, 1, f + 1, &e.school) ||
	    !get_date(b, t, line, 3, f[3], true, DAY_NONE, &e.van) ||
	    !get_date(b, t, line, 4, f[4], false, DAY_OPEN, &e.tot) || !check_period(b, t, line, 4, e.van, e.tot))
		return false;
	*(enrolment *)fact_slot(b, F_ENR, p, line) = e;
	return true;
}

static bool row_verzuim(builder *b, const field *f, uint32_t line)
{
	const table_id t = T_VERZUIM;
	uint32_t p;
	absence a;
	int soort;
	if (!get_pupil(b, t, line, f[0], &p) || !get_school(b, t, line, 1, f + 1, &a.school) ||
	    !get_enum(b, t, line, 3, f[3], VERZUIM_NAMES, VZ_COUNT, &soort) ||
	    !get_date(b, t, line, 4, f[4], true, DAY_NONE, &a.van) ||
	    !get_date(b, t, line, 5, f[5], false, DAY_OPEN, &a.tot) || !check_period(b, t, line, 5, a.van, a.tot) ||
	    !get_uren(b, t, line, 6, f[6], &a.uren))
		return false;
	a.soort = (uint8_t)soort;
	*(absence *)fact_slot(b, F_ABS, p, line) = a;
	return true;
}

/* "5a", "5b", "5c", or another article of the Leerplichtwet: 1-3 digits and at
 * most two lower-case letters ("11g", "15", "3a"). */
static bool grond_valid(field f, uint8_t *kind)
{
	if (f.len == 2 && f.p[0] == '5' && f.p[1] >= 'a' && f.p[1] <= 'c') {
		*kind = (uint8_t)(GROND_5A + (f.p[1] - 'a'));
		return true;
	}
	if (f.len == 2 && f.p[0] == '5' && f.p[1] >= 'a' && f.p[1] <= 'z')
		return false; /* article 5 has grounds a, b and c only */
	size_t i = 0;
	while (i < f.len && i < 3 && f.p[i] >= '0' && f.p[i] <= '9')
		i++;
	if (i == 0)
		return false;
	size_t letters = 0;
	while (i < f.len && f.p[i] >= 'a' && f.p[i] <= 'z' && letters < 2)
		i++, letters++;
	*kind = GROND_OVERIG;
	return i == f.len;
}

static bool row_vrijstelling(builder *b, const field *f, uint32_t line)
{
	const table_id t = T_VRIJSTELLINGEN;
	uint32_t p;
	vrijstelling v = {0};
	int status;
	if (!get_pupil(b, t, line, f[0], &p))
		return false;
	if (!f[1].len)
		return reject(b, t, line, 1, "verplicht veld is leeg");
	if (!grond_valid(f[1], &v.kind))
		return reject(b, t, line, 1,
			      "'%s' is geen vrijstellingsgrond (5a, 5b, 5c of een ander artikel zoals 11g of 15)",
			      show(f[1]).s);
	if (!get_enum(b, t, line, 2, f[2], STATUS_NAMES, VS_COUNT, &status) ||
	    !get_date(b, t, line, 3, f[3], false, DAY_NONE, &v.aanvraag) ||
	    !get_date(b, t, line, 4, f[4], false, DAY_NONE, &v.van) ||
	    !get_date(b, t, line, 5, f[5], false, DAY_OPEN, &v.tot))
		return false;
	if (status == VS_VERLEEND && v.van == DAY_NONE)
		return reject(b, t, line, 4, "een verleende vrijstelling moet een begindatum (van) hebben");
	if (v.van == DAY_NONE && v.tot != DAY_OPEN)
		return reject(b, t, line, 5, "einddatum zonder begindatum");
	if (!check_period(b, t, line, 5, v.van, v.tot))
		return false;
	memcpy(v.grond, f[1].p, f[1].len);
	v.status = (uint8_t)status;
	*(vrijstelling *)fact_slot(b, F_VRIJ, p, line) = v;
	return true;
}

static bool row_melding(builder *b, const field *f, uint32_t line)
{
	const table_id t = T_MELDINGEN;
	uint32_t p;
	melding m;
	if (!get_pupil(b, t, line, f[0], &p) || !get_school(b, t, line, 1, f + 1, &m.school) ||
	    !get_date(b, t, line, 3, f[3], true, DAY_NONE, &m.datum_melding) ||
	    !get_date(b, t, line, 4, f[4], true, DAY_NONE, &m.eerste_verzuimdag) ||
	    !check_text(b, t, line, 5, f[5], MAX_SHORT, false))
		return false;
	if (m.eerste_verzuimdag > m.datum_melding)
		return reject(b, t, line, 4, "eerste verzuimdag ligt na de datum van de melding");
	m.soort = f[5].len ? arena_strndup(&b->facts[F_MELD].strings, f[5].p, f[5].len) : NULL;
	*(melding *)fact_slot(b, F_MELD, p, line) = m;
	return true;
}

static bool row_aanbod(builder *b, const field *f, uint32_t line)
{
	const table_id t = T_AANBOD;
	uint32_t p;
	aanbod a;
	int soort;
	if (!get_pupil(b, t, line, f[0], &p) || !get_date(b, t, line, 1, f[1], true, DAY_NONE, &a.datum) ||
	    !get_date(b, t, line, 2, f[2], false, DAY_NONE, &a.plaats_per) ||
	    !get_enum(b, t, line, 3, f[3], AANBOD_NAMES, AANBOD_COUNT, &soort))
		return false;
	if (a.plaats_per != DAY_NONE && a.plaats_per < a.datum)
		return reject(b, t, line, 2, "plaats_per ligt voor de datum van het aanbod");
	a.soort = (uint8_t)soort;
	*(aanbod *)fact_slot(b, F_AANBOD, p, line) = a;
	return true;
}

/* Canonical order of each kind of fact within a pupil. */
#define CMP(x, y) \
	if ((x) != (y)) \
	return (x) < (y) ? -1 : 1

static int res_cmp(const void *a, const void *b)
{
	const residence *x = a, *y = b;
	CMP(x->van, y->van);
	CMP(x->tot, y->tot);
	CMP(x->gemeente, y->gemeente);
	CMP(x->in_onderzoek, y->in_onderzoek);
	return 0;
}

static int enr_cmp(const void *a, const void *b)
{
	const enrolment *x = a, *y = b;
	CMP(x->van, y->van);
	CMP(x->tot, y->tot);
	CMP(x->school, y->school);
	return 0;
}

static int abs_cmp(const void *a, const void *b)
{
	const absence *x = a, *y = b;
	CMP(x->van, y->van);
	CMP(x->tot, y->tot);
	CMP(x->school, y->school);
	CMP(x->soort, y->soort);
	CMP(x->uren, y->uren);
	return 0;
}

static int vrij_cmp(const void *a, const void *b)
{
	const vrijstelling *x = a, *y = b;
	CMP(x->van, y->van);
	CMP(x->tot, y->tot);
	CMP(x->aanvraag, y->aanvraag);
	int c = strncmp(x->grond, y->grond, sizeof x->grond);
	if (c)
		return c;
	CMP(x->status, y->status);
	return 0;
}

static int meld_cmp(const void *a, const void *b)
{
	const melding *x = a, *y = b;
	CMP(x->eerste_verzuimdag, y->eerste_verzuimdag);
	CMP(x->datum_melding, y->datum_melding);
	CMP(x->school, y->school);
	return strcmp(x->soort ? x->soort : "", y->soort ? y->soort : "");
}

static int aanbod_cmp(const void *a, const void *b)
{
	const aanbod *x = a, *y = b;
	CMP(x->datum, y->datum);
	CMP(x->plaats_per, y->plaats_per);
	CMP(x->soort, y->soort);
	return 0;
}

static int (*const FACT_CMP[F_COUNT])(const void *, const void *) = {
	[F_RES] = res_cmp, [F_ENR] = enr_cmp, [F_ABS] = abs_cmp,
	[F_VRIJ] = vrij_cmp, [F_MELD] = meld_cmp, [F_AANBOD] = aanbod_cmp,
};

static void period_text(day_t van, day_t tot, char *buf, size_t size)
{
	char v[DATE_TEXT], e[DATE_TEXT];
	date_format(van, v);
	date_format(tot, e);
	snprintf(buf, size, "%s t/m %s", v, tot == DAY_OPEN ? "heden" : e);
}

/* SPEC 3.1: one pupil's residence periods must not overlap, nor may its
 * verleend vrijstellingen. Facts are sorted by van here. */
static void check_overlaps(builder *b, fact_kind k, const uint32_t *off, const uint32_t *line)
{
	dataset *ds = b->ds;
	for (size_t p = 0; p < ds->n_pupils; p++) {
		day_t end = DAY_NONE;
		uint32_t end_line = 0;
		for (uint32_t i = off[p]; i < off[p + 1]; i++) {
			day_t van, tot;
			if (k == F_RES) {
				van = ds->res[i].van, tot = ds->res[i].tot;
			} else {
				if (ds->vrij[i].status != VS_VERLEEND)
					continue;
				van = ds->vrij[i].van, tot = ds->vrij[i].tot;
			}
			if (end != DAY_NONE && van <= end) {
				char other[64];
				period_text(van, tot, other, sizeof other);
				reject(b, FACT_TABLE[k], line[i], k == F_RES ? 2 : 4,
				       k == F_RES ? "woonperiode %s van leerling '%s' overlapt met die op regel %u"
						  : "verleende vrijstelling %s van leerling '%s' overlapt met die op regel %u",
				       other, ds->pupils[p].id, end_line);
			}
			if (end == DAY_NONE || tot > end)
				end = tot, end_line = line[i];
		}
	}
}

/* Whether the facts arrived grouped by pupil in id order, each pupil's in
 * canonical order. */
static bool already_ordered(const fact_table *ft, fact_kind k)
{
	size_t esz = FACT_SIZE[k];
	for (size_t i = 1; i < ft->n; i++) {
		if (ft->owner[i] < ft->owner[i - 1])
			return false;
		if (ft->owner[i] == ft->owner[i - 1] && FACT_CMP[k](ft->rows + (i - 1) * esz, ft->rows + i * esz) > 0)
			return false;
	}
	return true;
}

/* Hand the sorted facts and their offsets to the dataset, then check the
 * rules that span rows. Takes ownership of rows and line. */
static void install_facts(builder *b, fact_kind k, size_t n, uint32_t *off, char *rows, uint32_t *line)
{
	dataset *ds = b->ds;
	ds->off[k] = off;
	ds->n_fact[k] = n;
	switch (k) {
	case F_RES: ds->res = (residence *)rows; break;
	case F_ENR: ds->enr = (enrolment *)rows; break;
	case F_ABS: ds->abs = (absence *)rows; break;
	case F_VRIJ: ds->vrij = (vrijstelling *)rows; break;
	case F_MELD: ds->meld = (melding *)rows; break;
	case F_AANBOD: ds->aanbod = (aanbod *)rows; break;
	case F_COUNT: break;
	}
	if (k == F_RES || k == F_VRIJ)
		check_overlaps(b, k, off, line);
	free(line);
}

static void end_facts(builder *b, fact_kind k)
{
	dataset *ds = b->ds;
	fact_table *ft = &b->facts[k].t;
	size_t n = ft->n, esz = FACT_SIZE[k];
	uint32_t *off = xcalloc(ds->n_pupils + 1, sizeof *off);
	if (already_ordered(ft, k)) {
		/* Grouped by pupil in id order and canonical within each pupil (as
		 * inbeeld writes them): only the offsets are needed. */
		for (size_t i = 0; i < n; i++)
			off[ft->owner[i] + 1]++;
		for (size_t p = 0; p < ds->n_pupils; p++)
			off[p + 1] += off[p];
		install_facts(b, k, n, off, ft->rows, ft->line);
		free(ft->owner);
		memset(ft, 0, sizeof *ft);
		return;
	}
	uint32_t *order = xmalloc((n ? n : 1) * sizeof *order);
	/* Counting sort by pupil keeps arrival order within a pupil... */
	for (size_t i = 0; i < n; i++)
		off[ft->owner[i] + 1]++;
	for (size_t p = 0; p < ds->n_pupils; p++)
		off[p + 1] += off[p];
	uint32_t *pos = xmalloc((ds->n_pupils ? ds->n_pupils : 1) * sizeof *pos);
	memcpy(pos, off, ds->n_pupils * sizeof *pos);
	for (size_t i = 0; i < n; i++)
		order[pos[ft->owner[i]]++] = (uint32_t)i;
	free(pos);
	/* ...then each pupil's facts take their canonical order. */
	for (size_t p = 0; p < ds->n_pupils; p++)
		if (off[p + 1] - off[p] > 1)
			sort_indices(order + off[p], off[p + 1] - off[p], ft->rows, esz, FACT_CMP[k]);
	char *rows = xmalloc((n ? n : 1) * esz);
	uint32_t *line = xmalloc((n ? n : 1) * sizeof *line);
	for (size_t i = 0; i < n; i++) {
		memcpy(rows + i * esz, ft->rows + (size_t)order[i] * esz, esz);
		line[i] = ft->line[order[i]];
	}
	free(order);
	free(ft->rows);
	free(ft->owner);
	free(ft->line);
	memset(ft, 0, sizeof *ft);
	install_facts(b, k, n, off, rows, line);
}

/* ---- the builder -------------------------------------------------------- */

builder *builder_new(unsigned flags)
{
	builder *b = xcalloc(1, sizeof *b);
	b->flags = flags;
	dataset *ds = b->ds = xcalloc(1, sizeof *ds);
	ds->gemeente_by_num = xmalloc(10000 * sizeof(int32_t));
	ds->swv_by_num = xmalloc(20000 * sizeof(int32_t));
	for (int i = 0; i < 10000; i++)
		ds->gemeente_by_num[i] = NO_REF;
	for (int i = 0; i < 20000; i++)
		ds->swv_by_num[i] = NO_REF;
	b->code_line = xcalloc(20000, sizeof *b->code_line);
	for (int k = 0; k < F_COUNT; k++)
		b->facts[k].last_pupil = UINT32_MAX;
	b->pupils_sorted = true;
	return b;
}

void builder_only_pupil(builder *b, const char *id)
{
	free(b->only);
	b->only = xstrdup(id);
	b->only_len = strlen(id);
}

static fact_kind fact_of(table_id t);

void builder_reserve(builder *b, table_id t, size_t rows)
{
	dataset *ds = b->ds;
	if (t == T_LEERLINGEN) {
		ds->pupils = xgrow(ds->pupils, &b->cap_pupils, rows, sizeof *ds->pupils);
		b->pupil_line = xgrow(b->pupil_line, &b->cap_pupil_line, rows, sizeof *b->pupil_line);
		return;
	}
	fact_kind k = fact_of(t);
	if (k == F_COUNT)
		return;
	fact_table *ft = &b->facts[k].t;
	ft->rows = xgrow(ft->rows, &ft->cap, rows, FACT_SIZE[k]);
	ft->owner = xgrow(ft->owner, &ft->cap_owner, rows, sizeof *ft->owner);
	ft->line = xgrow(ft->line, &ft->cap_line, rows, sizeof *ft->line);
}

static fact_kind fact_of(table_id t)
{
	for (int k = 0; k < F_COUNT; k++)
		if (FACT_TABLE[k] == t)
			return (fact_kind)k;
	return F_COUNT;
}

void builder_begin_table(builder *b, table_id t)
{
	b->state[t] = 1;
	if (t == T_VAKANTIEREGIOS) {
		b->regio_line = xcalloc(b->ds->n_gemeenten ? b->ds->n_gemeenten : 1, sizeof *b->regio_line);
	}
}

bool builder_row(builder *b, table_id t, const field *f, uint32_t line)
{
	if (TABLES[t].per_pupil) {
		if (only_skips(b, f[0]))
			return true;
		if (b->state[T_LEERLINGEN] != 2)
			return false; /* no pupils to refer to; the reader reported why */
	}
	switch (t) {
	case T_GEMEENTEN: return row_gemeente(b, f, line);
	case T_SWV: return row_swv(b, f, line);
	case T_SWV_GEMEENTEN: return row_swv_gemeente(b, f, line);
	case T_SCHOLEN: return row_school(b, f, line);
	case T_VAKANTIEREGIOS: return row_vakantieregio(b, f, line);
	case T_VAKANTIES: return row_vakantie(b, f, line);
	case T_LEERLINGEN: return row_leerling(b, f, line);
	case T_WOONADRESSEN: return row_woonadres(b, f, line);
	case T_INSCHRIJVINGEN: return row_inschrijving(b, f, line);
	case T_VERZUIM: return row_verzuim(b, f, line);
	case T_VRIJSTELLINGEN: return row_vrijstelling(b, f, line);
	case T_MELDINGEN: return row_melding(b, f, line);
	case T_AANBOD: return row_aanbod(b, f, line);
	case T_COUNT: break;
	}
	return false;
}

void builder_end_table(builder *b, table_id t)
{
	if (b->state[t] == 2)
		return;
	b->state[t] = 2;
	switch (t) {
	case T_GEMEENTEN: end_gemeenten(b); break;
	case T_SWV: end_swv(b); break;
	case T_SWV_GEMEENTEN: end_swv_gemeenten(b); break;
	case T_SCHOLEN: end_scholen(b); break;
	case T_VAKANTIEREGIOS:
		free(b->regio_line);
		b->regio_line = NULL;
		break;
	case T_VAKANTIES: break;
	case T_LEERLINGEN: end_leerlingen(b); break;
	default: {
		fact_kind k = fact_of(t);
		if (k != F_COUNT && b->state[T_LEERLINGEN] == 2)
			end_facts(b, k);
	}
	}
}

static int error_cmp(const void *a, const void *b)
{
	const fact_error *x = a, *y = b;
	CMP(x->table, y->table);
	CMP(x->line, y->line);
	return 0;
}

/* Gather the errors of every table into one list in file order, keeping the
 * first BUILDER_MAX_ERRORS. */
static void merge_errors(builder *b)
{
	error_list *all = &b->errors;
	for (int k = 0; k < F_COUNT; k++) {
		error_list *el = &b->facts[k].errors;
		all->total += el->total;
		if (!el->n)
			continue;
		all->items = xgrow(all->items, &all->cap, all->n + el->n, sizeof *all->items);
		memcpy(all->items + all->n, el->items, el->n * sizeof *el->items);
		all->n += el->n;
		free(el->items);
		memset(el, 0, sizeof *el);
	}
	sort_array(all->items, all->n, sizeof *all->items, error_cmp);
	while (all->n > BUILDER_MAX_ERRORS)
		free(all->items[--all->n].msg);
}

dataset *builder_finish(builder *b)
{
	for (int t = 0; t < T_COUNT; t++)
		builder_end_table(b, (table_id)t);
	merge_errors(b);
	if (b->errors.total)
		return NULL;
	dataset *ds = b->ds;
	for (int k = 0; k < F_COUNT; k++) {
		if (!ds->off[k])
			ds->off[k] = xcalloc(ds->n_pupils + 1, sizeof(uint32_t));
		arena_adopt(&ds->strings, &b->facts[k].strings);
	}
	derive_region_swv(ds);
	build_calendars(ds);
	ds->ages = xmalloc((ds->n_pupils ? ds->n_pupils : 1) * sizeof *ds->ages);
	for (size_t i = 0; i < ds->n_pupils; i++)
		ds->ages[i] = (struct age_span){ds->pupils[i].lp_start, ds->pupils[i].kwal_end};
	b->ds = NULL;
	return ds;
}

const fact_error *builder_errors(const builder *b, size_t *kept, size_t *total)
{
	*kept = b->errors.n;
	*total = b->errors.total;
	return b->errors.items;
}

void builder_free(builder *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->errors.n; i++)
		free(b->errors.items[i].msg);
	free(b->errors.items);
	free(b->code_line);
	free(b->regio_line);
	u64map_free(&b->pair_lines);
	strmap_free(&b->regio_index);
	free(b->pupil_line);
	strmap_free(&b->bsn_lines);
	strmap_free(&b->onr_lines);
	for (int k = 0; k < F_COUNT; k++) {
		fact_state *fs = &b->facts[k];
		free(fs->t.rows);
		free(fs->t.owner);
		free(fs->t.line);
		for (size_t i = 0; i < fs->errors.n; i++)
			free(fs->errors.items[i].msg);
		free(fs->errors.items);
		arena_free(&fs->strings);
		strmap_free(&fs->pupil_map);
	}
	free(b->only);
	dataset_free(b->ds);
	free(b);
}
