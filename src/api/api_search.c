/*
 * api_search.c - finding a child (issue 14): the search over BSN,
 * onderwijsnummer, leerling-id, the words of a name in any order and the
 * birth date, case and accents ignored (search_parse, search_fits in
 * src/core/search.c), paged, only the pupils the caller sees (the scope
 * rules of access.c on the peildatum, the beheerder only under
 * break-glass), audited as one entry naming the pupils shown; the rule "one
 * child, one record" when a new pupil is registered (dup_check); and the
 * beheerder's report of likely duplicates.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/encode.h"
#include "../core/search.h"
#include "../util/alloc.h"
#include "api.h"

/* Whether the caller may see pupil p of ds on day d: as the pupil's page
 * decides for a search (access_sees_pupil), the beheerder only under
 * break-glass. */
static bool caller_sees(req *r, const dataset *ds, const scope_set *set, uint32_t p, day_t d)
{
	if (r->who->rol == ROLE_BEHEERDER)
		return grant_active(&r->srv->grants, r->who->id, PUPIL_AT(ds, p).id);
	classification c;
	classify(ds, p, d, &c);
	return access_sees_pupil(ds, set, p, &c);
}

/* The page asked for (?pagina, from 1) of n rows of per: its first row;
 * *page and *pages get the number and the count (at least 1). A page past
 * the last is the last. */
static size_t page_of(req *r, size_t n, size_t per, size_t *page, size_t *pages)
{
	*pages = n ? (n + per - 1) / per : 1;
	int64_t asked = query(r, "pagina") ? path_number(query(r, "pagina")) : 1;
	*page = asked < 1 ? 1 : (size_t)asked > *pages ? *pages : (size_t)asked;
	return (*page - 1) * per;
}

static json_t *page_json(size_t page, size_t pages, size_t per, size_t total)
{
	return json_pack("{s:I, s:I, s:I, s:I}", "nummer", (json_int_t)page, "van", (json_int_t)pages, "per_pagina",
			 (json_int_t)per, "leerlingen", (json_int_t)total);
}

/* The folded names of every pupil of the snapshot (search_name), one after
 * the other in pupil order, each ending in NUL: folded once per snapshot,
 * kept in its cache. */
static shared_body *folded_names(snapshot *s)
{
	size_t unused;
	shared_body *b = snapshot_cache_get(s, "zoeken:namen", &unused);
	if (b)
		return b;
	strbuf all = STRBUF_INIT;
	for (uint32_t p = 0; p < s->ds->n_pupils; p++) {
		char name[SEARCH_NAME_LEN];
		search_name(&PUPIL_AT(s->ds, p), name, sizeof name);
		sb_append(&all, name, strlen(name) + 1);
	}
	b = shared_body_new(all.len ? all.data : "", all.len);
	sb_free(&all);
	snapshot_cache_put(s, "zoeken:namen", b, 0);
	return b;
}

