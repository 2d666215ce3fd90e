/*
 * life_residence.c - where a child lives: moves between gemeenten around
 * its home gemeente, emigration (with or without a return, with or without
 * deregistering), and addresses under investigation.
 */
#include <math.h>

#include "life_sim.h"

/* ---- residence ---------------------------------------------------------- */

static int32_t neighbour(sim *s, int32_t gem)
{
	const ref *r = s->r;
	if (s->c->only)
		return s->c->only[rng_below(s->rng, (uint32_t)s->c->n_only)];
	if (rng_chance(s->rng, 0.2)) {
		/* further away: anywhere, by number of children */
		double x = rng_unit(s->rng) * r->total_children;
		for (size_t g = 0; g < r->n_gem; g++) {
			x -= r->gem[g].band[1] + r->gem[g].band[2] + r->gem[g].band[3];
			if (x < 0)
				return (int32_t)g;
		}
	}
	return r->gem[gem].near[rng_below(s->rng, 6)];
}

static day_t random_move_date(sim *s, day_t from, day_t to)
{
	day_t d = rng_range(s->rng, from, to);
	if (rng_chance(s->rng, 0.35)) {
		/* many families move in the summer holiday */
		civil c = civil_from_day(d);
		day_t summer = day_from_civil(c.year, 7, 5) + rng_range(s->rng, 0, 50);
		if (summer > from && summer <= to)
			d = summer;
	}
	return d;
}

/* Residence history: moves between gemeenten around the home gemeente,
 * emigration (with or without a return, with or without deregistering),
 * and addresses under investigation. */
void build_residence(sim *s, day_t start)
{
	life *L = s->L;
	day_t span_end = min_day(s->c->horizon, s->adult);
	double years = (double)(span_end - start) / YEAR;
	int moves = rng_poisson(s->rng, P.move * years);
	if (moves > 4)
		moves = 4;
	day_t dates[6];
	for (int i = 0; i < moves; i++)
		dates[i] = random_move_date(s, start + 1, span_end);
	for (int i = 1; i < moves; i++)
		for (int k = i; k > 0 && dates[k] < dates[k - 1]; k--) {
			day_t t = dates[k];
			dates[k] = dates[k - 1];
			dates[k - 1] = t;
		}
	day_t anchor = rng_range(s->rng, max_day(start, s->c->window), max_day(span_end, s->c->window));
	int home_seg = 0;
	for (int i = 0; i < moves; i++)
		if (dates[i] <= anchor)
			home_seg = i + 1;
	int32_t gems[6];
	gems[home_seg] = s->home;
	for (int i = home_seg - 1; i >= 0; i--)
		gems[i] = neighbour(s, gems[i + 1]);
	for (int i = home_seg + 1; i <= moves; i++)
		gems[i] = neighbour(s, gems[i - 1]);
	for (int i = 0; i <= moves; i++) {
		day_t van = i ? dates[i - 1] : start, tot = i < moves ? dates[i] - 1 : DAY_OPEN;
		if (tot != DAY_OPEN && tot < van)
			continue;
		if (L->n_res && L->res[L->n_res - 1].gemeente == gems[i]) {
			L->res[L->n_res - 1].tot = tot; /* moved within the gemeente */
			continue;
		}
		PUSH(L, res, (residence){van, tot, gems[i], 0});
	}

	/* Emigration during the simulated years. */
	s->gone = s->back = DAY_OPEN;
	day_t em_from = max_day(start + 30, s->c->history);
	if (em_from < span_end && rng_chance(s->rng, P.emigrate * (double)(span_end - em_from) / (YEAR * 6))) {
		day_t e = rng_range(s->rng, em_from, span_end);
		s->gone = e;
		size_t keep = 0;
		for (size_t i = 0; i < L->n_res; i++)
			if (L->res[i].van < e)
				L->res[keep++] = L->res[i];
		L->n_res = keep;
		residence *last = &L->res[L->n_res - 1];
		int32_t last_gem = last->gemeente;
		if (rng_chance(s->rng, P.emigrate_admin * s->f_av)) {
			/* Left without telling the gemeente: the address stays until an
			 * investigation finds the child gone, then it is deregistered. */
			s->admin_gone = true;
			s->L->tags |= TAG_ADMIN;
			day_t found = e + (day_t)rng_lognormal(s->rng, P.admin_delay / sqrt(s->f_av), 0.7);
			day_t vow = found + rng_range(s->rng, 60, 300);
			last->tot = found - 1;
			if (last->tot < last->van)
				last->tot = last->van;
			PUSH(L, res, (residence){last->tot + 1, vow, last_gem, 1});
		} else {
			last->tot = e - 1 < last->van ? last->van : e - 1;
			if (rng_chance(s->rng, P.emigrate_return)) {
				day_t back = e + rng_range(s->rng, 60, 720);
				if (back <= span_end) {
					s->back = back;
					s->L->tags |= TAG_RETURN;
					int32_t g = rng_chance(s->rng, 0.6) ? last_gem : neighbour(s, last_gem);
					PUSH(L, res, (residence){back, DAY_OPEN, g, 0});
				}
			}
		}
	}

	/* An address under investigation while the child still goes to school
	 * (wrong address, a family in between homes): not counted, but shown. */
	if (!s->admin_gone && rng_chance(s->rng, P.onderzoek_noise)) {
		residence *cur = &L->res[L->n_res - 1];
		day_t from = max_day(cur->van + 30, s->c->history);
		day_t to = cur->tot == DAY_OPEN ? span_end : cur->tot;
		if (from + 60 < to) {
			day_t a = rng_range(s->rng, from, to - 30);
			day_t b = a + rng_range(s->rng, 20, 150);
			residence after = *cur;
			cur->tot = a - 1;
			PUSH(L, res, (residence){a, b < after.tot ? b : after.tot, after.gemeente, 1});
			if (after.tot == DAY_OPEN || b < after.tot)
				PUSH(L, res, (residence){b + 1, after.tot, after.gemeente, 0});
		}
	}
}
