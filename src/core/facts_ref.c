/*
 * facts_ref.c - the fact builder's reference tables (gemeenten, SWV, their
 * regions, scholen, holiday regions and periods) and the pupils.
 */
#include "facts_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "ident.h"
#include "leerplicht.h"
#include "sort.h"

/* A name that SPEC 3.1 does not require: an empty one is doubtful (a
 * warning) and kept as "", so that every text that shows it still reads. */
static const char *name_of(builder *b, table_id t, uint32_t line, int col, field f)
{
	if (!f.len) {
		fb_warn(b, t, line, col, "naam is leeg");
		return "";
	}
	return arena_strndup(&b->ds->strings, f.p, f.len);
}

bool fb_row_gemeente(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	int num;
	if (!f[0].len)
		return fb_reject(b, T_GEMEENTEN, line, 0, "verplicht veld is leeg");
	if (!gemeentecode_parse(f[0].p, f[0].len, &num))
		return fb_reject(b, T_GEMEENTEN, line, 0,
			      "'%s' is geen gemeentecode (verwacht GM en vier cijfers, bv. GM0363)", fb_show(f[0]).s);
	if (ds->gemeente_by_num[num] != NO_REF)
		return fb_reject(b, T_GEMEENTEN, line, 0, "gemeentecode %s komt al voor op regel %u", fb_show(f[0]).s,
			      b->code_line[num]);
	if (!fb_text(b, T_GEMEENTEN, line, 1, f[1], MAX_TEXT, false))
		return false;
	ds->gemeenten = xgrow(ds->gemeenten, &b->cap_gem, ds->n_gemeenten + 1, sizeof *ds->gemeenten);
	gemeente *g = &ds->gemeenten[ds->n_gemeenten];
	memcpy(g->code, f[0].p, 6);
	g->code[6] = '\0';
	g->naam = name_of(b, T_GEMEENTEN, line, 1, f[1]);
	g->regio = NO_REF;
	ds->gemeente_by_num[num] = (int32_t)ds->n_gemeenten++;
	b->code_line[num] = line;
	return true;
}

static int gemeente_cmp(const void *a, const void *b)
{
	return strcmp(((const gemeente *)a)->code, ((const gemeente *)b)->code);
}

void fb_end_gemeenten(builder *b)
{
	dataset *ds = b->ds;
	sort_array(ds->gemeenten, ds->n_gemeenten, sizeof *ds->gemeenten, gemeente_cmp);
	for (size_t i = 0; i < ds->n_gemeenten; i++) {
		int num;
		gemeentecode_parse(ds->gemeenten[i].code, 6, &num);
		ds->gemeente_by_num[num] = (int32_t)i;
	}
}

