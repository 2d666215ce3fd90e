/*
 * holidays.c - the holiday calendar of holidays.h: the published dates where
 * data/ has them, generated ones by the pattern of the published years for
 * every other school year, and a core calendar (calendar.h) per region.
 */
#include "holidays.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "years.h"

static const char *const GENERATED[5] = {
	"herfstvakantie (gegenereerd)", "kerstvakantie (gegenereerd)", "voorjaarsvakantie (gegenereerd)",
	"meivakantie (gegenereerd)", "zomervakantie (gegenereerd)",
};

/* The Saturday on or after d. */
static day_t saturday_from(day_t d)
{
	return d + (6 - weekday(d) + 7) % 7;
}

/* Easter Sunday (anonymous Gregorian algorithm). */
static day_t easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	return day_from_civil(y, month, day);
}

/* The order in which the regions start their summer holiday, earliest first,
 * rotating by year (the published years rotate irregularly; this is a
 * plausible stand-in). */
static const int SUMMER_ORDER[3][3] = {
	{REGIO_ZUID, REGIO_MIDDEN, REGIO_NOORD},
	{REGIO_MIDDEN, REGIO_NOORD, REGIO_ZUID},
	{REGIO_NOORD, REGIO_ZUID, REGIO_MIDDEN},
};

static void add(holiday_list *h, size_t *cap, int regio, const char *naam, day_t van, day_t tot, bool gen)
{
	h->items = xgrow(h->items, cap, h->n + 1, sizeof *h->items);
	h->items[h->n++] = (ref_holiday){regio, naam, van, tot, gen};
}

/* Generated holidays of school year y (1 August y to 31 July y + 1) for one
 * region, following the pattern of the published years:
 *  - herfst: noord and midden from the Saturday in 17-23 October, zuid a
 *    week earlier; 9 days;
 *  - kerst: from the Saturday in 18-24 December, 16 days;
 *  - voorjaar: zuid and midden around carnaval (the week before carnaval
 *    Sunday, or the week ending on it when that is in March), noord a week
 *    later or earlier; 9 days;
 *  - mei: from the Saturday in 21-27 April, 9 days;
 *  - zomer: the earliest region from the Saturday in 4-10 July, the others
 *    one and two weeks later; 44 days. */
static void generate_year(holiday_list *h, size_t *cap, int y, int regio, bool want[5])
{
	day_t herfst = saturday_from(day_from_civil(y, 10, 17));
	if (regio == REGIO_ZUID)
		herfst -= 7;
	day_t kerst = saturday_from(day_from_civil(y, 12, 18));
	day_t carnaval = easter(y + 1) - 49;
	day_t zuid = carnaval - 1;
	if (zuid > day_from_civil(y + 1, 2, 28))
		zuid = carnaval - 8;
	day_t voorjaar = zuid;
	if (regio == REGIO_NOORD)
		voorjaar = zuid <= day_from_civil(y + 1, 2, 17) ? zuid + 7 : zuid - 7;
	day_t mei = saturday_from(day_from_civil(y + 1, 4, 21));
	day_t zomer = saturday_from(day_from_civil(y + 1, 7, 4));
	for (int k = 0; k < 3; k++)
		if (SUMMER_ORDER[(y + 1) % 3][k] == regio)
			zomer += 7 * k;
	day_t van[5] = {herfst, kerst, voorjaar, mei, zomer};
	int len[5] = {9, 16, 9, 9, 44};
	for (int k = 0; k < 5; k++)
		if (want[k])
			add(h, cap, regio, GENERATED[k], van[k], van[k] + len[k] - 1, true);
}

static int item_cmp(const void *a, const void *b)
{
	const ref_holiday *x = a, *y = b;
	if (x->regio != y->regio)
		return x->regio < y->regio ? -1 : 1;
	return (x->van > y->van) - (x->van < y->van);
}

void holidays_build(holiday_list *h, const ref *r, int first_year, int last_year)
{
	size_t cap = 0;
	memset(h, 0, sizeof *h);
	static const char *const names[5] = {"herfstvakantie", "kerstvakantie", "voorjaarsvakantie", "meivakantie",
					     "zomervakantie"};
	for (int y = first_year; y <= last_year; y++) {
		day_t from = aug1(y), to = jul31(y + 1);
		for (int regio = 0; regio < REGIO_COUNT; regio++) {
			bool want[5] = {true, true, true, true, true};
			for (size_t i = 0; i < r->n_hol; i++) {
				const ref_holiday *s = &r->hol[i];
				if (s->regio != regio || s->van < from || s->van > to)
					continue;
				for (int k = 0; k < 5; k++)
					if (strcmp(s->naam, names[k]) == 0)
						want[k] = false;
				add(h, &cap, regio, s->naam, s->van, s->tot, false);
			}
			generate_year(h, &cap, y, regio, want);
		}
	}
	qsort(h->items, h->n, sizeof *h->items, item_cmp);
	day_range *tmp = xmalloc((h->n ? h->n : 1) * sizeof *tmp);
	for (int regio = 0; regio < REGIO_COUNT; regio++) {
		size_t n = 0;
		for (size_t i = 0; i < h->n; i++)
			if (h->items[i].regio == regio)
				tmp[n++] = (day_range){h->items[i].van, h->items[i].tot};
		calendar_build(&h->cal[regio], tmp, n);
	}
	free(tmp);
}

void holidays_free(holiday_list *h)
{
	for (int regio = 0; regio < REGIO_COUNT; regio++)
		calendar_free(&h->cal[regio]);
	free(h->items);
	memset(h, 0, sizeof *h);
}
