#include "life.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../core/sort.h"
#include "../util/alloc.h"
#include "names.h"
#include "years.h"

const char *const GEN_MELDING[5] = {"relatief verzuim", "langdurig relatief verzuim", "verwijdering",
				    "ziekteverzuim", "schorsing"};
const char *const LIFE_TAGS[TAG_COUNT] = {"nieuwkomer", "stopt", "uitgeschreven-na-lrv", "voortijdig",
					  "mbo-switch", "wissel-met-gat", "verwijderd-met-gat", "vertrokken-zonder-melding",
					  "mbo-februari", "geen-mbo", "mbo-later", "5a-met-gat", "verhuisd-met-gat",
					  "terug-uit-buitenland", "komt-niet-terug"};

/* ---- calibration ---------------------------------------------------------
 * Rates are per pupil-year unless said otherwise; durations in calendar days.
 * The values were fitted so that the count at 1 November matches seed 004
 * (docs/generator.md shows the fit); the gemeente factors of ref.h multiply
 * them locally. */
typedef struct params {
	double newcomer;	    /* share of children born abroad who arrive later */
	double newcomer_gap;	    /* median days from arrival to the first school */
	double move;		    /* moves to another gemeente */
	double emigrate;	    /* share who emigrate during the simulated years */
	double emigrate_return;	    /* of those, share who come back */
	double emigrate_admin;	    /* of those, share who leave without deregistering */
	double admin_delay;	    /* median days until the gemeente starts an address investigation */
	double onderzoek_noise;	    /* enrolled pupils with an address under investigation for a while */
	double lrv[SOORT_COUNT];	    /* long unauthorised absence, by school kind */
	double lrv_tail;	    /* mean days beyond the first 30 */
	double lrv_outcome[4];	    /* return, transfer, deregistration, 5a */
	double expel[SOORT_COUNT];	    /* expulsion */
	double dropout;		    /* leaving school at 16 or 17 without a diploma */
	double mbo_early;	    /* leaving an mbo in the first 100 days (switchers) */
	double switch_gap;	    /* changing school with days or weeks in between */
	double v5a_temp;	    /* temporary 5a exemption without a preceding absence */
	double v5a_perm_start;	    /* permanent 5a from the start of leerplicht */
	double v5a_perm_late;	    /* permanent 5a later in life (after SO/VSO) */
	double v5b;		    /* families objecting to all schools nearby */
	double v5c;		    /* children at school abroad */
	double v5c_late;	    /* share of yearly 5c requests made after the school year began */
	double chronic;		    /* children who stop going to school for good */
	double sick_long[SOORT_COUNT]; /* sick for four weeks or longer */
	double truancy[SOORT_COUNT];   /* weekly truancy patterns */
	double spell;		    /* short unauthorised spells of days */
	double sick_short;	    /* short sick spells */
	double mazl;		    /* frequent sickness (4 spells in 12 weeks) */
	double suspend[SOORT_COUNT];   /* suspensions */
	double leave;		    /* extra leave (art. 11) granted */
	double dual;		    /* a second, overlapping enrolment for some months */
	double feb_intake;	    /* vmbo leavers waiting for the February mbo intake */
	double late_mbo;	    /* vmbo leavers starting mbo weeks late */
	double no_mbo;		    /* vmbo leavers not enrolling anywhere */
	double melding_missing;	    /* long absences never reported */
	double melding_delay;	    /* median days from first day of absence to the report */
	double aanbod;		    /* share of long cases with an offer */
} params;

static const params P = {
	.newcomer = 0.12,
	.newcomer_gap = 40.0,
	.move = 0.035,
	.emigrate = 0.035,
	.emigrate_return = 0.3,
	.emigrate_admin = 0.22,
	.admin_delay = 50.0,
	.onderzoek_noise = 0.004,
	.lrv = {0.0011, 0.0025, 0.0049, 0.0068, 0.0098, 0.0098, 0.0074},
	.lrv_tail = 180.0,
	.lrv_outcome = {0.58, 0.23, 0.09, 0.10},
	.expel = {0.0003, 0.0008, 0.0010, 0.0015, 0.0010, 0.0015, 0.0010},
	.dropout = 0.013,
	.mbo_early = 0.09,
	.switch_gap = 0.012,
	.v5a_temp = 0.0015,
	.v5a_perm_start = 0.00052,
	.v5a_perm_late = 0.00004,
	.v5b = 0.000227,
	.v5c = 0.0041,
	.v5c_late = 0.03,
	.chronic = 0.00001,
	.sick_long = {0.0040, 0.0080, 0.0120, 0.0080, 0.0140, 0.0100, 0.0100},
	.truancy = {0.006, 0.02, 0.02, 0.045, 0.05, 0.05, 0.06},
	.spell = 0.012,
	.sick_short = 0.07,
	.mazl = 0.012,
	.suspend = {0.002, 0.004, 0.006, 0.012, 0.010, 0.012, 0.006},
	.leave = 0.004,
	.dual = 0.004,
	.feb_intake = 0.0017,
	.late_mbo = 0.03,
	.no_mbo = 0.0015,
	.melding_missing = 0.12,
	.melding_delay = 11.0,
	.aanbod = 0.7,
};

