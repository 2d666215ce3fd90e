/*
 * ui_doelen.c - Doelen (SPEC 8): every target of the gebieden in the user's
 * scope with its baseline (as known when the target was set and as known
 * now, side by side, with the difference explained), the straight line to
 * the goal, the actual figure at every ijkmoment since and on track or not,
 * as a table and a uPlot chart; forms to set a target, to take the G4 or
 * Zuid-Limburg template, to change one and to withdraw one (analist and
 * leerplicht); the tile on the overview; and the route table of these pages.
 *
 * The page runs GET /api/doelen in its request (ui_api): the same scope,
 * the same small-number protection; the rules are src/core's.
 */
#include <stdio.h>
#include <string.h>

#include "ui_cases.h"
#include "ui_doelen.h"

/* A figure of the API (a number, "<5" or "x") for people. */
static void figure_text(strbuf *o, json_t *v)
{
	char text[32];
	if (json_is_integer(v))
		snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v));
	else
		snprintf(text, sizeof text, "%s", json_is_string(v) ? json_string_value(v) : "");
	ui_number(o, text);
}

static void line_text(strbuf *o, json_t *v)
{
	if (json_is_string(v))
		ui_rate(o, json_string_value(v));
	else
		html_lit(o, "x");
}

void ui_on_track_badge(strbuf *o, json_t *op_koers)
{
	if (json_is_true(op_koers))
		html_lit(o, "<span class=\"ib-flag ib-flag--ok\">op koers</span>");
	else if (json_is_false(op_koers))
		html_lit(o, "<span class=\"ib-flag ib-flag--warn\">niet op koers</span>");
	else
		html_lit(o, "<span class=\"ib-muted\">niet te tonen (kleine aantallen)</span>");
}

/* "-75%" or "12 leerlingen", by the streefdatum. */
static void goal_text(strbuf *o, json_t *d)
{
	const char *rel = jtext(d, "verandering");
	if (rel) {
		html_textf(o, "%s%%", rel);
		html_lit(o, " ten opzichte van de basis");
	} else {
		html_textf(o, "%lld", (long long)json_integer_value(json_object_get(d, "aantal")));
		html_lit(o, " (een aantal)");
	}
	html_lit(o, ", uiterlijk ");
	ui_jdate(o, d, "streefdatum");
}

static void basis_text(strbuf *o, json_t *d)
{
	const char *b = jtext(d, "basis");
	if (strcmp(jtext(d, "telling"), "jaartelling") == 0) {
		int y = b ? atoi(b) : 0;
		html_textf(o, "schooljaar %d/%d", y, y + 1);
	} else {
		ui_jdate(o, d, "basis");
	}
}

