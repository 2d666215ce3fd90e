/*
 * ui_schema.c - Resultaatschema: the G4 table (SPEC 5) for a chosen gebied and
 * ijkmomenten, with korter / langer dan drie maanden and per 1,000, exports to
 * CSV and XLSX (ui_export.c), and a chart comparing the gebieden per 1,000.
 * Counts are the same for every role; the analist sees small numbers
 * protected. No personal data: no audit entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../util/alloc.h"
#include "ui_steer.h"

static void default_span(char out[32])
{
	civil c = civil_from_day(schooljaar_start(today()));
	snprintf(out, 32, "%d-%d", c.year - 1, c.year + 1);
}

bool schema_query_parse(req *r, const dataset *ds, schema_query *q)
{
	memset(q, 0, sizeof *q);
	const char *per = query(r, "per");
	size_t home[1];
	view hv;
	size_t n_home = ui_home_gebieden(r, ds, &hv, home, 1);
	q->v = per ? (strcmp(per, "swv") == 0 ? VIEW_SWV : VIEW_GEMEENTE) : hv;
	q->protect = role_counts_protected(r->who->rol);
	const char *span = query(r, "ijkmomenten");
	if (span)
		snprintf(q->span, sizeof q->span, "%s", span);
	else
		default_span(q->span);
	int a = 0, b = 0;
	sscanf(q->span, "%4d-%4d", &a, &b);
	q->n_days = ijkmomenten_until(a, b, today(), q->days, SCHEMA_MAX_DAYS);
	if (!q->n_days) {
		reply_error(r, 400, "ongeldige_parameter", "in de schooljaren %s ligt nog geen ijkmoment vóór vandaag", q->span);
		return false;
	}
	scope_set set;
	scope_resolve(&r->who->sc, ds, &set);
	const char *gebied = query(r, "gebied");
	size_t total = q->v == VIEW_SWV ? ds->n_swvs : ds->n_gemeenten;
	if (gebied && strcmp(gebied, "alle") == 0) {
		q->all = true;
		snprintf(q->gebied, sizeof q->gebied, "alle");
		for (size_t g = 0; g < total && q->n_gebieden < SCHEMA_MAX_GEBIEDEN; g++)
			if (access_sees_gebied(ds, &set, q->v, g))
				q->gebieden[q->n_gebieden++] = g;
	} else {
		int32_t g = NO_REF;
		if (gebied)
			g = q->v == VIEW_SWV ? dataset_swv(ds, gebied, strlen(gebied)) : dataset_gemeente(ds, gebied, strlen(gebied));
		else if (n_home && hv == q->v)
			g = (int32_t)home[0];
		else
			for (size_t k = 0; k < total && g == NO_REF; k++)
				if (access_sees_gebied(ds, &set, q->v, k))
					g = (int32_t)k;
		if (gebied && g == NO_REF) {
			scope_set_free(&set);
			reply_error(r, 400, "ongeldige_parameter", "onbekend gebied '%.20s' voor de telling per %s", gebied,
				    q->v == VIEW_SWV ? "SWV" : "gemeente");
			return false;
		}
		if (g != NO_REF && !access_sees_gebied(ds, &set, q->v, (size_t)g)) {
			scope_set_free(&set);
			reply_error(r, 403, "buiten_scope", "het gebied %.20s valt niet binnen uw scope", gebied ? gebied : "");
			return false;
		}
		if (g != NO_REF) {
			q->gebieden[q->n_gebieden++] = (size_t)g;
			snprintf(q->gebied, sizeof q->gebied, "%s", gebied_code(ds, q->v, (size_t)g));
		}
	}
	scope_set_free(&set);
	return true;
}

void schema_counts(req *r, snapshot *s, const schema_query *q, counts *out)
{
	size_t total = q->v == VIEW_SWV ? s->ds->n_swvs : s->ds->n_gemeenten;
	bool *keep = xcalloc(total ? total : 1, sizeof *keep);
	for (size_t i = 0; i < q->n_gebieden; i++)
		keep[q->gebieden[i]] = true;
	counts_query cq = {.v = q->v, .days = q->days, .n_days = q->n_days, .keep = keep, .protect = q->protect};
	snapshot_source src = {s, r->srv->cfg.threads};
	counts_run(s->ds, &cq, snapshot_tellingen, &src, out);
	free(keep);
}

static const char *const COL_NAMES[COL_COUNT] = {"korter dan 3 maanden", "3 maanden of langer", "totaal"};

/* The G4 table of the i-th gebied counted: a regel per row, per ijkmoment
 * three columns. */
