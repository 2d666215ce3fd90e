/*
 * sandbox.h - the server narrows what it may do once it has started
 * (issue 11; OpenBSD httpd's privilege separation, the Linux way):
 *
 *   1. started as root with --gebruiker NAAM it binds its port and reads its
 *      TLS key, then becomes that user for good (sandbox_drop_privileges);
 *   2. uploads and exports live in a private temporary folder (0700, owned by
 *      the server's user), emptied at every start (sandbox_tmp_prepare), so a
 *      killed upload leaves nothing behind for long;
 *   3. Landlock (sandbox_landlock, sandbox.c) leaves it its registry folder
 *      and temporary folder to read and write and its static files to read,
 *      no new TCP port to bind or connect to, and no signal to processes
 *      outside; it binds the calling thread, so it is applied before the first
 *      thread starts, and every thread after inherits it. A kernel without
 *      Landlock is said at start-up; the rest of the sandbox holds;
 *   4. a seccomp allowlist (sandbox_seccomp, seccomp.c) on every thread, once
 *      the daemon runs: the system calls the server needs and no others (no
 *      execve, no ptrace, no socket or connect). A call outside the list fails
 *      with EPERM and is logged by the server itself (SIGSYS).
 *
 * Sanitizer builds (the test build) also allow what the sanitizers need at
 * exit and on a report: LeakSanitizer stops the world with ptrace from a
 * thread of its own and reads /proc/self. Landlock still keeps ptrace away
 * from any process outside the server.
 */
#ifndef INBEELD_HTTP_SANDBOX_H
#define INBEELD_HTTP_SANDBOX_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../util/strbuf.h"

/* A sanitizer build (ASan, UBSan: the test build); see above. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANDBOX_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define SANDBOX_SANITIZER 1
#endif
#endif

/* Become the user `name` (its group, no supplementary groups) and make sure
 * root cannot be regained. 0, or -1 with the reason in err. */
int sandbox_drop_privileges(const char *name, strbuf *err);

/* Create the temporary folder (0700) when missing, refuse one that another
 * user owns or others may enter, and empty it (what an upload killed with
 * the server left). 0, or -1 with the reason in err. */
int sandbox_tmp_prepare(const char *dir, strbuf *err);

typedef struct sandbox_paths {
	const char *registry_dir; /* read and write: the registry and its journals (NULL: PostgreSQL) */
	const char *tmp_dir;	  /* read and write: uploads, exports, SQLite's temporary files */
	const char *static_dir;	  /* read only; "" when there is none */
	/* The one outgoing connection (the reminders by e-mail, src/mail): TCP
	 * to this port (0: none), and the CA certificates to read when tls. */
	int connect_port;
	bool connect_tls;
	/* A PostgreSQL registry (src/store/store_reach.h): TCP to these ports,
	 * and the files libpq reads while connecting, read only. (Its unix
	 * sockets need no rule: Landlock does not govern connecting to one.) */
	const int *db_ports;
	size_t n_db_ports;
	const char (*db_reads)[PATH_MAX];
	size_t n_db_reads;
	const char (*db_sockets)[PATH_MAX]; /* for the log line only */
	size_t n_db_sockets;
} sandbox_paths;

/* The sockets the seccomp filter allows: none by default. */
typedef struct sandbox_net {
	bool smtp;	/* the reminders by e-mail: TCP of either family */
	bool db_unix;	/* a PostgreSQL registry over a unix socket */
	bool db_tcp;	/* a PostgreSQL registry over TCP, of either family */
} sandbox_net;

/* The Landlock ABI of the kernel, 0 when it has none. */
int sandbox_landlock_abi(void);
/* Restrict this thread and all it starts to the paths (before any thread).
 * 1 when Landlock holds, 0 when the kernel has none (said on log), -1 with
 * the reason in err. */
int sandbox_landlock(const sandbox_paths *p, FILE *log, strbuf *err);
/* The seccomp allowlist on every thread of the process; with net's sockets
 * also their outgoing connections (socket of AF_INET or AF_INET6 for TCP, of
 * AF_UNIX for a unix socket, and connect; Landlock narrows TCP to the
 * ports). 1 when it holds, 0 under valgrind (which cannot run it), -1 with
 * the reason in err. */
int sandbox_seccomp(const sandbox_net *net, strbuf *err);

#endif
