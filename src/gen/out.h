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

typedef struct outfile {
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
