/*
 * leerplicht.h - the periods of compulsory education (SPEC 4.1).
 *
 * A birthday on 29 February falls on 1 March in years without that day.
 */
#ifndef INBEELD_LEERPLICHT_H
#define INBEELD_LEERPLICHT_H

#include <stddef.h>

#include "date.h"

/* The day the birthday of someone born on `birth` falls in `year`. */
day_t birthday_in_year(day_t birth, int year);
day_t birthday_in_year_c(civil birth, int year);
/* The same rules from a birth date already split into year, month and day
 * (the loader has it so; this avoids converting back and forth). */
day_t leerplicht_start_c(civil birth);
day_t kwalificatieplicht_end_c(civil birth, day_t startkwalificatie);
/* Age in completed years on day d. */
int age_on(day_t birth, day_t d);
/* Leerplicht starts on the first day of the month after the month of the 5th birthday. */
day_t leerplicht_start(day_t birth);
/* Full-time leerplicht ends on 31 July of the schooljaar in which the 16th birthday
 * falls (labelling only; it does not change who is in scope). */
day_t leerplicht_full_end(day_t birth);
/* Kwalificatieplicht ends the day before the 18th birthday, or the day before the
 * startkwalificatie (DAY_NONE when there is none) if that is earlier. */
day_t kwalificatieplicht_end(day_t birth, day_t startkwalificatie);
/* First day (1 August) of the schooljaar that contains d. */
day_t schooljaar_start(day_t d);

/* The ijkmomenten (1 November, 1 February, 1 June: G4 5.1) of the school
 * years from/from+1 .. to-1/to, in order; at most max. Returns how many. */
size_t ijkmomenten(int from, int to, day_t *out, size_t max);
/* The same, without those after `until`: a count is of a day that has been. */
size_t ijkmomenten_until(int from, int to, day_t until, day_t *out, size_t max);
/* The latest ijkmoment on or before d. */
day_t latest_ijkmoment(day_t d);

#endif
