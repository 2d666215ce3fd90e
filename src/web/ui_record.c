/*
 * ui_record.c - the posts of the forms that record and correct a pupil's
 * facts, and the registration of a new pupil (see ui_record.h): the form's
 * fields become the API's JSON body, the API's own operation runs in the
 * request (ui_api), and the browser goes back to the pupil's page - or the
 * page comes again with the form as typed and the reason at its field.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_record.h"

#define FORM_ROLES (R(ROLE_SCHOOL) | R(ROLE_LEERPLICHT))
#define F(name) {name, JSON_STRING, false, NULL}
#define SPLIT_SCHOOL F("school") /* "BRIN:VESTIGING": brin and vestiging of the API */
#define RECORD(path, roles, what, ...)                                                                      \
	{"POST", "/leerlingen/{id}/" path, ui_record_post, roles, false, true, BODY_FORM, 16384,            \
	 "Formulier: " what, "Pagina's", {{0}}, {__VA_ARGS__}, "303,400,403,404,409,422", true},             \
	{"POST", "/leerlingen/{id}/" path "/{feit}", ui_record_post, roles, false, true, BODY_FORM, 16384, \
	 "Formulier: " what " corrigeren (de eerdere versie blijft bewaard)", "Pagina's", {{0}}, {__VA_ARGS__}, \
	 "303,400,403,404,409,422", true},                                                                  \
	{"POST", "/leerlingen/{id}/" path "/{feit}/intrekken", ui_record_post, roles, false, true, BODY_FORM, \
	 1024, "Formulier: " what " intrekken (blijft bewaard als geschiedenis)", "Pagina's", {{0}}, {{0}},     \
	 "303,400,403,404,409,422", true}

const route RECORD_PAGES[] = {
	RECORD("verzuim", R(ROLE_SCHOOL), "verzuim", F("vorm"), SPLIT_SCHOOL, F("soort"), F("van"), F("tot"), F("uren")),
	RECORD("meldingen", R(ROLE_SCHOOL), "verzuimmelding", SPLIT_SCHOOL, F("datum_melding"), F("eerste_verzuimdag"),
	       F("soort")),
	RECORD("inschrijvingen", R(ROLE_SCHOOL), "inschrijving", F("vorm"), SPLIT_SCHOOL, F("van"), F("tot"), F("bsn"),
	       F("onderwijsnummer")),
	RECORD("woonadressen", R(ROLE_LEERPLICHT), "woonadres", F("gemeentecode"), F("van"), F("tot"), F("in_onderzoek")),
	RECORD("vrijstellingen", R(ROLE_LEERPLICHT), "vrijstelling", F("grond"), F("status"), F("aanvraagdatum"),
	       F("van"), F("tot")),
	RECORD("aanbod", R(ROLE_LEERPLICHT) | R(ROLE_SWV), "aanbod", F("datum_aanbod"), F("plaats_per"), F("soort")),
	{"POST", "/leerlingen/{id}/vrijstellingsprocedure", ui_record_post, R(ROLE_LEERPLICHT), false, true, BODY_FORM,
	 16384, "Formulier: aanvraag vrijstelling 5a (begint de procedure)", "Pagina's", {{0}},
	 {F("datum"), F("swv"), F("toelichting")}, "303,400,403,404,409,422", true},
	{"POST", "/leerlingen/{id}/persoonsgegevens", ui_record_post, FORM_ROLES, false, true, BODY_FORM, 8192,
	 "Formulier: persoonsgegevens corrigeren (de eerdere versie blijft bewaard)", "Pagina's", {{0}},
	 {F("versie"), F("bsn"), F("onderwijsnummer"), F("geboortedatum"), F("voornaam"), F("achternaam"),
	  F("startkwalificatie")},
	 "303,400,403,404,409,422", true},
	{"GET", "/leerling-registreren", ui_register_form, FORM_ROLES, false, false, BODY_NONE, 0,
	 "Een nieuwe leerling registreren", "Pagina's",
	 {{"naam", P_TEXT, false, NULL, "ingevuld uit de eigen lijst van het SWV (onbekend in de registratie)"},
	  {"geboortedatum", P_DATE, false, NULL, NULL}, {"bsn", P_TEXT, false, NULL, NULL},
	  {"onderwijsnummer", P_TEXT, false, NULL, NULL}},
	 {{0}}, "200,400", true},
	{"POST", "/leerling-registreren", ui_register_post, FORM_ROLES, false, true, BODY_FORM, 8192,
	 "Formulier: een nieuwe leerling registreren", "Pagina's", {{0}},
	 {F("bsn"), F("onderwijsnummer"), F("geboortedatum"), F("voornaam"), F("achternaam"), SPLIT_SCHOOL,
	  F("gemeentecode"), F("van"), F("tot"), F("in_onderzoek"), F("bevestig_nieuw")},
	 "303,400,403,409,422", true},
};

