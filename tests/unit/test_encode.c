/* Encodings of facts and results as text.
 *
 * src/core/encode.c: a dataset back into the canonical rows the registry
 * stores (ISO dates, codes, "0"/"1", hours without trailing zeros, NULL for
 * empty), which build the same dataset again.
 * src/io/report.c: status and telling rows as the CONTRACT CSV of SPEC 4.1
 * (booleans 0/1, empty fields) and as JSON (booleans true/false, numbers as
 * numbers, empty as null). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/encode.h"
#include "../../src/io/csv.h"
#include "../../src/io/dataset_dir.h"
#include "../../src/io/report.h"
#include "../../src/util/strbuf.h"

#define PEIL "2025-11-01"

/* ---- canonical rows ----------------------------------------------------------- */

typedef struct rows {
	strbuf text;
	int ncols;
} rows;

/* A row as its fields joined by ',', NULL shown as '~'. */
static void collect(void *ctx, const field *f)
{
	rows *r = ctx;
	for (int i = 0; i < r->ncols; i++) {
		if (i)
			sb_putc(&r->text, ',');
		if (f[i].len)
			sb_append(&r->text, f[i].p, f[i].len);
		else
			sb_putc(&r->text, '~');
	}
	sb_putc(&r->text, '\n');
}

static char *table_rows(const dataset *ds, table_id t, size_t *n)
{
	rows r = {STRBUF_INIT, TABLES[t].ncols};
	size_t count = encode_table(ds, t, collect, &r);
	if (n)
		*n = count;
	return r.text.data ? r.text.data : calloc(1, 1);
}

static void expect_rows(const dataset *ds, table_id t, const char *want)
{
	size_t n;
	char *got = table_rows(ds, t, &n);
	if (strcmp(got, want) != 0)
		fail_msg("%s:\n%s\nexpected:\n%s", TABLES[t].name, got, want);
	size_t lines = 0;
	for (const char *p = want; *p; p++)
		lines += *p == '\n';
	assert_int_equal(n, lines);
	free(got);
}

/* Two pupils with every kind of fact, given out of order and in other
 * spellings where the builder allows it. */
static const fixture FACTS = {
	.vakantieregios = "gemeentecode,regio\nGM0002,Zuid\nGM0001,noord\n",
	.vakanties = "regio,naam,van,tot\nzuid,herfst,2025-10-18,2025-10-26\nnoord,,2025-12-20,2026-01-04\n",
	.leerlingen = "Q,,101222331,2016-01-01,Bo,\"de Vries, jr.\",\nP,111222333,,2009-06-01,Anna,Jansen,2025-07-01\n",
	.woonadressen = "P,GM0001,2025-07-01,,1\nP,GM0001,2009-06-01,2025-06-30,0\nQ,GM0002,2016-01-01,,0\n",
	.inschrijvingen = "P,30CC,00,2025-08-01,\nP,20BB,00,2021-08-01,2025-07-31\nQ,40DD,00,2021-08-01,\n",
	.verzuim = "P,30CC,00,ziek,2025-09-01,2025-09-02,12.50\nP,30CC,00,ongeoorloofd,2025-09-15,,\n"
		   "Q,40DD,00,geoorloofd,2025-10-01,2025-10-01,3.00\nQ,40DD,00,schorsing,2025-10-02,2025-10-03,0.05\n",
	.vrijstellingen = "Q,5a,verleend,2022-01-10,2022-02-01,2022-06-30\nQ,11g,aangevraagd,2025-10-01,,\n",
	.meldingen = "P,30CC,00,2025-09-20,2025-09-15,\nP,20BB,00,2025-05-02,2025-04-28,relatief verzuim\n",
	.aanbod = "P,2025-10-01,,combinatie\nP,2025-09-20,2025-10-06,onderwijs\n",
};

