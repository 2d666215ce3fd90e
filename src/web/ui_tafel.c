/*
 * ui_tafel.c - the thuiszitterstafel (SPEC 6). Stays in care: ui_stays.c.
 *
 *   /tafel                 the fixed lists, when the own organisation fixes
 *                          its next one, and the button to fix it now
 *   /tafel/{id}            one fixed list (paged), and as XLSX or CSV
 *   /tafel/afstemming      leerplicht's list beside the SWV's: who only one
 *                          side knows though the other could have, who is
 *                          out of each other's reach, and where they differ
 */
#include <stdlib.h>
#include <string.h>

#include "ui_cases.h"
#include "ui_export.h"

/* ---- the lists --------------------------------------------------------------------- */

static const char *side_label(const char *soort)
{
	return soort && strcmp(soort, "swv") == 0 ? "samenwerkingsverband" : "leerplicht";
}

static void tafel_page(req *r, const char *error, int fail_status)
{
	json_t *j = ui_api_get(r, "/api/tafels");
	if (!j)
		return;
	json_t *lists = json_object_get(j, "lijsten"), *own = json_object_get(j, "eigen");
	ui_begin_page(r, "Thuiszitterstafel", NAV_TAFEL);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph\">Elke drie weken "
		    "stelt leerplicht de lijst voor de thuiszitterstafel vast; het samenwerkingsverband stelt de lijst van "
		    "schoolkant vast. Een vastgestelde lijst verandert niet meer. De afstemming zet de twee naast elkaar.</p>");
	ui_see_also(o, (const char *const[]){"thuiszitterstafel", "regie", "doorzettingsmacht", NULL});
	ui_form_notice(r, error);
	html_lit(o, "<div class=\"ib-card\"><h2 class=\"utrecht-heading-2\">Uw lijst</h2><p class=\"utrecht-paragraph\">");
	if (jtext(own, "laatste")) {
		html_lit(o, "Laatst vastgesteld op ");
		ui_jdate(o, own, "laatste");
		html_lit(o, ". Volgende: uiterlijk ");
	} else {
		html_lit(o, "Uw organisatie heeft nog geen lijst vastgesteld. Volgende: ");
	}
	ui_jdate(o, own, "volgende");
	html_lit(o, " ");
	ui_term_badge(o, jtext(own, "status"));
	html_lit(o, "</p><form class=\"ib-filters ib-filters--inline\" method=\"post\" action=\"/tafel\">");
	ui_csrf_field(r);
	ui_peildatum_field(o, today());
	html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">Lijst vaststellen</button>"
		    "</form><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/tafel/afstemming\">Afstemming: de lijst van "
		    "leerplicht naast die van het samenwerkingsverband</a></p></div>");
	if (r->who->rol == ROLE_SWV)
		ui_tafel_own_card(r);
	html_lit(o, "<h2 class=\"utrecht-heading-2 ib-count\">Vastgestelde lijsten</h2>");
	if (!json_array_size(lists)) {
		html_lit(o, "<p class=\"utrecht-paragraph\">Nog geen.</p>");
	} else {
		html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
			    "utrecht-table--html-table\"><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Peildatum</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Van</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Organisatie</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">Leerlingen</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Vastgesteld door</th></tr></thead>"
			    "<tbody class=\"utrecht-table__body\">");
		size_t i;
		json_t *l;
		json_array_foreach(lists, i, l) {
			html_markupf(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\"><a class=\"utrecht-link\" "
					"href=\"/tafel/%lld\">", (long long)json_integer_value(json_object_get(l, "id")));
			ui_jdate(o, l, "peildatum");
			html_lit(o, "</a></td><td class=\"utrecht-table__cell\">");
			html_text(o, side_label(jtext(l, "soort")));
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			html_text(o, jtext(l, "organisatie"));
			html_lit(o, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
			ui_int(o, json_integer_value(json_object_get(l, "rijen")));
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			html_text(o, jtext(l, "door"));
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table></div>");
	}
	ui_end(r, error && *error ? fail_status : 200);
	json_decref(j);
}

void ui_tafel(req *r)
{
	tafel_page(r, NULL, 200);
}

