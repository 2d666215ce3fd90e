/*
 * routes.c - the route table: the single description of the HTTP API.
 *
 * Dispatch, the role check, default-deny input validation (undeclared query
 * parameters and body fields are refused) and /api/openapi.json all come from
 * this table, so the documentation cannot drift from the routes.
 */
#include <string.h>

#include "../util/alloc.h"
#include "../http/http.h"

#define PEILDATUM {"peildatum", P_DATE, false, NULL, "peildatum JJJJ-MM-DD (standaard: vandaag)"}
#define R_NUMBER JSON_REAL /* a JSON number, integer or not */

/* The body fields of each kind of fact: its dataset columns without leerling_id. */
#define F_WOONADRES                                                                                  \
	{{"gemeentecode", JSON_STRING, true, "GMnnnn"}, {"van", JSON_STRING, true, "JJJJ-MM-DD"},      \
	 {"tot", JSON_STRING, false, "JJJJ-MM-DD of null (lopend)"},                                   \
	 {"in_onderzoek", JSON_TRUE, false, "adres in onderzoek bij de BRP"}}
#define F_INSCHRIJVING                                                                               \
	{{"brin", JSON_STRING, true, "BRIN, bv. 12AB"}, {"vestiging", JSON_STRING, true, "twee cijfers"}, \
	 {"van", JSON_STRING, true, NULL}, {"tot", JSON_STRING, false, NULL}}
#define F_VERZUIM                                                                                    \
	{{"brin", JSON_STRING, true, NULL}, {"vestiging", JSON_STRING, true, NULL},                     \
	 {"soort", JSON_STRING, true, "ongeoorloofd, ziek, schorsing, verwijdering, geoorloofd"},      \
	 {"van", JSON_STRING, true, NULL}, {"tot", JSON_STRING, false, NULL},                          \
	 {"uren", R_NUMBER, false, "uren binnen de periode"}}
#define F_VRIJSTELLING                                                                               \
	{{"grond", JSON_STRING, true, "5a, 5b, 5c of een ander artikel"},                             \
	 {"status", JSON_STRING, true,                                                                \
	  "aangevraagd, verleend, afgewezen, ingetrokken; een 5a alleen via de vrijstellingsprocedure verleend"}, \
	 {"aanvraagdatum", JSON_STRING, false, NULL}, {"van", JSON_STRING, false, NULL},               \
	 {"tot", JSON_STRING, false, NULL}}
#define F_MELDING                                                                                    \
	{{"brin", JSON_STRING, true, NULL}, {"vestiging", JSON_STRING, true, NULL},                     \
	 {"datum_melding", JSON_STRING, true, NULL}, {"eerste_verzuimdag", JSON_STRING, true, NULL},   \
	 {"soort", JSON_STRING, false, NULL}}
#define F_AANBOD                                                                                     \
	{{"datum_aanbod", JSON_STRING, true, NULL},                                                   \
	 {"plaats_per", JSON_STRING, false, "de dag dat er een plaats beschikbaar is"},               \
	 {"soort", JSON_STRING, true, "onderwijs, zorg, combinatie"}}

#define FACT_ROUTES(name, roles, fields, label)                                                      \
	{"POST", "/api/leerlingen/{id}/" name, h_fact_add, roles, false, true, BODY_JSON, 0,           \
	 label " toevoegen (correctie, met geschiedenis)", "Feiten", {{0}}, fields, "201,400,401,403,404,409,422", false}, \
	{"PUT", "/api/leerlingen/{id}/" name "/{feit}", h_fact_replace, roles, false, true, BODY_JSON, 0, \
	 label " corrigeren: de oude versie blijft bewaard", "Feiten", {{0}}, fields,                  \
	 "200,400,401,403,404,409,422", false},                                                              \
	{"DELETE", "/api/leerlingen/{id}/" name "/{feit}", h_fact_end, roles, false, true, BODY_NONE, 0, \
	 label " intrekken (blijft bewaard als geschiedenis)", "Feiten", {{0}}, {{0}}, "200,401,403,404,409,422", false}

#define IDENTITY_FIELDS                                                                              \
	{"bsn", JSON_STRING, false, "negen cijfers, elfproef"},                                       \
		{"onderwijsnummer", JSON_STRING, false, NULL},                                         \
		{"geboortedatum", JSON_STRING, true, "JJJJ-MM-DD"}, {"voornaam", JSON_STRING, false, NULL}, \
		{"achternaam", JSON_STRING, false, NULL}, {"startkwalificatie", JSON_STRING, false, NULL}

