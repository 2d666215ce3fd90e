/*
 * ui_jaarverslag.c - the annual report (jaarverslag leerplicht, Leerplichtwet
 * art. 25) of one gemeente or SWV over one schooljaar: one printable page
 * (the print stylesheet in web/inbeeld.css; the browser makes the PDF) with
 * the jaartelling (SPEC 8.1), the trend over the ijkmomenten, the targets of
 * the gebied, the broad count and the vrijstellingen - what a gemeente sends
 * its council every year. Melddiscipline is not in the registry's counts
 * yet; the report leaves it out.
 *
 * The counts come from the app layer (compute_jaartelling, compute_breed,
 * counts_run), the targets from GET /api/doelen in this request; small
 * numbers are protected for the analist (src/core/jaarverslag.c, suppress.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/compute_year.h"
#include "../app/steer.h"
#include "../core/jaarverslag.h"
#include "../core/leerplicht.h"
#include "../util/alloc.h"
#include "ui_cases.h"
#include "ui_doelen.h"

#define TH "<th scope=\"col\" class=\"utrecht-table__header-cell\">"
#define TH_NUM "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">"

static void table_open(strbuf *o, const char *caption, const char *first, const char *const *cols)
{
	html_lit(o, "<div class=\"utrecht-table-container\"><table class=\"utrecht-table utrecht-table--html-table "
		    "ib-report-table\"><caption class=\"utrecht-table__caption\">");
	html_text(o, caption);
	html_lit(o, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	html_lit(o, TH);
	html_text(o, first);
	html_lit(o, "</th>");
	for (size_t i = 0; cols[i]; i++) {
		html_lit(o, TH_NUM);
		html_text(o, cols[i]);
		html_lit(o, "</th>");
	}
	html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
}

static void row_head(strbuf *o, const char *label)
{
	html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell");
	if (label[0] == ' ')
		html_lit(o, " ib-sub");
	html_lit(o, "\">");
	html_text(o, label + strspn(label, " "));
	html_lit(o, "</th>");
}

/* A count as shown: the number, or its mark when protected; "" when absent. */
static void count_cell(strbuf *o, bool has, int64_t v, cell_state st)
{
	char text[32] = "";
	if (has && st != CELL_SHOWN)
		snprintf(text, sizeof text, "%s", cell_mark(st, false));
	else if (has)
		snprintf(text, sizeof text, "%lld", (long long)v);
	ui_number_cell(o, text, false);
}

