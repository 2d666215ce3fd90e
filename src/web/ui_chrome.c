/*
 * ui_chrome.c - what every page shares: head, header (organisation, role,
 * scope), navigation, footer, and error pages. Formatting: ui_format.c; the
 * pupils and counts a page shows: ui_data.c.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../util/alloc.h"
#include "ui.h"

/* ---- the page frame --------------------------------------------------------- */

static void head(req *r, const char *title)
{
	strbuf *o = &r->out;
	html_lit(o, "<!DOCTYPE html>\n<html lang=\"nl\" class=\"utrecht-theme\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
	html_text(o, title);
	html_lit(o, " · inbeeld</title>"
		    /* htmx: no inline indicator styles (CSP), no page copies in
		     * localStorage (personal data), no eval, only our own server. */
		    "<meta name=\"htmx-config\" content=\"{&quot;includeIndicatorStyles&quot;:false,"
		    "&quot;historyCacheSize&quot;:0,&quot;refreshOnHistoryMiss&quot;:true,&quot;allowEval&quot;:false,"
		    "&quot;allowScriptTags&quot;:false,&quot;selfRequestsOnly&quot;:true}\">"
		    "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"
		    "<link rel=\"stylesheet\" href=\"/static/utrecht/theme.css\">"
		    "<link rel=\"stylesheet\" href=\"/static/utrecht/components.css\">"
		    "<link rel=\"stylesheet\" href=\"/static/uplot/uPlot.min.css\">"
		    "<link rel=\"stylesheet\" href=\"/static/inbeeld.css\">"
		    "<script src=\"/static/htmx/htmx.min.js\" defer></script>"
		    "<script src=\"/static/uplot/uPlot.iife.min.js\" defer></script>"
		    "<script src=\"/static/inbeeld.js\" defer></script>"
		    "</head><body class=\"utrecht-document utrecht-document--surface\">"
		    "<a class=\"ib-skip utrecht-link\" href=\"#inhoud\">Naar de inhoud</a>");
}

/* The scope in words: "Amsterdam (GM0363)", "VO2701 Samenwerkingsverband ...". */
static void scope_words(strbuf *o, const user *u, const dataset *ds)
{
	if (u->sc.all) {
		html_lit(o, "alle gebieden");
		return;
	}
	for (size_t i = 0; i < u->sc.n; i++) {
		const char *code = u->sc.codes[i];
		if (i)
			html_lit(o, ", ");
		const char *naam = NULL;
		if (ds && u->rol == ROLE_SWV) {
			int32_t w = dataset_swv(ds, code, strlen(code));
			naam = w != NO_REF ? ds->swvs[w].naam : NULL;
		} else if (ds && u->rol == ROLE_SCHOOL && strlen(code) == 7 && code[4] == ':') {
			char b[5], v[3];
			memcpy(b, code, 4), b[4] = '\0';
			memcpy(v, code + 5, 2), v[2] = '\0';
			int32_t s = dataset_school(ds, b, v);
			naam = s != NO_REF ? ds->schools[s].naam : NULL;
		} else if (ds) {
			int32_t g = dataset_gemeente(ds, code, strlen(code));
			naam = g != NO_REF ? ds->gemeenten[g].naam : NULL;
		}
		if (naam) {
			html_text(o, naam);
			html_lit(o, " (");
			html_text(o, code);
			html_lit(o, ")");
		} else {
			html_text(o, code);
		}
		if (i == 5 && u->sc.n > 7) {
			html_textf(o, " en %zu andere", u->sc.n - 6);
			break;
		}
	}
}

/* ---- the navigation: one line per page a role may open ---------------------- */

typedef enum nav_group { GROUP_NONE, GROUP_LEERLINGEN, GROUP_DOSSIERS, GROUP_CIJFERS, GROUP_BEHEER, GROUP_COUNT } nav_group;

static const char *const GROUP_LABELS[GROUP_COUNT] = {NULL, "Leerlingen", "Dossiers", "Cijfers", "Beheer"};

#define PUPILS CASE_ROLES /* the roles that see pupils (role_sees_pupils) */
#define TAFEL (R(ROLE_LEERPLICHT) | R(ROLE_SWV))

/* In the order shown, each group's pages together; the roles as the page's
 * route has them (a page a role may not open is not offered to it). A new
 * page is one line here (tests/browser/lists.test.mjs checks each role's). */
static const struct nav_entry {
	unsigned roles;
	ui_nav nav;
	const char *href, *label;
	nav_group group;
} NAV[] = {
	{ALL_ROLES, NAV_OVERZICHT, "/", "Overzicht", GROUP_NONE},
	{PUPILS, NAV_LIJST, "/thuiszitters", "Thuiszitterslijst", GROUP_LEERLINGEN},
	{PUPILS, NAV_SIGNALEN, "/signalen", "Signalen", GROUP_LEERLINGEN},
	{PUPILS, NAV_VERBLIJVEN, "/verblijven", "Verblijven", GROUP_LEERLINGEN},
	/* Recording in the browser (issue 14): a pupil not yet in the registry */
	{R(ROLE_SCHOOL) | R(ROLE_LEERPLICHT), NAV_NONE, "/leerling-registreren", "Leerling registreren", GROUP_LEERLINGEN},
	{PUPILS, NAV_MIJN_DOSSIERS, "/mijn-dossiers", "Mijn dossiers", GROUP_DOSSIERS},
	{PUPILS, NAV_DOSSIERS, "/dossiers", "Dossiers", GROUP_DOSSIERS},
	{TAFEL, NAV_TAFEL, "/tafel", "Thuiszitterstafel", GROUP_DOSSIERS},
	{TAFEL, NAV_PROCEDURES, "/vrijstellingsprocedures", "Vrijstellingsprocedures", GROUP_DOSSIERS},
	{TAFEL, NAV_HERBEOORDELINGEN, "/herbeoordelingen", "Herbeoordelingen", GROUP_DOSSIERS},
	{ALL_ROLES, NAV_SCHEMA, "/resultaatschema", "Resultaatschema", GROUP_CIJFERS},
	{ALL_ROLES, NAV_JAARTELLING, "/jaartelling", "Jaartelling", GROUP_CIJFERS},
	{ALL_ROLES, NAV_VRIJSTELLINGEN, "/vrijstellingen", "Vrijstellingen", GROUP_CIJFERS},
	{ALL_ROLES, NAV_DOELEN, "/doelen", "Doelen", GROUP_CIJFERS},
	{ALL_ROLES, NAV_JAARVERSLAG, "/jaarverslag", "Jaarverslag", GROUP_CIJFERS},
	{PUPILS, NAV_MELDDISCIPLINE, "/melddiscipline", "Melddiscipline", GROUP_CIJFERS},
	{R(ROLE_BEHEERDER), NAV_AUDIT, "/audit", "Auditlog", GROUP_BEHEER},
	/* Beheer in the browser (issue 14): accounts, organisations, datasets, break-glass (ui_beheer*.c) */
	{R(ROLE_BEHEERDER), NAV_BEHEER, "/beheer/gebruikers", "Beheer", GROUP_BEHEER},
	/* One child, one record (issue 14, ui_search.c) */
	{R(ROLE_BEHEERDER), NAV_DUBBEL, "/dubbele-leerlingen", "Dubbele leerlingen", GROUP_BEHEER},
	/* Help and words (issue 14): the glossary, for every role (ui_begrippen.c) */
	{ALL_ROLES, NAV_BEGRIPPEN, "/begrippen", "Begrippen", GROUP_NONE},
};

static void nav_item(strbuf *o, const char *href, const char *label, bool current)
{
	html_lit(o, "<li class=\"ib-nav__item\"><a class=\"ib-nav__link\" href=\"");
	html_attr(o, href);
	html_lit(o, "\"");
	if (current)
		html_lit(o, " aria-current=\"page\"");
	html_lit(o, ">");
	html_text(o, label);
	html_lit(o, "</a></li>");
}

/* The navigation of role rl, grouped, the page `active` marked. */
static void nav_list(strbuf *o, role rl, ui_nav active)
{
	html_lit(o, "<ul class=\"ib-nav__list\">");
	nav_group open = GROUP_NONE;
	for (size_t i = 0; i < sizeof NAV / sizeof NAV[0]; i++) {
		const struct nav_entry *e = &NAV[i];
		if (!(e->roles & R(rl)))
			continue;
		if (e->group != open) {
			if (open != GROUP_NONE)
				html_lit(o, "</ul></li>");
			open = e->group;
			if (open == GROUP_NONE) { /* a page of no group, between the groups */
				nav_item(o, e->href, e->label, e->nav != NAV_NONE && e->nav == active);
				continue;
			}
			bool here = false;
			for (size_t k = i; k < sizeof NAV / sizeof NAV[0] && NAV[k].group == open; k++)
				here |= NAV[k].nav != NAV_NONE && NAV[k].nav == active && (NAV[k].roles & R(rl));
			if (here)
				html_lit(o, "<li class=\"ib-nav__group ib-nav__group--current\">");
			else
				html_lit(o, "<li class=\"ib-nav__group\">");
			html_markupf(o, "<span class=\"ib-nav__group-label\" id=\"nav-groep-%d\">", (int)open);
			html_text(o, GROUP_LABELS[open]);
			html_markupf(o, "</span><ul class=\"ib-nav__sub\" aria-labelledby=\"nav-groep-%d\">", (int)open);
		}
		nav_item(o, e->href, e->label, e->nav != NAV_NONE && e->nav == active);
	}
	if (open != GROUP_NONE)
		html_lit(o, "</ul></li>");
	html_lit(o, "</ul>");
}

/* The page frame up to and with the <h1>, and the page's one-line
 * explanation when intro is not NULL. */
static void begin(req *r, const dataset *ds, const char *title, ui_nav active, const char *intro)
{
	sb_reset(&r->out);
	head(r, title);
	strbuf *o = &r->out;
	html_lit(o, "<header class=\"ib-header\"><div class=\"ib-header__bar\">"
		    "<a class=\"ib-brand\" href=\"/\"><span class=\"ib-brand__name\">inbeeld</span>"
		    "<span class=\"ib-brand__tag\">ieder kind in beeld</span></a>");
	if (r->who) {
		const user *u = r->who;
		html_lit(o, "<div class=\"ib-who\"><p class=\"ib-who__line\"><span class=\"ib-who__name\">");
		html_text(o, u->naam);
		html_lit(o, "</span>");
		if (u->organisatie[0]) {
			html_lit(o, " · <span class=\"ib-who__org\">");
			html_text(o, u->organisatie);
			html_lit(o, "</span>");
		}
		html_lit(o, "</p><p class=\"ib-who__line\">Rol: <strong class=\"ib-who__role\">");
		html_text(o, ui_role_label(u->rol));
		html_lit(o, "</strong> · Scope: <span class=\"ib-who__scope\">");
		scope_words(o, u, ds);
		/* Every user changes their own password (issue 14, ui_beheer.c) and
		 * sets the reminders by e-mail (ui_settings.c). */
		html_lit(o, "</span></p><p class=\"ib-who__line\"><a class=\"utrecht-link\" href=\"/wachtwoord\">Wachtwoord "
			    "wijzigen</a> · <a class=\"utrecht-link\" href=\"/instellingen\">Mijn instellingen</a></p>");
		/* On paper only: the day it was printed, the server's day (issue 14). */
		html_lit(o, "<p class=\"ib-printed\">Afgedrukt op ");
		ui_date_long(o, today());
		html_lit(o, "</p></div><form class=\"ib-logout\" method=\"post\" action=\"/uitloggen\">");
		ui_csrf_field(r);
		html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">"
			    "Uitloggen</button></form>");
	}
	html_lit(o, "</div>");
	if (r->who) {
		html_lit(o, "<nav class=\"ib-nav\" aria-label=\"Hoofdmenu\">");
		nav_list(o, r->who->rol, active);
		if (role_sees_pupils(r->who->rol))
			html_lit(o, "<form class=\"ib-search\" method=\"get\" action=\"/zoeken\" role=\"search\">"
				    "<label class=\"utrecht-form-label\" for=\"zoek-kop\">Leerling zoeken</label>"
				    "<input class=\"utrecht-textbox utrecht-textbox--html-input\" type=\"search\" id=\"zoek-kop\" "
				    "name=\"zoek\" minlength=\"2\" maxlength=\"100\" required "
				    "placeholder=\"naam, BSN of leerling-id\"><input type=\"hidden\" name=\"ga\" value=\"1\">"
				    "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Zoeken"
				    "</button></form>");
		html_lit(o, "</nav>");
	}
	html_lit(o, "</header><main id=\"inhoud\" class=\"ib-main\" tabindex=\"-1\"><h1 class=\"utrecht-heading-1\">");
	html_text(o, title);
	html_lit(o, "</h1>");
	if (intro) {
		html_lit(o, "<p class=\"utrecht-paragraph ib-intro\">");
		html_text(o, intro);
		html_lit(o, "</p>");
	}
}

