/*
 * api_cases.c - case work over HTTP (SPEC 6): dossiers, their timeline,
 * regie, deadlines, escalation and closing.
 *
 * A dossier is visible to whoever may see its pupil today, and to the
 * organisation that holds its regie. Every event is checked against the
 * dossier's state machine (src/core/cases.c) inside the write transaction,
 * recorded with who and when, and audited. Offers also become aanbod facts in
 * the registry, so the counts of SPEC 5 follow the case work.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/cases.h"
#include "../core/leerplicht.h"
#include "../core/sort.h"
#include "../util/alloc.h"
#include "api_cases.h"
#include "../http/http.h"

/* ---- a dossier ------------------------------------------------------------------- */

static void got_stream(void *ctx, const stream_info *s)
{
	dossier_read *d = ctx;
	d->id = s->id;
	snprintf(d->leerling, sizeof d->leerling, "%s", s->leerling_id);
	snprintf(d->aangemaakt, sizeof d->aangemaakt, "%s", s->aangemaakt);
}

json_t *event_json(const stream_event *e)
{
	json_t *g = json_loads(e->gegevens ? e->gegevens : "{}", 0, NULL);
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s*, s:o}", "id", (json_int_t)e->id, "soort", e->soort, "datum",
			 e->datum, "vastgelegd_op", e->vastgelegd_op, "door", e->gebruikersnaam, "organisatie",
			 e->organisatie, "gegevens", g ? g : json_object());
}

static void got_event(void *ctx, const stream_event *e)
{
	dossier_read *d = ctx;
	d->ev = xgrow(d->ev, &d->cap, d->n + 1, sizeof *d->ev);
	if (case_event_read(e, &d->ev[d->n]))
		d->n++;
	json_array_append_new(d->events, event_json(e));
}

void dossier_read_free(dossier_read *d)
{
	json_decref(d->events);
	free(d->ev);
}

typedef struct stream_match {
	const char *kind;
	bool found;
	void (*head)(void *ctx, const stream_info *s);
	void *ctx;
} stream_match;

static void match_stream(void *ctx, const stream_info *s)
{
	stream_match *m = ctx;
	m->found = strcmp(s->soort, m->kind) == 0;
	if (m->found)
		m->head(m->ctx, s);
}

bool stream_load(req *r, const char *kind, const char *what, int64_t id, void (*head)(void *ctx, const stream_info *s),
		 void (*event)(void *ctx, const stream_event *e), void *ctx)
{
	stream_match m = {kind, false, head, ctx};
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	int found = id > 0 ? store_stream_get(st, id, match_stream, &m, &err) : 0;
	int rc = found == 1 && m.found ? store_stream_events(st, kind, id, event, ctx, &err) : 0;
	pool_put(r->srv, st);
	sb_free(&err);
	if (found < 0 || rc < 0)
		reply_error(r, 500, "interne_fout", "%s %lld is niet leesbaar", what, (long long)id);
	else if (found != 1 || !m.found)
		reply_error(r, 404, "onbekend", "%s %lld is onbekend", what, (long long)id);
	return found == 1 && m.found && rc == 0;
}

bool dossier_load(req *r, int64_t id, dossier_read *d)
{
	*d = (dossier_read){.events = json_array()};
	if (stream_load(r, "dossier", "dossier", id, got_stream, got_event, d))
		return true;
	dossier_read_free(d);
	return false;
}

int64_t path_number(const char *s)
{
	size_t n = strlen(s);
	return n && n < 19 && strspn(s, "0123456789") == n ? strtoll(s, NULL, 10) : 0;
}

/* ---- who sees what ---------------------------------------------------------------- */

void viewer_open(viewer *v, req *r, snapshot *s, int64_t org)
{
	*v = (viewer){.r = r, .s = s, .org = org};
	scope_resolve(&r->who->sc, s->ds, &v->set);
}

void viewer_close(viewer *v)
{
	scope_set_free(&v->set);
}

bool viewer_sees_pupil(viewer *v, const char *leerling, classification *c)
{
	int32_t p = dataset_pupil(v->s->ds, leerling, strlen(leerling));
	if (p == NO_REF)
		return false;
	classify(v->s->ds, (uint32_t)p, today(), c);
	if (v->r->who->rol == ROLE_BEHEERDER)
		return grant_active(v->r->srv, v->r->who->id, leerling);
	return access_sees_pupil(v->s->ds, &v->set, (uint32_t)p, c);
}

bool viewer_sees_dossier(viewer *v, const char *leerling, const case_state *st)
{
	classification c;
	return case_org_sees(st, v->org) || viewer_sees_pupil(v, leerling, &c);
}

bool dossier_visible(req *r, snapshot *s, const org_list *orgs, const char *leerling, const case_state *st)
{
	viewer v;
	viewer_open(&v, r, s, own_org(orgs, r->who));
	bool sees = viewer_sees_dossier(&v, leerling, st);
	viewer_close(&v);
	return sees;
}

static json_t *term_json(const term *t)
{
	char due[DATE_TEXT], met[DATE_TEXT];
	date_format(t->due, due);
	date_format(t->met_on, met);
	return json_pack("{s:s, s:s, s:s*}", "datum", due, "status", TERM_STATE_CODES[t->state], "gehaald_op",
			 met[0] ? met : NULL);
}

static const char *user_name(req *r, int64_t id, char *buf, size_t size)
{
	if (!id)
		return NULL;
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	account a = {0};
	int found = store_account_get(st, NULL, id, &a, &err);
	pool_put(r->srv, st);
	snprintf(buf, size, "%s", found == 1 ? a.naam : "?");
	account_free(&a);
	sb_free(&err);
	return buf;
}

