/*
 * ui_overview.c - Overzicht: first the thuiszitters longer than three months
 * without passend aanbod, then today's counts per regel for the user's own
 * gebieden, and the trend over the ijkmomenten of the last five school years
 * as a chart (loaded separately: /overzicht/trend, with a table behind it).
 *
 * School, leerplicht and SWV see the pupils behind the numbers (one audit
 * entry per request); the analist sees counts only, with small numbers
 * protected; the beheerder sees counts.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../util/alloc.h"
#include "ui.h"
#include "ui_cases.h"
#include "ui_doelen.h"
#include "ui_steer.h"

enum { MAX_HOME = 12, TOP = 10 };

/* Today's counts per regel: one column per gebied, and a total for roles
 * that see every number. n: how many of the counted gebieden. */
static void counts_table(req *r, const dataset *ds, const counts *c, size_t n)
{
	strbuf *o = &r->out;
	bool protect = c->protect;
	bool total = n > 1 && !protect;
	bool columns = n <= 6;
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table utrecht-table--html-table ib-counts\">"
		    "<caption class=\"utrecht-table__caption\">Aantallen per regel van het Resultaatschema</caption>"
		    "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Regel</th>");
	for (size_t i = 0; columns && i < n; i++) {
		html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">");
		html_text(o, gebied_naam(ds, c->v, c->gebieden[i]));
		html_lit(o, "</th>");
	}
	if (total || !columns)
		html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">"
			    "Totaal</th>");
	html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
	suppression buf[MAX_HOME];
	const suppression *sp[MAX_HOME] = {0};
	for (size_t i = 0; columns && i < n; i++)
		sp[i] = counts_protection(c, 0, i, &buf[i]);
	for (int rg = 0; rg < R_COUNT; rg++) {
		if (rg == R_AV_VO_WAARVAN_OVERSTAP_MBO)
			continue; /* detail: in the Resultaatschema */
		const char *label = REGELS[rg].label;
		bool sub = label[0] == ' ';
		html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell");
		if (sub)
			html_lit(o, " ib-sub");
		if (rg == R_THUISZITTERS_TOTAAL || rg == R_THUISZITTERS_PER_1000)
			html_lit(o, " ib-strong");
		html_lit(o, "\">");
		html_text(o, label + strspn(label, " "));
		html_lit(o, "</th>");
		char text[32];
		for (size_t i = 0; columns && i < n; i++) {
			counts_cell_text(c, 0, i, sp[i], (regel)rg, COL_TOTAAL, text);
			ui_number_cell(o, text, false);
		}
		if (total || !columns) {
			telling_value tv;
			counts_sum(c, 0, n, (regel)rg, &tv);
			cell_text(&tv, COL_TOTAAL, NULL, (regel)rg, text);
			ui_number_cell(o, protect ? "x" : text, false);
		}
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table></div>");
	if (protect)
		html_lit(o, "<p class=\"utrecht-paragraph utrecht-paragraph--small ib-muted\">Aantallen van 1 tot en met 4 "
			    "staan er als &lt;5; een getal waaruit zo'n klein aantal af te leiden is als x.</p>");
}

static void tile(strbuf *o, const char *label, size_t n, const char *href, bool warn)
{
	html_lit(o, "<li class=\"ib-tile");
	if (warn && n)
		html_lit(o, " ib-tile--warn");
	html_lit(o, "\">");
	if (href) {
		html_lit(o, "<a class=\"ib-tile__link\" href=\"");
		html_attr(o, href);
		html_lit(o, "\">");
	}
	html_lit(o, "<span class=\"ib-tile__number\">");
	ui_int(o, (int64_t)n);
	html_lit(o, "</span><span class=\"ib-tile__label\">");
	html_text(o, label);
	html_lit(o, "</span>");
	if (href)
		html_lit(o, "</a>");
	html_lit(o, "</li>");
}

static int by_duration_desc(const void *a, const void *b)
{
	const status_row *x = *(const status_row *const *)a, *y = *(const status_row *const *)b;
	return x->duur != y->duur ? (x->duur < y->duur ? 1 : -1) : (x->pupil > y->pupil) - (x->pupil < y->pupil);
}

/* The pupils longer than three months without passend aanbod, longest first
 * (case roles). Returns false when the audit entry failed (reply made). */
