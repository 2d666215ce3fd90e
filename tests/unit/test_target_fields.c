/* A target from and to its text fields (what the API, the forms and the
 * registry use), the field named when wrong; its figure's protection for the
 * analist; and the annual report's schooljaar and protected counts. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/jaarverslag.h"
#include "../../src/core/target_fields.h"

static const target_input AV = {"AV omlaag", "gemeente", "GM0001, GM0002", "resultaatschema", "AV_PO,AV_VO", NULL,
				"2025-11-01", "-12,5", NULL, "2027-11-01"};

static void parsed_and_written_back(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&(fixture){0}, NULL);
	assert_non_null(ds);
	target t;
	strbuf err = STRBUF_INIT;
	assert_true(target_parse(&AV, ds, &t, &err));
	assert_int_equal(t.n_gebieden, 2);
	assert_string_equal(t.gebieden[1], "GM0002");
	assert_int_equal(t.regels, 1u << R_AV_PO | 1u << R_AV_VO);
	assert_int_equal(t.goal_kind, GOAL_RELATIVE);
	assert_int_equal(t.goal_relative, -1250);
	assert_int_equal(t.column, TC_TOTAAL);
	target_text tx;
	target_format(&t, &tx);
	assert_string_equal(tx.gebieden, "GM0001,GM0002");
	assert_string_equal(tx.regels, "AV_PO,AV_VO");
	assert_string_equal(tx.verandering, "-12.50");
	assert_string_equal(tx.basis, "2025-11-01");
	assert_string_equal(tx.aantal, "");
	/* Written back, it parses to the same target. */
	target again;
	target_input in = {t.naam, tx.per, tx.gebieden, tx.telling, tx.regels, tx.kolom, tx.basis, tx.verandering, NULL,
			   tx.streefdatum};
	assert_true(target_parse(&in, ds, &again, &err));
	assert_memory_equal(&t, &again, sizeof t);
	/* A jaartelling target with a number as goal. */
	target_input year = {"", "swv", "PO0002", "jaartelling", "LRV", "lang", "2024/2025", NULL, "0", "2028-07-31"};
	assert_true(target_parse(&year, ds, &t, &err));
	assert_int_equal(t.baseline_schooljaar, 2024);
	assert_int_equal(t.column, TC_LANG);
	target_format(&t, &tx);
	assert_string_equal(tx.basis, "2024");
	assert_string_equal(tx.aantal, "0");
	assert_string_equal(tx.verandering, "");
	sb_free(&err);
	dataset_free(ds);
}

static void refused(const target_input *in, const dataset *ds, const char *says)
{
	target t;
	strbuf err = STRBUF_INIT;
	if (target_parse(in, ds, &t, &err))
		fail_msg("accepted; expected '%s'", says);
	if (!strstr(sb_str(&err), says))
		fail_msg("'%s' does not say '%s'", sb_str(&err), says);
	sb_free(&err);
}

static void a_wrong_field_is_named(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&(fixture){0}, NULL);
	target_input in = AV;
	in.per = "provincie";
	refused(&in, ds, "gemeenten of voor samenwerkingsverbanden");
	in = AV;
	in.regels = "AV_PO,LRV";
	refused(&in, ds, "de regel 'LRV' bestaat niet in de Resultaatschema-telling");
	in = AV;
	in.gebieden = "GM0001,GM0009";
	refused(&in, ds, "het gebied GM0009 is onbekend als gemeente");
	in = AV;
	in.gebieden = "GM0001,GM00010";
	refused(&in, ds, "'GM00010' is geen code");
	in = AV;
	in.aantal = "4";
	refused(&in, ds, "één van beide");
	in = AV;
	in.verandering = "-7x";
	refused(&in, ds, "de verandering is een percentage");
	in = AV;
	in.verandering = NULL;
	in.aantal = "-1";
	refused(&in, ds, "het aantal van het doel is een geheel getal");
	in = AV;
	in.basis = "1-11-2025";
	refused(&in, ds, "de peildatum van de basis is geen datum");
	in = AV;
	in.telling = "jaartelling";
	in.regels = "AV";
	in.basis = "2024/2026";
	refused(&in, ds, "het schooljaar van de basis is een jaartal");
	in = AV;
	in.streefdatum = NULL;
	refused(&in, ds, "vul de datum in waarop het doel bereikt moet zijn");
	in = AV;
	in.streefdatum = "2025-11-01";
	refused(&in, ds, "ligt na de basis");
	dataset_free(ds);
}

