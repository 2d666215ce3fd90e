/*
 * ratelimit.c - the guard in front of logging in. See ratelimit.h. Windows
 * are wall-clock durations (time()), no business dates.
 */
#include "ratelimit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../app/accounts.h"
#include "../util/alloc.h"

enum {
	FAIL_WINDOW = 15 * 60, /* seconds */
	MAX_FAILS = 20,
	MAX_HASHING = 4, /* concurrent Argon2id verifications (64 MiB each) */
};

struct rate_entry {
	char key[96];
	time_t fails[MAX_FAILS];
	int n;
	time_t locked_until;
	int pending; /* tries let through whose password is being checked */
};

int login_guard_init(login_guard *g)
{
	*g = (login_guard){0};
	pthread_mutex_init(&g->lock, NULL);
	sem_init(&g->hashing, 0, MAX_HASHING);
	return password_dummy_hash(g->dummy_hash);
}

void login_guard_free(login_guard *g)
{
	free(g->rates);
	sem_destroy(&g->hashing);
	pthread_mutex_destroy(&g->lock);
	*g = (login_guard){0};
}

bool login_verify(login_guard *g, const char *stored_hash, const char *password)
{
	sem_wait(&g->hashing);
	/* The same work whether or not the account exists. */
	bool ok = password_verify(stored_hash ? stored_hash : g->dummy_hash, password) && stored_hash;
	sem_post(&g->hashing);
	return ok;
}

static rate_entry *rate_find(login_guard *g, const char *key, bool create)
{
	time_t now = time(NULL);
	for (size_t i = 0; i < g->n_rates; i++)
		if (strcmp(g->rates[i].key, key) == 0)
			return &g->rates[i];
	if (!create)
		return NULL;
	/* Reuse an entry that has nothing recent in it. */
	for (size_t i = 0; i < g->n_rates; i++) {
		rate_entry *e = &g->rates[i];
		if (!e->pending && e->locked_until < now && (!e->n || now - e->fails[e->n - 1] > FAIL_WINDOW)) {
			memset(e, 0, sizeof *e);
			snprintf(e->key, sizeof e->key, "%s", key);
			return e;
		}
	}
	g->rates = xgrow(g->rates, &g->cap_rates, g->n_rates + 1, sizeof *g->rates);
	rate_entry *e = &g->rates[g->n_rates++];
	memset(e, 0, sizeof *e);
	snprintf(e->key, sizeof e->key, "%s", key);
	return e;
}

/* The failures of e inside the window, the older ones dropped. */
static void rate_prune(rate_entry *e, time_t now)
{
	int k = 0;
	for (int i = 0; i < e->n; i++)
		if (now - e->fails[i] <= FAIL_WINDOW)
			e->fails[k++] = e->fails[i];
	e->n = k;
}

long rate_begin(login_guard *g, const char *key, int limit)
{
	pthread_mutex_lock(&g->lock);
	rate_entry *e = rate_find(g, key, true);
	time_t now = time(NULL);
	rate_prune(e, now);
	long wait = 0;
	if (e->locked_until > now)
		wait = (long)(e->locked_until - now);
	else if (e->n + e->pending >= limit)
		wait = 1; /* the tries under way decide; a second will tell */
	else
		e->pending++;
	pthread_mutex_unlock(&g->lock);
	return wait;
}

void rate_end(login_guard *g, const char *key, int limit, rate_outcome how)
{
	pthread_mutex_lock(&g->lock);
	rate_entry *e = rate_find(g, key, true);
	time_t now = time(NULL);
	if (e->pending > 0)
		e->pending--;
	if (how == RATE_PASSED) {
		memset(e->fails, 0, sizeof e->fails);
		e->n = 0;
		e->locked_until = 0;
	} else if (how == RATE_FAILED) {
		rate_prune(e, now);
		if (e->n == MAX_FAILS) {
			memmove(e->fails, e->fails + 1, (MAX_FAILS - 1) * sizeof *e->fails);
			e->n--;
		}
		e->fails[e->n++] = now;
		if (e->n >= limit)
			e->locked_until = now + FAIL_WINDOW;
	}
	pthread_mutex_unlock(&g->lock);
}
