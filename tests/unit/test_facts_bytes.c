/* The fast path into the fact builder (src/core/facts_bytes.c, read by
 * dataset_read_bytes in src/io/dataset_dir.c) against the general reader:
 * the same files give the same dataset, the same errors and the same
 * warnings, whatever the line ends, quotes, byte order mark, order of the
 * rows, and wherever a window of the fast path ends (every window size from
 * one byte up is tried). Dates read by the fast path's table of months are
 * those of date_parse() for every month of the supported years. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/facts_bytes.h"
#include "../../src/core/ident.h"
#include "../../src/io/dataset_dir.h"
#include "../../src/util/strbuf.h"

/* Errors and warnings of a builder as text. */
static char *said(builder *b)
{
	strbuf sb = STRBUF_INIT;
	builder_errors_format(b, &sb);
	builder_warnings_format(b, "waarschuwing: ", &sb);
	return sb.data ? sb.data : calloc(1, 1);
}

/* Build f with the reader `window` says (fixture_window); *text gets what
 * the builder said. */
static dataset *build(const fixture *f, size_t window, char **text)
{
	fixture_window = window;
	builder *b = builder_new(BUILD_IDENTITY);
	dataset *ds = fixture_build_with(f, b);
	*text = said(b);
	builder_free(b);
	fixture_window = 0;
	return ds;
}

/* Reading f with window w gives dataset `want` and says `want_text`. */
static void same_as(const dataset *want, const char *want_text, const fixture *f, size_t w)
{
	char *got_text;
	dataset *got = build(f, w, &got_text);
	const char *why = "accepted by one reader only";
	if (strcmp(want_text, got_text) != 0)
		fail_msg("window %zu says\n%s\ninstead of\n%s", w, got_text, want_text);
	if (!want != !got || (want && !datasets_same(want, got, &why)))
		fail_msg("window %zu: %s", w, why);
	dataset_free(got);
	free(got_text);
}

/* The fast path with every window from 1 to 80 bytes and the default gives
 * what the general reader gives. Returns what that said (free it). */
static char *same_both_ways(const fixture *f, bool accepted)
{
	char *want_text;
	dataset *want = build(f, FIXTURE_GENERAL, &want_text);
	if (accepted != (want != NULL))
		fail_msg("the general reader %s: %s", want ? "accepted" : "refused", want_text);
	for (size_t w = 0; w <= 80; w++)
		same_as(want, want_text, f, w);
	dataset_free(want);
	return want_text;
}

#define PUPILS                                                                                                 \
	"P1,123456782,,2012-03-15,Anna,Jansen,\n"                                                                  \
	"P2,,,2013-02-28,Bram,de Vries,\n"                                                                         \
	"P3,,,2011-07-01,Cas,Smit,2028-06-30\n"

#define ENROLMENTS                                                                                             \
	"P1,10AA,00,2016-08-01,2024-07-31\n"                                                                        \
	"P1,20BB,00,2024-08-01,\n"                                                                                  \
	"P3,60FF,00,2023-08-01,\n"

#define ABSENCES                                                                                               \
	"P1,20BB,00,ongeoorloofd,2025-09-15,,12.5\n"                                                               \
	"P3,60FF,00,ziek,2025-09-01,2025-12-01,\n"

/* A dataset in the form the generator writes: sorted, LF, no quotes. */
static void test_plain(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPILS,
		     .woonadressen = "P1,GM0001,2012-03-15,,0\nP2,GM0002,2013-02-28,,1\n",
		     .inschrijvingen = ENROLMENTS,
		     .verzuim = ABSENCES,
		     .vrijstellingen = "P2,5a,verleend,2019-01-01,2019-02-01,\n",
		     .meldingen = "P1,20BB,00,2025-09-20,2025-09-15,relatief verzuim\n",
		     .aanbod = "P1,2025-10-01,2025-10-15,onderwijs\n"};
	free(same_both_ways(&f, true));
}

/* The last line without its LF, empty lines, and CRLF line ends. */
static void test_line_ends(void **state)
{
	(void)state;
	fixture no_final_lf = {.leerlingen = PUPILS, .inschrijvingen = "P1,10AA,00,2016-08-01,2024-07-31\nP3,60FF,00,2023-08-01,"};
	free(same_both_ways(&no_final_lf, true));
	fixture crlf = {.leerlingen = "P1,123456782,,2012-03-15,Anna,Jansen,\r\n\r\nP2,,,2013-02-28,Bram,,\r\n",
			.verzuim = "P1,10AA,00,ziek,2025-09-15,,\r\n\nP2,10AA,00,ziek,2025-09-15,,3\r\n"};
	free(same_both_ways(&crlf, true));
	/* Empty lines in the first of the two parts of leerlingen: the second
	 * part's pupils, written after room for a row per line of the first,
	 * join right after the first part's. */
	fixture gaps = {.leerlingen = "P1,123456782,,2012-03-15,Anna,Jansen,\n\n\n\nP2,,,2013-02-28,Bram,,\n"
				      "P3,,,2011-07-01,Cas,Smit,\nP4,,,2011-07-02,Dirk,Smit,\n",
			.verzuim = "P3,10AA,00,ziek,2025-09-15,,\nP4,10AA,00,ziek,2025-09-15,,\n"};
	free(same_both_ways(&gaps, true));
	fixture cr_at_end = {.leerlingen = "P1,123456782,,2012-03-15,Anna,Jansen,\r"};
	free(same_both_ways(&cr_at_end, true));
	/* A CR inside a field is an error, and so is one before a comma. */
	fixture lone_cr = {.leerlingen = PUPILS, .verzuim = "P1,10AA,00,ziek,2025-09-15,\r,\n"};
	char *text = same_both_ways(&lone_cr, false);
	assert_non_null(strstr(text, "verzuim.csv"));
	free(text);
}

