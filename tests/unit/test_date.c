/* Civil dates: parsing, formatting, weekdays, month arithmetic. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/date.h"

static void parse_accepts_real_dates(void **state)
{
	(void)state;
	day_t d;
	assert_int_equal(date_parse("1970-01-01", 10, &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(date_parse("2024-02-29", 10, &d), 0); /* leap year */
	assert_int_equal(date_parse("2000-02-29", 10, &d), 0); /* divisible by 400 */
	assert_int_equal(date_parse("2025-12-31", 10, &d), 0);
}

static void parse_refuses_what_is_not_a_date(void **state)
{
	(void)state;
	const char *bad[] = {"2025-02-29", "1900-02-29", "2100-02-29", "2025-04-31", "2025-13-01", "2025-00-10",
			     "2025-01-00", "2025-1-01",	 "25-01-01",	"2025/01/01", " 2025-01-01", "2025-01-01 ",
			     "20250101",   "",		 "abcd-ef-gh",	"1799-12-31", "3000-01-01"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		day_t d;
		if (date_parse(bad[i], strlen(bad[i]), &d) == 0)
			fail_msg("accepted '%s'", bad[i]);
	}
}

static void format_round_trips_every_day(void **state)
{
	(void)state;
	day_t from = D("1899-12-25"), to = D("2101-01-05");
	char buf[DATE_TEXT];
	int prev_day = civil_from_day(from).day - 1;
	for (day_t d = from; d <= to; d++) {
		date_format(d, buf);
		day_t back;
		assert_int_equal(date_parse(buf, strlen(buf), &back), 0);
		assert_int_equal(back, d);
		civil c = civil_from_day(d);
		assert_true(c.day == prev_day + 1 || c.day == 1);
		prev_day = c.day;
	}
	date_format(DAY_OPEN, buf);
	assert_string_equal(buf, "");
	date_format(DAY_NONE, buf);
	assert_string_equal(buf, "");
}

static void weekdays(void **state)
{
	(void)state;
	assert_int_equal(weekday(D("2025-11-01")), 6); /* Saturday */
	assert_int_equal(weekday(D("2025-11-02")), 7);
	assert_int_equal(weekday(D("2025-11-03")), 1);
	assert_int_equal(weekday(D("1970-01-01")), 4);
	assert_int_equal(weekday(D("1969-12-29")), 1);
	assert_int_equal(weekday(D("2024-02-29")), 4);
	assert_true(is_weekend(D("2025-09-06")));
	assert_false(is_weekend(D("2025-09-05")));
}

static void month_lengths(void **state)
{
	(void)state;
	assert_int_equal(days_in_month(2024, 2), 29);
	assert_int_equal(days_in_month(2025, 2), 28);
	assert_int_equal(days_in_month(1900, 2), 28);
	assert_int_equal(days_in_month(2000, 2), 29);
	assert_int_equal(days_in_month(2025, 4), 30);
	assert_int_equal(days_in_month(2025, 12), 31);
}

static void adding_months_clamps_to_month_end(void **state)
{
	(void)state;
	assert_int_equal(add_months(D("2025-11-30"), 3), D("2026-02-28")); /* SPEC 4 rule 5 */
	assert_int_equal(add_months(D("2023-11-30"), 3), D("2024-02-29"));
	assert_int_equal(add_months(D("2024-01-31"), 1), D("2024-02-29"));
	assert_int_equal(add_months(D("2025-01-31"), 1), D("2025-02-28"));
	assert_int_equal(add_months(D("2025-03-31"), 1), D("2025-04-30"));
	assert_int_equal(add_months(D("2024-02-29"), 12), D("2025-02-28"));
	assert_int_equal(add_months(D("2025-10-15"), 3), D("2026-01-15")); /* year roll */
	assert_int_equal(add_months(D("2025-12-31"), 2), D("2026-02-28"));
	assert_int_equal(add_months(D("2025-08-01"), 3), D("2025-11-01"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_accepts_real_dates),
		cmocka_unit_test(parse_refuses_what_is_not_a_date),
		cmocka_unit_test(format_round_trips_every_day),
		cmocka_unit_test(weekdays),
		cmocka_unit_test(month_lengths),
		cmocka_unit_test(adding_months_clamps_to_month_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
