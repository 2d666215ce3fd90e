/*
 * ui_export.c - the Resultaatschema as a download: CSV (one row per gebied,
 * ijkmoment and regel, cells protected against formula injection; also for
 * Excel set to Dutch, with ';' and a decimal comma) and XLSX
 * laid out like the G4 annex (libxlsxwriter): a sheet per gebied, the regels
 * down, per ijkmoment three columns. The same cells as the page, small
 * numbers protected for the analist. Aggregates only: no audit entry.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../util/alloc.h"
#include "ui_steer.h"

typedef struct export_ctx {
	snapshot *s;
	schema_query *q;
	counts c;
	breed_counts b; /* the broad count on every ijkmoment, after the regels */
} export_ctx;

static bool export_open(req *r, export_ctx *x)
{
	memset(x, 0, sizeof *x);
	x->s = snapshot_acquire(&r->srv->snap);
	x->q = xcalloc(1, sizeof *x->q);
	if (!schema_query_parse(r, x->s->ds, x->q)) {
		free(x->q);
		snapshot_release(x->s);
		return false;
	}
	schema_counts(r, x->s, x->q, &x->c);
	breed_counts_run(x->s, &x->c, false, r->srv->cfg.threads, &x->b);
	return true;
}

static void export_close(export_ctx *x)
{
	breed_counts_free(&x->b);
	counts_free(&x->c);
	free(x->q);
	snapshot_release(x->s);
}

/* A number in a CSV cell; for Dutch Excel (nl) with a decimal comma. */
static void csv_number(strbuf *out, const char *text, bool nl)
{
	char shown[64];
	snprintf(shown, sizeof shown, "%s", text ? text : "");
	char *dot = nl ? strchr(shown, '.') : NULL;
	if (dot)
		*dot = ',';
	csv_cell(out, shown);
}

void ui_export_csv(req *r)
{
	export_ctx x;
	if (!export_open(r, &x))
		return;
	const dataset *ds = x.s->ds;
	const schema_query *q = x.q;
	/* For Excel set to Dutch (export-nl.csv): ';' between the fields and a
	 * decimal comma in the numbers (issue 14). */
	bool nl = export_kind_of(r) == EXPORT_CSV_NL;
	char sep = nl ? ';' : ',';
	strbuf out = STRBUF_INIT;
	sb_puts(&out, "\xEF\xBB\xBF"); /* a byte order mark, so spreadsheets read UTF-8 */
	static const char *const HEAD[8] = {"gebied", "naam", "peildatum", "regel", "omschrijving",
					    "korter_dan_3_maanden", "3_maanden_of_langer", "totaal"};
	for (int f = 0; f < 8; f++) {
		if (f)
			sb_putc(&out, sep);
		sb_puts(&out, HEAD[f]);
	}
	sb_puts(&out, "\r\n");
	for (size_t i = 0; i < x.c.n_gebieden; i++)
		for (size_t k = 0; k < x.c.n_days; k++) {
			suppression sp;
			const suppression *shown = counts_protection(&x.c, k, i, &sp);
			for (int rg = 0; rg < R_COUNT; rg++) {
				size_t g = x.c.gebieden[i];
				char d[DATE_TEXT];
				date_format(q->days[k], d);
				csv_cell(&out, gebied_code(ds, q->v, g));
				sb_putc(&out, sep);
				csv_cell(&out, gebied_naam(ds, q->v, g));
				sb_putc(&out, sep);
				csv_cell(&out, d);
				sb_putc(&out, sep);
				csv_cell(&out, REGELS[rg].code);
				sb_putc(&out, sep);
				csv_cell(&out, REGELS[rg].label + strspn(REGELS[rg].label, " "));
				for (int c = 0; c < COL_COUNT; c++) {
					char text[32];
					counts_cell_text(&x.c, k, i, shown, (regel)rg, c, text);
					sb_putc(&out, sep);
					csv_number(&out, text, nl);
				}
				sb_puts(&out, "\r\n");
			}
			breed_row br[BR_COUNT];
			size_t nb = ui_breed_rows(&x.c, &x.b, k, i, br);
			for (size_t j = 0; j < nb; j++) {
				size_t g = x.c.gebieden[i];
				char d[DATE_TEXT];
				date_format(q->days[k], d);
				const char *fields[8] = {gebied_code(ds, q->v, g), gebied_naam(ds, q->v, g), d, br[j].code,
							 br[j].label, br[j].cell[COL_KORT], br[j].cell[COL_LANG],
							 br[j].cell[COL_TOTAAL]};
				for (int f = 0; f < 8; f++) {
					if (f)
						sb_putc(&out, sep);
					if (f >= 5)
						csv_number(&out, fields[f], nl);
					else
						csv_cell(&out, fields[f]);
				}
				sb_puts(&out, "\r\n");
			}
		}
	char name[128];
	snprintf(name, sizeof name, "resultaatschema-%s-%s-%s%s.csv", q->v == VIEW_SWV ? "swv" : "gemeente",
		 q->gebied[0] ? q->gebied : "geen", q->span, nl ? "-nl" : "");
	ui_csv_reply(r, &out, name);
	export_close(&x);
}

