/*
 * api_counts.c - the status list and the Resultaatschema over the API (SPEC
 * 4.1, 5, 11): the status and counts queries (src/app) for the caller, the
 * answers cached in the snapshot they were computed from.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../core/suppress.h"
#include "../util/alloc.h"
#include "api.h"


void version_header(req *r, const snapshot *s)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)s->version);
	add_header(r, "X-Inbeeld-Registratie", v);
}

/* The filters of the status query from ?categorie (codes, comma separated)
 * and ?gebied (a gemeente or SWV code); false after a 400 reply. */
static bool parse_filter(req *r, const dataset *ds, status_query *q)
{
	const char *cats = query(r, "categorie");
	for (const char *p = cats; p && *p;) {
		size_t len = strcspn(p, ",");
		char code[48];
		snprintf(code, sizeof code, "%.*s", (int)(len < 47 ? len : 47), p);
		categorie c = categorie_from_code(code);
		if (c == CAT_COUNT || c == CAT_GEEN) {
			reply_error(r, 400, "ongeldige_parameter", "onbekende categorie '%s'", code);
			return false;
		}
		q->cats |= categorie_set_of(c);
		p += len + (p[len] == ',');
	}
	const char *gebied = query(r, "gebied");
	if (gebied) {
		q->gemeente = dataset_gemeente(ds, gebied, strlen(gebied));
		q->swv = dataset_swv(ds, gebied, strlen(gebied));
		if (q->gemeente == NO_REF && q->swv == NO_REF) {
			reply_error(r, 400, "ongeldige_parameter", "onbekend gebied '%.20s' (een gemeente- of SWV-code)", gebied);
			return false;
		}
	}
	return true;
}

/* The status list as the CONTRACT JSON array: the status query for the
 * caller - its scope, or for the beheerder only the pupils under an active
 * break-glass grant. *n gets the number of pupils; false when the answer
 * could not be built (no memory). */
void caller_query(req *r, const snapshot *s, status_query *q, caller_scope *cs)
{
	const dataset *ds = s->ds;
	scope_resolve(&r->who->sc, ds, &cs->set);
	if (r->who->rol == ROLE_BEHEERDER) {
		char ids[CALLER_GRANTS][72];
		size_t n_ids = grants_list(&r->srv->grants, r->who->id, ids, CALLER_GRANTS);
		for (size_t i = 0; i < n_ids; i++)
			cs->granted[i] = dataset_pupil(ds, ids[i], strlen(ids[i]));
		q->by_grant = true;
		q->granted = cs->granted;
		q->n_granted = n_ids;
	} else {
		q->scope = &cs->set;
	}
	q->index = &s->index;
}

void caller_cache_key(const req *r, const char *what, strbuf *key)
{
	sb_printf(key, "%s|%s|", what, ROLE_NAMES[r->who->rol]);
	scope_format(&r->who->sc, key);
}

/* One row of a status list as the CONTRACT JSON object (list_row_writer). */
static bool status_row_text(const dataset *ds, const status_row *row, strbuf *out)
{
	json_t *o = status_json(ds, row);
	bool ok = o && !json_guard_failed() && json_write(out, o);
	json_decref(o);
	return ok;
}

static bool status_list(req *r, const snapshot *s, void *ctx, strbuf *out, size_t *n, list_carry *carry)
{
	status_query *q = ctx;
	const dataset *ds = s->ds;
	caller_scope cs;
	caller_query(r, s, q, &cs);
	status_rows rows;
	status_run(ds, q, r->srv->cfg.threads, &rows);
	carry->reach = status_reach(ds, q);
	/* Written row by row (the same bytes as the array at once), so that an
	 * update patches the cached list in the rows of the pupils it changes. */
	carry->layout = list_render(ds, &rows, status_row_text, out);
	*n = rows.n;
	status_rows_free(&rows);
	if (carry->reach && carry->layout && !q->by_grant)
		carry->query = patch_query_new(q, &cs.set, status_row_text);
	scope_set_free(&cs.set);
	return carry->layout != NULL;
}

