/*
 * fuzz_cookie.c - libFuzzer harness for the session cookie: the input is the
 * value of a request's Cookie header, sent over a socket pair to a
 * libmicrohttpd daemon as the server runs it, whose handler takes the
 * session cookie as the server does (MHD_COOKIE_KIND "inbeeld_sessie") and
 * turns it into the registry's key (session_token_hash, src/http/session.c).
 * Bytes a header cannot hold (CR, LF, NUL) become spaces.
 */
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../src/http/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct MHD_Daemon *daemon_;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	(void)cls, (void)url, (void)method, (void)version, (void)upload;
	if (!*con_cls) {
		*con_cls = c;
		return MHD_YES;
	}
	*upload_size = 0;
	const char *token = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, SESSION_COOKIE);
	char hash[65];
	bool ok = session_token_hash(token, hash);
	if (ok && (strlen(hash) != 64 || strspn(hash, "0123456789abcdef") != 64))
		abort();
	struct MHD_Response *resp = MHD_create_response_from_buffer(2, (void *)(ok ? "ja" : "ne"), MHD_RESPMEM_PERSISTENT);
	enum MHD_Result r = MHD_queue_response(c, 200, resp);
	MHD_destroy_response(resp);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!daemon_) {
		daemon_ = MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, on_request, NULL,
					   MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)256 * 1024, MHD_OPTION_END);
		if (!daemon_)
			abort();
	}
	if (size > 16 * 1024)
		return 0;
	static const char head[] = "GET /api/sessie HTTP/1.1\r\nHost: fuzz\r\nCookie: ";
	size_t n = strlen(head);
	char *req = malloc(n + size + 4);
	if (!req)
		return 0;
	memcpy(req, head, n);
	for (size_t i = 0; i < size; i++)
		req[n + i] = data[i] == '\r' || data[i] == '\n' || data[i] == '\0' ? ' ' : (char)data[i];
	memcpy(req + n + size, "\r\n\r\n", 4);
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		free(req);
		return 0;
	}
	if (write(sv[0], req, n + size + 4) != (ssize_t)(n + size + 4))
		abort();
	shutdown(sv[0], SHUT_WR);
	struct sockaddr_in from = {.sin_family = AF_INET, .sin_port = htons(1)};
	if (MHD_add_connection(daemon_, sv[1], (struct sockaddr *)&from, sizeof from) != MHD_YES) {
		close(sv[1]);
	} else {
		char buf[4096];
		for (int i = 0; i < 200; i++) {
			MHD_run(daemon_);
			const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
			while (recv(sv[0], buf, sizeof buf, MSG_DONTWAIT) > 0)
				;
			if (info && info->num_connections == 0)
				break;
		}
	}
	close(sv[0]);
	free(req);
	return 0;
}
