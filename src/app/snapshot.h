/*
 * snapshot.h - the registry in memory for lists and counts, and the answers
 * computed from it.
 *
 * A snapshot is immutable once loaded and reference counted: a request
 * acquires the current one (reloader.h) and keeps using it even if a newer
 * one replaces it meanwhile. Answers that are expensive to compute - a
 * telling per peildatum and view, a serialised list - are cached inside the
 * snapshot they were computed from, keyed by what they depend on, so they
 * can never be stale.
 */
#ifndef INBEELD_APP_SNAPSHOT_H
#define INBEELD_APP_SNAPSHOT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "../core/breed.h"
#include "../core/jaartelling.h"
#include "../core/telling.h"
#include "../store/store.h"
#include "status.h"

/* An immutable answer shared by the cache and the responses that send it. */
typedef struct shared_body {
	atomic_int refs;
	size_t len;
	char data[];
} shared_body;

shared_body *shared_body_new(const char *data, size_t len);
/* Another reference to b. */
shared_body *shared_body_ref(shared_body *b);
/* Drop a reference (void *: also the free callback of a response). */
void shared_body_release(void *body);

enum { SNAPSHOT_MAX_TELLINGEN = 256 }; /* tellingen kept per snapshot */

/* A status list as cached so that an update can patch it instead of
 * dropping it (snapshot_list.c): the query that made it, with its own copy
 * of the caller's scope, and how one row is written. Reference counted,
 * shared by the caches of successive snapshots. */
typedef bool (*list_row_writer)(const dataset *ds, const status_row *row, strbuf *out);
typedef struct patch_query {
	atomic_int refs;
	status_query q; /* q.scope is &set; q.index unused (NULL) */
	scope_set set;
	list_row_writer write;
} patch_query;

/* Where each row of a cached list's body is: the body is "[" the rows
 * joined by "," "]"; row i (of pupil[i], in pupil order) is the bytes from
 * at[i] up to at[i + 1] - 1 (the "," or "]" after it); at[n] is the body's
 * length. Immutable and reference counted. */
typedef struct list_layout {
	atomic_int refs;
	size_t n;
	uint32_t *pupil;
	size_t *at;
} list_layout;

/* What a cached list answer needs to be carried over an update: the pupils
 * it can be about (or NULL: any), and to be patched (both or neither). */
typedef struct list_carry {
	list_reach *reach;
	list_layout *layout;
	patch_query *query;
} list_carry;

/* What a counts answer depends on: the tellingen of its days in one view,
 * in the gebieden it shows (indices of the view). An update keeps the answer
 * when it carried those tellingen and none of those gebieden's cells
 * changed. Immutable and reference counted. */
typedef struct counts_dep {
	atomic_int refs;
	view v;
	size_t n_days, n_gebieden;
	day_t *days;
	size_t *gebieden;
} counts_dep;

counts_dep *counts_dep_new(view v, const day_t *days, size_t n_days, const size_t *gebieden, size_t n_gebieden);
counts_dep *counts_dep_ref(counts_dep *d);
void counts_dep_release(counts_dep *d);

typedef struct cache_entry {
	char *key;
	shared_body *body;
	size_t count; /* pupils in a status list (for the audit entry) */
	uint64_t used;
	list_reach *reach; /* the pupils the answer can be about, or NULL: any */
	list_layout *layout; /* with query: the list can be patched (snapshot_list.c) */
	patch_query *query;
	counts_dep *counts; /* a counts answer: what it depends on, or NULL */
} cache_entry;

/* A dataset as read in full, with its pupil index: shared by the snapshots
 * laid over it (snapshot_update.c), freed with the last of them. */
typedef struct snapshot_base {
	atomic_int refs;
	dataset *ds;
	pupil_index index;
} snapshot_base;

typedef struct snapshot {
	atomic_int refs;
	int64_t version; /* the newest batch when it was read */
	dataset *ds;	 /* with identity (names, BSN) for search: the base's, or a view of it */
	pupil_index index; /* the candidates of a scope (status.h): the base's (a copy of its pointers) */
	snapshot_base *base;
	/* Caches of computed answers, keyed by what they depend on. */
	pthread_mutex_t lock;
	cache_entry *cache;
	size_t n_cache;
	uint64_t clock;
	/* The keys being computed by a caller that claimed them, and the
	 * condition the others wait on until they are cached. */
	char **pending;
	size_t n_pending, cap_pending;
	pthread_cond_t filled;
	telling *tellingen; /* per (peildatum, view), see snapshot_telling: SNAPSHOT_MAX_TELLINGEN once allocated */
	day_t *telling_day;
	uint8_t *telling_view;
	size_t n_tellingen;
	/* The school-year and broad counts computed from it (snapshot_steer.c). */
	struct steer_cache *steer;
	/* The update made from this one and the snapshot this one was made
	 * from (weak links: whichever goes first clears them), and the pupils
	 * this one changed over that (base indices, ascending; owned): a list
	 * cached here after the update was made is carried to it as well
	 * (snapshot_cache_put_reach). Under the links' lock (snapshot.c). */
	struct snapshot *next, *prev;
	uint32_t *changed;
	size_t n_changed;
} snapshot;

snapshot *snapshot_load(store *st, int threads, strbuf *err);
/* cur with the pupils ids (n) read again from the registry and laid over
 * its base (dataset_overlay.h), its tellingen adjusted by their old and new
 * contributions, its cached answers with a reach kept when the reach holds
 * none of the pupils before or after the change, its patchable lists
 * patched in those pupils' rows otherwise, its other answers left to be
 * computed again. NULL with the
 * reason in err when that cannot be done (a pupil is new or gone, the
 * reference data changed, the registry failed): read it in full then.
 * snapshot_update.c. */
