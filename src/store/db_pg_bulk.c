/*
 * db_pg_bulk.c - the PostgreSQL backend's bulk loading (COPY ... FROM STDIN
 * in the text format, sent in large buffers) and schema version (the one
 * row of inbeeld_schema). See db_pg.h; the connection is db_pg.c's.
 *
 * A table loaded from empty inside a transaction (a first import) is loaded
 * as PostgreSQL loads best: its keys, unique and foreign-key constraints and
 * indexes are dropped, the table emptied in the transaction (TRUNCATE, so
 * COPY FREEZE may write its rows frozen and, at wal_level minimal, without
 * WAL), and after the COPY each is made again from its own definition: an
 * index built in one sort instead of row by row, a foreign key checked by
 * one join over the whole table instead of a lookup per row. All in the
 * caller's transaction: what the table guarantees at its commit is what it
 * guaranteed before, and a failed load leaves nothing (not even the drop).
 *
 * Such a load also numbers its rows itself: an identity column the caller
 * does not give (rowid, id) would cost a nextval per row, about a seventh of
 * the backend's work for a fact table. The load takes the sequence's next
 * number once, gives the rows that number and the ones after it in their
 * order (what the identity would have given them: nobody else writes the
 * table, it is locked), and moves the sequence past them at the end. A
 * sequence is not transactional: a refused load leaves a gap, as nextval
 * does.
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
	char **restore; /* the SQL that makes the dropped constraints and indexes again, in order */
	int nrestore;
	char *seq; /* the sequence of the identity column the load numbers itself (NULL: none) */
	char id_text[24]; /* the number of the next row, in decimal (id_len digits, no NUL) */
	int id_len;
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


char **pg_column_copy(const PGresult *res, int col, int *n)
{
	*n = PQntuples(res);
	char **out = *n ? xcalloc((size_t)*n, sizeof *out) : NULL;
	for (int i = 0; i < *n; i++)
		out[i] = xstrdup(PQgetvalue(res, i, col));
	return out;
}

void pg_free_list(char **list, int n)
{
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

int pg_run_list(db *d, char **list, int n)
{
	int rc = DB_OK;
	for (int i = 0; i < n && rc == DB_OK; i++)
		rc = pg_run(d, list[i]);
	return rc;
}

/* Whether the table (escaped identifier id, its name as text) can be loaded
 * from empty: a transaction is open, the table has no rows, this role owns
 * it (may drop and make its constraints) and no foreign key points at it
 * (TRUNCATE would refuse). *restore: what makes its constraints and indexes
 * again (indexes and keys first, foreign keys last); the drops are run. */
static int prepare_empty(db *d, const char *id, const char *table, bool *empty, char ***restore, int *nrestore)
{
	*empty = false;
	*restore = NULL;
	*nrestore = 0;
	if (PQtransactionStatus(d->conn) != PQTRANS_INTRANS || !d->in_tx)
		return DB_OK;
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql,
		  "SELECT pg_has_role(c.relowner, 'MEMBER')"
		  " AND NOT EXISTS (SELECT 1 FROM pg_constraint r WHERE r.confrelid = c.oid)"
		  " AND NOT EXISTS (SELECT 1 FROM %s) FROM pg_class c WHERE c.oid = $1::regclass",
		  id);
	const char *values[1] = {table};
	PGresult *res = PQexecParams(d->conn, sb_str(&sql), 1, NULL, values, NULL, NULL, 0);
	sb_free(&sql);
	int rc = res && PQresultStatus(res) == PGRES_TUPLES_OK ? DB_OK : pg_result_error(d, res);
	bool can = rc == DB_OK && PQntuples(res) == 1 && *PQgetvalue(res, 0, 0) == 't';
	PQclear(res);
	if (!can)
		return rc;
	/* Each row: its order (indexes, then keys, then foreign keys, which
	 * need the keys they point at), the SQL that makes it, the SQL that drops it. */
	res = PQexecParams(d->conn,
			   "SELECT CASE contype WHEN 'f' THEN 2 ELSE 1 END, format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname,"
			   " pg_get_constraintdef(oid)), format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass,"
			   " conname) FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'f')"
			   " UNION ALL SELECT 0, pg_get_indexdef(i.indexrelid), format('DROP INDEX %s',"
			   " i.indexrelid::regclass) FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT EXISTS"
			   " (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)"
			   " ORDER BY 1, 2",
			   1, NULL, values, NULL, NULL, 0);
	rc = res && PQresultStatus(res) == PGRES_TUPLES_OK ? DB_OK : pg_result_error(d, res);
	if (rc == DB_OK) {
		*restore = pg_column_copy(res, 1, nrestore);
		int ndrop;
		char **drop = pg_column_copy(res, 2, &ndrop);
		strbuf trunc = STRBUF_INIT;
		sb_printf(&trunc, "TRUNCATE %s", id);
		rc = pg_run_list(d, drop, ndrop);
		if (rc == DB_OK)
			rc = pg_run(d, sb_str(&trunc));
		/* Index builds sort in memory for a table of millions of rows: the
		 * national import's store phase took 61.99 s at 256MB, 56.08 s at 1GB
		 * (idle machine, docs/bench.md). An upper bound, for this
		 * transaction only. */
		if (rc == DB_OK)
			rc = pg_run(d, "SET LOCAL maintenance_work_mem = '1GB'");
		sb_free(&trunc);
		pg_free_list(drop, ndrop);
	}
	PQclear(res);
	*empty = rc == DB_OK;
	if (rc != DB_OK) {
		pg_free_list(*restore, *nrestore);
		*restore = NULL;
		*nrestore = 0;
	}
	return rc;
}

