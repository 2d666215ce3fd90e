/*
 * server.c - the HTTP server: libmicrohttpd with a thread pool (epoll), the
 * request pipeline, the connection pool, the request log and shutdown.
 */
#include <errno.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../app/accounts.h"
#include "../app/exit_codes.h"
#include "../util/alloc.h"
#include "../api/api_cases.h"
#include "http.h"

enum { JSON_BODY_LIMIT = 64 * 1024, DISCARD_LIMIT = 1 << 20 };

/* ---- connection pool ------------------------------------------------------ */

store *pool_get(server *srv)
{
	pthread_mutex_lock(&srv->pool_lock);
	while (!srv->pool_free)
		pthread_cond_wait(&srv->pool_cond, &srv->pool_lock);
	store *st = srv->pool[--srv->pool_free];
	pthread_mutex_unlock(&srv->pool_lock);
	return st;
}

void pool_put(server *srv, store *st)
{
	pthread_mutex_lock(&srv->pool_lock);
	srv->pool[srv->pool_free++] = st;
	pthread_cond_signal(&srv->pool_cond);
	pthread_mutex_unlock(&srv->pool_lock);
}

/* ---- the request log ------------------------------------------------------ */

/* One JSON line per request: method, route pattern (never the path with its
 * identifiers), status, duration, role and account number. No personal data. */
static void log_request(req *r)
{
	if (r->srv->cfg.quiet)
		return;
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - r->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - r->t0.tv_nsec) / 1e6;
	char when[20];
	store_now(when);
	json_t *j = json_object();
	json_object_set_new(j, "tijd", json_string(when));
	json_object_set_new(j, "methode", json_string(r->method));
	json_object_set_new(j, "route", json_string(r->rt ? r->rt->path : strncmp(r->path, "/api/", 5) ? "(pagina)" : "(onbekend)"));
	json_object_set_new(j, "status", json_integer(r->status));
	json_object_set_new(j, "ms", json_real((double)(long)(ms * 100) / 100.0));
	if (r->who) {
		json_object_set_new(j, "rol", json_string(ROLE_NAMES[r->who->rol]));
		json_object_set_new(j, "gebruiker", json_integer(r->who->id));
	}
	if (r->error_code)
		json_object_set_new(j, "fout", json_string(r->error_code));
	strbuf line = STRBUF_INIT;
	json_append(&line, j, 0);
	json_decref(j);
	pthread_mutex_lock(&r->srv->log_lock);
	fprintf(r->srv->log, "%s\n", sb_str(&line));
	fflush(r->srv->log);
	pthread_mutex_unlock(&r->srv->log_lock);
	sb_free(&line);
}

/* ---- input checks (default deny) ------------------------------------------ */

static bool text_ok(const char *v, size_t max)
{
	size_t n = strlen(v);
	if (n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return false;
	return true;
}

/* A text in a body: at most 4000 characters (UTF-8, checked by jansson);
 * line breaks and tabs are fine, other control characters are not. */
static bool body_text_ok(const char *v)
{
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r') || *p == 0x7f)
			return false;
		chars += (*p & 0xC0) != 0x80; /* not a continuation byte */
	}
	return chars <= 4000;
}

static bool code_ok(const char *v)
{
	size_t n = strlen(v);
	if (!n || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = v[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' || c == '_' ||
		      c == '-' || c == ','))
			return false;
	}
	return true;
}

static bool choice_ok(const char *choices, const char *v)
{
	size_t n = strlen(v);
	for (const char *p = choices; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, v, n) == 0)
			return true;
		p += len + (bar ? 1 : 0);
	}
	return false;
}

typedef struct arg_check {
	req *r;
	bool ok;
} arg_check;

