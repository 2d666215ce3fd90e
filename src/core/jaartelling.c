/*
 * jaartelling.c - the school-year count of SPEC 8.1: one pupil's school year
 * from its stretches of constant classification, and the count per gebied.
 */
#include "jaartelling.h"

#include <stdio.h>
#include <stdlib.h>

#include "../util/alloc.h"

const jaar_regel_desc JAAR_REGELS[JR_COUNT] = {
	[JR_AV] = {"AV", true, "Absoluut verzuim"},
	[JR_LRV] = {"LRV", true, "Langdurig relatief verzuim"},
	[JR_LANGDURIG_ZIEK] = {"LANGDURIG_ZIEK", true, "Langdurig ziek"},
	[JR_VRIJSTELLING_5A] = {"VRIJSTELLING_5A", false, "Vrijstelling 5a (tijdelijk of permanent)"},
	[JR_VRIJSTELLING_5B] = {"VRIJSTELLING_5B", false, "Vrijstelling 5b"},
	[JR_VRIJSTELLING_5C] = {"VRIJSTELLING_5C", false, "Vrijstelling 5c"},
};

const char *const JAARTELLING_COLUMNS[6] = {"gebied", "schooljaar", "regel", "totaal", "langer_dan_3_maanden",
					    "opgelost"};

jaar_regel jaar_regel_of(categorie c)
{
	switch (c) {
	case CAT_AV: return JR_AV;
	case CAT_LRV: return JR_LRV;
	case CAT_LANGDURIG_ZIEK: return JR_LANGDURIG_ZIEK;
	case CAT_VRIJSTELLING_5A_TIJDELIJK:
	case CAT_VRIJSTELLING_5A_PERMANENT: return JR_VRIJSTELLING_5A;
	case CAT_VRIJSTELLING_5B: return JR_VRIJSTELLING_5B;
	case CAT_VRIJSTELLING_5C: return JR_VRIJSTELLING_5C;
	default: return JR_COUNT;
	}
}

day_t schooljaar_first(int y)
{
	return day_from_civil(y, 8, 1);
}

day_t schooljaar_last(int y)
{
	return day_from_civil(y + 1, 7, 31);
}

void schooljaar_text(int y, char out[10])
{
	snprintf(out, 10, "%04u/%04u", (unsigned)y % 10000u, (unsigned)(y + 1) % 10000u);
}

void jaar_pupil_init(jaar_pupil *jp)
{
	*jp = (jaar_pupil){0};
	for (int r = 0; r < JR_COUNT; r++) {
		jp->last[r] = DAY_NONE;
		jp->gemeente[r] = jp->swv[r] = NO_REF;
	}
}

void jaar_pupil_add(jaar_pupil *jp, const classification *c, day_t to)
{
	if (!c->in_scope)
		return;
	jaar_regel r = jaar_regel_of(c->cat);
	if (r == JR_COUNT)
		return;
	jp->counted |= (uint8_t)(1u << r);
	/* lang is constant over a stretch: three months from the startdatum is a
	 * day on which the classification may change. */
	if (c->lang && JAAR_REGELS[r].duur)
		jp->lang |= (uint8_t)(1u << r);
	jp->last[r] = to;
	jp->gemeente[r] = c->gemeente;
	jp->swv[r] = c->swv;
}

void jaar_pupil_close(jaar_pupil *jp, const classification *c)
{
	jp->opgelost = c && c->in_scope && c->enrolment >= 0 && (c->cat == CAT_GEEN || c->cat == CAT_DREIGEND);
}

size_t jaar_pupil_compute(const dataset *ds, uint32_t p, int y, jaar_pupil *jp)
{
	return jaar_pupil_span(ds, p, schooljaar_first(y), schooljaar_last(y), jp);
}

size_t jaar_pupil_span(const dataset *ds, uint32_t p, day_t first, day_t last, jaar_pupil *jp)
{
	jaar_pupil_init(jp);
	/* Out of its age for leerplicht and kwalificatieplicht a pupil is out of
	 * scope whatever else holds (SPEC 4 rule 1): those days need no look. */
	day_t from = AGES_AT(ds, p).from > first ? AGES_AT(ds, p).from : first;
	day_t to = AGES_AT(ds, p).to < last ? AGES_AT(ds, p).to : last;
	size_t n = 0;
	classification c;
	for (day_t d = from; d <= to;) {
		classify(ds, p, d, &c);
		n++;
		day_t next = classify_next_change(ds, p, &c);
		day_t end = next > to ? to : next - 1;
		jaar_pupil_add(jp, &c, end);
		d = end + 1;
	}
	jaar_pupil_close(jp, n && to == last ? &c : NULL);
	return n;
}

void jaartelling_init(jaartelling *t, const dataset *ds, view v, int schooljaar)
{
	t->view = v;
	t->schooljaar = schooljaar;
	t->n_gebieden = v == VIEW_GEMEENTE ? ds->n_gemeenten : ds->n_swvs;
	t->cells = xcalloc((t->n_gebieden ? t->n_gebieden : 1) * JR_COUNT, sizeof *t->cells);
}

void jaartelling_free(jaartelling *t)
{
	free(t->cells);
	t->cells = NULL;
}

void jaartelling_add(jaartelling *t, const jaar_pupil *jp)
{
	for (int r = 0; r < JR_COUNT; r++) {
		if (!(jp->counted & 1u << r))
			continue;
		int32_t g = t->view == VIEW_GEMEENTE ? jp->gemeente[r] : jp->swv[r];
		if (g == NO_REF)
			continue;
		jaar_cell *cell = &t->cells[(size_t)g * JR_COUNT + (size_t)r];
		cell->totaal++;
		if (jp->lang & 1u << r)
			cell->lang++;
		if (jp->opgelost && JAAR_REGELS[r].duur)
			cell->opgelost++;
	}
}

void jaartelling_merge(jaartelling *into, const jaartelling *from)
{
	for (size_t i = 0; i < into->n_gebieden * JR_COUNT; i++) {
		into->cells[i].totaal += from->cells[i].totaal;
		into->cells[i].lang += from->cells[i].lang;
		into->cells[i].opgelost += from->cells[i].opgelost;
	}
}

void jaartelling_value_of(const jaartelling *t, size_t gebied, jaar_regel r, jaar_value *out)
{
	const jaar_cell *cell = &t->cells[gebied * JR_COUNT + (size_t)r];
	*out = (jaar_value){.totaal = cell->totaal};
	if (JAAR_REGELS[r].duur) {
		out->has_lang = out->has_opgelost = true;
		out->lang = cell->lang;
		out->opgelost = cell->opgelost;
	}
}
