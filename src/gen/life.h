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

#include "../core/date.h"
#include "holidays.h"
#include "ref.h"
#include "rng.h"

typedef struct g_res {
	day_t van, tot; /* tot DAY_OPEN when ongoing */
	int32_t gem;
	uint8_t onderzoek;
} g_res;

typedef struct g_enr {
	day_t van, tot;
	int32_t school;
} g_enr;

enum { VZ_ONG, VZ_ZIEK, VZ_SCHORS, VZ_VERW, VZ_GEOORL };
extern const char *const GEN_VERZUIM[5];

typedef struct g_abs {
	day_t van, tot;
	int32_t school;
	int32_t uren; /* hundredths of an hour, -1 when not given */
	uint8_t soort;
} g_abs;

enum { ST_AANGEVRAAGD, ST_VERLEEND, ST_AFGEWEZEN, ST_INGETROKKEN };
extern const char *const GEN_STATUS[4];

typedef struct g_vrij {
	day_t aanvraag, van, tot; /* DAY_NONE when empty; tot DAY_OPEN when empty */
	day_t besluit;		  /* when decided (not written: a decision after the
				   * extraction date leaves the request open) */
	char grond[4];
	uint8_t status;
} g_vrij;

enum { MS_RELATIEF, MS_LANGDURIG, MS_VERWIJDERING, MS_ZIEK, MS_SCHORSING };
extern const char *const GEN_MELDING[5];

typedef struct g_meld {
	day_t datum, eerste;
	int32_t school;
	uint8_t soort;
} g_meld;

enum { AB_ONDERWIJS, AB_ZORG, AB_COMBINATIE };
extern const char *const GEN_AANBOD[3];

typedef struct g_aanbod {
	day_t datum, plaats; /* plaats DAY_NONE when no place yet */
	uint8_t soort;
} g_aanbod;

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
	LIFE_ARRAY(g_res, res);
	LIFE_ARRAY(g_enr, enr);
	LIFE_ARRAY(g_abs, abs);
	LIFE_ARRAY(g_vrij, vrij);
	LIFE_ARRAY(g_meld, meld);
	LIFE_ARRAY(g_aanbod, aan);
	/* Scratch for the simulation. */
	LIFE_ARRAY(day_range, busy);
} life;

typedef struct gen_ctx {
	const ref *r;
	const holiday_list *hol;
	uint64_t seed;
	day_t window;  /* 1 August of the first school year of history */
	day_t stand;   /* the extraction date: what the registry knows then */
	day_t history; /* episodes are simulated from here (window - 2 years) */
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
