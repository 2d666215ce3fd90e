/*
 * store_login_limit.c - the login limiter's state in the registry
 * (migration 14, table inlogpoging), so that every server process on one
 * registry counts the same failed logins (issue 16). The store keeps and
 * serialises the state; the limits and windows are the limiter's
 * (src/http/ratelimit.c), worked out in C from its clock.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

/* The first number of the keys' advisory locks on PostgreSQL: "inlg". */
enum { LOGIN_LIMIT_LOCK = 0x696e6c67 };

/* The failure times as stored: seconds, space separated, oldest first. */
static void fails_parse(const char *s, login_limit *l)
{
	l->n = 0;
	while (s && *s && l->n < LOGIN_LIMIT_FAILS) {
		char *end;
		long long v = strtoll(s, &end, 10);
		if (end == s)
			break;
		l->fails[l->n++] = (int64_t)v;
		s = end;
	}
}

static void fails_text(const login_limit *l, strbuf *out)
{
	for (int i = 0; i < l->n; i++)
		sb_printf(out, "%s%lld", i ? " " : "", (long long)l->fails[i]);
}

static int read_state(store *st, const char *key, login_limit *l, strbuf *err)
{
	*l = (login_limit){0};
	db_stmt *q;
	if (prepare(st, "SELECT mislukt, geblokkeerd_tot, bezig, bezig_sinds FROM inlogpoging WHERE sleutel = ?1", &q,
		    err))
		return -1;
	int step = bind_text(q, 1, key) ? UNBOUND : db_step(q), rc = 0;
	if (step == DB_ROW) {
		fails_parse(col_text(q, 0), l);
		l->locked_until = col_int(q, 1);
		l->pending = col_int(q, 2);
		l->pending_since = col_int(q, 3);
	} else if (step != DB_DONE) {
		rc = step == UNBOUND ? bind_fail(st, err) : db_fail(st, err, "inlogpogingen lezen mislukt");
	}
	db_finalize(q);
	return rc;
}

static int write_state(store *st, const char *key, const login_limit *l, int64_t now, strbuf *err)
{
	bool empty = !l->n && !l->locked_until && !l->pending;
	db_stmt *q;
	if (prepare(st,
		    empty ? "DELETE FROM inlogpoging WHERE sleutel = ?1"
			  : "INSERT INTO inlogpoging (sleutel, mislukt, geblokkeerd_tot, bezig, bezig_sinds, bijgewerkt)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (sleutel) DO UPDATE SET mislukt = excluded.mislukt,"
			    " geblokkeerd_tot = excluded.geblokkeerd_tot, bezig = excluded.bezig,"
			    " bezig_sinds = excluded.bezig_sinds, bijgewerkt = excluded.bijgewerkt",
		    &q, err))
		return -1;
	strbuf fails = STRBUF_INIT;
	fails_text(l, &fails);
	int rc = bind_text(q, 1, key);
	if (!empty)
		rc = rc || bind_text(q, 2, sb_str(&fails)) || bind_int(q, 3, l->locked_until) || bind_int(q, 4, l->pending) ||
		     bind_int(q, 5, l->pending_since) || bind_int(q, 6, now);
	rc = rc ? bind_fail(st, err) : db_step(q) == DB_DONE ? 0 : db_fail(st, err, "inlogpogingen vastleggen mislukt");
	db_finalize(q);
	sb_free(&fails);
	return rc;
}

int store_login_limit_prune(store *st, int64_t before, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, "DELETE FROM inlogpoging WHERE bijgewerkt < ?1", &q, err))
		return -1;
	int rc = bind_int(q, 1, before) ? bind_fail(st, err)
		 : db_step(q) == DB_DONE ? 0
					 : db_fail(st, err, "oude inlogpogingen opruimen mislukt");
	db_finalize(q);
	return rc;
}

/* A transaction in which key's row is this connection's alone. SQLite: a
 * write transaction (it has one writer). PostgreSQL: not the registry's
 * write lock, which an import holds for minutes and no login should wait
 * for, but a lock of the key's own (an advisory lock in the two-number key
 * space, which the write lock's one number never meets). */
static int begin_for_key(store *st, const char *key, strbuf *err)
{
	if (db_kind_of(st->db) != DB_POSTGRES)
		return begin(st, true, err);
	if (exec(st, "BEGIN ISOLATION LEVEL READ COMMITTED", err))
		return -1;
	char part[8];
	snprintf(part, sizeof part, "%.7s", key); /* 28 bits of the SHA-256 */
	db_stmt *q;
	int rc = prepare(st, "SELECT pg_advisory_xact_lock(CAST(?1 AS INTEGER), CAST(?2 AS INTEGER))", &q, err);
	if (!rc) {
		if (bind_int(q, 1, LOGIN_LIMIT_LOCK) || bind_int(q, 2, strtol(part, NULL, 16)))
			rc = bind_fail(st, err);
		else if (db_step(q) != DB_ROW || db_step(q) != DB_DONE)
			rc = db_fail(st, err, "inlogpogingen vergrendelen mislukt");
		db_finalize(q);
	}
	if (rc)
		rollback(st);
	return rc;
}

int store_login_limit(store *st, const char *key, void (*change)(void *ctx, login_limit *l), void *ctx,
		      int64_t now, strbuf *err)
{
	if (begin_for_key(st, key, err))
		return -1;
	login_limit l;
	int rc = read_state(st, key, &l, err);
	if (!rc) {
		change(ctx, &l);
		rc = write_state(st, key, &l, now, err);
	}
	if (!rc)
		rc = commit_tx(st, err);
	if (rc)
		rollback(st);
	return rc ? -1 : 0;
}
