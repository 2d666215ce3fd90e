/*
 * api_procedures.c - the vrijstelling 5a procedure over HTTP (SPEC 6):
 * request by the parents, advice of an independent doctor or behavioural
 * expert, advice of the SWV (always asked), an optional MDO, the decision of
 * the leerplichtambtenaar, and the periodic review of every vrijstelling.
 *
 * A procedure is a stream of events (kind "vrijstelling") checked against the
 * state machine of src/core/procedure.c inside the write transaction. The
 * request and the decision are also facts in the registry (vrijstellingen:
 * aangevraagd, then verleend or afgewezen), so the counts of SPEC 5 follow.
 * Who sees a procedure: whoever may see its pupil, and the SWV asked for
 * advice (a pupil with a vrijstelling is often enrolled nowhere). The
 * review of every vrijstelling, also one taken over from the registry, is in
 * api_reviews.c. Only the decision here grants a vrijstelling 5a (SPEC 6).
 */
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "api_procedures.h"

static void got_stream(void *ctx, const stream_info *s)
{
	proc *p = ctx;
	p->id = s->id;
	snprintf(p->pupil_id, sizeof p->pupil_id, "%s", s->leerling_id);
}

static void got_step(void *ctx, const stream_event *e)
{
	proc *p = ctx;
	p->ev = xgrow(p->ev, &p->cap, p->n + 1, sizeof *p->ev);
	json_t *g = NULL;
	if (step_parse(e, &p->ev[p->n], &g)) {
		if (p->ev[p->n].kind == VP_AANVRAAG && g) {
			const char *code = json_string_value(json_object_get(g, "swv"));
			snprintf(p->swv, sizeof p->swv, "%s", code ? code : "");
		}
		p->n++;
	}
	json_decref(g);
	japp(p->events, event_json(e));
}

static void proc_free(proc *p)
{
	json_decref(p->events);
	free(p->ev);
}

static void proc_fold(proc *p)
{
	strbuf why = STRBUF_INIT;
	vp_fold(p->ev, p->n, today(), &p->st, &why);
	sb_free(&why);
}

/* Read procedure id; false (and a reply) when unknown or unreadable. */
static bool proc_load(req *r, int64_t id, proc *p)
{
	*p = (proc){.events = json_array()};
	if (!stream_load(r, PROCEDURE_KIND, "vrijstellingsprocedure", id, got_stream, got_step, p)) {
		proc_free(p);
		return false;
	}
	proc_fold(p);
	return true;
}

bool swv_asked(viewer *v, const char *swv_code)
{
	int32_t k = swv_code[0] ? dataset_swv(v->s->ds, swv_code, strlen(swv_code)) : NO_REF;
	return vp_swv_sees(&v->set, k);
}

static bool sees_proc(viewer *v, const char *pupil_id, const char *swv_code)
{
	classification c;
	return swv_asked(v, swv_code) || viewer_sees_pupil(v, pupil_id, &c);
}

static bool proc_visible(req *r, snapshot *s, const proc *p)
{
	viewer v;
	viewer_open(&v, r, s, 0);
	bool sees = sees_proc(&v, p->pupil_id, p->swv);
	viewer_close(&v);
	return sees;
}

static json_t *proc_json(const proc *p, const snapshot *s, bool timeline)
{
	const vp_state *st = &p->st;
	int32_t k = dataset_swv(s->ds, p->swv, strlen(p->swv));
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:b, s:{s:s, s:s*}, s:o, s:o, s:o, s:i, s:o}", "id",
			      (json_int_t)p->id, "leerling_id", p->pupil_id, "grond", st->grond, "fase", st->fase,
			      "uit_registratie", st->registry, "swv", "code", p->swv, "naam",
			      k != NO_REF ? s->ds->swvs[k].naam : NULL, "aanvraagdatum", date_or_null(st->aanvraag),
			      "advies_arts", date_or_null(st->arts), "advies_swv", date_or_null(st->swv), "mdo",
			      (int)st->mdo, "besluit", json_null());
	if (st->besluit != DAY_NONE)
		jset(j, "besluit",
				    json_pack("{s:o, s:s, s:o, s:o}", "datum", date_or_null(st->besluit), "uitkomst",
					      VP_BESLUIT_NAMES[st->uitkomst], "van", date_or_null(st->van), "tot",
					      date_or_null(st->tot)));
	jset(j, "herbeoordeling",
			    st->review.state == TERM_CLOSED
				    ? json_null()
				    : json_pack("{s:o, s:s, s:i, s:o}", "volgende", date_or_null(st->review.due), "status",
						TERM_STATE_CODES[st->review.state], "aantal", (int)st->reviews, "laatste",
						date_or_null(st->last_review)));
	int32_t pu = dataset_pupil(s->ds, p->pupil_id, strlen(p->pupil_id));
	if (pu != NO_REF)
		jset(j, "leerling", json_pack("{s:s*, s:s*}", "voornaam", PUPIL_AT(s->ds, pu).voornaam,
							     "achternaam", PUPIL_AT(s->ds, pu).achternaam));
	if (timeline)
		jset(j, "tijdlijn", json_copy(p->events));
	return j;
}

