/*
 * api_targets.c - targets (doelen, SPEC 8): every role sees the targets of
 * the gebieden in its scope with their way so far (baseline as known then
 * and now, the line, the actual figure at every ijkmoment, on track or not;
 * small numbers protected for the analist); the analist or leerplicht of the
 * gebieden sets, changes and withdraws them (history kept), also from the
 * templates of the seeds (G4, Zuid-Limburg). What a target means and when it
 * is on track is src/core/targets.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/targets_run.h"
#include "../core/suppress.h"
#include "../core/target_fields.h"
#include "../util/alloc.h"
#include "api.h"

/* ---- who sees and who sets ----------------------------------------------------------------- */

/* Whether every gebied of t is in the scope (the beheerder: every target). */
static bool in_scope(const target *t, const dataset *ds, const scope_set *set)
{
	if (set->all)
		return true;
	for (size_t i = 0; i < t->n_gebieden; i++) {
		int32_t g = target_gebied(t, ds, i);
		if (g == NO_REF || !access_sees_gebied(ds, set, (view)t->view, (size_t)g))
			return false;
	}
	return true;
}

/* The same for the caller, on the current snapshot. */
static bool caller_sees(req *r, const target *t)
{
	snapshot *s = snapshot_acquire(&r->srv->snap);
	scope_set set;
	scope_resolve(&r->who->sc, s->ds, &set);
	bool ok = in_scope(t, s->ds, &set);
	scope_set_free(&set);
	snapshot_release(s);
	return ok;
}

static bool may_set(role rl)
{
	return rl == ROLE_ANALIST || rl == ROLE_LEERPLICHT;
}

/* ---- JSON ------------------------------------------------------------------------------------ */

static json_t *figure_json(int64_t v, cell_state st)
{
	const char *mark = st == CELL_SHOWN ? NULL : cell_mark(st, false);
	return mark ? json_string(mark) : json_integer((json_int_t)v);
}

static json_t *fraction_json(fraction f)
{
	char text[32];
	fraction_text(f, text);
	return json_string(text);
}

static target_input input_of_row(const doel_row *v)
{
	return (target_input){v->naam, v->per, v->gebieden, v->telling, v->regels, v->kolom, v->basis, v->verandering,
			      v->aantal, v->streefdatum};
}

static json_t *row_json(const doel_row *v, const dataset *ds, const target *t)
{
	json_t *names = json_array();
	for (size_t i = 0; t && i < t->n_gebieden; i++) {
		int32_t g = target_gebied(t, ds, i);
		japp(names, json_string(g == NO_REF ? t->gebieden[i] : gebied_naam(ds, (view)t->view, (size_t)g)));
	}
	strbuf labels = STRBUF_INIT;
	if (t)
		target_regels_text(t, true, &labels);
	json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:b, s:I, s:s, s:s}",
			      "id", (json_int_t)v->doel_id, "versie", (json_int_t)v->id, "naam", v->naam, "per", v->per,
			      "gebieden", v->gebieden, "gebied_namen", names, "telling", v->telling, "regels", v->regels,
			      "regels_tekst", sb_str(&labels), "kolom", v->kolom, "basis", v->basis, "verandering",
			      str_or_null(v->verandering), "aantal",
			      v->aantal ? json_integer(strtoll(v->aantal, NULL, 10)) : json_null(), "streefdatum",
			      v->streefdatum, "ingetrokken", v->ingetrokken, "registratie", (json_int_t)v->registratie,
			      "vastgelegd_op", v->vastgelegd_op, "door", v->gebruikersnaam);
	sb_free(&labels);
	return j;
}

static json_t *progress_json(const target_progress *p, int64_t then_version, int64_t now_version)
{
	json_t *points = json_array();
	for (size_t i = 0; i < p->n; i++) {
		const target_point *x = &p->points[i];
		char dt[DATE_TEXT];
		date_format(x->day, dt);
		japp(points, json_pack("{s:s, s:o, s:o, s:o}", "datum", dt, "lijn",
				       x->has_line ? fraction_json(x->line) : json_null(), "werkelijk",
				       figure_json(x->actual, x->actual_state), "op_koers",
				       x->has_on_track ? json_boolean(x->on_track) : json_null()));
	}
	const target_point *last = p->n ? &p->points[p->n - 1] : NULL;
	return json_pack("{s:{s:o, s:I, s:o, s:I}, s:o, s:o, s:o}", "basis", "bekend_toen",
			 figure_json(p->baseline_then, p->then_state), "registratie_toen", (json_int_t)then_version,
			 "bekend_nu", figure_json(p->baseline_now, p->now_state), "registratie_nu",
			 (json_int_t)now_version, "doel",
			 p->now_state == CELL_SHOWN ? fraction_json(p->goal) : json_null(), "punten", points, "op_koers",
			 last && last->has_on_track ? json_boolean(last->on_track) : json_null());
}

