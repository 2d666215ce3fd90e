/*
 * internal.h - what the server's files share.
 *
 * A request runs through: route lookup (the route table, routes.c) -> input
 * checks against the route's declared parameters and body fields (default
 * deny) -> session and role -> CSRF for state changes -> the handler, which
 * reads an immutable snapshot of the registry or changes it through the store
 * -> audit entry (written before the response leaves) -> security headers ->
 * a request log line without personal data.
 */
#ifndef INBEELD_SERVER_INTERNAL_H
#define INBEELD_SERVER_INTERNAL_H

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "../app/compute.h"
#include "../app/counts.h"
#include "../app/status.h"
#include "../core/access.h"
#include "../store/store.h"
#include "../util/strbuf.h"
#include "server.h"

typedef struct server server;
typedef struct req req;

/* ---- the snapshot: the registry in memory, for lists and counts ---------- */

/* An immutable answer shared by the cache and the responses that send it. */
typedef struct shared_body {
	atomic_int refs;
	size_t len;
	char data[];
} shared_body;

shared_body *shared_body_new(const char *data, size_t len);
void shared_body_release(void *body);

typedef struct cache_entry {
	char *key;
	shared_body *body; /* JSON */
	size_t count;	   /* pupils in a status list (for the audit entry) */
	uint64_t used;
} cache_entry;

typedef struct snapshot {
	atomic_int refs;
	int64_t version; /* the newest batch when it was read */
	dataset *ds;	 /* with identity (names, BSN) for search */
	pupil_index index; /* the candidates of a scope (status.h) */
	/* Caches of computed answers, keyed by what they depend on. */
	pthread_mutex_t lock;
	cache_entry *cache;
	size_t n_cache;
	uint64_t clock;
	telling *tellingen; /* per (peildatum, view), see snapshot_telling */
	day_t *telling_day;
	uint8_t *telling_view;
	size_t n_tellingen, cap_tellingen;
} snapshot;

snapshot *snapshot_load(store *st, int threads, strbuf *err);
snapshot *snapshot_acquire(server *srv);
void snapshot_release(snapshot *s);
/* The telling for a peildatum and view, computed once per snapshot. When the
 * snapshot's table is full it is computed into *scratch and that is returned:
 * the caller then frees it (telling_free(scratch) is harmless otherwise). */
const telling *snapshot_telling(snapshot *s, day_t d, view v, int threads, telling *scratch);
/* A cached answer by key, with a reference for the caller (or NULL). */
shared_body *snapshot_cache_get(snapshot *s, const char *key, size_t *count);
/* Cache an answer; the cache takes its own reference. */
void snapshot_cache_put(snapshot *s, const char *key, shared_body *body, size_t count);
/* The tellingen of a snapshot, for the counts query (counts.h): ctx is a
 * snapshot_source. */
typedef struct snapshot_source {
	snapshot *s;
	int threads;
} snapshot_source;
const telling *snapshot_tellingen(void *ctx, const dataset *ds, day_t d, view v, telling *scratch);
/* Ask the reloader to read the registry again (after a change). */
void snapshot_request_reload(server *srv);

/* ---- sessions ------------------------------------------------------------ */

typedef struct user {
	int64_t id;
	char naam[72];
	role rol;
	char scope_text[1024];
	scope sc;
	char organisatie[160];
	char csrf[72];
	char token_hash[65];
} user;

/* ---- the route table ----------------------------------------------------- */

typedef enum param_type {
	P_DATE,	   /* YYYY-MM-DD */
	P_SPAN,	   /* YYYY-YYYY (ijkmomenten) */
	P_TEXT,	   /* free text, bounded */
	P_CODE,	   /* [A-Za-z0-9:_-], bounded */
	P_INT,	   /* non-negative integer */
	P_CHOICE,  /* one of choices */
} param_type;

typedef struct param_spec {
	const char *name;
	param_type type;
	bool required;
	const char *choices; /* "gemeente|swv" for P_CHOICE */
	const char *doc;
} param_spec;

typedef enum body_kind {
	BODY_NONE,
	BODY_JSON,   /* an object with the declared fields, nothing else */
	BODY_UPLOAD, /* multipart/form-data: a dataset folder's files */
	BODY_FORM,   /* application/x-www-form-urlencoded with the declared fields */
} body_kind;