static void canonical_rows_of_every_table(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&FACTS, NULL);
	assert_non_null(ds);
	expect_rows(ds, T_GEMEENTEN, "GM0001,Alfa\nGM0002,Beta\nGM0003,Gamma\n");
	expect_rows(ds, T_SWV, "PO0001,PO een,PO\nPO0002,PO twee,PO\nVO0001,VO een,VO\nVO0002,VO twee,VO\n");
	/* In (swv, gemeente) order, as the registry keeps them. */
	expect_rows(ds, T_SWV_GEMEENTEN,
		    "PO0001,GM0001\nPO0002,GM0001\nPO0002,GM0002\nVO0001,GM0002\nVO0002,GM0001\n");
	char *scholen = table_rows(ds, T_SCHOLEN, NULL);
	assert_non_null(strstr(scholen, "10AA,00,Basisschool,BAO,GM0001,PO0002,~\n"));
	assert_non_null(strstr(scholen, "30CC,00,Mbo-college,MBO,GM0002,~,~\n"));
	free(scholen);
	/* Regions in lower case; a holiday without a name stays NULL. */
	expect_rows(ds, T_VAKANTIEREGIOS, "GM0001,noord\nGM0002,zuid\n");
	expect_rows(ds, T_VAKANTIES, "zuid,herfst,2025-10-18,2025-10-26\nnoord,~,2025-12-20,2026-01-04\n");
	/* Pupils by id; the name with a comma is one field. */
	expect_rows(ds, T_LEERLINGEN,
		    "P,111222333,~,2009-06-01,Anna,Jansen,2025-07-01\nQ,~,101222331,2016-01-01,Bo,de Vries, jr.,~\n");
	/* Facts per pupil in canonical order; an open end is NULL; in_onderzoek
	 * is 0 or 1. */
	expect_rows(ds, T_WOONADRESSEN,
		    "P,GM0001,2009-06-01,2025-06-30,0\nP,GM0001,2025-07-01,~,1\nQ,GM0002,2016-01-01,~,0\n");
	expect_rows(ds, T_INSCHRIJVINGEN,
		    "P,20BB,00,2021-08-01,2025-07-31\nP,30CC,00,2025-08-01,~\nQ,40DD,00,2021-08-01,~\n");
	/* Hours without trailing zeros; no hours is NULL. */
	expect_rows(ds, T_VERZUIM,
		    "P,30CC,00,ziek,2025-09-01,2025-09-02,12.5\nP,30CC,00,ongeoorloofd,2025-09-15,~,~\n"
		    "Q,40DD,00,geoorloofd,2025-10-01,2025-10-01,3\nQ,40DD,00,schorsing,2025-10-02,2025-10-03,0.05\n");
	/* A request without dates has NULL for them (and sorts first: no van). */
	expect_rows(ds, T_VRIJSTELLINGEN,
		    "Q,11g,aangevraagd,2025-10-01,~,~\nQ,5a,verleend,2022-01-10,2022-02-01,2022-06-30\n");
	expect_rows(ds, T_MELDINGEN,
		    "P,20BB,00,2025-05-02,2025-04-28,relatief verzuim\nP,30CC,00,2025-09-20,2025-09-15,~\n");
	expect_rows(ds, T_AANBOD, "P,2025-09-20,2025-10-06,onderwijs\nP,2025-10-01,~,combinatie\n");
	dataset_free(ds);
}

/* Rows of one table as CSV (a header, then fields quoted where needed). */
static void csv_of(const dataset *ds, table_id t, strbuf *out)
{
	for (int i = 0; i < TABLES[t].ncols; i++)
		sb_printf(out, "%s%s", i ? "," : "", TABLES[t].cols[i]);
	sb_putc(out, '\n');
	rows r = {STRBUF_INIT, TABLES[t].ncols};
	encode_table(ds, t, collect, &r);
	/* '~' back to empty, and fields quoted: the only comma inside a field
	 * in FACTS is the name "de Vries, jr.". */
	const char *p = sb_str(&r.text);
	for (; *p; p++) {
		if (*p == '~')
			continue;
		if (strncmp(p, "de Vries, jr.", 13) == 0) {
			csv_field(out, "de Vries, jr.");
			p += 12;
			continue;
		}
		sb_putc(out, *p);
	}
	sb_free(&r.text);
}

