/*
 * api_tafels.c - the thuiszitterstafel (SPEC 6). Stays in care: api_stays.c.
 *
 * Every 3 weeks leerplicht fixes its thuiszitterslijst for the tafel; the SWV
 * fixes its own. A fixed list is stored as it was (rows, peildatum, the
 * registry version) so the meeting can go back to it. The reconciliation puts
 * both views side by side and names the pupils only one side knows though
 * the other could have known them (the rule: src/core/tafel.c), apart from
 * those out of each other's reach, one page at a time. Each
 * viewer sees only the rows of pupils in its own scope; the others are
 * counted, not shown.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/lists.h"
#include "../core/sort.h"
#include "../core/tafel.h"
#include "../util/alloc.h"
#include "api.h"
#include "api_tafel_agenda.h"
#include "api_tafel_besluit.h"
#include "api_tafel_eigen.h"


/* ---- fixing a list ------------------------------------------------------------------ */

typedef struct row_text {
	char start[DATE_TEXT], gem[8], brin[5], vest[3], swv[8];
} row_text;

/* A list being fixed, for its audit entry (its id set by the store). */
typedef struct fixed {
	int64_t id;
	const char *peildatum;
	size_t n;
} fixed;

static json_t *fixed_details(void *ctx)
{
	const fixed *f = ctx;
	return json_pack("{s:s, s:I, s:s, s:I}", "lijst", "thuiszitterslijst vastgesteld", "tafel", (json_int_t)f->id,
			 "peildatum", f->peildatum, "aantal", (json_int_t)f->n);
}

static void h_create(req *r)
{
	day_t d;
	if (!tafel_list_day(r, &d))
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	viewer v;
	viewer_open(&v, r, s, 0);
	/* The tafel's list in the caller's scope: the status query. */
	status_query q = status_query_of(d);
	q.scope = &v.set;
	q.cats = list_categories(LIST_TAFEL);
	q.index = &s->index;
	status_rows list;
	status_run(ds, &q, r->srv->cfg.threads, &list);
	size_t n = list.n;
	tafel_row *rows = xcalloc(n ? n : 1, sizeof *rows);
	row_text *text = xcalloc(n ? n : 1, sizeof *text);
	for (size_t i = 0; i < n; i++) {
		const status_row *c = &list.rows[i];
		row_text *t = &text[i];
		date_format(c->startdatum, t->start);
		snprintf(t->gem, sizeof t->gem, "%s", c->gemeente != NO_REF ? ds->gemeenten[c->gemeente].code : "");
		snprintf(t->brin, sizeof t->brin, "%s", c->school != NO_REF ? ds->schools[c->school].brin : "");
		snprintf(t->vest, sizeof t->vest, "%s", c->school != NO_REF ? ds->schools[c->school].vestiging : "");
		snprintf(t->swv, sizeof t->swv, "%s", c->swv != NO_REF ? ds->swvs[c->swv].code : "");
		rows[i] = (tafel_row){PUPIL_AT(ds, c->pupil).id,
				      CATEGORIE_CODES[c->cat],
				      SECTOR_NAMES[c->sector],
				      t->start[0] ? t->start : NULL,
				      t->gem[0] ? t->gem : NULL,
				      t->brin[0] ? t->brin : NULL,
				      t->vest[0] ? t->vest : NULL,
				      t->swv[0] ? t->swv : NULL,
				      c->duur,
				      c->zonder_aanbod,
				      0,
				      NULL,
				      NULL,
				      NULL,
				      NULL};
	}
	status_rows_free(&list);
	viewer_close(&v);
	char peil[DATE_TEXT];
	date_format(d, peil);
	const char *soort = r->who->rol == ROLE_SWV ? "swv" : "leerplicht";
	tafel_info t = {0, soort, r->who->organisatie, r->who->scope_text, peil, NULL, r->who->naam, s->version,
			(int64_t)n, r->who->id, "registratie", NULL};
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	fixed fx = {0, peil, n};
	audited_change ac;
	audit_change_arm(r, st, &ac, "lijst", NULL, fixed_details, &fx);
	int rc = store_tafel_create(st, &t, rows, n, &fx.id, &err);
	bool done = audit_change_done(r, st, &ac, rc);
	pool_put(&r->srv->pool, st);
	snapshot_release(s);
	free(rows);
	free(text);
	sb_free(&err);
	int64_t id = fx.id;
	if (rc) {
		reply_error(r, 500, "interne_fout", "de lijst kon niet worden vastgesteld");
		return;
	}
	if (done) {
		char loc[48];
		snprintf(loc, sizeof loc, "/api/tafels/%lld", (long long)id);
		add_header(r, "Location", loc);
		reply_json(r, 201, json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)id, "soort", soort, "peildatum", peil,
					     "rijen", (json_int_t)n));
	}
}