void h_search(req *r)
{
	const char *zoek = query(r, "zoek"), *bsn = query(r, "bsn"), *geb = query(r, "geboortedatum");
	day_t d;
	if (!peildatum_param(r, &d))
		return;
	if (!zoek && !bsn && !geb) {
		reply_error(r, 400, "parameter_ontbreekt",
			    "zoek op naam, geboortedatum, BSN, onderwijsnummer of leerling-id (zoek)");
		return;
	}
	search_query q = {.born = DAY_NONE};
	strbuf why = STRBUF_INIT;
	if (zoek && search_parse(zoek, &q, &why) != 0) {
		reply_error(r, 400, "ongeldige_zoekopdracht", "%s", sb_str(&why));
		sb_free(&why);
		return;
	}
	sb_free(&why);
	if (geb && date_parse(geb, strlen(geb), &q.born) != 0) {
		reply_error(r, 400, "ongeldige_parameter", "de geboortedatum is geen datum (JJJJ-MM-DD)");
		return;
	}
	if (bsn && (strlen(bsn) != 9 || (q.number[0] && strcmp(q.number, bsn) != 0))) {
		/* no BSN has another length; two different numbers fit nobody */
		snprintf(q.number, sizeof q.number, "%s", "-");
	} else if (bsn) {
		snprintf(q.number, sizeof q.number, "%s", bsn);
	}
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	shared_body *names = q.n_words ? folded_names(s) : NULL;
	scope_set set;
	scope_resolve(&r->who->sc, ds, &set);
	/* Every fitting pupil the caller sees, in leerling_id order. */
	size_t n = 0, cap = 64;
	uint32_t *hits = xmalloc(cap * sizeof *hits);
	const char *name = names ? names->data : "";
	for (uint32_t p = 0; p < ds->n_pupils; p++, name += names ? strlen(name) + 1 : 0) {
		if (!search_fits_name(&q, &PUPIL_AT(ds, p), name) || !caller_sees(r, ds, &set, p, d))
			continue;
		if (n == cap)
			hits = xrealloc(hits, (cap *= 2) * sizeof *hits);
		hits[n++] = p;
	}
	scope_set_free(&set);
	shared_body_release(names);
	size_t page, pages, first = page_of(r, n, SEARCH_PAGE, &page, &pages);
	json_t *arr = json_array(), *ids = json_array();
	for (size_t i = first; i < n && i < first + SEARCH_PAGE; i++) {
		const pupil *pu = &PUPIL_AT(ds, hits[i]);
		classification c;
		classify(ds, hits[i], d, &c);
		char g[DATE_TEXT];
		date_format(pu->geboortedatum, g);
		japp(arr, json_pack("{s:s, s:s*, s:s*, s:s, s:s}", "leerling_id", pu->id, "voornaam", pu->voornaam,
				    "achternaam", pu->achternaam, "geboortedatum", g, "categorie",
				    CATEGORIE_CODES[c.in_scope ? c.cat : CAT_GEEN]));
		japp(ids, json_string(pu->id));
	}
	free(hits);
	snapshot_release(s);
	size_t shown = json_array_size(arr);
	json_t *body = json_pack("{s:o, s:o}", "leerlingen", arr, "pagina", page_json(page, pages, SEARCH_PAGE, n));
	reply_audited(r, 200, body, "zoeken", NULL,
		      json_pack("{s:I, s:I, s:I, s:o}", "aantal", (json_int_t)shown, "totaal", (json_int_t)n, "pagina",
				(json_int_t)page, "leerlingen", ids));
}

/* ---- one child, one record -------------------------------------------------------- */

bool pupil_create_unique(req *r, const char *id)
{
	json_t *b = r->json;
	new_identity ni = {id, json_string_value(json_object_get(b, "bsn")),
			   json_string_value(json_object_get(b, "onderwijsnummer")),
			   json_string_value(json_object_get(b, "voornaam")),
			   json_string_value(json_object_get(b, "achternaam")), DAY_NONE};
	const char *geb = json_string_value(json_object_get(b, "geboortedatum"));
	if (geb && date_parse(geb, strlen(geb), &ni.geboortedatum) != 0)
		ni.geboortedatum = DAY_NONE; /* the fact builder says what is wrong */
	/* The name rule wants a whole name: voornaam and achternaam. */
	if (!ni.voornaam || !*ni.voornaam || !ni.achternaam || !*ni.achternaam)
		ni.voornaam = ni.achternaam = NULL;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	dup_found f = dup_check(ds, &ni);
	bool ok = f.kind == DUP_NONE || (f.kind == DUP_NAME_BIRTH && json_is_true(json_object_get(b, "bevestig_nieuw")));
	if (!ok) {
		scope_set set;
		scope_resolve(&r->who->sc, ds, &set);
		bool sees = caller_sees(r, ds, &set, (uint32_t)f.pupil, today());
		scope_set_free(&set);
		const pupil *x = &PUPIL_AT(ds, f.pupil);
		strbuf who = STRBUF_INIT;
		if (sees) {
			char g[DATE_TEXT];
			date_format(x->geboortedatum, g);
			sb_printf(&who, ": %s%s%s (leerling-id %s, geboren %s)", x->voornaam ? x->voornaam : "",
				  x->voornaam && x->achternaam ? " " : "", x->achternaam ? x->achternaam : "", x->id, g);
		}
		/* Which record it is, for the form to link to: only when the
		 * writer may see it. */
		json_t *extra = sees ? json_pack("{s:s, s:s}", "leerling_id", x->id, "overeenkomst", DUP_CODES[f.kind])
				     : json_pack("{s:s}", "overeenkomst", DUP_CODES[f.kind]);
		if (f.kind == DUP_NAME_BIRTH)
			reply_error_with(r, 409, "mogelijk_dubbel", extra,
					 "er staat al een leerling met deze naam en geboortedatum in de registratie%s. "
					 "Controleer of het hetzelfde kind is; is het een ander kind, bevestig dan dat u een "
					 "nieuwe leerling registreert (Toch registreren)", sb_str(&who));
		else
			reply_error_with(r, 409, "bestaat_al", extra,
					 "een leerling met dit %s bestaat al in de registratie%s. Registreer het kind niet "
					 "opnieuw: %s", f.kind == DUP_BSN ? "BSN" : "onderwijsnummer", sb_str(&who),
					 sees ? "leg de gegevens vast bij de bestaande leerling"
					      : "schrijf het in bij de bestaande leerling, met het BSN of onderwijsnummer, of "
						"vraag de beheerder om hulp");
		sb_free(&who);
	}
	snapshot_release(s);
	return ok;
}

