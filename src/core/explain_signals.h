/*
 * explain_signals.h - the early signals of one pupil (SPEC 7.1) in Dutch words,
 * from the facts signals_of() found.
 */
#ifndef INBEELD_EXPLAIN_SIGNALS_H
#define INBEELD_EXPLAIN_SIGNALS_H

#include "access.h"
#include "explain.h"
#include "signals.h"

/* Append the lines to ex (after the classification's own, say), written for
 * the reader rd: a school it may not name is "elders" (access_names_school);
 * rd NULL names every school (the command line). */
void explain_signals(const dataset *ds, uint32_t pupil, const classification *c, const signal_facts *f,
		     const access_reader *rd, explanation *ex);

#endif
