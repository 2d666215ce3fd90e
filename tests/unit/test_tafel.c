/* The thuiszitterstafel (SPEC 6, issue 15): which pupils the list of
 * leerplicht and the list of the SWV can fairly be compared on, the coverage
 * over those, and its sentence; the SWV's own list read and matched to the
 * registry on each key. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/tafel.h"
#include "../../src/core/tafel_match.h"

static void a_side_reaches_only_its_own_codes(void **state)
{
	(void)state;
	assert_true(tafel_reaches("GM0344", "GM0344"));
	assert_true(tafel_reaches("GM0307,GM0344", "GM0344"));
	assert_false(tafel_reaches("GM0344", "GM0345"));	/* a resident of another gemeente */
	assert_false(tafel_reaches("GM0344", "GM034"));
	assert_false(tafel_reaches("VO2601", "PO2601"));	/* a PO pupil belongs to the PO SWV */
	assert_false(tafel_reaches("VO2601", NULL));	/* attributed to no SWV (SPEC 5) */
	assert_false(tafel_reaches("GM0344", ""));	/* no residence */
}

static void only_a_side_that_could_have_known_misses_a_pupil(void **state)
{
	(void)state;
	assert_int_equal(tafel_compare(true, true, true, true), TAFEL_BEIDE);
	/* On both lists, the pupil is known to both, whatever the reach. */
	assert_int_equal(tafel_compare(true, true, true, false), TAFEL_BEIDE);
	/* Only on leerplicht's: missing at the SWV only if it belongs to the SWV. */
	assert_int_equal(tafel_compare(true, false, true, true), TAFEL_ALLEEN_LP);
	assert_int_equal(tafel_compare(true, false, true, false), TAFEL_BUITEN_BEREIK); /* a PO pupil, a VO SWV */
	/* Only on the SWV's: missing at leerplicht only if it lives in its gemeenten. */
	assert_int_equal(tafel_compare(false, true, true, true), TAFEL_ALLEEN_SWV);
	assert_int_equal(tafel_compare(false, true, false, true), TAFEL_BUITEN_BEREIK); /* lives in Zeist */
	assert_string_equal(TAFEL_KNOWN_CODES[TAFEL_BUITEN_BEREIK], "buiten_bereik");
}

/* A hand-built pair of lists: leerplicht Utrecht (GM0344) and SWV VO2601.
 * Each pupil: on which list, its residence, its SWV (SPEC 5). */
static void coverage_counts_the_comparable_pupils_only(void **state)
{
	(void)state;
	static const struct {
		bool lp, swv;
		const char *gem, *swv_code;
	} pupils[] = {
		{true, true, "GM0344", "VO2601"},   /* both */
		{true, true, "GM0344", "VO2601"},   /* both */
		{true, true, "GM0307", "VO2601"},   /* both (leerplicht of a regional bureau) */
		{true, false, "GM0344", "VO2601"},  /* the SWV misses it */
		{true, false, "GM0344", "PO2601"},  /* PO: out of reach */
		{true, false, "GM0344", NULL},	    /* never enrolled, no SWV: out of reach */
		{false, true, "GM0344", "VO2601"},  /* leerplicht misses it */
		{false, true, "GM0355", "VO2601"},  /* lives in Zeist: out of reach */
	};
	size_t n[TAFEL_KNOWN_COUNT] = {0};
	for (size_t i = 0; i < sizeof pupils / sizeof pupils[0]; i++)
		n[tafel_compare(pupils[i].lp, pupils[i].swv, tafel_reaches("GM0307,GM0344", pupils[i].gem),
				tafel_reaches("VO2601", pupils[i].swv_code))]++;
	assert_int_equal(n[TAFEL_BEIDE], 3);
	assert_int_equal(n[TAFEL_ALLEEN_LP], 1);
	assert_int_equal(n[TAFEL_ALLEEN_SWV], 1);
	assert_int_equal(n[TAFEL_BUITEN_BEREIK], 3);
	/* 3 of 5, not 3 of 8 */
	assert_int_equal(tafel_coverage_tenths(n[TAFEL_BEIDE], n[TAFEL_ALLEEN_LP], n[TAFEL_ALLEEN_SWV]), 600);
	strbuf s = STRBUF_INIT;
	tafel_coverage_sentence(3, 1, 1, 3, &s);
	assert_string_equal(sb_str(&s), "Van de 5 leerlingen die beide kanten konden kennen, staan er 3 op beide lijsten: "
					"een dekking van 60,0%; 3 leerlingen buiten elkaars bereik tellen niet mee.");
	sb_free(&s);
}

