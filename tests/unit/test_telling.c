/* The Resultaatschema of SPEC 5 (src/core/telling.c): every regel with its
 * shape, which pupils count in which gebied per gemeente and per SWV, the
 * denominators, the rate per 1,000 rounded half up on the exact fraction, and
 * merging partial tellingen. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/telling.h"
#include "../../src/util/strbuf.h"

#define PEIL "2025-11-01"

/* One line per regel, "CODE,kort,lang,totaal" with empty parts left empty:
 * the shape of SPEC 5 as the CONTRACT output shows it. */
static void table_text(const telling *t, size_t g, strbuf *out)
{
	for (int r = 0; r < R_COUNT; r++) {
		telling_value v;
		telling_value_of(t, g, (regel)r, &v);
		sb_printf(out, "%s,", REGELS[r].code);
		if (v.has_kort)
			sb_printf(out, "%lld", (long long)v.kort);
		sb_putc(out, ',');
		if (v.has_lang)
			sb_printf(out, "%lld", (long long)v.lang);
		sb_putc(out, ',');
		if (v.is_rate)
			sb_puts(out, v.rate);
		else if (v.has_totaal)
			sb_printf(out, "%lld", (long long)v.totaal);
		sb_putc(out, '\n');
	}
}

static const char *row_text(const telling *t, size_t g, regel r, char *buf, size_t size)
{
	strbuf all = STRBUF_INIT;
	table_text(t, g, &all);
	const char *line = sb_str(&all);
	for (int i = 0; i < (int)r; i++)
		line = strchr(line, '\n') + 1;
	const char *end = strchr(line, '\n');
	snprintf(buf, size, "%.*s", (int)(end - line), line);
	sb_free(&all);
	return buf;
}

static size_t gebied(const dataset *ds, view v, const char *code)
{
	int32_t i = v == VIEW_GEMEENTE ? dataset_gemeente(ds, code, strlen(code)) : dataset_swv(ds, code, strlen(code));
	assert_int_not_equal(i, NO_REF);
	return (size_t)i;
}

/* Count every pupil of ds on the peildatum. */
static void count(const dataset *ds, const char *d, view v, telling *t)
{
	telling_init(t, ds, v);
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		classification c;
		classify(ds, p, D(d), &c);
		telling_add(t, ds, &c);
	}
}

static void expect_table(const telling *t, const dataset *ds, const char *code, const char *want)
{
	strbuf got = STRBUF_INIT;
	table_text(t, gebied(ds, t->view, code), &got);
	if (strcmp(sb_str(&got), want) != 0)
		fail_msg("%s:\n%s\nexpected:\n%s", code, sb_str(&got), want);
	sb_free(&got);
}

static void expect_row(const telling *t, const dataset *ds, const char *code, regel r, const char *want)
{
	char buf[128];
	assert_string_equal(row_text(t, gebied(ds, t->view, code), r, buf, sizeof buf), want);
}

/* ---- a region with a pupil in every categorie ---------------------------- */

/* On 2025-11-01, with the reference data of helpers.h (no holidays):
 *   GM0001  A1 AV VO lang (left 20BB in March)       A2 AV VO kort, mbo from February
 *           A3 AV PO kort (arrived in September)     A4 AV VO lang, with a place since June
 *           L1 LRV PO kort (10AA)   L2 LRV VO lang   Z1/Z2 langdurig ziek kort/lang
 *           G1/G2 geschorst kort / verwijderd lang   T1 dreigend (12 days)
 *           V1 5a tijdelijk  V2 5a permanent (enrolled at 20BB)  V3 5b  V4 5c  V5 11g
 *           N1 AV_KORT  N2 5c requested  N3 address in onderzoek  OK at school
 *           OLD (18) and YNG (4): not in scope
 *   GM0002  B1 LRV VO lang (70GG)  B2 at school at 20BB  B3 LRV kort at the mbo 30CC
 *   GM0003  C1 AV VO lang, never enrolled (GM0003 lies in no SWV region)
 *   abroad  W1 LRV VO lang at 70GG, no residence in the Netherlands */
