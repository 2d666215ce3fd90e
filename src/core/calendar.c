/*
 * calendar.c - holiday calendars per vakantieregio, school days and elapsed
 * absence days (SPEC 4). See calendar.h.
 */
#include "calendar.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "sort.h"

static int range_cmp(const void *a, const void *b)
{
	const day_range *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return (x->to > y->to) - (x->to < y->to);
}

void calendar_build(holiday_calendar *cal, const day_range *ranges, size_t n)
{
	cal->ranges = xmalloc((n ? n : 1) * sizeof *cal->ranges);
	memcpy(cal->ranges, ranges, n * sizeof *ranges);
	sort_array(cal->ranges, n, sizeof *cal->ranges, range_cmp);
	size_t out = 0;
	for (size_t i = 0; i < n; i++) {
		if (out && (int64_t)cal->ranges[i].from <= (int64_t)cal->ranges[out - 1].to + 1) {
			if (cal->ranges[i].to > cal->ranges[out - 1].to)
				cal->ranges[out - 1].to = cal->ranges[i].to;
		} else {
			cal->ranges[out++] = cal->ranges[i];
		}
	}
	cal->n = out;
	cal->before = xmalloc((out + 1) * sizeof *cal->before);
	cal->before[0] = 0;
	for (size_t i = 0; i < out; i++)
		cal->before[i + 1] = cal->before[i] + (cal->ranges[i].to - cal->ranges[i].from + 1);
	/* The days to the next school day, counted back from the window's end. */
	cal->next = NULL;
	cal->span = 0;
	if (!out || (int64_t)cal->ranges[out - 1].to - cal->ranges[0].from > 200 * 366)
		return; /* nothing to look up, or holidays over centuries: keep the search */
	cal->base = cal->ranges[0].from - 366;
	cal->span = (uint32_t)(cal->ranges[out - 1].to + 366 - cal->base + 1);
	cal->next = xmalloc(cal->span);
	size_t r = out; /* the range holding or after day d, walking down */
	unsigned ahead = NEXT_FAR;
	for (uint32_t i = cal->span; i-- > 0;) {
		day_t d = cal->base + (day_t)i;
		while (r > 0 && cal->ranges[r - 1].from > d)
			r--;
		bool holiday = r > 0 && cal->ranges[r - 1].to >= d;
		ahead = !holiday && weekday(d) < 6 ? 0 : ahead >= NEXT_FAR ? NEXT_FAR : ahead + 1;
		cal->next[i] = (uint8_t)ahead;
	}
}

void calendar_free(holiday_calendar *cal)
{
	free(cal->ranges);
	free(cal->before);
	free(cal->next);
	memset(cal, 0, sizeof *cal);
}

/* Index of the first range whose end is >= d (n when none). */
static size_t first_ending_at_or_after(const holiday_calendar *cal, day_t d)
{
	size_t lo = 0, hi = cal->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->ranges[mid].to < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool is_holiday(const holiday_calendar *cal, day_t d)
{
	if (!cal || !cal->n)
		return false;
	size_t i = first_ending_at_or_after(cal, d);
	return i < cal->n && cal->ranges[i].from <= d;
}

bool is_school_day(const holiday_calendar *cal, day_t d)
{
	return !is_weekend(d) && !is_holiday(cal, d);
}

bool has_school_day(const holiday_calendar *cal, day_t from, day_t to)
{
	if (from > to)
		return false;
	if (cal && cal->next && from >= cal->base && (uint32_t)(from - cal->base) < cal->span) {
		unsigned ahead = cal->next[from - cal->base];
		if (ahead < NEXT_FAR)
			return (int64_t)from + ahead <= to;
	}
	day_t d = from;
	while (d <= to) {
		int wd = weekday(d);
		if (wd >= 6) {
			if (to - d < 8 - wd)
				return false;
			d += 8 - wd; /* next Monday */
			continue;
		}
		if (cal && cal->n) {
			size_t i = first_ending_at_or_after(cal, d);
			if (i < cal->n && cal->ranges[i].from <= d) {
				if (cal->ranges[i].to >= to)
					return false;
				d = cal->ranges[i].to + 1;
				continue;
			}
		}
		return true;
	}
	return false;
}

/* Holiday days in (-inf, d). */
static int64_t holidays_before(const holiday_calendar *cal, day_t d)
{
	size_t i = first_ending_at_or_after(cal, d);
	int64_t n = cal->before[i];
	if (i < cal->n && cal->ranges[i].from < d)
		n += d - cal->ranges[i].from;
	return n;
}

int64_t holiday_days(const holiday_calendar *cal, day_t from, day_t to)
{
	if (!cal || !cal->n || from >= to)
		return 0;
	return holidays_before(cal, to) - holidays_before(cal, from);
}

int32_t elapsed_days(const holiday_calendar *cal, day_t s, day_t d)
{
	return (int32_t)((int64_t)d - s - holiday_days(cal, s, d));
}

day_t elapsed_reached(const holiday_calendar *cal, day_t s, int32_t n)
{
	/* Elapsed days grow by at most one a day, so n - elapsed more days are
	 * needed at least: d never passes the answer, and the holidays end. */
	day_t d = s + (n > 0 ? n : 0);
	for (int32_t e; (e = elapsed_days(cal, s, d)) < n;)
		d += n - e;
	return d;
}
