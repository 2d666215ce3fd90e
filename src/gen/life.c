/*
 * life.c - one child's life (life.h): from birth or arrival to the extraction
 * date, with the facts of SPEC 3.1 the registry then holds. The steps of the
 * simulation are in life_*.c (life_sim.h); here the whole life is put
 * together and cut at the extraction date.
 */
#include "life.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../core/sort.h"
#include "life_sim.h"
#include "names.h"
#include "years.h"

const char *const GEN_MELDING[5] = {"relatief verzuim", "langdurig relatief verzuim", "verwijdering",
				    "ziekteverzuim", "schorsing"};
const char *const LIFE_TAGS[TAG_COUNT] = {"nieuwkomer", "stopt", "uitgeschreven-na-lrv", "voortijdig",
					  "mbo-switch", "wissel-met-gat", "verwijderd-met-gat", "vertrokken-zonder-melding",
					  "mbo-februari", "geen-mbo", "mbo-later", "5a-met-gat", "verhuisd-met-gat",
					  "terug-uit-buitenland", "komt-niet-terug"};

/* ---- what the registry holds on the extraction date ---------------------- */

/* The canonical order of facts within a pupil is the core's (dataset.h); a
 * vrijstelling is ordered by its fact alone. */
static int vrij_cmp(const void *a, const void *b)
{
	return vrijstelling_cmp(&((const g_vrij *)a)->fact, &((const g_vrij *)b)->fact);
}

/* What the registry knows of an enrolment on the extraction date. */
enum { ENR_KNOWN, ENR_OPEN, ENR_UNRECORDED, ENR_OLD };

/* Whether absence row a lies in an enrolment at its school that the
 * registry does not know yet. */
static bool in_unknown_enrolment(const life *L, const uint8_t *known, const absence *a)
{
	for (size_t i = 0; i < L->n_enr; i++)
		if (known[i] == ENR_UNRECORDED && L->enr[i].school == a->school && L->enr[i].van <= a->van && a->van <= L->enr[i].tot)
			return true;
	return false;
}

/* Cut the life at the extraction date: what starts later is not known (an
 * mbo place starting within four months is: it has been registered), what
 * has not ended yet is open, and a request not yet decided is pending. An
 * enrolment is known once the school has recorded it, and its end once the
 * de-registration is recorded (recording_delay: most the same day, some
 * weeks late); until then the enrolment is missing or open, and so is the
 * absence the school recorded under it.
 * Returns whether the child has a residence or enrolment in the window. */
