/* The broad count of SPEC 8: who is in it (every child at home four weeks or
 * longer, for any reason), in which part, and per gebied. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/breed.h"

#define BORN ",,,2012-03-10,,,\n"
#define HOME(id) id ",GM0001,2012-03-10,,0\n"

static const char VAK_REGIO[] = "gemeentecode,regio\nGM0002,Zuid\n";
static const char VAK_HERFST[] = "regio,naam,van,tot\nzuid,herfst,2025-10-18,2025-10-26\n";

static breed_regel part_of(const dataset *ds, const char *id, const char *day)
{
	classification c;
	classify_id(ds, id, day, &c);
	return breed_regel_of(&c);
}

/* On 1 November 2025, one pupil per case. */
static void every_reason_four_weeks_or_longer(void **state)
{
	(void)state;
	fixture f = {
		.leerlingen = "AV" BORN "KORT" BORN "ADRES_KORT" BORN "ADRES" BORN "C5_KORT" BORN "C5" BORN
			      "LRV" BORN "ZIEK" BORN "SCHORS_KORT" BORN "SCHORS" BORN "V5A" BORN "V5B" BORN
			      "DREIG" BORN "SCHOOL" BORN,
		.woonadressen = HOME("AV") HOME("KORT") "ADRES_KORT,GM0001,2012-03-10,,1\nADRES,GM0001,2012-03-10,,1\n"
			HOME("C5_KORT") HOME("C5") HOME("LRV") HOME("ZIEK") HOME("SCHORS_KORT") HOME("SCHORS")
			HOME("V5A") HOME("V5B") HOME("DREIG") HOME("SCHOOL"),
		.inschrijvingen = "AV,20BB,00,2024-08-01,2025-08-31\nKORT,20BB,00,2024-08-01,2025-10-14\n"
				  "ADRES_KORT,20BB,00,2024-08-01,2025-10-14\nADRES,20BB,00,2024-08-01,2025-09-14\n"
				  "C5_KORT,20BB,00,2024-08-01,2025-10-14\nC5,20BB,00,2024-08-01,2025-09-14\n"
				  "LRV,20BB,00,2024-08-01,\nZIEK,20BB,00,2024-08-01,\nSCHORS_KORT,20BB,00,2024-08-01,\n"
				  "SCHORS,20BB,00,2024-08-01,\nDREIG,20BB,00,2024-08-01,\nSCHOOL,20BB,00,2024-08-01,\n",
		.verzuim = "LRV,20BB,00,ongeoorloofd,2025-09-01,,\nZIEK,20BB,00,ziek,2025-09-15,,\n"
			   "SCHORS_KORT,20BB,00,schorsing,2025-10-27,2025-11-07,\n"
			   "SCHORS,20BB,00,schorsing,2025-09-22,2025-10-10,\n"
			   "SCHORS,20BB,00,verwijdering,2025-10-13,,\n"
			   "DREIG,20BB,00,ongeoorloofd,2025-10-20,,\n",
		.vrijstellingen = "C5_KORT,5c,aangevraagd,2025-10-01,,\nC5,5c,aangevraagd,2025-09-01,,\n"
				  "V5A,5a,verleend,2025-10-20,2025-10-31,2026-07-31\nV5B,5b,verleend,2025-06-01,2025-08-01,\n",
	};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	const char *d = "2025-11-01";
	assert_int_equal(part_of(ds, "AV", d), BR_AV);
	assert_int_equal(part_of(ds, "KORT", d), BR_COUNT); /* AV_KORT: 17 days */
	assert_int_equal(part_of(ds, "ADRES_KORT", d), BR_COUNT);
	assert_int_equal(part_of(ds, "ADRES", d), BR_AV_ADRES); /* since 15 September: 47 days */
	assert_int_equal(part_of(ds, "C5_KORT", d), BR_COUNT);
	assert_int_equal(part_of(ds, "C5", d), BR_AV_5C);
	assert_int_equal(part_of(ds, "LRV", d), BR_LRV);
	assert_int_equal(part_of(ds, "ZIEK", d), BR_LANGDURIG_ZIEK);
	assert_int_equal(part_of(ds, "SCHORS_KORT", d), BR_COUNT); /* excluded for 5 days */
	/* A schorsing then a verwijdering after a weekend: one exclusion run since
	 * 22 September, 40 days. */
	assert_int_equal(part_of(ds, "SCHORS", d), BR_GESCHORST_VERWIJDERD);
	/* A 5a counts from its first day: it says the child cannot go to school. */
	assert_int_equal(part_of(ds, "V5A", d), BR_VRIJSTELLING_5A);
	assert_int_equal(part_of(ds, "V5B", d), BR_COUNT);
	assert_int_equal(part_of(ds, "DREIG", d), BR_COUNT);
	assert_int_equal(part_of(ds, "SCHOOL", d), BR_COUNT);

	/* The count per gemeente: 7 in the broad count, 2 of them (AV, LRV) in the official one. */
	breedtelling t;
	breed_init(&t, ds, VIEW_GEMEENTE);
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		classification c;
		classify(ds, p, D(d), &c);
		breed_add(&t, &c);
	}
	telling_value v;
	int32_t g = dataset_gemeente(ds, "GM0001", 6);
	breed_value_of(&t, (size_t)g, BR_TOTAAL, &v);
	assert_true(v.has_totaal && !v.has_kort && !v.has_lang);
	assert_int_equal(v.totaal, 7);
	breed_value_of(&t, (size_t)g, BR_LRV, &v);
	assert_true(v.has_kort && v.has_lang);
	assert_int_equal(v.kort, 1);
	assert_int_equal(v.lang, 0);
	breed_value_of(&t, (size_t)g, BR_VRIJSTELLING_5A, &v);
	assert_false(v.has_kort);
	assert_int_equal(v.totaal, 1);
	/* AV since 1 September: three months on 1 December, so still kort. */
	breed_value_of(&t, (size_t)g, BR_AV, &v);
	assert_int_equal(v.kort, 1);
	assert_int_equal(v.lang, 0);
	breed_value_of(&t, (size_t)dataset_gemeente(ds, "GM0002", 6), BR_TOTAAL, &v);
	assert_int_equal(v.totaal, 0);
	breed_free(&t);
	dataset_free(ds);
}

