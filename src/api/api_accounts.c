/*
 * api_accounts.c - accounts, under four eyes, and deactivating an
 * organisation (all its accounts blocked; rules:
 * core/four_eyes.h). A beheerder asks for an account, a widening or a
 * password reset; a second beheerder confirms what reaches personal data or
 * widens an account; the user sets the password with a one-time code
 * (POST /api/activeren). The beheerder never sees or sets a password. Every
 * step writes its audit entry in its own transaction.
 *
 * The code goes to the user by hand for now: each beheerder is shown the
 * half they made, once. When mail arrives, deliver() sends the code to the
 * user instead of answering it (the answer then says "verstuurd").
 */
#include <stdlib.h>
#include <string.h>

#include "../app/accounts.h"
#include "../util/alloc.h"
#include "api.h"

/* ---- reading --------------------------------------------------------------- */

static json_t *account_json(const account *a)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:b, s:s, s:s}", "id", (json_int_t)a->id, "naam", a->naam, "rol",
			 a->rol, "scope", a->scope, "organisatie", a->organisatie, "actief", a->actief,
			 "wachtwoord_ingesteld", a->wachtwoord && a->wachtwoord[0], "aangemaakt", a->aangemaakt, "gewijzigd",
			 a->gewijzigd);
}

void h_users(req *r)
{
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	account *list = NULL;
	size_t n = 0;
	int rc = store_accounts_list(st, &list, &n, &err);
	pool_put(&r->srv->pool, st);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		japp(arr, account_json(&list[i]));
		account_free(&list[i]);
	}
	free(list);
	sb_free(&err);
	reply_read(r, rc, arr, "gebruikers");
}

static const char *request_status(const account_request *q)
{
	if (q->code_gebruikt_op)
		return "afgerond";
	if (q->uitkomst)
		return !strcmp(q->uitkomst, "bevestigd") && strcmp(q->soort, "wijziging") ? "wacht_op_code" : q->uitkomst;
	return "wacht_op_bevestiging";
}

static void request_row(void *ctx, const account_request *q)
{
	japp(ctx, json_pack("{s:I, s:s, s:I, s:s, s:s*, s:s*, s:b, s:s, s:s, s:s*, s:s*, s:s, s:s}", "id", (json_int_t)q->id,
			    "soort", q->soort, "gebruiker_id", (json_int_t)q->gebruiker_id, "gebruiker", q->gebruikersnaam,
			    "rol", q->rol, "scope", q->scope, "vier_ogen", q->vier_ogen, "aangevraagd_door",
			    q->aangevraagd_door_naam ? q->aangevraagd_door_naam : "", "aangevraagd_op", q->aangevraagd_op,
			    "beoordeeld_door", q->beoordeeld_door_naam, "beoordeeld_op", q->beoordeeld_op, "status",
			    request_status(q), "verloopt", q->verloopt));
}

