/* Dossiers as the lists show them, regie and the tafel (SPEC 6): when a
 * dossier may open, which signal it answers and how urgent it is, what is
 * wrong with it, its next term, where a placement's place is from, who leads
 * a new dossier, the rhythm of the thuiszitterstafel, stays in care, and the
 * vrijstellingen that are reviewed. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/cases.h"
#include "../../src/core/procedure.h"
#include "../../src/core/tafel.h"

static case_state fold(const case_event *ev, size_t n, const char *today)
{
	case_state st;
	strbuf why = STRBUF_INIT;
	if (case_fold(ev, n, NULL, D(today), &st, &why) != 0)
		fail_msg("fold refused: %s", sb_str(&why));
	sb_free(&why);
	return st;
}

/* Opened 2025-10-01 for an absence since 2025-09-15, led by organisation 7 and person 70. */
static case_event opening(void)
{
	return (case_event){.id = 1, .kind = EV_OPENING, .datum = D("2025-10-01"), .startdatum = D("2025-09-15"),
			    .org = 7, .user = 70};
}

static case_event closing(const char *day)
{
	return (case_event){.id = 2, .kind = EV_SLUITING, .datum = D(day), .type = UIT_TERUG_OP_SCHOOL};
}

static bool may_open(const case_state *latest, const char *start, bool automatic)
{
	strbuf why = STRBUF_INIT;
	bool ok = case_may_open(latest, start ? D(start) : DAY_NONE, automatic, &why);
	assert_true(ok || why.len > 0); /* a refusal says why */
	sb_free(&why);
	return ok;
}

static void one_open_dossier_and_an_absence_dealt_with_stays_closed(void **state)
{
	(void)state;
	assert_true(may_open(NULL, "2025-09-15", true));
	case_event ev[] = {opening(), closing("2025-10-20")};
	case_state open = fold(ev, 1, "2025-10-10");
	assert_false(may_open(&open, "2025-09-15", false)); /* one open dossier per pupil */
	assert_false(may_open(&open, "2025-09-15", true));
	case_state closed = fold(ev, 2, "2025-11-10");
	/* Closed on 2025-10-20: an absence since before that was dealt with ... */
	assert_false(may_open(&closed, "2025-09-15", true));
	assert_false(may_open(&closed, "2025-10-20", true));
	/* ... a new one since, within the year after the return to school,
	 * reopens that dossier (SPEC 6: the same history), by hand too; after
	 * the year, or after another outcome, a new dossier opens. */
	assert_false(may_open(&closed, "2025-10-21", true));
	assert_true(case_reopens(&closed, D("2025-10-21")));
	assert_false(may_open(&closed, "2026-10-20", false));
	assert_true(may_open(&closed, "2026-10-21", true));
	assert_true(may_open(&closed, "2025-09-15", false));
	case_event moved[] = {opening(), {.id = 2, .kind = EV_SLUITING, .datum = D("2025-10-20"), .type = UIT_VERHUISD}};
	case_state elsewhere = fold(moved, 2, "2025-11-10");
	assert_true(may_open(&elsewhere, "2025-10-21", true));
}

static void by_hand_only_with_a_first_day_of_absence(void **state)
{
	(void)state;
	classification c = {.in_scope = true, .cat = CAT_DREIGEND, .startdatum = D("2025-10-20")};
	assert_true(case_opens_by_hand(&c));
	c.startdatum = DAY_NONE;
	c.cat = CAT_GEEN;
	assert_false(case_opens_by_hand(&c));
	c = (classification){.in_scope = false, .cat = CAT_AV, .startdatum = D("2025-10-20")};
	assert_false(case_opens_by_hand(&c));
}

static void signals_and_urgency_order_the_dossier_list(void **state)
{
	(void)state;
	case_event ev[] = {opening()};
	case_state calm = fold(ev, 1, "2025-10-01");	 /* the six weeks end on 2025-10-27 */
	case_state soon = fold(ev, 1, "2025-10-21");	 /* due this week */
	case_state stagnated = fold(ev, 1, "2025-10-28"); /* no decision in six weeks */
	assert_true(case_matches_signal(&calm, NULL));
	assert_true(case_matches_signal(&calm, "alle"));
	assert_false(case_matches_signal(&calm, "deze_week"));
	assert_true(case_matches_signal(&soon, "deze_week"));
	assert_true(case_matches_signal(&stagnated, "gestagneerd"));
	assert_true(case_matches_signal(&stagnated, "verlopen")); /* overdue includes stagnated */
	assert_false(case_matches_signal(&soon, "verlopen"));
	assert_false(case_matches_signal(&calm, "zonder_regie"));
	case_state nobody = calm;
	nobody.regie_user = 0;
	assert_true(case_without_regie(&nobody));
	assert_true(case_matches_signal(&nobody, "zonder_regie"));
	case_event closed_ev[] = {opening(), closing("2025-10-05")};
	case_state closed = fold(closed_ev, 2, "2025-10-28");
	assert_false(case_without_regie(&closed));
	/* Stagnated, due this week, the other open ones, closed. */
	assert_true(case_compare_urgency(&stagnated, &soon) < 0);
	assert_true(case_compare_urgency(&soon, &calm) < 0);
	assert_true(case_compare_urgency(&calm, &closed) < 0);
	/* The longest absence first among equals. */
	case_state older = calm;
	older.startdatum = D("2025-09-01");
	assert_true(case_compare_urgency(&older, &calm) < 0);
	assert_int_equal(case_compare_urgency(&calm, &calm), 0);
}

