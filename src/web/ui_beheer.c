/*
 * ui_beheer.c - what every user does with their own account in the browser:
 * change the password (/wachtwoord: PUT /api/sessie/wachtwoord, which checks
 * the current one with Argon2id and ends the user's other sessions), and
 * choose the first password with the one-time code a beheerder handed over
 * (/activeren: POST /api/activeren, no session needed, rate limited as the
 * logins are). Also the small form helpers the beheer pages share
 * (ui_beheer.h).
 *
 * A password typed is never written back into a page: a refused form keeps
 * the user name and the code, and says at the field what is wrong.
 */
#include <string.h>

#include "ui_beheer.h"

const char *const UI_ROLE_CHOICES[] = {"school", "school", "leerplicht", "leerplicht", "swv", "samenwerkingsverband",
				       "analist", "beleid en analyse", "beheerder", "beheer", NULL};

/* ---- form helpers ------------------------------------------------------------ */

static void beheer_field_label(strbuf *o, const char *id, const char *label, const char *error, bool required)
{
	html_lit(o, "<div class=\"utrecht-form-field ib-field");
	if (error)
		html_lit(o, " utrecht-form-field--invalid");
	html_lit(o, "\"><label class=\"utrecht-form-label\" for=\"");
	html_attr(o, id);
	html_lit(o, "\">");
	html_text(o, label);
	if (!required)
		html_lit(o, " <span class=\"ib-muted\">(niet verplicht)</span>");
	html_lit(o, "</label>");
	if (error) {
		html_lit(o, "<p class=\"utrecht-form-field-error-message\" id=\"");
		html_attr(o, id);
		html_lit(o, "-fout\">");
		ui_beheer_sentence(o, error);
		html_lit(o, "</p>");
	}
}

static void described(strbuf *o, const char *id, const char *error, const char *hint)
{
	if (error) {
		html_lit(o, " aria-invalid=\"true\"");
	}
	if (error || hint) {
		html_lit(o, " aria-describedby=\"");
		if (error) {
			html_attr(o, id);
			html_lit(o, "-fout");
		}
		if (hint) {
			if (error)
				html_lit(o, " ");
			html_attr(o, id);
			html_lit(o, "-uitleg");
		}
		html_lit(o, "\"");
	}
}

static void field_hint(strbuf *o, const char *id, const char *hint)
{
	if (!hint)
		return;
	html_lit(o, "<p class=\"utrecht-form-field-description ib-small ib-muted\" id=\"");
	html_attr(o, id);
	html_lit(o, "-uitleg\">");
	html_text(o, hint);
	html_lit(o, "</p>");
}

void ui_beheer_field(strbuf *o, const char *id, const char *name, const char *label, const char *type,
		     const char *value, const char *error, bool required, const char *hint, const char *autocomplete)
{
	beheer_field_label(o, id, label, error, required);
	field_hint(o, id, hint);
	html_lit(o, "<input class=\"utrecht-textbox utrecht-textbox--html-input");
	if (error)
		html_lit(o, " utrecht-textbox--invalid");
	html_lit(o, "\" type=\"");
	html_attr(o, type);
	html_lit(o, "\" id=\"");
	html_attr(o, id);
	html_lit(o, "\" name=\"");
	html_attr(o, name);
	html_lit(o, "\" maxlength=\"500\"");
	if (required)
		html_lit(o, " required");
	if (autocomplete) {
		html_lit(o, " autocomplete=\"");
		html_attr(o, autocomplete);
		html_lit(o, "\"");
	}
	if (value) {
		html_lit(o, " value=\"");
		html_attr(o, value);
		html_lit(o, "\"");
	}
	described(o, id, error, hint);
	html_lit(o, "></div>");
}

void ui_beheer_select(strbuf *o, const char *id, const char *name, const char *label, const char *const *pairs,
		      const char *value, const char *error)
{
	beheer_field_label(o, id, label, error, true);
	html_lit(o, "<select class=\"utrecht-select utrecht-select--html-select\" id=\"");
	html_attr(o, id);
	html_lit(o, "\" name=\"");
	html_attr(o, name);
	html_lit(o, "\" required");
	described(o, id, error, NULL);
	html_lit(o, ">");
	for (size_t i = 0; pairs[i]; i += 2) {
		html_lit(o, "<option value=\"");
		html_attr(o, pairs[i]);
		html_lit(o, "\"");
		if (value && strcmp(value, pairs[i]) == 0)
			html_lit(o, " selected");
		html_lit(o, ">");
		html_text(o, pairs[i + 1]);
		html_lit(o, "</option>");
	}
	html_lit(o, "</select></div>");
}