/* ---- reading ------------------------------------------------------------------------------- */

enum { THEN_CACHE = 4 };

/* The registry as known at earlier versions, loaded once per request. */
typedef struct then_cache {
	int64_t version[THEN_CACHE];
	dataset *ds[THEN_CACHE];
	size_t n;
	bool failed;
} then_cache;

typedef struct reading {
	req *r;
	snapshot *s;
	scope_set set;
	store *st;
	then_cache then;
	json_t *arr;
	bool with_progress;
	bool last_seen; /* the last row read was in scope: of a target's versions, its current one */
} reading;

static const dataset *known_then(reading *rd, int64_t version)
{
	if (version >= rd->s->version)
		return NULL; /* nothing recorded since */
	for (size_t i = 0; i < rd->then.n; i++)
		if (rd->then.version[i] == version)
			return rd->then.ds[i];
	strbuf err = STRBUF_INIT;
	dataset *ds = store_load_version(rd->st, 0, version, rd->r->srv->cfg.threads, &err);
	sb_free(&err);
	if (!ds) {
		rd->then.failed = true;
		return NULL;
	}
	if (rd->then.n == THEN_CACHE) { /* the oldest goes */
		dataset_free(rd->then.ds[0]);
		memmove(rd->then.ds, rd->then.ds + 1, (THEN_CACHE - 1) * sizeof rd->then.ds[0]);
		memmove(rd->then.version, rd->then.version + 1, (THEN_CACHE - 1) * sizeof rd->then.version[0]);
		rd->then.n--;
	}
	rd->then.version[rd->then.n] = version;
	rd->then.ds[rd->then.n++] = ds;
	return ds;
}

static void add_target(reading *rd, const doel_row *v)
{
	target t;
	strbuf err = STRBUF_INIT;
	target_input in = input_of_row(v);
	bool ok = target_parse(&in, NULL, &t, &err);
	sb_free(&err);
	const dataset *ds = rd->s->ds;
	rd->last_seen = ok && in_scope(&t, ds, &rd->set);
	if (!rd->last_seen)
		return;
	json_t *j = row_json(v, ds, &t);
	if (j && rd->with_progress && !v->ingetrokken && !v->vervangen_door) { /* the current version's way */
		snapshot_source src = {rd->s, rd->r->srv->cfg.threads};
		target_sources from = {ds, known_then(rd, v->registratie), snapshot_tellingen, &src,
				       rd->r->srv->cfg.threads, role_counts_protected(rd->r->who->rol)};
		target_progress *p = xcalloc(1, sizeof *p);
		target_progress_run(&t, &from, today(), p);
		jset(j, "voortgang", progress_json(p, v->registratie < rd->s->version ? v->registratie : rd->s->version,
						   rd->s->version));
		free(p);
	}
	japp(rd->arr, j);
}

static void doel_row_cb(void *ctx, const doel_row *v)
{
	add_target(ctx, v);
}

/* The targets the caller sees (doel_id 0), or the versions of one. Returns
 * the store's result; rd->arr holds the answer. */
static int read_targets(req *r, snapshot *s, int64_t doel_id, bool progress, reading *rd)
{
	*rd = (reading){.r = r, .s = s, .arr = json_array(), .with_progress = progress};
	scope_resolve(&r->who->sc, rd->s->ds, &rd->set);
	rd->st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_doelen(rd->st, doel_id, doel_row_cb, rd, &err);
	sb_free(&err);
	if (rd->then.failed)
		rc = -1;
	return rc;
}

static void reading_close(reading *rd)
{
	for (size_t i = 0; i < rd->then.n; i++)
		dataset_free(rd->then.ds[i]);
	pool_put(&rd->r->srv->pool, rd->st);
	scope_set_free(&rd->set);
}

/* The list is the same until the registry or the targets change, or the
 * day: it is cached per snapshot, role, scope, day and the newest version
 * of any target (a baseline as known then takes a load of the registry as
 * it was). */
