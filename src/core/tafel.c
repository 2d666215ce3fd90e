/*
 * tafel.c - the thuiszitterstafel: its rhythm, the fair comparison of the two
 * lists, and the stays in care. See tafel.h.
 */
#include "tafel.h"

#include <string.h>

#include "cases.h"
#include "../util/strbuf.h"

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

bool tafel_carried(day_t decided, day_t meeting, bool checked)
{
	return !checked && decided < meeting;
}

const char *tafel_step_state(day_t by_when, int done, day_t d)
{
	return done == 1 ? "gedaan" : done == 0 ? "niet_gedaan" : by_when < d ? "verlopen" : "loopt";
}

bool tafel_agenda_ok(const char *const *pupils, size_t n, strbuf *why)
{
	if (!n) {
		sb_puts(why, "kies ten minste één kind voor de agenda");
		return false;
	}
	if (n > TAFEL_AGENDA_MAX) {
		sb_printf(why, "een agenda heeft hoogstens %d kinderen", TAFEL_AGENDA_MAX);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (!pupils[i] || !*pupils[i]) {
			sb_printf(why, "kind %zu van de agenda heeft geen leerling-id", i + 1);
			return false;
		}
		for (size_t k = 0; k < i; k++)
			if (strcmp(pupils[k], pupils[i]) == 0) {
				sb_printf(why, "leerling %s staat twee keer op de agenda", pupils[i]);
				return false;
			}
	}
	return true;
}

bool tafel_previous_better(day_t cand, int64_t cand_id, day_t best, int64_t best_id, day_t meeting)
{
	return cand < meeting && (!best_id || cand > best || (cand == best && cand_id > best_id));
}

bool tafel_agenda_comes_back(bool on_previous_agenda, bool discussed, bool open_decision)
{
	return open_decision || (on_previous_agenda && !discussed);
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

/* ---- the reconciliation ---------------------------------------------------------------- */

const char *const TAFEL_KNOWN_CODES[TAFEL_KNOWN_COUNT] = {"beide", "alleen_leerplicht", "alleen_swv",
							  "buiten_bereik"};

bool tafel_reaches(const char *codes, const char *code)
{
	return code && *code && list_has(codes, code);
}

tafel_known tafel_compare(bool on_lp, bool on_swv, bool lp_reach, bool swv_reach)
{
	if (on_lp && on_swv)
		return TAFEL_BEIDE;
	if (on_lp)
		return swv_reach ? TAFEL_ALLEEN_LP : TAFEL_BUITEN_BEREIK;
	return lp_reach ? TAFEL_ALLEEN_SWV : TAFEL_BUITEN_BEREIK;
}

int tafel_coverage_tenths(size_t both, size_t only_lp, size_t only_swv)
{
	size_t all = both + only_lp + only_swv;
	if (!all)
		return -1;
	/* round(1000 * both / all), half up, in integers */
	return (int)((2000 * (unsigned long long)both + all) / (2 * (unsigned long long)all));
}

static void people(strbuf *out, size_t n)
{
	sb_printf(out, "%zu %s", n, n == 1 ? "leerling" : "leerlingen");
}

void tafel_coverage_sentence(size_t both, size_t only_lp, size_t only_swv, size_t out_of_reach, strbuf *out)
{
	int t = tafel_coverage_tenths(both, only_lp, only_swv);
	if (t < 0) {
		sb_puts(out, "Geen leerling op de lijsten kon door beide kanten gekend worden, dus er is geen dekking te "
			     "berekenen");
	} else {
		sb_puts(out, "Van de ");
		people(out, both + only_lp + only_swv);
		sb_printf(out, " die beide kanten konden kennen, %s er %zu op beide lijsten: een dekking van %d,%d%%",
			  both == 1 ? "staat" : "staan", both, t / 10, t % 10);
	}
	if (out_of_reach) {
		sb_puts(out, "; ");
		people(out, out_of_reach);
		sb_puts(out, out_of_reach == 1 ? " buiten elkaars bereik telt niet mee" : " buiten elkaars bereik tellen niet mee");
	}
	sb_putc(out, '.');
}
