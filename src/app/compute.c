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

enum { MAX_THREADS = 16, MIN_PER_THREAD = 50000 };

/* The one piece of process state in the app layer: set once at start-up,
 * before any thread runs, by `serve --vandaag` (demonstrations, tests). Every
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

typedef struct job {
	const dataset *ds;
	day_t d;
	uint32_t from, to;
	/* status */
	int (*keep)(void *, const dataset *, uint32_t, const classification *);
	void *ctx;
	status_list list;
	/* telling */
	telling *t;
} job;

/* Out of scope by age on d, whatever else is true (SPEC 4 rule 1): such a
 * pupil is in no list and no count, so the scans skip it unclassified. */
static bool out_of_age(const dataset *ds, uint32_t p, day_t d)
{
	return d < ds->ages[p].from || d > ds->ages[p].to; /* 8 bytes a pupil, not a pupil struct */
}

static void *status_worker(void *arg)
{
	job *j = arg;
	classification c;
	for (uint32_t p = j->from; p < j->to; p++) {
		if (out_of_age(j->ds, p, j->d))
			continue;
		classify(j->ds, p, j->d, &c);
		if (!c.in_scope || c.cat == CAT_GEEN)
			continue;
		if (j->keep && !j->keep(j->ctx, j->ds, p, &c))
			continue;
		j->list.rows = xgrow(j->list.rows, &j->list.cap, j->list.n + 1, sizeof *j->list.rows);
		j->list.rows[j->list.n++] = (status_entry){p, c};
	}
	return NULL;
}

static void *telling_worker(void *arg)
{
	job *j = arg;
	classification c;
	for (uint32_t p = j->from; p < j->to; p++) {
		if (out_of_age(j->ds, p, j->d))
			continue;
		classify(j->ds, p, j->d, &c);
		telling_add(j->t, j->ds, &c);
	}
	return NULL;
}

static int split(const dataset *ds, int threads, job *jobs)
{
	size_t n = ds->n_pupils;
	if (threads < 1)
		threads = 1;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	if ((size_t)threads > n / MIN_PER_THREAD)
		threads = n / MIN_PER_THREAD > 0 ? (int)(n / MIN_PER_THREAD) : 1;
	for (int i = 0; i < threads; i++) {
		jobs[i].from = (uint32_t)(n * (size_t)i / (size_t)threads);
		jobs[i].to = (uint32_t)(n * (size_t)(i + 1) / (size_t)threads);
	}
	return threads;
}

/* Run fn over the jobs; the first runs on the calling thread. If a thread
 * cannot be created its job runs here too, so the answer never depends on it. */
static void run_jobs(job *jobs, int n, void *(*fn)(void *))
{
	pthread_t tid[MAX_THREADS];
	int started[MAX_THREADS] = {0};
	for (int i = 1; i < n; i++)
		started[i] = pthread_create(&tid[i], NULL, fn, &jobs[i]) == 0;
	fn(&jobs[0]);
	for (int i = 1; i < n; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			fn(&jobs[i]);
	}
}

void compute_status(const dataset *ds, day_t d, int threads,
		    int (*keep)(void *, const dataset *, uint32_t, const classification *), void *ctx,
		    status_list *out)
{
	job jobs[MAX_THREADS] = {0};
	int n = split(ds, threads, jobs);
	for (int i = 0; i < n; i++) {
		jobs[i].ds = ds;
		jobs[i].d = d;
		jobs[i].keep = keep;
		jobs[i].ctx = ctx;
	}
	run_jobs(jobs, n, status_worker);
	*out = jobs[0].list;
	for (int i = 1; i < n; i++) {
		out->rows = xgrow(out->rows, &out->cap, out->n + jobs[i].list.n, sizeof *out->rows);
		for (size_t k = 0; k < jobs[i].list.n; k++)
			out->rows[out->n++] = jobs[i].list.rows[k];
		free(jobs[i].list.rows);
	}
}

void status_list_free(status_list *l)
{
	free(l->rows);
	l->rows = NULL;
	l->n = l->cap = 0;
}

void compute_telling(const dataset *ds, day_t d, view v, int threads, telling *out)
{
	job jobs[MAX_THREADS] = {0};
	telling parts[MAX_THREADS];
	int n = split(ds, threads, jobs);
	telling_init(out, ds, v);
	for (int i = 0; i < n; i++) {
		jobs[i].ds = ds;
		jobs[i].d = d;
		if (i == 0) {
			jobs[i].t = out;
		} else {
			telling_init(&parts[i], ds, v);
			jobs[i].t = &parts[i];
		}
	}
	run_jobs(jobs, n, telling_worker);
	for (int i = 1; i < n; i++) {
		telling_merge(out, &parts[i]);
		telling_free(&parts[i]);
	}
}
