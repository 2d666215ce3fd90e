/*
 * server.h - inbeeld serve: the registry over HTTP (SPEC 11).
 */
#ifndef INBEELD_SERVER_H
#define INBEELD_SERVER_H

#include <stdbool.h>
#include <stdint.h>

typedef struct server_config {
	const char *db_path;
	const char *listen;	  /* "127.0.0.1:8080" */
	const char *tls_cert, *tls_key; /* PEM files: serve HTTPS directly */
	bool behind_proxy;	  /* trust X-Forwarded-For / -Proto from the proxy */
	const char *static_dir;	  /* web interface assets; NULL = built-in default */
	int threads;		  /* request threads (thread pool) */
	int audit_days;		  /* audit retention; 0 = keep the registry's setting */
	int dossier_days;	  /* retention of closed dossiers; 0 = keep the registry's setting */
	long session_idle, session_max; /* seconds */
	bool quiet;		  /* no request log */
} server_config;

/* Run until SIGTERM or SIGINT; returns an exit code. */
int server_run(const server_config *cfg);

#endif
