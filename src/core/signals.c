/*
 * signals.c - the early signals of SPEC 7.1: the reporting duty of 16 hours in
 * four weeks, worrying sick leave, and the Kearney tiers (signals.h).
 */
#include "signals.h"

#include <stdio.h>
#include <stdlib.h>

#include "../util/alloc.h"
#include "exact.h"
#include "leerplicht.h"

const char *const SIGNAAL_CODES[SIG_COUNT] = {
	[SIG_MELDPLICHT_16_UUR] = "MELDPLICHT_16_UUR",
	[SIG_ZIEK_7_DAGEN] = "ZIEK_7_DAGEN",
	[SIG_ZIEK_4_KEER] = "ZIEK_4_KEER",
	[SIG_KEARNEY_2] = "KEARNEY_2",
	[SIG_KEARNEY_3] = "KEARNEY_3",
};

const char *const SIGNAAL_LABELS[SIG_COUNT] = {
	[SIG_MELDPLICHT_16_UUR] = "16 uur of meer ongeoorloofd verzuim in 4 lesweken: meldplicht",
	[SIG_ZIEK_7_DAGEN] = "de 7e schooldag of meer achter elkaar ziek",
	[SIG_ZIEK_4_KEER] = "4 of meer ziekmeldingen in 12 lesweken",
	[SIG_KEARNEY_2] = "Kearney niveau 2: 10% of meer van de schooltijd afwezig",
	[SIG_KEARNEY_3] = "Kearney niveau 3: 20% of meer van de schooltijd afwezig",
};

void format_hundredths(int64_t v, char point, char out[32])
{
	snprintf(out, 32, "%s%lld%c%02lld", v < 0 ? "-" : "", llabs(v) / 100LL, point, llabs(v) % 100LL);
}

row_hours row_hours_of(const absence *a, const holiday_calendar *cal, day_t d)
{
	row_hours h = {.end = a->tot == DAY_OPEN ? d : a->tot, .num = 0, .den = 1};
	h.days = school_days(cal, a->van, h.end);
	if (h.days > 0) {
		h.num = a->uren < 0 ? HOURS_PER_DAY : (uint64_t)a->uren;
		h.den = a->uren < 0 ? 1 : (uint64_t)h.days;
	}
	return h;
}

static void add_signal(signal_facts *f, signaal kind, day_t sinds, int64_t waarde, bool hundredths, int gemeld)
{
	f->sig[f->n++] = (signal){(uint8_t)kind, (int8_t)gemeld, hundredths, sinds, waarde};
}

/* SPEC 7.1 signal 1: the ongeoorloofd hours on the school days of the window
 * of 4 weeks, and the melding that answers them. */
static void meldplicht(const dataset *ds, uint32_t p, const holiday_calendar *cal, signal_facts *f)
{
	day_t d = f->peildatum;
	const absence *a = PUPIL_FACTS(ds, F_ABSENCE, abs, p);
	uint32_t n = PUPIL_NFACTS(ds, F_ABSENCE, p);
	frac_sum total;
	frac_init(&total);
	for (uint32_t i = 0; i < n && a[i].van <= d; i++) {
		if (a[i].soort != VZ_ONGEOORLOOFD)
			continue;
		row_hours h = row_hours_of(&a[i], cal, d);
		day_t from = a[i].van > f->window4 ? a[i].van : f->window4, to = h.end < d ? h.end : d;
		int32_t k = h.num ? school_days(cal, from, to) : 0;
		if (k <= 0)
			continue;
		frac_add(&total, h.num * (uint64_t)k, h.den);
		day_t first = first_school_day(cal, from, to);
		if (f->first_hour == DAY_NONE || first < f->first_hour)
			f->first_hour = first;
	}
	f->hours = (int64_t)frac_round(&total, 1, 1);
	f->reached = frac_cmp(&total, MELDPLICHT_HOURS, 1) >= 0;
	f->nearing = !f->reached && !f->lrv && frac_cmp(&total, MELDPLICHT_NEAR_HOURS, 1) >= 0;
	frac_free(&total);
	if (f->first_hour != DAY_NONE) {
		const melding *m = PUPIL_FACTS(ds, F_MELDING, meld, p);
		for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_MELDING, p); i < n_facts && f->melding < 0; i++)
			if (f->first_hour <= m[i].datum_melding && m[i].datum_melding <= d)
				f->melding = (int32_t)(PUPIL_FIRST(ds, F_MELDING, p) + i);
	}
	if (f->reached && !f->lrv)
		add_signal(f, SIG_MELDPLICHT_16_UUR, f->first_hour, f->hours, true, f->melding >= 0);
}

/* SPEC 7.1 signals 2 and 3: the sick run covering D, and the sick runs that
 * start in the window of 12 weeks. */
static void sickness(const dataset *ds, uint32_t p, const holiday_calendar *cal, signal_facts *f)
{
	day_t d = f->peildatum;
	const absence *a = PUPIL_FACTS(ds, F_ABSENCE, abs, p);
	uint32_t n = PUPIL_NFACTS(ds, F_ABSENCE, p), i = 0;
	absence_run r;
	while (next_run(a, n, CLASS_SICK, cal, &i, &r) && r.start <= d) {
		if (r.start >= f->window12) {
			if (!f->sick_runs++)
				f->sick_first = r.start;
		}
		if (r.end >= d) {
			f->sick = r;
			f->sick_days = school_days(cal, r.start, d);
		}
	}
	if (f->sick.start != DAY_NONE && f->sick_days >= SICK_DAYS)
		add_signal(f, SIG_ZIEK_7_DAGEN, f->sick.start, f->sick_days, false, -1);
	if (f->sick_runs >= SICK_RUNS)
		add_signal(f, SIG_ZIEK_4_KEER, f->sick_first, f->sick_runs, false, -1);
}

