/*
 * life_career.c - the school career: the planned stints (primary,
 * secondary, vocational) walked day by day, with the events that interrupt
 * them drawn from their hazards (long absence, expulsion, dropping out,
 * changing school, a 5a exemption, long sickness, moving, emigrating).
 */
#include <math.h>

#include "life_sim.h"
#include "years.h"

/* ---- the school career -------------------------------------------------- */

enum ev { EV_LRV, EV_EXPEL, EV_DROPOUT, EV_MBO_EARLY, EV_SWITCH, EV_5A, EV_SICK, EV_COUNT };

static double hazard(const sim *s, enum ev e, int soort, int age, day_t t)
{
	switch (e) {
	case EV_MBO_EARLY:
		/* The first weeks of mbo: a share finds out it chose wrong. */
		return soort == SOORT_MBO && age < 18 && s->enr >= 0 && t < s->L->enr[s->enr].van + 100
			       ? P.mbo_early * YEAR / 100 * s->f_av
			       : 0.0;
	case EV_LRV: return P.lrv[soort] * s->f_lrv;
	case EV_EXPEL: return P.expel[soort] * sqrt(s->f_av);
	case EV_DROPOUT:
		return age >= 16 && (soort == SOORT_VO || soort == SOORT_MBO || soort == SOORT_PRO) ? P.dropout * s->f_av : 0.0;
	case EV_SWITCH: return P.switch_gap * s->f_av;
	case EV_5A: return P.v5a_temp * s->f_5a * (soort == SOORT_SO || soort == SOORT_VSO ? 4.0 : 1.0);
	case EV_SICK: return P.sick_long[soort];
	case EV_COUNT: break;
	}
	return 0.0;
}

static int style(sim *s)
{
	static const double w[3] = {0.5, 0.3, 0.2};
	return (int)rng_pick(s->rng, w, 3);
}

/* A gap out of school after `from`: how many days until a new school. */
static day_t gap_days(sim *s, int kind)
{
	switch (kind) {
	case 0: /* a change of school */
		if (rng_chance(s->rng, 0.6))
			return rng_range(s->rng, 1, 5);
		if (rng_chance(s->rng, 0.75))
			return (day_t)rng_lognormal(s->rng, 14, 0.5);
		return (day_t)rng_lognormal(s->rng, 50, 0.5);
	case 1: /* after a deregistration or dropping out */
		if (rng_chance(s->rng, 0.02)) {
			s->L->tags |= TAG_NO_RETURN;
			return DAY_OPEN / 2; /* does not come back */
		}
		if (rng_chance(s->rng, 0.65))
			return 7 + (day_t)rng_exp(s->rng, 40);
		return 7 + (day_t)rng_exp(s->rng, 120);
	case 3: /* left an mbo in the first weeks: looking for another */
		return (day_t)rng_lognormal(s->rng, 55, 0.8);
	default: /* after an expulsion */
		return (day_t)rng_lognormal(s->rng, 30, 0.7);
	}
}

/* A temporary 5a exemption from `van`: for the rest of the school year or
 * some months, sometimes renewed. Returns its last day. */
static day_t temp_5a(sim *s, day_t van)
{
	day_t aanvraag = van - rng_range(s->rng, 10, 60);
	day_t tot = rng_chance(s->rng, 0.5) ? jul31(school_year(van) + 1) : van + rng_range(s->rng, 90, 300);
	if (tot < van + 30)
		tot = jul31(school_year(van) + 2);
	day_t besluit = aanvraag + rng_range(s->rng, 14, 50);
	if (rng_chance(s->rng, 0.12)) {
		add_vrij(s, "5a", aanvraag, DAY_NONE, DAY_OPEN, besluit, VS_AFGEWEZEN);
		return van - 1;
	}
	add_vrij(s, "5a", aanvraag, van, tot, max_day(besluit, aanvraag), VS_VERLEEND);
	if (rng_chance(s->rng, 0.35)) {
		day_t van2 = tot + 1, tot2 = jul31(school_year(van2) + 1);
		if (tot2 < van2 + 60)
			tot2 = jul31(school_year(van2) + 2);
		day_t aan2 = van2 - rng_range(s->rng, 20, 60);
		add_vrij(s, "5a", aan2, van2, tot2, aan2 + rng_range(s->rng, 10, 40), VS_VERLEEND);
		tot = tot2;
	}
	return tot;
}

