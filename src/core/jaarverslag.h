/*
 * jaarverslag.h - what the annual report (jaarverslag leerplicht) decides
 * beyond the counts it shows: which schooljaar it is about by default. How
 * its counts show to a role that may not see the pupils behind them is
 * decided where it is for every page (suppress.h, suppress_steer.h).
 */
#ifndef INBEELD_JAARVERSLAG_H
#define INBEELD_JAARVERSLAG_H

#include "date.h"

/* The last schooljaar complete on `today` (it ended on 31 July before it). */
int jaarverslag_schooljaar(day_t today);

#endif
