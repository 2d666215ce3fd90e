/*
 * case_lists.c - dossiers as the lists show them (SPEC 6): when one may
 * open, which signal a dossier answers, the order of urgency, what is wrong
 * with it, and its next term. See cases.h.
 */
#include "cases.h"

#include <string.h>

bool case_opens_by_hand(const classification *c)
{
	return c->in_scope && c->startdatum != DAY_NONE;
}

bool case_may_open(const case_state *latest, day_t startdatum, bool automatic, strbuf *why)
{
	if (!latest)
		return true;
	if (latest->open) {
		sb_puts(why, "er is al een open dossier voor deze leerling");
		return false;
	}
	if (case_reopens(latest, startdatum)) {
		sb_puts(why, "een nieuw verzuim binnen een jaar na de terugkeer naar school heropent het dossier");
		return false;
	}
	if (automatic && startdatum != DAY_NONE && latest->closed != DAY_NONE && latest->closed >= startdatum) {
		sb_puts(why, "dit verzuim is al in een gesloten dossier behandeld");
		return false;
	}
	return true;
}

bool case_without_regie(const case_state *st)
{
	return st->open && (!st->regie_org || !st->regie_user);
}

bool case_matches_signal(const case_state *st, const char *want)
{
	if (!want || strcmp(want, "alle") == 0)
		return true;
	if (strcmp(want, "zonder_regie") == 0)
		return case_without_regie(st);
	const char *sig = case_signal(st);
	if (strcmp(want, "verlopen") == 0) /* overdue includes stagnated */
		return sig && (strcmp(sig, "verlopen") == 0 || strcmp(sig, "gestagneerd") == 0);
	return sig && strcmp(sig, want) == 0;
}

static int urgency(const case_state *st)
{
	const char *sig = case_signal(st);
	return !st->open ? 4 : !sig ? 3 : strcmp(sig, "gestagneerd") == 0 ? 0 : strcmp(sig, "verlopen") == 0 ? 1 : 2;
}

int case_compare_urgency(const case_state *a, const case_state *b)
{
	int ua = urgency(a), ub = urgency(b);
	if (ua != ub)
		return ua - ub;
	if (a->startdatum != b->startdatum)
		return a->startdatum < b->startdatum ? -1 : 1;
	return 0;
}

day_t case_next_term_due(const case_state *st)
{
	if (!st->open)
		return DAY_NONE;
	const term t[3] = {st->place, st->decision, st->aanbod};
	size_t next = term_next(t, 3);
	return next < 3 ? t[next].due : DAY_NONE;
}

int case_compare_next_term(const case_state *a, const case_state *b)
{
	day_t da = case_next_term_due(a), db = case_next_term_due(b);
	if (da != db) {
		if (da == DAY_NONE || db == DAY_NONE)
			return da == DAY_NONE ? 1 : -1;
		return da < db ? -1 : 1;
	}
	return case_compare_urgency(a, b);
}

bool case_pupil_back(const classification *c)
{
	return c->in_scope && c->cat == CAT_GEEN;
}

size_t case_problems(const case_state *st, bool back, const char *out[CASE_MAX_PROBLEMS])
{
	size_t n = 0;
	if (st->open && !st->regie_org)
		out[n++] = "geen regie: geen organisatie leidt dit dossier";
	else if (st->open && !st->regie_user)
		out[n++] = "geen regiehouder: de regie ligt bij een organisatie zonder persoon";
	if (st->open && back)
		out[n++] = "de leerling gaat weer naar school: sluit het dossier met een uitkomst";
	return n;
}

size_t term_next(const term *t, size_t n)
{
	size_t best = n;
	for (size_t i = 0; i < n; i++) {
		bool pending = t[i].state == TERM_OPEN || t[i].state == TERM_DUE_SOON || t[i].state == TERM_OVERDUE;
		if (pending && (best == n || t[i].due < t[best].due))
			best = i;
	}
	return best;
}
