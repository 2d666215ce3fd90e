/*
 * store.h - the registry behind a narrow interface.
 *
 * The registry keeps every version of every fact. A fact row carries the batch
 * that recorded it (v_from) and the batch that superseded it (v_until, NULL
 * while current). A batch is one import or one correction, with when it was
 * recorded and by whom. Reading "as known at" a moment takes the rows whose
 * batches bracket that moment, so a count can be repeated as it was known
 * then (SPEC 3, registratie-effect).
 *
 * The SQLite implementation lives in store_sqlite.c; a PostgreSQL one is to
 * implement the same functions. Nothing outside src/store sees SQL.
 */
#ifndef INBEELD_STORE_H
#define INBEELD_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/dataset.h"
#include "../core/facts.h"
#include "../util/strbuf.h"

typedef struct store store;

/* Open (creating and migrating when needed). Returns 0, or -1 with err set. */
int store_open(const char *path, store **out, strbuf *err);
void store_close(store *st);

typedef struct import_stats {
	int64_t batch;
	char recorded_at[20];
	size_t added[T_COUNT], ended[T_COUNT], kept[T_COUNT];
} import_stats;

typedef struct import_options {
	const char *actor;	 /* who; required */
	const char *source;	 /* what was loaded (a folder name) */
	const char *recorded_at; /* "YYYY-MM-DDTHH:MM:SS" local time; NULL = now */
	void (*report)(void *ctx, const char *table, size_t done, size_t total);
	void *ctx;
} import_options;

/* Make the registry equal to ds, in one transaction: facts that are new are
 * added, facts that are gone are ended (kept as history), identical facts stay.
 * ds must have been built with BUILD_IDENTITY. Returns 0, or -1 with err set
 * and the registry unchanged. */
int store_import(store *st, const dataset *ds, const import_options *opt, import_stats *stats, strbuf *err);

/* Feed the registry as known at `as_of` ("YYYY-MM-DDTHH:MM:SS", NULL = now)
 * into the builder, table by table; the per-pupil tables on up to `threads`
 * threads. With only_pupil, per-pupil tables are read for that pupil only.
 * Returns 0, or -1 with err set. *empty (when non-NULL) is set when no batch
 * had been recorded by then. */
int store_read(store *st, builder *b, const char *as_of, const char *only_pupil, int threads, int *empty,
	       strbuf *err);

/* Convenience: read into a dataset (NULL with err on failure). */
dataset *store_load(store *st, unsigned flags, const char *as_of, const char *only_pupil, int threads,
		    strbuf *err);

/* Current local time as "YYYY-MM-DDTHH:MM:SS". */
void store_now(char out[20]);

#endif
