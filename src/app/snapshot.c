/*
 * snapshot.c - the registry in memory for lists and counts, and the answers
 * computed from it. See snapshot.h.
 */
#include "snapshot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/dataset_overlay.h"
#include "../util/alloc.h"
#include "../util/monotonic.h"
#include "compute.h"
#include "registry_load.h"

enum {
	CACHE_ENTRIES = 128,
	MAX_TELLINGEN = SNAPSHOT_MAX_TELLINGEN,
};

snapshot *snapshot_load(store *st, int threads, strbuf *err)
{
	int64_t version;
	if (store_version(st, &version, err) != 0)
		return NULL;
	dataset *ds = registry_load(st, BUILD_IDENTITY, threads, &version, err);
	if (!ds)
		return NULL;
	snapshot_base *b = xcalloc(1, sizeof *b);
	atomic_init(&b->refs, 1);
	b->ds = ds;
	pupil_index_build(ds, &b->index);
	snapshot *s = xcalloc(1, sizeof *s);
	atomic_init(&s->refs, 1);
	s->version = version;
	s->ds = ds;
	s->index = b->index;
	s->base = b;
	snapshot_init_locks(s);
	return s;
}

void snapshot_init_locks(snapshot *s)
{
	pthread_mutex_init(&s->lock, NULL);
	cond_init_monotonic(&s->filled); /* waiting for a claimed answer is a duration */
}

/* The references of a patchable list (snapshot_list.c patches it). */
patch_query *patch_query_new(const status_query *q, scope_set *set, list_row_writer write)
{
	patch_query *lq = xcalloc(1, sizeof *lq);
	atomic_init(&lq->refs, 1);
	lq->q = *q;
	lq->set = *set;
	*set = (scope_set){0};
	lq->q.scope = q->scope ? &lq->set : NULL;
	lq->q.index = NULL;
	lq->q.granted = NULL; /* a list by grant is not cached */
	lq->q.n_granted = 0;
	lq->write = write;
	return lq;
}

patch_query *patch_query_ref(patch_query *lq)
{
	atomic_fetch_add(&lq->refs, 1);
	return lq;
}

void patch_query_release(patch_query *lq)
{
	if (lq && atomic_fetch_sub(&lq->refs, 1) == 1) {
		scope_set_free(&lq->set);
		free(lq);
	}
}

list_layout *list_layout_ref(list_layout *l)
{
	atomic_fetch_add(&l->refs, 1);
	return l;
}

void list_layout_release(list_layout *l)
{
	if (l && atomic_fetch_sub(&l->refs, 1) == 1) {
		free(l->pupil);
		free(l->at);
		free(l);
	}
}

void cache_entry_clear(cache_entry *e)
{
	free(e->key);
	shared_body_release(e->body);
	list_reach_release(e->reach);
	list_layout_release(e->layout);
	patch_query_release(e->query);
	counts_dep_release(e->counts);
	*e = (cache_entry){0};
}

static void unlink_snapshot(snapshot *s);

snapshot *snapshot_ref(snapshot *s)
{
	atomic_fetch_add(&s->refs, 1);
	return s;
}

void snapshot_release(snapshot *s)
{
	if (!s || atomic_fetch_sub(&s->refs, 1) != 1)
		return;
	unlink_snapshot(s);
	free(s->changed);
	if (s->ds != s->base->ds)
		dataset_view_free(s->ds);
	if (atomic_fetch_sub(&s->base->refs, 1) == 1) {
		dataset_free(s->base->ds);
		pupil_index_free(&s->base->index);
		free(s->base);
	}
	for (size_t i = 0; i < s->n_cache; i++)
		cache_entry_clear(&s->cache[i]);
	free(s->cache);
	for (size_t i = 0; i < s->n_tellingen; i++) {
		telling_free(&s->tellingen[i]);
	}
	free(s->tellingen);
	free(s->telling_day);
	free(s->telling_view);
	snapshot_steer_free(s);
	for (size_t i = 0; i < s->n_pending; i++) /* none: a claimer holds a reference */
		free(s->pending[i]);
	free(s->pending);
	pthread_cond_destroy(&s->filled);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

const telling *snapshot_telling(snapshot *s, day_t d, view v, int threads, telling *scratch)
{
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->n_tellingen; i++)
		if (s->telling_day[i] == d && s->telling_view[i] == v) {
			pthread_mutex_unlock(&s->lock);
			return &s->tellingen[i];
		}
	pthread_mutex_unlock(&s->lock);
	compute_telling(s->ds, d, v, threads, scratch);
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->n_tellingen; i++) /* someone else was quicker */
		if (s->telling_day[i] == d && s->telling_view[i] == v) {
			pthread_mutex_unlock(&s->lock);
			telling_free(scratch);
			return &s->tellingen[i];
		}
	if (s->n_tellingen == MAX_TELLINGEN) {
		pthread_mutex_unlock(&s->lock);
		return scratch; /* the table is full: the caller keeps (and frees) this one */
	}
	if (!s->tellingen) {
		/* Allocated once at full size, so pointers handed out stay valid. */
		s->tellingen = xcalloc(MAX_TELLINGEN, sizeof *s->tellingen);
		s->telling_day = xcalloc(MAX_TELLINGEN, sizeof *s->telling_day);
		s->telling_view = xcalloc(MAX_TELLINGEN, sizeof *s->telling_view);
	}
	size_t i = s->n_tellingen++;
	s->tellingen[i] = *scratch;
	*scratch = (telling){0};
	s->telling_day[i] = d;
	s->telling_view[i] = (uint8_t)v;
	pthread_mutex_unlock(&s->lock);
	return &s->tellingen[i];
}

