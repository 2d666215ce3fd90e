/*
 * ref.h - the real Netherlands the generator places its pupils in.
 *
 * Loaded from the reference files in data/ (see data/README.md for their
 * provenance): the 342 gemeenten of 2025 with their CBS-derived population by
 * age, the SWVs and their regions, every PO/VO/(V)SO/PrO school site of DUO
 * with its BRIN, vestiging, gemeente and SWV, and the holiday regions. What
 * the sources lack is derived here, and marked as such: SWV names, MBO sites,
 * the VSO department of a combined (V)SO site, the holiday region of a
 * gemeente without a VO site.
 */
#ifndef INBEELD_GEN_REF_H
#define INBEELD_GEN_REF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/dataset.h"

/* School kinds are the core's school_soort (SOORT_BAO .. SOORT_MBO, with
 * SOORT_NAMES); sectors its sector (SECTOR_NAMES). */

/* The three holiday regions of DUO. The core keeps holiday regions as data
 * (vakantieregios.csv names them), so it has no table of them. */
enum { REGIO_NOORD, REGIO_MIDDEN, REGIO_ZUID, REGIO_COUNT };
extern const char *const REGIO_NAMES[REGIO_COUNT];

#define NEAR_GEMEENTEN 12

typedef struct ref_school {
	char brin[5], vest[3];
	char *naam;
	uint8_t soort;
	bool generated; /* MBO site or VSO department: not in the DUO data */
	int32_t gem;
	int32_t swv_po, swv_vo; /* indices into swvs, -1 when none */
	double weight;		/* pupils (DUO count, or an estimate) */
	/* How promptly the school records enrolments and reports absence
	 * (DISCIPLINE_*): from the BRIN and vestiging, not the seed. */
	uint8_t discipline;
	/* A few schools record no absence at all for some weeks of a school
	 * year (a new administration system, an attendance officer gone):
	 * from unrecorded_from days after 1 August, for unrecorded_days days;
	 * 0 days for most. From the BRIN and vestiging, as the discipline. */
	int16_t unrecorded_from, unrecorded_days;
} ref_school;

enum { DISCIPLINE_PROMPT, DISCIPLINE_AVERAGE, DISCIPLINE_SLOPPY, DISCIPLINE_COUNT };

typedef struct ref_gemeente {
	char code[7];
	int num;
	char *naam, *provincie;
	double inwoners;
	double band[4]; /* CBS 1-1-2021: ages 0-4, 5-9, 10-14, 15-19 */
	int regio;
	bool regio_derived;
	double lat, lon;
	int32_t main_swv[2]; /* PO and VO SWV holding most of its inhabitants */
	int32_t near[NEAR_GEMEENTEN];
	/* Schools located here, by kind, with running sums of their weights. */
	int32_t *schools[SOORT_COUNT];
	double *cum[SOORT_COUNT];
	size_t n_schools[SOORT_COUNT];
	/* Local character (mean 1 over the country, weighted by children):
	 * how much absoluut verzuim, langdurig relatief verzuim, 5a, 5b and
	 * 5c there is here, and how many newcomers arrive. Derived from the
	 * gemeente code, not the seed. */
	double f_av, f_lrv, f_5a, f_5b, f_5c, f_imm;
	bool border;
} ref_gemeente;

typedef struct ref_swv {
	char code[7];
	uint8_t sector; /* SECTOR_PO or SECTOR_VO */
	char *naam;
} ref_swv;

typedef struct ref_pair {
	int32_t swv, gem;
} ref_pair;

typedef struct ref_holiday {
	int regio;
	const char *naam;
	day_t van, tot;
	bool generated;
} ref_holiday;

typedef struct ref {
	ref_gemeente *gem; /* code order */
	size_t n_gem;
	int32_t gem_by_num[10000];
	ref_swv *swv; /* code order */
	size_t n_swv;
	ref_pair *pairs; /* swv_gemeenten rows, by (swv, gemeente) */
	size_t n_pairs;
	ref_school *school; /* (brin, vestiging) order */
	size_t n_school;
	ref_holiday *hol; /* sourced holidays (school years 2023/24 - 2025/26) */
	size_t n_hol;
	double total_children; /* sum of band[1..3]: for per-capita weights */
} ref;

/* Load everything from dir; on failure prints why and returns -1. */
int ref_load(ref *r, const char *dir);
void ref_free(ref *r);

int32_t ref_gemeente_by_code(const ref *r, const char *code);

/* Expected number of children born in `year` living in gemeente g (before
 * any population factor), from the CBS 2021 age bands. */
double ref_cohort(const ref_gemeente *g, int year);

#endif
