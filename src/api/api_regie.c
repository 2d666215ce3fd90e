/*
 * api_regie.c - regie over HTTP (SPEC 6): the organisations using inbeeld,
 * which of them may lead a pupil's case, taking regie, and handing it over.
 *
 * Regie goes only to an organisation concerned with the pupil (its schools,
 * its SWV, leerplicht of its residence, or a care organisation registered as
 * such: access_concerned). An organisation takes regie itself at once; giving
 * it to another organisation is a request (overdracht) that the receiving
 * organisation accepts or declines with a reason, and until it accepts regie
 * stays with the sender, so no child is left between two desks. The
 * receiving organisation sees the dossier and its waiting hand-overs
 * (GET /api/overdrachten). Every step is an event of the dossier, checked by
 * its state machine and audited (dossier_append).
 */
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "api_cases.h"
#include "../http/http.h"

/* ---- organisations ---------------------------------------------------------------- */

bool orgs_load(req *r, org_list *l)
{
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	int rc = store_organisations_list(st, &l->o, &l->n, &err);
	pool_put(r->srv, st);
	sb_free(&err);
	if (rc) {
		reply_error(r, 500, "interne_fout", "de organisaties zijn niet leesbaar");
		return false;
	}
	return true;
}

void orgs_free(org_list *l)
{
	organisations_free(l->o, l->n);
	*l = (org_list){0};
}

const organisation *org_by_id(const org_list *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->o[i].id == id)
			return &l->o[i];
	return NULL;
}

int64_t own_org(const org_list *l, const user *u)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->o[i].naam, u->organisatie) == 0)
			return l->o[i].id;
	return 0;
}

/* The first organisation of a kind whose scope holds code, 0 when none. */
static int64_t org_for(const org_list *l, org_kind kind, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (org_kind_from_name(l->o[i].soort) == kind && list_has(l->o[i].scope, code))
			return l->o[i].id;
	return 0;
}

/* Who leads a new dossier (regie_default): the first candidate that uses
 * inbeeld. 0 when none does: the dossier is then listed as one without regie. */
int64_t default_regie(const dataset *ds, const classification *c, const org_list *l)
{
	regie_candidate cand[3];
	size_t n = regie_default(ds, c, cand);
	int64_t org = 0;
	for (size_t i = 0; i < n && !org; i++)
		org = org_for(l, cand[i].kind, cand[i].code);
	return org;
}

/* Whether person is an active user of organisation org (any organisation
 * when org is 0); *of gets their organisation. */
static bool active_member(req *r, int64_t person, int64_t org, int64_t *of)
{
	account a = {0};
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	int found = person > 0 ? store_account_get(st, NULL, person, &a, &err) : 0;
	pool_put(r->srv, st);
	bool ok = found == 1 && a.actief && (!org || a.organisatie_id == org);
	if (of)
		*of = ok ? a.organisatie_id : 0;
	account_free(&a);
	sb_free(&err);
	return ok;
}

bool regiehouder_ok(req *r, int64_t person, int64_t *org)
{
	int64_t of = 0;
	bool ok = active_member(r, person, *org, &of);
	if (ok && !*org)
		*org = of;
	if (!ok)
		reply_error(r, 400, "onbekende_regiehouder", "gebruiker %lld is geen actieve medewerker%s", (long long)person,
			    *org ? " van die organisatie" : "");
	return ok;
}

bool org_concerned(const dataset *ds, const organisation *o, uint32_t p, const classification *c)
{
	org_kind k = org_kind_from_name(o->soort);
	role rl = org_kind_role(k);
	scope sc;
	strbuf err = STRBUF_INIT;
	bool has_scope = rl != ROLE_COUNT && o->scope && scope_parse(rl, o->scope, &sc, &err) == 0;
	sb_free(&err);
	scope_set set = {0};
	if (has_scope)
		scope_resolve(&sc, ds, &set);
	bool yes = org_kind_leads_cases(k) && access_concerned(ds, k, has_scope ? &set : NULL, p, c);
	if (has_scope) {
		scope_set_free(&set);
		scope_free(&sc);
	}
	return yes;
}

bool leads_case_of(req *r, const snapshot *s, const char *leerling)
{
	organisation *list = NULL;
	size_t n = 0;
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	int rc = store_organisations_list(st, &list, &n, &err);
	pool_put(r->srv, st);
	sb_free(&err);
	org_list orgs = {list, n};
	int64_t mine = rc == 0 ? own_org(&orgs, r->who) : 0;
	orgs_free(&orgs);
	dossier_set *set = mine ? dossiers_acquire(r->srv, s, NULL) : NULL;
	const dossier_state *d = set ? dossiers_of(set, leerling) : NULL;
	bool yes = d && case_led_by(&d->st, mine);
	dossiers_release(set);
	return yes;
}

