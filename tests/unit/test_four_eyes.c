/* Accounts under four eyes (src/core/four_eyes.c): which accounts and
 * changes need a second beheerder, who may be it, and the one-time codes. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/four_eyes.h"

static scope parsed(role r, const char *text)
{
	scope s;
	strbuf err = STRBUF_INIT;
	assert_int_equal(scope_parse(r, text, &s, &err), 0);
	sb_free(&err);
	return s;
}

static void who_needs_four_eyes(void **state)
{
	(void)state;
	assert_true(account_needs_four_eyes(ROLE_SCHOOL));
	assert_true(account_needs_four_eyes(ROLE_LEERPLICHT));
	assert_true(account_needs_four_eyes(ROLE_SWV));
	assert_true(account_needs_four_eyes(ROLE_BEHEERDER)); /* break-glass */
	assert_false(account_needs_four_eyes(ROLE_ANALIST));  /* aggregates only */
}

static void what_widens(void **state)
{
	(void)state;
	scope one = parsed(ROLE_LEERPLICHT, "GM0344"), two = parsed(ROLE_LEERPLICHT, "GM0344,GM0310"),
	      other = parsed(ROLE_LEERPLICHT, "GM0310"), all = parsed(ROLE_BEHEERDER, "*");
	account_terms a = {ROLE_LEERPLICHT, &one, 7, true}, b = a;
	assert_false(account_change_widens(&a, &b)); /* nothing */
	b.sc = &two;
	assert_true(account_change_widens(&a, &b)); /* a code added */
	assert_false(account_change_widens(&b, &a)); /* a code taken away */
	b.sc = &other;
	assert_true(account_change_widens(&a, &b)); /* one code for another */
	b = a;
	b.rol = ROLE_ANALIST;
	assert_true(account_change_widens(&a, &b)); /* another role, even one that sees less */
	b = a;
	b.organisatie_id = 8;
	assert_true(account_change_widens(&a, &b));
	b = a;
	b.actief = false;
	assert_false(account_change_widens(&a, &b)); /* deactivation */
	assert_true(account_change_widens(&b, &a));  /* reactivation */
	account_terms x = {ROLE_BEHEERDER, &all, 1, true}, y = x;
	assert_false(account_change_widens(&x, &y));
	scope_free(&one);
	scope_free(&two);
	scope_free(&other);
	scope_free(&all);
}

static void who_confirms(void **state)
{
	(void)state;
	strbuf why = STRBUF_INIT;
	assert_true(account_may_confirm(1, 5, 2, &why));
	assert_false(account_may_confirm(1, 5, 1, &why));
	assert_non_null(strstr(sb_str(&why), "zelf aan"));
	sb_reset(&why);
	assert_false(account_may_confirm(1, 2, 2, &why));
	assert_non_null(strstr(sb_str(&why), "eigen account"));
	sb_free(&why);
}

static void codes(void **state)
{
	(void)state;
	unsigned char random[CODE_HALF] = {0, 1, 31, 32, 255, 8, 9, 23, 24, 30};
	char shown[CODE_SHOWN];
	code_half_format(random, shown);
	assert_string_equal(shown, "AB9A9-JKZ28"); /* 32 -> A, 255 -> 9: byte mod 32 */
	char out[2][CODE_HALF + 1];
	assert_true(code_parse(" ab9a9-jkz28 ", 1, out));
	assert_string_equal(out[0], "AB9A9JKZ28");
	assert_true(code_parse("AB9A9-JKZ28 CDEFG-HJKLM", 2, out));
	assert_string_equal(out[1], "CDEFGHJKLM");
	assert_false(code_parse("AB9A9-JKZ28", 2, out)); /* one half where two are asked */
	assert_false(code_parse("AB9A9-JKZ2", 1, out));
	assert_false(code_parse("AB9A9-JKZ280", 1, out));
	assert_false(code_parse("AB9A9-JKZ2O", 1, out)); /* O and 0, I and 1 are not in the alphabet */
	assert_false(code_parse("AB9A9-JKZ21", 1, out));
	assert_false(code_parse("", 1, out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(who_needs_four_eyes),
		cmocka_unit_test(what_widens),
		cmocka_unit_test(who_confirms),
		cmocka_unit_test(codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
