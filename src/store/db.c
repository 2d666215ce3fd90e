/*
 * db.c - db.h's dispatcher: db_open chooses the backend by the target
 * (db_is_postgres: PostgreSQL through libpq, db_pg*.c; else an SQLite file,
 * db_sqlite.c), and every other call goes to the backend of the handle it
 * is given, read from the db_kind every backend's db, db_stmt and db_bulk
 * begins with (db_pg.h, db_sqlite.h).
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_pg.h"
#include "db_sqlite.h"
#include "../util/alloc.h"

/* The kind of any handle of either backend (its first member). */
#define KIND(h) (*(const db_kind *)(const void *)(h))
#define PG(h) (KIND(h) == DB_POSTGRES)

bool db_is_postgres(const char *target)
{
	return target && (strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0);
}

int db_open(const char *target, unsigned flags, db **out, strbuf *err)
{
	return db_is_postgres(target) ? db_pg_open(target, flags, out, err) : db_sqlite_open(target, flags, out, err);
}

void db_close(db *d)
{
	if (d)
		PG(d) ? db_pg_close(d) : db_sqlite_close(d);
}

db_kind db_kind_of(const db *d)
{
	return KIND(d);
}

const char *db_errmsg(db *d)
{
	if (!d)
		return "geen verbinding";
	return PG(d) ? db_pg_errmsg(d) : db_sqlite_errmsg(d);
}

void db_reset(db_stmt *q)
{
	PG(q) ? db_pg_reset(q) : db_sqlite_reset(q);
}

void db_finalize(db_stmt *q)
{
	if (q)
		PG(q) ? db_pg_finalize(q) : db_sqlite_finalize(q);
}

int db_checkpoint(db *d, int *log_pages, int *copied)
{
	if (PG(d)) {
		if (log_pages)
			*log_pages = -1;
		if (copied)
			*copied = -1;
		return DB_OK;
	}
	return db_sqlite_checkpoint(d, log_pages, copied);
}

int db_exec(db *d, const char *sql)
{
	return PG(d) ? db_pg_exec(d, sql) : db_sqlite_exec(d, sql);
}

int db_begin(db *d, bool write)
{
	return PG(d) ? db_pg_begin(d, write) : db_sqlite_begin(d, write);
}

int db_commit(db *d)
{
	return PG(d) ? db_pg_commit(d) : db_sqlite_commit(d);
}

int db_rollback(db *d)
{
	return PG(d) ? db_pg_rollback(d) : db_sqlite_rollback(d);
}

bool db_in_transaction(db *d)
{
	return PG(d) ? db_pg_in_transaction(d) : db_sqlite_in_transaction(d);
}

int db_prepare(db *d, const char *sql, db_stmt **out)
{
	return PG(d) ? db_pg_prepare(d, sql, out) : db_sqlite_prepare(d, sql, out);
}

int db_bind_text(db_stmt *q, int i, const char *v, size_t len)
{
	return PG(q) ? db_pg_bind_text(q, i, v, len) : db_sqlite_bind_text(q, i, v, len);
}

int db_bind_int(db_stmt *q, int i, int64_t v)
{
	return PG(q) ? db_pg_bind_int(q, i, v) : db_sqlite_bind_int(q, i, v);
}

int db_bind_null(db_stmt *q, int i)
{
	return PG(q) ? db_pg_bind_null(q, i) : db_sqlite_bind_null(q, i);
}

int db_param_count(db_stmt *q)
{
	return PG(q) ? db_pg_param_count(q) : db_sqlite_param_count(q);
}

int db_step(db_stmt *q)
{
	return PG(q) ? db_pg_step(q) : db_sqlite_step(q);
}

bool db_col_null(db_stmt *q, int i)
{
	return PG(q) ? db_pg_col_null(q, i) : db_sqlite_col_null(q, i);
}

