/*
 * store_reach.h - what a connection to the registry reaches outside the
 * server's own folders, for the server's sandbox (src/http/sandbox.h): an
 * SQLite registry is a file in a folder; a PostgreSQL registry is a libpq
 * connection to unix sockets and TCP ports, and the few files libpq reads
 * while connecting (the password file, a client certificate and key, the
 * root certificates). The server allows exactly these, and nothing more,
 * before its first connection.
 */
#ifndef INBEELD_STORE_REACH_H
#define INBEELD_STORE_REACH_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "../util/strbuf.h"

enum { REACH_MAX = 8 };

typedef struct store_reach {
	bool is_file;
	char file[PATH_MAX]; /* SQLite: the registry's real path */
	char dir[PATH_MAX];  /* SQLite: its folder (the journals live there) */
	/* PostgreSQL: the folders of the unix sockets (connect, no file right),
	 * the TCP ports, and the files libpq reads that exist. */
	size_t n_sockets, n_ports, n_reads;
	char sockets[REACH_MAX][PATH_MAX];
	int ports[REACH_MAX];
	char reads[REACH_MAX][PATH_MAX];
} store_reach;

/* What target (an SQLite path or a libpq URI) reaches. For a URI it also
 * pins, in the environment (PGUSER, PGPASSFILE, PGSSL*), what libpq would
 * otherwise look up in the user database at every connection, which the
 * sandbox closes (/etc/passwd); a value the URI or the environment gives
 * wins. 0, or -1 with the reason in err (a missing SQLite file, a URI that
 * does not parse, a service file: service= is not followed). */
int store_reach_of(const char *target, store_reach *r, strbuf *err);

/* The registry as it may be shown in the log: a URI without its password. */
void store_target_redacted(const char *target, strbuf *out);

#endif