/* What an event leaves behind: the day the child is at a school again (the
 * same one when same_school), or DAY_OPEN when it does not come back. */
typedef struct outcome {
	day_t resume;
	bool same_school;
	bool leave_stint; /* go on with the next stint (dropping out) */
} outcome;

static outcome event_lrv(sim *s, day_t t, day_t stint_end)
{
	int32_t site = current_school(s);
	const holiday_calendar *cal = cal_of_school(s, site);
	day_t start = school_day_from(cal, t);
	day_t last = school_day_until(cal, start + 30 + (day_t)rng_exp(s->rng, P.lrv_tail));
	if (stint_end != DAY_OPEN && last > stint_end)
		last = school_day_until(cal, stint_end);
	if (last < start)
		last = start;
	int st = style(s);
	if (rng_chance(s->rng, 0.08) && last - start > 40) {
		/* came to school for a day in between: two runs */
		day_t mid = school_day_from(cal, start + (last - start) / 3);
		add_absence(s, site, VZ_ONGEOORLOOFD, start, mid - 1, st);
		add_absence(s, site, VZ_ONGEOORLOOFD, school_day_from(cal, mid + 1), last, st);
	} else {
		add_absence(s, site, VZ_ONGEOORLOOFD, start, last, st);
	}
	mark_busy(s, start, last);
	outcome o = {last + 1, true, false};
	if (last >= s->end)
		return o;
	switch (rng_pick(s->rng, P.lrv_outcome, 4)) {
	case 0: /* back at school */
		add_aanbod(s, start, last + 1, P.aanbod * 0.7);
		return o;
	case 1: /* to another school */
		close_enrolment(s, last);
		o.resume = school_day_from(cal, last + 1 + (rng_chance(s->rng, 0.7) ? 0 : rng_range(s->rng, 1, 10)));
		o.same_school = false;
		add_aanbod(s, start, o.resume, P.aanbod);
		return o;
	case 2: /* deregistered: absoluut verzuim from the start of the run */
		close_enrolment(s, last);
		o.resume = last + gap_days(s, 1);
		s->L->tags |= TAG_LRV_DEREG;
		o.same_school = false;
		add_aanbod(s, start, o.resume < s->end ? o.resume : DAY_OPEN, P.aanbod);
		mark_busy(s, last, min_day(o.resume, s->end));
		return o;
	default: { /* exempted (5a) */
		bool dereg = rng_chance(s->rng, 0.7);
		day_t tot = temp_5a(s, last + 1);
		if (dereg && tot > last) {
			close_enrolment(s, last);
			o.resume = tot + 1 + (rng_chance(s->rng, 0.8) ? 0 : gap_days(s, 0));
			s->L->tags |= TAG_5A_GAP;
			o.same_school = false;
		} else {
			o.resume = tot + 1;
		}
		mark_busy(s, last, min_day(tot, s->end));
		return o;
	}
	}
}

static outcome event_expel(sim *s, day_t t)
{
	int32_t site = current_school(s);
	const holiday_calendar *cal = cal_of_school(s, site);
	day_t start = school_day_from(cal, t);
	day_t from = start;
	if (rng_chance(s->rng, 0.6)) {
		day_t sus_end = school_days_after(cal, start, rng_range(s->rng, 0, 4));
		add_absence(s, site, VZ_SCHORSING, start, sus_end, 0);
		from = school_day_from(cal, sus_end + 1);
	}
	day_t last = school_day_until(cal, from + rng_range(s->rng, 10, 60));
	if (last < from)
		last = from;
	add_absence(s, site, VZ_VERWIJDERING, from, last, rng_chance(s->rng, 0.7) ? 0 : 1);
	if (!rng_chance(s->rng, 0.2))
		PUSH(s->L, meld, (melding){from + rng_range(s->rng, 0, 3), from, site, GEN_MELDING[MS_VERWIJDERING]});
	mark_busy(s, start, last);
	close_enrolment(s, last);
	outcome o = {school_day_from(cal, last + 1), false, false};
	if (rng_chance(s->rng, 0.3)) {
		o.resume = last + 1 + gap_days(s, 2);
		s->L->tags |= TAG_EXPEL_GAP;
		add_aanbod(s, last + 1, o.resume, P.aanbod);
		mark_busy(s, last, min_day(o.resume, s->end));
	}
	return o;
}

