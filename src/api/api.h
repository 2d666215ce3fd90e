/*
 * api.h - what the JSON handlers share (src/api): the caller's view of the
 * registry (who sees which pupil and dossier), the organisations, input
 * helpers, the handlers the route tables and the pages call, and the route
 * tables themselves.
 *
 * Handlers decide access on the server for every request (src/core/access.c),
 * read the snapshot or change the store, audit every read and change of
 * personal data, and reply; the rules they apply are the core's.
 */
#ifndef INBEELD_API_H
#define INBEELD_API_H

#include "../app/casework.h"
#include "../app/counts.h"
#include "../app/dossiers.h"
#include "../app/melddiscipline_run.h"
#include "../app/orgs.h"
#include "../app/status.h"
#include "../core/cases.h"
#include "../core/classify.h"
#include "../http/http.h"
#include "../io/report.h"

/* ---- the caller's view (viewer.c) ----------------------------------------- */

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
bool viewer_sees_pupil(viewer *v, const char *pupil_id, classification *c);
/* ... or the dossier: its pupil, or its regie lies with the own organisation,
 * or a hand-over to the own organisation waits for its answer. */
bool viewer_sees_dossier(viewer *v, const char *pupil_id, const case_state *st);
/* The same, replying 404 when the registry does not know the pupil and 403
 * when the caller may not see it. */
bool viewer_pupil_ok(viewer *v, const char *pupil_id, classification *c);
/* The same in one call (a viewer for this check alone). */
bool pupil_ok(req *r, snapshot *s, const char *pupil_id, classification *c);
/* Whether the caller may see a dossier (one check, not a list). */
bool dossier_visible(req *r, snapshot *s, const org_list *orgs, const char *pupil_id, const case_state *st);
/* Whether the caller's organisation leads the pupil's open dossier (holds its
 * regie): then the caller may open the pupil's page (access_sees_pupil_or_case). */
bool leads_case_of(req *r, const snapshot *s, const char *pupil_id);

/* The organisations, read once per request: false (and a 500 reply) when
 * they cannot be read. */
bool orgs_load(req *r, org_list *l);
/* The caller's own organisation, 0 when it has none. */
int64_t own_org(const org_list *l, const user *u);
/* Whether person is an active user of organisation org (any organisation
 * when org is 0); *of (may be NULL) gets their organisation. */
bool active_member(req *r, int64_t person, int64_t org, int64_t *of);
/* Whether person is an active user of organisation *org (any organisation
 * when *org is 0; *org then becomes theirs). False with a 400 reply when not. */
bool regiehouder_ok(req *r, int64_t person, int64_t *org);

/* Every dossier's state today (casework.h); NULL and a 500 reply when the
 * dossiers are unreadable. */
dossier_set *dossiers_for(req *r, const snapshot *s);
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

/* Who asks a list, as a status query (api_counts.c): the caller's scope, or
 * for the beheerder the pupils under an active break-glass grant. The query
 * points into cs, which the caller frees with scope_set_free(&cs->set). */
enum { CALLER_GRANTS = 64 };
typedef struct caller_scope {
	scope_set set;
	int32_t granted[CALLER_GRANTS];
} caller_scope;
void caller_query(req *r, const snapshot *s, status_query *q, caller_scope *cs);
/* The start of the cache key of an answer that depends on who asks
 * (api_counts.c): "<what>|<role>|<scope>", the scope being the one the
 * caller works with - not the codes the account holds, for a care
 * organisation's account holds codes but sees nobody by them (accounts.h),
 * and must never be served the answer of an account that does. */
void caller_cache_key(const req *r, const char *what, strbuf *key);

/* Reply with a list of personal data (api_counts.c): the answer cached in
 * the snapshot under key (not for the beheerder, whose grants change by the
 * minute), else built by build (false: no memory), and one audit entry
 * "lijst" with details (taken) and the list's count and the registry's
 * version, which reproduce the list from the registry's history. build may
 * set carry->reach (taken) to the pupils its list can hold (status.h): the
 * cached answer then outlives changes to other pupils (snapshot_update), and
 * with carry->layout and carry->query (taken) it is patched for the pupils
 * a change touches (snapshot_list.c). */
