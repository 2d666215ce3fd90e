/* The classification of SPEC 4: worked examples, boundaries and precedence.
 * The Resultaatschema built from it has its own tests (test_telling.c). */
#include "helpers.h"

#include <string.h>

#include "../../src/core/telling.h"

/* One pupil "P" born 2012-03-10, living in GM0001 since birth. */
#define PUPIL "P,,,2012-03-10,,,\n"
#define HOME "P,GM0001,2012-03-10,,0\n"
#define AT_VO "P,20BB,00,2024-08-01,\n"

typedef struct expect {
	categorie cat;
	const char *start; /* NULL: none */
	int duur;
	bool lang, zonder;
} expect;

static void check(const fixture *f, const char *d, expect e)
{
	dataset *ds = fixture_build(f, NULL);
	assert_non_null(ds);
	classification c;
	classify_id(ds, "P", d, &c);
	if (c.cat != e.cat)
		fail_msg("%s: categorie %s, expected %s", d, CATEGORIE_CODES[c.cat], CATEGORIE_CODES[e.cat]);
	if (e.start) {
		char s[DATE_TEXT];
		date_format(c.startdatum, s);
		assert_string_equal(s, e.start);
		assert_int_equal(c.duur_dagen, e.duur);
	} else {
		assert_int_equal(c.startdatum, DAY_NONE);
	}
	assert_int_equal(c.lang, e.lang);
	assert_int_equal(c.zonder_aanbod, e.zonder);
	dataset_free(ds);
}

/* ---- the worked examples of SPEC 4 (D = 2025-11-01) -------------------- */

static void example_lrv(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-09-15,,\n"};
	check(&f, "2025-11-01", (expect){CAT_LRV, "2025-09-15", 48, false, true});
}

static void example_run_across_weekend(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-09-01,2025-09-05,\n"
				"P,20BB,00,ongeoorloofd,2025-09-08,,\n"};
	check(&f, "2025-11-01", (expect){CAT_LRV, "2025-09-01", 62, false, true});
}

static void example_av_from_absence_before_leaving(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME,
		     .inschrijvingen = "P,20BB,00,2024-08-01,2025-06-30\n",
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-05-12,2025-06-30,\n"};
	check(&f, "2025-11-01", (expect){CAT_AV, "2025-05-12", 174, true, true});
}

static void example_address_in_onderzoek(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL,
		     .woonadressen = "P,GM0001,2012-03-10,2025-06-30,0\nP,GM0001,2025-07-01,,1\n",
		     .inschrijvingen = "P,20BB,00,2024-08-01,2025-10-19\n"};
	check(&f, "2025-11-01", (expect){CAT_AV_ADRES_IN_ONDERZOEK, "2025-10-20", 13, false, false});
}

static void example_av_kort(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME,
		     .inschrijvingen = "P,20BB,00,2024-08-01,2025-10-14\n"};
	check(&f, "2025-11-01", (expect){CAT_AV_KORT, "2025-10-15", 18, false, false});
}

/* ---- runs --------------------------------------------------------------- */

static void run_breaks_on_a_school_day(void **state)
{
	(void)state;
	/* Friday 10 October is a school day between the periods: two runs. */
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-10-01,2025-10-09,\n"
				"P,20BB,00,ongeoorloofd,2025-10-13,,\n"};
	check(&f, "2025-11-01", (expect){CAT_DREIGEND, "2025-10-13", 20, false, false});
	/* Including the Friday makes it one run of 31 days. */
	fixture g = f;
	g.verzuim = "P,20BB,00,ongeoorloofd,2025-10-01,2025-10-10,\nP,20BB,00,ongeoorloofd,2025-10-13,,\n";
	check(&g, "2025-11-01", (expect){CAT_LRV, "2025-10-01", 32, false, true});
}

static void runs_are_per_class(void **state)
{
	(void)state;
	/* A sick week between two unauthorised periods breaks the run. */
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-09-01,2025-09-30,\n"
				"P,20BB,00,ziek,2025-10-01,2025-10-07,\n"
				"P,20BB,00,ongeoorloofd,2025-10-08,,\n"};
	check(&f, "2025-11-01", (expect){CAT_DREIGEND, "2025-10-08", 25, false, false});
	/* schorsing and verwijdering are one class and join each other. */
	fixture g = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,schorsing,2025-10-20,2025-10-24,\n"
				"P,20BB,00,verwijdering,2025-10-27,,\n"};
	check(&g, "2025-11-01", (expect){CAT_GESCHORST_VERWIJDERD, "2025-10-20", 13, false, false});
	/* geoorloofd absence belongs to no class. */
	fixture h = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,geoorloofd,2025-09-01,,\n"};
	check(&h, "2025-11-01", (expect){CAT_GEEN, NULL, 0, false, false});
}