void h_user_requests(req *r)
{
	const char *open = query(r, "open");
	json_t *arr = json_array();
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_account_requests(st, open && !strcmp(open, "1"), request_row, arr, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	reply_read(r, rc, arr, "verzoeken");
}

/* ---- asking ---------------------------------------------------------------- */

/* A request being made, for its audit entry (ids set by the store). */
typedef struct asked {
	account_request rq;
	const char *naam;
	int64_t id, account_id;
} asked;

static json_t *asked_details(void *ctx)
{
	const asked *a = ctx;
	return json_pack("{s:s, s:s, s:I, s:s, s:I, s:s*, s:s*, s:b}", "stap", "aanvraag", "soort", a->rq.soort, "verzoek",
			 (json_int_t)a->id, "gebruiker", a->naam, "gebruiker_id", (json_int_t)a->account_id, "rol", a->rq.rol,
			 "scope", a->rq.scope, "vier_ogen", a->rq.vier_ogen);
}

/* How the code reaches the user: by hand, through who asked or confirmed,
 * until the mail of "The daily work" sends it to the user instead. */
static void deliver(json_t *j, const char *half, bool first, bool four_eyes)
{
	jset(j, "bezorging", json_string("handmatig"));
	jset(j, "code", json_string(half));
	jset(j, "code_uitleg",
	     json_string(!four_eyes ? "Geef deze code persoonlijk aan de gebruiker; die kiest er zelf een wachtwoord mee "
				      "(POST /api/activeren). De code werkt één keer en verloopt na 7 dagen."
			 : first ? "Geef deze code persoonlijk aan de gebruiker. Een tweede beheerder moet het verzoek "
				   "bevestigen en geeft de gebruiker het tweede deel; met beide kiest de gebruiker zelf een "
				   "wachtwoord."
				 : "Geef dit tweede deel van de code persoonlijk aan de gebruiker; die typt het achter het "
				   "eerste deel en kiest zelf een wachtwoord. De code werkt één keer en verloopt na 7 dagen."));
}

/* Record request a (its rq filled but the code), with its audit entry;
 * replies 201 with the request and, for nieuw and herstel, the first half. */
static void ask(req *r, asked *a)
{
	char shown[CODE_SHOWN] = "", hash[65] = "";
	bool coded = strcmp(a->rq.soort, "wijziging") != 0;
	if (coded) {
		code_half_new(shown, hash);
		a->rq.code1 = hash;
	}
	a->rq.aangevraagd_door = r->who->id;
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	audited_change ac;
	audit_change_arm(r, st, &ac, "gebruikersbeheer", NULL, asked_details, a);
	int rc = store_account_request(st, &a->rq, a->naam, &a->id, &a->account_id, &err);
	bool done = audit_change_done(r, st, &ac, rc);
	pool_put(&r->srv->pool, st);
	if (rc == STORE_CONFLICT) {
		reply_error(r, 409, "bestaat_al", "%s", sb_str(&err));
	} else if (rc) {
		reply_error(r, 500, "interne_fout", "het verzoek kon niet worden vastgelegd");
	} else if (done) {
		json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:b, s:s}", "verzoek", (json_int_t)a->id, "gebruiker_id",
				      (json_int_t)a->account_id, "gebruiker", a->naam, "soort", a->rq.soort, "vier_ogen",
				      a->rq.vier_ogen, "status",
				      a->rq.vier_ogen ? "wacht_op_bevestiging" : coded ? "wacht_op_code" : "bevestigd");
		if (j && coded)
			deliver(j, shown, true, a->rq.vier_ogen);
		reply_json(r, coded ? 201 : 202, j); /* a widening waits: nothing changed yet */
	}
	sb_free(&err);
}

static bool name_ok(const char *n)
{
	size_t len = strlen(n);
	return len >= 2 && len <= 64 && !strpbrk(n, " \t\r\n");
}

/* Role, scope (canonical in canon) and organisation (its id) of a request:
 * false after a 400 or 500 reply. */
static bool terms_of(req *r, const char *rol, const char *scope_text, const char *org, role *rl, scope *sc,
		     strbuf *canon, int64_t *org_id)
{
	*rl = role_from_name(rol);
	if (*rl == ROLE_COUNT) {
		reply_error(r, 400, "ongeldige_rol", "onbekende rol '%.20s' (school, leerplicht, swv, analist of beheerder)", rol);
		return false;
	}
	strbuf err = STRBUF_INIT, name = STRBUF_INIT;
	if (scope_parse(*rl, scope_text, sc, &err) != 0) {
		reply_error(r, 400, "ongeldige_scope", "%s", sb_str(&err));
		sb_free(&err);
		return false;
	}
	scope_format(sc, canon);
	snapshot *s = snapshot_acquire(&r->srv->snap);
	if (org)
		sb_puts(&name, org);
	else
		organisation_default_name(*rl, sc, s->ds, &name);
	snapshot_release(s);
	store *st = pool_get(&r->srv->pool);
	int rc = store_organisation_ensure(st, sb_str(&name), organisation_kind(*rl), sb_str(canon), org_id, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&name);
	sb_free(&err);
	if (rc) {
		scope_free(sc);
		reply_error(r, 500, "interne_fout", "de organisatie kon niet worden vastgelegd");
	}
	return rc == 0;
}