static const fixture REGION = {
	.leerlingen = "A1,,,2012-03-10,,,\nA2,,,2009-06-01,,,\nA3,,,2019-03-01,,,\nA4,,,2012-03-10,,,\n"
		      "L1,,,2017-05-01,,,\nL2,,,2012-03-10,,,\nZ1,,,2012-03-10,,,\nZ2,,,2012-03-10,,,\n"
		      "G1,,,2012-03-10,,,\nG2,,,2012-03-10,,,\nT1,,,2012-03-10,,,\n"
		      "V1,,,2012-03-10,,,\nV2,,,2012-03-10,,,\nV3,,,2012-03-10,,,\nV4,,,2012-03-10,,,\n"
		      "V5,,,2012-03-10,,,\nN1,,,2012-03-10,,,\nN2,,,2012-03-10,,,\nN3,,,2012-03-10,,,\n"
		      "OK,,,2012-03-10,,,\nOLD,,,2005-01-01,,,\nYNG,,,2021-06-01,,,\n"
		      "B1,,,2012-03-10,,,\nB2,,,2012-03-10,,,\nB3,,,2009-06-01,,,\nC1,,,2012-03-10,,,\n"
		      "W1,,,2012-03-10,,,\n",
	.woonadressen = "A1,GM0001,2012-03-10,,0\nA2,GM0001,2009-06-01,,0\nA3,GM0001,2025-09-01,,0\n"
			"A4,GM0001,2012-03-10,,0\nL1,GM0001,2017-05-01,,0\nL2,GM0001,2012-03-10,,0\n"
			"Z1,GM0001,2012-03-10,,0\nZ2,GM0001,2012-03-10,,0\nG1,GM0001,2012-03-10,,0\n"
			"G2,GM0001,2012-03-10,,0\nT1,GM0001,2012-03-10,,0\nV1,GM0001,2012-03-10,,0\n"
			"V2,GM0001,2012-03-10,,0\nV3,GM0001,2012-03-10,,0\nV4,GM0001,2012-03-10,,0\n"
			"V5,GM0001,2012-03-10,,0\nN1,GM0001,2012-03-10,,0\nN2,GM0001,2012-03-10,,0\n"
			"N3,GM0001,2012-03-10,2025-06-30,0\nN3,GM0001,2025-07-01,,1\nOK,GM0001,2012-03-10,,0\n"
			"OLD,GM0001,2005-01-01,,0\nYNG,GM0001,2021-06-01,,0\nB1,GM0002,2012-03-10,,0\n"
			"B2,GM0002,2012-03-10,,0\nB3,GM0002,2009-06-01,,0\nC1,GM0003,2012-03-10,,0\n",
	.inschrijvingen = "A1,20BB,00,2024-08-01,2025-03-31\nA2,20BB,00,2021-08-01,2025-09-19\n"
			  "A2,30CC,00,2026-02-01,\nA4,20BB,00,2024-08-01,2025-03-31\nL1,10AA,00,2022-08-01,\n"
			  "L2,20BB,00,2024-08-01,\nZ1,20BB,00,2024-08-01,\nZ2,20BB,00,2024-08-01,\n"
			  "G1,20BB,00,2024-08-01,\nG2,20BB,00,2024-08-01,\nT1,20BB,00,2024-08-01,\n"
			  "V2,20BB,00,2024-08-01,\nN1,20BB,00,2024-08-01,2025-10-14\nOK,20BB,00,2024-08-01,\n"
			  "B1,70GG,00,2024-08-01,\nB2,20BB,00,2024-08-01,\nB3,30CC,00,2025-08-01,\n"
			  "W1,70GG,00,2024-08-01,\n",
	.verzuim = "L1,10AA,00,ongeoorloofd,2025-09-15,,\nL2,20BB,00,ongeoorloofd,2025-06-02,,\n"
		   "Z1,20BB,00,ziek,2025-09-15,,\nZ2,20BB,00,ziek,2025-05-01,,\n"
		   "G1,20BB,00,schorsing,2025-10-27,2025-11-07,\nG2,20BB,00,verwijdering,2025-06-01,,\n"
		   "T1,20BB,00,ongeoorloofd,2025-10-20,,\nB1,70GG,00,ongeoorloofd,2025-06-02,,\n"
		   "B3,30CC,00,ongeoorloofd,2025-09-01,,\nW1,70GG,00,ongeoorloofd,2025-06-02,,\n",
	.vrijstellingen = "V1,5a,verleend,2024-12-01,2025-01-01,2026-07-31\nV2,5a,verleend,2018-12-01,2019-01-01,\n"
			  "V3,5b,verleend,2025-06-01,2025-08-01,2026-07-31\n"
			  "V4,5c,verleend,2025-06-01,2025-08-01,2026-07-31\n"
			  "V5,11g,verleend,2025-09-01,2025-10-01,2025-11-30\nN2,5c,aangevraagd,2025-09-01,,\n",
	.aanbod = "A4,2025-05-01,2025-06-01,onderwijs\n",
};

