/*
 * csv.h - a streaming RFC 4180 reader.
 *
 * Reads UTF-8 CSV with comma separators (or semicolons, csv_set_separator), double-quote quoting (a quote inside
 * a quoted field is doubled), LF or CRLF line ends, and an optional UTF-8 byte
 * order mark. Records are handed out one at a time; the fields point into the
 * reader's buffer and stay valid until the next call. Memory use is bounded by
 * the longest record, not by the file: a record of more than CSV_MAX_RECORD
 * bytes (without its line end) or more than CSV_MAX_FIELDS fields is an
 * error. A trailing comma separates an empty last field ("a,b," has three).
 * The reader passes bytes through as they are; judging the text (UTF-8,
 * control characters) is the fact builder's work.
 */
#ifndef INBEELD_CSV_H
#define INBEELD_CSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/facts.h"

#define CSV_MAX_RECORD (1u << 20)
#define CSV_MAX_FIELDS 256

typedef struct csv_reader csv_reader;

/* Open a file; NULL with a message in err when it cannot be read. */
csv_reader *csv_open(const char *path, char *err, size_t errlen);
/* Read from memory (not copied; must outlive the reader). */
csv_reader *csv_from_memory(const char *data, size_t len);

typedef enum csv_status { CSV_EOF = 0, CSV_RECORD = 1, CSV_ERROR = -1 } csv_status;

/* Next non-empty record. On CSV_ERROR, csv_error() says why (Dutch) and
 * *line is where; reading cannot continue after an error. */
csv_status csv_next(csv_reader *r, const field **fields, size_t *n, uint32_t *line);
const char *csv_error(const csv_reader *r);
/* Read with sep (',' or ';') between the fields instead of a comma, before
 * the first record. */
void csv_set_separator(csv_reader *r, char sep);
/* The separator the header line (the first line, after a byte order mark)
 * uses: ';' when it has more semicolons than commas outside quotes, as a
 * Dutch spreadsheet writes CSV, else ','. */
char csv_guess_separator(const char *data, size_t len);
/* Bytes consumed so far (for progress). */
uint64_t csv_offset(const csv_reader *r);
void csv_close(csv_reader *r);

#endif