/* The baseline as known then and now, with the difference in one sentence. */
static void baseline_known(strbuf *o, json_t *d, json_t *basis)
{
	json_t *then = json_object_get(basis, "bekend_toen"), *now = json_object_get(basis, "bekend_nu");
	html_lit(o, "<div class=\"utrecht-table-container\"><table class=\"utrecht-table utrecht-table--html-table ib-known\">"
		    "<caption class=\"utrecht-table__caption\">De basis (");
	basis_text(o, d);
	html_lit(o, ") zoals bekend toen en nu</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">"
		    "Bekend toen het doel werd vastgesteld</th><th scope=\"col\" class=\"utrecht-table__header-cell "
		    "utrecht-table__header-cell--numeric-column\">Bekend nu</th></tr></thead><tbody class=\"utrecht-table__body\">"
		    "<tr class=\"utrecht-table__row\">"
		    "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
	figure_text(o, then);
	html_lit(o, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
	figure_text(o, now);
	html_lit(o, "</td></tr></tbody></table></div><p class=\"utrecht-paragraph ib-known__why\">");
	bool numbers = json_is_integer(then) && json_is_integer(now);
	if (numbers && json_integer_value(then) == json_integer_value(now))
		html_lit(o, "De basis is niet veranderd sinds het doel werd vastgesteld: er kwamen sindsdien geen correcties "
			    "of late registraties bij die de telling op de basisdatum raken.");
	else if (numbers)
		html_textf(o, "De basis is nu %lld in plaats van %lld: correcties en late registraties die na het vaststellen "
			      "van het doel in de registratie kwamen, veranderen achteraf de telling op de basisdatum (het "
			      "registratie-effect); de lijn rekent met de basis zoals die nu bekend is.",
			   (long long)json_integer_value(now), (long long)json_integer_value(then));
	else
		html_lit(o, "Een klein aantal is afgeschermd; of de basis sinds het vaststellen veranderde, is daarom niet "
			    "te tonen.");
	html_lit(o, "</p>");
}

/* The way so far: a chart over a table of ijkmoment, line, actual and on track. */
static void way_table(strbuf *o, json_t *d, json_t *v, size_t k)
{
	json_t *points = json_object_get(v, "punten");
	html_lit(o, "<figure class=\"ib-chart-figure\"><div class=\"ib-chart\" aria-hidden=\"true\"></div>"
		    "<figcaption class=\"utrecht-paragraph utrecht-paragraph--small\">De lijn loopt recht van de basis naar "
		    "het doel op de streefdatum; op koers is het werkelijke cijfer op of onder de lijn.</figcaption>"
		    "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table ib-chart-data\" data-chart=\"line\" id=\"doel-");
	html_textf(o, "%zu", k);
	html_lit(o, "-tabel\"><caption class=\"utrecht-table__caption\">Lijn en werkelijk cijfer: ");
	html_text(o, jtext(d, "regels_tekst"));
	html_lit(o, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
	html_text(o, strcmp(jtext(d, "telling"), "jaartelling") == 0 ? "Einde schooljaar" : "Ijkmoment");
	html_lit(o, "</th><th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">"
		    "Lijn naar het doel</th><th scope=\"col\" class=\"utrecht-table__header-cell "
		    "utrecht-table__header-cell--numeric-column\">Werkelijk</th><th scope=\"col\" class=\"utrecht-table__header-cell\" "
		    "data-no-chart=\"1\">Op koers</th></tr></thead><tbody class=\"utrecht-table__body\">");
	for (size_t i = 0; i < json_array_size(points); i++) {
		json_t *p = json_array_get(points, i), *lijn = json_object_get(p, "lijn"), *w = json_object_get(p, "werkelijk");
		html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		ui_jdate(o, p, "datum");
		html_lit(o, "</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\" data-v=\"");
		if (json_is_string(lijn))
			html_attr(o, json_string_value(lijn));
		html_lit(o, "\">");
		line_text(o, lijn);
		html_lit(o, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\" data-v=\"");
		if (json_is_integer(w))
			html_textf(o, "%lld", (long long)json_integer_value(w));
		html_lit(o, "\">");
		figure_text(o, w);
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		ui_on_track_badge(o, json_object_get(p, "op_koers"));
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></div></figure>");
}

static const char *const PER_CHOICES[] = {"gemeente", "gemeenten", "swv", "samenwerkingsverbanden", NULL};
static const char *const TELLING_CHOICES[] = {"resultaatschema", "Resultaatschema (op een peildatum)", "jaartelling",
					      "jaartelling (over een schooljaar)", NULL};
static const char *const KOLOM_CHOICES[] = {"totaal", "totaal", "lang", "3 maanden of langer", NULL};

/* Change a target: a new version, the one shown (versie) replaced. */
static void change_form(req *r, const ui_refusal *rf, json_t *d, long long id)
{
	strbuf *o = &r->out;
	ui_form f;
	char action[64], pre[32], fid[64], aantal[24] = "";
	snprintf(action, sizeof action, "/doelen/%lld", id);
	snprintf(pre, sizeof pre, "wijzig-%lld", id);
	ui_form_begin(&f, r, rf, "Doel wijzigen (de huidige versie blijft bewaard)", action, false);
	html_markupf(o, "<input type=\"hidden\" name=\"versie\" value=\"%lld\">",
		   (long long)json_integer_value(json_object_get(d, "versie")));
	json_t *a = json_object_get(d, "aantal");
	if (json_is_integer(a))
		snprintf(aantal, sizeof aantal, "%lld", (long long)json_integer_value(a));
	static const struct {
		const char *name, *label, *type;
		bool required;
	} FIELDS[] = {{"naam", "Naam", "text", false}, {"gebieden", "Gebieden", "text", true}, {"regels", "Regels", "text", true},
		      {"basis", "Basis", "text", true}, {"verandering", "Verandering in procenten", "text", false},
		      {"aantal", "Aantal", "text", false}, {"streefdatum", "Streefdatum", "date", true}};
	snprintf(fid, sizeof fid, "%s-per", pre);
	ui_f_select(&f, fid, "per", "Geldt voor", PER_CHOICES, true, jtext(d, "per"));
	snprintf(fid, sizeof fid, "%s-telling", pre);
	ui_f_select(&f, fid, "telling", "Telling", TELLING_CHOICES, true, jtext(d, "telling"));
	snprintf(fid, sizeof fid, "%s-kolom", pre);
	ui_f_select(&f, fid, "kolom", "Kolom", KOLOM_CHOICES, true, jtext(d, "kolom"));
	for (size_t i = 0; i < sizeof FIELDS / sizeof FIELDS[0]; i++) {
		snprintf(fid, sizeof fid, "%s-%s", pre, FIELDS[i].name);
		const char *v = strcmp(FIELDS[i].name, "aantal") == 0 ? aantal : jtext(d, FIELDS[i].name);
		ui_f_input(&f, fid, FIELDS[i].name, FIELDS[i].label, FIELDS[i].type, FIELDS[i].required, NULL, v ? v : "");
	}
	ui_form_end(&f, "Wijziging vastleggen");
}

static void target_section(req *r, const ui_refusal *rf, json_t *d, size_t k, bool setter)
{
	strbuf *o = &r->out;
	json_t *v = json_object_get(d, "voortgang");
	long long id = (long long)json_integer_value(json_object_get(d, "id"));
	html_lit(o, "<section class=\"ib-section ib-doel\" aria-labelledby=\"doel-");
	html_textf(o, "%zu", k);
	html_lit(o, "-kop\"><h2 class=\"utrecht-heading-2\" id=\"doel-");
	html_textf(o, "%zu", k);
	html_lit(o, "-kop\">");
	const char *naam = jtext(d, "naam");
	html_text(o, naam && *naam ? naam : jtext(d, "regels_tekst"));
	html_lit(o, " ");
	ui_on_track_badge(o, json_object_get(v, "op_koers"));
	html_lit(o, "</h2><dl class=\"ib-details\"><dt>Gebied</dt><dd>");
	json_t *names = json_object_get(d, "gebied_namen");
	for (size_t i = 0; i < json_array_size(names); i++) {
		if (i)
			html_lit(o, " + ");
		html_text(o, json_string_value(json_array_get(names, i)));
	}
	html_lit(o, "</dd><dt>Regels</dt><dd>");
	html_text(o, jtext(d, "regels_tekst"));
	html_text(o, strcmp(jtext(d, "kolom"), "lang") == 0 ? " (3 maanden of langer)" : " (totaal)");
	html_text(o, strcmp(jtext(d, "telling"), "jaartelling") == 0 ? ", jaartelling (over het schooljaar)"
								     : ", Resultaatschema (op de peildatum)");
	html_lit(o, "</dd><dt>Basis</dt><dd>");
	basis_text(o, d);
	html_lit(o, "</dd><dt>Doel</dt><dd>");
	goal_text(o, d);
	if (json_is_string(json_object_get(v, "doel"))) {
		html_lit(o, ": ");
		line_text(o, json_object_get(v, "doel"));
	}
	html_lit(o, "</dd><dt>Vastgesteld</dt><dd>door ");
	html_text(o, jtext(d, "door"));
	html_lit(o, " op ");
	ui_timestamp(o, jtext(d, "vastgelegd_op"));
	html_lit(o, "</dd></dl>");
	if (v) {
		baseline_known(o, d, json_object_get(v, "basis"));
		way_table(o, d, v, k);
	}
	if (setter) {
		change_form(r, rf, d, id);
		char action[64];
		snprintf(action, sizeof action, "/doelen/%lld/intrekken", id);
		html_lit(o, "<form class=\"ib-form\" method=\"post\" action=\"");
		html_attr(o, action);
		html_lit(o, "\">");
		ui_csrf_field(r);
		html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Doel intrekken"
			    "<span class=\"ib-visually-hidden\">: ");
		html_text(o, naam && *naam ? naam : jtext(d, "regels_tekst"));
		html_lit(o, "</span></button></form>");
	}
	html_lit(o, "</section>");
}

/* The user's own codes, to fill in the forms. */
static const char *own_codes(req *r)
{
	return r->who->scope_text;
}

static void new_target_form(req *r, const ui_refusal *rf)
{
	ui_form f;
	ui_form_begin(&f, r, rf, "Een doel vaststellen", "/doelen", false);
	ui_f_input(&f, "doel-naam", "naam", "Naam", "text", false, NULL, NULL);
	ui_f_select(&f, "doel-per", "per", "Geldt voor", PER_CHOICES, true, NULL);
	strbuf hint = STRBUF_INIT;
	sb_printf(&hint, "Codes, gescheiden door komma's; samen geteld. Uw scope: %s", own_codes(r));
	ui_f_input(&f, "doel-gebieden", "gebieden", "Gebieden", "text", true, sb_str(&hint), NULL);
	sb_free(&hint);
	ui_f_select(&f, "doel-telling", "telling", "Telling", TELLING_CHOICES, true, NULL);
	ui_f_input(&f, "doel-regels", "regels", "Regels", "text", true,
		 "Codes gescheiden door komma's, bijvoorbeeld AV_PO,AV_VO (Resultaatschema) of AV (jaartelling)", NULL);
	ui_f_select(&f, "doel-kolom", "kolom", "Kolom", KOLOM_CHOICES, true, NULL);
	ui_f_input(&f, "doel-basis", "basis", "Basis", "text", true,
		 "Een peildatum JJJJ-MM-DD (Resultaatschema) of een schooljaar JJJJ (jaartelling)", NULL);
	ui_f_input(&f, "doel-verandering", "verandering", "Verandering in procenten", "text", false,
		   "Bijvoorbeeld -75; vul dit of het aantal in", NULL);
	ui_f_input(&f, "doel-aantal", "aantal", "Aantal", "text", false, "Het doel als aantal, bijvoorbeeld 0", NULL);
	ui_f_input(&f, "doel-streefdatum", "streefdatum", "Streefdatum", "date", true, "Dan moet het doel bereikt zijn", NULL);
	ui_form_end(&f, "Doel vaststellen");
}

static void template_forms(req *r, const ui_refusal *rf, json_t *templates)
{
	strbuf *o = &r->out;
	ui_form f;
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"sjablonen-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"sjablonen-kop\">Sjablonen uit de regio's</h2>");
	for (size_t i = 0; i < json_array_size(templates); i++) {
		json_t *t = json_array_get(templates, i);
		const char *code = jtext(t, "code");
		bool yearly = strcmp(jtext(t, "telling"), "jaartelling") == 0;
		html_lit(o, "<h3 class=\"utrecht-heading-3\">");
		html_text(o, jtext(t, "naam"));
		html_lit(o, "</h3><p class=\"utrecht-paragraph ib-small\">");
		html_text(o, jtext(t, "bron"));
		html_lit(o, "</p><ul class=\"utrecht-unordered-list\">");
		json_t *list = json_object_get(t, "doelen");
		for (size_t k = 0; k < json_array_size(list); k++) {
			html_lit(o, "<li class=\"utrecht-unordered-list__item\">");
			html_text(o, jtext(json_array_get(list, k), "naam"));
			html_lit(o, "</li>");
		}
		html_lit(o, "</ul>");
		char action[80], summary[160], id[64];
		snprintf(action, sizeof action, "/doelen/sjablonen/%s", code);
		snprintf(summary, sizeof summary, "Sjabloon %s gebruiken", jtext(t, "naam"));
		ui_form_begin(&f, r, rf, summary, action, false);
		snprintf(id, sizeof id, "sjabloon-%s-per", code);
		ui_f_select(&f, id, "per", "Geldt voor", PER_CHOICES, true, NULL);
		snprintf(id, sizeof id, "sjabloon-%s-gebieden", code);
		ui_f_input(&f, id, "gebieden", "Gebieden", "text", true, "Codes, gescheiden door komma's; samen geteld", NULL);
		snprintf(id, sizeof id, "sjabloon-%s-basis", code);
		ui_f_input(&f, id, "basis", yearly ? "Schooljaar van de basis" : "Peildatum van de basis", "text", true,
			 yearly ? "JJJJ: het schooljaar JJJJ/JJJJ+1" : "JJJJ-MM-DD", NULL);
		ui_form_end(&f, "Doelen vaststellen");
	}
	html_lit(o, "</section>");
}

static void doelen_page(req *r, const ui_refusal *rf)
{
	json_t *doelen = ui_api_get(r, "/api/doelen");
	if (!doelen)
		return;
	json_t *templates = ui_api_get(r, "/api/doelen/sjablonen");
	if (!templates) {
		json_decref(doelen);
		return;
	}
	bool setter = r->who->rol == ROLE_ANALIST || r->who->rol == ROLE_LEERPLICHT;
	ui_begin_page(r, "Doelen", NAV_DOELEN);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">"
		    "De doelen van de gebieden in uw scope: de basis, de rechte lijn naar het doel, het werkelijke cijfer op "
		    "elk ijkmoment sindsdien en of het gebied op koers is (op of onder de lijn).</p>"
		    "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/jaarverslag\">Het jaarverslag "
		    "leerplicht, om af te drukken</a></p>");
	ui_form_notice(r, rf ? rf->reason : NULL);
	if (!json_array_size(doelen))
		html_lit(o, "<p class=\"utrecht-paragraph\">Er zijn nog geen doelen voor de gebieden in uw scope.</p>");
	for (size_t k = 0; k < json_array_size(doelen); k++)
		target_section(r, rf, json_array_get(doelen, k), k, setter);
	if (setter) {
		html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"nieuw-kop\"><h2 class=\"utrecht-heading-2\" "
			    "id=\"nieuw-kop\">Een doel vaststellen</h2>");
		new_target_form(r, rf);
		html_lit(o, "</section>");
		template_forms(r, rf, templates);
	}
	json_decref(doelen);
	json_decref(templates);
	ui_end(r, rf ? rf->status : 200);
}