#define YEAR 365.25

#define PUSH(L, arr, ...)                                                             \
	do {                                                                          \
		(L)->arr = xgrow((L)->arr, &(L)->cap_##arr, (L)->n_##arr + 1, sizeof *(L)->arr); \
		(L)->arr[(L)->n_##arr++] = __VA_ARGS__;                               \
	} while (0)

/* The state of one simulation. */
typedef struct sim {
	const gen_ctx *c;
	const ref *r;
	rng *rng;
	life *L;
	int32_t home;
	civil bc;
	day_t lp_start, adult;	/* leerplicht starts; the 18th birthday */
	day_t end;		/* nothing is simulated after this (stand or 18th birthday) */
	day_t gone, back;	/* emigration (DAY_OPEN: never) and return (DAY_OPEN: none) */
	bool admin_gone;	/* left without deregistering */
	int32_t enr;		/* the open enrolment (index into L->enr), -1 when none */
	double f_av, f_lrv, f_5a;
} sim;

/* ---- helpers ------------------------------------------------------------ */

static day_t min_day(day_t a, day_t b)
{
	return a < b ? a : b;
}

static day_t max_day(day_t a, day_t b)
{
	return a > b ? a : b;
}

static const holiday_calendar *cal_of_school(const sim *s, int32_t site)
{
	const ref_school *sc = &s->r->school[site];
	return &s->c->hol->cal[s->r->gem[sc->gem].regio];
}

static day_t school_day_from(const holiday_calendar *cal, day_t d)
{
	for (int i = 0; i < 120 && !is_school_day(cal, d); i++)
		d++;
	return d;
}

static day_t school_day_until(const holiday_calendar *cal, day_t d)
{
	for (int i = 0; i < 120 && !is_school_day(cal, d); i++)
		d--;
	return d;
}

/* The n-th school day after d (n >= 0; 0 gives the first on or after d). */
static day_t school_days_after(const holiday_calendar *cal, day_t d, int n)
{
	d = school_day_from(cal, d);
	while (n-- > 0)
		d = school_day_from(cal, d + 1);
	return d;
}

static int age_at(const sim *s, day_t d)
{
	return age_on(day_from_civil(s->bc.year, s->bc.month, s->bc.day), d);
}

static bool busy(const sim *s, day_t van, day_t tot)
{
	for (size_t i = 0; i < s->L->n_busy; i++)
		if (s->L->busy[i].from <= tot && van <= s->L->busy[i].to)
			return true;
	return false;
}

static void mark_busy(sim *s, day_t van, day_t tot)
{
	PUSH(s->L, busy, (day_range){van, tot});
}

static int32_t gem_at(const sim *s, day_t d)
{
	for (size_t i = 0; i < s->L->n_res; i++)
		if (s->L->res[i].van <= d && d <= s->L->res[i].tot)
			return s->L->res[i].gemeente;
	return -1;
}

/* The first day after d on which the residence gemeente differs from that on d. */
static day_t next_move(const sim *s, day_t d)
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
static int32_t pick_school(sim *s, int soort, int32_t gem)
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

static void open_enrolment(sim *s, int32_t site, day_t van)
{
	PUSH(s->L, enr, (enrolment){van, DAY_OPEN, site});
	s->enr = (int32_t)s->L->n_enr - 1;
}

static void close_enrolment(sim *s, day_t tot)
{
	if (s->enr < 0)
		return;
	enrolment *e = &s->L->enr[s->enr];
	e->tot = tot < e->van ? e->van : tot;
	s->enr = -1;
}

static int32_t current_school(const sim *s)
{
	return s->enr >= 0 ? s->L->enr[s->enr].school : -1;
}

/* Hours of a school day: 5.5 in primary, 6 in secondary education. */
static int32_t day_hours(const sim *s, int32_t site)
{
	return soort_sector(s->r->school[site].soort) == SECTOR_PO ? 550 : 600;
}

/* Record absence from van to tot (school days) at a school, as a school
 * would: one period, a period per week, or periods between holidays. All
 * three form one run under SPEC 4. What lies after the extraction date is
 * not known yet: the period then stays open. */
static void add_absence(sim *s, int32_t site, uint8_t soort, day_t van, day_t tot, int style)
{
	const holiday_calendar *cal = cal_of_school(s, site);
	day_t stand = s->c->stand;
	if (van > stand || tot < van)
		return;
	bool ongoing = tot > stand;
	if (style == 0 || tot - van < 7) {
		int32_t uren = -1;
		if (tot == van && soort != VZ_ZIEK)
			uren = (int32_t)rng_range(s->rng, 2, 12) * 50;
		PUSH(s->L, abs, (absence){van, ongoing ? DAY_OPEN : tot, site, uren, soort});
		return;
	}
	size_t first = s->L->n_abs;
	day_t d = van;
	while (d <= tot && d <= stand) {
		d = school_day_from(cal, d);
		if (d > tot || d > stand)
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
	if (ongoing && s->L->n_abs > first)
		s->L->abs[s->L->n_abs - 1].tot = DAY_OPEN;
}

static void add_melding(sim *s, int32_t site, day_t eerste, uint8_t soort, double delay_median)
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
static void add_aanbod(sim *s, day_t start, day_t resolved, double p)
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

static void add_vrij(sim *s, const char *grond, day_t aanvraag, day_t van, day_t tot, day_t besluit, uint8_t status)
{
	if (status == VS_VERLEEND && !vrij_free(s, van, tot))
		return;
	g_vrij v = {.fact = {.aanvraag = aanvraag, .van = van, .tot = tot, .status = status}, .besluit = besluit};
	memcpy(v.fact.grond, grond, strlen(grond) < 3 ? strlen(grond) : 3);
	PUSH(s->L, vrij, v);
}

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
static void build_residence(sim *s, day_t start)
{
	life *L = s->L;
	day_t span_end = min_day(s->c->stand, s->adult);
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

/* ---- the school career -------------------------------------------------- */

typedef struct stint {
	uint8_t soort;
	day_t van, tot; /* tot DAY_OPEN: until the end */
} stint;

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
	add_melding(s, site, start, last - start > 60 ? MS_LANGDURIG : MS_RELATIEF, P.melding_delay);
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
		if (run_start < last) {
			add_absence(s, site, VZ_ONGEOORLOOFD, run_start, last, style(s));
			add_melding(s, site, run_start, MS_RELATIEF, P.melding_delay);
		}
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
static void walk(sim *s, const stint *plan, size_t n)
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

/* ---- small episodes within enrolments ----------------------------------- */

static void small_episodes(sim *s)
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
static void yearly_exemptions(sim *s, const char *grond, day_t first)
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

/* ---- what the registry holds on the extraction date ---------------------- */

/* The canonical order of facts within a pupil is the core's (dataset.h); a
 * vrijstelling is ordered by its fact alone. */
static int vrij_cmp(const void *a, const void *b)
{
	return vrijstelling_cmp(&((const g_vrij *)a)->fact, &((const g_vrij *)b)->fact);
}

/* Cut the life at the extraction date: what starts later is not known (an
 * mbo place starting within four months is: it has been registered), what
 * has not ended yet is open, and a request not yet decided is pending.
 * Returns whether the child has a residence or enrolment in the window. */
static bool finalize(const gen_ctx *c, life *L)
{
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
	k = 0;
	for (size_t i = 0; i < L->n_enr; i++) {
		enrolment e = L->enr[i];
		if (e.tot < last_before)
			continue;
		bool planned = c->r->school[e.school].soort == SOORT_MBO && e.van - stand <= 120;
		if (e.van > stand && !planned)
			continue;
		if (e.tot > stand)
			e.tot = DAY_OPEN;
		seen = seen || e.tot >= c->window;
		L->enr[k++] = e;
	}
	L->n_enr = k;
	if (!seen)
		return false;
	k = 0;
	for (size_t i = 0; i < L->n_abs; i++) {
		absence a = L->abs[i];
		if (a.van > stand)
			continue;
		if (a.tot > stand)
			a.tot = DAY_OPEN;
		L->abs[k++] = a;
	}
	L->n_abs = k;
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
	k = 0;
	for (size_t i = 0; i < L->n_aan; i++)
		if (L->aan[i].datum <= stand)
			L->aan[k++] = L->aan[i];
	L->n_aan = k;
	if (L->startkwal != DAY_NONE && L->startkwal > stand)
		L->startkwal = DAY_NONE;
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
	day_t jan1 = day_from_civil(birth_year, 1, 1);
	day_t birth = jan1 + (day_t)rng_below(r, (uint32_t)(day_from_civil(birth_year + 1, 1, 1) - jan1));
	sim s = {.c = c, .r = c->r, .rng = r, .L = L, .home = home, .enr = -1};
	s.bc = civil_from_day(birth);
	s.lp_start = leerplicht_start_c(s.bc);
	s.adult = kwalificatieplicht_end_c(s.bc, DAY_NONE) + 1; /* the 18th birthday */
	/* Relevant to the window: of compulsory age or at school (from 4) in it. */
	if (s.adult <= c->window || birthday_in_year_c(s.bc, s.bc.year + 4) > c->stand)
		return false;
	s.end = min_day(c->stand, s.adult);
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
	if (L->newcomer) {
		arrival = birth + (day_t)(rng_unit(r) * 17.5 * YEAR);
		if (arrival > c->stand)
			return false;
	}
	L->onderwijsnummer = L->newcomer && arrival > birth + 4 * YEAR && rng_chance(r, 0.08);
	L->voornaam = name_first(r, L->girl, L->newcomer);
	L->achternaam = name_last(r, L->newcomer);
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
	return finalize(c, L);
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
	memset(L, 0, sizeof *L);
}
