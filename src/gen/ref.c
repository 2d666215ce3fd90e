/*
 * ref.c - loading the reference data of data/ (data/README.md): gemeenten
 * with their population by age, SWVs and their regions, school sites, the
 * published holidays. What the sources lack is derived in ref_derive.c.
 */
#include "ref.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/ident.h"
#include "../io/csv.h"
#include "../util/alloc.h"
#include "../util/strbuf.h"
#include "ref_internal.h"

const char *const REGIO_NAMES[REGIO_COUNT] = {"noord", "midden", "zuid"};

/* ---- reading CSV by column name ----------------------------------------- */

typedef struct table_reader {
	csv_reader *csv;
	const char *path;
	int col[16];
	const field *f;
	size_t n;
	uint32_t line;
} table_reader;

/* Open path and find the named columns (NULL-terminated list). */
static int tr_open(table_reader *t, const char *dir, const char *file, const char *const *names, strbuf *path)
{
	sb_reset(path);
	sb_printf(path, "%s/%s", dir, file);
	t->path = sb_str(path);
	char err[256];
	t->csv = csv_open(t->path, err, sizeof err);
	if (!t->csv) {
		fprintf(stderr, "inbeeld-gen: %s\n", err);
		return -1;
	}
	const field *h;
	size_t n;
	uint32_t line;
	if (csv_next(t->csv, &h, &n, &line) != CSV_RECORD) {
		fprintf(stderr, "inbeeld-gen: %s: geen kopregel\n", t->path);
		return -1;
	}
	for (int i = 0; names[i]; i++) {
		t->col[i] = -1;
		for (size_t k = 0; k < n; k++)
			if (h[k].len == strlen(names[i]) && memcmp(h[k].p, names[i], h[k].len) == 0)
				t->col[i] = (int)k;
		if (t->col[i] < 0) {
			fprintf(stderr, "inbeeld-gen: %s: kolom %s ontbreekt\n", t->path, names[i]);
			return -1;
		}
	}
	return 0;
}

/* Next row; 1 for a row, 0 at the end, -1 on a malformed file. */
static int tr_next(table_reader *t)
{
	csv_status st = csv_next(t->csv, &t->f, &t->n, &t->line);
	if (st == CSV_ERROR) {
		fprintf(stderr, "inbeeld-gen: %s, regel %u: %s\n", t->path, t->line, csv_error(t->csv));
		return -1;
	}
	return st == CSV_RECORD;
}

static field tr_field(const table_reader *t, int i)
{
	int c = t->col[i];
	return (size_t)c < t->n ? t->f[c] : (field){NULL, 0};
}

static char *tr_str(const table_reader *t, int i)
{
	field f = tr_field(t, i);
	return xstrndup(f.len ? f.p : "", f.len);
}

static double tr_num(const table_reader *t, int i)
{
	field f = tr_field(t, i);
	char buf[64];
	if (!f.len || f.len >= sizeof buf)
		return 0.0;
	memcpy(buf, f.p, f.len);
	buf[f.len] = '\0';
	return strtod(buf, NULL);
}

static bool tr_is(const table_reader *t, int i, const char *s)
{
	field f = tr_field(t, i);
	return f.len == strlen(s) && memcmp(f.p, s, f.len) == 0;
}

static void tr_close(table_reader *t)
{
	if (t->csv)
		csv_close(t->csv);
	t->csv = NULL;
}

/* ---- gemeenten ---------------------------------------------------------- */

int32_t ref_gemeente_by_code(const ref *r, const char *code)
{
	int num;
	if (!gemeentecode_parse(code, strlen(code), &num))
		return -1;
	return r->gem_by_num[num];
}

static int32_t gem_of_field(const ref *r, field f)
{
	int num;
	if (!gemeentecode_parse(f.p, f.len, &num))
		return -1;
	return r->gem_by_num[num];
}

static int gem_cmp(const void *a, const void *b)
{
	return strcmp(((const ref_gemeente *)a)->code, ((const ref_gemeente *)b)->code);
}