void ui_beheer_refusal(req *r, char *code, size_t code_size, char *msg, size_t msg_size)
{
	json_t *j = json_loadb(sb_str(&r->out), r->out.len, 0, NULL);
	const char *c = j ? json_string_value(json_object_get(j, "code")) : NULL;
	snprintf(code, code_size, "%s", c ? c : "");
	json_decref(j);
	ui_api_error(r, msg, msg_size); /* resets r->out and the headers */
}

void ui_beheer_sentence(strbuf *o, const char *message)
{
	if (!message || !*message)
		return;
	char first[2] = {message[0] >= 'a' && message[0] <= 'z' ? (char)(message[0] - 32) : message[0], '\0'};
	html_text(o, first);
	html_text(o, message + 1);
	size_t n = strlen(message);
	if (message[n - 1] != '.')
		html_lit(o, ".");
}

void ui_beheer_alert(strbuf *o, bool ok, const char *text)
{
	if (ok)
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--ok ib-alert\" role=\"status\"><p class=\"utrecht-paragraph\">");
	else
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--error ib-alert\" role=\"alert\"><p class=\"utrecht-paragraph\">");
	ui_beheer_sentence(o, text);
	html_lit(o, "</p></div>");
}

void ui_beheer_subnav(req *r, const char *current)
{
	static const char *const LINKS[] = {"/beheer/gebruikers", "Gebruikers", "/beheer/organisaties", "Organisaties",
					    "/beheer/datasets", "Dataset laden", "/beheer/noodtoegang", "Noodtoegang",
					    "/audit", "Auditlog", NULL};
	strbuf *o = &r->out;
	html_lit(o, "<nav class=\"ib-subnav\" aria-label=\"Beheer\"><ul class=\"ib-subnav__list\">");
	for (size_t i = 0; LINKS[i]; i += 2) {
		html_lit(o, "<li><a class=\"utrecht-link\" href=\"");
		html_attr(o, LINKS[i]);
		html_lit(o, "\"");
		if (strcmp(LINKS[i], current) == 0)
			html_lit(o, " aria-current=\"page\"");
		html_lit(o, ">");
		html_text(o, LINKS[i + 1]);
		html_lit(o, "</a></li>");
	}
	html_lit(o, "</ul></nav>");
}

/* ---- the own password -------------------------------------------------------- */

typedef struct pw_errors {
	const char *huidig, *nieuw, *herhaling, *form;
} pw_errors;

static void password_page(req *r, int status, const pw_errors *e)
{
	ui_begin_page(r, "Wachtwoord wijzigen", NAV_NONE);
	strbuf *o = &r->out;
	const char *done = query(r, "gedaan");
	if (done && strcmp(done, "wachtwoord") == 0)
		ui_beheer_alert(o, true, "Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd");
	if (e && e->form)
		ui_beheer_alert(o, false, e->form);
	html_lit(o, "<p class=\"utrecht-paragraph\">Kies een wachtwoord van minstens 12 tekens dat u nergens anders "
		    "gebruikt. Na het wijzigen bent u op andere apparaten uitgelogd; hier blijft u ingelogd.</p>"
		    "<form class=\"ib-form\" method=\"post\" action=\"/wachtwoord\">");
	ui_csrf_field(r);
	ui_beheer_field(o, "pw-huidig", "huidig", "Huidig wachtwoord", "password", NULL, e ? e->huidig : NULL, true, NULL,
			"current-password");
	ui_beheer_field(o, "pw-nieuw", "nieuw", "Nieuw wachtwoord", "password", NULL, e ? e->nieuw : NULL, true,
			"minstens 12 tekens", "new-password");
	ui_beheer_field(o, "pw-herhaling", "herhaling", "Nieuw wachtwoord nog eens", "password", NULL,
			e ? e->herhaling : NULL, true, NULL, "new-password");
	html_lit(o, "<div class=\"ib-actions\"><button type=\"submit\" class=\"utrecht-button "
		    "utrecht-button--primary-action\">Wachtwoord wijzigen</button></div></form>");
	ui_end(r, status);
}

void ui_password_form(req *r)
{
	password_page(r, 200, NULL);
}