static const param_spec *find_param(const route *rt, const char *name)
{
	for (int i = 0; i < MAX_PARAMS && rt->query[i].name; i++)
		if (strcmp(rt->query[i].name, name) == 0)
			return &rt->query[i];
	return NULL;
}

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	arg_check *ac = cls;
	req *r = ac->r;
	const param_spec *ps = find_param(r->rt, key);
	if (!ps) {
		reply_error(r, 400, "onbekende_parameter", "onbekende parameter '%.40s'", key);
		ac->ok = false;
		return MHD_NO;
	}
	const char *v = value ? value : "";
	day_t d;
	int a, b;
	char tail;
	bool good;
	switch (ps->type) {
	case P_DATE: good = date_parse(v, strlen(v), &d) == 0; break;
	case P_SPAN:
		good = sscanf(v, "%4d-%4d%c", &a, &b, &tail) == 2 && a >= DATE_MIN_YEAR && b <= DATE_MAX_YEAR && b > a &&
		       b - a <= 20;
		break;
	case P_TEXT: good = *v && text_ok(v, 200); break;
	case P_CODE: good = code_ok(v); break;
	case P_INT: good = *v && strlen(v) <= 9 && strspn(v, "0123456789") == strlen(v); break;
	case P_CHOICE: good = choice_ok(ps->choices, v); break;
	default: good = false;
	}
	if (!good) {
		const char *what = ps->type == P_DATE	  ? "een bestaande datum JJJJ-MM-DD"
				   : ps->type == P_SPAN	  ? "schooljaren JJJJ-JJJJ (hoogstens 20)"
				   : ps->type == P_CHOICE ? ps->choices
				   : ps->type == P_INT	  ? "een geheel getal"
							  : "een geldige waarde";
		reply_error(r, 400, ps->type == P_DATE ? "ongeldige_datum" : "ongeldige_parameter",
			    "parameter '%s' verwacht %s", ps->name, what);
		ac->ok = false;
		return MHD_NO;
	}
	return MHD_YES;
}

static bool check_query(req *r)
{
	arg_check ac = {r, true};
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &ac);
	if (!ac.ok)
		return false;
	for (int i = 0; i < MAX_PARAMS && r->rt->query[i].name; i++)
		if (r->rt->query[i].required && !query(r, r->rt->query[i].name)) {
			reply_error(r, 400, "parameter_ontbreekt", "parameter '%s' ontbreekt", r->rt->query[i].name);
			return false;
		}
	return true;
}

static const char *json_type_name(json_type t)
{
	switch (t) {
	case JSON_STRING: return "tekst";
	case JSON_INTEGER: return "geheel getal";
	case JSON_TRUE: return "true of false";
	case JSON_REAL: return "een getal";
	case JSON_ARRAY: return "een lijst van teksten";
	case JSON_OBJECT: return "object";
	default: return "waarde";
	}
}

/* application/x-www-form-urlencoded into a JSON object of strings, then the
 * same default-deny checks as a JSON body. */
static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static bool url_decode(const char *s, size_t len, strbuf *out)
{
	sb_reset(out);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			sb_putc(out, ' ');
		} else if (s[i] == '%') {
			if (i + 2 >= len)
				return false;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return false;
			sb_putc(out, (char)(hi * 16 + lo));
			i += 2;
		} else {
			sb_putc(out, s[i]);
		}
	}
	return true;
}

static bool parse_form(req *r)
{
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!ct || strncmp(ct, "application/x-www-form-urlencoded", 33) != 0) {
		reply_error(r, 415, "verkeerd_formaat", "verwacht een formulier (application/x-www-form-urlencoded)");
		return false;
	}
	r->json = json_object();
	const char *p = sb_str(&r->body), *end = p + r->body.len;
	strbuf key = STRBUF_INIT, val = STRBUF_INIT;
	bool ok = true;
	while (p < end && ok) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		const char *kend = eq ? eq : stop;
		ok = url_decode(p, (size_t)(kend - p), &key) && url_decode(eq ? eq + 1 : stop, eq ? (size_t)(stop - eq - 1) : 0, &val);
		if (ok && key.len) {
			if (json_object_get(r->json, sb_str(&key))) {
				reply_error(r, 400, "ongeldig_formulier", "veld '%.40s' komt twee keer voor", sb_str(&key));
				ok = false;
				break;
			}
			json_t *v = json_stringn(sb_str(&val), val.len);
			if (!v) { /* not UTF-8 */
				reply_error(r, 400, "ongeldig_formulier", "veld '%.40s' is geen geldige tekst", sb_str(&key));
				ok = false;
				break;
			}
			json_object_set_new(r->json, sb_str(&key), v);
		}
		p = stop + 1;
	}
	if (!ok && !r->status)
		reply_error(r, 400, "ongeldig_formulier", "het formulier is niet te lezen");
	sb_free(&key);
	sb_free(&val);
	return ok;
}


