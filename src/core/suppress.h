/*
 * suppress.h - small-number protection (SPEC 9) for roles that may not see
 * the pupils behind a number (the analist).
 *
 * Per gebied and peildatum: a count of 1 to 4 is shown as "<5" (CELL_SMALL);
 * further cells are hidden as "x" (CELL_HIDDEN), as few and as small as will
 * do, so that no value behind "<5" or "x", and no difference of 1 to 4
 * between a regel and its "waarvan" regel, can be worked out from the shown
 * cells of the same gebied and peildatum through the relations of the
 * Resultaatschema. THUISZITTERS_TOTAAL totaal and THUISZITTERS_PER_1000 stay
 * visible where the total is 5 or more whenever that is possible at all. How
 * the cells are chosen is explained in suppress.c and suppress_cells.c.
 *
 * The analist counts only on the first day of a month (the ijkmomenten are
 * among them): counts of days next to each other would date single children.
 */
#ifndef INBEELD_SUPPRESS_H
#define INBEELD_SUPPRESS_H

#include "suppress_cells.h"
#include "telling.h"

enum { COL_KORT, COL_LANG, COL_TOTAAL, COL_COUNT };

typedef struct suppression {
	cell_state cell[R_COUNT][COL_COUNT];
} suppression;

/* Decide the state of every cell of one gebied's Resultaatschema. Depends on
 * that gebied's counts only: the same cells whoever asks, in whatever order
 * the gebieden come. */
void suppress_small_numbers(const telling *t, size_t gebied, suppression *out);

/* One cell as people and exports see it: the number (a rate as "453.13"),
 * "<5", "x", or "" when the cell has no value. sp NULL: nothing suppressed. */
void cell_text(const telling_value *v, int col, const suppression *sp, regel rg, char out[32]);

/* Whether a role whose counts are protected may count on day d: the first
 * day of a month. */
bool protected_day_allowed(day_t d);
/* The first day of d's month: the latest day on or before d such a role may
 * count on. */
day_t protected_day_before(day_t d);

#endif