/* A row's hours on the school days of [from, to] of the span. */
typedef struct span_row {
	day_t from, to;
	uint64_t num, den; /* hours a school day */
} span_row;

/* The hours of all rows on the school days of [S, D], at most 5 a day: the
 * span is cut where a row begins or ends, so that within a piece the same
 * rows hold and the cap is applied to the exact sum of their hours a day. */
static void span_hours(const span_row *rows, size_t m, const holiday_calendar *cal, frac_sum *total,
		       signal_facts *f)
{
	size_t *active = xmalloc((m ? m : 1) * sizeof *active), n_active = 0, next = 0;
	day_t cur = 0;
	while (next < m || n_active) {
		if (!n_active)
			cur = rows[next].from;
		while (next < m && rows[next].from <= cur)
			active[n_active++] = next++;
		day_t end = next < m ? rows[next].from - 1 : DAY_OPEN;
		for (size_t k = 0; k < n_active; k++)
			if (rows[active[k]].to < end)
				end = rows[active[k]].to;
		int32_t days = school_days(cal, cur, end);
		if (days > 0) {
			frac_sum day;
			frac_init(&day);
			for (size_t k = 0; k < n_active; k++)
				frac_add(&day, rows[active[k]].num, rows[active[k]].den);
			if (frac_cmp(&day, HOURS_PER_DAY, 1) > 0) {
				frac_add(total, (uint64_t)HOURS_PER_DAY * (uint64_t)days, 1);
				f->capped_days += days;
			} else {
				for (size_t k = 0; k < n_active; k++)
					frac_add(total, rows[active[k]].num * (uint64_t)days, rows[active[k]].den);
			}
			frac_free(&day);
		}
		cur = end + 1;
		size_t kept = 0;
		for (size_t k = 0; k < n_active; k++)
			if (rows[active[k]].to >= cur)
				active[kept++] = active[k];
		n_active = kept;
	}
	free(active);
}

/* SPEC 7.1 signal 4: the absence share since S, over at least 10 school days. */
static void kearney(const dataset *ds, uint32_t p, const classification *c, const holiday_calendar *cal,
		    signal_facts *f)
{
	day_t d = f->peildatum, s = schooljaar_start(d), van = FACT_AT(ds, F_ENROLMENT, enr, c->enrolment).van;
	f->span_from = van > s ? van : s;
	f->span_days = school_days(cal, f->span_from, d);
	if (f->span_days < KEARNEY_MIN_DAYS)
		return;
	const absence *a = PUPIL_FACTS(ds, F_ABSENCE, abs, p);
	uint32_t n = PUPIL_NFACTS(ds, F_ABSENCE, p);
	span_row *rows = xmalloc((n ? n : 1) * sizeof *rows);
	size_t m = 0;
	/* Rows are sorted by van, so their pieces of the span are sorted by start. */
	for (uint32_t i = 0; i < n && a[i].van <= d; i++) {
		row_hours h = row_hours_of(&a[i], cal, d);
		span_row r = {a[i].van > f->span_from ? a[i].van : f->span_from, h.end < d ? h.end : d, h.num, h.den};
		if (h.num && r.from <= r.to)
			rows[m++] = r;
	}
	frac_sum total;
	frac_init(&total);
	span_hours(rows, m, cal, &total, f);
	free(rows);
	uint64_t cap = (uint64_t)HOURS_PER_DAY * (uint64_t)f->span_days;
	f->span_hours = (int64_t)frac_round(&total, 1, 1);
	/* share = total / (5 x days); as hundredths of a percent: 10000 total / cap. */
	f->share = (int64_t)frac_round(&total, 10000, cap);
	if (frac_cmp(&total, cap * KEARNEY_3_PERCENT, 100) >= 0)
		add_signal(f, SIG_KEARNEY_3, f->span_from, f->share, true, -1);
	else if (frac_cmp(&total, cap * KEARNEY_2_PERCENT, 100) >= 0)
		add_signal(f, SIG_KEARNEY_2, f->span_from, f->share, true, -1);
	frac_free(&total);
}

void signals_of(const dataset *ds, uint32_t p, const classification *c, signal_facts *f)
{
	day_t d = c->peildatum;
	*f = (signal_facts){
		.applies = c->in_scope && c->enrolment >= 0, .peildatum = d, .lrv = c->cat == CAT_LRV,
		.window4 = DAY_NONE, .first_hour = DAY_NONE, .melding = -1, .sick = {DAY_NONE, DAY_NONE},
		.window12 = DAY_NONE, .sick_first = DAY_NONE, .span_from = DAY_NONE,
	};
	if (!f->applies)
		return;
	const holiday_calendar *cal = calendar_for(ds, c);
	f->window4 = window_start(cal, d, MELDPLICHT_DAYS);
	f->window12 = window_start(cal, d, SICK_RUNS_DAYS);
	meldplicht(ds, p, cal, f);
	sickness(ds, p, cal, f);
	kearney(ds, p, c, cal, f);
}

void signal_list_free(signal_list *l)
{
	free(l->rows);
	*l = (signal_list){0};
}
