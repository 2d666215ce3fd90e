/*
 * store_internal.h - what the SQLite store's files share. Not for use
 * outside src/store.
 */
#ifndef INBEELD_STORE_INTERNAL_H
#define INBEELD_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

struct store {
	sqlite3 *db; /* NULL once closed after a failed ROLLBACK (see rollback()) */
	char *path;
	change_audit *audit_next; /* the entry the next COMMIT writes (store_audit_with) */
};

int db_fail(store *st, strbuf *err, const char *what);
/* exec() and prepare() are the gate of every statement on st->db: they
 * refuse (with an error in err) once the connection was closed. */
int exec(store *st, const char *sql, strbuf *err);
int prepare(store *st, const char *sql, sqlite3_stmt **stmt, strbuf *err);

/* Binding a parameter. Each returns 0, or the SQLite error (index out of
 * range, value too big, no memory, a statement still running), which must
 * never be ignored: SQLite leaves a parameter that failed to bind NULL, and
 * the statement would run as another query ("leerling_id = ?1" would find
 * nothing, "?1 IS NULL OR leerling_id = ?1" everything). Chain them with ||
 * and report a failure with bind_fail() instead of stepping. Text is bound
 * SQLITE_STATIC: it must stay valid until the statement is reset or
 * finalized. */
int bind_text(sqlite3_stmt *q, int i, const char *v); /* NULL binds NULL */
int bind_field(sqlite3_stmt *q, int i, field f);     /* empty binds NULL */
int bind_int(sqlite3_stmt *q, int i, int64_t v);
int bind_id(sqlite3_stmt *q, int i, int64_t id); /* 0 binds NULL */
/* "registratie: waarde doorgeven mislukt: <SQLite>"; returns -1. */
int bind_fail(store *st, strbuf *err);

/* End the open transaction after a failure (the caller then returns its
 * error). A failed ROLLBACK is handled here, not by the caller: when SQLite
 * has already rolled back (after an I/O error, SQLITE_FULL, no memory) there
 * is no transaction left and nothing more to do. When the transaction is
 * still open, going on would let later statements on this connection see -
 * and a later COMMIT keep - half a change; the connection is then closed
 * (SQLite discards the transaction, from the journal if need be), logged to
 * stderr, and every later call on the store fails through exec()/prepare().
 *
 * sqlite3_reset() and sqlite3_finalize() repeat the error of the statement's
 * last sqlite3_step(), which every caller checks; their results add nothing.
 * What matters is that a statement is reset before it is bound and stepped
 * again (a bind on a running statement fails) and finalized before the
 * transaction ends. */
void rollback(store *st);
/* COMMIT the open transaction, with the audit entry armed on st first (if
 * any); when either fails it is rolled back, so no transaction is left open
 * behind an error. Returns 0, or -1 with err set. (store_audit.c) */
int commit(store *st, strbuf *err);
/* Append the armed entry a inside the open transaction (store_audit.c). */
int audit_in_tx(store *st, change_audit *a, strbuf *err);
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

/* Whether anything a validation of pupil_id at batch `since` read has changed
 * in the open transaction: an import since, or a version of the pupil's facts
 * begun or ended since (1, 0 or -1): store_write_path.c. */
int pupil_changed_since(store *st, const char *pupil_id, int64_t since, strbuf *err);

/* A pupil's id and the ids merged into it (store_merge.c), as an SQL
 * subquery of ?1: "leerling_id IN " MERGED_IDS. */
#define MERGED_IDS                                                                                     \
	"(WITH RECURSIVE ids(id) AS (SELECT ?1 UNION SELECT s.leerling_id FROM samenvoeging s JOIN ids" \
	" ON s.naar = ids.id) SELECT id FROM ids)"
/* Validate a pupil's current facts as they stand in the open transaction
 * (0, STORE_INVALID with the reasons in err, or -1): store_merge.c. */
int pupil_validate_in_tx(store *st, const char *pupil_id, strbuf *err);

/* A column's text, or NULL. */
static inline const char *col_text(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

/* Columns first .. first + n - 1 of the current row as fields (NULL: empty);
 * valid until the next step. */
static inline void col_fields(sqlite3_stmt *q, int first, int n, field *f)
{
	for (int i = 0; i < n; i++) {
		const char *v = col_text(q, first + i);
		f[i] = (field){v, v ? (size_t)sqlite3_column_bytes(q, first + i) : 0};
	}
}

#endif
