/*
 * db.h - the one door of the store to its database: a connection, prepared
 * statements with numbered parameters, rows, transactions and bulk loading,
 * the same for SQLite (db_sqlite.c, the embedded default) and PostgreSQL
 * through libpq (db_pg.c, the shared deployment). Only src/store uses it.
 *
 * SQL is written once, in the dialect both understand (SQLite 3.40 and
 * PostgreSQL 15): parameters as ?1, ?2 ... (numbered, never a bare ?; the
 * PostgreSQL backend rewrites them to $1, $2 ... outside string literals);
 * INSERT ... RETURNING id instead of a last-insert id; ON CONFLICT DO
 * NOTHING instead of INSERT OR IGNORE; coalesce, CASE, max/min as
 * aggregates only (greatest/least differ); no PRAGMA, no json_*, no
 * strftime/datetime, no IS between values (IS NULL / IS NOT NULL only),
 * no integers as booleans ("WHERE x" - write "WHERE x <> 0"). What cannot
 * be said in both (the schema, PRAGMAs, the WAL) asks db_kind().
 *
 * Every function that can fail returns DB_OK (0) or an error code and
 * leaves the message in db_errmsg(); none of them prints. Text bound to a
 * statement is not copied: it must stay valid until the statement is reset,
 * stepped to DB_DONE or finalized (as SQLITE_STATIC). A connection is used
 * by one thread at a time.
 */
#ifndef INBEELD_DB_H
#define INBEELD_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/facts.h"
#include "../util/strbuf.h"

typedef struct db db;
typedef struct db_stmt db_stmt;
typedef struct db_bulk db_bulk;
typedef struct db_stage db_stage;

typedef enum db_kind { DB_SQLITE, DB_POSTGRES } db_kind;

/* Results. DB_ROW and DB_DONE come only from db_step(). */
enum {
	DB_OK = 0,
	DB_ROW,
	DB_DONE,
	DB_ERROR,	/* anything not below */
	DB_BUSY,	/* locked by another connection past the timeout */
	DB_UNIQUE,	/* a UNIQUE or PRIMARY KEY constraint refused a row */
	DB_CONSTRAINT,	/* another constraint (CHECK, NOT NULL, foreign key, a trigger's RAISE) */
	DB_NOMEM,
	DB_CLOSED	/* the connection was closed after a failed ROLLBACK */
};

/* Opening flags. */
enum { DB_READONLY = 1 << 0 };

/* Whether target names a PostgreSQL database (a libpq connection URI:
 * "postgresql://..." or "postgres://...") rather than an SQLite file. */
bool db_is_postgres(const char *target);

/* Open (SQLite: create when missing, unless DB_READONLY) the database
 * target names. On failure *out is NULL and err says why, naming target
 * without its password. */
int db_open(const char *target, unsigned flags, db **out, strbuf *err);
/* Close d (NULL is allowed); statements must be finalized first. */
void db_close(db *d);
db_kind db_kind_of(const db *d);
/* The message of the last failure on d ("" when none). */
const char *db_errmsg(db *d);

/* One or more statements without parameters or results (";"-separated). */
int db_exec(db *d, const char *sql);

/* Transactions. A write transaction is exclusive among all writers of the
 * database (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN and a transaction-
 * scoped advisory lock every writer takes), so a write that read inside
 * its transaction saw the state it changes. A read transaction sees one
 * state of the database from its first statement to its end. */
int db_begin(db *d, bool write);
int db_commit(db *d);
int db_rollback(db *d);
/* Whether a transaction is open on d (after a failure the database may
 * have ended it already). */
bool db_in_transaction(db *d);

int db_prepare(db *d, const char *sql, db_stmt **out);
/* Parameters are numbered from 1. Binding NULL text binds NULL; len is the
 * length of v, or (size_t)-1 for a NUL-terminated string. */
int db_bind_text(db_stmt *q, int i, const char *v, size_t len);
int db_bind_int(db_stmt *q, int i, int64_t v);
int db_bind_null(db_stmt *q, int i);
/* The highest parameter number the statement uses. */
int db_param_count(db_stmt *q);
/* DB_ROW while there are rows, then DB_DONE; anything else is an error
 * (and the statement must be reset before it runs again). */
int db_step(db_stmt *q);
/* Make q ready to run again; the bound values are kept. */
void db_reset(db_stmt *q);
/* Free q (NULL is allowed). */
void db_finalize(db_stmt *q);

/* Columns of the current row, numbered from 0. Text is valid until the next
 * step, reset or finalize; NULL for SQL NULL. */
bool db_col_null(db_stmt *q, int i);
int64_t db_col_int(db_stmt *q, int i); /* 0 for NULL */
const char *db_col_text(db_stmt *q, int i);
size_t db_col_bytes(db_stmt *q, int i);

