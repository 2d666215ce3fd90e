/*
 * ui_pupil.c - Leerling: identity, the classification on a chosen peildatum
 * with its explanation, a timeline of residence, enrolment, absence,
 * vrijstellingen and offers, and every fact with who recorded it; the full
 * history of corrections on its own page; and pupil search.
 *
 * The data comes from the API's own handlers, called in-process (not over
 * HTTP): h_pupil, h_pupil_history and h_search decide access exactly as the
 * API does (scope on the peildatum, a school's own facts only, break-glass
 * for the beheerder), read the registry directly when the snapshot is behind,
 * and write the one audit entry. This file turns their answer into HTML.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../core/nl_format.h"
#include "ui.h"
#include "ui_cases.h"
#include "ui_record.h"

/* ---- values ------------------------------------------------------------------ */

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static day_t day_of(const char *s)
{
	day_t d;
	return s && date_parse(s, strlen(s), &d) == 0 ? d : DAY_NONE;
}

static const char *column_label(const char *col)
{
	static const struct {
		const char *col, *label;
	} L[] = {
		{"gemeentecode", "Gemeente"}, {"van", "Van"}, {"tot", "Tot en met"}, {"in_onderzoek", "Adres in onderzoek"},
		{"brin", "School"}, {"soort", "Soort"}, {"uren", "Uren"}, {"grond", "Grond"}, {"status", "Status"},
		{"aanvraagdatum", "Aangevraagd op"}, {"datum_melding", "Gemeld op"},
		{"eerste_verzuimdag", "Eerste verzuimdag"}, {"datum_aanbod", "Aanbod op"},
		{"plaats_per", "Plaats beschikbaar per"}, {"bsn", "BSN"}, {"onderwijsnummer", "Onderwijsnummer"},
		{"geboortedatum", "Geboortedatum"}, {"voornaam", "Voornaam"}, {"achternaam", "Achternaam"},
		{"startkwalificatie", "Startkwalificatie"},
	};
	for (size_t i = 0; i < sizeof L / sizeof L[0]; i++)
		if (strcmp(L[i].col, col) == 0)
			return L[i].label;
	return col;
}

static bool is_date_column(const char *col)
{
	return !strcmp(col, "van") || !strcmp(col, "tot") || !strcmp(col, "aanvraagdatum") || !strcmp(col, "datum_melding") ||
	       !strcmp(col, "eerste_verzuimdag") || !strcmp(col, "datum_aanbod") || !strcmp(col, "plaats_per") ||
	       !strcmp(col, "geboortedatum") || !strcmp(col, "startkwalificatie");
}

static const char *school_name(const dataset *ds, const char *brin, const char *vest)
{
	if (!brin || !vest)
		return NULL;
	int32_t s = dataset_school(ds, brin, vest);
	return s != NO_REF ? ds->schools[s].naam : NULL;
}

static const char *gemeente_name(const dataset *ds, const char *code)
{
	int32_t g = code ? dataset_gemeente(ds, code, strlen(code)) : NO_REF;
	return g != NO_REF ? ds->gemeenten[g].naam : NULL;
}

/* One value of a fact, for people. */
static void fact_value(strbuf *o, const dataset *ds, json_t *fact, const char *col)
{
	json_t *v = json_object_get(fact, col);
	if (!strcmp(col, "brin")) {
		const char *naam = school_name(ds, str(fact, "brin"), str(fact, "vestiging"));
		if (naam) {
			html_text(o, naam);
			html_lit(o, " ");
		}
		html_lit(o, "<span class=\"ib-id\">");
		html_text(o, str(fact, "brin"));
		html_lit(o, "-");
		html_text(o, str(fact, "vestiging"));
		html_lit(o, "</span>");
	} else if (!strcmp(col, "gemeentecode")) {
		const char *naam = gemeente_name(ds, json_string_value(v));
		html_text(o, naam ? naam : json_string_value(v));
	} else if (json_is_boolean(v)) {
		html_text(o, json_is_true(v) ? "ja" : "nee");
	} else if (json_is_number(v)) {
		char t[32];
		snprintf(t, sizeof t, "%.2f", json_number_value(v));
		ui_number(o, t); /* 30,00 */
	} else if (json_is_string(v) && is_date_column(col)) {
		ui_date(o, day_of(json_string_value(v)));
	} else if (json_is_string(v)) {
		html_text(o, json_string_value(v));
	} else if (!strcmp(col, "tot")) {
		html_lit(o, "<span class=\"ib-muted\">lopend</span>");
	}
}