/* ---- XLSX ------------------------------------------------------------------------ */

void ui_xlsx_formats(lxw_workbook *wb, xlsx_formats *f)
{
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 14);
	f->sub = workbook_add_format(wb);
	format_set_font_color(f->sub, 0x444444);
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_CENTER);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(f->head, 0xDCE6F1);
	format_set_border(f->head, LXW_BORDER_THIN);
	f->head_day = workbook_add_format(wb);
	format_set_bold(f->head_day);
	format_set_align(f->head_day, LXW_ALIGN_CENTER);
	format_set_bg_color(f->head_day, 0xB8CCE4);
	format_set_border(f->head_day, LXW_BORDER_THIN);
	f->label = workbook_add_format(wb);
	format_set_border(f->label, LXW_BORDER_THIN);
	f->label_sub = workbook_add_format(wb);
	format_set_border(f->label_sub, LXW_BORDER_THIN);
	format_set_indent(f->label_sub, 2);
	format_set_italic(f->label_sub);
	f->label_strong = workbook_add_format(wb);
	format_set_border(f->label_strong, LXW_BORDER_THIN);
	format_set_bold(f->label_strong);
	f->num = workbook_add_format(wb);
	format_set_border(f->num, LXW_BORDER_THIN);
	format_set_num_format(f->num, "#,##0");
	f->num_strong = workbook_add_format(wb);
	format_set_border(f->num_strong, LXW_BORDER_THIN);
	format_set_num_format(f->num_strong, "#,##0");
	format_set_bold(f->num_strong);
	f->rate = workbook_add_format(wb);
	format_set_border(f->rate, LXW_BORDER_THIN);
	format_set_num_format(f->rate, "0.00");
	format_set_bold(f->rate);
	f->text = workbook_add_format(wb);
	format_set_border(f->text, LXW_BORDER_THIN);
	format_set_align(f->text, LXW_ALIGN_RIGHT);
	f->note = workbook_add_format(wb);
	format_set_italic(f->note);
	format_set_font_color(f->note, 0x444444);
}

/* The broad count of the i-th gebied under its Resultaatschema, from row
 * `top`: its rows with, per ijkmoment, the three columns as above. */
static lxw_error breed_block(lxw_worksheet *ws, const xlsx_formats *f, const export_ctx *x, size_t i, lxw_row_t top)
{
	lxw_error e = worksheet_write_string(ws, top, 0, "Brede telling (niet de officiële telling): thuis vier weken of "
					     "langer, om welke reden ook", f->label_strong);
	for (size_t k = 0; k < x->c.n_days && !e; k++) {
		breed_row br[BR_COUNT];
		size_t nb = ui_breed_rows(&x->c, &x->b, k, i, br);
		for (size_t j = 0; j < nb && !e; j++) {
			lxw_row_t row = (lxw_row_t)(top + 1 + j);
			if (k == 0)
				e = worksheet_write_string(ws, row, 0, br[j].label, j ? f->label_sub : f->label_strong);
			for (int c = 0; c < COL_COUNT && !e; c++) {
				const char *text = br[j].cell[c];
				lxw_col_t col = (lxw_col_t)(1 + 3 * k + (size_t)c);
				if (!text[0])
					e = worksheet_write_blank(ws, row, col, f->num);
				else if (text[0] >= '0' && text[0] <= '9')
					e = worksheet_write_number(ws, row, col, strtod(text, NULL), j ? f->num : f->num_strong);
				else
					e = worksheet_write_string(ws, row, col, text, f->text);
			}
		}
	}
	lxw_row_t after = (lxw_row_t)(top + 2 + (x->c.protect ? 1 : BR_COUNT));
	e = e ? e : worksheet_write_string(ws, after, 0, "Telt bovenop absoluut en langdurig relatief verzuim ook: absoluut "
					   "verzuim met een lopende aanvraag 5c of een adres in onderzoek (vanaf vier weken), "
					   "langdurig zieken, vier weken of langer geschorst of verwijderd, en vrijstelling 5a. "
					   "Niet: absoluut verzuim korter dan vier weken, 5b, 5c.", f->note);
	return e;
}

