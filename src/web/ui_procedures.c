/*
 * ui_procedures.c - the vrijstelling 5a procedure (SPEC 6).
 *
 *   /vrijstellingsprocedures       the procedures in scope, and a new request
 *   /vrijstellingsprocedures/{id}  its steps, and a form for the next ones
 *   /herbeoordelingen              every pupil with a vrijstelling (any
 *                                  ground) and its next review, earliest
 *                                  first; an imported 5a marked zonder
 *                                  procedure until its first review
 */
#include <string.h>

#include "../core/procedure.h"
#include "ui_cases.h"

static const char *const STEP_LABELS[] = {
	"aanvraag", "Aanvraag van de ouders", "advies_arts", "Advies van arts of gedragsdeskundige",
	"advies_swv", "Advies van het samenwerkingsverband", "mdo", "MDO", "besluit", "Besluit van de leerplichtambtenaar",
	"herbeoordeling", "Herbeoordeling", NULL,
};

static void procedures_page(req *r, const ui_refusal *rf)
{
	ui_form f;
	json_t *list = ui_api_get(r, "/api/vrijstellingsprocedures"); /* reads ?fase; one audit entry */
	if (!list)
		return;
	ui_begin_page(r, "Vrijstellingsprocedures 5a", NAV_PROCEDURES);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph\">Aanvraag "
		    "van de ouders, advies van een onafhankelijke arts of gedragsdeskundige, advies van het "
		    "samenwerkingsverband (altijd), zo nodig een MDO, dan het besluit van de leerplichtambtenaar. Elke "
		    "verleende vrijstelling wordt herbeoordeeld: <a class=\"utrecht-link\" href=\"/herbeoordelingen\">"
		    "herbeoordelingen</a>.</p>");
	ui_form_notice(r, rf ? rf->reason : NULL);
	if (!json_array_size(list)) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Geen "
			    "procedures binnen uw scope.</p></div>");
	} else {
		html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
			    "utrecht-table--html-table ib-list\"><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Leerling</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Aanvraag</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Stand</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Samenwerkingsverband</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Volgende herbeoordeling</th></tr></thead>"
			    "<tbody class=\"utrecht-table__body\">");
		ui_page pg = ui_page_of(r, json_array_size(list));
		for (size_t i = pg.from; i < pg.to; i++) {
			json_t *p = json_array_get(list, i);
			char href[64];
			snprintf(href, sizeof href, "/vrijstellingsprocedures/%lld",
				 (long long)json_integer_value(json_object_get(p, "id")));
			html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">");
			ui_json_pupil(o, href, json_object_get(p, "leerling"), jtext(p, "leerling_id"));
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			ui_jdate(o, p, "aanvraagdatum");
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			html_text(o, jtext(p, "fase"));
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			json_t *asked = json_object_get(p, "swv");
			html_text(o, jtext(asked, "naam") ? jtext(asked, "naam") : jtext(asked, "code"));
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			json_t *rv = json_object_get(p, "herbeoordeling");
			if (json_is_object(rv)) {
				ui_jdate(o, rv, "volgende");
				html_lit(o, " ");
				ui_term_badge(o, jtext(rv, "status"));
			}
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table></div>");
		ui_page_nav(r, o, &pg, NULL);
	}
	if (r->who->rol == ROLE_LEERPLICHT) {
		ui_form_begin(&f, r, rf, "Een aanvraag vastleggen", "/vrijstellingsprocedures", false);
		ui_f_input(&f, "vp-leerling", "leerling_id", "Leerling-id", "text", true, NULL, NULL);
		ui_f_input(&f, "vp-datum", "datum", "Datum van de aanvraag", "date", true, NULL, NULL);
		ui_f_input(&f, "vp-swv", "swv", "Samenwerkingsverband om advies", "text", false,
			   "code, zoals VO2601; standaard dat van de leerling", NULL);
		ui_f_textarea(&f, "vp-toelichting", "toelichting", "Toelichting", false, NULL, NULL);
		ui_form_end(&f, "Aanvraag vastleggen");
	}
	ui_end(r, rf ? rf->status : 200);
	json_decref(list);
}

void ui_procedures(req *r)
{
	procedures_page(r, NULL);
}