/* A table of facts of one kind (the columns of the dataset file). */
static void facts_table(strbuf *o, const dataset *ds, table_id t, const char *title, json_t *arr, bool history)
{
	const table_desc *td = &TABLES[t];
	html_lit(o, "<section class=\"ib-section\"><h3 class=\"utrecht-heading-3\">");
	html_text(o, title);
	html_lit(o, "</h3>");
	if (!json_array_size(arr)) {
		html_lit(o, "<p class=\"utrecht-paragraph ib-muted\">Niets geregistreerd");
		html_lit(o, ".</p></section>");
		return;
	}
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table utrecht-table--html-table\">"
		    "<caption class=\"utrecht-table__caption ib-visually-hidden\">");
	html_text(o, title);
	html_lit(o, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	for (int i = 1; i < td->ncols; i++) {
		if (!strcmp(td->cols[i], "vestiging") || !strcmp(td->cols[i], "leerling_id"))
			continue;
		html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
		html_text(o, column_label(td->cols[i]));
		html_lit(o, "</th>");
	}
	html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell\">Vastgelegd</th>");
	if (history)
		html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell\">Vervangen of ingetrokken</th>");
	html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
	size_t i;
	json_t *fact;
	json_array_foreach(arr, i, fact) {
		bool ended = json_object_get(fact, "beeindigd_op") != NULL;
		html_lit(o, "<tr class=\"utrecht-table__row");
		if (ended)
			html_lit(o, " ib-ended");
		html_lit(o, "\">");
		for (int c = 1; c < td->ncols; c++) {
			if (!strcmp(td->cols[c], "vestiging") || !strcmp(td->cols[c], "leerling_id"))
				continue;
			html_lit(o, "<td class=\"utrecht-table__cell\">");
			fact_value(o, ds, fact, td->cols[c]);
			html_lit(o, "</td>");
		}
		html_lit(o, "<td class=\"utrecht-table__cell ib-small\">");
		ui_timestamp(o, str(fact, "geregistreerd_op"));
		html_lit(o, "<br>");
		html_text(o, str(fact, "geregistreerd_door"));
		html_lit(o, "</td>");
		if (history) {
			html_lit(o, "<td class=\"utrecht-table__cell ib-small\">");
			if (ended) {
				ui_timestamp(o, str(fact, "beeindigd_op"));
				html_lit(o, "<br>");
				html_text(o, str(fact, "beeindigd_door"));
			} else {
				html_lit(o, "<span class=\"ib-muted\">geldt nog</span>");
			}
			html_lit(o, "</td>");
		}
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table></div></section>");
}

/* ---- the timeline (SVG: positions are attributes, so the CSP holds) ---------- */

typedef struct lane {
	const char *kind; /* css class */
	char label[160];
	day_t van, tot; /* tot DAY_OPEN: ongoing */
} lane;

enum { MAX_LANES = 40, TL_LEFT = 300, TL_WIDTH = 680, TL_ROW = 26 };

static int x_of(day_t d, day_t from, day_t to)
{
	if (d < from)
		d = from;
	if (d > to)
		d = to;
	return TL_LEFT + (int)((int64_t)(d - from) * TL_WIDTH / (to - from ? to - from : 1));
}