static bool check_body(req *r)
{
	if (r->rt->body == BODY_FORM)
		return parse_form(r) && check_fields(r);
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!ct || strncmp(ct, "application/json", 16) != 0) {
		reply_error(r, 415, "verkeerd_formaat", "verwacht een JSON-body (Content-Type: application/json)");
		return false;
	}
	json_error_t jerr;
	r->json = json_loadb(sb_str(&r->body), r->body.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!r->json) {
		reply_error(r, 400, "ongeldige_json", "ongeldige JSON (positie %d): %s", jerr.position, jerr.text);
		return false;
	}
	if (!json_is_object(r->json)) {
		reply_error(r, 400, "ongeldige_json", "verwacht een JSON-object");
		return false;
	}
	return check_fields(r);
}

/* The body's fields against the route's declaration (default deny). */
bool check_fields(req *r)
{
	const route *rt = r->rt;
	const char *key;
	json_t *val;
	json_object_foreach(r->json, key, val) {
		const field_spec *fs = NULL;
		for (int i = 0; i < MAX_FIELDS && rt->fields[i].name; i++)
			if (strcmp(rt->fields[i].name, key) == 0)
				fs = &rt->fields[i];
		if (!fs && rt->body == BODY_FORM && strcmp(key, "csrf_token") == 0)
			continue; /* checked by csrf_ok */
		if (!fs) {
			reply_error(r, 400, "onbekend_veld", "onbekend veld '%.40s'", key);
			return false;
		}
		bool good = json_is_null(val) ? !fs->required
			    : fs->type == JSON_TRUE ? json_is_boolean(val)
			    : fs->type == JSON_REAL ? json_is_number(val)
						    : json_typeof(val) == fs->type;
		if (good && json_is_string(val) && !body_text_ok(json_string_value(val)))
			good = false;
		if (good && json_is_array(val)) { /* a list of short texts */
			size_t i;
			json_t *item;
			json_array_foreach(val, i, item) good = good && json_is_string(item) && text_ok(json_string_value(item), 200);
			good = good && json_array_size(val) <= 50;
		}
		if (!good) {
			reply_error(r, 400, "verkeerd_type", "veld '%s' verwacht %s%s", key, json_type_name(fs->type),
				    json_is_string(val) ? " zonder stuurtekens, hoogstens 4000 tekens" : "");
			return false;
		}
	}
	for (int i = 0; i < MAX_FIELDS && rt->fields[i].name; i++)
		if (rt->fields[i].required && !json_object_get(r->json, rt->fields[i].name)) {
			reply_error(r, 400, "veld_ontbreekt", "veld '%s' ontbreekt", rt->fields[i].name);
			return false;
		}
	return true;
}

/* ---- the pipeline --------------------------------------------------------- */

static bool is_api(const char *path)
{
	return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
}

/* Everything that can be decided before a body arrives. Returns false when a
 * reply has been made. */
