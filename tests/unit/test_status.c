/* The status and counts queries (src/app): who a caller sees on a list on a
 * day - by scope, by a break-glass grant, or everybody - with the categorie
 * and gebied filters, the same on any number of threads; and the counts of
 * the gebieden a caller counts, protected for the analist. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "../../src/app/counts.h"
#include "../../src/app/status.h"

/* A: AV, lives in GM0001, last at 20BB-00 (VO0001). B: LRV at 70GG-00
 * (VO0002), lives in GM0002. C: goes to school at 70GG-00. V: a 5b, lives in
 * GM0002. */
static const fixture WORLD = {
	.leerlingen = "A,,,2012-01-01,,,\nB,,,2012-01-01,,,\nC,,,2012-01-01,,,\nV,,,2012-01-01,,,\n",
	.woonadressen = "A,GM0001,2012-01-01,,0\nB,GM0002,2012-01-01,,0\nC,GM0002,2012-01-01,,0\nV,GM0002,2012-01-01,,0\n",
	.inschrijvingen = "A,20BB,00,2024-08-01,2025-07-31\nB,70GG,00,2024-08-01,\nC,70GG,00,2024-08-01,\n",
	.verzuim = "B,70GG,00,ongeoorloofd,2025-09-15,,\n",
	.vrijstellingen = "V,5b,verleend,2025-01-10,2025-02-01,\n",
};

/* The ids on a list, comma separated. */
static const char *ids(const dataset *ds, const status_rows *rows, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < rows->n; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s", i ? "," : "", ds->pupils[rows->rows[i].pupil].id);
	}
	return buf;
}

static const char *run(const dataset *ds, const status_query *q, int threads, char *buf, size_t size)
{
	status_rows rows;
	status_run(ds, q, threads, &rows);
	ids(ds, &rows, buf, size);
	status_rows_free(&rows);
	return buf;
}

static void everybody_a_scope_or_a_grant(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&WORLD, NULL);
	assert_non_null(ds);
	char buf[128];
	status_query q = status_query_of(D("2025-11-01"));
	assert_string_equal(run(ds, &q, 1, buf, sizeof buf), "A,B,V"); /* C goes to school */
	assert_string_equal(run(ds, &q, 4, buf, sizeof buf), "A,B,V");
	pupil_index ix;
	pupil_index_build(ds, &ix);
	resolved lp;
	resolve(ds, ROLE_LEERPLICHT, "GM0002", &lp);
	q.scope = &lp.set;
	assert_string_equal(run(ds, &q, 1, buf, sizeof buf), "B,V");
	q.index = &ix; /* the same through the index */
	assert_string_equal(run(ds, &q, 2, buf, sizeof buf), "B,V");
	/* A grant: only the pupil granted, whatever the scope. */
	int32_t granted[1] = {dataset_pupil(ds, "A", 1)};
	status_query g = status_query_of(D("2025-11-01"));
	g.by_grant = true;
	g.granted = granted;
	g.n_granted = 1;
	assert_string_equal(run(ds, &g, 1, buf, sizeof buf), "A");
	g.n_granted = 0;
	assert_string_equal(run(ds, &g, 1, buf, sizeof buf), "");
	resolved_free(&lp);
	pupil_index_free(&ix);
	dataset_free(ds);
}

static void filters_by_categorie_and_gebied(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&WORLD, NULL);
	assert_non_null(ds);
	char buf[128];
	status_query q = status_query_of(D("2025-11-01"));
	q.cats = list_categories(LIST_TAFEL);
	assert_string_equal(run(ds, &q, 1, buf, sizeof buf), "A,B");
	q.cats = categorie_set_of(CAT_VRIJSTELLING_5B);
	assert_string_equal(run(ds, &q, 1, buf, sizeof buf), "V");
	q.cats = 0;
	q.gemeente = dataset_gemeente(ds, "GM0001", 6); /* by residence */
	assert_string_equal(run(ds, &q, 1, buf, sizeof buf), "A");
	q.gemeente = NO_REF;
	q.swv = dataset_swv(ds, "VO0002", 6); /* by the SWV the pupil belongs to */
	assert_string_equal(run(ds, &q, 1, buf, sizeof buf), "B");
	dataset_free(ds);
}

