/*
 * store_internal.h - what the store's files share: the connection, the
 * statement helpers over db.h (SQLite or PostgreSQL alike). Not for use
 * outside src/store.
 */
#ifndef INBEELD_STORE_INTERNAL_H
#define INBEELD_STORE_INTERNAL_H

#include <pthread.h>

#include "db.h"
#include "store.h"

struct store {
	db *db;
	bool closed; /* after a failed ROLLBACK (see rollback()): every call fails */
	char *path;
	change_audit *audit_next; /* the entry the next COMMIT writes (store_audit_with) */
	pthread_mutex_t *write_gate; /* shared by a pool's connections (store_share_write_gate), or NULL */
	bool gate_held;              /* this connection's write transaction holds write_gate */
	dataset *ref;                /* the reference data as of batch ref_at, or NULL (store_reference.c;
				      * store_close frees it) */
	int64_t ref_at;
};

int db_fail(store *st, strbuf *err, const char *what);
/* exec(), prepare() and begin() are the gate of every statement on st->db:
 * they refuse (with an error in err) once the connection was closed. */
int exec(store *st, const char *sql, strbuf *err);
int prepare(store *st, const char *sql, db_stmt **stmt, strbuf *err);
/* BEGIN a write transaction (exclusive among writers: BEGIN IMMEDIATE on
 * SQLite) or a read transaction (one state of the registry throughout). */
int begin(store *st, bool write, strbuf *err);

/* Binding a parameter. Each returns 0, or the database's error (index out
 * of range, value too big, no memory, a statement still running), which
 * must never be ignored: SQLite leaves a parameter that failed to bind NULL, and
 * the statement would run as another query ("leerling_id = ?1" would find
 * nothing, "?1 IS NULL OR leerling_id = ?1" everything). Chain them with ||
 * and report a failure with bind_fail() instead of stepping. Text is not
 * copied: it must stay valid until the statement is reset or finalized. */
int bind_text(db_stmt *q, int i, const char *v); /* NULL binds NULL */
int bind_field(db_stmt *q, int i, field f);     /* empty binds NULL */
int bind_int(db_stmt *q, int i, int64_t v);
int bind_id(db_stmt *q, int i, int64_t id); /* 0 binds NULL */
/* "registratie: waarde doorgeven mislukt: <database>"; returns -1. */
int bind_fail(store *st, strbuf *err);
/* What "bind(...) ? UNBOUND : db_step(q)" gives when a value did not bind:
 * no result of db_step(). */
enum { UNBOUND = -1 };
/* Step an INSERT ... RETURNING id to its end: DB_DONE with *id the new row's
 * (0 when it inserted none), or the error of db_step(). */
int step_returning(db_stmt *q, int64_t *id);

/* End the open transaction after a failure (the caller then returns its
 * error). A failed ROLLBACK is handled here, not by the caller: when the
 * database has already rolled back (after an I/O error, a full disk, no
 * memory) there is no transaction left and nothing more to do. When the
 * transaction is still open, going on would let later statements on this
 * connection see - and a later COMMIT keep - half a change; db_rollback()
 * then closes the connection (the database discards the transaction), this
 * logs it to stderr, and every later call on the store fails through
 * exec()/prepare()/begin().
 *
 * db_reset() and db_finalize() give no result: the error is the one of the
 * statement's last db_step(), which every caller checks.
 * What matters is that a statement is reset before it is bound and stepped
 * again (a bind on a running statement fails) and finalized before the
 * transaction ends. */
void rollback(store *st);
/* COMMIT the open transaction, and nothing else (0, or -1 with err set;
 * the caller rolls back). */
int commit_tx(store *st, strbuf *err);
/* The whole number of days instelling naam holds (a retention period). */
int setting_days(store *st, const char *naam, long *days, strbuf *err);
/* COMMIT the open transaction, with the audit entry armed on st first (if
 * any); when either fails it is rolled back, so no transaction is left open
 * behind an error. Returns 0, or -1 with err set. (store_audit.c) */
int commit(store *st, strbuf *err);
/* Append the armed entry a inside the open transaction (store_audit.c). */
int audit_in_tx(store *st, change_audit *a, strbuf *err);
void cols_list(const table_desc *td, strbuf *sb);
/* "INSERT INTO <table> (<columns>, v_from) VALUES (?1, ...) RETURNING rowid". */
int prepare_insert(store *st, table_id t, db_stmt **q, strbuf *err);
/* "SELECT rowid, <columns> FROM <table>" of the current rows (of one pupil
 * when leerling is non-NULL, bound as ?1). */
