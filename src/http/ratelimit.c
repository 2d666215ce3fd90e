/*
 * ratelimit.c - the guard in front of logging in. See ratelimit.h. The
 * state of each key is the registry's (store_login_limit, migration 14), so
 * that the server processes on one registry count the same failures; the
 * windows and counts are worked out here, from this server's clock
 * (time(): wall-clock durations, no business dates).
 */
#include "ratelimit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../app/accounts.h"

enum {
	FAIL_WINDOW = 15 * 60, /* seconds */
	MAX_FAILS = LOGIN_LIMIT_FAILS,
	MAX_HASHING = 4,     /* concurrent Argon2id verifications (64 MiB each) */
	PENDING_STALE = 120, /* a try under way this long was never ended: its process stopped */
	PRUNE_SECONDS = 60,  /* remove the registry's stale rows at most this often */
};

int login_guard_init(login_guard *g, store_pool *pool)
{
	*g = (login_guard){.pool = pool};
	pthread_mutex_init(&g->lock, NULL);
	sem_init(&g->hashing, 0, MAX_HASHING);
	return password_dummy_hash(g->dummy_hash);
}

void login_guard_free(login_guard *g)
{
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

/* The failures of l inside the window, the older ones dropped; a lock that
 * ended and tries under way that were never ended forgotten. */
static void rate_prune(login_limit *l, time_t now)
{
	int k = 0;
	for (int i = 0; i < l->n; i++)
		if (now - l->fails[i] <= FAIL_WINDOW)
			l->fails[k++] = l->fails[i];
	l->n = k;
	if (l->locked_until <= now)
		l->locked_until = 0;
	if (l->pending && now - l->pending_since > PENDING_STALE)
		l->pending = 0;
}

typedef struct rate_step {
	time_t now;
	int limit;
	rate_outcome how; /* rate_end's */
	long wait;	  /* rate_begin's answer */
} rate_step;

static void begin_change(void *ctx, login_limit *l)
{
	rate_step *s = ctx;
	rate_prune(l, s->now);
	if (l->locked_until > s->now) {
		s->wait = (long)(l->locked_until - s->now);
	} else if (l->n + l->pending >= s->limit) {
		s->wait = 1; /* the tries under way decide; a second will tell */
	} else {
		l->pending++;
		l->pending_since = s->now;
	}
}

static void end_change(void *ctx, login_limit *l)
{
	rate_step *s = ctx;
	if (l->pending > 0)
		l->pending--;
	if (s->how == RATE_PASSED) {
		l->n = 0;
		l->locked_until = 0;
	} else if (s->how == RATE_FAILED) {
		rate_prune(l, s->now);
		if (l->n == MAX_FAILS) {
			memmove(l->fails, l->fails + 1, (MAX_FAILS - 1) * sizeof *l->fails);
			l->n--;
		}
		l->fails[l->n++] = s->now;
		if (l->n >= s->limit)
			l->locked_until = s->now + FAIL_WINDOW;
	}
}

/* Apply change to key's state in the registry: 0, or -1 (said on stderr). */
static int rate_apply(login_guard *g, const char *key, void (*change)(void *, login_limit *), rate_step *s)
{
	/* The registry keeps the key's SHA-256: no account name or address. */
	char hash[65];
	sha256_hex(key, hash);
	pthread_mutex_lock(&g->lock);
	bool prune = s->now - g->pruned >= PRUNE_SECONDS;
	if (prune)
		g->pruned = s->now;
	pthread_mutex_unlock(&g->lock);
	store *st = pool_get(g->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_login_limit(st, hash, change, s, (int64_t)s->now, &err);
	if (rc)
		fprintf(stderr, "inbeeld: inlogpogingen: %s\n", sb_str(&err));
	sb_reset(&err);
	/* A key untouched for the window holds nothing that still counts. */
	if (prune && store_login_limit_prune(st, (int64_t)s->now - FAIL_WINDOW, &err))
		fprintf(stderr, "inbeeld: inlogpogingen opruimen: %s\n", sb_str(&err));
	pool_put(g->pool, st);
	sb_free(&err);
	return rc;
}

long rate_begin(login_guard *g, const char *key, int limit)
{
	rate_step s = {.now = time(NULL), .limit = limit};
	return rate_apply(g, key, begin_change, &s) ? RATE_UNREACHABLE : s.wait;
}

void rate_end(login_guard *g, const char *key, int limit, rate_outcome how)
{
	rate_step s = {.now = time(NULL), .limit = limit, .how = how};
	(void)rate_apply(g, key, end_change, &s); /* said; the try's count then waits out PENDING_STALE */
}
