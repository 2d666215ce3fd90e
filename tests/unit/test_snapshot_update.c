/*
 * test_snapshot_update.c - a snapshot made by laying changed pupils over its
 * base (snapshot_update, core/dataset_overlay.h) answers exactly as a fresh
 * full read of the same registry: the same pupils and facts through the
 * accessors, the same lookups, the same tellingen (the carried, adjusted ones
 * and the ones computed anew) for several peildata in both views, the same
 * status lists for everybody and for scopes. A series of changes to pupils
 * picked at random is applied to the example registry, one update after the
 * other (a view on a view), and after each the two are compared. A new
 * pupil and a merge cannot be laid over the base: the update says so, and
 * the reloader reads in full. The status lists cached in a snapshot (as
 * /api/status caches them) are carried over an update only where that is
 * exact: every answer the updated snapshot holds equals the one a fresh full
 * read computes, over changes that touch lists (a verzuim, a pupil moved to
 * another gemeente by a correction, a case's aanbod) and changes that do not.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "registry.h"
#include "snapshot_fixture.h"

#include "../../src/app/compute.h"
#include "../../src/app/snapshot.h"
#include "../../src/app/status.h"
#include "../../src/core/classify.h"
#include "../../src/core/dataset_overlay.h"
#include "../../src/core/encode.h"
#include "../../src/io/dataset_dir.h"
#include "../../src/io/report.h"

static const char *const DAYS[] = {"2026-09-01", "2026-10-12", "2026-11-23", "2027-02-01", "2027-06-30"};
enum { N_DAYS = sizeof DAYS / sizeof *DAYS };

/* Every row of every per-pupil table of pupil p as text, through the
 * accessors (encode reads with them). */
typedef struct text {
	strbuf sb;
	int ncols;
} text;

static void emit(void *ctx, const field *f)
{
	text *t = ctx;
	for (int i = 0; i < t->ncols; i++)
		sb_printf(&t->sb, "%.*s|", (int)f[i].len, f[i].len ? f[i].p : "");
	sb_putc(&t->sb, '\n');
}

static void pupil_text(const dataset *ds, uint32_t p, strbuf *out)
{
	text t = {STRBUF_INIT, 0};
	for (int k = T_LEERLINGEN; k < T_COUNT; k++) {
		t.ncols = TABLES[k].ncols;
		encode_pupil_table(ds, (table_id)k, p, emit, &t);
	}
	const pupil *pu = &PUPIL_AT(ds, p);
	sb_printf(&t.sb, "%d %d %d %d %d\n", pu->lp_start, pu->kwal_end, AGES_AT(ds, p).from, AGES_AT(ds, p).to,
		  pu->geboortedatum);
	sb_puts(out, sb_str(&t.sb));
	sb_free(&t.sb);
}

/* A status list as text: the rows, with the vrijstelling they name by its
 * content (a view numbers its changed facts above the base's). */
static void list_text(const dataset *ds, const status_query *q, strbuf *out)
{
	status_rows rows;
	status_run(ds, q, 2, &rows);
	for (size_t i = 0; i < rows.n; i++) {
		const status_row *r = &rows.rows[i];
		sb_printf(out, "%s %d %d %d %d %d %d %d %d %d", PUPIL_AT(ds, r->pupil).id, r->startdatum, r->duur, r->gemeente,
			  r->swv, r->school, r->cat, r->sector, r->lang, r->zonder_aanbod);
		if (r->vrijstelling >= 0) {
			const vrijstelling *v = &FACT_AT(ds, F_VRIJSTELLING, vrij, r->vrijstelling);
			sb_printf(out, " v %d %d %d %s", v->aanvraag, v->van, v->tot, v->grond);
		}
		sb_putc(out, '\n');
	}
	status_rows_free(&rows);
}

