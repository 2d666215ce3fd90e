/* School days, holidays and elapsed days (SPEC 4, "weeks of absence"). */
#include "helpers.h"

#include "../../src/core/calendar.h"

static holiday_calendar herfst(void)
{
	/* Overlapping and adjacent input ranges merge: 18-22 + 20-26 + 27-27. */
	day_range r[] = {{D("2025-10-20"), D("2025-10-26")}, {D("2025-10-18"), D("2025-10-22")},
			 {D("2025-10-27"), D("2025-10-27")}};
	holiday_calendar c;
	calendar_build(&c, r, 3);
	return c;
}

static void weekends_are_not_school_days(void **state)
{
	(void)state;
	/* Friday 2025-09-05 .. Monday 2025-09-08: only the weekend lies between. */
	assert_false(has_school_day(NULL, D("2025-09-06"), D("2025-09-07")));
	assert_true(has_school_day(NULL, D("2025-09-06"), D("2025-09-08")));
	assert_true(has_school_day(NULL, D("2025-09-05"), D("2025-09-05")));
	assert_false(has_school_day(NULL, D("2025-09-08"), D("2025-09-07"))); /* empty */
	assert_true(is_school_day(NULL, D("2025-09-08")));
	assert_false(is_school_day(NULL, D("2025-09-07")));
}

static void holidays_are_not_school_days(void **state)
{
	(void)state;
	holiday_calendar c = herfst();
	assert_int_equal(c.n, 1);
	assert_true(is_holiday(&c, D("2025-10-18")));
	assert_true(is_holiday(&c, D("2025-10-27")));
	assert_false(is_holiday(&c, D("2025-10-28")));
	assert_false(is_school_day(&c, D("2025-10-21")));
	/* Friday 17 Oct to Tuesday 28 Oct: weekend, holiday, nothing else. */
	assert_false(has_school_day(&c, D("2025-10-18"), D("2025-10-27")));
	assert_true(has_school_day(&c, D("2025-10-18"), D("2025-10-28")));
	assert_true(has_school_day(&c, D("2025-10-17"), D("2025-10-27")));
	calendar_free(&c);
}

static void elapsed_days_skip_holidays(void **state)
{
	(void)state;
	holiday_calendar c = herfst();
	assert_int_equal(elapsed_days(NULL, D("2025-10-04"), D("2025-11-01")), 28);
	/* [2025-10-01, 2025-11-01) holds the 10 holiday days 18..27 Oct. */
	assert_int_equal(holiday_days(&c, D("2025-10-01"), D("2025-11-01")), 10);
	assert_int_equal(elapsed_days(&c, D("2025-10-01"), D("2025-11-01")), 21);
	/* Half-open: the day D itself does not count. */
	assert_int_equal(holiday_days(&c, D("2025-10-01"), D("2025-10-18")), 0);
	assert_int_equal(holiday_days(&c, D("2025-10-01"), D("2025-10-19")), 1);
	assert_int_equal(holiday_days(&c, D("2025-10-20"), D("2025-10-22")), 2);
	assert_int_equal(elapsed_days(&c, D("2025-11-01"), D("2025-11-01")), 0);
	calendar_free(&c);
}

/* has_school_day looks days up in a table near the holidays and searches
 * elsewhere: both must agree with counting day by day, everywhere. */
static void the_lookup_agrees_with_counting(void **state)
{
	(void)state;
	/* A school year with its holidays, a long summer, and a lone holiday day. */
	day_range r[] = {{D("2025-07-12"), D("2025-08-24")}, {D("2025-10-18"), D("2025-10-26")},
			 {D("2025-12-20"), D("2026-01-04")}, {D("2026-02-14"), D("2026-02-22")},
			 {D("2026-04-03"), D("2026-04-06")}, {D("2026-04-25"), D("2026-05-03")},
			 {D("2026-05-14"), D("2026-05-15")}, {D("2026-07-18"), D("2026-08-30")}};
	holiday_calendar c;
	calendar_build(&c, r, sizeof r / sizeof r[0]);
	assert_non_null(c.next);
	/* From well before the table to well after it, every gap up to 60 days. */
	for (day_t from = D("2024-01-01"); from <= D("2027-12-31"); from += 3)
		for (day_t len = 0; len <= 60; len++) {
			bool naive = false;
			for (day_t d = from; d <= from + len && !naive; d++)
				naive = is_school_day(&c, d);
			if (has_school_day(&c, from, from + len) != naive)
				fail_msg("has_school_day(%d, %d) != %d", (int)from, (int)(from + len), naive);
		}
	calendar_free(&c);
}

/* The day a term in lesweken is reached: the first day with enough elapsed
 * days, by counting day by day, from every start around the holidays. */
