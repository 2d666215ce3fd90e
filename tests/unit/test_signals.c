/* The early signals of SPEC 7.1: every boundary of every signal, and the
 * worked example. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "../../src/app/signals_run.h"
#include "../../src/core/explain_signals.h"
#include "../../src/core/signals.h"

/* One pupil "P" born 2012-03-10, living in GM0001 (no holiday region). */
#define PUPIL "P,,,2012-03-10,,,\n"
#define HOME "P,GM0001,2012-03-10,,0\n"
#define AT_VO "P,20BB,00,2024-08-01,\n"
/* Enrolled at 70GG-00 in GM0002, holiday region zuid: herfst 18-26 Oct 2025. */
#define AT_ZUID "P,70GG,00,2024-08-01,\n"
#define REGIOS "gemeentecode,regio\nGM0002,zuid\n"
#define HERFST "regio,naam,van,tot\nzuid,herfst,2025-10-18,2025-10-26\n"

static void facts_on(const fixture *f, const char *iso, signal_facts *out)
{
	dataset *ds = fixture_build(f, NULL);
	assert_non_null(ds);
	classification c;
	classify_id(ds, "P", iso, &c);
	signals_of(ds, (uint32_t)dataset_pupil(ds, "P", 1), &c, out);
	dataset_free(ds);
}

static const signal *find(const signal_facts *f, signaal kind)
{
	for (int i = 0; i < f->n; i++)
		if (f->sig[i].kind == kind)
			return &f->sig[i];
	return NULL;
}

static void expect_signal(const signal_facts *f, signaal kind, const char *sinds, int64_t waarde)
{
	const signal *s = find(f, kind);
	if (!s)
		fail_msg("no %s (hours %lld, share %lld)", SIGNAAL_CODES[kind], (long long)f->hours,
			 (long long)f->share);
	char d[DATE_TEXT];
	date_format(s->sinds, d);
	assert_string_equal(d, sinds);
	assert_int_equal(s->waarde, waarde);
}

static void expect_none(const signal_facts *f, signaal kind)
{
	if (find(f, kind))
		fail_msg("unexpected %s", SIGNAAL_CODES[kind]);
}

/* One verzuim body for the pupil at its VO school. */
static signal_facts with_absence(const char *verzuim, const char *iso)
{
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO, .verzuim = verzuim};
	signal_facts out;
	facts_on(&f, iso, &out);
	return out;
}

/* ---- the worked example of SPEC 7.1 ----------------------------------- */

static void worked_example(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = "P,20BB,00,2025-08-01,\n",
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-10-20,2025-10-23,\n"};
	signal_facts s;
	facts_on(&f, "2025-10-31", &s);
	assert_int_equal(s.n, 1);
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-10-20", 2000);
	assert_int_equal(s.sig[0].gemeld, 0);
	assert_int_equal(s.span_days, 66);
	assert_int_equal(s.span_hours, 2000);
	assert_int_equal(s.share, 606); /* 6.06% */
	assert_int_equal(s.span_from, D("2025-08-01"));
}

/* ---- MELDPLICHT_16_UUR ------------------------------------------------ */

static void sixteen_hours_exactly_and_just_below(void **state)
{
	(void)state;
	/* 24.00 hours over Thu 2 - Tue 7 Oct (4 school days), 2 of them in the
	 * window 4 - 31 Oct: 12. Over Fri 3 - Tue 7 Oct (3 school days): exactly
	 * 16; 23.99 gives 15.99. */
	signal_facts s = with_absence("P,20BB,00,ongeoorloofd,2025-10-02,2025-10-07,24.00\n", "2025-10-31");
	expect_none(&s, SIG_MELDPLICHT_16_UUR);
	assert_int_equal(s.hours, 1200);
	s = with_absence("P,20BB,00,ongeoorloofd,2025-10-03,2025-10-07,24.00\n", "2025-10-31");
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-10-06", 1600);
	s = with_absence("P,20BB,00,ongeoorloofd,2025-10-03,2025-10-07,23.99\n", "2025-10-31");
	expect_none(&s, SIG_MELDPLICHT_16_UUR);
	assert_int_equal(s.hours, 1599); /* 15.9933.. */
	s = with_absence("P,20BB,00,ongeoorloofd,2025-10-20,,16.00\nP,20BB,00,ongeoorloofd,2025-10-06,,\n",
			 "2025-10-05");
	expect_none(&s, SIG_MELDPLICHT_16_UUR); /* nothing has begun by D */
	s = with_absence("P,20BB,00,ongeoorloofd,2025-10-20,2025-10-20,16.00\n", "2025-10-31");
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-10-20", 1600);
	s = with_absence("P,20BB,00,ongeoorloofd,2025-10-20,2025-10-20,15.99\n", "2025-10-31");
	expect_none(&s, SIG_MELDPLICHT_16_UUR);
	assert_int_equal(s.hours, 1599);
	assert_true(s.applies);
}