static void h_targets(req *r)
{
	snapshot *s = snapshot_acquire(&r->srv->snap);
	int64_t newest = 0;
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_doelen_newest(st, &newest, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	char dt[DATE_TEXT];
	date_format(today(), dt);
	strbuf key = STRBUF_INIT;
	caller_cache_key(r, "doelen", &key);
	sb_printf(&key, "|%s|%lld", dt, (long long)newest);
	size_t count = 0;
	shared_body *body = rc ? NULL : snapshot_cache_get(s, sb_str(&key), &count);
	if (!body && !rc) {
		reading rd;
		rc = read_targets(r, s, 0, true, &rd);
		reading_close(&rd);
		strbuf out = STRBUF_INIT;
		if (!rc && !json_guard_failed() && json_write(&out, rd.arr)) {
			body = shared_body_new(sb_str(&out), out.len);
			snapshot_cache_put(s, sb_str(&key), body, 0);
		}
		json_decref(rd.arr);
		sb_free(&out);
	}
	version_header(r, s);
	/* As bytes in r->out, so that a page can read the answer (ui_api_get). */
	if (body)
		reply_raw(r, 200, "application/json; charset=utf-8", body->data, body->len);
	else if (rc)
		reply_error(r, 500, "interne_fout", "de doelen zijn niet leesbaar");
	else
		reply_oom(r);
	shared_body_release(body);
	sb_free(&key);
	snapshot_release(s);
}

static void h_target(req *r)
{
	int64_t id = path_number(r->params[0]);
	if (!id) {
		reply_error(r, 404, "onbekend", "doel '%.20s' is onbekend", r->params[0]);
		return;
	}
	snapshot *s = snapshot_acquire(&r->srv->snap);
	reading rd;
	int rc = read_targets(r, s, id, true, &rd);
	size_t n = json_array_size(rd.arr);
	version_header(r, s);
	reading_close(&rd);
	snapshot_release(s);
	if (rc || !n || !rd.last_seen) { /* unknown, or its current version is outside the scope */
		json_decref(rd.arr);
		if (rc)
			reply_error(r, 500, "interne_fout", "de doelen zijn niet leesbaar");
		else
			reply_error(r, 404, "onbekend", "doel %lld is onbekend", (long long)id);
		return;
	}
	/* The current version with its way so far, and every version before it. */
	json_t *cur = json_incref(json_array_get(rd.arr, n - 1));
	json_t *versions = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_deep_copy(json_array_get(rd.arr, i));
		json_object_del(v, "voortgang");
		japp(versions, v);
	}
	json_decref(rd.arr);
	jset(cur, "versies", versions);
	reply_json(r, 200, cur);
}

static void h_templates(req *r)
{
	json_t *arr = json_array();
	for (int k = 0; k < TEMPLATE_COUNT; k++) {
		const template_desc *d = &TEMPLATES[k];
		/* What the template sets, shown on an example gebied and basis. */
		const char *example[1] = {"GM0000"};
		target t[TEMPLATE_MAX_TARGETS];
		size_t n = target_template_apply((target_template)k, VIEW_GEMEENTE, example, 1, day_from_civil(2016, 10, 1),
						 2016, t);
		json_t *doelen = json_array();
		for (size_t i = 0; i < n; i++) {
			target_text tx;
			target_format(&t[i], &tx);
			japp(doelen, json_pack("{s:s, s:s, s:s, s:o, s:o}", "naam", t[i].naam, "regels", tx.regels, "kolom",
					       tx.kolom, "verandering", str_or_null(tx.verandering), "aantal",
					       t[i].goal_kind == GOAL_NUMBER ? json_integer((json_int_t)t[i].goal_number)
									  : json_null()));
		}
		japp(arr, json_pack("{s:s, s:s, s:s, s:s, s:o}", "code", d->code, "naam", d->naam, "telling",
				    d->telling == TT_JAARTELLING ? "jaartelling" : "resultaatschema", "bron", d->bron, "doelen",
				    doelen));
	}
	reply_json(r, 200, arr);
}

/* ---- changing ------------------------------------------------------------------------------ */

/* A role whose counts are protected counts on first days of the month only
 * (SPEC 9, protected_day_allowed): a baseline on another day would be a count
 * of that day. False with the reason in err. */
