/*
 * api_counts.c - status lists and the Resultaatschema (SPEC 4.1, 5, 11),
 * reference data, health and the API description.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../core/suppress.h"
#include "../util/alloc.h"
#include "internal.h"

void h_health(req *r)
{
	snapshot *s = snapshot_acquire(r->srv);
	json_t *j = json_pack("{s:s, s:I, s:I}", "status", "ok", "registratie", (json_int_t)s->version, "leerlingen",
			      (json_int_t)s->ds->n_pupils);
	snapshot_release(s);
	reply_json(r, 200, j);
}

void h_openapi(req *r)
{
	atomic_fetch_add(&r->srv->openapi->refs, 1);
	reply_shared(r, 200, r->srv->openapi);
}

static void version_header(req *r, const snapshot *s)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)s->version);
	add_header(r, "X-Inbeeld-Registratie", v);
}

/* The pupils a scope could possibly see: set bits in `cand`. */
static void candidates(const snapshot *s, const scope_set *set, uint8_t *cand)
{
	const dataset *ds = s->ds;
	for (size_t g = 0; g < ds->n_gemeenten; g++) {
		bool want = set->rol == ROLE_LEERPLICHT && set->gemeente[g];
		if (set->rol == ROLE_SWV) /* never-enrolled AV pupils are attributed by region */
			for (size_t i = 0; i < ds->n_swv_gemeenten && !want; i++)
				want = ds->swv_gemeenten[i].gemeente == (int32_t)g && set->swv[ds->swv_gemeenten[i].swv];
		if (want)
			for (uint32_t i = s->gem_off[g]; i < s->gem_off[g + 1]; i++)
				cand[s->gem_pupils[i] >> 3] |= (uint8_t)(1u << (s->gem_pupils[i] & 7));
	}
	for (size_t sc = 0; sc < ds->n_schools; sc++) {
		bool want = (set->rol == ROLE_SCHOOL && set->school[sc]) ||
			    (set->rol == ROLE_SWV && ds->schools[sc].swv != NO_REF && set->swv[ds->schools[sc].swv]);
		if (want)
			for (uint32_t i = s->school_off[sc]; i < s->school_off[sc + 1]; i++)
				cand[s->school_pupils[i] >> 3] |= (uint8_t)(1u << (s->school_pupils[i] & 7));
	}
}

typedef struct status_filter {
	bool cat[CAT_COUNT];
	bool any_cat;
	int32_t gemeente, swv; /* NO_REF: no filter */
	bool gebied;
} status_filter;

static bool parse_filter(req *r, const dataset *ds, status_filter *f)
{
	*f = (status_filter){.gemeente = NO_REF, .swv = NO_REF};
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
		f->cat[c] = f->any_cat = true;
		p += len + (p[len] == ',');
	}
	const char *gebied = query(r, "gebied");
	if (gebied) {
		f->gebied = true;
		f->gemeente = dataset_gemeente(ds, gebied, strlen(gebied));
		f->swv = dataset_swv(ds, gebied, strlen(gebied));
		if (f->gemeente == NO_REF && f->swv == NO_REF) {
			reply_error(r, 400, "ongeldige_parameter", "onbekend gebied '%.20s' (een gemeente- of SWV-code)", gebied);
			return false;
		}
	}
	return true;
}

static bool filter_keeps(const status_filter *f, const classification *c)
{
	if (f->any_cat && !f->cat[c->cat])
		return false;
	if (f->gebied && !((f->gemeente != NO_REF && c->gemeente == f->gemeente) || (f->swv != NO_REF && c->swv == f->swv)))
		return false;
	return true;
}

