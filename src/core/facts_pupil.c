/*
 * facts_pupil.c - the fact builder's per-pupil facts (woonadressen,
 * inschrijvingen, verzuim, vrijstellingen, meldingen, aanbod): each row, their
 * sorting in the canonical order (dataset.c), and the rules across rows.
 */
#include "facts_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "leerplicht.h"
#include "sort.h"

/* Each row's pupil from the offsets of the grouped rows so far (the last
 * pupil's rows run to n); from now on owner is kept instead. */
static void ungroup(fact_table *ft)
{
	ft->owner = xgrow(ft->owner, &ft->cap_owner, ft->cap > ft->n + 1 ? ft->cap : ft->n + 1, sizeof *ft->owner);
	for (size_t p = 0; p < ft->off_filled; p++) {
		size_t end = p + 1 < ft->off_filled ? ft->off[p + 1] : ft->n;
		for (size_t i = ft->off[p]; i < end; i++)
			ft->owner[i] = (uint32_t)p;
	}
	ft->ungrouped = true;
}

void fb_fact_note(builder *b, fact_kind k, uint32_t owner)
{
	fact_table *ft = &b->facts[k].t;
	if (ft->n >= ft->cap)
		ft->rows = xgrow(ft->rows, &ft->cap, ft->n + 1, FACT_SIZE[k]);
	if (fb_needs_lines(k) && ft->n >= ft->cap_line)
		ft->line = xgrow(ft->line, &ft->cap_line, ft->n + 1, sizeof *ft->line);
	if (!ft->ungrouped && ft->n && owner < ft->last_owner)
		ungroup(ft);
	if (ft->ungrouped) {
		ft->owner = xgrow(ft->owner, &ft->cap_owner, ft->n + 1, sizeof *ft->owner);
		return;
	}
	if (!ft->off)
		ft->off = xmalloc((b->ds->n_pupils + 1) * sizeof *ft->off);
	/* Pupils up to this one begin here (those before it have no rows). */
	for (size_t p = ft->off_filled; p <= owner; p++)
		ft->off[p] = (uint32_t)ft->n;
	if (owner + (size_t)1 > ft->off_filled)
		ft->off_filled = owner + (size_t)1;
}

bool fb_row_woonadres(builder *b, const field *f, uint32_t line)
{
	const table_id t = T_WOONADRESSEN;
	uint32_t p;
	residence r;
	int flag;
	static const char *const flags[2] = {"0", "1"};
	if (!fb_pupil(b, t, line, f[0], &p) || !fb_gemeente(b, t, line, 1, f[1], &r.gemeente) ||
	    !fb_date(b, t, line, 2, f[2], true, DAY_NONE, &r.van) ||
	    !fb_date(b, t, line, 3, f[3], false, DAY_OPEN, &r.tot) || !fb_period(b, t, line, 3, r.van, r.tot) ||
	    !fb_enum(b, t, line, 4, f[4], flags, 2, &flag))
		return false;
	r.in_onderzoek = (uint8_t)flag;
	*(residence *)fb_fact_slot(b, F_RESIDENCE, p, line) = r;
	return true;
}

bool fb_row_inschrijving(builder *b, const field *f, uint32_t line)
{
	const table_id t = T_INSCHRIJVINGEN;
	uint32_t p;
	enrolment e;
	if (!fb_pupil(b, t, line, f[0], &p) || !fb_school(b, t, line, 1, f + 1, &e.school) ||
	    !fb_date(b, t, line, 3, f[3], true, DAY_NONE, &e.van) ||
	    !fb_date(b, t, line, 4, f[4], false, DAY_OPEN, &e.tot) || !fb_period(b, t, line, 4, e.van, e.tot))
		return false;
	*(enrolment *)fb_fact_slot(b, F_ENROLMENT, p, line) = e;
	return true;
}

bool fb_row_verzuim(builder *b, const field *f, uint32_t line)
{
	const table_id t = T_VERZUIM;
	uint32_t p;
	absence a;
	int soort;
	if (!fb_pupil(b, t, line, f[0], &p) || !fb_school(b, t, line, 1, f + 1, &a.school) ||
	    !fb_enum(b, t, line, 3, f[3], VERZUIM_NAMES, VZ_COUNT, &soort) ||
	    !fb_date(b, t, line, 4, f[4], true, DAY_NONE, &a.van) ||
	    !fb_date(b, t, line, 5, f[5], false, DAY_OPEN, &a.tot) || !fb_period(b, t, line, 5, a.van, a.tot) ||
	    !fb_uren(b, t, line, 6, f[6], &a.uren))
		return false;
	a.soort = (uint8_t)soort;
	*(absence *)fb_fact_slot(b, F_ABSENCE, p, line) = a;
	return true;
}