const route ROUTES[] = {
	{"GET", "/gezondheid", h_health, 0, true, false, BODY_NONE, 0, "Of de server draait en de registratie leest",
	 "Beheer", {{0}}, {{0}}, "200", false},
	{"POST", "/api/sessie", h_login, 0, true, false, BODY_JSON, 4096, "Inloggen: zet een sessiecookie", "Sessie",
	 {{0}},
	 {{"gebruikersnaam", JSON_STRING, true, NULL}, {"wachtwoord", JSON_STRING, true, NULL}},
	 "200,400,401,429", false},
	{"GET", "/api/sessie", h_session, ALL_ROLES, false, false, BODY_NONE, 0,
	 "De huidige sessie: gebruiker, rol, scope en CSRF-token", "Sessie", {{0}}, {{0}}, "200,401", false},
	{"DELETE", "/api/sessie", h_logout, ALL_ROLES, false, false, BODY_NONE, 0, "Uitloggen: beëindigt de sessie",
	 "Sessie", {{0}}, {{0}}, "200,401,403", false},
	{"PUT", "/api/sessie/wachtwoord", h_password, ALL_ROLES, false, true, BODY_JSON, 4096,
	 "Het eigen wachtwoord wijzigen (beëindigt de andere sessies)", "Sessie", {{0}},
	 {{"huidig", JSON_STRING, true, NULL}, {"nieuw", JSON_STRING, true, "minstens 12 tekens"}},
	 "200,400,401,403", false},
	{"GET", "/api/openapi.json", h_openapi, ALL_ROLES, false, false, BODY_NONE, 0, "Deze beschrijving (OpenAPI 3)",
	 "Beheer", {{0}}, {{0}}, "200,401", false},
	{"GET", "/api/status", h_status, CASE_ROLES | R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "De leerlingen in beeld op een peildatum die de gebruiker mag zien (SPEC 4.1)", "Tellen",
	 {PEILDATUM, {"categorie", P_CODE, false, NULL, "alleen deze categorieën (komma's)"},
	  {"gebied", P_CODE, false, NULL, "alleen deze gemeente of dit SWV"}},
	 {{0}}, "200,400,401,403", false},
	{"GET", "/api/telling", h_telling, ALL_ROLES, false, false, BODY_NONE, 0,
	 "Het Resultaatschema per gemeente of SWV (SPEC 5), kleine aantallen afgeschermd voor analisten", "Tellen",
	 {PEILDATUM, {"per", P_CHOICE, true, "gemeente|swv", NULL},
	  {"ijkmomenten", P_SPAN, false, NULL, "schooljaren JJJJ-JJJJ: elke 1 nov, 1 feb, 1 jun"},
	  {"gebied", P_CODE, false, NULL, "alleen deze gebieden (komma's)"}},
	 {{0}}, "200,400,401", false},
	{"GET", "/api/referentie/{soort}", h_referentie, ALL_ROLES, false, false, BODY_NONE, 0,
	 "Referentiegegevens: gemeenten, swv of scholen", "Referentie",
	 {{"gemeente", P_CODE, false, NULL, NULL}, {"swv", P_CODE, false, NULL, NULL}}, {{0}}, "200,400,401,404", false},
	{"GET", "/api/leerlingen", h_search, CASE_ROLES | R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "Leerlingen zoeken binnen de eigen scope (naam, geboortedatum, BSN)", "Leerlingen",
	 {{"zoek", P_TEXT, false, NULL, "deel van de naam of leerling_id"}, {"geboortedatum", P_DATE, false, NULL, NULL},
	  {"bsn", P_CODE, false, NULL, NULL}, PEILDATUM},
	 {{0}}, "200,400,401,403", false},
	{"POST", "/api/leerlingen", h_pupil_create, R(ROLE_SCHOOL) | R(ROLE_LEERPLICHT), false, true, BODY_JSON, 0,
	 "Een leerling registreren, met een woonadres (leerplicht) of inschrijving (school) in de eigen scope",
	 "Leerlingen", {{0}},
	 {{"leerling_id", JSON_STRING, false, "weglaten: inbeeld kiest er een"}, IDENTITY_FIELDS,
	  {"woonadres", JSON_OBJECT, false, NULL}, {"inschrijving", JSON_OBJECT, false, NULL}},
	 "201,400,401,403,409,422", false},
	{"GET", "/api/leerlingen/{id}", h_pupil, ALL_ROLES, false, false, BODY_NONE, 0,
	 "Een leerling: gegevens, indeling op de peildatum en de uitleg daarvan", "Leerlingen", {PEILDATUM}, {{0}},
	 "200,400,401,403,404", false},
	{"PUT", "/api/leerlingen/{id}", h_pupil_identity, R(ROLE_SCHOOL) | R(ROLE_LEERPLICHT), false, true, BODY_JSON,
	 0, "De persoonsgegevens corrigeren (met geschiedenis)", "Leerlingen", {{0}},
	 {{"versie", JSON_INTEGER, true, "de id van de versie die wordt vervangen"}, IDENTITY_FIELDS},
	 "200,400,401,403,404,409,422", false},
	{"GET", "/api/leerlingen/{id}/uitleg", h_pupil_explain, ALL_ROLES, false, false, BODY_NONE, 0,
	 "Waarom de leerling op de peildatum zo is ingedeeld", "Leerlingen", {PEILDATUM}, {{0}}, "200,400,401,403,404", false},
	{"GET", "/api/leerlingen/{id}/geschiedenis", h_pupil_history, ALL_ROLES, false, false, BODY_NONE, 0,
	 "Alle versies van alle feiten, met wie ze wanneer vastlegde of beëindigde", "Leerlingen", {PEILDATUM}, {{0}},
	 "200,401,403,404", false},
	FACT_ROUTES("woonadressen", R(ROLE_LEERPLICHT), F_WOONADRES, "Woonadres"),
	FACT_ROUTES("inschrijvingen", R(ROLE_SCHOOL), F_INSCHRIJVING, "Inschrijving"),
	FACT_ROUTES("verzuim", R(ROLE_SCHOOL), F_VERZUIM, "Verzuim"),
	FACT_ROUTES("vrijstellingen", R(ROLE_LEERPLICHT), F_VRIJSTELLING, "Vrijstelling"),
	FACT_ROUTES("meldingen", R(ROLE_SCHOOL), F_MELDING, "Verzuimmelding"),
	FACT_ROUTES("aanbod", R(ROLE_LEERPLICHT) | R(ROLE_SWV), F_AANBOD, "Aanbod"),
	{"GET", "/api/audit", h_audit, R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "Het auditlog, nieuwste eerst; met leerling: wie die leerling wanneer zag of wijzigde", "Beheer",
	 {{"leerling", P_CODE, false, NULL, NULL}, {"voor", P_INT, false, NULL, "alleen regels met een lagere id"},
	  {"aantal", P_INT, false, NULL, "hoogstens (standaard 100, hoogstens 1000)"}},
	 {{0}}, "200,400,401,403", false},
	{"POST", "/api/noodtoegang", h_break_glass, R(ROLE_BEHEERDER), false, true, BODY_JSON, 4096,
	 "Noodtoegang (break-glass): 15 minuten inzage in een leerling, met reden, in het auditlog", "Beheer", {{0}},
	 {{"leerling_id", JSON_STRING, true, NULL}, {"reden", JSON_STRING, true, "waarom, voor het auditlog"}},
	 "200,400,401,403,404", false},
	{"GET", "/api/gebruikers", h_users, R(ROLE_BEHEERDER), false, false, BODY_NONE, 0, "Alle gebruikers", "Beheer",
	 {{0}}, {{0}}, "200,401,403", false},
	{"POST", "/api/gebruikers", h_user_create, R(ROLE_BEHEERDER), false, true, BODY_JSON, 4096,
	 "Een gebruiker aanmaken", "Beheer", {{0}},
	 {{"naam", JSON_STRING, true, NULL}, {"rol", JSON_STRING, true, NULL}, {"scope", JSON_STRING, true, NULL},
	  {"organisatie", JSON_STRING, false, NULL}, {"wachtwoord", JSON_STRING, true, "minstens 12 tekens"}},
	 "201,400,401,403,409", false},
	{"PUT", "/api/gebruikers/{id}", h_user_update, R(ROLE_BEHEERDER), false, true, BODY_JSON, 4096,
	 "Een gebruiker wijzigen (beëindigt diens sessies)", "Beheer", {{0}},
	 {{"rol", JSON_STRING, false, NULL}, {"scope", JSON_STRING, false, NULL}, {"organisatie", JSON_STRING, false, NULL},
	  {"actief", JSON_TRUE, false, NULL}, {"wachtwoord", JSON_STRING, false, NULL}},
	 "200,400,401,403,404,409", false},
	{"POST", "/api/gebruikers/{id}/sessies-intrekken", h_user_revoke, R(ROLE_BEHEERDER), false, true, BODY_NONE, 0,
	 "Alle sessies van een gebruiker beëindigen", "Beheer", {{0}}, {{0}}, "200,401,403,404", false},
	{"GET", "/api/organisaties", h_organisations, R(ROLE_BEHEERDER), false, false, BODY_NONE, 0, "Alle organisaties",
	 "Beheer", {{0}}, {{0}}, "200,401,403", false},
	{"POST", "/api/datasets", h_dataset_upload, R(ROLE_BEHEERDER), false, true, BODY_UPLOAD, (size_t)4 << 30,
	 "Een dataset (de CSV-bestanden van SPEC 3.1, multipart/form-data) laden, alles of niets; loopt op de achtergrond",
	 "Beheer", {{0}}, {{0}}, "202,400,401,403,413,415", false},
	{"GET", "/api/datasets/{job}", h_dataset_job, R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "De voortgang en uitkomst van een geladen dataset", "Beheer", {{0}}, {{0}}, "200,401,403,404", false},
};

