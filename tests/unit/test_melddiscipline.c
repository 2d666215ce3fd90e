/* The rules of melddiscipline (issue 12): the 7-day term, the median and
 * shares, registratie onvolledig, and the duties of one pupil in a period. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "../../src/core/melddiscipline.h"

#define PUPIL "P,,,2012-03-10,,,\n"
#define HOME "P,GM0001,2012-03-10,,0\n"
#define AT_VO "P,20BB,00,2024-08-01,\n"

static void the_7_day_boundary(void **state)
{
	(void)state;
	melding m = {.datum_melding = D("2025-10-27"), .eerste_verzuimdag = D("2025-10-20")};
	assert_int_equal(melding_delay(&m), 7);
	assert_true(delay_in_term(melding_delay(&m)));
	m.datum_melding = D("2025-10-28");
	assert_int_equal(melding_delay(&m), 8);
	assert_false(delay_in_term(melding_delay(&m)));
	assert_true(delay_in_term(0));
	assert_false(recorded_late(D("2025-10-20"), D("2025-10-27")));
	assert_true(recorded_late(D("2025-10-20"), D("2025-10-28")));
}

static void median_and_share(void **state)
{
	(void)state;
	int32_t odd[] = {56, 3, 7};
	assert_int_equal(median_hundredths(odd, 3), 700);
	int32_t even[] = {10, 3, 4, 56};
	assert_int_equal(median_hundredths(even, 4), 700); /* (4 + 10) / 2 */
	int32_t half[] = {3, 4};
	assert_int_equal(median_hundredths(half, 2), 350);
	assert_int_equal(median_hundredths(NULL, 0), -1); /* no meldingen: no median, not 0 */
	assert_int_equal(share_hundredths(1, 3), 3333);
	assert_int_equal(share_hundredths(2, 3), 6667); /* 66.666.. half up */
	assert_int_equal(share_hundredths(1, 8), 1250);
	assert_int_equal(share_hundredths(0, 0), -1);
}

static void set_days(uint8_t *bits, day_t from, const char *a, const char *b)
{
	for (day_t d = D(a); d <= D(b); d++) {
		uint32_t i = (uint32_t)(d - from);
		bits[i >> 3] |= (uint8_t)(1u << (i & 7));
	}
}

static void registratie_onvolledig_after_four_lesweken(void **state)
{
	(void)state;
	md_period per = {D("2025-09-01"), D("2025-10-31")};
	uint8_t covered[16] = {0};
	/* absence on Mon 1 Sep and then from Mon 29 Sep: 19 school days between */
	set_days(covered, per.from, "2025-09-01", "2025-09-01");
	set_days(covered, per.from, "2025-09-29", "2025-10-31");
	assert_int_equal(longest_silence(NULL, covered, per), 19);
	assert_false(registration_incomplete(19));
	/* from Tue 30 Sep: 20 school days without any absence */
	memset(covered, 0, sizeof covered);
	set_days(covered, per.from, "2025-09-01", "2025-09-01");
	set_days(covered, per.from, "2025-09-30", "2025-10-31");
	assert_int_equal(longest_silence(NULL, covered, per), 20);
	assert_true(registration_incomplete(20));
	/* nothing at all recorded: the whole period is silent */
	memset(covered, 0, sizeof covered);
	assert_int_equal(longest_silence(NULL, covered, per), 45);
}

static void holidays_are_not_silence(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO,
		     .vakantieregios = "gemeentecode,regio\nGM0001,noord\n",
		     .vakanties = "regio,naam,van,tot\nnoord,herfst,2025-10-11,2025-10-19\n"};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	md_period per = {D("2025-09-29"), D("2025-10-31")};
	uint8_t covered[8] = {0};
	/* absence up to Fri 3 Oct and from Mon 3 Nov: Oct 6-10, 20-31 = 15 school days */
	set_days(covered, per.from, "2025-09-29", "2025-10-03");
	assert_int_equal(longest_silence(&ds->calendars[0], covered, per), 15);
	assert_int_equal(longest_silence(NULL, covered, per), 20);
	dataset_free(ds);
}

static md_events events_of(const char *verzuim, const char *meldingen, const char *from, const char *to,
			   const char *today)
{
	fixture f = {.leerlingen = PUPIL, .woonadressen = HOME, .inschrijvingen = AT_VO, .verzuim = verzuim,
		     .meldingen = meldingen};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	md_events ev = {0};
	md_pupil_events(ds, (uint32_t)dataset_pupil(ds, "P", 1), (md_period){D(from), D(to)}, D(today), &ev);
	dataset_free(ds);
	return ev;
}

