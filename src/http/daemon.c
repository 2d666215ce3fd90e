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
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../app/accounts.h"
#include "../app/exit_codes.h"
#include "../app/registry_load.h"
#include "../io/whole_file.h"
#include "../store/store_reach.h"
#include "../util/alloc.h"
#include "http.h"
#include "pipeline.h"
#include "sandbox.h"

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

/* The listening socket, bound here (as root, before the privileges go, a
 * port below 1024 too) and handed to libmicrohttpd; -1 on failure. */
static int listen_socket(const struct sockaddr_in *sa)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	int on = 1;
	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
	    bind(fd, (const struct sockaddr *)sa, sizeof *sa) != 0 || listen(fd, SOMAXCONN) != 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The web interface's assets: --static DIR, else web/ next to the binary
 * (build/web for build/inbeeld), else ../web (for build/asan/inbeeld); ""
 * when there are none. Found once, at start-up: the sandbox leaves the
 * server this folder to read and no other. */
static void find_static_dir(const server_config *cfg, char dir[PATH_MAX])
{
	dir[0] = '\0';
	char exe[PATH_MAX];
	if (cfg->static_dir) {
		if (!realpath(cfg->static_dir, dir))
			snprintf(dir, PATH_MAX, "%s", cfg->static_dir);
		return;
	}
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return;
	*slash = '\0';
	const char *tries[] = {"web", "../web"};
	for (size_t i = 0; i < 2; i++) {
		char path[PATH_MAX + 8];
		snprintf(path, sizeof path, "%s/%s", exe, tries[i]);
		if (is_dir(path) && realpath(path, dir))
			return;
	}
	dir[0] = '\0';
}

/* The private temporary folder when --tijdelijk gives none: next to an
 * SQLite registry (REG.db.tmp); for a PostgreSQL registry in the system's
 * temporary folder, named by the server's user and port (two servers on one
 * machine listen on different ports; a restart on the same port empties what
 * the last one left). sandbox_tmp_prepare refuses a folder someone else
 * made there. */
static void default_tmp_dir(const server *srv, const store_reach *db_reach, char out[PATH_MAX])
{
	if (db_reach->is_file) {
		snprintf(out, PATH_MAX, "%.*s.tmp", PATH_MAX - 8, db_reach->file);
		return;
	}
	const char *tmp = getenv("TMPDIR");
	const char *port = strrchr(srv->cfg.listen, ':');
	snprintf(out, PATH_MAX, "%.*s/inbeeld-%u-%s.tmp", PATH_MAX - 64, tmp && *tmp == '/' ? tmp : "/tmp",
		 (unsigned)geteuid(), port ? port + 1 : "0");
}

/* Drop root, prepare the private temporary folder, and lock the filesystem
 * away (Landlock) - before the first thread. 0, or -1 with the reason in
 * err. net says which sockets the seccomp filter must allow later. */
static int sandbox_start(server *srv, sandbox_net *net, strbuf *err)
{
	const server_config *cfg = &srv->cfg;
	if (cfg->run_as && sandbox_drop_privileges(cfg->run_as, err) != 0)
		return -1;
	if (!cfg->run_as && geteuid() == 0)
		fprintf(stderr, "inbeeld: let op: de server draait als root; geef --gebruiker NAAM om na het starten een "
				"gebruiker zonder rechten te worden\n");
	/* As the server's user: its home folder decides libpq's files. */
	store_reach *db_reach = xcalloc(1, sizeof *db_reach);
	if (store_reach_of(cfg->db_path, db_reach, err) != 0) {
		free(db_reach);
		return -1;
	}
	if (cfg->tmp_dir)
		snprintf(srv->tmp_dir, sizeof srv->tmp_dir, "%s", cfg->tmp_dir);
	else
		default_tmp_dir(srv, db_reach, srv->tmp_dir);
	if (sandbox_tmp_prepare(srv->tmp_dir, err) != 0) {
		free(db_reach);
		return -1;
	}
	/* SQLite's temporary files (large sorts) and the C library's go there
	 * too; the time zone is read now, while /etc may still be read. */
	setenv("SQLITE_TMPDIR", srv->tmp_dir, 1);
	setenv("TMPDIR", srv->tmp_dir, 1);
	tzset();
	find_static_dir(cfg, srv->static_dir);
	net->smtp = cfg->task.start && cfg->task.connect_port > 0;
	net->db_unix = db_reach->n_sockets > 0;
	net->db_tcp = db_reach->n_ports > 0;
	/* A PostgreSQL registry's snapshot file is kept in the cache folder
	 * (src/app/registry_load.h): read and write there instead. */
	strbuf cache = STRBUF_INIT;
	bool cached = !db_reach->is_file && registry_cache_folder(&cache);
	const char *rw_dir = db_reach->is_file ? db_reach->dir : cached ? sb_str(&cache) : NULL;
	sandbox_paths paths = {rw_dir, srv->tmp_dir, srv->static_dir,
			       cfg->task.start ? cfg->task.connect_port : 0, cfg->task.start && cfg->task.tls,
			       db_reach->ports, db_reach->n_ports, (const char (*)[PATH_MAX])db_reach->reads, db_reach->n_reads,
			       (const char (*)[PATH_MAX])db_reach->sockets, db_reach->n_sockets};
	int rc = sandbox_landlock(&paths, stderr, err) < 0 ? -1 : 0;
	free(db_reach);
	sb_free(&cache);
	return rc;
}

/* After each load: the case work's sweep, then, once, the task's signal
 * that the first load's work is done. */
