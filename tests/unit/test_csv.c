/* The CSV reader (src/io/csv.c) against RFC 4180 and the limits of csv.h:
 * quoting, line ends, the byte order mark, empty fields, the field and
 * record limits, read errors, and the same answers from a file as from
 * memory. The dataset reader's view of a malformed row (a trailing comma,
 * invalid UTF-8) is at the end. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/io/csv.h"
#include "../../src/io/dataset_dir.h"
#include "../../src/util/strbuf.h"

/* Every record as "line:field|field|..." on a line of its own, then
 * "EOF", or "FOUT <message>" when the reader stopped on an error. An empty
 * field shows as nothing between the bars. */
static void drain(csv_reader *r, strbuf *out)
{
	const field *f;
	size_t n;
	uint32_t line;
	csv_status st;
	while ((st = csv_next(r, &f, &n, &line)) == CSV_RECORD) {
		sb_printf(out, "%u:", line);
		for (size_t i = 0; i < n; i++) {
			if (i)
				sb_putc(out, '|');
			sb_append(out, f[i].p, f[i].len);
		}
		sb_putc(out, '\n');
	}
	if (st == CSV_EOF)
		sb_puts(out, "EOF");
	else
		sb_printf(out, "FOUT %s", csv_error(r));
	/* The end is sticky: asking again gives the same answer. */
	assert_int_equal(csv_next(r, &f, &n, &line), st);
}

static char *from_memory(const char *data, size_t len)
{
	strbuf sb = STRBUF_INIT;
	csv_reader *r = csv_from_memory(data, len);
	drain(r, &sb);
	csv_close(r);
	return sb.data;
}