static void the_canonical_rows_build_the_same_dataset(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&FACTS, NULL);
	assert_non_null(ds);
	builder *b = builder_new(BUILD_IDENTITY);
	for (int t = 0; t < T_COUNT; t++) {
		strbuf text = STRBUF_INIT;
		csv_of(ds, (table_id)t, &text);
		csv_reader *r = csv_from_memory(text.data, text.len);
		assert_int_equal(dataset_read_table(r, (table_id)t, b, NULL, 0), 0);
		csv_close(r);
		sb_free(&text);
	}
	dataset *again = builder_finish(b);
	char buf[256];
	if (!again)
		fail_msg("rebuilding failed: %s", first_error(b, buf, sizeof buf));
	builder_free(b);
	for (int t = 0; t < T_COUNT; t++) {
		char *x = table_rows(ds, (table_id)t, NULL), *y = table_rows(again, (table_id)t, NULL);
		if (t == T_VAKANTIES) {
			/* Holiday regions are numbered in the order they first appear,
			 * and vakanties are held by region number: vakantieregios are
			 * encoded in gemeente order, so the rebuilt dataset numbers noord
			 * before zuid. The same rows, in another order. */
			assert_string_equal(x, "zuid,herfst,2025-10-18,2025-10-26\nnoord,~,2025-12-20,2026-01-04\n");
			assert_string_equal(y, "noord,~,2025-12-20,2026-01-04\nzuid,herfst,2025-10-18,2025-10-26\n");
		} else {
			assert_string_equal(x, y);
		}
		free(x);
		free(y);
	}
	dataset_free(again);
	dataset_free(ds);
}

static void one_pupils_rows(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&FACTS, NULL);
	assert_non_null(ds);
	uint32_t q = (uint32_t)dataset_pupil(ds, "Q", 1);
	rows r = {STRBUF_INIT, TABLES[T_VERZUIM].ncols};
	assert_int_equal(encode_pupil_table(ds, T_VERZUIM, q, collect, &r), 2);
	assert_string_equal(sb_str(&r.text), "Q,40DD,00,geoorloofd,2025-10-01,2025-10-01,3\n"
					     "Q,40DD,00,schorsing,2025-10-02,2025-10-03,0.05\n");
	sb_free(&r.text);
	r = (rows){STRBUF_INIT, TABLES[T_AANBOD].ncols};
	assert_int_equal(encode_pupil_table(ds, T_AANBOD, q, collect, &r), 0);
	assert_string_equal(sb_str(&r.text), "");
	sb_free(&r.text);
	r = (rows){STRBUF_INIT, TABLES[T_LEERLINGEN].ncols};
	assert_int_equal(encode_pupil_table(ds, T_LEERLINGEN, q, collect, &r), 1);
	assert_string_equal(sb_str(&r.text), "Q,~,101222331,2016-01-01,Bo,de Vries, jr.,~\n");
	sb_free(&r.text);
	dataset_free(ds);
}

static void without_identity_the_identifiers_are_null(void **state)
{
	(void)state;
	builder *b = builder_new(0);
	dataset *ds = fixture_build_with(&FACTS, b);
	assert_non_null(ds);
	builder_free(b);
	expect_rows(ds, T_LEERLINGEN, "P,~,~,2009-06-01,~,~,2025-07-01\nQ,~,~,2016-01-01,~,~,~\n");
	dataset_free(ds);
}

static void hours_have_no_trailing_zeros(void **state)
{
	(void)state;
	static const struct {
		int32_t hundredths;
		const char *text;
	} CASES[] = {{0, "0"},	   {5, "0.05"},	   {50, "0.5"},	   {100, "1"},	     {1200, "12"},
		     {1250, "12.5"}, {1225, "12.25"}, {1205, "12.05"}, {99999, "999.99"}, {100000, "1000"}};
	for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
		char out[16];
		format_uren(CASES[i].hundredths, out);
		assert_string_equal(out, CASES[i].text);
	}
}

/* ---- status and telling as CSV and JSON ------------------------------------------- */

/* On 2025-11-01: L LRV (VO, 48 days, no place), A AV lang at GM0003 (no
 * SWV), V a permanent 5a at school, W LRV without residence, T dreigend,
 * and "X,Y" (an id with a comma) LRV. */
