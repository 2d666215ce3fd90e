/*
 * ui_tafel_agenda.c - the agenda of the thuiszitterstafel (SPEC 6, issue 15):
 *
 *   /tafel/{id}/agenda      which children the tafel of leerplicht's list
 *                           discusses, in order (or, until leerplicht sets
 *                           it, what the previous tafel left); the previous
 *                           tafel's agenda, discussed or not; its decisions
 *                           to check; the form to set it (leerplicht).
 *                           Printable with the browser's print function.
 *   /tafel/{id}/agenda.csv  the same for a spreadsheet
 *
 * The rules are the API's (api_tafel_agenda.c, src/core/tafel.c).
 */
#include <stdlib.h>
#include <string.h>

#include "ui_cases.h"

static void table_open(strbuf *o, const char *labelled_by, const char *const *heads)
{
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table ib-list\" aria-labelledby=\"");
	html_attr(o, labelled_by);
	html_lit(o, "\"><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	for (size_t i = 0; heads[i]; i++) {
		html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
		html_text(o, heads[i]);
		html_lit(o, "</th>");
	}
	html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
}

static void cell(strbuf *o, const char *text)
{
	html_lit(o, "<td class=\"utrecht-table__cell\">");
	html_text(o, text ? text : "");
	html_lit(o, "</td>");
}

static void flag(strbuf *o, bool on, const char *yes_text, const char *no_text)
{
	if (on)
		html_lit(o, "<td class=\"utrecht-table__cell\"><span class=\"ib-flag ib-flag--ok\">");
	else
		html_lit(o, "<td class=\"utrecht-table__cell\"><span class=\"ib-flag ib-flag--warn\">");
	html_text(o, on ? yes_text : no_text);
	html_lit(o, "</span></td>");
}

static bool yes(json_t *x, const char *key)
{
	return json_is_true(json_object_get(x, key));
}

static void heading(strbuf *o, const char *id, const char *text)
{
	html_lit(o, "<h2 class=\"utrecht-heading-2\" id=\"");
	html_attr(o, id);
	html_lit(o, "\">");
	html_text(o, text);
	html_lit(o, "</h2>");
}

static void muted(strbuf *o, const char *text)
{
	html_lit(o, "<p class=\"utrecht-paragraph ib-muted\">");
	html_text(o, text);
	html_lit(o, "</p>");
}

/* A row that starts with the child (its name linking to its page). */
static void pupil_row(strbuf *o, json_t *x)
{
	html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">");
	ui_json_pupil(o, NULL, x, jtext(x, "leerling_id"));
	html_lit(o, "</td>");
}

