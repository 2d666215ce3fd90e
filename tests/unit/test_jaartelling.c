/* The school-year count of SPEC 8.1 on hand-built pupils (schooljaar
 * 2025/2026: 1 August 2025 to 31 July 2026). Every fixture is also checked
 * against a day-by-day scan (year_by_days_mismatches). */
#include "helpers.h"

#include <string.h>

#include "../../src/core/jaartelling.h"

#define Y 2025
/* Pupils born 2012-03-10 (13, VO), living in GM0001 since birth. */
#define BORN ",,,2012-03-10,,,\n"
#define HOME(id) id ",GM0001,2012-03-10,,0\n"

typedef struct counted {
	dataset *ds;
	jaartelling t;
} counted;

static void count(const fixture *f, view v, counted *out)
{
	out->ds = fixture_build(f, NULL);
	assert_non_null(out->ds);
	strbuf why = STRBUF_INIT;
	size_t bad = year_by_days_mismatches(out->ds, Y, &why);
	if (bad)
		fail_msg("%zu verschillen met de telling dag voor dag:\n%s", bad, sb_str(&why));
	sb_free(&why);
	jaartelling_init(&out->t, out->ds, v, Y);
	for (uint32_t p = 0; p < out->ds->n_pupils; p++) {
		jaar_pupil jp;
		jaar_pupil_compute(out->ds, p, Y, &jp);
		jaartelling_add(&out->t, &jp);
	}
}

static void done(counted *c)
{
	jaartelling_free(&c->t);
	dataset_free(c->ds);
}

enum { EMPTY = -1 };

/* The row of gebied `code` and regel r: totaal, langer_dan_3_maanden, opgelost. */
static void expect(const counted *c, const char *code, jaar_regel r, int totaal, int lang, int opgelost)
{
	int32_t g = c->t.view == VIEW_GEMEENTE ? dataset_gemeente(c->ds, code, strlen(code))
					       : dataset_swv(c->ds, code, strlen(code));
	assert_int_not_equal(g, NO_REF);
	jaar_value v;
	jaartelling_value_of(&c->t, (size_t)g, r, &v);
	if (v.totaal != totaal || (lang == EMPTY ? v.has_lang : !v.has_lang || v.lang != lang) ||
	    (opgelost == EMPTY ? v.has_opgelost : !v.has_opgelost || v.opgelost != opgelost))
		fail_msg("%s %s: %lld, %lld, %lld; verwacht %d, %d, %d", code, JAAR_REGELS[r].code, (long long)v.totaal,
			 (long long)v.lang, (long long)v.opgelost, totaal, lang, opgelost);
}

static void schooljaar_runs_from_1_august_to_31_july(void **state)
{
	(void)state;
	char s[DATE_TEXT], t[10];
	date_format(schooljaar_first(2024), s);
	assert_string_equal(s, "2024-08-01");
	date_format(schooljaar_last(2024), s);
	assert_string_equal(s, "2025-07-31");
	schooljaar_text(2024, t);
	assert_string_equal(t, "2024/2025");
	assert_int_equal(jaar_regel_of(CAT_VRIJSTELLING_5A_TIJDELIJK), JR_VRIJSTELLING_5A);
	assert_int_equal(jaar_regel_of(CAT_VRIJSTELLING_5A_PERMANENT), JR_VRIJSTELLING_5A);
	assert_int_equal(jaar_regel_of(CAT_AV_KORT), JR_COUNT);
	assert_int_equal(jaar_regel_of(CAT_GESCHORST_VERWIJDERD), JR_COUNT);
	assert_int_equal(jaar_regel_of(CAT_VRIJSTELLING_OVERIG), JR_COUNT);
}

/* P is AV twice (October-November, February-March) and counts once; Q is
 * out of school for 19 days only (AV_KORT), which is not AV. */
static void av_twice_in_a_year_counts_once(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P" BORN "Q" BORN, .woonadressen = HOME("P") HOME("Q"),
		     .inschrijvingen = "P,20BB,00,2024-08-01,2025-09-30\nP,20BB,00,2025-12-01,2026-01-31\n"
				       "P,20BB,00,2026-04-01,\n"
				       "Q,20BB,00,2024-08-01,2025-10-14\nQ,20BB,00,2025-11-03,\n"};
	counted c;
	count(&f, VIEW_GEMEENTE, &c);
	/* Neither absence lasted three months; on 31 July P is back at school. */
	expect(&c, "GM0001", JR_AV, 1, 0, 1);
	expect(&c, "GM0001", JR_LRV, 0, 0, 0);
	expect(&c, "GM0002", JR_AV, 0, 0, 0);
	done(&c);
	count(&f, VIEW_SWV, &c);
	expect(&c, "VO0001", JR_AV, 1, 0, 1); /* 20BB-00 is in VO0001 */
	done(&c);
}

