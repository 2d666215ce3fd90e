/*
 * reply.c - reading a request's input and building its reply, and the guard
 * over the JSON a request builds (see http.h): an answer that could not be
 * built completely becomes a 500, never a crash or half an answer.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../core/suppress.h"
#include "../util/alloc.h"
#include "http.h"

/* ---- the JSON guard ---------------------------------------------------------- */

/* Whether the JSON of the request this thread handles could not be built.
 * Thread-local: a request runs on one thread from its handler to its
 * response (pipeline.c resets it when the handler starts). */
static _Thread_local bool json_failed;

static void *guarded_malloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		json_failed = true;
	return p;
}

void json_guard_install(void)
{
	json_set_alloc_funcs(guarded_malloc, free);
}

void json_guard_reset(void)
{
	json_failed = false;
}

bool json_guard_failed(void)
{
	return json_failed;
}

void jset(json_t *o, const char *key, json_t *v)
{
	if (!v || json_object_set_new(o, key, v) != 0)
		json_failed = true;
}

void japp(json_t *a, json_t *v)
{
	if (!v || json_array_append_new(a, v) != 0)
		json_failed = true;
}

void jcheck(int rc)
{
	if (rc != 0)
		json_failed = true;
}

bool json_write(strbuf *out, json_t *j)
{
	char *s = j ? json_dumps(j, JSON_REAL_PRECISION(15) | JSON_COMPACT) : NULL;
	if (!s)
		return false;
	sb_puts(out, s);
	free(s);
	return true;
}

/* ---- input --------------------------------------------------------------------- */

const char *query(req *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
	/* An empty field of a page's form is a field not given (check_arg). */
	if (v && !*v && r->from_page)
		return NULL;
	return v;
}

struct arg_list {
	strbuf *sb;
	size_t n;
};

static enum MHD_Result append_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
				  const char *value, size_t value_size)
{
	(void)kind, (void)key_size, (void)value_size; /* check_query refused a %00 in either */
	struct arg_list *a = cls;
	strbuf *sb = a->sb;
	sb_putc(sb, a->n++ ? '&' : '?');
	sb_url_encode(sb, key, false);
	if (value) {
		sb_putc(sb, '=');
		sb_url_encode(sb, value, false);
	}
	return MHD_YES;
}

void query_string(req *r, strbuf *sb)
{
	struct arg_list a = {sb, 0};
	MHD_get_connection_values_n(r->conn, MHD_GET_ARGUMENT_KIND, append_arg, &a);
}

const char *form(req *r, const char *name)
{
	return json_string_value(json_object_get(r->json, name));
}

int64_t path_number(const char *s)
{
	size_t n = strlen(s);
	return n && n < 19 && strspn(s, "0123456789") == n ? strtoll(s, NULL, 10) : 0;
}

bool peildatum_param(req *r, day_t *d)
{
	const char *p = query(r, "peildatum");
	if (!p) {
		*d = today();
		return true;
	}
	/* The route's checks have made sure it is a date. */
	if (date_parse(p, strlen(p), d) != 0) {
		reply_error(r, 400, "ongeldige_datum", "peildatum '%s' is geen bestaande datum (JJJJ-MM-DD)", p);
		return false;
	}
	return true;
}

bool counts_peildatum(req *r, day_t *d)
{
	if (!r->who || !role_counts_protected(r->who->rol))
		return peildatum_param(r, d);
	const char *p = query(r, "peildatum");
	if (!p) {
		*d = protected_day_before(today());
		return true;
	}
	if (!peildatum_param(r, d))
		return false;
	if (protected_day_allowed(*d))
		return true;
	char first[DATE_TEXT];
	date_format(protected_day_before(*d), first);
	reply_error(r, 400, "peildatum_niet_toegestaan",
		    "als analist telt u alleen op de eerste dag van een maand (zoals de ijkmomenten 1 november, "
		    "1 februari en 1 juni), zodat tellingen van opeenvolgende dagen geen afzonderlijke kinderen "
		    "aanwijzen: peildatum %s kan niet, %s wel",
		    p, first);
	return false;
}

