/*
 * regie.c - who leads a case (SPEC 6): the default regie of a new dossier,
 * what giving regie to another organisation is, and which organisation or
 * person holds it. See cases.h.
 */
#include "cases.h"

#include <stdio.h>

size_t regie_default(const dataset *ds, const classification *c, regie_candidate out[3])
{
	size_t n = 0;
	if (!categorie_is_av_family(c->cat)) {
		if (c->swv != NO_REF) {
			out[n].kind = ORG_SWV;
			snprintf(out[n++].code, sizeof out[0].code, "%s", ds->swvs[c->swv].code);
		}
		if (c->school != NO_REF) {
			out[n].kind = ORG_SCHOOL;
			snprintf(out[n++].code, sizeof out[0].code, "%s:%s", ds->schools[c->school].brin,
				 ds->schools[c->school].vestiging);
		}
	}
	if (c->gemeente != NO_REF) {
		out[n].kind = ORG_LEERPLICHT;
		snprintf(out[n++].code, sizeof out[0].code, "%s", ds->gemeenten[c->gemeente].code);
	}
	return n;
}

case_kind case_regie_kind(int64_t by_org, int64_t to)
{
	return by_org && by_org == to ? EV_REGIE : EV_OVERDRACHT;
}

bool case_led_by(const case_state *st, int64_t org)
{
	return st->open && org > 0 && st->regie_org == org;
}

bool case_held_by(const case_state *st, int64_t user)
{
	return st->open && user > 0 && st->regie_user == user;
}

int64_t case_handover_holder(const handover *h, bool asked_active, int64_t accepter)
{
	return h->user && asked_active ? h->user : accepter;
}

bool case_org_sees(const case_state *st, int64_t org)
{
	return org && (st->regie_org == org || st->pending.org == org);
}
