/*
 * nl_format.h - values written the Dutch way for people: dates "16-02-2021",
 * whole numbers with a thousands dot "1.234", decimals with a comma "0,5",
 * a number of days "1 dag" / "2 dagen". The one home of each, for the pages
 * (src/web/ui_format.c, which escapes them) and the command line's table
 * output (src/io/report*.c). ISO dates and dotted decimals stay in inputs,
 * CSV, JSON and every CONTRACT output.
 */
#ifndef INBEELD_NL_FORMAT_H
#define INBEELD_NL_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"

enum { NL_NUMBER_TEXT = 32, NL_STAMP_TEXT = 20 };

/* "DD-MM-YYYY" into out (DATE_TEXT bytes); DAY_NONE and DAY_OPEN give "". */
void nl_date(day_t d, char out[DATE_TEXT]);
/* 1234567 -> "1.234.567", -1234 -> "-1.234". */
void nl_int(int64_t v, char out[NL_NUMBER_TEXT]);
/* A number as text with a decimal point ("453.13", "1234", "<5", "x") the
 * Dutch way: "453,13", "1.234"; text that is not a number is copied. */
void nl_number(const char *text, char out[NL_NUMBER_TEXT]);
/* A recording time "2026-12-01T18:22:03" as "01-12-2026 18:22"; text of
 * another form is copied (cut to fit). */
void nl_timestamp(const char *iso, char out[NL_STAMP_TEXT]);
/* "dag" for 1 (and -1), else "dagen". */
const char *nl_days_word(int64_t n);
/* "1 dag", "2 dagen", "0 dagen", "1.234 dagen". */
void nl_days(int64_t n, char out[NL_NUMBER_TEXT]);

#endif