static const fixture RESULTS = {
	.leerlingen = "L,,,2012-03-10,,,\nA,,,2012-03-10,,,\nV,,,2012-03-10,,,\nW,,,2012-03-10,,,\n"
		      "T,,,2012-03-10,,,\n\"X,Y\",,,2012-03-10,,,\nOK,,,2012-03-10,,,\n",
	.woonadressen = "L,GM0001,2012-03-10,,0\nA,GM0003,2012-03-10,,0\nV,GM0001,2012-03-10,,0\n"
			"T,GM0001,2012-03-10,,0\n\"X,Y\",GM0001,2012-03-10,,0\nOK,GM0001,2012-03-10,,0\n",
	.inschrijvingen = "L,20BB,00,2024-08-01,\nV,20BB,00,2024-08-01,\nW,70GG,00,2024-08-01,\n"
			  "T,20BB,00,2024-08-01,\n\"X,Y\",20BB,00,2024-08-01,\nOK,20BB,00,2024-08-01,\n",
	.verzuim = "L,20BB,00,ongeoorloofd,2025-09-15,,\nW,70GG,00,ongeoorloofd,2025-06-02,,\n"
		   "T,20BB,00,ongeoorloofd,2025-10-20,,\n\"X,Y\",20BB,00,ongeoorloofd,2025-09-15,,\n",
	.vrijstellingen = "V,5a,verleend,2018-12-01,2019-01-01,\n",
};

/* The only place that names the status-list and report APIs, so a change of
 * those touches these three functions, not the tests. */

/* The status list of SPEC 4.1 on d, straight from the core (this test is of
 * the output layer, so it does not link the app's threaded query). */
static void status_of(const dataset *ds, day_t d, status_rows *out)
{
	*out = (status_rows){0};
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		classification c;
		classify(ds, p, d, &c);
		if (!c.in_scope || c.cat == CAT_GEEN)
			continue;
		if (out->n == out->cap) {
			out->cap = out->cap ? 2 * out->cap : 16;
			out->rows = realloc(out->rows, out->cap * sizeof *out->rows);
			assert_non_null(out->rows);
		}
		status_row_of(p, &c, &out->rows[out->n++]);
	}
}

/* The status CSV for the n peildata (several: a leading peildatum column). */
static void status_csv(const dataset *ds, const char *const *days, size_t n, strbuf *out)
{
	status_rows lists[4] = {{0}};
	day_t dd[4];
	assert_true(n <= 4);
	for (size_t k = 0; k < n; k++) {
		dd[k] = D(days[k]);
		status_of(ds, dd[k], &lists[k]);
	}
	report_status(out, ds, lists, dd, n, FMT_CSV);
	for (size_t k = 0; k < n; k++)
		status_rows_free(&lists[k]);
}

static json_t *status_json_of(const dataset *ds, uint32_t p, const classification *c)
{
	status_row row;
	status_row_of(p, c, &row);
	return status_json(ds, &row);
}

/* The telling of SPEC 5 on d, straight from the core. */
static void telling_of(const dataset *ds, day_t d, view v, telling *t)
{
	telling_init(t, ds, v);
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		classification c;
		classify(ds, p, d, &c);
		telling_add(t, ds, &c);
	}
}

/* The telling CSV of one peildatum, of one gebied (by code) or all (NULL). */
static void telling_csv(const dataset *ds, const telling *t, day_t d, const char *only, strbuf *out)
{
	size_t gebieden[64], n = 0;
	assert_true(t->n_gebieden <= 64);
	for (size_t g = 0; g < t->n_gebieden; g++)
		if (!only || strcmp(gebied_code(ds, t->view, g), only) == 0)
			gebieden[n++] = g;
	const telling *one[1] = {t};
	report_telling(out, ds, one, NULL, &d, 1, gebieden, n, FMT_CSV);
}

