/*
 * ui_jaartelling.c - Jaartelling: the school-year count of SPEC 8.1 (the
 * leerplichttelling a gemeente hands in under Leerplichtwet art. 25) for a
 * chosen gebied and schooljaar, laid out as the opgave: per regel totaal,
 * langer dan 3 maanden and opgelost in het schooljaar; exported to CSV and
 * XLSX in the same layout. Counts are the same for every role; the analist
 * sees small numbers protected. No personal data: no audit entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../util/alloc.h"
#include "ui_steer.h"

static const char *const HEAD[JCOL_COUNT] = {"totaal", "langer dan 3 maanden", "opgelost in het schooljaar"};

/* The schooljaar the page opens on: the last one that is over. */
static int default_year(void)
{
	return civil_from_day(schooljaar_start(today())).year - 1;
}

typedef struct year_page {
	schema_query q; /* per, gebied; its ijkmomenten are not used */
	int schooljaar;
	year_counts c;
	snapshot *s;
} year_page;

/* Read per, gebied and schooljaar and count; false after an error reply. */
static bool page_open(req *r, year_page *p)
{
	p->s = snapshot_acquire(&r->srv->snap);
	p->schooljaar = default_year();
	if ((query(r, "schooljaar") && !schooljaar_param(r, &p->schooljaar)) || !schema_query_parse(r, p->s->ds, &p->q)) {
		snapshot_release(p->s);
		return false;
	}
	size_t total = p->q.v == VIEW_SWV ? p->s->ds->n_swvs : p->s->ds->n_gemeenten;
	bool *keep = xcalloc(total ? total : 1, sizeof *keep);
	for (size_t i = 0; i < p->q.n_gebieden; i++)
		keep[p->q.gebieden[i]] = true;
	year_query yq = {.v = p->q.v, .schooljaar = p->schooljaar, .keep = keep, .protect = p->q.protect};
	year_counts_run(p->s, &yq, r->srv->cfg.threads, &p->c);
	free(keep);
	return true;
}

static void page_close(year_page *p)
{
	year_counts_free(&p->c);
	snapshot_release(p->s);
}

void ui_jaar_table(strbuf *o, const dataset *ds, const year_counts *c, size_t i)
{
	size_t g = c->gebieden[i];
	char sj[10];
	schooljaar_text(c->schooljaar, sj);
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table ib-jaar\"><caption class=\"utrecht-table__caption\">");
	html_textf(o, "Leerplichttelling %s, schooljaar %s", gebied_naam(ds, c->v, g), sj);
	html_lit(o, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\"><th scope=\"col\" "
		    "class=\"utrecht-table__header-cell\">Regel</th>");
	for (int col = 0; col < JCOL_COUNT; col++) {
		html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">");
		html_text(o, HEAD[col]);
		html_lit(o, "</th>");
	}
	html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
	jaar_suppression buf;
	const jaar_suppression *sp = year_counts_protection(c, i, &buf);
	for (int r = 0; r < JR_COUNT; r++) {
		html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(o, JAAR_REGELS[r].label);
		html_lit(o, "</th>");
		for (int col = 0; col < JCOL_COUNT; col++) {
			char text[32];
			year_counts_cell_text(c, i, sp, (jaar_regel)r, col, text);
			ui_number_cell(o, text, col == JCOL_TOTAAL);
		}
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table></div>");
}

static void query_form(req *r, const year_page *p)
{
	strbuf *o = &r->out;
	html_lit(o, "<form class=\"ib-filters\" method=\"get\" action=\"/jaartelling\"><fieldset "
		    "class=\"utrecht-form-fieldset ib-fieldset\"><legend class=\"utrecht-form-fieldset__legend\">Welke telling"
		    "</legend><div class=\"ib-filter-grid\">");
	ui_gebied_fields(r, p->s->ds, &p->q);
	html_lit(o, "<div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" for=\"schooljaar\">"
		    "Schooljaar</label><select class=\"utrecht-select utrecht-select--html-select\" id=\"schooljaar\" "
		    "name=\"schooljaar\">");
	int now = default_year() + 1;
	bool listed = false;
	for (int y = now; y > now - 6; y--) {
		char sj[10];
		schooljaar_text(y, sj);
		html_markupf(o, "<option value=\"%d\"", y);
		if (y == p->schooljaar)
			html_lit(o, " selected"), listed = true;
		html_lit(o, ">");
		html_text(o, sj);
		if (y == now)
			html_lit(o, " (loopt nog)");
		html_lit(o, "</option>");
	}
	if (!listed) { /* asked for in the address */
		char sj[10];
		schooljaar_text(p->schooljaar, sj);
		html_markupf(o, "<option value=\"%d\" selected>", p->schooljaar);
		html_text(o, sj);
		html_lit(o, "</option>");
	}
	html_lit(o, "</select></div></div><div class=\"ib-actions\"><button type=\"submit\" class=\"utrecht-button "
		    "utrecht-button--primary-action\">Toon</button></div></fieldset></form>");
}