/* Quoted fields, with a comma or a line end inside: the fast path hands
 * them to the general reader, wherever its windows end. */
static void test_quotes(void **state)
{
	(void)state;
	fixture comma = {.leerlingen = "P1,,,2012-03-15,\"Anna, Maria\",Jansen,\nP2,,,2013-02-28,Bram,\"de \"\"Vries\"\"\",\n",
			 .verzuim = "\"P1\",10AA,00,ziek,2025-09-15,,\nP2,10AA,00,ziek,2025-09-16,,\n"};
	free(same_both_ways(&comma, true));
	/* Quotes around a field that would read the same without them. */
	fixture plain_quotes = {.leerlingen = "P1,,,2012-03-15,\"Anna\",Jansen,\nP2,,,2013-02-28,Bram,\"\",\n"};
	free(same_both_ways(&plain_quotes, true));
	/* A line end inside quotes counts as a line: the error after it names
	 * line 4, not 3. */
	fixture newline = {.leerlingen = "P1,,,2012-03-15,\"An\nna\",Jansen,\nP2,,,2013-02-30,Bram,,\n"};
	char *text = same_both_ways(&newline, false);
	assert_non_null(strstr(text, "leerlingen.csv, regel 4, kolom geboortedatum"));
	free(text);
	fixture inner = {.leerlingen = PUPILS, .verzuim = "P1,10AA,00,ziek,2025-09-15,,\"1\n2\"\nP3,10AA,00,ziek,2025-09-15,,x\n"};
	text = same_both_ways(&inner, false);
	assert_non_null(strstr(text, "verzuim.csv, regel 4, kolom uren"));
	free(text);
}

/* A byte order mark before the header. */
static void test_bom(void **state)
{
	(void)state;
	fixture f = {.leerlingen = PUPILS, .inschrijvingen = ENROLMENTS};
	char *want_text;
	dataset *want = build(&f, FIXTURE_GENERAL, &want_text);
	assert_non_null(want);
	/* The fixture writes the header itself: build the file by hand. */
	static const char FILE_TEXT[] = "\xEF\xBB\xBFleerling_id,bsn,onderwijsnummer,geboortedatum,voornaam,achternaam,"
					"startkwalificatie\n" PUPILS;
	builder *b = builder_new(BUILD_IDENTITY);
	static const char *const REF[][2] = {
		{"gemeentecode,naam\n", BASE_GEMEENTEN},
		{"swvcode,naam,sector\n", BASE_SWV},
		{"swvcode,gemeentecode\n", BASE_SWV_GEMEENTEN},
		{"brin,vestiging,naam,soort,gemeentecode,swv_po,swv_vo\n", BASE_SCHOLEN},
	};
	for (int t = 0; t < 4; t++) {
		strbuf sb = STRBUF_INIT;
		sb_puts(&sb, REF[t][0]);
		sb_puts(&sb, REF[t][1]);
		assert_int_equal(dataset_read_bytes(sb.data, sb.len, (table_id)t, b, 0, 2), 0);
		sb_free(&sb);
	}
	assert_int_equal(dataset_read_bytes(FILE_TEXT, sizeof FILE_TEXT - 1, T_LEERLINGEN, b, 5, 2), 0);
	static const char ENR[] = "\xEF\xBB\xBFleerling_id,brin,vestiging,van,tot\r\n" ENROLMENTS;
	assert_int_equal(dataset_read_bytes(ENR, sizeof ENR - 1, T_INSCHRIJVINGEN, b, 7, 2), 0);
	static const char EMPTY_ONES[][64] = {"leerling_id,gemeentecode,van,tot,in_onderzoek\n",
					       "leerling_id,brin,vestiging,soort,van,tot,uren\n",
					       "leerling_id,grond,status,aanvraagdatum,van,tot\n"};
	static const table_id EMPTY_TABLES[] = {T_WOONADRESSEN, T_VERZUIM, T_VRIJSTELLINGEN};
	for (int i = 0; i < 3; i++)
		assert_int_equal(dataset_read_bytes(EMPTY_ONES[i], strlen(EMPTY_ONES[i]), EMPTY_TABLES[i], b, 0, 2), 0);
	dataset *got = builder_finish(b);
	const char *why = "refused";
	if (!got || !datasets_same(want, got, &why))
		fail_msg("with a byte order mark: %s", why);
	dataset_free(got);
	builder_free(b);
	dataset_free(want);
	free(want_text);
}