static outcome event_dropout(sim *s, day_t t, int gap_kind)
{
	int32_t site = current_school(s);
	const holiday_calendar *cal = cal_of_school(s, site);
	day_t last = school_day_until(cal, t);
	if (last < s->L->enr[s->enr].van)
		last = s->L->enr[s->enr].van;
	day_t run_start = last;
	if (rng_chance(s->rng, 0.45)) {
		/* stopped coming first; the school deregistered later */
		run_start = school_day_from(cal, last - rng_range(s->rng, 10, 60));
		if (run_start < s->L->enr[s->enr].van)
			run_start = s->L->enr[s->enr].van;
		if (run_start < last)
			add_absence(s, site, VZ_ONGEOORLOOFD, run_start, last, style(s));
	}
	close_enrolment(s, last);
	outcome o = {last + gap_days(s, gap_kind), false, gap_kind == 1};
	s->L->tags |= gap_kind == 1 ? TAG_DROPOUT : TAG_MBO_EARLY;
	add_aanbod(s, run_start, o.resume < s->end ? o.resume : DAY_OPEN, P.aanbod * 0.8);
	mark_busy(s, run_start, min_day(o.resume, s->end));
	return o;
}

static outcome event_switch(sim *s, day_t t)
{
	int32_t site = current_school(s);
	const holiday_calendar *cal = cal_of_school(s, site);
	day_t last = school_day_until(cal, t);
	if (last < s->L->enr[s->enr].van)
		last = s->L->enr[s->enr].van;
	close_enrolment(s, last);
	outcome o = {last + 1 + gap_days(s, 0), false, false};
	s->L->tags |= TAG_SWITCH;
	mark_busy(s, last, min_day(o.resume, s->end));
	return o;
}

static outcome event_5a(sim *s, day_t t)
{
	bool dereg = rng_chance(s->rng, 0.7);
	day_t tot = temp_5a(s, t);
	outcome o = {tot + 1, true, false};
	if (tot < t)
		return (outcome){t + 1, true, false};
	if (dereg) {
		close_enrolment(s, t - 1);
		o.same_school = false;
		o.resume = tot + 1 + (rng_chance(s->rng, 0.8) ? 0 : gap_days(s, 0));
		s->L->tags |= TAG_5A_GAP;
	}
	mark_busy(s, t, min_day(tot, s->end));
	return o;
}

static outcome event_sick(sim *s, day_t t, day_t stint_end)
{
	int32_t site = current_school(s);
	const holiday_calendar *cal = cal_of_school(s, site);
	day_t start = school_day_from(cal, t);
	double mean = rng_chance(s->rng, 0.15) ? 220 : 40;
	day_t last = school_day_until(cal, start + 27 + (day_t)rng_exp(s->rng, mean));
	if (stint_end != DAY_OPEN && last > stint_end)
		last = school_day_until(cal, stint_end);
	if (last < start)
		last = start;
	add_absence(s, site, VZ_ZIEK, start, last, style(s));
	if (rng_chance(s->rng, 0.3))
		add_melding(s, site, start, MS_ZIEK, 20);
	mark_busy(s, start, last);
	return (outcome){last + 1, true, false};
}

/* Leaving the country: the school deregisters the child (sometimes weeks
 * late). Returns the day it is back at a school, or DAY_OPEN. */
static day_t emigrate(sim *s)
{
	if (s->enr >= 0) {
		day_t last = s->gone - 1 + (rng_chance(s->rng, 0.3) ? rng_range(s->rng, 1, 25) : 0);
		close_enrolment(s, last);
	}
	day_t back = s->back;
	s->gone = DAY_OPEN;
	if (back == DAY_OPEN)
		return DAY_OPEN;
	return back + (day_t)rng_lognormal(s->rng, P.newcomer_gap * sqrt(s->f_av), 0.6);
}

