/*
 * dossier.c - one dossier over HTTP: reading its stream, its state and
 * timeline as JSON, and appending an event. See dossier.h.
 */
#include "dossier.h"

#include <stdlib.h>
#include <string.h>

#include "../core/sort.h"
#include "../util/alloc.h"

static void got_stream(void *ctx, const stream_info *s)
{
	dossier_read *d = ctx;
	d->id = s->id;
	snprintf(d->pupil_id, sizeof d->pupil_id, "%s", s->leerling_id);
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
	japp(d->events, event_json(e));
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
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int found = id > 0 ? store_stream_get(st, id, match_stream, &m, &err) : 0;
	int rc = found == 1 && m.found ? store_stream_events(st, kind, id, event, ctx, &err) : 0;
	pool_put(&r->srv->pool, st);
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
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	account a = {0};
	int found = store_account_get(st, NULL, id, &a, &err);
	pool_put(&r->srv->pool, st);
	snprintf(buf, size, "%s", found == 1 ? a.naam : "?");
	account_free(&a);
	sb_free(&err);
	return buf;
}

static json_t *state_json(req *r, const case_state *st, const org_list *orgs, bool back)
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
		japp(esc, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s*, s:s*}", "id", (json_int_t)x->id, "type",
						     STAGNATIE[x->type].code, "omschrijving", STAGNATIE[x->type].label,
						     "route", STAGNATIE[x->type].route, "gestart", a, "besloten",
						     b[0] ? b : NULL, "verantwoord", c[0] ? c : NULL));
	}
	const char *signal = case_signal(st);
	const char *texts[CASE_MAX_PROBLEMS];
	size_t n_problems = case_problems(st, back, texts);
	json_t *problems = json_array();
	for (size_t i = 0; i < n_problems; i++)
		japp(problems, json_string(texts[i]));
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
	dossier_fold(s->ds, d->pupil_id, d->ev, d->n, today(), st, &why);
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
		jcheck(json_array_append(out, items[i]));
	free(items);
	return out;
}

/* After a return to school: the three follow-up moments, when each is due
 * and when it was recorded; [] for any other dossier. */
static json_t *followups_json(const case_state *st)
{
	json_t *a = json_array();
	for (int k = 0; k < NAZORG_COUNT && st->followup_due[0] != DAY_NONE; k++) {
		char due[DATE_TEXT], done[DATE_TEXT];
		date_format(st->followup_due[k], due);
		date_format(st->followup_done[k], done);
		japp(a, json_pack("{s:s, s:s, s:s, s:o, s:b}", "moment", NAZORG_CODES[k], "omschrijving", NAZORG_LABELS[k],
				  "datum", due, "vastgelegd_op", str_or_null(done),
				  "aan_de_beurt", st->followup_next == (nazorg)k));
	}
	return a;
}

json_t *dossier_json(req *r, const dossier_read *d, const case_state *st, const org_list *orgs,
			    const snapshot *s, bool with_timeline)
{
	int32_t p = dataset_pupil(s->ds, d->pupil_id, strlen(d->pupil_id));
	classification c;
	if (p != NO_REF)
		classify(s->ds, (uint32_t)p, today(), &c);
	json_t *j = state_json(r, st, orgs, p != NO_REF && case_pupil_back(&c));
	jset(j, "id", json_integer(d->id));
	jset(j, "leerling_id", json_string(d->pupil_id));
	jset(j, "nazorg", followups_json(st));
	jset(j, "heropend", json_integer(st->reopened));
	if (p != NO_REF) {
		const pupil *pu = &PUPIL_AT(s->ds, p);
		jset(j, "leerling", json_pack("{s:s*, s:s*, s:s}", "voornaam", pu->voornaam, "achternaam",
							     pu->achternaam, "categorie_vandaag",
							     CATEGORIE_CODES[c.in_scope ? c.cat : CAT_GEEN]));
	}
	if (with_timeline)
		jset(j, "tijdlijn", timeline(d->events));
	return j;
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
	s = snapshot_acquire(&r->srv->snap);
	dossier_state_now(&d, s, &st);
	/* The organisation asked to take regie over sees the dossier, to decide;
	 * it works in it once it has accepted. */
	case_state seen = st;
	if (ev.kind != EV_AANVAARDING && ev.kind != EV_AFWIJZING)
		seen.pending = (handover){0};
	if (!dossier_visible(r, s, &orgs, d.pupil_id, &seen)) {
		reply_error(r, 403, "buiten_scope", "dit dossier valt buiten uw scope");
		goto out;
	}
	char *text = json_text(gegevens);
	fact_result result = {0};
	case_actor who = {r->who->id, own_org(&orgs, r->who), r->who->naam, r->who->organisatie};
	bool refused = false;
	event_audit ea = {"dossier", CASE_KIND_NAMES[ev.kind], id, 0, &result};
	store *stb = pool_get(&r->srv->pool);
	sb_reset(&why);
	audited_change ac;
	audit_change_arm(r, stb, &ac, "wijzigen", d.pupil_id, event_audit_details, &ea);
	int rc = case_record(stb, s->ds, id, d.pupil_id, &ev, text, of, &who, today(), &result, &ea.event, &refused, &why);
	bool done = audit_change_done(r, stb, &ac, rc);
	pool_put(&r->srv->pool, stb);
	int64_t event_id = ea.event;
	free(text);
	if (rc == 0)
		cases_changed(&r->srv->cases);
	if (rc == 0 && result.batch)
		snapshot_request_update(&r->srv->snap, (const char *const[]){d.pupil_id}, 1, result.batch);
	if (rc == STORE_INVALID && refused)
		reply_error(r, 409, "niet_toegestaan", "%s", sb_str(&why));
	else if (rc == STORE_INVALID) /* the aanbod fact breaks a rule of the registry */
		reply_error(r, 422, "ongeldig", "%s", sb_str(&why));
	else if (rc)
		reply_error(r, 500, "interne_fout", "de gebeurtenis kon niet worden vastgelegd");
	else if (done) {
		dossier_read_free(&d);
		if (dossier_load(r, id, &d)) {
			dossier_state_now(&d, s, &st);
			json_t *j = dossier_json(r, &d, &st, &orgs, s, true);
			jset(j, "gebeurtenis_id", json_integer(event_id));
			if (result.batch)
				jset(j, "registratie", json_integer(result.batch));
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
