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
#include "../util/alloc.h"
#include "dossier.h"

static int by_next_term(const void *a, const void *b)
{
	const dossier_state *x = *(const dossier_state *const *)a, *y = *(const dossier_state *const *)b;
	int c = case_compare_next_term(&x->st, &y->st);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

void dossiers_reply(req *r, const dossier_filter *f)
{
	/* The follow-up after a return is signalled on closed dossiers. */
	bool followup = f->signaal && strcmp(f->signaal, "nazorg") == 0;
	const char *status = followup ? "alle" : f->status ? f->status : "open";
	dossier_view dv;
	if (!dossier_view_open(r, &dv))
		return;
	const dossier_state *all = dv.set->items;
	size_t n = dv.set->n;
	snapshot *s = dv.s;
	viewer v;
	viewer_open(&v, r, s, dv.mine);
	const dossier_state **picked = xcalloc(n ? n : 1, sizeof *picked);
	size_t n_picked = 0;
	for (size_t i = 0; i < n; i++) {
		const case_state *st = &all[i].st;
		if ((strcmp(status, "open") == 0 && !st->open) || (strcmp(status, "gesloten") == 0 && st->open))
			continue;
		if (!case_matches_signal(st, f->signaal))
			continue;
		if (f->mine && !case_held_by(st, r->who->id) && !case_led_by(st, dv.mine))
			continue;
		if (!viewer_sees_dossier(&v, all[i].pupil_id, st))
			continue;
		picked[n_picked++] = &all[i];
	}
	if (f->by_term && n_picked > 1)
		qsort(picked, n_picked, sizeof *picked, by_next_term);
	json_t *arr = json_array();
	for (size_t i = 0; i < n_picked; i++) {
		dossier_read d = {.id = picked[i]->id};
		snprintf(d.pupil_id, sizeof d.pupil_id, "%s", picked[i]->pupil_id);
		japp(arr, dossier_json(r, &d, &picked[i]->st, &dv.orgs, s, false));
	}
	free(picked);
	viewer_close(&v);
	dossier_view_close(&dv);
	reply_audited(r, 200, arr, "lijst", NULL,
		      json_pack("{s:s, s:s*, s:b, s:I}", "lijst", "dossiers", "signaal", f->signaal, "mijn", f->mine,
				"aantal", (json_int_t)json_array_size(arr)));
}

static void h_dossiers(req *r)
{
	const char *regie = query(r, "regie"), *order = query(r, "sorteer");
	dossier_filter f = {query(r, "status"), query(r, "signaal"), regie && strcmp(regie, "mijn") == 0,
			    order && strcmp(order, "termijn") == 0};
	dossiers_reply(r, &f);
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
	snapshot *s = snapshot_acquire(&r->srv->snap);
	case_state st;
	dossier_state_now(&d, s, &st);
	bool sees = dossier_visible(r, s, &orgs, d.pupil_id, &st);
	if (!sees) {
		reply_error(r, 403, "buiten_scope", "dit dossier valt buiten uw scope");
	} else {
		json_t *j = dossier_json(r, &d, &st, &orgs, s, true);
		/* Asked to take regie over, an organisation answers first. */
		case_state works = st;
		works.pending = (handover){0};
		jset(j, "mag_vastleggen", json_boolean(dossier_visible(r, s, &orgs, d.pupil_id, &works)));
		reply_audited(r, 200, j, "lezen", d.pupil_id, json_pack("{s:I}", "dossier", (json_int_t)d.id));
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
	json_int_t open = 0, week = 0, overdue = 0, stagnated = 0, no_regie = 0, followup = 0, mine = 0, ours = 0;
	for (size_t i = 0; i < n; i++) {
		const case_state *st = &all[i].st;
		bool due = case_matches_signal(st, "nazorg");
		if ((!st->open && !due) || !viewer_sees_dossier(&v, all[i].pupil_id, st))
			continue;
		followup += due;
		if (!st->open)
			continue;
		open++;
		week += case_matches_signal(st, "deze_week");
		overdue += case_matches_signal(st, "verlopen");
		stagnated += case_matches_signal(st, "gestagneerd");
		no_regie += case_without_regie(st);
		/* Mijn dossiers (issue 14): the regiehouder me, or someone else of my organisation. */
		bool me = case_held_by(st, r->who->id);
		mine += me;
		ours += !me && case_led_by(st, dv.mine);
	}
	viewer_close(&v);
	dossier_view_close(&dv);
	reply_json(r, 200, json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "open", open, "deze_week", week, "verlopen",
				     overdue, "gestagneerd", stagnated, "zonder_regie", no_regie, "nazorg", followup,
				     "regie_bij_mij", mine, "regie_bij_mijn_organisatie", ours));
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
		const char *codes[ST_COUNT];
		for (int i = 0; i < ST_COUNT; i++)
			codes[i] = STAGNATIE[i].code;
		reply_not_one_of(r, "type", codes, ST_COUNT);
		return;
	}
	json_t *g = data_of(r);
	jset(g, "route", json_string(STAGNATIE[ev.type].route));
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
	jset(g, "escalatie_id", json_integer(ev.ref));
	dossier_append(r, path_number(r->params[0]), ev, g, NULL);
}

static void h_close(req *r)
{
	case_event ev = {.kind = EV_SLUITING, .plaats_per = DAY_NONE, .startdatum = DAY_NONE};
	if (!body_day(r, "datum", true, &ev.datum))
		return;
	ev.type = (int32_t)uitkomst_from_code(form(r, "uitkomst"));
	if (ev.type == UIT_COUNT) {
		reply_not_one_of(r, "uitkomst", UITKOMST_CODES, UIT_COUNT);
		return;
	}
	dossier_append(r, path_number(r->params[0]), ev, data_of(r), NULL);
}