void ui_begin(req *r, const dataset *ds, const char *title, ui_nav active)
{
	begin(r, ds, title, active, ui_page_intro(r->rt ? r->rt->path : NULL));
}

void ui_begin_page(req *r, const char *title, ui_nav active)
{
	snapshot *s = snapshot_acquire(&r->srv->snap);
	ui_begin(r, s->ds, title, active);
	snapshot_release(s);
}

static void reply_html(req *r, int status)
{
	shared_body_release(r->shared);
	r->shared = NULL;
	r->status = status;
	r->content_type = "text/html; charset=utf-8";
	add_header(r, "Vary", "HX-Request");
}

void ui_end(req *r, int status)
{
	html_lit(&r->out, "</main><footer class=\"ib-footer\"><p class=\"utrecht-paragraph utrecht-paragraph--small\">"
			  "inbeeld · één registratie en één set definities voor ieder kind dat niet naar school gaat. "
			  "Elke inzage in persoonsgegevens wordt vastgelegd in het auditlog.</p></footer></body></html>\n");
	reply_html(r, status);
}

void ui_fragment(req *r)
{
	reply_html(r, 200);
}

/* ---- errors ------------------------------------------------------------------ */

static const char *error_title(int status)
{
	switch (status) {
	case 400: return "Dit verzoek klopt niet";
	case 403: return "Geen toegang";
	case 404: return "Niet gevonden";
	case 405: return "Niet toegestaan";
	case 413: return "Te groot";
	case 429: return "Even geduld";
	default: return "Er ging iets mis";
	}
}

