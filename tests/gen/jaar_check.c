/*
 * jaar_check - the school-year count on a generated dataset against a
 * day-by-day scan (tests/gen/run.sh): every stretch of constant
 * classification holds on each of its days, and each pupil's year counts as
 * classifying all 365 or 366 days would count it (year_by_days_mismatches in
 * tests/unit/helpers.c, the unit tests' check on random registries).
 *
 *   jaar-check DIR SCHOOLJAAR...
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../src/io/dataset_dir.h"
#include "../unit/helpers.h"

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: jaar-check DIR SCHOOLJAAR...\n");
		return 2;
	}
	strbuf err = STRBUF_INIT;
	dataset *ds = dataset_dir_load(argv[1], 0, NULL, NULL, 1, &err, NULL);
	if (!ds) {
		fprintf(stderr, "jaar-check: %s\n", sb_str(&err));
		sb_free(&err);
		return 1;
	}
	sb_free(&err);
	size_t bad = 0;
	for (int i = 2; i < argc; i++) {
		int y = atoi(argv[i]);
		strbuf why = STRBUF_INIT;
		size_t n = year_by_days_mismatches(ds, y, &why);
		if (n)
			fprintf(stderr, "schooljaar %d: %zu verschillen\n%s", y, n, sb_str(&why));
		else
			printf("schooljaar %d: %zu leerlingen, elke dag gelijk\n", y, ds->n_pupils);
		bad += n;
		sb_free(&why);
	}
	dataset_free(ds);
	return bad ? 1 : 0;
}
