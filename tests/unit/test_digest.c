/* The daily digest by e-mail (issue 14, src/core/digest.c): which dossiers
 * are the account's, which terms are due this week on the server's day
 * (the week's boundaries, lesweken without the holidays, 29 February), the
 * new signals against the previous digest, when the server sends, and
 * which addresses it sends to. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/digest.h"

static case_state fold_events(const case_event *ev, size_t n, const holiday_calendar *cal, const char *today)
{
	case_state st;
	strbuf why = STRBUF_INIT;
	if (case_fold(ev, n, cal, D(today), &st, &why) != 0)
		fail_msg("fold refused: %s", sb_str(&why));
	sb_free(&why);
	return st;
}

static case_state fold_on(const char *start, const holiday_calendar *cal, const char *today)
{
	case_event ev[] = {{.id = 1, .kind = EV_OPENING, .datum = D(start), .startdatum = D(start), .org = 7},
			   {.id = 2, .kind = EV_REGIE, .datum = D(start), .org = 7, .user = 31}};
	return fold_events(ev, 2, cal, today);
}

static digest_counts digest_on(const char *start, const holiday_calendar *cal, const char *today)
{
	case_state st = fold_on(start, cal, today);
	digest_counts d;
	digest_begin(&d, D(today), DAY_NONE);
	if (digest_case_is_mine(&st, 31, 7))
		digest_add_case(&d, &st);
	return d;
}

/* A place and a decision are due 42 days after the first day of absence
 * (2026-09-01 -> 2026-10-13): due this week from seven days before up to
 * the day itself, over the term the day after. */
static void the_week_runs_to_seven_days_ahead(void **state)
{
	(void)state;
	assert_int_equal(fold_on("2026-09-01", NULL, "2026-09-02").place.due, D("2026-10-13"));
	digest_counts d = digest_on("2026-09-01", NULL, "2026-10-05");
	assert_int_equal(d.due_this_week, 0);
	assert_int_equal(d.overdue, 0);
	assert_int_equal(d.dossiers, 1);
	d = digest_on("2026-09-01", NULL, "2026-10-06");
	assert_int_equal(d.due_this_week, 2); /* the place and the decision */
	d = digest_on("2026-09-01", NULL, "2026-10-13");
	assert_int_equal(d.due_this_week, 2);
	assert_int_equal(d.overdue, 0);
	d = digest_on("2026-09-01", NULL, "2026-10-14");
	assert_int_equal(d.due_this_week, 0);
	assert_int_equal(d.overdue, 1); /* one dossier, however many terms it is over */
}

/* Lesweken: the autumn holiday (2026-10-17 .. 2026-10-25) moves the terms of
 * an absence from 2026-09-15 on by its nine days, to 2026-11-05; without the
 * calendar they would be due on 2026-10-27. */
static void holidays_move_the_week(void **state)
{
	(void)state;
	day_range autumn = {D("2026-10-17"), D("2026-10-25")};
	holiday_calendar cal;
	calendar_build(&cal, &autumn, 1);
	assert_int_equal(fold_on("2026-09-15", &cal, "2026-10-01").place.due, D("2026-11-05"));
	assert_int_equal(digest_on("2026-09-15", NULL, "2026-10-27").due_this_week, 2);
	assert_int_equal(digest_on("2026-09-15", &cal, "2026-10-27").due_this_week, 0);
	assert_int_equal(digest_on("2026-09-15", &cal, "2026-10-28").due_this_week, 0);
	assert_int_equal(digest_on("2026-09-15", &cal, "2026-10-29").due_this_week, 2);
	assert_int_equal(digest_on("2026-09-15", &cal, "2026-11-05").overdue, 0);
	assert_int_equal(digest_on("2026-09-15", &cal, "2026-11-06").overdue, 1);
	calendar_free(&cal);
}

/* Three calendar months without passend aanbod from 2027-11-29 end on
 * 29 February 2028: due this week from 22 February, over the term on
 * 1 March. The six weeks passed long before (over a term already). */
static void twenty_ninth_of_february(void **state)
{
	(void)state;
	assert_int_equal(fold_on("2027-11-29", NULL, "2027-12-01").aanbod.due, D("2028-02-29"));
	digest_counts d = digest_on("2027-11-29", NULL, "2028-02-21");
	assert_int_equal(d.due_this_week, 0);
	assert_int_equal(d.overdue, 1);
	assert_int_equal(digest_on("2027-11-29", NULL, "2028-02-22").due_this_week, 1);
	assert_int_equal(digest_on("2027-11-29", NULL, "2028-02-29").due_this_week, 1);
	assert_int_equal(digest_on("2028-11-29", NULL, "2029-02-21").due_this_week, 1); /* 2029: due 28 February */
	assert_int_equal(digest_on("2027-11-29", NULL, "2028-03-01").due_this_week, 0);
}

/* The account's own: led by it or by its organisation, and open. */
static void only_dossiers_led_by_the_account_or_its_organisation(void **state)
{
	(void)state;
	case_state st = fold_on("2026-09-01", NULL, "2026-10-06");
	assert_true(digest_case_is_mine(&st, 31, 0));
	assert_true(digest_case_is_mine(&st, 0, 7));
	assert_true(digest_case_is_mine(&st, 32, 7));
	assert_false(digest_case_is_mine(&st, 32, 8));
	assert_false(digest_case_is_mine(&st, 0, 0));
	st.open = false;
	assert_false(digest_case_is_mine(&st, 31, 7));
}

static signal_entry sig(uint32_t p, uint8_t kind)
{
	return (signal_entry){.pupil = p, .s = {.kind = kind}};
}

