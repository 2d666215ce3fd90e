/* Small numbers in the steering counts (SPEC 8, 9; core/suppress_steer.c):
 * the school-year count's cells of 1 to 4 and its never-shown differences,
 * and when the broad count's totaal may stand next to a protected
 * Resultaatschema. Counts are set cell by cell, one gebied. */
#include "helpers.h"

#include <stdlib.h>

#include "../../src/core/suppress_steer.h"

static jaartelling year_of(void)
{
	jaartelling t = {.view = VIEW_GEMEENTE, .schooljaar = 2025, .n_gebieden = 1};
	t.cells = calloc(JR_COUNT, sizeof *t.cells);
	assert_non_null(t.cells);
	return t;
}

static void set_year(jaartelling *t, jaar_regel r, int64_t totaal, int64_t lang, int64_t opgelost)
{
	t->cells[r] = (jaar_cell){totaal, lang, opgelost};
}

static void year_cells(void **state)
{
	(void)state;
	jaartelling t = year_of();
	set_year(&t, JR_AV, 7, 5, 0);		/* 2 under three months: lang hidden */
	set_year(&t, JR_LRV, 9, 3, 9);		/* lang "<5"; all back at school: nothing to work out */
	set_year(&t, JR_LANGDURIG_ZIEK, 3, 3, 0); /* totaal "<5" */
	set_year(&t, JR_VRIJSTELLING_5A, 12, 0, 0);
	set_year(&t, JR_VRIJSTELLING_5B, 4, 0, 0);
	set_year(&t, JR_VRIJSTELLING_5C, 20, 14, 16); /* not counted for a vrijstelling */
	jaar_suppression sp;
	jaar_suppress(&t, 0, &sp);
	assert_int_equal(sp.cell[JR_AV][JCOL_TOTAAL], CELL_SHOWN);
	assert_int_equal(sp.cell[JR_AV][JCOL_LANG], CELL_HIDDEN);
	assert_int_equal(sp.cell[JR_AV][JCOL_OPGELOST], CELL_SHOWN);
	assert_int_equal(sp.cell[JR_LRV][JCOL_LANG], CELL_SMALL);
	assert_int_equal(sp.cell[JR_LRV][JCOL_OPGELOST], CELL_SHOWN);
	assert_int_equal(sp.cell[JR_LANGDURIG_ZIEK][JCOL_TOTAAL], CELL_SMALL);
	assert_int_equal(sp.cell[JR_LANGDURIG_ZIEK][JCOL_LANG], CELL_SMALL);
	assert_int_equal(sp.cell[JR_LANGDURIG_ZIEK][JCOL_OPGELOST], CELL_SHOWN); /* 0 next to a "<5" */
	assert_int_equal(sp.cell[JR_VRIJSTELLING_5B][JCOL_TOTAAL], CELL_SMALL);
	assert_int_equal(sp.cell[JR_VRIJSTELLING_5C][JCOL_TOTAAL], CELL_SHOWN);
	assert_int_equal(sp.cell[JR_VRIJSTELLING_5C][JCOL_LANG], CELL_SHOWN);

	char text[32];
	jaar_value v;
	jaartelling_value_of(&t, 0, JR_AV, &v);
	jaar_cell_text(&v, JCOL_LANG, &sp, JR_AV, text);
	assert_string_equal(text, "x");
	jaar_cell_text(&v, JCOL_LANG, NULL, JR_AV, text);
	assert_string_equal(text, "5");
	jaartelling_value_of(&t, 0, JR_LRV, &v);
	jaar_cell_text(&v, JCOL_LANG, &sp, JR_LRV, text);
	assert_string_equal(text, "<5");
	jaartelling_value_of(&t, 0, JR_VRIJSTELLING_5C, &v);
	jaar_cell_text(&v, JCOL_OPGELOST, &sp, JR_VRIJSTELLING_5C, text);
	assert_string_equal(text, "");
	free(t.cells);
}

/* Every shown pair of a jaartelling row leaves no difference of 1 to 4, and
 * every cell of 1 to 4 is "<5", over all rows up to 12. */
static void year_no_difference_shows(void **state)
{
	(void)state;
	jaartelling t = year_of();
	for (int64_t tot = 0; tot <= 12; tot++)
		for (int64_t part = 0; part <= tot; part++) {
			set_year(&t, JR_AV, tot, part, tot - part);
			jaar_suppression sp;
			jaar_suppress(&t, 0, &sp);
			const cell_state *row = sp.cell[JR_AV];
			assert_int_equal(row[JCOL_TOTAAL] == CELL_SMALL, tot >= 1 && tot <= 4);
			for (int k = 0; k < 2; k++) {
				int64_t v = k ? tot - part : part;
				assert_int_equal(row[JCOL_LANG + k] == CELL_SMALL, v >= 1 && v <= 4);
				if (row[JCOL_TOTAAL] == CELL_SHOWN && row[JCOL_LANG + k] == CELL_SHOWN)
					assert_false(tot - v >= 1 && tot - v <= 4);
				if (row[JCOL_LANG + k] == CELL_HIDDEN) /* "x" allows 0 too: two values at least */
					assert_true(v >= 5 && tot - v >= 1);
			}
		}
	free(t.cells);
}

/* ---- the broad count ----------------------------------------------------------- */

typedef struct pair {
	telling t;
	breedtelling b;
	suppression sp;
} pair;