bool account_may_stop(req *r, int64_t account_id, const char *naam)
{
	snapshot *s = snapshot_acquire(r->srv);
	dossier_set *set = dossiers_acquire(r->srv, s, r);
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

/* ---- taking and handing over ---------------------------------------------------------- */

/* The dossier, its state today and the pupil's classification, for a regie
 * request: false (and a reply) when unknown, unreadable or out of sight. */
typedef struct regie_ctx {
	dossier_read d;
	org_list orgs;
	snapshot *s;
	case_state st;
	int32_t pupil; /* NO_REF when the registry no longer knows the pupil */
	classification c;
} regie_ctx;

static void regie_close(regie_ctx *x)
{
	if (x->s)
		snapshot_release(x->s);
	orgs_free(&x->orgs);
	dossier_read_free(&x->d);
}

static bool regie_open(req *r, int64_t id, regie_ctx *x)
{
	*x = (regie_ctx){.pupil = NO_REF};
	if (!dossier_load(r, id, &x->d))
		return false;
	if (!orgs_load(r, &x->orgs)) {
		dossier_read_free(&x->d);
		return false;
	}
	x->s = snapshot_acquire(r->srv);
	dossier_state_now(&x->d, x->s, &x->st);
	if (!dossier_visible(r, x->s, &x->orgs, x->d.leerling, &x->st)) {
		reply_error(r, 403, "buiten_scope", "dit dossier valt buiten uw scope");
		regie_close(x);
		return false;
	}
	x->pupil = dataset_pupil(x->s->ds, x->d.leerling, strlen(x->d.leerling));
	if (x->pupil != NO_REF)
		classify(x->s->ds, (uint32_t)x->pupil, today(), &x->c);
	return true;
}

void h_regie(req *r)
{
	case_event ev = {.kind = EV_REGIE, .plaats_per = DAY_NONE, .startdatum = DAY_NONE, .type = -1};
	if (!body_day(r, "datum", false, &ev.datum))
		return;
	if (ev.datum == DAY_NONE)
		ev.datum = today();
	int64_t id = path_number(r->params[0]);
	regie_ctx x;
	if (!regie_open(r, id, &x))
		return;
	/* Without an organisation: the caller's own, with the caller as holder. */
	int64_t mine = own_org(&x.orgs, r->who);
	json_t *org_j = json_object_get(r->json, "organisatie_id"), *user_j = json_object_get(r->json, "gebruiker_id");
	ev.org = json_is_integer(org_j) ? json_integer_value(org_j) : mine;
	ev.user = json_is_integer(user_j) ? json_integer_value(user_j) : (json_is_integer(org_j) ? 0 : r->who->id);
	const organisation *o = org_by_id(&x.orgs, ev.org);
	if (!o) {
		reply_error(r, 400, "onbekende_organisatie", "organisatie %lld is onbekend", (long long)ev.org);
	} else if (!org_kind_leads_cases(org_kind_from_name(o->soort))) {
		reply_error(r, 400, "onbekende_organisatie",
			    "regie ligt bij een school, leerplicht, een samenwerkingsverband of een zorgorganisatie");
	} else if (x.pupil == NO_REF || !org_concerned(x.s->ds, o, (uint32_t)x.pupil, &x.c)) {
		reply_error(r, 400, "niet_betrokken",
			    "%s is niet betrokken bij deze leerling: de regie gaat naar een school van de leerling, het "
			    "samenwerkingsverband, leerplicht van de woongemeente of een zorgorganisatie",
			    o->naam);
	} else if (!ev.user || regiehouder_ok(r, ev.user, &ev.org)) {
		ev.kind = case_regie_kind(mine, ev.org);
		json_t *g = data_of(r);
		json_object_set_new(g, "organisatie_id", json_integer(ev.org));
		json_object_set_new(g, "organisatie", json_string(o->naam));
		json_object_set_new(g, "gebruiker_id", json_integer(ev.user));
		regie_close(&x);
		dossier_append(r, id, ev, g, NULL);
		return;
	}
	regie_close(&x);
}

void h_handover_answer(req *r)
{
	bool accept = strstr(r->rt->path, "/aanvaarden") != NULL;
	int64_t id = path_number(r->params[0]);
	regie_ctx x;
	if (!regie_open(r, id, &x))
		return;
	/* The answer is to the hand-over open now; the state machine refuses it
	 * when there is none, or when a newer one replaced it meanwhile. */
	case_event ev = {.kind = accept ? EV_AANVAARDING : EV_AFWIJZING, .datum = today(), .plaats_per = DAY_NONE,
			 .startdatum = DAY_NONE, .type = -1, .ref = x.st.pending.id, .org = x.st.pending.org};
	if (accept)
		ev.user = case_handover_holder(&x.st.pending,
					       x.st.pending.user && active_member(r, x.st.pending.user, x.st.pending.org, NULL),
					       r->who->id);
	const organisation *o = org_by_id(&x.orgs, ev.org);
	json_t *g = data_of(r);
	json_object_set_new(g, "overdracht_id", json_integer(ev.ref));
	json_object_set_new(g, "organisatie_id", json_integer(ev.org));
	json_object_set_new(g, "organisatie", o ? json_string(o->naam) : json_null());
	if (accept)
		json_object_set_new(g, "gebruiker_id", json_integer(ev.user));
	regie_close(&x);
	dossier_append(r, id, ev, g, NULL);
}

/* The request event of a hand-over: who asked, from where, and why. */
typedef struct request_find {
	int64_t id;
	json_t *found;
} request_find;

static void find_request(void *ctx, const stream_event *e)
{
	request_find *f = ctx;
	if (e->id != f->id)
		return;
	json_t *g = json_loads(e->gegevens ? e->gegevens : "{}", 0, NULL);
	f->found = json_pack("{s:s, s:s*, s:O*}", "gevraagd_door", e->gebruikersnaam, "van_organisatie", e->organisatie,
			     "reden", g ? json_object_get(g, "reden") : NULL);
	json_decref(g);
}

void h_handovers(req *r)
{
	dossier_view dv;
	if (!dossier_view_open(r, &dv))
		return;
	int64_t mine = dv.mine;
	const dossier_set *set = dv.set;
	json_t *arr = json_array();
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	for (size_t i = 0; mine && i < set->n; i++) {
		const dossier_state *d = &set->items[i];
		if (!d->st.open || !d->st.pending.id || d->st.pending.org != mine)
			continue;
		request_find f = {d->st.pending.id, NULL};
		store_stream_events(st, "dossier", d->id, find_request, &f, &err);
		int32_t p = dataset_pupil(dv.s->ds, d->leerling, strlen(d->leerling));
		const pupil *pu = p != NO_REF ? &dv.s->ds->pupils[p] : NULL;
		const organisation *from = org_by_id(&dv.orgs, d->st.regie_org);
		char since[DATE_TEXT];
		date_format(d->st.pending.since, since);
		json_t *j = json_pack("{s:I, s:I, s:s, s:{s:s*, s:s*}, s:s, s:I, s:s*, s:I}", "id",
				      (json_int_t)d->st.pending.id, "dossier", (json_int_t)d->id, "leerling_id", d->leerling,
				      "leerling", "voornaam", pu ? pu->voornaam : NULL, "achternaam", pu ? pu->achternaam : NULL,
				      "gevraagd_op", since, "regie_organisatie_id", (json_int_t)d->st.regie_org,
				      "regie_organisatie", from ? from->naam : NULL, "gebruiker_id", (json_int_t)d->st.pending.user);
		if (f.found)
			json_object_update(j, f.found);
		json_decref(f.found);
		json_array_append_new(arr, j);
	}
	pool_put(r->srv, st);
	sb_free(&err);
	dossier_view_close(&dv);
	reply_audited(r, 200, arr, "lijst", NULL,
		      json_pack("{s:s, s:I}", "lijst", "overdrachten", "aantal", (json_int_t)json_array_size(arr)));
}

/* ---- who can be asked -------------------------------------------------------------- */

static void member_json(void *ctx, int64_t id, const char *naam)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s}", "id", (json_int_t)id, "naam", naam));
}

void h_regie_orgs(req *r)
{
	/* For one dossier: only the organisations concerned with its pupil. */
	bool one = strstr(r->rt->path, "{id}") != NULL;
	int64_t id = one ? path_number(r->params[0]) : 0;
	regie_ctx x = {.pupil = NO_REF};
	if (one && !regie_open(r, id, &x))
		return;
	if (!one && !orgs_load(r, &x.orgs))
		return;
	json_t *arr = json_array();
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	for (size_t i = 0; i < x.orgs.n; i++) {
		const organisation *o = &x.orgs.o[i];
		if (!org_kind_leads_cases(org_kind_from_name(o->soort)))
			continue; /* no regie for beheer or analysts */
		if (one && (x.pupil == NO_REF || !org_concerned(x.s->ds, o, (uint32_t)x.pupil, &x.c)))
			continue;
		json_t *people = json_array();
		store_organisation_members(st, o->id, member_json, people, &err);
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s*, s:o}", "id", (json_int_t)o->id, "naam", o->naam,
						     "soort", o->soort, "scope", o->scope, "personen", people));
	}
	pool_put(r->srv, st);
	sb_free(&err);
	regie_close(&x);
	reply_json(r, 200, arr);
}