const size_t N_ROUTES = sizeof ROUTES / sizeof ROUTES[0];

/* Compare a path with a pattern; {x} takes one non-empty segment. */
static bool path_matches(const char *pattern, const char *path, char params[][80], int *n)
{
	*n = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (strcmp(p, "{*}") == 0) { /* the rest of the path */
			size_t len = strlen(s);
			if (!len || len >= 80 || *n >= 4)
				return false;
			memcpy(params[*n], s, len + 1);
			(*n)++;
			return true;
		}
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t len = strcspn(s, "/");
			if (!close || !len || len >= 80 || *n >= 4)
				return false;
			memcpy(params[*n], s, len);
			params[(*n)++][len] = '\0';
			p = close + 1;
			s += len;
			continue;
		}
		if (*p != *s)
			return false;
		p++, s++;
	}
	return !*p && !*s;
}

const route *route_match(const char *method, const char *path, char params[][80], int *n_params, int *status)
{
	bool path_found = false;
	for (size_t t = 0; t < N_ROUTE_TABLES; t++) {
		const route *rs = ROUTE_TABLES[t].routes;
		for (size_t i = 0; i < *ROUTE_TABLES[t].n; i++) {
			if (!path_matches(rs[i].path, path, params, n_params))
				continue;
			if (strcmp(rs[i].method, method) == 0)
				return &rs[i];
			path_found = true;
		}
	}
	*status = path_found ? 405 : 404;
	*n_params = 0;
	return NULL;
}