void ui_tafel_fix(req *r)
{
	json_t *body = json_object();
	static const char *const NAMES[] = {"peildatum", NULL};
	static const json_type TYPES[] = {JSON_STRING};
	ui_copy_fields(r, body, NAMES, TYPES);
	char error[400];
	int status;
	if (!ui_submit(r, "POST", "/api/tafels", body, "/tafel/{id}", "lijst", error, sizeof error, &status))
		tafel_page(r, error, status);
}

/* Names of places for people: a school by BRIN and vestiging, a gemeente
 * (NULL when the registry does not know it). */
static const char *school_of(const dataset *ds, json_t *row)
{
	const char *b = jtext(row, "brin"), *v = jtext(row, "vestiging");
	int32_t k = b && v ? dataset_school(ds, b, v) : NO_REF;
	return k != NO_REF ? ds->schools[k].naam : NULL;
}

static const char *gemeente_of(const dataset *ds, json_t *row)
{
	const char *g = jtext(row, "gemeentecode");
	int32_t k = g ? dataset_gemeente(ds, g, strlen(g)) : NO_REF;
	return k != NO_REF ? ds->gemeenten[k].naam : NULL;
}

static void name_or_none(strbuf *o, const char *name)
{
	if (name)
		html_text(o, name);
	else
		html_lit(o, "<span class=\"ib-muted\">geen</span>");
}

static void category(strbuf *o, json_t *row)
{
	const char *c = jtext(row, "categorie");
	categorie k = c ? categorie_from_code(c) : CAT_COUNT;
	if (k != CAT_COUNT)
		ui_categorie(o, k);
}

static void pupil_cell(strbuf *o, json_t *row)
{
	ui_json_pupil(o, NULL, row, jtext(row, "leerling_id"));
}

