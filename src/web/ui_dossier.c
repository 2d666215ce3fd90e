/*
 * ui_dossier.c - one dossier (SPEC 6): /dossiers/{id} with its terms, regie,
 * escalations and timeline, a form for each thing that can happen next, and
 * the forms' posts, which run the API's operations (ui_api.c).
 */
#include <stdlib.h>
#include <string.h>

#include "ui_cases.h"

static const char *const EVENT_LABELS[] = {
	"opening", "Dossier geopend", "contact", "Contact", "mdo", "MDO", "interventie", "Interventie",
	"aanbod", "Aanbod", "plaatsing", "Plaatsingsbesluit", "notitie", "Notitie", "regie", "Regie",
	"verlenging", "Termijn verlengd", "escalatie", "Escalatie", "besluit", "Besluit in de escalatie",
	"verantwoording", "Verantwoording", "sluiting", "Dossier gesloten", "overdracht", "Overdracht van de regie gevraagd",
	"overdracht_aanvaard", "Overdracht aanvaard", "overdracht_afgewezen", "Overdracht geweigerd",
	"nazorg", "Nazorg na de terugkeer", "heropening", "Dossier heropend (dezelfde geschiedenis)", NULL,
};

static void term_row(strbuf *o, const char *label, json_t *t)
{
	html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
	html_text(o, label);
	html_lit(o, "</th><td class=\"utrecht-table__cell\">");
	ui_jdate(o, t, "datum");
	html_lit(o, "</td><td class=\"utrecht-table__cell\">");
	ui_term_badge(o, jtext(t, "status"));
	if (jtext(t, "gehaald_op")) {
		html_lit(o, " <span class=\"ib-small\">op ");
		ui_jdate(o, t, "gehaald_op");
		html_lit(o, "</span>");
	}
	html_lit(o, "</td></tr>");
}

static void terms(strbuf *o, json_t *d)
{
	json_t *t = json_object_get(d, "termijnen");
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"termijnen-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"termijnen-kop\">Termijnen</h2><p class=\"utrecht-paragraph ib-small ib-muted\">Geteld vanaf de eerste "
		    "dag van feitelijke afwezigheid, in lesweken (vakantiedagen van de regio tellen niet mee): zes weken tot "
		    "een passende plek en tot het plaatsingsbesluit (eenmaal te verlengen met hoogstens vier weken, daarna is "
		    "de casus gestagneerd); nooit langer dan drie kalendermaanden zonder passend aanbod. Alleen een plaats "
		    "sinds het begin van dit verzuim telt.</p><table class=\"utrecht-table utrecht-table--html-table\"><thead class=\"utrecht-table__header\">"
		    "<tr class=\"utrecht-table__row\"><th scope=\"col\" class=\"utrecht-table__header-cell\">Termijn</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Uiterlijk</th><th scope=\"col\" "
		    "class=\"utrecht-table__header-cell\">Stand</th></tr></thead><tbody class=\"utrecht-table__body\">");
	term_row(o, "Passende plek", json_object_get(t, "passende_plek"));
	term_row(o, "Plaatsingsbesluit", json_object_get(t, "plaatsingsbesluit"));
	term_row(o, "Passend aanbod", json_object_get(t, "passend_aanbod"));
	html_lit(o, "</tbody></table>");
	json_int_t ext = json_integer_value(json_object_get(d, "verlenging_dagen"));
	if (ext) {
		html_lit(o, "<p class=\"utrecht-paragraph\">De termijn voor het plaatsingsbesluit is verlengd met ");
		ui_days(o, (int64_t)ext);
		html_lit(o, ".</p>");
	}
	if (json_is_true(json_object_get(d, "gestagneerd"))) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--warning ib-alert\"><p class=\"utrecht-paragraph\"><strong>"
			    "Gestagneerd:</strong> er is geen plaatsingsbesluit binnen de termijn. Escaleer naar wie ");
		ui_term(o, "doorzettingsmacht", "doorzettingsmacht");
		html_lit(o, " heeft.</p></div>");
	}
	html_lit(o, "</section>");
}

static bool may(req *r, unsigned roles)
{
	return (roles & R(r->who->rol)) != 0;
}