/* Thirds that add up to exactly 16 hours, and to just under it: compared on
 * the exact sum, which rounds to 16.00 in both cases. Rows recorded at other
 * schools count as well. */
static void thirds_are_compared_exactly(void **state)
{
	(void)state;
	/* Each row: Thu 2, Fri 3 and Mon 6 Oct, one of them (Mon) in the window. */
	signal_facts s = with_absence("P,20BB,00,ongeoorloofd,2025-10-02,2025-10-06,16.00\n"
				      "P,10AA,00,ongeoorloofd,2025-10-02,2025-10-06,16.00\n"
				      "P,60FF,00,ongeoorloofd,2025-10-02,2025-10-06,16.00\n",
				      "2025-10-31");
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-10-06", 1600);
	s = with_absence("P,20BB,00,ongeoorloofd,2025-10-02,2025-10-06,16.00\n"
			 "P,10AA,00,ongeoorloofd,2025-10-02,2025-10-06,16.00\n"
			 "P,60FF,00,ongeoorloofd,2025-10-02,2025-10-06,15.99\n",
			 "2025-10-31");
	expect_none(&s, SIG_MELDPLICHT_16_UUR);
	assert_int_equal(s.hours, 1600); /* 15.9966.. shown rounded, yet below 16 */
	assert_false(s.reached);
}

static void waarde_is_rounded_half_up_on_the_exact_fraction(void **state)
{
	(void)state;
	/* 16.00 + 0.01 over Fri 3 / Mon 6 Oct, half of it in the window: 16.005. */
	signal_facts s = with_absence("P,20BB,00,ongeoorloofd,2025-10-03,2025-10-06,0.01\n"
				      "P,20BB,00,ongeoorloofd,2025-10-20,2025-10-20,16.00\n",
				      "2025-10-31");
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-10-06", 1601);
	/* A third of 0.01 in the window: 16.0033.. */
	s = with_absence("P,20BB,00,ongeoorloofd,2025-10-02,2025-10-06,0.01\n"
			 "P,20BB,00,ongeoorloofd,2025-10-20,2025-10-20,16.00\n",
			 "2025-10-31");
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-10-06", 1600);
}

/* The window of 4 weeks: days with fewer than 28 elapsed days to D. */
static void the_28th_elapsed_day_without_holidays(void **state)
{
	(void)state;
	/* D Thursday 30 Oct: Friday 3 Oct has 27 elapsed days (in), Thursday 2
	 * Oct has 28 (out). */
	signal_facts s = with_absence("P,20BB,00,ongeoorloofd,2025-10-03,2025-10-03,16.00\n", "2025-10-30");
	assert_int_equal(s.window4, D("2025-10-03"));
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-10-03", 1600);
	s = with_absence("P,20BB,00,ongeoorloofd,2025-10-02,2025-10-02,16.00\n", "2025-10-30");
	expect_none(&s, SIG_MELDPLICHT_16_UUR);
	assert_int_equal(s.hours, 0);
}