static void status_csv_is_the_contract_of_spec_4_1(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&RESULTS, NULL);
	assert_non_null(ds);
	strbuf out = STRBUF_INIT;
	status_csv(ds, (const char *[]){PEIL}, 1, &out);
	/* By leerling_id in byte order; GEEN (OK) is not listed; no start for
	 * a vrijstelling; zonder_passend_aanbod only for AV and LRV; empty where
	 * there is no residence or school. */
	assert_string_equal(sb_str(&out),
			    "leerling_id,categorie,sector,startdatum,duur_dagen,langer_dan_3_maanden,zonder_passend_aanbod,"
			    "gemeentecode,brin,vestiging\n"
			    "A,AV,VO,2017-04-01,3137,1,1,GM0003,,\n"
			    "L,LRV,VO,2025-09-15,48,0,1,GM0001,20BB,00\n"
			    "T,DREIGEND,VO,2025-10-20,13,0,0,GM0001,20BB,00\n"
			    "V,VRIJSTELLING_5A_PERMANENT,VO,,,0,0,GM0001,20BB,00\n"
			    "W,LRV,VO,2025-06-02,153,1,1,,70GG,00\n"
			    "\"X,Y\",LRV,VO,2025-09-15,48,0,1,GM0001,20BB,00\n");
	/* With several peildata a leading peildatum column. */
	sb_reset(&out);
	status_csv(ds, (const char *[]){"2025-10-01", PEIL}, 2, &out);
	const char *text = sb_str(&out);
	assert_memory_equal(text, "peildatum,leerling_id,categorie,", 31);
	assert_non_null(strstr(text, "\n2025-10-01,A,AV,VO,2017-04-01,3106,1,1,GM0003,,\n"));
	assert_non_null(strstr(text, "\n2025-11-01,L,LRV,VO,2025-09-15,48,0,1,GM0001,20BB,00\n"));
	sb_free(&out);
	dataset_free(ds);
}

static char *json_of(json_t *j)
{
	strbuf sb = STRBUF_INIT;
	json_append(&sb, j, 0);
	json_decref(j);
	return sb.data;
}

static void status_json_uses_numbers_booleans_and_null(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&RESULTS, NULL);
	assert_non_null(ds);
	const char *id[] = {"L", "V", "W", "A"};
	const char *want[] = {
		"{\"leerling_id\":\"L\",\"categorie\":\"LRV\",\"sector\":\"VO\",\"startdatum\":\"2025-09-15\","
		"\"duur_dagen\":48,\"langer_dan_3_maanden\":false,\"zonder_passend_aanbod\":true,"
		"\"gemeentecode\":\"GM0001\",\"brin\":\"20BB\",\"vestiging\":\"00\"}",
		"{\"leerling_id\":\"V\",\"categorie\":\"VRIJSTELLING_5A_PERMANENT\",\"sector\":\"VO\",\"startdatum\":null,"
		"\"duur_dagen\":null,\"langer_dan_3_maanden\":false,\"zonder_passend_aanbod\":false,"
		"\"gemeentecode\":\"GM0001\",\"brin\":\"20BB\",\"vestiging\":\"00\"}",
		"{\"leerling_id\":\"W\",\"categorie\":\"LRV\",\"sector\":\"VO\",\"startdatum\":\"2025-06-02\","
		"\"duur_dagen\":153,\"langer_dan_3_maanden\":true,\"zonder_passend_aanbod\":true,"
		"\"gemeentecode\":null,\"brin\":\"70GG\",\"vestiging\":\"00\"}",
		"{\"leerling_id\":\"A\",\"categorie\":\"AV\",\"sector\":\"VO\",\"startdatum\":\"2017-04-01\","
		"\"duur_dagen\":3137,\"langer_dan_3_maanden\":true,\"zonder_passend_aanbod\":true,"
		"\"gemeentecode\":\"GM0003\",\"brin\":null,\"vestiging\":null}",
	};
	for (size_t i = 0; i < 4; i++) {
		int32_t p = dataset_pupil(ds, id[i], strlen(id[i]));
		classification c;
		classify(ds, (uint32_t)p, D(PEIL), &c);
		char *got = json_of(status_json_of(ds, (uint32_t)p, &c));
		assert_string_equal(got, want[i]);
		free(got);
	}
	/* Out of scope, the explanation has no classification: null. */
	fixture f = {.leerlingen = "P,,,2021-06-01,,,\n", .woonadressen = "P,GM0001,2021-06-01,,0\n"};
	dataset *young = fixture_build(&f, NULL);
	classification c;
	classify(young, 0, D(PEIL), &c);
	explanation ex;
	explain(young, 0, &c, &ex);
	char *got = json_of(uitleg_json(young, 0, &c, &ex));
	assert_memory_equal(got, "{\"leerling_id\":\"P\",\"peildatum\":\"2025-11-01\",\"in_beeld\":false,\"classificatie\":null,",
			    strlen("{\"leerling_id\":\"P\",\"peildatum\":\"2025-11-01\",\"in_beeld\":false,\"classificatie\":null,"));
	free(got);
	explanation_free(&ex);
	dataset_free(young);
	dataset_free(ds);
}

