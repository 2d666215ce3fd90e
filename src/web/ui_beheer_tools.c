/*
 * ui_beheer_tools.c - the rest of the beheerder's work in the browser:
 *
 *   /beheer/organisaties      the organisations and their accounts; a new
 *                             one; deactivating one (all its accounts blocked)
 *   /beheer/noodtoegang       break-glass with its reason, and the grants
 *                             that still run (POST and GET /api/noodtoegang)
 *   /beheer/datasets          loading a dataset: web/inbeeld.js sends the
 *                             chosen CSV files to POST /api/datasets with the
 *                             upload's progress, then opens
 *   /beheer/datasets/{taak}   the job (GET /api/datasets/{taak}): rows read,
 *                             polled with htmx while it runs, then its result
 *                             and its warnings (file, line, column, reason),
 *                             50 a page
 */
#include <stdlib.h>
#include <string.h>

#include "ui_beheer.h"

enum { WARNINGS_PAGE = 50 };

static void table_head(strbuf *o, const char *caption, const char *const *heads, size_t n)
{
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table\"><caption class=\"utrecht-table__caption\">");
	html_text(o, caption);
	html_lit(o, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	for (size_t i = 0; i < n; i++) {
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

/* ---- organisations ------------------------------------------------------------ */

static const char *const KINDS[] = {"school", "school", "leerplicht", "leerplicht", "swv", "samenwerkingsverband",
				    "gemeente", "gemeente (beleid)", "zorg", "zorgaanbieder", "beheer", "beheer", NULL};

static const char *kind_label(const char *soort)
{
	for (size_t i = 0; soort && KINDS[i]; i += 2)
		if (strcmp(KINDS[i], soort) == 0)
			return KINDS[i + 1];
	return soort;
}

static void organisations_page(req *r, int status, const char *code, const char *msg)
{
	json_t *orgs = ui_api_get(r, "/api/organisaties");
	json_t *users = orgs ? ui_api_get(r, "/api/gebruikers") : NULL;
	if (!users) {
		json_decref(orgs);
		return;
	}
	ui_begin_page(r, "Organisaties", NAV_BEHEER);
	ui_beheer_subnav(r, "/beheer/organisaties");
	strbuf *o = &r->out;
	const char *done = query(r, "gedaan");
	if (done && strcmp(done, "organisatie") == 0)
		ui_beheer_alert(o, true, "De organisatie is aangemaakt");
	if (done && strcmp(done, "gedeactiveerd") == 0)
		ui_beheer_alert(o, true, "De organisatie is gedeactiveerd: al haar accounts zijn geblokkeerd en uitgelogd");
	if (msg && strcmp(code, "regie_open") == 0) /* a deactivation refused */
		ui_beheer_alert(o, false, msg);
	html_lit(o, "<p class=\"utrecht-paragraph\">De organisaties die met inbeeld werken. Een account hoort bij één "
		    "organisatie; regie over een dossier ligt bij een organisatie en een persoon daarvan.</p>");
	bool refused = msg != NULL && strcmp(code, "regie_open") != 0;
	ui_form_open(r, "Een organisatie aanmaken", "/beheer/organisaties", refused);
	bool at_name = refused && (!strcmp(code, "ongeldige_naam") || !strcmp(code, "bestaat_al"));
	bool at_kind = refused && !strcmp(code, "ongeldige_soort");
	if (refused && !at_name && !at_kind)
		ui_beheer_alert(o, false, msg);
	ui_beheer_field(o, "org-naam", "naam", "Naam", "text", refused ? form(r, "naam") : NULL, at_name ? msg : NULL, true,
			NULL, "organization");
	ui_beheer_select(o, "org-soort", "soort", "Soort", KINDS, refused ? form(r, "soort") : NULL, at_kind ? msg : NULL);
	ui_form_close(r, "Aanmaken");
	static const char *const HEADS[] = {"Naam", "Soort", "Actieve accounts", "Geblokkeerd", "Deactiveren"};
	table_head(o, "Organisaties", HEADS, 5);
	size_t i, k;
	json_t *g, *u;
	json_array_foreach(orgs, i, g) {
		size_t active = 0, blocked = 0;
		json_array_foreach(users, k, u)
			if (jtext(u, "organisatie") && strcmp(jtext(u, "organisatie"), jtext(g, "naam")) == 0)
				json_is_true(json_object_get(u, "actief")) ? active++ : blocked++;
		html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__cell\">"
			    "<a class=\"utrecht-link\" href=\"/beheer/gebruikers?organisatie=");
		html_url_arg(o, jtext(g, "naam"));
		html_lit(o, "\">");
		html_text(o, jtext(g, "naam"));
		html_lit(o, "</a></th>");
		cell(o, kind_label(jtext(g, "soort")));
		html_markupf(o, "<td class=\"utrecht-table__cell\">%zu</td><td class=\"utrecht-table__cell\">%zu</td>"
				"<td class=\"utrecht-table__cell\">",
			     active, blocked);
		if (active) { /* deactivating blocks every account of it */
			html_markupf(o, "<form class=\"ib-inline\" method=\"post\" action=\"/beheer/organisaties/%lld/deactivering\">",
				     (long long)json_integer_value(json_object_get(g, "id")));
			ui_csrf_field(r);
			html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Deactiveren"
				    "<span class=\"ib-visually-hidden\"> ");
			html_text(o, jtext(g, "naam"));
			html_lit(o, "</span></button></form>");
		}
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></div>");
	ui_end(r, status);
	json_decref(orgs);
	json_decref(users);
}

void ui_organisations(req *r)
{
	organisations_page(r, 200, NULL, NULL);
}

void ui_organisation_create(req *r)
{
	json_t *body = json_object();
	static const char *const NAMES[] = {"naam", "soort", NULL};
	static const json_type TYPES[] = {JSON_STRING, JSON_STRING};
	ui_copy_fields(r, body, NAMES, TYPES);
	int status = ui_api(r, "POST", "/api/organisaties", body);
	if (status == 201) {
		json_decref(ui_api_json(r));
		ui_done(r, "/beheer/organisaties", "organisatie");
		return;
	}
	char code[64], msg[400];
	ui_beheer_refusal(r, code, sizeof code, msg, sizeof msg);
	organisations_page(r, status, code, msg);
}

void ui_organisation_deactivate(req *r)
{
	int64_t id = path_number(r->params[0]);
	if (!id) {
		reply_error(r, 404, "onbekend", "deze organisatie is onbekend");
		return;
	}
	char path[96];
	snprintf(path, sizeof path, "/api/organisaties/%lld/deactivering", (long long)id);
	int status = ui_api(r, "POST", path, NULL);
	if (status == 200) {
		json_decref(ui_api_json(r));
		ui_done(r, "/beheer/organisaties", "gedeactiveerd");
		return;
	}
	char code[64], msg[400];
	ui_beheer_refusal(r, code, sizeof code, msg, sizeof msg);
	if (strcmp(code, "regie_open") != 0) /* shown at the top, as a deactivation's */
		snprintf(code, sizeof code, "regie_open");
	organisations_page(r, status, code, msg);
}

/* ---- break-glass ------------------------------------------------------------- */

static void break_glass_page(req *r, int status, const char *code, const char *msg)
{
	json_t *grants = ui_api_get(r, "/api/noodtoegang");
	if (!grants)
		return;
	ui_begin_page(r, "Noodtoegang", NAV_BEHEER);
	ui_beheer_subnav(r, "/beheer/noodtoegang");
	strbuf *o = &r->out;
	const char *done = query(r, "gedaan");
	if (done && strcmp(done, "noodtoegang") == 0)
		ui_beheer_alert(o, true, "U heeft 15 minuten inzage in de leerling; dit staat met uw reden in het auditlog");
	html_lit(o, "<p class=\"utrecht-paragraph\">Een beheerder ziet geen persoonsgegevens, behalve in nood: met een reden "
		    "krijgt u 15 minuten inzage in één leerling. De reden en elke inzage komen in het auditlog.</p>");
	bool refused = msg != NULL;
	bool at_pupil = refused && !strcmp(code, "onbekend"), at_reason = refused && !strcmp(code, "reden_te_kort");
	if (refused && !at_pupil && !at_reason)
		ui_beheer_alert(o, false, msg);
	html_lit(o, "<form class=\"ib-form\" method=\"post\" action=\"/beheer/noodtoegang\">");
	ui_csrf_field(r);
	ui_beheer_field(o, "nood-leerling", "leerling_id", "Leerling-id", "text", refused ? form(r, "leerling_id") : NULL,
			at_pupil ? msg : NULL, true, NULL, "off");
	ui_beheer_field(o, "nood-reden", "reden", "Reden", "text", refused ? form(r, "reden") : NULL,
			at_reason ? msg : NULL, true, "minstens 10 tekens; komt in het auditlog", "off");
	html_lit(o, "<div class=\"ib-actions\"><button type=\"submit\" class=\"utrecht-button "
		    "utrecht-button--primary-action\">Noodtoegang openen</button></div></form>"
		    "<h2 class=\"utrecht-heading-2\">Uw noodtoegang die nog loopt</h2>");
	if (!json_array_size(grants)) {
		html_lit(o, "<p class=\"utrecht-paragraph ib-muted\">Geen.</p>");
	} else {
		static const char *const HEADS[] = {"Leerling", "Geldig tot", "Reden"};
		table_head(o, "Lopende noodtoegang", HEADS, 3);
		size_t i;
		json_t *g;
		json_array_foreach(grants, i, g) {
			html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\"><a class=\"utrecht-link\" "
				    "href=\"/leerlingen/");
			html_url_path(o, jtext(g, "leerling_id"));
			html_lit(o, "\">");
			html_text(o, jtext(g, "leerling_id"));
			html_lit(o, "</a></td>");
			const char *t = jtext(g, "geldig_tot");
			cell(o, t && strlen(t) >= 16 ? t + 11 : t); /* the time of today: HH:MM:SS */
			cell(o, jtext(g, "reden"));
			html_lit(o, "</tr>");
		}
		html_lit(o, "</tbody></table></div>");
	}
	ui_end(r, status);
	json_decref(grants);
}