void h_user_create(req *r)
{
	const char *naam = json_string_value(json_object_get(r->json, "naam"));
	if (!name_ok(naam)) {
		reply_error(r, 400, "ongeldige_naam", "een gebruikersnaam heeft 2 tot 64 tekens, zonder spaties");
		return;
	}
	role rl;
	scope sc;
	strbuf canon = STRBUF_INIT;
	int64_t org = 0;
	if (terms_of(r, json_string_value(json_object_get(r->json, "rol")), json_string_value(json_object_get(r->json, "scope")),
		     json_string_value(json_object_get(r->json, "organisatie")), &rl, &sc, &canon, &org)) {
		asked a = {.rq = {.soort = "nieuw", .rol = ROLE_NAMES[rl], .scope = sb_str(&canon), .organisatie_id = org,
				  .actief = 1, .vier_ogen = account_needs_four_eyes(rl)},
			   .naam = naam};
		ask(r, &a);
		scope_free(&sc);
	}
	sb_free(&canon);
}

/* Whether account account_id (naam) may be deactivated: not while it is the
 * regiehouder of open dossiers (SPEC 6: no child is left without someone
 * who leads its case); a 409 says how many and where to hand them over, a
 * 500 that the dossiers are unreadable. */
static bool account_may_stop(req *r, int64_t account_id, const char *naam)
{
	snapshot *s = snapshot_acquire(&r->srv->snap);
	dossier_set *set = dossiers_for(r, s);
	snapshot_release(s);
	if (!set)
		return false;
	strbuf why = STRBUF_INIT;
	size_t held = dossiers_led_by(set->items, set->n, account_id, naam, &why);
	dossiers_release(set);
	if (held)
		reply_error(r, 409, "regie_open", "%s", sb_str(&why));
	sb_free(&why);
	return held == 0;
}

static bool load_account(req *r, account *a)
{
	int64_t id = path_number(r->params[0]);
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int found = id ? store_account_get(st, NULL, id, a, &err) : 0;
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (found != 1) {
		reply_error(r, found < 0 ? 500 : 404, found < 0 ? "interne_fout" : "onbekend", "gebruiker %.20s is onbekend",
			    r->params[0]);
		return false;
	}
	return true;
}

/* A narrowing, for its audit entry. */
typedef struct narrowed {
	const account *a;
	const char *rol, *scope;
	bool actief;
} narrowed;

static json_t *narrowed_details(void *ctx)
{
	const narrowed *n = ctx;
	return json_pack("{s:s, s:s, s:I, s:s, s:s, s:b}", "stap", "wijziging", "gebruiker", n->a->naam, "gebruiker_id",
			 (json_int_t)n->a->id, "rol", n->rol, "scope", n->scope, "actief", n->actief);
}

/* Change role, scope, organisation or activity: a narrowing at once, a
 * widening as a request for a second beheerder (202). */
