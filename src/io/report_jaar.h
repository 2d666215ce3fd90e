/*
 * report_jaar.h - the school-year count (SPEC 8.1) as CSV, JSON or a table.
 *
 * CSV is the CONTRACT of SPEC 8.1 byte for byte; JSON has the same columns as
 * keys (numbers as numbers, empty as null), as the API of SPEC 11 does; the
 * table is for people, with Dutch labels.
 */
#ifndef INBEELD_REPORT_JAAR_H
#define INBEELD_REPORT_JAAR_H

#include "../core/jaartelling.h"
#include "report.h"

/* One jaartelling per schooljaar, in the order given; gebieden filtered by
 * keep[i] when keep is non-NULL. */
void report_jaartelling(strbuf *out, const dataset *ds, const jaartelling *counts, size_t n, const bool *keep,
			out_format fmt);

/* One row as a JSON object with the SPEC 8.1 columns as keys. */
json_t *jaartelling_row_json(const dataset *ds, const jaartelling *t, size_t gebied, jaar_regel r);

#endif