static void add_lanes(lane *lanes, size_t *n, const dataset *ds, json_t *arr, const char *kind, const char *van_col,
		      const char *tot_col)
{
	size_t i;
	json_t *f;
	json_array_foreach(arr, i, f) {
		if (*n >= MAX_LANES)
			return;
		lane *l = &lanes[*n];
		l->kind = kind;
		l->van = day_of(str(f, van_col));
		l->tot = tot_col ? day_of(str(f, tot_col)) : l->van;
		if (l->van == DAY_NONE)
			continue;
		if (tot_col && l->tot == DAY_NONE)
			l->tot = DAY_OPEN;
		const char *naam;
		if (!strcmp(kind, "woon")) {
			naam = gemeente_name(ds, str(f, "gemeentecode"));
			snprintf(l->label, sizeof l->label, "Woont in %s%s", naam ? naam : str(f, "gemeentecode"),
				 json_is_true(json_object_get(f, "in_onderzoek")) ? " (in onderzoek)" : "");
		} else if (!strcmp(kind, "school")) {
			naam = school_name(ds, str(f, "brin"), str(f, "vestiging"));
			snprintf(l->label, sizeof l->label, "Ingeschreven: %s", naam ? naam : str(f, "brin"));
		} else if (!strcmp(kind, "verzuim")) {
			snprintf(l->label, sizeof l->label, "Verzuim: %s", str(f, "soort") ? str(f, "soort") : "");
		} else if (!strcmp(kind, "vrij")) {
			snprintf(l->label, sizeof l->label, "Vrijstelling %s (%s)", str(f, "grond") ? str(f, "grond") : "",
				 str(f, "status") ? str(f, "status") : "");
		} else {
			snprintf(l->label, sizeof l->label, "Aanbod: %s", str(f, "soort") ? str(f, "soort") : "");
		}
		(*n)++;
	}
}

static void timeline(strbuf *o, const dataset *ds, json_t *feiten, day_t peil, day_t birth)
{
	lane lanes[MAX_LANES];
	size_t n = 0;
	add_lanes(lanes, &n, ds, json_object_get(feiten, "woonadressen"), "woon", "van", "tot");
	add_lanes(lanes, &n, ds, json_object_get(feiten, "inschrijvingen"), "school", "van", "tot");
	add_lanes(lanes, &n, ds, json_object_get(feiten, "vrijstellingen"), "vrij", "van", "tot");
	add_lanes(lanes, &n, ds, json_object_get(feiten, "verzuim"), "verzuim", "van", "tot");
	add_lanes(lanes, &n, ds, json_object_get(feiten, "aanbod"), "aanbod", "plaats_per", NULL);
	if (!n) {
		html_lit(o, "<p class=\"utrecht-paragraph ib-muted\">Er zijn geen woon-, school- of verzuimperiodes om te tonen.</p>");
		return;
	}
	day_t from = peil, to = peil;
	for (size_t i = 0; i < n; i++) {
		if (lanes[i].van < from)
			from = lanes[i].van;
		if (lanes[i].tot != DAY_OPEN && lanes[i].tot > to)
			to = lanes[i].tot;
	}
	day_t lp = birth != DAY_NONE ? leerplicht_start(birth) : DAY_NONE;
	to += 30;
	from -= 30;
	int height = (int)n * TL_ROW + 40;
	html_markupf(o, "<figure class=\"ib-timeline\"><svg class=\"ib-timeline__svg\" viewBox=\"0 0 1000 %d\" "
			"role=\"img\" aria-labelledby=\"tijdlijn-titel\"><title id=\"tijdlijn-titel\">", height);
	html_lit(o, "Tijdlijn van woonadressen, inschrijvingen, vrijstellingen, verzuim en aanbod; de streep is de peildatum "
		    "(de tabellen hieronder geven dezelfde gegevens)</title>");
	/* year marks on 1 August: school years */
	civil cf = civil_from_day(from), ct = civil_from_day(to);
	for (int y = cf.year; y <= ct.year; y++) {
		day_t aug = day_from_civil(y, 8, 1);
		if (aug < from || aug > to)
			continue;
		int x = x_of(aug, from, to);
		html_markupf(o, "<line class=\"ib-tl-grid\" x1=\"%d\" x2=\"%d\" y1=\"0\" y2=\"%d\"/>"
				"<text class=\"ib-tl-year\" x=\"%d\" y=\"%d\">%d/%02d</text>",
			     x, x, height - 22, x + 3, height - 8, y, (y + 1) % 100);
	}
	for (size_t i = 0; i < n; i++) {
		int y = (int)i * TL_ROW + 4;
		int x1 = x_of(lanes[i].van, from, to);
		int x2 = lanes[i].tot == DAY_OPEN ? TL_LEFT + TL_WIDTH : x_of(lanes[i].tot + 1, from, to);
		if (x2 - x1 < 3)
			x2 = x1 + 3;
		html_markupf(o, "<text class=\"ib-tl-label\" x=\"0\" y=\"%d\">", y + 15);
		html_text(o, lanes[i].label);
		html_lit(o, "</text><rect class=\"ib-tl-bar ib-tl-bar--");
		html_attr(o, lanes[i].kind);
		html_markupf(o, "\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" rx=\"3\"/>", x1, y + 2, x2 - x1);
	}
	if (lp != DAY_NONE && lp > from && lp < to) {
		int xl = x_of(lp, from, to);
		html_markupf(o, "<line class=\"ib-tl-lp\" x1=\"%d\" x2=\"%d\" y1=\"0\" y2=\"%d\"/>"
				"<text class=\"ib-tl-year\" x=\"%d\" y=\"%d\">leerplichtig</text>",
			     xl, xl, height - 22, xl + 3, height - 24);
	}
	int xp = x_of(peil, from, to);
	html_markupf(o, "<line class=\"ib-tl-peil\" x1=\"%d\" x2=\"%d\" y1=\"0\" y2=\"%d\"/>", xp, xp, height - 22);
	html_lit(o, "</svg><figcaption class=\"utrecht-paragraph utrecht-paragraph--small\"><span class=\"ib-key "
		    "ib-key--woon\">woonadres</span> <span class=\"ib-key ib-key--school\">inschrijving</span> <span "
		    "class=\"ib-key ib-key--vrij\">vrijstelling</span> <span class=\"ib-key ib-key--verzuim\">verzuim"
		    "</span> <span class=\"ib-key ib-key--aanbod\">plaats beschikbaar</span> <span class=\"ib-key "
		    "ib-key--peil\">peildatum ");
	ui_date(o, peil);
	html_lit(o, "</span></figcaption></figure>");
}

