/*
 * calendar.h - school days and elapsed absence days (SPEC 4).
 *
 * A holiday calendar is the set of holiday days of one vakantieregio, held as
 * sorted, disjoint, non-adjacent ranges with a running total so that "how many
 * holiday days lie in [a, b)" is a binary search. A NULL calendar has no
 * holiday days at all (the dataset has no vakanties.csv).
 */
#ifndef INBEELD_CALENDAR_H
#define INBEELD_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"

typedef struct day_range {
	day_t from, to; /* both inclusive */
} day_range;

typedef struct holiday_calendar {
	day_range *ranges; /* sorted, merged */
	int64_t *before;   /* before[i] = holiday days in ranges[0 .. i-1] */
	int64_t *before_wd; /* the same, counting Monday to Friday only */
	size_t n;
	/* Around the holidays (a year either side): for each day, how many days
	 * until the next school day (NEXT_FAR when 255 or more), so that
	 * has_school_day is one lookup there. */
	day_t base;
	uint32_t span;
	uint8_t *next;
} holiday_calendar;

enum { NEXT_FAR = 255 };

/* Build a calendar from ranges in any order, overlapping or not. Takes a copy. */
void calendar_build(holiday_calendar *cal, const day_range *ranges, size_t n);
void calendar_free(holiday_calendar *cal);

bool is_holiday(const holiday_calendar *cal, day_t d);
/* Monday to Friday and not a holiday day. */
bool is_school_day(const holiday_calendar *cal, day_t d);
/* Whether any school day lies in [from, to] (inclusive; empty when from > to). */
bool has_school_day(const holiday_calendar *cal, day_t from, day_t to);
/* Holiday days in [from, to) (half open). */
int64_t holiday_days(const holiday_calendar *cal, day_t from, day_t to);
/* Elapsed days from start s to d: d - s minus the holiday days in [s, d). */
int32_t elapsed_days(const holiday_calendar *cal, day_t s, day_t d);
/* The first day d >= s on which elapsed_days(cal, s, d) >= n (n >= 0): the
 * day a term of n elapsed days counted from s is reached, so a term in
 * lesweken stands still during the holidays (SPEC 4, 6). */
day_t elapsed_reached(const holiday_calendar *cal, day_t s, int32_t n);
/* The first day of the window of n elapsed days ending on d (n >= 1): the
 * earliest day s <= d whose elapsed days to d are fewer than n (SPEC 7.1, "a
 * day lies in the window of N weeks" with n = 7 N). Without holidays that is
 * d - n + 1; holiday days just before it belong to the window too. */
day_t window_start(const holiday_calendar *cal, day_t d, int32_t n);
/* School days in [from, to] (inclusive; 0 when from > to). Both real days. */
int32_t school_days(const holiday_calendar *cal, day_t from, day_t to);
/* The first school day in [from, to], DAY_NONE when there is none. */
day_t first_school_day(const holiday_calendar *cal, day_t from, day_t to);

#endif
