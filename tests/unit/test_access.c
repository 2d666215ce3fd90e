/* Who may see what (SPEC 2, 9): scopes, pupil visibility, gebieden, and
 * small-number protection. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/access.h"
#include "../../src/core/suppress.h"

static void scopes_parse_per_role(void **state)
{
	(void)state;
	scope s;
	strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	assert_int_equal(scope_parse(ROLE_LEERPLICHT, "GM0599,GM0363,GM0599", &s, &err), 0);
	scope_format(&s, &out);
	assert_string_equal(sb_str(&out), "GM0363,GM0599"); /* sorted, once each */
	scope_free(&s);
	assert_int_equal(scope_parse(ROLE_SCHOOL, "11AA:00,11AA:01", &s, &err), 0);
	assert_int_equal(s.n, 2);
	scope_free(&s);
	assert_int_equal(scope_parse(ROLE_SWV, "PO2701", &s, &err), 0);
	scope_free(&s);
	assert_int_equal(scope_parse(ROLE_BEHEERDER, "*", &s, &err), 0);
	assert_true(s.all);
	scope_free(&s);
	const struct {
		role r;
		const char *text;
	} bad[] = {{ROLE_LEERPLICHT, "PO2701"}, {ROLE_SCHOOL, "11AA00"}, {ROLE_SCHOOL, "GM0363"},
		   {ROLE_SWV, "GM0363"},	 {ROLE_ANALIST, ""},	  {ROLE_BEHEERDER, "GM0363"},
		   {ROLE_LEERPLICHT, "GM0363,,GM0599"}};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		sb_reset(&err);
		if (scope_parse(bad[i].r, bad[i].text, &s, &err) == 0)
			fail_msg("accepted scope '%s' for %s", bad[i].text, ROLE_NAMES[bad[i].r]);
		assert_true(err.len > 0);
	}
	assert_int_equal(role_from_name("leerplicht"), ROLE_LEERPLICHT);
	assert_int_equal(role_from_name("admin"), ROLE_COUNT);
	sb_free(&err);
	sb_free(&out);
}

/* A: enrolled at 20BB-00 until the summer, AV since; lives in GM0001.
 * B: lives in GM0002, enrolled at 70GG-00 (VO0002).
 * C: never enrolled, AV, lives in GM0001 (region of VO0002). */
static const fixture WORLD = {
	.leerlingen = "A,,,2012-01-01,,,\nB,,,2012-01-01,,,\nC,,,2012-01-01,,,\n",
	.woonadressen = "A,GM0001,2012-01-01,,0\nB,GM0002,2012-01-01,,0\nC,GM0001,2012-01-01,,0\n",
	.inschrijvingen = "A,20BB,00,2024-08-01,2025-07-31\nB,70GG,00,2024-08-01,\n",
};

static bool sees(const dataset *ds, role r, const char *sc, const char *id, const char *d)
{
	scope s;
	strbuf err = STRBUF_INIT;
	if (scope_parse(r, sc, &s, &err) != 0)
		fail_msg("%s", sb_str(&err));
	scope_set set;
	scope_resolve(&s, ds, &set);
	classification c;
	classify_id(ds, id, d, &c);
	bool yes = access_sees_pupil(ds, &set, (uint32_t)dataset_pupil(ds, id, strlen(id)), &c);
	scope_set_free(&set);
	scope_free(&s);
	sb_free(&err);
	return yes;
}

