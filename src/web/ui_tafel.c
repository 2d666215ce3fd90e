/*
 * ui_tafel.c - the thuiszitterstafel and stays in care (SPEC 6).
 *
 *   /tafel                 the fixed lists, when the own organisation fixes
 *                          its next one, and the button to fix it now
 *   /tafel/{id}            one fixed list
 *   /tafel/afstemming      leerplicht's list beside the SWV's: who only one
 *                          side knows, and where they differ
 *   /verblijven            children in an instelling met verblijf or a
 *                          pleeggezin, and who leads their schooling
 */
#include <stdlib.h>
#include <string.h>

#include "ui_cases.h"

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

/* Names of places for people: a school by BRIN and vestiging, a gemeente. */
static void school_name(strbuf *o, const dataset *ds, json_t *row)
{
	const char *b = jtext(row, "brin"), *v = jtext(row, "vestiging");
	int32_t k = b && v ? dataset_school(ds, b, v) : NO_REF;
	if (k != NO_REF)
		html_text(o, ds->schools[k].naam);
	else
		html_lit(o, "<span class=\"ib-muted\">geen</span>");
}

static void gemeente_name(strbuf *o, const dataset *ds, json_t *row)
{
	const char *g = jtext(row, "gemeentecode");
	int32_t k = g ? dataset_gemeente(ds, g, strlen(g)) : NO_REF;
	if (k != NO_REF)
		html_text(o, ds->gemeenten[k].naam);
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
	json_t *rows = json_object_get(j, "leerlingen");
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table ib-list\"><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">Dagen thuis</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Leerling</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Categorie</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Eerste verzuimdag</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">School</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Woongemeente</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Passend aanbod</th></tr></thead>"
		    "<tbody class=\"utrecht-table__body\">");
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
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
		school_name(o, ds, row);
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		gemeente_name(o, ds, row);
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		if (json_is_true(json_object_get(row, "zonder_aanbod")))
			html_lit(o, "<span class=\"ib-flag ib-flag--warn\">geen</span>");
		else
			html_lit(o, "<span class=\"ib-flag ib-flag--ok\">ja</span>");
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></div>");
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

static const char *const FIELD_LABELS[] = {"categorie", "categorie", "startdatum", "eerste verzuimdag", "gemeentecode",
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

void ui_tafel_reconcile(req *r)
{
	json_t *j = ui_api_get(r, "/api/tafels/afstemming"); /* reads ?leerplicht and ?swv */
	if (!j)
		return;
	json_t *sum = json_object_get(j, "samenvatting"), *rows = json_object_get(j, "leerlingen");
	ui_begin_page(r, "Afstemming thuiszitterslijsten", NAV_TAFEL);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph ib-small\"><a class=\"utrecht-link\" href=\"/tafel\">← Thuiszitterstafel</a></p>"
		    "<p class=\"utrecht-paragraph\">De lijst van "
		    "leerplicht (naar woonplaats) naast die van het samenwerkingsverband (naar school). Leerlingen die maar één "
		    "kant kent staan bovenaan; daarna wie beide kennen, met waar hun registratie verschilt.</p>"
		    "<ul class=\"utrecht-unordered-list\">");
	sides(o, json_object_get(j, "leerplicht"), "Leerplicht");
	sides(o, json_object_get(j, "swv"), "Samenwerkingsverband");
	html_lit(o, "</ul><ul class=\"ib-tiles\" aria-label=\"Samenvatting\">");
	tile(o, "bij beide bekend", json_integer_value(json_object_get(sum, "beide")), false);
	tile(o, "alleen bij leerplicht", json_integer_value(json_object_get(sum, "alleen_leerplicht")), true);
	tile(o, "alleen bij het samenwerkingsverband", json_integer_value(json_object_get(sum, "alleen_swv")), true);
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
	html_lit(o, "</span><span class=\"ib-tile__label\">dekking (bij beide bekend)</span></li></ul>");
	json_int_t hidden = json_integer_value(json_object_get(sum, "leerplicht_buiten_scope")) +
			    json_integer_value(json_object_get(sum, "swv_buiten_scope"));
	if (hidden) {
		html_lit(o, "<p class=\"utrecht-paragraph ib-muted\">");
		ui_int(o, hidden);
		html_lit(o, " regel(s) van de lijsten gaan over leerlingen buiten uw scope: die worden niet getoond en niet "
			    "meegeteld.</p>");
	}
	if (!json_array_size(rows)) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Geen "
			    "leerlingen op deze lijsten binnen uw scope.</p></div>");
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
		json_array_foreach(rows, i, row) {
			json_t *lp = json_object_get(row, "leerplicht"), *sw = json_object_get(row, "swv");
			json_t *names = json_is_object(lp) ? lp : sw;
			const char *known = jtext(row, "bekend_bij");
			html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">");
			pupil_cell(o, names);
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			if (strcmp(known, "beide") == 0)
				html_lit(o, "<span class=\"ib-flag ib-flag--ok\">beide</span>");
			else if (strcmp(known, "alleen_leerplicht") == 0)
				html_lit(o, "<span class=\"ib-flag ib-flag--warn\">alleen leerplicht</span>");
			else
				html_lit(o, "<span class=\"ib-flag ib-flag--warn\">alleen samenwerkingsverband</span>");
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
		html_lit(o, "</tbody></table></div>");
	}
	ui_end(r, 200);
	json_decref(j);
}

