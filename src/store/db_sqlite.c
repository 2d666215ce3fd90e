/*
 * db_sqlite.c - db.h on SQLite, the embedded default: a registry file in
 * WAL mode, statements prepared once and stepped, SQLite's result codes
 * mapped to db.h's, and the bulk load as multi-row INSERTs of one prepared
 * statement. The only file of src/ that speaks to SQLite itself.
 */
#include "db_sqlite.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "../util/alloc.h"

struct db {
	db_kind kind;	 /* DB_SQLITE: first, see db_sqlite.h */
	sqlite3 *h;
	bool closed;	 /* after a failed ROLLBACK: h is closed, everything is refused */
	char msg[512];	 /* why it was closed */
};

/* A db_stmt is SQLite's statement behind the kind tag, the connection
 * found by sqlite3_db_handle() (see st()). */
struct db_stmt {
	db_kind kind; /* DB_SQLITE: first, see db_sqlite.h */
	sqlite3_stmt *s;
};

static sqlite3_stmt *st(db_stmt *q)
{
	return q->s;
}

/* For the unit tests that reach the SQLite connection under a store (a
 * limit, an authorizer): declared here, as nothing else in src/ may. */
sqlite3 *db_sqlite_handle(db *d);
sqlite3 *db_sqlite_handle(db *d)
{
	return d && !d->closed ? d->h : NULL;
}

/* An SQLite result as db.h's, with the extended code of h for constraints. */
static int map(sqlite3 *h, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK: return DB_OK;
	case SQLITE_ROW: return DB_ROW;
	case SQLITE_DONE: return DB_DONE;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return DB_BUSY;
	case SQLITE_NOMEM: return DB_NOMEM;
	case SQLITE_CONSTRAINT: {
		int ext = h ? sqlite3_extended_errcode(h) : rc;
		return ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY ? DB_UNIQUE : DB_CONSTRAINT;
	}
	default: return DB_ERROR;
	}
}

/* A failure's code (never DB_OK, DB_ROW or DB_DONE). */
static int fail(sqlite3 *h, int rc)
{
	int m = map(h, rc);
	return m == DB_OK || m == DB_ROW || m == DB_DONE ? DB_ERROR : m;
}

/* SQLite's memory statistics take a global mutex around every allocation:
 * the store reads none of them, and a bulk import allocates per row. This
 * must precede SQLite's initialisation, so it runs once, at the first open
 * (every use of SQLite goes through db_open); later it would be refused
 * (SQLITE_MISUSE) and change nothing, which is harmless. */