void ui_tafel_list(req *r)
{
	char path[48];
	snprintf(path, sizeof path, "/api/tafels/%lld", (long long)path_number(r->params[0]));
	json_t *j = ui_api_get(r, path);
	if (!j)
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	strbuf title = STRBUF_INIT;
	sb_printf(&title, "Thuiszitterslijst %s", side_label(jtext(j, "soort")));
	ui_begin(r, ds, sb_str(&title), NAV_TAFEL);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph ib-small\"><a class=\"utrecht-link\" href=\"/tafel\">← Thuiszitterstafel</a></p>");
	ui_form_notice(r, NULL);
	html_lit(o, "<dl class=\"ib-data\"><div><dt>Organisatie</dt><dd>");
	html_text(o, jtext(j, "organisatie"));
	html_lit(o, "</dd></div><div><dt>Peildatum</dt><dd>");
	ui_jdate(o, j, "peildatum");
	html_lit(o, "</dd></div><div><dt>Vastgesteld door</dt><dd>");
	html_text(o, jtext(j, "door"));
	html_lit(o, "</dd></div><div><dt>Leerlingen</dt><dd>");
	ui_int(o, json_integer_value(json_object_get(j, "rijen")));
	html_lit(o, "</dd></div></dl>");
	json_int_t hidden = json_integer_value(json_object_get(j, "buiten_scope"));
	if (hidden) {
		html_lit(o, "<p class=\"utrecht-paragraph ib-muted\">");
		ui_int(o, hidden);
		html_lit(o, " leerling(en) op deze lijst vallen buiten uw scope en worden niet getoond.</p>");
	}
	if (strcmp(jtext(j, "soort"), "leerplicht") == 0)
		html_markupf(o, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/tafel/%lld/besluiten\">De tafel "
				"van deze lijst: agenda en besluiten</a> · <a class=\"utrecht-link\" href=\"/tafel/%lld/agenda\">"
				"De agenda vooraf</a></p>", (long long)json_integer_value(json_object_get(j, "id")),
			     (long long)json_integer_value(json_object_get(j, "id")));
	json_t *rows = json_object_get(j, "leerlingen");
	bool own = jtext(j, "bron") && strcmp(jtext(j, "bron"), "eigen") == 0;
	char here[48];
	snprintf(here, sizeof here, "/tafel/%lld", (long long)json_integer_value(json_object_get(j, "id")));
	ui_list_exports(r, o, here);
	if (own) {
		html_lit(o, "<p class=\"utrecht-paragraph\">Eigen lijst van het samenwerkingsverband, ingelezen uit <em>");
		html_text(o, jtext(j, "bestandsnaam"));
		html_lit(o, "</em>: categorie en eerste verzuimdag zoals de eigen administratie ze geeft; school en woongemeente "
			    "zoals de registratie ze kent.</p>");
		ui_tafel_own_apart(r, j);
		html_lit(o, "<h2 class=\"utrecht-heading-2\">Gekoppeld aan de registratie</h2>");
	}
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table ib-list\"><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">Dagen thuis</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Leerling</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Categorie</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Eerste verzuimdag</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">School</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Woongemeente</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
	ui_term(o, "passend-aanbod", "Passend aanbod");
	html_lit(o, "</th>");
	if (own)
		html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell\">Koppeling</th>");
	html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
	ui_page pg = ui_page_of(r, json_array_size(rows));
	for (size_t i = pg.from; i < pg.to; i++) {
		json_t *row = json_array_get(rows, i);
		html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">"
			    "<span class=\"ib-days\">");
		ui_int(o, json_integer_value(json_object_get(row, "duur_dagen")));
		html_lit(o, "</span></td><td class=\"utrecht-table__cell\">");
		pupil_cell(o, row);
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		category(o, row);
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		ui_jdate(o, row, "startdatum");
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		name_or_none(o, school_of(ds, row));
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		name_or_none(o, gemeente_of(ds, row));
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		if (json_is_true(json_object_get(row, "zonder_aanbod")))
			html_lit(o, "<span class=\"ib-flag ib-flag--warn\">geen</span>");
		else
			html_lit(o, "<span class=\"ib-flag ib-flag--ok\">ja</span>");
		html_lit(o, "</td>");
		if (own) {
			html_lit(o, "<td class=\"utrecht-table__cell\">");
			ui_tafel_match_label(o, jtext(row, "koppeling"));
			if (jtext(row, "melding")) {
				html_lit(o, "<br><span class=\"ib-small ib-muted\">");
				html_text(o, jtext(row, "melding"));
				html_lit(o, "</span>");
			}
			html_lit(o, "</td>");
		}
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table></div>");
	ui_page_nav(r, o, &pg, NULL);
	ui_end(r, 200);
	snapshot_release(s);
	sb_free(&title);
	json_decref(j);
}

/* ---- the reconciliation ----------------------------------------------------------------- */

static void sides(strbuf *o, json_t *heads, const char *soort)
{
	html_lit(o, "<li class=\"utrecht-unordered-list__item\">");
	html_text(o, soort);
	html_lit(o, ": ");
	if (!json_array_size(heads)) {
		html_lit(o, "<span class=\"ib-flag ib-flag--warn\">nog geen lijst vastgesteld</span></li>");
		return;
	}
	size_t i;
	json_t *h;
	json_array_foreach(heads, i, h) {
		if (i)
			html_lit(o, "; ");
		html_text(o, jtext(h, "organisatie"));
		html_lit(o, ", peildatum ");
		ui_jdate(o, h, "peildatum");
	}
	html_lit(o, "</li>");
}

static void tile(strbuf *o, const char *label, json_int_t n, bool warn)
{
	html_lit(o, "<li class=\"ib-tile");
	if (warn && n)
		html_lit(o, " ib-tile--warn");
	html_lit(o, "\"><span class=\"ib-tile__number\">");
	ui_int(o, n);
	html_lit(o, "</span><span class=\"ib-tile__label\">");
	html_text(o, label);
	html_lit(o, "</span></li>");
}

static const char *const FIELD_LABELS[] = {"categorie", "categorie", "startdatum", "eerste verzuimdag",
					   "zonder_aanbod", "passend aanbod", "gemeentecode",
					   "woongemeente", "brin", "school", "vestiging", "vestiging", NULL};

static void side_cell(strbuf *o, json_t *row)
{
	if (!row || json_is_null(row)) {
		html_lit(o, "<span class=\"ib-muted\">niet op de lijst</span>");
		return;
	}
	category(o, row);
	html_lit(o, "<br><span class=\"ib-small\">sinds ");
	ui_jdate(o, row, "startdatum");
	html_lit(o, "</span>");
}