static bool urgent_pupils(req *r, snapshot *s, day_t d, const status_row *rows, size_t n)
{
	strbuf *o = &r->out;
	const dataset *ds = s->ds;
	size_t k = 0;
	const status_row **urgent = xcalloc(n ? n : 1, sizeof *urgent);
	for (size_t i = 0; i < n; i++)
		if (thuiszitter_lang_zonder_aanbod((categorie)rows[i].cat, rows[i].lang, rows[i].zonder_aanbod))
			urgent[k++] = &rows[i];
	qsort(urgent, k, sizeof *urgent, by_duration_desc);
	json_t *ids = json_array();
	for (size_t i = 0; i < k && i < TOP; i++)
		japp(ids, json_string(PUPIL_AT(ds, urgent[i]->pupil).id));
	char dt[DATE_TEXT];
	date_format(d, dt);
	if (!audit(r, "overzicht", NULL,
		   json_pack("{s:s, s:I, s:I, s:o, s:I}", "peildatum", dt, "aantal", (json_int_t)n, "urgent", (json_int_t)k,
			     "leerlingen", ids, "registratie", (json_int_t)s->version))) {
		free(urgent);
		return false;
	}
	html_lit(o, "<section class=\"ib-section ib-urgent\" aria-labelledby=\"urgent-kop\">"
		    "<h2 class=\"utrecht-heading-2\" id=\"urgent-kop\">Langer dan drie maanden zonder passend aanbod</h2>");
	if (!k) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--ok ib-alert\"><p class=\"utrecht-paragraph\">Er is "
			    "op deze peildatum geen thuiszitter in uw scope die langer dan drie maanden zonder passend aanbod "
			    "thuiszit.</p></div>");
	} else {
		html_lit(o, "<p class=\"utrecht-paragraph ib-urgent__count\"><strong class=\"ib-big\">");
		ui_int(o, (int64_t)k);
		html_lit(o, "</strong> ");
		html_text(o, k == 1 ? "thuiszitter zit" : "thuiszitters zitten");
		html_lit(o, " langer dan drie maanden thuis zonder passend aanbod. De norm is: geen enkele.</p>"
			    "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table utrecht-table--html-table\">"
			    "<caption class=\"utrecht-table__caption\">De langste eerst</caption><thead class=\"utrecht-table__header\">"
			    "<tr class=\"utrecht-table__row\"><th scope=\"col\" class=\"utrecht-table__header-cell "
			    "utrecht-table__header-cell--numeric-column\">Dagen thuis</th><th scope=\"col\" "
			    "class=\"utrecht-table__header-cell\">Leerling</th><th scope=\"col\" class=\"utrecht-table__header-cell\">"
			    "Categorie</th><th scope=\"col\" class=\"utrecht-table__header-cell\">Sinds</th></tr></thead>"
			    "<tbody class=\"utrecht-table__body\">");
		for (size_t i = 0; i < k && i < TOP; i++) {
			const status_row *row = urgent[i];
			html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">"
				    "<span class=\"ib-days ib-days--alarm\">");
			ui_int(o, row->duur);
			html_lit(o, "</span></td><td class=\"utrecht-table__cell\">");
			ui_pupil_link(o, ds, row->pupil, d);
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			if (row->cat == CAT_AV || row->cat == CAT_LRV) /* the abbreviation, explained on /begrippen */
				ui_term(o, row->cat == CAT_AV ? "av" : "lrv", CATEGORIE_CODES[row->cat]);
			else
				ui_categorie(o, row->cat);
			html_lit(o, " ");
			html_text(o, SECTOR_NAMES[row->sector]);
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			ui_date(o, row->startdatum);
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table></div><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/thuiszitters?peildatum=");
		html_url_arg(o, dt);
		html_lit(o, "&amp;categorie=thuiszitters&amp;duur=lang&amp;aanbod=zonder\">");
		html_textf(o, "Alle %zu in de thuiszitterslijst", k);
		html_lit(o, "</a></p>");
	}
	html_lit(o, "</section>");

	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"lijst-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"lijst-kop\">In uw scope</h2><ul class=\"ib-tiles\">");
	strbuf href = STRBUF_INIT;
	static const struct {
		const char *label, *group; /* categorie_group */
		bool link, warn;	   /* dreigend is not on the list */
	} TILES[7] = {
		{"thuiszitters (AV + LRV)", "thuiszitters", true, true},
		{"absoluut verzuim", "AV", true, true},
		{"langdurig relatief verzuim", "LRV", true, true},
		{"langdurig ziek", "LANGDURIG_ZIEK", true, false},
		{"geschorst of verwijderd", "GESCHORST_VERWIJDERD", true, false},
		{"absoluut verzuim, niet geteld", "niet-geteld", true, false},
		{"dreigend (nog geen vier weken)", "DREIGEND", false, false},
	};
	for (int t = 0; t < 7; t++) {
		categorie_set cats;
		categorie_group(TILES[t].group, &cats);
		size_t count = 0;
		for (size_t i = 0; i < n; i++)
			count += categorie_set_has(cats, (categorie)rows[i].cat);
		sb_reset(&href);
		if (TILES[t].link)
			sb_printf(&href, "/thuiszitters?peildatum=%s&categorie=%s", dt, TILES[t].group);
		tile(o, TILES[t].label, count, TILES[t].link ? sb_str(&href) : NULL, TILES[t].warn);
	}
	sb_free(&href);
	html_lit(o, "</ul></section>");
	free(urgent);
	return true;
}