/* Two pupils AV in GM0001 (small), none in GM0002; 5 LRV in GM0002. */
static void a_figure_shows_only_when_every_cell_it_sums_does(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "A,,,2012-03-10,,,\nB,,,2012-03-10,,,\nC1,,,2012-03-10,,,\nC2,,,2012-03-10,,,\n"
				   "C3,,,2012-03-10,,,\nC4,,,2012-03-10,,,\nC5,,,2012-03-10,,,\n",
		     .woonadressen = "A,GM0001,2012-03-10,,0\nB,GM0001,2012-03-10,,0\nC1,GM0002,2012-03-10,,0\n"
				     "C2,GM0002,2012-03-10,,0\nC3,GM0002,2012-03-10,,0\nC4,GM0002,2012-03-10,,0\n"
				     "C5,GM0002,2012-03-10,,0\n",
		     .inschrijvingen = "C1,70GG,00,2024-08-01,\nC2,70GG,00,2024-08-01,\nC3,70GG,00,2024-08-01,\n"
				       "C4,70GG,00,2024-08-01,\nC5,70GG,00,2024-08-01,\n",
		     .verzuim = "C1,70GG,00,ongeoorloofd,2025-09-01,,\nC2,70GG,00,ongeoorloofd,2025-09-01,,\n"
				"C3,70GG,00,ongeoorloofd,2025-09-01,,\nC4,70GG,00,ongeoorloofd,2025-09-01,,\n"
				"C5,70GG,00,ongeoorloofd,2025-09-01,,\n"};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	day_t d = D("2025-11-01");
	telling count;
	telling_init(&count, ds, VIEW_GEMEENTE);
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		classification c;
		classify(ds, p, d, &c);
		telling_add(&count, ds, &c);
	}
	strbuf err = STRBUF_INIT;
	target t;
	target_input in = {"", "gemeente", "GM0001", "resultaatschema", "AV_PO,AV_VO", NULL, "2025-11-01", "-50", NULL,
			   "2027-11-01"};
	assert_true(target_parse(&in, ds, &t, &err));
	int64_t v;
	cell_state st;
	assert_true(target_actual_telling(&t, ds, &count, &v));
	assert_int_equal(v, 2);
	assert_true(target_protected_telling(&t, ds, &count, &st));
	assert_int_equal(st, CELL_SMALL);
	/* LRV of GM0002: 5, shown. */
	in.gebieden = "GM0002";
	in.regels = "LRV_PO,LRV_VO";
	assert_true(target_parse(&in, ds, &t, &err));
	assert_true(target_actual_telling(&t, ds, &count, &v));
	assert_int_equal(v, 5);
	assert_true(target_protected_telling(&t, ds, &count, &st));
	assert_int_equal(st, CELL_SHOWN);
	/* Together with GM0001's small AV: 7, but it would give the 2 away. */
	in.gebieden = "GM0001,GM0002";
	in.regels = "AV_PO,AV_VO,LRV_PO,LRV_VO";
	assert_true(target_parse(&in, ds, &t, &err));
	assert_true(target_actual_telling(&t, ds, &count, &v));
	assert_int_equal(v, 7);
	assert_true(target_protected_telling(&t, ds, &count, &st));
	assert_int_equal(st, CELL_HIDDEN);
	telling_free(&count);
	sb_free(&err);
	dataset_free(ds);
}

static void the_report_is_about_the_last_complete_schooljaar(void **state)
{
	(void)state;
	assert_int_equal(jaarverslag_schooljaar(D("2026-11-23")), 2025);
	assert_int_equal(jaarverslag_schooljaar(D("2026-08-01")), 2025);
	assert_int_equal(jaarverslag_schooljaar(D("2026-07-31")), 2024);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parsed_and_written_back),
		cmocka_unit_test(a_wrong_field_is_named),
		cmocka_unit_test(a_figure_shows_only_when_every_cell_it_sums_does),
		cmocka_unit_test(the_report_is_about_the_last_complete_schooljaar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