static void the_28th_elapsed_day_with_a_holiday_in_the_window(void **state)
{
	(void)state;
	/* The nine holiday days 18-26 Oct do not elapse: the window of D = 30 Oct
	 * starts on Wednesday 24 Sep (27 elapsed days), not on 3 Oct. */
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_ZUID,
		     .vakantieregios = REGIOS, .vakanties = HERFST,
		     .verzuim = "P,70GG,00,ongeoorloofd,2025-09-24,2025-09-24,16.00\n"};
	signal_facts s;
	facts_on(&f, "2025-10-30", &s);
	assert_int_equal(s.window4, D("2025-09-24"));
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-09-24", 1600);
	f.verzuim = "P,70GG,00,ongeoorloofd,2025-09-23,2025-09-23,16.00\n";
	facts_on(&f, "2025-10-30", &s);
	expect_none(&s, SIG_MELDPLICHT_16_UUR);
	/* Holiday days are no school days, also for a row another school
	 * recorded (20BB lies in a gemeente without holiday region): Monday to
	 * Friday 20-24 Oct without uren give nothing. */
	f.verzuim = "P,20BB,00,ongeoorloofd,2025-10-20,2025-10-24,\nP,70GG,00,ongeoorloofd,2025-10-29,2025-10-30,\n";
	facts_on(&f, "2025-10-30", &s);
	assert_int_equal(s.hours, 1000);
	assert_int_equal(s.first_hour, D("2025-10-29"));
}

/* Hours are spread over all school days of a row, also those outside the
 * window or after D; only the part inside the window counts. */
static void hours_spread_over_a_row_partly_inside_the_window(void **state)
{
	(void)state;
	/* 40 hours over the 10 school days 29 Sep - 10 Oct: 4 a day, 5 in the
	 * window (6-10 Oct). */
	signal_facts s = with_absence("P,20BB,00,ongeoorloofd,2025-09-29,2025-10-10,40.00\n", "2025-10-31");
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-10-06", 2000);
	/* 40 hours over 27 Oct - 7 Nov, past D: still 4 a day, 5 days by D. */
	s = with_absence("P,20BB,00,ongeoorloofd,2025-10-27,2025-11-07,40.00\n", "2025-10-31");
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-10-27", 2000);
	/* Open-ended: the school days run to D, 36 hours over 27-31 Oct. */
	s = with_absence("P,20BB,00,ongeoorloofd,2025-10-27,,36.00\n", "2025-10-31");
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-10-27", 3600);
}

static void a_row_without_school_days_has_no_hours(void **state)
{
	(void)state;
	/* 20 hours on a weekend, and 15 on a school day: 15 in all. */
	signal_facts s = with_absence("P,20BB,00,ongeoorloofd,2025-10-25,2025-10-26,20.00\n"
				      "P,20BB,00,ongeoorloofd,2025-10-27,2025-10-27,15.00\n",
				      "2025-10-31");
	expect_none(&s, SIG_MELDPLICHT_16_UUR);
	assert_int_equal(s.hours, 1500);
	assert_int_equal(s.first_hour, D("2025-10-27"));
	/* Zero hours are no hours: sinds is the first day with more than 0. */
	s = with_absence("P,20BB,00,ongeoorloofd,2025-10-06,2025-10-10,0.00\n"
			 "P,20BB,00,ongeoorloofd,2025-10-27,2025-10-28,16.00\n",
			 "2025-10-31");
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-10-27", 1600);
}

/* Rows add up, also when they overlap (the 5-hour cap is Kearney's only). */
static void overlapping_rows_add_up(void **state)
{
	(void)state;
	signal_facts s = with_absence("P,20BB,00,ongeoorloofd,2025-10-27,2025-10-27,10.00\n"
				      "P,10AA,00,ongeoorloofd,2025-10-27,2025-10-27,10.00\n",
				      "2025-10-31");
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-10-27", 2000);
}

