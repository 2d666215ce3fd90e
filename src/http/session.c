/*
 * session.c - sessions: the cookie's token to the account behind it.
 *
 * The cookie holds 32 random bytes; the registry keeps only their SHA-256, so
 * a copy of the database opens no session. Sessions end after the idle time
 * (--sessie-inactief) or their maximum (--sessie-max), on logout, or when
 * revoked. A session seen recently is kept in memory with its account and
 * scope, read again every CACHE_SECONDS; whether it was revoked is asked of
 * the registry on every request (one lookup by key), so that ending it from
 * the command line (inbeeld gebruiker --inactief, which revokes the account's
 * sessions) holds at once in a running server - and in every server on the
 * registry. What is kept of the account (role, scope) is dropped at once
 * when another process says an account or its sessions changed
 * (PostgreSQL's notifications, watch.c: session_forget_user or _token, and
 * session_forget_all when the watch was lost); on SQLite, which tells
 * nothing, it is read again within CACHE_SECONDS. Expiry and idle time are
 * wall-clock recording times (compute.h): no business date is read from
 * them.
 */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../app/accounts.h"
#include "../util/alloc.h"

enum {
	CACHE_SECONDS = 30, /* re-check a cached session against the registry this often */
	TOUCH_SECONDS = 60, /* write laatst_gebruikt at most this often */
};

const char SESSION_COOKIE[] = "inbeeld_sessie";

typedef struct cached {
	user u;
	time_t checked, touched, last_seen, expires;
	bool used;
} cached;

struct session_cache {
	cached *items;
	size_t n, cap;
};

void session_store_init(session_store *ss, store_pool *pool, long idle)
{
	*ss = (session_store){.pool = pool, .idle = idle};
	pthread_mutex_init(&ss->lock, NULL);
	ss->cache = xcalloc(1, sizeof *ss->cache);
}

void user_free(user *u)
{
	scope_free(&u->sc);
	free(u);
}

void session_store_free(session_store *ss)
{
	if (!ss->cache)
		return;
	for (size_t i = 0; i < ss->cache->n; i++)
		scope_free(&ss->cache->items[i].u.sc);
	free(ss->cache->items);
	free(ss->cache);
	ss->cache = NULL;
	pthread_mutex_destroy(&ss->lock);
}

static user *user_copy(const user *u)
{
	user *c = xmalloc(sizeof *c);
	*c = *u;
	c->sc.codes = xcalloc(u->sc.n ? u->sc.n : 1, sizeof *c->sc.codes);
	for (size_t i = 0; i < u->sc.n; i++)
		c->sc.codes[i] = xstrdup(u->sc.codes[i]);
	return c;
}

