/*
 * ui_tafel_besluit.c - the meeting of the thuiszitterstafel (SPEC 6):
 *
 *   /tafel/{id}/besluiten      the agenda of the tafel of leerplicht's list:
 *                              the decisions of earlier tafels to check, the
 *                              children discussed with what was decided, and
 *                              the form to record a decision; printable
 *   /tafel/{id}/besluiten.csv  the same list and decisions for a spreadsheet
 *
 * The rules are the API's (api_tafel_besluit.c, src/core/tafel.c).
 */
#include <stdlib.h>
#include <string.h>

#include "ui_cases.h"

static void step_state(strbuf *o, const char *stand)
{
	if (strcmp(stand, "gedaan") == 0)
		html_lit(o, "<span class=\"ib-flag ib-flag--ok\">gedaan</span>");
	else if (strcmp(stand, "niet_gedaan") == 0)
		html_lit(o, "<span class=\"ib-flag ib-flag--warn\">niet gedaan</span>");
	else if (strcmp(stand, "verlopen") == 0)
		html_lit(o, "<span class=\"ib-flag ib-flag--warn\">dag voorbij, niet gemeld</span>");
	else
		html_lit(o, "<span class=\"ib-flag\">loopt</span>");
}

static void head_cells(strbuf *o, bool check)
{
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table ib-list\"><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Leerling</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Besluit</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Volgende stap</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Door</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Uiterlijk</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Stand</th>");
	if (check)
		html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell\">Gebeurd?</th>");
	else
		html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell\">Vorige tafel</th>");
	html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
}

static void text_cell(strbuf *o, json_t *x, const char *key)
{
	html_lit(o, "<td class=\"utrecht-table__cell\">");
	html_text(o, jtext(x, key));
	html_lit(o, "</td>");
}

/* The fields of a decision, in a form (prefix: ids unique on the page). */
static void decision_fields(strbuf *o, const char *prefix)
{
	char id[64];
	static const char *const F[] = {"besluit", "Besluit", "volgende_stap", "Volgende stap", "door", "Door wie",
					NULL};
	for (size_t i = 0; F[i]; i += 2) {
		snprintf(id, sizeof id, "%s-%s", prefix, F[i]);
		ui_input(o, id, F[i], F[i + 1], "text", true, NULL);
	}
	snprintf(id, sizeof id, "%s-uiterlijk", prefix);
	ui_input(o, id, "uiterlijk", "Uiterlijk", "date", true, NULL);
}

static void row(req *r, json_t *x, int64_t tafel, bool check)
{
	strbuf *o = &r->out;
	html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">");
	ui_json_pupil(o, NULL, x, jtext(x, "leerling_id"));
	html_lit(o, "</td>");
	text_cell(o, x, "besluit");
	text_cell(o, x, "volgende_stap");
	text_cell(o, x, "door");
	html_lit(o, "<td class=\"utrecht-table__cell\">");
	ui_jdate(o, x, "uiterlijk");
	html_lit(o, "</td><td class=\"utrecht-table__cell\">");
	step_state(o, jtext(x, "stand"));
	html_lit(o, "</td><td class=\"utrecht-table__cell\">");
	json_t *prev = json_object_get(x, "vorige");
	if (check) {
		char action[64], prefix[32];
		json_int_t id = json_integer_value(json_object_get(x, "id"));
		snprintf(action, sizeof action, "/tafel/%lld/besluiten", (long long)tafel);
		snprintf(prefix, sizeof prefix, "vorig-%lld", (long long)id);
		ui_form_open(r, "Vastleggen of het gebeurd is, en het nieuwe besluit", action, false);
		html_markupf(o, "<input type=\"hidden\" name=\"vorige_id\" value=\"%lld\">", (long long)id);
		html_lit(o, "<input type=\"hidden\" name=\"leerling_id\" value=\"");
		html_attr(o, jtext(x, "leerling_id"));
		html_lit(o, "\">");
		static const char *const DONE[] = {"ja", "ja, de stap is gezet", "nee", "nee, de stap is niet gezet", NULL};
		char sel[48];
		snprintf(sel, sizeof sel, "%s-gedaan", prefix);
		ui_select(o, sel, "gedaan", "Gebeurd?", DONE, true);
		decision_fields(o, prefix);
		ui_form_close(r, "Vastleggen");
	} else if (json_is_object(prev)) {
		html_text(o, jtext(prev, "volgende_stap"));
		if (json_is_true(json_object_get(prev, "gedaan")))
			html_lit(o, ": <span class=\"ib-flag ib-flag--ok\">gedaan</span>");
		else
			html_lit(o, ": <span class=\"ib-flag ib-flag--warn\">niet gedaan</span>");
	} else {
		html_lit(o, "<span class=\"ib-muted\">nieuw</span>");
	}
	html_lit(o, "</td></tr>");
}

