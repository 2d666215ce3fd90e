/*
 * classify_bench - how long classifying every pupil takes once the
 * timelines are in memory (make bench).
 *
 *   build/bench/classify DIR PEILDATUM [RUNS [SCHOOLJAAR]]
 *
 * Loads the dataset folder once (not timed), then times compute_telling()
 * for the gemeente view RUNS times (default 11) with the default number of
 * threads and with one thread, and prints the medians:
 *
 *   pupils 4035477
 *   classify_ms_threads_2 61.3
 *   classify_ms_threads_1 118.2
 *   signals_ms_threads_2 140.0
 *   signals_ms_threads_1 270.1
 *
 * With SCHOOLJAAR it also times compute_jaartelling() (SPEC 8.1, the
 * schooljaar from 1 August SCHOOLJAAR) the same way, and says how many
 * classifications it took per pupil in its age for leerplicht:
 *
 *   jaartelling_ms_threads_2 402.0
 *   jaartelling_ms_threads_1 790.3
 *   jaartelling_classifications_per_pupil 1.9
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/app/compute.h"
#include "../src/app/compute_year.h"
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

/* What one timed run counts: a day (telling) or a schooljaar (jaartelling). */
typedef struct job {
	const dataset *ds;
	day_t d;
	int schooljaar;
	int threads;
	size_t classified; /* jaartelling */
} job;

/* Each returns a checksum of the counts, so that the work cannot be
 * optimised away and the thread counts can be compared. */
static long long run_telling(job *j)
{
	telling t;
	compute_telling(j->ds, j->d, VIEW_GEMEENTE, j->threads, &t);
	long long s = 0;
	for (size_t i = 0; i < t.n_gebieden * R_COUNT; i++)
		s += t.cells[i].kort + 3 * t.cells[i].lang;
	telling_free(&t);
	return s;
}

static long long run_signals(job *j)
{
	signal_list l;
	compute_signals(j->ds, j->d, j->threads, NULL, NULL, &l);
	long long s = (long long)l.n;
	for (size_t i = 0; i < l.n; i++)
		s += l.rows[i].s.waarde + l.rows[i].s.kind;
	signal_list_free(&l);
	return s;
}

static long long run_jaartelling(job *j)
{
	jaartelling t;
	j->classified = compute_jaartelling(j->ds, j->schooljaar, VIEW_GEMEENTE, j->threads, &t);
	long long s = 0;
	for (size_t i = 0; i < t.n_gebieden * JR_COUNT; i++)
		s += t.cells[i].totaal + 3 * t.cells[i].lang + 7 * t.cells[i].opgelost;
	jaartelling_free(&t);
	return s;
}

/* Median time of `runs` calls of fn, and the checksum of the last. */
static double median_ms(long long (*fn)(job *), job *j, int runs, long long *sum)
{
	double *ms = calloc((size_t)runs, sizeof *ms);
	if (!ms) {
		fprintf(stderr, "classify_bench: out of memory\n");
		exit(1);
	}
	for (int r = 0; r < runs; r++) {
		double t0 = now_ms();
		*sum = fn(j);
		ms[r] = now_ms() - t0;
	}
	qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
	double median = ms[runs / 2];
	free(ms);
	return median;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: classify_bench DIR PEILDATUM [RUNS [SCHOOLJAAR]]\n");
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
	job j = {ds, d, 0, threads, 0}, j1 = {ds, d, 0, 1, 0};
	double ms_n = median_ms(run_telling, &j, runs, &sum_n);
	double ms_1 = median_ms(run_telling, &j1, runs, &sum_1);
	printf("pupils %zu\nclassify_ms_threads_%d %.1f\nclassify_ms_threads_1 %.1f\n", ds->n_pupils, threads, ms_n,
	       ms_1);
	long long sig_n = 0, sig_1 = 0;
	double sms_n = median_ms(run_signals, &j, runs, &sig_n);
	double sms_1 = median_ms(run_signals, &j1, runs, &sig_1);
	printf("signals_ms_threads_%d %.1f\nsignals_ms_threads_1 %.1f\n", threads, sms_n, sms_1);
	int rc = 0;
	if (sum_n != sum_1 || sig_n != sig_1) {
		fprintf(stderr, "classify_bench: the answer depends on the thread count (%lld vs %lld, %lld vs %lld)\n",
			sum_n, sum_1, sig_n, sig_1);
		rc = 1;
	}
	if (argc > 4) {
		int y = atoi(argv[4]);
		long long jn = 0, jn1 = 0;
		j.schooljaar = j1.schooljaar = y;
		double jms_n = median_ms(run_jaartelling, &j, runs, &jn);
		double jms_1 = median_ms(run_jaartelling, &j1, runs, &jn1);
		size_t classified = j.classified;
		size_t of_age = 0;
		day_t first = schooljaar_first(y), last = schooljaar_last(y);
		for (size_t p = 0; p < ds->n_pupils; p++)
			of_age += ds->ages[p].from <= last && ds->ages[p].to >= first;
		printf("jaartelling_ms_threads_%d %.1f\njaartelling_ms_threads_1 %.1f\n"
		       "jaartelling_classifications %zu\njaartelling_classifications_per_pupil %.2f\n",
		       threads, jms_n, jms_1, classified, of_age ? (double)classified / (double)of_age : 0.0);
		if (jn != jn1) {
			fprintf(stderr, "classify_bench: the jaartelling depends on the thread count (%lld vs %lld)\n",
				jn, jn1);
			rc = 1;
		}
	}
	dataset_free(ds);
	sb_free(&err);
	return rc;
}