int64_t db_col_int(db_stmt *q, int i)
{
	return PG(q) ? db_pg_col_int(q, i) : db_sqlite_col_int(q, i);
}

const char *db_col_text(db_stmt *q, int i)
{
	return PG(q) ? db_pg_col_text(q, i) : db_sqlite_col_text(q, i);
}

size_t db_col_bytes(db_stmt *q, int i)
{
	return PG(q) ? db_pg_col_bytes(q, i) : db_sqlite_col_bytes(q, i);
}

int64_t db_changes(db *d)
{
	return PG(d) ? db_pg_changes(d) : db_sqlite_changes(d);
}

int db_schema_version(db *d, int *version)
{
	return PG(d) ? db_pg_schema_version(d, version) : db_sqlite_schema_version(d, version);
}

int db_set_schema_version(db *d, int version)
{
	return PG(d) ? db_pg_set_schema_version(d, version) : db_sqlite_set_schema_version(d, version);
}

int db_bulk_begin(db *d, const char *table, const char *const *cols, int ncols, db_bulk **out)
{
	return PG(d) ? db_pg_bulk_begin(d, table, cols, ncols, out) : db_sqlite_bulk_begin(d, table, cols, ncols, out);
}

int db_bulk_row(db_bulk *b, const field *f)
{
	return PG(b) ? db_pg_bulk_row(b, f) : db_sqlite_bulk_row(b, f);
}

int db_bulk_end(db_bulk *b)
{
	return PG(b) ? db_pg_bulk_end(b) : db_sqlite_bulk_end(b);
}

/* Notifications are PostgreSQL's: SQLite has none to wait for. */
static int no_notifications(db *d)
{
	(void)d;
	return DB_ERROR;
}

int db_listen(db *d, const char *channel)
{
	return PG(d) ? db_pg_listen(d, channel) : no_notifications(d);
}

int db_notification(db *d, int timeout_ms, strbuf *payload)
{
	return PG(d) ? db_pg_notification(d, timeout_ms, payload) : no_notifications(d);
}

int db_bulk_row_exact(db_bulk *b, const field *f)
{
	return PG(b) ? db_pg_bulk_row_exact(b, f) : db_sqlite_bulk_row_exact(b, f);
}

/* db_each_row, one db_step at a time (SQLite, and PostgreSQL's statements
 * with text parameters: a pupil's rows, few). */
static int each_by_step(db_stmt *q, int ncols, db_rows_fn fn, void *ctx)
{
	field *f = xcalloc((size_t)ncols + 1, sizeof *f);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		for (int i = 0; i < ncols; i++) {
			const char *v = db_col_text(q, i + 1);
			f[i] = (field){v, v ? db_col_bytes(q, i + 1) : 0};
		}
		if (fn(ctx, db_col_int(q, 0), f, ncols)) {
			db_reset(q);
			rc = DB_ERROR;
			break;
		}
	}
	free(f);
	return rc;
}

int db_each_row(db_stmt *q, int ncols, db_rows_fn fn, void *ctx)
{
	return PG(q) && db_pg_copyable(q) ? db_pg_each_row(q, ncols, fn, ctx) : each_by_step(q, ncols, fn, ctx);
}

/* Staged loads are PostgreSQL's: on SQLite the caller fills its tables itself. */
int db_stage_open(db *d, const char *const *tables, int ntables, db_stage **out)
{
	*out = NULL;
	return PG(d) ? db_pg_stage_open(d, tables, ntables, out) : DB_ERROR;
}

int db_stage_table(db_stage *s, const char *table, db **conn)
{
	return db_pg_stage_table(s, table, conn);
}

int db_stage_table_done(db_stage *s, const char *table)
{
	return db_pg_stage_table_done(s, table);
}

int db_stage_adopt(db_stage *s)
{
	return db_pg_stage_adopt(s);
}

void db_stage_drop(db_stage *s)
{
	db_pg_stage_drop(s);
}
