/*
 * explain_signals.h - the early signals of one pupil (SPEC 7.1) in Dutch words,
 * from the facts signals_of() found.
 */
#ifndef INBEELD_EXPLAIN_SIGNALS_H
#define INBEELD_EXPLAIN_SIGNALS_H

#include "explain.h"
#include "signals.h"

/* Append the lines to ex (after the classification's own, say). */
void explain_signals(const dataset *ds, uint32_t pupil, const classification *c, const signal_facts *f,
		     explanation *ex);

#endif
