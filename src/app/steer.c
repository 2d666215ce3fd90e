/*
 * steer.c - the school-year count and the broad count for a caller: which
 * gebieden, the counts from the snapshot, each cell as shown. See steer.h.
 */
#include "steer.h"

#include <stdio.h>
#include <stdlib.h>

#include "../util/alloc.h"

void year_counts_run(snapshot *s, const year_query *q, int threads, year_counts *out)
{
	const dataset *ds = s->ds;
	*out = (year_counts){.v = q->v, .schooljaar = q->schooljaar, .protect = q->protect};
	out->t = snapshot_jaartelling(s, q->schooljaar, q->v, threads, &out->scratch);
	size_t total = q->v == VIEW_SWV ? ds->n_swvs : ds->n_gemeenten;
	out->gebieden = xcalloc(total ? total : 1, sizeof *out->gebieden);
	for (size_t g = 0; g < total; g++)
		if ((!q->scope || access_sees_gebied(ds, q->scope, q->v, g)) && (!q->keep || q->keep[g]))
			out->gebieden[out->n_gebieden++] = g;
}

void year_counts_free(year_counts *c)
{
	jaartelling_free(&c->scratch);
	free(c->gebieden);
	*c = (year_counts){0};
}

const jaar_suppression *year_counts_protection(const year_counts *c, size_t i, jaar_suppression *sp)
{
	if (!c->protect)
		return NULL;
	jaar_suppress(c->t, c->gebieden[i], sp);
	return sp;
}

void year_counts_value(const year_counts *c, size_t i, jaar_regel r, jaar_value *v)
{
	jaartelling_value_of(c->t, c->gebieden[i], r, v);
}

void year_counts_cell_text(const year_counts *c, size_t i, const jaar_suppression *sp, jaar_regel r, int col,
			   char out[32])
{
	jaar_value v;
	year_counts_value(c, i, r, &v);
	jaar_cell_text(&v, col, sp, r, out);
}

/* ---- the broad count next to a counts query --------------------------------- */

void breed_counts_run(snapshot *s, const counts *c, bool only_last, int threads, breed_counts *out)
{
	size_t n = c->n_days ? c->n_days : 1;
	*out = (breed_counts){.n_days = c->n_days};
	out->b = xcalloc(n, sizeof *out->b);
	out->scratch = xcalloc(n, sizeof *out->scratch);
	for (size_t k = only_last && c->n_days ? c->n_days - 1 : 0; k < c->n_days; k++)
		out->b[k] = snapshot_breed(s, c->days[k], c->v, threads, &out->scratch[k]);
}

void breed_counts_free(breed_counts *b)
{
	for (size_t k = 0; k < b->n_days; k++)
		breed_free(&b->scratch[k]);
	free(b->scratch);
	free(b->b);
	*b = (breed_counts){0};
}

void breed_counts_value(const breed_counts *b, const counts *c, size_t k, size_t i, breed_regel r, telling_value *v)
{
	breed_value_of(b->b[k], c->gebieden[i], r, v);
}

void breed_counts_total_text(const breed_counts *b, const counts *c, size_t k, size_t i, char out[32])
{
	telling_value v;
	breed_counts_value(b, c, k, i, BR_TOTAAL, &v);
	suppression sp;
	const suppression *shown = counts_protection(c, k, i, &sp);
	const char *mark = cell_mark(shown ? breed_suppress(b->b[k], c->t[k], c->gebieden[i], shown) : CELL_SHOWN, false);
	if (mark)
		snprintf(out, 32, "%s", mark);
	else
		snprintf(out, 32, "%lld", (long long)v.totaal);
}

void breed_counts_sum(const breed_counts *b, const counts *c, size_t k, size_t n, breed_regel r, telling_value *v)
{
	*v = (telling_value){0};
	for (size_t i = 0; i < n && i < c->n_gebieden; i++) {
		telling_value one;
		breed_counts_value(b, c, k, i, r, &one);
		v->has_kort = one.has_kort, v->has_lang = one.has_lang, v->has_totaal = one.has_totaal;
		v->kort += one.kort, v->lang += one.lang, v->totaal += one.totaal;
	}
}