/* ---- lists ------------------------------------------------------------------------------ */

static void all_stream(void *ctx, const stream_info *s)
{
	proc_all *a = ctx;
	a->items = xgrow(a->items, &a->cap, a->n + 1, sizeof *a->items);
	proc *p = &a->items[a->n++];
	*p = (proc){.id = s->id};
	snprintf(p->pupil_id, sizeof p->pupil_id, "%s", s->leerling_id);
}

static void all_step(void *ctx, const stream_event *e)
{
	proc_all *a = ctx;
	/* Streams and their events both come in id order. */
	size_t lo = 0, hi = a->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (a->items[mid].id < e->stream)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == a->n || a->items[lo].id != e->stream)
		return;
	proc *p = &a->items[lo];
	json_t *saved = p->events;
	p->events = json_array(); /* got_step appends the timeline; lists do not need it */
	got_step(p, e);
	json_decref(p->events);
	p->events = saved;
}

void proc_all_free(proc_all *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->items[i].ev);
	free(a->items);
}

bool procs_load(req *r, const char *pupil_id, proc_all *a)
{
	*a = (proc_all){0};
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_streams(st, PROCEDURE_KIND, pupil_id, all_stream, a, &err);
	if (!pupil_id && !rc)
		rc = store_stream_events(st, PROCEDURE_KIND, 0, all_step, a, &err);
	for (size_t i = 0; pupil_id && !rc && i < a->n; i++)
		rc = store_stream_events(st, PROCEDURE_KIND, a->items[i].id, all_step, a, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (rc) {
		proc_all_free(a);
		reply_error(r, 500, "interne_fout", "de vrijstellingsprocedures zijn niet leesbaar");
		return false;
	}
	for (size_t i = 0; i < a->n; i++)
		proc_fold(&a->items[i]);
	return true;
}

static void h_list(req *r)
{
	const char *fase = query(r, "fase") ? query(r, "fase") : "alle";
	proc_all a;
	if (!procs_load(r, NULL, &a))
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	viewer v;
	viewer_open(&v, r, s, 0);
	json_t *arr = json_array();
	for (size_t i = 0; i < a.n; i++) {
		const proc *p = &a.items[i];
		bool decided = p->st.besluit != DAY_NONE;
		if ((strcmp(fase, "lopend") == 0 && decided) || (strcmp(fase, "besloten") == 0 && !decided))
			continue;
		if (strcmp(p->st.grond, "5a") != 0)
			continue; /* another ground taken over for its reviews: on /api/herbeoordelingen */
		if (sees_proc(&v, p->pupil_id, p->swv))
			japp(arr, proc_json(p, s, false));
	}
	viewer_close(&v);
	snapshot_release(s);
	proc_all_free(&a);
	reply_audited(r, 200, arr, "lijst", NULL, json_pack("{s:s, s:s, s:I}", "lijst", "vrijstellingsprocedures", "fase", fase,
					      "aantal", (json_int_t)json_array_size(arr)));
}

static void h_get(req *r)
{
	proc p;
	if (!proc_load(r, path_number(r->params[0]), &p))
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	bool sees = proc_visible(r, s, &p);
	if (!sees) {
		reply_error(r, 403, "buiten_scope", "deze procedure valt buiten uw scope");
	} else {
		json_t *j = proc_json(&p, s, true);
		reply_audited(r, 200, j, "lezen", p.pupil_id, json_pack("{s:I}", "vrijstellingsprocedure", (json_int_t)p.id));
	}
	snapshot_release(s);
	proc_free(&p);
}

/* ---- changing ----------------------------------------------------------------------------- */

/* The registry row of the request: find the current "5a aangevraagd" one. */
typedef struct find_request {
	int64_t id;
} find_request;

static void find_request_row(void *ctx, const fact_version *v)
{
	find_request *f = ctx;
	if (v->t == T_VRIJSTELLINGEN && v->f[1].len == 2 && memcmp(v->f[1].p, "5a", 2) == 0 && v->f[2].len == 11 &&
	    memcmp(v->f[2].p, "aangevraagd", 11) == 0)
		f->id = v->id;
}

static void h_create(req *r)
{
	const char *pupil_id = form(r, "leerling_id");
	day_t datum;
	if (!body_day(r, "datum", true, &datum))
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	classification c;
	bool sees = pupil_ok(r, s, pupil_id, &c);
	/* The SWV to ask: as given, else the pupil's own (SPEC 5). */
	char asked[8] = "";
	const char *given = form(r, "swv");
	int32_t k = given ? dataset_swv(s->ds, given, strlen(given)) : (sees ? c.swv : NO_REF);
	if (k != NO_REF)
		snprintf(asked, sizeof asked, "%s", s->ds->swvs[k].code);
	snapshot_release(s);
	if (!sees)
		return;
	if (given && k == NO_REF) {
		reply_error(r, 400, "onbekend_swv", "samenwerkingsverband '%.16s' staat niet in de referentiegegevens", given);
		return;
	}
	if (!asked[0]) {
		reply_error(r, 400, "veld_ontbreekt",
			    "de leerling hoort bij geen samenwerkingsverband: geef in 'swv' aan welk om advies wordt gevraagd");
		return;
	}
	/* The request in the registry: the row that is there, or a new one. */
	store *st = pool_get(&r->srv->pool);
	strbuf why = STRBUF_INIT;
	find_request fr = {0};
	if (store_pupil_facts(st, pupil_id, false, find_request_row, &fr, &why) < 0) {
		pool_put(&r->srv->pool, st);
		reply_store_error(r, -1, &why);
		sb_free(&why);
		return;
	}
	/* The request in the registry, in the same transaction as the procedure:
	 * the row that is there already, or a new one. */
	char dt[DATE_TEXT];
	date_format(datum, dt);
	field f[6] = {{pupil_id, strlen(pupil_id)}, {"5a", 2}, {"aangevraagd", 11}, {dt, strlen(dt)}, {"", 0}, {"", 0}};
	fact_change ch = {T_VRIJSTELLINGEN, 0, f};
	fact_result result = {0};
	fact_facts facts = {&ch, fr.id ? 0 : 1, r->who->naam, "vrijstellingsprocedure: aanvraag", &result};
	json_t *g = json_pack("{s:s, s:s, s:s*}", "grond", "5a", "swv", asked, "toelichting", form(r, "toelichting"));
	char *text = json_dumps(g, JSON_COMPACT);
	json_decref(g);
	new_event ne = {"aanvraag", dt, text ? text : "{}", r->who->id, r->who->naam, r->who->organisatie};
	step_check sc = {.next = {.kind = VP_AANVRAAG}, .opening = true};
	event_audit ea = {"vrijstellingsprocedure", "aanvraag", 0, 0, &result};
	sb_reset(&why);
	audited_change ac;
	audit_change_arm(r, st, &ac, "wijzigen", pupil_id, event_audit_details, &ea);
	int rc = store_stream_open(st, PROCEDURE_KIND, pupil_id, &ne, check_step, &sc, &facts, &ea.stream, &ea.event, &why);
	bool done = audit_change_done(r, st, &ac, rc);
	pool_put(&r->srv->pool, st);
	int64_t id = ea.stream;
	free(text);
	if (!rc && result.batch)
		snapshot_request_update(&r->srv->snap, &pupil_id, 1, result.batch);
	if (rc) {
		if (rc == STORE_INVALID && sc.refused)
			reply_error(r, 409, "bestaat_al", "%s", sb_str(&why));
		else
			reply_store_error(r, rc, &why);
		sb_free(&why);
		return;
	}
	sb_free(&why);
	if (done) {
		char loc[64];
		snprintf(loc, sizeof loc, "/api/vrijstellingsprocedures/%lld", (long long)id);
		add_header(r, "Location", loc);
		reply_json(r, 201, json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)id, "leerling_id", pupil_id, "swv", asked,
					     "registratie", (json_int_t)result.batch));
	}
}

