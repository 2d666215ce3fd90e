/*
 * ui_search.c - Leerling zoeken (issue 14): one box for BSN,
 * onderwijsnummer, leerling-id, name and birth date, the pupils the user
 * sees, paged, with their total; from the header's box a unique hit goes
 * straight to the pupil's page. And, for the beheerder, the likely
 * duplicates (same name and birth date under different ids). The pages show
 * what the API's handlers give (h_search, h_duplicates in
 * src/api/api_search.c), which also write the audit entry.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_cases.h"

static size_t page_field(json_t *j, const char *key)
{
	return (size_t)json_integer_value(json_object_get(json_object_get(j, "pagina"), key));
}

/* "123 leerlingen gevonden (pagina 2 van 3)" */
static void count_heading(strbuf *o, size_t n, const char *what, size_t page, size_t pages)
{
	html_lit(o, "<h2 class=\"utrecht-heading-2\" aria-live=\"polite\">");
	ui_int(o, (int64_t)n);
	html_text(o, what);
	if (pages > 1)
		html_markupf(o, " <span class=\"ib-small ib-muted\">(pagina %zu van %zu)</span>", page, pages);
	html_lit(o, "</h2>");
}

/* text, then the day as a query argument ("?peildatum=" ...). */
static void day_arg(strbuf *sb, const char *text, day_t d)
{
	char dt[DATE_TEXT];
	date_format(d, dt);
	sb_puts(sb, text);
	html_url_arg(sb, dt);
}

/* The pupil's page on day d, as a Location. */
static void go_to_pupil(req *r, const char *id, day_t d)
{
	strbuf loc = STRBUF_INIT;
	sb_puts(&loc, "/leerlingen/");
	html_url_path(&loc, id);
	day_arg(&loc, "?peildatum=", d);
	sb_reset(&r->out);
	add_header(r, "Location", sb_str(&loc));
	sb_free(&loc);
	reply_raw(r, 303, "text/plain; charset=utf-8", "", 0);
}

static void results_table(strbuf *o, const dataset *ds, json_t *list, day_t d)
{
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table\"><caption class=\"utrecht-table__caption ib-visually-hidden\">Gevonden "
		    "leerlingen</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Leerling</th><th scope=\"col\" "
		    "class=\"utrecht-table__header-cell\">Geboortedatum</th><th scope=\"col\" "
		    "class=\"utrecht-table__header-cell\">Categorie</th></tr></thead><tbody class=\"utrecht-table__body\">");
	size_t i;
	json_t *p;
	json_array_foreach(list, i, p) {
		const char *id = jtext(p, "leerling_id");
		int32_t ix = dataset_pupil(ds, id, strlen(id));
		html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">");
		if (ix != NO_REF)
			ui_pupil_link(o, ds, (uint32_t)ix, d);
		else
			html_text(o, id);
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		ui_date(o, ui_jday(p, "geboortedatum"));
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		categorie c = categorie_from_code(jtext(p, "categorie"));
		if (c != CAT_COUNT)
			ui_categorie(o, c);
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></div>");
}

