/*
 * ui_api.c - an API operation inside a page request (see ui_cases.h): the
 * page runs the operation's handler with the same roles, the same
 * default-deny check of the body, the same access check, state machine and
 * audit entry, and shows its answer or its reason; after a form, the
 * browser goes back (303) to the page it came from.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_cases.h"

static void clear_headers(req *r)
{
	for (size_t i = 0; i < r->n_headers; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	r->n_headers = 0;
}

int ui_api(req *r, const char *method, const char *path, json_t *body)
{
	char params[4][80];
	int n = 0, status = 0;
	const route *api = server_route(r, method, path, params, &n, &status);
	const route_table *tb = api ? route_table_of(&r->srv->cfg.routes, api) : NULL;
	if (!tb || !tb->api) {
		json_decref(body);
		reply_error(r, 500, "interne_fout", "onbekende bewerking %.8s %.100s", method, path);
		return r->status;
	}
	if (json_guard_failed()) { /* the body could not be built: no memory */
		json_decref(body);
		reply_oom(r);
		return r->status;
	}
	if (!(api->roles & R(r->who->rol))) {
		json_decref(body);
		reply_error(r, 403, "geen_toegang", "de rol %s mag dit niet", ROLE_NAMES[r->who->rol]);
		return r->status;
	}
	const route *page = r->rt;
	json_t *form_fields = r->json;
	char saved[4][80];
	int saved_n = r->n_params;
	memcpy(saved, r->params, sizeof saved);
	r->rt = api;
	r->json = body;
	memcpy(r->params, params, sizeof r->params);
	r->n_params = n;
	r->status = 0;
	if (!body || check_fields(r))
		api->handler(r);
	r->rt = page;
	r->json = form_fields;
	memcpy(r->params, saved, sizeof saved);
	r->n_params = saved_n;
	json_decref(body);
	return r->status;
}

json_t *ui_api_get(req *r, const char *path)
{
	if (ui_api(r, "GET", path, NULL) != 200)
		return NULL;
	json_t *j = ui_api_json(r);
	if (!j)
		reply_oom(r); /* its answer could not be read back */
	return j;
}

json_t *ui_api_json(req *r)
{
	json_t *j = json_loadb(sb_str(&r->out), r->out.len, 0, NULL);
	sb_reset(&r->out);
	clear_headers(r);
	return j;
}

void ui_api_error(req *r, char *out, size_t size)
{
	json_t *j = json_loadb(sb_str(&r->out), r->out.len, 0, NULL);
	const char *msg = j ? json_string_value(json_object_get(j, "fout")) : NULL;
	snprintf(out, size, "%s", msg ? msg : "er ging iets mis");
	json_decref(j);
	sb_reset(&r->out);
	clear_headers(r);
}

void ui_done(req *r, const char *path, const char *done)
{
	clear_headers(r);
	sb_reset(&r->out);
	strbuf loc = STRBUF_INIT;
	sb_printf(&loc, "%s%sgedaan=%s", path, strchr(path, '?') ? "&" : "?", done);
	add_header(r, "Location", sb_str(&loc));
	sb_free(&loc);
	reply_raw(r, 303, "text/plain; charset=utf-8", "", 0);
}

/* A successful form: 303 to back ("{id}": the new thing's id). */
static void submitted(req *r, const char *back, const char *done)
{
	json_t *j = ui_api_json(r);
	strbuf to = STRBUF_INIT;
	const char *mark = strstr(back, "{id}");
	if (mark) /* the new thing's page */
		sb_printf(&to, "%.*s%lld%s", (int)(mark - back), back, (long long)json_integer_value(json_object_get(j, "id")),
			  mark + 4);
	else
		sb_puts(&to, back);
	json_decref(j);
	ui_done(r, sb_str(&to), done);
	sb_free(&to);
}

bool ui_submit(req *r, const char *method, const char *path, json_t *body, const char *back, const char *done,
	       char *error, size_t size, int *status)
{
	*status = ui_api(r, method, path, body);
	if (*status == 200 || *status == 201) {
		submitted(r, back, done);
		return true;
	}
	if (*status == 403 || *status == 404) /* nothing to show the form on */
		return true;
	ui_api_error(r, error, size);
	return false;
}

bool ui_submit_form(req *r, const char *method, const char *path, json_t *body, const char *back, const char *done,
		    ui_refusal *rf)
{
	int status = ui_api(r, method, path, body);
	if (status == 200 || status == 201) {
		submitted(r, back, done);
		return true;
	}
	if (status == 403 || status == 404) /* nothing to show the form on */
		return true;
	ui_refusal_take(r, rf, r->path, status);
	return false;
}

void ui_refusal_take(req *r, ui_refusal *rf, const char *action, int status)
{
	snprintf(rf->action, sizeof rf->action, "%s", action);
	rf->status = status >= 400 ? status : 422;
	snprintf(rf->field, sizeof rf->field, "%s", r->error_field);
	ui_api_error(r, rf->reason, sizeof rf->reason);
	r->status = 0;
	r->error_code = NULL;
	r->error_field[0] = '\0';
}
