/* The vrijstelling 5a procedure and the review of every vrijstelling. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/procedure.h"

static vp_event E(vp_kind k, const char *d)
{
	return (vp_event){.kind = k, .datum = D(d), .van = DAY_NONE, .tot = DAY_NONE, .volgende = DAY_NONE};
}

static bool refuses(const vp_event *ev, size_t n, const char *reason)
{
	vp_state st;
	strbuf why = STRBUF_INIT;
	bool ok = vp_fold(ev, n, D("2026-01-01"), &st, &why) != 0 && strstr(sb_str(&why), reason);
	if (!ok)
		print_error("expected '%s', got '%s'\n", reason, sb_str(&why));
	sb_free(&why);
	return ok;
}

static vp_state fold(const vp_event *ev, size_t n, const char *today)
{
	vp_state st;
	strbuf why = STRBUF_INIT;
	assert_int_equal(vp_fold(ev, n, D(today), &st, &why), 0);
	sb_free(&why);
	return st;
}

static void the_steps_in_order(void **state)
{
	(void)state;
	vp_event ev[6] = {E(VP_AANVRAAG, "2025-09-01"), E(VP_ADVIES_SWV, "2025-09-20"), E(VP_MDO, "2025-09-25"),
			  E(VP_ADVIES_ARTS, "2025-10-01"), E(VP_BESLUIT, "2025-10-10")};
	ev[4].besluit = VB_TIJDELIJK;
	ev[4].van = D("2025-10-15");
	ev[4].tot = D("2026-07-31");
	vp_state st = fold(ev, 1, "2025-09-02");
	assert_string_equal(st.fase, "wacht op advies van arts en samenwerkingsverband");
	st = fold(ev, 2, "2025-09-21");
	assert_string_equal(st.fase, "wacht op advies van een onafhankelijke arts");
	st = fold(ev, 4, "2025-10-02");
	assert_string_equal(st.fase, "klaar voor het besluit");
	assert_int_equal(st.mdo, 1);
	st = fold(ev, 5, "2025-10-11");
	assert_string_equal(st.fase, "verleend, tijdelijk tot en met 2026-07-31");
	/* Reviewed 8 weeks before the end, which comes before a year. */
	assert_int_equal(st.review.due, D("2026-06-05"));
	assert_int_equal(st.review.state, TERM_OPEN);
	st = fold(ev, 5, "2026-05-10");
	assert_int_equal(st.review.state, TERM_DUE_SOON);
	st = fold(ev, 5, "2026-06-06");
	assert_int_equal(st.review.state, TERM_OVERDUE);
	st = fold(ev, 5, "2026-08-01");
	assert_int_equal(st.review.state, TERM_CLOSED); /* it has ended */
	ev[5] = E(VP_HERBEOORDELING, "2026-06-01");
	st = fold(ev, 6, "2026-06-06");
	assert_int_equal(st.reviews, 1);
	assert_int_equal(st.review.due, D("2026-06-05")); /* still 8 weeks before the end */
}

static void the_decision_needs_both_advices(void **state)
{
	(void)state;
	vp_event ev[3] = {E(VP_AANVRAAG, "2025-09-01"), E(VP_ADVIES_ARTS, "2025-09-10"), E(VP_BESLUIT, "2025-09-20")};
	ev[2].besluit = VB_PERMANENT;
	ev[2].van = D("2025-10-01");
	assert_true(refuses(ev, 3, "samenwerkingsverband"));
	ev[1] = E(VP_ADVIES_SWV, "2025-09-10");
	assert_true(refuses(ev, 3, "onafhankelijke arts"));
	vp_event first[1] = {E(VP_ADVIES_SWV, "2025-09-10")};
	assert_true(refuses(first, 1, "begint met de aanvraag"));
	vp_event twice[3] = {E(VP_AANVRAAG, "2025-09-01"), E(VP_ADVIES_SWV, "2025-09-10"), E(VP_ADVIES_SWV, "2025-09-11")};
	assert_true(refuses(twice, 3, "is er al"));
}

