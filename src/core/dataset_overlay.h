/*
 * dataset_overlay.h - a view of an immutable base dataset with the pupils
 * changed since laid over it (copy-on-write), so that a change to a few
 * pupils costs those pupils, not a rebuild of everybody.
 *
 * A view shares every array of its base (reference data, pupils, facts,
 * offsets) and adds an overlay (dataset.h, struct dataset_overlay): the
 * current pupil row, age span and facts of every changed pupil, and a bit
 * per pupil saying which. The accessors of dataset.h read through it; the
 * base is never written, so answers computed from the base or from an older
 * view stay valid while a newer view is made.
 *
 * A view answers every question exactly as the dataset built from the same
 * facts would: pupil indices, pupil order and reference indices are the
 * base's. That is why a view cannot add or remove a pupil, nor change
 * reference data: such a change needs a full build.
 */
#ifndef INBEELD_DATASET_OVERLAY_H
#define INBEELD_DATASET_OVERLAY_H

#include <stddef.h>

#include "../util/strbuf.h"
#include "dataset.h"

/* A view of base: the changed pupils of prev (a view of the same base, or
 * base itself, or NULL), then the pupils named by ids (n of them, repeats
 * allowed) replaced by their rows in patch, a dataset built from the
 * registry for those pupils only. Returns NULL with the reason in why when
 * the change cannot be laid over the base: patch's reference data differs
 * from base's, or a named pupil is not in base (new) or not in patch (gone).
 * Free with dataset_view_free; base must outlive the view. */
dataset *dataset_view_apply(const dataset *base, const dataset *prev, const dataset *patch, const char *const *ids,
			    size_t n, strbuf *why);
/* How many pupils a view has changed (0 for a dataset as built). */
size_t dataset_view_changed(const dataset *view);
/* The changed pupils of a view, ascending (NULL when none). */
const uint32_t *dataset_view_pupils(const dataset *view);
/* Free a view (not its base); a dataset as built is freed by dataset_free. */
void dataset_view_free(dataset *view);

/* Whether a and b hold the same reference data (gemeenten, SWVs and their
 * regions, schools, holiday regions and holidays), index for index. */
bool dataset_same_reference(const dataset *a, const dataset *b);

#endif
