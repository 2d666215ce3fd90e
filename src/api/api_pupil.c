/*
 * api_pupil.c - one pupil: read, explain, history, search, and corrections.
 *
 * Reads come from the snapshot when it is current, else the pupil is read
 * from the registry right away (a change is visible at once). Whether the
 * caller may see the pupil is decided here, per request, from the session's
 * role and scope on the peildatum; a school sees only what happened at its own
 * vestigingen and during its own enrolment periods.
 */
#include <stdlib.h>
#include <string.h>

#include "../app/accounts.h"
#include "../core/leerplicht.h"
#include "../core/encode.h"
#include "../core/procedure.h"
#include "../util/alloc.h"
#include "api_cases.h"
#include "../http/http.h"

static bool pupil_id_ok(const char *id)
{
	size_t n = strlen(id);
	if (!n || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f || id[i] == '/')
			return false;
	return true;
}

typedef struct pupil_view {
	snapshot *snap;
	dataset *own;
	const dataset *ds;
	int32_t p;
} pupil_view;

static void view_close(pupil_view *pv)
{
	if (pv->snap)
		snapshot_release(pv->snap);
	dataset_free(pv->own);
	*pv = (pupil_view){0};
}

/* Find the pupil: false (and a reply) when the id is malformed or unknown. */
static bool view_open(req *r, const char *id, pupil_view *pv)
{
	*pv = (pupil_view){.p = NO_REF};
	if (!pupil_id_ok(id)) {
		reply_error(r, 400, "ongeldige_id", "ongeldige leerling_id");
		return false;
	}
	pv->snap = snapshot_acquire(r->srv);
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	int64_t now = 0;
	bool ok = store_version(st, &now, &err) == 0;
	if (ok && now == pv->snap->version) {
		pv->ds = pv->snap->ds;
	} else if (ok) {
		pv->own = store_load(st, BUILD_IDENTITY, NULL, id, 1, &err);
		pv->ds = pv->own;
		ok = pv->own != NULL;
	}
	pool_put(r->srv, st);
	if (!ok) {
		reply_error(r, 500, "interne_fout", "de registratie is niet leesbaar");
		sb_free(&err);
		view_close(pv);
		return false;
	}
	sb_free(&err);
	pv->p = dataset_pupil(pv->ds, id, strlen(id));
	if (pv->p == NO_REF) {
		reply_error(r, 404, "onbekend", "leerling '%s' is onbekend", id);
		view_close(pv);
		return false;
	}
	return true;
}

/* Whether the caller may see the pupil on day d (replies 403 when not). */
static bool may_see(req *r, const pupil_view *pv, const classification *c, bool reply)
{
	const char *id = pv->ds->pupils[pv->p].id;
	if (r->who->rol == ROLE_BEHEERDER && grant_active(r->srv, r->who->id, id)) {
		r->break_glass = true;
		return true;
	}
	scope_set set;
	scope_resolve(&r->who->sc, pv->ds, &set);
	/* Whoever leads the pupil's case sees the pupil too (asked only when the
	 * scope does not already say yes). */
	bool yes = access_sees_pupil(pv->ds, &set, (uint32_t)pv->p, c) ||
		   access_sees_pupil_or_case(pv->ds, &set, (uint32_t)pv->p, c, leads_case_of(r, pv->snap, id));
	scope_set_free(&set);
	if (!yes && reply) {
		char d[DATE_TEXT];
		date_format(c->peildatum, d);
		reply_error(r, 403, "buiten_scope", "deze leerling valt op %s niet binnen uw scope", d);
	}
	return yes;
}

/* ---- facts as JSON ------------------------------------------------------------ */

/* Which facts the caller sees (access_fact_visible). */
typedef struct fact_filter {
	const dataset *ds;
	const scope_set *set;
	uint32_t p;
} fact_filter;

static json_t *typed(table_id t, int col, field f)
{
	if (!f.len)
		return json_null();
	const char *name = TABLES[t].cols[col];
	if (strcmp(name, "in_onderzoek") == 0)
		return json_boolean(f.p[0] == '1');
	if (strcmp(name, "uren") == 0)
		return json_real(strtod(f.p, NULL));
	return json_stringn(f.p, f.len);
}

typedef struct facts_ctx {
	const fact_filter *ff;
	json_t *by_table[T_COUNT];
	int64_t identity_version;
} facts_ctx;

