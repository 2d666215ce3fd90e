/* Case work (SPEC 6): deadlines from the first day of actual absence, the
 * extension and its limit, stagnation, escalation, regie and closing. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/cases.h"

/* Opened on 2025-10-01; the first day of actual absence 2025-09-15. */
#define START "2025-09-15"
static case_event opening(void)
{
	return (case_event){.id = 1, .kind = EV_OPENING, .datum = D("2025-10-01"), .startdatum = D(START), .org = 7};
}

static case_state fold(const case_event *ev, size_t n, const char *today)
{
	case_state st;
	strbuf why = STRBUF_INIT;
	if (case_fold(ev, n, D(today), &st, &why) != 0)
		fail_msg("fold refused: %s", sb_str(&why));
	sb_free(&why);
	return st;
}

static bool refused(const case_event *ev, size_t n, const char *today, const char *reason)
{
	case_state st;
	strbuf why = STRBUF_INIT;
	int rc = case_fold(ev, n, D(today), &st, &why);
	bool ok = rc != 0 && strstr(sb_str(&why), reason) != NULL;
	if (!ok)
		print_error("expected refusal '%s', got rc=%d '%s'\n", reason, rc, sb_str(&why));
	sb_free(&why);
	return ok;
}

static void terms_run_from_the_first_day_of_absence(void **state)
{
	(void)state;
	case_event ev[] = {opening()};
	case_state st = fold(ev, 1, "2025-10-01");
	assert_true(st.open);
	assert_int_equal(st.place.due, D("2025-10-27"));    /* + 6 weeks */
	assert_int_equal(st.decision.due, D("2025-10-27")); /* + 6 weeks */
	assert_int_equal(st.aanbod.due, D("2025-12-15"));   /* + 3 calendar months */
	assert_int_equal(st.place.state, TERM_OPEN);
	assert_null(case_signal(&st));
	st = fold(ev, 1, "2025-10-20"); /* 7 days left: due this week */
	assert_int_equal(st.place.state, TERM_DUE_SOON);
	assert_string_equal(case_signal(&st), "deze_week");
	st = fold(ev, 1, "2025-10-19");
	assert_int_equal(st.place.state, TERM_OPEN);
	st = fold(ev, 1, "2025-10-27"); /* the due day itself is still in time */
	assert_int_equal(st.decision.state, TERM_DUE_SOON);
	assert_false(st.stagnated);
	st = fold(ev, 1, "2025-10-28");
	assert_int_equal(st.decision.state, TERM_OVERDUE);
	assert_true(st.stagnated);
	assert_string_equal(case_signal(&st), "gestagneerd");
	st = fold(ev, 1, "2025-12-16");
	assert_int_equal(st.aanbod.state, TERM_OVERDUE);
}

static void month_end_for_three_months(void **state)
{
	(void)state;
	case_event ev[] = {{.id = 1, .kind = EV_OPENING, .datum = D("2025-12-01"), .startdatum = D("2025-11-30")}};
	case_state st = fold(ev, 1, "2025-12-01");
	assert_int_equal(st.aanbod.due, D("2026-02-28"));
}

static void one_extension_of_at_most_four_weeks(void **state)
{
	(void)state;
	case_event ev[] = {opening(), {.id = 2, .kind = EV_VERLENGING, .datum = D("2025-10-20"), .dagen = 28}};
	case_state st = fold(ev, 2, "2025-11-20");
	assert_int_equal(st.extension, 28);
	assert_int_equal(st.decision.due, D("2025-11-24")); /* 6 + 4 weeks */
	assert_false(st.stagnated);
	assert_int_equal(st.place.state, TERM_OVERDUE); /* the 6-week ambition is not extended */
	st = fold(ev, 2, "2025-11-25");
	assert_true(st.stagnated);
	/* A second extension is refused. */
	case_event twice[] = {opening(), {.id = 2, .kind = EV_VERLENGING, .datum = D("2025-10-20"), .dagen = 7},
			      {.id = 3, .kind = EV_VERLENGING, .datum = D("2025-10-21"), .dagen = 7}};
	assert_true(refused(twice, 3, "2025-10-22", "hoogstens een keer"));
	/* More than four weeks, or none, is refused. */
	case_event longer[] = {opening(), {.id = 2, .kind = EV_VERLENGING, .datum = D("2025-10-20"), .dagen = 29}};
	assert_true(refused(longer, 2, "2025-10-22", "1 tot 28 dagen"));
	longer[1].dagen = 0;
	assert_true(refused(longer, 2, "2025-10-22", "1 tot 28 dagen"));
	/* After the six weeks have passed the case has stagnated: too late. */
	case_event late[] = {opening(), {.id = 2, .kind = EV_VERLENGING, .datum = D("2025-10-28"), .dagen = 7}};
	assert_true(refused(late, 2, "2025-10-29", "gestagneerd"));
	case_event last_day[] = {opening(), {.id = 2, .kind = EV_VERLENGING, .datum = D("2025-10-27"), .dagen = 7}};
	st = fold(last_day, 2, "2025-10-29");
	assert_false(st.stagnated);
}