static void jaartelling_section(strbuf *o, const jaartelling *jt, size_t g, bool protect, int y)
{
	jaar_suppression sp;
	jaar_suppress(jt, g, &sp);
	html_lit(o, "<section class=\"ib-section ib-report__part\" aria-labelledby=\"jv-jaar\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"jv-jaar\">Leerplichttelling over het schooljaar</h2><p class=\"utrecht-paragraph\">Elke leerling "
		    "telt één keer per regel als die er in het schooljaar op minstens één dag onder viel (Leerplichtwet "
		    "art. 25); opgelost: op 31 juli weer op school.</p>");
	static const char *const COLS[] = {"Totaal", "Langer dan 3 maanden", "Opgelost in het schooljaar", NULL};
	char caption[64];
	snprintf(caption, sizeof caption, "Jaartelling %d/%d", y, y + 1);
	table_open(o, caption, "Regel", COLS);
	for (int r = 0; r < JR_VRIJSTELLING_5A; r++) {
		jaar_value v;
		jaartelling_value_of(jt, g, (jaar_regel)r, &v);
		row_head(o, JAAR_REGELS[r].label);
		count_cell(o, true, v.totaal, protect ? sp.cell[r][JCOL_TOTAAL] : CELL_SHOWN);
		count_cell(o, v.has_lang, v.lang, protect ? sp.cell[r][JCOL_LANG] : CELL_SHOWN);
		count_cell(o, v.has_opgelost, v.opgelost, protect ? sp.cell[r][JCOL_OPGELOST] : CELL_SHOWN);
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table></div></section>");
}

static void vrijstellingen_section(strbuf *o, const jaartelling *jt, size_t g, bool protect, const counts *c)
{
	jaar_suppression jsp;
	jaar_suppress(jt, g, &jsp);
	html_lit(o, "<section class=\"ib-section ib-report__part\" aria-labelledby=\"jv-vrij\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"jv-vrij\">Vrijstellingen</h2>");
	static const char *const COLS[] = {"In het schooljaar", NULL};
	table_open(o, "Vrijstellingen van de leerplicht in het schooljaar", "Grond", COLS);
	for (int r = JR_VRIJSTELLING_5A; r < JR_COUNT; r++) {
		jaar_value v;
		jaartelling_value_of(jt, g, (jaar_regel)r, &v);
		row_head(o, JAAR_REGELS[r].label);
		count_cell(o, true, v.totaal, protect ? jsp.cell[r][JCOL_TOTAAL] : CELL_SHOWN);
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table></div>");
	if (c->n_days && c->n_gebieden) {
		size_t k = c->n_days - 1;
		char caption[96];
		strbuf day = STRBUF_INIT;
		ui_date_long(&day, c->days[k]);
		snprintf(caption, sizeof caption, "Vrijstellingen op %s (Resultaatschema)", sb_str(&day));
		sb_free(&day);
		static const char *const ONE[] = {"Totaal", NULL};
		table_open(o, caption, "Vrijstelling", ONE);
		suppression buf;
		const suppression *sp = counts_protection(c, k, 0, &buf);
		for (int rg = R_VRIJSTELLING_5A_TIJDELIJK; rg <= R_VRIJSTELLING_5C; rg++) {
			char text[32];
			counts_cell_text(c, k, 0, sp, (regel)rg, COL_TOTAAL, text);
			row_head(o, REGELS[rg].label);
			ui_number_cell(o, text, false);
			html_lit(o, "</tr>");
		}
		html_lit(o, "</tbody></table></div>");
	}
	html_lit(o, "</section>");
}

static void trend_section(strbuf *o, const counts *c)
{
	static const regel SERIES[] = {R_THUISZITTERS_TOTAAL, R_AV_PO, R_AV_VO, R_LRV_PO, R_LRV_VO,
				       R_THUISZITTERS_LANG_ZONDER_AANBOD};
	static const char *const COLS[] = {"Thuiszitters", "AV PO", "AV VO", "LRV PO", "LRV VO",
					   "3 mnd+ zonder aanbod", NULL};
	html_lit(o, "<section class=\"ib-section ib-report__part\" aria-labelledby=\"jv-trend\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"jv-trend\">Trend over de ijkmomenten</h2><p class=\"utrecht-paragraph\">De stand op 1 november, "
		    "1 februari en 1 juni van dit en de twee schooljaren ervoor (Resultaatschema, G4 Bijlage 1).</p>");
	table_open(o, "Thuiszitters per ijkmoment", "Ijkmoment", COLS);
	for (size_t k = 0; k < c->n_days && c->n_gebieden; k++) {
		strbuf day = STRBUF_INIT;
		ui_date(&day, c->days[k]);
		row_head(o, sb_str(&day));
		sb_free(&day);
		suppression buf;
		const suppression *sp = counts_protection(c, k, 0, &buf);
		for (size_t s = 0; s < sizeof SERIES / sizeof SERIES[0]; s++) {
			char text[32];
			counts_cell_text(c, k, 0, sp, SERIES[s], COL_TOTAAL, text);
			ui_number_cell(o, text, SERIES[s] == R_THUISZITTERS_TOTAAL);
		}
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table></div></section>");
}

/* The broad count on day d (the one day of c), protected as the Resultaatschema
 * and the overview protect it (breed_counts_total_text): roles that may not
 * see the pupils get its total only. */
static void breed_section(strbuf *o, const counts *c, const breed_counts *b)
{
	html_lit(o, "<section class=\"ib-section ib-report__part\" aria-labelledby=\"jv-breed\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"jv-breed\">Brede telling</h2><p class=\"utrecht-paragraph\">Naast de officiële telling: elk kind "
		    "in beeld dat vier weken of langer thuis is, om welke reden ook (SPEC 8), op ");
	ui_date_long(o, c->days[0]);
	if (c->protect)
		html_lit(o, " (1 juni, het laatste ijkmoment van het schooljaar, of de eerste van deze maand als dat eerder "
			    "is). Dit is niet de officiële telling.</p>");
	else
		html_lit(o, " (1 juni, het laatste ijkmoment van het schooljaar, of vandaag als dat eerder is). Dit is niet "
			    "de officiële telling.</p>");
	static const char *const COLS[] = {"Aantal", NULL};
	table_open(o, "Brede telling: kinderen vier weken of langer thuis", "Deel", COLS);
	for (int r = 0; r < BR_COUNT && c->n_gebieden; r++) {
		char text[32];
		if (r == BR_TOTAAL) {
			breed_counts_total_text(b, c, 0, 0, text);
		} else if (c->protect) {
			continue;
		} else {
			telling_value v;
			breed_counts_value(b, c, 0, 0, (breed_regel)r, &v);
			snprintf(text, sizeof text, "%lld", (long long)v.totaal);
		}
		row_head(o, BREED_REGELS[r].label);
		ui_number_cell(o, text, false);
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table></div>");
	if (c->protect)
		html_lit(o, "<p class=\"utrecht-paragraph ib-small\">Voor analisten alleen het totaal van de brede telling: x "
			    "waar het een klein aantal in de officiële telling zou verraden.</p>");
	html_lit(o, "</section>");
}

/* One figure of the melddiscipline: hundredths (median, share) with a unit,
 * or "geen meldingen" when there were none. */
static void md_hundredths(strbuf *o, const char *label, int64_t v, const char *unit)
{
	row_head(o, label);
	ui_hundredths_cell(o, v, unit);
	html_lit(o, "</tr>");
}

static void md_count(strbuf *o, const char *label, int64_t part, int64_t whole)
{
	row_head(o, label);
	html_lit(o, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
	ui_int(o, part);
	if (whole >= 0) {
		html_lit(o, " van ");
		ui_int(o, whole);
	}
	html_lit(o, "</td></tr>");
}

/* How the schools of the gebied reported absence in the schooljaar (issue 12,
 * the melddiscipline query, md_figures over every school of the gebied):
 * for the roles that work with the pupils (the others see counts only). */
static void melddiscipline_section(strbuf *o, const md_figures *f, md_period per)
{
	html_lit(o, "<section class=\"ib-section ib-report__part\" aria-labelledby=\"jv-md\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"jv-md\">Melddiscipline</h2><p class=\"utrecht-paragraph\">Hoe de scholen in het gebied verzuim "
		    "meldden van ");
	ui_date_long(o, per.from);
	html_lit(o, " tot en met ");
	ui_date_long(o, per.to);
	html_lit(o, ": een melding hoort binnen 7 dagen na de eerste verzuimdag (Leerplichtwet art. 21).</p>");
	static const char *const COLS[] = {"Aantal", NULL};
	table_open(o, "Melddiscipline van de scholen in het gebied", "Maat", COLS);
	md_count(o, "Scholen", f->schools, -1);
	md_count(o, "Verzuimmeldingen", f->meldingen, -1);
	md_count(o, "Binnen 7 dagen gemeld", f->in_term, f->meldingen);
	md_hundredths(o, "Mediaan dagen tot de melding", f->median, " dagen");
	md_count(o, "16 uur in 4 lesweken, nooit gemeld", f->duties_unreported, f->duties);
	md_count(o, "Relatief verzuim van 4 weken of meer, nooit gemeld", f->lrv_unreported, f->lrv);
	md_count(o, "Inschrijvingen later dan 7 dagen vastgelegd", f->enrolments_late, f->enrolments);
	md_count(o, "Uitschrijvingen later dan 7 dagen vastgelegd", f->deregistrations_late, f->deregistrations);
	html_lit(o, "</tbody></table></div>");
	if (f->onvolledig)
		html_lit(o, "<p class=\"utrecht-paragraph\">Registratie onvolledig: minstens een school legde weken lang "
			    "geen enkel verzuim vast; daar is onbekend niet nul.</p>");
	html_lit(o, "</section>");
}

/* The targets whose gebieden include this one. */
static void targets_section(strbuf *o, json_t *doelen, const char *code, const char *per)
{
	html_lit(o, "<section class=\"ib-section ib-report__part\" aria-labelledby=\"jv-doelen\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"jv-doelen\">Doelen</h2>");
	size_t shown = 0;
	for (size_t i = 0; i < json_array_size(doelen); i++) {
		json_t *d = json_array_get(doelen, i);
		const char *g = jtext(d, "gebieden");
		if (strcmp(jtext(d, "per"), per) != 0 || !list_has(g, code))
			continue;
		if (!shown++) {
			static const char *const COLS[] = {"Basis (nu bekend)", "Lijn", "Werkelijk", "Op koers", NULL};
			table_open(o, "Doelen en de stand op het laatste ijkmoment", "Doel", COLS);
		}
		json_t *v = json_object_get(d, "voortgang"), *pts = json_object_get(v, "punten");
		json_t *last = json_array_get(pts, json_array_size(pts) - 1);
		const char *naam = jtext(d, "naam");
		row_head(o, naam && *naam ? naam : jtext(d, "regels_tekst"));
		json_t *nu = json_object_get(json_object_get(v, "basis"), "bekend_nu"), *w = json_object_get(last, "werkelijk");
		char text[32];
		snprintf(text, sizeof text, "%s", json_is_integer(nu) ? "" : json_string_value(nu) ? json_string_value(nu) : "");
		if (json_is_integer(nu))
			snprintf(text, sizeof text, "%lld", (long long)json_integer_value(nu));
		ui_number_cell(o, text, false);
		html_lit(o, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
		json_t *lijn = json_object_get(last, "lijn");
		if (json_is_string(lijn))
			ui_rate(o, json_string_value(lijn));
		else
			html_lit(o, "x");
		html_lit(o, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
		snprintf(text, sizeof text, "%s", json_is_string(w) ? json_string_value(w) : "");
		if (json_is_integer(w))
			snprintf(text, sizeof text, "%lld", (long long)json_integer_value(w));
		ui_number(o, text);
		html_lit(o, "</td><td class=\"utrecht-table__cell ib-nowrap\">");
		ui_on_track_badge(o, json_object_get(last, "op_koers"));
		html_lit(o, "</td></tr>");
	}
	if (shown)
		html_lit(o, "</tbody></table></div>");
	else
		html_lit(o, "<p class=\"utrecht-paragraph\">Voor dit gebied zijn geen doelen vastgesteld.</p>");
	html_lit(o, "</section>");
}

void ui_jaarverslag(req *r)
{
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	const char *per = query(r, "per");
	view v = per ? (strcmp(per, "swv") == 0 ? VIEW_SWV : VIEW_GEMEENTE) : access_home_view(r->who->rol);
	per = v == VIEW_SWV ? "swv" : "gemeente";
	const char *y_text = query(r, "schooljaar");
	if (y_text && !*y_text) /* the form's empty field: the default */
		y_text = NULL;
	day_t now = today();
	int y = y_text ? atoi(y_text) : jaarverslag_schooljaar(now);
	scope_set set;
	scope_resolve(&r->who->sc, ds, &set);
	size_t total = v == VIEW_SWV ? ds->n_swvs : ds->n_gemeenten;
	const char *code = query(r, "gebied");
	if (code && !*code)
		code = NULL;
	int32_t g = NO_REF;
	if (code)
		g = v == VIEW_SWV ? dataset_swv(ds, code, strlen(code)) : dataset_gemeente(ds, code, strlen(code));
	else /* the first gebied the user looks at first, else the first in scope */
		for (size_t k = 0; k < total && g == NO_REF; k++)
			if (v == access_home_view(r->who->rol) ? access_home_gebied(ds, &set, k)
							       : access_sees_gebied(ds, &set, v, k))
				g = (int32_t)k;
	bool ok = g != NO_REF && access_sees_gebied(ds, &set, v, (size_t)g);
	scope_set_free(&set);
	if (y < DATE_MIN_YEAR + 1 || y >= DATE_MAX_YEAR - 1 || schooljaar_first(y) > now) {
		snapshot_release(s);
		reply_error(r, 400, "ongeldige_parameter", "het schooljaar is een jaartal JJJJ van een begonnen schooljaar");
		return;
	}
	if (!ok) {
		snapshot_release(s);
		if (code)
			reply_error(r, 403, "buiten_scope", "het gebied %.16s ligt buiten uw scope of is onbekend", code);
		else
			reply_error(r, 404, "onbekend", "uw scope hoort bij geen %s in de registratie",
				    v == VIEW_SWV ? "samenwerkingsverband" : "gemeente");
		return;
	}
	json_t *doelen = ui_api_get(r, "/api/doelen");
	if (!doelen) {
		snapshot_release(s);
		return;
	}
	bool protect = role_counts_protected(r->who->rol);
	int threads = r->srv->cfg.threads;
	jaartelling jt;
	compute_jaartelling(ds, y, v, threads, &jt);
	/* The ijkmomenten of this schooljaar and the two before it, up to today. */
	day_t days[9];
	size_t n_days = ijkmomenten_until(y - 2, y + 1, now, days, 9);
	bool *keep = xcalloc(total ? total : 1, sizeof *keep);
	keep[g] = true;
	scope_resolve(&r->who->sc, ds, &set);
	counts_query q = {.v = v, .days = days, .n_days = n_days, .scope = &set, .keep = keep, .protect = protect};
	snapshot_source src = {s, threads};
	counts c;
	counts_run(ds, &q, snapshot_tellingen, &src, &c);
	/* The broad count on 1 June, or before that on today; a role whose counts
	 * are protected counts on first days of the month only (SPEC 9,
	 * protected_day_allowed), so on the first of this month. */
	day_t june = day_from_civil(y + 1, 6, 1);
	if (june > now) {
		civil c_now = civil_from_day(now);
		june = protect ? day_from_civil(c_now.year, c_now.month, 1) : now;
	}
	counts_query qj = {.v = v, .days = &june, .n_days = 1, .scope = &set, .keep = keep, .protect = protect};
	counts cj;
	counts_run(ds, &qj, snapshot_tellingen, &src, &cj);
	breed_counts bc;
	breed_counts_run(s, &cj, true, threads, &bc);
	scope_set_free(&set);
	free(keep);

	/* The melddiscipline over the schooljaar up to today, for the roles that
	 * work with the pupils (the query is theirs: melddiscipline_view). */
	md_period md_per = {day_from_civil(y, 8, 1), day_from_civil(y + 1, 7, 31)};
	if (md_per.to > now)
		md_per.to = now;
	md_view md = {0};
	shared_body *md_hold = NULL;
	bool md_ok = role_sees_pupils(r->who->rol) && md_per.from <= md_per.to;
	if (md_ok && !melddiscipline_view(r, s, md_per, &md, &md_hold))
		goto done; /* replied 500 */

	char title[160];
	snprintf(title, sizeof title, "Jaarverslag leerplicht %s %d/%d", gebied_naam(ds, v, (size_t)g), y, y + 1);
	ui_begin(r, ds, title, NAV_JAARVERSLAG);
	strbuf *o = &r->out;
	html_lit(o, "<article class=\"ib-report\"><p class=\"utrecht-paragraph utrecht-paragraph--lead\">");
	html_text(o, v == VIEW_SWV ? "Per samenwerkingsverband (schoolkant): " : "Per gemeente (woonplaats): ");
	html_text(o, gebied_naam(ds, v, (size_t)g));
	html_lit(o, " (");
	html_text(o, gebied_code(ds, v, (size_t)g));
	html_textf(o, "), schooljaar 1 augustus %d tot en met 31 juli %d. Opgemaakt op ", y, y + 1);
	ui_date_long(o, now);
	html_textf(o, " uit registratieversie %lld.", (long long)s->version);
	html_lit(o, "</p>");
	if (protect)
		html_lit(o, "<p class=\"utrecht-paragraph ib-small\">Aantallen van 1 tot en met 4 staan er als &lt;5; een "
			    "getal waaruit zo'n klein aantal af te leiden is als x.</p>");
	html_lit(o, "<form class=\"ib-filters ib-filters--inline ib-no-print\" method=\"get\" action=\"/jaarverslag\">");
	/* The report shown is the form's value: another gebied or schooljaar in one step. */
	static const char *const PER[] = {"gemeente", "gemeente", "swv", "samenwerkingsverband", NULL};
	ui_select_value(o, "jv-per", "per", "Per", PER, true, per);
	ui_input_value(o, "jv-gebied", "gebied", "Gebied (code)", "text", true, NULL, gebied_code(ds, v, (size_t)g));
	char year[8];
	snprintf(year, sizeof year, "%d", y);
	ui_input_value(o, "jv-schooljaar", "schooljaar", "Schooljaar (JJJJ)", "text", true, NULL, year);
	html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Toon</button></form>");
	jaartelling_section(o, &jt, (size_t)g, protect, y);
	trend_section(o, &c);
	targets_section(o, doelen, gebied_code(ds, v, (size_t)g), per);
	breed_section(o, &cj, &bc);
	vrijstellingen_section(o, &jt, (size_t)g, protect, &c);
	if (md_ok)
		melddiscipline_section(o, v == VIEW_SWV ? &md.by_swv[g] : &md.by_gemeente[g], md_per);
	html_lit(o, "</article>");
	ui_end(r, 200);
done:
	free(md.rows);
	if (md_hold)
		shared_body_release(md_hold);
	breed_counts_free(&bc);
	counts_free(&cj);
	counts_free(&c);
	jaartelling_free(&jt);
	json_decref(doelen);
	snapshot_release(s);
}

const route JAARVERSLAG_PAGES[] = {
	{"GET", "/jaarverslag", ui_jaarverslag, ALL_ROLES, false, false, BODY_NONE, 0,
	 "Jaarverslag leerplicht per gemeente of SWV over een schooljaar, om af te drukken", "Pagina's",
	 {{"per", P_CHOICE, false, "gemeente|swv", NULL}, {"gebied", P_CODE, false, NULL, "gemeente- of SWV-code"},
	  {"schooljaar", P_INT, false, NULL, "JJJJ: het schooljaar JJJJ/JJJJ+1"}},
	 {{0}}, "200,400", true},
};

const size_t N_JAARVERSLAG_PAGES = sizeof JAARVERSLAG_PAGES / sizeof JAARVERSLAG_PAGES[0];
