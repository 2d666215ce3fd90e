/*
 * suppress.h - small-number protection (SPEC 9).
 *
 * For roles that may not see the pupils behind a number, a count of 1 to 4 is
 * shown as "<5". A sum that would give such a count away (a total whose parts
 * but one are shown, or a part whose total and other parts are shown) is
 * hidden as well ("x"), and the rate per 1,000 goes when its numerator or
 * denominator is hidden. The relations in the Resultaatschema are:
 *   korter + langer = totaal                      (each row with both)
 *   AV_PO + AV_VO + LRV_PO + LRV_VO = THUISZITTERS_TOTAAL   (each column)
 *   THUISZITTERS_PER_1000 = THUISZITTERS_TOTAAL / LEERPLICHTIGEN
 */
#ifndef INBEELD_SUPPRESS_H
#define INBEELD_SUPPRESS_H

#include "telling.h"

typedef enum cell_state {
	CELL_SHOWN,  /* the number (or empty) */
	CELL_SMALL,  /* 1 to 4: "<5" */
	CELL_HIDDEN, /* would reveal a small count: "x" */
} cell_state;

enum { COL_KORT, COL_LANG, COL_TOTAAL, COL_COUNT };

typedef struct suppression {
	cell_state cell[R_COUNT][COL_COUNT];
} suppression;

/* Decide the state of every cell of one gebied's Resultaatschema. */
void suppress_small_numbers(const telling *t, size_t gebied, suppression *out);

#endif
