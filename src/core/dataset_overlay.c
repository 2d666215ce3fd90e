/*
 * dataset_overlay.c - views of a base dataset with changed pupils laid over
 * it. See dataset_overlay.h.
 */
#include "dataset_overlay.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

/* What a view owns; ov first, so a view's ov pointer is the parts'. */
typedef struct view_parts {
	dataset_overlay ov;
	dataset *delta;
	uint32_t *pupil;
	uint8_t *moved;
} view_parts;

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

bool dataset_same_reference(const dataset *a, const dataset *b)
{
	if (a->n_gemeenten != b->n_gemeenten || a->n_swvs != b->n_swvs || a->n_swv_gemeenten != b->n_swv_gemeenten ||
	    a->n_schools != b->n_schools || a->n_regios != b->n_regios || a->n_vakanties != b->n_vakanties)
		return false;
	for (size_t i = 0; i < a->n_gemeenten; i++) {
		const gemeente *x = &a->gemeenten[i], *y = &b->gemeenten[i];
		if (strcmp(x->code, y->code) != 0 || x->regio != y->regio || !same_text(x->naam, y->naam))
			return false;
	}
	for (size_t i = 0; i < a->n_swvs; i++) {
		const swv *x = &a->swvs[i], *y = &b->swvs[i];
		if (strcmp(x->code, y->code) != 0 || x->sector != y->sector || !same_text(x->naam, y->naam))
			return false;
	}
	for (size_t i = 0; i < a->n_swv_gemeenten; i++)
		if (a->swv_gemeenten[i].swv != b->swv_gemeenten[i].swv ||
		    a->swv_gemeenten[i].gemeente != b->swv_gemeenten[i].gemeente)
			return false;
	for (size_t i = 0; i < a->n_schools; i++) {
		const school *x = &a->schools[i], *y = &b->schools[i];
		if (memcmp(x->brin, y->brin, sizeof x->brin) != 0 || memcmp(x->vestiging, y->vestiging, sizeof x->vestiging) != 0 ||
		    x->soort != y->soort || x->gemeente != y->gemeente || x->swv_po != y->swv_po || x->swv_vo != y->swv_vo ||
		    x->swv != y->swv || !same_text(x->naam, y->naam))
			return false;
	}
	for (size_t i = 0; i < a->n_regios; i++)
		if (!same_text(a->regios[i], b->regios[i]))
			return false;
	for (size_t i = 0; i < a->n_vakanties; i++) {
		const vakantie *x = &a->vakanties[i], *y = &b->vakanties[i];
		if (x->regio != y->regio || x->van != y->van || x->tot != y->tot || !same_text(x->naam, y->naam))
			return false;
	}
	return true;
}

/* The array of fact kind k of ds and the size of one fact. */
static char *facts_of(const dataset *ds, fact_kind k, size_t *size)
{
	switch (k) {
	case F_RESIDENCE: *size = sizeof *ds->res; return (char *)ds->res;
	case F_ENROLMENT: *size = sizeof *ds->enr; return (char *)ds->enr;
	case F_ABSENCE: *size = sizeof *ds->abs; return (char *)ds->abs;
	case F_VRIJSTELLING: *size = sizeof *ds->vrij; return (char *)ds->vrij;
	case F_MELDING: *size = sizeof *ds->meld; return (char *)ds->meld;
	default: *size = sizeof *ds->aanbod; return (char *)ds->aanbod;
	}
}

static void set_facts(dataset *ds, fact_kind k, void *arr)
{
	switch (k) {
	case F_RESIDENCE: ds->res = arr; break;
	case F_ENROLMENT: ds->enr = arr; break;
	case F_ABSENCE: ds->abs = arr; break;
	case F_VRIJSTELLING: ds->vrij = arr; break;
	case F_MELDING: ds->meld = arr; break;
	default: ds->aanbod = arr; break;
	}
}

/* One pupil of the new delta: pupil p of the base, read from dataset src
 * (a dataset without overlay: the previous delta or the patch) at q. */
typedef struct entry {
	uint32_t p, q;
	const dataset *src;
} entry;

static int entry_cmp(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	return x->p < y->p ? -1 : x->p > y->p;
}

static const char *dup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* The delta holding entries e (sorted by p), copied out of their sources
 * with their strings. */
