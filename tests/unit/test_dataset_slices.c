/*
 * test_dataset_slices.c - a folder read a part of its pupils at a time
 * (io/dataset_slices.h) counts and lists as the folder read whole, however
 * small the slices; and every folder it cannot read so exactly - rows of a
 * pupil in another slice, ids out of order across slices, a BSN in two
 * slices, an unknown pupil, a warning, an error - is declined, so that the
 * caller reads it whole.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/app/compute.h"
#include "../../src/app/counts.h"
#include "../../src/app/status.h"
#include "../../src/io/dataset_slices.h"
#include "../../src/io/dataset_dir.h"
#include "../../src/io/whole_file.h"
#include "../../src/util/strbuf.h"

static const char *const FILES[] = {"gemeenten.csv", "swv.csv", "swv_gemeenten.csv", "scholen.csv",
				    "vakantieregios.csv", "vakanties.csv", "leerlingen.csv", "woonadressen.csv",
				    "inschrijvingen.csv", "verzuim.csv", "vrijstellingen.csv", "meldingen.csv",
				    "aanbod.csv"};
enum { N_FILES = sizeof FILES / sizeof *FILES };

static char *slurp(const char *path)
{
	char *t = whole_file_read(path, NULL);
	assert_non_null(t);
	return t;
}

static void spit(const char *dir, const char *file, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

/* The lines of text (header first) as pointers into it; at most max. */
static size_t lines_of(char *text, const char **line, size_t max)
{
	size_t n = 0;
	for (char *p = text; *p && n < max;) {
		line[n++] = p;
		char *e = strchr(p, '\n');
		if (!e)
			break;
		p = e + 1;
	}
	return n;
}

/* Whether line a's leerling_id sorts after line b's. */
static bool id_after(const char *a, const char *b)
{
	size_t la = strcspn(a, ",\n"), lb = strcspn(b, ",\n");
	int r = memcmp(a, b, la < lb ? la : lb);
	return r ? r > 0 : la > lb;
}

/* voorbeeld's file with its rows in leerling_id order (each pupil's rows
 * as they were), as inbeeld writes a folder. */
static char *sorted_file(const char *file)
{
	char path[256];
	snprintf(path, sizeof path, "examples/voorbeeld/%s", file);
	char *t = slurp(path);
	const char *line[512];
	size_t n = lines_of(t, line, 512);
	for (size_t i = 2; i < n; i++) /* insertion sort: stable */
		for (size_t j = i; j > 1 && id_after(line[j - 1], line[j]); j--) {
			const char *x = line[j];
			line[j] = line[j - 1];
			line[j - 1] = x;
		}
	strbuf out = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		sb_append(&out, line[i], strcspn(line[i], "\n"));
		sb_putc(&out, '\n');
	}
	free(t);
	return out.data;
}

/* voorbeeld with every per-pupil file sorted, in a new folder; `file` (if
 * not NULL) with `text` instead. */
static void make_folder(char *dir, size_t size, const char *file, const char *text)
{
	snprintf(dir, size, "/tmp/inbeeld-slices-XXXXXX");
	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < N_FILES; i++) {
		char src[256];
		snprintf(src, sizeof src, "examples/voorbeeld/%s", FILES[i]);
		if (access(src, R_OK) != 0)
			continue;
		char *t = i >= 6 ? sorted_file(FILES[i]) : slurp(src);
		spit(dir, FILES[i], file && strcmp(file, FILES[i]) == 0 ? text : t);
		free(t);
	}
}