/* A decision also changes the request's row in the registry: the one way a
 * vrijstelling 5a is granted (SPEC 6). */
void procedure_step(req *r, vp_kind kind)
{
	vp_event next = {.kind = kind, .besluit = -1, .van = DAY_NONE, .tot = DAY_NONE, .volgende = DAY_NONE};
	if (!body_day(r, "datum", true, &next.datum))
		return;
	if (kind == VP_BESLUIT) {
		next.besluit = (int32_t)vp_besluit_from_name(form(r, "besluit"));
		if (next.besluit == VB_COUNT) {
			reply_error(r, 400, "ongeldige_waarde", "besluit is tijdelijk, permanent of afgewezen");
			return;
		}
		if (!body_day(r, "van", false, &next.van) || !body_day(r, "tot", false, &next.tot))
			return;
	}
	if (kind == VP_HERBEOORDELING && !body_day(r, "volgende", false, &next.volgende))
		return;
	proc p;
	if (!proc_load(r, path_number(r->params[0]), &p))
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	bool sees = proc_visible(r, s, &p);
	strbuf why = STRBUF_INIT;
	int64_t batch = 0;
	if (!sees) {
		reply_error(r, 403, "buiten_scope", "deze procedure valt buiten uw scope");
		goto out;
	}
	if (!vp_allows(&p.st, &next, &why)) {
		reply_error(r, 409, "niet_toegestaan", "%s", sb_str(&why));
		goto out;
	}
	store *st = pool_get(&r->srv->pool);
	/* A decision changes the request's row in the registry (verleend or
	 * afgewezen), in the same transaction as the step. */
	find_request fr = {0};
	int rc = kind == VP_BESLUIT && store_pupil_facts(st, p.pupil_id, false, find_request_row, &fr, &why) < 0 ? -1 : 0;
	char aanvraag[DATE_TEXT], van[DATE_TEXT], tot[DATE_TEXT];
	date_format(p.st.aanvraag, aanvraag);
	date_format(next.van, van);
	date_format(next.tot, tot);
	const char *status = next.besluit == VB_AFGEWEZEN ? "afgewezen" : "verleend";
	field f[6] = {{p.pupil_id, strlen(p.pupil_id)}, {"5a", 2}, {status, strlen(status)},
		      {aanvraag, strlen(aanvraag)}, {van, strlen(van)}, {tot, strlen(tot)}};
	fact_change ch = {T_VRIJSTELLINGEN, fr.id, f};
	fact_result result = {0};
	fact_facts facts = {&ch, kind == VP_BESLUIT, r->who->naam, "vrijstellingsprocedure: besluit", &result};
	int64_t ev_id = 0;
	bool done = false;
	step_check sc = {.next = next};
	if (!rc) {
		char dt[DATE_TEXT];
		date_format(next.datum, dt);
		json_t *g = json_deep_copy(r->json);
		json_object_del(g, "datum");
		char *text = json_dumps(g, JSON_COMPACT);
		json_decref(g);
		new_event ne = {VP_KIND_NAMES[kind], dt, text ? text : "{}", r->who->id, r->who->naam, r->who->organisatie};
		sb_reset(&why);
		audited_change ac;
		event_audit ea = {"vrijstellingsprocedure", VP_KIND_NAMES[kind], p.id, 0, &result};
		audit_change_arm(r, st, &ac, "wijzigen", p.pupil_id, event_audit_details, &ea);
		rc = store_stream_append(st, p.id, &ne, check_step, &sc, &facts, &ea.event, &why);
		done = audit_change_done(r, st, &ac, rc);
		ev_id = ea.event;
		free(text);
	}
	pool_put(&r->srv->pool, st);
	batch = result.batch;
	if (!rc && batch)
		snapshot_request_update(&r->srv->snap, (const char *const[]){p.pupil_id}, 1, batch);
	if (rc == STORE_INVALID && sc.refused) {
		reply_error(r, 409, "niet_toegestaan", "%s", sb_str(&why));
		goto out;
	}
	if (rc) {
		reply_store_error(r, rc, &why);
		goto out;
	}
	if (done) {
		int64_t id = p.id;
		proc_free(&p);
		if (proc_load(r, id, &p)) {
			json_t *j = proc_json(&p, s, true);
			jset(j, "gebeurtenis_id", json_integer(ev_id));
			if (batch)
				jset(j, "registratie", json_integer(batch));
			reply_json(r, 201, j);
		} else {
			p = (proc){0};
		}
	}
out:
	sb_free(&why);
	snapshot_release(s);
	proc_free(&p);
}