void ui_procedure_create(req *r)
{
	json_t *body = json_object();
	static const char *const NAMES[] = {"leerling_id", "datum", "swv", "toelichting", NULL};
	static const json_type TYPES[] = {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING};
	ui_copy_fields(r, body, NAMES, TYPES);
	ui_refusal rf;
	if (!ui_submit_form(r, "POST", "/api/vrijstellingsprocedures", body, "/vrijstellingsprocedures/{id}", "aanvraag", &rf))
		procedures_page(r, &rf);
}

static void step_row(strbuf *o, const char *label, json_t *p, const char *key, const char *waiting)
{
	html_lit(o, "<li class=\"ib-step\">");
	bool done = jtext(p, key) != NULL;
	if (done)
		html_lit(o, "<span class=\"ib-flag ib-flag--ok\">✓</span> ");
	else
		html_lit(o, "<span class=\"ib-cat ib-cat--let-op\">…</span> ");
	html_text(o, label);
	html_lit(o, ": ");
	if (done)
		ui_jdate(o, p, key);
	else
		html_text(o, waiting);
	html_lit(o, "</li>");
}

static void procedure_page(req *r, int64_t id, const ui_refusal *rf)
{
	ui_form f;
	char path[64];
	snprintf(path, sizeof path, "/api/vrijstellingsprocedures/%lld", (long long)id);
	json_t *p = ui_api_get(r, path);
	if (!p)
		return;
	strbuf title = STRBUF_INIT;
	json_t *l = json_object_get(p, "leerling");
	sb_printf(&title, "Vrijstelling %s: %s %s", jtext(p, "grond") ? jtext(p, "grond") : "5a",
		  jtext(l, "voornaam") ? jtext(l, "voornaam") : "",
		  jtext(l, "achternaam") ? jtext(l, "achternaam") : jtext(p, "leerling_id"));
	ui_begin_page(r, sb_str(&title), NAV_PROCEDURES);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph ib-small\"><a class=\"utrecht-link\" href=\"/vrijstellingsprocedures\">← Alle "
		    "procedures</a></p>");
	ui_form_notice(r, rf ? rf->reason : NULL);
	html_lit(o, "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">");
	html_text(o, jtext(p, "fase"));
	html_lit(o, "</p><ol class=\"ib-steps\">");
	bool registry = json_is_true(json_object_get(p, "uit_registratie"));
	if (!registry) {
		step_row(o, "Aanvraag van de ouders", p, "aanvraagdatum", "");
		step_row(o, "Advies van een onafhankelijke arts of gedragsdeskundige", p, "advies_arts", "wacht");
		step_row(o, "Advies van het samenwerkingsverband", p, "advies_swv", "wacht (wordt altijd gevraagd)");
		html_markupf(o, "<li class=\"ib-step\"><span class=\"ib-cat ib-cat--overig\">%lld</span> MDO (niet "
				"verplicht)</li>",
			     (long long)json_integer_value(json_object_get(p, "mdo")));
	}
	json_t *b = json_object_get(p, "besluit");
	html_lit(o, "<li class=\"ib-step\">");
	if (registry) {
		html_lit(o, "<span class=\"ib-flag ib-flag--ok\">✓</span> Overgenomen uit de registratie (verleend buiten "
			    "een procedure in inbeeld): vrijgesteld vanaf ");
		ui_jdate(o, b, "van");
		if (jtext(b, "tot")) {
			html_lit(o, " tot en met ");
			ui_jdate(o, b, "tot");
		}
	} else if (json_is_object(b)) {
		html_lit(o, "<span class=\"ib-flag ib-flag--ok\">✓</span> Besluit: ");
		html_text(o, jtext(b, "uitkomst"));
		html_lit(o, " op ");
		ui_jdate(o, b, "datum");
		if (jtext(b, "van")) {
			html_lit(o, ", vrijgesteld vanaf ");
			ui_jdate(o, b, "van");
		}
		if (jtext(b, "tot")) {
			html_lit(o, " tot en met ");
			ui_jdate(o, b, "tot");
		}
	} else {
		html_lit(o, "<span class=\"ib-cat ib-cat--let-op\">…</span> Besluit van de leerplichtambtenaar: nog niet");
	}
	html_lit(o, "</li>");
	json_t *rv = json_object_get(p, "herbeoordeling");
	if (json_is_object(rv)) {
		html_lit(o, "<li class=\"ib-step\">Volgende herbeoordeling: ");
		ui_jdate(o, rv, "volgende");
		html_lit(o, " ");
		ui_term_badge(o, jtext(rv, "status"));
		html_lit(o, "</li>");
	}
	html_lit(o, "</ol><dl class=\"ib-data\"><div><dt>Leerling</dt><dd><a class=\"utrecht-link\" href=\"/leerlingen/");
	html_url_path(o, jtext(p, "leerling_id"));
	html_lit(o, "\">");
	html_text(o, jtext(p, "leerling_id"));
	html_lit(o, "</a></dd></div><div><dt>Samenwerkingsverband om advies</dt><dd>");
	json_t *asked = json_object_get(p, "swv");
	html_text(o, jtext(asked, "naam") ? jtext(asked, "naam") : jtext(asked, "code"));
	html_lit(o, "</dd></div></dl>");

	/* The next steps this role can take. */
	bool decided = json_is_object(b), lp = r->who->rol == ROLE_LEERPLICHT;
	bool granted = decided && strcmp(jtext(b, "uitkomst"), "afgewezen") != 0;
	char action[96];
#define STEP(seg) (snprintf(action, sizeof action, "/vrijstellingsprocedures/%lld/" seg, (long long)id), action)
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"stappen-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"stappen-kop\">Vastleggen</h2>");
	if (!decided && lp && !jtext(p, "advies_arts")) {
		ui_form_begin(&f, r, rf, "Advies van een onafhankelijke arts of gedragsdeskundige", STEP("advies-arts"), false);
		ui_f_input(&f, "arts-datum", "datum", "Datum van het advies", "date", true, NULL, NULL);
		ui_f_input(&f, "arts-wie", "deskundige", "Deskundige", "text", true, "naam en functie", NULL);
		ui_f_textarea(&f, "arts-advies", "advies", "Advies", true, NULL, NULL);
		ui_form_end(&f, "Advies vastleggen");
	}
	if (!decided && !jtext(p, "advies_swv")) {
		ui_form_begin(&f, r, rf, "Advies van het samenwerkingsverband", STEP("advies-swv"), r->who->rol == ROLE_SWV);
		ui_f_input(&f, "swv-datum", "datum", "Datum van het advies", "date", true, NULL, NULL);
		ui_f_textarea(&f, "swv-advies", "advies", "Advies", true, NULL, NULL);
		ui_f_textarea(&f, "swv-mogelijk", "mogelijkheden", "Welk onderwijs wel mogelijk is", false, NULL, NULL);
		ui_form_end(&f, "Advies vastleggen");
	}
	if (!decided) {
		ui_form_begin(&f, r, rf, "MDO", STEP("mdo"), false);
		ui_f_input(&f, "vmdo-datum", "datum", "Datum", "date", true, NULL, NULL);
		ui_f_textarea(&f, "vmdo-deelnemers", "deelnemers", "Deelnemers", true, "één per regel of met komma's", NULL);
		ui_f_textarea(&f, "vmdo-afspraken", "afspraken", "Afspraken", true, NULL, NULL);
		ui_form_end(&f, "MDO vastleggen");
	}
	if (!decided && lp && jtext(p, "advies_arts") && jtext(p, "advies_swv")) {
		static const char *const BESLUIT[] = {"tijdelijk", "vrijstelling verlenen, tijdelijk (met einddatum)",
						      "permanent", "vrijstelling verlenen, permanent", "afgewezen",
						      "afwijzen", NULL};
		ui_form_begin(&f, r, rf, "Besluit", STEP("besluit"), true);
		ui_f_input(&f, "besluit-datum", "datum", "Datum van het besluit", "date", true, NULL, NULL);
		ui_f_select(&f, "besluit-keuze", "besluit", "Besluit", BESLUIT, true, NULL);
		ui_f_input(&f, "besluit-van", "van", "Vrijgesteld vanaf", "date", false, "bij verlenen", NULL);
		ui_f_input(&f, "besluit-tot", "tot", "Tot en met", "date", false, "bij tijdelijk", NULL);
		ui_f_textarea(&f, "besluit-motivering", "motivering", "Motivering", true, NULL, NULL);
		ui_form_end(&f, "Besluit vastleggen");
	}
	if (granted) {
		ui_form_begin(&f, r, rf, "Herbeoordeling", STEP("herbeoordeling"), false);
		ui_f_input(&f, "herb-datum", "datum", "Datum", "date", true, NULL, NULL);
		ui_f_textarea(&f, "herb-bevinding", "bevinding", "Bevinding: welk onderwijs is toch mogelijk", true, NULL, NULL);
		ui_f_input(&f, "herb-volgende", "volgende", "Volgende herbeoordeling", "date", false,
			 "standaard een jaar later, bij tijdelijk uiterlijk acht weken voor het einde", NULL);
		ui_form_end(&f, "Herbeoordeling vastleggen");
	}