/* The children of the agenda, in order. */
static void agenda_table(strbuf *o, json_t *items)
{
	static const char *const HEADS[] = {"Volgorde", "Leerling", "Op de lijst", "Op deze tafel", "Besluit van een vorige tafel",
					    NULL};
	table_open(o, "agenda-kop", HEADS);
	size_t i;
	json_t *x;
	json_array_foreach(items, i, x) {
		html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
		ui_int(o, json_integer_value(json_object_get(x, "volgorde")));
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		ui_json_pupil(o, NULL, x, jtext(x, "leerling_id"));
		html_lit(o, "</td>");
		cell(o, yes(x, "op_lijst") ? "ja" : "nee, uit de vorige tafel");
		if (yes(x, "besproken"))
			flag(o, true, "besproken", "");
		else
			cell(o, "nog niet");
		cell(o, yes(x, "open_besluit") ? "nagaan of de stap gezet is" : "");
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table></div>");
}

/* The previous tafel's agenda: discussed there or not. */
static void previous_table(strbuf *o, json_t *prev)
{
	html_lit(o, "<h2 class=\"utrecht-heading-2\" id=\"vorige-kop\">Agenda van de vorige tafel (lijst van ");
	ui_jdate(o, prev, "peildatum");
	html_lit(o, ")</h2>");
	json_t *items = json_object_get(prev, "agenda");
	if (!json_array_size(items)) {
		muted(o, "De vorige tafel had geen agenda.");
		return;
	}
	static const char *const HEADS[] = {"Leerling", "Op de vorige tafel", NULL};
	table_open(o, "vorige-kop", HEADS);
	size_t i;
	json_t *x;
	json_array_foreach(items, i, x) {
		pupil_row(o, x);
		flag(o, yes(x, "besproken"), "besproken", "niet besproken");
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table></div>");
}

/* The decisions of earlier tafels whose step nobody checked yet. */
static void checks_table(strbuf *o, json_t *checks)
{
	heading(o, "nagaan-kop", "Besluiten van vorige tafels om na te gaan");
	if (!json_array_size(checks)) {
		muted(o, "Geen open besluiten van vorige tafels.");
		return;
	}
	static const char *const HEADS[] = {"Leerling", "Besluit", "Volgende stap", "Door", "Uiterlijk", "Stand", NULL};
	table_open(o, "nagaan-kop", HEADS);
	size_t i;
	json_t *x;
	json_array_foreach(checks, i, x) {
		pupil_row(o, x);
		cell(o, jtext(x, "besluit"));
		cell(o, jtext(x, "volgende_stap"));
		cell(o, jtext(x, "door"));
		html_lit(o, "<td class=\"utrecht-table__cell\">");
		ui_jdate(o, x, "uiterlijk");
		html_lit(o, "</td>");
		const char *stand = jtext(x, "stand");
		cell(o, strcmp(stand, "verlopen") == 0 ? "dag voorbij, niet gemeld" : strcmp(stand, "loopt") == 0 ? "loopt" : stand);
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table></div>");
}

/* The form that sets the agenda: the ids in order, the current (or
 * proposed) agenda filled in. */
static void agenda_form(req *r, int64_t id, json_t *items, bool open)
{
	strbuf *o = &r->out;
	char action[64];
	snprintf(action, sizeof action, "/tafel/%lld/agenda", (long long)id);
	html_lit(o, "<div class=\"ib-no-print\">"); /* on paper the agenda, not the form */
	ui_form_open(r, "De agenda vaststellen", action, open);
	html_lit(o, "<div class=\"utrecht-form-field utrecht-form-field--text\"><div class=\"utrecht-form-field__label\">"
		    "<label class=\"utrecht-form-label\" for=\"agenda-leerlingen\">Leerlingen in volgorde van bespreken "
		    "(verplicht)</label></div><div class=\"utrecht-form-field__description\" id=\"agenda-leerlingen-hint\">"
		    "Eén leerling-id per regel, zoals op de lijst; het voorstel staat al ingevuld.</div>"
		    "<div class=\"utrecht-form-field__input\"><textarea class=\"utrecht-textarea utrecht-textarea--html-textarea\" "
		    "rows=\"8\" maxlength=\"16000\" id=\"agenda-leerlingen\" name=\"leerlingen\" required "
		    "aria-describedby=\"agenda-leerlingen-hint\">");
	size_t i;
	json_t *x;
	json_array_foreach(items, i, x) {
		html_text(o, jtext(x, "leerling_id"));
		html_lit(o, "\n");
	}
	html_lit(o, "</textarea></div></div>");
	ui_form_close(r, "Agenda vaststellen");
	html_lit(o, "</div>");
}

static void agenda_page(req *r, const char *error, int fail_status)
{
	int64_t id = path_number(r->params[0]);
	json_t *j = ui_tafel_page_open(r, "agenda", "Thuiszitterstafel: agenda", error);
	if (!j)
		return;
	strbuf *o = &r->out;
	html_lit(o, ": welke kinderen besproken worden, in volgorde. Wat deze tafel niet bespreekt, en elk besluit "
		    "waarvan niet is vastgelegd of de stap gezet is, komt op de agenda van de volgende tafel (");
	ui_jdate(o, j, "volgende_tafel");
	html_lit(o, ").</p>");
	html_markupf(o, "<p class=\"utrecht-paragraph ib-exports\"><a class=\"utrecht-link\" href=\"/tafel/%lld/agenda.csv\">"
			"Agenda exporteren (CSV)</a> · afdrukken kan met de afdrukfunctie van de browser: formulieren en "
			"menu's vallen dan weg.</p>", (long long)id);
	json_int_t hidden = json_integer_value(json_object_get(j, "buiten_scope"));
	if (hidden) {
		html_lit(o, "<p class=\"utrecht-paragraph ib-muted\">");
		ui_int(o, hidden);
		html_lit(o, " kind(eren) op de agenda vallen buiten uw scope en worden niet getoond.</p>");
	}
	json_t *items = json_object_get(j, "agenda");
	bool set = yes(j, "vastgesteld");
	heading(o, "agenda-kop", set ? "Agenda" : "Voorstel voor de agenda");
	if (!set)
		muted(o, json_array_size(items) ? "Nog niet vastgesteld: dit is wat de vorige tafel openliet."
						: "Nog geen agenda: kies de kinderen van de lijst die de tafel bespreekt.");
	if (json_array_size(items))
		agenda_table(o, items);
	json_t *prev = json_object_get(j, "vorige_tafel");
	if (json_is_object(prev))
		previous_table(o, prev);
	checks_table(o, json_object_get(j, "uit_vorige_tafels"));
	if (r->who->rol == ROLE_LEERPLICHT && strcmp(r->who->organisatie, jtext(j, "organisatie")) == 0)
		agenda_form(r, id, items, error && *error);
	ui_end(r, error && *error ? fail_status : 200);
	json_decref(j);
}

void ui_tafel_agenda(req *r)
{
	agenda_page(r, NULL, 200);
}

void ui_tafel_agenda_set(req *r)
{
	json_t *body = json_object();
	static const char *const NAMES[] = {"leerlingen", NULL};
	static const json_type TYPES[] = {JSON_ARRAY};
	ui_copy_fields(r, body, NAMES, TYPES);
	if (!json_object_get(body, "leerlingen"))
		jset(body, "leerlingen", json_array());
	char path[64], back[64], error[400];
	int64_t id = path_number(r->params[0]);
	snprintf(path, sizeof path, "/api/tafels/%lld/agenda", (long long)id);
	snprintf(back, sizeof back, "/tafel/%lld/agenda", (long long)id);
	int status;
	if (!ui_submit(r, "POST", path, body, back, "agenda", error, sizeof error, &status))
		agenda_page(r, error, status);
}

void ui_tafel_agenda_csv(req *r)
{
	int64_t id = path_number(r->params[0]);
	char path[64];
	snprintf(path, sizeof path, "/api/tafels/%lld/agenda", (long long)id);
	json_t *j = ui_api_get(r, path);
	if (!j)
		return;
	strbuf out = STRBUF_INIT;
	sb_puts(&out, "\xEF\xBB\xBF"); /* a byte order mark, so spreadsheets read UTF-8 */
	sb_puts(&out, "volgorde,leerling_id,voornaam,achternaam,op_lijst,besproken,besluit_vorige_tafel,volgende_stap,door,"
		      "uiterlijk,stand\r\n");
	json_t *checks = json_object_get(j, "uit_vorige_tafels");
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(j, "agenda"), i, x) {
		char order[24];
		snprintf(order, sizeof order, "%lld", (long long)json_integer_value(json_object_get(x, "volgorde")));
		json_t *step = NULL, *c;
		size_t k;
		json_array_foreach(checks, k, c)
			if (!step && strcmp(jtext(c, "leerling_id"), jtext(x, "leerling_id")) == 0)
				step = c;
		const char *cells[] = {order, jtext(x, "leerling_id"), jtext(x, "voornaam"), jtext(x, "achternaam"),
				       yes(x, "op_lijst") ? "ja" : "nee", yes(x, "besproken") ? "ja" : "nee",
				       step ? jtext(step, "besluit") : "", step ? jtext(step, "volgende_stap") : "",
				       step ? jtext(step, "door") : "", step ? jtext(step, "uiterlijk") : "",
				       step ? jtext(step, "stand") : ""};
		for (size_t n = 0; n < sizeof cells / sizeof cells[0]; n++) {
			if (n)
				sb_putc(&out, ',');
			csv_cell(&out, cells[n] ? cells[n] : "");
		}
		sb_puts(&out, "\r\n");
	}
	ui_tafel_csv_send(r, &out, id, "agenda");
	json_decref(j);
}