static void escalations(req *r, json_t *d, int64_t id, bool open, const ui_refusal *rf)
{
	strbuf *o = &r->out;
	ui_form f;
	json_t *list = json_object_get(d, "escalaties");
	if (!json_array_size(list))
		return;
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"escalaties-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"escalaties-kop\">Escalaties</h2>");
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		long long eid = (long long)json_integer_value(json_object_get(x, "id"));
		html_lit(o, "<div class=\"ib-card ib-escalation\"><h3 class=\"utrecht-heading-3\">");
		html_text(o, jtext(x, "omschrijving"));
		html_lit(o, "</h3><dl class=\"ib-details\"><dt>Route</dt><dd>");
		html_text(o, jtext(x, "route"));
		html_lit(o, "</dd><dt>Gestart</dt><dd>");
		ui_jdate(o, x, "gestart");
		html_lit(o, "</dd><dt>Besluit</dt><dd>");
		if (jtext(x, "besloten"))
			ui_jdate(o, x, "besloten");
		else
			html_lit(o, "<span class=\"ib-flag ib-flag--warn\">nog geen besluit</span>");
		html_lit(o, "</dd><dt>Verantwoording</dt><dd>");
		if (jtext(x, "verantwoord"))
			ui_jdate(o, x, "verantwoord");
		else
			html_lit(o, "<span class=\"ib-muted\">nog niet afgelegd</span>");
		html_lit(o, "</dd></dl>");
		/* The next step of an escalation: its decision, then the account. */
		static const struct {
			const char *step, *summary, *text, *text_label, *who, *who_label, *who_hint, *button;
		} STEPS[] = {
			{"besluit", "Het besluit vastleggen", "besluit", "Wat is besloten", "besloten_door", "Besloten door",
			 "naam en functie", "Besluit vastleggen"},
			{"verantwoording", "De verantwoording vastleggen", "verantwoording", "Verantwoording", "aan",
			 "Afgelegd aan", "bijvoorbeeld het algemeen bestuur", "Verantwoording vastleggen"},
		};
		int k = !jtext(x, "besloten") ? 0 : !jtext(x, "verantwoord") ? 1 : -1;
		if (open && k >= 0 && may(r, R(ROLE_LEERPLICHT) | R(ROLE_SWV))) {
			char action[96], fid[3][48];
			snprintf(action, sizeof action, "/dossiers/%lld/escalaties/%lld/%s", (long long)id, eid, STEPS[k].step);
			for (int n = 0; n < 3; n++)
				snprintf(fid[n], sizeof fid[n], "%s-%d-%lld", STEPS[k].step, n, eid);
			ui_form_begin(&f, r, rf, STEPS[k].summary, action, false);
			ui_f_input(&f, fid[0], "datum", "Datum", "date", true, NULL, NULL);
			ui_f_textarea(&f, fid[1], STEPS[k].text, STEPS[k].text_label, true, NULL, NULL);
			ui_f_input(&f, fid[2], STEPS[k].who, STEPS[k].who_label, "text", true, STEPS[k].who_hint, NULL);
			ui_form_end(&f, STEPS[k].button);
		}
		html_lit(o, "</div>");
	}
	html_lit(o, "</section>");
}