static void a_decision_and_a_place_meet_the_terms(void **state)
{
	(void)state;
	case_event ev[] = {opening(),
			   {.id = 2, .kind = EV_AANBOD, .datum = D("2025-10-10"), .plaats_per = D("2025-11-03")},
			   {.id = 3, .kind = EV_PLAATSING, .datum = D("2025-10-24")}};
	case_state st = fold(ev, 3, "2025-12-20");
	assert_int_equal(st.decision.state, TERM_MET);
	assert_int_equal(st.decision.met_on, D("2025-10-24"));
	assert_int_equal(st.place.state, TERM_MET); /* the placement came first */
	assert_int_equal(st.aanbod.state, TERM_MET);
	assert_false(st.stagnated);
	assert_null(case_signal(&st));
	/* An offer without a place yet meets nothing. */
	case_event no_place[] = {opening(), {.id = 2, .kind = EV_AANBOD, .datum = D("2025-10-10"), .plaats_per = DAY_NONE}};
	st = fold(no_place, 2, "2025-12-20");
	assert_int_equal(st.aanbod.state, TERM_OVERDUE);
	/* A place available only later meets the term late, and not before. */
	case_event later[] = {opening(), {.id = 2, .kind = EV_AANBOD, .datum = D("2025-10-10"), .plaats_per = D("2025-12-20")}};
	st = fold(later, 2, "2025-12-19");
	assert_int_equal(st.aanbod.state, TERM_OVERDUE);
	st = fold(later, 2, "2025-12-21");
	assert_int_equal(st.aanbod.state, TERM_MET_LATE);
	/* A place before the offer is refused. */
	case_event odd[] = {opening(), {.id = 2, .kind = EV_AANBOD, .datum = D("2025-10-10"), .plaats_per = D("2025-10-09")}};
	assert_true(refused(odd, 2, "2025-10-11", "beschikbaar"));
	/* A placement that starts later is a decision now and a place then. */
	case_event starts_later[] = {opening(), {.id = 2, .kind = EV_PLAATSING, .datum = D("2025-10-20"),
						 .plaats_per = D("2025-11-10")}};
	st = fold(starts_later, 2, "2025-11-01");
	assert_int_equal(st.decision.state, TERM_MET);
	assert_int_equal(st.place.state, TERM_OVERDUE); /* due 2025-10-27, the place starts later */
	assert_int_equal(st.place.met_on, DAY_NONE);
	st = fold(starts_later, 2, "2025-11-10");
	assert_int_equal(st.place.state, TERM_MET_LATE);
	assert_int_equal(st.place.met_on, D("2025-11-10"));
	assert_int_equal(st.aanbod.met_on, D("2025-11-10"));
}

