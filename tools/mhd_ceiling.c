/*
 * mhd_ceiling - the fastest answer libmicrohttpd gives on this machine: the
 * same daemon setup as inbeeld serve (thread pool, epoll), answering every
 * request with a fixed body of the given size. The server benchmark runs wrk
 * against it next to inbeeld, as the ceiling.
 *
 * usage: mhd_ceiling PORT BODY_BYTES THREADS
 */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *body;
static size_t body_len;

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload, size_t *upload_size, void **state)
{
	(void)cls, (void)url, (void)method, (void)version, (void)upload, (void)upload_size;
	if (!*state) {
		*state = c;
		return MHD_YES;
	}
	struct MHD_Response *r = MHD_create_response_from_buffer(body_len, body, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type", "application/json");
	enum MHD_Result ret = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return ret;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "gebruik: mhd_ceiling POORT BYTES THREADS\n");
		return 2;
	}
	body_len = strtoul(argv[2], NULL, 10);
	body = malloc(body_len + 1);
	if (!body)
		return 1;
	memset(body, 'x', body_len);
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)atoi(argv[1]), NULL, NULL, answer, NULL,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)atoi(argv[3]), MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096,
		MHD_OPTION_END);
	if (!d)
		return 1;
	int sig;
	sigwait(&sigs, &sig);
	MHD_stop_daemon(d);
	free(body);
	return 0;
}
