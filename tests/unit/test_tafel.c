/* The thuiszitterstafel's reconciliation (SPEC 6, issue 15): which pupils
 * the list of leerplicht and the list of the SWV can fairly be compared on,
 * the coverage over those, and its sentence. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/tafel.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_side_reaches_only_its_own_codes),
		cmocka_unit_test(only_a_side_that_could_have_known_misses_a_pupil),
		cmocka_unit_test(coverage_counts_the_comparable_pupils_only),
		cmocka_unit_test(coverage_rounds_half_up_and_is_none_without_comparable_pupils),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
