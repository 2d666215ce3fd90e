/*
 * compute_year.h - the school-year count (SPEC 8.1) and the broad count
 * (SPEC 8) for every pupil of a dataset, split over threads.
 *
 * As compute.h: the core stays single-threaded and pure; the pupils are split
 * in contiguous ranges, each range counted on its own and the parts merged, so
 * the answer never depends on the number of threads.
 */
#ifndef INBEELD_COMPUTE_YEAR_H
#define INBEELD_COMPUTE_YEAR_H

#include <stddef.h>

#include "../core/breed.h"
#include "../core/jaartelling.h"

/* The jaartelling of schooljaar y for every gebied of the view. Returns the
 * number of classifications it took (one per stretch of constant
 * classification of each pupil in its age for leerplicht). */
size_t compute_jaartelling(const dataset *ds, int y, view v, int threads, jaartelling *out);

/* The broad count on peildatum d for every gebied of the view. */
void compute_breed(const dataset *ds, day_t d, view v, int threads, breedtelling *out);

#endif
