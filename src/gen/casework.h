/*
 * casework.h - the case work of a life (inbeeld-gen --dossierwerk,
 * docs/generator.md): for each time the child is out of school in the last
 * year before the stand - not enrolled, or away without leave or sick for
 * weeks while enrolled - what leerplicht did about it, as rows for `inbeeld
 * dossierwerk laden`: the dossier's opening (by the registry), regie taken
 * by a person of leerplicht of the residence, contacts, an MDO, the
 * placement decision (sometimes after the one extension, sometimes late or
 * never: those cases stagnate, and some are escalated), the closing when the
 * child is back, and the follow-up after the return.
 */
#ifndef INBEELD_GEN_CASEWORK_H
#define INBEELD_GEN_CASEWORK_H

#include <stdint.h>
#include <stdio.h>

#include "holidays.h"
#include "life.h"
#include "ref.h"

/* The file's header line. */
extern const char CASEWORK_HEADER[];

/* The persons who record: per gemeente of residence, CASEWORK_PEOPLE
 * accounts of leerplicht named lp-<gemeentecode>-<k>. */
enum { CASEWORK_PEOPLE = 3 };

/* Write the rows of life L (pupil id, numbered `number`) known on the stand
 * to f, drawn from their own stream of (seed, number) so the dataset itself
 * does not change with them. */
void casework_write(FILE *f, const ref *r, const holiday_list *hol, day_t stand, uint64_t seed, const life *L,
		    const char *id, uint64_t number);

#endif
