/* After the return (SPEC 6, issue 15): a dossier closed because the child is
 * back at school has follow-up moments 6 weeks, 3 months and 1 year later,
 * signalled until recorded; a new absence within that year reopens the same
 * dossier. Edge dates: month ends and 29 February. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/cases.h"

static case_event ev_open(const char *day, const char *start)
{
	return (case_event){.id = 1, .kind = EV_OPENING, .datum = D(day), .startdatum = D(start), .org = 7, .user = 70,
			    .plaats_per = DAY_NONE, .type = -1};
}

static case_event ev_close(int64_t id, const char *day, uitkomst u)
{
	return (case_event){.id = id, .kind = EV_SLUITING, .datum = D(day), .type = u, .plaats_per = DAY_NONE,
			    .startdatum = DAY_NONE};
}

static case_event ev_followup(int64_t id, const char *day, nazorg k)
{
	return (case_event){.id = id, .kind = EV_NAZORG, .datum = D(day), .type = k, .plaats_per = DAY_NONE,
			    .startdatum = DAY_NONE};
}

static case_event ev_reopen(int64_t id, const char *day, const char *start)
{
	return (case_event){.id = id, .kind = EV_HEROPENING, .datum = D(day), .startdatum = D(start),
			    .plaats_per = DAY_NONE, .type = -1};
}

static int fold(const case_event *ev, size_t n, const char *today, case_state *st)
{
	strbuf why = STRBUF_INIT;
	int rc = case_fold(ev, n, NULL, D(today), st, &why);
	assert_true(rc == 0 || why.len > 0);
	sb_free(&why);
	return rc;
}

static void follow_up_moments_clamp_at_month_ends_and_29_february(void **state)
{
	(void)state;
	day_t d[NAZORG_COUNT];
	case_followup_days(D("2025-11-30"), d);
	assert_int_equal(d[NAZORG_6_WEKEN], D("2026-01-11"));
	assert_int_equal(d[NAZORG_3_MAANDEN], D("2026-02-28")); /* 30 November + 3 months */
	assert_int_equal(d[NAZORG_1_JAAR], D("2026-11-30"));
	case_followup_days(D("2024-02-29"), d);
	assert_int_equal(d[NAZORG_6_WEKEN], D("2024-04-11"));
	assert_int_equal(d[NAZORG_3_MAANDEN], D("2024-05-29"));
	assert_int_equal(d[NAZORG_1_JAAR], D("2025-02-28")); /* no 29 February in 2025 */
	case_followup_days(D("2026-01-31"), d);
	assert_int_equal(d[NAZORG_3_MAANDEN], D("2026-04-30"));
	assert_int_equal(d[NAZORG_1_JAAR], D("2027-01-31"));
	case_followup_days(D("2027-12-31"), d);
	assert_int_equal(d[NAZORG_6_WEKEN], D("2028-02-11"));
	assert_int_equal(d[NAZORG_3_MAANDEN], D("2028-03-31"));
	assert_int_equal(d[NAZORG_1_JAAR], D("2028-12-31"));
	assert_int_equal(nazorg_from_code("3_maanden"), NAZORG_3_MAANDEN);
	assert_int_equal(nazorg_from_code("2_jaar"), NAZORG_COUNT);
}

