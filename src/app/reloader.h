/*
 * reloader.h - the current snapshot of the registry and the thread that
 * replaces it.
 *
 * After a change to some pupils (snapshot_request_update) the reloader
 * reads those pupils again and swaps in a snapshot that lays them over the
 * current one's base (snapshot_update): a few milliseconds, whatever the
 * size of the registry. Changes that arrive meanwhile are taken together.
 * After an import, a change it cannot lay over the base (a new pupil, a
 * merge, other reference data), or once the changed pupils grow many, the
 * registry is read in full (snapshot_request_reload) on a thread of its
 * own, while the old snapshot keeps serving and further changes keep being
 * laid over it; the pupils changed during the full read are laid over the
 * new base before it is swapped in. At least every ten minutes it wakes,
 * because the calendar moves pupils on even when the data does not. After
 * every swap and wake it runs the hook the server gave it (the case work's
 * sweep, casework.h).
 */
#ifndef INBEELD_APP_RELOADER_H
#define INBEELD_APP_RELOADER_H

#include <pthread.h>
#include <stdbool.h>

#include "pool.h"
#include "snapshot.h"

/* Run after each swap and periodic wake with the current snapshot;
 * first: the first run after start-up; only (n_only of them): the pupils an
 * update changed, NULL when anybody may have (a full read, the wake). */
typedef struct snapshot_hook {
	void (*fn)(void *ctx, snapshot *s, bool first, const char *const *only, size_t n_only);
	void *ctx;
} snapshot_hook;

/* Pupil ids (owned copies). */
typedef struct id_list {
	char **v;
	size_t n, cap;
} id_list;

typedef struct snapshot_holder {
	pthread_mutex_t lock;
	pthread_cond_t cond; /* on the monotonic clock: its wake-up is a duration */
	snapshot *cur;
	bool reload_wanted, stopping, running;
	pthread_t thread;
	store_pool *pool;
	int threads;
	snapshot_hook hook;
	id_list pending; /* changed pupils not yet read */
	/* The batches the changes were told with, ascending, above the current
	 * snapshot's version: a snapshot only claims a version when it holds
	 * every batch up to it (a batch nobody told of - another process's -
	 * is found by reading in full). */
	int64_t *told;
	size_t n_told, cap_told;
	id_list held; /* read, but waiting for a batch not told of yet */
	int waits;    /* rounds waited so */
	/* A full read in progress on its own thread: the pupils changed since
	 * it began (to lay over its result), and its result once there. */
	bool loading, loader_thread;
	pthread_t loader;
	id_list since;
	snapshot *loaded;
	bool load_failed;
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
/* Ask the reloader to read the registry again in full (after an import). */
void snapshot_request_reload(snapshot_holder *h);
/* After a committed change in batch `batch` to the pupils ids (n; a merge
 * names both): ask the reloader to read those again. n 0 asks for a full
 * read. */
void snapshot_request_update(snapshot_holder *h, const char *const *ids, size_t n, int64_t batch);

/* More changed pupils than this since the base was read: read in full. */
enum { SNAPSHOT_FOLD_PUPILS = 20000 };

#endif