/* The sheet of the i-th gebieden counted. */
static lxw_error sheet(lxw_workbook *wb, const xlsx_formats *f, const export_ctx *x, size_t i, const char *made)
{
	const dataset *ds = x->s->ds;
	const schema_query *q = x->q;
	size_t g = x->c.gebieden[i];
	char name[32];
	snprintf(name, sizeof name, "%s", gebied_code(ds, q->v, g)); /* codes are valid sheet names */
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	char line[256];
	lxw_error e = worksheet_write_string(ws, 0, 0, "Resultaatschema thuiszitters (G4, bijlage 1)", f->title);
	snprintf(line, sizeof line, "%s %s (%s), %s", q->v == VIEW_SWV ? "Samenwerkingsverband" : "Gemeente",
		 gebied_naam(ds, q->v, g), gebied_code(ds, q->v, g),
		 q->v == VIEW_SWV ? "geteld naar school (SWV)" : "geteld naar woonplaats");
	e = e ? e : worksheet_write_string(ws, 1, 0, line, f->sub);
	e = e ? e : worksheet_write_string(ws, 2, 0, made, f->sub);
	e = e ? e : worksheet_merge_range(ws, 4, 0, 5, 0, "Regel", f->head);
	for (size_t k = 0; k < q->n_days && !e; k++) {
		char d[DATE_TEXT], day[40];
		date_format(q->days[k], d);
		snprintf(day, sizeof day, "Peildatum %s", d);
		lxw_col_t c0 = (lxw_col_t)(1 + 3 * k);
		e = worksheet_merge_range(ws, 4, c0, 4, (lxw_col_t)(c0 + 2), day, f->head_day);
		e = e ? e : worksheet_write_string(ws, 5, c0, "korter dan 3 maanden", f->head);
		e = e ? e : worksheet_write_string(ws, 5, (lxw_col_t)(c0 + 1), "3 maanden of langer", f->head);
		e = e ? e : worksheet_write_string(ws, 5, (lxw_col_t)(c0 + 2), "totaal", f->head);
	}
	suppression *sp = xcalloc(q->n_days, sizeof *sp);
	const suppression **shown = xcalloc(q->n_days, sizeof *shown);
	for (size_t k = 0; k < q->n_days; k++)
		shown[k] = counts_protection(&x->c, k, i, &sp[k]);
	for (int rg = 0; rg < R_COUNT && !e; rg++) {
		lxw_row_t row = (lxw_row_t)(6 + rg);
		const char *label = REGELS[rg].label;
		bool strong = rg == R_THUISZITTERS_TOTAAL || rg == R_THUISZITTERS_PER_1000;
		e = worksheet_write_string(ws, row, 0, label + strspn(label, " "),
					   label[0] == ' ' ? f->label_sub : strong ? f->label_strong : f->label);
		for (size_t k = 0; k < q->n_days && !e; k++)
			for (int c = 0; c < COL_COUNT && !e; c++) {
				char text[32];
				counts_cell_text(&x->c, k, i, shown[k], (regel)rg, c, text);
				lxw_col_t col = (lxw_col_t)(1 + 3 * k + (size_t)c);
				if (!text[0])
					e = worksheet_write_blank(ws, row, col, f->num);
				else if (text[0] >= '0' && text[0] <= '9')
					e = worksheet_write_number(ws, row, col, strtod(text, NULL),
								   rg == R_THUISZITTERS_PER_1000 ? f->rate
								   : strong		     ? f->num_strong
											     : f->num);
				else
					e = worksheet_write_string(ws, row, col, text, f->text);
			}
	}
	free(shown);
	free(sp);
	lxw_row_t foot = 6 + R_COUNT + 1;
	e = e ? e : worksheet_write_string(ws, foot, 0, "Korter / langer: de duur sinds de eerste dag van feitelijk verzuim.", f->note);
	if (q->protect && !e)
		e = worksheet_write_string(ws, foot + 1, 0,
					   "Aantallen van 1 tot en met 4 staan er als <5; x: afgeschermd omdat een klein aantal "
					   "eruit af te leiden is.",
					   f->note);
	e = e ? e : breed_block(ws, f, x, i, foot + 3);
	if (!e) {
		worksheet_set_column(ws, 0, 0, 44, NULL);
		worksheet_set_column(ws, 1, (lxw_col_t)(3 * q->n_days), 12, NULL);
		worksheet_set_row(ws, 5, 30, NULL);
		worksheet_freeze_panes(ws, 6, 1);
		worksheet_set_landscape(ws);
		worksheet_fit_to_pages(ws, 1, 0);
	}
	return e;
}

