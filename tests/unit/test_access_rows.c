/* Who sees and writes which rows (SPEC 2, 9): the roles that work with
 * pupils and the one that sees counts protected, the purpose an audit entry
 * records, the gebieden a role's overview is about first, which facts of a
 * pupil a school sees, and which rows a school or leerplicht writes as the
 * place they belong to. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/access.h"

static void roles_that_see_pupils_and_protected_counts(void **state)
{
	(void)state;
	assert_true(role_sees_pupils(ROLE_SCHOOL));
	assert_true(role_sees_pupils(ROLE_LEERPLICHT));
	assert_true(role_sees_pupils(ROLE_SWV));
	assert_false(role_sees_pupils(ROLE_ANALIST));
	assert_false(role_sees_pupils(ROLE_BEHEERDER));
	assert_true(role_counts_protected(ROLE_ANALIST));
	assert_false(role_counts_protected(ROLE_LEERPLICHT));
	assert_false(role_counts_protected(ROLE_BEHEERDER));
	assert_non_null(strstr(role_purpose(ROLE_LEERPLICHT, false), "Leerplichtwet"));
	assert_string_equal(role_purpose(ROLE_BEHEERDER, false), "beheer");
	assert_string_equal(role_purpose(ROLE_BEHEERDER, true), "noodtoegang (break-glass)");
}

/* A: lives in GM0002 since 2025-01-01 (before in GM0001), enrolled at
 * 20BB-00 (VO0001) until the summer and at 70GG-00 (VO0002) since. */
static const fixture WORLD = {
	.leerlingen = "A,,,2012-01-01,,,\n",
	.woonadressen = "A,GM0001,2012-01-01,2024-12-31,0\nA,GM0002,2025-01-01,,0\n",
	.inschrijvingen = "A,20BB,00,2024-08-01,2025-07-31\nA,70GG,00,2025-08-01,\n",
	.verzuim = "A,20BB,00,ziek,2025-03-03,2025-03-07,\nA,70GG,00,ongeoorloofd,2025-09-15,,\n",
};

static size_t index_of(const dataset *ds, view v, const char *code)
{
	size_t n = v == VIEW_SWV ? ds->n_swvs : ds->n_gemeenten;
	for (size_t g = 0; g < n; g++)
		if (strcmp(gebied_code(ds, v, g), code) == 0)
			return g;
	fail_msg("no gebied %s", code);
	return 0;
}

static void each_role_looks_first_at_its_own_gebieden(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&WORLD, NULL);
	assert_non_null(ds);
	resolved lp, sch, sw, admin;
	resolve(ds, ROLE_LEERPLICHT, "GM0002", &lp);
	resolve(ds, ROLE_SCHOOL, "70GG:00", &sch);
	resolve(ds, ROLE_SWV, "PO0001", &sw);
	resolve(ds, ROLE_BEHEERDER, "*", &admin);
	assert_int_equal(access_home_view(ROLE_LEERPLICHT), VIEW_GEMEENTE);
	assert_int_equal(access_home_view(ROLE_ANALIST), VIEW_GEMEENTE);
	assert_int_equal(access_home_view(ROLE_SCHOOL), VIEW_SWV);
	assert_int_equal(access_home_view(ROLE_SWV), VIEW_SWV);
	assert_true(access_home_gebied(ds, &lp.set, index_of(ds, VIEW_GEMEENTE, "GM0002")));
	assert_false(access_home_gebied(ds, &lp.set, index_of(ds, VIEW_GEMEENTE, "GM0001")));
	/* A school: the SWV of its vestiging. */
	assert_true(access_home_gebied(ds, &sch.set, index_of(ds, VIEW_SWV, "VO0002")));
	assert_false(access_home_gebied(ds, &sch.set, index_of(ds, VIEW_SWV, "VO0001")));
	assert_true(access_home_gebied(ds, &sw.set, index_of(ds, VIEW_SWV, "PO0001")));
	assert_false(access_home_gebied(ds, &sw.set, index_of(ds, VIEW_SWV, "PO0002")));
	assert_true(access_home_gebied(ds, &admin.set, index_of(ds, VIEW_GEMEENTE, "GM0003")));
	resolved_free(&lp);
	resolved_free(&sch);
	resolved_free(&sw);
	resolved_free(&admin);
	dataset_free(ds);
}

static field F(const char *s)
{
	return (field){s, strlen(s)};
}

