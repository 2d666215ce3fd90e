/*
 * life_sim.h - what the files of the life simulation share (life.c and the
 * life_*.c beside it): the calibration, the state of one simulation, and the
 * steps each file provides. Not for use outside them.
 */
#ifndef INBEELD_GEN_LIFE_SIM_H
#define INBEELD_GEN_LIFE_SIM_H

#include "../util/alloc.h"
#include "life.h"

/* The kinds of everyday absence: sick days, going home sick (hours), an
 * appointment (authorised hours), authorised leave days, skipped lessons. */
enum { EVERYDAY_SICK, EVERYDAY_SICK_HOURS, EVERYDAY_APPOINTMENT, EVERYDAY_LEAVE, EVERYDAY_SKIP, EVERYDAY_COUNT };

/* The calibration (life_params.c).
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
	double lrv[SOORT_COUNT]; /* long unauthorised absence, by school kind */
	double lrv_tail;	    /* mean days beyond the first 30 */
	double lrv_outcome[4];	    /* return, transfer, deregistration, 5a */
	double expel[SOORT_COUNT]; /* expulsion */
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
	double melding_missing;	    /* sick spells never reported */
	double aanbod;		    /* share of long cases with an offer */

	/* Everyday absence in the detail years (life_everyday.c): a share of
	 * school time, lognormal between pupils (persistent) and from year to
	 * year, times a factor per school kind, made up of the kinds below. */
	double absence_median;
	double absence_sigma, absence_sigma_year;
	double absence_soort[SOORT_COUNT];
	double absence_mix[EVERYDAY_COUNT]; /* of the absent time, by kind */
	double skipper;		    /* pupils who skip lessons now and then (times min(proneness, 2) / 1.3) */
	double sick_medium;	    /* sick spells of 7 to 19 school days (all years) */
	double lesuur_share;	    /* weekly truancy patterns of some lesuren, not whole days */

	/* Reporting the 16 hours (life_duties.c), by the school's discipline:
	 * never, within days, or late (median days beyond the first week). */
	double report_never[DISCIPLINE_COUNT];
	double report_soon[DISCIPLINE_COUNT];
	double report_late;
	/* Recording enrolments and their ends: the share more than 7 days
	 * late by discipline, the median of that lateness, and how much more
	 * often a de-registration is late. */
	double record_late[DISCIPLINE_COUNT];
	double record_late_median;
	double record_end_factor;
} params;

extern const params P;

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
	double proneness; /* how much more absent than the median pupil (lognormal) */
	bool skipper;	  /* skips lessons now and then */
} sim;

static inline day_t min_day(day_t a, day_t b)
{
	return a < b ? a : b;
}

static inline day_t max_day(day_t a, day_t b)
{
	return a > b ? a : b;
}

/* ---- life_facts.c: days and schools, and the facts a registry records ---- */

const holiday_calendar *cal_of_school(const sim *s, int32_t site);
/* The first school day on or after d, the last on or before d, and the n-th
 * school day after d (0: the first on or after d). */
day_t school_day_from(const holiday_calendar *cal, day_t d);
day_t school_day_until(const holiday_calendar *cal, day_t d);
day_t school_days_after(const holiday_calendar *cal, day_t d, int n);
int age_at(const sim *s, day_t d);
/* Whether an episode already takes some of [van, tot]; mark one. */
bool busy(const sim *s, day_t van, day_t tot);
void mark_busy(sim *s, day_t van, day_t tot);
/* The residence gemeente on d (-1: none), and the first day after d on
 * which it differs. */
int32_t gem_at(const sim *s, day_t d);
day_t next_move(const sim *s, day_t d);
int32_t pick_school(sim *s, int soort, int32_t gem);
void open_enrolment(sim *s, int32_t site, day_t van);
void close_enrolment(sim *s, day_t tot);
int32_t current_school(const sim *s);
int32_t day_hours(const sim *s, int32_t site);
void add_absence(sim *s, int32_t site, uint8_t soort, day_t van, day_t tot, int style);
void add_melding(sim *s, int32_t site, day_t eerste, uint8_t soort, double delay_median);
void add_aanbod(sim *s, day_t start, day_t resolved, double p);
void add_vrij(sim *s, const char *grond, day_t aanvraag, day_t van, day_t tot, day_t besluit, uint8_t status);

/* ---- life_residence.c ------------------------------------------------------ */

void build_residence(sim *s, day_t start);

/* ---- life_career.c: the school career --------------------------------------- */

typedef struct stint {
	uint8_t soort;
	day_t van, tot; /* tot DAY_OPEN: until the end */
} stint;

/* Walk through the planned stints, drawing events as they come. */
void walk(sim *s, const stint *plan, size_t n);

/* ---- life_episodes.c --------------------------------------------------------- */

void small_episodes(sim *s);
void yearly_exemptions(sim *s, const char *grond, day_t first);

/* ---- life_everyday.c ---------------------------------------------------------- */

/* Hundredths of an hour of n lesuren of 50 minutes (1: 0.83, 3: 2.50). */
int32_t lesuren(int n);
/* Everyday absence of an enrolment over [from, to] (inside the detail years). */
void everyday_absence(sim *s, const enrolment *e, day_t from, day_t to);

/* ---- life_duties.c ------------------------------------------------------------ */

/* The meldingen of the 16 hours in four lesweken, as the schools make them:
 * from all unauthorised absence of the life (after the career and the
 * episodes). */
void report_duties(sim *s);
/* Absence at a school in its weeks without records (ref.h) is not
 * recorded: rows are cut around them, with their share of the hours. */
void unrecorded_absence(sim *s);
/* Days between an enrolment's start (end) and the school recording it. */
day_t recording_delay(sim *s, int32_t site, bool end);

#endif
