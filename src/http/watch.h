/*
 * watch.h - the server's ear for the other servers on its registry (issue
 * 16): a thread that waits on the registry's notifications (store_watch,
 * PostgreSQL) and has this process catch up with what another wrote - the
 * pupils of its batch read again into the snapshot (the reloader), the
 * dossier states computed again, the sessions kept in memory dropped - so
 * that its lists and counts show the change within a second. On SQLite
 * there is nothing to wait on and no thread runs.
 */
#ifndef INBEELD_HTTP_WATCH_H
#define INBEELD_HTTP_WATCH_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "../app/casework.h"
#include "../app/reloader.h"
#include "session.h"

typedef struct server_watch {
	store_watch *w;
	pthread_t thread;
	bool running;
	atomic_bool stopping;
	snapshot_holder *snap;
	casework *cases;
	session_store *sessions;
} server_watch;

/* Open the watch on target (its own connection, before the sandbox closes
 * the door to new ones) and start the thread: 0 (also on SQLite, where none
 * starts), or -1 with err. */
int server_watch_start(server_watch *sw, const char *target, snapshot_holder *snap, casework *cases,
		       session_store *sessions, strbuf *err);
/* Stop the thread (if one runs) and close the watch. */
void server_watch_stop(server_watch *sw);

#endif