/* REGION counted on PEIL in the view; the caller frees both. */
static dataset *count_region(view v, telling *t)
{
	dataset *ds = fixture_build(&REGION, NULL);
	assert_non_null(ds);
	count(ds, PEIL, v, t);
	return ds;
}

static void every_regel_per_gemeente(void **state)
{
	(void)state;
	telling t;
	dataset *ds = count_region(VIEW_GEMEENTE, &t);
	/* THUISZITTERS_TOTAAL = AV_PO + AV_VO + LRV_PO + LRV_VO; of the six, A1
	 * and L2 are 3 months or longer without a place (A4 has one); twenty of
	 * the pupils living here are in scope (not OLD and YNG); T1 (dreigend)
	 * and V5 (11g) count only as leerplichtigen. */
	expect_table(&t, ds, "GM0001",
		     "AV_PO,1,0,1\n"
		     "AV_VO,1,2,3\n"
		     "AV_VO_WAARVAN_OVERSTAP_MBO,1,0,1\n"
		     "LRV_PO,1,0,1\n"
		     "LRV_VO,0,1,1\n"
		     "THUISZITTERS_TOTAAL,3,3,6\n"
		     "THUISZITTERS_LANG_ZONDER_AANBOD,,2,2\n"
		     "LEERPLICHTIGEN,,,20\n"
		     "THUISZITTERS_PER_1000,,,300.00\n"
		     "VRIJSTELLING_5A_TIJDELIJK,,,1\n"
		     "VRIJSTELLING_5A_PERMANENT,,,1\n"
		     "VRIJSTELLING_5B,,,1\n"
		     "VRIJSTELLING_5C,,,1\n"
		     "LANGDURIG_ZIEK,1,1,2\n"
		     "GESCHORST_VERWIJDERD,1,1,2\n"
		     "AV_NIET_GETELD_KORT,,,1\n"
		     "AV_NIET_GETELD_5C,,,1\n"
		     "AV_NIET_GETELD_ADRES,,,1\n");
	/* By residence: B2 goes to school in GM0001 but lives here; B3's mbo
	 * counts in VO. */
	expect_table(&t, ds, "GM0002",
		     "AV_PO,0,0,0\n"
		     "AV_VO,0,0,0\n"
		     "AV_VO_WAARVAN_OVERSTAP_MBO,0,0,0\n"
		     "LRV_PO,0,0,0\n"
		     "LRV_VO,1,1,2\n"
		     "THUISZITTERS_TOTAAL,1,1,2\n"
		     "THUISZITTERS_LANG_ZONDER_AANBOD,,1,1\n"
		     "LEERPLICHTIGEN,,,3\n"
		     "THUISZITTERS_PER_1000,,,666.67\n"
		     "VRIJSTELLING_5A_TIJDELIJK,,,0\n"
		     "VRIJSTELLING_5A_PERMANENT,,,0\n"
		     "VRIJSTELLING_5B,,,0\n"
		     "VRIJSTELLING_5C,,,0\n"
		     "LANGDURIG_ZIEK,0,0,0\n"
		     "GESCHORST_VERWIJDERD,0,0,0\n"
		     "AV_NIET_GETELD_KORT,,,0\n"
		     "AV_NIET_GETELD_5C,,,0\n"
		     "AV_NIET_GETELD_ADRES,,,0\n");
	expect_row(&t, ds, "GM0003", R_AV_VO, "AV_VO,0,1,1");
	expect_row(&t, ds, "GM0003", R_LEERPLICHTIGEN, "LEERPLICHTIGEN,,,1");
	expect_row(&t, ds, "GM0003", R_THUISZITTERS_PER_1000, "THUISZITTERS_PER_1000,,,1000.00");
	/* W1 lives in no gemeente: counted nowhere per gemeente. */
	int64_t lrv = 0, lp = 0;
	for (size_t g = 0; g < t.n_gebieden; g++) {
		telling_value v;
		telling_value_of(&t, g, R_LRV_VO, &v);
		lrv += v.totaal;
		telling_value_of(&t, g, R_LEERPLICHTIGEN, &v);
		lp += v.totaal;
	}
	assert_int_equal(lrv, 1 + 2); /* L2, B1 and B3 */
	assert_int_equal(lp, 20 + 3 + 1);
	telling_free(&t);
	dataset_free(ds);
}