static void collect_fact(void *ctx, const fact_version *v)
{
	facts_ctx *fc = ctx;
	if (!access_fact_visible(fc->ff->ds, fc->ff->set, fc->ff->p, v->t, v->f))
		return;
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(v->id));
	for (int i = 1; i < TABLES[v->t].ncols; i++)
		json_object_set_new(o, TABLES[v->t].cols[i], typed(v->t, i, v->f[i]));
	json_object_set_new(o, "geregistreerd_op", json_string(v->recorded_at ? v->recorded_at : ""));
	json_object_set_new(o, "geregistreerd_door", json_string(v->recorded_by ? v->recorded_by : ""));
	if (v->batch_until) {
		json_object_set_new(o, "beeindigd_op", json_string(v->ended_at ? v->ended_at : ""));
		json_object_set_new(o, "beeindigd_door", json_string(v->ended_by ? v->ended_by : ""));
	}
	if (v->t == T_LEERLINGEN && !v->batch_until)
		fc->identity_version = v->id;
	if (!fc->by_table[v->t])
		fc->by_table[v->t] = json_array();
	json_array_append_new(fc->by_table[v->t], o);
}

/* The pupil's facts (current, or all versions) as {table: [...]} */
static json_t *facts_json(req *r, const pupil_view *pv, bool history, int64_t *identity_version)
{
	scope_set set;
	scope_resolve(&r->who->sc, pv->ds, &set);
	fact_filter ff = {pv->ds, &set, (uint32_t)pv->p};
	facts_ctx fc = {.ff = &ff};
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	int rc = store_pupil_facts(st, pv->ds->pupils[pv->p].id, history, collect_fact, &fc, &err);
	pool_put(r->srv, st);
	sb_free(&err);
	scope_set_free(&set);
	json_t *out = json_object();
	for (int t = 0; t < T_COUNT; t++)
		if (TABLES[t].per_pupil || (history && t == T_LEERLINGEN))
			json_object_set_new(out, TABLES[t].name, fc.by_table[t] ? fc.by_table[t] : json_array());
	if (!history && fc.by_table[T_LEERLINGEN])
		json_decref(fc.by_table[T_LEERLINGEN]);
	if (identity_version)
		*identity_version = fc.identity_version;
	if (rc < 0) {
		json_decref(out);
		return NULL;
	}
	return out;
}

static json_t *identity_json(const pupil *pu, int64_t version)
{
	char geb[DATE_TEXT], sk[DATE_TEXT];
	date_format(pu->geboortedatum, geb);
	date_format(pu->startkwalificatie, sk);
	return json_pack("{s:I, s:s*, s:s*, s:s, s:s*, s:s*, s:s*}", "versie", (json_int_t)version, "bsn", pu->bsn,
			 "onderwijsnummer", pu->onderwijsnummer, "geboortedatum", geb, "voornaam", pu->voornaam,
			 "achternaam", pu->achternaam, "startkwalificatie", sk[0] ? sk : NULL);
}

/* ---- reads ---------------------------------------------------------------------- */

void h_pupil(req *r)
{
	day_t d;
	pupil_view pv;
	if (!peildatum_param(r, &d) || !view_open(r, r->params[0], &pv))
		return;
	classification c;
	classify(pv.ds, (uint32_t)pv.p, d, &c);
	if (!may_see(r, &pv, &c, true)) {
		view_close(&pv);
		return;
	}
	explanation ex;
	explain(pv.ds, (uint32_t)pv.p, &c, &ex);
	int64_t version = 0;
	json_t *facts = facts_json(r, &pv, false, &version);
	json_t *j = uitleg_json(pv.ds, (uint32_t)pv.p, &c, &ex);
	/* uitleg_json gives {leerling_id, peildatum, in_beeld, classificatie, samenvatting, uitleg} */
	json_t *uitleg = json_pack("{s:O, s:O}", "samenvatting", json_object_get(j, "samenvatting"), "regels",
				   json_object_get(j, "uitleg"));
	json_object_del(j, "samenvatting");
	json_object_del(j, "uitleg");
	json_object_set_new(j, "leerling", identity_json(&pv.ds->pupils[pv.p], version));
	json_object_set_new(j, "uitleg", uitleg);
	json_object_set_new(j, "feiten", facts ? facts : json_object());
	explanation_free(&ex);
	char dt[DATE_TEXT];
	date_format(d, dt);
	reply_audited(r, 200, j, "lezen", pv.ds->pupils[pv.p].id, json_pack("{s:s}", "peildatum", dt));
	view_close(&pv);
}

