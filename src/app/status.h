/*
 * status.h - the status query: the pupils a caller sees on a list on a day
 * (SPEC 4.1, 11). One query for the command line's status, the API's
 * /api/status, the pages' lists and the tafel's list: who asks (a scope, a
 * break-glass grant, or everybody), the day, and filters (categorie,
 * gebied) give the rows, in leerling_id order.
 */
#ifndef INBEELD_APP_STATUS_H
#define INBEELD_APP_STATUS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/access.h"
#include "../core/lists.h"

/* Per gemeente and per school the pupils that ever lived or were enrolled
 * there (CSR): the candidates of a scope, found without classifying every
 * pupil. Built once per snapshot of the registry. */
typedef struct pupil_index {
	uint32_t *gem_off, *gem_pupils;
	uint32_t *school_off, *school_pupils;
} pupil_index;

void pupil_index_build(const dataset *ds, pupil_index *out);
void pupil_index_free(pupil_index *ix);

typedef struct status_query {
	day_t day;
	/* Who asks. With `scope`: the pupils it sees (access_sees_pupil). With
	 * by_grant: only the `granted` pupils, each seen by its grant (the
	 * beheerder's break-glass). With neither: every pupil (the command line,
	 * which reads the whole registry). */
	const scope_set *scope;
	bool by_grant;
	const int32_t *granted;
	size_t n_granted;
	/* Filters: the categories kept (0: every categorie but GEEN), and a gebied:
	 * the residence's gemeente or the SWV the pupil belongs to (NO_REF for
	 * neither: no filter). */
	categorie_set cats;
	int32_t gemeente, swv;
	/* Optional (may be NULL): finds a scope's candidates quickly. */
	const pupil_index *index;
} status_query;

/* A query for day d without filters, for everybody. */
status_query status_query_of(day_t d);

/* The candidates of the query's caller as a bit per pupil (its grants, or
 * through the index the pupils its reach holds), NULL for every pupil.
 * Free it. */
uint8_t *status_candidates(const dataset *ds, const status_query *q);
/* Whether the query's caller sees pupil p classified as c: by its scope, by a
 * grant among the candidates, or everybody. */
bool status_sees(const dataset *ds, const status_query *q, uint32_t p, const classification *c);

/* The pupils a status list can hold, named by their facts: a pupil is on the
 * list only if some residence of it (at any time) is in a gemeente marked in
 * `scope` or some enrolment is at a school marked there, and - when the
 * query filters on a gebied - the same holds for `filter`. The candidates of
 * a scope are found from these marks (status_candidates), and an answer
 * cached for the list stays exact over a change to pupils none of whom the
 * reach holds before or after it (snapshot_update). Reference counted:
 * shared by the caches of successive snapshots. */
typedef struct pupil_marks {
	bool *gemeente, *school; /* per gemeente, per school of the dataset */
} pupil_marks;
typedef struct list_reach {
	atomic_int refs;
	bool filtered;
	pupil_marks scope, filter;
} list_reach;

/* The reach of the query's list; NULL when it is not bounded by marks (by
 * grant, or everybody). */
list_reach *status_reach(const dataset *ds, const status_query *q);
/* Whether pupil p, with its facts in ds, is held by reach r. */
bool list_reach_holds(const dataset *ds, const list_reach *r, uint32_t p);
list_reach *list_reach_ref(list_reach *r);
void list_reach_release(list_reach *r);

/* Whether the query keeps pupil p on its list, with its row in *row: the
 * test status_run applies to each candidate (classify, the filters, what
 * the caller sees), for one pupil - an update patches a cached list with it. */
bool status_pupil(const dataset *ds, const status_query *q, uint32_t p, status_row *row);

/* Pupils in scope (SPEC 4 rule 1) whose categorie is not GEEN that the query
 * keeps, in leerling_id order, on `threads` threads (the answer never depends
 * on them). */
void status_run(const dataset *ds, const status_query *q, int threads, status_rows *out);

/* Status lists of a folder read a part of its pupils at a time
 * (io/dataset_slices.h): each slice's rows of each day with the ids of the
 * pupils on them, kept as the slices come (status_slices_add is a
 * slice_fn), then joined in slice order (the pupils' order) into one list
 * a day over `shown`: the folder's reference data with, as its pupils, only
 * those on the lists (their ids: what a list shows of a pupil beyond its
 * row; a row's vrijstelling is not kept, -1). */
typedef struct status_slice {
	status_rows *rows; /* [n_days]; pupil: an index into ids */
	char **ids;
	size_t n_ids;
} status_slice;

typedef struct status_slices {
	const day_t *days;
	size_t n_days;
	pthread_mutex_t lock;
	status_slice *slice;
	size_t n_slice, cap_slice;
	/* After status_slices_join. */
	pupil *pupils;
	dataset shown;
	status_rows *lists; /* [n_days] */
} status_slices;

void status_slices_init(status_slices *ss, const day_t *days, size_t n_days);
void status_slices_add(void *ctx, int worker, size_t slice, const dataset *ds);
void status_slices_join(status_slices *ss, const dataset *ref);
void status_slices_free(status_slices *ss);

#endif
