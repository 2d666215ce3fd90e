/*
 * reqlog.h - the request log: one JSON line per request on stderr with the
 * method, the route pattern (never the path with its identifiers), status,
 * duration, role and account number. No personal data, no query values.
 */
#ifndef INBEELD_HTTP_REQLOG_H
#define INBEELD_HTTP_REQLOG_H

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

typedef struct req req;

typedef struct request_log {
	FILE *f;
	bool quiet; /* serve --stil: no request log */
	pthread_mutex_t lock;
} request_log;

void reqlog_init(request_log *l, FILE *f, bool quiet);
void reqlog_free(request_log *l);
void reqlog_write(request_log *l, const req *r);

#endif