static void same_lists(const snapshot *a, const snapshot *b)
{
	static const struct {
		role r;
		const char *codes;
	} scopes[] = {{ROLE_LEERPLICHT, "GM0344"}, {ROLE_LEERPLICHT, "GM0355"}, {ROLE_LEERPLICHT, "GM0310"},
		      {ROLE_SWV, "VO2601"},	 {ROLE_SWV, "PO2603"},	    {ROLE_SCHOOL, "01KF:00"},
		      {ROLE_SCHOOL, "03LX:00"},	 {ROLE_SCHOOL, "02VR:00"}};
	for (int d = 0; d < N_DAYS; d++) {
		for (size_t i = 0; i <= sizeof scopes / sizeof *scopes; i++) {
			strbuf x = STRBUF_INIT, y = STRBUF_INIT;
			status_query qa = status_query_of(D(DAYS[d])), qb = qa;
			resolved ra, rb;
			if (i < sizeof scopes / sizeof *scopes) {
				resolve(a->ds, scopes[i].r, scopes[i].codes, &ra);
				resolve(b->ds, scopes[i].r, scopes[i].codes, &rb);
				qa.scope = &ra.set;
				qa.index = &a->index;
				qb.scope = &rb.set;
				qb.index = &b->index;
			}
			list_text(a->ds, &qa, &x);
			list_text(b->ds, &qb, &y);
			assert_string_equal(sb_str(&x), sb_str(&y));
			if (i < sizeof scopes / sizeof *scopes) {
				resolved_free(&ra);
				resolved_free(&rb);
			}
			sb_free(&x);
			sb_free(&y);
		}
	}
}

static void same_telling(const telling *x, const telling *y)
{
	assert_int_equal(x->n_gebieden, y->n_gebieden);
	assert_memory_equal(x->cells, y->cells, x->n_gebieden * R_COUNT * sizeof *x->cells);
}

/* The updated snapshot s against a fresh full read f. */
static void same_answers(snapshot *s, snapshot *f)
{
	assert_int_equal(s->version, f->version);
	assert_int_equal(s->ds->n_pupils, f->ds->n_pupils);
	for (uint32_t p = 0; p < f->ds->n_pupils; p++) {
		const char *id = PUPIL_AT(f->ds, p).id;
		assert_string_equal(PUPIL_AT(s->ds, p).id, id);
		assert_int_equal(dataset_pupil(s->ds, id, strlen(id)), (int32_t)p);
		strbuf x = STRBUF_INIT, y = STRBUF_INIT;
		pupil_text(s->ds, p, &x);
		pupil_text(f->ds, p, &y);
		assert_string_equal(sb_str(&x), sb_str(&y));
		sb_free(&x);
		sb_free(&y);
	}
	assert_int_equal(dataset_pupil(s->ds, "ONBEKEND", 8), NO_REF);
	for (int d = 0; d < N_DAYS; d++)
		for (int v = VIEW_GEMEENTE; v <= VIEW_SWV; v++) {
			telling carried = {0}, anew = {0}, fresh = {0};
			/* The snapshot's own (carried and adjusted when it had one). */
			const telling *t = snapshot_telling(s, D(DAYS[d]), (view)v, 1, &carried);
			compute_telling(s->ds, D(DAYS[d]), (view)v, 2, &anew);
			compute_telling(f->ds, D(DAYS[d]), (view)v, 2, &fresh);
			same_telling(t, &fresh);
			telling_free(&carried);
			same_telling(&anew, &fresh);
			telling_free(&anew);
			telling_free(&fresh);
		}
	same_lists(s, f);
}

/* Lay the pupils ids over *cur and compare with a full read. */
static void update_and_compare(store *st, snapshot **cur, const char *const *ids, size_t n)
{
	strbuf err = STRBUF_INIT;
	snapshot *next = snapshot_update(*cur, st, ids, n, &err);
	if (!next)
		fail_msg("%s", sb_str(&err));
	sb_free(&err);
	snapshot_release(*cur);
	*cur = next;
	snapshot *f = full(st);
	same_answers(next, f);
	snapshot_release(f);
}

