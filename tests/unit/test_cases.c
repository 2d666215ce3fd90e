/* Case work (SPEC 6): deadlines from the first day of actual absence in
 * lesweken, the extension and its limit, stagnation, places of the current
 * absence only, the dates an event may have, escalation, regie and its
 * hand-over, closing, and which categories open a dossier. */
#include "helpers.h"

#include <string.h>

#include "../../src/core/cases.h"

/* Opened on 2025-10-01; the first day of actual absence 2025-09-15. */
#define START "2025-09-15"
static case_event opening(void)
{
	return (case_event){.id = 1, .kind = EV_OPENING, .datum = D("2025-10-01"), .startdatum = D(START), .org = 7};
}

static case_state fold_with(const case_event *ev, size_t n, const holiday_calendar *cal, const char *today)
{
	case_state st;
	strbuf why = STRBUF_INIT;
	if (case_fold(ev, n, cal, D(today), &st, &why) != 0)
		fail_msg("fold refused: %s", sb_str(&why));
	sb_free(&why);
	return st;
}

static case_state fold(const case_event *ev, size_t n, const char *today)
{
	return fold_with(ev, n, NULL, today);
}

static bool refused(const case_event *ev, size_t n, const char *today, const char *reason)
{
	case_state st;
	strbuf why = STRBUF_INIT;
	int rc = case_fold(ev, n, NULL, D(today), &st, &why);
	bool ok = rc != 0 && strstr(sb_str(&why), reason) != NULL;
	if (!ok)
		print_error("expected refusal '%s', got rc=%d '%s'\n", reason, rc, sb_str(&why));
	sb_free(&why);
	return ok;
}

/* Whether next may be recorded on today by someone of organisation org. */
static bool records(const case_state *st, const case_event *next, const char *today, int64_t org)
{
	strbuf why = STRBUF_INIT;
	bool ok = case_may_record(st, next, D(today), org, &why);
	if (!ok)
		print_error("refused: %s\n", sb_str(&why));
	sb_free(&why);
	return ok;
}

static bool rejects(const case_state *st, const case_event *next, const char *today, int64_t org, const char *reason)
{
	strbuf why = STRBUF_INIT;
	bool ok = !case_may_record(st, next, D(today), org, &why) && strstr(sb_str(&why), reason) != NULL;
	if (!ok)
		print_error("expected refusal '%s', got '%s'\n", reason, sb_str(&why));
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
	/* After the six weeks have passed the case has stagnated: too late to
	 * record, also when dated back; on the last day it is in time. */
	case_event ext = {.id = 2, .kind = EV_VERLENGING, .datum = D("2025-10-28"), .dagen = 7};
	st = fold(ev, 1, "2025-10-29");
	assert_true(rejects(&st, &ext, "2025-10-29", 7, "gestagneerd"));
	ext.datum = D("2025-10-27");
	assert_true(rejects(&st, &ext, "2025-10-28", 7, "gestagneerd"));
	assert_true(records(&st, &ext, "2025-10-27", 7));
	case_event last_day[] = {opening(), ext};
	st = fold(last_day, 2, "2025-10-29");
	assert_false(st.stagnated);
}

static void a_decision_and_a_place_meet_the_terms(void **state)
{
	(void)state;
	case_event ev[] = {opening(),
			   {.id = 2, .kind = EV_AANBOD, .datum = D("2025-10-10"), .plaats_per = D("2025-11-03")},
			   {.id = 3, .kind = EV_PLAATSING, .datum = D("2025-10-24"), .plaats_per = DAY_NONE}};
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
	/* Back at school on 2025-11-20: the follow-up of 6 weeks (2026-01-01) is due. */
	assert_string_equal(case_signal(&st), "nazorg");
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
	 * first day of absence on; the closing never precedes the opening. */
	case_event late_entry[] = {opening(), {.id = 2, .kind = EV_AANBOD, .datum = D("2025-09-20"), .plaats_per = D("2025-09-29")}};
	st = fold(late_entry, 2, "2025-10-03");
	assert_int_equal(st.place.state, TERM_MET);
	assert_int_equal(st.place.met_on, D("2025-09-29"));
	case_event early_close[] = {opening(), {.id = 2, .kind = EV_SLUITING, .datum = D("2025-09-30"), .type = UIT_VERHUISD}};
	assert_true(refused(early_close, 2, "2025-10-03", "niet voor het geopend"));
	for (int u = 0; u < UIT_COUNT; u++)
		assert_int_equal(uitkomst_from_code(UITKOMST_CODES[u]), u);
	for (int k = 0; k < EV_COUNT; k++)
		assert_int_equal(case_kind_from_name(CASE_KIND_NAMES[k]), k);
}