void h_user_update(req *r)
{
	account a;
	if (!load_account(r, &a))
		return;
	json_t *j = r->json;
	const char *rol = json_string_value(json_object_get(j, "rol"));
	const char *sct = json_string_value(json_object_get(j, "scope"));
	const char *org = json_string_value(json_object_get(j, "organisatie"));
	json_t *actief = json_object_get(j, "actief");
	bool active = json_is_boolean(actief) ? json_is_true(actief) : a.actief;
	role rl, old_rl = role_from_name(a.rol);
	scope sc, old_sc = {0};
	strbuf canon = STRBUF_INIT, err = STRBUF_INIT;
	int64_t org_id = 0;
	/* An account is deactivated only after its dossiers are handed on. */
	if ((a.actief && !active && !account_may_stop(r, a.id, a.naam)) ||
	    !terms_of(r, rol ? rol : a.rol, sct ? sct : a.scope, org ? org : a.organisatie, &rl, &sc, &canon, &org_id))
		goto out;
	if (old_rl == ROLE_COUNT || scope_parse(old_rl, a.scope, &old_sc, &err) != 0) {
		reply_error(r, 500, "interne_fout", "de gebruiker is niet leesbaar");
		scope_free(&sc);
		goto out;
	}
	account_terms before = {old_rl, &old_sc, a.organisatie_id, a.actief}, after = {rl, &sc, org_id, active};
	if (account_change_widens(&before, &after)) {
		asked w = {.rq = {.soort = "wijziging", .gebruiker_id = a.id, .rol = ROLE_NAMES[rl], .scope = sb_str(&canon),
				  .organisatie_id = org_id, .actief = active, .vier_ogen = true},
			   .naam = a.naam};
		ask(r, &w);
	} else {
		narrowed n = {&a, ROLE_NAMES[rl], sb_str(&canon), active};
		size_t revoked = 0;
		store *st = pool_get(&r->srv->pool);
		audited_change ac;
		audit_change_arm(r, st, &ac, "gebruikersbeheer", NULL, narrowed_details, &n);
		int rc = store_account_narrow(st, a.id, ROLE_NAMES[rl], sb_str(&canon), org_id, active, &revoked, &err);
		bool done = audit_change_done(r, st, &ac, rc);
		account now = {0};
		bool read = done && store_account_get(st, NULL, a.id, &now, &err) == 1;
		pool_put(&r->srv->pool, st);
		session_forget_user(&r->srv->sessions, a.id);
		if (read)
			reply_json(r, 200, account_json(&now));
		else if (rc || done) /* audit_change_done() replied otherwise */
			reply_error(r, 500, "interne_fout", "de gebruiker kon niet worden opgeslagen");
		account_free(&now);
	}
	scope_free(&sc);
	scope_free(&old_sc);
out:
	account_free(&a);
	sb_free(&canon);
	sb_free(&err);
}

/* A password reset: a one-time code for the user (and a second beheerder's
 * half for an account that reaches personal data). */
void h_user_reset(req *r)
{
	account a;
	if (!load_account(r, &a))
		return;
	role rl = role_from_name(a.rol);
	asked h = {.rq = {.soort = "herstel", .gebruiker_id = a.id, .actief = -1,
			  .vier_ogen = rl == ROLE_COUNT || account_needs_four_eyes(rl)},
		   .naam = a.naam};
	if (a.id == r->who->id)
		reply_error(r, 409, "eigen_account", "uw eigen wachtwoord wijzigt u met PUT /api/sessie/wachtwoord");
	else
		ask(r, &h);
	account_free(&a);
}

void h_user_revoke(req *r)
{
	account a;
	if (!load_account(r, &a))
		return;
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	size_t n = 0;
	int rc = store_sessions_revoke_user(st, a.id, NULL, &n, &err);
	pool_put(&r->srv->pool, st);
	session_forget_user(&r->srv->sessions, a.id);
	if (rc)
		reply_error(r, 500, "interne_fout", "de sessies konden niet worden beëindigd");
	else
		reply_json(r, 200, json_pack("{s:s, s:I}", "gebruiker", a.naam, "beeindigd", (json_int_t)n));
	account_free(&a);
	sb_free(&err);
}

/* ---- the second beheerder --------------------------------------------------- */

typedef struct decision {
	req *r;
	int64_t id, account_id;
	bool confirm, coded;
	char soort[16], naam[72];
} decision;

