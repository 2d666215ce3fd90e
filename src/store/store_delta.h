/*
 * store_delta.h - reading the current facts of a few pupils, for a snapshot
 * that lays them over the dataset it already holds (app/snapshot_update.c,
 * core/dataset_overlay.h) instead of reading everybody again.
 */
#ifndef INBEELD_STORE_DELTA_H
#define INBEELD_STORE_DELTA_H

#include "../core/facts.h"
#include "store.h"

/* The registry as it is now, with every reference table but only the pupils
 * ids (n; repeats allowed) and their facts, built with BUILD_IDENTITY.
 * *version receives the batch it was read at (store_version). NULL with err
 * set on failure; a pupil the registry does not hold (any more) is simply
 * absent. With ref (may be NULL), a dataset whose reference data is the
 * registry's as of batch ref_version: when no reference table changed since
 * (one query), the dataset is built on ref's reference data (builder_new_on:
 * it shares ref's, so ref must outlive it), else the reference tables are
 * read from the registry. */
dataset *store_load_pupils(store *st, const char *const *ids, size_t n, const dataset *ref, int64_t ref_version,
			   int64_t *version, strbuf *err);
/* How many batches were recorded after batch `after` up to and including
 * `upto` (so that a reader can tell whether it was told of each). */
int store_batches_between(store *st, int64_t after, int64_t upto, int64_t *count, strbuf *err);

#endif