static void a_run_ending_before_d_does_not_cover_it(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-09-01,2025-10-31,\n"};
	check(&f, "2025-11-01", (expect){CAT_GEEN, NULL, 0, false, false});
	check(&f, "2025-10-31", (expect){CAT_LRV, "2025-09-01", 61, false, true});
}

static const char VAK_REGIO[] = "gemeentecode,regio\nGM0002,Zuid\n";
static const char VAK_HERFST[] = "regio,naam,van,tot\nzuid,herfst,2025-10-18,2025-10-26\n";

static void holidays_join_runs_and_do_not_count(void **state)
{
	(void)state;
	/* School 70GG-00 lies in GM0002, holiday region zuid (18-26 Oct). */
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = "P,70GG,00,2024-08-01,\n",
		     .vakantieregios = VAK_REGIO, .vakanties = VAK_HERFST,
		     .verzuim = "P,70GG,00,ongeoorloofd,2025-10-06,2025-10-17,\n"
				"P,70GG,00,ongeoorloofd,2025-10-27,,\n"};
	/* One run from 6 Oct; 26 days minus 9 holiday days = 17 elapsed. */
	check(&f, "2025-11-01", (expect){CAT_DREIGEND, "2025-10-06", 27, false, false});
	dataset *ds = fixture_build(&f, NULL);
	classification c;
	classify_id(ds, "P", "2025-11-01", &c);
	assert_int_equal(c.elapsed, 17);
	assert_int_equal(c.holidays, 9);
	dataset_free(ds);
	/* The same absence at a school without a holiday calendar: two runs. */
	fixture g = f;
	g.inschrijvingen = AT_VO;
	g.verzuim = "P,20BB,00,ongeoorloofd,2025-10-06,2025-10-17,\nP,20BB,00,ongeoorloofd,2025-10-27,,\n";
	check(&g, "2025-11-01", (expect){CAT_DREIGEND, "2025-10-27", 6, false, false});
}

static void holidays_postpone_the_four_weeks(void **state)
{
	(void)state;
	/* 33 calendar days, 9 of them holiday: 24 elapsed, not yet LRV. */
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = "P,70GG,00,2024-08-01,\n",
		     .vakantieregios = VAK_REGIO, .vakanties = VAK_HERFST,
		     .verzuim = "P,70GG,00,ongeoorloofd,2025-09-29,,\n"};
	check(&f, "2025-11-01", (expect){CAT_DREIGEND, "2025-09-29", 34, false, false});
	check(&f, "2025-11-05", (expect){CAT_LRV, "2025-09-29", 38, false, true});
	/* Without holidays the same absence is LRV on 1 November. */
	fixture g = f;
	g.vakanties = NULL;
	check(&g, "2025-11-01", (expect){CAT_LRV, "2025-09-29", 34, false, true});
}

/* A run covers a day without school between two of its periods, though no
 * period does: the next one starts on the first school day from D. */
