/*
 * suppress_cells.h - complementary suppression of one table of counts for
 * readers who may not see the pupils behind them (SPEC 9): the engine under
 * every table the analist gets, the Resultaatschema (suppress.h) and the
 * school-year count (suppress_jaar.h) alike.
 *
 * A table is cells and the relations the reader knows between them, each a
 * sum "sum of coef * cell = 0". Some cells are never shown (SUPP_UNSEEN):
 * the differences a "waarvan" regel leaves (AV_VO minus those waiting for
 * mbo), which the reader can still work out from two shown cells. A count
 * of 1 to 4 shows as "<5"; further cells are hidden as "x" so that no "<5",
 * no "x" and no never-shown difference of 1 to 4 can be brought down to
 * one value from the shown cells and the relations. How is explained in
 * suppress_cells.c.
 */
#ifndef INBEELD_SUPPRESS_CELLS_H
#define INBEELD_SUPPRESS_CELLS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum cell_state {
	CELL_SHOWN,  /* the number (or empty) */
	CELL_SMALL,  /* 1 to 4: "<5" */
	CELL_HIDDEN, /* would reveal a suppressed value: "x" */
} cell_state;

enum { SUPP_MAX_CELLS = 64, SUPP_MAX_TERMS = 5 };

typedef enum supp_kind {
	SUPP_COUNT,  /* a shown count: "<5" at 1 to 4, "x" when it must go */
	SUPP_FIXED,  /* shown as it is, in no relation (a rate's place, a copy of another cell) */
	SUPP_UNSEEN, /* never shown, but known to the reader through the relations */
} supp_kind;

typedef struct supp_term {
	int8_t coef;
	uint8_t cell;
} supp_term;

/* sum of coef * cell = 0 */
typedef struct supp_relation {
	uint8_t n;
	supp_term t[SUPP_MAX_TERMS];
} supp_relation;

typedef struct supp_table {
	int n_cells; /* at most SUPP_MAX_CELLS */
	const supp_relation *relations;
	int n_relations;
	uint8_t kind[SUPP_MAX_CELLS]; /* supp_kind */
	/* The price of hiding the cell to protect another, 0 (cheapest) to 3,
	 * or -1: never hidden for that (never shown, or in no relation). A tier
	 * is used only when the tiers below cannot protect the cell at all. */
	int8_t tier[SUPP_MAX_CELLS];
} supp_table;

/* Decide the state of every cell from the counts value[] (every relation
 * holds on them). state[] of SUPP_UNSEEN cells is CELL_HIDDEN. Depends on
 * the counts only: the same cells whoever asks. */
void suppress_cells(const supp_table *tb, const int64_t *value, cell_state *state);

/* How a protected cell shows: NULL when its number shows, "<5" (a count of
 * 1 to 4), or "x" (hidden; a rate that is not shown is always "x"). */
const char *cell_mark(cell_state st, bool is_rate);

#endif