static dataset *delta_of(const entry *e, size_t n)
{
	dataset *d = xcalloc(1, sizeof *d);
	d->n_pupils = n;
	d->pupils = xmalloc((n ? n : 1) * sizeof *d->pupils);
	d->ages = xmalloc((n ? n : 1) * sizeof *d->ages);
	for (size_t i = 0; i < n; i++) {
		const pupil *from = &e[i].src->pupils[e[i].q];
		pupil *to = &d->pupils[i];
		*to = *from;
		to->id = dup(&d->strings, from->id);
		to->bsn = dup(&d->strings, from->bsn);
		to->onderwijsnummer = dup(&d->strings, from->onderwijsnummer);
		to->voornaam = dup(&d->strings, from->voornaam);
		to->achternaam = dup(&d->strings, from->achternaam);
		d->ages[i] = e[i].src->ages[e[i].q];
	}
	for (int k = 0; k < F_COUNT; k++) {
		uint32_t *off = d->off[k] = xmalloc((n + 1) * sizeof *off);
		off[0] = 0;
		for (size_t i = 0; i < n; i++)
			off[i + 1] = off[i] + PUPIL_NFACTS_RAW(e[i].src, (fact_kind)k, e[i].q);
		d->n_fact[k] = off[n];
		if (!off[n])
			continue;
		size_t size;
		facts_of(d, (fact_kind)k, &size);
		char *arr = xmalloc(off[n] * size);
		for (size_t i = 0; i < n; i++) {
			const char *from = facts_of(e[i].src, (fact_kind)k, &size);
			if (off[i + 1] > off[i])
				memcpy(arr + off[i] * size, from + e[i].src->off[k][e[i].q] * size, (off[i + 1] - off[i]) * size);
		}
		set_facts(d, (fact_kind)k, arr);
	}
	for (size_t i = 0; i < d->n_fact[F_MELDING]; i++)
		d->meld[i].soort = dup(&d->strings, d->meld[i].soort);
	return d;
}

dataset *dataset_view_apply(const dataset *base, const dataset *prev, const dataset *patch, const char *const *ids,
			    size_t n, strbuf *why)
{
	if (base->ov) {
		sb_puts(why, "de basis is zelf een weergave");
		return NULL;
	}
	if (!dataset_same_reference(base, patch)) {
		sb_puts(why, "de referentiegegevens zijn gewijzigd");
		return NULL;
	}
	const dataset_overlay *old = prev ? prev->ov : NULL;
	size_t n_old = old ? old->delta->n_pupils : 0;
	entry *e = xmalloc((n_old + n + 1) * sizeof *e);
	size_t ne = 0;
	size_t bytes = base->n_pupils / 8 + 1;
	uint8_t *moved = xcalloc(bytes, 1);
	for (size_t i = 0; i < n; i++) {
		int32_t p = dataset_pupil(base, ids[i], strlen(ids[i]));
		int32_t q = dataset_pupil(patch, ids[i], strlen(ids[i]));
		if (p == NO_REF || q == NO_REF) {
			sb_printf(why, "leerling %s is %s", ids[i], p == NO_REF ? "nieuw" : "verdwenen");
			free(e);
			free(moved);
			return NULL;
		}
		if (moved[p >> 3] >> (p & 7) & 1)
			continue; /* named twice */
		moved[p >> 3] |= (uint8_t)(1u << (p & 7));
		e[ne++] = (entry){(uint32_t)p, (uint32_t)q, patch};
	}
	for (size_t d = 0; d < n_old; d++) {
		uint32_t p = old->pupil[d];
		if (moved[p >> 3] >> (p & 7) & 1)
			continue; /* replaced by the patch */
		moved[p >> 3] |= (uint8_t)(1u << (p & 7));
		e[ne++] = (entry){p, (uint32_t)d, old->delta};
	}
	qsort(e, ne, sizeof *e, entry_cmp);
	view_parts *parts = xcalloc(1, sizeof *parts);
	parts->delta = delta_of(e, ne);
	parts->pupil = xmalloc((ne ? ne : 1) * sizeof *parts->pupil);
	for (size_t i = 0; i < ne; i++)
		parts->pupil[i] = e[i].p;
	parts->moved = moved;
	parts->ov = (dataset_overlay){parts->delta, parts->pupil, parts->moved};
	free(e);
	dataset *view = xmalloc(sizeof *view);
	*view = *base;
	view->ov = &parts->ov;
	return view;
}

size_t dataset_view_changed(const dataset *view)
{
	return view->ov ? view->ov->delta->n_pupils : 0;
}

const uint32_t *dataset_view_pupils(const dataset *view)
{
	return view->ov ? view->ov->pupil : NULL;
}

void dataset_view_free(dataset *view)
{
	if (!view)
		return;
	if (view->ov) {
		/* The view made these parts: its ov is const only to its readers. */
		view_parts *parts = (view_parts *)(uintptr_t)view->ov;
		dataset_free(parts->delta);
		free(parts->pupil);
		free(parts->moved);
		free(parts);
	}
	free(view);
}