/* Mijn dossiers (issue 14): the next deadline first, those without one last. */
static void my_dossiers_put_the_next_deadline_first(void **state)
{
	(void)state;
	case_event ev[] = {opening()};
	case_state calm = fold(ev, 1, "2025-10-01"); /* place and decision due 2025-10-27 */
	assert_int_equal(case_next_term_due(&calm), D("2025-10-27"));
	case_state later = calm;
	later.startdatum = D("2025-09-22");
	later.place.due = later.decision.due = D("2025-11-03");
	assert_true(case_compare_next_term(&calm, &later) < 0);
	assert_true(case_compare_next_term(&later, &calm) > 0);
	/* Met terms do not count: the first one not yet met does. */
	case_state placed = later;
	placed.place.state = placed.decision.state = TERM_MET;
	placed.aanbod.due = D("2025-12-15");
	placed.aanbod.state = TERM_OPEN;
	assert_int_equal(case_next_term_due(&placed), D("2025-12-15"));
	assert_true(case_compare_next_term(&later, &placed) < 0);
	case_event closed_ev[] = {opening(), closing("2025-10-05")};
	case_state closed = fold(closed_ev, 2, "2025-10-28");
	assert_int_equal(case_next_term_due(&closed), DAY_NONE);
	assert_true(case_compare_next_term(&placed, &closed) < 0);
	assert_int_equal(case_compare_next_term(&calm, &calm), 0);
}

static void problems_of_a_dossier_say_what_to_do(void **state)
{
	(void)state;
	case_event ev[] = {opening()};
	case_state st = fold(ev, 1, "2025-10-01");
	const char *p[CASE_MAX_PROBLEMS];
	assert_int_equal(case_problems(&st, false, p), 0);
	st.regie_user = 0;
	assert_int_equal(case_problems(&st, false, p), 1);
	assert_non_null(strstr(p[0], "geen regiehouder"));
	st.regie_org = 0;
	assert_int_equal(case_problems(&st, true, p), 2);
	assert_non_null(strstr(p[0], "geen regie:"));
	assert_non_null(strstr(p[1], "weer naar school"));
	case_event closed_ev[] = {opening(), closing("2025-10-05")};
	case_state closed = fold(closed_ev, 2, "2025-10-28");
	assert_int_equal(case_problems(&closed, true, p), 0); /* a closed dossier asks nothing */
	classification back = {.in_scope = true, .cat = CAT_GEEN};
	assert_true(case_pupil_back(&back));
	back.cat = CAT_LRV;
	assert_false(case_pupil_back(&back));
}

static void the_next_term_is_the_earliest_not_met(void **state)
{
	(void)state;
	term t[3] = {{D("2025-10-27"), D("2025-10-20"), TERM_MET},
		     {D("2025-11-24"), DAY_NONE, TERM_OPEN},
		     {D("2025-11-10"), DAY_NONE, TERM_OVERDUE}};
	assert_int_equal(term_next(t, 3), 2);
	t[2].state = TERM_CLOSED;
	assert_int_equal(term_next(t, 3), 1);
	t[1].state = TERM_MET_LATE;
	assert_int_equal(term_next(t, 3), 3);
}

static void a_placement_is_a_place_from_its_start(void **state)
{
	(void)state;
	case_event p = {.kind = EV_PLAATSING, .datum = D("2025-10-10"), .plaats_per = DAY_NONE};
	assert_int_equal(case_event_place(&p), D("2025-10-10")); /* the decision's day */
	p.plaats_per = D("2025-11-03");
	assert_int_equal(case_event_place(&p), D("2025-11-03"));
	case_event a = {.kind = EV_AANBOD, .datum = D("2025-10-10"), .plaats_per = DAY_NONE};
	assert_int_equal(case_event_place(&a), DAY_NONE); /* an offer without a place yet */
}

