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

#endif
