/*
 * ui_dossiers.c - the dossier list (SPEC 6): /dossiers, the dossiers in
 * scope with their signals and filters, the hand-overs waiting for the own
 * organisation, and a form to open one; and a dossier as it shows beside a
 * pupil on other pages (its signal, or a button to open one). Mijn
 * dossiers (regie with me or my organisation, the next deadline first), and
 * the dossier list as a download (issue 14).
 */
#include <stdlib.h>
#include <string.h>

#include "../api/dossier.h"
#include "ui_cases.h"
#include "ui_export.h"

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
	/* Mijn dossiers (issue 14) */
	static const char *const MINE[] = {"regie_bij_mij", "/mijn-dossiers", "mijn dossiers: regie bij mij",
					   "regie_bij_mijn_organisatie", "/mijn-dossiers?regie=organisatie",
					   "regie bij mijn organisatie"};
	for (size_t i = 0; i < 6; i += 3) {
		html_lit(o, "<li class=\"ib-tile\"><a class=\"ib-tile__link\" href=\"");
		html_attr(o, MINE[i + 1]);
		html_lit(o, "\"><span class=\"ib-tile__number\">");
		ui_int(o, json_integer_value(json_object_get(sig, MINE[i])));
		html_lit(o, "</span><span class=\"ib-tile__label\">");
		html_text(o, MINE[i + 2]);
		html_lit(o, "</span></a></li>");
	}
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

static void dossiers_page(req *r, const ui_refusal *rf)
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
	ui_form_notice(r, rf ? rf->reason : NULL);
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
	size_t n = json_array_size(list);
	ui_page pg = ui_page_of(r, n);
	if (n) {
		ui_list_exports(r, o, "/dossiers");
		dossier_table(o, list, pg.from, pg.to);
	}
	ui_page_nav(r, o, &pg, NULL);
	if (!n)
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Geen "
			    "dossiers die hieraan voldoen.</p></div>");
	ui_form f;
	ui_form_begin(&f, r, rf, "Een dossier openen (bijvoorbeeld voor een dreigende thuiszitter)", "/dossiers", false);
	ui_f_input(&f, "open-leerling", "leerling_id", "Leerling-id", "text", true, "zoals op de pagina van de leerling", NULL);
	ui_f_textarea(&f, "open-reden", "reden", "Reden", false, NULL, NULL);
	ui_form_end(&f, "Dossier openen");
	ui_end(r, rf ? rf->status : 200);
	json_decref(sig);
	json_decref(list);
	json_decref(asked);
}

void ui_dossiers(req *r)
{
	dossiers_page(r, NULL);
}

void ui_dossier_open(req *r)
{
	json_t *body = json_object();
	static const char *const NAMES[] = {"leerling_id", "reden", NULL};
	static const json_type TYPES[] = {JSON_STRING, JSON_STRING};
	ui_copy_fields(r, body, NAMES, TYPES);
	ui_refusal rf;
	if (!ui_submit_form(r, "POST", "/api/dossiers", body, "/dossiers/{id}", "geopend", &rf))
		dossiers_page(r, &rf);
}

/* ---- mijn dossiers (issue 14) ------------------------------------------------------ */

/* The open dossiers whose regie lies with me or my organisation, the next
 * deadline first; "bij mij" (me the regiehouder) and "bij mijn organisatie"
 * (someone else of it, or nobody yet) as two tabs, each paged. */
