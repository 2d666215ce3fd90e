/*
 * api_stays.c - stays in residential care (SPEC 6): a child in an instelling
 * met verblijf or a pleeggezin gets a named regiehouder for its schooling
 * before, during and after the stay; stays without one are listed. Where a
 * stay stands, and how long it stays in view, is src/core/tafel.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/tafel.h"
#include "api.h"

/* ---- stays in residential care ------------------------------------------------------------ */

static json_t *stay_json(const verblijf_row *x, day_t d)
{
	day_t tot = DAY_NONE;
	if (x->tot)
		date_parse(x->tot, strlen(x->tot), &tot);
	day_t van = DAY_NONE;
	date_parse(x->van, strlen(x->van), &van);
	const char *fase = stay_phase(van, tot, d);
	const char *texts[1];
	size_t n_problems = stay_problems(x->regie_gebruiker_id != 0, texts);
	json_t *problems = json_array();
	for (size_t i = 0; i < n_problems; i++)
		japp(problems, json_string(texts[i]));
	return json_pack("{s:I, s:s, s:s, s:o, s:s, s:o, s:s, s:{s:I, s:o, s:I, s:o}, s:s, s:s, s:o}", "id",
			 (json_int_t)x->id, "leerling_id", x->leerling_id, "soort", x->soort, "instelling",
			 str_or_null(x->instelling), "van", x->van, "tot", str_or_null(x->tot), "fase", fase, "regie",
			 "organisatie_id", (json_int_t)x->regie_organisatie_id, "organisatie",
			 str_or_null(x->regie_organisatie), "gebruiker_id", (json_int_t)x->regie_gebruiker_id, "gebruiker",
			 str_or_null(x->regie_gebruiker), "vastgelegd_op", x->vastgelegd_op, "door", x->gebruikersnaam,
			 "problemen", problems);
}

typedef struct stays {
	viewer *v;
	const char *only; /* one pupil, or NULL */
	bool without_regie;
	json_t *arr;
} stays;

static void stay_row(void *ctx, const verblijf_row *x)
{
	stays *s = ctx;
	day_t d = today(), tot = DAY_NONE;
	if (x->tot)
		date_parse(x->tot, strlen(x->tot), &tot);
	if (!s->only && !stay_in_view(tot, d))
		return; /* long over */
	if (s->without_regie && x->regie_gebruiker_id)
		return;
	classification c;
	if (s->only || viewer_sees_pupil(s->v, x->leerling_id, &c) || (s->v->org && x->regie_organisatie_id == s->v->org))
		japp(s->arr, stay_json(x, d));
}