json_t *state_json(req *r, const case_state *st, const org_list *orgs, bool back)
{
	char d1[DATE_TEXT], d2[DATE_TEXT], d3[DATE_TEXT], who[80];
	date_format(st->opened, d1);
	date_format(st->startdatum, d2);
	date_format(st->closed, d3);
	const organisation *o = org_by_id(orgs, st->regie_org);
	json_t *esc = json_array();
	for (size_t i = 0; i < st->n_esc; i++) {
		const escalation *x = &st->esc[i];
		char a[DATE_TEXT], b[DATE_TEXT], c[DATE_TEXT];
		date_format(x->opened, a);
		date_format(x->decided, b);
		date_format(x->accounted, c);
		json_array_append_new(esc, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s*, s:s*}", "id", (json_int_t)x->id, "type",
						     STAGNATIE[x->type].code, "omschrijving", STAGNATIE[x->type].label,
						     "route", STAGNATIE[x->type].route, "gestart", a, "besloten",
						     b[0] ? b : NULL, "verantwoord", c[0] ? c : NULL));
	}
	const char *signal = case_signal(st);
	const char *texts[CASE_MAX_PROBLEMS];
	size_t n_problems = case_problems(st, back, texts);
	json_t *problems = json_array();
	for (size_t i = 0; i < n_problems; i++)
		json_array_append_new(problems, json_string(texts[i]));
	json_t *pending = json_null();
	if (st->pending.id) {
		char since[DATE_TEXT], asked[80];
		date_format(st->pending.since, since);
		const organisation *to = org_by_id(orgs, st->pending.org);
		pending = json_pack("{s:I, s:I, s:s*, s:I, s:s*, s:s}", "id", (json_int_t)st->pending.id, "organisatie_id",
				    (json_int_t)st->pending.org, "organisatie", to ? to->naam : NULL, "gebruiker_id",
				    (json_int_t)st->pending.user, "gebruiker",
				    user_name(r, st->pending.user, asked, sizeof asked), "gevraagd_op", since);
	}
	return json_pack("{s:s, s:s, s:s, s:s*, s:s*, s:{s:I, s:s*, s:I, s:s*}, s:i, s:b, s:s*, s:o,"
			 " s:{s:o, s:o, s:o}, s:o, s:o}",
			 "status", st->open ? "open" : "gesloten", "geopend_op", d1, "startdatum", d2, "gesloten_op",
			 d3[0] ? d3 : NULL, "uitkomst", st->closed_as >= 0 ? UITKOMST_CODES[st->closed_as] : NULL, "regie",
			 "organisatie_id", st->regie_org ? (json_int_t)st->regie_org : 0, "organisatie", o ? o->naam : NULL,
			 "gebruiker_id", (json_int_t)st->regie_user, "gebruiker", user_name(r, st->regie_user, who, sizeof who),
			 "verlenging_dagen", (int)st->extension, "gestagneerd", st->stagnated, "signaal", signal,
			 "problemen", problems, "termijnen", "passende_plek", term_json(&st->place), "plaatsingsbesluit",
			 term_json(&st->decision), "passend_aanbod", term_json(&st->aanbod), "escalaties", esc,
			 "overdracht", pending);
}

void dossier_state_now(const dossier_read *d, const snapshot *s, case_state *st)
{
	strbuf why = STRBUF_INIT;
	dossier_fold(s->ds, d->leerling, d->ev, d->n, today(), st, &why);
	sb_free(&why);
}

/* The timeline in the order things happened: by the event's date, then in
 * the order they were recorded (an MDO recorded afterwards stands where it
 * took place). */
static int by_date_then_recording(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	const char *dx = json_string_value(json_object_get(x, "datum")), *dy = json_string_value(json_object_get(y, "datum"));
	int c = strcmp(dx ? dx : "", dy ? dy : "");
	json_int_t i = json_integer_value(json_object_get(x, "id")), k = json_integer_value(json_object_get(y, "id"));
	return c ? c : (i > k) - (i < k);
}

static json_t *timeline(json_t *events)
{
	size_t n = json_array_size(events);
	json_t **items = xmalloc((n ? n : 1) * sizeof *items);
	for (size_t i = 0; i < n; i++)
		items[i] = json_array_get(events, i);
	sort_array(items, n, sizeof *items, by_date_then_recording);
	json_t *out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append(out, items[i]);
	free(items);
	return out;
}

static json_t *dossier_json(req *r, const dossier_read *d, const case_state *st, const org_list *orgs,
			    const snapshot *s, bool with_timeline)
{
	int32_t p = dataset_pupil(s->ds, d->leerling, strlen(d->leerling));
	classification c;
	if (p != NO_REF)
		classify(s->ds, (uint32_t)p, today(), &c);
	json_t *j = state_json(r, st, orgs, p != NO_REF && case_pupil_back(&c));
	json_object_set_new(j, "id", json_integer(d->id));
	json_object_set_new(j, "leerling_id", json_string(d->leerling));
	if (p != NO_REF) {
		const pupil *pu = &s->ds->pupils[p];
		json_object_set_new(j, "leerling", json_pack("{s:s*, s:s*, s:s}", "voornaam", pu->voornaam, "achternaam",
							     pu->achternaam, "categorie_vandaag",
							     CATEGORIE_CODES[c.in_scope ? c.cat : CAT_GEEN]));
	}
	if (with_timeline)
		json_object_set_new(j, "tijdlijn", timeline(d->events));
	return j;
}

/* ---- reading ------------------------------------------------------------------------ */