static void decisions_have_the_right_dates(void **state)
{
	(void)state;
	vp_event ev[4] = {E(VP_AANVRAAG, "2025-09-01"), E(VP_ADVIES_ARTS, "2025-09-10"), E(VP_ADVIES_SWV, "2025-09-12"),
			  E(VP_BESLUIT, "2025-09-20")};
	ev[3].besluit = VB_TIJDELIJK;
	ev[3].van = D("2025-10-01");
	assert_true(refuses(ev, 4, "einddatum"));
	ev[3].besluit = VB_PERMANENT;
	ev[3].tot = D("2026-01-01");
	assert_true(refuses(ev, 4, "geen einddatum"));
	ev[3].tot = DAY_NONE;
	vp_state st = fold(ev, 4, "2025-10-02");
	assert_string_equal(st.fase, "verleend, permanent");
	assert_int_equal(st.review.due, D("2026-10-01")); /* yearly */
	ev[3].besluit = VB_AFGEWEZEN;
	st = fold(ev, 4, "2025-10-02");
	assert_string_equal(st.fase, "afgewezen");
	assert_int_equal(st.review.state, TERM_CLOSED);
	vp_event late[5] = {ev[0], ev[1], ev[2], ev[3], E(VP_ADVIES_ARTS, "2025-09-21")};
	assert_true(refuses(late, 5, "al besloten"));
	vp_event review[5] = {ev[0], ev[1], ev[2], ev[3], E(VP_HERBEOORDELING, "2025-12-01")};
	assert_true(refuses(review, 5, "alleen een verleende"));
	vp_event early[4] = {ev[0], ev[1], ev[2], E(VP_BESLUIT, "2025-09-11")};
	early[3].besluit = VB_AFGEWEZEN;
	assert_true(refuses(early, 4, "voor de adviezen"));
}

static void reviews_of_any_vrijstelling(void **state)
{
	(void)state;
	/* Also for vrijstellingen that did not go through this procedure. */
	assert_int_equal(review_due(D("2024-03-01"), DAY_OPEN, DAY_NONE, DAY_NONE), D("2025-03-01"));
	assert_int_equal(review_due(D("2024-03-01"), DAY_OPEN, D("2025-02-20"), DAY_NONE), D("2026-02-20"));
	assert_int_equal(review_due(D("2024-03-01"), D("2024-04-01"), DAY_NONE, DAY_NONE), D("2024-03-01"));
	assert_int_equal(review_due(D("2024-03-01"), DAY_OPEN, DAY_NONE, D("2024-09-01")), D("2024-09-01"));
	assert_int_equal(review_term(D("2025-03-01"), DAY_OPEN, D("2025-01-30")).state, TERM_DUE_SOON);
	assert_int_equal(review_term(D("2025-03-01"), DAY_OPEN, D("2025-01-29")).state, TERM_OPEN);
	assert_int_equal(review_term(D("2025-03-01"), DAY_OPEN, D("2025-03-02")).state, TERM_OVERDUE);
	for (int k = 0; k < VP_COUNT; k++)
		assert_int_equal(vp_kind_from_name(VP_KIND_NAMES[k]), k);
	for (int k = 0; k < VB_COUNT; k++)
		assert_int_equal(vp_besluit_from_name(VP_BESLUIT_NAMES[k]), k);
}

static void a_vrijstelling_from_the_registry_is_reviewed(void **state)
{
	(void)state;
	/* Permanent since 2017 (imported): reviewed here, with no advice to wait for. */
	vp_event reg = E(VP_REGISTRATIE, "2017-03-01");
	reg.van = D("2017-03-01");
	vp_event review = E(VP_HERBEOORDELING, "2026-11-20");
	vp_event ev[] = {reg, review};
	vp_state st = fold(ev, 1, "2026-11-20");
	assert_true(st.registry);
	assert_int_equal(st.uitkomst, VB_PERMANENT);
	assert_int_equal(st.review.state, TERM_OVERDUE); /* due 2018-03-01 */
	assert_non_null(strstr(st.fase, "uit de registratie"));
	st = fold(ev, 2, "2026-11-20");
	assert_int_equal(st.review.due, D("2027-11-20"));
	assert_int_equal(st.review.state, TERM_OPEN);
	/* Temporary: its review 8 weeks before the end. */
	vp_event tmp = E(VP_REGISTRATIE, "2025-09-01");
	tmp.van = D("2025-09-01");
	tmp.tot = D("2027-07-31");
	st = fold(&tmp, 1, "2026-11-20");
	assert_int_equal(st.uitkomst, VB_TIJDELIJK);
	assert_int_equal(st.review.due, D("2026-09-01"));
	/* Only first; no advice after it; a start is needed. */
	vp_event twice[] = {reg, reg};
	assert_true(refuses(twice, 2, "eigen procedure"));
	vp_event advice[] = {reg, E(VP_ADVIES_ARTS, "2026-11-20")};
	assert_true(refuses(advice, 2, "al besloten"));
	vp_event no_start = E(VP_REGISTRATIE, "2017-03-01");
	assert_true(refuses(&no_start, 1, "begindatum"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_steps_in_order),
		cmocka_unit_test(the_decision_needs_both_advices),
		cmocka_unit_test(decisions_have_the_right_dates),
		cmocka_unit_test(reviews_of_any_vrijstelling),
		cmocka_unit_test(a_vrijstelling_from_the_registry_is_reviewed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