static void a_run_covers_the_days_without_school_inside_it(void **state)
{
	(void)state;
	/* Saturday 1 and Sunday 2 November between Friday and Monday. */
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-10-06,2025-10-31,\n"
				"P,20BB,00,ongeoorloofd,2025-11-03,2025-11-07,\n"};
	check(&f, "2025-11-01", (expect){CAT_DREIGEND, "2025-10-06", 27, false, false});
	check(&f, "2025-11-02", (expect){CAT_DREIGEND, "2025-10-06", 28, false, false});
	check(&f, "2025-11-03", (expect){CAT_LRV, "2025-10-06", 29, false, true});
	/* A Monday at school between them: on the Saturday nothing covers D. */
	fixture g = f;
	g.verzuim = "P,20BB,00,ongeoorloofd,2025-10-06,2025-10-31,\nP,20BB,00,ongeoorloofd,2025-11-04,,\n";
	check(&g, "2025-11-01", (expect){CAT_GEEN, NULL, 0, false, false});
	/* The autumn holiday (18-26 October) inside a run: on its Monday the run
	 * goes on, the next period starting on the first school day after it. */
	fixture h = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = "P,70GG,00,2024-08-01,\n",
		     .vakantieregios = VAK_REGIO, .vakanties = VAK_HERFST,
		     .verzuim = "P,70GG,00,ziek,2025-09-15,2025-10-17,\n"
				"P,70GG,00,ziek,2025-10-27,2025-10-31,\n"};
	/* 35 days from 15 September, 2 of them holiday: 33 elapsed. */
	check(&h, "2025-10-20", (expect){CAT_LANGDURIG_ZIEK, "2025-09-15", 36, false, false});
	fixture k = h;
	k.verzuim = "P,70GG,00,ongeoorloofd,2025-10-06,2025-10-17,\nP,70GG,00,ongeoorloofd,2025-10-27,2025-10-31,\n";
	check(&k, "2025-10-20", (expect){CAT_DREIGEND, "2025-10-06", 15, false, false});
}

/* ---- boundaries --------------------------------------------------------- */

static void four_weeks_is_28_elapsed_days(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME,
		     .inschrijvingen = "P,20BB,00,2024-08-01,2025-10-03\n"};
	check(&f, "2025-11-01", (expect){CAT_AV, "2025-10-04", 29, false, true});
	f.inschrijvingen = "P,20BB,00,2024-08-01,2025-10-04\n";
	check(&f, "2025-11-01", (expect){CAT_AV_KORT, "2025-10-05", 28, false, false});
	fixture g = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-10-04,,\n"};
	check(&g, "2025-11-01", (expect){CAT_LRV, "2025-10-04", 29, false, true});
	g.verzuim = "P,20BB,00,ongeoorloofd,2025-10-05,,\n";
	check(&g, "2025-11-01", (expect){CAT_DREIGEND, "2025-10-05", 28, false, false});
}

static void exactly_three_months_is_three_months_or_longer(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME,
		     .inschrijvingen = "P,20BB,00,2024-08-01,2025-07-31\n"};
	check(&f, "2025-11-01", (expect){CAT_AV, "2025-08-01", 93, true, true});
	check(&f, "2025-10-31", (expect){CAT_AV, "2025-08-01", 92, false, true});
	/* Month-end clamping: 30 Nov + 3 months = 28 Feb. */
	fixture g = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-11-30,,\n"};
	check(&g, "2026-02-28", (expect){CAT_LRV, "2025-11-30", 91, true, true});
	check(&g, "2026-02-27", (expect){CAT_LRV, "2025-11-30", 90, false, true});
}

static void scope_starts_with_leerplicht(void **state)
{
	(void)state;
	/* Born 2020-10-15: leerplichtig from 2025-11-01. */
	fixture f = {.leerlingen = "P,,,2020-10-15,,,\n", .woonadressen = "P,GM0001,2020-10-15,,0\n"};
	dataset *ds = fixture_build(&f, NULL);
	classification c;
	classify_id(ds, "P", "2025-10-31", &c);
	assert_false(c.in_scope);
	classify_id(ds, "P", "2025-11-01", &c);
	assert_true(c.in_scope);
	assert_int_equal(c.cat, CAT_AV_KORT);
	assert_int_equal(c.startdatum, D("2025-11-01"));
	assert_int_equal(c.duur_dagen, 1);
	dataset_free(ds);
}

static void scope_ends_with_kwalificatieplicht(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P,,,2007-11-02,,,\nQ,,,2008-02-29,,,\nS,,,2009-01-01,,,2025-11-01\n",
		     .woonadressen = "P,GM0001,2007-11-02,,0\nQ,GM0001,2008-02-29,,0\nS,GM0001,2009-01-01,,0\n",
		     .inschrijvingen = "P,30CC,00,2024-08-01,\nQ,30CC,00,2024-08-01,\nS,30CC,00,2024-08-01,\n"};
	dataset *ds = fixture_build(&f, NULL);
	classification c;
	classify_id(ds, "P", "2025-11-01", &c); /* the day before the 18th birthday */
	assert_true(c.in_scope);
	classify_id(ds, "P", "2025-11-02", &c);
	assert_false(c.in_scope);
	classify_id(ds, "Q", "2026-02-28", &c); /* 18th birthday falls on 1 March */
	assert_true(c.in_scope);
	classify_id(ds, "Q", "2026-03-01", &c);
	assert_false(c.in_scope);
	classify_id(ds, "S", "2025-10-31", &c); /* startkwalificatie on 1 November */
	assert_true(c.in_scope);
	classify_id(ds, "S", "2025-11-01", &c);
	assert_false(c.in_scope);
	dataset_free(ds);
}

