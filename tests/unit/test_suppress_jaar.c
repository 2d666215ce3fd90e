/* Small numbers in the school-year count (SPEC 8.1, 9, 11: "small numbers as
 * telling" for the analist): the cells core/suppress_jaar.c hides, checked by
 * an independent reader that tries every value of the unseen cells of a
 * regel against its relations (langer_dan_3_maanden and opgelost are parts
 * of totaal), the never-shown rest of each too. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/suppress_jaar.h"

/* ---- the reader ------------------------------------------------------------------ */

typedef struct seen {
	int64_t lo[JCOL_COUNT], hi[JCOL_COUNT];
	bool gap[JCOL_COUNT];
} seen;

static int64_t true_value(const jaar_cell *c, int col)
{
	return col == JCOL_TOTAAL ? c->totaal : col == JCOL_LANG ? c->lang : c->opgelost;
}

static seen read_regel(const jaar_cell *c, const cell_state *st)
{
	seen s;
	for (int col = 0; col < JCOL_COUNT; col++) {
		int64_t x = true_value(c, col);
		s.gap[col] = st[col] == CELL_HIDDEN;
		s.lo[col] = st[col] == CELL_SHOWN ? x : st[col] == CELL_SMALL ? 1 : 0;
		s.hi[col] = st[col] == CELL_SHOWN ? x : st[col] == CELL_SMALL ? 4 : 2 * c->totaal + 10;
	}
	return s;
}

static bool fits(const seen *s, int col, int64_t x)
{
	return x >= s->lo[col] && x <= s->hi[col] && !(s->gap[col] && x >= 1 && x <= 4);
}

/* The values the reader must allow for quantity q of the regel: a column
 * (0..2), or 3 totaal - lang, 4 totaal - opgelost; how many, up to 2. */
static int possible(const seen *s, int q, int64_t truth)
{
	int64_t other = -1;
	for (int64_t t = s->lo[JCOL_TOTAAL]; t <= s->hi[JCOL_TOTAAL]; t++) {
		if (!fits(s, JCOL_TOTAAL, t))
			continue;
		for (int64_t l = s->lo[JCOL_LANG]; l <= s->hi[JCOL_LANG] && l <= t; l++) {
			if (!fits(s, JCOL_LANG, l))
				continue;
			for (int64_t o = s->lo[JCOL_OPGELOST]; o <= s->hi[JCOL_OPGELOST] && o <= t; o++) {
				if (!fits(s, JCOL_OPGELOST, o))
					continue;
				int64_t x = q == 0 ? t : q == 1 ? l : q == 2 ? o : q == 3 ? t - l : t - o;
				if (x != truth)
					other = x;
			}
		}
	}
	return other >= 0 ? 2 : 1;
}

typedef struct verdict {
	int suppressed, differences, inherent;
} verdict;

/* Every "<5", "x" and never-shown rest of 1 to 4 allows a second value,
 * unless the "<5" pin it by themselves (every other cell hidden too). */
static verdict assert_unrecoverable(const jaar_cell *c, const jaar_suppression *sp, jaar_regel r, const char *what)
{
	verdict out = {0, 0, 0};
	const cell_state *st = sp->cell[r];
	cell_state all[JCOL_COUNT];
	for (int col = 0; col < JCOL_COUNT; col++)
		all[col] = st[col] == CELL_SHOWN ? CELL_HIDDEN : st[col];
	seen s = read_regel(c, st), a = read_regel(c, all);
	for (int q = 0; q < 5; q++) {
		int64_t truth = q < 3 ? true_value(c, q) : c->totaal - true_value(c, q == 3 ? JCOL_LANG : JCOL_OPGELOST);
		if (q < 3 && st[q] == CELL_SHOWN)
			continue;
		if (q >= 3 && !(truth >= 1 && truth <= 4))
			continue;
		if (q < 3)
			out.suppressed++;
		else
			out.differences++;
		if (possible(&s, q, truth) > 1)
			continue;
		if ((q >= 3 || st[q] == CELL_SMALL) && possible(&a, q, truth) == 1) {
			out.inherent++;
			continue;
		}
		fail_msg("%s: %s %d (of totaal %lld, lang %lld, opgelost %lld, shown %d %d %d) can be worked out", what,
			 JAAR_REGELS[r].code, q, (long long)c->totaal, (long long)c->lang, (long long)c->opgelost, st[0],
			 st[1], st[2]);
	}
	return out;
}

/* ---- building counts ------------------------------------------------------------- */

static jaartelling blank(void)
{
	jaartelling t = {.view = VIEW_GEMEENTE, .schooljaar = 2025, .n_gebieden = 1};
	t.cells = calloc(JR_COUNT, sizeof *t.cells);
	assert_non_null(t.cells);
	return t;
}

/* ---- the tests ------------------------------------------------------------------- */