void ui_my_dossiers(req *r)
{
	dossiers_reply(r, &(dossier_filter){.mine = true, .by_term = true});
	if (r->status != 200)
		return;
	json_t *list = ui_api_json(r);
	if (!list) {
		reply_oom(r);
		return;
	}
	bool org_tab = query(r, "regie") && strcmp(query(r, "regie"), "organisatie") == 0;
	json_t *mine = json_array(), *org = json_array();
	size_t i;
	json_t *d;
	json_array_foreach(list, i, d) {
		json_int_t holder = json_integer_value(json_object_get(json_object_get(d, "regie"), "gebruiker_id"));
		japp(holder == r->who->id ? mine : org, json_incref(d));
	}
	ui_begin_page(r, "Mijn dossiers", NAV_MIJN_DOSSIERS);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph\">De open dossiers waarvan u de regiehouder bent, en die waarvan uw "
		    "organisatie de regie heeft. De eerstvolgende termijn staat bovenaan.</p>"
		    "<nav aria-label=\"Welke dossiers\"><ul class=\"ib-pages__list ib-tabs\">");
	static const char *const TABS[] = {"/mijn-dossiers", "Regie bij mij", "/mijn-dossiers?regie=organisatie",
					   "Regie bij mijn organisatie"};
	for (size_t t = 0; t < 2; t++) {
		bool current = (t == 1) == org_tab;
		html_lit(o, "<li>");
		if (current) {
			html_lit(o, "<span class=\"ib-pages__current\" aria-current=\"page\">");
		} else {
			html_lit(o, "<a class=\"utrecht-link\" href=\"");
			html_attr(o, TABS[2 * t]);
			html_lit(o, "\">");
		}
		html_text(o, TABS[2 * t + 1]);
		html_lit(o, " (");
		ui_int(o, (int64_t)json_array_size(t ? org : mine));
		if (current)
			html_lit(o, ")</span></li>");
		else
			html_lit(o, ")</a></li>");
	}
	html_lit(o, "</ul></nav>");
	json_t *shown = org_tab ? org : mine;
	size_t n = json_array_size(shown);
	ui_page pg = ui_page_of(r, n);
	html_lit(o, "<h2 class=\"utrecht-heading-2 ib-count\" id=\"mijn-aantal\">");
	ui_int(o, (int64_t)n);
	html_text(o, n == 1 ? " dossier" : " dossiers");
	html_text(o, org_tab ? " met regie bij mijn organisatie" : " met regie bij mij");
	html_lit(o, "</h2>");
	if (n)
		dossier_table(o, shown, pg.from, pg.to);
	else
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Geen "
			    "open dossiers met de regie hier. Alle dossiers in uw scope staan onder <a class=\"utrecht-link\" "
			    "href=\"/dossiers\">Dossiers</a>.</p></div>");
	ui_page_nav(r, o, &pg, NULL);
	ui_end(r, 200);
	json_decref(mine);
	json_decref(org);
	json_decref(list);
}

/* ---- the dossier list to take along (issue 14) ------------------------------------ */

static const export_column DOSSIER_COLUMNS[] = {
	{"dossier", true, 9},		 {"leerling_id", false, 14},	   {"achternaam", false, 20},
	{"voornaam", false, 16},	 {"status", false, 10},		   {"categorie vandaag", false, 24},
	{"eerste verzuimdag", false, 14}, {"dagen thuis", true, 11},	   {"regie: organisatie", false, 28},
	{"regiehouder", false, 22},	 {"eerstvolgende termijn", false, 16}, {"termijn op", false, 12},
	{"stand termijn", false, 14},	 {"signaal", false, 14},
};

void ui_dossiers_export(req *r)
{
	json_t *list = ui_api_get(r, "/api/dossiers"); /* reads ?status and ?signaal; one audit entry */
	if (!list)
		return;
	export_table t = {.title = "Dossiers", .sheet = "Dossiers", .cols = DOSSIER_COLUMNS,
			  .n_cols = sizeof DOSSIER_COLUMNS / sizeof DOSSIER_COLUMNS[0]};
	const char *status = query(r, "status") ? query(r, "status") : "open", *signaal = query(r, "signaal");
	snprintf(t.about, sizeof t.about, "Status %s, signaal %s; %zu dossiers; de dringendste eerst; voor %s (%s)", status,
		 signaal ? signaal : "alle", json_array_size(list), r->who->naam, r->who->organisatie);
	size_t i;
	json_t *d;
	json_array_foreach(list, i, d) {
		export_int(&t, (long long)json_integer_value(json_object_get(d, "id")));
		json_t *pu = json_object_get(d, "leerling");
		export_cell(&t, jtext(d, "leerling_id"));
		export_cell(&t, jtext(pu, "achternaam"));
		export_cell(&t, jtext(pu, "voornaam"));
		export_cell(&t, strcmp(jtext(d, "status"), "open") == 0 ? "open" : jtext(d, "uitkomst"));
		const char *cat = jtext(pu, "categorie_vandaag");
		categorie c = cat ? categorie_from_code(cat) : CAT_COUNT;
		export_cell(&t, c != CAT_COUNT ? CATEGORIE_LABELS[c] : "");
		export_cell(&t, jtext(d, "startdatum"));
		day_t start = ui_jday(d, "startdatum");
		if (start == DAY_NONE)
			export_cell(&t, "");
		else
			export_int(&t, (long long)duur_dagen(start, today()));
		json_t *rg = json_object_get(d, "regie");
		export_cell(&t, jtext(rg, "organisatie") ? jtext(rg, "organisatie") : "geen regie");
		export_cell(&t, jtext(rg, "gebruiker"));
		const char *name = NULL;
		json_t *due = next_term(d, &name);
		export_cell(&t, due ? name : "");
		export_cell(&t, due ? jtext(due, "datum") : "");
		export_cell(&t, due ? jtext(due, "status") : "");
		export_cell(&t, jtext(d, "signaal"));
	}
	snapshot *s = snapshot_acquire(&r->srv->snap);
	ui_table_reply(r, s, &t, "dossiers");
	snapshot_release(s);
	export_table_free(&t);
	json_decref(list);
}
