/*
 * xlsx_read.h - read the first sheet of an XLSX workbook (Office Open XML,
 * as Excel and LibreOffice write it) from memory, as rows of text fields,
 * the way csv.h hands out a CSV file's records.
 *
 * The zip archive is read with zlib (stored and deflated entries), the parts
 * (xl/workbook.xml, its relationships, xl/sharedStrings.xml, xl/styles.xml
 * and the worksheet) with expat. A cell's text is what the sheet holds: a
 * shared or inline string, a number as written, and a number in a date
 * format (Excel's serial day, the 1900 or the 1904 system) as JJJJ-MM-DD.
 *
 * Everything untrusted is bounded: an entry unpacks to at most
 * XLSX_MAX_ENTRY bytes and at most XLSX_MAX_RATIO times its packed size
 * (a zip bomb is refused before it is unpacked), a sheet has at most
 * max_rows non-empty rows and XLSX_MAX_COLS columns, a cell at most
 * XLSX_MAX_CELL bytes; a DTD (entities) is refused. Errors are Dutch.
 */
#ifndef INBEELD_XLSX_READ_H
#define INBEELD_XLSX_READ_H

#include <stddef.h>
#include <stdint.h>

#include "../core/facts.h"

#define XLSX_MAX_ENTRY ((size_t)16 << 20)
#define XLSX_MAX_RATIO 100
#define XLSX_MAX_COLS 256
#define XLSX_MAX_CELL ((size_t)128 << 10)

typedef struct xlsx_sheet xlsx_sheet;

/* Whether the bytes start like a zip archive (and so perhaps an XLSX file). */
int xlsx_looks_like(const void *data, size_t len);

/* The first sheet of the workbook in data (not kept). NULL with a Dutch
 * message in err when it cannot be read or breaks a limit. */
xlsx_sheet *xlsx_read(const void *data, size_t len, size_t max_rows, char *err, size_t errlen);

/* The non-empty rows, in the order of the sheet. */
size_t xlsx_row_count(const xlsx_sheet *s);
/* Row i: its fields (a missing cell is empty; valid until xlsx_free), their
 * number, and the row's number in the sheet (as the spreadsheet shows it). */
const field *xlsx_row(const xlsx_sheet *s, size_t i, size_t *n, uint32_t *line);
void xlsx_free(xlsx_sheet *s);

#endif
