/*
 * pool.h - connections to the registry for the server's threads: one per
 * request thread at a time, handed out and back.
 */
#ifndef INBEELD_APP_POOL_H
#define INBEELD_APP_POOL_H

#include <pthread.h>
#include <stddef.h>

#include "../store/store.h"

typedef struct store_pool {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_mutex_t write_gate; /* the writers' turn (store_share_write_gate) */
	store **items;
	size_t n_open; /* connections opened */
	size_t n_free; /* of those, not handed out: items[0 .. n_free) */
} store_pool;

/* Open n connections to db_path. 0, or -1 with a message (those opened stay
 * open until store_pool_close). */
int store_pool_open(store_pool *p, const char *db_path, size_t n, strbuf *err);
void store_pool_close(store_pool *p);
/* A connection; waits while all are in use. */
store *pool_get(store_pool *p);
void pool_put(store_pool *p, store *st);

#endif