static int load_gemeenten(ref *r, const char *dir, strbuf *path)
{
	static const char *const cols[] = {"gm_code", "gemeentenaam", "provincie", NULL};
	table_reader t = {0};
	size_t cap = 0;
	int rc = tr_open(&t, dir, "gemeenten_2025.csv", cols, path);
	while (rc == 0 && (rc = tr_next(&t)) == 1) {
		field code = tr_field(&t, 0);
		int num;
		if (!gemeentecode_parse(code.p, code.len, &num)) {
			fprintf(stderr, "inbeeld-gen: %s, regel %u: geen gemeentecode\n", t.path, t.line);
			rc = -1;
			break;
		}
		r->gem = xgrow(r->gem, &cap, r->n_gem + 1, sizeof *r->gem);
		ref_gemeente *g = &r->gem[r->n_gem++];
		memset(g, 0, sizeof *g);
		memcpy(g->code, code.p, 6);
		g->num = num;
		g->naam = tr_str(&t, 1);
		g->provincie = tr_str(&t, 2);
		g->regio = -1;
		rc = 0;
	}
	tr_close(&t);
	if (rc < 0)
		return -1;
	qsort(r->gem, r->n_gem, sizeof *r->gem, gem_cmp);
	for (int i = 0; i < 10000; i++)
		r->gem_by_num[i] = -1;
	for (size_t i = 0; i < r->n_gem; i++)
		r->gem_by_num[r->gem[i].num] = (int32_t)i;
	return 0;
}

static int load_kenmerken(ref *r, const char *dir, strbuf *path)
{
	static const char *const cols[] = {"gm_code",
					   "inwoners_2024_pc4som",
					   "leeftijd_0_4_2021_pc4som",
					   "leeftijd_5_9_2021_pc4som",
					   "leeftijd_10_14_2021_pc4som",
					   "leeftijd_15_19_2021_pc4som",
					   "vakantieregio_duo_vo",
					   NULL};
	table_reader t = {0};
	int rc = tr_open(&t, dir, "gemeenten_kenmerken_afgeleid.csv", cols, path);
	while (rc == 0 && (rc = tr_next(&t)) == 1) {
		rc = 0;
		int32_t gi = gem_of_field(r, tr_field(&t, 0));
		if (gi < 0)
			continue;
		ref_gemeente *g = &r->gem[gi];
		g->inwoners = tr_num(&t, 1);
		for (int b = 0; b < 4; b++)
			g->band[b] = tr_num(&t, 2 + b);
		for (int k = 0; k < REGIO_COUNT; k++) {
			field f = tr_field(&t, 6);
			if (f.len == strlen(REGIO_NAMES[k]) && strncasecmp(f.p, REGIO_NAMES[k], f.len) == 0)
				g->regio = k;
		}
	}
	tr_close(&t);
	return rc < 0 ? -1 : 0;
}

double ref_cohort(const ref_gemeente *g, int year)
{
	/* Born 2017-2021 were 0-4 on 1-1-2021, and so on. The 15-19 band also
	 * holds students who moved in at 18 or 19, so it never exceeds the
	 * cohort below it by much. Cohorts after 2021 are taken like the
	 * youngest band. */
	if (year >= 2017)
		return g->band[0] / 5.0;
	if (year >= 2012)
		return g->band[1] / 5.0;
	if (year >= 2007)
		return g->band[2] / 5.0;
	double older = g->band[3] / 5.0, cap = g->band[2] / 5.0 * 1.05;
	return older < cap ? older : cap;
}

/* ---- SWVs --------------------------------------------------------------- */

static int swv_cmp(const void *a, const void *b)
{
	return strcmp(((const ref_swv *)a)->code, ((const ref_swv *)b)->code);
}