/* For roles without personal data: the same number from the counts. */
static void urgent_counts(req *r, const dataset *ds, const counts *c, size_t n)
{
	strbuf *o = &r->out;
	html_lit(o, "<section class=\"ib-section ib-urgent\" aria-labelledby=\"urgent-kop\">"
		    "<h2 class=\"utrecht-heading-2\" id=\"urgent-kop\">Langer dan drie maanden zonder passend aanbod</h2>"
		    "<ul class=\"ib-tiles\">");
	for (size_t i = 0; i < n && i < MAX_HOME; i++) {
		suppression buf;
		const suppression *sp = counts_protection(c, 0, i, &buf);
		char text[32];
		counts_cell_text(c, 0, i, sp, R_THUISZITTERS_LANG_ZONDER_AANBOD, COL_TOTAAL, text);
		html_lit(o, "<li class=\"ib-tile");
		if (strcmp(text, "0") != 0)
			html_lit(o, " ib-tile--warn");
		html_lit(o, "\"><span class=\"ib-tile__number\">");
		ui_number(o, text);
		html_lit(o, "</span><span class=\"ib-tile__label\">");
		html_text(o, gebied_naam(ds, c->v, c->gebieden[i]));
		html_lit(o, "</span></li>");
	}
	html_lit(o, "</ul><p class=\"utrecht-paragraph utrecht-paragraph--small ib-muted\">Thuiszitters (absoluut en "
		    "langdurig relatief verzuim) die drie maanden of langer thuiszitten zonder passend aanbod. De norm is: "
		    "geen enkele.</p></section>");
}

void ui_overview(req *r)
{
	day_t d;
	if (!counts_peildatum(r, &d))
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	counts c;
	ui_home_counts(r, s, &d, 1, &c);
	size_t n = c.n_gebieden < 64 ? c.n_gebieden : 64;
	json_t *signals = NULL; /* the case work's signals, for those who do it */
	if (role_sees_pupils(r->who->rol))
		signals = ui_api_get(r, "/api/signalen");
	json_t *doelen = ui_api_get(r, "/api/doelen"); /* the targets' tiles */
	ui_begin(r, ds, "Overzicht", NAV_OVERZICHT);
	strbuf *o = &r->out;
	char dt[DATE_TEXT];
	date_format(d, dt);
	html_lit(o, "<form class=\"ib-filters ib-filters--inline\" method=\"get\" action=\"/\"><p class=\"utrecht-paragraph "
		    "utrecht-paragraph--lead\">De stand op ");
	ui_date_long(o, d);
	html_lit(o, ".</p>");
	ui_peildatum_field(o, d);
	html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Toon</button></form>");
	ui_protected_day_hint(o, c.protect);
	bool ok = true;
	if (role_sees_pupils(r->who->rol)) {
		size_t nrows;
		shared_body *hold;
		const status_row *rows = ui_visible(r, s, d, &nrows, &hold);
		ok = urgent_pupils(r, s, d, rows, nrows);
		shared_body_release(hold);
	} else if (n) {
		urgent_counts(r, ds, &c, n);
	}
	if (ok && signals) {
		html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"dossiers-kop\"><h2 class=\"utrecht-heading-2\" "
			    "id=\"dossiers-kop\">Dossiers: termijnen en regie</h2>");
		ui_signal_tiles(o, signals);
		html_lit(o, "</section>");
	}
	json_decref(signals);
	if (ok && json_array_size(doelen)) /* the targets in scope, on track or not (ui_doelen.c) */
		ui_targets_tiles(o, doelen);
	json_decref(doelen);
	if (ok) {
		html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"tellen-kop\"><h2 class=\"utrecht-heading-2\" "
			    "id=\"tellen-kop\">Per regel</h2>");
		if (!n)
			html_lit(o, "<p class=\"utrecht-paragraph\">Uw scope hoort bij geen gemeente of samenwerkingsverband "
				    "in de registratie, dus er is hier niets te tellen.</p>");
		else
			counts_table(r, ds, &c, n);
		html_lit(o, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/resultaatschema\">Het volledige "
			    "Resultaatschema, met korter en langer dan drie maanden, en de export</a></p></section>");
		if (n) { /* the broad count next to the official one (SPEC 8) */
			breed_counts b;
			breed_counts_run(s, &c, false, r->srv->cfg.threads, &b);
			ui_breed_section(o, ds, &c, &b, 0, n < MAX_HOME ? n : MAX_HOME);
			breed_counts_free(&b);
		}
		/* The trend takes a count per ijkmoment: it comes in by itself, with
		 * a link for browsers without JavaScript. */
		html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"trend-kop\"><h2 class=\"utrecht-heading-2\" "
			    "id=\"trend-kop\">Trend over vijf schooljaren</h2><div id=\"trend\" hx-get=\"/overzicht/trend\" "
			    "hx-trigger=\"load\" hx-swap=\"innerHTML\" aria-busy=\"true\"><p class=\"utrecht-paragraph "
			    "ib-loading\" role=\"status\">De trend wordt berekend…</p><noscript><p class=\"utrecht-paragraph\">"
			    "<a class=\"utrecht-link\" href=\"/overzicht/trend\">Bekijk de trend als tabel</a></p></noscript>"
			    "</div></section>");
		ui_end(r, 200);
	}
	counts_free(&c);
	snapshot_release(s);
}

