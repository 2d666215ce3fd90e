/*
 * db_pg.c - db.h over libpq: the registry in a shared PostgreSQL database
 * (db_pg.h names the functions; a dispatcher chooses them by kind).
 *
 * Statements: the SQL's ?N become $N once, at db_pg_prepare (db_pg_rewrite);
 * at the first step with a given set of bound types (db_bind_int: int8,
 * text: text, NULL: unknown) the statement is prepared on the server
 * (PQprepare) and kept for the connection's life under a name of its own,
 * one per distinct SQL and types: every later run sends only the values.
 * Text values go in the binary format, which for text is the bytes
 * themselves (so a length-delimited value needs no copy); integers as
 * decimal text. Results come in libpq's single-row mode: a SELECT of 28 M
 * rows holds one row at a time. The connection carries one query at a
 * time, so when another statement (or a transaction command) needs it while
 * a statement is still streaming, the rest of that statement's rows are
 * read into its own buffer first and served from there (memory grows only
 * for such interleaved reads). A whole table (db_each_row) comes in one COPY
 * instead, without a result per row: db_pg_read.c.
 *
 * Differences from SQLite that callers see: an error inside a transaction
 * aborts the whole transaction (roll it back); the SQL is checked by the
 * server at the first step, not at db_prepare; no statement may run while a
 * bulk load (COPY) is open on the connection.
 *
 * A connection the server dropped (a restart, a failover, an administrator)
 * is made anew from the same target before the next transaction or the next
 * statement outside one (pg_revive): a transaction the break cut off fails
 * and is lost, everything after it works on the new connection; a BEGIN
 * that finds the break starts once more at once. With a multi-host target
 * (host=a,b&target_session_attrs=read-write) the new connection goes to
 * whichever is the primary now.
 *
 * Bulk loading and the schema version are in db_pg_bulk.c, reading whole
 * tables in db_pg_read.c, the rewriting of SQL and of targets in db_pg_text.c.
 */
#include "db_pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

/* The server's type ids (catalog/pg_type.h, not installed with libpq). */
enum { OID_BOOL = 16, OID_INT8 = 20, OID_TEXT = 25 };
#define STR_(x) #x
#define STR(x) STR_(x)
/* SQLite's store waits 10 s for a lock (sqlite3_busy_timeout); so here. */
#define SESSION_SQL "SET lock_timeout = '10s'; SET standard_conforming_strings = on;" \
	" SET client_min_messages = warning"


static void quiet_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg; /* none of db.h prints: notices and warnings are dropped */
}

void pg_set_err(db *d, const char *msg)
{
	sb_reset(&d->err);
	sb_puts(&d->err, msg ? msg : "");
	while (d->err.len && (d->err.data[d->err.len - 1] == '\n' || d->err.data[d->err.len - 1] == ' '))
		d->err.data[--d->err.len] = '\0';
}

static int map_sqlstate(const char *s)
{
	if (!s)
		return DB_ERROR;
	if (!strcmp(s, "23505"))
		return DB_UNIQUE;
	if (!strncmp(s, "23", 2))
		return DB_CONSTRAINT;
	if (!strcmp(s, "40001") || !strcmp(s, "40P01") || !strcmp(s, "55P03"))
		return DB_BUSY;
	if (!strcmp(s, "53200"))
		return DB_NOMEM;
	return DB_ERROR;
}

/* The code and message of a failed result (NULL: libpq's own failure). */
int pg_result_error(db *d, const PGresult *res)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!msg && res && *PQresultErrorMessage(res))
		msg = PQresultErrorMessage(res);
	pg_set_err(d, msg ? msg : PQerrorMessage(d->conn));
	if (!res)
		return DB_ERROR;
	return map_sqlstate(PQresultErrorField(res, PG_DIAG_SQLSTATE));
}

int pg_closed(db *d)
{
	pg_set_err(d, "de verbinding met de database is gesloten na een mislukte ROLLBACK");
	return DB_CLOSED;
}