/* ---- the lists ------------------------------------------------------------------------ */

static json_t *info_json(const tafel_info *t)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)t->id, "soort", t->soort,
			 "organisatie", t->organisatie, "scope", t->scope, "peildatum", t->peildatum, "vastgesteld_op", t->vastgesteld_op,
			 "door", t->gebruikersnaam, "registratie", (json_int_t)t->registratie, "rijen",
			 (json_int_t)t->rijen);
	jset(j, "bron", json_string(t->bron ? t->bron : "registratie"));
	jset(j, "bestandsnaam", str_or_null(t->bestandsnaam));
	return j;
}

static void list_info(void *ctx, const tafel_info *t)
{
	japp(ctx, info_json(t));
}

/* The peildatum of the own organisation's latest list, and when the next is
 * due: 3 weeks later. Business dates only (compute.h): the lists' peildatum
 * and the server's today, never vastgesteld_op, the wall-clock moment someone
 * pressed the button. */
static json_t *rhythm(req *r, json_t *lists)
{
	const char *own = r->who->organisatie;
	day_t d = DAY_NONE, t = today();
	size_t i;
	json_t *l;
	json_array_foreach(lists, i, l) {
		day_t p;
		const char *peil = json_string_value(json_object_get(l, "peildatum"));
		if (strcmp(json_string_value(json_object_get(l, "organisatie")), own) == 0 && peil &&
		    date_parse(peil, strlen(peil), &p) == 0 && (d == DAY_NONE || p > d))
			d = p;
	}
	day_t due = tafel_next_due(d, t);
	char a[DATE_TEXT], b[DATE_TEXT];
	date_format(d, a);
	date_format(due, b);
	return json_pack("{s:o, s:s, s:s}", "laatste", str_or_null(a), "volgende", b, "status", tafel_status(due, t));
}