static void url_sep(strbuf *o, bool *first)
{
	if (*first)
		html_lit(o, "?");
	else
		html_lit(o, "&amp;");
	*first = false;
}

/* The link to the reconciliation with the lists given and one kind. */
static void reconcile_url(req *r, strbuf *o, const char *kind)
{
	html_lit(o, "/tafel/afstemming");
	bool first = true;
	static const char *const KEEP[] = {"leerplicht", "swv"};
	for (size_t i = 0; i < 2; i++)
		if (query(r, KEEP[i])) {
			url_sep(o, &first);
			html_url_arg(o, KEEP[i]);
			html_lit(o, "=");
			html_url_arg(o, query(r, KEEP[i]));
		}
	if (kind) {
		url_sep(o, &first);
		html_lit(o, "bekend_bij=");
		html_url_arg(o, kind);
	}
}

/* Which kinds the table shows: all, or one (a link to each). */
static void kind_links(req *r, strbuf *o, json_t *sum)
{
	static const char *const KINDS[] = {NULL, "alle", "alleen_leerplicht", "alleen bij leerplicht", "alleen_swv",
					    "alleen bij het samenwerkingsverband", "beide", "bij beide",
					    "buiten_bereik", "buiten elkaars bereik"};
	const char *now = query(r, "bekend_bij");
	html_lit(o, "<nav aria-label=\"Welke leerlingen\"><ul class=\"ib-pages__list\">");
	for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i += 2) {
		bool current = KINDS[i] ? now && strcmp(now, KINDS[i]) == 0 : !now;
		html_lit(o, "<li>");
		if (current) {
			html_lit(o, "<span class=\"ib-pages__current\" aria-current=\"page\">");
		} else {
			html_lit(o, "<a class=\"utrecht-link\" href=\"");
			reconcile_url(r, o, KINDS[i]);
			html_lit(o, "\">");
		}
		html_text(o, KINDS[i + 1]);
		if (KINDS[i]) {
			html_lit(o, " (");
			ui_int(o, json_integer_value(json_object_get(sum, KINDS[i])));
			html_lit(o, ")");
		}
		if (current)
			html_lit(o, "</span></li>");
		else
			html_lit(o, "</a></li>");
	}
	html_lit(o, "</ul></nav>");
}

static void reconcile_pages(req *r, strbuf *o, json_t *pg)
{
	/* The API pages the rows itself: the same page, shown the one way. */
	ui_page p = ui_page_at((size_t)json_integer_value(json_object_get(pg, "leerlingen")),
			       (size_t)json_integer_value(json_object_get(pg, "nummer")));
	ui_page_nav(r, o, &p, NULL);
}

/* Before both lists exist there is nothing to compare: say what is missing. */
static void reconcile_missing(strbuf *o, json_t *absent)
{
	html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\" role=\"status\"><p class=\"utrecht-paragraph\">"
		    "Nog niets om af te stemmen: ");
	size_t i;
	json_t *m;
	json_array_foreach(absent, i, m) {
		if (i)
			html_lit(o, " en ");
		html_text(o, strcmp(json_string_value(m), "swv") == 0
				     ? "het samenwerkingsverband heeft nog geen lijst vastgesteld of ingelezen"
				     : "leerplicht heeft nog geen lijst vastgesteld");
	}
	html_lit(o, ". Zodra beide lijsten er zijn, staan hier de leerlingen die maar één kant kent.</p></div>");
}

static void known_flag(strbuf *o, const char *known)
{
	if (strcmp(known, "beide") == 0)
		html_lit(o, "<span class=\"ib-flag ib-flag--ok\">beide</span>");
	else if (strcmp(known, "alleen_leerplicht") == 0)
		html_lit(o, "<span class=\"ib-flag ib-flag--warn\">alleen leerplicht</span>");
	else if (strcmp(known, "alleen_swv") == 0)
		html_lit(o, "<span class=\"ib-flag ib-flag--warn\">alleen samenwerkingsverband</span>");
	else
		html_lit(o, "<span class=\"ib-flag\">buiten elkaars bereik</span>");
}