/* Rows out of the pupils' order, and pupils out of id order. */
static void test_unsorted(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "P3,,,2011-07-01,Cas,Smit,\nP1,123456782,,2012-03-15,Anna,Jansen,\nP2,,,2013-02-28,,,\n",
		     .woonadressen = "P2,GM0002,2013-02-28,,0\nP1,GM0001,2014-01-01,,0\nP1,GM0002,2012-03-15,2013-12-31,0\n",
		     .inschrijvingen = "P3,60FF,00,2023-08-01,\nP1,20BB,00,2024-08-01,\nP1,10AA,00,2016-08-01,2024-07-31\n",
		     .verzuim = ABSENCES};
	free(same_both_ways(&f, true));
	/* A file that keeps going back: the fast path's search is exact too. */
	strbuf pupils = STRBUF_INIT, enr = STRBUF_INIT;
	for (int i = 0; i < 150; i++)
		sb_printf(&pupils, "Q%03d,,,2012-01-01,,,\n", i);
	for (int i = 149; i >= 0; i--)
		sb_printf(&enr, "Q%03d,10AA,00,2017-08-01,\n", i);
	fixture back = {.leerlingen = pupils.data, .inschrijvingen = enr.data};
	free(same_both_ways(&back, true));
	sb_free(&pupils);
	sb_free(&enr);
	/* The same id twice. */
	fixture dup = {.leerlingen = "P1,,,2012-03-15,,,\nP2,,,2012-03-15,,,\nP1,,,2012-03-16,,,\n"};
	char *text = same_both_ways(&dup, false);
	assert_non_null(strstr(text, "leerling_id 'P1' komt al voor op regel 2"));
	free(text);
}

/* An empty file, and a file with a header only. */
static void test_empty(void **state)
{
	(void)state;
	fixture header_only = {.leerlingen = PUPILS, .verzuim = ""};
	free(same_both_ways(&header_only, true));
	builder *b = builder_new(0);
	assert_int_equal(dataset_read_bytes("", 0, T_GEMEENTEN, b, 0, 2), -1);
	char *text = said(b);
	assert_non_null(strstr(text, "het bestand is leeg"));
	free(text);
	builder_free(b);
}

/* What the fast path defers to the end of leerlingen (a BSN given twice)
 * and what it leaves to the general reader (errors, warnings). */
static void test_messages(void **state)
{
	(void)state;
	fixture bsn = {.leerlingen = "P1,123456782,,2012-03-15,,,\nP2,,,2012-03-15,,,\nP3,123456782,,2012-03-16,,,\n"};
	char *text = same_both_ways(&bsn, false);
	assert_non_null(strstr(text, "BSN 123456782 komt al voor op regel 2"));
	free(text);
	fixture onr = {.leerlingen = "P1,,101234564,2012-03-15,,,\nP2,,101234564,2012-03-15,,,\n"};
	text = same_both_ways(&onr, false);
	assert_non_null(strstr(text, "onderwijsnummer 101234564 komt al voor op regel 2"));
	free(text);
	fixture warn = {.leerlingen = "P1,,,2012-03-15,,,2010-01-01\nP2,,,2012-03-15,,,\n",
			.meldingen = "P1,10AA,00,2025-09-01,2025-09-15,\n",
			.aanbod = "P2,2025-10-01,2025-09-01,zorg\n"};
	text = same_both_ways(&warn, true);
	assert_non_null(strstr(text, "waarschuwing: leerlingen.csv, regel 2"));
	assert_non_null(strstr(text, "waarschuwing: meldingen.csv, regel 2"));
	assert_non_null(strstr(text, "waarschuwing: aanbod.csv, regel 2"));
	free(text);
	fixture bad = {.leerlingen = PUPILS,
		       .woonadressen = "P1,GM0009,2012-03-15,,0\nP1,GM0001,2012-03-15,,2\nP9,GM0001,2012-03-15,,0\n",
		       .inschrijvingen = "P1,10AA,07,2016-08-01,\nP1,10AA,00,2016-08-01,2016-07-01\n",
		       .verzuim = "P1,10AA,00,ziekte,2025-09-15,,\nP1,10AA,00,ziek,2025-09-15,,1.234\n",
		       .vrijstellingen = "P2,5d,verleend,,2019-01-01,\nP2,5a,verleend,,,\n"};
	free(same_both_ways(&bad, false));
	/* The rules across rows name the lines the fast path counted. */
	fixture overlap = {.leerlingen = PUPILS,
			   .woonadressen = "P1,GM0001,2012-03-15,2020-12-31,0\n\nP1,GM0002,2020-06-01,,0\n",
			   .vrijstellingen = "P2,5b,verleend,,2019-01-01,2019-12-31\nP2,5a,verleend,,2019-06-01,\n"};
	text = same_both_ways(&overlap, false);
	assert_non_null(strstr(text, "woonadressen.csv, regel 4, kolom van: woonperiode 2020-06-01 t/m heden van leerling 'P1' overlapt met die op regel 2"));
	assert_non_null(strstr(text, "vrijstellingen.csv, regel 3"));
	free(text);
}

