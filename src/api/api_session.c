/*
 * api_session.c - logging in and out over the API (SPEC 11), the current
 * session, and changing one's own password. Failed logins are limited per
 * account and per address (ratelimit.h); the cookie is HttpOnly,
 * SameSite=Strict, and Secure over TLS or behind a proxy that says https.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/accounts.h"
#include "api.h"

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
	if (j && expires)
		jset(j, "verloopt", json_string(expires));
	return j;
}

static bool verify_password(server *srv, const account *a, bool found, const char *password)
{
	return login_verify(&srv->login, found ? a->wachtwoord : NULL, password);
}

void h_login(req *r)
{
	server *srv = r->srv;
	const char *naam = json_string_value(json_object_get(r->json, "gebruikersnaam"));
	const char *password = json_string_value(json_object_get(r->json, "wachtwoord"));
	char user_key[96], addr_key[96];
	snprintf(user_key, sizeof user_key, "g:%.80s", naam);
	snprintf(addr_key, sizeof addr_key, "a:%s", r->addr);
	/* Both keys let this try through, or it waits (the password is not
	 * checked): tries in parallel count before their answers are known. */
	long wait = rate_begin(&srv->login, user_key, FAILS_PER_ACCOUNT);
	if (!wait) {
		wait = rate_begin(&srv->login, addr_key, FAILS_PER_ADDRESS);
		if (wait)
			rate_end(&srv->login, user_key, FAILS_PER_ACCOUNT, RATE_DONE);
	}
	if (wait == RATE_UNREACHABLE) {
		reply_error(r, 500, "interne_fout", "de registratie is niet bereikbaar");
		return;
	}
	if (wait) {
		char secs[24];
		snprintf(secs, sizeof secs, "%ld", wait);
		add_header(r, "Retry-After", secs);
		reply_error(r, 429, "te_veel_pogingen", "te veel mislukte pogingen; probeer het over %ld minuten opnieuw",
			    (wait + 59) / 60);
		return;
	}
	store *st = pool_get(&srv->pool);
	strbuf err = STRBUF_INIT;
	account a = {0};
	int found = store_account_get(st, naam, 0, &a, &err);
	pool_put(&srv->pool, st);
	if (found < 0) {
		rate_end(&srv->login, user_key, FAILS_PER_ACCOUNT, RATE_DONE);
		rate_end(&srv->login, addr_key, FAILS_PER_ADDRESS, RATE_DONE);
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
		rate_end(&srv->login, user_key, FAILS_PER_ACCOUNT, RATE_FAILED);
		rate_end(&srv->login, addr_key, FAILS_PER_ADDRESS, RATE_FAILED);
		reply_error(r, 401, "inlog_onjuist", "gebruikersnaam of wachtwoord onjuist");
		account_free(&a);
		sb_free(&err);
		return;
	}
	rate_end(&srv->login, user_key, FAILS_PER_ACCOUNT, RATE_PASSED);
	rate_end(&srv->login, addr_key, FAILS_PER_ADDRESS, RATE_DONE);
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
	st = pool_get(&srv->pool);
	int rc = store_session_create(st, u.token_hash, u.id, csrf, expires, r->addr, &err);
	pool_put(&srv->pool, st);
	if (rc) {
		reply_error(r, 500, "interne_fout", "de sessie kon niet worden vastgelegd");
	} else {
		strbuf cookie = STRBUF_INIT;
		snprintf(max_age, sizeof max_age, "%ld", srv->cfg.session_max);
		sb_printf(&cookie, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%s%s", SESSION_COOKIE, token, max_age,
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
	store *st = pool_get(&srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_session_revoke(st, r->who->token_hash, &err);
	pool_put(&srv->pool, st);
	sb_free(&err);
	session_forget_token(&srv->sessions, r->who->token_hash);
	if (rc) {
		reply_error(r, 500, "interne_fout", "de sessie kon niet worden beëindigd");
		return;
	}
	strbuf cookie = STRBUF_INIT;
	sb_printf(&cookie, "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s", SESSION_COOKIE,
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
	store *st = pool_get(&srv->pool);
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
		session_forget_user(&srv->sessions, a.id);
		reply_json(r, 200, json_pack("{s:b, s:i}", "gewijzigd", 1, "andere_sessies_beeindigd", (int)n));
	}
	pool_put(&srv->pool, st);
	account_free(&a);
	sb_free(&err);
}