bool pg_ok_status(const PGresult *res)
{
	ExecStatusType s = PQresultStatus(res);
	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

/* Rows changed by the command res ended, or -1 when it changes none. */
static int64_t changes_of(PGresult *res)
{
	const char *tag = PQcmdStatus(res);
	if (strncmp(tag, "INSERT ", 7) && strncmp(tag, "UPDATE ", 7) && strncmp(tag, "DELETE ", 7))
		return -1;
	return strtoll(PQcmdTuples(res), NULL, 10);
}

void pg_drain(db *d)
{
	PGresult *r;
	while ((r = PQgetResult(d->conn)))
		PQclear(r);
}

/* Read what is left of the streaming statement into its own buffer, so the
 * connection is free for another query. */
void pg_free_conn(db *d)
{
	db_stmt *q = d->active;
	if (!q)
		return;
	d->active = NULL;
	q->end_rc = DB_DONE;
	q->end_changes = -1;
	PGresult *r;
	while ((r = PQgetResult(d->conn))) {
		ExecStatusType s = PQresultStatus(r);
		if (s == PGRES_SINGLE_TUPLE) {
			q->ahead = xgrow(q->ahead, &q->cap_ahead, q->nahead + 1, sizeof *q->ahead);
			q->ahead[q->nahead++] = r;
			continue;
		}
		if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK) {
			q->end_changes = changes_of(r);
		} else if (q->end_rc == DB_DONE) {
			q->end_rc = pg_result_error(d, r);
			free(q->end_err);
			q->end_err = xstrdup(sb_str(&d->err));
		}
		PQclear(r);
	}
	q->state = ST_BUFFERED;
}

/* Run sql (one or more statements, no parameters) and check it. */
int pg_run(db *d, const char *sql)
{
	if (!d->in_tx && pg_revive(d) != DB_OK)
		return DB_ERROR;
	if (!d->conn)
		return pg_closed(d);
	pg_free_conn(d);
	PGresult *res = PQexec(d->conn, sql);
	int rc = res && pg_ok_status(res) ? DB_OK : pg_result_error(d, res);
	PQclear(res);
	return rc;
}

/* What every connection of d is set to (once per connection). */
static int set_up(db *d)
{
	PQsetNoticeProcessor(d->conn, quiet_notice, NULL);
	if (PQsetClientEncoding(d->conn, "UTF8"))
		return DB_ERROR;
	int rc = pg_run(d, SESSION_SQL);
	if (rc == DB_OK && (d->flags & DB_READONLY))
		rc = pg_run(d, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
	return rc;
}

/* libpq's message on one line. */
static void one_line(const char *e, strbuf *m)
{
	for (; *e; e++)
		if (*e != '\n' && *e != '\t')
			sb_putc(m, *e);
		else if (m->len && m->data[m->len - 1] != ' ')
			sb_putc(m, ' ');
	while (m->len && m->data[m->len - 1] == ' ')
		m->data[--m->len] = '\0';
}

/* The statements prepared on a connection that is gone are gone with it. */
static void forget_plans(db *d)
{
	for (size_t i = 0; i < d->nplans; i++)
		free(d->plans[i].key);
	d->nplans = 0;
}

int pg_revive(db *d)
{
	if (d->conn && PQstatus(d->conn) == CONNECTION_OK)
		return DB_OK;
	/* A statement still streaming on the old connection has lost its rows. */
	d->active = NULL;
	forget_plans(d);
	if (d->conn)
		PQreset(d->conn); /* the same target: a multi-host URI finds the new primary */
	else
		d->conn = PQconnectdb(d->target);
	if (!d->conn || PQstatus(d->conn) != CONNECTION_OK) {
		strbuf m = STRBUF_INIT;
		one_line(d->conn ? PQerrorMessage(d->conn) : "geen geheugen", &m);
		sb_reset(&d->err);
		sb_printf(&d->err, "de verbinding met de database is verbroken en nog niet hersteld: %s", sb_str(&m));
		sb_free(&m);
		PQfinish(d->conn);
		d->conn = NULL;
		return DB_ERROR;
	}
	d->in_tx = false;
	strbuf keep = STRBUF_INIT;
	int rc = set_up(d);
	if (rc != DB_OK) {
		sb_puts(&keep, sb_str(&d->err));
		PQfinish(d->conn);
		d->conn = NULL;
		sb_reset(&d->err);
		sb_printf(&d->err, "de verbinding met de database is hersteld maar niet in te stellen: %s", sb_str(&keep));
	}
	sb_free(&keep);
	return rc;
}

int db_pg_open(const char *target, unsigned flags, db **out, strbuf *err)
{
	*out = NULL;
	PGconn *c = PQconnectdb(target);
	strbuf where = STRBUF_INIT;
	db_pg_redact(target, &where);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		strbuf m = STRBUF_INIT;
		one_line(c ? PQerrorMessage(c) : "geen geheugen", &m);
		sb_printf(err, "kan de PostgreSQL-database %s niet openen: %s", sb_str(&where), sb_str(&m));
		sb_free(&m);
		sb_free(&where);
		PQfinish(c);
		return DB_ERROR;
	}
	db *d = xcalloc(1, sizeof *d);
	d->kind = DB_POSTGRES;
	d->conn = c;
	d->target = xstrdup(target);
	d->flags = flags;
	int rc = set_up(d);
	if (rc != DB_OK) {
		sb_printf(err, "kan de PostgreSQL-database %s niet instellen: %s", sb_str(&where),
			  d->err.len ? sb_str(&d->err) : PQerrorMessage(c));
		db_pg_close(d);
		sb_free(&where);
		return rc;
	}
	sb_free(&where);
	*out = d;
	return DB_OK;
}