void ui_doelen(req *r)
{
	doelen_page(r, NULL);
}

static const char *const TARGET_NAMES[] = {"naam",	  "per",	 "gebieden", "telling", "regels", "kolom",
					   "basis",	  "verandering", "aantal",   "streefdatum", NULL};
static const json_type TARGET_TYPES[] = {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING,
					 JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING};

void ui_doel_create(req *r)
{
	json_t *body = json_object();
	ui_copy_fields(r, body, TARGET_NAMES, TARGET_TYPES);
	ui_refusal rf;
	if (!ui_submit_form(r, "POST", "/api/doelen", body, "/doelen", "doel", &rf))
		doelen_page(r, &rf);
}

void ui_doel_template(req *r)
{
	char path[120];
	json_t *body = json_object();
	static const char *const NAMES[] = {"per", "gebieden", "basis", NULL};
	ui_copy_fields(r, body, NAMES, TARGET_TYPES);
	snprintf(path, sizeof path, "/api/doelen/sjablonen/%s", r->params[0]);
	ui_refusal rf;
	if (!ui_submit_form(r, "POST", path, body, "/doelen", "sjabloon", &rf))
		doelen_page(r, &rf);
}

void ui_doel_change(req *r)
{
	char path[120];
	json_t *body = json_object();
	ui_copy_fields(r, body, TARGET_NAMES, TARGET_TYPES);
	static const char *const VERSIE[] = {"versie", NULL};
	static const json_type INTEGER[] = {JSON_INTEGER};
	ui_copy_fields(r, body, VERSIE, INTEGER);
	snprintf(path, sizeof path, "/api/doelen/%s", r->params[0]);
	ui_refusal rf;
	if (!ui_submit_form(r, "PUT", path, body, "/doelen", "doel-gewijzigd", &rf))
		doelen_page(r, &rf);
}