static void coverage_rounds_half_up_and_is_none_without_comparable_pupils(void **state)
{
	(void)state;
	assert_int_equal(tafel_coverage_tenths(0, 0, 0), -1);
	assert_int_equal(tafel_coverage_tenths(0, 5, 0), 0);
	assert_int_equal(tafel_coverage_tenths(7, 0, 0), 1000);
	assert_int_equal(tafel_coverage_tenths(1, 1, 1), 333);	 /* 33.33 */
	assert_int_equal(tafel_coverage_tenths(2, 1, 0), 667);	 /* 66.67 */
	assert_int_equal(tafel_coverage_tenths(1, 1599, 400), 1); /* 0.05% -> 0.1 */
	assert_int_equal(tafel_coverage_tenths(1, 1999, 0), 1);	 /* exactly 0.05%: half up */
	assert_int_equal(tafel_coverage_tenths(1, 2000, 0), 0);
	strbuf s = STRBUF_INIT;
	tafel_coverage_sentence(0, 0, 0, 2, &s);
	assert_string_equal(sb_str(&s), "Geen leerling op de lijsten kon door beide kanten gekend worden, dus er is geen "
					"dekking te berekenen; 2 leerlingen buiten elkaars bereik tellen niet mee.");
	sb_reset(&s);
	tafel_coverage_sentence(1, 0, 0, 1, &s);
	assert_string_equal(sb_str(&s), "Van de 1 leerling die beide kanten konden kennen, staat er 1 op beide lijsten: een "
					"dekking van 100,0%; 1 leerling buiten elkaars bereik telt niet mee.");
	sb_free(&s);
}

/* ---- the SWV's own list -------------------------------------------------------------- */

static const fixture REG = {
	.leerlingen = "A,111222333,,2012-03-10,Piet,Jansen,\n"
		      "B,,100000004,2011-05-01,Sanne,van der Berg,\n"
		      "C,,,2010-01-31,Mo,Ali,\n"
		      "D,,,2010-01-31,Mo,Ali,\n"
		      "E,123456782,,2013-02-28,Eva,de Vries,\n",
	.woonadressen = "A,GM0001,2012-03-10,,0\nB,GM0001,2011-05-01,,0\nC,GM0001,2010-01-31,,0\n"
			"D,GM0001,2010-01-31,,0\nE,GM0001,2013-02-28,,0\n",
};

static own_fields checked(const char *bsn, const char *onr, const char *id, const char *naam, const char *geb,
			  const char *cat, const char *start, strbuf *msg)
{
	own_row row = {{bsn, onr, id, naam, "", "", geb, cat, start}};
	own_fields f;
	sb_reset(msg);
	own_row_check(&row, &f, msg);
	return f;
}

static void a_row_matches_on_each_key_and_on_a_name_only_as_a_suggestion(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&REG, NULL);
	assert_non_null(ds);
	strbuf msg = STRBUF_INIT;
	own_fields rows[7];
	rows[0] = checked("111222333", "", "", "P. Jansen", "2012-03-10", "LRV", "2025-09-01", &msg);
	rows[1] = checked("", "100000004", "", "", "2011-05-01", "AV", "2025-09-01", &msg);
	rows[2] = checked("", "", "E", "", "2013-02-28", "LRV", "2025-09-01", &msg);
	rows[3] = checked("", "", "", "Berg, Sanne van der", "2011-05-01", "LRV", "01-09-2025", &msg);
	rows[4] = checked("", "", "", "Sanne van der Berg", "2011-05-02", "LRV", "2025-09-01", &msg); /* other day */
	rows[5] = checked("", "", "", "Mo Ali", "2010-01-31", "LRV", "2025-09-01", &msg);
	rows[6] = checked("999999990", "", "X9", "Nina Nieuw", "2014-06-01", "AV", "2025-10-01", &msg); /* unknown */
	assert_string_equal(sb_str(&msg), "");
	own_match m[7];
	own_match_rows(ds, rows, 7, m);
	assert_int_equal(m[0].kind, OM_BSN);
	assert_string_equal(ds->pupils[m[0].pupil].id, "A");
	assert_int_equal(m[1].kind, OM_ONDERWIJSNUMMER);
	assert_string_equal(ds->pupils[m[1].pupil].id, "B");
	assert_int_equal(m[2].kind, OM_LEERLING_ID);
	assert_string_equal(ds->pupils[m[2].pupil].id, "E");
	assert_int_equal(m[3].kind, OM_VOORSTEL); /* name and birth date: only a suggestion */
	assert_string_equal(ds->pupils[m[3].pupil].id, "B");
	assert_int_equal(m[4].kind, OM_ONBEKEND); /* the name alone is not enough */
	assert_int_equal(m[5].kind, OM_VOORSTEL);
	assert_string_equal(ds->pupils[m[5].pupil].id, "C"); /* of two alike, the lowest id */
	assert_int_equal(m[6].kind, OM_ONBEKEND);
	assert_int_equal(m[6].pupil, NO_REF);
	assert_string_equal(OWN_MATCH_CODES[OM_ONBEKEND], "onbekend");
	/* An identifier wins over a name, the BSN over a leerling-id. */
	rows[0] = checked("123456782", "", "A", "Piet Jansen", "2012-03-10", "LRV", "2025-09-01", &msg);
	own_match_rows(ds, rows, 1, m);
	assert_int_equal(m[0].kind, OM_BSN);
	assert_string_equal(ds->pupils[m[0].pupil].id, "E");
	sb_free(&msg);
	dataset_free(ds);
}

