/*
 * registry_load.h - the registry's current dataset, from the snapshot file
 * kept next to it when that is fresh (issue 17: a server ready in two
 * seconds, counts from the registry near the speed of reading).
 *
 * The snapshot file is "<registry>.snapshot" (mode 0600: it holds identity),
 * written by src/io/dataset_file.c; for a PostgreSQL registry it is kept in
 * the cache folder (registry_cache_folder) instead. It is used only when its key equals the
 * registry's version now (store_version_key) and the build of inbeeld that
 * reads it (its GNU build id), and only when every check of the file holds;
 * otherwise the registry is read and the file written anew. A file that is
 * merely stale (the registry changed since) is replaced silently; a damaged
 * or foreign one is named on stderr first. Reading as known at a moment
 * (--bekend-op) and reading one pupil never use it.
 */
#ifndef INBEELD_REGISTRY_LOAD_H
#define INBEELD_REGISTRY_LOAD_H

#include <stdint.h>

#include "../core/dataset.h"
#include "../store/store.h"
#include "../util/strbuf.h"

/* The registry as it is now. flags: BUILD_IDENTITY or 0 (facts.h); threads
 * for reading the registry when the file cannot be used. *version (when
 * non-NULL) receives the batch the dataset holds. NULL with err on failure. */
dataset *registry_load(store *st, unsigned flags, int threads, int64_t *version, strbuf *err);

/* Write the snapshot file of ds, which must equal the registry as of batch
 * `batch` and be built with BUILD_IDENTITY (the import's dataset, just
 * committed): written only when `batch` is still the newest. A failure is
 * said on stderr and changes nothing else (the file is a cache). */
void registry_save(store *st, const dataset *ds, int64_t batch);

/* The snapshot file written during a first import, on the import's second
 * thread (import_options.aside), instead of after it: the same bytes as
 * registry_save's, in a temporary file beside the snapshot until the
 * import committed; published only when the registry's version key then is
 * the one it was written with. */
typedef struct registry_snapshot_job {
	const dataset *ds;
	strbuf path;	 /* where the file goes; empty: the registry keeps none */
	strbuf identity; /* of the database, part of the key (PostgreSQL) */
	strbuf key;	 /* the key the staged file was written with */
	char *staged;	 /* the written temporary file, or NULL */
	strbuf err;	 /* why it was not written */
	import_aside aside;
} registry_snapshot_job;

/* Ready the job for ds (the dataset given to store_import, built with
 * BUILD_IDENTITY); the import's options take &job->aside. */
void registry_snapshot_begin(store *st, const dataset *ds, registry_snapshot_job *job);

/* After store_import. imported (batch: the import's): the staged file
 * renamed into place when the registry's version key is still the one it
 * was written with, else removed; with none staged (the serial path, or it
 * failed) registry_save as before. Not imported: the staged file removed,
 * the snapshot left as it was. Frees the job. */
void registry_snapshot_end(store *st, registry_snapshot_job *job, bool imported, int64_t batch);

/* The snapshot file of the registry at registry_path: "<path>.snapshot". */
void registry_snapshot_path(const char *registry_path, strbuf *out);

/* The folder of the snapshot files of PostgreSQL registries (appended to
 * out): $INBEELD_CACHE, else $XDG_CACHE_HOME/inbeeld, else
 * $HOME/.cache/inbeeld; none when INBEELD_CACHE is set and empty (then a
 * PostgreSQL registry is read whole each time). Made 0700 when missing (and
 * the folders above it); true when there is one. Each file in it is
 * "pg-<system identifier>-<database oid>.snapshot", mode 0600 (it holds the
 * pupils' identity), its key also the database's identity. */
bool registry_cache_folder(strbuf *out);

#endif
