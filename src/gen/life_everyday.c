/*
 * life_everyday.c - everyday absence in the detail years (the last school
 * year of the history, from the June before it): sick days, going home sick, appointments, leave and
 * skipped lessons, as a school records them - in days, hours and lesuren. A
 * pupil's share of school time absent is lognormal between pupils (some are
 * absent much more than others, year after year) and varies from year to
 * year; it is what makes the Kearney tiers and the sick signals of SPEC 7.1
 * (docs/generator.md shows the fit).
 */
#include <math.h>

#include "life_sim.h"
#include "years.h"

int32_t lesuren(int n)
{
	/* 50 minutes each, in hundredths of an hour: 5/6 of 100, to two decimals */
	return (int32_t)((n * 250 + 1) / 3);
}

/* How long a row of each kind is on average, in school days of 5 hours
 * (for the count); a sick spell's mean is sick_mean(). */
static double mean_days(int kind, double sick)
{
	static const double mean[EVERYDAY_COUNT] = {0.0, 0.55, 0.35, 1.7, 0.35};
	return kind == EVERYDAY_SICK ? sick : mean[kind];
}

/* The mean length of a sick spell in school days: 2.6 for the median pupil;
 * a pupil absent much more is ill for longer rather than (only) more often,
 * so the number of spells grows as the square root of the share. */
static double sick_mean(double share)
{
	double f = share / P.absence_median;
	double m = 2.6 * sqrt(f > 1.0 ? f : 1.0);
	return m < 5.0 ? m : 5.0;
}

/* Hours of a partial day: lesuren in secondary and vocational education,
 * hours and half hours in primary. */
static int32_t part_hours(sim *s, bool po, int lo, int hi)
{
	return po ? (int32_t)rng_range(s->rng, 2 * lo, 2 * hi) * 50 : lesuren(rng_range(s->rng, lo, hi));
}

/* Days of [a, b] taken by the career's episodes or by everyday absence
 * already drawn (one byte a day; a school year has at most 366 days). */
typedef struct taken {
	day_t a;
	uint8_t day[366];
} taken;

static bool take(taken *t, day_t van, day_t tot)
{
	for (day_t d = van; d <= tot; d++)
		if (t->day[d - t->a])
			return false;
	for (day_t d = van; d <= tot; d++)
		t->day[d - t->a] = 1;
	return true;
}

/* One school year's piece [a, b] of an enrolment. */
static void year_piece(sim *s, const enrolment *e, const holiday_calendar *cal, day_t a, day_t b)
{
	int32_t days = school_days(cal, a, b);
	if (days <= 0)
		return;
	taken t = {.a = a};
	for (size_t i = 0; i < s->L->n_busy; i++) {
		const day_range *r = &s->L->busy[i];
		for (day_t d = max_day(r->from, a); d <= min_day(r->to, b); d++)
			t.day[d - a] = 1;
	}
	int soort = s->r->school[e->school].soort;
	bool po = soort_sector(soort) == SECTOR_PO;
	double share = P.absence_median * s->proneness * rng_lognormal(s->rng, 1.0, P.absence_sigma_year) *
		       P.absence_soort[soort];
	if (share > 0.5)
		share = 0.5;
	double absent = share * days, sick = sick_mean(share);
	for (int kind = 0; kind < EVERYDAY_COUNT; kind++) {
		double want = absent * P.absence_mix[kind] / mean_days(kind, sick);
		if (kind == EVERYDAY_SKIP)
			want = s->skipper ? want / P.skipper * (po ? 0.25 : 1.0) : 0.0;
		for (int k = rng_poisson(s->rng, want); k > 0; k--) {
			day_t van = school_day_from(cal, rng_range(s->rng, a, b));
			if (van > b)
				continue;
			day_t tot = van;
			int32_t uren = -1;
			uint8_t vz = VZ_ZIEK;
			switch (kind) {
			case EVERYDAY_SICK: tot = school_days_after(cal, van, rng_poisson(s->rng, sick - 1.0)); break;
			case EVERYDAY_SICK_HOURS: uren = part_hours(s, po, 2, 4); break;
			case EVERYDAY_APPOINTMENT:
				uren = part_hours(s, po, 1, 3);
				vz = VZ_GEOORLOOFD;
				break;
			case EVERYDAY_LEAVE:
				tot = school_days_after(cal, van, rng_range(s->rng, 0, 2));
				vz = VZ_GEOORLOOFD;
				break;
			default:
				uren = part_hours(s, po, 1, 3);
				vz = VZ_ONGEOORLOOFD;
				break;
			}
			if (tot > b || !take(&t, van, tot))
				continue;
			PUSH(s->L, abs, (absence){van, tot, e->school, uren, vz});
		}
	}
}

void everyday_absence(sim *s, const enrolment *e, day_t from, day_t to)
{
	const holiday_calendar *cal = cal_of_school(s, e->school);
	for (int y = school_year(from); aug1(y) <= to; y++)
		year_piece(s, e, cal, max_day(from, aug1(y)), min_day(to, jul31(y + 1)));
}