void ui_doel_withdraw(req *r)
{
	char path[120];
	snprintf(path, sizeof path, "/api/doelen/%s", r->params[0]);
	ui_refusal rf;
	if (!ui_submit_form(r, "DELETE", path, NULL, "/doelen", "doel-ingetrokken", &rf))
		doelen_page(r, &rf);
}

void ui_targets_tiles(strbuf *o, json_t *doelen)
{
	size_t on = 0, off = 0, unknown = 0;
	for (size_t i = 0; i < json_array_size(doelen); i++) {
		json_t *k = json_object_get(json_object_get(json_array_get(doelen, i), "voortgang"), "op_koers");
		on += json_is_true(k);
		off += json_is_false(k);
		unknown += !json_is_boolean(k);
	}
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"doelen-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"doelen-kop\">Doelen</h2><ul class=\"ib-tiles\">");
	const struct {
		const char *label;
		size_t n;
		bool warn;
	} tiles[3] = {{"doelen op koers", on, false}, {"doelen niet op koers", off, true},
		      {"doelen niet te tonen (kleine aantallen)", unknown, false}};
	for (int t = 0; t < 3; t++) {
		if (t == 2 && !unknown)
			continue;
		html_lit(o, "<li class=\"ib-tile");
		if (tiles[t].warn && tiles[t].n)
			html_lit(o, " ib-tile--warn");
		html_lit(o, "\"><a class=\"ib-tile__link\" href=\"/doelen\"><span class=\"ib-tile__number\">");
		ui_int(o, (int64_t)tiles[t].n);
		html_lit(o, "</span><span class=\"ib-tile__label\">");
		html_text(o, tiles[t].label);
		html_lit(o, "</span></a></li>");
	}
	html_lit(o, "</ul></section>");
}