static void pair_init(pair *p)
{
	p->t = (telling){.view = VIEW_GEMEENTE, .n_gebieden = 1, .cells = calloc(R_COUNT, sizeof(telling_cell))};
	p->b = (breedtelling){.view = VIEW_GEMEENTE, .n_gebieden = 1, .cells = calloc(BR_COUNT, sizeof(telling_cell))};
	assert_non_null(p->t.cells);
	assert_non_null(p->b.cells);
	/* Official: AV_PO 6 (lang), LRV_VO 5 kort, LANGDURIG_ZIEK 5 kort, 5a 5, AV_NIET_GETELD_5C 6,
	 * GESCHORST_VERWIJDERD 7 kort; the broad count the same where it must be. */
	p->t.cells[R_AV_PO] = (telling_cell){0, 6};
	p->t.cells[R_LRV_VO] = (telling_cell){5, 0};
	p->t.cells[R_THUISZITTERS_TOTAAL] = (telling_cell){5, 6};
	p->t.cells[R_LANGDURIG_ZIEK] = (telling_cell){5, 0};
	p->t.cells[R_VRIJSTELLING_5A_TIJDELIJK] = (telling_cell){5, 0};
	p->t.cells[R_AV_NIET_GETELD_5C] = (telling_cell){6, 0};
	p->t.cells[R_GESCHORST_VERWIJDERD] = (telling_cell){7, 0};
	p->b.cells[BR_AV] = (telling_cell){0, 6};
	p->b.cells[BR_LRV] = (telling_cell){5, 0};
	p->b.cells[BR_LANGDURIG_ZIEK] = (telling_cell){5, 0};
	p->b.cells[BR_VRIJSTELLING_5A] = (telling_cell){5, 0};
}

/* Set the parts the broad count adds, and its totaal. */
static cell_state broad_with(pair *p, int64_t c5, int64_t gv)
{
	p->b.cells[BR_AV_5C] = (telling_cell){c5, 0};
	p->b.cells[BR_GESCHORST_VERWIJDERD] = (telling_cell){gv, 0};
	p->b.cells[BR_TOTAAL] = (telling_cell){6 + 5 + 5 + 5 + c5 + gv, 0};
	suppress_small_numbers(&p->t, 0, &p->sp);
	return breed_suppress(&p->b, &p->t, 0, &p->sp);
}

static void broad_total(void **state)
{
	(void)state;
	pair p;
	pair_init(&p);
	/* Nothing added: the totaal is the sum of shown cells. */
	assert_int_equal(broad_with(&p, 0, 0), CELL_SHOWN);
	/* 6 of 6 with a 5c request and 7 of 7 geschorst four weeks or longer:
	 * nothing left over to work out. */
	assert_int_equal(broad_with(&p, 6, 7), CELL_SHOWN);
	/* 5 of 7 geschorst four weeks or longer: 2 shorter would show. */
	assert_int_equal(broad_with(&p, 6, 5), CELL_HIDDEN);
	/* 2 of 6 with a 5c request: a small part. */
	assert_int_equal(broad_with(&p, 2, 7), CELL_HIDDEN);
	/* 0 and 7: the 6 with a 5c request all under four weeks - not small. */
	assert_int_equal(broad_with(&p, 0, 7), CELL_SHOWN);
	/* Without protection (roles that see every number) always shown. */
	assert_int_equal(breed_suppress(&p.b, &p.t, 0, NULL), CELL_SHOWN);
	/* An official cell it is built from is "<5": its sum would show. */
	p.t.cells[R_VRIJSTELLING_5A_TIJDELIJK] = (telling_cell){3, 0};
	p.b.cells[BR_VRIJSTELLING_5A] = (telling_cell){3, 0};
	p.b.cells[BR_TOTAAL] = (telling_cell){6 + 5 + 5 + 3, 0};
	p.b.cells[BR_AV_5C] = p.b.cells[BR_GESCHORST_VERWIJDERD] = (telling_cell){0, 0};
	suppress_small_numbers(&p.t, 0, &p.sp);
	assert_int_equal(p.sp.cell[R_VRIJSTELLING_5A_TIJDELIJK][COL_TOTAAL], CELL_SMALL);
	assert_int_equal(breed_suppress(&p.b, &p.t, 0, &p.sp), CELL_HIDDEN);
	free(p.t.cells);
	free(p.b.cells);
}

static void broad_small_total(void **state)
{
	(void)state;
	pair p = {.t = {.view = VIEW_GEMEENTE, .n_gebieden = 1, .cells = calloc(R_COUNT, sizeof(telling_cell))},
		  .b = {.view = VIEW_GEMEENTE, .n_gebieden = 1, .cells = calloc(BR_COUNT, sizeof(telling_cell))}};
	assert_non_null(p.t.cells);
	assert_non_null(p.b.cells);
	suppress_small_numbers(&p.t, 0, &p.sp);
	assert_int_equal(breed_suppress(&p.b, &p.t, 0, &p.sp), CELL_SHOWN); /* 0 */
	p.t.cells[R_LANGDURIG_ZIEK] = (telling_cell){2, 0};
	p.b.cells[BR_LANGDURIG_ZIEK] = p.b.cells[BR_TOTAAL] = (telling_cell){2, 0};
	suppress_small_numbers(&p.t, 0, &p.sp);
	assert_int_equal(breed_suppress(&p.b, &p.t, 0, &p.sp), CELL_SMALL);
	free(p.t.cells);
	free(p.b.cells);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(year_cells),
		cmocka_unit_test(year_no_difference_shows),
		cmocka_unit_test(broad_total),
		cmocka_unit_test(broad_small_total),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