static void h_lists(req *r)
{
	json_t *arr = json_array();
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_tafels(st, NULL, list_info, arr, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (rc) {
		json_decref(arr);
		reply_error(r, 500, "interne_fout", "de lijsten zijn niet leesbaar");
		return;
	}
	json_t *rh = rhythm(r, arr);
	reply_json(r, 200, json_pack("{s:o, s:o}", "lijsten", arr, "eigen", rh));
}

/* One list: its head and rows, the latter filtered to what the caller may see. */
typedef struct one_list {
	bool found;
	json_t *head;
	day_t peildatum;
	viewer *v;
	json_t *rows;	/* visible rows */
	size_t hidden;	/* rows outside the caller's scope */
	/* Of the SWV's own list: the rows the comparison leaves out (matched
	 * nobody, a suggestion not confirmed, a pupil outside the caller's
	 * scope), shown to the organisation whose list it is; to others only
	 * counted (unmatched). */
	bool owner;
	json_t *apart;
	size_t unmatched;
} one_list;

static void one_head(void *ctx, const tafel_info *t)
{
	one_list *o = ctx;
	o->found = true;
	o->owner = t->bron && strcmp(t->bron, "eigen") == 0 && strcmp(t->organisatie, o->v->r->who->organisatie) == 0;
	o->head = info_json(t);
	if (date_parse(t->peildatum, strlen(t->peildatum), &o->peildatum) != 0)
		o->peildatum = today();
}

static json_t *row_json(const tafel_row *x, const dataset *ds, int32_t p)
{
	return json_pack("{s:s, s:s*, s:s*, s:s, s:s*, s:o, s:o, s:b, s:s*, s:s*, s:s*, s:s*}", "leerling_id",
			 x->leerling_id, "voornaam", p != NO_REF ? PUPIL_AT(ds, p).voornaam : NULL, "achternaam",
			 p != NO_REF ? PUPIL_AT(ds, p).achternaam : NULL, "categorie", x->categorie, "sector", x->sector,
			 "startdatum", str_or_null(x->startdatum), "duur_dagen",
			 x->duur_dagen >= 0 ? json_integer(x->duur_dagen) : json_null(), "zonder_aanbod", x->zonder_aanbod,
			 "gemeentecode", x->gemeentecode, "brin", x->brin, "vestiging", x->vestiging, "swv", x->swv);
}

/* A row of an own list that the comparison leaves out, for its owner: the
 * row as given, what was wrong, and the suggestion when the owner may see
 * that pupil. */
static json_t *apart_json(const tafel_row *x, const dataset *ds, const char *status, int32_t suggested)
{
	json_t *given = x->gegeven ? json_loads(x->gegeven, 0, NULL) : NULL;
	char born[DATE_TEXT] = "";
	if (suggested != NO_REF)
		date_format(PUPIL_AT(ds, suggested).geboortedatum, born);
	json_t *voorstel = suggested == NO_REF ? json_null()
					       : json_pack("{s:s, s:s*, s:s*, s:s}", "leerling_id", PUPIL_AT(ds, suggested).id,
							   "voornaam", PUPIL_AT(ds, suggested).voornaam, "achternaam",
							   PUPIL_AT(ds, suggested).achternaam, "geboortedatum", born);
	if (!given)
		given = json_object();
	json_t *known = strcmp(status, "onbekend") == 0 ? own_register_json(given) : json_null();
	return json_pack("{s:I, s:s, s:s, s:o, s:s*, s:o, s:o}", "regel", (json_int_t)x->regel, "koppeling", x->koppeling,
			 "status", status, "gegeven", given, "melding", x->melding, "voorstel", voorstel, "registreren",
			 known);
}

static void one_row(void *ctx, const tafel_row *x)
{
	one_list *o = ctx;
	const dataset *ds = o->v->s->ds;
	bool own = x->koppeling != NULL, suggestion = own && strcmp(x->koppeling, "voorstel") == 0;
	bool matched = !own || (strcmp(x->koppeling, "onbekend") != 0 &&
				(!suggestion || (x->bevestiging && strcmp(x->bevestiging, "bevestigd") == 0)));
	bool seen = matched && tafel_sees_on(o->v, x->leerling_id, o->peildatum);
	if (seen) {
		json_t *j = row_json(x, ds, dataset_pupil(ds, x->leerling_id, strlen(x->leerling_id)));
		if (own)
			jset(j, "koppeling", json_string(x->koppeling));
		if (own && o->owner) {
			jset(j, "regel", json_integer((json_int_t)x->regel));
			jset(j, "melding", str_or_null(x->melding));
		}
		japp(o->rows, j);
		return;
	}
	if (matched && !o->owner) {
		o->hidden++;
		return;
	}
	if (!o->owner) {
		o->unmatched++;
		return;
	}
	/* The owner's rows apart: a suggestion waiting (when the owner may see
	 * that pupil), a pupil outside its scope, or nobody. */
	int32_t p = suggestion && !matched && !x->bevestiging && tafel_sees_on(o->v, x->leerling_id, o->peildatum)
			    ? dataset_pupil(ds, x->leerling_id, strlen(x->leerling_id))
			    : NO_REF;
	const char *status = p != NO_REF ? "voorstel" : matched ? "buiten_scope" : "onbekend";
	if (strcmp(status, "onbekend") == 0)
		o->unmatched++;
	japp(o->apart, apart_json(x, ds, status, p));
}

/* Read list id for the viewer; false (and a reply) when unknown. */
static bool list_load(req *r, viewer *v, int64_t id, one_list *o)
{
	*o = (one_list){.v = v, .rows = json_array(), .apart = json_array()};
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int found = id > 0 ? store_tafel_get(st, id, one_head, one_row, o, &err) : 0;
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (found < 0 || found == 0 || !o->found) {
		if (found < 0)
			reply_error(r, 500, "interne_fout", "de lijst is niet leesbaar");
		else
			reply_error(r, 404, "onbekend", "lijst %lld is onbekend", (long long)id);
		json_decref(o->rows);
		json_decref(o->apart);
		json_decref(o->head);
		return false;
	}
	return true;
}

static void h_list(req *r)
{
	snapshot *s = snapshot_acquire(&r->srv->snap);
	viewer v;
	viewer_open(&v, r, s, 0);
	one_list o;
	if (list_load(r, &v, path_number(r->params[0]), &o)) {
		json_t *j = o.head;
		jset(j, "buiten_scope", json_integer((json_int_t)o.hidden));
		jset(j, "leerlingen", o.rows);
		jset(j, "onbekend_in_registratie", json_integer((json_int_t)o.unmatched));
		jset(j, "apart", o.apart);
		reply_audited(r, 200, j, "lijst", NULL,
			  json_pack("{s:s, s:O, s:I}", "lijst", "thuiszitterslijst", "tafel", json_object_get(j, "id"),
				    "aantal", (json_int_t)json_array_size(o.rows)));
	}
	viewer_close(&v);
	snapshot_release(s);
}

/* ---- the reconciliation --------------------------------------------------------------- */

typedef struct pick {
	const char *soort;
	int64_t *ids;
	char (*orgs)[160];
	size_t n, cap, cap_orgs;
} pick;

/* The newest list of each organisation of a kind: the one of the latest
 * peildatum (tafels come in that order). */
static void pick_latest(void *ctx, const tafel_info *t)
{
	pick *p = ctx;
	if (strcmp(t->soort, p->soort) != 0)
		return;
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->orgs[i], t->organisatie) == 0)
			return;
	p->ids = xgrow(p->ids, &p->cap, p->n + 1, sizeof *p->ids);
	p->orgs = xgrow(p->orgs, &p->cap_orgs, p->n + 1, sizeof *p->orgs);
	p->ids[p->n] = t->id;
	snprintf(p->orgs[p->n++], sizeof p->orgs[0], "%s", t->organisatie);
}

