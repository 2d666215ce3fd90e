/*
 * db_pg.h - the PostgreSQL backend of db.h (db_pg.c, over libpq): every
 * function of db.h as db_pg_NAME, with the same contract, for the function
 * of db.h that chooses the backend (by db_is_postgres() when opening, by
 * the kind a connection, statement or bulk load starts with afterwards).
 *
 * Every struct db, db_stmt and db_bulk that db_pg.c hands out begins with a
 * db_kind equal to DB_POSTGRES, so that a dispatcher can read the kind of an
 * opaque handle: `*(const db_kind *)(const void *)h`.
 */
#ifndef INBEELD_DB_PG_H
#define INBEELD_DB_PG_H

#include "db.h"

int db_pg_open(const char *target, unsigned flags, db **out, strbuf *err);
void db_pg_close(db *d);
const char *db_pg_errmsg(db *d);
int db_pg_exec(db *d, const char *sql);
int db_pg_begin(db *d, bool write);
int db_pg_commit(db *d);
int db_pg_rollback(db *d);
bool db_pg_in_transaction(db *d);
int db_pg_prepare(db *d, const char *sql, db_stmt **out);
int db_pg_bind_text(db_stmt *q, int i, const char *v, size_t len);
int db_pg_bind_int(db_stmt *q, int i, int64_t v);
int db_pg_bind_null(db_stmt *q, int i);
int db_pg_param_count(db_stmt *q);
int db_pg_step(db_stmt *q);
void db_pg_reset(db_stmt *q);
void db_pg_finalize(db_stmt *q);
bool db_pg_col_null(db_stmt *q, int i);
int64_t db_pg_col_int(db_stmt *q, int i);
const char *db_pg_col_text(db_stmt *q, int i);
size_t db_pg_col_bytes(db_stmt *q, int i);
int64_t db_pg_changes(db *d);
int db_pg_schema_version(db *d, int *version);
int db_pg_set_schema_version(db *d, int version);
int db_pg_bulk_begin(db *d, const char *table, const char *const *cols, int ncols, db_bulk **out);
int db_pg_bulk_row(db_bulk *b, const field *f);
int db_pg_bulk_end(db_bulk *b);
int db_pg_listen(db *d, const char *channel);
int db_pg_notification(db *d, int timeout_ms, strbuf *payload);
int db_pg_bulk_row_exact(db_bulk *b, const field *f);
int db_pg_stage_open(db *d, const char *const *tables, int ntables, db_stage **out);
int db_pg_stage_table(db_stage *s, const char *table, db **conn);
int db_pg_stage_table_done(db_stage *s, const char *table);
int db_pg_stage_adopt(db_stage *s);
void db_pg_stage_drop(db_stage *s);
/* db_each_row by COPY (db_pg_read.c), for a statement whose parameters are
 * all bound integers (db_pg_copyable). */
bool db_pg_copyable(db_stmt *q);
int db_pg_each_row(db_stmt *q, int ncols, db_rows_fn fn, void *ctx);

/* The advisory lock every write transaction takes (db_pg_begin(d, true)),
 * transaction-scoped: "inbeeld" in ASCII, 0x696e6265656c64. Any other
 * program writing to the registry must take it too. */
#define DB_PG_WRITE_LOCK 29676241441614948

/* SQL with ?N parameters as PostgreSQL's $N, outside string literals,
 * quoted identifiers, dollar quotes and comments; a bare ? (or ?0) is
 * refused. *max_param is the highest N. Exposed for the unit test. */
int db_pg_rewrite(const char *sql, strbuf *out, int *max_param, strbuf *err);

/* target with any password taken out (the userinfo's and a password=
 * parameter's), for messages. */
void db_pg_redact(const char *target, strbuf *out);

#endif
