/*
 * openapi.c - /api/openapi.json: the OpenAPI 3 document of every API route
 * table, built once at start-up from the tables themselves (so it cannot
 * drift from the routes) and served as is; the tests validate it with
 * @apidevtools/swagger-parser.
 */
#include <stdio.h>
#include <string.h>

#include "api.h"

static const char *status_text(const char *code)
{
	static const struct {
		const char *code, *text;
	} texts[] = {{"200", "Gelukt"},
		     {"201", "Aangemaakt"},
		     {"202", "Aangenomen; loopt op de achtergrond, of wacht op een tweede beheerder (vier ogen)"},
		     {"400", "Ongeldige invoer (onbekende parameter of veld, verkeerd type, ongeldige datum)"},
		     {"401", "Niet ingelogd of sessie verlopen"},
		     {"403", "Geen toegang voor deze rol of scope, of CSRF-token ontbreekt"},
		     {"404", "Onbekend"},
		     {"409", "Intussen gewijzigd, of bestaat al"},
		     {"413", "Te groot"},
		     {"415", "Verkeerd inhoudstype"},
		     {"422", "Voldoet niet aan de regels van de registratie"},
		     {"429", "Te veel mislukte pogingen"}};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (strcmp(texts[i].code, code) == 0)
			return texts[i].text;
	return "";
}

static json_t *schema_of(json_type t)
{
	json_t *s = json_object();
	const char *type = t == JSON_STRING ? "string" : t == JSON_INTEGER ? "integer" : t == JSON_REAL ? "number"
			   : t == JSON_TRUE ? "boolean" : "object";
	jset(s, "type", json_string(type));
	return s;
}

static json_t *parameter(const char *name, const char *in, bool required, const char *type, const char *doc)
{
	json_t *p = json_object();
	jset(p, "name", json_string(name));
	jset(p, "in", json_string(in));
	jset(p, "required", json_boolean(required));
	json_t *s = json_object();
	jset(s, "type", json_string(type));
	jset(p, "schema", s);
	if (doc)
		jset(p, "description", json_string(doc));
	return p;
}

/* The parts of a list such as "a|b" or "200,401" as JSON strings. */
static json_t *split(const char *list, char sep)
{
	const char seps[2] = {sep, '\0'};
	json_t *parts = json_array();
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, seps);
		japp(parts, json_stringn(p, n));
		p += n;
		if (*p)
			p++;
	}
	return parts;
}

static json_t *operation(const route *rt)
{
	json_t *op = json_object();
	jset(op, "summary", json_string(rt->summary));
	jset(op, "tags", json_pack("[s]", rt->tag));
	json_t *params = json_array();
	for (const char *p = strchr(rt->path, '{'); p; p = strchr(p + 1, '{')) {
		const char *close = strchr(p, '}');
		char name[32];
		snprintf(name, sizeof name, "%.*s", (int)(close - p - 1), p + 1);
		japp(params, parameter(name, "path", true, "string", NULL));
	}
	for (int i = 0; i < MAX_PARAMS && rt->query[i].name; i++) {
		const param_spec *ps = &rt->query[i];
		json_t *p = parameter(ps->name, "query", ps->required, ps->type == P_INT ? "integer" : "string", ps->doc);
		json_t *s = json_object_get(p, "schema");
		if (ps->type == P_DATE)
			jset(s, "format", json_string("date"));
		if (ps->type == P_CHOICE)
			jset(s, "enum", split(ps->choices, '|'));
		japp(params, p);
	}
	jset(op, "parameters", params);
	if (rt->body == BODY_JSON) {
		json_t *props = json_object(), *required = json_array();
		for (int i = 0; i < MAX_FIELDS && rt->fields[i].name; i++) {
			json_t *s = schema_of(rt->fields[i].type);
			if (rt->fields[i].doc)
				jset(s, "description", json_string(rt->fields[i].doc));
			jset(props, rt->fields[i].name, s);
			if (rt->fields[i].required)
				japp(required, json_string(rt->fields[i].name));
		}
		json_t *schema = json_pack("{s:s, s:o, s:b}", "type", "object", "properties", props, "additionalProperties", 0);
		/* OpenAPI 3.0 wants at least one name in a `required` list. */
		if (json_array_size(required))
			jset(schema, "required", required);
		else
			json_decref(required);
		jset(op, "requestBody",
				    json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content", "application/json", "schema",
					      schema));
	} else if (rt->body == BODY_UPLOAD) {
		jset(op, "requestBody",
				    json_pack("{s:b, s:{s:{s:{s:s}}}}", "required", 1, "content", "multipart/form-data",
					      "schema", "type", "object"));
	}
	json_t *responses = json_object(), *codes = split(rt->responses, ',');
	size_t i;
	json_t *c;
	json_array_foreach(codes, i, c) {
		const char *code = json_string_value(c);
		json_t *resp = json_pack("{s:s}", "description", status_text(code));
		if (code[0] != '2')
			jset(resp, "content",
					    json_pack("{s:{s:{s:s}}}", "application/json", "schema", "$ref",
						      "#/components/schemas/Fout"));
		jset(responses, code, resp);
	}
	json_decref(codes);
	jset(op, "responses", responses);
	if (rt->public)
		jset(op, "security", json_array());
	else if (rt->changes)
		jset(op, "security", json_pack("[{s:[], s:[]}]", "sessie", "csrf"));
	return op;
}

/* The OpenAPI 3 document of every API route table. */
static json_t *openapi_document(const route_set *set)
{
	json_t *paths = json_object();
	for (size_t t = 0; t < set->n; t++) {
		if (!set->tables[t].api)
			continue;
		for (size_t i = 0; i < *set->tables[t].n; i++) {
			const route *rt = &set->tables[t].routes[i];
			json_t *item = json_object_get(paths, rt->path);
			if (!item) {
				item = json_object();
				jset(paths, rt->path, item);
			}
			char method[8];
			size_t k = 0;
			for (; rt->method[k] && k + 1 < sizeof method; k++)
				method[k] = (char)(rt->method[k] | 0x20);
			method[k] = '\0';
			jset(item, method, operation(rt));
		}
	}
	json_t *doc = json_pack(
		"{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:{s:{s:s, s:[s,s], s:{s:{s:s}, s:{s:s}}}},"
		" s:{s:{s:s, s:s, s:s}, s:{s:s, s:s, s:s}}}, s:[{s:[]}]}",
		"openapi", "3.0.3", "info", "title", "inbeeld", "version", "1", "description",
		"Registratie en telling van thuiszitters (SPEC.md). Fouten zijn JSON {fout, code}.", "paths", paths,
		"components", "schemas", "Fout", "type", "object", "required", "fout", "code", "properties", "fout", "type",
		"string", "code", "type", "string", "securitySchemes", "sessie", "type", "apiKey", "in", "cookie", "name",
		"inbeeld_sessie", "csrf", "type", "apiKey", "in", "header", "name", "X-CSRF-Token", "security", "sessie");
	return doc;
}

shared_body *openapi_build(const route_set *routes)
{
	json_guard_reset();
	json_t *doc = openapi_document(routes);
	strbuf out = STRBUF_INIT;
	bool ok = !json_guard_failed() && json_write(&out, doc);
	json_decref(doc);
	shared_body *b = ok ? shared_body_new(sb_str(&out), out.len) : NULL;
	if (!ok)
		fprintf(stderr, "inbeeld: de beschrijving van de API kon niet worden opgebouwd (geheugen)\n");
	sb_free(&out);
	return b;
}
