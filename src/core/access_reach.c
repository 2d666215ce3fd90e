/*
 * access_reach.c - access by period of responsibility (SPEC 2; issue 11): the
 * days on which a scope is responsible for a pupil (its reach), and which
 * schools, enrolments and offers a reader may see within it. Whether a write
 * would widen the reach: access_write.c. See access.h.
 */
#include "access.h"

#include <stdlib.h>

#include "../util/alloc.h"

void reach_free(reach *r)
{
	free(r->p);
	*r = (reach){0};
}

void reach_add(reach *r, day_t van, day_t tot)
{
	if (r->n && r->p[r->n - 1].tot != DAY_OPEN && r->p[r->n - 1].tot + 1 == van) {
		r->p[r->n - 1].tot = tot;
		return;
	}
	r->p = xgrow(r->p, &r->cap, r->n + 1, sizeof *r->p);
	r->p[r->n++] = (period){van, tot};
}

/* The first day anything is known of pupil p: its birth, or an earlier fact. */
static day_t first_known(const dataset *ds, uint32_t p)
{
	day_t d = PUPIL_AT(ds, p).geboortedatum;
	const residence *r = PUPIL_FACTS(ds, F_RESIDENCE, res, p);
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_RESIDENCE, p); i < n_facts; i++)
		if (r[i].van < d)
			d = r[i].van;
	const enrolment *e = PUPIL_FACTS(ds, F_ENROLMENT, enr, p);
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_ENROLMENT, p); i < n_facts; i++)
		if (e[i].van < d)
			d = e[i].van;
	return d;
}

/* The walk over the stretches of constant classification (classify_next_change)
 * decides each stretch with access_sees_pupil, the one rule for a day: so the
 * reach and the answer on a peildatum cannot disagree. */
void access_reach(const dataset *ds, const scope_set *s, uint32_t p, reach *out)
{
	*out = (reach){0};
	if (!role_sees_pupils(s->rol))
		return;
	day_t d = first_known(ds, p);
	while (d != DAY_OPEN && d != DAY_NONE) {
		classification c;
		classify(ds, p, d, &c);
		day_t next = classify_next_change(ds, p, &c);
		if (next != DAY_OPEN && next <= d)
			next = d + 1; /* never stand still */
		if (access_sees_pupil(ds, s, p, &c))
			reach_add(out, d, next == DAY_OPEN ? DAY_OPEN : next - 1);
		d = next;
	}
}

bool reach_has(const reach *r, day_t d)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->p[i].van <= d && d <= r->p[i].tot)
			return true;
	return false;
}

bool reach_overlaps(const reach *r, day_t van, day_t tot)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->p[i].van <= tot && van <= r->p[i].tot)
			return true;
	return false;
}

day_t reach_first_gap(const reach *r, day_t van, day_t tot)
{
	day_t d = van;
	for (;;) {
		bool moved = false;
		for (size_t i = 0; i < r->n; i++)
			if (r->p[i].van <= d && d <= r->p[i].tot) {
				if (r->p[i].tot == DAY_OPEN || r->p[i].tot >= tot)
					return DAY_NONE;
				d = r->p[i].tot + 1;
				moved = true;
			}
		if (!moved)
			return d;
	}
}

/* ---- what a reader sees ---------------------------------------------------- */

static bool reader_sees_days(const access_reader *rd, day_t van, day_t tot)
{
	return !rd || !rd->reach || reach_overlaps(rd->reach, van == DAY_NONE ? tot : van, tot == DAY_NONE ? DAY_OPEN : tot);
}

bool access_names_school(const dataset *ds, const access_reader *rd, int32_t sc)
{
	if (!rd || sc == NO_REF)
		return true;
	switch (rd->set->rol) {
	case ROLE_SCHOOL: return rd->set->school[sc];
	case ROLE_SWV: return ds->schools[sc].swv != NO_REF && rd->set->swv[ds->schools[sc].swv];
	default: return true;
	}
}

bool access_sees_enrolment(const dataset *ds, const access_reader *rd, const enrolment *e)
{
	return access_names_school(ds, rd, e->school) && reader_sees_days(rd, e->van, e->tot);
}

bool access_sees_aanbod(const access_reader *rd, const aanbod *a)
{
	return reader_sees_days(rd, a->datum, a->plaats_per == DAY_NONE ? DAY_OPEN : a->plaats_per);
}

/* ---- rows clipped to the reader's periods ----------------------------------- */

bool access_clips(const access_reader *rd, table_id t)
{
	if (!rd || !rd->reach)
		return false;
	switch (t) {
	case T_WOONADRESSEN:
	case T_INSCHRIJVINGEN:
	case T_VERZUIM: return !access_writes_by_place(rd->set->rol, t);
	case T_VRIJSTELLINGEN: return rd->set->rol != ROLE_LEERPLICHT; /* leerplicht decides them */
	default: return false;
	}
}

bool access_clip(const access_reader *rd, day_t *van, day_t *tot)
{
	day_t from = DAY_NONE, to = DAY_NONE;
	for (size_t i = 0; i < rd->reach->n; i++) {
		const period *q = &rd->reach->p[i];
		if (q->van > *tot || *van > q->tot)
			continue;
		day_t a = q->van > *van ? q->van : *van, b = q->tot < *tot ? q->tot : *tot;
		if (from == DAY_NONE || a < from)
			from = a;
		if (to == DAY_NONE || b > to)
			to = b;
	}
	if (from == DAY_NONE || (from == *van && to == *tot))
		return false;
	*van = from;
	*tot = to;
	return true;
}
