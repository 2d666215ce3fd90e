/*
 * session.c - logging in and out, sessions, CSRF, login rate limiting and
 * break-glass grants.
 *
 * The cookie holds 32 random bytes; the registry keeps only their SHA-256, so
 * a copy of the database opens no session. Sessions end after SESSION_IDLE of
 * inactivity or SESSION_MAX in all, on logout, or when revoked. Every state
 * change needs the session's CSRF token in X-CSRF-Token and may not come from
 * another site (Sec-Fetch-Site / Origin). Logging in and out need no token
 * (there is none before, and ending one's own session harms nobody) but are
 * refused from other sites too. Failed logins are limited per account and per
 * address. Expiry and idle time are wall-clock recording times (compute.h):
 * no business date is read from them.
 */
#include <semaphore.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/accounts.h"
#include "../util/alloc.h"
#include "http.h"

enum {
	CACHE_SECONDS = 30,	   /* re-check a cached session against the registry this often */
	TOUCH_SECONDS = 60,	   /* write laatst_gebruikt at most this often */
	FAIL_WINDOW = 15 * 60,	   /* seconds */
	FAILS_PER_ACCOUNT = 5,
	FAILS_PER_ADDRESS = 20,
	MAX_FAILS = 20,
	MAX_HASHING = 4, /* concurrent Argon2id verifications (64 MiB each) */
	GRANT_SECONDS = 15 * 60,
};

static const char COOKIE[] = "inbeeld_sessie";

typedef struct cached {
	user u;
	time_t checked, touched, last_seen, expires;
	bool used;
} cached;

struct session_cache {
	cached *items;
	size_t n, cap;
	sem_t hashing;
};

struct rate_entry {
	char key[96];
	time_t fails[MAX_FAILS];
	int n;
	time_t locked_until;
};

struct grant {
	int64_t user;
	char leerling[72];
	time_t until;
};

void session_cache_init(server *srv)
{
	pthread_mutex_init(&srv->session_lock, NULL);
	srv->sessions = xcalloc(1, sizeof *srv->sessions);
	sem_init(&srv->sessions->hashing, 0, MAX_HASHING);
}

void user_free(user *u)
{
	scope_free(&u->sc);
	free(u);
}