/* ---- stays in care ------------------------------------------------------------------------- */

static void stays_page(req *r, const char *error, int fail_status)
{
	json_t *list = ui_api_get(r, "/api/verblijven"); /* reads ?zonder_regie; one audit entry */
	if (!list)
		return;
	json_t *orgs = ui_api_get(r, "/api/regie/organisaties");
	if (!orgs) {
		json_decref(list);
		return;
	}
	ui_begin_page(r, "Verblijf in instelling of pleeggezin", NAV_DOSSIERS);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph\">"
		    "Een kind dat in een instelling met verblijf of een pleeggezin woont, heeft voor, tijdens en na het "
		    "verblijf één regiehouder voor het onderwijs.</p>");
	ui_form_notice(r, error);
	const char *z = query(r, "zonder_regie");
	html_lit(o, "<p class=\"utrecht-paragraph\">");
	if (z)
		html_lit(o, "Alleen verblijven zonder regiehouder. <a class=\"utrecht-link\" href=\"/verblijven\">Toon alle</a>");
	else
		html_lit(o, "<a class=\"utrecht-link\" href=\"/verblijven?zonder_regie=1\">Alleen die zonder regiehouder</a>");
	html_lit(o, "</p>");
	if (!json_array_size(list)) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Geen "
			    "verblijven binnen uw scope.</p></div>");
	} else {
		html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
			    "utrecht-table--html-table ib-list\"><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Leerling</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Verblijf</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Periode</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Regiehouder onderwijs</th></tr></thead>"
			    "<tbody class=\"utrecht-table__body\">");
		size_t i;
		json_t *v;
		json_array_foreach(list, i, v) {
			html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\"><a class=\"utrecht-link\" "
				    "href=\"/leerlingen/");
			html_url_path(o, jtext(v, "leerling_id"));
			html_lit(o, "\">");
			html_text(o, jtext(v, "leerling_id"));
			html_lit(o, "</a></td><td class=\"utrecht-table__cell\">");
			html_text(o, strcmp(jtext(v, "soort"), "pleeggezin") == 0 ? "pleeggezin" : "instelling met verblijf");
			if (jtext(v, "instelling")) {
				html_lit(o, ": ");
				html_text(o, jtext(v, "instelling"));
			}
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			ui_jdate(o, v, "van");
			html_lit(o, " – ");
			if (jtext(v, "tot"))
				ui_jdate(o, v, "tot");
			html_lit(o, " <span class=\"ib-small ib-muted\">(");
			html_text(o, jtext(v, "fase"));
			html_lit(o, ")</span></td><td class=\"utrecht-table__cell\">");
			json_t *rg = json_object_get(v, "regie");
			if (jtext(rg, "gebruiker")) {
				html_text(o, jtext(rg, "gebruiker"));
				html_lit(o, " <span class=\"ib-small\">(");
				html_text(o, jtext(rg, "organisatie"));
				html_lit(o, ")</span>");
			} else {
				char action[160], id[32];
				html_lit(o, "<span class=\"ib-flag ib-flag--warn\">geen regiehouder</span>");
				strbuf path = STRBUF_INIT;
				html_lit(&path, "/verblijven/");
				html_url_path(&path, jtext(v, "leerling_id"));
				sb_printf(&path, "/%lld", (long long)json_integer_value(json_object_get(v, "id")));
				snprintf(action, sizeof action, "%s", sb_str(&path));
				sb_free(&path);
				ui_form_open(r, "Regiehouder aanwijzen", action, false);
				html_lit(o, "<input type=\"hidden\" name=\"soort\" value=\"");
				html_attr(o, jtext(v, "soort"));
				html_lit(o, "\"><input type=\"hidden\" name=\"van\" value=\"");
				html_attr(o, jtext(v, "van"));
				html_lit(o, "\">");
				if (jtext(v, "tot")) {
					html_lit(o, "<input type=\"hidden\" name=\"tot\" value=\"");
					html_attr(o, jtext(v, "tot"));
					html_lit(o, "\">");
				}
				if (jtext(v, "instelling")) {
					html_lit(o, "<input type=\"hidden\" name=\"instelling\" value=\"");
					html_attr(o, jtext(v, "instelling"));
					html_lit(o, "\">");
				}
				snprintf(id, sizeof id, "verblijf-regie-%lld", (long long)json_integer_value(json_object_get(v, "id")));
				ui_regie_select(o, id, "Regiehouder", orgs, "kies een persoon");
				ui_form_close(r, "Aanwijzen");
			}
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table></div>");
	}
	ui_form_open(r, "Een verblijf vastleggen", "/verblijven", error && *error);
	ui_input(o, "verblijf-leerling", "leerling_id", "Leerling-id", "text", true, NULL);
	static const char *const SOORT[] = {"instelling", "instelling met verblijf", "pleeggezin", "pleeggezin", NULL};
	ui_select(o, "verblijf-soort", "soort", "Soort", SOORT, true);
	ui_input(o, "verblijf-instelling", "instelling", "Instelling of zorgaanbieder", "text", false, NULL);
	ui_input(o, "verblijf-van", "van", "Van", "date", true, NULL);
	ui_input(o, "verblijf-tot", "tot", "Tot en met", "date", false, "leeg zolang het duurt");
	ui_regie_select(o, "verblijf-regie", "Regiehouder voor het onderwijs", orgs, "nog niemand");
	ui_form_close(r, "Verblijf vastleggen");
	ui_end(r, error && *error ? fail_status : 200);
	json_decref(list);
	json_decref(orgs);
}