static void g4_table(req *r, const dataset *ds, const schema_query *q, const counts *c, size_t i)
{
	strbuf *o = &r->out;
	size_t g = c->gebieden[i];
	html_lit(o, "<section class=\"ib-section\"><h2 class=\"utrecht-heading-2\">");
	html_text(o, gebied_naam(ds, q->v, g));
	html_lit(o, " <span class=\"ib-id\">");
	html_text(o, gebied_code(ds, q->v, g));
	html_lit(o, "</span></h2><div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table ib-g4\"><caption class=\"utrecht-table__caption ib-visually-hidden\">"
		    "Resultaatschema ");
	html_text(o, gebied_naam(ds, q->v, g));
	html_lit(o, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\"><th scope=\"col\" "
		    "rowspan=\"2\" class=\"utrecht-table__header-cell\">Regel</th>");
	for (size_t k = 0; k < q->n_days; k++) {
		html_lit(o, "<th scope=\"colgroup\" colspan=\"3\" class=\"utrecht-table__header-cell ib-g4__day\">");
		ui_date_long(o, q->days[k]);
		html_lit(o, "</th>");
	}
	html_lit(o, "</tr><tr class=\"utrecht-table__row\">");
	for (size_t k = 0; k < q->n_days; k++)
		for (int col = 0; col < COL_COUNT; col++) {
			html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column ib-small\">");
			html_text(o, COL_NAMES[col]);
			html_lit(o, "</th>");
		}
	html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
	suppression *sp = xcalloc(q->n_days, sizeof *sp);
	const suppression **shown = xcalloc(q->n_days, sizeof *shown);
	for (size_t k = 0; k < q->n_days; k++)
		shown[k] = counts_protection(c, k, i, &sp[k]);
	for (int rg = 0; rg < R_COUNT; rg++) {
		const char *label = REGELS[rg].label;
		bool strong = rg == R_THUISZITTERS_TOTAAL || rg == R_THUISZITTERS_PER_1000;
		html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell");
		if (label[0] == ' ')
			html_lit(o, " ib-sub");
		if (strong)
			html_lit(o, " ib-strong");
		html_lit(o, "\">");
		html_text(o, label + strspn(label, " "));
		html_lit(o, "</th>");
		for (size_t k = 0; k < q->n_days; k++)
			for (int col = 0; col < COL_COUNT; col++) {
				char text[32];
				counts_cell_text(c, k, i, shown[k], (regel)rg, col, text);
				ui_number_cell(o, text, strong);
			}
		html_lit(o, "</tr>");
	}
	free(shown);
	free(sp);
	html_lit(o, "</tbody></table></div></section>");
}

/* Thuiszitters per 1,000 of every gebied the user may see, on one day. */
static void comparison(req *r, snapshot *s, const schema_query *q, day_t d)
{
	strbuf *o = &r->out;
	const dataset *ds = s->ds;
	scope_set set;
	scope_resolve(&r->who->sc, ds, &set);
	counts_query cq = {.v = q->v, .days = &d, .n_days = 1, .scope = &set, .protect = q->protect};
	snapshot_source src = {s, r->srv->cfg.threads};
	counts c;
	counts_run(ds, &cq, snapshot_tellingen, &src, &c);
	scope_set_free(&set);
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"vergelijk-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"vergelijk-kop\">Vergelijking per 1.000 leerplichtigen</h2><figure class=\"ib-chart-figure\">"
		    "<div class=\"ib-chart\" aria-hidden=\"true\"></div><figcaption class=\"utrecht-paragraph "
		    "utrecht-paragraph--small\">Thuiszitters per 1.000 leerplichtigen op ");
	ui_date_long(o, d);
	html_text(o, q->v == VIEW_SWV ? ", per samenwerkingsverband (schoolkant)." : ", per gemeente (woonplaats).");
	if (q->protect)
		html_lit(o, " Waar een klein aantal af te leiden zou zijn staat x en ontbreekt de staaf.");
	html_lit(o, "</figcaption><div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table ib-chart-data\" data-chart=\"bar\"><caption class=\"utrecht-table__caption "
		    "ib-visually-hidden\">Thuiszitters per 1.000 per gebied</caption><thead class=\"utrecht-table__header\">"
		    "<tr class=\"utrecht-table__row\"><th scope=\"col\" class=\"utrecht-table__header-cell\">Gebied</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">"
		    "Per 1.000</th><th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">"
		    "Thuiszitters</th><th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">"
		    "Leerplichtigen</th></tr></thead><tbody class=\"utrecht-table__body\">");
	for (size_t i = 0; i < c.n_gebieden && i < 60; i++) {
		size_t g = c.gebieden[i];
		char rate[32], tz[32], lp[32];
		suppression sp;
		const suppression *shown_sp = counts_protection(&c, 0, i, &sp);
		counts_cell_text(&c, 0, i, shown_sp, R_THUISZITTERS_PER_1000, COL_TOTAAL, rate);
		counts_cell_text(&c, 0, i, shown_sp, R_THUISZITTERS_TOTAAL, COL_TOTAAL, tz);
		counts_cell_text(&c, 0, i, shown_sp, R_LEERPLICHTIGEN, COL_TOTAAL, lp);
		html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(o, gebied_naam(ds, q->v, g));
		html_lit(o, "</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\" data-v=\"");
		if (strchr(rate, '.'))
			html_attr(o, rate);
		html_lit(o, "\">");
		ui_number(o, rate);
		html_lit(o, "</td>");
		ui_number_cell(o, tz, false);
		ui_number_cell(o, lp, false);
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table></div></figure></section>");
	counts_free(&c);
}

