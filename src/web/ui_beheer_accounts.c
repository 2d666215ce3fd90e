/*
 * ui_beheer_accounts.c - /beheer/gebruikers, the beheerder's accounts page:
 * the accounts (filtered by role, organisation and whether active, 50 a
 * page), asking for a new one, changing role, scope or organisation,
 * blocking and unblocking, ending an account's sessions and a password
 * reset; and the requests of the other beheerder that wait for a second
 * pair of eyes, to confirm or refuse (four eyes, issue 11).
 *
 * Every action is the API's (api_accounts.c) in the same request: the rules
 * of four eyes, the audit entry and the one-time code are theirs. A code is
 * shown once, on the page that made it, as the API gives it (bezorging:
 * handmatig); the user chooses a password with it on /activeren.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_beheer.h"

enum { PAGE_SIZE = 50 };

/* What the page shows besides the lists: a code just made, or a refusal
 * (at the create form, or at the form of account `account`). */
typedef struct acc_state {
	json_t *made; /* the API's answer with a code, NULL when none */
	const char *code, *msg;
	int64_t account; /* 0: the create form, -1: the page */
} acc_state;

static const char *const DONE[] = {
	"gewijzigd", "De gebruiker is gewijzigd; diens sessies zijn beëindigd",
	"geblokkeerd", "De gebruiker is geblokkeerd en uitgelogd",
	"aangevraagd", "De wijziging wacht op een tweede beheerder: een verruiming gaat pas in als die haar bevestigt",
	"sessies", "De sessies van de gebruiker zijn beëindigd",
	"afgewezen", "Het verzoek is afgewezen",
	"bevestigd", "Het verzoek is bevestigd",
	NULL};

static void notice(req *r, const acc_state *st)
{
	strbuf *o = &r->out;
	const char *done = query(r, "gedaan");
	for (size_t i = 0; done && DONE[i]; i += 2)
		if (strcmp(DONE[i], done) == 0)
			ui_beheer_alert(o, true, DONE[i + 1]);
	if (st && st->msg && st->account < 0)
		ui_beheer_alert(o, false, st->msg);
	if (!st || !st->made)
		return;
	json_t *m = st->made;
	html_lit(o, "<div class=\"utrecht-alert utrecht-alert--ok ib-alert ib-code\" role=\"status\">"
		    "<p class=\"utrecht-paragraph\">");
	const char *soort = jtext(m, "soort");
	if (soort && strcmp(soort, "herstel") == 0)
		html_lit(o, "Wachtwoordherstel voor ");
	else if (jtext(m, "uitkomst"))
		html_lit(o, "Bevestigd: ");
	else
		html_lit(o, "Aangevraagd: ");
	html_text(o, jtext(m, "gebruiker"));
	html_lit(o, ".</p><p class=\"utrecht-paragraph\">Eenmalige code: <strong class=\"ib-code__value\">");
	html_text(o, jtext(m, "code"));
	html_lit(o, "</strong> <span class=\"ib-small ib-muted\">(bezorging: ");
	html_text(o, jtext(m, "bezorging"));
	html_lit(o, ")</span></p><p class=\"utrecht-paragraph\">");
	html_text(o, jtext(m, "code_uitleg"));
	html_lit(o, " In de browser kiest de gebruiker het wachtwoord op <a class=\"utrecht-link\" href=\"/activeren?gebruiker=");
	html_url_arg(o, jtext(m, "gebruiker"));
	html_lit(o, "\">/activeren</a>. Deze code ziet u maar één keer.</p></div>");
}

/* A form of one button posting to prefix + id (+ "/" + seg), with a hidden
 * actie when given; who (for screen readers) completes the label. */