static void a_duty_of_16_hours_arises_on_its_fourth_day(void **state)
{
	(void)state;
	/* The worked example of SPEC 7.1: 5 hours a day from Mon 20 Oct. */
	md_events ev = events_of("P,20BB,00,ongeoorloofd,2025-10-20,2025-10-23,\n", NULL, "2025-10-01", "2025-10-31",
				 "2025-11-30");
	assert_int_equal(ev.n, 1);
	assert_int_equal(ev.ev[0].kind, MD_MELDPLICHT);
	assert_int_equal(ev.ev[0].moment, D("2025-10-23"));
	assert_int_equal(ev.ev[0].sinds, D("2025-10-20"));
	assert_false(ev.ev[0].reported);
	free(ev.ev);
	/* reported on sinds: counts; before it: does not; after today: not yet */
	ev = events_of("P,20BB,00,ongeoorloofd,2025-10-20,2025-10-23,\n", "P,20BB,00,2025-10-20,2025-10-20,verzuim\n",
		       "2025-10-01", "2025-10-31", "2025-11-30");
	assert_true(ev.n == 1 && ev.ev[0].reported);
	free(ev.ev);
	ev = events_of("P,20BB,00,ongeoorloofd,2025-10-20,2025-10-23,\n", "P,20BB,00,2025-10-17,2025-10-17,verzuim\n",
		       "2025-10-01", "2025-10-31", "2025-11-30");
	assert_true(ev.n == 1 && !ev.ev[0].reported);
	free(ev.ev);
	ev = events_of("P,20BB,00,ongeoorloofd,2025-10-20,2025-10-23,\n", "P,20BB,00,2025-12-01,2025-10-20,verzuim\n",
		       "2025-10-01", "2025-10-31", "2025-11-30");
	assert_true(ev.n == 1 && !ev.ev[0].reported);
	free(ev.ev);
	/* 15 hours: no duty; a duty that arose before the period is not its own */
	ev = events_of("P,20BB,00,ongeoorloofd,2025-10-20,2025-10-22,\n", NULL, "2025-10-01", "2025-10-31", "2025-11-30");
	assert_int_equal(ev.n, 0);
	ev = events_of("P,20BB,00,ongeoorloofd,2025-10-20,2025-10-23,\n", NULL, "2025-10-24", "2025-10-31", "2025-11-30");
	assert_int_equal(ev.n, 0);
	free(ev.ev);
}

static void a_second_duty_after_the_first_lapsed(void **state)
{
	(void)state;
	md_events ev = events_of("P,20BB,00,ongeoorloofd,2025-09-01,2025-09-04,\n"
				 "P,20BB,00,ongeoorloofd,2025-10-20,2025-10-23,\n",
				 NULL, "2025-09-01", "2025-10-31", "2025-11-30");
	assert_int_equal(ev.n, 2);
	assert_int_equal(ev.ev[0].moment, D("2025-09-04"));
	assert_int_equal(ev.ev[1].moment, D("2025-10-23"));
	free(ev.ev);
}

static void an_lrv_run_never_reported(void **state)
{
	(void)state;
	/* From Mon 1 Sep, ongoing: 16 hours on Thu 4 Sep, LRV on Mon 29 Sep. */
	md_events ev = events_of("P,20BB,00,ongeoorloofd,2025-09-01,,\n", NULL, "2025-09-01", "2025-10-31", "2025-11-30");
	assert_int_equal(ev.n, 2);
	assert_int_equal(ev.ev[0].kind, MD_MELDPLICHT);
	assert_int_equal(ev.ev[0].moment, D("2025-09-04"));
	assert_int_equal(ev.ev[1].kind, MD_LRV);
	assert_int_equal(ev.ev[1].moment, D("2025-09-29"));
	assert_int_equal(ev.ev[1].sinds, D("2025-09-01"));
	assert_false(ev.ev[1].reported);
	free(ev.ev);
	/* a run of 27 elapsed days is no LRV run */
	ev = events_of("P,20BB,00,ongeoorloofd,2025-09-01,2025-09-27,\n", "P,20BB,00,2025-09-05,2025-09-01,verzuim\n",
		       "2025-09-01", "2025-10-31", "2025-11-30");
	assert_int_equal(ev.n, 1);
	assert_int_equal(ev.ev[0].kind, MD_MELDPLICHT);
	assert_true(ev.ev[0].reported);
	free(ev.ev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_7_day_boundary),
		cmocka_unit_test(median_and_share),
		cmocka_unit_test(registratie_onvolledig_after_four_lesweken),
		cmocka_unit_test(holidays_are_not_silence),
		cmocka_unit_test(a_duty_of_16_hours_arises_on_its_fourth_day),
		cmocka_unit_test(a_second_duty_after_the_first_lapsed),
		cmocka_unit_test(an_lrv_run_never_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