/* Many sites, so that some share a first place in the fast path's table of
 * sites, each named by a row; and rows naming a site that is not there (a
 * known BRIN with another vestiging, a BRIN nobody has, a BRIN in lower
 * case): every one read as the general reader reads it. */
static void test_many_schools(void **state)
{
	(void)state;
	strbuf scholen = STRBUF_INIT, pupils = STRBUF_INIT, enrol = STRBUF_INIT;
	sb_puts(&scholen, BASE_SCHOLEN);
	for (int i = 0; i < 150; i++)
		for (int v = 0; v < 3; v++)
			sb_printf(&scholen, "%02d%c%c,%02d,School %d,BAO,GM0001,PO0002,\n", 80 + i % 20, 'A' + i / 20 % 26,
				  'K' + i % 7, v * 7, i);
	for (int i = 0; i < 150; i++) {
		sb_printf(&pupils, "P%04d,,,2012-03-15,,,\n", i);
		for (int v = 0; v < 3; v++)
			sb_printf(&enrol, "P%04d,%02d%c%c,%02d,2016-08-0%d,2016-08-0%d\n", i, 80 + (149 - i) % 20,
				  'A' + (149 - i) / 20 % 26, 'K' + (149 - i) % 7, v * 7, 2 * v + 1, 2 * v + 2);
	}
	fixture many = {.scholen = sb_str(&scholen), .leerlingen = sb_str(&pupils), .inschrijvingen = sb_str(&enrol)};
	free(same_both_ways(&many, true));
	sb_puts(&enrol, "P0149,80AK,01,2017-08-01,\nP0149,99ZZ,00,2017-08-01,\nP0149,80ak,00,2017-08-01,\n");
	many.inschrijvingen = sb_str(&enrol);
	char *text = same_both_ways(&many, false);
	assert_non_null(strstr(text, "80AK"));
	assert_non_null(strstr(text, "99ZZ"));
	free(text);
	sb_free(&scholen);
	sb_free(&pupils);
	sb_free(&enrol);
}

/* Past the first 64 bytes of a file the fast path splits a line at a time
 * and remembers the previous row's pupil and school: each odd line there
 * (CR, quote, a line longer than 64 bytes, an empty one, a field too many
 * or too few, ids and schools that differ from the row before in one byte
 * only, names that are not plain ASCII) reads as the general reader reads
 * it. */