static void the_registry_aanbod_counts_too(void **state)
{
	(void)state;
	/* Opened with nothing in the dossier; the registry has a place per
	 * 2025-12-01 (after the 6 weeks, before the 3 months) and one to come. */
	case_event ev[] = {opening()};
	day_t places[] = {D("2026-01-05"), D("2025-12-01"), DAY_NONE};
	case_state st = fold(ev, 1, "2025-12-10");
	assert_int_equal(st.aanbod.state, TERM_DUE_SOON); /* due 2025-12-15 */
	case_with_registry(&st, places, 3, D("2025-12-10"));
	assert_int_equal(st.place.state, TERM_MET_LATE); /* due 2025-10-27 */
	assert_int_equal(st.place.met_on, D("2025-12-01"));
	assert_int_equal(st.aanbod.state, TERM_MET); /* due 2025-12-15 */
	assert_string_equal(case_signal(&st), "gestagneerd"); /* a place is no placement decision */
	/* Before the place is there, the terms stand as they were. */
	st = fold(ev, 1, "2025-11-20");
	case_with_registry(&st, places, 3, D("2025-11-20"));
	assert_int_equal(st.place.state, TERM_OVERDUE);
	assert_int_equal(st.aanbod.state, TERM_OPEN);
	assert_string_equal(case_signal(&st), "gestagneerd");
	/* A closed dossier counts places up to its closing only. */
	case_event closed[] = {opening(), {.id = 2, .kind = EV_SLUITING, .datum = D("2025-11-25"), .type = UIT_VERHUISD}};
	st = fold(closed, 2, "2026-02-01");
	case_with_registry(&st, places, 3, D("2026-02-01"));
	assert_int_equal(st.aanbod.state, TERM_CLOSED);
}

static void escalation_decision_then_account(void **state)
{
	(void)state;
	case_event ev[] = {opening(), {.id = 5, .kind = EV_ESCALATIE, .datum = D("2025-11-01"), .type = ST_ZORGPLICHT},
			   {.id = 6, .kind = EV_BESLUIT, .datum = D("2025-11-05"), .ref = 5},
			   {.id = 7, .kind = EV_VERANTWOORDING, .datum = D("2025-12-01"), .ref = 5}};
	case_state st = fold(ev, 4, "2025-12-02");
	assert_int_equal(st.n_esc, 1);
	assert_int_equal(st.esc[0].decided, D("2025-11-05"));
	assert_int_equal(st.esc[0].accounted, D("2025-12-01"));
	assert_string_equal(STAGNATIE[st.esc[0].type].route,
			    "samenwerkingsverband: twee niet-betrokken bestuursleden en de directeur");
	/* The account comes after the decision; each only once. */
	case_event early[] = {opening(), {.id = 5, .kind = EV_ESCALATIE, .datum = D("2025-11-01"), .type = ST_OUDERS},
			      {.id = 7, .kind = EV_VERANTWOORDING, .datum = D("2025-12-01"), .ref = 5}};
	assert_true(refused(early, 3, "2025-12-02", "nog niet besloten"));
	case_event again[] = {opening(), {.id = 5, .kind = EV_ESCALATIE, .datum = D("2025-11-01"), .type = ST_OUDERS},
			      {.id = 6, .kind = EV_BESLUIT, .datum = D("2025-11-05"), .ref = 5},
			      {.id = 8, .kind = EV_BESLUIT, .datum = D("2025-11-06"), .ref = 5}};
	assert_true(refused(again, 4, "2025-12-02", "al besloten"));
	case_event unknown[] = {opening(), {.id = 6, .kind = EV_BESLUIT, .datum = D("2025-11-05"), .ref = 99}};
	assert_true(refused(unknown, 2, "2025-12-02", "bestaat niet"));
	/* One running escalation per type. */
	case_event dup[] = {opening(), {.id = 5, .kind = EV_ESCALATIE, .datum = D("2025-11-01"), .type = ST_JEUGDHULP},
			    {.id = 6, .kind = EV_ESCALATIE, .datum = D("2025-11-02"), .type = ST_JEUGDHULP}};
	assert_true(refused(dup, 3, "2025-12-02", "loopt al"));
	for (int t = 0; t < ST_COUNT; t++) {
		assert_int_equal(stagnatie_from_code(STAGNATIE[t].code), t);
		assert_true(strlen(STAGNATIE[t].route) > 10);
	}
}

