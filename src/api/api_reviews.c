/*
 * api_reviews.c - the periodic review of every pupil with a vrijstelling
 * (SPEC 6): 5a, 5b, 5c and the other articles alike, looking for what
 * education is possible after all.
 *
 *   GET  /api/herbeoordelingen  each pupil in scope with a verleend
 *        vrijstelling today, its next review and where it comes from,
 *        earliest review first
 *   POST /api/herbeoordelingen  record a review; a vrijstelling that no
 *        procedure here granted (an import, any 5b or 5c) is first taken over
 *        from the registry (uit_registratie), and its reviews follow in that
 *        stream
 *
 * The stream that backs a vrijstelling is the pupil's latest one that granted
 * the same ground for a period holding it (vp_backs). A 5a that none backs
 * came in by an import and is listed as zonder procedure until its first
 * review (vp_origin_of). The rhythm is the same for every ground: see
 * REVIEW_MONTHS in src/core/procedure.h.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "api_procedures.h"

static int by_pupil(const void *a, const void *b)
{
	const proc *x = *(const proc *const *)a, *y = *(const proc *const *)b;
	int c = strcmp(x->pupil_id, y->pupil_id);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* The streams by pupil, then id (free the array). */
static const proc **by_pupil_index(const proc_all *a)
{
	const proc **idx = xmalloc((a->n ? a->n : 1) * sizeof *idx);
	for (size_t i = 0; i < a->n; i++)
		idx[i] = &a->items[i];
	qsort(idx, a->n, sizeof *idx, by_pupil);
	return idx;
}

/* The pupil's latest stream that backs its vrijstelling x, or NULL. */
static const proc *backing_of(const proc *const *idx, size_t n, const char *pupil_id, const vrijstelling *x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(idx[mid]->pupil_id, pupil_id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	const proc *found = NULL;
	for (; lo < n && strcmp(idx[lo]->pupil_id, pupil_id) == 0; lo++)
		if (vp_backs(&idx[lo]->st, x->grond, x->van, x->tot))
			found = idx[lo];
	return found;
}

typedef struct review_row {
	day_t due;
	const char *pupil_id;
	json_t *j;
} review_row;

static int by_due(const void *a, const void *b)
{
	const review_row *x = a, *y = b;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return strcmp(x->pupil_id, y->pupil_id);
}

static json_t *review_json(const pupil *pu, const vrijstelling *x, const proc *b, term t)
{
	categorie cat = vrijstelling_categorie_of(x);
	const char *soort = cat == CAT_VRIJSTELLING_5A_PERMANENT   ? "permanent"
			    : cat == CAT_VRIJSTELLING_5A_TIJDELIJK ? "tijdelijk"
								   : NULL;
	vp_origin origin = vp_origin_of(x->grond, b ? &b->st : NULL);
	return json_pack("{s:s, s:s*, s:s*, s:s, s:o, s:o, s:o, s:o, s:s, s:o, s:s, s:o}", "leerling_id", pu->id,
			 "voornaam", pu->voornaam, "achternaam", pu->achternaam, "grond", x->grond, "soort",
			 soort ? json_string(soort) : json_null(), "van",
			 date_or_null(x->van), "tot", date_or_null(x->tot == DAY_OPEN ? DAY_NONE : x->tot), "volgende",
			 date_or_null(t.due), "status", TERM_STATE_CODES[t.state], "laatste",
			 date_or_null(b ? b->st.last_review : DAY_NONE), "herkomst", VP_ORIGIN_CODES[origin], "procedure",
			 b ? json_integer(b->id) : json_null());
}

/* Every pupil in scope with a verleend vrijstelling today, whatever its
 * ground, with its next review: earliest first. */
static void h_reviews(req *r)
{
	proc_all a;
	if (!procs_load(r, NULL, &a))
		return;
	const proc **idx = by_pupil_index(&a);
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	viewer v;
	viewer_open(&v, r, s, 0);
	day_t d = today();
	review_row *rows = NULL;
	size_t n = 0, cap = 0;
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		const vrijstelling *x = vrijstelling_granted_on(ds, p, d);
		if (!x)
			continue;
		const pupil *pu = &PUPIL_AT(ds, p);
		const proc *b = backing_of(idx, a.n, pu->id, x);
		classification c;
		if (!viewer_sees_pupil(&v, pu->id, &c) && !(b && swv_asked(&v, b->swv)))
			continue;
		term t = vp_review(b ? &b->st : NULL, x->van, x->tot, d);
		rows = xgrow(rows, &cap, n + 1, sizeof *rows);
		rows[n++] = (review_row){t.due, pu->id, review_json(pu, x, b, t)};
	}
	if (n > 1)
		qsort(rows, n, sizeof *rows, by_due);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		japp(arr, rows[i].j);
	free(rows);
	viewer_close(&v);
	snapshot_release(s);
	free(idx);
	proc_all_free(&a);
	reply_audited(r, 200, arr, "lijst", NULL,
		      json_pack("{s:s, s:I}", "lijst", "herbeoordelingen", "aantal", (json_int_t)json_array_size(arr)));
}