static void button_form(req *r, const char *prefix, long long id, const char *seg, const char *actie,
			const char *label, const char *who)
{
	strbuf *o = &r->out;
	html_lit(o, "<form class=\"ib-inline\" method=\"post\" action=\"");
	html_attr(o, prefix);
	html_markupf(o, "%lld", id);
	if (seg) {
		html_lit(o, "/");
		html_attr(o, seg);
	}
	html_lit(o, "\">");
	ui_csrf_field(r);
	if (actie) {
		html_lit(o, "<input type=\"hidden\" name=\"actie\" value=\"");
		html_attr(o, actie);
		html_lit(o, "\">");
	}
	html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">");
	html_text(o, label);
	html_lit(o, "<span class=\"ib-visually-hidden\"> ");
	html_text(o, who);
	html_lit(o, "</span></button></form>");
}

/* The requests that wait for a second beheerder. */
static void requests(req *r, json_t *list)
{
	strbuf *o = &r->out;
	size_t i, shown = 0;
	json_t *q;
	html_lit(o, "<h2 class=\"utrecht-heading-2\">Verzoeken voor een tweede beheerder</h2>");
	json_array_foreach(list, i, q) {
		const char *status = jtext(q, "status");
		if (!status || strcmp(status, "wacht_op_bevestiging") != 0)
			continue;
		if (!shown++)
			html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
				    "utrecht-table--html-table ib-requests\"><caption class=\"utrecht-table__caption\">Wachten op "
				    "bevestiging</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
				    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Verzoek</th>"
				    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Gebruiker</th>"
				    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Rol en scope</th>"
				    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Aangevraagd door</th>"
				    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Beslissen</th></tr></thead>"
				    "<tbody class=\"utrecht-table__body\">");
		const char *soort = jtext(q, "soort");
		long long id = (long long)json_integer_value(json_object_get(q, "id"));
		html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">");
		html_text(o, !soort ? "" : !strcmp(soort, "nieuw") ? "nieuw account" : !strcmp(soort, "herstel")
			? "wachtwoordherstel" : "verruiming");
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		html_text(o, jtext(q, "gebruiker"));
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		if (jtext(q, "rol")) {
			html_text(o, jtext(q, "rol"));
			html_lit(o, " · ");
			html_text(o, jtext(q, "scope"));
		}
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		html_text(o, jtext(q, "aangevraagd_door"));
		html_lit(o, " <span class=\"ib-small ib-muted\">");
		html_text(o, jtext(q, "aangevraagd_op"));
		html_lit(o, "</span></td><td class=\"utrecht-table__cell\">");
		if (strcmp(jtext(q, "aangevraagd_door"), r->who->naam) == 0) {
			html_lit(o, "<span class=\"ib-muted\">uw eigen verzoek: een andere beheerder beslist</span>");
		} else {
			static const char *const STEPS[] = {"bevestiging", "Bevestigen", "afwijzing", "Afwijzen"};
			for (int k = 0; k < 4; k += 2)
				button_form(r, "/beheer/verzoeken/", id, STEPS[k], NULL, STEPS[k + 1], jtext(q, "gebruiker"));
		}
		html_lit(o, "</td></tr>");
	}
	if (shown)
		html_lit(o, "</tbody></table></div>");
	else
		html_lit(o, "<p class=\"utrecht-paragraph ib-muted\">Geen verzoeken die op u wachten.</p>");
}

static const char *error_at(const acc_state *st, int64_t who, const char *name)
{
	if (!st || !st->msg || st->account != who || !st->code)
		return NULL;
	const char *c = st->code;
	bool at = !strcmp(name, "naam")	   ? !strcmp(c, "ongeldige_naam") || !strcmp(c, "bestaat_al")
		  : !strcmp(name, "rol")   ? !strcmp(c, "ongeldige_rol")
		  : !strcmp(name, "scope") ? !strcmp(c, "ongeldige_scope")
					   : false;
	return at ? st->msg : NULL;
}

static bool is_field_code(const char *c)
{
	return c && (!strcmp(c, "ongeldige_naam") || !strcmp(c, "bestaat_al") || !strcmp(c, "ongeldige_rol") ||
		     !strcmp(c, "ongeldige_scope"));
}

