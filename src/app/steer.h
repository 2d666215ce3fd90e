/*
 * steer.h - the steering counts of SPEC 8 as the server shows them: the
 * school-year count (SPEC 8.1) of a view for the gebieden a caller may see,
 * and the broad count next to a counts query (counts.h), both from the
 * snapshot's cache and protected for a role that may not see the pupils
 * behind them (suppress_steer.h). One query for /api/jaartelling, the
 * Jaartelling page and its exports, the overview and the Resultaatschema
 * (and the annual report): they render, this counts.
 */
#ifndef INBEELD_APP_STEER_H
#define INBEELD_APP_STEER_H

#include "../core/suppress_steer.h"
#include "counts.h"
#include "snapshot.h"

typedef struct year_query {
	view v;
	int schooljaar;
	const scope_set *scope; /* NULL: every gebied; else those access_sees_gebied */
	const bool *keep;	/* by gebied index of the view; NULL: every gebied */
	bool protect;		/* small numbers protected (role_counts_protected) */
} year_query;

typedef struct year_counts {
	view v;
	int schooljaar;
	bool protect;
	const jaartelling *t;
	jaartelling scratch; /* what was computed for this query alone */
	size_t n_gebieden;
	size_t *gebieden; /* the gebieden kept, in code order */
} year_counts;

void year_counts_run(snapshot *s, const year_query *q, int threads, year_counts *out);
void year_counts_free(year_counts *c);
/* The protection of the i-th gebied kept (jaar_suppress), filled in *sp;
 * NULL when the query does not protect. */
const jaar_suppression *year_counts_protection(const year_counts *c, size_t i, jaar_suppression *sp);
void year_counts_value(const year_counts *c, size_t i, jaar_regel r, jaar_value *v);
/* One cell as shown (jaar_cell_text), with sp from year_counts_protection. */
void year_counts_cell_text(const year_counts *c, size_t i, const jaar_suppression *sp, jaar_regel r, int col,
			   char out[32]);

/* The broad count on the days of a counts query, for its view and gebieden
 * (only_last: on its last day only, the others left NULL). */
typedef struct breed_counts {
	size_t n_days;
	const breedtelling **b; /* per day */
	breedtelling *scratch;	/* per day, what was computed for this query alone */
} breed_counts;

void breed_counts_run(snapshot *s, const counts *c, bool only_last, int threads, breed_counts *out);
void breed_counts_free(breed_counts *b);
/* Part r of the broad count of the i-th gebied of c on its k-th day. */
void breed_counts_value(const breed_counts *b, const counts *c, size_t k, size_t i, breed_regel r, telling_value *v);
/* The broad count's totaal of the i-th gebied on the k-th day as shown: the
 * number, or for a protected query "<5" or "x" (breed_suppress). */
void breed_counts_total_text(const breed_counts *b, const counts *c, size_t k, size_t i, char out[32]);
/* Part r of the broad count summed over the first n gebieden of c on its
 * k-th day (for roles that see every number). */
void breed_counts_sum(const breed_counts *b, const counts *c, size_t k, size_t n, breed_regel r, telling_value *v);

#endif
