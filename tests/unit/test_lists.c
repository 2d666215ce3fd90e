/* The lists of pupils (SPEC 4.1, 5, 6): a status line, which categories each
 * list shows, the groups the lists are filtered and counted by, the urgent
 * pupil, the duration and the three-month threshold, and a cell of the
 * Resultaatschema as people see it (SPEC 9). */
#include "helpers.h"

#include <string.h>

#include "../../src/core/lists.h"
#include "../../src/core/suppress.h"

static void the_thuiszitterslijst_and_the_tafel_list_show_their_categories(void **state)
{
	(void)state;
	/* The pages' list: every pupil at home, counted or not. */
	const categorie home[] = {CAT_AV, CAT_AV_KORT, CAT_AV_5C_IN_BEHANDELING, CAT_AV_ADRES_IN_ONDERZOEK,
				  CAT_LRV, CAT_LANGDURIG_ZIEK, CAT_GESCHORST_VERWIJDERD};
	for (size_t i = 0; i < sizeof home / sizeof home[0]; i++)
		assert_true(categorie_on_list(LIST_THUISZITTERSLIJST, home[i]));
	assert_false(categorie_on_list(LIST_THUISZITTERSLIJST, CAT_DREIGEND));
	assert_false(categorie_on_list(LIST_THUISZITTERSLIJST, CAT_GEEN));
	assert_false(categorie_on_list(LIST_THUISZITTERSLIJST, CAT_VRIJSTELLING_5A_PERMANENT));
	/* The tafel's list (SPEC 6): AV, LRV and langdurig ziek only. */
	assert_true(categorie_on_list(LIST_TAFEL, CAT_AV));
	assert_true(categorie_on_list(LIST_TAFEL, CAT_LRV));
	assert_true(categorie_on_list(LIST_TAFEL, CAT_LANGDURIG_ZIEK));
	assert_false(categorie_on_list(LIST_TAFEL, CAT_AV_KORT));
	assert_false(categorie_on_list(LIST_TAFEL, CAT_GESCHORST_VERWIJDERD));
	assert_false(categorie_on_list(LIST_TAFEL, CAT_DREIGEND));
}

static void groups_name_the_counted_and_the_not_counted(void **state)
{
	(void)state;
	categorie_set s;
	assert_true(categorie_group("thuiszitters", &s));
	assert_int_equal(s, categorie_set_of(CAT_AV) | categorie_set_of(CAT_LRV));
	assert_true(categorie_group("niet-geteld", &s));
	assert_int_equal(s, categorie_set_of(CAT_AV_KORT) | categorie_set_of(CAT_AV_5C_IN_BEHANDELING) |
				    categorie_set_of(CAT_AV_ADRES_IN_ONDERZOEK));
	assert_true(categorie_group("LANGDURIG_ZIEK", &s));
	assert_int_equal(s, categorie_set_of(CAT_LANGDURIG_ZIEK));
	assert_true(categorie_group("alle", &s));
	for (int c = 0; c < CAT_COUNT; c++)
		assert_true(categorie_set_has(s, (categorie)c));
	assert_false(categorie_group("AV_LANG", &s));
	assert_false(categorie_group("", &s));
	assert_true(categorie_is_av_niet_geteld(CAT_AV_KORT));
	assert_false(categorie_is_av_niet_geteld(CAT_AV));
	assert_false(categorie_is_av_niet_geteld(CAT_LRV));
}

static void urgent_is_a_thuiszitter_three_months_without_aanbod(void **state)
{
	(void)state;
	assert_true(thuiszitter_lang_zonder_aanbod(CAT_AV, true, true));
	assert_true(thuiszitter_lang_zonder_aanbod(CAT_LRV, true, true));
	assert_false(thuiszitter_lang_zonder_aanbod(CAT_LRV, false, true)); /* not three months yet */
	assert_false(thuiszitter_lang_zonder_aanbod(CAT_AV, true, false));  /* has an offer */
	assert_false(thuiszitter_lang_zonder_aanbod(CAT_LANGDURIG_ZIEK, true, true));
	assert_false(thuiszitter_lang_zonder_aanbod(CAT_AV_KORT, true, true));
}

static void duration_and_three_months_clamp_to_the_month_end(void **state)
{
	(void)state;
	assert_int_equal(duur_dagen(D("2025-09-15"), D("2025-11-01")), 48); /* SPEC 4 worked example */
	assert_int_equal(duur_dagen(D("2025-11-01"), D("2025-11-01")), 1);
	assert_int_equal(drie_maanden_na(D("2025-11-30")), D("2026-02-28"));
	assert_false(langer_dan_3_maanden(D("2025-11-30"), D("2026-02-27")));
	assert_true(langer_dan_3_maanden(D("2025-11-30"), D("2026-02-28")));
	assert_true(langer_dan_3_maanden(D("2025-05-12"), D("2025-11-01")));
}

/* A: AV since its enrolment at 20BB-00 ended; V: a verleend 5b. */
static const fixture WORLD = {
	.leerlingen = "A,,,2012-01-01,,,\nV,,,2012-01-01,,,\n",
	.woonadressen = "A,GM0001,2012-01-01,,0\nV,GM0002,2012-01-01,,0\n",
	.inschrijvingen = "A,20BB,00,2024-08-01,2025-07-31\n",
	.vrijstellingen = "V,5b,verleend,2025-01-10,2025-02-01,\n",
};