static void not_for_lrv(void **state)
{
	(void)state;
	/* Unauthorised since 1 Sep: LRV on 31 Oct, which has its own duty. */
	signal_facts s = with_absence("P,20BB,00,ongeoorloofd,2025-09-01,,\n", "2025-10-31");
	assert_true(s.lrv);
	assert_true(s.reached);
	expect_none(&s, SIG_MELDPLICHT_16_UUR);
	/* Since 6 Oct: DREIGEND (25 elapsed days), the duty holds. */
	s = with_absence("P,20BB,00,ongeoorloofd,2025-10-06,,\n", "2025-10-31");
	assert_false(s.lrv);
	expect_signal(&s, SIG_MELDPLICHT_16_UUR, "2025-10-06", 10000);
}

static void gemeld_from_sinds_to_d(void **state)
{
	(void)state;
	const char *verzuim = "P,20BB,00,ongeoorloofd,2025-10-20,2025-10-23,\n";
	struct {
		const char *melding;
		int gemeld;
	} cases[] = {
		{"P,20BB,00,2025-10-20,2025-10-20,verzuim\n", 1}, /* on sinds */
		{"P,20BB,00,2025-10-19,2025-10-19,verzuim\n", 0}, /* before it */
		{"P,20BB,00,2025-11-01,2025-10-20,verzuim\n", 0}, /* after D */
		{"P,20BB,00,2025-10-31,2025-10-20,verzuim\n", 1}, /* on D */
		{"P,10AA,00,2025-10-24,2025-10-01,anders\n", 1},  /* any school, any soort */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO, .verzuim = verzuim,
			     .meldingen = cases[i].melding};
		signal_facts s;
		facts_on(&f, "2025-10-31", &s);
		const signal *m = find(&s, SIG_MELDPLICHT_16_UUR);
		assert_non_null(m);
		if (m->gemeld != cases[i].gemeld)
			fail_msg("melding %s: gemeld %d", cases[i].melding, m->gemeld);
	}
}

static void only_for_pupils_enrolled_on_d(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = "P,20BB,00,2024-08-01,2025-10-24\n",
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-10-20,2025-10-24,\n"};
	signal_facts s;
	facts_on(&f, "2025-10-31", &s);
	assert_false(s.applies);
	assert_int_equal(s.n, 0);
}

/* ---- ZIEK_7_DAGEN and ZIEK_4_KEER ------------------------------------- */

static void the_7th_school_day_of_sickness_across_a_weekend(void **state)
{
	(void)state;
	/* Sick from Monday 20 Oct: Tuesday 28 Oct is the 7th school day. Two
	 * reports with only a weekend between them are one run. */
	const char *v = "P,20BB,00,ziek,2025-10-20,2025-10-24,\nP,20BB,00,ziek,2025-10-27,,\n";
	signal_facts s = with_absence(v, "2025-10-28");
	expect_signal(&s, SIG_ZIEK_7_DAGEN, "2025-10-20", 7);
	assert_null(find(&s, SIG_MELDPLICHT_16_UUR));
	s = with_absence(v, "2025-10-27");
	expect_none(&s, SIG_ZIEK_7_DAGEN);
	assert_int_equal(s.sick_days, 6);
	/* A run that ended before D does not cover it. */
	s = with_absence("P,20BB,00,ziek,2025-10-13,2025-10-24,\n", "2025-10-27");
	expect_none(&s, SIG_ZIEK_7_DAGEN);
}

static void the_7th_school_day_of_sickness_across_a_holiday(void **state)
{
	(void)state;
	/* Sick from Wednesday 15 Oct; 18-26 Oct is herfstvakantie: 15, 16, 17,
	 * 27, 28, 29 and 30 Oct are the seven school days. */
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_ZUID,
		     .vakantieregios = REGIOS, .vakanties = HERFST, .verzuim = "P,70GG,00,ziek,2025-10-15,,\n"};
	signal_facts s;
	facts_on(&f, "2025-10-30", &s);
	expect_signal(&s, SIG_ZIEK_7_DAGEN, "2025-10-15", 7);
	facts_on(&f, "2025-10-29", &s);
	expect_none(&s, SIG_ZIEK_7_DAGEN);
	/* Reports before and after the holiday are one run. */
	f.verzuim = "P,70GG,00,ziek,2025-10-15,2025-10-17,\nP,70GG,00,ziek,2025-10-27,2025-10-31,\n";
	facts_on(&f, "2025-10-30", &s);
	expect_signal(&s, SIG_ZIEK_7_DAGEN, "2025-10-15", 7);
	assert_int_equal(s.sick_runs, 1);
}

