/*
 * api_settings.c - the user's own settings (see api_settings.h): GET and PUT
 * /api/instellingen/herinnering. Every role has them; a user reads and sets
 * only their own. A change is audited (instelling) in its own transaction,
 * without the address.
 */
#include <string.h>

#include "../core/digest.h"
#include "api.h"
#include "api_settings.h"

static json_t *setting_json(const reminder_setting *s)
{
	return json_pack("{s:b, s:s}", "aan", s->aan, "email", s->email);
}

static void h_reminder_get(req *r)
{
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	reminder_setting s;
	int rc = store_reminder_get(st, r->who->id, &s, &err);
	pool_put(&r->srv->pool, st);
	if (rc < 0)
		reply_error(r, 500, "interne_fout", "de instelling is niet leesbaar");
	else
		reply_json(r, 200, setting_json(&s));
	sb_free(&err);
}

static json_t *changed_details(void *ctx)
{
	const reminder_setting *s = ctx;
	return json_pack("{s:s, s:b}", "instelling", "herinnering", "aan", s->aan);
}

static void h_reminder_put(req *r)
{
	json_t *aan = json_object_get(r->json, "aan");
	const char *email = json_string_value(json_object_get(r->json, "email"));
	reminder_setting s = {.gebruiker_id = r->who->id, .aan = json_is_true(aan)};
	if (email && *email && !digest_address_ok(email)) {
		reply_error(r, 400, "ongeldig_email", "het e-mailadres is geen geldig adres (naam@domein.nl)");
		return;
	}
	if (s.aan && (!email || !*email)) {
		reply_error(r, 400, "email_ontbreekt", "geef een e-mailadres om het dagelijkse overzicht te ontvangen");
		return;
	}
	snprintf(s.email, sizeof s.email, "%s", email ? email : "");
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	audited_change ac;
	audit_change_arm(r, st, &ac, "instelling", NULL, changed_details, &s);
	int rc = store_reminder_set(st, &s, &err);
	bool done = audit_change_done(r, st, &ac, rc);
	pool_put(&r->srv->pool, st);
	if (rc)
		reply_error(r, 500, "interne_fout", "de instelling kon niet worden opgeslagen");
	else if (done)
		reply_json(r, 200, setting_json(&s));
	sb_free(&err);
}

const route SETTINGS_ROUTES[] = {
	{"GET", "/api/instellingen/herinnering", h_reminder_get, ALL_ROLES, false, false, BODY_NONE, 0,
	 "Of de gebruiker het dagelijkse overzicht per e-mail ontvangt, en op welk adres", "Instellingen", {{0}}, {{0}},
	 "200,401", false},
	{"PUT", "/api/instellingen/herinnering", h_reminder_put, ALL_ROLES, false, true, BODY_JSON, 4096,
	 "Het dagelijkse overzicht per e-mail aan- of uitzetten (alleen aantallen en links, geen persoonsgegevens)",
	 "Instellingen", {{0}},
	 {{"aan", JSON_TRUE, true, "of het overzicht elke dag komt"},
	  {"email", JSON_STRING, false, "het e-mailadres (verplicht als aan waar is)"}},
	 "200,400,401,403", false},
};
const size_t N_SETTINGS_ROUTES = sizeof SETTINGS_ROUTES / sizeof SETTINGS_ROUTES[0];