static void h_stays(req *r)
{
	org_list orgs;
	if (!orgs_load(r, &orgs))
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	viewer v;
	viewer_open(&v, r, s, own_org(&orgs, r->who));
	orgs_free(&orgs);
	const char *z = query(r, "zonder_regie");
	stays ctx = {&v, NULL, z && strcmp(z, "1") == 0, json_array()};
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_verblijven(st, NULL, stay_row, &ctx, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	viewer_close(&v);
	snapshot_release(s);
	if (rc) {
		json_decref(ctx.arr);
		reply_error(r, 500, "interne_fout", "de verblijven zijn niet leesbaar");
		return;
	}
	reply_audited(r, 200, ctx.arr, "lijst", NULL,
		  json_pack("{s:s, s:I}", "lijst", "verblijven", "aantal", (json_int_t)json_array_size(ctx.arr)));
}

/* The pupil of the path, when the caller may see it (else a reply). */
static bool pupil_allowed(req *r, viewer *v)
{
	classification c;
	return viewer_pupil_ok(v, r->params[0], &c);
}

static void h_pupil_stays(req *r)
{
	snapshot *s = snapshot_acquire(&r->srv->snap);
	viewer v;
	viewer_open(&v, r, s, 0);
	if (pupil_allowed(r, &v)) {
		stays ctx = {&v, r->params[0], false, json_array()};
		store *st = pool_get(&r->srv->pool);
		strbuf err = STRBUF_INIT;
		int rc = store_verblijven(st, r->params[0], stay_row, &ctx, &err);
		pool_put(&r->srv->pool, st);
		sb_free(&err);
		if (rc) {
			json_decref(ctx.arr);
			reply_error(r, 500, "interne_fout", "de verblijven zijn niet leesbaar");
		} else if (audit(r, "lezen", r->params[0], json_pack("{s:s}", "onderdeel", "verblijven"))) {
			reply_json(r, 200, ctx.arr);
		} else {
			json_decref(ctx.arr);
		}
	}
	viewer_close(&v);
	snapshot_release(s);
}

/* A stay's audit entry: the new row (set by the store before the commit)
 * and the row it replaces. */
typedef struct stay_audit {
	int64_t id, replaces;
} stay_audit;

static json_t *stay_details(void *ctx)
{
	const stay_audit *sa = ctx;
	return json_pack("{s:s, s:I, s:I}", "onderdeel", "verblijf", "verblijf", (json_int_t)sa->id, "vervangt",
			 (json_int_t)sa->replaces);
}

/* Record a stay (POST) or correct one (PUT .../{verblijf}), with its audit
 * entry in its transaction. */
static void h_save_stay(req *r)
{
	int64_t replaces = r->n_params > 1 ? path_number(r->params[1]) : 0;
	if (r->n_params > 1 && !replaces) {
		reply_error(r, 404, "onbekend", "verblijf '%.20s' is onbekend", r->params[1]);
		return;
	}
	const char *soort = form(r, "soort");
	if (strcmp(soort, "instelling") != 0 && strcmp(soort, "pleeggezin") != 0) {
		reply_error(r, 400, "ongeldige_waarde", "soort is instelling (met verblijf) of pleeggezin");
		return;
	}
	day_t from, until;
	if (!body_day(r, "van", true, &from) || !body_day(r, "tot", false, &until))
		return;
	char van[DATE_TEXT], tot[DATE_TEXT];
	date_format(from, van);
	date_format(until, tot);
	if (until != DAY_NONE && until < from) {
		reply_error(r, 400, "ongeldige_periode", "'tot' ligt voor 'van'");
		return;
	}
	org_list orgs;
	if (!orgs_load(r, &orgs))
		return;
	json_t *oj = json_object_get(r->json, "regie_organisatie_id"), *uj = json_object_get(r->json, "regie_gebruiker_id");
	int64_t org = json_is_integer(oj) ? json_integer_value(oj) : 0, who = json_is_integer(uj) ? json_integer_value(uj) : 0;
	const organisation *o = org ? org_by_id(&orgs, org) : NULL;
	bool bad_org = org && !o;
	orgs_free(&orgs);
	if (bad_org) {
		reply_error(r, 400, "onbekende_organisatie", "organisatie %lld is onbekend", (long long)org);
		return;
	}
	if (who && !regiehouder_ok(r, who, &org))
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	viewer v;
	viewer_open(&v, r, s, 0);
	bool allowed = pupil_allowed(r, &v);
	viewer_close(&v);
	snapshot_release(s);
	if (!allowed)
		return;
	verblijf_row row = {0, r->params[0], soort, form(r, "instelling"), van, tot[0] ? tot : NULL, NULL, r->who->naam,
			    org, who, NULL, NULL};
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	stay_audit sa = {0, replaces};
	audited_change ac;
	audit_change_arm(r, st, &ac, "wijzigen", r->params[0], stay_details, &sa);
	int rc = store_verblijf_save(st, replaces, &row, &sa.id, &err);
	bool done = audit_change_done(r, st, &ac, rc);
	pool_put(&r->srv->pool, st);
	int64_t id = sa.id;
	if (rc == STORE_NOT_FOUND)
		reply_error(r, 404, "onbekend", "verblijf %lld van deze leerling is onbekend", (long long)replaces);
	else if (rc == STORE_CONFLICT)
		reply_error(r, 409, "conflict", "%s", sb_str(&err));
	else if (rc)
		reply_error(r, 500, "interne_fout", "het verblijf kon niet worden vastgelegd");
	else if (done)
		reply_json(r, replaces ? 200 : 201, json_pack("{s:I, s:I}", "id", (json_int_t)id, "vervangt", (json_int_t)replaces));
	sb_free(&err);
}

/* ---- routes ------------------------------------------------------------------------------- */

#define STAY_FIELDS                                                                                            \
	{{"soort", JSON_STRING, true, "instelling (met verblijf) of pleeggezin"},                                \
	 {"instelling", JSON_STRING, false, "naam van instelling of zorgaanbieder"},                              \
	 {"van", JSON_STRING, true, "JJJJ-MM-DD"},                                                               \
	 {"tot", JSON_STRING, false, "JJJJ-MM-DD; leeg zolang het duurt"},                                        \
	 {"regie_organisatie_id", JSON_INTEGER, false, NULL},                                                    \
	 {"regie_gebruiker_id", JSON_INTEGER, false, "de regiehouder voor het onderwijs"}}

const route STAY_ROUTES[] = {
	{"GET", "/api/verblijven", h_stays, CASE_ROLES, false, false, BODY_NONE, 0,
	 "Kinderen in een instelling met verblijf of pleeggezin, met hun regiehouder voor het onderwijs",
	 "Verblijf", {{"zonder_regie", P_CHOICE, false, "1", "alleen die zonder regiehouder"}}, {{0}},
	 "200,400,401,403", false},
	{"GET", "/api/leerlingen/{id}/verblijven", h_pupil_stays, CASE_ROLES, false, false, BODY_NONE, 0,
	 "De verblijven van een leerling", "Verblijf", {{0}}, {{0}}, "200,401,403,404", false},
	{"POST", "/api/leerlingen/{id}/verblijven", h_save_stay, CASE_ROLES, false, true, BODY_JSON, 0,
	 "Een verblijf vastleggen, met de regiehouder voor het onderwijs", "Verblijf", {{0}}, STAY_FIELDS,
	 "201,400,401,403,404", false},
	{"PUT", "/api/leerlingen/{id}/verblijven/{verblijf}", h_save_stay, CASE_ROLES, false, true, BODY_JSON, 0,
	 "Een verblijf corrigeren (de oude versie blijft bewaard)", "Verblijf", {{0}}, STAY_FIELDS,
	 "200,400,401,403,404,409", false},
};

const size_t N_STAY_ROUTES = sizeof STAY_ROUTES / sizeof STAY_ROUTES[0];