/* AV from 1 September; enrolled again on 3 November but absent from the first
 * day, so LRV from 1 December (28 days) until the end of the year. */
static void av_that_becomes_lrv_counts_in_both(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P" BORN, .woonadressen = HOME("P"),
		     .inschrijvingen = "P,20BB,00,2024-08-01,2025-08-31\nP,70GG,00,2025-11-03,\n",
		     .verzuim = "P,70GG,00,ongeoorloofd,2025-11-03,,\n"};
	counted c;
	count(&f, VIEW_GEMEENTE, &c);
	/* AV 1 September to 2 November: not three months. LRV from 3 November:
	 * three months on 3 February. Not back at school on 31 July. */
	expect(&c, "GM0001", JR_AV, 1, 0, 0);
	expect(&c, "GM0001", JR_LRV, 1, 1, 0);
	done(&c);
	/* Per SWV each where it belonged on its last day: the AV with the last
	 * enrolment (20BB-00, VO0001), the LRV with the new school (70GG-00, VO0002). */
	count(&f, VIEW_SWV, &c);
	expect(&c, "VO0001", JR_AV, 1, 0, 0);
	expect(&c, "VO0001", JR_LRV, 0, 0, 0);
	expect(&c, "VO0002", JR_AV, 0, 0, 0);
	expect(&c, "VO0002", JR_LRV, 1, 1, 0);
	done(&c);
}

/* LRV from September: P is back at school from 1 July; Q is still absent on
 * 31 July; R is back but absent again since 27 July (DREIGEND on 31 July,
 * which counts as back at school). */
static void back_at_school_on_31_july_is_opgelost(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P" BORN "Q" BORN "R" BORN, .woonadressen = HOME("P") HOME("Q") HOME("R"),
		     .inschrijvingen = "P,20BB,00,2024-08-01,\nQ,20BB,00,2024-08-01,\nR,20BB,00,2024-08-01,\n",
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-09-01,2026-06-30,\n"
				"Q,20BB,00,ongeoorloofd,2025-09-01,2026-07-31,\n"
				"R,20BB,00,ongeoorloofd,2025-09-01,2026-06-30,\n"
				"R,20BB,00,ongeoorloofd,2026-07-27,,\n"};
	counted c;
	count(&f, VIEW_GEMEENTE, &c);
	expect(&c, "GM0001", JR_LRV, 3, 3, 2);
	done(&c);
	classification cl;
	dataset *ds = fixture_build(&f, NULL);
	classify_id(ds, "R", "2026-07-31", &cl);
	assert_int_equal(cl.cat, CAT_DREIGEND);
	dataset_free(ds);
}

/* P turns 18 on 15 January 2026 (out of scope from that day) while LRV since
 * September: counted, three months reached on 1 December, not opgelost. */
static void turned_18_during_the_year(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P,,,2008-01-15,,,\n", .woonadressen = "P,GM0001,2008-01-15,,0\n",
		     .inschrijvingen = "P,20BB,00,2024-08-01,\n", .verzuim = "P,20BB,00,ongeoorloofd,2025-09-01,,\n"};
	counted c;
	count(&f, VIEW_GEMEENTE, &c);
	expect(&c, "GM0001", JR_LRV, 1, 1, 0);
	done(&c);
	dataset *ds = fixture_build(&f, NULL);
	jaar_pupil jp;
	jaar_pupil_compute(ds, 0, Y, &jp);
	char s[DATE_TEXT];
	date_format(jp.last[JR_LRV], s);
	assert_string_equal(s, "2026-01-14");
	dataset_free(ds);
}

/* P is AV from 1 September, moves from GM0001 to GM0002 on 1 January and is
 * enrolled again on 1 April: it counts in GM0002 only. Q is AV in GM0001
 * from September to November and moves in February, after its AV ended:
 * it counts in GM0001. */
static void moved_gemeente_counts_where_it_was_on_the_last_day(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P" BORN "Q" BORN,
		     .woonadressen = "P,GM0001,2012-03-10,2025-12-31,0\nP,GM0002,2026-01-01,,0\n"
				     "Q,GM0001,2012-03-10,2026-01-31,0\nQ,GM0002,2026-02-01,,0\n",
		     .inschrijvingen = "P,20BB,00,2024-08-01,2025-08-31\nP,70GG,00,2026-04-01,\n"
				       "Q,20BB,00,2024-08-01,2025-08-31\nQ,20BB,00,2025-12-01,\n"};
	counted c;
	count(&f, VIEW_GEMEENTE, &c);
	/* P: from 1 September, three months on 1 December, still AV then. */
	expect(&c, "GM0002", JR_AV, 1, 1, 1);
	/* Q: 1 September to 30 November, three months would be 1 December. */
	expect(&c, "GM0001", JR_AV, 1, 0, 1);
	done(&c);
}

