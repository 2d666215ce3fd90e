/*
 * explain.h - a classification in Dutch words: which facts led to it.
 */
#ifndef INBEELD_EXPLAIN_H
#define INBEELD_EXPLAIN_H

#include <stddef.h>

#include "classify.h"

typedef struct explanation {
	char *summary; /* one sentence */
	char **lines;  /* the reasoning, one fact or step per line */
	size_t n, cap;
} explanation;

void explain(const dataset *ds, uint32_t pupil, const classification *c, explanation *out);
void explanation_free(explanation *ex);

#endif
