/*
 * ui_steer.h - the steering counts of SPEC 8 in the web interface: the
 * Jaartelling page and its exports (ui_jaartelling.c), and the broad count
 * as the overview, the Resultaatschema and its exports show it (ui_breed.c).
 * The tables are functions of their own so that other pages (the annual
 * report) render them the same way. The numbers come from src/app/steer.h.
 */
#ifndef INBEELD_UI_STEER_H
#define INBEELD_UI_STEER_H

#include "../app/steer.h"
#include "ui_export.h"

/* ---- the school-year count (ui_jaartelling.c) ----------------------------- */

void ui_jaartelling(req *r);
void ui_jaartelling_csv(req *r);
void ui_jaartelling_xlsx(req *r);

/* One gebied's school-year count (the i-th of c) as a table in the layout of
 * the art. 25 opgave: regel | totaal | langer dan 3 maanden | opgelost in het
 * schooljaar, protected as c says. */
void ui_jaar_table(strbuf *o, const dataset *ds, const year_counts *c, size_t i);
/* The same as a worksheet of its own (named by the gebied's code). */
lxw_error ui_jaar_sheet(lxw_workbook *wb, const xlsx_formats *f, const dataset *ds, const year_counts *c, size_t i,
			const char *made);

/* ---- the broad count (ui_breed.c) ------------------------------------------ */

/* What the broad count is, in words: which categories it adds to the
 * official count, and that it is not an official figure. */
void ui_breed_composition(strbuf *o);
/* A section with the broad count of the first n gebieden of c on its k-th
 * day next to the official thuiszitters: per gebied the totaal and, for
 * roles that see every number, its parts; then the composition. */
void ui_breed_section(strbuf *o, const dataset *ds, const counts *c, const breed_counts *b, size_t k, size_t n);
/* The rows of the broad count of the i-th gebied of c on its k-th day as an
 * export writes them: code, label, and the cells korter / langer / totaal
 * as shown (the parts only for roles that see every number). Returns how
 * many rows (at most BR_COUNT). */
typedef struct breed_row {
	const char *code, *label;
	char cell[COL_COUNT][32];
} breed_row;
size_t ui_breed_rows(const counts *c, const breed_counts *b, size_t k, size_t i, breed_row *out);

#endif