const size_t N_RECORD_PAGES = sizeof RECORD_PAGES / sizeof RECORD_PAGES[0];


/* Hours as typed ("2,5" or "2.5"): a JSON number, else the text (the API says what is wrong). */
static json_t *hours(const char *v)
{
	char buf[24], *end;
	snprintf(buf, sizeof buf, "%s", v);
	char *comma = strchr(buf, ',');
	if (comma)
		*comma = '.';
	double x = strtod(buf, &end);
	return end != buf && *end == '\0' && strlen(v) < sizeof buf ? json_real(x) : json_string(v);
}

/* The form's declared fields as the API's body: "school" split into brin and
 * vestiging, a checkbox as true or false, hours and a version as numbers,
 * empty fields left out (a correction replaces the whole fact). */
static json_t *body_of(req *r, bool with_check)
{
	json_t *body = json_object();
	for (int i = 0; i < MAX_FIELDS && r->rt->fields[i].name; i++) {
		const char *name = r->rt->fields[i].name, *v = ui_field(r, name);
		if (strcmp(name, "in_onderzoek") == 0) {
			if (with_check)
				jset(body, name, json_boolean(v != NULL));
			continue;
		}
		if (!v || strcmp(name, "vorm") == 0)
			continue;
		const char *colon = strchr(v, ':');
		char *end;
		if (strcmp(name, "school") == 0 && colon) {
			jset(body, "brin", json_stringn(v, (size_t)(colon - v)));
			jset(body, "vestiging", json_string(colon + 1));
		} else if (strcmp(name, "uren") == 0) {
			jset(body, name, hours(v));
		} else if (strcmp(name, "versie") == 0 && strtoll(v, &end, 10) > 0 && *end == '\0') {
			jset(body, name, json_integer(strtoll(v, NULL, 10)));
		} else {
			jset(body, name, json_string(v));
		}
	}
	/* A day, or hours of a day: the period is that one day. */
	const char *vorm = ui_field(r, "vorm");
	if (vorm && (strcmp(vorm, "dag") == 0 || strcmp(vorm, "uren") == 0) && ui_field(r, "van"))
		jset(body, "tot", json_string(ui_field(r, "van")));
	return body;
}

/* The kind of fact of a form's route ("/leerlingen/{id}/verzuim/{feit}"). */
static const char *segment_of(const route *rt, char *out, size_t size)
{
	const char *p = strstr(rt->path, "{id}/") + 5;
	snprintf(out, size, "%.*s", (int)strcspn(p, "/"), p);
	return out;
}

