/*
 * signals_run.h - the early signals of every pupil of a dataset on a peildatum
 * (SPEC 7.1): one linear scan over the per-pupil timelines, as classification
 * is, split over threads (parallel.h).
 */
#ifndef INBEELD_SIGNALS_RUN_H
#define INBEELD_SIGNALS_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "../core/signals.h"

/* Every signal that holds on d, for pupils in scope and enrolled on d.
 * keep(ctx, ds, pupil, c) may narrow the pupils further (NULL keeps all); it
 * is called from several threads at once. */
void compute_signals(const dataset *ds, day_t d, int threads,
		     int (*keep)(void *ctx, const dataset *ds, uint32_t pupil, const classification *c), void *ctx,
		     signal_list *out);

#endif