/* One side: the given list, or the newest list of each organisation. */
static bool side_load(req *r, viewer *v, const char *soort, const char *given, json_t **heads, json_t **rows,
		      size_t *hidden, json_t *apart, size_t *unmatched)
{
	pick p = {.soort = soort};
	if (given) {
		p.ids = xmalloc(sizeof *p.ids);
		p.ids[0] = path_number(given);
		p.n = 1;
	} else {
		store *st = pool_get(&r->srv->pool);
		strbuf err = STRBUF_INIT;
		int rc = store_tafels(st, soort, pick_latest, &p, &err);
		pool_put(&r->srv->pool, st);
		sb_free(&err);
		if (rc) {
			free(p.ids);
			free(p.orgs);
			reply_error(r, 500, "interne_fout", "de lijsten zijn niet leesbaar");
			return false;
		}
	}
	*heads = json_array();
	*rows = json_object(); /* leerling_id -> row */
	*hidden = 0;
	*unmatched = 0;
	bool ok = true;
	for (size_t i = 0; i < p.n && ok; i++) {
		one_list o;
		ok = list_load(r, v, p.ids[i], &o);
		if (!ok)
			break;
		if (given && strcmp(json_string_value(json_object_get(o.head, "soort")), soort) != 0) {
			reply_error(r, 400, "verkeerde_lijst", "lijst %s is geen %s-lijst", given, soort);
			json_decref(o.head);
			json_decref(o.rows);
			json_decref(o.apart);
			ok = false;
			break;
		}
		japp(*heads, o.head);
		*hidden += o.hidden;
		*unmatched += o.unmatched;
		jcheck(json_array_extend(apart, o.apart));
		json_decref(o.apart);
		size_t k;
		json_t *row;
		json_array_foreach(o.rows, k, row)
			json_object_set(*rows, json_string_value(json_object_get(row, "leerling_id")), row);
		json_decref(o.rows);
	}
	free(p.ids);
	free(p.orgs);
	if (!ok) {
		json_decref(*heads);
		json_decref(*rows);
	}
	return ok;
}