static void create_form(req *r, const acc_state *st)
{
	strbuf *o = &r->out;
	bool refused = st && st->msg && st->account == 0;
	ui_form_open(r, "Een gebruiker aanvragen", "/beheer/gebruikers", refused);
	if (refused && !is_field_code(st->code))
		ui_beheer_alert(o, false, st->msg);
	html_lit(o, "<p class=\"utrecht-paragraph ib-small\">Het account komt er zonder wachtwoord: de gebruiker kiest dat "
		    "zelf met een eenmalige code. Een account met toegang tot persoonsgegevens (school, leerplicht, "
		    "samenwerkingsverband) wordt pas actief als een tweede beheerder het bevestigt.</p>");
	ui_beheer_field(o, "nieuw-naam", "naam", "Gebruikersnaam", "text", refused ? form(r, "naam") : NULL,
			error_at(st, 0, "naam"), true, "2 tot 64 tekens, zonder spaties", "off");
	ui_beheer_select(o, "nieuw-rol", "rol", "Rol", UI_ROLE_CHOICES, refused ? form(r, "rol") : NULL,
			 error_at(st, 0, "rol"));
	ui_beheer_field(o, "nieuw-scope", "scope", "Scope", "text", refused ? form(r, "scope") : NULL,
			error_at(st, 0, "scope"), true,
			"codes met komma's: BRIN:vestiging (school), gemeentecode (leerplicht, analist), SWV-code, of * (beheer)",
			"off");
	ui_beheer_field(o, "nieuw-organisatie", "organisatie", "Organisatie", "text",
			refused ? form(r, "organisatie") : NULL, NULL, false, "leeg: een naam bij de rol en scope", "off");
	ui_form_close(r, "Aanvragen");
}

/* The forms of one account: change, block or unblock, sessions, reset. */
static void account_actions(req *r, json_t *a, const acc_state *st)
{
	strbuf *o = &r->out;
	long long id = (long long)json_integer_value(json_object_get(a, "id"));
	bool refused = st && st->msg && st->account == id;
	char action[96], fid[64];
	snprintf(action, sizeof action, "/beheer/gebruikers/%lld", id);
	ui_form_open(r, "Wijzigen", action, refused);
	if (refused && !is_field_code(st->code))
		ui_beheer_alert(o, false, st->msg);
	html_lit(o, "<input type=\"hidden\" name=\"actie\" value=\"wijzigen\">");
	snprintf(fid, sizeof fid, "g%lld-rol", id);
	ui_beheer_select(o, fid, "rol", "Rol", UI_ROLE_CHOICES, refused && form(r, "rol") ? form(r, "rol") : jtext(a, "rol"),
			 error_at(st, id, "rol"));
	snprintf(fid, sizeof fid, "g%lld-scope", id);
	ui_beheer_field(o, fid, "scope", "Scope", "text", refused && form(r, "scope") ? form(r, "scope") : jtext(a, "scope"),
			error_at(st, id, "scope"), true, NULL, "off");
	snprintf(fid, sizeof fid, "g%lld-organisatie", id);
	ui_beheer_field(o, fid, "organisatie", "Organisatie", "text",
			refused && form(r, "organisatie") ? form(r, "organisatie") : jtext(a, "organisatie"), NULL, false,
			NULL, "off");
	ui_form_close(r, "Opslaan");
	bool active = json_is_true(json_object_get(a, "actief"));
	button_form(r, "/beheer/gebruikers/", id, NULL, active ? "blokkeren" : "activeren",
		    active ? "Blokkeren" : "Weer activeren", jtext(a, "naam"));
	static const char *const MORE[] = {"sessies", "Sessies beëindigen", "herstel", "Wachtwoordherstel"};
	for (int k = 0; k < 4; k += 2)
		button_form(r, "/beheer/gebruikers/", id, MORE[k], NULL, MORE[k + 1], jtext(a, "naam"));
}