/* The status list as the CONTRACT JSON array. Returns the number of pupils. */
static size_t status_body(req *r, const snapshot *s, day_t d, const status_filter *f, strbuf *out)
{
	const dataset *ds = s->ds;
	scope_set set;
	scope_resolve(&r->who->sc, ds, &set);
	uint8_t *cand = xcalloc(ds->n_pupils / 8 + 1, 1);
	if (r->who->rol == ROLE_BEHEERDER) {
		/* Only pupils under an active break-glass grant. */
		char ids[64][72];
		size_t n_ids = grants_list(r->srv, r->who->id, ids, 64);
		for (size_t i = 0; i < n_ids; i++) {
			int32_t p = dataset_pupil(ds, ids[i], strlen(ids[i]));
			if (p != NO_REF)
				cand[p >> 3] |= (uint8_t)(1u << (p & 7));
		}
	} else {
		candidates(s, &set, cand);
	}
	json_t *arr = json_array();
	size_t n = 0;
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		if (!cand[p >> 3]) {
			p |= 7;
			continue;
		}
		if (!(cand[p >> 3] & (1u << (p & 7))))
			continue;
		classification c;
		classify(ds, p, d, &c);
		if (!c.in_scope || c.cat == CAT_GEEN || !filter_keeps(f, &c))
			continue;
		if (r->who->rol != ROLE_BEHEERDER && !access_sees_pupil(ds, &set, p, &c))
			continue;
		json_array_append_new(arr, status_json(ds, p, &c));
		n++;
	}
	json_append(out, arr, 0);
	json_decref(arr);
	free(cand);
	scope_set_free(&set);
	return n;
}

void h_status(req *r)
{
	day_t d;
	if (!peildatum_param(r, &d))
		return;
	snapshot *s = snapshot_acquire(r->srv);
	status_filter f;
	if (!parse_filter(r, s->ds, &f)) {
		snapshot_release(s);
		return;
	}
	char dtext[DATE_TEXT];
	date_format(d, dtext);
	strbuf key = STRBUF_INIT;
	sb_printf(&key, "status|%s|%s|%s|%s|%s", ROLE_NAMES[r->who->rol], r->who->scope_text, dtext,
		  query(r, "categorie") ? query(r, "categorie") : "", query(r, "gebied") ? query(r, "gebied") : "");
	bool cacheable = r->who->rol != ROLE_BEHEERDER; /* grants change by the minute */
	size_t count = 0;
	shared_body *body = cacheable ? snapshot_cache_get(s, sb_str(&key), &count) : NULL;
	if (!body) {
		strbuf out = STRBUF_INIT;
		count = status_body(r, s, d, &f, &out);
		body = shared_body_new(sb_str(&out), out.len);
		sb_free(&out);
		if (cacheable)
			snapshot_cache_put(s, sb_str(&key), body, count);
	}
	/* One audit entry per list read: the query, which reproduces the list
	 * from the registry's history. */
	if (audit(r, "lijst", NULL,
		  json_pack("{s:s, s:I, s:s*, s:s*, s:I}", "peildatum", dtext, "aantal", (json_int_t)count, "categorie",
			    query(r, "categorie"), "gebied", query(r, "gebied"), "registratie", (json_int_t)s->version))) {
		version_header(r, s);
		reply_shared(r, 200, body);
	} else {
		shared_body_release(body);
	}
	sb_free(&key);
	snapshot_release(s);
}