static void a_status_row_holds_the_columns_of_spec_4_1(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&WORLD, NULL);
	assert_non_null(ds);
	classification c;
	status_row row;
	classify_id(ds, "A", "2025-11-01", &c);
	status_row_of((uint32_t)dataset_pupil(ds, "A", 1), &c, &row);
	assert_int_equal(row.cat, CAT_AV);
	assert_int_equal(row.startdatum, D("2025-08-01"));
	assert_int_equal(row.duur, 93);
	assert_true(row.lang);
	assert_true(row.zonder_aanbod);
	assert_string_equal(ds->schools[row.school].brin, "20BB"); /* the last enrolment */
	assert_string_equal(ds->gemeenten[row.gemeente].code, "GM0001");
	assert_int_equal(row.vrijstelling, -1);
	classify_id(ds, "V", "2025-11-01", &c);
	status_row_of((uint32_t)dataset_pupil(ds, "V", 1), &c, &row);
	assert_int_equal(row.cat, CAT_VRIJSTELLING_5B);
	assert_int_equal(row.startdatum, DAY_NONE);
	assert_int_equal(row.duur, -1);
	assert_false(row.lang);
	assert_true(row.vrijstelling >= 0);
	assert_string_equal(ds->vrij[row.vrijstelling].grond, "5b");
	dataset_free(ds);
}

static void a_cell_shows_its_number_or_its_mark(void **state)
{
	(void)state;
	assert_null(cell_mark(CELL_SHOWN, false));
	assert_string_equal(cell_mark(CELL_SMALL, false), "<5");
	assert_string_equal(cell_mark(CELL_HIDDEN, false), "x");
	assert_string_equal(cell_mark(CELL_SMALL, true), "x"); /* a rate is never "<5" */
	telling_value v = {.has_kort = true, .has_lang = true, .has_totaal = true, .kort = 3, .lang = 12, .totaal = 15};
	suppression sp = {0};
	char out[32];
	cell_text(&v, COL_TOTAAL, NULL, R_AV_PO, out);
	assert_string_equal(out, "15");
	sp.cell[R_AV_PO][COL_KORT] = CELL_SMALL;
	sp.cell[R_AV_PO][COL_LANG] = CELL_HIDDEN;
	cell_text(&v, COL_KORT, &sp, R_AV_PO, out);
	assert_string_equal(out, "<5");
	cell_text(&v, COL_LANG, &sp, R_AV_PO, out);
	assert_string_equal(out, "x");
	telling_value empty = {.has_totaal = true, .totaal = 4};
	cell_text(&empty, COL_KORT, &sp, R_LEERPLICHTIGEN, out);
	assert_string_equal(out, ""); /* no value in that column */
	telling_value rate = {.has_totaal = true, .is_rate = true, .rate = "453.13"};
	cell_text(&rate, COL_TOTAAL, NULL, R_THUISZITTERS_PER_1000, out);
	assert_string_equal(out, "453.13");
	sp.cell[R_THUISZITTERS_PER_1000][COL_TOTAAL] = CELL_HIDDEN;
	cell_text(&rate, COL_TOTAAL, &sp, R_THUISZITTERS_PER_1000, out);
	assert_string_equal(out, "x");
}

/* Two gemeenten: the rate of the sum is not the sum of the rates. */
static void summed_gebieden_recompute_their_rate(void **state)
{
	(void)state;
	static const fixture TWO = {
		.leerlingen = "A,,,2012-01-01,,,\nB,,,2012-01-01,,,\nC,,,2012-01-01,,,\n",
		.woonadressen = "A,GM0001,2012-01-01,,0\nB,GM0002,2012-01-01,,0\nC,GM0002,2012-01-01,,0\n",
		.inschrijvingen = "A,20BB,00,2024-08-01,2025-07-31\nB,70GG,00,2024-08-01,\nC,70GG,00,2024-08-01,\n",
	};
	dataset *ds = fixture_build(&TWO, NULL);
	assert_non_null(ds);
	telling t;
	telling_init(&t, ds, VIEW_GEMEENTE);
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		classification c;
		classify(ds, p, D("2025-11-01"), &c);
		telling_add(&t, ds, &c);
	}
	size_t both[2] = {0, 1};
	telling_value v;
	telling_value_sum(&t, both, 2, R_THUISZITTERS_TOTAAL, &v);
	assert_int_equal(v.totaal, 1);
	telling_value_sum(&t, both, 2, R_LEERPLICHTIGEN, &v);
	assert_int_equal(v.totaal, 3);
	telling_value_sum(&t, both, 2, R_THUISZITTERS_PER_1000, &v);
	assert_true(v.is_rate);
	assert_string_equal(v.rate, "333.33"); /* 1 of 3, not 1000 + 0 */
	telling_value_sum(&t, both, 0, R_AV_VO, &v);
	assert_false(v.has_totaal);
	telling_free(&t);
	dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_thuiszitterslijst_and_the_tafel_list_show_their_categories),
		cmocka_unit_test(groups_name_the_counted_and_the_not_counted),
		cmocka_unit_test(urgent_is_a_thuiszitter_three_months_without_aanbod),
		cmocka_unit_test(duration_and_three_months_clamp_to_the_month_end),
		cmocka_unit_test(a_status_row_holds_the_columns_of_spec_4_1),
		cmocka_unit_test(a_cell_shows_its_number_or_its_mark),
		cmocka_unit_test(summed_gebieden_recompute_their_rate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