static void updates_answer_as_a_full_read(void **state)
{
	(void)state;
	store *st = example_registry("update");
	snapshot *cur = full(st);
	/* Tellingen computed before the changes: carried over and adjusted. */
	for (int d = 0; d < N_DAYS; d++)
		for (int v = VIEW_GEMEENTE; v <= VIEW_SWV; v++) {
			telling scratch = {0};
			snapshot_telling(cur, D(DAYS[d]), (view)v, 1, &scratch);
		}
	uint64_t seed = 17;
	size_t n = cur->ds->n_pupils;
	char ids[8][16];
	for (int round = 0; round < 4; round++) {
		/* A new verzuim at the pupil's school. */
		found e;
		const char *a = NULL;
		for (int tries = 0; tries < 50 && !a; tries++) {
			uint32_t p = (uint32_t)(random_next(&seed) % n);
			snprintf(ids[0], sizeof ids[0], "%s", PUPIL_AT(cur->ds, p).id);
			if (row_of(st, ids[0], T_INSCHRIJVINGEN, true, &e))
				a = ids[0];
		}
		assert_non_null(a);
		field vz[7] = {fld(a), fld(e.text[1]), fld(e.text[2]), fld("ongeoorloofd"), fld("2026-10-05"), {0}, {0}};
		change(st, a, T_VERZUIM, 0, vz);
		update_and_compare(st, &cur, (const char *const[]){a}, 1);
		/* The end of that enrolment, and a new enrolment elsewhere after it
		 * for another pupil, told together (twice the first: coalesced). */
		field end[5] = {fld(a), fld(e.text[1]), fld(e.text[2]), fld(e.text[3]), fld("2026-11-01")};
		change(st, a, T_INSCHRIJVINGEN, e.id, end);
		uint32_t q = (uint32_t)(random_next(&seed) % n);
		snprintf(ids[1], sizeof ids[1], "%s", PUPIL_AT(cur->ds, q).id);
		found other;
		if (row_of(st, ids[1], T_INSCHRIJVINGEN, true, &other)) {
			field close[5] = {fld(ids[1]), fld(other.text[1]), fld(other.text[2]), fld(other.text[3]),
					  fld("2026-09-30")};
			change(st, ids[1], T_INSCHRIJVINGEN, other.id, close);
		}
		field enr[5] = {fld(ids[1]), fld("02VR"), fld("00"), fld("2026-10-01"), {0}};
		change(st, ids[1], T_INSCHRIJVINGEN, 0, enr);
		update_and_compare(st, &cur, (const char *const[]){a, ids[1], a}, 3);
		/* A birth date a year earlier: another age span. */
		uint32_t r = (uint32_t)(random_next(&seed) % n);
		snprintf(ids[2], sizeof ids[2], "%s", PUPIL_AT(cur->ds, r).id);
		found who;
		assert_true(row_of(st, ids[2], T_LEERLINGEN, false, &who));
		char born[24]; /* room for any int: the compiler checks the bound */
		snprintf(born, sizeof born, "%04d%.6s", atoi(who.text[3]) - 1, who.text[3] + 4);
		field pupil_row[7];
		for (int i = 0; i < 7; i++)
			pupil_row[i] = fld(who.text[i]);
		pupil_row[3] = fld(born);
		change(st, ids[2], T_LEERLINGEN, who.id, pupil_row);
		update_and_compare(st, &cur, (const char *const[]){ids[2]}, 1);
	}
	assert_true(dataset_view_changed(cur->ds) > 0);
	/* A new pupil cannot be laid over the base. */
	field nieuw[7] = {fld("NIEUW01"), {0}, {0}, fld("2015-03-04"), fld("Nieuwe"), fld("Leerling"), {0}};
	change(st, "NIEUW01", T_LEERLINGEN, 0, nieuw);
	strbuf err = STRBUF_INIT;
	assert_null(snapshot_update(cur, st, (const char *const[]){"NIEUW01"}, 1, &err));
	assert_non_null(strstr(sb_str(&err), "nieuw"));
	/* Nor a pupil that is gone (merged into another). */
	sb_reset(&err);
	int64_t batch;
	snapshot *f = full(st); /* the new pupil in the base */
	assert_int_equal(store_pupil_merge(st, ids[0], "NIEUW01", "test", "dubbel ingeschreven", &batch, &err), 0);
	assert_null(snapshot_update(f, st, (const char *const[]){ids[0], "NIEUW01"}, 2, &err));
	assert_non_null(strstr(sb_str(&err), "verdwenen"));
	sb_free(&err);
	snapshot_release(f);
	snapshot_release(cur);
	store_close(st);
	registry_remove(db_path);
}

/* ---- cached status lists across updates --------------------------------- */

/* The lists cached: per scope, day and gebied filter (as /api/status keys
 * them: role, scope, day, categorie, gebied). */
static const struct {
	role r;
	const char *codes;
} LIST_SCOPES[] = {{ROLE_LEERPLICHT, "GM0344"}, {ROLE_LEERPLICHT, "GM0355"}, {ROLE_LEERPLICHT, "GM0310"},
		   {ROLE_LEERPLICHT, "GM0344,GM0355,GM0310"}, {ROLE_SWV, "VO2601"}, {ROLE_SWV, "PO2603"},
		   {ROLE_SCHOOL, "01KF:00"}, {ROLE_SCHOOL, "03LX:00"}, {ROLE_SCHOOL, "02VR:00"}};