void h_pupil_explain(req *r)
{
	day_t d;
	pupil_view pv;
	if (!peildatum_param(r, &d) || !view_open(r, r->params[0], &pv))
		return;
	classification c;
	classify(pv.ds, (uint32_t)pv.p, d, &c);
	if (may_see(r, &pv, &c, true)) {
		explanation ex;
		explain(pv.ds, (uint32_t)pv.p, &c, &ex);
		json_t *j = uitleg_json(pv.ds, (uint32_t)pv.p, &c, &ex);
		explanation_free(&ex);
		char dt[DATE_TEXT];
		date_format(d, dt);
		reply_audited(r, 200, j, "uitleg", pv.ds->pupils[pv.p].id, json_pack("{s:s}", "peildatum", dt));
	}
	view_close(&pv);
}

void h_pupil_history(req *r)
{
	day_t d;
	pupil_view pv;
	if (!peildatum_param(r, &d) || !view_open(r, r->params[0], &pv))
		return;
	classification c;
	classify(pv.ds, (uint32_t)pv.p, d, &c);
	if (may_see(r, &pv, &c, true)) {
		json_t *facts = facts_json(r, &pv, true, NULL);
		if (!facts)
			reply_error(r, 500, "interne_fout", "de geschiedenis is niet leesbaar");
		else if (audit(r, "geschiedenis", pv.ds->pupils[pv.p].id, NULL))
			reply_json(r, 200, json_pack("{s:s, s:o}", "leerling_id", pv.ds->pupils[pv.p].id, "feiten", facts));
		else
			json_decref(facts);
	}
	view_close(&pv);
}

