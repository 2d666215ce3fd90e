/*
 * date.h - civil (proleptic Gregorian) dates as day numbers.
 *
 * A day_t counts days since 1970-01-01. Two sentinels exist: DAY_NONE for an
 * absent date (an empty CSV field) and DAY_OPEN for an open end of a period
 * ("tot" left empty means ongoing), which compares after every real date.
 * Supported years are 1800..2999; nothing in inbeeld needs more.
 */
#ifndef INBEELD_DATE_H
#define INBEELD_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t day_t;

#define DAY_NONE INT32_MIN
#define DAY_OPEN INT32_MAX
#define DATE_MIN_YEAR 1800
#define DATE_MAX_YEAR 2999
#define DATE_TEXT 11 /* "YYYY-MM-DD" plus NUL */

typedef struct civil {
	int year;
	int month; /* 1..12 */
	int day;   /* 1..31 */
} civil;

bool is_leap_year(int year);
int days_in_month(int year, int month);
bool civil_valid(int year, int month, int day);

/* Precondition: civil_valid(). */
static inline day_t day_from_civil(int year, int month, int day)
{
	/* Inline: the fast path asks it for every pupil's leerplicht dates,
	 * where the month and day are often constants. */
	int y = year - (month <= 2);
	int era = y / 400;
	int yoe = y - era * 400;
	int mp = (month + 9) % 12;
	int doy = (153 * mp + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}
civil civil_from_day(day_t d);

/* Parse exactly "YYYY-MM-DD" (len bytes, no surrounding space) into *out.
 * Returns 0, or -1 when the text is not of that form or the date does not exist. */
int date_parse(const char *s, size_t len, day_t *out);
/* As date_parse, also giving the date split up (when c is non-NULL). */
int date_parse_civil(const char *s, size_t len, day_t *out, civil *c);

/* Write "YYYY-MM-DD" into out (DATE_TEXT bytes); DAY_NONE and DAY_OPEN give "". */
void date_format(day_t d, char out[DATE_TEXT]);

/* ISO weekday: 1 = Monday .. 7 = Sunday. Inline: the scans ask it millions
 * of times. */
static inline int weekday(day_t d)
{
	/* 1970-01-01 was a Thursday (4). */
	return (int)((d % 7 + 7 + 3) % 7) + 1; /* 0 = Monday, plus one */
}

static inline bool is_weekend(day_t d)
{
	return weekday(d) >= 6;
}

/* Add calendar months; a day that does not exist in the target month clamps to
 * its last day (2025-11-30 + 3 months = 2026-02-28). */
day_t add_months(day_t d, int months);

#endif