static void scope_needs_residence_or_enrolment(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P,,,2012-03-10,,,\nQ,,,2012-03-10,,,\n",
		     .woonadressen = "P,GM0001,2012-03-10,2025-06-30,0\n",
		     .inschrijvingen = "Q,70GG,00,2024-08-01,\n",
		     .verzuim = "Q,70GG,00,ongeoorloofd,2025-09-01,,\n"};
	dataset *ds = fixture_build(&f, NULL);
	classification c;
	classify_id(ds, "P", "2025-11-01", &c); /* emigrated, not enrolled */
	assert_false(c.in_scope);
	classify_id(ds, "Q", "2025-11-01", &c); /* lives abroad, goes to school here */
	assert_true(c.in_scope);
	assert_int_equal(c.cat, CAT_LRV);
	assert_int_equal(c.gemeente, NO_REF);
	dataset_free(ds);
}

/* ---- absoluut verzuim --------------------------------------------------- */

static void av_exclusions_in_order(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL,
		     .woonadressen = "P,GM0001,2012-03-10,2025-06-30,0\nP,GM0001,2025-07-01,,1\n",
		     .inschrijvingen = "P,20BB,00,2024-08-01,2025-10-19\n",
		     .vrijstellingen = "P,5c,aangevraagd,2025-10-25,,\n"};
	/* 5c request beats address in onderzoek beats kort. */
	check(&f, "2025-11-01", (expect){CAT_AV_5C_IN_BEHANDELING, "2025-10-20", 13, false, false});
	/* The request does not count before it was made. */
	check(&f, "2025-10-24", (expect){CAT_AV_ADRES_IN_ONDERZOEK, "2025-10-20", 5, false, false});
	fixture g = f;
	g.woonadressen = HOME;
	g.vrijstellingen = "";
	check(&g, "2025-11-01", (expect){CAT_AV_KORT, "2025-10-20", 13, false, false});
	/* An address in onderzoek also outranks a long absence. */
	fixture h = f;
	h.vrijstellingen = "";
	h.inschrijvingen = "P,20BB,00,2024-08-01,2025-06-30\n";
	check(&h, "2025-11-01", (expect){CAT_AV_ADRES_IN_ONDERZOEK, "2025-07-01", 124, true, false});
}

static void av_startdatum_is_the_latest_candidate(void **state)
{
	(void)state;
	/* (a) leerplicht start: never enrolled, born 2012 -> leerplicht 2017-04-01. */
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME};
	check(&f, "2025-11-01", (expect){CAT_AV, "2017-04-01", 3137, true, true});
	/* (b) residence: joined periods keep the first start, a gap breaks. */
	f.woonadressen = "P,GM0001,2012-03-10,2024-12-31,0\nP,GM0002,2025-01-01,,0\n";
	check(&f, "2025-11-01", (expect){CAT_AV, "2017-04-01", 3137, true, true});
	f.woonadressen = "P,GM0001,2012-03-10,2024-12-30,0\nP,GM0002,2025-01-01,,0\n";
	check(&f, "2025-11-01", (expect){CAT_AV, "2025-01-01", 305, true, true});
	/* (d) the day after the last verleend vrijstelling. */
	fixture g = {.leerlingen = PUPIL, .woonadressen = HOME,
		     .vrijstellingen = "P,5a,verleend,2024-12-01,2025-01-01,2025-10-09\n"};
	check(&g, "2025-11-01", (expect){CAT_AV_KORT, "2025-10-10", 23, false, false});
	check(&g, "2025-10-09", (expect){CAT_VRIJSTELLING_5A_TIJDELIJK, NULL, 0, false, false});
}