static bool finalize(sim *s)
{
	const gen_ctx *c = s->c;
	life *L = s->L;
	day_t stand = c->stand;
	bool seen = false;
	size_t k = 0;
	for (size_t i = 0; i < L->n_res; i++) {
		residence r = L->res[i];
		if (r.van > stand)
			continue;
		if (r.tot > stand)
			r.tot = DAY_OPEN;
		seen = seen || r.tot >= c->window;
		L->res[k++] = r;
	}
	L->n_res = k;
	/* The registry holds the school career from the history date on, and
	 * the last enrolment before it (what SPEC 4 can still ask about). */
	day_t last_before = DAY_NONE;
	for (size_t i = 0; i < L->n_enr; i++)
		if (L->enr[i].tot < c->history && (last_before == DAY_NONE || L->enr[i].tot > last_before))
			last_before = L->enr[i].tot;
	/* When each enrolment and its end were recorded: drawn for every
	 * enrolment of the life, whatever the stand, so that every extract of a
	 * series sees the same recording days. */
	L->known = xgrow(L->known, &L->cap_known, L->n_enr ? L->n_enr : 1, sizeof *L->known);
	L->n_known = L->n_enr;
	for (size_t i = 0; i < L->n_enr; i++) {
		enrolment *e = &L->enr[i];
		day_t rec_van = e->van + recording_delay(s, e->school, false);
		day_t rec_tot = e->tot == DAY_OPEN ? DAY_OPEN : e->tot + recording_delay(s, e->school, true);
		bool planned = c->r->school[e->school].soort == SOORT_MBO && e->van - stand <= 120;
		if (e->tot < last_before)
			L->known[i] = ENR_OLD;
		else if (!planned && (e->van > stand || rec_van > stand))
			L->known[i] = ENR_UNRECORDED;
		else
			L->known[i] = e->tot > stand || rec_tot > stand ? ENR_OPEN : ENR_KNOWN;
	}
	k = 0;
	for (size_t i = 0; i < L->n_abs; i++) {
		absence a = L->abs[i];
		if (a.van > stand || in_unknown_enrolment(L, L->known, &a))
			continue;
		if (a.tot > stand) {
			/* Still going on: the hours of the rest are not known. */
			a.tot = DAY_OPEN;
			a.uren = -1;
		}
		L->abs[k++] = a;
	}
	L->n_abs = k;
	k = 0;
	for (size_t i = 0; i < L->n_enr; i++) {
		enrolment e = L->enr[i];
		if (L->known[i] == ENR_OLD || L->known[i] == ENR_UNRECORDED)
			continue;
		if (L->known[i] == ENR_OPEN)
			e.tot = DAY_OPEN;
		seen = seen || e.tot >= c->window;
		L->enr[k++] = e;
	}
	L->n_enr = k;
	if (!seen)
		return false;
	k = 0;
	for (size_t i = 0; i < L->n_vrij; i++) {
		g_vrij v = L->vrij[i];
		if (v.fact.aanvraag > stand)
			continue;
		if (v.besluit > stand) {
			v.fact.status = VS_AANGEVRAAGD;
			v.fact.van = DAY_NONE;
			v.fact.tot = DAY_OPEN;
		}
		L->vrij[k++] = v;
	}
	L->n_vrij = k;
	k = 0;
	for (size_t i = 0; i < L->n_meld; i++)
		if (L->meld[i].datum_melding <= stand)
			L->meld[k++] = L->meld[i];
	L->n_meld = k;
	if (L->startkwal != DAY_NONE && L->startkwal > stand)
		L->startkwal = DAY_NONE;
	/* Offers are made while the child must go to school: none after the
	 * end of kwalificatieplicht (the 18th birthday, or the startkwalificatie
	 * as the registry knows it), and no place from after that day. */
	day_t kwal_end = kwalificatieplicht_end(L->birth, L->startkwal);
	k = 0;
	for (size_t i = 0; i < L->n_aan; i++) {
		aanbod a = L->aan[i];
		if (a.datum > stand || a.datum > kwal_end)
			continue;
		if (a.plaats_per != DAY_NONE && a.plaats_per > kwal_end)
			a.plaats_per = DAY_NONE;
		L->aan[k++] = a;
	}
	L->n_aan = k;
	sort_array(L->res, L->n_res, sizeof *L->res, residence_cmp);
	sort_array(L->enr, L->n_enr, sizeof *L->enr, enrolment_cmp);
	sort_array(L->abs, L->n_abs, sizeof *L->abs, absence_cmp);
	sort_array(L->vrij, L->n_vrij, sizeof *L->vrij, vrij_cmp);
	sort_array(L->meld, L->n_meld, sizeof *L->meld, melding_cmp);
	sort_array(L->aan, L->n_aan, sizeof *L->aan, aanbod_cmp);
	return true;
}

/* ---- the whole life ----------------------------------------------------- */

static day_t vo_start(const sim *s, bool late)
{
	int y = s->bc.year + 12 + (s->bc.month >= 10 ? 1 : 0) + (late ? 1 : 0);
	return aug1(y);
}

