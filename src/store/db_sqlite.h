/*
 * db_sqlite.h - the SQLite backend of db.h (db_sqlite.c): every function of
 * db.h as db_sqlite_NAME, with the same contract, for the dispatcher
 * (db.c), which chooses the backend by db_is_postgres() when opening and by
 * the kind a connection, statement or bulk load starts with afterwards.
 *
 * Every struct db, db_stmt and db_bulk that db_sqlite.c hands out begins
 * with a db_kind equal to DB_SQLITE (as db_pg.h's with DB_POSTGRES).
 */
#ifndef INBEELD_DB_SQLITE_H
#define INBEELD_DB_SQLITE_H

#include "db.h"

int db_sqlite_open(const char *target, unsigned flags, db **out, strbuf *err);
void db_sqlite_close(db *d);
const char *db_sqlite_errmsg(db *d);
int db_sqlite_exec(db *d, const char *sql);
int db_sqlite_begin(db *d, bool write);
int db_sqlite_commit(db *d);
int db_sqlite_rollback(db *d);
bool db_sqlite_in_transaction(db *d);
int db_sqlite_prepare(db *d, const char *sql, db_stmt **out);
int db_sqlite_bind_text(db_stmt *q, int i, const char *v, size_t len);
int db_sqlite_bind_int(db_stmt *q, int i, int64_t v);
int db_sqlite_bind_null(db_stmt *q, int i);
int db_sqlite_param_count(db_stmt *q);
int db_sqlite_step(db_stmt *q);
void db_sqlite_reset(db_stmt *q);
void db_sqlite_finalize(db_stmt *q);
bool db_sqlite_col_null(db_stmt *q, int i);
int64_t db_sqlite_col_int(db_stmt *q, int i);
const char *db_sqlite_col_text(db_stmt *q, int i);
size_t db_sqlite_col_bytes(db_stmt *q, int i);
int64_t db_sqlite_changes(db *d);
int db_sqlite_schema_version(db *d, int *version);
int db_sqlite_set_schema_version(db *d, int version);
int db_sqlite_bulk_begin(db *d, const char *table, const char *const *cols, int ncols, db_bulk **out);
int db_sqlite_bulk_row(db_bulk *b, const field *f);
int db_sqlite_bulk_end(db_bulk *b);
int db_sqlite_bulk_row_exact(db_bulk *b, const field *f);
int db_sqlite_checkpoint(db *d, int *log_pages, int *copied);

#endif
