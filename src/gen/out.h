/*
 * out.h - writing the CSV files of a dataset folder (SPEC 3.1) quickly:
 * one large buffer per file, fields formatted by hand, RFC 4180 quoting for
 * text that needs it.
 */
#ifndef INBEELD_GEN_OUT_H
#define INBEELD_GEN_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/date.h"

/* The text of every day in [base, base + n): dates are written by the
 * million, and formatting them is the larger part of writing. */
typedef struct date_texts {
	day_t base;
	size_t n;
	char (*text)[DATE_TEXT - 1];
} date_texts;

void date_texts_build(date_texts *t, day_t from, day_t to);
void date_texts_free(date_texts *t);

/* The canonical text of every number of hours below HOUR_TEXTS / 100, for
 * the same reason. */
enum { HOUR_TEXTS = 10000, HOUR_TEXT = 16 };
typedef struct hour_texts {
	char (*text)[HOUR_TEXT];
} hour_texts;

void hour_texts_build(hour_texts *t);
void hour_texts_free(hour_texts *t);

typedef struct outfile {
	const date_texts *dates; /* when set, of_date looks dates up there */
	const hour_texts *hours; /* when set, of_hours looks hours up there */
	FILE *fp;
	char *buf;
	size_t len;
	char *path;
	int failed;
	uint64_t rows;
} outfile;

/* Create dir/name and write the header line. Returns -1 (with a message). */
int of_open(outfile *o, const char *dir, const char *name, const char *header);
void of_raw(outfile *o, const char *s, size_t len);
void of_str(outfile *o, const char *s);
/* Text, quoted when it holds a comma, quote or line break. */
void of_text(outfile *o, const char *s);
void of_char(outfile *o, char c);
/* YYYY-MM-DD; DAY_NONE and DAY_OPEN give an empty field. */
void of_date(outfile *o, day_t d);
void of_uint(outfile *o, uint64_t v);
/* Hundredths of an hour as "12", "12.5" or "12.25"; negative gives "". */
void of_hours(outfile *o, int32_t hundredths);
void of_row_end(outfile *o);
/* Flush and close; -1 when anything failed (with a message). */
int of_close(outfile *o);

#endif