void ui_break_glass(req *r)
{
	break_glass_page(r, 200, NULL, NULL);
}

void ui_break_glass_post(req *r)
{
	json_t *body = json_object();
	static const char *const NAMES[] = {"leerling_id", "reden", NULL};
	static const json_type TYPES[] = {JSON_STRING, JSON_STRING};
	ui_copy_fields(r, body, NAMES, TYPES);
	int status = ui_api(r, "POST", "/api/noodtoegang", body);
	if (status == 200) {
		json_decref(ui_api_json(r));
		ui_done(r, "/beheer/noodtoegang", "noodtoegang");
		return;
	}
	char code[64], msg[400];
	ui_beheer_refusal(r, code, sizeof code, msg, sizeof msg);
	break_glass_page(r, status, code, msg);
}

/* ---- loading a dataset --------------------------------------------------------- */

void ui_datasets(req *r)
{
	ui_begin_page(r, "Dataset laden", NAV_BEHEER);
	ui_beheer_subnav(r, "/beheer/datasets");
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph\">Laad de CSV-bestanden van een levering (leerlingen.csv, woonadressen.csv, "
		    "inschrijvingen.csv, ...) in één keer: alles of niets. Twijfelachtige regels worden overgenomen en als "
		    "waarschuwing getoond, met bestand, regel, kolom en reden. De server blijft ondertussen gewoon "
		    "antwoorden.</p><form class=\"ib-form\" method=\"post\" action=\"/beheer/datasets\" data-upload>");
	ui_csrf_field(r);
	html_lit(o, "<div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" for=\"upload-bestanden\">"
		    "CSV-bestanden</label><input class=\"utrecht-textbox\" type=\"file\" id=\"upload-bestanden\" "
		    "name=\"bestanden\" accept=\".csv,text/csv\" multiple required></div>"
		    "<div class=\"ib-actions\"><button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">"
		    "Laden</button></div><p class=\"utrecht-paragraph\"><label class=\"utrecht-form-label\" for=\"upload-voortgang\">"
		    "Verzonden</label> <progress id=\"upload-voortgang\" max=\"100\" value=\"0\"></progress> "
		    "<span data-upload-percent>0%</span></p><div role=\"alert\" data-upload-error></div></form>"
		    "<noscript><p class=\"utrecht-paragraph\">Laden vraagt JavaScript in de browser; zonder kan het via "
		    "POST /api/datasets.</p></noscript>");
	ui_end(r, 200);
}

