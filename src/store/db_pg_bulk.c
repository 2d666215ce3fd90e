/*
 * db_pg_bulk.c - the PostgreSQL backend's bulk loading (COPY ... FROM STDIN
 * in the text format, sent in large buffers) and schema version (the one
 * row of inbeeld_schema). See db_pg.h; the connection is db_pg.c's.
 */
#include "db_pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

#define COPY_FLUSH (1u << 20) /* bytes of COPY data sent at once */

struct db_bulk {
	db_kind kind; /* DB_POSTGRES: first, see db_pg.h */
	db *d;
	int ncols;
	char *buf;
	size_t len, cap;
	int rc; /* the first failure, DB_OK while none */
};

int db_pg_schema_version(db *d, int *version)
{
	*version = 0;
	if (!d->conn)
		return pg_closed(d);
	pg_free_conn(d);
	PGresult *res = PQexec(d->conn, "SELECT to_regclass('inbeeld_schema') IS NOT NULL");
	int rc = res && PQresultStatus(res) == PGRES_TUPLES_OK ? DB_OK : pg_result_error(d, res);
	bool exists = rc == DB_OK && PQntuples(res) == 1 && *PQgetvalue(res, 0, 0) == 't';
	PQclear(res);
	if (rc != DB_OK || !exists)
		return rc;
	res = PQexec(d->conn, "SELECT version FROM inbeeld_schema");
	rc = res && PQresultStatus(res) == PGRES_TUPLES_OK ? DB_OK : pg_result_error(d, res);
	if (rc == DB_OK && PQntuples(res) > 0)
		*version = (int)strtol(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return rc;
}

int db_pg_set_schema_version(db *d, int version)
{
	int rc = pg_run(d, "CREATE TABLE IF NOT EXISTS inbeeld_schema (version integer NOT NULL,"
			" one boolean PRIMARY KEY DEFAULT true CHECK (one));"
			" DELETE FROM inbeeld_schema");
	if (rc != DB_OK)
		return rc;
	char v[16];
	snprintf(v, sizeof v, "%d", version);
	const char *values[1] = {v};
	PGresult *res = PQexecParams(d->conn, "INSERT INTO inbeeld_schema (version) VALUES ($1::integer)", 1, NULL,
				     values, NULL, NULL, 0);
	rc = res && pg_ok_status(res) ? DB_OK : pg_result_error(d, res);
	PQclear(res);
	return rc;
}

int db_pg_bulk_begin(db *d, const char *table, const char *const *cols, int ncols, db_bulk **out)
{
	*out = NULL;
	if (!d->conn)
		return pg_closed(d);
	if (ncols < 1) {
		pg_set_err(d, "een bulklading zonder kolommen");
		return DB_ERROR;
	}
	pg_free_conn(d);
	strbuf sql = STRBUF_INIT;
	sb_puts(&sql, "COPY ");
	bool named = true;
	for (int i = -1; named && i < ncols; i++) { /* the table, then its columns */
		const char *name = i < 0 ? table : cols[i];
		char *id = PQescapeIdentifier(d->conn, name, strlen(name));
		named = id != NULL;
		sb_printf(&sql, "%s%s", i < 1 ? (i < 0 ? "" : " (") : ", ", id ? id : "");
		PQfreemem(id);
	}
	sb_puts(&sql, ") FROM STDIN");
	PGresult *res = named ? PQexec(d->conn, sb_str(&sql)) : NULL;
	sb_free(&sql);
	int rc = res && PQresultStatus(res) == PGRES_COPY_IN ? DB_OK : pg_result_error(d, res);
	PQclear(res);
	if (rc != DB_OK) {
		pg_drain(d);
		return rc;
	}
	db_bulk *b = xcalloc(1, sizeof *b);
	b->kind = DB_POSTGRES;
	b->d = d;
	b->ncols = ncols;
	b->cap = COPY_FLUSH + 4096;
	b->buf = xmalloc(b->cap);
	*out = b;
	return DB_OK;
}

static int bulk_flush(db_bulk *b)
{
	if (b->rc == DB_OK && b->len && PQputCopyData(b->d->conn, b->buf, (int)b->len) != 1)
		b->rc = pg_result_error(b->d, NULL);
	b->len = 0;
	return b->rc;
}

/* COPY's text format: backslash, tab, newline and CR escaped; NULL is \N
 * (an empty field, or with exact only a field without text). */
static int bulk_row(db_bulk *b, const field *f, bool exact)
{
	if (b->rc != DB_OK)
		return b->rc;
	size_t need = b->len + 1;
	for (int i = 0; i < b->ncols; i++)
		need += 2 * f[i].len + 3;
	if (need > b->cap)
		b->buf = xgrow(b->buf, &b->cap, need, 1);
	char *o = b->buf + b->len;
	for (int i = 0; i < b->ncols; i++) {
		if (i)
			*o++ = '\t';
		if (!f[i].len && (!exact || !f[i].p)) {
			*o++ = '\\';
			*o++ = 'N';
			continue;
		}
		for (size_t k = 0; k < f[i].len; k++) {
			char c = f[i].p[k];
			switch (c) {
			case '\\': *o++ = '\\'; *o++ = '\\'; break;
			case '\t': *o++ = '\\'; *o++ = 't'; break;
			case '\n': *o++ = '\\'; *o++ = 'n'; break;
			case '\r': *o++ = '\\'; *o++ = 'r'; break;
			default: *o++ = c;
			}
		}
	}
	*o++ = '\n';
	b->len = (size_t)(o - b->buf);
	return b->len >= COPY_FLUSH ? bulk_flush(b) : DB_OK;
}

int db_pg_bulk_row(db_bulk *b, const field *f)
{
	return bulk_row(b, f, false);
}

int db_pg_bulk_row_exact(db_bulk *b, const field *f)
{
	return bulk_row(b, f, true);
}

int db_pg_bulk_end(db_bulk *b)
{
	db *d = b->d;
	int rc = bulk_flush(b);
	if (PQputCopyEnd(d->conn, rc == DB_OK ? NULL : "de bulklading is afgebroken") != 1 && rc == DB_OK)
		rc = pg_result_error(d, NULL);
	PGresult *res = PQgetResult(d->conn);
	if (res && PQresultStatus(res) == PGRES_COMMAND_OK) {
		d->changes = strtoll(PQcmdTuples(res), NULL, 10);
	} else if (rc == DB_OK) {
		rc = pg_result_error(d, res);
	}
	PQclear(res);
	pg_drain(d);
	free(b->buf);
	free(b);
	return rc;
}