/* The workbook of the Resultaatschema: a sheet per gebied counted. */
static lxw_error schema_book(lxw_workbook *wb, const xlsx_formats *f, void *ctx)
{
	const export_ctx *x = ctx;
	char made[160];
	ui_xlsx_made(made, x->s, x->q->protect);
	lxw_error e = LXW_NO_ERROR;
	for (size_t i = 0; i < x->c.n_gebieden && !e; i++)
		e = sheet(wb, f, x, i, made);
	if (!x->q->n_gebieden && !e)
		e = ui_xlsx_empty(wb);
	return e;
}

void ui_export_xlsx(req *r)
{
	export_ctx x;
	if (!export_open(r, &x))
		return;
	char name[128];
	snprintf(name, sizeof name, "resultaatschema-%s-%s-%s.xlsx", x.q->v == VIEW_SWV ? "swv" : "gemeente",
		 x.q->gebied[0] ? x.q->gebied : "geen", x.q->span);
	ui_xlsx_reply(r, name, schema_book, &x);
	export_close(&x);
}

void ui_xlsx_made(char out[160], const snapshot *s, bool protect)
{
	char d[DATE_TEXT];
	date_format(today(), d);
	snprintf(out, 160, "Gemaakt met inbeeld op %s, registratie %lld%s", d, (long long)s->version,
		 protect ? "; kleine aantallen afgeschermd" : "");
}

lxw_error ui_xlsx_empty(lxw_workbook *wb)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Leeg");
	return ws ? worksheet_write_string(ws, 0, 0, "Geen gebied in uw scope voor deze telling.", NULL)
		  : LXW_ERROR_MEMORY_MALLOC_FAILED;
}

void ui_xlsx_reply(req *r, const char *filename, lxw_error (*fill)(lxw_workbook *, const xlsx_formats *, void *),
		   void *ctx)
{
	/* In the server's private temporary folder (sandbox.h), as are the
	 * workbook's own temporary files. */
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%.*s/export-XXXXXX", PATH_MAX - 16, r->srv->tmp_dir);
	int fd = mkstemp(path);
	if (fd < 0) {
		reply_error(r, 500, "export_mislukt", "het Excel-bestand kon niet worden gemaakt");
		return;
	}
	close(fd);
	lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = r->srv->tmp_dir};
	lxw_workbook *wb = workbook_new_opt(path, &opts);
	lxw_error e = wb ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
	if (wb) {
		xlsx_formats f;
		ui_xlsx_formats(wb, &f);
		e = fill(wb, &f, ctx);
		lxw_error closed = workbook_close(wb); /* writes the file, frees the workbook */
		e = e ? e : closed;
	}
	strbuf body = STRBUF_INIT;
	FILE *file = e ? NULL : fopen(path, "rb");
	if (file) {
		char buf[16384];
		size_t got;
		while ((got = fread(buf, 1, sizeof buf, file)) > 0)
			sb_append(&body, buf, got);
		if (ferror(file))
			e = LXW_ERROR_CREATING_TMPFILE;
		fclose(file);
	}
	unlink(path);
	if (e || !file) {
		sb_free(&body);
		reply_error(r, 500, "export_mislukt", "het Excel-bestand kon niet worden gemaakt (%s)",
			    e ? lxw_strerror(e) : "niet leesbaar");
		return;
	}
	reply_raw(r, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "", 0);
	sb_free(&r->out);
	r->out = body;
	ui_attachment(r, filename);
}

void ui_attachment(req *r, const char *filename)
{
	char value[192];
	snprintf(value, sizeof value, "attachment; filename=\"%s\"", filename);
	add_header(r, "Content-Disposition", value);
}

void ui_csv_reply(req *r, strbuf *csv, const char *filename)
{
	reply_raw(r, 200, "text/csv; charset=utf-8", "", 0);
	sb_free(&r->out);
	r->out = *csv;
	*csv = (strbuf)STRBUF_INIT;
	ui_attachment(r, filename);
}

/* ---- a list as a download (issue 14) ------------------------------------------- */