static void every_regel_per_swv(void **state)
{
	(void)state;
	telling t;
	dataset *ds = count_region(VIEW_SWV, &t);
	/* VO0001 (20BB): A1, A2, A4 and N1 through their last enrolment, the rest
	 * enrolled; the denominator is only the nine enrolled on D (L2 Z1 Z2 G1
	 * G2 T1 V2 OK B2), so 4 of 9. V2's permanent 5a counts here because V2
	 * is enrolled; V1, V3, V4, V5 were never enrolled and belong to no SWV. */
	expect_table(&t, ds, "VO0001",
		     "AV_PO,0,0,0\n"
		     "AV_VO,1,2,3\n"
		     "AV_VO_WAARVAN_OVERSTAP_MBO,1,0,1\n"
		     "LRV_PO,0,0,0\n"
		     "LRV_VO,0,1,1\n"
		     "THUISZITTERS_TOTAAL,1,3,4\n"
		     "THUISZITTERS_LANG_ZONDER_AANBOD,,2,2\n"
		     "LEERPLICHTIGEN,,,9\n"
		     "THUISZITTERS_PER_1000,,,444.44\n"
		     "VRIJSTELLING_5A_TIJDELIJK,,,0\n"
		     "VRIJSTELLING_5A_PERMANENT,,,1\n"
		     "VRIJSTELLING_5B,,,0\n"
		     "VRIJSTELLING_5C,,,0\n"
		     "LANGDURIG_ZIEK,1,1,2\n"
		     "GESCHORST_VERWIJDERD,1,1,2\n"
		     "AV_NIET_GETELD_KORT,,,1\n"
		     "AV_NIET_GETELD_5C,,,0\n"
		     "AV_NIET_GETELD_ADRES,,,0\n");
	/* VO0002 (70GG): B1 and W1 (who lives abroad) enrolled; N2 and N3 never
	 * enrolled, by the region of GM0001 (VO0002 is its only VO SWV). */
	expect_table(&t, ds, "VO0002",
		     "AV_PO,0,0,0\n"
		     "AV_VO,0,0,0\n"
		     "AV_VO_WAARVAN_OVERSTAP_MBO,0,0,0\n"
		     "LRV_PO,0,0,0\n"
		     "LRV_VO,0,2,2\n"
		     "THUISZITTERS_TOTAAL,0,2,2\n"
		     "THUISZITTERS_LANG_ZONDER_AANBOD,,2,2\n"
		     "LEERPLICHTIGEN,,,2\n"
		     "THUISZITTERS_PER_1000,,,1000.00\n"
		     "VRIJSTELLING_5A_TIJDELIJK,,,0\n"
		     "VRIJSTELLING_5A_PERMANENT,,,0\n"
		     "VRIJSTELLING_5B,,,0\n"
		     "VRIJSTELLING_5C,,,0\n"
		     "LANGDURIG_ZIEK,0,0,0\n"
		     "GESCHORST_VERWIJDERD,0,0,0\n"
		     "AV_NIET_GETELD_KORT,,,0\n"
		     "AV_NIET_GETELD_5C,,,1\n"
		     "AV_NIET_GETELD_ADRES,,,1\n");
	/* PO0001: A3, never enrolled, by region (GM0001 lies in PO0001 and
	 * PO0002: the lowest code). Nobody is enrolled there: no rate. */
	expect_row(&t, ds, "PO0001", R_AV_PO, "AV_PO,1,0,1");
	expect_row(&t, ds, "PO0001", R_LEERPLICHTIGEN, "LEERPLICHTIGEN,,,0");
	expect_row(&t, ds, "PO0001", R_THUISZITTERS_PER_1000, "THUISZITTERS_PER_1000,,,");
	/* PO0002: L1 at the BAO 10AA (its swv_po). */
	expect_row(&t, ds, "PO0002", R_LRV_PO, "LRV_PO,1,0,1");
	expect_row(&t, ds, "PO0002", R_LEERPLICHTIGEN, "LEERPLICHTIGEN,,,1");
	/* B3 at the mbo and C1 (GM0003, in no region) belong to no SWV. */
	int64_t tz = 0;
	for (size_t g = 0; g < t.n_gebieden; g++) {
		telling_value v;
		telling_value_of(&t, g, R_THUISZITTERS_TOTAAL, &v);
		tz += v.totaal;
	}
	assert_int_equal(tz, 4 + 2 + 1 + 1);
	telling_free(&t);
	dataset_free(ds);
}