static int32_t swv_find(const ref *r, field f)
{
	if (f.len != 6)
		return -1;
	size_t lo = 0, hi = r->n_swv;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(r->swv[mid].code, f.p, 6);
		if (c == 0)
			return (int32_t)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int pair_cmp(const void *a, const void *b)
{
	const ref_pair *x = a, *y = b;
	if (x->swv != y->swv)
		return x->swv < y->swv ? -1 : 1;
	return (x->gem > y->gem) - (x->gem < y->gem);
}

static int load_swv(ref *r, const char *dir, strbuf *path)
{
	static const char *const cols[] = {"sector", "swv_code", "gm_code", "inwoners_2024_in_swv_deel",
					   "aandeel_inwoners_gemeente", NULL};
	table_reader t = {0};
	share_row *rows = NULL;
	size_t n = 0, cap = 0, cap_swv = 0;
	char (*codes)[7] = NULL;
	int *sectors = NULL;
	size_t n_codes = 0, cap_codes = 0, cap_sec = 0;
	int rc = tr_open(&t, dir, "swv_gemeenten.csv", cols, path);
	while (rc == 0 && (rc = tr_next(&t)) == 1) {
		rc = 0;
		field code = tr_field(&t, 1);
		int sec, num;
		/* "Europoort" (the port area of Rotterdam) is no SWV code. */
		if (!swvcode_parse(code.p, code.len, &sec, &num))
			continue;
		int32_t gi = gem_of_field(r, tr_field(&t, 2));
		if (gi < 0)
			continue;
		bool known = false;
		for (size_t i = 0; i < n_codes && !known; i++)
			known = memcmp(codes[i], code.p, 6) == 0;
		if (!known) {
			codes = xgrow(codes, &cap_codes, n_codes + 1, sizeof *codes);
			sectors = xgrow(sectors, &cap_sec, n_codes + 1, sizeof *sectors);
			memcpy(codes[n_codes], code.p, 6);
			codes[n_codes][6] = '\0';
			sectors[n_codes++] = sec;
		}
		rows = xgrow(rows, &cap, n + 1, sizeof *rows);
		/* The SWV index is filled in below, once the codes are sorted. */
		rows[n++] = (share_row){(int32_t)sec * 10000 + num, gi, tr_num(&t, 3), tr_num(&t, 4)};
	}
	tr_close(&t);
	if (rc < 0) {
		free(rows);
		free(codes);
		free(sectors);
		return -1;
	}
	r->swv = xgrow(r->swv, &cap_swv, n_codes ? n_codes : 1, sizeof *r->swv);
	for (size_t i = 0; i < n_codes; i++) {
		memcpy(r->swv[i].code, codes[i], 7);
		r->swv[i].sector = (uint8_t)sectors[i];
		r->swv[i].naam = NULL;
	}
	r->n_swv = n_codes;
	qsort(r->swv, r->n_swv, sizeof *r->swv, swv_cmp);
	for (size_t i = 0; i < n; i++) {
		char code[16];
		snprintf(code, sizeof code, "%s%04d", SECTOR_NAMES[rows[i].swv >= 10000], (int)(rows[i].swv % 10000));
		rows[i].swv = swv_find(r, (field){code, 6});
	}
	/* Each gemeente's main SWV per sector; the region pairs keep every SWV
	 * that holds at least 2% of the gemeente (smaller shares are mostly
	 * artefacts of mapping postcodes onto merged gemeenten). */
	for (size_t g = 0; g < r->n_gem; g++) {
		for (int sec = 0; sec < 2; sec++) {
			double best = -1;
			r->gem[g].main_swv[sec] = -1;
			for (size_t i = 0; i < n; i++)
				if (rows[i].gem == (int32_t)g && r->swv[rows[i].swv].sector == sec && rows[i].aandeel > best) {
					best = rows[i].aandeel;
					r->gem[g].main_swv[sec] = rows[i].swv;
				}
		}
	}
	size_t cap_pairs = 0;
	for (size_t i = 0; i < n; i++) {
		const ref_gemeente *g = &r->gem[rows[i].gem];
		if (rows[i].aandeel < 0.02 && g->main_swv[r->swv[rows[i].swv].sector] != rows[i].swv)
			continue;
		r->pairs = xgrow(r->pairs, &cap_pairs, r->n_pairs + 1, sizeof *r->pairs);
		r->pairs[r->n_pairs++] = (ref_pair){rows[i].swv, rows[i].gem};
	}
	qsort(r->pairs, r->n_pairs, sizeof *r->pairs, pair_cmp);
	name_swvs(r, rows, n);
	free(rows);
	free(codes);
	free(sectors);
	return 0;
}

/* ---- schools ------------------------------------------------------------ */

int school_cmp(const void *a, const void *b)
{
	const ref_school *x = a, *y = b;
	int c = memcmp(x->brin, y->brin, 4);
	return c ? c : memcmp(x->vest, y->vest, 2);
}

static int load_schools(ref *r, const char *dir, strbuf *path, geo *centre)
{
	static const char *const cols[] = {"brin", "vestigingsnummer", "naam", "schoolsoort", "gm_code", "leerlingen",
					   "lat", "lon", "po_swv_via_pc4", "vo_swv_via_pc4", NULL};
	table_reader t = {0};
	size_t cap = 0;
	int rc = tr_open(&t, dir, "scholen_vestigingen_2024.csv", cols, path);
	while (rc == 0 && (rc = tr_next(&t)) == 1) {
		rc = 0;
		field brin = tr_field(&t, 0), vest = tr_field(&t, 1);
		int32_t gi = gem_of_field(r, tr_field(&t, 4));
		if (!brin_valid(brin.p, brin.len) || !vestiging_valid(vest.p, vest.len) || gi < 0)
			continue;
		double pupils = tr_num(&t, 5);
		if (pupils <= 0)
			pupils = 100; /* no DUO count published: a small site */
		int kinds[2] = {-1, -1};
		double share[2] = {1.0, 0.0};
		/* DUO's schoolsoort, as SPEC 3.1 names it (no MBO in this file). */
		for (int k = 0; k < SOORT_MBO; k++)
			if (tr_is(&t, 3, SOORT_NAMES[k]))
				kinds[0] = k;
		if (tr_is(&t, 3, "SO/VSO")) {
			/* One DUO site with an SO and a VSO department; a dataset
			 * site has one soort, so the VSO department becomes a site
			 * of its own under the same BRIN (vestiging generated). */
			kinds[0] = SOORT_SO, kinds[1] = SOORT_VSO;
			share[0] = 0.45, share[1] = 0.55;
		}
		if (kinds[0] < 0)
			continue;
		double lat = tr_num(&t, 6), lon = tr_num(&t, 7);
		if (lat > 50 && lat < 54 && lon > 3 && lon < 8) {
			centre[gi].lat += lat;
			centre[gi].lon += lon;
			centre[gi].n += 1;
		}
		for (int j = 0; j < 2 && kinds[j] >= 0; j++) {
			r->school = xgrow(r->school, &cap, r->n_school + 1, sizeof *r->school);
			ref_school *s = &r->school[r->n_school++];
			memset(s, 0, sizeof *s);
			memcpy(s->brin, brin.p, 4);
			memcpy(s->vest, vest.p, 2);
			s->soort = (uint8_t)kinds[j];
			s->gem = gi;
			s->weight = pupils * share[j];
			s->swv_po = s->swv_vo = -1;
			sector sec = soort_sector((school_soort)kinds[j]);
			int32_t code = swv_find(r, tr_field(&t, sec == SECTOR_PO ? 8 : 9));
			if (code < 0 || r->swv[code].sector != sec)
				code = r->gem[gi].main_swv[sec];
			if (sec == SECTOR_PO)
				s->swv_po = code;
			else
				s->swv_vo = code;
			if (j == 0) {
				s->naam = tr_str(&t, 2);
			} else {
				strbuf sb = STRBUF_INIT;
				char *base = tr_str(&t, 2);
				sb_printf(&sb, "%s (vso-afdeling)", base);
				free(base);
				s->naam = sb.data;
				s->generated = true;
				s->vest[0] = '\0'; /* numbered below */
			}
		}
	}
	tr_close(&t);
	if (rc < 0)
		return -1;
	/* Number each VSO department with the highest two-digit vestiging
	 * still free under its BRIN (departments sort first within a BRIN). */
	qsort(r->school, r->n_school, sizeof *r->school, school_cmp);
	for (size_t i = 0; i < r->n_school; i++) {
		ref_school *s = &r->school[i];
		if (s->vest[0])
			continue;
		size_t start = i, end = i;
		while (start > 0 && memcmp(r->school[start - 1].brin, s->brin, 4) == 0)
			start--;
		while (end < r->n_school && memcmp(r->school[end].brin, s->brin, 4) == 0)
			end++;
		for (int v = 99; v >= 0; v--) {
			char cand[3] = {(char)('0' + v / 10), (char)('0' + v % 10), '\0'};
			bool used = false;
			for (size_t k = start; k < end && !used; k++)
				used = memcmp(r->school[k].vest, cand, 2) == 0;
			if (!used) {
				memcpy(s->vest, cand, 3);
				break;
			}
		}
	}
	return 0;
}

/* ---- holidays ----------------------------------------------------------- */

static int load_holidays(ref *r, const char *dir, strbuf *path)
{
	static const char *const cols[] = {"vakantie", "regio", "startdatum", "einddatum", NULL};
	static const char *const names[] = {"herfstvakantie", "kerstvakantie", "voorjaarsvakantie", "meivakantie",
					    "zomervakantie"};
	table_reader t = {0};
	size_t cap = 0;
	int rc = tr_open(&t, dir, "schoolvakanties_2023_2026.csv", cols, path);
	while (rc == 0 && (rc = tr_next(&t)) == 1) {
		rc = 0;
		ref_holiday h = {-1, NULL, 0, 0, false};
		for (int k = 0; k < REGIO_COUNT; k++)
			if (tr_is(&t, 1, REGIO_NAMES[k]))
				h.regio = k;
		for (int k = 0; k < 5; k++)
			if (tr_is(&t, 0, names[k]))
				h.naam = names[k];
		field a = tr_field(&t, 2), b = tr_field(&t, 3);
		if (h.regio < 0 || !h.naam || date_parse(a.p, a.len, &h.van) || date_parse(b.p, b.len, &h.tot)) {
			fprintf(stderr, "inbeeld-gen: %s, regel %u: onbekende vakantie\n", t.path, t.line);
			rc = -1;
			break;
		}
		r->hol = xgrow(r->hol, &cap, r->n_hol + 1, sizeof *r->hol);
		r->hol[r->n_hol++] = h;
	}
	tr_close(&t);
	return rc < 0 ? -1 : 0;
}

int ref_load(ref *r, const char *dir)
{
	memset(r, 0, sizeof *r);
	strbuf path = STRBUF_INIT;
	int rc = load_gemeenten(r, dir, &path);
	if (!rc)
		rc = load_kenmerken(r, dir, &path);
	if (!rc)
		rc = load_swv(r, dir, &path);
	geo *centre = xcalloc(r->n_gem ? r->n_gem : 1, sizeof *centre);
	if (!rc)
		rc = load_schools(r, dir, &path, centre);
	if (!rc) {
		generate_mbo(r);
		index_schools(r);
		geography(r, centre);
		character(r);
		rc = load_holidays(r, dir, &path);
	}
	free(centre);
	sb_free(&path);
	return rc;
}

void ref_free(ref *r)
{
	for (size_t g = 0; g < r->n_gem; g++) {
		free(r->gem[g].naam);
		free(r->gem[g].provincie);
		for (int k = 0; k < SOORT_COUNT; k++) {
			free(r->gem[g].schools[k]);
			free(r->gem[g].cum[k]);
		}
	}
	free(r->gem);
	for (size_t s = 0; s < r->n_swv; s++)
		free(r->swv[s].naam);
	free(r->swv);
	free(r->pairs);
	for (size_t i = 0; i < r->n_school; i++)
		free(r->school[i].naam);
	free(r->school);
	free(r->hol);
	memset(r, 0, sizeof *r);
}