/* Walk through the planned stints, drawing events as they come. */
void walk(sim *s, const stint *plan, size_t n)
{
	day_t t = DAY_NONE;
	for (size_t i = 0; i < n; i++) {
		stint st = plan[i];
		t = t == DAY_NONE ? st.van : max_day(t, st.van);
		if (t >= s->gone) {
			t = max_day(t, emigrate(s));
			if (t == DAY_OPEN)
				return;
		}
		if (st.tot != DAY_OPEN && t > st.tot)
			continue;
		if (t > s->end)
			return;
		if (s->enr >= 0 && s->r->school[current_school(s)].soort != st.soort)
			close_enrolment(s, t - 1);
		if (s->enr < 0)
			open_enrolment(s, pick_school(s, st.soort, gem_at(s, t)), t);
		bool next_stint = false;
		for (;;) {
			day_t limit = st.tot == DAY_OPEN ? s->end : min_day(st.tot, s->end);
			if (t > limit)
				break;
			/* The next thing to happen: leaving the country, a move, or
			 * a random event (from the history date on). */
			day_t move = next_move(s, t);
			day_t from = max_day(t, s->c->history);
			int age = age_at(s, from);
			double total = 0, rates[EV_COUNT];
			for (int e = 0; e < EV_COUNT; e++)
				total += rates[e] = hazard(s, (enum ev)e, st.soort, age, from);
			day_t te = total > 0 ? from + (day_t)rng_exp(s->rng, YEAR / total) : DAY_OPEN;
			/* Hazards that change (turning 16, the end of the first
			 * mbo weeks): draw again from there. */
			day_t horizon = DAY_OPEN;
			if (age < 16)
				horizon = birthday_in_year_c(s->bc, s->bc.year + 16);
			if (rates[EV_MBO_EARLY] > 0)
				horizon = min_day(horizon, s->L->enr[s->enr].van + 100);
			if (te > horizon && horizon <= limit && horizon < min_day(move, s->gone)) {
				t = horizon;
				continue;
			}
			day_t next = min_day(min_day(move, te), s->gone);
			if (next > limit)
				break;
			if (next == s->gone) {
				t = emigrate(s);
				if (t == DAY_OPEN)
					return;
				if (t > limit)
					break;
				open_enrolment(s, pick_school(s, st.soort, gem_at(s, t)), t);
				continue;
			}
			if (next == move) {
				/* Moved house: most children change school, mbo
				 * students mostly do not. */
				static const double change[SOORT_COUNT] = {0.9, 0.8, 0.6, 0.55, 0.5, 0.5, 0.25};
				t = move;
				if (s->enr >= 0 && rng_chance(s->rng, change[st.soort])) {
					close_enrolment(s, move - 1);
					t = move + (rng_chance(s->rng, 0.8) ? 0 : gap_days(s, 0));
					if (t > move)
						s->L->tags |= TAG_MOVE_GAP;
				}
				if (s->enr < 0 && t <= limit)
					open_enrolment(s, pick_school(s, st.soort, gem_at(s, t)), t);
				continue;
			}
			if (busy(s, te, te)) {
				t = te + 1;
				continue;
			}
			outcome o;
			switch ((enum ev)rng_pick(s->rng, rates, EV_COUNT)) {
			case EV_LRV: o = event_lrv(s, te, st.tot); break;
			case EV_EXPEL: o = event_expel(s, te); break;
			case EV_DROPOUT: o = event_dropout(s, te, 1); break;
			case EV_MBO_EARLY: o = event_dropout(s, te, 3); break;
			case EV_SWITCH: o = event_switch(s, te); break;
			case EV_5A: o = event_5a(s, te); break;
			default: o = event_sick(s, te, st.tot); break;
			}
			t = o.resume;
			if (o.leave_stint) {
				if (i + 1 < n) {
					next_stint = true;
					break;
				}
				st.soort = SOORT_MBO; /* starts again at an mbo */
			}
			if (!o.same_school || s->enr < 0) {
				if (t > limit)
					break;
				close_enrolment(s, t - 1);
				open_enrolment(s, pick_school(s, st.soort, gem_at(s, t)), t);
			}
		}
		if (next_stint)
			continue;
		/* The stint ends as planned (the next one opens its own school). */
		if (s->enr >= 0 && st.tot != DAY_OPEN && st.tot < s->end) {
			close_enrolment(s, st.tot);
			t = st.tot + 1;
		}
	}
	if (s->gone != DAY_OPEN && s->gone <= s->end)
		emigrate(s);
}
