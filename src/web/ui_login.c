/*
 * ui_login.c - logging in and out with a form. The form posts to /inloggen,
 * which runs the same login as POST /api/sessie (h_login: Argon2id, rate
 * limits, the session cookie) and then sends the browser on to the page it
 * came for.
 */
#include <string.h>

#include "ui.h"

/* Only a path on this site: "/..." but not "//" (another host) or "/\". */
static const char *safe_return(const char *terug)
{
	if (!terug || terug[0] != '/' || terug[1] == '/' || terug[1] == '\\' || strlen(terug) > 200)
		return "/";
	for (const char *p = terug; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      strchr("/-_.~:", *p)))
			return "/";
	return terug;
}

static void redirect(req *r, const char *location)
{
	add_header(r, "Location", location);
	reply_raw(r, 303, "text/plain; charset=utf-8", "", 0);
}

static void login_page(req *r, int status, const char *message, bool info, const char *terug, const char *naam)
{
	ui_begin(r, NULL, "Inloggen", NAV_NONE);
	strbuf *o = &r->out;
	html_lit(o, "<div class=\"ib-login\"><p class=\"utrecht-paragraph utrecht-paragraph--lead\">inbeeld is de "
		    "gezamenlijke registratie van leerplicht, scholen en samenwerkingsverbanden voor ieder kind dat niet "
		    "naar school gaat. Log in met het account dat u van uw beheerder kreeg.</p>");
	if (message) {
		if (info)
			html_lit(o, "<div class=\"utrecht-alert utrecht-alert--ok ib-alert\" role=\"status\">");
		else
			html_lit(o, "<div class=\"utrecht-alert utrecht-alert--error ib-alert\" role=\"alert\">");
		html_lit(o, "<p class=\"utrecht-paragraph\">");
		html_text(o, message);
		html_lit(o, "</p></div>");
	}
	html_lit(o, "<form class=\"ib-form\" method=\"post\" action=\"/inloggen\">"
		    "<div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" for=\"gebruikersnaam\">"
		    "Gebruikersnaam</label><input class=\"utrecht-textbox utrecht-textbox--html-input\" id=\"gebruikersnaam\" "
		    "name=\"gebruikersnaam\" autocomplete=\"username\" required maxlength=\"100\" autofocus value=\"");
	html_attr(o, naam ? naam : "");
	html_lit(o, "\"></div><div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" "
		    "for=\"wachtwoord\">Wachtwoord</label><input class=\"utrecht-textbox utrecht-textbox--html-input\" "
		    "id=\"wachtwoord\" name=\"wachtwoord\" type=\"password\" autocomplete=\"current-password\" required "
		    "maxlength=\"200\"></div><input type=\"hidden\" name=\"terug\" value=\"");
	html_attr(o, safe_return(terug));
	html_lit(o, "\"><button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">Inloggen"
		    "</button></form><p class=\"utrecht-paragraph utrecht-paragraph--small ib-muted\">Na 30 minuten "
		    "zonder activiteit wordt u automatisch uitgelogd. Elke inzage in gegevens van leerlingen wordt "
		    "vastgelegd.</p>"
		    /* issue 14: the first password, or a new one after a reset, with the one-time code */
		    "<p class=\"utrecht-paragraph utrecht-paragraph--small\">Nieuw account of wachtwoordherstel? "
		    "<a class=\"utrecht-link\" href=\"/activeren\">Kies uw wachtwoord met de eenmalige code</a>.</p></div>");
	ui_end(r, status);
}

void ui_login_form(req *r)
{
	const char *terug = query(r, "terug");
	r->who = session_of(r);
	if (r->who) { /* already logged in */
		redirect(r, safe_return(terug));
		return;
	}
	bool out = query(r, "uit") != NULL;
	login_page(r, 200, out ? "U bent uitgelogd." : NULL, out, terug, NULL);
}

void ui_login_post(req *r)
{
	const char *terug = form(r, "terug");
	h_login(r);
	if (r->status == 200) {
		redirect(r, safe_return(terug));
		return;
	}
	const char *message = r->status == 401	 ? "De gebruikersnaam of het wachtwoord klopt niet."
			      : r->status == 429 ? "Te veel mislukte pogingen. Probeer het over een kwartier opnieuw."
						 : "Inloggen lukt nu niet. Probeer het over een ogenblik opnieuw.";
	login_page(r, r->status, message, false, terug, form(r, "gebruikersnaam"));
}

void ui_logout(req *r)
{
	h_logout(r);
	if (r->status == 200)
		redirect(r, "/inloggen?uit=1");
}