void ui_gebied_fields(req *r, const dataset *ds, const schema_query *q)
{
	strbuf *o = &r->out;
	html_lit(o, "<div class=\"utrecht-form-field ib-field\"><label "
		    "class=\"utrecht-form-label\" for=\"per\">Tellen per</label><select class=\"utrecht-select "
		    "utrecht-select--html-select\" id=\"per\" name=\"per\"><option value=\"gemeente\"");
	if (q->v == VIEW_GEMEENTE)
		html_lit(o, " selected");
	html_lit(o, ">gemeente (woonplaats)</option><option value=\"swv\"");
	if (q->v == VIEW_SWV)
		html_lit(o, " selected");
	html_lit(o, ">samenwerkingsverband (school)</option></select></div><div class=\"utrecht-form-field ib-field\">"
		    "<label class=\"utrecht-form-label\" for=\"gebied\">Gebied</label><select class=\"utrecht-select "
		    "utrecht-select--html-select\" id=\"gebied\" name=\"gebied\"><option value=\"alle\"");
	if (q->all)
		html_lit(o, " selected");
	html_lit(o, ">Alle gebieden in mijn scope</option>");
	scope_set set;
	scope_resolve(&r->who->sc, ds, &set);
	for (int pass = 0; pass < 2; pass++) {
		view v = pass ? VIEW_SWV : VIEW_GEMEENTE;
		html_lit(o, "<optgroup label=\"");
		html_attr(o, pass ? "Samenwerkingsverbanden" : "Gemeenten");
		html_lit(o, "\">");
		size_t total = v == VIEW_SWV ? ds->n_swvs : ds->n_gemeenten;
		for (size_t g = 0; g < total; g++) {
			if (!access_sees_gebied(ds, &set, v, g))
				continue;
			html_lit(o, "<option value=\"");
			html_attr(o, gebied_code(ds, v, g));
			html_lit(o, "\"");
			if (!q->all && q->v == v && q->n_gebieden && q->gebieden[0] == g)
				html_lit(o, " selected");
			html_lit(o, ">");
			html_text(o, gebied_naam(ds, v, g));
			html_lit(o, " (");
			html_text(o, gebied_code(ds, v, g));
			html_lit(o, ")</option>");
		}
		html_lit(o, "</optgroup>");
	}
	scope_set_free(&set);
	html_lit(o, "</select></div>");
}

