/*
 * api_admin.c - what only a beheerder does: the audit log (with its filters),
 * break-glass (and the own grants that run), the organisations (their list,
 * a new one; deactivating one and the accounts: api_accounts.c). Loading datasets: api_datasets.c.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	audit_filter f = {.leerling_id = pupil_id, .gebruiker = query(r, "gebruiker"), .actie = query(r, "actie"),
			  .van = query(r, "van"), .tot = query(r, "tot")};
	const char *voor = query(r, "voor"), *aantal = query(r, "aantal");
	int limit = aantal ? atoi(aantal) : 100;
	if (limit < 1 || limit > 1000) {
		reply_error(r, 400, "ongeldige_parameter", "aantal ligt tussen 1 en 1000");
		return;
	}
	json_t *arr = json_array();
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_audit_search(st, &f, voor ? strtoll(voor, NULL, 10) : 0, limit, audit_row_json, arr, &err);
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
	grant_add(&r->srv->grants, r->who->id, id, reden, 0);
	r->break_glass = true;
	char until[20];
	store_time_after(15 * 60, until);
	if (audit(r, "noodtoegang", id, json_pack("{s:s, s:s}", "reden", reden, "geldig_tot", until)))
		reply_json(r, 200, json_pack("{s:s, s:s}", "leerling_id", id, "geldig_tot", until));
}

/* The beheerder's own active grants: which pupil, until when, why. */
void h_break_glass_list(req *r)
{
	enum { MAX_SHOWN = 64 };
	grant_info *g = xcalloc(MAX_SHOWN, sizeof *g);
	size_t n = grants_describe(&r->srv->grants, r->who->id, g, MAX_SHOWN);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		char until[20];
		time_t t = (time_t)g[i].until;
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(until, sizeof until, "%Y-%m-%dT%H:%M:%S", &tm);
		japp(arr, json_pack("{s:s, s:s, s:s}", "leerling_id", g[i].pupil_id, "reden", g[i].reason, "geldig_tot", until));
	}
	free(g);
	reply_json(r, 200, arr);
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

/* A new organisation (its scope comes with its first account). Refused when
 * the name is taken: an organisation is found by its name. */
void h_organisation_create(req *r)
{
	const char *naam = json_string_value(json_object_get(r->json, "naam"));
	const char *soort = json_string_value(json_object_get(r->json, "soort"));
	size_t len = strlen(naam);
	if (len < 2 || len > 100) {
		reply_error(r, 400, "ongeldige_naam", "de naam van een organisatie heeft 2 tot 100 tekens");
		return;
	}
	static const char *const KINDS[] = {"school", "leerplicht", "swv", "gemeente", "zorg", "beheer"}; /* organisatie.soort */
	bool kind = false;
	for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++)
		kind |= strcmp(KINDS[i], soort) == 0;
	if (!kind) {
		reply_error(r, 400, "ongeldige_soort", "kies een soort organisatie: school, leerplicht, swv, gemeente, zorg of beheer");
		return;
	}
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	organisation *list = NULL;
	size_t n = 0;
	int64_t id = 0;
	int rc = store_organisations_list(st, &list, &n, &err);
	bool taken = false;
	for (size_t i = 0; !rc && i < n; i++)
		taken |= strcmp(list[i].naam, naam) == 0;
	organisations_free(list, n);
	if (!rc && !taken)
		rc = store_organisation_ensure(st, naam, soort, NULL, &id, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (rc)
		reply_error(r, 500, "interne_fout", "de organisatie kon niet worden vastgelegd");
	else if (taken)
		reply_error(r, 409, "bestaat_al", "er is al een organisatie met de naam '%.100s'", naam);
	else if (audit(r, "organisatie_aanmaken", NULL, json_pack("{s:I, s:s, s:s}", "organisatie_id", (json_int_t)id, "naam",
								 naam, "soort", soort)))
		reply_json(r, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "naam", naam, "soort", soort));
}