/* ---- the page ---------------------------------------------------------------------- */

static void identity(strbuf *o, json_t *lr, const char *id)
{
	html_lit(o, "<dl class=\"utrecht-data-list ib-data\"><div class=\"ib-data__item\"><dt>Leerling-id</dt><dd>");
	html_text(o, id);
	html_lit(o, "</dd></div>");
	static const char *const COLS[] = {"bsn", "onderwijsnummer", "geboortedatum", "startkwalificatie"};
	for (size_t i = 0; i < 4; i++) {
		const char *v = str(lr, COLS[i]);
		if (!v)
			continue;
		html_lit(o, "<div class=\"ib-data__item\"><dt>");
		html_text(o, column_label(COLS[i]));
		html_lit(o, "</dt><dd>");
		if (is_date_column(COLS[i]))
			ui_date_long(o, day_of(v));
		else
			html_text(o, v);
		html_lit(o, "</dd></div>");
	}
	html_lit(o, "</dl>");
}

static void verdict(strbuf *o, json_t *j, day_t peil)
{
	json_t *c = json_object_get(j, "classificatie");
	json_t *uitleg = json_object_get(j, "uitleg");
	html_lit(o, "<section class=\"ib-section ib-card\" aria-labelledby=\"indeling-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"indeling-kop\">Indeling op ");
	ui_date_long(o, peil);
	html_lit(o, "</h2>");
	if (json_is_object(c)) {
		categorie cat = categorie_from_code(str(c, "categorie"));
		html_lit(o, "<p class=\"utrecht-paragraph ib-verdict\">");
		if (cat != CAT_COUNT)
			ui_categorie(o, cat);
		html_lit(o, " <span class=\"ib-muted\">(");
		html_text(o, str(c, "sector"));
		html_lit(o, ")</span></p>");
		json_t *duur = json_object_get(c, "duur_dagen");
		if (json_is_integer(duur)) {
			bool lang = json_is_true(json_object_get(c, "langer_dan_3_maanden"));
			html_lit(o, "<p class=\"utrecht-paragraph\"><span class=\"ib-days ib-days--big");
			if (lang)
				html_lit(o, " ib-days--long");
			html_lit(o, "\">");
			ui_int(o, json_integer_value(duur));
			html_lit(o, "</span> ");
			html_text(o, nl_days_word(json_integer_value(duur)));
			html_lit(o, " sinds de eerste dag van feitelijk verzuim (");
			ui_date_long(o, day_of(str(c, "startdatum")));
			html_lit(o, ")");
			if (lang)
				html_lit(o, ", <strong>drie maanden of langer</strong>");
			html_lit(o, ".</p>");
			if (categorie_is_thuiszitter(cat)) {
				bool zonder = json_is_true(json_object_get(c, "zonder_passend_aanbod"));
				if (zonder)
					html_lit(o, "<p class=\"utrecht-paragraph\"><span class=\"ib-flag ib-flag--warn\">Geen "
						    "passend aanbod</span> met een beschikbare plaats op deze peildatum.</p>");
				else
					html_lit(o, "<p class=\"utrecht-paragraph\"><span class=\"ib-flag ib-flag--ok\">Passend "
						    "aanbod</span> met een beschikbare plaats.</p>");
			}
		}
	}
	html_lit(o, "<p class=\"utrecht-paragraph\"><strong>");
	html_text(o, str(uitleg, "samenvatting"));
	html_lit(o, "</strong></p><h3 class=\"utrecht-heading-3\">Waarom</h3><ul class=\"utrecht-unordered-list ib-why\">");
	size_t i;
	json_t *line;
	json_array_foreach(json_object_get(uitleg, "regels"), i, line) {
		const char *t = json_string_value(line);
		html_lit(o, "<li class=\"utrecht-unordered-list__item");
		if (t && t[0] == ' ')
			html_lit(o, " ib-why__sub");
		html_lit(o, "\">");
		html_text(o, t ? t + strspn(t, " ") : "");
		html_lit(o, "</li>");
	}
	html_lit(o, "</ul></section>");
}

