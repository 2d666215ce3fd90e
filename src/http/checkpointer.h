/*
 * checkpointer.h - the server's one checkpoint thread (issue 17).
 *
 * Commits append to the registry's write-ahead log; a checkpoint copies the
 * log back into the registry (and syncs it to disk). Run by whichever commit
 * takes the log past its limit, it would make that request - or the audit
 * writer, and with it every read waiting for its entry - wait for the copy.
 * Instead the request and audit connections never checkpoint, and this
 * thread does, on its own connection, every CHECKPOINT_MS.
 */
#ifndef INBEELD_HTTP_CHECKPOINTER_H
#define INBEELD_HTTP_CHECKPOINTER_H

#include <pthread.h>
#include <stdbool.h>

#include "../store/store.h"

typedef struct checkpointer {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stopping, running;
	pthread_t thread;
	store *st; /* its own connection */
} checkpointer;

/* Start the thread on its own connection st (it closes it); false when it
 * could not be started (st is closed then too). */
bool checkpointer_start(checkpointer *c, store *st);
/* One last checkpoint, stop the thread and close its connection. */
void checkpointer_stop(checkpointer *c);

#endif
