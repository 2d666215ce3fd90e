/*
 * suppress_jaar.h - small-number protection (SPEC 9) of the school-year
 * count (SPEC 8.1) for roles that may not see the pupils behind a number:
 * what GET /api/jaartelling shows the analist ("small numbers as telling",
 * SPEC 11), with the engine of suppress_cells.h.
 *
 * Per gebied and schooljaar: a count of 1 to 4 is "<5"; further cells are
 * hidden as "x" so that no "<5" or "x", and no number of 1 to 4 not shown
 * but known through the relations (those of a regel not longer than three
 * months, those not opgelost), can be worked out. The relations: per regel
 * with a duration, langer_dan_3_maanden and opgelost are each a part of
 * totaal. The totaal of a regel stays in view whenever hiding its parts can
 * protect them.
 */
#ifndef INBEELD_SUPPRESS_JAAR_H
#define INBEELD_SUPPRESS_JAAR_H

#include "jaartelling.h"
#include "suppress_cells.h"

enum { JCOL_TOTAAL, JCOL_LANG, JCOL_OPGELOST, JCOL_COUNT };

typedef struct jaar_suppression {
	cell_state cell[JR_COUNT][JCOL_COUNT];
} jaar_suppression;

/* Decide the state of every cell of one gebied's school-year count. Depends
 * on that gebied's counts only: the same cells whoever asks. */
void jaar_suppress(const jaartelling *t, size_t gebied, jaar_suppression *out);

/* One cell as the protected reader sees it: the number, "<5", "x", or ""
 * when the cell has no value (langer_dan_3_maanden and opgelost of a
 * vrijstelling). sp NULL: nothing suppressed. */
void jaar_cell_text(const jaar_value *v, int col, const jaar_suppression *sp, jaar_regel r, char out[32]);

#endif