static void overstap_mbo_is_flagged_and_counted(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P,,,2009-06-01,,,\n", .woonadressen = "P,GM0001,2009-06-01,,0\n",
		     .inschrijvingen = "P,20BB,00,2021-08-01,2025-07-31\nP,30CC,00,2026-02-01,\n"};
	dataset *ds = fixture_build(&f, NULL);
	classification c;
	classify_id(ds, "P", "2025-11-01", &c);
	assert_int_equal(c.cat, CAT_AV);
	assert_true(c.overstap_mbo);
	assert_int_equal(c.sector, SECTOR_VO);
	telling t;
	telling_init(&t, ds, VIEW_GEMEENTE);
	telling_add(&t, ds, &c);
	telling_value v;
	telling_value_of(&t, 0, R_AV_VO_WAARVAN_OVERSTAP_MBO, &v);
	assert_int_equal(v.lang, 1);
	telling_value_of(&t, 0, R_AV_VO, &v);
	assert_int_equal(v.totaal, 1);
	telling_free(&t);
	dataset_free(ds);
}

/* ---- precedence and vrijstellingen -------------------------------------- */

static void categories_in_rule_order(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-09-01,,\nP,20BB,00,ziek,2025-09-01,,\n"};
	check(&f, "2025-11-01", (expect){CAT_LRV, "2025-09-01", 62, false, true});
	f.verzuim = "P,20BB,00,ongeoorloofd,2025-10-20,,\nP,20BB,00,ziek,2025-09-01,,\n";
	check(&f, "2025-11-01", (expect){CAT_LANGDURIG_ZIEK, "2025-09-01", 62, false, false});
	f.verzuim = "P,20BB,00,ongeoorloofd,2025-10-20,,\nP,20BB,00,schorsing,2025-10-27,2025-11-07,\n";
	check(&f, "2025-11-01", (expect){CAT_GESCHORST_VERWIJDERD, "2025-10-27", 6, false, false});
	f.verzuim = "P,20BB,00,ziek,2025-10-20,,\n";
	check(&f, "2025-11-01", (expect){CAT_GEEN, NULL, 0, false, false});
	/* A verleend vrijstelling beats everything, also absoluut verzuim. */
	fixture g = {.leerlingen = PUPIL, .woonadressen = HOME,
		     .vrijstellingen = "P,5a,verleend,2019-01-01,2019-02-01,\n"};
	check(&g, "2025-11-01", (expect){CAT_VRIJSTELLING_5A_PERMANENT, NULL, 0, false, false});
	g.vrijstellingen = "P,5b,verleend,,2019-02-01,\n";
	check(&g, "2025-11-01", (expect){CAT_VRIJSTELLING_5B, NULL, 0, false, false});
	g.vrijstellingen = "P,5c,verleend,,2025-02-01,2026-01-31\n";
	check(&g, "2025-11-01", (expect){CAT_VRIJSTELLING_5C, NULL, 0, false, false});
	g.vrijstellingen = "P,11g,verleend,,2025-02-01,2026-01-31\n";
	check(&g, "2025-11-01", (expect){CAT_VRIJSTELLING_OVERIG, NULL, 0, false, false});
	/* Only verleend counts. */
	g.vrijstellingen = "P,5a,afgewezen,2025-01-01,2025-02-01,\nP,5a,ingetrokken,2025-01-01,2025-02-01,\n";
	check(&g, "2025-11-01", (expect){CAT_AV, "2017-04-01", 3137, true, true});
}

static void the_enrolment_is_the_one_that_started_last(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME,
		     .inschrijvingen = "P,20BB,00,2024-08-01,\nP,40DD,00,2025-01-06,\nP,10AA,00,2025-01-06,\n"};
	dataset *ds = fixture_build(&f, NULL);
	classification c;
	classify_id(ds, "P", "2025-11-01", &c);
	/* 40DD-00 and 10AA-00 both started last; the highest brin,vestiging wins. */
	assert_string_equal(ds->schools[c.school].brin, "40DD");
	assert_int_equal(c.sector, SECTOR_PO);
	dataset_free(ds);
	/* The last enrolment before D: ended last, then started last, then highest. */
	fixture g = {.leerlingen = PUPIL, .woonadressen = HOME,
		     .inschrijvingen = "P,20BB,00,2024-08-01,2025-06-30\nP,10AA,00,2025-01-06,2025-06-30\n"
				       "P,60FF,00,2023-08-01,2025-06-30\n"};
	ds = fixture_build(&g, NULL);
	classify_id(ds, "P", "2025-11-01", &c);
	assert_string_equal(ds->schools[c.school].brin, "10AA");
	assert_int_equal(c.sector, SECTOR_PO);
	dataset_free(ds);
}

