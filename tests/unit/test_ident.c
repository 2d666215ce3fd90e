/* Dutch identifiers and codes. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/ident.h"

#define S(x) x, strlen(x)

static void bsn_elfproef(void **state)
{
	(void)state;
	assert_true(bsn_valid(S("111222333")));
	assert_true(bsn_valid(S("123456782")));
	assert_true(bsn_valid(S("999996356")));
	assert_false(bsn_valid(S("123456789")));  /* weighted sum is 4 mod 11 */
	assert_false(bsn_valid(S("111222334")));
	assert_false(bsn_valid(S("12345678")));   /* 8 digits */
	assert_false(bsn_valid(S("1234567820"))); /* 10 digits */
	assert_false(bsn_valid(S("12345678a")));
	assert_false(bsn_valid(S("000000000"))); /* passes the sum, is no number */
	assert_false(bsn_valid(S("")));
}

static void onderwijsnummer_check(void **state)
{
	(void)state;
	assert_true(onderwijsnummer_valid(S("101222331")));
	assert_false(onderwijsnummer_valid(S("100252333"))); /* wrong check */
	assert_false(onderwijsnummer_valid(S("211222337"))); /* must start with 10 */
	assert_false(onderwijsnummer_valid(S("1012223310")));
	assert_false(onderwijsnummer_valid(S("111222333"))); /* a BSN is not an onderwijsnummer */
}

static void school_codes(void **state)
{
	(void)state;
	assert_true(brin_valid(S("12AB")));
	assert_true(brin_valid(S("00AH")));
	assert_false(brin_valid(S("12ab")));
	assert_false(brin_valid(S("1AB2")));
	assert_false(brin_valid(S("12ABC")));
	assert_true(vestiging_valid(S("00")));
	assert_true(vestiging_valid(S("07")));
	assert_false(vestiging_valid(S("7")));
	assert_false(vestiging_valid(S("0A")));
	assert_true(school_key("12AB", "00") != school_key("12AB", "01"));
	assert_true(school_key("12AB", "99") < school_key("12AC", "00"));
}

static void area_codes(void **state)
{
	(void)state;
	int n, s;
	assert_true(gemeentecode_parse(S("GM0363"), &n));
	assert_int_equal(n, 363);
	assert_false(gemeentecode_parse(S("GM363"), &n));
	assert_false(gemeentecode_parse(S("gm0363"), &n));
	assert_false(gemeentecode_parse(S("0363"), &n));
	assert_true(swvcode_parse(S("PO2701"), &s, &n));
	assert_int_equal(s, 0);
	assert_int_equal(n, 2701);
	assert_true(swvcode_parse(S("VO2708"), &s, &n));
	assert_int_equal(s, 1);
	assert_false(swvcode_parse(S("MO2701"), &s, &n));
	assert_false(swvcode_parse(S("PO27-01"), &s, &n));
	assert_false(swvcode_parse(S("Europoort"), &s, &n));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bsn_elfproef),
		cmocka_unit_test(onderwijsnummer_check),
		cmocka_unit_test(school_codes),
		cmocka_unit_test(area_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
