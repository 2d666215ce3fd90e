/*
 * api_admin.c - what only a beheerder does: the audit log, break-glass,
 * accounts and organisations. Loading datasets: api_datasets.c.
 */
#include <stdlib.h>
#include <string.h>

#include "../app/accounts.h"
#include "../util/alloc.h"
#include "api.h"


/* ---- the audit log ------------------------------------------------------------ */

static void audit_row_json(void *ctx, const audit_row *r)
{
	json_t *arr = ctx;
	json_t *details = r->e.details ? json_loads(r->e.details, 0, NULL) : NULL;
	japp(arr, json_pack("{s:I, s:s, s:I, s:s, s:s, s:s*, s:s*, s:s, s:s, s:s, s:o, s:s}", "id",
					     (json_int_t)r->id, "tijdstip", r->e.tijdstip, "gebruiker_id",
					     (json_int_t)r->e.gebruiker_id, "gebruikersnaam", r->e.gebruikersnaam, "rol",
					     r->e.rol, "organisatie", r->e.organisatie, "leerling_id", r->e.leerling_id,
					     "actie", r->e.actie, "endpoint", r->e.endpoint, "doel", r->e.doel, "details",
					     details ? details : json_null(), "hash", r->hash));
}

void h_audit(req *r)
{
	const char *pupil_id = query(r, "leerling");
	const char *voor = query(r, "voor"), *aantal = query(r, "aantal");
	int limit = aantal ? atoi(aantal) : 100;
	if (limit < 1 || limit > 1000) {
		reply_error(r, 400, "ongeldige_parameter", "aantal ligt tussen 1 en 1000");
		return;
	}
	json_t *arr = json_array();
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_audit_query(st, pupil_id, voor ? strtoll(voor, NULL, 10) : 0, limit, audit_row_json, arr, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (rc) {
		json_decref(arr);
		reply_error(r, 500, "interne_fout", "het auditlog is niet leesbaar");
		return;
	}
	/* Reading who looked at a child is itself recorded, outside that child's own
	 * entries (so the list a beheerder asks for is not changed by asking). */
	reply_audited(r, 200, arr, "auditlog_lezen", NULL, json_pack("{s:s*, s:I}", "leerling", pupil_id, "aantal",
						      (json_int_t)json_array_size(arr)));
}

void h_break_glass(req *r)
{
	const char *id = json_string_value(json_object_get(r->json, "leerling_id"));
	const char *reden = json_string_value(json_object_get(r->json, "reden"));
	if (strlen(reden) < 10) {
		reply_error(r, 400, "reden_te_kort", "geef een reden van minstens 10 tekens; die komt in het auditlog");
		return;
	}
	snapshot *s = snapshot_acquire(&r->srv->snap);
	bool known = dataset_pupil(s->ds, id, strlen(id)) != NO_REF;
	snapshot_release(s);
	if (!known) {
		reply_error(r, 404, "onbekend", "leerling '%.64s' is onbekend", id);
		return;
	}
	grant_add(&r->srv->grants, r->who->id, id, 0);
	r->break_glass = true;
	char until[20];
	store_time_after(15 * 60, until);
	if (audit(r, "noodtoegang", id, json_pack("{s:s, s:s}", "reden", reden, "geldig_tot", until)))
		reply_json(r, 200, json_pack("{s:s, s:s}", "leerling_id", id, "geldig_tot", until));
}

/* ---- accounts ------------------------------------------------------------------- */

static json_t *account_json(const account *a)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:s, s:s}", "id", (json_int_t)a->id, "naam", a->naam, "rol",
			 a->rol, "scope", a->scope, "organisatie", a->organisatie, "actief", a->actief, "aangemaakt",
			 a->aangemaakt, "gewijzigd", a->gewijzigd);
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

void h_organisations(req *r)
{
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	organisation *list = NULL;
	size_t n = 0;
	int rc = store_organisations_list(st, &list, &n, &err);
	pool_put(&r->srv->pool, st);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		japp(arr, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)list[i].id, "naam", list[i].naam,
						     "soort", list[i].soort));
	organisations_free(list, n);
	sb_free(&err);
	reply_read(r, rc, arr, "organisaties");
}

static bool name_ok(const char *n)
{
	size_t len = strlen(n);
	return len >= 2 && len <= 64 && !strpbrk(n, " \t\r\n");
}

