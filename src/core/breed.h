/*
 * breed.h - the broad count of SPEC 8: every child in scope who is at home
 * four weeks or longer, for any reason, next to the official count.
 *
 * Parents' organisations count about 15,000 children at home where the
 * official figure (thuiszitters: AV and LRV) is about 4,000 (seed 004). The
 * broad count takes in, per gebied and peildatum:
 *   AV                     counted absoluut verzuim (four weeks by definition)
 *   AV_5C, AV_ADRES        registered but not counted AV (AV_5C_IN_BEHANDELING,
 *                          AV_ADRES_IN_ONDERZOEK) with 28 elapsed days or more
 *                          from the startdatum, as SPEC 4 counts four weeks
 *   LRV, LANGDURIG_ZIEK    (four weeks by definition)
 *   GESCHORST_VERWIJDERD   with 28 elapsed days or more from the start of the
 *                          exclusion run
 *   VRIJSTELLING_5A        tijdelijk or permanent, every day it covers
 * AV_KORT is left out (under four weeks by definition), and so are 5b, 5c,
 * other grounds, DREIGEND and GEEN. Each child is in one part (its categorie).
 */
#ifndef INBEELD_BREED_H
#define INBEELD_BREED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "classify.h"
#include "dataset.h"
#include "telling.h"

typedef enum breed_regel {
	BR_TOTAAL,
	BR_AV,
	BR_AV_5C,
	BR_AV_ADRES,
	BR_LRV,
	BR_LANGDURIG_ZIEK,
	BR_GESCHORST_VERWIJDERD,
	BR_VRIJSTELLING_5A,
	BR_COUNT
} breed_regel;

/* Codes (BREED_...), shapes and Dutch labels; BR_TOTAAL and 5a have totaal only. */
extern const regel_desc BREED_REGELS[BR_COUNT];

/* The part of the broad count a classification belongs to; BR_COUNT when the
 * child is not in the broad count (or not in scope). */
breed_regel breed_regel_of(const classification *c);

typedef struct breedtelling {
	view view;
	size_t n_gebieden;
	telling_cell *cells; /* n_gebieden * BR_COUNT */
} breedtelling;

void breed_init(breedtelling *t, const dataset *ds, view v);
void breed_add(breedtelling *t, const classification *c);
void breed_merge(breedtelling *into, const breedtelling *from);
void breed_free(breedtelling *t);
/* One output row, as telling_value_of (kort, lang, totaal, or totaal only). */
void breed_value_of(const breedtelling *t, size_t gebied, breed_regel r, telling_value *out);

#endif