static void reconcile_row(strbuf *o, json_t *row)
{
	json_t *lp = json_object_get(row, "leerplicht"), *sw = json_object_get(row, "swv");
	json_t *names = json_is_object(lp) ? lp : sw;
	const char *known = jtext(row, "bekend_bij");
	html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">");
	pupil_cell(o, names);
	html_lit(o, "</td><td class=\"utrecht-table__cell\">");
	known_flag(o, known);
	html_lit(o, "</td><td class=\"utrecht-table__cell\">");
	side_cell(o, lp);
	html_lit(o, "</td><td class=\"utrecht-table__cell\">");
	side_cell(o, sw);
	html_lit(o, "</td><td class=\"utrecht-table__cell\">");
	json_t *diff = json_object_get(row, "verschillen");
	size_t k;
	json_t *f;
	json_array_foreach(diff, k, f) {
		if (k)
			html_lit(o, ", ");
		const char *name = json_string_value(f);
		for (size_t x = 0; FIELD_LABELS[x]; x += 2)
			if (strcmp(FIELD_LABELS[x], name) == 0)
				name = FIELD_LABELS[x + 1];
		html_lit(o, "<strong>");
		html_text(o, name);
		html_lit(o, "</strong>");
	}
	if (!json_array_size(diff))
		html_lit(o, "<span class=\"ib-muted\">geen</span>");
	html_lit(o, "</td></tr>");
}

void ui_tafel_reconcile(req *r)
{
	json_t *j = ui_api_get(r, "/api/tafels/afstemming"); /* reads ?leerplicht, ?swv, ?bekend_bij, ?pagina */
	if (!j)
		return;
	json_t *sum = json_object_get(j, "samenvatting"), *rows = json_object_get(j, "leerlingen");
	ui_begin_page(r, "Afstemming thuiszitterslijsten", NAV_TAFEL);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph ib-small\"><a class=\"utrecht-link\" href=\"/tafel\">← Thuiszitterstafel</a></p>"
		    "<p class=\"utrecht-paragraph\">De lijst van "
		    "leerplicht (naar woonplaats) naast die van het samenwerkingsverband (naar school). Een leerling ontbreekt "
		    "aan één kant alleen als die kant hem had kunnen kennen: leerplicht kent de inwoners van zijn gemeenten, het "
		    "samenwerkingsverband de leerlingen van zijn scholen en sector. De anderen staan apart, als <em>buiten "
		    "elkaars bereik</em>.</p><ul class=\"utrecht-unordered-list\">");
	sides(o, json_object_get(j, "leerplicht"), "Leerplicht");
	sides(o, json_object_get(j, "swv"), "Samenwerkingsverband");
	html_lit(o, "</ul>");
	if (!json_is_object(sum)) {
		reconcile_missing(o, json_object_get(j, "ontbreekt"));
		ui_end(r, 200);
		json_decref(j);
		return;
	}
	html_lit(o, "<ul class=\"ib-tiles\" aria-label=\"Samenvatting\">");
	tile(o, "bij beide bekend", json_integer_value(json_object_get(sum, "beide")), false);
	tile(o, "alleen bij leerplicht", json_integer_value(json_object_get(sum, "alleen_leerplicht")), true);
	tile(o, "alleen bij het samenwerkingsverband", json_integer_value(json_object_get(sum, "alleen_swv")), true);
	tile(o, "buiten elkaars bereik (telt niet mee)", json_integer_value(json_object_get(sum, "buiten_bereik")), false);
	html_lit(o, "<li class=\"ib-tile\"><span class=\"ib-tile__number\">");
	const char *cover = jtext(sum, "dekking_procent");
	if (cover) {
		char shown[16];
		snprintf(shown, sizeof shown, "%s", cover);
		char *dot = strchr(shown, '.');
		if (dot)
			*dot = ',';
		html_text(o, shown);
		html_lit(o, "%");
	} else {
		html_lit(o, "–");
	}
	html_lit(o, "</span><span class=\"ib-tile__label\">dekking</span></li></ul><p class=\"utrecht-paragraph\" "
		    "id=\"dekking-uitleg\">");
	html_text(o, jtext(sum, "dekking_uitleg"));
	html_lit(o, "</p>");
	json_int_t hidden = json_integer_value(json_object_get(sum, "leerplicht_buiten_scope")) +
			    json_integer_value(json_object_get(sum, "swv_buiten_scope"));
	if (hidden) {
		html_lit(o, "<p class=\"utrecht-paragraph ib-muted\">");
		ui_int(o, hidden);
		html_lit(o, " regel(s) van de lijsten gaan over leerlingen buiten uw scope: die worden niet getoond en niet "
			    "meegeteld.</p>");
	}
	kind_links(r, o, sum);
	if (!json_array_size(rows)) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Geen "
			    "leerlingen van deze soort op deze lijsten binnen uw scope.</p></div>");
	} else {
		html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
			    "utrecht-table--html-table ib-list ib-reconcile\"><thead class=\"utrecht-table__header\"><tr "
			    "class=\"utrecht-table__row\"><th scope=\"col\" class=\"utrecht-table__header-cell\">Leerling</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Bekend bij</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Lijst leerplicht</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Lijst samenwerkingsverband</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Verschillen</th></tr></thead>"
			    "<tbody class=\"utrecht-table__body\">");
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row)
			reconcile_row(o, row);
		html_lit(o, "</tbody></table></div>");
	}
	reconcile_pages(r, o, json_object_get(j, "pagina"));
	ui_end(r, 200);
	json_decref(j);
}

