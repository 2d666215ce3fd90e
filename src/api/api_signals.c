/*
 * api_signals.c - the early signals over the API (SPEC 7, 7.1, 11): the
 * signals of the pupils the caller sees on a peildatum (GET
 * /api/vroegsignalen, scoped as /api/status and audited as a list), and the
 * melddiscipline of the schools the caller sees for a period (GET
 * /api/melddiscipline and its page, figures per school without personal
 * data). The queries are the app's (signals_run.c, melddiscipline_run.c);
 * their answers are cached in the snapshot they were computed from.
 */
#include <stdlib.h>
#include <string.h>

#include "../app/melddiscipline_run.h"
#include "../app/signals_run.h"
#include "../core/leerplicht.h"
#include "../io/report_signals.h"
#include "../util/alloc.h"
#include "api.h"

static bool signals_list(req *r, const snapshot *s, void *ctx, strbuf *out, size_t *n, list_carry *held)
{
	(void)held; /* a signal reads more than its pupil's facts (its history): not carried */
	status_query q = status_query_of(*(const day_t *)ctx);
	caller_scope cs;
	caller_query(r, s, &q, &cs);
	signal_list l;
	signals_run(s->ds, &q, r->srv->cfg.threads, &l, NULL);
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < l.n; i++)
		japp(arr, signal_json(s->ds, &l.rows[i]));
	*n = l.n;
	bool ok = !json_guard_failed() && json_write(out, arr);
	json_decref(arr);
	signal_list_free(&l);
	scope_set_free(&cs.set);
	return ok;
}

void h_vroegsignalen(req *r)
{
	day_t d;
	if (!peildatum_param(r, &d))
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	char dtext[DATE_TEXT];
	date_format(d, dtext);
	strbuf key = STRBUF_INIT;
	caller_cache_key(r, "vroegsignalen", &key);
	sb_printf(&key, "|%s", dtext);
	reply_list(r, s, sb_str(&key), signals_list, &d,
		   json_pack("{s:s, s:s}", "lijst", "vroegsignalen", "peildatum", dtext));
	sb_free(&key);
	snapshot_release(s);
}

/* ---- melddiscipline ------------------------------------------------------- */

bool md_period_param(req *r, md_period *per)
{
	day_t today_d = today();
	const char *van = query(r, "van"), *tot = query(r, "tot");
	per->to = today_d;
	if (tot && date_parse(tot, strlen(tot), &per->to) != 0) {
		reply_error(r, 400, "ongeldige_datum", "tot '%s' is geen bestaande datum (JJJJ-MM-DD)", tot);
		return false;
	}
	if (per->to > today_d)
		per->to = today_d; /* what has not happened yet is not counted */
	per->from = schooljaar_start(per->to);
	if (van && date_parse(van, strlen(van), &per->from) != 0) {
		reply_error(r, 400, "ongeldige_datum", "van '%s' is geen bestaande datum (JJJJ-MM-DD)", van);
		return false;
	}
	if (per->from > per->to) {
		reply_error(r, 400, "ongeldige_periode", "de periode begint (van) na het einde (tot, hoogstens vandaag)");
		return false;
	}
	if (per->to - per->from >= MD_MAX_DAYS) {
		reply_error(r, 400, "ongeldige_periode", "de periode (van tot tot) is langer dan een jaar");
		return false;
	}
	return true;
}

static json_t *hundredths_or_null(int64_t v)
{
	return v < 0 ? json_null() : json_real((double)v / 100.0);
}

static json_t *figures_json(const md_figures *f)
{
	json_t *o = json_object();
	jset(o, "meldingen", json_integer(f->meldingen));
	jset(o, "binnen_7_dagen", json_integer(f->in_term));
	jset(o, "mediaan_dagen", hundredths_or_null(f->median));
	jset(o, "aandeel_binnen_7_dagen", hundredths_or_null(f->share_in_term));
	jset(o, "meldplicht_16_uur", json_integer(f->duties));
	jset(o, "meldplicht_16_uur_nooit_gemeld", json_integer(f->duties_unreported));
	jset(o, "lrv", json_integer(f->lrv));
	jset(o, "lrv_nooit_gemeld", json_integer(f->lrv_unreported));
	jset(o, "inschrijvingen", json_integer(f->enrolments));
	jset(o, "inschrijvingen_te_laat", json_integer(f->enrolments_late));
	jset(o, "uitschrijvingen", json_integer(f->deregistrations));
	jset(o, "uitschrijvingen_te_laat", json_integer(f->deregistrations_late));
	jset(o, "langste_periode_zonder_verzuim", json_integer(f->silence));
	jset(o, "registratie_onvolledig", json_boolean(f->onvolledig));
	jset(o, "scholen", json_integer(f->schools));
	return o;
}