/* "5a", "5b", "5c", or another article of the Leerplichtwet: 1-3 digits and at
 * most two lower-case letters ("11g", "15", "3a"). */
bool fb_grond_valid(field f, uint8_t *kind)
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

bool fb_row_vrijstelling(builder *b, const field *f, uint32_t line)
{
	const table_id t = T_VRIJSTELLINGEN;
	uint32_t p;
	vrijstelling v = {0};
	int status;
	if (!fb_pupil(b, t, line, f[0], &p))
		return false;
	if (!f[1].len)
		return fb_reject(b, t, line, 1, "verplicht veld is leeg");
	if (!fb_grond_valid(f[1], &v.kind))
		return fb_reject(b, t, line, 1,
			      "'%s' is geen vrijstellingsgrond (5a, 5b, 5c of een ander artikel zoals 11g of 15)",
			      fb_show(f[1]).s);
	if (!fb_enum(b, t, line, 2, f[2], STATUS_NAMES, VS_COUNT, &status) ||
	    !fb_date(b, t, line, 3, f[3], false, DAY_NONE, &v.aanvraag) ||
	    !fb_date(b, t, line, 4, f[4], false, DAY_NONE, &v.van) ||
	    !fb_date(b, t, line, 5, f[5], false, DAY_OPEN, &v.tot))
		return false;
	if (status == VS_VERLEEND && v.van == DAY_NONE)
		return fb_reject(b, t, line, 4, "een verleende vrijstelling moet een begindatum (van) hebben");
	/* A request that was not granted may carry a tot without a van (SPEC 3.1). */
	if (!fb_period(b, t, line, 5, v.van, v.tot))
		return false;
	memcpy(v.grond, f[1].p, f[1].len);
	v.status = (uint8_t)status;
	*(vrijstelling *)fb_fact_slot(b, F_VRIJSTELLING, p, line) = v;
	return true;
}

bool fb_row_melding(builder *b, const field *f, uint32_t line)
{
	const table_id t = T_MELDINGEN;
	uint32_t p;
	melding m;
	if (!fb_pupil(b, t, line, f[0], &p) || !fb_school(b, t, line, 1, f + 1, &m.school) ||
	    !fb_date(b, t, line, 3, f[3], true, DAY_NONE, &m.datum_melding) ||
	    !fb_date(b, t, line, 4, f[4], true, DAY_NONE, &m.eerste_verzuimdag) ||
	    !fb_text(b, t, line, 5, f[5], MAX_TEXT, false))
		return false;
	if (m.eerste_verzuimdag > m.datum_melding)
		fb_warn(b, t, line, 4, "eerste verzuimdag ligt na de datum van de melding");
	m.soort = f[5].len ? arena_strndup(&b->facts[F_MELDING].strings, f[5].p, f[5].len) : NULL;
	*(melding *)fb_fact_slot(b, F_MELDING, p, line) = m;
	return true;
}

bool fb_row_aanbod(builder *b, const field *f, uint32_t line)
{
	const table_id t = T_AANBOD;
	uint32_t p;
	aanbod a;
	int soort;
	if (!fb_pupil(b, t, line, f[0], &p) || !fb_date(b, t, line, 1, f[1], true, DAY_NONE, &a.datum) ||
	    !fb_date(b, t, line, 2, f[2], false, DAY_NONE, &a.plaats_per) ||
	    !fb_enum(b, t, line, 3, f[3], AANBOD_NAMES, AANBOD_COUNT, &soort))
		return false;
	if (a.plaats_per != DAY_NONE && a.plaats_per < a.datum)
		fb_warn(b, t, line, 2, "plaats_per ligt voor de datum van het aanbod");
	/* A date past the day the pupil turns 18, the end of kwalificatieplicht
	 * by age (2099 for a child born in 2012), can never answer an absence:
	 * doubtful, so imported with a warning (SPEC 3.1), without a clock. */
	day_t end = kwalificatieplicht_end(b->ds->pupils[p].geboortedatum, DAY_NONE);
	int late_col = a.datum > end ? 1 : a.plaats_per != DAY_NONE && a.plaats_per > end ? 2 : 0;
	if (late_col) {
		char d[DATE_TEXT];
		date_format(end, d);
		fb_warn(b, t, line, late_col, "%s ligt na het einde van de kwalificatieplicht van de leerling (%s); controleer de datum",
			late_col == 1 ? "datum_aanbod" : "plaats_per", d);
	}
	a.soort = (uint8_t)soort;
	*(aanbod *)fb_fact_slot(b, F_AANBOD, p, line) = a;
	return true;
}