/* One warning "file, regel N, kolom C: reason" as its four cells. */
static void warning_row(strbuf *o, const char *w)
{
	const char *colon = strstr(w, ": ");
	size_t loc = colon ? (size_t)(colon - w) : 0;
	const char *parts[3] = {NULL, NULL, NULL};
	size_t lens[3] = {0, 0, 0};
	size_t start = 0;
	for (int k = 0; k < 3 && start < loc; k++) {
		const char *p = w + start;
		const char *comma = memchr(p, ',', loc - start);
		size_t len = comma ? (size_t)(comma - p) : loc - start;
		parts[k] = p;
		lens[k] = len;
		start += len + (comma ? 2 : 0);
	}
	html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">");
	if (parts[0])
		html_text_n(o, parts[0], lens[0]);
	html_lit(o, "</td>");
	static const char *const PREFIX[] = {"", "regel ", "kolom "};
	for (int k = 1; k < 3; k++) {
		html_lit(o, "<td class=\"utrecht-table__cell\">");
		size_t pl = strlen(PREFIX[k]);
		for (int m = 1; m < 3; m++) /* "regel" and "kolom" each in their column */
			if (parts[m] && lens[m] > pl && strncmp(parts[m], PREFIX[k], pl) == 0)
				html_text_n(o, parts[m] + pl, lens[m] - pl);
		html_lit(o, "</td>");
	}
	cell(o, colon ? colon + 2 : w);
	html_lit(o, "</tr>");
}

