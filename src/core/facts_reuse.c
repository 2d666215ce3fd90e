/*
 * facts_reuse.c - a fact builder on reference data already built (see
 * builder_new_on in facts.h): for validating one pupil's facts many times
 * over against the same gemeenten, SWVs, scholen and holidays without
 * checking those again each time (issue 17: a correction's validation was
 * mostly the rebuilding of the reference tables).
 */
#include "facts_internal.h"

#include <stdlib.h>

#include "../util/alloc.h"

bool fb_is_reference(table_id t)
{
	return t < T_LEERLINGEN;
}

builder *builder_new_on(const dataset *ref, unsigned flags)
{
	builder *b = xcalloc(1, sizeof *b);
	b->flags = flags;
	b->on_reference = true;
	dataset *ds = b->ds = xcalloc(1, sizeof *ds);
	/* The reference arrays are ref's, read only: the per-pupil rows look
	 * codes up in them (fb_gemeente, fb_swv, fb_school) and nothing of a
	 * builder writes them once their tables have ended. The cast is the
	 * dataset's shape (its arrays are not const); borrowed_reference keeps
	 * dataset_free off them. */
	ds->borrowed_reference = true;
	ds->gemeenten = ref->gemeenten;
	ds->n_gemeenten = ref->n_gemeenten;
	ds->gemeente_by_num = ref->gemeente_by_num;
	ds->swvs = ref->swvs;
	ds->n_swvs = ref->n_swvs;
	ds->swv_by_num = ref->swv_by_num;
	ds->swv_gemeenten = ref->swv_gemeenten;
	ds->n_swv_gemeenten = ref->n_swv_gemeenten;
	ds->region_swv[0] = ref->region_swv[0];
	ds->region_swv[1] = ref->region_swv[1];
	ds->schools = ref->schools;
	ds->n_schools = ref->n_schools;
	ds->school_index = ref->school_index;
	ds->regios = ref->regios;
	ds->n_regios = ref->n_regios;
	ds->vakanties = ref->vakanties;
	ds->n_vakanties = ref->n_vakanties;
	ds->calendars = ref->calendars;
	for (int t = 0; t < T_COUNT; t++)
		if (fb_is_reference((table_id)t))
			b->state[t] = 2;
	for (int k = 0; k < F_COUNT; k++)
		b->facts[k].last_pupil = UINT32_MAX;
	b->pupils_sorted = true;
	return b;
}

builder *builder_new_slice(const dataset *ref, const builder *like, unsigned flags)
{
	builder *b = builder_new_on(ref, flags);
	b->school_by_brin = like->school_by_brin;
	b->school_hash = like->school_hash;
	b->school_mask = like->school_mask;
	b->month_day = like->month_day;
	b->name_len = like->name_len;
	b->borrowed_index = true;
	b->keep_numbers = true;
	return b;
}

bool builder_take_numbers(builder *b, uint32_t **bsn, size_t *n_bsn, uint32_t **onr, size_t *n_onr)
{
	if (!b->kept_bsn && !b->kept_onr)
		return false;
	*bsn = b->kept_bsn;
	*n_bsn = b->n_kept_bsn;
	*onr = b->kept_onr;
	*n_onr = b->n_kept_onr;
	b->kept_bsn = b->kept_onr = NULL;
	b->n_kept_bsn = b->n_kept_onr = 0;
	return true;
}
