/*
 * jaarverslag.c - the schooljaar the annual report is about (jaarverslag.h).
 */
#include "jaarverslag.h"

#include "leerplicht.h"

int jaarverslag_schooljaar(day_t today)
{
	/* The schooljaar running today started on 1 August of year Y; the last
	 * complete one is Y-1 (on 31 July, the one running is not over yet). */
	return civil_from_day(schooljaar_start(today)).year - 1;
}
