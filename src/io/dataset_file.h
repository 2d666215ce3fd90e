/*
 * dataset_file.h - a dataset serialised to one file and read back with a few
 * large reads (the snapshot file kept next to a registry, issue 17).
 *
 * The file holds the arrays of a dataset (reference tables, pupils, the CSR
 * fact arrays and offsets, the holiday calendars, the school index) as they
 * lie in memory, each in its own section with its own checksum; strings are
 * offsets into one block (identity - BSN, onderwijsnummer, names - in a
 * second block, left unread when it is not wanted). A header names the
 * format version, the layout of the structs (sizes and field offsets, so a
 * build whose dataset.h differs does not read it) and a key the caller
 * chooses (which registry, at which version); reading checks all of these,
 * every section's checksum, the bounds of every string and the CSR offsets,
 * so a damaged or foreign file is refused with the reason, never trusted.
 *
 * Serialisation only, no policy: when a file is fresh enough to use, and
 * where it lies, is the caller's (src/app/registry_load.c). The file has
 * the trust of the registry it lies next to (same folder, mode 0600).
 */
#ifndef INBEELD_DATASET_FILE_H
#define INBEELD_DATASET_FILE_H

#include <stdbool.h>

#include "../core/dataset.h"
#include "../util/strbuf.h"

enum { DATASET_FILE_KEY_MAX = 1024 };

/* Write ds (built with BUILD_IDENTITY, or without: its identity is then
 * empty) to path atomically: a temporary file in the same folder, mode 0600,
 * synced and renamed over path. Returns 0, or -1 with err set (path is then
 * unchanged). key: at most DATASET_FILE_KEY_MAX - 1 bytes. Temporary files
 * of path older than an hour (a writer killed midway) are removed first. */
int dataset_file_write(const char *path, const dataset *ds, const char *key, strbuf *err);

/* dataset_file_write in two steps, for a file that may only appear once
 * something else is done (the first import's snapshot, written while the
 * registry's transaction is still open): stage writes the temporary file
 * and gives its name in *staged (0; or -1 with err set and *staged NULL);
 * publish renames it over path (0, or -1 with err set and the temporary
 * removed), discard removes it (NULL: nothing). Both free *staged. */
int dataset_file_stage(const char *path, const dataset *ds, const char *key, char **staged, strbuf *err);
int dataset_file_publish(char *staged, const char *path, strbuf *err);
void dataset_file_discard(char *staged);

/* Read the dataset at path, when its key is `key`; with_identity reads the
 * identity block too (else the identity fields are NULL, as a dataset built
 * without BUILD_IDENTITY has them); the large arrays are read on up to
 * `threads` threads. Returns 0 with *out set; 1 when there
 * is no file; 2 when it is a sound file for another key (stale); -1 with the
 * reason in err when the file is damaged or foreign (another format, another
 * layout) or cannot be read. err is set for 2 as well. */
int dataset_file_read(const char *path, const char *key, bool with_identity, int threads, dataset **out,
		      strbuf *err);

#endif
