/*
 * grants.c - break-glass grants. See grants.h.
 */
#include "grants.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/alloc.h"

struct grant {
	int64_t user;
	char pupil_id[72];
	char reason[GRANT_REASON];
	time_t until;
};

void grants_init(grant_table *t)
{
	*t = (grant_table){0};
	pthread_mutex_init(&t->lock, NULL);
}

void grants_free(grant_table *t)
{
	free(t->items);
	pthread_mutex_destroy(&t->lock);
	*t = (grant_table){0};
}

bool grant_active(grant_table *t, int64_t user_id, const char *pupil_id)
{
	time_t now = time(NULL);
	bool yes = false;
	pthread_mutex_lock(&t->lock);
	for (size_t i = 0; i < t->n && !yes; i++)
		yes = t->items[i].user == user_id && t->items[i].until > now &&
		      (!pupil_id || strcmp(t->items[i].pupil_id, pupil_id) == 0);
	pthread_mutex_unlock(&t->lock);
	return yes;
}

void grant_add(grant_table *t, int64_t user_id, const char *pupil_id, const char *reason, long seconds)
{
	time_t now = time(NULL);
	pthread_mutex_lock(&t->lock);
	size_t k = 0;
	for (size_t i = 0; i < t->n; i++) /* drop expired grants */
		if (t->items[i].until > now)
			t->items[k++] = t->items[i];
	t->n = k;
	t->items = xgrow(t->items, &t->cap, t->n + 1, sizeof *t->items);
	struct grant *g = &t->items[t->n++];
	g->user = user_id;
	snprintf(g->pupil_id, sizeof g->pupil_id, "%s", pupil_id);
	snprintf(g->reason, sizeof g->reason, "%s", reason ? reason : "");
	g->until = now + (seconds ? seconds : GRANT_SECONDS);
	pthread_mutex_unlock(&t->lock);
}

size_t grants_list(grant_table *t, int64_t user_id, char (*ids)[72], size_t max)
{
	time_t now = time(NULL);
	size_t n = 0;
	pthread_mutex_lock(&t->lock);
	for (size_t i = 0; i < t->n && n < max; i++)
		if (t->items[i].user == user_id && t->items[i].until > now)
			snprintf(ids[n++], 72, "%s", t->items[i].pupil_id);
	pthread_mutex_unlock(&t->lock);
	return n;
}

size_t grants_describe(grant_table *t, int64_t user_id, grant_info *out, size_t max)
{
	time_t now = time(NULL);
	size_t n = 0;
	pthread_mutex_lock(&t->lock);
	for (size_t i = 0; i < t->n && n < max; i++)
		if (t->items[i].user == user_id && t->items[i].until > now) {
			snprintf(out[n].pupil_id, sizeof out[n].pupil_id, "%s", t->items[i].pupil_id);
			snprintf(out[n].reason, sizeof out[n].reason, "%s", t->items[i].reason);
			out[n++].until = (int64_t)t->items[i].until;
		}
	pthread_mutex_unlock(&t->lock);
	return n;
}
