/*
 * snapshot_update.c - a new snapshot after a change to a few pupils, made
 * from the current one instead of reading the whole registry again: the
 * changed pupils are read from the registry and laid over the current
 * snapshot's base (core/dataset_overlay.h), and the tellingen the current
 * snapshot had computed are carried over, each pupil's old contribution
 * taken out and its new one counted in (exact: a telling is a sum over
 * pupils). A cached answer that names its reach (a status list: the pupils
 * it can hold, status.h) is kept when the reach holds none of the changed
 * pupils, neither as they were nor as they are now: every row of such a list
 * is a function of its own pupil's facts, the reference data (unchanged: see
 * dataset_view_apply) and the key (day, scope, filters), and a pupil the
 * reach does not hold is on neither list, so the list is the same. A list
 * that also has its layout and query (snapshot_list.c) and whose reach does
 * hold a changed pupil is patched in that pupil's row instead of dropped, so
 * no reader computes it again after the change. The other
 * answers (lists without a reach, school-year and broad counts) are not
 * sums that can be adjusted: the new snapshot computes them again when asked.
 * A counts answer that names what it depends on (counts_dep: its days, view
 * and gebieden) is kept when those cells of the adjusted tellingen are as
 * they were. A list cached in a snapshot after an update was made from it
 * (by a reader that began before the swap) is carried to that update the
 * same way, so that the reader's work serves on the snapshot serving now
 * instead of being done again by the next reader.
 * See snapshot.h.
 */
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

#include "../core/dataset_overlay.h"
#include "../store/store_delta.h"
#include "../util/alloc.h"
#include "compute.h"

size_t snapshot_changed(const snapshot *s)
{
	return dataset_view_changed(s->ds);
}

/* The tellingen of from, adjusted for the pupils touched (base indices, n),
 * into to (new, not yet shared). */
static void carry_tellingen(snapshot *to, snapshot *from, const uint32_t *touched, size_t n)
{
	pthread_mutex_lock(&from->lock);
	size_t k = from->n_tellingen;
	if (k) {
		to->tellingen = xcalloc(SNAPSHOT_MAX_TELLINGEN, sizeof *to->tellingen);
		to->telling_day = xcalloc(SNAPSHOT_MAX_TELLINGEN, sizeof *to->telling_day);
		to->telling_view = xcalloc(SNAPSHOT_MAX_TELLINGEN, sizeof *to->telling_view);
	}
	for (size_t i = 0; i < k; i++) {
		const telling *old = &from->tellingen[i];
		telling *t = &to->tellingen[i];
		day_t d = from->telling_day[i];
		telling_init(t, to->ds, old->view);
		memcpy(t->cells, old->cells, old->n_gebieden * R_COUNT * sizeof *t->cells);
		for (size_t j = 0; j < n; j++) {
			telling_pupil(t, from->ds, touched[j], d, -1);
			telling_pupil(t, to->ds, touched[j], d, 1);
		}
		to->telling_day[i] = d;
		to->telling_view[i] = from->telling_view[i];
	}
	to->n_tellingen = k;
	pthread_mutex_unlock(&from->lock);
}

/* Whether the cells a counts answer shows are the same in to as in from:
 * every telling it depends on carried (the same index in both tables) and
 * unchanged in its gebieden. A carried telling never changes once in a
 * table, so from's is read without its lock. */
static bool counts_unchanged(const snapshot *to, const snapshot *from, const counts_dep *d)
{
	for (size_t k = 0; k < d->n_days; k++) {
		size_t i = 0;
		while (i < to->n_tellingen && !(to->telling_day[i] == d->days[k] && to->telling_view[i] == d->v))
			i++;
		if (i == to->n_tellingen)
			return false;
		const telling *a = &to->tellingen[i], *b = &from->tellingen[i];
		for (size_t j = 0; j < d->n_gebieden; j++) {
			size_t g = d->gebieden[j];
			if (g >= a->n_gebieden || memcmp(&a->cells[g * R_COUNT], &b->cells[g * R_COUNT], R_COUNT * sizeof *a->cells))
				return false;
		}
	}
	return true;
}

