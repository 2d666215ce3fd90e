/*
 * melddiscipline.c - the rules of melddiscipline (see melddiscipline.h): the
 * term of a melding, the median and shares, registratie onvolledig, and the
 * duties of one pupil that arose in a period.
 */
#include "melddiscipline.h"

#include <stdlib.h>

#include "../util/alloc.h"
#include "classify.h"
#include "signals.h"

int32_t melding_delay(const melding *m)
{
	return (int32_t)(m->datum_melding - m->eerste_verzuimdag);
}

bool delay_in_term(int32_t delay)
{
	return delay <= MELD_TERM_DAYS;
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

int64_t median_hundredths(int32_t *v, size_t n)
{
	if (!n)
		return -1;
	qsort(v, n, sizeof *v, cmp_i32);
	if (n % 2)
		return (int64_t)v[n / 2] * 100;
	return ((int64_t)v[n / 2 - 1] + v[n / 2]) * 50;
}

int64_t share_hundredths(int64_t part, int64_t whole)
{
	if (whole <= 0)
		return -1;
	return (part * 20000 + whole) / (2 * whole);
}

int32_t longest_silence(const holiday_calendar *cal, const uint8_t *covered, md_period per)
{
	int32_t best = 0, run = 0;
	for (day_t d = per.from; d <= per.to; d++) {
		if (!is_school_day(cal, d))
			continue;
		uint32_t i = (uint32_t)(d - per.from);
		if (covered[i >> 3] & (1u << (i & 7))) {
			run = 0;
		} else if (++run > best) {
			best = run;
		}
	}
	return best;
}

bool registration_incomplete(int32_t longest)
{
	return longest >= SILENT_SCHOOL_DAYS;
}

bool recorded_late(day_t named, day_t recorded)
{
	return recorded - named > REGISTRATION_TERM_DAYS;
}

/* Whether any melding of p has sinds <= datum_melding <= today. */
static bool reported_since(const dataset *ds, uint32_t p, day_t sinds, day_t today)
{
	const melding *m = PUPIL_FACTS(ds, F_MELDING, meld, p);
	for (uint32_t i = 0, n = PUPIL_NFACTS(ds, F_MELDING, p); i < n; i++)
		if (sinds <= m[i].datum_melding && m[i].datum_melding <= today)
			return true;
	return false;
}

static void add_event(md_events *out, md_kind kind, bool reported, day_t moment, day_t sinds, int32_t at)
{
	out->ev = xgrow(out->ev, &out->cap, out->n + 1, sizeof *out->ev);
	out->ev[out->n++] = (md_event){(uint8_t)kind, reported, moment, sinds, at};
}

/* The moments MELDPLICHT_16_UUR begins to hold, on the school days of the
 * pupil's unauthorised rows from 4 weeks before the period to its end. */
static void meldplicht_moments(const dataset *ds, uint32_t p, md_period per, day_t today, md_events *out)
{
	const absence *a = PUPIL_FACTS(ds, F_ABSENCE, abs, p);
	uint32_t n = PUPIL_NFACTS(ds, F_ABSENCE, p);
	day_t start = per.from - MELDPLICHT_DAYS, end = per.to < today ? per.to : today;
	day_t next = start, last = DAY_NONE;
	bool holds = false;
	classification c;
	signal_facts f;
	for (uint32_t i = 0; i < n && a[i].van <= end; i++) {
		if (a[i].soort != VZ_ONGEOORLOOFD)
			continue;
		day_t from = a[i].van > next ? a[i].van : next, to = a[i].tot < end ? a[i].tot : end;
		for (day_t d = from; d <= to; d++) {
			if (is_weekend(d))
				continue;
			classify(ds, p, d, &c);
			if (!c.in_scope || c.enrolment < 0 || c.cat == CAT_LRV) {
				/* No such signal until the classification changes (LRV has
				 * its own duty, counted below): skip to that day. */
				day_t change = classify_next_change(ds, p, &c);
				if (change > d + 1)
					d = change - 1 < to ? change - 1 : to;
				continue;
			}
			const holiday_calendar *cal = calendar_for(ds, &c);
			if (!is_school_day(cal, d))
				continue;
			if (last != DAY_NONE && elapsed_days(cal, last, d) >= MELDPLICHT_DAYS)
				holds = false; /* a new window: what held before has lapsed */
			last = d;
			signals_of(ds, p, &c, &f);
			const signal *s = NULL;
			for (int k = 0; k < f.n && !s; k++)
				if (f.sig[k].kind == SIG_MELDPLICHT_16_UUR)
					s = &f.sig[k];
			if (s && !holds && d >= per.from)
				add_event(out, MD_MELDPLICHT, reported_since(ds, p, s->sinds, today), d, s->sinds,
					  FACT_AT(ds, F_ENROLMENT, enr, c.enrolment).school);
			holds = s != NULL;
		}
		if (to >= next)
			next = to + 1;
	}
}

/* The unauthorised runs that reach 28 elapsed days in the period while the
 * pupil is LRV. */
static void lrv_runs(const dataset *ds, uint32_t p, md_period per, day_t today, md_events *out)
{
	day_t end = per.to < today ? per.to : today;
	classification c;
	classify(ds, p, end, &c);
	const holiday_calendar *cal = calendar_for(ds, &c);
	const absence *a = PUPIL_FACTS(ds, F_ABSENCE, abs, p);
	uint32_t n = PUPIL_NFACTS(ds, F_ABSENCE, p), i = 0;
	absence_run run;
	while (next_run(a, n, CLASS_UNAUTHORISED, cal, &i, &run) && run.start <= end) {
		day_t lrv = elapsed_reached(cal, run.start, LRV_ELAPSED_DAYS);
		if (lrv < per.from || lrv > end || lrv > run.end)
			continue;
		classify(ds, p, lrv, &c);
		if (c.cat != CAT_LRV || c.enrolment < 0)
			continue;
		add_event(out, MD_LRV, reported_since(ds, p, run.start, today), lrv, run.start,
			  FACT_AT(ds, F_ENROLMENT, enr, c.enrolment).school);
	}
}

void md_pupil_events(const dataset *ds, uint32_t p, md_period per, day_t today, md_events *out)
{
	meldplicht_moments(ds, p, per, today, out);
	lrv_runs(ds, p, per, today, out);
}
