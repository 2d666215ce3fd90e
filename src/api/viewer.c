/*
 * viewer.c - the caller's view of the registry (see api.h): which pupils and
 * dossiers the caller may see today, its organisation among those using
 * inbeeld, and every dossier's state with a reply when it is unreadable.
 */
#include <string.h>

#include "api.h"

void viewer_open(viewer *v, req *r, snapshot *s, int64_t org)
{
	*v = (viewer){.r = r, .s = s, .org = org};
	scope_resolve(&r->who->sc, s->ds, &v->set);
}

void viewer_close(viewer *v)
{
	scope_set_free(&v->set);
}

bool viewer_sees_pupil(viewer *v, const char *pupil_id, classification *c)
{
	int32_t p = dataset_pupil(v->s->ds, pupil_id, strlen(pupil_id));
	if (p == NO_REF)
		return false;
	classify(v->s->ds, (uint32_t)p, today(), c);
	if (v->r->who->rol == ROLE_BEHEERDER)
		return grant_active(&v->r->srv->grants, v->r->who->id, pupil_id);
	return access_sees_pupil(v->s->ds, &v->set, (uint32_t)p, c);
}

bool viewer_pupil_ok(viewer *v, const char *pupil_id, classification *c)
{
	if (dataset_pupil(v->s->ds, pupil_id, strlen(pupil_id)) == NO_REF) {
		reply_error(v->r, 404, "onbekend", "leerling '%.64s' is onbekend", pupil_id);
		return false;
	}
	if (!viewer_sees_pupil(v, pupil_id, c)) {
		reply_error(v->r, 403, "buiten_scope", "deze leerling valt niet binnen uw scope");
		return false;
	}
	return true;
}

bool pupil_ok(req *r, snapshot *s, const char *pupil_id, classification *c)
{
	viewer v;
	viewer_open(&v, r, s, 0);
	bool sees = viewer_pupil_ok(&v, pupil_id, c);
	viewer_close(&v);
	return sees;
}

bool viewer_sees_dossier(viewer *v, const char *pupil_id, const case_state *st)
{
	classification c;
	return case_org_sees(st, v->org) || viewer_sees_pupil(v, pupil_id, &c);
}

bool dossier_visible(req *r, snapshot *s, const org_list *orgs, const char *pupil_id, const case_state *st)
{
	viewer v;
	viewer_open(&v, r, s, own_org(orgs, r->who));
	bool sees = viewer_sees_dossier(&v, pupil_id, st);
	viewer_close(&v);
	return sees;
}

bool dossier_view_open(req *r, dossier_view *dv)
{
	*dv = (dossier_view){0};
	if (!orgs_load(r, &dv->orgs))
		return false;
	dv->mine = own_org(&dv->orgs, r->who);
	dv->s = snapshot_acquire(&r->srv->snap);
	dv->set = dossiers_for(r, dv->s);
	if (!dv->set) {
		dossier_view_close(dv);
		return false;
	}
	return true;
}

void dossier_view_close(dossier_view *dv)
{
	dossiers_release(dv->set);
	if (dv->s)
		snapshot_release(dv->s);
	orgs_free(&dv->orgs);
	*dv = (dossier_view){0};
}

dossier_set *dossiers_for(req *r, const snapshot *s)
{
	dossier_set *set = dossiers_acquire(&r->srv->cases, s);
	if (!set)
		reply_error(r, 500, "interne_fout", "de dossiers zijn niet leesbaar");
	return set;
}

bool leads_case_of(req *r, const snapshot *s, const char *pupil_id)
{
	org_list orgs;
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = orgs_read(st, &orgs, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	int64_t mine = rc == 0 ? own_org(&orgs, r->who) : 0;
	orgs_free(&orgs);
	dossier_set *set = mine ? dossiers_acquire(&r->srv->cases, s) : NULL;
	const dossier_state *d = set ? dossiers_of(set, pupil_id) : NULL;
	bool yes = d && case_led_by(&d->st, mine);
	dossiers_release(set);
	return yes;
}

bool orgs_load(req *r, org_list *l)
{
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = orgs_read(st, l, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (rc) {
		reply_error(r, 500, "interne_fout", "de organisaties zijn niet leesbaar");
		return false;
	}
	return true;
}

int64_t own_org(const org_list *l, const user *u)
{
	return org_named(l, u->organisatie);
}

bool active_member(req *r, int64_t person, int64_t org, int64_t *of)
{
	account a = {0};
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int found = person > 0 ? store_account_get(st, NULL, person, &a, &err) : 0;
	pool_put(&r->srv->pool, st);
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