int prepare_current(store *st, table_id t, const char *pupil_id, db_stmt **q, strbuf *err);
/* Feed one table as known at batch `limit` (per-pupil tables and leerlingen
 * filtered to one pupil when only is non-NULL): store_read.c. */
int read_table(db *d, builder *b, table_id t, int64_t limit, const char *only, strbuf *err);

/* What only SQLite says (store_open.c): around a first import with the
 * registry to itself (empty_alone), a larger page cache and, when nothing
 * else reads, no write-ahead log (*direct); afterwards both back. No effect
 * on PostgreSQL. */
int sqlite_import_begin(store *st, bool empty_alone, bool *direct, strbuf *err);
int sqlite_import_end(store *st, bool direct, strbuf *err);
int batch_limit(store *st, const char *as_of, int64_t *limit, strbuf *err);
int last_recorded(store *st, char out[20], strbuf *err);
/* store_pupil_change's work inside the caller's transaction (store_cases.c
 * records an event and its facts together). */
int pupil_change_in_tx(store *st, const char *pupil_id, const fact_change *ch, size_t n, const char *actor,
		       const char *source, int64_t *batch, int64_t *new_ids, strbuf *err);

/* The reference data as of batch limit, in the open transaction, for
 * validating a pupil's facts on it (builder_new_on): kept on the connection
 * and read again only when an import was committed between the batch it was
 * read at and limit, by this process or any other (reference data changes
 * only by import: a correction of a reference table is refused). *ref NULL
 * when the registry's reference data does not build (the caller then builds
 * it with the pupil's, which says why). 0, or -1 with err: store_reference.c. */
int reference_at(store *st, int64_t limit, const dataset **ref, strbuf *err);

/* Whether anything a validation of pupil_id at batch `since` read has changed
 * in the open transaction: an import since, or a version of the pupil's facts
 * begun or ended since (1, 0 or -1): store_write_path.c. */
int pupil_changed_since(store *st, const char *pupil_id, int64_t since, strbuf *err);

/* A pupil's id and the ids merged into it (store_merge.c), as an SQL
 * subquery of ?1: "leerling_id IN " MERGED_IDS. */
#define MERGED_IDS                                                                                     \
	"(WITH RECURSIVE ids(id) AS (SELECT CAST(?1 AS TEXT) UNION SELECT s.leerling_id FROM samenvoeging s JOIN ids" \
	" ON s.naar = ids.id) SELECT id FROM ids)"
/* Validate a pupil's current facts as they stand in the open transaction
 * (0, STORE_INVALID with the reasons in err, or -1): store_merge.c. */
int pupil_validate_in_tx(store *st, const char *pupil_id, strbuf *err);

/* The roles of a PostgreSQL registry (store_roles.c, which uses db.h only;
 * nothing on SQLite). roles_may_migrate: 0 when the connection's role may
 * bring the schema from version to expected, else -1 with err saying who
 * may and how. roles_grant: inside the caller's write transaction, the
 * application's group role made when missing (if the role may) and given
 * its privileges again; *granted false when there is no group role and
 * none can be made. */
int roles_may_migrate(db *d, int version, int expected, strbuf *err);
int roles_grant(db *d, bool *granted, strbuf *err);
/* Tell the registry's other processes of a change (store_watch.c): inside
 * the change's open transaction (PostgreSQL delivers it at the commit), or
 * after a change committed on its own. No effect on SQLite. 0 or -1. */
int tell(store *st, const store_change *ch, strbuf *err);
int tell_cases(store *st, strbuf *err);
/* Batch `batch` changed the pupils ids (n; more than STORE_CHANGE_IDS, or
 * none, tells of everybody). */
int tell_batch(store *st, int64_t batch, const char *const *ids, size_t n, strbuf *err);
/* The sessions of account user, or the one session token_hash (user 0),
 * ended or changed. */
int tell_sessions(store *st, int64_t user, const char *token_hash, strbuf *err);

/* A column's text, or NULL. */
static inline const char *col_text(db_stmt *q, int i)
{
	return db_col_text(q, i);
}

/* A column's integer (0 for NULL). */
static inline int64_t col_int(db_stmt *q, int i)
{
	return db_col_int(q, i);
}

/* Columns first .. first + n - 1 of the current row as fields (NULL: empty);
 * valid until the next step. */
static inline void col_fields(db_stmt *q, int first, int n, field *f)
{
	for (int i = 0; i < n; i++) {
		const char *v = col_text(q, first + i);
		f[i] = (field){v, v ? db_col_bytes(q, first + i) : 0};
	}
}

#endif
