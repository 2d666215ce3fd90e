/*
 * life_facts.c - the building blocks of a simulated life: school days and
 * the busy days of a life, choosing a school, and recording the facts a
 * registry would hold (enrolments, absence as a school reports it, meldingen,
 * offers, exemptions).
 */
#include <string.h>

#include "../core/leerplicht.h"
#include "life_sim.h"

/* ---- days, and the busy days of a life ----------------------------------- */

const holiday_calendar *cal_of_school(const sim *s, int32_t site)
{
	const ref_school *sc = &s->r->school[site];
	return &s->c->hol->cal[s->r->gem[sc->gem].regio];
}

day_t school_day_from(const holiday_calendar *cal, day_t d)
{
	/* within 120 days (there always is one), else 120 days on */
	day_t x = first_school_day(cal, d, d + 119);
	return x == DAY_NONE ? d + 120 : x;
}

day_t school_day_until(const holiday_calendar *cal, day_t d)
{
	for (int i = 0; i < 120 && !is_school_day(cal, d); i++)
		d--;
	return d;
}

/* The n-th school day after d (n >= 0; 0 gives the first on or after d). */
day_t school_days_after(const holiday_calendar *cal, day_t d, int n)
{
	d = school_day_from(cal, d);
	while (n-- > 0)
		d = school_day_from(cal, d + 1);
	return d;
}

int age_at(const sim *s, day_t d)
{
	return age_on(day_from_civil(s->bc.year, s->bc.month, s->bc.day), d);
}

bool busy(const sim *s, day_t van, day_t tot)
{
	for (size_t i = 0; i < s->L->n_busy; i++)
		if (s->L->busy[i].from <= tot && van <= s->L->busy[i].to)
			return true;
	return false;
}

void mark_busy(sim *s, day_t van, day_t tot)
{
	PUSH(s->L, busy, (day_range){van, tot});
}

int32_t gem_at(const sim *s, day_t d)
{
	for (size_t i = 0; i < s->L->n_res; i++)
		if (s->L->res[i].van <= d && d <= s->L->res[i].tot)
			return s->L->res[i].gemeente;
	return -1;
}

/* The first day after d on which the residence gemeente differs from that on d. */
day_t next_move(const sim *s, day_t d)
{
	int32_t here = gem_at(s, d);
	day_t best = DAY_OPEN;
	for (size_t i = 0; i < s->L->n_res; i++) {
		const residence *r = &s->L->res[i];
		if (r->van > d && r->gemeente != here && r->van < best)
			best = r->van;
	}
	return best;
}

/* ---- school choice ------------------------------------------------------ */

static int32_t pick_in(const sim *s, const ref_gemeente *g, int soort)
{
	return g->schools[soort][rng_pick_cum(s->rng, g->cum[soort], g->n_schools[soort])];
}

/* A school of this kind for a child living in gemeente gem: mostly in the
 * gemeente itself, otherwise in one of the nearest that has one. */
int32_t pick_school(sim *s, int soort, int32_t gem)
{
	const ref *r = s->r;
	if (gem < 0)
		gem = s->home;
	const ref_gemeente *g = &r->gem[gem];
	static const double stay[SOORT_COUNT] = {0.94, 0.6, 0.5, 0.72, 0.45, 0.55, 0.65};
	if (g->n_schools[soort] && rng_chance(s->rng, stay[soort]))
		return pick_in(s, g, soort);
	if (s->c->only) {
		/* A region: a school elsewhere in it, by size. */
		double total = 0;
		for (size_t i = 0; i < s->c->n_only; i++) {
			const ref_gemeente *o = &r->gem[s->c->only[i]];
			total += o->n_schools[soort] ? o->cum[soort][o->n_schools[soort] - 1] : 0;
		}
		double x = rng_unit(s->rng) * total;
		for (size_t i = 0; i < s->c->n_only && total > 0; i++) {
			const ref_gemeente *o = &r->gem[s->c->only[i]];
			double w = o->n_schools[soort] ? o->cum[soort][o->n_schools[soort] - 1] : 0;
			if (x < w)
				return pick_in(s, o, soort);
			x -= w;
		}
	}
	int32_t first = -1;
	for (int k = 0; k < NEAR_GEMEENTEN; k++) {
		const ref_gemeente *nb = &r->gem[g->near[k]];
		if (!nb->n_schools[soort])
			continue;
		if (first < 0)
			first = g->near[k];
		if (rng_chance(s->rng, 0.45))
			return pick_in(s, nb, soort);
	}
	if (first >= 0)
		return pick_in(s, &r->gem[first], soort);
	if (g->n_schools[soort])
		return pick_in(s, g, soort);
	/* Nothing close: the nearest gemeente in the country that has one. */
	double best = 1e18;
	int32_t at = -1;
	for (size_t o = 0; o < r->n_gem; o++) {
		if (!r->gem[o].n_schools[soort])
			continue;
		double dy = r->gem[o].lat - g->lat, dx = (r->gem[o].lon - g->lon) * 0.61;
		if (dx * dx + dy * dy < best)
			best = dx * dx + dy * dy, at = (int32_t)o;
	}
	if (at >= 0)
		return pick_in(s, &r->gem[at], soort);
	return pick_in(s, g, SOORT_BAO); /* unreachable with the real data */
}

