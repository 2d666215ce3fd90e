/*
 * jobs.h - background jobs (a dataset upload): each runs on its own thread,
 * reports its phase and progress, and ends with a status, a message, its
 * warnings and a result, which GET /api/datasets/{job} describes. At a
 * graceful stop the server waits for running jobs (jobs_finish).
 */
#ifndef INBEELD_HTTP_JOBS_H
#define INBEELD_HTTP_JOBS_H

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct job job;

typedef struct job_table {
	pthread_mutex_t lock;
	job **items; /* job n is items[n - 1] */
	size_t n, cap;
} job_table;

/* What a job does, on its own thread: fn(j, arg). */
typedef void (*job_fn)(job *j, void *arg);

void jobs_init(job_table *t);
/* Start a job for user (status "bezig", phase "wachten"); returns its number
 * (from 1). When its thread cannot start the job fails at once and
 * not_started(arg) cleans up instead. */
int64_t jobs_start(job_table *t, const char *user, job_fn fn, void (*not_started)(void *arg), void *arg);
/* The user a job runs for. */
const char *job_user(const job *j);
/* Where the job is: a phase in words and the rows read so far. */
void job_progress(job *j, const char *phase, uint64_t rows);
/* A new phase; the rows read stay as they were. */
void job_phase(job *j, const char *phase);
/* The end: status ("klaar", "afgekeurd", "mislukt"), a message (NULL: none),
 * the warnings (an array) and the result (NULL: none); takes all three. */
void job_done(job *j, const char *status, char *message, json_t *warnings, json_t *result);
/* Whether job id is known; *out gets it as JSON - taak, status, fase,
 * regels, gestart, klaar, bericht, waarschuwingen, and resultaat when there
 * is one - or NULL when that could not be built. */
bool jobs_describe(job_table *t, int64_t id, json_t **out);
/* Wait for every job, and forget them. */
void jobs_finish(job_table *t);

#endif
