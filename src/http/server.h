/*
 * server.h - inbeeld serve: the registry over HTTP (SPEC 11). The rooms
 * above (src/api, src/web) hand the server their route tables and the API
 * description; src/cli/cmd_serve.c starts it.
 */
#ifndef INBEELD_SERVER_H
#define INBEELD_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include "../app/casework.h"
#include "../app/reloader.h"
#include "../app/snapshot.h"
#include "routes.h"

/* A task beside the requests, of a layer above (the reminders by e-mail,
 * src/mail): started once every thread runs, told when the first load's
 * work (the automatic opening of dossiers) is done, stopped before the
 * registry closes. The sandbox lets it make one kind of connection: TCP to
 * connect_port (0: none), reading the CA certificates when tls. */
typedef struct server_task {
	void *ctx;
	int (*start)(void *ctx, snapshot_holder *snap, casework *cases, store_pool *pool, strbuf *err);
	void (*ready)(void *ctx);
	void (*stop)(void *ctx);
	int connect_port;
	bool tls;
} server_task;

typedef struct server_config {
	const char *db_path;
	const char *listen;	  /* "127.0.0.1:8080" */
	const char *tls_cert, *tls_key; /* PEM files: serve HTTPS directly */
	bool behind_proxy;	  /* trust X-Forwarded-For / -Proto from the proxy */
	const char *static_dir;	  /* web interface assets; NULL = built-in default */
	const char *run_as;	  /* started as root: become this user (--gebruiker) */
	const char *tmp_dir;	  /* private temporary folder; NULL = "<db>.tmp" next to the registry */
	int threads;		  /* request threads (thread pool) */
	int audit_days;		  /* audit retention; 0 = keep the registry's setting */
	int dossier_days;	  /* retention of closed dossiers; 0 = keep the registry's setting */
	long session_idle, session_max; /* seconds */
	bool quiet;		  /* no request log */
	route_set routes;	  /* what the server answers, in match order */
	/* Built from the routes once at start-up (before the request threads)
	 * and shared, as is, by every answer of GET /api/openapi.json. */
	shared_body *(*describe)(const route_set *routes);
	/* A body field in words ("Met wie" for met_wie), for the messages of
	 * the input checks; NULL when there is no label for key. */
	const char *(*field_label)(const char *key);
	server_task task; /* start NULL: none */
} server_config;

/* Run until SIGTERM or SIGINT; returns an exit code. */
int server_run(const server_config *cfg);

#endif