/* Inside the transaction: the rule of who may decide, and what to audit. */
static bool may_decide(void *ctx, const account_request *q, strbuf *why)
{
	decision *d = ctx;
	d->account_id = q->gebruiker_id;
	d->coded = strcmp(q->soort, "wijziging") != 0;
	snprintf(d->soort, sizeof d->soort, "%s", q->soort);
	snprintf(d->naam, sizeof d->naam, "%s", q->gebruikersnaam);
	return account_may_confirm(q->aangevraagd_door, q->gebruiker_id, d->r->who->id, why);
}

static json_t *decision_details(void *ctx)
{
	const decision *d = ctx;
	return json_pack("{s:s, s:s, s:I, s:s, s:I}", "stap", d->confirm ? "bevestiging" : "afwijzing", "soort", d->soort,
			 "verzoek", (json_int_t)d->id, "gebruiker", d->naam, "gebruiker_id", (json_int_t)d->account_id);
}

static void decide(req *r, bool confirm)
{
	decision d = {.r = r, .id = path_number(r->params[0]), .confirm = confirm};
	/* The second half is made before the transaction; it is kept (hashed)
	 * only when the request turns out to need it. */
	char shown[CODE_SHOWN], hash[65];
	code_half_new(shown, hash);
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	audited_change ac;
	audit_change_arm(r, st, &ac, "gebruikersbeheer", NULL, decision_details, &d);
	int rc = store_account_decide(st, d.id, r->who->id, confirm, hash, may_decide, &d, &err);
	bool done = audit_change_done(r, st, &ac, rc);
	pool_put(&r->srv->pool, st);
	if (rc == STORE_NOT_FOUND)
		reply_error(r, 404, "onbekend", "verzoek %.20s is onbekend", r->params[0]);
	else if (rc == STORE_INVALID)
		reply_error(r, 403, "vier_ogen", "%s", sb_str(&err));
	else if (rc == STORE_CONFLICT)
		reply_error(r, 409, "al_beslist", "%s", sb_str(&err));
	else if (rc)
		reply_error(r, 500, "interne_fout", "de beslissing kon niet worden vastgelegd");
	else if (done) {
		session_forget_user(&r->srv->sessions, d.account_id);
		json_t *j = json_pack("{s:I, s:s, s:s, s:s}", "verzoek", (json_int_t)d.id, "gebruiker", d.naam, "soort", d.soort,
				      "uitkomst", confirm ? "bevestigd" : "afgewezen");
		if (j && confirm && d.coded)
			deliver(j, shown, false, true);
		reply_json(r, 200, j);
	}
	sb_free(&err);
}

void h_request_confirm(req *r)
{
	decide(r, true);
}

void h_request_refuse(req *r)
{
	decide(r, false);
}

/* ---- the user --------------------------------------------------------------- */

static json_t *redeemed_details(void *ctx)
{
	return json_pack("{s:s, s:s}", "stap", "code_gebruikt", "gebruiker", (const char *)ctx);
}

/* The user sets a password with a one-time code (no session: the code is
 * the proof), limited as logins are. */
