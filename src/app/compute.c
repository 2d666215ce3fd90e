/*
 * compute.c - classifying every pupil of a dataset on a peildatum, split over
 * threads, and the server's day (today(): the rule of the two clocks is in
 * compute.h).
 */
#include "compute.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../util/alloc.h"

enum { MIN_PER_THREAD = 50000 };

/* The one piece of process state in the app layer: set once at start-up,
 * before any thread runs, by `serve --vandaag` (demonstrations, tests), or
 * before each row by the single-threaded `dossierwerk laden`. Every
 * business date comes from here; recording timestamps never do (the rule is
 * in compute.h). */
static day_t fixed_today = DAY_NONE;

void today_fix(day_t d)
{
	fixed_today = d;
}

day_t today(void)
{
	if (fixed_today != DAY_NONE)
		return fixed_today;
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return day_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}


int pupil_ranges(size_t n, int threads, pupil_range out[MAX_THREADS])
{
	if (threads < 1)
		threads = 1;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	if ((size_t)threads > n / MIN_PER_THREAD)
		threads = n / MIN_PER_THREAD > 0 ? (int)(n / MIN_PER_THREAD) : 1;
	for (int i = 0; i < threads; i++) {
		out[i].from = (uint32_t)(n * (size_t)i / (size_t)threads);
		out[i].to = (uint32_t)(n * (size_t)(i + 1) / (size_t)threads);
	}
	return threads;
}

void run_parallel(void *jobs, size_t job_size, int n, void *(*fn)(void *))
{
	pthread_t tid[MAX_THREADS];
	int started[MAX_THREADS] = {0};
	char *base = jobs;
	for (int i = 1; i < n; i++)
		started[i] = pthread_create(&tid[i], NULL, fn, base + (size_t)i * job_size) == 0;
	fn(base);
	for (int i = 1; i < n; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			fn(base + (size_t)i * job_size);
	}
}

typedef struct job {
	const dataset *ds;
	day_t d;
	pupil_range range;
	telling *t;
} job;

void telling_pupil(telling *t, const dataset *ds, uint32_t p, day_t d, int sign)
{
	if (out_of_age(ds, p, d))
		return;
	classification c;
	classify(ds, p, d, &c);
	if (sign > 0)
		telling_add(t, ds, &c);
	else
		telling_remove(t, ds, &c);
}

static void *telling_worker(void *arg)
{
	job *j = arg;
	classification c;
	for (uint32_t p = j->range.from; p < j->range.to; p++) {
		if (out_of_age(j->ds, p, j->d)) /* telling_pupil, kept inline here: the hot loop */
			continue;
		classify(j->ds, p, j->d, &c);
		telling_add(j->t, j->ds, &c);
	}
	return NULL;
}

void compute_telling(const dataset *ds, day_t d, view v, int threads, telling *out)
{
	job jobs[MAX_THREADS] = {0};
	telling parts[MAX_THREADS];
	pupil_range ranges[MAX_THREADS];
	int n = pupil_ranges(ds->n_pupils, threads, ranges);
	telling_init(out, ds, v);
	for (int i = 0; i < n; i++) {
		jobs[i].ds = ds;
		jobs[i].d = d;
		jobs[i].range = ranges[i];
		if (i == 0) {
			jobs[i].t = out;
		} else {
			telling_init(&parts[i], ds, v);
			jobs[i].t = &parts[i];
		}
	}
	run_parallel(jobs, sizeof jobs[0], n, telling_worker);
	for (int i = 1; i < n; i++) {
		telling_merge(out, &parts[i]);
		telling_free(&parts[i]);
	}
}
