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
 * registry's as of batch ref_version: when no reference table changed since,
 * the reference data is built from ref's rows instead of read again. */
dataset *store_load_pupils(store *st, const char *const *ids, size_t n, const dataset *ref, int64_t ref_version,
			   int64_t *version, strbuf *err);
/* Feed builder b the reference tables (every table not per pupil) as of
 * batch limit: built from ref's rows when ref (may be NULL) holds the
 * registry's reference data as of ref_version and no reference table changed
 * since (one query), else read from the registry. For whoever builds a few
 * pupils with the reference data (store_load_pupils; the per-write
 * validation could, with the serving snapshot's). 0 or -1 with err. */
int store_feed_reference(store *st, builder *b, const dataset *ref, int64_t ref_version, int64_t limit, strbuf *err);
/* How many batches were recorded after batch `after` up to and including
 * `upto` (so that a reader can tell whether it was told of each). */
int store_batches_between(store *st, int64_t after, int64_t upto, int64_t *count, strbuf *err);

#endif