static void h_arts(req *r) { procedure_step(r, VP_ADVIES_ARTS); }
static void h_swv(req *r) { procedure_step(r, VP_ADVIES_SWV); }
static void h_mdo(req *r) { procedure_step(r, VP_MDO); }
static void h_decision(req *r) { procedure_step(r, VP_BESLUIT); }
static void h_review(req *r) { procedure_step(r, VP_HERBEOORDELING); }


/* ---- routes -------------------------------------------------------------------------------- */

#define LP_SWV (R(ROLE_LEERPLICHT) | R(ROLE_SWV))
#define DATUM {"datum", JSON_STRING, true, "JJJJ-MM-DD: de dag dat het gebeurde"}
#define STEP(seg, fn, roles, summary, ...)                                                                   \
	{"POST", "/api/vrijstellingsprocedures/{id}/" seg, fn, roles, false, true, BODY_JSON, 0, summary,       \
	 "Vrijstelling 5a", {{0}}, {DATUM, __VA_ARGS__}, "201,400,401,403,404,409,422", false}

const route PROCEDURE_ROUTES[] = {
	{"GET", "/api/vrijstellingsprocedures", h_list, LP_SWV, false, false, BODY_NONE, 0,
	 "De vrijstellingsprocedures 5a binnen de eigen scope, of waarover het eigen samenwerkingsverband advies geeft",
	 "Vrijstelling 5a", {{"fase", P_CHOICE, false, "lopend|besloten|alle", "standaard alle"}}, {{0}},
	 "200,400,401,403", false},
	{"POST", "/api/vrijstellingsprocedures", h_create, R(ROLE_LEERPLICHT), false, true, BODY_JSON, 0,
	 "De aanvraag van de ouders vastleggen: begint de procedure en zet de aanvraag in de registratie",
	 "Vrijstelling 5a", {{0}},
	 {{"leerling_id", JSON_STRING, true, NULL}, DATUM,
	  {"swv", JSON_STRING, false, "het samenwerkingsverband dat om advies wordt gevraagd; standaard dat van de leerling"},
	  {"toelichting", JSON_STRING, false, NULL}},
	 "201,400,401,403,404,409,422", false},
	{"GET", "/api/vrijstellingsprocedures/{id}", h_get, LP_SWV, false, false, BODY_NONE, 0,
	 "Een vrijstellingsprocedure met haar stappen", "Vrijstelling 5a", {{0}}, {{0}}, "200,401,403,404", false},
	STEP("advies-arts", h_arts, R(ROLE_LEERPLICHT),
	     "Het advies van een onafhankelijke arts of gedragsdeskundige vastleggen",
	     {"deskundige", JSON_STRING, true, "naam en functie"}, {"advies", JSON_STRING, true, NULL}),
	STEP("advies-swv", h_swv, LP_SWV, "Het advies van het samenwerkingsverband vastleggen (wordt altijd gevraagd)",
	     {"advies", JSON_STRING, true, NULL},
	     {"mogelijkheden", JSON_STRING, false, "welk onderwijs wel mogelijk is"}),
	STEP("mdo", h_mdo, LP_SWV, "Een MDO in de procedure vastleggen (niet verplicht)",
	     {"deelnemers", JSON_ARRAY, true, "namen of rollen"}, {"afspraken", JSON_STRING, true, NULL}),
	STEP("besluit", h_decision, R(ROLE_LEERPLICHT),
	     "Het besluit van de leerplichtambtenaar: tijdelijk (met einddatum), permanent of afgewezen",
	     {"besluit", JSON_STRING, true, "tijdelijk, permanent of afgewezen"},
	     {"van", JSON_STRING, false, "JJJJ-MM-DD, bij verlenen"}, {"tot", JSON_STRING, false, "JJJJ-MM-DD, bij tijdelijk"},
	     {"motivering", JSON_STRING, true, NULL}),
	STEP("herbeoordeling", h_review, LP_SWV,
	     "Een herbeoordeling vastleggen: welk onderwijs is toch mogelijk, en wanneer de volgende",
	     {"bevinding", JSON_STRING, true, NULL}, {"volgende", JSON_STRING, false, "JJJJ-MM-DD"}),
};

const size_t N_PROCEDURE_ROUTES = sizeof PROCEDURE_ROUTES / sizeof PROCEDURE_ROUTES[0];