static void a_term_is_reached_on_the_first_day_with_enough_elapsed_days(void **state)
{
	(void)state;
	holiday_calendar c = herfst();
	assert_int_equal(elapsed_reached(NULL, D("2025-09-15"), 42), D("2025-10-27"));
	assert_int_equal(elapsed_reached(&c, D("2025-09-15"), 42), D("2025-11-06")); /* 10 holiday days later */
	assert_int_equal(elapsed_reached(&c, D("2025-09-15"), 0), D("2025-09-15"));
	/* Reached on the first holiday day: the days before it already count. */
	assert_int_equal(elapsed_reached(&c, D("2025-10-11"), 7), D("2025-10-18"));
	assert_int_equal(elapsed_reached(&c, D("2025-10-11"), 8), D("2025-10-29"));
	for (day_t s = D("2025-08-01"); s <= D("2025-11-15"); s++)
		for (int32_t n = 0; n <= 70; n += 7) {
			day_t d = s;
			while (elapsed_days(&c, s, d) < n)
				d++;
			if (elapsed_reached(&c, s, n) != d)
				fail_msg("elapsed_reached(%d, %d) = %d, counted %d", (int)s, (int)n,
					 (int)elapsed_reached(&c, s, n), (int)d);
		}
	calendar_free(&c);
}

/* SPEC 7.1: school days of a period, and its first one, counted day by day
 * (also before 1970 and with the holidays of a school year), and the window
 * of N weeks: the days with fewer than 7 N elapsed days to D. */
static holiday_calendar school_year(void)
{
	day_range r[] = {{D("2025-07-12"), D("2025-08-24")}, {D("2025-10-18"), D("2025-10-26")},
			 {D("2025-12-20"), D("2026-01-04")}, {D("2026-04-03"), D("2026-04-03")}};
	holiday_calendar c;
	calendar_build(&c, r, sizeof r / sizeof r[0]);
	return c;
}

static void school_days_are_counted(void **state)
{
	(void)state;
	assert_int_equal(school_days(NULL, D("2025-10-20"), D("2025-10-24")), 5);
	assert_int_equal(school_days(NULL, D("2025-10-18"), D("2025-10-19")), 0); /* a weekend */
	assert_int_equal(school_days(NULL, D("2025-10-24"), D("2025-10-20")), 0); /* empty */
	assert_int_equal(school_days(NULL, D("2025-08-01"), D("2025-10-31")), 66);
	holiday_calendar c = school_year();
	assert_int_equal(school_days(&c, D("2025-10-15"), D("2025-10-30")), 7);
	assert_int_equal(first_school_day(&c, D("2025-10-18"), D("2025-10-31")), D("2025-10-27"));
	assert_int_equal(first_school_day(&c, D("2025-10-18"), D("2025-10-26")), DAY_NONE);
	holiday_calendar *cals[] = {NULL, &c};
	for (int k = 0; k < 2; k++)
		for (day_t from = D("1969-12-01"); from <= D("2026-02-01"); from += from < D("1970-03-01") ? 1 : 11)
			for (day_t len = -1; len <= 80; len += 3) {
				int32_t n = 0;
				day_t first = DAY_NONE;
				for (day_t d = from; d <= from + len; d++)
					if (is_school_day(cals[k], d)) {
						n++;
						if (first == DAY_NONE)
							first = d;
					}
				if (school_days(cals[k], from, from + len) != n ||
				    first_school_day(cals[k], from, from + len) != first)
					fail_msg("school days of %d + %d: %d, first %d; counted %d, %d", (int)from, (int)len,
						 school_days(cals[k], from, from + len),
						 (int)first_school_day(cals[k], from, from + len), n, (int)first);
			}
	calendar_free(&c);
}

static void a_window_holds_the_days_with_fewer_elapsed_days(void **state)
{
	(void)state;
	holiday_calendar c = school_year();
	assert_int_equal(window_start(NULL, D("2025-10-31"), 28), D("2025-10-04"));
	/* Nine holiday days inside: four weeks reach back nine days further. */
	assert_int_equal(window_start(&c, D("2025-10-30"), 28), D("2025-09-24"));
	/* A holiday just before the four weeks belongs to the window. */
	assert_int_equal(window_start(&c, D("2025-11-23"), 28), D("2025-10-18"));
	assert_int_equal(window_start(&c, D("2025-11-24"), 28), D("2025-10-28"));
	for (day_t d = D("2025-08-01"); d <= D("2026-02-15"); d++)
		for (int32_t n = 1; n <= 84; n += n < 28 ? 27 : 28) {
			day_t s = d;
			while (elapsed_days(&c, s - 1, d) < n)
				s--;
			if (window_start(&c, d, n) != s)
				fail_msg("window_start(%d, %d) = %d, counted %d", (int)d, (int)n,
					 (int)window_start(&c, d, n), (int)s);
		}
	calendar_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(weekends_are_not_school_days),
		cmocka_unit_test(holidays_are_not_school_days),
		cmocka_unit_test(elapsed_days_skip_holidays),
		cmocka_unit_test(the_lookup_agrees_with_counting),
		cmocka_unit_test(a_term_is_reached_on_the_first_day_with_enough_elapsed_days),
		cmocka_unit_test(school_days_are_counted),
		cmocka_unit_test(a_window_holds_the_days_with_fewer_elapsed_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
