/*
 * ui_export.h - what the exports of the pages share (ui_export.c): the
 * formats of an XLSX workbook (libxlsxwriter), a workbook written to a
 * temporary file and sent as the answer, and a CSV sent as a download. The
 * Resultaatschema (ui_export.c) and the Jaartelling (ui_jaartelling.c) use
 * them, and so may the annual report.
 */
#ifndef INBEELD_UI_EXPORT_H
#define INBEELD_UI_EXPORT_H

#include <xlsxwriter.h>

#include "ui.h"

typedef struct xlsx_formats {
	lxw_format *title, *sub, *head, *head_day, *label, *label_sub, *label_strong, *num, *num_strong, *rate, *text,
		*note;
} xlsx_formats;

void ui_xlsx_formats(lxw_workbook *wb, xlsx_formats *f);
/* "Gemaakt met inbeeld op <today>, registratie <version>[; kleine aantallen afgeschermd]" */
void ui_xlsx_made(char out[160], const snapshot *s, bool protect);
/* A sheet saying there is no gebied in scope. */
lxw_error ui_xlsx_empty(lxw_workbook *wb);
/* Make a workbook with fill(wb, formats, ctx) and reply with it as the
 * download filename; a 500 reply when it cannot be made. */
void ui_xlsx_reply(req *r, const char *filename, lxw_error (*fill)(lxw_workbook *, const xlsx_formats *, void *),
		   void *ctx);
/* Reply with csv (taken) as the download filename. */
void ui_csv_reply(req *r, strbuf *csv, const char *filename);
/* The Content-Disposition of a download. */
void ui_attachment(req *r, const char *filename);

/* A list as a download (issue 14): its columns, and its cells row by row
 * as text (a number as "12" or "14.96"). The same table becomes an XLSX
 * sheet (title, what the list is, who made it when, then the table; numbers
 * as numbers), a CSV, or a CSV for Excel set to Dutch (';' between the
 * fields, a decimal comma), after the path's end: export.xlsx, export.csv,
 * export-nl.csv. Always with a byte order mark, so Excel reads UTF-8. */
typedef enum export_kind { EXPORT_XLSX, EXPORT_CSV, EXPORT_CSV_NL } export_kind;
typedef struct export_column {
	const char *head;
	bool number;
	double width; /* in the sheet, in characters */
} export_column;
typedef struct export_table {
	const char *title, *sheet; /* the sheet's name: at most 31 characters, no []:*?/\ */
	char about[400];	   /* what the list is: peildatum, filters, who */
	const export_column *cols;
	size_t n_cols;
	char **cells; /* n_cols per row */
	size_t n_cells, cap;
} export_table;
void export_cell(export_table *t, const char *text);
void export_int(export_table *t, long long v);
void export_table_free(export_table *t);
export_kind export_kind_of(const req *r);
/* Reply with t as the download basename.xlsx, .csv or -nl.csv. */
void ui_table_reply(req *r, const snapshot *s, const export_table *t, const char *basename);

#endif
