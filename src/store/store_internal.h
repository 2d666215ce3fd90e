/*
 * store_internal.h - what the SQLite store's files share. Not for use
 * outside src/store.
 */
#ifndef INBEELD_STORE_INTERNAL_H
#define INBEELD_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

struct store {
	sqlite3 *db;
	char *path;
};

int db_fail(store *st, strbuf *err, const char *what);
int exec(store *st, const char *sql, strbuf *err);
int prepare(store *st, const char *sql, sqlite3_stmt **stmt, strbuf *err);
void cols_list(const table_desc *td, strbuf *sb);
/* "INSERT INTO <table> (<columns>, v_from) VALUES (?, ...)". */
int prepare_insert(store *st, table_id t, sqlite3_stmt **q, strbuf *err);
/* "SELECT rowid, <columns> FROM <table>" of the current rows (of one pupil
 * when leerling is non-NULL, bound as ?1). */
int prepare_current(store *st, table_id t, const char *pupil_id, sqlite3_stmt **q, strbuf *err);
/* Feed one table as known at batch `limit` (per-pupil tables and leerlingen
 * filtered to one pupil when only is non-NULL). */
int read_table(sqlite3 *db, builder *b, table_id t, int64_t limit, const char *only, strbuf *err);
int batch_limit(store *st, const char *as_of, int64_t *limit, strbuf *err);
int last_recorded(store *st, char out[20], strbuf *err);
/* store_pupil_change's work inside the caller's transaction (store_cases.c
 * records an event and its facts together). */
int pupil_change_in_tx(store *st, const char *pupil_id, const fact_change *ch, size_t n, const char *actor,
		       const char *source, int64_t *batch, int64_t *new_ids, strbuf *err);

/* A column's text, or NULL. */
static inline const char *col_text(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

#endif