static bool baseline_day_allowed(const req *r, const target *t, strbuf *err)
{
	if (t->telling != TT_RESULTAATSCHEMA || !role_counts_protected(r->who->rol) ||
	    protected_day_allowed(t->baseline_peildatum))
		return true;
	sb_reset(err);
	sb_puts(err, "als analist kiest u als peildatum van de basis de eerste dag van een maand (zoals de ijkmomenten "
		     "1 november, 1 februari en 1 juni)");
	return false;
}

/* The target of the body, valid and within the caller's scope: else false
 * with a reply (400 naming the field, 403 outside the scope). */
static bool body_target(req *r, const target_input *in, target *t)
{
	snapshot *s = snapshot_acquire(&r->srv->snap);
	strbuf err = STRBUF_INIT;
	bool ok = target_parse(in, s->ds, t, &err);
	snapshot_release(s);
	if (ok)
		ok = baseline_day_allowed(r, t, &err);
	if (!ok)
		reply_error(r, 400, "ongeldig_doel", "%s", sb_str(&err));
	else if (!(ok = caller_sees(r, t)))
		reply_error(r, 403, "buiten_scope", "een doel kan alleen gelden voor gebieden in uw eigen scope");
	sb_free(&err);
	return ok;
}

/* Store t as a new target (replaces 0) or version; reply made. Returns the new version's id (0 on failure). */
static int64_t save(req *r, int64_t replaces, const target *t, bool withdraw, int64_t *doel_id)
{
	target_text tx;
	target_format(t, &tx);
	doel_row row = {0, 0, t->naam, tx.per, tx.gebieden, tx.telling, tx.regels, tx.kolom, tx.basis,
			tx.verandering[0] ? tx.verandering : NULL, tx.aantal[0] ? tx.aantal : NULL, tx.streefdatum,
			withdraw, 0, NULL, r->who->naam, r->who->id, 0};
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int64_t id = 0;
	int rc = store_doel_save(st, replaces, &row, &id, doel_id, &err);
	pool_put(&r->srv->pool, st);
	if (rc == STORE_NOT_FOUND)
		reply_error(r, 404, "onbekend", "versie %lld van dit doel is onbekend", (long long)replaces);
	else if (rc == STORE_CONFLICT)
		reply_error(r, 409, "conflict", "%s", sb_str(&err));
	else if (rc)
		reply_error(r, 500, "interne_fout", "het doel kon niet worden vastgelegd");
	sb_free(&err);
	return rc ? 0 : id;
}

static target_input body_input(req *r)
{
	return (target_input){form(r, "naam"), form(r, "per"), form(r, "gebieden"), form(r, "telling"),
			      form(r, "regels"), form(r, "kolom"), form(r, "basis"), form(r, "verandering"),
			      form(r, "aantal"), form(r, "streefdatum")};
}

static bool audit_change(req *r, const char *what, int64_t doel_id, int64_t version)
{
	return audit(r, "wijzigen", NULL,
		     json_pack("{s:s, s:s, s:I, s:I}", "onderdeel", "doel", "wijziging", what, "doel", (json_int_t)doel_id,
			       "versie", (json_int_t)version));
}

static void h_target_create(req *r)
{
	target t;
	target_input in = body_input(r);
	if (!may_set(r->who->rol)) {
		reply_error(r, 403, "geen_toegang", "alleen de analist of leerplicht van het gebied stelt doelen vast");
		return;
	}
	if (!body_target(r, &in, &t))
		return;
	int64_t doel_id = 0, id = save(r, 0, &t, false, &doel_id);
	if (id && audit_change(r, "vastgesteld", doel_id, id))
		reply_json(r, 201, json_pack("{s:I, s:I}", "id", (json_int_t)doel_id, "versie", (json_int_t)id));
}

/* The current version of one target, parsed inside the store's callback. */
typedef struct current {
	int64_t version;
	bool ingetrokken, ok;
	target t;
} current;

static void current_row(void *ctx, const doel_row *v)
{
	current *c = ctx;
	strbuf err = STRBUF_INIT;
	target_input in = input_of_row(v);
	c->version = v->id;
	c->ingetrokken = v->ingetrokken;
	c->ok = target_parse(&in, NULL, &c->t, &err);
	sb_free(&err);
}

/* The current version of target `doel_id`, when it stands and the caller
 * sees it; else false with a reply (404). */
