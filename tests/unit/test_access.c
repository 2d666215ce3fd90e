/* Who may see what (SPEC 2): scopes, pupil visibility and gebieden. Small
 * numbers (SPEC 9): test_suppress.c. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/access.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scopes_parse_per_role),
		cmocka_unit_test(each_role_sees_its_own_pupils),
		cmocka_unit_test(gebieden_in_scope),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
