/*
 * counts.c - the counts query: which gebieden the caller counts, the
 * tellingen of each day from their source, and each cell as shown. See
 * counts.h.
 */
#include "counts.h"

#include <stdlib.h>

#include "../util/alloc.h"
#include "compute.h"

const telling *telling_computed(void *ctx, const dataset *ds, day_t d, view v, telling *scratch)
{
	compute_telling(ds, d, v, *(const int *)ctx, scratch);
	return scratch;
}

void tellingen_init(tellingen *ts, const day_t *days, size_t n_days, view v, int workers)
{
	*ts = (tellingen){days, n_days, v, workers < 1 ? 1 : workers, NULL, NULL};
	ts->t = xcalloc((size_t)ts->workers * (n_days ? n_days : 1), sizeof *ts->t);
	ts->ready = xcalloc((size_t)ts->workers, sizeof *ts->ready);
}

/* Worker w's tellingen, sized by the gebieden of ds's reference data (every
 * slice's is the folder's). */
static telling *worker_tellingen(tellingen *ts, int w, const dataset *ds)
{
	telling *mine = &ts->t[(size_t)w * ts->n_days];
	if (!ts->ready[w]) {
		for (size_t k = 0; k < ts->n_days; k++)
			telling_init(&mine[k], ds, ts->v);
		ts->ready[w] = true;
	}
	return mine;
}

void tellingen_add(void *ctx, int worker, size_t slice, const dataset *ds)
{
	(void)slice; /* a sum: in any order */
	tellingen *ts = ctx;
	telling *mine = worker_tellingen(ts, worker, ds);
	for (size_t k = 0; k < ts->n_days; k++)
		for (uint32_t p = 0; p < ds->n_pupils; p++)
			telling_pupil(&mine[k], ds, p, ts->days[k], 1);
}

void tellingen_merge(tellingen *ts, const dataset *ref)
{
	worker_tellingen(ts, 0, ref);
	for (int w = 1; w < ts->workers; w++)
		for (size_t k = 0; ts->ready[w] && k < ts->n_days; k++)
			telling_merge(&ts->t[k], &ts->t[(size_t)w * ts->n_days + k]);
}

const telling *tellingen_summed(void *ctx, const dataset *ds, day_t d, view v, telling *scratch)
{
	(void)ds;
	(void)v;
	(void)scratch;
	const tellingen *ts = ctx;
	size_t k = 0;
	while (k + 1 < ts->n_days && ts->days[k] != d)
		k++;
	return &ts->t[k];
}

void tellingen_free(tellingen *ts)
{
	for (int w = 0; ts->ready && w < ts->workers; w++)
		for (size_t k = 0; ts->ready[w] && k < ts->n_days; k++)
			telling_free(&ts->t[(size_t)w * ts->n_days + k]);
	free(ts->t);
	free(ts->ready);
	*ts = (tellingen){0};
}

void counts_run(const dataset *ds, const counts_query *q, telling_source src, void *ctx, counts *out)
{
	*out = (counts){.v = q->v, .protect = q->protect, .n_days = q->n_days};
	size_t n_days = q->n_days ? q->n_days : 1;
	out->days = xcalloc(n_days, sizeof *out->days);
	out->t = xcalloc(n_days, sizeof *out->t);
	out->scratch = xcalloc(n_days, sizeof *out->scratch);
	for (size_t k = 0; k < q->n_days; k++) {
		out->days[k] = q->days[k];
		out->t[k] = src(ctx, ds, q->days[k], q->v, &out->scratch[k]);
	}
	size_t total = q->v == VIEW_SWV ? ds->n_swvs : ds->n_gemeenten;
	out->gebieden = xcalloc(total ? total : 1, sizeof *out->gebieden);
	for (size_t g = 0; g < total; g++)
		if ((!q->scope || access_sees_gebied(ds, q->scope, q->v, g)) && (!q->keep || q->keep[g]) &&
		    (!q->home || (q->scope && access_home_gebied(ds, q->scope, g))))
			out->gebieden[out->n_gebieden++] = g;
}

void counts_free(counts *c)
{
	for (size_t k = 0; k < c->n_days; k++)
		telling_free(&c->scratch[k]);
	free(c->scratch);
	free(c->t);
	free(c->days);
	free(c->gebieden);
	*c = (counts){0};
}

const suppression *counts_protection(const counts *c, size_t k, size_t i, suppression *sp)
{
	if (!c->protect)
		return NULL;
	suppress_small_numbers(c->t[k], c->gebieden[i], sp);
	return sp;
}

void counts_value(const counts *c, size_t k, size_t i, regel r, telling_value *v)
{
	telling_value_of(c->t[k], c->gebieden[i], r, v);
}

void counts_cell_text(const counts *c, size_t k, size_t i, const suppression *sp, regel r, int col, char out[32])
{
	telling_value v;
	counts_value(c, k, i, r, &v);
	cell_text(&v, col, sp, r, out);
}

void counts_sum(const counts *c, size_t k, size_t n, regel r, telling_value *v)
{
	telling_value_sum(c->t[k], c->gebieden, n < c->n_gebieden ? n : c->n_gebieden, r, v);
}
