/*
 * reloader.c - the current snapshot and its reloader thread. See reloader.h.
 */
#include "reloader.h"

#include <errno.h>
#include <stdio.h>
#include <time.h>

enum { SWEEP_SECONDS = 600 }; /* wake at least this often: the calendar moves on */

int snapshot_holder_init(snapshot_holder *h, store_pool *pool, int threads, strbuf *err)
{
	*h = (snapshot_holder){.pool = pool, .threads = threads};
	pthread_mutex_init(&h->lock, NULL);
	/* The reloader's periodic wake-up is a duration: the monotonic clock, which
	 * no change of the wall clock moves. */
	pthread_condattr_t mono;
	pthread_condattr_init(&mono);
	pthread_condattr_setclock(&mono, CLOCK_MONOTONIC);
	pthread_cond_init(&h->cond, &mono);
	pthread_condattr_destroy(&mono);
	store *st = pool_get(pool);
	h->cur = snapshot_load(st, threads, err);
	pool_put(pool, st);
	return h->cur ? 0 : -1;
}

snapshot *snapshot_acquire(snapshot_holder *h)
{
	pthread_mutex_lock(&h->lock);
	snapshot *s = snapshot_ref(h->cur);
	pthread_mutex_unlock(&h->lock);
	return s;
}

void snapshot_request_reload(snapshot_holder *h)
{
	pthread_mutex_lock(&h->lock);
	h->reload_wanted = true;
	pthread_cond_signal(&h->cond);
	pthread_mutex_unlock(&h->lock);
}

static void run_hook(snapshot_holder *h, snapshot *s, bool first)
{
	if (h->hook.fn)
		h->hook.fn(h->hook.ctx, s, first);
}

static void *reloader(void *arg)
{
	snapshot_holder *h = arg;
	snapshot *first = snapshot_acquire(h);
	run_hook(h, first, true);
	snapshot_release(first);
	pthread_mutex_lock(&h->lock);
	for (;;) {
		/* Wake for a reload, or when the calendar may have moved a pupil on. */
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until); /* cond waits on this clock */
		until.tv_sec += SWEEP_SECONDS;
		bool timed_out = false;
		while (!h->reload_wanted && !h->stopping && !timed_out)
			timed_out = pthread_cond_timedwait(&h->cond, &h->lock, &until) == ETIMEDOUT;
		if (h->stopping)
			break;
		bool reload = h->reload_wanted;
		h->reload_wanted = false;
		snapshot *cur = snapshot_ref(h->cur);
		pthread_mutex_unlock(&h->lock);
		snapshot *fresh = NULL;
		if (reload) {
			store *st = pool_get(h->pool);
			strbuf err = STRBUF_INIT;
			fresh = snapshot_load(st, h->threads, &err);
			pool_put(h->pool, st);
			if (!fresh)
				fprintf(stderr, "inbeeld: registratie opnieuw inlezen mislukt: %s\n", sb_str(&err));
			sb_free(&err);
		}
		if (fresh) {
			pthread_mutex_lock(&h->lock);
			snapshot *old = h->cur;
			h->cur = snapshot_ref(fresh);
			pthread_mutex_unlock(&h->lock);
			snapshot_release(old);
			snapshot_release(cur);
			cur = fresh;
		}
		run_hook(h, cur, false);
		snapshot_release(cur);
		pthread_mutex_lock(&h->lock);
	}
	pthread_mutex_unlock(&h->lock);
	return NULL;
}

void snapshot_holder_start(snapshot_holder *h, snapshot_hook hook)
{
	h->hook = hook;
	h->running = pthread_create(&h->thread, NULL, reloader, h) == 0;
	if (!h->running)
		fprintf(stderr, "inbeeld: de herlaadtaak kon niet worden gestart\n");
}

void snapshot_holder_stop(snapshot_holder *h)
{
	pthread_mutex_lock(&h->lock);
	h->stopping = true;
	pthread_cond_broadcast(&h->cond);
	pthread_mutex_unlock(&h->lock);
	if (h->running)
		pthread_join(h->thread, NULL);
	h->running = false;
}

void snapshot_holder_free(snapshot_holder *h)
{
	if (h->cur)
		snapshot_release(h->cur);
	h->cur = NULL;
	pthread_cond_destroy(&h->cond);
	pthread_mutex_destroy(&h->lock);
}
