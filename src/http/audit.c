/*
 * audit.c - recording every read and change of a pupil's personal data.
 *
 * Request threads queue an entry and wait until it is stored: a read whose
 * audit entry cannot be written fails (fail closed). One writer thread stores
 * whatever has queued in a single transaction (group commit), so many
 * concurrent requests cost one commit instead of many competing ones.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "http.h"

enum { AUDIT_BATCH = 512 };

bool audit(req *r, const char *actie, const char *leerling_id, json_t *details)
{
	server *srv = r->srv;
	audit_item *it = xcalloc(1, sizeof *it);
	char endpoint[160];
	snprintf(endpoint, sizeof endpoint, "%s %s", r->method, r->rt ? r->rt->path : r->path);
	store_now(it->e.tijdstip);
	it->e.gebruiker_id = r->who->id;
	it->e.gebruikersnaam = it->owned[0] = xstrdup(r->who->naam);
	it->e.rol = ROLE_NAMES[r->who->rol];
	it->e.organisatie = it->owned[1] = xstrdup(r->who->organisatie);
	it->e.leerling_id = leerling_id ? (it->owned[2] = xstrdup(leerling_id)) : NULL;
	it->e.actie = actie;
	it->e.endpoint = it->owned[3] = xstrdup(endpoint);
	it->e.doel = role_purpose(r->who->rol, r->break_glass);
	if (details) {
		strbuf sb = STRBUF_INIT;
		json_append(&sb, details, 0);
		it->e.details = it->owned[4] = sb.data;
		json_decref(details);
	}
	pthread_mutex_lock(&srv->audit_lock);
	if (srv->audit_tail)
		srv->audit_tail->next = it;
	else
		srv->audit_head = it;
	srv->audit_tail = it;
	pthread_cond_signal(&srv->audit_cond);
	while (!it->done)
		pthread_cond_wait(&srv->audit_done, &srv->audit_lock);
	pthread_mutex_unlock(&srv->audit_lock);
	bool ok = it->done == 1;
	for (int i = 0; i < 8; i++)
		free(it->owned[i]);
	free(it);
	if (!ok)
		reply_error(r, 500, "audit_mislukt", "het auditlog kon niet worden bijgewerkt; de gegevens worden niet getoond");
	return ok;
}

void reply_audited(req *r, int status, json_t *body, const char *actie, const char *leerling_id, json_t *details)
{
	if (audit(r, actie, leerling_id, details))
		reply_json(r, status, body);
	else
		json_decref(body);
}

void *audit_writer(void *arg)
{
	server *srv = arg;
	audit_entry batch[AUDIT_BATCH];
	audit_item *items[AUDIT_BATCH];
	pthread_mutex_lock(&srv->audit_lock);
	for (;;) {
		while (!srv->audit_head && !srv->stopping)
			pthread_cond_wait(&srv->audit_cond, &srv->audit_lock);
		if (!srv->audit_head)
			break; /* stopping, and nothing left to write */
		size_t n = 0;
		while (srv->audit_head && n < AUDIT_BATCH) {
			items[n] = srv->audit_head;
			batch[n] = items[n]->e;
			srv->audit_head = items[n]->next;
			n++;
		}
		if (!srv->audit_head)
			srv->audit_tail = NULL;
		pthread_mutex_unlock(&srv->audit_lock);
		strbuf err = STRBUF_INIT;
		int rc = store_audit_append(srv->audit_store, batch, n, &err);
		if (rc)
			fprintf(stderr, "inbeeld: auditlog: %s\n", sb_str(&err));
		sb_free(&err);
		pthread_mutex_lock(&srv->audit_lock);
		for (size_t i = 0; i < n; i++)
			items[i]->done = rc ? -1 : 1;
		pthread_cond_broadcast(&srv->audit_done);
	}
	pthread_mutex_unlock(&srv->audit_lock);
	return NULL;
}
