/*
 * test_snapshot_patch.c - a property test of the incremental snapshot: over
 * a series of random changes to random pupils of the example registry (a
 * verzuim, an aanbod, a residence moved to another gemeente, an enrolment
 * ended, a new enrolment elsewhere; one to three pupils an update), the
 * updated snapshot's state equals a full recomputation after every update:
 * each status list it had cached (as /api/status caches them: rows written
 * one by one, with the query) is still cached - patched in the changed
 * pupils' rows, never dropped - and byte for byte the list a fresh full read
 * computes, with its count; each telling it carried (adjusted by the
 * changed pupils' old and new contributions) equals the one computed anew;
 * and each counts answer it kept (its gebieden's cells unchanged) equals the
 * one computed anew, while the answers whose cells changed are dropped.
 */
#include <jansson.h>

#include "snapshot_fixture.h"

#include "../../src/app/compute.h"
#include "../../src/app/status.h"
#include "../../src/io/report.h"

static const struct {
	role r;
	const char *codes;
} SCOPES[] = {{ROLE_LEERPLICHT, "GM0344"},	  {ROLE_LEERPLICHT, "GM0355"}, {ROLE_LEERPLICHT, "GM0310,GM0355"},
	      {ROLE_SWV, "VO2601"},		  {ROLE_SWV, "PO2603"},	       {ROLE_SCHOOL, "01KF:00"},
	      {ROLE_SCHOOL, "03LX:00,02VR:00"}};
static const char *const DAYS[] = {"2026-10-12", "2027-02-01"};
/* The filters: none, a categorie, a gemeente, an SWV. */
static const char *const CATS[] = {NULL, "DREIGEND", NULL, NULL};
static const char *const GEBIED[] = {NULL, NULL, "GM0344", "VO2601"};
enum {
	N_SC = sizeof SCOPES / sizeof *SCOPES,
	N_D = sizeof DAYS / sizeof *DAYS,
	N_F = sizeof CATS / sizeof *CATS,
	N_L = N_SC * N_D * N_F,
	ROUNDS = 40,
};

/* The query of list k on ds, with its scope resolved into *who. */
static status_query query_of(const snapshot *s, int k, resolved *who)
{
	int sc = k / (N_D * N_F), d = k / N_F % N_D, f = k % N_F;
	resolve(s->ds, SCOPES[sc].r, SCOPES[sc].codes, who);
	status_query q = status_query_of(D(DAYS[d]));
	q.scope = &who->set;
	q.index = &s->index;
	if (CATS[f])
		q.cats = categorie_set_of(categorie_from_code(CATS[f]));
	if (GEBIED[f]) {
		q.gemeente = dataset_gemeente(s->ds, GEBIED[f], strlen(GEBIED[f]));
		q.swv = dataset_swv(s->ds, GEBIED[f], strlen(GEBIED[f]));
	}
	return q;
}

/* One row as /api/status writes it. */
static bool row_text(const dataset *ds, const status_row *row, strbuf *out)
{
	json_t *o = status_json(ds, row);
	char *text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!text)
		return false;
	sb_puts(out, text);
	free(text);
	return true;
}

/* List k computed on s in full and written as one array (the reference). */
static char *fresh_list(const snapshot *s, int k, size_t *n)
{
	resolved who;
	status_query q = query_of(s, k, &who);
	status_rows rows;
	status_run(s->ds, &q, 2, &rows);
	char *body = rows_json(s->ds, &rows);
	*n = rows.n;
	status_rows_free(&rows);
	resolved_free(&who);
	return body;
}

static void key_of(int k, char *key, size_t size)
{
	snprintf(key, size, "status-patch|%d", k);
}

/* Every list cached in s as the server caches it on a read. */
static void cache_lists(snapshot *s)
{
	for (int k = 0; k < N_L; k++) {
		resolved who;
		status_query q = query_of(s, k, &who);
		status_rows rows;
		status_run(s->ds, &q, 2, &rows);
		strbuf out = STRBUF_INIT;
		list_carry c = {status_reach(s->ds, &q), list_render(s->ds, &rows, row_text, &out), NULL};
		assert_non_null(c.reach);
		assert_non_null(c.layout);
		c.query = patch_query_new(&q, &who.set, row_text);
		shared_body *b = shared_body_new(sb_str(&out), out.len);
		char key[40];
		key_of(k, key, sizeof key);
		snapshot_cache_put_list(s, key, b, rows.n, &c);
		shared_body_release(b);
		list_reach_release(c.reach);
		list_layout_release(c.layout);
		patch_query_release(c.query);
		sb_free(&out);
		status_rows_free(&rows);
		resolved_free(&who);
	}
}