/* ---- facts -------------------------------------------------------------- */

void open_enrolment(sim *s, int32_t site, day_t van)
{
	PUSH(s->L, enr, (enrolment){van, DAY_OPEN, site});
	s->enr = (int32_t)s->L->n_enr - 1;
}

void close_enrolment(sim *s, day_t tot)
{
	if (s->enr < 0)
		return;
	enrolment *e = &s->L->enr[s->enr];
	e->tot = tot < e->van ? e->van : tot;
	s->enr = -1;
}

int32_t current_school(const sim *s)
{
	return s->enr >= 0 ? s->L->enr[s->enr].school : -1;
}

/* Hours of a school day: 5.5 in primary, 6 in secondary education. */
int32_t day_hours(const sim *s, int32_t site)
{
	return soort_sector(s->r->school[site].soort) == SECTOR_PO ? 550 : 600;
}

/* Record absence from van to tot (school days) at a school, as a school
 * would: one period, a period per week, or periods between holidays. All
 * three form one run under SPEC 4. What lies after the horizon is not
 * simulated: a period going on past it ends the day after (finalize()
 * leaves it open). */
void add_absence(sim *s, int32_t site, uint8_t soort, day_t van, day_t tot, int style)
{
	const holiday_calendar *cal = cal_of_school(s, site);
	if (tot > s->c->horizon)
		tot = s->c->horizon + 1;
	if (van > tot)
		return;
	if (style == 0 || tot - van < 7) {
		int32_t uren = -1;
		if (tot == van && soort != VZ_ZIEK)
			uren = (int32_t)rng_range(s->rng, 2, 12) * 50;
		PUSH(s->L, abs, (absence){van, tot, site, uren, soort});
		return;
	}
	day_t d = van;
	while (d <= tot) {
		d = school_day_from(cal, d);
		if (d > tot)
			break;
		day_t e = d;
		int days = 1;
		if (style == 1) {
			/* until Friday of this week */
			while (e + 1 <= tot && weekday(e + 1) <= 5 && is_school_day(cal, e + 1))
				e++, days++;
		} else {
			/* until the day before the next holiday day */
			while (e + 1 <= tot && !is_holiday(cal, e + 1))
				e++;
			e = school_day_until(cal, e);
			days = 0;
		}
		int32_t uren = style == 1 ? days * day_hours(s, site) : -1;
		PUSH(s->L, abs, (absence){d, e, site, uren, soort});
		d = e + 1;
	}
}

void add_melding(sim *s, int32_t site, day_t eerste, uint8_t soort, double delay_median)
{
	if (rng_chance(s->rng, P.melding_missing))
		return;
	day_t datum = eerste + (day_t)rng_lognormal(s->rng, delay_median, 0.8);
	if (datum < eerste)
		datum = eerste;
	PUSH(s->L, meld, (melding){datum, eerste, site, GEN_MELDING[soort]});
}

/* An offer during a case from `start`; `resolved` is when the child is back
 * at school (DAY_OPEN: not within the simulation). */
void add_aanbod(sim *s, day_t start, day_t resolved, double p)
{
	if (!rng_chance(s->rng, p))
		return;
	day_t datum = start + rng_range(s->rng, 14, 80);
	if (resolved != DAY_OPEN && datum >= resolved)
		datum = resolved - rng_range(s->rng, 1, 10);
	if (datum < start)
		datum = start;
	day_t plaats = DAY_NONE;
	if (resolved != DAY_OPEN) {
		plaats = resolved;
		if (rng_chance(s->rng, 0.12)) /* a place was there before the child took it */
			plaats = max_day(datum, resolved - rng_range(s->rng, 5, 40));
	} else if (rng_chance(s->rng, 0.35)) {
		plaats = datum + rng_range(s->rng, 20, 120);
	}
	if (plaats != DAY_NONE && plaats < datum)
		plaats = datum;
	static const double kinds[3] = {0.6, 0.1, 0.3};
	PUSH(s->L, aan, (aanbod){datum, plaats, (uint8_t)rng_pick(s->rng, kinds, 3)});
}

static bool vrij_free(const sim *s, day_t van, day_t tot)
{
	for (size_t i = 0; i < s->L->n_vrij; i++) {
		const vrijstelling *v = &s->L->vrij[i].fact;
		if (v->status == VS_VERLEEND && v->van <= tot && van <= v->tot)
			return false;
	}
	return true;
}

void add_vrij(sim *s, const char *grond, day_t aanvraag, day_t van, day_t tot, day_t besluit, uint8_t status)
{
	if (status == VS_VERLEEND && !vrij_free(s, van, tot))
		return;
	g_vrij v = {.fact = {.aanvraag = aanvraag, .van = van, .tot = tot, .status = status}, .besluit = besluit};
	memcpy(v.fact.grond, grond, strlen(grond) < 3 ? strlen(grond) : 3);
	PUSH(s->L, vrij, v);
}
