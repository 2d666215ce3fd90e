/*
 * audit.h - recording every read and change of a pupil's personal data
 * (SPEC 2, 9): request threads queue an entry and wait until it is stored;
 * one writer thread stores whatever has queued in a single transaction
 * (group commit). A request whose entry cannot be written fails (fail
 * closed).
 */
#ifndef INBEELD_HTTP_AUDIT_H
#define INBEELD_HTTP_AUDIT_H

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>

#include "../store/store.h"

typedef struct req req;
typedef struct audit_item audit_item;

typedef struct audit_writer {
	pthread_mutex_t lock;
	pthread_cond_t wake, done;
	audit_item *head, *tail;
	bool stopping, running;
	pthread_t thread;
	store *st; /* its own connection */
} audit_writer;

/* Start the writer thread on its own connection st (the writer closes it). */
void audit_writer_start(audit_writer *w, store *st);
/* Write what is queued, stop the thread and close its connection. */
void audit_writer_stop(audit_writer *w);

/* Record the read or change of personal data by request r, with its details
 * (the query of a list, the dossier and step of a change); blocks until it
 * is stored. Returns false (after a 500 reply: the request fails) when it
 * could not be - also when details is NULL (a json_pack that failed) or the
 * request's JSON could not be built. Takes details. */
bool audit(req *r, const char *actie, const char *pupil_id, json_t *details);
/* The same for an entry without details. */
bool audit_bare(req *r, const char *actie, const char *pupil_id);
/* Audit, then reply with body (taking its reference); when the audit entry
 * cannot be stored the body is dropped and the request fails. */
void reply_audited(req *r, int status, json_t *body, const char *actie, const char *pupil_id, json_t *details);

/* The entry of a change by request r, written in the change's own
 * transaction (change_audit in store.h), so that a crash can never leave a
 * change without its entry. audit_change_arm() fills the entry from the
 * request and arms st; at the change's commit details(ctx) builds the
 * entry's details from the change's results (NULL: the change fails). After
 * the store call, audit_change_done() disarms st and returns whether the
 * change (its store result rc) succeeded with its entry; a change that
 * committed without one - which the store does not do - answers 500. */
typedef struct audited_change {
	change_audit ca;
	char endpoint[160];
	json_t *(*details)(void *ctx);
	void *ctx;
} audited_change;
void audit_change_arm(req *r, store *st, audited_change *ac, const char *actie, const char *pupil_id,
		      json_t *(*details)(void *ctx), void *ctx);
/* The same for a change made by who rather than the request's session
 * (a user setting their password with a one-time code, before any session). */
typedef struct user user;
void audit_change_arm_as(req *r, const user *who, store *st, audited_change *ac, const char *actie,
			 const char *pupil_id, json_t *(*details)(void *ctx), void *ctx);
bool audit_change_done(req *r, store *st, audited_change *ac, int rc);

#endif
