/* Passend aanbod belongs to the current absence (SPEC 4 rule 6): an aanbod
 * counts only when startdatum <= plaats_per <= D, in the classification, the
 * Resultaatschema and the explanation; and rows that are only doubtful
 * (SPEC 3.1 warnings) are classified without trouble. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/explain.h"
#include "../../src/core/telling.h"

/* P, born 2012-03-10, living in GM0001, enrolled at the VO school 20BB-00 and
 * absent without leave since 2025-06-02: LRV, three months or longer on
 * D = 2025-11-03. */
#define PUPIL "P,,,2012-03-10,,,\n"
#define HOME "P,GM0001,2012-03-10,,0\n"
#define AT_VO "P,20BB,00,2024-08-01,\n"
#define ABSENT "P,20BB,00,ongeoorloofd,2025-06-02,,\n"

/* Whether the explanation of pupil 0 has a line containing text. */
static bool explains(const dataset *ds, const classification *c, const char *text)
{
	explanation ex;
	explain(ds, 0, c, &ex);
	bool found = false;
	for (size_t i = 0; i < ex.n; i++)
		found |= strstr(ex.lines[i], text) != NULL;
	explanation_free(&ex);
	return found;
}

static bool zonder_with_place(const char *plaats_per, const char *d)
{
	char row[64];
	snprintf(row, sizeof row, "P,2025-05-01,%s,onderwijs\n", plaats_per);
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO, .verzuim = ABSENT,
		     .aanbod = row};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	classification c;
	classify_id(ds, "P", d, &c);
	assert_int_equal(c.cat, CAT_LRV);
	assert_int_equal(c.startdatum, D("2025-06-02"));
	bool zonder = c.zonder_aanbod;
	assert_int_equal(zonder, c.aanbod < 0);
	dataset_free(ds);
	return zonder;
}

static void a_place_counts_from_startdatum_to_d(void **state)
{
	(void)state;
	assert_true(zonder_with_place("2025-06-01", "2025-11-03"));  /* the day before the absence began */
	assert_false(zonder_with_place("2025-06-02", "2025-11-03")); /* on startdatum */
	assert_false(zonder_with_place("2025-11-03", "2025-11-03")); /* on D */
	assert_true(zonder_with_place("2025-11-04", "2025-11-03"));  /* after D */
	assert_true(zonder_with_place("", "2025-11-03"));	     /* no place yet */
}

static void aanbod_counts_is_the_rule(void **state)
{
	(void)state;
	day_t s = D("2025-06-02"), d = D("2025-11-03");
	assert_false(aanbod_counts(s, s - 1, d));
	assert_true(aanbod_counts(s, s, d));
	assert_true(aanbod_counts(s, d, d));
	assert_false(aanbod_counts(s, d + 1, d));
	assert_false(aanbod_counts(s, DAY_NONE, d));
	assert_false(aanbod_counts(DAY_NONE, s, d));
}

/* A place from an earlier absence, which the pupil took and later left, does
 * not answer this one: enrolled again from 2025-03-01 after an offer, left on
 * 2025-08-31, absoluut verzuim since 2025-09-01. */
static const fixture EARLIER = {
	.leerlingen = PUPIL,
	.woonadressen = HOME,
	.inschrijvingen = "P,20BB,00,2024-08-01,2025-01-31\nP,60FF,00,2025-03-01,2025-08-31\n",
	.verzuim = "P,20BB,00,ongeoorloofd,2024-11-04,2025-01-31,\n",
	.aanbod = "P,2025-02-10,2025-03-01,onderwijs\n",
};