static void three_and_four_sick_runs(void **state)
{
	(void)state;
	/* The window of 12 weeks of D = 31 Oct starts on Saturday 9 Aug. */
	const char *three = "P,20BB,00,ziek,2025-09-01,2025-09-01,\nP,20BB,00,ziek,2025-09-15,2025-09-16,\n"
			    "P,20BB,00,ziek,2025-10-01,2025-10-01,\n";
	signal_facts s = with_absence(three, "2025-10-31");
	assert_int_equal(s.window12, D("2025-08-09"));
	expect_none(&s, SIG_ZIEK_4_KEER);
	assert_int_equal(s.sick_runs, 3);
	char four[512];
	snprintf(four, sizeof four, "%sP,20BB,00,ziek,2025-10-20,2025-10-21,\n", three);
	s = with_absence(four, "2025-10-31");
	expect_signal(&s, SIG_ZIEK_4_KEER, "2025-09-01", 4);
	/* Friday 8 Aug has 84 elapsed days: before the window; Saturday 9 Aug in it. */
	snprintf(four, sizeof four, "P,20BB,00,ziek,2025-08-08,2025-08-08,\n%s", three);
	s = with_absence(four, "2025-10-31");
	expect_none(&s, SIG_ZIEK_4_KEER);
	snprintf(four, sizeof four, "P,20BB,00,ziek,2025-08-09,2025-08-09,\n%s", three);
	s = with_absence(four, "2025-10-31");
	expect_signal(&s, SIG_ZIEK_4_KEER, "2025-08-09", 4);
	/* Friday and the Monday after: one report, not two. */
	snprintf(four, sizeof four, "%sP,20BB,00,ziek,2025-10-03,2025-10-03,\nP,20BB,00,ziek,2025-10-06,2025-10-06,\n",
		 three);
	s = with_absence(four, "2025-10-31");
	expect_signal(&s, SIG_ZIEK_4_KEER, "2025-09-01", 4);
	/* A report that starts after D does not count. */
	snprintf(four, sizeof four, "%sP,20BB,00,ziek,2025-11-03,2025-11-03,\n", three);
	s = with_absence(four, "2025-10-31");
	expect_none(&s, SIG_ZIEK_4_KEER);
}

/* ---- KEARNEY_2 / KEARNEY_3 -------------------------------------------- */

/* Enrolled from Monday 6 Oct: the span to Friday 17 Oct has 10 school days,
 * 50 hours of school. */
static signal_facts kearney(const char *verzuim, const char *iso)
{
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = "P,20BB,00,2025-10-06,\n",
		     .verzuim = verzuim};
	signal_facts s;
	facts_on(&f, iso, &s);
	return s;
}

static void a_share_of_exactly_10_and_20_percent(void **state)
{
	(void)state;
	signal_facts s = kearney("P,20BB,00,geoorloofd,2025-10-08,2025-10-08,5.00\n", "2025-10-17");
	assert_int_equal(s.span_from, D("2025-10-06"));
	assert_int_equal(s.span_days, 10);
	expect_signal(&s, SIG_KEARNEY_2, "2025-10-06", 1000);
	s = kearney("P,20BB,00,geoorloofd,2025-10-08,2025-10-08,4.99\n", "2025-10-17");
	expect_none(&s, SIG_KEARNEY_2);
	assert_int_equal(s.share, 998);
	s = kearney("P,20BB,00,ziek,2025-10-08,2025-10-09,\n", "2025-10-17");
	expect_signal(&s, SIG_KEARNEY_3, "2025-10-06", 2000);
	expect_none(&s, SIG_KEARNEY_2);
	s = kearney("P,20BB,00,ziek,2025-10-08,2025-10-09,9.99\n", "2025-10-17");
	expect_signal(&s, SIG_KEARNEY_2, "2025-10-06", 1998);
	expect_none(&s, SIG_KEARNEY_3);
	/* 15 hours over Thu 2, Fri 3 and Mon 6 Oct: only Monday's 5 lie in the
	 * span of the enrolment that began that day. */
	s = kearney("P,20BB,00,schorsing,2025-10-02,2025-10-06,15.00\n", "2025-10-17");
	assert_int_equal(s.span_hours, 500); /* 15 / 3 school days, one in the span */
	expect_signal(&s, SIG_KEARNEY_2, "2025-10-06", 1000);
}