bool fb_row_swv(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	int sec, num, sector_given;
	if (!f[0].len)
		return fb_reject(b, T_SWV, line, 0, "verplicht veld is leeg");
	if (!swvcode_parse(f[0].p, f[0].len, &sec, &num))
		return fb_reject(b, T_SWV, line, 0, "'%s' is geen SWV-code (verwacht PO of VO en vier cijfers, bv. PO2701)",
			      fb_show(f[0]).s);
	int key = sec * 10000 + num;
	if (ds->swv_by_num[key] != NO_REF)
		return fb_reject(b, T_SWV, line, 0, "SWV-code %s komt al voor op regel %u", fb_show(f[0]).s,
			      b->code_line[key]);
	if (!fb_text(b, T_SWV, line, 1, f[1], MAX_TEXT, false) ||
	    !fb_enum(b, T_SWV, line, 2, f[2], SECTOR_NAMES, 2, &sector_given))
		return false;
	if (sector_given != sec)
		fb_warn(b, T_SWV, line, 2, "sector %s past niet bij code %s; overgenomen met sector %s",
			SECTOR_NAMES[sector_given], fb_show(f[0]).s, SECTOR_NAMES[sector_given]);
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

void fb_end_swv(builder *b)
{
	dataset *ds = b->ds;
	sort_array(ds->swvs, ds->n_swvs, sizeof *ds->swvs, swv_cmp);
	for (size_t i = 0; i < ds->n_swvs; i++) {
		int sec, num;
		swvcode_parse(ds->swvs[i].code, 6, &sec, &num);
		ds->swv_by_num[sec * 10000 + num] = (int32_t)i;
	}
}

bool fb_row_swv_gemeente(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	int32_t s, g;
	if (!fb_swv(b, T_SWV_GEMEENTEN, line, 0, f[0], &s) ||
	    !fb_gemeente(b, T_SWV_GEMEENTEN, line, 1, f[1], &g))
		return false;
	uint32_t prev;
	uint64_t key = ((uint64_t)(uint32_t)s << 32 | (uint32_t)g) + 1;
	if (!u64map_put(&b->pair_lines, key, line, &prev)) {
		/* The same pair again says nothing new: kept once. */
		fb_warn(b, T_SWV_GEMEENTEN, line, -1, "de combinatie %s, %s komt al voor op regel %u; een keer overgenomen",
			ds->swvs[s].code, ds->gemeenten[g].code, prev);
		return true;
	}
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

void fb_end_swv_gemeenten(builder *b)
{
	dataset *ds = b->ds;
	sort_array(ds->swv_gemeenten, ds->n_swv_gemeenten, sizeof *ds->swv_gemeenten, swvgem_cmp);
	u64map_free(&b->pair_lines);
}

void fb_derive_region_swv(dataset *ds)
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

bool fb_row_school(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	if (!f[0].len)
		return fb_reject(b, T_SCHOLEN, line, 0, "verplicht veld is leeg");
	if (!brin_valid(f[0].p, f[0].len))
		return fb_reject(b, T_SCHOLEN, line, 0,
			      "'%s' is geen BRIN (verwacht twee cijfers en twee hoofdletters, bv. 12AB)", fb_show(f[0]).s);
	if (!f[1].len)
		return fb_reject(b, T_SCHOLEN, line, 1, "verplicht veld is leeg");
	if (!vestiging_valid(f[1].p, f[1].len))
		return fb_reject(b, T_SCHOLEN, line, 1, "'%s' is geen vestigingsnummer (verwacht twee cijfers)",
			      fb_show(f[1]).s);
	school s = {0};
	memcpy(s.brin, f[0].p, 4);
	memcpy(s.vestiging, f[1].p, 2);
	uint32_t prev;
	if (!u64map_put(&b->pair_lines, school_key(s.brin, s.vestiging), line, &prev))
		return fb_reject(b, T_SCHOLEN, line, 0, "vestiging %s-%s komt al voor op regel %u", s.brin,
			      s.vestiging, prev);
	int soort;
	if (!fb_text(b, T_SCHOLEN, line, 2, f[2], MAX_TEXT, false) ||
	    !fb_enum(b, T_SCHOLEN, line, 3, f[3], SOORT_NAMES, SOORT_COUNT, &soort) ||
	    !fb_gemeente(b, T_SCHOLEN, line, 4, f[4], &s.gemeente))
		return false;
	s.swv_po = s.swv_vo = NO_REF;
	if ((f[5].len && !fb_swv(b, T_SCHOLEN, line, 5, f[5], &s.swv_po)) ||
	    (f[6].len && !fb_swv(b, T_SCHOLEN, line, 6, f[6], &s.swv_vo)))
		return false;
	/* swv_po should name a PO SWV and swv_vo a VO one; the other is doubtful,
	 * and kept as given. */
	for (int sec = SECTOR_PO; sec <= SECTOR_VO; sec++) {
		int32_t given = sec == SECTOR_PO ? s.swv_po : s.swv_vo;
		if (given != NO_REF && ds->swvs[given].sector != sec)
			fb_warn(b, T_SCHOLEN, line, 5 + sec,
				"'%s' is een %s-samenwerkingsverband, geen %s-samenwerkingsverband; overgenomen zoals opgegeven",
				ds->swvs[given].code, SECTOR_NAMES[ds->swvs[given].sector], SECTOR_NAMES[sec]);
	}
	s.soort = (uint8_t)soort;
	s.naam = name_of(b, T_SCHOLEN, line, 2, f[2]);
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

void fb_end_scholen(builder *b)
{
	dataset *ds = b->ds;
	u64map_free(&b->pair_lines);
	sort_array(ds->schools, ds->n_schools, sizeof *ds->schools, school_cmp);
	for (size_t i = 0; i < ds->n_schools; i++)
		u64map_put(&ds->school_index, school_key(ds->schools[i].brin, ds->schools[i].vestiging), (uint32_t)i,
			   NULL);
	/* For the fast path: where each BRIN's sites begin (they are adjacent now). */
	free(b->school_by_brin);
	b->school_by_brin = xmalloc(BRIN_KEYS * sizeof *b->school_by_brin);
	for (size_t i = 0; i < BRIN_KEYS; i++)
		b->school_by_brin[i] = NO_REF;
	for (size_t i = ds->n_schools; i-- > 0;)
		b->school_by_brin[fb_brin_key(ds->schools[i].brin)] = (int32_t)i;
	/* And every site by its key, at most half full: a row's school in one
	 * probe or two, without the checks of BRIN and vestiging (a key found
	 * is a known site's, so valid). */
	free(b->school_hash);
	b->school_hash = NULL;
	if (ds->n_schools >= 0xFFFF)
		return;
	size_t slots = 64;
	while (slots < 2 * ds->n_schools)
		slots *= 2;
	b->school_hash = xcalloc(slots, sizeof *b->school_hash);
	b->school_mask = (uint32_t)(slots - 1);
	for (size_t i = 0; i < ds->n_schools; i++) {
		uint64_t key = fb_school_key(ds->schools[i].brin, ds->schools[i].vestiging);
		uint32_t at = fb_school_slot(key, b->school_mask);
		while (b->school_hash[at] && b->school_hash[at] >> 16 != key)
			at = (at + 1) & b->school_mask;
		if (!b->school_hash[at]) /* a site given twice keeps its first (as the search) */
			b->school_hash[at] = fb_school_entry(key, (uint32_t)i);
	}
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

bool fb_row_vakantieregio(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	int32_t g;
	if (!fb_gemeente(b, T_VAKANTIEREGIOS, line, 0, f[0], &g) ||
	    !fb_text(b, T_VAKANTIEREGIOS, line, 1, f[1], MAX_TEXT, true))
		return false;
	if (ds->gemeenten[g].regio != NO_REF)
		return fb_reject(b, T_VAKANTIEREGIOS, line, 0, "gemeente %s staat al in een vakantieregio (regel %u)",
			      ds->gemeenten[g].code, b->regio_line[g]);
	ds->gemeenten[g].regio = regio_index(b, f[1]);
	b->regio_line[g] = line;
	return true;
}

bool fb_row_vakantie(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	vakantie v;
	if (!fb_text(b, T_VAKANTIES, line, 0, f[0], MAX_TEXT, true) ||
	    !fb_text(b, T_VAKANTIES, line, 1, f[1], MAX_TEXT, false) ||
	    !fb_date(b, T_VAKANTIES, line, 2, f[2], true, DAY_NONE, &v.van) ||
	    !fb_date(b, T_VAKANTIES, line, 3, f[3], true, DAY_NONE, &v.tot) ||
	    !fb_period(b, T_VAKANTIES, line, 3, v.van, v.tot))
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

void fb_build_calendars(dataset *ds)
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

bool fb_only_skips(const builder *b, field id)
{
	return b->only && (id.len != b->only_len || memcmp(id.p, b->only, id.len) != 0);
}

bool fb_row_leerling(builder *b, const field *f, uint32_t line)
{
	dataset *ds = b->ds;
	if (fb_only_skips(b, f[0]))
		return true;
	if (!fb_text(b, T_LEERLINGEN, line, 0, f[0], MAX_ID, true))
		return false;
	pupil p = {0};
	uint32_t prev;
	if (f[1].len) {
		if (!bsn_valid(f[1].p, f[1].len))
			return fb_reject(b, T_LEERLINGEN, line, 1, "'%s' is geen geldig BSN (negen cijfers, elfproef)",
				      fb_show(f[1]).s);
		char *bsn = arena_strndup(&ds->strings, f[1].p, f[1].len);
		if (!strmap_put(&b->bsn_lines, bsn, f[1].len, line, &prev))
			return fb_reject(b, T_LEERLINGEN, line, 1, "BSN %s komt al voor op regel %u (dubbele leerling)",
				      bsn, prev);
		p.bsn = bsn;
	}
	if (f[2].len) {
		if (!onderwijsnummer_valid(f[2].p, f[2].len))
			return fb_reject(b, T_LEERLINGEN, line, 2,
				      "'%s' is geen geldig onderwijsnummer (negen cijfers, begint met 10, controlegetal)",
				      fb_show(f[2]).s);
		char *onr = arena_strndup(&ds->strings, f[2].p, f[2].len);
		if (!strmap_put(&b->onr_lines, onr, f[2].len, line, &prev))
			return fb_reject(b, T_LEERLINGEN, line, 2,
				      "onderwijsnummer %s komt al voor op regel %u (dubbele leerling)", onr, prev);
		p.onderwijsnummer = onr;
	}
	civil birth;
	if (!f[3].len)
		return fb_reject(b, T_LEERLINGEN, line, 3, "verplicht veld is leeg");
	if (date_parse_civil(f[3].p, f[3].len, &p.geboortedatum, &birth) != 0)
		return fb_date(b, T_LEERLINGEN, line, 3, f[3], true, DAY_NONE, &p.geboortedatum);
	if (
	    !fb_text(b, T_LEERLINGEN, line, 4, f[4], MAX_TEXT, false) ||
	    !fb_text(b, T_LEERLINGEN, line, 5, f[5], MAX_TEXT, false) ||
	    !fb_date(b, T_LEERLINGEN, line, 6, f[6], false, DAY_NONE, &p.startkwalificatie))
		return false;
	if (p.startkwalificatie != DAY_NONE && p.startkwalificatie <= p.geboortedatum)
		fb_warn(b, T_LEERLINGEN, line, 6,
			"startkwalificatie ligt niet na de geboortedatum; de leerling is daardoor nooit kwalificatieplichtig");
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
void fb_end_leerlingen(builder *b)
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
				fb_reject(b, T_LEERLINGEN, b->pupil_line[order[i]], 0, "leerling_id '%s' komt al voor op regel %u",
				       p->id, b->pupil_line[order[first]]);
				continue;
			}
			sorted[kept++] = *p;
		}
		free(ds->pupils);
		ds->pupils = sorted;
		ds->n_pupils = kept;
		free(order);
		/* What the fast path's parts derived is of the pupils unsorted. */
		fb_forget_derived(b);
	}
	free(b->pupil_line);
	b->pupil_line = NULL;
	/* For the fast path: each id's length (ids are at most MAX_ID bytes),
	 * unless its parts already gave them (facts_parts.c). */
	if (!b->id_ptr || !b->id_len) {
		free(b->id_len);
		b->id_len = xmalloc(ds->n_pupils ? ds->n_pupils : 1);
		free(b->id_ptr);
		b->id_ptr = xmalloc((ds->n_pupils ? ds->n_pupils : 1) * sizeof *b->id_ptr);
		for (size_t i = 0; i < ds->n_pupils; i++) {
			b->id_ptr[i] = ds->pupils[i].id;
			b->id_len[i] = (uint8_t)strlen(ds->pupils[i].id);
		}
	}
	strmap_free(&b->bsn_lines);
	strmap_free(&b->onr_lines);
}
