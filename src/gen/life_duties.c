/*
 * life_duties.c - what a school reports and records, and how late: the
 * meldingen of the reporting duty of 16 hours of unauthorised absence in four
 * lesweken (Leerplichtwet art. 21, SPEC 7.1), found from the life's own
 * absence as the school would see it, and the days a school takes to record
 * an enrolment or a de-registration. Both depend on the school's discipline
 * (ref.h): most report within days and record at once, some late, a few
 * never report; and a few schools record no absence at all for some weeks.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/sort.h"
#include "life_sim.h"
#include "years.h"

enum { DUTY_HOURS = 1600, DUTY_DAYS = 28, REACH = 100 }; /* the terms of SPEC 7.1 */

static int by_van(const void *a, const void *b)
{
	const absence *x = a, *y = b;
	return x->van < y->van ? -1 : x->van > y->van;
}

/* Days from the moment a report is due to the report; -1 when the school
 * never makes it. Reports are made on weekdays. */
static day_t report_delay(sim *s, int32_t site, day_t due)
{
	int k = s->r->school[site].discipline;
	if (rng_chance(s->rng, P.report_never[k]))
		return -1;
	day_t delay = rng_chance(s->rng, P.report_soon[k] / (1.0 - P.report_never[k]))
			      ? (day_t)rng_exp(s->rng, 1.0)
			      : 5 + (day_t)rng_lognormal(s->rng, P.report_late, 0.8);
	while (weekday(due + delay) > 5)
		delay++;
	return delay;
}

/* One report of a duty due on day `due`, for absence since `eerste`. Returns
 * its date, or DAY_NONE when it is never made. */
static day_t report(sim *s, int32_t site, day_t due, day_t eerste, uint8_t soort)
{
	day_t delay = report_delay(s, site, due);
	if (delay < 0)
		return DAY_NONE;
	PUSH(s->L, meld, (melding){due + delay, eerste, site, GEN_MELDING[soort]});
	return due + delay;
}

/*
 * The school's view, day by day: the unauthorised hours of every school day
 * (a row's hours spread over its school days, 5 a day without hours), summed
 * over the window of four lesweken. Where the sum reaches 16 hours a report
 * is due, for the absence since the first day in the window with hours. One
 * report per episode (the days on which the sum stays at 16 or more), and
 * once more when the pupil has been absent every school day of four
 * lesweken and the first report no longer covers the window (or was never
 * made): a report of langdurig relatief verzuim, for the absence since the
 * episode began.
 */
void report_duties(sim *s)
{
	life *L = s->L;
	/* At most this many hours (5 a calendar day without uren): most
	 * pupils who skip a lesson now and then never come near 16. */
	size_t n = 0;
	int64_t most = 0;
	for (size_t i = 0; i < L->n_abs; i++)
		if (L->abs[i].soort == VZ_ONGEOORLOOFD) {
			const absence *a = &L->abs[i];
			n++;
			most += a->uren >= 0 ? a->uren : 500 * (int64_t)(a->tot - a->van + 1);
		}
	if (most < DUTY_HOURS)
		return;
	absence *rows = xmalloc(n * sizeof *rows);
	n = 0;
	for (size_t i = 0; i < L->n_abs; i++)
		if (L->abs[i].soort == VZ_ONGEOORLOOFD)
			rows[n++] = L->abs[i];
	sort_array(rows, n, sizeof *rows, by_van);
	day_t d0 = rows[0].van, d1 = d0;
	for (size_t i = 0; i < n; i++)
		d1 = max_day(d1, rows[i].tot);
	d1 = min_day(d1 + DUTY_DAYS + 14, s->c->horizon);
	if (d1 < d0) {
		free(rows);
		return;
	}
	/* hours a day, then running sums (hours[k] for day d0 + k) */
	size_t span = (size_t)(d1 - d0 + 1);
	L->day_hours = xgrow(L->day_hours, &L->cap_day_hours, 3 * span + 2, sizeof *L->day_hours);
	int32_t *hours = L->day_hours, *sum = hours + span, *absent = sum + span + 1;
	memset(hours, 0, (3 * span + 2) * sizeof *hours);
	for (size_t i = 0; i < n; i++) {
		const holiday_calendar *cal = cal_of_school(s, rows[i].school);
		day_t tot = min_day(rows[i].tot, d1);
		int32_t days = school_days(cal, rows[i].van, tot);
		if (days <= 0)
			continue;
		int32_t each = rows[i].uren < 0 ? 500 : rows[i].uren / days, rest = rows[i].uren < 0 ? 0 : rows[i].uren % days;
		for (day_t d = first_school_day(cal, rows[i].van, tot); d != DAY_NONE; d = first_school_day(cal, d + 1, tot)) {
			hours[d - d0] += each + (rest > 0 ? 1 : 0);
			rest--;
		}
	}
	/* running sums of the hours and of the days with hours */
	for (size_t k = 0; k < span; k++) {
		sum[k + 1] = sum[k] + hours[k];
		absent[k + 1] = absent[k] + (hours[k] > 0);
	}
	if (sum[span] < DUTY_HOURS) {
		free(rows);
		return;
	}

	size_t r = 0; /* rows[r - 1]: the last row started by day d, its school reports */
	bool in_episode = false;
	int decisions = 0;
	day_t reported = DAY_NONE, episode_start = DAY_NONE, episode_first = DAY_NONE;
	size_t first = 0; /* the first day (index) with hours at or after the window's start */
	for (day_t d = d0; d <= d1; d++) {
		while (r < n && rows[r].van <= d)
			r++;
		/* A window of four lesweken spans at most 28 days and a summer
		 * holiday: with fewer than 16 hours in the last REACH days there
		 * is nothing to see (and no episode goes on). */
		if (weekday(d) > 5 || sum[d - d0 + 1] - sum[max_day(d - REACH, d0) - d0] < DUTY_HOURS) {
			in_episode = in_episode && weekday(d) > 5;
			continue;
		}
		/* Nothing left to decide in this episode: it goes on while the
		 * last 28 days (never more than the window) hold 16 hours. */
		if (in_episode && decisions == 2 && sum[d - d0 + 1] - sum[max_day(d - DUTY_DAYS + 1, d0) - d0] >= DUTY_HOURS)
			continue;
		int32_t site = rows[r - 1].school;
		const holiday_calendar *cal = cal_of_school(s, site);
		if (!is_school_day(cal, d))
			continue;
		day_t ws = max_day(window_start(cal, d, DUTY_DAYS), d0);
		int32_t total = sum[d - d0 + 1] - sum[ws - d0];
		if (total < DUTY_HOURS) {
			in_episode = false;
			continue;
		}
		if (first < (size_t)(ws - d0))
			first = (size_t)(ws - d0);
		while (!hours[first])
			first++;
		day_t since = d0 + (day_t)first;
		if (!in_episode) {
			in_episode = true;
			decisions = 1;
			episode_start = d;
			episode_first = since;
			reported = report(s, site, d, since, MS_RELATIEF);
		} else if (decisions == 1 && absent[d - d0 + 1] - absent[ws - d0] == school_days(cal, ws, d) &&
			   (reported != DAY_NONE ? since > reported : elapsed_days(cal, episode_start, d) >= DUTY_DAYS)) {
			/* absent every school day of four lesweken: langdurig */
			decisions = 2;
			report(s, site, d, episode_first, MS_LANGDURIG);
		}
	}
	free(rows);
}

