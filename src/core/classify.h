/*
 * classify.h - the classification of one pupil on a peildatum (SPEC 4, CONTRACT).
 *
 * classify() is a pure function of the dataset, a pupil and a day. Besides the
 * categorie it records every fact it relied on (which residence, which
 * enrolment, which absence run, the candidates for the first day of actual
 * absence), so that explain() can say in words why, and so that counting and
 * explaining can never disagree.
 */
#ifndef INBEELD_CLASSIFY_H
#define INBEELD_CLASSIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "dataset.h"

typedef enum categorie {
	CAT_GEEN,
	CAT_VRIJSTELLING_5A_TIJDELIJK,
	CAT_VRIJSTELLING_5A_PERMANENT,
	CAT_VRIJSTELLING_5B,
	CAT_VRIJSTELLING_5C,
	CAT_VRIJSTELLING_OVERIG,
	CAT_AV_5C_IN_BEHANDELING,
	CAT_AV_ADRES_IN_ONDERZOEK,
	CAT_AV_KORT,
	CAT_AV,
	CAT_LRV,
	CAT_LANGDURIG_ZIEK,
	CAT_GESCHORST_VERWIJDERD,
	CAT_DREIGEND,
	CAT_COUNT
} categorie;

extern const char *const CATEGORIE_CODES[CAT_COUNT];  /* "AV_KORT" */
extern const char *const CATEGORIE_LABELS[CAT_COUNT]; /* Dutch, for people */
/* CATEGORIE_LABELS[c], shorter where it is long for a table cell. */
const char *categorie_short(categorie c);

bool categorie_is_vrijstelling(categorie c);
bool categorie_is_av_family(categorie c);
/* The categories that are counted as thuiszitter (AV and LRV). */
bool categorie_is_thuiszitter(categorie c);
/* Look a code up; returns CAT_COUNT when unknown. */
categorie categorie_from_code(const char *code);

typedef enum sector_basis {
	SECTOR_BY_ENROLMENT,
	SECTOR_BY_LAST_ENROLMENT,
	SECTOR_BY_AGE
} sector_basis;

/* Absence classes of SPEC 4. */
enum {
	CLASS_UNAUTHORISED = 1u << VZ_ONGEOORLOOFD,
	CLASS_SICK = 1u << VZ_ZIEK,
	CLASS_EXCLUSION = 1u << VZ_SCHORSING | 1u << VZ_VERWIJDERING,
};

typedef struct absence_run {
	day_t start, end; /* end DAY_OPEN when ongoing; start DAY_NONE when no run */
} absence_run;

typedef struct classification {
	day_t peildatum;
	bool in_scope;
	categorie cat;
	uint8_t sector, sector_basis;
	day_t startdatum; /* DAY_NONE when the categorie has no start */
	int32_t duur_dagen;
	day_t three_months; /* startdatum + 3 calendar months */
	bool lang, zonder_aanbod, overstap_mbo;

	/* Absolute indices into the dataset's fact arrays; -1 when none. */
	int32_t residence, enrolment, last_enrolment, vrijstelling, request_5c, mbo_enrolment;
	int32_t aanbod; /* AV and LRV: the first aanbod that counts (aanbod_counts), -1 when none */
	int32_t gemeente;     /* residence on D (woonplaats view) */
	int32_t school;	      /* the enrolment on D, else the last one before D */
	int32_t swv;	      /* the SWV the pupil belongs to (school view) */
	int32_t swv_enrolled; /* the SWV of the enrolment on D (its denominator) */
	int32_t regio;	      /* holiday region used, NO_REF for none */

	/* The first day of actual absence (AV family): the candidates of SPEC 4
	 * rule 2 (a)-(d), DAY_NONE where a candidate does not apply. */
	day_t av_leerplicht, av_residence, av_enrolment, av_vrijstelling;
	bool av_enrolment_run; /* (c) came from an unauthorised run */

	/* The absence run that decided LRV, LANGDURIG_ZIEK, GESCHORST_VERWIJDERD
	 * or DREIGEND, and for all categories with a start: elapsed days. */
	absence_run run;
	int32_t elapsed, holidays;
} classification;

void classify(const dataset *ds, uint32_t pupil, day_t d, classification *c);

/* The runs of the given absence classes (SPEC 4: periods with no school day
 * between them), in order of start: start with *i = 0; each call gives the
 * next run and returns false when there is none. */
bool next_run(const absence *a, uint32_t n, unsigned classes, const holiday_calendar *cal, uint32_t *i,
	      absence_run *run);
/*
 * The first day after c->peildatum on which the classification of pupil p may
 * differ from c (its classification on that day), or DAY_OPEN when it never
 * does. On every day from c->peildatum up to the day before the answer,
 * classify() gives the same result apart from the fields that count days
 * (peildatum, duur_dagen, elapsed, holidays). The answer may come early (a
 * day on which nothing changes after all), never late. It is the earliest of:
 * the start and the day after the end of a residence, enrolment, vrijstelling
 * (and a request's date), or an unauthorised or exclusion absence; the day a
 * place becomes available; the start and end of the pupil's age for leerplicht
 * and kwalificatieplicht, and its 12th birthday when its sector goes by age;
 * and, with the holiday calendar of that day (which only those facts change),
 * the day 28 elapsed days and the day three calendar months are reached,
 * counted from the AV family's startdatum and from each unauthorised or
 * exclusion run covering the day. Sick runs count only from their 28th
 * elapsed day (LANGDURIG_ZIEK, of an enrolled pupil): that day, three months
 * after their start, and the day after their end. Geoorloofd verzuim changes
 * nothing. So a span of days is classified once per stretch of constant
 * classification (the school-year count, SPEC 8.1).
 */
day_t classify_next_change(const dataset *ds, uint32_t p, const classification *c);
/* The verleend vrijstelling of pupil p covering day d (they may not overlap,
 * so at most one), or NULL: the one that classifies the pupil (rule 3.1) and
 * the one that is reviewed (SPEC 6). */
const vrijstelling *vrijstelling_granted_on(const dataset *ds, uint32_t p, day_t d);
/* The categorie a verleend vrijstelling gives: a 5a without tot is
 * permanent, with one tijdelijk; 5b, 5c; any other article OVERIG. */
categorie vrijstelling_categorie_of(const vrijstelling *v);

/* SPEC 4 rule 5: duur_dagen = D - startdatum + 1; langer dan drie maanden
 * when D >= startdatum + 3 calendar months (clamped to the month's end). The
 * dossier pages count their days the same way. */
int32_t duur_dagen(day_t startdatum, day_t d);
day_t drie_maanden_na(day_t startdatum);
bool langer_dan_3_maanden(day_t startdatum, day_t d);

/* The run of the given absence classes that covers day d, if any. */
absence_run find_run(const absence *a, uint32_t n, unsigned classes, day_t d, const holiday_calendar *cal);

/* SPEC 4 rule 6: whether an aanbod whose place is available per plaats_per
 * (DAY_NONE: no place yet) answers the absence that began on startdatum, on
 * day d: only a place that became available since the current absence began,
 * and by d (startdatum <= plaats_per <= d). */
bool aanbod_counts(day_t startdatum, day_t plaats_per, day_t d);

/* The holiday calendar for a pupil classified as c (NULL when none). */
const holiday_calendar *calendar_for(const dataset *ds, const classification *c);

#endif