/* A: AV, lives in GM0001, last at 20BB-00 (VO0001). B: LRV at 70GG-00 (VO0002), lives in GM0002. */
static const fixture WORLD = {
	.leerlingen = "A,,,2012-01-01,,,\nB,,,2012-01-01,,,\n",
	.woonadressen = "A,GM0001,2012-01-01,,0\nB,GM0002,2012-01-01,,0\n",
	.inschrijvingen = "A,20BB,00,2024-08-01,2025-07-31\nB,70GG,00,2024-08-01,\n",
	.verzuim = "B,70GG,00,ongeoorloofd,2025-09-15,,\n",
};

static void a_new_dossier_is_led_by_leerplicht_for_av_else_by_the_school_side(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&WORLD, NULL);
	assert_non_null(ds);
	classification c;
	regie_candidate cand[3];
	classify_id(ds, "A", "2025-11-01", &c);
	assert_int_equal(c.cat, CAT_AV);
	assert_int_equal(regie_default(ds, &c, cand), 1);
	assert_int_equal(cand[0].kind, ORG_LEERPLICHT);
	assert_string_equal(cand[0].code, "GM0001");
	classify_id(ds, "B", "2025-11-01", &c);
	assert_int_equal(c.cat, CAT_LRV);
	assert_int_equal(regie_default(ds, &c, cand), 3);
	assert_int_equal(cand[0].kind, ORG_SWV);
	assert_string_equal(cand[0].code, "VO0002");
	assert_int_equal(cand[1].kind, ORG_SCHOOL);
	assert_string_equal(cand[1].code, "70GG:00");
	assert_int_equal(cand[2].kind, ORG_LEERPLICHT);
	assert_string_equal(cand[2].code, "GM0002");
	dataset_free(ds);
}

static void the_organisation_with_regie_or_asked_for_it_sees_the_dossier(void **state)
{
	(void)state;
	case_event ev[] = {opening()};
	case_state st = fold(ev, 1, "2025-10-01");
	assert_true(case_org_sees(&st, 7));
	assert_false(case_org_sees(&st, 8));
	assert_false(case_org_sees(&st, 0));
	st.pending = (handover){.id = 5, .org = 8, .since = D("2025-10-02")};
	assert_true(case_org_sees(&st, 8));
}

static void the_tafel_meets_every_three_weeks(void **state)
{
	(void)state;
	assert_int_equal(tafel_next_due(DAY_NONE, D("2025-11-01")), D("2025-11-01"));
	assert_int_equal(tafel_next_due(D("2025-10-01"), D("2025-11-01")), D("2025-10-22"));
	assert_string_equal(tafel_status(D("2025-10-22"), D("2025-10-23")), "verlopen");
	assert_string_equal(tafel_status(D("2025-10-22"), D("2025-10-15")), "deze_week");
	assert_string_equal(tafel_status(D("2025-10-22"), D("2025-10-22")), "deze_week");
	assert_string_equal(tafel_status(D("2025-10-22"), D("2025-10-14")), "op_tijd");
	assert_true(tafel_peildatum_ok(D("2025-11-01"), D("2025-11-01")));
	assert_false(tafel_peildatum_ok(D("2025-11-02"), D("2025-11-01"))); /* never ahead */
}

static void a_stay_has_regie_before_during_and_after(void **state)
{
	(void)state;
	assert_string_equal(stay_phase(D("2025-12-01"), DAY_NONE, D("2025-11-01")), "voor");
	assert_string_equal(stay_phase(D("2025-10-01"), DAY_NONE, D("2025-11-01")), "tijdens");
	assert_string_equal(stay_phase(D("2025-10-01"), D("2025-11-01"), D("2025-11-01")), "tijdens");
	assert_string_equal(stay_phase(D("2025-10-01"), D("2025-10-31"), D("2025-11-01")), "na");
	assert_true(stay_in_view(DAY_NONE, D("2030-01-01")));
	assert_true(stay_in_view(D("2025-01-01"), D("2025-01-01") + STAY_AFTER_DAYS));
	assert_false(stay_in_view(D("2025-01-01"), D("2025-01-01") + STAY_AFTER_DAYS + 1));
	const char *p[1];
	assert_int_equal(stay_problems(true, p), 0);
	assert_int_equal(stay_problems(false, p), 1);
	assert_non_null(strstr(p[0], "regiehouder"));
}

/* V: a 5b until the end of 2025, then (after a gap) a refused 5a request. */
static const fixture VRIJ = {
	.leerlingen = "V,,,2012-01-01,,,\n",
	.woonadressen = "V,GM0001,2012-01-01,,0\n",
	.vrijstellingen = "V,5b,verleend,2025-01-10,2025-02-01,2025-12-31\nV,5a,afgewezen,2026-01-05,,\n",
};

