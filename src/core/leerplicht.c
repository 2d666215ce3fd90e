#include "leerplicht.h"

day_t birthday_in_year(day_t birth, int year)
{
	civil b = civil_from_day(birth);
	if (b.month == 2 && b.day == 29 && !is_leap_year(year))
		return day_from_civil(year, 3, 1);
	return day_from_civil(year, b.month, b.day);
}

int age_on(day_t birth, day_t d)
{
	civil b = civil_from_day(birth), c = civil_from_day(d);
	int age = c.year - b.year;
	if (d < birthday_in_year(birth, c.year))
		age--;
	return age;
}

day_t leerplicht_start(day_t birth)
{
	civil b = civil_from_day(birth);
	civil fifth = civil_from_day(birthday_in_year(birth, b.year + 5));
	return add_months(day_from_civil(fifth.year, fifth.month, 1), 1);
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
	civil b = civil_from_day(birth);
	day_t end = birthday_in_year(birth, b.year + 18) - 1;
	if (startkwalificatie != DAY_NONE && startkwalificatie - 1 < end)
		end = startkwalificatie - 1;
	return end;
}

day_t schooljaar_start(day_t d)
{
	civil c = civil_from_day(d);
	return day_from_civil(c.month >= 8 ? c.year : c.year - 1, 8, 1);
}