static void action_forms(req *r, json_t *d, int64_t id, json_t *orgs, const ui_refusal *rf)
{
	strbuf *o = &r->out;
	ui_form f;
	char action[64];
#define ACTION(seg) (snprintf(action, sizeof action, "/dossiers/%lld/" seg, (long long)id), action)
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"vastleggen-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"vastleggen-kop\">Vastleggen</h2>");
	ui_form_begin(&f, r, rf, "Contact met leerling of ouders", ACTION("contacten"), false);
	ui_f_input(&f, "contact-datum", "datum", "Datum", "date", true, NULL, NULL);
	ui_f_input(&f, "contact-met", "met_wie", "Met wie", "text", true, "leerling, ouders, ...", NULL);
	ui_f_input(&f, "contact-wijze", "wijze", "Hoe", "text", false, "huisbezoek, telefoon, gesprek op school, ...", NULL);
	ui_f_textarea(&f, "contact-tekst", "omschrijving", "Wat is besproken", true, NULL, NULL);
	ui_form_end(&f, "Contact vastleggen");

	ui_form_begin(&f, r, rf, "MDO (met zo nodig het aanbod dat eruit kwam)", ACTION("mdo"), false);
	ui_f_input(&f, "mdo-datum", "datum", "Datum", "date", true, NULL, NULL);
	ui_f_textarea(&f, "mdo-deelnemers", "deelnemers", "Deelnemers", true, "namen of rollen, één per regel of met komma's", NULL);
	ui_f_textarea(&f, "mdo-afspraken", "afspraken", "Afspraken", true, NULL, NULL);
	ui_f_input(&f, "mdo-volgende", "volgende_datum", "Volgend MDO", "date", false, NULL, NULL);
	html_lit(o, "<fieldset class=\"ib-fieldset\"><legend>Aanbod uit dit MDO</legend>");
	static const char *const SOORT[] = {"onderwijs", "onderwijs", "zorg", "zorg", "combinatie", "onderwijs en zorg", NULL};
	ui_f_select(&f, "mdo-aanbod-soort", "aanbod_soort", "Soort aanbod", SOORT, false, NULL);
	ui_f_input(&f, "mdo-aanbieder", "aanbieder", "Aanbieder", "text", false, NULL, NULL);
	ui_f_input(&f, "mdo-plaats", "plaats_per", "Plaats beschikbaar per", "date", false, "leeg zolang er geen plaats is", NULL);
	html_lit(o, "</fieldset>");
	ui_form_end(&f, "MDO vastleggen");

	ui_form_begin(&f, r, rf, "Aanbod", ACTION("aanbod"), false);
	ui_f_input(&f, "aanbod-datum", "datum", "Datum van het aanbod", "date", true, NULL, NULL);
	ui_f_select(&f, "aanbod-soort", "soort", "Soort", SOORT, true, NULL);
	ui_f_input(&f, "aanbod-aanbieder", "aanbieder", "Aanbieder", "text", true, NULL, NULL);
	ui_f_input(&f, "aanbod-plaats", "plaats_per", "Plaats beschikbaar per", "date", false, "leeg zolang er geen plaats is", NULL);
	ui_f_textarea(&f, "aanbod-tekst", "omschrijving", "Omschrijving", false, NULL, NULL);
	ui_form_end(&f, "Aanbod vastleggen");

	ui_form_begin(&f, r, rf, "Interventie", ACTION("interventies"), false);
	ui_f_input(&f, "interventie-datum", "datum", "Datum", "date", true, NULL, NULL);
	ui_f_textarea(&f, "interventie-tekst", "omschrijving", "Wat is er gedaan", true, NULL, NULL);
	ui_form_end(&f, "Interventie vastleggen");

	ui_form_begin(&f, r, rf, "Plaatsingsbesluit", ACTION("plaatsingen"), false);
	ui_f_input(&f, "plaatsing-datum", "datum", "Datum van het besluit", "date", true, NULL, NULL);
	ui_f_input(&f, "plaatsing-school", "school", "School", "text", false, "BRIN:VESTIGING, bijvoorbeeld 01KF:00", NULL);
	ui_f_input(&f, "plaatsing-aanbieder", "aanbieder", "Of aanbieder", "text", false, NULL, NULL);
	ui_f_input(&f, "plaatsing-ingang", "ingangsdatum", "Ingangsdatum", "date", false, NULL, NULL);
	ui_f_textarea(&f, "plaatsing-tekst", "omschrijving", "Besluit", true, NULL, NULL);
	ui_form_end(&f, "Plaatsingsbesluit vastleggen");

	ui_form_begin(&f, r, rf, "Notitie", ACTION("notities"), false);
	ui_f_input(&f, "notitie-datum", "datum", "Datum", "date", true, NULL, NULL);
	ui_f_textarea(&f, "notitie-tekst", "tekst", "Notitie", true, NULL, NULL);
	ui_form_end(&f, "Notitie vastleggen");

	ui_form_begin(&f, r, rf, "Regie nemen of overdragen", ACTION("regie"), false);
	html_lit(o, "<p class=\"utrecht-paragraph ib-small\">Alleen organisaties die bij de leerling betrokken zijn. "
		    "Een andere organisatie krijgt een verzoek: tot zij het aanvaardt, blijft de regie waar ze is.</p>");
	ui_f_regie(&f, "regie-naar", "Regie naar", orgs, "mijzelf (mijn organisatie)");
	ui_f_textarea(&f, "regie-reden", "reden", "Reden", true, NULL, NULL);
	ui_form_end(&f, "Regie vastleggen");

	/* Once; a refused extension (someone extended first: 409) comes back with its reason and text. */
	bool ext_refused = rf && strcmp(rf->action, ACTION("verlenging")) == 0;
	if (may(r, R(ROLE_LEERPLICHT) | R(ROLE_SWV)) && (!json_integer_value(json_object_get(d, "verlenging_dagen")) || ext_refused)) {
		ui_form_begin(&f, r, rf, "De termijn voor het plaatsingsbesluit verlengen (eenmalig)", ACTION("verlenging"), false);
		ui_f_input(&f, "verlenging-datum", "datum", "Datum", "date", true, NULL, NULL);
		ui_f_input(&f, "verlenging-dagen", "dagen", "Dagen", "number", true, "1 tot 28 (hoogstens vier weken)", NULL);
		ui_f_textarea(&f, "verlenging-reden", "reden", "Reden", true, NULL, NULL);
		ui_form_end(&f, "Termijn verlengen");
	}

	ui_form_begin(&f, r, rf, "Escaleren (doorzettingsmacht)", ACTION("escalaties"),
		     json_is_true(json_object_get(d, "gestagneerd")) && !json_array_size(json_object_get(d, "escalaties")));
	const char *types[2 * ST_COUNT + 1];
	char labels[ST_COUNT][200];
	for (int i = 0; i < ST_COUNT; i++) {
		snprintf(labels[i], sizeof labels[i], "%s — route: %s", STAGNATIE[i].label, STAGNATIE[i].route);
		types[2 * i] = STAGNATIE[i].code;
		types[2 * i + 1] = labels[i];
	}
	types[2 * ST_COUNT] = NULL;
	ui_f_input(&f, "escalatie-datum", "datum", "Datum", "date", true, NULL, NULL);
	ui_f_select(&f, "escalatie-type", "type", "Type stagnatie", types, true, NULL);
	ui_f_textarea(&f, "escalatie-tekst", "omschrijving", "Wat stagneert", true, NULL, NULL);
	ui_form_end(&f, "Escaleren");

	const char *outcomes[2 * UIT_COUNT + 1];
	for (int i = 0; i < UIT_COUNT; i++) {
		outcomes[2 * i] = UITKOMST_CODES[i];
		outcomes[2 * i + 1] = UITKOMST_LABELS[i];
	}
	outcomes[2 * UIT_COUNT] = NULL;
	ui_form_begin(&f, r, rf, "Het dossier sluiten", ACTION("sluiting"), false);
	ui_f_input(&f, "sluiting-datum", "datum", "Datum", "date", true, NULL, NULL);
	ui_f_select(&f, "sluiting-uitkomst", "uitkomst", "Uitkomst", outcomes, true, NULL);
	ui_f_textarea(&f, "sluiting-tekst", "toelichting", "Toelichting", false, NULL, NULL);
	ui_form_end(&f, "Dossier sluiten");
	html_lit(o, "</section>");
