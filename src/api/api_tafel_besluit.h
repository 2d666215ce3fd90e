/*
 * api_tafel_besluit.h - the handlers of the meeting of the thuiszitterstafel
 * (api_tafel_besluit.c), routed in api_tafels.c's table, and what the
 * agenda (api_tafel_agenda.c) shares with it.
 */
#ifndef INBEELD_API_TAFEL_BESLUIT_H
#define INBEELD_API_TAFEL_BESLUIT_H

#include <jansson.h>
#include <stdbool.h>

#include "../core/dataset.h"
#include "../store/store.h"

typedef struct req req;

/* The head of a fixed list: kind, organisation and peildatum. */
typedef struct meeting_head {
	bool found;
	char soort[16], organisatie[160];
	day_t peildatum;
} meeting_head;

/* The tafel of list id; false after a reply (unknown, or not leerplicht's list). */
bool meeting_load(req *r, int64_t id, meeting_head *h);

/* The decisions of an organisation's tafels, with their texts owned. */
typedef struct decisions {
	tafel_besluit *b;
	char **texts; /* the strings of each, owned: 9 per decision */
	size_t n, cap, cap_t;
} decisions;

/* Read them; false after a 500 reply. */
bool decisions_load(req *r, const char *organisatie, decisions *d);
void decisions_free(decisions *d);
/* A decision as the API shows it, with its step's stand on day on. */
json_t *decision_json(const tafel_besluit *b, const decisions *all, const dataset *ds, day_t on);
/* Whether the caller may see a pupil as it stood on a list's peildatum d
 * (api_tafel_besluit.c): a list and its agenda show the children so. */
typedef struct viewer viewer;
bool tafel_sees_on(viewer *v, const char *pupil_id, day_t d);
/* A JJJJ-MM-DD text as a day, DAY_NONE when it is none. */
day_t day_of(const char *s);

/* GET /api/tafels/{id}/besluiten: the children discussed, and the earlier decisions not yet checked. */
void h_tafel_meeting(req *r);
/* POST /api/tafels/{id}/besluiten: what the tafel decided on one child. */
void h_tafel_decide(req *r);

#endif