static void a_school_sees_its_own_rows_and_its_own_periods(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&WORLD, NULL);
	assert_non_null(ds);
	uint32_t p = (uint32_t)dataset_pupil(ds, "A", 1);
	resolved now, before, lp;
	resolve(ds, ROLE_SCHOOL, "70GG:00", &now);
	resolve(ds, ROLE_SCHOOL, "20BB:00", &before);
	resolve(ds, ROLE_LEERPLICHT, "GM0002", &lp);
	reach rn, rb, rl;
	access_reach(ds, &now.set, p, &rn);
	access_reach(ds, &before.set, p, &rb);
	access_reach(ds, &lp.set, p, &rl);
	access_reader in_now = {&now.set, &rn}, in_before = {&before.set, &rb}, in_lp = {&lp.set, &rl};
	field ziek[7] = {F("A"), F("20BB"), F("00"), F("ziek"), F("2025-03-03"), F("2025-03-07"), F("")};
	assert_true(access_fact_visible(ds, &in_before, T_VERZUIM, ziek));
	assert_false(access_fact_visible(ds, &in_now, T_VERZUIM, ziek)); /* another school's absence */
	/* Leerplicht GM0002 sees every school's rows, but only of its own period
	 * (the pupil lives there since 2025-01-01). */
	assert_true(access_fact_visible(ds, &in_lp, T_VERZUIM, ziek));
	field early[7] = {F("A"), F("20BB"), F("00"), F("ziek"), F("2024-10-07"), F("2024-10-11"), F("")};
	assert_false(access_fact_visible(ds, &in_lp, T_VERZUIM, early));
	/* Residences: only as far as they overlap the reader's periods. */
	field old_home[5] = {F("A"), F("GM0001"), F("2012-01-01"), F("2024-12-31"), F("0")};
	assert_true(access_fact_visible(ds, &in_before, T_WOONADRESSEN, old_home));
	assert_false(access_fact_visible(ds, &in_now, T_WOONADRESSEN, old_home));
	assert_false(access_fact_visible(ds, &in_lp, T_WOONADRESSEN, old_home));
	assert_true(access_fact_visible(ds, NULL, T_WOONADRESSEN, old_home)); /* no viewer: the command line */
	field identity[7] = {F("A"), F(""), F(""), F("2012-01-01"), F(""), F(""), F("")};
	assert_true(access_fact_visible(ds, &in_now, T_LEERLINGEN, identity));
	/* A residence is clipped for a school to its enrolment (70GG since
	 * 2025-08-01): nothing before; its own rows are its records, whole. */
	assert_true(access_clips(&in_now, T_WOONADRESSEN));
	assert_false(access_clips(&in_now, T_VERZUIM));
	assert_false(access_clips(&in_lp, T_WOONADRESSEN));
	assert_true(access_clips(&in_lp, T_INSCHRIJVINGEN));
	assert_false(access_clips(NULL, T_WOONADRESSEN));
	day_t van = D("2025-01-01"), tot = DAY_OPEN;
	assert_true(access_clip(&in_now, &van, &tot));
	assert_int_equal(van, D("2025-08-01"));
	assert_int_equal(tot, DAY_OPEN);
	van = D("2025-08-01");
	assert_false(access_clip(&in_now, &van, &tot)); /* already within */
	reach_free(&rn);
	reach_free(&rb);
	reach_free(&rl);
	resolved_free(&now);
	resolved_free(&before);
	resolved_free(&lp);
	dataset_free(ds);
}

static void a_place_writes_its_own_rows(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&WORLD, NULL);
	assert_non_null(ds);
	assert_true(access_writes_by_place(ROLE_SCHOOL, T_INSCHRIJVINGEN));
	assert_true(access_writes_by_place(ROLE_SCHOOL, T_VERZUIM));
	assert_true(access_writes_by_place(ROLE_SCHOOL, T_MELDINGEN));
	assert_false(access_writes_by_place(ROLE_SCHOOL, T_WOONADRESSEN));
	assert_true(access_writes_by_place(ROLE_LEERPLICHT, T_WOONADRESSEN));
	assert_false(access_writes_by_place(ROLE_LEERPLICHT, T_VRIJSTELLINGEN));
	resolved sch, lp;
	resolve(ds, ROLE_SCHOOL, "70GG:00", &sch);
	resolve(ds, ROLE_LEERPLICHT, "GM0002", &lp);
	field own[5] = {F("A"), F("70GG"), F("00"), F("2025-08-01"), F("")};
	field other[5] = {F("A"), F("20BB"), F("00"), F("2025-08-01"), F("")};
	field unknown[5] = {F("A"), F("99ZZ"), F("00"), F("2025-08-01"), F("")};
	assert_true(access_row_in_scope(ds, &sch.set, T_INSCHRIJVINGEN, own));
	assert_false(access_row_in_scope(ds, &sch.set, T_INSCHRIJVINGEN, other));
	assert_true(access_row_in_scope(ds, &sch.set, T_INSCHRIJVINGEN, unknown)); /* the builder refuses it */
	field home[5] = {F("A"), F("GM0002"), F("2025-01-01"), F(""), F("0")};
	field away[5] = {F("A"), F("GM0001"), F("2025-01-01"), F(""), F("0")};
	assert_true(access_row_in_scope(ds, &lp.set, T_WOONADRESSEN, home));
	assert_false(access_row_in_scope(ds, &lp.set, T_WOONADRESSEN, away));
	resolved_free(&sch);
	resolved_free(&lp);
	dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roles_that_see_pupils_and_protected_counts),
		cmocka_unit_test(each_role_looks_first_at_its_own_gebieden),
		cmocka_unit_test(a_school_sees_its_own_rows_and_its_own_periods),
		cmocka_unit_test(a_place_writes_its_own_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