static void telling_rows_as_csv_and_json(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&RESULTS, NULL);
	assert_non_null(ds);
	telling t;
	day_t d = D(PEIL);
	telling_of(ds, d, VIEW_GEMEENTE, &t);
	strbuf out = STRBUF_INIT;
	telling_csv(ds, &t, d, "GM0001", &out);
	/* GM0001 only: L, T, V, X,Y and OK live there; 2 thuiszitters of 5. */
	assert_string_equal(sb_str(&out),
			    "gebied,peildatum,regel,korter_dan_3_maanden,3_maanden_of_langer,totaal\n"
			    "GM0001,2025-11-01,AV_PO,0,0,0\n"
			    "GM0001,2025-11-01,AV_VO,0,0,0\n"
			    "GM0001,2025-11-01,AV_VO_WAARVAN_OVERSTAP_MBO,0,0,0\n"
			    "GM0001,2025-11-01,LRV_PO,0,0,0\n"
			    "GM0001,2025-11-01,LRV_VO,2,0,2\n"
			    "GM0001,2025-11-01,THUISZITTERS_TOTAAL,2,0,2\n"
			    "GM0001,2025-11-01,THUISZITTERS_LANG_ZONDER_AANBOD,,0,0\n"
			    "GM0001,2025-11-01,LEERPLICHTIGEN,,,5\n"
			    "GM0001,2025-11-01,THUISZITTERS_PER_1000,,,400.00\n"
			    "GM0001,2025-11-01,VRIJSTELLING_5A_TIJDELIJK,,,0\n"
			    "GM0001,2025-11-01,VRIJSTELLING_5A_PERMANENT,,,1\n"
			    "GM0001,2025-11-01,VRIJSTELLING_5B,,,0\n"
			    "GM0001,2025-11-01,VRIJSTELLING_5C,,,0\n"
			    "GM0001,2025-11-01,LANGDURIG_ZIEK,0,0,0\n"
			    "GM0001,2025-11-01,GESCHORST_VERWIJDERD,0,0,0\n"
			    "GM0001,2025-11-01,AV_NIET_GETELD_KORT,,,0\n"
			    "GM0001,2025-11-01,AV_NIET_GETELD_5C,,,0\n"
			    "GM0001,2025-11-01,AV_NIET_GETELD_ADRES,,,0\n");
	/* JSON: the same names, null for the empty parts, the rate a number. */
	char *got = json_of(telling_row_json(ds, &t, 0, d, R_LRV_VO));
	assert_string_equal(got, "{\"gebied\":\"GM0001\",\"peildatum\":\"2025-11-01\",\"regel\":\"LRV_VO\","
				 "\"korter_dan_3_maanden\":2,\"3_maanden_of_langer\":0,\"totaal\":2}");
	free(got);
	got = json_of(telling_row_json(ds, &t, 0, d, R_THUISZITTERS_LANG_ZONDER_AANBOD));
	assert_string_equal(got, "{\"gebied\":\"GM0001\",\"peildatum\":\"2025-11-01\",\"regel\":"
				 "\"THUISZITTERS_LANG_ZONDER_AANBOD\",\"korter_dan_3_maanden\":null,"
				 "\"3_maanden_of_langer\":0,\"totaal\":0}");
	free(got);
	got = json_of(telling_row_json(ds, &t, 0, d, R_LEERPLICHTIGEN));
	assert_string_equal(got, "{\"gebied\":\"GM0001\",\"peildatum\":\"2025-11-01\",\"regel\":\"LEERPLICHTIGEN\","
				 "\"korter_dan_3_maanden\":null,\"3_maanden_of_langer\":null,\"totaal\":5}");
	free(got);
	got = json_of(telling_row_json(ds, &t, 0, d, R_THUISZITTERS_PER_1000));
	assert_string_equal(got, "{\"gebied\":\"GM0001\",\"peildatum\":\"2025-11-01\",\"regel\":\"THUISZITTERS_PER_1000\","
				 "\"korter_dan_3_maanden\":null,\"3_maanden_of_langer\":null,\"totaal\":400.0}");
	free(got);
	/* GM0002: nobody in scope, so no rate: null, not 0. */
	got = json_of(telling_row_json(ds, &t, 1, d, R_THUISZITTERS_PER_1000));
	assert_string_equal(got, "{\"gebied\":\"GM0002\",\"peildatum\":\"2025-11-01\",\"regel\":\"THUISZITTERS_PER_1000\","
				 "\"korter_dan_3_maanden\":null,\"3_maanden_of_langer\":null,\"totaal\":null}");
	free(got);
	sb_reset(&out);
	telling_csv(ds, &t, d, NULL, &out);
	assert_non_null(strstr(sb_str(&out), "\nGM0002,2025-11-01,THUISZITTERS_PER_1000,,,\n"));
	assert_non_null(strstr(sb_str(&out), "\nGM0003,2025-11-01,AV_VO,0,1,1\n"));
	telling_free(&t);
	sb_free(&out);
	dataset_free(ds);
}