const telling *snapshot_tellingen(void *ctx, const dataset *ds, day_t d, view v, telling *scratch)
{
	(void)ds; /* the snapshot's own */
	const snapshot_source *src = ctx;
	return snapshot_telling(src->s, d, v, src->threads, scratch);
}

shared_body *shared_body_new(const char *data, size_t len)
{
	shared_body *b = xmalloc(sizeof *b + len + 1);
	atomic_init(&b->refs, 1);
	b->len = len;
	memcpy(b->data, data, len);
	b->data[len] = '\0';
	return b;
}

shared_body *shared_body_ref(shared_body *b)
{
	atomic_fetch_add(&b->refs, 1);
	return b;
}

void shared_body_release(void *body)
{
	shared_body *b = body;
	if (b && atomic_fetch_sub(&b->refs, 1) == 1)
		free(b);
}

/* The cached answer of key, with a reference, or NULL. Under the lock. */
static shared_body *cached_locked(snapshot *s, const char *key, size_t *count)
{
	for (size_t i = 0; i < s->n_cache; i++)
		if (strcmp(s->cache[i].key, key) == 0) {
			s->cache[i].used = ++s->clock;
			*count = s->cache[i].count;
			return shared_body_ref(s->cache[i].body);
		}
	return NULL;
}

shared_body *snapshot_cache_get(snapshot *s, const char *key, size_t *count)
{
	pthread_mutex_lock(&s->lock);
	shared_body *b = cached_locked(s, key, count);
	pthread_mutex_unlock(&s->lock);
	return b;
}

static ssize_t pending_find(const snapshot *s, const char *key)
{
	for (size_t i = 0; i < s->n_pending; i++)
		if (strcmp(s->pending[i], key) == 0)
			return (ssize_t)i;
	return -1;
}

/* The key is no longer being computed: wake who waits for it. Under the lock. */
static void pending_drop_locked(snapshot *s, const char *key)
{
	ssize_t i = pending_find(s, key);
	if (i < 0)
		return;
	free(s->pending[i]);
	s->pending[i] = s->pending[--s->n_pending];
	pthread_cond_broadcast(&s->filled);
}

shared_body *snapshot_cache_claim(snapshot *s, const char *key, size_t *count)
{
	struct timespec until = monotonic_after_ms(SNAPSHOT_CLAIM_WAIT_MS);
	pthread_mutex_lock(&s->lock);
	shared_body *b;
	bool late = false;
	while (!(b = cached_locked(s, key, count)) && pending_find(s, key) >= 0 && !late)
		late = pthread_cond_timedwait(&s->filled, &s->lock, &until) == ETIMEDOUT;
	if (!b && !late && pending_find(s, key) < 0) { /* this caller computes it */
		s->pending = xgrow(s->pending, &s->cap_pending, s->n_pending + 1, sizeof *s->pending);
		s->pending[s->n_pending++] = xstrdup(key);
	}
	pthread_mutex_unlock(&s->lock);
	return b;
}

void snapshot_cache_abandon(snapshot *s, const char *key)
{
	pthread_mutex_lock(&s->lock);
	pending_drop_locked(s, key);
	pthread_mutex_unlock(&s->lock);
}

void snapshot_cache_put(snapshot *s, const char *key, shared_body *body, size_t count)
{
	snapshot_cache_store(s, key, body, count, &(list_carry){0}, NULL);
}

counts_dep *counts_dep_new(view v, const day_t *days, size_t n_days, const size_t *gebieden, size_t n_gebieden)
{
	counts_dep *d = xcalloc(1, sizeof *d);
	atomic_init(&d->refs, 1);
	d->v = v;
	d->n_days = n_days;
	d->n_gebieden = n_gebieden;
	d->days = xmalloc((n_days ? n_days : 1) * sizeof *d->days);
	memcpy(d->days, days, n_days * sizeof *d->days);
	d->gebieden = xmalloc((n_gebieden ? n_gebieden : 1) * sizeof *d->gebieden);
	memcpy(d->gebieden, gebieden, n_gebieden * sizeof *d->gebieden);
	return d;
}

