/*
 * classify_bench - how long classifying every pupil takes once the
 * timelines are in memory (make bench).
 *
 *   build/bench/classify DIR PEILDATUM [RUNS]
 *
 * Loads the dataset folder once (not timed), then times compute_telling()
 * for the gemeente view RUNS times (default 11) with the default number of
 * threads and with one thread, and likewise compute_signals() (SPEC 7.1),
 * and prints the medians:
 *
 *   pupils 4035477
 *   classify_ms_threads_2 61.3
 *   classify_ms_threads_1 118.2
 *   signals_ms_threads_2 140.0
 *   signals_ms_threads_1 270.1
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/app/compute.h"
#include "../src/app/signals_run.h"
#include "../src/io/dataset_dir.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One timed computation: returns a checksum of its answer, so that the work
 * cannot be optimised away and the thread counts can be compared. */
typedef long long (*work_fn)(const dataset *ds, day_t d, int threads, double *ms);

static long long telling_work(const dataset *ds, day_t d, int threads, double *ms)
{
	telling t;
	double t0 = now_ms();
	compute_telling(ds, d, VIEW_GEMEENTE, threads, &t);
	*ms = now_ms() - t0;
	long long s = 0;
	for (size_t i = 0; i < t.n_gebieden * R_COUNT; i++)
		s += t.cells[i].kort + 3 * t.cells[i].lang;
	telling_free(&t);
	return s;
}

static long long signals_work(const dataset *ds, day_t d, int threads, double *ms)
{
	signal_list l;
	double t0 = now_ms();
	compute_signals(ds, d, threads, NULL, NULL, &l);
	*ms = now_ms() - t0;
	long long s = (long long)l.n;
	for (size_t i = 0; i < l.n; i++)
		s += l.rows[i].s.waarde + l.rows[i].s.kind;
	signal_list_free(&l);
	return s;
}

/* Median time of `runs` calls, and the checksum in *sum. */
static double timed(work_fn fn, const dataset *ds, day_t d, int threads, int runs, long long *sum)
{
	double *ms = calloc((size_t)runs, sizeof *ms);
	if (!ms) {
		fprintf(stderr, "classify_bench: out of memory\n");
		exit(1);
	}
	for (int r = 0; r < runs; r++)
		*sum = fn(ds, d, threads, &ms[r]);
	qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
	double median = ms[runs / 2];
	free(ms);
	return median;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: classify_bench DIR PEILDATUM [RUNS]\n");
		return 2;
	}
	day_t d;
	if (date_parse(argv[2], strlen(argv[2]), &d) != 0) {
		fprintf(stderr, "classify_bench: bad peildatum %s\n", argv[2]);
		return 2;
	}
	int runs = argc > 3 ? atoi(argv[3]) : 11;
	if (runs < 1)
		runs = 1;
	strbuf err = STRBUF_INIT;
	dataset *ds = dataset_dir_load(argv[1], 0, NULL, NULL, default_threads(), &err, NULL);
	if (!ds) {
		fprintf(stderr, "classify_bench: %s\n", sb_str(&err));
		sb_free(&err);
		return 1;
	}
	int threads = default_threads();
	long long sum_n = 0, sum_1 = 0;
	double ms_n = timed(telling_work, ds, d, threads, runs, &sum_n);
	double ms_1 = timed(telling_work, ds, d, 1, runs, &sum_1);
	printf("pupils %zu\nclassify_ms_threads_%d %.1f\nclassify_ms_threads_1 %.1f\n", ds->n_pupils, threads, ms_n,
	       ms_1);
	long long sig_n = 0, sig_1 = 0;
	double sms_n = timed(signals_work, ds, d, threads, runs, &sig_n);
	double sms_1 = timed(signals_work, ds, d, 1, runs, &sig_1);
	printf("signals_ms_threads_%d %.1f\nsignals_ms_threads_1 %.1f\n", threads, sms_n, sms_1);
	int rc = 0;
	if (sum_n != sum_1 || sig_n != sig_1) {
		fprintf(stderr, "classify_bench: the answer depends on the thread count (%lld vs %lld, %lld vs %lld)\n",
			sum_n, sum_1, sig_n, sig_1);
		rc = 1;
	}
	dataset_free(ds);
	sb_free(&err);
	return rc;
}
