/*
 * melddiscipline.h - how well a school reports (SPEC 7, issue 12): for a
 * period, its meldingen and the days from the first day of absence to each,
 * the duties of 16 hours (MELDPLICHT_16_UUR) and the LRV runs that arose in
 * the period and were never reported, and whether its registration is
 * complete at all: a school that recorded no absence for weeks is
 * "registratie onvolledig" - unknown, not zero.
 *
 * Pure functions of the dataset; the scan over a selection of schools is the
 * app's (src/app/melddiscipline_run.c).
 */
#ifndef INBEELD_MELDDISCIPLINE_H
#define INBEELD_MELDDISCIPLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "dataset.h"

enum {
	MELD_TERM_DAYS = 7,	    /* a melding within 7 days of the first day of absence */
	REGISTRATION_TERM_DAYS = 7, /* enrolments and de-registrations within 7 days (SPEC 7) */
	LRV_ELAPSED_DAYS = 28,	    /* an unauthorised run becomes LRV (SPEC 4) */
	SILENT_SCHOOL_DAYS = 20,    /* four lesweken without any absence: registratie onvolledig */
};

typedef struct md_period {
	day_t from, to; /* inclusive */
} md_period;

/* Days from the first day of absence to the melding (negative when the
 * melding names a later first day). */
int32_t melding_delay(const melding *m);
/* Whether a delay is within the term: at most 7 days. */
bool delay_in_term(int32_t delay);
/* The median of n delays in hundredths of a day (the mean of the two middle
 * ones when n is even), -1 when n is 0. Sorts v. */
int64_t median_hundredths(int32_t *v, size_t n);
/* part / whole as a percentage in hundredths, rounded half up; -1 when whole
 * is 0. */
int64_t share_hundredths(int64_t part, int64_t whole);

/* The longest stretch of school days (cal, NULL for none) in the period on
 * which no absence was recorded: covered has a bit per day from per.from,
 * set where any absence row of the school covers the day. */
int32_t longest_silence(const holiday_calendar *cal, const uint8_t *covered, md_period per);
/* Whether that makes the registration incomplete (four lesweken or more). */
bool registration_incomplete(int32_t longest);

/* A duty that arose for a pupil in the period. */
typedef enum md_kind { MD_MELDPLICHT, MD_LRV } md_kind;

typedef struct md_event {
	uint8_t kind;	 /* md_kind */
	bool reported;	 /* a melding of the pupil with sinds <= datum_melding <= today */
	day_t moment;	 /* the day the duty arose: the signal first holds, the run reaches 28 elapsed days */
	day_t sinds;	 /* the signal's sinds, the run's start */
	int32_t school;	 /* the enrolment on that day */
} md_event;

typedef struct md_events {
	md_event *ev;
	size_t n, cap;
} md_events;

/*
 * The duties of pupil p that arose in the period (up to today): each moment
 * MELDPLICHT_16_UUR begins to hold (SPEC 7.1, evaluated on the school days
 * with unauthorised absence; it holds again after it stopped, or after 28
 * elapsed days without such a day, is a new moment), and each unauthorised
 * run that reaches 28 elapsed days while the pupil is LRV. Appended to out.
 */
void md_pupil_events(const dataset *ds, uint32_t p, md_period per, day_t today, md_events *out);

/* Whether an enrolment (its van) or its end (its tot) was recorded more
 * than 7 days after the day it names; `recorded` is the day it was recorded. */
bool recorded_late(day_t named, day_t recorded);

#endif
