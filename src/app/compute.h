/*
 * compute.h - classifying every pupil of a dataset on a peildatum, and the
 * server's day.
 *
 * The counting path: one linear scan over the per-pupil timelines, split over
 * threads in contiguous pupil ranges (so results keep leerling_id order). The
 * domain core stays single-threaded and pure; threads live here. The status
 * lists scan the same way (status.h).
 */
#ifndef INBEELD_COMPUTE_H
#define INBEELD_COMPUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/classify.h"
#include "../core/telling.h"

enum { MAX_THREADS = 16 };

/* A contiguous range of pupils [from, to): the scans split the pupils over
 * threads this way, so results keep leerling_id order. */
typedef struct pupil_range {
	uint32_t from, to;
} pupil_range;

/* Split n pupils over at most `threads` ranges (fewer for small datasets:
 * a thread gets at least 50,000 pupils); returns how many. */
int pupil_ranges(size_t n, int threads, pupil_range out[MAX_THREADS]);
/* Run fn on each of the n jobs (job_size bytes apart), the first on the
 * calling thread. A thread that cannot be created has its job run here
 * too, so the answer never depends on it. */
void run_parallel(void *jobs, size_t job_size, int n, void *(*fn)(void *));
/* Out of scope by age on d, whatever else is true (SPEC 4 rule 1): the scans
 * skip such a pupil unclassified. */
static inline bool out_of_age(const dataset *ds, uint32_t p, day_t d)
{
	const struct age_span *a = &AGES_AT(ds, p); /* 8 bytes a pupil, not a pupil struct */
	return d < a->from || d > a->to;
}

/* The Resultaatschema for every gebied of the view. */
void compute_telling(const dataset *ds, day_t d, view v, int threads, telling *out);
/* What pupil p of ds contributes to the telling of day d: counted into t
 * (sign 1), or taken out of it (sign -1). compute_telling is this for
 * everybody. */
void telling_pupil(telling *t, const dataset *ds, uint32_t p, day_t d, int sign);

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
/* Take d as today from now on (serve --vandaag: demonstrations and tests;
 * `dossierwerk laden` before each row it replays, single-threaded). Call
 * before starting threads. */
void today_fix(day_t d);

/* How many threads to use by default (online CPUs, at most 8). */
int default_threads(void);

#endif
