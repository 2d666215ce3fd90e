/*
 * ui_tafel_eigen.c - the SWV's own list on the tafel pages (SPEC 6, issue
 * 15): the form that reads it in (web/inbeeld.js sends the file to POST
 * /api/tafels/eigen), how each row matched, the rows that matched nobody
 * (onbekend in de registratie) and the suggestions to confirm
 * (POST /tafel/{id}/regels/{regel}).
 */
#include <stdlib.h>
#include <string.h>

#include "ui_cases.h"

/* The SWV's own list, from its own administration (SPEC 6): an XLSX or CSV file,
 * sent by web/inbeeld.js to POST /api/tafels/eigen. The list computed from
 * the registry (above) stays the starting point. */
void ui_tafel_own_card(req *r)
{
	strbuf *o = &r->out;
	html_lit(o, "<div class=\"ib-card\"><h2 class=\"utrecht-heading-2\" id=\"eigen-kop\">Eigen lijst inlezen</h2>"
		    "<p class=\"utrecht-paragraph\">Lees de lijst uit de eigen administratie in als XLSX-bestand (het eerste "
		    "werkblad) of als CSV-bestand (UTF-8, met komma's of puntkomma's zoals Excel ze opslaat) "
		    "met de kolommen <em>bsn</em>, <em>onderwijsnummer</em> of <em>leerling_id</em>, <em>naam</em> (of "
		    "<em>voornaam</em> en <em>achternaam</em>), <em>geboortedatum</em>, <em>categorie</em> en "
		    "<em>eerste_verzuimdag</em>. Elke regel wordt gekoppeld aan de registratie: exact op BSN, onderwijsnummer of "
		    "leerling-id; op naam en geboortedatum alleen als voorstel dat u bevestigt. Wie de registratie niet kent, "
		    "blijft op de lijst als <em>onbekend in de registratie</em>. Een datum mag als 16-02-2021 of als JJJJ-MM-DD "
		    "of als datum in het werkblad.</p>"
		    "<form class=\"ib-filters ib-filters--inline\" method=\"post\" action=\"/tafel\" data-eigen-lijst "
		    "aria-labelledby=\"eigen-kop\">");
	ui_csrf_field(r);
	html_lit(o, "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" for=\"eigen-bestand\">Bestand "
		    "(XLSX of CSV)</label><input class=\"utrecht-textbox\" type=\"file\" id=\"eigen-bestand\" name=\"bestand\" "
		    "accept=\".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\" required>"
		    "</div>");
	html_lit(o, "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" for=\"eigen-peildatum\">Peildatum"
		    "</label><input class=\"utrecht-textbox\" type=\"date\" id=\"eigen-peildatum\" name=\"peildatum\"></div>"
		    "<button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">Eigen lijst inlezen</button>"
		    "<div role=\"alert\"></div></form>"
		    "<noscript><p class=\"utrecht-paragraph\">Inlezen vraagt JavaScript in de browser; zonder kan het via "
		    "POST /api/tafels/eigen.</p></noscript></div>");
}

/* How a row of an own list was matched, in words. */
void ui_tafel_match_label(strbuf *o, const char *k)
{
	static const char *const LABELS[] = {"bsn", "exact op BSN", "onderwijsnummer", "exact op onderwijsnummer",
					      "leerling_id", "exact op leerling-id", "voorstel",
					      "op naam en geboortedatum, bevestigd", NULL};
	for (size_t i = 0; k && LABELS[i]; i += 2)
		if (strcmp(LABELS[i], k) == 0)
			html_text(o, LABELS[i + 1]);
}

/* A row of the file as the SWV gave it: its name, birth date and ids. */
static void given_cell(strbuf *o, json_t *g)
{
	html_text(o, jtext(g, "naam") ? jtext(g, "naam") : "");
	if (jtext(g, "voornaam") || jtext(g, "achternaam")) {
		html_text(o, jtext(g, "voornaam") ? jtext(g, "voornaam") : "");
		html_lit(o, " ");
		html_text(o, jtext(g, "achternaam") ? jtext(g, "achternaam") : "");
	}
	html_lit(o, "<br><span class=\"ib-small\">geboren ");
	if (ui_jday(g, "geboortedatum") != DAY_NONE)
		ui_jdate(o, g, "geboortedatum");
	else /* as the list gave it */
		html_text(o, jtext(g, "geboortedatum") ? jtext(g, "geboortedatum") : "?");
	static const char *const IDS[] = {"bsn", "BSN", "onderwijsnummer", "onderwijsnummer", "leerling_id", "leerling-id", NULL};
	for (size_t i = 0; IDS[i]; i += 2)
		if (jtext(g, IDS[i])) {
			html_lit(o, "; ");
			html_text(o, IDS[i + 1]);
			html_lit(o, " ");
			html_text(o, jtext(g, IDS[i]));
		}
	html_lit(o, "</span>");
}

/* The action for a child the registry does not know (issue 15): a link to
 * the registration form (/leerling-registreren, ui_record.c) filled in with what
 * the file knew - for the school the enrolment, for leerplicht the note
 * that the school or the BRP registers the child. */