/* ---- likely duplicates (beheerder) ------------------------------------------------ */

/* A merge reaches the snapshot a moment after it is stored: until then, leave
 * out the records merged meanwhile (and the groups of one left), so that the
 * report right after a merge does not show it again. Returns the groups kept
 * (members and starts compacted in place). */
static size_t drop_merged(req *r, const snapshot *s, uint32_t *members, size_t *starts, size_t n)
{
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int64_t now = 0;
	if (store_version(st, &now, &err) != 0 || now == s->version) {
		pool_put(&r->srv->pool, st);
		sb_free(&err);
		return n;
	}
	size_t kept = 0, m = 0;
	for (size_t g = 0; g < n; g++) {
		size_t start = m;
		for (size_t i = starts[g]; i < starts[g + 1]; i++) {
			char to[80];
			if (store_merged_into(st, PUPIL_AT(s->ds, members[i]).id, to, sizeof to, &err) != 1)
				members[m++] = members[i];
		}
		if (m - start < 2) {
			m = start;
			continue;
		}
		starts[kept++] = start;
	}
	starts[kept] = m;
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	return kept;
}

void h_duplicates(req *r)
{
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	uint32_t *members;
	size_t *starts;
	size_t n = dup_groups(ds, &members, &starts);
	if (n == (size_t)-1) {
		snapshot_release(s);
		reply_error(r, 500, "interne_fout", "het overzicht kon niet worden gemaakt");
		return;
	}
	n = drop_merged(r, s, members, starts, n);
	size_t page, pages, first = page_of(r, n, DUP_PAGE, &page, &pages);
	json_t *groups = json_array();
	size_t pupils = 0;
	for (size_t g = first; g < n && g < first + DUP_PAGE; g++) {
		json_t *ids = json_array();
		for (size_t i = starts[g]; i < starts[g + 1]; i++) {
			const pupil *pu = &PUPIL_AT(ds, members[i]);
			/* Ids only, and whether an identifier is known: the beheerder
			 * sees no personal data without break-glass. */
			japp(ids, json_pack("{s:s, s:b, s:b}", "leerling_id", pu->id, "bsn_bekend", pu->bsn && *pu->bsn,
					    "onderwijsnummer_bekend", pu->onderwijsnummer && *pu->onderwijsnummer));
			pupils++;
		}
		japp(groups, json_pack("{s:s, s:o}", "overeenkomst", DUP_CODES[DUP_NAME_BIRTH], "leerlingen", ids));
	}
	free(members);
	free(starts);
	snapshot_release(s);
	json_t *body = json_pack("{s:o, s:{s:I, s:I, s:I, s:I}}", "groepen", groups, "pagina", "nummer", (json_int_t)page,
				 "van", (json_int_t)pages, "per_pagina", (json_int_t)DUP_PAGE, "groepen", (json_int_t)n);
	reply_audited(r, 200, body, "lijst", NULL,
		      json_pack("{s:s, s:I, s:I}", "lijst", "mogelijk dubbele leerlingen", "aantal", (json_int_t)pupils,
				"groepen", (json_int_t)n));
}

/* ---- merging two records (beheerder) --------------------------------------------- */

typedef struct merge_ctx {
	const char *keep, *gone, *reden;
	int64_t batch;
} merge_ctx;

static json_t *merge_details(void *ctx)
{
	merge_ctx *m = ctx;
	return json_pack("{s:I, s:s, s:s, s:s}", "registratie", (json_int_t)m->batch, "behouden", m->keep, "opgeheven",
			 m->gone, "reden", m->reden);
}