#undef STEP
	html_lit(o, "</section>");
	ui_timeline(o, "Verloop", json_object_get(p, "tijdlijn"), STEP_LABELS);
	ui_end(r, rf ? rf->status : 200);
	sb_free(&title);
	json_decref(p);
}

void ui_procedure(req *r)
{
	procedure_page(r, path_number(r->params[0]), NULL);
}

/* The fields each step sends. */
static const struct {
	const char *step, *done;
	const char *names[6];
	json_type types[6];
} STEPS[] = {
	{"advies-arts", "advies-arts", {"datum", "deskundige", "advies"}, {JSON_STRING, JSON_STRING, JSON_STRING}},
	{"advies-swv", "advies-swv", {"datum", "advies", "mogelijkheden"}, {JSON_STRING, JSON_STRING, JSON_STRING}},
	{"mdo", "mdo", {"datum", "deelnemers", "afspraken"}, {JSON_STRING, JSON_ARRAY, JSON_STRING}},
	{"besluit", "besluit", {"datum", "besluit", "van", "tot", "motivering"},
	 {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING}},
	{"herbeoordeling", "herbeoordeling", {"datum", "bevinding", "volgende"}, {JSON_STRING, JSON_STRING, JSON_STRING}},
};

void ui_procedure_step(req *r)
{
	int64_t id = path_number(r->params[0]);
	const char *step = r->params[1];
	size_t k = 0;
	while (k < sizeof STEPS / sizeof STEPS[0] && strcmp(STEPS[k].step, step) != 0)
		k++;
	if (k == sizeof STEPS / sizeof STEPS[0]) {
		reply_error(r, 404, "onbekend", "onbekende stap '%.40s'", step);
		return;
	}
	json_t *body = json_object();
	ui_copy_fields(r, body, STEPS[k].names, STEPS[k].types);
	char path[96];
	snprintf(path, sizeof path, "/api/vrijstellingsprocedures/%lld/%s", (long long)id, STEPS[k].step);
	char back[64];
	snprintf(back, sizeof back, "/vrijstellingsprocedures/%lld", (long long)id);
	ui_refusal rf;
	if (!ui_submit_form(r, "POST", path, body, back, STEPS[k].done, &rf))
		procedure_page(r, id, &rf);
}

