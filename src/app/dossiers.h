/*
 * dossiers.h - the registry's dossiers with their state (SPEC 6), shared by
 * the server and the command line.
 *
 * A stored event (its JSON) becomes the core's case_event; a dossier's events
 * are folded by src/core/cases.c with its pupil's holiday calendar (terms in
 * lesweken) and the registry's aanbod of the pupil (SPEC 4 rule 6), so that
 * every place showing a deadline - the API, the pages, the signals, the
 * order of the lists - uses one computation.
 */
#ifndef INBEELD_APP_DOSSIERS_H
#define INBEELD_APP_DOSSIERS_H

#include <jansson.h>

#include "../core/cases.h"
#include "../store/store.h"

/* A date field of a JSON object, DAY_NONE when absent or not a date. */
day_t json_day(json_t *o, const char *key);
/* The compact text of a JSON value, as an event's data is stored ("{}" when
 * it cannot be made); free it. */
char *json_text(json_t *j);

/* The fields of a stored event that the state depends on. False when the
 * event is not one of a dossier (unknown kind, no date). */
bool case_event_read(const stream_event *e, case_event *out);

/* Fold a dossier of pupil `pupil_id` on day `when`: with the pupil's holiday
 * calendar and the registry's places for it, when ds knows the pupil (ds may
 * be NULL: no holidays, no registry places). 0, or -1 with a Dutch reason. */
int dossier_fold(const dataset *ds, const char *pupil_id, const case_event *ev, size_t n, day_t when, case_state *st,
		 strbuf *why);
/* The same for stored events (those case_event_read skips are left out). */
int dossier_fold_stored(const dataset *ds, const char *pupil_id, const stream_event *ev, size_t n, day_t when,
			case_state *st, strbuf *why);

/* Every dossier with its state on a day: the basis for lists and signals. */
typedef struct dossier_state {
	int64_t id;
	char pupil_id[72];
	case_state st;
} dossier_state;

/* Every dossier, in id order, folded with dossier_fold (ds may be NULL). */
int dossiers_all(store *st, const dataset *ds, day_t when, dossier_state **out, size_t *n, strbuf *err);
/* The same for one pupil's dossiers only (pupil_id NULL: everybody's). */
int dossiers_of_pupil(store *st, const dataset *ds, const char *pupil_id, day_t when, dossier_state **out, size_t *n,
		      strbuf *err);

/* How many open dossiers account `naam` (id account_id) leads as regiehouder; when
 * any, why says so in Dutch with their numbers and where to hand them over,
 * for refusing to deactivate the account (SPEC 6: no child is left without
 * someone who leads its case). */
size_t dossiers_led_by(const dossier_state *all, size_t n, int64_t account_id, const char *naam, strbuf *why);

#endif