static void test_long_files(void **state)
{
	(void)state;
#define LONG_PUPILS \
	"LONGID-000000001,,,2012-03-15,Anna,Jansen,\n" \
	"LONGID-000000002,,,2012-04-15,Bram,de Vries,\n" \
	"LONGID-100000001,,,2012-05-15,Zo\xc3\xab,M\xc3\xbcller,\n" \
	"P1,123456782,,2012-03-15,Anna,Jansen,\n" \
	"P10,,,2013-02-28,Cas,Smit,\n" \
	"P2,,,2011-07-01,Dirk,Bakker,2028-06-30\n" \
	"VERYLONGIDENTIFIER-0001,,,2012-01-01,Eva,Visser,\n" \
	"VERYLONGIDENTIFIER-0002,,,2012-01-02,Femke,Visser,\n"
#define LONG_ENROLMENTS \
	"LONGID-000000001,10AA,00,2016-08-01,2020-07-31\n" \
	"LONGID-000000001,10AA,01,2020-08-01,2021-07-31\n" \
	"LONGID-000000002,10AA,01,2016-08-01,\n" \
	"LONGID-100000001,20BB,00,2016-08-01,\n" \
	"P1,10AA,00,2016-08-01,2024-07-31\n" \
	"P10,20BB,00,2024-08-01,\n" \
	"P2,60FF,00,2023-08-01,\n" \
	"VERYLONGIDENTIFIER-0001,70GG,00,2023-08-01,\n" \
	"VERYLONGIDENTIFIER-0002,70GG,00,2023-08-01,\n"
	fixture plain = {.leerlingen = LONG_PUPILS,
			 .inschrijvingen = LONG_ENROLMENTS,
			 .verzuim = "LONGID-000000001,10AA,00,ziek,2020-09-15,2020-09-16,\n"
				    "LONGID-000000001,10AA,01,ziek,2020-09-17,2020-09-18,3\n"
				    "LONGID-000000002,10AA,01,ongeoorloofd,2020-09-15,,12.5\r\n"
				    "\n"
				    "LONGID-100000001,20BB,00,ziek,2020-09-15,,\n"
				    "P1,20BB,00,ziek,2025-09-15,,\n"
				    "P10,20BB,00,ziek,2025-09-15,,\n"
				    "P1,20BB,00,ziek,2025-09-22,,\n",
			 .meldingen = "LONGID-000000001,10AA,00,2020-09-20,2020-09-15,relatief verzuim\n"
				      "LONGID-000000002,10AA,01,2020-09-20,2020-09-15,relatief verzuim met een heel lange "
				      "omschrijving die langer is dan vierenzestig tekens\n"
				      "P1,20BB,00,2025-09-20,2025-09-15,relatief verzuim\n"};
	free(same_both_ways(&plain, true));
	/* Grouped by pupil, but the last pupil's rows not in date order. */
	fixture late = {.leerlingen = LONG_PUPILS,
			.inschrijvingen = LONG_ENROLMENTS "VERYLONGIDENTIFIER-0002,10AA,00,2016-08-01,2023-07-31\n"};
	free(same_both_ways(&late, true));
	char *late_text;
	dataset *late_ds = build(&late, 0, &late_text);
	assert_non_null(late_ds);
	size_t last = late_ds->n_pupils - 1;
	assert_string_equal(late_ds->pupils[last].id, "VERYLONGIDENTIFIER-0002");
	const uint32_t *off = late_ds->off[F_ENROLMENT];
	assert_int_equal(off[last + 1] - off[last], 2);
	assert_true(late_ds->enr[off[last]].van < late_ds->enr[off[last] + 1].van);
	assert_int_equal(off[last] - off[last - 1], 1);
	dataset_free(late_ds);
	free(late_text);
	/* An unknown vestiging of the BRIN of the row before. */
	fixture vestiging = {.leerlingen = LONG_PUPILS,
			     .inschrijvingen = "LONGID-000000001,10AA,00,2016-08-01,2020-07-31\n"
					       "LONGID-000000001,10AA,00,2020-08-01,2020-12-31\n"
					       "LONGID-000000002,10AA,02,2016-08-01,\n"};
	char *text = same_both_ways(&vestiging, false);
	assert_non_null(strstr(text, "inschrijvingen.csv, regel 4"));
	free(text);
	/* Ids that differ from the row before in their 9th byte, or past their 16th. */
	fixture ids = {.leerlingen = "LONGID-000000001,,,2012-03-15,Anna,Jansen,\n"
				     "VERYLONGIDENTIFIER-0001,,,2012-01-01,Eva,Visser,\n",
		       .woonadressen = "LONGID-000000001,GM0001,2012-03-15,,0\n"
				       "LONGID-000000001,GM0002,2013-03-15,,0\n"
				       "LONGID-100000001,GM0002,2014-03-15,,0\n"
				       "VERYLONGIDENTIFIER-0001,GM0001,2012-01-01,,0\n"
				       "VERYLONGIDENTIFIER-0002,GM0001,2012-01-01,,0\n"};
	text = same_both_ways(&ids, false);
	assert_non_null(strstr(text, "woonadressen.csv, regel 3, kolom van: woonperiode"));
	assert_non_null(strstr(text, "woonadressen.csv, regel 4, kolom leerling_id: onbekende leerling_id 'LONGID-100000001'"));
	assert_non_null(strstr(text, "woonadressen.csv, regel 6, kolom leerling_id: onbekende leerling_id 'VERYLONGIDENTIFIER-0002'"));
	free(text);
	/* A field too many, one too few, a CR inside a field, a quote. */
	static const char *const ODD[] = {"P1,20BB,00,2025-09-20,2025-09-15,relatief,verzuim\n",
					  "P1,20BB,00,2025-09-20,2025-09-15\n",
					  "P1,20BB,00,2025-09-20,2025-09-15,relatief\rverzuim\n",
					  "P1,20BB,00,2025-09-20,2025-09-15,\"relatief, verzuim\"\n",
					  "P1,20BB,00,2025-09-20,2025-09-15,\"relatief verzuim\"\n",
					  "P1,20BB,00,2025-09-20,2025-09-15,rel\x7f" "atief verzuim\n",
					  "P1,20BB,00,2025-09-20,2025-09-15,rel\tatief\n",
					  "P1,20BB,00,2025-13-20,2025-09-15,relatief verzuim\n",
					  "P1,20BB,00,2025-09-20,2025-09-15,relatief verzuim"};
	for (size_t i = 0; i < sizeof ODD / sizeof *ODD; i++) {
		strbuf m = STRBUF_INIT;
		sb_puts(&m, "LONGID-000000001,10AA,00,2020-09-20,2020-09-15,relatief verzuim\n"
			    "LONGID-000000002,10AA,01,2020-09-20,2020-09-15,relatief verzuim\n");
		sb_puts(&m, ODD[i]);
		if (i + 1 < sizeof ODD / sizeof *ODD) /* the last one ends the file without its LF */
			sb_puts(&m, "P10,20BB,00,2025-09-20,2025-09-15,relatief verzuim\n"
				    "P2,60FF,00,2025-09-20,2025-09-15,relatief verzuim\n");
		fixture odd = {.leerlingen = LONG_PUPILS, .meldingen = m.data};
		free(same_both_ways(&odd, i == 3 || i == 4 || i == 8));
		sb_free(&m);
	}
	/* Names past the first 64 bytes: a control character, a DEL, bad UTF-8. */
	static const char *const NAMES[] = {"Zo\x01", "Anna\x7fMaria", "Zo\xc3", "Zo\xc3\xab\xab", "Anna-Maria-Josephine"};
	for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++) {
		strbuf l = STRBUF_INIT;
		sb_puts(&l, LONG_PUPILS);
		sb_printf(&l, "Q1,,,2012-03-15,%s,Jansen,\n", NAMES[i]);
		fixture names = {.leerlingen = l.data};
		free(same_both_ways(&names, i == 4));
		sb_free(&l);
	}