/* Most urgent first (case_compare_urgency), then by dossier id. */
static int by_urgency(const void *a, const void *b)
{
	const dossier_state *x = a, *y = b;
	int c = case_compare_urgency(&x->st, &y->st);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static int by_pupil_then_id(const void *a, const void *b)
{
	const dossier_state *x = a, *y = b;
	int c = strcmp(x->leerling, y->leerling);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

void cases_changed(server *srv)
{
	atomic_fetch_add(&srv->cases_gen, 1);
}

void dossiers_release(dossier_set *set)
{
	if (!set || atomic_fetch_sub(&set->refs, 1) != 1)
		return;
	free(set->items);
	free(set->by_pupil);
	free(set);
}

dossier_set *dossiers_acquire(server *srv, const snapshot *s, req *r)
{
	day_t d = today();
	pthread_mutex_lock(&srv->cases_lock);
	/* The generation is read before the store: a change committed meanwhile
	 * makes this set stale at once. */
	long long gen = atomic_load(&srv->cases_gen);
	dossier_set *set = srv->cases;
	if (!set || set->gen != gen || set->day != d || set->version != s->version) {
		store *st = pool_get(srv);
		strbuf err = STRBUF_INIT;
		dossier_state *items = NULL;
		size_t n = 0;
		int rc = dossiers_all(st, s->ds, d, &items, &n, &err);
		pool_put(srv, st);
		sb_free(&err);
		if (rc) {
			free(items);
			pthread_mutex_unlock(&srv->cases_lock);
			if (r)
				reply_error(r, 500, "interne_fout", "de dossiers zijn niet leesbaar");
			return NULL;
		}
		sort_array(items, n, sizeof *items, by_urgency);
		set = xcalloc(1, sizeof *set);
		atomic_init(&set->refs, 1); /* the server's */
		set->gen = gen;
		set->day = d;
		set->version = s->version;
		set->n = n;
		set->items = items;
		set->by_pupil = xmalloc((n ? n : 1) * sizeof *set->by_pupil);
		for (size_t i = 0; i < n; i++)
			set->by_pupil[i] = (uint32_t)i;
		sort_indices(set->by_pupil, n, items, sizeof *items, by_pupil_then_id);
		dossiers_release(srv->cases);
		srv->cases = set;
	}
	atomic_fetch_add(&set->refs, 1);
	pthread_mutex_unlock(&srv->cases_lock);
	return set;
}

const dossier_state *dossiers_of(const dossier_set *set, const char *leerling)
{
	size_t lo = 0, hi = set->n;
	while (lo < hi) { /* the first entry after the pupil's */
		size_t mid = (lo + hi) / 2;
		if (strcmp(set->items[set->by_pupil[mid]].leerling, leerling) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	const dossier_state *last = lo ? &set->items[set->by_pupil[lo - 1]] : NULL;
	return last && strcmp(last->leerling, leerling) == 0 ? last : NULL;
}

bool dossier_view_open(req *r, dossier_view *dv)
{
	*dv = (dossier_view){0};
	if (!orgs_load(r, &dv->orgs))
		return false;
	dv->mine = own_org(&dv->orgs, r->who);
	dv->s = snapshot_acquire(r->srv);
	dv->set = dossiers_acquire(r->srv, dv->s, r);
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

static void h_dossiers(req *r)
{
	const char *status = query(r, "status") ? query(r, "status") : "open";
	const char *signaal = query(r, "signaal");
	dossier_view dv;
	if (!dossier_view_open(r, &dv))
		return;
	const dossier_state *all = dv.set->items;
	size_t n = dv.set->n;
	snapshot *s = dv.s;
	viewer v;
	viewer_open(&v, r, s, dv.mine);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const case_state *st = &all[i].st;
		if ((strcmp(status, "open") == 0 && !st->open) || (strcmp(status, "gesloten") == 0 && st->open))
			continue;
		if (!case_matches_signal(st, signaal))
			continue;
		if (!viewer_sees_dossier(&v, all[i].leerling, st))
			continue;
		dossier_read d = {.id = all[i].id};
		snprintf(d.leerling, sizeof d.leerling, "%s", all[i].leerling);
		json_array_append_new(arr, dossier_json(r, &d, st, &dv.orgs, s, false));
	}
	viewer_close(&v);
	dossier_view_close(&dv);
	reply_audited(r, 200, arr, "lijst", NULL, json_pack("{s:s, s:s*, s:I}", "lijst", "dossiers", "signaal", signaal, "aantal",
					      (json_int_t)json_array_size(arr)));
}

static void h_dossier(req *r)
{
	dossier_read d;
	if (!dossier_load(r, path_number(r->params[0]), &d))
		return;
	org_list orgs;
	if (!orgs_load(r, &orgs)) {
		dossier_read_free(&d);
		return;
	}
	snapshot *s = snapshot_acquire(r->srv);
	case_state st;
	dossier_state_now(&d, s, &st);
	bool sees = dossier_visible(r, s, &orgs, d.leerling, &st);
	if (!sees) {
		reply_error(r, 403, "buiten_scope", "dit dossier valt buiten uw scope");
	} else {
		json_t *j = dossier_json(r, &d, &st, &orgs, s, true);
		/* Asked to take regie over, an organisation answers first. */
		case_state works = st;
		works.pending = (handover){0};
		json_object_set_new(j, "mag_vastleggen", json_boolean(dossier_visible(r, s, &orgs, d.leerling, &works)));
		reply_audited(r, 200, j, "lezen", d.leerling, json_pack("{s:I}", "dossier", (json_int_t)d.id));
	}
	snapshot_release(s);
	orgs_free(&orgs);
	dossier_read_free(&d);
}

static void h_signals(req *r)
{
	dossier_view dv;
	if (!dossier_view_open(r, &dv))
		return;
	const dossier_state *all = dv.set->items;
	size_t n = dv.set->n;
	viewer v;
	viewer_open(&v, r, dv.s, dv.mine);
	json_int_t open = 0, week = 0, overdue = 0, stagnated = 0, no_regie = 0;
	for (size_t i = 0; i < n; i++) {
		const case_state *st = &all[i].st;
		if (!st->open || !viewer_sees_dossier(&v, all[i].leerling, st))
			continue;
		open++;
		week += case_matches_signal(st, "deze_week");
		overdue += case_matches_signal(st, "verlopen");
		stagnated += case_matches_signal(st, "gestagneerd");
		no_regie += case_without_regie(st);
	}
	viewer_close(&v);
	dossier_view_close(&dv);
	reply_json(r, 200, json_pack("{s:I, s:I, s:I, s:I, s:I}", "open", open, "deze_week", week, "verlopen", overdue,
				     "gestagneerd", stagnated, "zonder_regie", no_regie));
}

/* ---- changing --------------------------------------------------------------------------- */

typedef struct check_ctx {
	case_event next;
	const dataset *ds; /* for the pupil's holiday calendar and registry places */
	const char *leerling;
	int64_t by_org;	   /* the organisation of who records it */
	bool refused;	   /* the state machine said no (not the facts) */
} check_ctx;

/* Inside the write transaction: may this event follow the stored ones? */
static bool check_case(void *ctx, const stream_event *so_far, size_t n, const new_event *ev, strbuf *why)
{
	(void)ev;
	check_ctx *cc = ctx;
	case_state st;
	bool ok = dossier_fold_stored(cc->ds, cc->leerling, so_far, n, today(), &st, why) == 0 &&
		  case_may_record(&st, &cc->next, today(), cc->by_org, why);
	cc->refused = !ok;
	return ok;
}

static char *json_text(json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);
	return s ? s : xstrdup("{}");
}

void dossier_append(req *r, int64_t id, case_event ev, json_t *gegevens, const dossier_offer *of)
{
	dossier_read d;
	if (!dossier_load(r, id, &d)) {
		json_decref(gegevens);
		return;
	}
	case_state st;
	strbuf why = STRBUF_INIT;
	org_list orgs;
	snapshot *s = NULL;
	if (!orgs_load(r, &orgs))
		goto out_d;
	s = snapshot_acquire(r->srv);
	dossier_state_now(&d, s, &st);
	/* The organisation asked to take regie over sees the dossier, to decide;
	 * it works in it once it has accepted. */
	case_state seen = st;
	if (ev.kind != EV_AANVAARDING && ev.kind != EV_AFWIJZING)
		seen.pending = (handover){0};
	if (!dossier_visible(r, s, &orgs, d.leerling, &seen)) {
		reply_error(r, 403, "buiten_scope", "dit dossier valt buiten uw scope");
		goto out;
	}
	char datum[DATE_TEXT], aanbod_dag[DATE_TEXT], plaats[DATE_TEXT];
	date_format(ev.datum, datum);
	char *text = json_text(gegevens);
	new_event ne = {CASE_KIND_NAMES[ev.kind], datum, text, r->who->id, r->who->naam, r->who->organisatie};
	fact_result result = {0};
	fact_change change;
	field f[4];
	fact_facts facts = {&change, 0, r->who->naam, "dossier: aanbod", &result};
	if (of) {
		date_format(of->datum, aanbod_dag);
		date_format(of->plaats_per, plaats);
		f[0] = (field){d.leerling, strlen(d.leerling)};
		f[1] = (field){aanbod_dag, strlen(aanbod_dag)};
		f[2] = (field){plaats, strlen(plaats)};
		f[3] = (field){of->soort, strlen(of->soort)};
		change = (fact_change){T_AANBOD, 0, f};
		facts.n = 1;
	}
	check_ctx cc = {ev, s->ds, d.leerling, own_org(&orgs, r->who), false};
	int64_t event_id = 0;
	store *stb = pool_get(r->srv);
	sb_reset(&why);
	int rc = store_stream_append(stb, id, &ne, check_case, &cc, &facts, &event_id, &why);
	pool_put(r->srv, stb);
	free(text);
	if (rc == 0)
		cases_changed(r->srv);
	if (rc == 0 && result.batch)
		snapshot_request_reload(r->srv);
	if (rc == STORE_INVALID && cc.refused)
		reply_error(r, 409, "niet_toegestaan", "%s", sb_str(&why));
	else if (rc == STORE_INVALID) /* the aanbod fact breaks a rule of the registry */
		reply_error(r, 422, "ongeldig", "%s", sb_str(&why));
	else if (rc)
		reply_error(r, 500, "interne_fout", "de gebeurtenis kon niet worden vastgelegd");
	else if (audit(r, "wijzigen", d.leerling,
		       json_pack("{s:I, s:s, s:I, s:I}", "dossier", (json_int_t)id, "soort", CASE_KIND_NAMES[ev.kind],
				 "gebeurtenis", (json_int_t)event_id, "registratie", (json_int_t)result.batch))) {
		dossier_read_free(&d);
		if (dossier_load(r, id, &d)) {
			dossier_state_now(&d, s, &st);
			json_t *j = dossier_json(r, &d, &st, &orgs, s, true);
			json_object_set_new(j, "gebeurtenis_id", json_integer(event_id));
			if (result.batch)
				json_object_set_new(j, "registratie", json_integer(result.batch));
			reply_json(r, 201, j);
		} else {
			d = (dossier_read){0};
		}
	}
out:
	snapshot_release(s);
	orgs_free(&orgs);
out_d:
	sb_free(&why);
	json_decref(gegevens);
	dossier_read_free(&d);
}

bool body_day(req *r, const char *key, bool required, day_t *out)
{
	const char *s = form(r, key);
	*out = DAY_NONE;
	if (!s) {
		if (required)
			reply_error(r, 400, "veld_ontbreekt", "veld '%s' ontbreekt", key);
		return !required;
	}
	if (date_parse(s, strlen(s), out) != 0) {
		reply_error(r, 400, "ongeldige_datum", "veld '%s' verwacht een bestaande datum JJJJ-MM-DD", key);
		return false;
	}
	if (strcmp(key, "datum") == 0 && *out > today()) { /* the day it happened */
		reply_error(r, 400, "ongeldige_datum", "veld 'datum' ligt in de toekomst");
		return false;
	}
	return true;
}

json_t *data_of(req *r)
{
	json_t *g = json_deep_copy(r->json);
	json_object_del(g, "datum");
	return g;
}

static const struct {
	const char *segment;
	case_kind kind;
} EVENT_ROUTES[] = {
	{"contacten", EV_CONTACT}, {"mdo", EV_MDO}, {"interventies", EV_INTERVENTIE},
	{"notities", EV_NOTITIE}, {"plaatsingen", EV_PLAATSING},
};

static void h_event(req *r)
{
	const char *seg = strrchr(r->rt->path, '/') + 1;
	case_kind kind = EV_COUNT;
	for (size_t i = 0; i < sizeof EVENT_ROUTES / sizeof EVENT_ROUTES[0]; i++)
		if (strcmp(EVENT_ROUTES[i].segment, seg) == 0)
			kind = EVENT_ROUTES[i].kind;
	case_event ev = {.kind = kind, .plaats_per = DAY_NONE, .startdatum = DAY_NONE, .type = -1};
	if (!body_day(r, "datum", true, &ev.datum))
		return;
	day_t other;
	if (kind == EV_MDO && !body_day(r, "volgende_datum", false, &other))
		return;
	/* A placement is a fitting place in education from its start (the
	 * decision's day when none is given): an aanbod in the registry as well,
	 * so the dossier and the counts agree. */
	if (kind == EV_PLAATSING && !body_day(r, "ingangsdatum", false, &ev.plaats_per))
		return;
	dossier_offer placement = {"onderwijs", ev.datum, case_event_place(&ev)};
	dossier_append(r, path_number(r->params[0]), ev, data_of(r), kind == EV_PLAATSING ? &placement : NULL);
}

static void h_offer(req *r)
{
	case_event ev = {.kind = EV_AANBOD, .startdatum = DAY_NONE, .type = -1};
	if (!body_day(r, "datum", true, &ev.datum) || !body_day(r, "plaats_per", false, &ev.plaats_per))
		return;
	const char *soort = form(r, "soort");
	if (strcmp(soort, "onderwijs") && strcmp(soort, "zorg") && strcmp(soort, "combinatie")) {
		reply_error(r, 400, "ongeldige_waarde", "soort is onderwijs, zorg of combinatie");
		return;
	}
	/* The offer in the registry too (aanbod.csv): passend aanbod (SPEC 4 rule 6). */
	dossier_offer of = {soort, ev.datum, ev.plaats_per};
	dossier_append(r, path_number(r->params[0]), ev, data_of(r), &of);
}

static void h_extension(req *r)
{
	case_event ev = {.kind = EV_VERLENGING, .plaats_per = DAY_NONE, .startdatum = DAY_NONE, .type = -1};
	if (!body_day(r, "datum", true, &ev.datum))
		return;
	ev.dagen = (int32_t)json_integer_value(json_object_get(r->json, "dagen"));
	dossier_append(r, path_number(r->params[0]), ev, data_of(r), NULL);
}

static void h_escalate(req *r)
{
	case_event ev = {.kind = EV_ESCALATIE, .plaats_per = DAY_NONE, .startdatum = DAY_NONE};
	if (!body_day(r, "datum", true, &ev.datum))
		return;
	ev.type = (int32_t)stagnatie_from_code(form(r, "type"));
	if (ev.type == ST_COUNT) {
		strbuf codes = STRBUF_INIT;
		for (int i = 0; i < ST_COUNT; i++)
			sb_printf(&codes, "%s%s", i ? ", " : "", STAGNATIE[i].code);
		reply_error(r, 400, "ongeldige_waarde", "type is een van: %s", sb_str(&codes));
		sb_free(&codes);
		return;
	}
	json_t *g = data_of(r);
	json_object_set_new(g, "route", json_string(STAGNATIE[ev.type].route));
	dossier_append(r, path_number(r->params[0]), ev, g, NULL);
}

static void h_escalation_step(req *r)
{
	bool decision = strstr(r->rt->path, "/besluit") != NULL;
	case_event ev = {.kind = decision ? EV_BESLUIT : EV_VERANTWOORDING, .plaats_per = DAY_NONE,
			 .startdatum = DAY_NONE, .type = -1};
	if (!body_day(r, "datum", true, &ev.datum))
		return;
	ev.ref = path_number(r->params[1]);
	json_t *g = data_of(r);
	json_object_set_new(g, "escalatie_id", json_integer(ev.ref));
	dossier_append(r, path_number(r->params[0]), ev, g, NULL);
}

static void h_close(req *r)
{
	case_event ev = {.kind = EV_SLUITING, .plaats_per = DAY_NONE, .startdatum = DAY_NONE};
	if (!body_day(r, "datum", true, &ev.datum))
		return;
	ev.type = (int32_t)uitkomst_from_code(form(r, "uitkomst"));
	if (ev.type == UIT_COUNT) {
		strbuf codes = STRBUF_INIT;
		for (int i = 0; i < UIT_COUNT; i++)
			sb_printf(&codes, "%s%s", i ? ", " : "", UITKOMST_CODES[i]);
		reply_error(r, 400, "ongeldige_waarde", "uitkomst is een van: %s", sb_str(&codes));
		sb_free(&codes);
		return;
	}
	dossier_append(r, path_number(r->params[0]), ev, data_of(r), NULL);
}

/* Inside the opening's transaction, given the pupil's latest dossier: at most
 * one open dossier per pupil. The automatic opening (ctx non-NULL) also leaves
 * alone an absence that a dossier already dealt with: one closed on or after
 * the new startdatum - a person closed it, the registry may lag behind. */
static bool check_opening(void *ctx, const stream_event *so_far, size_t n, const new_event *ev, strbuf *why)
{
	if (!n)
		return true;
	/* Open or closed, and when, do not depend on the holiday calendar. */
	case_state st;
	strbuf ignored = STRBUF_INIT;
	bool folded = dossier_fold_stored(NULL, "", so_far, n, today(), &st, &ignored) == 0;
	sb_free(&ignored);
	if (!folded)
		return true;
	day_t start = DAY_NONE;
	if (ctx) {
		json_t *g = json_loads(ev->gegevens, 0, NULL);
		start = g ? json_day(g, "startdatum") : DAY_NONE;
		json_decref(g);
	}
	return case_may_open(&st, start, ctx != NULL, why);
}

/* Open a dossier by hand (for DREIGEND, or whenever none is open). */
static void h_open(req *r)
{
	const char *leerling = form(r, "leerling_id");
	snapshot *s = snapshot_acquire(r->srv);
	classification c;
	bool known = dataset_pupil(s->ds, leerling, strlen(leerling)) != NO_REF;
	viewer v;
	viewer_open(&v, r, s, 0);
	bool sees = known && viewer_sees_pupil(&v, leerling, &c);
	viewer_close(&v);
	snapshot_release(s);
	if (!known) {
		reply_error(r, 404, "onbekend", "leerling '%.64s' is onbekend", leerling);
		return;
	}
	if (!sees) {
		reply_error(r, 403, "buiten_scope", "deze leerling valt niet binnen uw scope");
		return;
	}
	if (!case_opens_by_hand(&c)) {
		reply_error(r, 409, "niet_toegestaan",
			    "er is geen eerste dag van feitelijke afwezigheid: de leerling verzuimt niet (indeling %s)",
			    CATEGORIE_CODES[c.in_scope ? c.cat : CAT_GEEN]);
		return;
	}
	org_list orgs;
	if (!orgs_load(r, &orgs))
		return;
	store *stb = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	char start[DATE_TEXT], now[DATE_TEXT];
	date_format(c.startdatum, start);
	date_format(today(), now);
	int64_t mine = own_org(&orgs, r->who);
	json_t *g = json_pack("{s:s, s:s, s:b, s:s*, s:I, s:I}", "startdatum", start, "categorie", CATEGORIE_CODES[c.cat],
			      "automatisch", 0, "reden", form(r, "reden"), "regie_organisatie_id", (json_int_t)mine,
			      "regie_gebruiker_id", (json_int_t)(mine ? r->who->id : 0));
	char *text = json_text(g);
	new_event ne = {"opening", now, text, r->who->id, r->who->naam, r->who->organisatie};
	int64_t id = 0, ev = 0;
	int rc = store_stream_open(stb, "dossier", leerling, &ne, check_opening, NULL, NULL, &id, &ev, &err);
	pool_put(r->srv, stb);
	if (!rc)
		cases_changed(r->srv);
	free(text);
	json_decref(g);
	orgs_free(&orgs);
	if (rc) {
		if (rc == STORE_INVALID)
			reply_error(r, 409, "bestaat_al", "%s", sb_str(&err));
		else
			reply_error(r, 500, "interne_fout", "het dossier kon niet worden geopend");
		sb_free(&err);
		return;
	}
	sb_free(&err);
	if (audit(r, "wijzigen", leerling, json_pack("{s:I, s:s}", "dossier", (json_int_t)id, "soort", "opening"))) {
		char loc[48];
		snprintf(loc, sizeof loc, "/api/dossiers/%lld", (long long)id);
		add_header(r, "Location", loc);
		reply_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "leerling_id", leerling));
	}
}

/* ---- the automatic opening ------------------------------------------------------------ */

/* Open a dossier for every pupil whose categorie opens one today (SPEC 6:
 * the AV family, LRV, LANGDURIG_ZIEK; categorie_opens_dossier) and who has no
 * open one: run after every reload of the registry and periodically (the
 * calendar moves on even when the data does not). */
size_t cases_sweep(server *srv, const snapshot *s)
{
	store *st = pool_get(srv);
	strbuf err = STRBUF_INIT;
	dossier_state *all = NULL;
	size_t n = 0, opened = 0, n_new = 0, cap_new = 0, cap_names = 0, cap_texts = 0;
	organisation *orgs = NULL;
	size_t n_orgs = 0;
	new_event *firsts = NULL;
	const char **names = NULL;
	char **texts = NULL;
	day_t d = today();
	if (dossiers_all(st, s->ds, d, &all, &n, &err) != 0 || store_organisations_list(st, &orgs, &n_orgs, &err) != 0) {
		fprintf(stderr, "inbeeld: dossiers openen: %s\n", sb_str(&err));
		goto out;
	}
	/* Outside the transaction: who needs one (the transaction checks again). */
	const dataset *ds = s->ds;
	int32_t *latest = xmalloc((ds->n_pupils ? ds->n_pupils : 1) * sizeof *latest); /* dossier per pupil */
	for (uint32_t p = 0; p < ds->n_pupils; p++)
		latest[p] = -1;
	for (size_t i = 0; i < n; i++) { /* in id order: the last one is the latest */
		int32_t p = dataset_pupil(ds, all[i].leerling, strlen(all[i].leerling));
		if (p != NO_REF)
			latest[p] = (int32_t)i;
	}
	org_list ol = {orgs, n_orgs};
	char now[DATE_TEXT];
	date_format(d, now);
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		classification c;
		classify(ds, p, d, &c);
		if (!c.in_scope || !categorie_opens_dossier(c.cat))
			continue;
		/* A dossier exists: only one closed before this absence began lets a new one open. */
		strbuf why = STRBUF_INIT;
		bool may = case_may_open(latest[p] >= 0 ? &all[latest[p]].st : NULL, c.startdatum, true, &why);
		sb_free(&why);
		if (!may)
			continue;
		char start[DATE_TEXT];
		date_format(c.startdatum, start);
		strbuf reden = STRBUF_INIT;
		sb_printf(&reden, "automatisch geopend: %s", CATEGORIE_LABELS[c.cat]);
		json_t *g = json_pack("{s:s, s:s, s:b, s:s, s:I, s:I}", "startdatum", start, "categorie",
				      CATEGORIE_CODES[c.cat], "automatisch", 1, "reden", sb_str(&reden), "regie_organisatie_id",
				      (json_int_t)default_regie(ds, &c, &ol), "regie_gebruiker_id", (json_int_t)0);
		sb_free(&reden);
		char *text = json_text(g);
		json_decref(g);
		firsts = xgrow(firsts, &cap_new, n_new + 1, sizeof *firsts);
		names = xgrow(names, &cap_names, n_new + 1, sizeof *names);
		texts = xgrow(texts, &cap_texts, n_new + 1, sizeof *texts);
		firsts[n_new] = (new_event){"opening", now, text, 0, "inbeeld", NULL};
		texts[n_new] = text;
		names[n_new++] = ds->pupils[p].id;
	}
	free(latest);
	bool automatic = true;
	if (n_new && store_streams_open(st, "dossier", names, firsts, n_new, check_opening, &automatic, &opened, &err))
		fprintf(stderr, "inbeeld: dossiers openen: %s\n", sb_str(&err));
	if (opened)
		cases_changed(srv);
out:
	pool_put(srv, st);
	for (size_t i = 0; i < n_new; i++)
		free(texts[i]);
	free(texts);
	free(firsts);
	free(names);
	organisations_free(orgs, n_orgs);
	free(all);
	sb_free(&err);
	return opened;
}

