/*
 * reloader.c - the current snapshot and its reloader thread. See reloader.h.
 */
#include "reloader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../store/store_delta.h"
#include "../util/alloc.h"
#include "../util/monotonic.h"

enum {
	SWEEP_SECONDS = 600, /* wake at least this often: the calendar moves on */
	WAIT_MS = 20,	     /* for a batch not told of yet: its change is on its way */
	WAIT_ROUNDS = 25,    /* then it is another process's: read in full */
};

static void ids_add(id_list *l, const char *id)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = xstrdup(id);
}

static void ids_free(id_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	*l = (id_list){0};
}

int snapshot_holder_init(snapshot_holder *h, store_pool *pool, int threads, strbuf *err)
{
	*h = (snapshot_holder){.pool = pool, .threads = threads};
	pthread_mutex_init(&h->lock, NULL);
	/* The reloader's periodic wake-up is a duration: the monotonic clock, which
	 * no change of the wall clock moves. */
	cond_init_monotonic(&h->cond);
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

void snapshot_request_update(snapshot_holder *h, const char *const *ids, size_t n, int64_t batch)
{
	pthread_mutex_lock(&h->lock);
	if (!n || batch <= 0)
		h->reload_wanted = true;
	for (size_t i = 0; i < n; i++)
		ids_add(&h->pending, ids[i]);
	if (batch > 0) { /* kept ascending: batches commit in order, told almost so */
		h->told = xgrow(h->told, &h->cap_told, h->n_told + 1, sizeof *h->told);
		size_t i = h->n_told;
		while (i > 0 && h->told[i - 1] > batch)
			i--;
		if (i == 0 || h->told[i - 1] != batch) {
			memmove(h->told + i + 1, h->told + i, (h->n_told - i) * sizeof *h->told);
			h->told[i] = batch;
			h->n_told++;
		}
	}
	pthread_cond_signal(&h->cond);
	pthread_mutex_unlock(&h->lock);
}

static void run_hook(snapshot_holder *h, snapshot *s, bool first, const id_list *only)
{
	if (h->hook.fn)
		h->hook.fn(h->hook.ctx, s, first, only ? (const char *const *)only->v : NULL, only ? only->n : 0);
}

/* Make fresh current (the holder takes the caller's reference) and forget
 * the batches it holds. Under the lock. */
static void swap_locked(snapshot_holder *h, snapshot *fresh, snapshot **old)
{
	*old = h->cur;
	h->cur = fresh;
	size_t keep = 0;
	for (size_t i = 0; i < h->n_told; i++)
		if (h->told[i] > fresh->version)
			h->told[keep++] = h->told[i];
	h->n_told = keep;
}

static void swap(snapshot_holder *h, snapshot *fresh)
{
	snapshot *old;
	pthread_mutex_lock(&h->lock);
	swap_locked(h, fresh, &old);
	pthread_mutex_unlock(&h->lock);
	snapshot_release(old);
}

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* A full read, on its own thread: the old snapshot serves meanwhile. */
static void *full_loader(void *arg)
{
	snapshot_holder *h = arg;
	store *st = pool_get(h->pool);
	strbuf err = STRBUF_INIT;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	snapshot *fresh = snapshot_load(st, h->threads, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	pool_put(h->pool, st);
	if (!fresh)
		fprintf(stderr, "inbeeld: registratie opnieuw inlezen mislukt: %s\n", sb_str(&err));
	else
		fprintf(stderr, "inbeeld: registratie volledig opnieuw ingelezen (versie %lld) in %.1f s\n",
			(long long)fresh->version, seconds_between(&t0, &t1));
	sb_free(&err);
	pthread_mutex_lock(&h->lock);
	h->loaded = fresh;
	h->load_failed = !fresh;
	pthread_cond_signal(&h->cond);
	pthread_mutex_unlock(&h->lock);
	return NULL;
}

/* Whether every batch after `after` up to `upto` was told of. */
static bool all_told(snapshot_holder *h, store *st, int64_t after, int64_t upto)
{
	int64_t count = 0;
	strbuf err = STRBUF_INIT;
	int rc = store_batches_between(st, after, upto, &count, &err);
	sb_free(&err);
	if (rc)
		return false;
	int64_t told = 0;
	pthread_mutex_lock(&h->lock);
	for (size_t i = 0; i < h->n_told; i++)
		told += h->told[i] > after && h->told[i] <= upto;
	pthread_mutex_unlock(&h->lock);
	return told == count;
}

typedef enum { UPDATED, RETRY, NEEDS_FULL } update_result;

/* Lay the pupils ids over cur and swap the result in, when it holds every
 * batch it claims. */
static update_result update_onto(snapshot_holder *h, snapshot *cur, const id_list *ids)
{
	store *st = pool_get(h->pool);
	strbuf err = STRBUF_INIT;
	struct timespec t0, t1, c0, c1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	snapshot *fresh = snapshot_update(cur, st, (const char *const *)ids->v, ids->n, &err);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	update_result r = UPDATED;
	if (!fresh) {
		fprintf(stderr, "inbeeld: registratie wordt volledig ingelezen: %s\n", sb_str(&err));
		r = NEEDS_FULL;
	} else if (!all_told(h, st, cur->version, fresh->version)) {
		snapshot_release(fresh);
		r = RETRY;
	}
	pool_put(h->pool, st);
	sb_free(&err);
	if (r == UPDATED) {
		/* Which version serves, and how it came: one line an update (the
		 * CPU time next to the wall time: on a busy machine they differ). */
		fprintf(stderr,
			"inbeeld: registratie versie %lld bijgewerkt: %zu leerling(en) opnieuw gelezen in %.1f ms (CPU %.1f ms)\n",
			(long long)fresh->version, ids->n, seconds_between(&t0, &t1) * 1e3, seconds_between(&c0, &c1) * 1e3);
		bool fold = snapshot_changed(fresh) > SNAPSHOT_FOLD_PUPILS;
		swap(h, fresh);
		if (fold)
			r = NEEDS_FULL;
	}
	return r;
}

static void ids_move(id_list *into, id_list *from)
{
	for (size_t i = 0; i < from->n; i++) {
		into->v = xgrow(into->v, &into->cap, into->n + 1, sizeof *into->v);
		into->v[into->n++] = from->v[i];
	}
	free(from->v);
	*from = (id_list){0};
}

static void *reloader(void *arg)
{
	snapshot_holder *h = arg;
	snapshot *first = snapshot_acquire(h);
	run_hook(h, first, true, NULL);
	snapshot_release(first);
	pthread_mutex_lock(&h->lock);
	for (;;) {
		/* Wake for a change, a finished full read, or when the calendar may
		 * have moved a pupil on; soon when waiting for a batch. */
		struct timespec until = monotonic_after_ms(h->held.n ? WAIT_MS : SWEEP_SECONDS * 1000L);
		bool timed_out = false;
		while (!h->reload_wanted && !h->pending.n && !(h->loading && (h->loaded || h->load_failed)) &&
		       !h->stopping && !timed_out)
			timed_out = pthread_cond_timedwait(&h->cond, &h->lock, &until) == ETIMEDOUT;
		if (h->stopping)
			break;
		bool finished = h->loading && (h->loaded || h->load_failed);
		bool sweep = timed_out && !h->held.n; /* the ten-minute wake */
		snapshot *loaded = NULL;
		/* The pupils to read again: those held back waiting for a batch,
		 * those told of since, and after a full read those changed while it
		 * ran (it may have read them before or after their change). */
		id_list todo = {0};
		ids_move(&todo, &h->held);
		if (finished) {
			loaded = h->loaded;
			h->loaded = NULL;
			h->load_failed = false;
			ids_move(&todo, &h->since);
			h->loading = false;
		}
		for (size_t i = 0; h->loading && i < h->pending.n; i++)
			ids_add(&h->since, h->pending.v[i]); /* to lay over the full read's result too */
		ids_move(&todo, &h->pending);
		bool start = h->reload_wanted && !h->loading;
		if (start) {
			h->reload_wanted = false;
			h->loading = true;
		}
		bool joined = finished && h->loader_thread;
		h->loader_thread = false;
		pthread_mutex_unlock(&h->lock);
		if (joined)
			pthread_join(h->loader, NULL);
		update_result r = UPDATED;
		if (todo.n) {
			snapshot *onto = loaded ? snapshot_ref(loaded) : snapshot_acquire(h);
			r = update_onto(h, onto, &todo);
			snapshot_release(onto);
		}
		if (loaded && (r != UPDATED || !todo.n))
			swap(h, loaded); /* newer than the old base all the same */
		else if (loaded)
			snapshot_release(loaded);
		if (start) {
			pthread_mutex_lock(&h->lock);
			h->loader_thread = pthread_create(&h->loader, NULL, full_loader, h) == 0;
			bool threaded = h->loader_thread;
			pthread_mutex_unlock(&h->lock);
			if (!threaded)
				full_loader(h); /* no thread: read here */
		}
		if ((todo.n && r == UPDATED) || loaded || sweep) {
			snapshot *cur = snapshot_acquire(h);
			run_hook(h, cur, false, loaded || sweep ? NULL : &todo);
			snapshot_release(cur);
		}
		pthread_mutex_lock(&h->lock);
		if (r == RETRY && ++h->waits > WAIT_ROUNDS) {
			h->waits = 0; /* a batch of another process: read in full */
			r = NEEDS_FULL;
		}
		if (r == RETRY)
			ids_move(&h->held, &todo); /* read again in a moment */
		else
			h->waits = 0; /* read, or the full read to come reads them */
		if (r == NEEDS_FULL)
			h->reload_wanted = true;
		ids_free(&todo);
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
	if (h->loader_thread) /* a full read still running: wait for it */
		pthread_join(h->loader, NULL);
	h->loader_thread = false;
	if (h->loaded)
		snapshot_release(h->loaded);
	h->loaded = NULL;
}

void snapshot_holder_free(snapshot_holder *h)
{
	if (h->cur)
		snapshot_release(h->cur);
	h->cur = NULL;
	ids_free(&h->pending);
	ids_free(&h->held);
	ids_free(&h->since);
	free(h->told);
	h->told = NULL;
	pthread_cond_destroy(&h->cond);
	pthread_mutex_destroy(&h->lock);
}
