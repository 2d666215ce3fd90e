/*
 * leerplicht.c - the periods of compulsory education, school years and
 * ijkmomenten (SPEC 4.1, 5). See leerplicht.h.
 */
#include "leerplicht.h"

day_t birthday_in_year_c(civil b, int year)
{
	if (b.month == 2 && b.day == 29 && !is_leap_year(year))
		return day_from_civil(year, 3, 1);
	return day_from_civil(year, b.month, b.day);
}

day_t birthday_in_year(day_t birth, int year)
{
	return birthday_in_year_c(civil_from_day(birth), year);
}

int age_on(day_t birth, day_t d)
{
	civil b = civil_from_day(birth), c = civil_from_day(d);
	int age = c.year - b.year;
	if (d < birthday_in_year_c(b, c.year))
		age--;
	return age;
}

day_t leerplicht_start_c(civil b)
{
	/* The fifth birthday's month; 29 February moves to March (year + 5 is
	 * never a leap year when the birth year was one, but say it as the rule). */
	int month = b.month == 2 && b.day == 29 && !is_leap_year(b.year + 5) ? 3 : b.month;
	return month == 12 ? day_from_civil(b.year + 6, 1, 1) : day_from_civil(b.year + 5, month + 1, 1);
}

day_t leerplicht_start(day_t birth)
{
	return leerplicht_start_c(civil_from_day(birth));
}

day_t leerplicht_full_end(day_t birth)
{
	civil b = civil_from_day(birth);
	civil sixteenth = civil_from_day(birthday_in_year(birth, b.year + 16));
	int end_year = sixteenth.month >= 8 ? sixteenth.year + 1 : sixteenth.year;
	return day_from_civil(end_year, 7, 31);
}

day_t kwalificatieplicht_end(day_t birth, day_t startkwalificatie)
{
	return kwalificatieplicht_end_c(civil_from_day(birth), startkwalificatie);
}

day_t kwalificatieplicht_end_c(civil b, day_t startkwalificatie)
{
	day_t end = birthday_in_year_c(b, b.year + 18) - 1;
	if (startkwalificatie != DAY_NONE && startkwalificatie - 1 < end)
		end = startkwalificatie - 1;
	return end;
}

day_t schooljaar_start(day_t d)
{
	civil c = civil_from_day(d);
	return day_from_civil(c.month >= 8 ? c.year : c.year - 1, 8, 1);
}

size_t ijkmomenten(int from, int to, day_t *out, size_t max)
{
	size_t n = 0;
	for (int y = from; y < to; y++) {
		day_t d[3] = {day_from_civil(y, 11, 1), day_from_civil(y + 1, 2, 1), day_from_civil(y + 1, 6, 1)};
		for (int i = 0; i < 3 && n < max; i++)
			out[n++] = d[i];
	}
	return n;
}

size_t ijkmomenten_until(int from, int to, day_t until, day_t *out, size_t max)
{
	size_t n = ijkmomenten(from, to, out, max);
	while (n && out[n - 1] > until)
		n--;
	return n;
}

day_t latest_ijkmoment(day_t d)
{
	civil c = civil_from_day(d);
	day_t candidates[4] = {day_from_civil(c.year, 11, 1), day_from_civil(c.year, 6, 1),
			       day_from_civil(c.year, 2, 1), day_from_civil(c.year - 1, 11, 1)};
	for (int i = 0; i < 4; i++)
		if (candidates[i] <= d)
			return candidates[i];
	return candidates[3];
}