/* Open a dossier by hand (for DREIGEND, or whenever none is open). */
static void h_open(req *r)
{
	const char *pupil_id = form(r, "leerling_id");
	snapshot *s = snapshot_acquire(&r->srv->snap);
	classification c;
	bool sees = pupil_ok(r, s, pupil_id, &c);
	snapshot_release(s);
	if (!sees)
		return;
	if (!case_opens_by_hand(&c)) {
		reply_error(r, 409, "niet_toegestaan",
			    "er is geen eerste dag van feitelijke afwezigheid: de leerling verzuimt niet (indeling %s)",
			    CATEGORIE_CODES[c.in_scope ? c.cat : CAT_GEEN]);
		return;
	}
	org_list orgs;
	if (!orgs_load(r, &orgs))
		return;
	store *stb = pool_get(&r->srv->pool);
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
	event_audit ea = {"dossier", "opening", 0, 0, NULL};
	audited_change ac;
	audit_change_arm(r, stb, &ac, "wijzigen", pupil_id, event_audit_details, &ea);
	int rc = store_stream_open(stb, "dossier", pupil_id, &ne, check_opening, NULL, NULL, &ea.stream, &ea.event, &err);
	bool done = audit_change_done(r, stb, &ac, rc);
	pool_put(&r->srv->pool, stb);
	int64_t id = ea.stream;
	if (!rc)
		cases_changed(&r->srv->cases);
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
	if (done) {
		char loc[48];
		snprintf(loc, sizeof loc, "/api/dossiers/%lld", (long long)id);
		add_header(r, "Location", loc);
		reply_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "leerling_id", pupil_id));
	}
}

/* After the return (SPEC 6): a follow-up at one of its moments. */
static void h_followup(req *r)
{
	case_event ev = {.kind = EV_NAZORG, .plaats_per = DAY_NONE, .startdatum = DAY_NONE};
	if (!body_day(r, "datum", true, &ev.datum))
		return;
	ev.type = (int32_t)nazorg_from_code(form(r, "moment"));
	if (ev.type == NAZORG_COUNT) {
		reply_not_one_of(r, "moment", NAZORG_CODES, NAZORG_COUNT);
		return;
	}
	dossier_append(r, path_number(r->params[0]), ev, data_of(r), NULL);
}

/* Reopening a closed dossier by hand (issue 15): the same history, with a
 * reason, within the year after the closing, by the organisation that led
 * it (case_reopens_by_hand, case_may_record); audited as every event. */
static void h_reopen(req *r)
{
	case_event ev = {.kind = EV_HEROPENING, .plaats_per = DAY_NONE, .type = -1, .by_hand = true};
	if (!body_day(r, "datum", true, &ev.datum) || !body_day(r, "startdatum", true, &ev.startdatum))
		return;
	json_t *g = data_of(r);
	jset(g, "automatisch", json_false());
	dossier_append(r, path_number(r->params[0]), ev, g, NULL);
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
	  {"signaal", P_CHOICE, false, "alle|deze_week|verlopen|gestagneerd|zonder_regie|nazorg",
	   "nazorg: gesloten dossiers (terug op school) waarvan een nazorgmoment is gekomen"},
	  {"regie", P_CHOICE, false, "mijn", "mijn: alleen de open dossiers met regie bij mij (de regiehouder) of bij "
	   "mijn organisatie"},
	  {"sorteer", P_CHOICE, false, "urgentie|termijn", "termijn: de eerstvolgende termijn eerst"}},
	 {{0}}, "200,400,401,403", false},
	{"POST", "/api/dossiers", h_open, CASE_ROLES, false, true, BODY_JSON, 0,
	 "Een dossier openen met de hand (bv. voor een dreigend thuiszitter)", "Dossiers", {{0}},
	 {{"leerling_id", JSON_STRING, true, NULL}, {"reden", JSON_STRING, false, NULL}}, "201,400,401,403,404,409",
	 false},
	{"GET", "/api/dossiers/{id}", h_dossier, CASE_ROLES, false, false, BODY_NONE, 0,
	 "Een dossier met zijn tijdlijn, regie, termijnen, escalaties en problemen", "Dossiers", {{0}}, {{0}},
	 "200,401,403,404", false},
	{"GET", "/api/signalen", h_signals, CASE_ROLES, false, false, BODY_NONE, 0,
	 "Hoeveel open dossiers deze week een termijn hebben, over hun termijn zijn, gestagneerd zijn of geen regie hebben, "
	 "en bij hoeveel gesloten dossiers (terug op school) een nazorgmoment is gekomen",
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
	DOSSIER_POST("heropening", h_reopen, CASE_ROLES,
		     "Een gesloten dossier heropenen, binnen een jaar na de sluiting, met de reden: dezelfde geschiedenis, "
		     "geen nieuw dossier; door de organisatie die de regie had", DATUM,
		     {"startdatum", JSON_STRING, true, "JJJJ-MM-DD: de eerste dag van feitelijke afwezigheid"},
		     {"reden", JSON_STRING, true, NULL}),
	DOSSIER_POST("nazorg", h_followup, CASE_ROLES,
		     "Nazorg na de terugkeer naar school vastleggen: 6 weken, 3 maanden of 1 jaar na de sluiting", DATUM,
		     {"moment", JSON_STRING, true, "6_weken, 3_maanden of 1_jaar"}, {"bevinding", JSON_STRING, true, NULL}),
};

const size_t N_CASE_ROUTES = sizeof CASE_ROUTES / sizeof CASE_ROUTES[0];
