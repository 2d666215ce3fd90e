/*
 * audit.c - the audit writer and the entries of a request. See audit.h.
 */
#include "audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "http.h"

enum { AUDIT_BATCH = 512 };

struct audit_item {
	audit_entry e;
	char *owned[8]; /* strings to free after writing */
	int done;	/* 0 waiting, 1 written, -1 failed */
	struct audit_item *next;
};

/* The entry of request r: who, as what, through which endpoint, why. The
 * strings are the request's (endpoint: the caller's buffer). */
static void fill_entry(req *r, const user *who, audit_entry *e, char endpoint[160], const char *actie,
		       const char *pupil_id)
{
	snprintf(endpoint, 160, "%s %s", r->method, r->rt ? r->rt->path : r->path);
	store_now(e->tijdstip);
	e->gebruiker_id = who->id;
	e->gebruikersnaam = who->naam;
	e->rol = ROLE_NAMES[who->rol];
	e->organisatie = who->organisatie;
	e->leerling_id = pupil_id;
	e->actie = actie;
	e->endpoint = endpoint;
	e->doel = role_purpose(who->rol, r->break_glass);
	e->details = NULL;
}

/* Queue the entry and wait until it is stored; with_details: details must
 * be there (NULL: they could not be built). */
static bool write_entry(req *r, const char *actie, const char *pupil_id, json_t *details, bool with_details)
{
	audit_writer *w = &r->srv->audit;
	audit_item *it = xcalloc(1, sizeof *it);
	char endpoint[160];
	fill_entry(r, r->who, &it->e, endpoint, actie, pupil_id);
	it->e.gebruikersnaam = it->owned[0] = xstrdup(r->who->naam);
	it->e.organisatie = it->owned[1] = xstrdup(r->who->organisatie);
	it->e.leerling_id = pupil_id ? (it->owned[2] = xstrdup(pupil_id)) : NULL;
	it->e.endpoint = it->owned[3] = xstrdup(endpoint);
	/* An entry without the details it should have, or for an answer that
	 * could not be built, is not written: the request fails (fail closed). */
	bool ok = !json_guard_failed() && (!with_details || details);
	if (ok && details) {
		strbuf sb = STRBUF_INIT;
		ok = json_write(&sb, details);
		it->e.details = it->owned[4] = sb.data;
	}
	json_decref(details);
	if (ok) {
		pthread_mutex_lock(&w->lock);
		if (w->tail)
			w->tail->next = it;
		else
			w->head = it;
		w->tail = it;
		pthread_cond_signal(&w->wake);
		while (!it->done)
			pthread_cond_wait(&w->done, &w->lock);
		pthread_mutex_unlock(&w->lock);
		ok = it->done == 1;
	}
	for (int i = 0; i < 8; i++)
		free(it->owned[i]);
	free(it);
	if (!ok)
		reply_error(r, 500, "audit_mislukt", "het auditlog kon niet worden bijgewerkt; de gegevens worden niet getoond");
	return ok;
}

bool audit(req *r, const char *actie, const char *pupil_id, json_t *details)
{
	return write_entry(r, actie, pupil_id, details, true);
}

bool audit_bare(req *r, const char *actie, const char *pupil_id)
{
	return write_entry(r, actie, pupil_id, NULL, false);
}

void reply_audited(req *r, int status, json_t *body, const char *actie, const char *pupil_id, json_t *details)
{
	if (!body) {
		json_decref(details);
		reply_oom(r);
		return;
	}
	if (audit(r, actie, pupil_id, details))
		reply_json(r, status, body);
	else
		json_decref(body);
}

/* change_audit's details: the handler's JSON, written out at the commit. */
static bool change_details(void *ctx, strbuf *out)
{
	audited_change *ac = ctx;
	json_t *j = ac->details ? ac->details(ac->ctx) : json_object();
	bool ok = j && !json_guard_failed() && json_write(out, j);
	json_decref(j);
	return ok;
}

void audit_change_arm(req *r, store *st, audited_change *ac, const char *actie, const char *pupil_id,
		      json_t *(*details)(void *ctx), void *ctx)
{
	audit_change_arm_as(r, r->who, st, ac, actie, pupil_id, details, ctx);
}

void audit_change_arm_as(req *r, const user *who, store *st, audited_change *ac, const char *actie,
			 const char *pupil_id, json_t *(*details)(void *ctx), void *ctx)
{
	*ac = (audited_change){.details = details, .ctx = ctx};
	fill_entry(r, who, &ac->ca.e, ac->endpoint, actie, pupil_id);
	ac->ca.details = change_details;
	ac->ca.ctx = ac;
	store_audit_with(st, &ac->ca);
}

bool audit_change_done(req *r, store *st, audited_change *ac, int rc)
{
	store_audit_with(st, NULL);
	if (rc == 0 && !ac->ca.written) {
		reply_error(r, 500, "audit_mislukt", "het auditlog kon niet worden bijgewerkt");
		return false;
	}
	return rc == 0;
}

static void *writer(void *arg)
{
	audit_writer *w = arg;
	audit_entry batch[AUDIT_BATCH];
	audit_item *items[AUDIT_BATCH];
	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->head && !w->stopping)
			pthread_cond_wait(&w->wake, &w->lock);
		if (!w->head)
			break; /* stopping, and nothing left to write */
		size_t n = 0;
		while (w->head && n < AUDIT_BATCH) {
			items[n] = w->head;
			batch[n] = items[n]->e;
			w->head = items[n]->next;
			n++;
		}
		if (!w->head)
			w->tail = NULL;
		pthread_mutex_unlock(&w->lock);
		strbuf err = STRBUF_INIT;
		int rc = store_audit_append(w->st, batch, n, &err);
		if (rc)
			fprintf(stderr, "inbeeld: auditlog: %s\n", sb_str(&err));
		sb_free(&err);
		pthread_mutex_lock(&w->lock);
		for (size_t i = 0; i < n; i++)
			items[i]->done = rc ? -1 : 1;
		pthread_cond_broadcast(&w->done);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

void audit_writer_start(audit_writer *w, store *st)
{
	*w = (audit_writer){.st = st};
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	pthread_cond_init(&w->done, NULL);
	w->running = pthread_create(&w->thread, NULL, writer, w) == 0;
	if (!w->running)
		fprintf(stderr, "inbeeld: de auditlogtaak kon niet worden gestart\n");
}

void audit_writer_stop(audit_writer *w)
{
	pthread_mutex_lock(&w->lock);
	w->stopping = true;
	pthread_cond_broadcast(&w->wake);
	pthread_mutex_unlock(&w->lock);
	if (w->running)
		pthread_join(w->thread, NULL);
	w->running = false;
	store_close(w->st);
	w->st = NULL;
}