static bool shown(req *r, json_t *a)
{
	const char *rol = query(r, "rol"), *org = query(r, "organisatie"), *actief = query(r, "actief");
	const char *has_rol = jtext(a, "rol"), *has_org = jtext(a, "organisatie");
	if (rol && strcmp(rol, has_rol ? has_rol : "") != 0)
		return false;
	if (org && strcmp(org, has_org ? has_org : "") != 0)
		return false;
	if (actief && json_is_true(json_object_get(a, "actief")) != (strcmp(actief, "ja") == 0))
		return false;
	return true;
}

static void filters(req *r, json_t *orgs)
{
	strbuf *o = &r->out;
	html_lit(o, "<form class=\"ib-filters\" method=\"get\" action=\"/beheer/gebruikers\" aria-label=\"Gebruikers filteren\" data-drop-empty>");
	const char *rol = query(r, "rol"), *org = query(r, "organisatie"), *actief = query(r, "actief");
	html_lit(o, "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" for=\"filter-rol\">Rol</label>"
		    "<select class=\"utrecht-select utrecht-select--html-select\" id=\"filter-rol\" name=\"rol\">"
		    "<option value=\"\">alle rollen</option>");
	for (size_t i = 0; UI_ROLE_CHOICES[i]; i += 2) {
		html_lit(o, "<option value=\"");
		html_attr(o, UI_ROLE_CHOICES[i]);
		html_lit(o, "\"");
		if (rol && !strcmp(rol, UI_ROLE_CHOICES[i]))
			html_lit(o, " selected");
		html_lit(o, ">");
		html_text(o, UI_ROLE_CHOICES[i + 1]);
		html_lit(o, "</option>");
	}
	html_lit(o, "</select></div><div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" "
		    "for=\"filter-organisatie\">Organisatie</label><select class=\"utrecht-select utrecht-select--html-select\" "
		    "id=\"filter-organisatie\" name=\"organisatie\"><option value=\"\">alle organisaties</option>");
	size_t i;
	json_t *g;
	json_array_foreach(orgs, i, g) {
		html_lit(o, "<option value=\"");
		html_attr(o, jtext(g, "naam"));
		html_lit(o, "\"");
		if (org && !strcmp(org, jtext(g, "naam")))
			html_lit(o, " selected");
		html_lit(o, ">");
		html_text(o, jtext(g, "naam"));
		html_lit(o, "</option>");
	}
	static const char *const ACT[] = {"", "actief en geblokkeerd", "ja", "alleen actief", "nee", "alleen geblokkeerd"};
	html_lit(o, "</select></div><div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" for=\"filter-actief\">"
		    "Status</label><select class=\"utrecht-select utrecht-select--html-select\" id=\"filter-actief\" name=\"actief\">");
	for (int k = 0; k < 6; k += 2) {
		html_lit(o, "<option value=\"");
		html_attr(o, ACT[k]);
		html_lit(o, "\"");
		if ((actief ? actief : "")[0] == ACT[k][0])
			html_lit(o, " selected");
		html_lit(o, ">");
		html_text(o, ACT[k + 1]);
		html_lit(o, "</option>");
	}
	html_lit(o, "</select></div><button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">"
		    "Filteren</button></form>");
}

static void page_link(strbuf *o, req *r, long page, const char *label)
{
	html_lit(o, "<a class=\"utrecht-link\" href=\"/beheer/gebruikers?");
	static const char *const KEYS[] = {"rol", "organisatie", "actief"};
	for (int k = 0; k < 3; k++)
		if (query(r, KEYS[k])) {
			html_url_arg(o, KEYS[k]);
			html_lit(o, "=");
			html_url_arg(o, query(r, KEYS[k]));
			html_lit(o, "&amp;");
		}
	html_markupf(o, "pagina=%ld\">", page);
	html_text(o, label);
	html_lit(o, "</a>");
}

