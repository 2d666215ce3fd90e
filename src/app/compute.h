/*
 * compute.h - classifying every pupil of a dataset on a peildatum.
 *
 * The counting path: one linear scan over the per-pupil timelines, split over
 * threads in contiguous pupil ranges (so results keep leerling_id order). The
 * domain core stays single-threaded and pure; threads live here.
 */
#ifndef INBEELD_COMPUTE_H
#define INBEELD_COMPUTE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/classify.h"
#include "../core/telling.h"

typedef struct status_entry {
	uint32_t pupil;
	classification c;
} status_entry;

typedef struct status_list {
	status_entry *rows;
	size_t n, cap;
} status_list;

/* Pupils in scope whose categorie is not GEEN, in leerling_id order.
 * keep(ctx, c, pupil) may narrow the list further (NULL keeps all). */
void compute_status(const dataset *ds, day_t d, int threads,
		    int (*keep)(void *ctx, const dataset *ds, uint32_t pupil, const classification *c), void *ctx,
		    status_list *out);
void status_list_free(status_list *l);

/* The Resultaatschema for every gebied of the view. */
void compute_telling(const dataset *ds, day_t d, view v, int threads, telling *out);

/*
 * Two clocks, one rule (issue 9).
 *
 * Business dates follow the server's day, today(): deadlines and the state of
 * a case, the tafel rhythm, "today" on pages and in exports, the default
 * peildatum, the default date of an event, what is "ahead" or "in the
 * future", the retention of closed dossiers. That day is the wall clock's
 * date, unless `serve --vandaag` fixed it (demonstrations, tests).
 *
 * Recording timestamps are the wall clock (store_now, store_time_after,
 * time()): when an audit entry (tijdstip), a batch (recorded_at), a fixed list
 * (vastgesteld_op), an event or stay (vastgelegd_op) was written, when a
 * session or a break-glass grant expires, the audit retention. They say when
 * something happened in the system. They are shown, kept in order and asked
 * "as known at" (--bekend-op), but no business rule reads them: never compare
 * one with a business date.
 */
/* The server's day: the local date of the wall clock, or the day given to
 * today_fix(). */
day_t today(void);
/* Take d as today from now on (serve --vandaag: demonstrations and tests).
 * Call before starting threads. */
void today_fix(day_t d);

/* How many threads to use by default (online CPUs, at most 8). */
int default_threads(void);

#endif