json_t *ui_tafel_page_open(req *r, const char *part, const char *title, const char *error)
{
	int64_t id = path_number(r->params[0]);
	char path[64];
	snprintf(path, sizeof path, "/api/tafels/%lld/%s", (long long)id, part);
	json_t *j = ui_api_get(r, path);
	if (!j)
		return NULL;
	ui_begin_page(r, title, NAV_TAFEL);
	strbuf *o = &r->out;
	if (strcmp(part, "agenda") == 0)
		html_markupf(o, "<p class=\"utrecht-paragraph ib-small\"><a class=\"utrecht-link\" href=\"/tafel/%lld\">← De "
				"lijst</a> · <a class=\"utrecht-link\" href=\"/tafel/%lld/besluiten\">De besluiten</a></p>",
			     (long long)id, (long long)id);
	else
		html_markupf(o, "<p class=\"utrecht-paragraph ib-small\"><a class=\"utrecht-link\" href=\"/tafel/%lld\">← De "
				"lijst</a> · <a class=\"utrecht-link\" href=\"/tafel/%lld/agenda\">De agenda</a></p>",
			     (long long)id, (long long)id);
	ui_form_notice(r, error);
	html_lit(o, "<p class=\"utrecht-paragraph\">De tafel van ");
	html_text(o, jtext(j, "organisatie"));
	html_lit(o, ", lijst van ");
	ui_jdate(o, j, "peildatum");
	return j;
}

static void meeting_page(req *r, const char *error, int fail_status)
{
	int64_t id = path_number(r->params[0]);
	json_t *j = ui_tafel_page_open(r, "besluiten", "Thuiszitterstafel: besluiten", error);
	if (!j)
		return;
	strbuf *o = &r->out;
	html_lit(o, ". Per besproken kind: het besluit, de volgende stap, door wie en wanneer. Op de volgende tafel (");
	ui_jdate(o, j, "volgende_tafel");
	html_lit(o, ") komt elk besluit terug tot is vastgelegd of de stap gezet is.</p>");
	html_markupf(o, "<p class=\"utrecht-paragraph ib-exports\"><a class=\"utrecht-link\" href=\"/tafel/%lld/besluiten.csv\">"
			"Lijst en besluiten exporteren (CSV)</a> · afdrukken kan met de afdrukfunctie van de browser: "
			"formulieren en menu's vallen dan weg.</p>", (long long)id);
	json_int_t hidden = json_integer_value(json_object_get(j, "buiten_scope"));
	if (hidden) {
		html_lit(o, "<p class=\"utrecht-paragraph ib-muted\">");
		ui_int(o, hidden);
		html_lit(o, " besluit(en) gaan over leerlingen buiten uw scope en worden niet getoond.</p>");
	}
	static const struct {
		const char *key, *heading, *none;
		bool check;
	} PARTS[] = {{"uit_vorige_tafels", "Agenda: besluiten van vorige tafels", "Geen open besluiten van vorige tafels.",
		      true},
		     {"besproken", "Besproken op deze tafel", "Nog geen kind besproken.", false}};
	for (size_t k = 0; k < 2; k++) {
		json_t *list = json_object_get(j, PARTS[k].key);
		html_lit(o, "<h2 class=\"utrecht-heading-2\">");
		html_text(o, PARTS[k].heading);
		html_lit(o, "</h2>");
		if (!json_array_size(list)) {
			html_lit(o, "<p class=\"utrecht-paragraph ib-muted\">");
			html_text(o, PARTS[k].none);
			html_lit(o, "</p>");
			continue;
		}
		head_cells(o, PARTS[k].check);
		size_t i;
		json_t *x;
		json_array_foreach(list, i, x)
			row(r, x, id, PARTS[k].check);
		html_lit(o, "</tbody></table></div>");
	}
	char action[64];
	snprintf(action, sizeof action, "/tafel/%lld/besluiten", (long long)id);
	ui_form_open(r, "Een kind bespreken: het besluit vastleggen", action, error && *error);
	ui_input(o, "besluit-leerling", "leerling_id", "Leerling-id", "text", true, "zoals op de lijst");
	decision_fields(o, "nieuw");
	ui_form_close(r, "Besluit vastleggen");
	ui_end(r, error && *error ? fail_status : 200);
	json_decref(j);
}

