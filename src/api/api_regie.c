/*
 * api_regie.c - regie over HTTP (SPEC 6): taking regie, handing it over,
 * answering a hand-over, and which organisations may lead a pupil's case.
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
#include "dossier.h"

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
	x->s = snapshot_acquire(&r->srv->snap);
	dossier_state_now(&x->d, x->s, &x->st);
	if (!dossier_visible(r, x->s, &x->orgs, x->d.pupil_id, &x->st)) {
		reply_error(r, 403, "buiten_scope", "dit dossier valt buiten uw scope");
		regie_close(x);
		return false;
	}
	x->pupil = dataset_pupil(x->s->ds, x->d.pupil_id, strlen(x->d.pupil_id));
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
		jset(g, "organisatie_id", json_integer(ev.org));
		jset(g, "organisatie", json_string(o->naam));
		jset(g, "gebruiker_id", json_integer(ev.user));
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
	jset(g, "overdracht_id", json_integer(ev.ref));
	jset(g, "organisatie_id", json_integer(ev.org));
	jset(g, "organisatie", o ? json_string(o->naam) : json_null());
	if (accept)
		jset(g, "gebruiker_id", json_integer(ev.user));
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
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	for (size_t i = 0; mine && i < set->n; i++) {
		const dossier_state *d = &set->items[i];
		if (!d->st.open || !d->st.pending.id || d->st.pending.org != mine)
			continue;
		request_find f = {d->st.pending.id, NULL};
		store_stream_events(st, "dossier", d->id, find_request, &f, &err);
		int32_t p = dataset_pupil(dv.s->ds, d->pupil_id, strlen(d->pupil_id));
		const pupil *pu = p != NO_REF ? &PUPIL_AT(dv.s->ds, p) : NULL;
		const organisation *from = org_by_id(&dv.orgs, d->st.regie_org);
		char since[DATE_TEXT];
		date_format(d->st.pending.since, since);
		json_t *j = json_pack("{s:I, s:I, s:s, s:{s:s*, s:s*}, s:s, s:I, s:s*, s:I}", "id",
				      (json_int_t)d->st.pending.id, "dossier", (json_int_t)d->id, "leerling_id", d->pupil_id,
				      "leerling", "voornaam", pu ? pu->voornaam : NULL, "achternaam", pu ? pu->achternaam : NULL,
				      "gevraagd_op", since, "regie_organisatie_id", (json_int_t)d->st.regie_org,
				      "regie_organisatie", from ? from->naam : NULL, "gebruiker_id", (json_int_t)d->st.pending.user);
		if (f.found)
			jcheck(json_object_update(j, f.found));
		json_decref(f.found);
		japp(arr, j);
	}
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	dossier_view_close(&dv);
	reply_audited(r, 200, arr, "lijst", NULL,
		      json_pack("{s:s, s:I}", "lijst", "overdrachten", "aantal", (json_int_t)json_array_size(arr)));
}

/* ---- who can be asked -------------------------------------------------------------- */

static void member_json(void *ctx, int64_t id, const char *naam)
{
	japp(ctx, json_pack("{s:I, s:s}", "id", (json_int_t)id, "naam", naam));
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
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	for (size_t i = 0; i < x.orgs.n; i++) {
		const organisation *o = &x.orgs.o[i];
		if (!org_kind_leads_cases(org_kind_from_name(o->soort)))
			continue; /* no regie for beheer or analysts */
		if (one && (x.pupil == NO_REF || !org_concerned(x.s->ds, o, (uint32_t)x.pupil, &x.c)))
			continue;
		json_t *people = json_array();
		store_organisation_members(st, o->id, member_json, people, &err);
		japp(arr, json_pack("{s:I, s:s, s:s, s:s*, s:o}", "id", (json_int_t)o->id, "naam", o->naam,
						     "soort", o->soort, "scope", o->scope, "personen", people));
	}
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	regie_close(&x);
	reply_json(r, 200, arr);
}
