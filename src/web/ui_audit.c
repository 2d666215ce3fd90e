/*
 * ui_audit.c - Auditlog, for the beheerder: the newest entries (of one
 * pupil with ?leerling), who did what when, and each step of account
 * management under four eyes in words (asked, confirmed, refused, changed,
 * the password set by the user with a code). Reads GET /api/audit, whose
 * own entry records that the log was read.
 */
#include <string.h>

#include "ui_cases.h"

/* An account step in words: "bevestiging" of a "nieuw" request -> ... */
static void account_step(strbuf *o, json_t *d)
{
	const char *stap = jtext(d, "stap"), *soort = jtext(d, "soort"), *wie = jtext(d, "gebruiker");
	const char *what = !soort ? "" : !strcmp(soort, "nieuw") ? "nieuw account" : !strcmp(soort, "herstel")
		? "wachtwoordherstel" : "verruiming";
	if (!stap)
		stap = "";
	if (!strcmp(stap, "aanvraag") && json_is_true(json_object_get(d, "vier_ogen")))
		html_lit(o, "Aangevraagd (wacht op een tweede beheerder): ");
	else if (!strcmp(stap, "aanvraag"))
		html_lit(o, "Aangevraagd: ");
	else if (!strcmp(stap, "bevestiging"))
		html_lit(o, "Bevestigd door een tweede beheerder: ");
	else if (!strcmp(stap, "afwijzing"))
		html_lit(o, "Afgewezen door een tweede beheerder: ");
	else if (!strcmp(stap, "wijziging"))
		html_lit(o, "Ingeperkt of gelijk gehouden: ");
	else if (!strcmp(stap, "code_gebruikt"))
		html_lit(o, "Wachtwoord zelf gekozen met de eenmalige code: ");
	html_text(o, what);
	if (*what)
		html_lit(o, " ");
	html_text(o, wie ? wie : "");
	if (jtext(d, "rol")) {
		html_lit(o, " (");
		html_text(o, jtext(d, "rol"));
		html_lit(o, ", ");
		html_text(o, jtext(d, "scope") ? jtext(d, "scope") : "");
		html_lit(o, ")");
	}
}

static void cell(strbuf *o, const char *text)
{
	html_lit(o, "<td class=\"utrecht-table__cell\">");
	html_text(o, text ? text : "");
	html_lit(o, "</td>");
}

void ui_audit(req *r)
{
	json_t *list = ui_api_get(r, "/api/audit"); /* reads ?leerling, ?voor, ?aantal */
	if (!list)
		return;
	ui_begin_page(r, "Auditlog", NAV_AUDIT);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph\">Elke inzage in en wijziging van persoonsgegevens, en elke stap in het "
		    "beheer van accounts, nieuwste eerst. Dit overzicht lezen staat er zelf ook in.</p>"
		    "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table\"><caption class=\"utrecht-table__caption\">Auditregels</caption><thead "
		    "class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	static const char *const HEADS[] = {"Tijdstip", "Gebruiker", "Rol", "Leerling", "Handeling", "Wat"};
	for (size_t i = 0; i < sizeof HEADS / sizeof HEADS[0]; i++) {
		html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
		html_text(o, HEADS[i]);
		html_lit(o, "</th>");
	}
	html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e) {
		json_t *d = json_object_get(e, "details");
		html_lit(o, "<tr class=\"utrecht-table__row\">");
		html_lit(o, "<td class=\"utrecht-table__cell\">");
		ui_timestamp(o, jtext(e, "tijdstip"));
		html_lit(o, "</td>");
		cell(o, jtext(e, "gebruikersnaam"));
		cell(o, jtext(e, "rol"));
		cell(o, jtext(e, "leerling_id"));
		cell(o, jtext(e, "actie"));
		html_lit(o, "<td class=\"utrecht-table__cell\">");
		if (!strcmp(jtext(e, "actie") ? jtext(e, "actie") : "", "gebruikersbeheer") && json_is_object(d))
			account_step(o, d);
		else
			html_text(o, jtext(e, "endpoint") ? jtext(e, "endpoint") : "");
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></div>");
	json_decref(list);
	ui_end(r, 200);
}