void h_status(req *r)
{
	day_t d;
	if (!peildatum_param(r, &d))
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	status_query q = status_query_of(d);
	if (!parse_filter(r, s->ds, &q)) {
		snapshot_release(s);
		return;
	}
	char dtext[DATE_TEXT];
	date_format(d, dtext);
	strbuf key = STRBUF_INIT;
	caller_cache_key(r, "status", &key);
	sb_printf(&key, "|%s|%s|%s", dtext, query(r, "categorie") ? query(r, "categorie") : "",
		  query(r, "gebied") ? query(r, "gebied") : "");
	reply_list(r, s, sb_str(&key), status_list, &q,
		   json_pack("{s:s, s:s*, s:s*}", "peildatum", dtext, "categorie", query(r, "categorie"), "gebied",
			     query(r, "gebied")));
	sb_free(&key);
	snapshot_release(s);
}

void reply_list(req *r, snapshot *s, const char *key, list_builder build, void *ctx, json_t *details)
{
	bool cacheable = r->who->rol != ROLE_BEHEERDER; /* grants change by the minute */
	size_t count = 0;
	/* Claimed: the readers asking for the same list while it is built wait
	 * for it instead of building it too. */
	shared_body *body = cacheable ? snapshot_cache_claim(s, key, &count) : NULL;
	if (!body) {
		strbuf out = STRBUF_INIT;
		list_carry carry = {0};
		if (build(r, s, ctx, &out, &count, &carry)) {
			body = shared_body_new(sb_str(&out), out.len);
			if (cacheable)
				snapshot_cache_put_list(s, key, body, count, &carry);
		} else if (cacheable) {
			snapshot_cache_abandon(s, key);
		}
		list_reach_release(carry.reach);
		list_layout_release(carry.layout);
		patch_query_release(carry.query);
		sb_free(&out);
	}
	/* One audit entry per list read: the query, which reproduces the list
	 * from the registry's history. Nothing half-built is cached or sent. */
	if (details) {
		jset(details, "aantal", json_integer((json_int_t)count));
		jset(details, "registratie", json_integer((json_int_t)s->version));
	}
	if (!body || !details || json_guard_failed()) {
		json_decref(details);
		if (body)
			shared_body_release(body);
		reply_oom(r);
	} else if (audit(r, "lijst", NULL, details)) {
		version_header(r, s);
		reply_shared(r, 200, body);
	} else {
		shared_body_release(body);
	}
}

/* ---- the Resultaatschema ---------------------------------------------------- */

bool *gebied_keep(const dataset *ds, view v, const char *codes)
{
	if (!codes)
		return NULL;
	size_t total = v == VIEW_SWV ? ds->n_swvs : ds->n_gemeenten;
	bool *keep = xcalloc(total ? total : 1, sizeof *keep);
	for (size_t g = 0; g < total; g++)
		keep[g] = list_has(codes, gebied_code(ds, v, g));
	return keep;
}

shared_body *cache_counts(snapshot *s, const char *key, json_t *arr, counts_dep *dep)
{
	shared_body *body = NULL;
	strbuf out = STRBUF_INIT;
	if (!json_guard_failed() && json_write(&out, arr)) {
		body = shared_body_new(sb_str(&out), out.len);
		snapshot_cache_put_counts(s, key, body, dep);
	} else {
		snapshot_cache_abandon(s, key); /* whoever waits for it computes it */
	}
	json_decref(arr);
	sb_free(&out);
	return body;
}

void reply_counts(req *r, const snapshot *s, shared_body *body)
{
	if (body) {
		version_header(r, s);
		reply_shared(r, 200, body);
	} else {
		reply_oom(r); /* nothing half-built is cached or sent */
	}
}

static json_t *cell(cell_state st, bool has, int64_t v)
{
	if (!has)
		return json_null();
	const char *mark = cell_mark(st, false);
	return mark ? json_string(mark) : json_integer(v);
}