/* The counts answers cached: per day and view, every gebied or one of the
 * first three (a leerplicht's or an SWV's own). */
enum { N_SUBSETS = 4, N_COUNTS = N_D * 2 * N_SUBSETS };

static void counts_key(int k, char *key, size_t size)
{
	snprintf(key, size, "telling-patch|%d", k);
}

/* Counts answer k of telling t as text: the cells of the gebieden it shows
 * (as /api/telling writes its rows from them), and those gebieden. */
static char *counts_text(const telling *t, int k, size_t *gebieden, size_t *n)
{
	int sub = k % N_SUBSETS;
	*n = 0;
	for (size_t g = 0; g < t->n_gebieden; g++)
		if (!sub || g + 1 == (size_t)sub)
			gebieden[(*n)++] = g;
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < *n; i++)
		for (int r = 0; r < R_COUNT; r++)
			sb_printf(&sb, "%zu/%d:%lld,%lld ", gebieden[i], r, (long long)t->cells[gebieden[i] * R_COUNT + r].kort,
				  (long long)t->cells[gebieden[i] * R_COUNT + r].lang);
	return sb.data ? sb.data : strdup("");
}

static day_t counts_day(int k)
{
	return D(DAYS[k / (2 * N_SUBSETS)]);
}

static view counts_view(int k)
{
	return (view)(VIEW_GEMEENTE + k / N_SUBSETS % 2);
}

/* Every counts answer not cached in s computed from its tellingen and cached
 * with what it depends on, as /api/telling does. */
static void cache_counts(snapshot *s)
{
	for (int k = 0; k < N_COUNTS; k++) {
		char key[40];
		counts_key(k, key, sizeof key);
		size_t unused;
		shared_body *b = snapshot_cache_get(s, key, &unused);
		if (!b) {
			telling scratch = {0};
			const telling *t = snapshot_telling(s, counts_day(k), counts_view(k), 1, &scratch);
			size_t gebieden[512], n;
			assert_true(t->n_gebieden <= 512);
			char *text = counts_text(t, k, gebieden, &n);
			day_t d = counts_day(k);
			counts_dep *dep = counts_dep_new(counts_view(k), &d, 1, gebieden, n);
			b = shared_body_new(text, strlen(text));
			snapshot_cache_put_counts(s, key, b, dep);
			counts_dep_release(dep);
			free(text);
			telling_free(&scratch);
		}
		shared_body_release(b);
	}
}

/* Every counts answer next kept equals the one computed on the full read f;
 * how many were kept and dropped. */
static void same_counts(snapshot *next, snapshot *f, size_t *kept, size_t *dropped)
{
	for (int k = 0; k < N_COUNTS; k++) {
		char key[40];
		counts_key(k, key, sizeof key);
		size_t unused;
		shared_body *b = snapshot_cache_get(next, key, &unused);
		if (!b) {
			(*dropped)++;
			continue;
		}
		(*kept)++;
		telling t = {0};
		compute_telling(f->ds, counts_day(k), counts_view(k), 2, &t);
		size_t gebieden[512], n;
		char *fresh = counts_text(&t, k, gebieden, &n);
		if (strcmp(b->data, fresh) != 0)
			fail_msg("telling %d bewaard over de wijziging, maar anders dan opnieuw berekend", k);
		free(fresh);
		telling_free(&t);
		shared_body_release(b);
	}
}

static const char *pick_date(uint64_t *seed)
{
	static const char *const dates[] = {"2026-09-14", "2026-10-05", "2026-10-12", "2026-11-02", "2027-01-11"};
	return dates[random_next(seed) % (sizeof dates / sizeof *dates)];
}

/* A random change to pupil id; whether the store took it (a change the
 * registry refuses, such as overlapping enrolments, is skipped). */