void ui_pupil(req *r)
{
	ui_pupil_page(r, NULL);
}

void ui_pupil_page(req *r, const ui_refusal *rf)
{
	h_pupil(r); /* access, facts, explanation and the audit entry, as the API */
	if (r->status != 200)
		return; /* the error page hook makes it HTML */
	json_t *j = json_loadb(sb_str(&r->out), r->out.len, 0, NULL);
	if (!j) {
		ui_fail(r, 500, "interne_fout", "de gegevens van de leerling konden niet worden getoond");
		return;
	}
	day_t peil = day_of(str(j, "peildatum"));
	json_t *lr = json_object_get(j, "leerling");
	json_t *feiten = json_object_get(j, "feiten");
	const char *id = str(j, "leerling_id");
	sb_reset(&r->out);
	json_t *history = ui_record_history(r, id); /* "eerder geregistreerd" */
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	strbuf title = STRBUF_INIT;
	if (str(lr, "voornaam") || str(lr, "achternaam"))
		sb_printf(&title, "%s%s%s", str(lr, "voornaam") ? str(lr, "voornaam") : "",
			  str(lr, "voornaam") && str(lr, "achternaam") ? " " : "", str(lr, "achternaam") ? str(lr, "achternaam") : "");
	else
		sb_printf(&title, "Leerling %s", id);
	ui_begin(r, ds, sb_str(&title), NAV_NONE);
	strbuf *o = &r->out;
	if (r->break_glass)
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--warning ib-alert\" role=\"status\"><p "
			    "class=\"utrecht-paragraph\">U bekijkt deze leerling met noodtoegang. Dit is vastgelegd in het "
			    "auditlog.</p></div>");
	ui_form_notice(r, rf ? rf->reason : NULL);
	identity(o, lr, id);
	html_lit(o, "<form class=\"ib-filters ib-filters--inline\" method=\"get\" action=\"/leerlingen/");
	html_url_path(o, id);
	html_lit(o, "\">");
	ui_peildatum_field(o, peil);
	html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Indeling op deze "
		    "datum</button></form>");
	verdict(o, j, peil);
	if (role_sees_pupils(r->who->rol))
		ui_pupil_case(r, s, id, str(json_object_get(j, "classificatie"), "startdatum") != NULL);
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"tijdlijn-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"tijdlijn-kop\">Tijdlijn</h2>");
	timeline(o, ds, feiten, peil, day_of(str(lr, "geboortedatum")));
	html_lit(o, "</section><section class=\"ib-section\" aria-labelledby=\"feiten-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"feiten-kop\">Geregistreerde feiten</h2>");
	facts_table(o, ds, T_WOONADRESSEN, "Woonadressen", json_object_get(feiten, "woonadressen"), false);
	facts_table(o, ds, T_INSCHRIJVINGEN, "Inschrijvingen", json_object_get(feiten, "inschrijvingen"), false);
	facts_table(o, ds, T_VERZUIM, "Verzuim", json_object_get(feiten, "verzuim"), false);
	facts_table(o, ds, T_MELDINGEN, "Verzuimmeldingen", json_object_get(feiten, "meldingen"), false);
	facts_table(o, ds, T_VRIJSTELLINGEN, "Vrijstellingen", json_object_get(feiten, "vrijstellingen"), false);
	facts_table(o, ds, T_AANBOD, "Aanbod", json_object_get(feiten, "aanbod"), false);
	html_lit(o, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/leerlingen/");
	html_url_path(o, id);
	html_lit(o, "/geschiedenis\">Alle versies van deze feiten, met correcties</a></p></section>");
	ui_record_section(r, ds, j, history, rf);
	/* The AVG right of access (issue 14): the audit log is the beheerder's (GET /api/audit). */
	if (r->who->rol == ROLE_BEHEERDER) {
		html_lit(o, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/audit?leerling=");
		html_url_arg(o, id);
		html_lit(o, "\">Wie heeft dit kind bekeken</a></p>");
	}
	ui_end(r, rf ? rf->status : 200);
	sb_free(&title);
	snapshot_release(s);
	json_decref(j);
	json_decref(history);
}

void ui_pupil_history(req *r)
{
	h_pupil_history(r);
	if (r->status != 200)
		return;
	json_t *j = json_loadb(sb_str(&r->out), r->out.len, 0, NULL);
	if (!j) {
		ui_fail(r, 500, "interne_fout", "de geschiedenis kon niet worden getoond");
		return;
	}
	const char *id = str(j, "leerling_id");
	json_t *feiten = json_object_get(j, "feiten");
	snapshot *s = snapshot_acquire(&r->srv->snap);
	strbuf title = STRBUF_INIT;
	sb_printf(&title, "Geschiedenis van leerling %s", id);
	ui_begin(r, s->ds, sb_str(&title), NAV_NONE);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">Een correctie vernietigt niets: de eerdere "
		    "versie blijft bewaard, met wie haar vastlegde en wie haar verving. Zo kan elke telling worden "
		    "herhaald zoals ze toen bekend was.</p><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" "
		    "href=\"/leerlingen/");
	html_url_path(o, id);
	html_lit(o, "\">Terug naar de leerling</a></p>");
	static const struct {
		table_id t;
		const char *title;
	} KINDS[] = {{T_LEERLINGEN, "Persoonsgegevens"}, {T_WOONADRESSEN, "Woonadressen"},
		     {T_INSCHRIJVINGEN, "Inschrijvingen"}, {T_VERZUIM, "Verzuim"},
		     {T_MELDINGEN, "Verzuimmeldingen"},	    {T_VRIJSTELLINGEN, "Vrijstellingen"},
		     {T_AANBOD, "Aanbod"}};
	for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++)
		facts_table(o, s->ds, KINDS[i].t, KINDS[i].title, json_object_get(feiten, TABLES[KINDS[i].t].name), true);
	ui_end(r, 200);
	sb_free(&title);
	snapshot_release(s);
	json_decref(j);
}