/* SPEC 6: weeks are lesweken. A pupil who leaves school just before the
 * summer holiday of region midden (2026-07-18 .. 2026-08-30) is AV from
 * 2026-07-10: eight days pass before the holiday, the other 34 after it. */
static void terms_count_lesweken_without_the_holidays(void **state)
{
	(void)state;
	day_range summer = {D("2026-07-18"), D("2026-08-30")};
	holiday_calendar midden;
	calendar_build(&midden, &summer, 1);
	case_event ev[] = {{.id = 1, .kind = EV_OPENING, .datum = D("2026-07-10"), .startdatum = D("2026-07-10"), .org = 7}};
	case_state st = fold_with(ev, 1, &midden, "2026-09-30");
	assert_int_equal(st.place.due, D("2026-10-04"));
	assert_int_equal(st.decision.due, D("2026-10-04"));
	assert_int_equal(st.decision_first, D("2026-10-04"));
	assert_int_equal(st.aanbod.due, D("2026-10-10")); /* three calendar months stay calendar months */
	for (day_t d = D("2026-09-01"); d <= D("2026-09-30"); d++) {
		char day[DATE_TEXT];
		date_format(d, day);
		st = fold_with(ev, 1, &midden, day);
		assert_false(st.stagnated);
		assert_int_not_equal(st.decision.state, TERM_OVERDUE);
	}
	assert_int_equal(fold_with(ev, 1, &midden, "2026-09-27").decision.state, TERM_DUE_SOON);
	assert_false(fold_with(ev, 1, &midden, "2026-10-04").stagnated);
	assert_true(fold_with(ev, 1, &midden, "2026-10-05").stagnated);
	/* Without the calendar the same case would have stagnated in August. */
	assert_int_equal(fold(ev, 1, "2026-09-01").decision.due, D("2026-08-21"));
	assert_true(fold(ev, 1, "2026-09-01").stagnated);
	/* The extension of four weeks counts lesweken too, and is recorded
	 * before the six weeks (in lesweken) end. */
	case_event ext = {.id = 2, .kind = EV_VERLENGING, .datum = D("2026-10-02"), .dagen = 28};
	st = fold_with(ev, 1, &midden, "2026-10-02");
	assert_true(records(&st, &ext, "2026-10-04", 7));
	assert_true(rejects(&st, &ext, "2026-10-05", 7, "gestagneerd"));
	case_event extended[] = {ev[0], ext};
	st = fold_with(extended, 2, &midden, "2026-10-20");
	assert_int_equal(st.decision.due, D("2026-11-01"));
	assert_int_equal(st.place.due, D("2026-10-04"));
	/* Holidays inside the extension move it on as well. */
	day_range two[] = {summer, {D("2026-10-17"), D("2026-10-25")}};
	holiday_calendar with_autumn;
	calendar_build(&with_autumn, two, 2);
	st = fold_with(extended, 2, &with_autumn, "2026-10-20");
	assert_int_equal(st.decision.due, D("2026-11-10"));
	calendar_free(&with_autumn);
	calendar_free(&midden);
}

/* SPEC 4 rule 6 / 6: only a place available since the current absence began
 * meets a term; a place from an earlier absence does not answer this one. */