counts_dep *counts_dep_ref(counts_dep *d)
{
	atomic_fetch_add(&d->refs, 1);
	return d;
}

void counts_dep_release(counts_dep *d)
{
	if (d && atomic_fetch_sub(&d->refs, 1) == 1) {
		free(d->days);
		free(d->gebieden);
		free(d);
	}
}

void snapshot_cache_put_counts(snapshot *s, const char *key, shared_body *body, counts_dep *dep)
{
	snapshot_cache_store(s, key, body, 0, &(list_carry){0}, dep);
}

/* The entry of key in s, or NULL. Under the lock. */
static cache_entry *entry_locked(snapshot *s, const char *key)
{
	for (size_t i = 0; i < s->n_cache; i++)
		if (strcmp(s->cache[i].key, key) == 0)
			return &s->cache[i];
	return NULL;
}

/* A slot for a new entry: a free one, else the least recently used one's
 * (cleared). Under the lock. */
static cache_entry *free_slot_locked(snapshot *s)
{
	cache_entry *slot = NULL;
	if (s->n_cache < CACHE_ENTRIES) {
		s->cache = xrealloc(s->cache, (s->n_cache + 1) * sizeof *s->cache);
		slot = &s->cache[s->n_cache++];
		memset(slot, 0, sizeof *slot);
		return slot;
	}
	slot = &s->cache[0];
	for (size_t i = 1; i < s->n_cache; i++)
		if (s->cache[i].used < slot->used)
			slot = &s->cache[i];
	cache_entry_clear(slot);
	return slot;
}

bool snapshot_cache_has(snapshot *s, const char *key)
{
	pthread_mutex_lock(&s->lock);
	bool has = entry_locked(s, key) != NULL;
	pthread_mutex_unlock(&s->lock);
	return has;
}

bool snapshot_cache_add(snapshot *s, cache_entry *e)
{
	pthread_mutex_lock(&s->lock);
	bool absent = !entry_locked(s, e->key);
	if (absent) {
		cache_entry *slot = free_slot_locked(s);
		*slot = *e;
		slot->used = ++s->clock;
		pending_drop_locked(s, e->key); /* who waits for it has it now */
		*e = (cache_entry){0};
	}
	pthread_mutex_unlock(&s->lock);
	return absent;
}

void snapshot_cache_store(snapshot *s, const char *key, shared_body *body, size_t count, const list_carry *c,
			  counts_dep *dep)
{
	pthread_mutex_lock(&s->lock);
	cache_entry *slot = entry_locked(s, key);
	if (!slot)
		slot = free_slot_locked(s);
	cache_entry_clear(slot);
	bool patchable = c->layout && c->query;
	*slot = (cache_entry){xstrdup(key), shared_body_ref(body), count, ++s->clock,
			      c->reach ? list_reach_ref(c->reach) : NULL, patchable ? list_layout_ref(c->layout) : NULL,
			      patchable ? patch_query_ref(c->query) : NULL, dep ? counts_dep_ref(dep) : NULL};
	pending_drop_locked(s, key);
	pthread_mutex_unlock(&s->lock);
}

/* The links between a snapshot and the update made from it (snapshot.h):
 * set by the reloader, cleared when either goes, followed by a reader
 * that caches a list late. */
static pthread_mutex_t links = PTHREAD_MUTEX_INITIALIZER;

void snapshot_link(snapshot *from, snapshot *to)
{
	pthread_mutex_lock(&links);
	if (from->next)
		from->next->prev = NULL;
	from->next = to;
	to->prev = from;
	pthread_mutex_unlock(&links);
}

static void unlink_snapshot(snapshot *s)
{
	pthread_mutex_lock(&links);
	if (s->prev && s->prev->next == s)
		s->prev->next = NULL;
	if (s->next && s->next->prev == s)
		s->next->prev = NULL;
	s->prev = s->next = NULL;
	pthread_mutex_unlock(&links);
}

/* s, with a reference, or NULL when it is being freed (its last reference
 * gone: it waits for the links' lock to leave them). */
static snapshot *ref_live(snapshot *s)
{
	int refs = atomic_load(&s->refs);
	while (refs > 0)
		if (atomic_compare_exchange_weak(&s->refs, &refs, refs + 1))
			return s;
	return NULL;
}

snapshot *snapshot_update_of(snapshot *s)
{
	pthread_mutex_lock(&links);
	snapshot *next = s->next ? ref_live(s->next) : NULL;
	pthread_mutex_unlock(&links);
	return next;
}