void h_activate(req *r)
{
	server *srv = r->srv;
	const char *naam = json_string_value(json_object_get(r->json, "gebruikersnaam"));
	const char *code = json_string_value(json_object_get(r->json, "code"));
	const char *password = json_string_value(json_object_get(r->json, "wachtwoord"));
	char key[96], addr_key[96];
	snprintf(key, sizeof key, "c:%.80s", naam);
	snprintf(addr_key, sizeof addr_key, "a:%s", r->addr);
	/* Counted as under way before the code is checked (rate_begin), so that
	 * tries in parallel get no more checks than the limit. */
	long wait = rate_begin(&srv->login, key, FAILS_PER_ACCOUNT);
	if (!wait) {
		wait = rate_begin(&srv->login, addr_key, FAILS_PER_ADDRESS);
		if (wait)
			rate_end(&srv->login, key, FAILS_PER_ACCOUNT, RATE_DONE);
	}
	if (wait == RATE_UNREACHABLE) {
		reply_error(r, 500, "interne_fout", "de registratie is niet bereikbaar");
		return;
	}
	if (wait) {
		reply_error(r, 429, "te_veel_pogingen", "te veel onjuiste codes; probeer het later opnieuw");
		return;
	}
	if (strlen(password) < 12) {
		rate_end(&srv->login, key, FAILS_PER_ACCOUNT, RATE_DONE);
		rate_end(&srv->login, addr_key, FAILS_PER_ADDRESS, RATE_DONE);
		reply_error(r, 400, "wachtwoord_te_kort", "een wachtwoord heeft minstens 12 tekens");
		return;
	}
	char halves[2][CODE_HALF + 1], h1[65], h2[65];
	int n = code_parse(code, 2, halves) ? 2 : code_parse(code, 1, halves) ? 1 : 0;
	if (n) {
		sha256_hex(halves[0], h1);
		if (n == 2)
			sha256_hex(halves[1], h2);
	}
	strbuf err = STRBUF_INIT;
	char hash[PASSWORD_HASH_MAX];
	account a = {0};
	/* Hashed first, known account or not, so that the answer takes as long
	 * either way; no more Argon2id runs at once than the logins allow. */
	bool hashed = false;
	if (n) {
		sem_wait(&srv->login.hashing);
		hashed = password_hash(password, hash, &err) == 0;
		sem_post(&srv->login.hashing);
	}
	store *st = pool_get(&srv->pool);
	int found = hashed ? store_account_get(st, naam, 0, &a, &err) : 0;
	int rc = found < 0 || (n && !hashed) ? -1 : STORE_NOT_FOUND;
	if (found == 1) {
		user as = {.id = a.id, .rol = role_from_name(a.rol)};
		if (as.rol == ROLE_COUNT)
			as.rol = ROLE_ANALIST; /* the entry's role; a broken row never logs in */
		snprintf(as.naam, sizeof as.naam, "%s", a.naam);
		snprintf(as.organisatie, sizeof as.organisatie, "%s", a.organisatie);
		int64_t id = 0;
		audited_change ac;
		audit_change_arm_as(r, &as, st, &ac, "gebruikersbeheer", NULL, redeemed_details, a.naam);
		rc = store_account_redeem(st, naam, h1, n == 2 ? h2 : NULL, hash, &id, &err);
		if (!audit_change_done(r, st, &ac, rc) && !rc)
			rc = -2; /* replied */
	}
	pool_put(&srv->pool, st);
	rate_outcome how = rc == 0 ? RATE_PASSED : rc == STORE_NOT_FOUND ? RATE_FAILED : RATE_DONE;
	rate_end(&srv->login, key, FAILS_PER_ACCOUNT, how);
	rate_end(&srv->login, addr_key, FAILS_PER_ADDRESS, how == RATE_PASSED ? RATE_DONE : how);
	if (rc == 0) {
		session_forget_user(&srv->sessions, a.id);
		reply_json(r, 200, json_pack("{s:s, s:b}", "gebruikersnaam", a.naam, "actief", 1));
	} else if (rc == STORE_INVALID) {
		reply_error(r, 409, "wacht_op_bevestiging", "%s", sb_str(&err));
	} else if (rc == STORE_NOT_FOUND) {
		reply_error(r, 401, "code_onjuist", "de gebruikersnaam of de code klopt niet, of de code is verlopen of al gebruikt");
	} else if (rc == -1) {
		reply_error(r, 500, "interne_fout", "het wachtwoord kon niet worden vastgelegd");
	}
	account_free(&a);
	sb_free(&err);
}

/* ---- an organisation stops ---------------------------------------------------- */

typedef struct members {
	int64_t *ids;
	size_t n, cap;
} members;

