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
#include "status.h"

/* Every signal that holds on d, for pupils in scope and enrolled on d.
 * keep(ctx, ds, pupil, c) may narrow the pupils further (NULL keeps all); it
 * is called from several threads at once. */
void compute_signals(const dataset *ds, day_t d, int threads,
		     int (*keep)(void *ctx, const dataset *ds, uint32_t pupil, const classification *c), void *ctx,
		     signal_list *out);

/* The same for the pupils a status query's caller sees (its scope, its
 * grants, or everybody; the query's filters are not used) on q->day, with
 * the candidates of status_candidates. near (may be NULL) gets, in the same
 * order, the pupils nearing the 16 hours (signal_facts.nearing): one entry
 * each, kind MELDPLICHT_16_UUR, with the first school day with hours and the
 * hours so far, and the answer is then the number of pupils the caller sees
 * that are in scope and enrolled on the day (0 without near). */
size_t signals_run(const dataset *ds, const status_query *q, int threads, signal_list *out, signal_list *near);

#endif