/* New: holds today and did not on the previous digest's day, per pupil and
 * signal; the first digest compares with a week before. */
static void new_signals_against_the_previous_digest(void **state)
{
	(void)state;
	digest_counts d;
	digest_begin(&d, D("2026-11-23"), DAY_NONE);
	assert_int_equal(d.since, D("2026-11-16"));
	digest_begin(&d, D("2026-11-23"), D("2026-11-20"));
	assert_int_equal(d.since, D("2026-11-20"));
	signal_entry now[] = {sig(5, SIG_KEARNEY_3), sig(1, SIG_MELDPLICHT_16_UUR), sig(3, SIG_ZIEK_7_DAGEN),
			      sig(1, SIG_ZIEK_4_KEER)};
	signal_entry before[] = {sig(3, SIG_ZIEK_7_DAGEN), sig(5, SIG_KEARNEY_2), sig(1, SIG_MELDPLICHT_16_UUR),
				 sig(9, SIG_ZIEK_7_DAGEN)};
	digest_add_signals(&d, now, 4, before, 4);
	assert_int_equal(d.new_signals, 2); /* pupil 1's ZIEK_4_KEER, pupil 5's KEARNEY_3 */
	digest_counts none;
	digest_begin(&none, D("2026-11-23"), DAY_NONE);
	digest_add_signals(&none, NULL, 0, before, 4);
	assert_int_equal(none.new_signals, 0);
	digest_add_signals(&none, now, 4, NULL, 0);
	assert_int_equal(none.new_signals, 4);
}

/* At or after the configured hour, and then every DIGEST_RETRY_MINUTES. */
static void the_server_sends_from_the_hour_on(void **state)
{
	(void)state;
	assert_false(digest_send_now(6, 7, -1));
	assert_true(digest_send_now(7, 7, -1));
	assert_true(digest_send_now(23, 7, -1));
	assert_false(digest_send_now(8, 7, DIGEST_RETRY_MINUTES - 1));
	assert_true(digest_send_now(8, 7, DIGEST_RETRY_MINUTES));
	assert_true(digest_send_now(0, 0, -1));
}

static void addresses(void **state)
{
	(void)state;
	assert_true(digest_address_ok("lp@utrecht.nl"));
	assert_true(digest_address_ok("a.b-c+d@mail.gemeente.example.nl"));
	const char *bad[] = {"", "geen adres", "lp@", "@utrecht.nl", "lp@utrecht", "lp@@utrecht.nl", "lp@utrecht.",
			     "<lp@utrecht.nl>", "lp@utrecht.nl\r\nBcc: x@y.nl", "l\"p@utrecht.nl", "lp,x@utrecht.nl"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (digest_address_ok(bad[i]))
			fail_msg("accepted '%s'", bad[i]);
}

/* Closed on 2026-10-01 with the child back at school: the follow-up after
 * six weeks is due on 2026-11-12, this week from 2026-11-05 on, and stays
 * the account's to do until it is recorded; a dossier closed otherwise, or
 * led by someone else, has none in this digest. */
static digest_counts followups_on(case_event *ev, size_t n, const char *today, int64_t account, int64_t org)
{
	case_state st = fold_events(ev, n, NULL, today);
	digest_counts d;
	digest_begin(&d, D(today), DAY_NONE);
	if (digest_case_is_mine(&st, account, org))
		digest_add_case(&d, &st);
	else
		digest_add_followup(&d, &st, account, org);
	return d;
}

static void followups_after_the_return(void **state)
{
	(void)state;
	case_event ev[] = {{.id = 1, .kind = EV_OPENING, .datum = D("2026-09-01"), .startdatum = D("2026-09-01"), .org = 7},
			   {.id = 2, .kind = EV_REGIE, .datum = D("2026-09-01"), .org = 7, .user = 31},
			   {.id = 3, .kind = EV_SLUITING, .datum = D("2026-10-01"), .type = UIT_TERUG_OP_SCHOOL},
			   {.id = 4, .kind = EV_NAZORG, .datum = D("2026-11-13"), .type = NAZORG_6_WEKEN}};
	assert_int_equal(followups_on(ev, 3, "2026-11-04", 31, 7).followups, 0);
	digest_counts d = followups_on(ev, 3, "2026-11-05", 31, 7);
	assert_int_equal(d.followups, 1);
	assert_int_equal(d.dossiers, 0); /* closed: not one of the open dossiers */
	assert_int_equal(followups_on(ev, 3, "2026-11-20", 31, 7).followups, 1); /* overdue, still to do */
	assert_int_equal(followups_on(ev, 3, "2026-11-20", 0, 7).followups, 1);  /* the organisation's */
	assert_int_equal(followups_on(ev, 3, "2026-11-20", 32, 8).followups, 0); /* someone else's */
	assert_int_equal(followups_on(ev, 4, "2026-11-20", 31, 7).followups, 0); /* recorded */
	ev[2].type = UIT_VERHUISD;
	assert_int_equal(followups_on(ev, 3, "2026-11-20", 31, 7).followups, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_week_runs_to_seven_days_ahead),
		cmocka_unit_test(holidays_move_the_week),
		cmocka_unit_test(twenty_ninth_of_february),
		cmocka_unit_test(only_dossiers_led_by_the_account_or_its_organisation),
		cmocka_unit_test(new_signals_against_the_previous_digest),
		cmocka_unit_test(the_server_sends_from_the_hour_on),
		cmocka_unit_test(addresses),
		cmocka_unit_test(followups_after_the_return),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