#undef LONG_PUPILS
#undef LONG_ENROLMENTS
}

/* Every month of the supported years and then some: the fast path's dates
 * are date_parse()'s, and it accepts exactly the dates date_parse() does. */
static void test_dates(void **state)
{
	(void)state;
	static const int YEARS[] = {1799, 1800, 1801, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 2998, 2999, 3000};
	strbuf rows = STRBUF_INIT, bad = STRBUF_INIT;
	int n = 0;
	for (size_t yi = 0; yi < sizeof YEARS / sizeof *YEARS; yi++)
		for (int m = 0; m <= 13; m++)
			for (int d = 0; d <= 32; d++) {
				char iso[48];
				day_t v;
				snprintf(iso, sizeof iso, "%04d-%02d-%02d", YEARS[yi], m, d);
				if (date_parse(iso, strlen(iso), &v) == 0)
					sb_printf(&rows, "P%05d,,,%s,,,\n", n++, iso);
				else
					sb_printf(&bad, "%s\n", iso);
			}
	sb_puts(&bad, "2024-1-01\n2024/01/01\n20a4-01-01\n2024-01-0a\n 2024-01-1\n2024-01-01 \n");
	builder *b = builder_new(0);
	builder_begin_table(b, T_LEERLINGEN);
	uint32_t line = 2;
	assert_true(builder_bytes_rows(b, T_LEERLINGEN, rows.data, rows.len, &line));
	assert_true(builder_bytes_done(b, T_LEERLINGEN));
	builder_end_table(b, T_LEERLINGEN);
	dataset *ds = builder_finish(b);
	assert_non_null(ds);
	assert_int_equal(ds->n_pupils, n);
	const char *p = rows.data;
	for (int i = 0; i < n; i++) {
		day_t v;
		assert_int_equal(date_parse(p + 9, 10, &v), 0);
		assert_int_equal(ds->pupils[i].geboortedatum, v);
		p = strchr(p, '\n') + 1;
	}
	dataset_free(ds);
	builder_free(b);
	/* Each wrong date alone sends the table back to the general reader. */
	b = builder_new(0);
	builder_begin_table(b, T_LEERLINGEN);
	for (const char *q = bad.data; *q;) {
		const char *e = strchr(q, '\n');
		char row[64];
		snprintf(row, sizeof row, "P1,,,%.*s,,,\n", (int)(e - q), q);
		line = 2;
		if (builder_bytes_rows(b, T_LEERLINGEN, row, strlen(row), &line))
			fail_msg("the fast path took the date '%.*s'", (int)(e - q), q);
		q = e + 1;
	}
	builder_free(b);
	/* A wrong day right after a good date of its month (whose year and
	 * month the fast path remembers) is refused all the same. */
	static const char *const AFTER[][2] = {{"2023-02-28", "2023-02-29"}, {"2024-04-30", "2024-04-31"},
					       {"2024-12-31", "2024-12-32"}, {"2024-01-01", "2024-01-00"},
					       {"2024-06-15", "2024-06-1a"}};
	for (size_t i = 0; i < sizeof AFTER / sizeof *AFTER; i++) {
		char two[96];
		snprintf(two, sizeof two, "P1,,,%s,,,\nP2,,,%s,,,\n", AFTER[i][0], AFTER[i][1]);
		b = builder_new(0);
		builder_begin_table(b, T_LEERLINGEN);
		line = 2;
		if (builder_bytes_rows(b, T_LEERLINGEN, two, strlen(two), &line))
			fail_msg("the fast path took '%s' after '%s'", AFTER[i][1], AFTER[i][0]);
		builder_free(b);
	}
	sb_free(&rows);
	sb_free(&bad);
}

/* Whether the fast path takes leerlingen `rows` whole (builder_bytes_rows
 * and builder_bytes_done). */