/* AV 30, 27 longer than three months: 3 were not, and that may not show. */
static void the_rest_of_a_part_is_a_small_number_too(void **state)
{
	(void)state;
	jaartelling t = blank();
	t.cells[JR_AV] = (jaar_cell){30, 27, 12};
	t.cells[JR_LRV] = (jaar_cell){40, 8, 36};
	t.cells[JR_VRIJSTELLING_5B] = (jaar_cell){3, 0, 0};
	jaar_suppression sp;
	jaar_suppress(&t, 0, &sp);
	assert_int_equal(sp.cell[JR_AV][JCOL_TOTAAL], CELL_SHOWN);
	assert_int_equal(sp.cell[JR_AV][JCOL_LANG], CELL_HIDDEN);
	assert_int_equal(sp.cell[JR_AV][JCOL_OPGELOST], CELL_SHOWN);
	assert_int_equal(sp.cell[JR_LRV][JCOL_TOTAAL], CELL_SHOWN);
	assert_int_equal(sp.cell[JR_LRV][JCOL_OPGELOST], CELL_HIDDEN);
	assert_int_equal(sp.cell[JR_VRIJSTELLING_5B][JCOL_TOTAAL], CELL_SMALL);
	for (int r = 0; r < JR_COUNT; r++)
		assert_unrecoverable(&t.cells[r], &sp, (jaar_regel)r, "AV 30, 27 lang");
	char text[32];
	jaar_value v;
	jaartelling_value_of(&t, 0, JR_AV, &v);
	jaar_cell_text(&v, JCOL_LANG, &sp, JR_AV, text);
	assert_string_equal(text, "x");
	jaar_cell_text(&v, JCOL_LANG, NULL, JR_AV, text);
	assert_string_equal(text, "27");
	jaartelling_value_of(&t, 0, JR_VRIJSTELLING_5B, &v);
	jaar_cell_text(&v, JCOL_TOTAAL, &sp, JR_VRIJSTELLING_5B, text);
	assert_string_equal(text, "<5");
	jaar_cell_text(&v, JCOL_LANG, &sp, JR_VRIJSTELLING_5B, text);
	assert_string_equal(text, "");
	free(t.cells);
}

static void no_suppressed_value_can_be_worked_out(void **state)
{
	(void)state;
	uint64_t seed = 0x2545f4914f6cdd1du;
	jaartelling t = blank();
	verdict sum = {0, 0, 0};
	long small = 0, hidden = 0, totals = 0, totals_hidden = 0;
	for (int n = 0; n < 3000; n++) {
		for (int r = 0; r < JR_COUNT; r++) {
			uint64_t p = random_next(&seed) % 10;
			int64_t tot = p < 2 ? 0 : p < 5 ? (int64_t)(1 + random_next(&seed) % 4) : (int64_t)(5 + random_next(&seed) % 40);
			t.cells[r] = JAAR_REGELS[r].duur ? (jaar_cell){tot, random_part_of(&seed, tot), random_part_of(&seed, tot)}
							 : (jaar_cell){tot, 0, 0};
		}
		jaar_suppression sp;
		jaar_suppress(&t, 0, &sp);
		char what[32];
		snprintf(what, sizeof what, "case %d", n);
		for (int r = 0; r < JR_COUNT; r++) {
			for (int col = 0; col < JCOL_COUNT; col++) {
				int64_t x = true_value(&t.cells[r], col);
				if (!JAAR_REGELS[r].duur && col != JCOL_TOTAAL)
					continue;
				if ((x >= 1 && x <= 4) != (sp.cell[r][col] == CELL_SMALL))
					fail_msg("%s: %s %d is %lld but state %d", what, JAAR_REGELS[r].code, col, (long long)x,
						 sp.cell[r][col]);
				small += sp.cell[r][col] == CELL_SMALL;
				hidden += sp.cell[r][col] == CELL_HIDDEN;
			}
			verdict v = assert_unrecoverable(&t.cells[r], &sp, (jaar_regel)r, what);
			sum.suppressed += v.suppressed, sum.differences += v.differences, sum.inherent += v.inherent;
			totals += t.cells[r].totaal >= 5;
			totals_hidden += t.cells[r].totaal >= 5 && sp.cell[r][JCOL_TOTAAL] != CELL_SHOWN;
		}
	}
	print_message("3000 random gebieden: %ld cells <5, %ld x, %d never-shown rests of 1 to 4 (%d pinned by the <5 "
		      "alone); a totaal of 5 or more hidden in %ld of %ld\n",
		      small, hidden, sum.differences, sum.inherent, totals_hidden, totals);
	assert_true(sum.differences > 1000);
	/* Hiding parts protects a part's rest: the totaal stays. */
	assert_int_equal(totals_hidden, 0);
	free(t.cells);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_rest_of_a_part_is_a_small_number_too),
		cmocka_unit_test(no_suppressed_value_can_be_worked_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