/* The identity column of table (its name) that none of cols names and
 * that a load from empty numbers itself: its escaped name in *col and
 * its sequence in *seq, with the sequence's next number in *first (taken:
 * nextval). Nothing (DB_OK, *col NULL) when the table has no such column,
 * more than one, or one whose sequence does not count up by one or stands
 * where bulk_row cannot count it on (below 0, over 18 digits). */
static int identity_to_number(db *d, const char *table, const char *const *cols, int ncols, char **col, char **seq,
			      int64_t *first)
{
	*col = *seq = NULL;
	*first = 0;
	const char *values[1] = {table};
	PGresult *res = PQexecParams(d->conn,
				     "SELECT a.attname, s.seqrelid::regclass::text FROM pg_attribute a"
				     " JOIN pg_depend p ON p.refobjid = a.attrelid AND p.refobjsubid = a.attnum"
				     " AND p.classid = 'pg_class'::regclass AND p.refclassid = 'pg_class'::regclass"
				     " AND p.deptype = 'i'"
				     " JOIN pg_sequence s ON s.seqrelid = p.objid WHERE a.attrelid = $1::regclass"
				     " AND a.attidentity = 'd' AND NOT a.attisdropped AND s.seqincrement = 1",
				     1, NULL, values, NULL, NULL, 0);
	int rc = res && PQresultStatus(res) == PGRES_TUPLES_OK ? DB_OK : pg_result_error(d, res);
	int found = -1, missing = 0;
	for (int i = 0; rc == DB_OK && i < PQntuples(res); i++) {
		bool given = false;
		for (int c = 0; c < ncols && !given; c++)
			given = strcmp(cols[c], PQgetvalue(res, i, 0)) == 0;
		if (!given) {
			found = i;
			missing++;
		}
	}
	if (rc == DB_OK && missing == 1) {
		const char *name = PQgetvalue(res, found, 0);
		char *id = PQescapeIdentifier(d->conn, name, strlen(name));
		if (id) {
			*col = xstrdup(id);
			*seq = xstrdup(PQgetvalue(res, found, 1));
			PQfreemem(id);
		}
	}
	PQclear(res);
	if (rc != DB_OK || !*seq)
		return rc;
	values[0] = *seq;
	res = PQexecParams(d->conn, "SELECT nextval($1::regclass)", 1, NULL, values, NULL, NULL, 0);
	rc = res && PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 ? DB_OK : pg_result_error(d, res);
	if (rc == DB_OK)
		*first = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	/* Counted in text (bulk_row): from 0 and at most 19 digits, else the identity numbers the rows. */
	if (rc != DB_OK || *first < 0 || *first > INT64_C(999999999999999999)) {
		free(*col);
		free(*seq);
		*col = *seq = NULL;
	}
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
	char *table_ident = NULL;
	for (int i = -1; named && i < ncols; i++) { /* the table, then its columns */
		const char *name = i < 0 ? table : cols[i];
		char *id = PQescapeIdentifier(d->conn, name, strlen(name));
		named = id != NULL;
		sb_printf(&sql, "%s%s", i < 1 ? (i < 0 ? "" : " (") : ", ", id ? id : "");
		if (i < 0 && id)
			table_ident = xstrdup(id);
		PQfreemem(id);
	}
	bool empty = false;
	char **restore = NULL;
	int nrestore = 0;
	int rc = named ? prepare_empty(d, table_ident, table, &empty, &restore, &nrestore) : DB_OK;
	free(table_ident);
	char *id_col = NULL, *seq = NULL;
	int64_t first = 0;
	if (rc == DB_OK && empty)
		rc = identity_to_number(d, table, cols, ncols, &id_col, &seq, &first);
	if (id_col)
		sb_printf(&sql, ", %s", id_col);
	free(id_col);
	sb_puts(&sql, empty ? ") FROM STDIN (FREEZE)" : ") FROM STDIN");
	PGresult *res = named && rc == DB_OK ? PQexec(d->conn, sb_str(&sql)) : NULL;
	sb_free(&sql);
	if (rc == DB_OK)
		rc = res && PQresultStatus(res) == PGRES_COPY_IN ? DB_OK : pg_result_error(d, res);
	PQclear(res);
	if (rc != DB_OK) {
		pg_drain(d);
		pg_free_list(restore, nrestore);
		free(seq);
		return rc;
	}
	db_bulk *b = xcalloc(1, sizeof *b);
	b->kind = DB_POSTGRES;
	b->d = d;
	b->ncols = ncols;
	b->cap = COPY_FLUSH + 4096;
	b->buf = xmalloc(b->cap);
	b->restore = restore;
	b->nrestore = nrestore;
	b->seq = seq;
	if (seq)
		b->id_len = snprintf(b->id_text, sizeof b->id_text, "%lld", (long long)first);
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

/* The letter after the backslash COPY's text format writes for a byte, 0
 * for a byte written as it is. */
static const char ESCAPE[256] = {['\\'] = '\\', ['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r'};

/* The next row's number in decimal: b->id_text, one more after each row
 * (counting in the text costs less than printing the number for each). */
static void count_on(db_bulk *b)
{
	int i = b->id_len;
	while (i > 0 && b->id_text[i - 1] == '9')
		b->id_text[--i] = '0';
	if (i > 0) {
		b->id_text[i - 1]++;
	} else { /* 99 -> 100 */
		memmove(b->id_text + 1, b->id_text, (size_t)b->id_len++);
		b->id_text[0] = '1';
	}
}

/* COPY's text format: backslash, tab, newline and CR escaped; NULL is \N
 * (an empty field, or with exact only a field without text). */
static int bulk_row(db_bulk *b, const field *f, bool exact)
{
	if (b->rc != DB_OK)
		return b->rc;
	size_t need = b->len + 2 + (size_t)b->id_len; /* and the row's number */
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
		const unsigned char *p = (const unsigned char *)f[i].p;
		for (size_t k = 0; k < f[i].len; k++) {
			char e = ESCAPE[p[k]];
			if (e) {
				*o++ = '\\';
				*o++ = e;
			} else {
				*o++ = (char)p[k];
			}
		}
	}
	if (b->seq) {
		*o++ = '\t';
		memcpy(o, b->id_text, (size_t)b->id_len);
		o += b->id_len;
		count_on(b);
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
	if (rc == DB_OK && b->seq) { /* the next row written after the load: the number after the load's */
		char next[sizeof b->id_text + 1];
		memcpy(next, b->id_text, (size_t)b->id_len);
		next[b->id_len] = '\0';
		const char *values[2] = {b->seq, next};
		res = PQexecParams(d->conn, "SELECT setval($1::regclass, $2::bigint, false)", 2, NULL, values, NULL,
				   NULL, 0);
		rc = res && PQresultStatus(res) == PGRES_TUPLES_OK ? DB_OK : pg_result_error(d, res);
		PQclear(res);
	}
	if (rc == DB_OK) /* the load's changes, not the last ALTER's */
		rc = pg_run_list(d, b->restore, b->nrestore);
	pg_free_list(b->restore, b->nrestore);
	free(b->seq);
	free(b->buf);
	free(b);
	return rc;
}
