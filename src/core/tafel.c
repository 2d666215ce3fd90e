/*
 * tafel.c - the thuiszitterstafel's rhythm and the stays in care. See tafel.h.
 */
#include "tafel.h"

#include "cases.h"

day_t tafel_next_due(day_t latest, day_t today)
{
	return latest == DAY_NONE ? today : latest + TAFEL_DAYS;
}

const char *tafel_status(day_t due, day_t today)
{
	term t = term_on(due, DAY_NONE, true, today);
	return t.state == TERM_OVERDUE ? "verlopen" : t.state == TERM_DUE_SOON ? "deze_week" : "op_tijd";
}

bool tafel_peildatum_ok(day_t peildatum, day_t today)
{
	return peildatum <= today;
}

const char *stay_phase(day_t van, day_t tot, day_t d)
{
	return van > d ? "voor" : tot != DAY_NONE && tot < d ? "na" : "tijdens";
}

bool stay_in_view(day_t tot, day_t d)
{
	return tot == DAY_NONE || tot + STAY_AFTER_DAYS >= d;
}

size_t stay_problems(bool has_regiehouder, const char *out[1])
{
	if (has_regiehouder)
		return 0;
	out[0] = "geen regiehouder voor het onderwijs";
	return 1;
}
