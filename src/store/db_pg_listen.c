/*
 * db_pg_listen.c - PostgreSQL's notifications for db.h (db_listen,
 * db_notification): a connection that LISTENs on a channel and waits for
 * what other connections send with pg_notify() - delivered when their
 * transaction commits, never for one rolled back. The store's watcher
 * (store_watch.c) keeps one such connection per server process.
 */
#include "db_pg_internal.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

int db_pg_listen(db *d, const char *channel)
{
	if (!d->conn)
		return pg_closed(d);
	char *quoted = PQescapeIdentifier(d->conn, channel, strlen(channel));
	if (!quoted) {
		pg_set_err(d, PQerrorMessage(d->conn));
		return DB_ERROR;
	}
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "LISTEN %s", quoted);
	PQfreemem(quoted);
	int rc = pg_run(d, sb_str(&sql));
	sb_free(&sql);
	return rc;
}

/* The next notification libpq has read, into payload: whether there was one. */
static bool take(db *d, strbuf *payload)
{
	PGnotify *n = PQnotifies(d->conn);
	if (!n)
		return false;
	sb_reset(payload);
	sb_puts(payload, n->extra ? n->extra : "");
	PQfreemem(n);
	return true;
}

static int gone(db *d)
{
	pg_set_err(d, PQerrorMessage(d->conn));
	if (!d->err.len)
		pg_set_err(d, "de verbinding met de database is verbroken");
	return DB_CLOSED;
}

int db_pg_notification(db *d, int timeout_ms, strbuf *payload)
{
	if (!d->conn)
		return pg_closed(d);
	if (take(d, payload))
		return DB_ROW;
	int fd = PQsocket(d->conn);
	if (fd < 0 || PQstatus(d->conn) != CONNECTION_OK)
		return gone(d);
	struct pollfd p = {.fd = fd, .events = POLLIN};
	int ready = poll(&p, 1, timeout_ms);
	if (ready < 0 && errno != EINTR) {
		pg_set_err(d, strerror(errno));
		return DB_ERROR;
	}
	if (ready <= 0)
		return DB_DONE;
	if (!PQconsumeInput(d->conn) || PQstatus(d->conn) != CONNECTION_OK)
		return gone(d);
	return take(d, payload) ? DB_ROW : DB_DONE;
}
