/* Targets of SPEC 8: validation, the straight line, on track at the line and
 * just above it, the figure from a count, and the G4 and Zuid-Limburg
 * templates of the seeds. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#include "../../src/core/targets.h"

static target base_target(void)
{
	target t;
	memset(&t, 0, sizeof t);
	snprintf(t.naam, sizeof t.naam, "%s", "AV omlaag");
	t.view = VIEW_GEMEENTE;
	t.n_gebieden = 1;
	snprintf(t.gebieden[0], sizeof t.gebieden[0], "%s", "GM0001");
	t.telling = TT_RESULTAATSCHEMA;
	t.regels = 1u << R_AV_PO | 1u << R_AV_VO;
	t.column = TC_TOTAAL;
	t.baseline_peildatum = D("2022-01-01");
	t.goal_kind = GOAL_RELATIVE;
	t.goal_relative = -7500;
	t.target_date = D("2024-01-01"); /* 730 days later */
	return t;
}

static void refused(const target *t, const dataset *ds, const char *says)
{
	strbuf err = STRBUF_INIT;
	if (target_validate(t, ds, &err))
		fail_msg("accepted; expected '%s'", says);
	if (!strstr(sb_str(&err), says))
		fail_msg("'%s' does not say '%s'", sb_str(&err), says);
	sb_free(&err);
}

static void validation_names_the_field(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&(fixture){0}, NULL);
	assert_non_null(ds);
	target t = base_target();
	strbuf err = STRBUF_INIT;
	assert_true(target_validate(&t, ds, &err));
	assert_string_equal(sb_str(&err), "");
	sb_free(&err);

	t.n_gebieden = 0;
	refused(&t, ds, "ten minste één gebied");
	t = base_target();
	snprintf(t.gebieden[0], sizeof t.gebieden[0], "%s", "GM9999");
	refused(&t, ds, "het gebied GM9999 is onbekend als gemeente");
	t = base_target();
	t.n_gebieden = 2;
	snprintf(t.gebieden[1], sizeof t.gebieden[1], "%s", "GM0001");
	refused(&t, ds, "staat twee keer");
	t = base_target();
	t.view = VIEW_SWV;
	refused(&t, ds, "onbekend als samenwerkingsverband");
	t = base_target();
	t.regels = 0;
	refused(&t, ds, "ten minste één regel");
	t.regels = 1u << R_THUISZITTERS_PER_1000;
	refused(&t, ds, "is een verhouding");
	t.regels = 1u << R_VRIJSTELLING_5B;
	t.column = TC_LANG;
	refused(&t, ds, "geen aantal voor drie maanden of langer");
	t = base_target();
	t.telling = TT_JAARTELLING;
	t.regels = 1u << JR_VRIJSTELLING_5A;
	t.baseline_schooljaar = 2016;
	t.target_date = D("2021-07-31");
	assert_true(target_validate(&t, ds, &err));
	t.column = TC_LANG;
	refused(&t, ds, "de regel VRIJSTELLING_5A heeft geen aantal");
	t.column = TC_TOTAAL;
	t.regels = 1u << JR_COUNT;
	refused(&t, ds, "bestaat niet in die telling");
	t.regels = 1u << JR_AV;
	t.baseline_schooljaar = 0;
	refused(&t, ds, "het schooljaar van de basis");
	t = base_target();
	t.baseline_peildatum = DAY_NONE;
	refused(&t, ds, "de peildatum van de basis ontbreekt");
	t = base_target();
	t.goal_relative = -10001;
	refused(&t, ds, "tussen -100% en +1000%");
	t = base_target();
	t.goal_kind = GOAL_NUMBER;
	t.goal_number = -1;
	refused(&t, ds, "niet negatief");
	t = base_target();
	t.target_date = t.baseline_peildatum;
	refused(&t, ds, "ligt na de basis");
	/* Without a dataset the codes are not looked up. */
	t = base_target();
	snprintf(t.gebieden[0], sizeof t.gebieden[0], "%s", "GM9999");
	assert_true(target_validate(&t, NULL, &err));
	sb_free(&err);
	dataset_free(ds);
}

