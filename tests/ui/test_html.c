/*
 * test_html.c - the escaping helpers of the web interface (src/web/html.c):
 * every context escapes what could end it, and CSV cells cannot become
 * formulas in a spreadsheet.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/web/html.h"

#define CHECK(call, want)                                                                            \
	do {                                                                                          \
		strbuf sb = STRBUF_INIT;                                                             \
		call;                                                                                 \
		assert_string_equal(sb_str(&sb), want);                                               \
		sb_free(&sb);                                                                         \
	} while (0)

static void text_escapes_markup(void **state)
{
	(void)state;
	CHECK(html_text(&sb, "<script>alert('x')</script> & \"y\""),
	      "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;");
	CHECK(html_text(&sb, "de Graaf"), "de Graaf");
	CHECK(html_text(&sb, NULL), "");
	CHECK(html_text(&sb, "Zoë én Ünal"), "Zoë én Ünal"); /* UTF-8 passes */
	CHECK(html_text_n(&sb, "a<b", 2), "a&lt;");
}

static void attribute_cannot_be_left(void **state)
{
	(void)state;
	CHECK(html_attr(&sb, "\" onmouseover=\"alert(1)"), "&quot; onmouseover=&quot;alert(1)");
	CHECK(html_attr(&sb, "' x='1"), "&#39; x=&#39;1");
	CHECK(html_attrf(&sb, "%s-%d", "a\"b", 7), "a&quot;b-7");
}

static void url_contexts(void **state)
{
	(void)state;
	CHECK(html_url_path(&sb, "U01/../a b?c#d&e"), "U01/../a%20b%3Fc%23d%26e");
	CHECK(html_url_arg(&sb, "a/b c&d=e\"<"), "a%2Fb%20c%26d%3De%22%3C");
	CHECK(html_url_arg(&sb, "2026-11-01"), "2026-11-01");
	CHECK(html_url_arg(&sb, "javascript:alert(1)"), "javascript%3Aalert%281%29");
	CHECK(html_url_arg(&sb, "é"), "%C3%A9");
}

static void formatted(void **state)
{
	(void)state;
	CHECK(html_textf(&sb, "%d <b>%s</b>", 3, "x&y"), "3 &lt;b&gt;x&amp;y&lt;/b&gt;");
	CHECK(html_markupf(&sb, "<rect x=\"%d\" width=\"%zu\"/>%%", -4, (size_t)12), "<rect x=\"-4\" width=\"12\"/>%");
	CHECK(html_lit(&sb, "<p>"), "<p>");
}


static void csv_formula_injection(void **state)
{
	(void)state;
	CHECK(csv_cell(&sb, "=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
	CHECK(csv_cell(&sb, "+31"), "\"'+31\"");
	CHECK(csv_cell(&sb, "-2"), "\"'-2\"");
	CHECK(csv_cell(&sb, "@SUM(A1)"), "\"'@SUM(A1)\"");
	CHECK(csv_cell(&sb, "\tx"), "\"'\tx\"");
	CHECK(csv_cell(&sb, "\rx"), "\"'\rx\"");
	CHECK(csv_cell(&sb, "Den Haag, centrum"), "\"Den Haag, centrum\"");
	CHECK(csv_cell(&sb, "a\"b"), "\"a\"\"b\"");
	CHECK(csv_cell(&sb, "453.13"), "453.13");
	CHECK(csv_cell(&sb, "<5"), "<5");
	CHECK(csv_cell(&sb, ""), "");
	CHECK(csv_cell(&sb, NULL), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_escapes_markup), cmocka_unit_test(attribute_cannot_be_left),
		cmocka_unit_test(url_contexts),	       cmocka_unit_test(formatted),
		cmocka_unit_test(csv_formula_injection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
