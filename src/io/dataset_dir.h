/*
 * dataset_dir.h - reading a dataset folder (SPEC 3.1) into the fact builder.
 */
#ifndef INBEELD_DATASET_DIR_H
#define INBEELD_DATASET_DIR_H

#include <stdint.h>

#include "../core/facts.h"
#include "../util/strbuf.h"

typedef struct progress {
	/* Called every PROGRESS_ROWS rows and when a file is done (then with the
	 * seconds it took); may be NULL. Called from several threads at once
	 * when files are read in parallel. */
	void (*report)(void *ctx, const char *what, uint64_t rows, uint64_t bytes, uint64_t total_bytes, int done,
		       double seconds);
	void *ctx;
} progress;

#define PROGRESS_ROWS 500000

typedef struct csv_reader csv_reader;

/* Read one table (header and rows) from a CSV reader into the builder.
 * total is the input size for progress (0 when unknown). */
int dataset_read_table(csv_reader *r, table_id t, builder *b, const progress *pr, uint64_t total);

/* Read one table from the bytes of its file as dataset_dir_read() reads the
 * file: through the fast path of facts_bytes.h where it applies (leerlingen
 * in parts on up to `threads` threads), window bytes at a time (0: as for a
 * file; tests choose others), else through dataset_read_table(). The same
 * bytes give the same result either way. */
int dataset_read_bytes(const char *data, size_t len, table_id t, builder *b, size_t window, int threads);

/* Read one file of table t as dataset_dir_read() reads it (the fast path
 * over the mapped file where it applies, else the general reader). */
int dataset_read_path(const char *path, table_id t, builder *b, const progress *pr, int threads);
/* Whether [p, p + len) is the first line of a file of table td exactly as
 * SPEC 3.1 spells it (without quotes; LF or CRLF). */
bool dataset_plain_header(const char *p, size_t len, const table_desc *td);
/* Of a read-only file mapping (p page-aligned): map the pages of a run of
 * it before they are read, and let go of them after. Advice only. */
void dataset_populate_pages(const char *p, size_t len);
void dataset_release_pages(const char *p, size_t len);

/* Feed every file of the folder to the builder: reference tables and
 * leerlingen in order, then the per-pupil files on up to `threads` threads,
 * largest first. Returns 0, or
 * -1 when a file is missing, unreadable or malformed (the reason is recorded
 * in the builder as an error, so builder_finish() will fail). */
int dataset_dir_read(const char *dir, builder *b, const progress *pr, int threads);

/* The warnings of a dataset (SPEC 3.1: doubtful rows that were imported):
 * one per line after the caller's prefix (NULL: none), as
 * builder_warnings_format() writes them, and how many there were. */
typedef struct dataset_warnings {
	const char *prefix;
	strbuf text;
	size_t total;
} dataset_warnings;

/* Convenience: read and finish. On failure returns NULL and writes the
 * errors, one per line, into err. The warnings go to *warn when it is not
 * NULL (whether the dataset was refused or not). */
dataset *dataset_dir_load(const char *dir, unsigned flags, const char *only_pupil, const progress *pr,
			  int threads, strbuf *err, dataset_warnings *warn);

/* Write the builder's errors as lines (with "... en nog N fouten" when cut). */
void builder_errors_format(const builder *b, strbuf *out);
/* Its warnings likewise, each line after prefix; returns how many there were. */
size_t builder_warnings_format(const builder *b, const char *prefix, strbuf *out);

#endif