static void the_regels_are_those_of_spec_5_in_order(void **state)
{
	(void)state;
	static const char *const SPEC5[R_COUNT] = {
		"AV_PO", "AV_VO", "AV_VO_WAARVAN_OVERSTAP_MBO", "LRV_PO", "LRV_VO", "THUISZITTERS_TOTAAL",
		"THUISZITTERS_LANG_ZONDER_AANBOD", "LEERPLICHTIGEN", "THUISZITTERS_PER_1000", "VRIJSTELLING_5A_TIJDELIJK",
		"VRIJSTELLING_5A_PERMANENT", "VRIJSTELLING_5B", "VRIJSTELLING_5C", "LANGDURIG_ZIEK", "GESCHORST_VERWIJDERD",
		"AV_NIET_GETELD_KORT", "AV_NIET_GETELD_5C", "AV_NIET_GETELD_ADRES",
	};
	for (int r = 0; r < R_COUNT; r++) {
		assert_string_equal(REGELS[r].code, SPEC5[r]);
		assert_non_null(REGELS[r].label);
	}
}

/* ---- the rate ------------------------------------------------------------ */

/* n pupils of gemeente gm at school, the first lrv of them long absent. */
static void add_pupils(strbuf *ll, strbuf *wa, strbuf *ins, strbuf *vz, const char *gm, int n, int lrv)
{
	for (int i = 0; i < n; i++) {
		sb_printf(ll, "%s-%03d,,,2012-03-10,,,\n", gm, i);
		sb_printf(wa, "%s-%03d,%s,2012-03-10,,0\n", gm, i, gm);
		sb_printf(ins, "%s-%03d,20BB,00,2024-08-01,\n", gm, i);
		if (i < lrv)
			sb_printf(vz, "%s-%03d,20BB,00,ongeoorloofd,2025-06-02,,\n", gm, i);
	}
}

static void the_rate_is_rounded_half_up_on_the_exact_fraction(void **state)
{
	(void)state;
	/* 29 of 64 = 453.125 exactly: up to 453.13 (a binary double holds it
	 * exactly too, and rounding half to even would give 453.12); 1 of 3 =
	 * 333.333...: 333.33. */
	strbuf ll = STRBUF_INIT, wa = STRBUF_INIT, ins = STRBUF_INIT, vz = STRBUF_INIT;
	add_pupils(&ll, &wa, &ins, &vz, "GM0001", 64, 29);
	add_pupils(&ll, &wa, &ins, &vz, "GM0002", 3, 1);
	fixture f = {.leerlingen = sb_str(&ll), .woonadressen = sb_str(&wa), .inschrijvingen = sb_str(&ins),
		     .verzuim = sb_str(&vz)};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	telling t;
	count(ds, PEIL, VIEW_GEMEENTE, &t);
	expect_row(&t, ds, "GM0001", R_THUISZITTERS_TOTAAL, "THUISZITTERS_TOTAAL,0,29,29");
	expect_row(&t, ds, "GM0001", R_LEERPLICHTIGEN, "LEERPLICHTIGEN,,,64");
	expect_row(&t, ds, "GM0001", R_THUISZITTERS_PER_1000, "THUISZITTERS_PER_1000,,,453.13");
	expect_row(&t, ds, "GM0002", R_THUISZITTERS_PER_1000, "THUISZITTERS_PER_1000,,,333.33");
	/* An empty denominator leaves the rate empty, not 0.00. */
	expect_row(&t, ds, "GM0003", R_LEERPLICHTIGEN, "LEERPLICHTIGEN,,,0");
	expect_row(&t, ds, "GM0003", R_THUISZITTERS_PER_1000, "THUISZITTERS_PER_1000,,,");
	telling_value v;
	telling_value_of(&t, gebied(ds, VIEW_GEMEENTE, "GM0003"), R_THUISZITTERS_PER_1000, &v);
	assert_true(v.is_rate);
	assert_false(v.has_totaal || v.has_kort || v.has_lang);
	telling_free(&t);
	dataset_free(ds);
	sb_free(&ll);
	sb_free(&wa);
	sb_free(&ins);
	sb_free(&vz);
}

