/*
 * ui_dossiers.c - the dossier list (SPEC 6): /dossiers, the dossiers in
 * scope with their signals and filters, the hand-overs waiting for the own
 * organisation, and a form to open one; and a dossier as it shows beside a
 * pupil on other pages (its signal, or a button to open one).
 */
#include <stdlib.h>
#include <string.h>

#include "ui_cases.h"

void ui_dossier_cell(strbuf *o, const dossier_state *d)
{
	if (!d) {
		html_lit(o, "<span class=\"ib-muted\">geen</span>");
		return;
	}
	html_markupf(o, "<a class=\"utrecht-link\" href=\"/dossiers/%lld\">", (long long)d->id);
	if (!d->st.open)
		html_lit(o, "gesloten");
	else if (case_signal(&d->st))
		ui_term_badge(o, case_signal(&d->st));
	else
		html_lit(o, "loopt");
	html_lit(o, "</a>");
}

void ui_pupil_case(req *r, const snapshot *s, const char *pupil_id, bool absent)
{
	strbuf *o = &r->out;	dossier_set *set = dossiers_acquire(&r->srv->cases, s);
	const dossier_state *found = set ? dossiers_of(set, pupil_id) : NULL;
	dossier_state d = found ? *found : (dossier_state){0};
	bool has = found != NULL;
	dossiers_release(set);
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"dossier-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"dossier-kop\">Dossier</h2><p class=\"utrecht-paragraph\">");
	if (has) {
		if (d.st.open)
			html_lit(o, "Er is een open dossier: ");
		else
			html_lit(o, "Het laatste dossier is gesloten: ");
		ui_dossier_cell(o, &d);
		html_lit(o, "</p>");
	} else {
		html_lit(o, "Er is geen dossier.</p>");
	}
	if ((!has || !d.st.open) && absent) {
		html_lit(o, "<form method=\"post\" action=\"/dossiers\" class=\"ib-filters ib-filters--inline\">");
		ui_csrf_field(r);
		html_lit(o, "<input type=\"hidden\" name=\"leerling_id\" value=\"");
		html_attr(o, pupil_id);
		html_lit(o, "\"><button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Dossier "
			    "openen</button></form>");
	}
	html_lit(o, "</section>");
}

static const char *const SIGNALS[] = {"deze_week", "deze week een termijn", "verlopen", "over de termijn",
				      "gestagneerd", "gestagneerd", "zonder_regie", "zonder regiehouder", "nazorg",
				      "nazorg na terugkeer aan de beurt", NULL};

void ui_signal_tiles(strbuf *o, json_t *sig)
{
	html_lit(o, "<ul class=\"ib-tiles\" aria-label=\"Signalen\"><li class=\"ib-tile\"><a class=\"ib-tile__link\" "
		    "href=\"/dossiers\"><span class=\"ib-tile__number\">");
	ui_int(o, json_integer_value(json_object_get(sig, "open")));
	html_lit(o, "</span><span class=\"ib-tile__label\">open dossiers</span></a></li>");
	for (size_t i = 0; SIGNALS[i]; i += 2) {
		json_int_t n = json_integer_value(json_object_get(sig, SIGNALS[i]));
		html_lit(o, "<li class=\"ib-tile");
		if (n)
			html_lit(o, " ib-tile--warn");
		html_lit(o, "\"><a class=\"ib-tile__link\" href=\"/dossiers?signaal=");
		html_url_arg(o, SIGNALS[i]);
		html_lit(o, "\"><span class=\"ib-tile__number\">");
		ui_int(o, n);
		html_lit(o, "</span><span class=\"ib-tile__label\">");
		html_text(o, SIGNALS[i + 1]);
		html_lit(o, "</span></a></li>");
	}
	html_lit(o, "</ul>");
}

/* The first term not yet met, by due date (term_next), from a dossier's
 * JSON; NULL when none. */
static json_t *next_term(json_t *d, const char **name)
{
	static const char *const TERMS[3][2] = {
		{"passende_plek", "plek"}, {"plaatsingsbesluit", "besluit"}, {"passend_aanbod", "aanbod"}};
	term terms[3];
	json_t *js[3];
	for (size_t i = 0; i < 3; i++) {
		js[i] = json_object_get(json_object_get(d, "termijnen"), TERMS[i][0]);
		const char *st = jtext(js[i], "status");
		terms[i] = (term){.due = ui_jday(js[i], "datum"), .met_on = DAY_NONE, .state = TERM_CLOSED};
		for (int k = 0; st && k < 6; k++)
			if (strcmp(st, TERM_STATE_CODES[k]) == 0)
				terms[i].state = (term_state)k;
	}
	size_t next = term_next(terms, 3);
	if (next == 3)
		return NULL;
	*name = TERMS[next][1];
	return js[next];
}