/* Baseline 40, -75% in 730 days: the goal is 10, halfway the line is 25. */
static void on_track_at_the_line_and_not_just_above_it(void **state)
{
	(void)state;
	target t = base_target();
	fraction g = target_goal(&t, 40), line;
	char s[32];
	fraction_text(g, s);
	assert_string_equal(s, "10.00");
	day_t half = D("2023-01-01");
	assert_true(target_line_at(&t, 40, half, &line));
	fraction_text(line, s);
	assert_string_equal(s, "25.00");
	assert_true(target_on_track(&t, 40, half, 24));
	assert_true(target_on_track(&t, 40, half, 25));  /* at the line */
	assert_false(target_on_track(&t, 40, half, 26)); /* just above it */
	/* At the baseline the line is the baseline itself. */
	assert_true(target_on_track(&t, 40, t.baseline_peildatum, 40));
	assert_false(target_on_track(&t, 40, t.baseline_peildatum, 41));
	/* One day later the line is 40 - 30/730 = 39.96: 40 is just above it. */
	assert_true(target_line_at(&t, 40, t.baseline_peildatum + 1, &line));
	fraction_text(line, s);
	assert_string_equal(s, "39.96");
	assert_false(target_on_track(&t, 40, t.baseline_peildatum + 1, 40));
	assert_true(target_on_track(&t, 40, t.baseline_peildatum + 1, 39));
	/* On and after the target date the line is the goal. */
	assert_true(target_on_track(&t, 40, t.target_date, 10));
	assert_false(target_on_track(&t, 40, t.target_date, 11));
	assert_true(target_on_track(&t, 40, D("2030-01-01"), 10));
	assert_false(target_on_track(&t, 40, D("2030-01-01"), 11));
	/* Before the baseline there is no line. */
	assert_false(target_line_at(&t, 40, t.baseline_peildatum - 1, &line));
	assert_false(target_on_track(&t, 40, t.baseline_peildatum - 1, 0));
	/* A number as the goal: from 7 to 0, a quarter of the way is 5.25. */
	t.goal_kind = GOAL_NUMBER;
	t.goal_number = 0;
	assert_true(target_line_at(&t, 7, t.baseline_peildatum + 730 / 4, &line));
	fraction_text(line, s);
	assert_string_equal(s, "5.25");
	assert_false(target_on_track(&t, 7, t.baseline_peildatum + 730 / 4, 6));
	assert_true(target_on_track(&t, 7, t.baseline_peildatum + 730 / 4, 5));
	/* A rise: +10% of 40 is 44. */
	t.goal_kind = GOAL_RELATIVE;
	t.goal_relative = 1000;
	fraction_text(target_goal(&t, 40), s);
	assert_string_equal(s, "44.00");
}

static void two_decimals_round_half_up(void **state)
{
	(void)state;
	char s[32];
	fraction_text((fraction){1, 3}, s);
	assert_string_equal(s, "0.33");
	fraction_text((fraction){2, 3}, s);
	assert_string_equal(s, "0.67");
	fraction_text((fraction){1, 8}, s);
	assert_string_equal(s, "0.13");
	fraction_text((fraction){INT64_C(400000000000000001), INT64_C(10000000)}, s);
	assert_string_equal(s, "40000000000.00");
}

static void points_are_the_ijkmomenten_or_schooljaren_since(void **state)
{
	(void)state;
	target t = base_target();
	t.baseline_peildatum = D("2016-10-01");
	t.target_date = D("2020-10-01");
	day_t p[16];
	size_t n = target_points(&t, D("2017-06-01"), p, 16);
	const char *want[] = {"2016-10-01", "2016-11-01", "2017-02-01", "2017-06-01"};
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(p[i], D(want[i]));
	assert_int_equal(target_points(&t, D("2016-09-30"), p, 16), 0);
	assert_int_equal(target_points(&t, D("2030-01-01"), p, 3), 3);
	t.telling = TT_JAARTELLING;
	t.regels = 1u << JR_AV;
	t.baseline_schooljaar = 2016;
	n = target_points(&t, D("2019-08-15"), p, 16);
	assert_int_equal(n, 3);
	assert_int_equal(p[0], D("2017-07-31"));
	assert_int_equal(p[1], D("2018-07-31"));
	assert_int_equal(p[2], D("2019-07-31"));
}

