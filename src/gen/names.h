/*
 * names.h - plausible Dutch first names and surnames (invented people: any
 * likeness to a real pupil is chance). Frequent names come up more often.
 */
#ifndef INBEELD_GEN_NAMES_H
#define INBEELD_GEN_NAMES_H

#include <stdbool.h>

#include "rng.h"

const char *name_first(rng *r, bool girl, bool newcomer);
const char *name_last(rng *r, bool newcomer);

#endif