/* Four weeks are lesweken (SPEC 4): holiday days do not count, so an
 * exclusion from 6 October reaches four weeks only on 12 November, not on
 * 3 November, at a school in the holiday region zuid. */
static void four_weeks_leave_out_the_holidays(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P" BORN, .woonadressen = "P,GM0002,2012-03-10,,0\n",
		     .vakantieregios = VAK_REGIO, .vakanties = VAK_HERFST,
		     .inschrijvingen = "P,70GG,00,2024-08-01,\n", .verzuim = "P,70GG,00,schorsing,2025-10-06,,\n"};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	assert_int_equal(part_of(ds, "P", "2025-11-03"), BR_COUNT);
	assert_int_equal(part_of(ds, "P", "2025-11-11"), BR_COUNT);
	assert_int_equal(part_of(ds, "P", "2025-11-12"), BR_GESCHORST_VERWIJDERD);
	dataset_free(ds);
}

/* Per SWV: the same attribution as the Resultaatschema (SPEC 5). */
static void per_swv_as_the_resultaatschema(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P" BORN "Q,,,2016-01-01,,,\n",
		     .woonadressen = HOME("P") "Q,GM0002,2016-01-01,,0\n",
		     .inschrijvingen = "P,70GG,00,2024-08-01,\n", .verzuim = "P,70GG,00,ziek,2025-09-01,,\n"};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	breedtelling t;
	breed_init(&t, ds, VIEW_SWV);
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		classification c;
		classify(ds, p, D("2025-11-01"), &c);
		breed_add(&t, &c);
	}
	telling_value v;
	breed_value_of(&t, (size_t)dataset_swv(ds, "VO0002", 6), BR_LANGDURIG_ZIEK, &v);
	assert_int_equal(v.totaal, 1);
	/* Q never enrolled, AV in GM0002, 9 years old: PO0002 (its region). */
	breed_value_of(&t, (size_t)dataset_swv(ds, "PO0002", 6), BR_AV, &v);
	assert_int_equal(v.totaal, 1);
	breed_value_of(&t, (size_t)dataset_swv(ds, "PO0002", 6), BR_TOTAAL, &v);
	assert_int_equal(v.totaal, 1);
	breed_free(&t);
	dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_reason_four_weeks_or_longer),
		cmocka_unit_test(four_weeks_leave_out_the_holidays),
		cmocka_unit_test(per_swv_as_the_resultaatschema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