bool life_generate(const gen_ctx *c, rng *r, int32_t home, int birth_year, life *L)
{
	L->n_res = L->n_enr = L->n_abs = L->n_vrij = L->n_meld = L->n_aan = L->n_busy = 0;
	L->onderwijsnummer = false;
	day_t jan1 = day_from_civil(birth_year, 1, 1);
	day_t birth = jan1 + (day_t)rng_below(r, (uint32_t)(day_from_civil(birth_year + 1, 1, 1) - jan1));
	sim s = {.c = c, .r = c->r, .rng = r, .L = L, .home = home, .enr = -1};
	s.bc = civil_from_day(birth);
	s.lp_start = leerplicht_start_c(s.bc);
	s.adult = kwalificatieplicht_end_c(s.bc, DAY_NONE) + 1; /* the 18th birthday */
	/* Relevant to the window: of compulsory age or at school (from 4) in it. */
	if (s.adult <= c->window)
		return false;
	s.end = min_day(c->horizon, s.adult);
	day_t natural_end = s.end;
	const ref_gemeente *g = &c->r->gem[home];
	s.f_av = g->f_av, s.f_lrv = g->f_lrv, s.f_5a = g->f_5a;

	L->birth = birth;
	L->tags = 0;
	L->startkwal = DAY_NONE;
	L->girl = rng_chance(r, 0.49);
	L->newcomer = rng_chance(r, P.newcomer * g->f_imm);
	if (L->newcomer)
		L->tags |= TAG_NEWCOMER;
	day_t arrival = birth;
	if (L->newcomer)
		arrival = birth + (day_t)(rng_unit(r) * 17.5 * YEAR);
	L->onderwijsnummer = L->newcomer && arrival > birth + 4 * YEAR && rng_chance(r, 0.08);
	L->voornaam = name_first(r, L->girl, L->newcomer);
	L->achternaam = name_last(r, L->newcomer);
	/* Not yet known on the extraction date: under 4, or not yet arrived.
	 * The identity above is drawn all the same, so that the numbers of the
	 * children after this one do not depend on the stand (main.c). */
	if (birthday_in_year_c(s.bc, s.bc.year + 4) > c->stand || arrival > c->stand)
		return false;
	build_residence(&s, arrival);

	/* Whole-childhood exemptions. */
	double u = rng_unit(r);
	double p5a = P.v5a_perm_start * g->f_5a, p5b = P.v5b * g->f_5b, p5c = P.v5c * g->f_5c;
	day_t first_school = birthday_in_year_c(s.bc, s.bc.year + 4);
	if (L->newcomer && arrival > first_school - 30) {
		/* Newcomers: arrival, then a search for a place. */
		first_school = arrival + (day_t)rng_lognormal(r, P.newcomer_gap * sqrt(s.f_av), 0.6);
	}
	if (u < p5a) {
		day_t van = max_day(s.lp_start, arrival + 60);
		add_vrij(&s, "5a", van - rng_range(r, 30, 150), van, DAY_OPEN, van - 10, VS_VERLEEND);
		goto done;
	}
	u -= p5a;
	if (u < p5b) {
		yearly_exemptions(&s, "5b", max_day(s.lp_start, arrival + 30));
		goto done;
	}
	u -= p5b;
	bool abroad_from_start = false, abroad_from_vo = false;
	if (u < p5c) {
		abroad_from_start = rng_chance(r, 0.55);
		abroad_from_vo = !abroad_from_start;
	} else if (u - p5c < P.chronic * s.f_av) {
		L->tags |= TAG_CHRONIC;
		/* Stops going to school at some age and never returns. */
		day_t stop = birth + (day_t)((6 + rng_unit(r) * 10) * YEAR);
		if (stop < s.end)
			s.end = max_day(stop, first_school + 30);
		if (s.end > natural_end)
			s.end = natural_end;
	}

	/* Plan the stints: primary, secondary, vocational. */
	stint plan[6];
	size_t n = 0;
	day_t vo = vo_start(&s, rng_chance(r, 0.08));
	if (abroad_from_start) {
		yearly_exemptions(&s, "5c", max_day(s.lp_start, arrival));
		goto done;
	}
	uint8_t po = SOORT_BAO;
	double x = rng_unit(r);
	if (x < 0.006) {
		po = SOORT_SO;
		plan[n++] = (stint){SOORT_SO, first_school, vo - 1};
	} else if (x < 0.006 + 0.025 && first_school < vo - 2 * YEAR) {
		day_t at = aug1(s.bc.year + 7 + (int)rng_below(r, 4));
		if (at <= first_school || at >= vo)
			at = first_school + (vo - first_school) / 2;
		plan[n++] = (stint){SOORT_BAO, first_school, at - 1};
		plan[n++] = (stint){SOORT_SBO, at, vo - 1};
		po = SOORT_SBO;
	} else if (x < 0.006 + 0.025 + 0.008 && first_school < vo - 2 * YEAR) {
		day_t at = aug1(s.bc.year + 6 + (int)rng_below(r, 5));
		if (at <= first_school || at >= vo)
			at = first_school + (vo - first_school) / 2;
		plan[n++] = (stint){SOORT_BAO, first_school, at - 1};
		plan[n++] = (stint){SOORT_SO, at, vo - 1};
		po = SOORT_SO;
	} else {
		plan[n++] = (stint){SOORT_BAO, first_school, vo - 1};
	}
	if (first_school >= vo)
		n = 0; /* arrived at secondary age */
	if (abroad_from_vo) {
		yearly_exemptions(&s, "5c", max_day(vo, arrival));
	} else {
		static const double after_bao[3] = {0.955, 0.03, 0.015}, after_sbo[3] = {0.55, 0.35, 0.10},
				    after_so[3] = {0.10, 0.05, 0.85};
		const double *w = po == SOORT_BAO ? after_bao : po == SOORT_SBO ? after_sbo : after_so;
		static const uint8_t kinds[3] = {SOORT_VO, SOORT_PRO, SOORT_VSO};
		uint8_t vs = kinds[rng_pick(r, w, 3)];
		day_t vo_van = max_day(vo, first_school);
		if (vs != SOORT_VO) {
			plan[n++] = (stint){vs, vo_van, DAY_OPEN};
		} else {
			static const double tracks[3] = {0.52, 0.26, 0.22};
			int track = (int)rng_pick(r, tracks, 3);
			int years = 4 + track + (rng_chance(r, 0.15) ? 1 : 0) + (rng_chance(r, 0.1) ? 1 : 0);
			day_t vo_end = jul31(school_year(vo) + years);
			plan[n++] = (stint){SOORT_VO, vo_van, vo_end};
			if (track > 0) {
				/* havo or vwo diploma: a startkwalificatie */
				L->startkwal = day_from_civil(school_year(vo) + years, 7, 1) + rng_range(r, 0, 11);
			} else {
				day_t m = vo_end + 1;
				double y = rng_unit(r);
				if (y < P.feb_intake * s.f_av) {
					m = day_from_civil(school_year(vo) + years + 1, 2, 1);
					L->tags |= TAG_FEB;
				} else if (y < (P.feb_intake + P.late_mbo) * s.f_av) {
					m = vo_end + rng_range(r, 20, 80);
					L->tags |= TAG_LATE_MBO;
				} else if (y < (P.feb_intake + P.late_mbo + P.no_mbo) * s.f_av) {
					m = vo_end + 60 + (day_t)rng_exp(r, 300);
					L->tags |= TAG_NO_MBO;
				}
				plan[n++] = (stint){SOORT_MBO, m, DAY_OPEN};
				if (rng_chance(r, 0.05))
					L->startkwal = birthday_in_year_c(s.bc, s.bc.year + 17) + rng_range(r, 60, 330);
			}
		}
	}
	/* A permanent 5a later in childhood ends schooling for good. */
	if (rng_chance(r, P.v5a_perm_late * s.f_5a * 12 * (po == SOORT_SO ? 8 : 1))) {
		day_t at = birth + (day_t)((6 + rng_unit(r) * 11) * YEAR);
		if (at > first_school && at < s.end) {
			add_vrij(&s, "5a", at - rng_range(r, 30, 120), at, DAY_OPEN, at - 10, VS_VERLEEND);
			s.end = at - 1;
		}
	}
	walk(&s, plan, n);
	/* Stopped before the end (a permanent 5a, or gave up on school). */
	if (s.enr >= 0 && s.end < natural_end)
		close_enrolment(&s, s.end);
	small_episodes(&s);
done:
	unrecorded_absence(&s);
	report_duties(&s);
	return finalize(&s);
}

void life_free(life *L)
{
	free(L->res);
	free(L->enr);
	free(L->abs);
	free(L->vrij);
	free(L->meld);
	free(L->aan);
	free(L->busy);
	free(L->known);
	free(L->day_hours);
	memset(L, 0, sizeof *L);
}
