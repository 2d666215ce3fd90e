/*
 * report_signals.h - the early signals of SPEC 7.1 as CSV, JSON or a table.
 *
 * CSV is the CONTRACT of SPEC 7.1 byte for byte. JSON uses the same column
 * names as keys, as status does: waarde and the counts as numbers, gemeld as
 * true/false, empty as null. With more than one peildatum, CSV and table get a
 * leading peildatum column and JSON a peildatum key.
 */
#ifndef INBEELD_REPORT_SIGNALS_H
#define INBEELD_REPORT_SIGNALS_H

#include "../core/signals.h"
#include "report.h"

extern const char *const SIGNAL_COLUMNS[7];

/* One list per peildatum, in the order the dates were given. */
void report_signals(strbuf *out, const dataset *ds, const signal_list *lists, const day_t *peildata, size_t n,
		    out_format fmt);

/* One signal as a JSON object (shared with the server). */
json_t *signal_json(const dataset *ds, const signal_entry *e);

#endif