/* Rows changed by the last INSERT, UPDATE or DELETE stepped on d. */
int64_t db_changes(db *d);

/* The schema version of the database (0: new) and setting it inside the
 * migration's transaction (SQLite: PRAGMA user_version; PostgreSQL: the
 * one row of the table inbeeld_schema, which db_set_schema_version creates
 * when missing). */
int db_schema_version(db *d, int *version);
int db_set_schema_version(db *d, int version);

/* Bulk loading of many rows into one table inside the caller's write
 * transaction: PostgreSQL with COPY ... FROM STDIN, SQLite with multi-row
 * INSERTs of one prepared statement. cols names the ncols columns; each row
 * gives ncols fields as text, an empty field being NULL. Rows are sent as
 * they come and the load is complete, or refused as a whole, at
 * db_bulk_end(); db_bulk_end() also frees b when it fails. */
int db_bulk_begin(db *d, const char *table, const char *const *cols, int ncols, db_bulk **out);
int db_bulk_row(db_bulk *b, const field *f);
int db_bulk_end(db_bulk *b);
/* A row of a copy (store_copy.c): as db_bulk_row, but a field is NULL only
 * when its p is NULL; an empty field with p set is the empty text. */
int db_bulk_row_exact(db_bulk *b, const field *f);

/* SQLite only (DB_OK and no effect on PostgreSQL): a passive checkpoint of
 * the write-ahead log; *log_pages and *copied as sqlite3_wal_checkpoint_v2
 * gives them (-1 when unknown). */
int db_checkpoint(db *d, int *log_pages, int *copied);

/* PostgreSQL only (DB_ERROR on SQLite, which has no notifications; issue
 * 16): LISTEN on d to channel; then wait up to timeout_ms for the next
 * notification sent to it (pg_notify, delivered when the sender's
 * transaction commits): DB_ROW with its payload in *payload, DB_DONE when
 * none came in time, DB_CLOSED when the connection is gone. A connection
 * that listens runs nothing else (db_pg_listen.c). */
int db_listen(db *d, const char *channel);
int db_notification(db *d, int timeout_ms, strbuf *payload);

/* Reading whole tables (issue 16): every row of q handed to fn, which
 * returns 0 to go on. q's first column is an integer (a row's id, 0 for
 * NULL), given as id; the ncols after it are text (an integer column as its
 * digits), given as f[0..ncols-1] NUL-terminated, p NULL for SQL NULL and ""
 * for the empty text, valid during the call. DB_DONE when every row was
 * given; a nonzero fn ends the read with DB_ERROR, the reason fn's to keep
 * (PostgreSQL reads and drops the rest of the rows). fn must not use q's
 * connection. q is then as if stepped to its end. SQLite steps q;
 * PostgreSQL sends a statement whose parameters are all integers as one
 * COPY (...) TO STDOUT, without a result per row (db_pg_read.c), and steps
 * any other. */
typedef int (*db_rows_fn)(void *ctx, int64_t id, const field *f, int ncols);
int db_each_row(db_stmt *q, int ncols, db_rows_fn fn, void *ctx);

/* Staged first loads (PostgreSQL only; issue 16): tables a write
 * transaction on d fills from empty are filled on a second connection at
 * the same time. db_stage_open, inside d's write transaction, opens it when
 * d's role owns every one of the ntables tables (and may make a schema in
 * the database and tables in theirs) and no other object depends on them:
 * otherwise *out is NULL with DB_OK (the caller fills them as it would);
 * SQLite returns DB_ERROR (not supported), as does a failure (d's message).
 * db_stage_table, on the thread that owns the second connection, makes a
 * copy of table without rows in the stage's scratch schema and gives in
 * *conn the connection on which the table's name now means that copy: the
 * caller fills it (db_bulk_*, from empty: COPY FREEZE); db_stage_table_done
 * then builds its keys and indexes (failures: *conn's message).
 * db_stage_adopt, back in d's transaction once the filling is done, puts
 * each copy in its original's place (the original, empty, dropped; its
 * foreign keys, triggers and privileges made again on the copy): what d's
 * transaction commits is what filling the originals would have committed,
 * and its rollback leaves them as they were. db_stage_drop, after d's
 * transaction ended either way, removes whatever of the stage is left
 * (the scratch schema) and frees s (NULL is allowed). */
int db_stage_open(db *d, const char *const *tables, int ntables, db_stage **out);
int db_stage_table(db_stage *s, const char *table, db **conn);
int db_stage_table_done(db_stage *s, const char *table);
int db_stage_adopt(db_stage *s);
void db_stage_drop(db_stage *s);

#endif
