/*
 * ui_settings.c - Mijn instellingen (see ui_settings.h): whether the user
 * gets the daily digest by e-mail, and at which address. The form runs
 * PUT /api/instellingen/herinnering in the same request (ui_api, so the
 * same checks and audit entry); a refused form is shown again with what was
 * typed and the reason at the field.
 */
#include <string.h>

#include "ui_cases.h"
#include "ui_settings.h"

/* What the form shows: the stored setting, or what was typed. */
typedef struct settings_form {
	bool aan;
	const char *email;
	const char *error; /* at the address field; NULL when none */
} settings_form;

static void settings_page(req *r, const settings_form *f, int status)
{
	ui_begin_page(r, "Mijn instellingen", NAV_NONE);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph ib-lead\">Wat inbeeld voor u persoonlijk doet.</p>");
	const char *done = query(r, "gedaan");
	if (!f->error && done && strcmp(done, "opgeslagen") == 0)
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--ok ib-alert\" role=\"status\"><p class=\"utrecht-paragraph\">"
			    "Uw instelling is opgeslagen.</p></div>");
	if (f->error) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--error ib-alert\" role=\"alert\"><p class=\"utrecht-paragraph\">"
			    "Niet opgeslagen: ");
		html_text(o, f->error);
		html_lit(o, ".</p></div>");
	}
	html_lit(o, "<h2 class=\"utrecht-heading-2\">Dagelijks overzicht per e-mail</h2>"
		    "<p class=\"utrecht-paragraph\">Elke ochtend een bericht met het aantal termijnen dat deze week afloopt, "
		    "de dossiers die over een termijn zijn, de nazorgmomenten die aan de beurt zijn en de nieuwe "
		    "vroegsignalen, van de dossiers waarvan u of uw organisatie de regie heeft (of had, bij de nazorg) en "
		    "de leerlingen die u mag zien. Alleen aantallen en links: het bericht "
		    "noemt nooit namen of andere gegevens van leerlingen.</p>"
		    "<form class=\"ib-form\" method=\"post\" action=\"/instellingen\">");
	ui_csrf_field(r);
	html_lit(o, "<div class=\"utrecht-form-field utrecht-form-field--checkbox\"><p class=\"utrecht-form-field__label "
		    "utrecht-form-field__label--checkbox\"><label class=\"utrecht-form-label utrecht-form-label--checkbox\" "
		    "for=\"herinnering-aan\"><input class=\"utrecht-checkbox utrecht-checkbox--html-input\" type=\"checkbox\" "
		    "id=\"herinnering-aan\" name=\"aan\" value=\"1\"");
	if (f->aan)
		html_lit(o, " checked");
	html_lit(o, "> Ja, stuur mij elke ochtend het overzicht</label></p></div>");
	ui_input_value(o, "herinnering-email", "email", "E-mailadres", "email", false,
		       f->error ? f->error : "het adres waarop u het overzicht ontvangt", f->email ? f->email : "");
	html_lit(o, "<p><button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">Opslaan</button>"
		    "</p></form>");
	ui_end(r, status);
}

static void ui_settings(req *r)
{
	json_t *s = ui_api_get(r, "/api/instellingen/herinnering");
	if (!s)
		return;
	r->status = 0;
	sb_reset(&r->out);
	settings_form f = {json_is_true(json_object_get(s, "aan")), jtext(s, "email"), NULL};
	settings_page(r, &f, 200);
	json_decref(s);
}

static void ui_settings_save(req *r)
{
	const char *email = ui_field(r, "email");
	const char *aan = ui_field(r, "aan");
	json_t *body = json_pack("{s:b, s:s}", "aan", aan && strcmp(aan, "1") == 0, "email", email ? email : "");
	char error[256] = "";
	int status;
	if (!ui_submit(r, "PUT", "/api/instellingen/herinnering", body, "/instellingen", "opgeslagen", error,
		       sizeof error, &status)) {
		r->status = 0;
		settings_form f = {aan != NULL, email, error[0] ? error : "niet opgeslagen"};
		settings_page(r, &f, status >= 400 ? status : 422);
	}
}

const route SETTINGS_PAGES[] = {
	{"GET", "/instellingen", ui_settings, ALL_ROLES, false, false, BODY_NONE, 0, "Mijn instellingen", "Pagina's",
	 {{"gedaan", P_CODE, false, NULL, "wat het formulier deed"}}, {{0}}, "200", true},
	{"POST", "/instellingen", ui_settings_save, ALL_ROLES, false, true, BODY_FORM, 4096,
	 "Formulier: het dagelijkse overzicht per e-mail aan- of uitzetten", "Pagina's", {{0}},
	 {{"aan", JSON_STRING, false, NULL}, {"email", JSON_STRING, false, NULL}}, "303,400,403", true},
};
const size_t N_SETTINGS_PAGES = sizeof SETTINGS_PAGES / sizeof SETTINGS_PAGES[0];