static void a_return_is_followed_up_and_signalled_until_recorded(void **state)
{
	(void)state;
	case_event ev[5] = {ev_open("2025-10-01", "2025-09-15"), ev_close(2, "2025-11-30", UIT_TERUG_OP_SCHOOL)};
	case_state st;
	assert_int_equal(fold(ev, 2, "2025-12-01", &st), 0);
	assert_int_equal(st.followup_due[NAZORG_1_JAAR], D("2026-11-30"));
	assert_null(case_signal(&st)); /* 6 weeks are far off */
	assert_int_equal(fold(ev, 2, "2026-01-04", &st), 0); /* a week before 11 January */
	assert_int_equal(st.followup_next, NAZORG_6_WEKEN);
	assert_string_equal(case_signal(&st), "nazorg");
	assert_true(case_matches_signal(&st, "nazorg"));
	assert_int_equal(fold(ev, 2, "2026-01-03", &st), 0);
	assert_null(case_signal(&st));
	/* Recorded: the signal waits for the next moment, 28 February. */
	ev[2] = ev_followup(3, "2026-01-12", NAZORG_6_WEKEN);
	assert_int_equal(fold(ev, 3, "2026-02-20", &st), 0);
	assert_int_equal(st.followup_done[NAZORG_6_WEKEN], D("2026-01-12"));
	assert_null(case_signal(&st));
	assert_int_equal(fold(ev, 3, "2026-02-21", &st), 0);
	assert_int_equal(st.followup_next, NAZORG_3_MAANDEN);
	/* The same moment twice, or one before the return, is refused. */
	ev[3] = ev_followup(4, "2026-01-20", NAZORG_6_WEKEN);
	assert_int_equal(fold(ev, 4, "2026-03-01", &st), -1);
	ev[3] = ev_followup(4, "2025-11-29", NAZORG_3_MAANDEN);
	assert_int_equal(fold(ev, 4, "2026-03-01", &st), -1);
	/* All three recorded: no signal after the year. */
	ev[3] = ev_followup(4, "2026-03-02", NAZORG_3_MAANDEN);
	ev[4] = ev_followup(5, "2026-11-30", NAZORG_1_JAAR);
	assert_int_equal(fold(ev, 5, "2027-06-01", &st), 0);
	assert_int_equal(st.followup_next, NAZORG_COUNT);
	assert_null(case_signal(&st));
}

static void only_a_return_to_school_is_followed_up(void **state)
{
	(void)state;
	case_event ev[3] = {ev_open("2025-10-01", "2025-09-15"), ev_close(2, "2025-11-30", UIT_VERHUISD),
			    ev_followup(3, "2026-01-12", NAZORG_6_WEKEN)};
	case_state st;
	assert_int_equal(fold(ev, 2, "2026-01-11", &st), 0);
	assert_int_equal(st.followup_due[NAZORG_6_WEKEN], DAY_NONE);
	assert_null(case_signal(&st));
	assert_int_equal(fold(ev, 3, "2026-01-12", &st), -1); /* no follow-up for a move */
	/* Nor while the dossier is open. */
	case_event open[2] = {ev_open("2025-10-01", "2025-09-15"), ev_followup(2, "2025-10-02", NAZORG_6_WEKEN)};
	assert_int_equal(fold(open, 2, "2025-10-03", &st), -1);
}

static void a_new_absence_within_the_year_reopens_the_same_dossier(void **state)
{
	(void)state;
	case_event ev[4] = {ev_open("2025-03-01", "2025-02-17"), ev_close(2, "2025-06-30", UIT_TERUG_OP_SCHOOL)};
	case_state st;
	assert_int_equal(fold(ev, 2, "2026-06-30", &st), 0);
	/* The year runs to 30 June 2026 inclusive. */
	assert_true(case_reopens(&st, D("2026-06-30")));
	assert_false(case_reopens(&st, D("2026-07-01")));
	assert_false(case_reopens(&st, D("2025-06-30"))); /* the absence dealt with */
	assert_false(case_reopens(&st, DAY_NONE));
	strbuf why = STRBUF_INIT;
	assert_false(case_may_open(&st, D("2025-09-01"), true, &why)); /* not a new dossier */
	assert_non_null(strstr(sb_str(&why), "heropent"));
	sb_reset(&why);
	assert_true(case_may_open(&st, D("2026-07-01"), true, &why)); /* after the year: a new one */
	sb_free(&why);
	/* Reopened: open again, the same history, terms from the new first day. */
	ev[2] = ev_followup(3, "2025-08-11", NAZORG_6_WEKEN);
	ev[3] = ev_reopen(4, "2025-09-20", "2025-09-08");
	assert_int_equal(fold(ev, 4, "2025-09-21", &st), 0);
	assert_true(st.open);
	assert_int_equal(st.reopened, 1);
	assert_int_equal(st.startdatum, D("2025-09-08"));
	assert_int_equal(st.opened, D("2025-09-20"));
	assert_int_equal(st.place.due, D("2025-09-08") + 42);
	assert_int_equal(st.closed, DAY_NONE);
	assert_int_equal(st.events, 4);
	assert_int_equal(st.regie_org, 7); /* regie stays as it was */
	assert_int_equal(st.followup_due[NAZORG_1_JAAR], DAY_NONE);
	/* A second return starts its own year of follow-up. */
	case_event again[5] = {ev[0], ev[1], ev[2], ev[3], ev_close(5, "2025-12-01", UIT_TERUG_OP_SCHOOL)};
	assert_int_equal(fold(again, 5, "2025-12-02", &st), 0);
	assert_int_equal(st.followup_due[NAZORG_1_JAAR], D("2026-12-01"));
	assert_int_equal(st.followup_done[NAZORG_6_WEKEN], DAY_NONE);
	/* Reopening needs a new absence within the year. */
	case_event late[3] = {ev[0], ev[1], ev_reopen(3, "2026-07-02", "2026-07-01")};
	assert_int_equal(fold(late, 3, "2026-07-03", &st), -1);
}