#undef ACTION
}

/* After the return to school (SPEC 6): the three follow-up moments, which
 * one is due, and the form to record one (for who may record). */
static void followups(req *r, json_t *d, int64_t id, bool may, const ui_refusal *rf)
{
	ui_form f;
	json_t *list = json_object_get(d, "nazorg");
	if (!json_array_size(list))
		return;
	strbuf *o = &r->out;
	html_lit(o, "<section aria-labelledby=\"nazorg-kop\"><h2 class=\"utrecht-heading-2\" id=\"nazorg-kop\">Nazorg na de "
		    "terugkeer</h2><ul class=\"utrecht-unordered-list\">");
	const char *open[2 * NAZORG_COUNT + 1];
	size_t n_open = 0;
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m) {
		html_lit(o, "<li class=\"utrecht-unordered-list__item\">");
		html_text(o, jtext(m, "omschrijving"));
		html_lit(o, ": ");
		ui_jdate(o, m, "datum");
		if (jtext(m, "vastgelegd_op")) {
			html_lit(o, " <span class=\"ib-flag ib-flag--ok\">vastgelegd op ");
			ui_jdate(o, m, "vastgelegd_op");
			html_lit(o, "</span>");
		} else {
			if (json_is_true(json_object_get(m, "aan_de_beurt")))
				html_lit(o, " <span class=\"ib-flag ib-flag--warn\">aan de beurt</span>");
			nazorg k = nazorg_from_code(jtext(m, "moment"));
			if (k != NAZORG_COUNT) {
				open[2 * n_open] = NAZORG_CODES[k];
				open[2 * n_open++ + 1] = NAZORG_LABELS[k];
			}
		}
		html_lit(o, "</li>");
	}
	html_lit(o, "</ul>");
	open[2 * n_open] = NULL;
	if (may && n_open) {
		char action[64];
		snprintf(action, sizeof action, "/dossiers/%lld/nazorg", (long long)id);
		ui_form_begin(&f, r, rf, "Nazorg vastleggen", action, false);
		ui_f_input(&f, "nazorg-datum", "datum", "Datum", "date", true, NULL, NULL);
		ui_f_select(&f, "nazorg-moment", "moment", "Moment", open, true, NULL);
		ui_f_textarea(&f, "nazorg-bevinding", "bevinding", "Hoe gaat het op school", true, NULL, NULL);
		ui_form_end(&f, "Nazorg vastleggen");
	}
	html_lit(o, "</section>");
}