static void sqlite_setup(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_sqlite_open(const char *target, unsigned flags, db **out, strbuf *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_setup);
	*out = NULL;
	db *d = xcalloc(1, sizeof *d);
	d->kind = DB_SQLITE;
	bool ro = flags & DB_READONLY;
	int rc = sqlite3_open_v2(target, &d->h,
				 (ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		sb_printf(err, "registratie %s kan niet worden geopend: %s", target,
			  d->h ? sqlite3_errmsg(d->h) : "geen geheugen");
		db_sqlite_close(d);
		return rc == SQLITE_NOMEM ? DB_NOMEM : DB_ERROR;
	}
	sqlite3_busy_timeout(d->h, 10000);
	/* A reader (the store's parallel read) keeps SQLite's defaults: a small
	 * page cache each, nothing to set on the file. */
	if (!ro) {
		char *msg = NULL;
		rc = sqlite3_exec(d->h,
				  "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
				  "PRAGMA cache_size = -65536;",
				  NULL, NULL, &msg);
		if (rc != SQLITE_OK) {
			sb_printf(err, "registratie: %s", msg ? msg : sqlite3_errmsg(d->h));
			sqlite3_free(msg);
			rc = map(d->h, rc);
			db_sqlite_close(d);
			return rc;
		}
	}
	*out = d;
	return DB_OK;
}

void db_sqlite_close(db *d)
{
	if (!d)
		return;
	if (!d->closed)
		sqlite3_close(d->h);
	free(d);
}

const char *db_sqlite_errmsg(db *d)
{
	if (!d)
		return "geen verbinding";
	return d->closed ? d->msg : sqlite3_errmsg(d->h);
}

int db_sqlite_exec(db *d, const char *sql)
{
	if (d->closed)
		return DB_CLOSED;
	return map(d->h, sqlite3_exec(d->h, sql, NULL, NULL, NULL));
}

int db_sqlite_begin(db *d, bool write)
{
	return db_sqlite_exec(d, write ? "BEGIN IMMEDIATE" : "BEGIN");
}

int db_sqlite_commit(db *d)
{
	return db_sqlite_exec(d, "COMMIT");
}

int db_sqlite_rollback(db *d)
{
	if (d->closed)
		return DB_CLOSED;
	if (sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK || sqlite3_get_autocommit(d->h))
		return DB_OK; /* rolled back now, or by SQLite already: no transaction is left */
	/* Going on would let later statements see - and a later COMMIT keep -
	 * half a change. Closing discards the open transaction (from the journal
	 * at the next open, if need be); a statement still unfinalized keeps
	 * the connection alive until it is, and nothing uses it again. */
	snprintf(d->msg, sizeof d->msg, "%s", sqlite3_errmsg(d->h));
	sqlite3_close_v2(d->h);
	d->h = NULL;
	d->closed = true;
	return DB_CLOSED;
}

bool db_sqlite_in_transaction(db *d)
{
	return !d->closed && !sqlite3_get_autocommit(d->h);
}

int db_sqlite_prepare(db *d, const char *sql, db_stmt **out)
{
	*out = NULL;
	if (d->closed)
		return DB_CLOSED;
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(d->h, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return fail(d->h, rc);
	db_stmt *q = xmalloc(sizeof *q);
	*q = (db_stmt){.kind = DB_SQLITE, .s = s};
	*out = q;
	return DB_OK;
}

int db_sqlite_bind_text(db_stmt *q, int i, const char *v, size_t len)
{
	if (!v)
		return db_sqlite_bind_null(q, i);
	if (len != (size_t)-1 && len > (size_t)INT32_MAX)
		return DB_ERROR;
	int n = len == (size_t)-1 ? -1 : (int)len;
	return map(sqlite3_db_handle(st(q)), sqlite3_bind_text(st(q), i, v, n, SQLITE_STATIC));
}

int db_sqlite_bind_int(db_stmt *q, int i, int64_t v)
{
	return map(sqlite3_db_handle(st(q)), sqlite3_bind_int64(st(q), i, v));
}

int db_sqlite_bind_null(db_stmt *q, int i)
{
	return map(sqlite3_db_handle(st(q)), sqlite3_bind_null(st(q), i));
}

int db_sqlite_param_count(db_stmt *q)
{
	return sqlite3_bind_parameter_count(st(q));
}

int db_sqlite_step(db_stmt *q)
{
	int rc = sqlite3_step(st(q));
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return fail(sqlite3_db_handle(st(q)), rc);
}

void db_sqlite_reset(db_stmt *q)
{
	/* It repeats the error of the last step, which its caller checked. */
	(void)sqlite3_reset(st(q));
}

void db_sqlite_finalize(db_stmt *q)
{
	if (!q)
		return;
	(void)sqlite3_finalize(st(q));
	free(q);
}

bool db_sqlite_col_null(db_stmt *q, int i)
{
	return sqlite3_column_type(st(q), i) == SQLITE_NULL;
}

int64_t db_sqlite_col_int(db_stmt *q, int i)
{
	return sqlite3_column_int64(st(q), i);
}

const char *db_sqlite_col_text(db_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(st(q), i);
}

size_t db_sqlite_col_bytes(db_stmt *q, int i)
{
	return (size_t)sqlite3_column_bytes(st(q), i);
}

int64_t db_sqlite_changes(db *d)
{
	return d->closed ? 0 : sqlite3_changes(d->h);
}

int db_sqlite_schema_version(db *d, int *version)
{
	*version = 0;
	db_stmt *q;
	int rc = db_sqlite_prepare(d, "PRAGMA user_version", &q);
	if (rc)
		return rc;
	rc = db_sqlite_step(q);
	if (rc == DB_ROW)
		*version = (int)db_sqlite_col_int(q, 0);
	db_sqlite_finalize(q);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
}

int db_sqlite_set_schema_version(db *d, int version)
{
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version);
	return db_sqlite_exec(d, sql);
}

/* ---- bulk loading ---------------------------------------------------------- */

/* Rows gathered BULK_ROWS at a time and inserted by one statement of as
 * many rows (one prepared statement per load, reused), so that the
 * per-statement work of SQLite (opening the table, halting, resetting) is
 * paid once per BULK_ROWS rows. The fields are copied into one buffer,
 * bound without a copy (SQLITE_STATIC) and valid until the statement is
 * reset. The last rows go one at a time. */
enum { BULK_ROWS = 64 };
#define NULL_FIELD SIZE_MAX

struct db_bulk {
	db_kind kind; /* DB_SQLITE: first, see db_sqlite.h */
	db *d;
	sqlite3_stmt *one, *many; /* one row; BULK_ROWS rows */
	int ncols;
	int rc; /* the first failure; later rows are dropped */
	size_t n; /* rows gathered */
	size_t *off, *len; /* [row * ncols + col]: their fields in text; len NULL_FIELD: NULL */
	char *text;
	size_t text_len, text_cap;
};

/* "INSERT INTO <table> (<cols>) VALUES (?1, ...), ..." of rows rows. */
static int prepare_rows(db *d, const char *table, const char *const *cols, int ncols, int rows, sqlite3_stmt **q)
{
	strbuf sql = STRBUF_INIT;
	/* OR FAIL: a row that breaks a constraint ends the statement with the
	 * rows before it kept, instead of undoing the statement's rows (ABORT).
	 * Every caller rolls the whole transaction back after a failure, so
	 * the result is the same, and SQLite need not keep a statement journal
	 * (a copy of every page each statement of 64 rows changes, spilled to a
	 * temporary file) - unless a foreign key is checked, which can still
	 * abort (the first import switches them off, store_import.c). */
	sb_printf(&sql, "INSERT OR FAIL INTO %s (", table);
	for (int i = 0; i < ncols; i++)
		sb_printf(&sql, "%s%s", i ? ", " : "", cols[i]);
	sb_puts(&sql, ") VALUES ");
	int param = 1;
	for (int r = 0; r < rows; r++) {
		sb_puts(&sql, r ? ", (" : "(");
		for (int i = 0; i < ncols; i++)
			sb_printf(&sql, "%s?%d", i ? ", " : "", param++);
		sb_puts(&sql, ")");
	}
	int rc = sqlite3_prepare_v2(d->h, sb_str(&sql), -1, q, NULL);
	sb_free(&sql);
	return rc == SQLITE_OK ? DB_OK : fail(d->h, rc);
}

int db_sqlite_bulk_begin(db *d, const char *table, const char *const *cols, int ncols, db_bulk **out)
{
	*out = NULL;
	if (d->closed)
		return DB_CLOSED;
	if (ncols < 1)
		return DB_ERROR;
	db_bulk *b = xcalloc(1, sizeof *b);
	*b = (db_bulk){.kind = DB_SQLITE, .d = d, .ncols = ncols};
	int rc = prepare_rows(d, table, cols, ncols, 1, &b->one);
	if (!rc)
		rc = prepare_rows(d, table, cols, ncols, BULK_ROWS, &b->many);
	if (rc) {
		sqlite3_finalize(b->one);
		sqlite3_finalize(b->many);
		free(b);
		return rc;
	}
	b->off = xmalloc((size_t)BULK_ROWS * (size_t)ncols * sizeof *b->off);
	b->len = xmalloc((size_t)BULK_ROWS * (size_t)ncols * sizeof *b->len);
	*out = b;
	return DB_OK;
}

static void bulk_flush(db_bulk *b)
{
	bool many = b->n == BULK_ROWS;
	for (size_t r = 0; r < b->n && !b->rc; r++) {
		sqlite3_stmt *q = many ? b->many : b->one;
		int first = many ? 1 + (int)r * b->ncols : 1;
		int rc = SQLITE_OK;
		for (int i = 0; i < b->ncols && rc == SQLITE_OK; i++) {
			size_t k = r * (size_t)b->ncols + (size_t)i;
			rc = b->len[k] != NULL_FIELD
				     ? sqlite3_bind_text(q, first + i, b->len[k] ? b->text + b->off[k] : "", (int)b->len[k],
							 SQLITE_STATIC) /* "": a NULL pointer would bind NULL */
				     : sqlite3_bind_null(q, first + i);
		}
		if (rc == SQLITE_OK && (!many || r == BULK_ROWS - 1)) {
			rc = sqlite3_step(q);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
			else
				b->rc = fail(b->d->h, rc);
			sqlite3_reset(q);
		} else if (rc != SQLITE_OK) {
			b->rc = fail(b->d->h, rc);
		}
	}
	b->n = 0;
	b->text_len = 0;
}

/* A field is NULL when empty, or with exact only when it has no text. */
static int bulk_row(db_bulk *b, const field *f, bool exact)
{
	if (b->rc)
		return b->rc;
	size_t need = 0;
	for (int i = 0; i < b->ncols; i++) {
		if (f[i].len > (size_t)INT32_MAX)
			return b->rc = DB_ERROR;
		need += f[i].len;
	}
	if (b->text_len + need > b->text_cap) {
		/* Only between statements: nothing is bound to the buffer yet. */
		b->text_cap = (b->text_len + need) * 2 + 4096;
		b->text = xrealloc(b->text, b->text_cap);
	}
	size_t *off = b->off + b->n * (size_t)b->ncols, *len = b->len + b->n * (size_t)b->ncols;
	for (int i = 0; i < b->ncols; i++) {
		off[i] = b->text_len;
		len[i] = f[i].len || (exact && f[i].p) ? f[i].len : NULL_FIELD;
		if (f[i].len)
			memcpy(b->text + b->text_len, f[i].p, f[i].len);
		b->text_len += f[i].len;
	}
	if (++b->n == BULK_ROWS)
		bulk_flush(b);
	return b->rc;
}

int db_sqlite_bulk_row(db_bulk *b, const field *f)
{
	return bulk_row(b, f, false);
}

int db_sqlite_bulk_row_exact(db_bulk *b, const field *f)
{
	return bulk_row(b, f, true);
}

int db_sqlite_bulk_end(db_bulk *b)
{
	bulk_flush(b);
	int rc = b->rc;
	/* The statements first: they hold the buffer's text (SQLITE_STATIC). */
	sqlite3_finalize(b->one);
	sqlite3_finalize(b->many);
	free(b->text);
	free(b->off);
	free(b->len);
	free(b);
	return rc;
}

int db_sqlite_checkpoint(db *d, int *log_pages, int *copied)
{
	if (log_pages)
		*log_pages = -1;
	if (copied)
		*copied = -1;
	if (d->closed)
		return DB_CLOSED;
	/* PASSIVE: copies what no reader still needs, without waiting for
	 * readers or taking the write lock from writers. */
	return map(d->h, sqlite3_wal_checkpoint_v2(d->h, NULL, SQLITE_CHECKPOINT_PASSIVE, log_pages, copied));
}
