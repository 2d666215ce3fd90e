/*
 * pipeline.c - the request pipeline (see http.h): libmicrohttpd's callbacks
 * for a request and its completion; what can be decided before a body
 * arrives (route, session, role, CSRF, query, size), the body's checks, the
 * handler, and the response with its security headers.
 */
#include "pipeline.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "../util/alloc.h"
#include "upload.h"

enum { JSON_BODY_LIMIT = 64 * 1024, DISCARD_LIMIT = 1 << 20 };

/* ---- the pipeline --------------------------------------------------------- */

user *session_of(req *r)
{
	const char *token = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, SESSION_COOKIE);
	return session_resolve(&r->srv->sessions, token);
}

const route *server_route(req *r, const char *method, const char *path, char params[][80], int *n_params,
			  int *status)
{
	return route_match(&r->srv->cfg.routes, method, path, params, n_params, status);
}

static bool is_api(const char *path)
{
	return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
}

/* Everything that can be decided before a body arrives. Returns false when a
 * reply has been made. */
static bool admit(req *r, const char *version)
{
	/* RFC 9112 3.2: a request of HTTP/1.1 without Host is a 400. */
	if (version && strcmp(version, MHD_HTTP_VERSION_1_1) == 0 &&
	    !MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST)) {
		reply_error(r, 400, "host_ontbreekt", "een HTTP/1.1-verzoek heeft een kopregel Host");
		return false;
	}
#ifdef INBEELD_TEST_BUILD
	if (sandbox_probe(r))
		return false;
#endif
	int status = 404;
	const route *rt = route_match(&r->srv->cfg.routes, r->method, r->path, r->params, &r->n_params, &status);
	bool login = rt && rt->public;
	if (is_api(r->path) && !login) {
		r->who = session_of(r);
		if (!r->who) {
			reply_error(r, 401, "niet_ingelogd", "niet ingelogd of de sessie is verlopen");
			return false;
		}
	} else if (rt && !rt->public) {
		r->who = session_of(r);
		if (!r->who && rt->page) {
			/* A page: to the login page, and back here afterwards. */
			strbuf loc = STRBUF_INIT;
			sb_puts(&loc, "/inloggen?terug=");
			sb_url_encode(&loc, r->path, true);
			add_header(r, "Location", sb_str(&loc));
			sb_free(&loc);
			r->rt = rt;
			reply_raw(r, 303, "text/plain; charset=utf-8", "", 0);
			return false;
		}
		if (!r->who) {
			reply_error(r, 401, "niet_ingelogd", "niet ingelogd of de sessie is verlopen");
			return false;
		}
	}
	if (!rt) {
		if (status == 405)
			reply_error(r, 405, "methode_niet_toegestaan", "%s is hier niet toegestaan", r->method);
		else
			reply_error(r, 404, "niet_gevonden", "deze pagina of dit adres bestaat niet");
		return false;
	}
	r->rt = rt;
	r->from_page = rt->page;
	if (r->who && !(rt->roles & R(r->who->rol))) {
		reply_error(r, 403, "geen_toegang", "de rol %s heeft hier geen toegang", ROLE_NAMES[r->who->rol]);
		return false;
	}
	/* A form's token arrives with its body: checked in dispatch. */
	if (rt->changes && r->who && rt->body != BODY_FORM && !csrf_ok(r)) {
		reply_error(r, 403, "csrf", "het CSRF-token ontbreekt of klopt niet (kopregel X-CSRF-Token)");
		return false;
	}
	if (rt->public && strcmp(r->method, "GET") != 0 && !same_origin_ok(r)) {
		reply_error(r, 403, "andere_oorsprong", "verzoek van een andere website geweigerd");
		return false;
	}
	if (!check_query(r))
		return false;
	r->body_limit = rt->body == BODY_JSON || rt->body == BODY_FORM ? (rt->max_body ? rt->max_body : JSON_BODY_LIMIT)
			: rt->body == BODY_UPLOAD ? rt->max_body
						  : 0;
	const char *cl = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && strtoull(cl, NULL, 10) > r->body_limit) {
		reply_error(r, 413, "te_groot", "de inhoud is te groot (hoogstens %zu bytes)", r->body_limit);
		return false;
	}
	return true;
}

/* Whether the client asked for HTML (a browser navigating), not JSON. */
static bool wants_html(req *r)
{
	const char *accept = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
	return accept && strstr(accept, "text/html");
}

