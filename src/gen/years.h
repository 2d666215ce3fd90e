/*
 * years.h - school years in the simulation, by the core's rule (a school
 * year runs from 1 August to 31 July: schooljaar_start in leerplicht.h).
 */
#ifndef INBEELD_GEN_YEARS_H
#define INBEELD_GEN_YEARS_H

#include "../core/date.h"
#include "../core/leerplicht.h"

/* The year in which the school year containing d began (2025 for 2025/26). */
static inline int school_year(day_t d)
{
	return civil_from_day(schooljaar_start(d)).year;
}

/* The first day of school year y: 1 August y, the day schooljaar_start gives
 * for any day of it (asked for so often that it is not asked of it). */
static inline day_t aug1(int y)
{
	return day_from_civil(y, 8, 1);
}

/* The last day of school year y - 1 (31 July y). */
static inline day_t jul31(int y)
{
	return aug1(y) - 1;
}

#endif
