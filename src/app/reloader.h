/*
 * reloader.h - the current snapshot of the registry and the thread that
 * replaces it: after a change (snapshot_request_reload) it reads the
 * registry again and swaps the new snapshot in, and at least every ten
 * minutes it wakes, because the calendar moves pupils on even when the data
 * does not. After every load and wake it runs the hook the server gave it
 * (the case work's sweep, casework.h).
 */
#ifndef INBEELD_APP_RELOADER_H
#define INBEELD_APP_RELOADER_H

#include <pthread.h>
#include <stdbool.h>

#include "pool.h"
#include "snapshot.h"

/* Run after each (re)load and periodic wake with the current snapshot;
 * first: the first run after start-up. */
typedef struct snapshot_hook {
	void (*fn)(void *ctx, snapshot *s, bool first);
	void *ctx;
} snapshot_hook;

typedef struct snapshot_holder {
	pthread_mutex_t lock;
	pthread_cond_t cond; /* on the monotonic clock: its wake-up is a duration */
	snapshot *cur;
	bool reload_wanted, stopping, running;
	pthread_t thread;
	store_pool *pool;
	int threads;
	snapshot_hook hook;
} snapshot_holder;

/* Read the first snapshot through a connection of pool. 0, or -1 with a
 * message. */
int snapshot_holder_init(snapshot_holder *h, store_pool *pool, int threads, strbuf *err);
/* Start the reloader thread with its hook. */
void snapshot_holder_start(snapshot_holder *h, snapshot_hook hook);
/* Stop the thread (when started) and wait for it. */
void snapshot_holder_stop(snapshot_holder *h);
void snapshot_holder_free(snapshot_holder *h);

/* The current snapshot, with a reference for the caller (snapshot_release). */
snapshot *snapshot_acquire(snapshot_holder *h);
/* Ask the reloader to read the registry again (after a change). */
void snapshot_request_reload(snapshot_holder *h);

#endif
