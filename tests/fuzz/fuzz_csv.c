/*
 * fuzz_csv.c - libFuzzer harness for the CSV reader (src/io/csv.c): any
 * bytes, read record by record to the end or the first error, with every
 * field inside the input's copy and never more than CSV_MAX_FIELDS of them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/io/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of its own, so that reading past the input shows (ASan). */
	char *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	csv_reader *r = csv_from_memory(copy, size);
	const field *f;
	size_t n;
	uint32_t line, last = 0;
	csv_status st;
	while ((st = csv_next(r, &f, &n, &line)) == CSV_RECORD) {
		if (n == 0 || n > CSV_MAX_FIELDS || line < last)
			abort();
		last = line;
		size_t sum = 0;
		for (size_t i = 0; i < n; i++)
			sum += f[i].len + (f[i].len ? (unsigned char)f[i].p[f[i].len - 1] : 0);
		(void)sum;
	}
	if (st == CSV_ERROR && !csv_error(r)[0])
		abort(); /* an error says why */
	if (csv_next(r, &f, &n, &line) != st)
		abort(); /* the end is sticky */
	csv_close(r);
	free(copy);
	return 0;
}
