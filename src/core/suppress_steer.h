/*
 * suppress_steer.h - small-number protection (SPEC 9) of the steering counts
 * of SPEC 8 for roles that may not see the pupils behind them (the analist):
 * the school-year count (SPEC 8.1; its cells in suppress_jaar.h) and the
 * broad count shown next to the Resultaatschema. The cell states and marks are suppress.h's; the
 * Resultaatschema's own cells are decided there (suppress_small_numbers),
 * these only add what the steering counts make known on top of them.
 */
#ifndef INBEELD_SUPPRESS_STEER_H
#define INBEELD_SUPPRESS_STEER_H

#include "breed.h"
#include "jaartelling.h"
#include "suppress.h"
#include "suppress_jaar.h" /* the school-year count's cells */

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