/* ---- a fixed list to take along (issue 14) ------------------------------------------ */

static const export_column TAFEL_COLUMNS[] = {
	{"dagen thuis", true, 11},	{"leerling_id", false, 14}, {"achternaam", false, 20}, {"voornaam", false, 16},
	{"categorie", false, 28},	{"eerste verzuimdag", false, 14}, {"school", false, 32},
	{"woongemeente", false, 20},	{"passend aanbod", false, 12},
};

void ui_tafel_list_export(req *r)
{
	char path[48];
	snprintf(path, sizeof path, "/api/tafels/%lld", (long long)path_number(r->params[0]));
	json_t *j = ui_api_get(r, path); /* one audit entry, as the page */
	if (!j)
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	export_table t = {.title = "Thuiszitterslijst voor de thuiszitterstafel", .sheet = "Lijst", .cols = TAFEL_COLUMNS,
			  .n_cols = sizeof TAFEL_COLUMNS / sizeof TAFEL_COLUMNS[0]};
	json_t *rows = json_object_get(j, "leerlingen");
	snprintf(t.about, sizeof t.about, "Lijst van %s (%s), peildatum %s, vastgesteld door %s; %zu leerlingen; voor %s",
		 jtext(j, "organisatie") ? jtext(j, "organisatie") : "", side_label(jtext(j, "soort")),
		 jtext(j, "peildatum") ? jtext(j, "peildatum") : "", jtext(j, "door") ? jtext(j, "door") : "",
		 json_array_size(rows), r->who->naam);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		export_int(&t, (long long)json_integer_value(json_object_get(row, "duur_dagen")));
		export_cell(&t, jtext(row, "leerling_id"));
		export_cell(&t, jtext(row, "achternaam"));
		export_cell(&t, jtext(row, "voornaam"));
		const char *c = jtext(row, "categorie");
		categorie k = c ? categorie_from_code(c) : CAT_COUNT;
		export_cell(&t, k != CAT_COUNT ? CATEGORIE_LABELS[k] : c);
		export_cell(&t, jtext(row, "startdatum"));
		export_cell(&t, school_of(ds, row));
		export_cell(&t, gemeente_of(ds, row));
		export_cell(&t, json_is_true(json_object_get(row, "zonder_aanbod")) ? "geen" : "ja");
	}
	char name[64];
	snprintf(name, sizeof name, "tafel-lijst-%lld-%s", (long long)json_integer_value(json_object_get(j, "id")),
		 jtext(j, "peildatum") ? jtext(j, "peildatum") : "");
	ui_table_reply(r, s, &t, name);
	export_table_free(&t);
	snapshot_release(s);
	json_decref(j);
}