static void what_is_wrong_with_a_row_names_the_column_in_words(void **state)
{
	(void)state;
	strbuf msg = STRBUF_INIT;
	own_fields f = checked("123456789", "1234", "", "Piet", "2012-13-01", "THUIS", "", &msg);
	assert_string_equal(sb_str(&msg), "het BSN klopt niet (9 cijfers die de elfproef doorstaan); het onderwijsnummer "
					  "klopt niet; de geboortedatum is geen bestaande datum (JJJJ-MM-DD of "
					  "DD-MM-JJJJ); de eerste verzuimdag ontbreekt; de categorie is onbekend (zoals "
					  "AV, LRV of LANGDURIG_ZIEK)");
	assert_null(f.bsn);
	assert_null(f.onderwijsnummer);
	assert_int_equal(f.geboortedatum, DAY_NONE);
	assert_int_equal(f.cat, CAT_COUNT);
	assert_string_equal(f.naam, "Piet"); /* kept: the row is matched on what is right */
	f = checked("", "", "", "", "29-02-2012", "LANGDURIG_ZIEK", "2025-09-01", &msg);
	assert_string_equal(sb_str(&msg), "geen BSN, onderwijsnummer, leerling-id of naam: de leerling is niet te herkennen");
	assert_int_equal(f.geboortedatum, D("2012-02-29"));
	checked("", "", "", "Piet", "29-02-2013", "LRV", "2025-09-01", &msg);
	assert_non_null(strstr(sb_str(&msg), "de geboortedatum is geen bestaande datum"));
	sb_free(&msg);
}

static void the_header_needs_a_key_and_the_dates_and_says_which_column_is_missing(void **state)
{
	(void)state;
	int where[OC_COUNT];
	strbuf err = STRBUF_INIT;
	const char *ok[] = {"BSN", "Naam", "Geboortedatum", "categorie", "Eerste verzuimdag", "klas"};
	assert_int_equal(own_header(ok, 6, where, &err), 0);
	assert_int_equal(where[OC_BSN], 0);
	assert_int_equal(where[OC_EERSTE_VERZUIMDAG], 4);
	assert_int_equal(where[OC_LEERLING_ID], -1);
	const char *no_start[] = {"leerling_id", "geboortedatum", "categorie"};
	assert_int_equal(own_header(no_start, 3, where, &err), -1);
	assert_string_equal(sb_str(&err), "de kolom eerste verzuimdag ontbreekt");
	sb_reset(&err);
	const char *no_key[] = {"klas", "geboortedatum", "categorie", "eerste_verzuimdag"};
	assert_int_equal(own_header(no_key, 4, where, &err), -1);
	assert_non_null(strstr(sb_str(&err), "geen kolom BSN, onderwijsnummer, leerling-id of naam"));
	sb_reset(&err);
	const char *twice[] = {"bsn", "BSN", "geboortedatum", "categorie", "eerste_verzuimdag"};
	assert_int_equal(own_header(twice, 5, where, &err), -1);
	assert_string_equal(sb_str(&err), "de kolom BSN komt twee keer voor");
	sb_free(&err);
}

static void a_name_fits_by_whole_words(void **state)
{
	(void)state;
	assert_true(own_name_fits("Piet Jansen", "Piet", "Jansen"));
	assert_true(own_name_fits("JANSEN, Piet", "Piet", "Jansen"));
	assert_true(own_name_fits("Jansen", "Piet", "Jansen"));
	/* Folded as the search folds: accents, case, hyphens and apostrophes. */
	assert_true(own_name_fits("Zoë Özil-de Vries", "Zoe", "Ozil de Vries"));
	assert_true(own_name_fits("ANOUK D'ARTAGNAN", "Anouk", "d’Artagnan"));
	assert_false(own_name_fits("Zoë Özil", "Zoe", "Ozil de Vries"));
	assert_false(own_name_fits("Kees Jansen", "Piet", "Jansen"));
	assert_false(own_name_fits("Piet Janssen", "Piet", "Jansen"));
	assert_true(own_name_fits("Sanne van der Berg", "Sanne", "van der Berg"));
	assert_false(own_name_fits("Sanne Berg", "Sanne", "van der Berg"));
	assert_false(own_name_fits("", "Piet", "Jansen"));
	assert_false(own_name_fits("Piet", "Piet", NULL));
}