static bool random_change(store *st, const char *id, uint64_t *seed)
{
	static const char *const gemeenten[] = {"GM0344", "GM0355", "GM0310"};
	static const char *const schools[] = {"01KF", "02VR", "03LX"};
	found e;
	switch (random_next(seed) % 5) {
	case 0: /* a verzuim at the school of its open enrolment */
		if (!row_of(st, id, T_INSCHRIJVINGEN, true, &e))
			return false;
		return change_rc(st, id, T_VERZUIM, 0,
				 (field[7]){fld(id), fld(e.text[1]), fld(e.text[2]), fld("ongeoorloofd"), fld(pick_date(seed)),
					    {0}, {0}}) == 0;
	case 1: /* an aanbod */
		return change_rc(st, id, T_AANBOD, 0,
				 (field[4]){fld(id), fld(pick_date(seed)), fld("2027-01-18"), fld("onderwijs")}) == 0;
	case 2: /* its first residence in another gemeente */
		if (!row_of(st, id, T_WOONADRESSEN, false, &e))
			return false;
		return change_rc(st, id, T_WOONADRESSEN, e.id,
				 (field[5]){fld(id), fld(gemeenten[random_next(seed) % 3]), fld(e.text[2]), fld(e.text[3]),
					    fld(e.text[4])}) == 0;
	case 3: /* its open enrolment ended */
		if (!row_of(st, id, T_INSCHRIJVINGEN, true, &e))
			return false;
		return change_rc(st, id, T_INSCHRIJVINGEN, e.id,
				 (field[5]){fld(id), fld(e.text[1]), fld(e.text[2]), fld(e.text[3]), fld(pick_date(seed))}) ==
		       0;
	default: /* a new enrolment elsewhere */
		return change_rc(st, id, T_INSCHRIJVINGEN, 0,
				 (field[5]){fld(id), fld(schools[random_next(seed) % 3]), fld("00"), fld(pick_date(seed)),
					    {0}}) == 0;
	}
}

static void incremental_state_is_a_full_recomputation(void **state)
{
	(void)state;
	store *st = example_registry("patch");
	snapshot *cur = full(st);
	for (int d = 0; d < N_D; d++)
		for (int v = VIEW_GEMEENTE; v <= VIEW_SWV; v++) {
			telling scratch = {0};
			snapshot_telling(cur, D(DAYS[d]), (view)v, 1, &scratch);
		}
	cache_lists(cur);
	cache_counts(cur);
	uint64_t seed = 1717;
	size_t lists_changed = 0, changes = 0, counts_kept = 0, counts_dropped = 0;
	for (int round = 0; round < ROUNDS; round++) {
		char ids[3][16];
		const char *told[3];
		size_t n = 1 + random_next(&seed) % 3;
		for (size_t i = 0; i < n; i++) {
			snprintf(ids[i], sizeof ids[i], "%s", PUPIL_AT(cur->ds, random_next(&seed) % cur->ds->n_pupils).id);
			told[i] = ids[i];
			changes += random_change(st, ids[i], &seed);
		}
		strbuf err = STRBUF_INIT;
		snapshot *next = snapshot_update(cur, st, told, n, &err);
		if (!next)
			fail_msg("ronde %d: %s", round, sb_str(&err));
		sb_free(&err);
		snapshot *f = full(st);
		for (int k = 0; k < N_L; k++) {
			char key[40];
			key_of(k, key, sizeof key);
			size_t count = 0, fresh_n, before_n;
			shared_body *b = snapshot_cache_get(next, key, &count);
			if (!b)
				fail_msg("ronde %d: lijst %d (%s) niet meer bewaard na de wijziging", round, k,
					 SCOPES[k / (N_D * N_F)].codes);
			char *fresh = fresh_list(f, k, &fresh_n);
			if (strcmp(b->data, fresh) != 0)
				fail_msg("ronde %d: lijst %d (%s, %s, filter %d) bijgewerkt maar anders dan opnieuw berekend:\n%s\n%s",
					 round, k, SCOPES[k / (N_D * N_F)].codes, DAYS[k / N_F % N_D], k % N_F, b->data, fresh);
			assert_int_equal(count, fresh_n);
			shared_body *old = snapshot_cache_get(cur, key, &before_n);
			lists_changed += old && strcmp(old->data, b->data) != 0;
			shared_body_release(old);
			shared_body_release(b);
			free(fresh);
		}
		for (int d = 0; d < N_D; d++)
			for (int v = VIEW_GEMEENTE; v <= VIEW_SWV; v++) {
				telling carried = {0}, anew = {0};
				const telling *t = snapshot_telling(next, D(DAYS[d]), (view)v, 1, &carried);
				compute_telling(f->ds, D(DAYS[d]), (view)v, 2, &anew);
				assert_int_equal(t->n_gebieden, anew.n_gebieden);
				assert_memory_equal(t->cells, anew.cells, anew.n_gebieden * R_COUNT * sizeof *anew.cells);
				telling_free(&carried);
				telling_free(&anew);
			}
		same_counts(next, f, &counts_kept, &counts_dropped);
		cache_counts(next);
		snapshot_release(f);
		snapshot_release(cur);
		cur = next;
	}
	/* Else the test proves nothing: changes made, lists patched by them. */
	assert_true(changes > ROUNDS / 2);
	assert_true(lists_changed > 10);
	assert_true(counts_kept > 0 && counts_dropped > 0);
	snapshot_release(cur);
	store_close(st);
	registry_remove(db_path);
}

