/*
 * pool.c - the server's connections to the registry. See pool.h.
 */
#include "pool.h"

#include <stdlib.h>

#include "../util/alloc.h"

int store_pool_open(store_pool *p, const char *db_path, size_t n, strbuf *err)
{
	*p = (store_pool){0};
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	pthread_mutex_init(&p->write_gate, NULL);
	p->items = xcalloc(n ? n : 1, sizeof *p->items);
	for (size_t i = 0; i < n; i++) {
		if (store_open(db_path, &p->items[i], err) != 0)
			return -1;
		store_share_write_gate(p->items[i], &p->write_gate);
		p->n_open++;
		p->n_free++;
	}
	return 0;
}

void store_pool_close(store_pool *p)
{
	for (size_t i = 0; i < p->n_free; i++)
		store_close(p->items[i]);
	free(p->items);
	pthread_cond_destroy(&p->cond);
	pthread_mutex_destroy(&p->write_gate);
	pthread_mutex_destroy(&p->lock);
	*p = (store_pool){0};
}

store *pool_get(store_pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (!p->n_free)
		pthread_cond_wait(&p->cond, &p->lock);
	store *st = p->items[--p->n_free];
	pthread_mutex_unlock(&p->lock);
	return st;
}

void pool_put(store_pool *p, store *st)
{
	pthread_mutex_lock(&p->lock);
	p->items[p->n_free++] = st;
	pthread_cond_signal(&p->cond);
	pthread_mutex_unlock(&p->lock);
}