/* Where a vrijstelling comes from: the procedure, or the registry (an
 * imported 5a zonder procedure until its first review). */
static void origin_cell(strbuf *o, json_t *x)
{
	const char *origin = jtext(x, "herkomst");
	json_t *pid = json_object_get(x, "procedure");
	if (origin && strcmp(origin, "zonder_procedure") == 0)
		html_lit(o, "<span class=\"ib-cat ib-cat--let-op\">zonder procedure</span> ingelezen, nog niet "
			    "herbeoordeeld");
	else if (origin && strcmp(origin, "procedure") == 0)
		html_lit(o, "verleend na de procedure");
	else
		html_lit(o, "uit de registratie");
	if (jtext(x, "laatste")) {
		html_lit(o, "; herbeoordeeld op ");
		ui_jdate(o, x, "laatste");
	}
	if (json_is_integer(pid))
		html_markupf(o, " <a class=\"utrecht-link\" href=\"/vrijstellingsprocedures/%lld\">bekijken</a>",
			     (long long)json_integer_value(pid));
}

static void reviews_page(req *r, const ui_refusal *rf)
{
	ui_form f;
	json_t *list = ui_api_get(r, "/api/herbeoordelingen");
	if (!list)
		return;
	ui_begin_page(r, "Herbeoordelingen", NAV_HERBEOORDELINGEN);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph\">Elke leerling met "
		    "een verleende vrijstelling (5 onder a, b of c, of een ander artikel) wordt minstens eens per jaar "
		    "herbeoordeeld, een vrijstelling met een einddatum uiterlijk acht weken voor het einde: welk onderwijs is "
		    "toch mogelijk? De eerstvolgende herbeoordeling staat bovenaan. Een ingelezen vrijstelling 5a staat er "
		    "<em>zonder procedure</em> tot haar eerste herbeoordeling.</p>");
	ui_form_notice(r, rf ? rf->reason : NULL);
	if (!json_array_size(list)) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Geen "
			    "leerlingen met een vrijstelling binnen uw scope.</p></div>");
	} else {
		html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
			    "utrecht-table--html-table ib-list\"><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Leerling</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Vrijstelling</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Volgende herbeoordeling</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Herkomst</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Herbeoordeling</th></tr></thead>"
			    "<tbody class=\"utrecht-table__body\">");
		ui_page pg = ui_page_of(r, json_array_size(list));
		for (size_t i = pg.from; i < pg.to; i++) {
			json_t *x = json_array_get(list, i);
			html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">");
			ui_json_pupil(o, NULL, x, jtext(x, "leerling_id"));
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			html_text(o, jtext(x, "grond"));
			if (jtext(x, "soort")) {
				html_lit(o, " ");
				html_text(o, jtext(x, "soort"));
			}
			html_lit(o, ", vanaf ");
			ui_jdate(o, x, "van");
			if (jtext(x, "tot")) {
				html_lit(o, " tot en met ");
				ui_jdate(o, x, "tot");
			}
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			ui_jdate(o, x, "volgende");
			html_lit(o, " ");
			ui_term_badge(o, jtext(x, "status"));
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			origin_cell(o, x);
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			char key[160]; /* one form per vrijstelling, each to /herbeoordelingen */
			snprintf(key, sizeof key, "/herbeoordelingen?leerling=%.100s", jtext(x, "leerling_id"));
			ui_form_begin_as(&f, r, rf, "Vastleggen", "/herbeoordelingen", key, false);
			html_lit(o, "<input type=\"hidden\" name=\"leerling_id\" value=\"");
			html_attr(o, jtext(x, "leerling_id"));
			html_lit(o, "\">");
			char fid[96];
			snprintf(fid, sizeof fid, "herb-datum-%zu", i);
			ui_f_input(&f, fid, "datum", "Datum", "date", true, NULL, NULL);
			snprintf(fid, sizeof fid, "herb-bevinding-%zu", i);
			ui_f_textarea(&f, fid, "bevinding", "Bevinding: welk onderwijs is toch mogelijk", true, NULL, NULL);
			snprintf(fid, sizeof fid, "herb-volgende-%zu", i);
			ui_f_input(&f, fid, "volgende", "Volgende herbeoordeling", "date", false, "standaard een jaar later", NULL);
			ui_form_end(&f, "Herbeoordeling vastleggen");
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table></div>");
		ui_page_nav(r, o, &pg, NULL);
	}
	ui_end(r, rf ? rf->status : 200);
	json_decref(list);
}

void ui_reviews(req *r)
{
	reviews_page(r, NULL);
}

void ui_review_record(req *r)
{
	json_t *body = json_object();
	static const char *const NAMES[] = {"leerling_id", "datum", "bevinding", "volgende", NULL};
	static const json_type TYPES[] = {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING};
	ui_copy_fields(r, body, NAMES, TYPES);
	ui_refusal rf;
	if (!ui_submit_form(r, "POST", "/api/herbeoordelingen", body, "/herbeoordelingen", "herbeoordeling", &rf)) {
		snprintf(rf.action, sizeof rf.action, "/herbeoordelingen?leerling=%.100s",
			 ui_field(r, "leerling_id") ? ui_field(r, "leerling_id") : "");
		reviews_page(r, &rf);
	}
}
