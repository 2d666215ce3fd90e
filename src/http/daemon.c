/*
 * daemon.c - starting and stopping the server: its subsystems, the
 * libmicrohttpd daemon with a thread pool (epoll) and TLS, and a graceful
 * stop on SIGTERM or SIGINT (stop accepting, let running requests and jobs
 * finish, write what the audit log has queued).
 */
#include <errno.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../app/accounts.h"
#include "../app/exit_codes.h"
#include "../util/alloc.h"
#include "http.h"
#include "pipeline.h"

static int parse_listen(const char *listen, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	if (!colon || (size_t)(colon - listen) >= sizeof host)
		return -1;
	snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
	long port = strtol(colon + 1, NULL, 10);
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (port < 1 || port > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return -1;
	return 0;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_append(&sb, buf, n);
	fclose(f);
	return sb.data ? sb.data : xstrdup("");
}

int server_run(const server_config *cfg)
{
	server *srv = xcalloc(1, sizeof *srv);
	srv->cfg = *cfg;
	reqlog_init(&srv->log, stderr, cfg->quiet);
	grants_init(&srv->grants);
	jobs_init(&srv->jobs);
	int rc = EXIT_DATA;
	strbuf err = STRBUF_INIT;
	struct sockaddr_in sa;
	char *cert = NULL, *key = NULL;
	bool pool_open = false, guard_open = false, parts = false, snap_open = false, started = false;
	store *audit_store = NULL;
	if (accounts_init() != 0 || login_guard_init(&srv->login) != 0) {
		fprintf(stderr, "inbeeld: libsodium kon niet worden gestart\n");
		goto out;
	}
	guard_open = true;
	json_guard_install();
	if (parse_listen(cfg->listen, &sa) != 0) {
		fprintf(stderr, "inbeeld: --listen verwacht ADRES:POORT (IPv4), bv. 127.0.0.1:8080, niet '%s'\n", cfg->listen);
		rc = EXIT_USAGE;
		goto out;
	}
	if (cfg->tls_cert || cfg->tls_key) {
		cert = cfg->tls_cert ? read_file(cfg->tls_cert) : NULL;
		key = cfg->tls_key ? read_file(cfg->tls_key) : NULL;
		if (!cert || !key) {
			fprintf(stderr, "inbeeld: --tls-cert en --tls-key moeten allebei een leesbaar PEM-bestand zijn\n");
			goto out;
		}
		srv->tls = true;
	}
	pool_open = true;
	if (store_pool_open(&srv->pool, cfg->db_path, (size_t)cfg->threads + 2, &err) != 0 ||
	    store_open(cfg->db_path, &audit_store, &err) != 0) {
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		goto out;
	}
	size_t purged = 0;
	if ((cfg->audit_days && store_audit_set_retention(audit_store, cfg->audit_days, &err) != 0) ||
	    store_audit_purge(audit_store, &purged, &err) != 0 ||
	    (cfg->dossier_days && store_dossier_set_retention(audit_store, cfg->dossier_days, &err) != 0)) {
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		goto out;
	}
	session_store_init(&srv->sessions, &srv->pool, cfg->session_idle);
	casework_init(&srv->cases, &srv->pool);
	parts = true;
	fprintf(stderr, "inbeeld: registratie %s inlezen...\n", cfg->db_path);
	snap_open = true;
	if (snapshot_holder_init(&srv->snap, &srv->pool, cfg->threads, &err) != 0) {
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		goto out;
	}
	srv->openapi = cfg->describe ? cfg->describe(&cfg->routes) : NULL;
	/* Signals go to the main thread only, which waits for them below. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	snapshot_holder_start(&srv->snap, (snapshot_hook){casework_after_load, &srv->cases});
	audit_writer_start(&srv->audit, audit_store);
	audit_store = NULL; /* the writer's now */
	started = true;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
#ifdef __linux__
	flags |= MHD_USE_EPOLL;
#endif
	if (srv->tls)
		flags |= MHD_USE_TLS;
	struct MHD_OptionItem tls_opts[] = {
		{MHD_OPTION_HTTPS_MEM_CERT, 0, cert},
		{MHD_OPTION_HTTPS_MEM_KEY, 0, key},
		{MHD_OPTION_END, 0, NULL},
	};
	srv->daemon = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)256 * 1024,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096, MHD_OPTION_ARRAY, srv->tls ? tls_opts : tls_opts + 2,
		MHD_OPTION_END);
	if (!srv->daemon) {
		fprintf(stderr, "inbeeld: kan niet luisteren op %s (%s)\n", cfg->listen, strerror(errno));
		goto out;
	}
	fprintf(stderr, "inbeeld: luistert op %s://%s (registratie %lld, %zu leerlingen, %d threads)\n",
		srv->tls ? "https" : "http", cfg->listen, (long long)srv->snap.cur->version, srv->snap.cur->ds->n_pupils,
		cfg->threads);
	int sig = 0;
	sigwait(&sigs, &sig);
	fprintf(stderr, "inbeeld: %s ontvangen, lopende verzoeken worden afgemaakt...\n",
		sig == SIGTERM ? "SIGTERM" : "SIGINT");
	/* Stop accepting, let running requests finish (at most 10 s), stop. */
	MHD_socket ls = MHD_quiesce_daemon(srv->daemon);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	/* Idle keep-alive connections are not waited for; requests are. */
	for (int i = 0; i < 1000 && atomic_load(&srv->inflight) > 0; i++)
		usleep(10 * 1000);
	MHD_stop_daemon(srv->daemon);
	rc = EXIT_OK;
out:
	if (started) {
		jobs_finish(&srv->jobs); /* a dataset being loaded is finished first */
		snapshot_holder_stop(&srv->snap);
		audit_writer_stop(&srv->audit);
		if (rc == EXIT_OK)
			fprintf(stderr, "inbeeld: gestopt\n");
	} else {
		jobs_finish(&srv->jobs);
	}
	if (snap_open)
		snapshot_holder_free(&srv->snap);
	if (parts) {
		casework_free(&srv->cases);
		session_store_free(&srv->sessions);
	}
	shared_body_release(srv->openapi);
	store_close(audit_store);
	if (pool_open)
		store_pool_close(&srv->pool);
	if (guard_open)
		login_guard_free(&srv->login);
	grants_free(&srv->grants);
	reqlog_free(&srv->log);
	free(cert);
	free(key);
	sb_free(&err);
	free(srv);
	return rc;
}