void ui_search(req *r)
{
	const char *zoek = query(r, "zoek");
	json_t *found = NULL;
	char refused[512] = "";
	if (zoek) {
		int status = ui_api(r, "GET", "/api/leerlingen", NULL); /* reads ?zoek, ?pagina, ?peildatum */
		if (status == 400) {
			ui_api_error(r, refused, sizeof refused); /* shown at the field, the text kept */
			r->error_code = NULL;
		} else if (status != 200) {
			return;
		} else if (!(found = ui_api_json(r))) {
			ui_fail(r, 500, "interne_fout", "de zoekresultaten konden niet worden getoond");
			return;
		}
	}
	day_t d;
	if (!ui_peildatum(r, &d)) {
		json_decref(found);
		return;
	}
	size_t total = found ? page_field(found, "leerlingen") : 0;
	json_t *list = found ? json_object_get(found, "leerlingen") : NULL;
	if (found && query(r, "ga") && total == 1 && json_array_size(list) == 1) {
		go_to_pupil(r, jtext(json_array_get(list, 0), "leerling_id"), d);
		json_decref(found);
		return;
	}
	snapshot *s = snapshot_acquire(&r->srv->snap);
	ui_begin(r, s->ds, "Leerling zoeken", NAV_NONE);
	strbuf *o = &r->out;
	html_lit(o, "<form class=\"ib-filters ib-filters--inline\" method=\"get\" action=\"/zoeken\" role=\"search\">"
		    "<div class=\"utrecht-form-field ib-field");
	if (*refused)
		html_lit(o, " utrecht-form-field--invalid");
	html_lit(o, "\"><label class=\"utrecht-form-label\" for=\"zoek\">Naam, geboortedatum, BSN, onderwijsnummer of "
		    "leerling-id</label>");
	if (*refused) {
		html_lit(o, "<p class=\"utrecht-form-field-error-message\" id=\"zoek-fout\">");
		html_text(o, refused);
		html_lit(o, "</p>");
	}
	html_lit(o, "<input class=\"utrecht-textbox utrecht-textbox--html-input\" type=\"search\" id=\"zoek\" "
		    "name=\"zoek\" minlength=\"2\" maxlength=\"100\" required");
	if (*refused)
		html_lit(o, " aria-invalid=\"true\" aria-describedby=\"zoek-fout\"");
	html_lit(o, " value=\"");
	html_attr(o, zoek ? zoek : "");
	html_lit(o, "\"></div><button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">Zoeken"
		    "</button></form><p class=\"utrecht-paragraph utrecht-paragraph--small ib-muted\">Bijvoorbeeld "
		    "<em>Mila van Wijk</em>, <em>van Wijk 16-02-2014</em> of een BSN. Hoofdletters en accenten tellen niet "
		    "mee. U vindt alleen leerlingen binnen uw scope; elke zoekopdracht wordt vastgelegd.</p>");
	if (found) {
		size_t page = page_field(found, "nummer"), pages = page_field(found, "van");
		count_heading(o, total, total == 1 ? " leerling gevonden" : " leerlingen gevonden", page, pages);
		if (!total) {
			html_lit(o, "<p class=\"utrecht-paragraph\">Niemand binnen uw scope past bij deze zoekopdracht. Zoek op "
				    "het begin van de voor- of achternaam, de geboortedatum, het BSN, het onderwijsnummer of "
				    "het leerling-id.</p>");
		} else {
			results_table(o, s->ds, list, d);
			/* The API pages the rows itself: the same page, shown the one way. */
			ui_page pg = ui_page_at(total, page);
			ui_page_nav(r, o, &pg, NULL);
		}
	}
	ui_end(r, *refused ? 400 : 200);
	snapshot_release(s);
	json_decref(found);
}

/* ---- likely duplicates (beheerder) ------------------------------------------------ */

/* One group's merge form: which record stays, which goes into it, why. */
static void merge_form(req *r, json_t *ids, size_t g)
{
	strbuf *o = &r->out;
	html_lit(o, "<form class=\"ib-form ib-merge\" method=\"post\" action=\"/dubbele-leerlingen/samenvoegen\">");
	ui_csrf_field(r);
	static const char *const FIELDS[] = {"behouden", "opheffen"}, *const LABELS[] = {"Blijft", "Gaat op in die leerling"};
	for (size_t f = 0; f < 2; f++) {
		html_lit(o, "<div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" for=\"");
		html_attr(o, FIELDS[f]);
		html_markupf(o, "-%zu\">", g);
		html_text(o, LABELS[f]);
		html_lit(o, "</label><select class=\"utrecht-select utrecht-select--html-select\" id=\"");
		html_attr(o, FIELDS[f]);
		html_markupf(o, "-%zu\" name=\"", g);
		html_attr(o, FIELDS[f]);
		html_lit(o, "\">");
		size_t k;
		json_t *p;
		json_array_foreach(ids, k, p) {
			html_lit(o, "<option value=\"");
			html_attr(o, jtext(p, "leerling_id"));
			html_lit(o, "\"");
			if (k == f)
				html_lit(o, " selected");
			html_lit(o, ">");
			html_text(o, jtext(p, "leerling_id"));
			html_lit(o, "</option>");
		}
		html_lit(o, "</select></div>");
	}
	html_markupf(o, "<div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" for=\"reden-%zu\">"
			"Reden</label><input class=\"utrecht-textbox utrecht-textbox--html-input\" id=\"reden-%zu\" "
			"name=\"reden\" required minlength=\"5\" maxlength=\"500\"></div>", g, g);
	html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Samenvoegen"
		    "</button></form>");
}