/* The fields that differ between the two sides' rows of one pupil. */
static const char *const COMPARED[] = {"categorie", "startdatum", "zonder_aanbod", "gemeentecode", "brin", "vestiging"};

enum { AFSTEMMING_PAGE = 50 };

static const char *text_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* The scope texts of one side's lists, joined: the codes it could know. */
static void side_scope(json_t *heads, strbuf *out)
{
	size_t i;
	json_t *h;
	json_array_foreach(heads, i, h) {
		if (out->len)
			sb_putc(out, ',');
		sb_puts(out, text_of(h, "scope"));
	}
}

static int by_pupil(const void *a, const void *b)
{
	return strcmp(json_string_value(json_object_get(*(json_t *const *)a, "leerling_id")),
		      json_string_value(json_object_get(*(json_t *const *)b, "leerling_id")));
}

/* One pupil of either side as the reconciliation shows it. */
static json_t *compared(const char *id, json_t *lp, json_t *sw, tafel_known k)
{
	json_t *diff = json_array();
	for (size_t i = 0; lp && sw && i < sizeof COMPARED / sizeof COMPARED[0]; i++)
		if (!json_equal(json_object_get(lp, COMPARED[i]), json_object_get(sw, COMPARED[i])))
			japp(diff, json_string(COMPARED[i]));
	return json_pack("{s:s, s:O, s:O, s:o, s:s}", "leerling_id", id, "leerplicht", lp ? lp : json_null(), "swv",
			 sw ? sw : json_null(), "verschillen", diff, "bekend_bij", TAFEL_KNOWN_CODES[k]);
}

/* Every pupil of both sides, by kind (SPEC 6, src/core/tafel.c): a pupil is
 * missing on one side only when that side could have known it. */
static void compare_sides(json_t *lp_heads, json_t *lp_rows, json_t *swv_heads, json_t *swv_rows,
			  json_t *kinds[TAFEL_KNOWN_COUNT])
{
	strbuf lp_scope = STRBUF_INIT, swv_scope = STRBUF_INIT;
	side_scope(lp_heads, &lp_scope);
	side_scope(swv_heads, &swv_scope);
	for (int k = 0; k < TAFEL_KNOWN_COUNT; k++)
		kinds[k] = json_array();
	const char *id;
	json_t *row;
	json_object_foreach(lp_rows, id, row) {
		json_t *other = json_object_get(swv_rows, id);
		tafel_known k = tafel_compare(true, other != NULL, true, tafel_reaches(sb_str(&swv_scope), text_of(row, "swv")));
		japp(kinds[k], compared(id, row, other, k));
	}
	json_object_foreach(swv_rows, id, row) {
		if (json_object_get(lp_rows, id))
			continue;
		tafel_known k = tafel_compare(false, true, tafel_reaches(sb_str(&lp_scope), text_of(row, "gemeentecode")), true);
		japp(kinds[k], compared(id, NULL, row, k));
	}
	for (int k = 0; k < TAFEL_KNOWN_COUNT; k++) {
		size_t n = json_array_size(kinds[k]);
		json_t **v = xcalloc(n ? n : 1, sizeof *v);
		for (size_t i = 0; i < n; i++)
			v[i] = json_incref(json_array_get(kinds[k], i));
		sort_array(v, n, sizeof *v, by_pupil);
		json_array_clear(kinds[k]);
		for (size_t i = 0; i < n; i++)
			japp(kinds[k], v[i]);
		free(v);
	}
	sb_free(&lp_scope);
	sb_free(&swv_scope);
}