bool htmx_request(req *r)
{
	const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "HX-Request");
	return h && strcmp(h, "true") == 0;
}

/* ---- replies ----------------------------------------------------------------------- */

void add_header(req *r, const char *name, const char *value)
{
	r->headers = xgrow(r->headers, &r->cap_headers, r->n_headers + 1, sizeof *r->headers);
	r->headers[r->n_headers++] = (header){xstrdup(name), xstrdup(value)};
}

void reply_raw(req *r, int status, const char *content_type, const char *body, size_t len)
{
	shared_body_release(r->shared);
	r->shared = NULL;
	r->status = status;
	r->content_type = content_type;
	sb_reset(&r->out);
	sb_append(&r->out, body, len);
}

void reply_shared(req *r, int status, shared_body *body)
{
	r->status = status;
	r->content_type = "application/json; charset=utf-8";
	sb_reset(&r->out);
	shared_body_release(r->shared);
	r->shared = body;
}

void reply_oom(req *r)
{
	static const char BODY[] = "{\"fout\":\"het antwoord kon niet worden opgebouwd (geen geheugen)\","
				   "\"code\":\"interne_fout\"}";
	reply_raw(r, 500, "application/json; charset=utf-8", BODY, sizeof BODY - 1);
	r->error_code = "interne_fout";
}

void reply_json(req *r, int status, json_t *j)
{
	r->status = status;
	r->content_type = "application/json; charset=utf-8";
	sb_reset(&r->out);
	bool ok = json_write(&r->out, j);
	json_decref(j);
	if (!ok)
		reply_oom(r);
}

/* A message as JSON text: bytes that are not UTF-8 (a hostile parameter
 * name quoted back, say) become '?'. */
static json_t *message_text(const char *msg)
{
	json_t *t = json_string(msg);
	if (t || !msg)
		return t;
	strbuf clean = STRBUF_INIT;
	for (const unsigned char *p = (const unsigned char *)msg; *p; p++)
		sb_putc(&clean, *p < 0x80 ? (char)*p : '?');
	t = json_string(sb_str(&clean));
	sb_free(&clean);
	return t;
}

/* fmt is the callers' format (their printf attribute checks it), passed on. */
__attribute__((format(printf, 5, 0)))
static void reply_error_va(req *r, int status, const char *code, json_t *extra, const char *fmt, va_list ap)
{
	strbuf msg = STRBUF_INIT;
	sb_vprintf(&msg, fmt, ap);
	json_t *j = json_pack("{s:o, s:s}", "fout", message_text(sb_str(&msg)), "code", code);
	sb_free(&msg);
	if (j && extra && json_object_update(j, extra) != 0) {
		json_decref(j);
		j = NULL;
	}
	json_decref(extra);
	shared_body_release(r->shared);
	r->shared = NULL;
	if (!j) {
		reply_oom(r);
		return;
	}
	r->error_code = code;
	r->error_field[0] = '\0';
	reply_json(r, status, j); /* reply_oom's when it cannot be written */
}

void reply_field_error(req *r, int status, const char *code, const char *key, const char *fmt, ...)
{
	strbuf msg = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&msg, fmt, ap);
	va_end(ap);
	reply_error(r, status, code, "%s", sb_str(&msg));
	sb_free(&msg);
	snprintf(r->error_field, sizeof r->error_field, "%s", key ? key : "");
}

const char *body_field_words(req *r, const char *key)
{
	return r->srv && r->srv->cfg.field_label && key ? r->srv->cfg.field_label(key) : NULL;
}

void reply_error(req *r, int status, const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	reply_error_va(r, status, code, NULL, fmt, ap);
	va_end(ap);
}

void reply_error_with(req *r, int status, const char *code, json_t *extra, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	reply_error_va(r, status, code, extra, fmt, ap);
	va_end(ap);
}