/* ---- routes ------------------------------------------------------------------------------- */

#define F(name) {name, JSON_STRING, false, NULL}

const route DOEL_PAGES[] = {
	{"GET", "/doelen", ui_doelen, ALL_ROLES, false, false, BODY_NONE, 0, "Doelen", "Pagina's",
	 {{"gedaan", P_CODE, false, NULL, "wat een formulier deed"}}, {{0}}, "200", true},
	{"POST", "/doelen", ui_doel_create, R(ROLE_ANALIST) | R(ROLE_LEERPLICHT), false, true, BODY_FORM, 8192,
	 "Formulier: een doel vaststellen", "Pagina's", {{0}},
	 {F("naam"), F("per"), F("gebieden"), F("telling"), F("regels"), F("kolom"), F("basis"), F("verandering"),
	  F("aantal"), F("streefdatum")},
	 "303,400,403", true},
	{"POST", "/doelen/sjablonen/{code}", ui_doel_template, R(ROLE_ANALIST) | R(ROLE_LEERPLICHT), false, true,
	 BODY_FORM, 4096, "Formulier: de doelen van een sjabloon vaststellen", "Pagina's", {{0}},
	 {F("per"), F("gebieden"), F("basis")}, "303,400,403,404", true},
	{"POST", "/doelen/{id}", ui_doel_change, R(ROLE_ANALIST) | R(ROLE_LEERPLICHT), false, true, BODY_FORM, 8192,
	 "Formulier: een doel wijzigen", "Pagina's", {{0}},
	 {F("naam"), F("per"), F("gebieden"), F("telling"), F("regels"), F("kolom"), F("basis"), F("verandering"),
	  F("aantal"), F("streefdatum"), F("versie")},
	 "303,400,403,404,409", true},
	{"POST", "/doelen/{id}/intrekken", ui_doel_withdraw, R(ROLE_ANALIST) | R(ROLE_LEERPLICHT), false, true,
	 BODY_FORM, 1024, "Formulier: een doel intrekken", "Pagina's", {{0}}, {{0}}, "303,403,404", true},
};

const size_t N_DOEL_PAGES = sizeof DOEL_PAGES / sizeof DOEL_PAGES[0];
