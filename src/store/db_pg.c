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
 * for such interleaved reads).
 *
 * Differences from SQLite that callers see: an error inside a transaction
 * aborts the whole transaction (roll it back); the SQL is checked by the
 * server at the first step, not at db_prepare; no statement may run while a
 * bulk load (COPY) is open on the connection.
 */
#include "db_pg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "../util/alloc.h"

/* The server's type ids (catalog/pg_type.h, not installed with libpq). */
enum { OID_BOOL = 16, OID_INT8 = 20, OID_TEXT = 25 };
#define STR_(x) #x
#define STR(x) STR_(x)
/* SQLite's store waits 10 s for a lock (sqlite3_busy_timeout); so here. */
#define SESSION_SQL "SET lock_timeout = '10s'; SET standard_conforming_strings = on;" \
	" SET client_min_messages = warning"
#define COPY_FLUSH (1u << 20) /* bytes of COPY data sent at once */

typedef struct pg_plan {
	uint64_t hash;
	char *key; /* the SQL, NUL, the types ('i', 't', 'n' per parameter) */
	size_t keylen;
	char name[24];
} pg_plan;

struct db {
	db_kind kind; /* DB_POSTGRES: first, see db_pg.h */
	PGconn *conn; /* NULL once closed after a failed ROLLBACK */
	strbuf err;
	int64_t changes;
	bool in_tx; /* as db_pg_begin/commit/rollback left it */
	db_stmt *active; /* whose rows are streaming on conn */
	pg_plan *plans;
	size_t nplans, cap_plans;
	unsigned next_plan;
};

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

struct db_bulk {
	db_kind kind; /* DB_POSTGRES: first, see db_pg.h */
	db *d;
	int ncols;
	char *buf;
	size_t len, cap;
	int rc; /* the first failure, DB_OK while none */
};

static void quiet_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg; /* none of db.h prints: notices and warnings are dropped */
}

static void set_err(db *d, const char *msg)
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
static int result_error(db *d, const PGresult *res)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!msg && res && *PQresultErrorMessage(res))
		msg = PQresultErrorMessage(res);
	set_err(d, msg ? msg : PQerrorMessage(d->conn));
	if (!res)
		return DB_ERROR;
	return map_sqlstate(PQresultErrorField(res, PG_DIAG_SQLSTATE));
}

static int closed(db *d)
{
	set_err(d, "de verbinding met de database is gesloten na een mislukte ROLLBACK");
	return DB_CLOSED;
}

static bool ok_status(const PGresult *res)
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

static void drain(db *d)
{
	PGresult *r;
	while ((r = PQgetResult(d->conn)))
		PQclear(r);
}

/* Read what is left of the streaming statement into its own buffer, so the
 * connection is free for another query. */
static void free_conn(db *d)
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
			q->end_rc = result_error(d, r);
			free(q->end_err);
			q->end_err = xstrdup(sb_str(&d->err));
		}
		PQclear(r);
	}
	q->state = ST_BUFFERED;
}

/* Run sql (one or more statements, no parameters) and check it. */
static int run(db *d, const char *sql)
{
	if (!d->conn)
		return closed(d);
	free_conn(d);
	PGresult *res = PQexec(d->conn, sql);
	int rc = res && ok_status(res) ? DB_OK : result_error(d, res);
	PQclear(res);
	return rc;
}

void db_pg_redact(const char *target, strbuf *out)
{
	const char *s = strstr(target, "://");
	if (!s) {
		sb_puts(out, target);
		return;
	}
	s += 3;
	size_t auth = strcspn(s, "/?#");
	const char *at = NULL; /* the last @ of the authority ends the userinfo */
	for (const char *p = s; p < s + auth; p++)
		if (*p == '@')
			at = p;
	sb_append(out, target, (size_t)(s - target));
	if (at) {
		const char *colon = memchr(s, ':', (size_t)(at - s));
		sb_append(out, s, (size_t)((colon ? colon : at) - s));
		sb_append(out, at, (size_t)(s + auth - at));
	} else {
		sb_append(out, s, auth);
	}
	const char *p = s + auth;
	size_t path = strcspn(p, "?#");
	sb_append(out, p, path);
	p += path;
	if (*p != '?') {
		sb_puts(out, p);
		return;
	}
	char sep = '?';
	p++;
	while (*p && *p != '#') {
		size_t n = strcspn(p, "&#");
		if (!(n >= 9 && !strncmp(p, "password=", 9))) {
			sb_putc(out, sep);
			sb_append(out, p, n);
			sep = '&';
		}
		p += n;
		if (*p == '&')
			p++;
	}
	sb_puts(out, p);
}

