/* Values written the Dutch way for people (src/core/nl_format.h): dates,
 * thousands, decimal commas, days. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/nl_format.h"

static void dates_are_day_month_year(void **state)
{
	(void)state;
	char t[DATE_TEXT];
	nl_date(D("2028-02-29"), t);
	assert_string_equal(t, "29-02-2028");
	nl_date(D("2021-02-16"), t);
	assert_string_equal(t, "16-02-2021");
	nl_date(D("1999-12-01"), t);
	assert_string_equal(t, "01-12-1999");
	nl_date(DAY_NONE, t);
	assert_string_equal(t, "");
	nl_date(DAY_OPEN, t);
	assert_string_equal(t, "");
}

static void thousands_with_a_dot(void **state)
{
	(void)state;
	char t[NL_NUMBER_TEXT];
	const struct {
		int64_t v;
		const char *want;
	} cases[] = {{0, "0"},		  {5, "5"},	      {999, "999"},	      {1000, "1.000"},
		     {1234, "1.234"},	  {-1234, "-1.234"},  {123456, "123.456"},   {1234567, "1.234.567"},
		     {INT64_MAX, "9.223.372.036.854.775.807"}, {INT64_MIN, "-9.223.372.036.854.775.808"}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		nl_int(cases[i].v, t);
		assert_string_equal(t, cases[i].want);
	}
}

static void decimals_with_a_comma(void **state)
{
	(void)state;
	char t[NL_NUMBER_TEXT];
	const char *cases[][2] = {{"0.5", "0,5"},	   {"453.13", "453,13"}, {"1234.5", "1.234,5"}, {"1234", "1.234"},
				  {"-0.5", "-0,5"},	   {"-2.25", "-2,25"},	 {"<5", "<5"},		{"x", "x"},
				  {"", ""},		   {"1.2.3", "1.2.3"},	 {"12a", "12a"}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		nl_number(cases[i][0], t);
		assert_string_equal(t, cases[i][1]);
	}
}

static void recording_times(void **state)
{
	(void)state;
	char t[NL_STAMP_TEXT];
	nl_timestamp("2026-12-01T18:22:03", t);
	assert_string_equal(t, "01-12-2026 18:22");
	nl_timestamp("2028-02-29T07:05", t);
	assert_string_equal(t, "29-02-2028 07:05");
	nl_timestamp("2025-02-29T07:05:00", t); /* no such day: as it is */
	assert_string_equal(t, "2025-02-29T07:05:00");
	nl_timestamp("", t);
	assert_string_equal(t, "");
}

static void one_dag_two_dagen(void **state)
{
	(void)state;
	char t[NL_NUMBER_TEXT];
	nl_days(1, t);
	assert_string_equal(t, "1 dag");
	nl_days(2, t);
	assert_string_equal(t, "2 dagen");
	nl_days(0, t);
	assert_string_equal(t, "0 dagen");
	nl_days(1234, t);
	assert_string_equal(t, "1.234 dagen");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_are_day_month_year),
		cmocka_unit_test(thousands_with_a_dot),
		cmocka_unit_test(decimals_with_a_comma),
		cmocka_unit_test(recording_times),
		cmocka_unit_test(one_dag_two_dagen),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
