/*
 * ui_audit.c - Auditlog, for the beheerder: the newest entries (of one
 * pupil with ?leerling), who did what when, and each step of account
 * management under four eyes in words (asked, confirmed, refused, changed,
 * the password set by the user with a code). Filters: user, action, period
 * and pupil; with ?leerling the page answers "wie heeft dit kind bekeken"
 * (the AVG right of access), linked from the pupil's page. Older entries a
 * page further (?voor, the lowest id shown). Reads GET /api/audit, whose
 * own entry records that the log was read.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_beheer.h"

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

/* The filters as a plain GET form, holding what was asked. */
static void filters(req *r)
{
	strbuf *o = &r->out;
	static const struct {
		const char *name, *label, *type;
	} FIELDS[] = {{"gebruiker", "Gebruiker", "text"}, {"actie", "Handeling", "text"}, {"leerling", "Leerling-id", "text"},
		      {"van", "Van", "date"}, {"tot", "Tot en met", "date"}};
	html_lit(o, "<form class=\"ib-filters\" method=\"get\" action=\"/audit\" aria-label=\"Auditlog filteren\" data-drop-empty>");
	for (size_t i = 0; i < sizeof FIELDS / sizeof FIELDS[0]; i++) {
		html_lit(o, "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" for=\"audit-");
		html_attr(o, FIELDS[i].name);
		html_lit(o, "\">");
		html_text(o, FIELDS[i].label);
		html_lit(o, "</label><input class=\"utrecht-textbox utrecht-textbox--html-input\" type=\"");
		html_attr(o, FIELDS[i].type);
		html_lit(o, "\" id=\"audit-");
		html_attr(o, FIELDS[i].name);
		html_lit(o, "\" name=\"");
		html_attr(o, FIELDS[i].name);
		html_lit(o, "\" maxlength=\"100\"");
		if (!strcmp(FIELDS[i].name, "actie"))
			html_lit(o, " list=\"audit-acties\"");
		const char *v = query(r, FIELDS[i].name);
		if (v) {
			html_lit(o, " value=\"");
			html_attr(o, v);
			html_lit(o, "\"");
		}
		html_lit(o, "></div>");
	}
	html_lit(o, "<datalist id=\"audit-acties\"><option value=\"lezen\"><option value=\"lijst\"><option value=\"wijzigen\">"
		    "<option value=\"zoeken\"><option value=\"geschiedenis\"><option value=\"noodtoegang\">"
		    "<option value=\"gebruikersbeheer\"><option value=\"auditlog_lezen\"><option value=\"dataset_laden\">"
		    "<option value=\"organisatie_aanmaken\"></datalist>"
		    "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Filteren</button>"
		    "<a class=\"utrecht-link\" href=\"/audit\">Alle regels</a></form>");
}

/* A link to the entries before the lowest id shown, with the same filters. */
static void older_link(req *r, long long lowest)
{
	strbuf *o = &r->out;
	static const char *const KEYS[] = {"gebruiker", "actie", "leerling", "van", "tot", "aantal"};
	html_lit(o, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/audit?");
	for (size_t k = 0; k < sizeof KEYS / sizeof KEYS[0]; k++)
		if (query(r, KEYS[k])) {
			html_url_arg(o, KEYS[k]);
			html_lit(o, "=");
			html_url_arg(o, query(r, KEYS[k]));
			html_lit(o, "&amp;");
		}
	html_markupf(o, "voor=%lld\">Oudere regels</a></p>", lowest);
}

void ui_audit(req *r)
{
	json_t *list = ui_api_get(r, "/api/audit"); /* reads the filters, ?voor and ?aantal */
	if (!list)
		return;
	const char *child = query(r, "leerling");
	ui_begin_page(r, child ? "Wie heeft dit kind bekeken" : "Auditlog", NAV_AUDIT);
	ui_beheer_subnav(r, "/audit");
	strbuf *o = &r->out;
	if (child) {
		html_lit(o, "<p class=\"utrecht-paragraph\">Wie de gegevens van leerling <a class=\"utrecht-link\" href=\"/leerlingen/");
		html_url_path(o, child);
		html_lit(o, "\">");
		html_text(o, child);
		html_lit(o, "</a> inzag of wijzigde, en wanneer, nieuwste eerst: het inzagerecht van de AVG. Inzage in een lijst "
			    "(zoals de thuiszitterslijst) staat per lijst in het auditlog, niet per kind.</p>");
	} else {
		html_lit(o, "<p class=\"utrecht-paragraph\">Elke inzage in en wijziging van persoonsgegevens, en elke stap in het "
			    "beheer van accounts, nieuwste eerst. Dit overzicht lezen staat er zelf ook in.</p>");
	}
	filters(r);
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
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
	long long lowest = 0;
	json_array_foreach(list, i, e) {
		json_t *d = json_object_get(e, "details");
		lowest = (long long)json_integer_value(json_object_get(e, "id"));
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
		else if (jtext(d, "reden")) { /* break-glass: the reason given */
			html_text(o, jtext(e, "endpoint") ? jtext(e, "endpoint") : "");
			html_lit(o, " · reden: ");
			html_text(o, jtext(d, "reden"));
		} else
			html_text(o, jtext(e, "endpoint") ? jtext(e, "endpoint") : "");
		html_lit(o, "</td></tr>");
	}
	if (!json_array_size(list))
		html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\" colspan=\"6\">Geen regels "
			    "die hieraan voldoen.</td></tr>");
	html_lit(o, "</tbody></table></div>");
	const char *aantal = query(r, "aantal");
	if (lowest > 1 && json_array_size(list) == (size_t)(aantal ? atoi(aantal) : 100))
		older_link(r, lowest);
	json_decref(list);
	ui_end(r, 200);
}