/* The part [van, tot] of row a, on its school days, with its share of the
 * row's hours; false when that part holds no school day. */
static bool row_part(const holiday_calendar *cal, const absence *a, int32_t all, day_t van, day_t tot,
		     absence *part)
{
	*part = *a;
	part->van = school_day_from(cal, van);
	part->tot = tot == DAY_OPEN ? DAY_OPEN : school_day_until(cal, tot);
	if (part->van > tot || part->tot < part->van)
		return false;
	if (a->uren >= 0)
		part->uren = (int32_t)((int64_t)a->uren * school_days(cal, part->van, part->tot) / all);
	return true;
}

void unrecorded_absence(sim *s)
{
	life *L = s->L;
	day_t aug = aug1(school_year(s->c->horizon));
	size_t n = L->n_abs;
	for (size_t i = 0; i < n; i++) {
		const ref_school *sc = &s->r->school[L->abs[i].school];
		if (!sc->unrecorded_days)
			continue;
		day_t u0 = aug + sc->unrecorded_from, u1 = u0 + sc->unrecorded_days - 1;
		absence a = L->abs[i];
		if (a.tot < u0 || a.van > u1)
			continue;
		/* What lies before and after the weeks without records. */
		const holiday_calendar *cal = cal_of_school(s, a.school);
		int32_t all = a.uren >= 0 ? school_days(cal, a.van, a.tot) : 0;
		if (all < 1)
			all = 1;
		absence before, after;
		bool b = a.van < u0 && row_part(cal, &a, all, a.van, u0 - 1, &before);
		bool f = a.tot > u1 && row_part(cal, &a, all, u1 + 1, a.tot, &after);
		if (b)
			L->abs[i] = before;
		if (f) {
			if (b)
				PUSH(L, abs, after);
			else
				L->abs[i] = after;
		}
		if (!b && !f)
			L->abs[i].soort = VZ_COUNT; /* dropped below */
	}
	size_t k = 0;
	for (size_t i = 0; i < L->n_abs; i++)
		if (L->abs[i].soort != VZ_COUNT)
			L->abs[k++] = L->abs[i];
	L->n_abs = k;
}

day_t recording_delay(sim *s, int32_t site, bool end)
{
	int k = s->r->school[site].discipline;
	if (rng_chance(s->rng, P.record_late[k] * (end ? P.record_end_factor : 1.0)))
		return 8 + (day_t)rng_lognormal(s->rng, P.record_late_median, 0.7);
	double u = rng_unit(s->rng);
	return u < 0.8 ? 0 : u < 0.93 ? 1 : rng_range(s->rng, 2, 6);
}
