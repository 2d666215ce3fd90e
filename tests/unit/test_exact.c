/* Exact sums of fractions (src/core/exact.c): comparisons and rounding half up
 * on the exact value, in 128-bit form and after it overflows to naturals of
 * any size, where floating point would answer wrongly. */
#include "helpers.h"

#include "../../src/core/exact.h"

/* Large primes below 2^64: every pair of them overflows a 64-bit denominator. */
#define P61 2305843009213693951ULL  /* 2^61 - 1 */
#define P62 4611686018427387847ULL  /* 2^62 - 57 */
#define P63 9223372036854775783ULL  /* 2^63 - 25 */
#define P64 18446744073709551557ULL /* 2^64 - 59 */

static void thirds_add_up_to_one(void **state)
{
	(void)state;
	frac_sum s;
	frac_init(&s);
	assert_int_equal(frac_cmp(&s, 0, 1), 0);
	for (int i = 0; i < 3; i++)
		frac_add(&s, 1, 3);
	assert_int_equal(frac_cmp(&s, 1, 1), 0);
	assert_int_equal(frac_cmp(&s, 2, 3), 1);
	assert_int_equal(frac_cmp(&s, 4, 3), -1);
	assert_false(s.big);
	frac_add(&s, 7, 4); /* 11/4 */
	assert_int_equal(frac_round(&s, 1, 1), 3);  /* 2.75 */
	assert_int_equal(frac_round(&s, 2, 11), 1); /* 0.5 exactly: up */
	assert_int_equal(frac_round(&s, 1, 11), 0); /* 0.25 */
	frac_free(&s);
}

static void rounding_half_up(void **state)
{
	(void)state;
	/* 20 hours of 330 as hundredths of a percent: 606.06 -> 606. */
	frac_sum s;
	frac_init(&s);
	frac_add(&s, 2000, 1);
	assert_int_equal(frac_round(&s, 10000, 33000), 606);
	frac_free(&s);
	/* 1/2 - 1/(2 p): closer to a half than a double can tell, below it. */
	frac_init(&s);
	frac_add(&s, P61 - 1, 2 * P61);
	assert_false(s.big);
	assert_int_equal(frac_round(&s, 1, 1), 0);
	assert_int_equal(frac_cmp(&s, 1, 2), -1);
	frac_add(&s, 1, 2 * P61); /* now exactly 1/2 */
	assert_int_equal(frac_round(&s, 1, 1), 1);
	assert_int_equal(frac_cmp(&s, 1, 2), 0);
	frac_free(&s);
}

static void large_coprime_denominators_stay_exact(void **state)
{
	(void)state;
	/* (p-1)/p + 1/p for four primes, interleaved: exactly 4. */
	const uint64_t p[] = {P61, P62, P63, P64};
	frac_sum s;
	frac_init(&s);
	for (int i = 0; i < 4; i++)
		frac_add(&s, p[i] - 1, p[i]);
	assert_true(s.big);
	assert_int_equal(frac_cmp(&s, 4, 1), -1);
	assert_int_equal(frac_cmp(&s, 3, 1), 1);
	assert_int_equal(frac_round(&s, 1, 1), 4);
	for (int i = 0; i < 4; i++)
		frac_add(&s, 1, p[i]);
	assert_int_equal(frac_cmp(&s, 4, 1), 0);
	assert_int_equal(frac_round(&s, 1, 8), 1); /* 0.5: up */
	assert_int_equal(frac_round(&s, 1, 9), 0);
	frac_free(&s);
	/* 1 - 1/(2 p61), kept in big form: rounds to 1, and halved to 0. */
	frac_init(&s);
	frac_add(&s, P61 - 1, 2 * P61);
	frac_add(&s, P62 - 1, 2 * P62);
	frac_add(&s, 1, 2 * P62);
	assert_true(s.big);
	assert_int_equal(frac_round(&s, 1, 1), 1);
	assert_int_equal(frac_round(&s, 1, 2), 0);
	assert_int_equal(frac_cmp(&s, 1, 1), -1);
	frac_free(&s);
}

static void a_numerator_beyond_128_bits(void **state)
{
	(void)state;
	/* (2^64-1)/3 + (2^64-1)/p62 + 16 (2^64-1): its numerator over p62
	 * passes 2^128. */
	frac_sum s;
	frac_init(&s);
	frac_add(&s, UINT64_MAX, 3);
	frac_add(&s, UINT64_MAX, P62);
	assert_false(s.big);
	for (int i = 0; i < 16; i++)
		frac_add(&s, UINT64_MAX, 1);
	assert_true(s.big);
	/* = 301296819870589343049 + 227/p62 (checked with Python's fractions). */
	assert_int_equal(frac_round(&s, 1, 1000000000000000000ULL), 301);
	assert_int_equal(frac_cmp(&s, UINT64_MAX, 1), 1);
	assert_int_equal(frac_round(&s, 1, 64), 4707762810477958485ULL);
	assert_int_equal(frac_round(&s, 1, 1), UINT64_MAX); /* does not fit */
	frac_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(thirds_add_up_to_one),
		cmocka_unit_test(rounding_half_up),
		cmocka_unit_test(large_coprime_denominators_stay_exact),
		cmocka_unit_test(a_numerator_beyond_128_bits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