int db_pg_open(const char *target, unsigned flags, db **out, strbuf *err)
{
	*out = NULL;
	PGconn *c = PQconnectdb(target);
	strbuf where = STRBUF_INIT;
	db_pg_redact(target, &where);
	if (!c || PQstatus(c) != CONNECTION_OK) {
		strbuf m = STRBUF_INIT;
		for (const char *e = c ? PQerrorMessage(c) : "geen geheugen"; *e; e++) /* on one line */
			if (*e != '\n' && *e != '\t')
				sb_putc(&m, *e);
			else if (m.len && m.data[m.len - 1] != ' ')
				sb_putc(&m, ' ');
		while (m.len && m.data[m.len - 1] == ' ')
			m.data[--m.len] = '\0';
		sb_printf(err, "kan de PostgreSQL-database %s niet openen: %s", sb_str(&where), sb_str(&m));
		sb_free(&m);
		sb_free(&where);
		PQfinish(c);
		return DB_ERROR;
	}
	PQsetNoticeProcessor(c, quiet_notice, NULL);
	db *d = xcalloc(1, sizeof *d);
	d->kind = DB_POSTGRES;
	d->conn = c;
	int rc = PQsetClientEncoding(c, "UTF8") ? DB_ERROR : run(d, SESSION_SQL);
	if (rc == DB_OK && (flags & DB_READONLY))
		rc = run(d, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
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
			drain(d);
		PQfinish(d->conn);
	}
	for (size_t i = 0; i < d->nplans; i++)
		free(d->plans[i].key);
	free(d->plans);
	sb_free(&d->err);
	free(d);
}

const char *db_pg_errmsg(db *d)
{
	return sb_str(&d->err);
}

int db_pg_exec(db *d, const char *sql)
{
	return run(d, sql);
}

int db_pg_begin(db *d, bool write)
{
	if (!d->conn)
		return closed(d);
	free_conn(d);
	if (PQtransactionStatus(d->conn) != PQTRANS_IDLE) {
		set_err(d, "er loopt al een transactie");
		return DB_ERROR;
	}
	/* A writer reads after it holds the lock: READ COMMITTED takes a new
	 * snapshot per statement, so it sees every write committed before. */
	int rc = write ? run(d, "BEGIN ISOLATION LEVEL READ COMMITTED;"
				" SELECT pg_advisory_xact_lock(" STR(DB_PG_WRITE_LOCK) ")")
		       : run(d, "BEGIN ISOLATION LEVEL REPEATABLE READ");
	if (rc != DB_OK && PQtransactionStatus(d->conn) != PQTRANS_IDLE) {
		PGresult *r = PQexec(d->conn, "ROLLBACK"); /* no transaction left behind a refusal */
		PQclear(r);
	}
	d->in_tx = rc == DB_OK;
	return rc;
}

int db_pg_commit(db *d)
{
	if (!d->conn)
		return closed(d);
	free_conn(d);
	PGresult *res = PQexec(d->conn, "COMMIT");
	int rc = res && ok_status(res) ? DB_OK : result_error(d, res);
	if (rc == DB_OK && !strcmp(PQcmdStatus(res), "ROLLBACK")) {
		/* COMMIT of a transaction an error aborted: PostgreSQL rolls back */
		set_err(d, "de transactie is na een eerdere fout teruggedraaid");
		rc = DB_ERROR;
	}
	PQclear(res);
	d->in_tx = PQtransactionStatus(d->conn) != PQTRANS_IDLE;
	return rc;
}