static void counts_of_the_gebieden_a_caller_counts(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&WORLD, NULL);
	assert_non_null(ds);
	int threads = 1;
	day_t days[2] = {D("2025-06-01"), D("2025-11-01")};
	resolved an;
	resolve(ds, ROLE_ANALIST, "GM0002", &an);
	counts_query q = {.v = VIEW_GEMEENTE, .days = days, .n_days = 2, .scope = &an.set, .protect = true};
	counts c;
	counts_run(ds, &q, telling_computed, &threads, &c);
	assert_int_equal(c.n_days, 2);
	assert_int_equal(c.n_gebieden, 1);
	assert_string_equal(gebied_code(ds, VIEW_GEMEENTE, c.gebieden[0]), "GM0002");
	suppression sp;
	const suppression *shown = counts_protection(&c, 1, 0, &sp);
	assert_non_null(shown);
	char text[32];
	counts_cell_text(&c, 1, 0, shown, R_LRV_VO, COL_TOTAAL, text);
	assert_string_equal(text, "<5"); /* one LRV pupil, protected for the analist */
	counts_cell_text(&c, 1, 0, NULL, R_LRV_VO, COL_TOTAAL, text);
	assert_string_equal(text, "1");
	counts_cell_text(&c, 0, 0, NULL, R_LRV_VO, COL_TOTAAL, text);
	assert_string_equal(text, "0"); /* on 1 June nobody was absent yet */
	counts_free(&c);
	/* Without a scope and with keep: the gebieden asked, summed. */
	bool keep[3] = {true, true, false};
	counts_query all = {.v = VIEW_GEMEENTE, .days = days + 1, .n_days = 1, .keep = keep};
	counts_run(ds, &all, telling_computed, &threads, &c);
	assert_int_equal(c.n_gebieden, 2);
	assert_null(counts_protection(&c, 0, 0, &sp));
	telling_value v;
	counts_sum(&c, 0, c.n_gebieden, R_THUISZITTERS_TOTAAL, &v);
	assert_int_equal(v.totaal, 2);
	counts_free(&c);
	/* The home gebieden of a role. */
	resolved lp;
	resolve(ds, ROLE_LEERPLICHT, "GM0001", &lp);
	counts_query home = {.v = VIEW_GEMEENTE, .days = days + 1, .n_days = 1, .scope = &lp.set, .home = true};
	counts_run(ds, &home, telling_computed, &threads, &c);
	assert_int_equal(c.n_gebieden, 1);
	assert_string_equal(gebied_code(ds, VIEW_GEMEENTE, c.gebieden[0]), "GM0001");
	counts_free(&c);
	resolved_free(&lp);
	resolved_free(&an);
	dataset_free(ds);
}

/* Many pupils, few of them in the scope and far apart (the candidates'
 * bits mostly in empty words): the list through the index is the list
 * found by testing every pupil, on one thread and on two. */
static void sparse_candidates_as_every_pupil_tested(void **state)
{
	(void)state;
	enum { N = 700 };
	strbuf lln = STRBUF_INIT, woon = STRBUF_INIT;
	for (int i = 0; i < N; i++) {
		sb_printf(&lln, "P%04d,,,2012-01-01,,,\n", i);
		/* In GM0001: every 97th, and a run of ten that fills a word. */
		bool alfa = i % 97 == 5 || (i >= 300 && i < 310);
		sb_printf(&woon, "P%04d,%s,2012-01-01,,0\n", i, alfa ? "GM0001" : "GM0002");
	}
	fixture f = {.leerlingen = sb_str(&lln), .woonadressen = sb_str(&woon)};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	pupil_index ix;
	pupil_index_build(ds, &ix);
	resolved lp;
	resolve(ds, ROLE_LEERPLICHT, "GM0001", &lp);
	status_query q = status_query_of(D("2025-11-01"));
	q.scope = &lp.set;
	char every[1024], one[1024], two[1024];
	run(ds, &q, 1, every, sizeof every); /* no index: every pupil tested */
	q.index = &ix;
	run(ds, &q, 1, one, sizeof one);
	run(ds, &q, 2, two, sizeof two);
	assert_string_equal(every, "P0005,P0102,P0199,P0296,P0300,P0301,P0302,P0303,P0304,P0305,P0306,P0307,P0308,"
				   "P0309,P0393,P0490,P0587,P0684");
	assert_string_equal(one, every);
	assert_string_equal(two, every);
	resolved_free(&lp);
	pupil_index_free(&ix);
	dataset_free(ds);
	sb_free(&lln);
	sb_free(&woon);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(everybody_a_scope_or_a_grant),
		cmocka_unit_test(filters_by_categorie_and_gebied),
		cmocka_unit_test(sparse_candidates_as_every_pupil_tested),
		cmocka_unit_test(counts_of_the_gebieden_a_caller_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
