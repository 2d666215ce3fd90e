/*
 * life_episodes.c - what happens within enrolments besides the career's
 * events (truancy, short spells, sickness, suspensions, a second enrolment,
 * extra leave), and the exemptions that shape a whole childhood (5b and 5c,
 * one per school year).
 */
#include <math.h>

#include "life_sim.h"
#include "years.h"

/* ---- small episodes within enrolments ----------------------------------- */

void small_episodes(sim *s)
{
	size_t n_enr = s->L->n_enr;
	for (size_t i = 0; i < n_enr; i++) {
		enrolment e = s->L->enr[i];
		/* Only what matters for counting in the window: from two months
		 * before it (the long episodes of walk() start earlier). */
		day_t from = max_day(e.van, s->c->window - 60), to = min_day(e.tot, min_day(s->c->stand, s->end));
		if (from >= to)
			continue;
		const holiday_calendar *cal = cal_of_school(s, e.school);
		int soort = s->r->school[e.school].soort;
		double years = (double)(to - from) / YEAR;
		/* weekly truancy: the same one or two weekdays for some weeks */
		for (int k = rng_poisson(s->rng, P.truancy[soort] * sqrt(s->f_lrv) * years); k > 0; k--) {
			day_t d0 = rng_range(s->rng, from, to);
			int weeks = rng_range(s->rng, 3, 10);
			if (busy(s, d0, d0 + weeks * 7))
				continue;
			int wd1 = rng_range(s->rng, 1, 5), wd2 = rng_chance(s->rng, 0.4) ? rng_range(s->rng, 1, 5) : 0;
			int32_t hours = 0;
			day_t first = DAY_NONE;
			for (day_t d = d0; d < d0 + weeks * 7 && d <= to; d++) {
				if ((weekday(d) != wd1 && weekday(d) != wd2) || !is_school_day(cal, d))
					continue;
				int32_t uren = rng_chance(s->rng, 0.5) ? day_hours(s, e.school) : rng_range(s->rng, 2, 8) * 50;
				if (d > s->c->stand)
					break;
				PUSH(s->L, abs, (absence){d, d, e.school, uren, VZ_ONGEOORLOOFD});
				hours += uren;
				if (first == DAY_NONE)
					first = d;
			}
			if (first != DAY_NONE && hours > 1600)
				add_melding(s, e.school, first, MS_RELATIEF, 25);
			mark_busy(s, d0, d0 + weeks * 7);
		}
		/* a few days of unauthorised absence in a row */
		for (int k = rng_poisson(s->rng, P.spell * s->f_lrv * years); k > 0; k--) {
			day_t a = school_day_from(cal, rng_range(s->rng, from, to));
			day_t b = school_days_after(cal, a, rng_range(s->rng, 1, 12));
			if (b > to || busy(s, a, b))
				continue;
			add_absence(s, e.school, VZ_ONGEOORLOOFD, a, b, rng_chance(s->rng, 0.5) ? 0 : 1);
			if (b - a > 5)
				add_melding(s, e.school, a, MS_RELATIEF, P.melding_delay);
			mark_busy(s, a, b);
		}
		/* sickness: single spells, and the frequent-sickness pattern */
		for (int k = rng_poisson(s->rng, P.sick_short * years); k > 0; k--) {
			day_t a = school_day_from(cal, rng_range(s->rng, from, to));
			day_t b = school_days_after(cal, a, rng_range(s->rng, 0, 6));
			if (b > to || busy(s, a, b))
				continue;
			add_absence(s, e.school, VZ_ZIEK, a, b, 0);
			mark_busy(s, a, b);
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
			day_t a = school_day_from(cal, rng_range(s->rng, from, to));
			day_t b = school_days_after(cal, a, rng_range(s->rng, 0, 4));
			if (b > to || busy(s, a, b))
				continue;
			add_absence(s, e.school, VZ_SCHORSING, a, b, rng_chance(s->rng, 0.7) ? 0 : 1);
			if (rng_chance(s->rng, 0.4))
				PUSH(s->L, meld, (melding){a + rng_range(s->rng, 0, 2), a, e.school, GEN_MELDING[MS_SCHORSING]});
			mark_busy(s, a, b);
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
			day_t a = school_day_from(cal, rng_range(s->rng, from, to));
			day_t b = school_days_after(cal, a, rng_range(s->rng, 0, 9));
			if (b > to || busy(s, a, b))
				continue;
			add_absence(s, e.school, VZ_GEOORLOOFD, a, b, 0);
			if (rng_chance(s->rng, 0.25)) {
				day_t aan = a - rng_range(s->rng, 10, 60);
				add_vrij(s, rng_chance(s->rng, 0.7) ? "11g" : "11f", aan, a, b, aan + 5, VS_VERLEEND);
			}
			mark_busy(s, a, b);
		}
	}
}

/* ---- exemptions that shape a whole childhood ---------------------------- */

/* One exemption per school year from `first` (a day) while the child is of
 * age, for grond 5b or 5c. */
void yearly_exemptions(sim *s, const char *grond, day_t first)
{
	day_t until = min_day(s->adult - 1, s->gone == DAY_OPEN ? DAY_OPEN - 1 : s->gone - 1);
	for (int y = school_year(first); aug1(y) <= until && aug1(y) <= s->c->stand + 200; y++) {
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
