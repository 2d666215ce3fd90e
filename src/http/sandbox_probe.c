/*
 * sandbox_probe.c - in the test build only (INBEELD_TEST_BUILD, the ASan
 * build of mk/sandbox.mk; never in the release binary): GET /_test/sandbox
 * makes, on a request thread of the running server, what an attacker with
 * code execution would try - open a file outside the server's folders
 * (?pad=), run a program (execve /bin/true), attach to another process
 * (?pid=, ptrace), open a network socket and connect it to a port of this
 * machine (?poort=: only the SMTP port of the reminders by e-mail may be
 * reached) - and answers what happened, each also written to the log.
 * tests/server/sandbox.test.mjs and mail.test.mjs ask it.
 */
#ifdef INBEELD_TEST_BUILD
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "pipeline.h"

/* One try: {"geweigerd": bool, "fout": "..."}, and a line in the log. */
static json_t *outcome(const char *what, int rc, int err)
{
	bool refused = rc < 0;
	fprintf(stderr, "inbeeld: sandbox-proef: %s: %s%s%s\n", what, refused ? "geweigerd (" : "toegestaan",
		refused ? strerror(err) : "", refused ? ")" : "");
	return json_pack("{s:b, s:s}", "geweigerd", refused, "fout", refused ? strerror(err) : "");
}

bool sandbox_probe(req *r)
{
	if (strcmp(r->path, "/_test/sandbox") != 0)
		return false;
	json_t *out = json_object();
	const char *path = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "pad");
	if (path) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		int err = errno;
		char what[300];
		snprintf(what, sizeof what, "openen van %.200s", path);
		jset(out, "openen", outcome(what, fd, err));
		if (fd >= 0)
			close(fd);
	}
	/* If this is allowed, the server becomes /bin/true: the test sees it. */
	char *const argv[] = {(char *)"/bin/true", NULL};
	int rc = execve("/bin/true", argv, (char *const[]){NULL});
	jset(out, "uitvoeren", outcome("uitvoeren van /bin/true", rc, errno));
	const char *pid = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "pid");
	if (pid) {
		pid_t target = (pid_t)strtol(pid, NULL, 10);
		long pr = ptrace(PTRACE_SEIZE, target, NULL, NULL);
		int err = errno;
		if (pr == 0)
			ptrace(PTRACE_DETACH, target, NULL, NULL);
		jset(out, "ptrace", outcome("ptrace van een ander proces", pr == 0 ? 0 : -1, err));
	}
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int err = errno;
	jset(out, "socket", outcome("een netwerksocket openen", s, err));
	const char *port = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "poort");
	if (s >= 0 && port) {
		struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((uint16_t)strtol(port, NULL, 10)),
					 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
		int c = connect(s, (struct sockaddr *)&to, sizeof to);
		err = errno;
		char what[64];
		snprintf(what, sizeof what, "verbinden met poort %.8s", port);
		jset(out, "verbinden", outcome(what, c, err));
	}
	if (s >= 0)
		close(s);
	reply_json(r, 200, out);
	return true;
}
#endif
