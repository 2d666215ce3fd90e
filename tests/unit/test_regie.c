/* Who may lead a pupil's case (SPEC 6): the organisations concerned with the
 * pupil - its schools, its SWV, leerplicht of its residence, a care
 * organisation - and that whoever leads the case may open the pupil's page. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/access.h"

/* A: enrolled at 20BB-00 (VO0001) until the summer, AV since, will start at
 *    70GG-00 (VO0002) in January; lives in GM0001.
 * E: went to 10AA-00 (PO0002) until 2024, now at 40DD-00 (PO0002 too, in
 *    GM0002); lived in GM0002, since October in GM0003. */
static const fixture WORLD = {
	.leerlingen = "A,,,2012-01-01,,,\nE,,,2015-01-01,,,\n",
	.woonadressen = "A,GM0001,2012-01-01,,0\nE,GM0002,2015-01-01,2025-09-30,0\nE,GM0003,2025-10-01,,0\n",
	.inschrijvingen = "A,20BB,00,2024-08-01,2025-07-31\nA,70GG,00,2026-01-05,\n"
			  "E,10AA,00,2019-08-01,2024-07-31\nE,40DD,00,2024-08-01,\n",
};

static bool concerned(const dataset *ds, org_kind k, const char *codes, const char *id)
{
	role r = org_kind_role(k);
	scope s = {0};
	scope_set set = {0};
	strbuf err = STRBUF_INIT;
	if (r != ROLE_COUNT) {
		if (scope_parse(r, codes, &s, &err) != 0)
			fail_msg("%s", sb_str(&err));
		scope_resolve(&s, ds, &set);
	}
	classification c;
	classify_id(ds, id, "2025-11-01", &c);
	bool yes = access_concerned(ds, k, r != ROLE_COUNT ? &set : NULL, (uint32_t)dataset_pupil(ds, id, strlen(id)), &c);
	if (r != ROLE_COUNT) {
		scope_set_free(&set);
		scope_free(&s);
	}
	sb_free(&err);
	return yes;
}

static void regie_goes_to_who_is_concerned_with_the_pupil(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&WORLD, NULL);
	/* Schools: the last one of an AV pupil, and the one it will go to. */
	assert_true(concerned(ds, ORG_SCHOOL, "20BB:00", "A"));
	assert_true(concerned(ds, ORG_SCHOOL, "70GG:00", "A"));
	assert_false(concerned(ds, ORG_SCHOOL, "10AA:00", "A"));
	/* An enrolled pupil: its school now, not the one it left years ago. */
	assert_true(concerned(ds, ORG_SCHOOL, "40DD:00", "E"));
	assert_false(concerned(ds, ORG_SCHOOL, "10AA:00", "E"));
	/* SWV: the pupil's own (SPEC 5) and that of a school of the pupil. */
	assert_true(concerned(ds, ORG_SWV, "VO0001", "A"));
	assert_true(concerned(ds, ORG_SWV, "VO0002", "A"));
	assert_false(concerned(ds, ORG_SWV, "PO0001", "A"));
	assert_true(concerned(ds, ORG_SWV, "PO0002", "E"));
	assert_false(concerned(ds, ORG_SWV, "VO0001", "E"));
	/* Leerplicht of the residence, not of where the pupil lived before. */
	assert_true(concerned(ds, ORG_LEERPLICHT, "GM0001", "A"));
	assert_false(concerned(ds, ORG_LEERPLICHT, "GM0002", "A"));
	assert_true(concerned(ds, ORG_LEERPLICHT, "GM0003", "E"));
	assert_false(concerned(ds, ORG_LEERPLICHT, "GM0002", "E"));
	assert_true(concerned(ds, ORG_LEERPLICHT, "GM0002,GM0003", "E"));
	/* A care organisation registered as such; never analysts or beheer. */
	assert_true(concerned(ds, ORG_ZORG, NULL, "A"));
	assert_false(concerned(ds, ORG_GEMEENTE, NULL, "A"));
	assert_false(concerned(ds, ORG_BEHEER, NULL, "A"));
	dataset_free(ds);
}

static void organisation_kinds(void **state)
{
	(void)state;
	for (int k = 0; k < ORG_KIND_COUNT; k++)
		assert_int_equal(org_kind_from_name(ORG_KIND_NAMES[k]), k);
	assert_int_equal(org_kind_from_name("ziekenhuis"), ORG_KIND_COUNT);
	assert_int_equal(org_kind_from_name(NULL), ORG_KIND_COUNT);
	assert_true(org_kind_leads_cases(ORG_ZORG));
	assert_true(org_kind_leads_cases(ORG_SCHOOL));
	assert_false(org_kind_leads_cases(ORG_GEMEENTE));
	assert_false(org_kind_leads_cases(ORG_BEHEER));
	assert_int_equal(org_kind_role(ORG_SWV), ROLE_SWV);
	assert_int_equal(org_kind_role(ORG_ZORG), ROLE_COUNT);
}

/* Whoever leads the pupil's open dossier opens the pupil's page, also from
 * outside its scope; the scope alone decides otherwise. */
static void whoever_leads_the_case_sees_the_pupil(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&WORLD, NULL);
	scope s;
	strbuf err = STRBUF_INIT;
	assert_int_equal(scope_parse(ROLE_SWV, "PO0001", &s, &err), 0);
	scope_set set;
	scope_resolve(&s, ds, &set);
	classification c;
	classify_id(ds, "A", "2025-11-01", &c);
	uint32_t a = (uint32_t)dataset_pupil(ds, "A", 1);
	assert_false(access_sees_pupil(ds, &set, a, &c));
	assert_false(access_sees_pupil_or_case(ds, &set, a, &c, false));
	assert_true(access_sees_pupil_or_case(ds, &set, a, &c, true));
	scope_set_free(&set);
	scope_free(&s);
	assert_int_equal(scope_parse(ROLE_LEERPLICHT, "GM0001", &s, &err), 0);
	scope_resolve(&s, ds, &set);
	assert_true(access_sees_pupil_or_case(ds, &set, a, &c, false));
	scope_set_free(&set);
	scope_free(&s);
	sb_free(&err);
	dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(regie_goes_to_who_is_concerned_with_the_pupil),
		cmocka_unit_test(organisation_kinds),
		cmocka_unit_test(whoever_leads_the_case_sees_the_pupil),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