static char *tmp_path(void)
{
	const char *dir = getenv("TMPDIR");
	strbuf p = STRBUF_INIT;
	sb_printf(&p, "%s/inbeeld-test-csv-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(p.data);
	assert_true(fd >= 0);
	close(fd);
	return p.data;
}

static char *from_file(const char *data, size_t len)
{
	char *path = tmp_path();
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	char err[256];
	csv_reader *r = csv_open(path, err, sizeof err);
	assert_non_null(r);
	strbuf sb = STRBUF_INIT;
	drain(r, &sb);
	csv_close(r);
	unlink(path);
	free(path);
	return sb.data;
}

/* The reader gives the same records from memory and from a file; returns
 * them for comparison with what is expected. */
static void expect_records(const char *data, size_t len, const char *want)
{
	char *mem = from_memory(data, len), *file = from_file(data, len);
	assert_string_equal(mem, want);
	assert_string_equal(file, want);
	free(mem);
	free(file);
}

#define EXPECT(lit, want) expect_records(lit, sizeof lit - 1, want)

/* ---- RFC 4180 ------------------------------------------------------------ */

static void quoted_fields_may_hold_commas_quotes_and_line_breaks(void **state)
{
	(void)state;
	EXPECT("\"Jansen, Anna\",\"zei \"\"nee\"\"\",\"regel een\nregel twee\"\n",
	       "1:Jansen, Anna|zei \"nee\"|regel een\nregel twee\nEOF");
	/* A line break inside quotes may be CRLF too; it is kept as it is. */
	EXPECT("a,\"x\r\ny\"\r\nb,c\r\n", "1:a|x\r\ny\n3:b|c\nEOF");
	/* Only doubled quotes: one quote character. */
	EXPECT("\"\"\"\"\n", "1:\"\nEOF");
}

static void lf_and_crlf_end_a_line_alike(void **state)
{
	(void)state;
	EXPECT("a,b\nc,d\n", "1:a|b\n2:c|d\nEOF");
	EXPECT("a,b\r\nc,d\r\n", "1:a|b\n2:c|d\nEOF");
	EXPECT("a,b\r\nc,d\ne,f\r\n", "1:a|b\n2:c|d\n3:e|f\nEOF");
	/* After a quoted field as well. */
	EXPECT("\"a\",\"b\"\r\n", "1:a|b\nEOF");
}

static void line_numbers_count_breaks_inside_quotes_and_empty_lines(void **state)
{
	(void)state;
	EXPECT("kop\n\"twee\nregels\"\n\n\r\nlaatste\n", "1:kop\n2:twee\nregels\n6:laatste\nEOF");
}

static void a_byte_order_mark_is_skipped_only_at_the_start(void **state)
{
	(void)state;
	EXPECT("\xEF\xBB\xBF"
	       "a,b\n",
	       "1:a|b\nEOF");
	EXPECT("\xEF\xBB\xBF\"a\",b\n", "1:a|b\nEOF");
	/* Elsewhere it is data (the builder judges it). */
	EXPECT("a\n\xEF\xBB\xBF"
	       "b\n",
	       "1:a\n2:\xEF\xBB\xBF"
	       "b\nEOF");
	/* A file holding only the mark is empty. */
	EXPECT("\xEF\xBB\xBF", "EOF");
	/* Two of its three bytes are not a mark. */
	EXPECT("\xEF\xBB", "1:\xEF\xBB\nEOF");
}

static void empty_and_empty_quoted_fields_are_both_empty(void **state)
{
	(void)state;
	/* SPEC 3.1: an empty field is null, whether quoted or not. */
	const char data[] = "a,,\"\",b\n";
	csv_reader *r = csv_from_memory(data, sizeof data - 1);
	const field *f;
	size_t n;
	uint32_t line;
	assert_int_equal(csv_next(r, &f, &n, &line), CSV_RECORD);
	assert_int_equal(n, 4);
	assert_int_equal(f[1].len, 0);
	assert_int_equal(f[2].len, 0);
	assert_int_equal(f[3].len, 1);
	csv_close(r);
	/* Spaces are data, not padding. */
	EXPECT(" a , b \n", "1: a | b \nEOF");
	/* A lone empty quoted field is a record of one empty field, not an
	 * empty line. */
	EXPECT("\"\"\nx\n", "1:\n2:x\nEOF");
}

static void a_trailing_comma_adds_an_empty_field(void **state)
{
	(void)state;
	EXPECT("a,b,\n", "1:a|b|\nEOF");
	EXPECT(",\n", "1:|\nEOF");
	EXPECT("a,b,\r\n", "1:a|b|\nEOF");
	EXPECT("a,\"b\",", "1:a|b|\nEOF");
}

static void the_last_line_needs_no_line_end(void **state)
{
	(void)state;
	EXPECT("a,b\nc,d", "1:a|b\n2:c|d\nEOF");
	EXPECT("a,\"b\nc\"", "1:a|b\nc\nEOF");
	EXPECT("a,b\r", "1:a|b\nEOF");
	EXPECT("", "EOF");
}

static void bytes_pass_through_unchanged(void **state)
{
	(void)state;
	/* The reader does not judge the text: UTF-8, valid or not, and other
	 * bytes reach the builder as they are (which refuses invalid UTF-8 and
	 * control characters, see below). */
	EXPECT("\xC3\xA9\xC3\xA9n,\xFF\xFE,\"\xC3\n\"\n", "1:\xC3\xA9\xC3\xA9n|\xFF\xFE|\xC3\n\nEOF");
}

/* ---- malformed input ------------------------------------------------------- */

static void quotes_out_of_place_are_refused_with_the_line(void **state)
{
	(void)state;
	EXPECT("ok\na,b\"c\n",
	       "1:ok\nFOUT regel 2: aanhalingsteken midden in een veld (zet het hele veld tussen aanhalingstekens en "
	       "verdubbel het teken)");
	EXPECT("a,\"b\"c\n", "FOUT regel 1: tekens na een afsluitend aanhalingsteken");
	EXPECT("a,\"b\" \n", "FOUT regel 1: tekens na een afsluitend aanhalingsteken");
	/* A quote that opens mid-field and is closed on a later line. */
	EXPECT("a,b\"c\nd\"e\n",
	       "FOUT regel 1: aanhalingsteken midden in een veld (zet het hele veld tussen aanhalingstekens en "
	       "verdubbel het teken)");
}

static void an_unterminated_quote_is_refused_with_the_line_it_opened_on(void **state)
{
	(void)state;
	EXPECT("a\n\"b\nc\nd\n", "1:a\nFOUT regel 2: aanhalingsteken wordt niet afgesloten voor het einde van het bestand");
	EXPECT("a\nb,c\"d\ne\n",
	       "1:a\nFOUT regel 2: aanhalingsteken midden in een veld (zet het hele veld tussen aanhalingstekens en "
	       "verdubbel het teken)");
}

static void a_lone_cr_in_a_field_is_refused(void **state)
{
	(void)state;
	EXPECT("a,b\rc\n", "FOUT regel 1: los CR-teken in een veld");
	EXPECT("a\rb,c\r\n", "FOUT regel 1: los CR-teken in een veld");
}

/* A record of n fields "1,2,...,n", with a trailing comma when asked. */
static char *fields_line(size_t n, bool trailing)
{
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		sb_printf(&sb, "%s%zu", i ? "," : "", i + 1);
	if (trailing)
		sb_putc(&sb, ',');
	sb_putc(&sb, '\n');
	return sb.data;
}

static size_t count_fields(const char *line, csv_status *st, char *err, size_t errlen)
{
	csv_reader *r = csv_from_memory(line, strlen(line));
	const field *f;
	size_t n = 0;
	uint32_t ln;
	*st = csv_next(r, &f, &n, &ln);
	snprintf(err, errlen, "%s", *st == CSV_ERROR ? csv_error(r) : "");
	csv_close(r);
	return n;
}

static void at_most_csv_max_fields_fields(void **state)
{
	(void)state;
	char err[200];
	csv_status st;
	char *line = fields_line(CSV_MAX_FIELDS, false);
	assert_int_equal(count_fields(line, &st, err, sizeof err), CSV_MAX_FIELDS);
	assert_int_equal(st, CSV_RECORD);
	free(line);
	/* 255 fields and a trailing comma are 256 fields: allowed. */
	line = fields_line(CSV_MAX_FIELDS - 1, true);
	assert_int_equal(count_fields(line, &st, err, sizeof err), CSV_MAX_FIELDS);
	assert_int_equal(st, CSV_RECORD);
	free(line);
	line = fields_line(CSV_MAX_FIELDS + 1, false);
	count_fields(line, &st, err, sizeof err);
	assert_int_equal(st, CSV_ERROR);
	assert_string_equal(err, "regel 1: te veel velden");
	free(line);
	/* Issue 11: 256 fields and a trailing comma are 257 fields (RFC 4180:
	 * the comma separates an empty last field) and over the limit. */
	line = fields_line(CSV_MAX_FIELDS, true);
	count_fields(line, &st, err, sizeof err);
	assert_int_equal(st, CSV_ERROR);
	assert_string_equal(err, "regel 1: te veel velden");
	free(line);
}

/* A data line of exactly len bytes before its line end. */
static void long_line(strbuf *sb, size_t len, const char *end)
{
	for (size_t i = 0; i < len; i++)
		sb_putc(sb, (char)('a' + i % 26));
	sb_puts(sb, end);
}

static void records_longer_than_csv_max_record_are_refused(void **state)
{
	(void)state;
	/* Exactly at the limit, from memory and from a file, with LF, with CRLF
	 * and without a line end; the record after it is read as well. */
	const char *ends[] = {"\n", "\r\n", ""};
	for (size_t k = 0; k < 3; k++) {
		strbuf sb = STRBUF_INIT;
		long_line(&sb, CSV_MAX_RECORD, ends[k]);
		if (*ends[k])
			sb_puts(&sb, "na,de,lange\n");
		char *mem = from_memory(sb.data, sb.len), *file = from_file(sb.data, sb.len);
		assert_string_equal(mem, file);
		assert_int_equal(strlen(mem), 2 + CSV_MAX_RECORD + 1 + (*ends[k] ? strlen("2:na|de|lange\n") : 0) + 3);
		assert_memory_equal(mem, "1:abcdef", 8);
		free(mem);
		free(file);
		sb_free(&sb);
	}
	/* One byte more is refused, however the line ends and wherever it lies in
	 * the reader's buffer. */
	for (size_t k = 0; k < 3; k++) {
		for (size_t before = 0; before <= 700000; before += 350000) {
			strbuf sb = STRBUF_INIT;
			if (before)
				long_line(&sb, before, "\n");
			long_line(&sb, CSV_MAX_RECORD + 1, ends[k]);
			sb_puts(&sb, "niet,meer,gelezen\n");
			char *mem = from_memory(sb.data, sb.len), *file = from_file(sb.data, sb.len);
			assert_string_equal(mem, file);
			const char *err = strstr(mem, "FOUT regel ");
			assert_non_null(err);
			assert_string_equal(err + strlen("FOUT regel "), before ? "2: regel langer dan 1 MiB (of een "
										 "aanhalingsteken dat niet wordt afgesloten)"
										: "1: regel langer dan 1 MiB (of een "
										  "aanhalingsteken dat niet wordt afgesloten)");
			free(mem);
			free(file);
			sb_free(&sb);
		}
	}
}

static void long_records_across_the_read_buffer_are_whole(void **state)
{
	(void)state;
	/* Records that straddle the reader's 1 MiB chunks come out whole and in
	 * order, with a quoted line break in the one that straddles. */
	strbuf sb = STRBUF_INIT, want = STRBUF_INIT;
	for (int i = 0; i < 5; i++) {
		size_t len = 300000 + (size_t)i * 111111;
		sb_printf(&sb, "%d,\"", i);
		sb_printf(&want, "%d:%d|", 1 + i * 2, i);
		for (size_t k = 0; k < len; k++) {
			char c = k == len / 2 ? '\n' : (char)('a' + (k + (size_t)i) % 26);
			sb_putc(&sb, c);
			sb_putc(&want, c);
		}
		sb_puts(&sb, "\",x\r\n");
		sb_puts(&want, "|x\n");
	}
	sb_puts(&want, "EOF");
	expect_records(sb.data, sb.len, sb_str(&want));
	sb_free(&sb);
	sb_free(&want);
}

static void an_unterminated_quote_in_a_large_file_stops_at_the_record_limit(void **state)
{
	(void)state;
	strbuf sb = STRBUF_INIT;
	sb_puts(&sb, "kop\n\"open");
	for (int i = 0; i < 30000; i++)
		sb_puts(&sb, "een regel zonder afsluitend aanhalingsteken\n");
	char *mem = from_memory(sb.data, sb.len), *file = from_file(sb.data, sb.len);
	assert_string_equal(mem, "1:kop\nFOUT regel 2: regel langer dan 1 MiB (of een aanhalingsteken dat niet wordt "
				 "afgesloten)");
	assert_string_equal(file, mem);
	free(mem);
	free(file);
	sb_free(&sb);
}

static void a_read_error_is_an_error_not_the_end_of_the_file(void **state)
{
	(void)state;
	/* A directory opens but cannot be read: that must not look like an
	 * empty (or shortened) file. */
	char err[256];
	const char *dir = getenv("TMPDIR");
	csv_reader *r = csv_open(dir && *dir ? dir : "/tmp", err, sizeof err);
	assert_non_null(r);
	const field *f;
	size_t n;
	uint32_t line;
	assert_int_equal(csv_next(r, &f, &n, &line), CSV_ERROR);
	assert_non_null(strstr(csv_error(r), "kan niet verder lezen"));
	csv_close(r);
	/* A missing file is refused at opening, with its name. */
	assert_null(csv_open("/nonexistent/inbeeld/x.csv", err, sizeof err));
	assert_non_null(strstr(err, "kan /nonexistent/inbeeld/x.csv niet openen"));
}

static void offset_counts_every_byte_read(void **state)
{
	(void)state;
	const char data[] = "\xEF\xBB\xBF"
			    "a,b\r\n\nc,\"d\ne\"\n";
	csv_reader *r = csv_from_memory(data, sizeof data - 1);
	const field *f;
	size_t n;
	uint32_t line;
	assert_int_equal(csv_offset(r), 0);
	assert_int_equal(csv_next(r, &f, &n, &line), CSV_RECORD);
	assert_int_equal(csv_offset(r), 3 + 5);
	assert_int_equal(csv_next(r, &f, &n, &line), CSV_RECORD);
	assert_int_equal(csv_offset(r), sizeof data - 1);
	assert_int_equal(csv_next(r, &f, &n, &line), CSV_EOF);
	csv_close(r);
}

/* ---- what the dataset reader makes of it ---------------------------------- */

static void a_row_with_a_trailing_comma_has_one_field_too_many(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P,,,2012-03-10,,,\n", .woonadressen = "P,GM0001,2012-03-10,,0,\n"};
	builder *b = NULL;
	assert_null(fixture_build(&f, &b));
	char buf[256];
	/* The first error: the count of fields, on the row's own line. */
	assert_string_equal(first_error(b, buf, sizeof buf), "woonadressen.csv, regel 2: verwacht 5 velden, gevonden 6");
	builder_free(b);
}

static void invalid_utf8_is_refused_by_the_builder_with_line_and_column(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P,,,2012-03-10,Ann\xE9,Jansen,\n"};
	builder *b = NULL;
	assert_null(fixture_build(&f, &b));
	char buf[256];
	assert_string_equal(first_error(b, buf, sizeof buf),
			    "leerlingen.csv, regel 2, kolom voornaam: waarde is geen geldige UTF-8");
	builder_free(b);
}

/* ---- moved from test_facts.c --------------------------------------------- */

static void csv_reader_handles_rfc_4180(void **state)
{
	(void)state;
	const char data[] = "\xEF\xBB\xBF"
			    "a,b,c\r\n"
			    "1,\"x, y\",\"line\nbreak\"\r\n"
			    "\r\n"
			    "\"\"\"q\"\"\",,\n"
			    "last,row,no-newline";
	csv_reader *r = csv_from_memory(data, sizeof data - 1);
	const field *f;
	size_t n;
	uint32_t line;
	assert_int_equal(csv_next(r, &f, &n, &line), CSV_RECORD);
	assert_int_equal(n, 3);
	assert_int_equal(line, 1);
	assert_memory_equal(f[0].p, "a", 1); /* the BOM is gone */
	assert_int_equal(csv_next(r, &f, &n, &line), CSV_RECORD);
	assert_int_equal(line, 2);
	assert_int_equal(f[1].len, 4);
	assert_memory_equal(f[1].p, "x, y", 4);
	assert_int_equal(f[2].len, 10);
	assert_memory_equal(f[2].p, "line\nbreak", 10);
	assert_int_equal(csv_next(r, &f, &n, &line), CSV_RECORD); /* empty line skipped */
	assert_int_equal(line, 5);
	assert_int_equal(n, 3);
	assert_int_equal(f[0].len, 3);
	assert_memory_equal(f[0].p, "\"q\"", 3);
	assert_int_equal(f[1].len, 0);
	assert_int_equal(f[2].len, 0);
	assert_int_equal(csv_next(r, &f, &n, &line), CSV_RECORD);
	assert_int_equal(line, 6);
	assert_int_equal(f[2].len, 10);
	assert_int_equal(csv_next(r, &f, &n, &line), CSV_EOF);
	csv_close(r);
}

static void csv_reader_refuses_malformed_input(void **state)
{
	(void)state;
	const char *bad[] = {"a,\"b\"c\n", "a,b\"c\n", "a,\"unterminated\n", "a,b\rc\n"};
	for (size_t i = 0; i < 4; i++) {
		csv_reader *r = csv_from_memory(bad[i], strlen(bad[i]));
		const field *f;
		size_t n;
		uint32_t line;
		assert_int_equal(csv_next(r, &f, &n, &line), CSV_ERROR);
		assert_true(strstr(csv_error(r), "regel 1") != NULL);
		csv_close(r);
	}
}

/* A Dutch spreadsheet's CSV (issue 15): semicolons between the fields, told
 * from the header line (after a byte order mark, outside quotes). */
static void semicolons_separate_when_the_header_line_says_so(void **state)
{
	(void)state;
	static const char DUTCH[] = "\xEF\xBB\xBF" "bsn;naam;\"plaats, land\"\r\n999999990;\"Nergens, Nina\";Utrecht,NL\r\n";
	assert_int_equal(csv_guess_separator(DUTCH, sizeof DUTCH - 1), ';');
	assert_int_equal(csv_guess_separator("a,b;c,d\nx;y;z;w;v\n", 18), ',');   /* the first line only */
	assert_int_equal(csv_guess_separator("\"a;b;c\",d\n", 10), ',');         /* not inside quotes */
	assert_int_equal(csv_guess_separator("", 0), ',');
	csv_reader *r = csv_from_memory(DUTCH, sizeof DUTCH - 1);
	csv_set_separator(r, ';');
	strbuf sb = STRBUF_INIT;
	drain(r, &sb);
	csv_close(r);
	assert_string_equal(sb_str(&sb), "1:bsn|naam|plaats, land\n2:999999990|Nergens, Nina|Utrecht,NL\nEOF");
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoted_fields_may_hold_commas_quotes_and_line_breaks),
		cmocka_unit_test(lf_and_crlf_end_a_line_alike),
		cmocka_unit_test(line_numbers_count_breaks_inside_quotes_and_empty_lines),
		cmocka_unit_test(a_byte_order_mark_is_skipped_only_at_the_start),
		cmocka_unit_test(empty_and_empty_quoted_fields_are_both_empty),
		cmocka_unit_test(a_trailing_comma_adds_an_empty_field),
		cmocka_unit_test(the_last_line_needs_no_line_end),
		cmocka_unit_test(bytes_pass_through_unchanged),
		cmocka_unit_test(quotes_out_of_place_are_refused_with_the_line),
		cmocka_unit_test(an_unterminated_quote_is_refused_with_the_line_it_opened_on),
		cmocka_unit_test(a_lone_cr_in_a_field_is_refused),
		cmocka_unit_test(at_most_csv_max_fields_fields),
		cmocka_unit_test(records_longer_than_csv_max_record_are_refused),
		cmocka_unit_test(long_records_across_the_read_buffer_are_whole),
		cmocka_unit_test(an_unterminated_quote_in_a_large_file_stops_at_the_record_limit),
		cmocka_unit_test(a_read_error_is_an_error_not_the_end_of_the_file),
		cmocka_unit_test(offset_counts_every_byte_read),
		cmocka_unit_test(a_row_with_a_trailing_comma_has_one_field_too_many),
		cmocka_unit_test(invalid_utf8_is_refused_by_the_builder_with_line_and_column),
		cmocka_unit_test(csv_reader_handles_rfc_4180),
		cmocka_unit_test(csv_reader_refuses_malformed_input),
		cmocka_unit_test(semicolons_separate_when_the_header_line_says_so),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