typedef bool (*list_builder)(req *r, const snapshot *s, void *ctx, strbuf *out, size_t *n, list_carry *carry);
void reply_list(req *r, snapshot *s, const char *key, list_builder build, void *ctx, json_t *details);

/* The registry's version of the snapshot an answer comes from, as the
 * X-Inbeeld-Registratie header (api_counts.c). */
void version_header(req *r, const snapshot *s);
/* Which gebieden of the view a comma-separated list of codes keeps (by
 * index; NULL when codes is NULL: every gebied). Free it. */
bool *gebied_keep(const dataset *ds, view v, const char *codes);
/* A counts answer (the JSON array arr, taken) serialised and cached in s
 * under key, with what it depends on when dep is not NULL (an update keeps
 * it while those cells stay the same, snapshot_update); NULL when it could
 * not be built. */
shared_body *cache_counts(snapshot *s, const char *key, json_t *arr, counts_dep *dep);
/* Reply 200 with a counts answer and the registry's version, or a 500 when
 * body is NULL: nothing half-built is cached or sent. */
void reply_counts(req *r, const snapshot *s, shared_body *body);

/* ---- one pupil (api_pupil.c) ---------------------------------------------- */

/* The pupil a request is about, read from the snapshot when it is current,
 * else from the registry right away (a change is visible at once). */
typedef struct pupil_view {
	snapshot *snap;
	dataset *own; /* read for this request, or NULL */
	const dataset *ds;
	int32_t p;
} pupil_view;

/* A leerling_id of 1 to 64 bytes without control characters or '/'. */
bool pupil_id_ok(const char *id);
/* For an id that is no pupil: when it was merged into another (issue 14),
 * reply 301 to the same path with the survivor's id (GET) or 409
 * samengevoegd (a change), both naming it (leerling_id), and return true;
 * else false. */
bool merged_reply(req *r, const char *id);
/* Find the pupil: false (and a reply) when the id is malformed or unknown
 * (or merged: merged_reply). */
bool view_open(req *r, const char *id, pupil_view *pv);
void view_close(pupil_view *pv);

/* ---- input (input.c) ------------------------------------------------------- */

/* A body field in words ("Met wie" for met_wie), NULL when it has none
 * (server_config.field_label: the input checks' messages use it too). */
const char *field_label(const char *key);
/* The body as an event's data: its fields as given, minus datum. */
json_t *data_of(req *r);
/* A date field of the body: false (and a 400 reply) when required and
 * missing, or not a date; a field "datum" (the day something happened) may
 * not lie after today. */
bool body_day(req *r, const char *key, bool required, day_t *out);
/* A store error of a write as a reply (422, 409, 500). */
void reply_store_error(req *r, int rc, strbuf *why);
/* A 400: field is none of the n codes (which the message lists). */
void reply_not_one_of(req *r, const char *what, const char *const *codes, size_t n);
/* Reply 200 with a list read from the store, or a 500 ("de <what> zijn
 * niet leesbaar") when reading it failed (rc != 0). Takes arr. */
void reply_read(req *r, int rc, json_t *arr, const char *what);
/* A case event's audit entry, written in the event's transaction
 * (audit_change_arm): the stream ("dossier" or "vrijstellingsprocedure")
 * and the kind of event, and - set by the store before the commit - the
 * stream's id, the event's and (in facts, NULL: none) the batch of the facts
 * it changed. */
typedef struct event_audit {
	const char *stream_kind, *soort;
	int64_t stream, event;
	const fact_result *facts;
} event_audit;
/* Its details: {"<stream_kind>": id, "soort", "gebeurtenis", "registratie"}. */
json_t *event_audit_details(void *ctx);
/* A text as JSON, null when NULL or empty. */
json_t *str_or_null(const char *s);
/* A date as JSON: "YYYY-MM-DD", or null for none. */
json_t *date_or_null(day_t d);

/* ---- the handlers of API_ROUTES (routes.c), by file --------------------- */

/* api_session.c; the pages log in and out with the same handlers */
void h_login(req *r);
void h_logout(req *r);
void h_session(req *r);
void h_password(req *r);
/* api_counts.c */
void h_health(req *r);
void h_openapi(req *r);
void h_status(req *r);
void h_telling(req *r);
void h_referentie(req *r);
/* api_year.c: the school-year count (SPEC 8.1); the schooljaar parameter
 * (its first year, YYYY), false after a 400 reply, for the pages too */
