/*
 * suppress_steer.h - small-number protection (SPEC 9) of the steering counts
 * of SPEC 8 for roles that may not see the pupils behind them (the analist):
 * the school-year count (SPEC 8.1) and the broad count shown next to the
 * Resultaatschema. The cell states and marks are suppress.h's; the
 * Resultaatschema's own cells are decided there (suppress_small_numbers),
 * these only add what the steering counts make known on top of them.
 */
#ifndef INBEELD_SUPPRESS_STEER_H
#define INBEELD_SUPPRESS_STEER_H

#include "breed.h"
#include "jaartelling.h"
#include "suppress.h"

/* The columns of a jaartelling row, in the order of SPEC 8.1. */
enum { JCOL_TOTAAL, JCOL_LANG, JCOL_OPGELOST, JCOL_COUNT };

typedef struct jaar_suppression {
	cell_state cell[JR_COUNT][JCOL_COUNT];
} jaar_suppression;

/* The cells of one gebied's jaartelling as the analist sees them: 1 to 4 is
 * "<5"; langer_dan_3_maanden or opgelost becomes "x" when its difference to
 * totaal (the pupils not counted there, never shown) would be 1 to 4. Each
 * regel stands on its own: a pupil may count in several, so no sum relates
 * them. */
void jaar_suppress(const jaartelling *t, size_t gebied, jaar_suppression *out);

/* One jaartelling cell as people and exports see it: the number, "<5", "x",
 * or "" where the regel has no such column. sp NULL: nothing suppressed. */
void jaar_cell_text(const jaar_value *v, int col, const jaar_suppression *sp, jaar_regel r, char out[32]);

/* How the broad count's totaal of one gebied shows next to that gebied's
 * Resultaatschema t, protected as sp says (suppress_small_numbers). The
 * broad count adds to the official cells the AV with a 5c request and with
 * the address in research, and the geschorst/verwijderd, each four weeks or
 * longer: parts of regels the Resultaatschema shows whole. Its totaal is
 * shown only when every official cell it is built from is shown and no
 * part it adds, nor the rest of a regel it leaves out, is 1 to 4 (or when
 * it adds nothing at all); else "<5" when it is 1 to 4, else "x". The parts
 * themselves are not shown to such roles. */
cell_state breed_suppress(const breedtelling *b, const telling *t, size_t gebied, const suppression *sp);

#endif