typedef struct field_spec {
	const char *name;
	json_type type; /* JSON_STRING, JSON_INTEGER, JSON_TRUE (boolean), JSON_OBJECT */
	bool required;
	const char *doc;
} field_spec;

enum { MAX_PARAMS = 10, MAX_FIELDS = 12 };

typedef void (*handler_fn)(req *r);

typedef struct route {
	const char *method;
	const char *path; /* "/api/leerlingen/{id}"; a last segment {*} takes the rest of the path */
	handler_fn handler;
	unsigned roles;	   /* bit per role allowed; 0 with public = anyone */
	bool public;	   /* no session needed */
	bool changes;	   /* changes state: CSRF token required */
	body_kind body;
	size_t max_body;
	const char *summary; /* OpenAPI */
	const char *tag;
	param_spec query[MAX_PARAMS];
	field_spec fields[MAX_FIELDS];
	const char *responses; /* OpenAPI: "200,400,401,403" */
	bool page;	       /* an HTML page: no session redirects to the login page */
} route;

#define R(x) (1u << (x))
#define ALL_ROLES (R(ROLE_SCHOOL) | R(ROLE_LEERPLICHT) | R(ROLE_SWV) | R(ROLE_ANALIST) | R(ROLE_BEHEERDER))
#define CASE_ROLES (R(ROLE_SCHOOL) | R(ROLE_LEERPLICHT) | R(ROLE_SWV))

/* The routes come in tables, one per module; ROUTE_TABLES (route_tables.c)
 * lists them. Only tables marked api appear in /api/openapi.json. */
typedef struct route_table {
	const route *routes;
	const size_t *n;
	bool api;
	/* For page tables: turns an error reply (r->status >= 400, r->error_code
	 * set, JSON in r->out) into an HTML page. NULL keeps the JSON. */
	void (*error_page)(req *r);
} route_table;

extern const route ROUTES[];
extern const size_t N_ROUTES;
extern const route_table ROUTE_TABLES[];
extern const size_t N_ROUTE_TABLES;

/* Match method and path; *r_path_params gets the {..} values. Returns the
 * route, or NULL with *status 404 (no path) or 405 (no such method). */
const route *route_match(const char *method, const char *path, char params[][80], int *n_params, int *status);
/* The table a route belongs to. */
const route_table *route_table_of(const route *rt);
/* /api/openapi.json, serialised once at start-up (before the request threads)
 * and shared, as is, by every answer. */
shared_body *openapi_build(void);

/* ---- a request ----------------------------------------------------------- */

typedef struct header {
	char *name, *value;
} header;

typedef struct upload_state upload_state;

struct req {
	server *srv;
	struct MHD_Connection *conn;
	const route *rt;
	char method[8];
	char *path;
	char params[4][80];
	int n_params;
	struct timespec t0;
	char addr[64];
	/* input */
	strbuf body;
	size_t body_limit;
	bool too_large;
	bool discard;	  /* refused: the body is read and dropped */
	size_t discarded;
	json_t *json; /* the parsed body: a JSON object, or the form fields as strings */
	upload_state *upload;
	/* who */
	user *who; /* NULL without a session */
	bool break_glass;
	/* output */
	int status;
	strbuf out;
	shared_body *shared; /* sent as is instead of out, when set */
	const char *content_type;
	header *headers;
	size_t n_headers, cap_headers;
	const char *error_code; /* for the request log */
};

/* The parsed body (r->json) against r->rt's declared fields: default deny,
 * types, text limits. False after a 400 reply. */