static void export_links(strbuf *o, const year_page *p)
{
	strbuf args = STRBUF_INIT;
	sb_printf(&args, "?per=%s&gebied=", p->q.v == VIEW_SWV ? "swv" : "gemeente");
	html_url_arg(&args, p->q.gebied[0] ? p->q.gebied : "alle");
	sb_printf(&args, "&schooljaar=%d", p->schooljaar);
	ui_export_links(o, "/jaartelling", sb_str(&args), "Excel (opgemaakt als de opgave art. 25)");
	sb_free(&args);
}

void ui_jaartelling(req *r)
{
	year_page *p = xcalloc(1, sizeof *p);
	if (!page_open(r, p)) {
		free(p);
		return;
	}
	const dataset *ds = p->s->ds;
	ui_begin(r, ds, "Jaartelling", NAV_JAARTELLING);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">De leerplichttelling over een schooljaar "
		    "(1 augustus tot en met 31 juli), zoals de gemeente die opgeeft volgens artikel 25 van de Leerplichtwet: "
		    "elke leerling telt eenmaal per regel, in het gebied waar hij de laatste dag in die regel hoorde. De "
		    "aantallen zijn voor iedere rol dezelfde.</p>");
	query_form(r, p);
	export_links(o, p);
	if (p->schooljaar > default_year())
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Dit "
			    "schooljaar is nog niet voorbij: de dagen na vandaag zijn geteld met de feiten die nu bekend zijn, "
			    "dus de cijfers kunnen nog veranderen.</p></div>");
	if (!p->c.n_gebieden)
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Er is "
			    "geen gebied in uw scope voor deze telling. Kies een ander gebied of tel per gemeente.</p></div>");
	size_t limit = p->c.n_gebieden < 40 ? p->c.n_gebieden : 40;
	for (size_t i = 0; i < limit; i++) {
		size_t g = p->c.gebieden[i];
		html_lit(o, "<section class=\"ib-section\"><h2 class=\"utrecht-heading-2\">");
		html_text(o, gebied_naam(ds, p->q.v, g));
		html_lit(o, " <span class=\"ib-id\">");
		html_text(o, gebied_code(ds, p->q.v, g));
		html_lit(o, "</span></h2>");
		ui_jaar_table(o, ds, &p->c, i);
		html_lit(o, "</section>");
	}
	if (limit < p->c.n_gebieden)
		html_markupf(o, "<p class=\"utrecht-paragraph\">Hier staan de eerste %zu van %zu gebieden; de export bevat "
				"ze allemaal.</p>", limit, p->c.n_gebieden);
	html_lit(o, "<p class=\"utrecht-paragraph utrecht-paragraph--small ib-muted\">Langer dan 3 maanden: op een dag in "
		    "die regel al drie maanden of langer. Opgelost in het schooljaar: op 31 juli weer ingeschreven en naar "
		    "school (niet meer in een van deze regels). Bij de vrijstellingen tellen duur en opgelost niet.");
	if (p->q.protect)
		html_lit(o, " Aantallen van 1 tot en met 4 staan er als &lt;5; een getal waaruit zo'n klein aantal af te "
			    "leiden is als x.");
	html_lit(o, "</p>");
	ui_end(r, 200);
	page_close(p);
	free(p);
}

static void filename(char out[128], const year_page *p, const char *ext)
{
	snprintf(out, 128, "jaartelling-%s-%s-%d-%d.%s", p->q.v == VIEW_SWV ? "swv" : "gemeente",
		 p->q.gebied[0] ? p->q.gebied : "geen", p->schooljaar, p->schooljaar + 1, ext);
}

void ui_jaartelling_csv(req *r)
{
	year_page *p = xcalloc(1, sizeof *p);
	if (!page_open(r, p)) {
		free(p);
		return;
	}
	const dataset *ds = p->s->ds;
	strbuf out = STRBUF_INIT;
	sb_puts(&out, "\xEF\xBB\xBF"); /* a byte order mark, so spreadsheets read UTF-8 */
	sb_puts(&out, "gebied,naam,schooljaar,regel,omschrijving,totaal,langer_dan_3_maanden,opgelost\r\n");
	char sj[10];
	schooljaar_text(p->schooljaar, sj);
	for (size_t i = 0; i < p->c.n_gebieden; i++) {
		size_t g = p->c.gebieden[i];
		jaar_suppression buf;
		const jaar_suppression *sp = year_counts_protection(&p->c, i, &buf);
		for (int rg = 0; rg < JR_COUNT; rg++) {
			const char *fields[5] = {gebied_code(ds, p->q.v, g), gebied_naam(ds, p->q.v, g), sj,
						 JAAR_REGELS[rg].code, JAAR_REGELS[rg].label};
			for (int k = 0; k < 5; k++) {
				if (k)
					sb_putc(&out, ',');
				csv_cell(&out, fields[k]);
			}
			for (int col = 0; col < JCOL_COUNT; col++) {
				char text[32];
				year_counts_cell_text(&p->c, i, sp, (jaar_regel)rg, col, text);
				sb_putc(&out, ',');
				csv_cell(&out, text);
			}
			sb_puts(&out, "\r\n");
		}
	}
	char name[128];
	filename(name, p, "csv");
	ui_csv_reply(r, &out, name);
	page_close(p);
	free(p);
}