static bool contains_ci(const char *hay, const char *needle)
{
	if (!hay)
		return false;
	size_t n = strlen(needle);
	for (const char *h = hay; *h; h++) {
		size_t i = 0;
		while (i < n && h[i] && (h[i] | 0x20) == (needle[i] | 0x20))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

void h_search(req *r)
{
	const char *zoek = query(r, "zoek"), *bsn = query(r, "bsn"), *geb = query(r, "geboortedatum");
	day_t d, born = DAY_NONE;
	if (!peildatum_param(r, &d))
		return;
	if (!zoek && !bsn && !geb) {
		reply_error(r, 400, "parameter_ontbreekt", "zoek op naam (zoek), geboortedatum of bsn");
		return;
	}
	if (zoek && strlen(zoek) < 2) {
		reply_error(r, 400, "ongeldige_parameter", "zoek op minstens twee tekens");
		return;
	}
	if (geb)
		date_parse(geb, strlen(geb), &born);
	snapshot *s = snapshot_acquire(r->srv);
	const dataset *ds = s->ds;
	scope_set set;
	scope_resolve(&r->who->sc, ds, &set);
	json_t *arr = json_array(), *ids = json_array();
	size_t n = 0;
	for (uint32_t p = 0; p < ds->n_pupils && n < 50; p++) {
		const pupil *pu = &ds->pupils[p];
		if (born != DAY_NONE && pu->geboortedatum != born)
			continue;
		if (bsn && (!pu->bsn || strcmp(pu->bsn, bsn) != 0))
			continue;
		if (zoek && !contains_ci(pu->voornaam, zoek) && !contains_ci(pu->achternaam, zoek) &&
		    !contains_ci(pu->id, zoek))
			continue;
		classification c;
		classify(ds, p, d, &c);
		bool granted = r->who->rol == ROLE_BEHEERDER && grant_active(r->srv, r->who->id, pu->id);
		if (!granted && !access_sees_pupil(ds, &set, p, &c))
			continue;
		char g[DATE_TEXT];
		date_format(pu->geboortedatum, g);
		json_array_append_new(arr, json_pack("{s:s, s:s*, s:s*, s:s, s:s}", "leerling_id", pu->id, "voornaam",
						     pu->voornaam, "achternaam", pu->achternaam, "geboortedatum", g,
						     "categorie", CATEGORIE_CODES[c.in_scope ? c.cat : CAT_GEEN]));
		json_array_append_new(ids, json_string(pu->id));
		n++;
	}
	scope_set_free(&set);
	snapshot_release(s);
	reply_audited(r, 200, arr, "zoeken", NULL, json_pack("{s:I, s:o}", "aantal", (json_int_t)n, "leerlingen", ids));
}

/* ---- corrections ---------------------------------------------------------------- */

/* The kind of fact a route is about, from its path ("/api/leerlingen/{id}/verzuim..."). */
static table_id fact_table_of(const route *rt)
{
	const char *p = strstr(rt->path, "{id}/");
	if (!p)
		return T_LEERLINGEN;
	p += 5;
	size_t len = strcspn(p, "/");
	for (int t = 0; t < T_COUNT; t++)
		if (strlen(TABLES[t].name) == len && strncmp(TABLES[t].name, p, len) == 0)
			return (table_id)t;
	return T_COUNT;
}

/* Text row (all columns of t) from a JSON object; leerling_id from the path. */
typedef struct row_text {
	char buf[TABLE_MAX_COLS][208];
	field f[TABLE_MAX_COLS];
} row_text;

static void row_from_json(table_id t, const char *id, json_t *obj, row_text *rt)
{
	const table_desc *td = &TABLES[t];
	for (int i = 0; i < td->ncols; i++) {
		rt->buf[i][0] = '\0';
		if (i == 0) {
			snprintf(rt->buf[0], sizeof rt->buf[0], "%s", id);
		} else {
			json_t *v = json_object_get(obj, td->cols[i]);
			if (json_is_string(v))
				snprintf(rt->buf[i], sizeof rt->buf[i], "%s", json_string_value(v));
			else if (json_is_boolean(v))
				snprintf(rt->buf[i], sizeof rt->buf[i], "%s", json_is_true(v) ? "1" : "0");
			else if (json_is_number(v)) {
				double x = json_number_value(v);
				if (x >= 0 && x < 100000)
					format_uren((int32_t)(x * 100 + 0.5), rt->buf[i]);
				else
					snprintf(rt->buf[i], sizeof rt->buf[i], "%g", x); /* the builder refuses it */
			}
		}
		if (t == T_WOONADRESSEN && strcmp(td->cols[i], "in_onderzoek") == 0 && !rt->buf[i][0])
			snprintf(rt->buf[i], sizeof rt->buf[i], "0");
		rt->f[i] = (field){rt->buf[i], strlen(rt->buf[i])};
	}
}

typedef struct find_ctx {
	table_id t;
	int64_t id;
	bool found, ended;
	row_text row;
} find_ctx;

static void find_fact(void *ctx, const fact_version *v)
{
	find_ctx *fc = ctx;
	if (v->t != fc->t || v->id != fc->id)
		return;
	fc->found = true;
	fc->ended = v->batch_until != 0;
	for (int i = 0; i < TABLES[v->t].ncols; i++) {
		snprintf(fc->row.buf[i], sizeof fc->row.buf[i], "%.*s", (int)v->f[i].len, v->f[i].p ? v->f[i].p : "");
		fc->row.f[i] = (field){fc->row.buf[i], strlen(fc->row.buf[i])};
	}
}

static int64_t parse_id(const char *s)
{
	if (!*s || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s))
		return 0;
	return strtoll(s, NULL, 10);
}

static void reply_change_error(req *r, int rc, const strbuf *err)
{
	switch (rc) {
	case STORE_NOT_FOUND: reply_error(r, 404, "onbekend", "%s", sb_str(err)); break;
	case STORE_CONFLICT: reply_error(r, 409, "conflict", "%s", sb_str(err)); break;
	case STORE_INVALID: reply_error(r, 422, "ongeldig", "%s", sb_str(err)); break;
	default: reply_error(r, 500, "interne_fout", "de wijziging kon niet worden opgeslagen");
	}
}

/* Carry out a correction after the access checks; replies and audits. */
static void apply(req *r, const char *id, const fact_change *ch, size_t n, int created_status)
{
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT, warn = STRBUF_INIT;
	int64_t batch = 0, ids[4] = {0};
	char source[160];
	snprintf(source, sizeof source, "%s %s", r->method, r->rt->path);
	int rc = store_pupil_change(st, id, ch, n, r->who->naam, source, &batch, ids, &warn, &err);
	pool_put(r->srv, st);
	if (rc) {
		reply_change_error(r, rc, &err);
		sb_free(&err);
		sb_free(&warn);
		return;
	}
	sb_free(&err);
	snapshot_request_reload(r->srv);
	json_t *changed = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(changed, json_pack("{s:s, s:I, s:I}", "soort", TABLES[ch[i].t].name, "vervangt",
							 (json_int_t)ch[i].replaces, "id", (json_int_t)ids[i]));
	json_t *body = json_pack("{s:s, s:I, s:O}", "leerling_id", id, "registratie", (json_int_t)batch, "wijzigingen", changed);
	/* Doubtful values are accepted and said (SPEC 3.1), one line each. */
	json_t *warnings = json_array();
	for (const char *w = sb_str(&warn); *w;) {
		size_t len = strcspn(w, "\n");
		json_array_append_new(warnings, json_stringn(w, len));
		w += len + (w[len] == '\n');
	}
	json_object_set_new(body, "waarschuwingen", warnings);
	sb_free(&warn);
	reply_audited(r, created_status, body, "wijzigen", id, json_pack("{s:I, s:o}", "registratie", (json_int_t)batch, "wijzigingen", changed));
}

/* The access checks shared by every change to an existing pupil. Facts that
 * belong to a place - residences for leerplicht; enrolments, absences and
 * reports for a school - are decided by the place: the old and the new version
 * must both lie inside the scope (so a move into the gemeente, or a new
 * enrolment, can be recorded). Facts about the pupil as a whole need the
 * pupil to be in scope today. */
static bool may_change(req *r, pupil_view *pv, table_id t, const field *new_row, const field *old_row)
{
	bool by_place = access_writes_by_place(r->who->rol, t);
	scope_set set;
	scope_resolve(&r->who->sc, pv->ds, &set);
	bool ok;
	if (by_place) {
		ok = (!new_row || access_row_in_scope(pv->ds, &set, t, new_row)) &&
		     (!old_row || access_row_in_scope(pv->ds, &set, t, old_row));
	} else {
		classification c;
		classify(pv->ds, (uint32_t)pv->p, today(), &c);
		ok = access_sees_pupil(pv->ds, &set, (uint32_t)pv->p, &c);
	}
	scope_set_free(&set);
	if (!ok)
		reply_error(r, 403, "buiten_scope", "deze wijziging valt buiten uw scope");
	return ok;
}

/* SPEC 6: a vrijstelling 5a is granted or extended only by the decision of
 * its procedure (api_procedures.c); a correction that would is refused with
 * 409 alleen_via_procedure. old, new_row: NULL for none (a new row, an end). */
static bool procedure_allows(req *r, table_id t, const field *old, const field *new_row)
{
	if (t != T_VRIJSTELLINGEN)
		return true;
	strbuf why = STRBUF_INIT;
	bool ok = vp_change_allowed(old, new_row, &why);
	if (!ok)
		reply_error(r, 409, "alleen_via_procedure", "%s", sb_str(&why));
	sb_free(&why);
	return ok;
}

void h_fact_add(req *r)
{
	table_id t = fact_table_of(r->rt);
	pupil_view pv;
	if (!view_open(r, r->params[0], &pv))
		return;
	row_text row;
	row_from_json(t, pv.ds->pupils[pv.p].id, r->json, &row);
	if (may_change(r, &pv, t, row.f, NULL) && procedure_allows(r, t, NULL, row.f)) {
		fact_change ch = {t, 0, row.f};
		char id[72];
		snprintf(id, sizeof id, "%s", pv.ds->pupils[pv.p].id);
		view_close(&pv);
		apply(r, id, &ch, 1, 201);
		return;
	}
	view_close(&pv);
}

static bool load_existing(req *r, const char *id, table_id t, int64_t fact, find_ctx *fc)
{
	*fc = (find_ctx){.t = t, .id = fact};
	store *st = pool_get(r->srv);
	strbuf err = STRBUF_INIT;
	int rc = store_pupil_facts(st, id, true, find_fact, fc, &err);
	pool_put(r->srv, st);
	sb_free(&err);
	if (rc < 0) {
		reply_error(r, 500, "interne_fout", "de registratie is niet leesbaar");
		return false;
	}
	if (!fc->found) {
		reply_error(r, 404, "onbekend", "%s %lld is onbekend bij deze leerling", TABLES[t].name, (long long)fact);
		return false;
	}
	if (fc->ended) {
		reply_error(r, 409, "conflict", "%s %lld is intussen gewijzigd of ingetrokken; laad de leerling opnieuw",
			    TABLES[t].name, (long long)fact);
		return false;
	}
	return true;
}

static void change_fact(req *r, bool end)
{
	table_id t = fact_table_of(r->rt);
	int64_t fact = parse_id(r->params[1]);
	pupil_view pv;
	if (!fact) {
		reply_error(r, 400, "ongeldige_id", "ongeldige id van het feit");
		return;
	}
	if (!view_open(r, r->params[0], &pv))
		return;
	char id[72];
	snprintf(id, sizeof id, "%s", pv.ds->pupils[pv.p].id);
	find_ctx old;
	row_text row;
	if (!load_existing(r, id, t, fact, &old)) {
		view_close(&pv);
		return;
	}
	if (!end)
		row_from_json(t, id, r->json, &row);
	bool ok = may_change(r, &pv, t, end ? NULL : row.f, old.row.f) &&
		  procedure_allows(r, t, old.row.f, end ? NULL : row.f);
	view_close(&pv);
	if (ok) {
		fact_change ch = {t, fact, end ? NULL : row.f};
		apply(r, id, &ch, 1, 200);
	}
}

void h_fact_replace(req *r)
{
	change_fact(r, false);
}

void h_fact_end(req *r)
{
	change_fact(r, true);
}

void h_pupil_identity(req *r)
{
	pupil_view pv;
	if (!view_open(r, r->params[0], &pv))
		return;
	char id[72];
	snprintf(id, sizeof id, "%s", pv.ds->pupils[pv.p].id);
	row_text row;
	row_from_json(T_LEERLINGEN, id, r->json, &row);
	bool ok = may_change(r, &pv, T_LEERLINGEN, row.f, NULL);
	view_close(&pv);
	if (ok) {
		fact_change ch = {T_LEERLINGEN, (int64_t)json_integer_value(json_object_get(r->json, "versie")), row.f};
		apply(r, id, &ch, 1, 200);
	}
}

/* Check a nested fact object: only the table's columns, as strings or booleans. */
static bool nested_ok(req *r, const char *what, json_t *obj, table_id t)
{
	const char *key;
	json_t *val;
	json_object_foreach(obj, key, val) {
		int col = -1;
		for (int i = 1; i < TABLES[t].ncols; i++)
			if (strcmp(TABLES[t].cols[i], key) == 0)
				col = i;
		if (col < 0) {
			reply_error(r, 400, "onbekend_veld", "onbekend veld '%s.%.40s'", what, key);
			return false;
		}
		if (!json_is_string(val) && !json_is_boolean(val) && !json_is_null(val)) {
			reply_error(r, 400, "verkeerd_type", "veld '%s.%s' verwacht tekst", what, key);
			return false;
		}
	}
	return true;
}

void h_pupil_create(req *r)
{
	bool by_school = r->who->rol == ROLE_SCHOOL;
	const char *anchor_name = by_school ? "inschrijving" : "woonadres";
	table_id anchor_t = by_school ? T_INSCHRIJVINGEN : T_WOONADRESSEN;
	json_t *anchor = json_object_get(r->json, anchor_name);
	json_t *other = json_object_get(r->json, by_school ? "woonadres" : "inschrijving");
	if (!json_is_object(anchor)) {
		reply_error(r, 400, "veld_ontbreekt", "een %s registreert een leerling met een %s binnen de eigen scope",
			    ROLE_NAMES[r->who->rol], anchor_name);
		return;
	}
	if (other && !json_is_null(other)) {
		reply_error(r, 400, "onbekend_veld", "veld '%s' hoort niet bij de rol %s", by_school ? "woonadres" : "inschrijving",
			    ROLE_NAMES[r->who->rol]);
		return;
	}
	if (!nested_ok(r, anchor_name, anchor, anchor_t))
		return;
	char id[72];
	const char *given = json_string_value(json_object_get(r->json, "leerling_id"));
	if (given) {
		if (!pupil_id_ok(given)) {
			reply_error(r, 400, "ongeldige_id", "ongeldige leerling_id");
			return;
		}
		snprintf(id, sizeof id, "%s", given);
	} else {
		char token[32];
		random_token(token, sizeof token, 9);
		snprintf(id, sizeof id, "ib-%s", token);
	}
	row_text ident, place;
	row_from_json(T_LEERLINGEN, id, r->json, &ident);
	row_from_json(anchor_t, id, anchor, &place);
	snapshot *s = snapshot_acquire(r->srv);
	scope_set set;
	scope_resolve(&r->who->sc, s->ds, &set);
	bool ok = access_row_in_scope(s->ds, &set, anchor_t, place.f);
	scope_set_free(&set);
	snapshot_release(s);
	if (!ok) {
		reply_error(r, 403, "buiten_scope", "de %s valt buiten uw scope", anchor_name);
		return;
	}
	fact_change ch[2] = {{T_LEERLINGEN, 0, ident.f}, {anchor_t, 0, place.f}};
	apply(r, id, ch, 2, 201);
}