void ui_password_post(req *r)
{
	const char *nieuw = form(r, "nieuw"), *herhaling = form(r, "herhaling");
	pw_errors e = {0};
	if (strcmp(nieuw, herhaling) != 0) {
		e.herhaling = "de twee nieuwe wachtwoorden zijn niet gelijk";
		password_page(r, 400, &e);
		return;
	}
	json_t *body = json_pack("{s:s, s:s}", "huidig", form(r, "huidig"), "nieuw", nieuw);
	int status = ui_api(r, "PUT", "/api/sessie/wachtwoord", body);
	if (status == 200) {
		ui_done(r, "/wachtwoord", "wachtwoord");
		return;
	}
	char code[64], msg[400];
	ui_beheer_refusal(r, code, sizeof code, msg, sizeof msg);
	if (strcmp(code, "wachtwoord_onjuist") == 0)
		e.huidig = msg;
	else if (strcmp(code, "wachtwoord_te_kort") == 0)
		e.nieuw = msg;
	else
		e.form = msg;
	password_page(r, status, &e);
}

/* ---- the first password, with the one-time code ------------------------------- */

typedef struct act_errors {
	const char *naam, *code, *wachtwoord, *herhaling, *form;
} act_errors;

static void activate_page(req *r, int status, const act_errors *e, bool done)
{
	ui_begin(r, NULL, "Account activeren", NAV_NONE);
	strbuf *o = &r->out;
	if (done) {
		ui_beheer_alert(o, true, "Uw wachtwoord is ingesteld. U kunt nu inloggen");
		html_lit(o, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/inloggen\">Naar inloggen</a></p>");
		ui_end(r, status);
		return;
	}
	if (e && e->form)
		ui_beheer_alert(o, false, e->form);
	html_lit(o, "<p class=\"utrecht-paragraph\">Met de eenmalige code van uw beheerder kiest u zelf uw wachtwoord, "
		    "voor een nieuw account of na wachtwoordherstel. Kreeg u de code in twee delen (van twee beheerders), "
		    "typ dan beide delen achter elkaar. De code werkt één keer en verloopt na 7 dagen.</p>"
		    "<form class=\"ib-form\" method=\"post\" action=\"/activeren\">");
	const char *naam = form(r, "gebruikersnaam");
	ui_beheer_field(o, "act-naam", "gebruikersnaam", "Gebruikersnaam", "text", naam ? naam : query(r, "gebruiker"),
			e ? e->naam : NULL, true, NULL, "username");
	ui_beheer_field(o, "act-code", "code", "Eenmalige code", "text", form(r, "code"), e ? e->code : NULL, true,
			"bij vier ogen: beide delen achter elkaar", "one-time-code");
	ui_beheer_field(o, "act-wachtwoord", "wachtwoord", "Nieuw wachtwoord", "password", NULL, e ? e->wachtwoord : NULL,
			true, "minstens 12 tekens", "new-password");
	ui_beheer_field(o, "act-herhaling", "herhaling", "Nieuw wachtwoord nog eens", "password", NULL,
			e ? e->herhaling : NULL, true, NULL, "new-password");
	html_lit(o, "<div class=\"ib-actions\"><button type=\"submit\" class=\"utrecht-button "
		    "utrecht-button--primary-action\">Wachtwoord instellen</button></div></form>");
	ui_end(r, status);
}

void ui_activate_form(req *r)
{
	activate_page(r, 200, NULL, false);
}

void ui_activate_post(req *r)
{
	act_errors e = {0};
	if (strcmp(form(r, "wachtwoord"), form(r, "herhaling")) != 0) {
		e.herhaling = "de twee wachtwoorden zijn niet gelijk";
		activate_page(r, 400, &e, false);
		return;
	}
	/* The same operation as POST /api/activeren, with the form's fields
	 * (gebruikersnaam, code, wachtwoord) as its body. */
	h_activate(r);
	int status = r->status;
	if (status == 200) {
		json_decref(ui_api_json(r)); /* its answer: nothing more to show */
		activate_page(r, 200, NULL, true);
		return;
	}
	char code[64], msg[400];
	ui_beheer_refusal(r, code, sizeof code, msg, sizeof msg);
	if (strcmp(code, "code_onjuist") == 0 || strcmp(code, "wacht_op_bevestiging") == 0)
		e.code = msg;
	else if (strcmp(code, "wachtwoord_te_kort") == 0)
		e.wachtwoord = msg;
	else
		e.form = msg;
	activate_page(r, status, &e, false);
}