size_t cases_purge(server *srv)
{
	store *st = pool_get(srv);
	strbuf err = STRBUF_INIT;
	size_t removed = 0;
	if (store_dossier_purge(st, today(), &removed, &err) != 0)
		fprintf(stderr, "inbeeld: gesloten dossiers opruimen: %s\n", sb_str(&err));
	if (removed)
		cases_changed(srv);
	pool_put(srv, st);
	sb_free(&err);
	return removed;
}

/* ---- routes ----------------------------------------------------------------------------- */

#define DOSSIER_POST(seg, fn, roles, summary, ...)                                                     \
	{"POST", "/api/dossiers/{id}/" seg, fn, roles, false, true, BODY_JSON, 0, summary, "Dossiers", {{0}}, \
	 {__VA_ARGS__}, "201,400,401,403,404,409,422", false}

#define DATUM {"datum", JSON_STRING, true, "JJJJ-MM-DD: de dag dat het gebeurde"}

const route CASE_ROUTES[] = {
	{"GET", "/api/dossiers", h_dossiers, CASE_ROLES, false, false, BODY_NONE, 0,
	 "De dossiers binnen de eigen scope of met regie bij de eigen organisatie, met termijnen en signalen; de "
	 "dringendste eerst (gestagneerd, over een termijn, deze week), daarbinnen het langst thuis eerst",
	 "Dossiers",
	 {{"status", P_CHOICE, false, "open|gesloten|alle", "standaard open"},
	  {"signaal", P_CHOICE, false, "alle|deze_week|verlopen|gestagneerd|zonder_regie", NULL}},
	 {{0}}, "200,400,401,403", false},
	{"POST", "/api/dossiers", h_open, CASE_ROLES, false, true, BODY_JSON, 0,
	 "Een dossier openen met de hand (bv. voor een dreigend thuiszitter)", "Dossiers", {{0}},
	 {{"leerling_id", JSON_STRING, true, NULL}, {"reden", JSON_STRING, false, NULL}}, "201,400,401,403,404,409",
	 false},
	{"GET", "/api/dossiers/{id}", h_dossier, CASE_ROLES, false, false, BODY_NONE, 0,
	 "Een dossier met zijn tijdlijn, regie, termijnen, escalaties en problemen", "Dossiers", {{0}}, {{0}},
	 "200,401,403,404", false},
	{"GET", "/api/signalen", h_signals, CASE_ROLES, false, false, BODY_NONE, 0,
	 "Hoeveel open dossiers deze week een termijn hebben, over hun termijn zijn, gestagneerd zijn of geen regie hebben",
	 "Dossiers", {{0}}, {{0}}, "200,401,403", false},
	{"GET", "/api/regie/organisaties", h_regie_orgs, CASE_ROLES, false, false, BODY_NONE, 0,
	 "De organisaties en hun mensen die regie kunnen voeren", "Dossiers", {{0}}, {{0}}, "200,401,403", false},
	{"GET", "/api/dossiers/{id}/regie/organisaties", h_regie_orgs, CASE_ROLES, false, false, BODY_NONE, 0,
	 "De organisaties en hun mensen aan wie de regie van dit dossier kan gaan: die bij de leerling betrokken zijn "
	 "(de scholen, het samenwerkingsverband, leerplicht van de woongemeente, zorgorganisaties)",
	 "Dossiers", {{0}}, {{0}}, "200,401,403,404", false},
	{"GET", "/api/overdrachten", h_handovers, CASE_ROLES, false, false, BODY_NONE, 0,
	 "De overdrachten van regie die op het antwoord van de eigen organisatie wachten", "Dossiers", {{0}}, {{0}},
	 "200,401,403", false},
	DOSSIER_POST("contacten", h_event, CASE_ROLES, "Contact met leerling of ouders vastleggen", DATUM,
		     {"met_wie", JSON_STRING, true, "leerling, ouders, ..."}, {"wijze", JSON_STRING, false, "huisbezoek, telefoon, ..."},
		     {"omschrijving", JSON_STRING, true, NULL}),
	DOSSIER_POST("mdo", h_event, CASE_ROLES, "Een MDO vastleggen: wie er waren, wat is afgesproken, wanneer het volgende", DATUM,
		     {"deelnemers", JSON_ARRAY, true, "namen of rollen"}, {"afspraken", JSON_STRING, true, NULL},
		     {"volgende_datum", JSON_STRING, false, "JJJJ-MM-DD"}),
	DOSSIER_POST("interventies", h_event, CASE_ROLES, "Een interventie vastleggen", DATUM,
		     {"omschrijving", JSON_STRING, true, NULL}),
	DOSSIER_POST("notities", h_event, CASE_ROLES, "Een notitie vastleggen", DATUM, {"tekst", JSON_STRING, true, NULL}),
	DOSSIER_POST("plaatsingen", h_event, CASE_ROLES, "Het besluit over (ver)plaatsing vastleggen", DATUM,
		     {"school", JSON_STRING, false, "BRIN:VESTIGING"}, {"aanbieder", JSON_STRING, false, NULL},
		     {"ingangsdatum", JSON_STRING, false, "JJJJ-MM-DD"}, {"omschrijving", JSON_STRING, true, NULL}),
	DOSSIER_POST("aanbod", h_offer, R(ROLE_LEERPLICHT) | R(ROLE_SWV) | R(ROLE_SCHOOL),
		     "Een aanbod vastleggen, met de dag dat er een plaats is; telt als aanbod in de registratie", DATUM,
		     {"soort", JSON_STRING, true, "onderwijs, zorg of combinatie"}, {"aanbieder", JSON_STRING, true, NULL},
		     {"plaats_per", JSON_STRING, false, "JJJJ-MM-DD; leeg zolang er geen plaats is"},
		     {"omschrijving", JSON_STRING, false, NULL}),
	DOSSIER_POST("regie", h_regie, CASE_ROLES,
		     "Regie nemen (zonder organisatie: de eigen, met uzelf als regiehouder) of overdragen: aan een andere "
		     "organisatie is het een verzoek dat die aanvaardt of weigert; tot dan houdt de eigen organisatie de regie",
		     {"datum", JSON_STRING, false, NULL}, {"organisatie_id", JSON_INTEGER, false, NULL},
		     {"gebruiker_id", JSON_INTEGER, false, "de regiehouder: een gebruiker van die organisatie"},
		     {"reden", JSON_STRING, true, NULL}),
	DOSSIER_POST("overdracht/aanvaarden", h_handover_answer, CASE_ROLES,
		     "De gevraagde overdracht van de regie aanvaarden (door de ontvangende organisatie)",
		     {"toelichting", JSON_STRING, false, NULL}),
	DOSSIER_POST("overdracht/afwijzen", h_handover_answer, CASE_ROLES,
		     "De gevraagde overdracht van de regie weigeren, met de reden (de regie blijft waar ze was)",
		     {"reden", JSON_STRING, true, NULL}),
	DOSSIER_POST("verlenging", h_extension, R(ROLE_LEERPLICHT) | R(ROLE_SWV),
		     "De termijn voor het plaatsingsbesluit eenmalig verlengen (hoogstens 4 weken)", DATUM,
		     {"dagen", JSON_INTEGER, true, "1 tot 28"}, {"reden", JSON_STRING, true, NULL}),
	DOSSIER_POST("escalaties", h_escalate, CASE_ROLES,
		     "Escaleren (doorzettingsmacht): het type stagnatie bepaalt de route", DATUM,
		     {"type", JSON_STRING, true,
		      "processtagnatie, zorgplicht, dekkend_netwerk, jeugdhulp, ouders of jongere"},
		     {"omschrijving", JSON_STRING, true, NULL}),
	{"POST", "/api/dossiers/{id}/escalaties/{escalatie}/besluit", h_escalation_step, R(ROLE_LEERPLICHT) | R(ROLE_SWV),
	 false, true, BODY_JSON, 0, "Het besluit in een escalatie: wie besloot wat", "Dossiers", {{0}},
	 {DATUM, {"besluit", JSON_STRING, true, NULL}, {"besloten_door", JSON_STRING, true, "naam en functie"}},
	 "201,400,401,403,404,409", false},
	{"POST", "/api/dossiers/{id}/escalaties/{escalatie}/verantwoording", h_escalation_step,
	 R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, true, BODY_JSON, 0,
	 "De verantwoording achteraf over een escalatie", "Dossiers", {{0}},
	 {DATUM, {"verantwoording", JSON_STRING, true, NULL}, {"aan", JSON_STRING, true, "bv. het algemeen bestuur"}},
	 "201,400,401,403,404,409", false},
	DOSSIER_POST("sluiting", h_close, CASE_ROLES, "Het dossier sluiten met een uitkomst", DATUM,
		     {"uitkomst", JSON_STRING, true,
		      "terug_op_school, ander_onderwijs, zorg_met_onderwijs, vrijstelling, verhuisd, achttien_of_startkwalificatie"},
		     {"toelichting", JSON_STRING, false, NULL}),
};

const size_t N_CASE_ROUTES = sizeof CASE_ROUTES / sizeof CASE_ROUTES[0];
