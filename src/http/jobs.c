/*
 * jobs.c - background jobs. See jobs.h. Their moments (gestart, klaar) are
 * wall-clock recording times (compute.h).
 */
#include "jobs.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "../store/store.h"
#include "../util/alloc.h"

struct job {
	job_table *table;
	int64_t id;
	char user[72];
	char status[16]; /* bezig, klaar, afgekeurd, mislukt */
	char phase[64];
	uint64_t rows;
	char *message;
	json_t *warnings, *result;
	char started[20], finished[20];
	pthread_t thread;
	bool joinable;
	job_fn fn;
	void *arg;
};

void jobs_init(job_table *t)
{
	*t = (job_table){0};
	pthread_mutex_init(&t->lock, NULL);
}

static void *run(void *arg)
{
	job *j = arg;
	j->fn(j, j->arg);
	return NULL;
}

int64_t jobs_start(job_table *t, const char *user, job_fn fn, void (*not_started)(void *arg), void *arg)
{
	job *j = xcalloc(1, sizeof *j);
	*j = (job){.table = t, .fn = fn, .arg = arg};
	snprintf(j->user, sizeof j->user, "%s", user);
	snprintf(j->status, sizeof j->status, "bezig");
	snprintf(j->phase, sizeof j->phase, "wachten");
	store_now(j->started);
	pthread_mutex_lock(&t->lock);
	t->items = xgrow(t->items, &t->cap, t->n + 1, sizeof *t->items);
	t->items[t->n++] = j;
	j->id = (int64_t)t->n;
	j->joinable = pthread_create(&j->thread, NULL, run, j) == 0;
	if (!j->joinable) {
		snprintf(j->status, sizeof j->status, "mislukt");
		j->message = xstrdup("de taak kon niet worden gestart");
		not_started(arg);
	}
	int64_t id = j->id;
	pthread_mutex_unlock(&t->lock);
	return id;
}

const char *job_user(const job *j)
{
	return j->user;
}

void job_progress(job *j, const char *phase, uint64_t rows)
{
	pthread_mutex_lock(&j->table->lock);
	snprintf(j->phase, sizeof j->phase, "%s", phase);
	j->rows = rows;
	pthread_mutex_unlock(&j->table->lock);
}

void job_phase(job *j, const char *phase)
{
	pthread_mutex_lock(&j->table->lock);
	snprintf(j->phase, sizeof j->phase, "%s", phase);
	pthread_mutex_unlock(&j->table->lock);
}

void job_done(job *j, const char *status, char *message, json_t *warnings, json_t *result)
{
	pthread_mutex_lock(&j->table->lock);
	snprintf(j->status, sizeof j->status, "%s", status);
	snprintf(j->phase, sizeof j->phase, "gereed");
	j->message = message;
	j->warnings = warnings;
	j->result = result;
	store_now(j->finished);
	pthread_mutex_unlock(&j->table->lock);
}

bool jobs_describe(job_table *t, int64_t id, json_t **out)
{
	pthread_mutex_lock(&t->lock);
	job *j = id >= 1 && (size_t)id <= t->n ? t->items[id - 1] : NULL;
	*out = NULL;
	if (j) {
		*out = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s*, s:s*, s:o}", "taak", (json_int_t)j->id, "status", j->status,
				"fase", j->phase, "regels", (json_int_t)j->rows, "gestart", j->started, "klaar",
				j->finished[0] ? j->finished : NULL, "bericht", j->message, "waarschuwingen",
				j->warnings ? json_copy(j->warnings) : json_array());
		if (*out && j->result && json_object_set_new(*out, "resultaat", json_copy(j->result)) != 0) {
			json_decref(*out);
			*out = NULL;
		}
	}
	pthread_mutex_unlock(&t->lock);
	return j != NULL;
}

void jobs_finish(job_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		if (t->items[i]->joinable)
			pthread_join(t->items[i]->thread, NULL);
		free(t->items[i]->message);
		json_decref(t->items[i]->warnings);
		json_decref(t->items[i]->result);
		free(t->items[i]);
	}
	free(t->items);
	t->items = NULL;
	t->n = 0;
	pthread_mutex_destroy(&t->lock);
}