static void a_decision_comes_back_at_every_later_tafel_until_checked(void **state)
{
	(void)state;
	assert_true(tafel_carried(D("2026-11-02"), D("2026-11-23"), false)); /* three weeks later */
	assert_true(tafel_carried(D("2026-11-02"), D("2026-12-14"), false)); /* and after, until recorded */
	assert_false(tafel_carried(D("2026-11-02"), D("2026-11-23"), true));
	assert_false(tafel_carried(D("2026-11-23"), D("2026-11-23"), false)); /* its own tafel */
	assert_string_equal(tafel_step_state(D("2026-12-01"), -1, D("2026-12-01")), "loopt");
	assert_string_equal(tafel_step_state(D("2026-12-01"), -1, D("2026-12-02")), "verlopen");
	assert_string_equal(tafel_step_state(D("2026-12-01"), 1, D("2027-01-01")), "gedaan");
	assert_string_equal(tafel_step_state(D("2026-12-01"), 0, D("2026-11-01")), "niet_gedaan");
}

/* The agenda (issue 15): well formed, the previous tafel, what comes back. */
static void an_agenda_is_ordered_once_each_and_carries_what_was_left(void **state)
{
	(void)state;
	strbuf why = STRBUF_INIT;
	const char *ok[] = {"U03", "U02"}, *twice[] = {"U03", "U02", "U03"}, *blank[] = {"U03", ""};
	assert_true(tafel_agenda_ok(ok, 2, &why));
	assert_false(tafel_agenda_ok(ok, 0, &why));
	assert_non_null(strstr(sb_str(&why), "ten minste één kind"));
	sb_reset(&why);
	assert_false(tafel_agenda_ok(twice, 3, &why));
	assert_string_equal(sb_str(&why), "leerling U03 staat twee keer op de agenda");
	sb_reset(&why);
	assert_false(tafel_agenda_ok(blank, 2, &why));
	assert_string_equal(sb_str(&why), "kind 2 van de agenda heeft geen leerling-id");
	sb_free(&why);
	/* The latest tafel before the meeting, the last fixed on a tie. */
	day_t meeting = D("2026-11-23");
	assert_true(tafel_previous_better(D("2026-11-02"), 4, DAY_NONE, 0, meeting));
	assert_true(tafel_previous_better(D("2026-11-02"), 5, D("2026-10-12"), 3, meeting));
	assert_false(tafel_previous_better(D("2026-10-12"), 6, D("2026-11-02"), 5, meeting));
	assert_true(tafel_previous_better(D("2026-11-02"), 7, D("2026-11-02"), 5, meeting));
	assert_false(tafel_previous_better(D("2026-11-23"), 8, DAY_NONE, 0, meeting)); /* not itself */
	assert_true(tafel_agenda_comes_back(true, false, false));  /* on the agenda, not discussed */
	assert_false(tafel_agenda_comes_back(true, true, false));  /* discussed, nothing open */
	assert_true(tafel_agenda_comes_back(true, true, true));    /* discussed, its step to check */
	assert_true(tafel_agenda_comes_back(false, false, true));
	assert_false(tafel_agenda_comes_back(false, false, false));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_side_reaches_only_its_own_codes),
		cmocka_unit_test(only_a_side_that_could_have_known_misses_a_pupil),
		cmocka_unit_test(coverage_counts_the_comparable_pupils_only),
		cmocka_unit_test(coverage_rounds_half_up_and_is_none_without_comparable_pupils),
		cmocka_unit_test(a_row_matches_on_each_key_and_on_a_name_only_as_a_suggestion),
		cmocka_unit_test(what_is_wrong_with_a_row_names_the_column_in_words),
		cmocka_unit_test(the_header_needs_a_key_and_the_dates_and_says_which_column_is_missing),
		cmocka_unit_test(a_name_fits_by_whole_words),
		cmocka_unit_test(a_decision_comes_back_at_every_later_tafel_until_checked),
		cmocka_unit_test(an_agenda_is_ordered_once_each_and_carries_what_was_left),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
