/*
 * cases_api.h - what the case work's HTTP parts share (api_cases.c,
 * api_procedures.c, the case pages): organisations, who may see a dossier,
 * every dossier's derived state, and the automatic opening.
 */
#ifndef INBEELD_SERVER_CASES_API_H
#define INBEELD_SERVER_CASES_API_H

#include <stdatomic.h>

#include "../app/dossiers.h"
#include "../core/cases.h"
#include "../core/classify.h"
#include "../http/http.h"

/* The organisations using inbeeld, read once per request. */
typedef struct org_list {
	organisation *o;
	size_t n;
} org_list;

/* False (and a 500 reply) when they cannot be read. */
bool orgs_load(req *r, org_list *l);
void orgs_free(org_list *l);
const organisation *org_by_id(const org_list *l, int64_t id);
/* The caller's own organisation, 0 when it has none. */
int64_t own_org(const org_list *l, const user *u);
/* Who leads a new dossier for a pupil classified as c (SPEC 6). */
int64_t default_regie(const dataset *ds, const classification *c, const org_list *l);
/* Whether regie may go to organisation o for pupil p classified as c: an
 * organisation concerned with the pupil (access_concerned). */
bool org_concerned(const dataset *ds, const organisation *o, uint32_t p, const classification *c);

/* The caller's view of the registry: scope resolved once per request. */
typedef struct viewer {
	req *r;
	snapshot *s;
	scope_set set;
	int64_t org; /* own organisation: sees the dossiers whose regie it holds */
} viewer;

void viewer_open(viewer *v, req *r, snapshot *s, int64_t org);
void viewer_close(viewer *v);
/* Whether the caller may see the pupil today; c gets its classification. */
bool viewer_sees_pupil(viewer *v, const char *leerling, classification *c);
/* ... or the dossier: its pupil, or its regie lies with the own organisation,
 * or a hand-over to the own organisation waits for its answer. */
bool viewer_sees_dossier(viewer *v, const char *leerling, const case_state *st);

/* Input helpers shared by the case modules. */
/* A path segment as a positive number, 0 when it is not one. */
int64_t path_number(const char *s);
/* The body as an event's data: its fields as given, minus datum. */
json_t *data_of(req *r);
/* A date field of the body: false (and a 400 reply) when required and
 * missing, or not a date; a field "datum" (the day something happened) may
 * not lie after today. */
bool body_day(req *r, const char *key, bool required, day_t *out);
/* Whether person is an active user of organisation *org (any organisation
 * when *org is 0; *org then becomes theirs). False with a 400 reply when not. */
bool regiehouder_ok(req *r, int64_t person, int64_t *org);

/* Read stream id of a kind: head, then every event. False (and a 404 or 500
 * reply naming `what`) when it is unknown, of another kind, or unreadable. */
bool stream_load(req *r, const char *kind, const char *what, int64_t id, void (*head)(void *ctx, const stream_info *s),
		 void (*event)(void *ctx, const stream_event *e), void *ctx);

/* One dossier as read: its pupil, its events for the state, its timeline. */
typedef struct dossier_read {
	int64_t id;
	char leerling[72], aangemaakt[20];
	json_t *events; /* the timeline as JSON, in recording order */
	case_event *ev;
	size_t n, cap;
} dossier_read;

/* Read a dossier: false (and a 404 or 500 reply) when unknown or unreadable. */
bool dossier_load(req *r, int64_t id, dossier_read *d);
void dossier_read_free(dossier_read *d);
/* Its state today (dossier_fold: the pupil's calendar, the registry's places). */
void dossier_state_now(const dossier_read *d, const snapshot *s, case_state *st);
/* Whether the caller may see a dossier (one check, not a list). */
bool dossier_visible(req *r, snapshot *s, const org_list *orgs, const char *leerling, const case_state *st);

/* An offer that is also an aanbod fact in the registry (SPEC 4 rule 6). */
typedef struct dossier_offer {
	const char *soort; /* onderwijs, zorg, combinatie */
	day_t datum, plaats_per;
} dossier_offer;

/* Append event ev to dossier id after the access check, checked by the state
 * machine (case_may_record) inside the write transaction, with the offer's
 * fact (may be NULL) in the same transaction; replies 201 with the dossier,
 * and audits. Takes gegevens. */
void dossier_append(req *r, int64_t id, case_event ev, json_t *gegevens, const dossier_offer *of);

/* Every dossier's state today, most urgent first (see h_dossiers), shared and
 * immutable: computed once per change to any dossier, day and registry
 * version, so lists and signals do not read every event per request. */
typedef struct dossier_set {
	atomic_int refs;
	long long gen;
	day_t day;
	int64_t version;
	size_t n;
	dossier_state *items;
	uint32_t *by_pupil; /* indices into items, by leerling_id, then dossier id */
} dossier_set;

/* NULL (and a 500 reply when r is given) when the dossiers are unreadable. */
dossier_set *dossiers_acquire(server *srv, const snapshot *s, req *r);
void dossiers_release(dossier_set *set);
/* The pupil's latest dossier in the set, or NULL. */
const dossier_state *dossiers_of(const dossier_set *set, const char *leerling);
/* What a list of dossiers needs: the organisations, the caller's own, the
 * snapshot and every dossier's state today. False (and a reply) when
 * unreadable. */
typedef struct dossier_view {
	org_list orgs;
	int64_t mine;
	snapshot *s;
	dossier_set *set;
} dossier_view;

bool dossier_view_open(req *r, dossier_view *dv);
void dossier_view_close(dossier_view *dv);

/* Say that a dossier changed (after its write committed). */
void cases_changed(server *srv);

/* A dossier's state as JSON: status, regie, terms, escalations, problems
 * (back: its pupil is back at school, case_pupil_back). */
json_t *state_json(req *r, const case_state *st, const org_list *orgs, bool back);
/* A stored event as JSON for a timeline. */
json_t *event_json(const stream_event *e);

/* Open a dossier for every pupil whose categorie opens one today
 * (categorie_opens_dossier) without an open one. Returns how many opened. */
size_t cases_sweep(server *srv, const snapshot *s);

/* Remove the dossiers closed before the retention period (SPEC 9). Returns
 * how many went. */
size_t cases_purge(server *srv);

/* Whether the caller's organisation leads the pupil's open dossier (holds its
 * regie): then the caller may open the pupil's page (access_sees_pupil_or_case). */
bool leads_case_of(req *r, const snapshot *s, const char *leerling);

/* Whether account account_id (naam) may be deactivated: not while it is the
 * regiehouder of open dossiers (a 409 reply says how many and where to hand
 * them over; a 500 when the dossiers are unreadable). */
bool account_may_stop(req *r, int64_t account_id, const char *naam);

/* Regie (api_regie.c): take it, ask another organisation to take it over,
 * accept or decline such a hand-over, the hand-overs waiting for the own
 * organisation, and the organisations regie can go to. */
void h_regie(req *r);
void h_handover_answer(req *r);
void h_handovers(req *r);
void h_regie_orgs(req *r);

extern const route CASE_ROUTES[];	  /* api_cases.c */
extern const size_t N_CASE_ROUTES;
extern const route PROCEDURE_ROUTES[]; /* api_procedures.c */
extern const size_t N_PROCEDURE_ROUTES;
extern const route TAFEL_ROUTES[];	  /* api_tafels.c */
extern const size_t N_TAFEL_ROUTES;

#endif
