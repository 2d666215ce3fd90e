/*
 * db_pg_internal.h - what the files of the PostgreSQL backend (db_pg.c,
 * db_pg_bulk.c, db_pg_read.c, db_pg_stage.c) share: the connection and its helpers. Nothing else
 * includes it; the interface is db_pg.h.
 */
#ifndef INBEELD_DB_PG_INTERNAL_H
#define INBEELD_DB_PG_INTERNAL_H

#include <libpq-fe.h>

#include "db_pg.h"

typedef struct pg_plan {
	uint64_t hash;
	char *key; /* the SQL, NUL, the types ('i', 't', 'n' per parameter) */
	size_t keylen;
	char name[24];
} pg_plan;

struct db {
	db_kind kind; /* DB_POSTGRES: first, see db_pg.h */
	PGconn *conn; /* NULL once closed after a failed ROLLBACK */
	char *target; /* the URI as given, to connect again (pg_revive) */
	unsigned flags; /* db_open's */
	strbuf err;
	int64_t changes;
	bool in_tx; /* as db_pg_begin/commit/rollback left it */
	db_stmt *active; /* whose rows are streaming on conn */
	pg_plan *plans;
	size_t nplans, cap_plans;
	unsigned next_plan;
};

/* A statement (db_pg.c): its SQL, its bound values and where its rows are. */
enum { P_NULL, P_INT, P_TEXT };
typedef struct pg_param {
	int kind;
	const char *p;
	size_t len;
	char num[24];
} pg_param;

enum { ST_FRESH, ST_STREAM, ST_BUFFERED, ST_DONE, ST_FAILED };

struct db_stmt {
	db_kind kind; /* DB_POSTGRES: first, see db_pg.h */
	db *d;
	char *sql; /* with $N */
	int nparams;
	pg_param *params;
	int state;
	PGresult *row; /* the current row (one-row result) */
	PGresult **ahead; /* rows read ahead (ST_BUFFERED) */
	size_t nahead, pos, cap_ahead;
	int end_rc; /* ST_BUFFERED: what follows the rows (DB_DONE or an error) */
	int64_t end_changes; /* -1: not a change */
	char *end_err;
};

/* d's message: msg without trailing newlines. */
void pg_set_err(db *d, const char *msg);
/* The code of a failed result, its message in d (NULL: libpq's own failure). */
int pg_result_error(db *d, const PGresult *res);
/* DB_CLOSED with its message: the connection is gone. */
int pg_closed(db *d);
bool pg_ok_status(const PGresult *res);
/* Read and drop the results still coming on d's connection. */
void pg_drain(db *d);
/* Make d's connection free for a query (a streaming statement's rest is read ahead). */
void pg_free_conn(db *d);
/* Run sql (no parameters) and check it. */
int pg_run(db *d, const char *sql);
/* Outside a transaction, a connection that broke (the server restarted,
 * a failover, a terminated backend) or was closed is made anew. DB_OK when
 * d has a working connection, else the error. */
int pg_revive(db *d);
/* The values of a result's rows' column col, copied (*n of them); freeing
 * such a list; running each of its statements, the first failure's code
 * (db_pg_bulk.c). */
char **pg_column_copy(const PGresult *res, int col, int *n);
void pg_free_list(char **list, int n);
int pg_run_list(db *d, char **list, int n);

#endif
