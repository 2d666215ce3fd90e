/*
 * procedure_record.h - the vrijstelling procedure's stream (SPEC 6) as the
 * API (src/api/api_procedures.c, api_reviews.c) and the command line
 * (`inbeeld dossierwerk laden`) record it: a stored step read back, the
 * check of a new step inside the write transaction (the state machine of
 * src/core/procedure.c on the business day), and taking a vrijstelling over
 * from the registry so that its reviews follow in a stream of its own. The
 * caller checks access and arms the audit entry around each write.
 */
#ifndef INBEELD_APP_PROCEDURE_RECORD_H
#define INBEELD_APP_PROCEDURE_RECORD_H

#include <jansson.h>

#include "../core/procedure.h"
#include "../store/store.h"
#include "case_record.h"

extern const char PROCEDURE_KIND[]; /* the kind of stream (migration 3) */

/* The fields of a stored step that the state depends on; *data (when not
 * NULL) receives its JSON (free it). False when it is no step. */
bool step_parse(const stream_event *e, vp_event *v, json_t **data);

/* Whether step `next` may follow the stream's steps (the store's
 * event_check, ctx a step_check), on the business day today(): a new stream
 * (opening) for a request not while another procedure runs, for taking a
 * vrijstelling over from the registry not while a procedure runs nor when
 * the latest stream backs it already (then `backed` is set: review in that
 * one); any other step as vp_allows says. */
typedef struct step_check {
	vp_event next;
	bool opening; /* a new stream */
	bool refused; /* the state machine said no (not the facts) */
	bool backed;  /* opening uit_registratie: the latest stream backs it already */
} step_check;
bool check_step(void *ctx, const stream_event *so_far, size_t n, const new_event *ev, strbuf *why);

/* Take vrijstelling x of pupil_id over from the registry, recorded by who:
 * a stream of its own that its reviews follow (*stream, *event the new
 * ids). Returns 0, STORE_INVALID (sc->refused: the state machine said no;
 * sc->backed: the latest stream backs it already, vp_latest finds it) or
 * another store code, with the reason in why. */
int vp_take_over(store *st, const char *pupil_id, const vrijstelling *x, const char *swv_code, const case_actor *who,
		 step_check *sc, int64_t *stream, int64_t *event, strbuf *why);
/* The pupil's latest procedure stream (0: none). */
int vp_latest(store *st, const char *pupil_id, int64_t *stream, strbuf *why);

#endif