static void job_result(strbuf *o, json_t *res)
{
	static const struct {
		const char *key, *label;
	} FIGURES[] = {{"toegevoegd", "toegevoegd"}, {"beeindigd", "beëindigd"}, {"ongewijzigd", "ongewijzigd"},
		       {"waarschuwingen", "waarschuwingen"}, {"registratie", "registratieversie"}};
	html_lit(o, "<dl class=\"ib-data\">");
	for (size_t i = 0; i < sizeof FIGURES / sizeof FIGURES[0]; i++) {
		html_lit(o, "<dt>");
		html_text(o, FIGURES[i].label);
		html_lit(o, "</dt><dd>");
		ui_int(o, json_integer_value(json_object_get(res, FIGURES[i].key)));
		html_lit(o, "</dd>");
	}
	html_lit(o, "</dl>");
}

void ui_dataset_job(req *r)
{
	int64_t id = path_number(r->params[0]);
	if (!id) {
		reply_error(r, 404, "onbekend", "deze taak is onbekend");
		return;
	}
	char path[64];
	snprintf(path, sizeof path, "/api/datasets/%lld", (long long)id);
	json_t *task = ui_api_get(r, path);
	if (!task)
		return;
	ui_begin_page(r, "Dataset laden", NAV_BEHEER);
	ui_beheer_subnav(r, "/beheer/datasets");
	strbuf *o = &r->out;
	const char *status = jtext(task, "status") ? jtext(task, "status") : "";
	bool running = strcmp(status, "bezig") == 0;
	/* While it runs, htmx asks for this page again each second and takes
	 * this part of it (hx-select); the part of a finished task asks no more. */
	html_lit(o, "<div id=\"taak\" class=\"ib-job\" aria-live=\"polite\"");
	if (running) {
		html_markupf(o, " hx-get=\"/beheer/datasets/%lld\" hx-trigger=\"load delay:1s\" hx-select=\"#taak\" "
				"hx-swap=\"outerHTML\"",
			     (long long)id);
	}
	html_lit(o, "><p class=\"utrecht-paragraph\">Status: <strong data-job-status>");
	html_text(o, running ? "bezig" : !strcmp(status, "klaar") ? "klaar" : !strcmp(status, "afgekeurd")
		? "afgekeurd (niets geladen)" : "mislukt (niets geladen)");
	html_lit(o, "</strong> · ");
	html_text(o, jtext(task, "fase"));
	html_lit(o, " · gelezen regels: <span data-job-rows>");
	ui_int(o, json_integer_value(json_object_get(task, "regels")));
	html_lit(o, "</span></p>");
	if (jtext(task, "bericht"))
		ui_beheer_alert(o, false, jtext(task, "bericht"));
	json_t *res = json_object_get(task, "resultaat");
	if (json_is_object(res))
		job_result(o, res);
	json_t *warnings = json_object_get(task, "waarschuwingen");
	size_t total = json_array_size(warnings);
	if (!running && total) {
		long page = query(r, "pagina") ? atol(query(r, "pagina")) : 1;
		size_t pages = (total + WARNINGS_PAGE - 1) / WARNINGS_PAGE;
		if (page < 1 || (size_t)page > pages)
			page = 1;
		html_markupf(o, "<h2 class=\"utrecht-heading-2\">Waarschuwingen (%zu)</h2>", total);
		static const char *const HEADS[] = {"Bestand", "Regel", "Kolom", "Reden"};
		table_head(o, "Twijfelachtige regels, wel overgenomen", HEADS, 4);
		for (size_t i = (size_t)(page - 1) * WARNINGS_PAGE; i < total && i < (size_t)page * WARNINGS_PAGE; i++)
			warning_row(o, json_string_value(json_array_get(warnings, i)));
		html_lit(o, "</tbody></table></div>");
		if (pages > 1) {
			html_lit(o, "<nav class=\"ib-pages\" aria-label=\"Pagina's\"><p class=\"utrecht-paragraph\">");
			if (page > 1)
				html_markupf(o, "<a class=\"utrecht-link\" href=\"/beheer/datasets/%lld?pagina=%ld\">Vorige pagina</a> ",
					     (long long)id, page - 1);
			html_markupf(o, "Pagina %ld van %zu", page, pages);
			if ((size_t)page < pages)
				html_markupf(o, " <a class=\"utrecht-link\" href=\"/beheer/datasets/%lld?pagina=%ld\">Volgende pagina</a>",
					     (long long)id, page + 1);
			html_lit(o, "</p></nav>");
		}
	}
	html_lit(o, "</div><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/beheer/datasets\">Nog een dataset "
		    "laden</a></p>");
	ui_end(r, 200);
	json_decref(task);
}
