/* signals_run.c - the signals of everybody, or of the pupils a caller sees,
 * on a peildatum, over threads (signals_run.h). */
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
	const uint8_t *cand; /* NULL: every pupil */
	const status_query *q; /* NULL: no caller to check */
	signal_list parts[PARALLEL_MAX];
	signal_list near[PARALLEL_MAX];
	size_t enrolled[PARALLEL_MAX];
	bool want_near;
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
	if (d < AGES_AT(ds, p).from || d > AGES_AT(ds, p).to)
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
		if (sc->cand && !(sc->cand[p >> 3] & (1u << (p & 7))))
			continue;
		bool may = may_signal(sc->ds, p, sc->d, sc->earliest);
		if (!may && !sc->want_near)
			continue;
		classify(sc->ds, p, sc->d, &c);
		if (!c.in_scope || c.enrolment < 0 || (sc->keep && !sc->keep(sc->ctx, sc->ds, p, &c)))
			continue;
		if (sc->q && !status_sees(sc->ds, sc->q, p, &c))
			continue;
		sc->enrolled[part]++;
		if (!may)
			continue;
		signals_of(sc->ds, p, &c, &f);
		int32_t at = FACT_AT(sc->ds, F_ENROLMENT, enr, c.enrolment).school;
		out->rows = xgrow(out->rows, &out->cap, out->n + (size_t)f.n, sizeof *out->rows);
		for (int k = 0; k < f.n; k++)
			out->rows[out->n++] = (signal_entry){p, at, f.sig[k]};
		if (sc->want_near && f.nearing) {
			signal_list *nl = &sc->near[part];
			nl->rows = xgrow(nl->rows, &nl->cap, nl->n + 1, sizeof *nl->rows);
			nl->rows[nl->n++] = (signal_entry){
				p, at, {SIG_MELDPLICHT_16_UUR, -1, true, f.first_hour, f.hours}};
		}
	}
}

/* Append the parts in order (leerling_id order) into out, freeing them. */
static void gather(signal_list *parts, int n, signal_list *out)
{
	*out = parts[0];
	for (int i = 1; i < n; i++) {
		out->rows = xgrow(out->rows, &out->cap, out->n + parts[i].n, sizeof *out->rows);
		if (parts[i].n)
			memcpy(out->rows + out->n, parts[i].rows, parts[i].n * sizeof *out->rows);
		out->n += parts[i].n;
		free(parts[i].rows);
	}
}

static size_t run_scan(scan *sc, int threads, signal_list *out, signal_list *near)
{
	int n = parallel_ranges(sc->ds->n_pupils, threads, scan_part, sc);
	gather(sc->parts, n, out);
	if (near)
		gather(sc->near, n, near);
	size_t enrolled = 0;
	for (int i = 0; i < n; i++)
		enrolled += sc->enrolled[i];
	return enrolled;
}

void compute_signals(const dataset *ds, day_t d, int threads,
		     int (*keep)(void *, const dataset *, uint32_t, const classification *), void *ctx,
		     signal_list *out)
{
	scan *sc = xcalloc(1, sizeof *sc);
	*sc = (scan){.ds = ds, .d = d, .earliest = earliest_day(ds, d), .keep = keep, .ctx = ctx};
	run_scan(sc, threads, out, NULL);
	free(sc);
}

size_t signals_run(const dataset *ds, const status_query *q, int threads, signal_list *out, signal_list *near)
{
	uint8_t *cand = status_candidates(ds, q);
	scan *sc = xcalloc(1, sizeof *sc);
	*sc = (scan){.ds = ds, .d = q->day, .earliest = earliest_day(ds, q->day), .cand = cand, .q = q,
		     .want_near = near != NULL};
	size_t enrolled = run_scan(sc, threads, out, near);
	free(sc);
	free(cand);
	return enrolled;
}