/* Canonical order of each kind of fact within a pupil (dataset.c). */
static int (*const FACT_CMP[F_COUNT])(const void *, const void *) = {
	[F_RESIDENCE] = residence_cmp, [F_ENROLMENT] = enrolment_cmp, [F_ABSENCE] = absence_cmp,
	[F_VRIJSTELLING] = vrijstelling_cmp, [F_MELDING] = melding_cmp, [F_AANBOD] = aanbod_cmp,
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
			if (k == F_RESIDENCE) {
				van = ds->res[i].van, tot = ds->res[i].tot;
			} else {
				if (ds->vrij[i].status != VS_VERLEEND)
					continue;
				van = ds->vrij[i].van, tot = ds->vrij[i].tot;
			}
			if (end != DAY_NONE && van <= end) {
				char other[64];
				period_text(van, tot, other, sizeof other);
				fb_reject(b, FACT_TABLE[k], line[i], k == F_RESIDENCE ? 2 : 4,
				       k == F_RESIDENCE ? "woonperiode %s van leerling '%s' overlapt met die op regel %u"
						  : "verleende vrijstelling %s van leerling '%s' overlapt met die op regel %u",
				       other, ds->pupils[p].id, end_line);
			}
			if (end == DAY_NONE || tot > end)
				end = tot, end_line = line[i];
		}
	}
}

/* Whether each pupil's facts, grouped by off, are in canonical order. */
static bool canonical(const fact_table *ft, fact_kind k, const uint32_t *off, size_t n_pupils)
{
	size_t esz = FACT_SIZE[k];
	for (size_t p = 0; p < n_pupils; p++)
		for (size_t i = (size_t)off[p] + 1; i < off[p + 1]; i++)
			if (FACT_CMP[k](ft->rows + (i - 1) * esz, ft->rows + i * esz) > 0)
				return false;
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
	case F_RESIDENCE: ds->res = (residence *)rows; break;
	case F_ENROLMENT: ds->enr = (enrolment *)rows; break;
	case F_ABSENCE: ds->abs = (absence *)rows; break;
	case F_VRIJSTELLING: ds->vrij = (vrijstelling *)rows; break;
	case F_MELDING: ds->meld = (melding *)rows; break;
	case F_AANBOD: ds->aanbod = (aanbod *)rows; break;
	case F_COUNT: break;
	}
	if (k == F_RESIDENCE || k == F_VRIJSTELLING)
		check_overlaps(b, k, off, line);
	free(line);
}

void fb_end_facts(builder *b, fact_kind k)
{
	dataset *ds = b->ds;
	fact_table *ft = &b->facts[k].t;
	size_t n = ft->n, esz = FACT_SIZE[k];
	if (!ft->ungrouped) {
		/* Grouped by pupil in id order: the offsets are there. */
		uint32_t *off = ft->off ? ft->off : xmalloc((ds->n_pupils + 1) * sizeof *off);
		for (size_t p = ft->off_filled; p <= ds->n_pupils; p++)
			off[p] = (uint32_t)n;
		ft->off = off;
		ft->off_filled = ds->n_pupils + 1;
		if (ft->ordered == n ? !ft->disordered : canonical(ft, k, off, ds->n_pupils)) {
			/* Each pupil's in canonical order too (as inbeeld writes
			 * them): nothing to sort. */
			install_facts(b, k, n, off, ft->rows, ft->line);
			free(ft->owner);
			memset(ft, 0, sizeof *ft);
			return;
		}
		ft->off_filled = ds->n_pupils;
		ungroup(ft);
	}
	free(ft->off);
	ft->off = NULL;
	/* Written before it is read: no page of zeros to copy. */
	uint32_t *off = xmalloc((ds->n_pupils + 1) * sizeof *off);
	memset(off, 0, (ds->n_pupils + 1) * sizeof *off);
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
	uint32_t *line = ft->line ? xmalloc((n ? n : 1) * sizeof *line) : NULL;
	for (size_t i = 0; i < n; i++) {
		memcpy(rows + i * esz, ft->rows + (size_t)order[i] * esz, esz);
		if (line)
			line[i] = ft->line[order[i]];
	}
	free(order);
	free(ft->rows);
	free(ft->owner);
	free(ft->line);
	memset(ft, 0, sizeof *ft);
	install_facts(b, k, n, off, rows, line);
}