void ui_tafel_meeting(req *r)
{
	meeting_page(r, NULL, 200);
}

void ui_tafel_decide(req *r)
{
	json_t *body = json_object();
	static const char *const NAMES[] = {"leerling_id", "besluit", "volgende_stap", "door", "uiterlijk", "vorige_id", NULL};
	static const json_type TYPES[] = {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING, JSON_INTEGER};
	ui_copy_fields(r, body, NAMES, TYPES);
	const char *done = ui_field(r, "gedaan");
	if (done && *done)
		jset(body, "gedaan", json_boolean(strcmp(done, "ja") == 0));
	char path[64], back[64], error[400];
	int64_t id = path_number(r->params[0]);
	snprintf(path, sizeof path, "/api/tafels/%lld/besluiten", (long long)id);
	snprintf(back, sizeof back, "/tafel/%lld/besluiten", (long long)id);
	int status;
	if (!ui_submit(r, "POST", path, body, back, "besluit-tafel", error, sizeof error, &status))
		meeting_page(r, error, status);
}

static void csv_part(strbuf *out, json_t *list, const char *part)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		json_t *prev = json_object_get(x, "vorige");
		const char *cells[] = {part, jtext(x, "peildatum"), jtext(x, "leerling_id"), jtext(x, "voornaam"),
				       jtext(x, "achternaam"), jtext(x, "besluit"), jtext(x, "volgende_stap"), jtext(x, "door"),
				       jtext(x, "uiterlijk"), jtext(x, "stand"),
				       json_is_object(prev) ? (json_is_true(json_object_get(prev, "gedaan")) ? "ja" : "nee") : ""};
		for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++) {
			if (k)
				sb_putc(out, ',');
			csv_cell(out, cells[k] ? cells[k] : "");
		}
		sb_puts(out, "\r\n");
	}
}

void ui_tafel_meeting_csv(req *r)
{
	int64_t id = path_number(r->params[0]);
	char path[64];
	snprintf(path, sizeof path, "/api/tafels/%lld/besluiten", (long long)id);
	json_t *j = ui_api_get(r, path);
	if (!j)
		return;
	strbuf out = STRBUF_INIT;
	sb_puts(&out, "\xEF\xBB\xBF"); /* a byte order mark, so spreadsheets read UTF-8 */
	sb_puts(&out, "agenda,tafel_van,leerling_id,voornaam,achternaam,besluit,volgende_stap,door,uiterlijk,stand,"
		      "vorige_stap_gedaan\r\n");
	csv_part(&out, json_object_get(j, "uit_vorige_tafels"), "vorige tafel");
	csv_part(&out, json_object_get(j, "besproken"), "besproken");
	ui_tafel_csv_send(r, &out, id, "besluiten");
	json_decref(j);
}

void ui_tafel_csv_send(req *r, strbuf *out, int64_t id, const char *part)
{
	reply_raw(r, 200, "text/csv; charset=utf-8", "", 0);
	sb_free(&r->out);
	r->out = *out;
	*out = (strbuf)STRBUF_INIT;
	char name[96];
	snprintf(name, sizeof name, "attachment; filename=\"tafel-%lld-%s.csv\"", (long long)id, part);
	add_header(r, "Content-Disposition", name);
}