static bool fast_takes(const char *rows)
{
	builder *b = builder_new(0);
	builder_begin_table(b, T_LEERLINGEN);
	uint32_t line = 2;
	bool took = builder_bytes_rows(b, T_LEERLINGEN, rows, strlen(rows), &line) && builder_bytes_done(b, T_LEERLINGEN);
	builder_free(b);
	return took;
}

/* The n-th valid BSN (which 0) or onderwijsnummer (1) from 100000000 up. */
static void nth_number(int which, int n, char out[10])
{
	for (unsigned v = 100000000;; v++) {
		snprintf(out, 10, "%u", v);
		if ((which ? onderwijsnummer_valid(out, 9) : bsn_valid(out, 9)) && n-- == 0)
			return;
	}
}

/* Leerlingen read fast as two parts, part0 (lines from 2) and part1 (the
 * lines after): whether they are taken. With `end_each` each part's own
 * end (builder_bytes_part_end) is asked on its own, as the parts' threads
 * do; *ended says whether both took it; else builder_bytes_done() does
 * those checks too. */
static bool parts_take(const char *part0, const char *part1, bool end_each, bool *ended)
{
	builder *b = builder_new(0);
	builder_begin_table(b, T_LEERLINGEN);
	size_t rows0 = 0;
	for (const char *c = part0; *c; c++)
		rows0 += *c == '\n';
	builder_bytes_place(b, rows0, strlen(part1));
	uint32_t line0 = 2, line1 = 1;
	bool read = builder_bytes_part(b, T_LEERLINGEN, 0, part0, strlen(part0), &line0) &&
		    builder_bytes_part(b, T_LEERLINGEN, 1, part1, strlen(part1), &line1);
	*ended = true;
	if (read && end_each)
		*ended = builder_bytes_part_end(b, T_LEERLINGEN, 0) & builder_bytes_part_end(b, T_LEERLINGEN, 1);
	bool took = read && *ended && builder_bytes_done(b, T_LEERLINGEN);
	builder_free(b);
	return took;
}

/* Rows of pupils `from` .. `from + n - 1` with BSN number bsn[i] and
 * onderwijsnummer number onr[i] (nth_number; -1: none). */
static char *pupil_rows(int from, int n, const int *bsn, const int *onr)
{
	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < n; i++) {
		char b[10] = "", o[10] = "";
		if (bsn[i] >= 0)
			nth_number(0, bsn[i], b);
		if (onr[i] >= 0)
			nth_number(1, onr[i], o);
		sb_printf(&sb, "P%03d,%s,%s,2012-03-15,,,\n", from + i, b, o);
	}
	return sb.data;
}

/* The BSNs and onderwijsnummers of the two parts of leerlingen, each part
 * sorted and checked on its own thread and then compared with the other:
 * a number twice within a part or across the parts (first, last, or in the
 * middle of the other's) is found, whether or not the parts' ends were
 * asked; numbers that interleave, or a BSN equal to an onderwijsnummer, are
 * not duplicates. Through the whole reader, the messages are those of the
 * general reader. */
static void test_parts_duplicates(void **state)
{
	(void)state;
	static const struct {
		int bsn0[4], onr0[4], bsn1[4], onr1[4];
		bool distinct;
		bool within; /* the duplicate is within a part */
	} CASES[] = {
		{{6, 2, 4, 0}, {-1, -1, -1, -1}, {1, 7, 3, 5}, {-1, -1, -1, -1}, true, false},
		{{6, 2, 4, 0}, {0, 1, 2, -1}, {1, 7, 3, 5}, {3, -1, 4, 5}, true, false},
		{{0, 1, 2, 3}, {-1, -1, -1, -1}, {0, 1, 2, 3}, {-1, -1, -1, -1}, true, false}, /* swapped below */
		{{6, 2, 6, 0}, {-1, -1, -1, -1}, {1, 7, 3, 5}, {-1, -1, -1, -1}, false, true},
		{{6, 2, 4, 0}, {-1, -1, -1, -1}, {1, 7, 3, 1}, {-1, -1, -1, -1}, false, true},
		{{6, 2, 4, 0}, {-1, -1, -1, -1}, {1, 7, 3, 6}, {-1, -1, -1, -1}, false, false},
		{{6, 2, 4, 0}, {-1, -1, -1, -1}, {0, 8, 9, 10}, {-1, -1, -1, -1}, false, false},
		{{6, 2, 4, -1}, {-1, -1, -1, -1}, {1, 4, 3, 5}, {-1, -1, -1, -1}, false, false},
		{{-1, -1, -1, -1}, {1, 2, 3, 4}, {-1, -1, -1, -1}, {9, 8, 7, 4}, false, false},
		{{-1, -1, -1, -1}, {1, 2, 1, 4}, {-1, -1, -1, -1}, {9, 8, 7, 6}, false, true},
	};
	for (size_t c = 0; c < sizeof CASES / sizeof CASES[0]; c++) {
		int bsn1[4], onr1[4];
		memcpy(bsn1, CASES[c].bsn1, sizeof bsn1);
		memcpy(onr1, CASES[c].onr1, sizeof onr1);
		if (c == 2) {
			/* The same numbers, as BSNs in one part and onderwijsnummers in the other. */
			memcpy(onr1, bsn1, sizeof onr1);
			for (int i = 0; i < 4; i++)
				bsn1[i] = -1;
		}
		char *p0 = pupil_rows(0, 4, CASES[c].bsn0, CASES[c].onr0), *p1 = pupil_rows(4, 4, bsn1, onr1);
		bool ended;
		if (parts_take(p0, p1, true, &ended) != CASES[c].distinct)
			fail_msg("case %zu: the parts, each ended on its own, were %s", c, CASES[c].distinct ? "refused" : "taken");
		if (ended == CASES[c].within)
			fail_msg("case %zu: the parts' own ends %s", c, ended ? "took a duplicate" : "refused");
		if (parts_take(p0, p1, false, &ended) != CASES[c].distinct)
			fail_msg("case %zu: the parts, joined only, were %s", c, CASES[c].distinct ? "refused" : "taken");
		/* The whole file, split wherever the windows fall. */
		strbuf all = STRBUF_INIT;
		sb_printf(&all, "%s%s", p0, p1);
		fixture f = {.leerlingen = all.data};
		char *text = same_both_ways(&f, CASES[c].distinct);
		if (!CASES[c].distinct && !strstr(text, "komt al voor op regel"))
			fail_msg("case %zu: no duplicate named:\n%s", c, text);
		free(text);
		sb_free(&all);
		free(p0);
		free(p1);
	}
}

