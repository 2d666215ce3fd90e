/*
 * case_record.h - recording one event in a dossier (SPEC 6), the one way in
 * for the API (src/api/dossier.c) and the command line (`inbeeld
 * dossierwerk laden`): the stored events are folded inside the write
 * transaction and the dossier's state machine (case_may_record) decides; an
 * offer or placement is an aanbod fact of the registry in the same
 * transaction (SPEC 4 rule 6). The caller checks access and arms the audit
 * entry (store_audit_with) around the call. And the automatic opening's
 * event (SPEC 6), shared by the sweep and the replay.
 */
#ifndef INBEELD_APP_CASE_RECORD_H
#define INBEELD_APP_CASE_RECORD_H

#include "../core/cases.h"
#include "../store/store.h"
#include "orgs.h"

/* An offer that is also an aanbod fact in the registry (SPEC 4 rule 6). */
typedef struct dossier_offer {
	const char *soort; /* onderwijs, zorg, combinatie */
	day_t datum, plaats_per;
} dossier_offer;

/* Who records: the account, its name and organisation (name, and id for
 * the rules of regie and hand-over). */
typedef struct case_actor {
	int64_t id, org;
	const char *naam, *organisatie;
} case_actor;

/* Append ev, with its data gegevens (JSON text), to dossier id of pupil_id,
 * on business day `today`, with the offer's fact (of may be NULL). ds (may
 * be NULL) gives the pupil's holiday calendar and registry places. Returns 0
 * (*event the new id, result the fact's batch), STORE_INVALID with the reason
 * in why (*refused true when the state machine said no, false when the aanbod
 * fact breaks a rule of the registry), or another store code. */
int case_record(store *st, const dataset *ds, int64_t id, const char *pupil_id, const case_event *ev,
		const char *gegevens, const dossier_offer *of, const case_actor *who, day_t today, fact_result *result,
		int64_t *event, bool *refused, strbuf *why);

/* The data of the automatic opening of a dossier for a pupil classified as
 * c (categorie_opens_dossier) as JSON text (free it): its startdatum, the
 * categorie and the default regie among the organisations ol. */
char *case_opening_text(const dataset *ds, const classification *c, const org_list *ol);
/* The audit entry of the automatic opening: the registry opens them. */
extern const audit_entry CASE_OPENING_BY;

#endif
