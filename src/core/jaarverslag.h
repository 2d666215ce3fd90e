/*
 * jaarverslag.h - what the annual report (jaarverslag leerplicht) decides
 * beyond the counts it shows: which schooljaar it is about by default, and
 * how the school-year count and the broad count show to a role that may not
 * see the pupils behind them (SPEC 9: 1 to 4 as "<5", and no total that
 * would give a protected part away).
 */
#ifndef INBEELD_JAARVERSLAG_H
#define INBEELD_JAARVERSLAG_H

#include "breed.h"
#include "jaartelling.h"
#include "suppress.h"

/* The last schooljaar complete on `today` (it ended on 31 July before it). */
int jaarverslag_schooljaar(day_t today);

/* The cells of gebied g of the jaartelling: [regel][0 totaal, 1 langer dan
 * 3 maanden, 2 opgelost]; a count of 1 to 4 is CELL_SMALL. The parts are
 * at most their totaal and add up to nothing shown, so nothing else needs
 * hiding. */
void jaar_protect(const jaartelling *t, size_t g, cell_state out[JR_COUNT][3]);

/* The cells of gebied g of the broad count (totaal of each part and of the
 * whole): a part of 1 to 4 is CELL_SMALL; the whole, the sum of the parts,
 * is CELL_SMALL when it is 1 to 4 itself, else CELL_HIDDEN when a part is
 * protected (it would give that part away with the others shown). */
void breed_protect(const breedtelling *t, size_t g, cell_state out[BR_COUNT]);

#endif
