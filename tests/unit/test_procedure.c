/* The vrijstelling 5a procedure, the review of every vrijstelling, and the
 * rule that a 5a is granted or extended only by the procedure's decision. */
#include "helpers.h"

#include <stdio.h>
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

/* A vrijstellingen row (leerling_id, grond, status, aanvraagdatum, van, tot). */
typedef struct vrow {
	field f[6];
} vrow;

static field F(const char *s)
{
	return (field){s, strlen(s)};
}

static vrow V(const char *grond, const char *status, const char *van, const char *tot)
{
	return (vrow){{F("L1"), F(grond), F(status), F("2025-06-01"), F(van), F(tot)}};
}

/* Whether old (NULL: none) may become new_row (NULL: withdrawn) outside the procedure. */
static bool allowed(const vrow *old, const vrow *new_row)
{
	strbuf why = STRBUF_INIT;
	bool ok = vp_change_allowed(old ? old->f : NULL, new_row ? new_row->f : NULL, &why);
	if (ok)
		assert_int_equal(why.len, 0);
	else
		assert_non_null(strstr(sb_str(&why), "Vrijstellingsprocedures"));
	sb_free(&why);
	return ok;
}

static bool may(const vrow *old, vrow new_row)
{
	return allowed(old, &new_row);
}

static void a_5a_is_granted_only_by_the_procedure(void **state)
{
	(void)state;
	vrow granted = V("5a", "verleend", "2025-09-01", "2026-07-31");
	/* Creating one: a new row, a status or a ground changed into a verleend 5a. */
	assert_false(allowed(NULL, &granted));
	vrow asked = V("5a", "aangevraagd", "", ""), refused = V("5a", "afgewezen", "", "");
	vrow other = V("5b", "verleend", "2025-09-01", "2026-07-31");
	assert_false(allowed(&asked, &granted));
	assert_false(allowed(&refused, &granted));
	assert_false(allowed(&other, &granted));
	strbuf why = STRBUF_INIT;
	assert_false(vp_change_allowed(NULL, granted.f, &why));
	assert_non_null(strstr(sb_str(&why), "Een vrijstelling 5a wordt alleen verleend na de procedure"));
	sb_free(&why);
	/* Extending one: a later or removed end, an earlier start, a date that is none. */
	const vrow further[] = {
		V("5a", "verleend", "2025-09-01", "2026-12-31"), /* later */
		V("5a", "verleend", "2025-09-01", ""),		  /* made permanent */
		V("5a", "verleend", "2025-08-01", "2026-07-31"), /* earlier */
		V("5a", "verleend", "2025-10-01", "2026-08-31"), /* moved on */
		V("5a", "verleend", "2025-09-01", "2026-13-01"), /* no date */
		V("5a", "verleend", "", "2026-07-31"),		  /* no start */
	};
	for (size_t i = 0; i < sizeof further / sizeof further[0]; i++)
		assert_false(allowed(&granted, &further[i]));
	why = (strbuf)STRBUF_INIT;
	assert_false(vp_change_allowed(granted.f, further[1].f, &why));
	assert_non_null(strstr(sb_str(&why), "verleend of verlengd na de procedure"));
	sb_free(&why);
	vrow perm_old = V("5a", "verleend", "2017-03-01", "");
	assert_false(may(&perm_old, V("5a", "verleend", "2017-02-01", "")));
	/* Shortening, ending, withdrawing, correcting another field: allowed. */
	assert_true(may(&granted, V("5a", "verleend", "2025-09-01", "2026-03-31")));
	assert_true(may(&granted, V("5a", "verleend", "2025-10-01", "2026-07-31")));
	assert_true(allowed(&granted, &granted)); /* e.g. the aanvraagdatum corrected */
	assert_true(may(&granted, V("5a", "ingetrokken", "2025-09-01", "2026-07-31")));
	assert_true(allowed(&granted, NULL));
	assert_true(may(&perm_old, V("5a", "verleend", "2017-03-01", "2027-07-31"))); /* permanent made tijdelijk */
	/* Requests, refusals and the other grounds need no procedure here. */
	assert_true(allowed(NULL, &asked));
	assert_true(allowed(&asked, &refused));
	assert_true(allowed(NULL, &other));
	assert_true(may(NULL, V("5c", "verleend", "2025-01-01", "2026-11-30")));
	assert_true(may(NULL, V("11g", "verleend", "2025-01-01", "")));
	assert_true(allowed(&granted, &other)); /* no longer a 5a */
}