/* Reopening a closed dossier by hand (issue 15): within the year after the
 * closing, with the reason and the first day of the absence; the rule
 * (who, until when) is case_reopens_by_hand, the API says no in words. */
static void reopen_form(req *r, int64_t id, const ui_refusal *rf)
{
	strbuf *o = &r->out;
	ui_form f;
	char action[64];
	snprintf(action, sizeof action, "/dossiers/%lld/heropening", (long long)id);
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"heropenen-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"heropenen-kop\">Heropenen</h2><p class=\"utrecht-paragraph ib-small\">Binnen een jaar na de sluiting "
		    "heropent de organisatie die de regie had het dossier: dezelfde geschiedenis, geen nieuw dossier. De "
		    "termijnen tellen vanaf de eerste dag van feitelijke afwezigheid.</p>");
	ui_form_begin(&f, r, rf, "Dossier heropenen", action, false);
	ui_f_input(&f, "heropening-datum", "datum", "Datum van de heropening", "date", true, NULL, NULL);
	ui_f_input(&f, "heropening-start", "startdatum", "Eerste dag van feitelijke afwezigheid", "date", true, NULL, NULL);
	ui_f_textarea(&f, "heropening-reden", "reden", "Reden", true, NULL, NULL);
	ui_form_end(&f, "Dossier heropenen");
	html_lit(o, "</section>");
}

