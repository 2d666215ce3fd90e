/*
 * report.h - status lists, early signals (list_source), tellingen and explanations as CSV, JSON or a table.
 *
 * CSV is the CONTRACT of SPEC 4.1 byte for byte. JSON uses the same column
 * names as keys (numbers as numbers, booleans as true/false, empty as null),
 * as the API of SPEC 11 does. The table is for people at a terminal.
 */
#ifndef INBEELD_REPORT_H
#define INBEELD_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "../core/breed.h"
#include "../core/explain.h"
#include "../core/lists.h"
#include "../core/telling.h"
#include "../util/strbuf.h"

typedef enum out_format { FMT_CSV, FMT_JSON, FMT_TABLE } out_format;

extern const char *const STATUS_COLUMNS[10];
extern const char *const TELLING_COLUMNS[6];

/* One status list per peildatum. With more than one peildatum, CSV and table
 * get a leading peildatum column. */
void report_status(strbuf *out, const dataset *ds, const status_rows *lists, const day_t *peildata, size_t n,
		   out_format fmt);

/* One telling per peildatum (all of one view), for the gebieden given (their
 * indices, in code order). With breed (one broad count per peildatum, SPEC 8; NULL for none) each
 * gebied's rows are followed by those of the broad count (BREED_...), in the
 * same columns. */
void report_telling(strbuf *out, const dataset *ds, const telling *const *tellingen, const breedtelling *breed,
		    const day_t *peildata, size_t n, const size_t *gebieden, size_t n_gebieden, out_format fmt);

void report_uitleg(strbuf *out, const dataset *ds, uint32_t pupil, const classification *c,
		   const explanation *ex, out_format fmt);

/* JSON building blocks, shared with the server. */
json_t *status_json(const dataset *ds, const status_row *row);
json_t *telling_row_json(const dataset *ds, const telling *t, size_t gebied, day_t d, regel r);
json_t *uitleg_json(const dataset *ds, uint32_t pupil, const classification *c, const explanation *ex);

/* An aligned table for people: fit every cell first, then write the rows. */
typedef struct table {
	size_t ncols;
	size_t width[12];
	bool right[12];
} text_table;
void table_fit(text_table *tb, size_t col, const char *s);
void table_row(strbuf *out, const text_table *tb, const char *const *cells);

/* Lists of rows, one per peildatum, in the three formats: CSV with the
 * columns as header (a leading peildatum column with more than one date),
 * JSON objects from json() (with a peildatum key then), or an aligned table
 * for people with the labels as header and the values text() gives with
 * people set: words for codes, Dutch dates and numbers (nl_format.h). */
enum { LIST_MAX_COLS = 11 };
typedef struct list_source {
	size_t ncols;
	const char *const *columns;
	const char *const *labels; /* the table's header, ncols of them */
	int right_col;		   /* a column aligned right in the table, -1 for none */
	size_t (*count)(const void *ctx, size_t k); /* rows for peildatum k */
	void (*text)(const void *ctx, size_t k, size_t i, bool people, char v[][72]);
	json_t *(*json)(const void *ctx, size_t k, size_t i);
	const void *ctx;
} list_source;
void report_list(strbuf *out, const list_source *src, const day_t *peildata, size_t n, out_format fmt);

/* Append a CSV field, quoted when it holds a comma, quote or line break. */
void csv_field(strbuf *out, const char *s);
/* Dump JSON the way inbeeld does everywhere (indented when pretty). */
void json_append(strbuf *out, json_t *j, int pretty);

#endif
