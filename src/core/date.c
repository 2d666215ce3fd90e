/*
 * date.c - civil dates as day numbers: conversion, parsing, formatting and
 * calendar-month arithmetic. See date.h.
 */
#include "date.h"

bool is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap_year(y) ? 29 : len[m - 1];
}

bool civil_valid(int y, int m, int d)
{
	return y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil, restricted to positive eras (y >= 0). */

civil civil_from_day(day_t z)
{
	z += 719468;
	int era = z / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	civil c;
	c.day = doy - (153 * mp + 2) / 5 + 1;
	c.month = mp < 10 ? mp + 3 : mp - 9;
	c.year = yoe + era * 400 + (c.month <= 2);
	return c;
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_parse(const char *s, size_t len, day_t *out)
{
	return date_parse_civil(s, len, out, NULL);
}

int date_parse_civil(const char *s, size_t len, day_t *out, civil *c)
{
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !civil_valid(y, m, d))
		return -1;
	*out = day_from_civil(y, m, d);
	if (c)
		*c = (civil){y, m, d};
	return 0;
}

void date_format(day_t d, char out[DATE_TEXT])
{
	if (d == DAY_NONE || d == DAY_OPEN) {
		out[0] = '\0';
		return;
	}
	civil c = civil_from_day(d);
	int y = c.year;
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + c.month / 10);
	out[6] = (char)('0' + c.month % 10);
	out[7] = '-';
	out[8] = (char)('0' + c.day / 10);
	out[9] = (char)('0' + c.day % 10);
	out[10] = '\0';
}

day_t add_months(day_t d, int months)
{
	civil c = civil_from_day(d);
	int idx = c.year * 12 + (c.month - 1) + months;
	int y = idx / 12, m = idx % 12 + 1;
	int last = days_in_month(y, m);
	return day_from_civil(y, m, c.day > last ? last : c.day);
}
