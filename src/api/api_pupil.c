/*
 * api_pupil.c - one pupil: read, explain, history, and where a merged id
 * went (issue 14). Corrections: api_facts.c; the search: api_search.c.
 *
 * Reads come from the snapshot when it is current, else the pupil is read
 * from the registry right away (a change is visible at once). Whether the
 * caller may see the pupil is decided per request from the session's role and
 * scope: the peildatum must lie in the caller's periods of responsibility
 * (access_reach), and facts, history and explanation show only those periods
 * and the schools the caller may name (docs/security.md).
 */
#include <stdlib.h>
#include <string.h>

#include "../app/accounts.h"
#include "../core/leerplicht.h"
#include "../core/encode.h"
#include "../core/explain_signals.h"
#include "../core/procedure.h"
#include "../util/alloc.h"
#include "api.h"


bool pupil_id_ok(const char *id)
{
	size_t n = strlen(id);
	if (!n || n > 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f || id[i] == '/')
			return false;
	return true;
}

bool merged_reply(req *r, const char *id)
{
	char to[80];
	strbuf err = STRBUF_INIT;
	store *st = pool_get(&r->srv->pool);
	int found = store_merged_into(st, id, to, sizeof to, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (found != 1)
		return false;
	json_t *extra = json_pack("{s:s}", "leerling_id", to);
	if (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0) {
		/* The same path with the survivor's id (API or page). */
		const char *at = strstr(r->path, id);
		strbuf loc = STRBUF_INIT;
		if (at) {
			sb_append(&loc, r->path, (size_t)(at - r->path));
			sb_puts(&loc, to);
			sb_puts(&loc, at + strlen(id));
			query_string(r, &loc);
		}
		add_header(r, "Location", sb_str(&loc));
		sb_free(&loc);
		reply_error_with(r, 301, "samengevoegd", extra, "leerling '%s' is samengevoegd met leerling '%s'", id, to);
	} else {
		reply_error_with(r, 409, "samengevoegd", extra,
				 "leerling '%s' is samengevoegd met leerling '%s': leg het vast bij die leerling", id, to);
	}
	return true;
}

void view_close(pupil_view *pv)
{
	if (pv->snap)
		snapshot_release(pv->snap);
	dataset_free(pv->own);
	*pv = (pupil_view){0};
}

bool view_open(req *r, const char *id, pupil_view *pv)
{
	*pv = (pupil_view){.p = NO_REF};
	if (!pupil_id_ok(id)) {
		reply_error(r, 400, "ongeldige_id", "ongeldige leerling_id");
		return false;
	}
	pv->snap = snapshot_acquire(&r->srv->snap);
	store *st = pool_get(&r->srv->pool);
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
	pool_put(&r->srv->pool, st);
	if (!ok) {
		reply_error(r, 500, "interne_fout", "de registratie is niet leesbaar");
		sb_free(&err);
		view_close(pv);
		return false;
	}
	sb_free(&err);
	pv->p = dataset_pupil(pv->ds, id, strlen(id));
	if (pv->p == NO_REF) {
		if (!merged_reply(r, id)) /* one child, one record (issue 14) */
			reply_error(r, 404, "onbekend", "leerling '%s' is onbekend", id);
		view_close(pv);
		return false;
	}
	return true;
}

/* Who reads the pupil, and within which periods (access_reader): the scope
 * and its reach; no reach (every period) for break-glass and for the
 * organisation that leads the pupil's case. */
typedef struct pupil_reader {
	scope_set set;
	reach reach;
	access_reader rd;
} pupil_reader;

static void reader_close(pupil_reader *pr)
{
	scope_set_free(&pr->set);
	reach_free(&pr->reach);
}

/* Whether the caller may see the pupil on the peildatum of c, which must lie
 * in its reach (replies 403 when not); pr gets the reader. */
static bool may_see(req *r, const pupil_view *pv, const classification *c, pupil_reader *pr)
{
	const char *id = PUPIL_AT(pv->ds, pv->p).id;
	*pr = (pupil_reader){0};
	scope_resolve(&r->who->sc, pv->ds, &pr->set);
	pr->rd = (access_reader){&pr->set, NULL};
	if (r->who->rol == ROLE_BEHEERDER && grant_active(&r->srv->grants, r->who->id, id)) {
		r->break_glass = true;
		return true;
	}
	if (access_sees_pupil(pv->ds, &pr->set, (uint32_t)pv->p, c)) {
		access_reach(pv->ds, &pr->set, (uint32_t)pv->p, &pr->reach);
		pr->rd.reach = &pr->reach;
		return true;
	}
	/* Whoever leads the pupil's case sees the pupil too (asked only when the
	 * scope does not already say yes). */
	if (access_sees_pupil_or_case(pv->ds, &pr->set, (uint32_t)pv->p, c, leads_case_of(r, pv->snap, id)))
		return true;
	reader_close(pr);
	char d[DATE_TEXT];
	date_format(c->peildatum, d);
	reply_error(r, 403, "buiten_scope", "deze leerling valt op %s niet binnen uw scope", d);
	return false;
}

/* ---- facts as JSON ------------------------------------------------------------ */

/* Which facts the caller sees (access_fact_visible). */
typedef struct fact_filter {
	const dataset *ds;
	const access_reader *rd;
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

/* The period of a row another role records, clipped to the reader's periods
 * (access_clip): "ingekort" says that the fact goes on beyond them. */
static void clip_period(const access_reader *rd, const fact_version *v, json_t *o)
{
	if (!access_clips(rd, v->t))
		return;
	int cv = -1, ct = -1;
	for (int i = 1; i < TABLES[v->t].ncols; i++) {
		if (strcmp(TABLES[v->t].cols[i], "van") == 0)
			cv = i;
		else if (strcmp(TABLES[v->t].cols[i], "tot") == 0)
			ct = i;
	}
	day_t van, tot = DAY_OPEN;
	if (cv < 0 || ct < 0 || !v->f[cv].len || date_parse(v->f[cv].p, v->f[cv].len, &van) != 0 ||
	    (v->f[ct].len && date_parse(v->f[ct].p, v->f[ct].len, &tot) != 0) || !access_clip(rd, &van, &tot))
		return;
	jset(o, "van", date_or_null(van));
	jset(o, "tot", date_or_null(tot));
	jset(o, "ingekort", json_true());
}

typedef struct facts_ctx {
	const fact_filter *ff;
	json_t *by_table[T_COUNT];
	int64_t identity_version;
} facts_ctx;

static void collect_fact(void *ctx, const fact_version *v)
{
	facts_ctx *fc = ctx;
	if (!access_fact_visible(fc->ff->ds, fc->ff->rd, v->t, v->f))
		return;
	json_t *o = json_object();
	jset(o, "id", json_integer(v->id));
	for (int i = 1; i < TABLES[v->t].ncols; i++)
		jset(o, TABLES[v->t].cols[i], typed(v->t, i, v->f[i]));
	clip_period(fc->ff->rd, v, o);
	jset(o, "geregistreerd_op", json_string(v->recorded_at ? v->recorded_at : ""));
	jset(o, "geregistreerd_door", json_string(v->recorded_by ? v->recorded_by : ""));
	if (v->batch_until) {
		jset(o, "beeindigd_op", json_string(v->ended_at ? v->ended_at : ""));
		jset(o, "beeindigd_door", json_string(v->ended_by ? v->ended_by : ""));
	}
	if (v->t == T_LEERLINGEN && !v->batch_until)
		fc->identity_version = v->id;
	if (!fc->by_table[v->t])
		fc->by_table[v->t] = json_array();
	japp(fc->by_table[v->t], o);
}

/* The pupil's facts (current, or all versions) as {table: [...]} */
static json_t *facts_json(req *r, const pupil_view *pv, const access_reader *rd, bool history,
			  int64_t *identity_version)
{
	fact_filter ff = {pv->ds, rd};
	facts_ctx fc = {.ff = &ff};
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_pupil_facts(st, PUPIL_AT(pv->ds, pv->p).id, history, collect_fact, &fc, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	json_t *out = json_object();
	for (int t = 0; t < T_COUNT; t++)
		if (TABLES[t].per_pupil || (history && t == T_LEERLINGEN))
			jset(out, TABLES[t].name, fc.by_table[t] ? fc.by_table[t] : json_array());
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

/* The pupil of the path on the peildatum, classified, when the caller may see
 * it; false (after a reply, the view closed) when not. */
static bool read_open(req *r, day_t *d, pupil_view *pv, classification *c, pupil_reader *pr)
{
	if (!peildatum_param(r, d) || !view_open(r, r->params[0], pv))
		return false;
	classify(pv->ds, (uint32_t)pv->p, *d, c);
	if (!may_see(r, pv, c, pr)) {
		view_close(pv);
		return false;
	}
	return true;
}

/* The classification with its explanation (uitleg_json), written for the
 * reader (a school it may not name is left out of both), and the early
 * signals of the pupil in words (which hours in which window), as `inbeeld
 * uitleg` gives them. */
static json_t *explained_json(const pupil_view *pv, const classification *c, const access_reader *rd)
{
	explanation ex;
	explain_for(pv->ds, (uint32_t)pv->p, c, rd, &ex);
	signal_facts sf;
	signals_of(pv->ds, (uint32_t)pv->p, c, &sf);
	explain_signals(pv->ds, (uint32_t)pv->p, c, &sf, rd, &ex);
	json_t *j = uitleg_json(pv->ds, (uint32_t)pv->p, c, &ex);
	explanation_free(&ex);
	json_t *cl = j ? json_object_get(j, "classificatie") : NULL;
	if (json_is_object(cl) && !access_names_school(pv->ds, rd, c->school)) {
		jset(cl, "brin", json_null());
		jset(cl, "vestiging", json_null());
	}
	return j;
}

/* The audit details of a read: its peildatum. */
static json_t *on_day(day_t d)
{
	char dt[DATE_TEXT];
	date_format(d, dt);
	return json_pack("{s:s}", "peildatum", dt);
}

void h_pupil(req *r)
{
	day_t d;
	pupil_view pv;
	classification c;
	pupil_reader pr;
	if (!read_open(r, &d, &pv, &c, &pr))
		return;
	int64_t version = 0;
	json_t *facts = facts_json(r, &pv, &pr.rd, false, &version);
	json_t *j = explained_json(&pv, &c, &pr.rd);
	reader_close(&pr);
	/* uitleg_json gives {leerling_id, peildatum, in_beeld, classificatie, samenvatting, uitleg} */
	json_t *uitleg = j ? json_pack("{s:O, s:O}", "samenvatting", json_object_get(j, "samenvatting"), "regels",
				       json_object_get(j, "uitleg"))
			   : NULL;
	if (j) {
		json_object_del(j, "samenvatting");
		json_object_del(j, "uitleg");
		jset(j, "leerling", identity_json(&PUPIL_AT(pv.ds, pv.p), version));
		jset(j, "uitleg", uitleg);
		jset(j, "feiten", facts ? facts : json_object());
	} else {
		json_decref(facts);
	}
	reply_audited(r, 200, j, "lezen", PUPIL_AT(pv.ds, pv.p).id, on_day(d));
	view_close(&pv);
}

void h_pupil_explain(req *r)
{
	day_t d;
	pupil_view pv;
	classification c;
	pupil_reader pr;
	if (!read_open(r, &d, &pv, &c, &pr))
		return;
	json_t *j = explained_json(&pv, &c, &pr.rd);
	reader_close(&pr);
	reply_audited(r, 200, j, "uitleg", PUPIL_AT(pv.ds, pv.p).id, on_day(d));
	view_close(&pv);
}

void h_pupil_history(req *r)
{
	day_t d;
	pupil_view pv;
	classification c;
	pupil_reader pr;
	if (!read_open(r, &d, &pv, &c, &pr))
		return;
	json_t *facts = facts_json(r, &pv, &pr.rd, true, NULL);
	reader_close(&pr);
	if (!facts)
		reply_error(r, 500, "interne_fout", "de geschiedenis is niet leesbaar");
	else if (audit_bare(r, "geschiedenis", PUPIL_AT(pv.ds, pv.p).id))
		reply_json(r, 200, json_pack("{s:s, s:o}", "leerling_id", PUPIL_AT(pv.ds, pv.p).id, "feiten", facts));
	else
		json_decref(facts);
	view_close(&pv);
}