static void sector_falls_back_to_age(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P,,,2013-11-01,,,\nQ,,,2013-11-02,,,\n",
		     .woonadressen = "P,GM0001,2013-11-01,,0\nQ,GM0001,2013-11-02,,0\n"};
	dataset *ds = fixture_build(&f, NULL);
	classification c;
	classify_id(ds, "P", "2025-11-01", &c); /* 12 today */
	assert_int_equal(c.sector, SECTOR_VO);
	assert_int_equal(c.sector_basis, SECTOR_BY_AGE);
	classify_id(ds, "Q", "2025-11-01", &c); /* 12 tomorrow */
	assert_int_equal(c.sector, SECTOR_PO);
	dataset_free(ds);
}

static void never_enrolled_av_goes_to_the_regional_swv(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "PO,,,2016-01-01,,,\nVO,,,2012-01-01,,,\nX,,,2012-01-01,,,\nV,,,2012-01-01,,,\n",
		     .woonadressen = "PO,GM0001,2016-01-01,,0\nVO,GM0001,2012-01-01,,0\n"
				     "X,GM0003,2012-01-01,,0\nV,GM0001,2012-01-01,,0\n",
		     .vrijstellingen = "V,5a,verleend,,2018-01-01,\n"};
	dataset *ds = fixture_build(&f, NULL);
	classification c;
	classify_id(ds, "PO", "2025-11-01", &c); /* GM0001 lies in PO0001 and PO0002 */
	assert_int_equal(c.cat, CAT_AV);
	assert_string_equal(ds->swvs[c.swv].code, "PO0001");
	classify_id(ds, "VO", "2025-11-01", &c);
	assert_string_equal(ds->swvs[c.swv].code, "VO0002");
	classify_id(ds, "X", "2025-11-01", &c); /* GM0003 is in no region */
	assert_int_equal(c.swv, NO_REF);
	classify_id(ds, "V", "2025-11-01", &c); /* vrijstelling, never enrolled: no SWV */
	assert_int_equal(c.swv, NO_REF);
	dataset_free(ds);
}

static void passend_aanbod_needs_an_available_place(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-06-02,,\n",
		     .aanbod = "P,2025-09-01,2025-11-01,onderwijs\n"};
	check(&f, "2025-11-01", (expect){CAT_LRV, "2025-06-02", 153, true, false});
	check(&f, "2025-10-31", (expect){CAT_LRV, "2025-06-02", 152, true, true});
	f.aanbod = "P,2025-09-01,,zorg\n";
	check(&f, "2025-11-01", (expect){CAT_LRV, "2025-06-02", 153, true, true});
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(example_lrv),
		cmocka_unit_test(example_run_across_weekend),
		cmocka_unit_test(example_av_from_absence_before_leaving),
		cmocka_unit_test(example_address_in_onderzoek),
		cmocka_unit_test(example_av_kort),
		cmocka_unit_test(run_breaks_on_a_school_day),
		cmocka_unit_test(runs_are_per_class),
		cmocka_unit_test(a_run_ending_before_d_does_not_cover_it),
		cmocka_unit_test(holidays_join_runs_and_do_not_count),
		cmocka_unit_test(holidays_postpone_the_four_weeks),
		cmocka_unit_test(a_run_covers_the_days_without_school_inside_it),
		cmocka_unit_test(four_weeks_is_28_elapsed_days),
		cmocka_unit_test(exactly_three_months_is_three_months_or_longer),
		cmocka_unit_test(scope_starts_with_leerplicht),
		cmocka_unit_test(scope_ends_with_kwalificatieplicht),
		cmocka_unit_test(scope_needs_residence_or_enrolment),
		cmocka_unit_test(av_exclusions_in_order),
		cmocka_unit_test(av_startdatum_is_the_latest_candidate),
		cmocka_unit_test(overstap_mbo_is_flagged_and_counted),
		cmocka_unit_test(categories_in_rule_order),
		cmocka_unit_test(the_enrolment_is_the_one_that_started_last),
		cmocka_unit_test(sector_falls_back_to_age),
		cmocka_unit_test(never_enrolled_av_goes_to_the_regional_swv),
		cmocka_unit_test(passend_aanbod_needs_an_available_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