static void per_1000_at_the_rounding_boundary(void **state)
{
	(void)state;
	char b[32];
	/* Exactly half a hundredth rounds up; a hair under it rounds down. */
	assert_true(per_1000(1, 200000, b)); /* 0.005 */
	assert_string_equal(b, "0.01");
	assert_true(per_1000(1, 200001, b)); /* 0.0049999... */
	assert_string_equal(b, "0.00");
	assert_true(per_1000(3, 8, b)); /* 375 */
	assert_string_equal(b, "375.00");
	assert_true(per_1000(1, 7, b)); /* 142.857... */
	assert_string_equal(b, "142.86");
	assert_true(per_1000(2000000, 2600000, b)); /* 769.2307... at national scale */
	assert_string_equal(b, "769.23");
	assert_false(per_1000(0, 0, b));
	assert_string_equal(b, "");
}

/* ---- merging ---------------------------------------------------------------- */

static void partial_tellingen_merge_to_the_whole(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&REGION, NULL);
	assert_non_null(ds);
	for (int v = VIEW_GEMEENTE; v <= VIEW_SWV; v++) {
		telling whole, part[3];
		count(ds, PEIL, (view)v, &whole);
		for (int k = 0; k < 3; k++)
			telling_init(&part[k], ds, (view)v);
		for (uint32_t p = 0; p < ds->n_pupils; p++) {
			classification c;
			classify(ds, p, D(PEIL), &c);
			telling_add(&part[p % 3], ds, &c);
		}
		/* In another order than the pupils were split. */
		telling_merge(&part[2], &part[0]);
		telling_merge(&part[2], &part[1]);
		for (size_t g = 0; g < whole.n_gebieden; g++) {
			strbuf a = STRBUF_INIT, b = STRBUF_INIT;
			table_text(&whole, g, &a);
			table_text(&part[2], g, &b);
			assert_string_equal(sb_str(&a), sb_str(&b));
			sb_free(&a);
			sb_free(&b);
		}
		telling_free(&whole);
		for (int k = 0; k < 3; k++)
			telling_free(&part[k]);
	}
	dataset_free(ds);
}

static void gebieden_are_named_in_code_order(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&REGION, NULL);
	assert_non_null(ds);
	telling g, s;
	telling_init(&g, ds, VIEW_GEMEENTE);
	telling_init(&s, ds, VIEW_SWV);
	assert_int_equal(g.n_gebieden, 3);
	assert_int_equal(s.n_gebieden, 4);
	assert_string_equal(gebied_code(ds, VIEW_GEMEENTE, 1), "GM0002");
	assert_string_equal(gebied_naam(ds, VIEW_GEMEENTE, 1), "Beta");
	assert_string_equal(gebied_code(ds, VIEW_SWV, 2), "VO0001");
	assert_string_equal(gebied_naam(ds, VIEW_SWV, 2), "VO een");
	telling_free(&g);
	telling_free(&s);
	dataset_free(ds);
	/* An SWV without a name is named "", never NULL. */
	fixture f = {.swv = "PO0001,,PO\nPO0002,PO twee,PO\nVO0001,VO een,VO\nVO0002,VO twee,VO\n"};
	ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	assert_string_equal(gebied_naam(ds, VIEW_SWV, 0), "");
	dataset_free(ds);
}

/* ---- moved from test_classify.c -------------------------------------------- */

static void per_1000_rounds_half_up_on_the_exact_fraction(void **state)
{
	(void)state;
	char b[32];
	assert_true(per_1000(29, 64, b));
	assert_string_equal(b, "453.13");
	assert_true(per_1000(1, 3, b));
	assert_string_equal(b, "333.33");
	assert_true(per_1000(2, 3, b));
	assert_string_equal(b, "666.67");
	assert_true(per_1000(1, 1600, b)); /* 0.625 */
	assert_string_equal(b, "0.63");
	assert_true(per_1000(1, 3200, b)); /* 0.3125 */
	assert_string_equal(b, "0.31");
	assert_true(per_1000(0, 7, b));
	assert_string_equal(b, "0.00");
	assert_true(per_1000(7, 7, b));
	assert_string_equal(b, "1000.00");
	assert_false(per_1000(3, 0, b));
	assert_string_equal(b, "");
}

