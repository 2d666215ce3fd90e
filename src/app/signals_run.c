/* signals_run.c - the signals of everybody on a peildatum, over threads (signals_run.h). */
#include "signals_run.h"

#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../util/alloc.h"
#include "parallel.h"

typedef struct scan {
	const dataset *ds;
	day_t d, earliest;
	int (*keep)(void *, const dataset *, uint32_t, const classification *);
	void *ctx;
	signal_list parts[PARALLEL_MAX];
} scan;

/* The earliest day any signal on d looks at, whatever the pupil's holiday
 * region: the start of the schooljaar (Kearney) or of the longest window. */
static day_t earliest_day(const dataset *ds, day_t d)
{
	day_t e = schooljaar_start(d);
	for (size_t r = 0; r <= ds->n_regios; r++) {
		day_t w = window_start(r < ds->n_regios ? &ds->calendars[r] : NULL, d, SICK_RUNS_DAYS);
		if (w < e)
			e = w;
	}
	return e;
}

/* Every signal comes from a verzuim row that has begun by d and has not ended
 * before the earliest day looked at: a pupil without one has none, and is not
 * even classified. */
static bool may_signal(const dataset *ds, uint32_t p, day_t d, day_t earliest)
{
	if (d < ds->ages[p].from || d > ds->ages[p].to)
		return false; /* out of scope by age */
	const absence *a = PUPIL_FACTS(ds, F_ABSENCE, abs, p);
	for (uint32_t i = 0, n = PUPIL_NFACTS(ds, F_ABSENCE, p); i < n && a[i].van <= d; i++)
		if (a[i].tot >= earliest)
			return true;
	return false;
}

static void scan_part(void *arg, int part, uint32_t from, uint32_t to)
{
	scan *sc = arg;
	signal_list *out = &sc->parts[part];
	classification c;
	signal_facts f;
	for (uint32_t p = from; p < to; p++) {
		if (!may_signal(sc->ds, p, sc->d, sc->earliest))
			continue;
		classify(sc->ds, p, sc->d, &c);
		if (!c.in_scope || c.enrolment < 0 || (sc->keep && !sc->keep(sc->ctx, sc->ds, p, &c)))
			continue;
		signals_of(sc->ds, p, &c, &f);
		out->rows = xgrow(out->rows, &out->cap, out->n + (size_t)f.n, sizeof *out->rows);
		for (int k = 0; k < f.n; k++)
			out->rows[out->n++] = (signal_entry){p, sc->ds->enr[c.enrolment].school, f.sig[k]};
	}
}

void compute_signals(const dataset *ds, day_t d, int threads,
		     int (*keep)(void *, const dataset *, uint32_t, const classification *), void *ctx,
		     signal_list *out)
{
	scan *sc = xcalloc(1, sizeof *sc);
	*sc = (scan){.ds = ds, .d = d, .earliest = earliest_day(ds, d), .keep = keep, .ctx = ctx};
	int n = parallel_ranges(ds->n_pupils, threads, scan_part, sc);
	*out = sc->parts[0];
	for (int i = 1; i < n; i++) {
		out->rows = xgrow(out->rows, &out->cap, out->n + sc->parts[i].n, sizeof *out->rows);
		if (sc->parts[i].n)
			memcpy(out->rows + out->n, sc->parts[i].rows, sc->parts[i].n * sizeof *out->rows);
		out->n += sc->parts[i].n;
		free(sc->parts[i].rows);
	}
	free(sc);
}