/* ---- the trend ------------------------------------------------------------------- */

static void trend_value(strbuf *o, const char *text)
{
	html_lit(o, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\" data-v=\"");
	if (*text >= '0' && *text <= '9')
		html_attr(o, text);
	html_lit(o, "\">");
	ui_number(o, text);
	html_lit(o, "</td>");
}

void ui_trend(req *r)
{
	day_t now = today();
	civil cv = civil_from_day(schooljaar_start(now));
	day_t days[16];
	size_t n_days = ijkmomenten_until(cv.year - 4, cv.year + 1, now, days, 16);
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	counts c;
	ui_home_counts(r, s, days, n_days, &c);
	size_t n = c.n_gebieden < MAX_HOME ? c.n_gebieden : MAX_HOME;
	bool protect = c.protect;
	bool fragment = htmx_request(r);
	if (fragment)
		sb_reset(&r->out);
	else
		ui_begin(r, ds, "Trend over vijf schooljaren", NAV_OVERZICHT);
	strbuf *o = &r->out;
	if (!n) {
		html_lit(o, "<p class=\"utrecht-paragraph\">Uw scope hoort bij geen gebied in de registratie.</p>");
	} else {
		static const regel SERIES[4] = {R_THUISZITTERS_TOTAAL, R_AV_PO, R_LRV_PO, R_THUISZITTERS_LANG_ZONDER_AANBOD};
		static const char *const NAMES[4] = {"Thuiszitters", "Absoluut verzuim", "Langdurig relatief verzuim",
						     "3 mnd+ zonder aanbod"};
		size_t n_series = protect ? n : 4;
		html_lit(o, "<figure class=\"ib-chart-figure\"><div class=\"ib-chart\" aria-hidden=\"true\"></div>"
			    "<figcaption class=\"utrecht-paragraph utrecht-paragraph--small\">");
		if (protect)
			html_lit(o, "Thuiszitters per gebied op elk ijkmoment (1 november, 1 februari, 1 juni); kleine "
				    "aantallen zijn afgeschermd en ontbreken in de grafiek.");
		else
			html_lit(o, "Aantallen op elk ijkmoment (1 november, 1 februari, 1 juni) in uw gebied.");
		html_lit(o, "</figcaption><div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
			    "utrecht-table--html-table ib-chart-data\" data-chart=\"line\"><caption class=\"utrecht-table__caption\">"
			    "Trend per ijkmoment</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Ijkmoment</th>");
		for (size_t k = 0; k < n_series; k++) {
			html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">");
			html_text(o, protect ? gebied_naam(ds, c.v, c.gebieden[k]) : NAMES[k]);
			html_lit(o, "</th>");
		}
		html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
		for (size_t i = 0; i < c.n_days; i++) {
			html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			ui_date(o, c.days[i]);
			html_lit(o, "</th>");
			char text[32];
			for (size_t k = 0; k < n_series; k++) {
				if (protect) {
					suppression buf;
					const suppression *sp = counts_protection(&c, i, k, &buf);
					counts_cell_text(&c, i, k, sp, R_THUISZITTERS_TOTAAL, COL_TOTAAL, text);
				} else {
					telling_value tv;
					counts_sum(&c, i, n, SERIES[k], &tv);
					if (SERIES[k] == R_AV_PO || SERIES[k] == R_LRV_PO) { /* PO + VO */
						telling_value vo;
						counts_sum(&c, i, n, SERIES[k] == R_AV_PO ? R_AV_VO : R_LRV_VO, &vo);
						tv.totaal += vo.totaal;
					}
					cell_text(&tv, COL_TOTAAL, NULL, SERIES[k], text);
				}
				trend_value(o, text);
			}
			html_lit(o, "</tr>");
		}
		html_lit(o, "</tbody></table></div></figure>");
	}
	if (fragment)
		ui_fragment(r);
	else
		ui_end(r, 200);
	counts_free(&c);
	snapshot_release(s);
}
