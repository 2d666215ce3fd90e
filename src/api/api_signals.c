/*
 * api_signals.c - the early signals over the API (SPEC 7, 7.1, 11): the
 * signals of the pupils the caller sees on a peildatum (GET
 * /api/vroegsignalen, scoped as /api/status and audited as a list), and the
 * melddiscipline of the schools the caller sees for a period (GET
 * /api/melddiscipline, figures per school without personal data). The
 * queries are the app's (signals_run.c, melddiscipline_run.c); the answers
 * are cached in the snapshot they were computed from.
 */
#include <stdlib.h>
#include <string.h>

#include "../app/melddiscipline_run.h"
#include "../app/signals_run.h"
#include "../core/leerplicht.h"
#include "../io/report_signals.h"
#include "../util/alloc.h"
#include "api.h"

static bool signals_list(req *r, const snapshot *s, void *ctx, strbuf *out, size_t *n)
{
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
	sb_printf(&key, "vroegsignalen|%s|%s|%s", ROLE_NAMES[r->who->rol], r->who->scope_text, dtext);
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
	jset(o, "langste_periode_zonder_verzuim", json_integer(f->silence));
	jset(o, "registratie_onvolledig", json_boolean(f->onvolledig));
	jset(o, "scholen", json_integer(f->schools));
	return o;
}

json_t *melddiscipline_json(const dataset *ds, const md_result *m, md_period per)
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

void melddiscipline_compute(req *r, const snapshot *s, md_period per, md_result *out)
{
	const dataset *ds = s->ds;
	scope_set set;
	scope_resolve(&r->who->sc, ds, &set);
	bool *shown = xcalloc(ds->n_schools + 1, 1);
	md_selection(ds, r->who->rol == ROLE_BEHEERDER ? NULL : &set, per, shown);
	melddiscipline_run(ds, &s->index, shown, per, today(), r->srv->cfg.threads, out);
	free(shown);
	scope_set_free(&set);
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
	sb_printf(&key, "melddiscipline|%s|%s|%s|%s", ROLE_NAMES[r->who->rol], r->who->scope_text, a, b);
	size_t count = 0;
	shared_body *body = snapshot_cache_get(s, sb_str(&key), &count);
	if (!body) {
		md_result m;
		melddiscipline_compute(r, s, per, &m);
		json_t *j = melddiscipline_json(s->ds, &m, per);
		count = m.n;
		md_result_free(&m);
		strbuf out = STRBUF_INIT;
		if (j && !json_guard_failed() && json_write(&out, j)) {
			body = shared_body_new(sb_str(&out), out.len);
			snapshot_cache_put(s, sb_str(&key), body, count);
		}
		json_decref(j);
		sb_free(&out);
	}
	if (body) {
		version_header(r, s);
		reply_shared(r, 200, body);
	} else {
		reply_oom(r); /* nothing half-built is cached or sent */
	}
	sb_free(&key);
	snapshot_release(s);
}