void db_pg_close(db *d)
{
	if (!d)
		return;
	if (d->conn) {
		if (d->active) /* a statement left streaming: its rows go */
			pg_drain(d);
		PQfinish(d->conn);
	}
	forget_plans(d);
	free(d->plans);
	free(d->target);
	sb_free(&d->err);
	free(d);
}

const char *db_pg_errmsg(db *d)
{
	return sb_str(&d->err);
}

int db_pg_exec(db *d, const char *sql)
{
	return pg_run(d, sql);
}

static int begin_once(db *d, bool write)
{
	/* A writer reads after it holds the lock: READ COMMITTED takes a new
	 * snapshot per statement, so it sees every write committed before. */
	int rc = write ? pg_run(d, "BEGIN ISOLATION LEVEL READ COMMITTED;"
				" SELECT pg_advisory_xact_lock(" STR(DB_PG_WRITE_LOCK) ")")
		       : pg_run(d, "BEGIN ISOLATION LEVEL REPEATABLE READ");
	if (rc != DB_OK && d->conn && PQstatus(d->conn) == CONNECTION_OK &&
	    PQtransactionStatus(d->conn) != PQTRANS_IDLE) {
		PGresult *r = PQexec(d->conn, "ROLLBACK"); /* no transaction left behind a refusal */
		PQclear(r);
	}
	return rc;
}

int db_pg_begin(db *d, bool write)
{
	if (d->conn && PQstatus(d->conn) == CONNECTION_OK) {
		pg_free_conn(d);
		if (PQtransactionStatus(d->conn) != PQTRANS_IDLE) {
			pg_set_err(d, "er loopt al een transactie");
			return DB_ERROR;
		}
	}
	d->in_tx = false;
	int rc = begin_once(d, write);
	/* A connection found broken by the BEGIN itself lost nothing yet: the
	 * transaction starts once more on a new one (after a failover the
	 * first request on each connection then does not fail). */
	if (rc != DB_OK && d->conn && PQstatus(d->conn) == CONNECTION_BAD)
		rc = begin_once(d, write);
	d->in_tx = rc == DB_OK;
	return rc;
}

int db_pg_commit(db *d)
{
	if (!d->conn)
		return pg_closed(d);
	pg_free_conn(d);
	PGresult *res = PQexec(d->conn, "COMMIT");
	int rc = res && pg_ok_status(res) ? DB_OK : pg_result_error(d, res);
	if (rc == DB_OK && !strcmp(PQcmdStatus(res), "ROLLBACK")) {
		/* COMMIT of a transaction an error aborted: PostgreSQL rolls back */
		pg_set_err(d, "de transactie is na een eerdere fout teruggedraaid");
		rc = DB_ERROR;
	}
	PQclear(res);
	d->in_tx = PQtransactionStatus(d->conn) != PQTRANS_IDLE;
	return rc;
}