static void accounts_table(req *r, json_t *users, const acc_state *st)
{
	strbuf *o = &r->out;
	long page = query(r, "pagina") ? atol(query(r, "pagina")) : 1;
	if (page < 1)
		page = 1;
	size_t total = 0, i;
	json_t *a;
	json_array_foreach(users, i, a) total += shown(r, a);
	html_lit(o, "<h2 class=\"utrecht-heading-2\">Gebruikers</h2>");
	html_markupf(o, "<p class=\"utrecht-paragraph ib-count\">%zu gebruikers</p>", total);
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table ib-accounts\"><caption class=\"utrecht-table__caption\">Accounts</caption>"
		    "<thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Gebruikersnaam</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Rol</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Scope</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Organisatie</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Status</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Beheren</th></tr></thead>"
		    "<tbody class=\"utrecht-table__body\">");
	size_t k = 0, from = (size_t)(page - 1) * PAGE_SIZE;
	json_array_foreach(users, i, a) {
		if (!shown(r, a) || k++ < from || k > from + PAGE_SIZE)
			continue;
		html_markupf(o, "<tr class=\"utrecht-table__row\" id=\"gebruiker-%lld\"><th scope=\"row\" "
				"class=\"utrecht-table__cell\">",
			     (long long)json_integer_value(json_object_get(a, "id")));
		html_text(o, jtext(a, "naam"));
		html_lit(o, "</th><td class=\"utrecht-table__cell\">");
		role rl = role_from_name(jtext(a, "rol"));
		html_text(o, rl == ROLE_COUNT ? jtext(a, "rol") : ui_role_label(rl));
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		html_text(o, jtext(a, "scope"));
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		html_text(o, jtext(a, "organisatie"));
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		if (!json_is_true(json_object_get(a, "actief")))
			html_lit(o, "<span class=\"ib-flag ib-flag--warn\">geblokkeerd of nog niet bevestigd</span>");
		else if (!json_is_true(json_object_get(a, "wachtwoord_ingesteld")))
			html_lit(o, "actief, wachtwoord nog niet gekozen");
		else
			html_lit(o, "actief");
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		account_actions(r, a, st);
		html_lit(o, "</td></tr>");
	}
	if (!total)
		html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\" colspan=\"6\">Geen gebruikers "
			    "die hieraan voldoen.</td></tr>");
	html_lit(o, "</tbody></table></div>");
	size_t pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
	if (pages > 1) {
		html_lit(o, "<nav class=\"ib-pages\" aria-label=\"Pagina's\"><p class=\"utrecht-paragraph\">");
		if (page > 1)
			page_link(o, r, page - 1, "Vorige pagina");
		html_markupf(o, " Pagina %ld van %zu ", page, pages);
		if ((size_t)page < pages)
			page_link(o, r, page + 1, "Volgende pagina");
		html_lit(o, "</p></nav>");
	}
}

static void accounts_page(req *r, int status, const acc_state *st)
{
	json_t *users = ui_api_get(r, "/api/gebruikers");
	json_t *orgs = users ? ui_api_get(r, "/api/organisaties") : NULL;
	json_t *reqs = orgs ? ui_api_get(r, "/api/gebruikersverzoeken") : NULL;
	if (reqs) {
		ui_begin_page(r, "Gebruikers", NAV_BEHEER);
		ui_beheer_subnav(r, "/beheer/gebruikers");
		strbuf *o = &r->out;
		html_lit(o, "<p class=\"utrecht-paragraph\">De accounts van inbeeld. Een beheerder ziet of kiest nooit een "
			    "wachtwoord: de gebruiker kiest het zelf met een eenmalige code. Wat toegang tot "
			    "persoonsgegevens geeft of een account verruimt, bevestigt een tweede beheerder.</p>");
		notice(r, st);
		requests(r, reqs);
		create_form(r, st);
		filters(r, orgs);
		accounts_table(r, users, st);
		ui_end(r, status);
	}
	json_decref(users);
	json_decref(orgs);
	json_decref(reqs);
}