static void register_link(strbuf *o, json_t *known)
{
	static const char *const KEYS[] = {"naam", "geboortedatum", "bsn", "onderwijsnummer"};
	html_lit(o, "<a class=\"utrecht-link\" href=\"/leerling-registreren");
	bool first = true;
	for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
		const char *v = jtext(known, KEYS[i]);
		if (!v || !*v)
			continue;
		if (first)
			html_lit(o, "?");
		else
			html_lit(o, "&amp;");
		html_text(o, KEYS[i]);
		html_lit(o, "=");
		html_url_arg(o, v);
		first = false;
	}
	html_lit(o, "\">Kind registreren</a><br><span class=\"ib-small\">door de school (inschrijving) of leerplicht "
		    "(woonadres); geef het zo nodig aan hen door</span>");
}

/* The rows of an own list the comparison leaves out: a suggestion to
 * confirm, a pupil outside the scope, or a child the registry does not know,
 * with what to do. */
void ui_tafel_own_apart(req *r, json_t *j)
{
	strbuf *o = &r->out;
	json_t *apart = json_object_get(j, "apart");
	if (!json_array_size(apart))
		return;
	html_lit(o, "<h2 class=\"utrecht-heading-2\" id=\"apart-kop\">Niet gekoppeld</h2><p class=\"utrecht-paragraph\">"
		    "Een kind dat de registratie niet kent, telt niet mee in de afstemming tot het geregistreerd is. "
		    "Registreren doet leerplicht van de woongemeente (met het woonadres) of de school (met de inschrijving): "
		    "geef het kind aan hen door. <em>Kind registreren</em> opent de registratie met wat het bestand over het "
		    "kind wist."
		    "</p><div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table ib-list\" aria-labelledby=\"apart-kop\"><thead class=\"utrecht-table__header\">"
		    "<tr class=\"utrecht-table__row\"><th scope=\"col\" class=\"utrecht-table__header-cell "
		    "utrecht-table__header-cell--numeric-column\">Regel</th><th scope=\"col\" class=\"utrecht-table__header-cell\">"
		    "Zoals in het bestand</th><th scope=\"col\" class=\"utrecht-table__header-cell\">Koppeling</th><th "
		    "scope=\"col\" class=\"utrecht-table__header-cell\">Actie</th></tr></thead><tbody class=\"utrecht-table__body\">");
	size_t i;
	json_t *row;
	json_array_foreach(apart, i, row) {
		json_int_t line = json_integer_value(json_object_get(row, "regel"));
		const char *status = jtext(row, "status");
		html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
		ui_int(o, line);
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		given_cell(o, json_object_get(row, "gegeven"));
		if (jtext(row, "melding")) {
			html_lit(o, "<br><span class=\"ib-small ib-flag ib-flag--warn\">");
			html_text(o, jtext(row, "melding"));
			html_lit(o, "</span>");
		}
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		json_t *v = json_object_get(row, "voorstel");
		if (strcmp(status, "voorstel") == 0) {
			html_lit(o, "voorstel: ");
			ui_json_pupil(o, NULL, v, jtext(v, "leerling_id"));
			html_lit(o, " <span class=\"ib-small\">geboren ");
			ui_jdate(o, v, "geboortedatum");
			html_lit(o, "</span>");
		} else if (strcmp(status, "buiten_scope") == 0) {
			html_lit(o, "bekend in de registratie, maar niet bij uw samenwerkingsverband");
		} else {
			html_lit(o, "<span class=\"ib-flag ib-flag--warn\">onbekend in de registratie</span>");
		}
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		if (strcmp(status, "voorstel") == 0) {
			char action[96];
			snprintf(action, sizeof action, "/tafel/%lld/regels/%lld",
				 (long long)json_integer_value(json_object_get(j, "id")), (long long)line);
			for (int yes = 1; yes >= 0; yes--) {
				html_lit(o, "<form class=\"ib-filters ib-filters--inline\" method=\"post\" action=\"");
				html_attr(o, action);
				html_lit(o, "\">");
				ui_csrf_field(r);
				if (yes)
					html_lit(o, "<input type=\"hidden\" name=\"besluit\" value=\"bevestigd\"><button type=\"submit\" "
						    "class=\"utrecht-button utrecht-button--secondary-action\">Dit is het kind</button>");
				else
					html_lit(o, "<input type=\"hidden\" name=\"besluit\" value=\"afgewezen\"><button type=\"submit\" "
						    "class=\"utrecht-button utrecht-button--secondary-action\">Een ander kind</button>");
				html_lit(o, "</form>");
			}
		} else if (strcmp(status, "onbekend") == 0) {
			register_link(o, json_object_get(row, "registreren"));
		}
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></div>");
}

void ui_tafel_confirm(req *r)
{
	json_t *body = json_object();
	static const char *const NAMES[] = {"besluit", NULL};
	static const json_type TYPES[] = {JSON_STRING};
	ui_copy_fields(r, body, NAMES, TYPES);
	char api[96], back[48], error[400];
	int64_t id = path_number(r->params[0]);
	snprintf(api, sizeof api, "/api/tafels/%lld/regels/%lld", (long long)id, (long long)path_number(r->params[1]));
	snprintf(back, sizeof back, "/tafel/%lld", (long long)id);
	int status;
	if (!ui_submit(r, "POST", api, body, back, "koppeling", error, sizeof error, &status))
		ui_fail(r, status, "koppeling", error);
}

