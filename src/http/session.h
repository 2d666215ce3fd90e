/*
 * session.h - who is asking: the sessions of the server, from the cookie's
 * token to the account, its role and scope (session.c). Logging in and out
 * are the API's (src/api/api_session.c); the CSRF checks are csrf.c's.
 */
#ifndef INBEELD_HTTP_SESSION_H
#define INBEELD_HTTP_SESSION_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "../app/pool.h"
#include "../core/access.h"

extern const char SESSION_COOKIE[]; /* "inbeeld_sessie" */

/* The account behind a session, as a request sees it. */
typedef struct user {
	int64_t id;
	char naam[72];
	role rol;
	char scope_text[1024];
	scope sc;
	char organisatie[160];
	char csrf[72];
	char token_hash[65];
} user;

void user_free(user *u);

typedef struct session_store {
	pthread_mutex_t lock;
	struct session_cache *cache; /* sessions seen recently */
	store_pool *pool;
	long idle; /* seconds without a request before a session ends */
} session_store;

void session_store_init(session_store *ss, store_pool *pool, long idle);
void session_store_free(session_store *ss);
/* The registry's key of a cookie's token (its SHA-256 in hex); false when
 * the value is no token: 40 to 64 characters of base64url. */
bool session_token_hash(const char *token, char hash[65]);
/* The user of a session token (the cookie's value); NULL without a valid,
 * unexpired session. The caller frees it (user_free). */
user *session_resolve(session_store *ss, const char *token);
/* Forget what is kept in memory of a user's sessions (after a change to the
 * account or its sessions), or of one session. */
void session_forget_user(session_store *ss, int64_t user_id);
void session_forget_token(session_store *ss, const char *token_hash);
/* Forget every session kept in memory (another process ended sessions or
 * changed an account: each is read again on its next request). */
void session_forget_all(session_store *ss);

#endif