static time_t parse_local(const char *s)
{
	struct tm tm = {0};
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
			 &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static cached *cache_find(session_store *ss, const char *hash)
{
	struct session_cache *sc = ss->cache;
	for (size_t i = 0; i < sc->n; i++)
		if (sc->items[i].used && strcmp(sc->items[i].u.token_hash, hash) == 0)
			return &sc->items[i];
	return NULL;
}

static void cache_drop(cached *c)
{
	scope_free(&c->u.sc);
	memset(c, 0, sizeof *c);
}

static cached *cache_slot(session_store *ss)
{
	struct session_cache *sc = ss->cache;
	time_t now = time(NULL);
	for (size_t i = 0; i < sc->n; i++) {
		if (sc->items[i].used && sc->items[i].expires < now)
			cache_drop(&sc->items[i]);
		if (!sc->items[i].used)
			return &sc->items[i];
	}
	sc->items = xgrow(sc->items, &sc->cap, sc->n + 1, sizeof *sc->items);
	memset(&sc->items[sc->n], 0, sizeof sc->items[0]);
	return &sc->items[sc->n++];
}

/* Read the session and its account from the registry. */
static bool load_session(session_store *ss, const char *hash, user *u, time_t *expires, time_t *last_seen)
{
	store *st = pool_get(ss->pool);
	strbuf err = STRBUF_INIT;
	session_row row;
	account a = {0};
	bool ok = false;
	if (store_session_get(st, hash, &row, &err) == 1 && !row.ingetrokken &&
	    store_account_get(st, NULL, row.gebruiker_id, &a, &err) == 1 && a.actief) {
		role r = role_from_name(a.rol);
		if (r != ROLE_COUNT && account_scope(&a, r, &u->sc, &err) == 0) {
			u->id = a.id;
			u->rol = r;
			snprintf(u->naam, sizeof u->naam, "%s", a.naam);
			snprintf(u->scope_text, sizeof u->scope_text, "%s", a.scope);
			snprintf(u->organisatie, sizeof u->organisatie, "%s", a.organisatie);
			snprintf(u->csrf, sizeof u->csrf, "%s", row.csrf);
			snprintf(u->token_hash, sizeof u->token_hash, "%s", hash);
			*expires = parse_local(row.verloopt);
			*last_seen = parse_local(row.laatst_gebruikt);
			ok = true;
		}
	}
	account_free(&a);
	sb_free(&err);
	pool_put(ss->pool, st);
	return ok;
}

/* Whether the registry still has the session and has not revoked it (a
 * failed read counts as revoked: no answer on a session we cannot check). */
static bool still_open(session_store *ss, const char *hash)
{
	store *st = pool_get(ss->pool);
	strbuf err = STRBUF_INIT;
	session_row row;
	bool open = store_session_get(st, hash, &row, &err) == 1 && !row.ingetrokken;
	sb_free(&err);
	pool_put(ss->pool, st);
	return open;
}

bool session_token_hash(const char *token, char hash[65])
{
	size_t n = token ? strlen(token) : 0;
	if (n < 40 || n > 64 || strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != n)
		return false;
	sha256_hex(token, hash);
	return true;
}

user *session_resolve(session_store *ss, const char *token)
{
	char hash[65];
	if (!session_token_hash(token, hash))
		return NULL;
	time_t now = time(NULL);
	pthread_mutex_lock(&ss->lock);
	cached *c = cache_find(ss, hash);
	if (c && (now - c->checked > CACHE_SECONDS || c->expires <= now ||
		  now - c->last_seen > ss->idle)) {
		cache_drop(c);
		c = NULL;
	}
	bool touch = false;
	user *out = NULL;
	if (c) {
		c->last_seen = now;
		touch = now - c->touched > TOUCH_SECONDS;
		if (touch)
			c->touched = now;
		out = user_copy(&c->u);
	}
	pthread_mutex_unlock(&ss->lock);
	if (out && !still_open(ss, hash)) {
		session_forget_token(ss, hash);
		user_free(out);
		return NULL;
	}
	if (!out) {
		user u = {0};
		time_t expires, last_seen;
		if (!load_session(ss, hash, &u, &expires, &last_seen))
			return NULL;
		if (expires <= now || now - last_seen > ss->idle) {
			scope_free(&u.sc);
			return NULL;
		}
		pthread_mutex_lock(&ss->lock);
		c = cache_slot(ss);
		*c = (cached){.u = u, .checked = now, .touched = now, .last_seen = now, .expires = expires, .used = true};
		out = user_copy(&c->u);
		pthread_mutex_unlock(&ss->lock);
		touch = true;
	}
	if (touch) {
		store *st = pool_get(ss->pool);
		strbuf err = STRBUF_INIT;
		store_session_touch(st, hash, &err);
		sb_free(&err);
		pool_put(ss->pool, st);
	}
	return out;
}

void session_forget_user(session_store *ss, int64_t user_id)
{
	pthread_mutex_lock(&ss->lock);
	for (size_t i = 0; i < ss->cache->n; i++)
		if (ss->cache->items[i].used && ss->cache->items[i].u.id == user_id)
			cache_drop(&ss->cache->items[i]);
	pthread_mutex_unlock(&ss->lock);
}

void session_forget_all(session_store *ss)
{
	pthread_mutex_lock(&ss->lock);
	for (size_t i = 0; i < ss->cache->n; i++)
		if (ss->cache->items[i].used)
			cache_drop(&ss->cache->items[i]);
	pthread_mutex_unlock(&ss->lock);
}

void session_forget_token(session_store *ss, const char *token_hash)
{
	pthread_mutex_lock(&ss->lock);
	cached *c = cache_find(ss, token_hash);
	if (c)
		cache_drop(c);
	pthread_mutex_unlock(&ss->lock);
}