/* Lists cached in a snapshot after updates were made from it (a reader
 * that began before the swap) reach those updates: kept or patched, each
 * the list a full read computes; an update that has a list already keeps
 * its own. */
static void lists_cached_late_reach_the_updates(void **state)
{
	(void)state;
	store *st = example_registry("late");
	snapshot *cur = full(st);
	uint64_t seed = 4242;
	snapshot *chain[3] = {cur, NULL, NULL};
	size_t changes = 0;
	for (int u = 1; u < 3; u++) { /* two updates, one made from the other */
		char ids[2][16];
		const char *told[2];
		for (size_t i = 0; i < 2; i++) {
			snprintf(ids[i], sizeof ids[i], "%s", PUPIL_AT(cur->ds, random_next(&seed) % cur->ds->n_pupils).id);
			told[i] = ids[i];
			changes += random_change(st, ids[i], &seed);
		}
		strbuf err = STRBUF_INIT;
		chain[u] = snapshot_update(chain[u - 1], st, told, 2, &err);
		if (!chain[u])
			fail_msg("update %d: %s", u, sb_str(&err));
		sb_free(&err);
	}
	assert_true(changes > 0);
	/* List 0 computed on the newest first: its own stays. */
	char key0[40];
	key_of(0, key0, sizeof key0);
	shared_body *mark = shared_body_new("[\"eigen\"]", 10);
	snapshot_cache_put(chain[2], key0, mark, 1);
	cache_lists(cur); /* late: both updates were made before */
	snapshot *f = full(st);
	size_t differ = 0;
	for (int k = 0; k < N_L; k++) {
		char key[40];
		key_of(k, key, sizeof key);
		size_t count = 0, fresh_n, old_n;
		shared_body *b = snapshot_cache_get(chain[2], key, &count);
		if (!b)
			fail_msg("lijst %d (%s) na het bijwerken bewaard maar niet in de nieuwste momentopname", k,
				 SCOPES[k / (N_D * N_F)].codes);
		if (k == 0) {
			assert_ptr_equal(b, mark);
		} else {
			char *fresh = fresh_list(f, k, &fresh_n);
			if (strcmp(b->data, fresh) != 0)
				fail_msg("lijst %d (%s, %s, filter %d) laat meegenomen maar anders dan opnieuw berekend:\n%s\n%s",
					 k, SCOPES[k / (N_D * N_F)].codes, DAYS[k / N_F % N_D], k % N_F, b->data, fresh);
			assert_int_equal(count, fresh_n);
			free(fresh);
			shared_body *old = snapshot_cache_get(cur, key, &old_n);
			assert_non_null(old);
			differ += strcmp(old->data, b->data) != 0;
			shared_body_release(old);
		}
		shared_body_release(b);
	}
	assert_true(differ > 0); /* patched, not only kept */
	/* Gone in another order than made: the links are cleared, nothing is
	 * carried into a snapshot that went. */
	snapshot_release(chain[1]);
	cache_lists(cur);
	shared_body_release(mark);
	snapshot_release(f);
	snapshot_release(chain[2]);
	snapshot_release(cur);
	store_close(st);
	registry_remove(db_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(incremental_state_is_a_full_recomputation),
		cmocka_unit_test(lists_cached_late_reach_the_updates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