/* ---- OpenAPI 3 ------------------------------------------------------------- */

static const char *status_text(const char *code)
{
	static const struct {
		const char *code, *text;
	} texts[] = {{"200", "Gelukt"},
		     {"201", "Aangemaakt"},
		     {"202", "Aangenomen; loopt op de achtergrond"},
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
	json_object_set_new(s, "type", json_string(type));
	return s;
}

static json_t *parameter(const char *name, const char *in, bool required, const char *type, const char *doc)
{
	json_t *p = json_object();
	json_object_set_new(p, "name", json_string(name));
	json_object_set_new(p, "in", json_string(in));
	json_object_set_new(p, "required", json_boolean(required));
	json_t *s = json_object();
	json_object_set_new(s, "type", json_string(type));
	json_object_set_new(p, "schema", s);
	if (doc)
		json_object_set_new(p, "description", json_string(doc));
	return p;
}

/* The parts of a list such as "a|b" or "200,401" as JSON strings. */
static json_t *split(const char *list, char sep)
{
	const char seps[2] = {sep, '\0'};
	json_t *parts = json_array();
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, seps);
		json_array_append_new(parts, json_stringn(p, n));
		p += n;
		if (*p)
			p++;
	}
	return parts;
}

static json_t *operation(const route *rt)
{
	json_t *op = json_object();
	json_object_set_new(op, "summary", json_string(rt->summary));
	json_object_set_new(op, "tags", json_pack("[s]", rt->tag));
	json_t *params = json_array();
	for (const char *p = strchr(rt->path, '{'); p; p = strchr(p + 1, '{')) {
		const char *close = strchr(p, '}');
		char name[32];
		snprintf(name, sizeof name, "%.*s", (int)(close - p - 1), p + 1);
		json_array_append_new(params, parameter(name, "path", true, "string", NULL));
	}
	for (int i = 0; i < MAX_PARAMS && rt->query[i].name; i++) {
		const param_spec *ps = &rt->query[i];
		json_t *p = parameter(ps->name, "query", ps->required, ps->type == P_INT ? "integer" : "string", ps->doc);
		json_t *s = json_object_get(p, "schema");
		if (ps->type == P_DATE)
			json_object_set_new(s, "format", json_string("date"));
		if (ps->type == P_CHOICE)
			json_object_set_new(s, "enum", split(ps->choices, '|'));
		json_array_append_new(params, p);
	}
	json_object_set_new(op, "parameters", params);
	if (rt->body == BODY_JSON) {
		json_t *props = json_object(), *required = json_array();
		for (int i = 0; i < MAX_FIELDS && rt->fields[i].name; i++) {
			json_t *s = schema_of(rt->fields[i].type);
			if (rt->fields[i].doc)
				json_object_set_new(s, "description", json_string(rt->fields[i].doc));
			json_object_set_new(props, rt->fields[i].name, s);
			if (rt->fields[i].required)
				json_array_append_new(required, json_string(rt->fields[i].name));
		}
		json_t *schema = json_pack("{s:s, s:o, s:b}", "type", "object", "properties", props, "additionalProperties", 0);
		/* OpenAPI 3.0 wants at least one name in a `required` list. */
		if (json_array_size(required))
			json_object_set_new(schema, "required", required);
		else
			json_decref(required);
		json_object_set_new(op, "requestBody",
				    json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content", "application/json", "schema",
					      schema));
	} else if (rt->body == BODY_UPLOAD) {
		json_object_set_new(op, "requestBody",
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
			json_object_set_new(resp, "content",
					    json_pack("{s:{s:{s:s}}}", "application/json", "schema", "$ref",
						      "#/components/schemas/Fout"));
		json_object_set_new(responses, code, resp);
	}
	json_decref(codes);
	json_object_set_new(op, "responses", responses);
	if (rt->public)
		json_object_set_new(op, "security", json_array());
	else if (rt->changes)
		json_object_set_new(op, "security", json_pack("[{s:[], s:[]}]", "sessie", "csrf"));
	return op;
}

