/*
 * tafel.h - the rhythm of the thuiszitterstafel and the stays in care
 * (SPEC 6): when the next list is due, whether a list may be fixed for a
 * peildatum, and where a stay in an instelling met verblijf or a pleeggezin
 * stands. Pure functions on business dates (the server's day).
 */
#ifndef INBEELD_TAFEL_H
#define INBEELD_TAFEL_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"

enum {
	TAFEL_DAYS = 21,	 /* leerplicht fixes the list every 3 weeks (Rotterdam) */
	STAY_AFTER_DAYS = 183, /* a stay stays in view half a year after it ended */
};

/* The day the next list is due: three weeks after the peildatum of the
 * latest (DAY_NONE: none yet, then today). */
day_t tafel_next_due(day_t latest, day_t today);
/* How that stands today: "verlopen", "deze_week" (DUE_SOON_DAYS) or "op_tijd". */
const char *tafel_status(day_t due, day_t today);
/* A list is fixed as it stands, never ahead: its peildatum is not after today. */
bool tafel_peildatum_ok(day_t peildatum, day_t today);

/* Where a stay from van to tot (DAY_NONE: ongoing) stands on d: "voor",
 * "tijdens" or "na" - regie of the schooling runs before, during and after. */
const char *stay_phase(day_t van, day_t tot, day_t d);
/* Whether the stays list still shows it on d: until STAY_AFTER_DAYS after it ended. */
bool stay_in_view(day_t tot, day_t d);
/* What is wrong with a stay, in Dutch: no named regiehouder for its schooling. */
size_t stay_problems(bool has_regiehouder, const char *out[1]);

#endif
