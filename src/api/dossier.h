/*
 * dossier.h - one dossier over HTTP (dossier.c): reading its stream with its
 * state today, the JSON of its state and timeline, and appending an event
 * after the access check, checked by the dossier's state machine inside the
 * write transaction (with, for an offer or placement, its aanbod fact in the
 * registry in the same transaction), audited. Shared by the dossier
 * handlers (api_cases.c), regie (api_regie.c) and the procedures.
 */
#ifndef INBEELD_API_DOSSIER_H
#define INBEELD_API_DOSSIER_H

#include "../app/case_record.h"
#include "api.h"

/* Read stream id of a kind: head, then every event. False (and a 404 or 500
 * reply naming `what`) when it is unknown, of another kind, or unreadable. */
bool stream_load(req *r, const char *kind, const char *what, int64_t id, void (*head)(void *ctx, const stream_info *s),
		 void (*event)(void *ctx, const stream_event *e), void *ctx);
/* A stored event as JSON for a timeline. */
json_t *event_json(const stream_event *e);

/* One dossier as read: its pupil, its events for the state, its timeline. */
typedef struct dossier_read {
	int64_t id;
	char pupil_id[72], aangemaakt[20];
	json_t *events; /* the timeline as JSON, in recording order */
	case_event *ev;
	size_t n, cap;
} dossier_read;

/* Read a dossier: false (and a 404 or 500 reply) when unknown or unreadable. */
bool dossier_load(req *r, int64_t id, dossier_read *d);
void dossier_read_free(dossier_read *d);
/* Its state today (dossier_fold: the pupil's calendar, the registry's places). */
void dossier_state_now(const dossier_read *d, const snapshot *s, case_state *st);

/* A dossier as JSON: its state (status, regie, terms, escalations,
 * problems), its pupil and, with_timeline, what happened in it. */
json_t *dossier_json(req *r, const dossier_read *d, const case_state *st, const org_list *orgs, const snapshot *s,
		     bool with_timeline);

/* Append event ev to dossier id after the access check, checked by the state
 * machine (case_may_record) inside the write transaction, with the offer's
 * fact (may be NULL) in the same transaction; replies 201 with the dossier,
 * and audits. Takes gegevens. */
void dossier_append(req *r, int64_t id, case_event ev, json_t *gegevens, const dossier_offer *of);

/* Which dossiers a list holds (api_cases.c): status open (NULL), gesloten
 * or alle; a signal (case_matches_signal); mine: only the open ones whose
 * regie lies with the caller or the caller's organisation ("mijn
 * dossiers"); by_term: the next deadline first (case_compare_next_term),
 * else the most urgent first. */
typedef struct dossier_filter {
	const char *status, *signaal;
	bool mine, by_term;
} dossier_filter;
/* Reply with those the caller may see, as GET /api/dossiers does (audited). */
void dossiers_reply(req *r, const dossier_filter *f);

/* Regie (api_regie.c), in CASE_ROUTES: take it, ask another organisation to
 * take it over, accept or decline such a hand-over, the hand-overs waiting
 * for the own organisation, and the organisations regie can go to. */
void h_regie(req *r);
void h_handover_answer(req *r);
void h_handovers(req *r);
void h_regie_orgs(req *r);

#endif