static void remove_folder(const char *dir)
{
	for (size_t i = 0; i < N_FILES; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, FILES[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* What the slices held, summed (on one worker: the test's fn locks nothing). */
typedef struct seen {
	size_t pupils, facts[F_COUNT], slices;
} seen;

static void count_slice(void *ctx, int worker, size_t slice, const dataset *ds)
{
	(void)worker;
	(void)slice;
	seen *s = ctx;
	s->slices++;
	s->pupils += ds->n_pupils;
	for (int k = 0; k < F_COUNT; k++)
		s->facts[k] += ds->off[k][ds->n_pupils];
}

static const char *const DAYS[] = {"2025-11-01", "2026-02-01", "2026-06-01", "2026-11-01"};
enum { N_DAYS = sizeof DAYS / sizeof *DAYS };

static day_t day_of(const char *iso)
{
	day_t d;
	assert_int_equal(date_parse(iso, strlen(iso), &d), 0);
	return d;
}

/* The folder read whole, and the days of DAYS. */
static dataset *whole_and_days(const char *dir, day_t days[N_DAYS])
{
	strbuf err = STRBUF_INIT;
	dataset *whole = dataset_dir_load(dir, 0, NULL, NULL, 1, &err, NULL);
	if (!whole)
		fail_msg("%s: %s", dir, sb_str(&err));
	sb_free(&err);
	for (size_t k = 0; k < N_DAYS; k++)
		days[k] = day_of(DAYS[k]);
	return whole;
}

/* The tellingen of the folder in slices of slice_bytes, on `threads`
 * threads, equal those of the folder read whole, cell for cell. */
static void counts_as_whole(const char *dir, size_t slice_bytes, int threads)
{
	day_t days[N_DAYS];
	dataset *whole = whole_and_days(dir, days);
	for (int v = 0; v < 2; v++) {
		view w = v ? VIEW_SWV : VIEW_GEMEENTE;
		tellingen ts;
		tellingen_init(&ts, days, N_DAYS, w, threads);
		dataset *ref = dataset_dir_slices(dir, 0, threads, slice_bytes, tellingen_add, &ts);
		assert_non_null(ref);
		assert_int_equal(ref->n_pupils, 0);
		tellingen_merge(&ts, ref);
		for (size_t k = 0; k < N_DAYS; k++) {
			telling t;
			compute_telling(whole, days[k], w, 1, &t);
			const telling *b = tellingen_summed(&ts, ref, days[k], w, NULL);
			assert_int_equal(b->n_gebieden, t.n_gebieden);
			if (memcmp(b->cells, t.cells, t.n_gebieden * R_COUNT * sizeof *t.cells) != 0)
				fail_msg("slices of %zu bytes on %d threads count otherwise on %s per %s", slice_bytes,
					 threads, DAYS[k], v ? "swv" : "gemeente");
			telling_free(&t);
		}
		tellingen_free(&ts);
		dataset_free(ref);
	}
	/* Every pupil and fact once. */
	seen s = {0};
	dataset *ref = dataset_dir_slices(dir, 0, 1, slice_bytes, count_slice, &s);
	assert_non_null(ref);
	assert_int_equal(s.pupils, whole->n_pupils);
	for (int k = 0; k < F_COUNT; k++)
		assert_int_equal(s.facts[k], whole->off[k][whole->n_pupils]);
	if (slice_bytes == 1)
		assert_true(s.slices > 10); /* a slice per few lines: the test splits */
	dataset_free(ref);
	dataset_free(whole);
}

/* The status lists of the folder in slices of slice_bytes equal those of
 * the folder read whole, row for row and id for id. */
static void lists_as_whole(const char *dir, size_t slice_bytes, int threads)
{
	day_t days[N_DAYS];
	dataset *whole = whole_and_days(dir, days);
	status_slices ss;
	status_slices_init(&ss, days, N_DAYS);
	dataset *ref = dataset_dir_slices(dir, 0, threads, slice_bytes, status_slices_add, &ss);
	assert_non_null(ref);
	status_slices_join(&ss, ref);
	size_t rows = 0;
	for (size_t k = 0; k < N_DAYS; k++) {
		status_query q = status_query_of(days[k]);
		status_rows want;
		status_run(whole, &q, 1, &want);
		const status_rows *got = &ss.lists[k];
		assert_int_equal(got->n, want.n);
		for (size_t i = 0; i < want.n; i++) {
			status_row a = want.rows[i], b = got->rows[i];
			assert_string_equal(ss.shown.pupils[b.pupil].id, whole->pupils[a.pupil].id);
			a.pupil = b.pupil;
			a.vrijstelling = b.vrijstelling = -1;
			if (memcmp(&a, &b, sizeof a) != 0)
				fail_msg("row %zu of %s differs in slices of %zu bytes", i, DAYS[k], slice_bytes);
		}
		rows += want.n;
		status_rows_free(&want);
	}
	assert_true(rows > 0);
	status_slices_free(&ss);
	dataset_free(ref);
	dataset_free(whole);
}

static void slices_list_as_the_whole(void **state)
{
	(void)state;
	char dir[64];
	make_folder(dir, sizeof dir, NULL, NULL);
	static const size_t SIZES[] = {1, 100, 0};
	for (size_t i = 0; i < sizeof SIZES / sizeof *SIZES; i++)
		for (int threads = 1; threads <= 2; threads++)
			lists_as_whole(dir, SIZES[i], threads);
	remove_folder(dir);
}

static void slices_count_as_the_whole(void **state)
{
	(void)state;
	static const size_t SIZES[] = {1, 40, 100, 300, 0};
	char dir[64];
	make_folder(dir, sizeof dir, NULL, NULL);
	for (size_t i = 0; i < sizeof SIZES / sizeof *SIZES; i++)
		for (int threads = 1; threads <= 3; threads++)
			counts_as_whole(dir, SIZES[i], threads);
	remove_folder(dir);
	/* voorbeeld itself has verzuim out of order: read in one slice. */
	counts_as_whole("examples/voorbeeld", 0, 2);
}

/* The folder of voorbeeld with `file` as `text`: declined in slices of
 * slice_bytes (and, when whole_ok, still read whole without an error). */
static void declined(const char *file, const char *text, size_t slice_bytes, bool whole_ok)
{
	char dir[64];
	make_folder(dir, sizeof dir, file, text);
	seen s = {0};
	dataset *ref = dataset_dir_slices(dir, 0, 1, slice_bytes, count_slice, &s);
	if (ref)
		fail_msg("%s as changed was read in slices of %zu bytes", file, slice_bytes);
	strbuf err = STRBUF_INIT;
	dataset *whole = dataset_dir_load(dir, 0, NULL, NULL, 1, &err, NULL);
	if (whole_ok != (whole != NULL))
		fail_msg("%s as changed: read whole %s (%s)", file, whole ? "taken" : "refused", sb_str(&err));
	if (whole)
		dataset_free(whole);
	sb_free(&err);
	remove_folder(dir);
}

/* The sorted text of voorbeeld's file with its first data line moved to
 * the end. */
static char *unsorted_file(const char *file)
{
	char *t = sorted_file(file);
	const char *line[512];
	size_t n = lines_of(t, line, 512);
	assert_true(n >= 4);
	strbuf out = STRBUF_INIT;
	for (size_t i = 0; i <= n; i++) {
		size_t j = i == 0 ? 0 : i == n ? 1 : i == 1 ? 0 : i; /* header, 2..n-1, then line 1 */
		if (i == 1)
			continue;
		sb_append(&out, line[j], strcspn(line[j], "\n"));
		sb_putc(&out, '\n');
	}
	free(t);
	return out.data;
}

static void rows_out_of_order_are_declined(void **state)
{
	(void)state;
	static const char *const TABLES_[] = {"verzuim.csv", "inschrijvingen.csv", "woonadressen.csv", "leerlingen.csv"};
	for (size_t i = 0; i < sizeof TABLES_ / sizeof *TABLES_; i++) {
		char *t = unsorted_file(TABLES_[i]);
		declined(TABLES_[i], t, 1, true);
		/* In one slice the order does not matter: it is read as a whole. */
		char dir[64];
		make_folder(dir, sizeof dir, TABLES_[i], t);
		counts_as_whole(dir, 0, 2);
		remove_folder(dir);
		free(t);
	}
}

/* voorbeeld's leerlingen with the BSN of its first pupil given to the last
 * pupil that has one as well. */
static char *bsn_twice(void)
{
	char *t = slurp("examples/voorbeeld/leerlingen.csv");
	char *first = strchr(t, '\n') + 1, *bsn = strchr(first, ',') + 1, *to = NULL;
	assert_true(bsn[0] != ',');
	for (char *p = strchr(first, '\n') + 1; *p; p = strchr(p, '\n') + 1) {
		char *b = strchr(p, ',') + 1;
		if (b[0] != ',')
			to = b;
		if (!strchr(p, '\n'))
			break;
	}
	assert_non_null(to);
	memcpy(to, bsn, 9);
	return t;
}

static void a_bsn_in_two_slices_is_declined(void **state)
{
	(void)state;
	char *t = bsn_twice();
	declined("leerlingen.csv", t, 1, false);
	declined("leerlingen.csv", t, 0, false);
	free(t);
}

/* voorbeeld's `file` with one more line. */
static char *with_line(const char *file, const char *line)
{
	char path[256];
	snprintf(path, sizeof path, "examples/voorbeeld/%s", file);
	char *t = slurp(path);
	strbuf out = STRBUF_INIT;
	sb_puts(&out, t);
	sb_puts(&out, line);
	free(t);
	return out.data;
}

static void what_the_fast_path_does_not_take_is_declined(void **state)
{
	(void)state;
	struct {
		const char *file, *line;
		bool whole_ok;
	} CASES[] = {
		{"verzuim.csv", "X99,01KF,00,ongeoorloofd,2026-01-05,2026-01-09,\n", false},     /* unknown pupil */
		{"verzuim.csv", "U03,01KF,00,ongeoorloofd,2026-01-05,2026-01-32,\n", false},     /* no such day */
		{"meldingen.csv", "U03,01KF,00,2026-03-01,2026-03-20,relatief verzuim\n", true}, /* a warning */
		{"verzuim.csv", "\"U03\",01KF,00,ongeoorloofd,2026-01-05,2026-01-09,\n", true},  /* quoted */
	};
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
		char *t = with_line(CASES[i].file, CASES[i].line);
		declined(CASES[i].file, t, 0, CASES[i].whole_ok);
		free(t);
	}
	/* A header not as SPEC 3.1 spells it. */
	declined("verzuim.csv", "leerling_id,brin,vestiging,soort,van,tot\nU03,01KF,00,ongeoorloofd,2026-03-02,\n", 0, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slices_count_as_the_whole),
		cmocka_unit_test(slices_list_as_the_whole),
		cmocka_unit_test(rows_out_of_order_are_declined),
		cmocka_unit_test(a_bsn_in_two_slices_is_declined),
		cmocka_unit_test(what_the_fast_path_does_not_take_is_declined),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