static void regie_and_closing(void **state)
{
	(void)state;
	case_event ev[] = {opening(), {.id = 2, .kind = EV_REGIE, .datum = D("2025-10-02"), .org = 9, .user = 31},
			   {.id = 3, .kind = EV_SLUITING, .datum = D("2025-11-20"), .type = UIT_TERUG_OP_SCHOOL}};
	case_state st = fold(ev, 2, "2025-10-03");
	assert_int_equal(st.regie_org, 9);
	assert_int_equal(st.regie_user, 31);
	st = fold(ev, 3, "2026-01-10");
	assert_false(st.open);
	assert_int_equal(st.closed_as, UIT_TERUG_OP_SCHOOL);
	assert_int_equal(st.decision.state, TERM_CLOSED);
	assert_false(st.stagnated);
	assert_null(case_signal(&st));
	/* Nothing after closing; regie needs an organisation; the same holder twice is no hand-over. */
	case_event after[] = {opening(), {.id = 3, .kind = EV_SLUITING, .datum = D("2025-11-20"), .type = UIT_VERHUISD},
			      {.id = 4, .kind = EV_NOTITIE, .datum = D("2025-11-21")}};
	assert_true(refused(after, 3, "2025-11-22", "gesloten"));
	case_event noorg[] = {opening(), {.id = 2, .kind = EV_REGIE, .datum = D("2025-10-02"), .org = 0}};
	assert_true(refused(noorg, 2, "2025-10-03", "organisatie"));
	case_event same[] = {opening(), {.id = 2, .kind = EV_REGIE, .datum = D("2025-10-02"), .org = 7, .user = 0}};
	assert_true(refused(same, 2, "2025-10-03", "al"));
	case_event nooutcome[] = {opening(), {.id = 3, .kind = EV_SLUITING, .datum = D("2025-11-20"), .type = UIT_COUNT}};
	assert_true(refused(nooutcome, 2, "2025-11-22", "uitkomst"));
	/* Opening: once, first, with the first day of absence not after it. */
	case_event first[] = {{.id = 2, .kind = EV_NOTITIE, .datum = D("2025-10-02")}};
	assert_true(refused(first, 1, "2025-10-03", "nog niet geopend"));
	case_event reopen[] = {opening(), opening()};
	assert_true(refused(reopen, 2, "2025-10-03", "al geopend"));
	case_event future[] = {{.id = 1, .kind = EV_OPENING, .datum = D("2025-10-01"), .startdatum = D("2025-10-02")}};
	assert_true(refused(future, 1, "2025-10-03", "eerste dag"));
	/* Recorded afterwards: an offer from before the opening counts, from the
	 * first day of absence on; a contact may even precede the absence; the
	 * closing never precedes the opening. */
	case_event late_entry[] = {opening(), {.id = 2, .kind = EV_AANBOD, .datum = D("2025-09-20"), .plaats_per = D("2025-09-29")},
				   {.id = 3, .kind = EV_CONTACT, .datum = D("2025-09-01")}};
	st = fold(late_entry, 3, "2025-10-03");
	assert_int_equal(st.place.state, TERM_MET);
	assert_int_equal(st.place.met_on, D("2025-09-29"));
	case_event too_early[] = {opening(), {.id = 2, .kind = EV_AANBOD, .datum = D("2025-09-14"), .plaats_per = DAY_NONE}};
	assert_true(refused(too_early, 2, "2025-10-03", "eerste dag van feitelijke afwezigheid"));
	case_event early_close[] = {opening(), {.id = 2, .kind = EV_SLUITING, .datum = D("2025-09-30"), .type = UIT_VERHUISD}};
	assert_true(refused(early_close, 2, "2025-10-03", "niet voor het geopend"));
	for (int u = 0; u < UIT_COUNT; u++)
		assert_int_equal(uitkomst_from_code(UITKOMST_CODES[u]), u);
	for (int k = 0; k < EV_COUNT; k++)
		assert_int_equal(case_kind_from_name(CASE_KIND_NAMES[k]), k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(terms_run_from_the_first_day_of_absence),
		cmocka_unit_test(month_end_for_three_months),
		cmocka_unit_test(one_extension_of_at_most_four_weeks),
		cmocka_unit_test(a_decision_and_a_place_meet_the_terms),
		cmocka_unit_test(the_registry_aanbod_counts_too),
		cmocka_unit_test(escalation_decision_then_account),
		cmocka_unit_test(regie_and_closing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