static void telling_fills_the_rows_of_spec_5(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "A,,,2012-01-01,,,\nB,,,2016-01-01,,,\nC,,,2012-01-01,,,\nE,,,2012-01-01,,,\n"
				   "F,,,2012-01-01,,,\n",
		     .woonadressen = "A,GM0001,2012-01-01,,0\nB,GM0001,2016-01-01,,0\nC,GM0001,2012-01-01,,0\n"
				     "E,GM0002,2012-01-01,,0\nF,GM0001,2012-01-01,,0\n",
		     .inschrijvingen = "A,20BB,00,2024-08-01,\nC,20BB,00,2024-08-01,2025-01-31\n"
				       "E,70GG,00,2024-08-01,\nF,20BB,00,2024-08-01,\n",
		     .verzuim = "A,20BB,00,ongeoorloofd,2025-06-02,,\nE,70GG,00,ziek,2025-09-01,,\n",
		     .vrijstellingen = "F,5a,verleend,,2025-09-01,2026-06-30\n"};
	dataset *ds = fixture_build(&f, NULL);
	telling g, s;
	telling_init(&g, ds, VIEW_GEMEENTE);
	telling_init(&s, ds, VIEW_SWV);
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		classification c;
		classify(ds, p, D("2025-11-01"), &c);
		telling_add(&g, ds, &c);
		telling_add(&s, ds, &c);
	}
	telling_value v;
	/* GM0001: A (LRV VO lang), B (AV PO lang), C (AV VO lang), F (5a tijdelijk). */
	telling_value_of(&g, 0, R_THUISZITTERS_TOTAAL, &v);
	assert_int_equal(v.kort, 0);
	assert_int_equal(v.lang, 3);
	assert_int_equal(v.totaal, 3);
	telling_value_of(&g, 0, R_THUISZITTERS_LANG_ZONDER_AANBOD, &v);
	assert_false(v.has_kort);
	assert_int_equal(v.lang, 3);
	telling_value_of(&g, 0, R_LEERPLICHTIGEN, &v);
	assert_false(v.has_kort || v.has_lang);
	assert_int_equal(v.totaal, 4);
	telling_value_of(&g, 0, R_THUISZITTERS_PER_1000, &v);
	assert_string_equal(v.rate, "750.00");
	telling_value_of(&g, 0, R_VRIJSTELLING_5A_TIJDELIJK, &v);
	assert_int_equal(v.totaal, 1);
	/* GM0002: E langdurig ziek. GM0003: nobody, so no rate. */
	telling_value_of(&g, 1, R_LANGDURIG_ZIEK, &v);
	assert_int_equal(v.kort, 1);
	telling_value_of(&g, 2, R_THUISZITTERS_PER_1000, &v);
	assert_false(v.has_totaal);
	/* SWV view: VO0001 has A and F enrolled (denominator 2), A and C (via
	 * the last enrolment) as thuiszitters; B goes to PO0001 by region. */
	size_t vo1 = (size_t)dataset_swv(ds, "VO0001", 6), po1 = (size_t)dataset_swv(ds, "PO0001", 6);
	telling_value_of(&s, vo1, R_THUISZITTERS_TOTAAL, &v);
	assert_int_equal(v.totaal, 2);
	telling_value_of(&s, vo1, R_LEERPLICHTIGEN, &v);
	assert_int_equal(v.totaal, 2);
	telling_value_of(&s, vo1, R_THUISZITTERS_PER_1000, &v);
	assert_string_equal(v.rate, "1000.00");
	telling_value_of(&s, po1, R_AV_PO, &v);
	assert_int_equal(v.lang, 1);
	telling_value_of(&s, po1, R_LEERPLICHTIGEN, &v);
	assert_int_equal(v.totaal, 0);
	telling_free(&g);
	telling_free(&s);
	dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_regel_per_gemeente),
		cmocka_unit_test(every_regel_per_swv),
		cmocka_unit_test(the_regels_are_those_of_spec_5_in_order),
		cmocka_unit_test(the_rate_is_rounded_half_up_on_the_exact_fraction),
		cmocka_unit_test(per_1000_at_the_rounding_boundary),
		cmocka_unit_test(partial_tellingen_merge_to_the_whole),
		cmocka_unit_test(gebieden_are_named_in_code_order),
		cmocka_unit_test(per_1000_rounds_half_up_on_the_exact_fraction),
		cmocka_unit_test(telling_fills_the_rows_of_spec_5),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