static void fewer_than_10_school_days(void **state)
{
	(void)state;
	signal_facts s = kearney("P,20BB,00,ziek,2025-10-08,2025-10-09,\n", "2025-10-16");
	assert_int_equal(s.span_days, 9);
	expect_none(&s, SIG_KEARNEY_2);
	expect_none(&s, SIG_KEARNEY_3);
}

static void the_5_hours_a_day_cap(void **state)
{
	(void)state;
	/* 10 hours on one day count as 5: 10%, not 20%. */
	signal_facts s = kearney("P,20BB,00,geoorloofd,2025-10-08,2025-10-08,10.00\n", "2025-10-17");
	expect_signal(&s, SIG_KEARNEY_2, "2025-10-06", 1000);
	assert_int_equal(s.capped_days, 1);
	/* Two rows on one day, 3 hours each: capped at 5 together. */
	s = kearney("P,20BB,00,geoorloofd,2025-10-08,2025-10-08,3.00\nP,10AA,00,ziek,2025-10-08,2025-10-08,3.00\n",
		    "2025-10-17");
	assert_int_equal(s.span_hours, 500);
	expect_signal(&s, SIG_KEARNEY_2, "2025-10-06", 1000);
	/* 2 + 2 stays below the cap: 4 hours, 8%. */
	s = kearney("P,20BB,00,geoorloofd,2025-10-08,2025-10-08,2.00\nP,10AA,00,ziek,2025-10-08,2025-10-08,2.00\n",
		    "2025-10-17");
	assert_int_equal(s.span_hours, 400);
	assert_int_equal(s.capped_days, 0);
	expect_none(&s, SIG_KEARNEY_2);
	/* Overlapping rows of different lengths, taken piece by piece: 2 hours a
	 * day on 6-8 Oct and 4 a day on 7-8 Oct give 2 on 6 Oct and 6, counted
	 * as 5, on 7 and 8 Oct. */
	s = kearney("P,20BB,00,geoorloofd,2025-10-06,2025-10-08,6.00\nP,10AA,00,ziek,2025-10-07,2025-10-08,8.00\n",
		    "2025-10-17");
	assert_int_equal(s.span_hours, 1200); /* 2 + 5 + 5 */
	assert_int_equal(s.capped_days, 2);
	expect_signal(&s, SIG_KEARNEY_3, "2025-10-06", 2400);
}

static void the_span_starts_on_1_august(void **state)
{
	(void)state;
	/* Enrolled since 2024: the span of D = 15 Aug 2025 starts on Friday 1 Aug
	 * (11 school days), not at the enrolment; last year's absence is outside. */
	signal_facts s = with_absence("P,20BB,00,ziek,2025-07-28,2025-08-04,\n", "2025-08-15");
	assert_int_equal(s.span_from, D("2025-08-01"));
	assert_int_equal(s.span_days, 11);
	assert_int_equal(s.span_hours, 1000); /* 1 and 4 Aug */
	expect_signal(&s, SIG_KEARNEY_2, "2025-08-01", 1818);
}

/* ---- the scan over everybody agrees with signals_of, whatever the threads */