bool check_fields(req *r);
const char *query(req *r, const char *name);
/* A field of a BODY_FORM or BODY_JSON body (string fields), or NULL. */
const char *form(req *r, const char *name);
void add_header(req *r, const char *name, const char *value);
void reply_json(req *r, int status, json_t *j); /* takes the reference */
void reply_raw(req *r, int status, const char *content_type, const char *body, size_t len);
/* Reply with a shared answer (takes the caller's reference). */
void reply_shared(req *r, int status, shared_body *body);
void reply_error(req *r, int status, const char *code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The peildatum parameter, or today. Replies 400 and returns false if bad. */
bool peildatum_param(req *r, day_t *d);

/* ---- the audit log ------------------------------------------------------- */

/* Record the read or change of personal data; blocks until it is stored.
 * Returns false (and the request must fail) when it could not be. */
bool audit(req *r, const char *actie, const char *leerling_id, json_t *details);
/* Audit, then reply with body (taking its reference); when the audit entry
 * cannot be stored the body is dropped and the request fails. */
void reply_audited(req *r, int status, json_t *body, const char *actie, const char *leerling_id, json_t *details);
void *audit_writer(void *arg);

/* ---- the server ---------------------------------------------------------- */

typedef struct rate_entry rate_entry;

typedef struct audit_item {
	audit_entry e;
	char *owned[8]; /* strings to free after writing */
	int done;	/* 0 waiting, 1 written, -1 failed */
	struct audit_item *next;
} audit_item;

struct server {
	server_config cfg;
	bool tls;
	struct MHD_Daemon *daemon;
	/* database connections, one per request thread at a time */
	pthread_mutex_t pool_lock;
	pthread_cond_t pool_cond;
	store **pool;
	size_t pool_n, pool_free;
	/* the snapshot and its reloader */
	pthread_mutex_t snap_lock;
	pthread_cond_t snap_cond;
	snapshot *snap;
	bool reload_wanted, stopping;
	pthread_t reloader;
	/* sessions seen recently */
	pthread_mutex_t session_lock;
	struct session_cache *sessions;
	/* login rate limiting */
	pthread_mutex_t rate_lock;
	rate_entry *rates;
	size_t n_rates, cap_rates;
	atomic_int hashing; /* Argon2id verifications running */
	char dummy_hash[128];
	/* break-glass grants: (user, pupil, until) */
	pthread_mutex_t grant_lock;
	struct grant *grants;
	size_t n_grants, cap_grants;
	/* the audit writer: a queue written in batches (group commit) */
	pthread_mutex_t audit_lock;
	pthread_cond_t audit_cond, audit_done;
	audit_item *audit_head, *audit_tail;
	pthread_t audit_thread;
	store *audit_store;
	/* background jobs (dataset uploads) */
	pthread_mutex_t job_lock;
	struct job **jobs;
	size_t n_jobs, cap_jobs;
	FILE *log;
	pthread_mutex_t log_lock;
	atomic_int inflight; /* requests being handled (for a graceful stop) */
	/* every dossier's state, computed once per change, day and registry
	 * version (api_cases.c, dossiers_acquire) */
	pthread_mutex_t cases_lock;
	struct dossier_set *cases;
	atomic_llong cases_gen; /* bumped after every change to a dossier */
	shared_body *openapi; /* the API description, built once (openapi_build) */
};

store *pool_get(server *srv);
void pool_put(server *srv, store *st);

/* session.c */
void session_cache_init(server *srv);
void session_cache_free(server *srv);
/* Resolve the session cookie; NULL without a valid session. */
user *session_resolve(req *r);
void user_free(user *u);
bool csrf_ok(req *r);
bool same_origin_ok(req *r);
void h_login(req *r);
void h_logout(req *r);
void h_session(req *r);
void h_password(req *r);
void session_forget_user(server *srv, int64_t user_id);

/* grants (break-glass) */
bool grant_active(server *srv, int64_t user_id, const char *leerling);
void grant_add(server *srv, int64_t user_id, const char *leerling, long seconds);
/* The pupils a user holds an active grant for (at most max). */
size_t grants_list(server *srv, int64_t user_id, char (*ids)[72], size_t max);

/* handlers */
void h_health(req *r);
void h_openapi(req *r);
void h_status(req *r);
void h_telling(req *r);
void h_referentie(req *r);
void h_search(req *r);
void h_pupil(req *r);
void h_pupil_history(req *r);
void h_pupil_explain(req *r);
void h_pupil_create(req *r);
void h_pupil_identity(req *r);
void h_fact_add(req *r);
void h_fact_replace(req *r);
void h_fact_end(req *r);
void h_audit(req *r);
void h_break_glass(req *r);
void h_users(req *r);
void h_user_create(req *r);
void h_user_update(req *r);
void h_user_revoke(req *r);
void h_organisations(req *r);
void h_dataset_upload(req *r);
void h_dataset_job(req *r);

/* uploads and background jobs */
void jobs_finish(server *srv); /* waits for running jobs at shutdown */
enum MHD_Result upload_feed(req *r, const char *data, size_t size);
void upload_free(upload_state *u);

/* JSON of a pupil's classification as the status columns (report.c) */
#include "../io/report.h"

#endif
