/*
 * counts.h - the counts query: the Resultaatschema (SPEC 5) of a view for
 * peildata and gebieden, with small numbers protected for a role that may
 * not see the pupils behind them (SPEC 9, suppress.h). One query for the
 * command line's telling, the API's /api/telling, the overview, the
 * Resultaatschema page and its exports: they render, this counts.
 */
#ifndef INBEELD_APP_COUNTS_H
#define INBEELD_APP_COUNTS_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/access.h"
#include "../core/suppress.h"

/* Where tellingen come from: computed now (the command line) or cached per
 * snapshot (the server). Returns the telling of day d and view v: a cached
 * one, or one computed into *scratch (which the query frees). */
typedef const telling *(*telling_source)(void *ctx, const dataset *ds, day_t d, view v, telling *scratch);

/* Computing now, on `threads` threads (ctx: an int *threads). */
const telling *telling_computed(void *ctx, const dataset *ds, day_t d, view v, telling *scratch);

/* Tellingen summed over the slices of a folder read a part of its pupils
 * at a time (io/dataset_slices.h): per worker thread and day while the
 * slices come (tellingen_add is a slice_fn), then merged; the source
 * tellingen_summed (ctx: the tellingen) gives the sum of a day. */
typedef struct tellingen {
	const day_t *days;
	size_t n_days;
	view v;
	int workers;
	telling *t; /* [workers * n_days]; after tellingen_merge, the first n_days are the sums */
	bool *ready; /* [workers]: its tellingen initialised (on its first slice) */
} tellingen;

void tellingen_init(tellingen *ts, const day_t *days, size_t n_days, view v, int workers);
void tellingen_add(void *ctx, int worker, size_t slice, const dataset *ds);
void tellingen_merge(tellingen *ts, const dataset *ref);
const telling *tellingen_summed(void *ctx, const dataset *ds, day_t d, view v, telling *scratch);
void tellingen_free(tellingen *ts);

typedef struct counts_query {
	view v;
	const day_t *days;
	size_t n_days;
	const scope_set *scope; /* NULL: every gebied; else those access_sees_gebied */
	const bool *keep;	/* by gebied index of the view; NULL: every gebied */
	bool home;		/* only those the scope's role looks at first (access_home_gebied) */
	bool protect;		/* small numbers protected (role_counts_protected) */
} counts_query;

typedef struct counts {
	view v;
	bool protect;
	size_t n_days;
	day_t *days;
	const telling **t; /* per day */
	telling *scratch;  /* per day, what was computed for this query alone */
	size_t n_gebieden;
	size_t *gebieden; /* the gebieden kept, in code order */
} counts;

void counts_run(const dataset *ds, const counts_query *q, telling_source src, void *ctx, counts *out);
void counts_free(counts *c);

/* The protection of the i-th gebied on the k-th day, filled in *sp (the
 * same cells whoever asks: suppress_small_numbers); NULL when the query does
 * not protect. */
const suppression *counts_protection(const counts *c, size_t k, size_t i, suppression *sp);
/* The value of regel r of the i-th gebied on the k-th day. */
void counts_value(const counts *c, size_t k, size_t i, regel r, telling_value *v);
/* One cell as shown (cell_text), with sp from counts_protection. */
void counts_cell_text(const counts *c, size_t k, size_t i, const suppression *sp, regel r, int col, char out[32]);
/* Regel r summed over the first n gebieden kept on the k-th day (the rate
 * of the sums): for roles that see every number. */
void counts_sum(const counts *c, size_t k, size_t n, regel r, telling_value *v);

#endif