/* Validate role, scope, organisation and password, and store the account. */
static void save_account(req *r, const char *naam, const char *rol, const char *scope_text, const char *org,
			 const char *password, bool actief, bool must_be_new)
{
	role rl = role_from_name(rol);
	if (rl == ROLE_COUNT) {
		reply_error(r, 400, "ongeldige_rol", "onbekende rol '%.20s' (school, leerplicht, swv, analist of beheerder)", rol);
		return;
	}
	scope sc;
	strbuf err = STRBUF_INIT;
	if (scope_parse(rl, scope_text, &sc, &err) != 0) {
		reply_error(r, 400, "ongeldige_scope", "%s", sb_str(&err));
		sb_free(&err);
		return;
	}
	if (password && strlen(password) < 12) {
		reply_error(r, 400, "wachtwoord_te_kort", "een wachtwoord heeft minstens 12 tekens");
		scope_free(&sc);
		sb_free(&err);
		return;
	}
	char hash[PASSWORD_HASH_MAX] = "";
	strbuf org_name = STRBUF_INIT, canon = STRBUF_INIT;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	if (org)
		sb_puts(&org_name, org);
	else
		organisation_default_name(rl, &sc, s->ds, &org_name);
	snapshot_release(s);
	scope_format(&sc, &canon);
	store *st = pool_get(&r->srv->pool);
	account existing = {0};
	int64_t org_id = 0, id = 0;
	size_t revoked = 0;
	int found = store_account_get(st, naam, 0, &existing, &err);
	if (found < 0) {
		reply_error(r, 500, "interne_fout", "de gebruikers zijn niet leesbaar");
	} else if (must_be_new && found) {
		reply_error(r, 409, "bestaat_al", "gebruiker '%s' bestaat al", naam);
	} else if ((password && password_hash(password, hash, &err) != 0) ||
		   store_organisation_ensure(st, sb_str(&org_name), organisation_kind(rl), sb_str(&canon), &org_id, &err) != 0 ||
		   store_account_upsert(st, naam, ROLE_NAMES[rl], sb_str(&canon), org_id, hash[0] ? hash : NULL, actief, &id,
					NULL, &err) != 0 ||
		   (!must_be_new && store_sessions_revoke_user(st, id, NULL, &revoked, &err) != 0)) {
		reply_error(r, 500, "interne_fout", "de gebruiker kon niet worden opgeslagen");
	} else {
		session_forget_user(&r->srv->sessions, id);
		account a = {0};
		store_account_get(st, NULL, id, &a, &err);
		if (audit(r, "gebruikersbeheer", NULL,
			  json_pack("{s:s, s:s, s:s, s:s, s:b}", "gebruiker", naam, "rol", ROLE_NAMES[rl], "scope",
				    sb_str(&canon), "wijziging", must_be_new ? "aangemaakt" : "gewijzigd", "actief", actief)))
			reply_json(r, must_be_new ? 201 : 200, account_json(&a));
		account_free(&a);
	}
	pool_put(&r->srv->pool, st);
	account_free(&existing);
	scope_free(&sc);
	sb_free(&org_name);
	sb_free(&canon);
	sb_free(&err);
}

void h_user_create(req *r)
{
	const char *naam = json_string_value(json_object_get(r->json, "naam"));
	if (!name_ok(naam)) {
		reply_error(r, 400, "ongeldige_naam", "een gebruikersnaam heeft 2 tot 64 tekens, zonder spaties");
		return;
	}
	save_account(r, naam, json_string_value(json_object_get(r->json, "rol")),
		     json_string_value(json_object_get(r->json, "scope")),
		     json_string_value(json_object_get(r->json, "organisatie")),
		     json_string_value(json_object_get(r->json, "wachtwoord")), true, true);
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
	const char *p = r->params[0];
	int64_t id = strspn(p, "0123456789") == strlen(p) && strlen(p) < 19 ? strtoll(p, NULL, 10) : 0;
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int found = id ? store_account_get(st, NULL, id, a, &err) : 0;
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (found != 1) {
		reply_error(r, found < 0 ? 500 : 404, found < 0 ? "interne_fout" : "onbekend", "gebruiker %.20s is onbekend", p);
		return false;
	}
	return true;
}

void h_user_update(req *r)
{
	account a;
	if (!load_account(r, &a))
		return;
	json_t *j = r->json;
	const char *rol = json_string_value(json_object_get(j, "rol"));
	const char *sc = json_string_value(json_object_get(j, "scope"));
	const char *org = json_string_value(json_object_get(j, "organisatie"));
	json_t *actief = json_object_get(j, "actief");
	/* An account is deactivated only after its dossiers are handed on. */
	if (a.actief && json_is_false(actief) && !account_may_stop(r, a.id, a.naam)) {
		account_free(&a);
		return;
	}
	save_account(r, a.naam, rol ? rol : a.rol, sc ? sc : a.scope, org ? org : a.organisatie,
		     json_string_value(json_object_get(j, "wachtwoord")), json_is_boolean(actief) ? json_is_true(actief) : a.actief,
		     false);
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