int db_pg_rollback(db *d)
{
	d->in_tx = false;
	/* Nothing to undo on a connection that is gone: the server ended its
	 * transaction (the next statement connects anew, pg_revive). */
	if (!d->conn || PQstatus(d->conn) == CONNECTION_BAD) {
		d->active = NULL;
		return DB_OK;
	}
	pg_free_conn(d);
	if (PQtransactionStatus(d->conn) == PQTRANS_IDLE)
		return DB_OK; /* nothing to undo (the server ended it already) */
	PGresult *res = PQexec(d->conn, "ROLLBACK");
	int rc = res && pg_ok_status(res) ? DB_OK : pg_result_error(d, res);
	PQclear(res);
	if (rc != DB_OK || PQtransactionStatus(d->conn) != PQTRANS_IDLE) {
		strbuf why = STRBUF_INIT;
		sb_puts(&why, sb_str(&d->err));
		PQfinish(d->conn); /* no connection stays behind in a transaction */
		d->conn = NULL;
		d->active = NULL;
		rc = pg_closed(d);
		sb_printf(&d->err, ": %s", sb_str(&why));
		sb_free(&why);
	}
	return rc;
}

bool db_pg_in_transaction(db *d)
{
	if (!d->conn)
		return false;
	switch (PQtransactionStatus(d->conn)) {
	case PQTRANS_INTRANS:
	case PQTRANS_INERROR:
		return true;
	case PQTRANS_ACTIVE: /* a statement is streaming */
		return d->in_tx;
	default:
		return false;
	}
}

int db_pg_prepare(db *d, const char *sql, db_stmt **out)
{
	*out = NULL; /* nothing goes to the server yet: a closed connection is made anew at the first step */
	strbuf s = STRBUF_INIT, err = STRBUF_INIT;
	int n;
	if (db_pg_rewrite(sql, &s, &n, &err) != DB_OK) {
		pg_set_err(d, sb_str(&err));
		sb_free(&s);
		sb_free(&err);
		return DB_ERROR;
	}
	sb_free(&err);
	db_stmt *q = xcalloc(1, sizeof *q);
	q->kind = DB_POSTGRES;
	q->d = d;
	q->sql = s.data ? s.data : xstrdup("");
	q->nparams = n;
	q->params = xcalloc((size_t)n + 1, sizeof *q->params);
	q->state = ST_FRESH;
	*out = q;
	return DB_OK;
}

static pg_param *param(db_stmt *q, int i)
{
	if (i < 1 || i > q->nparams) {
		sb_reset(&q->d->err);
		sb_printf(&q->d->err, "parameter %d bestaat niet (de opdracht heeft er %d)", i, q->nparams);
		return NULL;
	}
	return &q->params[i - 1];
}

int db_pg_bind_text(db_stmt *q, int i, const char *v, size_t len)
{
	pg_param *p = param(q, i);
	if (!p)
		return DB_ERROR;
	if (!v)
		return db_pg_bind_null(q, i);
	p->kind = P_TEXT;
	p->p = v;
	p->len = len == (size_t)-1 ? strlen(v) : len;
	if (p->len > INT32_MAX) {
		pg_set_err(q->d, "een tekst is te lang voor de database");
		p->kind = P_NULL;
		return DB_ERROR;
	}
	return DB_OK;
}

int db_pg_bind_int(db_stmt *q, int i, int64_t v)
{
	pg_param *p = param(q, i);
	if (!p)
		return DB_ERROR;
	p->kind = P_INT;
	snprintf(p->num, sizeof p->num, "%lld", (long long)v);
	return DB_OK;
}

int db_pg_bind_null(db_stmt *q, int i)
{
	pg_param *p = param(q, i);
	if (!p)
		return DB_ERROR;
	p->kind = P_NULL;
	return DB_OK;
}

int db_pg_param_count(db_stmt *q)
{
	return q->nparams;
}

static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static bool exec_quietly(db *d, const char *sql)
{
	PGresult *r = PQexec(d->conn, sql);
	bool ok = r && pg_ok_status(r);
	PQclear(r);
	return ok;
}

/* PQprepare of q with types; a NULL whose type nothing in the SQL tells
 * ("SELECT ?1" or "?1 IS NULL" bound to NULL: 42P18 or 42P08, which SQLite
 * takes as they are) is sent
 * as text instead. Inside a transaction the first try runs under a
 * savepoint, as a refused prepare would abort the transaction. */