static void only_a_place_of_this_absence_meets_a_term(void **state)
{
	(void)state;
	case_event ev[] = {opening()}; /* first day of absence 2025-09-15 */
	day_t earlier[] = {D("2025-06-02")};
	case_state st = fold(ev, 1, "2025-10-10");
	case_with_registry(&st, earlier, 1, D("2025-10-10"));
	assert_int_equal(st.place.state, TERM_OPEN);
	assert_int_equal(st.place.met_on, DAY_NONE);
	assert_int_equal(st.aanbod.met_on, DAY_NONE);
	day_t both[] = {D("2025-06-02"), D("2025-09-15")};
	case_with_registry(&st, both, 2, D("2025-10-10"));
	assert_int_equal(st.place.met_on, D("2025-09-15")); /* the first day itself counts */
	/* A placement that began before this absence is no place for it. */
	case_event placed[] = {opening(), {.id = 2, .kind = EV_PLAATSING, .datum = D("2025-09-20"), .plaats_per = D("2025-09-01")}};
	st = fold(placed, 2, "2025-10-10");
	assert_int_equal(st.decision.state, TERM_MET);
	assert_int_equal(st.place.met_on, DAY_NONE);
	assert_int_equal(st.aanbod.met_on, DAY_NONE);
}

/* Everything in a dossier happens from the first day of absence to today. */
static void an_event_lies_between_the_first_day_and_today(void **state)
{
	(void)state;
	case_event ev[] = {opening()};
	case_state st = fold(ev, 1, "2025-10-03");
	case_event contact = {.id = 2, .kind = EV_CONTACT, .datum = D("1990-01-01")};
	assert_true(rejects(&st, &contact, "2025-10-03", 7, "De datum ligt voor de eerste verzuimdag (2025-09-15)"));
	contact.datum = D("2025-09-14");
	assert_true(rejects(&st, &contact, "2025-10-03", 7, "De datum ligt voor de eerste verzuimdag (2025-09-15)"));
	contact.datum = D("2025-10-04");
	assert_true(rejects(&st, &contact, "2025-10-03", 7, "De datum ligt na vandaag (2025-10-03)"));
	contact.datum = D("2025-09-15");
	assert_true(records(&st, &contact, "2025-10-03", 7));
	contact.datum = D("2025-10-03");
	assert_true(records(&st, &contact, "2025-10-03", 7));
	case_event offer = {.id = 2, .kind = EV_AANBOD, .datum = D("2025-09-14"), .plaats_per = DAY_NONE};
	assert_true(rejects(&st, &offer, "2025-10-03", 7, "eerste dag van feitelijke afwezigheid"));
	/* What is stored stays readable (an old contact before the absence). */
	case_event old[] = {opening(), {.id = 2, .kind = EV_CONTACT, .datum = D("2025-09-01")}};
	assert_int_equal(fold(old, 2, "2025-10-03").events, 2);
}

/* Regie to another organisation is a request; until it is accepted regie
 * stays with the sender. Only the receiving organisation answers. */
