/*
 * ratelimit.h - the guard in front of logging in: failed logins are limited
 * per account and per address (429 with Retry-After), and at most a few
 * Argon2id verifications (64 MiB each) run at a time, with the same work
 * whether or not the account exists. The counts are kept in the registry
 * (store_login_limit), so that they hold across every server process on
 * it; the verifications at a time are each process's.
 */
#ifndef INBEELD_HTTP_RATELIMIT_H
#define INBEELD_HTTP_RATELIMIT_H

#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "../app/pool.h"

enum {
	FAILS_PER_ACCOUNT = 5,
	FAILS_PER_ADDRESS = 20,
};

typedef struct login_guard {
	pthread_mutex_t lock; /* over pruned */
	store_pool *pool;     /* the registry, which keeps the counts */
	time_t pruned;	      /* when its stale rows were last removed */
	sem_t hashing;	    /* Argon2id verifications that may run at once */
	char dummy_hash[128]; /* verified against when the account does not exist */
} login_guard;

/* 0, or -1 when libsodium cannot make the dummy hash. */
int login_guard_init(login_guard *g, store_pool *pool);
void login_guard_free(login_guard *g);
/* Let a try of key ("g:name", "a:address") through: 0, and the try is
 * counted as under way until rate_end; or the seconds to wait (nothing
 * counted) when the key is locked, or when its failures and the tries under
 * way reach `limit` - so that tries in parallel never get more password
 * checks than the limit; or RATE_UNREACHABLE when the registry could not
 * be asked (said on stderr; nothing counted). */
enum { RATE_UNREACHABLE = -1 };
long rate_begin(login_guard *g, const char *key, int limit);
/* How a try let through ended: failed (locked for the window after `limit`
 * failures), passed (the key's failures are cleared), or done (neither: the
 * other key's try was refused, or a success that keeps the count). */
typedef enum rate_outcome { RATE_FAILED, RATE_PASSED, RATE_DONE } rate_outcome;
void rate_end(login_guard *g, const char *key, int limit, rate_outcome how);
/* Whether password matches stored_hash (NULL: no such account, which never
 * matches but costs the same). */
bool login_verify(login_guard *g, const char *stored_hash, const char *password);

#endif