static PGresult *prepare_typed(db *d, const char *name, const db_stmt *q, Oid *types)
{
	bool unknown = false;
	for (int i = 0; i < q->nparams; i++)
		unknown |= types[i] == 0;
	if (!unknown)
		return PQprepare(d->conn, name, q->sql, q->nparams, types);
	bool tx = PQtransactionStatus(d->conn) == PQTRANS_INTRANS;
	if (tx && !exec_quietly(d, "SAVEPOINT inbeeld_prepare"))
		return PQprepare(d->conn, name, q->sql, q->nparams, types);
	PGresult *res = PQprepare(d->conn, name, q->sql, q->nparams, types);
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (!state || (strcmp(state, "42P18") && strcmp(state, "42P08"))) {
		if (tx)
			(void)exec_quietly(d, PQresultStatus(res) == PGRES_COMMAND_OK
						      ? "RELEASE SAVEPOINT inbeeld_prepare"
						      : "ROLLBACK TO SAVEPOINT inbeeld_prepare; RELEASE SAVEPOINT inbeeld_prepare");
		return res;
	}
	PQclear(res);
	if (tx)
		(void)exec_quietly(d, "ROLLBACK TO SAVEPOINT inbeeld_prepare; RELEASE SAVEPOINT inbeeld_prepare");
	for (int i = 0; i < q->nparams; i++)
		if (!types[i])
			types[i] = OID_TEXT;
	return PQprepare(d->conn, name, q->sql, q->nparams, types);
}

/* The server-side name of q's SQL prepared for its bound types (NULL: the
 * server refused it, the code in *rc). */
static const char *plan_for(db_stmt *q, int *rc)
{
	db *d = q->d;
	size_t sl = strlen(q->sql);
	size_t kl = sl + 1 + (size_t)q->nparams;
	char *key = xmalloc(kl + 1);
	memcpy(key, q->sql, sl + 1);
	Oid *types = xcalloc((size_t)q->nparams + 1, sizeof *types);
	for (int i = 0; i < q->nparams; i++) {
		int k = q->params[i].kind;
		key[sl + 1 + (size_t)i] = k == P_INT ? 'i' : k == P_TEXT ? 't' : 'n';
		types[i] = k == P_INT ? OID_INT8 : k == P_TEXT ? OID_TEXT : 0;
	}
	key[kl] = '\0';
	uint64_t h = fnv(key, kl);
	for (size_t i = 0; i < d->nplans; i++)
		if (d->plans[i].hash == h && d->plans[i].keylen == kl && !memcmp(d->plans[i].key, key, kl)) {
			free(key);
			free(types);
			return d->plans[i].name;
		}
	pg_plan pl = {.hash = h, .key = key, .keylen = kl};
	snprintf(pl.name, sizeof pl.name, "inbeeld_%u", d->next_plan++);
	PGresult *res = prepare_typed(d, pl.name, q, types);
	free(types);
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
		*rc = pg_result_error(d, res);
		PQclear(res);
		free(key);
		return NULL;
	}
	PQclear(res);
	d->plans = xgrow(d->plans, &d->cap_plans, d->nplans + 1, sizeof *d->plans);
	d->plans[d->nplans] = pl;
	return d->plans[d->nplans++].name;
}

static int start(db_stmt *q)
{
	db *d = q->d;
	if (!d->in_tx && pg_revive(d) != DB_OK)
		return DB_ERROR;
	pg_free_conn(d);
	int rc = DB_ERROR;
	const char *name = plan_for(q, &rc);
	if (!name)
		return rc;
	int n = q->nparams;
	const char **values = xcalloc((size_t)n + 1, sizeof *values);
	int *lengths = xcalloc((size_t)n + 1, sizeof *lengths);
	int *formats = xcalloc((size_t)n + 1, sizeof *formats);
	for (int i = 0; i < n; i++) {
		const pg_param *p = &q->params[i];
		if (p->kind == P_INT) {
			values[i] = p->num;
		} else if (p->kind == P_TEXT) {
			values[i] = p->len ? p->p : "";
			lengths[i] = (int)p->len;
			formats[i] = 1; /* text's binary form is its bytes */
		}
	}
	int sent = PQsendQueryPrepared(d->conn, name, n, values, lengths, formats, 0);
	free(values);
	free(lengths);
	free(formats);
	if (!sent)
		return pg_result_error(d, NULL);
	/* Without single-row mode the rows come all at once: slower to start, still right. */
	(void)PQsetSingleRowMode(d->conn);
	d->active = q;
	q->state = ST_STREAM;
	return DB_OK;
}