/* A telling row with small numbers protected (SPEC 9). */
static json_t *protected_row(const dataset *ds, const telling *t, size_t g, day_t d, regel rg, const suppression *sp)
{
	json_t *o = telling_row_json(ds, t, g, d, rg);
	telling_value v;
	telling_value_of(t, g, rg, &v);
	jset(o, "korter_dan_3_maanden", cell(sp->cell[rg][COL_KORT], v.has_kort, v.kort));
	jset(o, "3_maanden_of_langer", cell(sp->cell[rg][COL_LANG], v.has_lang, v.lang));
	if (v.is_rate) {
		const char *mark = cell_mark(sp->cell[rg][COL_TOTAAL], true);
		if (mark && v.has_totaal)
			jset(o, "totaal", json_string(mark));
	} else {
		jset(o, "totaal", cell(sp->cell[rg][COL_TOTAAL], v.has_totaal, v.totaal));
	}
	return o;
}

void h_telling(req *r)
{
	const char *span = query(r, "ijkmomenten");
	if (span && query(r, "peildatum")) {
		reply_error(r, 400, "ongeldige_parameter", "geef peildatum of ijkmomenten, niet allebei");
		return;
	}
	day_t days[64];
	size_t n_days = 1;
	if (span) {
		int a = 0, b = 0;
		sscanf(span, "%4d-%4d", &a, &b);
		n_days = ijkmomenten(a, b, days, 64);
	} else if (!counts_peildatum(r, &days[0])) {
		return;
	}
	view v = strcmp(query(r, "per"), "swv") == 0 ? VIEW_SWV : VIEW_GEMEENTE;
	const char *gebied = query(r, "gebied");
	snapshot *s = snapshot_acquire(&r->srv->snap);
	strbuf key = STRBUF_INIT;
	caller_cache_key(r, "telling", &key);
	sb_printf(&key, "|%d|%s|%s|%s", v, query(r, "peildatum") ? query(r, "peildatum") : "", span ? span : "",
		  gebied ? gebied : "");
	if (!query(r, "peildatum") && !span) { /* today: part of the key */
		char dt[DATE_TEXT];
		date_format(days[0], dt);
		sb_printf(&key, "|%s", dt);
	}
	size_t count = 0;
	shared_body *body = snapshot_cache_claim(s, sb_str(&key), &count); /* cache_counts puts it */
	if (!body) {
		const dataset *ds = s->ds;
		scope_set set;
		scope_resolve(&r->who->sc, ds, &set);
		bool *keep = gebied_keep(ds, v, gebied);
		counts_query cq = {.v = v, .days = days, .n_days = n_days, .scope = &set, .keep = keep,
				   .protect = role_counts_protected(r->who->rol)};
		counts c;
		snapshot_source src = {s, r->srv->cfg.threads};
		counts_run(ds, &cq, snapshot_tellingen, &src, &c);
		json_t *arr = json_array();
		for (size_t k = 0; arr && k < c.n_days; k++)
			for (size_t i = 0; i < c.n_gebieden; i++) {
				suppression buf;
				const suppression *sp = counts_protection(&c, k, i, &buf);
				for (int rg = 0; rg < R_COUNT; rg++)
					japp(arr, sp ? protected_row(ds, c.t[k], c.gebieden[i], c.days[k], (regel)rg, sp)
						     : telling_row_json(ds, c.t[k], c.gebieden[i], c.days[k], (regel)rg));
			}
		/* What the answer shows, so that an update which leaves those cells
		 * as they are keeps it: only from the snapshot's own tellingen. */
		bool own = true;
		for (size_t k = 0; k < c.n_days; k++)
			own = own && c.t[k] != &c.scratch[k];
		counts_dep *dep = own ? counts_dep_new(v, c.days, c.n_days, c.gebieden, c.n_gebieden) : NULL;
		counts_free(&c);
		free(keep);
		body = cache_counts(s, sb_str(&key), arr, dep);
		counts_dep_release(dep);
		scope_set_free(&set);
	}
	reply_counts(r, s, body);
	sb_free(&key);
	snapshot_release(s);
}