/* GM0001 and GM0002 as a group: AV in both, LRV in one. */
static void the_figure_is_summed_over_gebieden_and_regels(void **state)
{
	(void)state;
	fixture f = {.leerlingen = "A,,,2012-03-10,,,\nB,,,2016-03-10,,,\nC,,,2012-03-10,,,\nE,,,2012-03-10,,,\n",
		     .woonadressen = "A,GM0001,2012-03-10,,0\nB,GM0002,2016-03-10,,0\nC,GM0002,2012-03-10,,0\n"
				     "E,GM0003,2012-03-10,,0\n",
		     .inschrijvingen = "A,20BB,00,2024-08-01,2025-06-30\nC,70GG,00,2024-08-01,\n",
		     .verzuim = "C,70GG,00,ongeoorloofd,2025-09-01,,\n"};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	day_t d = D("2025-11-01");
	telling tel;
	telling_init(&tel, ds, VIEW_GEMEENTE);
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		classification c;
		classify(ds, p, d, &c);
		telling_add(&tel, ds, &c);
	}
	target t = base_target();
	t.n_gebieden = 2;
	snprintf(t.gebieden[1], sizeof t.gebieden[1], "%s", "GM0002");
	int64_t v = -1;
	assert_true(target_actual_telling(&t, ds, &tel, &v));
	assert_int_equal(v, 2); /* A (AV VO in GM0001) and B (AV PO in GM0002); E lives in GM0003 */
	t.regels |= 1u << R_LRV_VO;
	assert_true(target_actual_telling(&t, ds, &tel, &v));
	assert_int_equal(v, 3);
	t.column = TC_LANG; /* A since 1 July and B since 2021: three months or longer */
	assert_true(target_actual_telling(&t, ds, &tel, &v));
	assert_int_equal(v, 2);
	t.view = VIEW_SWV;
	assert_false(target_actual_telling(&t, ds, &tel, &v)); /* a count of another view */
	t.view = VIEW_GEMEENTE;
	snprintf(t.gebieden[1], sizeof t.gebieden[1], "%s", "GM9999");
	assert_false(target_actual_telling(&t, ds, &tel, &v));
	telling_free(&tel);

	jaartelling jt;
	jaartelling_init(&jt, ds, VIEW_GEMEENTE, 2025);
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		jaar_pupil jp;
		jaar_pupil_compute(ds, p, 2025, &jp);
		jaartelling_add(&jt, &jp);
	}
	t = base_target();
	t.n_gebieden = 2;
	snprintf(t.gebieden[1], sizeof t.gebieden[1], "%s", "GM0002");
	t.telling = TT_JAARTELLING;
	t.regels = 1u << JR_AV | 1u << JR_LRV;
	t.baseline_schooljaar = 2025;
	t.target_date = D("2027-07-31");
	assert_false(target_actual_telling(&t, ds, &tel, &v)); /* the wrong kind of count */
	assert_true(target_actual_jaartelling(&t, ds, &jt, &v));
	assert_int_equal(v, 3);
	jaartelling_free(&jt);
	dataset_free(ds);
}

