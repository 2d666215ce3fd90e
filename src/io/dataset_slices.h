/*
 * dataset_slices.h - reading a dataset folder (SPEC 3.1) a part of its
 * pupils at a time, for a query that is a sum over pupils (a telling): each
 * slice's pupils with their rows of every per-pupil file become a dataset of
 * their own on the folder's reference data, are handed to the caller, and
 * are freed before the next, so the whole country is never in memory at
 * once and every page is written a few times over instead of once each.
 *
 * It handles the usual folder only: leerlingen sorted by id and every
 * per-pupil file sorted likewise (as inbeeld writes them), every row taken
 * by the fast path of facts_bytes.h, no error and no warning. At anything
 * else it declines and the caller reads the folder whole
 * (dataset_dir_load), which says what is wrong; what the slices gave the
 * caller must then be thrown away. A folder it reads gives the same pupils
 * with the same facts as dataset_dir_load, split over the slices.
 */
#ifndef INBEELD_DATASET_SLICES_H
#define INBEELD_DATASET_SLICES_H

#include <stddef.h>

#include "../core/facts.h"

/* Called once per slice, from up to `threads` threads at once (worker:
 * 0 .. threads - 1, one slice at a time on each; slice: its place among the
 * slices, 0 first, whose pupils come first); ds is freed after. */
typedef void (*slice_fn)(void *ctx, int worker, size_t slice, const dataset *ds);

/* Read the folder's reference tables, then its pupils in slices of about
 * slice_bytes of leerlingen each (0: a default) on `threads` threads.
 * Returns the reference data (a dataset without pupils: the gebieden,
 * schools and calendars the slices share; the caller frees it) when every
 * slice was read cleanly and given to fn, NULL when the folder must be read
 * whole instead. */
dataset *dataset_dir_slices(const char *dir, unsigned flags, int threads, size_t slice_bytes, slice_fn fn,
			     void *ctx);

#endif