static void each_role_sees_its_own_pupils(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&WORLD, NULL);
	/* A school sees a pupil only for the period of enrolment. */
	assert_true(sees(ds, ROLE_SCHOOL, "20BB:00", "A", "2025-03-01"));
	assert_true(sees(ds, ROLE_SCHOOL, "20BB:00", "A", "2025-07-31"));
	assert_false(sees(ds, ROLE_SCHOOL, "20BB:00", "A", "2025-08-01"));
	assert_false(sees(ds, ROLE_SCHOOL, "20BB:00", "B", "2025-03-01"));
	/* Leerplicht: residence on the peildatum. */
	assert_true(sees(ds, ROLE_LEERPLICHT, "GM0001", "A", "2025-11-01"));
	assert_false(sees(ds, ROLE_LEERPLICHT, "GM0001", "B", "2025-11-01"));
	assert_true(sees(ds, ROLE_LEERPLICHT, "GM0002,GM0001", "B", "2025-11-01"));
	/* SWV: its schools, its AV pupils by last enrolment and by region. */
	assert_true(sees(ds, ROLE_SWV, "VO0001", "A", "2025-11-01")); /* last enrolment */
	assert_true(sees(ds, ROLE_SWV, "VO0002", "B", "2025-11-01"));
	assert_true(sees(ds, ROLE_SWV, "VO0002", "C", "2025-11-01")); /* never enrolled, region */
	assert_false(sees(ds, ROLE_SWV, "VO0001", "C", "2025-11-01"));
	assert_false(sees(ds, ROLE_SWV, "PO0001", "B", "2025-11-01"));
	/* No personal data for analist and beheerder. */
	assert_false(sees(ds, ROLE_ANALIST, "GM0001", "A", "2025-11-01"));
	assert_false(sees(ds, ROLE_BEHEERDER, "*", "A", "2025-11-01"));
	dataset_free(ds);
}

static void gebieden_in_scope(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&WORLD, NULL);
	scope s;
	strbuf err = STRBUF_INIT;
	scope_set set;
	assert_int_equal(scope_parse(ROLE_LEERPLICHT, "GM0001", &s, &err), 0);
	scope_resolve(&s, ds, &set);
	assert_true(access_sees_gebied(ds, &set, VIEW_GEMEENTE, (size_t)dataset_gemeente(ds, "GM0001", 6)));
	assert_false(access_sees_gebied(ds, &set, VIEW_GEMEENTE, (size_t)dataset_gemeente(ds, "GM0002", 6)));
	/* SWVs whose region holds GM0001: PO0001, PO0002, VO0002. */
	assert_true(access_sees_gebied(ds, &set, VIEW_SWV, (size_t)dataset_swv(ds, "PO0001", 6)));
	assert_true(access_sees_gebied(ds, &set, VIEW_SWV, (size_t)dataset_swv(ds, "VO0002", 6)));
	assert_false(access_sees_gebied(ds, &set, VIEW_SWV, (size_t)dataset_swv(ds, "VO0001", 6)));
	scope_set_free(&set);
	scope_free(&s);
	assert_int_equal(scope_parse(ROLE_SCHOOL, "70GG:00,99ZZ:00", &s, &err), 0);
	scope_resolve(&s, ds, &set);
	assert_int_equal(set.unknown, 1);
	assert_true(access_sees_gebied(ds, &set, VIEW_GEMEENTE, (size_t)dataset_gemeente(ds, "GM0002", 6)));
	assert_true(access_sees_gebied(ds, &set, VIEW_SWV, (size_t)dataset_swv(ds, "VO0002", 6)));
	assert_false(access_sees_gebied(ds, &set, VIEW_SWV, (size_t)dataset_swv(ds, "VO0001", 6)));
	scope_set_free(&set);
	scope_free(&s);
	sb_free(&err);
	dataset_free(ds);
}

/* A one-gebied telling with chosen cells. */
static telling one(void)
{
	fixture f = {.leerlingen = "", .gemeenten = "GM0001,Alfa\n", .swv = "PO0001,a,PO\n", .swv_gemeenten = "",
		     .scholen = "10AA,00,X,BAO,GM0001,PO0001,\n"};
	dataset *ds = fixture_build(&f, NULL);
	telling t;
	telling_init(&t, ds, VIEW_GEMEENTE);
	dataset_free(ds);
	return t;
}

static void set(telling *t, regel r, int64_t kort, int64_t lang)
{
	t->cells[r].kort = kort;
	t->cells[r].lang = lang;
}