/* What is missing before the lists can be compared (SPEC 6): a list of each side. */
static json_t *missing(json_t *lp_heads, json_t *swv_heads)
{
	json_t *m = json_array();
	if (!json_array_size(lp_heads))
		japp(m, json_string("leerplicht"));
	if (!json_array_size(swv_heads))
		japp(m, json_string("swv"));
	return m;
}

static void h_reconcile(req *r)
{
	snapshot *s = snapshot_acquire(&r->srv->snap);
	viewer v;
	viewer_open(&v, r, s, 0);
	json_t *lp_heads, *lp_rows, *swv_heads, *swv_rows, *apart = json_array();
	size_t lp_hidden, swv_hidden, unmatched, none;
	if (!side_load(r, &v, "leerplicht", query(r, "leerplicht"), &lp_heads, &lp_rows, &lp_hidden, apart, &none)) {
		json_decref(apart);
		goto out;
	}
	/* The SWV's own list: its rows that match nobody, apart, for the SWV. */
	if (!side_load(r, &v, "swv", query(r, "swv"), &swv_heads, &swv_rows, &swv_hidden, apart, &unmatched)) {
		json_decref(lp_heads);
		json_decref(lp_rows);
		json_decref(apart);
		goto out;
	}
	json_t *absent = missing(lp_heads, swv_heads);
	json_t *kinds[TAFEL_KNOWN_COUNT];
	compare_sides(lp_heads, lp_rows, swv_heads, swv_rows, kinds);
	size_t n[TAFEL_KNOWN_COUNT], all = 0;
	for (int k = 0; k < TAFEL_KNOWN_COUNT; k++)
		all += n[k] = json_array_size(kinds[k]);
	/* Differences first (only one side knows), then both, then out of reach;
	 * one kind only with ?bekend_bij; a page of AFSTEMMING_PAGE. Nothing
	 * before both sides have a list: then only what is missing. */
	static const tafel_known ORDER[] = {TAFEL_ALLEEN_LP, TAFEL_ALLEEN_SWV, TAFEL_BEIDE, TAFEL_BUITEN_BEREIK};
	const char *only = query(r, "bekend_bij");
	json_t *chosen = json_array();
	for (size_t i = 0; !json_array_size(absent) && i < sizeof ORDER / sizeof ORDER[0]; i++)
		if (!only || strcmp(only, TAFEL_KNOWN_CODES[ORDER[i]]) == 0)
			jcheck(json_array_extend(chosen, kinds[ORDER[i]]));
	size_t total = json_array_size(chosen), pages = total ? (total + AFSTEMMING_PAGE - 1) / AFSTEMMING_PAGE : 1;
	size_t page = query(r, "pagina") ? (size_t)path_number(query(r, "pagina")) : 1;
	if (page < 1 || page > pages)
		page = 1;
	json_t *shown = json_array();
	for (size_t i = (page - 1) * AFSTEMMING_PAGE; i < total && i < page * AFSTEMMING_PAGE; i++)
		japp(shown, json_incref(json_array_get(chosen, i)));
	json_decref(chosen);
	json_t *sum = json_null();
	if (!json_array_size(absent)) {
		int t = tafel_coverage_tenths(n[TAFEL_BEIDE], n[TAFEL_ALLEEN_LP], n[TAFEL_ALLEEN_SWV]);
		char dekking[16] = "";
		if (t >= 0)
			snprintf(dekking, sizeof dekking, "%d.%d", t / 10, t % 10);
		strbuf why = STRBUF_INIT;
		tafel_coverage_sentence(n[TAFEL_BEIDE], n[TAFEL_ALLEEN_LP], n[TAFEL_ALLEEN_SWV], n[TAFEL_BUITEN_BEREIK], &why);
		sum = json_pack("{s:I, s:I, s:I, s:I, s:I, s:o, s:s, s:I, s:I, s:I}", "beide", (json_int_t)n[TAFEL_BEIDE],
				"alleen_leerplicht", (json_int_t)n[TAFEL_ALLEEN_LP], "alleen_swv",
				(json_int_t)n[TAFEL_ALLEEN_SWV], "buiten_bereik", (json_int_t)n[TAFEL_BUITEN_BEREIK],
				"vergelijkbaar", (json_int_t)(n[TAFEL_BEIDE] + n[TAFEL_ALLEEN_LP] + n[TAFEL_ALLEEN_SWV]),
				"dekking_procent", str_or_null(dekking), "dekking_uitleg", sb_str(&why),
				"leerplicht_buiten_scope", (json_int_t)lp_hidden, "swv_buiten_scope", (json_int_t)swv_hidden,
				"onbekend_in_registratie", (json_int_t)unmatched);
		sb_free(&why);
	}
	for (int k = 0; k < TAFEL_KNOWN_COUNT; k++)
		json_decref(kinds[k]);
	json_t *j = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:{s:I, s:I, s:I, s:I}}", "leerplicht", lp_heads, "swv",
			      swv_heads, "ontbreekt", absent, "samenvatting", sum, "leerlingen", shown, "eigen_apart", apart,
			      "pagina", "nummer",
			      (json_int_t)page, "van", (json_int_t)pages, "per_pagina", (json_int_t)AFSTEMMING_PAGE,
			      "leerlingen", (json_int_t)total);
	json_decref(lp_rows);
	json_decref(swv_rows);
	reply_audited(r, 200, j, "lijst", NULL,
		      json_pack("{s:s, s:I, s:I}", "lijst", "afstemming thuiszitterslijsten", "aantal",
				(json_int_t)json_array_size(shown), "van", (json_int_t)all));