/* The BSN, onderwijsnummer and gemeentecode read a word at a time: every
 * byte at every place of a valid one is taken by the fast path exactly
 * when the checks of ident.c take it (else the general reader says why),
 * and equal numbers are found only when the texts are equal. */
static void test_identifiers(void **state)
{
	(void)state;
	static const char *const VALID[2] = {"123456782", "101234564"};
	for (int which = 0; which < 2; which++)
		for (int at = 0; at < 9; at++)
			for (int c = 1; c < 256; c++) {
				char id[10], row[64];
				memcpy(id, VALID[which], 10);
				id[at] = (char)c;
				bool valid = which ? onderwijsnummer_valid(id, 9) : bsn_valid(id, 9);
				snprintf(row, sizeof row, which ? "P1,,%s,2012-03-15,,,\n" : "P1,%s,,2012-03-15,,,\n", id);
				if (fast_takes(row) != valid)
					fail_msg("the fast path %s '%s'", valid ? "refused" : "took", row);
			}
	/* Valid BSNs that differ in one digit are different numbers. */
	strbuf rows = STRBUF_INIT;
	int n = 0;
	for (int at = 0; at < 8; at++)
		for (int d = 0; d <= 9; d++) {
			char id[10] = "123456782";
			id[at] = (char)('0' + d);
			int sum = 0;
			for (int i = 0; i < 8; i++)
				sum += (9 - i) * (id[i] - '0');
			if (sum % 11 > 9)
				continue;
			id[8] = (char)('0' + sum % 11);
			if (strstr(rows.data ? rows.data : "", id))
				continue;
			assert_true(bsn_valid(id, 9));
			sb_printf(&rows, "P%03d,%s,,2012-03-15,,,\n", n++, id);
		}
	assert_true(fast_takes(sb_str(&rows)));
	sb_printf(&rows, "P%03d,%s,,2012-03-15,,,\n", n, "123456782");
	assert_false(fast_takes(sb_str(&rows)));
	sb_free(&rows);
	/* Bytes around the digits and letters, and some beyond ASCII (each is a
	 * whole dataset read twice). */
	static const char BYTES[] = "\x01\t !/0123456789:@AFGLMNZ[`agmz\x7f\x80\xc3\xff";
	for (int at = 0; at < 6; at++)
		for (const char *c = BYTES; *c; c++) {
			char code[7] = "GM0001", woon[64];
			code[at] = *c;
			snprintf(woon, sizeof woon, "P1,%s,2012-03-15,,0\n", code);
			fixture f = {.leerlingen = PUPILS, .woonadressen = woon};
			char *want_text;
			dataset *want = build(&f, FIXTURE_GENERAL, &want_text);
			same_as(want, want_text, &f, 0);
			dataset_free(want);
			free(want_text);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),	  cmocka_unit_test(test_line_ends), cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_bom),	  cmocka_unit_test(test_unsorted),  cmocka_unit_test(test_empty),
		cmocka_unit_test(test_messages), cmocka_unit_test(test_dates), cmocka_unit_test(test_long_files),
		cmocka_unit_test(test_many_schools), cmocka_unit_test(test_identifiers), cmocka_unit_test(test_parts_duplicates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