/* ---- the Resultaatschema ---------------------------------------------------- */

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
	json_object_set_new(o, "korter_dan_3_maanden", cell(sp->cell[rg][COL_KORT], v.has_kort, v.kort));
	json_object_set_new(o, "3_maanden_of_langer", cell(sp->cell[rg][COL_LANG], v.has_lang, v.lang));
	if (v.is_rate) {
		const char *mark = cell_mark(sp->cell[rg][COL_TOTAAL], true);
		if (mark && v.has_totaal)
			json_object_set_new(o, "totaal", json_string(mark));
	} else {
		json_object_set_new(o, "totaal", cell(sp->cell[rg][COL_TOTAAL], v.has_totaal, v.totaal));
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
	} else if (!peildatum_param(r, &days[0])) {
		return;
	}
	view v = strcmp(query(r, "per"), "swv") == 0 ? VIEW_SWV : VIEW_GEMEENTE;
	const char *gebied = query(r, "gebied");
	snapshot *s = snapshot_acquire(r->srv);
	strbuf key = STRBUF_INIT;
	sb_printf(&key, "telling|%s|%s|%d|%s|%s|%s", ROLE_NAMES[r->who->rol], r->who->scope_text, v,
		  query(r, "peildatum") ? query(r, "peildatum") : "", span ? span : "", gebied ? gebied : "");
	if (!query(r, "peildatum") && !span) { /* today: part of the key */
		char dt[DATE_TEXT];
		date_format(days[0], dt);
		sb_printf(&key, "|%s", dt);
	}
	size_t count = 0;
	shared_body *body = snapshot_cache_get(s, sb_str(&key), &count);
	if (!body) {
		const dataset *ds = s->ds;
		scope_set set;
		scope_resolve(&r->who->sc, ds, &set);
		bool protect = role_counts_protected(r->who->rol);
		json_t *arr = json_array();
		for (size_t k = 0; k < n_days; k++) {
			telling scratch = {0};
			const telling *t = snapshot_telling(s, days[k], v, r->srv->cfg.threads, &scratch);
			for (size_t g = 0; g < t->n_gebieden; g++) {
				if (!access_sees_gebied(ds, &set, v, g) || (gebied && !list_has(gebied, gebied_code(ds, v, g))))
					continue;
				suppression sp;
				if (protect)
					suppress_small_numbers(t, g, &sp);
				for (int rg = 0; rg < R_COUNT; rg++)
					json_array_append_new(arr, protect ? protected_row(ds, t, g, days[k], (regel)rg, &sp)
									   : telling_row_json(ds, t, g, days[k], (regel)rg));
			}
			telling_free(&scratch);
		}
		strbuf out = STRBUF_INIT;
		json_append(&out, arr, 0);
		json_decref(arr);
		scope_set_free(&set);
		body = shared_body_new(sb_str(&out), out.len);
		sb_free(&out);
		snapshot_cache_put(s, sb_str(&key), body, 0);
	}
	version_header(r, s);
	reply_shared(r, 200, body);
	sb_free(&key);
	snapshot_release(s);
}

/* ---- reference data ------------------------------------------------------------ */

void h_referentie(req *r)
{
	const char *what = r->params[0];
	snapshot *s = snapshot_acquire(r->srv);
	const dataset *ds = s->ds;
	const char *gem = query(r, "gemeente"), *swv_code = query(r, "swv");
	int32_t g = gem ? dataset_gemeente(ds, gem, strlen(gem)) : NO_REF;
	int32_t w = swv_code ? dataset_swv(ds, swv_code, strlen(swv_code)) : NO_REF;
	json_t *arr = json_array();
	if (strcmp(what, "gemeenten") == 0) {
		for (size_t i = 0; i < ds->n_gemeenten; i++) {
			const gemeente *gm = &ds->gemeenten[i];
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s*}", "gemeentecode", gm->code, "naam", gm->naam,
							     "vakantieregio", gm->regio == NO_REF ? NULL : ds->regios[gm->regio]));
		}
	} else if (strcmp(what, "swv") == 0) {
		for (size_t i = 0; i < ds->n_swvs; i++) {
			json_t *gems = json_array();
			for (size_t k = 0; k < ds->n_swv_gemeenten; k++)
				if (ds->swv_gemeenten[k].swv == (int32_t)i)
					json_array_append_new(gems, json_string(ds->gemeenten[ds->swv_gemeenten[k].gemeente].code));
			json_array_append_new(arr, json_pack("{s:s, s:s*, s:s, s:o}", "swvcode", ds->swvs[i].code, "naam",
							     ds->swvs[i].naam, "sector", SECTOR_NAMES[ds->swvs[i].sector],
							     "gemeenten", gems));
		}
	} else if (strcmp(what, "scholen") == 0) {
		for (size_t i = 0; i < ds->n_schools; i++) {
			const school *sc = &ds->schools[i];
			if ((gem && sc->gemeente != g) || (swv_code && sc->swv != w))
				continue;
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s*}", "brin", sc->brin, "vestiging",
							     sc->vestiging, "naam", sc->naam, "soort", SOORT_NAMES[sc->soort],
							     "gemeentecode", ds->gemeenten[sc->gemeente].code, "swv",
							     sc->swv == NO_REF ? NULL : ds->swvs[sc->swv].code));
		}
	} else {
		json_decref(arr);
		snapshot_release(s);
		reply_error(r, 404, "niet_gevonden", "onbekende referentiegegevens '%.20s' (gemeenten, swv of scholen)", what);
		return;
	}
	version_header(r, s);
	snapshot_release(s);
	reply_json(r, 200, arr);
}