static void the_scan_lists_every_signal_in_order(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "A,,,2012-03-10,,,\nB,,,2012-03-10,,,\nC,,,2012-03-10,,,\n",
		     .woonadressen = "A,GM0001,2012-03-10,,0\nB,GM0001,2012-03-10,,0\nC,GM0001,2012-03-10,,0\n",
		     .inschrijvingen = "A,20BB,00,2025-08-01,\nB,20BB,00,2025-08-01,2025-09-30\nC,10AA,00,2025-08-01,\n",
		     .verzuim = "A,20BB,00,ziek,2025-10-20,,\nA,20BB,00,ongeoorloofd,2025-10-06,2025-10-10,\n"
				"B,20BB,00,ongeoorloofd,2025-09-15,2025-09-19,\n"
				"C,10AA,00,ongeoorloofd,2024-09-02,2024-09-30,\n"};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	for (int threads = 1; threads <= 3; threads++) {
		signal_list l;
		compute_signals(ds, D("2025-10-31"), threads, NULL, NULL, &l);
		assert_int_equal(l.n, 3); /* B left school, C's absence is last year's */
		assert_int_equal(l.rows[0].s.kind, SIG_MELDPLICHT_16_UUR);
		assert_int_equal(l.rows[1].s.kind, SIG_ZIEK_7_DAGEN);
		assert_int_equal(l.rows[2].s.kind, SIG_KEARNEY_3);
		assert_string_equal(ds->pupils[l.rows[2].pupil].id, "A");
		assert_string_equal(ds->schools[l.rows[2].school].brin, "20BB");
		signal_list_free(&l);
	}
	dataset_free(ds);
}

/* ---- the explanation names the facts ---------------------------------- */

static bool says(const explanation *ex, const char *text)
{
	for (size_t i = 0; i < ex->n; i++)
		if (strstr(ex->lines[i], text))
			return true;
	return false;
}

static void the_explanation_names_hours_window_and_melding(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .verzuim = "P,20BB,00,ongeoorloofd,2025-09-29,2025-10-10,40.00\n",
		     .meldingen = "P,20BB,00,2025-10-09,2025-09-29,verzuim\n"};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	classification c;
	classify_id(ds, "P", "2025-10-31", &c);
	signal_facts s;
	signals_of(ds, 0, &c, &s);
	explanation ex = {0};
	explain_signals(ds, 0, &c, &s, NULL, &ex);
	assert_true(says(&ex, "venster van 4 lesweken loopt van 04-10-2025 t/m 31-10-2025"));
	assert_true(says(&ex, "40,00 uur verdeeld over 10 schooldagen, waarvan 5 in het venster: 20,00 uur"));
	assert_true(says(&ex, "signaal meldplicht sinds 06-10-2025"));
	assert_true(says(&ex, "Gemeld: melding van 09-10-2025"));
	assert_true(says(&ex, "signaal Kearney niveau 2"));
	explanation_free(&ex);
	dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(worked_example),
		cmocka_unit_test(sixteen_hours_exactly_and_just_below),
		cmocka_unit_test(thirds_are_compared_exactly),
		cmocka_unit_test(waarde_is_rounded_half_up_on_the_exact_fraction),
		cmocka_unit_test(the_28th_elapsed_day_without_holidays),
		cmocka_unit_test(the_28th_elapsed_day_with_a_holiday_in_the_window),
		cmocka_unit_test(hours_spread_over_a_row_partly_inside_the_window),
		cmocka_unit_test(a_row_without_school_days_has_no_hours),
		cmocka_unit_test(overlapping_rows_add_up),
		cmocka_unit_test(not_for_lrv),
		cmocka_unit_test(gemeld_from_sinds_to_d),
		cmocka_unit_test(only_for_pupils_enrolled_on_d),
		cmocka_unit_test(the_7th_school_day_of_sickness_across_a_weekend),
		cmocka_unit_test(the_7th_school_day_of_sickness_across_a_holiday),
		cmocka_unit_test(three_and_four_sick_runs),
		cmocka_unit_test(a_share_of_exactly_10_and_20_percent),
		cmocka_unit_test(fewer_than_10_school_days),
		cmocka_unit_test(the_5_hours_a_day_cap),
		cmocka_unit_test(the_span_starts_on_1_august),
		cmocka_unit_test(the_scan_lists_every_signal_in_order),
		cmocka_unit_test(the_explanation_names_hours_window_and_melding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