static bool current_target(req *r, int64_t doel_id, current *c)
{
	memset(c, 0, sizeof *c);
	int rc = 0;
	if (doel_id) {
		store *st = pool_get(&r->srv->pool);
		strbuf err = STRBUF_INIT;
		rc = store_doelen(st, doel_id, current_row, c, &err);
		pool_put(&r->srv->pool, st);
		sb_free(&err);
	}
	bool ok = !rc && c->version && c->ok && !c->ingetrokken;
	ok = ok && caller_sees(r, &c->t);
	if (rc)
		reply_error(r, 500, "interne_fout", "de doelen zijn niet leesbaar");
	else if (!ok)
		reply_error(r, 404, "onbekend", "doel '%.20s' is onbekend", r->params[0]);
	return ok;
}

static void h_target_change(req *r)
{
	int64_t doel_id = path_number(r->params[0]);
	current cur;
	target t;
	if (!may_set(r->who->rol)) {
		reply_error(r, 403, "geen_toegang", "alleen de analist of leerplicht van het gebied wijzigt doelen");
		return;
	}
	if (!current_target(r, doel_id, &cur))
		return;
	json_t *versie = json_object_get(r->json, "versie");
	int64_t replaces = json_is_integer(versie) ? json_integer_value(versie) : cur.version;
	target_input in = body_input(r);
	if (!body_target(r, &in, &t))
		return;
	int64_t id = save(r, replaces, &t, false, &doel_id);
	if (id && audit_change(r, "gewijzigd", doel_id, id))
		reply_json(r, 200, json_pack("{s:I, s:I, s:I}", "id", (json_int_t)doel_id, "versie", (json_int_t)id,
					     "vervangt", (json_int_t)replaces));
}

static void h_target_withdraw(req *r)
{
	int64_t doel_id = path_number(r->params[0]);
	current cur;
	if (!may_set(r->who->rol)) {
		reply_error(r, 403, "geen_toegang", "alleen de analist of leerplicht van het gebied trekt doelen in");
		return;
	}
	if (!current_target(r, doel_id, &cur))
		return;
	int64_t id = save(r, cur.version, &cur.t, true, &doel_id);
	if (id && audit_change(r, "ingetrokken", doel_id, id))
		reply_json(r, 200, json_pack("{s:I, s:I, s:b}", "id", (json_int_t)doel_id, "versie", (json_int_t)id,
					     "ingetrokken", 1));
}

static void h_template_apply(req *r)
{
	int k = 0;
	while (k < TEMPLATE_COUNT && strcmp(TEMPLATES[k].code, r->params[0]) != 0)
		k++;
	if (k == TEMPLATE_COUNT) {
		reply_error(r, 404, "onbekend", "sjabloon '%.40s' is onbekend (g4 of zuid-limburg)", r->params[0]);
		return;
	}
	if (!may_set(r->who->rol)) {
		reply_error(r, 403, "geen_toegang", "alleen de analist of leerplicht van het gebied stelt doelen vast");
		return;
	}
	const template_desc *d = &TEMPLATES[k];
	target where;
	target_input in = {NULL, form(r, "per"), form(r, "gebieden"),
			   d->telling == TT_JAARTELLING ? "jaartelling" : "resultaatschema", NULL, NULL, form(r, "basis"),
			   NULL, NULL, NULL};
	strbuf err = STRBUF_INIT;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	bool ok = target_parse_scope(&in, s->ds, &where, &err);
	const char *codes[TARGET_MAX_GEBIEDEN];
	for (size_t i = 0; ok && i < where.n_gebieden; i++)
		codes[i] = where.gebieden[i];
	target t[TEMPLATE_MAX_TARGETS];
	size_t n = ok ? target_template_apply((target_template)k, (view)where.view, codes, where.n_gebieden,
					      where.baseline_peildatum, where.baseline_schooljaar, t)
		      : 0;
	if (ok && !n) {
		sb_puts(&err, "de basis van het sjabloon ontbreekt of bestaat niet");
		ok = false;
	}
	for (size_t i = 0; ok && i < n; i++)
		ok = target_validate(&t[i], s->ds, &err) && baseline_day_allowed(r, &t[i], &err);
	snapshot_release(s);
	bool mine = ok && caller_sees(r, &t[0]);
	if (!ok)
		reply_error(r, 400, "ongeldig_doel", "%s", sb_str(&err));
	else if (!mine)
		reply_error(r, 403, "buiten_scope", "een doel kan alleen gelden voor gebieden in uw eigen scope");
	sb_free(&err);
	if (!ok || !mine)
		return;
	json_t *ids = json_array();
	for (size_t i = 0; i < n; i++) {
		int64_t doel_id = 0, id = save(r, 0, &t[i], false, &doel_id);
		if (!id || !audit_change(r, "vastgesteld", doel_id, id)) {
			json_decref(ids);
			return;
		}
		japp(ids, json_integer((json_int_t)doel_id));
	}
	reply_json(r, 201, json_pack("{s:s, s:o}", "sjabloon", d->code, "doelen", ids));
}