static void g4_template_from_the_seed(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&(fixture){0}, NULL);
	const char *const gm[] = {"GM0001", "GM0002"};
	target t[TEMPLATE_MAX_TARGETS];
	assert_string_equal(TEMPLATES[TEMPLATE_G4].code, "g4");
	size_t n = target_template_apply(TEMPLATE_G4, VIEW_GEMEENTE, gm, 2, D("2016-10-01"), 0, t);
	assert_int_equal(n, 4);
	strbuf err = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (!target_validate(&t[i], ds, &err))
			fail_msg("%s: %s", t[i].naam, sb_str(&err));
		assert_int_equal(t[i].telling, TT_RESULTAATSCHEMA);
		assert_int_equal(t[i].n_gebieden, 2);
		assert_string_equal(t[i].gebieden[1], "GM0002");
		assert_int_equal(t[i].target_date, D("2020-10-01")); /* in four years: 2020 */
	}
	sb_free(&err);
	/* AV -75% in four years. */
	assert_int_equal(t[0].regels, 1u << R_AV_PO | 1u << R_AV_VO);
	assert_int_equal(t[0].goal_relative, -7500);
	/* LRV -25% a year to zero: after one year the line is at 75% of the baseline. */
	assert_int_equal(t[1].regels, 1u << R_LRV_PO | 1u << R_LRV_VO);
	fraction line;
	char s[32];
	assert_true(target_line_at(&t[1], 100, D("2017-10-01"), &line));
	fraction_text(line, s);
	assert_string_equal(s, "75.02"); /* 100 - 100 * 365 / 1461 */
	fraction_text(target_goal(&t[1], 100), s);
	assert_string_equal(s, "0.00");
	/* 5a -10%. */
	assert_int_equal(t[2].regels, 1u << R_VRIJSTELLING_5A_TIJDELIJK | 1u << R_VRIJSTELLING_5A_PERMANENT);
	assert_int_equal(t[2].goal_relative, -1000);
	/* Nobody three months or longer without passend aanbod. */
	assert_int_equal(t[3].regels, 1u << R_THUISZITTERS_LANG_ZONDER_AANBOD);
	assert_int_equal(t[3].column, TC_LANG);
	assert_int_equal(t[3].goal_kind, GOAL_NUMBER);
	assert_int_equal(t[3].goal_number, 0);
	/* G4 takes a peildatum as its baseline. */
	assert_int_equal(target_template_apply(TEMPLATE_G4, VIEW_GEMEENTE, gm, 2, DAY_NONE, 2016, t), 0);
	const char *const bad[] = {"GM00011"};
	assert_int_equal(target_template_apply(TEMPLATE_G4, VIEW_GEMEENTE, bad, 1, D("2016-10-01"), 0, t), 0);
	dataset_free(ds);
}

static void zuid_limburg_template_from_the_seed(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&(fixture){0}, NULL);
	const char *const swvs[] = {"PO0001", "VO0001"};
	target t[TEMPLATE_MAX_TARGETS];
	size_t n = target_template_apply(TEMPLATE_ZUID_LIMBURG, VIEW_SWV, swvs, 2, DAY_NONE, 2016, t);
	assert_int_equal(n, 3);
	strbuf err = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (!target_validate(&t[i], ds, &err))
			fail_msg("%s: %s", t[i].naam, sb_str(&err));
		assert_int_equal(t[i].telling, TT_JAARTELLING);
		assert_int_equal(t[i].baseline_schooljaar, 2016);
		assert_int_equal(target_baseline_day(&t[i]), D("2017-07-31"));
	}
	sb_free(&err);
	/* "absoluut verzuim ... verminderd met 50% in vier jaar": 2016/2017 to 2020/2021. */
	assert_int_equal(t[0].regels, 1u << JR_AV);
	assert_int_equal(t[0].goal_relative, -5000);
	assert_int_equal(t[0].target_date, D("2021-07-31"));
	/* "relatief langdurig verzuimt wordt verminderd met 50% per jaar": the
	 * line is at half the baseline after one schooljaar, at zero after two. */
	assert_int_equal(t[1].regels, 1u << JR_LRV);
	assert_int_equal(t[1].target_date, D("2019-07-31"));
	assert_true(target_on_track(&t[1], 10, D("2018-07-31"), 5));
	assert_false(target_on_track(&t[1], 10, D("2018-07-31"), 6));
	assert_true(target_on_track(&t[1], 10, D("2019-07-31"), 0));
	assert_false(target_on_track(&t[1], 10, D("2019-07-31"), 1));
	/* "naar nul leerlingen die langer dan drie maanden thuiszitten" in 2020. */
	assert_int_equal(t[2].column, TC_LANG);
	assert_int_equal(t[2].goal_kind, GOAL_NUMBER);
	assert_int_equal(t[2].target_date, D("2021-07-31"));
	assert_int_equal(target_template_apply(TEMPLATE_ZUID_LIMBURG, VIEW_SWV, swvs, 2, D("2016-10-01"), 0, t), 0);
	dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(validation_names_the_field),
		cmocka_unit_test(on_track_at_the_line_and_not_just_above_it),
		cmocka_unit_test(two_decimals_round_half_up),
		cmocka_unit_test(points_are_the_ijkmomenten_or_schooljaren_since),
		cmocka_unit_test(the_figure_is_summed_over_gebieden_and_regels),
		cmocka_unit_test(g4_template_from_the_seed),
		cmocka_unit_test(zuid_limburg_template_from_the_seed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