void ui_record_post(req *r)
{
	const char *id = r->params[0];
	char seg[40];
	segment_of(r->rt, seg, sizeof seg);
	bool correction = r->n_params > 1, withdraw = strstr(r->rt->path, "/intrekken") != NULL;
	strbuf path = STRBUF_INIT, back = STRBUF_INIT;
	const char *method = "POST", *done = "vastgelegd";
	json_t *body;
	if (strcmp(seg, "vrijstellingsprocedure") == 0) {
		sb_puts(&path, "/api/vrijstellingsprocedures");
		body = body_of(r, false);
		jset(body, "leerling_id", json_string(id));
		done = "aanvraag";
	} else if (strcmp(seg, "persoonsgegevens") == 0) {
		sb_puts(&path, "/api/leerlingen/");
		html_url_path(&path, id);
		body = body_of(r, false);
		method = "PUT";
		done = "gecorrigeerd";
	} else {
		sb_puts(&path, "/api/leerlingen/");
		html_url_path(&path, id);
		sb_printf(&path, "/%s", seg);
		if (correction)
			sb_printf(&path, "/%lld", (long long)path_number(r->params[1]));
		method = withdraw ? "DELETE" : correction ? "PUT" : "POST";
		body = withdraw ? NULL : body_of(r, strcmp(seg, "woonadressen") == 0);
		done = withdraw ? "ingetrokken" : correction ? "gecorrigeerd" : "vastgelegd";
	}
	int status = ui_api(r, method, sb_str(&path), body);
	if (status == 200 || status == 201) {
		sb_reset(&r->out);
		sb_puts(&back, "/leerlingen/");
		html_url_path(&back, id);
		ui_done(r, sb_str(&back), done);
	} else if (status != 404) { /* a pupil the caller may not see: the error page */
		ui_refusal rf;
		char key[256];
		/* The forms of a day, hours or a period post to one action. */
		snprintf(key, sizeof key, "%.200s%s%.20s", r->path, ui_field(r, "vorm") ? "?vorm=" : "",
			 ui_field(r, "vorm") ? ui_field(r, "vorm") : "");
		ui_refusal_take(r, &rf, key, status);
		ui_pupil_page(r, &rf);
	}
	sb_free(&path);
	sb_free(&back);
}

void ui_register_form(req *r)
{
	ui_register_page(r, NULL);
}

void ui_register_post(req *r)
{
	bool by_school = r->who->rol == ROLE_SCHOOL;
	json_t *body = json_object(), *place = json_object();
	static const char *const IDENT[] = {"bsn", "onderwijsnummer", "geboortedatum", "voornaam", "achternaam", NULL};
	for (size_t i = 0; IDENT[i]; i++)
		if (ui_field(r, IDENT[i]))
			jset(body, IDENT[i], json_string(ui_field(r, IDENT[i])));
	const char *where = ui_field(r, by_school ? "school" : "gemeentecode");
	const char *colon = where ? strchr(where, ':') : NULL;
	if (by_school && colon) {
		jset(place, "brin", json_stringn(where, (size_t)(colon - where)));
		jset(place, "vestiging", json_string(colon + 1));
	} else if (!by_school && where) {
		jset(place, "gemeentecode", json_string(where));
		jset(place, "in_onderzoek", json_boolean(ui_field(r, "in_onderzoek") != NULL));
	}
	static const char *const PERIOD[] = {"van", "tot", NULL};
	for (size_t i = 0; PERIOD[i]; i++)
		if (ui_field(r, PERIOD[i]))
			jset(place, PERIOD[i], json_string(ui_field(r, PERIOD[i])));
	jset(body, by_school ? "inschrijving" : "woonadres", place);
	/* One child, one record: the same name and birth date as a pupil in the
	 * registry is refused (mogelijk_dubbel) until the user confirms. */
	if (ui_field(r, "bevestig_nieuw"))
		jset(body, "bevestig_nieuw", json_true());
	int status = ui_api(r, "POST", "/api/leerlingen", body);
	if (status == 201) {
		json_t *j = ui_api_json(r);
		strbuf to = STRBUF_INIT;
		sb_puts(&to, "/leerlingen/");
		html_url_path(&to, jtext(j, "leerling_id") ? jtext(j, "leerling_id") : "");
		json_decref(j);
		ui_done(r, sb_str(&to), "geregistreerd");
		sb_free(&to);
		return;
	}
	ui_refusal rf;
	ui_refusal_take(r, &rf, r->path, status);
	ui_register_page(r, &rf);
}