static void the_vrijstelling_reviewed_is_the_one_granted_that_day(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&VRIJ, NULL);
	assert_non_null(ds);
	uint32_t p = (uint32_t)dataset_pupil(ds, "V", 1);
	assert_null(vrijstelling_granted_on(ds, p, D("2025-01-31")));
	assert_non_null(vrijstelling_granted_on(ds, p, D("2025-02-01")));
	assert_string_equal(vrijstelling_granted_on(ds, p, D("2025-12-31"))->grond, "5b");
	assert_null(vrijstelling_granted_on(ds, p, D("2026-02-01"))); /* a refusal grants nothing */
	/* Reviewed at the latest eight weeks before it ends. */
	assert_true(vrijstelling_ends_soon(D("2025-12-31"), D("2025-12-31") - REVIEW_BEFORE_END));
	assert_false(vrijstelling_ends_soon(D("2025-12-31"), D("2025-12-31") - REVIEW_BEFORE_END - 1));
	dataset_free(ds);
}

static void a_vrijstelling_from_the_registry_is_taken_over_as_it_stands(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&VRIJ, NULL);
	assert_non_null(ds);
	const vrijstelling *x = vrijstelling_granted_on(ds, (uint32_t)dataset_pupil(ds, "V", 1), D("2025-06-01"));
	assert_non_null(x);
	assert_int_equal(vrijstelling_categorie_of(x), CAT_VRIJSTELLING_5B);
	vp_event reg = vp_from_registry(x);
	assert_int_equal(reg.kind, VP_REGISTRATIE);
	assert_string_equal(reg.grond, "5b");
	assert_int_equal(reg.datum, D("2025-01-10")); /* the request came first */
	assert_int_equal(reg.van, D("2025-02-01"));
	assert_int_equal(reg.tot, D("2025-12-31"));
	vrijstelling open5a = {.kind = GROND_5A, .status = VS_VERLEEND, .van = D("2025-03-01"), .tot = DAY_OPEN,
			       .aanvraag = DAY_NONE, .grond = "5a"};
	assert_int_equal(vrijstelling_categorie_of(&open5a), CAT_VRIJSTELLING_5A_PERMANENT);
	reg = vp_from_registry(&open5a);
	assert_int_equal(reg.datum, D("2025-03-01")); /* no request: its start */
	assert_int_equal(reg.tot, DAY_NONE);
	open5a.tot = D("2026-03-01");
	assert_int_equal(vrijstelling_categorie_of(&open5a), CAT_VRIJSTELLING_5A_TIJDELIJK);
	dataset_free(ds);
}

static void an_accepted_hand_over_goes_to_the_person_asked(void **state)
{
	(void)state;
	handover h = {.id = 5, .org = 8, .user = 80};
	assert_int_equal(case_handover_holder(&h, true, 81), 80);
	assert_int_equal(case_handover_holder(&h, false, 81), 81); /* asked, but no longer there */
	h.user = 0;
	assert_int_equal(case_handover_holder(&h, true, 81), 81);
}

static void the_swv_asked_for_advice_sees_the_procedure(void **state)
{
	(void)state;
	bool swvs[2] = {false, true};
	scope_set asked = {.rol = ROLE_SWV, .swv = swvs};
	assert_true(vp_swv_sees(&asked, 1));
	assert_false(vp_swv_sees(&asked, 0));
	assert_false(vp_swv_sees(&asked, NO_REF));
	scope_set lp = {.rol = ROLE_LEERPLICHT, .swv = swvs};
	assert_false(vp_swv_sees(&lp, 1)); /* leerplicht sees it through the pupil */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_open_dossier_and_an_absence_dealt_with_stays_closed),
		cmocka_unit_test(by_hand_only_with_a_first_day_of_absence),
		cmocka_unit_test(signals_and_urgency_order_the_dossier_list),
		cmocka_unit_test(problems_of_a_dossier_say_what_to_do),
		cmocka_unit_test(the_next_term_is_the_earliest_not_met),
		cmocka_unit_test(a_placement_is_a_place_from_its_start),
		cmocka_unit_test(a_new_dossier_is_led_by_leerplicht_for_av_else_by_the_school_side),
		cmocka_unit_test(the_organisation_with_regie_or_asked_for_it_sees_the_dossier),
		cmocka_unit_test(the_tafel_meets_every_three_weeks),
		cmocka_unit_test(a_stay_has_regie_before_during_and_after),
		cmocka_unit_test(the_vrijstelling_reviewed_is_the_one_granted_that_day),
		cmocka_unit_test(a_vrijstelling_from_the_registry_is_taken_over_as_it_stands),
		cmocka_unit_test(an_accepted_hand_over_goes_to_the_person_asked),
		cmocka_unit_test(my_dossiers_put_the_next_deadline_first),
		cmocka_unit_test(the_swv_asked_for_advice_sees_the_procedure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