static bool admit(req *r)
{
	int status = 404;
	const route *rt = route_match(r->method, r->path, r->params, &r->n_params, &status);
	bool login = rt && rt->public;
	if (is_api(r->path) && !login) {
		r->who = session_resolve(r);
		if (!r->who) {
			reply_error(r, 401, "niet_ingelogd", "niet ingelogd of de sessie is verlopen");
			return false;
		}
	} else if (rt && !rt->public) {
		r->who = session_resolve(r);
		if (!r->who && rt->page) {
			/* A page: to the login page, and back here afterwards. */
			strbuf loc = STRBUF_INIT;
			sb_puts(&loc, "/inloggen?terug=");
			for (const char *c = r->path; *c; c++) {
				unsigned char u = (unsigned char)*c;
				if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || strchr("/-_.~", u))
					sb_putc(&loc, (char)u);
				else
					sb_printf(&loc, "%%%02X", u);
			}
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
		const route_table *tb = route_table_of(r->rt);
		if (tb && tb->error_page)
			tb->error_page(r);
	} else if (r->status >= 400 && r->error_code && !r->rt && !is_api(r->path) && wants_html(r)) {
		/* An unknown page in a browser: the first page table's error page. */
		for (size_t t = 0; t < N_ROUTE_TABLES; t++)
			if (ROUTE_TABLES[t].error_page) {
				ROUTE_TABLES[t].error_page(r);
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

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)version;
	server *srv = cls;
	req *r = *con_cls;
	if (!r) {
		r = req_new(srv, c, url, method);
		*con_cls = r;
		atomic_fetch_add(&srv->inflight, 1);
		if (!admit(r)) {
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
		if (r->body.len + n > r->body_limit)
			r->too_large = true;
		else if (!r->too_large)
			sb_append(&r->body, upload_data, n);
		return MHD_YES;
	}
	if (r->rt->body == BODY_UPLOAD && upload_feed(r, NULL, 0) == MHD_NO)
		return MHD_NO;
	dispatch(r);
	return respond(r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	req *r = *con_cls;
	if (r) {
		log_request(r);
		atomic_fetch_sub(&r->srv->inflight, 1);
		req_free(r);
	}
	*con_cls = NULL;
}

/* ---- start and stop ------------------------------------------------------- */

static int parse_listen(const char *listen, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	if (!colon || (size_t)(colon - listen) >= sizeof host)
		return -1;
	snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
	long port = strtol(colon + 1, NULL, 10);
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (port < 1 || port > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return -1;
	return 0;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_append(&sb, buf, n);
	fclose(f);
	return sb.data ? sb.data : xstrdup("");
}

void *snapshot_reloader(void *arg);

int server_run(const server_config *cfg)
{
	server *srv = xcalloc(1, sizeof *srv);
	srv->cfg = *cfg;
	srv->log = stderr;
	pthread_mutex_init(&srv->pool_lock, NULL);
	pthread_cond_init(&srv->pool_cond, NULL);
	pthread_mutex_init(&srv->snap_lock, NULL);
	/* The reloader's periodic wake-up is a duration: the monotonic clock, which
	 * no change of the wall clock moves. */
	pthread_condattr_t mono;
	pthread_condattr_init(&mono);
	pthread_condattr_setclock(&mono, CLOCK_MONOTONIC);
	pthread_cond_init(&srv->snap_cond, &mono);
	pthread_condattr_destroy(&mono);
	pthread_mutex_init(&srv->rate_lock, NULL);
	pthread_mutex_init(&srv->grant_lock, NULL);
	pthread_mutex_init(&srv->audit_lock, NULL);
	pthread_cond_init(&srv->audit_cond, NULL);
	pthread_cond_init(&srv->audit_done, NULL);
	pthread_mutex_init(&srv->job_lock, NULL);
	pthread_mutex_init(&srv->log_lock, NULL);
	pthread_mutex_init(&srv->cases_lock, NULL);
	session_cache_init(srv);
	int rc = EXIT_DATA;
	strbuf err = STRBUF_INIT;
	struct sockaddr_in sa;
	char *cert = NULL, *key = NULL;
	if (accounts_init() != 0 || password_dummy_hash(srv->dummy_hash) != 0) {
		fprintf(stderr, "inbeeld: libsodium kon niet worden gestart\n");
		goto out;
	}
	if (parse_listen(cfg->listen, &sa) != 0) {
		fprintf(stderr, "inbeeld: --listen verwacht ADRES:POORT (IPv4), bv. 127.0.0.1:8080, niet '%s'\n", cfg->listen);
		rc = EXIT_USAGE;
		goto out;
	}
	if (cfg->tls_cert || cfg->tls_key) {
		cert = cfg->tls_cert ? read_file(cfg->tls_cert) : NULL;
		key = cfg->tls_key ? read_file(cfg->tls_key) : NULL;
		if (!cert || !key) {
			fprintf(stderr, "inbeeld: --tls-cert en --tls-key moeten allebei een leesbaar PEM-bestand zijn\n");
			goto out;
		}
		srv->tls = true;
	}
	srv->pool_n = (size_t)cfg->threads + 2;
	srv->pool = xcalloc(srv->pool_n, sizeof *srv->pool);
	for (size_t i = 0; i < srv->pool_n; i++) {
		if (store_open(cfg->db_path, &srv->pool[i], &err) != 0) {
			fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
			goto out;
		}
		srv->pool_free++;
	}
	if (store_open(cfg->db_path, &srv->audit_store, &err) != 0) {
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		goto out;
	}
	size_t purged = 0;
	if ((cfg->audit_days && store_audit_set_retention(srv->audit_store, cfg->audit_days, &err) != 0) ||
	    store_audit_purge(srv->audit_store, &purged, &err) != 0 ||
	    (cfg->dossier_days && store_dossier_set_retention(srv->audit_store, cfg->dossier_days, &err) != 0)) {
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		goto out;
	}
	fprintf(stderr, "inbeeld: registratie %s inlezen...\n", cfg->db_path);
	srv->snap = snapshot_load(srv->pool[0], cfg->threads, &err);
	if (!srv->snap) {
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		goto out;
	}
	srv->openapi = openapi_build();
	/* Signals go to the main thread only, which waits for them below. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	pthread_create(&srv->reloader, NULL, snapshot_reloader, srv);
	pthread_create(&srv->audit_thread, NULL, audit_writer, srv);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
#ifdef __linux__
	flags |= MHD_USE_EPOLL;
#endif
	if (srv->tls)
		flags |= MHD_USE_TLS;
	struct MHD_OptionItem tls_opts[] = {
		{MHD_OPTION_HTTPS_MEM_CERT, 0, cert},
		{MHD_OPTION_HTTPS_MEM_KEY, 0, key},
		{MHD_OPTION_END, 0, NULL},
	};
	srv->daemon = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)256 * 1024,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096, MHD_OPTION_ARRAY, srv->tls ? tls_opts : tls_opts + 2,
		MHD_OPTION_END);
	if (!srv->daemon) {
		fprintf(stderr, "inbeeld: kan niet luisteren op %s (%s)\n", cfg->listen, strerror(errno));
		srv->stopping = true;
		pthread_cond_broadcast(&srv->snap_cond);
		pthread_cond_broadcast(&srv->audit_cond);
		pthread_join(srv->reloader, NULL);
		pthread_join(srv->audit_thread, NULL);
		goto out;
	}
	fprintf(stderr, "inbeeld: luistert op %s://%s (registratie %lld, %zu leerlingen, %d threads)\n",
		srv->tls ? "https" : "http", cfg->listen, (long long)srv->snap->version, srv->snap->ds->n_pupils,
		cfg->threads);
	int sig = 0;
	sigwait(&sigs, &sig);
	fprintf(stderr, "inbeeld: %s ontvangen, lopende verzoeken worden afgemaakt...\n",
		sig == SIGTERM ? "SIGTERM" : "SIGINT");
	/* Stop accepting, let running requests finish (at most 10 s), stop. */
	MHD_socket ls = MHD_quiesce_daemon(srv->daemon);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	/* Idle keep-alive connections are not waited for; requests are. */
	for (int i = 0; i < 1000 && atomic_load(&srv->inflight) > 0; i++)
		usleep(10 * 1000);
	MHD_stop_daemon(srv->daemon);
	pthread_mutex_lock(&srv->snap_lock);
	srv->stopping = true;
	pthread_cond_broadcast(&srv->snap_cond);
	pthread_mutex_unlock(&srv->snap_lock);
	pthread_mutex_lock(&srv->audit_lock);
	pthread_cond_broadcast(&srv->audit_cond);
	pthread_mutex_unlock(&srv->audit_lock);
	jobs_finish(srv); /* a dataset being loaded is finished first */
	pthread_join(srv->reloader, NULL);
	pthread_join(srv->audit_thread, NULL);
	fprintf(stderr, "inbeeld: gestopt\n");
	rc = EXIT_OK;
out:
	if (srv->snap)
		snapshot_release(srv->snap);
	dossiers_release(srv->cases);
	shared_body_release(srv->openapi);
	for (size_t i = 0; i < srv->pool_free; i++)
		store_close(srv->pool[i]);
	free(srv->pool);
	store_close(srv->audit_store);
	session_cache_free(srv);
	free(srv->rates);
	free(srv->grants);
	free(cert);
	free(key);
	sb_free(&err);
	free(srv);
	return rc;
}