static void a_place_from_an_earlier_absence_does_not_count(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&EARLIER, NULL);
	assert_non_null(ds);
	classification c;
	classify_id(ds, "P", "2025-12-15", &c);
	assert_int_equal(c.cat, CAT_AV);
	assert_int_equal(c.startdatum, D("2025-09-01"));
	assert_true(c.lang);
	assert_true(c.zonder_aanbod);
	/* The Resultaatschema counts P as lang zonder passend aanbod. */
	telling g;
	telling_init(&g, ds, VIEW_GEMEENTE);
	telling_add(&g, ds, &c);
	telling_value v;
	telling_value_of(&g, 0, R_THUISZITTERS_LANG_ZONDER_AANBOD, &v);
	assert_int_equal(v.lang, 1);
	telling_free(&g);
	/* The explanation says which aanbod was left out, and why. */
	assert_true(explains(ds, &c, "Aanbod (onderwijs) van 10-02-2025 met een plaats per 01-03-2025 telt niet: die "
				     "plaats was er al voor het begin van dit verzuim op 01-09-2025."));
	assert_true(explains(ds, &c, "Geen aanbod met een plaats beschikbaar tussen het begin van dit verzuim "
				     "(01-09-2025) en de peildatum: zonder passend aanbod."));
	/* During the earlier absence (LRV on 2025-01-20) there was no place yet. */
	classify_id(ds, "P", "2025-01-20", &c);
	assert_int_equal(c.cat, CAT_LRV);
	assert_true(c.zonder_aanbod);
	dataset_free(ds);
}

static void the_explanation_names_the_aanbod_that_counts(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO, .verzuim = ABSENT,
		     .aanbod = "P,2025-05-01,2025-05-20,zorg\nP,2025-09-01,2025-10-01,combinatie\n"};
	dataset *ds = fixture_build(&f, NULL);
	classification c;
	classify_id(ds, "P", "2025-11-03", &c);
	assert_false(c.zonder_aanbod);
	assert_int_equal(ds->aanbod[c.aanbod].plaats_per, D("2025-10-01"));
	assert_true(explains(ds, &c, "Aanbod (combinatie) van 01-09-2025 met een plaats beschikbaar per 01-10-2025, "
				     "sinds het begin van dit verzuim op 02-06-2025: er is een passend aanbod."));
	dataset_free(ds);
}

/* The doubtful rows of SPEC 3.1 (warnings, imported all the same) are
 * classified, counted and explained on every day without trouble. */
static void doubtful_rows_are_classified(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P,,,2012-03-10,,,\nQ,,,2013-04-01,,,2013-01-01\nR,,,2012-05-05,,,2012-05-05\n",
		     .woonadressen = "P,GM0001,2012-03-10,,0\nQ,GM0002,2013-04-01,,0\nR,GM0001,2012-05-05,,0\n",
		     .inschrijvingen = "P,20BB,00,2024-08-01,\nQ,10AA,00,2018-08-01,2025-01-31\n",
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-06-02,,\n",
		     .vrijstellingen = "P,5c,afgewezen,2025-01-01,,2025-03-01\nP,5a,ingetrokken,,,2025-04-01\n",
		     .meldingen = "P,20BB,00,2025-06-01,2025-06-02,verzuim\n",
		     .aanbod = "P,2025-10-01,2025-09-01,onderwijs\nQ,2025-10-01,2024-10-01,zorg\n"};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	classification c;
	/* The place per 2025-09-01 lies before its offer (a warning), but within
	 * the absence: it counts. */
	classify_id(ds, "P", "2025-11-03", &c);
	assert_int_equal(c.cat, CAT_LRV);
	assert_false(c.zonder_aanbod);
	/* A startkwalificatie before birth: never in scope. */
	classify_id(ds, "Q", "2025-11-03", &c);
	assert_false(c.in_scope);
	classify_id(ds, "R", "2019-11-01", &c);
	assert_false(c.in_scope);
	for (day_t d = D("2012-01-01"); d <= D("2031-12-31"); d += 17) {
		telling g;
		telling_init(&g, ds, VIEW_SWV);
		for (uint32_t p = 0; p < ds->n_pupils; p++) {
			classify(ds, p, d, &c);
			telling_add(&g, ds, &c);
			explanation ex;
			explain(ds, p, &c, &ex);
			assert_non_null(ex.summary);
			explanation_free(&ex);
		}
		telling_free(&g);
	}
	dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_place_counts_from_startdatum_to_d),
		cmocka_unit_test(aanbod_counts_is_the_rule),
		cmocka_unit_test(a_place_from_an_earlier_absence_does_not_count),
		cmocka_unit_test(the_explanation_names_the_aanbod_that_counts),
		cmocka_unit_test(doubtful_rows_are_classified),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
