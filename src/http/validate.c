/*
 * validate.c - default-deny input (STYLE: OpenBSD httpd, Kore): a route
 * declares its query parameters and body fields with their types; anything
 * undeclared, of the wrong type, with control characters, or a date that
 * does not exist is refused with a 400 before the handler runs. Forms
 * (application/x-www-form-urlencoded) become a JSON object of strings and
 * get the same checks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http.h"
#include "pipeline.h"

enum { BODY_TEXT_MAX = 4000 }; /* characters in one text of an API body */

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

/* A text in a body: at most max characters (UTF-8, checked by jansson);
 * line breaks and tabs are fine, other control characters are not. */
static bool body_text_ok(const char *v, size_t max)
{
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r') || *p == 0x7f)
			return false;
		chars += (*p & 0xC0) != 0x80; /* not a continuation byte */
	}
	return chars <= max;
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

bool param_value_ok(const param_spec *ps, const char *v)
{
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
	return good;
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

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
				  const char *value, size_t value_size)
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
	/* A %00 would cut the value where C reads it: refused, not cut. */
	if (strlen(key) != key_size || (value && strlen(value) != value_size)) {
		reply_error(r, 400, "ongeldige_parameter", "parameter '%s' bevat een stuurteken (%%00)", ps->name);
		ac->ok = false;
		return MHD_NO;
	}
	const char *v = value ? value : "";
	/* A form without JavaScript sends every field, the empty ones too
	 * ("?gebruiker=&actie=x"): on a page an empty optional field means "not
	 * given" (query() then returns NULL). The API keeps refusing it. */
	if (!*v && r->rt->page && !ps->required)
		return MHD_YES;
	bool good = param_value_ok(ps, v);
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

bool check_query(req *r)
{
	arg_check ac = {r, true};
	MHD_get_connection_values_n(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &ac);
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

/* Whether the request's Content-Type is the media type `want` (RFC 9110
 * 8.3.1: case-insensitive, optionally followed by parameters such as
 * "; charset=utf-8"), not merely a text that starts with it. */
bool media_type_is(const char *ct, const char *want)
{
	if (!ct)
		return false;
	size_t n = strlen(want);
	if (strncasecmp(ct, want, n) != 0)
		return false;
	const char *rest = ct + n;
	rest += strspn(rest, " \t");
	return *rest == '\0' || *rest == ';';
}

static bool parse_form(req *r)
{
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!media_type_is(ct, "application/x-www-form-urlencoded")) {
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
			jset(r->json, sb_str(&key), v);
		}
		p = stop + 1;
	}
	if (!ok && !r->status)
		reply_error(r, 400, "ongeldig_formulier", "het formulier is niet te lezen");
	sb_free(&key);
	sb_free(&val);
	return ok;
}


bool check_body(req *r)
{
	if (r->rt->body == BODY_FORM)
		return parse_form(r) && check_fields(r);
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!media_type_is(ct, "application/json")) {
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
bool fields_ok(const route *rt, json_t *obj, field_problem *why)
{
	const char *key;
	json_t *val;
	*why = (field_problem){0};
	json_object_foreach(obj, key, val) {
		const field_spec *fs = NULL;
		for (int i = 0; i < MAX_FIELDS && rt->fields[i].name; i++)
			if (strcmp(rt->fields[i].name, key) == 0)
				fs = &rt->fields[i];
		if (!fs && rt->body == BODY_FORM && strcmp(key, "csrf_token") == 0)
			continue; /* checked by csrf_ok */
		if (!fs) {
			*why = (field_problem){"onbekend_veld", key, NULL};
			return false;
		}
		bool good = json_is_null(val) ? !fs->required
			    : fs->type == JSON_TRUE ? json_is_boolean(val)
			    : fs->type == JSON_REAL ? json_is_number(val)
						    : json_typeof(val) == fs->type;
		/* A page's form takes a text as long as its body allows: the API it
		 * runs holds the limit and says so at the field (ui_forms.c). */
		size_t max = rt->body == BODY_FORM && rt->page ? rt->max_body : BODY_TEXT_MAX;
		if (good && json_is_string(val) && !body_text_ok(json_string_value(val), max))
			good = false;
		if (good && json_is_array(val)) { /* a list of short texts */
			size_t i;
			json_t *item;
			json_array_foreach(val, i, item) good = good && json_is_string(item) && text_ok(json_string_value(item), 200);
			good = good && json_array_size(val) <= 50;
		}
		if (!good) {
			*why = (field_problem){"verkeerd_type", key, fs};
			return false;
		}
	}
	for (int i = 0; i < MAX_FIELDS && rt->fields[i].name; i++)
		if (rt->fields[i].required && !json_object_get(obj, rt->fields[i].name)) {
			*why = (field_problem){"veld_ontbreekt", rt->fields[i].name, &rt->fields[i]};
			return false;
		}
	return true;
}

bool check_fields(req *r)
{
	field_problem why;
	if (fields_ok(r->rt, r->json, &why))
		return true;
	if (strcmp(why.code, "onbekend_veld") == 0) {
		reply_error(r, 400, why.code, "onbekend veld '%.40s'", why.field);
		return false;
	}
	/* The field in words when there are words for it, else by its key. */
	const char *name = why.spec->name, *words = body_field_words(r, name);
	strbuf said = STRBUF_INIT;
	if (words)
		sb_puts(&said, words);
	else
		sb_printf(&said, "veld '%s'", name);
	if (strcmp(why.code, "verkeerd_type") == 0) {
		json_t *val = json_object_get(r->json, why.field);
		if (json_is_string(val) && why.spec->type == JSON_STRING)
			reply_field_error(r, 400, why.code, name, "%s is te lang of bevat stuurtekens: hoogstens %d tekens",
					  sb_str(&said), BODY_TEXT_MAX);
		else
			reply_field_error(r, 400, why.code, name, "%s verwacht %s", sb_str(&said),
					  json_type_name(why.spec->type));
	} else {
		reply_field_error(r, 400, why.code, name, "%s ontbreekt", sb_str(&said));
	}
	sb_free(&said);
	return false;
}