static void the_year_after_29_february_ends_on_28_february(void **state)
{
	(void)state;
	case_event ev[2] = {ev_open("2024-01-15", "2024-01-08"), ev_close(2, "2024-02-29", UIT_TERUG_OP_SCHOOL)};
	case_state st;
	assert_int_equal(fold(ev, 2, "2024-03-01", &st), 0);
	assert_true(case_reopens(&st, D("2025-02-28")));
	assert_false(case_reopens(&st, D("2025-03-01")));
}

/* By hand (issue 15): any closed dossier, within the year after its closing
 * (the reopening's day and today), by the organisation that led it; the new
 * first day between the absence it closed on and the reopening. */
static void a_closed_dossier_reopens_by_hand_within_the_year_by_who_led_it(void **state)
{
	(void)state;
	case_event ev[3] = {ev_open("2026-01-05", "2026-01-05"), ev_close(2, "2026-03-31", UIT_VERHUISD),
			    ev_reopen(3, "2026-04-10", "2026-04-01")};
	ev[2].by_hand = true;
	case_state st;
	assert_int_equal(fold(ev, 2, "2026-04-10", &st), 0);
	strbuf why = STRBUF_INIT;
	assert_false(case_allows(&st, &(case_event){.kind = EV_HEROPENING, .datum = D("2026-04-10"),
						     .startdatum = D("2026-04-01"), .type = -1}, &why));
	assert_true(case_may_record(&st, &ev[2], D("2026-04-10"), 7, &why)); /* by hand: any outcome */
	sb_reset(&why);
	assert_false(case_may_record(&st, &ev[2], D("2026-04-10"), 8, &why));
	assert_non_null(strstr(sb_str(&why), "de regie had toen het dossier sloot"));
	sb_reset(&why);
	assert_true(case_reopens_by_hand(&st, D("2027-03-31"), D("2026-04-01"), &why));
	assert_false(case_reopens_by_hand(&st, D("2027-04-01"), D("2026-04-01"), &why));
	assert_non_null(strstr(sb_str(&why), "tot en met 2027-03-31"));
	sb_reset(&why);
	assert_false(case_may_record(&st, &ev[2], D("2027-04-01"), 7, &why)); /* not dated back */
	sb_reset(&why);
	assert_false(case_reopens_by_hand(&st, D("2026-04-10"), D("2025-12-31"), &why)); /* before the absence */
	assert_false(case_reopens_by_hand(&st, D("2026-04-10"), D("2026-04-11"), &why)); /* after the reopening */
	assert_false(case_reopens_by_hand(&st, D("2026-03-30"), D("2026-03-01"), &why)); /* before the closing */
	sb_free(&why);
	assert_int_equal(fold(ev, 3, "2026-04-10", &st), 0);
	assert_true(st.open);
	assert_int_equal(st.reopened, 1);
	assert_int_equal(st.startdatum, D("2026-04-01"));
	ev[2].by_hand = false; /* the same event as a new absence: only after a return to school */
	assert_int_not_equal(fold(ev, 3, "2026-04-10", &st), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(follow_up_moments_clamp_at_month_ends_and_29_february),
		cmocka_unit_test(a_return_is_followed_up_and_signalled_until_recorded),
		cmocka_unit_test(only_a_return_to_school_is_followed_up),
		cmocka_unit_test(a_new_absence_within_the_year_reopens_the_same_dossier),
		cmocka_unit_test(the_year_after_29_february_ends_on_28_february),
		cmocka_unit_test(a_closed_dossier_reopens_by_hand_within_the_year_by_who_led_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