void ui_regie_cell(strbuf *o, json_t *d)
{
	json_t *rg = json_object_get(d, "regie");
	if (!jtext(rg, "organisatie")) {
		html_lit(o, "<span class=\"ib-flag ib-flag--warn\">geen regie</span>");
		return;
	}
	html_text(o, jtext(rg, "organisatie"));
	html_lit(o, "<br>");
	if (jtext(rg, "gebruiker"))
		html_text(o, jtext(rg, "gebruiker"));
	else
		html_lit(o, "<span class=\"ib-flag ib-flag--warn\">geen regiehouder</span>");
}

void ui_days_since(strbuf *o, json_t *d)
{
	day_t start = ui_jday(d, "startdatum");
	if (start == DAY_NONE)
		return;
	html_lit(o, "<span class=\"ib-days");
	if (langer_dan_3_maanden(start, today()))
		html_lit(o, " ib-days--long");
	html_lit(o, "\">");
	ui_int(o, duur_dagen(start, today()));
	html_lit(o, "</span> <span class=\"ib-small ib-muted\">sinds ");
	ui_date(o, start);
	html_lit(o, "</span>");
}

enum { DOSSIER_PAGE = 50 };

static void dossier_table(strbuf *o, json_t *list, size_t from, size_t to)
{
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table ib-list\"><caption class=\"utrecht-table__caption ib-visually-hidden\">Dossiers"
		    "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">Dagen thuis</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Leerling</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Nu</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
	ui_term(o, "regie", "Regie");
	html_lit(o, "</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Eerstvolgende termijn</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Signaal</th></tr></thead>"
		    "<tbody class=\"utrecht-table__body\">");
	size_t i;
	json_t *d;
	json_array_foreach(list, i, d) {
		if (i < from || i >= to)
			continue;
		html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
		ui_days_since(o, d);
		char href[48];
		snprintf(href, sizeof href, "/dossiers/%lld", (long long)json_integer_value(json_object_get(d, "id")));
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		ui_json_pupil(o, href, json_object_get(d, "leerling"), jtext(d, "leerling_id"));
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		const char *cat = jtext(json_object_get(d, "leerling"), "categorie_vandaag");
		categorie c = cat ? categorie_from_code(cat) : CAT_COUNT;
		if (strcmp(jtext(d, "status"), "open") != 0) {
			html_lit(o, "gesloten: ");
			html_text(o, jtext(d, "uitkomst"));
		} else if (c != CAT_COUNT) {
			ui_categorie(o, c);
		}
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		ui_regie_cell(o, d);
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		const char *name = NULL;
		json_t *t = next_term(d, &name);
		if (t) {
			html_text(o, name);
			html_lit(o, ": ");
			ui_jdate(o, t, "datum");
			html_lit(o, " ");
			ui_term_badge(o, jtext(t, "status"));
		} else {
			html_lit(o, "<span class=\"ib-muted\">geen open termijn</span>");
		}
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		if (jtext(d, "signaal"))
			ui_term_badge(o, jtext(d, "signaal"));
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></div>");
}

static void dossiers_page(req *r, const char *error, int fail_status)
{
	json_t *sig = ui_api_get(r, "/api/signalen");
	if (!sig)
		return;
	json_t *list = ui_api_get(r, "/api/dossiers"); /* reads ?status and ?signaal; one audit entry */
	if (!list) {
		json_decref(sig);
		return;
	}
	json_t *asked = ui_api_get(r, "/api/overdrachten");
	if (!asked) {
		json_decref(sig);
		json_decref(list);
		return;
	}
	ui_begin_page(r, "Dossiers", NAV_DOSSIERS);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph\">Elk kind dat absoluut verzuimt (ook als dat nog niet meetelt), "
		    "langdurig relatief verzuimt of langdurig ziek is, krijgt vanaf de eerste dag vanzelf een dossier. De "
		    "termijnen tellen vanaf de eerste dag van feitelijke afwezigheid, in lesweken: vakantiedagen tellen niet "
		    "mee.</p>");
	ui_form_notice(r, error);
	ui_handovers(r, asked);
	ui_signal_tiles(o, sig);
	const char *status = query(r, "status") ? query(r, "status") : "open";
	const char *signaal = query(r, "signaal");
	html_lit(o, "<form class=\"ib-filters ib-filters--inline\" method=\"get\" action=\"/dossiers\">");
	static const char *const STATUS[] = {"open", "open", "gesloten", "gesloten", "alle", "alle", NULL};
	html_lit(o, "<div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" for=\"status\">Status"
		    "</label><select class=\"utrecht-select utrecht-select--html-select\" id=\"status\" name=\"status\">");
	for (size_t i = 0; STATUS[i]; i += 2) {
		html_lit(o, "<option value=\"");
		html_attr(o, STATUS[i]);
		html_lit(o, "\"");
		if (strcmp(STATUS[i], status) == 0)
			html_lit(o, " selected");
		html_lit(o, ">");
		html_text(o, STATUS[i + 1]);
		html_lit(o, "</option>");
	}
	html_lit(o, "</select></div><div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" "
		    "for=\"signaal\">Signaal</label><select class=\"utrecht-select utrecht-select--html-select\" id=\"signaal\" "
		    "name=\"signaal\"><option value=\"alle\">alle</option>");
	for (size_t i = 0; SIGNALS[i]; i += 2) {
		html_lit(o, "<option value=\"");
		html_attr(o, SIGNALS[i]);
		html_lit(o, "\"");
		if (signaal && strcmp(SIGNALS[i], signaal) == 0)
			html_lit(o, " selected");
		html_lit(o, ">");
		html_text(o, SIGNALS[i + 1]);
		html_lit(o, "</option>");
	}
	html_lit(o, "</select></div><button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Toon"
		    "</button></form>");
	html_lit(o, "<h2 class=\"utrecht-heading-2 ib-count\">");
	ui_int(o, (int64_t)json_array_size(list));
	html_text(o, json_array_size(list) == 1 ? " dossier" : " dossiers");
	html_lit(o, " <span class=\"ib-small ib-muted\">(de dringendste eerst)</span></h2>");
	size_t n = json_array_size(list), pages = (n + DOSSIER_PAGE - 1) / DOSSIER_PAGE;
	long page = query(r, "pagina") ? strtol(query(r, "pagina"), NULL, 10) : 1;
	if (page < 1 || (size_t)page > pages)
		page = 1;
	if (n)
		dossier_table(o, list, (size_t)(page - 1) * DOSSIER_PAGE, (size_t)page * DOSSIER_PAGE);
	if (pages > 1) {
		html_lit(o, "<nav class=\"utrecht-pagination ib-pages\" aria-label=\"Pagina's\"><ul class=\"ib-pages__list\">");
		for (size_t p = 1; p <= pages; p++) {
			if (p != 1 && p != pages && (p + 3 < (size_t)page || p > (size_t)page + 3))
				continue;
			html_lit(o, "<li>");
			if (p == (size_t)page) {
				html_markupf(o, "<span class=\"ib-pages__current\" aria-current=\"page\">%zu</span>", p);
			} else {
				html_lit(o, "<a href=\"/dossiers?status=");
				html_url_arg(o, status);
				if (signaal && strcmp(signaal, "alle") != 0) {
					html_lit(o, "&amp;signaal=");
					html_url_arg(o, signaal);
				}
				html_markupf(o, "&amp;pagina=%zu\"><span class=\"ib-visually-hidden\">pagina </span>%zu</a>", p, p);
			}
			html_lit(o, "</li>");
		}
		html_lit(o, "</ul></nav>");
	}
	if (!n)
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Geen "
			    "dossiers die hieraan voldoen.</p></div>");
	ui_form_open(r, "Een dossier openen (bijvoorbeeld voor een dreigende thuiszitter)", "/dossiers", error && *error);
	ui_input(o, "open-leerling", "leerling_id", "Leerling-id", "text", true, "zoals op de pagina van de leerling");
	ui_textarea(o, "open-reden", "reden", "Reden", false, NULL);
	ui_form_close(r, "Dossier openen");
	ui_end(r, error && *error ? fail_status : 200);
	json_decref(sig);
	json_decref(list);
	json_decref(asked);
}

void ui_dossiers(req *r)
{
	dossiers_page(r, NULL, 200);
}

void ui_dossier_open(req *r)
{
	json_t *body = json_object();
	static const char *const NAMES[] = {"leerling_id", "reden", NULL};
	static const json_type TYPES[] = {JSON_STRING, JSON_STRING};
	ui_copy_fields(r, body, NAMES, TYPES);
	char error[400];
	int status;
	if (!ui_submit(r, "POST", "/api/dossiers", body, "/dossiers/{id}", "geopend", error, sizeof error, &status))
		dossiers_page(r, error, status);
}