void session_cache_free(server *srv)
{
	if (!srv->sessions)
		return;
	for (size_t i = 0; i < srv->sessions->n; i++)
		scope_free(&srv->sessions->items[i].u.sc);
	free(srv->sessions->items);
	sem_destroy(&srv->sessions->hashing);
	free(srv->sessions);
	srv->sessions = NULL;
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

static cached *cache_find(server *srv, const char *hash)
{
	struct session_cache *sc = srv->sessions;
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

static cached *cache_slot(server *srv)
{
	struct session_cache *sc = srv->sessions;
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

/* The scope an account works with. The people of a care organisation
 * (organisatie.soort zorg) see no pupils by scope: only those whose case
 * their organisation leads (SPEC 6), whatever codes the account holds. */
static int account_scope(const account *a, role r, scope *out, strbuf *err)
{
	if (a->organisatie_soort && org_kind_from_name(a->organisatie_soort) == ORG_ZORG) {
		*out = (scope){.rol = r};
		return 0;
	}
	return scope_parse(r, a->scope, out, err);
}

/* Read the session and its account from the registry. */
static bool load_session(server *srv, const char *hash, user *u, time_t *expires, time_t *last_seen)
{
	store *st = pool_get(srv);
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
	pool_put(srv, st);
	return ok;
}

static bool token_shape_ok(const char *t)
{
	size_t n = strlen(t);
	return n >= 40 && n <= 64 && strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

user *session_resolve(req *r)
{
	server *srv = r->srv;
	const char *token = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, COOKIE);
	if (!token || !token_shape_ok(token))
		return NULL;
	char hash[65];
	sha256_hex(token, hash);
	time_t now = time(NULL);
	pthread_mutex_lock(&srv->session_lock);
	cached *c = cache_find(srv, hash);
	if (c && (now - c->checked > CACHE_SECONDS || c->expires <= now ||
		  now - c->last_seen > srv->cfg.session_idle)) {
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
	pthread_mutex_unlock(&srv->session_lock);
	if (!out) {
		user u = {0};
		time_t expires, last_seen;
		if (!load_session(srv, hash, &u, &expires, &last_seen))
			return NULL;
		if (expires <= now || now - last_seen > srv->cfg.session_idle) {
			scope_free(&u.sc);
			return NULL;
		}
		pthread_mutex_lock(&srv->session_lock);
		c = cache_slot(srv);
		*c = (cached){.u = u, .checked = now, .touched = now, .last_seen = now, .expires = expires, .used = true};
		out = user_copy(&c->u);
		pthread_mutex_unlock(&srv->session_lock);
		touch = true;
	}
	if (touch) {
		store *st = pool_get(srv);
		strbuf err = STRBUF_INIT;
		store_session_touch(st, hash, &err);
		sb_free(&err);
		pool_put(srv, st);
	}
	return out;
}

void session_forget_user(server *srv, int64_t user_id)
{
	pthread_mutex_lock(&srv->session_lock);
	for (size_t i = 0; i < srv->sessions->n; i++)
		if (srv->sessions->items[i].used && srv->sessions->items[i].u.id == user_id)
			cache_drop(&srv->sessions->items[i]);
	pthread_mutex_unlock(&srv->session_lock);
}

/* ---- same origin and CSRF -------------------------------------------------- */

bool same_origin_ok(req *r)
{
	const char *site = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Sec-Fetch-Site");
	if (site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
		return false;
	const char *origin = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Origin");
	if (!origin)
		return true;
	/* Under Referrer-Policy: no-referrer a browser sends "Origin: null" with
	 * a form post; its Sec-Fetch-Site (which pages cannot set) decides. */
	if (strcmp(origin, "null") == 0)
		return site && strcmp(site, "same-origin") == 0;
	const char *host = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Host");
	if (r->srv->cfg.behind_proxy) {
		const char *fwd = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-Host");
		if (fwd)
			host = fwd;
	}
	const char *sep = strstr(origin, "://");
	return host && sep && strcmp(sep + 3, host) == 0;
}

bool csrf_ok(req *r)
{
	/* The header (API, htmx), or the csrf_token field of an HTML form. */
	const char *token = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
	if (!token && r->rt && r->rt->body == BODY_FORM)
		token = form(r, "csrf_token");
	if (!token || !r->who || strlen(token) != strlen(r->who->csrf))
		return false;
	return sodium_memcmp(token, r->who->csrf, strlen(token)) == 0 && same_origin_ok(r);
}

/* ---- rate limiting --------------------------------------------------------- */

static rate_entry *rate_find(server *srv, const char *key, bool create)
{
	time_t now = time(NULL);
	for (size_t i = 0; i < srv->n_rates; i++)
		if (strcmp(srv->rates[i].key, key) == 0)
			return &srv->rates[i];
	if (!create)
		return NULL;
	/* Reuse an entry that has nothing recent in it. */
	for (size_t i = 0; i < srv->n_rates; i++) {
		rate_entry *e = &srv->rates[i];
		if (e->locked_until < now && (!e->n || now - e->fails[e->n - 1] > FAIL_WINDOW)) {
			memset(e, 0, sizeof *e);
			snprintf(e->key, sizeof e->key, "%s", key);
			return e;
		}
	}
	srv->rates = xgrow(srv->rates, &srv->cap_rates, srv->n_rates + 1, sizeof *srv->rates);
	rate_entry *e = &srv->rates[srv->n_rates++];
	memset(e, 0, sizeof *e);
	snprintf(e->key, sizeof e->key, "%s", key);
	return e;
}

/* Seconds until a key may try again (0: now). */
static long rate_wait(server *srv, const char *key)
{
	pthread_mutex_lock(&srv->rate_lock);
	rate_entry *e = rate_find(srv, key, false);
	time_t now = time(NULL);
	long wait = e && e->locked_until > now ? (long)(e->locked_until - now) : 0;
	pthread_mutex_unlock(&srv->rate_lock);
	return wait;
}

static void rate_fail(server *srv, const char *key, int limit)
{
	pthread_mutex_lock(&srv->rate_lock);
	rate_entry *e = rate_find(srv, key, true);
	time_t now = time(NULL);
	int k = 0;
	for (int i = 0; i < e->n; i++) /* keep the failures inside the window */
		if (now - e->fails[i] <= FAIL_WINDOW)
			e->fails[k++] = e->fails[i];
	e->n = k;
	if (e->n == MAX_FAILS) {
		memmove(e->fails, e->fails + 1, (MAX_FAILS - 1) * sizeof *e->fails);
		e->n--;
	}
	e->fails[e->n++] = now;
	if (e->n >= limit)
		e->locked_until = now + FAIL_WINDOW;
	pthread_mutex_unlock(&srv->rate_lock);
}

static void rate_clear(server *srv, const char *key)
{
	pthread_mutex_lock(&srv->rate_lock);
	rate_entry *e = rate_find(srv, key, false);
	if (e)
		memset(e->fails, 0, sizeof e->fails), e->n = 0, e->locked_until = 0;
	pthread_mutex_unlock(&srv->rate_lock);
}

/* ---- handlers ---------------------------------------------------------------- */

static bool secure_cookie(req *r)
{
	if (r->srv->tls)
		return true;
	const char *proto = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
	return r->srv->cfg.behind_proxy && proto && strcmp(proto, "https") == 0;
}

static json_t *session_json(const user *u, const char *expires)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s}", "gebruikersnaam", u->naam, "rol", ROLE_NAMES[u->rol], "scope",
			      u->scope_text, "organisatie", u->organisatie, "csrf_token", u->csrf);
	if (expires)
		json_object_set_new(j, "verloopt", json_string(expires));
	return j;
}

static bool verify_password(server *srv, const account *a, bool found, const char *password)
{
	sem_wait(&srv->sessions->hashing);
	/* The same work whether or not the account exists. */
	bool ok = password_verify(found ? a->wachtwoord : srv->dummy_hash, password) && found;
	sem_post(&srv->sessions->hashing);
	return ok;
}

void h_login(req *r)
{
	server *srv = r->srv;
	const char *naam = json_string_value(json_object_get(r->json, "gebruikersnaam"));
	const char *password = json_string_value(json_object_get(r->json, "wachtwoord"));
	char user_key[96], addr_key[96];
	snprintf(user_key, sizeof user_key, "g:%.80s", naam);
	snprintf(addr_key, sizeof addr_key, "a:%s", r->addr);
	long wait = rate_wait(srv, user_key);
	long wait_addr = rate_wait(srv, addr_key);
	if (wait_addr > wait)
		wait = wait_addr;
	if (wait) {
		char secs[24];
		snprintf(secs, sizeof secs, "%ld", wait);
		add_header(r, "Retry-After", secs);
		reply_error(r, 429, "te_veel_pogingen", "te veel mislukte pogingen; probeer het over %ld minuten opnieuw",
			    (wait + 59) / 60);
		return;
	}
	store *st = pool_get(srv);
	strbuf err = STRBUF_INIT;
	account a = {0};
	int found = store_account_get(st, naam, 0, &a, &err);
	pool_put(srv, st);
	if (found < 0) {
		reply_error(r, 500, "interne_fout", "de registratie is niet bereikbaar");
		sb_free(&err);
		return;
	}
	bool ok = verify_password(srv, &a, found == 1, password) && a.actief;
	role rl = ok ? role_from_name(a.rol) : ROLE_COUNT;
	user u = {0};
	if (ok && (rl == ROLE_COUNT || account_scope(&a, rl, &u.sc, &err) != 0))
		ok = false;
	if (!ok) {
		rate_fail(srv, user_key, FAILS_PER_ACCOUNT);
		rate_fail(srv, addr_key, FAILS_PER_ADDRESS);
		reply_error(r, 401, "inlog_onjuist", "gebruikersnaam of wachtwoord onjuist");
		account_free(&a);
		sb_free(&err);
		return;
	}
	rate_clear(srv, user_key);
	char token[96], csrf[72], expires[20], max_age[24];
	random_token(token, sizeof token, 32);
	random_token(csrf, sizeof csrf, 32);
	store_time_after(srv->cfg.session_max, expires);
	u.id = a.id;
	u.rol = rl;
	snprintf(u.naam, sizeof u.naam, "%s", a.naam);
	snprintf(u.scope_text, sizeof u.scope_text, "%s", a.scope);
	snprintf(u.organisatie, sizeof u.organisatie, "%s", a.organisatie);
	snprintf(u.csrf, sizeof u.csrf, "%s", csrf);
	sha256_hex(token, u.token_hash);
	st = pool_get(srv);
	int rc = store_session_create(st, u.token_hash, u.id, csrf, expires, r->addr, &err);
	pool_put(srv, st);
	if (rc) {
		reply_error(r, 500, "interne_fout", "de sessie kon niet worden vastgelegd");
	} else {
		strbuf cookie = STRBUF_INIT;
		snprintf(max_age, sizeof max_age, "%ld", srv->cfg.session_max);
		sb_printf(&cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%s%s", COOKIE, token, max_age,
			  secure_cookie(r) ? "; Secure" : "");
		add_header(r, MHD_HTTP_HEADER_SET_COOKIE, sb_str(&cookie));
		sb_free(&cookie);
		reply_json(r, 200, session_json(&u, expires));
	}
	sodium_memzero(token, sizeof token);
	scope_free(&u.sc);
	account_free(&a);
	sb_free(&err);
}

void h_logout(req *r)
{
	if (!same_origin_ok(r)) {
		reply_error(r, 403, "andere_oorsprong", "verzoek van een andere website geweigerd");
		return;
	}
	server *srv = r->srv;
	store *st = pool_get(srv);
	strbuf err = STRBUF_INIT;
	int rc = store_session_revoke(st, r->who->token_hash, &err);
	pool_put(srv, st);
	sb_free(&err);
	pthread_mutex_lock(&srv->session_lock);
	cached *c = cache_find(srv, r->who->token_hash);
	if (c)
		cache_drop(c);
	pthread_mutex_unlock(&srv->session_lock);
	if (rc) {
		reply_error(r, 500, "interne_fout", "de sessie kon niet worden beëindigd");
		return;
	}
	strbuf cookie = STRBUF_INIT;
	sb_printf(&cookie, "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s", COOKIE,
		  secure_cookie(r) ? "; Secure" : "");
	add_header(r, MHD_HTTP_HEADER_SET_COOKIE, sb_str(&cookie));
	sb_free(&cookie);
	reply_json(r, 200, json_pack("{s:b}", "uitgelogd", 1));
}

void h_session(req *r)
{
	reply_json(r, 200, session_json(r->who, NULL));
}

void h_password(req *r)
{
	server *srv = r->srv;
	const char *old = json_string_value(json_object_get(r->json, "huidig"));
	const char *new_pw = json_string_value(json_object_get(r->json, "nieuw"));
	if (strlen(new_pw) < 12) {
		reply_error(r, 400, "wachtwoord_te_kort", "een nieuw wachtwoord heeft minstens 12 tekens");
		return;
	}
	store *st = pool_get(srv);
	strbuf err = STRBUF_INIT;
	account a = {0};
	char hash[PASSWORD_HASH_MAX];
	size_t n;
	if (store_account_get(st, NULL, r->who->id, &a, &err) != 1 || !verify_password(srv, &a, true, old)) {
		reply_error(r, 403, "wachtwoord_onjuist", "het huidige wachtwoord klopt niet");
	} else if (password_hash(new_pw, hash, &err) != 0 ||
		   store_account_upsert(st, a.naam, a.rol, a.scope, a.organisatie_id, hash, a.actief, &a.id, NULL, &err) !=
			   0 ||
		   store_sessions_revoke_user(st, a.id, r->who->token_hash, &n, &err) != 0) {
		reply_error(r, 500, "interne_fout", "het wachtwoord kon niet worden gewijzigd");
	} else {
		session_forget_user(srv, a.id);
		reply_json(r, 200, json_pack("{s:b, s:i}", "gewijzigd", 1, "andere_sessies_beeindigd", (int)n));
	}
	pool_put(srv, st);
	account_free(&a);
	sb_free(&err);
}

/* ---- break-glass grants ---------------------------------------------------------- */

bool grant_active(server *srv, int64_t user_id, const char *leerling)
{
	time_t now = time(NULL);
	bool yes = false;
	pthread_mutex_lock(&srv->grant_lock);
	for (size_t i = 0; i < srv->n_grants && !yes; i++)
		yes = srv->grants[i].user == user_id && srv->grants[i].until > now &&
		      (!leerling || strcmp(srv->grants[i].leerling, leerling) == 0);
	pthread_mutex_unlock(&srv->grant_lock);
	return yes;
}

void grant_add(server *srv, int64_t user_id, const char *leerling, long seconds)
{
	time_t now = time(NULL);
	pthread_mutex_lock(&srv->grant_lock);
	size_t k = 0;
	for (size_t i = 0; i < srv->n_grants; i++) /* drop expired grants */
		if (srv->grants[i].until > now)
			srv->grants[k++] = srv->grants[i];
	srv->n_grants = k;
	srv->grants = xgrow(srv->grants, &srv->cap_grants, srv->n_grants + 1, sizeof *srv->grants);
	struct grant *g = &srv->grants[srv->n_grants++];
	g->user = user_id;
	snprintf(g->leerling, sizeof g->leerling, "%s", leerling);
	g->until = now + (seconds ? seconds : GRANT_SECONDS);
	pthread_mutex_unlock(&srv->grant_lock);
}

size_t grants_list(server *srv, int64_t user_id, char (*ids)[72], size_t max)
{
	time_t now = time(NULL);
	size_t n = 0;
	pthread_mutex_lock(&srv->grant_lock);
	for (size_t i = 0; i < srv->n_grants && n < max; i++)
		if (srv->grants[i].user == user_id && srv->grants[i].until > now)
			snprintf(ids[n++], 72, "%s", srv->grants[i].leerling);
	pthread_mutex_unlock(&srv->grant_lock);
	return n;
}