/* ---- routes ------------------------------------------------------------------------------- */

#define TARGET_FIELDS                                                                                        \
	{"naam", JSON_STRING, false, "voor mensen"}, {"per", JSON_STRING, true, "gemeente of swv"},             \
		{"gebieden", JSON_STRING, true, "codes, gescheiden door komma's (samen geteld)"},               \
		{"telling", JSON_STRING, true, "resultaatschema (SPEC 5) of jaartelling (SPEC 8.1)"},          \
		{"regels", JSON_STRING, true, "regelcodes van die telling, gescheiden door komma's"},           \
		{"kolom", JSON_STRING, false, "totaal (standaard) of lang: 3 maanden of langer"},              \
		{"basis", JSON_STRING, true, "peildatum JJJJ-MM-DD (resultaatschema) of schooljaar JJJJ"},      \
		{"verandering", JSON_STRING, false, "het doel als verandering in procenten, bv. -75"},          \
		{"aantal", JSON_STRING, false, "het doel als aantal (in plaats van verandering)"},              \
		{"streefdatum", JSON_STRING, true, "JJJJ-MM-DD: dan is het doel bereikt"}

#define SETTERS (R(ROLE_ANALIST) | R(ROLE_LEERPLICHT))

const route TARGET_ROUTES[] = {
	{"GET", "/api/doelen/sjablonen", h_templates, ALL_ROLES, false, false, BODY_NONE, 0,
	 "De doelen van de G4 en Zuid-Limburg (seeds) als sjabloon", "Doelen", {{0}}, {{0}}, "200,401", false},
	{"POST", "/api/doelen/sjablonen/{code}", h_template_apply, SETTERS, false, true, BODY_JSON, 8192,
	 "De doelen van een sjabloon vaststellen voor gebieden in de eigen scope, vanaf een basis", "Doelen", {{0}},
	 {{"per", JSON_STRING, true, "gemeente of swv"}, {"gebieden", JSON_STRING, true, "codes, gescheiden door komma's"},
	  {"basis", JSON_STRING, true, "peildatum (g4) of schooljaar JJJJ (zuid-limburg)"}},
	 "201,400,401,403,404", false},
	{"GET", "/api/doelen", h_targets, ALL_ROLES, false, false, BODY_NONE, 0,
	 "De doelen van de gebieden in de eigen scope, met basis (toen en nu bekend), lijn, werkelijk cijfer per "
	 "ijkmoment en of het op koers is; kleine aantallen afgeschermd voor analisten",
	 "Doelen", {{0}}, {{0}}, "200,401", false},
	{"POST", "/api/doelen", h_target_create, SETTERS, false, true, BODY_JSON, 8192,
	 "Een doel vaststellen (analist of leerplicht van de gebieden)", "Doelen", {{0}}, {TARGET_FIELDS},
	 "201,400,401,403", false},
	{"GET", "/api/doelen/{id}", h_target, ALL_ROLES, false, false, BODY_NONE, 0,
	 "Een doel met zijn voortgang en al zijn versies", "Doelen", {{0}}, {{0}}, "200,401,404", false},
	{"PUT", "/api/doelen/{id}", h_target_change, SETTERS, false, true, BODY_JSON, 8192,
	 "Een doel wijzigen: een nieuwe versie, de oude blijft bewaard", "Doelen", {{0}},
	 {TARGET_FIELDS, {"versie", JSON_INTEGER, false, "de versie die wordt vervangen (409 als die niet meer geldt)"}},
	 "200,400,401,403,404,409", false},
	{"DELETE", "/api/doelen/{id}", h_target_withdraw, SETTERS, false, true, BODY_NONE, 0,
	 "Een doel intrekken (blijft bewaard als geschiedenis)", "Doelen", {{0}}, {{0}}, "200,401,403,404,409", false},
};

const size_t N_TARGET_ROUTES = sizeof TARGET_ROUTES / sizeof TARGET_ROUTES[0];