void export_cell(export_table *t, const char *text)
{
	t->cells = xgrow(t->cells, &t->cap, t->n_cells + 1, sizeof *t->cells);
	t->cells[t->n_cells++] = xstrdup(text ? text : "");
}

void export_int(export_table *t, long long v)
{
	char num[24];
	snprintf(num, sizeof num, "%lld", v);
	export_cell(t, num);
}

void export_table_free(export_table *t)
{
	for (size_t i = 0; i < t->n_cells; i++)
		free(t->cells[i]);
	free(t->cells);
	*t = (export_table){0};
}

export_kind export_kind_of(const req *r)
{
	size_t n = strlen(r->path);
	if (n >= 5 && strcmp(r->path + n - 5, ".xlsx") == 0)
		return EXPORT_XLSX;
	if (n >= 7 && strcmp(r->path + n - 7, "-nl.csv") == 0)
		return EXPORT_CSV_NL;
	return EXPORT_CSV;
}

static void table_csv(const export_table *t, bool nl, strbuf *out)
{
	char sep = nl ? ';' : ',';
	sb_puts(out, "\xEF\xBB\xBF"); /* a byte order mark, so spreadsheets read UTF-8 */
	for (size_t c = 0; c < t->n_cols; c++) {
		if (c)
			sb_putc(out, sep);
		csv_cell(out, t->cols[c].head);
	}
	sb_puts(out, "\r\n");
	for (size_t i = 0; i + t->n_cols <= t->n_cells; i += t->n_cols) {
		for (size_t c = 0; c < t->n_cols; c++) {
			if (c)
				sb_putc(out, sep);
			if (t->cols[c].number)
				csv_number(out, t->cells[i + c], nl);
			else
				csv_cell(out, t->cells[i + c]);
		}
		sb_puts(out, "\r\n");
	}
}

typedef struct table_book {
	const export_table *t;
	const snapshot *s;
} table_book;

/* One sheet: the title, what the list is, who made it when, then the table
 * with its head frozen; numbers as numbers, the rest as text. */
static lxw_error table_sheet(lxw_workbook *wb, const xlsx_formats *f, void *ctx)
{
	const table_book *b = ctx;
	const export_table *t = b->t;
	lxw_worksheet *ws = workbook_add_worksheet(wb, t->sheet);
	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	char made[160];
	ui_xlsx_made(made, b->s, false);
	lxw_error e = worksheet_write_string(ws, 0, 0, t->title, f->title);
	e = e ? e : worksheet_write_string(ws, 1, 0, t->about, f->sub);
	e = e ? e : worksheet_write_string(ws, 2, 0, made, f->sub);
	enum { TOP = 4 };
	for (size_t c = 0; c < t->n_cols && !e; c++)
		e = worksheet_write_string(ws, TOP, (lxw_col_t)c, t->cols[c].head, f->head);
	for (size_t i = 0; i + t->n_cols <= t->n_cells && !e; i += t->n_cols) {
		lxw_row_t row = (lxw_row_t)(TOP + 1 + i / t->n_cols);
		for (size_t c = 0; c < t->n_cols && !e; c++) {
			const char *text = t->cells[i + c];
			if (t->cols[c].number && text[0] >= '0' && text[0] <= '9')
				e = worksheet_write_number(ws, row, (lxw_col_t)c, strtod(text, NULL), f->num);
			else
				e = worksheet_write_string(ws, row, (lxw_col_t)c, text, f->label);
		}
	}
	for (size_t c = 0; c < t->n_cols && !e; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, t->cols[c].width, NULL);
	if (!e) {
		worksheet_set_row(ws, TOP, 30, NULL);
		worksheet_freeze_panes(ws, TOP + 1, 0);
		worksheet_set_landscape(ws);
		worksheet_fit_to_pages(ws, 1, 0);
		worksheet_repeat_rows(ws, TOP, TOP);
	}
	return e;
}

void ui_table_reply(req *r, const snapshot *s, const export_table *t, const char *basename)
{
	char name[160];
	export_kind k = export_kind_of(r);
	snprintf(name, sizeof name, "%s%s", basename, k == EXPORT_XLSX ? ".xlsx" : k == EXPORT_CSV_NL ? "-nl.csv" : ".csv");
	if (k == EXPORT_XLSX) {
		table_book b = {t, s};
		ui_xlsx_reply(r, name, table_sheet, &b);
		return;
	}
	strbuf out = STRBUF_INIT;
	table_csv(t, k == EXPORT_CSV_NL, &out);
	ui_csv_reply(r, &out, name);
}