static void a_hand_over_is_a_request_the_receiver_answers(void **state)
{
	(void)state;
	case_event base = opening(); /* regie: organisation 7 */
	base.user = 70;
	assert_int_equal(case_regie_kind(7, 7), EV_REGIE);
	assert_int_equal(case_regie_kind(7, 9), EV_OVERDRACHT);
	assert_int_equal(case_regie_kind(0, 9), EV_OVERDRACHT);
	case_event ask = {.id = 2, .kind = EV_OVERDRACHT, .datum = D("2025-10-02"), .org = 9, .user = 0};
	case_event asked[] = {base, ask};
	case_state st = fold(asked, 2, "2025-10-03");
	assert_int_equal(st.regie_org, 7);
	assert_int_equal(st.regie_user, 70);
	assert_int_equal(st.pending.id, 2);
	assert_int_equal(st.pending.org, 9);
	assert_int_equal(st.pending.since, D("2025-10-02"));
	assert_true(case_led_by(&st, 7));
	assert_false(case_led_by(&st, 9));
	/* Taking regie for another organisation directly is refused. */
	case_event grab = {.id = 3, .kind = EV_REGIE, .datum = D("2025-10-03"), .org = 9, .user = 91};
	assert_true(rejects(&st, &grab, "2025-10-03", 7, "verzoek"));
	/* Only organisation 9 answers, and only the open request. */
	case_event yes = {.id = 3, .kind = EV_AANVAARDING, .datum = D("2025-10-03"), .ref = 2, .org = 9, .user = 91};
	assert_true(rejects(&st, &yes, "2025-10-03", 7, "alleen de organisatie"));
	assert_true(rejects(&st, &yes, "2025-10-03", 8, "alleen de organisatie"));
	assert_true(records(&st, &yes, "2025-10-03", 9));
	case_event stale = yes;
	stale.ref = 1;
	assert_true(rejects(&st, &stale, "2025-10-03", 9, "niet meer open"));
	case_event accepted[] = {base, ask, yes};
	st = fold(accepted, 3, "2025-10-04");
	assert_int_equal(st.regie_org, 9);
	assert_int_equal(st.regie_user, 91);
	assert_int_equal(st.pending.id, 0);
	assert_true(case_led_by(&st, 9));
	assert_true(case_held_by(&st, 91));
	assert_false(case_held_by(&st, 70));
	case_event again = {.id = 4, .kind = EV_AANVAARDING, .datum = D("2025-10-04"), .ref = 2, .org = 9, .user = 91};
	assert_true(rejects(&st, &again, "2025-10-04", 9, "geen overdracht"));
	/* Declined: regie stays where it was. */
	case_event no = {.id = 3, .kind = EV_AFWIJZING, .datum = D("2025-10-03"), .ref = 2, .org = 9};
	case_event declined[] = {base, ask, no};
	st = fold(declined, 3, "2025-10-04");
	assert_int_equal(st.regie_org, 7);
	assert_int_equal(st.regie_user, 70);
	assert_int_equal(st.pending.id, 0);
	/* A newer request replaces one not answered; closing ends it. */
	case_event other = {.id = 3, .kind = EV_OVERDRACHT, .datum = D("2025-10-03"), .org = 11};
	case_event replaced[] = {base, ask, other};
	st = fold(replaced, 3, "2025-10-04");
	assert_int_equal(st.pending.org, 11);
	assert_true(rejects(&st, &yes, "2025-10-04", 9, "niet meer open"));
	case_event closed[] = {base, ask, {.id = 3, .kind = EV_SLUITING, .datum = D("2025-10-03"), .type = UIT_VERHUISD}};
	st = fold(closed, 3, "2025-10-04");
	assert_int_equal(st.pending.id, 0);
	assert_false(case_led_by(&st, 7));
	assert_false(case_held_by(&st, 70));
	/* A request to whom already leads, with the same person, is nothing. */
	case_event same = {.id = 2, .kind = EV_OVERDRACHT, .datum = D("2025-10-02"), .org = 7, .user = 70};
	case_event nothing[] = {base, same};
	assert_true(refused(nothing, 2, "2025-10-03", "al"));
}

static void the_av_family_lrv_and_langdurig_ziek_open_a_dossier(void **state)
{
	(void)state;
	const categorie yes[] = {CAT_AV, CAT_AV_KORT, CAT_AV_5C_IN_BEHANDELING, CAT_AV_ADRES_IN_ONDERZOEK, CAT_LRV,
				 CAT_LANGDURIG_ZIEK};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		assert_true(categorie_opens_dossier(yes[i]));
	const categorie no[] = {CAT_GEEN, CAT_DREIGEND, CAT_GESCHORST_VERWIJDERD, CAT_VRIJSTELLING_5A_TIJDELIJK,
				CAT_VRIJSTELLING_5A_PERMANENT, CAT_VRIJSTELLING_5B, CAT_VRIJSTELLING_5C,
				CAT_VRIJSTELLING_OVERIG};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(categorie_opens_dossier(no[i]));
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
		cmocka_unit_test(terms_count_lesweken_without_the_holidays),
		cmocka_unit_test(only_a_place_of_this_absence_meets_a_term),
		cmocka_unit_test(an_event_lies_between_the_first_day_and_today),
		cmocka_unit_test(a_hand_over_is_a_request_the_receiver_answers),
		cmocka_unit_test(the_av_family_lrv_and_langdurig_ziek_open_a_dossier),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