snapshot *snapshot_update(snapshot *cur, store *st, const char *const *ids, size_t n, strbuf *err);
/* How many pupils s has changed since its base was read. */
size_t snapshot_changed(const snapshot *s);
/* Another reference to s. */
snapshot *snapshot_ref(snapshot *s);
void snapshot_release(snapshot *s);
/* The telling for a peildatum and view, computed once per snapshot. When the
 * snapshot's table is full it is computed into *scratch and that is returned:
 * the caller then frees it (telling_free(scratch) is harmless otherwise). */
const telling *snapshot_telling(snapshot *s, day_t d, view v, int threads, telling *scratch);
/* The tellingen of a snapshot as a source for the counts query (counts.h):
 * ctx is a snapshot_source. */
typedef struct snapshot_source {
	snapshot *s;
	int threads;
} snapshot_source;
const telling *snapshot_tellingen(void *ctx, const dataset *ds, day_t d, view v, telling *scratch);
/* The school-year count of schooljaar y and the broad count of day d per
 * view, computed once per snapshot as snapshot_telling does: when the
 * snapshot's table is full the count is computed into *scratch and that is
 * returned, for the caller to free (jaartelling_free / breed_free, harmless
 * otherwise). snapshot_steer.c; snapshot_steer_free at release. */
const jaartelling *snapshot_jaartelling(snapshot *s, int y, view v, int threads, jaartelling *scratch);
const breedtelling *snapshot_breed(snapshot *s, day_t d, view v, int threads, breedtelling *scratch);
void snapshot_steer_free(snapshot *s);
/* A cached answer by key, with a reference for the caller (or NULL). */
shared_body *snapshot_cache_get(snapshot *s, const char *key, size_t *count);
/* The same, but when the answer is not cached the caller is the one to
 * compute it, once: another caller asking for the key meanwhile waits until
 * it is cached (SNAPSHOT_CLAIM_WAIT_MS at most, then computes it too) rather
 * than computing the same answer at the same time. The caller that got NULL
 * must snapshot_cache_put it or snapshot_cache_abandon the key. */
enum { SNAPSHOT_CLAIM_WAIT_MS = 2000 };
shared_body *snapshot_cache_claim(snapshot *s, const char *key, size_t *count);
void snapshot_cache_abandon(snapshot *s, const char *key);
/* Drop an entry's references (snapshot.c). */
void cache_entry_clear(cache_entry *e);
/* Cache an answer (the cache takes its own references) under key, in place
 * of one cached under it before; with c's reach, and its layout and query
 * when both are there, or dep (snapshot.c; the puts above). */
void snapshot_cache_store(snapshot *s, const char *key, shared_body *body, size_t count, const list_carry *c,
			  counts_dep *dep);
/* The update made from s is to from now on (one made before is forgotten:
 * a retried update replaces it), and the update made from s with a
 * reference, or NULL (snapshot.c: the links, snapshot_update.c follows
 * them). */
void snapshot_link(snapshot *from, snapshot *to);
snapshot *snapshot_update_of(snapshot *s);
/* Cache e (its references taken) in s unless s has its key already: false
 * then, e left to the caller (snapshot.c). */
bool snapshot_cache_add(snapshot *s, cache_entry *e);
/* Whether s has an answer cached under key (snapshot.c). */
bool snapshot_cache_has(snapshot *s, const char *key);
/* The mutex and condition of a new snapshot (snapshot.c). */
void snapshot_init_locks(snapshot *s);
/* Cache an answer; the cache takes its own reference. */
void snapshot_cache_put(snapshot *s, const char *key, shared_body *body, size_t count);
/* The same for an answer that depends only on the pupils `held` holds (with
 * the reference data and the key): the cache takes its own reference to it
 * too, and snapshot_update carries the answer over a change to other pupils.
 * Cached after an update was made from s (a reader that began before the
 * swap), it is carried to that update too, as the update carries the
 * answers it finds, where the update does not have it yet: the list a
 * reader computed on the snapshot it began with serves on the one serving
 * now (snapshot_update.c, as the next). */
void snapshot_cache_put_reach(snapshot *s, const char *key, shared_body *body, size_t count, list_reach *held);
/* The same for a status list with its reach, layout and query (any may be
 * NULL): snapshot_update patches the list for the pupils it changes when
 * their rows may be on it (snapshot_list.c). */
void snapshot_cache_put_list(snapshot *s, const char *key, shared_body *body, size_t count, const list_carry *c);

/* A counts answer with what it depends on (taken by reference): carried
 * over an update that leaves those cells as they are. */
void snapshot_cache_put_counts(snapshot *s, const char *key, shared_body *body, counts_dep *dep);

/* ---- patchable status lists (snapshot_list.c; their references snapshot.c) ---- */
/* The query of a list with the caller's resolved scope (taken: *set is
 * emptied) and the row writer. */
patch_query *patch_query_new(const status_query *q, scope_set *set, list_row_writer write);
patch_query *patch_query_ref(patch_query *lq);
void patch_query_release(patch_query *lq);
list_layout *list_layout_ref(list_layout *l);
void list_layout_release(list_layout *l);
/* The rows as the list's JSON array body, appended to out (empty), and its
 * layout; NULL when a row could not be written. */
list_layout *list_render(const dataset *ds, const status_rows *rows, list_row_writer write, strbuf *out);
/* The list of e (a layout and query) with the rows of the pupils touched
 * (base indices, ascending, n) as they are in ds now: a pupil's old row
 * taken out, its new one put in where the query keeps it (status_pupil).
 * Fills *out with its own references (key copied); false when a row could
 * not be written (the entry is then dropped). */
bool list_patch(const cache_entry *e, const dataset *ds, const uint32_t *touched, size_t n, cache_entry *out);

#endif