json_t *melddiscipline_json(const dataset *ds, const md_view *m, md_period per)
{
	char a[DATE_TEXT], b[DATE_TEXT];
	date_format(per.from, a);
	date_format(per.to, b);
	json_t *schools = json_array(), *swvs = json_array(), *gems = json_array();
	for (size_t i = 0; i < m->n; i++) {
		const school *s = &ds->schools[m->rows[i].school];
		json_t *o = figures_json(&m->rows[i].f);
		jset(o, "brin", json_string(s->brin));
		jset(o, "vestiging", json_string(s->vestiging));
		jset(o, "naam", str_or_null(s->naam));
		jset(o, "gemeentecode", json_string(ds->gemeenten[s->gemeente].code));
		jset(o, "swvcode", s->swv != NO_REF ? json_string(ds->swvs[s->swv].code) : json_null());
		japp(schools, o);
	}
	for (size_t g = 0; g < ds->n_swvs; g++)
		if (m->by_swv[g].schools) {
			json_t *o = figures_json(&m->by_swv[g]);
			jset(o, "swvcode", json_string(ds->swvs[g].code));
			jset(o, "naam", str_or_null(ds->swvs[g].naam));
			japp(swvs, o);
		}
	for (size_t g = 0; g < ds->n_gemeenten; g++)
		if (m->by_gemeente[g].schools) {
			json_t *o = figures_json(&m->by_gemeente[g]);
			jset(o, "gemeentecode", json_string(ds->gemeenten[g].code));
			jset(o, "naam", str_or_null(ds->gemeenten[g].naam));
			japp(gems, o);
		}
	return json_pack("{s:s, s:s, s:o, s:o, s:o}", "van", a, "tot", b, "scholen", schools, "swv", swvs, "gemeenten",
			 gems);
}

typedef struct reg_ctx {
	const dataset *ds;
	md_registration *v;
	size_t n, cap;
} reg_ctx;

static void registration_row_in(void *arg, const registration_row *row)
{
	reg_ctx *c = arg;
	md_registration g = {.school = dataset_school(c->ds, row->brin, row->vestiging), .ending = row->ending};
	if (g.school == NO_REF || date_parse(row->named, strlen(row->named), &g.named) != 0 ||
	    strlen(row->recorded_at) < 10 || date_parse(row->recorded_at, 10, &g.recorded) != 0)
		return;
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = g;
}

/* When the registry learned of each enrolment and its end in the period, as
 * of the snapshot's version (so the figures are of one registry): read once
 * per snapshot and period for every caller. NULL (and a 500 reply) when the
 * registry could not be read. */
static shared_body *registrations_of(req *r, snapshot *s, md_period per, size_t *n)
{
	char a[DATE_TEXT], b[DATE_TEXT];
	date_format(per.from, a);
	date_format(per.to, b);
	strbuf key = STRBUF_INIT;
	sb_printf(&key, "md-registraties|%s|%s", a, b);
	shared_body *body = snapshot_cache_get(s, sb_str(&key), n);
	if (!body) {
		reg_ctx regs = {.ds = s->ds};
		strbuf err = STRBUF_INIT;
		store *st = pool_get(&r->srv->pool);
		int rc = store_registrations(st, a, b, s->version, registration_row_in, &regs, &err);
		pool_put(&r->srv->pool, st);
		sb_free(&err);
		if (rc) {
			reply_error(r, 500, "interne_fout", "de inschrijvingen zijn niet leesbaar");
		} else {
			md_registration none = {0};
			body = shared_body_new(regs.n ? (const char *)regs.v : (const char *)&none,
					       (regs.n ? regs.n : 1) * sizeof *regs.v);
			*n = regs.n;
			snapshot_cache_put(s, sb_str(&key), body, regs.n);
		}
		free(regs.v);
	}
	sb_free(&key);
	return body;
}

