/*
 * store_copy.h - what the two files of `inbeeld migreer` share
 * (store_copy.c copies, store_copy_tables.c says what): the tables of the
 * registry's schema with their columns, in an order the foreign keys
 * accept. Not for use outside src/store.
 */
#ifndef INBEELD_STORE_COPY_H
#define INBEELD_STORE_COPY_H

#include "db.h"
#include "store.h"

/* How a table's rows are told apart and ordered. */
typedef enum copy_key {
	COPY_ID,    /* an id column: SQLite's INTEGER PRIMARY KEY, PostgreSQL's identity */
	COPY_ROWID, /* a fact table: SQLite's implicit rowid, PostgreSQL's identity column rowid */
	COPY_NONE,  /* neither (SQLite's implicit rowid still gives the order there) */
} copy_key;

typedef struct copy_table_def {
	const char *name;
	copy_key key;
	char **cols; /* the columns, in the order copied */
	int ncols;
	size_t cap_cols;
	strbuf select; /* the columns as a list for SELECT */
} copy_table_def;

/* The tables in copying order (*n of them); free with copy_tables_free. */
copy_table_def *copy_tables(int *n);
void copy_tables_free(copy_table_def *defs, int n);
/* Whether d's schema has exactly the tables and columns of defs (0, or -1
 * with err naming the first table or column one has and the other lacks). */
int copy_check_schema(db *d, const copy_table_def *defs, int n, strbuf *err);

/* prepare() of the text in sql, which it frees (store_copy_tables.c). */
int copy_prepare(store *st, strbuf *sql, db_stmt **q, strbuf *err);

/* ---- PostgreSQL targets (store_copy_pg.c; no effect on SQLite) ------------ */

/* The identity of t's id or rowid past the highest copied. */
int copy_pg_identity_past(store *dst, const copy_table_def *t, strbuf *err);
/* Whether the foreign keys' triggers are off for dst's session (then
 * copy_pg_check_keys must run before the commit). */
bool copy_pg_keys_later(store *dst);
/* Every foreign key of dst's schema holds for the rows copied: 0, or -1
 * with err naming the table, column and how many rows refer to nothing. */
int copy_pg_check_keys(store *dst, strbuf *err);
/* Drop table's indexes that no constraint owns, keeping their definitions
 * in *defs (NUL-separated, *n of them), and make them again after its rows. */
int copy_pg_indexes_drop(store *dst, const char *table, strbuf *defs, int *n, strbuf *err);
int copy_pg_indexes_make(store *dst, const strbuf *defs, int n, strbuf *err);

#endif
