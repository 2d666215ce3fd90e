/*
 * http.h - what the handlers above (src/api, src/web) get from the HTTP
 * room: a request, its input and its replies, and the server with its
 * subsystems.
 *
 * A request runs through (pipeline.c): route lookup (routes.c) -> input
 * checks against the route's declared parameters and body fields, default
 * deny (validate.c) -> session and role (session.c) -> CSRF for state
 * changes (csrf.c) -> the handler, which reads an immutable snapshot of the
 * registry or changes it through the store -> audit entry, written before
 * the response leaves (audit.c) -> security headers -> a request log line
 * without personal data (reqlog.c).
 */
#ifndef INBEELD_HTTP_H
#define INBEELD_HTTP_H

#include <jansson.h>
#include <limits.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "../app/casework.h"
#include "../app/compute.h"
#include "../app/pool.h"
#include "../app/reloader.h"
#include "../app/snapshot.h"
#include "../core/access.h"
#include "../store/store.h"
#include "../util/strbuf.h"
#include "audit.h"
#include "grants.h"
#include "jobs.h"
#include "ratelimit.h"
#include "reqlog.h"
#include "routes.h"
#include "server.h"
#include "session.h"
#include "checkpointer.h"
#include "watch.h"

typedef struct server server;
typedef struct upload_state upload_state;

typedef struct header {
	char *name, *value;
} header;

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
	char error_field[48];	/* the body field an error reply is about (reply_field_error), "" for none */
	/* Came in for a page (its route's `page`), also while a page runs an API
	 * handler (ui_api): an empty query value is then a form field left
	 * empty, read as not given (check_arg, query). */
	bool from_page;
};

/* The server: its configuration, the daemon, and a struct per subsystem. */
struct server {
	server_config cfg;
	bool tls;
	struct MHD_Daemon *daemon;
	store_pool pool;	/* connections, one per request thread at a time */
	snapshot_holder snap;	/* the registry in memory, and its reloader */
	casework cases;		/* every dossier's state, and the automatic opening */
	session_store sessions; /* sessions seen recently */
	login_guard login;	/* login rate limits and the Argon2id verifications */
	grant_table grants;	/* break-glass grants */
	audit_writer audit;	/* the audit log's writer thread */
	checkpointer ckpt;	/* the one thread that checkpoints the registry's log */
	server_watch watch;	/* the other servers on the registry: their changes (PostgreSQL) */
	job_table jobs;		/* background jobs (dataset uploads) */
	request_log log;	/* one line per request */
	atomic_int inflight;	/* requests being handled (for a graceful stop) */
	shared_body *openapi;	/* the API description (server_config.describe) */
	char tmp_dir[PATH_MAX];	/* the private temporary folder (sandbox.h): uploads, exports */
	char static_dir[PATH_MAX]; /* the web interface's assets; "" when there are none */
};

/* ---- input (reply.c) ------------------------------------------------------ */

const char *query(req *r, const char *name);
/* Append the request's query arguments to sb (which holds a path without
 * one) as "?name=value&...", each percent-encoded: a redirect that keeps
 * them. */
void query_string(req *r, strbuf *sb);
/* A field of a BODY_FORM or BODY_JSON body (string fields), or NULL. */
const char *form(req *r, const char *name);
/* A path segment as a positive number, 0 when it is not one. */
int64_t path_number(const char *s);
/* The peildatum parameter, or today. Replies 400 and returns false if bad. */
bool peildatum_param(req *r, day_t *d);
/* The peildatum of a count: as peildatum_param, but a role whose counts are
 * protected (the analist) counts only on the first day of a month
 * (protected_day_allowed): another day is refused with 400, and without the
 * parameter it counts on the first day of this month. Every count served to
 * such a role takes its day from here. */
bool counts_peildatum(req *r, day_t *d);
/* Whether htmx asked (HX-Request), so a fragment will do. */
bool htmx_request(req *r);

/* ---- replies (reply.c) ---------------------------------------------------- */

void add_header(req *r, const char *name, const char *value);
/* Reply with JSON (takes the reference); NULL, or JSON that cannot be
 * written, is a 500: an answer that could not be built. */
void reply_json(req *r, int status, json_t *j);
void reply_raw(req *r, int status, const char *content_type, const char *body, size_t len);
/* Reply with a shared answer (takes the caller's reference). */
void reply_shared(req *r, int status, shared_body *body);
void reply_error(req *r, int status, const char *code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same about one body field (its key in r->error_field, so that a form
 * shows the message at that field). */
void reply_field_error(req *r, int status, const char *code, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A body field in words for a message ("Met wie" for met_wie), from the
 * server's label table (server_config.field_label); NULL when it has none. */
const char *body_field_words(req *r, const char *key);
/* The same with more fields beside fout and code (extra, taken; NULL for none). */
void reply_error_with(req *r, int status, const char *code, json_t *extra, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* The 500 of an answer that could not be built (no memory). */
void reply_oom(req *r);

/* Building JSON in a request (reply.c). Every allocation jansson makes in
 * the server goes through a hook that notes a failure for the thread's
 * request; so does a NULL given to jset or japp (a json_pack that failed).
 * A request whose JSON could not be built answers 500, never an incomplete
 * answer (pipeline.c). */
void json_guard_install(void);
void json_guard_reset(void);
bool json_guard_failed(void);
/* json_object_set_new and json_array_append_new, noting a failure. */
void jset(json_t *o, const char *key, json_t *v);
void japp(json_t *a, json_t *v);
/* Note the failure of another jansson call (its result is not 0). */
void jcheck(int rc);
/* Serialise j into out (compact); false when it could not be. */
bool json_write(strbuf *out, json_t *j);

/* ---- checks (validate.c, csrf.c) ------------------------------------------ */

/* The parsed body (r->json) against r->rt's declared fields: default deny,
 * types, text limits. False after a 400 reply. */
bool check_fields(req *r);
/* Whether a state change comes from this site (Sec-Fetch-Site / Origin). */
bool same_origin_ok(req *r);
/* Whether the request carries the session's CSRF token (X-CSRF-Token, or a
 * form's csrf_token field) and comes from this site. */
bool csrf_ok(req *r);

/* The user of the request's session cookie, or NULL (user_free it). */
user *session_of(req *r);
/* The route of method and path among the server's tables. */
const route *server_route(req *r, const char *method, const char *path, char params[][80], int *n_params,
			  int *status);

#endif