static int finish(db_stmt *q, int rc, int64_t changes)
{
	if (rc == DB_DONE) {
		if (changes >= 0)
			q->d->changes = changes;
		q->state = ST_DONE;
	} else {
		q->state = ST_FAILED;
	}
	return rc;
}

int db_pg_step(db_stmt *q)
{
	db *d = q->d;
	PQclear(q->row);
	q->row = NULL;
	if (!d->conn && d->in_tx)
		return pg_closed(d);
	if (q->state == ST_FAILED) {
		pg_set_err(d, "de opdracht is mislukt en moet eerst opnieuw worden gezet (db_reset)");
		return DB_ERROR;
	}
	if (q->state == ST_DONE)
		db_pg_reset(q); /* as SQLite: stepping a finished statement runs it again */
	if (q->state == ST_BUFFERED) {
		if (q->pos < q->nahead) {
			q->row = q->ahead[q->pos];
			q->ahead[q->pos++] = NULL;
			return DB_ROW;
		}
		if (q->end_err)
			pg_set_err(d, q->end_err);
		return finish(q, q->end_rc, q->end_changes);
	}
	if (q->state == ST_FRESH) {
		int rc = start(q);
		if (rc != DB_OK)
			return finish(q, rc, -1);
	}
	PGresult *res = PQgetResult(d->conn);
	if (res && PQresultStatus(res) == PGRES_SINGLE_TUPLE) {
		q->row = res;
		return DB_ROW;
	}
	int rc = DB_DONE;
	int64_t changes = -1;
	if (!res || pg_ok_status(res))
		changes = res ? changes_of(res) : -1;
	else
		rc = pg_result_error(d, res);
	PQclear(res);
	pg_drain(d);
	d->active = NULL;
	return finish(q, rc, changes);
}

void db_pg_reset(db_stmt *q)
{
	PQclear(q->row);
	q->row = NULL;
	if (q->state == ST_STREAM && q->d->active == q) {
		/* The rest of the rows are read and dropped: a cancel would abort
		 * the caller's transaction. */
		q->d->active = NULL;
		pg_drain(q->d);
	}
	for (size_t i = q->pos; i < q->nahead; i++)
		PQclear(q->ahead[i]);
	q->nahead = q->pos = 0;
	free(q->end_err);
	q->end_err = NULL;
	q->state = ST_FRESH;
}

void db_pg_finalize(db_stmt *q)
{
	if (!q)
		return;
	if (q->d->conn)
		db_pg_reset(q);
	else
		PQclear(q->row);
	for (size_t i = q->pos; i < q->nahead; i++)
		PQclear(q->ahead[i]);
	free(q->ahead);
	free(q->end_err);
	free(q->params);
	free(q->sql);
	free(q);
}

static bool has_col(db_stmt *q, int i)
{
	return q->row && i >= 0 && i < PQnfields(q->row);
}

bool db_pg_col_null(db_stmt *q, int i)
{
	return !has_col(q, i) || PQgetisnull(q->row, 0, i);
}

int64_t db_pg_col_int(db_stmt *q, int i)
{
	if (db_pg_col_null(q, i))
		return 0;
	const char *v = PQgetvalue(q->row, 0, i);
	if (PQftype(q->row, i) == OID_BOOL) /* SQLite's comparisons are 0 or 1 */
		return *v == 't';
	return strtoll(v, NULL, 10);
}

const char *db_pg_col_text(db_stmt *q, int i)
{
	if (db_pg_col_null(q, i))
		return NULL;
	if (PQftype(q->row, i) == OID_BOOL)
		return *PQgetvalue(q->row, 0, i) == 't' ? "1" : "0";
	return PQgetvalue(q->row, 0, i);
}

size_t db_pg_col_bytes(db_stmt *q, int i)
{
	if (db_pg_col_null(q, i))
		return 0;
	if (PQftype(q->row, i) == OID_BOOL)
		return 1;
	return (size_t)PQgetlength(q->row, 0, i);
}

int64_t db_pg_changes(db *d)
{
	return d->changes;
}
