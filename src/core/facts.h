/*
 * facts.h - from rows of text to a validated dataset.
 *
 * The builder is the single gate through which facts enter inbeeld: rows from
 * a dataset folder and rows from the registry database both pass through it,
 * so the two sources give the same dataset by construction. Tables must be fed
 * in table_id order (each refers only to earlier ones). Every rule of SPEC 3.1
 * is checked; a rejected row records an error naming table, line, column and
 * reason, and builder_finish() then refuses to produce a dataset. A row that
 * breaks no rule but looks doubtful (SPEC 3.1: a melding before its first day
 * of absence, say) is kept and records a warning, named the same way.
 *
 * Threads: once T_LEERLINGEN has ended, the per-pupil tables (woonadressen
 * and after) share nothing writable, so each may be fed - begin, rows, end -
 * on its own thread. Everything else must happen on one thread.
 */
#ifndef INBEELD_FACTS_H
#define INBEELD_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/strbuf.h"
#include "dataset.h"

typedef struct field {
	const char *p;
	size_t len; /* 0 = empty = null */
} field;

enum {
	BUILD_IDENTITY = 1, /* keep BSN, onderwijsnummer and names */
};

/* An error, or a warning (same shape). */
typedef struct fact_error {
	table_id table;
	uint32_t line; /* 0 when the error concerns the table as a whole */
	int col;       /* column index, -1 when not about one column */
	char *msg;     /* Dutch */
} fact_error;

typedef struct builder builder;

builder *builder_new(unsigned flags);
/* A builder whose reference tables (gemeenten, SWVs and their regions,
 * scholen, holiday regions and holidays) are those of ref, a dataset built
 * before (store_load_reference's, say), already ended: feed it leerlingen
 * and the per-pupil tables only (a row of a reference table is refused).
 * What it builds is what builder_new would, fed ref's reference rows first,
 * errors and warnings about the pupils' rows included. The dataset it
 * returns shares ref's reference data (dataset.h, borrowed_reference): ref
 * must outlive it and is never written. For validating a few pupils often
 * against reference data that seldom changes (facts_reuse.c). */
builder *builder_new_on(const dataset *ref, unsigned flags);
/* A builder on ref (as builder_new_on) that also reads the per-pupil
 * tables through the fast path (facts_bytes.h), with the index of schools
 * and the table of months of `like`, the builder that read ref's tables:
 * like must outlive it and is not written. It keeps the BSNs and
 * onderwijsnummers its fast path read (builder_take_numbers). For reading
 * a folder's pupils a part at a time (dataset_slices.c). */
builder *builder_new_slice(const dataset *ref, const builder *like, unsigned flags);
/* The BSNs and onderwijsnummers of the leerlingen a slice builder read
 * through the fast path, as read, handed to the caller (who frees them and
 * must check that no number comes twice: the builder does not); false when
 * there are none to take (the table was not read fast, or they were
 * taken). */
bool builder_take_numbers(builder *b, uint32_t **bsn, size_t *n_bsn, uint32_t **onr, size_t *n_onr);
/* Sort v; false when a number comes twice in it. */
bool numbers_sort_distinct(uint32_t *v, size_t n);
/* Keep only the facts of this pupil (rows of others are skipped unchecked). */
void builder_only_pupil(builder *b, const char *id);
void builder_begin_table(builder *b, table_id t);
/* A hint that table t will have about this many rows (sizes arrays once). */
void builder_reserve(builder *b, table_id t, size_t rows);
/* Add one row of TABLES[t].ncols fields. Returns false when it was rejected. */
bool builder_row(builder *b, table_id t, const field *fields, uint32_t line);
void builder_end_table(builder *b, table_id t);
/* Record an error found outside the builder (a malformed CSV line, say). */
void builder_error(builder *b, table_id t, uint32_t line, int col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* The dataset, or NULL when any error was recorded. The builder keeps nothing
 * of a returned dataset; free both. */
dataset *builder_finish(builder *b);
/* After builder_finish(): the errors in file order (at most
 * BUILDER_MAX_ERRORS kept), and how many there were in all. */
const fact_error *builder_errors(const builder *b, size_t *kept, size_t *total);
/* After builder_finish(), whatever it returned: the warnings likewise. */
const fact_error *builder_warnings(const builder *b, size_t *kept, size_t *total);
void builder_free(builder *b);

#define BUILDER_MAX_ERRORS 100 /* and as many warnings */

/* "woonadressen.csv, regel 12, kolom tot: <reden>" */
void fact_error_format(const fact_error *e, strbuf *out);

#endif
