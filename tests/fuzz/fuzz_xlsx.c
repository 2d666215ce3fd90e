/*
 * fuzz_xlsx.c - libFuzzer harness for the XLSX reader (src/io/xlsx_read.c,
 * xlsx_zip.c): any bytes, read as a workbook; either an error that says why
 * or rows within the limits (at most 50 rows here, XLSX_MAX_COLS columns,
 * XLSX_MAX_CELL bytes a cell), every field readable to its end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/io/xlsx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of its own, so that reading past the input shows (ASan). */
	unsigned char *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	char err[200] = "";
	xlsx_sheet *s = xlsx_read(copy, size, 50, err, sizeof err);
	if (!s && !err[0])
		abort(); /* an error says why */
	if (s) {
		size_t rows = xlsx_row_count(s);
		if (rows > 50)
			abort();
		for (size_t i = 0; i < rows; i++) {
			size_t n;
			uint32_t line;
			const field *f = xlsx_row(s, i, &n, &line);
			if (n == 0 || n > XLSX_MAX_COLS)
				abort();
			size_t sum = 0;
			for (size_t c = 0; c < n; c++) {
				if (f[c].len > XLSX_MAX_CELL + 16)
					abort();
				sum += f[c].len + (f[c].len ? (unsigned char)f[c].p[f[c].len - 1] : 0);
			}
			(void)sum;
		}
		xlsx_free(s);
	}
	free(copy);
	return 0;
}