void ui_stays(req *r)
{
	stays_page(r, NULL, 200);
}

static const char *const STAY_NAMES[] = {"soort", "instelling", "van", "tot", NULL};
static const json_type STAY_TYPES[] = {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING};

/* POST or PUT a stay of pupil `pupil_id` (replaces > 0: the stay corrected). */
static void save_stay(req *r, const char *pupil_id, int64_t replaces)
{
	char error[400] = "";
	int status = 400;
	if (!pupil_id || strlen(pupil_id) > 64 || strpbrk(pupil_id, "/?#%")) {
		snprintf(error, sizeof error, "vul een bestaand leerling-id in");
	} else {
		json_t *body = json_object();
		ui_copy_fields(r, body, STAY_NAMES, STAY_TYPES);
		ui_regie_fields(r, body, "regie_organisatie_id", "regie_gebruiker_id");
		char path[160];
		if (replaces)
			snprintf(path, sizeof path, "/api/leerlingen/%s/verblijven/%lld", pupil_id, (long long)replaces);
		else
			snprintf(path, sizeof path, "/api/leerlingen/%s/verblijven", pupil_id);
		if (ui_submit(r, replaces ? "PUT" : "POST", path, body, "/verblijven", "verblijf", error, sizeof error, &status))
			return;
	}
	stays_page(r, error, status);
}

void ui_stay_record(req *r)
{
	save_stay(r, ui_field(r, "leerling_id"), 0);
}

void ui_stay_regie(req *r)
{
	int64_t id = path_number(r->params[1]);
	if (!id) {
		reply_error(r, 404, "onbekend", "dit verblijf is onbekend");
		return;
	}
	save_stay(r, r->params[0], id);
}