int db_pg_rollback(db *d)
{
	if (!d->conn)
		return closed(d);
	free_conn(d);
	d->in_tx = false;
	if (PQtransactionStatus(d->conn) == PQTRANS_IDLE)
		return DB_OK; /* nothing to undo (the server ended it already) */
	PGresult *res = PQexec(d->conn, "ROLLBACK");
	int rc = res && ok_status(res) ? DB_OK : result_error(d, res);
	PQclear(res);
	if (rc != DB_OK || PQtransactionStatus(d->conn) != PQTRANS_IDLE) {
		strbuf why = STRBUF_INIT;
		sb_puts(&why, sb_str(&d->err));
		PQfinish(d->conn); /* no connection stays behind in a transaction */
		d->conn = NULL;
		d->active = NULL;
		rc = closed(d);
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

/* Copy a quoted run from *p (at the opening quote q) to out, through its
 * closing quote; doubled quotes stay inside. backslash: E'...' escapes. */
static bool copy_quoted(const char **p, char q, bool backslash, strbuf *out)
{
	const char *s = *p;
	const char *e = s + 1;
	for (;;) {
		if (!*e)
			return false;
		if (backslash && *e == '\\' && e[1]) {
			e += 2;
			continue;
		}
		if (*e == q) {
			if (e[1] == q) {
				e += 2;
				continue;
			}
			break;
		}
		e++;
	}
	sb_append(out, s, (size_t)(e + 1 - s));
	*p = e + 1;
	return true;
}

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       (unsigned char)c >= 0x80;
}

int db_pg_rewrite(const char *sql, strbuf *out, int *max_param, strbuf *err)
{
	*max_param = 0;
	const char *p = sql;
	while (*p) {
		char c = *p;
		if (c == '\'' || c == '"') {
			bool esc = c == '\'' && p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
				   (p - 1 == sql || !ident_char(p[-2]));
			if (!copy_quoted(&p, c, esc, out)) {
				sb_puts(err, c == '"' ? "een naam tussen aanhalingstekens is niet gesloten"
						      : "een tekst tussen aanhalingstekens is niet gesloten");
				return DB_ERROR;
			}
		} else if (c == '-' && p[1] == '-') {
			size_t n = strcspn(p, "\n");
			sb_append(out, p, n);
			p += n;
		} else if (c == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			size_t n = e ? (size_t)(e + 2 - p) : strlen(p);
			sb_append(out, p, n);
			p += n;
		} else if (c == '$' && (p == sql || !ident_char(p[-1]))) {
			/* a dollar quote $tag$ ... $tag$ (a $N would be a parameter already written so) */
			const char *t = p + 1;
			while (ident_char(*t) && !(*t >= '0' && *t <= '9' && t == p + 1))
				t++;
			if (*t != '$') {
				sb_putc(out, c);
				p++;
				continue;
			}
			size_t tag = (size_t)(t + 1 - p);
			const char *e = p + tag;
			while ((e = strchr(e, '$')) && strncmp(e, p, tag))
				e++;
			size_t n = e ? (size_t)(e + tag - p) : strlen(p);
			sb_append(out, p, n);
			p += n;
		} else if (c == '?') {
			char *end;
			errno = 0;
			long n = (p[1] >= '0' && p[1] <= '9') ? strtol(p + 1, &end, 10) : 0;
			if (n < 1 || n > 65535 || errno) {
				sb_puts(err, "een parameter zonder nummer (?) of buiten 1..65535; schrijf ?1, ?2, ...");
				return DB_ERROR;
			}
			sb_printf(out, "$%ld", n);
			if (n > *max_param)
				*max_param = (int)n;
			p = end;
		} else {
			sb_putc(out, c);
			p++;
		}
	}
	return DB_OK;
}

int db_pg_prepare(db *d, const char *sql, db_stmt **out)
{
	*out = NULL;
	if (!d->conn)
		return closed(d);
	strbuf s = STRBUF_INIT, err = STRBUF_INIT;
	int n;
	if (db_pg_rewrite(sql, &s, &n, &err) != DB_OK) {
		set_err(d, sb_str(&err));
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
		set_err(q->d, "een tekst is te lang voor de database");
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
	bool ok = r && ok_status(r);
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
		*rc = result_error(d, res);
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
	free_conn(d);
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
		return result_error(d, NULL);
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
	if (!d->conn)
		return closed(d);
	if (q->state == ST_FAILED) {
		set_err(d, "de opdracht is mislukt en moet eerst opnieuw worden gezet (db_reset)");
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
			set_err(d, q->end_err);
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
	if (!res || ok_status(res))
		changes = res ? changes_of(res) : -1;
	else
		rc = result_error(d, res);
	PQclear(res);
	drain(d);
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
		drain(q->d);
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

int db_pg_schema_version(db *d, int *version)
{
	*version = 0;
	if (!d->conn)
		return closed(d);
	free_conn(d);
	PGresult *res = PQexec(d->conn, "SELECT to_regclass('inbeeld_schema') IS NOT NULL");
	int rc = res && PQresultStatus(res) == PGRES_TUPLES_OK ? DB_OK : result_error(d, res);
	bool exists = rc == DB_OK && PQntuples(res) == 1 && *PQgetvalue(res, 0, 0) == 't';
	PQclear(res);
	if (rc != DB_OK || !exists)
		return rc;
	res = PQexec(d->conn, "SELECT version FROM inbeeld_schema");
	rc = res && PQresultStatus(res) == PGRES_TUPLES_OK ? DB_OK : result_error(d, res);
	if (rc == DB_OK && PQntuples(res) > 0)
		*version = (int)strtol(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return rc;
}

int db_pg_set_schema_version(db *d, int version)
{
	int rc = run(d, "CREATE TABLE IF NOT EXISTS inbeeld_schema (version integer NOT NULL,"
			" one boolean PRIMARY KEY DEFAULT true CHECK (one));"
			" DELETE FROM inbeeld_schema");
	if (rc != DB_OK)
		return rc;
	char v[16];
	snprintf(v, sizeof v, "%d", version);
	const char *values[1] = {v};
	PGresult *res = PQexecParams(d->conn, "INSERT INTO inbeeld_schema (version) VALUES ($1::integer)", 1, NULL,
				     values, NULL, NULL, 0);
	rc = res && ok_status(res) ? DB_OK : result_error(d, res);
	PQclear(res);
	return rc;
}

int db_pg_bulk_begin(db *d, const char *table, const char *const *cols, int ncols, db_bulk **out)
{
	*out = NULL;
	if (!d->conn)
		return closed(d);
	if (ncols < 1) {
		set_err(d, "een bulklading zonder kolommen");
		return DB_ERROR;
	}
	free_conn(d);
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
	int rc = res && PQresultStatus(res) == PGRES_COPY_IN ? DB_OK : result_error(d, res);
	PQclear(res);
	if (rc != DB_OK) {
		drain(d);
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
		b->rc = result_error(b->d, NULL);
	b->len = 0;
	return b->rc;
}

/* COPY's text format: backslash, tab, newline and CR escaped; NULL is \N. */
int db_pg_bulk_row(db_bulk *b, const field *f)
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
		if (!f[i].len) {
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

int db_pg_bulk_end(db_bulk *b)
{
	db *d = b->d;
	int rc = bulk_flush(b);
	if (PQputCopyEnd(d->conn, rc == DB_OK ? NULL : "de bulklading is afgebroken") != 1 && rc == DB_OK)
		rc = result_error(d, NULL);
	PGresult *res = PQgetResult(d->conn);
	if (res && PQresultStatus(res) == PGRES_COMMAND_OK) {
		d->changes = strtoll(PQcmdTuples(res), NULL, 10);
	} else if (rc == DB_OK) {
		rc = result_error(d, res);
	}
	PQclear(res);
	drain(d);
	free(b->buf);
	free(b);
	return rc;
}