static void query_form(req *r, const dataset *ds, const schema_query *q)
{
	strbuf *o = &r->out;
	html_lit(o, "<form class=\"ib-filters\" method=\"get\" action=\"/resultaatschema\"><fieldset "
		    "class=\"utrecht-form-fieldset ib-fieldset\"><legend class=\"utrecht-form-fieldset__legend\">Welke telling"
		    "</legend><div class=\"ib-filter-grid\">");
	ui_gebied_fields(r, ds, q);
	html_lit(o, "<div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" "
		    "for=\"ijkmomenten\">Schooljaren</label><select class=\"utrecht-select utrecht-select--html-select\" "
		    "id=\"ijkmomenten\" name=\"ijkmomenten\">");
	civil now = civil_from_day(schooljaar_start(today()));
	char values[9][32], labels[9][64];
	size_t n = 0;
	bool found = false;
	for (int k = 0; k < 5; k++, n++) { /* one school year */
		snprintf(values[n], 32, "%d-%d", now.year - k, now.year - k + 1);
		snprintf(labels[n], 64, "%d/%d", now.year - k, now.year - k + 1);
	}
	static const int SPANS[3] = {2, 3, 5};
	for (int k = 0; k < 3; k++, n++) { /* several, up to this one */
		int from = now.year - SPANS[k] + 1;
		snprintf(values[n], 32, "%d-%d", from, now.year + 1);
		snprintf(labels[n], 64, "%d/%d tot en met %d/%d", from, from + 1, now.year, now.year + 1);
	}
	for (size_t i = 0; i < n; i++)
		found |= strcmp(values[i], q->span) == 0;
	if (!found) { /* asked for in the address */
		snprintf(values[n], 32, "%s", q->span);
		snprintf(labels[n], 64, "schooljaren %s", q->span);
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		html_lit(o, "<option value=\"");
		html_attr(o, values[i]);
		html_lit(o, "\"");
		if (strcmp(values[i], q->span) == 0)
			html_lit(o, " selected");
		html_lit(o, ">");
		html_text(o, labels[i]);
		html_lit(o, "</option>");
	}
	html_lit(o, "</select></div></div><div class=\"ib-actions\"><button type=\"submit\" class=\"utrecht-button "
		    "utrecht-button--primary-action\">Toon</button></div></fieldset></form>");
}

static void export_links(strbuf *o, const schema_query *q)
{
	strbuf args = STRBUF_INIT;
	sb_puts(&args, "?per=");
	sb_puts(&args, q->v == VIEW_SWV ? "swv" : "gemeente");
	sb_puts(&args, "&gebied=");
	html_url_arg(&args, q->gebied[0] ? q->gebied : "alle");
	sb_puts(&args, "&ijkmomenten=");
	html_url_arg(&args, q->span);
	ui_export_links_for(o, "/resultaatschema", sb_str(&args), "Excel (opgemaakt als de G4-bijlage)", true);
	sb_free(&args);
}

void ui_schema(req *r)
{
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	schema_query *q = xcalloc(1, sizeof *q);
	if (!schema_query_parse(r, ds, q)) {
		free(q);
		snapshot_release(s);
		return;
	}
	counts c;
	schema_counts(r, s, q, &c);
	ui_begin(r, ds, "Resultaatschema", NAV_SCHEMA);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">De telling volgens de G4-bijlage 1 op de "
		    "ijkmomenten 1 november, 1 februari en 1 juni: wie telt als thuiszitter, hoe lang, en per 1.000 "
		    "leerplichtigen. De aantallen zijn voor iedere rol dezelfde.</p>");
	ui_see_also(o, (const char *const[]){"ijkmoment", "thuiszitter", "absoluut-verzuim", "langdurig-relatief-verzuim",
					     "passend-aanbod", NULL});
	query_form(r, ds, q);
	export_links(o, q);
	if (!q->n_gebieden)
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Er is "
			    "geen gebied in uw scope voor deze telling. Kies een ander gebied of tel per gemeente.</p></div>");
	size_t limit = q->n_gebieden < 40 ? q->n_gebieden : 40;
	for (size_t i = 0; i < limit; i++)
		g4_table(r, ds, q, &c, i);
	if (limit < q->n_gebieden)
		html_markupf(o, "<p class=\"utrecht-paragraph\">Hier staan de eerste %zu van %zu gebieden; de export bevat "
				"ze allemaal.</p>", limit, q->n_gebieden);
	if (q->protect)
		html_lit(o, "<p class=\"utrecht-paragraph utrecht-paragraph--small ib-muted\">Aantallen van 1 tot en met 4 "
			    "staan er als &lt;5; een getal waaruit zo'n klein aantal af te leiden is als x.</p>");
	if (limit) { /* the broad count next to the official one (SPEC 8), on the last ijkmoment */
		breed_counts b;
		breed_counts_run(s, &c, true, r->srv->cfg.threads, &b);
		ui_breed_section(o, ds, &c, &b, c.n_days - 1, limit);
		breed_counts_free(&b);
	}
	comparison(r, s, q, q->days[q->n_days - 1]);
	ui_end(r, 200);
	counts_free(&c);
	free(q);
	snapshot_release(s);
}