static void dossier_page(req *r, int64_t id, const ui_refusal *rf)
{
	char path[64];
	snprintf(path, sizeof path, "/api/dossiers/%lld", (long long)id);
	json_t *d = ui_api_get(r, path); /* access and the audit entry, as the API */
	if (!d)
		return;
	bool open = d && strcmp(jtext(d, "status"), "open") == 0;
	bool works = open && json_is_true(json_object_get(d, "mag_vastleggen"));
	json_t *orgs = NULL;
	char orgs_path[80];
	snprintf(orgs_path, sizeof orgs_path, "/api/dossiers/%lld/regie/organisaties", (long long)id);
	if (works)
		orgs = ui_api_get(r, orgs_path);
	if (!d || (works && !orgs)) {
		json_decref(d);
		json_decref(orgs);
		ui_fail(r, 500, "interne_fout", "het dossier kon niet worden getoond");
		return;
	}
	strbuf title = STRBUF_INIT;
	sb_puts(&title, "Dossier ");
	json_t *l = json_object_get(d, "leerling");
	sb_printf(&title, "%s %s", jtext(l, "voornaam") ? jtext(l, "voornaam") : "",
		  jtext(l, "achternaam") ? jtext(l, "achternaam") : jtext(d, "leerling_id"));
	ui_begin_page(r, sb_str(&title), NAV_DOSSIERS);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link ib-small\" href=\"/dossiers\">← Alle dossiers</a> · "
		    "Stand: ");
	if (open)
		ui_term_badge(o, jtext(d, "signaal") ? jtext(d, "signaal") : "open");
	else
		html_lit(o, "<span class=\"ib-cat ib-cat--niet-geteld\">gesloten</span>");
	html_lit(o, "</p>");
	ui_form_notice(r, rf ? rf->reason : NULL);
	json_t *problems = json_object_get(d, "problemen");
	if (json_array_size(problems)) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--warning ib-alert\" role=\"status\"><ul class=\"utrecht-unordered-list\">");
		size_t i;
		json_t *p;
		json_array_foreach(problems, i, p) {
			html_lit(o, "<li class=\"utrecht-unordered-list__item\">");
			html_text(o, json_string_value(p));
			html_lit(o, "</li>");
		}
		html_lit(o, "</ul></div>");
	}
	html_lit(o, "<dl class=\"ib-data\"><div><dt>Leerling</dt><dd><a class=\"utrecht-link\" href=\"/leerlingen/");
	html_url_path(o, jtext(d, "leerling_id"));
	html_lit(o, "\">");
	html_text(o, jtext(d, "leerling_id"));
	html_lit(o, "</a></dd></div><div><dt>Nu</dt><dd>");
	const char *cat = jtext(l, "categorie_vandaag");
	if (cat && categorie_from_code(cat) != CAT_COUNT)
		ui_categorie(o, categorie_from_code(cat));
	html_lit(o, "</dd></div><div><dt>Eerste dag van feitelijke afwezigheid</dt><dd>");
	ui_jdate(o, d, "startdatum");
	html_lit(o, "</dd></div><div><dt>Dagen thuis</dt><dd>");
	ui_days_since(o, d);
	html_lit(o, "</dd></div><div><dt>Dossier geopend</dt><dd>");
	ui_jdate(o, d, "geopend_op");
	html_lit(o, "</dd></div><div><dt>");
	ui_term(o, "regie", "Regie");
	html_lit(o, "</dt><dd>");
	ui_regie_cell(o, d);
	html_lit(o, "</dd></div>");
	if (!open) {
		html_lit(o, "<div><dt>Gesloten</dt><dd>");
		ui_jdate(o, d, "gesloten_op");
		html_lit(o, ": ");
		uitkomst u = uitkomst_from_code(jtext(d, "uitkomst") ? jtext(d, "uitkomst") : "");
		html_text(o, u != UIT_COUNT ? UITKOMST_LABELS[u] : "");
		html_lit(o, "</dd></div>");
	}
	html_lit(o, "</dl>");
	ui_handover_box(r, d, id);
	terms(o, d);
	escalations(r, d, id, works, rf);
	if (works)
		action_forms(r, d, id, orgs, rf);
	followups(r, d, id, json_is_true(json_object_get(d, "mag_vastleggen")), rf);
	if (!open && json_is_true(json_object_get(d, "mag_vastleggen")))
		reopen_form(r, id, rf);
	ui_timeline(o, "Tijdlijn", json_object_get(d, "tijdlijn"), EVENT_LABELS);
	ui_end(r, rf ? rf->status : 200);
	sb_free(&title);
	json_decref(d);
	json_decref(orgs);
}

void ui_dossier(req *r)
{
	dossier_page(r, path_number(r->params[0]), NULL);
}

/* The forms of a dossier: which API fields each one sends. */
typedef struct dossier_action {
	const char *segment, *done;
	const char *names[6];
	json_type types[6];
} dossier_action;

static const dossier_action ACTIONS[] = {
	{"contacten", "contact", {"datum", "met_wie", "wijze", "omschrijving"}, {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING}},
	{"mdo", "mdo", {"datum", "deelnemers", "afspraken", "volgende_datum"}, {JSON_STRING, JSON_ARRAY, JSON_STRING, JSON_STRING}},
	{"interventies", "interventie", {"datum", "omschrijving"}, {JSON_STRING, JSON_STRING}},
	{"notities", "notitie", {"datum", "tekst"}, {JSON_STRING, JSON_STRING}},
	{"aanbod", "aanbod", {"datum", "soort", "aanbieder", "plaats_per", "omschrijving"},
	 {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING}},
	{"plaatsingen", "plaatsing", {"datum", "school", "aanbieder", "ingangsdatum", "omschrijving"},
	 {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING}},
	{"verlenging", "verlenging", {"datum", "dagen", "reden"}, {JSON_STRING, JSON_INTEGER, JSON_STRING}},
	{"escalaties", "escalatie", {"datum", "type", "omschrijving"}, {JSON_STRING, JSON_STRING, JSON_STRING}},
	{"sluiting", "sluiting", {"datum", "uitkomst", "toelichting"}, {JSON_STRING, JSON_STRING, JSON_STRING}},
	{"nazorg", "nazorg", {"datum", "moment", "bevinding"}, {JSON_STRING, JSON_STRING, JSON_STRING}},
	{"heropening", "heropening", {"datum", "startdatum", "reden"}, {JSON_STRING, JSON_STRING, JSON_STRING}},
	{"besluit", "besluit", {"datum", "besluit", "besloten_door"}, {JSON_STRING, JSON_STRING, JSON_STRING}},
	{"verantwoording", "verantwoording", {"datum", "verantwoording", "aan"}, {JSON_STRING, JSON_STRING, JSON_STRING}},
	{"aanvaarden", "overdracht-aanvaard", {"toelichting"}, {JSON_STRING}},
	{"afwijzen", "overdracht-afgewezen", {"reden"}, {JSON_STRING}},
};

