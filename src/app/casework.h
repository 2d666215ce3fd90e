/*
 * casework.h - every dossier's state today, computed once per change to any
 * dossier, day and registry version and shared by the requests that list
 * dossiers or show their signals (so they do not read every event per
 * request); and the work after each load of the registry: the automatic
 * opening of dossiers (SPEC 6) and the removal of those closed longer ago
 * than the retention period (SPEC 9).
 */
#ifndef INBEELD_APP_CASEWORK_H
#define INBEELD_APP_CASEWORK_H

#include <pthread.h>
#include <stdatomic.h>

#include "dossiers.h"
#include "pool.h"
#include "snapshot.h"

/* Every dossier's state on a day, most urgent first (case_compare_urgency),
 * shared and immutable. */
typedef struct dossier_set {
	atomic_int refs;
	long long gen;
	day_t day;
	int64_t version;
	size_t n;
	dossier_state *items;
	uint32_t *by_pupil; /* indices into items, by leerling_id, then dossier id */
} dossier_set;

typedef struct casework {
	pthread_mutex_t lock;
	dossier_set *set;
	atomic_llong gen; /* bumped after every change to a dossier */
	store_pool *pool;
} casework;

void casework_init(casework *cw, store_pool *pool);
void casework_free(casework *cw);

/* Every dossier's state today against snapshot s; NULL when the dossiers are
 * unreadable. */
dossier_set *dossiers_acquire(casework *cw, const snapshot *s);
void dossiers_release(dossier_set *set);
/* The pupil's latest dossier in the set, or NULL. */
const dossier_state *dossiers_of(const dossier_set *set, const char *pupil_id);
/* Say that a dossier changed (after its write committed). */
void cases_changed(casework *cw);

/* The store's check of an opening, inside its transaction, given the
 * pupil's stored latest dossier (case_may_open); ctx non-NULL for the
 * automatic opening. */
bool check_opening(void *ctx, const stream_event *so_far, size_t n, const new_event *ev, strbuf *why);

/* Open a dossier for every pupil whose categorie opens one today
 * (categorie_opens_dossier) without an open one: everybody, or only the
 * pupils `only` (n_only of them) when not NULL. Returns how many opened. */
size_t cases_sweep(casework *cw, const snapshot *s, const char *const *only, size_t n_only);
/* Remove the dossiers closed before the retention period (SPEC 9). Returns
 * how many went. */
size_t cases_purge(casework *cw);
/* Both, and say so on stderr: the reloader's hook (reloader.h, ctx a
 * casework). */
void casework_after_load(void *ctx, snapshot *s, bool first, const char *const *only, size_t n_only);

#endif
