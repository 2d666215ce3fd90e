/*
 * input.c - what the handlers read from a body beyond its declared checks
 * (validate.c): dates, an event's data, and store errors as replies.
 */
#include <string.h>

#include "api.h"

bool body_day(req *r, const char *key, bool required, day_t *out)
{
	const char *s = form(r, key);
	*out = DAY_NONE;
	if (!s) {
		if (required)
			reply_error(r, 400, "veld_ontbreekt", "veld '%s' ontbreekt", key);
		return !required;
	}
	if (date_parse(s, strlen(s), out) != 0) {
		reply_error(r, 400, "ongeldige_datum", "veld '%s' verwacht een bestaande datum JJJJ-MM-DD", key);
		return false;
	}
	if (strcmp(key, "datum") == 0 && *out > today()) { /* the day it happened */
		reply_error(r, 400, "ongeldige_datum", "veld 'datum' ligt in de toekomst");
		return false;
	}
	return true;
}

json_t *data_of(req *r)
{
	json_t *g = json_deep_copy(r->json);
	json_object_del(g, "datum");
	return g;
}

void reply_store_error(req *r, int rc, strbuf *why)
{
	if (rc == STORE_INVALID)
		reply_error(r, 422, "ongeldig", "%s", sb_str(why));
	else if (rc == STORE_CONFLICT)
		reply_error(r, 409, "conflict", "de aanvraag in de registratie is intussen gewijzigd; laad opnieuw");
	else if (rc == STORE_NOT_FOUND)
		reply_error(r, 409, "conflict", "de aanvraag staat niet meer in de registratie");
	else
		reply_error(r, 500, "interne_fout", "de registratie kon niet worden bijgewerkt");
}

void reply_not_one_of(req *r, const char *what, const char *const *codes, size_t n)
{
	strbuf list = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		sb_printf(&list, "%s%s", i ? ", " : "", codes[i]);
	reply_error(r, 400, "ongeldige_waarde", "%s is een van: %s", what, sb_str(&list));
	sb_free(&list);
}

void reply_read(req *r, int rc, json_t *arr, const char *what)
{
	if (rc) {
		json_decref(arr);
		reply_error(r, 500, "interne_fout", "de %s zijn niet leesbaar", what);
		return;
	}
	reply_json(r, 200, arr);
}

json_t *event_audit_details(void *ctx)
{
	const event_audit *ea = ctx;
	json_t *j = json_pack("{s:I, s:s, s:I}", ea->stream_kind, (json_int_t)ea->stream, "soort", ea->soort, "gebeurtenis",
			      (json_int_t)ea->event);
	if (j && ea->facts && ea->facts->batch)
		jset(j, "registratie", json_integer(ea->facts->batch));
	return j;
}

json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *date_or_null(day_t d)
{
	char t[DATE_TEXT];
	date_format(d, t);
	return t[0] ? json_string(t) : json_null();
}