static const char *const LIST_DAYS[] = {"2026-10-12", "2027-02-01"};
static const char *const LIST_GEBIEDEN[] = {"", "GM0344", "GM0355", "VO2601"};
enum {
	N_SCOPES = sizeof LIST_SCOPES / sizeof *LIST_SCOPES,
	N_LIST_DAYS = sizeof LIST_DAYS / sizeof *LIST_DAYS,
	N_GEBIEDEN = sizeof LIST_GEBIEDEN / sizeof *LIST_GEBIEDEN,
	N_LISTS = N_SCOPES * N_LIST_DAYS * N_GEBIEDEN,
};

/* List k of s as /api/status answers it (the JSON rows in order), with its
 * reach when the caller wants it. */
static char *list_body(snapshot *s, int k, list_reach **held)
{
	int sc = k / (N_LIST_DAYS * N_GEBIEDEN), d = k / N_GEBIEDEN % N_LIST_DAYS, g = k % N_GEBIEDEN;
	resolved who;
	resolve(s->ds, LIST_SCOPES[sc].r, LIST_SCOPES[sc].codes, &who);
	status_query q = status_query_of(D(LIST_DAYS[d]));
	q.scope = &who.set;
	q.index = &s->index;
	const char *gebied = LIST_GEBIEDEN[g];
	if (*gebied) {
		q.gemeente = dataset_gemeente(s->ds, gebied, strlen(gebied));
		q.swv = dataset_swv(s->ds, gebied, strlen(gebied));
		assert_true(q.gemeente != NO_REF || q.swv != NO_REF);
	}
	status_rows rows;
	status_run(s->ds, &q, 2, &rows);
	char *body = rows_json(s->ds, &rows);
	status_rows_free(&rows);
	if (held)
		*held = status_reach(s->ds, &q);
	resolved_free(&who);
	return body;
}

static void list_key(int k, char *key, size_t size)
{
	snprintf(key, size, "status-test|%d", k);
}

/* Every list not in s's cache computed on s and cached with its reach, as
 * the server does on a read. */
static void fill_lists(snapshot *s)
{
	for (int k = 0; k < N_LISTS; k++) {
		char key[32];
		list_key(k, key, sizeof key);
		size_t count;
		shared_body *b = snapshot_cache_get(s, key, &count);
		if (b) {
			shared_body_release(b);
			continue;
		}
		list_reach *held = NULL;
		char *body = list_body(s, k, &held);
		assert_non_null(held);
		b = shared_body_new(body, strlen(body));
		snapshot_cache_put_reach(s, key, b, (size_t)k, held);
		shared_body_release(b);
		list_reach_release(held);
		free(body);
	}
}

/* Lay ids over *cur; every list the new snapshot carried must be the fresh
 * full read's. The number carried goes to *kept. */
static void update_and_compare_lists(store *st, snapshot **cur, const char *id, size_t *kept)
{
	strbuf err = STRBUF_INIT;
	snapshot *next = snapshot_update(*cur, st, (const char *const[]){id}, 1, &err);
	if (!next)
		fail_msg("%s", sb_str(&err));
	sb_free(&err);
	snapshot_release(*cur);
	*cur = next;
	snapshot *f = full(st);
	*kept = 0;
	for (int k = 0; k < N_LISTS; k++) {
		char key[32];
		list_key(k, key, sizeof key);
		size_t count = 0;
		shared_body *b = snapshot_cache_get(next, key, &count);
		if (!b)
			continue;
		(*kept)++;
		assert_int_equal(count, (size_t)k);
		char *fresh = list_body(f, k, NULL);
		if (strcmp(b->data, fresh) != 0)
			fail_msg("lijst %d (%s, %s, gebied '%s') na wijziging van %s: bewaard maar anders dan opnieuw berekend",
				 k, LIST_SCOPES[k / (N_LIST_DAYS * N_GEBIEDEN)].codes, LIST_DAYS[k / N_GEBIEDEN % N_LIST_DAYS],
				 LIST_GEBIEDEN[k % N_GEBIEDEN], id);
		free(fresh);
		shared_body_release(b);
	}
	snapshot_release(f);
	fill_lists(next);
}

/* A pupil with exactly one residence, in gemeente code gm, on the lists of
 * day d (in scope, a categorie other than GEEN), and that row. */