static bool melddiscipline_compute(req *r, snapshot *s, md_period per, md_result *out)
{
	const dataset *ds = s->ds;
	size_t n_regs = 0;
	shared_body *regs = registrations_of(r, s, per, &n_regs);
	if (!regs)
		return false;
	scope_set set;
	scope_resolve(&r->who->sc, ds, &set);
	bool *shown = xcalloc(ds->n_schools + 1, 1);
	md_selection(ds, &set, per, shown);
	melddiscipline_run(ds, &s->index, shown, per, today(), (const md_registration *)(const void *)regs->data, n_regs,
			   r->srv->cfg.threads, out);
	free(shown);
	shared_body_release(regs);
	scope_set_free(&set);
	return true;
}

/* The figures, computed once per snapshot, role, scope and period: the
 * rows, then the figures per SWV and per gemeente, in one block. */
typedef struct md_block {
	size_t n;
	md_school_row rows[];
} md_block;


bool melddiscipline_view(req *r, snapshot *s, md_period per, md_view *out, shared_body **hold)
{
	const dataset *ds = s->ds;
	char a[DATE_TEXT], b[DATE_TEXT];
	date_format(per.from, a);
	date_format(per.to, b);
	strbuf key = STRBUF_INIT;
	caller_cache_key(r, "melddiscipline", &key);
	sb_printf(&key, "|%s|%s", a, b);
	size_t count = 0;
	shared_body *body = snapshot_cache_get(s, sb_str(&key), &count);
	if (!body) {
		md_result m;
		if (!melddiscipline_compute(r, s, per, &m)) {
			sb_free(&key);
			return false;
		}
		size_t bytes = sizeof(md_block) + m.n * sizeof(md_school_row) +
			       (ds->n_swvs + ds->n_gemeenten) * sizeof(md_figures);
		md_block *blk = xcalloc(1, bytes);
		blk->n = m.n;
		if (m.n)
			memcpy(blk->rows, m.rows, m.n * sizeof *m.rows);
		md_figures *f = (md_figures *)(void *)(blk->rows + m.n);
		memcpy(f, m.by_swv, ds->n_swvs * sizeof *f);
		memcpy(f + ds->n_swvs, m.by_gemeente, ds->n_gemeenten * sizeof *f);
		md_result_free(&m);
		body = shared_body_new((const char *)blk, bytes);
		free(blk);
		snapshot_cache_put(s, sb_str(&key), body, count);
	}
	sb_free(&key);
	const md_block *blk = (const md_block *)(const void *)body->data;
	/* The rows are sorted per request: a copy of them. */
	out->n = blk->n;
	out->rows = xmalloc((blk->n ? blk->n : 1) * sizeof *out->rows);
	memcpy(out->rows, blk->rows, blk->n * sizeof *out->rows);
	const md_figures *f = (const md_figures *)(const void *)(blk->rows + blk->n);
	out->by_swv = f;
	out->by_gemeente = f + ds->n_swvs;
	*hold = body;
	return true;
}

void h_melddiscipline(req *r)
{
	md_period per;
	if (!md_period_param(r, &per))
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	char a[DATE_TEXT], b[DATE_TEXT];
	date_format(per.from, a);
	date_format(per.to, b);
	strbuf key = STRBUF_INIT;
	caller_cache_key(r, "melddiscipline-json", &key);
	sb_printf(&key, "|%s|%s", a, b);
	size_t count = 0;
	shared_body *body = snapshot_cache_get(s, sb_str(&key), &count);
	md_view m;
	shared_body *hold;
	if (!body && melddiscipline_view(r, s, per, &m, &hold)) {
		json_t *j = melddiscipline_json(s->ds, &m, per);
		free(m.rows);
		shared_body_release(hold);
		strbuf out = STRBUF_INIT;
		if (j && !json_guard_failed() && json_write(&out, j)) {
			body = shared_body_new(sb_str(&out), out.len);
			snapshot_cache_put(s, sb_str(&key), body, 0);
		} else {
			reply_oom(r); /* nothing half-built is cached or sent */
		}
		json_decref(j);
		sb_free(&out);
	}
	if (body) {
		version_header(r, s);
		reply_shared(r, 200, body);
	}
	sb_free(&key);
	snapshot_release(s);
}
