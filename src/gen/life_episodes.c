/*
 * life_episodes.c - what happens within enrolments besides the career's
 * events (weekly truancy in days or lesuren, short spells, sickness and the
 * MAZL pattern, suspensions, a second enrolment, extra leave, and everyday
 * absence in the detail years: life_everyday.c), and the exemptions that shape a whole childhood (5b and 5c,
 * one per school year).
 */
#include <math.h>

#include "life_sim.h"
#include "years.h"

/* ---- small episodes within enrolments ----------------------------------- */

/* Weekly truancy: the same one or two weekdays for some weeks - whole days,
 * or the same few lesuren (a pupil who skips Monday mornings). */
static void weekly_truancy(sim *s, const enrolment *e, const holiday_calendar *cal, day_t from, day_t to)
{
	day_t d0 = rng_range(s->rng, from, to);
	int weeks = rng_range(s->rng, 3, 10);
	if (busy(s, d0, d0 + weeks * 7))
		return;
	int wd1 = rng_range(s->rng, 1, 5), wd2 = rng_chance(s->rng, 0.4) ? rng_range(s->rng, 1, 5) : 0;
	bool po = soort_sector(s->r->school[e->school].soort) == SECTOR_PO;
	/* some lesuren (or hours in primary school), each week about the same */
	int block = rng_chance(s->rng, P.lesuur_share) ? rng_range(s->rng, 2, 4) : 0;
	for (day_t d = d0; d < d0 + weeks * 7 && d <= to; d++) {
		if ((weekday(d) != wd1 && weekday(d) != wd2) || !is_school_day(cal, d))
			continue;
		int32_t uren = day_hours(s, e->school);
		if (block) {
			int n = block + (rng_chance(s->rng, 0.25) ? rng_range(s->rng, -1, 1) : 0);
			uren = po ? (int32_t)(n > 1 ? n : 1) * 100 : lesuren(n > 1 ? n : 1);
		}
		PUSH(s->L, abs, (absence){d, d, e->school, uren, VZ_ONGEOORLOOFD});
	}
	mark_busy(s, d0, d0 + weeks * 7);
}

/* A spell at a school: from a school day drawn in [lo, hi], extra school
 * days more (drawn in [min_extra, max_extra]), recorded as one period or -
 * with chance 1 - whole - a period a week, and marked busy. None (from
 * DAY_NONE) when it would end after `to` or another episode takes its days. */
static day_range spell(sim *s, int32_t site, const holiday_calendar *cal, day_t lo, day_t hi, day_t to, int min_extra,
		       int max_extra, uint8_t soort, double whole)
{
	day_t a = school_day_from(cal, rng_range(s->rng, lo, hi));
	day_t b = school_days_after(cal, a, rng_range(s->rng, min_extra, max_extra));
	if (b > to || busy(s, a, b))
		return (day_range){DAY_NONE, DAY_NONE};
	add_absence(s, site, soort, a, b, whole >= 1.0 || rng_chance(s->rng, whole) ? 0 : 1);
	mark_busy(s, a, b);
	return (day_range){a, b};
}