/* Whether reach holds one of the touched pupils (base indices, n) in ds. */
static bool reach_touched(const dataset *ds, const list_reach *r, const uint32_t *touched, size_t n)
{
	for (size_t j = 0; j < n; j++)
		if (list_reach_holds(ds, r, touched[j]))
			return true;
	return false;
}

/* Another reference to everything of e. */
static cache_entry entry_copy(const cache_entry *e)
{
	return (cache_entry){xstrdup(e->key),
			     shared_body_ref(e->body),
			     e->count,
			     e->used,
			     e->reach ? list_reach_ref(e->reach) : NULL,
			     e->layout ? list_layout_ref(e->layout) : NULL,
			     e->query ? patch_query_ref(e->query) : NULL,
			     e->counts ? counts_dep_ref(e->counts) : NULL};
}

/* What becomes of a list answer (with a reach) of from in to, which
 * changed the pupils touched (base indices, ascending, n). */
typedef enum { CARRY_AS_IS, CARRY_PATCHED, CARRY_DROPPED } carry_result;

static carry_result carry_list(const cache_entry *e, const dataset *from, const dataset *to, const uint32_t *touched,
			       size_t n, cache_entry *patched)
{
	if (!reach_touched(from, e->reach, touched, n) && !reach_touched(to, e->reach, touched, n))
		return CARRY_AS_IS;
	if (e->layout && e->query && list_patch(e, to, touched, n, patched))
		return CARRY_PATCHED;
	return CARRY_DROPPED;
}

/* List e of from (a reference of the caller's) into to and on into the
 * updates made from to, as far as they do not have it yet. */
static void carry_on(snapshot *from, snapshot *to, cache_entry e)
{
	snapshot_ref(from);
	while (to) {
		if (snapshot_cache_has(to, e.key)) { /* computed there too, or carried on from there */
			snapshot_release(to);
			break;
		}
		cache_entry patched;
		carry_result r = carry_list(&e, from->ds, to->ds, to->changed, to->n_changed, &patched);
		if (r == CARRY_PATCHED) {
			cache_entry_clear(&e);
			e = patched;
		}
		cache_entry mine = r == CARRY_DROPPED ? (cache_entry){0} : entry_copy(&e);
		bool added = r != CARRY_DROPPED && snapshot_cache_add(to, &mine);
		cache_entry_clear(&mine); /* not added: to had it (carried on from there) */
		snapshot_release(from);
		from = to;
		to = added ? snapshot_update_of(from) : NULL;
	}
	snapshot_release(from);
	cache_entry_clear(&e);
}

/* A list with its reach, cached after an update was made from s: there
 * too (an update carries only what it found). */
static void carry_late(snapshot *s, const char *key, shared_body *body, size_t count, const list_carry *c)
{
	snapshot *next = snapshot_update_of(s);
	if (!next)
		return;
	bool patchable = c->layout && c->query;
	carry_on(s, next,
		 (cache_entry){xstrdup(key), shared_body_ref(body), count, 0, list_reach_ref(c->reach),
			       patchable ? list_layout_ref(c->layout) : NULL, patchable ? patch_query_ref(c->query) : NULL,
			       NULL});
}

void snapshot_cache_put_reach(snapshot *s, const char *key, shared_body *body, size_t count, list_reach *held)
{
	snapshot_cache_put_list(s, key, body, count, &(list_carry){held, NULL, NULL});
}

void snapshot_cache_put_list(snapshot *s, const char *key, shared_body *body, size_t count, const list_carry *c)
{
	snapshot_cache_store(s, key, body, count, c, NULL);
	if (c->reach)
		carry_late(s, key, body, count, c);
}

/* The cached answers of from that the change leaves as they are, and the
 * lists it changes patched, into to (new, not yet shared). The entries are
 * taken under from's lock and patched after it: its readers do not wait.
 * Then from links to to, and the lists cached in from meanwhile are
 * carried too; a list cached in from after that carries itself
 * (snapshot_carry_late). */