/* The regie form: "organisation:person" (or nothing: oneself). */
static json_t *regie_body(req *r)
{
	json_t *body = json_object();
	ui_regie_fields(r, body, "organisatie_id", "gebruiker_id");
	static const char *const NAMES[] = {"reden", NULL};
	static const json_type TYPES[] = {JSON_STRING};
	ui_copy_fields(r, body, NAMES, TYPES);
	return body;
}

void ui_dossier_action(req *r)
{
	int64_t id = path_number(r->params[0]);
	const char *seg = strrchr(r->rt->path, '/') + 1;
	const dossier_action *a = NULL;
	for (size_t i = 0; i < sizeof ACTIONS / sizeof ACTIONS[0]; i++)
		if (strcmp(ACTIONS[i].segment, seg) == 0)
			a = &ACTIONS[i];
	char path[96];
	json_t *body;
	const char *done;
	if (strcmp(seg, "regie") == 0) {
		body = regie_body(r);
		done = "regie";
		snprintf(path, sizeof path, "/api/dossiers/%lld/regie", (long long)id);
	} else {
		body = json_object();
		ui_copy_fields(r, body, a->names, a->types);
		done = a->done;
		if (r->n_params > 1) /* an escalation's step */
			snprintf(path, sizeof path, "/api/dossiers/%lld/escalaties/%lld/%s", (long long)id,
				 (long long)path_number(r->params[1]), seg);
		else if (strstr(r->rt->path, "/overdracht/")) /* the answer to a hand-over */
			snprintf(path, sizeof path, "/api/dossiers/%lld/overdracht/%s", (long long)id, seg);
		else
			snprintf(path, sizeof path, "/api/dossiers/%lld/%s", (long long)id, seg);
	}
	char back[48];
	snprintf(back, sizeof back, "/dossiers/%lld", (long long)id);
	ui_refusal rf;
	if (strcmp(seg, "mdo") != 0 || !ui_field(r, "aanbod_soort")) {
		if (!ui_submit_form(r, "POST", path, body, back, done, &rf))
			dossier_page(r, id, &rf);
		return;
	}
	int status = ui_api(r, "POST", path, body);
	if (status == 201) {
		/* The offer the MDO agreed on, as its own event and registry fact. */
		json_t *offer = json_pack("{s:s?, s:s}", "datum", ui_field(r, "datum"), "soort", ui_field(r, "aanbod_soort"));
		static const char *const NAMES[] = {"aanbieder", "plaats_per", NULL};
		static const json_type TYPES[] = {JSON_STRING, JSON_STRING};
		ui_copy_fields(r, offer, NAMES, TYPES);
		sb_reset(&r->out);
		snprintf(path, sizeof path, "/api/dossiers/%lld/aanbod", (long long)id);
		status = ui_api(r, "POST", path, offer);
		if (status != 201) {
			ui_refusal_take(r, &rf, r->path, status);
			char why[sizeof rf.reason];
			snprintf(why, sizeof why, "%s", rf.reason);
			snprintf(rf.reason, sizeof rf.reason, "het MDO is vastgelegd, het aanbod niet: %.500s", why);
			rf.field[0] = '\0'; /* about the offer, not the MDO's own fields */
			dossier_page(r, id, &rf);
			return;
		}
		done = "mdo-aanbod";
	}
	if (status == 201) {
		ui_done(r, back, done);
		return;
	}
	if (status == 404 || status == 403) /* no dossier to show the form on */
		return;
	ui_refusal_take(r, &rf, r->path, status);
	dossier_page(r, id, &rf);
}