static const char *only_resident_of(store *st, const snapshot *s, const char *gm, day_t d, found *row)
{
	for (uint32_t p = 0; p < s->ds->n_pupils; p++) {
		if (PUPIL_NFACTS(s->ds, F_RESIDENCE, p) != 1)
			continue;
		const residence *r = PUPIL_FACTS(s->ds, F_RESIDENCE, res, p);
		classification c;
		classify(s->ds, p, d, &c);
		if (strcmp(s->ds->gemeenten[r[0].gemeente].code, gm) != 0 || !c.in_scope || c.cat == CAT_GEEN)
			continue;
		const char *id = PUPIL_AT(s->ds, p).id;
		if (row_of(st, id, T_WOONADRESSEN, false, row))
			return id;
	}
	return NULL;
}

static void cached_lists_carried_exactly(void **state)
{
	(void)state;
	store *st = example_registry("update");
	snapshot *cur = full(st);
	fill_lists(cur);
	size_t kept, total_kept = 0, dropped = 0;
	/* A pupil of Utrecht moved to Zeist by a correction of its one residence:
	 * no fact names Utrecht any more, so Utrecht's lists (before) and
	 * Zeist's (after) change. */
	found res;
	char id[16];
	const char *who = only_resident_of(st, cur, "GM0344", D(LIST_DAYS[0]), &res);
	assert_non_null(who);
	snprintf(id, sizeof id, "%s", who);
	field moved[5] = {fld(id), fld("GM0355"), fld(res.text[2]), fld(res.text[3]), fld(res.text[4])};
	change(st, id, T_WOONADRESSEN, res.id, moved);
	update_and_compare_lists(st, &cur, id, &kept);
	total_kept += kept;
	dropped += N_LISTS - kept;
	/* Back again, then a verzuim at a school and a case's aanbod for pupils
	 * picked at random. */
	assert_true(row_of(st, id, T_WOONADRESSEN, false, &res));
	field back[5] = {fld(id), fld("GM0344"), fld(res.text[2]), fld(res.text[3]), fld(res.text[4])};
	change(st, id, T_WOONADRESSEN, res.id, back);
	update_and_compare_lists(st, &cur, id, &kept);
	total_kept += kept;
	dropped += N_LISTS - kept;
	uint64_t seed = 2017;
	for (int round = 0; round < 6; round++) {
		found e;
		const char *a = pick(st, cur, D(LIST_DAYS[0]), round % 2, &seed, &e);
		assert_non_null(a);
		snprintf(id, sizeof id, "%s", a);
		if (round % 2 == 0) {
			field vz[7] = {fld(id), fld(e.text[1]), fld(e.text[2]), fld("ongeoorloofd"), fld("2026-10-05"), {0}, {0}};
			change(st, id, T_VERZUIM, 0, vz);
		} else {
			field ab[4] = {fld(id), fld("2026-10-01"), fld("2026-10-08"), fld("onderwijs")};
			change(st, id, T_AANBOD, 0, ab);
		}
		update_and_compare_lists(st, &cur, id, &kept);
		total_kept += kept;
		dropped += N_LISTS - kept;
	}
	/* Both happened: answers kept (else the test proves nothing) and dropped. */
	assert_true(total_kept > 0);
	assert_true(dropped > 0);
	snapshot_release(cur);
	store_close(st);
	registry_remove(db_path);
}

/* An update builds its reference data from the base's only while the
 * registry's is unchanged: after an import that renames a gemeente the
 * update says the reference data changed (the reloader reads in full). */
static void reference_change_is_noticed(void **state)
{
	(void)state;
	store *st = example_registry("update");
	snapshot *cur = full(st);
	strbuf err = STRBUF_INIT;
	dataset *ds = dataset_dir_load("examples/voorbeeld", BUILD_IDENTITY, NULL, NULL, 1, &err, NULL);
	assert_non_null(ds);
	ds->gemeenten[0].naam = "Hernoemd";
	import_options opt = {.actor = "test"};
	import_stats stats;
	assert_int_equal(store_import(st, ds, &opt, &stats, &err), 0);
	dataset_free(ds);
	const char *id = PUPIL_AT(cur->ds, 0).id;
	snapshot *next = snapshot_update(cur, st, &id, 1, &err);
	assert_null(next);
	assert_non_null(strstr(sb_str(&err), "referentiegegevens"));
	sb_free(&err);
	snapshot_release(cur);
	store_close(st);
	registry_remove(db_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(updates_answer_as_a_full_read),
		cmocka_unit_test(cached_lists_carried_exactly),
		cmocka_unit_test(reference_change_is_noticed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