static void duplicates_page(req *r, const char *error, int status)
{
	json_t *j = ui_api_get(r, "/api/dubbele-leerlingen"); /* reads ?pagina; its own audit entry */
	if (!j)
		return;
	ui_begin_page(r, "Mogelijk dubbele leerlingen", NAV_DUBBEL);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph\">Leerlingen met dezelfde voor- en achternaam (hoofdletters en accenten "
		    "niet meegeteld) en dezelfde geboortedatum onder verschillende leerling-ids: mogelijk één kind dat "
		    "twee keer is geregistreerd. U ziet alleen de ids; vergelijk de gegevens met noodtoegang, met een "
		    "reden. Samenvoegen brengt de feiten en dossiers naar de leerling die blijft; de andere id verwijst "
		    "voortaan naar haar of hem, en de geschiedenis en het auditlog blijven bewaard.</p>");
	if (error && *error) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--error ib-alert\" role=\"alert\"><p "
			    "class=\"utrecht-paragraph\">Niet samengevoegd: ");
		html_text(o, error);
		html_lit(o, "</p></div>");
	} else if (query(r, "gedaan")) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--ok ib-alert\" role=\"status\"><p "
			    "class=\"utrecht-paragraph\">De leerlingen zijn samengevoegd.</p></div>");
	}
	size_t groups = page_field(j, "groepen"), page = page_field(j, "nummer"), pages = page_field(j, "van");
	count_heading(o, groups, groups == 1 ? " groep" : " groepen", page, pages);
	json_t *list = json_object_get(j, "groepen");
	if (!json_array_size(list)) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Geen "
			    "mogelijk dubbele leerlingen gevonden.</p></div>");
	} else {
		html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
			    "utrecht-table--html-table\"><caption class=\"utrecht-table__caption ib-visually-hidden\">Mogelijk "
			    "dubbele leerlingen</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Leerling-ids</th><th scope=\"col\" "
			    "class=\"utrecht-table__header-cell\">Overeenkomst</th><th scope=\"col\" "
			    "class=\"utrecht-table__header-cell\">BSN of onderwijsnummer bekend</th><th scope=\"col\" "
			    "class=\"utrecht-table__header-cell\">Samenvoegen</th></tr></thead>"
			    "<tbody class=\"utrecht-table__body\">");
		size_t i, k;
		json_t *g, *p;
		json_array_foreach(list, i, g) {
			json_t *ids = json_object_get(g, "leerlingen");
			html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">");
			json_array_foreach(ids, k, p) {
				if (k)
					html_lit(o, ", ");
				html_lit(o, "<span class=\"ib-id\">");
				html_text(o, jtext(p, "leerling_id"));
				html_lit(o, "</span>");
			}
			html_lit(o, "</td><td class=\"utrecht-table__cell\">naam en geboortedatum</td>"
				    "<td class=\"utrecht-table__cell\">");
			json_array_foreach(ids, k, p) {
				if (k)
					html_lit(o, ", ");
				bool known = json_is_true(json_object_get(p, "bsn_bekend")) ||
					     json_is_true(json_object_get(p, "onderwijsnummer_bekend"));
				html_text(o, known ? "ja" : "nee");
			}
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			merge_form(r, ids, i);
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table></div>");
		ui_page pg = ui_page_at(groups, page);
		ui_page_nav(r, o, &pg, NULL);
	}
	ui_end(r, status);
	json_decref(j);
}

void ui_duplicates(req *r)
{
	duplicates_page(r, NULL, 200);
}

void ui_merge(req *r)
{
	char error[400] = "";
	int status = 400;
	json_t *body = json_object();
	static const char *const NAMES[] = {"behouden", "opheffen", "reden", NULL};
	static const json_type TYPES[] = {JSON_STRING, JSON_STRING, JSON_STRING};
	ui_copy_fields(r, body, NAMES, TYPES);
	if (!ui_submit(r, "POST", "/api/samenvoegingen", body, "/dubbele-leerlingen", "samengevoegd", error, sizeof error,
		       &status))
		duplicates_page(r, error, status);
}