void ui_accounts(req *r)
{
	accounts_page(r, 200, NULL);
}

/* After ui_api of an account operation: 303 with done on status ok (202:
 * "aangevraagd"); a code answer (201, or a confirmation) shown on the page;
 * else the page again with the reason at the form of account. */
static void outcome(req *r, int status, const char *done, int64_t who)
{
	if (status == 202) {
		json_decref(ui_api_json(r));
		ui_done(r, "/beheer/gebruikers", "aangevraagd");
		return;
	}
	if (status == 200 || status == 201) {
		json_t *j = ui_api_json(r);
		if (j && jtext(j, "code")) {
			acc_state st = {.made = j};
			accounts_page(r, status == 201 ? 201 : 200, &st);
		} else {
			ui_done(r, "/beheer/gebruikers", done);
		}
		json_decref(j);
		return;
	}
	char code[64], msg[400];
	ui_beheer_refusal(r, code, sizeof code, msg, sizeof msg);
	acc_state st = {.code = code, .msg = msg, .account = who};
	accounts_page(r, status, &st);
}

static const char *const CREATE_NAMES[] = {"naam", "rol", "scope", "organisatie", NULL};
static const json_type CREATE_TYPES[] = {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING};

void ui_account_create(req *r)
{
	json_t *body = json_object();
	ui_copy_fields(r, body, CREATE_NAMES, CREATE_TYPES);
	outcome(r, ui_api(r, "POST", "/api/gebruikers", body), "aangevraagd", 0);
}

static bool account_path(req *r, const char *suffix, char *path, size_t size, int64_t *id)
{
	*id = path_number(r->params[0]);
	if (!*id) {
		reply_error(r, 404, "onbekend", "deze gebruiker is onbekend");
		return false;
	}
	snprintf(path, size, "/api/gebruikers/%lld%s", (long long)*id, suffix);
	return true;
}

void ui_account_change(req *r)
{
	char path[96];
	int64_t id;
	if (!account_path(r, "", path, sizeof path, &id))
		return;
	const char *actie = ui_field(r, "actie");
	json_t *body = json_object();
	const char *done = "gewijzigd";
	if (actie && strcmp(actie, "blokkeren") == 0) {
		jset(body, "actief", json_false());
		done = "geblokkeerd";
	} else if (actie && strcmp(actie, "activeren") == 0) {
		jset(body, "actief", json_true());
	} else {
		static const char *const NAMES[] = {"rol", "scope", "organisatie", NULL};
		ui_copy_fields(r, body, NAMES, CREATE_TYPES);
	}
	outcome(r, ui_api(r, "PUT", path, body), done, id);
}

void ui_account_revoke(req *r)
{
	char path[96];
	int64_t id;
	if (account_path(r, "/sessies-intrekken", path, sizeof path, &id))
		outcome(r, ui_api(r, "POST", path, NULL), "sessies", id);
}

void ui_account_reset(req *r)
{
	char path[96];
	int64_t id;
	if (account_path(r, "/herstel", path, sizeof path, &id))
		outcome(r, ui_api(r, "POST", path, NULL), "herstel", id);
}

void ui_request_decide(req *r)
{
	int64_t id = path_number(r->params[0]);
	bool confirm = strstr(r->rt->path, "bevestiging") != NULL;
	if (!id) {
		reply_error(r, 404, "onbekend", "dit verzoek is onbekend");
		return;
	}
	char path[96];
	snprintf(path, sizeof path, "/api/gebruikersverzoeken/%lld/%s", (long long)id, confirm ? "bevestiging" : "afwijzing");
	outcome(r, ui_api(r, "POST", path, NULL), confirm ? "bevestigd" : "afgewezen", -1);
}
