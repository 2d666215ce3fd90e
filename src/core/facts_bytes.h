/*
 * facts_bytes.h - the fast path into the fact builder: a table's rows taken
 * straight from the CSV bytes of a dataset file (SPEC 3.1), without a field
 * list per row.
 *
 * It handles the usual case only: rows without quotes, each of exactly the
 * table's columns, every one of which the general path (builder_row) would
 * accept without a message. At anything else - a quote, a stray CR, a value
 * that is wrong or doubtful, a duplicate BSN - it stops, forgets what it read
 * of the table and returns false; the caller then reads the same table again
 * through the general reader (csv.h and builder_row), which says exactly what
 * is wrong. So the fast path never writes an error or a warning, and a
 * dataset gives the same result, messages included, either way.
 *
 * Use: builder_begin_table(), builder_bytes_rows() for each run of whole
 * lines after the header line, in file order, builder_bytes_done(), then
 * builder_end_table(). On the same threads as builder_row().
 */
#ifndef INBEELD_FACTS_BYTES_H
#define INBEELD_FACTS_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "facts.h"

/* Whether table t may be read fast by this builder (the per-pupil tables and
 * leerlingen, unless the builder keeps one pupil only). */
bool builder_bytes_ok(const builder *b, table_id t);
/* Add the rows in [data, data + len): whole lines, the last one with or
 * without its LF; empty lines are skipped. *line is the line number of the
 * first one and becomes that of the line after. False: the table must be
 * read again by the general path (nothing of it is kept). */
bool builder_bytes_rows(builder *b, table_id t, const char *data, size_t len, uint32_t *line);
/* Leerlingen may be read in parts at once, each on its own thread: part i
 * (0 <= i < BYTES_PARTS) takes the rows of one run of lines, in order, and
 * the parts follow each other in the file. Part 0's lines are numbered
 * as for builder_bytes_rows() (which is part 0), the others' from 1 at
 * their first line; builder_bytes_done() joins the parts and renumbers. */
enum { BYTES_PARTS = 2 };
bool builder_bytes_part(builder *b, table_id t, int part, const char *data, size_t len, uint32_t *line);
/* After the last rows of part i of leerlingen, on its thread: the checks
 * and the derived values of its pupils that need no other part (its BSNs
 * and onderwijsnummers each once; their ids and ages), so that
 * builder_bytes_done() only compares the parts. False: a number comes
 * twice within the part, so the table must be read again by the general
 * path (which says where). Optional: builder_bytes_done() does what was
 * not done. */
bool builder_bytes_part_end(builder *b, table_id t, int part);
/* Before the parts of leerlingen are read: part 0 has at most rows0 rows
 * (its line ends) and part 1 `bytes1` bytes. The parts then write their
 * pupils into one block, part 1 right after room for part 0's, so that
 * joining them copies nothing (unless part 0 had empty lines). */
void builder_bytes_place(builder *b, size_t rows0, size_t bytes1);
/* Forget what the fast path read of table t, to read it by the general path. */
void builder_bytes_abandon(builder *b, table_id t);
/* The checks across the rows of the table that the fast path defers (a BSN
 * or onderwijsnummer given twice). False as for builder_bytes_rows(). */
bool builder_bytes_done(builder *b, table_id t);

#endif