static void security_headers(struct MHD_Response *resp, const req *r)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
				"connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; "
				"object-src 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	if (r->srv->tls)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result respond(req *r)
{
	if (!r->status)
		reply_error(r, 500, "interne_fout", "interne fout");
	if (r->status >= 400 && r->error_code && r->rt && r->rt->page) {
		const route_table *tb = route_table_of(&r->srv->cfg.routes, r->rt);
		if (tb && tb->error_page)
			tb->error_page(r);
	} else if (r->status >= 400 && r->error_code && !r->rt && !is_api(r->path) && wants_html(r)) {
		/* An unknown page in a browser: the first page table's error page. */
		const route_set *set = &r->srv->cfg.routes;
		for (size_t t = 0; t < set->n; t++)
			if (set->tables[t].error_page) {
				set->tables[t].error_page(r);
				break;
			}
	}
	struct MHD_Response *resp;
	if (r->shared) {
		/* A cached answer: sent without copying, released when sent. */
		resp = MHD_create_response_from_buffer_with_free_callback_cls(r->shared->len, r->shared->data,
									       shared_body_release, r->shared);
		if (resp)
			r->shared = NULL;
	} else {
		size_t len = r->out.len;
		char *body = r->out.data ? r->out.data : xstrdup("");
		r->out = (strbuf)STRBUF_INIT;
		resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
		if (!resp)
			free(body);
	}
	if (!resp)
		return MHD_NO;
	security_headers(resp, r);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
				r->content_type ? r->content_type : "application/json; charset=utf-8");
	bool own_cache = false; /* a handler may say how long its answer keeps (static files) */
	for (size_t i = 0; i < r->n_headers; i++)
		own_cache |= strcasecmp(r->headers[i].name, MHD_HTTP_HEADER_CACHE_CONTROL) == 0;
	if (!own_cache)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	for (size_t i = 0; i < r->n_headers; i++)
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
	enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void dispatch(req *r)
{
	if (r->too_large) {
		reply_error(r, 413, "te_groot", "de inhoud is te groot (hoogstens %zu bytes)", r->body_limit);
		return;
	}
	if ((r->rt->body == BODY_JSON || r->rt->body == BODY_FORM) && !check_body(r))
		return;
	if (r->rt->body == BODY_FORM && r->rt->changes && r->who && !csrf_ok(r)) {
		reply_error(r, 403, "csrf", "het formulier is verlopen of kwam niet van deze website; laad de pagina opnieuw");
		return;
	}
	r->rt->handler(r);
}

static req *req_new(server *srv, struct MHD_Connection *c, const char *url, const char *method)
{
	req *r = xcalloc(1, sizeof *r);
	r->srv = srv;
	r->conn = c;
	clock_gettime(CLOCK_MONOTONIC, &r->t0);
	snprintf(r->method, sizeof r->method, "%s", method);
	r->path = xstrdup(url);
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, r->addr, sizeof r->addr);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, r->addr,
				  sizeof r->addr);
	}
	if (srv->cfg.behind_proxy) {
		const char *xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
		if (xff) {
			size_t n = strcspn(xff, ", ");
			if (n < sizeof r->addr)
				snprintf(r->addr, sizeof r->addr, "%.*s", (int)n, xff);
		}
	}
	return r;
}

static void req_free(req *r)
{
	if (!r)
		return;
	sb_free(&r->body);
	sb_free(&r->out);
	shared_body_release(r->shared);
	json_decref(r->json);
	upload_free(r->upload);
	if (r->who)
		user_free(r->who);
	for (size_t i = 0; i < r->n_headers; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	free(r->headers);
	free(r->path);
	free(r);
}

enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	server *srv = cls;
	req *r = *con_cls;
	if (!r) {
		r = req_new(srv, c, url, method);
		*con_cls = r;
		atomic_fetch_add(&srv->inflight, 1);
		if (!admit(r, version)) {
			/* Refused before any body was read. A modest body is read and
			 * dropped so that the client gets the answer after sending it;
			 * a large one is not waited for. */
			const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
			r->discard = true;
			if (cl && strtoull(cl, NULL, 10) > DISCARD_LIMIT)
				return respond(r);
		}
		return MHD_YES;
	}
	if (r->discard) {
		if (*upload_size) {
			r->discarded += *upload_size;
			*upload_size = 0;
			return r->discarded > DISCARD_LIMIT ? respond(r) : MHD_YES;
		}
		return respond(r);
	}
	if (*upload_size) {
		size_t n = *upload_size;
		*upload_size = 0;
		if (r->rt->body == BODY_UPLOAD)
			return upload_feed(r, upload_data, n);
		if (r->body.len + n > r->body_limit) {
			/* Over the limit (a chunked body says no length before):
			 * answered at once, the rest is not read. */
			r->too_large = true;
			dispatch(r);
			return respond(r);
		}
		sb_append(&r->body, upload_data, n);
		return MHD_YES;
	}
	if (r->rt->body == BODY_UPLOAD && upload_feed(r, NULL, 0) == MHD_NO)
		return MHD_NO;
	json_guard_reset(); /* the handler and its reply run here, on this thread */
	dispatch(r);
	if (json_guard_failed())
		reply_oom(r); /* an answer that could not be built completely */
	return respond(r);
}

void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	req *r = *con_cls;
	if (r) {
		reqlog_write(&r->srv->log, r);
		atomic_fetch_sub(&r->srv->inflight, 1);
		req_free(r);
	}
	*con_cls = NULL;
}