static void after_load(void *ctx, snapshot *s, bool first, const char *const *only, size_t n_only)
{
	server *srv = ctx;
	casework_after_load(&srv->cases, s, first, only, n_only);
	if (first && srv->cfg.task.start && srv->cfg.task.ready)
		srv->cfg.task.ready(srv->cfg.task.ctx);
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
	int listen_fd = -1;
	bool pool_open = false, guard_open = false, parts = false, snap_open = false, started = false;
	bool task_started = false;
	store *audit_store = NULL;
	bool ckpt_started = false;
	if (accounts_init() != 0 || login_guard_init(&srv->login, &srv->pool) != 0) {
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
		cert = cfg->tls_cert ? whole_file_read(cfg->tls_cert, NULL) : NULL;
		key = cfg->tls_key ? whole_file_read(cfg->tls_key, NULL) : NULL;
		if (!cert || !key) {
			fprintf(stderr, "inbeeld: --tls-cert en --tls-key moeten allebei een leesbaar PEM-bestand zijn\n");
			goto out;
		}
		srv->tls = true;
	}
	listen_fd = listen_socket(&sa);
	if (listen_fd < 0) {
		fprintf(stderr, "inbeeld: kan niet luisteren op %s (%s)\n", cfg->listen, strerror(errno));
		goto out;
	}
	sandbox_net net = {0};
	if (sandbox_start(srv, &net, &err) != 0) {
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		goto out;
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
	strbuf shown = STRBUF_INIT; /* a URI without its password */
	store_target_redacted(cfg->db_path, &shown);
	fprintf(stderr, "inbeeld: registratie %s inlezen...\n", sb_str(&shown));
	sb_free(&shown);
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
	/* Checkpoints from one background thread only (checkpointer.h), started
	 * with the signals blocked, as every thread but the main one. SQLite's
	 * write-ahead log only: PostgreSQL checkpoints by itself, so a
	 * PostgreSQL registry starts no checkpointer (and spends no connection
	 * on one). */
	bool is_file = store_is_file(audit_store);
	store *ckpt_store = NULL;
	if (is_file && (store_open(cfg->db_path, &ckpt_store, &err) != 0 || !checkpointer_start(&srv->ckpt, ckpt_store))) {
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		goto out;
	}
	ckpt_started = is_file;
	for (size_t i = 0; i < srv->pool.n_open; i++)
		store_autocheckpoint(srv->pool.items[i], false);
	store_autocheckpoint(audit_store, false);
	if (cfg->task.start && cfg->task.start(cfg->task.ctx, &srv->snap, &srv->cases, &srv->pool, &err) != 0) {
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		goto out;
	}
	task_started = cfg->task.start != NULL;
	snapshot_holder_start(&srv->snap, (snapshot_hook){after_load, srv});
	audit_writer_start(&srv->audit, audit_store);
	audit_store = NULL; /* the writer's now */
	started = true;
	/* The other servers on the registry (PostgreSQL; issue 16): what they
	 * write reaches this one's snapshot, dossiers and sessions (watch.h).
	 * Its connection opens here, before seccomp. */
	if (server_watch_start(&srv->watch, cfg->db_path, &srv->snap, &srv->cases, &srv->sessions, &err) != 0) {
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		goto out;
	}
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
		flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_LISTEN_SOCKET, (MHD_socket)listen_fd,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)256 * 1024,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096, MHD_OPTION_ARRAY, srv->tls ? tls_opts : tls_opts + 2,
		MHD_OPTION_END);
	if (!srv->daemon) {
		fprintf(stderr, "inbeeld: kan niet luisteren op %s (%s)\n", cfg->listen, strerror(errno));
		goto out;
	}
	listen_fd = -1; /* the daemon's now */
	/* Every thread runs: from here on only the system calls of serving. */
	net.smtp = net.smtp && task_started;
	int filtered = sandbox_seccomp(&net, &err);
	if (filtered < 0) {
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		MHD_stop_daemon(srv->daemon);
		goto out;
	}
	const char *sockets = net.smtp && (net.db_unix || net.db_tcp) ? "socket en connect alleen voor SMTP en PostgreSQL"
			      : net.smtp				 ? "socket en connect alleen voor SMTP"
			      : net.db_unix || net.db_tcp		 ? "socket en connect alleen voor PostgreSQL"
									 : NULL;
	if (!filtered)
		fprintf(stderr, "inbeeld: sandbox: onder valgrind zonder seccomp (valgrind kent die systeemaanroep niet)\n");
	else if (sockets)
		fprintf(stderr, "inbeeld: sandbox: seccomp actief: alleen de systeemaanroepen van de server (geen execve of "
				"ptrace; %s)\n", sockets);
	else
		fprintf(stderr, "inbeeld: sandbox: seccomp actief: alleen de systeemaanroepen van de server (geen execve, "
				"ptrace, socket of connect)\n");
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
	if (task_started)
		cfg->task.stop(cfg->task.ctx); /* before the snapshots and the pool it uses */
	if (started) {
		server_watch_stop(&srv->watch); /* before what it tells */
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
	if (ckpt_started)
		checkpointer_stop(&srv->ckpt); /* after every writer */
	if (pool_open)
		store_pool_close(&srv->pool);
	if (guard_open)
		login_guard_free(&srv->login);
	grants_free(&srv->grants);
	reqlog_free(&srv->log);
	if (listen_fd >= 0)
		close(listen_fd);
	free(cert);
	free(key);
	sb_free(&err);
	free(srv);
	return rc;
}