static void a_rate_with_decimals_is_a_json_number(void **state)
{
	(void)state;
	/* 1 of 3: "333.33" in CSV, 333.33 in JSON. */
	fixture f = {.leerlingen = "A,,,2012-03-10,,,\nB,,,2012-03-10,,,\nC,,,2012-03-10,,,\n",
		     .woonadressen = "A,GM0001,2012-03-10,,0\nB,GM0001,2012-03-10,,0\nC,GM0001,2012-03-10,,0\n",
		     .inschrijvingen = "A,20BB,00,2024-08-01,\nB,20BB,00,2024-08-01,\nC,20BB,00,2024-08-01,\n",
		     .verzuim = "A,20BB,00,ongeoorloofd,2025-09-15,,\n"};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	telling t;
	day_t d = D(PEIL);
	telling_of(ds, d, VIEW_GEMEENTE, &t);
	char *got = json_of(telling_row_json(ds, &t, 0, d, R_THUISZITTERS_PER_1000));
	assert_non_null(strstr(got, "\"totaal\":333.33}"));
	free(got);
	strbuf out = STRBUF_INIT;
	telling_csv(ds, &t, d, NULL, &out);
	assert_non_null(strstr(sb_str(&out), "\nGM0001,2025-11-01,THUISZITTERS_PER_1000,,,333.33\n"));
	sb_free(&out);
	telling_free(&t);
	dataset_free(ds);
}

static void csv_fields_are_quoted_only_when_needed(void **state)
{
	(void)state;
	strbuf out = STRBUF_INIT;
	csv_field(&out, "gewoon");
	sb_putc(&out, '|');
	csv_field(&out, "a,b");
	sb_putc(&out, '|');
	csv_field(&out, "zei \"nee\"");
	sb_putc(&out, '|');
	csv_field(&out, "twee\nregels");
	sb_putc(&out, '|');
	csv_field(&out, "cr\r");
	sb_putc(&out, '|');
	csv_field(&out, "");
	assert_string_equal(sb_str(&out), "gewoon|\"a,b\"|\"zei \"\"nee\"\"\"|\"twee\nregels\"|\"cr\r\"|");
	sb_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(canonical_rows_of_every_table),
		cmocka_unit_test(the_canonical_rows_build_the_same_dataset),
		cmocka_unit_test(one_pupils_rows),
		cmocka_unit_test(without_identity_the_identifiers_are_null),
		cmocka_unit_test(hours_have_no_trailing_zeros),
		cmocka_unit_test(status_csv_is_the_contract_of_spec_4_1),
		cmocka_unit_test(status_json_uses_numbers_booleans_and_null),
		cmocka_unit_test(telling_rows_as_csv_and_json),
		cmocka_unit_test(a_rate_with_decimals_is_a_json_number),
		cmocka_unit_test(csv_fields_are_quoted_only_when_needed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
