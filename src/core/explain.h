/*
 * explain.h - a classification in Dutch words: which facts led to it.
 */
#ifndef INBEELD_EXPLAIN_H
#define INBEELD_EXPLAIN_H

#include <stdarg.h>
#include <stddef.h>

#include "classify.h"

typedef struct explanation {
	char *summary; /* one sentence */
	char **lines;  /* the reasoning, one fact or step per line */
	size_t n, cap;
} explanation;

void explain(const dataset *ds, uint32_t pupil, const classification *c, explanation *out);
/* The same, written for a reader (access.h; NULL: everything, as explain):
 * a school or enrolment the reader may not name is "een inschrijving
 * elders", its soort and SWV unsaid; an aanbod outside its reach unlisted. */
struct access_reader;
void explain_for(const dataset *ds, uint32_t pupil, const classification *c, const struct access_reader *rd,
		 explanation *out);
void explanation_free(explanation *ex);

/* Building blocks for the explanations of other rules (explain_signals.c). */
typedef struct datestr {
	char s[DATE_TEXT];
} datestr;
datestr explain_date(day_t d); /* "16-02-2021" (nl_date); "" for DAY_NONE and DAY_OPEN */
/* Append one line; a line starting with a space is a detail of the one before. */
void explain_vline(explanation *ex, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