out:
	viewer_close(&v);
	snapshot_release(s);
}

/* ---- routes ------------------------------------------------------------------------------- */

#define LP_SWV (R(ROLE_LEERPLICHT) | R(ROLE_SWV))
const route TAFEL_ROUTES[] = {
	{"GET", "/api/tafels", h_lists, LP_SWV, false, false, BODY_NONE, 0,
	 "De vastgestelde thuiszitterslijsten (zonder leerlingen) en wanneer de eigen organisatie weer een lijst vaststelt",
	 "Thuiszitterstafel", {{0}}, {{0}}, "200,401,403", false},
	{"POST", "/api/tafels", h_create, LP_SWV, false, true, BODY_JSON, 0,
	 "De thuiszitterslijst vaststellen (AV, LRV en langdurig ziek binnen de eigen scope op de peildatum)",
	 "Thuiszitterstafel", {{0}}, {{"peildatum", JSON_STRING, false, "JJJJ-MM-DD, standaard vandaag"}},
	 "201,400,401,403", false},
	{"GET", "/api/tafels/afstemming", h_reconcile, LP_SWV, false, false, BODY_NONE, 0,
	 "De lijst van leerplicht naast die van het samenwerkingsverband: wie alleen de een kent, en waar ze verschillen",
	 "Thuiszitterstafel",
	 {{"leerplicht", P_INT, false, NULL, "een lijst van leerplicht; standaard de nieuwste van elke organisatie"},
	  {"swv", P_INT, false, NULL, "een lijst van het samenwerkingsverband; standaard de nieuwste van elke organisatie"},
	  {"bekend_bij", P_CHOICE, false, "beide|alleen_leerplicht|alleen_swv|buiten_bereik",
	   "alleen de leerlingen van deze soort"},
	  {"pagina", P_INT, false, NULL, "pagina van 50 leerlingen, standaard 1"}},
	 {{0}}, "200,400,401,403,404", false},
	{"POST", "/api/tafels/eigen", h_tafel_own_upload, R(ROLE_SWV), false, true, BODY_JSON, (size_t)4 << 20,
	 "De eigen lijst van het samenwerkingsverband inlezen uit de eigen administratie (CSV of XLSX met BSN, onderwijsnummer "
	 "of leerling_id, naam, geboortedatum, categorie en eerste verzuimdag) en koppelen aan de registratie",
	 "Thuiszitterstafel", {{0}},
	 {{"bestand", JSON_OBJECT, true, "{\"naam\": \"lijst.csv\", \"inhoud\": \"de CSV-tekst\"} (komma's of "
					  "puntkomma's), of {\"naam\": \"lijst.xlsx\", \"inhoud\": \"base64\", "
					  "\"codering\": \"base64\"} (het eerste werkblad)"},
	  {"peildatum", JSON_STRING, false, "JJJJ-MM-DD, standaard vandaag"}},
	 "201,400,401,403,413,415,422", false},
	{"POST", "/api/tafels/{id}/regels/{regel}", h_tafel_own_confirm, R(ROLE_SWV), false, true, BODY_JSON, 0,
	 "Een voorstel van de koppeling (op naam en geboortedatum) bevestigen of afwijzen", "Thuiszitterstafel", {{0}},
	 {{"besluit", JSON_STRING, true, "bevestigd of afgewezen"}}, "200,400,401,403,404,409", false},
	{"GET", "/api/tafels/{id}/besluiten", h_tafel_meeting, LP_SWV, false, false, BODY_NONE, 0,
	 "De tafel van een lijst van leerplicht: per besproken kind het besluit, de volgende stap, door wie en wanneer; "
	 "en de besluiten van vorige tafels waarvan nog niet is vastgelegd of de stap gezet is",
	 "Thuiszitterstafel", {{0}}, {{0}}, "200,400,401,403,404", false},
	{"POST", "/api/tafels/{id}/besluiten", h_tafel_decide, LP_SWV, false, true, BODY_JSON, 0,
	 "Vastleggen wat de tafel over een kind besloot; met vorige_id en gedaan ook of de stap van een besluit van een "
	 "vorige tafel gezet is", "Thuiszitterstafel", {{0}},
	 {{"leerling_id", JSON_STRING, true, NULL}, {"besluit", JSON_STRING, true, NULL},
	  {"volgende_stap", JSON_STRING, true, NULL}, {"door", JSON_STRING, true, "wie de stap zet"},
	  {"uiterlijk", JSON_STRING, true, "JJJJ-MM-DD"},
	  {"vorige_id", JSON_INTEGER, false, "een open besluit van een vorige tafel over dit kind"},
	  {"gedaan", JSON_TRUE, false, "of de stap van dat besluit gezet is"}},
	 "201,400,401,403,404,409", false},
	/* The agenda before the meeting (issue 15). */
	{"GET", "/api/tafels/{id}/agenda", h_tafel_agenda, LP_SWV, false, false, BODY_NONE, 0,
	 "De agenda van de tafel van een lijst van leerplicht: welke kinderen besproken worden, in volgorde; zolang er "
	 "geen is vastgesteld het voorstel uit de vorige tafel (niet besproken kinderen en open besluiten), met de agenda "
	 "van de vorige tafel en of elk kind daar besproken is", "Thuiszitterstafel", {{0}}, {{0}},
	 "200,400,401,403,404", false},
	{"POST", "/api/tafels/{id}/agenda", h_tafel_agenda_set, R(ROLE_LEERPLICHT), false, true, BODY_JSON, 0,
	 "De agenda van de tafel vaststellen (door leerplicht die de lijst vaststelde): de kinderen in volgorde, van de "
	 "lijst of uit de vorige tafel", "Thuiszitterstafel", {{0}},
	 {{"leerlingen", JSON_ARRAY, true, "leerling-id's in de volgorde van bespreken"}},
	 "201,400,401,403,404,409", false},
	{"GET", "/api/tafels/{id}", h_list, LP_SWV, false, false, BODY_NONE, 0,
	 "Een vastgestelde lijst, met de leerlingen binnen de eigen scope", "Thuiszitterstafel", {{0}}, {{0}},
	 "200,401,403,404", false},
};

const size_t N_TAFEL_ROUTES = sizeof TAFEL_ROUTES / sizeof TAFEL_ROUTES[0];