const route_table *route_table_of(const route *rt)
{
	for (size_t t = 0; t < N_ROUTE_TABLES; t++)
		if (rt >= ROUTE_TABLES[t].routes && rt < ROUTE_TABLES[t].routes + *ROUTE_TABLES[t].n)
			return &ROUTE_TABLES[t];
	return NULL;
}

/* The OpenAPI 3 document of every API route table. */
static json_t *openapi_document(void)
{
	json_t *paths = json_object();
	for (size_t t = 0; t < N_ROUTE_TABLES; t++) {
		if (!ROUTE_TABLES[t].api)
			continue;
		for (size_t i = 0; i < *ROUTE_TABLES[t].n; i++) {
			const route *rt = &ROUTE_TABLES[t].routes[i];
			json_t *item = json_object_get(paths, rt->path);
			if (!item) {
				item = json_object();
				json_object_set_new(paths, rt->path, item);
			}
			char method[8];
			size_t k = 0;
			for (; rt->method[k] && k + 1 < sizeof method; k++)
				method[k] = (char)(rt->method[k] | 0x20);
			method[k] = '\0';
			json_object_set_new(item, method, operation(rt));
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

shared_body *openapi_build(void)
{
	json_t *doc = openapi_document();
	strbuf out = STRBUF_INIT;
	json_append(&out, doc, 0);
	json_decref(doc);
	shared_body *b = shared_body_new(sb_str(&out), out.len);
	sb_free(&out);
	return b;
}