static void carry_answers(snapshot *to, snapshot *from, const uint32_t *touched, size_t n)
{
	pthread_mutex_lock(&from->lock);
	cache_entry *take = xmalloc((from->n_cache ? from->n_cache : 1) * sizeof *take);
	size_t nt = 0;
	for (size_t i = 0; i < from->n_cache; i++)
		if (from->cache[i].reach || from->cache[i].counts)
			take[nt++] = entry_copy(&from->cache[i]);
	uint64_t taken_at = from->clock;
	to->clock = from->clock;
	pthread_mutex_unlock(&from->lock);
	to->cache = take;
	for (size_t i = 0; i < nt; i++) {
		cache_entry e = take[i]; /* compacted in place: to->n_cache <= i */
		if (e.counts) {
			if (counts_unchanged(to, from, e.counts))
				to->cache[to->n_cache++] = e;
			else
				cache_entry_clear(&e);
			continue;
		}
		cache_entry patched;
		carry_result r = carry_list(&e, from->ds, to->ds, touched, n, &patched);
		if (r == CARRY_AS_IS) {
			to->cache[to->n_cache++] = e;
			continue;
		}
		if (r == CARRY_PATCHED)
			to->cache[to->n_cache++] = patched;
		cache_entry_clear(&e);
	}
	/* The lists cached (or read: used moves on either way) since they were
	 * taken, with the link in the same hold of the lock: a list cached
	 * after it finds the link. */
	pthread_mutex_lock(&from->lock);
	size_t nl = 0;
	for (size_t i = 0; i < from->n_cache; i++)
		nl += from->cache[i].used > taken_at && from->cache[i].reach && !from->cache[i].counts;
	cache_entry *late = xmalloc((nl ? nl : 1) * sizeof *late);
	nl = 0;
	for (size_t i = 0; i < from->n_cache; i++)
		if (from->cache[i].used > taken_at && from->cache[i].reach && !from->cache[i].counts)
			late[nl++] = entry_copy(&from->cache[i]);
	snapshot_link(from, to);
	pthread_mutex_unlock(&from->lock);
	for (size_t i = 0; i < nl; i++) {
		cache_entry patched;
		/* Most were read, not cached: carried above already. */
		carry_result r = snapshot_cache_has(to, late[i].key)
					 ? CARRY_DROPPED
					 : carry_list(&late[i], from->ds, to->ds, touched, n, &patched);
		if (r == CARRY_PATCHED) {
			cache_entry_clear(&late[i]);
			late[i] = patched;
		}
		if (r != CARRY_DROPPED)
			snapshot_cache_add(to, &late[i]); /* not when carried already */
		cache_entry_clear(&late[i]);
	}
	free(late);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

snapshot *snapshot_update(snapshot *cur, store *st, const char *const *ids, size_t n, strbuf *err)
{
	int64_t version;
	/* cur's reference data is the registry's as of its version (its base's,
	 * checked unchanged by every update since): built from it when the
	 * registry's is still the same. */
	const dataset *base = cur->base->ds;
	dataset *patch = store_load_pupils(st, ids, n, base, cur->version, &version, err);
	if (!patch)
		return NULL;
	dataset *next = dataset_view_apply(base, cur->ds, patch, ids, n, err);
	dataset_free(patch);
	if (!next)
		return NULL;
	/* The touched pupils, once each and in list order (for list_patch);
	 * dataset_view_apply found them all. Sorted, not marked in a bit per
	 * pupil of the country: an update is about a few. */
	uint32_t *touched = xmalloc((n ? n : 1) * sizeof *touched);
	for (size_t i = 0; i < n; i++)
		touched[i] = (uint32_t)dataset_pupil(base, ids[i], strlen(ids[i]));
	qsort(touched, n, sizeof *touched, cmp_u32);
	size_t nt = 0;
	for (size_t i = 0; i < n; i++)
		if (!nt || touched[nt - 1] != touched[i])
			touched[nt++] = touched[i];
	snapshot *s = xcalloc(1, sizeof *s);
	atomic_init(&s->refs, 1);
	s->version = version;
	s->ds = next;
	s->base = cur->base;
	atomic_fetch_add(&s->base->refs, 1);
	s->index = s->base->index;
	snapshot_init_locks(s);
	s->changed = touched;
	s->n_changed = nt;
	carry_tellingen(s, cur, touched, nt);
	carry_answers(s, cur, touched, nt);
	return s;
}
