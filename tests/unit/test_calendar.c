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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(weekends_are_not_school_days),
		cmocka_unit_test(holidays_are_not_school_days),
		cmocka_unit_test(elapsed_days_skip_holidays),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