static void which_vrijstelling_a_procedure_backs(void **state)
{
	(void)state;
	vp_event ev[4] = {E(VP_AANVRAAG, "2025-09-01"), E(VP_ADVIES_ARTS, "2025-09-10"), E(VP_ADVIES_SWV, "2025-09-12"),
			  E(VP_BESLUIT, "2025-10-10")};
	ev[3].besluit = VB_TIJDELIJK;
	ev[3].van = D("2025-10-15");
	ev[3].tot = D("2026-07-31");
	vp_state st = fold(ev, 4, "2025-11-01");
	assert_string_equal(st.grond, "5a");
	assert_true(vp_backs(&st, "5a", D("2025-10-15"), D("2026-07-31")));
	assert_true(vp_backs(&st, "5a", D("2025-10-15"), D("2026-03-31"))); /* shortened since */
	assert_false(vp_backs(&st, "5a", D("2025-10-15"), D("2026-12-31"))); /* an import reached further */
	assert_false(vp_backs(&st, "5a", D("2025-10-15"), DAY_OPEN));
	assert_false(vp_backs(&st, "5a", D("2025-10-01"), D("2026-07-31")));
	assert_false(vp_backs(&st, "5b", D("2025-10-15"), D("2026-07-31")));
	assert_int_equal(vp_origin_of("5a", &st), VO_PROCEDURE);
	vp_state undecided = fold(ev, 3, "2025-11-01");
	assert_false(vp_backs(&undecided, "5a", D("2025-10-15"), D("2026-07-31")));
	ev[3].besluit = VB_AFGEWEZEN;
	ev[3].van = ev[3].tot = DAY_NONE;
	vp_state no = fold(ev, 4, "2025-11-01");
	assert_false(vp_backs(&no, "5a", D("2025-10-15"), D("2026-07-31")));
	/* An imported 5a is zonder procedure until its first review; other grounds never need one. */
	assert_int_equal(vp_origin_of("5a", NULL), VO_ZONDER_PROCEDURE);
	assert_int_equal(vp_origin_of("5b", NULL), VO_REGISTRATIE);
	vp_event reg[2] = {E(VP_REGISTRATIE, "2017-03-01"), E(VP_HERBEOORDELING, "2026-11-20")};
	reg[0].van = D("2017-03-01");
	vp_state taken = fold(reg, 1, "2026-11-20");
	assert_true(vp_backs(&taken, "5a", D("2017-03-01"), DAY_OPEN));
	assert_int_equal(vp_origin_of("5a", &taken), VO_ZONDER_PROCEDURE);
	taken = fold(reg, 2, "2026-11-20");
	assert_int_equal(vp_origin_of("5a", &taken), VO_REGISTRATIE);
	assert_string_equal(VP_ORIGIN_CODES[VO_ZONDER_PROCEDURE], "zonder_procedure");
	/* A 5b taken over from the registry. */
	snprintf(reg[0].grond, sizeof reg[0].grond, "5b");
	reg[0].van = D("2020-07-01");
	taken = fold(reg, 2, "2026-11-20");
	assert_string_equal(taken.fase, "vrijstelling 5b uit de registratie, zonder einddatum");
	assert_true(vp_backs(&taken, "5b", D("2020-07-01"), DAY_OPEN));
	assert_false(vp_backs(&taken, "5a", D("2020-07-01"), DAY_OPEN));
	assert_int_equal(vp_origin_of("5b", &taken), VO_REGISTRATIE);
}

static void every_vrijstelling_has_its_review(void **state)
{
	(void)state;
	/* Never reviewed: a year after the start, for any ground. */
	term t = vp_review(NULL, D("2020-07-01"), DAY_OPEN, D("2026-11-23"));
	assert_int_equal(t.due, D("2021-07-01"));
	assert_int_equal(t.state, TERM_OVERDUE);
	/* With an end date: a year after the start, or 8 weeks before the end when sooner. */
	t = vp_review(NULL, D("2025-01-01"), D("2026-11-30"), D("2026-11-23"));
	assert_int_equal(t.due, D("2026-01-01"));
	t = vp_review(NULL, D("2026-01-01"), D("2026-11-30"), D("2026-09-10"));
	assert_int_equal(t.due, D("2026-10-05"));
	assert_int_equal(t.state, TERM_DUE_SOON);
	t = vp_review(NULL, D("2025-01-01"), D("2026-11-30"), D("2026-12-01"));
	assert_int_equal(t.state, TERM_CLOSED); /* ended */
	/* Reviewed: a year after the review, or the date it set; the registry's
	 * end counts, also when shortened since the decision. */
	vp_event reg[2] = {E(VP_REGISTRATIE, "2020-07-01"), E(VP_HERBEOORDELING, "2026-11-20")};
	reg[0].van = D("2020-07-01");
	vp_state st = fold(reg, 2, "2026-11-23");
	t = vp_review(&st, D("2020-07-01"), DAY_OPEN, D("2026-11-23"));
	assert_int_equal(t.due, D("2027-11-20"));
	assert_int_equal(t.state, TERM_OPEN);
	t = vp_review(&st, D("2020-07-01"), D("2027-03-31"), D("2026-11-23"));
	assert_int_equal(t.due, D("2027-02-03"));
	reg[1].volgende = D("2027-01-15");
	st = fold(reg, 2, "2026-11-23");
	assert_int_equal(vp_review(&st, D("2020-07-01"), DAY_OPEN, D("2026-11-23")).due, D("2027-01-15"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_steps_in_order),
		cmocka_unit_test(the_decision_needs_both_advices),
		cmocka_unit_test(decisions_have_the_right_dates),
		cmocka_unit_test(reviews_of_any_vrijstelling),
		cmocka_unit_test(a_vrijstelling_from_the_registry_is_reviewed),
		cmocka_unit_test(a_5a_is_granted_only_by_the_procedure),
		cmocka_unit_test(which_vrijstelling_a_procedure_backs),
		cmocka_unit_test(every_vrijstelling_has_its_review),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