static void error_body(req *r, int status, const char *code, const char *message)
{
	snapshot *s = r->who ? snapshot_acquire(&r->srv->snap) : NULL;
	begin(r, s ? s->ds : NULL, error_title(status), NAV_NONE, NULL);
	if (s)
		snapshot_release(s);
	strbuf *o = &r->out;
	html_lit(o, "<div class=\"utrecht-alert utrecht-alert--error ib-alert\" role=\"alert\"><p class=\"utrecht-paragraph\">");
	if (message && *message) {
		/* The API's messages start in lower case; a page starts a sentence. */
		char first[8] = {0};
		size_t n = (unsigned char)message[0] < 0x80 ? 1 : 0;
		if (n) {
			first[0] = (char)(message[0] >= 'a' && message[0] <= 'z' ? message[0] - 32 : message[0]);
			html_text(o, first);
		}
		html_text(o, message + n);
		html_lit(o, ".");
	} else {
		html_lit(o, "Er ging iets mis.");
	}
	html_lit(o, "</p></div><p class=\"utrecht-paragraph\">");
	if (status == 403)
		html_lit(o, "U ziet alleen wat uw rol en scope toestaan. Denkt u dat dit niet klopt, neem dan contact op "
			    "met de beheerder van inbeeld.");
	else if (status == 404)
		html_lit(o, "Controleer het adres, of ga terug naar het overzicht.");
	else if (status >= 500)
		html_lit(o, "Probeer het over een ogenblik opnieuw. Blijft het misgaan, meld het dan aan de beheerder.");
	else
		html_lit(o, "Pas de invoer aan en probeer het opnieuw.");
	html_lit(o, "</p><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/\">Naar het overzicht</a></p>");
	if (code) {
		html_lit(o, "<p class=\"utrecht-paragraph utrecht-paragraph--small ib-muted\">Foutcode: <code>");
		html_text(o, code);
		html_lit(o, "</code></p>");
	}
	ui_end(r, status);
}

void ui_fail(req *r, int status, const char *code, const char *message)
{
	r->error_code = code;
	error_body(r, status, code, message);
}

void ui_error_page(req *r)
{
	if (r->content_type && strncmp(r->content_type, "text/html", 9) == 0)
		return; /* the page made its own */
	json_t *j = json_loadb(sb_str(&r->out), r->out.len, 0, NULL);
	char message[400] = "";
	if (j && json_is_string(json_object_get(j, "fout")))
		snprintf(message, sizeof message, "%s", json_string_value(json_object_get(j, "fout")));
	json_decref(j);
	int status = r->status;
	const char *code = r->error_code;
	if (htmx_request(r)) {
		/* htmx swaps only 2xx answers by default: say it in a fragment. */
		sb_reset(&r->out);
		html_lit(&r->out, "<div class=\"utrecht-alert utrecht-alert--error ib-alert\" role=\"alert\">"
				  "<p class=\"utrecht-paragraph\">");
		html_text(&r->out, message);
		html_lit(&r->out, "</p></div>");
		reply_html(r, status);
		return;
	}
	error_body(r, status, code, message);
}