/* The id of the pupil's stream that backs vrijstelling x (0: none); false
 * (and a reply) when the streams are unreadable. */
static bool find_backing(req *r, const char *pupil_id, const vrijstelling *x, int64_t *id)
{
	proc_all a;
	if (!procs_load(r, pupil_id, &a))
		return false;
	const proc **idx = by_pupil_index(&a);
	const proc *b = backing_of(idx, a.n, pupil_id, x);
	*id = b ? b->id : 0;
	free(idx);
	proc_all_free(&a);
	return true;
}

/* Take vrijstelling x over from the registry: a stream of its own that its
 * reviews follow. *id receives it (or the one that took it over meanwhile). */
static bool take_over(req *r, const char *pupil_id, const vrijstelling *x, const char *swv_code, int64_t *id)
{
	step_check sc;
	event_audit ea = {"vrijstellingsprocedure", VP_KIND_NAMES[VP_REGISTRATIE], 0, 0, NULL};
	case_actor who = {r->who->id, 0, r->who->naam, r->who->organisatie};
	strbuf why = STRBUF_INIT;
	store *st = pool_get(&r->srv->pool);
	audited_change ac;
	audit_change_arm(r, st, &ac, "wijzigen", pupil_id, event_audit_details, &ea);
	int rc = vp_take_over(st, pupil_id, x, swv_code, &who, &sc, &ea.stream, &ea.event, &why);
	bool done = audit_change_done(r, st, &ac, rc);
	*id = ea.stream;
	if (rc == STORE_INVALID && sc.backed) /* taken over meanwhile: review in that one */
		rc = vp_latest(st, pupil_id, id, &why);
	pool_put(&r->srv->pool, st);
	bool ok = false;
	if (rc == STORE_INVALID && sc.refused)
		reply_error(r, 409, "niet_toegestaan", "%s", sb_str(&why));
	else if (rc)
		reply_store_error(r, rc, &why);
	else
		ok = sc.backed || done; /* audit_change_done() replied when it failed */
	sb_free(&why);
	return ok;
}

/* A review of any pupil with a verleend vrijstelling today, in the stream
 * that backs it, or after taking it over from the registry. */
static void h_review_any(req *r)
{
	const char *pupil_id = form(r, "leerling_id");
	snapshot *s = snapshot_acquire(&r->srv->snap);
	int32_t p = dataset_pupil(s->ds, pupil_id, strlen(pupil_id));
	classification c;
	bool sees = pupil_ok(r, s, pupil_id, &c);
	const vrijstelling *found = sees ? vrijstelling_granted_on(s->ds, (uint32_t)p, today()) : NULL;
	vrijstelling x = found ? *found : (vrijstelling){0};
	char swv_code[8] = "";
	if (found && c.swv != NO_REF)
		snprintf(swv_code, sizeof swv_code, "%s", s->ds->swvs[c.swv].code);
	snapshot_release(s);
	if (!sees)
		return;
	if (!found) {
		reply_error(r, 409, "niet_toegestaan", "deze leerling heeft vandaag geen verleende vrijstelling");
		return;
	}
	int64_t id = 0;
	if (!find_backing(r, pupil_id, &x, &id) || (!id && !take_over(r, pupil_id, &x, swv_code, &id)))
		return;
	snprintf(r->params[0], sizeof r->params[0], "%lld", (long long)id);
	r->n_params = 1;
	procedure_step(r, VP_HERBEOORDELING);
}

/* ---- routes -------------------------------------------------------------------------------- */

#define LP_SWV (R(ROLE_LEERPLICHT) | R(ROLE_SWV))
#define DATUM {"datum", JSON_STRING, true, "JJJJ-MM-DD: de dag dat het gebeurde"}

const route REVIEW_ROUTES[] = {
	{"GET", "/api/herbeoordelingen", h_reviews, LP_SWV, false, false, BODY_NONE, 0,
	 "Elke leerling binnen de scope met een verleende vrijstelling (5a, 5b, 5c of een ander artikel), met de volgende "
	 "herbeoordeling, eerstvolgende eerst; een ingelezen 5a staat er zonder procedure tot de eerste herbeoordeling",
	 "Vrijstelling 5a", {{0}}, {{0}}, "200,401,403", false},
	{"POST", "/api/herbeoordelingen", h_review_any, LP_SWV, false, true, BODY_JSON, 0,
	 "Een herbeoordeling vastleggen voor een leerling met een verleende vrijstelling, ook een die niet via een "
	 "procedure in inbeeld verleend is (de vrijstelling wordt dan uit de registratie overgenomen)",
	 "Vrijstelling 5a", {{0}},
	 {{"leerling_id", JSON_STRING, true, NULL}, DATUM, {"bevinding", JSON_STRING, true, NULL},
	  {"volgende", JSON_STRING, false, "JJJJ-MM-DD"}},
	 "201,400,401,403,404,409,422", false},
};

const size_t N_REVIEW_ROUTES = sizeof REVIEW_ROUTES / sizeof REVIEW_ROUTES[0];
