/* Leerplicht and kwalificatieplicht periods (SPEC 4.1), 29 February included. */
#include "helpers.h"

#include "../../src/core/leerplicht.h"

static void leerplicht_starts_the_month_after_the_fifth_birthday(void **state)
{
	(void)state;
	assert_int_equal(leerplicht_start(D("2020-03-15")), D("2025-04-01")); /* SPEC example */
	assert_int_equal(leerplicht_start(D("2020-03-01")), D("2025-04-01")); /* SPEC example */
	assert_int_equal(leerplicht_start(D("2020-03-31")), D("2025-04-01"));
	assert_int_equal(leerplicht_start(D("2019-12-31")), D("2025-01-01")); /* year roll */
	assert_int_equal(leerplicht_start(D("2020-01-31")), D("2025-02-01"));
	assert_int_equal(leerplicht_start(D("2020-02-28")), D("2025-03-01"));
}

static void born_on_29_february(void **state)
{
	(void)state;
	/* 2025 has no 29 February: the fifth birthday is 1 March, so leerplicht
	 * starts 1 April, not 1 March. */
	assert_int_equal(birthday_in_year(D("2020-02-29"), 2025), D("2025-03-01"));
	assert_int_equal(leerplicht_start(D("2020-02-29")), D("2025-04-01"));
	/* Year + 5 is never a leap year, so this always moves to 1 April. */
	assert_int_equal(leerplicht_start(D("2016-02-29")), D("2021-04-01"));
	/* The day before the 1 April start is not yet leerplichtig. */
	assert_true(D("2025-03-31") < leerplicht_start(D("2020-02-29")));
	/* 18th birthday of someone born 2008-02-29 is 2026-03-01. */
	assert_int_equal(kwalificatieplicht_end(D("2008-02-29"), DAY_NONE), D("2026-02-28"));
	assert_int_equal(age_on(D("2012-02-29"), D("2025-02-28")), 12);
	assert_int_equal(age_on(D("2012-02-29"), D("2025-03-01")), 13);
	assert_int_equal(age_on(D("2012-02-29"), D("2024-02-29")), 12);
	assert_int_equal(age_on(D("2012-02-29"), D("2024-02-28")), 11);
}

static void kwalificatieplicht_ends_before_18_or_startkwalificatie(void **state)
{
	(void)state;
	assert_int_equal(kwalificatieplicht_end(D("2007-11-02"), DAY_NONE), D("2025-11-01"));
	assert_int_equal(kwalificatieplicht_end(D("2007-11-02"), D("2025-06-30")), D("2025-06-29"));
	/* A startkwalificatie after the 18th birthday changes nothing. */
	assert_int_equal(kwalificatieplicht_end(D("2007-11-02"), D("2026-06-30")), D("2025-11-01"));
	assert_int_equal(kwalificatieplicht_end(D("2008-01-01"), DAY_NONE), D("2025-12-31"));
}

static void ages(void **state)
{
	(void)state;
	assert_int_equal(age_on(D("2013-11-01"), D("2025-11-01")), 12);
	assert_int_equal(age_on(D("2013-11-02"), D("2025-11-01")), 11);
	assert_int_equal(age_on(D("2013-11-01"), D("2025-10-31")), 11);
}

static void full_leerplicht_ends_with_the_schooljaar_of_the_16th_birthday(void **state)
{
	(void)state;
	assert_int_equal(leerplicht_full_end(D("2010-03-20")), D("2026-07-31"));
	assert_int_equal(leerplicht_full_end(D("2010-09-20")), D("2027-07-31"));
	assert_int_equal(leerplicht_full_end(D("2010-07-31")), D("2026-07-31"));
	assert_int_equal(leerplicht_full_end(D("2010-08-01")), D("2027-07-31"));
	assert_int_equal(schooljaar_start(D("2025-11-01")), D("2025-08-01"));
	assert_int_equal(schooljaar_start(D("2026-07-31")), D("2025-08-01"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(leerplicht_starts_the_month_after_the_fifth_birthday),
		cmocka_unit_test(born_on_29_february),
		cmocka_unit_test(kwalificatieplicht_ends_before_18_or_startkwalificatie),
		cmocka_unit_test(ages),
		cmocka_unit_test(full_leerplicht_ends_with_the_schooljaar_of_the_16th_birthday),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
