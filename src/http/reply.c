/*
 * http.c - small helpers for building responses and reading input.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../util/alloc.h"
#include "http.h"

const char *query(req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *form(req *r, const char *name)
{
	return json_string_value(json_object_get(r->json, name));
}

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

void reply_json(req *r, int status, json_t *j)
{
	r->status = status;
	r->content_type = "application/json; charset=utf-8";
	sb_reset(&r->out);
	json_append(&r->out, j, 0);
	json_decref(j);
}

void reply_error(req *r, int status, const char *code, const char *fmt, ...)
{
	strbuf msg = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&msg, fmt, ap);
	va_end(ap);
	json_t *j = json_object();
	json_object_set_new(j, "fout", json_string(sb_str(&msg)));
	json_object_set_new(j, "code", json_string(code));
	r->error_code = code;
	shared_body_release(r->shared);
	r->shared = NULL;
	reply_json(r, status, j);
	sb_free(&msg);
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