void h_jaartelling(req *r);
bool schooljaar_param(req *r, int *y);
/* api_pupil.c; the pupil's page shows what h_pupil and h_pupil_history give */
void h_pupil(req *r);
void h_pupil_history(req *r);
void h_pupil_explain(req *r);
/* api_signals.c; the signal pages use the melddiscipline query as well */
void h_vroegsignalen(req *r);
void h_melddiscipline(req *r);
enum { MD_MAX_DAYS = 366 };
/* The period of ?van and ?tot: tot today when absent or later, van the
 * 1 August before tot when absent, at most MD_MAX_DAYS days; false after a
 * 400 reply. */
bool md_period_param(req *r, md_period *per);
/* The melddiscipline of the schools the caller sees (md_selection), with
 * their SWVs and gemeenten, up to today: computed once per snapshot, role,
 * scope and period. out gets its own copy of the rows (free out->rows), the
 * figures per SWV and gemeente stay in *hold (shared_body_release it). False
 * (and a 500 reply) when the registry could not be read. */
typedef struct md_view {
	md_school_row *rows;
	size_t n;
	const md_figures *by_swv, *by_gemeente; /* [n_swvs], [n_gemeenten] */
} md_view;
bool melddiscipline_view(req *r, snapshot *s, md_period per, md_view *out, shared_body **hold);
json_t *melddiscipline_json(const dataset *ds, const md_view *m, md_period per);
/* api_facts.c */
void h_pupil_create(req *r);
/* api_search.c (issue 14): the search, paged by SEARCH_PAGE pupils; the
 * rule "one child, one record" for h_pupil_create (false, and a 409
 * bestaat_al or mogelijk_dubbel, when the new pupil id would duplicate one
 * of the registry: search.h dup_check); the beheerder's report of likely
 * duplicates, paged by DUP_PAGE groups. */
enum { SEARCH_PAGE = 50, DUP_PAGE = 50 };
void h_search(req *r);
bool pupil_create_unique(req *r, const char *id);
void h_duplicates(req *r);
void h_merge(req *r);
void h_pupil_identity(req *r);
void h_fact_add(req *r);
void h_fact_replace(req *r);
void h_fact_end(req *r);
/* api_admin.c */
void h_audit(req *r);
void h_break_glass(req *r);
void h_break_glass_list(req *r);
void h_users(req *r);
void h_user_create(req *r);
void h_user_update(req *r);
void h_user_revoke(req *r);
void h_organisations(req *r);
void h_organisation_create(req *r);
void h_organisation_deactivate(req *r);
/* Accounts under four eyes (api_accounts.c). */
void h_user_reset(req *r);
void h_user_requests(req *r);
void h_request_confirm(req *r);
void h_request_refuse(req *r);
void h_activate(req *r);
/* api_datasets.c */
void h_dataset_upload(req *r);
void h_dataset_job(req *r);

/* ---- the route tables, in match order (src/web/route_tables.c) ------------ */

extern const route API_ROUTES[]; /* routes.c: sessions, counts, pupils and facts, beheer */
extern const size_t N_API_ROUTES;
extern const route CASE_ROUTES[]; /* api_cases.c: dossiers, regie, signals */
extern const size_t N_CASE_ROUTES;
extern const route PROCEDURE_ROUTES[]; /* api_procedures.c */
extern const size_t N_PROCEDURE_ROUTES;
extern const route REVIEW_ROUTES[]; /* api_reviews.c */
extern const size_t N_REVIEW_ROUTES;
extern const route TAFEL_ROUTES[]; /* api_tafels.c */
extern const size_t N_TAFEL_ROUTES;
extern const route STAY_ROUTES[]; /* api_stays.c */
extern const size_t N_STAY_ROUTES;
extern const route TARGET_ROUTES[]; /* api_targets.c: doelen (SPEC 8) */
extern const size_t N_TARGET_ROUTES;
extern const route SEARCH_ROUTES[]; /* api_search.c: likely duplicates, merge (issue 14) */
extern const size_t N_SEARCH_ROUTES;

/* The OpenAPI 3 document of the tables marked api, serialised (openapi.c). */
shared_body *openapi_build(const route_set *routes);

#endif