lxw_error ui_jaar_sheet(lxw_workbook *wb, const xlsx_formats *f, const dataset *ds, const year_counts *c, size_t i,
			const char *made)
{
	size_t g = c->gebieden[i];
	lxw_worksheet *ws = workbook_add_worksheet(wb, gebied_code(ds, c->v, g)); /* codes are valid sheet names */
	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	char sj[10], line[256];
	schooljaar_text(c->schooljaar, sj);
	snprintf(line, sizeof line, "Leerplichttelling (Leerplichtwet art. 25), schooljaar %s", sj);
	lxw_error e = worksheet_write_string(ws, 0, 0, line, f->title);
	snprintf(line, sizeof line, "%s %s (%s), %s", c->v == VIEW_SWV ? "Samenwerkingsverband" : "Gemeente",
		 gebied_naam(ds, c->v, g), gebied_code(ds, c->v, g),
		 c->v == VIEW_SWV ? "geteld naar school (SWV)" : "geteld naar woonplaats");
	e = e ? e : worksheet_write_string(ws, 1, 0, line, f->sub);
	e = e ? e : worksheet_write_string(ws, 2, 0, made, f->sub);
	e = e ? e : worksheet_write_string(ws, 4, 0, "Regel", f->head);
	for (int col = 0; col < JCOL_COUNT && !e; col++)
		e = worksheet_write_string(ws, 4, (lxw_col_t)(1 + col), HEAD[col], f->head);
	jaar_suppression buf;
	const jaar_suppression *sp = year_counts_protection(c, i, &buf);
	for (int rg = 0; rg < JR_COUNT && !e; rg++) {
		lxw_row_t row = (lxw_row_t)(5 + rg);
		e = worksheet_write_string(ws, row, 0, JAAR_REGELS[rg].label, f->label);
		for (int col = 0; col < JCOL_COUNT && !e; col++) {
			char text[32];
			year_counts_cell_text(c, i, sp, (jaar_regel)rg, col, text);
			lxw_col_t x = (lxw_col_t)(1 + col);
			if (!text[0])
				e = worksheet_write_blank(ws, row, x, f->num);
			else if (text[0] >= '0' && text[0] <= '9')
				e = worksheet_write_number(ws, row, x, strtod(text, NULL), col == JCOL_TOTAAL ? f->num_strong : f->num);
			else
				e = worksheet_write_string(ws, row, x, text, f->text);
		}
	}
	lxw_row_t foot = 5 + JR_COUNT + 1;
	e = e ? e : worksheet_write_string(ws, foot, 0, "Elke leerling eenmaal per regel, in het gebied waar hij de laatste "
					   "dag in die regel hoorde; opgelost: op 31 juli weer op school.", f->note);
	if (c->protect && !e)
		e = worksheet_write_string(ws, foot + 1, 0,
					   "Aantallen van 1 tot en met 4 staan er als <5; x: afgeschermd omdat een klein aantal "
					   "eruit af te leiden is.",
					   f->note);
	if (!e) {
		worksheet_set_column(ws, 0, 0, 44, NULL);
		worksheet_set_column(ws, 1, JCOL_COUNT, 16, NULL);
		worksheet_set_row(ws, 4, 30, NULL);
		worksheet_freeze_panes(ws, 5, 1);
	}
	return e;
}

static lxw_error year_book(lxw_workbook *wb, const xlsx_formats *f, void *ctx)
{
	const year_page *p = ctx;
	char made[160];
	ui_xlsx_made(made, p->s, p->q.protect);
	lxw_error e = LXW_NO_ERROR;
	for (size_t i = 0; i < p->c.n_gebieden && !e; i++)
		e = ui_jaar_sheet(wb, f, p->s->ds, &p->c, i, made);
	if (!p->c.n_gebieden && !e)
		e = ui_xlsx_empty(wb);
	return e;
}

void ui_jaartelling_xlsx(req *r)
{
	year_page *p = xcalloc(1, sizeof *p);
	if (!page_open(r, p)) {
		free(p);
		return;
	}
	char name[128];
	filename(name, p, "xlsx");
	ui_xlsx_reply(r, name, year_book, p);
	page_close(p);
	free(p);
}