void small_episodes(sim *s)
{
	/* How absent this child is, compared with the median pupil, and
	 * whether it skips lessons now and then (life_everyday.c). */
	s->proneness = rng_lognormal(s->rng, 1.0, P.absence_sigma);
	s->skipper = rng_chance(s->rng, P.skipper * (s->proneness < 2.0 ? s->proneness : 2.0) / 1.3);
	size_t n_enr = s->L->n_enr;
	for (size_t i = 0; i < n_enr; i++) {
		enrolment e = s->L->enr[i];
		/* Only what matters for counting in the window: from two months
		 * before it (the long episodes of walk() start earlier). */
		day_t from = max_day(e.van, s->c->window - 60), to = min_day(e.tot, s->end);
		if (from >= to)
			continue;
		const holiday_calendar *cal = cal_of_school(s, e.school);
		int soort = s->r->school[e.school].soort;
		double years = (double)(to - from) / YEAR;
		/* before the detail years: what is recorded of the shorter sickness */
		day_t detail = max_day(from, s->c->detail);
		double years_before = detail > from ? (double)(min_day(to, detail) - from) / YEAR : 0.0;
		for (int k = rng_poisson(s->rng, P.truancy[soort] * sqrt(s->f_lrv) * years); k > 0; k--)
			weekly_truancy(s, &e, cal, from, to);
		/* a few days of unauthorised absence in a row */
		for (int k = rng_poisson(s->rng, P.spell * s->f_lrv * years); k > 0; k--)
			spell(s, e.school, cal, from, to, to, 1, 12, VZ_ONGEOORLOOFD, 0.5);
		/* sickness: single spells (in the detail years everyday absence
		 * has them), spells past the 7th school day, and the
		 * frequent-sickness pattern (MAZL) */
		for (int k = rng_poisson(s->rng, P.sick_short * years_before); k > 0; k--)
			spell(s, e.school, cal, from, min_day(to, detail), to, 0, 6, VZ_ZIEK, 1.0);
		for (int k = rng_poisson(s->rng, P.sick_medium * years); k > 0; k--) {
			day_range r = spell(s, e.school, cal, from, to, to, 6, 18, VZ_ZIEK, 0.7);
			if (r.from != DAY_NONE && rng_chance(s->rng, 0.4))
				add_melding(s, e.school, r.from, MS_ZIEK, 12);
		}
		for (int k = rng_poisson(s->rng, P.mazl * years); k > 0; k--) {
			day_t a = rng_range(s->rng, from, to);
			if (busy(s, a, a + 84))
				continue;
			day_t d = a, first = DAY_NONE;
			for (int j = 0; j < 4 + (int)rng_below(s->rng, 3); j++) {
				day_t x = school_day_from(cal, d + rng_range(s->rng, 3, 20));
				day_t y = school_days_after(cal, x, rng_range(s->rng, 0, 2));
				if (y > to)
					break;
				add_absence(s, e.school, VZ_ZIEK, x, y, 0);
				if (first == DAY_NONE)
					first = x;
				d = y + 1;
			}
			if (first != DAY_NONE && rng_chance(s->rng, 0.5))
				add_melding(s, e.school, first, MS_ZIEK, 40);
			mark_busy(s, a, d);
		}
		/* suspensions of one to five days */
		for (int k = rng_poisson(s->rng, P.suspend[soort] * years); k > 0; k--) {
			day_range r = spell(s, e.school, cal, from, to, to, 0, 4, VZ_SCHORSING, 0.7);
			if (r.from != DAY_NONE && rng_chance(s->rng, 0.4))
				PUSH(s->L, meld,
				     (melding){r.from + rng_range(s->rng, 0, 2), r.from, e.school, GEN_MELDING[MS_SCHORSING]});
		}
		/* dual enrolment: part of the week at a second school (an SO
		 * arrangement next to the BAO, an mbo entree course next to VO) */
		if (rng_chance(s->rng, P.dual * years)) {
			static const uint8_t other[SOORT_COUNT] = {SOORT_SO, SOORT_SO, SOORT_BAO, SOORT_VSO, SOORT_VO, SOORT_MBO, SOORT_VO};
			uint8_t k = other[soort];
			if (soort == SOORT_VO && age_at(s, from) >= 15)
				k = SOORT_MBO;
			day_t a = rng_range(s->rng, from, to);
			day_t b = min_day(a + rng_range(s->rng, 60, 300), e.tot);
			int32_t gem = gem_at(s, a);
			if (b > a && gem >= 0)
				PUSH(s->L, enr, (enrolment){a, b, pick_school(s, k, gem)});
		}
		/* extra leave (art. 11): authorised absence, sometimes with a
		 * formal exemption for the days */
		for (int k = rng_poisson(s->rng, P.leave * years * 4); k > 0; k--) {
			day_range r = spell(s, e.school, cal, from, to, to, 0, 9, VZ_GEOORLOOFD, 1.0);
			if (r.from != DAY_NONE && rng_chance(s->rng, 0.25)) {
				day_t aan = r.from - rng_range(s->rng, 10, 60);
				add_vrij(s, rng_chance(s->rng, 0.7) ? "11g" : "11f", aan, r.from, r.to, aan + 5, VS_VERLEEND);
			}
		}
		if (detail < to)
			everyday_absence(s, &e, detail, to);
	}
}

/* ---- exemptions that shape a whole childhood ---------------------------- */

/* One exemption per school year from `first` (a day) while the child is of
 * age, for grond 5b or 5c. */
void yearly_exemptions(sim *s, const char *grond, day_t first)
{
	day_t until = min_day(s->adult - 1, s->gone == DAY_OPEN ? DAY_OPEN - 1 : s->gone - 1);
	for (int y = school_year(first); aug1(y) <= until && aug1(y) <= s->c->horizon + 200; y++) {
		day_t van = max_day(first, aug1(y)), tot = min_day(jul31(y + 1), until);
		if (tot < s->c->history - 400)
			continue;
		day_t aanvraag, besluit;
		if (grond[1] == 'c' && rng_chance(s->rng, P.v5c_late) && van == aug1(y)) {
			/* asked for after the school year had begun */
			aanvraag = van + rng_range(s->rng, 10, 110);
			van = aanvraag;
			besluit = aanvraag + rng_range(s->rng, 7, 70);
		} else {
			aanvraag = van - rng_range(s->rng, 20, 75);
			/* most are decided within weeks, some take months */
			besluit = aanvraag + (rng_chance(s->rng, 0.1) ? rng_range(s->rng, 60, 160) : rng_range(s->rng, 5, 50));
		}
		if (van > tot)
			continue;
		add_vrij(s, grond, aanvraag, van, tot, besluit, VS_VERLEEND);
	}
}