static void member_row(void *ctx, int64_t id, const char *naam)
{
	(void)naam;
	members *m = ctx;
	m->ids = xgrow(m->ids, &m->cap, m->n + 1, sizeof *m->ids);
	m->ids[m->n++] = id;
}

/* Deactivate an organisation: every active account of it is blocked (each a
 * narrowing with its own audit entry, its sessions ended) - refused as a
 * whole (409 regie_open) while any of them leads open dossiers, and for the
 * beheerder's own organisation. */
void h_organisation_deactivate(req *r)
{
	int64_t org = path_number(r->params[0]);
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT, why = STRBUF_INIT;
	organisation *list = NULL;
	size_t n_orgs = 0, blocked = 0, held = 0;
	members m = {0};
	int rc = store_organisations_list(st, &list, &n_orgs, &err);
	bool known = false;
	for (size_t i = 0; !rc && i < n_orgs; i++)
		known |= list[i].id == org;
	organisations_free(list, n_orgs);
	if (!rc && known)
		rc = store_organisation_members(st, org, member_row, &m, &err);
	account *acc = m.n ? xcalloc(m.n, sizeof *acc) : NULL;
	size_t loaded = 0;
	while (!rc && loaded < m.n && store_account_get(st, NULL, m.ids[loaded], &acc[loaded], &err) == 1)
		loaded++;
	pool_put(&r->srv->pool, st);
	if (rc || loaded < m.n) {
		reply_error(r, 500, "interne_fout", "de organisatie is niet leesbaar");
		goto out;
	}
	if (!known) {
		reply_error(r, 404, "onbekend", "organisatie %.20s is onbekend", r->params[0]);
		goto out;
	}
	for (size_t i = 0; i < loaded; i++)
		if (acc[i].id == r->who->id) { /* nobody locks themselves out */
			reply_error(r, 409, "eigen_organisatie",
				    "uw eigen organisatie deactiveert u niet; een beheerder van een andere organisatie kan dat");
			goto out;
		}
	snapshot *s = snapshot_acquire(&r->srv->snap);
	dossier_set *set = dossiers_for(r, s);
	snapshot_release(s);
	if (!set)
		goto out;
	for (size_t i = 0; i < loaded; i++) {
		strbuf one = STRBUF_INIT;
		size_t k = dossiers_led_by(set->items, set->n, acc[i].id, acc[i].naam, &one);
		if (k)
			sb_printf(&why, "%s%s", held ? "; " : "", sb_str(&one));
		held += k;
		sb_free(&one);
	}
	dossiers_release(set);
	if (held) {
		reply_error(r, 409, "regie_open", "de organisatie kan niet worden gedeactiveerd: %s", sb_str(&why));
		goto out;
	}
	st = pool_get(&r->srv->pool);
	for (size_t i = 0; i < loaded; i++) {
		narrowed nw = {&acc[i], acc[i].rol, acc[i].scope, false};
		size_t revoked = 0;
		audited_change ac;
		audit_change_arm(r, st, &ac, "gebruikersbeheer", NULL, narrowed_details, &nw);
		int one = store_account_narrow(st, acc[i].id, acc[i].rol, acc[i].scope, acc[i].organisatie_id, false, &revoked,
					       &err);
		bool done = audit_change_done(r, st, &ac, one);
		session_forget_user(&r->srv->sessions, acc[i].id);
		if (!done) {
			if (one)
				reply_error(r, 500, "interne_fout", "niet alle accounts konden worden geblokkeerd");
			break;
		}
		blocked++;
	}
	pool_put(&r->srv->pool, st);
	if (blocked == loaded)
		reply_json(r, 200, json_pack("{s:I, s:I}", "organisatie_id", (json_int_t)org, "geblokkeerd", (json_int_t)blocked));
out:
	for (size_t i = 0; i < loaded; i++)
		account_free(&acc[i]);
	free(acc);
	free(m.ids);
	sb_free(&err);
	sb_free(&why);
}