/* A tijdelijk 5a until 31 December followed by a permanent one: both are
 * VRIJSTELLING_5A, so the pupil counts once; no duration, no opgelost. */
static void tijdelijk_5a_that_becomes_permanent_counts_once(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P" BORN "Q" BORN, .woonadressen = HOME("P") HOME("Q"),
		     .vrijstellingen = "P,5a,verleend,2025-05-01,2025-06-01,2025-12-31\n"
				       "P,5a,verleend,2025-12-01,2026-01-01,\n"
				       "Q,5b,verleend,2025-05-01,2025-06-01,2025-09-30\n"
				       "Q,5c,verleend,2025-09-15,2025-10-01,\n"};
	counted c;
	count(&f, VIEW_GEMEENTE, &c);
	expect(&c, "GM0001", JR_VRIJSTELLING_5A, 1, EMPTY, EMPTY);
	expect(&c, "GM0001", JR_VRIJSTELLING_5B, 1, EMPTY, EMPTY);
	expect(&c, "GM0001", JR_VRIJSTELLING_5C, 1, EMPTY, EMPTY);
	expect(&c, "GM0001", JR_AV, 0, 0, 0);
	done(&c);
	/* Never enrolled, with a vrijstelling: in no SWV (SPEC 5). */
	count(&f, VIEW_SWV, &c);
	for (size_t g = 0; g < c.t.n_gebieden; g++)
		for (int r = 0; r < JR_COUNT; r++)
			assert_int_equal(c.t.cells[g * JR_COUNT + (size_t)r].totaal, 0);
	done(&c);
}

/* Per SWV: P, never enrolled and AV all year in GM0002, turns 12 on 20
 * January, so its sector (by age) and with it its SWV change: PO0002 before,
 * VO0001 after; the last day counts. Q leaves 10AA-00 (PO0002) and is AV,
 * then LRV at 20BB-00 (VO0001). Sector by school for Q. */
static void per_swv_each_regel_where_it_ended(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P,,,2014-01-20,,,\nQ,,,2014-06-01,,,\n",
		     .woonadressen = "P,GM0002,2014-01-20,,0\nQ,GM0001,2014-06-01,,0\n",
		     .inschrijvingen = "Q,10AA,00,2020-08-01,2025-07-31\nQ,20BB,00,2025-10-01,\n",
		     .verzuim = "Q,20BB,00,ongeoorloofd,2026-03-02,,\n"};
	counted c;
	count(&f, VIEW_SWV, &c);
	expect(&c, "VO0001", JR_AV, 1, 1, 0);  /* P, on 31 July */
	expect(&c, "PO0002", JR_AV, 1, 0, 0);  /* Q: AV from 1 August to 30 September */
	expect(&c, "VO0001", JR_LRV, 1, 1, 0); /* Q: LRV from 30 March, three months on 2 June */
	expect(&c, "PO0001", JR_AV, 0, 0, 0);
	done(&c);
	dataset *ds = fixture_build(&f, NULL);
	classification cl;
	classify_id(ds, "P", "2026-01-19", &cl);
	assert_int_equal(cl.swv, dataset_swv(ds, "PO0002", 6));
	classify_id(ds, "P", "2026-01-20", &cl);
	assert_int_equal(cl.swv, dataset_swv(ds, "VO0001", 6));
	dataset_free(ds);
}

/* The stretches: a pupil at school all year is classified once, and one
 * with an absence a handful of times, never once a day. */
static void a_quiet_year_is_one_classification(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P" BORN "Q" BORN, .woonadressen = HOME("P") HOME("Q"),
		     .inschrijvingen = "P,20BB,00,2024-08-01,\nQ,20BB,00,2024-08-01,\n",
		     .verzuim = "Q,20BB,00,ongeoorloofd,2025-09-01,2025-12-19,\n"};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	jaar_pupil jp;
	assert_int_equal(jaar_pupil_compute(ds, 0, Y, &jp), 1);
	/* Q: before, DREIGEND, LRV, LRV three months or longer, after. */
	assert_int_equal(jaar_pupil_compute(ds, 1, Y, &jp), 5);
	assert_true(jp.opgelost);
	dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(schooljaar_runs_from_1_august_to_31_july),
		cmocka_unit_test(av_twice_in_a_year_counts_once),
		cmocka_unit_test(av_that_becomes_lrv_counts_in_both),
		cmocka_unit_test(back_at_school_on_31_july_is_opgelost),
		cmocka_unit_test(turned_18_during_the_year),
		cmocka_unit_test(moved_gemeente_counts_where_it_was_on_the_last_day),
		cmocka_unit_test(tijdelijk_5a_that_becomes_permanent_counts_once),
		cmocka_unit_test(per_swv_each_regel_where_it_ended),
		cmocka_unit_test(a_quiet_year_is_one_classification),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
