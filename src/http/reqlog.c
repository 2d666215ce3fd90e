/*
 * reqlog.c - the request log. See reqlog.h. The log is for operators: a
 * line that cannot be built (no memory) is left out, the request is not.
 */
#include "reqlog.h"

#include <string.h>
#include <time.h>

#include "http.h"

void reqlog_init(request_log *l, FILE *f, bool quiet)
{
	*l = (request_log){.f = f, .quiet = quiet};
	pthread_mutex_init(&l->lock, NULL);
}

void reqlog_free(request_log *l)
{
	pthread_mutex_destroy(&l->lock);
}

/* One JSON line per request: method, route pattern (never the path with its
 * identifiers), status, duration, role and account number. No personal data. */
void reqlog_write(request_log *l, const req *r)
{
	if (l->quiet)
		return;
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - r->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - r->t0.tv_nsec) / 1e6;
	char when[20];
	store_now(when);
	json_guard_reset(); /* after the response: only this line's building counts */
	json_t *j = json_object();
	jset(j, "tijd", json_string(when));
	jset(j, "methode", json_string(r->method));
	jset(j, "route", json_string(r->rt ? r->rt->path : strncmp(r->path, "/api/", 5) ? "(pagina)" : "(onbekend)"));
	jset(j, "status", json_integer(r->status));
	jset(j, "ms", json_real((double)(long)(ms * 100) / 100.0));
	if (r->who) {
		jset(j, "rol", json_string(ROLE_NAMES[r->who->rol]));
		jset(j, "gebruiker", json_integer(r->who->id));
	}
	if (r->error_code)
		jset(j, "fout", json_string(r->error_code));
	strbuf line = STRBUF_INIT;
	bool ok = !json_guard_failed() && json_write(&line, j);
	json_decref(j);
	pthread_mutex_lock(&l->lock);
	if (ok)
		fprintf(l->f, "%s\n", sb_str(&line));
	fflush(l->f);
	pthread_mutex_unlock(&l->lock);
	sb_free(&line);
}
