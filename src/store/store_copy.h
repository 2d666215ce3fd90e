/*
 * store_copy.h - what the two files of `inbeeld migreer` share
 * (store_copy.c copies, store_copy_tables.c says what): the tables of the
 * registry's schema with their columns, in an order the foreign keys
 * accept. Not for use outside src/store.
 */
#ifndef INBEELD_STORE_COPY_H
#define INBEELD_STORE_COPY_H

#include "db.h"

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

#endif
