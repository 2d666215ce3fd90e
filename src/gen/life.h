/*
 * life.h - one child's life as the registry sees it.
 *
 * life_generate() simulates a child from birth (or arrival in the
 * Netherlands) to the extraction date: where it lives, which schools it
 * attends, and what goes wrong on the way - absence, sickness, suspension,
 * expulsion, dropping out, moving, migrating, exemptions - and produces the
 * facts of SPEC 3.1 that the registry would hold about it on that date.
 * The rates are calibrated so that the national count at 1 November matches
 * the published 2014/2015 figures (SPEC 10, seed 004); see docs/generator.md.
 */
#ifndef INBEELD_GEN_LIFE_H
#define INBEELD_GEN_LIFE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/dataset.h"
#include "holidays.h"
#include "ref.h"
#include "rng.h"

/* A life's facts are the core's own (dataset.h): residence, enrolment,
 * absence (soort a verzuim_soort), melding and aanbod, with reference indices
 * into the generator's ref (code order, as in a dataset), and the core's
 * names and canonical order when written. A vrijstelling also carries when it
 * is decided: */
typedef struct g_vrij {
	vrijstelling fact; /* status a vrij_status; kind is not set (the fact
			    * builder derives it from grond when reading) */
	day_t besluit;	   /* when decided (not written: a decision after the
			    * extraction date leaves the request open) */
} g_vrij;

/* The kinds of melding the generator writes. The core keeps a melding's
 * soort as free text (SPEC 3.1 names no values), so it has no table of them. */
enum { MS_RELATIEF, MS_LANGDURIG, MS_VERWIJDERING, MS_ZIEK, MS_SCHORSING };
extern const char *const GEN_MELDING[5];

#define LIFE_ARRAY(T, name) \
	T *name;            \
	size_t n_##name, cap_##name

/* What happened in a life that can leave a child out of school (for
 * calibration: inbeeld-gen --tags). */
enum {
	TAG_NEWCOMER = 1u << 0,
	TAG_CHRONIC = 1u << 1,
	TAG_LRV_DEREG = 1u << 2,
	TAG_DROPOUT = 1u << 3,
	TAG_MBO_EARLY = 1u << 4,
	TAG_SWITCH = 1u << 5,
	TAG_EXPEL_GAP = 1u << 6,
	TAG_ADMIN = 1u << 7,
	TAG_FEB = 1u << 8,
	TAG_NO_MBO = 1u << 9,
	TAG_LATE_MBO = 1u << 10,
	TAG_5A_GAP = 1u << 11,
	TAG_MOVE_GAP = 1u << 12,
	TAG_RETURN = 1u << 13,
	TAG_NO_RETURN = 1u << 14,
	TAG_COUNT = 15
};
extern const char *const LIFE_TAGS[TAG_COUNT];

typedef struct life {
	day_t birth, startkwal; /* startkwal DAY_NONE when none */
	uint32_t tags;
	bool girl, newcomer, onderwijsnummer;
	const char *voornaam, *achternaam;
	LIFE_ARRAY(residence, res);
	LIFE_ARRAY(enrolment, enr);
	LIFE_ARRAY(absence, abs);
	LIFE_ARRAY(g_vrij, vrij);
	LIFE_ARRAY(melding, meld);
	LIFE_ARRAY(aanbod, aan);
	/* Scratch for the simulation. */
	LIFE_ARRAY(day_range, busy);
	LIFE_ARRAY(uint8_t, known);	/* per enrolment: what the registry knows of it */
	LIFE_ARRAY(int32_t, day_hours); /* unauthorised hours a day (duties.c) */
} life;

typedef struct gen_ctx {
	const ref *r;
	const holiday_list *hol;
	uint64_t seed;
	day_t window;  /* 1 August of the first school year of history */
	day_t stand;   /* the extraction date: what the registry knows then */
	day_t history; /* episodes are simulated from here (window - 2 years) */
	/* Lives are simulated up to the horizon, 31 July of the last school
	 * year, whatever the stand: the stand only cuts what the registry knows,
	 * so extracts at several stands (a series, docs/generator.md) are views
	 * of the same lives. */
	day_t horizon;
	day_t detail; /* everyday absence (sick days, hours) from here: the
		       * last school year, from 1 June before it (so that the
		       * windows of SPEC 7.1 in it see it too) */
	/* A subset of the country (--scale region or gemeente): children move
	 * only between these gemeenten and go to school in them where they can.
	 * NULL for the whole country. */
	const int32_t *only;
	size_t n_only;
} gen_ctx;

/* Simulate one child born in birth_year whose home (during the window) is
 * gemeente `home`. Returns false when the child leaves no trace in the
 * window (born too late or too early, or arrived after the extraction date). */
bool life_generate(const gen_ctx *c, rng *r, int32_t home, int birth_year, life *L);
void life_free(life *L);

#endif