static void small_numbers_are_protected(void **state)
{
	(void)state;
	telling t = one();
	set(&t, R_AV_PO, 2, 8);	  /* kort small: totaal 10 would reveal it */
	set(&t, R_AV_VO, 0, 20);
	set(&t, R_LRV_PO, 6, 7);
	set(&t, R_LRV_VO, 10, 10);
	set(&t, R_THUISZITTERS_TOTAAL, 18, 45);
	set(&t, R_LEERPLICHTIGEN, 900, 0);
	set(&t, R_VRIJSTELLING_5B, 3, 0);
	set(&t, R_THUISZITTERS_LANG_ZONDER_AANBOD, 0, 4);
	suppression s;
	suppress_small_numbers(&t, 0, &s);
	assert_int_equal(s.cell[R_AV_PO][COL_KORT], CELL_SMALL);
	assert_int_equal(s.cell[R_AV_PO][COL_LANG], CELL_SHOWN);
	assert_int_equal(s.cell[R_AV_PO][COL_TOTAAL], CELL_HIDDEN);
	/* AV_PO kort and totaal hidden: the column sums would reveal them. */
	assert_int_equal(s.cell[R_THUISZITTERS_TOTAAL][COL_KORT], CELL_HIDDEN);
	assert_int_equal(s.cell[R_THUISZITTERS_TOTAAL][COL_TOTAAL], CELL_HIDDEN);
	/* THUISZITTERS_TOTAAL kort + lang = totaal has two unknowns: lang may show. */
	assert_int_equal(s.cell[R_THUISZITTERS_TOTAAL][COL_LANG], CELL_SHOWN);
	assert_int_equal(s.cell[R_THUISZITTERS_PER_1000][COL_TOTAAL], CELL_HIDDEN);
	assert_int_equal(s.cell[R_AV_VO][COL_KORT], CELL_SHOWN); /* zero is not small */
	assert_int_equal(s.cell[R_LRV_PO][COL_TOTAAL], CELL_SHOWN);
	assert_int_equal(s.cell[R_VRIJSTELLING_5B][COL_TOTAAL], CELL_SMALL);
	assert_int_equal(s.cell[R_THUISZITTERS_LANG_ZONDER_AANBOD][COL_LANG], CELL_SMALL);
	assert_int_equal(s.cell[R_THUISZITTERS_LANG_ZONDER_AANBOD][COL_TOTAAL], CELL_SMALL);
	assert_int_equal(s.cell[R_LEERPLICHTIGEN][COL_TOTAAL], CELL_SHOWN);
	/* Every relation now has zero or at least two unknowns. */
	for (int col = 0; col < COL_COUNT; col++) {
		int unknown = 0;
		regel sum[] = {R_AV_PO, R_AV_VO, R_LRV_PO, R_LRV_VO, R_THUISZITTERS_TOTAAL};
		for (int i = 0; i < 5; i++)
			unknown += s.cell[sum[i]][col] != CELL_SHOWN;
		assert_true(unknown != 1);
	}
	telling_free(&t);
}

static void nothing_small_nothing_hidden(void **state)
{
	(void)state;
	telling t = one();
	set(&t, R_AV_VO, 5, 9);
	set(&t, R_THUISZITTERS_TOTAAL, 5, 9);
	set(&t, R_LEERPLICHTIGEN, 4, 0); /* a tiny gemeente: the rate goes too */
	suppression s;
	suppress_small_numbers(&t, 0, &s);
	for (int r = 0; r < R_COUNT; r++)
		for (int col = 0; col < COL_COUNT; col++) {
			cell_state want = CELL_SHOWN;
			if (r == R_LEERPLICHTIGEN && col == COL_TOTAAL)
				want = CELL_SMALL;
			if (r == R_THUISZITTERS_PER_1000 && col == COL_TOTAAL)
				want = CELL_HIDDEN;
			assert_int_equal(s.cell[r][col], want);
		}
	telling_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scopes_parse_per_role),
		cmocka_unit_test(each_role_sees_its_own_pupils),
		cmocka_unit_test(gebieden_in_scope),
		cmocka_unit_test(small_numbers_are_protected),
		cmocka_unit_test(nothing_small_nothing_hidden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
