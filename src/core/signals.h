/*
 * signals.h - the early signals of one pupil on a peildatum (SPEC 7.1, CONTRACT).
 *
 * signals_of() is a pure function of the dataset, a pupil and its
 * classification on the day (which says whether the pupil is in scope and
 * enrolled, its categorie and its holiday region). Besides the signals it
 * keeps the facts it found - the windows, the totals, the sick runs, the
 * share and its span - so that the explanation says exactly what was counted.
 *
 * Arithmetic is exact: hours are hundredths of an hour, spread over the school
 * days of a row as fractions (exact.h), compared and rounded (half up) on the
 * exact sum.
 */
#ifndef INBEELD_SIGNALS_H
#define INBEELD_SIGNALS_H

#include <stdbool.h>
#include <stdint.h>

#include "classify.h"

/* In the order of SPEC 7.1, which is the order of the output. */
typedef enum signaal {
	SIG_MELDPLICHT_16_UUR,
	SIG_ZIEK_7_DAGEN,
	SIG_ZIEK_4_KEER,
	SIG_KEARNEY_2,
	SIG_KEARNEY_3,
	SIG_COUNT
} signaal;

extern const char *const SIGNAAL_CODES[SIG_COUNT];  /* "MELDPLICHT_16_UUR" */
extern const char *const SIGNAAL_LABELS[SIG_COUNT]; /* Dutch, for people */

/* The terms of SPEC 7.1, in hundredths of an hour where they are hours. */
enum {
	HOURS_PER_DAY = 500,	 /* a school day without uren; the Kearney cap */
	MELDPLICHT_HOURS = 1600, /* 16 hours ... */
	MELDPLICHT_DAYS = 28,	 /* ... in the window of 4 weeks */
	SICK_DAYS = 7,		 /* the 7th consecutive school day of sickness */
	SICK_RUNS = 4,		 /* 4 sick reports ... */
	SICK_RUNS_DAYS = 84,	 /* ... in the window of 12 weeks */
	KEARNEY_MIN_DAYS = 10,	 /* school days in the span at least */
	KEARNEY_2_PERCENT = 10,
	KEARNEY_3_PERCENT = 20,
	/* Not a signal of SPEC 7.1: a pupil nearing the 16 hours, shown apart to
	 * the school so it can act before the duty arises (issue 12). */
	MELDPLICHT_NEAR_HOURS = 1000,
};

typedef struct signal {
	uint8_t kind;	 /* signaal */
	int8_t gemeld;	 /* 0 or 1 where a report is due, -1 (empty) otherwise */
	bool hundredths; /* waarde is in hundredths (hours, a percentage), else a count */
	day_t sinds;
	int64_t waarde;
} signal;

#define SIGNALS_MAX 4 /* at most one of each, KEARNEY_2 and _3 exclusive */

typedef struct signal_facts {
	bool applies; /* in scope and enrolled on D: only then are there signals */
	day_t peildatum;

	/* MELDPLICHT_16_UUR */
	bool lrv;	  /* categorie LRV on D: this signal does not apply */
	day_t window4;	  /* first day of the window of 4 weeks (ends on D) */
	int64_t hours;	  /* ongeoorloofd hours on its school days, rounded half up */
	bool reached;	  /* the exact total is at least 16 hours */
	bool nearing;	  /* not reached, not LRV, and the exact total is at least 10 hours */
	day_t first_hour; /* first school day in the window with hours, DAY_NONE */
	int32_t melding;  /* a melding with first_hour <= datum_melding <= D (absolute index), -1 */

	/* ZIEK_7_DAGEN */
	absence_run sick; /* the sick run covering D (start DAY_NONE when none) */
	int32_t sick_days; /* its school days from its start to D */

	/* ZIEK_4_KEER */
	day_t window12;	  /* first day of the window of 12 weeks */
	int32_t sick_runs; /* sick runs starting in it */
	day_t sick_first;  /* the earliest of those starts, DAY_NONE */

	/* KEARNEY_2 / KEARNEY_3 */
	day_t span_from;     /* S: 1 August of D's schooljaar or the enrolment's van */
	int32_t span_days;   /* school days in [S, D] */
	int64_t span_hours;  /* absence hours on them, at most 5 a day, rounded */
	int32_t capped_days; /* school days with more than 5 hours (counted as 5) */
	int64_t share;	     /* hours / (5 x span_days), hundredths of a percent, rounded */

	signal sig[SIGNALS_MAX];
	int n;
} signal_facts;

void signals_of(const dataset *ds, uint32_t pupil, const classification *c, signal_facts *out);

/*
 * The hours of a verzuim row (SPEC 7.1): its school days are those in [van,
 * tot] (an empty tot: [van, D]); its uren are spread evenly over them, and
 * without uren each counts 5 hours. A row with uren but no school day at all
 * has no hours anywhere.
 */
typedef struct row_hours {
	day_t end;	   /* the row's school days lie in [van, end] */
	int32_t days;	   /* how many */
	uint64_t num, den; /* hours on each of them: num / den hundredths (0 / 1 when none) */
} row_hours;

row_hours row_hours_of(const absence *a, const holiday_calendar *cal, day_t d);

/* "20.00" (point '.') or "20,00" (point ','), half up already applied. */
void format_hundredths(int64_t v, char point, char out[32]);

/* The signals of a dataset on a peildatum, as lists hold them. */
typedef struct signal_entry {
	uint32_t pupil;
	int32_t school; /* the enrolment on D */
	signal s;
} signal_entry;

typedef struct signal_list {
	signal_entry *rows; /* by leerling_id, then signal in the order of SPEC 7.1 */
	size_t n, cap;
} signal_list;

void signal_list_free(signal_list *l);

#endif