void h_merge(req *r)
{
	const char *keep = json_string_value(json_object_get(r->json, "behouden")),
		   *gone = json_string_value(json_object_get(r->json, "opheffen")),
		   *reden = json_string_value(json_object_get(r->json, "reden"));
	if (!keep || !gone || !pupil_id_ok(keep) || !pupil_id_ok(gone)) {
		reply_error(r, 400, "ongeldige_id", "geef twee geldige leerling-ids: de leerling die blijft (behouden) en "
						    "die opgaat in die leerling (opheffen)");
		return;
	}
	if (!reden || strlen(reden) < 5) {
		reply_error(r, 400, "reden_ontbreekt", "geef een reden voor het samenvoegen (minstens 5 tekens), voor het "
						       "auditlog");
		return;
	}
	snapshot *s = snapshot_acquire(&r->srv->snap);
	int32_t k = dataset_pupil(s->ds, keep, strlen(keep)), g = dataset_pupil(s->ds, gone, strlen(gone));
	strbuf why = STRBUF_INIT;
	bool ok = false;
	if (k == NO_REF || g == NO_REF)
		reply_error(r, 404, "onbekend", "leerling '%s' is onbekend", k == NO_REF ? keep : gone);
	else if (!dup_merge_allowed(&PUPIL_AT(s->ds, k), &PUPIL_AT(s->ds, g), &why))
		reply_error(r, 409, "samenvoegen_geweigerd", "%s", sb_str(&why));
	else
		ok = true;
	snapshot_release(s);
	sb_reset(&why);
	if (!ok) {
		sb_free(&why);
		return;
	}
	merge_ctx m = {keep, gone, reden, 0};
	store *st = pool_get(&r->srv->pool);
	audited_change ac;
	audit_change_arm(r, st, &ac, "samenvoegen", keep, merge_details, &m);
	int rc = store_pupil_merge(st, keep, gone, r->who->naam, reden, &m.batch, &why);
	bool done = audit_change_done(r, st, &ac, rc);
	pool_put(&r->srv->pool, st);
	if (done) {
		snapshot_request_update(&r->srv->snap, (const char *const[]){keep, gone}, 2, m.batch);
		reply_json(r, 200, json_pack("{s:s, s:s, s:I}", "behouden", keep, "opgeheven", gone, "registratie",
					     (json_int_t)m.batch));
	} else if (rc == STORE_INVALID) {
		reply_error(r, 422, "ongeldig", "samen vormen de feiten geen geldige leerling: %s", sb_str(&why));
	} else if (rc) {
		reply_store_error(r, rc, &why);
	}
	sb_free(&why);
}

/* ---- routes ------------------------------------------------------------------------------- */

const route SEARCH_ROUTES[] = {
	{"GET", "/api/dubbele-leerlingen", h_duplicates, R(ROLE_BEHEERDER), false, false, BODY_NONE, 0,
	 "Mogelijk dubbele leerlingen: groepen van leerlingen met dezelfde voor- en achternaam (hoofdletters en accenten "
	 "genegeerd) en geboortedatum onder verschillende leerling-ids, per pagina van 50 groepen; alleen de ids (en of "
	 "een BSN of onderwijsnummer bekend is), geen persoonsgegevens",
	 "Beheer", {{"pagina", P_INT, false, NULL, "pagina van 50 groepen, standaard 1"}}, {{0}}, "200,400,401,403", false},
	{"POST", "/api/samenvoegingen", h_merge, R(ROLE_BEHEERDER), false, true, BODY_JSON, 4096,
	 "Twee leerlingen samenvoegen die één kind zijn: de huidige feiten van de opgeheven leerling gaan als nieuwe "
	 "versies naar de leerling die blijft, de dossiers gaan mee, de geschiedenis en het auditlog blijven vindbaar "
	 "bij de leerling die blijft, en de opgeheven leerling-id verwijst voortaan naar haar of hem (301, of 409 "
	 "samengevoegd bij een wijziging). Geweigerd (409 samenvoegen_geweigerd) bij twee verschillende BSN's of "
	 "onderwijsnummers; in het auditlog, met de reden",
	 "Beheer", {{0}},
	 {{"behouden", JSON_STRING, true, "de leerling-id die blijft"},
	  {"opheffen", JSON_STRING, true, "de leerling-id die opgaat in de andere"},
	  {"reden", JSON_STRING, true, "waarom, voor het auditlog"}},
	 "200,400,401,403,404,409,422", false},
};
const size_t N_SEARCH_ROUTES = sizeof SEARCH_ROUTES / sizeof SEARCH_ROUTES[0];
